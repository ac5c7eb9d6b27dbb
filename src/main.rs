//! The `concord` command line. Exit codes: 0 success, 1 corpus errors, 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
