//! Tables: the `<thead>` row (else the first row) is the header, every other `<tr>` a row.

use scraper::{ElementRef, Node};

use super::inline::tidy;
use super::Lowering;
use crate::blocks::{Block, Inline, TableRow};

impl<'h> Lowering<'_, 'h> {
    pub(super) fn table(&mut self, table: ElementRef<'h>, line: u32) {
        let mut header: Option<Vec<Inline>> = None;
        let mut rows = Vec::new();
        for child in table.children() {
            match child.value() {
                Node::Comment(_) => {
                    self.aligner.comment();
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let span = self.aligner.element(e.name());
                    let child_line = self.line_of_span(span);
                    match e.name().to_ascii_lowercase().as_str() {
                        "tr" => rows.push(self.row(child, child_line)),
                        section @ ("thead" | "tbody" | "tfoot") => {
                            for row in self.section_rows(child) {
                                if section == "thead" && header.is_none() {
                                    header = Some(row.cells);
                                } else {
                                    rows.push(row);
                                }
                            }
                        }
                        _ => self.skip(child),
                    }
                }
                _ => {}
            }
        }
        let header = match header {
            Some(header) => header,
            None if rows.is_empty() => return,
            // Without a `<thead>` the first row is the header.
            // reason: `rows` is not empty here (the arm above).
            None => rows.remove(0).cells,
        };
        self.report_cell_counts(table, &header, &rows);
        self.push(Block::Table { header, rows, line });
    }

    /// Rows with more or fewer cells than the header (`table-row-cells`), as the markdown
    /// reader reports them. Tables that span cells (`colspan`, `rowspan`) are not checked.
    fn report_cell_counts(&mut self, table: ElementRef<'h>, header: &[Inline], rows: &[TableRow]) {
        let spans = table
            .descendent_elements()
            .any(|e| e.attr("colspan").is_some() || e.attr("rowspan").is_some());
        if spans || header.is_empty() {
            return;
        }
        for row in rows {
            let (written, columns) = (row.cells.len(), header.len());
            // An empty row is reported by the interpreter, which finds no name in it.
            if written == 0 {
                continue;
            }
            self.doc
                .diagnostics
                .extend(crate::blocks::row_cells_mismatch(
                    self.source,
                    row.line,
                    written,
                    columns,
                ));
        }
    }

    fn section_rows(&mut self, section: ElementRef<'h>) -> Vec<TableRow> {
        let mut rows = Vec::new();
        for child in section.children() {
            match child.value() {
                Node::Comment(_) => {
                    self.aligner.comment();
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let span = self.aligner.element(e.name());
                    if e.name().eq_ignore_ascii_case("tr") {
                        let line = self.line_of_span(span);
                        rows.push(self.row(child, line));
                    } else {
                        self.skip(child);
                    }
                }
                _ => {}
            }
        }
        rows
    }

    fn row(&mut self, row: ElementRef<'h>, line: u32) -> TableRow {
        let mut cells = Vec::new();
        for child in row.children() {
            match child.value() {
                Node::Comment(_) => {
                    self.aligner.comment();
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    self.aligner.element(e.name());
                    if matches!(e.name().to_ascii_lowercase().as_str(), "td" | "th") {
                        let mut cell = Inline::default();
                        self.collect(child, &mut cell);
                        cells.push(tidy(cell));
                    } else {
                        self.skip(child);
                    }
                }
                _ => {}
            }
        }
        TableRow { cells, line }
    }
}
