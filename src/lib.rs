//! protokoll: a static site generator for the published record of Swedish public bodies.
//! [`run`] is the whole pipeline, one call per stage: read → resolve (∥ the ledger) → render ∥
//! search index → check links → write; a [`Build`]'s [`Mode`] says how far it goes.
//!
//! The stages are folders, each using only those on the lines above it (a test holds the code to
//! this list; the binary's `cli/` uses them all):
//!
//! 1. `markup`: text into HTML, plain text and ids
//! 2. `model`: the record and the facts about it
//! 3. `reading`: the site's files into sources
//! 4. `resolve`: sources into the model
//! 5. `output`: where files go: the sink, the link check, the manifest, the ledger, the swap
//! 6. `build`: a build's inputs and outcomes
//! 7. `render`, `search`: the model into pages, and into an index
//! 8. `serve`, `archive`, `scaffold`: the commands built on the pipeline
//! 9. `import`: Word, PDF and text into content files
//!
//! The library never prints; the binary reports.

pub mod archive;
pub mod build;
pub mod import;
pub mod markup;
pub mod model;
pub mod output;
pub mod reading;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;

pub use build::{Build, BuildError, BuildReport, Built, Mode, Progress, Sources};

use model::site::{ABOUT_PAGE, Site};
use output::ledger::{self, Sealing};
use output::sink::{Sink, WrittenFile};
use output::staging::Staging;
use output::{links, manifest, pagelinks};
use reading::diagnostic::{self, Diagnostic};
use reading::load::Loaded;
use reading::scan::{self, Scan};
use std::path::{Path, PathBuf};

/// Runs the pipeline: reads and checks the content, renders the site and its search index into the
/// build's destination, checks every link, and (for [`Mode::Publish`] and [`Mode::Preview`]) swaps
/// the new site in. Content errors are collected from every stage that can find several and
/// returned once, sorted, with the warnings found so far; nothing is written where it would be
/// seen unless everything passed.
pub fn run(build: &Build, progress: &(dyn Fn(Progress) + Sync)) -> Result<Built, BuildError> {
    let destination = Destination::open(build)?;
    let config = reading::config::load(&build.root).map_err(|d| BuildError::Content(vec![d]))?;
    let loaded = reading::load::load(&build.root, &config).map_err(sorted)?;
    let scanned = scan::scan(&loaded.files);
    let (site, sealing) = resolve_and_check_seals(config, build, &loaded, &scanned)?;
    progress(Progress::Checked {
        meetings: site.meetings.len(),
        people: site.people.len(),
        documents: site.documents.len(),
    });
    let sink = destination.sink().under(site.config.base_path());
    let (files, search) = render_and_index(&site, &build.root, &sink, progress)?;
    check_links(&files, &scanned, &loaded.warnings)?;
    progress(Progress::LinksChecked { files: files.len() });
    let mut warnings = loaded.warnings;
    warnings.extend(scanned.warnings);
    warnings.extend(policy_warnings(&site));
    warnings.extend(ledger::unmarked(&sealing));
    diagnostic::sort(&mut warnings);
    destination.commit(build, &sealing)?;
    progress(Progress::Written {
        files: files.len() + 1,
    });
    Ok(Built {
        site,
        files,
        warnings,
        sealing,
        sources: Sources {
            files: loaded.files,
            links: scanned.links,
            search,
        },
    })
}

/// Loads and resolves the site: the model only, without rendering (for `protokoll new`).
pub fn read_site(root: &Path) -> Result<Site, BuildError> {
    let config = reading::config::load(root).map_err(|d| BuildError::Content(vec![d]))?;
    let loaded = reading::load::load(root, &config).map_err(sorted)?;
    resolve::resolve(config, &loaded.files, None).map_err(sorted)
}

/// Where a build's files go.
enum Destination {
    /// Nowhere ([`Mode::Check`]).
    Nowhere,
    /// A staging directory beside the output, swapped in at the end.
    Staged(Staging),
    /// Straight into this directory ([`Mode::Archive`]).
    Direct(PathBuf),
}

impl Destination {
    /// Refuses a foreign output before any work; a staging directory is removed again if anything
    /// fails before [`Destination::commit`].
    fn open(build: &Build) -> Result<Destination, BuildError> {
        Ok(match build.mode {
            Mode::Check => Destination::Nowhere,
            Mode::Publish | Mode::Preview => {
                Destination::Staged(Staging::create(&build.output).map_err(BuildError::Write)?)
            }
            Mode::Archive => Destination::Direct(build.output.clone()),
        })
    }

    fn sink(&self) -> Sink {
        match self {
            Destination::Nowhere => Sink::discard(),
            Destination::Staged(s) => Sink::dir(s.dir()),
            Destination::Direct(dir) => Sink::dir(dir),
        }
    }

    /// Records new seals in the ledger (a publishing build only) and swaps the staged site in.
    fn commit(self, build: &Build, sealing: &Sealing) -> Result<(), BuildError> {
        if build.mode == Mode::Archive && sealing.new_text.is_some() {
            let stale = Diagnostic::error(
                Path::new(ledger::FILE),
                1,
                1,
                "the ledger of justerade protokoll is not up to date",
            )
            .with_hint("run `protokoll build` and commit justerade.toml first");
            return Err(BuildError::Content(vec![stale]));
        }
        let ledger_error =
            |e| BuildError::Write(output::WriteError::Io(build.root.join(ledger::FILE), e));
        // Written first, put in place only once the site is: a failed swap changes neither.
        let pending = match build.mode {
            Mode::Publish => ledger::prepare(&build.root, sealing).map_err(ledger_error)?,
            _ => None,
        };
        if let Destination::Staged(s) = self {
            s.commit().map_err(BuildError::Write)?;
        }
        pending
            .map_or(Ok(()), ledger::Pending::commit)
            .map_err(|e| {
                ledger_error(std::io::Error::new(
                    e.kind(),
                    format!("the site was published, but the ledger could not be updated: {e}"),
                ))
            })
    }
}

