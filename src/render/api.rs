//! The JSON twins (`index.json` beside every entity page): all of an entity's data and links, with
//! field names after OParl 1.1 where one fits (`meeting`, `agendaItem`, `organization`, `person`,
//! `membership`, `paper` …) and the front-matter key otherwise. Documented in docs/API.md.

use super::noticeboard;
use super::urls;
use super::views::{decision_text, kind_text, status};
use crate::dates;
use crate::site::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// Which twin a page has; evaluated in the parallel render.
#[derive(Debug, Clone)]
pub enum Twin {
    /// `/organ/`.
    Organs,
    /// An organ.
    Organ(usize),
    /// A meeting.
    Meeting(usize),
    /// A paragraph of a protokoll.
    Item(ItemRef),
    /// `/arende/`.
    Cases,
    /// A case, by index.
    Case(usize),
    /// `/person/`.
    People,
    /// A person.
    Person(usize),
    /// `/parti/`.
    Parties,
    /// A party, by code.
    Party(String),
    /// `/kommun/`.
    Kommuner,
    /// A municipality, by name.
    Kommun(String),
    /// `/ar/`.
    Years,
    /// A year.
    Year(i32),
    /// `/dokument/`.
    Documents,
    /// A document.
    Document(usize),
}

/// The twin's JSON.
pub fn twin(site: &Site, t: &Twin) -> Value {
    match t {
        Twin::Organs => list(
            "/organ/",
            "Organ",
            (0..site.organs.len()).map(|o| organ_ref(site, o)),
        ),
        Twin::Organ(o) => organ(site, *o),
        Twin::Meeting(m) => meeting(site, *m),
        Twin::Item(r) => agenda_item(site, *r),
        Twin::Cases => list(
            "/arende/",
            "Ärenden",
            site.cases.iter().map(|c| case_ref(site, &c.dnr)),
        ),
        Twin::Case(c) => case(site, &site.cases[*c]),
        Twin::People => list(
            "/person/",
            "Personer",
            (0..site.people.len()).map(|p| person_ref(site, p)),
        ),
        Twin::Person(p) => person(site, *p),
        Twin::Parties => list(
            "/parti/",
            "Partier",
            parties(site).into_keys().map(|c| {
                let web = urls::party(&c);
                json!({"id": format!("{web}index.json"), "web": web, "name": super::pages::party_name(&c), "code": c})
            }),
        ),
        Twin::Party(code) => {
            let web = urls::party(code);
            json!({
                "type": "Party", "id": format!("{web}index.json"), "web": web,
                "code": code, "name": super::pages::party_name(code),
                "person": parties(site).get(code).into_iter().flatten().map(|&p| person_ref(site, p)).collect::<Vec<_>>(),
            })
        }
        Twin::Kommuner => list(
            "/kommun/",
            "Kommuner",
            kommuner(site).into_keys().map(|k| {
                let web = urls::kommun(&k);
                json!({"id": format!("{web}index.json"), "web": web, "name": k})
            }),
        ),
        Twin::Kommun(k) => {
            let web = urls::kommun(k);
            json!({
                "type": "Municipality", "id": format!("{web}index.json"), "web": web, "name": k,
                "person": kommuner(site).get(k).into_iter().flatten().map(|&p| person_ref(site, p)).collect::<Vec<_>>(),
                "body": (0..site.organisations.len()).filter(|&o| site.organisations[o].kommun.as_deref() == Some(k)).map(|o| body_ref(site, o)).collect::<Vec<_>>(),
            })
        }
        Twin::Years => {
            let mut years: Vec<i32> = site.meetings.iter().map(|m| m.date.year).collect();
            years.extend(
                site.documents
                    .iter()
                    .filter_map(|d| d.year.or_else(|| d.sort_date(site).map(|x| x.year))),
            );
            years.sort_unstable();
            years.dedup();
            list(
                "/ar/",
                "År",
                years.into_iter().rev().map(|y| {
                    let web = urls::year(y);
                    json!({"id": format!("{web}index.json"), "web": web, "name": y.to_string(), "year": y})
                }),
            )
        }
        Twin::Year(y) => year(site, *y),
        Twin::Documents => {
            let mut docs: Vec<usize> = (0..site.documents.len()).collect();
            docs.sort_by_key(|&d| std::cmp::Reverse((site.documents[d].sort_date(site), d)));
            list(
                "/dokument/",
                "Handlingar och rapporter",
                docs.into_iter().map(|d| paper_ref(site, d)),
            )
        }
        Twin::Document(d) => paper(site, *d),
    }
}

