//! The page of each entity (organ, meeting, paragraph, case, person, document): its URL, title and
//! breadcrumbs now, its view made when it is rendered ([`View::lazy`]), on the rendering thread.

use super::api::{self, Twin};
use super::page::{Page, View, calendar, crumb, feed};
use super::views::{self, doc_card, item_card, meeting_card};
use crate::markup::markdown;
use crate::model::meeting::*;
use crate::model::parties::party_name;
use crate::model::site::*;
use crate::model::urls;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// An organ: its members now and before, its meetings by year.
pub(super) fn organ(site: &Site, o: usize) -> Page<'_> {
    let organ = &site.organs[o];
    let mut current = Vec::new();
    let mut former = Vec::new();
    let latest = site.meetings.iter().map(|m| m.date).max();
    for (i, m) in site
        .memberships
        .iter()
        .enumerate()
        .filter(|(_, m)| m.organ == o)
    {
        let ended = matches!((m.to, latest), (Some(t), Some(l)) if t < l);
        if ended {
            former.push(views::membership(site, i))
        } else {
            current.push(views::membership(site, i))
        }
    }
    let mut years: BTreeMap<i32, Vec<Value>> = BTreeMap::new();
    for m in (0..site.meetings.len())
        .rev()
        .filter(|&m| site.meetings[m].organ == o)
    {
        years
            .entry(site.meetings[m].date.year)
            .or_default()
            .push(meeting_card(site, m));
    }
    Page {
        url: urls::organ(site, o),
        template: "organ.html",
        title: organ.name.clone(),
        crumbs: vec![crumb("Organ", "/organ/")],
        data: (
            "organ",
            json!({
                "id": organ.id, "namn": organ.name, "kortnamn": organ.short, "typ": organ.kind,
                "organisation": site.organisations[organ.organisation].name,
                "beskrivning_html": markdown::render(&organ.description, "").html,
                "nuvarande": current, "tidigare": former,
                "diagram": super::over_time::years(site, o),
                "ar": years.into_iter().rev().map(|(y, ms)| json!({"ar": y, "moten": ms}))
                    .collect::<Vec<_>>(),
            })
            .into(),
        ),
        twin: Some(Twin::Organ(o)),
        feeds: [
            feed(
                site,
                &format!("{} (Atom)", organ.short),
                &format!("/{}/atom.xml", organ.id),
            ),
            calendar(
                site,
                &format!("{} (kalender)", organ.short),
                &format!("/{}/kalender.ics", organ.id),
            ),
        ]
        .concat(),
    }
}

/// A meeting (its view is `views::meeting`).
pub(super) fn meeting(site: &Site, m: usize) -> Page<'_> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    Page {
        url: urls::meeting(site, m),
        template: "meeting.html",
        title: format!("{} {}", organ.short, meeting.when()),
        crumbs: vec![crumb(&organ.short, &urls::organ(site, meeting.organ))],
        data: ("mote", View::lazy(move || views::meeting(site, m))),
        twin: Some(Twin::Meeting(m)),
        feeds: vec![],
    }
}

/// A paragraph or agenda item, with its meeting and its neighbours.
pub(super) fn paragraph(site: &Site, r: ItemRef) -> Page<'_> {
    let meeting = &site.meetings[r.meeting];
    let organ = &site.organs[meeting.organ];
    let p = &meeting.items(r.part)[r.index];
    Page {
        url: urls::item(site, r),
        template: "paragraph.html",
        // The body and the day in the title too: tabs, bookmarks and search results hold many a
        // "§ 4 Fastställande av dagordning".
        title: format!("{} – {} {}", p.item.heading(), organ.short, meeting.when()),
        crumbs: vec![
            crumb(&organ.short, &urls::organ(site, meeting.organ)),
            crumb(&meeting.segment(), &urls::meeting(site, r.meeting)),
        ],
        data: ("paragraf", View::lazy(move || paragraph_view(site, r))),
        twin: Some(Twin::Item(r)),
        feeds: vec![],
    }
}

fn paragraph_view(site: &Site, r: ItemRef) -> Value {
    paragraph_view_of(site, r, views::paragraph(site, r))
}

/// A paragraph page's view from the paragraph's own view (`views::paragraph`).
fn paragraph_view_of(site: &Site, r: ItemRef, mut data: Value) -> Value {
    let items = site.meetings[r.meeting].items(r.part);
    let neighbour = |i: usize| {
        let o = &items[i];
        let url = urls::item(site, ItemRef { index: i, ..r });
        json!({"url": url, "label": o.item.label(), "titel": o.item.title})
    };
    data["mote"] = meeting_card(site, r.meeting);
    data["foregaende"] = json!(r.index.checked_sub(1).map(neighbour));
    data["nasta"] = json!((r.index + 1 < items.len()).then(|| neighbour(r.index + 1)));
    data
}

