//! The `docgen` command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use docgen_ir::{Diagnostic, Severity};

#[derive(Parser)]
#[command(
    name = "docgen",
    version,
    about = "Microsoft Graph reference pages to Rust models and route tables"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print one page's IR (for debugging a page).
    Parse {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = IrFormat::Yaml)]
        format: IrFormat,
    },
    /// Read pages (files or folders, any format) and print the merged model as JSON.
    Model {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Do not print diagnostics on standard error.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Generate a standalone crate from pages.
    Generate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The folder to write the crate to; replaced atomically.
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "graph-models")]
        crate_name: String,
        #[arg(long, short)]
        quiet: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum IrFormat {
    Yaml,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("docgen: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse { file, format } => {
            let bytes = std::fs::read(&file)
                .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", file.display()))?;
            let page = docgen_read::read_page(&file.to_string_lossy(), &bytes);
            let text = match format {
                IrFormat::Yaml => serde_norway::to_string(&page)?,
                IrFormat::Json => serde_json::to_string_pretty(&page)? + "\n",
            };
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Model { paths, quiet } => {
            let run = docgen::build_model(&paths);
            report(&run.diagnostics, quiet);
            let json = serde_json::to_string_pretty(&run.model)?;
            writeln!(std::io::stdout(), "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            paths,
            out,
            crate_name,
            quiet,
        } => {
            let run = docgen::generate(&paths, &crate_name)?;
            report(&run.diagnostics, quiet);
            docgen::output::write_atomically(&out, &run.files)?;
            if !quiet {
                eprintln!(
                    "docgen: wrote {} files for {} types and {} routes from {} pages to {}",
                    run.files.len(),
                    run.types,
                    run.routes,
                    run.pages,
                    out.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints diagnostics, one per line, then a count by severity.
fn report(diagnostics: &[Diagnostic], quiet: bool) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let _ = writeln!(err, "{d}");
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let _ = writeln!(
        err,
        "docgen: {} errors, {} warnings, {} notes",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note)
    );
}
