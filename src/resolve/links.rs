//! The links between entities written in content: references (`organ/datum/nr`, `dokument/id`,
//! `Handlingar:`), the people presenting and named in decisions, and agenda items matched to the
//! paragraphs that decided them.

use super::people::NameIndex;
use crate::model::meeting::*;
use crate::model::site::*;
use crate::reading::diagnostic::{Diagnostic, did_you_mean};
use crate::reading::load::{Parsed, SourceFile};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use toml::Spanned;

/// Finds a meeting by organ id and URL segment (its date, and `-2` for a second sitting).
fn meeting_index(site: &Site, organ: &str, segment: &str) -> Option<usize> {
    let (date, sitting) = crate::model::sitting::parse_segment(segment)?;
    // Meetings are ordered by date, then organ id, then sitting.
    site.meetings
        .binary_search_by(|m| {
            (m.date, site.organs[m.organ].id.as_str(), m.sitting).cmp(&(date, organ, sitting))
        })
        .ok()
}

/// Finds a document by id (documents are ordered by id).
fn document_index(site: &Site, id: &str) -> Option<usize> {
    site.documents
        .binary_search_by(|d| d.id.as_str().cmp(id))
        .ok()
}

/// Resolves `organ/datum` to a meeting.
fn meeting_ref(
    site: &Site,
    f: &SourceFile,
    s: &Spanned<String>,
    errors: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let v = s.get_ref();
    let found = v
        .split_once('/')
        .and_then(|(o, d)| meeting_index(site, o, d));
    if found.is_none() {
        let all: Vec<String> = site
            .meetings
            .iter()
            .map(|m| format!("{}/{}", site.organs[m.organ].id, m.segment()))
            .collect();
        let hint = did_you_mean(v, all.iter().map(String::as_str))
            .unwrap_or_else(|| "write organ/YYYY-MM-DD of a meeting on this site".into());
        errors.push(f.at(s, format!("unknown meeting \"{v}\"")).with_hint(hint));
    }
    found
}

/// Resolves `organ/datum/nr` to a protokoll paragraph.
fn item_ref(
    site: &Site,
    f: &SourceFile,
    s: &Spanned<String>,
    errors: &mut Vec<Diagnostic>,
) -> Option<ItemRef> {
    let v = s.get_ref();
    let Some((m, nr)) = v.rsplit_once('/') else {
        errors.push(
            f.at(s, format!("\"{v}\" is not a paragraph reference"))
                .with_hint("write organ/YYYY-MM-DD/nr, e.g. styrelsen/2024-09-12/30"),
        );
        return None;
    };
    let meeting = meeting_ref(site, f, &Spanned::new(s.span(), m.to_string()), errors)?;
    let index = site.meetings[meeting]
        .items(Part::Protokoll)
        .iter()
        .position(|p| p.item.number == nr);
    if index.is_none() {
        errors.push(f.at(s, format!("the protokoll of {m} has no paragraph {nr}")));
    }
    Some(ItemRef {
        meeting,
        part: Part::Protokoll,
        index: index?,
    })
}

/// Resolves a membership's `beslut`: `organ/datum/nr` or `dokument/id`.
pub fn decision_ref(
    site: &Site,
    f: &SourceFile,
    s: &Spanned<String>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Ref> {
    if let Some(id) = s.get_ref().strip_prefix("dokument/") {
        let found = document_index(site, id);
        if found.is_none() {
            let mut d = f.at(s, format!("unknown document \"{id}\""));
            if let Some(h) = did_you_mean(id, site.documents.iter().map(|d| d.id.as_str())) {
                d = d.with_hint(h);
            }
            errors.push(d);
        }
        return found.map(Ref::Document);
    }
    item_ref(site, f, s, errors).map(Ref::Item)
}

/// Checks "§§ 28-35" against the paragraphs found.
pub fn check_range(
    f: &SourceFile,
    s: &Spanned<String>,
    items: &[crate::model::item::Item],
    errors: &mut Vec<Diagnostic>,
) {
    let digits: Vec<u32> = s
        .get_ref()
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|x| x.parse().ok())
        .collect();
    let nums: Vec<u32> = items.iter().filter_map(|i| i.number.parse().ok()).collect();
    if let ([a, b], Some(first), Some(last)) = (digits.as_slice(), nums.first(), nums.last())
        && (a, b) != (first, last)
    {
        errors.push(f.at(
            s,
            format!("paragrafer says {a}–{b} but the paragraphs found run {first}–{last}"),
        ));
    }
}

