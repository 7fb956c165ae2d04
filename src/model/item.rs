//! A paragraph (§) or agenda item as printed: its number, title, meta lines (Dnr, Föredragande,
//! Punkt, Handlingar, Bilagor, Jäv) and its known sections (Bakgrund, Beslut …), with what happened
//! in the room read from them. `reading::body` cuts a body into these; the model, every page, feed,
//! list and index read them.

use crate::model::attachment::AttachmentRef;
use crate::model::vote::Room;

/// A known section of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// Bakgrund / Ärendet.
    Background,
    /// Beslutsunderlag.
    Basis,
    /// Förslag till beslut.
    Proposal,
    /// Yrkanden.
    Motions,
    /// Propositionsordning.
    Procedure,
    /// Omröstning.
    Vote,
    /// Beslut: makes the paragraph a decision.
    Decision,
    /// Reservationer.
    Reservations,
    /// Protokollsanteckningar.
    Notes,
    /// Jäv.
    Disqualification,
    /// Beslutet skickas till.
    SendTo,
}

impl SectionKind {
    /// A stable name for CSS classes and JSON.
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Background => "bakgrund",
            SectionKind::Basis => "beslutsunderlag",
            SectionKind::Proposal => "forslag",
            SectionKind::Motions => "yrkanden",
            SectionKind::Procedure => "propositionsordning",
            SectionKind::Vote => "omrostning",
            SectionKind::Decision => "beslut",
            SectionKind::Reservations => "reservationer",
            SectionKind::Notes => "protokollsanteckningar",
            SectionKind::Disqualification => "jav",
            SectionKind::SendTo => "skickas-till",
        }
    }
}

/// One section: its heading as written and its Markdown.
#[derive(Debug, Clone)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// The heading as written ("Beslut").
    pub heading: String,
    /// Markdown of the section.
    pub markdown: String,
    /// Its plain text (words separated by single spaces), made once for every page, feed, list
    /// and index that shows it.
    pub plain: String,
    /// 1-based line of its heading (of its first line, for a decision recognized by its words).
    pub line: usize,
    /// 1-based line of the first line of `markdown` (the heading's own line when the heading is
    /// written inline with its text: `Beslut: Styrelsen beslutar …`).
    pub body_line: usize,
}

/// A meta line value with its position.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The text after the key.
    pub value: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column of the value.
    pub col: usize,
}

/// One paragraph (§) or agenda item.
#[derive(Debug, Clone)]
pub struct Item {
    /// The number as used in the URL ("28", "12a", "5").
    pub number: String,
    /// Whether it was written with § (a paragraph) or as "5." (an item).
    pub section_sign: bool,
    /// The number as shown: "§ 28", "§ 31 a", "KF § 266", "5."; empty for an unnumbered item.
    pub printed: String,
    /// Whether it is an unnumbered item (Parentation, Dagordning …), whose `number` is its title's
    /// slug.
    pub unnumbered: bool,
    /// The title.
    pub title: String,
    /// Line of the heading.
    pub line: usize,
    /// Case numbers (`Dnr:`), each separately located.
    pub dnr: Vec<Meta>,
    /// `Föredragande:` line.
    pub presenter: Option<Meta>,
    /// `Punkt:` line.
    pub agenda_item: Option<Meta>,
    /// `Handlingar:` document ids.
    pub documents: Vec<Meta>,
    /// `Bilagor:` files attached to it.
    pub attachments: Vec<AttachmentRef>,
    /// `Inget beslut`: the paragraph says it has no decision (the value: why, may be empty).
    pub no_decision: Option<Meta>,
    /// Markdown before the first known section.
    pub text: String,
    /// 1-based line of the first line of `text` (0 when it has none).
    pub text_line: usize,
    /// Known sections in order.
    pub sections: Vec<Section>,
    /// What happened in the room, read from the sections.
    pub room: Room,
}

impl Item {
    /// Whether the item has a decision section.
    pub fn is_decision(&self) -> bool {
        self.decision_sections().next().is_some()
    }

    /// Its decision sections (`### Beslut`), in order.
    pub fn decision_sections(&self) -> impl Iterator<Item = &Section> {
        let decision = |s: &&Section| s.kind == SectionKind::Decision;
        self.sections.iter().filter(decision)
    }

    /// The plain text of its decision sections.
    pub fn decision_text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.decision_sections().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&s.plain);
        }
        out
    }

    /// "§ 28", "§ 31 a", "KF § 266" or "5."; empty for an unnumbered item.
    pub fn label(&self) -> String {
        self.printed.clone()
    }

    /// The label and the title, as a heading shows them: "§ 28 Val av justerare", "Parentation".
    pub fn heading(&self) -> String {
        if self.printed.is_empty() {
            self.title.clone()
        } else {
            format!("{} {}", self.printed, self.title)
        }
    }
}
