//! Each kind of query a resident types, on the real site, through the search the CLI runs:
//! compounds, prefixes, typos, words without å/ä/ö, partial matches, other spellings of names,
//! case numbers in their usual forms, parties and municipalities; and a title written decomposed
//! (NFD), on a copy of the minimal fixture.

use super::*;
use protokoll::search::query::Results;

fn find(q: &str) -> Results {
    search(&open(out()).unwrap(), q, &Filters::default(), 10).unwrap()
}

fn urls_of(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.url.as_str()).collect()
}

/// The first note's kind and words.
fn note(r: &Results) -> (&str, Vec<&str>) {
    let n = &r.notes[0];
    (
        n.kind.as_str(),
        n.words.iter().map(String::as_str).collect(),
    )
}

#[test]
fn a_part_of_a_compound_finds_the_compound_below_the_whole_word() {
    let r = find("kriminalitet");
    assert_eq!(note(&r).0, "suffix");
    assert!(note(&r).1.contains(&"gängkriminalitet"), "{:?}", r.notes);
    assert_eq!(
        r.hits[0].url,
        "/dokument/motion-handlingsprogram-gangkriminalitet/"
    );
    // avgift is a word of the site and a part of medlemsavgift: both kinds are found, the
    // decision on the medlemsavgift first (its title), and labelled as a part match.
    let r = find("avgift");
    assert_eq!(r.hits[0].url, "/forbundsmotet/2024-04-25/8/");
    assert_eq!(r.hits[0].tier, "part");
    assert!(r.hits.iter().any(|h| h.tier == "exact"));
    assert!(r.notes.is_empty());
    let r = find("hemsjukvård avtal");
    let item = r
        .hits
        .iter()
        .find(|h| h.url == "/lansgemensam-ledning/2022-11-25/4/")
        .unwrap_or_else(|| panic!("{:?}", urls_of(&r)));
    assert_eq!(item.tier, "part");
}

#[test]
fn a_compound_the_site_lacks_is_split_into_its_words() {
    let r = find("skolmat");
    assert_eq!(note(&r), ("split", vec!["skol", "mat"]));
    assert!(
        r.hits[0].url.contains("billig-daglig-matratt"),
        "{:?}",
        urls_of(&r)
    );
}

#[test]
fn the_last_word_is_completed_as_it_is_typed() {
    let r = find("årsred");
    assert_eq!(note(&r).0, "prefix");
    assert_eq!(r.hits[0].url, "/dokument/arsredovisning-2023/");
    assert!(r.hits.iter().all(|h| h.tier == "fallback"));
    let r = find("gängkrim");
    assert_eq!(
        r.hits[0].url,
        "/dokument/motion-handlingsprogram-gangkriminalitet/"
    );
    // Not before another word: there it is no beginning being typed.
    let r = find("årsred 2023");
    assert_ne!(note(&r).0, "prefix");
}

#[test]
fn a_word_one_or_two_edits_away_is_taken_and_said() {
    let r = find("medlemsavgit");
    assert_eq!(note(&r), ("typo", vec!["medlemsavgift"]));
    assert_eq!(r.hits[0].url, "/forbundsmotet/2024-04-25/8/");
    let r = find("gängkriminallitet");
    assert_eq!(note(&r), ("typo", vec!["gängkriminalitet"]));
    // Counted from the word as typed too: årsredovisnig's stem lost its ending.
    let r = find("årsredovisnig");
    assert_eq!(note(&r), ("typo", vec!["årsredovisning"]));
    assert_eq!(r.hits[0].url, "/dokument/arsredovisning-2023/");
}

#[test]
fn diacritics_are_folded_only_for_words_the_site_lacks() {
    let r = find("Fagergard");
    assert_eq!(note(&r).1, ["fagergård"]);
    assert_eq!(r.hits[0].url, "/person/tobias-fagergard/");
    // rad and råd are both words of the site: each finds its own.
    let (rad, rad_) = (find("rad"), find("råd"));
    assert!(rad.notes.is_empty() && rad_.notes.is_empty());
    assert_ne!(urls_of(&rad), urls_of(&rad_));
    assert!(rad.hits.iter().all(|h| h.tier != "fallback"));
}

