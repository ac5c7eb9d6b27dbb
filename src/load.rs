//! Stage 1, load: walk `corpus/`, place every file by its path, read it as UTF-8 and parse it into
//! the typed model. Nothing here panics on bad input; every problem becomes a diagnostic and the
//! file is skipped, so one run reports all broken files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Code, Diagnostics};
use crate::model::*;

/// Files larger than this are refused before parsing: no corpus file needs more, and it keeps a
/// stray dump from exhausting memory.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// Everything read from the corpus, keyed by path-derived ids. Ordered maps keep every later
/// stage (and so the site) deterministic.
#[derive(Debug, Default)]
pub struct Corpus {
    pub root: PathBuf,
    pub offences: Option<Loaded<OffencesFile>>,
    pub rates: Option<Loaded<RatesFile>>,
    pub instruments: BTreeMap<String, Instrument>,
    pub countries: BTreeMap<String, Country>,
    pub networks: BTreeMap<String, Loaded<NetworkFile>>,
}

/// A parsed file with the corpus-relative path it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub file: String,
    pub data: T,
}

/// A Markdown file: its front matter, the Markdown body, and the line the body starts on.
#[derive(Debug, Clone)]
pub struct Doc<T> {
    pub file: String,
    pub front: T,
    pub body: String,
    pub body_line: u64,
}

#[derive(Debug, Default)]
pub struct Instrument {
    pub id: String,
    pub meta: Option<Loaded<InstrumentFile>>,
    pub parties: Option<Loaded<PartiesFile>>,
    /// Keyed by article number as written in the file name.
    pub articles: BTreeMap<String, Doc<ArticleFront>>,
}

#[derive(Debug, Default)]
pub struct Country {
    pub iso3: String,
    pub meta: Option<Loaded<CountryFile>>,
    pub mla: Option<Loaded<MlaFile>>,
    /// Keyed by provision id (`per-cp-308`).
    pub provisions: BTreeMap<String, Doc<ProvisionFront>>,
}

impl Country {
    /// Repealed provisions that covered `offence`: not evidence of anything today, but they tell
    /// a reader the offence was researched and its successor is what is missing.
    pub fn repealed_for<'a>(
        &'a self,
        offence: &'a str,
    ) -> impl Iterator<Item = (&'a String, &'a Doc<ProvisionFront>)> + 'a {
        self.provisions.iter().filter(move |(_, d)| {
            !d.front.in_force() && d.front.offences.iter().any(|o| o.value == offence)
        })
    }
}

/// Where a path sits in the corpus layout.
enum Place {
    Offences,
    Rates,
    Readme,
    Instrument(String),
    Parties(String),
    Article(String, String),
    Country(String),
    Mla(String),
    Provision(String, String),
    Network(String),
}

const LAYOUT_HELP: &str = "expected one of: offences.yaml, rates.yaml, \
instruments/<id>/{instrument.yaml,parties.yaml,articles/<number>.md}, \
countries/<ISO3>/{country.yaml,mla.yaml,provisions/<slug>.md}, networks/<id>.yaml";

fn place_of(rel: &[&str]) -> Option<Place> {
    let md = |s: &str| s.strip_suffix(".md").map(str::to_string);
    let yaml = |s: &str| s.strip_suffix(".yaml").map(str::to_string);
    match rel {
        ["offences.yaml"] => Some(Place::Offences),
        ["rates.yaml"] => Some(Place::Rates),
        ["README.md"] => Some(Place::Readme),
        ["instruments", id, "instrument.yaml"] => Some(Place::Instrument(id.to_string())),
        ["instruments", id, "parties.yaml"] => Some(Place::Parties(id.to_string())),
        ["instruments", id, "articles", f] => md(f).map(|n| Place::Article(id.to_string(), n)),
        ["countries", c, "country.yaml"] => Some(Place::Country(c.to_string())),
        ["countries", c, "mla.yaml"] => Some(Place::Mla(c.to_string())),
        ["countries", c, "provisions", f] => md(f).map(|s| Place::Provision(c.to_string(), s)),
        ["networks", f] => yaml(f).map(Place::Network),
        _ => None,
    }
}

/// Reads the whole corpus under `root`. Problems go to `diags`; what could be read is returned.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Corpus {
    let mut corpus = Corpus {
        root: root.to_path_buf(),
        ..Corpus::default()
    };
    if !root.is_dir() {
        diags.error(
            &root.display().to_string(),
            1,
            1,
            Code::Layout,
            "corpus directory not found: expected a folder holding offences.yaml, instruments/, countries/ …",
        );
        return corpus;
    }
    let mut files = Vec::new();
    walk(root, root, &mut files, diags);
    files.sort();
    use rayon::prelude::*;
    let parsed: Vec<(Parsed, Diagnostics)> = files
        .par_iter()
        .map(|rel| {
            let mut d = Diagnostics::default();
            let p = parse_file(root, rel, &mut d);
            (p, d)
        })
        .collect();
    for (p, d) in parsed {
        diags.items.extend(d.items);
        place_parsed(&mut corpus, p);
    }
    apply_country_numbering(&mut corpus);
    corpus
}

