//! Reading order from the lines of the pages: a run of lines cut into fragments that line up in
//! columns is a table (its rows anchored on the first column, so a cell of many lines stays one
//! cell and a two-column name list comes out column by column); the other lines make headings (a
//! short line set clearly larger than the body), list items (a line starting with a bullet or a
//! number) and paragraphs (lines close together; a line that ends where the next line's first word
//! would have fitted ends a line, not just the row of print). A paragraph runs on over a page break
//! when its last line was full and the next page starts in the middle of a sentence.

use super::bbox::Page;
use super::lines::{Frag, Line, drop_margins, page_lines};
use super::table::{region_end, table};
use crate::import::block::{Block, Format, Kind, Marker, Place, Source, Table, Text, Unit};

/// The measures of the whole document the decisions are made with.
struct Metrics {
    /// The usual line height (the median).
    body: f32,
    /// The heights of heading lines, largest first (a heading's level is its place here + 1).
    headings: Vec<f32>,
    /// The right edge of the text (the widest line).
    right: f32,
}

/// What a paragraph, list item or heading being read holds.
struct Open {
    kind: Kind,
    text: String,
    place: Place,
    last_x1: f32,
    last_y1: f32,
    x0: f32,
}

/// Makes the blocks of a document from its pages.
pub fn read(pages: &[Page]) -> Source {
    let mut lines: Vec<Vec<Line>> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| page_lines(p, i as u32 + 1))
        .collect();
    let heights: Vec<f32> = pages.iter().map(|p| p.height).collect();
    let dropped = drop_margins(&mut lines, &heights);
    let m = metrics(&lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Open> = None;
    // The left edges of the list items above, outermost first, for their depth.
    let mut list_x: Vec<f32> = Vec::new();
    for (p, page) in lines.iter().enumerate() {
        let mut i = 0;
        if p > 0 && !page.is_empty() {
            match &mut open {
                Some(o) if matches!(o.kind, Kind::Paragraph(_)) && continues(o, &page[0], &m) => {
                    extend(o, &page[0], &page[0].frags[0].text, true);
                    i = 1;
                }
                _ => {
                    close(&mut open, &mut blocks);
                    let first = page[0].no;
                    blocks.push(Block {
                        place: Place::on_page(Unit::PageLine, p as u32 + 1, first, first),
                        kind: Kind::PageBreak,
                    });
                }
            }
        }
        while i < page.len() {
            if page[i].frags.len() >= 2 {
                let end = region_end(page, i, m.body);
                if end - i >= 2
                    && let Some(table) = table(&page[i..end], m.body)
                {
                    close(&mut open, &mut blocks);
                    list_x.clear();
                    let place =
                        Place::on_page(Unit::PageLine, page[i].page, page[i].no, page[end - 1].no);
                    push_table(&mut blocks, table, place);
                    i = end;
                    continue;
                }
            }
            text_line(&page[i], &mut open, &mut blocks, &mut list_x, &m);
            i += 1;
        }
    }
    close(&mut open, &mut blocks);
    Source {
        format: Format::Pdf,
        blocks,
        dropped,
    }
}

fn metrics(pages: &[Vec<Line>]) -> Metrics {
    let mut hs: Vec<f32> = pages.iter().flatten().map(Line::height).collect();
    hs.sort_by(f32::total_cmp);
    let body = hs.get(hs.len() / 2).copied().unwrap_or(12.0);
    let mut headings: Vec<f32> = Vec::new();
    for l in pages.iter().flatten() {
        if is_heading_height(l.height(), body) && l.frags.len() == 1 {
            let h = (l.height() * 2.0).round() / 2.0;
            if !headings.contains(&h) {
                headings.push(h);
            }
        }
    }
    headings.sort_by(|a, b| b.total_cmp(a));
    let right = pages
        .iter()
        .flatten()
        .filter(|l| l.frags.len() == 1)
        .map(Line::x1)
        .fold(0.0, f32::max);
    Metrics {
        body,
        headings,
        right,
    }
}

pub(super) fn is_heading_height(h: f32, body: f32) -> bool {
    h >= 1.15 * body
}

/// True when `next` would not have fitted at the end of a line ending at `x1` (so the line was
/// full and wrapped, rather than broken on purpose).
pub(super) fn wrapped(x1: f32, next: &Frag, right: f32) -> bool {
    x1 + 3.0 + next.first_word > right - 1.0
}

/// Whether an open paragraph runs on into `l` on the next page.
fn continues(o: &Open, l: &Line, m: &Metrics) -> bool {
    l.frags.len() == 1
        && !is_heading_height(l.height(), m.body)
        && marker(&l.frags[0].text).is_none()
        && l.frags[0]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        && wrapped(o.last_x1, &l.frags[0], m.right)
}

