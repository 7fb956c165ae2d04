//! The BM25 statistics of the query rule: tantivy's, except that a field's average length is
//! taken over the documents that have the field (as Lucene's BM25 takes it), not over all of them.
//!
//! Why: most documents have no decision (people, meetings, cases, documents), so with tantivy's
//! average every decision looked several times longer than the average one, and a decision that
//! bundles a few matters under headings of its own (`10. Beslutsärenden`) scored far below a
//! paragraph that only mentions the same words in passing. The export computes the same average.

use std::collections::HashMap;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The total tokens to report for a field with `tokens` tokens in `with` of `docs` documents, so
/// that tantivy's `tokens / docs` is the average over the documents that have the field.
pub fn scaled_tokens(tokens: u64, docs: u64, with: u64) -> u64 {
    if with == 0 {
        return tokens;
    }
    // u128: tokens × documents may pass u64 on very large sites.
    (u128::from(tokens) * u128::from(docs) / u128::from(with)) as u64
}

/// The average length of a field as the query rule uses it: from [`scaled_tokens`], in the same
/// f32 arithmetic as tantivy's `Bm25Weight`.
pub fn average(tokens: u64, docs: u64, with: u64) -> f32 {
    scaled_tokens(tokens, docs, with) as f32 / docs as f32
}

/// tantivy's statistics with per-field averages over the documents that have the field.
pub struct Statistics<'a> {
    searcher: &'a Searcher,
    tokens: HashMap<Field, u64>,
}

impl<'a> Statistics<'a> {
    /// The statistics of `fields` in the index `searcher` reads.
    pub fn new(searcher: &'a Searcher, fields: &[Field]) -> tantivy::Result<Statistics<'a>> {
        let docs = searcher.total_num_docs()?;
        let mut tokens = HashMap::new();
        for &field in fields {
            let mut total = 0u64;
            let mut with = 0u64;
            for seg in searcher.segment_readers() {
                total += seg.inverted_index(field)?.total_num_tokens();
                let norms = seg.get_fieldnorms_reader(field)?;
                with += (0..seg.max_doc())
                    .filter(|&d| norms.fieldnorm_id(d) != 0)
                    .count() as u64;
            }
            tokens.insert(field, scaled_tokens(total, docs, with));
        }
        Ok(Statistics { searcher, tokens })
    }
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        match self.tokens.get(&field) {
            Some(&n) => Ok(n),
            None => Bm25StatisticsProvider::total_num_tokens(self.searcher, field),
        }
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_average_is_over_the_documents_with_the_field() {
        // 120 tokens in 20 of 100 documents: 6 per document that has the field, not 1.2.
        assert_eq!(scaled_tokens(120, 100, 20), 600);
        assert!((average(120, 100, 20) - 6.0).abs() < 1e-6);
        assert_eq!(scaled_tokens(7, 10, 0), 7, "a field no document has");
    }
}
