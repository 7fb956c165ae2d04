//! The JSON twins (`index.json` beside every entity page): all of an entity's data and links, with
//! field names after OParl 1.1 where one fits (`meeting`, `agendaItem`, `organization`, `person`,
//! `membership`, `paper` …) and the front-matter key otherwise. Documented in docs/API.md. Each
//! shape is a struct borrowing from the `Site`, serialized directly (never as a
//! `serde_json::Value`); its fields are declared in the byte order of their JSON names, the sorted
//! order docs/API.md promises (`agendaItem` before `anslag`, `name` before `namnda`). Here: which
//! twin a page has, the list pages and the groups (party, municipality, year).

mod attendance;
mod entities;
mod meeting;
pub mod refs;
mod room;

use crate::model::meeting::ItemRef;
use crate::model::parties::party_name;
use crate::model::site::{self as model, Site};
use crate::model::urls;
pub use attendance::participants;
use entities::{case, organization, paper, person};
pub use meeting::{AgendaItem, Meeting, agenda_item, meeting};
use refs::*;
use serde::Serialize;

/// Which twin a page has; evaluated in the parallel render.
#[derive(Debug, Clone)]
pub enum Twin {
    /// `/organ/`.
    Organs,
    /// An organ.
    Organ(usize),
    /// A meeting.
    Meeting(usize),
    /// A paragraph of a protokoll.
    Item(ItemRef),
    /// `/arende/`.
    Cases,
    /// A case, by index.
    Case(usize),
    /// `/person/`.
    People,
    /// A person.
    Person(usize),
    /// `/parti/`.
    Parties,
    /// A party, by code.
    Party(String),
    /// `/kommun/`.
    Kommuner,
    /// A municipality, by name.
    Kommun(String),
    /// `/ar/`.
    Years,
    /// A year.
    Year(i32),
    /// `/dokument/`.
    Documents,
    /// A document.
    Document(usize),
}

/// The twin's file: its JSON, pretty-printed, and a final newline.
pub fn bytes(site: &Site, t: &Twin) -> Vec<u8> {
    match t {
        Twin::Organs => pretty(&list(
            "/organ/",
            "Organ",
            (0..site.organs.len()).map(|o| organ_ref(site, o)),
        )),
        Twin::Organ(o) => pretty(&organization(site, *o)),
        Twin::Meeting(m) => pretty(&meeting(site, *m)),
        Twin::Item(r) => pretty(&agenda_item(site, *r)),
        Twin::Cases => pretty(&list(
            "/arende/",
            "Ärenden",
            site.cases.iter().map(|c| case_ref(site, &c.dnr)),
        )),
        Twin::Case(c) => pretty(&case(site, &site.cases[*c])),
        Twin::People => pretty(&list(
            "/person/",
            "Personer",
            (0..site.people.len()).map(|p| person_ref(site, p)),
        )),
        Twin::Person(p) => pretty(&person(site, *p)),
        Twin::Parties => pretty(&list(
            "/parti/",
            "Partier",
            crate::model::parties::parties(site)
                .into_keys()
                .map(PartyItem::new),
        )),
        Twin::Party(code) => pretty(&party(site, code)),
        Twin::Kommuner => pretty(&list(
            "/kommun/",
            "Kommuner",
            crate::model::parties::municipalities(site)
                .into_keys()
                .map(KommunItem::new),
        )),
        Twin::Kommun(k) => pretty(&municipality(site, k)),
        Twin::Years => pretty(&years(site)),
        Twin::Year(y) => pretty(&year(site, *y)),
        Twin::Documents => pretty(&documents(site)),
        Twin::Document(d) => pretty(&paper(site, *d)),
    }
}

/// A `.json` file of the site: `v` pretty-printed, and a final newline.
pub fn pretty(v: &impl Serialize) -> Vec<u8> {
    // Serializing fails only on a map key that is not a string or a failing `Serialize` impl;
    // the shapes here have neither.
    let mut bytes = serde_json::to_vec_pretty(v).expect("JSON shapes serialize");
    bytes.push(b'\n');
    bytes
}

/// A list page's twin (`/organ/`, `/arende/` …).
#[derive(Serialize)]
struct List<T> {
    data: Vec<T>,
    id: String,
    name: &'static str,
    r#type: &'static str,
    web: &'static str,
}

fn list<T>(web: &'static str, name: &'static str, data: impl Iterator<Item = T>) -> List<T> {
    List {
        data: data.collect(),
        id: twin_id(web),
        name,
        r#type: "List",
        web,
    }
}

/// An entry of `/parti/`.
#[derive(Serialize)]
struct PartyItem {
    code: String,
    id: String,
    name: String,
    web: String,
}

impl PartyItem {
    fn new(code: String) -> PartyItem {
        let web = urls::party(&code);
        PartyItem {
            id: twin_id(&web),
            name: party_name(&code),
            code,
            web,
        }
    }
}

/// An entry of `/kommun/`.
#[derive(Serialize)]
struct KommunItem {
    id: String,
    name: String,
    web: String,
}

