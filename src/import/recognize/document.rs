//! A document other than a protokoll or kallelse (tjänsteskrivelse, motion, another authority's
//! beslut, a report): its kind and title from the split, its date, the Dnr printed at its head,
//! who wrote it (`Handläggare` over a name, a motion's signer), and its body as Markdown with its
//! tables as pipe tables. The letterhead above the title is left out of the body.

use super::attendance::is_entry;
use super::meta::{Meta, meta_line};
use super::names::normalize;
use super::records;
use super::{Document, Given};
use crate::import::block::{Block, Kind};
use crate::import::split::{DocKind, Part};
use crate::import::write::markdown;
use crate::model::date::Date;

/// How many blocks at a document's head may be letterhead (organisation, date, kind, title).
const HEAD: usize = 8;

/// Reads a document.
pub fn read(units: &[Block], part: &Part, _given: &Given) -> Document {
    let mut d = Document {
        kind: part.kind,
        title: part.title.split_whitespace().collect::<Vec<_>>().join(" "),
        date: part.date.as_deref().and_then(|s| Date::parse(s).ok()),
        dnr: Vec::new(),
        year: None,
        authors: Vec::new(),
        body: Vec::new(),
        tables: 0,
        notes: Vec::new(),
        unplaced: Vec::new(),
    };
    if is_report(d.kind) {
        d.year = d
            .title
            .split_whitespace()
            .filter_map(|w| w.parse::<i32>().ok())
            .find(|y| (1900..2200).contains(y));
    }
    let title_key = squash(&d.title);
    let start = units
        .iter()
        .take(HEAD)
        .position(|b| {
            let p = squash(&b.plain());
            !p.is_empty()
                && (p == title_key || title_key.ends_with(&p) && p.len() * 2 > title_key.len())
        })
        .map_or(0, |i| i + 1);
    let mut author_next = false;
    // Blocks already written as part of a table of records.
    let mut taken_to = start;
    for (i, b) in units.iter().enumerate().skip(start) {
        if i < taken_to {
            continue;
        }
        if let Some((rows, n)) = records_at(&units[i..]) {
            d.body.push(markdown::pipe_table(&rows));
            d.tables += 1;
            taken_to = i + n;
            continue;
        }
        let plain = b.plain();
        if author_next {
            author_next = false;
            if let Some(first) = plain.lines().next()
                && is_entry(first)
            {
                d.authors.push(normalize(first));
            }
        }
        if plain.trim() == "Handläggare" {
            author_next = true;
        }
        if i < start + HEAD
            && d.dnr.is_empty()
            && let Some(Meta::Dnr(list)) = meta_line(&plain)
        {
            d.dnr = list;
            continue;
        }
        if let Kind::Table(_) = b.kind {
            d.tables += 1;
        }
        if let Some(md) = markdown::block(b, 1, 2) {
            d.body.push(md);
        }
    }
    if d.kind == DocKind::Okand {
        d.notes
            .push("the kind of this document was not recognized: set typ".into());
    }
    d
}

/// The table of the parallel records (`2019: avsättning 1 745 tkr, …`) the blocks start with, and
/// how many blocks it takes.
fn records_at(blocks: &[Block]) -> Option<(Vec<Vec<String>>, usize)> {
    let found: Vec<records::Record> = blocks
        .iter()
        .map_while(|b| match &b.kind {
            Kind::Paragraph(t) => records::record(&t.plain()),
            _ => None,
        })
        .collect();
    let rows = records::table(&found)?;
    let rows = rows
        .into_iter()
        .map(|r| r.iter().map(|c| markdown::plain(c)).collect())
        .collect();
    Some((rows, found.len()))
}

fn is_report(k: DocKind) -> bool {
    matches!(
        k,
        DocKind::Arsredovisning
            | DocKind::Verksamhetsberattelse
            | DocKind::Revisionsberattelse
            | DocKind::Verksamhetsplan
    )
}

fn squash(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;

    #[test]
    fn a_tjansteskrivelse() {
        let src = text::read(
            "Kommunförbundet\nKalmar län\n\n2024-06-04\n\nTjänsteskrivelse\n\nNy \
                ersättare\n\nBakgrund\n\nText.\n\nHandläggare\n\nUlrika Ericsson, \
                Förbundssekreterare\n\n2024\t2023\n1 000\t2 000",
        );
        let part = Part {
            kind: DocKind::Tjansteskrivelse,
            title: "Ny ersättare".into(),
            date: Some("2024-06-04".into()),
            meeting: None,
            blocks: 0..src.blocks.len(),
        };
        let d = read(&src.blocks, &part, &Given::default());
        assert_eq!(d.body[0], "Bakgrund");
        assert_eq!(d.authors, ["Ulrika Ericsson, Förbundssekreterare"]);
        assert_eq!(d.tables, 1);
        assert_eq!(d.date.map(|d| d.to_string()), Some("2024-06-04".into()));
    }

    #[test]
    fn parallel_records_in_a_report_become_one_table() {
        let src = text::read(
            "Periodiseringsfonder\n\n2019: avsättning 1 745 tkr, används senast \
                2025-12-31\n\n2020: avsättning 299 tkr, används senast 2026-12-31\n\nText.",
        );
        let part = Part {
            kind: DocKind::Verksamhetsplan,
            title: "Verksamhetsplan".into(),
            date: None,
            meeting: None,
            blocks: 0..src.blocks.len(),
        };
        let d = read(&src.blocks, &part, &Given::default());
        assert_eq!(d.tables, 1);
        assert_eq!(
            d.body[1],
            "| | Avsättning (tkr) | Används senast |\n| ---: | ---: | --- |\n\
                | 2019 | 1 745 | 2025-12-31 |\n| 2020 | 299 | 2026-12-31 |"
        );
        assert_eq!(d.body[2], "Text.");
    }
}
