//! `protokoll import` as a plan: every input read, split into its documents and recognized; each
//! document given its content file's path (a meeting under its organ and date, a document under
//! `dokument/`), a document linked to the agenda item of the same bundle it was handled under,
//! and a report of what was recognized and what was not placed. Writing the files is the caller's
//! (it refuses to overwrite); nothing here writes or prints.

use super::block::Source;
use super::error::ImportError;
use super::recognize::{self, Document, Draft, Meeting};
use super::split::{self, DocKind};
use super::write::{self, Handled};
use crate::markup::ids;
use crate::model::date::Date;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What the import was asked for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The organ every meeting belongs to (`--organ`); else found from the register.
    pub organ: Option<String>,
}

/// A file to write, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The path, relative to the site root (`content/styrelsen/2024-09-12/protokoll.md`).
    pub path: PathBuf,
    /// The text.
    pub text: String,
}

/// The import's plan: files and the report.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The content files, in order.
    pub files: Vec<Planned>,
    /// The report, one line each.
    pub report: Vec<String>,
}

/// Why an input could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The input.
    pub path: PathBuf,
    /// Why.
    pub error: ImportError,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.error)
    }
}

/// An organ of the register: its id and the names it goes by.
#[derive(Debug, Clone)]
pub struct KnownOrgan {
    /// Its id.
    pub id: String,
    /// Its namn, kortnamn and id.
    pub names: Vec<String>,
}

/// The organs of `content/register/*.toml` under `root` (none when there is no register).
pub fn known_organs(root: &Path) -> Vec<KnownOrgan> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir(root.join("content/register")) else {
        return out;
    };
    let mut paths: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let Ok(v) = text.parse::<toml::Table>() else {
            continue;
        };
        for o in v
            .get("organ")
            .and_then(|o| o.as_array())
            .into_iter()
            .flatten()
        {
            let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
            if let Some(id) = s("id") {
                let names = [s("namn"), s("kortnamn"), Some(id.replace('-', " "))]
                    .into_iter()
                    .flatten()
                    .collect();
                out.push(KnownOrgan { id, names });
            }
        }
    }
    out
}

/// Whether two words are the same word in another form ("läns"/"län", "styrelsemöte"/"styrelsen").
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let (la, lb) = (a.chars().count(), b.chars().count());
    common >= 8 || (common == la.min(lb) && common >= 3 && la.abs_diff(lb) <= 2)
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && !["i", "för", "till", "och"].contains(w))
        .map(str::to_string)
        .collect()
}

/// The organ a printed name or title is: the registered organ one of whose names has all its
/// words in the text, the one with the most such words.
pub fn match_organ(printed: &str, organs: &[KnownOrgan]) -> Option<String> {
    let text = words(printed);
    let mut best: Option<(usize, &str)> = None;
    for o in organs {
        for n in &o.names {
            let nw = words(n);
            if nw.is_empty() {
                continue;
            }
            let hits = nw
                .iter()
                .filter(|w| text.iter().any(|t| same_word(t, w)))
                .count();
            if hits == nw.len() && best.is_none_or(|(b, _)| hits > b) {
                best = Some((hits, &o.id));
            }
        }
    }
    best.map(|b| b.1.to_string())
}

/// Reads and recognizes the inputs; the files to write and the report.
pub fn plan(root: &Path, inputs: &[PathBuf], opts: &Options) -> Result<Plan, InputError> {
    let organs = known_organs(root);
    let mut plan = Plan::default();
    let mut taken: HashSet<PathBuf> = HashSet::new();
    for input in inputs {
        let err = |error| InputError {
            path: input.clone(),
            error,
        };
        let source = super::read(input).map_err(err)?;
        let drafts = recognize_all(&source);
        if drafts.iter().all(|(k, _, _)| *k == DocKind::Okand) {
            return Err(err(ImportError::NotMinutes));
        }
        plan.report.push(format!(
            "{}: {} ({} blocks), {} documents",
            input.display(),
            source.format.name(),
            source.blocks.len(),
            drafts.len()
        ));
        add(&mut plan, &mut taken, &source, drafts, opts, &organs);
    }
    Ok(plan)
}

type Drafts = Vec<(DocKind, split::Part, Draft)>;

