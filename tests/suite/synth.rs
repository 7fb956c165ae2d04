//! The corpus generator of `examples/synth` (the benchmark's input): a small generated corpus
//! builds without errors into the pages it promises, and the generator is deterministic for a seed.

#[allow(dead_code)]
use crate::corpus::text::Sentences;
use std::collections::BTreeSet;

fn sentences() -> Sentences {
    Sentences::from_content(&crate::common::repo().join("content")).unwrap()
}

#[test]
fn a_generated_corpus_of_20_meetings_builds_every_page() {
    let c = crate::corpus::generate(20, 7, &sentences());
    assert_eq!(c.meetings.len(), 20);
    let t = tempfile::tempdir().unwrap();
    crate::corpus::site::write(&c, t.path()).unwrap();
    let report = crate::common::build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = t.path().join("public");
    let mut held = 0;
    for (m, meeting) in c.meetings.iter().enumerate() {
        let key = c.meeting_key(m);
        assert!(out.join(&key).join("index.html").is_file(), "{key}");
        assert!((8..=20).contains(&meeting.items.len()), "{key}");
        if meeting.held {
            held += 1;
            for item in &meeting.items {
                let page = crate::common::json(&out, &format!("{key}/{}/index.json", item.nr));
                assert_eq!(page["beslut"], true, "{key} § {}", item.nr);
                assert_eq!(page["title"], item.title.as_str());
            }
        }
    }
    assert!(held >= 18, "only the newest meetings are planned");
    assert!(report.pages > c.decisions() + c.meetings.len());
    // A published site: the benchmark's build writes feeds, calendars and the sitemap too.
    for file in ["atom.xml", "kalender.ics", "sitemap.xml"] {
        assert!(out.join(file).is_file(), "{file}");
    }
    // Cases recur: some case page lists paragraphs of more than one meeting.
    let recurring = walk_json(&out.join("arende")).into_iter().any(|case| {
        let meetings: BTreeSet<String> = case["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == "paragraf")
            .map(|p| p["agendaItem"]["meeting"].as_str().unwrap().to_string())
            .collect();
        meetings.len() > 1
    });
    assert!(recurring, "no Dnr is handled at two meetings");
    // Reports carry their tables as data.
    let tables = c
        .documents
        .iter()
        .filter(|d| d.kind == "arsredovisning")
        .map(|d| crate::common::json(&out, &format!("dokument/{}/index.json", d.id)))
        .filter(|j| j["tabeller"][0]["rows"][0][1]["value"].is_number())
        .count();
    assert!(tables > 0, "no årsredovisning with a table of numbers");
}

fn walk_json(dir: &std::path::Path) -> Vec<serde_json::Value> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name() == "index.json" && e.depth() == 2)
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
        .collect()
}

#[test]
fn people_written_with_an_alias_resolve_to_their_page() {
    let c = crate::corpus::generate(20, 7, &sentences());
    let aliased = c
        .meetings
        .iter()
        .filter(|m| m.held)
        .flat_map(|m| &m.voting)
        .find(|a| a.spelling != c.people[a.person].name)
        .expect("some attendee is written with an alias");
    let t = tempfile::tempdir().unwrap();
    crate::corpus::site::write(&c, t.path()).unwrap();
    crate::common::build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let person = &c.people[aliased.person];
    let page = crate::common::json(
        &t.path().join("public"),
        &format!("person/{}/index.json", person.id),
    );
    assert_eq!(page["name"], person.name.as_str());
    assert!(
        page["stavningar"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s == aliased.spelling.as_str()),
        "{page}"
    );
}

#[test]
fn the_same_seed_writes_the_same_files_and_another_seed_others() {
    let text = sentences();
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    for (dir, seed) in dirs.iter().zip([3, 3, 4]) {
        crate::corpus::site::write(&crate::corpus::generate(12, seed, &text), dir.path()).unwrap();
    }
    let [a, b, c] = [0, 1, 2].map(|i| crate::common::snapshot(dirs[i].path()));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn the_hugo_site_has_one_page_per_paragraph() {
    let c = crate::corpus::generate(12, 5, &sentences());
    let t = tempfile::tempdir().unwrap();
    crate::corpus::hugo::write(&c, t.path()).unwrap();
    let files = crate::common::snapshot(&t.path().join("content"));
    let pages = files
        .keys()
        .filter(|p| p.components().count() == 3 && p.file_name().unwrap() != "_index.md")
        .count();
    assert_eq!(
        pages,
        c.meetings.iter().map(|m| m.items.len()).sum::<usize>()
    );
    assert!(t.path().join("hugo.toml").is_file());
    assert!(t.path().join("layouts/_default/list.html").is_file());
}
