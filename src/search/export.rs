//! The static search export, read from the tantivy index itself (segments, term dictionaries,
//! postings, fieldnorms and stored fields; nothing is tokenized again): per (term, document) the
//! BM25 contribution tantivy would compute, quantized, in alphabetical shards, with top-K blocks for
//! common terms, result cards in buckets and filter columns. The layout is in `docs/SEARCH.md`.

use super::codec::{FNV_START, fnv1a, put_varint, run_length};
use super::documents::TYPES;
use super::schema::{DNR_BOOST, Fields, stored_text};
use crate::output::OutFile;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption, Value as _};
use tantivy::{DocSet, Index, Score, TERMINATED, TantivyDocument};

/// Where the export lives in the output: the entry file and the folder of immutable files.
pub const DIR: &str = "sok";
/// The entry file, the only one that must not be cached.
pub const ENTRY: &str = "sok/index.json";
/// Version of the export format.
pub const VERSION: u32 = 1;
/// Scores are stored as `round(score * SCALE)`.
pub const SCALE: f32 = 64.0;
/// Documents per result-card bucket.
pub const BUCKET: usize = 4;
/// Postings kept in a common term's top-K block.
pub const TOP_K: usize = 64;
/// A shard is closed once its encoded terms reach this many bytes (a few KB once gzipped).
pub const SHARD_BYTES: usize = 8 * 1024;
/// Characters of text on a result card.
pub const EXCERPT_CHARS: usize = 240;

// BM25 as tantivy 0.27 computes it (`query/bm25.rs`), in f32 like tantivy.
const K1: Score = 1.2;
const B: Score = 0.75;

/// Terms with more documents than this get files of their own (full postings and a top-K block)
/// listed in the entry, so a query fetches them in the same round trip as the shards.
pub fn common_df(num_docs: usize) -> usize {
    (num_docs / 64).max(256)
}

fn idf(doc_freq: u64, num_docs: u64) -> Score {
    let x = ((num_docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// The BM25 score tantivy gives one term of one field in one document, times the field's boost.
fn bm25(idf: Score, boost: Score, avg_fieldnorm: Score, fieldnorm_id: u8, tf: u32) -> Score {
    let weight = idf * (1.0 + K1);
    let fieldnorm = FieldNormReader::id_to_fieldnorm(fieldnorm_id) as Score;
    let norm = K1 * (1.0 - B + B * fieldnorm / avg_fieldnorm);
    let tf = tf as Score;
    weight * (tf / (tf + norm)) * boost
}

/// One document as a result card.
struct Card {
    url: String,
    title: String,
    kind: String,
    date: String,
    organ: String,
    label: String,
    dnr: Vec<String>,
    excerpt: String,
    year: Option<u64>,
}

/// Postings of one term: (export document id, summed score over the fields).
type TermPostings = Vec<(u32, Score)>;

/// Reads the index and returns every file of the export, paths relative to the output root.
///
/// `organ_names` gives the name shown for each organ id (labels only; nothing is searched in them).
pub fn export(
    index: &Index,
    organ_names: &BTreeMap<String, String>,
) -> tantivy::Result<Vec<OutFile>> {
    let fields = Fields::of(&index.schema())?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let segments = searcher.segment_readers();
    let num_docs: u64 = segments.iter().map(|s| u64::from(s.max_doc())).sum();
    // Export ids come from the stored newest-first order, not from tantivy's segment layout.
    let mut order: Vec<Vec<u32>> = Vec::new();
    for seg in segments {
        let column = seg.fast_fields().u64("order")?;
        order.push(
            (0..seg.max_doc())
                .map(|d| column.first(d).unwrap_or(0) as u32)
                .collect(),
        );
    }
    let cards = read_cards(&searcher, &fields, &order, num_docs as usize)?;

    let mut terms: BTreeMap<String, TermPostings> = BTreeMap::new();
    let mut scored: Vec<(Field, Score, &str)> = fields
        .text_fields()
        .iter()
        .map(|&(f, b)| (f, b, ""))
        .collect();
    scored.push((fields.dnr, DNR_BOOST, "#"));
    for (field, boost, prefix) in scored {
        let mut total_tokens = 0u64;
        let mut per_term: BTreeMap<Vec<u8>, Vec<(u32, u32, u8)>> = BTreeMap::new();
        for (s, seg) in segments.iter().enumerate() {
            let inverted = seg.inverted_index(field)?;
            total_tokens += inverted.total_num_tokens();
            let norms = seg.get_fieldnorms_reader(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let info = stream.value().clone();
                let list = per_term.entry(stream.key().to_vec()).or_default();
                let mut postings =
                    inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    list.push((
                        order[s][doc as usize],
                        postings.term_freq(),
                        norms.fieldnorm_id(doc),
                    ));
                    doc = postings.advance();
                }
            }
        }
        let avg = total_tokens as Score / num_docs as Score;
        for (key, list) in per_term {
            let idf = idf(list.len() as u64, num_docs);
            let key = format!("{prefix}{}", String::from_utf8_lossy(&key));
            let out = terms.entry(key).or_default();
            out.extend(
                list.into_iter()
                    .map(|(doc, tf, norm)| (doc, bm25(idf, boost, avg, norm, tf))),
            );
        }
    }
    for list in terms.values_mut() {
        list.sort_by_key(|p| p.0);
        list.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                earlier.1 += later.1;
                true
            } else {
                false
            }
        });
    }
    Ok(layout(&terms, &cards, organ_names))
}

