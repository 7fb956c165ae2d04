//! The Markdown of what a source prints: styled runs as emphasis and links, text escaped where
//! Markdown would read it as markup, headings at a given depth, lists, footnotes, and tables as
//! GitHub pipe tables (numbers kept as printed and right-aligned, a two-row header made one, a
//! caption row taken out, the dotted leaders of a table of contents left out).

use crate::import::block::{Block, Kind, Marker, Table, Text};
use crate::markup::markdown::swedish_number;

/// A text's runs as Markdown: `**bold**`, `*italic*`, `[text](url)` (a link to nowhere, `#`,
/// keeps only its text), line breaks as a backslash at the line's end.
pub fn inline(t: &Text) -> String {
    let mut out = String::new();
    for r in &t.runs {
        let mut text = escape(&r.text);
        if let Some(url) = r.link.as_deref().filter(|u| is_link(u)) {
            text = format!("[{}]({url})", text.trim());
        }
        let (lead, core, trail) = split_space(&text);
        out.push_str(lead);
        if core.is_empty() {
            continue;
        }
        let mark = match (r.bold, r.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        // Emphasis spanning a line break would not close: mark each line.
        let lines: Vec<String> = core
            .split('\n')
            .map(|l| {
                let l = l.trim();
                if l.is_empty() || mark.is_empty() {
                    l.to_string()
                } else {
                    format!("{mark}{l}{mark}")
                }
            })
            .collect();
        out.push_str(&lines.join("\\\n"));
        out.push_str(trail);
    }
    escape_line_starts(out.trim())
}

/// Whether an address is worth a link: the web, mail and phone (not `#` or an empty one).
fn is_link(url: &str) -> bool {
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| url.starts_with(p))
        && url.len() > 8
        && !url.contains(char::is_whitespace)
}

fn split_space(s: &str) -> (&str, &str, &str) {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start >= end {
        return (s, "", "");
    }
    (&s[..start], &s[start..end], &s[end..])
}

