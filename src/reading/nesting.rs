//! The depth of Markdown nesting, bounded before anything parses it: a line of block quotes and
//! list markers nested thousands deep (`>>>>…`, `- - - …`) costs the Markdown parser time that
//! grows with the square of the depth (100,000 `>` took 49 s), and no document needs more than a
//! few levels. Such a line is an error at the column where it passes the limit.

use crate::reading::diagnostic::Diagnostic;
use std::path::Path;

/// How deep block quotes and lists may nest on one line, together.
pub const MAX_DEPTH: usize = 100;

/// How deep raw HTML elements may nest in one file (the HTML parser's time also grows with the
/// square of the depth: 100,000 `<div>` took 52 s).
pub const MAX_HTML_DEPTH: usize = 100;

/// Checks the body (`text[body_offset..]`): its lines, then its raw HTML; one error, at the first
/// place too deep.
pub fn check(path: &Path, text: &str, body_offset: usize) -> Option<Diagnostic> {
    check_lines(path, text, body_offset).or_else(|| {
        let at = html_too_deep(text.get(body_offset..)?)?;
        Some(
            Diagnostic::at(
                path,
                text,
                body_offset + at,
                format!("HTML elements nested more than {MAX_HTML_DEPTH} deep"),
            )
            .with_hint("close the elements (`</div>`), or write the text in Markdown"),
        )
    })
}

/// Elements that hold nothing or close themselves: they never deepen the nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// The byte offset of the start tag that opens an element deeper than [`MAX_HTML_DEPTH`]: start
/// tags (read by [`crate::markup::html`]) count up, end tags down.
fn html_too_deep(body: &str) -> Option<usize> {
    let b = body.as_bytes();
    let mut ends = memchr::memmem::find_iter(b, b"</")
        .filter(|&i| b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        .peekable();
    let mut depth = 0usize;
    for tag in crate::markup::html::start_tags(body) {
        while ends.next_if(|&e| e < tag.at).is_some() {
            depth = depth.saturating_sub(1);
        }
        // An autolink (`<https://…>`, `<a@b.se>`) is no element.
        let element = tag
            .name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-');
        let self_closing = body[..tag.end].trim_end_matches('>').ends_with('/');
        if !element || self_closing || NOT_NESTING.iter().any(|n| tag.is(n)) {
            continue;
        }
        depth += 1;
        if depth > MAX_HTML_DEPTH {
            return Some(tag.at);
        }
    }
    None
}

/// One error, at the first line whose quotes and lists nest too deep.
fn check_lines(path: &Path, text: &str, body_offset: usize) -> Option<Diagnostic> {
    let mut offset = body_offset;
    for line in text.get(body_offset..)?.split_inclusive('\n') {
        if let Some(at) = too_deep(line) {
            return Some(
                Diagnostic::at(
                    path,
                    text,
                    offset + at,
                    format!(
                        "this line is nested more than {MAX_DEPTH} deep (block \
                            quotes and lists together)"
                    ),
                )
                .with_hint(
                    "a document needs a few levels at most: remove the extra `>` and list markers",
                ),
            );
        }
        offset += line.len();
    }
    None
}

/// The byte offset in `line` of the container marker that makes it deeper than [`MAX_DEPTH`].
fn too_deep(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let (mut i, mut depth) = (0, 0);
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let next = marker_end(b, i)?;
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(i);
        }
        i = next;
    }
}

/// Where a block quote (`>`) or list marker (`-`, `*`, `+`, `1.`, `1)` and a space) starting at
/// `i` ends, if one does.
fn marker_end(b: &[u8], i: usize) -> Option<usize> {
    let spaced = |j: usize| j >= b.len() || matches!(b[j], b' ' | b'\t' | b'\n' | b'\r');
    match *b.get(i)? {
        b'>' => Some(i + 1),
        b'-' | b'*' | b'+' if spaced(i + 1) => Some(i + 1),
        b'0'..=b'9' => {
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let j = i + digits;
            (digits <= 9 && matches!(b.get(j), Some(b'.' | b')')) && spaced(j + 1)).then_some(j + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_quotes_and_list_markers_together() {
        assert_eq!(too_deep(&">".repeat(MAX_DEPTH)), None);
        assert_eq!(too_deep(&">".repeat(MAX_DEPTH + 1)), Some(MAX_DEPTH));
        assert_eq!(too_deep(&"> - ".repeat(60)), Some(200));
        assert_eq!(too_deep(&"1. ".repeat(MAX_DEPTH + 5)), Some(3 * MAX_DEPTH));
        // Not markers: a dash in a word, a number without its dot, a rule of many dashes.
        assert_eq!(too_deep(&"-x ".repeat(500)), None);
        assert_eq!(too_deep(&"12 ".repeat(500)), None);
        assert_eq!(too_deep(&"-".repeat(500)), None);
    }

    #[test]
    fn html_nesting_counts_open_elements_only() {
        let deep = "<div>".repeat(MAX_HTML_DEPTH + 1);
        assert_eq!(html_too_deep(&deep), Some(5 * MAX_HTML_DEPTH));
        let closed = "<div><span>x</span></div>\n".repeat(1000);
        assert_eq!(html_too_deep(&closed), None);
        let flat = "<br><img src=x><p>a<li>b <https://example.se/> <a@b.se> <x/>".repeat(500);
        assert_eq!(html_too_deep(&flat), None);
    }

    #[test]
    fn the_error_is_at_the_line_and_column() {
        let text = format!("+++\n+++\nEn rad.\n{}\n", ">".repeat(150));
        let d = check(Path::new("p.md"), &text, 8).unwrap();
        assert!(d.to_string().starts_with("p.md:4:101: error: "), "{d}");
    }
}
