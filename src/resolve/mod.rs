//! Resolve: turn the loaded files into the linked [`Site`]: registers first, then meetings and
//! documents with every name and reference checked, then the links both ways. All errors are
//! collected; the caller fails once. [`patch`] does the same after an edit of some meeting,
//! document or page files, making only their entities again before linking the whole site.

mod attachments;
mod attendance;
mod backlinks;
mod claims;
mod consistency;
mod documents;
mod links;
mod meetings;
mod people;
mod registers;
mod room;
mod sittings;
mod spelling;

use crate::markup::ids;
use crate::model::config::Config;
use crate::model::meeting::*;
use crate::model::names::*;
use crate::model::site::*;
use crate::reading::diagnostic::{Diagnostic, did_you_mean};
use crate::reading::load::{Parsed, SourceFile};
use crate::reading::source::SignatureRec;
use people::NameIndex;
pub use people::UnknownName;
pub use spelling::same_person;
use std::collections::BTreeSet;
use std::path::Path;
use toml::Spanned;

/// URL segments the generator itself uses at the top level.
pub const RESERVED: &[&str] = &[
    "arende", "person", "ar", "dokument", "parti", "kommun", "sok", "organ", "static",
];

/// Builds the site graph from the loaded files, as of `build_day` (the day its caller builds on;
/// None: as of the newest date of the content).
pub fn resolve(
    config: Config,
    files: &[SourceFile],
    build_day: Option<crate::model::date::Date>,
) -> Result<Site, Vec<Diagnostic>> {
    let mut r = Resolver::new(config, files);
    r.site.build_day = build_day;
    r.meetings(files);
    r.documents(files);
    r.pages(files);
    r.memberships(files);
    r.link(
        files,
        &Scope {
            meetings: None,
            kept: BTreeSet::new(),
            replaced: None,
        },
    );
    if r.errors.is_empty() {
        Ok(r.site)
    } else {
        Err(r.errors)
    }
}

/// The names of the content that no spelling of the register matches, in file order, with the
/// spellings the register has (for `protokoll register --unknown`). Made by the same resolution as
/// [`resolve`]; its other errors are left for the build to report.
pub fn unknown_names(
    config: Config,
    files: &[SourceFile],
) -> (Vec<people::UnknownName>, Vec<String>) {
    let mut r = Resolver::new(config, files);
    r.meetings(files);
    r.documents(files);
    r.pages(files);
    r.memberships(files);
    let mut unknown = std::mem::take(&mut r.pending.unknown);
    unknown.sort_by(|a, b| (&a.path, a.offset).cmp(&(&b.path, b.offset)));
    (unknown, r.names.spellings().to_vec())
}

/// The meetings, documents and free pages an edit replaced (by index), to put back with
/// [`unpatch`] when the edit cannot be shown after all.
#[derive(Debug, Default)]
pub struct Replaced {
    /// Meetings as they were.
    pub meetings: Vec<(usize, Meeting)>,
    /// Documents as they were.
    pub documents: Vec<(usize, Document)>,
    /// Free pages as they were.
    pub pages: Vec<(usize, FreePage)>,
}

/// What [`patch`] did.
#[derive(Debug)]
pub enum Patched {
    /// The site shows the edit; this is what it replaced.
    Done(Replaced),
    /// The edited files have errors (sorted later by the caller); the site is as it was.
    Errors(Vec<Diagnostic>),
}

/// Resolves `site` again after the files at `changed` (paths relative to the root, each a known
/// protokoll, kallelse, document or free page) were edited in `files`: their meetings, documents
/// and pages are made again from their files and linked, with the same checks as [`resolve`]; the
/// links back are made again for the whole site, and the cases, URL claims and spellings when the
/// edit can have changed them. Err when the edit changes which
/// entities exist (a meeting's organ or date, a document's or page's id): only [`resolve`] can say.
pub fn patch(site: &mut Site, files: &[SourceFile], changed: &[&Path]) -> Result<Patched, String> {
    let targets = patch_targets(site, files, changed)?;
    let mut r = Resolver::new(site.config.clone(), files);
    r.site = std::mem::take(site);
    let mut replaced = Replaced::default();
    for &m in &targets.meetings {
        let new = r.meeting(files, m);
        replaced
            .meetings
            .push((m, std::mem::replace(&mut r.site.meetings[m], new)));
    }
    for &(d, f) in &targets.documents {
        let new = r.document(f).expect("a document file");
        replaced
            .documents
            .push((d, std::mem::replace(&mut r.site.documents[d], new)));
    }
    for &(p, f) in &targets.pages {
        let new = r.page(f).expect("a page file");
        replaced
            .pages
            .push((p, std::mem::replace(&mut r.site.pages[p], new)));
    }
    // A document's links name a meeting and its items; only those naming an edited meeting, and
    // the edited documents, can link differently now.
    let edited: BTreeSet<usize> = targets.documents.iter().map(|&(d, _)| d).collect();
    let names_edited = |d: &Document| {
        let adopted = d.adopted_by.map(|r| r.meeting);
        [d.meeting, adopted]
            .into_iter()
            .flatten()
            .any(|m| targets.meetings.contains(&m))
    };
    let kept = (0..r.site.documents.len())
        .filter(|d| !edited.contains(d) && !names_edited(&r.site.documents[*d]))
        .collect();
    r.link(
        files,
        &Scope {
            meetings: Some(&targets.meetings),
            kept,
            replaced: Some(&replaced),
        },
    );
    *site = r.site;
    if r.errors.is_empty() {
        Ok(Patched::Done(replaced))
    } else {
        unpatch(site, files, replaced);
        Ok(Patched::Errors(r.errors))
    }
}

