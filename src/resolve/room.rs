//! The room linked to people: each member's vote resolved to a person (an unknown name or a member
//! voting twice is an error), each yrkande, reservation, protokollsanteckning and jäv linked to the
//! people it names, and the links back on each person's page.

use super::people::NameIndex;
use crate::model::meeting::*;
use crate::model::site::{Person, Site};
use crate::model::vote::{InRoom, Room, StatementKind};
use crate::reading::diagnostic::Diagnostic;
use std::path::Path;

/// Resolves the names of the room of one paragraph of the protokoll at `path`.
pub fn link(
    room: &mut Room,
    path: &Path,
    people: &[Person],
    names: &NameIndex,
    errors: &mut Vec<Diagnostic>,
) {
    for v in &mut room.votes {
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for b in &mut v.ballots {
            let w = &b.who.written;
            let Some(p) = names.get(&w.name) else {
                errors.push(
                    Diagnostic::error(
                        path,
                        b.line,
                        b.col,
                        format!("unknown person \"{}\" in the vote", w.name),
                    )
                    .with_hint(names.suggest(&w.name)),
                );
                continue;
            };
            if let (Some(wp), Some(rp)) = (&w.party, &people[p].party)
                && !wp.eq_ignore_ascii_case(rp)
            {
                errors.push(Diagnostic::error(
                    path,
                    b.line,
                    b.col,
                    format!("{} is registered as ({rp}), not ({wp})", people[p].name),
                ));
            }
            if let Some(&(_, line)) = seen.iter().find(|(q, _)| *q == p) {
                errors.push(
                    Diagnostic::error(
                        path,
                        b.line,
                        b.col,
                        format!("{} votes twice in this vote", people[p].name),
                    )
                    .with_hint(format!("the first vote is on line {line}")),
                );
            }
            seen.push((p, b.line));
            b.who.person = Some(p);
        }
    }
    for s in room.statements_mut() {
        let who = if s.who.is_empty() { &s.text } else { &s.who };
        s.people = names.named_in_line(who);
        if s.people.is_empty()
            && let Some(name) = name_like(who)
        {
            let what = match s.kind {
                StatementKind::Motion => "yrkande",
                StatementKind::Reservation => "reservation",
                StatementKind::Note => "protokollsanteckning",
                StatementKind::Disqualified => "jäv",
            };
            errors.push(
                Diagnostic::error(
                    path,
                    s.line,
                    s.col,
                    format!("no registered person is named in this {what}: \"{name}\" is unknown"),
                )
                .with_hint(names.suggest(name)),
            );
        }
    }
}

/// The first run of two or more capitalized words in `text` ("Anna Berg" in "Anna Berg (M) och
/// …"): a name the paper gives that should be in the register. A statement naming only a role or a
/// group ("Ordföranden", "Moderaternas ledamöter") has none.
fn name_like(text: &str) -> Option<&str> {
    let mut start: Option<usize> = None;
    let mut count = 0;
    let mut end = 0;
    let mut pos = 0;
    for w in text.split(' ') {
        let cap = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-');
        if cap {
            if start.is_none() {
                start = Some(pos);
                count = 0;
            }
            count += 1;
            end = pos + w.len();
        } else {
            if count >= 2 {
                break;
            }
            start = None;
            count = 0;
        }
        pos += w.len() + 1;
    }
    match start {
        Some(s) if count >= 2 => Some(&text[s..end]),
        _ => None,
    }
}

/// Fills each person's record of the room: how they voted, what they moved or reserved, their jäv.
pub fn backlinks(site: &mut Site) {
    let Site {
        meetings, people, ..
    } = site;
    for (m, meeting) in meetings.iter().enumerate() {
        for (index, p) in meeting.items(Part::Protokoll).iter().enumerate() {
            let r = ItemRef {
                meeting: m,
                part: Part::Protokoll,
                index,
            };
            for (n, v) in p.item.room.votes.iter().enumerate() {
                for b in &v.ballots {
                    if let Some(x) = b.who.person {
                        people[x].room.push((r, InRoom::Voted(n, b.choice)));
                    }
                }
            }
            for s in p.item.room.statements() {
                for &x in &s.people {
                    let entry = (r, InRoom::Said(s.kind));
                    // Entries come paragraph by paragraph: a repeat is among this one's.
                    let mut this = people[x].room.iter().rev().take_while(|(at, _)| *at == r);
                    if !this.any(|e| *e == entry) {
                        people[x].room.push(entry);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_runs_of_capitalized_words() {
        assert_eq!(name_like("Anna Berg (M) och Per Ek (M)"), Some("Anna Berg"));
        assert_eq!(name_like("Ordföranden"), None);
        assert_eq!(name_like("Moderaternas ledamöter"), None);
        assert_eq!(
            name_like("Ledamoten Karl-Erik Öst"),
            Some("Ledamoten Karl-Erik Öst")
        );
    }
}
