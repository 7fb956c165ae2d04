//! Queries: how a resident's words become tantivy queries (the browser client implements the
//! same rule over the static export, see docs/SEARCH.md), and the ranked, filtered hits.
//!
//! A word matches a document by its case-number key, its party key, or every one of its stems,
//! each as a whole word or as a part of a compound (`avgift` in `medlemsavgift`, weighing
//! `PART_WEIGHT` of the whole word). The score is tantivy's: BM25 summed over the matching
//! terms, each field boosted. Results come in tiers, each below the one before:
//! 1. every word matches (labelled `exact`, or `part` when a word matched only as a part);
//! 2. **fallback**: when a word is not in the index at all, it is replaced as [`Lexicon::fix`]
//!    says (prefix, diacritics, compound head, split, typo);
//! 3. **partial**: when nothing else matched, the documents matching most of the words.

use super::compound::Part;
use super::lexicon::{Fix, Lexicon};
use super::schema::{Fields, KEY_BOOST, OWN_BOOST, Stemming, stored_text};
use super::stats::Statistics;
use super::words::{Word, words};
use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, Score, Searcher, TantivyDocument, Term};

/// Restrictions on the results; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Organ id.
    pub organ: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Type key (`beslut`, `paragraf`, `punkt`, `mote`, `arende`, `dokument`, `rapport`,
    /// `person`, `parti`, `kommun`).
    pub kind: Option<String>,
}

/// How a word of the query that the index lacks was read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Note {
    /// The word's token as typed (lower case).
    pub word: String,
    /// `prefix`, `variant`, `split`, `typo`, or `missing` (nothing found for it).
    pub kind: String,
    /// The words of the index it stands for.
    pub words: Vec<String>,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Site-relative URL of the exact page.
    pub url: String,
    /// Title.
    pub title: String,
    /// Type key.
    #[serde(rename = "type")]
    pub kind: String,
    /// `YYYY-MM-DD`, or empty.
    pub date: String,
    /// Organ id, or empty.
    pub organ: String,
    /// "§ 28", or empty.
    pub label: String,
    /// Case numbers.
    pub dnr: Vec<String>,
    /// tantivy's score within its tier.
    pub score: Score,
    /// A fragment of the text as HTML, matched words in `<mark>`.
    pub snippet: String,
    /// How it matched: `exact` (every word whole), `part` (a word only as a compound part),
    /// `fallback` (a word the index lacks was replaced) or `partial` (not every word).
    #[serde(rename = "match")]
    pub tier: &'static str,
    /// How many of the query's words it matches (all but in the partial tier).
    pub matched: usize,
    /// How the words the index lacks were read (the same for every hit).
    pub notes: Vec<Note>,
}

/// Ranked hits and how many documents matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Matching documents in all.
    pub total: usize,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
    /// How the words the index lacks were read.
    pub notes: Vec<Note>,
}

/// A word of the query with, for each of its slots, the fix when the index lacks its stem.
struct Planned {
    word: Word,
    fixes: Vec<Option<Fix>>,
    /// Whether the index has the word as it is (by key, or every stem whole or as a part).
    known: bool,
}

fn term_query(field: Field, text: &str, boost: Score) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// The clauses of one stem: its terms in the whole-word fields, and in the part fields if asked.
fn stem_clauses(f: &Fields, stem: &str, parts: bool) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = f
        .text_fields()
        .iter()
        .map(|&(field, b)| (Occur::Should, term_query(field, stem, b)))
        .collect();
    if parts {
        out.extend(
            f.part_fields()
                .iter()
                .map(|&(field, b)| (Occur::Should, term_query(field, stem, b))),
        );
    }
    out
}

fn key_clauses(f: &Fields, key: &str) -> Vec<(Occur, Box<dyn Query>)> {
    vec![
        (Occur::Should, term_query(f.keys, key, KEY_BOOST)),
        (Occur::Should, term_query(f.own, key, OWN_BOOST)),
    ]
}

fn all_parts(f: &Fields, parts: &[Part]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        parts
            .iter()
            .map(|p| {
                let q: Box<dyn Query> = Box::new(BooleanQuery::new(stem_clauses(f, &p.stem, true)));
                (Occur::Must, q)
            })
            .collect(),
    ))
}

