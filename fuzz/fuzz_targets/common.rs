//! Checks every target makes on what the readers return, besides "no panic".

use docgen_ir::Page;

/// Every diagnostic names the page's file and a real (1-based) line: a diagnostic that
/// cannot be found is as bad as none.
pub fn check_page(page: &Page, source: &str) {
    for diagnostic in &page.diagnostics {
        assert_eq!(diagnostic.file, source, "{diagnostic}");
        assert!(diagnostic.line >= 1, "{diagnostic}");
    }
}
