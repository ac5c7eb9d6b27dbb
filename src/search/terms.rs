//! What the browser index needs from the analysis of every document — terms with postings,
//! field norms, token totals, surface words — computed straight from the documents with the
//! index's own analyzers, without building a tantivy index.
//!
//! A build only needs these numbers, and building (then reading back) a tantivy index for them
//! cost about a third of a build's CPU. The figures are the ones tantivy stores: the same
//! analyzers, the same token-length limit, the same field-norm encoding; `read_back` reads them
//! from a real index and a test compares both on the real corpus.
//!
//! Speed comes from analysing each distinct word once: the simple tokenizer splits a text into
//! words, and a word's term under each analyzer depends on the word alone (lower-casing, folding
//! and stemming act on one token), so each distinct word goes through the analyzers once and is
//! looked up afterwards.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::{MAX_TOKEN_LEN, SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};
use tantivy::{DocSet, TERMINATED};

use super::{ANALYZERS, SearchDoc, SearchIndex, TEXT_FIELDS, analyzer, analyzer_of_lang};

/// Postings of every term of every text field: term → [(field, [(ord, tf)])], fields ascending,
/// documents ascending.
pub type TermPostings = BTreeMap<String, Vec<(usize, Vec<(u32, u32)>)>>;

/// The analysis of all documents, field by field as in `TEXT_FIELDS`.
#[derive(Debug, PartialEq, Eq)]
pub struct Analysed {
    pub terms: TermPostings,
    /// Field-norm id (tantivy's one-byte encoding of the token count) per field, per document.
    pub norms: Vec<Vec<u8>>,
    /// Tokens per field over all documents.
    pub tokens: Vec<u64>,
}

/// The text fields a document fills: (index into `TEXT_FIELDS`, text). Shared with the tantivy
/// index so that both see the same fields.
pub fn fields_of(d: &SearchDoc) -> [(usize, &str); 4] {
    let own = analyzer_of_lang(&d.lang);
    [
        (own, d.title_text.as_str()),
        (5 + own, d.text.as_str()),
        (10, d.english.as_str()),
        (11, d.meta.as_str()),
    ]
}

/// No term: the analyzer produced no token for the word.
const NONE: u32 = u32::MAX;
/// Not analysed yet.
const TODO: u32 = u32::MAX - 1;

/// Terms are interned: per-word results and postings hold ids, strings are kept once.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    strings: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(&s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.clone());
        self.ids.insert(s, id);
        id
    }
}

/// Analyses every document; also returns every surface word (lower-cased, ASCII-folded token,
/// as the browser keys words).
pub fn analyse_docs(docs: &[SearchDoc]) -> (Analysed, BTreeSet<String>) {
    let mut analyzers: Vec<TextAnalyzer> = ANALYZERS.iter().map(|a| analyzer(a)).collect();
    let xx = ANALYZERS.len() - 1;
    let mut words = SimpleTokenizer::default();
    let mut interner = Interner::default();
    // word → term id under each analyzer
    let mut forms: HashMap<String, [u32; ANALYZERS.len()]> = HashMap::new();
    let mut postings: Vec<HashMap<u32, Vec<(u32, u32)>>> = vec![HashMap::new(); TEXT_FIELDS.len()];
    let mut norms = vec![vec![0u8; docs.len()]; TEXT_FIELDS.len()];
    let mut tokens = vec![0u64; TEXT_FIELDS.len()];
    let mut doc_terms: Vec<u32> = Vec::new();
    for (ord, d) in docs.iter().enumerate() {
        for (fi, text) in fields_of(d) {
            let a = TEXT_FIELDS[fi].analyzer;
            doc_terms.clear();
            let mut ts = words.token_stream(text);
            while ts.advance() {
                let word = ts.token().text.as_str();
                let slot = match forms.get_mut(word) {
                    Some(f) => f,
                    None => forms
                        .entry(word.to_string())
                        .or_insert([TODO; ANALYZERS.len()]),
                };
                for an in [a, xx] {
                    if slot[an] == TODO {
                        slot[an] = analyse_word(&mut analyzers[an], word, &mut interner);
                    }
                }
                if slot[a] != NONE {
                    doc_terms.push(slot[a]);
                }
            }
            let count = doc_terms.len() as u32;
            tokens[fi] += u64::from(count);
            norms[fi][ord] = FieldNormReader::fieldnorm_to_id(count);
            doc_terms.sort_unstable();
            for run in doc_terms.chunk_by(|x, y| x == y) {
                postings[fi]
                    .entry(run[0])
                    .or_default()
                    .push((ord as u32, run.len() as u32));
            }
        }
    }
    let mut terms: TermPostings = BTreeMap::new();
    for (fi, field) in postings.into_iter().enumerate() {
        for (id, list) in field {
            terms
                .entry(interner.strings[id as usize].clone())
                .or_default()
                .push((fi, list));
        }
    }
    for lists in terms.values_mut() {
        lists.sort_by_key(|(f, _)| *f);
    }
    let surface: BTreeSet<String> = forms
        .values()
        .filter(|f| f[xx] != NONE && f[xx] != TODO)
        .map(|f| interner.strings[f[xx] as usize].clone())
        .collect();
    (
        Analysed {
            terms,
            norms,
            tokens,
        },
        surface,
    )
}

