//! Views of the room and the bilagor for the templates: a vote as a table of members (with its
//! caption and counts), the people each yrkande, reservation, protokollsanteckning and jäv names,
//! a `Jäv:` meta line, the attachments of a paragraph or meeting with type and size, and what a
//! person did in the room for their page.

use super::views::{item_card, named};
use crate::markup::markdown;
use crate::model::attachment::{self, Attachment};
use crate::model::item::SectionKind;
use crate::model::meeting::Paragraph;
use crate::model::site::{Person, Site};
use crate::model::urls;
use crate::model::vote::{Choice, InRoom, Statement, Vote};
use serde_json::{Value, json};

/// What section `i` of paragraph `p` adds to its view: the vote read from it (`omrostning`) and
/// the people its statements name (`personer`), each absent when there is nothing.
pub fn section(site: &Site, p: &Paragraph, i: usize, id: &str) -> Vec<(&'static str, Value)> {
    let room = &p.item.room;
    let mut out = Vec::new();
    match p.item.sections[i].kind {
        SectionKind::Vote => {
            if let Some(v) = room.votes.iter().find(|v| v.section == i)
                && (!v.ballots.is_empty() || v.printed.is_some())
            {
                out.push(("omrostning", vote(site, &p.item.label(), v, id)));
            }
        }
        SectionKind::Motions
        | SectionKind::Reservations
        | SectionKind::Notes
        | SectionKind::Disqualification => {
            let people = people_of(site, room.statements().filter(|s| s.section == Some(i)));
            if !people.is_empty() {
                let label = match p.item.sections[i].kind {
                    SectionKind::Motions => "Yrkanden av",
                    SectionKind::Reservations => "Reserverade sig",
                    SectionKind::Notes => "Protokollsanteckning av",
                    _ => "Jäviga",
                };
                out.push(("personer", Value::Array(people)));
                out.push(("personer_rubrik", json!(label)));
            }
        }
        _ => {}
    }
    out
}

/// Each person named by `statements`, once, in order.
fn people_of<'a>(site: &Site, statements: impl Iterator<Item = &'a Statement>) -> Vec<Value> {
    let mut seen = Vec::new();
    for s in statements {
        for &p in &s.people {
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
    }
    seen.into_iter()
        .map(|p| super::views::person_ref(site, p))
        .collect()
}

/// A vote: its counts, caption, each member's vote and the rest of its text.
fn vote(site: &Site, label: &str, v: &Vote, id: &str) -> Value {
    let c = v.counts();
    let counts: Vec<Value> = Choice::ALL
        .iter()
        .filter_map(|&ch| {
            let n = c.get(ch)?;
            Some(json!({"key": ch.key(), "text": ch.text().to_lowercase(), "tal": n}))
        })
        .collect();
    let summary: Vec<String> = counts
        .iter()
        .map(|x| format!("{} {}", x["tal"], x["text"].as_str().unwrap_or("")))
        .collect();
    let caption = if label.is_empty() {
        format!("Omröstning: {}", summary.join(", "))
    } else {
        format!("Omröstning {label}: {}", summary.join(", "))
    };
    let rows: Vec<Value> = v
        .ballots
        .iter()
        .map(|b| {
            let n = named(site, &b.who);
            json!({
                "namn": n["namn"], "url": n["url"], "parti": n["parti"],
                "rost": b.choice.text(), "rost_key": b.choice.key(),
            })
        })
        .collect();
    let text = markdown::render(&v.text, &format!("{id}-")).html;
    let after = markdown::render(&v.after, &format!("{id}-efter-")).html;
    json!({
        "id": id, "caption": caption, "antal": counts, "rader": rows, "text_html": text,
        "efter_html": after, "utfall": v.outcome().map(Choice::text),
    })
}

/// The jäv written as meta lines (`Jäv: Anna Berg (C), styrelseledamot i bolaget`).
pub fn meta_jav(site: &Site, p: &Paragraph) -> Value {
    p.item
        .room
        .disqualified
        .iter()
        .filter(|s| s.section.is_none())
        .map(|s| {
            let people: Vec<Value> = s
                .people
                .iter()
                .map(|&x| super::views::person_ref(site, x))
                .collect();
            json!({"text": s.who, "skal": s.reason, "personer": people})
        })
        .collect()
}

/// Attachments with their URL, kind, size and checksum.
pub fn attachments(site: &Site, m: usize, list: &[Attachment]) -> Value {
    list.iter()
        .map(|a| {
            json!({
                "titel": a.title, "fil": a.file_name, "url": urls::attachment(site, m, &a.segment),
                "typ": attachment::kind_text(&a.file_name), "mediatyp": a.media_type,
                "storlek": attachment::size_text(a.size), "byte": a.size, "sha256": a.sha256,
            })
        })
        .collect()
}

/// What a person did in the room, for their page: their votes (each paragraph's card with how they
/// voted), and the paragraphs of their yrkanden, reservationer, protokollsanteckningar and jäv.
pub fn person(site: &Site, person: &Person) -> Vec<(&'static str, Value)> {
    let mut votes = Vec::new();
    let mut said: [Vec<Value>; 4] = Default::default();
    for &(r, what) in person.room.iter().rev() {
        match what {
            InRoom::Voted(_, c) => votes.push(with_meta(
                item_card(site, r),
                &format!("röstade {}", c.text().to_lowercase()),
            )),
            InRoom::Said(k) => said[k.index()].push(item_card(site, r)),
        }
    }
    let [motions, reservations, notes, disqualified] = said;
    vec![
        ("omrostningar", Value::Array(votes)),
        ("yrkanden", Value::Array(motions)),
        ("reservationer", Value::Array(reservations)),
        ("protokollsanteckningar", Value::Array(notes)),
        ("jav", Value::Array(disqualified)),
    ]
}

/// A card with `extra` after its meta line.
fn with_meta(mut card: Value, extra: &str) -> Value {
    let meta = card["meta"].as_str().unwrap_or("").to_string();
    card["meta"] = json!(format!("{meta} · {extra}"));
    card
}
