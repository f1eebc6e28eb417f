//! Readers: documentation pages in, page IR out.
//!
//! [`read_page`] detects a page's format from its content, lowers it to format-neutral
//! [`blocks`], and interprets those as a [`docgen_ir::Page`]. [`read_paths`] does that for
//! files and folders, in parallel, returning pages sorted by path.

pub mod blocks;
pub mod detect;
pub mod html;
mod interpret;
mod lines;
pub mod markdown;
mod sources;
pub mod text;

use docgen_ir::{Diagnostic, Format, Page};

pub use detect::detect_format;
pub use sources::{collect_files, read_paths, read_paths_in, ReadSet};

/// Reads one page from its bytes. `source` names it in diagnostics and in the IR.
///
/// Never fails: unreadable content becomes diagnostics on the returned page.
pub fn read_page(source: &str, bytes: &[u8]) -> Page {
    let mut diagnostics = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(err) => {
            diagnostics.push(Diagnostic::warning(
                "invalid-utf8",
                source,
                line_of_byte(bytes, err.valid_up_to()),
                "the page is not valid UTF-8; invalid bytes were replaced",
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    read_text(source, &text, diagnostics)
}

fn read_text(source: &str, text: &str, mut diagnostics: Vec<Diagnostic>) -> Page {
    let format = detect_format(text);
    let doc = match format {
        Format::Markdown => markdown::lower(text),
        Format::Text => text::lower(source, text),
        Format::Html => html::lower(source, text),
    };
    let mut page = interpret::interpret(source, format, doc);
    diagnostics.append(&mut page.diagnostics);
    page.diagnostics = diagnostics;
    page
}

fn line_of_byte(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}
