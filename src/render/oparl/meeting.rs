//! OParl `Meeting` with its `AgendaItem`s, `Location` and `File`s (the bilagor), and the Swedish
//! facts OParl lacks (Dnr, justering, anslag, rättelser, votes, reservationer, the sections of a
//! paragraph) under the vendor prefix.

use super::stamp::{self, Stamps};
use super::{Ctx, urls};
use crate::model::attachment::Attachment;
use crate::model::clock;
use crate::model::date::Date;
use crate::model::meeting::{ItemRef, Part};
use crate::model::noticeboard;
use crate::model::urls as site_urls;
use crate::render::api;
use serde::Serialize;

/// A meeting (sammanträde).
#[derive(Serialize)]
pub struct Meeting<'a> {
    id: String,
    r#type: String,
    name: String,
    #[serde(rename = "meetingState")]
    meeting_state: &'static str,
    cancelled: bool,
    start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Location<'a>>,
    organization: [String; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    participant: Vec<String>,
    #[serde(rename = "auxiliaryFile", skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File<'a>>,
    #[serde(rename = "agendaItem", skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<AgendaItem<'a>>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    /// The day the protokoll was justerat.
    #[serde(rename = "protokoll:justerad", skip_serializing_if = "Option::is_none")]
    justerad: Option<Date>,
    /// Who justerade it, as printed.
    #[serde(rename = "protokoll:justerare", skip_serializing_if = "Vec::is_empty")]
    justerare: Vec<&'a str>,
    #[serde(rename = "protokoll:anslag", skip_serializing_if = "Option::is_none")]
    anslag: Option<Anslag>,
    #[serde(rename = "protokoll:rattelse", skip_serializing_if = "Vec::is_empty")]
    rattelse: Vec<Rattelse<'a>>,
    /// Whether the agenda items are the protokoll's paragraphs or, before it exists, the
    /// kallelse's agenda.
    #[serde(rename = "protokoll:dagordning")]
    dagordning: &'static str,
    /// The meeting's JSON twin, with everything the record says.
    #[serde(rename = "protokoll:json")]
    json: String,
}

/// The notice of a justerat protokoll on the notice board.
#[derive(Serialize)]
struct Anslag {
    anslagen: Date,
    sista_dag_att_overklaga: Date,
    tas_ned: Date,
}

/// A rättelse of the protokoll.
#[derive(Serialize)]
struct Rattelse<'a> {
    datum: Date,
    skal: &'a str,
    andring: &'a str,
}

/// Where a meeting was held, inside it.
#[derive(Serialize)]
pub struct Location<'a> {
    id: String,
    r#type: String,
    description: &'a str,
}

/// A bilaga.
#[derive(Serialize)]
pub struct File<'a> {
    id: String,
    r#type: String,
    name: &'a str,
    #[serde(rename = "fileName")]
    file_name: &'a str,
    #[serde(rename = "mimeType")]
    mime_type: &'static str,
    size: u64,
    #[serde(rename = "accessUrl")]
    access_url: String,
    #[serde(rename = "downloadUrl")]
    download_url: String,
    meeting: [String; 1],
    #[serde(rename = "agendaItem", skip_serializing_if = "Vec::is_empty")]
    agenda_item: Vec<String>,
    /// OParl has SHA-1 and SHA-512; the site takes SHA-256 of every file.
    #[serde(rename = "protokoll:sha256Checksum")]
    sha256: &'a str,
}

/// A paragraph (§) of the protokoll, or an item of the kallelse's agenda.
#[derive(Serialize)]
pub struct AgendaItem<'a> {
    id: String,
    r#type: String,
    meeting: String,
    #[serde(skip_serializing_if = "str::is_empty")]
    number: String,
    order: usize,
    name: &'a str,
    public: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    consultation: Option<String>,
    #[serde(rename = "resolutionText", skip_serializing_if = "Option::is_none")]
    resolution_text: Option<String>,
    #[serde(rename = "auxiliaryFile", skip_serializing_if = "Vec::is_empty")]
    auxiliary_file: Vec<File<'a>>,
    web: String,
    #[serde(rename = "protokoll:dnr", skip_serializing_if = "<[String]>::is_empty")]
    dnr: &'a [String],
    /// The cases (ärenden) of those Dnr, as their pages.
    #[serde(rename = "protokoll:arende", skip_serializing_if = "Vec::is_empty")]
    arende: Vec<String>,
    #[serde(
        rename = "protokoll:foredragande",
        skip_serializing_if = "Vec::is_empty"
    )]
    foredragande: Vec<String>,
    #[serde(rename = "protokoll:beslut")]
    beslut: bool,
    #[serde(rename = "protokoll:avsnitt", skip_serializing_if = "Vec::is_empty")]
    avsnitt: Vec<Avsnitt<'a>>,
    #[serde(rename = "protokoll:omrostning", skip_serializing_if = "Vec::is_empty")]
    omrostning: Vec<Omrostning>,
    #[serde(
        rename = "protokoll:reservation",
        skip_serializing_if = "Vec::is_empty"
    )]
    reservation: Vec<&'a str>,
    #[serde(rename = "protokoll:json", skip_serializing_if = "Option::is_none")]
    json: Option<String>,
}

/// A known section of a paragraph (bakgrund, beslutsunderlag, förslag till beslut, beslut …).
#[derive(Serialize)]
struct Avsnitt<'a> {
    typ: &'static str,
    rubrik: &'a str,
}

/// The counts of an omröstning (each left out when not known).
#[derive(Serialize)]
struct Omrostning {
    #[serde(skip_serializing_if = "Option::is_none")]
    ja: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    nej: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avstar: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    franvarande: Option<u32>,
}

