//! Search indexing benchmark: the work `concord build` does for search (collect the documents,
//! index them with tantivy in RAM, export the browser index), timed on its own.
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
        let ix = match concord::search::SearchIndex::from_docs(docs) {
            Ok(ix) => ix,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let index_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let pages = match concord::search::export::export(&ix.docs, &checked.corpus) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let export_ms = t.elapsed().as_secs_f64() * 1000.0;
        best.0 = best.0.min(collect_ms);
        best.1 = best.1.min(index_ms);
        best.2 = best.2.min(export_ms);
        files = (
            ix.docs.len(),
            pages.len(),
            pages.iter().map(|p| p.bytes.len()).sum(),
        );
    }
    println!("corpus load+check: {load_ms:.0} ms (not search work)");
    println!(
        "search documents: {}; browser index: {} files, {} bytes",
        files.0, files.1, files.2
    );
    println!(
        "search work in concord build (best of 3): collect {:.0} ms + tantivy indexing {:.0} ms + export {:.0} ms = {:.0} ms",
        best.0,
        best.1,
        best.2,
        best.0 + best.1 + best.2
    );
}