/// The views and twins of a meeting's paragraphs, taken out of the meeting page's view and twin
/// (which hold every paragraph whole) once that page is rendered, so that the paragraph pages
/// need not make them again.
pub(super) struct MeetingParagraphs<'a> {
    views: Vec<Value>,
    twins: Vec<api::AgendaItem<'a>>,
}

impl<'a> MeetingParagraphs<'a> {
    /// Takes the paragraphs out of meeting `m`'s view and twin.
    pub(super) fn take(site: &Site, m: usize, mut view: Value, twin: api::Meeting<'a>) -> Self {
        let views = match view
            .pointer_mut("/protokoll/paragrafer_lista")
            .map(Value::take)
        {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        let twins = twin.into_paragraphs();
        let n = site.meetings[m].items(Part::Protokoll).len();
        debug_assert!(views.len() == n && twins.len() == n);
        MeetingParagraphs { views, twins }
    }

    /// The view (which can be taken once) and the twin's file of paragraph `r`'s page.
    pub(super) fn paragraph(&mut self, site: &'a Site, r: ItemRef) -> (Value, Vec<u8>) {
        let view = match self.views.get_mut(r.index).map(Value::take) {
            Some(v) if !v.is_null() => v,
            _ => views::paragraph(site, r),
        };
        let twin = match self.twins.get(r.index) {
            Some(t) => api::pretty(t),
            None => api::pretty(&api::agenda_item(site, r)),
        };
        (paragraph_view_of(site, r, view), twin)
    }
}

/// A case: every paragraph and document that handled it, in date order.
pub(super) fn case<'a>(site: &'a Site, i: usize, c: &'a Case) -> Page<'a> {
    Page {
        url: urls::case(&c.dnr),
        template: "case.html",
        title: format!("Ärende {}", c.dnr),
        crumbs: vec![crumb("Ärenden", "/arende/")],
        data: ("arende", View::lazy(move || case_view(site, c))),
        twin: Some(Twin::Case(i)),
        feeds: feed(
            site,
            &format!("Ärende {} (Atom)", c.dnr),
            &format!("{}atom.xml", urls::case(&c.dnr)),
        ),
    }
}

fn case_view(site: &Site, c: &Case) -> Value {
    let entries: Vec<Value> = c
        .entries
        .iter()
        .map(|e| match *e {
            CaseEntry::Item(r) => {
                let mut v = item_card(site, r);
                v["slag"] = json!(if r.part == Part::Protokoll {
                    "paragraf"
                } else {
                    "punkt"
                });
                v
            }
            CaseEntry::Document(d) => {
                let mut v = doc_card(site, d);
                v["slag"] = json!("dokument");
                v
            }
        })
        .collect();
    let view = json!({"dnr": c.dnr, "titel": c.title(site)});
    views::with(view, [("poster", Value::Array(entries))])
}

/// A person: assignments, meetings, paragraphs presented or named in, documents.
pub(super) fn person(site: &Site, p: usize) -> Page<'_> {
    let person = &site.people[p];
    Page {
        url: urls::person(site, p),
        template: "person.html",
        title: person.name.clone(),
        crumbs: vec![crumb("Personer", "/person/")],
        data: ("person", View::lazy(move || person_view(site, p))),
        twin: Some(Twin::Person(p)),
        feeds: vec![],
    }
}