fn list(web: &str, name: &str, data: impl Iterator<Item = Value>) -> Value {
    json!({"type": "List", "id": format!("{web}index.json"), "web": web, "name": name, "data": data.collect::<Vec<_>>()})
}

fn page_ref(web: String, name: String) -> Value {
    json!({"id": format!("{web}index.json"), "web": web, "name": name})
}

/// A reference to an organisation (OParl Body); organisations are listed in `/api/organisationer.json`.
pub fn body_ref(site: &Site, o: usize) -> Value {
    let org = &site.organisations[o];
    json!({"id": format!("/api/organisationer.json#{}", org.id), "key": org.id, "name": org.name})
}

/// A reference to an organ (OParl Organization).
pub fn organ_ref(site: &Site, o: usize) -> Value {
    let mut v = page_ref(urls::organ(site, o), site.organs[o].name.clone());
    v["key"] = json!(site.organs[o].id);
    v["shortName"] = json!(site.organs[o].short);
    v
}

/// A reference to a meeting.
pub fn meeting_ref(site: &Site, m: usize) -> Value {
    let meeting = &site.meetings[m];
    let organ = &site.organs[meeting.organ];
    let mut v = page_ref(
        urls::meeting(site, m),
        format!("{} {}", organ.short, meeting.date.long()),
    );
    v["date"] = json!(meeting.date);
    v["organization"] = json!(organ.id);
    v["meetingState"] = json!(status(meeting).0);
    v
}

/// A reference to a person.
pub fn person_ref(site: &Site, p: usize) -> Value {
    let mut v = page_ref(urls::person(site, p), site.people[p].name.clone());
    v["key"] = json!(site.people[p].id);
    v
}

/// A reference to a paragraph (its own page) or an agenda item (an anchor on the meeting page).
pub fn item_ref(site: &Site, r: ItemRef) -> Value {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let web = urls::item(site, r);
    let id = match r.part {
        Part::Protokoll => format!("{web}index.json"),
        Part::Kallelse => format!(
            "{}index.json#{}",
            urls::meeting(site, r.meeting),
            urls::anchor(r.part, &p.item.number)
        ),
    };
    json!({
        "id": id, "web": web, "name": format!("{} {}", p.item.label(), p.item.title),
        "number": p.item.number, "meeting": urls::meeting(site, r.meeting), "date": meeting.date,
        "part": part_key(r.part),
    })
}

fn part_key(p: Part) -> &'static str {
    match p {
        Part::Protokoll => "protokoll",
        Part::Kallelse => "kallelse",
    }
}

/// A reference to a case.
pub fn case_ref(site: &Site, dnr: &str) -> Value {
    // Cases are sorted by slug (one case per slug), so this is a binary search, not a scan.
    let slug = crate::site::dnr_slug(dnr);
    let name = site
        .cases
        .binary_search_by(|c| c.slug.cmp(&slug))
        .ok()
        .map(|i| &site.cases[i])
        .filter(|c| c.dnr == dnr)
        .map(|c| super::pages::case_title(site, c))
        .unwrap_or_default();
    let mut v = page_ref(urls::case(dnr), name);
    v["reference"] = json!(dnr);
    v
}

/// A reference to a document (OParl Paper).
pub fn paper_ref(site: &Site, d: usize) -> Value {
    let doc = &site.documents[d];
    let mut v = page_ref(urls::document(site, d), doc.title.clone());
    v["key"] = json!(doc.id);
    v["paperType"] = json!(doc.kind);
    v["date"] = json!(doc.sort_date(site));
    v
}

fn decision_ref(site: &Site, r: Ref) -> Value {
    match r {
        Ref::Item(i) => item_ref(site, i),
        Ref::Document(d) => paper_ref(site, d),
    }
}

/// A name as written, with the person it resolved to.
fn named(site: &Site, n: &Named) -> Value {
    json!({
        "name": n.written.name, "party": n.written.party, "function": (!n.written.function.is_empty()).then_some(&n.written.function),
        "person": n.person.map(|p| person_ref(site, p)),
    })
}

fn signature(site: &Site, s: &Signature) -> Value {
    json!({"signer": named(site, &s.who), "role": s.role, "time": s.time, "method": s.method})
}

