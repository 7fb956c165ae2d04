//! The PDF reader: the text layer in reading order. poppler's `pdftotext -bbox-layout` gives every
//! word with its box ([`bbox`]); the reading order is rebuilt here from the boxes, not taken from
//! poppler: words into visual lines and cells ([`lines`]), running headers, footers and page
//! numbers left out, then tables ([`table`]: a two-column name list read column by column),
//! headings by size, list items and paragraphs with hyphens joined only where safe ([`layout`]).

pub mod bbox;
pub mod layout;
pub mod lines;
pub mod table;

use crate::import::block::Source;
use crate::import::error::ImportError;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Reads a PDF file with `pdftotext` (poppler-utils).
pub fn read(path: &Path) -> Result<Source, ImportError> {
    let xhtml = pdftotext(path)?;
    let pages = bbox::parse(&xhtml).map_err(ImportError::CorruptPdf)?;
    from_pages(&pages)
}

/// Makes the blocks of a document from its pages of words. Pure; a document without a single word
/// is a scan without a text layer.
pub fn from_pages(pages: &[bbox::Page]) -> Result<Source, ImportError> {
    if pages.iter().all(|p| p.words.is_empty()) {
        return Err(ImportError::NoTextLayer);
    }
    Ok(layout::read(pages))
}

/// Runs `pdftotext -bbox-layout` on the file and returns its XHTML.
fn pdftotext(path: &Path) -> Result<String, ImportError> {
    // A relative name starting with `-` would be read as an option.
    let path: PathBuf = if path.is_relative() {
        Path::new(".").join(path)
    } else {
        path.to_path_buf()
    };
    let out = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8", "-q"])
        .arg(&path)
        .arg("-")
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ImportError::MissingTool("pdftotext"),
            _ => ImportError::Io(format!("running pdftotext: {e}")),
        })?;
    if !out.status.success() {
        // -q hides poppler's messages, so ask again for them to tell a password from damage.
        let again = Command::new("pdftotext")
            .arg(&path)
            .arg("/dev/null")
            .output();
        let stderr = again
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_default();
        if stderr.to_lowercase().contains("password") {
            return Err(ImportError::EncryptedPdf);
        }
        let first = stderr
            .lines()
            .next()
            .unwrap_or("pdftotext failed")
            .trim()
            .to_string();
        return Err(ImportError::CorruptPdf(first));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| ImportError::CorruptPdf("pdftotext wrote text that is not UTF-8".into()))
}
