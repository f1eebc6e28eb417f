//! Readers: documentation pages in, page IR out.
//!
//! [`read_page`] detects a page's format from its content, lowers it to format-neutral
//! [`blocks`], and interprets those as a [`docgen_ir::Page`]. [`read_paths`] does that for
//! files and folders, in parallel, returning pages sorted by path.
//!
//! Pages are untrusted input: no page makes a reader panic, and what one page may cost is
//! bounded by [`Limits`] (page size, table rows, JSON and HTML nesting, file count). The plain
//! functions use [`Limits::default`]; the `_with` variants take limits.

// Pages are untrusted input: nothing a page can reach may panic on `unwrap`, `expect`, an
// index or a string slice (`unwrap`/`expect` are allowed in tests by clippy.toml). Where an
// index stays, an `#[allow(clippy::indexing_slicing)]` with a `reason:` comment says why it
// is in bounds.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice
)]
// Tests index freely: a panic there is a failing test. The crate built without `cfg(test)`
// (what `clippy --all-targets` checks besides) keeps the denial.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::string_slice))]

pub mod blocks;
pub mod detect;
pub mod html;
mod interpret;
pub mod limits;
mod lines;
pub mod markdown;
mod sources;
pub mod text;

use docgen_ir::{Diagnostic, Format, Page};

pub use detect::detect_format;
pub use limits::Limits;
pub use sources::{
    collect_files, read_file, read_paths, read_paths_in, read_paths_in_with, read_paths_with,
    ReadSet,
};

/// How far into a file a NUL byte marks it as binary (git looks as far).
const BINARY_SNIFF_BYTES: usize = 8000;

/// Reads one page from its bytes with the default [`Limits`]. `source` names it in diagnostics
/// and in the IR.
///
/// Never fails: unreadable content becomes diagnostics on the returned page.
pub fn read_page(source: &str, bytes: &[u8]) -> Page {
    read_page_with(source, bytes, &Limits::default())
}

/// Like [`read_page`], within `limits`. A page over [`Limits::max_page_bytes`] is not read:
/// the returned page holds only its source and a `page-too-large` diagnostic.
pub fn read_page_with(source: &str, bytes: &[u8], limits: &Limits) -> Page {
    read_decoded(source, bytes, None, limits)
}

/// Like [`read_page_with`] in a given format, without detection: for callers that know what
/// a page is, and for fuzzing each reader together with the interpreter.
pub fn read_page_as(source: &str, bytes: &[u8], format: Format, limits: &Limits) -> Page {
    read_decoded(source, bytes, Some(format), limits)
}

/// Decodes a page (invalid UTF-8 replaced and reported, BOM dropped, CR LF and CR as LF),
/// then lowers it as `format` or as detected, and interprets it.
fn read_decoded(source: &str, bytes: &[u8], format: Option<Format>, limits: &Limits) -> Page {
    if bytes.len() > limits.max_page_bytes {
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return skipped_page(source, limits::page_too_large(source, size, limits));
    }
    // As git decides: a NUL byte early on means binary (or UTF-16), never a page.
    if let Some(nul) = bytes.iter().take(BINARY_SNIFF_BYTES).position(|&b| b == 0) {
        return skipped_page(
            source,
            Diagnostic::warning(
                "page-binary",
                source,
                line_of_byte(bytes, nul),
                "the file holds NUL bytes: it is binary (or UTF-16 text), not a page; skipped",
            ),
        );
    }
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
    let format = format.unwrap_or_else(|| detect_format(&text));
    read_text(source, &text, format, diagnostics, limits)
}

/// A page that was not read, with the reason.
pub(crate) fn skipped_page(source: &str, reason: Diagnostic) -> Page {
    Page {
        source: source.to_owned(),
        diagnostics: vec![reason],
        ..Page::default()
    }
}

fn read_text(
    source: &str,
    text: &str,
    format: Format,
    mut diagnostics: Vec<Diagnostic>,
    limits: &Limits,
) -> Page {
    let mut doc = match format {
        Format::Markdown => markdown::lower(source, text),
        Format::Text => text::lower(source, text),
        Format::Html => html::lower_with(source, text, limits),
    };
    limits::truncate_tables(&mut doc, source, limits);
    let mut page = interpret::interpret_with(source, format, doc, limits);
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
