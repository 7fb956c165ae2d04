//! The plain-text reader: text pasted or exported from Word and PDF (as the seed files are), with
//! light Markdown (`#` headings, `**bold**`, `- ` and `1. ` lists), HTML styling tags, tables as
//! tab-separated lines or `<table>` markup, stray page numbers on their own lines (and the one a
//! PDF export sometimes leaves inside a sentence), and paragraphs cut in two at a page break.
//! Every block keeps the line numbers it came from.

use super::block::{Block, Cell, Dropped, Format, Kind, Marker, Place, Row, Source, Table};
use super::inline;

/// Reads a text file's content. Text is always readable, so this never fails.
pub fn read(content: &str) -> Source {
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    let lines: Vec<&str> = content
        .lines()
        .map(|l| l.trim_end_matches([' ', '\r']))
        .collect();
    let mut dropped = Vec::new();
    let page_numbers = page_numbers(&lines);
    let mut skip = vec![false; lines.len()];
    for &(i, n) in &page_numbers {
        skip[i] = true;
        dropped.push(Dropped {
            place: line(i),
            text: n.to_string(),
            why: "page number",
        });
    }
    let mut lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for (i, n) in inline_page_numbers(&lines, &page_numbers) {
        dropped.push(Dropped {
            place: line(i),
            text: n.to_string(),
            why: "page number",
        });
    }
    for d in &dropped {
        if d.text.parse::<u32>().is_ok() && !skip[d.place.first as usize - 1] {
            let i = d.place.first as usize - 1;
            lines[i] = lines[i].replacen(&format!(" {} ", d.text), " ", 1);
        }
    }
    dropped.sort_by_key(|d| d.place.first);
    let blocks = join_page_splits(blocks(&lines, &skip));
    Source {
        format: Format::Text,
        blocks,
        dropped,
    }
}

fn line(i: usize) -> Place {
    Place::lines(i as u32 + 1, i as u32 + 1)
}

fn blank(lines: &[String], skip: &[bool], i: usize) -> bool {
    skip[i] || lines[i].trim().is_empty()
}

/// Lines holding only a number of one to three digits between blank lines: the page numbers of a
/// PDF the text was copied from.
fn page_numbers(lines: &[&str]) -> Vec<(usize, u32)> {
    let is_blank = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.trim().is_empty())
    };
    (0..lines.len())
        .filter_map(|i| {
            let t = lines[i].trim();
            let n: u32 = t.parse().ok().filter(|_| (1..=3).contains(&t.len()))?;
            (is_blank(i.checked_sub(1)) && is_blank(Some(i + 1))).then_some((i, n))
        })
        .collect()
}

/// A page number that the export put inside a sentence (`… barn och unga, 35 psykisk hälsa …`):
/// only where the numbers on their own lines skip exactly it (34, then 36) and it stands once, as
/// a word between words, on the lines between them.
fn inline_page_numbers(lines: &[String], standalone: &[(usize, u32)]) -> Vec<(usize, u32)> {
    let mut found = Vec::new();
    for w in standalone.windows(2) {
        let ((a, n), (b, m)) = (w[0], w[1]);
        if m != n + 2 {
            continue;
        }
        let needle = format!(" {} ", n + 1);
        let hits: Vec<usize> = (a + 1..b)
            .filter(|&i| {
                lines[i].match_indices(&needle).any(|(k, _)| {
                    let before = lines[i][..k].chars().next_back();
                    let after = lines[i][k + needle.len()..].chars().next();
                    before.is_some_and(|c| !c.is_ascii_digit())
                        && after.is_some_and(char::is_lowercase)
                })
            })
            .collect();
        if let [i] = hits[..] {
            found.push((i, n + 1));
        }
    }
    found
}

/// The paragraph or list item being read: its first line, last line, lines, and for a list item
/// its depth and marker.
type OpenBlock = Option<(usize, usize, Vec<String>, Option<(u8, Marker)>)>;

