//! The search index of the real site, tested by querying it: Swedish word forms, exact Dnr,
//! filters, and the static export's precomputed scores against tantivy's own, plus reproducible
//! export bytes; each kind of query a resident types (`classes.rs`); text written decomposed (NFD).

mod classes;

use crate::common::*;
use protokoll::search::codec::get_varint;
use protokoll::search::query::{Filters, search};
use protokoll::search::{open, schema};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The real site, built twice (for the reproducibility check); the first output is searched.
fn outputs() -> &'static (PathBuf, PathBuf) {
    static OUT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    OUT.get_or_init(|| {
        let t = tempfile::tempdir().unwrap().keep();
        let mut outs = Vec::new();
        for name in ["a", "b"] {
            let out = t.join(name);
            protokoll::run(
                &protokoll::Build::new(repo(), out.clone(), protokoll::Mode::Publish),
                &protokoll::build::progress::none,
            )
            .map(|b| b.report())
            .unwrap_or_else(|e| panic!("{e}"));
            outs.push(out);
        }
        (outs[0].clone(), outs[1].clone())
    })
}

fn out() -> &'static Path {
    &outputs().0
}

fn urls(q: &str, filters: &Filters, limit: usize) -> Vec<String> {
    let index = open(out()).unwrap();
    search(&index, q, filters, limit)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.url)
        .collect()
}

#[test]
fn a_word_form_finds_the_base_form() {
    let index = open(out()).unwrap();
    let hits = search(&index, "ersättaren", &Filters::default(), 50)
        .unwrap()
        .hits;
    assert!(
        hits.iter().any(|h| h.title.contains("ersättare ")),
        "{hits:#?}"
    );
    assert!(hits.iter().all(|h| h.snippet.contains("<mark>")));
}

#[test]
fn a_dnr_ranks_its_own_entries_first() {
    let index = open(out()).unwrap();
    let r = search(&index, "2023/07", &Filters::default(), 50).unwrap();
    let with_dnr: Vec<bool> = r
        .hits
        .iter()
        .map(|h| h.dnr.iter().any(|d| d == "2023/07"))
        .collect();
    let first_other = with_dnr.iter().position(|x| !x).unwrap_or(with_dnr.len());
    assert!(first_other >= 2, "{:#?}", r.hits);
    assert!(
        with_dnr[first_other..].iter().all(|x| !x),
        "every exact Dnr match ranks above text matches: {with_dnr:?}"
    );
}

#[test]
fn filters_restrict_by_organ_year_and_type() {
    let all = urls("beslut", &Filters::default(), 500);
    let organ = Filters {
        organ: Some("forbundsmotet".into()),
        ..Filters::default()
    };
    let index = open(out()).unwrap();
    let only = search(&index, "beslut", &organ, 500).unwrap().hits;
    assert!(!only.is_empty() && only.len() < all.len());
    assert!(only.iter().all(|h| h.organ == "forbundsmotet"), "{only:?}");
    let kind = Filters {
        kind: Some("person".into()),
        ..Filters::default()
    };
    assert!(
        urls("Nybro", &kind, 100)
            .iter()
            .all(|u| u.starts_with("/person/"))
    );
    let year = Filters {
        year: Some(2022),
        ..Filters::default()
    };
    let y = urls("styrelsen", &year, 100);
    assert!(!y.is_empty());
    assert!(y.iter().all(|u| !u.contains("2024-")), "{y:?}");
}

