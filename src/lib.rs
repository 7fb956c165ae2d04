//! protokoll: a static site generator for the published record of Swedish public bodies.
//! [`build`] is the whole pipeline: load → resolve → render → check links → write.

pub mod appeal;
pub mod archive;
pub mod body;
pub mod config;
pub mod date;
pub mod dates;
pub mod diagnostic;
pub mod frontmatter;
pub mod ledger;
pub mod linkcheck;
pub mod load;
pub mod manifest;
pub mod markdown;
pub mod names;
pub mod output;
pub mod render;
pub mod resolve;
pub mod site;
pub mod source;

use diagnostic::Diagnostic;
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
    /// Protokoll recorded in the ledger (`justerade.toml`) for the first time: commit it.
    pub sealed: Vec<String>,
    /// Protokoll whose rättelse was recorded in the ledger.
    pub corrected: Vec<String>,
    /// Things the publisher should know that did not stop the build.
    pub warnings: Vec<String>,
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
                write!(
                    f,
                    "{} error(s) in the content; nothing was written",
                    d.len()
                )
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
            BuildError::Write(e) => write!(f, "{e}"),
        }
    }
}

/// Loads and resolves the site and checks it against the ledger, without writing anything.
pub fn check(root: &Path) -> Result<site::Site, BuildError> {
    load_sealed(root).map(|(site, _)| site)
}

/// load → resolve → the ledger of justerade protokoll; returns what the ledger should record.
fn load_sealed(root: &Path) -> Result<(site::Site, ledger::Sealing), BuildError> {
    let config = config::Config::load(root).map_err(|d| BuildError::Content(vec![d]))?;
    let files = load::load(root).map_err(sorted)?;
    let site = resolve::resolve(config, &files).map_err(sorted)?;
    let sealing = ledger::check(root, &files).map_err(sorted)?;
    Ok((site, sealing))
}

/// The site and its output files, for when nothing may change the sources: the ledger must
/// already record every justerat protokoll.
pub fn sealed_outputs(root: &Path) -> Result<(site::Site, Vec<output::OutFile>), BuildError> {
    let (site, sealing) = load_sealed(root)?;
    if sealing.new_text.is_some() {
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
    let files = outputs(&site, root)?;
    Ok((site, files))
}

/// Every output file of the site, checked: pages, data, feeds … and last the manifest.
fn outputs(site: &site::Site, root: &Path) -> Result<Vec<output::OutFile>, BuildError> {
    let mut files = render::render(site, root)?;
    // Last: the manifest covers every file.
    manifest::add(&mut files);
    let broken = linkcheck::check(&files);
    if !broken.is_empty() {
        return Err(BuildError::Links(broken));
    }
    Ok(files)
}

/// Builds the site at `opts.root` into `opts.output`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    output::check_replaceable(&opts.output).map_err(BuildError::Write)?;
    let (site, sealing) = load_sealed(&opts.root)?;
    let files = outputs(&site, &opts.root)?;
    ledger::save(&opts.root, &sealing)
        .map_err(|e| BuildError::Write(output::WriteError::Io(opts.root.join(ledger::FILE), e)))?;
    output::write_all(&opts.output, &files).map_err(BuildError::Write)?;
    let pages = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count();
    let mut warnings = Vec::new();
    if site.config.bas_url.is_none() {
        warnings.push(
            "protokoll.toml has no bas_url: no Atom feeds, calendars or sitemap.xml were written"
                .to_string(),
        );
    }
    warnings.extend(unposted(&site));
    Ok(BuildReport {
        pages,
        files: files.len() + 1,
        sealed: sealing.sealed,
        corrected: sealing.corrected,
        warnings,
    })
}

/// Justerade protokoll that belong on a notice board but have no date to count the appeal from.
fn unposted(site: &site::Site) -> Vec<String> {
    site.meetings
        .iter()
        .filter(|m| site.organisations[site.organs[m.organ].organisation].notice_board)
        .filter_map(|m| m.protokoll.as_ref())
        .filter(|p| p.is_adjusted() && p.posted.is_none())
        .map(|p| {
            format!(
                "{}: justerat but without `justerad` (or `anslagen`): it is not on the notice board, \
                 since the appeal period counts from the day the justering is announced",
                p.path
            )
        })
        .collect()
}

fn sorted(mut d: Vec<Diagnostic>) -> BuildError {
    diagnostic::sort(&mut d);
    BuildError::Content(d)
}
