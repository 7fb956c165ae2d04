//! A site published in a folder of its host (`bas_url = "https://example.se/kommun/protokoll"`):
//! the build speaks in site paths (`/arende/2023-07/`) throughout, and the writer puts the base
//! path before each site path of a file as it writes it. Every root-relative link of an HTML page
//! (from the theme, a site's own templates, Markdown or a static page alike), the URL-valued keys
//! of the JSON files and the paths of a `_headers` file; feeds, calendars, CSV and the sitemap
//! carry absolute URLs made from `bas_url` already, and the search page finds its files from its
//! own address. A site at the root of its host (base "") is written unchanged, byte for byte.

use crate::markup::html;

/// The attributes whose value is a URL a browser follows or fetches.
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "action", "formaction", "poster", "data"];

/// The JSON keys whose string value is a site path (docs/API.md): the object's own address, its
/// page, and the pages, feeds and calendars it points at.
const URL_KEYS: [&str; 8] = [
    "accessUrl",
    "calendar",
    "downloadUrl",
    "feed",
    "id",
    "meeting",
    "url",
    "web",
];

/// The file at output path `path` with `base` before each of its site paths, or None when it
/// needs no change (the base is "", or the file holds no site path this module rewrites).
pub fn file(path: &str, bytes: &[u8], base: &str) -> Option<Vec<u8>> {
    if base.is_empty() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let out = if path.ends_with(".html") {
        html_page(text, base)
    } else if path.ends_with(".json") {
        json(text, base)
    } else if path == "_headers" {
        headers(text, base)
    } else {
        return None;
    };
    Some(out.into_bytes())
}

/// Whether `url` is a site path: it starts at the root of the host (`/a/`), and is not a
/// scheme-relative address (`//host/a`).
fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// `html` with `base` before every root-relative URL in an attribute a browser follows, and before
/// each URL of a `srcset`.
pub fn html_page(html: &str, base: &str) -> String {
    let mut at: Vec<usize> = Vec::new();
    for tag in html::start_tags(html) {
        for a in tag.attributes() {
            if URL_ATTRIBUTES
                .iter()
                .any(|n| a.name.eq_ignore_ascii_case(n))
            {
                if is_site_path(a.value.trim_start()) {
                    at.push(a.value_at + (a.value.len() - a.value.trim_start().len()));
                }
            } else if a.name.eq_ignore_ascii_case("srcset") {
                // Candidates are "url [descriptor]", separated by commas.
                let mut offset = 0;
                for candidate in a.value.split(',') {
                    let url = candidate.trim_start();
                    if is_site_path(url) {
                        at.push(a.value_at + offset + (candidate.len() - url.len()));
                    }
                    offset += candidate.len() + 1;
                }
            }
        }
    }
    insert_at(html, &at, base)
}

/// `text` with `base` inserted at each of the byte offsets `at` (ascending).
fn insert_at(text: &str, at: &[usize], base: &str) -> String {
    let mut out = String::with_capacity(text.len() + at.len() * base.len());
    let mut done = 0;
    for &i in at {
        out.push_str(&text[done..i]);
        out.push_str(base);
        done = i;
    }
    out.push_str(&text[done..]);
    out
}

/// `json` with `base` before the site path of every string value of a [`URL_KEYS`] key, at any
/// depth. The text is read token by token (strings with their escapes, keys told from values by
/// the `:` after them), so a title that merely looks like `"id": "/…"` is never touched; text
/// that is not JSON is left as it is past the point where it stops being JSON.
pub fn json(json: &str, base: &str) -> String {
    let b = json.as_bytes();
    let mut at = Vec::new();
    let mut i = 0;
    // The key whose value comes next, when it is one of URL_KEYS.
    let mut url_key = false;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i + 1;
                let Some(end) = string_end(b, start) else {
                    break;
                };
                let after = b[end + 1..]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .map(|k| b[end + 1 + k]);
                if after == Some(b':') {
                    url_key = URL_KEYS.contains(&&json[start..end]);
                } else {
                    if url_key && is_site_path(&json[start..end]) {
                        at.push(start);
                    }
                    url_key = false;
                }
                i = end + 1;
            }
            b',' | b'{' | b'[' => {
                url_key = false;
                i += 1;
            }
            _ => i += 1,
        }
    }
    insert_at(json, &at, base)
}

