//! The twins of meetings and of their paragraphs and agenda items: a meeting's twin holds each
//! of its paragraphs' twins whole, so a run renders them once for both pages.

use super::attendance as att;
use super::refs::*;
use super::room::{self, File, Statement, Vote};
use crate::model::clock;
use crate::model::date::Date;
use crate::model::meeting as model;
use crate::model::meeting::{ItemRef, Part};
use crate::model::noticeboard;
use crate::model::site::Site;
use crate::render::oparl;
use serde::Serialize;
use std::collections::BTreeMap;

/// A meeting (OParl Meeting), with the whole of its protokoll and kallelse.
#[derive(Serialize)]
pub struct Meeting<'a> {
    #[serde(rename = "agendaItem")]
    agenda_item: Vec<AgendaItem<'a>>,
    anslag: Option<Anslag>,
    cancelled: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    dag: Vec<Day<'a>>,
    date: Date,
    end: Option<String>,
    id: String,
    kallelse: Option<Kallelse<'a>>,
    location: Option<Location<'a>>,
    #[serde(rename = "meetingState")]
    meeting_state: &'static str,
    name: String,
    /// The OParl object (docs/OPARL.md), when the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    oparl: Option<String>,
    organization: [OrganRef<'a>; 1],
    paper: Vec<PaperRef<'a>>,
    participant: Vec<PersonRef<'a>>,
    protokoll: Option<Protokoll<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sammantrade: Option<u8>,
    start: String,
    r#type: &'static str,
    web: String,
}

/// A day of a meeting over several days.
#[derive(Serialize)]
struct Day<'a> {
    date: Date,
    end: Option<String>,
    location: Option<Location<'a>>,
    paragrafer: Option<&'a str>,
    start: Option<String>,
}

impl<'a> Meeting<'a> {
    /// The twins of the protokoll's paragraphs, in order: each as [`agenda_item`] makes it.
    pub fn into_paragraphs(self) -> Vec<AgendaItem<'a>> {
        self.agenda_item
    }
}

/// The twin of meeting `m`.
pub fn meeting(site: &Site, m: usize) -> Meeting<'_> {
    let meeting = &site.meetings[m];
    let r = meeting_ref(site, m);
    let items = |part: Part| -> Vec<AgendaItem<'_>> {
        (0..meeting.items(part).len())
            .map(|index| agenda_item(site, item_at(m, part, index)))
            .collect()
    };
    let protokoll = meeting.protokoll.as_ref().map(|p| protokoll(site, m, p));
    let participants = meeting
        .protokoll
        .as_ref()
        .map(att::participants)
        .unwrap_or_default();
    Meeting {
        agenda_item: items(Part::Protokoll),
        anslag: noticeboard::posting_of(site, m).map(|n| Anslag {
            anslagen: n.posted,
            sista_dag_att_overklaga: n.last_day,
            tas_ned: n.take_down,
            web: format!("/anslagstavla/#{}", n.anchor),
        }),
        cancelled: meeting.cancelled,
        dag: meeting
            .days
            .iter()
            .map(|d| Day {
                date: d.date,
                end: d.end.map(|t| clock::rfc3339(d.date, Some(t))),
                location: d
                    .place
                    .as_deref()
                    .map(|description| Location { description }),
                paragrafer: d.printed_range.as_deref(),
                start: d.start.map(|t| clock::rfc3339(d.date, Some(t))),
            })
            .collect(),
        date: r.date,
        end: meeting
            .end
            .map(|t| clock::rfc3339(meeting.last_date(), Some(t))),
        id: r.id,
        kallelse: meeting
            .kallelse
            .as_ref()
            .map(|k| kallelse(site, m, k, items(Part::Kallelse))),
        location: meeting
            .place
            .as_deref()
            .map(|description| Location { description }),
        meeting_state: r.meeting_state,
        name: r.name,
        oparl: oparl::link(site, || oparl::urls::meeting(site, m)),
        organization: [organ_ref(site, meeting.organ)],
        paper: meeting
            .documents
            .iter()
            .map(|&d| paper_ref(site, d))
            .collect(),
        participant: participants
            .into_iter()
            .map(|p| person_ref(site, p))
            .collect(),
        protokoll,
        sammantrade: (meeting.sitting > 1).then_some(meeting.sitting),
        start: match meeting.start {
            Some(t) => clock::rfc3339(meeting.date, Some(t)),
            None => meeting.date.to_string(),
        },
        r#type: "Meeting",
        web: r.web,
    }
}

