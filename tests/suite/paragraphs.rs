//! Paragraphs as real minutes print them, on the fixture `tests/fixtures/paragrafer` (a
//! kommunfullmäktige and a kommunstyrelse): every form of decision heading and line, every form of
//! Dnr, `§ 31 a`, `KF § 266`, unnumbered items, a roll-call vote of 41 members, reservations with
//! their reasons, jäv, protokollsanteckningar, "Beslutet skickas till" and bilagor, asserted in the
//! HTML and the JSON; and the warnings for what is written like a decision or a Dnr but not
//! understood, on small sites made from `tests/fixtures/minimal`.

use crate::common::*;
use protokoll::search::query::{Filters, search};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The fixture, built once: its root (a copy) and its output.
fn site() -> &'static (PathBuf, PathBuf, Vec<String>) {
    static SITE: OnceLock<(PathBuf, PathBuf, Vec<String>)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = fixture("paragrafer").keep();
        let report = build(&root).unwrap_or_else(|e| panic!("{e}"));
        let warnings = report.warnings.iter().map(ToString::to_string).collect();
        (root.clone(), root.join("public"), warnings)
    })
}

fn out() -> &'static Path {
    &site().1
}

const KF: &str = "kommunfullmaktige/2024-11-25";
const KS: &str = "kommunstyrelsen/2024-11-12";

fn twin(page: &str) -> Value {
    json(out(), &format!("{page}/index.json"))
}

fn page(page: &str) -> String {
    html(out(), &format!("{page}/index.html"))
}

#[test]
fn the_fixture_builds_without_a_warning() {
    assert_eq!(site().2, Vec::<String>::new());
}

