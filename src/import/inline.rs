//! Styled text from a line of pasted text: the Markdown emphasis (`**bold**`, `*italic*`), escapes
//! and links, and the HTML tags (`<b>`, `<i>`, `<br>` …) that exports from Word and PDF leave in
//! plain text, read into a [`Text`] of runs.

use super::block::Text;

/// Reads one stretch of text with its inline markup into styled runs. Unpaired `**` (export noise
/// such as `1. Upprop**`) is dropped; a link is a run with its address; tags other than the styling
/// ones are dropped with their text kept.
pub fn parse(s: &str) -> Text {
    let chars: Vec<char> = s.chars().collect();
    let tokens = tokens(&chars);
    // Pair the toggles: an odd one out (the last) is noise and is dropped.
    let bold_toggles = tokens
        .iter()
        .filter(|t| matches!(t, Tok::Star(2 | 3)))
        .count();
    let italic_toggles = tokens
        .iter()
        .filter(|t| matches!(t, Tok::Star(1 | 3)))
        .count();
    let (mut bold_seen, mut italic_seen) = (0, 0);
    let (mut bold, mut italic) = (false, false);
    let (mut tag_bold, mut tag_italic) = (0i32, 0i32);
    let mut out = Text::default();
    for t in tokens {
        match t {
            Tok::Text(s) => out.push(&s, bold || tag_bold > 0, italic || tag_italic > 0),
            Tok::Link(s, url) => out.push_link(
                &s,
                bold || tag_bold > 0,
                italic || tag_italic > 0,
                Some(&url),
            ),
            Tok::Star(n) => {
                if n >= 2 {
                    bold_seen += 1;
                    if bold_seen <= bold_toggles - bold_toggles % 2 {
                        bold = !bold;
                    }
                }
                if n != 2 {
                    italic_seen += 1;
                    if italic_seen <= italic_toggles - italic_toggles % 2 {
                        italic = !italic;
                    }
                }
            }
            Tok::Tag { name, close } => {
                let d = if close { -1 } else { 1 };
                match name.as_str() {
                    "b" | "strong" => tag_bold = (tag_bold + d).max(0),
                    "i" | "em" => tag_italic = (tag_italic + d).max(0),
                    "br" => out.push("\n", bold || tag_bold > 0, italic || tag_italic > 0),
                    _ => {}
                }
            }
        }
    }
    out
}

#[derive(Debug)]
enum Tok {
    Text(String),
    /// A link's text and address.
    Link(String, String),
    /// A run of 1 to 3 asterisks that can open or close emphasis.
    Star(usize),
    Tag {
        name: String,
        close: bool,
    },
}

fn tokens(c: &[char]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    let flush = |buf: &mut String, out: &mut Vec<Tok>| {
        if !buf.is_empty() {
            out.push(Tok::Text(std::mem::take(buf)));
        }
    };
    while i < c.len() {
        match c[i] {
            '\\' if i + 1 < c.len() && "\\`*_{}[]()#+-.!<>|".contains(c[i + 1]) => {
                buf.push(c[i + 1]);
                i += 2;
            }
            '*' => {
                let start = i;
                while i < c.len() && c[i] == '*' {
                    i += 1;
                }
                let n = i - start;
                let before = start.checked_sub(1).map(|j| c[j]);
                let after = c.get(i).copied();
                let flanking = after.is_some_and(|a| !a.is_whitespace())
                    || before.is_some_and(|b| !b.is_whitespace());
                if n <= 3 && flanking {
                    flush(&mut buf, &mut out);
                    out.push(Tok::Star(n));
                } else {
                    buf.extend(&c[start..i]);
                }
            }
            '[' => {
                // [text](url) keeps its text; anything else stays as written.
                if let Some((text_end, link_end)) = link_at(c, i) {
                    flush(&mut buf, &mut out);
                    let text: String = c[i + 1..text_end].iter().collect();
                    let url: String = c[text_end + 2..link_end - 1].iter().collect();
                    out.push(Tok::Link(text, url.trim().to_string()));
                    i = link_end;
                } else {
                    buf.push('[');
                    i += 1;
                }
            }
            '<' => {
                if let Some((name, close, end)) = tag_at(c, i) {
                    flush(&mut buf, &mut out);
                    out.push(Tok::Tag { name, close });
                    i = end;
                } else {
                    buf.push('<');
                    i += 1;
                }
            }
            ch => {
                buf.push(ch);
                i += 1;
            }
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// `[text](url)` at `i`: the index of `]` and the index after `)`.
fn link_at(c: &[char], i: usize) -> Option<(usize, usize)> {
    let close = (i + 1..c.len()).find(|&j| c[j] == ']')?;
    if c.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..c.len()).find(|&j| c[j] == ')')?;
    Some((close, end + 1))
}

/// An HTML tag at `i`: its lower-case name, whether it closes, and the index after `>`.
fn tag_at(c: &[char], i: usize) -> Option<(String, bool, usize)> {
    let mut j = i + 1;
    let close = c.get(j) == Some(&'/');
    if close {
        j += 1;
    }
    let start = j;
    while j < c.len() && c[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == start || !c[start].is_ascii_alphabetic() {
        return None;
    }
    let name: String = c[start..j].iter().collect::<String>().to_ascii_lowercase();
    const KNOWN: &[&str] = &[
        "b", "strong", "i", "em", "u", "br", "sup", "sub", "span", "font", "p", "s", "mark",
        "small",
    ];
    if !KNOWN.contains(&name.as_str()) {
        return None;
    }
    let end = (j..c.len().min(j + 200)).find(|&k| c[k] == '>')?;
    Some((name, close, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &str) -> Vec<(String, bool, bool)> {
        parse(s)
            .runs
            .into_iter()
            .map(|r| (r.text, r.bold, r.italic))
            .collect()
    }

    #[test]
    fn markdown_bold_and_italic() {
        assert_eq!(
            runs("**Beslut:** Styrelsen *beslutar*"),
            [
                ("Beslut:".into(), true, false),
                (" Styrelsen ".into(), false, false),
                ("beslutar".into(), false, true)
            ]
        );
        assert_eq!(
            runs("***2024-04-08 14:03:56 UTC***"),
            [("2024-04-08 14:03:56 UTC".into(), true, true)]
        );
    }

    #[test]
    fn html_tags_from_exports() {
        assert_eq!(runs("<b>Organ</b>"), [("Organ".into(), true, false)]);
        assert_eq!(runs("<i>Vakant</i>"), [("Vakant".into(), false, true)]);
    }

    #[test]
    fn noise_and_escapes() {
        assert_eq!(parse("1. Upprop**").plain(), "1. Upprop");
        assert_eq!(
            parse("markerats med en asterisk (\\*)").plain(),
            "markerats med en asterisk (*)"
        );
        assert_eq!(
            parse("[Se publicerat bildspel](#)").plain(),
            "Se publicerat bildspel"
        );
        let t = parse("Fakta om Kalmar län [Bildspel 2](#)");
        assert_eq!(t.runs[1].text, "Bildspel 2");
        assert_eq!(t.runs[1].link.as_deref(), Some("#"));
        assert_eq!(t.runs[0].link, None);
        assert_eq!(parse("5 * 3 < 20").plain(), "5 * 3 < 20");
        assert_eq!(
            parse("IDENTIFIKATIONS-ID: \\_0923b").plain(),
            "IDENTIFIKATIONS-ID: _0923b"
        );
    }
}
