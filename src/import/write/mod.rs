//! What the import writes: a recognized protokoll, kallelse or document as a content file in the
//! format (TOML front matter between `+++` lines, then Markdown), with a `#` comment in the front
//! matter and a Markdown comment in the body at every place the import was unsure of.

pub mod markdown;

use crate::import::recognize::{Document, Item, Meeting, Unplaced};
use crate::model::attendance::GroupKind;
use crate::model::date::{Date, Time};
use std::fmt::Write;

/// A TOML basic string.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML array of strings, one per line when long.
pub fn list(items: &[String]) -> String {
    let one = format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    );
    if one.len() <= 80 {
        return one;
    }
    let mut out = String::from("[\n");
    for s in items {
        let _ = writeln!(out, "  {},", q(s));
    }
    out.push(']');
    out
}

fn clock(t: Time) -> String {
    format!("{:02}:{:02}", t.hour, t.minute)
}

/// A comment line (each line of `note` after `# `).
fn comment(out: &mut String, note: &str) {
    for l in note.lines() {
        let _ = writeln!(out, "# {l}");
    }
}

/// A Markdown comment (never closing early).
pub fn md_comment(s: &str) -> String {
    format!("<!-- {} -->", s.replace("--", "–"))
}

/// The content file of a protokoll or kallelse held by `organ` on `date`.
pub fn meeting(m: &Meeting, organ: &str, date: Date, notes: &[String]) -> String {
    let mut o = String::from("+++\n");
    let typ = if m.notice { "kallelse" } else { "protokoll" };
    let _ = writeln!(o, "typ = {}", q(typ));
    let _ = writeln!(o, "organ = {}", q(organ));
    let _ = writeln!(o, "datum = {date}");
    if let Some(t) = m.when.start {
        let _ = writeln!(o, "start = {}", q(&clock(t)));
    }
    if let Some(t) = m.when.end {
        let _ = writeln!(o, "slut = {}", q(&clock(t)));
    }
    match &m.plats {
        Some(p) => {
            let _ = writeln!(o, "plats = {}", q(p));
        }
        None => comment(&mut o, "plats = \"…\"   # the place was not found"),
    }
    if let Some(r) = &m.rubrik {
        let _ = writeln!(o, "rubrik = {}", q(r));
    }
    if m.notice {
        if let Some(d) = m.utfardad {
            let _ = writeln!(o, "utfardad = {d}");
        }
        if !m.undertecknad.is_empty() {
            let _ = writeln!(o, "undertecknad = {}", list(&m.undertecknad));
        }
    } else {
        match m.ordforande.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(o, "ordforande = {}", q(one));
            }
            many => {
                let _ = writeln!(o, "ordforande = {}", list(many));
            }
        }
        if let Some(s) = &m.sekreterare {
            let _ = writeln!(o, "sekreterare = {}", q(s));
        }
        if !m.justerare.is_empty() {
            let _ = writeln!(o, "justerare = {}", list(&m.justerare));
        }
        if let Some(j) = &m.justeringsplats {
            let _ = writeln!(o, "justeringsplats = {}", q(j));
        }
        if let Some(p) = &m.paragrafer {
            let _ = writeln!(o, "paragrafer = {}", q(p));
        }
    }
    for n in m.notes.iter().chain(notes) {
        comment(&mut o, &format!("import: {n}"));
    }
    if !m.groups.is_empty() {
        o.push_str("\n[narvaro]\n");
        for kind in GroupKind::ALL {
            let names: Vec<String> = m
                .groups
                .iter()
                .filter(|g| g.kind == kind)
                .flat_map(|g| g.names.clone())
                .collect();
            let headings: Vec<&str> = m
                .groups
                .iter()
                .filter(|g| g.kind == kind)
                .map(|g| g.heading.as_str())
                .collect();
            if names.is_empty() {
                continue;
            }
            if headings
                .iter()
                .any(|h| !h.eq_ignore_ascii_case(kind.heading()))
            {
                comment(&mut o, &format!("printed as: {}", headings.join(", ")));
            }
            let _ = writeln!(o, "{} = {}", kind.key(), list(&names));
        }
    }
    if let Some(l) = &m.sandlista {
        o.push_str("\n[sandlista]\n");
        if let Some(h) = &l.heading {
            let _ = writeln!(o, "rubrik = {}", q(h));
        }
        let _ = writeln!(o, "kolumner = {}", list(&l.columns));
        for (kommun, members, subs) in &l.rows {
            let _ = write!(
                o,
                "\n[[sandlista.rad]]\nkommun = {}\nordinarie = {}\nersattare = {}\n",
                q(kommun),
                list(members),
                list(subs)
            );
        }
    }
    for s in &m.signatures {
        let _ = write!(
            o,
            "\n[[underskrift]]\nnamn = {}\nroll = {}\n",
            q(&s.name),
            q(&s.role)
        );
    }
    o.push_str("+++\n");
    let mut body: Vec<String> = m.preamble.clone();
    for it in &m.items {
        body.push(item(it));
    }
    body.extend(unplaced(&m.unplaced));
    o.push_str(&body.join("\n\n"));
    o.push('\n');
    o
}

