//! What the search indexes: one [`SearchDoc`] per protokoll paragraph or decision, agenda item,
//! meeting, case, person, party, municipality and document or report, built from the resolved
//! [`Site`], newest first. Text is in Unicode NFC, so a word written decomposed is found.

use super::spellings::Spellings;
use super::words::{dnr_keys, is_nfc, nfc};
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
    ("parti", "Parti"),
    ("kommun", "Kommun"),
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
    /// Names of the people the entity names, every spelling of each.
    pub people: Vec<String>,
    /// Keys it carries: `dnr:<key>` for each case number, `parti:<code>` for each party of the
    /// people it names (see `words::dnr_keys`).
    pub keys: Vec<String>,
    /// Its own keys: a case page's `dnr:<key>`, a party page's `parti:<code>`.
    pub own: Vec<String>,
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
    docs.extend(groups(site));
    let spellings = Spellings::of(site);
    for d in &mut docs {
        if matches!(
            d.kind,
            "beslut" | "paragraf" | "punkt" | "mote" | "dokument" | "rapport"
        ) {
            let mut named = Vec::new();
            for text in [&d.title, &d.decision, &d.text] {
                spellings.people_in(text, &mut named);
            }
            for name in names(site, named.iter().copied()) {
                if !d.people.contains(&name) {
                    d.people.push(name);
                }
            }
            d.keys.extend(keys(site, [], named));
            d.keys.sort();
            d.keys.dedup();
        }
        normalize(d);
    }
    docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    docs
}

fn normalize(d: &mut SearchDoc) {
    for s in [&mut d.title, &mut d.decision, &mut d.text]
        .into_iter()
        .chain(&mut d.people)
    {
        if !is_nfc(s) {
            *s = nfc(s);
        }
    }
}

/// Every spelling of the people (canonical name, register aliases, spellings found), so that a
/// page printing one spelling is found by another.
fn names(site: &Site, people: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in people {
        let person = &site.people[p];
        for name in std::iter::once(&person.name)
            .chain(&person.aliases)
            .chain(&person.spellings)
        {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    out
}

/// The keys of the case numbers `dnr` and of the parties of `people`.
fn keys<'a>(
    site: &Site,
    dnr: impl IntoIterator<Item = &'a String>,
    people: impl IntoIterator<Item = usize>,
) -> Vec<String> {
    let mut out: Vec<String> = dnr
        .into_iter()
        .flat_map(|d| dnr_keys(d))
        .map(|k| format!("dnr:{k}"))
        .collect();
    out.extend(
        people
            .into_iter()
            .filter_map(|p| site.people[p].party.as_ref())
            .map(|c| format!("parti:{}", c.to_lowercase())),
    );
    out.sort();
    out.dedup();
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
    let kind = match (r.part, p.item.is_decision()) {
        (Part::Kallelse, _) => "punkt",
        (Part::Protokoll, true) => "beslut",
        (Part::Protokoll, false) => "paragraf",
    };
    let said = || room.statements().flat_map(|s| s.people.iter().copied());
    let named = || {
        p.presenters
            .iter()
            .chain(&p.mentions)
            .copied()
            .chain(said())
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
        people: names(site, named()),
        keys: keys(site, &p.dnr, named()),
        own: Vec::new(),
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
        text.extend(
            p.items
                .iter()
                .map(|i| format!("{} {}", i.item.label(), i.item.title)),
        );
        people.extend(p.attendance.names().filter_map(|n| n.person));
    }
    SearchDoc {
        url: urls::meeting(site, m),
        kind: "mote",
        title: format!("{} {}", organ.short, meeting.when()),
        organ: organ.id.clone(),
        date: Some(meeting.date),
        year: Some(meeting.date.year),
        text: join(text),
        keys: keys(site, [], people.iter().copied()),
        people: names(site, people),
        ..SearchDoc::default()
    }
}

/// A case page: found by its case number and its title; its text names where it was handled
/// (organ, §, date) but not the titles of those paragraphs and documents, which are documents
/// of their own: repeated here, they would rank the list above the records it lists.
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
                    format!(
                        "{} {} {}",
                        site.organs[m.organ].short,
                        p.item.label(),
                        m.date
                    ),
                    Some(m.date),
                )
            }
            CaseEntry::Document(d) => {
                let date = site.documents[d].sort_date(site);
                let kind = site.documents[d].kind.text();
                let line = match date {
                    Some(x) => format!("{kind} {x}"),
                    None => kind.to_string(),
                };
                (line, date)
            }
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
        keys: keys(site, [&c.dnr], []),
        own: keys(site, [&c.dnr], []),
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
        keys: keys(site, &doc.dnr, doc.names().filter_map(|n| n.person)),
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
        people: names(site, [p]),
        keys: keys(site, [], [p]),
        ..SearchDoc::default()
    }
}

/// The party and municipality pages: the people of each party and municipality.
fn groups(site: &Site) -> Vec<SearchDoc> {
    let listed = |people: &[usize]| -> Vec<String> {
        people
            .iter()
            .map(|&p| {
                let person = &site.people[p];
                match &person.party {
                    Some(c) => format!("{} ({c})", person.name),
                    None => person.name.clone(),
                }
            })
            .collect()
    };
    let mut out = Vec::new();
    for (code, people) in crate::model::parties::parties(site) {
        let name = crate::model::parties::party_name(&code);
        out.push(SearchDoc {
            url: urls::party(&code),
            kind: "parti",
            title: format!("{name} ({code})"),
            text: join(
                [format!("Parti {name}")]
                    .into_iter()
                    .chain(listed(&people))
                    .collect(),
            ),
            own: vec![format!("parti:{}", code.to_lowercase())],
            ..SearchDoc::default()
        });
    }
    for (kommun, people) in crate::model::parties::municipalities(site) {
        let organisations = site
            .organisations
            .iter()
            .filter(|o| o.kommun.as_deref() == Some(kommun.as_str()))
            .map(|o| o.name.clone());
        out.push(SearchDoc {
            url: urls::kommun(&kommun),
            kind: "kommun",
            title: kommun.clone(),
            text: join(
                [format!("Kommun {kommun}")]
                    .into_iter()
                    .chain(organisations)
                    .chain(listed(&people))
                    .collect(),
            ),
            ..SearchDoc::default()
        });
    }
    out
}
