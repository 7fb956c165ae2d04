//! `/api/`: the list of the site's data collections (`/api/index.json` and the page that explains
//! them), the collections that have no list page of their own (meetings, organisations), and the
//! CSV downloads of every decision and every membership (RFC 4180, UTF-8).

use super::api;
use super::api::refs::{self, body_ref};
use super::selection::{Listing, Selection};
use crate::model::meeting::ItemRef;
use crate::model::noticeboard;
use crate::model::site::*;
use crate::model::urls;
use crate::output::OutFile;
use serde_json::{Value, json};
use std::path::PathBuf;

/// A collection: name, path, media type, what it holds.
pub struct Collection {
    /// Short name.
    pub name: &'static str,
    /// Site path.
    pub path: String,
    /// Media type.
    pub media_type: &'static str,
    /// One line in Swedish.
    pub description: String,
}

fn c(name: &'static str, path: &str, media_type: &'static str, description: &str) -> Collection {
    Collection {
        name,
        path: path.to_string(),
        media_type,
        description: description.to_string(),
    }
}

/// Every collection and download the site has, in the order `/api/` lists them.
pub fn collections(site: &Site) -> Vec<Collection> {
    let json = "application/json";
    let mut out = vec![
        c(
            "organization",
            "/organ/index.json",
            json,
            "Alla organ (styrelser, nämnder, utskott …)",
        ),
        c(
            "meeting",
            "/api/moten.json",
            json,
            "Alla möten, nyast först",
        ),
        c("person", "/person/index.json", json, "Alla personer"),
        c(
            "arende",
            "/arende/index.json",
            json,
            "Alla ärenden (diarienummer)",
        ),
        c(
            "paper",
            "/dokument/index.json",
            json,
            "Alla handlingar och rapporter",
        ),
        c("ar", "/ar/index.json", json, "Alla år"),
        c("parti", "/parti/index.json", json, "Personer per parti"),
        c("kommun", "/kommun/index.json", json, "Personer per kommun"),
        c(
            "body",
            "/api/organisationer.json",
            json,
            "Organisationer i registret",
        ),
        c(
            "beslut",
            "/api/beslut.csv",
            "text/csv",
            "Alla beslut (paragrafer med beslut) som CSV",
        ),
        c(
            "membership",
            "/api/uppdrag.csv",
            "text/csv",
            "Alla uppdrag (ledamöter, ersättare …) som CSV",
        ),
    ];
    if site.config.bas_url.is_some() {
        out.push(c(
            "atom",
            "/atom.xml",
            "application/atom+xml",
            "Atom-flöde med möten och beslut",
        ));
        out.push(c(
            "kalender",
            "/kalender.ics",
            "text/calendar",
            "Kalender (iCalendar) med alla möten",
        ));
        out.push(c(
            "sitemap",
            "/sitemap.xml",
            "application/xml",
            "Webbplatskarta",
        ));
    }
    if crate::render::oparl::link(site, String::new).is_some() {
        out.push(c(
            "oparl",
            crate::render::oparl::urls::SYSTEM,
            json,
            "OParl 1.1-gränssnitt: ingången (System) till organisationer, organ, personer, \
             möten och handlingar",
        ));
    }
    if noticeboard::enabled(site) {
        out.push(c(
            "anslagstavla",
            "/anslagstavla/",
            "text/html",
            "Anslagstavla med justerade protokoll",
        ));
    }
    out.push(c(
        "manifest",
        "/manifest-sha256.txt",
        "text/plain",
        "SHA-256 för varje fil på webbplatsen",
    ));
    out
}

