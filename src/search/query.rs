//! The query language, shared with the browser (`site/static/search.js` implements the same
//! rules):
//!
//! - words: every word must match in some field (title, text, English summary, names); when no
//!   document has them all, any word may match (results ranked by BM25 either way); function
//!   words ("de", "the", see `FUNCTION_WORDS`) are dropped when the query has other words;
//! - `"quoted phrases"`: the words in this order;
//! - `-word` / `-"phrase"`: exclude documents that match;
//! - `kind:provision`, `country:PER`, `instrument:untoc`, `offence:laundering`: filters.

use std::collections::BTreeSet;

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::{ANALYZERS, FACETS, FUNCTION_WORDS, KINDS, SearchIndex, TEXT_FIELDS};

/// A required or excluded part of a query: one word, or a phrase (two or more words). Words are
/// surface words: lower-cased and ASCII-folded, not yet stemmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Group {
    Word(String),
    Phrase(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParsedQuery {
    pub groups: Vec<Group>,
    pub exclude: Vec<Group>,
    /// (facet name, lower-cased value)
    pub filters: Vec<(String, String)>,
}

/// Filters given outside the query text (CLI options, page controls).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub kind: Option<String>,
    pub country: Option<String>,
    pub instrument: Option<String>,
    pub offence: Option<String>,
}

/// A query the user must fix: the message says what and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub ord: usize,
    pub score: f32,
}