/// Escapes the characters Markdown would read as markup inside a line: backslashes, asterisks,
/// backticks, `<` before a tag-like character, brackets of a link, and `_` that could open
/// emphasis.
pub fn escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let linkish = s.contains("](") || s.contains("][");
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let esc = match c {
            '\\' | '*' | '`' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(n)),
            '[' | ']' => linkish,
            '_' => {
                !prev.is_some_and(char::is_alphanumeric) || !next.is_some_and(char::is_alphanumeric)
            }
            _ => false,
        };
        if esc {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what a line's start would make a heading, a quote, a list item or a rule.
fn escape_line_starts(s: &str) -> String {
    s.split('\n')
        .map(|line| {
            let t = line;
            let mut chars = t.chars();
            let first = chars.next();
            match first {
                Some('#') | Some('>') | Some('|') => format!("\\{t}"),
                Some('-') | Some('+') | Some('=')
                    if t.chars().all(|c| c == first.unwrap() || c == ' ') && t.len() > 1 =>
                {
                    format!("\\{t}")
                }
                Some('-') | Some('+') if t[1..].starts_with(' ') => format!("\\{t}"),
                Some(c) if c.is_ascii_digit() => {
                    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                    let after = &t[digits..];
                    if digits <= 9 && (after.starts_with(". ") || after.starts_with(") ")) {
                        format!("{}\\{}", &t[..digits], after)
                    } else {
                        t.to_string()
                    }
                }
                _ => t.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plain text escaped for Markdown (a title, a name line).
pub fn plain(s: &str) -> String {
    escape_line_starts(&escape(s.trim()))
}

/// A heading at `level` (2 to 6).
pub fn heading(level: u8, text: &str) -> String {
    format!(
        "{} {}",
        "#".repeat(level.clamp(2, 6) as usize),
        escape(text.trim())
    )
}

/// A block as Markdown, its headings moved down by `shift` levels (and never above `min`); None
/// for a page break or an empty block.
pub fn block(b: &Block, shift: u8, min: u8) -> Option<String> {
    let s = match &b.kind {
        Kind::Heading { level, text } => {
            let level = (level + shift).clamp(min, 6);
            let t = text.plain();
            if t.is_empty() {
                return None;
            }
            let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
            format!("{} {}", "#".repeat(level as usize), escape(&t))
        }
        Kind::Paragraph(t) => inline(t),
        Kind::ListItem {
            depth,
            marker,
            text,
        } => list_item(*depth, marker, text),
        Kind::Table(t) => table(t),
        Kind::Footnote { label, text } => {
            if label.chars().all(|c| c.is_ascii_alphanumeric()) {
                format!("[^{label}]: {}", inline(text))
            } else {
                format!("{label} {}", inline(text))
            }
        }
        Kind::PageBreak => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

/// A list item: `- text` or `1. text`, indented by its depth; lines after the first indented to
/// stay in the item.
pub fn list_item(depth: u8, marker: &Marker, text: &Text) -> String {
    let m = match marker {
        Marker::Bullet => "-".to_string(),
        Marker::Ordered(n) => {
            let digits: String = n.chars().filter(char::is_ascii_digit).collect();
            if digits.is_empty() {
                "-".to_string()
            } else {
                format!("{digits}.")
            }
        }
    };
    let indent = " ".repeat(depth as usize * 2);
    let body = inline(text);
    let pad = " ".repeat(indent.len() + m.len() + 1);
    let body = body.replace('\n', &format!("\n{pad}"));
    format!("{indent}{m} {body}")
}

/// A cell's text as one line of a pipe table.
fn cell_md(paragraphs: &[Text]) -> String {
    let parts: Vec<String> = paragraphs
        .iter()
        .map(|p| {
            let mut t = p.clone();
            for r in &mut t.runs {
                r.text = r.text.replace('\n', " ");
            }
            leaders(&inline(&t))
        })
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(" ").replace('|', "\\|")
}

/// A cell without the dotted leaders of a table of contents ("Utvecklingsområden....." →
/// "Utvecklingsområden").
fn leaders(s: &str) -> String {
    let t = s.trim_end();
    let (core, mark) = match t.strip_suffix("**") {
        Some(c) => (c.trim_end(), "**"),
        None => (t, ""),
    };
    let stripped = core.trim_end_matches('.').trim_end();
    if core.len() - stripped.len() >= 3 {
        format!("{stripped}{mark}")
    } else {
        t.to_string()
    }
}

/// A table as a GitHub pipe table: the first row is the header (a second header row whose first
/// cell is blank is merged into it), numeric columns right-aligned.
pub fn table(t: &Table) -> String {
    let (caption, rows) = table_rows(t);
    let mut out = String::new();
    if let Some(c) = caption {
        out.push_str(&format!("**{}**\n\n", escape(&c)));
    }
    out.push_str(&pipe_table(&rows));
    out
}

/// The rows of a table as Markdown cells on its grid (merged cells written in their first
/// column), with a caption row taken out: a first row of three or more columns holding text
/// only in its first cell.
pub fn table_rows(t: &Table) -> (Option<String>, Vec<Vec<String>>) {
    let width = t.width().max(1);
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![String::new(); width];
            for c in &r.cells {
                if c.col < width {
                    cells[c.col] = cell_md(&c.paragraphs);
                }
            }
            cells
        })
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    let mut caption = None;
    if width >= 3
        && rows.len() >= 3
        && !rows[0][0].is_empty()
        && rows[0][1..].iter().all(String::is_empty)
    {
        let c = rows.remove(0)[0].clone();
        caption = Some(c.trim_matches('*').to_string());
    }
    merge_header(&mut rows);
    (caption, rows)
}

/// A header printed on two rows ("2024" over "Budget" and "Prognos") made one.
fn merge_header(rows: &mut Vec<Vec<String>>) {
    if rows.len() < 3 {
        return;
    }
    let (a, b) = (&rows[0], &rows[1]);
    let words = |c: &String| !c.is_empty() && swedish_number(c).is_none();
    let second_is_header = b[0].is_empty()
        && b[1..].iter().any(words)
        && b[1..].iter().all(|c| c.is_empty() || words(c));
    let gaps = a[1..].iter().any(String::is_empty);
    if !second_is_header || !gaps {
        return;
    }
    let mut merged = Vec::with_capacity(a.len());
    let mut carry = String::new();
    for (i, (top, low)) in a.iter().zip(b).enumerate() {
        let top = if top.is_empty() && i > 1 && !low.is_empty() {
            carry.clone()
        } else {
            top.clone()
        };
        if i > 0 {
            carry = top.clone();
        }
        merged.push(
            [top.as_str(), low.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    rows.splice(0..2, [merged]);
}

/// Rows of cells as a pipe table, the first row the header.
pub fn pipe_table(rows: &[Vec<String>]) -> String {
    let Some(head) = rows.first() else {
        return String::new();
    };
    let width = head.len();
    let numeric: Vec<bool> = (0..width)
        .map(|c| {
            let vals: Vec<&String> = rows[1..]
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|s| !s.is_empty())
                .collect();
            !vals.is_empty() && vals.iter().all(|s| swedish_number(s).is_some())
        })
        .collect();
    let line = |r: &Vec<String>| {
        let cells: Vec<String> = (0..width)
            .map(|c| match r.get(c).map_or("", String::as_str) {
                "" => " ".to_string(),
                s => format!(" {s} "),
            })
            .collect();
        format!("|{}|", cells.join("|"))
    };
    let mut out = vec![line(head)];
    out.push(format!(
        "| {} |",
        numeric
            .iter()
            .map(|n| if *n { "---:" } else { "---" })
            .collect::<Vec<_>>()
            .join(" | ")
    ));
    out.extend(rows[1..].iter().map(line));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;

    fn md(s: &str) -> Vec<String> {
        text::read(s)
            .blocks
            .iter()
            .filter_map(|b| block(b, 1, 2))
            .collect()
    }

    #[test]
    fn styled_runs_and_links() {
        assert_eq!(
            md("**Beslut:** Styrelsen *beslutar* [Länk](#) och [SKR](https://skr.se)"),
            ["**Beslut:** Styrelsen *beslutar* Länk och [SKR](https://skr.se)"]
        );
        assert_eq!(
            md("Leif Larsson (C)  \nKommunfullmäktiges ordförande"),
            ["Leif Larsson (C)\\\nKommunfullmäktiges ordförande"]
        );
    }

    #[test]
    fn text_that_markdown_would_misread_is_escaped() {
        assert_eq!(plain("2019. Ett år"), "2019\\. Ett år");
        assert_eq!(plain("# inte rubrik"), "\\# inte rubrik");
        assert_eq!(
            plain("a * b <script> c_d _e_"),
            "a \\* b \\<script> c_d \\_e\\_"
        );
        assert_eq!(plain("- inte lista"), "\\- inte lista");
    }

    #[test]
    fn tables_as_pipe_tables() {
        let src = text::read(
            "(Tkr)\t2024\t\tSkillnad\n\tBudget\tPrognos\t\nKommunförbundet\t\t\t\n\
             <b>Summa</b>\t-500\t-5 785\t-5 285",
        );
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!()
        };
        assert_eq!(
            table(t),
            "| (Tkr) | 2024 Budget | 2024 Prognos | Skillnad |\n| --- | ---: | \
                ---: | ---: |\n| Kommunförbundet | | | |\n| **Summa** | -500 | -5 785 \
                | -5 285 |"
        );
        let src = text::read(
            "<b>Budget exklusive \
                transfereringar</b>\t\t\n\t<b>2023</b>\t<b>2024</b>\nINTÄKTER\t26 \
                348\t30 293",
        );
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!()
        };
        assert_eq!(
            table(t),
            "**Budget exklusive transfereringar**\n\n| | **2023** | **2024** |\n| \
                --- | ---: | ---: |\n| INTÄKTER | 26 348 | 30 293 |"
        );
        let src = text::read("Innehåll\t2\nUtvecklingsområden.....\t7");
        let Kind::Table(t) = &src.blocks[0].kind else {
            panic!()
        };
        assert!(table(t).contains("| Utvecklingsområden | 7 |"));
    }
}