#[test]
fn without_a_page_for_every_word_the_best_partial_matches_come() {
    let r = find("när fick styrelsen ansvarsfrihet");
    assert!(
        r.notes.is_empty(),
        "every word is on the site: {:?}",
        r.notes
    );
    assert_eq!(r.hits[0].url, "/forbundsmotet/2024-04-25/6/");
    assert_eq!((r.hits[0].tier, r.hits[0].matched), ("partial", 2));
    let matched: Vec<usize> = r.hits.iter().map(|h| h.matched).collect();
    assert!(matched.windows(2).all(|w| w[0] >= w[1]), "{matched:?}");
}

#[test]
fn a_spelling_of_a_person_finds_pages_printing_another() {
    let page = |url: &str| {
        let path = url.split('#').next().unwrap_or(url).trim_start_matches('/');
        html(out(), &format!("{path}index.html"))
    };
    let r = find("Cecilia Fridh föredragande");
    let printing_frid = r
        .hits
        .iter()
        .filter(|h| {
            let p = page(&h.url);
            p.contains("Cecilia Frid") && !p.contains("Fridh")
        })
        .count();
    assert!(printing_frid >= 3, "{:?}", urls_of(&r));
    let r = find("Jakob Käll");
    assert!(
        urls_of(&r).contains(&"/dokument/vimmerby-kf-paragraf-69-2024/"),
        "the § 69 prints Jacob: {:?}",
        urls_of(&r)
    );
}

#[test]
fn every_usual_form_of_a_case_number_finds_the_case_page_first() {
    for (q, case) in [
        ("2020-26", "/arende/2020-26/"),
        ("Dnr 2020/26", "/arende/2020-26/"),
        ("dnr: 2020/26", "/arende/2020-26/"),
        ("diarienummer 2024/12", "/arende/2024-12/"),
        ("2020/6", "/arende/2020-06/"),
        ("ärende 2020/36", "/arende/2020-36/"),
    ] {
        let r = find(q);
        assert_eq!(r.hits[0].url, case, "{q}: {:?}", urls_of(&r));
    }
}

#[test]
fn parties_and_municipalities_have_their_pages() {
    let site = protokoll::read_site(&repo()).unwrap_or_else(|e| panic!("{e}"));
    for (q, first) in [
        ("(C)", "/parti/c/"),
        ("(KD)", "/parti/kd/"),
        ("Centerpartiet", "/parti/c/"),
        ("Nybro", "/kommun/nybro/"),
    ] {
        assert_eq!(find(q).hits[0].url, first, "{q}");
    }
    // (C) is the party, not the letter c: every person it finds is of the party.
    let r = search(
        &open(out()).unwrap(),
        "(C)",
        &Filters {
            kind: Some("person".into()),
            ..Filters::default()
        },
        100,
    )
    .unwrap();
    assert!(!r.hits.is_empty());
    for h in &r.hits {
        let p = site.people.iter().find(|p| h.title == p.name).unwrap();
        assert_eq!(p.party.as_deref(), Some("C"), "{}", h.url);
    }
}

#[test]
fn a_title_written_decomposed_is_found_by_a_normal_query() {
    use unicode_normalization::UnicodeNormalization;
    let t = fixture("minimal");
    let title: String = "Ny väg till Fagergård".nfd().collect();
    assert_ne!(title, "Ny väg till Fagergård");
    std::fs::write(
        t.path().join("content/dokument/vag.md"),
        format!(
            "+++\ntyp = \"tjansteskrivelse\"\nid = \"ny-vag\"\ntitel = \
                \"{title}\"\ndatum = 2024-01-02\norganisation = \
                \"testforbundet\"\n+++\nEtt beslut om en ny infart.\n"
        ),
    )
    .unwrap();
    build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let index = open(&t.path().join("public")).unwrap();
    for q in ["Fagergård", "väg", title.as_str()] {
        let r = search(&index, q, &Filters::default(), 10).unwrap();
        assert_eq!(
            r.hits.first().map(|h| h.url.as_str()),
            Some("/dokument/ny-vag/"),
            "{q}"
        );
        assert!(r.notes.is_empty(), "{q}: {:?}", r.notes);
    }
}
