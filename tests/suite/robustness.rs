//! Nothing panics on any input, and no two output files land on one path: the fuzz harness of
//! `fuzz/` as property tests (arbitrary text and text built from the pieces content is made of, as
//! one file and inside a whole site), and every input found to break it (`tests/fuzz_regressions/`;
//! a `.toml` file there is added as a register) kept as a regression test.

use crate::common::*;
use proptest::prelude::*;
use protokoll::reading::load::{SourceFile, parse_file};
use std::path::{Path, PathBuf};

/// Everything the build does with one file on its own (the `content_file` fuzz target).
fn one_file(text: &str) {
    for register in [false, true] {
        let path = PathBuf::from(if register {
            "content/r.toml"
        } else {
            "content/x.md"
        });
        if let Ok(file) = parse_file(path, text.to_string(), register) {
            let _ = protokoll::reading::scan::scan(std::slice::from_ref(&file));
        }
    }
    let _ = protokoll::markup::markdown::render(text, "p1-");
    let _ = protokoll::markup::markdown::to_plain(text);
    let _ = protokoll::markup::sanitize::audit(text);
    let _ = protokoll::markup::sanitize::links(text);
    let _ = protokoll::reading::personnummer::find(text);
    let _ = protokoll::reading::body::parse(Path::new("x.md"), text, 1);
}

/// The minimal fixture's files, parsed.
fn fixture_files() -> Vec<SourceFile> {
    let root = repo().join("tests/fixtures/minimal");
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&root).unwrap().to_path_buf();
            let text = std::fs::read_to_string(e.path()).unwrap();
            let register = rel.extension().is_some_and(|x| x == "toml");
            parse_file(rel, text, register).unwrap()
        })
        .collect()
}

/// A fuzzed file beside the fixture, through resolve, render and the link checks (the `site`
/// target). True when it got as far as rendering.
fn in_site(text: &str) -> bool {
    in_site_as(text, false)
}

/// [`in_site`] for a content file or (`register`) for one more register file.
fn in_site_as(text: &str, register: bool) -> bool {
    let mut files = fixture_files();
    let path = if register {
        "content/register/fuzz.toml"
    } else {
        "content/fuzz.md"
    };
    let Ok(f) = parse_file(PathBuf::from(path), text.to_string(), register) else {
        return false;
    };
    files.push(f);
    let scanned = protokoll::reading::scan::scan(&files);
    let Ok(site) =
        protokoll::resolve::resolve(protokoll::model::config::Config::default(), &files, None)
    else {
        return false;
    };
    let Ok(out) = protokoll::render::render(&site, &repo()) else {
        return false;
    };
    // No two output files may land on the same path on disk.
    let mut paths: Vec<PathBuf> = out.iter().map(|(p, _)| p.components().collect()).collect();
    paths.sort();
    let n = paths.len();
    paths.dedup();
    assert_eq!(n, paths.len(), "two output files on one path");
    let written = protokoll::output::sink::in_memory(&out);
    let targets = protokoll::output::links::Targets::new(&written);
    let _ = protokoll::output::links::check_sources(&scanned.links, &targets);
    let _ = protokoll::output::links::check(&written, &targets);
    true
}

/// Front matter that resolves beside the fixture, for each kind of file.
const HEADS: &[&str] = &[
    "typ = \"protokoll\"\norgan = \"styrelsen\"\ndatum = 2024-02-01\n",
    "typ = \"kallelse\"\norgan = \"styrelsen\"\ndatum = 2024-02-01\n",
    "typ = \"beslut\"\nid = \"fuzz\"\ntitel = \"F\"\nmote = \
        \"styrelsen/2024-01-10\"\npunkt = \"2\"\nantagen = \
        \"styrelsen/2024-01-10/2\"\ndnr = [\"2023/07\"]\n",
    "typ = \"sida\"\nid = \"fuzz\"\ntitel = \"F\"\n",
];

