//! `protokoll build`, `check` and `archive` on the command line: the warnings, what was sealed in
//! the ledger, and a summary line; or every error and a non-zero exit.

use protokoll::model::date::Date;
use protokoll::{Build, Mode};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Builds the site, showing progress, and reports what was built and sealed.
pub fn build(build: &Build) -> ExitCode {
    let started = Instant::now();
    match super::progress::build(build) {
        Ok(r) => {
            for w in &r.warnings {
                eprintln!("{}", super::shown(&w.to_string()));
            }
            report_sealed(&r.sealed);
            for p in &r.corrected {
                eprintln!("recorded the rättelse of {p} in justerade.toml: commit the ledger");
            }
            eprintln!(
                "built {} pages ({} files) into {} in {} ms{}",
                r.pages,
                r.files,
                build.output.display(),
                started.elapsed().as_millis(),
                as_of(r.day)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// Makes every check of a build and reports the warnings; `deny_warnings` makes them fail.
pub fn check(root: &Path, deny_warnings: bool, day: Date) -> ExitCode {
    let check = Build::new(root, root.join("public"), Mode::Check).on(day);
    match protokoll::run(&check, &protokoll::build::progress::none) {
        Ok(v) => {
            for w in &v.warnings {
                eprintln!("{}", super::shown(&w.to_string()));
            }
            let n = v.warnings.len();
            if deny_warnings && n > 0 {
                eprintln!("{n} warning(s), denied by --deny-warnings");
                return ExitCode::FAILURE;
            }
            eprintln!(
                "checked: {} pages would be built, {n} warning(s)",
                v.pages()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// Writes the BagIt bag and reports its size.
pub fn archive(root: &Path, output: &Path, day: Date) -> ExitCode {
    match protokoll::archive::archive(root, output, Some(day)) {
        Ok(r) => {
            eprintln!(
                "wrote a BagIt bag of {} files ({} bytes){} into {}",
                r.files,
                r.bytes,
                r.commit
                    .map(|c| format!(" from commit {c}"))
                    .unwrap_or_default(),
                output.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", super::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

/// The summary line's tail naming the reference day, and how to make the same site again.
fn as_of(day: Option<Date>) -> String {
    let Some(d) = day else {
        return String::new();
    };
    let epoch = protokoll::model::clock::epoch_of(d);
    format!(", as of {d} (SOURCE_DATE_EPOCH={epoch} builds it again)")
}

/// Names what the build sealed in the ledger; a first build of an archive seals thousands, so
/// past a screenful they are counted rather than listed.
fn report_sealed(sealed: &[String]) {
    const LISTED: usize = 10;
    for p in sealed.iter().take(LISTED) {
        eprintln!("sealed {p} in justerade.toml (justerat): commit the ledger");
    }
    if sealed.len() > LISTED {
        eprintln!(
            "sealed {} more justerade protokoll in justerade.toml: commit the ledger",
            sealed.len() - LISTED
        );
    }
}
