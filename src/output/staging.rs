//! Write: the one place that touches the output directory. Files go to a staging directory beside
//! it (through a [`crate::output::sink::Sink`], as they are rendered), which is then swapped in; a
//! failed build never changes the previous output, and a directory the generator did not create is
//! never replaced.

use crate::output::lock::{self, LockError, OutputLock};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Another process is writing this output: what its lock file says of it.
    Locked(PathBuf, String),
    /// The output is a mount point, which cannot be swapped as a whole.
    MountPoint(PathBuf),
    /// An I/O error, with the path it concerns.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "{}: refusing to replace a non-empty directory that protokoll did \
                    not create (no {MARKER} in it)",
                p.display()
            ),
            WriteError::Locked(p, holder) => write!(
                f,
                "{}: the output is being written by {holder}; wait for it to \
                    finish or stop it, or build into another --output",
                p.display()
            ),
            WriteError::MountPoint(p) => write!(
                f,
                "{}: is a mount point; protokoll swaps in a whole new output \
                    directory, which cannot be done to a mount point: build into a \
                    folder inside it (--output {}) and serve that, or mount the \
                    folder above it",
                p.display(),
                p.join("site").display()
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

/// Where an output really is: a symlink (a web server's docroot, say) is followed, so that its
/// target is replaced and the link kept; a dangling one is an error, not a new directory.
fn real_output(out: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(out).map_err(io_at(out)),
        _ => Ok(out.to_path_buf()),
    }
}

/// The output's parent directory and file name.
fn place(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    (parent.to_path_buf(), name)
}

/// Takes the lock on the output `out` (see [`crate::output::lock`]) for as long as the guard
/// lives; `serve` holds it while it runs.
pub fn lock_output(out: &Path) -> Result<Arc<OutputLock>, WriteError> {
    let real = real_output(out)?;
    let (parent, name) = place(&real);
    fs::create_dir_all(&parent).map_err(io_at(&parent))?;
    // One key per directory however it was named (`public`, `./public`, an absolute path).
    let parent = fs::canonicalize(&parent).map_err(io_at(&parent))?;
    lock::acquire(&lock::path(&parent, &name)).map_err(|e| match e {
        LockError::Held(holder) => WriteError::Locked(out.to_path_buf(), holder),
        LockError::Io(p, e) => WriteError::Io(p, e),
    })
}

/// A fresh staging directory beside the output, to write into while building. [`Staging::commit`]
/// swaps it in; dropped without that (a failed build), it is removed and the output stays as it
/// was. It holds the output's lock from creation to the end of the swap.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    _lock: Arc<OutputLock>,
}

impl Staging {
    /// Creates the staging directory for `out`, after checking that `out` may be replaced, taking
    /// its lock and removing what interrupted builds left beside it.
    pub fn create(out: &Path) -> Result<Staging, WriteError> {
        let real = real_output(out)?;
        check_replaceable(&real)?;
        let (parent, name) = place(&real);
        fs::create_dir_all(&parent).map_err(io_at(&parent))?;
        check_not_mount_point(&real, &parent)?;
        let lock = lock_output(&real)?;
        // Holding the lock, every staging or old tree of this output is an interrupted build's.
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::create_dir(&dir).map_err(io_at(&dir))?;
        Ok(Staging {
            out: real,
            dir,
            old,
            _lock: lock,
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
        let previous = exchange(&self.out, &self.dir, &self.old)?;
        if let Some(previous) = previous {
            remove_tree(&previous);
        }
        Ok(())
        // Dropped here, releasing the lock.
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_dir()) {
            remove_tree(&self.dir);
        }
    }
}

/// Writes all files into a fresh staging directory and swaps it in place of `out`.
pub fn write_all(out: &Path, files: &[OutFile]) -> Result<(), WriteError> {
    let staging = Staging::create(out)?;
    crate::output::sink::Sink::dir(staging.dir()).put_all(files.to_vec(), &Default::default())?;
    staging.commit()
}

/// Refuses an output that is a mount point (a container volume, a mounted web root): renaming
/// it fails with "Device or resource busy", so say so before building.
#[cfg(unix)]
fn check_not_mount_point(out: &Path, parent: &Path) -> Result<(), WriteError> {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(out), fs::metadata(parent)) {
        (Ok(o), Ok(p)) if o.is_dir() && o.dev() != p.dev() => {
            Err(WriteError::MountPoint(out.to_path_buf()))
        }
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn check_not_mount_point(_out: &Path, _parent: &Path) -> Result<(), WriteError> {
    Ok(())
}

/// Removes the staging and old trees of `name` in `parent` that interrupted builds left.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let ours = prefixes.iter().any(|p| {
            file_name
                .strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if ours {
            remove_tree(&entry.path());
        }
    }
}