/// Whether a role carries a vote (ersättare vote only when serving, which the membership cannot know).
pub fn voting_right(role: &str) -> bool {
    matches!(
        role,
        "ordförande" | "vice ordförande" | "andre vice ordförande" | "ledamot" | "ombud"
    )
}

/// A membership (OParl Membership).
pub fn membership(site: &Site, i: usize) -> Value {
    let m = &site.memberships[i];
    json!({
        "type": "Membership",
        "person": person_ref(site, m.person),
        "organization": organ_ref(site, m.organ),
        "role": m.role,
        "votingRight": voting_right(&m.role),
        "startDate": m.from, "endDate": m.to,
        "ersattare_for": m.substitute_for.map(|p| person_ref(site, p)),
        "kommun": m.kommun,
        "beslut": m.decision.map(|d| decision_ref(site, d)),
        "anteckning": m.note,
    })
}

fn organ(site: &Site, o: usize) -> Value {
    let organ = &site.organs[o];
    let mut v = organ_ref(site, o);
    v["type"] = json!("Organization");
    v["organizationType"] = json!(organ.kind);
    v["body"] = body_ref(site, organ.organisation);
    v["description"] = json!(organ.description);
    v["forvaringsplats"] = json!(noticeboard::archive_place(site, o));
    v["membership"] = site
        .memberships
        .iter()
        .enumerate()
        .filter(|(_, m)| m.organ == o)
        .map(|(i, _)| membership(site, i))
        .collect();
    v["meeting"] = (0..site.meetings.len())
        .rev()
        .filter(|&m| site.meetings[m].organ == o)
        .map(|m| meeting_ref(site, m))
        .collect();
    if site.config.bas_url.is_some() {
        v["feed"] = json!(format!("/{}/atom.xml", organ.id));
        v["calendar"] = json!(format!("/{}/kalender.ics", organ.id));
    }
    v
}

/// The start or end of a meeting: a date-time when the time is known, else the date.
fn when(date: crate::date::Date, time: Option<crate::date::Time>) -> Value {
    match time {
        Some(t) => json!(dates::rfc3339(date, Some(t))),
        None => json!(date),
    }
}

