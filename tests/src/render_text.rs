//! Renders a markdown page as the text one gets by copying the page out of the docs site in a
//! browser (the shape of `shared/seeds/002_*.txt` and `shared/corpus/renders/txt/*.txt`).
//!
//! In that shape no markup survives: the front matter is gone, so the H1 title is the first
//! line; headings are bare lines; a table is its header row and its rows, one line each, with
//! cells joined by single spaces; code blocks are their raw lines; annotations and include
//! directives are gone; notes read "Note: ..."; links keep only their text, code spans lose
//! their backticks and emphasis vanishes. Blocks are separated by one blank line, and a
//! paragraph is one line (the browser folds the source's line breaks).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::prepare;

/// Renders `markdown` as text copied from the docs site.
pub fn render_text(markdown: &str) -> String {
    let mut writer = Writer::default();
    for event in prepare::events(markdown) {
        writer.event(event);
    }
    writer.finish()
}

/// A table being collected: finished lines, the current row and the current cell.
#[derive(Default)]
struct Table {
    lines: Vec<String>,
    row: Vec<String>,
    cell: Option<String>,
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Inline text of the block being read (paragraph, heading, list item...).
    inline: String,
    table: Option<Table>,
    code: Option<String>,
    /// Depth of content that shows no text: front matter, and images (their alt text is
    /// not part of a copy).
    hidden: usize,
    /// The label of a note whose first line is still to come.
    note: Option<&'static str>,
}

impl Writer {
    fn event(&mut self, event: Event<'_>) {
        if self.hidden > 0 {
            match event {
                Event::Start(Tag::MetadataBlock(_) | Tag::Image { .. }) => self.hidden += 1,
                Event::End(TagEnd::MetadataBlock(_) | TagEnd::Image) => self.hidden -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.code {
                Some(code) => code.push_str(&text),
                None => self.push(&text),
            },
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push(&text);
            }
            // The browser folds source line breaks into spaces.
            Event::SoftBreak => self.push(" "),
            Event::HardBreak => self.line_break(),
            Event::InlineHtml(html) => self.inline_html(&html),
            Event::Html(html) => {
                let text = strip_tags(&html);
                self.push(&text);
            }
            Event::Rule => self.flush(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::MetadataBlock(_) | Tag::Image { .. } => self.hidden += 1,
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table::default());
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    table.row.clear();
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    table.cell = Some(String::new());
                }
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = Some(String::new());
            }
            Tag::BlockQuote(kind) => {
                self.flush();
                self.note = kind.map(prepare::note_label);
            }
            tag if is_inline(&tag) => {}
            // Every other block starts on a line of its own.
            _ => self.flush(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) | TagEnd::Image => {}
            TagEnd::TableCell => {
                if let Some(table) = &mut self.table {
                    let cell = table.cell.take().unwrap_or_default();
                    table.row.push(cell.trim().to_owned());
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    let row = std::mem::take(&mut table.row);
                    table.lines.push(row.join(" "));
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.emit(&table.lines.join("\n"));
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.emit(code.trim_end_matches('\n'));
                }
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                // A note with nothing after its marker shows nothing.
                self.note = None;
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {}
            _ => self.flush(),
        }
    }

    /// Appends inline text to the current cell, or to the current block.
    fn push(&mut self, text: &str) {
        match self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => cell.push_str(text),
            None => self.inline.push_str(text),
        }
    }

    /// A line break: a new line in running text, a space inside a table cell (a row is one
    /// line in this shape, and the text reader reads a row per line).
    fn line_break(&mut self) {
        if self.table.is_some() {
            self.push(" ");
        } else {
            self.inline.push('\n');
        }
    }

    /// Raw inline HTML shows only its effect: `<br>` breaks the line, list markup in table
    /// cells (`<ul><li>`) separates the items; comments are already gone; other tags vanish.
    fn inline_html(&mut self, html: &str) {
        let tag = html
            .trim_start_matches('<')
            .trim_start_matches('/')
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match tag.as_str() {
            "br" => self.line_break(),
            "li" | "ul" | "ol" | "p" | "div" => self.push(" "),
            _ => {}
        }
    }

    /// Ends the current block of inline text, if any.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.inline);
        let lines: Vec<&str> = text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        let mut block = lines.join("\n");
        if let Some(label) = self.note.take() {
            block = format!("{label}: {block}");
        }
        self.emit(&block);
    }

    /// Appends a block, one blank line after the previous one.
    fn emit(&mut self, block: &str) {
        if block.trim().is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(block);
    }

    fn finish(mut self) -> String {
        self.flush();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
    )
}

/// The text of an HTML fragment: tags removed, the common entities decoded.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small page in the shape of the reference pages (written for this test).
    const PAGE: &str = r#"---
title: "widget resource type"
description: "A widget."
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

> **Note:** Widgets are *imaginary*;
> see [the docs](https://example.com/docs).

A **widget** holds `parts`.

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Identifier. Read-only.|
|parts|[part](../resources/part.md) collection|The parts.<br>Possible values are: `a`, `b`.|

## JSON representation
<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.widget"
}-->
```json
{
  "id": "String (identifier)"
}
```

- first item
- second item
"#;

    #[test]
    fn renders_the_copied_text_shape() {
        let want = r#"widget resource type

Namespace: microsoft.graph

Note: Widgets are imaginary; see the docs.

A widget holds parts.

Properties

Property Type Description
id String Identifier. Read-only.
parts part collection The parts. Possible values are: a, b.

JSON representation

{
  "id": "String (identifier)"
}

first item

second item
"#;
        assert_eq!(render_text(PAGE), want);
    }

    #[test]
    fn alert_notes_tabs_and_entities() {
        let md = "# Get x\n\n> [!IMPORTANT]\n> Mind the &lt;token&gt;.\n\n# [HTTP](#tab/http)\n<!-- { \"blockType\": \"request\" } -->\n```http\nGET /x\n```\n# [C#](#tab/csharp)\n[!INCLUDE [sample-code](../includes/snippets/csharp/x.md)]\n[!INCLUDE [sdk-documentation](../includes/snippets/link.md)]\n\n---\n";
        let want = "Get x\n\nImportant: Mind the <token>.\n\nHTTP\n\nGET /x\n\nC#\n";
        assert_eq!(render_text(md), want);
    }

    #[test]
    fn the_text_reader_takes_it_for_copied_text() {
        let text = render_text(PAGE);
        assert_eq!(
            docgen_read::detect_format(&text),
            docgen_ir::Format::Text,
            "{text}"
        );
    }
}
