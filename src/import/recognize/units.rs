//! A document's blocks made ready for the recognizers: page breaks out, a paragraph whose first
//! line is a heading of its own (a PDF gives "Bakgrund" and its text as one paragraph, a text
//! export "5. Genomgång …" and its "Föredragande:" line as one list item) cut in two, and an
//! agenda written as a bulleted list of numbered lines ("- 1. Upprop") made a numbered list.

use super::heading;
use crate::import::block::{Block, Kind, Marker, Place, Text, Unit};
use crate::reading::vocabulary::{attendance, paragraph};

/// The blocks, normalized.
pub fn normalize(blocks: &[Block]) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match &b.kind {
            Kind::PageBreak => {}
            Kind::Paragraph(t) => cut(b.place, t, &mut out, Kind::Paragraph),
            Kind::ListItem {
                depth,
                marker,
                text,
            } => {
                let (marker, text) = numbered_bullet(marker, text);
                let (first, rest) = at_first_break(&text);
                let (p1, p2) = split_place(b.place);
                out.push(Block {
                    place: if rest.is_some() { p1 } else { b.place },
                    kind: Kind::ListItem {
                        depth: *depth,
                        marker,
                        text: first,
                    },
                });
                if let Some(rest) = rest {
                    cut(p2, &rest, &mut out, Kind::Paragraph);
                }
            }
            _ => out.push(b.clone()),
        }
    }
    out
}

/// Pushes a paragraph, cutting off its first lines while each is a line of its own kind (a
/// section heading, a paragraph number, a meta line).
fn cut(place: Place, t: &Text, out: &mut Vec<Block>, kind: fn(Text) -> Kind) {
    let (first, rest) = at_first_break(t);
    match rest {
        Some(rest) if stands_alone(&first.plain()) => {
            let (p1, p2) = split_place(place);
            out.push(Block {
                place: p1,
                kind: Kind::Paragraph(first),
            });
            cut(p2, &rest, out, kind);
        }
        _ => out.push(Block {
            place,
            kind: kind(t.clone()),
        }),
    }
}

/// A line that is a heading or a key line of its own when it starts a paragraph.
fn stands_alone(line: &str) -> bool {
    let l = line.trim();
    if l.is_empty() || l.split_whitespace().count() > 12 {
        return false;
    }
    paragraph::section_line(l, &[]).is_some_and(|(_, _, rest)| rest.is_empty())
        || heading::lone_number(l).is_some()
        || attendance::group_of_heading(l).is_some()
        || l == "Tjänsteskrivelse"
        || paragraph::looks_like_dnr_line(l)
}

/// The text up to its first line break, and what follows it.
pub fn at_first_break(t: &Text) -> (Text, Option<Text>) {
    let mut first = Text::default();
    let mut rest = Text::default();
    let mut broken = false;
    for r in &t.runs {
        if broken {
            rest.push_link(&r.text, r.bold, r.italic, r.link.as_deref());
            continue;
        }
        match r.text.split_once('\n') {
            Some((a, b)) => {
                first.push_link(a, r.bold, r.italic, r.link.as_deref());
                rest.push_link(b, r.bold, r.italic, r.link.as_deref());
                broken = true;
            }
            None => first.push_link(&r.text, r.bold, r.italic, r.link.as_deref()),
        }
    }
    first.trim();
    rest.trim();
    if broken && !rest.is_blank() {
        (first, Some(rest))
    } else {
        (first, None)
    }
}

/// A place cut after its first line (lines of a text or a PDF page; a Word paragraph is one unit).
fn split_place(p: Place) -> (Place, Place) {
    if p.unit == Unit::Paragraph || (p.first == p.last && p.page == p.last_page) {
        return (p, p);
    }
    let first = Place {
        last_page: p.page,
        last: p.first,
        ..p
    };
    let rest = if p.page == p.last_page {
        Place {
            first: p.first + 1,
            ..p
        }
    } else {
        p
    };
    (first, rest)
}

/// `text` without its first `n` bytes.
fn drop_start(text: &Text, mut n: usize) -> Text {
    let mut t = Text::default();
    for r in &text.runs {
        let lead = r.text.len() - r.text.trim_start().len();
        let body = if t.runs.is_empty() {
            &r.text[lead..]
        } else {
            &r.text[..]
        };
        if n >= body.len() {
            n -= body.len();
            continue;
        }
        t.push_link(&body[n..], r.bold, r.italic, r.link.as_deref());
        n = 0;
    }
    t.trim();
    t
}

/// "- 1. Upprop": a bullet whose text starts with a number is that numbered item.
fn numbered_bullet(marker: &Marker, text: &Text) -> (Marker, Text) {
    if *marker != Marker::Bullet {
        return (marker.clone(), text.clone());
    }
    let plain = text.plain();
    let digits = plain.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) && plain[digits..].starts_with(". ") {
        return (
            Marker::Ordered(format!("{}.", &plain[..digits])),
            drop_start(text, digits + 2),
        );
    }
    (marker.clone(), text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text;

    fn kinds(s: &str) -> Vec<String> {
        normalize(&text::read(s).blocks)
            .iter()
            .map(|b| match &b.kind {
                Kind::ListItem { marker, text, .. } => format!("li {marker:?} {}", text.plain()),
                _ => format!("{} @{}", b.plain(), b.place),
            })
            .collect()
    }

    #[test]
    fn a_heading_run_into_its_text_is_cut_off() {
        assert_eq!(
            kinds("Bakgrund\nÅrsredovisning presenteras.\nMer text."),
            [
                "Bakgrund @line 1",
                "Årsredovisning presenteras.\nMer text. @lines 2–3"
            ]
        );
        assert_eq!(
            kinds("Styrelsen beslutar\natt godkänna."),
            ["Styrelsen beslutar\natt godkänna. @lines 1–2"]
        );
    }

    #[test]
    fn an_agenda_as_bullets_of_numbered_lines() {
        assert_eq!(
            kinds("- 5. Genomgång av året**  \nFöredragande: Cecilia Frid\n- 6. Revision"),
            [
                "li Ordered(\"5.\") Genomgång av året",
                "Föredragande: Cecilia Frid @line 2",
                "li Ordered(\"6.\") Revision"
            ]
        );
    }
}
