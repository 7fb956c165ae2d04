//! The day a build is as of (issue 17): `SOURCE_DATE_EPOCH`, else the day of the build in
//! Stockholm; statuses and upcoming lists follow it, `/api/index.json` records it, and the same
//! day builds the same site again.

use crate::common::*;
use protokoll::model::clock;
use protokoll::model::date::Date;
use std::path::Path;
use std::process::{Command, Output};

/// `protokoll build` of `root` into `out`, with `SOURCE_DATE_EPOCH` as given (never inherited).
fn build_cli(root: &Path, out: &Path, epoch: Option<i64>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_protokoll"));
    c.args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out);
    c.env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        c.env("SOURCE_DATE_EPOCH", e.to_string());
    }
    let o = c.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o
}

/// Today in Stockholm, as the binary computes it.
fn today() -> Date {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    clock::stockholm_day(now as i64)
}

/// The day an output records.
fn recorded(out: &Path) -> Date {
    let day = json(out, "api/index.json")["referensdag"].clone();
    Date::parse(day.as_str().expect("a referensdag")).unwrap()
}

/// The minimal fixture (its newest date is in January 2024) with a meeting called for
/// 2024-02-07, after every other date of the content, that never got a protokoll, and one
/// called for 2099.
fn with_called_meetings() -> tempfile::TempDir {
    with_called(&[("2024-02-07", "09:00"), ("2099-03-04", "09:00")])
}

#[test]
fn without_source_date_epoch_a_build_is_as_of_today_and_says_so() {
    let t = with_called_meetings();
    let out = t.path().join("public");
    let before = today();
    let o = build_cli(t.path(), &out, None);
    let after = today();
    let day = recorded(&out);
    // A run that crosses midnight may take either day.
    assert!(
        day == before || day == after,
        "{day}: not {before} or {after}"
    );
    let summary = String::from_utf8_lossy(&o.stderr);
    let again = format!("as of {day} (SOURCE_DATE_EPOCH={}", clock::epoch_of(day));
    assert!(summary.contains(&again), "{summary}");
    // The meeting of 2024-02-07 is past today, though it is the newest date of the content.
    let past = html(&out, "styrelsen/2024-02-07/index.html");
    assert!(past.contains("Protokoll ej publicerat"), "{past}");
    assert!(!past.contains(">Kallat<"), "{past}");
    assert!(html(&out, "styrelsen/2099-03-04/index.html").contains(">Kallat<"));
    let home = html(&out, "index.html");
    let called = home.split("id=\"kommande\"").nth(1).unwrap();
    let called = called.split("</section>").next().unwrap();
    assert!(called.contains("/styrelsen/2099-03-04/"), "{called}");
    assert!(!called.contains("/styrelsen/2024-02-07/"), "{called}");
}

#[test]
fn source_date_epoch_set_to_the_recorded_day_builds_the_same_site_again() {
    let t = with_called_meetings();
    let first = t.path().join("first");
    build_cli(t.path(), &first, None);
    let day = recorded(&first);
    let second = t.path().join("second");
    build_cli(t.path(), &second, Some(clock::epoch_of(day)));
    let (a, b) = (comparable(&first), comparable(&second));
    assert_eq!(a.len(), b.len());
    for (path, bytes) in &a {
        assert!(b.get(path) == Some(bytes), "{} differs", path.display());
    }
    // And the day is what decides: a build as of the day before the meeting calls it.
    let third = t.path().join("third");
    let eve = Date::parse("2024-02-06").unwrap();
    build_cli(t.path(), &third, Some(clock::epoch_of(eve)));
    assert_eq!(recorded(&third), eve);
    assert!(html(&third, "styrelsen/2024-02-07/index.html").contains(">Kallat<"));
}

#[test]
fn a_bad_source_date_epoch_stops_the_build_and_names_it() {
    let t = fixture("minimal");
    let o = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["build", "--root"])
        .arg(t.path())
        .env("SOURCE_DATE_EPOCH", "2024-09-12")
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("SOURCE_DATE_EPOCH=\"2024-09-12\""), "{err}");
    assert!(!t.path().join("public").exists());
}
