//! Export of the tantivy index for the offline search page.
//!
//! Browsers refuse `fetch`, modules, workers and `.wasm` on `file://`, but run classic
//! `<script>` files, so the index ships as `.js` files that call a global
//! `ConcordSearchLoad(kind, key, data)`:
//!
//! - `search/meta.js` — document count, fields (analyzer, boost, total tokens, per-document
//!   field-norm ids as base64), tantivy's field-norm table, the list of shards, facet labels and
//!   each document's facets;
//! - `search/s-<hex>.js` — one shard per term prefix (`hex` = UTF-8 bytes of the prefix): the
//!   terms of every field after analysis with their postings (document, term frequency), and
//!   the map from surface word (lower-cased, ASCII-folded) to its analysed term per analyzer;
//! - `search/d-<n>.js` — result display data for documents `n*CHUNK ..`: title, location, page
//!   path, kind, the text snippets are cut from, 1 for an unverified record (else 0) and 1 for
//!   a repealed provision (else 0).
//!
//! Terms, postings and field norms are what tantivy's index holds for the same documents (see
//! `terms`: computed with its analyzers and field-norm encoding, checked against a real index by
//! a test), so the browser ranks as the CLI does. The output depends only on the corpus: maps
//! are ordered and no tantivy file reaches the site.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use super::terms::{Analysed, analyse_docs};
use super::{ANALYZERS, FACETS, FUNCTION_WORDS, KINDS, SearchDoc, TEXT_FIELDS};
use crate::load::Corpus;
use crate::render::Page;
use crate::render::views::Names;

/// Documents per display chunk.
pub const CHUNK: usize = 64;
/// Characters of text kept per document for snippets.
pub const SNIPPET_SOURCE_CHARS: usize = 1200;

/// The shard a term or surface word lives in: its first `prefix` characters.
pub fn shard_key(term: &str, prefix: usize) -> String {
    let p: String = term.chars().take(prefix).collect();
    p.bytes().map(|b| format!("{b:02x}")).collect()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let b = [c[0], *c.get(1).unwrap_or(&0), *c.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

fn script(kind: &str, key: Value, data: &Value) -> Vec<u8> {
    format!(
        "ConcordSearchLoad({},{},{});\n",
        json!(kind),
        key,
        serde_json::to_string(data).unwrap_or_else(|_| "null".into())
    )
    .into_bytes()
}

/// A shard's content as the inside of two JSON objects, written directly (tens of thousands of
/// small arrays: a `serde_json::Value` tree for them cost more than the analysis itself).
/// `terms`: analysed term → postings per field, `[[field, [doc gap, tf, …]], …]`; `words`:
/// surface word → its analysed form per stemming analyzer (`0` when unchanged).
#[derive(Default)]
struct Shard {
    terms: String,
    words: String,
}

/// A JSON string (escaped by serde_json).
fn push_str(out: &mut String, s: &str) {
    out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
}

/// `"key":` after a comma unless first.
fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push(',');
    }
    push_str(out, key);
    out.push(':');
}

/// Every file of the browser index, under `search/`.
pub fn export(docs: &[SearchDoc], corpus: &Corpus) -> Result<Vec<Page>, String> {
    export_with(docs, &Labels::of(corpus, docs))
}

/// Display names of the facet values the documents use.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub countries: BTreeMap<String, String>,
    pub instruments: BTreeMap<String, String>,
    pub offences: BTreeMap<String, String>,
}

impl Labels {
    pub fn of(corpus: &Corpus, docs: &[super::SearchDoc]) -> Labels {
        let names = Names::new(corpus);
        let mut l = Labels::default();
        for d in docs {
            for c in &d.countries {
                l.countries.insert(c.clone(), names.country(c));
            }
            for i in &d.instruments {
                l.instruments.insert(i.clone(), names.instrument_short(i));
            }
            for o in &d.offences {
                l.offences.insert(o.clone(), names.offence(o));
            }
        }
        l
    }
}

