//! `protokoll check` as a publisher runs it: every check of the build, nothing written; warnings
//! shown with their positions and turned into a failure by `--deny-warnings`; and the documented
//! ways to allow a personnummer and to link inside `content/`.

use crate::common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

fn run(args: &[&str], root: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8(out.stderr).unwrap())
}

const PAGE: &str = "content/om-webbplatsen.md";

fn append(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    let mut s = fs::read_to_string(&p).unwrap();
    s.push_str(text);
    fs::write(p, s).unwrap();
}

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let t = fixture("minimal");
    let (ok, err) = run(&["check"], t.path());
    assert!(ok, "{err}");
    assert!(
        err.contains("checked: ") && err.contains(" pages would be built, 0 warning(s)"),
        "{err}"
    );
    assert!(!t.path().join("public").exists());
}

#[test]
fn warnings_are_shown_at_their_place_and_denied_on_request() {
    let t = fixture("minimal");
    append(
        t.path(),
        PAGE,
        "\nText i <font color=\"red\">rött</font>.\n\n### Beslutt\n\nMer text.\n",
    );
    fs::write(t.path().join("content/protokoll.docx"), "PK").unwrap();
    let (ok, err) = run(&["check"], t.path());
    assert!(ok, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        &lines[..2],
        &[
            "content/om-webbplatsen.md:10:8: warning: raw HTML <font> is not \
                allowed and is removed (its text is kept)",
            "content/protokoll.docx:1:1: warning: not read: only .md and .toml \
                files under content/ are content",
        ]
    );
    let (ok, err) = run(&["check", "--deny-warnings"], t.path());
    assert!(!ok);
    assert!(
        err.ends_with("2 warning(s), denied by --deny-warnings\n"),
        "{err}"
    );
    // The build goes on, shows the same warnings, and the page has the text without the tag.
    let (ok, err) = run(&["build"], t.path());
    assert!(ok, "{err}");
    assert!(
        err.contains("content/om-webbplatsen.md:10:8: warning:"),
        "{err}"
    );
    let html = read(&t.path().join("public"), "om-webbplatsen/index.html");
    assert!(html.contains("Text i rött."), "{html}");
    assert!(!html.contains("<font"));
}

#[test]
fn a_misspelt_section_in_a_protokoll_is_a_warning_with_a_hint() {
    let t = fixture("minimal");
    let p = "content/styrelsen/2024-01-10/protokoll.md";
    let text = fs::read_to_string(t.path().join(p)).unwrap().replace(
        "### Beslut\n\nStyrelsen fastställer",
        "### Beslutt\n\nStyrelsen fastställer",
    );
    fs::write(t.path().join(p), text).unwrap();
    let (ok, err) = run(&["check", "--deny-warnings"], t.path());
    assert!(!ok);
    assert!(
        err.starts_with(
            "content/styrelsen/2024-01-10/protokoll.md:30:5: warning: \"Beslutt\" is not a \
        known section, so it stays a heading in the text\n  = hint: did you mean \
        \"Beslut\"?\n"
        ),
        "{err}"
    );
}

#[test]
fn a_marked_personnummer_is_published_and_an_unmarked_one_is_not() {
    let t = fixture("minimal");
    append(
        t.path(),
        PAGE,
        "\nOmbud: 19811218-9876 <!-- personnummer tillåtet -->\n",
    );
    let (ok, err) = run(&["build"], t.path());
    assert!(ok, "{err}");
    let html = read(&t.path().join("public"), "om-webbplatsen/index.html");
    assert!(html.contains("19811218-9876"));
    assert!(
        !html.contains("personnummer tillåtet"),
        "the marker is a comment"
    );
    append(t.path(), PAGE, "\nOch 811218-9876.\n");
    let (ok, err) = run(&["check"], t.path());
    assert!(!ok);
    assert!(
        err.starts_with(
            "content/om-webbplatsen.md:12:5: error: a personnummer (811218-****) would \
            be published\n"
        ),
        "{err}"
    );
}

#[test]
fn a_symlink_inside_content_is_read_and_a_marked_toml_line_is_allowed() {
    let t = fixture("minimal");
    fs::create_dir_all(t.path().join("content/delat")).unwrap();
    fs::write(
        t.path().join("content/delat/sida.txt"),
        "+++\ntyp = \"sida\"\nid = \"delad\"\ntitel = \"Delad\" # personnummer \
            tillåtet: 811218-9876\n+++\nDelad text.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink("delat/sida.txt", t.path().join("content/delad.md")).unwrap();
    let (ok, err) = run(&["build"], t.path());
    assert!(ok, "{err}");
    assert!(
        err.contains("content/delat/sida.txt:1:1: warning: not read"),
        "{err}"
    );
    assert!(read(&t.path().join("public"), "delad/index.html").contains("Delad text."));
}