/// A provision that does not say how its law is numbered takes its country's `numbering`, so
/// every later stage reads one field and cites "s. 45" for a Kenyan Act, "art. 308" for a code.
fn apply_country_numbering(corpus: &mut Corpus) {
    for c in corpus.countries.values_mut() {
        let Some(n) = c.meta.as_ref().and_then(|m| m.data.numbering) else {
            continue;
        };
        for d in c.provisions.values_mut() {
            d.front.numbering.get_or_insert(n);
        }
    }
}

/// Collects corpus-relative paths of all files, skipping hidden entries (`.git`, `.DS_Store`).
fn walk(root: &Path, dir: &Path, out: &mut Vec<String>, diags: &mut Diagnostics) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.error(
                &rel_of(root, dir),
                1,
                1,
                Code::Layout,
                format!("cannot read folder: {e}"),
            );
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(root, &path, out, diags),
            Ok(_) => out.push(rel_of(root, &path)),
            Err(e) => diags.error(&rel_of(root, &path), 1, 1, Code::Layout, e.to_string()),
        }
    }
}

fn rel_of(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A file read and parsed on its own, before it is placed in the corpus. Parsing is the slow
/// part and needs nothing from other files, so it runs in parallel.
enum Parsed {
    Nothing,
    Offences(Option<Box<Loaded<OffencesFile>>>),
    Rates(Option<Box<Loaded<RatesFile>>>),
    Instrument(String, Option<Box<Loaded<InstrumentFile>>>),
    Parties(String, Option<Box<Loaded<PartiesFile>>>),
    Article(String, String, Option<Box<Doc<ArticleFront>>>),
    Country(String, Option<Box<Loaded<CountryFile>>>),
    Mla(String, Option<Box<Loaded<MlaFile>>>),
    Provision(String, String, Option<Box<Doc<ProvisionFront>>>),
    Network(String, Option<Box<Loaded<NetworkFile>>>),
}

fn parse_file(root: &Path, rel: &str, diags: &mut Diagnostics) -> Parsed {
    let parts: Vec<&str> = rel.split('/').collect();
    let Some(place) = place_of(&parts) else {
        diags.error(
            rel,
            1,
            1,
            Code::Layout,
            format!("file in an unexpected place: {LAYOUT_HELP}"),
        );
        return Parsed::Nothing;
    };
    if matches!(place, Place::Readme) {
        return Parsed::Nothing;
    }
    let text = read_text(&root.join(rel), rel, diags);
    // An unreadable file still registers its entity (below, with `None`): a country whose
    // country.yaml is broken exists, so references to it add no cascade of errors.
    let text = text.as_deref();
    match place {
        Place::Readme => Parsed::Nothing,
        Place::Offences => {
            Parsed::Offences(text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new))
        }
        Place::Rates => Parsed::Rates(text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new)),
        Place::Instrument(id) => Parsed::Instrument(
            id,
            text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new),
        ),
        Place::Parties(id) => Parsed::Parties(
            id,
            text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new),
        ),
        Place::Article(id, n) => Parsed::Article(
            id,
            n,
            text.and_then(|t| parse_doc(rel, t, diags)).map(Box::new),
        ),
        Place::Country(iso) => Parsed::Country(
            iso,
            text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new),
        ),
        Place::Mla(iso) => Parsed::Mla(
            iso,
            text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new),
        ),
        Place::Provision(iso, slug) => Parsed::Provision(
            iso,
            slug,
            text.and_then(|t| parse_doc(rel, t, diags)).map(Box::new),
        ),
        Place::Network(id) => Parsed::Network(
            id,
            text.and_then(|t| parse_yaml(rel, t, diags)).map(Box::new),
        ),
    }
}

fn place_parsed(corpus: &mut Corpus, parsed: Parsed) {
    match parsed {
        Parsed::Nothing => {}
        Parsed::Offences(x) => corpus.offences = x.map(|b| *b),
        Parsed::Rates(x) => corpus.rates = x.map(|b| *b),
        Parsed::Instrument(id, x) => instrument(corpus, &id).meta = x.map(|b| *b),
        Parsed::Parties(id, x) => instrument(corpus, &id).parties = x.map(|b| *b),
        Parsed::Article(id, number, x) => {
            let inst = instrument(corpus, &id);
            if let Some(doc) = x {
                inst.articles.insert(number, *doc);
            }
        }
        Parsed::Country(iso, x) => country(corpus, &iso).meta = x.map(|b| *b),
        Parsed::Mla(iso, x) => country(corpus, &iso).mla = x.map(|b| *b),
        Parsed::Provision(iso, slug, x) => {
            let c = country(corpus, &iso);
            if let Some(doc) = x {
                c.provisions
                    .insert(format!("{}-{}", iso.to_lowercase(), slug), *doc);
            }
        }
        Parsed::Network(id, x) => {
            if let Some(n) = x {
                corpus.networks.insert(id, *n);
            }
        }
    }
}