#[test]
fn a_word_the_site_lacks_gives_partial_matches_said_so() {
    let index = open(out()).unwrap();
    let r = search(&index, "medlemsavgift xyzzyqq", &Filters::default(), 10).unwrap();
    assert!(!r.hits.is_empty());
    assert!(
        r.hits.iter().all(|h| h.tier == "partial" && h.matched == 1),
        "{:#?}",
        r.hits
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!(
        (r.notes[0].word.as_str(), r.notes[0].kind.as_str()),
        ("xyzzyqq", "missing")
    );
    assert!(urls("xyzzyqq", &Filters::default(), 10).is_empty());
    assert!(urls("  ,, ", &Filters::default(), 10).is_empty());
}

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// The postings of `key` in the export, the documents with it whole and those with it only as a
/// part: document id → quantized score.
fn exported(out: &Path, key: &str) -> BTreeMap<u64, u64> {
    let entry = read_json(&out.join("sok/index.json"));
    let base = out.join(entry["base"].as_str().unwrap().trim_start_matches('/'));
    let shards: Vec<&str> = entry["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let s = shards.iter().rposition(|b| *b <= key).unwrap();
    let bytes = std::fs::read(base.join(format!("s/{s}.bin"))).unwrap();
    let mut pos = 0;
    let n = get_varint(&bytes, &mut pos).unwrap();
    let mut prev: Vec<u8> = Vec::new();
    let list = |pos: &mut usize| -> Vec<(u64, u64)> {
        let df = get_varint(&bytes, pos).unwrap() as usize;
        let mut docs = Vec::new();
        let mut d = 0;
        for i in 0..df {
            let v = get_varint(&bytes, pos).unwrap();
            d = if i == 0 { v } else { d + v };
            docs.push(d);
        }
        let scores: Vec<u64> = (0..df).map(|_| get_varint(&bytes, pos).unwrap()).collect();
        docs.into_iter().zip(scores).collect()
    };
    for _ in 0..n {
        let shared = get_varint(&bytes, &mut pos).unwrap() as usize;
        let len = get_varint(&bytes, &mut pos).unwrap() as usize;
        prev.truncate(shared);
        prev.extend_from_slice(&bytes[pos..pos + len]);
        pos += len;
        let mut both = list(&mut pos);
        both.extend(list(&mut pos));
        if prev == key.as_bytes() {
            return both.into_iter().collect();
        }
    }
    panic!("{key} not in shard {s}");
}

#[test]
fn exported_scores_are_tantivys_bm25() {
    let entry = read_json(&out().join("sok/index.json"));
    let base = out().join(entry["base"].as_str().unwrap().trim_start_matches('/'));
    let scale = entry["scale"].as_f64().unwrap();
    let bucket = entry["bucket"].as_u64().unwrap();
    for word in ["medlemsavgiften", "ersättare", "vård", "avgift"] {
        let stem = &schema::stems(word)[0];
        let postings = exported(out(), stem);
        let index = open(out()).unwrap();
        let hits = search(&index, word, &Filters::default(), 1000).unwrap();
        assert_eq!(hits.total, postings.len(), "{word}: document frequency");
        for h in hits.hits {
            let (doc, q) = postings
                .iter()
                .find(|(d, _)| {
                    let cards = read_json(&base.join(format!("c/{}.json", *d / bucket)));
                    cards[(*d % bucket) as usize]["u"] == h.url.as_str()
                })
                .unwrap_or_else(|| panic!("{word}: {} not exported", h.url));
            let score = *q as f64 / scale;
            assert!(
                (score - f64::from(h.score)).abs() <= 0.5 / scale + 1e-4,
                "{word}: doc {doc} {} exported {score}, tantivy {}",
                h.url,
                h.score
            );
        }
    }
}

#[test]
fn the_export_is_byte_identical_across_builds() {
    let (a, b) = outputs();
    let export = |dir: &Path| {
        snapshot(&dir.join("sok"))
            .into_iter()
            .filter(|(p, _)| !p.starts_with("tantivy"))
            .collect::<BTreeMap<_, _>>()
    };
    let (x, y) = (export(a), export(b));
    assert!(x.len() > 10, "{:?}", x.keys());
    assert_eq!(x, y);
    assert!(a.join("sok/tantivy/meta.json").is_file());
}

#[test]
fn every_entity_is_one_document_of_its_type() {
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    let site = protokoll::read_site(&repo()).unwrap_or_else(|e| panic!("{e}"));
    let index = open(out()).unwrap();
    let fields = schema::Fields::of(&index.schema()).unwrap();
    let searcher = index.reader().unwrap().searcher();
    let count = |kind: &str| {
        let q = TermQuery::new(
            tantivy::Term::from_field_text(fields.kind, kind),
            IndexRecordOption::Basic,
        );
        searcher.search(&q, &Count).unwrap()
    };
    let decisions = site.decisions().count();
    let paragraphs: usize = site
        .meetings
        .iter()
        .map(|m| m.items(protokoll::model::meeting::Part::Protokoll).len())
        .sum();
    let items: usize = site
        .meetings
        .iter()
        .map(|m| m.items(protokoll::model::meeting::Part::Kallelse).len())
        .sum();
    assert_eq!(count("beslut"), decisions);
    assert_eq!(count("paragraf"), paragraphs - decisions);
    assert_eq!(count("punkt"), items);
    assert_eq!(count("mote"), site.meetings.len());
    assert_eq!(count("arende"), site.cases.len());
    assert_eq!(count("person"), site.people.len());
    assert_eq!(count("dokument") + count("rapport"), site.documents.len());
    assert!(count("rapport") > 0 && count("punkt") > 0);
    let parties = site.people.iter().filter_map(|p| p.party.clone());
    assert_eq!(
        count("parti"),
        parties.collect::<std::collections::BTreeSet<_>>().len()
    );
    let kommuner = site.people.iter().filter_map(|p| p.kommun.clone());
    assert_eq!(
        count("kommun"),
        kommuner.collect::<std::collections::BTreeSet<_>>().len()
    );
}
