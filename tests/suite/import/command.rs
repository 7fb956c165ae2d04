//! `protokoll import` end to end: each seed text into an empty site (this repository's
//! protokoll.toml and organ register, no people), what it writes, that the drafts build once the
//! register entries it wrote are accepted, that a second import writes nothing, and that every bad
//! input stops it with a message, exit 1 and nothing written.

use super::{doc, seed};
use crate::common::{build, repo, snapshot};
use std::path::Path;
use std::process::{Command, Output};

/// An empty site: the repository's settings and organ and organisation registers.
pub(super) fn site() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let reg = t.path().join("content/register");
    std::fs::create_dir_all(&reg).unwrap();
    std::fs::copy(
        repo().join("protokoll.toml"),
        t.path().join("protokoll.toml"),
    )
    .unwrap();
    for f in ["organ.toml", "organisationer.toml"] {
        std::fs::copy(repo().join("content/register").join(f), reg.join(f)).unwrap();
    }
    t
}

pub(super) fn import(root: &Path, files: &[&Path], extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .arg("import")
        .args(files)
        .args(extra)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap()
}

pub(super) fn text(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The front matter of a content file, parsed.
fn front(root: &Path, rel: &str) -> toml::Table {
    let t = text(root, rel);
    let fm = t
        .strip_prefix("+++\n")
        .and_then(|r| r.split_once("\n+++\n"))
        .unwrap_or_else(|| panic!("{rel}: no front matter"))
        .0;
    fm.parse().unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Moves the register entries the import wrote into the register.
pub(super) fn accept_register(root: &Path) {
    let mut all = String::new();
    for e in std::fs::read_dir(root).unwrap().flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with("nya-personer") {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap());
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    std::fs::write(root.join("content/register/personer.toml"), all).unwrap();
}

#[test]
fn a_protokoll_with_a_header_table_becomes_a_draft_that_builds() {
    let s = site();
    let out = import(s.path(), &[&seed("000")], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("8 §§, 6 decisions, 2 Dnr, 18 names in 3 groups"),
        "{stdout}"
    );
    assert!(
        stdout.contains("left out: line 43 (page number): 34"),
        "{stdout}"
    );
    let rel = "content/styrelsen/2024-09-12/protokoll.md";
    let fm = front(s.path(), rel);
    assert_eq!(fm["datum"].as_datetime().unwrap().to_string(), "2024-09-12");
    assert_eq!(fm["start"].as_str(), Some("09:00"));
    assert_eq!(fm["slut"].as_str(), Some("10:30"));
    assert_eq!(fm["plats"].as_str(), Some("Digitalt via Teams"));
    assert_eq!(fm["ordforande"].as_str(), Some("Andreas Erlandsson (S)"));
    assert_eq!(fm["sekreterare"].as_str(), Some("Ulrika Ericsson"));
    assert_eq!(fm["paragrafer"].as_str(), Some("§§ 28-35"));
    let narvaro = fm["narvaro"].as_table().unwrap();
    assert_eq!(narvaro["beslutande"].as_array().unwrap().len(), 11);
    assert_eq!(
        narvaro["ej_tjanstgorande"].as_array().unwrap(),
        &vec![
            toml::Value::from("Henric Gustavsson (C)"),
            toml::Value::from("Åke Bergh (M)")
        ]
    );
    let body = text(s.path(), rel);
    assert!(body.contains("\n## § 30 Ny ersättare Nybro kommun\n\nDnr: 2023/07\n\n### Bakgrund\n"));
    assert!(body.contains("Föredragande: Cecilia Frid, Jessica Leksell, Kommunförbundet"));
    assert!(!body.contains("\n34\n"), "a page number is left in");
    // The names the register does not know, ready to review; accepted, the draft builds.
    let review = text(s.path(), "nya-personer.toml");
    assert!(
        review.contains("namn = \"Henrik Nilsson Bokor\""),
        "{review}"
    );
    accept_register(s.path());
    let report = build(s.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pages > 5);
}

#[test]
fn a_bundle_becomes_its_meetings_and_documents_linked_to_their_items() {
    let s = site();
    let out = import(s.path(), &[&seed("004")], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let k = front(s.path(), "content/styrelsen/2024-06-13/kallelse.md");
    assert_eq!(k["typ"].as_str(), Some("kallelse"));
    assert_eq!(k["plats"].as_str(), Some("Munken Hotell, Mönsterås"));
    assert_eq!(k["start"].as_str(), Some("14:00"));
    assert_eq!(
        k["utfardad"].as_datetime().unwrap().to_string(),
        "2024-06-04"
    );
    let rows = k["sandlista"]["rad"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    assert_eq!(rows[0]["kommun"].as_str(), Some("Borgholm"));
    assert_eq!(rows[0]["ordinarie"][0].as_str(), Some("Ilko Corkovic (S)"));
    let docs: Vec<String> = std::fs::read_dir(s.path().join("content/dokument"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(docs.len(), 12, "{docs:?}");
    let tj = docs
        .iter()
        .find(|d| d.contains("negativt-resultat"))
        .unwrap();
    let fm = front(s.path(), &format!("content/dokument/{tj}"));
    assert_eq!(fm["typ"].as_str(), Some("tjansteskrivelse"));
    assert_eq!(fm["mote"].as_str(), Some("styrelsen/2024-06-13"));
    assert_eq!(fm["punkt"].as_str(), Some("5"));
    accept_register(s.path());
    build(s.path()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_seed_imports_and_builds() {
    let s = site();
    let seeds: Vec<_> = ["000", "001", "002", "003", "004"].map(seed).to_vec();
    let files: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let out = import(s.path(), &files, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A year the paper leaves out is taken from the bundle's kallelse, and said.
    let p = text(s.path(), "content/forbundsmotet/2024-04-25/protokoll.md");
    assert!(
        p.contains("# import: the paper prints \"25 april\" without a year"),
        "{p}"
    );
    // Items printed without numbers are numbered, and the attendance table read.
    let fm = front(
        s.path(),
        "content/presidiekonferensen/2020-10-02/protokoll.md",
    );
    assert_eq!(fm["narvaro"]["anmalda"].as_array().unwrap().len(), 72);
    accept_register(s.path());
    let report = build(s.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pages > 20);
}

#[test]
fn a_second_import_writes_nothing() {
    let s = site();
    assert!(import(s.path(), &[&seed("000")], &[]).status.success());
    let before = snapshot(s.path());
    let out = import(s.path(), &[&seed("000")], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("protokoll.md exists"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(snapshot(s.path()), before);
}

#[test]
fn the_organ_can_be_given() {
    let s = site();
    let out = import(
        s.path(),
        &[&seed("001")],
        &["--organ", "presidiekonferensen"],
    );
    assert!(out.status.success());
    assert!(
        s.path()
            .join("content/presidiekonferensen/2022-11-25/protokoll.md")
            .exists()
    );
}

#[test]
fn bad_inputs_stop_the_import_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let not_minutes = dir.path().join("recept.txt");
    std::fs::write(
        &not_minutes,
        "Pannkakor\n\nVispa mjöl och mjölk. Stek i smör.\n",
    )
    .unwrap();
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (doc("bad/scanned.pdf"), "no text layer: run OCR first"),
        (doc("bad/encrypted.pdf"), "encrypted PDF"),
        (doc("bad/corrupt.pdf"), "damaged PDF"),
        (doc("bad/corrupt.docx"), "damaged"),
        (doc("bad/not-word.docx"), "not a Word document"),
        (doc("bad/old-word.doc"), ".doc"),
        (not_minutes.clone(), "not minutes"),
    ];
    for (file, says) in cases {
        let s = site();
        let before = snapshot(s.path());
        // A good file before the bad one: still nothing is written.
        let out = import(s.path(), &[&seed("000"), &file], &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", file.display());
        assert!(err.contains(says), "{}: {err}", file.display());
        assert!(err.contains(&file.display().to_string()), "{err}");
        assert_eq!(snapshot(s.path()), before, "{}", file.display());
    }
}
