//! The twins of organs, cases, people and documents.

use super::refs::*;
use crate::markup::markdown::TableData;
use crate::model::date::Date;
use crate::model::meeting::Part;
use crate::model::noticeboard;
use crate::model::parties::party_name;
use crate::model::site::{self as model, CaseEntry, Site};
use crate::model::urls;
use crate::render::oparl;
use serde::Serialize;

/// An organ (OParl Organization).
#[derive(Serialize)]
pub(super) struct Organization<'a> {
    body: BodyRef<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar: Option<String>,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed: Option<String>,
    forvaringsplats: Option<String>,
    id: String,
    key: &'a str,
    meeting: Vec<MeetingRef<'a>>,
    membership: Vec<Membership<'a>>,
    name: &'a str,
    /// The OParl object (docs/OPARL.md), when the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    oparl: Option<String>,
    #[serde(rename = "organizationType")]
    organization_type: Option<&'a str>,
    #[serde(rename = "shortName")]
    short_name: &'a str,
    r#type: &'static str,
    web: String,
}

pub(super) fn organization(site: &Site, o: usize) -> Organization<'_> {
    let organ = &site.organs[o];
    let r = organ_ref(site, o);
    let published = site.config.bas_url.is_some();
    Organization {
        body: body_ref(site, organ.organisation),
        calendar: published.then(|| format!("/{}/kalender.ics", organ.id)),
        description: &organ.description,
        feed: published.then(|| format!("/{}/atom.xml", organ.id)),
        forvaringsplats: noticeboard::archive_place(site, o),
        id: r.id,
        key: r.key,
        meeting: (0..site.meetings.len())
            .rev()
            .filter(|&m| site.meetings[m].organ == o)
            .map(|m| meeting_ref(site, m))
            .collect(),
        membership: site
            .memberships
            .iter()
            .enumerate()
            .filter(|(_, m)| m.organ == o)
            .map(|(i, _)| membership(site, i))
            .collect(),
        name: r.name,
        oparl: oparl::link(site, || oparl::urls::organization(site, o)),
        organization_type: organ.kind.as_deref(),
        short_name: r.short_name,
        r#type: "Organization",
        web: r.web,
    }
}

/// A case (ärende) and every paragraph and document that handled it.
#[derive(Serialize)]
pub(super) struct Case<'a> {
    entries: Vec<CaseItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed: Option<String>,
    id: String,
    name: String,
    reference: &'a str,
    r#type: &'static str,
    web: String,
}

/// An entry of a case: `{agendaItem, kind}` or `{kind, paper}`.
#[derive(Serialize)]
#[serde(untagged)]
enum CaseItem<'a> {
    Item {
        #[serde(rename = "agendaItem")]
        agenda_item: AgendaItemRef<'a>,
        kind: &'static str,
    },
    Paper {
        kind: &'static str,
        paper: PaperRef<'a>,
    },
}

pub(super) fn case<'a>(site: &'a Site, c: &'a model::Case) -> Case<'a> {
    let r = case_ref(site, &c.dnr);
    Case {
        entries: c
            .entries
            .iter()
            .map(|e| match *e {
                CaseEntry::Item(i) => CaseItem::Item {
                    agenda_item: item_ref(site, i),
                    kind: match i.part {
                        Part::Protokoll => "paragraf",
                        Part::Kallelse => "punkt",
                    },
                },
                CaseEntry::Document(d) => CaseItem::Paper {
                    kind: "dokument",
                    paper: paper_ref(site, d),
                },
            })
            .collect(),
        feed: site
            .config
            .bas_url
            .is_some()
            .then(|| format!("{}atom.xml", urls::case(&c.dnr))),
        id: r.id,
        name: r.name,
        reference: r.reference,
        r#type: "Case",
        web: r.web,
    }
}

/// A person (OParl Person) with everything that names them.
#[derive(Serialize)]
pub(super) struct Person<'a> {
    alias: &'a [String],
    foredragit: Vec<AgendaItemRef<'a>>,
    id: String,
    // The room's keys are left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    jav: Vec<AgendaItemRef<'a>>,
    key: &'a str,
    kommun: Option<KommunLink<'a>>,
    meeting: Vec<Attended<'a>>,
    membership: Vec<Membership<'a>>,
    name: &'a str,
    namnd_i: Vec<AgendaItemRef<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omrostning: Vec<super::room::Voted<'a>>,
    /// The OParl object (docs/OPARL.md), when the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    oparl: Option<String>,
    organisation: Option<BodyRef<'a>>,
    paper: Vec<PaperRef<'a>>,
    parti: Option<PartyLink<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parti_i_protokollen: Vec<PartyPrinted>,
    protokollsanteckning: Vec<AgendaItemRef<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reservation: Vec<AgendaItemRef<'a>>,
    sandlista: Vec<Called<'a>>,
    stavningar: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tidigare_parti: Vec<PartyHeld<'a>>,
    titel: Option<&'a str>,
    r#type: &'static str,
    web: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    yrkande: Vec<AgendaItemRef<'a>>,
}

/// An earlier party of a person, with its period.
#[derive(Serialize)]
struct PartyHeld<'a> {
    code: &'a str,
    #[serde(rename = "endDate")]
    end_date: Date,
    #[serde(rename = "startDate")]
    start_date: Option<Date>,
}

/// A party as the protokoll print it after a person's name, first and last day.
#[derive(Serialize)]
struct PartyPrinted {
    code: String,
    #[serde(rename = "endDate")]
    end_date: Date,
    #[serde(rename = "startDate")]
    start_date: Date,
}

#[derive(Serialize)]
struct KommunLink<'a> {
    name: &'a str,
    web: String,
}

