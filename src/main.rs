//! The `concord` command line. Exit codes: 0 success, 1 corpus errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

// Builds allocate many small strings (pages, tokens, YAML values); mimalloc is markedly faster
// than the system allocator at that. Its `no_thp` feature keeps transparent huge pages off:
// zeroing 2 MiB pages on first touch cost up to 2 s of system time per 10,000-provision build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Compile a corpus of treaties, national criminal provisions and MLA procedures into an offline, searchable static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the corpus: every error with file:line:col, then a summary
    Check {
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Treat warnings as errors (exit 1 if there are any)
        #[arg(long)]
        strict: bool,
        /// Output format
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
    },
    /// Check the corpus, then compile it into the static site (refuses a corpus with errors)
    Build {
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Output folder; replaced only once the new site is completely written
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Folder overriding templates/ and static/ files of the built-in theme
        #[arg(long)]
        theme: Option<PathBuf>,
        /// No progress bar, no summary line
        #[arg(long)]
        quiet: bool,
    },
    /// Compare the penalties for one offence across countries (prison, fine in USD, flags)
    Compare {
        /// Offence id from offences.yaml, e.g. wildlife.trafficking
        #[arg(long)]
        offence: String,
        /// Only these countries (ISO 3166-1 alpha-3, comma-separated)
        #[arg(long, value_delimiter = ',', conflicts_with = "network")]
        countries: Vec<String>,
        /// Only the members of this network (file name in networks/)
        #[arg(long)]
        network: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Gap analysis: each obligation of each instrument per country (met / gap / unknown / not party) and further checks
    #[command(group(clap::ArgGroup::new("scope").required(true).args(["network", "countries", "all"])))]
    Gaps {
        /// The members of this network (file name in networks/)
        #[arg(long)]
        network: Option<String>,
        /// These countries (ISO 3166-1 alpha-3, comma-separated)
        #[arg(long, value_delimiter = ',')]
        countries: Vec<String>,
        /// Every country in the corpus
        #[arg(long)]
        all: bool,
        /// Output format
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Build, serve the site on 127.0.0.1, rebuild and reload open pages when the corpus or theme changes
    Serve {
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Output folder for the preview build
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Theme folder to watch and use (default: ./site when it exists, so template edits show live)
        #[arg(long)]
        theme: Option<PathBuf>,
        /// Port on 127.0.0.1 (0 picks a free one)
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// MLA assistant: legal bases, the requested state's requirements, dual criminality, checklist and a draft request
    Mla {
        /// Requesting state (ISO 3166-1 alpha-3), e.g. PER
        #[arg(long)]
        from: String,
        /// Requested state (ISO 3166-1 alpha-3), e.g. ECU
        #[arg(long)]
        to: String,
        /// Offence id from offences.yaml, e.g. wildlife.trafficking
        #[arg(long)]
        offence: String,
        /// Output format: Markdown report and draft, printable HTML, or the analysis as JSON
        #[arg(long, value_enum, default_value = "md")]
        format: MlaFormat,
        /// Draft on this legal basis (a `key` from the JSON output, e.g. untoc, iacmacm, bilateral:PER:0, domestic_law) instead of the first one
        #[arg(long)]
        basis: Option<String>,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<PathBuf>,
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Search the corpus (the same index and ranking as the site's search page)
    Search {
        /// Words (pages with all of them first, then pages with some), "quoted phrases",
        /// -excluded words, and filters such as kind:provision, country:PER, instrument:untoc,
        /// offence:laundering
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only results about this country (ISO 3166-1 alpha-3)
        #[arg(long)]
        country: Option<String>,
        /// Only results about this instrument (id, e.g. untoc)
        #[arg(long)]
        instrument: Option<String>,
        /// Only results about this offence (id, e.g. wildlife.trafficking)
        #[arg(long)]
        offence: Option<String>,
        /// Only this kind of page
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(concord::search::KINDS))]
        kind: Option<String>,
        /// How many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// JSON output
        #[arg(long)]
        json: bool,
        /// Corpus folder
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
    },
    /// Write JSON Schemas of every corpus file kind, for editor validation and autocompletion
    Schema {
        /// Output folder
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            corpus,
            strict,
            format,
        } => {
            let c = concord::check::check(&corpus, concord::check::today());
            match format {
                CheckFormat::Human => print!("{}", concord::check::human_report(&c, 20)),
                CheckFormat::Json => println!("{}", concord::check::json_report(&c)),
            }
            if c.has_errors() || (strict && c.summary.warnings > 0) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Build {
            corpus,
            out,
            theme,
            quiet,
        } => {
            let opts = concord::build::BuildOptions {
                corpus: &corpus,
                out: &out,
                theme: theme.as_deref(),
                today: concord::check::today(),
                progress: !quiet,
            };
            match concord::build::build(&opts) {
                Ok(b) => {
                    if !quiet {
                        println!(
                            "built {} files into {} in {} ms ({} warnings; run `concord check` to see them)",
                            b.pages,
                            out.display(),
                            b.millis,
                            b.warnings
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(concord::build::BuildError::Corpus(report)) => {
                    eprint!("{report}");
                    eprintln!(
                        "build refused: the corpus has errors; {} left untouched",
                        out.display()
                    );
                    ExitCode::from(1)
                }
                Err(concord::build::BuildError::Other(msg)) => {
                    eprintln!("error: {msg}");
                    eprintln!("build failed; {} left untouched", out.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Compare {
            offence,
            countries,
            network,
            format,
            corpus,
        } => {
            let scope = report_scope(network, countries, false);
            run_report(&corpus, |c| {
                concord::derive::penalties::compare(c, &offence, &scope)
                    .map(|r| concord::report::compare(&r, format.into()))
            })
        }
        Command::Gaps {
            network,
            countries,
            all,
            format,
            corpus,
        } => {
            let scope = report_scope(network, countries, all);
            run_report(&corpus, |c| {
                concord::derive::gaps::gaps(c, &scope)
                    .map(|r| concord::report::gaps(&r, format.into()))
            })
        }
        Command::Serve {
            corpus,
            out,
            theme,
            port,
        } => {
            let theme = theme.or_else(|| {
                let local = PathBuf::from("site");
                local.join("templates").is_dir().then_some(local)
            });
            let opts = concord::serve::ServeOptions {
                corpus,
                out,
                theme,
                port,
            };
            match concord::serve::serve(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Mla {
            from,
            to,
            offence,
            format,
            basis,
            out,
            corpus,
        } => run_mla(
            &corpus,
            [&from, &to, &offence],
            basis.as_deref(),
            format,
            out.as_deref(),
        ),
        Command::Search {
            query,
            country,
            instrument,
            offence,
            kind,
            limit,
            json,
            corpus,
        } => {
            let filters = concord::search::Filters {
                kind,
                country,
                instrument,
                offence,
            };
            concord::search::cli::run(&corpus, &query.join(" "), &filters, limit, json)
        }
        Command::Schema { out } => {
            if let Err(e) = std::fs::create_dir_all(&out) {
                eprintln!("error: cannot create {}: {e}", out.display());
                return ExitCode::from(1);
            }
            for (name, body) in concord::schema::schemas() {
                let path = out.join(name);
                if let Err(e) = std::fs::write(&path, body) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::from(1);
                }
            }
            println!(
                "wrote {} schemas to {}",
                concord::schema::schemas().len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Table,
    Csv,
    Json,
    Md,
}

impl From<ReportFormat> for concord::report::Format {
    fn from(f: ReportFormat) -> Self {
        match f {
            ReportFormat::Table => concord::report::Format::Table,
            ReportFormat::Csv => concord::report::Format::Csv,
            ReportFormat::Json => concord::report::Format::Json,
            ReportFormat::Md => concord::report::Format::Md,
        }
    }
}

fn report_scope(
    network: Option<String>,
    countries: Vec<String>,
    all: bool,
) -> concord::derive::scope::Scope {
    use concord::derive::scope::Scope;
    match network {
        Some(n) if !all => Scope::Network(n),
        _ if !countries.is_empty() && !all => Scope::Countries(countries),
        _ => Scope::All,
    }
}

/// Checks the corpus (refusing one with errors: exit 1), then prints what `make` derives from it;
/// an unknown offence, network or country is a usage error (exit 2).
fn run_report(
    corpus: &std::path::Path,
    make: impl FnOnce(&concord::load::Corpus) -> Result<String, concord::derive::scope::ScopeError>,
) -> ExitCode {
    let Some(c) = concord::check::clean_or_report(corpus) else {
        return ExitCode::from(1);
    };
    match make(&c.corpus) {
        Ok(out) => {
            print!("{out}");
            if !out.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum MlaFormat {
    Md,
    Html,
    Json,
}

/// `concord mla`: checks the corpus (exit 1 on errors), analyses the pair (exit 2 on an unknown
/// or identical country or an unknown offence) and prints or writes the answer.
fn run_mla(
    corpus: &std::path::Path,
    [from, to, offence]: [&str; 3],
    basis: Option<&str>,
    format: MlaFormat,
    out: Option<&std::path::Path>,
) -> ExitCode {
    use concord::derive::mla;
    let Some(c) = concord::check::clean_or_report(corpus) else {
        return ExitCode::from(1);
    };
    let analysis = match mla::analyse_corpus(&c.corpus, from, to, offence) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let keys = mla::basis_keys(&analysis);
    let key = match basis {
        Some(b) if !keys.iter().any(|k| k == b) => {
            if keys.is_empty() {
                eprintln!("error: unknown basis `{b}`: this pair has no legal basis in the corpus");
            } else {
                eprintln!(
                    "error: unknown basis `{b}` for this pair: expected one of: {}",
                    keys.join(", ")
                );
            }
            return ExitCode::from(2);
        }
        Some(b) => Some(b),
        None => analysis.primary_basis.as_deref(),
    };
    let text = match format {
        MlaFormat::Md => mla::report_md_for(&analysis, key),
        MlaFormat::Html => mla::report_html_for(&analysis, key),
        MlaFormat::Json => mla::to_json(&analysis),
    };
    match out {
        Some(path) => match std::fs::write(path, &text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(1)
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}
