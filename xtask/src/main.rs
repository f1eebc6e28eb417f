//! Project tasks: `cargo xtask regenerate` rewrites `generated/` from `docs-input/`;
//! `cargo xtask check` regenerates in memory and fails with a diff when `generated/` is stale.

use std::collections::BTreeMap;
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
    let root = root()?;
    std::env::set_current_dir(&root).context("cannot enter the workspace root")?;
    docgen::generate(&[PathBuf::from(DOCS_INPUT)], CRATE_NAME)
}

fn regenerate() -> anyhow::Result<ExitCode> {
    let run = generate()?;
    let out = PathBuf::from(GENERATED);
    let stale = stale_files(&out, &run.files)?;
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
    let out = PathBuf::from(GENERATED);
    let stale = stale_files(&out, &run.files)?;
    if stale.is_empty() {
        println!("xtask: {GENERATED}/ is up to date with {DOCS_INPUT}/");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "xtask: {GENERATED}/ is stale: {DOCS_INPUT}/ changed but the crate was not regenerated.\n"
    );
    for file in &stale {
        let old = std::fs::read_to_string(out.join(file)).unwrap_or_default();
        let new = run.files.get(file).map(String::as_str).unwrap_or("");
        let diff = similar::TextDiff::from_lines(old.as_str(), new);
        eprint!(
            "{}",
            diff.unified_diff().context_radius(3).header(
                &format!("a/{GENERATED}/{file}"),
                &format!("b/{GENERATED}/{file}")
            )
        );
    }
    eprintln!("\nxtask: run `cargo xtask regenerate`, review the diff and the insta snapshots, and commit.");
    Ok(ExitCode::FAILURE)
}

/// Files whose content on disk differs from `files`, plus files on disk no longer generated.
fn stale_files(out: &Path, files: &BTreeMap<String, String>) -> anyhow::Result<Vec<String>> {
    let mut stale = Vec::new();
    for (file, content) in files {
        let on_disk = std::fs::read_to_string(out.join(file)).ok();
        if on_disk.as_deref() != Some(content.as_str()) {
            stale.push(file.clone());
        }
    }
    for file in existing_files(out, out)? {
        if !files.contains_key(&file) {
            stale.push(file);
        }
    }
    stale.sort();
    Ok(stale)
}

fn existing_files(root: &Path, dir: &Path) -> anyhow::Result<Vec<String>> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            found.extend(existing_files(root, &path)?);
        } else if let Ok(relative) = path.strip_prefix(root) {
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(found)
}
