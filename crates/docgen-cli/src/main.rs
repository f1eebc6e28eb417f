//! The `docgen` command line.

mod check;
mod limit_args;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use docgen_ir::{Diagnostic, Severity};
use limit_args::LimitArgs;

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
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Read pages (files or folders, any format) and print the merged model as JSON.
    Model {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Do not print diagnostics on standard error.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// What changed between two doc sets, and what it breaks for the generated crate's users.
    ///
    /// `docgen drift OLD NEW` compares two doc sets (files or folders, any format);
    /// `docgen drift --git REV [FOLDER]` compares FOLDER (default `docs-input`) at git
    /// revision REV with the working tree.
    Drift {
        paths: Vec<PathBuf>,
        /// Compare the folder at this git revision with the working tree.
        #[arg(long, value_name = "REV")]
        git: Option<String>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Markdown)]
        format: ReportFormat,
        /// Exit with status 1 on breaking changes, or on any change.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Report documentation problems (for doc authors and CI): exit 0 clean, 1 errors (or
    /// warnings with `--deny warnings`), 2 could not run.
    Check(check::CheckArgs),
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
        #[command(flatten)]
        limits: LimitArgs,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when any change is breaking for the generated crate's users.
    Breaking,
    /// Exit 1 on any change at all.
    Any,
}

#[derive(Clone, Copy, ValueEnum)]
enum IrFormat {
    Yaml,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("docgen: {err:#}");
            ExitCode::from(2)
        }
    };
    // For `cargo xtask bench`: only the process can read its own peak memory at its end.
    if let Some(path) = std::env::var_os(docgen::resources::REPORT_VAR) {
        if let Err(err) = std::fs::write(&path, docgen::resources::report()) {
            eprintln!("docgen: cannot write the resource report: {err}");
        }
    }
    code
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Parse {
            file,
            format,
            limits,
        } => {
            // Read no further than the page-size limit: a huge file is never held whole.
            let page = docgen_read::read_file(&file, &file.to_string_lossy(), &limits.limits())
                .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", file.display()))?;
            let text = match format {
                IrFormat::Yaml => serde_norway::to_string(&page)?,
                IrFormat::Json => serde_json::to_string_pretty(&page)? + "\n",
            };
            std::io::stdout().write_all(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Model {
            paths,
            quiet,
            limits,
        } => {
            let run = docgen::build_model_in_with(Path::new(""), &paths, &limits.limits());
            report(&run.diagnostics, quiet);
            let json = serde_json::to_string_pretty(&run.model)?;
            writeln!(std::io::stdout(), "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Drift {
            paths,
            git,
            format,
            fail_on,
            limits,
        } => {
            let limits = limits.limits();
            let report = match (git, paths.as_slice()) {
                (Some(rev), []) => docgen::drift::against_revision(
                    &rev,
                    &docgen::drift::default_folder(),
                    &limits,
                )?,
                (Some(rev), [folder]) => docgen::drift::against_revision(&rev, folder, &limits)?,
                (None, [old, new]) => docgen::drift::between(old, new, &limits),
                _ => anyhow::bail!("give OLD and NEW, or --git REV and at most one folder"),
            };
            let text = match format {
                ReportFormat::Markdown => docgen_drift::markdown(&report),
                ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
            };
            std::io::stdout().write_all(text.as_bytes())?;
            let fail = match fail_on {
                Some(FailOn::Breaking) => report.has_breaking(),
                Some(FailOn::Any) => !report.changes.is_empty(),
                None => false,
            };
            Ok(if fail {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Check(args) => Ok(check::run(args)),
        Command::Generate {
            paths,
            out,
            crate_name,
            quiet,
            limits,
        } => {
            let run =
                docgen::generate_in_with(Path::new(""), &paths, &crate_name, &limits.limits())?;
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
