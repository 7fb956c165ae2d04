//! A build as its callers see it: what to build and how far ([`Build`], [`Mode`]), how it went
//! ([`Built`], [`BuildReport`], [`BuildError`]) and its steps as they happen ([`Progress`]). The
//! pipeline itself is [`crate::run`].

mod error;
pub mod progress;

pub use error::BuildError;
pub use progress::Progress;

use crate::model::date::Date;
use crate::model::site::Site;
use crate::output::ledger::Sealing;
use crate::output::sink::WrittenFile;
use crate::reading::diagnostic::Diagnostic;
use crate::reading::load::SourceFile;
use crate::reading::scan::SourceLink;
use std::path::PathBuf;

/// What to build, where, and how far.
#[derive(Debug, Clone)]
pub struct Build {
    /// The site root (holds `protokoll.toml` and `content/`).
    pub root: PathBuf,
    /// Where the site goes (unused by [`Mode::Check`]).
    pub output: PathBuf,
    /// How far the build goes.
    pub mode: Mode,
    /// The day the site is built on, which statuses and current lists are relative to and the
    /// output records (the binary gives `SOURCE_DATE_EPOCH`'s day or today's,
    /// [`crate::model::clock::build_day`]); None builds the site as of the newest date of its
    /// content, so the output depends on nothing but the content.
    pub day: Option<Date>,
}

/// How far a build goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every check of a build, nothing written (`protokoll check`).
    Check,
    /// Written to a staging directory beside the output and swapped in; protokoll justerat for
    /// the first time are sealed in the ledger (`protokoll build`).
    Publish,
    /// As [`Mode::Publish`], but the ledger is left as it is, so a draft being previewed is never
    /// sealed (`protokoll serve`).
    Preview,
    /// Written straight into the output directory, which the caller made and removes on failure
    /// (the archive's bag); refused unless the ledger already seals every justerat protokoll.
    Archive,
}

impl Build {
    /// A build of `root` into `output`.
    pub fn new(root: impl Into<PathBuf>, output: impl Into<PathBuf>, mode: Mode) -> Build {
        Build {
            root: root.into(),
            output: output.into(),
            mode,
            day: None,
        }
    }

    /// The same build, made on `day`.
    pub fn on(self, day: Date) -> Build {
        Build {
            day: Some(day),
            ..self
        }
    }
}

/// A site that passed every check, and what was written of it.
#[derive(Debug)]
pub struct Built {
    /// The resolved model.
    pub site: Site,
    /// What is kept of every output file (path, hash, link data), sorted by path.
    pub files: Vec<WrittenFile>,
    /// Problems that do not stop the build, sorted by path and position.
    pub warnings: Vec<Diagnostic>,
    /// What the ledger of justerade protokoll records after this build.
    pub sealing: Sealing,
    /// The parsed sources, which `serve` keeps to rebuild after an edit without reading and
    /// parsing every file again.
    pub sources: Sources,
}

/// The parsed sources a build read.
#[derive(Debug)]
pub struct Sources {
    /// Every content file, in path order.
    pub files: Vec<SourceFile>,
    /// The internal links written in them.
    pub links: Vec<SourceLink>,
    /// The output files of the search index and its export.
    pub search: Vec<PathBuf>,
}

impl Built {
    /// The number of HTML pages.
    pub fn pages(&self) -> usize {
        self.files.iter().filter(|f| f.is_html()).count()
    }

    /// What the build reports (the manifest is among the files).
    pub fn report(&self) -> BuildReport {
        BuildReport {
            pages: self.pages(),
            // The marker file that says protokoll made the output is among them too.
            files: self.files.len() + 1,
            warnings: self.warnings.clone(),
            sealed: self.sealing.sealed.clone(),
            corrected: self.sealing.corrected.clone(),
            day: self.site.reference_day,
        }
    }
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
    /// The reference day the site was built as of (recorded in `/api/index.json`).
    pub day: Option<Date>,
}
