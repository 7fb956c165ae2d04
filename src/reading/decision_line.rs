//! A decision written without a heading: a protokoll paragraph whose text (or Bakgrund, Ärendet,
//! Beslutsunderlag, Propositionsordning) has a block starting "Styrelsen beslutar att …" has that
//! block and what follows it in the same part as its decision. A paragraph with neither a decision
//! nor such a block, whose text still reads like a decision ("… beslutade att", "Beslut:"), is
//! found here too, for a warning at its line.

use crate::model::item::{Item, Section, SectionKind};
use crate::reading::vocabulary::paragraph as words;

/// The parts of an item a decision line may stand in: its text (None) and the sections that are
/// not already something else.
fn containers(item: &Item) -> Vec<Option<usize>> {
    let mut out = vec![None];
    out.extend(
        item.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                matches!(
                    s.kind,
                    SectionKind::Background | SectionKind::Basis | SectionKind::Procedure
                )
            })
            .map(|(i, _)| Some(i)),
    );
    out
}

/// The Markdown of a part and the line its first line is on.
fn part(item: &Item, c: Option<usize>) -> (&str, usize) {
    match c {
        None => (&item.text, item.text_line),
        Some(i) => (&item.sections[i].markdown, item.sections[i].body_line),
    }
}

/// Each line of `md` outside code fences, with its index and byte offset, and whether it starts a
/// block (after a blank line or at the start).
fn lines(md: &str) -> Vec<(usize, usize, &str, bool)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fence = false;
    let mut after_blank = true;
    for (i, line) in md.split_inclusive('\n').enumerate() {
        let text = line.trim_end_matches(['\n', '\r']);
        let t = text.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
        } else if !fence {
            out.push((i, offset, text, after_blank));
        }
        after_blank = t.is_empty();
        offset += line.len();
    }
    out
}

/// Makes the first decision line of `item` (and what follows it in its part) a decision section
/// headed "Beslut", placed after the part it stood in. False when there is none.
pub fn cut(item: &mut Item) -> bool {
    for c in containers(item) {
        let (md, base) = part(item, c);
        let found = lines(md)
            .into_iter()
            .find(|(_, _, text, starts)| *starts && words::decision_line(text).is_some());
        let Some((i, offset, _, _)) = found else {
            continue;
        };
        let line = base + i;
        let rest = md[offset..].to_string();
        let at = match c {
            None => {
                item.text.truncate(offset);
                0
            }
            Some(s) => {
                item.sections[s].markdown.truncate(offset);
                s + 1
            }
        };
        item.sections.insert(
            at,
            Section {
                kind: SectionKind::Decision,
                heading: "Beslut".to_string(),
                markdown: rest,
                plain: String::new(),
                line,
                body_line: line,
            },
        );
        return true;
    }
    false
}

/// Where `item` first reads like a decision: the line and (1-based) column, in its text or any
/// section.
pub fn reads_like(item: &Item) -> Option<(usize, usize)> {
    let mut parts = vec![None];
    parts.extend((0..item.sections.len()).map(Some));
    for c in parts {
        let (md, base) = part(item, c);
        for (i, _, text, _) in lines(md) {
            if let Some(col) = words::reads_like_decision(text) {
                return Some((base + i, col + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::reading::body::parse;
    use std::path::Path;

    fn item(md: &str) -> (crate::model::item::Item, Vec<String>) {
        let b = parse(Path::new("p.md"), md, 1).unwrap();
        let w = b.warnings.iter().map(ToString::to_string).collect();
        (b.items.into_iter().next().unwrap(), w)
    }

    #[test]
    fn a_decision_line_in_the_text_is_the_decision() {
        let (it, w) =
            item("## § 4 Dagordning\n\nStyrelsen beslutar att godkänna föreliggande dagordning.\n");
        assert!(w.is_empty(), "{w:?}");
        assert!(it.is_decision());
        assert_eq!(
            it.decision_text(),
            "Styrelsen beslutar att godkänna föreliggande dagordning."
        );
        assert_eq!(it.sections[0].line, 3);
        assert!(it.text.trim().is_empty());
    }

    #[test]
    fn a_decision_line_at_the_end_of_the_background() {
        let (it, _) = item(
            "## § 30 Ny ersättare\n\n### Bakgrund\n\nNybro har beslutat att \
                bevilja.\n\nStyrelsen beslutar att adjungera Henric.\n\n### Beslutet \
                skickas till\n\nNybro kommun\n",
        );
        let kinds: Vec<_> = it.sections.iter().map(|s| s.kind.key()).collect();
        assert_eq!(kinds, vec!["bakgrund", "beslut", "skickas-till"]);
        assert_eq!(it.sections[0].plain, "Nybro har beslutat att bevilja.");
        assert_eq!(it.sections[1].line, 7);
    }

    #[test]
    fn text_that_only_reads_like_a_decision_warns_unless_it_says_it_has_none() {
        let (it, w) = item("## § 5 Information\n\nText.\n\nNämnden beslutade att ge uppdraget.\n");
        assert!(!it.is_decision());
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("p.md:5:9: warning: § 5 Information reads like a decision"),
            "{}",
            w[0]
        );
        let (_, w) =
            item("## § 5 Information\n\nInget beslut\n\nNämnden beslutade att ge uppdraget.\n");
        assert!(w.is_empty());
    }
}