/// A piece of text with the byte ranges of matched words.
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text with matched words wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(a, b) in &self.highlights {
            out.push_str(&self.text[at..a]);
            out.push_str(open);
            out.push_str(&self.text[a..b]);
            out.push_str(close);
            at = b;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// Drops single function words ("de", "the") from the required groups when any other group is
/// left; phrases keep theirs. Same rule as `dropFunctionWords` in the browser.
fn drop_function_words(groups: &mut Vec<Group>) {
    let is_function =
        |g: &Group| matches!(g, Group::Word(w) if FUNCTION_WORDS.contains(&w.as_str()));
    if groups.iter().any(|g| !is_function(g)) {
        groups.retain(|g| !is_function(g));
    }
}

impl SearchIndex {
    /// Parses the query text (see the module documentation for the syntax).
    pub fn parse(&self, q: &str) -> Result<ParsedQuery, QueryError> {
        let chars: Vec<char> = q.chars().collect();
        let mut out = ParsedQuery::default();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let mut negate = false;
            if chars[i] == '-' && chars.get(i + 1).is_some_and(|c| !c.is_whitespace()) {
                negate = true;
                i += 1;
            }
            if chars[i] == '"' {
                let Some(len) = chars[i + 1..].iter().position(|c| *c == '"') else {
                    let rest: String = chars[i..].iter().collect();
                    return Err(QueryError(format!(
                        "unclosed quote in {rest}: add a closing \" to search for a phrase, or remove the quote"
                    )));
                };
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 2;
                let words = self.surface_words(&inner);
                let g = match words.len() {
                    0 => continue,
                    1 => Group::Word(words.into_iter().next().unwrap_or_default()),
                    _ => Group::Phrase(words),
                };
                if negate {
                    out.exclude.push(g);
                } else {
                    out.groups.push(g);
                }
                continue;
            }
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
                i += 1;
            }
            let token: String = chars[start..i].iter().collect();
            if let Some((field, value)) = token.split_once(':') {
                let field = field.to_lowercase();
                if FACETS.contains(&field.as_str()) {
                    if negate {
                        return Err(QueryError(format!(
                            "-{token}: filters cannot be negated; use {token} to keep only those results"
                        )));
                    }
                    let value = value.to_lowercase();
                    if value.is_empty() {
                        return Err(QueryError(format!(
                            "filter {field}: needs a value, e.g. {}",
                            example(&field)
                        )));
                    }
                    if field == "kind" && !KINDS.contains(&value.as_str()) {
                        return Err(QueryError(format!(
                            "unknown kind `{value}`: expected one of {}",
                            KINDS.join(", ")
                        )));
                    }
                    out.filters.push((field, value));
                    continue;
                }
            }
            for w in self.surface_words(&token) {
                if negate {
                    out.exclude.push(Group::Word(w));
                } else {
                    out.groups.push(Group::Word(w));
                }
            }
        }
        drop_function_words(&mut out.groups);
        Ok(out)
    }

    /// One group as a tantivy query: the word (or phrase) in any text field, each field with its
    /// own analyzer and boost.
    fn group_query(&self, g: &Group) -> Box<dyn Query> {
        let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (fi, tf) in TEXT_FIELDS.iter().enumerate() {
            let field = self.text_fields[fi];
            let q: Box<dyn Query> = match g {
                Group::Word(w) => {
                    let Some(t) = self.analyse(tf.analyzer, w).into_iter().next() else {
                        continue;
                    };
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, &t),
                        IndexRecordOption::WithFreqs,
                    ))
                }
                Group::Phrase(ws) => {
                    let terms: Vec<Term> = ws
                        .iter()
                        .filter_map(|w| self.analyse(tf.analyzer, w).into_iter().next())
                        .map(|t| Term::from_field_text(field, &t))
                        .collect();
                    if terms.len() < 2 {
                        continue;
                    }
                    Box::new(PhraseQuery::new(terms))
                }
            };
            should.push((Occur::Should, Box::new(BoostQuery::new(q, tf.boost))));
        }
        Box::new(BooleanQuery::new(should))
    }

    fn build_query(&self, p: &ParsedQuery, conjunction: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !p.groups.is_empty() {
            let groups: Vec<Box<dyn Query>> =
                p.groups.iter().map(|g| self.group_query(g)).collect();
            if conjunction {
                clauses.extend(groups.into_iter().map(|q| (Occur::Must, q)));
            } else {
                let any =
                    BooleanQuery::new(groups.into_iter().map(|q| (Occur::Should, q)).collect());
                clauses.push((Occur::Must, Box::new(any)));
            }
        }
        for g in &p.exclude {
            clauses.push((Occur::MustNot, self.group_query(g)));
        }
        for (name, value) in &p.filters {
            if let Some(fi) = FACETS.iter().position(|f| f == name) {
                let t = TermQuery::new(
                    Term::from_field_text(self.facet_fields[fi], value),
                    IndexRecordOption::Basic,
                );
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(t), 0.0)),
                ));
            }
        }
        if p.groups.is_empty() && p.filters.is_empty() {
            return Box::new(BooleanQuery::new(vec![]));
        }
        if p.groups.is_empty() {
            // Only filters (and exclusions): everything that passes, unranked.
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(tantivy::query::AllQuery),
                    0.0,
                )),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn run(&self, q: &dyn Query, limit: usize) -> Result<Vec<Hit>, String> {
        let searcher = self.reader.searcher();
        // Extra room so ties at the cut are broken by document order, as in the browser.
        let top = searcher
            .search(q, &TopDocs::with_limit(limit + 64).order_by_score())
            .map_err(|e| format!("search: {e}"))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            hits.push(Hit {
                ord: self.ord_of(addr)?,
                score,
            });
        }
        sort_hits(&mut hits);
        hits.truncate(limit);
        Ok(hits)
    }

    fn ord_of(&self, addr: DocAddress) -> Result<usize, String> {
        let searcher = self.reader.searcher();
        let seg = searcher.segment_reader(addr.segment_ord);
        let col = seg
            .fast_fields()
            .u64("ord")
            .map_err(|e| format!("search: {e}"))?;
        col.first(addr.doc_id)
            .map(|o| o as usize)
            .ok_or_else(|| "search: document without ord".to_string())
    }

    /// Runs a parsed query: documents with all the words first, then those with some.
    pub fn search_parsed(&self, p: &ParsedQuery, limit: usize) -> Result<Vec<Hit>, String> {
        if p.groups.is_empty() && p.filters.is_empty() {
            return Ok(vec![]);
        }
        let mut hits = self.run(&*self.build_query(p, true), limit)?;
        if hits.len() < limit && p.groups.len() > 1 {
            // then documents with only some of the words, ranked among themselves
            let more = self.run(&*self.build_query(p, false), limit + hits.len())?;
            let seen: BTreeSet<usize> = hits.iter().map(|h| h.ord).collect();
            let room = limit - hits.len();
            hits.extend(
                more.into_iter()
                    .filter(|h| !seen.contains(&h.ord))
                    .take(room),
            );
        }
        Ok(hits)
    }

    /// Parses `q`, adds the `filters`, and runs it.
    pub fn search(
        &self,
        q: &str,
        filters: &Filters,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let mut p = self.parse(q).map_err(SearchError::Query)?;
        for (name, v) in [
            ("kind", &filters.kind),
            ("country", &filters.country),
            ("instrument", &filters.instrument),
            ("offence", &filters.offence),
        ] {
            if let Some(v) = v {
                p.filters.push((name.to_string(), v.to_lowercase()));
            }
        }
        self.search_parsed(&p, limit).map_err(SearchError::Other)
    }

    /// Analysed query terms per analyzer (for highlighting).
    fn query_terms(&self, p: &ParsedQuery) -> Vec<BTreeSet<String>> {
        let mut words: Vec<&String> = Vec::new();
        for g in &p.groups {
            match g {
                Group::Word(w) => words.push(w),
                Group::Phrase(ws) => words.extend(ws.iter()),
            }
        }
        (0..ANALYZERS.len())
            .map(|a| {
                words
                    .iter()
                    .flat_map(|w| self.analyse(a, w))
                    .collect::<BTreeSet<_>>()
            })
            .collect()
    }

    /// A window of the document's text around the first matched word, matched words marked.
    pub fn snippet(&self, ord: usize, p: &ParsedQuery, max_chars: usize) -> Snippet {
        let Some(doc) = self.docs.get(ord) else {
            return Snippet {
                text: String::new(),
                highlights: vec![],
            };
        };
        let source = doc.snippet_source();
        let terms = self.query_terms(p);
        let mut analyzers: Vec<_> = ANALYZERS.iter().map(|a| super::analyzer(a)).collect();
        let mut tokens: Vec<(usize, usize)> = Vec::new();
        {
            let Some(xx) = analyzers.last_mut() else {
                return Snippet {
                    text: String::new(),
                    highlights: vec![],
                };
            };
            let mut ts = xx.token_stream(&source);
            while ts.advance() {
                tokens.push((ts.token().offset_from, ts.token().offset_to));
            }
        }
        let matched: Vec<(usize, usize)> = tokens
            .into_iter()
            .filter(|&(a, b)| {
                let word = &source[a..b];
                (0..ANALYZERS.len()).any(|ai| {
                    super::analyse(&mut analyzers, ai, word)
                        .first()
                        .is_some_and(|t| terms[ai].contains(t))
                })
            })
            .collect();
        window(&source, &matched, max_chars)
    }
}

