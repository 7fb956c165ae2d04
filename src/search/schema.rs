//! The tantivy schema of the search index, its Swedish analyzer and the field boosts: the one place
//! that says what is indexed and how, shared by the indexer, the CLI search and the static export.

use tantivy::Index;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenStream, SimpleTokenizer, Stemmer,
    TextAnalyzer, Tokenizer,
};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The name the Swedish analyzer is registered under (tantivy-py users register the same chain).
pub const ANALYZER: &str = "sv";
/// Tokens this long (in UTF-8 bytes) or longer are dropped, as tantivy's default analyzer does.
pub const MAX_TOKEN_BYTES: usize = 40;

/// The free-text fields a query searches, with their boosts (title > decision > people > text).
pub const TEXT_FIELDS: &[(&str, f32)] = &[
    ("title", 3.0),
    ("decision", 2.0),
    ("people", 1.5),
    ("text", 1.0),
];
/// What a compound part weighs against the whole word in the same field: half, so that pages
/// with the word itself rank first when all else is equal.
pub const PART_WEIGHT: f32 = 0.5;
/// The fields of compound parts (stems of the parts of the compounds of a text field, see
/// `compound.rs`), with the boosts of the fields they come from times [`PART_WEIGHT`].
pub const PART_FIELDS: &[(&str, f32)] = &[
    ("title_parts", 3.0 * PART_WEIGHT),
    ("decision_parts", 2.0 * PART_WEIGHT),
    ("text_parts", 1.0 * PART_WEIGHT),
];
/// The boost of a key the document carries (`dnr:2023/7` for a case number it names,
/// `parti:c` for the party of a person it names).
pub const KEY_BOOST: f32 = 10.0;
/// The boost of a document's own key (the case page of `dnr:2023/7`, the party page of
/// `parti:c`), which also has the key in `keys`: enough to put it first for the key alone, not so
/// much that it outweighs the other words of a query (`Peter Karlsson (C)`).
pub const OWN_BOOST: f32 = 10.0;

/// Swedish stop words (the Snowball project's list, as tantivy's `StopWordFilter` has it; BSD
/// licence, Copyright (c) 2001 Dr Martin Porter). A query leaves out words made only of these
/// unless it has nothing else; the index keeps them, so tantivy-py users can still search them.
pub const STOP_WORDS: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig",
    "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du",
    "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min",
    "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara",
    "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "under", "någon",
    "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir",
    "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant",
    "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitt", "sådana", "vart", "dina", "vars",
    "vårt", "våra", "ert", "era", "vilkas",
];

/// The fields of the index.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Site-relative URL (raw, stored): the document's identity.
    pub url: Field,
    /// Position in the export's newest-first order (stored, fast).
    pub order: Field,
    /// Title (Swedish text, stored).
    pub title: Field,
    /// "§ 28" (stored only).
    pub label: Field,
    /// Decision text (Swedish text, stored).
    pub decision: Field,
    /// Full text (Swedish text, stored).
    pub text: Field,
    /// People named (Swedish text, stored).
    pub people: Field,
    /// Case numbers (raw tokenizer: `2023/07` is one term; stored).
    pub dnr: Field,
    /// Organ id (raw, stored).
    pub organ: Field,
    /// Year (u64, indexed, stored, fast).
    pub year: Field,
    /// `YYYY-MM-DD` (raw, stored).
    pub date: Field,
    /// Type key (raw, stored).
    pub kind: Field,
    /// Stems of the parts of the title's compounds (`default` tokenizer: already stems).
    pub title_parts: Field,
    /// Stems of the parts of the decision's compounds.
    pub decision_parts: Field,
    /// Stems of the parts of the other text's compounds.
    pub text_parts: Field,
    /// Keys the document carries (raw): `dnr:<key>`, `parti:<code>`.
    pub keys: Field,
    /// The document's own key (raw): the case page's `dnr:<key>`, the party page's `parti:<code>`.
    pub own: Field,
}

impl Fields {
    /// The fields of `schema` (built by [`schema`]).
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            url: f("url")?,
            order: f("order")?,
            title: f("title")?,
            label: f("label")?,
            decision: f("decision")?,
            text: f("text")?,
            people: f("people")?,
            dnr: f("dnr")?,
            organ: f("organ")?,
            year: f("year")?,
            date: f("date")?,
            kind: f("type")?,
            title_parts: f("title_parts")?,
            decision_parts: f("decision_parts")?,
            text_parts: f("text_parts")?,
            keys: f("keys")?,
            own: f("own")?,
        })
    }

    /// The compound-part fields with their boosts, in [`PART_FIELDS`] order.
    pub fn part_fields(&self) -> [(Field, f32); 3] {
        [
            (self.title_parts, PART_FIELDS[0].1),
            (self.decision_parts, PART_FIELDS[1].1),
            (self.text_parts, PART_FIELDS[2].1),
        ]
    }

    /// The free-text fields with their boosts, in [`TEXT_FIELDS`] order.
    pub fn text_fields(&self) -> [(Field, f32); 4] {
        [
            (self.title, TEXT_FIELDS[0].1),
            (self.decision, TEXT_FIELDS[1].1),
            (self.people, TEXT_FIELDS[2].1),
            (self.text, TEXT_FIELDS[3].1),
        ]
    }

    /// Every field a query scores with BM25: the text, part, key and own fields.
    pub fn scored(&self) -> Vec<Field> {
        let mut v: Vec<Field> = self.text_fields().iter().map(|x| x.0).collect();
        v.extend(self.part_fields().iter().map(|x| x.0));
        v.extend([self.keys, self.own]);
        v
    }
}