fn recognize_all(source: &Source) -> Drafts {
    let given = recognize::given_names(&source.blocks);
    let mut drafts: Drafts = split::split(source)
        .into_iter()
        .map(|p| {
            let d = recognize::recognize(&source.blocks, &p, &given);
            (p.kind, p, d)
        })
        .collect();
    // Attachments of one title told apart by the number their tjänsteskrivelse gives them.
    let docs: Vec<(usize, &Document)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, (_, _, d))| match d {
            Draft::Document(doc) => Some((i, doc.as_ref())),
            Draft::Meeting(_) => None,
        })
        .collect();
    let only: Vec<&Document> = docs.iter().map(|d| d.1).collect();
    let titles: Vec<(usize, String)> = recognize::bilaga::repeated_titles(&only)
        .into_iter()
        .map(|(k, t)| (docs[k].0, t))
        .collect();
    for (i, title) in titles {
        if let Draft::Document(doc) = &mut drafts[i].2 {
            doc.title = title;
        }
    }
    drafts
}

fn unique(taken: &mut HashSet<PathBuf>, path: PathBuf) -> PathBuf {
    let mut p = path.clone();
    let mut n = 2;
    while taken.contains(&p) {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let ext = path
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy()));
        p = path.with_file_name(format!("{stem}-{n}{}", ext.unwrap_or_default()));
        n += 1;
    }
    taken.insert(p.clone());
    p
}

fn squash(s: &str) -> String {
    words(s).join(" ")
}

fn add(
    plan: &mut Plan,
    taken: &mut HashSet<PathBuf>,
    source: &Source,
    drafts: Drafts,
    opts: &Options,
    organs: &[KnownOrgan],
) {
    // The meetings first: their dates and organs, for the documents handled at them.
    let mut meetings: Vec<(usize, String, Option<Date>, Vec<String>)> = Vec::new();
    let dated: Vec<Date> = drafts
        .iter()
        .filter_map(|(_, _, d)| match d {
            Draft::Meeting(m) => m.when.date,
            _ => None,
        })
        .collect();
    for (i, (_, part, d)) in drafts.iter().enumerate() {
        let Draft::Meeting(m) = d else { continue };
        let mut notes = Vec::new();
        let organ = opts.organ.clone().or_else(|| {
            let printed = format!(
                "{} {}",
                m.organ.as_deref().unwrap_or(""),
                m.rubrik.as_deref().unwrap_or(&part.title)
            );
            match_organ(&printed, organs)
        });
        let organ = organ.unwrap_or_else(|| {
            let printed = m.organ.clone().unwrap_or(part.title.clone());
            let id = ids::slug(
                printed
                    .trim_start_matches("Protokoll")
                    .trim_start_matches("Kallelse till"),
            );
            notes.push(format!(
                "the organ \"{printed}\" is not in the register: add it as {id}, \
                    or import with --organ"
            ));
            id
        });
        let mut date = m.when.date;
        if date.is_none()
            && let Some((day, month)) = m.when.day_month
        {
            date = dated
                .iter()
                .find(|d| d.day == day && d.month == month)
                .copied()
                .or_else(|| {
                    let year = dated.first().map(|d| d.year)?;
                    Date::new(year, month, day).ok()
                });
            if let Some(d) = date {
                notes.push(format!(
                    "the paper prints \"{day} {}\" without a year; {} is from \
                        another document of the same file",
                    month_name(month),
                    d.year
                ));
            } else if let Some(d) = header_date(source, day, month) {
                date = Some(d);
                notes.push(format!(
                    "the paper prints \"{day} {}\" without a year; {} is from its running header",
                    month_name(month),
                    d.year
                ));
            } else if let Some(d) =
                latest_year(source, part).and_then(|y| Date::new(y, month, day).ok())
            {
                date = Some(d);
                notes.push(format!(
                    "the paper prints \"{day} {}\" without a year; {} is the \
                        latest year it prints: check it",
                    month_name(month),
                    d.year
                ));
            }
        }
        meetings.push((i, organ, date, notes));
    }
    for (i, organ, date, notes) in &meetings {
        let (_, part, Draft::Meeting(m)) = &drafts[*i] else {
            continue;
        };
        let Some(date) = date else {
            plan.report.push(format!(
                "  {} \"{}\" ({}): no date found; not written",
                part.kind.name(),
                part.title,
                place_of(source, part)
            ));
            continue;
        };
        let typ = if m.notice { "kallelse" } else { "protokoll" };
        let path = unique(
            taken,
            PathBuf::from(format!("content/{organ}/{date}/{typ}.md")),
        );
        let mut m = (**m).clone();
        link_documents(&mut m, &drafts, *i);
        plan.report.push(summary_meeting(&m, &path, source, part));
        for n in notes {
            plan.report.push(format!("    note: {n}"));
        }
        report_unplaced(plan, &m.unplaced);
        plan.files.push(Planned {
            text: write::meeting(&m, organ, *date, notes),
            path,
        });
    }
    for (i, (_, part, d)) in drafts.iter().enumerate() {
        let Draft::Document(doc) = d else { continue };
        if doc.kind == DocKind::Okand {
            // The format has no kind for it: reported, not written.
            plan.report.push(format!(
                "    not placed: {}: not recognized as a protokoll, kallelse or \
                    document; not imported: {}",
                place_of(source, part),
                doc.title
            ));
            continue;
        }
        let id = doc_id(doc);
        let path = unique(taken, PathBuf::from(format!("content/dokument/{id}.md")));
        let id = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let handled = handled_at(doc, &drafts, i, &meetings);
        plan.report.push(format!(
            "  {} \"{}\" ({}) → {}: {} tables{}",
            doc.kind.name(),
            doc.title,
            place_of(source, part),
            path.display(),
            doc.tables,
            handled
                .as_ref()
                .map(|h| format!(", handled at {} item {}", h.mote, h.punkt))
                .unwrap_or_default()
        ));
        report_unplaced(plan, &doc.unplaced);
        plan.files.push(Planned {
            text: write::document(doc, &id, handled.as_ref()),
            path,
        });
    }
    for d in &source.dropped {
        plan.report
            .push(format!("  left out: {} ({}): {}", d.place, d.why, d.text));
    }
}