/// The files under `/api/` in `sel`.
pub fn selected(site: &Site, sel: &Selection) -> Vec<OutFile> {
    let mut out = Vec::new();
    if sel.lists(Listing::Registers) {
        let index = json!({
            "type": "System",
            "id": "/api/index.json",
            "web": "/api/",
            "name": site.config.titel,
            "oparl": crate::render::oparl::link(site, || crate::render::oparl::urls::SYSTEM.into()),
            "website": site.config.bas_url,
            "product": format!("protokoll {}", env!("CARGO_PKG_VERSION")),
            // The day statuses and current lists were judged on: SOURCE_DATE_EPOCH set to it
            // builds this site again byte for byte.
            "referensdag": site.reference_day,
            "body": site.config.organisation.as_ref()
                .and_then(|id| site.organisations.iter().position(|o| &o.id == id))
                .map(|o| body_ref(site, o)),
            "collections": collections(site).iter()
                .map(|c| json!({
                    "name": c.name, "id": c.path, "mediaType": c.media_type,
                    "description": c.description,
                }))
                .collect::<Vec<_>>(),
        });
        out.push(json_file("api/index.json", &index));
    }
    if sel.lists(Listing::MeetingList) {
        let meetings = json!({
            "type": "List", "id": "/api/moten.json", "name": "Möten",
            "data": (0..site.meetings.len()).rev().map(|m| refs::meeting_ref(site, m))
                .collect::<Vec<_>>(),
        });
        out.push(json_file("api/moten.json", &meetings));
    }
    if sel.lists(Listing::Registers) {
        let bodies = json!({
            "type": "List", "id": "/api/organisationer.json", "name": "Organisationer",
            "data": (0..site.organisations.len()).map(|o| body(site, o)).collect::<Vec<_>>(),
        });
        out.push(json_file("api/organisationer.json", &bodies));
    }
    if sel.lists(Listing::Decisions) {
        out.push((
            PathBuf::from("api/beslut.csv"),
            decisions_csv(site).into_bytes(),
        ));
    }
    if sel.lists(Listing::Registers) {
        out.push((
            PathBuf::from("api/uppdrag.csv"),
            memberships_csv(site).into_bytes(),
        ));
    }
    out
}

/// The view of the `/api/` page.
pub fn view(site: &Site) -> Value {
    json!({
        "samlingar": collections(site).iter()
            .map(|c| json!({
                "namn": c.name, "url": c.path, "typ": c.media_type, "text": c.description,
            }))
            .collect::<Vec<_>>(),
        "bas_url": site.config.bas_url,
    })
}

fn json_file(path: &str, v: &Value) -> OutFile {
    (PathBuf::from(path), api::pretty(v))
}

fn body(site: &Site, o: usize) -> Value {
    let org = &site.organisations[o];
    let mut v = json!(body_ref(site, o));
    v["type"] = json!("Body");
    v["classification"] = json!(org.kind);
    v["orgnr"] = json!(org.orgnr);
    v["kommun"] = json!(org.kommun);
    v["anslagstavla"] = json!(org.notice_board);
    v["organization"] = (0..site.organs.len())
        .filter(|&g| site.organs[g].organisation == o)
        .map(|g| json!(refs::organ_ref(site, g)))
        .collect();
    v
}

