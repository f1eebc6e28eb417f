//! Limits on what one page, or one set of paths, may cost to read.
//!
//! Pages are untrusted input: they arrive through pull requests and CI reads them unattended.
//! Every reader is linear in its input, and nothing recurses on the input's nesting without a
//! bound, but a page can still be large enough, or a folder wide enough, to make a run slow or
//! its output useless. These limits say how much is read; what goes over a limit is skipped or
//! cut with a diagnostic naming the file and line, and everything else is read as usual.
//!
//! | limit | default | over the limit | code |
//! | --- | --- | --- | --- |
//! | [`Limits::max_page_bytes`] | 8 MiB | the page is skipped (never read whole into memory) | `page-too-large` |
//! | [`Limits::max_table_rows`] | 20,000 | later rows of the table are dropped | `table-truncated` |
//! | [`Limits::max_json_depth`] | 128 | the example body or annotation is dropped; deeper YAML flow collections in front matter are not parsed | `json-too-deep`, `front-matter-too-deep` |
//! | [`Limits::max_nesting`] | 128 | deeper HTML elements are read as plain text; tags nested deeper than twice that are removed before parsing | `html-too-deep` |
//! | [`Limits::max_files`] | 100,000 | files after the first N (in path order) are skipped | `too-many-files` |
//!
//! The `docgen` command takes each limit as a flag (`--max-page-bytes`, `--max-table-rows`,
//! `--max-json-depth`, `--max-nesting`, `--max-files`) on `parse`, `model`, `generate` and
//! `check`.
//!
//! Not limits but refusals of the same kind: a file with a NUL byte in its first 8,000 bytes is
//! binary (or UTF-16) and skipped (`page-binary`); folder walks skip devices, FIFOs and sockets
//! (`path-not-file`), break symbolic link loops (`path-loop`) and do not follow links leading
//! outside the folder given (`path-outside-root`).
//!
//! `max_json_depth` cannot usefully exceed 128: `serde_json`, which every later stage parses
//! example bodies with, refuses deeper documents itself (an error, never a stack overflow).
//! Markdown and copied text have no nesting limit because neither reader recurses: markdown
//! nesting is pulldown-cmark's (an explicit stack) and the text reader sees only lines. The
//! HTML parser does not recurse either, but its cost grows with nesting depth, hence the cut
//! before parsing (see `html::nesting`).
//!
//! Measured worst cases within the defaults (debug build of docgen-read, dependencies at
//! `opt-level = 1`): an 8 MB page of nested `<div>`s 0.2 s, of 250-deep formatting
//! elements with distinct attributes 7 s; 8 MB of markdown table rows 1.1 s; a 100,000-row
//! table cut to 20,000 rows 1 s to read. The merge indexes a type's properties by name, so
//! even 100,000 rows of one type (the limit raised) merge in about a second.

use docgen_ir::{Diagnostic, Example};

use crate::blocks::{Block, Document};

/// What a read may cost. [`Limits::default`] gives the documented defaults; set fields to
/// change them (`Limits { max_table_rows: 100, ..Limits::default() }`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest page read, in bytes; a larger page is skipped with `page-too-large`.
    pub max_page_bytes: usize,
    /// Rows kept per table (header not counted); the rest get one `table-truncated`.
    pub max_table_rows: usize,
    /// Deepest nesting of `[`/`{` in an example body or annotation comment; a deeper one is
    /// dropped with `json-too-deep` (the example keeps its method, URL and status). Also the
    /// deepest YAML flow nesting of front matter (`front-matter-too-deep`).
    pub max_json_depth: usize,
    /// Deepest HTML element nesting read as structure; deeper content is read as plain text
    /// with one `html-too-deep`.
    pub max_nesting: usize,
    /// Most files read from one set of paths; the rest get one `too-many-files`.
    pub max_files: usize,
}

impl Limits {
    pub const DEFAULT_MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;
    pub const DEFAULT_MAX_TABLE_ROWS: usize = 20_000;
    pub const DEFAULT_MAX_JSON_DEPTH: usize = 128;
    pub const DEFAULT_MAX_NESTING: usize = 128;
    pub const DEFAULT_MAX_FILES: usize = 100_000;
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_page_bytes: Self::DEFAULT_MAX_PAGE_BYTES,
            max_table_rows: Self::DEFAULT_MAX_TABLE_ROWS,
            max_json_depth: Self::DEFAULT_MAX_JSON_DEPTH,
            max_nesting: Self::DEFAULT_MAX_NESTING,
            max_files: Self::DEFAULT_MAX_FILES,
        }
    }
}

