//! Load: walk `content/`, read every file and parse it in parallel. Pure parsing lives in
//! [`parse_file`] so tests can feed strings; this module only adds the file system.

use crate::body::{self, Body};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, Split};
use crate::source::{self, DocumentFm, KallelseFm, Kind, PageFm, ProtokollFm, RegisterFile};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a content file turned out to be.
#[derive(Debug)]
pub enum Parsed {
    /// A register of organisations, organs and people.
    Register(RegisterFile),
    /// Minutes of a meeting.
    Protokoll(Box<ProtokollFm>, Body),
    /// Notice and agenda of a meeting.
    Kallelse(Box<KallelseFm>, Body),
    /// A document or report, with its Markdown.
    Document(Box<DocumentFm>, String),
    /// A free page, with its Markdown.
    Page(PageFm, String),
}

/// A parsed file with its text, kept so later passes can point into it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, for messages.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// Where the TOML starts in `text`.
    pub toml_offset: usize,
    /// The parsed content.
    pub parsed: Parsed,
}

impl SourceFile {
    /// An error at a spanned front-matter value.
    pub fn at<T>(&self, s: &toml::Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(
            &self.path,
            &self.text,
            self.toml_offset + s.span().start,
            message,
        )
    }
}

/// Largest content file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads and parses every file under `root/content`, collecting all errors.
pub fn load(root: &Path) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    let content = root.join("content");
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    for entry in WalkDir::new(&content).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "toml")) {
                    paths.push(p.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(e) => {
                let p = e.path().map_or(content.clone(), Path::to_path_buf);
                errors.push(Diagnostic::error(
                    &rel(root, &p),
                    0,
                    0,
                    format!("cannot read: {e}"),
                ));
            }
        }
    }
    if !content.is_dir() {
        errors.push(Diagnostic::error(
            &rel(root, &content),
            0,
            0,
            "no content directory",
        ));
    }
    let results: Vec<Result<SourceFile, Vec<Diagnostic>>> =
        paths.par_iter().map(|p| read_one(root, p)).collect();
    let mut files = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

fn read_one(root: &Path, path: &Path) -> Result<SourceFile, Vec<Diagnostic>> {
    let shown = rel(root, path);
    let bytes = std::fs::read(path)
        .map_err(|e| vec![Diagnostic::error(&shown, 0, 0, format!("cannot read: {e}"))])?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::error(
            &shown,
            1,
            1,
            format!(
                "the file is {} bytes, over the limit of {MAX_FILE_BYTES}",
                bytes.len()
            ),
        )]);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(good);
        vec![
            Diagnostic::at(&shown, &text, text.len(), "the file is not UTF-8").with_hint(
                "save it as UTF-8 (in Word: Spara som → Oformaterad text → Unicode UTF-8)",
            ),
        ]
    })?;
    let is_register = path.extension().and_then(|x| x.to_str()) == Some("toml");
    parse_file(shown, text, is_register)
}

/// Parses one file's text. `is_register` for `.toml` register files.
pub fn parse_file(
    path: PathBuf,
    text: String,
    is_register: bool,
) -> Result<SourceFile, Vec<Diagnostic>> {
    if is_register {
        let reg: RegisterFile = toml::from_str(&text)
            .map_err(|e| vec![frontmatter::toml_error(&path, &text, 0, &e)])?;
        return Ok(SourceFile {
            path,
            text,
            toml_offset: 0,
            parsed: Parsed::Register(reg),
        });
    }
    let split = frontmatter::split(&path, &text).map_err(|d| vec![d])?;
    let toml_offset = split.toml_offset;
    let parsed = parse_kind(&path, &text, &split)?;
    Ok(SourceFile {
        path,
        text,
        toml_offset,
        parsed,
    })
}

fn parse_kind(path: &Path, text: &str, split: &Split<'_>) -> Result<Parsed, Vec<Diagnostic>> {
    let one = |d| vec![d];
    let kind: Kind = frontmatter::parse(path, text, split).map_err(one)?;
    let Some(typ) = kind.typ else {
        return Err(vec![Diagnostic::at(path, text, split.toml_offset, "missing field \"typ\"")
            .with_hint("say what the file is: typ = \"protokoll\", \"kallelse\", \"sida\" or a document kind")]);
    };
    let body_line = crate::diagnostic::line_col(text, split.body_offset).0;
    match typ.get_ref().as_str() {
        "protokoll" => {
            let fm: ProtokollFm = frontmatter::parse(path, text, split).map_err(one)?;
            let body = body::parse(path, split.body, body_line)?;
            Ok(Parsed::Protokoll(Box::new(fm), body))
        }
        "kallelse" => {
            let fm: KallelseFm = frontmatter::parse(path, text, split).map_err(one)?;
            let body = body::parse(path, split.body, body_line)?;
            Ok(Parsed::Kallelse(Box::new(fm), body))
        }
        "sida" => {
            let fm: PageFm = frontmatter::parse(path, text, split).map_err(one)?;
            Ok(Parsed::Page(fm, split.body.to_string()))
        }
        k if source::DOCUMENT_KINDS.iter().any(|d| d.0 == k) => {
            let fm: DocumentFm = frontmatter::parse(path, text, split).map_err(one)?;
            Ok(Parsed::Document(Box::new(fm), split.body.to_string()))
        }
        other => {
            let mut kinds = vec!["protokoll", "kallelse", "sida"];
            kinds.extend(source::DOCUMENT_KINDS.iter().map(|d| d.0));
            let d = Diagnostic::at(
                path,
                text,
                split.toml_offset + typ.span().start,
                format!("unknown typ \"{other}\""),
            );
            let hint = crate::diagnostic::did_you_mean(other, kinds.iter().copied())
                .unwrap_or_else(|| format!("expected one of {}", kinds.join(", ")));
            Err(vec![d.with_hint(hint)])
        }
    }
}
