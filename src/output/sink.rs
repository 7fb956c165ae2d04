//! Where output files go as soon as they are made: into a staging directory (`build`), nowhere
//! (`check`), or into memory (tests). Each file leaves a [`WrittenFile`] behind, its path, SHA-256
//! and length, and for HTML what the link check needs, so no page's bytes outlive its writing.
//! For a site published in a folder of its host, the sink puts the base path before each site
//! path of a file as it writes it (`markup::rebase`): everything before it, the link check
//! included, speaks in site paths.

use crate::output::pagelinks::{Known, PageLinks};
use crate::output::{OutFile, WriteError};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What is kept of an output file once it is written.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    /// The path relative to the output root, `/`-separated.
    pub path: String,
    /// SHA-256 of the bytes.
    pub sha256: [u8; 32],
    /// Length in bytes.
    pub len: u64,
    /// For an HTML file (UTF-8): its ids and the links it left for the final check.
    pub html: Option<PageLinks>,
    /// The bytes themselves, from a [`Place::Memory`] only.
    pub bytes: Option<Vec<u8>>,
}

impl WrittenFile {
    /// Whether this is an HTML page.
    pub fn is_html(&self) -> bool {
        self.path.ends_with(".html")
    }
}

/// Where files go, and the base path they are published under.
#[derive(Debug, Clone)]
pub struct Sink {
    place: Place,
    /// The path part of `bas_url` ("" at the root of the host).
    base: Box<str>,
}

/// Where files go.
#[derive(Debug, Clone)]
pub enum Place {
    /// Into this directory (a staging directory: the caller swaps or removes it).
    Dir(PathBuf),
    /// Nowhere: the files are hashed and read for links, then dropped.
    Discard,
    /// Kept in [`WrittenFile::bytes`].
    Memory,
}

impl Sink {
    /// Files into directory `dir`.
    pub fn dir(dir: impl Into<PathBuf>) -> Sink {
        Sink::new(Place::Dir(dir.into()))
    }

    /// Files nowhere.
    pub fn discard() -> Sink {
        Sink::new(Place::Discard)
    }

    /// Files into memory.
    pub fn memory() -> Sink {
        Sink::new(Place::Memory)
    }

    fn new(place: Place) -> Sink {
        Sink {
            place,
            base: "".into(),
        }
    }

    /// The same sink, writing for a site published under `base` (`/kommun/protokoll`).
    pub fn under(self, base: &str) -> Sink {
        Sink {
            base: base.into(),
            ..self
        }
    }

    /// The bytes of the file at `path` as they are written: with the base path before each of
    /// its site paths (unchanged at the root).
    pub fn published(&self, path: &str, bytes: Vec<u8>) -> Vec<u8> {
        crate::markup::rebase::file(path, &bytes, &self.base).unwrap_or(bytes)
    }