/// The diagnostic for a page over [`Limits::max_page_bytes`]. `size` is what is known of its
/// length: the file's length, or at least one byte more than the limit.
pub(crate) fn page_too_large(source: &str, size: u64, limits: &Limits) -> Diagnostic {
    Diagnostic::error(
        "page-too-large",
        source,
        1,
        format!(
            "the page is {size} bytes, more than the limit of {} bytes; it was skipped",
            limits.max_page_bytes
        ),
    )
}

/// Cuts every table of `doc` to [`Limits::max_table_rows`] rows, reporting each cut at the
/// first dropped row. Done once after lowering so all three formats cut alike; a page is at
/// most [`Limits::max_page_bytes`], so the rows held until here are bounded too.
pub(crate) fn truncate_tables(doc: &mut Document, source: &str, limits: &Limits) {
    for block in &mut doc.blocks {
        let Block::Table { rows, line, .. } = block else {
            continue;
        };
        let Some(first_dropped) = rows.get(limits.max_table_rows) else {
            continue;
        };
        let dropped_at = first_dropped.line;
        let total = rows.len();
        rows.truncate(limits.max_table_rows);
        doc.diagnostics.push(Diagnostic::warning(
            "table-truncated",
            source,
            dropped_at,
            format!(
                "the table at line {line} has {total} rows, more than the limit of {}; \
                 rows from here on were not read",
                limits.max_table_rows
            ),
        ));
    }
}

