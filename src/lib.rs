//! protokoll: a static site generator for the published record of Swedish public bodies.
//! [`build`] is the whole pipeline: load → resolve → (render ∥ search index) → check links →
//! write; [`validate`] is the same without the write.

pub mod archive;
pub mod markup;
pub mod model;
pub mod output;
pub mod progress;
pub mod reading;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;

use output::ledger;
use output::{links as linkcheck, manifest, sink};
pub use progress::Progress;
use reading::diagnostic::{self, Diagnostic};
use reading::{config, load, scan};
use std::path::{Path, PathBuf};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (holds `protokoll.toml` and `content/`).
    pub root: PathBuf,
    /// The output directory.
    pub output: PathBuf,
}

/// What a successful build made.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// HTML pages written.
    pub pages: usize,
    /// All files written.
    pub files: usize,
    /// Problems that did not stop the build, sorted by path and position.
    pub warnings: Vec<Diagnostic>,
    /// Protokoll recorded in the ledger (`justerade.toml`) for the first time: commit it.
    pub sealed: Vec<String>,
    /// Protokoll whose rättelse was recorded in the ledger.
    pub corrected: Vec<String>,
}

/// A site that passed every check, rendered into a [`sink::Sink`].
#[derive(Debug)]
pub struct Validated {
    /// The resolved model.
    pub site: model::site::Site,
    /// What is kept of every output file (path, hash, link data), sorted by path.
    pub files: Vec<sink::WrittenFile>,
    /// Problems that do not stop the build, sorted by path and position.
    pub warnings: Vec<Diagnostic>,
    /// What the ledger of justerade protokoll should record after this build.
    pub sealing: ledger::Sealing,
}

impl Validated {
    /// The number of HTML pages.
    pub fn pages(&self) -> usize {
        self.files.iter().filter(|f| f.is_html()).count()
    }

    /// What a build that wrote these files reports (the manifest counted too).
    pub fn report(&self) -> BuildReport {
        BuildReport {
            pages: self.pages(),
            files: self.files.len() + 1,
            warnings: self.warnings.clone(),
            sealed: self.sealing.sealed.clone(),
            corrected: self.sealing.corrected.clone(),
        }
    }
}

/// Why a build failed.
#[derive(Debug)]
pub enum BuildError {
    /// Problems in the content, sorted by path and position.
    Content(Vec<Diagnostic>),
    /// A template could not be loaded or rendered.
    Template(String),
    /// The rendered site links to pages or anchors that do not exist.
    Links(Vec<String>),
    /// The search index could not be built.
    Search(String),
    /// The output could not be written.
    Write(output::WriteError),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => {
                for x in d {
                    writeln!(f, "{x}")?;
                }
                let errors = d.iter().filter(|x| x.is_error()).count();
                match d.len() - errors {
                    0 => write!(f, "{errors} error(s) in the content; nothing was written"),
                    w => write!(
                        f,
                        "{errors} error(s) and {w} warning(s) in the content; nothing was written"
                    ),
                }
            }
            BuildError::Template(e) => write!(f, "template error: {e}"),
            BuildError::Links(l) => {
                for x in l {
                    writeln!(f, "{x}")?;
                }
                write!(
                    f,
                    "{} broken internal link(s); nothing was written",
                    l.len()
                )
            }
            BuildError::Search(e) => write!(f, "search index: {e}"),
            BuildError::Write(e) => write!(f, "{e}"),
        }
    }
}

/// Loads and resolves the site: the model only, without rendering (warnings are dropped).
pub fn check(root: &Path) -> Result<model::site::Site, BuildError> {
    let config = config::load(root).map_err(|d| BuildError::Content(vec![d]))?;
    let loaded = load::load(root, &config).map_err(sorted)?;
    resolve::resolve(config, &loaded.files).map_err(sorted)
}

/// Every check the build makes, nothing written: load (with the personnummer guard), resolve,
/// the ledger of justerade protokoll, the links of the Markdown sources, render, and the links
/// of the output. Every file is rendered and hashed, then dropped.
pub fn validate(root: &Path) -> Result<Validated, BuildError> {
    validate_with_progress(root, &progress::none)
}

