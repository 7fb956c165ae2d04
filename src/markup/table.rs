//! A Markdown table read straight off the parser's events, one cell at a time: its data
//! ([`TableData`], Swedish numbers parsed) and the HTML of each cell, then written as an accessible
//! table. No table's events are ever held whole, so a large table costs about its text, not a
//! parsed event stream and a DOM of it.

use crate::markup::sanitize;
use pulldown_cmark::{Event, Tag, TagEnd, html};
use serde::Serialize;

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

/// A table read from the events: its data and the sanitized HTML of every cell (header cells
/// first, then the body row by row), kept end to end in one string.
#[derive(Debug)]
pub struct Table {
    /// The table as data.
    pub data: TableData,
    cells: String,
    ends: Vec<usize>,
}

/// Reads one table from `events`, which have just yielded its `Start(Tag::Table)`, up to and
/// including its `End(TagEnd::Table)`. `caption` is the heading before it.
pub fn read<'a>(events: &mut impl Iterator<Item = Event<'a>>, caption: &str) -> Table {
    let mut t = Table {
        data: TableData {
            caption: caption.to_string(),
            headers: Vec::new(),
            rows: Vec::new(),
        },
        cells: String::new(),
        ends: Vec::new(),
    };
    let mut in_head = false;
    let mut cell: Option<Vec<Event>> = None;
    for e in events.by_ref() {
        match e {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => {
                let width = t.data.headers.len();
                t.data.rows.push(Vec::with_capacity(width));
            }
            Event::Start(Tag::TableCell) => cell = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                let inner = cell.take().unwrap_or_default();
                let text = crate::markup::markdown::plain_text(&inner);
                cell_html(&mut t.cells, inner);
                t.ends.push(t.cells.len());
                if in_head {
                    t.data.headers.push(text);
                } else if let Some(row) = t.data.rows.last_mut() {
                    let value = swedish_number(&text);
                    row.push(Cell { text, value });
                }
            }
            e => {
                if let Some(c) = cell.as_mut() {
                    c.push(e);
                }
            }
        }
    }
    t
}

/// Appends the HTML of one cell's content as the sanitizer would leave it. Text with emphasis
/// and code is escaped here exactly as the sanitizer's serializer escapes it (html5ever: `&`, `<`,
/// `>`, no-break space), so it needs no parse; anything else (links, images, raw HTML, footnote
/// references) goes through [`sanitize::clean`], one cell at a time.
fn cell_html(out: &mut String, inner: Vec<Event>) {
    let plain = inner.iter().all(|e| match e {
        Event::Text(t) | Event::Code(t) => !t.chars().any(|c| c.is_control() && c != '\t'),
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
        | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => true,
        _ => false,
    });
    if !plain {
        let mut raw = String::new();
        html::push_html(&mut raw, inner.into_iter());
        out.push_str(&sanitize::clean(&raw));
        return;
    }
    for e in &inner {
        match e {
            Event::Text(t) => escape(out, t, false),
            Event::Code(t) => {
                out.push_str("<code>");
                escape(out, t, false);
                out.push_str("</code>");
            }
            Event::Start(Tag::Emphasis) => out.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.push_str("</em>"),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.push_str("</del>"),
            _ => {}
        }
    }
}