/// The schema.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    let swedish = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let raw_with_freqs = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field("url", STRING | STORED);
    b.add_u64_field("order", STORED | FAST);
    b.add_text_field("title", swedish.clone());
    b.add_text_field("label", STORED);
    b.add_text_field("decision", swedish.clone());
    b.add_text_field("text", swedish.clone());
    b.add_text_field("people", swedish);
    b.add_text_field("dnr", raw_with_freqs);
    b.add_text_field("organ", STRING | STORED);
    b.add_u64_field("year", INDEXED | STORED | FAST);
    b.add_text_field("date", STRING | STORED);
    b.add_text_field("type", STRING | STORED);
    // Parts are written as stems already, so they need no stemmer: tantivy's built-in `default`
    // (simple, long removed, lower case), which tantivy-py has too.
    let parts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("default")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    for (name, _) in PART_FIELDS {
        b.add_text_field(name, parts.clone());
    }
    let raw_keys = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field("keys", raw_keys.clone());
    b.add_text_field("own", raw_keys);
    b.build()
}

/// tantivy's `SimpleTokenizer` over the text in Unicode NFC, so that a word written decomposed
/// (`a` + combining ring) is one token and the same token as the composed `å`.
#[derive(Clone, Default)]
pub struct NfcTokenizer {
    inner: SimpleTokenizer,
    buffer: String,
}

impl Tokenizer for NfcTokenizer {
    type TokenStream<'a> = SimpleTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SimpleTokenStream<'a> {
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            return self.inner.token_stream(text);
        }
        self.buffer = text.nfc().collect();
        self.inner.token_stream(&self.buffer)
    }
}

/// The Swedish analyzer: NFC, simple tokenizer, long tokens removed, lower case, Snowball
/// Swedish stems.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NfcTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Swedish))
        .build()
}

/// Registers the Swedish analyzer on an index (needed after every open; `raw` is built in).
pub fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The stems of `text`, in order, as the index has them.
pub fn stems(text: &str) -> Vec<String> {
    run(analyzer(), text)
}

/// The tokens of `text` before stemming (NFC, tokenized, long ones dropped, lower case).
pub fn tokens(text: &str) -> Vec<String> {
    let plain = TextAnalyzer::builder(NfcTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build();
    run(plain, text)
}

fn run(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

/// A Swedish stemmer for one token at a time, reused (building the analyzer costs more than a
/// stem).
pub struct Stemming(TextAnalyzer);

impl Stemming {
    /// A new stemmer.
    pub fn new() -> Stemming {
        Stemming(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(Stemmer::new(Language::Swedish))
                .build(),
        )
    }

    /// The stem of `token` (one lower-case token, as [`tokens`] gives).
    pub fn stem(&mut self, token: &str) -> String {
        let mut stream = self.0.token_stream(token);
        let mut out = String::new();
        while let Some(t) = stream.next() {
            out.push_str(&t.text);
        }
        out
    }
}

impl Default for Stemming {
    fn default() -> Self {
        Stemming::new()
    }
}

/// Whether every token of `word` is a stop word (and it has one).
pub fn is_stop_word(word: &str) -> bool {
    let t = tokens(word);
    !t.is_empty() && t.iter().all(|x| STOP_WORDS.contains(&x.as_str()))
}

/// The stored text of a field of a document ("" when it has none).
pub fn stored_text(doc: &tantivy::TantivyDocument, field: Field) -> String {
    use tantivy::schema::Value as _;
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyzer_stems_swedish_word_forms_to_one_term() {
        assert_eq!(stems("ersättaren"), stems("Ersättare"));
        assert_eq!(stems("Medlemsavgiften"), stems("medlemsavgift"));
    }

    #[test]
    fn stop_words_are_tantivys_swedish_list() {
        let mut with_filter = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::StopWordFilter::new(Language::Swedish).unwrap())
            .build();
        let text = STOP_WORDS.join(" ");
        let mut stream = with_filter.token_stream(&text);
        assert!(stream.next().is_none(), "tantivy keeps one of ours");
        assert!(is_stop_word("I"));
        assert!(!is_stop_word("Nybro"));
        assert!(!is_stop_word("och-Nybro"));
    }

    #[test]
    fn decomposed_text_gives_the_tokens_of_composed_text() {
        let nfd: String = "Tobias Fagergård".nfd().collect();
        assert_ne!(nfd, "Tobias Fagergård");
        assert_eq!(stems(&nfd), stems("Tobias Fagergård"));
        assert_eq!(tokens(&nfd), ["tobias", "fagergård"]);
    }

    #[test]
    fn stemming_one_token_is_the_analyzers_stem() {
        let mut s = Stemming::new();
        for w in ["ersättaren", "medlemsavgiften", "skolan", "gäng"] {
            assert_eq!(vec![s.stem(w)], stems(w), "{w}");
        }
    }

    #[test]
    fn analyzer_splits_a_dnr_and_drops_long_tokens() {
        assert_eq!(stems("Dnr 2023/07"), ["dnr", "2023", "07"]);
        let long = "a".repeat(MAX_TOKEN_BYTES);
        assert_eq!(stems(&format!("kort {long}")), ["kort"]);
    }
}
