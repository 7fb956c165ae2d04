//! Checks every internal link and `#anchor` of the rendered output before anything is written.

use crate::output::OutFile;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Why a link fails when its page does not exist.
pub const NO_SUCH_PAGE: &str = "no such page";

/// Why a link fails when it climbs above the site root.
pub const OUTSIDE: &str = "it points outside the site";

/// The pages of a rendered site and the ids on each, to check links against.
pub struct Targets<'a> {
    paths: HashSet<String>,
    ids: HashMap<String, HashSet<Cow<'a, str>>>,
}

impl<'a> Targets<'a> {
    /// Collects the output paths and every `id` of every HTML file.
    pub fn new(files: &'a [OutFile]) -> Targets<'a> {
        let mut ids = HashMap::new();
        for (p, b) in files {
            if p.extension().is_some_and(|e| e == "html")
                && let Ok(html) = std::str::from_utf8(b)
            {
                ids.insert(
                    page_of(&url_of(p)),
                    attr_values(html, "id").map(Cow::Borrowed).collect(),
                );
            }
        }
        Targets {
            paths: files.iter().map(|(p, _)| url_of(p)).collect(),
            ids,
        }
    }

    /// The same targets, owning their ids, to keep beyond the files (as `serve` does).
    pub fn into_owned(self) -> Targets<'static> {
        Targets {
            paths: self.paths,
            ids: self
                .ids
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        v.into_iter().map(|x| Cow::Owned(x.into_owned())).collect(),
                    )
                })
                .collect(),
        }
    }

    /// Records an output file (`a/b/index.html`) and, for HTML, its ids; returns the ids it
    /// had before, if it was a page.
    pub fn set(&mut self, path: &Path, html: Option<&str>) -> Option<HashSet<Cow<'a, str>>> {
        let url = url_of(path);
        let page = page_of(&url);
        self.paths.insert(url);
        let ids = attr_values(html?, "id")
            .map(|x| Cow::Owned(x.to_string()))
            .collect();
        self.ids.insert(page, ids)
    }

    /// Puts back a file as [`Targets::set`] found it (its ids, if it was a page).
    pub fn restore(&mut self, path: &Path, ids: Option<HashSet<Cow<'a, str>>>) {
        let url = url_of(path);
        if let Some(ids) = ids {
            self.ids.insert(page_of(&url), ids);
        }
        self.paths.insert(url);
    }

    /// Forgets an output file.
    pub fn remove(&mut self, path: &Path) {
        let url = url_of(path);
        self.ids.remove(&page_of(&url));
        self.paths.remove(&url);
    }

    /// The site path of every page (`/a/b/` for `a/b/index.html`), sorted.
    pub fn pages(&self) -> impl Iterator<Item = &str> {
        let mut v: Vec<&str> = self.ids.keys().map(String::as_str).collect();
        v.sort_unstable();
        v.into_iter()
    }

    /// Why `href`, written on the page at site path `here`, is broken; None when it works or leaves
    /// the site.
    pub fn check(&self, here: &str, href: &str) -> Option<String> {
        let href = decode_entities(href);
        if href.contains(':') && !href.starts_with('/') && !href.starts_with('#') {
            return None; // https:, mailto:, tel: … leave the site
        }
        let (path, frag) = match href.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (href.as_str(), None),
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
        let Some(target) = target else {
            return Some(OUTSIDE.to_string());
        };
        let file = if target.ends_with('/') {
            format!("{target}index.html")
        } else {
            target.clone()
        };
        if !self.paths.contains(&file) {
            return Some(NO_SUCH_PAGE.to_string());
        }
        match frag {
            Some(f) if !f.is_empty() => {
                let page = page_of(&file);
                let known = self.ids.get(&page).is_some_and(|s| s.contains(f));
                (!known).then(|| format!("no element with id \"{f}\""))
            }
            _ => None,
        }
    }
}

/// Returns one line per broken link: `page: link → why`.
pub fn check(files: &[OutFile]) -> Vec<String> {
    check_against(files, &Targets::new(files))
}

