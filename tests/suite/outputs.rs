//! The outputs for followers and archivists, on the `kommun` fixture (a municipality with a notice
//! board, a cancelled meeting and a committed ledger): JSON twins, feeds, calendars, sitemap,
//! manifest, the BagIt archive, and approved minutes that change only with a visible rättelse.

use crate::common::*;
use protokoll::BuildError;
use std::fs;
use std::path::Path;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = fixture("kommun");
    build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    let out = t.path().join("public");
    (t, out)
}

#[test]
fn twins_carry_oparl_shaped_data_and_links() {
    let (_t, out) = built();
    let m = json(&out, "kommunstyrelsen/2024-09-10/index.json");
    assert_eq!(m["type"], "Meeting");
    assert_eq!(m["start"], "2024-09-10T13:00:00+02:00");
    assert_eq!(m["organization"][0]["key"], "kommunstyrelsen");
    assert_eq!(
        m["agendaItem"][1]["resolutionText"],
        "Kommunstyrelsen utser Cecilia Carlsson (C) till ersättare."
    );
    assert_eq!(
        m["agendaItem"][1]["membership"][0]["person"]["web"],
        "/person/cecilia-carlsson/"
    );
    assert_eq!(m["protokoll"]["justerad"], "2024-09-12");
    assert_eq!(m["anslag"]["sista_dag_att_overklaga"], "2024-10-04");
    let cancelled = json(&out, "kommunstyrelsen/2024-11-26/index.json");
    assert_eq!(cancelled["cancelled"], true);
    assert_eq!(cancelled["meetingState"], "installt");
    let p = json(&out, "person/cecilia-carlsson/index.json");
    assert_eq!(p["membership"][0]["votingRight"], false);
    assert_eq!(
        p["membership"][0]["beslut"]["web"],
        "/kommunstyrelsen/2024-09-10/12/"
    );
    let api = json(&out, "api/index.json");
    let ids: Vec<&str> = api["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for id in &ids {
        if !id.ends_with('/') {
            assert!(
                out.join(id.trim_start_matches('/')).is_file(),
                "{id} listed but missing"
            );
        }
    }
    let csv = read(&out, "api/beslut.csv");
    assert!(csv.starts_with("organ,organ_namn,datum,paragraf"));
    assert!(csv.contains(
        "kommunstyrelsen,Kommunstyrelsen i Exempels kommun,2024-11-12,21,Budget 2025,KS 2024/40,"
    ));
    assert!(
        read(&out, "api/uppdrag.csv")
            .contains("cecilia-carlsson,Cecilia Carlsson,C,kommunstyrelsen")
    );
}

#[test]
fn the_notice_board_splits_current_and_archived_notices() {
    let (_t, out) = built();
    let page = html(&out, "anslagstavla/index.html");
    let current = page.find("id=\"aktuella\"").unwrap();
    let archive = page.find("id=\"arkiv\"").unwrap();
    let nov = page.find("id=\"kommunstyrelsen-2024-11-12\"").unwrap();
    let sep = page.find("id=\"kommunstyrelsen-2024-09-10\"").unwrap();
    assert!(
        current < nov && nov < archive,
        "the November notice is current"
    );
    assert!(archive < sep, "the September notice is archived");
    assert!(page.contains("Förvaltningsrätten i Växjö"));
    assert!(page.contains("Kommunkansliet, Stadshuset, Storgatan 1"));
    // Posted Friday 13 September 2024: three weeks is Friday 4 October.
    assert!(page.contains("<time datetime=\"2024-10-04\">fredag 4 oktober 2024</time>"));
    let feed = read(&out, "anslagstavla/atom.xml");
    assert!(feed.contains(
        "<id>https://protokoll.example.se/anslagstavla/#kommunstyrelsen-2024-11-12</id>"
    ));
}

