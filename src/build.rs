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

/// Renders the whole site in memory from a checked corpus.
pub fn render_all(checked: &Checked, theme: &Theme) -> Result<Vec<Page>, String> {
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
    let t = Instant::now();
    let mut pages = r.all()?;
    timing("entity pages", t);
    // Comparisons/scoreboards and the JSON export are independent: one per core.
    let t = Instant::now();
    let (compare, json) = rayon::join(
        || crate::render::compare::pages(&r, &checked.corpus),
        || export::concord_json(&checked.corpus),
    );
    pages.extend(compare?);
    pages.push(Page {
        path: "data/concord.json".into(),
        bytes: json.into_bytes(),
    });
    timing("compare, gaps and concord.json", t);
    let t = Instant::now();
    pages.extend(crate::render::mla::pages(&r, &checked.corpus)?);
    timing("MLA assistant", t);
    let t = Instant::now();
    pages.extend(search.join()?);
    timing("search index", t);
    for (name, bytes) in &theme.statics {
        pages.push(Page {
            path: format!("static/{name}"),
            bytes: bytes.clone(),
        });
    }
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
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
    bar.set_message("rendering");
    let pages = render_all(&checked, &theme).map_err(BuildError::Other)?;
    bar.set_length(pages.len() as u64);
    bar.set_message("writing");
    let t = Instant::now();
    crate::write::write_site(o.out, &pages).map_err(BuildError::Other)?;
    timing("write", t);
    bar.set_position(pages.len() as u64);
    bar.finish_and_clear();
    Ok(Built {
        pages: pages.len(),
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
