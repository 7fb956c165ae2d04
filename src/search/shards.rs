//! The term files of the static export: each key's postings in alphabetical shards of a few KB
//! (the documents with the key as a whole word, scored with its parts too, then the documents
//! with it only as a compound part), common keys in files of their own with a top-K block, and a
//! large site's lexicon in shards sorted by folded key. `docs/SEARCH.md` has the layout.

use super::codec::put_varint;
use super::lexicon::Entry;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::Score;

/// Scores are stored as `round(score * SCALE)`.
pub const SCALE: f32 = 64.0;
/// Postings kept in a common term's top-K block.
pub const TOP_K: usize = 64;
/// A shard is closed once its encoded terms reach this many bytes (a few KB once gzipped).
pub const SHARD_BYTES: usize = 8 * 1024;
/// A lexicon shard is closed once it reaches this many bytes.
pub const LEXICON_BYTES: usize = 8 * 1024;

/// Postings of one key: (export document id, summed score over the fields), by document.
pub type TermPostings = Vec<(u32, Score)>;

/// Terms with more documents than this get files of their own (full postings and a top-K block)
/// listed in the entry, so a query fetches them in the same round trip as the shards.
pub fn common_df(num_docs: usize) -> usize {
    (num_docs / 64).max(256)
}

fn quantize(score: Score) -> u64 {
    (score * SCALE).round() as u64
}

/// Docs as deltas, then quantized scores: the encoding of one posting list.
fn encode_postings(out: &mut Vec<u8>, list: &[(u32, Score)]) {
    let mut prev = 0u32;
    for (i, &(doc, _)) in list.iter().enumerate() {
        put_varint(out, u64::from(if i == 0 { doc } else { doc - prev }));
        prev = doc;
    }
    for &(_, s) in list {
        put_varint(out, quantize(s));
    }
}

fn full(list: &[(u32, Score)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, list.len() as u64);
    encode_postings(&mut out, list);
    out
}

/// The top-K block: the key's document frequency (whole and part), then the best postings of
/// both lists by quantized score (ties: newest first), docs absolute, then 1 for each that is
/// a part only.
fn encode_top(main: &[(u32, Score)], part_only: &[(u32, Score)]) -> Vec<u8> {
    let mut best: Vec<(u32, u64, u64)> = main
        .iter()
        .map(|&(d, s)| (d, quantize(s), 0))
        .chain(part_only.iter().map(|&(d, s)| (d, quantize(s), 1)))
        .collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    best.truncate(TOP_K);
    let mut out = Vec::new();
    put_varint(&mut out, (main.len() + part_only.len()) as u64);
    put_varint(&mut out, best.len() as u64);
    for &(d, ..) in &best {
        put_varint(&mut out, u64::from(d));
    }
    for &(_, s, _) in &best {
        put_varint(&mut out, s);
    }
    for &(.., p) in &best {
        put_varint(&mut out, p);
    }
    out
}

/// A key's two lists: documents with it as a whole word (their part scores added), and
/// documents with it only as a part.
fn lists(whole: &[(u32, Score)], parts: &[(u32, Score)]) -> (TermPostings, TermPostings) {
    let mut main = Vec::with_capacity(whole.len());
    let mut part_only = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < whole.len() || j < parts.len() {
        match (whole.get(i), parts.get(j)) {
            (Some(&(d, w)), Some(&(e, p))) if d == e => {
                main.push((d, w + p));
                i += 1;
                j += 1;
            }
            (Some(&(d, w)), Some(&(e, _))) if d < e => {
                main.push((d, w));
                i += 1;
            }
            (Some(&(d, w)), None) => {
                main.push((d, w));
                i += 1;
            }
            (_, Some(&(e, p))) => {
                part_only.push((e, p));
                j += 1;
            }
            (None, None) => unreachable!(),
        }
    }
    (main, part_only)
}

/// The term files and what the entry lists about them.
pub struct TermFiles {
    /// (path under the generation folder, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// The smallest key of each shard.
    pub shards: Vec<String>,
    /// Keys whose whole-word postings have files of their own (`p/<i>.bin`, `t/<i>.bin`).
    pub common: Vec<String>,
    /// Common keys that are also parts only somewhere: those postings are in `q/<i>.bin`.
    pub parts: Vec<String>,
}

/// Shards of every key in key order with its two lists (see [`lists`]) from its whole-word and
/// part postings; keys in more than [`common_df`] documents in files of their own.
pub fn term_files(
    whole: &BTreeMap<String, TermPostings>,
    parts: &BTreeMap<String, TermPostings>,
    num_docs: usize,
) -> TermFiles {
    let common_min = common_df(num_docs);
    let mut out = TermFiles {
        files: Vec::new(),
        shards: Vec::new(),
        common: Vec::new(),
        parts: Vec::new(),
    };
    let none: TermPostings = Vec::new();
    let keys: BTreeSet<&String> = whole.keys().chain(parts.keys()).collect();
    let mut body = Vec::new();
    let mut count = 0u64;
    let mut prev_key = "";
    let mut last_of_previous: Option<&str> = None;
    let flush = |body: &mut Vec<u8>, count: &mut u64, out: &mut TermFiles| {
        let mut shard = Vec::new();
        put_varint(&mut shard, *count);
        shard.append(body);
        let n = out.shards.len() - 1;
        out.files.push((format!("s/{n}.bin"), shard));
        *count = 0;
    };
    for key in keys {
        let (main, part_only) = lists(
            whole.get(key).unwrap_or(&none),
            parts.get(key).unwrap_or(&none),
        );
        if main.len() + part_only.len() > common_min {
            let i = out.common.len();
            out.common.push(key.clone());
            out.files.push((format!("p/{i}.bin"), full(&main)));
            out.files
                .push((format!("t/{i}.bin"), encode_top(&main, &part_only)));
            if !part_only.is_empty() {
                let j = out.parts.len();
                out.parts.push(key.clone());
                out.files.push((format!("q/{j}.bin"), full(&part_only)));
            }
            continue;
        }
        if count == 0 {
            out.shards.push(boundary(last_of_previous, key));
            prev_key = "";
        }
        let shared = common_prefix(prev_key, key);
        put_varint(&mut body, shared as u64);
        put_varint(&mut body, (key.len() - shared) as u64);
        body.extend_from_slice(&key.as_bytes()[shared..]);
        put_varint(&mut body, main.len() as u64);
        encode_postings(&mut body, &main);
        put_varint(&mut body, part_only.len() as u64);
        encode_postings(&mut body, &part_only);
        count += 1;
        prev_key = key;
        last_of_previous = Some(key);
        if body.len() >= SHARD_BYTES {
            flush(&mut body, &mut count, &mut out);
        }
    }
    if count > 0 {
        flush(&mut body, &mut count, &mut out);
    }
    out
}

