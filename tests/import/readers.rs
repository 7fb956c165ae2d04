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