/// Resolves the model and, beside it, checks the justerade protokoll against the ledger (which
/// reads the files as written, not the model). Every content error of both, and of the scan,
/// fails the build at once.
fn resolve_and_check_seals(
    config: model::config::Config,
    build: &Build,
    loaded: &Loaded,
    scanned: &Scan,
) -> Result<(Site, Sealing), BuildError> {
    let (resolved, sealing) = rayon::join(
        || resolve::resolve(config, &loaded.files, build.day),
        || ledger::check(&build.root, &loaded.files),
    );
    let mut errors = scanned.errors.clone();
    match (resolved, sealing) {
        (Ok(site), Ok(sealing)) if errors.is_empty() => Ok((site, sealing)),
        (resolved, sealing) => {
            errors.extend(resolved.err().unwrap_or_default());
            errors.extend(sealing.err().unwrap_or_default());
            Err(with_warnings(errors, &loaded.warnings, scanned))
        }
    }
}

/// Renders every page into the sink while the search index is built beside it (`rayon::join`),
/// then the manifest of every file; returns what was kept of the files, sorted by path, and the
/// paths of the search files.
fn render_and_index(
    site: &Site,
    root: &Path,
    sink: &Sink,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(Vec<WrittenFile>, Vec<PathBuf>), BuildError> {
    let none = pagelinks::Known::new();
    let (pages, index) = rayon::join(
        || render::render_into(site, root, sink, progress),
        || {
            let files = search::build(site).map_err(|e| BuildError::Search(e.to_string()))?;
            sink.put_all(files, &none).map_err(BuildError::Write)
        },
    );
    let mut files = pages?;
    let index = index?;
    let search = index.iter().map(|f| PathBuf::from(&f.path)).collect();
    files.extend(index);
    // Last: the manifest covers every file.
    let text = manifest::text(files.iter().map(|f| (f.path.as_str(), &f.sha256)));
    let written = sink.put(manifest::FILE.into(), text.into_bytes(), &none);
    files.push(written.map_err(BuildError::Write)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, search))
}

/// Checks the links written in the sources (reported at their line and column) and those each
/// page left for the whole site.
fn check_links(
    files: &[WrittenFile],
    scanned: &Scan,
    warnings: &[Diagnostic],
) -> Result<(), BuildError> {
    let targets = links::Targets::new(files);
    let mut broken = links::check_sources(&scanned.links, &targets);
    if !broken.is_empty() {
        broken.extend_from_slice(warnings);
        broken.extend_from_slice(&scanned.warnings);
        return Err(sorted(broken));
    }
    let broken = links::check(files, &targets);
    if !broken.is_empty() {
        return Err(BuildError::Links(broken));
    }
    Ok(())
}

/// The publisher's obligations the content does not meet: no `bas_url` (no feeds, calendars or
/// sitemap), no accessibility statement, justerade protokoll missing from the notice board.
fn policy_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if site.config.bas_url.is_none() {
        out.push(Diagnostic::warning(
            Path::new("protokoll.toml"),
            0,
            0,
            "no bas_url: no Atom feeds, calendars or sitemap.xml were written",
        ));
    }
    if !site.pages.iter().any(|p| p.id == ABOUT_PAGE) {
        out.push(
            Diagnostic::warning(
                Path::new("content/om-webbplatsen.md"),
                1,
                1,
                "there is no page om-webbplatsen: a public body's website must publish an \
                 accessibility statement (lagen om tillgänglighet till digital offentlig service)",
            )
            .with_hint(
                "write it as a free page, `typ = \"sida\"` with `id = \
                \"om-webbplatsen\"`; the footer of every page links to it once it \
                exists",
            ),
        );
    }
    if site.pages.iter().any(|p| p.id == ABOUT_PAGE) && !site.config.tillganglighet.has_contact() {
        out.push(
            Diagnostic::warning(
                Path::new("protokoll.toml"),
                0,
                0,
                "the accessibility statement gives no way to reach you: lagen (2018:1937) asks for \
                 an e-mail address, a phone number or a form",
            )
            .with_hint(
                "add [tillganglighet] with epost = \"…\", telefon = \"…\" or formular \
                = \"https://…\" (and granskad = \"YYYY-MM-DD\") to protokoll.toml",
            ),
        );
    }
    out.extend(unposted(site));
    out
}

/// Justerade protokoll that belong on a notice board but have no date to count the appeal from.
fn unposted(site: &Site) -> Vec<Diagnostic> {
    site.meetings
        .iter()
        .filter(|m| site.organisations[site.organs[m.organ].organisation].notice_board)
        .filter_map(|m| m.protokoll.as_ref())
        .filter(|p| p.is_approved() && p.posted.is_none())
        .map(|p| {
            Diagnostic::warning(
                Path::new(&p.path),
                0,
                0,
                "justerat but without `justerad` (or `anslagen`): it is not on the notice board, \
                 since the appeal period counts from the day the justering is announced",
            )
        })
        .collect()
}

/// Content errors with the warnings found so far, so the publisher sees all at once.
fn with_warnings(
    mut errors: Vec<Diagnostic>,
    warnings: &[Diagnostic],
    scanned: &Scan,
) -> BuildError {
    errors.extend_from_slice(warnings);
    errors.extend_from_slice(&scanned.warnings);
    sorted(errors)
}

fn sorted(mut d: Vec<Diagnostic>) -> BuildError {
    diagnostic::sort(&mut d);
    BuildError::Content(d)
}
