//! Markdown to HTML with pulldown-cmark: headings get stable ids, tables are wrapped for small
//! screens, numeric cells are marked, every table is also returned as data, and the HTML (raw HTML
//! in the Markdown included) goes through the sanitizer.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::HashSet;

/// A table of a document as data.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TableData {
    /// The heading directly before the table.
    pub caption: String,
    /// Header cells as text.
    pub headers: Vec<String>,
    /// Body rows, each cell as text and, where it is a number, its value.
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cell {
    /// The text as printed.
    pub text: String,
    /// The number, when the text is one in Swedish format ("71 163", "-2 622", "47,16").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// A heading found in the text.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// The id given to it.
    pub id: String,
}

/// Rendered Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// Tables as data.
    pub tables: Vec<TableData>,
    /// Headings with their ids.
    pub headings: Vec<Heading>,
}

/// The Markdown extensions content may use.
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH);

/// Renders Markdown; heading ids are prefixed with `id_prefix` to stay unique on a page. The HTML
/// is sanitized ([`crate::markup::sanitize::clean`]) as a whole, so raw HTML keeps its structure.
pub fn render(md: &str, id_prefix: &str) -> Rendered {
    // Plain prose (most of a protokoll) needs no parser: the same HTML, made directly.
    if crate::markup::prose::is_plain(md) {
        return Rendered {
            html: crate::markup::prose::html(md),
            ..Rendered::default()
        };
    }
    let events: Vec<Event> = Parser::new_ext(md, OPTIONS).collect();
    let mut out = Rendered::default();
    let mut used = HashSet::new();
    let mut last_heading = String::new();
    let mut i = 0;
    let mut chunk: Vec<Event> = Vec::new();
    let mut charts: Vec<String> = Vec::new();
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level;
                let end = find_end(&events, i);
                let text = plain_text(&events[i + 1..end]);
                let id = unique_id(id_prefix, &text, &mut used);
                out.headings.push(Heading {
                    level: level as u8,
                    text: text.clone(),
                    id: id.clone(),
                });
                last_heading = text;
                chunk.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: vec![],
                    attrs: vec![],
                }));
                chunk.extend(events[i + 1..=end].iter().cloned());
                i = end + 1;
            }
            Event::Start(Tag::Table(_)) => {
                let end = find_end(&events, i);
                html::push_html(&mut out.html, chunk.drain(..));
                let table = table_data(&last_heading, &events[i..=end]);
                write_table(&mut out.html, &table, &events[i..=end]);
                // A table of years or a budget gets its charts after it; they are our own SVG, put
                // in after the sanitizer (which keeps no SVG) in place of a marker it leaves alone.
                if let Some(svg) = crate::markup::chart::for_table(&table, charts.len(), id_prefix)
                {
                    out.html.push_str(&chart_marker(charts.len()));
                    charts.push(svg);
                }
                out.tables.push(table);
                i = end + 1;
            }
            e => {
                chunk.push(e.clone());
                i += 1;
            }
        }
    }
    html::push_html(&mut out.html, chunk.into_iter());
    out.html = crate::markup::sanitize::clean(&out.html);
    for (n, svg) in charts.iter().enumerate() {
        out.html = out.html.replacen(&chart_marker(n), svg, 1);
    }
    out
}

/// Where the `n`th chart goes: a paragraph of private-use characters that text never holds.
fn chart_marker(n: usize) -> String {
    format!("<p>\u{e000}{n}\u{e000}</p>\n")
}

/// Index of the event that closes the one opened at `start`.
fn find_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// The plain text of a run of events.
pub fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The plain text of some Markdown (for excerpts and search).
pub fn to_plain(md: &str) -> String {
    if crate::markup::prose::is_plain(md) {
        return crate::markup::prose::text(md);
    }
    let events: Vec<Event> = Parser::new_ext(md, Options::ENABLE_TABLES).collect();
    let mut s = String::new();
    for e in &events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::Html(t) => {
                s.push_str(&strip_tags(t));
                s.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a raw HTML block without its tags and comments.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let close = if rest[i..].starts_with("<!--") {
            "-->"
        } else {
            ">"
        };
        rest = rest[i..]
            .find(close)
            .map_or("", |e| &rest[i + e + close.len()..]);
    }
    out.push_str(rest);
    out
}

fn unique_id(prefix: &str, text: &str, used: &mut HashSet<String>) -> String {
    let base = crate::markup::ids::slug(text);
    let base = if base.is_empty() {
        "rubrik".to_string()
    } else {
        base
    };
    let mut id = format!("{prefix}{base}");
    let mut n = 2;
    while !used.insert(id.clone()) {
        id = format!("{prefix}{base}-{n}");
        n += 1;
    }
    id
}

/// Parses a Swedish-format number: "71 163", "-2 622", "47,16", "−5", "12 %".
pub fn swedish_number(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .trim_end_matches('%')
        .trim();
    if t.is_empty() {
        return None;
    }
    let mut s = String::new();
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => s.push(c),
            ',' => s.push('.'),
            '-' | '−' | '–' if i == 0 => s.push('-'),
            ' ' | '\u{a0}' | '\u{202f}' => {}
            _ => return None,
        }
    }
    if !s.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn table_data(caption: &str, events: &[Event]) -> TableData {
    let mut headers = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut in_head = false;
    let mut cell: Option<usize> = None;
    for (j, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(j),
            Event::End(TagEnd::TableCell) => {
                let text = cell.map_or(String::new(), |s| plain_text(&events[s + 1..j]));
                if in_head {
                    headers.push(text);
                } else if let Some(row) = rows.last_mut() {
                    let value = swedish_number(&text);
                    row.push(Cell { text, value });
                }
                cell = None;
            }
            _ => {}
        }
    }
    TableData {
        caption: caption.to_string(),
        headers,
        rows,
    }
}

