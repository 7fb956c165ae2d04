//! The words of a query, as both engines read them (`engine.js` has the same rule): Unicode NFC,
//! cut at whitespace; a word may be a case number (`2020-26`, `Dnr 2020/26`), a party code in
//! parentheses (`(C)`), or text whose tokens are matched by their stems. Also the helpers of the
//! fallbacks: diacritic folding and the edit distance of the typo rule.

use super::schema::{STOP_WORDS, Stemming, tokens};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words that only say "case number"; left out when the query has a case number.
pub const DNR_MARKERS: &[&str] = &[
    "dnr",
    "diarienummer",
    "diarienumret",
    "diarienr",
    "ärende",
    "ärendet",
    "ärendenummer",
];

/// One token of a word: as typed (lower case) and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The token, lower case.
    pub token: String,
    /// Its Swedish stem, as the index has it.
    pub stem: String,
}

/// One whitespace-separated word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as typed (NFC).
    pub text: String,
    /// The case-number key (see [`dnr_key`]) when the word is written like one.
    pub dnr: Option<String>,
    /// The party code (lower case) when the word is a known code in parentheses.
    pub party: Option<String>,
    /// Its tokens and their stems (none for a party word).
    pub slots: Vec<Slot>,
}

/// Whether `text` is in Unicode NFC for sure (the quick check).
pub fn is_nfc(text: &str) -> bool {
    unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
}

