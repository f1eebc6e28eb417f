//! The drift guard: the generated code is snapshotted, `generated/` must equal what
//! `docs-input/` generates (as `cargo xtask check` demands), and editing one property of a
//! page is caught by both.

use std::path::{Path, PathBuf};

const CRATE_NAME: &str = "graph-models";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate(base: &Path) -> docgen::GenerateRun {
    docgen::generate_in(base, &[PathBuf::from("docs-input")], CRATE_NAME).expect("generation runs")
}

#[test]
fn generated_code_snapshots() {
    let run = generate(&root());
    for (file, content) in &run.files {
        let name = file.replace(['/', '.'], "_");
        insta::assert_snapshot!(format!("generated_{name}"), content);
    }
}

#[test]
fn checked_in_crate_is_fresh() {
    let run = generate(&root());
    let out = root().join("generated");
    let stale = docgen::output::stale_files(&out, &run.files).expect("generated/ is readable");
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask regenerate`:\n{}",
        docgen::output::unified_diff(&out, "generated", &run.files, &stale)
    );
}

#[test]
fn editing_one_property_is_caught_with_a_diff() {
    let copy = tempfile::tempdir().expect("temp dir");
    let docs = copy.path().join("docs-input");
    std::fs::create_dir(&docs).unwrap();
    for entry in std::fs::read_dir(root().join("docs-input")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), docs.join(entry.file_name())).unwrap();
    }
    let page = docs.join("000_283f7b380b2b2f3e.txt");
    let original = std::fs::read_to_string(&page).unwrap();
    let edited = original.replace(
        "|certificateKeyLength|Int32|",
        "|certificateKeyLength|Int64|",
    );
    assert_ne!(
        original, edited,
        "the seed still documents certificateKeyLength as Int32"
    );
    std::fs::write(&page, &edited).unwrap();

    // The page's IR changes, so its insta snapshot no longer matches.
    let before =
        serde_norway::to_string(&docgen_read::read_page("p", original.as_bytes())).unwrap();
    let after = serde_norway::to_string(&docgen_read::read_page("p", edited.as_bytes())).unwrap();
    assert_ne!(before, after);

    // The generated crate changes, so `cargo xtask check` (the same comparison) fails with a
    // diff that shows the retyped field.
    let run = generate(copy.path());
    let out = root().join("generated");
    let stale = docgen::output::stale_files(&out, &run.files).unwrap();
    assert_eq!(stale, ["docgen-model.json", "src/models.rs"]);
    let diff = docgen::output::unified_diff(&out, "generated", &run.files, &stale);
    assert!(
        diff.contains("-    pub certificate_key_length: ::std::option::Option<i32>,"),
        "{diff}"
    );
    assert!(
        diff.contains("+    pub certificate_key_length: ::std::option::Option<i64>,"),
        "{diff}"
    );
}

#[test]
fn output_does_not_depend_on_input_order_or_threads() {
    let docs = root().join("docs-input");
    let mut pages: Vec<docgen_ir::Page> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            docgen_read::read_page(
                &p.file_name().unwrap().to_string_lossy(),
                &std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    let forward = serde_json::to_string(&docgen_model::merge(&pages).model).unwrap();
    pages.reverse();
    let backward = serde_json::to_string(&docgen_model::merge(&pages).model).unwrap();
    assert_eq!(forward, backward);
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
    };
    let one = pool(1).install(|| generate(&root()).files);
    let four = pool(4).install(|| generate(&root()).files);
    assert_eq!(one, four, "byte-identical with 1 and 4 threads");
}
