//! Project tasks: `cargo xtask regenerate` rewrites `generated/` from `docs-input/`;
//! `cargo xtask check` regenerates in memory and fails with the drift summary and a diff when
//! `generated/` is stale; `cargo xtask sync --from DIR [--include GLOB]...` refreshes
//! `docs-input/` from a local copy of the upstream docs.

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
        Some("sync") => sync(std::env::args().skip(2).collect()),
        _ => {
            eprintln!(
                "usage: cargo xtask <regenerate|check|sync [--from DIR] [--include GLOB]...>"
            );
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
    if let Some(report) = drift_since_generation(&out, &run) {
        eprintln!("{}", docgen_drift::markdown(&report));
    }
    eprint!(
        "{}",
        docgen::output::unified_diff(&out, GENERATED, &run.files, &stale)
    );
    eprintln!("\nxtask: run `cargo xtask regenerate`, review the diff and the insta snapshots, and commit.");
    Ok(ExitCode::FAILURE)
}

/// The model drift from the model `generated/` was made from to the one `docs-input/` gives.
fn drift_since_generation(out: &Path, run: &docgen::GenerateRun) -> Option<docgen_drift::Report> {
    let recorded = std::fs::read_to_string(out.join(docgen::MODEL_FILE)).ok()?;
    let old: docgen_model::Model = serde_json::from_str(&recorded).ok()?;
    let new: docgen_model::Model = serde_json::from_str(run.files.get(docgen::MODEL_FILE)?).ok()?;
    Some(docgen_drift::diff(&old, &new))
}

fn sync(args: Vec<String>) -> anyhow::Result<ExitCode> {
    let mut from = None;
    let mut include = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--from" => from = Some(PathBuf::from(args.next().context("--from needs a folder")?)),
            "--include" => include.push(args.next().context("--include needs a glob")?),
            other => anyhow::bail!("unknown argument `{other}`"),
        }
    }
    let docs = root()?.join(DOCS_INPUT);
    let run = docgen::sync::sync(&docs, from.as_deref(), &include)?;
    println!(
        "xtask: synced {DOCS_INPUT}/ from {} (revision {}): {} added, {} updated, {} removed; manifest {}",
        run.manifest.from,
        run.manifest.revision.as_deref().unwrap_or("unknown"),
        run.added,
        run.updated,
        run.removed,
        docgen::sync::MANIFEST
    );
    println!("{}", docgen_drift::markdown(&run.drift));
    println!("xtask: now run `cargo xtask regenerate` and review the snapshots.");
    Ok(ExitCode::SUCCESS)
}
