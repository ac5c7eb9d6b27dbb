//! Search: a tantivy index of the corpus (one document per article, provision, country,
//! instrument, MLA profile and network), the query language shared by `concord search` and the
//! site, and the export of the same index data into classic-script `.js` files that the offline
//! search page loads from `file://`.
//!
//! tantivy is the one source of truth: its analyzers (tokenizer, lower-casing, ASCII folding,
//! Snowball stemming per language) produce every term, its BM25 ranks the CLI results, and the
//! browser scorer replays BM25 over the terms, postings and field norms tantivy would store —
//! computed without building the index (`terms`), checked against a built index by a test.

pub mod cli;
pub mod docs;
pub mod export;
pub mod query;
pub mod terms;

use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

pub use docs::SearchDoc;
pub use query::{Filters, Hit, ParsedQuery, Snippet};

/// Analyzers, by the language code they serve. `xx` (no stemming) serves every other language
/// and the names/references field.
pub const ANALYZERS: [&str; 5] = ["en", "es", "fr", "pt", "xx"];

/// Filterable facets (keyword fields).
/// Function words of the corpus languages (lower-cased, ASCII-folded). A query drops them when it
/// has other words: "tráfico de especies" asks for tráfico and especies. They are still indexed, so
/// a query of function words only, or a quoted phrase, still finds them; dropping them keeps a
/// statute name such as "Código Penal de Honduras" from outranking a title with the words asked
/// for. The browser reads the same list from `search/meta.js`.
pub const FUNCTION_WORDS: &[&str] = &[
    // Spanish
    "a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "lo", "los", "o", "para", "por",
    "que", "se", "su", "sus", "u", "un", "una", "unas", "unos", "y", // French
    "au", "aux", "d", "dans", "des", "du", "et", "l", "le", "les", "ou", "par", "pour", "sur",
    "une", // Portuguese
    "ao", "aos", "com", "da", "das", "do", "dos", "em", "na", "nas", "nos", "um", "uma",
    // English
    "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

pub const FACETS: [&str; 4] = ["kind", "country", "instrument", "offence"];

/// Document kinds, in the order results are grouped in filters.
pub const KINDS: [&str; 6] = [
    "provision",
    "article",
    "instrument",
    "country",
    "mla",
    "network",
];

/// What a text field holds, which analyzer reads it, and its BM25 boost.
#[derive(Debug, Clone, Copy)]
pub struct TextField {
    pub name: &'static str,
    /// Index into `ANALYZERS`.
    pub analyzer: usize,
    pub boost: f32,
}

/// The text fields, in export order: titles and texts per language, the English summary, and
/// the names/references field.
pub const TEXT_FIELDS: [TextField; 12] = [
    TextField {
        name: "title_en",
        analyzer: 0,
        boost: 3.0,
    },
    TextField {
        name: "title_es",
        analyzer: 1,
        boost: 3.0,
    },
    TextField {
        name: "title_fr",
        analyzer: 2,
        boost: 3.0,
    },
    TextField {
        name: "title_pt",
        analyzer: 3,
        boost: 3.0,
    },
    TextField {
        name: "title_xx",
        analyzer: 4,
        boost: 3.0,
    },
    TextField {
        name: "text_en",
        analyzer: 0,
        boost: 1.0,
    },
    TextField {
        name: "text_es",
        analyzer: 1,
        boost: 1.0,
    },
    TextField {
        name: "text_fr",
        analyzer: 2,
        boost: 1.0,
    },
    TextField {
        name: "text_pt",
        analyzer: 3,
        boost: 1.0,
    },
    TextField {
        name: "text_xx",
        analyzer: 4,
        boost: 1.0,
    },
    TextField {
        name: "english",
        analyzer: 0,
        boost: 1.0,
    },
    TextField {
        name: "meta",
        analyzer: 4,
        boost: 2.0,
    },
];

/// The analyzer for `lang` (one of `ANALYZERS`): simple tokenizer (splits on anything not a
/// letter or digit), lower-casing, ASCII folding, then the language's Snowball stemmer.
pub fn analyzer(lang: &str) -> TextAnalyzer {
    let b = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match lang {
        "en" => b.filter(Stemmer::new(Language::English)).build(),
        "es" => b.filter(Stemmer::new(Language::Spanish)).build(),
        "fr" => b.filter(Stemmer::new(Language::French)).build(),
        "pt" => b.filter(Stemmer::new(Language::Portuguese)).build(),
        _ => b.build(),
    }
}

fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The index of the analyzer a document in `lang` uses for its own-language fields.
pub fn analyzer_of_lang(lang: &str) -> usize {
    ANALYZERS
        .iter()
        .position(|a| *a == lang)
        .unwrap_or(ANALYZERS.len() - 1)
}

/// Runs `text` through analyzer `a` and returns every token's text.
pub fn analyse(analyzers: &mut [TextAnalyzer], a: usize, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(an) = analyzers.get_mut(a) {
        let mut ts = an.token_stream(text);
        while ts.advance() {
            out.push(ts.token().text.clone());
        }
    }
    out
}

/// The built index and the documents it was built from (`docs[ord]`).
pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    pub text_fields: Vec<Field>,
    pub facet_fields: Vec<Field>,
    pub docs: Vec<SearchDoc>,
    analyzers: Vec<TextAnalyzer>,
}

