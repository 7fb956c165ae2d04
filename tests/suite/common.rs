//! Shared helpers for the integration tests: copy a fixture, build it, read the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A fixture copied into a temp dir, so tests can change it.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("tests/fixtures").join(name), t.path());
    t
}

/// The minimal fixture with a meeting of the styrelse called (a kallelse, no protokoll) for each
/// (day, start time) of `called`.
pub fn with_called(called: &[(&str, &str)]) -> tempfile::TempDir {
    let t = fixture("minimal");
    for (day, time) in called {
        let dir = t.path().join("content/styrelsen").join(day);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("kallelse.md"),
            format!(
                "+++\ntyp = \"kallelse\"\norgan = \"styrelsen\"\ndatum = {day}\nstart \
                = \"{time}\"\nplats = \"Kommunhuset\"\n+++\nVälkomna.\n\n## 1. Val av \
                justerare\n"
            ),
        )
        .unwrap();
    }
    t
}

/// Builds `root` into `root/public`.
pub fn build(root: &Path) -> Result<protokoll::BuildReport, protokoll::BuildError> {
    protokoll::run(
        &protokoll::Build::new(
            root.to_path_buf(),
            root.join("public"),
            protokoll::Mode::Publish,
        ),
        &protokoll::build::progress::none,
    )
    .map(|b| b.report())
}

/// Every file of a tree with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Reads an output file as text.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Reads an output JSON twin.
pub fn json(out: &Path, rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(out, rel)).unwrap()
}

/// Undoes tera's escaping of `/` so tests can look for plain URLs.
pub fn html(out: &Path, rel: &str) -> String {
    read(out, rel).replace("&#x2F;", "/")
}

/// Every file of an output but the tantivy index (its segment ids are random), with its bytes;
/// the manifest without the index's lines.
pub fn comparable(out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("sok/tantivy"))
        .map(|(p, b)| {
            if p == Path::new("manifest-sha256.txt") {
                let text = String::from_utf8(b).unwrap();
                let kept: String = text
                    .lines()
                    .filter(|l| !l.contains("  sok/tantivy/"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                (p, kept.into_bytes())
            } else {
                (p, b)
            }
        })
        .collect()
}
