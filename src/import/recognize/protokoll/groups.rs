//! An attendance group printed among a protokoll's blocks (under a heading such as
//! "Närvarande ledamöter"): the blocks that go on with it (a grid of names read column by column,
//! a table of names and what they represent, lines of names, a stray page footer) and its close.

use super::super::attendance as att;
use super::super::{Group, Meeting, Unplaced};
use crate::import::block::{Block, Kind};
use crate::import::write::markdown;

/// Takes block `b` into the open group `g` when it goes on with it: `Some(true)` when it was a
/// table (another table may go on with it over a page break), `Some(false)` for text, `None` when
/// the block is not the group's (the group is over). A line that is no name but looks like a page
/// footer inside the list goes to `unplaced`.
pub(super) fn take(
    g: &mut Group,
    b: &Block,
    plain: &str,
    text_block: bool,
    unplaced: &mut Vec<Unplaced>,
) -> Option<bool> {
    if let Kind::Table(t) = &b.kind
        && t.is_name_grid()
    {
        // One name per cell (with what they represent), read column by column.
        for c in t.reading_order() {
            for p in &c.paragraphs {
                g.names.extend(
                    p.plain()
                        .lines()
                        .filter(|l| att::is_entry(l))
                        .map(att::entry),
                );
            }
        }
        return Some(true);
    }
    if let Kind::Table(t) = &b.kind
        && t.width() == 2
    {
        // Names in one column, what they represent in the other.
        for r in &t.rows {
            let cell = |c: usize| {
                r.cells
                    .iter()
                    .find(|x| x.col == c)
                    .map(|x| x.plain().split_whitespace().collect::<Vec<_>>().join(" "))
                    .unwrap_or_default()
            };
            let (name, what) = (cell(0), cell(1));
            if att::is_entry(&name) {
                g.names.push(if what.is_empty() {
                    att::entry(&name)
                } else {
                    att::entry(&format!("{name}, {what}"))
                });
            } else if !name.is_empty() || !what.is_empty() {
                unplaced.push(Unplaced {
                    place: r.place,
                    why: "a row of an attendance table that is not a name".into(),
                    text: format!("{name} {what}"),
                });
            }
        }
        // The table may go on over a page break.
        return Some(true);
    }

    if text_block && plain.lines().all(att::is_entry) {
        g.names.extend(plain.lines().map(att::entry));
        return Some(false);
    }
    if text_block && plain.split_whitespace().count() <= 3 && plain.contains(char::is_numeric) {
        unplaced.push(Unplaced {
            place: b.place,
            why: "a line inside an attendance list that is not a name (a page footer?)".into(),
            text: plain.to_string(),
        });
        return Some(false);
    }
    None
}

/// Closes the open group: into the meeting's groups, or, with no names, its heading back into
/// the preamble.
pub(super) fn close(m: &mut Meeting, g: &mut Option<Group>) {
    if let Some(g) = g.take() {
        if g.names.is_empty() {
            m.preamble.push(markdown::plain(&g.heading));
        } else {
            m.groups.push(g);
        }
    }
}
