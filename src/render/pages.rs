//! The list of pages the site has: for every entity its URL, template, view and breadcrumbs. The
//! views of entity pages (`entities.rs`) are made when the page is rendered, on the rendering
//! thread, so no more than a few exist at a time.

use super::api::Twin;
use super::entities::{case, document, meeting, organ, paragraph, person};
use super::page::{Page, calendar, crumb, feed};
use super::selection::{Listing, Selection};
use super::views::{doc_card, item_card, meeting_card, person_ref};
use crate::markup::markdown;
use crate::model::meeting::*;
use crate::model::parties::party_name;
use crate::model::plural::{self, Noun};
use crate::model::site::*;
use crate::model::urls;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// The list cut into runs to render together: a meeting's page with the paragraph pages that
/// follow it (they share the paragraphs' views, see `Renderer::run`), every other page alone.
pub fn runs(pages: &[Page]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut end = i + 1;
        if let Some(Twin::Meeting(m)) = pages[i].twin {
            while end < pages.len()
                && matches!(pages[end].twin, Some(Twin::Item(r)) if r.meeting == m)
            {
                end += 1;
            }
        }
        out.push(i..end);
        i = end;
    }
    out
}

/// Every page of the site.
pub fn all(site: &Site) -> Vec<Page<'_>> {
    selected(site, &Selection::everything())
}

/// The pages of the entities and the site-wide pages in `sel`.
pub fn selected<'a>(site: &'a Site, sel: &Selection) -> Vec<Page<'a>> {
    let mut pages = Vec::new();
    if sel.lists(Listing::Home) {
        pages.push(home(site));
    }
    if sel.lists(Listing::Organs) {
        pages.push(organ_list(site));
    }
    pages.extend(
        (0..site.organs.len())
            .filter(|o| sel.has(&sel.organs, o))
            .map(|o| organ(site, o)),
    );
    for m in (0..site.meetings.len()).filter(|m| sel.has(&sel.meetings, m)) {
        pages.push(meeting(site, m));
        for index in 0..site.meetings[m].items(Part::Protokoll).len() {
            pages.push(paragraph(
                site,
                ItemRef {
                    meeting: m,
                    part: Part::Protokoll,
                    index,
                },
            ));
        }
    }
    if sel.lists(Listing::Cases) {
        pages.push(list_page("/arende/", "Ärenden", "arenden", site.cases.iter().map(|c| json!({
            "url": urls::case(&c.dnr), "titel": format!("Dnr {}", c.dnr), "meta": c.title(site),
            "excerpt": plural::CASE_ENTRY.count(c.entries.len()),
        })).collect(), Twin::Cases));
    }
    pages.extend(
        site.cases
            .iter()
            .enumerate()
            .filter(|(_, c)| sel.has(&sel.cases, &c.slug))
            .map(|(i, c)| case(site, i, c)),
    );
    if sel.lists(Listing::People) {
        pages.push(list_page(
            "/person/",
            "Personer",
            "personer",
            (0..site.people.len())
                .map(|p| {
                    let mut v = person_ref(site, p);
                    v["titel"] = v["namn"].clone();
                    let meta = [
                        site.people[p].party.clone(),
                        site.people[p].kommun.clone(),
                        site.people[p].title.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · ");
                    v["meta"] = json!(meta);
                    v["excerpt"] = json!("");
                    v
                })
                .collect(),
            Twin::People,
        ));
    }
    pages.extend(
        (0..site.people.len())
            .filter(|p| sel.has(&sel.people, p))
            .map(|p| person(site, p)),
    );
    if sel.lists(Listing::People) {
        pages.extend(groups(site));
    }
    pages.extend(years(site, sel));
    if sel.lists(Listing::Documents) {
        let mut docs: Vec<usize> = (0..site.documents.len()).collect();
        docs.sort_by_key(|&d| std::cmp::Reverse((site.documents[d].sort_date(site), d)));
        pages.push(list_page(
            "/dokument/",
            "Handlingar och rapporter",
            "dokument",
            docs.iter().map(|&d| doc_card(site, d)).collect(),
            Twin::Documents,
        ));
    }
    // Titles two documents share (a tjänsteskrivelse named after the plan it presents): their
    // pages say which is which in the browser's title, the tab and the breadcrumbs.
    let mut titles: HashMap<String, usize> = HashMap::new();
    for doc in &site.documents {
        *titles.entry(doc.title.to_lowercase()).or_default() += 1;
    }
    pages.extend(
        (0..site.documents.len())
            .filter(|d| sel.has(&sel.documents, d))
            .map(|d| document(site, d, titles[&site.documents[d].title.to_lowercase()] > 1)),
    );
    pages.extend(
        site.pages
            .iter()
            .filter(|_| sel.lists(Listing::Pages))
            .map(|p| Page {
                url: format!("/{}/", p.id),
                template: "page.html",
                title: p.title.clone(),
                crumbs: vec![],
                data: (
                    "sida",
                    json!({
                        "id": p.id, "titel": p.title, "beskrivning": p.description,
                        "html": markdown::render(&p.body, "").html,
                    })
                    .into(),
                ),
                twin: None,
                feeds: vec![],
            }),
    );
    if sel.lists(Listing::NoticeBoard) && crate::model::noticeboard::enabled(site) {
        pages.push(Page {
            url: "/anslagstavla/".into(),
            template: "anslagstavla.html",
            title: "Anslagstavla".into(),
            crumbs: vec![],
            data: ("anslagstavla", super::noticeboard::view(site).into()),
            twin: None,
            feeds: feed(site, "Anslagstavlan (Atom)", "/anslagstavla/atom.xml"),
        });
    }
    if sel.lists(Listing::Registers) {
        pages.push(Page {
            url: "/api/".into(),
            template: "api.html",
            title: "Öppna data".into(),
            crumbs: vec![],
            data: ("api", super::collections::view(site).into()),
            twin: None,
            feeds: vec![],
        });
    }
    if sel.lists(Listing::Fixed) {
        pages.push(Page {
            url: "/sok/".into(),
            template: "search.html",
            title: "Sök".into(),
            crumbs: vec![],
            data: ("sok", json!({}).into()),
            twin: None,
            feeds: vec![],
        });
        pages.push(Page {
            url: "/404.html".into(),
            template: "404.html",
            title: "Sidan finns inte".into(),
            crumbs: vec![],
            data: ("fel", json!({}).into()),
            twin: None,
            feeds: vec![],
        });
    }
    pages
}

