//! Bilagor: files beside a content file (PDF, Word, spreadsheets, images) attached to a paragraph
//! (`Bilagor:` under its heading) or to a meeting (`bilagor` in the front matter), copied to the
//! site under the meeting's URL and listed with their name, type, size and SHA-256.

/// An attachment as named in a content file: `Budget 2024 (budget-2024.pdf)` or `karta.pdf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRef {
    /// The title, when one is written before the file name in parentheses.
    pub title: Option<String>,
    /// The file, relative to the folder of the content file that names it.
    pub file: String,
    /// 1-based line where it is named.
    pub line: usize,
    /// 1-based column where it is named.
    pub col: usize,
}

impl AttachmentRef {
    /// Reads `Titel (fil.pdf)` or `fil.pdf` at `line`:`col`.
    pub fn parse(written: &str, line: usize, col: usize) -> AttachmentRef {
        let t = written.trim();
        if let Some(inner) = t.strip_suffix(')')
            && let Some(open) = inner.rfind('(')
            && inner[open + 1..].contains('.')
            && !inner[..open].trim().is_empty()
        {
            return AttachmentRef {
                title: Some(inner[..open].trim().to_string()),
                file: inner[open + 1..].trim().to_string(),
                line,
                col,
            };
        }
        AttachmentRef {
            title: None,
            file: t.to_string(),
            line,
            col,
        }
    }
}

/// An attachment copied to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The title as written, else the file name.
    pub title: String,
    /// The file's name as written.
    pub file_name: String,
    /// The source file, relative to the site root (`content/styrelsen/2024-09-12/budget.pdf`).
    pub source: String,
    /// Its last URL segment (`budget-2024.pdf`): the file name's slug and its extension.
    pub segment: String,
    /// IANA media type.
    pub media_type: &'static str,
    /// Size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// 1-based line and column where the content file names it.
    pub at: (usize, usize),
}

/// Every attachment of a meeting: its protokoll's and kallelse's, and their paragraphs'.
pub fn of_meeting(m: &crate::model::meeting::Meeting) -> impl Iterator<Item = &Attachment> {
    let p = m.protokoll.iter().flat_map(|p| {
        p.attachments
            .iter()
            .chain(p.items.iter().flat_map(|i| &i.attachments))
    });
    let k = m.kallelse.iter().flat_map(|k| {
        k.attachments
            .iter()
            .chain(k.items.iter().flat_map(|i| &i.attachments))
    });
    p.chain(k)
}

/// Media types by file extension (lower case); others are `application/octet-stream`.
const MEDIA_TYPES: &[(&str, &str, &str)] = &[
    ("pdf", "application/pdf", "PDF"),
    ("doc", "application/msword", "Word"),
    (
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
    ),
    ("xls", "application/vnd.ms-excel", "Excel"),
    (
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
    ),
    ("ppt", "application/vnd.ms-powerpoint", "PowerPoint"),
    (
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
    ),
    (
        "odt",
        "application/vnd.oasis.opendocument.text",
        "OpenDocument-text",
    ),
    (
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        "OpenDocument-kalkylblad",
    ),
    ("txt", "text/plain", "Text"),
    ("csv", "text/csv", "CSV"),
    ("jpg", "image/jpeg", "JPEG-bild"),
    ("jpeg", "image/jpeg", "JPEG-bild"),
    ("png", "image/png", "PNG-bild"),
    ("svg", "image/svg+xml", "SVG-bild"),
    ("zip", "application/zip", "ZIP-arkiv"),
];

/// The extension of a file name, lower case ("" without one).
fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !ext.contains('/') => ext.to_lowercase(),
        _ => String::new(),
    }
}

/// The media type of a file name.
pub fn media_type(name: &str) -> &'static str {
    let ext = extension(name);
    MEDIA_TYPES
        .iter()
        .find(|(e, _, _)| *e == ext)
        .map_or("application/octet-stream", |(_, m, _)| m)
}

/// The kind of file in words, for pages ("PDF", "Word", else the extension in capitals).
pub fn kind_text(name: &str) -> String {
    let ext = extension(name);
    MEDIA_TYPES
        .iter()
        .find(|(e, _, _)| *e == ext)
        .map_or_else(|| ext.to_uppercase(), |(_, _, t)| t.to_string())
}

/// The URL segment of a file: the slug of its name and its extension (`Bilaga 1 Budget.PDF` →
/// `bilaga-1-budget.pdf`).
pub fn segment(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    let ext = extension(name);
    let stem = if ext.is_empty() {
        name
    } else {
        &name[..name.len() - ext.len() - 1]
    };
    let slug = crate::markup::ids::slug(stem);
    match (slug.is_empty(), ext.is_empty()) {
        (true, _) => format!("bilaga.{ext}"),
        (false, true) => slug,
        (false, false) => format!("{slug}.{ext}"),
    }
}

/// A size as pages show it: "820 byte", "14 kB", "1,2 MB" (powers of 1000, Swedish decimal comma).
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} byte"),
        b if b < 1_000_000 => format!("{} kB", (b + 500) / 1000),
        b => {
            let tenths = (b + 50_000) / 100_000;
            format!("{},{} MB", tenths / 10, tenths % 10)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_titles_types_and_sizes() {
        let r = AttachmentRef::parse("Budget 2024 (budget-2024.pdf)", 3, 10);
        assert_eq!(
            (r.title.as_deref(), r.file.as_str()),
            (Some("Budget 2024"), "budget-2024.pdf")
        );
        let r = AttachmentRef::parse("Bilaga (1).pdf", 3, 10);
        assert_eq!((r.title, r.file.as_str()), (None, "Bilaga (1).pdf"));
        assert_eq!(media_type("a.PDF"), "application/pdf");
        assert_eq!(media_type("a"), "application/octet-stream");
        assert_eq!(kind_text("x.docx"), "Word");
        assert_eq!(kind_text("x.dwg"), "DWG");
        assert_eq!(
            segment("bilagor/Bilaga 1 – Budget.PDF"),
            "bilaga-1-budget.pdf"
        );
        assert_eq!(size_text(820), "820 byte");
        assert_eq!(size_text(14_499), "14 kB");
        assert_eq!(size_text(1_250_000), "1,3 MB");
    }
}