fn err(e: impl std::fmt::Display) -> String {
    format!("search index: {e}")
}

impl SearchIndex {
    /// Indexes every search document of the corpus into an in-memory tantivy index.
    pub fn build(corpus: &crate::load::Corpus) -> Result<SearchIndex, String> {
        Self::from_docs(docs::collect(corpus))
    }

    pub fn from_docs(docs: Vec<SearchDoc>) -> Result<SearchIndex, String> {
        let mut sb = Schema::builder();
        let text_fields: Vec<Field> = TEXT_FIELDS
            .iter()
            .map(|f| {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer(&format!("concord_{}", ANALYZERS[f.analyzer]))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions)
                    .set_fieldnorms(true);
                sb.add_text_field(f.name, TextOptions::default().set_indexing_options(idx))
            })
            .collect();
        let facet_fields: Vec<Field> = FACETS
            .iter()
            .map(|name| {
                let idx = TextFieldIndexing::default()
                    .set_tokenizer("concord_kw")
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false);
                sb.add_text_field(name, TextOptions::default().set_indexing_options(idx))
            })
            .collect();
        let ord_field = sb.add_u64_field("ord", FAST);
        let index = Index::create_in_ram(sb.build());
        for a in ANALYZERS {
            index
                .tokenizers()
                .register(&format!("concord_{a}"), analyzer(a));
        }
        index
            .tokenizers()
            .register("concord_kw", keyword_analyzer());

        // One thread: documents get ids in insertion order, in one segment.
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(1, 200_000_000)
            .map_err(err)?;
        for (ord, d) in docs.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            for (fi, text) in terms::fields_of(d) {
                if !text.is_empty() {
                    doc.add_text(text_fields[fi], text);
                }
            }
            doc.add_text(facet_fields[0], d.kind);
            for c in &d.countries {
                doc.add_text(facet_fields[1], c);
            }
            for i in &d.instruments {
                doc.add_text(facet_fields[2], i);
            }
            for o in &d.offences {
                doc.add_text(facet_fields[3], o);
            }
            doc.add_u64(ord_field, ord as u64);
            writer.add_document(doc).map_err(err)?;
        }
        writer.commit().map_err(err)?;
        writer.wait_merging_threads().map_err(err)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex {
            index,
            reader,
            text_fields,
            facet_fields,
            docs,
            analyzers: ANALYZERS.iter().map(|a| analyzer(a)).collect(),
        })
    }

    /// Analyses `text` with analyzer `a` (index into `ANALYZERS`).
    pub fn analyse(&self, a: usize, text: &str) -> Vec<String> {
        let mut an = self.analyzers.clone();
        analyse(&mut an, a, text)
    }

    /// Surface words (lower-cased, ASCII-folded tokens) of `text`, as the browser keys them.
    pub fn surface_words(&self, text: &str) -> Vec<String> {
        self.analyse(ANALYZERS.len() - 1, text)
    }
}
