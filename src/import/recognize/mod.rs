//! The recognizers: from a document's blocks (one part of a split source) to a draft of a content
//! file in the format: a protokoll or kallelse with its front matter (organ, date, hours, place,
//! attendance groups, chair, secretary, justerare, signatures, sändlista) and its paragraphs or
//! agenda items (number, title, Dnr, föredragande, sections, decision), or a document (kind,
//! title, date, Dnr, authors, body with its tables). One module per printed form, each tested on
//! strings; the words are those of `reading::vocabulary`, shared with the format's parser. What a
//! recognizer is unsure of becomes a note at its place; what it cannot place, an [`Unplaced`].

pub mod attendance;
pub mod bilaga;
pub mod decision;
pub mod document;
pub mod given;
pub mod header;
pub mod heading;
pub mod meta;
pub mod names;
pub mod protokoll;
pub mod records;
pub mod sendlist;
pub mod units;
pub mod vote;
pub mod when;

use crate::import::block::{Block, Place};
use crate::import::split::{DocKind, Part};
use crate::model::attendance::GroupKind;
use crate::model::date::Date;
pub use given::Given;
pub use when::When;

/// A part of the source the recognizers could not place, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Where it stands in the source.
    pub place: Place,
    /// Why it was not placed.
    pub why: String,
    /// Its text, kept in the draft as a comment.
    pub text: String,
}

/// An attendance group as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What the group is.
    pub kind: GroupKind,
    /// The heading as printed ("Beslutande", "Närvarade ledamöter").
    pub heading: String,
    /// The entries, in the format's form.
    pub names: Vec<String>,
    /// Printed after the paragraphs (at the end of the paper).
    pub after_items: bool,
}

/// A signature: the name as printed and the role under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The name (with party when printed).
    pub name: String,
    /// The role or function printed with it.
    pub role: String,
}

/// A kallelse's sändlista.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendList {
    /// Its heading as printed.
    pub heading: Option<String>,
    /// The headings of the two name columns.
    pub columns: Vec<String>,
    /// One row per municipality: the municipality, members, ersättare.
    pub rows: Vec<(String, Vec<String>, Vec<String>)>,
}

/// A known section of a paragraph: its heading and its Markdown blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading as the draft writes it ("Beslut", "Bakgrund").
    pub heading: String,
    /// Markdown blocks.
    pub blocks: Vec<String>,
}

/// A paragraph or agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The number as printed ("§ 28", "5."), or empty for an item the import numbered.
    pub label: String,
    /// The number as the URL writes it ("28", "31a", "5").
    pub number: String,
    /// The title.
    pub title: String,
    /// Diarienummer as printed.
    pub dnr: Vec<String>,
    /// The Föredragande line's value.
    pub presenter: Option<String>,
    /// Documents of the import handled under it (ids), filled when documents are linked.
    pub documents: Vec<String>,
    /// Markdown blocks before the first section.
    pub text: Vec<String>,
    /// Known sections in order.
    pub sections: Vec<Section>,
    /// Where its heading stands.
    pub place: Place,
}

impl Item {
    /// Whether it has a decision section.
    pub fn is_decision(&self) -> bool {
        self.sections.iter().any(|s| {
            crate::reading::vocabulary::paragraph::section_kind(&s.heading, &[])
                == Some(crate::model::item::SectionKind::Decision)
        })
    }
}

/// A recognized protokoll or kallelse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meeting {
    /// True for a kallelse.
    pub notice: bool,
    /// The organ as printed ("Kommunförbundet Kalmar län styrelse").
    pub organ: Option<String>,
    /// Date and hours.
    pub when: When,
    /// The place.
    pub plats: Option<String>,
    /// The title as printed.
    pub rubrik: Option<String>,
    /// A kallelse's own date.
    pub utfardad: Option<Date>,
    /// Who chaired.
    pub ordforande: Vec<String>,
    /// The secretary.
    pub sekreterare: Option<String>,
    /// The justerare.
    pub justerare: Vec<String>,
    /// "§§ 28-35" as printed.
    pub paragrafer: Option<String>,
    /// Justeringens plats as printed.
    pub justeringsplats: Option<String>,
    /// Attendance groups.
    pub groups: Vec<Group>,
    /// The signature block.
    pub signatures: Vec<Signature>,
    /// Who sent a kallelse.
    pub undertecknad: Vec<String>,
    /// A kallelse's sändlista.
    pub sandlista: Option<SendList>,
    /// Markdown before the first item.
    pub preamble: Vec<String>,
    /// Paragraphs or agenda items.
    pub items: Vec<Item>,
    /// Notes for the front matter (what the import was unsure of).
    pub notes: Vec<String>,
    /// What could not be placed.
    pub unplaced: Vec<Unplaced>,
}

/// A recognized document (tjänsteskrivelse, motion, another authority's beslut, a report …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its kind.
    pub kind: DocKind,
    /// Its title.
    pub title: String,
    /// Its date as printed.
    pub date: Option<Date>,
    /// Diarienummer printed at its head.
    pub dnr: Vec<String>,
    /// The year a report covers.
    pub year: Option<i32>,
    /// Authors (handläggare, the motion's signer, who decided), in the format's form.
    pub authors: Vec<String>,
    /// The body as Markdown blocks.
    pub body: Vec<String>,
    /// Tables in the body.
    pub tables: usize,
    /// Notes for the front matter.
    pub notes: Vec<String>,
    /// What could not be placed.
    pub unplaced: Vec<Unplaced>,
}

/// What one part of a source became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Draft {
    /// A protokoll or kallelse.
    Meeting(Box<Meeting>),
    /// Any other document.
    Document(Box<Document>),
}

/// Recognizes one part of a split source.
pub fn recognize(blocks: &[Block], part: &Part, given: &Given) -> Draft {
    let units = units::normalize(&blocks[part.blocks.clone()]);
    match part.kind {
        DocKind::Protokoll => Draft::Meeting(Box::new(protokoll::read(&units, part, given, false))),
        DocKind::Kallelse => Draft::Meeting(Box::new(protokoll::read(&units, part, given, true))),
        _ => Draft::Document(Box::new(document::read(&units, part, given))),
    }
}

/// The given names an import knows: the common ones and the first words of every name its
/// sources print whole (one per line, in a table's cell, or ended by a party).
pub fn given_names(blocks: &[Block]) -> Given {
    let mut g = Given::default();
    let mut learn = |s: &str| {
        for line in s.lines() {
            let line = line.trim();
            if crate::import::block::looks_like_name(line) && line.contains(['(', ',']) {
                g.learn(line);
            }
        }
    };
    for b in blocks {
        match &b.kind {
            crate::import::Kind::Table(t) => {
                for c in t.rows.iter().flat_map(|r| &r.cells) {
                    for p in &c.paragraphs {
                        learn(&p.plain());
                    }
                }
            }
            _ => learn(&b.plain()),
        }
    }
    g
}
