//! What the link check keeps of one HTML page, read once on the thread that rendered it
//! ([`PageLinks::read`]): its ids, and the links it cannot settle alone (an anchor on another page,
//! a path not planned), which wait for the check of the whole site (`output::links`).

use crate::markup::html;
use std::collections::HashSet;

/// Output paths known before rendering (relative, `/`-separated): a link to one of them works.
pub type Known<'a> = HashSet<&'a str>;

/// What the link check keeps of one HTML file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageLinks {
    /// Every `id` of the file.
    pub ids: Vec<Box<str>>,
    /// The `href`/`src` values not settled while reading (checked by [`check`]).
    pub pending: Vec<Box<str>>,
}

impl PageLinks {
    /// Reads the HTML file at `path` (relative to the output root): its ids, and its links, of
    /// which those that surely work (they leave the site, or reach a `known` path, with an anchor
    /// only on this same page and present in it) are dropped.
    pub fn read(path: &str, html: &str, known: &Known<'_>) -> PageLinks {
        let mut ids = Vec::new();
        let mut links = Vec::new();
        html::each_attribute(html, |name, value| match name {
            "id" => ids.push(value),
            "href" | "src" => links.push(value),
            _ => {}
        });
        let mut own: Option<HashSet<&str>> = None;
        let here = page_of(&format!("/{path}"));
        let mut file = String::new();
        let mut pending: Vec<&str> = links
            .into_iter()
            .filter(|href| {
                if let Some(found) = plain_target(href, &mut file) {
                    return !known.contains(found);
                }
                let own = own.get_or_insert_with(|| ids.iter().copied().collect());
                !settled(&here, href, known, own)
            })
            .collect();
        pending.sort_unstable();
        pending.dedup();
        let pending = pending.into_iter().map(Box::from).collect();
        PageLinks {
            ids: ids.into_iter().map(Box::from).collect(),
            pending,
        }
    }
}

/// Every `id` in the start tags of an HTML page.
pub fn ids(html: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    html::each_attribute(html, |name, value| {
        if name == "id" {
            ids.push(value);
        }
    });
    ids
}

/// The output file of a plain absolute link (`/a/b/` → `a/b/index.html`, `/style.css` →
/// `style.css`), made in `buf`; None for any link that needs [`resolve`]: one with a scheme, a
/// query, an anchor, an entity or a `.`/`..` segment.
fn plain_target<'b>(href: &str, buf: &'b mut String) -> Option<&'b str> {
    let rest = href.strip_prefix('/')?;
    if rest.starts_with('/') || rest.contains(['#', '?', '&', ':']) || href.contains("/.") {
        return None;
    }
    buf.clear();
    buf.push_str(rest);
    if rest.is_empty() || rest.ends_with('/') {
        buf.push_str("index.html");
    }
    Some(buf)
}

/// Whether `href` on the page at site path `here` surely works.
fn settled(here: &str, href: &str, known: &Known<'_>, own: &HashSet<&str>) -> bool {
    let href = html::decode(href);
    match resolve(here, &href) {
        Link::Leaves => true,
        Link::Outside => false,
        Link::To { file, frag } => {
            known.contains(relative(&file))
                && match frag {
                    Some(f) if !f.is_empty() => page_of(&file) == here && own.contains(f),
                    _ => true,
                }
        }
    }
}

/// Where a link goes.
pub(super) enum Link<'h> {
    /// Off the site (`https:`, `mailto:` …).
    Leaves,
    /// Above the site root.
    Outside,
    /// To the output file `file` (`/a/b/index.html`), maybe at an anchor.
    To {
        /// The output file.
        file: String,
        /// The anchor.
        frag: Option<&'h str>,
    },
}

/// Resolves a (decoded) `href` written on the page at site path `here`.
pub(super) fn resolve<'h>(here: &str, href: &'h str) -> Link<'h> {
    if href.contains(':') && !href.starts_with('/') && !href.starts_with('#') {
        return Link::Leaves;
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        Some(here.to_string())
    } else if path.starts_with('/') {
        normalize(path)
    } else {
        let base = &here[..here.rfind('/').map_or(0, |i| i + 1)];
        normalize(&format!("{base}{path}"))
    };
    match target {
        None => Link::Outside,
        Some(t) if t.ends_with('/') => Link::To {
            file: format!("{t}index.html"),
            frag,
        },
        Some(t) => Link::To { file: t, frag },
    }
}

/// "/a/b/index.html" → "a/b/index.html", as output paths are kept ("" stays "": no file has it).
pub(super) fn relative(file: &str) -> &str {
    file.strip_prefix('/').unwrap_or(file)
}

/// "/a/b/index.html" → "/a/b/".
pub(super) fn page_of(url: &str) -> String {
    url.strip_suffix("index.html")
        .map_or_else(|| url.to_string(), str::to_string)
}

/// Resolves `.` and `..`; None when the path climbs above the site root.
fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                // The first segment is the empty one before the leading slash: the root.
                if out.len() <= 1 {
                    return None;
                }
                out.pop();
            }
            "." => {}
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_page_keeps_only_the_links_it_cannot_settle_alone() {
        let known: Known = ["a/index.html", "b/index.html"].into_iter().collect();
        let html = r##"<h2 id="x">x</h2><a href="/b/">b</a> <a href="#x">x</a>
            <a href="../a/#x">x</a> <a href="#y">y</a> <a href="/b/#z">z</a> <a href="/c/">c</a>
            <a href="../../">out</a>
            <a href="mailto:a@b.se">m</a>"##;
        let page = PageLinks::read("a/index.html", html, &known);
        assert_eq!(page.ids, vec![Box::from("x")]);
        let pending: Vec<&str> = page.pending.iter().map(|s| &**s).collect();
        assert_eq!(pending, vec!["#y", "../../", "/b/#z", "/c/"]);
    }
}