/// Puts back what [`patch`] replaced and links the site again, as it was before the edit. What
/// was put back keeps its own links (its items', a document's meeting and decision), since
/// `files` hold the edit; the links between entities are made again.
pub fn unpatch(site: &mut Site, files: &[SourceFile], replaced: Replaced) {
    let mut r = Resolver::new(site.config.clone(), files);
    r.site = std::mem::take(site);
    let kept = replaced.documents.iter().map(|(d, _)| *d).collect();
    for (m, old) in replaced.meetings {
        r.site.meetings[m] = old;
    }
    for (d, old) in replaced.documents {
        r.site.documents[d] = old;
    }
    for (p, old) in replaced.pages {
        r.site.pages[p] = old;
    }
    r.link(
        files,
        &Scope {
            meetings: Some(&BTreeSet::new()),
            kept,
            replaced: None,
        },
    );
    *site = r.site;
}

/// What the link phase makes again.
struct Scope<'a> {
    /// The meetings whose items are linked (None: every meeting).
    meetings: Option<&'a BTreeSet<usize>>,
    /// Documents whose meeting and adopting decision stay as they are.
    kept: BTreeSet<usize>,
    /// What a patch replaced, so that what it cannot have changed is not made again (None:
    /// everything is).
    replaced: Option<&'a Replaced>,
}

/// What a patch makes again: meetings by index, documents and pages by index with their file.
struct Targets<'a> {
    meetings: BTreeSet<usize>,
    documents: Vec<(usize, &'a SourceFile)>,
    pages: Vec<(usize, &'a SourceFile)>,
}

/// Finds the entities of the edited files, and refuses an edit that moves a file to another
/// meeting, gives a meeting a second file of one kind, or changes a document's or page's id.
fn patch_targets<'a>(
    site: &Site,
    files: &'a [SourceFile],
    changed: &[&Path],
) -> Result<Targets<'a>, String> {
    let mut t = Targets {
        meetings: BTreeSet::new(),
        documents: Vec::new(),
        pages: Vec::new(),
    };
    for &path in changed {
        let shown = path.display();
        let f = files
            .iter()
            .find(|f| f.path == path)
            .ok_or_else(|| format!("{shown}: not a content file"))?;
        let p = path.to_str().unwrap_or("");
        match &f.parsed {
            Parsed::Protokoll(..) | Parsed::Kallelse(..) => {
                let (organ, date, sitting, _) = meetings::meeting_key(f).expect("a meeting file");
                let m = site
                    .meetings
                    .iter()
                    .position(|m| {
                        let paths = [
                            m.protokoll.as_ref().map(|x| x.path.as_str()),
                            m.kallelse.as_ref().map(|x| x.path.as_str()),
                        ];
                        paths.contains(&Some(p))
                    })
                    .ok_or_else(|| format!("{shown}: a meeting file that was not one"))?;
                let meeting = &site.meetings[m];
                if site.organs[meeting.organ].id != *organ.get_ref()
                    || (meeting.date, meeting.sitting) != (date, sitting)
                {
                    return Err(format!("{shown}: moved to another meeting"));
                }
                t.meetings.insert(m);
            }
            Parsed::Document(fm, _) => {
                let d = site
                    .documents
                    .iter()
                    .position(|d| d.path == p)
                    .ok_or_else(|| format!("{shown}: a document that was not one"))?;
                if site.documents[d].id != *fm.id.get_ref() {
                    return Err(format!("{shown}: a new document id"));
                }
                t.documents.push((d, f));
            }
            Parsed::Page(fm, _) => {
                let i = site
                    .pages
                    .iter()
                    .position(|x| x.id == *fm.id.get_ref())
                    .ok_or_else(|| format!("{shown}: a new page id"))?;
                t.pages.push((i, f));
            }
            Parsed::Register(_) => return Err(format!("{shown}: a register")),
        }
    }
    // Each meeting still has at most one file of each kind, so it is made as `resolve` makes it.
    for &m in &t.meetings {
        let (organ, date, sitting) = (
            &site.organs[site.meetings[m].organ].id,
            site.meetings[m].date,
            site.meetings[m].sitting,
        );
        let mut kinds = Vec::new();
        for f in files {
            if let Some((o, d, s, kind)) = meetings::meeting_key(f)
                && o.get_ref() == organ
                && (d, s) == (date, sitting)
            {
                if kinds.contains(&kind) {
                    return Err(format!("{organ}/{date}: two files of one kind"));
                }
                kinds.push(kind);
            }
        }
    }
    Ok(t)
}

