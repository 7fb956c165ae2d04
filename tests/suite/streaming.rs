//! Pages are written to the staging directory as they are rendered: what that must not change. A
//! build that fails after pages were written leaves the previous output as it was and no staging
//! directory behind; `check` writes nothing; the manifest's hashes are those of the files on disk;
//! the output does not depend on the number of threads.

use crate::common::*;
use protokoll::BuildError;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The names in a directory (not recursive).
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn a_broken_link_found_after_the_pages_were_written_leaves_the_previous_output_and_no_staging() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let before = snapshot(&out);
    let root_before = names(t.path());
    fs::create_dir(t.path().join("templates")).unwrap();
    fs::write(
        t.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<a \
            href=\"/finns-inte/\">x</a>{% endblock content %}",
    )
    .unwrap();
    let Err(BuildError::Links(broken)) = build(t.path()) else {
        panic!("expected broken links")
    };
    assert!(
        broken
            .iter()
            .any(|l| l.contains("/finns-inte/ → no such page")),
        "{broken:?}"
    );
    assert_eq!(snapshot(&out), before, "previous output changed");
    let mut expected = root_before;
    expected.push("templates".into());
    expected.sort();
    assert_eq!(names(t.path()), expected, "a staging directory was left");
}

#[test]
fn a_broken_link_in_a_source_leaves_the_previous_output_and_no_staging() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let before = snapshot(&out);
    let root_before = names(t.path());
    let p = t.path().join("content/dokument/budget.md");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(
        &p,
        text.replace("/styrelsen/2024-01-10/2/", "/styrelsen/2024-01-10/9/"),
    )
    .unwrap();
    assert!(matches!(build(t.path()), Err(BuildError::Content(_))));
    assert_eq!(snapshot(&out), before, "previous output changed");
    assert_eq!(names(t.path()), root_before, "a staging directory was left");
}

#[test]
fn check_renders_everything_and_writes_nothing() {
    let t = fixture("kommun");
    let site = tempfile::tempdir().unwrap();
    let root = site.path().join("site");
    copy_tree(t.path(), &root);
    let before = snapshot(site.path());
    let v = protokoll::run(
        &protokoll::Build::new(&root, "", protokoll::Mode::Check),
        &protokoll::build::progress::none,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(v.pages() > 10);
    assert!(v.files.iter().all(|f| f.bytes.is_none()));
    assert_eq!(snapshot(site.path()), before, "check wrote something");
}

#[test]
fn the_manifest_holds_the_hashes_of_the_files_on_disk_and_check_finds_the_same() {
    let t = fixture("kommun");
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = t.path().join("public");
    let files = snapshot(&out);
    assert_eq!(report.files, files.len());
    let manifest = read(&out, "manifest-sha256.txt");
    let listed: BTreeMap<&str, &str> = manifest
        .lines()
        .map(|l| {
            let (h, p) = l.split_once("  ").unwrap();
            (p, h)
        })
        .collect();
    for (p, bytes) in &files {
        let p = p.to_string_lossy().replace('\\', "/");
        if p != "manifest-sha256.txt" {
            assert_eq!(
                listed[p.as_str()],
                protokoll::output::manifest::sha256_hex(bytes),
                "{p}"
            );
        }
    }
    // `check` hashes the same bytes without writing them (the index aside: its ids are random).
    let v = protokoll::run(
        &protokoll::Build::new(t.path(), "", protokoll::Mode::Check),
        &protokoll::build::progress::none,
    )
    .unwrap();
    for f in v
        .files
        .iter()
        .filter(|f| !f.path.starts_with("sok/tantivy/"))
    {
        if f.path != "manifest-sha256.txt" {
            let hex = protokoll::output::manifest::hex(&f.sha256);
            assert_eq!(listed[f.path.as_str()], hex, "{}", f.path);
        }
    }
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    let t = fixture("kommun");
    let build_with = |threads: usize, name: &str| {
        let out = t.path().join(name);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            protokoll::run(
                &protokoll::Build::new(
                    t.path().to_path_buf(),
                    out.clone(),
                    protokoll::Mode::Publish,
                ),
                &protokoll::build::progress::none,
            )
            .map(|b| b.report())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        out
    };
    let one = build_with(1, "one");
    let four = build_with(4, "four");
    assert_eq!(comparable(&one), comparable(&four));
    let dirs = |out: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(out)
            .sort_by_file_name()
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(out).unwrap().to_path_buf())
            .collect()
    };
    assert_eq!(dirs(&one), dirs(&four));
}
