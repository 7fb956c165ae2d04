//! protokoll: a static site generator for the published record of Swedish public bodies.
//! [`build`] is the whole pipeline: load → resolve → render → check links → write.

pub mod body;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod frontmatter;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod names;
pub mod output;
pub mod prose;
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

/// Loads and resolves the site without writing anything.
pub fn check(root: &Path) -> Result<site::Site, BuildError> {
    let config = config::Config::load(root).map_err(|d| BuildError::Content(vec![d]))?;
    let files = load::load(root).map_err(sorted)?;
    resolve::resolve(config, &files).map_err(sorted)
}

/// Builds the site at `opts.root` into `opts.output`.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    output::check_replaceable(&opts.output).map_err(BuildError::Write)?;
    let site = check(&opts.root)?;
    let files = render::render(&site, &opts.root)?;
    let broken = linkcheck::check(&files);
    if !broken.is_empty() {
        return Err(BuildError::Links(broken));
    }
    output::write_all(&opts.output, &files).map_err(BuildError::Write)?;
    let pages = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .count();
    Ok(BuildReport {
        pages,
        files: files.len() + 1,
    })
}

fn sorted(mut d: Vec<Diagnostic>) -> BuildError {
    diagnostic::sort(&mut d);
    BuildError::Content(d)
}
