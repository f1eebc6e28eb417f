//! The reader for the docs site's HTML pages: lowers a page to [`Document`] blocks.
//!
//! The page is parsed with scraper (html5ever), so any input parses: fragments, invalid
//! nesting, missing end tags. The article is the first `<main>` element (else `<body>`, which
//! the parser always creates). Inside it, the lowering mirrors what the markdown reader gives
//! for the page's markdown original, so that the one interpreter reads the same facts:
//!
//! - `<h1>`…`<h6>` become headings; `<p>`, `<li>`, `<dt>`, `<dd>` paragraphs (a list nested in a
//!   list item joins the item's paragraph, as a tight markdown list does); text outside any
//!   paragraph becomes an anonymous paragraph.
//! - Site alert boxes (`<div class="NOTE">`, `IMPORTANT`, `alert`…) and `<blockquote>` become
//!   one [`Block::Note`] whose paragraphs are joined; a leading label paragraph ("Note") is
//!   joined as "Note: …".
//! - `<table>`: the `<thead>` row (else the first row) is the header, every other `<tr>` a row.
//! - `<pre>` becomes a code block with the `lang-x`/`language-x` class of its `<code>` (or of
//!   the `<pre>`) as language, and the element's text, entities decoded, as its text.
//! - Comments inside the article become [`Block::Comment`]s (the site normally strips them).
//! - Inline markup keeps its text; `<a href>` is recorded as a link, `<code>` as a code span,
//!   `<br>` is a space, and white space is folded like every reader folds it.
//!
//! Site chrome (header, navigation, breadcrumbs, page metadata, outlines, feedback, asides,
//! footers, code headers, language tab lists) is skipped: see the `chrome` submodule.
//!
//! The front matter is synthesized from what the site keeps of the original's: `title` (the
//! `<title>` without the site suffix) and `description` (`<meta name="description">`), on
//! line 1. Nothing else (no `doc_type`) is invented.
//!
//! Lines: html5ever reports no source positions, so `source::Aligner` scans the HTML for its
//! start tags and comments and pairs them, in order, with the nodes of the parsed tree as the
//! lowering walks it (chrome included, so the cursor does not lag). A block's line is the line
//! of its start tag (a code block's: the line its text starts on; an anonymous paragraph's:
//! where its first words are found after the previous tag). Nodes the parser created without a
//! tag, or that it moved, are not paired and take the last paired line; the cursor only moves
//! forward and emitted lines are clamped to never decrease, so lines are monotonic and exact
//! for well-formed pages.

mod chrome;
mod front;
mod inline;
mod nesting;
mod source;
mod table;
#[cfg(test)]
mod tests;

use docgen_ir::Diagnostic;
use scraper::{ElementRef, Html, Node};

use crate::blocks::{Block, Document, Inline, Link};
use crate::limits::Limits;
use front::front_matter;
use inline::{push_space, tidy};
use source::{Aligner, Span};

/// Lowers a docs-site HTML page to blocks. `source` is the file path for diagnostics.
pub fn lower(source: &str, html: &str) -> Document {
    lower_with(source, html, &Limits::default())
}

/// Like [`lower`]; elements nested deeper than [`Limits::max_nesting`] inside the article are
/// read as plain text, without recursion, so no nesting depth can exhaust the stack.
///
/// Before parsing, tags nested deeper than twice that limit (counted from the document's
/// start) are blanked out: the parser's cost grows with nesting depth times tag count, and
/// the cut keeps it linear in the page's size (see the `nesting` submodule).
pub fn lower_with(source: &str, html: &str, limits: &Limits) -> Document {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let flattened = nesting::flatten(html, limits.max_nesting.saturating_mul(2));
    let first_cut_line = flattened
        .as_ref()
        .map(|(_, offset)| crate::lines::LineIndex::new(html).line_of(*offset));
    let html = flattened.as_ref().map_or(html, |(flat, _)| flat.as_str());
    let parsed = Html::parse_document(html);
    let mut lowering = Lowering {
        source,
        aligner: Aligner::new(html),
        doc: Document {
            front_matter: front_matter(&parsed),
            ..Document::default()
        },
        para: None,
        quote_depth: 0,
        quote: None,
        last_line: 1,
        max_depth: limits.max_nesting,
        too_deep: first_cut_line.is_some(),
    };
    if let Some(line) = first_cut_line {
        let cap = limits.max_nesting.saturating_mul(2);
        lowering.doc.diagnostics.push(Diagnostic::warning(
            "html-too-deep",
            source,
            line,
            format!(
                "elements nest more than {cap} deep from here; the deeper tags were ignored and \
                 their content read as plain text"
            ),
        ));
    }
    let Some(content) = content_root(&parsed) else {
        return lowering.doc;
    };
    // Pair everything before the article with its tags, then lower the article. Nothing after
    // it is read, so nothing after it needs pairing.
    for node in parsed.tree.root().descendants() {
        match node.value() {
            Node::Element(element) => {
                let span = lowering.aligner.element(element.name());
                if let Some(root) = ElementRef::wrap(node).filter(|e| e.id() == content.id()) {
                    let line = lowering.line_of_span(span);
                    lowering.flow(root, line, 0);
                    lowering.finish_paragraph();
                    break;
                }
            }
            Node::Comment(_) => {
                lowering.aligner.comment();
            }
            _ => {}
        }
    }
    lowering.doc
}

