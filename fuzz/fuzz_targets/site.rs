//! Fuzzes a whole site: the minimal fixture's register and files with one fuzzed content file
//! beside them, through resolve and render. Errors are fine; a panic, or two output files on one
//! path, is a finding.

#![no_main]

use libfuzzer_sys::fuzz_target;
use protokoll::reading::load::{SourceFile, parse_file};
use std::path::{Path, PathBuf};

/// The minimal fixture, relative to the repository.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!("../../tests/fixtures/minimal/", $path))
    };
}

const FIXTURE: &[(&str, &str, bool)] = &[
    (
        "content/register/register.toml",
        fixture!("content/register/register.toml"),
        true,
    ),
    (
        "content/styrelsen/2024-01-10/protokoll.md",
        fixture!("content/styrelsen/2024-01-10/protokoll.md"),
        false,
    ),
    (
        "content/styrelsen/2024-01-10/kallelse.md",
        fixture!("content/styrelsen/2024-01-10/kallelse.md"),
        false,
    ),
    (
        "content/dokument/budget.md",
        fixture!("content/dokument/budget.md"),
        false,
    ),
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut files: Vec<SourceFile> = FIXTURE
        .iter()
        .filter_map(|(p, t, r)| parse_file(PathBuf::from(p), t.to_string(), *r).ok())
        .collect();
    match parse_file(PathBuf::from("content/fuzz.md"), text.to_string(), false) {
        Ok(f) => files.push(f),
        Err(_) => return,
    }
    let config = protokoll::model::config::Config::default();
    let Ok(site) = protokoll::resolve::resolve(config, &files) else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Ok(out) = protokoll::render::render(&site, &root) {
        // No two output files may land on the same path on disk.
        let mut paths: Vec<PathBuf> = out.iter().map(|(p, _)| p.components().collect()).collect();
        paths.sort();
        let n = paths.len();
        paths.dedup();
        assert_eq!(n, paths.len(), "two output files on one path");
        let written = protokoll::output::sink::in_memory(&out);
        let targets = protokoll::output::links::Targets::new(&written);
        let _ = protokoll::output::links::check(&written, &targets);
    }
});
