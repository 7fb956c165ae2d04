//! XSS: every payload of `tests/xss/payloads.txt` (more than 100) goes into every text field of
//! every kind of file (registers, protokoll, kallelse, document, page, protokoll.toml) and into
//! Markdown in block, inline and table position. The site must build, and a real HTML parser
//! (html5ever) must find no executable script in any output file: no script, iframe, object, embed,
//! form (but the theme's search form), base or meta refresh, no `on*` attribute, no `javascript:`,
//! `vbscript:` or `data:` URL, no style attribute or element.

use crate::common::*;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn payloads() -> Vec<String> {
    fs::read_to_string(repo().join("tests/xss/payloads.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A TOML basic string holding exactly `s`.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A person reference as documents write it: a registered alias, then the payload as function.
fn who(i: usize, p: &str) -> String {
    q(&format!("Person {i}, {p}"))
}

/// Markdown with the payload on its own line, inside a sentence, in a table, a list and a quote.
fn md(p: &str) -> String {
    format!(
        "{p}\n\nText före {p} och efter.\n\n| Kolumn | {p} |\n|---|---|\n| {p} | \
            12 |\n\n* {p}\n\n> {p}\n"
    )
}

/// Writes a site where meeting, document, page, organ, organisation and person `i` carry payload
/// `i`.
fn write_site(root: &Path, payloads: &[String]) {
    fs::create_dir_all(root.join("content/register")).unwrap();
    fs::write(root.join("protokoll.toml"), "titel = \"XSS-prov\"\n").unwrap();
    // The payloads' images point at /x.
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/x"), "x").unwrap();
    fs::write(
        root.join("content/om-webbplatsen.md"),
        "+++\ntyp = \"sida\"\nid = \"om-webbplatsen\"\ntitel = \"Om\"\n+++\nText.\n",
    )
    .unwrap();
    let mut reg = String::new();
    for (i, p) in payloads.iter().enumerate() {
        writeln!(
            reg,
            "[[organisation]]\nid = \"org-{i}\"\nnamn = {n}\ntyp = {n}\norgnr = \
                {n}\nkommun = {n}\nwebbplats = {n}\n",
            n = q(p)
        )
        .unwrap();
        writeln!(
            reg,
            "[[organ]]\nid = \"organ-{i}\"\nnamn = {n}\nkortnamn = \
                {n}\norganisation = \"org-{i}\"\ntyp = {n}\nbeskrivning = {d}\n",
            n = q(p),
            d = q(&md(p))
        )
        .unwrap();
        writeln!(
            reg,
            "[[person]]\nid = \"person-{i}\"\nnamn = {namn}\nalias = [\"Person \
                {i}\"]\nparti = {parti}\nkommun = {kommun}\ntitel = {n}\norganisation \
                = \"org-{i}\"\n\n[[person.uppdrag]]\norgan = \"organ-{i}\"\nroll = \
                \"ledamot\"\nfran = 2024-01-01\nersattare_for = \"Person \
                {i}\"\nkommun = {n}\nbeslut = \"organ-{i}/2024-01-10/1\"\nanteckning \
                = {n}\n",
            namn = q(&format!("P{i} {p}")),
            parti = q(&format!("X{i} {p}")),
            kommun = q(&format!("K{i} {p}")),
            n = q(p)
        )
        .unwrap();
    }
    fs::write(root.join("content/register/register.toml"), reg).unwrap();
    for (i, p) in payloads.iter().enumerate() {
        let dir = root.join(format!("content/m{i}"));
        fs::create_dir_all(&dir).unwrap();
        let dnr = format!("D{i} {}", p.replace(',', " ")).trim().to_string();
        let w = who(i, p);
        let protokoll = format!(
            "+++\ntyp = \"protokoll\"\norgan = \"organ-{i}\"\ndatum = \
                2024-01-10\nplats = {n}\nrubrik = {n}\nordforande = {w}\nsekreterare \
                = {w}\njusterare = [{w}]\n\n[narvaro]\nbeslutande = \
                [{w}]\ntjanstgorande_ersattare = [{w}]\nej_tjanstgorande = \
                [{w}]\novriga = [{w}]\nanmalda = [{w}]\n\n[[underskrift]]\nnamn = \
                {w}\nroll = {n}\ntid = {n}\nmetod = {n}\n+++\n{body}\n## § 1 \
                {p}\n\nDnr: {dnr}\n\nFöredragande: Person {i}, {p}\n\n{body}\n### \
                Bakgrund\n\n{body}\n### Beslut\n\n{body}\n### Reservationer\n\n{body}",
            n = q(p),
            body = md(p)
        );
        fs::write(dir.join("protokoll.md"), protokoll).unwrap();
        let kallelse = format!(
            "+++\ntyp = \"kallelse\"\norgan = \"organ-{i}\"\ndatum = \
                2024-01-10\nplats = {n}\nrubrik = {n}\nutfardad = \
                2024-01-01\nundertecknad = [{w}]\n\n[sandlista]\nrubrik = \
                {n}\nkolumner = [{n}, {n}]\n[[sandlista.rad]]\nkommun = \
                {n}\nordinarie = [{w}]\nersattare = [\"Vakant\"]\n+++\n{body}\n## 1. \
                {p}\n\nDnr: {dnr}\n\nHandlingar: doc-{i}\n\n### Förslag till \
                beslut\n\n{body}",
            n = q(p),
            body = md(p)
        );
        fs::write(dir.join("kallelse.md"), kallelse).unwrap();
        let document = format!(
            "+++\ntyp = \"tjansteskrivelse\"\nid = \"doc-{i}\"\ntitel = {n}\ndatum \
                = 2024-01-02\nar = 2024\norganisation = \"org-{i}\"\norgan = \
                \"organ-{i}\"\ndnr = [{d}]\nmote = \"organ-{i}/2024-01-10\"\npunkt = \
                \"1\"\nantagen = \"organ-{i}/2024-01-10/1\"\nforfattare = \
                [{w}]\n\n[[underskrift]]\nnamn = {w}\nroll = {n}\ntid = {n}\nmetod = \
                {n}\n+++\n## {p}\n\n{body}",
            n = q(p),
            d = q(&dnr),
            body = md(p)
        );
        fs::write(dir.join("dokument.md"), document).unwrap();
        let page = format!(
            "+++\ntyp = \"sida\"\nid = \"sida-{i}\"\ntitel = {n}\nbeskrivning = {n}\n+++\n{body}",
            n = q(p),
            body = md(p)
        );
        fs::write(dir.join("sida.md"), page).unwrap();
    }
}

/// Everything executable or able to send data away that the parser finds in one HTML file.
fn dangers(html: &str) -> Vec<String> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    let mut out = Vec::new();
    walk(&dom.document, &mut out);
    out
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "srcset",
    "cite",
    "ping",
    "longdesc",
    "manifest",
    "codebase",
];

/// The text inside an element.
fn text_of(node: &Handle) -> String {
    node.children
        .borrow()
        .iter()
        .filter_map(|c| match &c.data {
            NodeData::Text { contents } => Some(contents.borrow().to_string()),
            _ => None,
        })
        .collect()
}

/// The two texts of the theme's print header, when `css` is exactly that rule and each text stays
/// inside its string (every `"` in it escaped, no `<` at all).
fn print_header(css: &str) -> Option<(&str, &str)> {
    let rest = css.strip_prefix("@page { @top-left { content: \"")?;
    let (left, rest) = css_string(rest)?;
    let rest = rest.strip_prefix("\"; } @top-right { content: \"")?;
    let (right, rest) = css_string(rest)?;
    (rest == "\"; } }").then_some((left, right))
}

/// The text of a CSS string up to its closing `"`, and what follows; None if it holds a `<`.
fn css_string(s: &str) -> Option<(&str, &str)> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '<' => return None,
            '"' if !escaped => return Some((&s[..i], &s[i..])),
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    None
}

fn walk(node: &Handle, out: &mut Vec<String>) {
    if let NodeData::Element {
        name,
        attrs,
        template_contents,
        ..
    } = &node.data
    {
        let tag = name.local.to_ascii_lowercase().to_string();
        let attrs = attrs.borrow();
        let attr = |n: &str| {
            attrs
                .iter()
                .find(|a| a.name.local.eq_ignore_ascii_case(&n.into()))
                .map(|a| a.value.to_string())
        };
        match tag.as_str() {
            // The theme's search page loads its own module, and nothing else may run.
            "script"
                if attr("src").as_deref() == Some("/sok/sok.js")
                    && attr("type").as_deref() == Some("module")
                    && node.children.borrow().is_empty() => {}
            // The build's own charts (markup/chart.rs); what is inside them is checked as any node.
            "svg" if attr("class").as_deref() == Some("chart-svg") => {}
            // The theme's print header (base.html): two CSS strings, which no text may leave.
            "style"
                if attr("media").as_deref() == Some("print")
                    && print_header(&text_of(node)).is_some() => {}
            "script" | "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base"
            | "svg" | "math" | "style" | "template" | "noscript" => out.push(format!("<{tag}>")),
            // The theme's search form is the only form.
            "form" if attr("action").as_deref() != Some("/sok/") => out.push("<form>".into()),
            "meta" if attr("http-equiv").is_some() => out.push("<meta http-equiv>".into()),
            "link"
                if !matches!(
                    attr("rel").as_deref(),
                    Some("stylesheet" | "alternate" | "icon")
                ) =>
            {
                out.push("<link>".into())
            }
            _ => {}
        }
        for a in attrs.iter() {
            let n = a.name.local.to_ascii_lowercase().to_string();
            if n.starts_with("on") {
                out.push(format!("<{tag} {n}>"));
            }
            if n == "style" {
                out.push(format!("<{tag} style>"));
            }
            if URL_ATTRIBUTES.contains(&n.as_str()) {
                let v: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| v.starts_with(s) || v.contains(&format!(",{s}")))
                {
                    out.push(format!("<{tag} {n}=\"{}\">", a.value));
                }
            }
        }
        if let Some(t) = template_contents.borrow().as_ref() {
            walk(t, out);
        }
    }
    for c in node.children.borrow().iter() {
        walk(c, out);
    }
}

