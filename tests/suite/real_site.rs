//! Builds the real site in `content/` (the seed documents) once and checks what residents and
//! archivists rely on: every paragraph, every case, every spelling of a person, the report tables.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let t = tempfile::tempdir().unwrap().keep();
        for part in ["content", "protokoll.toml", "justerade.toml"] {
            let from = repo().join(part);
            if from.is_dir() {
                copy_tree(&from, &t.join(part))
            } else {
                std::fs::copy(&from, t.join(part)).unwrap();
            }
        }
        build(&t).unwrap_or_else(|e| panic!("{e}"));
        t.join("public")
    })
}

#[test]
fn every_paragraph_of_the_seed_protocols_has_a_page_with_its_decision() {
    let out = site();
    let meetings = [
        ("styrelsen/2024-09-12", 28..=35),
        ("forbundsmotet/2024-04-25", 1..=13),
        ("lansgemensam-ledning/2022-11-25", 1..=10),
    ];
    for (m, range) in meetings {
        for n in range {
            let v = json(out, &format!("{m}/{n}/index.json"));
            assert_eq!(v["number"], n.to_string());
            let page = text_of(&html(out, &format!("{m}/{n}/index.html")));
            if v["beslut"].as_bool().unwrap() {
                let text = v["resolutionText"].as_str().unwrap().to_string();
                let first_words: String = text
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    page.contains(&first_words),
                    "{m}/{n}: decision text missing: {first_words}"
                );
            }
        }
    }
    let p30 = html(out, "styrelsen/2024-09-12/30/index.html");
    assert!(
        text_of(&p30)
            .contains("Styrelsen beslutar att adjungera Henric Gustavsson (C) som ersättare")
    );
    assert!(p30.contains("/arende/2023-07/"));
}

#[test]
fn a_case_lists_every_paragraph_that_handled_it() {
    let v = json(site(), "arende/2020-26/index.json");
    let urls: Vec<&str> = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            e["agendaItem"]["web"]
                .as_str()
                .or(e["paper"]["web"].as_str())
        })
        .collect();
    assert!(urls.contains(&"/forbundsmotet/2024-04-25/5/"), "{urls:?}");
    assert!(urls.contains(&"/forbundsmotet/2024-04-25/7/"), "{urls:?}");
    assert!(urls.contains(&"/dokument/arsredovisning-2023/"), "{urls:?}");
}

#[test]
fn every_spelling_of_a_person_lands_on_one_page() {
    let out = site();
    let variants = [
        ("ake-gustavsson", "Åke Gustafsson"),
        ("cecilia-frid", "Cecilia Fridh"),
        ("ewa-klase", "Eva Klase"),
        ("owe-blomqvist", "Owe Blomquist"),
        ("jessica-leksell", "Jessica Lekselius"),
        ("christina-davidsson", "Christina Davidson"),
        ("jacob-kall", "Jakob Käll"),
        ("andreas-erlandsson", "Andras Erlandsson"),
        ("margit-johansson-lindholm", "Margit Lindholm Johansson"),
    ];
    for (id, alias) in variants {
        let v = json(out, &format!("person/{id}/index.json"));
        let aliases: Vec<&str> = v["alias"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        assert!(aliases.contains(&alias), "{id}: {aliases:?}");
        let alias_slug = protokoll::markup::ids::slug(alias);
        assert!(
            !out.join("person").join(alias_slug).exists(),
            "{alias} got its own page"
        );
    }
    // Written "Åke Gustavsson (S)" in the förbundsmöte attendance and "Åke Gustafsson" in § 3: both
    // link to one page.
    let m = html(out, "forbundsmotet/2024-04-25/index.html");
    assert!(m.contains("/person/ake-gustavsson/"));
    let jessica = json(out, "person/jessica-leksell/index.json");
    assert!(
        jessica["meeting"].as_array().unwrap().len() >= 2,
        "attended both meetings under two spellings"
    );
}

#[test]
fn the_flerarsoversikt_is_a_table_with_numbers() {
    let out = site();
    let v = json(out, "dokument/arsredovisning-2023/index.json");
    let t = v["tabeller"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["caption"] == "Flerårsöversikt")
        .expect("Flerårsöversikt table");
    assert!(t["headers"].as_array().unwrap().iter().any(|h| h == "2023"));
    let intakter = t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0]["text"] == "Verksamhetens intäkter")
        .unwrap();
    assert_eq!(intakter[1]["value"], 71163.0);
    let page = read(out, "dokument/arsredovisning-2023/index.html");
    assert!(page.contains("<table>") && page.contains("<td class=\"num\">71 163</td>"));
}

#[test]
fn membership_changes_link_to_the_decision_that_made_them() {
    let out = site();
    let henric = json(out, "person/henric-gustavsson/index.json");
    let urls: Vec<String> = henric["membership"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["beslut"]["web"].as_str().map(String::from))
        .collect();
    assert!(
        urls.contains(&"/styrelsen/2024-09-12/30/".to_string()),
        "{urls:?}"
    );
    let marcus = json(out, "person/marcus-fridlund/index.json");
    assert!(marcus.to_string().contains("/forbundsmotet/2024-04-25/12/"));
    let p30 = json(out, "styrelsen/2024-09-12/30/index.json");
    assert!(
        p30["membership"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["person"]["key"] == "henric-gustavsson")
    );
}

#[test]
fn agenda_items_link_to_the_paragraph_that_decided_them() {
    let m = json(site(), "forbundsmotet/2024-04-25/index.json");
    let items = m["kallelse"]["agendaItem"].as_array().unwrap();
    assert_eq!(items.len(), 13);
    assert_eq!(
        items[11]["motsvarighet"]["web"],
        "/forbundsmotet/2024-04-25/12/"
    );
}

#[test]
fn every_page_is_swedish_and_has_a_json_twin_where_it_is_an_entity() {
    let out = site();
    for e in walkdir::WalkDir::new(out).into_iter().map(Result::unwrap) {
        if e.path().extension().is_some_and(|x| x == "html") {
            let s = std::fs::read_to_string(e.path()).unwrap();
            assert!(
                s.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"),
                "{}",
                e.path().display()
            );
            assert!(
                !s.contains("src=\"http")
                    && !s.contains("<link rel=\"stylesheet\" href=\"http")
                    // Only the search page runs script, and only its own module from /sok/.
                    && (!s.contains("<script")
                        || (e.path() == out.join("sok/index.html")
                            && s.matches("<script").count()
                                == s.matches("<script type=\"module\" src=\"/sok/").count())),
                "{} requests another host or runs script",
                e.path().display()
            );
        }
    }
    for p in [
        "styrelsen/2024-09-12",
        "arende/2023-07",
        "person/ake-gustavsson",
        "ar/2024",
        "styrelsen",
        "dokument/arsredovisning-2023",
    ] {
        assert!(out.join(p).join("index.json").is_file(), "{p}");
    }
    assert!(read(out, "om-webbplatsen/index.html").contains("Tillgänglighetsredogörelse"));
}

/// The text of an HTML page: tags removed, whitespace collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_presenter_is_linked_where_the_text_names_them_and_otherwise_after_it() {
    let page = html(site(), "forbundsmotet/2024-04-25/index.html");
    let line = "<dt>Föredragande</dt><dd><a href=\"/person/cecilia-frid/\">Cecilia Frid</a> och \
                Jessica Lekselius, Kommunförbundet Kalmar län \
                (<a href=\"/person/jessica-leksell/\">Jessica Leksell</a>)</dd>";
    assert!(page.contains(line), "no presenter line {line}");
}
