//! Build progress: the library reports every step through its callback, in order, and the command
//! prints plain lines when stderr is not a terminal.

use crate::common::*;
use protokoll::Progress;
use std::sync::Mutex;

#[test]
fn every_step_and_every_page_is_reported_in_order() {
    let t = fixture("minimal");
    let seen = Mutex::new(Vec::new());
    let report = protokoll::run(
        &protokoll::Build::new(
            t.path().to_path_buf(),
            t.path().join("public"),
            protokoll::Mode::Publish,
        ),
        &|p| seen.lock().unwrap().push(p),
    )
    .unwrap()
    .report();
    let seen = seen.into_inner().unwrap();
    assert!(matches!(
        seen.first(),
        Some(Progress::Checked {
            meetings: 1,
            people: 3,
            documents: 1
        })
    ));
    let mut done: Vec<usize> = seen
        .iter()
        .filter_map(|p| match p {
            Progress::Rendered { done, .. } => Some(*done),
            _ => None,
        })
        .collect();
    let total = seen
        .iter()
        .find_map(|p| match p {
            Progress::Rendered { total, .. } => Some(*total),
            _ => None,
        })
        .unwrap();
    done.sort();
    assert_eq!(done, (1..=total).collect::<Vec<_>>(), "each page once");
    assert!(total <= report.pages && total > 0);
    let n = seen.len();
    assert!(matches!(seen[n - 2], Progress::LinksChecked { .. }));
    assert_eq!(
        seen[n - 1],
        Progress::Written {
            files: report.files
        }
    );
}

#[test]
fn the_command_prints_plain_lines_when_stderr_is_not_a_terminal() {
    let t = fixture("minimal");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["build", "--root"])
        .arg(t.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    // The steps, then the summary; the build's notes (no bas_url, a newly sealed protokoll) come
    // between them and are not progress.
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.contains(": warning: ") && !l.starts_with("sealed "))
        .collect();
    assert_eq!(lines.len(), 5, "{stderr}");
    assert!(lines[0].starts_with("checked content: 1 meetings, 3 people, 1 documents ("));
    assert!(lines[1].starts_with("rendered "));
    assert!(lines[2].starts_with("checked the links of "));
    assert!(lines[3].starts_with("wrote "));
    assert!(lines[4].starts_with("built "));
    assert!(!stderr.contains('\r') && !stderr.contains('\x1b'), "no bar");
}
