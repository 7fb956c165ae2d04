//! Real minutes, part 1: `tests/fixtures/fullmaktige` (a kommunfullmäktige of 41 over two days,
//! an extra sitting on one day, a förening) built once; each item of the attendance issue asserted
//! in the HTML and in the JSON twins: absences, partial attendance, ersättare for named members,
//! chairs by paragraph, days and sittings, the anslag as printed, a party per period, sealing only
//! what is justerat, the paper's own group headings.

use crate::common::*;
use protokoll::search::query::{Filters, search};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture, built once; the build report.
fn built() -> &'static (PathBuf, protokoll::BuildReport) {
    static OUT: OnceLock<(PathBuf, protokoll::BuildReport)> = OnceLock::new();
    OUT.get_or_init(|| {
        let t = fixture("fullmaktige").keep();
        let report = build(&t).unwrap_or_else(|e| panic!("{e}"));
        (t.join("public"), report)
    })
}

fn out() -> &'static Path {
    &built().0
}

/// The names of a list of names as written (`[{name, …}]`).
fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| x["name"].as_str().unwrap().to_string())
        .collect()
}

/// The paragraph `nr` of the two-day meeting's twin.
fn item(nr: &str) -> Value {
    json(out(), &format!("kf/2011-11-02/{nr}/index.json"))
}

/// The part of a page between an element with `id` and the end of its section.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &page[start..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn absent_members_are_listed_and_their_page_says_absent_not_attended() {
    let page = html(out(), "kf/2011-11-02/index.html");
    let absent = section(&page, "narvaro-anmalt-forhinder");
    assert!(absent.contains("Anmält förhinder"));
    assert!(absent.contains("/person/sven-strom/"));
    assert!(absent.contains("/person/margareta-schlee/"));
    let twin = json(out(), "kf/2011-11-02/index.json");
    let franvarande = &twin["protokoll"]["narvaro"]["franvarande"];
    assert_eq!(names(franvarande), ["Margareta Schlee", "Sven Ström"]);
    assert!(
        !names(&twin["participant"]).contains(&"Sven Ström".to_string()),
        "an absent member is no participant"
    );
    let person = html(out(), "person/sven-strom/index.html");
    let away = section(&person, "franvaro");
    assert!(away.contains("/kf/2011-11-02/"), "{away}");
    assert!(away.contains("Anmält förhinder"));
    assert!(
        !section(&person, "moten").contains("/kf/2011-11-02/"),
        "not among the meetings attended"
    );
    let pj = json(out(), "person/sven-strom/index.json");
    let entry = pj["meeting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["meeting"]["web"] == "/kf/2011-11-02/")
        .unwrap();
    assert_eq!(entry["franvarande"], true);
    assert_eq!(entry["narvaro"], "Anmält förhinder");
}

#[test]
fn each_paragraph_lists_who_decided_there() {
    // § 95 on the second day: Olle Berg left after § 90 and Anna Vik served for him, Eva Sand
    // left after § 85; Lars Ek came at § 80, Ingrid Dahl came the second day.
    let p95 = item("95");
    let decided = names(&p95["beslutande"]);
    for n in [
        "Anna Vik",
        "Lars Ek",
        "Ingrid Dahl",
        "Tord Sjöberg",
        "Mats Johnsson",
    ] {
        assert!(decided.contains(&n.to_string()), "{n} decided § 95");
    }
    for n in ["Olle Berg", "Eva Sand", "Margareta Schlee", "Sven Ström"] {
        assert!(!decided.contains(&n.to_string()), "{n} did not decide § 95");
    }
    assert_eq!(decided.len(), 39);
    // § 92: Tord Sjöberg took no part ("ej § 92–93").
    assert!(!names(&item("92")["beslutande"]).contains(&"Tord Sjöberg".to_string()));
    let p75 = names(&item("75")["beslutande"]);
    for n in ["Olle Berg", "Eva Sand"] {
        assert!(p75.contains(&n.to_string()), "{n} decided § 75");
    }
    for n in ["Lars Ek", "Ingrid Dahl", "Anna Vik"] {
        assert!(!p75.contains(&n.to_string()), "{n} did not decide § 75");
    }
    // The paragraph page shows the same list.
    let page = html(out(), "kf/2011-11-02/95/index.html");
    let list = section(&page, "beslutande");
    assert!(list.contains("Beslutande vid § 95"));
    assert!(list.contains("39 beslutande"));
    assert!(list.contains("/person/anna-vik/") && !list.contains("/person/eva-sand/"));
    assert!(list.contains("ersättare för <a href=\"/person/olle-berg/\">Olle Berg</a>"));
    // The meeting's data says who took part in which paragraphs, and the hours printed.
    let twin = json(out(), "kf/2011-11-02/index.json");
    let voting = twin["protokoll"]["narvaro"]["beslutande"]
        .as_array()
        .unwrap();
    let of = |n: &str| voting.iter().find(|x| x["name"] == n).unwrap().clone();
    assert_eq!(of("Lars Ek")["paragrafer"][0], "80");
    assert_eq!(
        of("Eva Sand")["paragrafer"]
            .as_array()
            .unwrap()
            .last()
            .unwrap(),
        "85"
    );
    assert!(
        !of("Tord Sjöberg")["paragrafer"]
            .as_array()
            .unwrap()
            .contains(&Value::from("92"))
    );
    assert_eq!(of("Ingrid Dahl")["dag"][0], "2011-11-03");
    assert_eq!(of("Ali Hassan")["tid"]["start"], "10.00");
    assert!(
        of("Jan Nordin").get("paragrafer").is_none(),
        "the whole meeting"
    );
    // A meeting whose attendance does not vary says it once, not per paragraph.
    assert!(
        json(out(), "kf/2007-06-18-2/51/index.json")
            .get("beslutande")
            .is_none()
    );
}