/// The text of the first `<h1>` of a page, as a browser would show it.
fn h1_text(html: &str) -> Option<String> {
    fn find(node: &Handle) -> Option<Handle> {
        if let NodeData::Element { name, .. } = &node.data
            && &*name.local == "h1"
        {
            return Some(node.clone());
        }
        node.children.borrow().iter().find_map(find)
    }
    fn text(node: &Handle, s: &mut String) {
        if let NodeData::Text { contents } = &node.data {
            s.push_str(&contents.borrow());
        }
        for c in node.children.borrow().iter() {
            text(c, s);
        }
    }
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .unwrap();
    let h1 = find(&dom.document)?;
    let mut s = String::new();
    text(&h1, &mut s);
    Some(s)
}

#[test]
fn the_checker_finds_what_it_looks_for() {
    // The test is only as good as its detector: it must see each kind of danger.
    let bad = concat!(
        r#"<script>x</script><a href=" JaVa&#x09;script:x">a</a><img src=x onerror=y>"#,
        r#"<iframe></iframe><form action="/steal"></form><div style="x"></div>"#,
        r#"<object data="data:x"></object><meta http-equiv="refresh" content="0">"#
    );
    assert_eq!(dangers(bad).len(), 9, "{:?}", dangers(bad));
    assert!(
        dangers(r#"<form action="/sok/"></form><a href="/x/">x</a><img src="/a.png">"#).is_empty()
    );
}

#[test]
fn no_payload_in_any_field_makes_executable_html() {
    let payloads = payloads();
    assert!(payloads.len() >= 100, "{} payloads", payloads.len());
    let t = tempfile::tempdir().unwrap();
    write_site(t.path(), &payloads);
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = t.path().join("public");
    let mut found = Vec::new();
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            pages += 1;
            let html = fs::read_to_string(e.path()).unwrap();
            for d in dangers(&html) {
                found.push(format!(
                    "{}: {d}",
                    e.path().strip_prefix(&out).unwrap().display()
                ));
            }
        }
    }
    assert_eq!(pages, report.pages);
    assert!(pages > 5 * payloads.len(), "{pages} pages");
    assert!(
        found.is_empty(),
        "{} dangers:\n{}",
        found.len(),
        found.join("\n")
    );
    // The payloads reached the pages, as text: the fields were shown, not dropped.
    for (i, p) in payloads.iter().enumerate() {
        for url in [
            format!("dokument/doc-{i}"),
            format!("organ-{i}"),
            format!("sida-{i}"),
        ] {
            let html = read(&out, &format!("{url}/index.html"));
            assert_eq!(h1_text(&html).as_deref(), Some(p.as_str()), "{url}");
        }
    }
}

#[test]
fn no_payload_in_the_site_settings_makes_executable_html() {
    let payloads = payloads();
    let t = fixture("minimal");
    let mut checked = 0;
    for p in &payloads {
        fs::write(
            t.path().join("protokoll.toml"),
            format!("titel = {}\nbeskrivning = {}\n", q(p), q(p)),
        )
        .unwrap();
        let out = t.path().join("public");
        let build = protokoll::Build::new(t.path(), &out, protokoll::Mode::Publish);
        let v = protokoll::run(&build, &protokoll::build::progress::none)
            .unwrap_or_else(|e| panic!("{p}: {e}"));
        for f in v.files.iter().filter(|f| f.is_html()) {
            let d = dangers(&read(&out, &f.path));
            assert!(d.is_empty(), "{p} → {}: {d:?}", f.path);
            checked += 1;
        }
    }
    assert!(checked > payloads.len() * 10);
}
