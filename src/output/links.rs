//! Checks every internal link and `#anchor` of the rendered output before it is swapped in. Each
//! HTML file is read once, on the thread that rendered it ([`PageLinks::read`]): its ids are kept,
//! and its links are settled there against the paths planned before rendering; only the few that
//! cannot be settled alone (an anchor on another page, a path not planned) wait for [`check`].

use super::pagelinks::{Link, ids, page_of, relative, resolve};
use crate::markup::html;
use crate::output::sink::{WrittenFile, slashed};
use crate::reading::diagnostic::{Diagnostic, did_you_mean};
use crate::reading::scan::SourceLink;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Why a link fails when its page does not exist.
pub const NO_SUCH_PAGE: &str = "no such page";

/// Why a link fails when it climbs above the site root.
pub const OUTSIDE: &str = "it points outside the site";

/// The pages of a rendered site and the ids on each, to check links against.
pub struct Targets<'a> {
    /// Every output path, relative (`a/b/index.html`).
    paths: HashSet<Cow<'a, str>>,
    /// Site path of each HTML page (`/a/b/`) → its ids (a list: only the few links to another
    /// page's anchor are looked up in it).
    ids: HashMap<String, Ids<'a>>,
}

/// The ids of a page.
pub type Ids<'a> = Vec<Cow<'a, str>>;

impl<'a> Targets<'a> {
    /// Collects the output paths and every `id` of every HTML file.
    pub fn new(files: &'a [WrittenFile]) -> Targets<'a> {
        let ids = files
            .iter()
            .filter_map(|f| {
                let page = f.html.as_ref()?;
                Some((
                    page_of(&format!("/{}", f.path)),
                    page.ids.iter().map(|s| Cow::Borrowed(&**s)).collect(),
                ))
            })
            .collect();
        Targets {
            paths: files
                .iter()
                .map(|f| Cow::Borrowed(f.path.as_str()))
                .collect(),
            ids,
        }
    }

    /// The same targets, owning their ids, to keep beyond the files (as `serve` does).
    pub fn into_owned(self) -> Targets<'static> {
        let owned = |x: Cow<'a, str>| Cow::Owned(x.into_owned());
        Targets {
            paths: self.paths.into_iter().map(owned).collect(),
            ids: self
                .ids
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().map(owned).collect()))
                .collect(),
        }
    }

    /// Records an output file (`a/b/index.html`) and, for HTML, its ids; returns the ids it
    /// had before, if it was a page.
    pub fn set(&mut self, path: &Path, html: Option<&str>) -> Option<Ids<'a>> {
        let rel = slashed(path);
        let page = page_of(&format!("/{rel}"));
        self.paths.insert(Cow::Owned(rel));
        let ids = ids(html?)
            .into_iter()
            .map(|x| Cow::Owned(x.to_string()))
            .collect();
        self.ids.insert(page, ids)
    }

    /// Puts back a file as [`Targets::set`] found it (its ids, if it was a page).
    pub fn restore(&mut self, path: &Path, ids: Option<Ids<'a>>) {
        let rel = slashed(path);
        if let Some(ids) = ids {
            self.ids.insert(page_of(&format!("/{rel}")), ids);
        }
        self.paths.insert(Cow::Owned(rel));
    }

    /// Forgets an output file.
    pub fn remove(&mut self, path: &Path) {
        let rel = slashed(path);
        self.ids.remove(&page_of(&format!("/{rel}")));
        self.paths.remove(rel.as_str());
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
        let href = html::decode(href);
        let (file, frag) = match resolve(here, &href) {
            Link::Leaves => return None,
            Link::Outside => return Some(OUTSIDE.to_string()),
            Link::To { file, frag } => (file, frag),
        };
        if !self.paths.contains(relative(&file)) {
            return Some(NO_SUCH_PAGE.to_string());
        }
        match frag {
            Some(f) if !f.is_empty() => {
                let page = page_of(&file);
                let known = self
                    .ids
                    .get(&page)
                    .is_some_and(|s| s.iter().any(|i| i == f));
                (!known).then(|| format!("no element with id \"{f}\""))
            }
            _ => None,
        }
    }
}

/// Returns one line per broken link, `page: link → why`, sorted: the links each file left pending.
pub fn check(files: &[WrittenFile], targets: &Targets<'_>) -> Vec<String> {
    let mut broken: Vec<String> = files
        .iter()
        .filter_map(|f| Some((f, f.html.as_ref()?)))
        .flat_map(|(f, page)| {
            let url = format!("/{}", f.path);
            let here = page_of(&url);
            page.pending.iter().filter_map(move |href| {
                targets
                    .check(&here, href)
                    .map(|why| format!("{url}: {href} → {why}"))
            })
        })
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// Checks the links found in the sources against the rendered site.
pub fn check_sources(links: &[SourceLink], targets: &Targets<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in links {
        let failure = l
            .pages
            .iter()
            .find_map(|page| targets.check(page, &l.url).map(|why| (page, why)));
        let Some((page, why)) = failure else {
            continue;
        };
        let mut message = format!("broken link \"{}\": {why}", l.url);
        if l.pages.len() > 1 && Some(page) != l.pages.first() {
            message.push_str(&format!(" (on {page})"));
        }
        let mut d = Diagnostic::error(&l.path, l.line, l.col, message);
        let wanted = l.url.split('#').next().unwrap_or("");
        if why == NO_SUCH_PAGE
            && wanted.starts_with('/')
            && let Some(h) = did_you_mean(wanted, targets.pages())
        {
            d = d.with_hint(h);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::OutFile;

    fn f(p: &str, s: &str) -> OutFile {
        (p.into(), s.as_bytes().to_vec())
    }

    #[test]
    fn a_link_above_the_root_points_outside_the_site() {
        let files = crate::output::sink::in_memory(&[f(
            "a/index.html",
            r#"<a href="../../etc/passwd">x</a>"#,
        )]);
        let t = Targets::new(&files);
        assert_eq!(t.check("/a/", "../../etc/passwd").as_deref(), Some(OUTSIDE));
        assert_eq!(t.check("/a/", "../a/"), None);
        assert_eq!(t.check("/a/", "/b/").as_deref(), Some(NO_SUCH_PAGE));
        // `/a/..` resolves to the empty path, which is no file (and no reason to panic).
        assert_eq!(t.check("/a/", "/a/..").as_deref(), Some(NO_SUCH_PAGE));
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            f(
                "index.html",
                concat!(
                    r##"<a href="/a/">a</a> <a href="/b/">b</a> <a href="/a/#x">x</a> "##,
                    r##"<a href="/a/#y">y</a> <a href="https://e.se/">e</a>"##
                ),
            ),
            f("a/index.html", r#"<h2 id="x">x</h2><a href="../">up</a>"#),
        ];
        let written = crate::output::sink::in_memory(&files);
        let broken = check(&written, &Targets::new(&written));
        assert_eq!(
            broken,
            vec![
                "/index.html: /a/#y → no element with id \"y\"".to_string(),
                "/index.html: /b/ → no such page".to_string(),
            ]
        );
    }
}