fn write_table(out: &mut String, table: &TableData, events: &[Event]) {
    out.push_str("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"");
    let label = if table.caption.is_empty() {
        "Tabell"
    } else {
        &table.caption
    };
    html::push_html(out, std::iter::once(Event::Text(label.into())));
    out.push_str("\">\n<table>\n");
    let mut in_head = false;
    let mut row = 0usize;
    let mut col = 0usize;
    let mut cell_start = 0usize;
    for (j, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::TableHead) => {
                in_head = true;
                out.push_str("<thead><tr>");
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push_str("</tr></thead>\n<tbody>\n");
            }
            Event::Start(Tag::TableRow) => {
                col = 0;
                out.push_str("<tr>");
            }
            Event::End(TagEnd::TableRow) => {
                row += 1;
                out.push_str("</tr>\n");
            }
            Event::Start(Tag::TableCell) => cell_start = j,
            Event::End(TagEnd::TableCell) => {
                let numeric = !in_head
                    && table
                        .rows
                        .get(row)
                        .and_then(|r| r.get(col))
                        .is_some_and(|c| c.value.is_some());
                // The first cell of a row that is not a figure is the row's label: a row header,
                // so a screen reader says which row a number belongs to.
                let label = col == 0
                    && table.headers.len() > 1
                    && table
                        .rows
                        .get(row)
                        .and_then(|r| r.first())
                        .is_some_and(|c| !c.text.trim().is_empty());
                // A column of figures has its heading right-aligned over them.
                let figures = in_head
                    && col > 0
                    && table
                        .rows
                        .iter()
                        .any(|r| r.get(col).is_some_and(|c| c.value.is_some()));
                // A heading cell with nothing in it (over the labels) is no header.
                let blank = in_head && plain_text(&events[cell_start + 1..j]).trim().is_empty();
                let tag = if blank {
                    "td"
                } else if figures {
                    "th scope=\"col\" class=\"num\""
                } else if in_head {
                    "th scope=\"col\""
                } else if label && !numeric {
                    "th scope=\"row\""
                } else if numeric {
                    "td class=\"num\""
                } else {
                    "td"
                };
                out.push('<');
                out.push_str(tag);
                out.push('>');
                html::push_html(out, events[cell_start + 1..j].iter().cloned());
                out.push_str(if (in_head && !blank) || (label && !numeric) {
                    "</th>"
                } else {
                    "</td>"
                });
                col += 1;
            }
            _ => {}
        }
    }
    if events
        .iter()
        .any(|e| matches!(e, Event::End(TagEnd::TableHead)))
    {
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers_parse() {
        assert_eq!(swedish_number("71 163"), Some(71163.0));
        assert_eq!(swedish_number("-2 622"), Some(-2622.0));
        assert_eq!(swedish_number("47,16"), Some(47.16));
        assert_eq!(swedish_number("**8 137**"), Some(8137.0));
        assert_eq!(swedish_number("2023"), Some(2023.0));
        assert_eq!(swedish_number("Antal medlemmar"), None);
        assert_eq!(swedish_number("2022-01-01"), None);
    }

    #[test]
    fn tables_become_data_with_caption() {
        let r = render(
            "### Flerårsöversikt\n\n| Post | 2023 |\n|---|---|\n| Intäkter | 71 163 |\n",
            "",
        );
        assert_eq!(r.tables[0].caption, "Flerårsöversikt");
        assert_eq!(r.tables[0].headers, vec!["Post", "2023"]);
        assert_eq!(r.tables[0].rows[0][1].value, Some(71163.0));
        assert!(
            r.html.contains("<td class=\"num\">71 163</td>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h3 id=\"flersoversikt\">")
                || r.html.contains("id=\"flerarsoversikt\"")
        );
    }

    #[test]
    fn a_rows_label_is_its_header_and_a_column_of_figures_is_right_aligned() {
        let r = render(
            "| Post | 2023 | Not |\n|---|---|---|\n| Intäkter | 71 163 | a |\n|  | 5 | b |\n",
            "",
        );
        assert!(
            r.html.contains("<th scope=\"row\">Intäkter</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<th scope=\"col\" class=\"num\">2023</th>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<th scope=\"col\">Not</th>"), "{}", r.html);
        // An empty label cell is no header (axe: a header needs text).
        assert!(
            r.html.contains("<tr><td></td><td class=\"num\">5</td>"),
            "{}",
            r.html
        );
        // A one-column table is a list, not labels.
        let blank = render("|  | 2023 |\n|---|---|\n| Intäkter | 1 |\n", "");
        assert!(
            blank.html.contains("<thead><tr><td></td><th"),
            "{}",
            blank.html
        );
        let one = render("| Namn |\n|---|\n| Anna |\n", "");
        assert!(one.html.contains("<td>Anna</td>"), "{}", one.html);
    }

    #[test]
    fn raw_html_is_sanitized_not_shown_as_text() {
        let r = render(
            "<script>alert(1)</script>\n\nok <b onclick=\"x()\">x</b> [l](javascript:alert(1))",
            "",
        );
        assert_eq!(r.html.trim(), "<p>ok <b>x</b> <a>l</a></p>");
        assert_eq!(
            to_plain("<div>\n<b>Fet</b> text\n</div>\n\nok <i>x</i>"),
            "Fet text ok x"
        );
    }
}
