//! The words of the index (every stem of letters only, as a whole word or as a compound part)
//! and the fallbacks for a word of a query that the index does not have, in this order: the
//! last word as the beginning of longer words (`årsred` → `årsredovisning`), the same word with
//! other diacritics (`fagergard` → `fagergård`), compounds that end in it (`kriminalitet` →
//! `gängkriminalitet`), words one edit away (`medlemsavgit` → `medlemsavgift`), a compound of
//! words of the site (`skolmat` → `skol` + `mat`), words two edits away (for words of eight
//! letters or more). Edits are counted from the folded word as typed and from its stem, to the
//! folded words of the index that begin with the same letter. The export writes this
//! lexicon sorted by folded key and again by reversed folded key, so `engine.js` fetches the
//! parts it needs and applies the same rules.

use super::compound::{Lexicon as Splittable, MIN_PART, Part, is_word, split};
use super::schema::{Fields, Stemming};
use super::words::{distance, fold};
use std::collections::BTreeMap;
use tantivy::Searcher;
use tantivy::schema::Field;

/// Most completions of a prefix.
pub const PREFIX_MAX: usize = 8;
/// Most spellings with other diacritics.
pub const VARIANT_MAX: usize = 8;
/// Most compounds ending in the word.
pub const SUFFIX_MAX: usize = 8;
/// Most words one or two edits away.
pub const TYPO_MAX: usize = 5;
/// The fewest letters of a prefix that is completed.
pub const PREFIX_MIN: usize = 3;
/// Words of at least this many letters may have one typo …
pub const TYPO_ONE: usize = 4;
/// … and of at least this many, two.
pub const TYPO_TWO: usize = 8;

/// One word of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The stem, as the index has it.
    pub key: String,
    /// Its folded form ([`fold`]), the sort key.
    pub folded: String,
    /// Whether it is a whole word somewhere (title, decision, people or text).
    pub whole: bool,
    /// Whether it is a compound part somewhere.
    pub part: bool,
    /// The sum of its document frequencies over those fields (ranks the candidates).
    pub weight: u64,
}

/// The lexicon: entries sorted by (folded, key).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The entries in order.
    pub entries: Vec<Entry>,
    /// Indices of the entries sorted by (reversed folded key, key): the order of suffixes.
    pub reversed: Vec<usize>,
}

/// `s` with its characters in reverse order.
pub fn reverse(s: &str) -> String {
    s.chars().rev().collect()
}

impl Splittable for Lexicon {
    fn has(&self, stem: &str) -> bool {
        self.get(stem).is_some_and(|e| e.whole)
    }
}

/// How a word the index does not have was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Words it begins (the last word of the query, as it is being typed).
    Prefix(Vec<String>),
    /// The same word with other diacritics.
    Variant(Vec<String>),
    /// Compounds that end in the word (`kriminalitet` → `gängkriminalitet`).
    Suffix(Vec<String>),
    /// The parts of a compound, each a word of the site.
    Split(Vec<Part>),
    /// Words one (or two) edits away.
    Typo(Vec<String>),
}

impl Fix {
    /// The Swedish name of the fix, as the page and `--json` show it.
    pub fn kind(&self) -> &'static str {
        match self {
            Fix::Prefix(_) => "prefix",
            Fix::Variant(_) => "variant",
            Fix::Suffix(_) => "suffix",
            Fix::Split(_) => "split",
            Fix::Typo(_) => "typo",
        }
    }

    /// The stems it stands for.
    pub fn stems(&self) -> Vec<String> {
        match self {
            Fix::Prefix(v) | Fix::Variant(v) | Fix::Suffix(v) | Fix::Typo(v) => v.clone(),
            Fix::Split(p) => p.iter().map(|x| x.stem.clone()).collect(),
        }
    }
}

