//! `concord search`: load and check the corpus, index it in memory (a fraction of a second for
//! the whole corpus), run the query, print ranked results.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use serde_json::json;

use super::query::SearchError;
use super::{Filters, SearchIndex};

pub fn run(corpus: &Path, query: &str, filters: &Filters, limit: usize, as_json: bool) -> ExitCode {
    let Some(c) = crate::check::clean_or_report(corpus) else {
        return ExitCode::from(1);
    };
    let ix = match SearchIndex::build(&c.corpus) {
        Ok(ix) => ix,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    match render(
        &ix,
        query,
        filters,
        limit,
        as_json,
        std::io::stdout().is_terminal(),
    ) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err(SearchError::Query(e)) => {
            eprintln!("error: invalid query: {e}");
            ExitCode::from(2)
        }
        Err(SearchError::Other(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Runs the query and formats the results (text or JSON).
pub fn render(
    ix: &SearchIndex,
    query: &str,
    filters: &Filters,
    limit: usize,
    as_json: bool,
    ansi: bool,
) -> Result<String, SearchError> {
    let hits = ix.search(query, filters, limit)?;
    let mut parsed = ix.parse(query).map_err(SearchError::Query)?;
    parsed.filters.clear();
    let mut out = String::new();
    if as_json {
        let results: Vec<_> = hits
            .iter()
            .enumerate()
            .filter_map(|(rank, h)| {
                let d = ix.docs.get(h.ord)?;
                let snip = ix.snippet(h.ord, &parsed, 240);
                Some(json!({
                    "rank": rank + 1,
                    "score": h.score,
                    "kind": d.kind,
                    "title": d.title,
                    "location": d.location,
                    "path": d.href,
                    "snippet": snip.text,
                    "highlights": snip.highlights,
                    "snippet_marked": snip.marked("**", "**"),
                    "countries": d.countries,
                    "instruments": d.instruments,
                    "offences": d.offences,
                    "unverified": d.unverified,
                    "repealed": d.repealed,
                }))
            })
            .collect();
        let v = json!({ "query": query, "results": results });
        out.push_str(&serde_json::to_string_pretty(&v).unwrap_or_default());
        out.push('\n');
        return Ok(out);
    }
    if hits.is_empty() {
        out.push_str(&format!("no results for {query:?}\n"));
        return Ok(out);
    }
    let (open, close) = if ansi {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    for (rank, h) in hits.iter().enumerate() {
        let Some(d) = ix.docs.get(h.ord) else {
            continue;
        };
        let snip = ix.snippet(h.ord, &parsed, 240);
        out.push_str(&format!(
            "{:>2}. {}{}{}\n    {} · {}\n    {}\n    {}\n",
            rank + 1,
            d.title,
            if d.repealed { " [repealed]" } else { "" },
            if d.unverified { " [unverified]" } else { "" },
            d.kind,
            d.location,
            snip.marked(open, close),
            d.href
        ));
    }
    Ok(out)
}
