//! The static search export, read from the tantivy index itself (segments, term dictionaries,
//! postings, fieldnorms and stored fields; nothing is tokenized again): per (key, document) the
//! BM25 contribution tantivy would compute, quantized, for whole words and for compound parts,
//! in alphabetical shards with top-K blocks for common keys (`shards.rs`), the lexicon of the
//! fallbacks, result cards in buckets and filter columns. The layout is in `docs/SEARCH.md`.

use super::codec::{FNV_START, fnv1a, run_length};
use super::documents::TYPES;
use super::lexicon::{Entry, Lexicon, reverse};
use super::query::parties;
use super::schema::{Fields, KEY_BOOST, OWN_BOOST, stored_text};
use super::shards::{SCALE, TOP_K, TermFiles, TermPostings, lexicon_files, term_files};
use super::stats::average;
use crate::output::OutFile;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption, Value as _};
use tantivy::{DocSet, Index, Score, TERMINATED, TantivyDocument};

/// The folder of the export's immutable files, one sub-folder per generation; a host can cache
/// everything under it for ever (the theme's `_headers` says so).
pub const DIR: &str = "sok/export";
/// The entry file, the only one that must not be cached.
pub const ENTRY: &str = "sok/index.json";
/// Version of the export format.
pub const VERSION: u32 = 3;
/// A lexicon of at most this many words goes in the entry (about 27 KB gzipped at the real
/// site's 4.5 bytes a word); a larger one in shards (see [`lexicon_keys`]).
pub const ENTRY_WORDS: usize = 6_000;
/// Documents per result-card bucket.
pub const BUCKET: usize = 4;
/// Characters of text on a result card.
pub const EXCERPT_CHARS: usize = 240;

// BM25 as tantivy 0.27 computes it (`query/bm25.rs`), in f32 like tantivy.
const K1: Score = 1.2;
const B: Score = 0.75;

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

/// How a field's terms become keys of the export: whole words, compound parts, or the keys of the
/// `keys` and `own` fields (`dnr:2020/26` → `#2020/26`, `parti:c` → `@c`).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Whole,
    Part,
    Key,
}