/// A date with this day and month in a running header the reader left out.
fn header_date(source: &Source, day: u8, month: u8) -> Option<Date> {
    source
        .dropped
        .iter()
        .filter(|d| d.why == "running header")
        .filter_map(|d| recognize::when::date_in(&d.text).map(|x| x.1))
        .find(|d| d.day == day && d.month == month)
}

/// The latest year (1990–2100) printed in a part's text.
fn latest_year(source: &Source, part: &split::Part) -> Option<i32> {
    source.blocks[part.blocks.clone()]
        .iter()
        .flat_map(|b| {
            b.plain()
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse::<i32>().ok())
                .filter(|y| (1990..=2100).contains(y))
                .collect::<Vec<_>>()
        })
        .max()
}

fn month_name(m: u8) -> &'static str {
    (m as usize)
        .checked_sub(1)
        .and_then(|i| crate::model::date::MONTHS.get(i))
        .copied()
        .unwrap_or("?")
}

fn place_of(source: &Source, part: &split::Part) -> String {
    let first = source.blocks.get(part.blocks.start).map(|b| b.place);
    let last = source
        .blocks
        .get(part.blocks.end.saturating_sub(1))
        .map(|b| b.place);
    match (first, last) {
        (Some(a), Some(b)) => a.join(b).to_string(),
        _ => "empty".into(),
    }
}

fn report_unplaced(plan: &mut Plan, u: &[recognize::Unplaced]) {
    for u in u {
        plan.report.push(format!(
            "    not placed: {}: {}: {}",
            u.place,
            u.why,
            u.text.lines().next().unwrap_or("")
        ));
    }
}

