//! Builds the fixture sites in `tests/fixtures/` and checks the pipeline's promises: links both
//! ways, exact diagnostics, and that a failed build leaves the previous output untouched.

use crate::common::*;
use protokoll::BuildError;
use std::fs;

#[test]
fn minimal_site_builds_with_links_both_ways() {
    let t = fixture("minimal");
    build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = t.path().join("public");
    let m = json(&out, "styrelsen/2024-01-10/index.json");
    assert_eq!(m["meetingState"], "justerat");
    assert_eq!(
        m["kallelse"]["agendaItem"][1]["motsvarighet"]["web"],
        "/styrelsen/2024-01-10/2/"
    );
    let p2 = json(&out, "styrelsen/2024-01-10/2/index.json");
    assert_eq!(p2["antar"][0]["web"], "/dokument/budget-2024/");
    let doc = json(&out, "dokument/budget-2024/index.json");
    assert_eq!(doc["antagen"]["web"], "/styrelsen/2024-01-10/2/");
    let case = json(&out, "arende/2023-07/index.json");
    assert_eq!(
        case["entries"].as_array().unwrap().len(),
        3,
        "two paragraphs and the document"
    );
    let ake = json(&out, "person/ake-gustavsson/index.json");
    assert_eq!(
        ake["meeting"][0]["meeting"]["web"],
        "/styrelsen/2024-01-10/"
    );
    let peter = json(&out, "person/peter-karlsson/index.json");
    assert_eq!(
        peter["membership"][0]["beslut"]["web"],
        "/styrelsen/2024-01-10/3/"
    );
    assert_eq!(peter["namnd_i"][0]["web"], "/styrelsen/2024-01-10/3/");
}

#[test]
fn a_broken_file_fails_the_build_and_leaves_the_previous_output_identical() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let before = snapshot(&out);
    let bad = t.path().join("content/styrelsen/2024-01-10/protokoll.md");
    let text = fs::read_to_string(&bad).unwrap().replace(
        "ordforande = \"Åke Gustafsson (S)\"",
        "ordforande = \"Åke Gustafson (S)\"\natendees = 3",
    );
    fs::write(&bad, text).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["build", "--root"])
        .arg(t.path())
        .output()
        .unwrap();
    assert!(!status.status.success());
    let stderr = String::from_utf8(status.stderr).unwrap();
    assert!(
        stderr.contains(
            "content/styrelsen/2024-01-10/protokoll.md:9:1: error: unknown key \"atendees\""
        ),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "previous output changed");
}

#[test]
fn all_content_errors_are_reported_at_once_with_positions_and_hints() {
    let t = fixture("minimal");
    let p = t.path().join("content/styrelsen/2024-01-10/protokoll.md");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace(
            "ordforande = \"Åke Gustafsson (S)\"",
            "ordforande = \"Åke Gustafson (S)\"",
        )
        .replace("## § 3 Ny ersättare", "## § 2 Ny ersättare");
    fs::write(&p, text).unwrap();
    let k = t.path().join("content/styrelsen/2024-01-10/kallelse.md");
    fs::write(
        &k,
        fs::read_to_string(&k)
            .unwrap()
            .replace("datum = 2024-01-10", "datum = 2024-02-30"),
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected content errors")
    };
    let lines: Vec<String> = d.iter().map(ToString::to_string).collect();
    let all = lines.join("\n");
    assert!(
        all.contains(
            "content/styrelsen/2024-01-10/kallelse.md:4:17: error: impossible date or \
        time: value is out of range"
        ),
        "{all}"
    );
    assert!(
        all.contains("protokoll.md:34:4: error: duplicate paragraph number 2"),
        "{all}"
    );
    assert!(
        lines.windows(2).all(|w| w[0] <= w[1]) || d.windows(2).all(|w| w[0].path <= w[1].path),
        "sorted"
    );
    assert!(!t.path().join("public").exists());
}