fn meeting(site: &Site, m: usize) -> Value {
    let meeting = &site.meetings[m];
    let mut v = meeting_ref(site, m);
    v["type"] = json!("Meeting");
    v["organization"] = json!([organ_ref(site, meeting.organ)]);
    v["cancelled"] = json!(meeting.cancelled);
    v["start"] = when(meeting.date, meeting.start);
    v["end"] = match meeting.end {
        Some(t) => when(meeting.date, Some(t)),
        None => Value::Null,
    };
    v["location"] = json!(meeting.place.as_ref().map(|p| json!({"description": p})));
    let items = |part: Part| -> Vec<Value> {
        (0..meeting.items(part).len())
            .map(|index| {
                agenda_item(
                    site,
                    ItemRef {
                        meeting: m,
                        part,
                        index,
                    },
                )
            })
            .collect()
    };
    v["agendaItem"] = json!(items(Part::Protokoll));
    let mut participants: Vec<usize> = Vec::new();
    v["protokoll"] = json!(meeting.protokoll.as_ref().map(|p| {
        let mut narvaro = serde_json::Map::new();
        for (g, names) in &p.attendance {
            narvaro.insert(ATTENDANCE_GROUPS[*g].0.to_string(), names.iter().map(|n| named(site, n)).collect());
            participants.extend(names.iter().filter_map(|n| n.person));
        }
        json!({
            "name": p.title, "source": p.path,
            "ordforande": p.chair.as_ref().map(|n| named(site, n)),
            "sekreterare": p.secretary.as_ref().map(|n| named(site, n)),
            "justerare": p.adjusters.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
            "justerad": p.adjusted,
            "justerat": p.is_adjusted(),
            "anslagen": p.posted,
            "paragrafer": p.printed_range,
            "narvaro": narvaro,
            "text": p.preamble,
            "underskrift": p.signatures.iter().map(|s| signature(site, s)).collect::<Vec<_>>(),
            "rattelse": p.corrections.iter().map(|c| json!({
                "datum": c.date, "skal": c.reason, "andring": c.change,
                "agendaItem": c.item.map(|index| item_ref(site, ItemRef { meeting: m, part: Part::Protokoll, index })),
            })).collect::<Vec<_>>(),
        })
    }));
    participants.sort_unstable();
    participants.dedup();
    v["participant"] = participants
        .into_iter()
        .map(|p| person_ref(site, p))
        .collect();
    v["kallelse"] = json!(meeting.kallelse.as_ref().map(|k| json!({
        "name": k.title, "source": k.path,
        "utfardad": k.issued,
        "undertecknad": k.signed_by.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
        "sandlista": k.send_list.as_ref().map(|(title, cols, rows)| json!({
            "rubrik": title, "kolumner": cols,
            "rad": rows.iter().map(|r| json!({
                "kommun": r.kommun,
                "ordinarie": r.first.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
                "ersattare": r.second.iter().map(|n| named(site, n)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })),
        "text": k.preamble,
        "agendaItem": items(Part::Kallelse),
    })));
    v["anslag"] = json!(noticeboard::notice_of(site, m).map(|n| json!({
        "anslagen": n.posted, "sista_dag_att_overklaga": n.last_day, "tas_ned": n.take_down,
        "web": format!("/anslagstavla/#{}", n.anchor),
    })));
    v["paper"] = meeting
        .documents
        .iter()
        .map(|&d| paper_ref(site, d))
        .collect();
    v
}

/// A paragraph or agenda item (OParl AgendaItem) with everything it says.
pub fn agenda_item(site: &Site, r: ItemRef) -> Value {
    let meeting = &site.meetings[r.meeting];
    let p = &meeting.items(r.part)[r.index];
    let other = match r.part {
        Part::Protokoll => Part::Kallelse,
        Part::Kallelse => Part::Protokoll,
    };
    let mut v = item_ref(site, r);
    v["type"] = json!("AgendaItem");
    v["meeting"] = meeting_ref(site, r.meeting);
    v["order"] = json!(r.index + 1);
    v["label"] = json!(p.item.label());
    v["title"] = json!(p.item.title);
    v["public"] = json!(true);
    v["dnr"] = json!(p.dnr);
    v["arende"] = p.dnr.iter().map(|d| case_ref(site, d)).collect();
    v["foredragande"] = json!(p.item.presenter.as_ref().map(|m| json!({
        "text": m.value,
        "person": p.presenters.iter().map(|&x| person_ref(site, x)).collect::<Vec<_>>(),
    })));
    v["text"] = json!(p.item.text);
    v["avsnitt"] = p
        .item
        .sections
        .iter()
        .map(|s| json!({"typ": s.kind.key(), "rubrik": s.heading, "markdown": s.markdown}))
        .collect();
    let decision = p.item.is_decision();
    v["beslut"] = json!(decision);
    v["resolutionText"] = json!(decision.then(|| decision_text(p)));
    v["paper"] = p.documents.iter().map(|&d| paper_ref(site, d)).collect();
    v["motsvarighet"] = json!(p.counterpart.map(|index| item_ref(
        site,
        ItemRef {
            meeting: r.meeting,
            part: other,
            index
        }
    )));
    v["membership"] = p.memberships.iter().map(|&m| membership(site, m)).collect();
    v["antar"] = p.adopted.iter().map(|&d| paper_ref(site, d)).collect();
    v["namnda"] = p.mentions.iter().map(|&x| person_ref(site, x)).collect();
    if r.part == Part::Protokoll
        && let Some(pr) = &meeting.protokoll
    {
        v["rattelse"] = pr
            .corrections
            .iter()
            .filter(|c| c.item == Some(r.index))
            .map(|c| json!({"datum": c.date, "skal": c.reason, "andring": c.change}))
            .collect();
    }
    v
}

fn case(site: &Site, c: &Case) -> Value {
    let mut v = case_ref(site, &c.dnr);
    v["type"] = json!("Case");
    v["entries"] = c
        .entries
        .iter()
        .map(|e| match *e {
            CaseEntry::Item(r) => {
                json!({"kind": if r.part == Part::Protokoll { "paragraf" } else { "punkt" }, "agendaItem": item_ref(site, r)})
            }
            CaseEntry::Document(d) => json!({"kind": "dokument", "paper": paper_ref(site, d)}),
        })
        .collect();
    if site.config.bas_url.is_some() {
        v["feed"] = json!(format!("{}atom.xml", urls::case(&c.dnr)));
    }
    v
}

fn person(site: &Site, p: usize) -> Value {
    let person = &site.people[p];
    let mut v = person_ref(site, p);
    v["type"] = json!("Person");
    v["alias"] = json!(person.aliases);
    v["stavningar"] = json!(person.spellings);
    v["parti"] =
        json!(person.party.as_ref().map(
            |c| json!({"code": c, "name": super::pages::party_name(c), "web": urls::party(c)})
        ));
    v["kommun"] = json!(
        person
            .kommun
            .as_ref()
            .map(|k| json!({"name": k, "web": urls::kommun(k)}))
    );
    v["titel"] = json!(person.title);
    v["organisation"] = json!(person.organisation.map(|o| body_ref(site, o)));
    v["membership"] = person
        .memberships
        .iter()
        .map(|&m| membership(site, m))
        .collect();
    v["meeting"] = person
        .attended
        .iter()
        .map(|(m, how)| json!({"meeting": meeting_ref(site, *m), "narvaro": how}))
        .collect();
    v["sandlista"] = person
        .send_lists
        .iter()
        .map(|(m, col)| json!({"meeting": meeting_ref(site, *m), "kolumn": col}))
        .collect();
    v["foredragit"] = person
        .presented
        .iter()
        .map(|&r| item_ref(site, r))
        .collect();
    v["namnd_i"] = person
        .mentioned
        .iter()
        .map(|&r| item_ref(site, r))
        .collect();
    v["paper"] = person
        .documents
        .iter()
        .map(|&d| paper_ref(site, d))
        .collect();
    v
}

fn year(site: &Site, y: i32) -> Value {
    let web = urls::year(y);
    let docs: Vec<usize> = (0..site.documents.len())
        .filter(|&d| {
            let doc = &site.documents[d];
            doc.year.or_else(|| doc.sort_date(site).map(|x| x.year)) == Some(y)
        })
        .collect();
    json!({
        "type": "Year", "id": format!("{web}index.json"), "web": web, "name": y.to_string(), "year": y,
        "meeting": (0..site.meetings.len()).rev().filter(|&m| site.meetings[m].date.year == y).map(|m| meeting_ref(site, m)).collect::<Vec<_>>(),
        "beslut": super::pages::decisions(site).into_iter().filter(|r| site.meetings[r.meeting].date.year == y).map(|r| item_ref(site, r)).collect::<Vec<_>>(),
        "rapporter": docs.iter().filter(|&&d| crate::source::is_report(&site.documents[d].kind)).map(|&d| paper_ref(site, d)).collect::<Vec<_>>(),
        "paper": docs.iter().map(|&d| paper_ref(site, d)).collect::<Vec<_>>(),
    })
}

fn paper(site: &Site, d: usize) -> Value {
    let doc = &site.documents[d];
    let mut v = paper_ref(site, d);
    v["type"] = json!("Paper");
    v["paperTypeText"] = json!(kind_text(&doc.kind));
    v["date"] = json!(doc.date);
    v["ar"] = json!(doc.year);
    v["reference"] = json!(doc.dnr);
    v["arende"] = doc.dnr.iter().map(|x| case_ref(site, x)).collect();
    v["body"] = json!(doc.organisation.map(|o| body_ref(site, o)));
    v["organization"] = json!(doc.organ.map(|o| organ_ref(site, o)));
    v["meeting"] = json!(doc.meeting.map(|m| meeting_ref(site, m)));
    v["punkt"] = json!(doc.item);
    v["antagen"] = json!(doc.adopted_by.map(|r| item_ref(site, r)));
    v["originatorPerson"] = doc.authors.iter().map(|n| named(site, n)).collect();
    v["underskrift"] = doc.signatures.iter().map(|s| signature(site, s)).collect();
    v["source"] = json!(doc.path);
    v["text"] = json!(doc.body);
    v["tabeller"] = json!(crate::markdown::render(&doc.body, "d-").tables);
    v
}

/// People by party code.
pub fn parties(site: &Site) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.people.iter().enumerate() {
        if let Some(c) = &p.party {
            out.entry(c.clone()).or_default().push(i);
        }
    }
    out
}

/// People by municipality.
pub fn kommuner(site: &Site) -> BTreeMap<String, Vec<usize>> {
    let mut out: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.people.iter().enumerate() {
        if let Some(k) = &p.kommun {
            out.entry(k.clone()).or_default().push(i);
        }
    }
    out
}
