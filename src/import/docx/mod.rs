//! The Word reader: a `.docx` is a zip package of XML parts; this opens the package, finds the
//! main document through the package relationships, and reads it with its styles, numbering and
//! footnotes into blocks. Pure: bytes in, a [`Source`] or an [`ImportError`] out.

mod body;
mod styles;

use crate::import::block::{Block, Format, Kind, Source};
use crate::import::error::ImportError;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// The largest part read from a package (a guard against zip bombs): 256 MB of XML.
const MAX_PART: u64 = 256 << 20;

/// Reads a `.docx` file's bytes.
pub fn read(bytes: &[u8]) -> Result<Source, ImportError> {
    let mut zip =
        ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::CorruptZip(e.to_string()))?;
    let main = main_part(&mut zip)?;
    let document = part(&mut zip, &main)?.ok_or(ImportError::NotWord)?;
    let dir = main
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let bad = |part: &str| {
        let part = part.to_string();
        move |message: String| ImportError::BadXml {
            part: part.clone(),
            message,
        }
    };
    let styles_name = format!("{dir}styles.xml");
    let styles = match part(&mut zip, &styles_name)? {
        Some(x) => styles::Styles::parse(&x).map_err(bad(&styles_name))?,
        None => styles::Styles::default(),
    };
    let numbering_name = format!("{dir}numbering.xml");
    let numbering = match part(&mut zip, &numbering_name)? {
        Some(x) => styles::Numbering::parse(&x).map_err(bad(&numbering_name))?,
        None => styles::Numbering::default(),
    };
    let rels_name = format!(
        "{dir}_rels/{}.rels",
        main.rsplit('/').next().unwrap_or(&main)
    );
    let links = match part(&mut zip, &rels_name)? {
        Some(x) => hyperlinks(&x),
        None => HashMap::new(),
    };
    let (mut blocks, refs) =
        body::walk(&document, &styles, &numbering, &links).map_err(bad(&main))?;
    if !refs.is_empty() {
        let notes_name = format!("{dir}footnotes.xml");
        if let Some(x) = part(&mut zip, &notes_name)? {
            let notes =
                body::footnotes(&x, &styles, &numbering, &links).map_err(bad(&notes_name))?;
            for (id, place) in refs {
                if let Some(text) = notes.get(&id) {
                    blocks.push(Block {
                        place,
                        kind: Kind::Footnote {
                            label: id,
                            text: text.clone(),
                        },
                    });
                }
            }
        }
    }
    Ok(Source {
        format: Format::Docx,
        blocks,
        dropped: Vec::new(),
    })
}

/// The hyperlink relationships of a part's `.rels` (id → target address).
fn hyperlinks(rels: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut x = crate::import::xml::Xml::new(rels);
    while let Ok(Some(ev)) = x.event() {
        if let quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) = ev
            && e.local_name().as_ref() == "Relationship"
            && crate::import::xml::attr(&e, "Type").is_some_and(|t| t.ends_with("/hyperlink"))
            && let (Some(id), Some(target)) = (
                crate::import::xml::attr(&e, "Id"),
                crate::import::xml::attr(&e, "Target"),
            )
        {
            out.insert(id, target);
        }
    }
    out
}

/// The main document's part name, from `_rels/.rels` (`word/document.xml` in every Word and
/// LibreOffice file, but the package decides). A zip with neither is not a Word document.
fn main_part(zip: &mut ZipArchive<Cursor<&[u8]>>) -> Result<String, ImportError> {
    if let Some(rels) = part(zip, "_rels/.rels")? {
        let mut x = crate::import::xml::Xml::new(&rels);
        while let Ok(Some(ev)) = x.event() {
            if let quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) = ev
                && e.local_name().as_ref() == "Relationship"
                && crate::import::xml::attr(&e, "Type")
                    .is_some_and(|t| t.ends_with("/officeDocument"))
                && let Some(target) = crate::import::xml::attr(&e, "Target")
            {
                let target = target.trim_start_matches('/').to_string();
                if zip.index_for_name(&target).is_some() {
                    return Ok(target);
                }
            }
        }
    }
    if zip.index_for_name("word/document.xml").is_some() {
        Ok("word/document.xml".into())
    } else {
        Err(ImportError::NotWord)
    }
}

/// A part of the package as text; `None` when the package has no such part.
fn part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::CorruptZip(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::CorruptZip(format!("{name}: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec())
        .map(Some)
        .map_err(|_| ImportError::BadXml {
            part: name.into(),
            message: "not UTF-8".into(),
        })
}