#[test]
fn feeds_calendars_and_sitemap_use_the_base_url() {
    let (_t, out) = built();
    for f in [
        "atom.xml",
        "kommunstyrelsen/atom.xml",
        "arende/ks-2024-40/atom.xml",
    ] {
        let x = read(&out, f);
        assert!(
            x.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
            "{f}"
        );
        assert!(
            x.contains("https://protokoll.example.se/kommunstyrelsen/2024-11-12/21/"),
            "{f}"
        );
    }
    let ics = read(&out, "kommunstyrelsen/kalender.ics");
    let cancelled = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("UID:kommunstyrelsen-2024-11-26@"))
        .unwrap();
    assert!(cancelled.contains("STATUS:CANCELLED"));
    assert!(ics.contains("DTSTART;TZID=Europe/Stockholm:20241203T090000\r\n"));
    let sitemap = read(&out, "sitemap.xml");
    let mut html_pages = 0;
    for e in walkdir::WalkDir::new(&out).into_iter().map(Result::unwrap) {
        let p = e.path().strip_prefix(&out).unwrap();
        if p.extension().is_some_and(|x| x == "html") && p != Path::new("404.html") {
            html_pages += 1;
            let url = protokoll::render::sitemap::page_url(p);
            assert!(
                sitemap.contains(&format!("<loc>https://protokoll.example.se{url}</loc>")),
                "{url}"
            );
        }
    }
    assert_eq!(sitemap.matches("<loc>").count(), html_pages);
    assert!(read(&out, "robots.txt").contains("Sitemap: https://protokoll.example.se/sitemap.xml"));
}

#[test]
fn the_manifest_covers_every_file_but_itself() {
    let (_t, out) = built();
    let manifest = read(&out, "manifest-sha256.txt");
    let listed: std::collections::BTreeMap<String, String> = manifest
        .lines()
        .map(|l| {
            let (h, p) = l.split_once("  ").unwrap();
            (p.to_string(), h.to_string())
        })
        .collect();
    let files = snapshot(&out);
    assert_eq!(listed.len(), files.len() - 1);
    for (p, bytes) in &files {
        let p = p.to_string_lossy().replace('\\', "/");
        if p == "manifest-sha256.txt" {
            continue;
        }
        assert_eq!(
            listed[&p],
            protokoll::output::manifest::sha256_hex(bytes),
            "{p}"
        );
    }
}

#[test]
fn twins_and_collections_print_their_keys_sorted() {
    // docs/API.md promises sorted keys; the twins' structs must declare their fields in that order.
    let (_t, out) = built();
    let files = snapshot(&out);
    let json: Vec<_> = files
        .iter()
        // The OParl endpoint (docs/OPARL.md) is compact JSON in OParl's order, not a twin.
        .filter(|(p, _)| p.extension().is_some_and(|x| x == "json"))
        .filter(|(p, _)| !p.starts_with("sok") && !p.starts_with("oparl"))
        .collect();
    assert!(json.len() > 20);
    for (p, bytes) in json {
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let mut sorted = serde_json::to_vec_pretty(&value).unwrap();
        sorted.push(b'\n');
        assert!(&sorted == bytes, "{} has keys out of order", p.display());
    }
}

