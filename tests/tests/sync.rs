//! `sync` follows an upstream docs folder: copies matching pages, removes pages that stopped
//! matching, leaves hand-placed files alone, records a manifest, and reports the drift.

use std::path::Path;

const RESOURCE: &str = "---\ndoc_type: resourcePageType\n---\n# widget resource type\n\nNamespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|Key.|\n|size|Int32|Size.|\n";

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn sync_copies_records_and_reports_drift() {
    let upstream = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    write(&upstream.path().join("resources/widget.md"), RESOURCE);
    write(
        &upstream.path().join("resources/gadget.md"),
        &RESOURCE.replace("widget", "gadget"),
    );
    write(
        &upstream.path().join("concepts/overview.md"),
        "# Overview\n",
    );
    write(
        &docs.path().join("seed.txt"),
        "Seed\n\nA hand-placed page.\n",
    );

    let include = vec!["resources/*.md".to_owned()];
    let first = docgen::sync::sync(docs.path(), Some(upstream.path()), &include).unwrap();
    assert_eq!((first.added, first.updated, first.removed), (2, 0, 0));
    assert_eq!(
        first.manifest.files.len(),
        2,
        "only matching pages are synced"
    );
    assert!(!docs.path().join("concepts/overview.md").exists());
    assert_eq!(first.drift.summary.breaking, 0);
    assert!(first.drift.summary.additive >= 2, "two types appear");

    // Upstream retypes a property and drops a page; a bare sync follows the manifest.
    write(
        &upstream.path().join("resources/widget.md"),
        &RESOURCE.replace("|size|Int32|", "|size|Int64|"),
    );
    std::fs::remove_file(upstream.path().join("resources/gadget.md")).unwrap();
    let second = docgen::sync::sync(docs.path(), None, &[]).unwrap();
    assert_eq!((second.added, second.updated, second.removed), (0, 1, 1));
    assert!(!docs.path().join("resources/gadget.md").exists());
    assert!(
        docs.path().join("seed.txt").exists(),
        "hand-placed files stay"
    );
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(docs.path().join(docgen::sync::MANIFEST)).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["include"][0], "resources/*.md");
    assert_eq!(
        manifest["files"]["resources/widget.md"]
            .as_str()
            .unwrap()
            .len(),
        64,
        "a SHA-256 per page"
    );
    let kinds: Vec<String> = second
        .drift
        .changes
        .iter()
        .map(|c| format!("{:?}", c.change))
        .collect();
    assert!(kinds.contains(&"TypeRemoved".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"PropertyRetyped".to_owned()), "{kinds:?}");
    assert!(second.drift.has_breaking());
}
