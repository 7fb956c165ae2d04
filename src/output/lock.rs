//! The output lock: one writer per output directory at a time (a build, or `serve` for as long
//! as it runs). An advisory `flock` on a small file beside the output, `.<name>.lock`, which says
//! who holds it; the kernel drops it when the holder exits, however it exits, so a killed build
//! never leaves the output locked. Within one process the lock is shared (`serve` holds it and
//! runs its own builds). On systems without `flock` there is no lock.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

/// A held lock on an output directory; released when the last clone is dropped.
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; what its lock file says of it.
    Held(String),
    /// The lock file could not be made or locked.
    Io(PathBuf, io::Error),
}

/// The locks this process holds, by lock file path: taken again, they are shared, not refused.
static HELD: Mutex<Option<HashMap<PathBuf, Weak<OutputLock>>>> = Mutex::new(None);

/// The lock file for the output `out` (whose parent is `parent` and file name `name`).
pub fn path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.lock"))
}

/// Takes the lock at `lock_path` without waiting, or says who holds it.
pub fn acquire(lock_path: &Path) -> Result<Arc<OutputLock>, LockError> {
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    let held = held.get_or_insert_with(HashMap::new);
    if let Some(lock) = held.get(lock_path).and_then(Weak::upgrade) {
        return Ok(lock);
    }
    let io_err = |e| LockError::Io(lock_path.to_path_buf(), e);
    // Not truncated on open: the holder's name must survive a refused attempt.
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .map_err(io_err)?;
    if !try_lock(&file).map_err(io_err)? {
        // The holder writes its name just after it takes the lock: give it a moment.
        let mut holder = String::new();
        for _ in 0..20 {
            holder.clear();
            let _ = file
                .rewind()
                .and_then(|()| file.read_to_string(&mut holder));
            if !holder.trim().is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let holder = holder.trim();
        return Err(LockError::Held(if holder.is_empty() {
            "another process".into()
        } else {
            holder.into()
        }));
    }
    let me = format!("{} (pid {})", command(), std::process::id());
    file.set_len(0).map_err(io_err)?;
    file.rewind().map_err(io_err)?;
    file.write_all(me.as_bytes()).map_err(io_err)?;
    let lock = Arc::new(OutputLock { _file: file });
    held.retain(|_, w| w.strong_count() > 0);
    held.insert(lock_path.to_path_buf(), Arc::downgrade(&lock));
    Ok(lock)
}

/// This process's command as a person would name it: `protokoll build`, `protokoll serve`.
fn command() -> String {
    let mut args = std::env::args();
    let program = args
        .next()
        .map(|p| {
            Path::new(&p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "protokoll".into());
    match args.next() {
        Some(sub) if !sub.starts_with('-') => format!("{program} {sub}"),
        _ => program,
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a descriptor this File owns; no memory is passed.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    if e.kind() == io::ErrorKind::WouldBlock {
        Ok(false)
    } else {
        Err(e)
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_within_a_process_and_released_when_dropped() {
        let t = tempfile::tempdir().unwrap();
        let p = path(t.path(), "public");
        let a = acquire(&p).unwrap();
        let b = acquire(&p).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        drop((a, b));
        assert!(
            HELD.lock().unwrap().as_ref().unwrap()[&p]
                .upgrade()
                .is_none()
        );
        acquire(&p).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn another_open_file_is_refused_while_held() {
        let t = tempfile::tempdir().unwrap();
        let p = path(t.path(), "public");
        let _held = acquire(&p).unwrap();
        // A second open file description, as another process would have.
        let other = File::open(&p).unwrap();
        assert!(!try_lock(&other).unwrap());
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(
            text.contains(&format!("(pid {})", std::process::id())),
            "{text}"
        );
    }
}
