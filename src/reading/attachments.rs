//! The files a content file attaches (bilagor): named by `Bilagor:` under a paragraph heading or by
//! `bilagor` in a meeting's front matter, found beside the content file under `content/`, their
//! size checked against `max_bilagestorlek` and their SHA-256 taken. A missing file, one outside
//! `content/`, a content file, a folder or a file over the limit is an error at the line that names
//! it.

use crate::model::attachment::AttachmentRef;
use crate::reading::diagnostic::{Diagnostic, line_col};
use crate::reading::load::{Parsed, SourceFile};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// What the build needs to know of an attached file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// Size in bytes.
    pub size: u64,
    /// SHA-256, lower-case hex.
    pub sha256: String,
}

/// Every attachment a parsed file names, in order: its front matter's, then its paragraphs'.
pub fn named(f: &SourceFile) -> Vec<AttachmentRef> {
    let (fm, items) = match &f.parsed {
        Parsed::Protokoll(fm, body) => (&fm.bilagor, &body.items),
        Parsed::Kallelse(fm, body) => (&fm.bilagor, &body.items),
        _ => return Vec::new(),
    };
    let mut out: Vec<AttachmentRef> = fm.iter().map(|s| front_matter_ref(f, s)).collect();
    out.extend(items.iter().flat_map(|i| i.attachments.iter().cloned()));
    out
}

/// An attachment of the front matter, located at its value.
pub fn front_matter_ref(f: &SourceFile, s: &toml::Spanned<String>) -> AttachmentRef {
    // One past the opening quote.
    let (line, col) = line_col(&f.text, f.toml_offset + s.span().start + 1);
    AttachmentRef::parse(s.get_ref(), line, col)
}

/// The path, relative to the site root, of `written` as named in the content file `file`
/// (relative to the root): beside it or below, or up through `..` as long as it stays in
/// `content/`.
pub fn locate(file: &Path, written: &str) -> Result<PathBuf, String> {
    let w = Path::new(written);
    if written.trim().is_empty() {
        return Err("the attachment has no file name".into());
    }
    if w.is_absolute() || written.contains(':') {
        return Err(format!(
            "the attachment \"{written}\" must be a path beside the content file, \
                not an absolute one"
        ));
    }
    let mut parts: Vec<Component> = file
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .collect();
    for c in w.components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(_) => parts.push(c),
            _ => {}
        }
    }
    let path: PathBuf = parts.iter().collect();
    if !path.starts_with("content") || path == Path::new("content") {
        return Err(format!("the attachment \"{written}\" is outside content/"));
    }
    Ok(path)
}

/// Finds, measures and hashes every attachment `f` names (the root is the site root); each found
/// goes into `f.attachments`, each problem is an error at the place that names it.
pub fn check(root: &Path, f: &mut SourceFile, max_bytes: u64) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for r in named(f) {
        let at = |m: String| Diagnostic::error(&f.path, r.line, r.col, m);
        let rel = match locate(&f.path, &r.file) {
            Ok(p) => p,
            Err(m) => {
                errors.push(at(m));
                continue;
            }
        };
        if f.attachments.iter().any(|(p, _)| *p == rel) {
            continue;
        }
        if rel.extension().is_some_and(|e| e == "md" || e == "toml") {
            errors.push(at(format!(
                "\"{}\" is a content file, not an attachment",
                r.file
            )));
            continue;
        }
        let abs = root.join(&rel);
        let meta = match std::fs::metadata(&abs) {
            Ok(m) if m.is_file() => m,
            Ok(_) => {
                errors.push(at(format!("the attachment \"{}\" is not a file", r.file)));
                continue;
            }
            Err(_) => {
                let hint = format!("put the file at {} or correct the name", rel.display());
                errors.push(
                    at(format!("the attachment \"{}\" does not exist", r.file)).with_hint(hint),
                );
                continue;
            }
        };
        if let Ok(real) = std::fs::canonicalize(&abs)
            && let Ok(content) = std::fs::canonicalize(root.join("content"))
            && !real.starts_with(&content)
        {
            errors.push(at(format!(
                "the attachment \"{}\" leads outside content/",
                r.file
            )));
            continue;
        }
        if meta.len() > max_bytes {
            errors.push(
                at(format!(
                    "the attachment \"{}\" is {} bytes, over the limit of {max_bytes}",
                    r.file,
                    meta.len()
                ))
                .with_hint("publish a smaller file, or raise max_bilagestorlek in protokoll.toml"),
            );
            continue;
        }
        match sha256_of(&abs) {
            Ok(sha256) => f.attachments.push((
                rel,
                FileFacts {
                    size: meta.len(),
                    sha256,
                },
            )),
            Err(e) => errors.push(at(format!(
                "cannot read the attachment \"{}\": {e}",
                r.file
            ))),
        }
    }
    errors
}

/// SHA-256 of a file, read in pieces.
fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    Ok(hex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachments_are_found_beside_their_file_inside_content() {
        let f = Path::new("content/styrelsen/2024-09-12/protokoll.md");
        assert_eq!(
            locate(f, "bilagor/budget.pdf").unwrap(),
            PathBuf::from("content/styrelsen/2024-09-12/bilagor/budget.pdf")
        );
        assert_eq!(
            locate(f, "../gemensam.pdf").unwrap(),
            PathBuf::from("content/styrelsen/gemensam.pdf")
        );
        assert!(locate(f, "../../../hemligt.pdf").is_err());
        assert!(locate(f, "/etc/passwd").is_err());
        assert!(locate(f, "").is_err());
    }
}
