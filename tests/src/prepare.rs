//! The markdown events both renderers start from.
//!
//! The docs site builds its pages from the same markdown the reader parses, so both renderers
//! parse it with the reader's options and then apply what the site does before anything is
//! shown, on the event stream rather than on the markdown text:
//!
//! - HTML comments (the `<!-- { "blockType": ... } -->` annotations) are removed: the site
//!   never shows them.
//! - DocFX `[!INCLUDE [name](path)]` directives are removed: the site replaces them with the
//!   included file, which is not in the corpus; the renders show the beta disclaimer and the
//!   SDK snippet tabs simply gone.
//! - Paragraphs and headings left empty by that are dropped.
//! - Blockquotes that are notes (`> [!NOTE]`, `> **Note:** ...`) become
//!   `BlockQuote(Some(kind))` with their marker removed, so each renderer shows them its own
//!   way ("Note: ..." in copied text, `<div class="NOTE">` in HTML).

use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream,
};

/// The options `docgen_read`'s markdown reader parses with, so that a renderer sees exactly
/// the block structure the reader sees.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses `markdown` and applies the site's preprocessing (see the module doc).
pub(crate) fn events(markdown: &str) -> Vec<Event<'_>> {
    // Merged text makes a directive or a note marker one `Text` event, whatever way the
    // parser happened to split it.
    let parsed: Vec<Event<'_>> =
        TextMergeStream::new(Parser::new_ext(markdown, options())).collect();
    let events = strip_comments(parsed);
    let events = strip_includes(events);
    let events = drop_empty_blocks(events);
    mark_notes(events)
}

/// The site's label for a note kind, as its boxes title them ("Note", "Important", ...).
pub(crate) fn note_label(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "Note",
        BlockQuoteKind::Tip => "Tip",
        BlockQuoteKind::Important => "Important",
        BlockQuoteKind::Warning => "Warning",
        BlockQuoteKind::Caution => "Caution",
    }
}

const NOTE_KINDS: [(&str, BlockQuoteKind); 5] = [
    ("note", BlockQuoteKind::Note),
    ("tip", BlockQuoteKind::Tip),
    ("important", BlockQuoteKind::Important),
    ("warning", BlockQuoteKind::Warning),
    ("caution", BlockQuoteKind::Caution),
];

/// Whether `tag` (or its end) is inline: content of a paragraph, heading or cell.
fn is_inline_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Whether `event` is inline content (as opposed to a block's start or end).
fn is_inline_event(event: &Event<'_>) -> bool {
    match event {
        Event::Start(tag) => is_inline_tag(tag),
        Event::End(tag) => is_inline_end(tag),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::InlineMath(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_) => true,
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule | Event::TaskListMarker(_) => false,
    }
}

/// `html` without its `<!-- ... -->` comments; an unclosed comment runs to the end, as in a
/// browser.
fn remove_comments(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open + 4..].find("-->") {
            Some(close) => rest = &rest[open + 4 + close + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

fn strip_comments(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut iter = events.into_iter();
    // An inline comment may span several events (it can run over line breaks); everything
    // up to its close goes with it.
    let mut in_inline_comment = false;
    while let Some(event) = iter.next() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                let mut html = String::new();
                for inner in iter.by_ref() {
                    match inner {
                        Event::End(TagEnd::HtmlBlock) => break,
                        Event::Html(text) | Event::Text(text) => html.push_str(&text),
                        _ => {}
                    }
                }
                let rest = remove_comments(&html);
                if !rest.trim().is_empty() {
                    out.push(Event::Start(Tag::HtmlBlock));
                    out.push(Event::Html(CowStr::from(rest)));
                    out.push(Event::End(TagEnd::HtmlBlock));
                }
            }
            Event::InlineHtml(html) if in_inline_comment => {
                if html.contains("-->") {
                    in_inline_comment = false;
                }
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => {
                in_inline_comment = !html.contains("-->");
            }
            event if in_inline_comment && is_inline_event(&event) => {}
            event => {
                in_inline_comment = false;
                out.push(event);
            }
        }
    }
    out
}

/// Byte offset of `needle` (ASCII, lower-case) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

/// Removes the directive text from `text`: `depth` is the number of open brackets of a
/// directive still being skipped (`None` outside one). Returns the text kept.
fn skip_directives(text: &str, depth: &mut Option<usize>) -> String {
    let mut kept = String::new();
    let mut rest = text;
    loop {
        match depth {
            None => match find_ignore_case(rest, "[!include") {
                Some(at) => {
                    kept.push_str(&rest[..at]);
                    rest = &rest[at + 1..];
                    *depth = Some(1);
                }
                None => {
                    kept.push_str(rest);
                    return kept;
                }
            },
            Some(open) => {
                let mut closed_at = None;
                for (i, c) in rest.char_indices() {
                    match c {
                        '[' => *open += 1,
                        ']' => {
                            *open -= 1;
                            if *open == 0 {
                                closed_at = Some(i + 1);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                match closed_at {
                    Some(end) => {
                        rest = &rest[end..];
                        *depth = None;
                    }
                    None => return kept,
                }
            }
        }
    }
}

/// Removes `[!INCLUDE [name](path)]` directives. The link inside parses as a link, so a
/// directive is text, a link and text; brackets are counted across them and everything
/// inline in between goes. A block boundary ends a directive that never closed.
fn strip_includes(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut depth: Option<usize> = None;
    for event in events {
        match event {
            Event::Text(text) => {
                let was_inside = depth.is_some();
                if !was_inside && find_ignore_case(&text, "[!include").is_none() {
                    out.push(Event::Text(text));
                    continue;
                }
                let kept = skip_directives(&text, &mut depth);
                if !kept.is_empty() {
                    out.push(Event::Text(CowStr::from(kept)));
                }
            }
            event if depth.is_some() && is_inline_event(&event) => {}
            event => {
                depth = None;
                out.push(event);
            }
        }
    }
    out
}

/// Drops paragraphs and headings with no visible content (only blanks and line breaks),
/// which is what a paragraph of include directives leaves.
fn drop_empty_blocks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut open: Option<usize> = None;
    for event in events {
        match &event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                open = Some(out.len());
                out.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                let start = open.take();
                let empty = start.is_some_and(|start| {
                    out[start + 1..].iter().all(|e| match e {
                        Event::Text(t) => t.trim().is_empty(),
                        Event::SoftBreak | Event::HardBreak => true,
                        _ => false,
                    })
                });
                match start {
                    Some(start) if empty => out.truncate(start),
                    _ => out.push(event),
                }
            }
            _ => out.push(event),
        }
    }
    out
}

/// The note kind a `[!NOTE]`-style marker at the start of `text` names, and the byte length
/// of the marker.
fn alert_marker(text: &str) -> Option<(BlockQuoteKind, usize)> {
    let lower = text.to_ascii_lowercase();
    NOTE_KINDS.iter().find_map(|(name, kind)| {
        let marker = format!("[!{name}]");
        lower.starts_with(&marker).then_some((*kind, marker.len()))
    })
}

/// The note kind a bold label (`**Note:**`) names. Only the colon-inside form: the site
/// keeps `> **Note**: ...` as a plain blockquote (see the participant-invite render).
fn bold_label(text: &str) -> Option<BlockQuoteKind> {
    let lower = text.trim().to_ascii_lowercase();
    let name = lower.strip_suffix(':')?.trim_end();
    NOTE_KINDS
        .iter()
        .find_map(|(n, kind)| (*n == name).then_some(*kind))
}

/// Recognises note blockquotes and removes their marker. How many events at `at` (just
/// after `Start(Paragraph)`) make up the marker, the kind, and the text to put back.
fn note_at<'a>(events: &[Event<'a>], at: usize) -> Option<(BlockQuoteKind, usize, String)> {
    match events.get(at)? {
        Event::Text(text) => {
            let trimmed = text.trim_start();
            let (kind, len) = alert_marker(trimmed)?;
            let rest = trimmed[len..].trim_start().to_owned();
            // `> [!NOTE]` alone on its line: the line break after it goes too.
            let breaks = usize::from(
                rest.is_empty()
                    && matches!(
                        events.get(at + 1),
                        Some(Event::SoftBreak | Event::HardBreak)
                    ),
            );
            Some((kind, 1 + breaks, rest))
        }
        Event::Start(Tag::Strong) => {
            let Some(Event::Text(label)) = events.get(at + 1) else {
                return None;
            };
            if !matches!(events.get(at + 2), Some(Event::End(TagEnd::Strong))) {
                return None;
            }
            let kind = bold_label(label)?;
            match events.get(at + 3) {
                Some(Event::Text(rest)) => Some((kind, 4, rest.trim_start().to_owned())),
                _ => Some((kind, 3, String::new())),
            }
        }
        _ => None,
    }
}

