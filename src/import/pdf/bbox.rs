//! Reads the XHTML that poppler's `pdftotext -bbox-layout` writes: the pages with their size and
//! every word with its box, in points from the top left of the page. Pure: text in, pages out.

use crate::import::xml::{Xml, attr, entity};
use quick_xml::events::Event;

/// A word and its box.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// The word.
    pub text: String,
}

/// A page: its size and its words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The words, in poppler's order.
    pub words: Vec<Word>,
}

/// Parses `pdftotext -bbox-layout` output.
pub fn parse(xhtml: &str) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    let mut x = Xml::new(xhtml);
    let mut word: Option<Word> = None;
    let num = |e: &quick_xml::events::BytesStart, k: &str| {
        attr(e, k)
            .and_then(|v| v.parse::<f32>().ok())
            .unwrap_or(0.0)
    };
    while let Some(ev) = x.event()? {
        match ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "page" => pages.push(Page {
                    width: num(&e, "width"),
                    height: num(&e, "height"),
                    words: vec![],
                }),
                "word" => {
                    word = Some(Word {
                        x0: num(&e, "xMin"),
                        y0: num(&e, "yMin"),
                        x1: num(&e, "xMax"),
                        y1: num(&e, "yMax"),
                        text: String::new(),
                    })
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(w) = &mut word {
                    w.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let (Some(w), Some(c)) = (&mut word, entity(&r)) {
                    w.text.push(c);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "word" => {
                if let (Some(w), Some(p)) = (word.take(), pages.last_mut())
                    && !w.text.trim().is_empty()
                {
                    p.words.push(w);
                }
            }
            _ => {}
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_words_with_boxes() {
        let x = r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>
          <page width="595.3" height="841.9"><flow><block><line>
            <word xMin="59.8" yMin="58.1" xMax="89.2" yMax="71.1">Organ</word>
            <word xMin="175.8" yMin="58.1" xMax="257.9" yMax="71.1">R&amp;D</word>
          </line></block></flow></page>
          <page width="595.3" height="841.9"></page></doc></body></html>"#;
        let pages = parse(x).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].words[1].text, "R&D");
        assert_eq!(pages[0].words[0].x1, 89.2);
        assert!(pages[1].words.is_empty());
    }
}