#[test]
fn without_a_base_url_there_are_no_feeds_and_a_warning() {
    let t = fixture("kommun");
    let cfg = t.path().join("protokoll.toml");
    let text = fs::read_to_string(&cfg).unwrap();
    fs::write(
        &cfg,
        text.replace("bas_url = \"https://protokoll.example.se\"\n", ""),
    )
    .unwrap();
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.warnings[0].message.contains("no bas_url"));
    let out = t.path().join("public");
    assert!(!out.join("atom.xml").exists() && !out.join("sitemap.xml").exists());
    assert!(!out.join("kalender.ics").exists());
    assert_eq!(read(&out, "robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn a_base_url_whose_path_needs_escaping_is_an_error_at_its_line() {
    let t = fixture("kommun");
    let cfg = t.path().join("protokoll.toml");
    let text = fs::read_to_string(&cfg).unwrap();
    fs::write(
        &cfg,
        text.replace("example.se\"", "example.se/kommunens protokoll/\""),
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected an error")
    };
    assert!(
        d[0].to_string().starts_with(
            "protokoll.toml:4:1: error: bas_url \"https://protokoll.example.se/kommunens \
                 protokoll/\" has ` ` in its path"
        ),
        "{}",
        d[0]
    );
}

const PROTOKOLL: &str = "content/kommunstyrelsen/2024-11-12/protokoll.md";

#[test]
fn a_silent_edit_of_a_justerat_decision_fails_and_a_rattelse_shows_on_the_page() {
    let t = fixture("kommun");
    let p = t.path().join(PROTOKOLL);
    let original = fs::read_to_string(&p).unwrap();
    let edited = original.replace("22,10 kronor", "22,35 kronor");
    fs::write(&p, &edited).unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("a silent edit must fail")
    };
    assert_eq!(d.len(), 1);
    let msg = d[0].to_string();
    assert!(
        msg.starts_with(&format!(
            "{PROTOKOLL}:27:1: error: § 21 Budget 2025 has changed since the protokoll was justerat"
        )),
        "{msg}"
    );
    assert!(msg.contains("[[rattelse]]"), "{msg}");
    assert!(!t.path().join("public").exists(), "nothing written");

    let with_rattelse = edited.replace(
        "[narvaro]",
        "[[rattelse]]\ndatum = 2024-11-20\nskal = \"Skrivfel i beslutet\"\nandring \
            = \"Skattesatsen 22,10 rättad till 22,35\"\nparagraf = \"21\"\n\n[narvaro]",
    );
    fs::write(&p, with_rattelse).unwrap();
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.corrected, vec![PROTOKOLL.to_string()]);
    let ledger = fs::read_to_string(t.path().join("justerade.toml")).unwrap();
    assert_eq!(ledger.matches("rattelser = 1").count(), 1);
    let out = t.path().join("public");
    let page = html(&out, "kommunstyrelsen/2024-11-12/index.html");
    assert!(page.contains("Rättelser efter justering"));
    assert!(page.contains("Skattesatsen 22,10 rättad till 22,35"));
    assert!(page.contains("Skrivfel i beslutet"));
    assert!(
        html(&out, "kommunstyrelsen/2024-11-12/21/index.html")
            .contains("Skattesatsen 22,10 rättad till 22,35")
    );
    let twin = json(&out, "kommunstyrelsen/2024-11-12/index.json");
    assert_eq!(
        twin["protokoll"]["rattelse"][0]["skal"],
        "Skrivfel i beslutet"
    );

    // The same rättelse does not cover a second change.
    let again = fs::read_to_string(&p)
        .unwrap()
        .replace("22,35 kronor", "23 kronor");
    fs::write(&p, again).unwrap();
    assert!(matches!(build(t.path()), Err(BuildError::Content(_))));
}

#[test]
fn a_removed_justerat_protokoll_is_an_error_in_the_ledger() {
    let t = fixture("kommun");
    fs::remove_file(t.path().join(PROTOKOLL)).unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected an error")
    };
    let msg = d[0].to_string();
    assert!(msg.starts_with("justerade.toml:"), "{msg}");
    assert!(msg.contains("kommunstyrelsen/2024-11-12 is gone"), "{msg}");
}

#[test]
fn a_cancelled_meeting_cannot_have_a_protokoll() {
    let t = fixture("kommun");
    let dir = t
        .path()
        .join("content/kommunstyrelsen/2024-11-12/kallelse.md");
    fs::write(
        &dir,
        "+++\ntyp = \"kallelse\"\norgan = \"kommunstyrelsen\"\ndatum = \
        2024-11-12\ninstallt = true\n+++\n",
    )
    .unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected an error")
    };
    assert!(
        d.iter()
            .any(|x| x.to_string().contains("says `installt = true`")),
        "{d:?}"
    );
}

