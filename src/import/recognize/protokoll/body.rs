//! A block of a paragraph's body put where it belongs: a key line under the heading (Dnr,
//! Föredragande), the start of a section (`Beslut`, `Beslut: …`), a decision line with no heading
//! ("Styrelsen beslutar att …"), or text of the open section.

use super::super::decision::section_start;
use super::super::meta::{Meta, meta_line};
use super::super::{Item, Section};
use crate::import::block::Block;
use crate::import::write::markdown;
use crate::reading::vocabulary::paragraph;

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
