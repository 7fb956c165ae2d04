//! § headings and numbered agenda items as papers print them: `§ 28 Val av justerare` on one
//! line, `§ 1` on a line of its own with the title under it (a Word heading), `1. Välkomna` as a
//! numbered list item. The number and title are read by the format's own heading reader
//! (`vocabulary::paragraph::heading`), so what the import writes reads back the same.

use crate::import::block::{Block, Kind, Marker};
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
