//! The seed files split into exactly the documents the hand-made `content/` holds, in order, by
//! kind and title (and dates where the paper prints them).

use super::{read, seed};
use protokoll::import::split::{Part, split};
use std::path::Path;

/// The content files made by hand from each seed, in the order they stand in it.
const SEEDS: &[(&str, &[&str])] = &[
    ("000", &["styrelsen/2024-09-12/protokoll"]),
    ("001", &["lansgemensam-ledning/2022-11-25/protokoll"]),
    (
        "002",
        &[
            "dokument/lansstyrelsen-ny-ledamot-vimmerby-2024",
            "dokument/motion-billig-daglig-matratt",
            "dokument/vimmerby-kf-remittering-billig-daglig-matratt",
            "dokument/motion-handlingsprogram-gangkriminalitet",
            "dokument/vimmerby-kf-remittering-gangkriminalitet",
            "forbundsmotet/2024-04-25/protokoll",
            "forbundsmotet/2024-04-25/kallelse",
            "dokument/tjansteskrivelse-2024-04-11-arsberattelse",
            "dokument/arsredovisning-2023",
            "dokument/verksamhetsberattelse-2023",
            "dokument/tjansteskrivelse-2024-04-11-revisionsberattelse",
            "dokument/revisionsberattelse-2023",
            "dokument/tjansteskrivelse-2024-04-11-verksamhetsplan",
            "dokument/verksamhetsplan-budget-2024",
        ],
    ),
    ("003", &["presidiekonferensen/2020-10-02/protokoll"]),
    (
        "004",
        &[
            "styrelsen/2024-06-13/kallelse",
            "dokument/tjansteskrivelse-2024-06-ny-ersattare-vimmerby",
            "dokument/vimmerby-kf-paragraf-69-2024",
            "dokument/tjansteskrivelse-2024-06-miljosamverkan-sydost",
            "dokument/miljosamverkan-sydost-verksamhetsberattelse-2023",
            "dokument/tjansteskrivelse-2024-06-negativt-resultat",
            "dokument/ekonomisk-avstamning-april-2024",
            "dokument/tjansteskrivelse-2024-06-nara-vard-ordnat-inforande",
            "dokument/nara-vard-gemensam-arbetsprocess",
            "dokument/tjansteskrivelse-2023-06-20-nara-vard-malbild-strategi",
            "dokument/nara-vard-malbild-strategi",
            "dokument/nara-vard-gemensam-arbetsprocess-bilaga-2",
            "dokument/nara-vard-uppdragsbeskrivning-ordnat-inforande",
        ],
    ),
];

/// What the split cannot get, and why (checked: when the split gets one of them, this test says
/// so).
const KNOWN: &[&str] = &[
    // The header table says "Torsdagen den 25 april", without a year.
    "forbundsmotet/2024-04-25/protokoll: meeting None, content 2024-04-25",
    // The kallelse prints 2023-04-11 (a typing error the editor corrected to 2024-04-11).
    "forbundsmotet/2024-04-25/kallelse: date Some(\"2023-04-11\"), content 2024-04-11",
    // The editor added "(bilaga 2)" to tell the second copy of the attachment from the first.
    "dokument/nara-vard-gemensam-arbetsprocess-bilaga-2: \
     title \"Gemensam arbetsprocess omställning nära vård\", \
     content \"Gemensam arbetsprocess omställning nära vård (bilaga 2)\"",
];

fn front_matter(path: &str) -> toml::Table {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(format!("{path}.md"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let inner = text.split("+++").nth(1).expect("front matter");
    inner.parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn compare(path: &str, part: &Part, out: &mut Vec<String>) {
    let fm = front_matter(path);
    let s = |k: &str| {
        fm.get(k).map(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.as_datetime().map(|d| d.to_string()))
                .unwrap_or_else(|| v.to_string())
        })
    };
    let typ = s("typ").unwrap();
    if typ != part.kind.name() {
        out.push(format!("{path}: kind {}, content {typ}", part.kind.name()));
    }
    if let Some(title) = s("titel")
        && title != part.title
    {
        out.push(format!("{path}: title {:?}, content {title:?}", part.title));
    }
    if typ == "protokoll" || typ == "kallelse" {
        let datum = s("datum").unwrap();
        if part.meeting.as_deref() != Some(datum.as_str()) {
            out.push(format!(
                "{path}: meeting {:?}, content {datum}",
                part.meeting
            ));
        }
        if let Some(utfardad) = s("utfardad")
            && part.date.as_deref() != Some(utfardad.as_str())
        {
            out.push(format!("{path}: date {:?}, content {utfardad}", part.date));
        }
    } else if let (Some(date), Some(datum)) = (&part.date, s("datum"))
        && *date != datum
    {
        out.push(format!("{path}: date {date}, content {datum}"));
    }
}

#[test]
fn the_seeds_split_into_the_documents_of_content() {
    let mut mismatches = Vec::new();
    for (prefix, expected) in SEEDS {
        let source = read(&seed(prefix));
        let parts = split(&source);
        let got: Vec<String> = parts
            .iter()
            .map(|p| format!("{} {:?}", p.kind.name(), p.title))
            .collect();
        assert_eq!(parts.len(), expected.len(), "seed {prefix}: {got:#?}");
        // The parts cover every block, in order.
        assert_eq!(parts[0].blocks.start, 0);
        assert_eq!(parts.last().unwrap().blocks.end, source.blocks.len());
        assert!(
            parts
                .windows(2)
                .all(|w| w[0].blocks.end == w[1].blocks.start)
        );
        for (part, path) in parts.iter().zip(expected.iter()) {
            compare(path, part, &mut mismatches);
        }
    }
    assert_eq!(mismatches, KNOWN);
}

#[test]
fn a_word_file_and_its_pdf_are_one_document_each() {
    for (name, kind) in [
        ("000-styrelsen-protokoll-2024-09-12", "protokoll"),
        ("002-forbundsmotet-kallelse-2024-04-25", "kallelse"),
        ("004-styrelsen-kallelse-2024-06-13", "kallelse"),
    ] {
        for ext in ["docx", "pdf"] {
            let parts = split(&read(&super::doc(&format!("{name}.{ext}"))));
            let kinds: Vec<&str> = parts.iter().map(|p| p.kind.name()).collect();
            assert_eq!(kinds, [kind], "{name}.{ext}: {parts:#?}");
        }
    }
}