/// The 1-based line of the `nth` line starting with `key` in a file's text (1 when not found).
fn key_line(text: &str, key: &str, nth: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with(key))
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}

struct Resolver {
    site: Site,
    errors: Vec<Diagnostic>,
    names: NameIndex,
    /// What name resolution leaves for later (parties, unknown names) and its context.
    pending: people::Pending,
}

impl Resolver {
    /// A resolver with the registers read: organisations, organs, people and their names.
    fn new(config: Config, files: &[SourceFile]) -> Resolver {
        let mut r = Resolver {
            site: Site {
                config,
                ..Site::default()
            },
            errors: Vec::new(),
            names: NameIndex::default(),
            pending: people::Pending::default(),
        };
        r.registers(files);
        r
    }

    /// Everything that links entities, for the whole site, as far as `scope` says: each item's
    /// own links depend on nothing but its meeting, the registers and the document ids (which a
    /// patch cannot change); the cases, URL claims and spellings are made again unless a patch
    /// shows they cannot have changed.
    fn link(&mut self, files: &[SourceFile], scope: &Scope) {
        let printed = std::mem::take(&mut self.pending.parties);
        people::check_parties(&self.site, files, &printed, &mut self.errors);
        links::link_meetings(
            &mut self.site,
            &self.names,
            &mut self.errors,
            scope.meetings,
        );
        backlinks::clear(&mut self.site);
        self.decisions(files);
        links::document_refs(&mut self.site, files, &scope.kept, &mut self.errors);
        backlinks::backlinks(&mut self.site);
        if scope
            .replaced
            .is_none_or(|r| backlinks::cases_changed(&self.site, r))
        {
            backlinks::cases(&mut self.site);
            claims::check(files, &mut self.errors);
        }
        if scope
            .replaced
            .is_none_or(|r| people::names_changed(&self.site, r))
        {
            people::spellings(&mut self.site, files, &self.names);
        }
        self.site.reference_day = crate::model::clock::reference_day(&self.site);
    }

    fn check_id(&mut self, file: &SourceFile, id: &Spanned<String>) {
        if !ids::is_valid_id(id.get_ref()) {
            self.errors.push(file.at(
                id,
                format!(
                    "invalid id \"{}\": use a–z, 0–9 and single dashes",
                    id.get_ref()
                ),
            ));
        }
    }

    fn lookup_org(&mut self, f: &SourceFile, id: &Spanned<String>) -> Option<usize> {
        let found = self
            .site
            .organisations
            .iter()
            .position(|o| &o.id == id.get_ref());
        if found.is_none() {
            let hint = did_you_mean(
                id.get_ref(),
                self.site.organisations.iter().map(|o| o.id.as_str()),
            );
            let d = f.at(id, format!("unknown organisation \"{}\"", id.get_ref()));
            self.errors.push(match hint {
                Some(h) => d.with_hint(h),
                None => d,
            });
        }
        found
    }

    fn lookup_organ(&mut self, f: &SourceFile, id: &Spanned<String>) -> Option<usize> {
        let found = self.site.organs.iter().position(|o| &o.id == id.get_ref());
        if found.is_none() {
            let hint = did_you_mean(id.get_ref(), self.site.organs.iter().map(|o| o.id.as_str()))
                .unwrap_or_else(|| "add it to an [[organ]] table in content/register/".to_string());
            self.errors.push(
                f.at(id, format!("unknown organ \"{}\"", id.get_ref()))
                    .with_hint(hint),
            );
        }
        found
    }

    fn name(&mut self, f: &SourceFile, s: &Spanned<String>) -> Option<Named> {
        self.resolve_name(f, s, false)
    }

    fn name_list(
        &mut self,
        f: &SourceFile,
        list: &[Spanned<String>],
        vacant_ok: bool,
    ) -> Vec<Named> {
        list.iter()
            .filter_map(|s| self.resolve_name(f, s, vacant_ok))
            .collect()
    }

    /// Resolves one name (the spellings used are gathered by `people::spellings`).
    fn resolve_name(
        &mut self,
        f: &SourceFile,
        s: &Spanned<String>,
        vacant_ok: bool,
    ) -> Option<Named> {
        self.names
            .resolve(f, s, vacant_ok, &mut self.errors, &mut self.pending)
    }

    fn signatures(&mut self, f: &SourceFile, list: &[SignatureRec]) -> Vec<Signature> {
        list.iter()
            .filter_map(|s| {
                Some(Signature {
                    who: self.name(f, &s.namn)?,
                    role: s.roll.clone(),
                    time: s.tid.clone(),
                    method: s.metod.clone(),
                })
            })
            .collect()
    }
}
