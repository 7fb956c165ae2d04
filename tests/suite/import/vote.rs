//! A vote imported from a protokoll's text, Word file and PDF: its roll-call table and result line
//! become the format's `Omröstning` section, and the draft builds (once the register entries are
//! accepted) into a paragraph whose JSON twin holds the counts and every member's vote.

use super::command::{accept_register, import, site, text};
use super::doc;
use crate::common::{build, json};

/// The vote's section as every input kind must give it.
const SECTION: &str = "### Omröstning\n\nJa-röst för förslaget, nej-röst för avslag.\n\n\
Summa: 2 ja, 1 nej, 1 avstår.\n\n\
| Ledamot | Ja | Nej | Avstår |\n| --- | :-: | :-: | :-: |\n\
| Anna Ek (S) | X | | |\n| Bo Ek (M) | | X | |\n| Cia Berg (L) | | | X |\n\
| Dan Ek (S) | X | | |\n\n\
Med 2 ja-röster mot 1 nej-röst och 1 som avstår bifaller styrelsen förslaget.\n\n### Beslut\n";

const PROTOKOLL: &str = "Protokoll\n\n\
Organ\tKommunförbundet Kalmar läns styrelse\n\
Plats och tid\tKalmar, torsdagen den 12 september 2024, kl. 09.00-10.30\n\
Beslutande\tAnna Ek (S), ordförande Bo Ek (M) Cia Berg (L) Dan Ek (S)\n\
Utses att justera\tBo Ek (M)\n\n\
§ 28 Budget 2025\n\nDnr 2024/12\n\n\
Propositionsordning\n\nOrdföranden ställer proposition på förslagen. Votering begärs.\n\n\
Votering\n\nJa-röst för förslaget, nej-röst för avslag.\n\n\
Ledamot\tParti\tJa\tNej\tAvstår\n\
Anna Ek\tS\tX\t\t\n\
Bo Ek\tM\t\tX\t\n\
Cia Berg\tL\t\t\tX\n\
Dan Ek\tS\tX\t\t\n\
Summa\t\t2\t1\t1\n\n\
Med 2 ja-röster mot 1 nej-röst och 1 som avstår bifaller styrelsen förslaget.\n\n\
Beslut\n\nStyrelsen beslutar att anta budget 2025.\n\n\
Anna Ek\nordförande\n\nCarl Berg\nsekreterare\n";

#[test]
fn a_roll_call_table_becomes_a_vote_that_builds() {
    let s = site();
    let src = s.path().join("protokoll-2024-09-12.txt");
    std::fs::write(&src, PROTOKOLL).unwrap();
    let out = import(s.path(), &[&src], &["--organ", "styrelsen"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft = text(s.path(), "content/styrelsen/2024-09-12/protokoll.md");
    assert!(draft.contains(SECTION), "{draft}");
    assert!(!draft.contains("import: the vote's counts"), "{draft}");
    accept_register(s.path());
    build(s.path()).unwrap_or_else(|e| panic!("{e}"));
    let twin = json(
        &s.path().join("public"),
        "styrelsen/2024-09-12/28/index.json",
    );
    let vote = &twin["omrostning"][0];
    assert_eq!(vote["ja"], 2, "{vote}");
    assert_eq!(vote["nej"], 1);
    assert_eq!(vote["avstar"], 1);
    assert_eq!(vote["resultat"], "ja");
    let votes = vote["rost"].as_array().unwrap();
    assert_eq!(votes.len(), 4);
    assert_eq!(votes[2]["choice"], "avstar");
}

#[test]
fn the_word_file_and_its_pdf_give_the_same_vote() {
    // Made by tests/import/make_vote_documents.py; the PDF sets the table's header row apart.
    for name in [
        "vote-styrelsen-protokoll-2024-09-12.docx",
        "vote-styrelsen-protokoll-2024-09-12.pdf",
    ] {
        let s = site();
        let out = import(s.path(), &[&doc(name)], &["--organ", "styrelsen"]);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let draft = text(s.path(), "content/styrelsen/2024-09-12/protokoll.md");
        assert!(draft.contains(SECTION), "{name}: {draft}");
        accept_register(s.path());
        build(s.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn counts_that_differ_from_the_roll_call_are_marked_in_the_draft() {
    let s = site();
    let src = s.path().join("protokoll-2024-09-12.txt");
    std::fs::write(
        &src,
        PROTOKOLL.replace("Summa\t\t2\t1\t1", "Summa\t\t3\t1\t1"),
    )
    .unwrap();
    let out = import(s.path(), &[&src], &["--organ", "styrelsen"]);
    assert!(out.status.success());
    let draft = text(s.path(), "content/styrelsen/2024-09-12/protokoll.md");
    assert!(
        draft.contains(
            "<!-- import: the vote's counts and its list differ (3 ja printed, 2 listed)"
        ),
        "{draft}"
    );
}
