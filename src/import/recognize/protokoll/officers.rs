//! The officers of a protokoll found where the header table did not give them: the chair from an
//! attendance entry's role, the signatures or the opening words; the secretary and justerare from
//! the signatures; and the meeting's date from the split when no header gave it.

use super::super::Meeting;
use super::super::attendance as att;
use super::super::when::date_in;
use crate::import::split::Part;
use crate::model::attendance::AttendanceRole;
use crate::model::date::Date;
use crate::reading::vocabulary::attendance::{read_entry, role_of};

/// The name with its party of an entry (`Andreas Erlandsson (S), ordförande` →
/// `Andreas Erlandsson (S)`).
fn name_part(entry: &str) -> String {
    let e = read_entry(entry);
    match e.party {
        Some(p) => format!("{} ({})", &entry[e.name], &entry[p]),
        None => entry[e.name].to_string(),
    }
}

/// The officers the paper gives only in its attendance, signatures or opening words (chair,
/// secretary, justerare), and the date when no header gave it.
pub(super) fn finish(m: &mut Meeting, part: &Part) {
    if m.when.date.is_none() && m.when.day_month.is_none() {
        let from_part = if m.notice { None } else { part.date.as_deref() };
        let d = part
            .meeting
            .as_deref()
            .or(from_part)
            .and_then(|d| Date::parse(d).ok())
            .or_else(|| date_in(&part.title).map(|x| x.1));
        m.when.date = d;
    }
    if m.notice {
        m.utfardad = part.date.as_deref().and_then(|d| Date::parse(d).ok());
        return;
    }
    let entries: Vec<&String> = m.groups.iter().flat_map(|g| &g.names).collect();
    let role = |e: &str| {
        let r = read_entry(e);
        role_of(&e[r.title]).or_else(|| role_of(&e[r.function]))
    };
    if m.ordforande.is_empty() {
        if let Some(e) = entries
            .iter()
            .find(|e| role(e) == Some(AttendanceRole::Chair))
        {
            m.ordforande.push(name_part(e));
        } else if let Some(s) = m.signatures.iter().find(|s| s.role == "ordförande") {
            m.ordforande.push(s.name.clone());
        } else if let Some(c) = m
            .preamble
            .iter()
            .chain(m.items.first().map(|i| &i.text).into_iter().flatten())
            .find_map(|t| att::opening_chair(t))
        {
            m.ordforande.push(c);
            m.notes
                .push("the chair is read from the opening words; check it".into());
        }
    }
    if m.sekreterare.is_none() {
        m.sekreterare = m
            .signatures
            .iter()
            .find(|s| s.role == "sekreterare")
            .map(|s| name_only(&s.name))
            .or_else(|| {
                entries
                    .iter()
                    .find(|e| {
                        let r = read_entry(e);
                        e[r.function].contains("sekreterare")
                    })
                    .map(|e| name_only(e))
            });
    }
    if m.justerare.is_empty() {
        m.justerare = m
            .signatures
            .iter()
            .filter(|s| s.role == "justerare" || s.role == "justerande")
            .map(|s| s.name.clone())
            .collect();
    }
}

fn name_only(entry: &str) -> String {
    let e = read_entry(entry);
    entry[e.name].to_string()
}
