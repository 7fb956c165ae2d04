//! Why a build failed: content errors (every one, sorted), a template error, broken links, the
//! search index or a write.

use crate::output::WriteError;
use crate::reading::diagnostic::Diagnostic;

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
    Write(WriteError),
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