/// Cuts `max_chars` characters of `source` starting a little before the first highlight, on
/// word boundaries, and shifts the highlights into the cut.
pub fn window(source: &str, matched: &[(usize, usize)], max_chars: usize) -> Snippet {
    let first = matched.first().map(|m| m.0).unwrap_or(0);
    // start up to 60 characters before the first match, at a word boundary
    let mut start = source[..first]
        .char_indices()
        .rev()
        .take(60)
        .last()
        .map(|(i, _)| i)
        .unwrap_or(first);
    if start > 0
        && let Some(sp) = source[start..first].find(char::is_whitespace)
    {
        start += sp + 1;
    }
    let mut end = source.len();
    if let Some((i, _)) = source[start..].char_indices().nth(max_chars) {
        end = start + i;
        if let Some(sp) = source[start..end].rfind(char::is_whitespace) {
            end = start + sp;
        }
    }
    let mut text = String::new();
    let prefix = if start > 0 { "… " } else { "" };
    text.push_str(prefix);
    text.push_str(source[start..end].trim_end());
    if end < source.len() {
        text.push_str(" …");
    }
    let shift = prefix.len();
    let text_end = shift + source[start..end].trim_end().len();
    let highlights = matched
        .iter()
        .filter(|&&(a, b)| a >= start && b <= end)
        .map(|&(a, b)| (a - start + shift, b - start + shift))
        .filter(|&(_, b)| b <= text_end)
        .collect();
    Snippet {
        text: text.replace('\n', " "),
        highlights,
    }
}

/// Best score first; ties in document order (the browser sorts the same way).
pub fn sort_hits(hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.ord.cmp(&b.ord))
    });
}

fn example(field: &str) -> &'static str {
    match field {
        "kind" => "kind:provision",
        "country" => "country:PER",
        "instrument" => "instrument:untoc",
        _ => "offence:wildlife.trafficking",
    }
}

#[derive(Debug)]
pub enum SearchError {
    /// The query text is wrong: tell the user.
    Query(QueryError),
    Other(String),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Query(e) => write!(f, "{e}"),
            SearchError::Other(e) => f.write_str(e),
        }
    }
}
