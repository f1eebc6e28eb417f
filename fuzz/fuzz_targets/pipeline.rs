//! Fuzzes the whole path from pages to generated code: read (format detected) → merge →
//! generate, with the pages' examples as the generated crate's example tests; and `docgen
//! check` over the same pages (its lints, and the human report with source snippets).
//!
//! The input is split at NUL bytes into up to eight pages, so that the merge sees pages that
//! agree, conflict and refer to each other (a page's own NULs are rare and lose nothing: the
//! readers treat NUL as text).
#![no_main]

mod common;

use std::path::Path;

use docgen_check::{Format, Report, Sources};
use docgen_codegen::{ExampleCase, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Page texts for `docgen check`'s columns and snippets, as if read from files.
    let sources = Sources::new(Path::new("/nonexistent"));
    let pages: Vec<docgen_ir::Page> = data
        .split(|&b| b == 0)
        .take(8)
        .enumerate()
        .map(|(i, bytes)| {
            let source = format!("page{i}.md");
            let page = docgen_read::read_page(&source, bytes);
            common::check_page(&page, &source);
            sources.insert(&source, &String::from_utf8_lossy(bytes));
            page
        })
        .collect();
    let merged = docgen_model::merge(&pages);
    let options = Options {
        examples: ExampleCase::from_pages(&pages),
        ..Options::default()
    };
    // Generation never fails on a model: problems are diagnostics, and an `Err` is either a
    // bad option (there are none here) or generated code that does not parse, a generator bug.
    if let Err(err) = docgen_codegen::generate(&merged.model, &options) {
        panic!("generation failed: {err}");
    }
    let diagnostics = docgen_check::check(&pages, Vec::new(), None, &sources);
    let report = Report {
        pages: pages.len(),
        diagnostics,
    };
    let _ = docgen_check::render(&report, Format::Human, &sources, false);
    let _ = docgen_check::render(&report, Format::Json, &sources, false);
});