/// The OParl object of meeting `m`.
pub fn meeting<'a>(ctx: &Ctx<'a>, m: usize) -> Meeting<'a> {
    let site = ctx.site;
    let x = &site.meetings[m];
    let id = ctx.url(&urls::meeting(site, m));
    let page = site_urls::meeting(site, m);
    let part = super::listed_part(x);
    let agenda_item = (0..x.items(part).len())
        .map(|index| {
            agenda_item(
                ctx,
                ItemRef {
                    meeting: m,
                    part,
                    index,
                },
            )
        })
        .collect();
    let own_files = x
        .protokoll
        .iter()
        .flat_map(|p| &p.attachments)
        .chain(x.kallelse.iter().flat_map(|k| &k.attachments));
    let p = x.protokoll.as_ref();
    Meeting {
        r#type: urls::schema("Meeting"),
        name: format!("{} {}", site.organs[x.organ].short, x.when()),
        meeting_state: x.status().key(),
        cancelled: x.cancelled,
        start: clock::rfc3339(x.date, x.start),
        end: x.end.map(|t| clock::rfc3339(x.last_date(), Some(t))),
        location: x.place.as_deref().map(|description| Location {
            id: format!("{id}#plats"),
            r#type: urls::schema("Location"),
            description,
        }),
        organization: [ctx.url(&urls::organization(site, x.organ))],
        participant: p
            .map(api::participants)
            .unwrap_or_default()
            .into_iter()
            .map(|p| ctx.url(&urls::person(site, p)))
            .collect(),
        auxiliary_file: files(ctx, m, own_files, None),
        agenda_item,
        web: ctx.url(&page),
        stamps: stamp::meeting(site, m).into(),
        justerad: p.and_then(|p| p.approved),
        justerare: p
            .map(|p| {
                p.approvers
                    .iter()
                    .map(|n| n.written.name.as_str())
                    .collect()
            })
            .unwrap_or_default(),
        anslag: noticeboard::posting_of(site, m).map(|n| Anslag {
            anslagen: n.posted,
            sista_dag_att_overklaga: n.last_day,
            tas_ned: n.take_down,
        }),
        rattelse: p
            .map(|p| {
                p.corrections
                    .iter()
                    .map(|c| Rattelse {
                        datum: c.date,
                        skal: &c.reason,
                        andring: &c.change,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        dagordning: match part {
            Part::Protokoll => "protokoll",
            Part::Kallelse => "kallelse",
        },
        json: ctx.url(&format!("{page}index.json")),
        id,
    }
}

/// The files of meeting `m` from `list`, each with the agenda item it belongs to, if any.
fn files<'a>(
    ctx: &Ctx<'_>,
    m: usize,
    list: impl IntoIterator<Item = &'a Attachment>,
    item: Option<&str>,
) -> Vec<File<'a>> {
    let site = ctx.site;
    let meeting = ctx.url(&urls::meeting(site, m));
    list.into_iter()
        .map(|a| {
            let access = ctx.url(&site_urls::attachment(site, m, &a.segment));
            File {
                id: format!("{meeting}#fil-{}", a.segment),
                r#type: urls::schema("File"),
                name: &a.title,
                file_name: &a.file_name,
                mime_type: a.media_type,
                size: a.size,
                download_url: access.clone(),
                access_url: access,
                meeting: [meeting.clone()],
                agenda_item: item.map(str::to_string).into_iter().collect(),
                sha256: &a.sha256,
            }
        })
        .collect()
}

/// The OParl object of paragraph or agenda item `r`, inside its meeting.
fn agenda_item<'a>(ctx: &Ctx<'a>, r: ItemRef) -> AgendaItem<'a> {
    let site = ctx.site;
    let p = &site.meetings[r.meeting].items(r.part)[r.index];
    let id = ctx.url(&urls::agenda_item(site, r.meeting, r.part, &p.item.number));
    let decision = p.item.is_decision();
    let rm = &p.item.room;
    let web = site_urls::item(site, r);
    // A paragraph has a page and a twin of its own; an agenda item is a part of its meeting's.
    let json = (r.part == Part::Protokoll).then(|| ctx.url(&format!("{web}index.json")));
    AgendaItem {
        r#type: urls::schema("AgendaItem"),
        meeting: ctx.url(&urls::meeting(site, r.meeting)),
        number: p.item.label(),
        order: r.index + 1,
        name: &p.item.title,
        public: true,
        consultation: p
            .documents
            .iter()
            .chain(&p.adopted)
            .next()
            .map(|&d| super::paper::consultation_id(ctx, d, r)),
        resolution_text: decision.then(|| p.item.decision_text()),
        auxiliary_file: files(ctx, r.meeting, &p.attachments, Some(&id)),
        web: ctx.url(&web),
        dnr: &p.dnr,
        arende: p.dnr.iter().map(|d| ctx.url(&site_urls::case(d))).collect(),
        foredragande: p
            .presenters
            .iter()
            .map(|&x| ctx.url(&urls::person(site, x)))
            .collect(),
        beslut: decision,
        avsnitt: p
            .item
            .sections
            .iter()
            .map(|s| Avsnitt {
                typ: s.kind.key(),
                rubrik: &s.heading,
            })
            .collect(),
        omrostning: rm
            .votes
            .iter()
            .map(|v| {
                let c = v.counts();
                Omrostning {
                    ja: c.yes,
                    nej: c.no,
                    avstar: c.abstain,
                    franvarande: c.absent,
                }
            })
            .collect(),
        reservation: rm.reservations.iter().map(|s| s.who.as_str()).collect(),
        json,
        id,
    }
}
