//! The house plan: the stages are folders of `src/`, and each uses only the stages listed before it
//! in `src/lib.rs`'s own documentation, which this test reads (so the list and the code cannot
//! part).

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The stages by line of the list in lib.rs: `N. \`a\`, \`b\`: what they do`.
fn layers(lib: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("//! ")) {
        let Some((n, rest)) = line.split_once(". `") else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else { continue };
        let names = rest.split(':').next().unwrap_or("");
        for name in names.split(',') {
            out.insert(name.trim().trim_matches('`').to_string(), n);
        }
    }
    out
}

/// Every `crate::name` a source file uses, comments and tests left out.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let code: String = code
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let name: String = code[i + 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        out.push(name);
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_stage_uses_a_later_one() {
    let src = repo().join("src");
    let layers = layers(&fs::read_to_string(src.join("lib.rs")).unwrap());
    assert!(layers.len() >= 12, "the list in lib.rs: {layers:?}");
    let commands = layers["serve"];
    let mut broken = Vec::new();
    let mut checked = 0;
    for (stage, &level) in &layers {
        let dir = src.join(stage);
        assert!(
            dir.is_dir(),
            "{stage} is listed in lib.rs but is no folder of src/"
        );
        let mut files = Vec::new();
        rust_files(&dir, &mut files);
        for f in files {
            let text = fs::read_to_string(&f).unwrap();
            for used in uses(&text) {
                checked += 1;
                let ok = match layers.get(&used) {
                    Some(&l) => used == *stage || l < level,
                    // The crate root's own items (`crate::run`, `crate::read_site`): the pipeline,
                    // for the commands built on it only.
                    None => level >= commands,
                };
                if !ok {
                    let rel = f.strip_prefix(repo()).unwrap().display().to_string();
                    broken.push(format!("{rel}: {stage} uses crate::{used}"));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    assert!(checked > 300, "{checked}");
}

#[test]
fn every_folder_of_src_is_a_listed_stage() {
    let src = repo().join("src");
    let layers = layers(&fs::read_to_string(src.join("lib.rs")).unwrap());
    for e in fs::read_dir(&src).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_dir() && name != "cli" {
            assert!(
                layers.contains_key(&name),
                "src/{name}/ is not in lib.rs's list"
            );
        }
    }
    let flat: Vec<String> = fs::read_dir(&src)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut flat = flat;
    flat.sort();
    assert_eq!(
        flat,
        ["lib.rs", "main.rs"],
        "src/ holds stages, not loose files"
    );
}

/// rustfmt leaves a line it cannot fit (a long string literal, a macro body it does not lay out)
/// as it is and says nothing, so the width it keeps everywhere else is checked here.
#[test]
fn no_rust_line_is_wider_than_rustfmt_keeps_them() {
    let mut files = vec![repo().join("build.rs")];
    for dir in ["src", "tests", "examples", "fuzz/fuzz_targets"] {
        rust_files(&repo().join(dir), &mut files);
    }
    assert!(files.len() > 150, "found only {} files", files.len());
    let mut wide = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap();
        for (i, line) in text.lines().enumerate() {
            if line.chars().count() > 100 {
                let rel = f.strip_prefix(repo()).unwrap().display().to_string();
                wide.push(format!("{rel}:{}", i + 1));
            }
        }
    }
    assert!(
        wide.is_empty(),
        "lines over 100 characters:\n{}",
        wide.join("\n")
    );
}
