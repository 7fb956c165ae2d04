//! The real `content/` written the ways real minutes differ: each `### Beslut` renamed to each
//! usual form (`Styrelsens beslut`, `**Beslut:**`, `Beslut` on a line of its own …), the heading
//! removed leaving "Styrelsen beslutar att …", and `Dnr:` written `Dnr.` and `Diarienummer:`.
//! Every decision and every case must still be found, or a warning must name its line.

use crate::common::*;
use protokoll::model::site::{CaseEntry, Site};
use protokoll::model::urls;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the real site without its ledger (the edits would fail the justering check, which
/// has tests of its own).
fn real_copy() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &t.path().join("content"));
    fs::copy(
        repo().join("protokoll.toml"),
        t.path().join("protokoll.toml"),
    )
    .unwrap();
    t
}

/// A form of the decision heading, for the protokoll at a path.
type Heading = fn(&Path) -> String;

/// Every protokoll of the copy.
fn protokoll_files(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "protokoll.md")
        .map(|e| e.path().to_path_buf())
        .collect();
    v.sort();
    v
}

/// The subject a decision line of each organ's protokoll starts with.
fn subject(path: &Path) -> &'static str {
    let p = path.to_string_lossy();
    if p.contains("/forbundsmotet/") {
        "Förbundsmötet"
    } else if p.contains("/lansgemensam-ledning/") {
        "Läns gemensam ledning"
    } else if p.contains("/presidiekonferensen/") {
        "Presidiekonferensen"
    } else {
        "Styrelsen"
    }
}

/// Each decision (its URL) with its text, and each case (its URL) with its entries' URLs.
struct Found {
    decisions: BTreeMap<String, String>,
    cases: BTreeMap<String, Vec<String>>,
    warnings: Vec<protokoll::reading::diagnostic::Diagnostic>,
}

fn found(root: &Path) -> Found {
    let v = protokoll::run(
        &protokoll::Build::new(root, "", protokoll::Mode::Check),
        &protokoll::build::progress::none,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let site: &Site = &v.site;
    let decisions = site
        .decisions()
        .map(|r| (urls::item(site, r), site.item(r).item.decision_text()))
        .collect();
    let cases = site
        .cases
        .iter()
        .map(|c| {
            let entries = c
                .entries
                .iter()
                .map(|e| match *e {
                    CaseEntry::Item(r) => urls::item(site, r),
                    CaseEntry::Document(d) => urls::document(site, d),
                })
                .collect();
            (urls::case(&c.dnr), entries)
        })
        .collect();
    Found {
        decisions,
        cases,
        warnings: v.warnings,
    }
}

/// Rewrites every protokoll of the copy with `edit` (given the file's path and text).
fn mutate(root: &Path, edit: impl Fn(&Path, &str) -> String) {
    for p in protokoll_files(root) {
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, edit(&p, &text)).unwrap();
    }
}

/// Where each decision of `before` stands in `after`: found with its text, or named by a warning
/// (a line of its paragraph's file). Gives what is neither.
fn lost(before: &Found, after: &Found) -> Vec<String> {
    let mut lost = Vec::new();
    for (url, text) in &before.decisions {
        let tail: String = text
            .chars()
            .rev()
            .take(40)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        match after.decisions.get(url) {
            Some(t) if t.contains(&tail) => {}
            _ => {
                // The paragraph's file: /<organ>/<datum>/<nr>/ →
                // content/<organ>/<datum>/protokoll.md.
                let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
                let file = format!("content/{}/{}/protokoll.md", parts[0], parts[1]);
                let warned = after
                    .warnings
                    .iter()
                    .any(|w| w.path == Path::new(&file) && w.line > 0);
                if !warned {
                    lost.push(format!("{url}: {:?}", after.decisions.get(url)));
                }
            }
        }
    }
    lost
}