fn close(open: &mut Option<Open>, blocks: &mut Vec<Block>) {
    if let Some(o) = open.take() {
        let text = Text::plain_text(o.text.trim());
        let kind = match o.kind {
            Kind::Heading { level, .. } => Kind::Heading { level, text },
            Kind::ListItem { depth, marker, .. } => Kind::ListItem {
                depth,
                marker,
                text,
            },
            _ => Kind::Paragraph(text),
        };
        blocks.push(Block {
            place: o.place,
            kind,
        });
    }
}

/// Adds a table; a table that opens a page and has the columns of the table that closed the page
/// before is the rest of that table.
fn push_table(blocks: &mut Vec<Block>, table: Table, place: Place) {
    if let [
        ..,
        Block {
            kind: Kind::Table(prev),
            place: prev_place,
        },
        Block {
            kind: Kind::PageBreak,
            ..
        },
    ] = &mut blocks[..]
        && prev.width() == table.width()
        && prev_place.page + 1 == place.page
    {
        prev.rows.extend(table.rows);
        blocks.pop();
        return;
    }
    blocks.push(Block {
        place,
        kind: Kind::Table(table),
    });
}

fn text_line(
    l: &Line,
    open: &mut Option<Open>,
    blocks: &mut Vec<Block>,
    list_x: &mut Vec<f32>,
    m: &Metrics,
) {
    let text = l
        .frags
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("\t");
    let words = text.split_whitespace().count();
    let first = &l.frags[0];
    if is_heading_height(l.height(), m.body) && words <= 20 {
        let h = (l.height() * 2.0).round() / 2.0;
        let level = m
            .headings
            .iter()
            .position(|&x| x == h)
            .map_or(1, |i| i + 1)
            .min(9) as u8;
        if let Some(o) = open
            && matches!(o.kind, Kind::Heading { level: lv, .. } if lv == level)
            && l.page == o.place.last_page
            && l.y0 - o.last_y1 < 0.5 * l.height()
        {
            extend(o, l, &text, true);
            return;
        }
        close(open, blocks);
        list_x.clear();
        *open = Some(start(
            l,
            Kind::Heading {
                level,
                text: Text::default(),
            },
            text,
        ));
        return;
    }
    if let Some((mk, rest)) = marker(&text) {
        close(open, blocks);
        while list_x.last().is_some_and(|&x| x > first.x0 + 4.0) {
            list_x.pop();
        }
        if list_x.last().is_none_or(|&x| first.x0 > x + 4.0) {
            list_x.push(first.x0);
        }
        let depth = (list_x.len() - 1).min(8) as u8;
        *open = Some(start(
            l,
            Kind::ListItem {
                depth,
                marker: mk,
                text: Text::default(),
            },
            rest.to_string(),
        ));
        return;
    }
    if let Some(o) = open
        && !matches!(o.kind, Kind::Heading { .. })
        && l.page == o.place.last_page
        && l.y0 - o.last_y1 < 0.5 * m.body
        && (!matches!(o.kind, Kind::ListItem { .. }) || first.x0 > o.x0 + 2.0)
    {
        let soft = wrapped(o.last_x1, first, m.right);
        extend(o, l, &text, soft);
        return;
    }
    close(open, blocks);
    list_x.clear();
    *open = Some(start(l, Kind::Paragraph(Text::default()), text));
}

fn start(l: &Line, kind: Kind, text: String) -> Open {
    Open {
        kind,
        text,
        place: l.place(),
        last_x1: l.x1(),
        last_y1: l.y1,
        x0: l.x0(),
    }
}

/// Adds a line to an open block: after a full line with a space (or straight on after a soft
/// hyphen; after a hard hyphen only a conjunction gets a space: `hälso- och`, `läns-gemensam`),
/// after a line broken on purpose with a line break.
fn extend(o: &mut Open, l: &Line, text: &str, soft: bool) {
    if !soft {
        o.text.push('\n');
        o.text.push_str(text);
    } else if o.text.ends_with('\u{ad}') {
        o.text.pop();
        o.text.push_str(text);
    } else if o.text.ends_with('-') && o.text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
    {
        let next = text.split_whitespace().next().unwrap_or("");
        if [
            "och",
            "eller",
            "samt",
            "respektive",
            "resp.",
            "till",
            "som",
            "and",
            "or",
        ]
        .contains(&next)
        {
            o.text.push(' ');
        }
        o.text.push_str(text);
    } else {
        o.text.push(' ');
        o.text.push_str(text);
    }
    o.last_x1 = l.x1();
    o.last_y1 = l.y1;
    o.place = o.place.join(l.place());
}

