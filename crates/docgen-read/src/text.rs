//! The reader for plain text copied from the docs website: lowers a page to [`Document`].
//!
//! Copying a rendered page out of a browser keeps the words and the line structure but loses
//! every delimiter: headings are bare lines, table cells are joined by single spaces and code
//! fences are gone. This module owns recovering the block structure from that text so it looks
//! like what the markdown reader gives for the same page: section titles are recognised by
//! known words ([`heading`]), tables by known header phrases and rows split by what each
//! column may hold ([`table`], [`row`]), and HTTP/JSON examples by their syntax ([`code`]).
//! Wherever a split is not certain the row is kept and a diagnostic says so.

mod code;
mod heading;
mod row;
mod table;
#[cfg(test)]
mod tests;

use docgen_ir::Diagnostic;

use crate::blocks::{Block, Document, Inline};
use heading::Outline;

/// Inline text as every reader gives it: white-space runs folded, so cells and prose compare
/// equal across formats.
fn inline(text: &str) -> Inline {
    Inline::plain(crate::lines::collapse_spaces(text))
}

/// Lowers a page of copied docs text to blocks. `source` is the file path for diagnostics.
pub fn lower(source: &str, text: &str) -> Document {
    let lines = split_lines(text);
    let mut lowerer = Lowerer {
        source,
        lines: &lines,
        pos: 0,
        outline: Outline::default(),
        title_seen: false,
        doc: Document::default(),
    };
    lowerer.run();
    lowerer.doc
}

/// One input line: its 1-based number and its text without the line ending.
#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    no: u32,
    raw: &'a str,
}

impl<'a> Line<'a> {
    /// The line without surrounding blanks, including the invisible ones browsers copy.
    fn text(&self) -> &'a str {
        self.raw
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
    }

    fn is_blank(&self) -> bool {
        self.text().is_empty()
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            no: u32::try_from(i + 1).unwrap_or(u32::MAX),
            raw: raw.strip_suffix('\r').unwrap_or(raw),
        })
        .collect()
}

/// The text of the first non-blank line at or after `from`.
fn next_text<'a>(lines: &[Line<'a>], from: usize) -> Option<&'a str> {
    lines
        .get(from..)?
        .iter()
        .find(|l| !l.is_blank())
        .map(Line::text)
}

struct Lowerer<'s, 'a> {
    source: &'s str,
    lines: &'s [Line<'a>],
    /// Index of the next unread line.
    pos: usize,
    outline: Outline,
    title_seen: bool,
    doc: Document,
}

impl Lowerer<'_, '_> {
    fn run(&mut self) {
        while let Some(line) = self.lines.get(self.pos).copied() {
            if line.is_blank() {
                self.pos += 1;
            } else {
                self.block(line);
            }
        }
    }

    /// Reads the block starting at `line` (the line at `self.pos`) and moves past it.
    fn block(&mut self, line: Line<'_>) {
        let text = line.text();
        if !self.title_seen {
            self.title_seen = true;
            self.push_heading(1, text, line.no);
        } else if let Some(level) = self.heading_level(text) {
            self.push_heading(level, text, line.no);
        } else if let Some(spec) = table::header(text) {
            self.table(spec);
            return;
        } else if code::is_request_line(text) || code::is_status_line(text) {
            self.http();
            return;
        } else if is_note(text) {
            self.push(Block::Note {
                text: inline(text),
                line: line.no,
            });
        } else if code::starts_json(text) {
            self.json();
            return;
        } else {
            self.push(Block::Paragraph {
                text: inline(text),
                line: line.no,
            });
        }
        self.pos += 1;
    }

    fn heading_level(&mut self, text: &str) -> Option<u8> {
        let next = next_text(self.lines, self.pos + 1);
        self.outline.heading(text, next)
    }

    fn push_heading(&mut self, level: u8, text: &str, line: u32) {
        self.push(Block::Heading {
            level,
            text: inline(text),
            line,
        });
    }

    fn push(&mut self, block: Block) {
        self.doc.blocks.push(block);
    }

    fn table(&mut self, spec: &'static table::Spec) {
        let (block, end, diagnostics) = table::read(self.source, self.lines, self.pos, spec);
        self.push(block);
        self.doc.diagnostics.extend(diagnostics);
        self.pos = end;
    }

    fn http(&mut self) {
        let extent = code::http_extent(self.lines, self.pos);
        self.code(Some("http"), extent);
    }

    fn json(&mut self) {
        let extent = code::json_extent(self.lines, self.pos);
        self.code(Some("json"), extent);
    }

    fn code(&mut self, lang: Option<&str>, extent: code::Extent) {
        let start = self.pos;
        let end = extent.end.max(start + 1);
        let body = self.lines.get(start..end).unwrap_or_default();
        let text = body.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
        let line = body.first().map_or(0, |l| l.no);
        if let Some(open_line) = extent.unbalanced {
            self.doc.diagnostics.push(Diagnostic::warning(
                "text-json-unbalanced",
                self.source,
                open_line,
                "JSON body does not close its braces before the text moves on; \
                 the code block ends at the last line that still looked like JSON",
            ));
        }
        self.push(Block::Code {
            lang: lang.map(str::to_owned),
            text,
            line,
        });
        self.pos = end;
    }
}

/// The prefixes the site gives its NOTE/IMPORTANT boxes, and the markdown alert syntax some
/// pages leak when they are rendered without it being expanded.
fn is_note(text: &str) -> bool {
    const PREFIXES: [&str; 10] = [
        "note:",
        "important:",
        "warning:",
        "caution:",
        "tip:",
        "[!note]",
        "[!important]",
        "[!warning]",
        "[!caution]",
        "[!tip]",
    ];
    let head: String = text.chars().take(12).collect::<String>().to_lowercase();
    PREFIXES.iter().any(|p| head.starts_with(p))
}
