//! The sanitizer: all HTML made from content (rendered Markdown with any raw HTML in it) passes
//! through ammonia with the allowlist below, so no script, event handler,
//! `javascript:`/`vbscript:`/`data:` URL, iframe, object or form reaches a page. [`audit`] finds
//! what it will remove, for warnings.

use crate::markup::html::{self, Markup};
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
    ("th", &["num"]),
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
    for m in html::markup(fragment) {
        let tag = match m {
            Markup::Declaration(at) => {
                out.push((at, "raw HTML declaration removed".to_string()));
                continue;
            }
            Markup::Start(t) => t,
        };
        let name = tag.name.to_ascii_lowercase();
        if REMOVED_WITH_CONTENT.contains(&name.as_str()) {
            out.push((
                tag.at,
                format!("raw HTML <{name}> removed with its content"),
            ));
        } else if !TAGS.contains(&name.as_str()) {
            out.push((
                tag.at,
                format!("raw HTML <{name}> is not allowed and is removed (its text is kept)"),
            ));
        } else {
            for a in tag.attributes() {
                let attr = a.name.to_ascii_lowercase();
                if let Some(why) = attribute_problem(&name, &attr, &html::decode(a.value)) {
                    out.push((a.at, why));
                }
            }
        }
    }
    out
}

/// The URLs a raw HTML fragment links to and the sanitizer keeps the attribute of (`<a href>`,
/// `<img src>`): (byte offset of the attribute in the fragment, URL).
pub fn links(fragment: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for tag in html::start_tags(fragment) {
        let wanted = if tag.is("a") {
            "href"
        } else if tag.is("img") {
            "src"
        } else {
            continue;
        };
        out.extend(
            tag.attributes()
                .filter(|a| a.name.eq_ignore_ascii_case(wanted))
                .map(|a| (a.at, html::decode(a.value).into_owned())),
        );
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
            links("<a href=\"&#106;avascript&#58;x\">"),
            vec![(3, "javascript:x".to_string())]
        );
    }

    #[test]
    fn audit_names_what_will_be_removed() {
        let a = audit(
            "<b onclick='x()'>b</b> <font color=red>f</font> <!-- <script> --> <a \
                href=\"javascript:x\">l</a> <script>y</script>",
        );
        let msgs: Vec<&str> = a.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "attribute onclick on <b> is removed",
                "raw HTML <font> is not allowed and is removed (its text is kept)",
                "the URL \"javascript:x\" is removed: only http, https, mailto, \
                    tel and site paths are allowed",
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
