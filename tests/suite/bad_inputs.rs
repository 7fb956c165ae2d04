//! The bad-input corpus, `tests/bad/`: every case is a folder whose files are laid over a copy of
//! `tests/fixtures/minimal` (plus `symlinks`: `link -> target` lines). `expected` holds the exact
//! diagnostics the build must print. For each case the build and `check` fail with exactly those,
//! and the output of the previous good build stays byte-identical.

use crate::common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(repo().join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// Lays a case over the site at `root`.
fn apply(case: &Path, root: &Path) {
    for e in walkdir::WalkDir::new(case) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(case).unwrap();
        if !e.file_type().is_file()
            || e.depth() == 1
                && ["about", "expected", "symlinks"]
                    .iter()
                    .any(|n| rel == Path::new(n))
        {
            continue;
        }
        let dest = root.join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(e.path(), &dest).unwrap();
    }
    if let Ok(list) = fs::read_to_string(case.join("symlinks")) {
        for line in list.lines() {
            let (link, target) = line.split_once(" -> ").unwrap();
            std::os::unix::fs::symlink(target, root.join(link)).unwrap();
        }
    }
}

/// Runs the command line; returns its exit success and the diagnostic lines (the summary dropped).
fn run(args: &[&str], root: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The build's plain progress lines ("rendered 25 pages (9 ms)") are not diagnostics.
    let mut lines: Vec<&str> = stderr.lines().filter(|l| !l.ends_with(" ms)")).collect();
    lines.pop();
    (out.status.success(), lines.join("\n"))
}

#[test]
fn the_corpus_has_at_least_forty_cases_each_with_its_expected_diagnostics() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for c in &cases {
        let expected = fs::read_to_string(c.join("expected")).unwrap();
        assert!(
            expected
                .lines()
                .next()
                .is_some_and(|l| l.contains(": error: ")),
            "{}: expected starts with an error",
            c.display()
        );
        assert!(
            !fs::read_to_string(c.join("about"))
                .unwrap()
                .trim()
                .is_empty()
        );
    }
}

#[test]
fn every_bad_input_fails_with_its_exact_diagnostics_and_leaves_the_output_identical() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let t = fixture("minimal");
        build(t.path()).unwrap_or_else(|e| panic!("{name}: the fixture must build: {e}"));
        let out = t.path().join("public");
        let before = snapshot(&out);
        // The good build sealed the fixture's justerat protokoll in justerade.toml. The ledger has
        // its own tests (tests/outputs.rs); here a case's edit of that protokoll must meet the
        // diagnostic the case is about, so the ledger starts afresh.
        fs::remove_file(t.path().join("justerade.toml")).unwrap();
        apply(&case, t.path());
        let expected = fs::read_to_string(case.join("expected")).unwrap();
        let expected = expected.trim_end();
        let (ok, got) = run(&["build"], t.path());
        if ok || got != expected {
            failures.push(format!(
                "{name} (build, success={ok}):\n--- expected\n{expected}\n--- got\n{got}"
            ));
        }
        let (ok, got) = run(&["check"], t.path());
        if ok || got != expected {
            failures.push(format!(
                "{name} (check, success={ok}):\n--- expected\n{expected}\n--- got\n{got}"
            ));
        }
        if snapshot(&out) != before {
            failures.push(format!("{name}: the previous output changed"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