/// A meeting's notice on the notice board.
#[derive(Serialize)]
struct Anslag {
    anslagen: Date,
    sista_dag_att_overklaga: Date,
    tas_ned: Date,
    web: String,
}

/// Where a meeting is held.
#[derive(Serialize)]
struct Location<'a> {
    description: &'a str,
}

/// The protokoll of a meeting, but its paragraphs (the meeting's `agendaItem`).
#[derive(Serialize)]
struct Protokoll<'a> {
    anslagen: Option<Date>,
    #[serde(rename = "auxiliaryFile", skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    forvaringsplats: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intygat_av: Option<Named<'a>>,
    justerad: Option<Date>,
    justerare: Vec<Named<'a>>,
    justerat: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    justeringsplats: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    justeringstid: Option<String>,
    name: Option<&'a str>,
    narvaro: BTreeMap<&'static str, Vec<att::Attendee<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    narvarogrupper: Option<Vec<att::GroupJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nedtagen: Option<Date>,
    ordforande: Option<Named<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ordforanden: Option<Vec<att::ChairJson<'a>>>,
    paragrafer: Option<&'a str>,
    rattelse: Vec<MeetingCorrection<'a>>,
    sekreterare: Option<Named<'a>>,
    source: &'a str,
    text: &'a str,
    underskrift: Vec<Signature<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    utelamnad: Vec<Omitted<'a>>,
}

/// A paragraph number left out on purpose.
#[derive(Serialize)]
struct Omitted<'a> {
    paragraf: &'a str,
    skal: &'a str,
}

fn protokoll<'a>(site: &'a Site, m: usize, p: &'a model::Minutes) -> Protokoll<'a> {
    let printed = &p.printed;
    Protokoll {
        anslagen: p.posted,
        forvaringsplats: printed.archive_place.as_deref(),
        intygat_av: printed.certified_by.as_ref().map(|n| named(site, n)),
        auxiliary_file: room::files(site, m, &p.attachments),
        justerad: p.approved,
        justerare: p.approvers.iter().map(|n| named(site, n)).collect(),
        justerat: p.is_approved(),
        justeringsplats: printed.approval_place.as_deref(),
        justeringstid: printed.approval_time.map(|t| t.to_string()),
        name: p.title.as_deref(),
        narvaro: att::by_kind(site, p),
        narvarogrupper: att::groups(site, p),
        nedtagen: printed.taken_down,
        ordforande: p.chair().map(|n| named(site, n)),
        ordforanden: att::chairs(site, p),
        paragrafer: p.printed_range.as_deref(),
        rattelse: p
            .corrections
            .iter()
            .map(|c| MeetingCorrection {
                agenda_item: c
                    .item
                    .map(|index| item_ref(site, item_at(m, Part::Protokoll, index))),
                andring: &c.change,
                datum: c.date,
                skal: &c.reason,
            })
            .collect(),
        sekreterare: p.secretary.as_ref().map(|n| named(site, n)),
        source: &p.path,
        text: &p.preamble,
        underskrift: p.signatures.iter().map(|s| signature(site, s)).collect(),
        utelamnad: p
            .attendance
            .omitted
            .iter()
            .map(|o| Omitted {
                paragraf: &o.number,
                skal: &o.reason,
            })
            .collect(),
    }
}