#[test]
fn an_ersattare_and_the_member_replaced_are_both_linked() {
    let page = html(out(), "kf/2011-11-02/index.html");
    let serving = section(&page, "narvaro-tjanstgorande_ersattare");
    let li = serving
        .split("<li>")
        .find(|l| l.contains("/person/mats-johnsson/"))
        .unwrap();
    assert!(
        li.contains("ersätter") && li.contains("/person/margareta-schlee/"),
        "{li}"
    );
    let absent = section(&page, "narvaro-anmalt-forhinder");
    let li = absent
        .split("<li>")
        .find(|l| l.contains("/person/margareta-schlee/"))
        .unwrap();
    assert!(
        li.contains("ersatt av") && li.contains("/person/mats-johnsson/"),
        "{li}"
    );
    let twin = json(out(), "kf/2011-11-02/index.json");
    let subs = twin["protokoll"]["narvaro"]["tjanstgorande_ersattare"]
        .as_array()
        .unwrap();
    assert_eq!(subs[0]["ersatter"]["person"]["key"], "margareta-schlee");
    assert_eq!(subs[1]["ersatter"]["name"], "Olle Berg");
    assert_eq!(subs[1]["paragrafer"][0], "91");
    let absent = &twin["protokoll"]["narvaro"]["franvarande"][0];
    assert_eq!(absent["ersatt_av"]["name"], "Mats Johnsson");
    // The replaced member's page: replaced, with who served, and not as absent without reason.
    let person = html(out(), "person/margareta-schlee/index.html");
    let away = section(&person, "franvaro");
    assert!(away.contains("ersatt av Mats Johnsson"), "{away}");
    assert_eq!(away.matches("/kf/2011-11-02/").count(), 1);
    let pj = json(out(), "person/olle-berg/index.json");
    let replaced = pj["meeting"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["narvaro"] == "Ersatt")
        .unwrap();
    assert_eq!(replaced["ersatt_av"]["key"], "anna-vik");
    assert_eq!(replaced["paragrafer"][0], "91");
}

#[test]
fn each_paragraph_knows_who_chaired_it() {
    assert_eq!(item("80")["ordforande"]["name"], "Karin Lund");
    assert_eq!(item("90")["ordforande"]["name"], "Per Holm");
    assert!(
        html(out(), "kf/2011-11-02/90/index.html")
            .contains("Ordförande: <a href=\"/person/per-holm/\">Per Holm</a>")
    );
    let twin = json(out(), "kf/2011-11-02/index.json");
    let chairs = twin["protokoll"]["ordforanden"].as_array().unwrap();
    assert_eq!(chairs.len(), 2);
    assert_eq!(chairs[1]["role"], "vice-ordforande");
    assert_eq!(chairs[1]["paragrafer"][0], "89");
    // An ålderspresident chairs until the chair is elected.
    let a = json(out(), "kf/2007-06-18/45/index.json");
    assert_eq!(a["ordforande"]["name"], "Göran Alm");
    let m = json(out(), "kf/2007-06-18/index.json");
    assert_eq!(m["protokoll"]["ordforanden"][0]["role"], "alderspresident");
    assert_eq!(
        json(out(), "kf/2007-06-18/46/index.json")["ordforande"]["name"],
        "Karin Lund"
    );
    let page = html(out(), "kf/2011-11-02/index.html");
    assert!(page.contains(
        "Karin Lund</a> <span class=\"party\">(S)</span><span class=\"role\">, \
        ordförande § 74–88</span></span>; "
    ));
}

