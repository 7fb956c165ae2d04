//! Swedish compounds split with a lexicon learned from the site's own words: `gängkriminalitet`
//! is `gäng` + `kriminalitet`, `medlemsavgift` is `medlem` + linking `s` + `avgift`. A part must
//! itself be a word of the site (its stem is a stem of the site's words), of at least
//! [`MIN_PART`] letters and no stop word. Used at index time (the parts of every compound go to
//! the `*_parts` fields) and, by the same rule, for a query word the site does not have
//! (`skolmat` → `skol` + `mat`); `engine.js` has the same rule.

use super::schema::{STOP_WORDS, Stemming};
use std::collections::HashSet;

/// Letters that may join two parts (`medlem-s-avgift`, `pojk-e-år`, `gat-u-belysning`).
pub const LINKS: [char; 5] = ['s', 'e', 'a', 'u', 'o'];
/// The fewest letters of a part.
pub const MIN_PART: usize = 3;
/// The fewest letters of a word worth splitting.
pub const MIN_WORD: usize = 6;
/// Longer words are not split (they are rare, and the search for a split grows with the square).
pub const MAX_WORD: usize = 40;

/// The words of the site as the splitter sees them: stems of letters only.
pub trait Lexicon {
    /// Whether `stem` is the stem of a word of the site.
    fn has(&self, stem: &str) -> bool;
}

impl Lexicon for HashSet<String> {
    fn has(&self, stem: &str) -> bool {
        self.contains(stem)
    }
}

/// One part of a split: the letters as written in the word and their stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The letters of the part (without a linking letter after it).
    pub text: String,
    /// Its stem.
    pub stem: String,
}

/// Whether a word of letters only is one the lexicon may hold (stems of numbers are not split).
pub fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

struct Splitter<'a, L: Lexicon> {
    chars: &'a [char],
    lexicon: &'a L,
    stemming: &'a mut Stemming,
}

impl<L: Lexicon> Splitter<'_, L> {
    fn text(&self, i: usize, j: usize) -> String {
        self.chars[i..j].iter().collect()
    }

    /// A part before another: its letters or their stem are a stem of the site, and no stop
    /// word.
    fn inner(&mut self, i: usize, j: usize) -> Option<String> {
        let t = self.text(i, j);
        if STOP_WORDS.contains(&t.as_str()) {
            return None;
        }
        if self.lexicon.has(&t) {
            return Some(t);
        }
        let s = self.stemming.stem(&t);
        (self.lexicon.has(&s) && !STOP_WORDS.contains(&s.as_str())).then_some(s)
    }

    /// The last part: its stem is a stem of the site, and no stop word.
    fn last(&mut self, i: usize) -> Option<String> {
        let t = self.text(i, self.chars.len());
        if STOP_WORDS.contains(&t.as_str()) {
            return None;
        }
        let s = self.stemming.stem(&t);
        (self.lexicon.has(&s) && !STOP_WORDS.contains(&s.as_str())).then_some(s)
    }
}

/// The cost of a split: fewer parts first, then fewer linking letters, then a longer first part.
type Cost = (usize, usize, std::cmp::Reverse<usize>);

