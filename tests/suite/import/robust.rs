//! No reader panics, whatever it is given: any text (with the markup the text reader looks for),
//! any damage to a real Word file, any words anywhere on a PDF page.

use proptest::prelude::*;
use protokoll::import::pdf::bbox::{Page, Word};
use protokoll::import::{self, split::split};

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text(s in "([#*\\-•»§0-9a-zåäöA-Z \t\n<>/|()\\[\\]:.,¹²\\\\]|<b>|</b>|<table>|<tr>|<td \
        colspan=2>|</td>|</tr>|</table>|Tjänsteskrivelse|Kallelse \
        till|2024-06-04|Handläggare|x@y){0,200}") {
        let source = import::text::read(&s);
        let parts = split(&source);
        prop_assert!(parts.iter().all(|p| p.blocks.end <= source.blocks.len()));
    }

    #[test]
    fn any_damage_to_a_word_file(at in 0usize..9824, byte in any::<u8>(), cut in 100usize..9824) {
        let path = super::doc("000-styrelsen-protokoll-2024-09-12.docx");
        let mut bytes = std::fs::read(path).unwrap();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(cut.min(bytes.len()));
        let _ = import::read_bytes(&bytes);
    }

    #[test]
    fn any_words_on_a_page(
        words in prop::collection::vec(
            (0f32..600.0, 0f32..850.0, 1f32..80.0, 1f32..30.0, "[a-zA-Z0-9§•.\\-]{1,8}"),
            0..120,
        )
    ) {
        let word = |(x0, y0, w, h, text)| Word { x0, y0, x1: x0 + w, y1: y0 + h, text };
        let page = Page {
            width: 595.0,
            height: 842.0,
            words: words.into_iter().map(word).collect(),
        };
        let _ = import::pdf::from_pages(&[page.clone(), page]);
    }
}