fn summary_meeting(m: &Meeting, path: &Path, source: &Source, part: &split::Part) -> String {
    let decisions = m.items.iter().filter(|i| i.is_decision()).count();
    let dnr: usize = m.items.iter().map(|i| i.dnr.len()).sum();
    let names: usize = m.groups.iter().map(|g| g.names.len()).sum();
    let tables = m
        .preamble
        .iter()
        .chain(m.items.iter().flat_map(|i| {
            i.text
                .iter()
                .chain(i.sections.iter().flat_map(|s| &s.blocks))
        }))
        .filter(|b| b.starts_with('|') || b.contains("\n|"))
        .count();
    let votes = m
        .items
        .iter()
        .flat_map(|i| &i.sections)
        .filter(|s| {
            crate::reading::vocabulary::paragraph::section_kind(&s.heading, &[])
                == Some(crate::model::item::SectionKind::Vote)
        })
        .count();
    format!(
        "  {} \"{}\" ({}) → {}: {} {}, {} decisions, {} Dnr, {} names in {} \
            groups, {} signatures, {} tables, {} votes",
        if m.notice { "kallelse" } else { "protokoll" },
        part.title,
        place_of(source, part),
        path.display(),
        m.items.len(),
        if m.items.first().is_some_and(|i| i.label.starts_with('§')) {
            "§§"
        } else {
            "items"
        },
        decisions,
        dnr,
        names,
        m.groups.len(),
        m.signatures.len(),
        tables,
        votes
    )
}

fn doc_id(d: &Document) -> String {
    let typ = d.kind.name();
    let mut title = d.title.clone();
    if matches!(
        d.kind,
        DocKind::Tjansteskrivelse | DocKind::Protokollsutdrag
    ) && let Some(date) = d.date
    {
        title = format!("{date} {title}");
    }
    let id = crate::scaffold::document_id(typ, &title);
    // Ids are URL segments: keep them short.
    let mut cut = String::new();
    for part in id.split('-') {
        if cut.len() + part.len() > 60 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(part);
    }
    cut
}

/// Items of the bundle's meetings whose titles are the document's (the tjänsteskrivelse of an
/// agenda item has its title) get the document listed under them.
fn link_documents(m: &mut Meeting, drafts: &Drafts, me: usize) {
    for (j, (_, _, d)) in drafts.iter().enumerate() {
        if j == me {
            continue;
        }
        let Draft::Document(doc) = d else { continue };
        if let Some(it) = m
            .items
            .iter_mut()
            .find(|it| squash(&it.title) == squash(&doc.title))
        {
            it.documents.push(doc_id(doc));
        }
    }
}

/// The meeting and item a document of the bundle was handled at: the nearest kallelse or
/// protokoll before it with an item of the same title.
fn handled_at(
    doc: &Document,
    drafts: &Drafts,
    at: usize,
    meetings: &[(usize, String, Option<Date>, Vec<String>)],
) -> Option<Handled> {
    let key = squash(&doc.title);
    meetings
        .iter()
        .rev()
        .filter(|(i, ..)| *i < at)
        .find_map(|(i, organ, date, _)| {
            let Draft::Meeting(m) = &drafts[*i].2 else {
                return None;
            };
            let it = m.items.iter().find(|it| squash(&it.title) == key)?;
            Some(Handled {
                mote: format!("{organ}/{}", (*date)?),
                punkt: it.number.clone(),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organs() -> Vec<KnownOrgan> {
        let o = |id: &str, names: &[&str]| KnownOrgan {
            id: id.into(),
            names: names.iter().map(|s| s.to_string()).collect(),
        };
        vec![
            o(
                "styrelsen",
                &["Kommunförbundet Kalmar läns styrelse", "Styrelsen"],
            ),
            o(
                "lansgemensam-ledning",
                &["Läns gemensam ledning i samverkan", "Läns gemensam ledning"],
            ),
            o(
                "presidiekonferensen",
                &["Presidiekonferens Läns gemensam ledning"],
            ),
        ]
    }

    #[test]
    fn organs_by_their_printed_names() {
        let o = organs();
        assert_eq!(
            match_organ("Kommunförbundet Kalmar län styrelse", &o).as_deref(),
            Some("styrelsen")
        );
        assert_eq!(
            match_organ(
                "Protokoll Presidiekonferens Läns gemensam ledning 2 oktober 2020",
                &o
            )
            .as_deref(),
            Some("presidiekonferensen")
        );
        assert_eq!(
            match_organ("Protokoll Läns gemensam ledning 2022-11-25", &o).as_deref(),
            Some("lansgemensam-ledning")
        );
        assert_eq!(
            match_organ("Kallelse till Styrelsemöte", &o).as_deref(),
            Some("styrelsen")
        );
        assert_eq!(match_organ("Byggnadsnämnden", &o), None);
    }
}