#[test]
fn every_decision_form_is_a_decision_with_its_text() {
    // (page, how the decision is written, the start of its text)
    let cases = [
        (
            format!("{KF}/264"),
            "a line \"… beslutar att\"",
            "Kommunfullmäktige beslutar att utse Maria Moberg",
        ),
        (
            format!("{KF}/265"),
            "**Beslut:** and the text",
            "Kommunfullmäktige fastställer dagordningen",
        ),
        (
            format!("{KF}/266"),
            "### Kommunfullmäktiges beslut",
            "Kommunfullmäktige beslutar att fastställa budget 2025",
        ),
        (
            format!("{KF}/267"),
            "Beslut on a line of its own",
            "Kommunfullmäktige beslutar att motionen är besvarad.",
        ),
        (
            format!("{KF}/268"),
            "Beslut: on a line of its own",
            "Kommunfullmäktige beslutar att sälja fastigheten",
        ),
        (
            format!("{KF}/269"),
            "### Ställningstagande ([ordlista])",
            "Kommunfullmäktige godkänner hyresavtalet",
        ),
        (
            format!("{KS}/31"),
            "### Kommunstyrelsens beslut",
            "Kommunstyrelsen föreslår kommunfullmäktige att fastställa",
        ),
        (
            format!("{KS}/31a"),
            "**Beslut**",
            "Kommunstyrelsen beslutar att räddningstjänsten",
        ),
        (
            format!("{KS}/32"),
            "Beslut: and the text",
            "Kommunstyrelsen föreslår kommunfullmäktige att motionen",
        ),
    ];
    for (p, how, text) in &cases {
        let j = twin(p);
        assert_eq!(j["beslut"], true, "{p} ({how})");
        let resolution = j["resolutionText"].as_str().unwrap();
        assert!(resolution.starts_with(text), "{p} ({how}): {resolution}");
        let h = page(p);
        assert!(
            h.contains(r#"<span class="badge badge-beslut">Beslut</span>"#),
            "{p}"
        );
        let decision = h
            .split(r#"<section class="section section-beslut">"#)
            .nth(1)
            .unwrap();
        assert!(
            decision
                .split("</section>")
                .next()
                .unwrap()
                .contains(&text[..30]),
            "{p}"
        );
    }
    // The decisions CSV lists each of them.
    let csv = read(out(), "api/beslut.csv");
    assert_eq!(csv.lines().count(), 1 + cases.len(), "{csv}");
}

#[test]
fn text_before_the_decision_line_stays_the_text_and_a_paragraph_without_a_decision_is_none() {
    let j = twin(&format!("{KF}/268"));
    let kinds: Vec<&str> = j["avsnitt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["typ"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["bakgrund", "beslut"]);
    // `Inget beslut`: a delegation report whose text says "beslutade att" is no decision.
    let j = twin(&format!("{KF}/270"));
    assert_eq!(
        (j["beslut"].clone(), j["resolutionText"].clone()),
        (Value::Bool(false), Value::Null)
    );
    // A proposal of the kallelse ("Kommunfullmäktige beslutar att …") is no decision either.
    let meeting = twin(KF);
    for item in meeting["kallelse"]["agendaItem"].as_array().unwrap() {
        assert_eq!(item["beslut"], false, "{}", item["label"]);
    }
}

#[test]
fn paragraph_numbers_as_printed() {
    let j = twin(&format!("{KS}/31a"));
    assert_eq!(
        (j["number"].as_str(), j["label"].as_str()),
        (Some("31a"), Some("§ 31 a"))
    );
    assert!(page(&format!("{KS}/31a")).contains(
        r#"<span class="paragraph-number">§ 31 a</span> Tilläggsanslag för räddningstjänsten"#
    ));
    let j = twin(&format!("{KF}/266"));
    assert_eq!(
        (j["number"].as_str(), j["label"].as_str()),
        (Some("266"), Some("KF § 266"))
    );
    assert_eq!(j["title"], "Budget 2025 och ekonomisk plan 2026–2027");
    assert!(
        page(&format!("{KF}/266"))
            .contains(r#"<span class="paragraph-number">KF § 266</span> Budget 2025"#)
    );
    // The pager of § 31 leads to § 31 a.
    assert!(page(&format!("{KS}/31")).contains(&format!(r#"<a rel="next" href="/{KS}/31a/">"#)));
}

#[test]
fn unnumbered_items_are_items_with_their_text_and_an_address() {
    let items = [
        (KF, "parentation", "Parentation", "tyst minut"),
        (
            KF,
            "fragor-fran-allmanheten",
            "Frågor från allmänheten",
            "gång- och cykelvägen",
        ),
        (
            KF,
            "information-fran-kommundirektoren",
            "Information från kommundirektören",
            "översiktsplanen",
        ),
        (KS, "dagordning", "Dagordning", "godkänns utan ändringar"),
    ];
    for (meeting, slug, title, words) in items {
        let j = twin(&format!("{meeting}/{slug}"));
        assert_eq!(
            (j["label"].as_str(), j["title"].as_str()),
            (Some(""), Some(title)),
            "{slug}"
        );
        assert!(j["text"].as_str().unwrap().contains(words), "{slug}");
        assert_eq!(j["web"], format!("/{meeting}/{slug}/"));
        let h = page(&format!("{meeting}/{slug}"));
        assert!(h.contains(&format!("<title>{title} ")), "{slug}");
        // On the meeting page, in order with the paragraphs, at its anchor.
        assert!(
            page(meeting).contains(&format!(r#"id="p{slug}""#)),
            "{slug}"
        );
    }
    let order: Vec<String> = twin(KF)["agendaItem"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        order,
        [
            "parentation",
            "fragor-fran-allmanheten",
            "264",
            "265",
            "266",
            "267",
            "268",
            "269",
            "270",
            "information-fran-kommundirektoren"
        ]
    );
}

#[test]
fn every_dnr_form_makes_its_case_with_the_printed_form() {
    // (case URL segment, Dnr as printed, paragraphs that name it)
    let cases = [
        (
            "ks-2024-123",
            "KS 2024/123",
            vec![format!("{KS}/31"), format!("{KF}/266")],
        ),
        (
            "ks-2024-45",
            "KS 2024/45",
            vec![format!("{KS}/32"), format!("{KF}/267")],
        ),
        (
            "2011-ks-0193-10",
            "2011/KS 0193 10",
            vec![format!("{KF}/268")],
        ),
        (
            "d-2007-036-101",
            "D 2007/036-101",
            vec![format!("{KF}/269")],
        ),
        ("ks-02-820-107", "KS 02-820 107", vec![format!("{KF}/270")]),
        ("ks-2024-12", "KS 2024/12", vec![format!("{KF}/270")]),
        ("ks-2024-130", "KS 2024/130", vec![format!("{KS}/31a")]),
    ];
    for (slug, printed, paragraphs) in &cases {
        let j = json(out(), &format!("arende/{slug}/index.json"));
        assert_eq!(j["reference"], *printed, "{slug}");
        let entries: Vec<&str> = j["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "paragraf")
            .map(|e| e["agendaItem"]["web"].as_str().unwrap())
            .collect();
        let want: Vec<String> = paragraphs.iter().map(|p| format!("/{p}/")).collect();
        assert_eq!(entries, want, "{slug}");
        assert!(
            html(out(), &format!("arende/{slug}/index.html"))
                .contains(&format!("<h1>Dnr {printed}</h1>"))
        );
        for p in paragraphs {
            assert!(
                twin(p)["dnr"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d == printed),
                "{p}"
            );
        }
    }
    // The Dnr on a heading line is not part of the title.
    assert_eq!(
        twin(&format!("{KF}/267"))["title"],
        "Motion om billig daglig maträtt i skolan"
    );
    assert_eq!(
        twin(&format!("{KF}/269"))["title"],
        "Avtal om hyra av lokaler för kulturskolan"
    );
    let listed = fs::read_dir(out().join("arende"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().is_dir())
        .count();
    assert_eq!(listed, cases.len());
}

#[test]
fn a_roll_call_of_41_members_is_data_and_a_table() {
    let j = twin(&format!("{KF}/266"));
    let v = &j["omrostning"][0];
    assert_eq!(v["type"], "Vote");
    assert_eq!(
        (v["ja"].as_u64(), v["nej"].as_u64(), v["avstar"].as_u64()),
        (Some(25), Some(14), Some(2))
    );
    assert_eq!(
        (v["namnupprop"].as_bool(), v["resultat"].as_str()),
        (Some(true), Some("ja"))
    );
    let rost = v["rost"].as_array().unwrap();
    assert_eq!(rost.len(), 41);
    for r in rost {
        assert!(
            r["voter"]["person"]["web"]
                .as_str()
                .unwrap()
                .starts_with("/person/"),
            "{r}"
        );
    }
    let wall = rost
        .iter()
        .find(|r| r["voter"]["name"] == "Wilhelm Wall")
        .unwrap();
    assert_eq!(wall["choice"], "nej");
    let h = page(&format!("{KF}/266"));
    let table = h
        .split(r#"<table class="table-stack vote-table">"#)
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    assert!(
        table.contains(
            "<caption id=\"p266-omrostning-4\">Omröstning KF § 266: 25 ja, 14 nej, 2 \
        avstår</caption>"
        ),
        "{table}"
    );
    assert!(table.contains(r#"<th scope="col">Ledamot</th><th scope="col">Röst</th>"#));
    assert_eq!(table.matches(r#"<th scope="row">"#).count(), 41);
    assert_eq!(
        table.matches(r#"<td data-label="Röst">Nej</td>"#).count(),
        14
    );
    assert!(table.contains(concat!(
        r#"<th scope="row"><a href="/person/nora-noren/">Nora Norén</a> "#,
        r#"<span class="party">(L)</span></th><td data-label="Röst">Avstår</td>"#
    )));
    // The meeting page holds the same table, and marks the vote in its decision index.
    assert!(page(KF).contains(concat!(
        r#"KF § 266</span> Budget 2025 och ekonomisk plan 2026–2027</a> "#,
        r#"<span class="badge badge-beslut">Beslut</span> "#,
        r#"<span class="badge badge-omrostning">Omröstning</span>"#
    )));
    // The decisions CSV has the counts.
    let csv = read(out(), "api/beslut.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with(",url,ja,nej,avstar,franvarande"),
        "{header}"
    );
    let row = csv.lines().find(|l| l.contains(",266,")).unwrap();
    assert!(
        row.ends_with("/kommunfullmaktige/2024-11-25/266/,25,14,2,"),
        "{row}"
    );
}

#[test]
fn reservations_notes_motions_and_jav_are_linked_to_their_members_with_reasons() {
    let j = twin(&format!("{KF}/266"));
    let keys = |v: &Value| -> Vec<String> {
        v["person"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap().to_string())
            .collect()
    };
    let r = j["reservation"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(
        keys(&r[0]),
        ["wilhelm-wall", "ylva-ytterberg", "asa-akerlund"]
    );
    assert!(
        r[0]["skal"]
            .as_str()
            .unwrap()
            .starts_with("Skälen är att äldreomsorgen")
    );
    assert_eq!(keys(&r[1]), ["ida-ivarsson"]);
    assert!(
        r[1]["skal"]
            .as_str()
            .unwrap()
            .contains("Budgeten skär i skolan")
    );
    assert_eq!(keys(&j["protokollsanteckning"][0]), ["leif-lindgren"]);
    let y = j["yrkande"].as_array().unwrap();
    assert_eq!(y.len(), 3);
    assert_eq!(
        keys(&y[0]),
        ["anna-ahlgren", "maria-moberg", "elin-engstrom"]
    );
    assert_eq!(
        j["skickas_till"],
        serde_json::json!(["Kommunstyrelsen", "Samtliga nämnder", "Revisorerna"])
    );
    let h = page(&format!("{KF}/266"));
    assert!(h.contains(concat!(
        r#"<span class="section-people-label">Reserverade sig:</span> "#,
        r#"<a href="/person/wilhelm-wall/">Wilhelm Wall</a> (SD)"#
    )));
    // Jäv on a meta line and in a section, with why.
    let jav = &twin(&format!("{KF}/268"))["jav"][0];
    assert_eq!(
        (keys(jav), jav["skal"].as_str()),
        (
            vec!["filip-fors".to_string()],
            Some("styrelseledamot i köparbolaget Sjöviks Energi AB")
        )
    );
    assert!(page(&format!("{KF}/268")).contains(concat!(
        r#"<dt>Jäv</dt><dd><a href="/person/filip-fors/">Filip Fors</a>: "#,
        r#"styrelseledamot i köparbolaget Sjöviks Energi AB</dd>"#
    )));
    let jav = &twin(&format!("{KF}/269"))["jav"][0];
    assert_eq!(
        (keys(jav), jav["skal"].as_str()),
        (
            vec!["henrik-hedin".to_string()],
            Some("han är delägare i fastighetsbolaget")
        )
    );
}

#[test]
fn person_pages_show_how_they_voted_their_reservations_and_their_jav() {
    let wall = json(out(), "person/wilhelm-wall/index.json");
    assert_eq!(wall["omrostning"][0]["choice"], "nej");
    assert_eq!(
        wall["omrostning"][0]["agendaItem"]["web"],
        format!("/{KF}/266/")
    );
    let reserved: Vec<&str> = wall["reservation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["web"].as_str().unwrap())
        .collect();
    assert_eq!(reserved, vec![format!("/{KS}/31/"), format!("/{KF}/266/")]);
    let h = html(out(), "person/wilhelm-wall/index.html");
    assert!(h.contains(r#"<h2 id="omrostningar">Omröstningar</h2>"#));
    assert!(h.contains("röstade nej</p>"), "{h}");
    assert!(h.contains(r#"<h2 id="reservationer">Reservationer</h2>"#));
    assert!(h.contains(r#"<h2 id="yrkanden">Yrkanden</h2>"#));
    let fors = html(out(), "person/filip-fors/index.html");
    assert!(fors.contains(r#"<h2 id="jav">Jäv</h2>"#));
    assert!(fors.contains(&format!(
        r#"href="/{KF}/268/">KF § 268 Försäljning av fastigheten Sjövik 1:23</a>"#
    )));
    assert_eq!(
        json(out(), "person/filip-fors/index.json")["jav"][0]["web"],
        format!("/{KF}/268/")
    );
    // Someone who did nothing in the room has none of it.
    let sund = json(out(), "person/marianne-sund/index.json");
    assert!(sund.get("omrostning").is_none() && sund.get("jav").is_none());
}

#[test]
fn bilagor_are_copied_listed_and_checksummed() {
    let manifest = read(out(), "manifest-sha256.txt");
    let j = twin(&format!("{KF}/266"));
    let files = j["auxiliaryFile"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let meeting = twin(KF);
    let all = files
        .iter()
        .chain(meeting["protokoll"]["auxiliaryFile"].as_array().unwrap());
    for f in all {
        let url = f["accessUrl"].as_str().unwrap();
        let name = f["fileName"].as_str().unwrap();
        let source = fs::read(site().0.join("content").join(KF).join(name)).unwrap();
        let copied = fs::read(out().join(url.trim_start_matches('/'))).unwrap();
        assert_eq!(copied, source, "{url}");
        let sha = hex(&Sha256::digest(&source));
        assert_eq!(f["sha256Checksum"], sha.as_str());
        assert_eq!(f["size"], source.len());
        assert!(
            manifest.contains(&format!("{sha}  {}", url.trim_start_matches('/'))),
            "{url}"
        );
    }
    assert_eq!(files[0]["name"], "Budget 2025");
    assert_eq!(files[0]["mimeType"], "application/pdf");
    assert_eq!(files[1]["name"], "Ekonomisk plan 2026–2027, tabeller");
    let h = page(&format!("{KF}/266"));
    assert!(
        h.contains(&format!(
            concat!(
                r#"<dt>Bilagor</dt><dd><ul class="attachments"><li>"#,
                r#"<a href="/{KF}/bilagor/bilaga-1-budget-2025.pdf" type="application/pdf">"#,
                r#"Budget 2025</a> <span class="attachment-meta">(PDF, 709 byte)</span></li>"#
            ),
            KF = KF
        )),
        "{h}"
    );
    assert!(page(KF).contains(r#"<h3 id="protokoll-bilagor">Bilagor</h3>"#));
    // Named by a content file, the attachments are not warned about as stray files.
    assert_eq!(site().2, Vec::<String>::new());
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn the_meeting_page_lists_every_paragraph_before_the_attendance() {
    let h = page(KF);
    let index = h.find(r#"<nav class="decision-index""#).unwrap();
    let attendance = h.find(r#"<details class="attendance" open>"#).unwrap();
    let first = h.find(r#"<article class="paragraph""#).unwrap();
    assert!(index < attendance && attendance < first);
    let nav = &h[index..h[index..].find("</nav>").unwrap() + index];
    for item in twin(KF)["agendaItem"].as_array().unwrap() {
        let n = item["number"].as_str().unwrap();
        assert!(nav.contains(&format!(r##"<a href="#p{n}">"##)), "{n}");
    }
    assert_eq!(nav.matches("badge-beslut").count(), 6);
}

#[test]
fn search_finds_the_room_and_the_bilagor() {
    let index = protokoll::search::open(out()).unwrap();
    let urls = |q: &str| -> Vec<String> {
        search(&index, q, &Filters::default(), 5)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.url)
            .collect()
    };
    let kf266 = format!("/{KF}/266/");
    assert_eq!(urls("invånare över 80 år").first(), Some(&kf266));
    assert_eq!(urls("Budgeten skär i skolan").first(), Some(&kf266));
    assert!(urls("fastighetsbolaget delägare").contains(&format!("/{KF}/269/")));
    assert!(urls("köparbolaget").contains(&format!("/{KF}/268/")));
    assert!(urls("tabeller ekonomisk plan").contains(&kf266));
}

/// A copy of `tests/fixtures/minimal` whose protokoll has `paragraph` appended; the warnings of
/// its build.
fn warnings_with(paragraph: &str, extra: &[(&str, &[u8])]) -> Vec<String> {
    let t = fixture("minimal");
    let p = t.path().join("content/styrelsen/2024-01-10/protokoll.md");
    // Without the printed range, which a fourth paragraph would not match.
    let mut s = fs::read_to_string(&p)
        .unwrap()
        .replace("paragrafer = \"§§ 1-3\"\n", "");
    s.push_str(paragraph);
    fs::write(&p, s).unwrap();
    for (rel, bytes) in extra {
        fs::write(t.path().join(rel), bytes).unwrap();
    }
    let r = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    r.warnings
        .iter()
        .map(ToString::to_string)
        .filter(|w| !w.contains("bas_url"))
        .collect()
}

#[test]
fn text_that_reads_like_a_decision_is_a_warning_at_its_line_unless_the_paragraph_says_it_has_none()
{
    // The minimal protokoll has 39 lines left; the paragraph's heading is on line 41.
    let w = warnings_with(
        "\n## § 4 Information om läget\n\nStyrelsen beslutade att ge förbundschefen i uppdrag.\n",
        &[],
    );
    assert_eq!(
        w,
        [
            "content/styrelsen/2024-01-10/protokoll.md:43:11: warning: § 4 \
                Information om läget reads like a decision, but no decision is \
                recognized in it\n  = hint: write the decision under `### Beslut` (or \
                `**Beslut:**`, or a line \"Styrelsen beslutar att …\"); if the \
                paragraph has no decision, write `Inget beslut` under its heading"
        ]
    );
    let w = warnings_with(
        "\n## § 4 Information om läget\n\nInget beslut\n\nStyrelsen beslutade att \
            ge förbundschefen i uppdrag.\n",
        &[],
    );
    assert_eq!(w, Vec::<String>::new());
}

#[test]
fn a_dnr_not_understood_and_a_dnr_line_in_the_text_are_warnings() {
    let w = warnings_with(
        "\n## § 4 Avtal\n\nDnr: 2024/5 (ersätter 2023/9)\n\nText.\n\nDnr \
            2024/6\n\n### Beslut\n\nStyrelsen godkänner avtalet.\n",
        &[],
    );
    assert_eq!(
        w,
        [
            "content/styrelsen/2024-01-10/protokoll.md:43:6: warning: the Dnr \
                \"2024/5 (ersätter 2023/9)\" is not in a form this tool \
                understands\n  = hint: write the diarienummer alone, as printed, e.g. \
                `Dnr: 2023/07` or `Dnr: KS 2006/123`; several are separated by commas",
            "content/styrelsen/2024-01-10/protokoll.md:47:1: warning: this Dnr \
                line is not read: it is not directly under the paragraph heading\n  = \
                hint: move it up to the meta lines under the heading, or write it in \
                running text",
        ]
    );
}

#[test]
fn a_file_beside_the_content_is_a_warning_until_a_content_file_names_it() {
    let stray: &[(&str, &[u8])] = &[("content/styrelsen/2024-01-10/karta.pdf", b"%PDF-1.4\n")];
    let w = warnings_with("", stray);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("content/styrelsen/2024-01-10/karta.pdf:1:1: warning: not read"));
    let w = warnings_with(
        "\n## § 4 Karta\n\nBilagor: Karta över området (karta.pdf)\n\nInget beslut\n",
        stray,
    );
    assert_eq!(w, Vec::<String>::new());
}