/// When `text`'s brackets nest deeper than `max` (outside strings), the 0-based line of
/// `text` where they first do. A cheap scan that never recurses, run before any JSON parser
/// sees the text, so that depth is refused with a diagnostic rather than by a parser error.
pub(crate) fn json_too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for byte in text.bytes() {
        if byte == b'\n' {
            line += 1;
        }
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > max {
                    return Some(line);
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// When YAML flow collections (`[`, `{`) in `text` nest deeper than `max`, the 0-based line
/// where they first do. The YAML scanner's cost per token grows with the number of unclosed
/// flow levels (100,000 of them take it seconds; a megabyte, hours), so front matter is
/// checked before it is parsed.
///
/// As YAML does, a quote opens a quoted scalar only where a scalar starts (after `[{,:-?` or
/// at the start of a line) and `#` after a space starts a comment; brackets in either do not
/// count. An apostrophe inside a plain scalar (`it's`) is plain text.
pub(crate) fn yaml_too_deep(text: &str, max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    let mut comment = false;
    // The last byte that was not a blank, or `\n` at the start of a line.
    let mut last = b'\n';
    let mut previous = b'\n';
    for byte in text.bytes() {
        if byte == b'\n' {
            line += 1;
            comment = false;
        }
        match quote {
            _ if comment => {}
            Some(b'"') => match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => quote = None,
                _ => {}
            },
            // In single quotes `''` is an escaped quote: leaving and entering again is the same.
            Some(_) => {
                if byte == b'\'' {
                    quote = None;
                }
            }
            None => match byte {
                b'"' | b'\'' if matches!(last, b'\n' | b'[' | b'{' | b',' | b':' | b'-' | b'?') => {
                    quote = Some(byte);
                }
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max {
                        return Some(line);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        if byte == b'\n' || !byte.is_ascii_whitespace() {
            last = byte;
        }
        previous = byte;
    }
    None
}

/// Drops `example`'s body when it nests deeper than [`Limits::max_json_depth`], so that no
/// later stage (the merge, `docgen check`, the generator's example tests) ever parses it; the
/// example keeps its method, URL and status. The `json-too-deep` diagnostic when it did.
pub(crate) fn example(example: &mut Example, source: &str, limits: &Limits) -> Option<Diagnostic> {
    let offset = json_too_deep(example.body.as_deref()?, limits.max_json_depth)?;
    let first = example.body_line.unwrap_or(example.line);
    example.body = None;
    example.body_line = None;
    Some(json_depth_diagnostic(
        source,
        first,
        offset,
        "example body",
        limits,
    ))
}

/// `Some(json-too-deep)` when an annotation comment at `line` nests deeper than
/// [`Limits::max_json_depth`]: it is then not read.
pub(crate) fn annotation(
    text: &str,
    line: u32,
    source: &str,
    limits: &Limits,
) -> Option<Diagnostic> {
    let offset = json_too_deep(text, limits.max_json_depth)?;
    Some(json_depth_diagnostic(
        source,
        line,
        offset,
        "annotation comment",
        limits,
    ))
}

/// `Some(front-matter-too-deep)` when front matter starting at `line` nests deeper than
/// [`Limits::max_json_depth`]: it is then not parsed.
pub(crate) fn front_matter(
    yaml: &str,
    line: u32,
    source: &str,
    limits: &Limits,
) -> Option<Diagnostic> {
    let offset = yaml_too_deep(yaml, limits.max_json_depth)?;
    Some(Diagnostic::warning(
        "front-matter-too-deep",
        source,
        line.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX)),
        format!(
            "the front matter nests deeper than the limit of {} levels; it was not read",
            limits.max_json_depth
        ),
    ))
}

/// The `json-too-deep` diagnostic for a body or annotation starting at `first_line` whose
/// depth passed the limit `offset` lines in.
fn json_depth_diagnostic(
    source: &str,
    first_line: u32,
    offset: usize,
    what: &str,
    limits: &Limits,
) -> Diagnostic {
    let offset = u32::try_from(offset).unwrap_or(u32::MAX);
    Diagnostic::warning(
        "json-too-deep",
        source,
        first_line.saturating_add(offset),
        format!(
            "the {what} nests deeper than the limit of {} levels; it was not read",
            limits.max_json_depth
        ),
    )
}

/// The `too-many-files` diagnostic, on the first file skipped.
pub(crate) fn too_many_files(first_skipped: &str, total: usize, limits: &Limits) -> Diagnostic {
    Diagnostic::warning(
        "too-many-files",
        first_skipped,
        1,
        format!(
            "{total} files were found, more than the limit of {}; this file and the {} after \
             it (in path order) were not read",
            limits.max_files,
            total.saturating_sub(limits.max_files).saturating_sub(1)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::{Inline, TableRow};

    #[test]
    fn json_depth_counts_brackets_outside_strings() {
        assert_eq!(json_too_deep("{\"a\": [1, {\"b\": 2}]}", 3), None);
        assert_eq!(json_too_deep("{\"a\": [1, {\"b\": 2}]}", 2), Some(0));
        assert_eq!(json_too_deep("{\n\"a\": \"[[[[{{{{\\\"[[[\"\n}", 1), None);
        assert_eq!(json_too_deep("[\n[\n[\n]]]", 2), Some(2));
        let deep = "[".repeat(10_000);
        assert_eq!(json_too_deep(&deep, 128), Some(0));
        // Unbalanced closers never underflow.
        assert_eq!(json_too_deep("]]]]}}[", 1), None);
    }

    #[test]
    fn yaml_depth_skips_quoted_scalars_and_comments() {
        assert_eq!(yaml_too_deep("a: [b, [c]]\nd: {e: [f]}\n", 2), None);
        assert_eq!(yaml_too_deep("a: [b, [c]]\nd: {e: [[f]]}\n", 2), Some(1));
        assert_eq!(
            yaml_too_deep("t: \"[[[[\"\nu: '{{{{'\nv: x # [[[[\n", 1),
            None
        );
        // An apostrophe in a plain scalar is no quote: the brackets after it count.
        assert_eq!(yaml_too_deep("t: it's\nu: [[[\n", 2), Some(1));
        let deep = format!("a: {}", "[".repeat(100_000));
        assert_eq!(yaml_too_deep(&deep, 128), Some(0));
    }

    #[test]
    fn tables_are_cut_at_the_limit_with_the_first_dropped_row() {
        let rows = (0..5)
            .map(|i| TableRow {
                cells: vec![Inline::plain(format!("r{i}"))],
                line: 10 + i,
            })
            .collect();
        let mut doc = Document {
            blocks: vec![Block::Table {
                header: vec![Inline::plain("Property")],
                rows,
                line: 9,
            }],
            ..Document::default()
        };
        let limits = Limits {
            max_table_rows: 3,
            ..Limits::default()
        };
        truncate_tables(&mut doc, "p.md", &limits);
        let Some(Block::Table { rows, .. }) = doc.blocks.first() else {
            panic!("the table is kept");
        };
        assert_eq!(rows.len(), 3);
        let [diagnostic] = doc.diagnostics.as_slice() else {
            panic!("one diagnostic: {:?}", doc.diagnostics);
        };
        assert_eq!(
            (diagnostic.code.as_str(), diagnostic.line),
            ("table-truncated", 13)
        );
    }
}
