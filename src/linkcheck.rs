//! Checks every internal link and `#anchor` of the rendered output before anything is written.

use crate::output::OutFile;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What links may point at: every output file, every page (a folder with `index.html`) and its ids.
struct Targets<'a> {
    files: HashSet<String>,
    ids: HashMap<String, HashSet<&'a str>>,
}

/// Returns one line per broken link: `page: link → why`.
pub fn check(files: &[OutFile]) -> Vec<String> {
    let htmls: Vec<(String, &str)> = files
        .par_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|(p, b)| Some((url_of(p), std::str::from_utf8(b).ok()?)))
        .collect();
    let ids = htmls
        .par_iter()
        .map(|(url, html)| (page_of(url).to_string(), attr_values(html, "id").collect()))
        .collect();
    let mut paths: HashSet<String> = files.iter().map(|(p, _)| url_of(p)).collect();
    // A page is also reachable by its folder: "/a/b/" for "/a/b/index.html".
    paths.extend(
        paths
            .iter()
            .filter_map(|u| u.strip_suffix("index.html"))
            .map(str::to_string)
            .collect::<Vec<_>>(),
    );
    let targets = Targets { files: paths, ids };
    let mut broken: Vec<String> = htmls
        .par_iter()
        .flat_map_iter(|(url, html)| {
            let here = page_of(url);
            let targets = &targets;
            attr_values(html, "href")
                .chain(attr_values(html, "src"))
                .filter_map(move |href| {
                    check_one(here, href, targets).map(|why| format!("{url}: {href} → {why}"))
                })
        })
        .collect();
    broken.sort();
    broken.dedup();
    broken
}

/// "a/b/index.html" → "/a/b/index.html".
fn url_of(p: &Path) -> String {
    format!("/{}", p.to_string_lossy().replace('\\', "/"))
}

/// "/a/b/index.html" → "/a/b/".
fn page_of(url: &str) -> &str {
    url.strip_suffix("index.html").unwrap_or(url)
}

fn check_one(here: &str, href: &str, targets: &Targets) -> Option<String> {
    let href = decode_entities(href);
    if href.contains(':') && !href.starts_with('/') && !href.starts_with('#') {
        return None; // https:, mailto:, tel: … leave the site
    }
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (&*href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target: Cow<str> = if path.is_empty() {
        Cow::Borrowed(here)
    } else if path.starts_with('/') {
        Cow::Borrowed(path)
    } else {
        let base = &here[..here.rfind('/').map_or(0, |i| i + 1)];
        Cow::Owned(normalize(&format!("{base}{path}")))
    };
    if !targets.files.contains(&*target) {
        return Some("no such page".to_string());
    }
    match frag {
        Some(f) if !f.is_empty() => {
            let known = targets
                .ids
                .get(page_of(&target))
                .is_some_and(|s| s.contains(f));
            (!known).then(|| format!("no element with id \"{f}\""))
        }
        _ => None,
    }
}

fn normalize(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            ".." => {
                out.pop();
            }
            "." => {}
            s => out.push(s),
        }
    }
    out.join("/")
}

/// Undoes the entities an escaped attribute value may hold; borrows when there are none.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&#x2F;", "/")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

/// Every value of `name="…"` in the HTML.
fn attr_values<'a>(html: &'a str, name: &str) -> impl Iterator<Item = &'a str> + 'a {
    let finder = format!(" {name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        let i = rest.find(finder.as_str())?;
        let after = &rest[i + finder.len()..];
        let end = after.find('"')?;
        rest = &after[end..];
        Some(&after[..end])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: &str, s: &str) -> OutFile {
        (p.into(), s.as_bytes().to_vec())
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

    #[test]
    fn relative_links_folders_and_escaped_urls_resolve() {
        let files = vec![
            f(
                "a/b/index.html",
                r##"<a href="../">up</a> <a href="c.json">c</a> <a href="&#x2F;a&#x2F;#top">t</a> <a href="?q=x&amp;y=1">q</a> <a href="../../nej/">n</a>"##,
            ),
            f("a/b/c.json", "{}"),
            f("a/index.html", r#"<p id="top"></p>"#),
        ];
        assert_eq!(
            check(&files),
            vec!["/a/b/index.html: ../../nej/ → no such page".to_string()]
        );
    }
}
