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
//!   path, kind and the text snippets are cut from.
//!
//! Everything is read back from tantivy's own segments (term dictionary, postings, field
//! norms), so the browser ranks over exactly what tantivy indexed. The output depends only on
//! the corpus: maps are ordered and tantivy's files themselves never reach the site.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

use super::{ANALYZERS, FACETS, KINDS, SearchIndex, TEXT_FIELDS};
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

/// Postings of every term of every text field, read from the index: term → [(field, [(ord, tf)])].
type TermPostings = BTreeMap<String, Vec<(usize, Vec<(u32, u32)>)>>;

/// What `postings` reads back: terms with postings, field-norm ids per field (indexed by ord),
/// total tokens per field.
struct ReadBack {
    terms: TermPostings,
    norms: Vec<Vec<u8>>,
    tokens: Vec<u64>,
}

/// A shard's content: analysed terms → postings, surface words → analysed forms.
type Shard = (
    serde_json::Map<String, Value>,
    serde_json::Map<String, Value>,
);

fn postings(ix: &SearchIndex) -> Result<ReadBack, String> {
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
    Ok(ReadBack {
        terms,
        norms,
        tokens,
    })
}

/// Every file of the browser index, under `search/`.
pub fn export(ix: &SearchIndex, corpus: &Corpus) -> Result<Vec<Page>, String> {
    export_with(ix, &Labels::of(corpus, &ix.docs))
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
pub fn export_with(ix: &SearchIndex, labels: &Labels) -> Result<Vec<Page>, String> {
    let n = ix.docs.len();
    let prefix = if n < 2000 { 1 } else { 2 };
    let ReadBack {
        terms,
        norms,
        tokens,
    } = postings(ix)?;

    // shards: analysed terms with postings, and surface words with their analysed forms
    let mut shards: BTreeMap<String, Shard> = BTreeMap::new();
    for (term, lists) in &terms {
        let encoded: Vec<Value> = lists
            .iter()
            .map(|(fi, l)| {
                let mut flat = Vec::with_capacity(l.len() * 2);
                let mut prev = 0u32;
                for &(d, tf) in l {
                    flat.push(d - prev);
                    flat.push(tf);
                    prev = d;
                }
                json!([fi, flat])
            })
            .collect();
        shards
            .entry(shard_key(term, prefix))
            .or_default()
            .0
            .insert(term.clone(), Value::Array(encoded));
    }
    let mut analyzers = ix.analyzers();
    for word in ix.vocabulary() {
        let forms: Vec<Value> = (0..ANALYZERS.len() - 1)
            .map(
                |a| match super::analyse(&mut analyzers, a, &word).into_iter().next() {
                    Some(t) if t != word => json!(t),
                    _ => json!(0),
                },
            )
            .collect();
        shards
            .entry(shard_key(&word, prefix))
            .or_default()
            .1
            .insert(word, Value::Array(forms));
    }

    let mut pages = Vec::new();
    let mut shard_keys = Vec::new();
    for (key, (t, s)) in shards {
        pages.push(Page {
            path: format!("search/s-{key}.js"),
            bytes: script("shard", json!(key), &json!({"t": t, "s": s})),
        });
        shard_keys.push(key);
    }

    // display chunks
    for (ci, chunk) in ix.docs.chunks(CHUNK).enumerate() {
        let rows: Vec<Value> = chunk
            .iter()
            .map(|d| {
                let src: String = d
                    .snippet_source()
                    .chars()
                    .take(SNIPPET_SOURCE_CHARS)
                    .collect();
                json!([d.title, d.location, d.href, d.kind, src.replace('\n', " ")])
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
    let doc_facets: Vec<Value> = ix
        .docs
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
    let kind_labels: Vec<Value> = KINDS
        .iter()
        .map(|k| {
            json!([
                k,
                match *k {
                    "provision" => "National provisions",
                    "article" => "Treaty articles",
                    "instrument" => "Instruments",
                    "country" => "Countries",
                    "mla" => "MLA profiles",
                    _ => "Networks",
                }
            ])
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

/// Builds the index and exports it: what `concord build` adds to the site.
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

/// Collects the search documents (fast, needs the corpus), then indexes and exports them on a
/// new thread.
pub fn spawn(corpus: &Corpus) -> SearchJob {
    let docs = super::docs::collect(corpus);
    let labels = Labels::of(corpus, &docs);
    SearchJob(std::thread::spawn(move || {
        let ix = SearchIndex::from_docs(docs)?;
        export_with(&ix, &labels)
    }))
}
