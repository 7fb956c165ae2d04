//! The reading side of `protokoll import`. In: a publisher's file as it is, a Word document
//! (`.docx`), a PDF with a text layer, or plain text pasted from either. Out: a [`Source`], the
//! document as blocks in reading order (headings, paragraphs with bold and italic runs, list items,
//! tables as rows of cells, footnotes, page breaks), each with its place in the file, plus what the
//! reader left out on purpose (page numbers, running headers); and, for a bundle, where each of its
//! documents starts ([`split`]). The recognizers ([`recognize`]) make each document a draft in the
//! content format ([`write`]); [`plan`] is the whole import as the files to write and a report.
//! Nothing here writes files or prints.

pub mod block;
pub mod docx;
pub mod error;
pub mod inline;
pub mod pdf;
pub mod plan;
pub mod recognize;
pub mod split;
pub mod text;
pub mod write;
pub mod xml;

pub use block::{
    Block, Cell, Dropped, Format, Kind, Marker, Place, Row, Run, Source, Table, Text, Unit,
};
pub use error::ImportError;

use std::path::Path;

/// Reads a file, deciding its format from its first bytes (not from its name): a zip is a Word
/// document, `%PDF-` a PDF, an OLE container an old `.doc`; anything else must be UTF-8 text.
pub fn read(path: &Path) -> Result<Source, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io(e.to_string()))?;
    match sniff(&bytes) {
        Sniffed::Pdf => pdf::read(path),
        _ => read_bytes(&bytes),
    }
}

/// Reads a file's bytes (a PDF needs the file on disk for `pdftotext`: use [`read`] or
/// [`pdf::read`] for one).
pub fn read_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
    match sniff(bytes) {
        Sniffed::Zip => docx::read(bytes),
        Sniffed::Ole => Err(ImportError::OldWord),
        Sniffed::Pdf => Err(ImportError::UnknownFormat(
            "a PDF given as bytes: read it from its file".into(),
        )),
        Sniffed::Text(s) => Ok(text::read(s)),
        Sniffed::Binary(what) => Err(ImportError::UnknownFormat(what.into())),
    }
}

enum Sniffed<'a> {
    Zip,
    Ole,
    Pdf,
    Text(&'a str),
    Binary(&'static str),
}

fn sniff(bytes: &[u8]) -> Sniffed<'_> {
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    // A PDF may have a few bytes of junk before its header; readers accept it within 1 KB.
    let head = &bytes[..bytes.len().min(1024)];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(OLE) {
        Sniffed::Ole
    } else if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
    {
        Sniffed::Binary("an image: run OCR and import the text")
    } else if bytes.starts_with(b"{\\rtf") {
        Sniffed::Binary("an RTF file: save it as .docx")
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) if !s.contains('\0') => Sniffed::Text(s),
            _ => Sniffed::Binary("binary data, not UTF-8 text"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_their_bytes() {
        assert!(matches!(
            read_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Err(ImportError::OldWord)
        ));
        assert!(matches!(
            read_bytes(b"\x89PNG\r\n"),
            Err(ImportError::UnknownFormat(_))
        ));
        assert!(matches!(
            read_bytes(b"\xff\xfe\0a"),
            Err(ImportError::UnknownFormat(_))
        ));
        assert_eq!(
            read_bytes("§ 1 Upprop".as_bytes()).unwrap().format,
            Format::Text
        );
        assert!(matches!(
            read_bytes(b"PK\x03\x04garbage"),
            Err(ImportError::CorruptZip(_))
        ));
    }
}