/// The query of one word; `parts`: its stems may match as compound parts too.
fn word_query(f: &Fields, w: &Planned, parts: bool) -> Box<dyn Query> {
    let mut either: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(d) = &w.word.dnr {
        either.extend(key_clauses(f, &format!("dnr:{d}")));
    }
    if let Some(p) = &w.word.party {
        either.extend(key_clauses(f, &format!("parti:{p}")));
    }
    if !w.word.slots.is_empty() {
        let slots = w
            .word
            .slots
            .iter()
            .zip(&w.fixes)
            .map(|(slot, fix)| {
                let q: Box<dyn Query> = match fix {
                    None => Box::new(BooleanQuery::new(stem_clauses(f, &slot.stem, parts))),
                    Some(Fix::Split(p)) => all_parts(f, p),
                    Some(fix) => Box::new(BooleanQuery::new(
                        fix.stems()
                            .iter()
                            .flat_map(|s| stem_clauses(f, s, true))
                            .collect(),
                    )),
                };
                (Occur::Must, q)
            })
            .collect();
        either.push((Occur::Should, Box::new(BooleanQuery::new(slots))));
    }
    Box::new(BooleanQuery::new(either))
}

fn every_word(f: &Fields, plan: &[Planned], parts: bool) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        plan.iter()
            .map(|w| (Occur::Must, word_query(f, w, parts)))
            .collect(),
    ))
}