/// A list marker at the start of a line: a bullet, `1.`, `12)`, `a)`; with the rest of the line.
pub(super) fn marker(text: &str) -> Option<(Marker, &str)> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    if "•◦▪●■–-\u{f0b7}\u{f0a7}\u{2043}»".contains(first) {
        let rest = t[first.len_utf8()..].trim_start_matches([' ', '\t']);
        return (!rest.is_empty() && t[first.len_utf8()..].starts_with([' ', '\t']))
            .then_some((Marker::Bullet, rest));
    }
    let end = t.find(|c: char| !c.is_ascii_alphanumeric())?;
    let label = &t[..end];
    let ok = (label.len() <= 3 && label.chars().all(|c| c.is_ascii_digit()))
        || (label.len() == 1 && first.is_ascii_lowercase());
    let punct = t[end..].chars().next()?;
    let rest = &t[end + punct.len_utf8()..];
    (ok && (punct == '.' || punct == ')')
        && rest.starts_with([' ', '\t'])
        && !rest.trim().is_empty())
    .then(|| (Marker::Ordered(t[..=end].to_string()), rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::super::bbox::Word;
    use super::*;
    use crate::import::block::Cell;

    /// A page from lines of `(x, y, text)` cells, each word 6 points a letter.
    fn page(cells: &[(f32, f32, &str)]) -> Page {
        let mut words = Vec::new();
        for &(x, y, text) in cells {
            let mut x = x;
            for w in text.split(' ') {
                let x1 = x + 6.0 * w.chars().count() as f32;
                words.push(Word {
                    x0: x,
                    y0: y,
                    x1,
                    y1: y + 13.0,
                    text: w.into(),
                });
                x = x1 + 3.0;
            }
        }
        Page {
            width: 595.0,
            height: 842.0,
            words,
        }
    }

    #[test]
    fn a_header_table_keeps_multi_line_cells_and_reads_two_columns_of_names_by_column() {
        let src = read(&[page(&[
            (60.0, 100.0, "Organ"),
            (176.0, 100.0, "Kommunförbundet Kalmar län styrelse"),
            (60.0, 132.0, "Beslutande"),
            (176.0, 132.0, "Anna Ek (S), ordförande"),
            (373.0, 132.0, "Doris Lund (M)"),
            (176.0, 158.0, "Bo Ek (C)"),
            (373.0, 158.0, "Erik Ås (S)"),
            (176.0, 184.0, "Cilla Holm (S)"),
            (60.0, 216.0, "Paragrafer"),
            (176.0, 216.0, "§§ 28-35"),
            (56.0, 260.0, "Andras Erlandsson öppnar mötet."),
        ])]);
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!("{:?}", src.blocks)
        };
        assert_eq!(t.rows.len(), 3);
        let beslutande: Vec<String> = t.rows[1].cells.iter().map(Cell::plain).collect();
        assert_eq!(
            beslutande,
            [
                "Beslutande",
                "Anna Ek (S), ordförande\nBo Ek (C)\nCilla Holm (S)",
                "Doris Lund (M)\nErik Ås (S)"
            ]
        );
        assert_eq!(src.blocks[1].plain(), "Andras Erlandsson öppnar mötet.");
        let words = src.words().join(" ");
        assert!(
            words.contains("Anna Ek (S), ordförande Bo Ek (C) Cilla Holm (S) Doris Lund (M)"),
            "{words}"
        );
    }

    #[test]
    fn wrapped_lines_join_and_broken_lines_keep_their_break() {
        let long = "Kommunfullmäktige i Nybro har beslutat att bevilja entledigande från hälso-";
        let src = read(&[page(&[
            (56.0, 100.0, long),
            (56.0, 115.0, "och sjukvårdsuppdraget."),
            (56.0, 130.0, "Föredragare: Anna Ek."),
            (56.0, 160.0, "• Familjecentralerna"),
        ])]);
        assert_eq!(
            src.blocks[0].plain(),
            format!("{long} och sjukvårdsuppdraget.\nFöredragare: Anna Ek.")
        );
        let Kind::ListItem { marker, text, .. } = &src.blocks[1].kind else {
            panic!("not a list item: {:?}", src.blocks[1].kind)
        };
        assert!(matches!(marker, Marker::Bullet));
        assert_eq!(text.plain(), "Familjecentralerna");
    }

    #[test]
    fn a_paragraph_runs_on_over_a_page_break() {
        let full = "Kommunfullmäktige i Nybro har beslutat att bevilja Christina Davidsson \
            entledigande och";
        let src = read(&[
            page(&[
                (56.0, 100.0, "Rubrik"),
                (56.0, 130.0, full),
                (56.0, 145.0, full),
            ]),
            page(&[
                (56.0, 100.0, "uppdraget som personlig ersättare."),
                (56.0, 130.0, "Nästa stycke."),
            ]),
        ]);
        let texts: Vec<String> = src.blocks.iter().map(Block::plain).collect();
        assert_eq!(
            texts,
            [
                "Rubrik".to_string(),
                format!("{full} {full} uppdraget som personlig ersättare."),
                "Nästa stycke.".into()
            ]
        );
        assert_eq!(
            src.blocks[1].place.to_string(),
            "page 1, line 2 – page 2, line 1"
        );
    }

    #[test]
    fn markers() {
        assert_eq!(
            marker("1. Val av justerare").map(|m| m.1),
            Some("Val av justerare")
        );
        assert!(marker("2024-06-04").is_none());
        assert!(marker("14 kap. 13").is_none());
        assert!(marker("a) första").is_some());
    }
}
