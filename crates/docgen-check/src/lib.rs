//! `docgen check`: documentation problems in a doc set, for doc authors and CI.
//!
//! ```text
//! docgen check <PATH>... [--format human|json] [--metadata FILE.csdl.xml] [--deny warnings]
//! ```
//!
//! [`run`] reads pages (`docgen_read::read_paths_in`), merges them (`docgen_model::merge`),
//! and reports every diagnostic the readers and the merge produce plus this crate's lints,
//! sorted by file, line and column; reader and merge diagnostics get a column here when the
//! thing they name is found on their line. Codes are kebab-case and stable: tools match on
//! them, so they are never renamed.
//!
//! | code | severity | what |
//! | --- | --- | --- |
//! | `type-unknown` | warning | a property typed with a name that is neither primitive nor defined; "did you mean" (replaces the model's `type-undefined` note) |
//! | `example-json-invalid` | error | an example body that is not JSON, at the error's page line and column |
//! | `example-property-undocumented` | warning | an example key the type's tables do not list (with "did you mean") |
//! | `example-property-missing` | note | documented properties a complete example leaves out (not for truncated examples, PATCH requests, `$select` responses) |
//! | `example-url-malformed` | warning | a request example's URL with `//`, a backslash or unbalanced braces |
//! | `todo-placeholder` | warning | `TODO` anywhere outside code (the readers report table cells) |
//! | `metadata-type-extra`, `metadata-property-missing`, `metadata-property-extra`, `metadata-property-type`, `metadata-member-missing`, `metadata-member-extra` | warning | with `--metadata`: docs and CSDL disagree |
//!
//! Reader and merge codes pass through unchanged (`route-malformed`, `route-double-slash`,
//! `text-row-unsplit`, `type-unreadable`, `conflicting-property` with `related`,
//! `duplicate-operation`, ...).
//!
//! Severities: an error is something broken for every reader — a route that cannot be used, an
//! example that does not parse — so CI fails on it; a warning is a likely mistake a person should
//! look at (in a slice of the docs, `type-unknown` also flags types documented outside the
//! slice); a note is worth knowing but often intended (examples shortened without saying so).
//!
//! # Exit status
//!
//! [`EXIT_CLEAN`] (0) without errors, [`EXIT_PROBLEMS`] (1) with errors — or warnings under
//! `--deny warnings` — and [`EXIT_COULD_NOT_RUN`] (2) when the check could not run (a path that
//! does not exist, an unreadable or malformed metadata file): see [`Report::status`].
//!
//! # JSON report (`--format json`)
//!
//! One object; keys are added freely, never renamed or removed. `column` (1-based, in
//! characters) and `related` (`file:line`, the other side of a conflict) are `null` when
//! unknown.
//!
//! ```json
//! { "version": 1,
//!   "diagnostics": [
//!     { "file": "docs-input/003.txt", "line": 34, "column": null, "severity": "note",
//!       "code": "conflicting-property", "message": "…", "related": "docs-input/000.txt:78" } ],
//!   "summary": { "pages": 5, "errors": 0, "warnings": 3, "notes": 1,
//!                "by_code": [ { "code": "conflicting-property", "severity": "note", "count": 1 } ] } }
//! ```
//!
//! `severity` is `error`, `warning` or `note`; `by_code` has one entry per code and severity,
//! sorted by code, then most severe first.

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

mod columns;
mod csdl;
mod examples;
mod json;
mod metadata;
mod render;
mod shapes;
mod source;
mod suggest;
mod todo;
mod types;

use std::path::PathBuf;

use docgen_ir::{Diagnostic, Page, Severity};
use rayon::prelude::*;

pub use csdl::Metadata;
pub use render::{CodeCount, Summary};
pub use source::Sources;
pub use suggest::closest;

pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_COULD_NOT_RUN: u8 = 2;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Human,
    Json,
}

/// What to check and how to report it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Paths are read relative to `base`, and sources are named relative to it.
    pub base: PathBuf,
    pub paths: Vec<PathBuf>,
    pub metadata: Option<PathBuf>,
    pub deny_warnings: bool,
    pub format: Format,
    /// ANSI colours in the human report.
    pub color: bool,
    /// What reading the pages may cost (`docgen check --max-...`).
    pub limits: docgen_read::Limits,
}

