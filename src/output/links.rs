//! Checks every internal link and `#anchor` of the rendered output before it is swapped in. Each
//! HTML file is read once, on the thread that rendered it ([`PageLinks::read`]): its ids are kept,
//! and its links are settled there against the paths planned before rendering; only the few that
//! cannot be settled alone (an anchor on another page, a path not planned) wait for [`check`].

use crate::output::OutFile;
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
    /// Reads the HTML file at `path` (relative to the output root): its ids, and its links, of which
    /// those that surely work (they leave the site, or reach a `known` path, with an anchor only
    /// on this same page and present in it) are dropped.
    pub fn read(path: &str, html: &str, known: &Known<'_>) -> PageLinks {
        let mut ids = Vec::new();
        let mut links = Vec::new();
        each_attribute(html, |name, value| match name {
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
    let href = decode_entities(href);
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
enum Link<'h> {
    /// Off the site (`https:`, `mailto:` …).
    Leaves,
    /// Above the site root.
    Outside,
    /// To the output file `file` (`/a/b/index.html`), maybe at an anchor.
    To { file: String, frag: Option<&'h str> },
}

/// Resolves a (decoded) `href` written on the page at site path `here`.
fn resolve<'h>(here: &str, href: &'h str) -> Link<'h> {
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
        let href = decode_entities(href);
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

/// [`check`] for some of a site's files held in memory (`serve`'s incremental rebuild), against
/// the targets of the whole site: every link is read and checked.
pub fn check_against(files: &[OutFile], targets: &Targets<'_>) -> Vec<String> {
    use rayon::prelude::*;
    let mut broken: Vec<String> = files
        .par_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|(p, b)| Some((format!("/{}", slashed(p)), std::str::from_utf8(b).ok()?)))
        .flat_map_iter(|(url, html)| {
            let here = page_of(&url);
            attributes(html)
                .into_iter()
                .filter(|(name, _)| matches!(*name, "href" | "src"))
                .filter_map(|(_, href)| {
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
pub fn ids(html: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    each_attribute(html, |name, value| {
        if name == "id" {
            ids.push(value);
        }
    });
    ids
}

/// [`check`] for files held in memory (tests, fuzzing): every link is read and checked.
pub fn check_files(files: &[OutFile]) -> Vec<String> {
    let written = crate::output::sink::in_memory(files);
    check(&written, &Targets::new(&written))
}

/// "/a/b/index.html" → "a/b/index.html", as output paths are kept ("" stays "": no file has it).
fn relative(file: &str) -> &str {
    file.strip_prefix('/').unwrap_or(file)
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

fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(decode_all(s))
}

fn decode_all(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

/// Every `name="value"` (or `name=value`) of the start tags of the HTML, in one pass. Only tags
/// are read, never text, so a text that shows HTML (`<code>&lt;a href="…"&gt;</code>`) is not
/// taken for a link.
fn attributes(html: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    each_attribute(html, |name, value| out.push((name, value)));
    out
}

/// Calls `f` with the name and value of every attribute of the start tags of the HTML (see
/// [`attributes`]). Bytes are searched with memchr and no iterator is built per tag: every page of
/// a build is read here.
fn each_attribute<'h>(html: &'h str, mut f: impl FnMut(&'h str, &'h str)) {
    for tag in tags(html) {
        let t = tag.as_bytes();
        let mut rest = 0;
        while let Some(i) = memchr::memchr(b'=', &t[rest..]) {
            let eq = rest + i;
            let (value, next) = if t.get(eq + 1) == Some(&b'"') {
                let from = eq + 2;
                let end = memchr::memchr(b'"', &t[from..]).map_or(t.len(), |j| from + j);
                (&tag[from..end], (end + 1).min(t.len()))
            } else {
                let from = eq + 1;
                let end = tag[from..]
                    .find(char::is_whitespace)
                    .map_or(t.len(), |j| from + j);
                (&tag[from..end], end)
            };
            f(last_word(&tag[rest..eq]), value);
            rest = next;
        }
    }
}

/// What stands after the last whitespace of `s` (an attribute's name before its `=`).
fn last_word(s: &str) -> &str {
    if s.is_ascii() {
        // The ASCII characters `char::is_whitespace` takes, vertical tab included.
        let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r');
        let start = s.bytes().rposition(|c| space(&c)).map_or(0, |i| i + 1);
        &s[start..]
    } else {
        s.rsplit(char::is_whitespace).next().unwrap_or("")
    }
}

/// The inside of every start tag (`<a href="/x/" id="y">` → `a href="/x/" id="y"`), quotes
/// respected. Bytes, not characters: `<`, `>` and `"` are ASCII, so every cut is at a character
/// boundary; memchr finds them, since a page is read whole on every build.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let bytes = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + memchr::memchr(b'<', &bytes[at..])? + 1;
            if !bytes.get(start).is_some_and(u8::is_ascii_alphabetic) {
                at = start;
                continue;
            }
            let mut end = start;
            loop {
                match memchr::memchr2(b'"', b'>', &bytes[end..]) {
                    None => {
                        end = bytes.len();
                        break;
                    }
                    Some(i) if bytes[end + i] == b'>' => {
                        end += i;
                        break;
                    }
                    Some(i) => {
                        // An opening quote: the tag goes on after the closing one.
                        let open = end + i + 1;
                        end = match memchr::memchr(b'"', &bytes[open..]) {
                            Some(j) => open + j + 1,
                            None => bytes.len(),
                        };
                    }
                }
            }
            at = end;
            return Some(&html[start..end]);
        }
    })
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

    fn attr_values<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        attributes(html)
            .into_iter()
            .filter(move |(a, _)| *a == name)
            .map(|(_, v)| v)
    }

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
    fn attributes_are_read_as_the_tags_write_them() {
        let html = "<a\u{a0}href=\"/x/\" data-x=y\x0Bid=z title=\"a > b\" src=\"open";
        assert_eq!(
            attributes(html),
            vec![
                ("href", "/x/"),
                ("data-x", "y"),
                ("id", "z"),
                ("title", "a > b"),
                ("src", "open")
            ]
        );
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
                r##"<a href="/a/">a</a> <a href="/b/">b</a> <a href="/a/#x">x</a> <a href="/a/#y">y</a> <a href="https://e.se/">e</a>"##,
            ),
            f("a/index.html", r#"<h2 id="x">x</h2><a href="../">up</a>"#),
        ];
        let broken = check_files(&files);
        assert_eq!(
            broken,
            vec![
                "/index.html: /a/#y → no element with id \"y\"".to_string(),
                "/index.html: /b/ → no such page".to_string(),
            ]
        );
    }

    #[test]
    fn reading_a_page_keeps_only_the_links_it_cannot_settle_alone() {
        let known: Known = ["a/index.html", "b/index.html"].into_iter().collect();
        let html = r##"<h2 id="x">x</h2><a href="/b/">b</a> <a href="#x">x</a> <a href="../a/#x">x</a>
            <a href="#y">y</a> <a href="/b/#z">z</a> <a href="/c/">c</a> <a href="../../">out</a>
            <a href="mailto:a@b.se">m</a>"##;
        let page = PageLinks::read("a/index.html", html, &known);
        assert_eq!(page.ids, vec![Box::from("x")]);
        let pending: Vec<&str> = page.pending.iter().map(|s| &**s).collect();
        assert_eq!(pending, vec!["#y", "../../", "/b/#z", "/c/"]);
    }
}
