//! Attachments of a bundle that print the same title told apart: a later one gets the number the
//! tjänsteskrivelse before it gives it in its numbered list of beslutsunderlag ("2. Gemensam
//! arbetsprocess …" → "Gemensam arbetsprocess … (bilaga 2)"), the number its text refers to it by
//! ("se bilaga 2"). Without such a list the title stays as printed.

use super::Document;
use crate::import::split::DocKind;

/// The new titles (by index into `docs`, in bundle order) of the documents whose title an earlier
/// document of the bundle already has and whose number a tjänsteskrivelse before them gives.
pub fn repeated_titles(docs: &[&Document]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let key = squash(&d.title);
        if key.is_empty() || !docs[..i].iter().any(|e| squash(&e.title) == key) {
            continue;
        }
        let number = docs[..i]
            .iter()
            .rev()
            .find(|e| e.kind == DocKind::Tjansteskrivelse)
            .and_then(|t| numbered(&t.body, &key));
        if let Some(n) = number {
            out.push((i, format!("{} (bilaga {n})", d.title)));
        }
    }
    out
}

/// The number of the numbered list item (`2. Title`) among `body`'s blocks that names `key`.
fn numbered(body: &[String], key: &str) -> Option<String> {
    body.iter().find_map(|b| {
        let (n, text) = b.split_once(". ")?;
        (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && squash(text) == key)
            .then(|| n.to_string())
    })
}

/// A title compared: words single-spaced, lower case, quotes and the closing stop aside.
fn squash(s: &str) -> String {
    s.replace(['"', '“', '”', '»', '«'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: DocKind, title: &str, body: &[&str]) -> Document {
        Document {
            kind,
            title: title.into(),
            date: None,
            dnr: Vec::new(),
            year: None,
            authors: Vec::new(),
            body: body.iter().map(|s| s.to_string()).collect(),
            tables: 0,
            notes: Vec::new(),
            unplaced: Vec::new(),
        }
    }

    #[test]
    fn a_repeated_attachment_takes_its_number_from_the_list_before_it() {
        let docs = [
            doc(DocKind::Tjansteskrivelse, "Uppdrag", &["Arbetsprocess"]),
            doc(DocKind::Bilaga, "Arbetsprocess", &[]),
            doc(
                DocKind::Tjansteskrivelse,
                "Målbild",
                &[
                    "Beslutsunderlag",
                    "1. \"Målbild för vården\".",
                    "2. Arbetsprocess",
                ],
            ),
            doc(DocKind::Bilaga, "Målbild för vården", &[]),
            doc(DocKind::Bilaga, "Arbetsprocess", &[]),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        assert_eq!(
            repeated_titles(&refs),
            [(4, "Arbetsprocess (bilaga 2)".to_string())]
        );
    }

    #[test]
    fn without_a_numbered_list_a_repeated_title_stays() {
        let docs = [
            doc(DocKind::Tjansteskrivelse, "Uppdrag", &["- Arbetsprocess"]),
            doc(DocKind::Bilaga, "Arbetsprocess", &[]),
            doc(DocKind::Bilaga, "Arbetsprocess", &[]),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        assert_eq!(repeated_titles(&refs), []);
    }
}