/// A whole file: a head that resolves, sometimes one more front-matter piece, and a body of pieces.
fn site_like() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(HEADS),
        proptest::option::weighted(0.2, proptest::sample::select(PIECES)),
        content_like(),
    )
        .prop_map(|(head, extra, body)| {
            format!(
                "+++\n{head}{}\n+++\n{}",
                extra.unwrap_or(""),
                body.replace("+++", "++")
            )
        })
}

/// The pieces content files are made of, to build texts that get past the first checks.
const PIECES: &[&str] = &[
    "+++",
    "+++\n",
    "\u{feff}+++",
    "typ = \"protokoll\"",
    "typ = \"kallelse\"",
    "typ = \"sida\"",
    "typ = \"beslut\"",
    "typ = \"arsredovisning\"",
    "organ = \"styrelsen\"",
    "datum = 2024-01-10",
    "datum = 2024-02-30",
    "id = \"x\"",
    "id = \"styrelsen\"",
    "titel = \"T\"",
    "antagen = \"styrelsen/2024-01-10/2\"",
    "mote = \"styrelsen/2024-01-10\"",
    "punkt = \"2\"",
    "dnr = [\"2023/07\", \"2023-07\", \"\"]",
    "paragrafer = \"§§ 1-\"",
    "justerare = [\"Åke Gustavsson (S\", \"(\", \",\", \"§\"]",
    "[narvaro]",
    "beslutande = [\"Cecilia Frid (\", \"Vakant\"]",
    "[[underskrift]]",
    "namn = \"Åke\u{30a}\"",
    "[sandlista]",
    "[[sandlista.rad]]",
    "kommun = \"\"",
    "## § 1 A",
    "## § 1",
    "## §",
    "## 2. B",
    "## 12a. C",
    "## § 99999999999999999999 D",
    "### Beslut",
    "### Beslutt",
    "### **Bakgrund:**",
    "Dnr: 2023/07, ,",
    "Dnr:",
    "Dnr ",
    "Föredragande: Cecilia Frid",
    "Punkt: §",
    "Punkt: 2.",
    "Handlingar: budget-2024, x",
    "DNR: x",
    "```",
    "~~~",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "|",
    "[x](/styrelsen/2024-01-10/9/)",
    "[x](../../..)",
    "[x](#)",
    "[x](file:///c)",
    "![i](data:x)",
    "<a href=\"&#",
    "<a href='/x/",
    "<img src=",
    "<",
    "<!--",
    "<!-- personnummer tillåtet -->",
    "# personnummer tillåtet",
    "811218-9876",
    "19811278+9873",
    "[^1]\n\n[^1]: not",
    "\"\"\"",
    "'''",
    "\\",
    "é",
    "\u{0}",
    "\r\n",
    "\t",
    "",
];

fn content_like() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::sample::select(PIECES), "[ \n]{0,2}"), 0..60)
        .prop_map(|v| v.into_iter().map(|(p, sep)| format!("{p}{sep}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn any_text_as_a_file_never_panics(text in any::<String>()) {
        one_file(&text);
    }

    #[test]
    fn content_like_text_as_a_file_never_panics(text in content_like()) {
        one_file(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn content_like_files_in_a_site_never_panic(text in site_like()) {
        in_site(&text);
    }
}

#[test]
fn the_site_generator_reaches_rendering() {
    // Guards the property above against testing only files that fail early.
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let rendered = (0..100)
        .filter(|_| in_site(&site_like().new_tree(&mut runner).unwrap().current()))
        .count();
    assert!(rendered >= 20, "only {rendered} of 100 rendered");
}

#[test]
fn every_fuzz_finding_stays_fixed() {
    let dir = repo().join("tests/fuzz_regressions");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            continue; // the folder's README
        }
        let bytes = std::fs::read(&p).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        one_file(&text);
        in_site_as(&text, p.extension().is_some_and(|x| x == "toml"));
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", dir.display());
}
