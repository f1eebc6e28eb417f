//! Project tasks: `cargo xtask regenerate` rewrites `generated/` from `docs-input/`;
//! `cargo xtask check` regenerates in memory and fails with a diff when `generated/` is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

/// The docs the checked-in crate is generated from, and where it lives, relative to the root.
const DOCS_INPUT: &str = "docs-input";
const GENERATED: &str = "generated";
const CRATE_NAME: &str = "graph-models";

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let result = match task.as_deref() {
        Some("regenerate") => regenerate(),
        Some("check") => check(),
        _ => {
            eprintln!("usage: cargo xtask <regenerate|check>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn root() -> anyhow::Result<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().context("xtask has no parent folder")?;
    Ok(root.to_path_buf())
}

/// Generates from `docs-input/` with paths relative to the root, so the sources recorded in
/// the generated code read `docs-input/...` on every machine.
fn generate() -> anyhow::Result<docgen::GenerateRun> {
    docgen::generate_in(&root()?, &[PathBuf::from(DOCS_INPUT)], CRATE_NAME)
}

fn regenerate() -> anyhow::Result<ExitCode> {
    let run = generate()?;
    let out = root()?.join(GENERATED);
    let stale = docgen::output::stale_files(&out, &run.files)?;
    if stale.is_empty() {
        println!("xtask: {GENERATED}/ is up to date with {DOCS_INPUT}/ (nothing written)");
        return Ok(ExitCode::SUCCESS);
    }
    docgen::output::write_atomically(&out, &run.files)
        .with_context(|| format!("cannot write {GENERATED}/"))?;
    println!(
        "xtask: regenerated {GENERATED}/ from {} pages ({} types, {} routes); {} files changed",
        run.pages,
        run.types,
        run.routes,
        stale.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn check() -> anyhow::Result<ExitCode> {
    let run = generate()?;
    let out = root()?.join(GENERATED);
    let stale = docgen::output::stale_files(&out, &run.files)?;
    if stale.is_empty() {
        println!("xtask: {GENERATED}/ is up to date with {DOCS_INPUT}/");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "xtask: {GENERATED}/ is stale: {DOCS_INPUT}/ changed but the crate was not regenerated.\n"
    );
    eprint!(
        "{}",
        docgen::output::unified_diff(&out, GENERATED, &run.files, &stale)
    );
    eprintln!("\nxtask: run `cargo xtask regenerate`, review the diff and the insta snapshots, and commit.");
    Ok(ExitCode::FAILURE)
}
