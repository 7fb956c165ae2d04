//! The compound parts of the site, learned at index time: the lexicon is every stem of the
//! site's words (letters only), each distinct word is split once (`compound::all_parts`), and a
//! text's parts are the stems of the parts of its words, in order, one per occurrence, for the
//! `*_parts` fields.

use super::compound::{MIN_WORD, all_parts, is_word};
use super::documents::SearchDoc;
use super::schema::{MAX_TOKEN_BYTES, Stemming};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// The words of the site that are compounds, with the stems of their parts.
pub struct SiteParts {
    parts: HashMap<String, String>,
}

/// Calls `f` with each token of `text` as the `sv` analyzer makes them before stemming: runs of
/// alphanumerics, lower case character by character, those of 40 bytes or more left out. (The
/// texts are in NFC already; a plain scan is several times faster than the analyzer.)
fn each_token(text: &str, buffer: &mut String, mut f: impl FnMut(&str)) {
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() || w.len() >= MAX_TOKEN_BYTES {
            continue;
        }
        if w.chars().any(char::is_uppercase) {
            buffer.clear();
            buffer.extend(w.chars().flat_map(char::to_lowercase));
            f(buffer);
        } else {
            f(w);
        }
    }
}

fn texts(d: &SearchDoc) -> impl Iterator<Item = &str> {
    [d.title.as_str(), d.decision.as_str(), d.text.as_str()]
        .into_iter()
        .chain(d.people.iter().map(String::as_str))
}

/// One thread's share of the learning: the words it has seen, the compounds to split, the stems.
struct Learning {
    seen: HashSet<String>,
    words: HashSet<String>,
    lexicon: HashSet<String>,
    buffer: String,
    stemming: Stemming,
}

impl SiteParts {
    /// Learns the lexicon from `docs` and splits every word of their title, decision and text.
    pub fn learn(docs: &[SearchDoc]) -> SiteParts {
        let (words, lexicon) = docs
            .par_iter()
            .fold(
                || Learning {
                    seen: HashSet::new(),
                    words: HashSet::new(),
                    lexicon: HashSet::new(),
                    buffer: String::new(),
                    stemming: Stemming::new(),
                },
                |mut l, d| {
                    let Learning {
                        seen,
                        words,
                        lexicon,
                        buffer,
                        stemming,
                    } = &mut l;
                    for (i, text) in texts(d).enumerate() {
                        each_token(text, buffer, |t| {
                            if !is_word(t) {
                                return;
                            }
                            // Names (the people field, i >= 3) are no compounds.
                            if i < 3 && t.chars().count() >= MIN_WORD && !words.contains(t) {
                                words.insert(t.to_string());
                            }
                            if !seen.contains(t) {
                                seen.insert(t.to_string());
                                lexicon.insert(stemming.stem(t));
                            }
                        });
                    }
                    l
                },
            )
            .map(|l| (l.words, l.lexicon))
            .reduce(
                || (HashSet::new(), HashSet::new()),
                |(mut w1, mut l1), (w2, l2)| {
                    w1.extend(w2);
                    l1.extend(l2);
                    (w1, l1)
                },
            );
        let mut words: Vec<String> = words.into_iter().collect();
        words.sort_unstable();
        let parts = words
            .par_iter()
            .map_init(Stemming::new, |stemming, w| {
                let p = all_parts(w, &lexicon, stemming);
                (!p.is_empty()).then(|| (w.clone(), p.join(" ")))
            })
            .flatten()
            .collect();
        SiteParts { parts }
    }

    /// The parts of the compounds of `text`: their stems separated by spaces. `buffer` is for
    /// lower-casing (one per thread).
    pub fn of(&self, buffer: &mut String, text: &str) -> String {
        let mut out = String::new();
        each_token(text, buffer, |t| {
            if let Some(p) = self.parts.get(t) {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(p);
            }
        });
        out
    }

    /// How many words of the site are compounds.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    /// Whether no word of the site is a compound.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_compound_gives_the_stems_of_its_parts_where_it_stands() {
        let d = SearchDoc {
            title: "Fastställande av kommunernas medlemsavgift".into(),
            text: "100 kronor per medlem och år; avgift. Gängkriminalitet i gänget.".into(),
            people: vec!["Anna Lindholm".into(), "Linda Holm".into()],
            ..SearchDoc::default()
        };
        let p = SiteParts::learn(&[d]);
        let mut a = String::new();
        assert_eq!(
            p.of(&mut a, "Medlemsavgift och medlemsavgift"),
            "medlem avgift medlem avgift"
        );
        assert_eq!(
            p.of(&mut a, "gängkriminalitet"),
            "",
            "kriminalitet is no word of this site"
        );
        assert_eq!(p.of(&mut a, "Lindholm"), "", "names are not split");
    }
}
