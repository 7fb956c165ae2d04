//! § headings and numbered agenda items as papers print them: `§ 28 Val av justerare` on one
//! line, `§ 1` on a line of its own with the title under it (a Word heading), `1. Välkomna` as a
//! numbered list item. The number and title are read by the format's own heading reader
//! (`vocabulary::paragraph::heading`), so what the import writes reads back the same.

use super::attendance as att;
use super::decision::section_start;
use crate::import::block::{Block, Kind, Marker};
use crate::import::split::Part;
use crate::reading::vocabulary::paragraph;

/// A paragraph or item heading as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The number as shown ("§ 28", "5.").
    pub label: String,
    /// The number as the URL writes it ("28", "5").
    pub number: String,
    /// The title (may be empty when printed on the next line).
    pub title: String,
    /// A Dnr printed on the heading line.
    pub dnr: Vec<String>,
}

/// A line holding only a paragraph number (`§ 28`, `§28`): the number.
pub fn lone_number(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix('§')?.trim();
    (!rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| rest.to_string())
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// The heading a block is, if it is one: a Word or Markdown heading, a one-line paragraph of at
/// most 25 words starting with `§`, or a numbered list item at the top level.
pub fn head_of(b: &Block) -> Option<Head> {
    let written = match &b.kind {
        Kind::Heading { text, .. } => text.plain(),
        Kind::Paragraph(t) => {
            let p = t.plain();
            if !p.trim_start().starts_with('§') || p.contains('\n') {
                return None;
            }
            p
        }
        Kind::ListItem {
            depth: 0,
            marker: Marker::Ordered(n),
            text,
        } => format!("{n} {}", text.plain()),
        _ => return None,
    };
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    if written.split(' ').count() > 25 {
        return None;
    }
    if let Some(n) = lone_number(&written) {
        return Some(Head {
            label: format!("§ {n}"),
            number: n,
            title: String::new(),
            dnr: Vec::new(),
        });
    }
    let h = paragraph::heading(&written, &[])?;
    if h.unnumbered {
        return None;
    }
    Some(Head {
        label: h.label,
        number: h.number,
        title: h.title,
        dnr: h.dnr.into_iter().map(|d| d.0).collect(),
    })
}

/// The number's digits ("31a" → 31).
pub fn digits(number: &str) -> Option<u32> {
    number
        .trim_end_matches(|c: char| c.is_ascii_lowercase())
        .parse()
        .ok()
}

/// Whether `next` may follow `prev` in one document: the next number, or the same number with a
/// letter (§ 31 a after § 31); the first heading may have any number.
pub fn follows(prev: Option<&str>, next: &str) -> bool {
    match (prev.and_then(digits), digits(next)) {
        (None, Some(_)) => true,
        (Some(p), Some(n)) => n == p + 1 || (n == p && next.len() > p.to_string().len()),
        _ => false,
    }
}

/// A block's text without the text of its links ("Fakta om Kalmar län [Bildspel 2](#)").
pub fn no_links(b: &Block) -> String {
    let t = match &b.kind {
        Kind::Paragraph(t) | Kind::Heading { text: t, .. } => t,
        _ => return b.plain(),
    };
    let s: String = t
        .runs
        .iter()
        .filter(|r| r.link.is_none())
        .map(|r| r.text.as_str())
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An item heading of a paper that numbers none: a short line of its own (at most eight words,
/// not ending in punctuation, not a section, group, name or the title) over a longer paragraph.
pub fn unnumbered_head(units: &[Block], at: usize, part: &Part) -> bool {
    let b = &units[at];
    let t = no_links(b);
    if let Kind::Heading { .. } = b.kind {
        // A heading of its own: every one but the title, a section or a group.
        return !t.is_empty()
            && t != part.title
            && section_start(&t).is_none()
            && att::heading_kind(&t).is_none();
    }
    let Kind::Paragraph(_) = b.kind else {
        return false;
    };
    let n = t.split_whitespace().count();
    let next_longer = units.get(at + 1).is_some_and(|x| {
        matches!(x.kind, Kind::Paragraph(_)) && x.plain().split_whitespace().count() > n.max(8)
    });
    (1..=8).contains(&n)
        && next_longer
        && !t.ends_with(['.', ',', ':', ';', '?', '!'])
        && t.chars().next().is_some_and(char::is_uppercase)
        && !b.plain().contains('\n')
        && section_start(&t).is_none()
        && att::heading_kind(&t).is_none()
        && !att::is_entry(&t)
        && t != part.title
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;

    fn heads(s: &str) -> Vec<Option<Head>> {
        text::read(s).blocks.iter().map(head_of).collect()
    }

    #[test]
    fn headings_in_their_printed_forms() {
        let h = heads("§ 28 Val av justerare\n\n1. Välkomna\n\n§ 1\n\nStyrelsen beslutar");
        assert_eq!(h[0].as_ref().unwrap().label, "§ 28");
        assert_eq!(h[0].as_ref().unwrap().title, "Val av justerare");
        assert_eq!(h[1].as_ref().unwrap().label, "1.");
        assert_eq!(h[1].as_ref().unwrap().title, "Välkomna");
        assert_eq!(h[2].as_ref().unwrap().number, "1");
        assert_eq!(h[2].as_ref().unwrap().title, "");
        assert_eq!(h[3], None);
        assert_eq!(lone_number("§ 12"), Some("12".into()));
        assert_eq!(lone_number("§ Upprop"), None);
    }

    #[test]
    fn numbers_follow_in_order() {
        assert!(follows(None, "28"));
        assert!(follows(Some("28"), "29"));
        assert!(follows(Some("31"), "31a"));
        assert!(!follows(Some("10"), "1"));
        assert!(!follows(Some("3"), "5"));
    }
}
