//! `/manifest-sha256.txt`: one line `<sha256>  <path>` per output file (the BagIt manifest format,
//! which `sha256sum -c` also reads), sorted by path, covering every file of the output but itself.

use crate::output::{MARKER, MARKER_TEXT, OutFile};
use sha2::{Digest, Sha256, Sha512};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The manifest's file name at the output root.
pub const FILE: &str = "manifest-sha256.txt";

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex SHA-512.
pub fn sha512_hex(bytes: &[u8]) -> String {
    hex(&Sha512::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A path as BagIt manifests write it: `/` separators, and `%`, CR and LF percent-encoded.
pub fn manifest_path(p: &Path) -> String {
    p.to_string_lossy()
        .replace('\\', "/")
        .replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

/// Manifest lines for `files` (path, bytes), sorted by path.
pub fn lines<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
    digest: fn(&[u8]) -> String,
) -> String {
    let mut rows: Vec<(String, String)> = files
        .into_iter()
        .map(|(p, b)| (manifest_path(p), digest(b)))
        .collect();
    rows.sort();
    let mut out = String::new();
    for (p, h) in rows {
        let _ = writeln!(out, "{h}  {p}");
    }
    out
}

/// Adds the manifest of every file (and the output marker) to `files`.
pub fn add(files: &mut Vec<OutFile>) {
    let marker = PathBuf::from(MARKER);
    let text = lines(
        files
            .iter()
            .map(|(p, b)| (p.as_path(), b.as_slice()))
            .chain(std::iter::once((marker.as_path(), MARKER_TEXT))),
        sha256_hex,
    );
    files.push((PathBuf::from(FILE), text.into_bytes()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_every_file_but_itself_sorted() {
        let mut files: Vec<OutFile> = vec![
            ("b/index.html".into(), b"b".to_vec()),
            ("a.txt".into(), b"".to_vec()),
        ];
        add(&mut files);
        let text = String::from_utf8(files.last().unwrap().1.clone()).unwrap();
        let paths: Vec<&str> = text
            .lines()
            .map(|l| l.split_once("  ").unwrap().1)
            .collect();
        assert_eq!(paths, vec![".protokoll-output", "a.txt", "b/index.html"]);
        assert!(
            text.contains(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a.txt\n"
            )
        );
    }

    #[test]
    fn odd_characters_in_paths_are_percent_encoded() {
        assert_eq!(manifest_path(Path::new("a%b\nc")), "a%25b%0Ac");
    }
}