fn read_cards(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    order: &[Vec<u32>],
    num_docs: usize,
) -> tantivy::Result<Vec<Card>> {
    let mut cards: Vec<Option<Card>> = (0..num_docs).map(|_| None).collect();
    for (s, seg) in searcher.segment_readers().iter().enumerate() {
        let store = seg.get_store_reader(16)?;
        for doc in 0..seg.max_doc() {
            let d: TantivyDocument = store.get(doc)?;
            let text = |f: Field| stored_text(&d, f);
            let decision = text(fields.decision);
            let body = if decision.trim().is_empty() {
                text(fields.text)
            } else {
                decision
            };
            cards[order[s][doc as usize] as usize] = Some(Card {
                url: text(fields.url),
                title: text(fields.title),
                kind: text(fields.kind),
                date: text(fields.date),
                organ: text(fields.organ),
                label: text(fields.label),
                dnr: d
                    .get_all(fields.dnr)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                excerpt: excerpt(&body, EXCERPT_CHARS),
                year: d.get_first(fields.year).and_then(|v| v.as_u64()),
            });
        }
    }
    cards
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            c.ok_or_else(|| {
                tantivy::TantivyError::InternalError(format!("no document has order {i}"))
            })
        })
        .collect()
}

/// The first `max` characters of `text` on one line, cut at a word boundary.
pub fn excerpt(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |c| c.0);
    format!("{cut} …")
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

/// The top-K block: the term's document frequency, then the best postings by quantized score
/// (ties: newest first), docs absolute.
fn encode_top(list: &[(u32, Score)]) -> Vec<u8> {
    let mut best: Vec<(u32, u64)> = list.iter().map(|&(d, s)| (d, quantize(s))).collect();
    best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    best.truncate(TOP_K);
    let mut out = Vec::new();
    put_varint(&mut out, list.len() as u64);
    put_varint(&mut out, best.len() as u64);
    for &(d, _) in &best {
        put_varint(&mut out, u64::from(d));
    }
    for &(_, s) in &best {
        put_varint(&mut out, s);
    }
    out
}

/// The term files: shards in key order (and their boundaries), and each common term's full
/// postings and top-K block (and the list of common terms).
struct TermFiles {
    files: Vec<(String, Vec<u8>)>,
    shards: Vec<String>,
    common: Vec<String>,
}