    /// Creates every folder the files at `paths` need, once, parents before children (one level at
    /// a time, each level in parallel), so that files can then be written from any thread. A folder
    /// that already exists is fine: another part of the build may have made it.
    pub fn make_dirs<'a>(
        &self,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), WriteError> {
        let Place::Dir(root) = &self.place else {
            return Ok(());
        };
        let mut levels: Vec<BTreeSet<&str>> = Vec::new();
        for p in paths {
            for (depth, (i, _)) in p.match_indices('/').enumerate() {
                if levels.len() <= depth {
                    levels.resize_with(depth + 1, BTreeSet::new);
                }
                levels[depth].insert(&p[..i]);
            }
        }
        for level in &levels {
            level.par_iter().try_for_each(|dir| {
                let path = root.join(dir);
                match fs::create_dir(&path) {
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists && path.is_dir() => Ok(()),
                    r => r.map_err(|e| WriteError::Io(path, e)),
                }
            })?;
        }
        Ok(())
    }

    /// Writes one file (its folder must exist, see [`Sink::make_dirs`]) and returns what is kept
    /// of it; an HTML file is read for the link check against the `known` paths, in site paths
    /// (before the base path is put in).
    pub fn put(
        &self,
        path: String,
        bytes: Vec<u8>,
        known: &Known<'_>,
    ) -> Result<WrittenFile, WriteError> {
        let html = if path.ends_with(".html") {
            std::str::from_utf8(&bytes)
                .ok()
                .map(|s| PageLinks::read(&path, s, known))
        } else {
            None
        };
        let bytes = self.published(&path, bytes);
        if let Place::Dir(root) = &self.place {
            let full = root.join(&path);
            fs::write(&full, &bytes).map_err(|e| WriteError::Io(full, e))?;
        }
        Ok(WrittenFile {
            sha256: crate::output::manifest::sha256(&bytes),
            len: bytes.len() as u64,
            html,
            bytes: matches!(self.place, Place::Memory).then_some(bytes),
            path,
        })
    }

    /// Writes `files` (in parallel, folders first) and returns what is kept of them.
    pub fn put_all(
        &self,
        files: Vec<OutFile>,
        known: &Known<'_>,
    ) -> Result<Vec<WrittenFile>, WriteError> {
        let files: Vec<(String, Vec<u8>)> =
            files.into_iter().map(|(p, b)| (slashed(&p), b)).collect();
        self.make_dirs(files.iter().map(|(p, _)| p.as_str()))?;
        files
            .into_par_iter()
            .map(|(p, b)| self.put(p, b, known))
            .collect()
    }
}

impl Sink {
    /// Removes files (relative paths) and the folders they leave empty; a file already gone is
    /// fine. For `serve`, whose search export loses files when the index changes.
    pub fn remove(&self, paths: &[PathBuf]) -> Result<(), WriteError> {
        let Place::Dir(root) = &self.place else {
            return Ok(());
        };
        for p in paths {
            let path = root.join(p);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(WriteError::Io(path, e));
                }
                _ => {}
            }
            for dir in p.ancestors().skip(1).filter(|d| !d.as_os_str().is_empty()) {
                if fs::remove_dir(root.join(dir)).is_err() {
                    break; // not empty
                }
            }
        }
        Ok(())
    }
}

/// A relative path with `/` separators, as [`WrittenFile::path`] holds it.
pub fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// What is kept of files held in memory (bytes included), every link of their HTML left for the
/// final check: for tests and fuzzing.
pub fn in_memory(files: &[OutFile]) -> Vec<WrittenFile> {
    let none = HashSet::new();
    files
        .iter()
        .filter_map(|(p, b)| Sink::memory().put(slashed(p), b.clone(), &none).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_in_new_folders_and_keeps_their_hashes() {
        let t = tempfile::tempdir().unwrap();
        let sink = Sink::dir(t.path());
        let w = sink
            .put_all(
                vec![
                    ("a/b/index.html".into(), b"<p id=\"x\">".to_vec()),
                    ("a/c.txt".into(), b"".to_vec()),
                ],
                &HashSet::new(),
            )
            .unwrap();
        assert_eq!(
            fs::read(t.path().join("a/b/index.html")).unwrap(),
            b"<p id=\"x\">"
        );
        assert_eq!(
            crate::output::manifest::hex(&w[1].sha256),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(w[0].html.as_ref().unwrap().ids, vec![Box::from("x")]);
        assert!(w.iter().all(|f| f.bytes.is_none()));
    }

    #[test]
    fn only_a_memory_sink_keeps_the_bytes() {
        let file = || vec![("a/index.html".into(), b"x".to_vec())];
        let none = HashSet::new();
        let w = Sink::discard().put_all(file(), &none).unwrap();
        assert_eq!((w[0].len, w[0].bytes.is_none()), (1, true));
        let w = Sink::memory().put_all(file(), &none).unwrap();
        assert_eq!(w[0].bytes.as_deref(), Some(&b"x"[..]));
    }
}