impl KommunItem {
    fn new(name: String) -> KommunItem {
        let web = urls::kommun(&name);
        KommunItem {
            id: twin_id(&web),
            name,
            web,
        }
    }
}

/// A party and its people (and those who were in it, and its change of name).
#[derive(Serialize)]
struct Party<'a> {
    code: &'a str,
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    namnbyte: Option<Renaming>,
    person: Vec<PersonRef<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tidigare: Vec<PersonRef<'a>>,
    r#type: &'static str,
    web: String,
}

/// A party's change of name and code.
#[derive(Serialize)]
struct Renaming {
    date: crate::model::date::Date,
    fran: &'static str,
    till: &'static str,
}

fn party<'a>(site: &'a Site, code: &'a str) -> Party<'a> {
    use crate::model::party_periods::{former_members, renaming};
    let web = urls::party(code);
    Party {
        code,
        id: twin_id(&web),
        name: party_name(code),
        namnbyte: renaming(code).map(|(fran, till, date)| Renaming { date, fran, till }),
        person: people(site, |p| p.party.as_deref() == Some(code)),
        tidigare: former_members(site, code)
            .into_iter()
            .map(|p| person_ref(site, p))
            .collect(),
        r#type: "Party",
        web,
    }
}

/// A municipality, its people and the organisations that are it.
#[derive(Serialize)]
struct Municipality<'a> {
    body: Vec<BodyRef<'a>>,
    id: String,
    name: &'a str,
    person: Vec<PersonRef<'a>>,
    r#type: &'static str,
    web: String,
}

fn municipality<'a>(site: &'a Site, k: &'a str) -> Municipality<'a> {
    let web = urls::kommun(k);
    Municipality {
        body: (0..site.organisations.len())
            .filter(|&o| site.organisations[o].kommun.as_deref() == Some(k))
            .map(|o| body_ref(site, o))
            .collect(),
        id: twin_id(&web),
        name: k,
        person: people(site, |p| p.kommun.as_deref() == Some(k)),
        r#type: "Municipality",
        web,
    }
}

/// The people `of` holds, in register order.
fn people(site: &Site, of: impl Fn(&model::Person) -> bool) -> Vec<PersonRef<'_>> {
    (0..site.people.len())
        .filter(|&p| of(&site.people[p]))
        .map(|p| person_ref(site, p))
        .collect()
}

/// An entry of `/ar/`.
#[derive(Serialize)]
struct YearItem {
    id: String,
    name: String,
    web: String,
    year: i32,
}

/// `/ar/`: every year with a meeting or a document, newest first.
fn years(site: &Site) -> List<YearItem> {
    let mut years: Vec<i32> = site.meetings.iter().map(|m| m.date.year).collect();
    years.extend(site.documents.iter().filter_map(|d| d.list_year(site)));
    years.sort_unstable();
    years.dedup();
    list(
        "/ar/",
        "År",
        years.into_iter().rev().map(|y| {
            let web = urls::year(y);
            YearItem {
                id: twin_id(&web),
                name: y.to_string(),
                web,
                year: y,
            }
        }),
    )
}

/// A year: its meetings, decisions, reports and documents.
#[derive(Serialize)]
struct Year<'a> {
    beslut: Vec<AgendaItemRef<'a>>,
    id: String,
    meeting: Vec<MeetingRef<'a>>,
    name: String,
    paper: Vec<PaperRef<'a>>,
    rapporter: Vec<PaperRef<'a>>,
    r#type: &'static str,
    web: String,
    year: i32,
}

fn year(site: &Site, y: i32) -> Year<'_> {
    let web = urls::year(y);
    let docs: Vec<usize> = (0..site.documents.len())
        .filter(|&d| site.documents[d].list_year(site) == Some(y))
        .collect();
    Year {
        beslut: site
            .decisions()
            .filter(|r| site.meetings[r.meeting].date.year == y)
            .map(|r| item_ref(site, r))
            .collect(),
        id: twin_id(&web),
        meeting: (0..site.meetings.len())
            .rev()
            .filter(|&m| site.meetings[m].date.year == y)
            .map(|m| meeting_ref(site, m))
            .collect(),
        name: y.to_string(),
        paper: docs.iter().map(|&d| paper_ref(site, d)).collect(),
        rapporter: docs
            .iter()
            .filter(|&&d| site.documents[d].kind.is_report())
            .map(|&d| paper_ref(site, d))
            .collect(),
        r#type: "Year",
        web,
        year: y,
    }
}

/// `/dokument/`: every document, newest first.
fn documents(site: &Site) -> List<PaperRef<'_>> {
    let mut docs: Vec<usize> = (0..site.documents.len()).collect();
    docs.sort_by_key(|&d| std::cmp::Reverse((site.documents[d].sort_date(site), d)));
    list(
        "/dokument/",
        "Handlingar och rapporter",
        docs.into_iter().map(|d| paper_ref(site, d)),
    )
}