/// The lexicon files, in `dir` (`l` in folded order, `r` in reversed folded order), and the
/// sort key (`folded` or its reverse) of each one's first entry. A run of entries with the same
/// sort key is never cut, so a prefix of sort keys is found from the boundaries.
pub fn lexicon_files(
    dir: &str,
    entries: &[&Entry],
    sort_key: impl Fn(&Entry) -> String,
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut files = Vec::new();
    let mut bounds: Vec<String> = Vec::new();
    let mut body = Vec::new();
    let mut count = 0u64;
    let mut prev = "";
    let mut flush = |body: &mut Vec<u8>, count: &mut u64| {
        let mut shard = Vec::new();
        put_varint(&mut shard, *count);
        shard.append(body);
        files.push((format!("{dir}/{}.bin", files.len()), shard));
        *count = 0;
    };
    for (i, e) in entries.iter().enumerate() {
        let key = sort_key(e);
        if count == 0 {
            bounds.push(key.clone());
            prev = "";
        }
        let shared = common_prefix(prev, &e.key);
        put_varint(&mut body, shared as u64);
        put_varint(&mut body, (e.key.len() - shared) as u64);
        body.extend_from_slice(&e.key.as_bytes()[shared..]);
        put_varint(&mut body, u64::from(e.whole) | (u64::from(e.part) << 1));
        put_varint(&mut body, e.weight);
        count += 1;
        prev = &e.key;
        let next_differs = entries.get(i + 1).is_none_or(|n| sort_key(n) != key);
        if body.len() >= LEXICON_BYTES && next_differs {
            flush(&mut body, &mut count);
        }
    }
    if count > 0 {
        flush(&mut body, &mut count);
    }
    (files, bounds)
}

/// Bytes `a` and `b` share at their start, in whole characters.
pub fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.char_indices().zip(b.chars()) {
        if x.1 != y {
            break;
        }
        n = x.0 + x.1.len_utf8();
    }
    n
}

/// The shortest prefix of `first` (a shard's first key) that sorts after `last` (the previous
/// shard's last key): a query term belongs to the last shard whose boundary is ≤ it.
fn boundary(last: Option<&str>, first: &str) -> String {
    let Some(last) = last else {
        return String::new();
    };
    let mut end = 0;
    for (i, c) in first.char_indices() {
        end = i + c.len_utf8();
        if &first[..end] > last {
            break;
        }
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_is_the_shortest_prefix_after_the_previous_shard() {
        assert_eq!(boundary(None, "abc"), "");
        assert_eq!(boundary(Some("skola"), "skolmat"), "skolm");
        assert_eq!(boundary(Some("ort"), "skolmat"), "s");
        assert_eq!(boundary(Some("är"), "ärende"), "äre");
    }

    #[test]
    fn common_prefix_counts_whole_characters_in_bytes() {
        assert_eq!(common_prefix("ärende", "ärr"), "är".len());
        assert_eq!(common_prefix("å", "ä"), 0);
    }

    #[test]
    fn part_postings_follow_the_whole_ones_and_common_keys_get_files() {
        let mut whole = BTreeMap::new();
        let mut parts = BTreeMap::new();
        whole.insert("avgift".to_string(), vec![(1, 1.0), (2, 0.5)]);
        parts.insert("avgift".to_string(), vec![(2, 0.25), (3, 0.25)]);
        parts.insert("kriminalitet".to_string(), vec![(4, 2.0)]);
        whole.insert("och".to_string(), (0..300).map(|d| (d, 0.1)).collect());
        parts.insert("och".to_string(), vec![(300, 1.0)]);
        let t = term_files(&whole, &parts, 300);
        assert_eq!(t.common, ["och"]);
        assert_eq!(
            t.parts,
            ["och"],
            "a common key's part-only postings have a file"
        );
        assert_eq!(t.shards, [""]);
        let shard = &t.files.iter().find(|f| f.0 == "s/0.bin").unwrap().1;
        // 2 keys; avgift: no shared prefix, 6 bytes; docs 1 and 2 (gap 1) scored 1 and 0.75
        // (64, 48); one part only: doc 3 scored 0.25 (16).
        assert_eq!(
            shard[..14],
            [2, 0, 6, b'a', b'v', b'g', b'i', b'f', b't', 2, 1, 1, 64, 48]
        );
        assert_eq!(shard[14..17], [1, 3, 16]);
    }
}
