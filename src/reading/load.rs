//! Load: walk `content/`, read every file and parse it in parallel. Pure parsing lives in
//! [`parse_file`] so tests can feed strings; this module only adds the file system.

use crate::model::config::Config;
use crate::model::kinds::DocumentKind;
use crate::reading::attachments::FileFacts;
use crate::reading::body::{self, Body, Of, Words};
use crate::reading::diagnostic::Diagnostic;
use crate::reading::frontmatter::{self, Split};
use crate::reading::source::{DocumentFm, KallelseFm, Kind, PageFm, ProtokollFm, RegisterFile};
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
    /// Where the Markdown body starts in `text` (its length for a register).
    pub body_offset: usize,
    /// The parsed content.
    pub parsed: Parsed,
    /// Problems found while parsing that do not stop the build.
    pub warnings: Vec<Diagnostic>,
    /// The files it attaches (bilagor), by path relative to the root, as found on disk.
    pub attachments: Vec<(PathBuf, FileFacts)>,
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

/// The parsed files and the warnings found while reading them.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every content file, in path order.
    pub files: Vec<SourceFile>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses every file under `root/content` with the site's settings, collecting all
/// errors. Files over the size limit and symlinks that lead outside `content/` are errors; a file
/// that is neither content nor an attachment a content file names is a warning.
pub fn load(root: &Path, config: &Config) -> Result<Loaded, Vec<Diagnostic>> {
    let content = root.join("content");
    let mut paths = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut others = Vec::new();
    if !content.is_dir() {
        errors.push(Diagnostic::error(
            &rel(root, &content),
            0,
            0,
            "no content directory",
        ));
        return Err(errors);
    }
    let content_real = std::fs::canonicalize(&content).unwrap_or_else(|_| content.clone());
    for entry in WalkDir::new(&content).sort_by_file_name() {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map_or(content.clone(), Path::to_path_buf);
                errors.push(Diagnostic::error(
                    &rel(root, &p),
                    0,
                    0,
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let p = e.path();
        let shown = rel(root, p);
        let content_file = matches!(p.extension().and_then(|x| x.to_str()), Some("md" | "toml"));
        let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
        if e.path_is_symlink() {
            match std::fs::canonicalize(p) {
                Err(_) => errors.push(Diagnostic::error(
                    &shown,
                    1,
                    1,
                    "the symlink points to nothing",
                )),
                Ok(target) if !target.starts_with(&content_real) => errors.push(
                    Diagnostic::error(&shown, 1, 1, "the symlink points outside content/")
                        .with_hint("copy the file into content/ instead of linking to it"),
                ),
                Ok(target) if target.is_dir() => warnings.push(Diagnostic::warning(
                    &shown,
                    1,
                    1,
                    "a symlinked directory is not read",
                )),
                Ok(_) if content_file => paths.push(p.to_path_buf()),
                Ok(_) => {}
            }
        } else if e.file_type().is_file() {
            if content_file {
                paths.push(p.to_path_buf());
            } else if !hidden {
                others.push(shown);
            }
        }
    }
    let words = Words::of(config);
    let results: Vec<Read> = paths
        .par_iter()
        .map(|p| read_with(root, p, config, &words))
        .collect();
    let mut files = Vec::new();
    // Attachments a content file names are not stray files, found or not.
    let mut attached = std::collections::HashSet::new();
    for (r, named) in results {
        attached.extend(named);
        match r {
            Ok(mut f) => {
                warnings.append(&mut f.warnings);
                files.push(f);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    for shown in others.iter().filter(|p| !attached.contains(*p)) {
        warnings.push(
            Diagnostic::warning(
                shown,
                1,
                1,
                "not read: only .md and .toml files under content/ are content",
            )
            .with_hint(
                "to publish it as a bilaga, name it on a `Bilagor:` line or in \
                `bilagor` of a protokoll or kallelse beside it",
            ),
        );
    }
    if errors.is_empty() {
        Ok(Loaded { files, warnings })
    } else {
        errors.append(&mut warnings);
        Err(errors)
    }
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

/// A file read and parsed, or its errors; and the attachments it names (paths relative to the
/// root), found or not.
type Read = (Result<SourceFile, Vec<Diagnostic>>, Vec<PathBuf>);

/// Reads and parses one file (`path` under `root`), with the site's settings (the size limits,
/// its own words); symlinks are the caller's.
pub fn read_one(root: &Path, path: &Path, config: &Config) -> Result<SourceFile, Vec<Diagnostic>> {
    read_with(root, path, config, &Words::of(config)).0
}

/// [`read_one`] with the words made already; also gives the attachments the file names (paths
/// relative to the root), found or not.
fn read_with(root: &Path, path: &Path, config: &Config, words: &Words) -> Read {
    let mut f = match read_parsed(path, config, words, root) {
        Ok(f) => f,
        Err(e) => return (Err(e), Vec::new()),
    };
    let named = crate::reading::attachments::named(&f)
        .iter()
        .filter_map(|r| crate::reading::attachments::locate(&f.path, &r.file).ok())
        .collect();
    let errors = crate::reading::attachments::check(root, &mut f, config.max_attachment_bytes());
    if errors.is_empty() {
        (Ok(f), named)
    } else {
        (Err(errors), named)
    }
}

/// Reads and parses one file; its attachments are not looked at yet.
fn read_parsed(
    path: &Path,
    config: &Config,
    words: &Words,
    root: &Path,
) -> Result<SourceFile, Vec<Diagnostic>> {
    let max_bytes = config.max_file_bytes();
    let shown = rel(root, path);
    let cannot =
        |e: std::io::Error| vec![Diagnostic::error(&shown, 0, 0, format!("cannot read: {e}"))];
    let size = std::fs::metadata(path).map_err(cannot)?.len();
    if size > max_bytes {
        return Err(vec![
            Diagnostic::error(
                &shown,
                1,
                1,
                format!("the file is {size} bytes, over the limit of {max_bytes}"),
            )
            .with_hint("split it into several files, or raise max_filstorlek in protokoll.toml"),
        ]);
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
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
    parse_file_with(shown, text, is_register, words)
}

/// Parses one file's text. `is_register` for `.toml` register files. Every error is returned,
/// the personnummer guard's included; nothing here panics on any input.
pub fn parse_file(
    path: PathBuf,
    text: String,
    is_register: bool,
) -> Result<SourceFile, Vec<Diagnostic>> {
    parse_file_with(path, text, is_register, &Words::default())
}

/// [`parse_file`] with the site's own words (`[ordlista]` of `protokoll.toml`).
pub fn parse_file_with(
    path: PathBuf,
    text: String,
    is_register: bool,
    words: &Words,
) -> Result<SourceFile, Vec<Diagnostic>> {
    if is_register {
        let mut errors = crate::reading::personnummer::check(&path, &text, text.len());
        return match toml::from_str::<RegisterFile>(&text) {
            Ok(reg) if errors.is_empty() => Ok(SourceFile {
                path,
                toml_offset: 0,
                body_offset: text.len(),
                text,
                parsed: Parsed::Register(reg),
                warnings: Vec::new(),
                attachments: Vec::new(),
            }),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.push(frontmatter::toml_error(&path, &text, 0, &e));
                Err(errors)
            }
        };
    }
    let split = match frontmatter::split(&path, &text) {
        Ok(s) => s,
        Err(d) => {
            let mut errors = crate::reading::personnummer::check(&path, &text, 0);
            errors.push(d);
            return Err(errors);
        }
    };
    let mut errors = crate::reading::personnummer::check(&path, &text, split.body_offset);
    let (toml_offset, body_offset) = (split.toml_offset, split.body_offset);
    match parse_kind(&path, &text, &split, words) {
        Ok((parsed, warnings)) if errors.is_empty() => Ok(SourceFile {
            path,
            text,
            toml_offset,
            body_offset,
            parsed,
            warnings,
            attachments: Vec::new(),
        }),
        Ok(_) => Err(errors),
        Err(mut e) => {
            errors.append(&mut e);
            Err(errors)
        }
    }
}

fn parse_kind(
    path: &Path,
    text: &str,
    split: &Split<'_>,
    words: &Words,
) -> Result<(Parsed, Vec<Diagnostic>), Vec<Diagnostic>> {
    let one = |d| vec![d];
    let kind: Kind = frontmatter::parse(path, text, split).map_err(one)?;
    let Some(typ) = kind.typ else {
        return Err(vec![
            Diagnostic::at(path, text, split.toml_offset, "missing key \"typ\"").with_hint(
                "say what the file is: typ = \"protokoll\", \"kallelse\", \"sida\" or \
                a document kind",
            ),
        ]);
    };
    let body_line = crate::reading::diagnostic::line_col(text, split.body_offset).0;
    match typ.get_ref().as_str() {
        "protokoll" => {
            let fm: ProtokollFm = frontmatter::parse(path, text, split).map_err(one)?;
            let mut body = body::parse_with(path, split.body, body_line, words, Of::Minutes)?;
            let warnings = std::mem::take(&mut body.warnings);
            Ok((Parsed::Protokoll(Box::new(fm), body), warnings))
        }
        "kallelse" => {
            let fm: KallelseFm = frontmatter::parse(path, text, split).map_err(one)?;
            let mut body = body::parse_with(path, split.body, body_line, words, Of::Notice)?;
            let warnings = std::mem::take(&mut body.warnings);
            Ok((Parsed::Kallelse(Box::new(fm), body), warnings))
        }
        "sida" => {
            let fm: PageFm = frontmatter::parse(path, text, split).map_err(one)?;
            Ok((Parsed::Page(fm, split.body.to_string()), Vec::new()))
        }
        k if DocumentKind::from_key(k).is_some() => {
            let fm: DocumentFm = frontmatter::parse(path, text, split).map_err(one)?;
            Ok((
                Parsed::Document(Box::new(fm), split.body.to_string()),
                Vec::new(),
            ))
        }
        other => {
            let mut kinds = vec!["protokoll", "kallelse", "sida"];
            kinds.extend(DocumentKind::ALL.map(DocumentKind::key));
            let d = Diagnostic::at(
                path,
                text,
                split.toml_offset + typ.span().start,
                format!("unknown typ \"{other}\""),
            );
            let hint = crate::reading::diagnostic::did_you_mean(other, kinds.iter().copied())
                .unwrap_or_else(|| format!("expected one of {}", kinds.join(", ")));
            Err(vec![d.with_hint(hint)])
        }
    }
}
