//! Queries: how a resident's words become a tantivy query (the browser client implements the same
//! rule over the static export), and the ranked, filtered hits with highlighted snippets.
//!
//! The rule: the query is cut at whitespace into words, stop words left out unless there is nothing
//! else; a document matches when, for every word, it has the word exactly as a Dnr, or every stem
//! of the word in title, decision, people or text. The score is the sum of tantivy's BM25 over those
//! terms, each field with its boost.

use super::schema::{DNR_BOOST, Fields, is_stop_word, stems, stored_text};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, Score, TantivyDocument, Term};

/// One whitespace-separated word of a query: the Dnr it may be and its stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word without punctuation at its ends, as a Dnr would be written.
    pub dnr: String,
    /// Its stems, as the index has them.
    pub stems: Vec<String>,
}

/// The words of a query. Words without any stem (punctuation only) are dropped, and so are stop
/// words (`i`, `och` …) unless the query has nothing else.
pub fn words(query: &str) -> Vec<Word> {
    let all: Vec<(Word, bool)> = query
        .split_whitespace()
        .map(|w| {
            let word = Word {
                dnr: w.trim_matches(|c: char| !c.is_alphanumeric()).to_string(),
                stems: stems(w),
            };
            (word, is_stop_word(w))
        })
        .filter(|(w, _)| !w.stems.is_empty())
        .collect();
    let only_stop_words = all.iter().all(|(_, stop)| *stop);
    all.into_iter()
        .filter(|(_, stop)| only_stop_words || !stop)
        .map(|(w, _)| w)
        .collect()
}

/// Restrictions on the results; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Organ id.
    pub organ: Option<String>,
    /// Year.
    pub year: Option<i32>,
    /// Type key (`beslut`, `paragraf`, `punkt`, `mote`, `arende`, `dokument`, `rapport`, `person`).
    pub kind: Option<String>,
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
    /// tantivy's score.
    pub score: Score,
    /// A fragment of the text as HTML, matched words in `<mark>`.
    pub snippet: String,
}

/// Ranked hits and how many documents matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Matching documents in all.
    pub total: usize,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
}

fn term_query(field: Field, text: &str, boost: Score) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// The tantivy query for `text` (see the module documentation); `None` when it has no words.
pub fn build(fields: &Fields, text: &str) -> Option<Box<dyn Query>> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    let clauses = words
        .iter()
        .map(|w| {
            let all_stems: Vec<(Occur, Box<dyn Query>)> = w
                .stems
                .iter()
                .map(|s| {
                    let any_field: Vec<(Occur, Box<dyn Query>)> = fields
                        .text_fields()
                        .iter()
                        .map(|&(f, boost)| (Occur::Should, term_query(f, s, boost)))
                        .collect();
                    (
                        Occur::Must,
                        Box::new(BooleanQuery::new(any_field)) as Box<dyn Query>,
                    )
                })
                .collect();
            let either: Vec<(Occur, Box<dyn Query>)> = vec![
                (Occur::Should, term_query(fields.dnr, &w.dnr, DNR_BOOST)),
                (Occur::Should, Box::new(BooleanQuery::new(all_stems))),
            ];
            (
                Occur::Must,
                Box::new(BooleanQuery::new(either)) as Box<dyn Query>,
            )
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
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

/// Searches `index` for `text`: the best `limit` hits (at least one), filtered.
pub fn search(
    index: &Index,
    text: &str,
    filters: &Filters,
    limit: usize,
) -> tantivy::Result<Results> {
    let fields = Fields::of(&index.schema())?;
    let Some(query) = build(&fields, text) else {
        return Ok(Results {
            total: 0,
            hits: Vec::new(),
        });
    };
    let query = filtered(&fields, query, filters);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let (top, total) = searcher.search(
        &*query,
        &(TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
    )?;
    let mut generators = Vec::new();
    for f in [fields.decision, fields.text, fields.title] {
        let mut g = SnippetGenerator::create(&searcher, &*query, f)?;
        g.set_max_num_chars(200);
        generators.push(g);
    }
    let mut hits = Vec::new();
    for (score, address) in top {
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
        hits.push(Hit {
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
        });
    }
    Ok(Results { total, hits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_left_out_unless_there_is_nothing_else() {
        let w = words("ersättaren i Nybro");
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].dnr, "Nybro");
        assert_eq!(words("och i").len(), 2);
    }

    #[test]
    fn words_keep_a_dnr_whole_and_stem_the_rest() {
        let w = words("Ersättaren (2023/07), !");
        assert_eq!(w.len(), 2, "the lone punctuation is no word: {w:?}");
        assert_eq!(w[0].stems, stems("ersättare"));
        assert_eq!(w[1].dnr, "2023/07");
        assert_eq!(w[1].stems, ["2023", "07"]);
    }
}
