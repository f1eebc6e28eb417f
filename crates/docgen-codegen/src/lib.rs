//! Code generation: a docgen model in, a Rust crate's files out.
//!
//! [`generate`] turns a [`docgen_model::Model`] into a crate of serde models (`models.rs`),
//! polymorphic enums for base types (`polymorphic.rs`), forward-compatible enums
//! (`enums.rs`), a route table with a matcher and typed path builders (`routes.rs`), and,
//! from [`Options::examples`], a test per documented example (`tests/examples.rs`). The
//! model-independent runtime (`routing.rs`, `primitives.rs`, `odata.rs`) is copied from
//! `runtime/`. Generated Rust is built as tokens with `quote`, parsed as a `syn::File` and
//! printed with prettyplease, so the output is always syntactically valid; every identifier
//! comes from [`naming::sanitize`]. The output depends only on the model and the examples:
//! the same input gives byte-identical files.
//!
//! Problems in the model (a property whose type the model does not define, a base that is
//! missing, a route path that does not parse) never fail generation: they come back as
//! [`docgen_ir::Diagnostic`]s in [`GeneratedCrate::diagnostics`], and the code degrades
//! (JSON value, no inherited fields, route skipped).
//!
//! A model spanning several areas of the docs (Intune's `deviceconfig`, `apps`, …) gives a
//! crate with a Cargo feature per area, so a consumer compiles only what it uses; see
//! the `areas` module for the rule, the dependencies between features, and what is gated.

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

mod area_graph;
mod areas;
mod builders;
mod enums;
mod example_areas;
mod example_tests;
mod example_types;
mod examples;
mod family;
mod graph;
mod layout;
mod models;
pub mod naming;
mod output;
mod polymorphic;
mod resolve;
mod routes;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use docgen_ir::Diagnostic;
use docgen_model::Model;

pub use examples::ExampleCase;
pub use output::HEADER;

/// What to generate besides the model's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The generated package's name (`Cargo.toml` `name`).
    pub crate_name: String,
    /// The generated package's version.
    pub crate_version: String,
    /// The docs' request and response examples ([`ExampleCase::from_pages`]), each
    /// becoming a test of the generated crate (or a counted skip with its reason).
    pub examples: Vec<ExampleCase>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            crate_name: "graph-models".to_owned(),
            crate_version: "0.1.0".to_owned(),
            examples: Vec::new(),
        }
    }
}

/// The generated crate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeneratedCrate {
    /// Relative path (`/` separators) -> content.
    pub files: BTreeMap<String, String>,
    /// Problems found while generating, sorted, each once.
    pub diagnostics: Vec<Diagnostic>,
}

impl GeneratedCrate {
    /// Writes every file under `dir`, creating directories as needed. Files not generated
    /// are left alone.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for (relative, content) in &self.files {
            let path = relative
                .split('/')
                .fold(dir.to_path_buf(), |path, part| path.join(part));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, content)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodegenError {
    /// An option cannot be written into the generated crate.
    InvalidOption {
        option: &'static str,
        value: String,
        reason: &'static str,
    },
    /// The generator built tokens that do not parse as Rust: a bug in the generator.
    Syntax { file: String, message: String },
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodegenError::InvalidOption {
                option,
                value,
                reason,
            } => write!(f, "invalid {option} `{value}`: {reason}"),
            CodegenError::Syntax { file, message } => {
                write!(
                    f,
                    "generated {file} does not parse (a docgen bug): {message}"
                )
            }
        }
    }
}

impl std::error::Error for CodegenError {}

/// Generates the crate for `model`.
pub fn generate(model: &Model, options: &Options) -> Result<GeneratedCrate, CodegenError> {
    output::validate(options)?;
    let Some(lib) = naming::crate_ident(&options.crate_name) else {
        // `validate` has checked the name; this only keeps a panic impossible.
        return Err(CodegenError::InvalidOption {
            option: "crate_name",
            value: options.crate_name.clone(),
            reason: "not a library name",
        });
    };
    let mut diagnostics = Vec::new();
    let mut table = resolve::TypeTable::new(model, &mut diagnostics);
    let mut layouts = layout::layouts(&table, &mut diagnostics);
    let mut families = family::Families::new(&mut table, &layouts);
    layout::finish(&table, &mut families, &mut layouts);
    let routes = routes::table_routes(model, &mut diagnostics);
    let areas = areas::Areas::new(&table, &layouts, &routes, &mut diagnostics);
    let context = example_types::Context::new(&table, &families, &layouts, &routes);

    let mut files = BTreeMap::new();
    let features = areas.manifest();
    files.insert(
        "Cargo.toml".to_owned(),
        output::cargo_toml(options, features.as_deref()),
    );
    for (path, content) in output::RUNTIME {
        files.insert(path.to_owned(), output::runtime_file(content));
    }
    // The files are independent: each is built and printed while the others are, so the
    // parts that print on one thread (the route table, the list of skipped examples) overlap.
    let mut enum_notes = Vec::new();
    let mut route_notes = Vec::new();
    let (((enums, models), polymorphic), (routes, cases)) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            let module = enums::generate(&table, &areas, &mut enum_notes);
                            output::render("src/enums.rs", module)
                        },
                        || {
                            let module = models::generate(&table, &families, &layouts, &areas);
                            output::render("src/models.rs", module)
                        },
                    )
                },
                || {
                    let module = polymorphic::generate(&table, &families, &areas);
                    output::render("src/polymorphic.rs", module)
                },
            )
        },
        || {
            rayon::join(
                || {
                    let module = routes::generate(&routes, &areas, &mut route_notes);
                    output::render("src/routes.rs", module)
                },
                || {
                    let module = example_tests::generate(&context, &options.examples, &lib, &areas);
                    output::render("tests/examples/cases.rs", module)
                },
            )
        },
    );
    diagnostics.append(&mut enum_notes);
    diagnostics.append(&mut route_notes);
    let lib_rs = output::render("src/lib.rs", output::lib_rs(areas.enabled()).into())?;
    let examples_rs = output::render("tests/examples.rs", example_tests::root().into())?;
    for (path, text) in [
        ("src/lib.rs", Ok(lib_rs)),
        ("src/enums.rs", enums),
        ("src/models.rs", models),
        ("src/polymorphic.rs", polymorphic),
        ("src/routes.rs", routes),
        ("tests/examples.rs", Ok(examples_rs)),
        ("tests/examples/cases.rs", cases),
    ] {
        files.insert(path.to_owned(), text?);
    }

    // Inherited properties are checked once per derived type; report each problem once.
    diagnostics.sort();
    diagnostics.dedup();
    Ok(GeneratedCrate { files, diagnostics })
}
