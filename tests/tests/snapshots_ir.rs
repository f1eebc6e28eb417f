//! Drift guard: insta snapshots of each `docs-input` page's IR (the text `docgen parse`
//! prints) and of the merged model. A doc change shows up here as a reviewable snapshot diff.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `docs-input` page, read with the source name `docs-input/<file>` so snapshots do
/// not depend on where the checkout lives.
fn pages() -> Vec<docgen_ir::Page> {
    let dir = root().join("docs-input");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("docs-input exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).expect("page is readable");
            docgen_read::read_page(&format!("docs-input/{name}"), &bytes)
        })
        .collect()
}

#[test]
fn page_ir_snapshots() {
    for page in pages() {
        let name = page
            .source
            .trim_start_matches("docs-input/")
            .trim_end_matches(".txt")
            .to_owned();
        let yaml = serde_norway::to_string(&page).expect("IR serialises");
        insta::assert_snapshot!(format!("ir_{name}"), yaml);
    }
}

#[test]
fn model_snapshot() {
    let merged = docgen_model::merge(&pages());
    let json = serde_json::to_string_pretty(&merged.model).expect("model serialises");
    insta::assert_snapshot!("model_docs_input", json);
    let diagnostics: Vec<String> = merged.diagnostics.iter().map(ToString::to_string).collect();
    insta::assert_snapshot!("model_docs_input_diagnostics", diagnostics.join("\n"));
}
