//! Why a source could not be read: each error is a whole-file problem that stops the import with
//! a message saying what to do.

use std::fmt;

/// A file the import cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file could not be read from disk.
    Io(String),
    /// A zip archive that is damaged or truncated.
    CorruptZip(String),
    /// A zip archive without a Word document in it (no `word/document.xml`).
    NotWord,
    /// A Word document whose XML is not well-formed.
    BadXml {
        /// The part of the package (`word/document.xml`).
        part: String,
        /// What the XML reader said.
        message: String,
    },
    /// An old binary Word file (`.doc`), or a password-protected `.docx` (both are OLE containers).
    OldWord,
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// A PDF that needs a password.
    EncryptedPdf,
    /// A PDF poppler cannot parse.
    CorruptPdf(String),
    /// `pdftotext` is not installed.
    MissingTool(&'static str),
    /// A file that is none of text, docx and PDF (an image, a spreadsheet, binary data).
    UnknownFormat(String),
    /// A readable file in which nothing reads as minutes, a kallelse or one of their documents.
    NotMinutes,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io(m) => write!(f, "cannot read the file: {m}"),
            ImportError::CorruptZip(m) => {
                write!(f, "not a readable .docx: the zip archive is damaged ({m})")
            }
            ImportError::NotWord => {
                write!(
                    f,
                    "a zip archive but not a Word document (no word/document.xml): save it as .docx"
                )
            }
            ImportError::BadXml { part, message } => {
                write!(
                    f,
                    "a damaged Word document: {part} is not well-formed XML ({message})"
                )
            }
            ImportError::OldWord => write!(
                f,
                "an old binary Word document (.doc) or a password-protected .docx: \
                 open it in Word or LibreOffice and save it as .docx without a password"
            ),
            ImportError::NoTextLayer => write!(
                f,
                "no text layer: run OCR first (the PDF holds only images of pages)"
            ),
            ImportError::EncryptedPdf => write!(
                f,
                "an encrypted PDF: save it without a password first (e.g. qpdf \
                    --decrypt --password=PASSWORD in.pdf out.pdf)"
            ),
            ImportError::CorruptPdf(m) => write!(f, "a damaged PDF that cannot be read ({m})"),
            ImportError::MissingTool(tool) => write!(
                f,
                "reading PDF needs {tool} from poppler-utils, which is not installed: \
                 apt-get install poppler-utils (Debian, Ubuntu), dnf install poppler-utils, brew \
                 install poppler"
            ),
            ImportError::UnknownFormat(what) => {
                write!(
                    f,
                    "not a document the import reads ({what}): give it a .docx, a PDF or plain text"
                )
            }
            ImportError::NotMinutes => write!(
                f,
                "not minutes: no header table, no § or numbered items and no known kind of \
                 document \
                 (tjänsteskrivelse, motion, beslut, report) was found in it"
            ),
        }
    }
}

impl std::error::Error for ImportError {}
