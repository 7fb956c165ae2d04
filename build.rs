//! Embeds the default theme (`themes/default/`) in the binary: writes the list of its files, each
//! with its bytes by `include_bytes!`, so a binary copied anywhere (or `cargo install`ed) builds a
//! site that has no theme of its own. Also records the source commit for `protokoll --version`.

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let theme = root.join("themes").join("default");
    println!("cargo:rerun-if-changed={}", theme.display());
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut out = String::from("/// The default theme's files: (path under the theme, bytes).\n");
    out.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        out.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("theme.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    version(&root);
}

/// Sets `PROTOKOLL_VERSION`: the crate's version and, when built from a git checkout, the commit,
/// so a site's builder can say what built it. (Uncommitted changes are not marked: this script
/// reruns on a new commit, not on every edit.)
fn version(root: &Path) {
    let git_dir = root.join(".git");
    if git_dir.exists() {
        // A new commit moves HEAD or the branch it names; either reruns this script.
        println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
        if let Ok(head) = std::fs::read_to_string(git_dir.join("HEAD"))
            && let Some(branch) = head.trim().strip_prefix("ref: ")
        {
            println!("cargo:rerun-if-changed={}", git_dir.join(branch).display());
        }
    }
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(root)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    let version = env!("CARGO_PKG_VERSION");
    let full = match git(&["rev-parse", "--short=12", "HEAD"]).filter(|_| git_dir.exists()) {
        Some(commit) => format!("{version} (commit {commit})"),
        None => version.to_string(),
    };
    println!("cargo:rustc-env=PROTOKOLL_VERSION={full}");
}

/// Every file under `dir`, as (path relative to `base` with `/`, absolute path).
fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).expect("the default theme is readable");
    for e in entries {
        let path = e.expect("a readable entry").path();
        if path.is_dir() {
            collect(base, &path, out);
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            let rel = path.strip_prefix(base).expect("under the theme");
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