/// [`check`] for some of a site's files, against the targets of the whole site.
pub fn check_against(files: &[OutFile], targets: &Targets<'_>) -> Vec<String> {
    use rayon::prelude::*;
    // Pages are checked in parallel; the result is sorted below, so the order does not depend on it.
    let mut broken: Vec<String> = files
        .par_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|(p, b)| Some((url_of(p), std::str::from_utf8(b).ok()?)))
        .flat_map_iter(|(url, html)| {
            let here = page_of(&url).to_string();
            attr_values(html, "href")
                .chain(attr_values(html, "src"))
                .filter_map(move |href| {
                    targets
                        .check(&here, href)
                        .map(|why| format!("{url}: {href} → {why}"))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// Every `id` in the start tags of an HTML page.
pub fn ids(html: &str) -> impl Iterator<Item = &str> {
    attr_values(html, "id")
}

/// "a/b/index.html" → "/a/b/index.html".
fn url_of(p: &Path) -> String {
    format!("/{}", p.to_string_lossy().replace('\\', "/"))
}

/// "/a/b/index.html" → "/a/b/".
fn page_of(url: &str) -> String {
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

fn decode_entities(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

/// Every value of `name="…"` in the HTML.
/// Every value of `name="…"` in the start tags of the HTML. Only tags are read, never text, so a
/// text that shows HTML (`<code>&lt;a href="…"&gt;</code>`) is not taken for a link.
fn attr_values<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    tags(html).flat_map(move |tag| {
        let mut rest = tag;
        std::iter::from_fn(move || {
            loop {
                let i = rest.find('=')?;
                let before = &rest[..i];
                let after = &rest[i + 1..];
                let (value, next) = match after.strip_prefix('"') {
                    Some(v) => {
                        let end = v.find('"').unwrap_or(v.len());
                        (&v[..end], &v[(end + 1).min(v.len())..])
                    }
                    None => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                rest = next;
                let attr = before.rsplit(char::is_whitespace).next().unwrap_or("");
                if attr == name {
                    return Some(value);
                }
            }
        })
    })
}

/// The inside of every start tag (`<a href="/x/" id="y">` → `a href="/x/" id="y"`), quotes respected.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let i = rest.find('<')?;
            let after = &rest[i + 1..];
            if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
                rest = after;
                continue;
            }
            let mut quote = false;
            let end = after
                .char_indices()
                .find(|&(_, c)| {
                    if c == '"' {
                        quote = !quote;
                    }
                    c == '>' && !quote
                })
                .map_or(after.len(), |(j, _)| j);
            rest = &after[end..];
            return Some(&after[..end]);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: &str, s: &str) -> OutFile {
        (p.into(), s.as_bytes().to_vec())
    }

    #[test]
    fn only_attributes_of_tags_count_never_text() {
        let html = r#"<p title="a > b" id="x">Skriv <code>&lt;a href="/nej/"&gt;</code> <a class="c" href="/ja/">ja</a></p>"#;
        assert_eq!(attr_values(html, "href").collect::<Vec<_>>(), vec!["/ja/"]);
        assert_eq!(attr_values(html, "id").collect::<Vec<_>>(), vec!["x"]);
    }

    #[test]
    fn a_link_above_the_root_points_outside_the_site() {
        let files = vec![f("a/index.html", r#"<a href="../../etc/passwd">x</a>"#)];
        let t = Targets::new(&files);
        assert_eq!(t.check("/a/", "../../etc/passwd").as_deref(), Some(OUTSIDE));
        assert_eq!(t.check("/a/", "../a/"), None);
        assert_eq!(t.check("/a/", "/b/").as_deref(), Some(NO_SUCH_PAGE));
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            f(
                "index.html",
                r##"<a href="/a/">a</a> <a href="/b/">b</a> <a href="/a/#x">x</a> <a href="/a/#y">y</a> <a href="https://e.se/">e</a>"##,
            ),
            f("a/index.html", r#"<h2 id="x">x</h2><a href="../">up</a>"#),
        ];
        let broken = check(&files);
        assert_eq!(
            broken,
            vec![
                "/index.html: /a/#y → no element with id \"y\"".to_string(),
                "/index.html: /b/ → no such page".to_string(),
            ]
        );
    }
}
