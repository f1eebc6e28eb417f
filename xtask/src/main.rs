//! Project tasks: `cargo xtask regenerate` rewrites `generated/` from `docs-input/`;
//! `cargo xtask check` regenerates in memory and fails with the drift summary and a diff when
//! `generated/` is stale; `cargo xtask sync --from DIR [--include GLOB]...` refreshes
//! `docs-input/` from a local copy of the upstream docs; `bench` and `bench-crate` measure
//! docgen and the crate it generates.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

mod bench;
mod crate_bench;

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
        Some("bench") => {
            bench::bench(&std::env::args().skip(2).collect::<Vec<_>>()).map(|()| ExitCode::SUCCESS)
        }
        Some("bench-crate") => {
            crate_bench::bench_crate(&std::env::args().skip(2).collect::<Vec<_>>())
                .map(|()| ExitCode::SUCCESS)
        }
        Some("bench-stage") => bench::run_stage(&std::env::args().skip(2).collect::<Vec<_>>())
            .map(|()| ExitCode::SUCCESS),
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

pub(crate) fn root() -> anyhow::Result<PathBuf> {
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
    let root = root()?;
    let out = root.join(GENERATED);
    let stamp_file = root.join("target/docgen-regenerate.stamp");
    let before = stamp(&root)?;
    if std::fs::read_to_string(&stamp_file).ok().as_deref() == Some(before.as_str()) {
        println!(
            "xtask: nothing changed since the last regeneration ({DOCS_INPUT}/, {GENERATED}/ and \
             the generator hash the same); skipped"
        );
        return Ok(ExitCode::SUCCESS);
    }
    let run = generate()?;
    let stale = docgen::output::stale_files(&out, &run.files)?;
    if stale.is_empty() {
        println!("xtask: {GENERATED}/ is up to date with {DOCS_INPUT}/ (nothing written)");
    } else {
        docgen::output::write_atomically(&out, &run.files)
            .with_context(|| format!("cannot write {GENERATED}/"))?;
        println!(
            "xtask: regenerated {GENERATED}/ from {} pages ({} types, {} routes); {} files changed",
            run.pages,
            run.types,
            run.routes,
            stale.len()
        );
    }
    // A cache, not an output: it lives in target/ and is never committed.
    if let Some(dir) = stamp_file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&stamp_file, stamp(&root)?);
    Ok(ExitCode::SUCCESS)
}

/// A SHA-256 over what regeneration depends on and produces: the generator (this very
/// executable, which links docgen), every file of `docs-input/` and of `generated/`.
fn stamp(root: &Path) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    hasher.update(std::fs::read(std::env::current_exe()?)?);
    for folder in [DOCS_INPUT, GENERATED] {
        let mut files = Vec::new();
        collect(&root.join(folder), &mut files);
        files.sort();
        for file in files {
            hasher.update(file.to_string_lossy().as_bytes());
            hasher.update(std::fs::read(&file).unwrap_or_default());
        }
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
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
