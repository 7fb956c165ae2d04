//! Prints `token<TAB>stem` for every distinct token of the text files under the given directories,
//! analyzed as tantivy's default analyzer does (SimpleTokenizer, RemoveLongFilter(40), LowerCaser)
//! and stemmed by tantivy's own `Stemmer(Language::Swedish)`; the JS stemmer's test compares
//! against it.
//!
//! Usage: `cargo run --release --example stems -- DIR...` (tokens sorted, one per line).

use std::collections::BTreeMap;
use std::io::Write;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer, TokenStream,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        return Err("usage: stems DIR...".into());
    }
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build();
    let mut stemmer = TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(Stemmer::new(Language::Swedish))
        .build();
    let mut stems = BTreeMap::new();
    for dir in &dirs {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry?;
            // Binary files (images, the tantivy index) are not text of the site.
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            let mut tokens = analyzer.token_stream(&text);
            while let Some(token) = tokens.next() {
                if !stems.contains_key(&token.text) {
                    let mut stemmed = stemmer.token_stream(&token.text);
                    let stem = stemmed.next().map(|t| t.text.clone()).unwrap_or_default();
                    stems.insert(token.text.clone(), stem);
                }
            }
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (token, stem) in &stems {
        writeln!(out, "{token}\t{stem}")?;
    }
    out.flush()?;
    Ok(())
}
