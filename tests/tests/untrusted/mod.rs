//! Shared by the untrusted-input tests (`broken_pages.rs`, `hostile.rs`): a doc folder in a
//! temporary directory with one good page in it, and the whole pipeline run over it without a
//! panic escaping.

#![allow(dead_code)] // Each test file uses its own part.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use docgen_ir::Diagnostic;

/// The folder (under the temporary base) that holds the pages; sources read `pages/x.md`.
pub const PAGES: &str = "pages";

/// A page that must yield its facts whatever is put beside it.
pub const GOOD_PAGE: &str = "---
title: \"goodThing resource type\"
doc_type: resourcePageType
---

# goodThing resource type

Namespace: microsoft.graph

A thing that is read correctly beside broken pages.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The key.|
|goodProperty|String|Read whatever the other pages hold.|
";

/// A folder of pages: `good.md` and whatever a test adds.
pub struct Docs {
    pub dir: tempfile::TempDir,
}

/// What the pipeline gave: the generated crate's files and every diagnostic.
pub struct Run {
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Docs {
    pub fn new() -> Self {
        let docs = Self::empty();
        docs.write("good.md", GOOD_PAGE.as_bytes());
        docs
    }

    /// A folder without the good page.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(dir.path().join(PAGES)).expect("pages folder");
        Self { dir }
    }

    pub fn base(&self) -> &Path {
        self.dir.path()
    }

    pub fn pages(&self) -> PathBuf {
        self.dir.path().join(PAGES)
    }

    /// Writes `pages/<name>`.
    pub fn write(&self, name: &str, bytes: &[u8]) {
        let path = self.pages().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("page folder");
        }
        std::fs::write(path, bytes).expect("page written");
    }

    /// Reads, merges and generates in memory (`docgen::generate_in`), as `docgen generate`
    /// does; a panic anywhere fails the test with the stage's message.
    pub fn run(&self) -> Run {
        let base = self.base().to_path_buf();
        let result = catch_unwind(AssertUnwindSafe(|| {
            docgen::generate_in(&base, &[PathBuf::from(PAGES)], "broken-pages")
        }));
        let run = match result {
            Ok(Ok(run)) => run,
            Ok(Err(err)) => panic!("generation failed: {err:#}"),
            Err(_) => panic!("the pipeline panicked"),
        };
        Run {
            files: run.files,
            diagnostics: run.diagnostics,
        }
    }

    /// `docgen check` over the folder (JSON report), which parses example bodies.
    pub fn check(&self) -> Vec<Diagnostic> {
        let request = docgen_check::Request {
            base: self.base().to_path_buf(),
            paths: vec![PathBuf::from(PAGES)],
            format: docgen_check::Format::Json,
            ..docgen_check::Request::default()
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| docgen_check::run(&request)))
            .unwrap_or_else(|_| panic!("docgen check panicked"))
            .unwrap_or_else(|err| panic!("docgen check could not run: {err}"));
        outcome.report.diagnostics
    }
}

impl Run {
    /// The model the crate was generated from, as JSON.
    pub fn model(&self) -> serde_json::Value {
        let text = self
            .files
            .get(docgen::MODEL_FILE)
            .expect("the crate records its model");
        serde_json::from_str(text).expect("the model is JSON")
    }

    /// The model's type named `name` (exact spelling), if any.
    pub fn model_type(&self, name: &str) -> Option<serde_json::Value> {
        let model = self.model();
        model["types"]
            .as_array()?
            .iter()
            .find(|t| t["name"] == name)
            .cloned()
    }

    /// Property names of the model's type `name`.
    pub fn properties(&self, name: &str) -> Vec<String> {
        let Some(ty) = self.model_type(name) else {
            return Vec::new();
        };
        ty["properties"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .filter_map(|p| p["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The good page was read, merged and generated whatever sat beside it.
    pub fn assert_good_page_read(&self) {
        assert_eq!(
            self.properties("goodThing"),
            ["id", "goodProperty"],
            "the good page's type is in the model"
        );
        assert!(
            self.files
                .iter()
                .any(|(path, code)| path.ends_with(".rs") && code.contains("good_property")),
            "the good page's property is in the generated code"
        );
    }

    /// The diagnostics with `code`, rendered (for messages).
    pub fn with_code(&self, code: &str) -> Vec<String> {
        with_code(&self.diagnostics, code)
    }

    /// A diagnostic `code` for `file` (relative to the base) at `line`.
    pub fn assert_diagnostic(&self, code: &str, file: &str, line: u32) {
        assert_diagnostic(&self.diagnostics, code, file, line);
    }
}

pub fn with_code(diagnostics: &[Diagnostic], code: &str) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(ToString::to_string)
        .collect()
}

/// Fails with every diagnostic listed unless one has `code`, `file` and `line`.
pub fn assert_diagnostic(diagnostics: &[Diagnostic], code: &str, file: &str, line: u32) {
    let found = diagnostics
        .iter()
        .any(|d| d.code == code && d.file == file && d.line == line);
    assert!(
        found,
        "expected {file}:{line} [{code}]; got:\n{}",
        diagnostics
            .iter()
            .map(|d| format!("  {d}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// `pages/<name>`, as sources are named.
pub fn source(name: &str) -> String {
    format!("{PAGES}/{name}")
}

/// A resource page for type `name` with `rows` (`name|type|description`) in its table.
pub fn resource_page(name: &str, prose: &str, rows: &[&str]) -> String {
    let mut page = format!(
        "# {name} resource type\n\nNamespace: microsoft.graph\n\n{prose}\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n"
    );
    for row in rows {
        page.push('|');
        page.push_str(row);
        page.push_str("|\n");
    }
    page
}
