//! What the other forms of a page cannot carry, found in the markdown source and removed
//! from the comparison with a reason.

use std::collections::BTreeSet;

use docgen_ir::{Example, Page};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What the markdown source says about its code blocks that the IR does not keep, and that
/// decides which differences are losses of the other form rather than reader bugs.
#[derive(Debug, Default)]
pub(crate) struct SourceScan {
    /// Code blocks annotated `"blockType": "ignored"` outside the "HTTP request" section:
    /// markdown skips them as examples; the other forms cannot, since the annotation is an
    /// HTML comment that neither shows. (In the "HTTP request" section every form reads the
    /// block as routes, annotation or not.)
    ignored: Vec<String>,
    /// First content lines of code blocks that follow another code block with nothing shown
    /// in between (blank lines, annotations, a rule). Copied text cannot tell where one such
    /// block ends and the next begins.
    follows_code: BTreeSet<u32>,
}

/// `html` without its comments, and the comments' contents.
pub(crate) fn split_comments(html: &str) -> (String, Vec<&str>) {
    let mut rest = html;
    let mut kept = String::new();
    let mut comments = Vec::new();
    while let Some(open) = rest.find("<!--") {
        kept.push_str(&rest[..open]);
        let after = &rest[open + 4..];
        match after.find("-->") {
            Some(close) => {
                comments.push(after[..close].trim());
                rest = &after[close + 3..];
            }
            None => {
                rest = "";
                break;
            }
        }
    }
    kept.push_str(rest);
    (kept, comments)
}

/// Scans the markdown with the reader's parser options (events, not text matching), keeping
/// the reader's rule that an annotation applies to the next code block, whatever comes
/// between.
pub(crate) fn scan_source(markdown: &str) -> SourceScan {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(markdown.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| {
        let index = line_starts.partition_point(|&start| start <= offset);
        u32::try_from(index).unwrap_or(u32::MAX)
    };
    let mut scan = SourceScan::default();
    let mut ignored_next = false;
    let mut after_code = false;
    let mut code: Option<(String, Option<u32>)> = None;
    let mut html: Option<String> = None;
    let mut in_front_matter = false;
    // The current level-2 section's title, lower-case, and whether one is being read.
    let mut section = String::new();
    let mut in_section_title = false;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: pulldown_cmark::HeadingLevel::H2,
                ..
            }) => {
                section.clear();
                in_section_title = true;
                after_code = false;
            }
            Event::End(TagEnd::Heading(_)) => in_section_title = false,
            Event::Text(text) | Event::Code(text) if in_section_title => {
                section.push_str(&text.to_ascii_lowercase());
            }
            Event::Start(Tag::MetadataBlock(_)) => in_front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front_matter = false,
            _ if in_front_matter => {}
            Event::Start(Tag::CodeBlock(_)) => code = Some((String::new(), None)),
            Event::Text(text) if code.is_some() => {
                if let Some((buffer, line)) = &mut code {
                    line.get_or_insert_with(|| line_of(range.start));
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (text, line) = code.take().unwrap_or_default();
                if let (true, Some(line)) = (after_code, line) {
                    scan.follows_code.insert(line);
                }
                let routes = matches!(section.trim(), "http request" | "http requests");
                if std::mem::take(&mut ignored_next) && !routes {
                    scan.ignored.push(text);
                }
                after_code = true;
            }
            Event::Start(Tag::HtmlBlock) => html = Some(String::new()),
            Event::Html(text) => {
                if let Some(buffer) = &mut html {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                let block = html.take().unwrap_or_default();
                let (kept, comments) = split_comments(&block);
                for comment in comments {
                    // As the reader: a comment that is a JSON object is an annotation.
                    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(comment) {
                        ignored_next =
                            map.get("blockType").and_then(|v| v.as_str()) == Some("ignored");
                    }
                }
                if !kept.trim().is_empty() {
                    after_code = false;
                }
            }
            Event::Start(_) => after_code = false,
            _ => {}
        }
    }
    scan
}

/// The body of an example code block: all of it for bare JSON, else what follows the head
/// and headers (up to the first blank line, or the first line opening JSON).
pub(crate) fn code_body(code: &str) -> Option<&str> {
    let code = code.trim();
    if code.starts_with(['{', '[']) {
        return Some(code);
    }
    let lines: Vec<&str> = code.lines().collect();
    let start = lines.iter().position(|l| l.trim().is_empty()).or_else(|| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(['{', '[']))
    })?;
    let offset: usize = lines[..start].iter().map(|l| l.len() + 1).sum();
    let body = code.get(offset.min(code.len())..)?.trim();
    (!body.is_empty()).then_some(body)
}

