//! Tables in copied text: recognising a header row and reading the rows under it.
//!
//! No delimiter survives the copy, so a table is known by its header, which on reference
//! pages is one of a few fixed phrases. The phrase gives the column count, the header cells
//! and the [`Kind`] that [`row::split`] uses to cut each following line into cells.

use docgen_ir::Diagnostic;

use super::row::{self, Kind, Problem};
use super::{code, heading, Line};
use crate::blocks::{Block, Inline, TableRow};

/// A known header row: its cells (as words, lower-case) and how its rows split.
#[derive(Debug)]
pub(super) struct Spec {
    cells: &'static [&'static str],
    kind: Kind,
}

const fn spec(cells: &'static [&'static str], kind: Kind) -> Spec {
    Spec { cells, kind }
}

const SPECS: &[Spec] = &[
    spec(&["property", "type", "description"], Kind::Typed),
    spec(&["relationship", "type", "description"], Kind::Typed),
    spec(&["parameter", "type", "description"], Kind::Typed),
    spec(&["query parameter", "type", "description"], Kind::Typed),
    spec(&["name", "type", "description"], Kind::Typed),
    spec(&["property", "type"], Kind::Typed),
    spec(&["parameter", "type"], Kind::Typed),
    spec(
        &[
            "permission type",
            "permissions (from least to most privileged)",
        ],
        Kind::Permission,
    ),
    spec(
        &[
            "permission type",
            "permissions (from most to least privileged)",
        ],
        Kind::Permission,
    ),
    spec(&["permission type", "permissions"], Kind::Permission),
    spec(
        &[
            "permission type (by workflow)",
            "permissions (from most to least privileged)",
        ],
        Kind::Permission,
    ),
    spec(&["header", "value"], Kind::Keyed),
    spec(&["header", "description"], Kind::Keyed),
    spec(&["name", "description"], Kind::Keyed),
    spec(&["name", "value"], Kind::Keyed),
    spec(&["parameter", "description"], Kind::Keyed),
    spec(&["member", "description"], Kind::Keyed),
    spec(&["value", "description"], Kind::Keyed),
    spec(
        &["member", "value", "description"],
        Kind::Member { integer: true },
    ),
    spec(
        &["name", "value", "description"],
        Kind::Member { integer: false },
    ),
    spec(&["method", "return type", "description"], Kind::Methods),
    spec(&["member"], Kind::Whole),
];

/// The table spec whose header row `text` is, if any.
pub(super) fn header(text: &str) -> Option<&'static Spec> {
    // Header rows are a few words; most lines are prose or rows and are not normalised.
    if text.len() > 96 {
        return None;
    }
    static JOINED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| SPECS.iter().map(|s| s.cells.join(" ")).collect());
    let key = heading::normalize(text);
    JOINED
        .iter()
        .position(|j| *j == key)
        .and_then(|i| SPECS.get(i))
}

/// Reads the table whose header is at `start`. Returns the block, the index past its last
/// row and the diagnostics for rows that did not split cleanly.
pub(super) fn read(
    source: &str,
    lines: &[Line<'_>],
    start: usize,
    spec: &Spec,
) -> (Block, usize, Vec<Diagnostic>) {
    let first = lines.get(start);
    let header = first
        .map(|l| header_cells(spec, l.text()))
        .unwrap_or_default();
    let mut rows = Vec::new();
    let mut diagnostics = Vec::new();
    let mut end = start + 1;
    while let Some(line) = lines.get(end).filter(|l| is_row(l.text())) {
        let split = row::split(spec.kind, spec.cells.len(), line.text());
        if let Some(problem) = split.problem {
            diagnostics.push(diagnostic(source, line.no, spec, problem));
        }
        rows.push(TableRow {
            cells: split.cells.iter().map(|c| super::inline(c)).collect(),
            line: line.no,
        });
        end += 1;
    }
    let line = first.map_or(0, |l| l.no);
    (Block::Table { header, rows, line }, end, diagnostics)
}

/// The header cells as written on the page, cut where the spec's cells end.
fn header_cells(spec: &Spec, text: &str) -> Vec<Inline> {
    let mut words = text.split_whitespace();
    spec.cells
        .iter()
        .map(|cell| {
            let count = cell.split(' ').count();
            let taken: Vec<&str> = words.by_ref().take(count).collect();
            Inline::plain(taken.join(" "))
        })
        .collect()
}

/// Rows run until a blank line; a line that starts another block also ends the table, in
/// case the copy lost the blank line after it.
fn is_row(text: &str) -> bool {
    !text.is_empty()
        && !heading::is_section_title(text)
        && header(text).is_none()
        && !code::is_request_line(text)
        && !code::is_status_line(text)
        && !code::starts_json(text)
}

fn diagnostic(source: &str, line: u32, spec: &Spec, problem: Problem) -> Diagnostic {
    let table = spec.cells.join(" | ");
    match problem {
        Problem::Unsplit(why) => Diagnostic::warning(
            "text-row-unsplit",
            source,
            line,
            format!(
                "cannot split this row of the `{table}` table with confidence: {why}; \
                 the row is kept with the unsplit text in one cell"
            ),
        ),
        Problem::Guessed(why) => Diagnostic::note(
            "text-row-guessed",
            source,
            line,
            format!("row of the `{table}` table split by a guess: {why}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_phrases() {
        let spec = header("Permission type Permissions (from most to least privileged)");
        assert_eq!(spec.map(|s| s.kind), Some(Kind::Permission));
        assert_eq!(
            header("Method  Return type Description").map(|s| s.kind),
            Some(Kind::Methods)
        );
        assert!(header("Property Type Description of the thing").is_none());
    }

    #[test]
    fn header_cells_keep_their_spelling() {
        let Some(spec) = header("Permission type Permissions (from least to most privileged)")
        else {
            panic!("not a header");
        };
        let cells = header_cells(
            spec,
            "Permission type Permissions (from least to most privileged)",
        );
        let texts: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Permission type",
                "Permissions (from least to most privileged)"
            ]
        );
    }
}