/// Every element of the document, in document order.
///
/// (Not `Html::root_element`, which panics when the tree has no element; html5ever always
/// creates `<html>` for a document, but nothing here depends on that.)
fn elements(parsed: &Html) -> impl Iterator<Item = ElementRef<'_>> {
    parsed
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
}

/// The article: the first `<main>`, else `<body>`, else the root element.
fn content_root(parsed: &Html) -> Option<ElementRef<'_>> {
    let find = |name: &str| elements(parsed).find(|e| e.value().name().eq_ignore_ascii_case(name));
    find("main")
        .or_else(|| find("body"))
        .or_else(|| elements(parsed).next())
}

/// Whether any element inside is block-level: such an element is a container even when its
/// own tag is unknown.
fn has_block_inside(element: ElementRef<'_>) -> bool {
    element
        .descendent_elements()
        .skip(1)
        .any(|e| chrome::is_block(&e.value().name().to_ascii_lowercase()))
}

/// A paragraph being collected.
struct Para {
    text: Inline,
    line: u32,
    /// Opened by loose text or inline markup rather than by `<p>`/`<li>`: ends at the next
    /// block boundary.
    anonymous: bool,
}

/// The paragraphs of a note being collected.
struct Quote {
    parts: Vec<String>,
    links: Vec<Link>,
    code: Vec<String>,
    line: u32,
}

struct Lowering<'s, 'h> {
    source: &'s str,
    aligner: Aligner<'h>,
    doc: Document,
    para: Option<Para>,
    quote_depth: usize,
    quote: Option<Quote>,
    /// The line of the last emitted block: lines never decrease.
    last_line: u32,
    /// [`Limits::max_nesting`]: the recursion bound of [`Lowering::flow`].
    max_depth: usize,
    too_deep: bool,
}

