//! The same meeting imported from its .docx and .pdf (made by LibreOffice from the seed, with real
//! headings and tables) gives the fields the import of the seed text gives: date, hours, place,
//! every attendance entry, chair, secretary, justerare, every § or item heading, Dnr and
//! Föredragande, and every decision (word overlap at least 0.95).

use super::{doc, seed};
use std::collections::BTreeMap;
use std::path::Path;

/// Imports `file` into an empty site; the text of the meeting file it wrote.
fn imported(file: &Path, typ: &str, date: &str) -> String {
    let t = super::command::site();
    let out = super::command::import(t.path(), &[file], &[]);
    assert!(
        out.status.success(),
        "{}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let found = walkdir::WalkDir::new(t.path().join("content"))
        .into_iter()
        .flatten()
        .find(|e| e.path().ends_with(format!("{date}/{typ}.md")))
        .unwrap_or_else(|| panic!("{}: no {date}/{typ}.md", file.display()));
    std::fs::read_to_string(found.path()).unwrap()
}

/// The compared fields of a meeting file, by name (decisions apart).
fn fields(text: &str) -> (BTreeMap<String, String>, Vec<(String, String)>) {
    let (fm, body) = text
        .strip_prefix("+++\n")
        .and_then(|r| r.split_once("\n+++\n"))
        .unwrap();
    let fm: toml::Table = fm.parse().unwrap();
    let mut out = BTreeMap::new();
    for k in [
        "datum",
        "start",
        "slut",
        "plats",
        "ordforande",
        "sekreterare",
        "justerare",
    ] {
        if let Some(v) = fm.get(k) {
            out.insert(k.to_string(), v.to_string());
        }
    }
    if let Some(n) = fm.get("narvaro").and_then(|n| n.as_table()) {
        for (k, v) in n {
            out.insert(format!("narvaro.{k}"), v.to_string());
        }
    }
    let mut decisions = Vec::new();
    let mut item = String::new();
    let mut in_decision = false;
    for block in body.split("\n\n") {
        let b = block.trim();
        if let Some(h) = b.strip_prefix("## ") {
            item = h.to_string();
            out.insert(format!("item {}", out.len()), h.to_string());
            in_decision = false;
        } else if let Some(s) = b.strip_prefix("### ") {
            in_decision = s == "Beslut" || s == "Förslag till beslut";
            if in_decision {
                decisions.push((item.clone(), String::new()));
            }
        } else if b.starts_with("Dnr:") || b.starts_with("Föredragande:") {
            out.insert(format!("{item} {}", &b[..4]), b.to_string());
        } else if in_decision && !b.starts_with("<!--") {
            let d = &mut decisions.last_mut().unwrap().1;
            d.push(' ');
            d.push_str(b);
        }
    }
    (out, decisions)
}

fn overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (mut a, b) = (words(a), words(b));
    let n = a.len().max(b.len()).max(1);
    let mut common = 0;
    for w in &b {
        if let Some(i) = a.iter().position(|x| x == w) {
            a.swap_remove(i);
            common += 1;
        }
    }
    common as f64 / n as f64
}

fn same_as_text(name: &str, seed_prefix: &str, typ: &str, date: &str) {
    let (want, want_d) = fields(&imported(&seed(seed_prefix), typ, date));
    assert!(
        want.len() > 5,
        "{name}: too few fields to compare: {want:?}"
    );
    for ext in ["docx", "pdf"] {
        let file = doc(&format!("{name}.{ext}"));
        let (mut got, got_d) = fields(&imported(&file, typ, date));
        if ext == "pdf" {
            // A PDF has no links: the text of a link after a title ("Bildspel 1") stays in it,
            // where the text and the Word file mark it as a link and the import leaves it out.
            for v in got.values_mut() {
                if let Some(at) = v.find(" Bildspel ") {
                    v.truncate(at);
                }
            }
        }
        assert_eq!(got, want, "{name}.{ext}");
        assert_eq!(got_d.len(), want_d.len(), "{name}.{ext}: decisions");
        for ((item, w), (_, g)) in want_d.iter().zip(&got_d) {
            let o = overlap(w, g);
            assert!(o >= 0.95, "{name}.{ext}: {item}: overlap {o:.2}\n{w}\n{g}");
        }
    }
}

#[test]
fn styrelsen_2024_09_12() {
    same_as_text(
        "000-styrelsen-protokoll-2024-09-12",
        "000",
        "protokoll",
        "2024-09-12",
    );
}

#[test]
fn lansgemensam_ledning_2022_11_25() {
    same_as_text(
        "001-lansgemensam-ledning-protokoll-2022-11-25",
        "001",
        "protokoll",
        "2022-11-25",
    );
}

#[test]
fn forbundsmotet_2024_04_25() {
    same_as_text(
        "002-forbundsmotet-protokoll-2024-04-25",
        "002",
        "protokoll",
        "2024-04-25",
    );
    same_as_text(
        "002-forbundsmotet-kallelse-2024-04-25",
        "002",
        "kallelse",
        "2024-04-25",
    );
}

#[test]
fn presidiekonferensen_2020_10_02() {
    same_as_text(
        "003-presidiekonferensen-protokoll-2020-10-02",
        "003",
        "protokoll",
        "2020-10-02",
    );
}

#[test]
fn styrelsen_kallelse_2024_06_13() {
    same_as_text(
        "004-styrelsen-kallelse-2024-06-13",
        "004",
        "kallelse",
        "2024-06-13",
    );
}
