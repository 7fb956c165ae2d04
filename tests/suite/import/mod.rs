//! The import's readers on real files: the .docx and .pdf that `tests/import/make_documents.py`
//! made with LibreOffice from the seed protokoll and kallelser, the seed texts themselves, the bad
//! inputs, the split of the seed bundles into their documents, and `protokoll import` end to end
//! (with the fields of the .docx and .pdf equal to those of the text), and an imported vote that
//! builds.

mod bad;
mod command;
mod parity;
mod readers;
mod robust;
mod split;
mod vote;

use protokoll::import::{self, Source};
use std::path::{Path, PathBuf};

/// A file under tests/import/documents/.
pub fn doc(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import/documents")
        .join(name)
}

/// A seed text (`000`, `002` …) from tests/import/seeds (copies of the seed documents).
pub fn seed(prefix: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/import/seeds");
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

/// Reads a file, failing the test with the reader's message.
pub fn read(path: &Path) -> Source {
    import::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Asserts two word sequences are equal, showing where they part.
pub fn same_words(a: &[String], b: &[String], what: &str) {
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let from = i.saturating_sub(8);
        panic!(
            "{what}: the words part at word {i} of {}/{}:\n  {:?}\n  {:?}",
            a.len(),
            b.len(),
            &a[from..(i + 8).min(a.len())],
            &b[from..(i + 8).min(b.len())]
        );
    }
}