/// [`validate`], reporting each step to `progress`.
pub fn validate_with_progress(
    root: &Path,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Validated, BuildError> {
    validate_into(root, &sink::Sink::Discard, progress)
}

/// [`validate`], each output file written to `sink` as soon as it is made (the build's staging
/// directory); after a failure the sink holds a partial site, for the caller to remove.
pub fn validate_into(
    root: &Path,
    sink: &sink::Sink,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Validated, BuildError> {
    validate_keeping_sources(root, sink, progress).map(|(v, _)| v)
}

/// The parsed sources a validation read, which `serve` keeps to rebuild after an edit without
/// reading and parsing every file again.
#[derive(Debug)]
pub struct Sources {
    /// Every content file, in path order.
    pub files: Vec<load::SourceFile>,
    /// The internal links written in them.
    pub links: Vec<scan::SourceLink>,
    /// The output files of the search index and its export.
    pub search: Vec<PathBuf>,
}

/// [`validate_into`], also returning the parsed sources.
pub fn validate_keeping_sources(
    root: &Path,
    sink: &sink::Sink,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(Validated, Sources), BuildError> {
    let config = config::load(root).map_err(|d| BuildError::Content(vec![d]))?;
    let loaded = load::load(root, &config).map_err(sorted)?;
    let scanned = scan::scan(&loaded.files);
    let mut warnings = loaded.warnings;
    warnings.extend(scanned.warnings);
    // Content errors come with the warnings found so far, so the publisher sees all at once.
    let fail = |mut errors: Vec<Diagnostic>, warnings: &[Diagnostic]| {
        errors.extend_from_slice(warnings);
        sorted(errors)
    };
    // The ledger reads the files as written, not the model: it is checked beside the resolve.
    let (resolved, sealing) = rayon::join(
        || resolve::resolve(config, &loaded.files),
        || ledger::check(root, &loaded.files),
    );
    let site = match resolved {
        Ok(site) if scanned.errors.is_empty() => site,
        Ok(_) => return Err(fail(scanned.errors, &warnings)),
        Err(mut e) => {
            e.extend(scanned.errors);
            return Err(fail(e, &warnings));
        }
    };
    let sealing = match sealing {
        Ok(s) => s,
        Err(e) => return Err(fail(e, &warnings)),
    };
    progress(Progress::Checked {
        meetings: site.meetings.len(),
        people: site.people.len(),
        documents: site.documents.len(),
    });
    let none = linkcheck::Known::new();
    let (pages, index) = rayon::join(
        || render::render_into(&site, root, sink, progress),
        || {
            let files = search::build(&site).map_err(|e| BuildError::Search(e.to_string()))?;
            sink.put_all(files, &none).map_err(BuildError::Write)
        },
    );
    let mut files = pages?;
    let index = index?;
    let search = index.iter().map(|f| PathBuf::from(&f.path)).collect();
    files.extend(index);
    // Last: the manifest covers every file.
    let text = manifest::text(&files);
    files.push(
        sink.put(manifest::FILE.into(), text.into_bytes(), &none)
            .map_err(BuildError::Write)?,
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let targets = linkcheck::Targets::new(&files);
    let broken = linkcheck::check_sources(&scanned.links, &targets);
    if !broken.is_empty() {
        return Err(fail(broken, &warnings));
    }
    let broken = linkcheck::check(&files, &targets);
    if !broken.is_empty() {
        return Err(BuildError::Links(broken));
    }
    progress(Progress::LinksChecked { files: files.len() });
    if site.config.bas_url.is_none() {
        warnings.push(Diagnostic::warning(
            Path::new("protokoll.toml"),
            0,
            0,
            "no bas_url: no Atom feeds, calendars or sitemap.xml were written",
        ));
    }
    if !site.pages.iter().any(|p| p.id == ABOUT_PAGE) {
        warnings.push(
            Diagnostic::warning(
                Path::new("content/om-webbplatsen.md"),
                1,
                1,
                "there is no page om-webbplatsen: a public body's website must publish an \
                 accessibility statement (lagen om tillgänglighet till digital offentlig service)",
            )
            .with_hint("write it as a free page, `typ = \"sida\"` with `id = \"om-webbplatsen\"`; the footer of every page links to it once it exists"),
        );
    }
    warnings.extend(unposted(&site));
    diagnostic::sort(&mut warnings);
    let sources = Sources {
        files: loaded.files,
        links: scanned.links,
        search,
    };
    Ok((
        Validated {
            site,
            files,
            warnings,
            sealing,
        },
        sources,
    ))
}

/// [`validate_into`] for when nothing may change the sources (the archive): the ledger must
/// already record every justerat protokoll.
pub fn sealed_into(root: &Path, sink: &sink::Sink) -> Result<Validated, BuildError> {
    let v = validate_into(root, sink, &progress::none)?;
    if v.sealing.new_text.is_some() {
        return Err(BuildError::Content(vec![
            Diagnostic::error(
                Path::new(ledger::FILE),
                0,
                0,
                "the ledger of justerade protokoll is not up to date",
            )
            .with_hint("run `protokoll build` and commit justerade.toml first"),
        ]));
    }
    Ok(v)
}

/// The id of the free page with the accessibility statement, linked from every page's footer.
pub const ABOUT_PAGE: &str = "om-webbplatsen";

/// Builds the site at `opts.root` into `opts.output`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    build_with_progress(opts, &progress::none)
}

/// [`build`], reporting each step to `progress` (called from several threads while rendering).
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport, BuildError> {
    build_inner(opts, progress, true).map(|(v, _)| v.report())
}

/// [`build`] for a preview (`serve`), also returning the parsed sources for its incremental
/// rebuilds: the same output, but the ledger of justerade protokoll is left as it is, so a draft
/// being previewed is never sealed.
pub fn preview_keeping_sources(opts: &BuildOptions) -> Result<(Validated, Sources), BuildError> {
    build_inner(opts, &progress::none, false)
}

fn build_inner(
    opts: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
    seal: bool,
) -> Result<(Validated, Sources), BuildError> {
    // Refuses a foreign output before any work; removed again if anything below fails.
    let staging = output::Staging::create(&opts.output).map_err(BuildError::Write)?;
    let sink = sink::Sink::Dir(staging.dir().to_path_buf());
    let (v, sources) = validate_keeping_sources(&opts.root, &sink, progress)?;
    if seal {
        ledger::save(&opts.root, &v.sealing).map_err(|e| {
            BuildError::Write(output::WriteError::Io(opts.root.join(ledger::FILE), e))
        })?;
    }
    staging.commit().map_err(BuildError::Write)?;
    progress(Progress::Written {
        files: v.files.len() + 1,
    });
    Ok((v, sources))
}

/// Justerade protokoll that belong on a notice board but have no date to count the appeal from.
fn unposted(site: &model::site::Site) -> Vec<Diagnostic> {
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

fn sorted(mut d: Vec<Diagnostic>) -> BuildError {
    diagnostic::sort(&mut d);
    BuildError::Content(d)
}