fn person_view(site: &Site, p: usize) -> Value {
    let person = &site.people[p];
    let (mut meetings, mut absences) = super::attendance::person_meetings(site, p);
    // A meeting the person was called to (a sändlista) and attended is one card, saying both.
    for (m, col) in person.send_lists.iter().rev() {
        let url = crate::model::urls::meeting(site, *m);
        let called = |v: &mut Value| {
            let meta = format!("{} · kallad: {col}", v["meta"].as_str().unwrap_or(""));
            v["meta"] = json!(meta);
        };
        let listed = meetings.iter_mut().chain(absences.iter_mut());
        match listed.into_iter().find(|v| v["url"] == url.as_str()) {
            Some(v) => called(v),
            None => {
                let mut v = meeting_card(site, *m);
                called(&mut v);
                meetings.push(v);
            }
        }
    }
    // Every other spelling: the register's aliases and the forms the documents actually use.
    let mut other_spellings: Vec<&String> = Vec::new();
    for sp in person.aliases.iter().chain(&person.spellings) {
        let key = crate::model::names::name_key(sp);
        if key != crate::model::names::name_key(&person.name)
            && !other_spellings
                .iter()
                .any(|o| crate::model::names::name_key(o) == key)
        {
            other_spellings.push(sp);
        }
    }
    let party = person
        .party
        .as_ref()
        .map(|c| json!({"kod": c, "namn": party_name(c), "url": urls::party(c)}));
    let kommun = person
        .kommun
        .as_ref()
        .map(|k| json!({"namn": k, "url": urls::kommun(k)}));
    let view = json!({
        "id": person.id, "namn": person.name, "alias": person.aliases,
        "stavningar": person.spellings, "andra_stavningar": other_spellings, "parti": party,
        "kommun": kommun,
        "titel": person.title,
        "organisation": person.organisation.map(|o| site.organisations[o].name.clone()),
    });
    let cards = |items: &[ItemRef]| items.iter().map(|&r| item_card(site, r)).collect();
    let assignments = person.memberships.iter();
    let assignments = assignments.map(|&m| views::membership(site, m)).collect();
    let documents = person.documents.iter();
    views::with(
        view,
        [
            ("uppdrag", assignments),
            ("moten", Value::Array(meetings)),
            ("franvaro", Value::Array(absences)),
            ("partihistorik", super::attendance::party_history(site, p)),
            ("foredragit", cards(&person.presented)),
            ("namnd_i", cards(&person.mentioned)),
            ("dokument", documents.map(|&d| doc_card(site, d)).collect()),
        ]
        .into_iter()
        .chain(super::room::person(site, person)),
    )
}

/// A document or report, with its text, tables and what it belongs to.
/// A document's page; `shared` when another document has the same title, which the page's title
/// then tells apart by the kind and the date (`… (tjänsteskrivelse 11 april 2024)`).
pub(super) fn document(site: &Site, d: usize, shared: bool) -> Page<'_> {
    let doc = &site.documents[d];
    let title = if shared {
        let kind = doc.kind.text().to_lowercase();
        match doc.date {
            Some(day) => format!("{} ({kind} {})", doc.title, day.long()),
            None => format!("{} ({kind})", doc.title),
        }
    } else {
        doc.title.clone()
    };
    Page {
        url: urls::document(site, d),
        template: "document.html",
        title,
        crumbs: vec![crumb("Handlingar", "/dokument/")],
        data: ("dokument", View::lazy(move || document_view(site, d))),
        twin: Some(Twin::Document(d)),
        feeds: vec![],
    }
}

fn document_view(site: &Site, d: usize) -> Value {
    let doc = &site.documents[d];
    // Prefixed so headings in the text never clash with the ids the template uses.
    let body = markdown::render(&doc.body, "d-");
    let toc: Vec<Value> = body
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| json!({"id": h.id, "text": h.text}))
        .collect();
    let punkt = match (doc.meeting, &doc.item) {
        (Some(m), Some(nr)) => [Part::Protokoll, Part::Kallelse].iter().find_map(|&part| {
            let index = site.meetings[m]
                .items(part)
                .iter()
                .position(|p| &p.item.number == nr)?;
            Some(item_card(
                site,
                ItemRef {
                    meeting: m,
                    part,
                    index,
                },
            ))
        }),
        _ => None,
    };
    json!({
        "id": doc.id, "typ": doc.kind.key(), "typ_text": doc.kind.text(), "titel": doc.title,
        "datum": doc.date, "datum_text": doc.date.map(|x| x.long()), "ar": doc.year,
        "rapport": doc.kind.is_report(),
        "organisation": doc.organisation.map(|o| site.organisations[o].name.clone()),
        "organ": doc
            .organ
            .map(|o| json!({"namn": site.organs[o].short, "url": urls::organ(site, o)})),
        "dnr": doc.dnr.iter().map(|x| json!({"dnr": x, "url": urls::case(x)})).collect::<Vec<_>>(),
        "mote": doc.meeting.map(|m| meeting_card(site, m)),
        "punkt": punkt,
        "antagen": doc.adopted_by.map(|r| item_card(site, r)),
        "forfattare": doc.authors.iter().map(|n| views::named(site, n)).collect::<Vec<_>>(),
        "underskrifter": doc.signatures.iter().map(|s| views::signature(site, s))
            .collect::<Vec<_>>(),
        "innehall": toc,
        "html": body.html,
        "tabeller": body.tables,
    })
}