/// Escapes text as html5ever serializes it: in text `&`, `<`, `>` and U+00A0; in an attribute
/// value also `"`.
pub fn escape(out: &mut impl Out, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.put("&amp;"),
            '<' => out.put("&lt;"),
            '>' => out.put("&gt;"),
            '\u{a0}' => out.put("&nbsp;"),
            '"' if attribute => out.put("&quot;"),
            c => out.put(c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// Where a table's HTML goes: a string, or a count of its bytes (to reserve them at once).
pub trait Out {
    /// Appends `s`.
    fn put(&mut self, s: &str);
}

impl Out for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Counts the bytes put.
struct Count(usize);

impl Out for Count {
    fn put(&mut self, s: &str) {
        self.0 += s.len();
    }
}

impl Table {
    /// How many bytes [`Table::write`] adds.
    pub fn html_len(&self) -> usize {
        let mut n = Count(0);
        self.write(&mut n);
        n.0
    }

    /// Writes the table wrapped for small screens: a row's label is a `<th scope="row">`, cells
    /// with a number are marked `num`, and a column of figures has its heading right-aligned.
    pub fn write(&self, out: &mut impl Out) {
        let table = &self.data;
        out.put("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"");
        let label = if table.caption.is_empty() {
            "Tabell"
        } else {
            &table.caption
        };
        escape(out, label, true);
        out.put("\">\n<table>\n<thead><tr>");
        let width = table.headers.len();
        let mut cells = self.cell_texts();
        for (col, header) in table.headers.iter().enumerate() {
            let content = cells.next().unwrap_or_default();
            // A heading cell with nothing in it (over the labels) is no header.
            if header.trim().is_empty() {
                put_cell(out, "<td>", content, "</td>");
                continue;
            }
            // A column of figures has its heading right-aligned over them.
            let figures = col > 0
                && table
                    .rows
                    .iter()
                    .any(|r| r.get(col).is_some_and(|c| c.value.is_some()));
            let open = if figures {
                "<th scope=\"col\" class=\"num\">"
            } else {
                "<th scope=\"col\">"
            };
            put_cell(out, open, content, "</th>");
        }
        out.put("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            out.put("<tr>");
            // The first cell of a row that is not a figure is the row's label: a row header, so
            // a screen reader says which row a number belongs to.
            let labelled = width > 1 && row.first().is_some_and(|c| !c.text.trim().is_empty());
            for (col, cell) in row.iter().enumerate() {
                let content = cells.next().unwrap_or_default();
                let numeric = cell.value.is_some();
                if col == 0 && labelled && !numeric {
                    put_cell(out, "<th scope=\"row\">", content, "</th>");
                } else if numeric {
                    put_cell(out, "<td class=\"num\">", content, "</td>");
                } else {
                    put_cell(out, "<td>", content, "</td>");
                }
            }
            out.put("</tr>\n");
        }
        out.put("</tbody>\n</table>\n</div>\n");
    }

    /// The HTML of every cell in order.
    fn cell_texts(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(s, e)| &self.cells[s..e])
    }
}

fn put_cell(out: &mut impl Out, open: &str, content: &str, close: &str) {
    out.put(open);
    out.put(content);
    out.put(close);
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

#[cfg(test)]
mod tests {
    use crate::markup::markdown::render;
    use crate::markup::sanitize::clean;

    #[test]
    fn a_tables_html_is_what_the_sanitizer_would_leave_of_it() {
        let md = "### Budget \"2025\" & \\<mer>\n\n| Post | 2023 | Not |\n|---|---|---|\n\
                  | **Intäkter** | 71\u{a0}163 | `a<b>` \"q\" & ~~x~~ *y* |\n\
                  | [länk](javascript:alert(1)) | 5 | <b onclick=\"x\">fet |\n\
                  |  | 1,5 | ![b](https://a.se/b.png) [^1] |\n\n[^1]: Not.\n";
        let html = render(md, "").html;
        assert_eq!(clean(&html), html);
        for part in [
            "aria-label=\"Budget &quot;2025&quot; &amp; &lt;mer&gt;\"",
            "<th scope=\"row\"><strong>Intäkter</strong></th><td class=\"num\">71&nbsp;163</td>",
            "<td><code>a&lt;b&gt;</code> \"q\" &amp; <del>x</del> <em>y</em></td>",
            "<th scope=\"row\"><a>länk</a></th><td class=\"num\">5</td><td><b>fet</b></td>",
            "<tr><td></td><td class=\"num\">1,5</td><td><img src=\"https://a.se/b.png\"",
        ] {
            assert!(html.contains(part), "{part}\n{html}");
        }
    }

    #[test]
    fn raw_html_in_a_cell_cannot_add_cells_or_end_the_table() {
        let html = render(
            "| a | b |\n|---|---|\n| x</td><td>y | z |\n| </table><p>u | v |\n",
            "",
        )
        .html;
        let body = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
        for row in body.split("<tr>").skip(1) {
            assert_eq!(
                row.matches("<td").count() + row.matches("<th").count(),
                2,
                "{html}"
            );
        }
        assert_eq!(html.matches("</table>").count(), 1, "{html}");
    }

    #[test]
    fn content_cannot_forge_the_marker_a_table_is_put_in_at() {
        let r = render("\u{e000}0\u{e000}\n\n| a |\n|---|\n| 1 |\n", "");
        assert!(!r.html.contains('\u{e000}'), "{}", r.html);
        assert!(r.html.find("<p>") < r.html.find("<table>"), "{}", r.html);
        assert_eq!(r.html.matches("<table>").count(), 1);
        assert_eq!(r.tables[0].rows[0][0].value, Some(1.0));
    }
}
