//! Write: the one place that touches the output directory. Files go to a staging directory beside
//! it (through a [`crate::output::sink::Sink`], as they are rendered), which is then swapped in; a failed
//! build never changes the previous output, and a directory the generator did not create is never
//! replaced.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a directory as made by protokoll.
pub const MARKER: &str = ".protokoll-output";

/// What the marker file says.
pub const MARKER_TEXT: &[u8] =
    b"This directory is written by protokoll build and replaced on every build.\n";

/// A rendered file: a path relative to the output root and its bytes.
pub type OutFile = (PathBuf, Vec<u8>);

/// Why the output could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output directory holds files protokoll did not write.
    NotOurs(PathBuf),
    /// An I/O error, with the path it concerns.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "{}: refusing to replace a non-empty directory that protokoll did not create (no {MARKER} in it)",
                p.display()
            ),
            WriteError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

fn io_at(p: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

/// Checks that `out` may be replaced: absent, empty, or marked as ours.
pub fn check_replaceable(out: &Path) -> Result<(), WriteError> {
    match fs::read_dir(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WriteError::Io(out.to_path_buf(), e)),
        Ok(mut entries) => {
            if entries.next().is_none() || out.join(MARKER).is_file() {
                Ok(())
            } else {
                Err(WriteError::NotOurs(out.to_path_buf()))
            }
        }
    }
}

/// A fresh staging directory beside the output, to write into while building. [`Staging::commit`]
/// swaps it in; dropped without that (a failed build), it is removed and the output stays as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
}

impl Staging {
    /// Creates the staging directory for `out`, after checking that `out` may be replaced.
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        check_replaceable(out)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(io_at(parent))?;
        let name = out
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).map_err(io_at(&dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            old,
        })
    }

    /// The staging directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the marker and swaps the staging directory in place of the output.
    pub fn commit(self) -> Result<(), WriteError> {
        check_replaceable(&self.out)?;
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(io_at(&marker))?;
        swap(&self.out, &self.dir, &self.old)
        // Dropped here: after a swap the staging path no longer exists.
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Writes all files into a fresh staging directory and swaps it in place of `out`.
pub fn write_all(out: &Path, files: &[OutFile]) -> Result<(), WriteError> {
    let staging = Staging::create(out)?;
    crate::output::sink::Sink::Dir(staging.dir().to_path_buf())
        .put_all(files.to_vec(), &Default::default())?;
    staging.commit()
}

fn swap(out: &Path, staging: &Path, old: &Path) -> Result<(), WriteError> {
    let had_old = out.exists();
    if had_old {
        fs::rename(out, old).map_err(io_at(out))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(WriteError::Io(out.to_path_buf(), e));
    }
    if had_old {
        remove_tree(old);
    }
    Ok(())
}

/// Removes a directory we made, its top-level entries in parallel (unlinking a hundred thousand
/// files is kernel work that two cores do in about half the time).
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.par_iter().for_each(|p| {
        let _ = match fs::symlink_metadata(p) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(p),
            _ => fs::remove_file(p),
        };
    });
    let _ = fs::remove_dir_all(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_foreign_directory() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("important.txt"), "x").unwrap();
        assert!(matches!(write_all(&out, &[]), Err(WriteError::NotOurs(_))));
        assert_eq!(fs::read_to_string(out.join("important.txt")).unwrap(), "x");
    }

    #[test]
    fn replaces_its_own_output_completely() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        write_all(&out, &[("a/index.html".into(), b"1".to_vec())]).unwrap();
        write_all(&out, &[("b/index.html".into(), b"2".to_vec())]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(fs::read(out.join("b/index.html")).unwrap(), b"2");
        assert_eq!(
            fs::read_dir(t.path()).unwrap().count(),
            1,
            "no staging left behind"
        );
    }
}