/// Exports the index with the given facet labels (no corpus needed: runs on its own thread).
pub fn export_with(docs: &[SearchDoc], labels: &Labels) -> Result<Vec<Page>, String> {
    let n = docs.len();
    let prefix = if n < 2000 { 1 } else { 2 };
    let (
        Analysed {
            terms,
            norms,
            tokens,
        },
        vocabulary,
    ) = analyse_docs(docs);

    // shards: analysed terms with postings, and surface words with their analysed forms
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (term, lists) in &terms {
        let t = &mut shards.entry(shard_key(term, prefix)).or_default().terms;
        push_key(t, term);
        t.push('[');
        for (i, (fi, l)) in lists.iter().enumerate() {
            if i > 0 {
                t.push(',');
            }
            let _ = write!(t, "[{fi},[");
            let mut prev = 0u32;
            for (k, &(d, tf)) in l.iter().enumerate() {
                let sep = if k > 0 { "," } else { "" };
                let _ = write!(t, "{sep}{},{tf}", d - prev);
                prev = d;
            }
            t.push_str("]]");
        }
        t.push(']');
    }
    let mut analyzers: Vec<_> = ANALYZERS.iter().map(|a| super::analyzer(a)).collect();
    for word in &vocabulary {
        let w = &mut shards.entry(shard_key(word, prefix)).or_default().words;
        push_key(w, word);
        w.push('[');
        for a in 0..ANALYZERS.len() - 1 {
            if a > 0 {
                w.push(',');
            }
            match super::analyse(&mut analyzers, a, word).into_iter().next() {
                Some(t) if t != *word => push_str(w, &t),
                _ => w.push('0'),
            }
        }
        w.push(']');
    }

    let mut pages = Vec::new();
    let mut shard_keys = Vec::new();
    for (key, shard) in shards {
        let mut out = format!("ConcordSearchLoad(\"shard\",\"{key}\",{{\"s\":{{");
        out.push_str(&shard.words);
        out.push_str("},\"t\":{");
        out.push_str(&shard.terms);
        out.push_str("}});\n");
        pages.push(Page {
            path: format!("search/s-{key}.js"),
            bytes: out.into_bytes(),
        });
        shard_keys.push(key);
    }

    // display chunks
    for (ci, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<Value> = chunk
            .iter()
            .map(|d| {
                let src: String = d
                    .snippet_source()
                    .chars()
                    .take(SNIPPET_SOURCE_CHARS)
                    .collect();
                json!([
                    d.title,
                    d.location,
                    d.href,
                    d.kind,
                    src.replace('\n', " "),
                    u8::from(d.unverified),
                    u8::from(d.repealed)
                ])
            })
            .collect();
        pages.push(Page {
            path: format!("search/d-{ci}.js"),
            bytes: script("docs", json!(ci), &Value::Array(rows)),
        });
    }

    // facets: labels, and each document's values as indices into them
    fn borrow(m: &BTreeMap<String, String>) -> BTreeMap<&str, String> {
        m.iter().map(|(k, v)| (k.as_str(), v.clone())).collect()
    }
    let countries = borrow(&labels.countries);
    let instruments = borrow(&labels.instruments);
    let offences = borrow(&labels.offences);
    let positions = |m: &BTreeMap<&str, String>| -> BTreeMap<String, usize> {
        m.keys()
            .enumerate()
            .map(|(i, k)| (k.to_string(), i))
            .collect()
    };
    let (pc, pi, po) = (
        positions(&countries),
        positions(&instruments),
        positions(&offences),
    );
    let doc_facets: Vec<Value> = docs
        .iter()
        .map(|d| {
            let idx = |m: &BTreeMap<String, usize>, v: &[String]| -> Vec<usize> {
                v.iter().filter_map(|x| m.get(x).copied()).collect()
            };
            json!([
                KINDS.iter().position(|k| *k == d.kind).unwrap_or(0),
                idx(&pc, &d.countries),
                idx(&pi, &d.instruments),
                idx(&po, &d.offences),
            ])
        })
        .collect();
    let labels = |m: &BTreeMap<&str, String>| -> Vec<Value> {
        m.iter().map(|(k, v)| json!([k, v])).collect()
    };
    // [id, plural for the filter, singular for a result's "where" line]
    let kind_labels: Vec<Value> = KINDS
        .iter()
        .map(|k| {
            let (plural, singular) = match *k {
                "provision" => ("National provisions", "National provision"),
                "article" => ("Treaty articles", "Treaty article"),
                "instrument" => ("Instruments", "Instrument"),
                "country" => ("Countries", "Country"),
                "mla" => ("MLA profiles", "MLA profile"),
                _ => ("Networks", "Network"),
            };
            json!([k, plural, singular])
        })
        .collect();
    let fields: Vec<Value> = TEXT_FIELDS
        .iter()
        .enumerate()
        .map(|(fi, f)| {
            json!({
                "name": f.name,
                "analyzer": f.analyzer,
                "boost": f.boost,
                "tokens": tokens[fi],
                "norms": base64(&norms[fi]),
            })
        })
        .collect();
    let table: Vec<u32> = (0..=255u8)
        .map(tantivy::fieldnorm::FieldNormReader::id_to_fieldnorm)
        .collect();
    let meta = json!({
        "version": 1,
        "docs": n,
        "prefix": prefix,
        "chunk": CHUNK,
        "analyzers": ANALYZERS,
        "function_words": FUNCTION_WORDS,
        "facet_names": FACETS,
        "fields": fields,
        "norm_table": table,
        "shards": shard_keys,
        "facets": {
            "kind": kind_labels,
            "country": labels(&countries),
            "instrument": labels(&instruments),
            "offence": labels(&offences),
        },
        "doc_facets": doc_facets,
    });
    pages.push(Page {
        path: "search/meta.js".into(),
        bytes: script("meta", json!(0), &meta),
    });
    Ok(pages)
}

/// The browser index files: what `concord build` adds to the site.
pub fn site_files(corpus: &Corpus) -> Result<Vec<Page>, String> {
    spawn(corpus).join()
}

/// The search work of a build, running on its own thread while the pages render.
pub struct SearchJob(std::thread::JoinHandle<Result<Vec<Page>, String>>);

impl SearchJob {
    /// Waits for the thread and returns the browser index files.
    pub fn join(self) -> Result<Vec<Page>, String> {
        self.0
            .join()
            .unwrap_or_else(|_| Err("search index: the indexing thread failed".into()))
    }
}

/// Collects the search documents (fast, needs the corpus), then analyses and exports them on a
/// new thread.
pub fn spawn(corpus: &Corpus) -> SearchJob {
    let docs = super::docs::collect(corpus);
    let labels = Labels::of(corpus, &docs);
    SearchJob(std::thread::spawn(move || export_with(&docs, &labels)))
}