#[test]
fn a_meeting_over_two_days_is_one_meeting_with_one_calendar_event() {
    let page = html(out(), "kf/2011-11-02/index.html");
    assert!(page.contains("<h1>Kommunfullmäktige onsdag 2 – torsdag 3 november 2011</h1>"));
    assert!(page.contains("torsdag 3 november 2011, kl. 09.00–12.30 (§§ 89-97)"));
    let twin = json(out(), "kf/2011-11-02/index.json");
    assert_eq!(twin["name"], "Kommunfullmäktige 2–3 november 2011");
    assert_eq!(twin["start"], "2011-11-02T10:00:00+01:00");
    assert_eq!(twin["end"], "2011-11-03T12:30:00+01:00");
    assert_eq!(twin["dag"].as_array().unwrap().len(), 2);
    assert!(
        !out().join("kf/2011-11-03").exists(),
        "one URL, the first day's"
    );
    let ics = read(out(), "kf/kalender.ics");
    let event = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:kf-2011-11-02@"))
        .unwrap();
    assert!(event.contains("DTSTART;TZID=Europe/Stockholm:20111102T100000"));
    assert!(event.contains("DTEND;TZID=Europe/Stockholm:20111103T123000"));
    assert!(html(out(), "kf/index.html").contains("Kommunfullmäktige 2–3 november 2011"));
    assert!(html(out(), "anslagstavla/index.html").contains("sammanträde 2–3 november 2011"));
}

#[test]
fn a_second_sitting_on_one_day_has_a_url_of_its_own() {
    let first = json(out(), "kf/2007-06-18/index.json");
    let second = json(out(), "kf/2007-06-18-2/index.json");
    assert_eq!(first["web"], "/kf/2007-06-18/");
    assert_eq!(second["web"], "/kf/2007-06-18-2/");
    assert_eq!(second["sammantrade"], 2);
    assert!(first.get("sammantrade").is_none());
    assert_eq!(
        second["name"],
        "Kommunfullmäktige 18 juni 2007, sammanträde 2"
    );
    assert_eq!(second["agendaItem"][0]["number"], "51");
    // Its kallelse (sammantrade = 2) met its protokoll: the agenda item links the paragraph.
    assert_eq!(
        second["kallelse"]["agendaItem"][0]["motsvarighet"]["web"],
        "/kf/2007-06-18-2/51/"
    );
    let ics = read(out(), "kalender.ics");
    assert!(ics.contains("UID:kf-2007-06-18@") && ics.contains("UID:kf-2007-06-18-2@"));
    let board = html(out(), "anslagstavla/index.html");
    assert!(board.contains("id=\"kf-2007-06-18\"") && board.contains("id=\"kf-2007-06-18-2\""));
}

#[test]
fn the_notice_board_shows_the_take_down_day_printed() {
    let board = html(out(), "anslagstavla/index.html");
    let notice = |id: &str| {
        let start = board.find(&format!("id=\"{id}\"")).unwrap();
        let rest = &board[start..];
        rest[..rest.find("</li>").unwrap()].to_string()
    };
    // Posted 2011-11-10: the last day to appeal is 2011-12-01, printed as the day it comes down
    // (the rule alone would say 2011-12-02).
    let n = notice("kf-2011-11-02");
    assert!(
        n.contains("Anslaget tas ned</dt><dd><time datetime=\"2011-12-01\">"),
        "{n}"
    );
    assert!(
        n.contains("Kommunkansliet, Stadshuset, Storgatan 1"),
        "förvaringsplats as printed"
    );
    assert!(
        n.contains("2011-11-09</time>, Kommunkansliet, Stadshuset"),
        "justeringens plats"
    );
    assert!(n.contains("Intygas") && n.contains("/person/doris-dahl/"));
    // Nothing printed: computed as before (posted 2007-06-26, last day 2007-07-17, down the day
    // after).
    let n = notice("kf-2007-06-18");
    assert!(
        n.contains("Anslaget tas ned</dt><dd><time datetime=\"2007-07-18\">"),
        "{n}"
    );
    let n = notice("kf-2007-06-18-2");
    assert!(
        n.contains("Anslaget tas ned</dt><dd><time datetime=\"2007-07-17\">"),
        "{n}"
    );
    let twin = json(out(), "kf/2011-11-02/index.json");
    assert_eq!(twin["anslag"]["tas_ned"], "2011-12-01");
    assert_eq!(twin["protokoll"]["nedtagen"], "2011-12-01");
    assert_eq!(
        twin["protokoll"]["justeringsplats"],
        "Kommunkansliet, Stadshuset"
    );
    assert_eq!(twin["protokoll"]["justeringstid"], "15.00");
    assert_eq!(twin["protokoll"]["intygat_av"]["name"], "Doris Dahl");
    let page = html(out(), "kf/2011-11-02/index.html");
    let proof = section(&page, "anslagsbevis");
    assert!(proof.contains(
        "Kommunkansliet, Stadshuset, <time datetime=\"2011-11-09\">2011-11-09</time> kl. 15.00"
    ));
    assert!(proof.contains(
        "Förvaringsplats för protokollet</dt><dd>Kommunkansliet, Stadshuset, Storgatan 1"
    ));
    let feed = read(out(), "anslagstavla/atom.xml");
    assert!(feed.contains("Anslaget tas ned 2011-12-01."));
}