fn term_files(terms: &BTreeMap<String, TermPostings>, num_docs: usize) -> TermFiles {
    let common_min = common_df(num_docs);
    let mut out = TermFiles {
        files: Vec::new(),
        shards: Vec::new(),
        common: Vec::new(),
    };
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
    for (key, list) in terms {
        if list.len() > common_min {
            let i = out.common.len();
            out.common.push(key.clone());
            let mut full = Vec::new();
            put_varint(&mut full, list.len() as u64);
            encode_postings(&mut full, list);
            out.files.push((format!("p/{i}.bin"), full));
            out.files.push((format!("t/{i}.bin"), encode_top(list)));
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
        put_varint(&mut body, list.len() as u64);
        encode_postings(&mut body, list);
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

fn layout(
    terms: &BTreeMap<String, TermPostings>,
    cards: &[Card],
    organ_names: &BTreeMap<String, String>,
) -> Vec<OutFile> {
    let num_docs = cards.len();
    let TermFiles {
        mut files,
        shards,
        common,
    } = term_files(terms, num_docs);

    // Filter columns: 0 = none, else 1 + the index in the entry's list.
    let organs: Vec<&str> = sorted_unique(cards.iter().map(|c| c.organ.as_str()));
    let mut years: Vec<u64> = cards.iter().filter_map(|c| c.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let index_of = |list: &[&str], v: &str| {
        list.iter()
            .position(|x| *x == v)
            .map_or(0, |i| i as u32 + 1)
    };
    let type_keys: Vec<&str> = TYPES.iter().map(|t| t.0).collect();
    let organ_col: Vec<u32> = cards.iter().map(|c| index_of(&organs, &c.organ)).collect();
    let type_col: Vec<u32> = cards
        .iter()
        .map(|c| index_of(&type_keys, &c.kind))
        .collect();
    let year_col: Vec<u32> = cards
        .iter()
        .map(|c| {
            c.year
                .and_then(|y| years.iter().position(|x| *x == y))
                .map_or(0, |i| i as u32 + 1)
        })
        .collect();
    files.push(("f/organ.bin".into(), run_length(&organ_col)));
    files.push(("f/type.bin".into(), run_length(&type_col)));
    files.push(("f/year.bin".into(), run_length(&year_col)));

    for (b, chunk) in cards.chunks(BUCKET).enumerate() {
        let list: Vec<Value> = chunk.iter().map(|c| json!({
            "u": c.url, "t": c.title, "k": c.kind, "d": c.date, "o": c.organ, "l": c.label, "n": c.dnr, "x": c.excerpt,
        })).collect();
        files.push((
            format!("c/{b}.json"),
            serde_json::to_vec(&list).unwrap_or_default(),
        ));
    }

    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hash = FNV_START;
    for (path, bytes) in &files {
        hash = fnv1a(hash, path.as_bytes());
        hash = fnv1a(hash, &(bytes.len() as u64).to_le_bytes());
        hash = fnv1a(hash, bytes);
    }
    let generation = format!("{:012x}", hash & 0xffff_ffff_ffff);
    let entry = json!({
        "version": VERSION,
        "base": format!("/{DIR}/{generation}/"),
        "docs": num_docs,
        "scale": SCALE,
        "bucket": BUCKET,
        "top_k": TOP_K,
        "shards": shards,
        "common": common,
        "organs": organs.iter().map(|o| json!([o, organ_names.get(*o).map_or(*o, String::as_str)])).collect::<Vec<_>>(),
        "years": years,
        "types": TYPES.iter().map(|t| json!([t.0, t.1])).collect::<Vec<_>>(),
        "stop_words": super::schema::STOP_WORDS,
    });
    let mut out: Vec<OutFile> = files
        .into_iter()
        .map(|(p, b)| (PathBuf::from(format!("{DIR}/{generation}/{p}")), b))
        .collect();
    let mut entry_bytes = serde_json::to_vec(&entry).unwrap_or_default();
    entry_bytes.push(b'\n');
    out.push((PathBuf::from(ENTRY), entry_bytes));
    out
}

fn sorted_unique<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = it.filter(|s| !s.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn common_prefix(a: &str, b: &str) -> usize {
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
    fn idf_and_bm25_follow_tantivy() {
        // log(1 + (N - n + 0.5) / (n + 0.5)) with N = 2, n = 1 is ln 2 (tantivy's own test).
        assert!((idf(1, 2) - 2f32.ln()).abs() < 1e-6);
        // A term once in a field of average length: (K1 + 1) * idf * 1 / (1 + K1).
        let id = tantivy::fieldnorm::FieldNormReader::fieldnorm_to_id(10);
        assert!((bm25(2.0, 1.0, 10.0, id, 1) - 2.0).abs() < 1e-5);
    }
}