/// The best split of `word` (lower case) into two or more parts, or `None`.
pub fn split<L: Lexicon>(word: &str, lexicon: &L, stemming: &mut Stemming) -> Option<Vec<Part>> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if !(MIN_WORD..=MAX_WORD).contains(&n) || !is_word(word) {
        return None;
    }
    let mut s = Splitter {
        chars: &chars,
        lexicon,
        stemming,
    };
    // best[i]: the best way to write chars[i..] as parts, with the end of the first part and
    // whether a linking letter follows it; filled from the right.
    let mut best: Vec<Option<(Cost, usize, bool, String)>> = vec![None; n + 1];
    for i in (0..=n - MIN_PART).rev() {
        let mut here: Option<(Cost, usize, bool, String)> = None;
        let mut consider = |cost: Cost, end: usize, link: bool, stem: String| {
            if here.as_ref().is_none_or(|h| cost < h.0) {
                here = Some((cost, end, link, stem));
            }
        };
        // The word itself is no split of it, however well it is known.
        if let Some(stem) = (i > 0).then(|| s.last(i)).flatten() {
            consider((1, 0, std::cmp::Reverse(n - i)), n, false, stem);
        }
        for (j, letter) in chars
            .iter()
            .enumerate()
            .take(n - MIN_PART + 1)
            .skip(i + MIN_PART)
        {
            let follow = [(j, false), (j + 1, true)]
                .into_iter()
                .filter(|&(k, link)| !link || (k < n && LINKS.contains(letter)))
                .filter_map(|(k, link)| best[k].as_ref().map(|b| (b.0, link)))
                .min();
            let Some((rest, link)) = follow else { continue };
            if let Some(stem) = s.inner(i, j) {
                let cost = (
                    rest.0 + 1,
                    rest.1 + usize::from(link),
                    std::cmp::Reverse(j - i),
                );
                consider(cost, j, link, stem);
            }
        }
        best[i] = here;
    }
    best[0].as_ref()?;
    let mut parts = Vec::new();
    let mut i = 0;
    while i < n {
        let (_, end, link, stem) = best[i].clone()?;
        parts.push(Part {
            text: s.text(i, end),
            stem,
        });
        i = end + usize::from(link);
    }
    Some(parts)
}

/// The stems of every part of `word` at every depth (`hemsjukvårdsavtalet` → `hemsjukvård`,
/// `avtal`, `hem`, `sjukvård` …), for the index; empty when it is no compound.
pub fn all_parts<L: Lexicon>(word: &str, lexicon: &L, stemming: &mut Stemming) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![word.to_string()];
    while let Some(w) = todo.pop() {
        if let Some(parts) = split(&w, lexicon, stemming) {
            for p in parts {
                if !out.contains(&p.stem) {
                    out.push(p.stem.clone());
                }
                todo.push(p.text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[&str]) -> HashSet<String> {
        let mut s = Stemming::new();
        words.iter().map(|w| s.stem(w)).collect()
    }

    fn stems(word: &str, l: &HashSet<String>) -> Option<Vec<String>> {
        split(word, l, &mut Stemming::new()).map(|p| p.into_iter().map(|x| x.stem).collect())
    }

    #[test]
    fn a_compound_splits_into_words_of_the_site() {
        let l = lexicon(&[
            "gäng",
            "kriminalitet",
            "medlem",
            "avgiften",
            "skola",
            "mat",
            "medlemsavgift",
        ]);
        assert_eq!(
            stems("gängkriminalitet", &l).unwrap(),
            ["gäng", "kriminalitet"]
        );
        assert_eq!(stems("medlemsavgift", &l).unwrap(), ["medlem", "avgift"]);
        assert_eq!(stems("skolmat", &l).unwrap(), ["skol", "mat"]);
        assert_eq!(stems("kriminalitet", &l), None, "one word is no compound");
        assert_eq!(
            stems("gängbrott", &l),
            None,
            "brott is not a word of this site"
        );
    }

    #[test]
    fn the_fewest_parts_win_and_parts_split_again() {
        let l = lexicon(&[
            "hem",
            "sjukvård",
            "hemsjukvården",
            "avtalet",
            "sjuk",
            "vård",
        ]);
        let parts = split("hemsjukvårdsavtalet", &l, &mut Stemming::new()).unwrap();
        assert_eq!(parts.len(), 2, "{parts:?}");
        let all = all_parts("hemsjukvårdsavtalet", &l, &mut Stemming::new());
        for p in ["hemsjukvård", "avtal", "hem", "sjukvård", "sjuk", "vård"] {
            assert!(all.contains(&p.to_string()), "{p} in {all:?}");
        }
    }

    #[test]
    fn short_parts_stop_words_and_numbers_are_no_parts() {
        let l = lexicon(&["år", "för", "slag", "redovisning", "under"]);
        assert_eq!(stems("årsredovisning", &l), None, "år is two letters");
        assert_eq!(stems("förslag", &l), None, "för is a stop word");
        assert_eq!(stems("2020redovisning", &l), None);
    }
}
