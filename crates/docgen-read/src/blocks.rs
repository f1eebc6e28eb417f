//! The format-neutral block structure every reader produces before interpretation.
//!
//! Markdown, copied text and HTML differ in syntax but not in shape: headings, prose,
//! tables, code blocks and annotation comments. Each reader lowers its input to a
//! [`Document`]; one interpreter turns a `Document` into a page IR, so the three formats give
//! the same facts by construction wherever the input carries the same information.

use docgen_ir::Diagnostic;

/// A table row with `written` cells under a header of `columns`: `None` when they agree.
/// Markdown and HTML tables report it alike (copied text has no cells to count).
pub(crate) fn row_cells_mismatch(
    source: &str,
    line: u32,
    written: usize,
    columns: usize,
) -> Option<Diagnostic> {
    let what = match written.cmp(&columns) {
        std::cmp::Ordering::Equal => return None,
        std::cmp::Ordering::Greater => "the extra cells were not read",
        std::cmp::Ordering::Less => "the missing cells were read as empty",
    };
    Some(Diagnostic::warning(
        "table-row-cells",
        source,
        line,
        format!("the row has {written} cells and the header {columns}; {what}"),
    ))
}

/// Inline content of a paragraph, heading or table cell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// Plain text: markup removed, code spans without their backticks, link text only.
    pub text: String,
    /// Links in order, with their text and target.
    pub links: Vec<Link>,
    /// Code spans in order (text between backticks). Empty for formats that lose them.
    pub code: Vec<String>,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: text.into(),
            ..Inline::default()
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub cells: Vec<Inline>,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        text: Inline,
        line: u32,
    },
    Paragraph {
        text: Inline,
        line: u32,
    },
    /// A blockquote or a site "NOTE"/"IMPORTANT" box.
    Note {
        text: Inline,
        line: u32,
    },
    Table {
        header: Vec<Inline>,
        rows: Vec<TableRow>,
        line: u32,
    },
    /// A fenced or indented code block. `line` is the line of its first content line.
    Code {
        lang: Option<String>,
        text: String,
        line: u32,
    },
    /// The text inside an HTML comment (`<!-- ... -->`), trimmed.
    Comment {
        text: String,
        line: u32,
    },
}

impl Block {
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::Note { line, .. }
            | Block::Table { line, .. }
            | Block::Code { line, .. }
            | Block::Comment { line, .. } => *line,
        }
    }
}

/// A page lowered to blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// Raw YAML of the front matter and the line its first key is on.
    pub front_matter: Option<(String, u32)>,
    pub blocks: Vec<Block>,
    /// Problems the lowering itself found (rows it could not split, ...).
    pub diagnostics: Vec<docgen_ir::Diagnostic>,
}
