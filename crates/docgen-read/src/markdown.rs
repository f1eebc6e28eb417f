//! Lowers a markdown page (pulldown-cmark) to [`Document`] blocks with 1-based lines.
//!
//! Markup that carries no fact is dropped here: emphasis, raw inline HTML and DocFX include
//! directives become plain text, code spans lose their backticks (recorded in
//! [`Inline::code`]), and link text is kept with its target.
//!
//! What pulldown-cmark repairs silently is reported: a table row with more or fewer cells than
//! its header (`table-row-cells`; extra cells are dropped, missing ones read as empty) and a
//! code fence never closed (`code-fence-unterminated`; the rest of the page is code).

use docgen_ir::Diagnostic;
use pulldown_cmark::{CodeBlockKind, Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use crate::blocks::{Block, Document, Inline, Link, TableRow};
use crate::lines::LineIndex;

/// Lowers markdown `text` to blocks. `source` is the file path for diagnostics.
pub fn lower(source: &str, text: &str) -> Document {
    let index = LineIndex::new(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let mut lowering = Lowering {
        source,
        text,
        index: &index,
        doc: Document::default(),
        inline: None,
        link_stack: Vec::new(),
        table: None,
        code: None,
        html: None,
        quote_depth: 0,
        quote: None,
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        lowering.event(event, range);
    }
    lowering.doc
}

/// A table being collected.
struct TableState {
    header: Vec<Inline>,
    /// Cells of the header as written (pulldown-cmark pads and cuts rows to this many).
    columns: usize,
    rows: Vec<TableRow>,
    in_head: bool,
    row: Vec<Inline>,
    row_line: u32,
    line: u32,
}

struct CodeState {
    lang: Option<String>,
    text: String,
    line: Option<u32>,
    fence_line: u32,
}

struct Lowering<'a> {
    source: &'a str,
    text: &'a str,
    index: &'a LineIndex<'a>,
    doc: Document,
    /// Inline content being collected, with the line it started on.
    inline: Option<(Inline, u32)>,
    /// Open links: the link target and where its text starts in `inline.text`.
    link_stack: Vec<(String, usize)>,
    table: Option<TableState>,
    code: Option<CodeState>,
    html: Option<(String, u32)>,
    quote_depth: usize,
    /// Paragraph text inside a blockquote, joined into one note.
    quote: Option<(Inline, u32)>,
}

impl Lowering<'_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let line = self.index.line_of(range.start);
        match event {
            Event::Start(tag) => {
                self.check_source(&tag, range, line);
                self.start(tag, line);
            }
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, line),
            Event::Code(code) => {
                let inline = self.inline_mut(line);
                inline.text.push_str(&code);
                inline.code.push(code.into_string());
            }
            Event::SoftBreak | Event::HardBreak => self.push_space(line),
            Event::Html(html) => self.html_text(&html, line),
            Event::InlineHtml(html) => {
                // Block tags inside a cell (`<br>`, `<ul><li>`) separate words as a browser does.
                let lower = html.to_ascii_lowercase();
                let separates = [
                    "<br", "<li", "</li", "<ul", "</ul", "<ol", "</ol", "<p", "</p", "<div",
                    "</div",
                ]
                .iter()
                .any(|tag| lower.starts_with(tag));
                if separates {
                    self.push_space(line);
                } else if html.starts_with("<!--") {
                    self.html_text(&html, line);
                    self.flush_html_if_closed();
                }
            }
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    /// Reports what pulldown-cmark repairs without a word, from the source a tag spans.
    fn check_source(&mut self, tag: &Tag<'_>, range: std::ops::Range<usize>, line: u32) {
        let to_end = self
            .text
            .get(range.end..)
            .is_some_and(|r| r.trim().is_empty());
        let raw = self.text.get(range).unwrap_or("");
        match tag {
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.columns = cells_written(raw);
                }
            }
            Tag::TableRow => {
                let columns = self.table.as_ref().map_or(0, |t| t.columns);
                let written = cells_written(raw);
                if columns > 0 {
                    self.doc
                        .diagnostics
                        .extend(crate::blocks::row_cells_mismatch(
                            self.source,
                            line,
                            written,
                            columns,
                        ));
                }
            }
            // Only a fence left open to the end of the page swallows what follows it (one in
            // a list or quote ends with its container).
            Tag::CodeBlock(CodeBlockKind::Fenced(_)) if to_end && !fence_closed(raw) => {
                let rest = raw.lines().count().saturating_sub(1);
                self.doc.diagnostics.push(Diagnostic::warning(
                    "code-fence-unterminated",
                    self.source,
                    line,
                    format!(
                        "this code fence is never closed: the {rest} lines after it, to the end \
                         of the page, were read as code"
                    ),
                ));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: u32) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } => self.begin_inline(line),
            Tag::Item => self.begin_inline(line),
            Tag::BlockQuote(_) => {
                self.quote_depth += 1;
                if self.quote.is_none() {
                    self.quote = Some((Inline::default(), line));
                }
            }
            Tag::Table(_) => {
                self.table = Some(TableState {
                    header: Vec::new(),
                    columns: 0,
                    rows: Vec::new(),
                    in_head: false,
                    row: Vec::new(),
                    row_line: line,
                    line,
                });
            }
            Tag::TableHead => {
                if let Some(table) = &mut self.table {
                    table.in_head = true;
                    table.row_line = line;
                }
            }
            Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.row.clear();
                    table.row_line = line;
                }
            }
            Tag::TableCell => self.inline = Some((Inline::default(), line)),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(|word| word.trim_matches(['{', '}', '.']).to_ascii_lowercase())
                        .filter(|word| !word.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                let fenced = lang.is_some() || self.index.starts_with_fence(line);
                self.code = Some(CodeState {
                    lang,
                    text: String::new(),
                    line: None,
                    fence_line: if fenced { line + 1 } else { line },
                });
            }
            Tag::Link { dest_url, .. } => {
                let start = self.inline_mut(line).text.len();
                self.link_stack.push((dest_url.into_string(), start));
            }
            Tag::Image { .. } => {}
            Tag::HtmlBlock => self.html = Some((String::new(), line)),
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                self.code = Some(CodeState {
                    lang: Some("yaml-front-matter".to_owned()),
                    text: String::new(),
                    line: None,
                    fence_line: line + 1,
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => self.finish_paragraph(),
            TagEnd::Heading(level) => {
                if let Some((text, line)) = self.inline.take() {
                    self.doc.blocks.push(Block::Heading {
                        level: level as u8,
                        text: tidy(text),
                        line,
                    });
                }
            }
            TagEnd::BlockQuote(_) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.quote_depth == 0 {
                    if let Some((text, line)) = self.quote.take() {
                        let text = tidy(text);
                        if !text.text.is_empty() {
                            self.doc.blocks.push(Block::Note { text, line });
                        }
                    }
                }
            }
            TagEnd::TableCell => {
                if let (Some(table), Some((cell, _))) = (&mut self.table, self.inline.take()) {
                    table.row.push(tidy(cell));
                }
            }
            TagEnd::TableHead => {
                if let Some(table) = &mut self.table {
                    table.header = std::mem::take(&mut table.row);
                    table.in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    if !table.in_head {
                        let cells = std::mem::take(&mut table.row);
                        table.rows.push(TableRow {
                            cells,
                            line: table.row_line,
                        });
                    }
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.doc.blocks.push(Block::Table {
                        header: table.header,
                        rows: table.rows,
                        line: table.line,
                    });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let line = code.line.unwrap_or(code.fence_line);
                    self.doc.blocks.push(Block::Code {
                        lang: code.lang,
                        text: code.text,
                        line,
                    });
                }
            }
            TagEnd::MetadataBlock(_) => {
                if let Some(code) = self.code.take() {
                    self.doc.front_matter = Some((code.text, code.line.unwrap_or(code.fence_line)));
                }
            }
            TagEnd::Link => {
                if let Some((href, start)) = self.link_stack.pop() {
                    if let Some((inline, _)) = &mut self.inline {
                        let text = inline.text.get(start..).unwrap_or("").trim().to_owned();
                        inline.links.push(Link { text, href });
                    }
                }
            }
            TagEnd::HtmlBlock => self.flush_html(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, line: u32) {
        if let Some(code) = &mut self.code {
            if code.line.is_none() {
                code.line = Some(line);
            }
            code.text.push_str(text);
            return;
        }
        self.inline_mut(line).text.push_str(text);
    }

    fn html_text(&mut self, html: &str, line: u32) {
        match &mut self.html {
            Some((buffer, _)) => buffer.push_str(html),
            None => self.html = Some((html.to_owned(), line)),
        }
    }

    /// An inline comment may span several events; emit it once it is closed.
    fn flush_html_if_closed(&mut self) {
        if self
            .html
            .as_ref()
            .is_some_and(|(text, _)| text.contains("-->"))
        {
            self.flush_html();
        }
    }

    fn flush_html(&mut self) {
        let Some((html, line)) = self.html.take() else {
            return;
        };
        let mut rest = html.as_str();
        while let Some((_, after)) = rest.split_once("<!--") {
            let Some((text, next)) = after.split_once("-->") else {
                break;
            };
            let text = text.trim();
            if !text.is_empty() {
                self.doc.blocks.push(Block::Comment {
                    text: text.to_owned(),
                    line,
                });
            }
            rest = next;
        }
    }

    fn begin_inline(&mut self, line: u32) {
        if self.inline.is_none() {
            self.inline = Some((Inline::default(), line));
        } else {
            // A nested paragraph (list item content): separate it from what came before.
            self.push_space(line);
        }
    }

    fn finish_paragraph(&mut self) {
        if self.table.is_some() {
            return;
        }
        let Some((text, line)) = self.inline.take() else {
            return;
        };
        let text = tidy(text);
        if text.text.is_empty() {
            return;
        }
        if self.quote_depth > 0 {
            if let Some((quote, _)) = &mut self.quote {
                if !quote.text.is_empty() {
                    quote.text.push(' ');
                }
                quote.text.push_str(&text.text);
                quote.links.extend(text.links);
                quote.code.extend(text.code);
            }
            return;
        }
        self.doc.blocks.push(Block::Paragraph { text, line });
    }

    fn inline_mut(&mut self, line: u32) -> &mut Inline {
        &mut self
            .inline
            .get_or_insert_with(|| (Inline::default(), line))
            .0
    }

    fn push_space(&mut self, line: u32) {
        let inline = self.inline_mut(line);
        if !inline.text.ends_with(' ') && !inline.text.is_empty() {
            inline.text.push(' ');
        }
    }
}

