//! `protokoll import` on the command line: the plan's report on stdout, its files written only
//! when none of them exists yet, then the register entries for the names the register does not
//! know; a file that cannot be imported stops everything before anything is written.

use protokoll::import::plan::{self, Options};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Imports `files` into the site at `root`.
pub fn run(files: &[PathBuf], organ: Option<String>, root: &Path) -> ExitCode {
    let plan = match plan::plan(root, files, &Options { organ }) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing was written");
            return ExitCode::FAILURE;
        }
    };
    let existing: Vec<&Path> = plan
        .files
        .iter()
        .map(|f| f.path.as_path())
        .filter(|p| root.join(p).exists())
        .collect();
    if !existing.is_empty() {
        for p in &existing {
            eprintln!(
                "error: {} exists (imported before?)",
                root.join(p).display()
            );
        }
        eprintln!("nothing was written: the import never replaces a file");
        return ExitCode::FAILURE;
    }
    let mut out = std::io::stdout().lock();
    for line in &plan.report {
        let _ = writeln!(out, "{line}");
    }
    for f in &plan.files {
        let path = root.join(&f.path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| {
                std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
            })
            .and_then(|mut file| file.write_all(f.text.as_bytes()));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let _ = writeln!(
        out,
        "wrote {} files under {}",
        plan.files.len(),
        root.join("content").display()
    );
    let review = free_name(root);
    match protokoll::scaffold::register::unknown(root, Some(&review)) {
        Ok(r) => match r.path {
            Some(p) => {
                let _ = writeln!(
                    out,
                    "wrote {}: {} register entries for names the register does not \
                        know; review them and move them into content/register/",
                    p.display(),
                    r.entries
                );
            }
            None => {
                let _ = writeln!(out, "every name is in the register");
            }
        },
        Err(e) => eprintln!(
            "warning: register entries not written, the site does not load yet: {e}\n\
             fix the drafts, then run: protokoll register --unknown --root {}",
            root.display()
        ),
    }
    ExitCode::SUCCESS
}

/// `nya-personer.toml`, or the first `nya-personer-N.toml` that does not exist.
fn free_name(root: &Path) -> PathBuf {
    let first = root.join(protokoll::scaffold::register::DEFAULT_FILE);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| root.join(format!("nya-personer-{n}.toml")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