fn blocks(lines: &[String], skip: &[bool]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    let mut open: OpenBlock = None;
    let close = |open: &mut OpenBlock, out: &mut Vec<Block>| {
        if let Some((first, last, text, item)) = open.take() {
            let mut t = inline::parse(&text.join("\n"));
            t.trim();
            let place = Place::lines(first as u32 + 1, last as u32 + 1);
            let kind = match item {
                Some((depth, marker)) => Kind::ListItem {
                    depth,
                    marker,
                    text: t,
                },
                None if t.is_blank() => return,
                None => Kind::Paragraph(t),
            };
            out.push(Block { place, kind });
        }
    };
    while i < lines.len() {
        if blank(lines, skip, i) {
            close(&mut open, &mut out);
            i += 1;
            continue;
        }
        let l = lines[i].as_str();
        let t = l.trim();
        if t.to_ascii_lowercase().starts_with("<table") {
            close(&mut open, &mut out);
            let end = (i..lines.len())
                .find(|&j| lines[j].to_ascii_lowercase().contains("</table"))
                .unwrap_or(lines.len() - 1);
            out.push(Block {
                place: Place::lines(i as u32 + 1, end as u32 + 1),
                kind: Kind::Table(html_table(lines, i, end)),
            });
            i = end + 1;
            continue;
        }
        if l.contains('\t') {
            close(&mut open, &mut out);
            let (table, end) = tab_table(lines, skip, i);
            if !table.rows.is_empty() {
                out.push(Block {
                    place: Place::lines(i as u32 + 1, end as u32 + 1),
                    kind: Kind::Table(table),
                });
            }
            i = end + 1;
            continue;
        }
        if let Some((level, rest)) = heading(t) {
            close(&mut open, &mut out);
            let mut text = inline::parse(rest);
            text.trim();
            if !text.is_blank() {
                out.push(Block {
                    place: line(i),
                    kind: Kind::Heading { level, text },
                });
            }
            i += 1;
            continue;
        }
        if let Some(label) = footnote(t) {
            close(&mut open, &mut out);
            let mut text = inline::parse(t[label.len()..].trim());
            text.trim();
            out.push(Block {
                place: line(i),
                kind: Kind::Footnote {
                    label: label.to_string(),
                    text,
                },
            });
            i += 1;
            continue;
        }
        if let Some((depth, marker, rest)) = list_item(l) {
            close(&mut open, &mut out);
            open = Some((i, i, vec![rest.to_string()], Some((depth, marker))));
            i += 1;
            continue;
        }
        match &mut open {
            Some((_, last, text, _)) => {
                *last = i;
                text.push(t.to_string());
            }
            None => open = Some((i, i, vec![t.to_string()], None)),
        }
        i += 1;
    }
    close(&mut open, &mut out);
    out
}

/// `# Title` … `###### Title`.
fn heading(t: &str) -> Option<(u8, &str)> {
    let level = t.bytes().take_while(|&b| b == b'#').count();
    let rest = &t[level..];
    ((1..=6).contains(&level) && rest.starts_with(' '))
        .then(|| (level as u8, rest.trim().trim_end_matches('#').trim()))
}

/// A footnote's text: a line starting with superscript digits (`¹ Region Kalmar län …`).
fn footnote(t: &str) -> Option<&str> {
    let end = t
        .char_indices()
        .find(|(_, c)| !"¹²³⁴⁵⁶⁷⁸⁹⁰".contains(*c))
        .map(|(k, _)| k)?;
    (end > 0 && t[end..].starts_with(' ')).then(|| &t[..end])
}

/// A list item: `- text`, `* text`, `• text`, `1. text`, `a) text`; the depth from the indent.
fn list_item(l: &str) -> Option<(u8, Marker, &str)> {
    let t = l.trim_start();
    let indent = l.len() - t.len();
    let depth = (indent / 2).min(8) as u8;
    let mut chars = t.char_indices();
    let (_, first) = chars.next()?;
    if "-*+•–»▪◦".contains(first) {
        let rest = &t[first.len_utf8()..];
        if !rest.starts_with(' ') {
            return None;
        }
        // "- » Höja …": the export's own bullet after the Markdown one.
        let rest = rest.trim_start();
        let rest = rest
            .strip_prefix("» ")
            .or_else(|| rest.strip_prefix("• "))
            .unwrap_or(rest);
        return Some((depth, Marker::Bullet, rest.trim()));
    }
    let label_end = if first.is_ascii_digit() {
        t.find(|c: char| !c.is_ascii_digit()).filter(|&k| k <= 3)?
    } else if first.is_ascii_lowercase() {
        1
    } else {
        return None;
    };
    let punct = t[label_end..].chars().next()?;
    if punct != '.' && punct != ')' || !t[label_end + 1..].starts_with(' ') {
        return None;
    }
    let rest = t[label_end + 1..].trim();
    if rest.is_empty() {
        return None;
    }
    Some((depth, Marker::Ordered(t[..=label_end].to_string()), rest))
}