fn instrument<'a>(corpus: &'a mut Corpus, id: &str) -> &'a mut Instrument {
    corpus
        .instruments
        .entry(id.to_string())
        .or_insert_with(|| Instrument {
            id: id.to_string(),
            ..Instrument::default()
        })
}

fn country<'a>(corpus: &'a mut Corpus, iso: &str) -> &'a mut Country {
    corpus
        .countries
        .entry(iso.to_string())
        .or_insert_with(|| Country {
            iso3: iso.to_string(),
            ..Country::default()
        })
}

/// Reads a file as UTF-8 text, refusing empty, oversized and non-UTF-8 files with a located error.
fn read_text(path: &Path, rel: &str, diags: &mut Diagnostics) -> Option<String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            diags.error(rel, 1, 1, Code::Parse, format!("cannot read file: {e}"));
            return None;
        }
    };
    if meta.len() > MAX_FILE_BYTES as u64 {
        diags.error(
            rel,
            1,
            1,
            Code::Parse,
            format!(
                "file too large: {} bytes, expected at most {MAX_FILE_BYTES} bytes (split it, or check it is not a stray dump)",
                meta.len()
            ),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(rel, 1, 1, Code::Parse, format!("cannot read file: {e}"));
            return None;
        }
    };
    decode(rel, bytes, diags)
}

/// UTF-8 decoding with the position of the first bad byte; an empty file is an error too.
pub fn decode(rel: &str, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<String> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, col) = line_col_of_end(good);
            diags.error(
                rel,
                line,
                col,
                Code::Parse,
                "invalid UTF-8: expected the file to be saved as UTF-8 text",
            );
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.error(
            rel,
            1,
            1,
            Code::Parse,
            "empty file: expected YAML content (see docs/corpus.md for this file kind)",
        );
        return None;
    }
    Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text),
    )
}

/// 1-based line and column just after `bytes` (columns counted in characters).
fn line_col_of_end(bytes: &[u8]) -> (u64, u64) {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() as u64 + 1;
    let last = text.rsplit('\n').next().unwrap_or("");
    (line, last.chars().count() as u64 + 1)
}

/// Parses YAML into `T`. Duplicate keys, unknown fields and wrong types are errors with position.
pub fn parse_yaml<T: DeserializeOwned>(
    rel: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Loaded<T>> {
    parse_yaml_at(rel, text, 0, diags).map(|data| Loaded {
        file: rel.to_string(),
        data,
    })
}

fn parse_yaml_at<T: DeserializeOwned>(
    rel: &str,
    text: &str,
    line_offset: u64,
    diags: &mut Diagnostics,
) -> Option<T> {
    match serde_saphyr::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((1, 1));
            diags.error(
                rel,
                line + line_offset,
                col,
                Code::Parse,
                explain_yaml_error(&e.without_snippet().to_string()),
            );
            None
        }
    }
}

/// serde-saphyr's messages end with " at line N, column M" (we print the position ourselves) and
/// name Rust types; say what the curator should write instead.
fn explain_yaml_error(raw: &str) -> String {
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let msg = msg.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    if msg.starts_with("duplicate mapping key") {
        return format!("{msg}: each key may appear only once in a mapping");
    }
    match msg.as_str() {
        "invalid i64" | "invalid u64" | "invalid i32" | "invalid u32" => {
            "wrong type: expected a whole number (e.g. 36)".to_string()
        }
        "invalid f64" | "invalid f32" => "wrong type: expected a number (e.g. 1500.50)".to_string(),
        "invalid bool" => "wrong type: expected `true` or `false`".to_string(),
        "unexpected end of input" => "empty or truncated YAML: expected a mapping of fields".into(),
        _ if msg.starts_with("missing field") => {
            format!("{msg}: this field is required (see docs/corpus.md)")
        }
        _ => msg,
    }
}

/// Splits `---` front matter from the Markdown body and parses the front matter.
pub fn parse_doc<T: DeserializeOwned>(
    rel: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Doc<T>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        diags.error(
            rel,
            1,
            1,
            Code::Parse,
            "missing front matter: expected the file to start with a `---` line, then YAML fields, then a closing `---` line",
        );
        return None;
    }
    let mut front = String::new();
    let mut line_no = 1u64;
    let mut closed = false;
    for l in lines.by_ref() {
        line_no += 1;
        if l.trim_end() == "---" {
            closed = true;
            break;
        }
        front.push_str(l);
    }
    if !closed {
        diags.error(
            rel,
            1,
            1,
            Code::Parse,
            "front matter not closed: expected a line `---` after the YAML fields that start on line 1",
        );
        return None;
    }
    let body: String = lines.collect();
    if front.trim().is_empty() {
        diags.error(
            rel,
            2,
            1,
            Code::Parse,
            "empty front matter: expected YAML fields between the `---` lines",
        );
        return None;
    }
    // The opening `---` becomes a blank line so YAML line numbers are file line numbers, for
    // parse errors and for the positions kept on values alike.
    let front = parse_yaml_at(rel, &format!("\n{front}"), 0, diags)?;
    Some(Doc {
        file: rel.to_string(),
        front,
        body,
        body_line: line_no + 1,
    })
}
