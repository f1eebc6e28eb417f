//! docgen as a library: the pipeline the `docgen` binary, `cargo xtask` and the tests share.
//!
//! read pages ([`docgen_read`]) → merge ([`docgen_model`]) → generate ([`docgen_codegen`]) →
//! write atomically ([`output`]).

// Pages are untrusted input: nothing a page can reach may panic on `unwrap`, `expect`, an
// index or a string slice (`unwrap`/`expect` are allowed in tests by clippy.toml). Where an
// index stays, an `#[allow(clippy::indexing_slicing)]` with a `reason:` comment says why it
// is in bounds.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice
)]
// Tests index freely: a panic there is a failing test. The crate built without `cfg(test)`
// (what `clippy --all-targets` checks besides) keeps the denial.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::string_slice))]

pub mod drift;
pub mod output;
pub mod resources;
pub mod sync;

use std::path::{Path, PathBuf};

use docgen_ir::Diagnostic;
use docgen_model::Model;
use docgen_read::Limits;

/// A model and every diagnostic met on the way: page problems first (by file and line), then
/// merge conflicts.
pub struct ModelRun {
    pub model: Model,
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every page under `paths` and merges them.
pub fn build_model(paths: &[PathBuf]) -> ModelRun {
    build_model_in(Path::new(""), paths)
}

/// Like [`build_model`] with `paths` relative to `base`, and sources named relative to it.
pub fn build_model_in(base: &Path, paths: &[PathBuf]) -> ModelRun {
    build_model_in_with(base, paths, &Limits::default())
}

/// Like [`build_model_in`], reading within `limits`.
pub fn build_model_in_with(base: &Path, paths: &[PathBuf], limits: &Limits) -> ModelRun {
    model_run(docgen_read::read_paths_in_with(base, paths, limits))
}

fn model_run(read: docgen_read::ReadSet) -> ModelRun {
    let docgen_read::ReadSet {
        mut pages,
        mut diagnostics,
    } = read;
    // The pages' diagnostics are moved out first: the merge consumes the pages.
    for page in &mut pages {
        diagnostics.append(&mut page.diagnostics);
    }
    diagnostics.sort();
    let count = pages.len();
    let merged = docgen_model::merge_owned(pages);
    diagnostics.extend(merged.diagnostics);
    ModelRun {
        model: merged.model,
        pages: count,
        diagnostics,
    }
}

/// The file in a generated crate that records the model it was generated from.
pub const MODEL_FILE: &str = "docgen-model.json";

/// A generated crate's files and what went into them.
pub struct GenerateRun {
    pub files: std::collections::BTreeMap<String, String>,
    pub pages: usize,
    pub types: usize,
    pub routes: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, merges and generates the crate `crate_name` from the pages under `paths`.
pub fn generate(paths: &[PathBuf], crate_name: &str) -> anyhow::Result<GenerateRun> {
    generate_in(Path::new(""), paths, crate_name)
}

/// Like [`generate`] with `paths` relative to `base`, and sources named relative to it.
pub fn generate_in(
    base: &Path,
    paths: &[PathBuf],
    crate_name: &str,
) -> anyhow::Result<GenerateRun> {
    generate_in_with(base, paths, crate_name, &Limits::default())
}

/// Like [`generate_in`], reading within `limits`.
pub fn generate_in_with(
    base: &Path,
    paths: &[PathBuf],
    crate_name: &str,
    limits: &Limits,
) -> anyhow::Result<GenerateRun> {
    let read = docgen_read::read_paths_in_with(base, paths, limits);
    // The model holds no examples: they are taken from the pages before merging, and become
    // the generated crate's round-trip tests.
    let examples = docgen_codegen::ExampleCase::from_pages(&read.pages);
    let run = model_run(read);
    let options = docgen_codegen::Options {
        crate_name: crate_name.to_owned(),
        examples,
        ..docgen_codegen::Options::default()
    };
    let generated = docgen_codegen::generate(&run.model, &options)?;
    // The examples are not needed past here: freed before the model JSON is built, the
    // largest buffer after the files.
    drop(options);
    let mut diagnostics = run.diagnostics;
    diagnostics.extend(generated.diagnostics);
    let mut files = generated.files;
    // The model the crate was generated from, so a later run can say what changed since.
    let model_json = serde_json::to_string_pretty(&run.model)? + "\n";
    files.insert(MODEL_FILE.to_owned(), model_json);
    Ok(GenerateRun {
        files,
        pages: run.pages,
        types: run.model.types.len(),
        routes: run.model.routes.len(),
        diagnostics,
    })
}
