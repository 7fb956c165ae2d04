//! Checks every internal link and `#anchor` of the rendered output before anything is written.

use crate::output::OutFile;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Returns one line per broken link: `page: link → why`.
pub fn check(files: &[OutFile]) -> Vec<String> {
    let paths: HashSet<String> = files.iter().map(|(p, _)| url_of(p)).collect();
    let mut ids: HashMap<String, HashSet<&str>> = HashMap::new();
    let htmls: Vec<(String, &str)> = files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|(p, b)| Some((url_of(p), std::str::from_utf8(b).ok()?)))
        .collect();
    for (url, html) in &htmls {
        ids.insert(page_of(url), attr_values(html, "id").collect());
    }
    let mut broken = Vec::new();
    for (url, html) in &htmls {
        let here = page_of(url);
        for href in attr_values(html, "href").chain(attr_values(html, "src")) {
            if let Some(why) = check_one(&here, href, &paths, &ids) {
                broken.push(format!("{url}: {href} → {why}"));
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
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

fn check_one(
    here: &str,
    href: &str,
    paths: &HashSet<String>,
    ids: &HashMap<String, HashSet<&str>>,
) -> Option<String> {
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
        here.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        let base = &here[..here.rfind('/').map_or(0, |i| i + 1)];
        normalize(&format!("{base}{path}"))
    };
    let file = if target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.clone()
    };
    if !paths.contains(&file) {
        return Some("no such page".to_string());
    }
    match frag {
        Some(f) if !f.is_empty() => {
            let page = page_of(&file);
            let known = ids.get(&page).is_some_and(|s| s.contains(f));
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

fn decode_entities(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

/// Every value of `name="…"` in the HTML.
fn attr_values<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    let pat = format!(" {name}=\"");
    let mut rest = html;
    std::iter::from_fn(move || {
        let i = rest.find(&pat)?;
        let after = &rest[i + pat.len()..];
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
}
