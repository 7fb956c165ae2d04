//! The sanitizer: all HTML made from content (rendered Markdown with any raw HTML in it) passes through
//! ammonia with the allowlist below, so no script, event handler, `javascript:`/`vbscript:`/`data:`
//! URL, iframe, object or form reaches a page. [`audit`] finds what it will remove, for warnings.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Elements content may use: text-level markup, lists, tables, quotes, links and images.
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// Elements removed together with everything inside them.
pub const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Attributes allowed on every element.
const GENERIC_ATTRIBUTES: &[&str] = &["id", "lang", "title"];

/// Attributes allowed on some elements. `href` and `src` are URLs and are checked by scheme.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("img", &["src", "alt", "width", "height"]),
    ("div", &["tabindex", "role", "aria-label"]),
    ("ol", &["start"]),
    ("th", &["scope", "colspan", "rowspan"]),
    ("td", &["colspan", "rowspan"]),
];

/// Class names the renderer itself gives (tables, footnotes); no others pass.
const CLASSES: &[(&str, &[&str])] = &[
    ("div", &["table-wrap", "footnote-definition"]),
    ("sup", &["footnote-reference", "footnote-definition-label"]),
    ("td", &["num"]),
];

/// URL schemes a link or image may use; relative URLs and site paths are always allowed.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let set = |list: &[&'static str]| list.iter().copied().collect::<HashSet<_>>();
    let map = |list: &[(&'static str, &[&'static str])]| {
        list.iter()
            .map(|(t, a)| (*t, set(a)))
            .collect::<HashMap<_, _>>()
    };
    let mut b = ammonia::Builder::empty();
    b.tags(set(TAGS))
        .clean_content_tags(set(REMOVED_WITH_CONTENT))
        .generic_attributes(set(GENERIC_ATTRIBUTES))
        .tag_attributes(map(TAG_ATTRIBUTES))
        .allowed_classes(map(CLASSES))
        .url_schemes(set(URL_SCHEMES))
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true);
    b
});

/// Sanitizes an HTML fragment.
pub fn clean(html: &str) -> String {
    POLICY.clean(html).to_string()
}

/// Whether a URL may stay: a relative URL, a site path, a fragment, or an allowed scheme.
pub fn url_allowed(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => URL_SCHEMES.contains(&s.as_str()),
    }
}

/// The scheme of a URL, lower case, as a browser would read it (whitespace and control characters
/// dropped); None for a relative URL.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    (cleaned[end..].starts_with(':')).then(|| cleaned[..end].to_lowercase())
}

/// What the sanitizer will remove from a raw HTML fragment: (byte offset in the fragment, message).
/// An approximation for warnings only; [`clean`] is what makes the output safe.
pub fn audit(fragment: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let b = fragment.as_bytes();
    let mut i = 0;
    while let Some(rel) = fragment[i..].find('<') {
        let at = i + rel;
        let rest = &fragment[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(fragment.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("</") || rest.starts_with("<!") || rest.starts_with("<?") {
            if !rest.starts_with("</") {
                out.push((at, "raw HTML declaration removed".to_string()));
            }
            i = rest.find('>').map_or(fragment.len(), |e| at + e + 1);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len() - 1);
        if name_len == 0 || !b[at + 1].is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }
        let tag = rest[1..1 + name_len].to_ascii_lowercase();
        let (end, attrs) = attributes(fragment, at + 1 + name_len);
        if REMOVED_WITH_CONTENT.contains(&tag.as_str()) {
            out.push((at, format!("raw HTML <{tag}> removed with its content")));
        } else if !TAGS.contains(&tag.as_str()) {
            out.push((
                at,
                format!("raw HTML <{tag}> is not allowed and is removed (its text is kept)"),
            ));
        } else {
            for (pos, name, value) in attrs {
                if let Some(why) = attribute_problem(&tag, &name, &value) {
                    out.push((pos, why));
                }
            }
        }
        i = end;
    }
    out
}

/// The URLs a raw HTML fragment links to and the sanitizer keeps the attribute of (`<a href>`,
/// `<img src>`): (byte offset of the attribute in the fragment, URL).
pub fn links(fragment: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(rel) = fragment[i..].find('<') {
        let at = i + rel;
        let rest = &fragment[at + 1..];
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let tag = rest[..name_len].to_ascii_lowercase();
        let (end, attrs) = attributes(fragment, at + 1 + name_len);
        let wanted = match tag.as_str() {
            "a" => "href",
            "img" => "src",
            _ => "",
        };
        out.extend(
            attrs
                .into_iter()
                .filter(|(_, n, _)| n == wanted)
                .map(|(pos, _, v)| (pos, v)),
        );
        i = end.max(at + 1);
    }
    out
}

fn attribute_problem(tag: &str, name: &str, value: &str) -> Option<String> {
    let allowed = GENERIC_ATTRIBUTES.contains(&name)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, a)| *t == tag && a.contains(&name));
    if name == "class" {
        let ok = CLASSES
            .iter()
            .any(|(t, c)| *t == tag && value.split_whitespace().all(|v| c.contains(&v)));
        return (!ok).then(|| format!("attribute class=\"{value}\" on <{tag}> is removed"));
    }
    if !allowed {
        return Some(format!("attribute {name} on <{tag}> is removed"));
    }
    if (name == "href" || name == "src") && !url_allowed(value) {
        return Some(format!(
            "the URL \"{value}\" is removed: only {} and site paths are allowed",
            URL_SCHEMES.join(", ")
        ));
    }
    None
}

