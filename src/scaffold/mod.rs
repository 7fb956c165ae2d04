//! `protokoll new`: ready-to-fill content files that follow docs/FORMAT.md and build as written: a
//! kallelse with the organ's current members in its sändlista, a protokoll from an existing
//! kallelse (agenda items become paragraphs, numbered on from the organ's last paragraph that
//! year), and documents. The texts are made by pure functions over the resolved [`Site`]; only
//! [`write_new`] touches the disk, and it never replaces a file.

mod document;
mod init;
mod members;
mod minutes;
mod notice;
mod quote;
pub mod register;

pub use document::{document_id, document_text};
pub use init::{InitArgs, Initialized, init};
pub use minutes::{ProtokollText, next_paragraph, protokoll_text};
pub use notice::kallelse_text;

use crate::build::BuildError;
use crate::markup::ids;
use crate::model::date::Date;
use crate::model::kinds::DocumentKind;
use crate::model::meeting::Meeting;
use crate::model::site::Site;
use crate::reading::diagnostic::did_you_mean;
use notice::{CLOSING, OPENING};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What a scaffold wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffolded {
    /// The new file, relative to the site root.
    pub path: PathBuf,
    /// Paragraphs or agenda items in it.
    pub items: usize,
    /// Names filled into its lists.
    pub names: usize,
    /// Where the names came from ("the register", "the kallelse's sändlista").
    pub names_from: &'static str,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum NewError {
    /// The site does not load; a scaffold needs its register.
    Site(BuildError),
    /// A wrong argument (unknown organ, bad date, unknown kind, taken id), with a hint.
    Argument(String, Option<String>),
    /// The file, or the entity it would create, exists already.
    Exists(String),
    /// Writing failed.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::Site(e) => write!(
                f,
                "{e}\nfix the site first: new files are made from its register"
            ),
            NewError::Argument(m, None) => write!(f, "{m}"),
            NewError::Argument(m, Some(h)) => write!(f, "{m}\n  = hint: {h}"),
            NewError::Exists(m) => write!(f, "{m}; nothing was written"),
            NewError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

/// Writes a kallelse for `organ` on `date` to `content/<organ>/<date>/kallelse.md`.
pub fn meeting(root: &Path, organ: &str, date: &str) -> Result<Scaffolded, NewError> {
    let site = site_at(root)?;
    let (o, date) = (organ_index(&site, organ)?, parse_date(date)?);
    if let Some(k) = find_meeting(&site, o, date).and_then(|m| m.kallelse.as_ref()) {
        return Err(NewError::Exists(format!(
            "{} already has a kallelse for {organ}/{date}",
            k.path
        )));
    }
    let (text, names) = kallelse_text(&site, o, date);
    let path = meeting_path(organ, date, "kallelse.md");
    write_new(root, &path, &text)?;
    Ok(Scaffolded {
        path,
        items: OPENING.len() + CLOSING.len(),
        names,
        names_from: "the register",
    })
}

/// Writes a protokoll for `organ` on `date` to `content/<organ>/<date>/protokoll.md`, from the
/// meeting's kallelse when there is one.
pub fn protokoll(root: &Path, organ: &str, date: &str) -> Result<Scaffolded, NewError> {
    let site = site_at(root)?;
    let (o, date) = (organ_index(&site, organ)?, parse_date(date)?);
    let meeting = find_meeting(&site, o, date);
    if let Some(p) = meeting.and_then(|m| m.protokoll.as_ref()) {
        return Err(NewError::Exists(format!(
            "{} already is the protokoll of {organ}/{date}",
            p.path
        )));
    }
    let p = protokoll_text(&site, o, date);
    let path = meeting_path(organ, date, "protokoll.md");
    write_new(root, &path, &p.text)?;
    Ok(Scaffolded {
        path,
        items: p.items,
        names: p.names,
        names_from: p.names_from,
    })
}