/// Puts the tree at `staging` in place of `out`; returns where the previous output now is (to be
/// removed), if there was one. On Linux one `renameat2(RENAME_EXCHANGE)`, so `out` is never
/// missing; where that is not available (another system, or a file system without it), two
/// renames through `old`, the second undone if it fails.
fn exchange(out: &Path, staging: &Path, old: &Path) -> Result<Option<PathBuf>, WriteError> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out).map_err(io_at(out))?;
        return Ok(None);
    }
    match exchange_atomically(out, staging) {
        Ok(()) => return Ok(Some(staging.to_path_buf())),
        Err(e) if !unsupported(&e) => return Err(WriteError::Io(out.to_path_buf(), e)),
        Err(_) => {}
    }
    fs::rename(out, old).map_err(io_at(out))?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(old, out);
        return Err(WriteError::Io(out.to_path_buf(), e));
    }
    Ok(Some(old.to_path_buf()))
}

#[cfg(target_os = "linux")]
fn exchange_atomically(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: two NUL-terminated paths that live across the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange_atomically(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Whether an exchange failed only because the system or file system lacks it.
fn unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || matches!(
            e.raw_os_error(),
            Some(libc::EINVAL) | Some(libc::ENOSYS) | Some(libc::EOPNOTSUPP)
        )
}

/// Removes a directory we made, its top-level entries in parallel (unlinking a hundred thousand
/// files is kernel work that two cores do in about half the time). A symlink is unlinked, never
/// followed: what it points to is not ours.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            let _ = fs::remove_file(dir);
            return;
        }
        Err(_) => return,
    }
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
        // No staging left behind; only the (unlocked) lock file beside the output.
        let mut names: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".public.lock", "public"]);
    }
}

#[cfg(test)]
mod fault_tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_keeps_its_target_and_its_link() {
        let t = tempfile::tempdir().unwrap();
        let site = t.path().join("site");
        write_all(&site, &[("a/index.html".into(), b"1".to_vec())]).unwrap();
        let out = t.path().join("public");
        std::os::unix::fs::symlink(&site, &out).unwrap();
        write_all(&out, &[("b/index.html".into(), b"2".to_vec())]).unwrap();
        assert!(fs::symlink_metadata(&out).unwrap().file_type().is_symlink());
        assert_eq!(fs::read(site.join("b/index.html")).unwrap(), b"2");
        assert!(!site.join("a").exists());
        assert!(site.join(MARKER).is_file());
    }

    #[test]
    fn leftovers_of_interrupted_builds_are_removed_by_the_next() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        write_all(&out, &[("a.html".into(), b"1".to_vec())]).unwrap();
        for left in [".public.staging-4000000", ".public.old-4000001"] {
            fs::create_dir_all(t.path().join(left).join("x")).unwrap();
            fs::write(t.path().join(left).join("x/y.html"), "z").unwrap();
        }
        fs::create_dir(t.path().join(".other.staging-4000000")).unwrap();
        write_all(&out, &[("b.html".into(), b"2".to_vec())]).unwrap();
        let mut names: Vec<String> = fs::read_dir(t.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".other.staging-4000000", ".public.lock", "public"]);
    }

    #[cfg(unix)]
    #[test]
    fn another_writer_is_refused_and_named() {
        use std::os::fd::AsRawFd;
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        write_all(&out, &[("a.html".into(), b"1".to_vec())]).unwrap();
        // Another process's lock: its own open file, with its name in it.
        let other = fs::File::create(t.path().join(".public.lock")).unwrap();
        fs::write(t.path().join(".public.lock"), "protokoll serve (pid 42)").unwrap();
        assert_eq!(
            unsafe { libc::flock(other.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) },
            0
        );
        let err = write_all(&out, &[("b.html".into(), b"2".to_vec())]).unwrap_err();
        assert!(
            err.to_string().contains("protokoll serve (pid 42)"),
            "{err}"
        );
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"1");
        drop(other);
        write_all(&out, &[("b.html".into(), b"2".to_vec())]).unwrap();
    }

    #[test]
    fn the_swap_exchanges_two_trees() {
        let t = tempfile::tempdir().unwrap();
        let (a, b) = (t.path().join("a"), t.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("f"), "from a").unwrap();
        fs::write(b.join("f"), "from b").unwrap();
        let old = t.path().join("old");
        let left = exchange(&a, &b, &old).unwrap().unwrap();
        assert_eq!(fs::read_to_string(a.join("f")).unwrap(), "from b");
        assert_eq!(fs::read_to_string(left.join("f")).unwrap(), "from a");
        // On Linux the old tree is where the new one was: one atomic step, no third name.
        #[cfg(target_os = "linux")]
        assert_eq!(left, b);
    }
}
