//! A protokoll or kallelse read from its blocks: the header table (or the `Tid:` and `Plats:`
//! lines of a kallelse, or the date in the title), the preamble, the paragraphs or agenda items
//! with their key lines and sections, attendance groups wherever they are printed, and the
//! signature block at the end.

mod body;
mod front;
mod groups;
mod officers;

use super::attendance as att;
use super::header;
use super::heading::{follows, head_of, no_links, unnumbered_head};
use super::when::{When, digital_place};
use super::{Given, Group, Item, Meeting, Unplaced};
use crate::import::block::{Block, Kind};
use crate::import::split::Part;
use crate::import::write::markdown;
use front::{apply_header, merge_when};
use groups::close;

/// Reads a protokoll (`notice` false) or kallelse (`notice` true).
pub fn read(units: &[Block], part: &Part, given: &Given, notice: bool) -> Meeting {
    let mut m = Meeting {
        notice,
        rubrik: Some(part.title.clone()).filter(|t| !t.is_empty()),
        ..Meeting::default()
    };
    let mut group: Option<Group> = None;
    let mut pending_title = false;
    let mut last: Option<String> = None;
    let mut header_seen = false;
    let mut signatures: Vec<(super::Signature, String)> = Vec::new();
    // A protokoll that numbers none of its items has them as short lines over their text.
    let numbered = notice || units.iter().any(|b| head_of(b).is_some());
    if !numbered {
        m.notes
            .push("the paper does not number its items: the import numbered them 1, 2, …".into());
    }
    // An inline section (`Beslut: …`) is the paragraph it is printed in.
    let mut inline_section = false;
    // Text after an attendance list printed after the items belongs to no item (a footer, the
    // writer's name and address).
    let mut after_list = false;
    // The open group's names came in a table: only another table goes on with it.
    let mut by_table = false;
    for (at, b) in units.iter().enumerate() {
        let plain = b.plain();
        let text_block = matches!(b.kind, Kind::Paragraph(_) | Kind::Heading { .. });
        if let Kind::Table(t) = &b.kind
            && !header_seen
            && let Some(rows) = header::read(t)
        {
            header_seen = true;
            apply_header(&mut m, rows, given);
            continue;
        }
        if notice
            && m.sandlista.is_none()
            && let Kind::Table(t) = &b.kind
            && let Some(mut list) = super::sendlist::send_list(t)
        {
            // Its heading stands just before it, already in the preamble.
            if let Some(prev) = at.checked_sub(1).map(|i| units[i].plain())
                && prev.trim().starts_with("Sändlista")
            {
                list.heading = Some(prev.trim().to_string());
                if m.preamble.last().is_some_and(|l| l.contains("Sändlista")) {
                    m.preamble.pop();
                }
            }
            m.sandlista = Some(list);
            continue;
        }
        if text_block && let Some(kind) = att::heading_kind(&plain) {
            close(&mut m, &mut group);
            by_table = false;
            let mut g = att::group(kind, &plain);
            g.after_items = !m.items.is_empty();
            group = Some(g);
            continue;
        }
        if by_table && !matches!(b.kind, Kind::Table(_)) {
            by_table = false;
            close(&mut m, &mut group);
        }
        if let Some(g) = group.as_mut() {
            match groups::take(g, b, &plain, text_block, &mut m.unplaced) {
                Some(table) => {
                    by_table = table;
                    continue;
                }
                None => close(&mut m, &mut group),
            }
        }
        if pending_title {
            pending_title = false;
            if text_block && !plain.contains('\n') && plain.split_whitespace().count() <= 25 {
                if let Some(it) = m.items.last_mut() {
                    it.title = plain.split_whitespace().collect::<Vec<_>>().join(" ");
                }
                continue;
            }
        }
        if !numbered && unnumbered_head(units, at, part) {
            flush_signatures(&mut m, &mut signatures);
            let n = (m.items.len() + 1).to_string();
            m.items.push(Item {
                label: format!("{n}."),
                number: n,
                title: no_links(b),
                dnr: Vec::new(),
                presenter: None,
                documents: Vec::new(),
                text: Vec::new(),
                sections: Vec::new(),
                place: b.place,
            });
            inline_section = false;
            continue;
        }
        if let Some(h) = head_of(b)
            && follows(last.as_deref(), &h.number)
            && (m.items.is_empty() || h.label.starts_with('§') == m.items[0].label.starts_with('§'))
        {
            flush_signatures(&mut m, &mut signatures);
            last = Some(h.number.clone());
            pending_title = h.title.is_empty();
            inline_section = false;
            m.items.push(Item {
                label: h.label,
                number: h.number,
                title: h.title,
                dnr: h.dnr,
                presenter: None,
                documents: Vec::new(),
                text: Vec::new(),
                sections: Vec::new(),
                place: b.place,
            });
            continue;
        }
        if let Kind::Table(t) = &b.kind
            && !t.rows.is_empty()
            && t.rows
                .iter()
                .flat_map(|r| &r.cells)
                .all(|c| c.is_blank() || att::signature(&c.plain()).is_some())
        {
            // The signature block as a table: a name over its role in each cell.
            for c in t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .filter(|c| !c.is_blank())
            {
                if let Some(s) = att::signature(&c.plain()) {
                    let md = markdown::plain(&c.plain());
                    signatures.push((s, md));
                }
            }
            continue;
        }
        if text_block && let Some(s) = att::signature(&plain) {
            let md = markdown::block(b, 0, 4).unwrap_or_default();
            signatures.push((s, md));
            continue;
        }
        let lower = plain.to_lowercase();
        if !notice && lower.starts_with("protokollet är") && lower.contains("justerat") {
            m.notes.push(format!("the paper says: {}", plain.trim()));
            continue;
        }
        flush_signatures(&mut m, &mut signatures);
        if after_list || m.groups.iter().any(|g| g.after_items) {
            after_list = true;
            m.unplaced.push(Unplaced {
                place: b.place,
                why: "after the attendance list at the end: part of no item (a footer?)".into(),
                text: plain.clone(),
            });
            continue;
        }
        if m.items.is_empty() {
            if let Some(v) = plain.strip_prefix("Tid:") {
                let w = When::of(v);
                merge_when(&mut m.when, w);
                continue;
            }
            if plain.starts_with("Plats:") {
                let v = no_links(b);
                let v = v.trim_start_matches("Plats:").trim();
                // A PDF keeps the text of a link to the meeting ("Digitalt via Teams. Länk").
                let v = v.strip_suffix("Länk").unwrap_or(v);
                m.plats = Some(v.trim().trim_end_matches('.').trim().to_string());
                continue;
            }
            if m.plats.is_none()
                && let Some(p) = digital_place(&plain)
            {
                m.plats = Some(p);
            }
            if let Some(md) = markdown::block(b, 0, 3) {
                m.preamble.push(md);
            }
            continue;
        }
        if m.plats.is_none()
            && let Some(p) = digital_place(&plain)
        {
            m.plats = Some(p);
        }
        let item = m.items.last_mut().expect("an item");
        body::item_block(item, b, &plain, text_block, &mut inline_section);
    }
    close(&mut m, &mut group);
    m.items.iter_mut().for_each(body::check_vote_decision);
    m.signatures = signatures.into_iter().map(|s| s.0).collect();
    officers::finish(&mut m, part);
    m
}

