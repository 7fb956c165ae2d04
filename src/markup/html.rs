//! The one reader of HTML tags in the code base: start tags and their attributes as a browser reads
//! them (double-quoted, single-quoted and unquoted values, spaces around `=`, a bare `=` starting a
//! name), comments and the text of `<script>` and `<style>` skipped, and character references
//! decoded as in attribute values. The sanitizer's audit and the link check of every page (in a
//! build and in `serve`'s preview) read HTML through it, so they cannot disagree on what a page
//! links to; `protokoll search` decodes its snippets with it. `escape` is the one HTML escaper
//! (tera's escape function, charts, serve's error page).

use std::borrow::Cow;

/// What the reader meets in the markup, in document order (text and end tags are passed over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup<'h> {
    /// A start tag.
    Start(StartTag<'h>),
    /// A declaration or processing instruction (`<!DOCTYPE …>`, `<![CDATA[…]]>`, `<?xml …?>`):
    /// its byte offset.
    Declaration(usize),
}

/// A start tag: `<a href="/x/" id=y>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartTag<'h> {
    /// The tag name as written (compare with `eq_ignore_ascii_case`).
    pub name: &'h str,
    /// Byte offset of its `<`.
    pub at: usize,
    /// Byte offset just after its `>` (the end of the input if it has none).
    pub end: usize,
    /// The attributes' text: from after the name to the `>`.
    attrs: &'h str,
    /// Byte offset of `attrs`.
    attrs_at: usize,
}

/// One attribute of a start tag; the value is as written (see [`decode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'h> {
    /// The name as written.
    pub name: &'h str,
    /// The value as written, without its quotes; empty for a bare attribute.
    pub value: &'h str,
    /// Byte offset of the name in the whole input.
    pub at: usize,
    /// Byte offset of the value (after its opening quote) in the whole input.
    pub value_at: usize,
}

impl<'h> StartTag<'h> {
    /// Its attributes, in order.
    pub fn attributes(self) -> impl Iterator<Item = Attribute<'h>> + 'h {
        let (text, base) = (self.attrs, self.attrs_at);
        let mut i = 0;
        std::iter::from_fn(move || {
            let (a, next) = next_attribute(text, i)?;
            i = next;
            Some(Attribute {
                at: base + a.at,
                value_at: base + a.value_at,
                ..a
            })
        })
    }

    /// Whether its name is `name` (ASCII case ignored).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

/// Every start tag and declaration of `html`, in order.
pub fn markup(html: &str) -> impl Iterator<Item = Markup<'_>> {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let lt = at + memchr::memchr(b'<', &bytes[at..])?;
            let rest = &bytes[lt + 1..];
            match rest.first() {
                Some(b'!') if rest.starts_with(b"!--") => {
                    at = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |e| e + 3);
                }
                Some(b'!' | b'?') => {
                    at = after(bytes, lt, b'>');
                    return Some(Markup::Declaration(lt));
                }
                Some(b'/') => at = after(bytes, lt, b'>'),
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = lt
                        + 1
                        + rest
                            .iter()
                            .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                            .unwrap_or(rest.len());
                    let attrs_text = &html[name_end..];
                    let mut i = 0;
                    while let Some((_, next)) = next_attribute(attrs_text, i) {
                        i = next;
                    }
                    // `i` stands on the `>` or at the end.
                    let close = name_end + i;
                    let tag = StartTag {
                        name: &html[lt + 1..name_end],
                        at: lt,
                        end: (close + 1).min(bytes.len()),
                        attrs: &html[name_end..close],
                        attrs_at: name_end,
                    };
                    at = tag.end;
                    // The text of a raw-text element holds no tags.
                    if tag.is("script") || tag.is("style") {
                        let closing = if tag.is("script") {
                            "</script"
                        } else {
                            "</style"
                        };
                        at = find_ignore_case(bytes, at, closing.as_bytes()).unwrap_or(bytes.len());
                    }
                    return Some(Markup::Start(tag));
                }
                _ => at = lt + 1,
            }
        }
    })
}

/// Every start tag of `html`, in order.
pub fn start_tags(html: &str) -> impl Iterator<Item = StartTag<'_>> {
    markup(html).filter_map(|m| match m {
        Markup::Start(t) => Some(t),
        Markup::Declaration(_) => None,
    })
}

/// Calls `f` with the name and raw value of every attribute of every start tag of `html`.
pub fn each_attribute<'h>(html: &'h str, mut f: impl FnMut(&'h str, &'h str)) {
    for tag in start_tags(html) {
        for a in tag.attributes() {
            f(a.name, a.value);
        }
    }
}

