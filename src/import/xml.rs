//! A thin layer over quick-xml for the XML the readers meet (the parts of a Word package, poppler's
//! XHTML): events until the end, attributes by local name (`w:val` → `val`), entity references
//! resolved.

use quick_xml::Reader;
use quick_xml::escape::unescape;
use quick_xml::events::{BytesRef, BytesStart, Event};

/// A reader of one XML part.
pub struct Xml<'a> {
    reader: Reader<&'a [u8]>,
}

impl<'a> Xml<'a> {
    /// A reader over `xml`, keeping whitespace in text (`<w:t xml:space="preserve"> </w:t>`).
    pub fn new(xml: &'a str) -> Xml<'a> {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().trim_text(false);
        Xml { reader }
    }

    /// The byte offset after the last event read.
    pub fn position(&self) -> usize {
        self.reader.buffer_position() as usize
    }

    /// The next event, `None` at the end; a syntax error with its byte offset.
    pub fn event(&mut self) -> Result<Option<Event<'a>>, String> {
        match self.reader.read_event() {
            Ok(Event::Eof) => Ok(None),
            Ok(e) => Ok(Some(e)),
            Err(e) => Err(format!("at byte {}: {e}", self.reader.error_position())),
        }
    }
}

/// An attribute's value by its local name, entities resolved.
pub fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| {
            unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// The `w:val` attribute.
pub fn val(e: &BytesStart) -> Option<String> {
    attr(e, "val")
}

/// The character an entity reference stands for (`&amp;`, `&#228;`).
pub fn entity(r: &BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}