/// Consecutive tab-separated lines from `start` as one table (a single blank line inside is
/// allowed when the rows on both sides have as many cells); the index of its last line.
fn tab_table(lines: &[String], skip: &[bool], start: usize) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = start;
    let mut end = start;
    let cells_of = |l: &str| l.split('\t').count();
    loop {
        if i < lines.len() && !blank(lines, skip, i) && lines[i].contains('\t') {
            let l = &lines[i];
            if !l
                .split('\t')
                .all(|c| c.trim().chars().all(|ch| ch == '-' || ch == ':'))
            {
                rows.push(tab_row(l, i));
            }
            end = i;
            i += 1;
        } else if i + 1 < lines.len()
            && blank(lines, skip, i)
            && !blank(lines, skip, i + 1)
            && lines[i + 1].contains('\t')
            && cells_of(&lines[i + 1]) == cells_of(&lines[end])
        {
            i += 1;
        } else {
            break;
        }
    }
    (Table { rows }, end)
}

fn tab_row(l: &str, i: usize) -> Row {
    let cells = l
        .split('\t')
        .enumerate()
        .map(|(col, c)| {
            let mut t = inline::parse(c.trim());
            t.trim();
            Cell {
                paragraphs: if t.is_blank() { vec![] } else { vec![t] },
                col,
                colspan: 1,
                rowspan: 1,
                place: line(i),
            }
        })
        .collect();
    Row {
        cells,
        place: line(i),
    }
}

/// `<table>` … `</table>` on lines `start..=end`: rows of `<td>`/`<th>` with `colspan`/`rowspan`.
fn html_table(lines: &[String], start: usize, end: usize) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    // Grid columns taken by rowspans from rows above: (col, rows still covered, colspan).
    let mut covered: Vec<(usize, usize, usize)> = Vec::new();
    for (i, l) in lines.iter().enumerate().take(end + 1).skip(start) {
        let lower = l.to_ascii_lowercase();
        let mut pos = 0;
        while let Some(k) = lower[pos..].find("<tr") {
            let row_start = pos + k;
            let row_end = lower[row_start..]
                .find("</tr")
                .map_or(lower.len(), |e| row_start + e);
            let mut cells = Vec::new();
            let mut col = 0;
            let mut p = row_start;
            while let Some(c) = next_cell(&lower[p..row_end]) {
                let (open_end, body_end, colspan, rowspan) = (p + c.0, p + c.1, c.2, c.3);
                while covered
                    .iter()
                    .any(|&(cc, left, span)| left > 0 && (cc..cc + span).contains(&col))
                {
                    col += 1;
                }
                let mut t = inline::parse(l[open_end..body_end].trim());
                t.trim();
                cells.push(Cell {
                    paragraphs: if t.is_blank() { vec![] } else { vec![t] },
                    col,
                    colspan,
                    rowspan,
                    place: line(i),
                });
                if rowspan > 1 {
                    covered.push((col, rowspan, colspan));
                }
                col += colspan;
                p = body_end;
            }
            for c in &mut covered {
                c.1 = c.1.saturating_sub(1);
            }
            // The spans just added cover the rows below, not this one.
            for cell in &cells {
                if cell.rowspan > 1
                    && let Some(c) = covered.iter_mut().find(|c| c.0 == cell.col)
                {
                    c.1 = cell.rowspan - 1;
                }
            }
            rows.push(Row {
                cells,
                place: line(i),
            });
            pos = row_end.max(row_start + 3);
        }
    }
    Table { rows }
}