fn list_page(
    url: &str,
    title: &str,
    key: &'static str,
    items: Vec<Value>,
    twin: Twin,
) -> Page<'static> {
    Page {
        url: url.into(),
        template: "list.html",
        title: title.into(),
        crumbs: vec![],
        data: (
            "lista",
            json!({"titel": title, "id": key, "poster": items}).into(),
        ),
        twin: Some(twin),
        feeds: vec![],
    }
}

fn home(site: &Site) -> Page<'_> {
    // Relative to the build's reference day: a meeting still to come is upcoming (nearest first);
    // one whose day has passed is among the latest, with or without its protokoll.
    let day = site.reference_day;
    let upcoming: Vec<usize> = (0..site.meetings.len())
        .filter(|&m| site.meetings[m].upcoming_on(day))
        .take(6)
        .collect();
    let held: Vec<usize> = (0..site.meetings.len())
        .rev()
        .filter(|&m| !site.meetings[m].upcoming_on(day))
        .take(6)
        .collect();
    let decisions: Vec<Value> = site
        .decisions()
        .take(8)
        .map(|r| item_card(site, r))
        .collect();
    let n_decisions = site.decisions().count();
    Page {
        url: "/".into(),
        template: "index.html",
        title: site.config.titel.clone(),
        crumbs: vec![],
        data: (
            "start",
            json!({
                "senaste_moten": held.iter().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                "kommande_moten":
                    upcoming.iter().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                "senaste_beslut": decisions,
                "statistik": stats(&[
                    (site.meetings.len(), plural::MEETING, "/ar/"),
                    (n_decisions, plural::DECISION, "#beslut"),
                    (site.cases.len(), plural::CASE, "/arende/"),
                    (site.documents.len(), plural::DOCUMENT, "/dokument/"),
                    (site.people.len(), plural::PERSON, "/person/"),
                ]),
                "per_dag": day, "per_dag_text": day.map(|d| d.long()),
                "organ": (0..site.organs.len())
                    .map(|o| json!({
                        "url": urls::organ(site, o), "titel": site.organs[o].name,
                        "meta": "", "excerpt": "",
                    }))
                    .collect::<Vec<_>>(),
            })
            .into(),
        ),
        twin: None,
        feeds: [
            feed(site, "Möten och beslut (Atom)", "/atom.xml"),
            calendar(site, "Alla möten (kalender)", "/kalender.ics"),
        ]
        .concat(),
    }
}

/// The figures of a page (`m::stats`): each count with its noun in the right form and the page that
/// lists what it counts; counts of nothing are left out.
fn stats(counts: &[(usize, Noun, &str)]) -> Value {
    counts
        .iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, noun, url)| json!({"tal": plural::number(*n), "text": noun.form(*n), "url": url}))
        .collect()
}

fn organ_list(site: &Site) -> Page<'_> {
    list_page(
        "/organ/",
        "Organ",
        "organ",
        (0..site.organs.len())
            .map(|o| {
                json!({
                    "url": urls::organ(site, o), "titel": site.organs[o].name,
                    "meta": site.organisations[site.organs[o].organisation].name, "excerpt": "",
                })
            })
            .collect(),
        Twin::Organs,
    )
}