impl<'h> Lowering<'_, 'h> {
    fn line_of_span(&self, span: Option<Span>) -> u32 {
        span.map_or_else(
            || self.aligner.current_line(),
            |s| self.aligner.line_of(s.start),
        )
    }

    fn push(&mut self, mut block: Block) {
        let line = block.line().max(self.last_line);
        self.last_line = line;
        match &mut block {
            Block::Heading { line: l, .. }
            | Block::Paragraph { line: l, .. }
            | Block::Note { line: l, .. }
            | Block::Code { line: l, .. }
            | Block::Comment { line: l, .. } => *l = line,
            Block::Table { line: l, rows, .. } => {
                *l = line;
                let mut last = line;
                for row in rows {
                    row.line = row.line.max(last);
                    last = row.line;
                }
                self.last_line = last;
            }
        }
        self.doc.blocks.push(block);
    }

    /// Lowers the children of a block container.
    fn flow(&mut self, parent: ElementRef<'h>, parent_line: u32, depth: usize) {
        for child in parent.children() {
            match child.value() {
                Node::Text(text) => self.flow_text(text),
                Node::Comment(comment) => {
                    let span = self.aligner.comment();
                    let line = span.map_or(parent_line, |s| self.aligner.line_of(s.start));
                    let text = comment.trim();
                    if !text.is_empty() {
                        self.push(Block::Comment {
                            text: text.to_owned(),
                            line,
                        });
                    }
                }
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element(element, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn flow_text(&mut self, text: &str) {
        if let Some(para) = &mut self.para {
            para.text.text.push_str(text);
        } else if !text.trim().is_empty() {
            let line = self.aligner.text_line(text);
            self.para = Some(Para {
                text: Inline::plain(text),
                line,
                anonymous: true,
            });
        }
    }

    fn element(&mut self, element: ElementRef<'h>, depth: usize) {
        let span = self.aligner.element(element.value().name());
        let line = self.line_of_span(span);
        if chrome::is_chrome(element.value()) {
            self.skip(element);
            return;
        }
        let name = element.value().name().to_ascii_lowercase();
        if depth > self.max_depth {
            if !self.too_deep {
                self.too_deep = true;
                let max = self.max_depth;
                self.doc.diagnostics.push(Diagnostic::warning(
                    "html-too-deep",
                    self.source,
                    line,
                    format!(
                        "elements nest more than {max} deep; deeper content was read as plain text"
                    ),
                ));
            }
            self.inline_element(element, line);
            return;
        }
        if let Some(level) = chrome::heading_level(&name) {
            self.heading(element, level, line);
        } else if matches!(name.as_str(), "p" | "li" | "dt" | "dd") {
            self.begin_paragraph(line);
            self.flow(element, line, depth);
            self.finish_paragraph();
        } else if name == "table" {
            self.finish_paragraph();
            self.table(element, line);
        } else if name == "pre" {
            self.finish_paragraph();
            self.code(element, span, line);
        } else if chrome::is_note(element.value()) {
            self.note(element, line, depth);
        } else if name == "hr" {
            self.finish_paragraph();
        } else if !chrome::is_block(&name) && !has_block_inside(element) {
            self.inline_element(element, line);
        } else {
            self.finish_anonymous();
            self.flow(element, line, depth);
            self.finish_anonymous();
        }
    }

    /// Pairs a skipped subtree's nodes with their tags, so later nodes stay aligned.
    fn skip(&mut self, element: ElementRef<'h>) {
        for node in element.descendants().skip(1) {
            match node.value() {
                Node::Element(e) => {
                    self.aligner.element(e.name());
                }
                Node::Comment(_) => {
                    self.aligner.comment();
                }
                _ => {}
            }
        }
    }

    fn begin_paragraph(&mut self, line: u32) {
        self.finish_anonymous();
        match &mut self.para {
            // A paragraph or list nested in a list item continues the item's text.
            Some(para) => push_space(&mut para.text),
            None => {
                self.para = Some(Para {
                    text: Inline::default(),
                    line,
                    anonymous: false,
                });
            }
        }
    }

    fn finish_anonymous(&mut self) {
        if self.para.as_ref().is_some_and(|p| p.anonymous) {
            self.finish_paragraph();
        }
    }

    fn finish_paragraph(&mut self) {
        let Some(para) = self.para.take() else {
            return;
        };
        let text = tidy(para.text);
        if text.text.is_empty() {
            return;
        }
        if self.quote_depth > 0 {
            if let Some(quote) = &mut self.quote {
                quote.parts.push(text.text);
                quote.links.extend(text.links);
                quote.code.extend(text.code);
                return;
            }
        }
        self.push(Block::Paragraph {
            text,
            line: para.line,
        });
    }

    /// Adds an inline element (its start tag already paired) to the current paragraph.
    fn inline_element(&mut self, element: ElementRef<'h>, line: u32) {
        let mut para = self.para.take().unwrap_or(Para {
            text: Inline::default(),
            line,
            anonymous: true,
        });
        self.collect(element, &mut para.text);
        self.para = Some(para);
    }

    fn heading(&mut self, element: ElementRef<'h>, level: u8, line: u32) {
        self.finish_paragraph();
        let mut text = Inline::default();
        self.collect(element, &mut text);
        let text = tidy(text);
        // Empty headings carry nothing; "In this article" is the site's outline.
        if text.text.is_empty() || text.text.eq_ignore_ascii_case("in this article") {
            return;
        }
        self.push(Block::Heading { level, text, line });
    }

    fn note(&mut self, element: ElementRef<'h>, line: u32, depth: usize) {
        self.finish_paragraph();
        self.quote_depth += 1;
        if self.quote.is_none() {
            self.quote = Some(Quote {
                parts: Vec::new(),
                links: Vec::new(),
                code: Vec::new(),
                line,
            });
        }
        self.flow(element, line, depth);
        self.finish_paragraph();
        self.quote_depth = self.quote_depth.saturating_sub(1);
        if self.quote_depth > 0 {
            return;
        }
        let Some(quote) = self.quote.take() else {
            return;
        };
        let text = join_note(&quote.parts);
        if !text.is_empty() {
            self.push(Block::Note {
                text: Inline {
                    text,
                    links: quote.links,
                    code: quote.code,
                },
                line: quote.line,
            });
        }
    }

    fn code(&mut self, pre: ElementRef<'h>, pre_span: Option<Span>, line: u32) {
        let code = pre
            .child_elements()
            .find(|e| e.value().name().eq_ignore_ascii_case("code"));
        let mut code_span = None;
        for node in pre.descendants().skip(1) {
            match node.value() {
                Node::Element(e) => {
                    let span = self.aligner.element(e.name());
                    if code.is_some_and(|c| c.id() == node.id()) {
                        code_span = span;
                    }
                }
                Node::Comment(_) => {
                    self.aligner.comment();
                }
                _ => {}
            }
        }
        let lang = code
            .and_then(|c| chrome::code_language(c.value()))
            .or_else(|| chrome::code_language(pre.value()));
        let text: String = code.unwrap_or(pre).text().collect();
        let line = code_span
            .or(pre_span)
            .map_or(line, |span| self.aligner.content_line(span));
        self.push(Block::Code { lang, text, line });
    }
}

/// A note's paragraphs as one text; a leading label paragraph ("Note") becomes "Note: ...".
fn join_note(parts: &[String]) -> String {
    match parts {
        [label, rest @ ..]
            if !rest.is_empty()
                && chrome::ALERT_LABELS
                    .iter()
                    .any(|l| label.trim_end_matches(':').eq_ignore_ascii_case(l)) =>
        {
            format!("{}: {}", label.trim_end_matches(':'), rest.join(" "))
        }
        _ => parts.join(" "),
    }
}
