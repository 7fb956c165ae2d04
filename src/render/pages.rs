//! The list of pages the site has: for every entity its URL, template, view and breadcrumbs. The
//! views of entity pages are made when the page is rendered, on the rendering thread, so no more
//! than a few exist at a time.

use super::api::Twin;
use super::urls;
use super::views::{self, doc_card, item_card, meeting_card, person_ref};
use crate::markdown;
use crate::site::*;
use serde_json::{Value, json};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A page's view: ready, or made on demand from the `Site` (an entity page).
pub enum View<'a> {
    /// Made already (one-off pages and lists).
    Ready(Value),
    /// Made when the page is rendered.
    Lazy(Box<dyn Fn() -> Value + Send + Sync + 'a>),
}

impl<'a> View<'a> {
    /// A view made when the page is rendered.
    pub fn lazy(make: impl Fn() -> Value + Send + Sync + 'a) -> View<'a> {
        View::Lazy(Box::new(make))
    }

    /// The view's value.
    pub fn value(&self) -> Cow<'_, Value> {
        match self {
            View::Ready(v) => Cow::Borrowed(v),
            View::Lazy(make) => Cow::Owned(make()),
        }
    }
}

impl From<Value> for View<'_> {
    fn from(v: Value) -> Self {
        View::Ready(v)
    }
}

/// One page to render.
pub struct Page<'a> {
    /// Site path, ending in `/` (or a file name).
    pub url: String,
    /// Template name.
    pub template: &'static str,
    /// Title.
    pub title: String,
    /// Breadcrumbs above the title (title, url).
    pub crumbs: Vec<(String, String)>,
    /// The page's own data, under the name the template expects.
    pub data: (&'static str, View<'a>),
    /// The JSON twin written as `index.json` beside the page (see `api.rs`).
    pub twin: Option<Twin>,
    /// Feeds and calendars about this page: (title, site path, media type).
    pub feeds: Vec<(String, String, &'static str)>,
}

fn crumb(t: &str, u: &str) -> (String, String) {
    (t.to_string(), u.to_string())
}

