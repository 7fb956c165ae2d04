//! The PDF reader (in progress).
use crate::import::{ImportError, Source};
use std::path::Path;
/// Reads a PDF.
pub fn read(_path: &Path) -> Result<Source, ImportError> {
    Err(ImportError::MissingTool("pdftotext"))
}