#[test]
fn every_decision_is_found_whatever_its_heading_is_written_like() {
    let base = found(repo().as_path());
    assert!(base.decisions.len() >= 15, "{}", base.decisions.len());
    // Each usual form of the heading: a heading of its own, or inline with the first line.
    let forms: Vec<(&str, Heading)> = vec![
        ("the organ's name", |p: &Path| {
            let genitive = match subject(p) {
                "Förbundsmötet" => "Förbundsmötets",
                "Läns gemensam ledning" => "Läns gemensam lednings",
                "Presidiekonferensen" => "Presidiekonferensens",
                _ => "Styrelsens",
            };
            format!("### {genitive} beslut\n\n")
        }),
        ("Kommunfullmäktiges beslut", |_: &Path| {
            "### Kommunfullmäktiges beslut\n\n".into()
        }),
        ("### Beslut:", |_: &Path| "### Beslut:\n\n".into()),
        ("#### Beslut", |_: &Path| "#### Beslut\n\n".into()),
        ("**Beslut:**", |_: &Path| "**Beslut:**\n\n".into()),
        ("**Beslut**", |_: &Path| "**Beslut**\n\n".into()),
        ("Beslut", |_: &Path| "Beslut\n\n".into()),
        ("Beslut:", |_: &Path| "Beslut:\n\n".into()),
        ("Beslut on the line before", |_: &Path| "Beslut\n".into()),
        ("**Beslut:** inline", |_: &Path| "**Beslut:** ".into()),
        ("Beslut: inline", |_: &Path| "Beslut: ".into()),
    ];
    let copy = real_copy();
    let pristine: Vec<(PathBuf, String)> = protokoll_files(copy.path())
        .into_iter()
        .map(|p| {
            let t = fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect();
    let mut failures = Vec::new();
    for (name, heading) in &forms {
        for (p, t) in &pristine {
            fs::write(p, t.replace("### Beslut\n\n", &heading(p))).unwrap();
        }
        let after = found(copy.path());
        let lost = lost(&base, &after);
        if !lost.is_empty() {
            failures.push(format!("{name}: {lost:?}"));
        }
        if after.decisions.len() != base.decisions.len() {
            failures.push(format!(
                "{name}: {} decisions, not {}",
                after.decisions.len(),
                base.decisions.len()
            ));
        }
        let new: Vec<String> = after
            .warnings
            .iter()
            .filter(|w| !base.warnings.contains(w))
            .map(ToString::to_string)
            .collect();
        if !new.is_empty() {
            failures.push(format!("{name}: new warnings {new:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_decision_without_its_heading_is_found_by_its_line() {
    let base = found(repo().as_path());
    let copy = real_copy();
    // "### Beslut" removed; its text made a line "Styrelsen beslutar att …" where it is not one.
    mutate(copy.path(), |p, text| {
        let mut out = String::new();
        let mut parts = text.split("### Beslut\n\n");
        out.push_str(parts.next().unwrap());
        for part in parts {
            let s = subject(p);
            let line_end = part.find('\n').unwrap_or(part.len());
            let first = &part[..line_end];
            if first.starts_with('#') || first.contains(" beslutar att ") {
                out.push_str(part);
                continue;
            }
            let first = first.strip_prefix("Att ").unwrap_or(first);
            let mut chars = first.chars();
            let lowered: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            out.push_str(&format!("{s} beslutar att {lowered}"));
            out.push_str(&part[line_end..]);
        }
        out
    });
    let after = found(copy.path());
    let lost = lost(&base, &after);
    assert!(lost.is_empty(), "{lost:#?}");
    assert_eq!(after.decisions.len(), base.decisions.len());
    // The text is the decision: "Styrelsen beslutar att adjungera Henric Gustavsson (C) …".
    let p30 = &after.decisions["/styrelsen/2024-09-12/30/"];
    assert!(
        p30.starts_with("Styrelsen beslutar att styrelsen beslutar att adjungera")
            || p30.starts_with("Styrelsen beslutar att adjungera"),
        "{p30}"
    );
}

#[test]
fn every_case_is_found_whatever_its_dnr_label_is_written_like() {
    let base = found(repo().as_path());
    assert!(base.cases.len() >= 8, "{}", base.cases.len());
    for label in ["Dnr.", "Diarienummer:", "Dnr", "Diarienr"] {
        let copy = real_copy();
        mutate(copy.path(), |_, text| {
            text.replace("\nDnr: ", &format!("\n{label} "))
        });
        let after = found(copy.path());
        assert_eq!(after.cases, base.cases, "{label}");
        let new: Vec<String> = after
            .warnings
            .iter()
            .filter(|w| !base.warnings.contains(w))
            .map(ToString::to_string)
            .collect();
        assert!(new.is_empty(), "{label}: {new:?}");
    }
}