/// The offset of the `"` that closes the JSON string whose text starts at `from`.
fn string_end(b: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let q = from + memchr::memchr2(b'"', b'\\', &b[from..])?;
        if b[q] == b'"' {
            return Some(q);
        }
        from = q + 2;
        if from > b.len() {
            return None;
        }
    }
}

/// A `_headers` file (Netlify, Cloudflare Pages) with `base` before each rule's path: its rules are
/// the lines that start with `/`; headers are indented under them.
pub fn headers(text: &str, base: &str) -> String {
    let mut at = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_site_path(line) {
            at.push(offset);
        }
        offset += line.len();
    }
    insert_at(text, &at, base)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "/kommun/protokoll";

    #[test]
    fn html_links_sources_and_forms_get_the_base() {
        let page = r##"<a href="/arende/">x</a><img src='/i.png'
srcset="/a.png 1x, /b.png 2x">
<form action=/sok/ method=get><a href="https://x.se/">y</a><a href="//cdn.se/c">z</a>
<a href="#top">t</a><a href="rel/">r</a><p title="/not/a/link">p</p>
<script>const u = '<a href="/in/script/">';</script><!-- <a href="/comment/"> -->"##;
        // The same page with the base before each site path, and nothing else changed.
        let want = page
            .replace("\"/arende/", "\"/kommun/protokoll/arende/")
            .replace("'/i.png", "'/kommun/protokoll/i.png")
            .replace("\"/a.png", "\"/kommun/protokoll/a.png")
            .replace(" /b.png", " /kommun/protokoll/b.png")
            .replace("=/sok/", "=/kommun/protokoll/sok/");
        assert_eq!(html_page(page, BASE), want);
    }

    #[test]
    fn json_url_keys_get_the_base_and_text_stays() {
        let twin = r#"{
  "id": "/arende/2023-07/index.json",
  "name": "\"id\": \"/not/a/url\"",
  "paper": [{"web": "/dokument/a/", "url":"/x.csv"}],
  "title": "/ett snedstreck",
  "meeting": "/styrelsen/2024-01-10/",
  "data": ["/kept/"],
  "website": "https://example.se/kommun/protokoll"
}"#;
        let got = json(twin, BASE);
        assert!(got.contains(r#""id": "/kommun/protokoll/arende/2023-07/index.json""#));
        assert!(got.contains(r#""name": "\"id\": \"/not/a/url\"""#));
        assert!(got.contains(r#""web": "/kommun/protokoll/dokument/a/""#));
        assert!(got.contains(r#""url":"/kommun/protokoll/x.csv""#));
        assert!(got.contains(r#""title": "/ett snedstreck""#));
        assert!(got.contains(r#""meeting": "/kommun/protokoll/styrelsen/2024-01-10/""#));
        assert!(got.contains(r#""data": ["/kept/"]"#));
        assert!(got.contains(r#""website": "https://example.se/kommun/protokoll""#));
    }

    #[test]
    fn headers_rules_get_the_base() {
        let text = "# comment /x\n/sok/index.json\n  Cache-Control: no-cache\n/*\n  X: y\n";
        assert_eq!(
            headers(text, BASE),
            "# comment /x\n/kommun/protokoll/sok/index.json\n  Cache-Control: no-cache\n\
             /kommun/protokoll/*\n  X: y\n"
        );
    }

    #[test]
    fn the_root_changes_nothing() {
        assert_eq!(file("a/index.html", b"<a href=\"/x/\">", ""), None);
        assert_eq!(file("style.css", b"a{}", BASE), None);
        assert_eq!(
            file("index.html", b"<a href=\"/x/\">", BASE).unwrap(),
            b"<a href=\"/kommun/protokoll/x/\">"
        );
    }

    #[test]
    fn broken_json_is_left_alone_past_the_break() {
        assert_eq!(
            json(r#"{"id": "/a/", "web": "/b"#, BASE),
            r#"{"id": "/kommun/protokoll/a/", "web": "/b"#
        );
    }
}
