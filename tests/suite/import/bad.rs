//! Every bad input gives its own clear error, and nothing is read.

use super::doc;
use protokoll::import::{self, ImportError};

fn error(name: &str) -> ImportError {
    match import::read(&doc(&format!("bad/{name}"))) {
        Ok(s) => panic!("{name} was read: {} blocks", s.blocks.len()),
        Err(e) => e,
    }
}

#[test]
fn a_scan_without_a_text_layer() {
    let e = error("scanned.pdf");
    assert_eq!(e, ImportError::NoTextLayer);
    assert!(e.to_string().starts_with("no text layer: run OCR first"));
}

#[test]
fn an_encrypted_pdf() {
    let e = error("encrypted.pdf");
    assert_eq!(e, ImportError::EncryptedPdf);
    assert!(e.to_string().contains("encrypted PDF"));
}

#[test]
fn a_damaged_pdf() {
    let e = error("corrupt.pdf");
    assert!(matches!(e, ImportError::CorruptPdf(_)), "{e:?}");
    assert!(e.to_string().starts_with("a damaged PDF"));
}

#[test]
fn a_damaged_docx() {
    let e = error("corrupt.docx");
    assert!(matches!(e, ImportError::CorruptZip(_)), "{e:?}");
    assert!(e.to_string().contains("zip archive is damaged"));
}

#[test]
fn a_zip_that_is_not_word() {
    let e = error("not-word.docx");
    assert_eq!(e, ImportError::NotWord);
    assert!(e.to_string().contains("not a Word document"));
}

#[test]
fn an_old_binary_doc() {
    let e = error("old-word.doc");
    assert_eq!(e, ImportError::OldWord);
    assert!(e.to_string().contains("save it as .docx"));
}

#[test]
fn a_missing_file() {
    assert!(matches!(
        import::read(&doc("bad/no-such-file.pdf")),
        Err(ImportError::Io(_))
    ));
}
