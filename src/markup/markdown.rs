//! Markdown to HTML with pulldown-cmark: headings get stable ids, tables are wrapped for small
//! screens, numeric cells are marked, every table is also returned as data, and the HTML (raw HTML
//! in the Markdown included) goes through the sanitizer.

use crate::markup::table::{self, Table};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};

pub use crate::markup::table::{Cell, TableData, swedish_number};

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
/// is sanitized ([`crate::markup::sanitize::clean`]) as a whole, so raw HTML keeps its structure;
/// tables (our own markup around cells sanitized one by one, see [`table`]) and their charts go
/// in after it, in place of markers. The parser's events are streamed, never collected, so memory
/// follows the text, not its events.
pub fn render(md: &str, id_prefix: &str) -> Rendered {
    // Plain prose (most of a protokoll) needs no parser: the same HTML, made directly.
    if crate::markup::prose::is_plain(md) {
        return Rendered {
            html: crate::markup::prose::html(md),
            ..Rendered::default()
        };
    }
    let mut events = Events {
        parser: Parser::new_ext(md, OPTIONS),
        queue: VecDeque::new(),
        id_prefix,
        used: HashSet::new(),
        last_heading: String::new(),
        headings: Vec::new(),
        pieces: Vec::new(),
        charts: 0,
    };
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, &mut events);
    // The parser holds the whole document's tree: gone before the page's HTML is put together.
    let Events {
        headings,
        pieces,
        parser,
        ..
    } = events;
    drop(parser);
    let clean = crate::markup::sanitize::clean(&html);
    drop(html);
    let mut out = String::with_capacity(
        clean.len()
            + pieces
                .iter()
                .map(|p| p.table.html_len() + p.chart.as_ref().map_or(0, String::len))
                .sum::<usize>(),
    );
    let mut written = vec![false; pieces.len()];
    let mut rest = clean.as_str();
    while let Some((before, n, after)) = next_marker(rest) {
        out.push_str(before);
        // A marker the sanitizer moved out of order still finds its table; one it dropped (inside
        // a removed `<script>`) takes its table with it, as the sanitizer took it before.
        if let Some(piece) = pieces.get(n).filter(|_| !written[n]) {
            written[n] = true;
            piece.table.write(&mut out);
            if let Some(svg) = &piece.chart {
                out.push_str(svg);
            }
        }
        rest = after;
    }
    out.push_str(rest);
    Rendered {
        html: out,
        tables: pieces.into_iter().map(|p| p.table.data).collect(),
        headings,
    }
}

/// A table read from the events, with its chart if it is a table of years or a budget.
struct Piece {
    table: Table,
    chart: Option<String>,
}

/// The parser's events as the HTML writer takes them: headings given ids, each table read whole
/// into a [`Piece`] and a marker given in its place, and the marker's character kept out of the
/// text so no content can forge one.
struct Events<'a, 'p> {
    parser: Parser<'a>,
    queue: VecDeque<Event<'a>>,
    id_prefix: &'p str,
    used: HashSet<String>,
    last_heading: String,
    headings: Vec<Heading>,
    pieces: Vec<Piece>,
    charts: usize,
}

impl<'a> Iterator for Events<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.queue.pop_front() {
            return Some(e);
        }
        match self.parser.next()? {
            Event::Start(Tag::Heading { level, .. }) => {
                let mut depth = 1usize;
                for e in self.parser.by_ref() {
                    match e {
                        Event::Start(_) => depth += 1,
                        Event::End(_) => depth -= 1,
                        _ => {}
                    }
                    self.queue.push_back(defuse(e));
                    if depth == 0 {
                        break;
                    }
                }
                let inner = self.queue.len().saturating_sub(1);
                let text = plain_text(self.queue.make_contiguous()[..inner].as_ref());
                let id = unique_id(self.id_prefix, &text, &mut self.used);
                self.headings.push(Heading {
                    level: level as u8,
                    text: text.clone(),
                    id: id.clone(),
                });
                self.last_heading = text;
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: vec![],
                    attrs: vec![],
                }))
            }
            Event::Start(Tag::Table(_)) => {
                let table = table::read(&mut self.parser.by_ref().map(defuse), &self.last_heading);
                let chart =
                    crate::markup::chart::for_table(&table.data, self.charts, self.id_prefix);
                self.charts += usize::from(chart.is_some());
                let marker = marker(self.pieces.len());
                self.pieces.push(Piece { table, chart });
                Some(Event::Html(CowStr::from(marker)))
            }
            e => Some(defuse(e)),
        }
    }
}

/// The character markers are made of (private use), taken out of the content's text and raw HTML.
/// A character reference in raw HTML (`&#xe000;`) still gets one through the sanitizer, but a
/// forged marker can only move one of our tables, never bring in anything unsanitized.
const MARK: char = '\u{e000}';

/// Where the `n`th table goes: a paragraph the sanitizer leaves alone.
fn marker(n: usize) -> String {
    format!("<p>{MARK}{n}{MARK}</p>\n")
}

/// The text before the next marker, its number, and the text after it.
fn next_marker(html: &str) -> Option<(&str, usize, &str)> {
    let open = format!("<p>{MARK}");
    let close = format!("{MARK}</p>\n");
    let mut from = 0;
    while let Some(i) = html[from..].find(&open).map(|i| i + from) {
        let digits = &html[i + open.len()..];
        let len = digits.bytes().take_while(u8::is_ascii_digit).count();
        if len > 0
            && digits[len..].starts_with(&close)
            && let Ok(n) = digits[..len].parse()
        {
            return Some((&html[..i], n, &digits[len + close.len()..]));
        }
        from = i + open.len();
    }
    None
}

/// An event with the marker character replaced (U+FFFD) in its text or raw HTML.
fn defuse(e: Event<'_>) -> Event<'_> {
    fn fix(t: CowStr<'_>) -> CowStr<'_> {
        if t.contains(MARK) {
            CowStr::from(t.replace(MARK, "\u{fffd}"))
        } else {
            t
        }
    }
    match e {
        Event::Text(t) => Event::Text(fix(t)),
        Event::Html(t) => Event::Html(fix(t)),
        Event::InlineHtml(t) => Event::InlineHtml(fix(t)),
        e => e,
    }
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
    // Whitespace collapsed as the text comes, so no second copy of it is made.
    let mut s = String::new();
    let mut space = false;
    let mut push = |text: &str, space: &mut bool| {
        for c in text.chars() {
            if c.is_whitespace() {
                *space = true;
            } else {
                if std::mem::take(space) && !s.is_empty() {
                    s.push(' ');
                }
                s.push(c);
            }
        }
    };
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Text(t) | Event::Code(t) => push(&t, &mut space),
            Event::Html(t) => {
                push(&strip_tags(&t), &mut space);
                space = true;
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => space = true,
            _ => {}
        }
    }
    s
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