/// The term of one word (a token of the simple tokenizer) under an analyzer, interned. The
/// analyzers' own tokenizer is the simple tokenizer, so a word stays one token; tokens tantivy
/// would drop for their length are dropped here too.
fn analyse_word(an: &mut TextAnalyzer, word: &str, interner: &mut Interner) -> u32 {
    let mut ts = an.token_stream(word);
    let mut out = NONE;
    while ts.advance() {
        let t = &ts.token().text;
        if t.len() <= MAX_TOKEN_LEN && out == NONE {
            out = interner.id(t.clone());
        }
    }
    out
}

/// The same figures read back from a built tantivy index (its term dictionary, postings and
/// field norms): what `analyse_docs` must equal.
pub fn read_back(ix: &SearchIndex) -> Result<Analysed, String> {
    let e = |e: &dyn std::fmt::Display| format!("search export: {e}");
    let searcher = ix.reader.searcher();
    let n = ix.docs.len();
    let mut terms: TermPostings = BTreeMap::new();
    let mut norms = vec![vec![0u8; n]; TEXT_FIELDS.len()];
    let mut tokens = vec![0u64; TEXT_FIELDS.len()];
    for seg in searcher.segment_readers() {
        let ords = seg.fast_fields().u64("ord").map_err(|x| e(&x))?;
        let ord_of = |d: u32| ords.first(d).map(|o| o as usize);
        for (fi, field) in ix.text_fields.iter().enumerate() {
            let inv = seg.inverted_index(*field).map_err(|x| e(&x))?;
            tokens[fi] += inv.total_num_tokens();
            let mut stream = inv.terms().stream().map_err(|x| e(&x))?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let mut p = inv
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)
                    .map_err(|x| e(&x))?;
                let mut list = Vec::new();
                let mut d = p.doc();
                while d != TERMINATED {
                    if let Some(o) = ord_of(d) {
                        list.push((o as u32, p.term_freq()));
                    }
                    d = p.advance();
                }
                let entry = terms.entry(term.to_string()).or_default();
                match entry.iter_mut().find(|(f, _)| *f == fi) {
                    Some((_, l)) => l.extend(list),
                    None => entry.push((fi, list)),
                }
            }
            let fnr = seg.get_fieldnorms_reader(*field).map_err(|x| e(&x))?;
            for d in 0..seg.max_doc() {
                if let Some(o) = ord_of(d)
                    && let Some(slot) = norms[fi].get_mut(o)
                {
                    *slot = fnr.fieldnorm_id(d);
                }
            }
        }
    }
    for lists in terms.values_mut() {
        lists.sort_by_key(|(f, _)| *f);
        for (_, l) in lists.iter_mut() {
            l.sort_unstable();
        }
    }
    Ok(Analysed {
        terms,
        norms,
        tokens,
    })
}