/// A paragraph or agenda item as Markdown.
fn item(it: &Item) -> String {
    let mut parts = Vec::new();
    let head = if it.label.is_empty() {
        format!("## {}", markdown::escape(&it.title))
    } else if it.title.is_empty() {
        format!("## {}", it.label)
    } else {
        format!("## {} {}", it.label, markdown::escape(&it.title))
    };
    parts.push(head);
    if !it.dnr.is_empty() {
        parts.push(format!("Dnr: {}", it.dnr.join(", ")));
    }
    if let Some(p) = &it.presenter {
        parts.push(format!("Föredragande: {}", markdown::escape(p)));
    }
    if !it.documents.is_empty() {
        parts.push(format!("Handlingar: {}", it.documents.join(", ")));
    }
    parts.extend(it.text.iter().cloned());
    for s in &it.sections {
        parts.push(format!("### {}", s.heading));
        parts.extend(s.blocks.iter().cloned());
    }
    parts.join("\n\n")
}

fn unplaced(u: &[Unplaced]) -> Vec<String> {
    u.iter()
        .map(|u| {
            md_comment(&format!(
                "import: not placed ({}, {}): {}",
                u.place, u.why, u.text
            ))
        })
        .collect()
}

/// Where a document was handled: the meeting (`organ/date`) and its item number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    /// `organ/YYYY-MM-DD`.
    pub mote: String,
    /// The item's number.
    pub punkt: String,
}

/// The content file of a document.
pub fn document(d: &Document, id: &str, handled: Option<&Handled>) -> String {
    let mut o = String::from("+++\n");
    let _ = writeln!(o, "typ = {}", q(d.kind.name()));
    let _ = writeln!(o, "id = {}", q(id));
    let _ = writeln!(o, "titel = {}", q(&d.title));
    if let Some(date) = d.date {
        let _ = writeln!(o, "datum = {date}");
    }
    if let Some(y) = d.year {
        let _ = writeln!(o, "ar = {y}");
    }
    if !d.dnr.is_empty() {
        let _ = writeln!(o, "dnr = {}", list(&d.dnr));
    }
    if let Some(h) = handled {
        let _ = writeln!(o, "mote = {}", q(&h.mote));
        let _ = writeln!(o, "punkt = {}", q(&h.punkt));
    }
    if !d.authors.is_empty() {
        let _ = writeln!(o, "forfattare = {}", list(&d.authors));
    }
    for n in &d.notes {
        comment(&mut o, &format!("import: {n}"));
    }
    o.push_str("+++\n");
    let mut body = d.body.clone();
    body.extend(unplaced(&d.unplaced));
    o.push_str(&body.join("\n\n"));
    o.push('\n');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_and_lists() {
        assert_eq!(q("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(list(&["a".into(), "b".into()]), "[\"a\", \"b\"]");
        let long: Vec<String> = (0..10).map(|i| format!("Namn Namnsson {i}")).collect();
        assert!(list(&long).starts_with("[\n  \"Namn Namnsson 0\",\n"));
        assert_eq!(md_comment("a -- b"), "<!-- a – b -->");
    }
}