#[derive(Serialize)]
struct PartyLink<'a> {
    code: &'a str,
    name: String,
    web: String,
}

/// A meeting of whose attendance a person is part, and how (the group's heading, and beyond
/// it the paragraphs, whom they served for or were replaced by).
#[derive(Serialize)]
struct Attended<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    ersatt_av: Option<PersonRef<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ersatter: Option<PersonRef<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    franvarande: bool,
    meeting: MeetingRef<'a>,
    narvaro: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragrafer: Option<Vec<&'a str>>,
}

/// A meeting a person was called to by a sändlista, and in which column.
#[derive(Serialize)]
struct Called<'a> {
    kolumn: &'a str,
    meeting: MeetingRef<'a>,
}

pub(super) fn person(site: &Site, p: usize) -> Person<'_> {
    let person = &site.people[p];
    let r = person_ref(site, p);
    let super::room::PersonRoom {
        votes,
        said: [motions, reservations, notes, disqualified],
    } = super::room::person_room(site, &person.room);
    Person {
        alias: &person.aliases,
        foredragit: person
            .presented
            .iter()
            .map(|&i| item_ref(site, i))
            .collect(),
        id: r.id,
        jav: disqualified,
        key: r.key,
        kommun: person.kommun.as_deref().map(|k| KommunLink {
            name: k,
            web: urls::kommun(k),
        }),
        meeting: person
            .attended
            .iter()
            .map(|x| {
                let (narvaro, part) = super::attendance::part_of(site, x);
                Attended {
                    ersatt_av: part.ersatt_av,
                    ersatter: part.ersatter,
                    franvarande: part.franvarande,
                    meeting: meeting_ref(site, x.meeting),
                    narvaro,
                    paragrafer: part.paragrafer,
                }
            })
            .collect(),
        membership: person
            .memberships
            .iter()
            .map(|&m| membership(site, m))
            .collect(),
        name: r.name,
        namnd_i: person
            .mentioned
            .iter()
            .map(|&i| item_ref(site, i))
            .collect(),
        omrostning: votes,
        oparl: oparl::link(site, || oparl::urls::person(site, p)),
        organisation: person.organisation.map(|o| body_ref(site, o)),
        paper: person
            .documents
            .iter()
            .map(|&d| paper_ref(site, d))
            .collect(),
        parti: person.party.as_deref().map(|c| PartyLink {
            code: c,
            name: party_name(c),
            web: urls::party(c),
        }),
        parti_i_protokollen: {
            let printed = crate::model::party_periods::printed_parties(site, p);
            if printed.len() > 1 {
                printed
                    .into_iter()
                    .map(|(code, start_date, end_date)| PartyPrinted {
                        code,
                        end_date,
                        start_date,
                    })
                    .collect()
            } else {
                Vec::new()
            }
        },
        protokollsanteckning: notes,
        reservation: reservations,
        sandlista: person
            .send_lists
            .iter()
            .map(|(m, col)| Called {
                kolumn: col,
                meeting: meeting_ref(site, *m),
            })
            .collect(),
        stavningar: &person.spellings,
        tidigare_parti: person
            .former_parties
            .iter()
            .map(|x| PartyHeld {
                code: &x.code,
                end_date: x.to,
                start_date: x.from,
            })
            .collect(),
        titel: person.title.as_deref(),
        r#type: "Person",
        web: r.web,
        yrkande: motions,
    }
}

/// A document (OParl Paper) with its text and tables.
#[derive(Serialize)]
pub(super) struct Paper<'a> {
    antagen: Option<AgendaItemRef<'a>>,
    ar: Option<i32>,
    arende: Vec<CaseRef<'a>>,
    body: Option<BodyRef<'a>>,
    date: Option<Date>,
    id: String,
    key: &'a str,
    meeting: Option<MeetingRef<'a>>,
    name: &'a str,
    /// The OParl object (docs/OPARL.md), when the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    oparl: Option<String>,
    organization: Option<OrganRef<'a>>,
    #[serde(rename = "originatorPerson")]
    originator_person: Vec<Named<'a>>,
    #[serde(rename = "paperType")]
    paper_type: &'a str,
    #[serde(rename = "paperTypeText")]
    paper_type_text: &'static str,
    punkt: Option<&'a str>,
    reference: &'a [String],
    source: &'a str,
    tabeller: Vec<TableData>,
    text: &'a str,
    r#type: &'static str,
    underskrift: Vec<Signature<'a>>,
    web: String,
}

pub(super) fn paper(site: &Site, d: usize) -> Paper<'_> {
    let doc = &site.documents[d];
    let r = paper_ref(site, d);
    Paper {
        antagen: doc.adopted_by.map(|i| item_ref(site, i)),
        ar: doc.year,
        arende: doc.dnr.iter().map(|x| case_ref(site, x)).collect(),
        body: doc.organisation.map(|o| body_ref(site, o)),
        date: doc.date,
        id: r.id,
        key: r.key,
        meeting: doc.meeting.map(|m| meeting_ref(site, m)),
        name: r.name,
        oparl: oparl::link(site, || oparl::urls::paper(site, d)),
        organization: doc.organ.map(|o| organ_ref(site, o)),
        originator_person: doc.authors.iter().map(|n| named(site, n)).collect(),
        paper_type: r.paper_type,
        paper_type_text: doc.kind.text(),
        punkt: doc.item.as_deref(),
        reference: &doc.dnr,
        source: &doc.path,
        // The whole text is rendered for its tables only; the page's view renders it again.
        tabeller: crate::markup::markdown::render(&doc.body, "d-").tables,
        text: &doc.body,
        r#type: "Paper",
        underskrift: doc.signatures.iter().map(|s| signature(site, s)).collect(),
        web: r.web,
    }
}
