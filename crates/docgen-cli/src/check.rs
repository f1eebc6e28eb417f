//! `docgen check <PATH>... [--format human|json] [--metadata FILE] [--deny warnings]`: the
//! command-line face of [`docgen_check`], which does the work, renders the report and decides
//! the exit status (0 clean, 1 problems, 2 could not run).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

#[derive(Args)]
pub struct CheckArgs {
    /// Pages to check: files and folders (read recursively), any format.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,
    /// Also report where the docs disagree with this CSDL metadata file.
    #[arg(long, value_name = "FILE.csdl.xml")]
    metadata: Option<PathBuf>,
    /// Fail (exit status 1) on warnings too, not only on errors.
    #[arg(long, value_enum, value_name = "warnings")]
    deny: Vec<Deny>,
    #[command(flatten)]
    limits: crate::limit_args::LimitArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// Annotated source snippets and a summary.
    Human,
    /// One JSON object; the shape is documented in the docgen-check crate.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let request = docgen_check::Request {
        base: PathBuf::new(),
        paths: args.paths,
        metadata: args.metadata,
        deny_warnings: args.deny.contains(&Deny::Warnings),
        format: match args.format {
            CheckFormat::Human => docgen_check::Format::Human,
            CheckFormat::Json => docgen_check::Format::Json,
        },
        // Colour only for a person at a terminal, and never against NO_COLOR.
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        limits: args.limits.limits(),
    };
    match docgen_check::run(&request) {
        Ok(outcome) => {
            // A closed pipe (`| head`) is not a documentation problem: the status stands.
            let _ = std::io::stdout().write_all(outcome.output.as_bytes());
            ExitCode::from(outcome.status)
        }
        Err(err) => {
            eprintln!("docgen check: {err}");
            ExitCode::from(docgen_check::EXIT_COULD_NOT_RUN)
        }
    }
}