/// What `new dokument` is told.
#[derive(Debug, Clone, Default)]
pub struct DocumentArgs {
    /// Document kind (`tjansteskrivelse`, `arsredovisning` …).
    pub typ: String,
    /// Title.
    pub titel: String,
    /// Date of the document.
    pub datum: Option<String>,
    /// Organ it is from or addressed to.
    pub organ: Option<String>,
    /// Explicit id; derived from the title otherwise.
    pub id: Option<String>,
}

/// Writes a document to `content/dokument/<id>.md`.
pub fn document(root: &Path, args: &DocumentArgs) -> Result<Scaffolded, NewError> {
    let site = site_at(root)?;
    let Some(kind) = DocumentKind::from_key(&args.typ) else {
        let kinds = DocumentKind::ALL.map(DocumentKind::key).into_iter();
        let hint = did_you_mean(&args.typ, kinds.clone())
            .unwrap_or_else(|| format!("one of {}", kinds.collect::<Vec<_>>().join(", ")));
        return Err(NewError::Argument(
            format!("unknown document kind \"{}\"", args.typ),
            Some(hint),
        ));
    };
    if args.titel.trim().is_empty() {
        return Err(NewError::Argument("the title is empty".into(), None));
    }
    let date = args.datum.as_deref().map(parse_date).transpose()?;
    if let Some(o) = &args.organ {
        organ_index(&site, o)?;
    }
    let id = args
        .id
        .clone()
        .unwrap_or_else(|| document_id(&args.typ, &args.titel));
    if !ids::is_valid_id(&id) {
        return Err(NewError::Argument(
            format!("invalid id \"{id}\": use a–z, 0–9 and single dashes"),
            None,
        ));
    }
    if let Some(d) = site.documents.iter().find(|d| d.id == id) {
        return Err(NewError::Argument(
            format!("{} already uses the id \"{id}\"", d.path),
            Some("give this one its own with --id".into()),
        ));
    }
    let text = document_text(&site, args, kind, &id, date);
    let path = PathBuf::from("content/dokument").join(format!("{id}.md"));
    write_new(root, &path, &text)?;
    Ok(Scaffolded {
        path,
        items: 0,
        names: 0,
        names_from: "",
    })
}

/// The site at `root`, read for its register; a folder without `protokoll.toml` is no site.
fn site_at(root: &Path) -> Result<Site, NewError> {
    if !crate::reading::config::is_site(root) {
        return Err(NewError::Argument(
            format!(
                "{} is not a protokoll site: it has no protokoll.toml",
                root.display()
            ),
            Some("start one with `protokoll init`, or give the site's folder with --root".into()),
        ));
    }
    crate::read_site(root).map_err(NewError::Site)
}

/// Creates `root/rel` with `text`; an existing file is an error, never replaced.
pub fn write_new(root: &Path, rel: &Path, text: &str) -> Result<(), NewError> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| NewError::Io(dir.to_path_buf(), e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => {
                NewError::Exists(format!("{} exists already", rel.display()))
            }
            _ => NewError::Io(path.clone(), e),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| NewError::Io(path.clone(), e))
}

fn meeting_path(organ: &str, date: Date, file: &str) -> PathBuf {
    PathBuf::from("content")
        .join(organ)
        .join(date.to_string())
        .join(file)
}

fn organ_index(site: &Site, id: &str) -> Result<usize, NewError> {
    site.organs.iter().position(|o| o.id == id).ok_or_else(|| {
        let ids = site.organs.iter().map(|o| o.id.as_str());
        let hint = did_you_mean(id, ids.clone())
            .unwrap_or_else(|| format!("the organs are: {}", ids.collect::<Vec<_>>().join(", ")));
        NewError::Argument(format!("unknown organ \"{id}\""), Some(hint))
    })
}

fn parse_date(s: &str) -> Result<Date, NewError> {
    Date::parse(s).map_err(|e| NewError::Argument(e, None))
}

pub(super) fn find_meeting(site: &Site, organ: usize, date: Date) -> Option<&Meeting> {
    site.meetings
        .iter()
        .find(|m| m.organ == organ && m.date == date)
}