/// Item `index` of `part` of meeting `m`.
fn item_at(m: usize, part: Part, index: usize) -> ItemRef {
    ItemRef {
        meeting: m,
        part,
        index,
    }
}

/// A rättelse in the meeting's protokoll, with the paragraph it concerns.
#[derive(Serialize)]
struct MeetingCorrection<'a> {
    #[serde(rename = "agendaItem")]
    agenda_item: Option<AgendaItemRef<'a>>,
    andring: &'a str,
    datum: Date,
    skal: &'a str,
}

/// The kallelse of a meeting.
#[derive(Serialize)]
struct Kallelse<'a> {
    #[serde(rename = "agendaItem")]
    agenda_item: Vec<AgendaItem<'a>>,
    #[serde(rename = "auxiliaryFile", skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File<'a>>,
    name: Option<&'a str>,
    sandlista: Option<SendList<'a>>,
    source: &'a str,
    text: &'a str,
    undertecknad: Vec<Named<'a>>,
    utfardad: Option<Date>,
}

/// A kallelse's sändlista: who is called, by municipality.
#[derive(Serialize)]
struct SendList<'a> {
    kolumner: &'a [String],
    rad: Vec<SendRow<'a>>,
    rubrik: &'a str,
}

/// A municipality's row of a sändlista.
#[derive(Serialize)]
struct SendRow<'a> {
    ersattare: Vec<Named<'a>>,
    kommun: &'a str,
    ordinarie: Vec<Named<'a>>,
}

fn kallelse<'a>(
    site: &'a Site,
    m: usize,
    k: &'a model::MeetingNotice,
    agenda_item: Vec<AgendaItem<'a>>,
) -> Kallelse<'a> {
    Kallelse {
        agenda_item,
        auxiliary_file: room::files(site, m, &k.attachments),
        name: k.title.as_deref(),
        sandlista: k.send_list.as_ref().map(|(title, cols, rows)| SendList {
            kolumner: cols,
            rad: rows.iter().map(|row| send_row(site, row)).collect(),
            rubrik: title,
        }),
        source: &k.path,
        text: &k.preamble,
        undertecknad: k.signed_by.iter().map(|n| named(site, n)).collect(),
        utfardad: k.issued,
    }
}

fn send_row<'a>(site: &'a Site, r: &'a model::SendRow) -> SendRow<'a> {
    SendRow {
        ersattare: r.second.iter().map(|n| named(site, n)).collect(),
        kommun: &r.kommun,
        ordinarie: r.first.iter().map(|n| named(site, n)).collect(),
    }
}

/// A paragraph or agenda item (OParl AgendaItem) with everything it says.
#[derive(Serialize)]
pub struct AgendaItem<'a> {
    antar: Vec<PaperRef<'a>>,
    arende: Vec<CaseRef<'a>>,
    #[serde(rename = "auxiliaryFile", skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File<'a>>,
    avsnitt: Vec<Avsnitt<'a>>,
    beslut: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    beslutande: Option<Vec<att::Attendee<'a>>>,
    date: Date,
    dnr: &'a [String],
    foredragande: Option<Foredragande<'a>>,
    id: String,
    // The room's keys are left out when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    jav: Vec<Statement<'a>>,
    label: String,
    meeting: MeetingRef<'a>,
    membership: Vec<Membership<'a>>,
    motsvarighet: Option<AgendaItemRef<'a>>,
    name: String,
    namnda: Vec<PersonRef<'a>>,
    number: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omrostning: Vec<Vote<'a>>,
    /// The OParl agenda item (inside its meeting's object), when the site has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    oparl: Option<String>,
    order: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    ordforande: Option<Named<'a>>,
    paper: Vec<PaperRef<'a>>,
    part: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    protokollsanteckning: Vec<Statement<'a>>,
    public: bool,
    // Only a paragraph of a protokoll has the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    rattelse: Option<Vec<Correction<'a>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reservation: Vec<Statement<'a>>,
    #[serde(rename = "resolutionText")]
    resolution_text: Option<String>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    skickas_till: &'a [String],
    text: &'a str,
    title: &'a str,
    r#type: &'static str,
    web: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    yrkande: Vec<Statement<'a>>,
}

