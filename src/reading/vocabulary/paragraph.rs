//! A paragraph as minutes print it: its heading (`§ 28`, `§ 31 a`, `KF § 266`, unnumbered items),
//! its meta lines (Dnr, Föredragande …), its sections and the forms a decision is written in.

use crate::model::item::SectionKind;

/// The section headings (`### Beslut`), lower case, and the section each starts.
pub const SECTION_NAMES: &[(&str, SectionKind)] = &[
    ("bakgrund", SectionKind::Background),
    ("ärendet", SectionKind::Background),
    ("beslutsunderlag", SectionKind::Basis),
    ("förslag till beslut", SectionKind::Proposal),
    ("yrkanden", SectionKind::Motions),
    ("omröstning", SectionKind::Vote),
    ("beslut", SectionKind::Decision),
    ("reservationer", SectionKind::Reservations),
    ("reservation", SectionKind::Reservations),
    ("protokollsanteckningar", SectionKind::Notes),
    ("protokollsanteckning", SectionKind::Notes),
    ("beslutet skickas till", SectionKind::SendTo),
];

/// The meta line keys, as written before the colon.
pub const META_KEYS: &[&str] = &["Dnr", "Föredragande", "Föredragare", "Punkt", "Handlingar"];
