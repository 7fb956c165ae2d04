//! Each reader on the real files of the same meeting: the Word file, the PDF printed from it and
//! the seed text give the same words in the same reading order.

use super::{doc, read, same_words, seed};
use protokoll::import::{Block, Kind};

const DOCUMENTS: &[&str] = &[
    "000-styrelsen-protokoll-2024-09-12",
    "001-lansgemensam-ledning-protokoll-2022-11-25",
    "002-forbundsmotet-protokoll-2024-04-25",
    "002-forbundsmotet-kallelse-2024-04-25",
    "003-presidiekonferensen-protokoll-2020-10-02",
    "004-styrelsen-kallelse-2024-06-13",
];

#[test]
fn every_pdf_reads_as_the_word_file_it_was_printed_from() {
    for name in DOCUMENTS {
        let docx = read(&doc(&format!("{name}.docx")));
        let pdf = read(&doc(&format!("{name}.pdf")));
        same_words(&docx.words(), &pdf.words(), name);
    }
}

fn headings(blocks: &[Block], level: u8) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Heading { level: l, text } if *l == level => Some(text.plain()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_word_file_of_000_has_its_paragraphs_as_headings() {
    let docx = read(&doc("000-styrelsen-protokoll-2024-09-12.docx"));
    let h1 = headings(&docx.blocks, 1);
    // The § lines of the seed text, as the text reader gives them (the page number that the PDF
    // export left inside § 32's title taken out).
    let text = read(&seed("000"));
    let paragraphs: Vec<String> = text
        .blocks
        .iter()
        .map(Block::plain)
        .filter(|s| s.starts_with("§ "))
        .collect();
    assert_eq!(h1, paragraphs);
    assert_eq!(h1.len(), 8);
    assert_eq!(h1[0], "§ 28 Val av justerare");
    assert_eq!(h1[7], "§ 35 Övriga punkter");
    assert_eq!(
        h1[4],
        "§ 32 Gemensam plan för primärvård samt samverkan kring barn och unga, \
            psykisk hälsa och äldre"
    );
    let h2 = headings(&docx.blocks, 2);
    assert!(
        h2.iter().all(|h| h == "Bakgrund" || h == "Beslut"),
        "{h2:?}"
    );
    assert_eq!(
        h2.iter().filter(|h| *h == "Beslut").count(),
        6,
        "§ 28 and § 29 have none"
    );
}

#[test]
fn the_header_table_of_000_has_its_cells_and_the_names_in_order() {
    for ext in ["docx", "pdf"] {
        let source = read(&doc(&format!("000-styrelsen-protokoll-2024-09-12.{ext}")));
        let Kind::Table(table) = &source.blocks[0].kind else {
            panic!("{ext}: {:?}", source.blocks[0])
        };
        let labels: Vec<String> = table.rows.iter().map(|r| r.cells[0].plain()).collect();
        assert_eq!(
            labels,
            [
                "Organ",
                "Plats och tid",
                "Beslutande",
                "Ej tjänstgörande",
                "Övriga deltagare",
                "Utses att justera",
                "Paragrafer"
            ],
            "{ext}"
        );
        assert_eq!(
            table.rows[0].cells[1].plain(),
            "Kommunförbundet Kalmar län styrelse",
            "{ext}"
        );
        if ext == "docx" {
            // A PDF shows a span only where the text runs past the next column.
            assert_eq!(
                table.rows[0].cells[1].colspan, 2,
                "Organ spans both name columns"
            );
        }
        assert_eq!(table.rows[6].cells[1].plain(), "§§ 28-35", "{ext}");
        // Beslutande: two columns of names, the left one read first, one name per paragraph.
        let beslutande = &table.rows[2].cells;
        assert_eq!(beslutande.len(), 3, "{ext}");
        assert_eq!(
            (
                beslutande[1].paragraphs.len(),
                beslutande[2].paragraphs.len()
            ),
            (6, 5),
            "{ext}"
        );
        let names: Vec<String> = beslutande[1..]
            .iter()
            .flat_map(|c| c.paragraphs.iter().map(|p| p.plain()))
            .collect();
        // The seed text has the same names in one cell, in paper order.
        let seed = std::fs::read_to_string(seed("000")).unwrap();
        let line = seed
            .lines()
            .find(|l| l.starts_with("Beslutande\t"))
            .unwrap();
        assert_eq!(
            names.join(" "),
            line["Beslutande\t".len()..].trim(),
            "{ext}"
        );
        assert_eq!(names[0], "Andreas Erlandsson (S), ordförande");
        assert_eq!(names[6], "Matilda Wärenfalk (S)");
    }
}

#[test]
fn the_pdf_of_000_has_no_page_numbers_or_running_headers() {
    let pdf = read(&doc("000-styrelsen-protokoll-2024-09-12.pdf"));
    let text = pdf.plain();
    assert!(!text.contains("Sida "), "{text}");
    assert!(!text.contains("Kommunförbundet Kalmar län · Protokoll"));
    let pages = pdf
        .dropped
        .iter()
        .filter(|d| d.why == "page number")
        .count();
    let headers = pdf
        .dropped
        .iter()
        .filter(|d| d.why == "running header")
        .count();
    assert_eq!((pages, headers), (4, 4), "{:?}", pdf.dropped);
    // Every heading of the Word file is a heading of the PDF too, at the same level (by size).
    let docx = read(&doc("000-styrelsen-protokoll-2024-09-12.docx"));
    for level in 1..=2 {
        assert_eq!(
            headings(&pdf.blocks, level),
            headings(&docx.blocks, level),
            "level {level}"
        );
    }
}

#[test]
fn the_seed_text_of_000_reads_as_its_word_file_without_its_page_numbers() {
    let text = read(&seed("000"));
    let numbers: Vec<(u32, &str)> = text
        .dropped
        .iter()
        .map(|d| (d.place.first, d.text.as_str()))
        .collect();
    assert_eq!(numbers, [(43, "34"), (89, "35"), (111, "36"), (141, "38")]);
    assert!(
        text.blocks
            .iter()
            .all(|b| !["34", "35", "36", "38"].contains(&b.plain().as_str()))
    );
    let docx = read(&doc("000-styrelsen-protokoll-2024-09-12.docx"));
    same_words(&text.words(), &docx.words(), "000 text against docx");
    // Lines keep their numbers: § 30 is on line 27 of the seed, its Dnr on line 29.
    let at = |s: &str| {
        text.blocks
            .iter()
            .find(|b| b.plain() == s)
            .map(|b| b.place.first)
    };
    assert_eq!(at("§ 30 Ny ersättare Nybro kommun"), Some(27));
    assert_eq!(at("Dnr 2023/07"), Some(29));
}

#[test]
fn the_seed_texts_keep_their_header_tables_and_lists() {
    // 002: the förbundsmöte's header table, tab-separated with <b> labels.
    let text = read(&seed("002"));
    let table = text
        .blocks
        .iter()
        .find_map(|b| match &b.kind {
            Kind::Table(t) if t.rows[0].cells[0].plain() == "Organ" => Some((b.place, t)),
            _ => None,
        })
        .expect("the header table");
    assert_eq!(table.0.first, 281);
    assert_eq!(table.1.rows.len(), 6);
    assert!(
        table
            .1
            .rows
            .iter()
            .all(|r| r.cells[0].paragraphs[0].all_bold())
    );
    assert_eq!(
        table.1.rows[3].cells[2].plain(),
        "ordf styrelsen förbundschef ekonom förbundssekreterare verksamhetschef revisor"
    );
    // 004: the agenda items are numbered list items.
    let text = read(&seed("004"));
    let items: Vec<(String, String)> = text
        .blocks
        .iter()
        .take_while(|b| !b.plain().starts_with("Tjänsteskrivelse"))
        .filter_map(|b| match &b.kind {
            Kind::ListItem {
                marker: protokoll::import::Marker::Ordered(n),
                text,
                ..
            } => Some((n.clone(), text.plain())),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 7, "{items:?}");
    assert_eq!(
        items[2],
        ("3.".to_string(), "Ny ersättare Vimmerby kommun".to_string())
    );
}