#[test]
fn the_archive_is_a_bag_with_the_site_and_its_sources() {
    let t = fixture("kommun");
    let bag = t.path().join("bag");
    let r = protokoll::archive::archive(t.path(), &bag, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        read(&bag, "bagit.txt"),
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    );
    let info = read(&bag, "bag-info.txt");
    assert!(
        info.contains("Source-Organization: Exempels kommun\n"),
        "{info}"
    );
    assert!(
        info.contains(&format!("Payload-Oxum: {}.{}\n", r.bytes, r.files)),
        "{info}"
    );
    assert!(info.contains("Content-Start-Date: 2024-09-10\n"), "{info}");
    assert!(bag.join("data/webbplats/anslagstavla/index.html").is_file());
    assert!(
        bag.join("data/kallor/content/kommunstyrelsen/2024-11-12/protokoll.md")
            .is_file()
    );
    assert!(bag.join("data/kallor/justerade.toml").is_file());
    let m512 = read(&bag, "manifest-sha512.txt");
    assert_eq!(m512.lines().count(), r.files);
    assert!(read(&bag, "tagmanifest-sha256.txt").contains("  bag-info.txt\n"));
    // The same content gives the same bag.
    let bag2 = t.path().join("bag2");
    protokoll::archive::archive(t.path(), &bag2, None).unwrap();
    assert_eq!(snapshot(&bag), snapshot(&bag2));
}

#[test]
fn the_archive_refuses_an_outdated_ledger() {
    let t = fixture("kommun");
    fs::remove_file(t.path().join("justerade.toml")).unwrap();
    let Err(BuildError::Content(d)) =
        protokoll::archive::archive(t.path(), &t.path().join("bag"), None)
    else {
        panic!("expected an error")
    };
    assert!(d[0].to_string().contains("not up to date"));
    assert!(!t.path().join("bag").exists());
}

#[test]
fn source_date_epoch_decides_which_notices_are_current() {
    let t = fixture("kommun");
    let out = t.path().join("public");
    // 2024-09-20 12:00 UTC: only the September notice had been posted, and it is current.
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
        .args(["build", "--root"])
        .arg(t.path())
        .env("SOURCE_DATE_EPOCH", "1726833600")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let page = html(&out, "anslagstavla/index.html");
    let archive = page.find("id=\"arkiv\"").unwrap();
    assert!(page.find("id=\"kommunstyrelsen-2024-09-10\"").unwrap() < archive);
    assert!(page.contains("Per 20 september 2024."));
}

#[test]
fn a_signed_protokoll_without_a_justering_date_is_left_off_the_board_with_a_warning() {
    let t = fixture("kommun");
    let p = t
        .path()
        .join("content/kommunstyrelsen/2024-12-03/protokoll.md");
    fs::write(
        &p,
        "+++\ntyp = \"protokoll\"\norgan = \"kommunstyrelsen\"\ndatum = \
            2024-12-03\n\n[[underskrift]]\nnamn = \"Anna Andersson\"\n+++\n## § 30 \
            Val av justerare\n",
    )
    .unwrap();
    let report = build(t.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        report.warnings.iter().any(|w| w.to_string().starts_with(
            "content/kommunstyrelsen/2024-12-03/protokoll.md:1:1: warning: \
                    justerat but without `justerad`"
        )),
        "{:?}",
        report.warnings
    );
    assert!(
        !html(&t.path().join("public"), "anslagstavla/index.html")
            .contains("kommunstyrelsen-2024-12-03")
    );
}

#[test]
fn a_rattelse_dated_before_the_justering_is_an_error_at_its_table() {
    let t = fixture("kommun");
    let p = t.path().join(PROTOKOLL);
    let text = fs::read_to_string(&p).unwrap().replace(
        "[narvaro]",
        "[[rattelse]]\ndatum = 2024-11-01\nskal = \"x\"\nandring = \"y\"\n\n[narvaro]",
    );
    fs::write(&p, text).unwrap();
    let Err(BuildError::Content(d)) = build(t.path()) else {
        panic!("expected an error")
    };
    assert_eq!(
        d[0].to_string().lines().next().unwrap(),
        format!(
            "{PROTOKOLL}:14:1: error: a rättelse dated 2024-11-01 is before the \
                protokoll was justerat (2024-11-14)"
        )
    );
}
