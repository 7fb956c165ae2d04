//! A fast path for the commonest Markdown of a protokoll: paragraphs of plain prose with nothing
//! that Markdown or HTML would read as syntax. Such text becomes `<p>…</p>` exactly as
//! pulldown-cmark renders it, without setting up a parser for every one of the tens of thousands of
//! small sections a large archive has.

/// Whether `md` is plain prose: no Markdown or HTML syntax, no character the HTML must escape, no
/// indentation or line that could open a block (list, quote, heading, rule, code).
pub fn is_plain(md: &str) -> bool {
    let special = |c: char| {
        matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~' | '"' | '\0'
        ) || (c.is_whitespace() && c != ' ' && c != '\n')
    };
    if md.contains(special) {
        return false;
    }
    md.split('\n').all(|line| {
        if line.bytes().all(|b| b == b' ') {
            return true; // blank: separates paragraphs
        }
        let b = line.as_bytes();
        let digits = b.iter().take_while(|x| x.is_ascii_digit()).count();
        !matches!(b[0], b' ' | b'-' | b'+' | b'=')
            && b[b.len() - 1] != b' '
            && !(digits > 0 && matches!(b.get(digits), Some(b'.' | b')')))
    })
}

/// The HTML of plain prose (see [`is_plain`]): one `<p>` per run of non-blank lines.
pub fn html(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 16);
    let mut open = false;
    for line in md.split('\n') {
        if line.bytes().all(|b| b == b' ') {
            if open {
                out.push_str("</p>\n");
                open = false;
            }
        } else {
            out.push_str(if open { "\n" } else { "<p>" });
            out.push_str(line);
            open = true;
        }
    }
    if open {
        out.push_str("</p>\n");
    }
    out
}

/// The plain text of plain prose: its words separated by single spaces.
pub fn text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for w in md.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser, html::push_html};

    fn cmark(md: &str) -> String {
        let mut s = String::new();
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        push_html(&mut s, Parser::new_ext(md, opts));
        s
    }

    #[test]
    fn plain_prose_renders_as_pulldown_cmark_does() {
        let cases = [
            "Styrelsen tar informationen till protokollet.\n",
            "Rad ett\nrad två.\n\n\n   \nAndra stycket, 2023/07 – klart. 50 % (tkr) 'x' = 3!\n",
            "Öppnar mötet.",
            "\n\nText efter tomma rader.\n\n",
        ];
        for md in cases {
            assert!(is_plain(md), "{md:?}");
            assert_eq!(html(md), cmark(md), "{md:?}");
        }
    }

    #[test]
    fn anything_that_could_be_syntax_takes_the_full_parser() {
        for md in [
            "- lista",
            "1. lista",
            "2) lista",
            "# Rubrik",
            "a *b*",
            "a\n===",
            "a\n---",
            "    kod",
            " indrag",
            "rad  \nbrytning",
            "a & b",
            "\"citat\"",
            "a|b",
            "~~x~~",
            "[^1]",
            "a\\\nb",
            "tab\there",
            "nbsp\u{a0}",
            "<b>",
            "> citat",
            "+ lista",
            "`kod`",
            "a_b_",
        ] {
            assert!(!is_plain(md), "{md:?}");
        }
    }

    /// Every paragraph of the real content that takes the fast path renders exactly as before.
    #[test]
    fn the_fast_path_agrees_with_pulldown_cmark_on_the_seed_documents() {
        let mut checked = 0;
        for e in walkdir::WalkDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/content")) {
            let e = e.unwrap();
            if e.path().extension().is_none_or(|x| x != "md") {
                continue;
            }
            let text = std::fs::read_to_string(e.path()).unwrap();
            let body = text.rsplit("\n+++\n").next().unwrap();
            // Every section between headings, as the body parser hands them to the renderer.
            let sections = body
                .split("\n#")
                .map(|s| s.split_once('\n').map_or("", |(_heading, rest)| rest));
            let paragraphs = body.split("\n\n");
            for section in sections.chain(paragraphs) {
                if is_plain(section) {
                    assert_eq!(
                        html(section),
                        cmark(section),
                        "{}: {section:?}",
                        e.path().display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} plain sections in content/");
    }
}
