//! Fuzzes the markdown reader: its lowering to blocks, the same bytes read as markdown through the
//! interpreter (`read_page_as`), and the whole `read_page` with format detection.
#![no_main]

mod common;

use docgen_ir::Format;
use docgen_read::Limits;
use libfuzzer_sys::fuzz_target;

const SOURCE: &str = "fuzz.md";

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let doc = docgen_read::markdown::lower(SOURCE, text);
        for diagnostic in &doc.diagnostics {
            assert_eq!(diagnostic.file, SOURCE, "{diagnostic}");
        }
    }
    // NUL marks a file as binary, which `read_page` skips; without NULs the same bytes reach
    // the interpreter.
    let text_only: Vec<u8> = data
        .iter()
        .map(|&b| if b == 0 { b' ' } else { b })
        .collect();
    let page = docgen_read::read_page_as(SOURCE, &text_only, Format::Markdown, &Limits::default());
    common::check_page(&page, SOURCE);
    let page = docgen_read::read_page(SOURCE, data);
    common::check_page(&page, SOURCE);
});
