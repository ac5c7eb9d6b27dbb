//! `concord build`: check → render → write, refusing a corpus with errors and never leaving a
//! half-written site behind.

use std::path::Path;
use std::time::Instant;

use crate::check::{Checked, check, human_report};
use crate::model::Date;
use crate::render::{Page, Theme, export, pages::Renderer};

pub struct BuildOptions<'a> {
    pub corpus: &'a Path,
    pub out: &'a Path,
    pub theme: Option<&'a Path>,
    pub today: Date,
    /// Show a progress bar on a terminal and the closing summary line.
    pub progress: bool,
}

pub struct Built {
    pub pages: usize,
    pub millis: u128,
    pub warnings: usize,
}

pub enum BuildError {
    /// The corpus has errors: the report to show.
    Corpus(String),
    /// Anything else (template, I/O): the message.
    Other(String),
}

/// With `CONCORD_TIMINGS` set, each stage's time goes to stderr (for benchmarks and profiling).
fn timing(stage: &str, since: Instant) {
    if std::env::var_os("CONCORD_TIMINGS").is_some() {
        eprintln!("timing: {stage}: {} ms", since.elapsed().as_millis());
    }
}

/// Renders the whole site from a checked corpus, handing each finished batch of pages to `emit`
/// while the next batch renders (the build writes them to disk meanwhile). Returns the number of
/// files.
pub fn render_all(
    checked: &Checked,
    theme: &Theme,
    mut emit: impl FnMut(Vec<Page>) -> Result<(), String>,
) -> Result<usize, String> {
    // search indexing runs on its own thread while the pages render
    let search = crate::search::export::spawn(&checked.corpus);
    let mut r = Renderer::new(&checked.corpus, theme)?;
    r.extra_nav.push(crate::render::views::Link {
        label: "Compare".into(),
        href: "compare/index.html".into(),
    });
    r.extra_nav.push(crate::render::views::Link {
        label: "Gaps".into(),
        href: "gaps/index.html".into(),
    });
    r.extra_nav.push(crate::render::mla::nav_link());
    let mut count = 0;
    let mut emit = |pages: Vec<Page>| {
        count += pages.len();
        emit(pages)
    };
    let statics = theme
        .statics
        .iter()
        .map(|(name, bytes)| Page {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        })
        .collect();
    emit(statics)?;
    let t = Instant::now();
    emit(r.all()?)?;
    timing("entity pages", t);
    // Comparisons/scoreboards and the JSON export are independent: one per core.
    let t = Instant::now();
    let (compare, json) = rayon::join(
        || crate::render::compare::pages(&r, &checked.corpus),
        || export::concord_json(&checked.corpus),
    );
    let mut pages = compare?;
    pages.push(Page {
        path: "data/concord.json".into(),
        bytes: json.into_bytes(),
    });
    emit(pages)?;
    timing("compare, gaps and concord.json", t);
    let t = Instant::now();
    emit(crate::render::mla::pages(&r, &checked.corpus)?)?;
    timing("MLA assistant", t);
    let t = Instant::now();
    emit(search.join()?)?;
    timing("search index", t);
    Ok(count)
}

pub fn build(o: &BuildOptions) -> Result<Built, BuildError> {
    let start = Instant::now();
    let checked = check(o.corpus, o.today);
    timing("load and check", start);
    if checked.has_errors() {
        return Err(BuildError::Corpus(human_report(&checked, 20)));
    }
    let theme = match o.theme {
        Some(dir) => Theme::with_overrides(dir).map_err(BuildError::Other)?,
        None => Theme::embedded(),
    };
    let bar = progress_bar(o.progress);
    bar.set_message("rendering and writing");
    // Pages are written into a staging folder as they are rendered, each batch on its own thread
    // (on disk, writing ~190 MB costs as much as rendering it); the staging folder replaces the
    // output only once everything is written, and is removed if anything fails.
    let staging = crate::write::Staging::create(o.out).map_err(BuildError::Other)?;
    let pages = std::thread::scope(|s| {
        let mut writers = Vec::new();
        let rendered = render_all(&checked, &theme, |batch| {
            bar.inc_length(batch.len() as u64);
            let (staging, bar) = (&staging, &bar);
            writers.push(s.spawn(move || {
                let written = staging.write(&batch);
                bar.inc(batch.len() as u64);
                written
            }));
            Ok(())
        });
        let t = Instant::now();
        let mut result = rendered;
        for w in writers {
            let written = w
                .join()
                .unwrap_or_else(|_| Err("a writer thread panicked".to_string()));
            if let (Ok(_), Err(e)) = (&result, written) {
                result = Err(e);
            }
        }
        timing("write (after rendering)", t);
        result
    })
    .map_err(BuildError::Other)?;
    staging.commit().map_err(BuildError::Other)?;
    bar.finish_and_clear();
    Ok(Built {
        pages,
        millis: start.elapsed().as_millis(),
        warnings: checked.summary.warnings,
    })
}

/// A progress bar only on an interactive terminal; hidden otherwise (CI logs stay clean).
fn progress_bar(enabled: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}