/// Decodes character references as a browser does in an attribute value: `&#106;`, `&#x6A;` (the `;`
/// may be missing), and the named ones that matter in URLs.
pub fn decode_entities(v: &str) -> String {
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
    ];
    let mut out = String::new();
    let mut rest = v;
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
    out
}

/// Reads the attributes of a start tag from `i` (just after its name) to its `>`; returns the
/// offset after the tag and (offset, lower-case name, value) of each attribute.
fn attributes(s: &str, mut i: usize) -> (usize, Vec<(usize, String, String)>) {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (i, attrs);
        }
        if b[i] == b'>' {
            return (i + 1, attrs);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        // A name is at least one byte; `=` alone starts one, as in browsers.
        if i == start {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let (v, next) = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = s[j + 1..].find(q as char).map_or(s.len(), |e| j + 1 + e);
                    (&s[j + 1..close], (close + 1).min(s.len()))
                }
                _ => {
                    let e = s[j..]
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .map_or(s.len(), |e| j + e);
                    (&s[j..e], e)
                }
            };
            value = decode_entities(v);
            i = next;
        }
        attrs.push((start, name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_safe_subset_and_drops_the_rest() {
        assert_eq!(
            clean("<p>a <b>b</b> <sup>2</sup><br></p>"),
            "<p>a <b>b</b> <sup>2</sup><br></p>"
        );
        assert_eq!(clean("<script>alert(1)</script>x"), "x");
        assert_eq!(clean("<img src=x onerror=alert(1)>"), "<img src=\"x\">");
        assert_eq!(clean("<a href=\"javascript:alert(1)\">x</a>"), "<a>x</a>");
        assert_eq!(
            clean("<a href=\"/styrelsen/\" onclick=\"x()\">s</a>"),
            "<a href=\"/styrelsen/\">s</a>"
        );
        assert_eq!(
            clean("<iframe src=\"https://e.se\"></iframe><form action=\"/x\"><input></form>"),
            ""
        );
        assert_eq!(clean("<td class=\"num evil\">"), "");
        assert_eq!(
            clean("<table><tr><td class=\"num\">1</td></tr></table>"),
            "<table><tbody><tr><td class=\"num\">1</td></tr></tbody></table>"
        );
    }

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(
            scheme(" Java\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("/a:b/"), None);
        assert_eq!(scheme("#x:y"), None);
        assert!(url_allowed("https://e.se/"));
        assert!(!url_allowed("data:text/html,x"));
        assert!(!url_allowed("vbscript:x"));
    }

    #[test]
    fn attribute_values_are_decoded_like_a_browser_does() {
        assert_eq!(
            decode_entities("&#106;&#x61;&#0000118a&colon;x&amp;y&bogus;"),
            "java:x&y&bogus;"
        );
        assert_eq!(
            links("<a href=\"&#106;avascript&#58;x\">"),
            vec![(3, "javascript:x".to_string())]
        );
    }

    #[test]
    fn audit_names_what_will_be_removed() {
        let a = audit(
            "<b onclick='x()'>b</b> <font color=red>f</font> <!-- <script> --> <a href=\"javascript:x\">l</a> <script>y</script>",
        );
        let msgs: Vec<&str> = a.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "attribute onclick on <b> is removed",
                "raw HTML <font> is not allowed and is removed (its text is kept)",
                "the URL \"javascript:x\" is removed: only http, https, mailto, tel and site paths are allowed",
                "raw HTML <script> removed with its content",
            ]
        );
        assert_eq!(a[0].0, 3);
        assert!(audit("<b>ok</b> <a href=\"/x/\">x</a> 3 < 4").is_empty());
        assert_eq!(
            links("<a title='t' href=\"/x/\">x</a><img src=y.png><b href=z>"),
            vec![(13, "/x/".to_string()), (34, "y.png".to_string())]
        );
    }
}
