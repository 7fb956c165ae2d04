//! Real Swedish sentences for the synthetic text, cut out of the seed documents in `content/` at
//! generation time: running prose for Bakgrund, and the sentences of Beslut and Förslag till beslut
//! sections for decisions.

use std::collections::HashSet;
use std::path::Path;

/// Sentences taken from the seed documents.
#[derive(Debug, Clone)]
pub struct Sentences {
    /// Prose sentences (backgrounds, reports, letters).
    pub prose: Vec<String>,
    /// Sentences of decisions and proposals, with the deciding body's name as the first word.
    pub decisions: Vec<String>,
}

/// Bodies that open the seed documents' decisions; replaced by the synthetic organ's name.
const DECIDING: &[&str] = &[
    "Styrelsen",
    "Förbundsmötet",
    "Presidiekonferensen",
    "Kommunfullmäktige",
    "Läns gemensam ledning",
];

impl Sentences {
    /// Reads every Markdown file under `content` (sorted, so the order is the same everywhere).
    pub fn from_content(content: &Path) -> std::io::Result<Sentences> {
        let mut files = Vec::new();
        collect(content, &mut files)?;
        files.sort();
        let mut s = Sentences {
            prose: Vec::new(),
            decisions: Vec::new(),
        };
        let mut seen = HashSet::new();
        for f in files {
            s.add_document(&std::fs::read_to_string(f)?, &mut seen);
        }
        if s.prose.len() < 20 || s.decisions.len() < 5 {
            return Err(std::io::Error::other(format!(
                "{}: too few sentences ({} prose, {} decisions)",
                content.display(),
                s.prose.len(),
                s.decisions.len()
            )));
        }
        Ok(s)
    }

    /// Adds the sentences of one Markdown document (front matter is skipped).
    fn add_document(&mut self, text: &str, seen: &mut HashSet<String>) {
        let body = match text.strip_prefix("+++") {
            Some(rest) => rest.split_once("\n+++").map_or("", |(_, b)| b),
            None => text,
        };
        let mut in_decision = false;
        let mut paragraph = String::new();
        let mut flush = |p: &mut String, decision: bool, s: &mut Sentences| {
            for sentence in split_sentences(p) {
                if usable(&sentence) && seen.insert(sentence.clone()) {
                    if decision {
                        s.decisions.push(sentence);
                    } else {
                        s.prose.push(sentence);
                    }
                }
            }
            p.clear();
        };
        for line in body.lines() {
            let t = line.trim();
            if t.starts_with('#') {
                flush(&mut paragraph, in_decision, self);
                let h = t.trim_start_matches('#').trim().to_lowercase();
                in_decision = (h.starts_with("beslut")
                    && !h.starts_with("beslutsunderlag")
                    && !h.starts_with("beslutet skickas"))
                    || h.starts_with("förslag till beslut");
                continue;
            }
            if t.is_empty() || t.starts_with('|') || t.starts_with('>') || t.starts_with("```") {
                flush(&mut paragraph, in_decision, self);
                continue;
            }
            // A list item is a paragraph of its own: its first word starts a sentence.
            let item = t.trim_start_matches(['-', '*', '+']);
            let item = match item.split_once(". ") {
                Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => rest,
                _ => item,
            };
            let t = if item.len() < t.len() {
                flush(&mut paragraph, in_decision, self);
                item.trim_start()
            } else {
                t
            };
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(t);
        }
        flush(&mut paragraph, in_decision, self);
    }

    /// A decision sentence said by `subject` ("Arbetsutskottet beslutar att …").
    pub fn decision_by(&self, i: usize, subject: &str) -> String {
        let s = &self.decisions[i % self.decisions.len()];
        for d in DECIDING {
            if let Some(rest) = s.strip_prefix(d) {
                return format!("{subject}{rest}");
            }
        }
        s.clone()
    }
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    Ok(())
}

/// Cuts a paragraph after `.`, `!` or `?` followed by a space and a capital letter.
fn split_sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (_, b), (k, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '!' | '?') && b == ' ' && c.is_uppercase() {
            out.push(p[start..k].trim().to_string());
            start = k;
        }
    }
    out.push(p[start..].trim().to_string());
    out
}

/// A sentence that reads well on its own and is plain text in Markdown.
fn usable(s: &str) -> bool {
    let n = s.chars().count();
    (30..=320).contains(&n)
        && s.ends_with('.')
        // Not a run-in list number ("… följande. 2.").
        && !s.trim_end_matches('.').ends_with(|c: char| c.is_ascii_digit())
        && s.starts_with(|c: char| c.is_uppercase())
        && !s.contains(['|', '[', ']', '<', '>', '*', '_', '`', '#', '§', '{', '}', '\\', '@', '“'])
        && !s.contains("http")
        && !s.contains("www.")
        // No long digit runs: nothing that could look like a personnummer or an account.
        && !s
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() >= 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_sentences_and_sorts_decisions_from_prose() {
        let mut s = Sentences {
            prose: vec![],
            decisions: vec![],
        };
        let doc = "+++\ntyp = \"x\"\n+++\n## Bakgrund\n\nPlanen bygger på den kartläggning \
            som gjorts. Samverkan är ett eget utvecklingsområde i länet.\n\n| a | b \
            |\n\n### Beslut\n\nStyrelsen tar informationen till protokollet.\n";
        s.add_document(doc, &mut HashSet::new());
        assert_eq!(
            s.prose,
            vec![
                "Planen bygger på den kartläggning som gjorts.",
                "Samverkan är ett eget utvecklingsområde i länet."
            ]
        );
        assert_eq!(
            s.decision_by(0, "Nämnden"),
            "Nämnden tar informationen till protokollet."
        );
    }
}