impl Lexicon {
    /// The lexicon of an index: every key of letters only in the whole-word and part fields.
    pub fn read(searcher: &Searcher, fields: &Fields) -> tantivy::Result<Lexicon> {
        let mut map: BTreeMap<String, (bool, bool, u64)> = BTreeMap::new();
        let mut add = |field: Field, whole: bool| -> tantivy::Result<()> {
            for seg in searcher.segment_readers() {
                let inverted = seg.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    let Ok(key) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !is_word(key) {
                        continue;
                    }
                    let e = map.entry(key.to_string()).or_default();
                    if whole {
                        e.0 = true;
                    } else {
                        e.1 = true;
                    }
                    e.2 += u64::from(stream.value().doc_freq);
                }
            }
            Ok(())
        };
        for (f, _) in fields.text_fields() {
            add(f, true)?;
        }
        for (f, _) in fields.part_fields() {
            add(f, false)?;
        }
        let entries: Vec<Entry> = map
            .into_iter()
            .map(|(key, (whole, part, weight))| Entry {
                folded: fold(&key),
                key,
                whole,
                part,
                weight,
            })
            .collect();
        Ok(Lexicon::new(entries))
    }

    /// The lexicon of `entries` (in any order, each key once).
    pub fn new(mut entries: Vec<Entry>) -> Lexicon {
        entries.sort_by(|a, b| (&a.folded, &a.key).cmp(&(&b.folded, &b.key)));
        let mut reversed: Vec<(String, usize)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (reverse(&e.folded), i))
            .collect();
        reversed.sort_by(|a, b| (&a.0, &entries[a.1].key).cmp(&(&b.0, &entries[b.1].key)));
        Lexicon {
            entries,
            reversed: reversed.into_iter().map(|x| x.1).collect(),
        }
    }

    /// The entries whose folded key ends with `folded_suffix`, in reversed order.
    pub fn ending(&self, folded_suffix: &str) -> Vec<&Entry> {
        let r = reverse(folded_suffix);
        let rev = |i: &usize| reverse(&self.entries[*i].folded);
        let from = self.reversed.partition_point(|i| rev(i) < r);
        self.reversed[from..]
            .iter()
            .take_while(|i| rev(i).starts_with(&r))
            .map(|&i| &self.entries[i])
            .collect()
    }

    /// The entry of `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        let f = fold(key);
        let i = self
            .entries
            .partition_point(|e| (e.folded.as_str(), e.key.as_str()) < (f.as_str(), key));
        self.entries.get(i).filter(|e| e.key == key)
    }

    /// The entries whose folded key starts with `folded_prefix`.
    pub fn starting(&self, folded_prefix: &str) -> &[Entry] {
        let from = self
            .entries
            .partition_point(|e| e.folded.as_str() < folded_prefix);
        let len = self.entries[from..]
            .iter()
            .take_while(|e| e.folded.starts_with(folded_prefix))
            .count();
        &self.entries[from..from + len]
    }

    /// The fix for a token the index does not have (`last`: the query's last token), or `None`.
    pub fn fix(&self, token: &str, stem: &str, last: bool, stemming: &mut Stemming) -> Option<Fix> {
        let ft = fold(token);
        let fs = fold(stem);
        let best = |mut v: Vec<&Entry>, max: usize| -> Vec<String> {
            v.sort_by(|a, b| b.weight.cmp(&a.weight).then_with(|| a.key.cmp(&b.key)));
            v.into_iter().take(max).map(|e| e.key.clone()).collect()
        };
        if last && token.chars().count() >= PREFIX_MIN {
            let v: Vec<&Entry> = self
                .starting(&ft)
                .iter()
                .filter(|e| e.key != stem)
                .collect();
            if !v.is_empty() {
                return Some(Fix::Prefix(best(v, PREFIX_MAX)));
            }
        }
        let v: Vec<&Entry> = self
            .starting(&fs)
            .iter()
            .filter(|e| e.folded == fs && e.key != stem)
            .collect();
        if !v.is_empty() {
            return Some(Fix::Variant(best(v, VARIANT_MAX)));
        }
        let shortest = fs.chars().count() + MIN_PART;
        let v: Vec<&Entry> = self
            .ending(&fs)
            .into_iter()
            .filter(|e| e.folded.chars().count() >= shortest)
            .collect();
        if !v.is_empty() {
            return Some(Fix::Suffix(best(v, SUFFIX_MAX)));
        }
        let typos = |max: usize| -> Vec<&Entry> {
            let (tc, sc): (Vec<char>, Vec<char>) = (ft.chars().collect(), fs.chars().collect());
            let mut found: Vec<(usize, &Entry)> = Vec::new();
            for e in self.starting(&ft.chars().take(1).collect::<String>()) {
                // A word the typed one begins with is no typo of it (`skolmat`, stemmed `skolm`,
                // is not `skol` mistyped).
                if ft.starts_with(&e.folded) || fs.starts_with(&e.folded) {
                    continue;
                }
                let other: Vec<char> = e.folded.chars().collect();
                let d = [distance(&tc, &other, max), distance(&sc, &other, max)];
                if let Some(d) = d.into_iter().flatten().min() {
                    found.push((d, e));
                }
            }
            let nearest = found.iter().map(|x| x.0).min().unwrap_or(0);
            found
                .into_iter()
                .filter(|x| x.0 == nearest)
                .map(|x| x.1)
                .collect()
        };
        let letters = ft.chars().count();
        if letters >= TYPO_ONE {
            let v = typos(1);
            if !v.is_empty() {
                return Some(Fix::Typo(best(v, TYPO_MAX)));
            }
        }
        if let Some(parts) = split(token, self, stemming) {
            return Some(Fix::Split(parts));
        }
        if letters >= TYPO_TWO {
            let v = typos(2);
            if !v.is_empty() {
                return Some(Fix::Typo(best(v, TYPO_MAX)));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(words: &[(&str, u64)]) -> Lexicon {
        let mut s = Stemming::new();
        let mut entries: Vec<Entry> = words
            .iter()
            .map(|(w, n)| {
                let key = s.stem(w);
                Entry {
                    folded: fold(&key),
                    key,
                    whole: true,
                    part: false,
                    weight: *n,
                }
            })
            .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        entries.dedup_by(|a, b| a.key == b.key);
        Lexicon::new(entries)
    }

    fn fix(l: &Lexicon, token: &str, last: bool) -> Option<Fix> {
        let mut s = Stemming::new();
        let stem = s.stem(token);
        l.fix(token, &stem, last, &mut s)
    }

    #[test]
    fn each_fallback_in_its_turn() {
        let l = lexicon(&[
            ("årsredovisning", 5),
            ("årsredovisningen", 1),
            ("fagergård", 2),
            ("medlemsavgift", 4),
            ("skola", 9),
            ("mat", 3),
            ("far", 7),
            ("gängkriminalitet", 2),
            ("kriminell", 2),
        ]);
        assert_eq!(
            fix(&l, "kriminalitet", false),
            Some(Fix::Suffix(vec!["gängkriminalitet".into()]))
        );
        assert_eq!(
            fix(&l, "årsred", true),
            Some(Fix::Prefix(vec!["årsredovisning".into()]))
        );
        assert_eq!(
            fix(&l, "arsred", true),
            Some(Fix::Prefix(vec!["årsredovisning".into()])),
            "a prefix without diacritics"
        );
        assert_eq!(fix(&l, "årsred", false), None, "only the last word");
        assert_eq!(
            fix(&l, "fagergard", false),
            Some(Fix::Variant(vec!["fagergård".into()]))
        );
        assert!(matches!(fix(&l, "skolmat", false), Some(Fix::Split(p)) if p.len() == 2));
        assert_eq!(
            fix(&l, "medlemsavgit", false),
            Some(Fix::Typo(vec!["medlemsavgift".into()]))
        );
        assert_eq!(fix(&l, "zzz", false), None);
        let l = lexicon(&[("skola", 3), ("mat", 1), ("skolmatsal", 1)]);
        assert!(
            matches!(fix(&l, "skolmat", false), Some(Fix::Split(_))),
            "a compound two edits from a word is split"
        );
    }

    #[test]
    fn get_and_starting_read_the_folded_order() {
        let l = lexicon(&[("far", 1), ("får", 1), ("fartyg", 1), ("fisk", 1)]);
        assert!(l.get("får").is_some() && l.get("fär").is_none());
        let keys: Vec<&str> = l.starting("far").iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["far", "får", "fartyg"]);
    }
}
