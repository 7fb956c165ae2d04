//! Diagnostics: a message about a place in a source file, printed as `path:line:col: error:
//! message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported, does not stop the build.
    Warning,
}

/// One problem found in the content, with its position in the original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    /// 1-based line in the original file (0 when the whole file is meant).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a line and column (1-based). A problem of a whole file, passed as line 0,
    /// points at 1:1, so that every diagnostic has a position editors and CI annotations accept.
    pub fn error(path: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_path_buf(),
            line: line.max(1),
            col: col.max(1),
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a line and column.
    pub fn warning(path: &Path, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    /// The same diagnostic as a warning.
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Whether it stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// An error at a byte offset of `text`, the whole original file.
    pub fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        Diagnostic::error(path, line, col, message)
    }

    /// Adds a hint ("did you mean …").
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The key diagnostics are sorted by: path, then position, then message.
    fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (&self.path, self.line, self.col, &self.message)
    }
}

/// Sorts diagnostics by path and position and removes exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path.display(),
            self.line,
            self.col,
            level,
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The closest candidate to `wanted`, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted_l = wanted.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&wanted_l, &c.to_lowercase());
        if score > best.map_or(0.0, |b| b.0) {
            best = Some((score, c));
        }
    }
    best.filter(|b| b.0 >= 0.85)
        .map(|b| format!("did you mean \"{}\"?", b.1))
}

/// A candidate that `written` is almost certainly a misspelling of: at most two edits away, and
/// fewer than a third of its letters, ignoring case. None when it equals a candidate exactly.
pub fn near_miss<'a>(
    written: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let w = written.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == written {
            return None;
        }
        let d = strsim::osa_distance(&w, &c.to_lowercase());
        let len = c.chars().count();
        if d <= 2 && d * 3 < len.max(3) + 1 && best.is_none_or(|b| d < b.0) {
            best = Some((d, c));
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let t = "ab\nåäö x";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, t.find('x').unwrap()), (2, 5));
    }

    #[test]
    fn did_you_mean_finds_close_names() {
        let c = ["Cecilia Frid", "Ulrika Ericsson"];
        assert_eq!(
            did_you_mean("Cecilia Fried", c).as_deref(),
            Some("did you mean \"Cecilia Frid\"?")
        );
        assert_eq!(did_you_mean("Zlatan", c), None);
    }

    #[test]
    fn display_is_path_line_col() {
        let d = Diagnostic::error(Path::new("content/a.md"), 3, 7, "bad");
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad");
    }
}
