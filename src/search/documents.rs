//! What the search indexes: one [`SearchDoc`] per protokoll paragraph or decision, agenda item,
//! meeting, case, person and document or report, built from the resolved [`Site`], newest first.

use crate::markup::markdown::to_plain;
use crate::model::date::Date;
use crate::model::item::SectionKind;
use crate::model::meeting::*;
use crate::model::site::*;
use crate::model::urls;

/// The kinds of search documents: key (as in `?typ=` and the `type` field) and Swedish label.
pub const TYPES: &[(&str, &str)] = &[
    ("beslut", "Beslut"),
    ("paragraf", "Paragraf"),
    ("punkt", "Föredragningspunkt"),
    ("mote", "Sammanträde"),
    ("arende", "Ärende"),
    ("dokument", "Handling"),
    ("rapport", "Rapport"),
    ("person", "Person"),
];

/// One searchable entity with the text of each field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchDoc {
    /// Site-relative URL of the exact page (or anchor).
    pub url: String,
    /// Type key (one of [`TYPES`]).
    pub kind: &'static str,
    /// Title as shown in results.
    pub title: String,
    /// "§ 28" or "5." for paragraphs and agenda items.
    pub label: String,
    /// Organ id, if the entity belongs to one.
    pub organ: String,
    /// Date, if the entity has one.
    pub date: Option<Date>,
    /// Year (the date's, or the year a report covers).
    pub year: Option<i32>,
    /// Case numbers as written.
    pub dnr: Vec<String>,
    /// The decision text (`### Beslut`), plain.
    pub decision: String,
    /// Everything else, plain.
    pub text: String,
    /// Names of the people the entity names.
    pub people: Vec<String>,
}

/// Every search document of the site, newest first (then by URL), so the order is reproducible.
pub fn collect(site: &Site) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for m in 0..site.meetings.len() {
        docs.push(meeting(site, m));
        for part in [Part::Protokoll, Part::Kallelse] {
            for index in 0..site.meetings[m].items(part).len() {
                docs.push(item(
                    site,
                    ItemRef {
                        meeting: m,
                        part,
                        index,
                    },
                ));
            }
        }
    }
    docs.extend(site.cases.iter().map(|c| case(site, c)));
    docs.extend((0..site.documents.len()).map(|d| document(site, d)));
    docs.extend((0..site.people.len()).map(|p| person(site, p)));
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    docs
}

