//! Code generation: a docgen model in, a Rust crate's files out.
//!
//! [`generate`] turns a [`docgen_model::Model`] into a crate of serde models (`models.rs`),
//! forward-compatible enums (`enums.rs`) and a route table with typed path builders
//! (`routes.rs`). All Rust is built as tokens with `quote`, parsed as a `syn::File` and
//! printed with prettyplease, so the output is always syntactically valid; every identifier
//! comes from [`naming::sanitize`]. The output depends only on the model: the same model
//! gives byte-identical files.
//!
//! Problems in the model (a property whose type the model does not define, a base that is
//! missing, a route path that does not parse) never fail generation: they come back as
//! [`docgen_ir::Diagnostic`]s in [`GeneratedCrate::diagnostics`], and the code degrades
//! (JSON value, no inherited fields, route skipped).

mod enums;
mod layout;
mod models;
pub mod naming;
mod output;
mod resolve;
mod routes;
mod text;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use docgen_ir::Diagnostic;
use docgen_model::Model;

pub use output::HEADER;

/// What to generate besides the model's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The generated package's name (`Cargo.toml` `name`).
    pub crate_name: String,
    /// The generated package's version.
    pub crate_version: String,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            crate_name: "graph-models".to_owned(),
            crate_version: "0.1.0".to_owned(),
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
    let mut diagnostics = Vec::new();
    let table = resolve::TypeTable::new(model, &mut diagnostics);
    let layouts = layout::layouts(&table, &mut diagnostics);

    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), output::cargo_toml(options));
    let sources = [
        ("src/lib.rs", output::lib_rs()),
        ("src/enums.rs", enums::generate(&table, &mut diagnostics)),
        ("src/models.rs", models::generate(&table, &layouts)),
        ("src/routes.rs", routes::generate(model, &mut diagnostics)),
    ];
    for (path, tokens) in sources {
        files.insert(path.to_owned(), output::render(path, tokens)?);
    }

    // Inherited properties are checked once per derived type; report each problem once.
    diagnostics.sort();
    diagnostics.dedup();
    Ok(GeneratedCrate { files, diagnostics })
}
