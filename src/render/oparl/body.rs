//! OParl `System` (the entry point), `Body` (an organisation that publishes: a kommun, a
//! kommunalförbund …) and `LegislativeTerm` (the mandatperioder the body's record falls in).

use super::stamp::{self, Span, Stamps};
use super::{Ctx, urls};
use crate::model::date::Date;
use serde::Serialize;

/// The entry point.
#[derive(Serialize)]
pub struct System {
    id: String,
    r#type: String,
    #[serde(rename = "oparlVersion")]
    oparl_version: &'static str,
    /// The first page of the list of bodies.
    body: String,
    name: String,
    website: String,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    /// The program that wrote the endpoint, and its version.
    #[serde(rename = "protokoll:program")]
    program: String,
}

/// A publishing organisation.
#[derive(Serialize)]
pub struct Body<'a> {
    id: String,
    r#type: String,
    system: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<&'a str>,
    organization: String,
    person: String,
    meeting: String,
    paper: String,
    #[serde(rename = "legislativeTerm")]
    legislative_term: Vec<LegislativeTerm>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    #[serde(rename = "protokoll:orgnr", skip_serializing_if = "Option::is_none")]
    orgnr: Option<&'a str>,
    #[serde(rename = "protokoll:kommun", skip_serializing_if = "Option::is_none")]
    kommun: Option<&'a str>,
    /// The notice board (anslagstavla), for an organisation that announces its justerade
    /// protokoll there.
    #[serde(
        rename = "protokoll:anslagstavla",
        skip_serializing_if = "Option::is_none"
    )]
    anslagstavla: Option<String>,
}

/// A mandatperiod.
#[derive(Serialize)]
pub struct LegislativeTerm {
    id: String,
    r#type: String,
    body: String,
    name: String,
    #[serde(rename = "startDate")]
    start_date: Date,
    #[serde(rename = "endDate")]
    end_date: Date,
}

/// The first election year whose term is known here: since 2014 a municipal and regional term
/// runs four years from 15 October of the election year (kommunallagen 5 kap. 5 §); earlier
/// terms began on other days and are left out rather than guessed.
const FIRST_ELECTION: i32 = 2014;

/// The terms from [`FIRST_ELECTION`] that overlap `span`.
fn terms(span: Option<Span>) -> Vec<(Date, Date)> {
    let Some(span) = span else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut year = FIRST_ELECTION;
    while year <= span.last.year {
        let (Ok(start), Ok(end)) = (Date::new(year, 10, 15), Date::new(year + 4, 10, 14)) else {
            break;
        };
        if end >= span.first && start <= span.last {
            out.push((start, end));
        }
        year += 4;
    }
    out
}

/// Every day the record of body `b` states: its organs' meetings and its documents.
fn span(ctx: &Ctx<'_>, b: usize) -> Option<Span> {
    let site = ctx.site;
    let mut days = Vec::new();
    for m in (0..site.meetings.len()).filter(|&m| ctx.body_of_organ(site.meetings[m].organ) == b) {
        days.extend(
            stamp::meeting(site, m)
                .into_iter()
                .flat_map(|s| [s.first, s.last]),
        );
    }
    for d in (0..site.documents.len()).filter(|&d| ctx.paper_body(d) == b) {
        days.extend(site.documents[d].date);
    }
    Span::of(days)
}

/// The entry point of the site.
pub fn system(ctx: &Ctx<'_>) -> System {
    let site = ctx.site;
    let all = (0..site.organisations.len()).filter_map(|b| span(ctx, b));
    System {
        id: ctx.url(urls::SYSTEM),
        r#type: urls::schema("System"),
        oparl_version: "https://schema.oparl.org/1.1/",
        body: ctx.url(&urls::list_page(urls::BODIES, 1)),
        name: site.config.titel.clone(),
        website: ctx.url("/"),
        web: ctx.url("/"),
        stamps: Span::of(all.flat_map(|s| [s.first, s.last])).into(),
        program: format!("protokoll {}", env!("CARGO_PKG_VERSION")),
    }
}

/// The OParl object of organisation `b`.
pub fn body<'a>(ctx: &Ctx<'a>, b: usize) -> Body<'a> {
    let site = ctx.site;
    let o = &site.organisations[b];
    let id = ctx.url(&urls::body(site, b));
    let list = |name: &str| ctx.url(&urls::list_page(&urls::body_list(site, b, name), 1));
    let span = span(ctx, b);
    Body {
        system: ctx.url(urls::SYSTEM),
        r#type: urls::schema("Body"),
        name: &o.name,
        classification: o.kind.as_deref(),
        organization: list("organization"),
        person: list("person"),
        meeting: list("meeting"),
        paper: list("paper"),
        legislative_term: terms(span)
            .into_iter()
            .map(|(start, end)| LegislativeTerm {
                id: format!("{id}#mandatperiod-{}-{}", start.year, end.year),
                r#type: urls::schema("LegislativeTerm"),
                body: id.clone(),
                name: format!("Mandatperioden {}–{}", start.year, end.year),
                start_date: start,
                end_date: end,
            })
            .collect(),
        web: ctx.url("/"),
        stamps: span.into(),
        orgnr: o.orgnr.as_deref(),
        kommun: o.kommun.as_deref(),
        anslagstavla: o.notice_board.then(|| ctx.url("/anslagstavla/")),
        id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_terms_are_those_the_record_overlaps() {
        let span = Span::of([d("2022-09-01"), d("2023-03-01")]);
        assert_eq!(
            terms(span),
            vec![
                (d("2018-10-15"), d("2022-10-14")),
                (d("2022-10-15"), d("2026-10-14"))
            ]
        );
        assert_eq!(terms(Span::of([d("2010-01-01")])), vec![]);
    }
}
