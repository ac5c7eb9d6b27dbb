//! Search indexing benchmark: the work `concord build` does for search (collect the documents,
//! analyse them and export the browser index), timed on its own; and, for comparison, the
//! tantivy index that `concord search` builds (a build no longer needs it).
//!
//! cargo run --release --example bench_search -- CORPUS_DIR

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench_search CORPUS_DIR");
        std::process::exit(2);
    };
    let t = Instant::now();
    let checked = concord::check::check(std::path::Path::new(&dir), concord::check::today());
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    if checked.has_errors() {
        eprintln!("{}", concord::check::human_report(&checked, 5));
        std::process::exit(1);
    }
    let mut best = (f64::MAX, f64::MAX, f64::MAX);
    let mut files = (0usize, 0usize, 0usize);
    for _ in 0..3 {
        let t = Instant::now();
        let docs = concord::search::docs::collect(&checked.corpus);
        let collect_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let pages = match concord::search::export::export(&docs, &checked.corpus) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let export_ms = t.elapsed().as_secs_f64() * 1000.0;
        let n = docs.len();
        let t = Instant::now();
        if let Err(e) = concord::search::SearchIndex::from_docs(docs) {
            eprintln!("{e}");
            std::process::exit(1);
        }
        let index_ms = t.elapsed().as_secs_f64() * 1000.0;
        best.0 = best.0.min(collect_ms);
        best.1 = best.1.min(index_ms);
        best.2 = best.2.min(export_ms);
        files = (n, pages.len(), pages.iter().map(|p| p.bytes.len()).sum());
    }
    println!("corpus load+check: {load_ms:.0} ms (not search work)");
    println!(
        "search documents: {}; browser index: {} files, {} bytes",
        files.0, files.1, files.2
    );
    println!(
        "search work in concord build (best of 3): collect {:.0} ms + analysis and export {:.0} ms = {:.0} ms",
        best.0,
        best.2,
        best.0 + best.2
    );
    println!(
        "tantivy index of the same documents (concord search, not the build): {:.0} ms",
        best.1
    );
}
