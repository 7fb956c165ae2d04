//! `protokoll new`: every scaffold builds as written, carries the organ's current members, and
//! never replaces an existing file.

use crate::common::*;
use protokoll::scaffold::{self, DocumentArgs, NewError};
use std::fs;
use std::path::Path;

fn real_site() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &t.path().join("content"));
    fs::copy(
        repo().join("protokoll.toml"),
        t.path().join("protokoll.toml"),
    )
    .unwrap();
    t
}

fn built(root: &Path) {
    if let Err(e) = build(root) {
        panic!("the scaffolded site does not build:\n{e}");
    }
}

#[test]
fn a_new_meeting_lists_the_members_current_on_its_date_and_builds() {
    let t = fixture("minimal");
    let s = scaffold::meeting(t.path(), "styrelsen", "2024-03-14").unwrap();
    assert_eq!(
        s.path,
        Path::new("content/styrelsen/2024-03-14/kallelse.md")
    );
    let text = fs::read_to_string(t.path().join(&s.path)).unwrap();
    assert!(
        text.contains("ordinarie = [\"Åke Gustavsson (S)\"]"),
        "{text}"
    );
    assert!(
        text.contains("ersattare = [\"Peter Karlsson (C)\"]"),
        "{text}"
    );
    assert_eq!(s.names, 2);
    built(t.path());
    let out = t.path().join("public");
    let m = json(&out, "styrelsen/2024-03-14/index.json");
    assert_eq!(
        m["kallelse"]["agendaItem"].as_array().unwrap().len(),
        s.items
    );
    let ake = json(&out, "person/ake-gustavsson/index.json");
    assert!(
        ake.to_string().contains("/styrelsen/2024-03-14/"),
        "the sändlista links the member: {ake}"
    );

    // Before Peter Karlsson's membership began (2024-01-10) he is not on the list.
    let early = scaffold::meeting(t.path(), "styrelsen", "2023-12-01").unwrap();
    let text = fs::read_to_string(t.path().join(&early.path)).unwrap();
    assert!(!text.contains("Peter Karlsson"), "{text}");
    built(t.path());
}

#[test]
fn scaffolds_never_overwrite() {
    let t = fixture("minimal");
    let path = t.path().join("content/styrelsen/2024-03-14/kallelse.md");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Any valid file will do: here a page where the kallelse would go.
    let mine = "+++\ntyp = \"sida\"\nid = \"min-sida\"\ntitel = \"Min\"\n+++\nMin text.\n";
    fs::write(&path, mine).unwrap();
    let e = scaffold::meeting(t.path(), "styrelsen", "2024-03-14").unwrap_err();
    assert!(matches!(e, NewError::Exists(_)), "{e}");
    assert_eq!(fs::read_to_string(&path).unwrap(), mine);

    // A meeting that already has its kallelse or protokoll, wherever the file is.
    fs::remove_file(&path).unwrap();
    let e = scaffold::meeting(t.path(), "styrelsen", "2024-01-10").unwrap_err();
    assert!(e.to_string().contains("already has a kallelse"), "{e}");
    let e = scaffold::protokoll(t.path(), "styrelsen", "2024-01-10").unwrap_err();
    assert!(e.to_string().contains("already is the protokoll"), "{e}");

    let e = scaffold::meeting(t.path(), "styrelssen", "2024-03-14").unwrap_err();
    assert!(e.to_string().contains("did you mean \"styrelsen\""), "{e}");
    let e = scaffold::meeting(t.path(), "styrelsen", "2024-02-30").unwrap_err();
    assert!(e.to_string().contains("impossible date"), "{e}");
}

#[test]
fn a_protokoll_from_a_kallelse_numbers_on_and_links_every_agenda_item() {
    let t = fixture("minimal");
    scaffold::meeting(t.path(), "styrelsen", "2024-03-14").unwrap();
    let s = scaffold::protokoll(t.path(), "styrelsen", "2024-03-14").unwrap();
    assert_eq!(s.names_from, "the kallelse's sändlista");
    let text = fs::read_to_string(t.path().join(&s.path)).unwrap();
    // §§ 1-3 were used on 2024-01-10, so this meeting goes on from § 4.
    assert!(
        text.contains("## § 4 Mötets öppnande\n\nPunkt: 1\n"),
        "{text}"
    );
    assert!(text.contains("paragrafer = \"§§ 4-8\""), "{text}");
    assert!(
        text.contains("beslutande = [\"Åke Gustavsson (S), ordförande\"]"),
        "{text}"
    );
    assert!(
        text.contains("ej_tjanstgorande = [\"Peter Karlsson (C)\"]"),
        "{text}"
    );
    built(t.path());
    let m = json(&t.path().join("public"), "styrelsen/2024-03-14/index.json");
    let items = m["kallelse"]["agendaItem"].as_array().unwrap();
    for (i, item) in items.iter().enumerate() {
        assert_eq!(
            item["motsvarighet"]["web"],
            format!("/styrelsen/2024-03-14/{}/", i + 4),
            "agenda item {} is decided by § {}",
            i + 1,
            i + 4
        );
    }
}