fn export_key(kind: Kind, term: &str) -> Option<String> {
    match kind {
        Kind::Whole | Kind::Part => Some(term.to_string()),
        Kind::Key => term
            .strip_prefix("dnr:")
            .map(|d| format!("#{d}"))
            .or_else(|| term.strip_prefix("parti:").map(|p| format!("@{p}"))),
    }
}

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

    let mut whole: BTreeMap<String, TermPostings> = BTreeMap::new();
    let mut parts: BTreeMap<String, TermPostings> = BTreeMap::new();
    let mut scored: Vec<(Field, Score, Kind)> = fields
        .text_fields()
        .iter()
        .map(|&(f, b)| (f, b, Kind::Whole))
        .collect();
    scored.extend(
        fields
            .part_fields()
            .iter()
            .map(|&(f, b)| (f, b, Kind::Part)),
    );
    scored.push((fields.keys, KEY_BOOST, Kind::Key));
    scored.push((fields.own, OWN_BOOST, Kind::Key));
    for (field, boost, kind) in scored {
        let mut total_tokens = 0u64;
        let mut with_field = 0u64;
        let mut per_term: BTreeMap<Vec<u8>, Vec<(u32, u32, u8)>> = BTreeMap::new();
        for (s, seg) in segments.iter().enumerate() {
            let inverted = seg.inverted_index(field)?;
            total_tokens += inverted.total_num_tokens();
            let norms = seg.get_fieldnorms_reader(field)?;
            with_field += (0..seg.max_doc())
                .filter(|&d| norms.fieldnorm_id(d) != 0)
                .count() as u64;
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
        let avg = average(total_tokens, num_docs, with_field);
        let target = if kind == Kind::Part {
            &mut parts
        } else {
            &mut whole
        };
        for (key, list) in per_term {
            let idf = idf(list.len() as u64, num_docs);
            let Some(key) = export_key(kind, &String::from_utf8_lossy(&key)) else {
                continue;
            };
            let out = target.entry(key).or_default();
            out.extend(
                list.into_iter()
                    .map(|(doc, tf, norm)| (doc, bm25(idf, boost, avg, norm, tf))),
            );
        }
    }
    for list in whole.values_mut().chain(parts.values_mut()) {
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
    let extra = Extra {
        lexicon: Lexicon::read(&searcher, &fields)?,
        parties: parties(&searcher, &fields)?,
    };
    Ok(layout(&whole, &parts, &cards, organ_names, &extra))
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

/// What the entry says beyond the terms: the lexicon of the fallbacks and the party codes.
struct Extra {
    lexicon: Lexicon,
    parties: Vec<String>,
}

fn layout(
    whole: &BTreeMap<String, TermPostings>,
    parts: &BTreeMap<String, TermPostings>,
    cards: &[Card],
    organ_names: &BTreeMap<String, String>,
    extra: &Extra,
) -> Vec<OutFile> {
    let num_docs = cards.len();
    let TermFiles {
        mut files,
        shards,
        common,
        parts: external_parts,
    } = term_files(whole, parts, num_docs);
    let lexicon = lexicon_keys(&extra.lexicon, &mut files);

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
        let list: Vec<Value> = chunk
            .iter()
            .map(|c| {
                json!({
                    "u": c.url, "t": c.title, "k": c.kind, "d": c.date, "o": c.organ,
                    "l": c.label, "n": c.dnr, "x": c.excerpt,
                })
            })
            .collect();
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
    let mut entry = json!({
        "version": VERSION,
        "base": format!("/{DIR}/{generation}/"),
        "docs": num_docs,
        "scale": SCALE,
        "bucket": BUCKET,
        "top_k": TOP_K,
        "shards": shards,
        "common": common,
        "parts": external_parts,
        "parties": extra.parties,
        "organs": organs
            .iter()
            .map(|o| json!([o, organ_names.get(*o).map_or(*o, String::as_str)]))
            .collect::<Vec<_>>(),
        "years": years,
        "types": TYPES.iter().map(|t| json!([t.0, t.1])).collect::<Vec<_>>(),
        "stop_words": super::schema::STOP_WORDS,
    });
    if let Value::Object(keys) = &mut entry {
        keys.extend(lexicon);
    }
    let mut out: Vec<OutFile> = files
        .into_iter()
        .map(|(p, b)| (PathBuf::from(format!("{DIR}/{generation}/{p}")), b))
        .collect();
    let mut entry_bytes = serde_json::to_vec(&entry).unwrap_or_default();
    entry_bytes.push(b'\n');
    out.push((PathBuf::from(ENTRY), entry_bytes));
    out
}

/// The entry's keys for the lexicon of the fallbacks. Up to [`ENTRY_WORDS`] words, the words
/// themselves (`words`, `weights`): the browser then finds the words a fallback needs before its
/// second round trip and fetches them with the query's own, three round trips for every query. A
/// larger vocabulary (a big site's) would make every search pay for it, so it goes in shards
/// (`l/` in folded order, `r/` in reversed folded order, added to `files`) that only a query with
/// a word the site lacks fetches, one round trip more; the entry has their boundaries
/// (`lexicon`, `reversed`).
fn lexicon_keys(
    lex: &Lexicon,
    files: &mut Vec<(String, Vec<u8>)>,
) -> serde_json::Map<String, Value> {
    let mut keys = serde_json::Map::new();
    if lex.entries.len() <= ENTRY_WORDS {
        let words: Vec<&str> = lex.entries.iter().map(|e| e.key.as_str()).collect();
        let weights: Vec<u64> = lex
            .entries
            .iter()
            .map(|e| e.weight * 4 + u64::from(e.whole) + (u64::from(e.part) << 1))
            .collect();
        keys.insert("words".into(), json!(words.join(" ")));
        keys.insert("weights".into(), json!(weights));
        return keys;
    }
    let in_order: Vec<&Entry> = lex.entries.iter().collect();
    let (shards, bounds) = lexicon_files("l", &in_order, |e| e.folded.clone());
    files.extend(shards);
    let in_reverse: Vec<&Entry> = lex.reversed.iter().map(|&i| &lex.entries[i]).collect();
    let (shards, reversed) = lexicon_files("r", &in_reverse, |e| reverse(&e.folded));
    files.extend(shards);
    keys.insert("lexicon".into(), json!(bounds));
    keys.insert("reversed".into(), json!(reversed));
    keys
}

fn sorted_unique<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = it.filter(|s| !s.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon_of(n: usize) -> Lexicon {
        let entries: Vec<Entry> = (0..n)
            .map(|i| Entry {
                key: format!("ord{i:05}"),
                folded: format!("ord{i:05}"),
                whole: true,
                part: false,
                weight: 1,
            })
            .collect();
        let mut reversed: Vec<usize> = (0..n).collect();
        reversed.sort_by_key(|&i| reverse(&entries[i].folded));
        Lexicon { entries, reversed }
    }

    #[test]
    fn a_lexicon_goes_in_the_entry_up_to_its_bound_and_in_shards_beyond() {
        let mut files = Vec::new();
        let keys = lexicon_keys(&lexicon_of(ENTRY_WORDS), &mut files);
        assert!(keys.contains_key("words") && !keys.contains_key("lexicon"));
        assert!(files.is_empty());
        let keys = lexicon_keys(&lexicon_of(ENTRY_WORDS + 1), &mut files);
        assert!(!keys.contains_key("words") && !keys.contains_key("weights"));
        let shards = |dir: &str| files.iter().filter(|f| f.0.starts_with(dir)).count();
        let bounds = |k: &str| keys[k].as_array().map_or(0, Vec::len);
        assert!(shards("l/") > 1 && shards("l/") == bounds("lexicon"));
        assert!(shards("r/") > 1 && shards("r/") == bounds("reversed"));
    }

    #[test]
    fn keys_of_the_key_fields_become_hash_and_at_keys() {
        assert_eq!(
            export_key(Kind::Key, "dnr:2020/26").as_deref(),
            Some("#2020/26")
        );
        assert_eq!(export_key(Kind::Key, "parti:c").as_deref(), Some("@c"));
        assert_eq!(export_key(Kind::Key, "other"), None);
        assert_eq!(export_key(Kind::Part, "avgift").as_deref(), Some("avgift"));
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
