//! `/manifest-sha256.txt`: one line `<sha256>  <path>` per output file (the BagIt manifest format,
//! which `sha256sum -c` also reads), sorted by path, covering every file of the output but itself.

use crate::output::{MARKER, MARKER_TEXT};
use sha2::{Digest, Sha256, Sha512};
use std::path::Path;

/// The manifest's file name at the output root.
pub const FILE: &str = "manifest-sha256.txt";

/// SHA-256.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex SHA-512.
pub fn sha512_hex(bytes: &[u8]) -> String {
    hex(&Sha512::digest(bytes))
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// A path as BagIt manifests write it: `/` separators, and `%`, CR and LF percent-encoded.
pub fn manifest_path(p: &Path) -> String {
    escape(&p.to_string_lossy().replace('\\', "/"))
}

/// `%`, CR and LF percent-encoded, as in BagIt manifests.
fn escape(p: &str) -> String {
    if !p.contains(['%', '\n', '\r']) {
        return p.to_string();
    }
    p.replace('%', "%25")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
}

/// Manifest lines for `files` (path, bytes), sorted by path.
pub fn lines<'a>(
    files: impl IntoIterator<Item = (&'a Path, &'a [u8])>,
    digest: fn(&[u8]) -> String,
) -> String {
    rows(
        files
            .into_iter()
            .map(|(p, b)| (manifest_path(p), digest(b)))
            .collect(),
    )
}

/// Manifest lines for (path as the manifest writes it, hex digest) rows, sorted by path.
pub fn rows<S: AsRef<str> + Ord>(mut rows: Vec<(S, S)>) -> String {
    rows.sort_unstable();
    let mut out = String::new();
    for (p, h) in rows {
        out.push_str(h.as_ref());
        out.push_str("  ");
        out.push_str(p.as_ref());
        out.push('\n');
    }
    out
}

/// The text of the manifest of `files` (path relative to the output with `/`, SHA-256 taken as the
/// file was written) and the output marker.
pub fn text<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8; 32])>) -> String {
    rows(
        files
            .into_iter()
            .map(|(path, sha)| (escape(path), hex(sha)))
            .chain(std::iter::once((
                MARKER.to_string(),
                sha256_hex(MARKER_TEXT),
            )))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_every_file_but_itself_sorted() {
        let files = crate::output::sink::in_memory(&[
            ("b/index.html".into(), b"b".to_vec()),
            ("a.txt".into(), b"".to_vec()),
        ]);
        let text = text(files.iter().map(|f| (f.path.as_str(), &f.sha256)));
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