/// Why a check could not run.
#[derive(Debug)]
pub enum RunError {
    Path(PathBuf, std::io::Error),
    Metadata(PathBuf, String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Path(path, err) => write!(f, "cannot read {}: {err}", path.display()),
            RunError::Metadata(path, err) => {
                write!(f, "cannot use the metadata {}: {err}", path.display())
            }
        }
    }
}

impl std::error::Error for RunError {}

/// The diagnostics of a run, sorted, and the page count.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        Summary::new(self.pages, &self.diagnostics)
    }

    /// [`EXIT_PROBLEMS`] when there are errors, or warnings and `deny_warnings`; else
    /// [`EXIT_CLEAN`]. Notes never fail.
    pub fn status(&self, deny_warnings: bool) -> u8 {
        let fails = |d: &Diagnostic| {
            d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
        };
        if self.diagnostics.iter().any(fails) {
            EXIT_PROBLEMS
        } else {
            EXIT_CLEAN
        }
    }
}

/// A finished run: the report, its rendering and the exit status.
pub struct Outcome {
    pub report: Report,
    pub output: String,
    pub status: u8,
}

/// Runs a check as `docgen check` does. `Err` (exit status [`EXIT_COULD_NOT_RUN`]) when a path
/// does not exist or the metadata cannot be read or parsed.
pub fn run(request: &Request) -> Result<Outcome, RunError> {
    for path in &request.paths {
        let full = request.base.join(path);
        std::fs::metadata(&full).map_err(|err| RunError::Path(path.clone(), err))?;
    }
    let metadata = match &request.metadata {
        Some(path) => {
            let full = request.base.join(path);
            let xml = std::fs::read_to_string(&full)
                .map_err(|err| RunError::Metadata(path.clone(), err.to_string()))?;
            Some(Metadata::parse(&xml).map_err(|err| RunError::Metadata(path.clone(), err))?)
        }
        None => None,
    };
    let sources = Sources::new(&request.base);
    let read = docgen_read::read_paths_in_with(&request.base, &request.paths, &request.limits);
    let diagnostics = check(&read.pages, read.diagnostics, metadata.as_ref(), &sources);
    let report = Report {
        pages: read.pages.len(),
        diagnostics,
    };
    let output = render(&report, request.format, &sources, request.color);
    let status = report.status(request.deny_warnings);
    Ok(Outcome {
        report,
        output,
        status,
    })
}

/// Every diagnostic for `pages`: `read` (problems with the paths themselves), each page's own,
/// the merge's (without `type-undefined`, which `type-unknown` replaces) and this crate's lints,
/// sorted and without duplicates. `sources` gives page texts for columns.
pub fn check(
    pages: &[Page],
    read: Vec<Diagnostic>,
    metadata: Option<&Metadata>,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let merged = docgen_model::merge(pages);
    let index = shapes::TypeIndex::new(&merged.model);
    let mut out = read;
    let per_page: Vec<Vec<Diagnostic>> = pages
        .par_iter()
        .map(|page| {
            let mut found = page.diagnostics.clone();
            found.extend(todo::placeholders(page, sources));
            found.extend(examples::check_page(page, &index, sources));
            found
        })
        .collect();
    out.extend(per_page.into_iter().flatten());
    out.extend(
        merged
            .diagnostics
            .into_iter()
            .filter(|d| d.code != types::REPLACED_MODEL_CODE),
    );
    out.extend(types::unknown_types(&merged.model, sources));
    if let Some(metadata) = metadata {
        out.extend(metadata::compare(metadata, &merged.model, sources));
    }
    columns::add_columns(&mut out, sources);
    out.sort();
    out.dedup();
    out
}

/// Renders a report as the CLI prints it (for callers that built the report themselves).
pub fn render(report: &Report, format: Format, sources: &Sources, color: bool) -> String {
    let summary = report.summary();
    match format {
        Format::Json => render::json(&report.diagnostics, &summary),
        Format::Human => render::human(&report.diagnostics, &summary, sources, color),
    }
}