/// Signatures that turned out to be followed by more text were text.
fn flush_signatures(m: &mut Meeting, sigs: &mut Vec<(super::Signature, String)>) {
    if sigs.is_empty() {
        return;
    }
    let target = match m.items.last_mut() {
        Some(it) => match it.sections.last_mut() {
            Some(s) => &mut s.blocks,
            None => &mut it.text,
        },
        None => {
            // Before the first item: who signed a kallelse.
            if m.notice {
                m.undertecknad.extend(
                    sigs.drain(..)
                        .map(|(s, _)| format!("{}, {}", s.name, s.role)),
                );
                return;
            }
            &mut m.preamble
        }
    };
    target.extend(sigs.drain(..).map(|s| s.1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::split::DocKind;
    use crate::import::text;

    fn meeting(s: &str) -> Meeting {
        let src = text::read(s);
        let part = Part {
            kind: DocKind::Protokoll,
            title: "Protokoll".into(),
            date: None,
            meeting: None,
            blocks: 0..src.blocks.len(),
        };
        let units = super::super::units::normalize(&src.blocks);
        read(&units, &part, &Given::default(), false)
    }

    #[test]
    fn a_small_protokoll() {
        let m = meeting(
            "Organ\tStyrelsen\nPlats och tid\tDigitalt via Teams Torsdagen den 12 \
                september 2024, kl. 09.00-10.30\nBeslutande\tAnna Ek (S), ordförande \
                Bo Ek (M)\nUtses att justera\tBo Ek (M)\n\nAnna öppnar mötet.\n\n§ 28 \
                Val av justerare\n\nDnr \
                2023/07\n\nBakgrund\n\nText.\n\nBeslut\n\nStyrelsen beslutar att utse \
                Bo Ek.\n\n§ 29 Övrigt\n\nInget.\n\nAnna Ek\nordförande\n\nCarl \
                Berg\nsekreterare",
        );
        assert_eq!(m.organ.as_deref(), Some("Styrelsen"));
        assert_eq!(m.plats.as_deref(), Some("Digitalt via Teams"));
        assert_eq!(
            m.when.date.map(|d| d.to_string()),
            Some("2024-09-12".into())
        );
        assert_eq!(m.groups[0].names, ["Anna Ek (S), ordförande", "Bo Ek (M)"]);
        assert_eq!(m.ordforande, ["Anna Ek (S)"]);
        assert_eq!(m.sekreterare.as_deref(), Some("Carl Berg"));
        assert_eq!(m.justerare, ["Bo Ek (M)"]);
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.items[0].dnr, ["2023/07"]);
        assert_eq!(m.items[0].sections[1].heading, "Beslut");
        assert_eq!(
            m.items[0].sections[1].blocks,
            ["Styrelsen beslutar att utse Bo Ek."]
        );
        assert_eq!(m.items[1].text, ["Inget."]);
        assert_eq!(m.signatures.len(), 2);
        assert_eq!(m.preamble, ["Anna öppnar mötet."]);
    }

    #[test]
    fn attendance_printed_at_the_end() {
        let m = meeting(
            "1. Välkomna\n\nText.\n\nNärvarade ledamöter\n\nAnna Ek, Borgholms \
                kommun\n\nBo Ek, Region Kalmar län\n\nRS 2022/195\n\nCarl Berg, \
                Region Kalmar län\n\nÖvriga medverkande\n\nDan Ek, Kommunförbundet",
        );
        assert_eq!(m.groups.len(), 2);
        assert_eq!(m.groups[0].names.len(), 3);
        assert_eq!(m.groups[1].names, ["Dan Ek, Kommunförbundet"]);
        assert_eq!(m.unplaced.len(), 1);
        assert_eq!(m.items[0].text, ["Text."]);
    }

    #[test]
    fn a_vote_goes_in_its_own_section_between_the_others() {
        let m = meeting(
            "§ 4 Budget\n\nPropositionsordning\n\nVotering begärs.\n\nAnna Ek (S) Ja\n\
                Bo Ek (M) Nej\nCia Berg (L) Ja\n\nOmröstningen utfaller med 2 ja-röster mot 1 \
                nej-röst.\n\nBeslut\n\nStyrelsen beslutar att anta budgeten.\n\n§ 5 Val\n\n\
                Med 2 ja-röster mot 1 nej-röst beslutar styrelsen att välja Anna Ek.",
        );
        let heads: Vec<&str> = m.items[0]
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(heads, ["Propositionsordning", "Omröstning", "Beslut"]);
        let vote = &m.items[0].sections[1].blocks;
        assert!(vote[0].starts_with("| Ledamot | Ja | Nej |\n"), "{vote:?}");
        assert!(vote[1].starts_with("Omröstningen utfaller"), "{vote:?}");
        assert_eq!(m.items[0].sections[0].blocks, ["Votering begärs."]);
        // The only decision words are the result line's: said where it stands.
        let v = &m.items[1].sections[0];
        assert_eq!(v.heading, "Omröstning");
        assert!(v.blocks[1].contains("copy it under ### Beslut"), "{v:?}");
    }
}
