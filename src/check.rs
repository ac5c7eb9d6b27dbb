//! `concord check`: load and validate a corpus, and summarise what it holds.

use std::path::Path;

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load::{Corpus, load};
use crate::model::Date;
use crate::validate::validate;

/// Counts shown by `concord check` and used by CI and editors.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub instruments: usize,
    pub articles: usize,
    pub countries: usize,
    pub provisions: usize,
    pub mla_profiles: usize,
    pub networks: usize,
    pub errors: usize,
    pub warnings: usize,
}

pub struct Checked {
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Today's date, or `CONCORD_TODAY` (YYYY-MM-DD) when set, so tests and reproducible builds can
/// pin it.
pub fn today() -> Date {
    std::env::var("CONCORD_TODAY")
        .ok()
        .and_then(|s| Date::parse(&s))
        .unwrap_or_else(|| Date(chrono::Utc::now().date_naive()))
}

/// Loads and validates the corpus at `root`; all problems are collected, none stops the run.
pub fn check(root: &Path, today: Date) -> Checked {
    let mut d = Diagnostics::default();
    let t = std::time::Instant::now();
    let corpus = load(root, &mut d);
    if std::env::var_os("CONCORD_TIMINGS").is_some() {
        eprintln!("timing: load: {} ms", t.elapsed().as_millis());
    }
    validate(&corpus, today, &mut d);
    let diagnostics = d.sorted();
    let count = |s| diagnostics.iter().filter(|x| x.severity == s).count();
    let summary = Summary {
        instruments: corpus.instruments.len(),
        articles: corpus.instruments.values().map(|i| i.articles.len()).sum(),
        countries: corpus.countries.len(),
        provisions: corpus.countries.values().map(|c| c.provisions.len()).sum(),
        mla_profiles: corpus
            .countries
            .values()
            .filter(|c| c.mla.is_some())
            .count(),
        networks: corpus.networks.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
    };
    Checked {
        corpus,
        diagnostics,
        summary,
    }
}

/// For commands that need a clean corpus (build, compare, gaps, mla, search): the checked corpus,
/// or `None` after printing its errors to stderr (the caller exits 1).
pub fn clean_or_report(root: &Path) -> Option<Checked> {
    let c = check(root, today());
    if !c.has_errors() {
        return Some(c);
    }
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        eprintln!("{d}");
    }
    eprintln!(
        "refused: the corpus has {} errors; run `concord check --corpus {}`",
        c.summary.errors,
        root.display()
    );
    None
}

/// Human report: every error, warnings grouped by kind with at most `limit` shown per kind.
pub fn human_report(c: &Checked, limit: usize) -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut out = String::new();
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
    {
        let _ = writeln!(out, "{d}");
    }
    let mut by_code: BTreeMap<_, Vec<&Diagnostic>> = BTreeMap::new();
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        by_code.entry(d.code).or_default().push(d);
    }
    for list in by_code.values() {
        for d in list.iter().take(limit) {
            let _ = writeln!(out, "{d}");
        }
        if list.len() > limit {
            let _ = writeln!(
                out,
                "… and {} more warnings like the last one (use --format json to see all)",
                list.len() - limit
            );
        }
    }
    let s = &c.summary;
    let _ = writeln!(
        out,
        "{} instruments, {} articles, {} countries, {} provisions, {} MLA profiles, {} networks: {} errors, {} warnings",
        s.instruments,
        s.articles,
        s.countries,
        s.provisions,
        s.mla_profiles,
        s.networks,
        s.errors,
        s.warnings
    );
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: &'a Summary,
    diagnostics: &'a [Diagnostic],
}

pub fn json_report(c: &Checked) -> String {
    serde_json::to_string_pretty(&JsonReport {
        summary: &c.summary,
        diagnostics: &c.diagnostics,
    })
    .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