fn filtered(fields: &Fields, query: Box<dyn Query>, filters: &Filters) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let mut add = |term: Term| {
        let q = TermQuery::new(term, IndexRecordOption::Basic);
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(q), 0.0)),
        ));
    };
    if let Some(o) = &filters.organ {
        add(Term::from_field_text(fields.organ, o));
    }
    if let Some(k) = &filters.kind {
        add(Term::from_field_text(fields.kind, k));
    }
    if let Some(y) = filters.year {
        add(Term::from_field_u64(fields.year, y.max(0) as u64));
    }
    if clauses.len() == 1 {
        return clauses.pop().map(|c| c.1).unwrap_or_else(|| unreachable!());
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The party codes of the index (lower case): the own keys `parti:<code>` of the party pages.
pub fn parties(searcher: &Searcher, f: &Fields) -> tantivy::Result<Vec<String>> {
    let mut out = Vec::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(f.own)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Some(code) = std::str::from_utf8(stream.key())
                .ok()
                .and_then(|k| k.strip_prefix("parti:"))
            {
                out.push(code.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn has_term(searcher: &Searcher, fields: &[(Field, Score)], text: &str) -> tantivy::Result<bool> {
    for &(f, _) in fields {
        if searcher.doc_freq(&Term::from_field_text(f, text))? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Reads the query: its words, which of them the index has, and the fixes of those it lacks.
fn plan(searcher: &Searcher, f: &Fields, text: &str) -> tantivy::Result<(Vec<Planned>, Vec<Note>)> {
    let mut stemming = Stemming::new();
    let ws = words(text, &parties(searcher, f)?, &mut stemming);
    let searched: Vec<(Field, Score)> =
        f.text_fields().into_iter().chain(f.part_fields()).collect();
    let keys = [(f.keys, 0.0), (f.own, 0.0)];
    let mut planned = Vec::new();
    let mut lacking = Vec::new();
    for word in ws {
        let mut by_key = word.party.is_some();
        if let Some(d) = &word.dnr {
            by_key |= has_term(searcher, &keys, &format!("dnr:{d}"))?;
        }
        let mut unknown = Vec::new();
        for s in &word.slots {
            unknown.push(!has_term(searcher, &searched, &s.stem)?);
        }
        let known = by_key || (!word.slots.is_empty() && !unknown.contains(&true));
        planned.push(Planned {
            fixes: vec![None; word.slots.len()],
            word,
            known,
        });
        lacking.push(unknown);
    }
    let mut notes = Vec::new();
    if planned.iter().all(|w| w.known) {
        return Ok((planned, notes));
    }
    let lexicon = Lexicon::read(searcher, f)?;
    let count = planned.len();
    for (i, (w, unknown)) in planned.iter_mut().zip(lacking).enumerate() {
        if w.known {
            continue;
        }
        let slots = w.word.slots.len();
        for (j, s) in w.word.slots.iter().enumerate() {
            if !unknown[j] {
                continue;
            }
            let last = i + 1 == count && j + 1 == slots;
            let fix = lexicon.fix(&s.token, &s.stem, last, &mut stemming);
            notes.push(Note {
                word: s.token.clone(),
                kind: fix.as_ref().map_or("missing", Fix::kind).to_string(),
                words: fix.as_ref().map(Fix::stems).unwrap_or_default(),
            });
            w.fixes[j] = fix;
        }
    }
    Ok((planned, notes))
}

/// One ranked document: its tier, score, address and how many words it matched.
type Ranked = (&'static str, Score, DocAddress, usize);

fn scored(
    searcher: &Searcher,
    stats: &Statistics,
    q: &dyn Query,
    limit: usize,
) -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
    searcher.search_with_statistics_provider(
        q,
        &(TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
        stats,
    )
}

/// Searches `index` for `text`: the best `limit` hits (at least one), filtered.
pub fn search(
    index: &Index,
    text: &str,
    filters: &Filters,
    limit: usize,
) -> tantivy::Result<Results> {
    let fields = Fields::of(&index.schema())?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let (plan, notes) = plan(&searcher, &fields, text)?;
    if plan.is_empty() {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
            notes,
        });
    }
    let n = plan.len();
    let f = &fields;
    let stats = Statistics::new(&searcher, &f.scored())?;
    let all_known = plan.iter().all(|w| w.known);
    let query = filtered(f, every_word(f, &plan, true), filters);
    let (top, mut total) = scored(&searcher, &stats, &*query, limit)?;
    let mut shown_query = query;
    let mut ranked: Vec<Ranked> = if all_known {
        let whole = searcher.search(&*every_word(f, &plan, false), &DocSetCollector)?;
        top.into_iter()
            .map(|(s, a)| {
                let tier = if whole.contains(&a) { "exact" } else { "part" };
                (tier, s, a, n)
            })
            .collect()
    } else {
        top.into_iter()
            .map(|(s, a)| ("fallback", s, a, n))
            .collect()
    };
    if total == 0 && n > 1 {
        let per_word: Vec<Box<dyn Query>> = plan.iter().map(|w| word_query(f, w, true)).collect();
        let mut sets = Vec::new();
        for q in &per_word {
            sets.push(searcher.search(&**q, &DocSetCollector)?);
        }
        let union: Box<dyn Query> = Box::new(BooleanQuery::new(
            per_word.into_iter().map(|q| (Occur::Should, q)).collect(),
        ));
        let union = filtered(f, union, filters);
        let count = searcher.search(&*union, &Count)?;
        let (all, _) = scored(&searcher, &stats, &*union, count)?;
        let matched = |a: &DocAddress| sets.iter().filter(|set| set.contains(a)).count();
        ranked = all
            .into_iter()
            .map(|(s, a)| ("partial", s, a, matched(&a)))
            .collect();
        ranked.sort_by(|a, b| b.3.cmp(&a.3).then(b.1.total_cmp(&a.1)));
        ranked.truncate(limit.max(1));
        total = count;
        shown_query = union;
    }
    let hits = hits(&searcher, f, &*shown_query, &ranked, &notes)?;
    Ok(Results { total, hits, notes })
}

fn hits(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    ranked: &[Ranked],
    notes: &[Note],
) -> tantivy::Result<Vec<Hit>> {
    let mut generators = Vec::new();
    for f in [fields.decision, fields.text, fields.title] {
        let mut g = SnippetGenerator::create(searcher, query, f)?;
        g.set_max_num_chars(200);
        generators.push(g);
    }
    let mut out = Vec::new();
    for &(tier, score, address, matched) in ranked {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |f: Field| stored_text(&doc, f);
        let snippet = generators
            .iter()
            .map(|g| {
                let mut s = g.snippet_from_doc(&doc);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                s
            })
            .find(|s| !s.highlighted().is_empty())
            .map(|s| s.to_html())
            .unwrap_or_else(|| {
                let mut s = generators[1].snippet_from_doc(&doc);
                s.set_snippet_prefix_postfix("<mark>", "</mark>");
                s.to_html()
            });
        out.push(Hit {
            url: text(fields.url),
            title: text(fields.title),
            kind: text(fields.kind),
            date: text(fields.date),
            organ: text(fields.organ),
            label: text(fields.label),
            dnr: doc
                .get_all(fields.dnr)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            score,
            snippet,
            tier,
            matched,
            notes: notes.to_vec(),
        });
    }
    Ok(out)
}