/// Appends one CSV field, quoted when it must be (RFC 4180). memchr finds the few characters that
/// matter, since the decisions make up megabytes of text. The files are meant to be opened in a
/// spreadsheet, so a field is also made safe for one: see [`safe`].
fn field(out: &mut String, s: &str) {
    let s = &*safe(s);
    let b = s.as_bytes();
    if memchr::memchr3(b',', b'"', b'\n', b).is_none() && memchr::memchr(b'\r', b).is_none() {
        out.push_str(s);
        return;
    }
    out.push('"');
    let mut rest = s;
    while let Some(i) = memchr::memchr(b'"', rest.as_bytes()) {
        out.push_str(&rest[..=i]);
        out.push('"');
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// A field a spreadsheet reads as text, never as a formula (OWASP's rule for CSV injection): one
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`; and control
/// characters other than the line break are dropped (a terminal or a cell has no use for them).
fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let control = |c: char| c.is_control() && c != '\n';
    if !formula && !s.chars().any(control) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 1);
    if formula {
        out.push('\'');
    }
    out.extend(s.chars().filter(|&c| !control(c)));
    out.into()
}

/// Appends one CSV row.
fn row<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, f.as_ref());
    }
    out.push_str("\r\n");
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Every decision, oldest first: one row per paragraph with a decision, with the counts of its
/// last vote.
pub fn decisions_csv(site: &Site) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "organ",
            "organ_namn",
            "datum",
            "paragraf",
            "rubrik",
            "dnr",
            "beslut",
            "justerad",
            "url",
            "ja",
            "nej",
            "avstar",
            "franvarande",
        ],
    );
    for r in site.decisions().rev() {
        decision_row(site, r, &mut out);
    }
    out
}

/// A decision's row of the decisions CSV.
pub(super) fn decision_row(site: &Site, r: ItemRef, out: &mut String) {
    let base = site.config.bas_url.as_deref().unwrap_or("");
    let meeting = &site.meetings[r.meeting];
    let organ = &site.organs[meeting.organ];
    let p = &meeting.items(r.part)[r.index];
    // The counts of the last vote: an earlier one is on how to put the question.
    let counts = p
        .item
        .room
        .votes
        .last()
        .map(|v| v.counts())
        .unwrap_or_default();
    row(
        out,
        &[
            organ.id.as_str(),
            &organ.name,
            &meeting.date.to_string(),
            &p.item.number,
            // The heading's plain text: no markup in a spreadsheet cell.
            &crate::markup::markdown::to_plain(&p.item.title),
            &p.dnr.join("; "),
            &p.item.decision_text(),
            &opt(meeting.protokoll.as_ref().and_then(|x| x.approved)),
            &format!("{base}{}", urls::item(site, r)),
            &opt(counts.yes),
            &opt(counts.no),
            &opt(counts.abstain),
            &opt(counts.absent),
        ],
    );
}

/// Every membership, by person then organ.
pub fn memberships_csv(site: &Site) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "person",
            "namn",
            "parti",
            "organ",
            "organ_namn",
            "roll",
            "rostratt",
            "fran",
            "till",
            "kommun",
            "ersattare_for",
            "beslut",
            "anteckning",
        ],
    );
    let base = site.config.bas_url.as_deref().unwrap_or("");
    let mut order: Vec<usize> = (0..site.memberships.len()).collect();
    order.sort_by_key(|&i| {
        let m = &site.memberships[i];
        (
            site.people[m.person].id.clone(),
            site.organs[m.organ].id.clone(),
            m.from,
            i,
        )
    });
    for i in order {
        let m = &site.memberships[i];
        let person = &site.people[m.person];
        let decision = m.decision.map(|d| match d {
            Ref::Item(r) => format!("{base}{}", urls::item(site, r)),
            Ref::Document(d) => format!("{base}{}", urls::document(site, d)),
        });
        row(
            &mut out,
            &[
                person.id.clone(),
                person.name.clone(),
                opt(person.party.clone()),
                site.organs[m.organ].id.clone(),
                site.organs[m.organ].name.clone(),
                m.role.text().to_string(),
                if m.role.votes() { "ja" } else { "nej" }.to_string(),
                opt(m.from),
                opt(m.to),
                opt(m.kommun.clone()),
                opt(m.substitute_for.map(|p| site.people[p].id.clone())),
                opt(decision),
                opt(m.note.clone()),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        field(&mut out, s);
        out
    }

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(quoted("Styrelsen"), "Styrelsen");
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("sa \"ja\""), "\"sa \"\"ja\"\"\"");
    }

    #[test]
    fn a_formula_is_written_as_text_and_controls_are_dropped() {
        assert_eq!(quoted("=1+1"), "'=1+1");
        assert_eq!(quoted("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(quoted("-2"), "'-2");
        assert_eq!(quoted("+46"), "'+46");
        assert_eq!(quoted("\tx"), "'x");
        assert_eq!(quoted("a\u{1b}[31mb\u{7}"), "a[31mb");
        assert_eq!(quoted("rad 1\nrad 2"), "\"rad 1\nrad 2\"");
        assert_eq!(quoted("1 = 1"), "1 = 1");
    }
}