/// The twin of paragraph or agenda item `r`.
pub fn agenda_item(site: &Site, r: ItemRef) -> AgendaItem<'_> {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let other = match r.part {
        Part::Protokoll => Part::Kallelse,
        Part::Kallelse => Part::Protokoll,
    };
    let rattelse = match (r.part, &meeting.protokoll) {
        (Part::Protokoll, Some(pr)) => Some(
            pr.corrections
                .iter()
                .filter(|c| c.item == Some(r.index))
                .map(|c| Correction {
                    andring: &c.change,
                    datum: c.date,
                    skal: &c.reason,
                })
                .collect(),
        ),
        _ => None,
    };
    let decision = p.item.is_decision();
    let own = item_ref(site, r);
    let at = match (r.part, &meeting.protokoll) {
        (Part::Protokoll, Some(pr)) => att::at_item(site, pr, r.index),
        _ => None,
    };
    let (beslutande, ordforande) = match at {
        Some(a) => (Some(a.beslutande), a.ordforande),
        None => (None, None),
    };
    let rm = &p.item.room;
    AgendaItem {
        antar: p.adopted.iter().map(|&d| paper_ref(site, d)).collect(),
        arende: p.dnr.iter().map(|d| case_ref(site, d)).collect(),
        auxiliary_file: room::files(site, r.meeting, &p.attachments),
        avsnitt: p
            .item
            .sections
            .iter()
            .map(|s| Avsnitt {
                markdown: &s.markdown,
                rubrik: &s.heading,
                typ: s.kind.key(),
            })
            .collect(),
        beslut: decision,
        beslutande,
        date: own.date,
        dnr: &p.dnr,
        foredragande: p.item.presenter.as_ref().map(|m| Foredragande {
            person: p.presenters.iter().map(|&x| person_ref(site, x)).collect(),
            text: &m.value,
        }),
        id: own.id,
        jav: room::statements(site, &rm.disqualified),
        label: p.item.label(),
        meeting: meeting_ref(site, r.meeting),
        membership: p.memberships.iter().map(|&m| membership(site, m)).collect(),
        motsvarighet: p.counterpart.map(|index| {
            let counterpart = ItemRef {
                part: other,
                index,
                ..r
            };
            item_ref(site, counterpart)
        }),
        name: own.name,
        namnda: p.mentions.iter().map(|&x| person_ref(site, x)).collect(),
        number: own.number,
        omrostning: room::votes(site, &rm.votes),
        oparl: oparl::item_link(site, r),
        order: r.index + 1,
        ordforande,
        paper: p.documents.iter().map(|&d| paper_ref(site, d)).collect(),
        part: own.part,
        protokollsanteckning: room::statements(site, &rm.notes),
        public: true,
        rattelse,
        reservation: room::statements(site, &rm.reservations),
        resolution_text: decision.then(|| p.item.decision_text()),
        skickas_till: &rm.send_to,
        text: &p.item.text,
        title: &p.item.title,
        r#type: "AgendaItem",
        web: own.web,
        yrkande: room::statements(site, &rm.motions),
    }
}

/// Who presents an item, as written and resolved.
#[derive(Serialize)]
struct Foredragande<'a> {
    person: Vec<PersonRef<'a>>,
    text: &'a str,
}

/// A known section of an item.
#[derive(Serialize)]
struct Avsnitt<'a> {
    markdown: &'a str,
    rubrik: &'a str,
    typ: &'static str,
}

/// A rättelse, inside the paragraph it concerns.
#[derive(Serialize)]
struct Correction<'a> {
    andring: &'a str,
    datum: Date,
    skal: &'a str,
}