#[test]
fn unknown_people_get_a_did_you_mean() {
    let t = fixture("minimal");
    let p = t.path().join("content/styrelsen/2024-01-10/protokoll.md");
    fs::write(
        &p,
        fs::read_to_string(&p).unwrap().replace(
            "ordforande = \"Åke Gustafsson (S)\"",
            "ordforande = \"Åke Gustafson (S)\"",
        ),
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected an error")
    };
    assert_eq!(
        d[0].to_string(),
        "content/styrelsen/2024-01-10/protokoll.md:8:14: error: unknown person \
            \"Åke Gustafson\"\n  = hint: did you mean \"Åke Gustafsson\"?"
    );
}

#[test]
fn a_broken_internal_link_is_reported_where_it_is_written() {
    let t = fixture("minimal");
    let p = t.path().join("content/dokument/budget.md");
    fs::write(
        &p,
        fs::read_to_string(&p)
            .unwrap()
            .replace("/styrelsen/2024-01-10/2/", "/styrelsen/2024-01-10/9/"),
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected a content error")
    };
    assert_eq!(
        d.iter().map(ToString::to_string).collect::<Vec<_>>(),
        vec![
            "content/dokument/budget.md:19:4: error: broken link \
                \"/styrelsen/2024-01-10/9/\": no such page\n  = hint: did you mean \
                \"/styrelsen/2024-01-10/1/\"?"
                .to_string()
        ]
    );
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_create() {
    let t = fixture("minimal");
    let out = t.path().join("public");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("keep.txt"), "mine").unwrap();
    assert!(matches!(build(t.path()), Err(BuildError::Write(_))));
    assert_eq!(fs::read_to_string(out.join("keep.txt")).unwrap(), "mine");
}

#[test]
fn a_site_template_overrides_the_theme() {
    let t = fixture("minimal");
    fs::create_dir(t.path().join("templates")).unwrap();
    fs::write(
        t.path().join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>EGEN \
        {{ sida.titel }}</h1>{% endblock content %}",
    )
    .unwrap();
    fs::create_dir_all(t.path().join("content/sidor")).unwrap();
    fs::write(
        t.path().join("content/om-webbplatsen.md"),
        "+++\ntyp = \"sida\"\nid = \"om-webbplatsen\"\ntitel = \"Om\"\n+++\nText.\n",
    )
    .unwrap();
    build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        read(&t.path().join("public"), "om-webbplatsen/index.html").contains("<h1>EGEN Om</h1>")
    );
}

#[test]
fn a_template_error_fails_the_build_and_leaves_the_previous_output_identical() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let before = snapshot(&out);
    fs::create_dir(t.path().join("templates")).unwrap();
    let template = concat!(
        "{% extends \"base.html\" %}",
        "{% block content %}{{ sida.finns_inte.alls }}{% endblock content %}"
    );
    fs::write(t.path().join("templates/page.html"), template).unwrap();
    let Err(BuildError::Template(msg)) = build(t.path()) else {
        panic!("expected a template error")
    };
    assert!(msg.contains("page.html"), "{msg}");
    assert_eq!(snapshot(&out), before, "previous output changed");
}

#[test]
fn a_site_without_an_accessibility_statement_builds_and_is_warned() {
    let t = fixture("minimal");
    fs::remove_file(t.path().join("content/om-webbplatsen.md")).unwrap();
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let warned: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warned.iter().any(|w| w.starts_with(
            "content/om-webbplatsen.md:1:1: warning: there is no page om-webbplatsen"
        )),
        "{warned:?}"
    );
    let home = html(&t.path().join("public"), "index.html");
    assert!(
        !home.contains("/om-webbplatsen/"),
        "no footer link to a missing page"
    );
    // With the page, the footer links to it.
    let t = fixture("minimal");
    build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(html(&t.path().join("public"), "index.html").contains("href=\"/om-webbplatsen/\""));
}
