//! A block of a paragraph's body put where it belongs: a key line under the heading (Dnr,
//! Föredragande), the start of a section (`Beslut`, `Beslut: …`), a decision line with no heading
//! ("Styrelsen beslutar att …"), a vote (its roll-call or result line, into an `Omröstning`
//! section), or text of the open section.

use super::super::decision::section_start;
use super::super::meta::{Meta, meta_line};
use super::super::vote;
use super::super::{Item, Section};
use crate::import::block::{Block, Kind, Table};
use crate::import::write::{self, markdown};
use crate::model::item::SectionKind;
use crate::reading::vocabulary::paragraph;

/// The heading the draft writes over a vote.
const VOTE: &str = "Omröstning";

/// Puts block `b` (its text `plain`; `text_block` when a paragraph or heading) into `item`.
/// `inline_section` is true while the open section began on its heading's line, so what follows
/// is the paragraph's text again.
pub(super) fn item_block(
    item: &mut Item,
    b: &Block,
    plain: &str,
    text_block: bool,
    inline_section: &mut bool,
) {
    if item.sections.is_empty()
        && text_block
        && let Some(meta) = meta_line(plain)
    {
        match meta {
            Meta::Dnr(d) => item.dnr.extend(d),
            Meta::Presenter(p) => item.presenter = Some(p),
        }
        return;
    }
    if text_block && vote::paper_heading(plain) {
        open_vote(item, inline_section, true);
        return;
    }
    if put_vote(item, b, plain, inline_section) {
        return;
    }
    if text_block && let Some((heading, rest)) = section_start(plain) {
        let mut s = Section {
            heading,
            blocks: Vec::new(),
        };
        *inline_section = rest.is_some();
        if let Some(r) = rest {
            s.blocks.push(markdown::plain(&r));
        }
        item.sections.push(s);
        return;
    }
    if text_block && item.sections.is_empty() && paragraph::decision_line(plain).is_some() {
        // "Läns gemensam ledning beslutar att …" with no Beslut heading: the decision.
        item.sections.push(Section {
            heading: "Beslut".into(),
            blocks: Vec::new(),
        });
    }
    if let Some(md) = markdown::block(b, 0, 4) {
        match item.sections.last_mut() {
            Some(s) if !*inline_section => s.blocks.push(md),
            _ => item.text.push(md),
        }
    }
}

/// The kind of the section open for the blocks that follow, if any.
fn open_kind(item: &Item, inline_section: bool) -> Option<SectionKind> {
    let s = item.sections.last().filter(|_| !inline_section)?;
    paragraph::section_kind(&s.heading, &[])
}

/// Opens an `Omröstning` section unless one is open (`always`: a heading printed for it).
fn open_vote(item: &mut Item, inline_section: &mut bool, always: bool) {
    if always || open_kind(item, *inline_section) != Some(SectionKind::Vote) {
        item.sections.push(Section {
            heading: VOTE.into(),
            blocks: Vec::new(),
        });
    }
    *inline_section = false;
}

/// A vote's roll-call (a table or lines of names and choices) or result line ("Med 25 ja-röster
/// mot 14 nej-röster …") goes in the open `Omröstning` section, opened for it when another is
/// open; a result line inside the decision stays there, as the decision's words. True when taken.
fn put_vote(item: &mut Item, b: &Block, plain: &str, inline_section: &mut bool) -> bool {
    let roll_call = match &b.kind {
        Kind::Table(t) => vote::from_table(t).or_else(|| header_above(item, t, *inline_section)),
        Kind::Paragraph(_) => vote::from_lines(plain),
        _ => None,
    };
    if let Some(rc) = roll_call {
        open_vote(item, inline_section, false);
        let section = item.sections.last_mut().expect("a vote section");
        // The counts printed with the list, else those of a result line above it.
        let printed = if rc.sums.is_empty() {
            section.blocks.iter().rev().find_map(|t| vote::result(t))
        } else {
            Some(rc.sums.clone())
        };
        if let Some(say) = printed.and_then(|p| vote::disagreement(&rc, &p)) {
            section
                .blocks
                .push(write::md_comment(&format!("import: {say}")));
        }
        section.blocks.extend(vote::markdown(&rc));
        return true;
    }
    if !matches!(b.kind, Kind::Paragraph(_)) || vote::result(plain).is_none() {
        return false;
    }
    if open_kind(item, *inline_section) == Some(SectionKind::Decision) {
        return false;
    }
    open_vote(item, inline_section, false);
    if let Some(md) = markdown::block(b, 0, 4) {
        item.sections
            .last_mut()
            .expect("a vote section")
            .blocks
            .push(md);
    }
    true
}

/// A roll-call whose header row was read as the line above the table: that line taken back.
fn header_above(item: &mut Item, t: &Table, inline_section: bool) -> Option<vote::RollCall> {
    let blocks = match item.sections.last_mut() {
        Some(s) if !inline_section => &mut s.blocks,
        _ => &mut item.text,
    };
    let rc = vote::from_table_under(t, blocks.last()?)?;
    blocks.pop();
    Some(rc)
}

/// A paragraph whose only decision words are in its vote's result line ("Med 25 ja-röster mot 14
/// nej-röster beslutar fullmäktige att …") gets a note there: the format reads no decision in an
/// `Omröstning` section, so the publisher should copy it under `### Beslut`.
pub(super) fn check_vote_decision(item: &mut Item) {
    if item.is_decision() {
        return;
    }
    let verbs = paragraph::DECISION_VERBS;
    for s in &mut item.sections {
        if paragraph::section_kind(&s.heading, &[]) != Some(SectionKind::Vote) {
            continue;
        }
        let Some(at) = s.blocks.iter().position(|b| {
            let lower = b.to_lowercase();
            vote::result(b).is_some() && verbs.iter().any(|v| lower.contains(v))
        }) else {
            continue;
        };
        s.blocks.insert(
            at + 1,
            write::md_comment(
                "import: the decision is printed in the vote's result line; copy it under \
                 ### Beslut",
            ),
        );
        return;
    }
}
