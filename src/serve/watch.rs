//! The file watcher of `serve`: notify events for `content/`, `themes/`, `templates/`, `static/`
//! and `protokoll.toml` and `justerade.toml`, without the reads (a build reads every file; reacting
//! to that would rebuild for ever), filtered to the changes that can alter the site. The serve loop
//! debounces.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders under the site root whose changes trigger a rebuild.
pub const WATCHED_DIRS: &[&str] = &["content", "themes", "templates", "static"];

/// The config file whose changes trigger a rebuild.
pub const CONFIG_FILE: &str = "protokoll.toml";

/// The ledger of justerade protokoll: `protokoll build` run beside a preview may seal one, which
/// changes what the next preview must accept.
pub const LEDGER_FILE: &str = crate::output::ledger::FILE;

/// How long the tree must be quiet before a batch of changes is rebuilt. Editors write a file in
/// several steps (temp file, rename, chmod); one rebuild per save is the point.
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// The longest a batch is held back while changes keep coming.
pub const MAX_DELAY: Duration = Duration::from_secs(2);

/// What the watcher tells the serve loop.
#[derive(Debug)]
pub enum Change {
    /// Paths changed (absolute, unfiltered).
    Paths(Vec<PathBuf>),
    /// The watcher failed.
    Error(String),
}

/// A running watcher. Dropping it stops watching.
pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
}

impl Watch {
    /// Starts watching the site at `root` (canonical); changes are sent through `send`.
    pub fn start<F>(root: &Path, send: F) -> Result<Watch, String>
    where
        F: Fn(Change) + Send + 'static,
    {
        let watcher =
            notify::recommended_watcher(move |res: notify::Result<notify::Event>| match res {
                Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
                Ok(e) => send(Change::Paths(e.paths)),
                Err(e) => send(Change::Error(e.to_string())),
            })
            .map_err(|e| e.to_string())?;
        let mut w = Watch {
            root: root.to_path_buf(),
            watcher,
            watched: BTreeSet::new(),
        };
        // The root itself, not recursively: protokoll.toml, and folders created later.
        w.watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("{}: {e}", root.display()))?;
        w.refresh()?;
        Ok(w)
    }

    /// Watches any of the [`WATCHED_DIRS`] that exist now and were not watched yet.
    pub fn refresh(&mut self) -> Result<(), String> {
        for name in WATCHED_DIRS {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.watcher
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
                self.watched.insert(dir);
            }
        }
        Ok(())
    }
}

/// Sender adapter: forwards watcher changes into the serve loop's channel.
pub fn forward<T: Send + 'static>(tx: Sender<T>, wrap: fn(Change) -> T) -> impl Fn(Change) + Send {
    move |c| {
        let _ = tx.send(wrap(c));
    }
}

/// The changed paths that matter, relative to `root`, sorted: files under the watched folders and
/// the config file, leaving out editor droppings (`.#x`, `x~`, `.x.swp`, vim's `4913`).
pub fn relevant(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(root).ok())
        .filter(|rel| {
            let mut parts = rel.components();
            let first = parts.next().and_then(|c| c.as_os_str().to_str());
            let watched = match first {
                Some(CONFIG_FILE | LEDGER_FILE) => parts.next().is_none(),
                Some(dir) => WATCHED_DIRS.contains(&dir),
                None => false,
            };
            watched && !is_editor_temp(rel)
        })
        .map(Path::to_path_buf)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn is_editor_temp(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    name.starts_with(".#")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_site_sources_and_drops_the_rest() {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = [
            "/site/content/styrelsen/2024-01-10/protokoll.md",
            "/site/protokoll.toml",
            "/site/justerade.toml",
            "/site/themes/default/static/style.css",
            "/site/templates/base.html",
            "/site/static/logo.svg",
            "/site/public/index.html",
            "/site/target/debug/x",
            "/site/content/.protokoll.md.swp",
            "/site/content/protokoll.md~",
            "/site/content/4913",
            "/site/content/.#protokoll.md",
            "/site/protokoll.toml.bak",
            "/elsewhere/content/a.md",
            "/site/content/styrelsen/2024-01-10/protokoll.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let got = relevant(root, &paths);
        let want: Vec<PathBuf> = [
            "content/styrelsen/2024-01-10/protokoll.md",
            "justerade.toml",
            "protokoll.toml",
            "static/logo.svg",
            "templates/base.html",
            "themes/default/static/style.css",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(got, want);
    }
}