/// The number of cells a table row is written with: its unescaped `|`s, less a leading and a
/// trailing one (GFM splits on every unescaped pipe, in code spans too).
fn cells_written(row: &str) -> usize {
    // A table in a block quote spans its `>` markers.
    let row = row
        .trim()
        .trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let mut pipes = 0;
    let mut escaped = false;
    // Whether the last character that is not white space is an unescaped `|`.
    let mut ends_with_pipe = false;
    for c in row.chars() {
        if c.is_whitespace() {
            continue;
        }
        let pipe = c == '|' && !escaped;
        pipes += usize::from(pipe);
        escaped = c == '\\' && !escaped;
        ends_with_pipe = pipe;
    }
    let leading = usize::from(row.starts_with('|'));
    let trailing = usize::from(ends_with_pipe && pipes > leading);
    pipes + 1 - leading - trailing
}

/// Whether a fenced code block's source ends with a closing fence: a line of at least as many
/// of the opening fence's characters, and nothing else.
fn fence_closed(block: &str) -> bool {
    let mut lines = block.lines().map(|l| {
        l.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
            .trim_end()
    });
    let Some(open) = lines.next() else {
        return false;
    };
    let Some(fence) = open.chars().next().filter(|c| matches!(c, '`' | '~')) else {
        return false;
    };
    let width = open.chars().take_while(|&c| c == fence).count();
    lines
        .next_back()
        .is_some_and(|close| close.chars().all(|c| c == fence) && close.chars().count() >= width)
}

