//! Every page of the shared corpus is read without a panic, and none is lost: each yields facts
//! or a diagnostic that says why it did not.

/// Figures go to the process's stderr directly: the test harness captures `eprintln!` of
/// passing tests, and CI's log should show them.
macro_rules! report {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}

use std::path::PathBuf;

use docgen_ir::Page;

fn corpus() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    path.is_dir().then_some(path)
}

fn has_facts(page: &Page) -> bool {
    page.subject.is_some()
        || !page.properties.is_empty()
        || !page.members.is_empty()
        || !page.inline_enums.is_empty()
        || !page.http.is_empty()
        || page
            .request_body
            .as_ref()
            .is_some_and(|b| !b.properties.is_empty())
}

#[test]
fn every_corpus_page_is_read_or_reported() {
    let Some(corpus) = corpus() else {
        eprintln!("corpus read: skipped: ../shared/corpus not found");
        return;
    };
    let folders = [
        "graph-beta-intune-2021-07",
        "graph-beta-intune-2020-01",
        "graph-beta-handwritten-dev",
        "renders",
    ];
    for folder in folders {
        let (files, path_problems) = docgen_read::collect_files(&[corpus.join(folder)]);
        assert!(path_problems.is_empty(), "{path_problems:?}");
        let read = std::panic::catch_unwind(|| docgen_read::read_paths(&[corpus.join(folder)]))
            .unwrap_or_else(|_| panic!("{folder}: a page made the reader panic"));
        assert_eq!(
            read.pages.len(),
            files.len(),
            "{folder}: every file gives a page"
        );
        let with_facts = read.pages.iter().filter(|p| has_facts(p)).count();
        let reported = read
            .pages
            .iter()
            .filter(|p| !has_facts(p))
            .filter(|p| p.diagnostics.iter().any(|d| d.code == "page-without-facts"))
            .count();
        report!(
            "corpus read {folder}: {} pages, {with_facts} with facts, {reported} reported without facts",
            read.pages.len()
        );
        assert_eq!(
            with_facts + reported,
            read.pages.len(),
            "{folder}: a page was lost silently"
        );
        let merged = docgen_model::merge(&read.pages);
        assert!(
            !merged.model.types.is_empty(),
            "{folder}: the model has types"
        );
    }
}