fn names(site: &Site, people: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in people {
        let name = &site.people[p].name;
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

fn item(site: &Site, r: ItemRef) -> SearchDoc {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let mut decision = Vec::new();
    let mut text = vec![to_plain(&p.item.text)];
    for s in &p.item.sections {
        let plain = s.plain.clone();
        if s.kind == SectionKind::Decision {
            decision.push(plain);
        } else {
            text.push(format!("{}: {plain}", s.heading));
        }
    }
    text.extend(p.dnr.iter().map(|d| format!("Dnr {d}")));
    if let Some(presenter) = &p.item.presenter {
        text.push(format!("Föredragande: {}", presenter.value));
    }
    // Jäv written as a meta line is in no section; bilagor by their titles.
    let room = &p.item.room;
    text.extend(
        room.disqualified
            .iter()
            .filter(|s| s.section.is_none())
            .map(|s| format!("Jäv: {}", s.text)),
    );
    text.extend(p.attachments.iter().map(|a| format!("Bilaga: {}", a.title)));
    let said = room.statements().flat_map(|s| s.people.iter().copied());
    let kind = match (r.part, p.item.is_decision()) {
        (Part::Kallelse, _) => "punkt",
        (Part::Protokoll, true) => "beslut",
        (Part::Protokoll, false) => "paragraf",
    };
    SearchDoc {
        url: urls::item(site, r),
        kind,
        title: p.item.title.clone(),
        label: p.item.label(),
        organ: site.organs[meeting.organ].id.clone(),
        date: Some(meeting.date),
        year: Some(meeting.date.year),
        dnr: p.dnr.clone(),
        decision: decision.join("\n"),
        text: join(text),
        people: names(
            site,
            p.presenters.iter().chain(&p.mentions).copied().chain(said),
        ),
    }
}

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn meeting(site: &Site, m: usize) -> SearchDoc {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let mut text = vec![organ.name.clone()];
    text.extend(meeting.place.clone());
    let mut people = Vec::new();
    if let Some(k) = &meeting.kallelse {
        text.push(to_plain(&k.preamble));
        text.extend(k.items.iter().map(|i| i.item.heading()));
    }
    if let Some(p) = &meeting.protokoll {
        text.push(to_plain(&p.preamble));
        text.extend(p.attachments.iter().map(|a| format!("Bilaga: {}", a.title)));
        text.extend(p.items.iter().map(|i| i.item.heading()));
        people.extend(
            p.attendance
                .iter()
                .flat_map(|(_, list)| list.iter().filter_map(|n| n.person)),
        );
    }
    SearchDoc {
        url: urls::meeting(site, m),
        kind: "mote",
        title: format!("{} {}", organ.short, meeting.date.long()),
        organ: organ.id.clone(),
        date: Some(meeting.date),
        year: Some(meeting.date.year),
        text: join(text),
        people: names(site, people),
        ..SearchDoc::default()
    }
}

fn case(site: &Site, c: &Case) -> SearchDoc {
    let mut text = Vec::new();
    let mut title = None;
    let mut date = None;
    for e in &c.entries {
        let (line, d) = match *e {
            CaseEntry::Item(r) => {
                let m = &site.meetings[r.meeting];
                let p = &m.items(r.part)[r.index];
                title.get_or_insert_with(|| p.item.title.clone());
                (
                    format!("{} {}", site.organs[m.organ].short, p.item.heading()),
                    Some(m.date),
                )
            }
            CaseEntry::Document(d) => (
                site.documents[d].title.clone(),
                site.documents[d].sort_date(site),
            ),
        };
        text.push(line);
        date = date.max(d);
    }
    SearchDoc {
        url: urls::case(&c.dnr),
        kind: "arende",
        title: match title {
            Some(t) => format!("Ärende {}: {t}", c.dnr),
            None => format!("Ärende {}", c.dnr),
        },
        date,
        year: date.map(|d| d.year),
        dnr: vec![c.dnr.clone()],
        text: join(text),
        ..SearchDoc::default()
    }
}

fn document(site: &Site, d: usize) -> SearchDoc {
    let doc = &site.documents[d];
    let date = doc.sort_date(site);
    let organ = doc
        .organ
        .or_else(|| doc.meeting.map(|m| site.meetings[m].organ));
    SearchDoc {
        url: urls::document(site, d),
        kind: if doc.kind.is_report() {
            "rapport"
        } else {
            "dokument"
        },
        title: doc.title.clone(),
        organ: organ.map_or(String::new(), |o| site.organs[o].id.clone()),
        date,
        year: doc.year.or(date.map(|x| x.year)),
        dnr: doc.dnr.clone(),
        text: join(
            [doc.kind.text().to_string()]
                .into_iter()
                .chain(doc.dnr.iter().map(|d| format!("Dnr {d}")))
                .chain([to_plain(&doc.body)])
                .collect(),
        ),
        people: names(site, doc.names().filter_map(|n| n.person)),
        ..SearchDoc::default()
    }
}

fn person(site: &Site, p: usize) -> SearchDoc {
    let person = &site.people[p];
    let mut text = person.aliases.clone();
    text.extend(person.spellings.iter().cloned());
    text.extend(
        person
            .party
            .iter()
            .map(|c| crate::model::parties::party_name(c)),
    );
    text.extend(person.kommun.clone());
    text.extend(person.title.clone());
    SearchDoc {
        url: urls::person(site, p),
        kind: "person",
        title: person.name.clone(),
        text: join(text),
        people: vec![person.name.clone()],
        ..SearchDoc::default()
    }
}