/// The next `<td …>body</td>` in `s`: end of the opening tag, end of the body, colspan, rowspan.
fn next_cell(s: &str) -> Option<(usize, usize, usize, usize)> {
    let k = s.find("<td").or_else(|| s.find("<th"))?;
    let open_end = k + s[k..].find('>')? + 1;
    let attrs = &s[k..open_end];
    let span = |name: &str| {
        attrs
            .find(name)
            .and_then(|a| {
                attrs[a + name.len()..]
                    .trim_start_matches(['=', '"', '\''])
                    .split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(1usize)
            .max(1)
    };
    let body_end = s[open_end..].find("</t").map_or(s.len(), |e| open_end + e);
    Some((open_end, body_end, span("colspan"), span("rowspan")))
}

/// A paragraph cut at a page break continues in the next one when it is long, ends without
/// closing punctuation and the next starts with a small letter.
fn join_page_splits(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let (
            Some(Block {
                place,
                kind: Kind::Paragraph(prev),
            }),
            Kind::Paragraph(next),
        ) = (out.last_mut(), &b.kind)
        {
            let p = prev.plain();
            let n = next.plain();
            // Only a long paragraph is cut by a page; a short line (`Dnr 2024/01`) stands alone.
            let long = p.split_whitespace().count() >= 8;
            let open_end = long
                && p.chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == ',');
            if open_end && n.chars().next().is_some_and(char::is_lowercase) {
                prev.push(" ", false, false);
                prev.append(next);
                *place = place.join(b.place);
                continue;
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_page_numbers_are_dropped_with_their_lines() {
        let s =
            "§ 31 Rapport\n\n34\n\nDnr 2024/01\n\nbarn och unga, 35 psykisk hälsa\n\n36\n\nSlut.";
        let src = read(s);
        let texts: Vec<String> = src.blocks.iter().map(Block::plain).collect();
        assert_eq!(
            texts,
            [
                "§ 31 Rapport",
                "Dnr 2024/01",
                "barn och unga, psykisk hälsa",
                "Slut."
            ]
        );
        let dropped: Vec<(u32, &str)> = src
            .dropped
            .iter()
            .map(|d| (d.place.first, d.text.as_str()))
            .collect();
        assert_eq!(dropped, [(3, "34"), (7, "35"), (9, "36")]);
        assert_eq!(src.blocks[1].place, Place::lines(5, 5));
    }

    #[test]
    fn tab_lines_are_a_table_with_bold_labels() {
        let s = "<b>Organ</b>\tKommunförbundet Kalmar län, \
            förbundsmöte\t\n<b>Paragrafer</b>\t§§ 1-13\t\n\nText.";
        let src = read(s);
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!("{:?}", src.blocks[0])
        };
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows[0].cells[0].paragraphs[0].all_bold());
        assert_eq!(t.rows[1].cells[1].plain(), "§§ 1-13");
        assert_eq!(src.blocks[0].place, Place::lines(1, 2));
        assert_eq!(src.blocks[1].plain(), "Text.");
    }

    #[test]
    fn html_table_markup_with_spans() {
        let s = "<table>\n<tr><td rowspan=\"2\"><b>Beslutande</b></td><td>Anna Ek \
            (S)</td></tr>\n<tr><td>Bo Ek (M)</td></tr>\n</table>";
        let src = read(s);
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!()
        };
        assert_eq!(t.rows[0].cells[0].rowspan, 2);
        assert_eq!(t.rows[1].cells[0].col, 1);
        assert_eq!(t.rows[1].cells[0].plain(), "Bo Ek (M)");
    }

    #[test]
    fn markdown_headings_lists_and_continuations() {
        let s = "# Förbundsmöte\n\n### **Upprop**\n\n- 5. Genomgång**  \nFöredragande: \
            Cecilia Frid\n- 6. Revision\n\n1. Val av justerare\n\n¹ Region Kalmar län";
        let src = read(s);
        assert!(matches!(
            &src.blocks[0].kind,
            Kind::Heading { level: 1, .. }
        ));
        let Kind::Heading { level: 3, text } = &src.blocks[1].kind else {
            panic!()
        };
        assert!(text.all_bold());
        let Kind::ListItem {
            marker: Marker::Bullet,
            text,
            ..
        } = &src.blocks[2].kind
        else {
            panic!()
        };
        assert_eq!(text.plain(), "5. Genomgång\nFöredragande: Cecilia Frid");
        assert_eq!(src.blocks[2].place, Place::lines(5, 6));
        let Kind::ListItem {
            marker: Marker::Ordered(n),
            ..
        } = &src.blocks[4].kind
        else {
            panic!()
        };
        assert_eq!(n, "1.");
        assert!(matches!(&src.blocks[5].kind, Kind::Footnote { label, .. } if label == "¹"));
    }

    #[test]
    fn a_paragraph_cut_by_a_page_break_is_joined() {
        let src = read(
            "oro för isolering bland äldre, och då s\n\nuppges också att de har \
                sömnbesvär.\n\nNästa.",
        );
        assert_eq!(src.blocks.len(), 2);
        assert_eq!(src.blocks[0].place, Place::lines(1, 3));
        assert_eq!(
            src.blocks[0].plain(),
            "oro för isolering bland äldre, och då s uppges också att de har sömnbesvär."
        );
    }
}