/// `text` in Unicode NFC.
pub fn nfc(text: &str) -> String {
    if is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// `text` without diacritics: decomposed, combining marks dropped (`fagergård` → `fagergard`).
pub fn fold(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

/// The key a case number is matched by: its runs of letters and digits, lower case, numbers
/// without leading zeros, joined by `/` (`2020-26`, `Dnr 2020/26` and `2020/026` → `2020/26`).
/// `None` unless it has a digit and at least two runs.
pub fn dnr_key(text: &str) -> Option<String> {
    let runs: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|r| !r.is_empty())
        .map(|r| {
            if r.chars().all(|c| c.is_ascii_digit()) {
                let t = r.trim_start_matches('0');
                if t.is_empty() { "0" } else { t }.to_string()
            } else {
                r.to_lowercase()
            }
        })
        .collect();
    let has_digit = runs.iter().any(|r| r.chars().any(|c| c.is_ascii_digit()));
    (runs.len() >= 2 && has_digit).then(|| runs.join("/"))
}

/// The keys a document's case number `dnr` is found by: its [`dnr_key`], and the same without
/// a leading series of letters (`KS 2019/0183` also as `2019/183`).
pub fn dnr_keys(dnr: &str) -> Vec<String> {
    let mut out: Vec<String> = dnr_key(dnr).into_iter().collect();
    let digits_from = dnr.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    if let Some(k) = dnr_key(&dnr[digits_from..]).filter(|k| !out.contains(k)) {
        out.push(k);
    }
    out
}

fn is_stop(tokens: &[String]) -> bool {
    !tokens.is_empty() && tokens.iter().all(|t| STOP_WORDS.contains(&t.as_str()))
}

/// A party code in parentheses (`(C)`, `(KD),`): the code in lower case if `parties` has it.
fn party_code(word: &str, parties: &[String]) -> Option<String> {
    let w = word.trim_end_matches([',', '.', ';', ':']);
    let inner = w.strip_prefix('(')?.strip_suffix(')')?;
    let code = inner.trim().to_lowercase();
    (!code.is_empty() && code.chars().all(char::is_alphabetic) && parties.contains(&code))
        .then_some(code)
}

/// The words of `query`. Words without any token are dropped; so are stop words (`i`, `och` …)
/// unless nothing else remains, and words like `Dnr` or `diarienummer` when a case number
/// follows. `parties` are the party codes of the site, lower case.
pub fn words(query: &str, parties: &[String], stemming: &mut Stemming) -> Vec<Word> {
    let query = nfc(query);
    let mut all: Vec<(Word, bool, bool)> = Vec::new();
    for raw in query.split_whitespace() {
        if let Some(code) = party_code(raw, parties) {
            let word = Word {
                text: raw.to_string(),
                dnr: None,
                party: Some(code),
                slots: Vec::new(),
            };
            all.push((word, false, false));
            continue;
        }
        let toks = tokens(raw);
        if toks.is_empty() {
            continue;
        }
        let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let dnr = trimmed
            .contains(['/', '-', '.', ':'])
            .then(|| dnr_key(trimmed))
            .flatten();
        let marker = DNR_MARKERS.contains(&trimmed.to_lowercase().as_str());
        let stop = is_stop(&toks);
        let slots = toks
            .into_iter()
            .map(|t| Slot {
                stem: stemming.stem(&t),
                token: t,
            })
            .collect();
        let word = Word {
            text: raw.to_string(),
            dnr,
            party: None,
            slots,
        };
        all.push((word, stop, marker));
    }
    let has_dnr = all.iter().any(|(w, _, _)| w.dnr.is_some());
    all.retain(|(_, _, marker)| !(has_dnr && *marker));
    let only_stop = all.iter().all(|(_, stop, _)| *stop);
    all.into_iter()
        .filter(|(_, stop, _)| only_stop || !stop)
        .map(|(w, _, _)| w)
        .collect()
}

/// The optimal string alignment distance of `a` and `b` (insertions, deletions, substitutions
/// and swaps of two neighbours each cost 1), counted in characters; `None` when above `max`.
pub fn distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Vec<Word> {
        words(q, &["c".into(), "kd".into()], &mut Stemming::new())
    }

    #[test]
    fn case_numbers_in_every_usual_form_give_one_key() {
        for q in ["2020/26", "2020-26", "2020/026", "(2020/26),", "2020.26"] {
            assert_eq!(parse(q)[0].dnr.as_deref(), Some("2020/26"), "{q}");
        }
        assert_eq!(dnr_keys("KS 2019/0183"), ["ks/2019/183", "2019/183"]);
        assert_eq!(dnr_key("2024"), None);
        assert_eq!(parse("Nybro")[0].dnr, None);
    }

    #[test]
    fn markers_go_when_a_case_number_follows() {
        let w = parse("Dnr 2020/26");
        assert_eq!(w.len(), 1);
        assert_eq!(parse("diarienummer 2024/12").len(), 1);
        assert_eq!(parse("diarienummer").len(), 1, "alone it is a word");
    }

    #[test]
    fn a_known_party_code_in_parentheses_is_a_party_word() {
        assert_eq!(parse("(C)")[0].party.as_deref(), Some("c"));
        assert_eq!(parse("Peter Karlsson (C),")[2].party.as_deref(), Some("c"));
        assert_eq!(parse("(X)")[0].party, None, "not a party of the site");
        assert_eq!(parse("(X)")[0].slots[0].token, "x");
    }

    #[test]
    fn stop_words_are_left_out_unless_there_is_nothing_else() {
        let w = parse("ersättaren i Nybro");
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].slots[0].token, "nybro");
        assert_eq!(parse("och i").len(), 2);
    }

    #[test]
    fn decomposed_text_is_read_as_composed() {
        let nfd: String = "Fagergård".nfd().collect();
        assert_ne!(nfd, "Fagergård");
        assert_eq!(parse(&nfd)[0].slots, parse("Fagergård")[0].slots);
    }

    #[test]
    fn folding_drops_diacritics_only() {
        assert_eq!(fold("fagergård"), "fagergard");
        assert_eq!(fold("åäöéü"), "aaoeu");
        assert_eq!(fold("far"), "far");
    }

    #[test]
    fn distance_counts_edits_and_swaps() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            distance(&c("medlemsavgit"), &c("medlemsavgift"), 2),
            Some(1)
        );
        assert_eq!(distance(&c("tjänts"), &c("tjänst"), 2), Some(1));
        assert_eq!(distance(&c("abc"), &c("abc"), 0), Some(0));
        assert_eq!(distance(&c("kitten"), &c("sitting"), 2), None);
        assert_eq!(distance(&c("kitten"), &c("sitting"), 3), Some(3));
    }
}