fn mark_notes(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    // For each open blockquote, the kind it was given, so its end matches its start.
    let mut quotes: Vec<Option<BlockQuoteKind>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::BlockQuote(None))
                if matches!(events.get(i + 1), Some(Event::Start(Tag::Paragraph))) =>
            {
                if let Some((kind, used, rest)) = note_at(&events, i + 2) {
                    quotes.push(Some(kind));
                    out.push(Event::Start(Tag::BlockQuote(Some(kind))));
                    out.push(Event::Start(Tag::Paragraph));
                    if !rest.is_empty() {
                        out.push(Event::Text(CowStr::from(rest)));
                    }
                    i += 2 + used;
                    continue;
                }
                quotes.push(None);
                out.push(events[i].clone());
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                quotes.push(*kind);
                out.push(events[i].clone());
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                let kind = quotes.pop().flatten();
                out.push(Event::End(TagEnd::BlockQuote(kind)));
            }
            event => out.push(event.clone()),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(events: &[Event<'_>]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn includes_go_with_the_paragraphs_they_leave_empty() {
        let md = "# T\n\n[!INCLUDE [beta](../../includes/beta.md)]\n\nBefore [!INCLUDE [x](y.md)] after.\n\n[!INCLUDE [a](a.md)]\n[!INCLUDE [b](b.md)]\n";
        let events = events(md);
        assert_eq!(texts(&events), ["T", "Before ", " after."]);
        let paragraphs = events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
            .count();
        assert_eq!(paragraphs, 1);
    }

    #[test]
    fn comments_go_and_notes_lose_their_markers() {
        let md = "<!-- {\n  \"blockType\": \"request\"\n} -->\n\n> [!NOTE]\n> Read this.\n\n> **Important:** Also this.\n\n> **Note**: kept as a quote.\n";
        let events = events(md);
        assert!(!events.iter().any(|e| matches!(e, Event::Html(_))));
        let kinds: Vec<Option<BlockQuoteKind>> = events
            .iter()
            .filter_map(|e| match e {
                Event::End(TagEnd::BlockQuote(kind)) => Some(*kind),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                Some(BlockQuoteKind::Note),
                Some(BlockQuoteKind::Important),
                None
            ]
        );
        assert_eq!(
            texts(&events),
            ["Read this.", "Also this.", "Note", ": kept as a quote."]
        );
    }
}
