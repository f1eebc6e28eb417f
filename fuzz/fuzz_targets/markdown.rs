//! Fuzzes the markdown reader: its lowering to blocks, the same bytes read as markdown through the
//! interpreter (`read_page_as`), and the whole `read_page` with format detection.
#![no_main]

mod common;

use docgen_ir::Format;
use libfuzzer_sys::fuzz_target;

const SOURCE: &str = "fuzz.md";

fuzz_target!(|data: &[u8]| {
    common::fuzz_reader(data, SOURCE, Format::Markdown, docgen_read::markdown::lower);
});
