//! A protokoll's header table applied to the meeting: organ, place and hours, paragraphs, chair,
//! secretary, justerare, justeringsplats and the attendance groups it prints in its rows.

use super::super::attendance as att;
use super::super::header::{self, Label};
use super::super::names::{functions, split_list, with_functions};
use super::super::when::{When, place_of};
use super::super::{Given, Group, Meeting, Unplaced};

/// Fills what `w` knows and `into` does not.
pub(super) fn merge_when(into: &mut When, w: When) {
    into.date = into.date.or(w.date);
    into.day_month = into.day_month.or(w.day_month);
    into.start = into.start.or(w.start);
    into.end = into.end.or(w.end);
}

pub(super) fn apply_header(m: &mut Meeting, rows: Vec<header::HeaderRow>, given: &Given) {
    for r in rows {
        let v = r.value();
        match r.kind {
            Label::Key("organ") => m.organ = Some(v),
            Label::Key("plats") => {
                m.plats = place_of(&v);
                merge_when(&mut m.when, When::of(&v));
            }
            Label::Key("tid") | Label::Key("datum") => merge_when(&mut m.when, When::of(&v)),
            Label::Key("paragrafer") => m.paragrafer = Some(v),
            Label::Key("ordforande") => {
                m.ordforande = split_list(&v, given).into_iter().map(|s| s.entry).collect()
            }
            Label::Key("sekreterare") => m.sekreterare = Some(v),
            Label::Key("justerare") => {
                m.justerare = split_list(&v, given).into_iter().map(|s| s.entry).collect()
            }
            Label::Key("justeringsplats") => m.justeringsplats = Some(v),
            Label::Group(kind) => {
                let (mut names, guessed) = att::cell_entries(&r.lines, given);
                // Names in one column, their functions in the next.
                if let [who, what] = r.columns.as_slice() {
                    let (n, _) = att::cell_entries(who, given);
                    if let Some(f) = functions(&what.join(" "), n.len())
                        && !n.iter().any(|e| e.contains(','))
                    {
                        names = with_functions(&n, &f);
                    }
                }
                if guessed {
                    m.notes.push(format!(
                        "{}: names run together were cut by guess; check them",
                        r.label
                    ));
                }
                m.groups.push(Group {
                    kind,
                    heading: r.label.clone(),
                    names,
                    after_items: false,
                });
            }
            _ => m.unplaced.push(Unplaced {
                place: r.place,
                why: format!("header row \"{}\" not understood", r.label),
                text: v,
            }),
        }
    }
}