/// Every page of the site.
pub fn all(site: &Site) -> Vec<Page<'_>> {
    let mut pages = vec![home(site), organ_list(site)];
    pages.extend((0..site.organs.len()).map(|o| organ(site, o)));
    for m in 0..site.meetings.len() {
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
    pages.push(list_page("/arende/", "Ärenden", "arenden", site.cases.iter().map(|c| json!({
        "url": urls::case(&c.dnr), "titel": format!("Dnr {}", c.dnr), "meta": case_title(site, c), "excerpt": format!("{} handlingar och paragrafer", c.entries.len()),
    })).collect(), Twin::Cases));
    pages.extend(site.cases.iter().enumerate().map(|(i, c)| case(site, i, c)));
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
    pages.extend((0..site.people.len()).map(|p| person(site, p)));
    pages.extend(groups(site));
    pages.extend(years(site));
    let mut docs: Vec<usize> = (0..site.documents.len()).collect();
    docs.sort_by_key(|&d| std::cmp::Reverse((site.documents[d].sort_date(site), d)));
    pages.push(list_page(
        "/dokument/",
        "Handlingar och rapporter",
        "dokument",
        docs.iter().map(|&d| doc_card(site, d)).collect(),
        Twin::Documents,
    ));
    pages.extend((0..site.documents.len()).map(|d| document(site, d)));
    pages.extend(site.pages.iter().map(|p| Page {
        url: format!("/{}/", p.id), template: "page.html", title: p.title.clone(), crumbs: vec![],
        data: ("sida", json!({"titel": p.title, "beskrivning": p.description, "html": markdown::render(&p.body, "").html}).into()),
        twin: None, feeds: vec![],
    }));
    if super::noticeboard::enabled(site) {
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
    pages.push(Page {
        url: "/api/".into(),
        template: "api.html",
        title: "Öppna data".into(),
        crumbs: vec![],
        data: ("api", super::collections::view(site).into()),
        twin: None,
        feeds: vec![],
    });
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
    let held: Vec<usize> = (0..site.meetings.len())
        .rev()
        .filter(|&m| site.meetings[m].protokoll.is_some())
        .take(6)
        .collect();
    let upcoming: Vec<usize> = (0..site.meetings.len())
        .rev()
        .filter(|&m| site.meetings[m].protokoll.is_none())
        .take(6)
        .collect();
    let decisions: Vec<Value> = decisions(site)
        .into_iter()
        .take(8)
        .map(|r| item_card(site, r))
        .collect();
    let n_decisions = decisions_count(site);
    Page {
        url: "/".into(),
        template: "index.html",
        title: site.config.titel.clone(),
        crumbs: vec![],
        data: (
            "start",
            json!({
                "senaste_moten": held.iter().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                "kommande_moten": upcoming.iter().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                "senaste_beslut": decisions,
                "statistik": [
                    {"tal": site.meetings.len(), "text": "möten"},
                    {"tal": n_decisions, "text": "beslut"},
                    {"tal": site.cases.len(), "text": "ärenden"},
                    {"tal": site.documents.len(), "text": "handlingar"},
                    {"tal": site.people.len(), "text": "personer"},
                ],
                "organ": (0..site.organs.len()).map(|o| json!({"url": urls::organ(site, o), "titel": site.organs[o].name, "meta": "", "excerpt": ""})).collect::<Vec<_>>(),
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

/// Every decision, newest first.
pub fn decisions(site: &Site) -> Vec<ItemRef> {
    let mut out = Vec::new();
    for m in (0..site.meetings.len()).rev() {
        for (index, p) in site.meetings[m]
            .items(Part::Protokoll)
            .iter()
            .enumerate()
            .rev()
        {
            if p.item.is_decision() {
                out.push(ItemRef {
                    meeting: m,
                    part: Part::Protokoll,
                    index,
                });
            }
        }
    }
    out
}

fn decisions_count(site: &Site) -> usize {
    decisions(site).len()
}

/// A feed link, when feeds are written (they need `bas_url`).
fn feed(site: &Site, title: &str, url: &str) -> Vec<(String, String, &'static str)> {
    site.config
        .bas_url
        .as_ref()
        .map(|_| (title.to_string(), url.to_string(), "application/atom+xml"))
        .into_iter()
        .collect()
}

/// A calendar link, when calendars are written.
fn calendar(site: &Site, title: &str, url: &str) -> Vec<(String, String, &'static str)> {
    site.config
        .bas_url
        .as_ref()
        .map(|_| (title.to_string(), url.to_string(), "text/calendar"))
        .into_iter()
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

fn organ(site: &Site, o: usize) -> Page<'_> {
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
                "ar": years.into_iter().rev().map(|(y, ms)| json!({"ar": y, "moten": ms})).collect::<Vec<_>>(),
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

fn meeting(site: &Site, m: usize) -> Page<'_> {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    Page {
        url: urls::meeting(site, m),
        template: "meeting.html",
        title: format!("{} {}", organ.short, meeting.date.long()),
        crumbs: vec![crumb(&organ.short, &urls::organ(site, meeting.organ))],
        data: ("mote", View::lazy(move || views::meeting(site, m))),
        twin: Some(Twin::Meeting(m)),
        feeds: vec![],
    }
}

fn paragraph(site: &Site, r: ItemRef) -> Page<'_> {
    let meeting = &site.meetings[r.meeting];
    let organ = &site.organs[meeting.organ];
    let p = &meeting.items(r.part)[r.index];
    Page {
        url: urls::item(site, r),
        template: "paragraph.html",
        title: format!("{} {}", p.item.label(), p.item.title),
        crumbs: vec![
            crumb(&organ.short, &urls::organ(site, meeting.organ)),
            crumb(&meeting.date.to_string(), &urls::meeting(site, r.meeting)),
        ],
        data: ("paragraf", View::lazy(move || paragraph_view(site, r))),
        twin: Some(Twin::Item(r)),
        feeds: vec![],
    }
}

fn paragraph_view(site: &Site, r: ItemRef) -> Value {
    let items = site.meetings[r.meeting].items(r.part);
    let neighbour = |i: usize| {
        let o = &items[i];
        json!({"url": urls::item(site, ItemRef { index: i, ..r }), "label": o.item.label(), "titel": o.item.title})
    };
    let mut data = views::paragraph(site, r);
    data["mote"] = meeting_card(site, r.meeting);
    data["foregaende"] = json!(r.index.checked_sub(1).map(neighbour));
    data["nasta"] = json!((r.index + 1 < items.len()).then(|| neighbour(r.index + 1)));
    data
}

/// The title of a case: the title of its first paragraph or agenda item.
pub fn case_title(site: &Site, c: &Case) -> String {
    c.entries
        .iter()
        .find_map(|e| match *e {
            CaseEntry::Item(r) => Some(
                site.meetings[r.meeting].items(r.part)[r.index]
                    .item
                    .title
                    .clone(),
            ),
            CaseEntry::Document(_) => None,
        })
        .unwrap_or_default()
}

fn case<'a>(site: &'a Site, i: usize, c: &'a Case) -> Page<'a> {
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
    json!({"dnr": c.dnr, "titel": case_title(site, c), "poster": entries})
}

fn person(site: &Site, p: usize) -> Page<'_> {
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
    let mut meetings: Vec<Value> = person
        .attended
        .iter()
        .rev()
        .map(|(m, how)| {
            let mut v = meeting_card(site, *m);
            v["meta"] = json!(format!("{} · {how}", v["meta"].as_str().unwrap_or("")));
            v
        })
        .collect();
    meetings.extend(person.send_lists.iter().rev().map(|(m, col)| {
        let mut v = meeting_card(site, *m);
        v["meta"] = json!(format!(
            "{} · kallad: {col}",
            v["meta"].as_str().unwrap_or("")
        ));
        v
    }));
    // Every other spelling: the register's aliases and the forms the documents actually use.
    let mut other_spellings: Vec<&String> = Vec::new();
    for sp in person.aliases.iter().chain(&person.spellings) {
        let key = crate::names::name_key(sp);
        if key != crate::names::name_key(&person.name)
            && !other_spellings
                .iter()
                .any(|o| crate::names::name_key(o) == key)
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
    json!({
        "id": person.id, "namn": person.name, "alias": person.aliases, "stavningar": person.spellings, "andra_stavningar": other_spellings, "parti": party, "kommun": kommun,
        "titel": person.title, "organisation": person.organisation.map(|o| site.organisations[o].name.clone()),
        "uppdrag": person.memberships.iter().map(|&m| views::membership(site, m)).collect::<Vec<_>>(),
        "moten": meetings,
        "foredragit": person.presented.iter().map(|&r| item_card(site, r)).collect::<Vec<_>>(),
        "namnd_i": person.mentioned.iter().map(|&r| item_card(site, r)).collect::<Vec<_>>(),
        "dokument": person.documents.iter().map(|&d| doc_card(site, d)).collect::<Vec<_>>(),
    })
}

/// Swedish party names by code.
pub fn party_name(code: &str) -> String {
    match code {
        "S" => "Socialdemokraterna",
        "M" => "Moderaterna",
        "C" => "Centerpartiet",
        "KD" => "Kristdemokraterna",
        "V" => "Vänsterpartiet",
        "L" => "Liberalerna",
        "MP" => "Miljöpartiet de gröna",
        "SD" => "Sverigedemokraterna",
        other => other,
    }
    .to_string()
}

fn groups(site: &Site) -> Vec<Page<'_>> {
    let mut parties: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut kommuner: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.people.iter().enumerate() {
        if let Some(c) = &p.party {
            parties.entry(c.clone()).or_default().push(i);
        }
        if let Some(k) = &p.kommun {
            kommuner.entry(k.clone()).or_default().push(i);
        }
    }
    let mut pages = vec![
        list_page("/parti/", "Partier", "partier", parties.iter().map(|(c, ps)| json!({"url": urls::party(c), "titel": format!("{} ({c})", party_name(c)), "meta": format!("{} personer", ps.len()), "excerpt": ""})).collect(), Twin::Parties),
        list_page("/kommun/", "Kommuner", "kommuner", kommuner.iter().map(|(k, ps)| json!({"url": urls::kommun(k), "titel": k, "meta": format!("{} personer", ps.len()), "excerpt": ""})).collect(), Twin::Kommuner),
    ];
    let people_cards = |ps: &[usize]| -> Vec<Value> {
        ps.iter().map(|&p| {
        let person = &site.people[p];
        let meta = [person.party.clone(), person.kommun.clone(), person.title.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        json!({"url": urls::person(site, p), "titel": person.name, "meta": meta, "excerpt": ""})
    }).collect()
    };
    for (c, ps) in &parties {
        pages.push(Page { url: urls::party(c), template: "group.html", title: format!("{} ({c})", party_name(c)), crumbs: vec![crumb("Partier", "/parti/")],
            data: ("grupp", json!({"titel": format!("{} ({c})", party_name(c)), "slag": "parti", "personer": people_cards(ps)}).into()), twin: Some(Twin::Party(c.clone())), feeds: vec![] });
    }
    for (k, ps) in &kommuner {
        let orgs: Vec<Value> = site
            .organisations
            .iter()
            .filter(|o| o.kommun.as_deref() == Some(k))
            .map(|o| json!({"namn": o.name, "orgnr": o.orgnr}))
            .collect();
        pages.push(Page { url: urls::kommun(k), template: "group.html", title: k.clone(), crumbs: vec![crumb("Kommuner", "/kommun/")],
            data: ("grupp", json!({"titel": k, "slag": "kommun", "personer": people_cards(ps), "organisationer": orgs}).into()), twin: Some(Twin::Kommun(k.clone())), feeds: vec![] });
    }
    pages
}

fn years(site: &Site) -> Vec<Page<'_>> {
    let mut years: BTreeMap<i32, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        years.entry(meeting.date.year).or_default().0.push(m);
    }
    for (d, doc) in site.documents.iter().enumerate() {
        if let Some(y) = doc.year.or_else(|| doc.sort_date(site).map(|x| x.year)) {
            years.entry(y).or_default().1.push(d);
        }
    }
    let list: Vec<i32> = years.keys().copied().collect();
    let mut pages = vec![list_page("/ar/", "År", "ar", list.iter().rev().map(|y| json!({"url": urls::year(*y), "titel": y.to_string(), "meta": format!("{} möten, {} handlingar", years[y].0.len(), years[y].1.len()), "excerpt": ""})).collect(), Twin::Years)];
    for (i, (y, (ms, ds))) in years.iter().enumerate() {
        let decisions: Vec<Value> = decisions(site)
            .into_iter()
            .filter(|r| site.meetings[r.meeting].date.year == *y)
            .map(|r| item_card(site, r))
            .collect();
        let reports: Vec<Value> = ds
            .iter()
            .filter(|&&d| crate::source::is_report(&site.documents[d].kind))
            .map(|&d| doc_card(site, d))
            .collect();
        pages.push(Page { url: urls::year(*y), template: "year.html", title: format!("År {y}"), crumbs: vec![crumb("År", "/ar/")],
            data: ("ar", json!({
                "ar": y,
                "foregaende": i.checked_sub(1).map(|j| json!({"url": urls::year(list[j]), "titel": list[j].to_string()})),
                "nasta": list.get(i + 1).map(|n| json!({"url": urls::year(*n), "titel": n.to_string()})),
                "statistik": [{"tal": ms.len(), "text": "möten"}, {"tal": decisions.len(), "text": "beslut"}, {"tal": ds.len(), "text": "handlingar"}, {"tal": reports.len(), "text": "rapporter"}],
                "moten": ms.iter().rev().map(|&m| meeting_card(site, m)).collect::<Vec<_>>(),
                "beslut": decisions,
                "rapporter": reports,
                "dokument": ds.iter().map(|&d| doc_card(site, d)).collect::<Vec<_>>(),
            }).into()), twin: Some(Twin::Year(*y)), feeds: vec![] });
    }
    pages
}

fn document(site: &Site, d: usize) -> Page<'_> {
    let doc = &site.documents[d];
    Page {
        url: urls::document(site, d),
        template: "document.html",
        title: doc.title.clone(),
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
        "id": doc.id, "typ": doc.kind, "typ_text": views::kind_text(&doc.kind), "titel": doc.title,
        "datum": doc.date, "datum_text": doc.date.map(|x| x.long()), "ar": doc.year,
        "rapport": crate::source::is_report(&doc.kind),
        "organisation": doc.organisation.map(|o| site.organisations[o].name.clone()),
        "organ": doc.organ.map(|o| json!({"namn": site.organs[o].short, "url": urls::organ(site, o)})),
        "dnr": doc.dnr.iter().map(|x| json!({"dnr": x, "url": urls::case(x)})).collect::<Vec<_>>(),
        "mote": doc.meeting.map(|m| meeting_card(site, m)),
        "punkt": punkt,
        "antagen": doc.adopted_by.map(|r| item_card(site, r)),
        "forfattare": doc.authors.iter().map(|n| views::named(site, n)).collect::<Vec<_>>(),
        "underskrifter": doc.signatures.iter().map(|s| views::signature(site, s)).collect::<Vec<_>>(),
        "innehall": toc,
        "html": body.html,
        "tabeller": body.tables,
    })
}