/// Whether `example` (read from another form) is the reading of code block `code`: the same
/// head (request line or status) and the same body (as JSON when both parse).
pub(crate) fn reads_block(example: &Example, code: &str) -> bool {
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
    let first = code
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let same_body = match (example.body.as_deref().map(str::trim), code_body(code)) {
        (Some(a), Some(b)) => match (parse(a), parse(b)) {
            (Some(a), Some(b)) => a == b,
            _ => a == b,
        },
        (None, None) => true,
        _ => false,
    };
    let same_head = match (&example.method, &example.url, example.status) {
        (Some(method), Some(url), _) => first.starts_with(&format!("{method} {url}")),
        (_, _, Some(status)) => {
            first.starts_with("HTTP/")
                && first.split_whitespace().nth(1) == Some(status.to_string().as_str())
        }
        _ => first.starts_with(['{', '[']),
    };
    same_head && same_body
}

/// Drops from another form's reading the examples markdown skips as `ignored`: the
/// annotation that says so is an HTML comment, which neither copied text nor the site's HTML
/// shows, so these readings cannot know.
pub(crate) fn drop_ignored(page: &mut Page, scan: &SourceScan) {
    let mut ignored: Vec<&String> = scan.ignored.iter().collect();
    page.examples.retain(|example| {
        match ignored.iter().position(|code| reads_block(example, code)) {
            Some(i) => {
                ignored.remove(i);
                false
            }
            None => true,
        }
    });
}

/// Markdown's examples as copied text can show them: an HTTP head with no body (`POST x`,
/// `HTTP/1.1 200 OK`) in one code block and its JSON body in the next, with nothing shown
/// between, are one block of text once the fences are gone; the text reader rightly reads one
/// example. Markdown reads two (the second as a body-only example), so for the comparison with
/// text the two are joined the way the text shows them.
pub(crate) fn join_split_examples(page: &mut Page, scan: &SourceScan) {
    let mut joined: Vec<Example> = Vec::with_capacity(page.examples.len());
    for example in std::mem::take(&mut page.examples) {
        let headless = example.method.is_none() && example.status.is_none();
        if let Some(previous) = joined.last_mut() {
            let has_head = previous.method.is_some() || previous.status.is_some();
            if headless
                && has_head
                && previous.body.is_none()
                && example.body.is_some()
                && scan.follows_code.contains(&example.line)
            {
                previous.body = example.body;
                continue;
            }
        }
        joined.push(example);
    }
    page.examples = joined;
}

/// Whether the markdown's subject comes only from its JSON representation's annotation
/// (`"@odata.type": "microsoft.graph.x"` in the comment), when the title does not name the
/// type (a typo like "media resouce type") and no example body says it: the other forms have
/// no annotation to learn it from.
pub(crate) fn subject_only_in_annotation(page: &Page) -> bool {
    let Some(subject) = &page.subject else {
        return false;
    };
    let subject = subject.value.to_ascii_lowercase();
    // As the interpreter reads titles: "x resource type", "x complex type", "x", ...
    let in_title = page.title.as_ref().is_some_and(|t| {
        let title = t.value.to_ascii_lowercase();
        let name = [
            " resource type",
            " complex type",
            " entity type",
            " enum type",
            " enumeration type",
            " resource",
            " entity",
            " enum",
            " type",
        ]
        .iter()
        .find_map(|suffix| title.strip_suffix(suffix))
        .unwrap_or(&title)
        .trim();
        name.trim_start_matches("microsoft.graph.") == subject
    });
    let in_body = page.examples.iter().any(|e| {
        e.body
            .as_deref()
            .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
            .and_then(|v| v.get("@odata.type")?.as_str().map(str::to_ascii_lowercase))
            .is_some_and(|t| t.ends_with(&subject))
    });
    let in_annotation = page.examples.iter().any(|e| {
        e.annotation
            .as_ref()
            .and_then(|a| a.odata_type.as_deref())
            .is_some_and(|t| t.to_ascii_lowercase().ends_with(&subject))
    });
    in_annotation && !in_title && !in_body
}
