//! Checks every target makes on what the readers return, besides "no panic".

// Each target is its own crate and uses a subset (`pipeline` reads no single format).
#![allow(dead_code)]

use docgen_ir::{Format, Page};
use docgen_read::blocks::Document;
use docgen_read::Limits;

/// Every diagnostic names the page's file and a real (1-based) line: a diagnostic that
/// cannot be found is as bad as none.
pub fn check_page(page: &Page, source: &str) {
    for diagnostic in &page.diagnostics {
        assert_eq!(diagnostic.file, source, "{diagnostic}");
        assert!(diagnostic.line >= 1, "{diagnostic}");
    }
}

/// One reader target's input: `lower` over the text, the same bytes through the interpreter as
/// `format` (`read_page_as`), and the whole `read_page` with format detection.
pub fn fuzz_reader(data: &[u8], source: &str, format: Format, lower: fn(&str, &str) -> Document) {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = lower(source, text);
        for diagnostic in &doc.diagnostics {
            assert_eq!(diagnostic.file, source, "{diagnostic}");
        }
    }
    // NUL marks a file as binary, which `read_page` skips; without NULs the same bytes reach
    // the interpreter.
    let text_only: Vec<u8> = data
        .iter()
        .map(|&b| if b == 0 { b' ' } else { b })
        .collect();
    let page = docgen_read::read_page_as(source, &text_only, format, &Limits::default());
    check_page(&page, source);
    let page = docgen_read::read_page(source, data);
    check_page(&page, source);
}