/// Collapses runs of white space so that every format yields the same cell text.
fn tidy(mut inline: Inline) -> Inline {
    crate::lines::collapse_spaces_in_place(&mut inline.text);
    for link in &mut inline.links {
        crate::lines::collapse_spaces_in_place(&mut link.text);
    }
    inline
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\ntitle: \"Update x\"\ndoc_type: apiPageType\n---\n\n# Update x\n\nNamespace: microsoft.graph\n\n> **Note:** be careful.\n\n## Request body\n|Property|Type|Description|\n|:---|:---|:---|\n|devicePlatform|[devicePlatformType](../resources/t.md)|Possible values are: `a`, `b`.|\n\n<!-- {\n  \"blockType\": \"request\"\n}\n-->\n``` http\nPATCH /x/{id}\n```\n";

    #[test]
    fn lowers_front_matter_headings_tables_code_and_comments() {
        let doc = lower("p.md", PAGE);
        let (yaml, line) = doc.front_matter.clone().unwrap();
        assert!(yaml.contains("doc_type: apiPageType"));
        assert_eq!(line, 2);
        let kinds: Vec<&str> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { .. } => "h",
                Block::Paragraph { .. } => "p",
                Block::Note { .. } => "n",
                Block::Table { .. } => "t",
                Block::Code { .. } => "c",
                Block::Comment { .. } => "!",
            })
            .collect();
        assert_eq!(kinds, ["h", "p", "n", "h", "t", "!", "c"]);
        let Block::Table { header, rows, line } = &doc.blocks[4] else {
            panic!("table expected");
        };
        assert_eq!(*line, 13);
        assert_eq!(header.len(), 3);
        assert_eq!(rows[0].line, 15);
        assert_eq!(rows[0].cells[1].text, "devicePlatformType");
        assert_eq!(rows[0].cells[1].links[0].href, "../resources/t.md");
        assert_eq!(rows[0].cells[2].text, "Possible values are: a, b.");
        assert_eq!(rows[0].cells[2].code, ["a", "b"]);
        let Block::Comment { text, line } = &doc.blocks[5] else {
            panic!("comment expected");
        };
        assert!(text.starts_with('{') && text.ends_with('}'));
        assert_eq!(*line, 17);
        let Block::Code { lang, text, line } = &doc.blocks[6] else {
            panic!("code expected");
        };
        assert_eq!(lang.as_deref(), Some("http"));
        assert_eq!(text, "PATCH /x/{id}\n");
        assert_eq!(*line, 22);
    }

    #[test]
    fn rows_with_other_cell_counts_and_open_fences_are_reported() {
        let page =
            "# t\n\n|a|b|c|\n|-|-|-|\n|1|2|3|4|\n|1|2|\n1|2|3\n|`x\\|y`|2|3|\n\n```json\n{\n";
        let doc = lower("p.md", page);
        let found: Vec<(&str, u32)> = doc
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.line))
            .collect();
        assert_eq!(
            found,
            [
                ("table-row-cells", 5),
                ("table-row-cells", 6),
                ("code-fence-unterminated", 10)
            ],
            "{:?}",
            doc.diagnostics
        );
        // Closed fences, and a fence that ends with its list item, are fine.
        let page = "# t\n\n```json\n{}\n```\n\n- ```\n  x\n\ntext\n\n~~~~\n~~~\n~~~~~\n";
        assert_eq!(lower("p.md", page).diagnostics, []);
    }

    #[test]
    fn cells_as_written() {
        for (row, cells) in [
            ("|a|b|", 2),
            ("a|b", 2),
            ("| a | b |  ", 2),
            ("|a|b\\|", 2),
            ("|a\\|b|", 1),
            ("> |a|b|c|", 3),
            ("|", 1),
            ("||", 1),
            ("|||", 2),
        ] {
            assert_eq!(cells_written(row), cells, "{row}");
        }
    }

    #[test]
    fn note_text_is_joined() {
        let doc = lower("p.md", "> [!NOTE]\n> Some *text* here.\n");
        assert_eq!(
            doc.blocks,
            [Block::Note {
                text: Inline::plain("[!NOTE] Some text here."),
                line: 1
            }]
        );
    }
}
