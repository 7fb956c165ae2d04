//! What a resident meets (issue 17): statuses relative to the build's reference day, one card per
//! meeting on a person's page, page titles with body and date, the accessibility statement's
//! contact, counts in the right number, the favicon.

use crate::common::*;

/// The minimal fixture with a meeting called for 2023-12-06 that never got a protokoll, and one
/// called for 2024-02-07, after every other date of the content.
fn with_called_meetings() -> tempfile::TempDir {
    with_called(&[("2023-12-06", "09:00"), ("2024-02-07", "13:00")])
}

#[test]
fn a_past_meeting_without_protokoll_says_so_and_only_the_next_one_is_called() {
    let t = with_called_meetings();
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let past = html(&out, "styrelsen/2023-12-06/index.html");
    assert!(past.contains("Protokoll ej publicerat"), "{past}");
    assert!(!past.contains(">Kallat<"), "{past}");
    let next = html(&out, "styrelsen/2024-02-07/index.html");
    assert!(next.contains(">Kallat<"), "{next}");
    // The home page calls only the meeting to come; the past one is among the latest.
    let home = html(&out, "index.html");
    let called = home.split("id=\"kommande\"").nth(1).unwrap();
    let called = called.split("</section>").next().unwrap();
    assert!(called.contains("/styrelsen/2024-02-07/"), "{called}");
    assert!(!called.contains("/styrelsen/2023-12-06/"), "{called}");
}

/// The text of a page's `<title>`.
fn title_of(page: &str) -> &str {
    let start = page.split("<title>").nth(1).expect("a <title>");
    start.split("</title>").next().unwrap_or(start)
}

#[test]
fn a_paragraph_page_is_titled_with_its_body_and_day() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let page = html(
        &t.path().join("public"),
        "styrelsen/2024-01-10/2/index.html",
    );
    let title = title_of(&page);
    assert!(title.contains("Styrelsen 10 januari 2024"), "{title}");
    assert!(title.starts_with("§ 2"), "{title}");
}

/// The real site (content/), built in a temporary folder.
fn real_site() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for f in ["protokoll.toml", "content"] {
        let from = repo().join(f);
        if from.is_dir() {
            copy_tree(&from, &t.path().join(f));
        } else {
            std::fs::copy(&from, t.path().join(f)).unwrap();
        }
    }
    build(t.path()).unwrap();
    t
}

#[test]
fn no_person_page_of_the_real_site_lists_a_meeting_twice() {
    let t = real_site();
    let people = t.path().join("public/person");
    let mut checked = 0;
    for e in std::fs::read_dir(&people).unwrap() {
        let page = e.unwrap().path().join("index.html");
        let Ok(text) = std::fs::read_to_string(&page) else {
            continue;
        };
        // A meeting card's heading links the meeting: /organ/YYYY-MM-DD/.
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        for part in text.split("class=\"card-title\"").skip(1) {
            let href = part
                .split("href=\"")
                .nth(1)
                .and_then(|h| h.split('"').next());
            if let Some(href) = href.filter(|h| is_meeting_url(h)) {
                *seen.entry(href.to_string()).or_default() += 1;
            }
        }
        let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
        assert!(twice.is_empty(), "{}: {twice:?}", page.display());
        checked += 1;
    }
    assert!(checked > 100, "{checked} person pages");
}

/// `/organ/YYYY-MM-DD/`.
fn is_meeting_url(href: &str) -> bool {
    let parts: Vec<&str> = href.trim_matches('/').split('/').collect();
    parts.len() == 2
        && parts[1].len() == 10
        && parts[1].bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

#[test]
fn the_statement_shows_the_contact_and_diggs_link_and_a_site_without_contact_is_warned() {
    let t = fixture("paragrafer");
    let report = build(t.path()).unwrap();
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.message.contains("accessibility statement"))
    );
    let page = html(&t.path().join("public"), "om-webbplatsen/index.html");
    assert!(
        page.contains("href=\"mailto:kommun@sjovik.example.se\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://www.digg.se/tdosanmalan\""),
        "{page}"
    );
    assert!(
        page.contains("<time datetime=\"2024-12-01\">1 december 2024</time>"),
        "{page}"
    );

    let toml = t.path().join("protokoll.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let without: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("tillganglighet ="))
        .collect();
    assert!(without.len() < text.lines().count());
    std::fs::write(&toml, without.join("\n")).unwrap();
    let report = build(t.path()).unwrap();
    let warned: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| {
            w.message
                .contains("accessibility statement gives no way to reach you")
        })
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", report.warnings);
}

#[test]
fn counts_take_the_singular_for_one_and_the_theme_has_a_favicon() {
    let t = fixture("minimal");
    build(t.path()).unwrap();
    let out = t.path().join("public");
    let years = html(&out, "ar/index.html");
    assert!(years.contains("1 möte,"), "{years}");
    assert!(!years.contains("1 möten"), "{years}");
    assert!(html(&out, "index.html").contains("<link rel=\"icon\" href=\"/favicon.svg\""));
    assert!(read(&out, "favicon.svg").starts_with("<svg"));
}

#[test]
fn a_heading_with_nothing_under_it_is_warned_at_its_line_and_an_agenda_item_is_not() {
    let t = with_called_meetings();
    let doc = t.path().join("content/dokument/budget.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    // A picture of the paper lost on the way: its heading stands alone before the next one.
    let lost = text.replace("## Budget\n", "## Organisation\n\n## Budget\n");
    std::fs::write(&doc, &lost).unwrap();
    let report = build(t.path()).unwrap();
    let warned: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.message.contains("nothing under it"))
        .map(|w| w.to_string().lines().next().unwrap_or_default().to_string())
        .collect();
    // The kallelser end with "## 1. Val av justerare" and nothing more: an item, not a warning.
    assert_eq!(
        warned,
        ["content/dokument/budget.md:12:1: warning: a heading with nothing under it"],
        "{:?}",
        report.warnings
    );
}

#[test]
fn the_attendance_folds_and_says_how_many_names_it_holds() {
    let t = real_site();
    let page = html(
        &t.path().join("public"),
        "forbundsmotet/2024-04-25/index.html",
    );
    let at = page
        .find("<details class=\"attendance\" open>")
        .expect("open, so it prints");
    let summary = &page[at..at + 200];
    let names = page[at..page[at..].find("</details>").unwrap() + at]
        .matches("<li>")
        .count();
    assert!(summary.contains(&format!("({names} namn)")), "{summary}");
}

#[test]
fn no_two_document_pages_share_a_title() {
    let t = real_site();
    let mut titles = std::collections::BTreeMap::<String, String>::new();
    for e in std::fs::read_dir(t.path().join("public/dokument")).unwrap() {
        let dir = e.unwrap().path();
        let Ok(page) = std::fs::read_to_string(dir.join("index.html")) else {
            continue;
        };
        let title = title_of(&page);
        if let Some(other) = titles.insert(title.to_string(), dir.display().to_string()) {
            panic!("{title}: {other} and {}", dir.display());
        }
    }
    assert!(titles.len() >= 24, "{}", titles.len());
    // The tjänsteskrivelse that presents the plan says what it is and when it was written.
    assert!(titles.contains_key(
        "Verksamhetsplan och budget 2024 (tjänsteskrivelse 11 april 2024) – Kommunförbundet \
         Kalmar län"
    ));
}
