//! OParl `Organization` (an organ: styrelse, nämnd, utskott …), `Person` and `Membership` (an
//! uppdrag, inside its person, with its dates and the decision that made it).

use super::stamp::{self, Span, Stamps};
use super::{Ctx, urls};
use crate::markup::ids::slug;
use crate::model::date::Date;
use crate::model::site::Ref;
use crate::model::urls as site_urls;
use serde::Serialize;

/// An organ.
#[derive(Serialize)]
pub struct Organization<'a> {
    id: String,
    r#type: String,
    body: String,
    name: &'a str,
    #[serde(rename = "shortName")]
    short_name: &'a str,
    #[serde(rename = "organizationType")]
    organization_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    classification: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<String>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    #[serde(rename = "protokoll:json")]
    json: String,
}

/// A person.
#[derive(Serialize)]
pub struct Person<'a> {
    id: String,
    r#type: String,
    body: String,
    name: &'a str,
    /// The register's title (förbundsdirektör, kommunstyrelsens ordförande …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    status: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<Membership<'a>>,
    web: String,
    #[serde(flatten)]
    stamps: Stamps,
    #[serde(rename = "protokoll:parti", skip_serializing_if = "Option::is_none")]
    parti: Option<&'a str>,
    #[serde(rename = "protokoll:kommun", skip_serializing_if = "Option::is_none")]
    kommun: Option<&'a str>,
    #[serde(rename = "protokoll:json")]
    json: String,
}

/// A membership of a person in an organ.
#[derive(Serialize)]
pub struct Membership<'a> {
    id: String,
    r#type: String,
    person: String,
    organization: String,
    role: &'static str,
    #[serde(rename = "votingRight")]
    voting_right: bool,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    /// The decision (a paragraph or a document) that made it.
    #[serde(rename = "protokoll:beslut", skip_serializing_if = "Option::is_none")]
    beslut: Option<String>,
    /// Whom a personlig ersättare serves for.
    #[serde(
        rename = "protokoll:ersattareFor",
        skip_serializing_if = "Option::is_none"
    )]
    ersattare_for: Option<String>,
    #[serde(rename = "protokoll:parti", skip_serializing_if = "Option::is_none")]
    parti: Option<&'a str>,
    #[serde(rename = "protokoll:kommun", skip_serializing_if = "Option::is_none")]
    kommun: Option<&'a str>,
    #[serde(
        rename = "protokoll:anteckning",
        skip_serializing_if = "Option::is_none"
    )]
    anteckning: Option<&'a str>,
}

/// The ids of every membership, in site order: inside its person's object, named by organ,
/// role and first day (`…/person/anna.json#uppdrag-styrelsen-ledamot-2023-01-01`), with a
/// counter only when two would be equal.
pub fn membership_ids(site: &crate::model::site::Site, bas: &str) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    site.memberships
        .iter()
        .map(|x| {
            let from = x.from.map(|d| format!("-{d}")).unwrap_or_default();
            let base = format!(
                "{}#uppdrag-{}-{}{from}",
                urls::absolute(bas, &urls::person(site, x.person)),
                site.organs[x.organ].id,
                slug(x.role.text()),
            );
            let n: &mut usize = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 { base } else { format!("{base}-{n}") }
        })
        .collect()
}

/// The OParl object of organ `o`.
pub fn organization<'a>(ctx: &Ctx<'a>, o: usize) -> Organization<'a> {
    let site = ctx.site;
    let organ = &site.organs[o];
    let web = site_urls::organ(site, o);
    let mut days = Vec::new();
    for m in (0..site.meetings.len()).filter(|&m| site.meetings[m].organ == o) {
        days.extend(
            stamp::meeting(site, m)
                .into_iter()
                .flat_map(|s| [s.first, s.last]),
        );
    }
    Organization {
        id: ctx.url(&urls::organization(site, o)),
        r#type: urls::schema("Organization"),
        body: ctx.url(&urls::body(site, organ.organisation)),
        name: &organ.name,
        short_name: &organ.short,
        organization_type: "organ",
        classification: organ.kind.as_deref(),
        membership: (0..site.memberships.len())
            .filter(|&i| site.memberships[i].organ == o)
            .map(|i| ctx.membership_ids[i].clone())
            .collect(),
        web: ctx.url(&web),
        stamps: Span::of(days).into(),
        json: ctx.url(&format!("{web}index.json")),
    }
}

/// The OParl object of person `p`.
pub fn person<'a>(ctx: &Ctx<'a>, p: usize) -> Person<'a> {
    let site = ctx.site;
    let person = &site.people[p];
    let web = site_urls::person(site, p);
    let mut days: Vec<Date> = Vec::new();
    for a in &person.attended {
        days.extend(
            stamp::meeting(site, a.meeting)
                .into_iter()
                .flat_map(|s| [s.first, s.last]),
        );
    }
    for &i in &person.memberships {
        let x = &site.memberships[i];
        days.extend(x.from.into_iter().chain(x.to));
    }
    Person {
        id: ctx.url(&urls::person(site, p)),
        r#type: urls::schema("Person"),
        body: ctx.url(&urls::body(site, ctx.person_body[p])),
        name: &person.name,
        status: person.title.as_deref().into_iter().collect(),
        membership: person
            .memberships
            .iter()
            .map(|&i| membership(ctx, i))
            .collect(),
        web: ctx.url(&web),
        stamps: Span::of(days).into(),
        parti: person.party.as_deref(),
        kommun: person.kommun.as_deref(),
        json: ctx.url(&format!("{web}index.json")),
    }
}

fn membership<'a>(ctx: &Ctx<'a>, i: usize) -> Membership<'a> {
    let site = ctx.site;
    let x = &site.memberships[i];
    Membership {
        id: ctx.membership_ids[i].clone(),
        r#type: urls::schema("Membership"),
        person: ctx.url(&urls::person(site, x.person)),
        organization: ctx.url(&urls::organization(site, x.organ)),
        role: x.role.text(),
        voting_right: x.role.votes(),
        start_date: x.from,
        end_date: x.to,
        beslut: x.decision.map(|r| match r {
            Ref::Item(r) => ctx.url(&site_urls::item(site, r)),
            Ref::Document(d) => ctx.url(&site_urls::document(site, d)),
        }),
        ersattare_for: x.substitute_for.map(|p| ctx.url(&urls::person(site, p))),
        parti: x.party.as_deref(),
        kommun: x.kommun.as_deref(),
        anteckning: x.note.as_deref(),
    }
}