fn groups(site: &Site) -> Vec<Page<'_>> {
    let (parties, kommuner) = (
        crate::model::parties::parties(site),
        crate::model::parties::municipalities(site),
    );
    let mut pages = vec![
        list_page(
            "/parti/",
            "Partier",
            "partier",
            parties
                .iter()
                .map(|(c, ps)| {
                    json!({
                        "url": urls::party(c), "titel": format!("{} ({c})", party_name(c)),
                        "meta": plural::PERSON.count(ps.len()), "excerpt": "",
                    })
                })
                .collect(),
            Twin::Parties,
        ),
        list_page(
            "/kommun/",
            "Kommuner",
            "kommuner",
            kommuner
                .iter()
                .map(|(k, ps)| {
                    json!({
                        "url": urls::kommun(k), "titel": k,
                        "meta": plural::PERSON.count(ps.len()), "excerpt": "",
                    })
                })
                .collect(),
            Twin::Kommuner,
        ),
    ];
    let people_cards = |ps: &[usize]| -> Vec<Value> {
        ps.iter().map(|&p| {
        let person = &site.people[p];
        let meta = [person.party.clone(), person.kommun.clone(), person.title.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        json!({"url": urls::person(site, p), "titel": person.name, "meta": meta, "excerpt": ""})
    }).collect()
    };
    for (c, ps) in &parties {
        let former = crate::model::party_periods::former_members(site, c);
        let renamed = crate::model::party_periods::renaming(c).map(|(a, b, d)| {
            json!({
                "fran": a, "fran_namn": party_name(a), "till": b, "till_namn": party_name(b),
                "datum": d,
            })
        });
        let title = format!("{} ({c})", party_name(c));
        let data = json!({
            "titel": title, "slag": "parti", "personer": people_cards(ps),
            "tidigare": people_cards(&former), "namnbyte": renamed,
        });
        pages.push(Page {
            url: urls::party(c),
            template: "group.html",
            title,
            crumbs: vec![crumb("Partier", "/parti/")],
            data: ("grupp", data.into()),
            twin: Some(Twin::Party(c.clone())),
            feeds: vec![],
        });
    }
    for (k, ps) in &kommuner {
        let orgs: Vec<Value> = site
            .organisations
            .iter()
            .filter(|o| o.kommun.as_deref() == Some(k))
            .map(|o| json!({"namn": o.name, "orgnr": o.orgnr}))
            .collect();
        let data = json!({
            "titel": k, "slag": "kommun", "personer": people_cards(ps), "organisationer": orgs,
        });
        pages.push(Page {
            url: urls::kommun(k),
            template: "group.html",
            title: k.clone(),
            crumbs: vec![crumb("Kommuner", "/kommun/")],
            data: ("grupp", data.into()),
            twin: Some(Twin::Kommun(k.clone())),
            feeds: vec![],
        });
    }
    pages
}

fn years<'a>(site: &'a Site, sel: &Selection) -> Vec<Page<'a>> {
    let mut years: BTreeMap<i32, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        years.entry(meeting.date.year).or_default().0.push(m);
    }
    for (d, doc) in site.documents.iter().enumerate() {
        if let Some(y) = doc.list_year(site) {
            years.entry(y).or_default().1.push(d);
        }
    }
    let list: Vec<i32> = years.keys().copied().collect();
    let mut pages = Vec::new();
    if sel.lists(Listing::Years) {
        let card = |y: &i32| {
            let (ms, ds) = &years[y];
            let meta = format!(
                "{}, {}",
                plural::MEETING.count(ms.len()),
                plural::DOCUMENT.count(ds.len())
            );
            json!({"url": urls::year(*y), "titel": y.to_string(), "meta": meta, "excerpt": ""})
        };
        let cards = list.iter().rev().map(card).collect();
        pages.push(list_page("/ar/", "År", "ar", cards, Twin::Years));
    }
    for (i, (y, (ms, ds))) in years.iter().enumerate() {
        if !sel.has(&sel.years, y) {
            continue;
        }
        let decisions: Vec<Value> = site
            .decisions()
            .filter(|r| site.meetings[r.meeting].date.year == *y)
            .map(|r| item_card(site, r))
            .collect();
        let reports: Vec<Value> = ds
            .iter()
            .filter(|&&d| site.documents[d].kind.is_report())
            .map(|&d| doc_card(site, d))
            .collect();
        // The reports have their own list; the other documents of the year follow them.
        let others: Vec<Value> = ds
            .iter()
            .filter(|&&d| !site.documents[d].kind.is_report())
            .map(|&d| doc_card(site, d))
            .collect();
        let year_ref = |y: i32| json!({"url": urls::year(y), "titel": y.to_string()});
        let diagram = super::over_time::months(site, *y, ms);
        let counts = [
            (ms.len(), plural::MEETING, "#moten"),
            (decisions.len(), plural::DECISION, "#beslut"),
            (reports.len(), plural::REPORT, "#rapporter"),
            (others.len(), plural::DOCUMENT, "#dokument"),
        ];
        pages.push(Page {
            url: urls::year(*y),
            template: "year.html",
            title: format!("År {y}"),
            crumbs: vec![crumb("År", "/ar/")],
            data: (
                "ar",
                json!({
                    "ar": y,
                    "foregaende": i.checked_sub(1).map(|j| year_ref(list[j])),
                    "nasta": list.get(i + 1).map(|n| year_ref(*n)),
                    "statistik": stats(&counts),
                    "diagram": diagram,
                    "moten": ms.iter().rev().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                    "beslut": decisions,
                    "rapporter": reports,
                    "dokument": others,
                })
                .into(),
            ),
            twin: Some(Twin::Year(*y)),
            feeds: vec![],
        });
    }
    pages
}
