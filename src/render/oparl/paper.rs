//! OParl `Paper` (a document: tjänsteskrivelse, motion, report …) with its `Consultation`s: each
//! paragraph or agenda item that names it among its handlingar or adopts it.

use super::stamp::{self, Span, Stamps};
use super::{Ctx, urls};
use crate::model::date::Date;
use crate::model::meeting::{ItemRef, Part};
use crate::model::urls as site_urls;
use serde::Serialize;

/// A document.
#[derive(Serialize)]
pub struct Paper<'a> {
    id: String,
    r#type: String,
    body: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(rename = "paperType")]
    paper_type: &'static str,
    #[serde(rename = "originatorPerson", skip_serializing_if = "Vec::is_empty")]
    originator_person: Vec<String>,
    #[serde(rename = "underDirectionOf", skip_serializing_if = "Vec::is_empty")]
    under_direction_of: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    consultation: Vec<Consultation>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    /// Every Dnr the document carries (`reference` is the first).
    #[serde(rename = "protokoll:dnr", skip_serializing_if = "<[String]>::is_empty")]
    dnr: &'a [String],
    /// The kind's key in the content format (`tjansteskrivelse`, `arsredovisning` …).
    #[serde(rename = "protokoll:typ")]
    typ: &'static str,
    /// The paragraph that adopted it.
    #[serde(rename = "protokoll:antagen", skip_serializing_if = "Option::is_none")]
    antagen: Option<String>,
    #[serde(rename = "protokoll:json")]
    json: String,
}

/// A paper handled under an agenda item.
#[derive(Serialize)]
pub struct Consultation {
    id: String,
    r#type: String,
    paper: String,
    #[serde(rename = "agendaItem")]
    agenda_item: String,
    meeting: String,
    organization: [String; 1],
    /// Whether the paragraph decided on it (adopted it, or was a decision naming it).
    authoritative: bool,
    role: &'static str,
}

/// The id of the consultation of document `d` under item `r`: inside the paper's object.
pub fn consultation_id(ctx: &Ctx<'_>, d: usize, r: ItemRef) -> String {
    let site = ctx.site;
    let x = &site.meetings[r.meeting];
    let number = &x.items(r.part)[r.index].item.number;
    let meeting = site_urls::meeting(site, r.meeting);
    // `/<organ>/<date>/` → `<organ>-<date>`, then the item's anchor.
    let meeting = meeting.trim_matches('/').replace('/', "-");
    let anchor = site_urls::anchor(r.part, number);
    ctx.url(&format!("{}#{meeting}-{anchor}", urls::paper(site, d)))
}

/// The OParl object of document `d`.
pub fn paper<'a>(ctx: &Ctx<'a>, d: usize) -> Paper<'a> {
    let site = ctx.site;
    let doc = &site.documents[d];
    let web = site_urls::document(site, d);
    let consultations = &ctx.consultations[d];
    // Its date, and the meetings that handled it: the object changes when one does.
    let mut days: Vec<Date> = doc.date.into_iter().collect();
    for s in consultations
        .iter()
        .filter_map(|r| stamp::meeting(site, r.meeting))
    {
        days.extend([s.first, s.last]);
    }
    let span = Span::of(days);
    Paper {
        id: ctx.url(&urls::paper(site, d)),
        r#type: urls::schema("Paper"),
        body: ctx.url(&urls::body(site, ctx.paper_body(d))),
        name: &doc.title,
        reference: doc.dnr.first().map(String::as_str),
        date: doc.date.map(|d| d.to_string()),
        paper_type: doc.kind.text(),
        originator_person: doc
            .authors
            .iter()
            .filter_map(|n| n.person)
            .map(|p| ctx.url(&urls::person(site, p)))
            .collect(),
        under_direction_of: doc
            .organ
            .map(|o| ctx.url(&urls::organization(site, o)))
            .into_iter()
            .collect(),
        consultation: consultations
            .iter()
            .map(|&r| consultation(ctx, d, r))
            .collect(),
        web: ctx.url(&web),
        stamps: span.into(),
        dnr: &doc.dnr,
        typ: doc.kind.key(),
        antagen: doc.adopted_by.map(|r| ctx.url(&site_urls::item(site, r))),
        json: ctx.url(&format!("{web}index.json")),
    }
}

fn consultation(ctx: &Ctx<'_>, d: usize, r: ItemRef) -> Consultation {
    let site = ctx.site;
    let x = &site.meetings[r.meeting];
    let p = &x.items(r.part)[r.index];
    let adopts = p.adopted.contains(&d);
    let decides = r.part == Part::Protokoll && (adopts || p.item.is_decision());
    Consultation {
        id: consultation_id(ctx, d, r),
        r#type: urls::schema("Consultation"),
        paper: ctx.url(&urls::paper(site, d)),
        agenda_item: ctx.url(&urls::agenda_item(site, r.meeting, r.part, &p.item.number)),
        meeting: ctx.url(&urls::meeting(site, r.meeting)),
        organization: [ctx.url(&urls::organization(site, x.organ))],
        authoritative: decides,
        role: match (r.part, adopts, decides) {
            (_, true, _) => "antagande",
            (Part::Protokoll, _, true) => "beslut",
            (Part::Protokoll, _, false) => "behandling",
            (Part::Kallelse, _, _) => "dagordning",
        },
    }
}