#[test]
fn a_protokoll_from_a_real_kallelse_keeps_its_cases_documents_and_proposals() {
    let t = real_site();
    let s = scaffold::protokoll(t.path(), "styrelsen", "2024-06-13").unwrap();
    let text = fs::read_to_string(t.path().join(&s.path)).unwrap();
    assert!(
        text.contains("plats = \"Munken Hotell, Mönsterås\""),
        "{text}"
    );
    assert!(text.contains("\"Ilko Corkovic (S)\""));
    assert!(text.contains("\"Andreas Erlandsson (S), ordförande\""));
    assert!(text.contains(
        "Punkt: 5\nFöredragande: Cecilia Frid\nHandlingar: \
            tjansteskrivelse-2024-06-negativt-resultat, \
            ekonomisk-avstamning-april-2024\n"
    ));
    assert!(text.contains("### Beslut\n\nStyrelsen tar informationen till protokollet."));
    assert_eq!(s.items, 7);
    built(t.path());
    let out = t.path().join("public");
    let p = json(&out, "styrelsen/2024-06-13/5/index.json");
    assert!(
        p.to_string()
            .contains("/dokument/ekonomisk-avstamning-april-2024/"),
        "{p}"
    );
}

#[test]
fn a_protokoll_without_kallelse_takes_the_register() {
    let t = real_site();
    let s = scaffold::protokoll(t.path(), "forbundsmotet", "2025-04-24").unwrap();
    assert_eq!(s.names_from, "the register");
    let text = fs::read_to_string(t.path().join(&s.path)).unwrap();
    assert!(text.contains("## § 1 Mötets öppnande"), "{text}");
    assert!(s.names > 0, "{text}");
    built(t.path());
}

#[test]
fn a_new_document_builds_and_its_id_must_be_free() {
    let t = fixture("minimal");
    let args = DocumentArgs {
        typ: "tjansteskrivelse".into(),
        titel: "Budget för 2025".into(),
        datum: Some("2024-10-01".into()),
        organ: Some("styrelsen".into()),
        id: None,
    };
    let s = scaffold::document(t.path(), &args).unwrap();
    assert_eq!(
        s.path,
        Path::new("content/dokument/tjansteskrivelse-budget-for-2025.md")
    );
    built(t.path());
    let d = json(
        &t.path().join("public"),
        "dokument/tjansteskrivelse-budget-for-2025/index.json",
    );
    assert!(d.to_string().contains("Budget för 2025"), "{d}");
    let e = scaffold::document(t.path(), &args).unwrap_err();
    assert!(e.to_string().contains("already uses the id"), "{e}");
    let e = scaffold::document(
        t.path(),
        &DocumentArgs {
            typ: "tjansteskrivlese".into(),
            ..args
        },
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("did you mean \"tjansteskrivelse\""),
        "{e}"
    );
}

#[test]
fn a_new_report_is_listed_under_the_year_in_its_title() {
    let t = fixture("minimal");
    let args = DocumentArgs {
        typ: "arsredovisning".into(),
        titel: "Årsredovisning 2024".into(),
        datum: Some("2025-03-20".into()),
        ..DocumentArgs::default()
    };
    let s = scaffold::document(t.path(), &args).unwrap();
    assert_eq!(s.path, Path::new("content/dokument/arsredovisning-2024.md"));
    built(t.path());
    let year = json(&t.path().join("public"), "ar/2024/index.json");
    assert!(
        year.to_string().contains("/dokument/arsredovisning-2024/"),
        "{year}"
    );
}

#[test]
fn the_command_reports_the_new_file_and_refuses_a_second_time() {
    let t = fixture("minimal");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_protokoll"))
            .args([
                "new",
                "meeting",
                "--organ",
                "styrelsen",
                "--date",
                "2024-05-02",
                "--root",
            ])
            .arg(t.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(first.status.success());
    let stderr = String::from_utf8(first.stderr).unwrap();
    assert!(
        stderr.contains("wrote content/styrelsen/2024-05-02/kallelse.md"),
        "{stderr}"
    );
    let before = fs::read(t.path().join("content/styrelsen/2024-05-02/kallelse.md")).unwrap();
    let second = run();
    assert!(!second.status.success());
    assert!(
        String::from_utf8(second.stderr)
            .unwrap()
            .contains("nothing was written")
    );
    let after = fs::read(t.path().join("content/styrelsen/2024-05-02/kallelse.md")).unwrap();
    assert_eq!(before, after);
}