#[test]
fn a_paragraph_number_left_out_is_said_on_the_page() {
    let page = html(out(), "kf/2011-11-02/index.html");
    assert!(section(&page, "utelamnade").contains("§ 86: Sekretess enligt 21 kap. 7 §"));
    let twin = json(out(), "kf/2011-11-02/index.json");
    assert_eq!(twin["protokoll"]["utelamnad"][0]["paragraf"], "86");
}

#[test]
fn a_party_is_the_party_of_the_day() {
    // Bo Lindgren is registered (FP): the 2016 paper's (L) is the same party renamed. Sven Ström
    // was (M) until 2014 and is (SD) now; Linnea Björk sat for (MP) in the term to 2014.
    let person = html(out(), "person/sven-strom/index.html");
    assert!(person.contains("Tidigare Moderaterna (<a href=\"/parti/m/\">M</a>) till 2014-10-14"));
    assert!(person.contains("I protokollen som (SD) 2016-03-14"));
    let pj = json(out(), "person/bo-lindgren/index.json");
    let printed: Vec<&str> = pj["parti_i_protokollen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(printed, ["FP", "L"]);
    assert_eq!(
        json(out(), "person/sven-strom/index.json")["tidigare_parti"][0]["code"],
        "M"
    );
    let m = json(out(), "parti/m/index.json");
    assert!(names(&m["tidigare"]).contains(&"Sven Ström".to_string()));
    assert!(html(out(), "parti/m/index.html").contains("Tidigare i partiet"));
    assert_eq!(json(out(), "parti/fp/index.json")["namnbyte"]["till"], "L");
    let mp = json(out(), "parti/mp/index.json");
    assert!(names(&mp["tidigare"]).contains(&"Linnea Björk".to_string()));

    // A party that is not the one of the day is still an error, at its name.
    let t = fixture("fullmaktige");
    let p = t.path().join("content/kf/2011-11-02/protokoll.md");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("\"Sven Ström (M)\"", "\"Sven Ström (SD)\"");
    fs::write(&p, text).unwrap();
    let Err(protokoll::BuildError::Content(d)) = build(t.path()) else {
        panic!("(SD) in 2011 must fail")
    };
    let msg = d.iter().find(|x| x.is_error()).unwrap().to_string();
    assert!(
        msg.contains("error: Sven Ström is registered as (M) on 2011-11-02, not (SD)"),
        "{msg}"
    );
}

#[test]
fn only_what_is_marked_justerat_is_sealed_and_the_build_names_it() {
    let report = &built().1;
    let mut sealed = report.sealed.clone();
    sealed.sort();
    assert_eq!(
        sealed,
        [
            "content/hembygdsforeningen/2010-05-20/protokoll.md",
            "content/kf/2007-06-18-extra/protokoll.md",
            "content/kf/2007-06-18/protokoll.md",
            "content/kf/2011-11-02/protokoll.md",
        ]
    );
    // The 2016 protokoll is signed but marked `justerat = false`: a draft, not justerat.
    assert_eq!(
        json(out(), "kf/2016-03-14/index.json")["meetingState"],
        "genomfort"
    );
    assert!(!html(out(), "anslagstavla/index.html").contains("kf-2016-03-14"));
    assert!(
        report
            .warnings
            .iter()
            .all(|w| !w.to_string().contains("2016-03-14"))
    );

    let t = fixture("fullmaktige");
    build(t.path()).unwrap();
    let p = t.path().join("content/kf/2016-03-14/protokoll.md");
    let draft = fs::read_to_string(&p).unwrap();
    // A draft may change freely.
    fs::write(&p, draft.replace("hundrastgård", "hundrastgård vid Åkerby")).unwrap();
    let again = build(t.path()).unwrap();
    assert!(again.sealed.is_empty());
    // Marked justerat: the next build seals it and says so; then it is held to its seal.
    let marked = fs::read_to_string(&p)
        .unwrap()
        .replace("justerat = false", "justerat = true\njusterad = 2016-03-21");
    fs::write(&p, &marked).unwrap();
    let sealed = build(t.path()).unwrap();
    assert_eq!(sealed.sealed, ["content/kf/2016-03-14/protokoll.md"]);
    assert!(
        fs::read_to_string(t.path().join("justerade.toml"))
            .unwrap()
            .contains("mote = \"kf/2016-03-14\"")
    );
    fs::write(&p, marked.replace("vid Åkerby", "vid Norrby")).unwrap();
    assert!(matches!(
        build(t.path()),
        Err(protokoll::BuildError::Content(_))
    ));
}

#[test]
fn a_forening_keeps_the_headings_its_paper_prints() {
    let page = html(out(), "hembygdsforeningen/2010-05-20/index.html");
    let headings: Vec<&str> = page
        .split("<h3 id=\"narvaro-")
        .skip(1)
        .map(|h| &h[h.find('>').unwrap() + 1..h.find("</h3>").unwrap()])
        .collect();
    assert_eq!(
        headings,
        [
            "Närvarande ledamöter",
            "Suppleanter",
            "Adjungerade",
            "Sekretariatet"
        ]
    );
    let twin = json(out(), "hembygdsforeningen/2010-05-20/index.json");
    let groups = twin["protokoll"]["narvarogrupper"].as_array().unwrap();
    let kinds: Vec<&str> = groups.iter().map(|g| g["slag"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["beslutande", "ej_tjanstgorande", "ovriga", "ovriga"]
    );
    assert_eq!(groups[1]["rubrik"], "Suppleanter");
    assert_eq!(groups[1]["namn"][1]["paragrafer"][0], "3");
    assert_eq!(
        twin["protokoll"]["narvaro"]["beslutande"][0]["role"],
        "ordforande"
    );
    let person = html(out(), "person/siv-holmgren/index.html");
    assert!(section(&person, "moten").contains("Suppleanter"));
}

#[test]
fn attendance_is_found_by_search() {
    let index = protokoll::search::open(out()).unwrap();
    let hits = search(&index, "Margareta Schlee", &Filters::default(), 20)
        .unwrap()
        .hits;
    assert!(
        hits.iter().any(|h| h.url == "/kf/2011-11-02/"),
        "{:?}",
        hits.iter().map(|h| &h.url).collect::<Vec<_>>()
    );
}

#[test]
fn serve_shows_attendance_edits_as_a_full_build_would() {
    use protokoll::serve::incremental::{self, Incremental};
    let t = fixture("fullmaktige");
    let root = t.path().join("site");
    copy_tree(&repo().join("tests/fixtures/fullmaktige"), &root);
    let opts = |out: &str| {
        protokoll::Build::new(root.clone(), t.path().join(out), protokoll::Mode::Preview)
    };
    let (_, inc) = incremental::full_build(&opts("preview")).unwrap();
    let mut inc: Incremental = inc.unwrap();
    let rel = "content/kf/2011-11-02/protokoll.md";
    let edits: [(&str, &str, &str); 4] = [
        (
            "a member comes later",
            "\"Lars Ek (C) fr.o.m. § 80\"",
            "\"Lars Ek (C) fr.o.m. § 84\"",
        ),
        (
            "an ersättare serves for a member",
            "\"Ebba Kron (C)\"",
            "\"Ebba Kron (C) ersätter Nils Hagström (C) § 95–97\"",
        ),
        (
            "the take-down day as printed",
            "nedtagen = 2011-12-01",
            "nedtagen = 2011-12-02",
        ),
        (
            "the second day's hours",
            "slut = \"12:30\"",
            "slut = \"13:15\"",
        ),
    ];
    for (what, from, to) in edits {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{what}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        match inc.update(&[PathBuf::from(rel)]) {
            Ok(Ok(_)) => {}
            other => panic!("{what}: {:?}", other.err()),
        }
        let exports = inc.exports().unwrap();
        inc.apply_exports(exports).unwrap();
        let fresh = opts("fresh");
        incremental::full_build(&fresh).unwrap();
        crate::incremental::assert_same(what, &t.path().join("preview"), &fresh.output);
    }
}