/// Reads the attribute that starts at or after `i` in `text` (the inside of a tag after its
/// name); None at the tag's `>` or the end. Returns the attribute (offset relative to `text`)
/// and where the next one may start.
fn next_attribute(text: &str, mut i: usize) -> Option<(Attribute<'_>, usize)> {
    let b = text.as_bytes();
    while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
        i += 1;
    }
    if i >= b.len() || b[i] == b'>' {
        return None;
    }
    let start = i;
    // A name is at least one byte: a bare `=` starts one, as in browsers.
    i += 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
        i += 1;
    }
    let name = &text[start..i];
    let mut j = i;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if j >= b.len() || b[j] != b'=' {
        let attr = Attribute {
            name,
            value: "",
            at: start,
            value_at: i,
        };
        return Some((attr, i));
    }
    j += 1;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    let (value_at, value, next) = match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => {
            let close = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e);
            (j + 1, &text[j + 1..close], (close + 1).min(b.len()))
        }
        _ => {
            let e = b[j..]
                .iter()
                .position(|c| c.is_ascii_whitespace() || *c == b'>')
                .map_or(b.len(), |e| j + e);
            (j, &text[j..e], e)
        }
    };
    let attr = Attribute {
        name,
        value,
        at: start,
        value_at,
    };
    Some((attr, next))
}

/// The offset just after the first `byte` at or after `from` (the end if there is none).
fn after(bytes: &[u8], from: usize, byte: u8) -> usize {
    memchr::memchr(byte, &bytes[from..]).map_or(bytes.len(), |i| from + i + 1)
}

/// The offset of the first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..], needle).map(|i| from + i)
}

/// The offset of the first `needle` (lower-case ASCII) at or after `from`, ASCII case ignored.
fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let i = at + memchr::memchr(b'<', &bytes[at..])?;
        let candidate = bytes.get(i..i + needle.len())?;
        if candidate.eq_ignore_ascii_case(needle) {
            return Some(i);
        }
        at = i + 1;
    }
}

/// Decodes the character references of an attribute value as a browser does: `&#106;`, `&#x6A;`
/// (the `;` may be missing) and the named ones that matter in URLs and in what templates escape.
pub fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    const NAMED: &[(&str, char)] = &[
        ("colon", ':'),
        ("tab", '\t'),
        ("newline", '\n'),
        ("amp", '&'),
        ("quot", '"'),
        ("apos", '\''),
        ("lt", '<'),
        ("gt", '>'),
        ("sol", '/'),
        ("lpar", '('),
        ("rpar", ')'),
        ("num", '#'),
        ("nbsp", '\u{a0}'),
    ];
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        if let Some(num) = rest.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            let code = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
            if let Some(c) = code.and_then(char::from_u32).filter(|_| len > 0) {
                out.push(c);
                let after = &digits[len..];
                rest = after.strip_prefix(';').unwrap_or(after);
                continue;
            }
        } else if let Some((name, c)) = NAMED.iter().find(|(n, _)| {
            rest.get(..n.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(n))
        }) {
            let after = &rest[name.len()..];
            out.push(*c);
            rest = after.strip_prefix(';').unwrap_or(after);
            continue;
        }
        out.push('&');
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Escapes the five characters that matter in HTML text and attribute values. They are ASCII, so
/// the text is read as bytes and copied in runs (tera calls this for every value it prints).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(html: &str) -> Vec<(String, String, String)> {
        start_tags(html)
            .flat_map(|t| {
                t.attributes()
                    .map(move |a| (t.name.to_string(), a.name.to_string(), a.value.to_string()))
            })
            .collect()
    }

    #[test]
    fn values_are_read_in_every_quoting() {
        let got = attrs(r#"<a href="/a/" id='b' class = c data-x=d>t</a><img src = "/i.png" alt>"#);
        let want = [
            ("a", "href", "/a/"),
            ("a", "id", "b"),
            ("a", "class", "c"),
            ("a", "data-x", "d"),
            ("img", "src", "/i.png"),
            ("img", "alt", ""),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(t, n, v)| (t.to_string(), n.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn quotes_hide_a_closing_bracket_and_text_is_never_a_tag() {
        let html = r#"<a title='x > y' href="/a/">&lt;a href="/no/"&gt;</a>"#;
        assert_eq!(
            attrs(html),
            vec![
                ("a".into(), "title".into(), "x > y".into()),
                ("a".into(), "href".into(), "/a/".into())
            ]
        );
    }

    #[test]
    fn comments_script_and_style_hold_no_tags() {
        let html = "<!-- <a href=\"/c/\"> --><script>let s = '<a href=\"/s/\">';</script>\
                    <STYLE>a<b{}</STYLE><p id=x><!DOCTYPE html>";
        let tags: Vec<&str> = start_tags(html).map(|t| t.name).collect();
        assert_eq!(tags, ["script", "STYLE", "p"]);
        let declarations = markup(html)
            .filter(|m| matches!(m, Markup::Declaration(_)))
            .count();
        assert_eq!(declarations, 1);
    }

    #[test]
    fn offsets_point_into_the_input() {
        let html = "x <a  href='/a/'>";
        let t = start_tags(html).next().unwrap();
        assert_eq!((t.at, t.end), (2, html.len()));
        let a = t.attributes().next().unwrap();
        assert_eq!(&html[a.at..a.at + 4], "href");
        assert_eq!(&html[a.value_at..a.value_at + 3], "/a/");
    }

    #[test]
    fn references_decode_as_in_attributes() {
        assert_eq!(
            decode("&#106;&#x61;&#0000118a&colon;x&amp;y&bogus;"),
            "java:x&y&bogus;"
        );
        assert_eq!(decode("/a/?b=1&#x2F;&quot;&#39;"), "/a/?b=1/\"'");
        assert!(matches!(decode("/plain/"), Cow::Borrowed(_)));
    }
}