/// Documents' `mote`, `punkt` and `antagen`, but for the `kept` documents (put back as they were
/// linked, while their files may say otherwise).
pub fn document_refs(
    site: &mut Site,
    files: &[SourceFile],
    kept: &BTreeSet<usize>,
    errors: &mut Vec<Diagnostic>,
) {
    for f in files {
        let Parsed::Document(fm, _) = &f.parsed else {
            continue;
        };
        let Some(d) = document_index(site, fm.id.get_ref()).filter(|d| !kept.contains(d)) else {
            continue;
        };
        if let Some(m) = &fm.mote {
            site.documents[d].meeting = meeting_ref(site, f, m, errors);
        }
        if let Some(a) = &fm.antagen {
            site.documents[d].adopted_by = item_ref(site, f, a, errors);
        }
        if let (Some(p), Some(m)) = (&fm.punkt, site.documents[d].meeting) {
            let meeting = &site.meetings[m];
            let exists = [Part::Kallelse, Part::Protokoll].iter().any(|&part| {
                meeting
                    .items(part)
                    .iter()
                    .any(|i| &i.item.number == p.get_ref())
            });
            if !exists {
                errors.push(f.at(p, format!("the meeting has no item {}", p.get_ref())));
            }
        }
    }
}

/// Fills the links of the items of `only` (None: every meeting): their cases, presenters,
/// documents and mentions, and the agenda items matched with paragraphs.
pub fn link_meetings(
    site: &mut Site,
    names: &NameIndex,
    errors: &mut Vec<Diagnostic>,
    only: Option<&BTreeSet<usize>>,
) {
    let doc_ids: BTreeMap<String, usize> = site
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.clone(), i))
        .collect();
    // Each meeting's items only need the registers: the meetings are linked in parallel, and their
    // errors kept in meeting order.
    let Site {
        meetings, people, ..
    } = site;
    let people: &[Person] = people;
    let per_meeting: Vec<Vec<Diagnostic>> = meetings
        .par_iter_mut()
        .enumerate()
        .filter(|(m, _)| only.is_none_or(|o| o.contains(m)))
        .map(|(_, meeting)| {
            let mut errors = Vec::new();
            link_items(meeting, people, names, &doc_ids, &mut errors);
            match_agenda(meeting, &mut errors);
            errors
        })
        .collect();
    errors.extend(per_meeting.into_iter().flatten());
}

/// An item's cases, presenters, documents and, for a paragraph, the people its decision names.
fn link_items(
    meeting: &mut Meeting,
    people: &[Person],
    names: &NameIndex,
    doc_ids: &BTreeMap<String, usize>,
    errors: &mut Vec<Diagnostic>,
) {
    let parts = [
        meeting
            .protokoll
            .as_mut()
            .map(|p| (Part::Protokoll, PathBuf::from(&p.path), &mut p.items)),
        meeting
            .kallelse
            .as_mut()
            .map(|k| (Part::Kallelse, PathBuf::from(&k.path), &mut k.items)),
    ];
    for (part, path, items) in parts.into_iter().flatten() {
        for p in items.iter_mut() {
            p.dnr = p.item.dnr.iter().map(|d| d.value.clone()).collect();
            if let Some(pres) = &p.item.presenter {
                p.presenters = names.named_in_line(&pres.value);
                if p.presenters.is_empty() {
                    errors.push(
                        Diagnostic::error(
                            &path,
                            pres.line,
                            pres.col,
                            "no registered person is named on the Föredragande line",
                        )
                        .with_hint(
                            "write the name as in the register, or add this spelling as an alias",
                        ),
                    );
                }
            }
            for d in &p.item.documents {
                match doc_ids.get(&d.value) {
                    Some(&i) => p.documents.push(i),
                    None => {
                        let hint = did_you_mean(&d.value, doc_ids.keys().map(String::as_str))
                            .unwrap_or_default();
                        let e = Diagnostic::error(
                            &path,
                            d.line,
                            d.col,
                            format!("unknown document \"{}\"", d.value),
                        );
                        errors.push(if hint.is_empty() {
                            e
                        } else {
                            e.with_hint(hint)
                        });
                    }
                }
            }
            if part == Part::Protokoll {
                p.mentions = names.mentioned_in(&p.item.decision_text());
                super::room::link(&mut p.item.room, &path, people, names, errors);
            }
        }
    }
}

/// Pairs agenda items with the paragraphs that decided them.
fn match_agenda(meeting: &mut Meeting, errors: &mut Vec<Diagnostic>) {
    let (Some(prot), Some(kall)) = (meeting.protokoll.as_mut(), meeting.kallelse.as_mut()) else {
        return;
    };
    let explicit = prot.items.iter().any(|p| p.item.agenda_item.is_some());
    for pi in 0..prot.items.len() {
        let wanted = if explicit {
            match &prot.items[pi].item.agenda_item {
                Some(a) => a.value.clone(),
                None => continue,
            }
        } else {
            prot.items[pi].item.number.clone()
        };
        match kall.items.iter().position(|k| k.item.number == wanted) {
            Some(ki) => {
                prot.items[pi].counterpart = Some(ki);
                kall.items[ki].counterpart = Some(pi);
            }
            None => {
                let Some(a) = prot.items[pi].item.agenda_item.as_ref() else {
                    continue;
                };
                errors.push(Diagnostic::error(
                    std::path::Path::new(&prot.path),
                    a.line,
                    a.col,
                    format!("the kallelse has no agenda item {wanted}"),
                ));
            }
        }
    }
}
