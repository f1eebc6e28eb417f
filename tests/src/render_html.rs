//! Renders a markdown page as the docs site serves it (the shape of
//! `shared/corpus/renders/html/*.html`).
//!
//! The content is pulldown-cmark's HTML writer over the page's events, with the site's
//! conventions applied to the events first: code blocks are `<pre><code class="lang-http">`
//! (the writer says `language-*`), notes are `<div class="NOTE">` boxes titled "Note",
//! annotations and include directives are gone (see the `prepare` module), links to other
//! reference pages point at the site's URLs, and tables are written a cell per line with
//! `style="text-align:left"` as the site writes them. The content sits in `<main>`, inside
//! the site's chrome: a `<title>` and description, a header with navigation, a table of
//! contents, an aside and a footer — which a reader of the HTML must learn to skip.

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::prepare;

/// Renders `markdown` as the docs site's HTML page.
pub fn render_html(markdown: &str) -> String {
    let events = prepare::events(markdown);
    let head = Head::of(&events);
    let mut content = String::new();
    pulldown_cmark::html::push_html(&mut content, site_events(events).into_iter());
    page(&head, &content)
}

/// What the page's `<head>` says: from the front matter, the title falling back to the H1.
#[derive(Debug, Default, PartialEq)]
struct Head {
    title: String,
    description: Option<String>,
    date: Option<String>,
}

impl Head {
    fn of(events: &[Event<'_>]) -> Head {
        let mut head = Head::default();
        let mut yaml = String::new();
        let mut h1 = String::new();
        let mut in_yaml = false;
        let mut in_h1 = false;
        for event in events {
            match event {
                Event::Start(Tag::MetadataBlock(_)) => in_yaml = true,
                Event::End(TagEnd::MetadataBlock(_)) => in_yaml = false,
                Event::Start(Tag::Heading { level, .. }) if h1.is_empty() => {
                    in_h1 = *level == pulldown_cmark::HeadingLevel::H1;
                }
                Event::End(TagEnd::Heading(_)) => in_h1 = false,
                Event::Text(text) if in_yaml => yaml.push_str(text),
                Event::Text(text) | Event::Code(text) if in_h1 => h1.push_str(text),
                _ => {}
            }
        }
        let front: serde_norway::Value = serde_norway::from_str(&yaml).unwrap_or_default();
        let field = |key: &str| match front.get(key) {
            Some(serde_norway::Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        head.title = field("title").unwrap_or_else(|| h1.trim().to_owned());
        head.description = field("description");
        head.date = field("ms.date");
        head
    }
}

/// The page around the content: the site's chrome, reduced to what a reader must skip.
fn page(head: &Head, content: &str) -> String {
    let mut meta = String::new();
    if let Some(description) = &head.description {
        meta.push_str(&format!(
            "<meta name=\"description\" content=\"{}\" />\n",
            escape_attribute(description)
        ));
    }
    let mut time = String::new();
    if let Some(date) = &head.date {
        meta.push_str(&format!(
            "<meta name=\"ms.date\" content=\"{}\" />\n",
            escape_attribute(date)
        ));
        time = format!("<li><time>{}</time></li>", escape(date));
    }
    format!(
        r##"<!DOCTYPE html>
<html lang="en-us" dir="ltr">
<head>
<meta charset="utf-8" />
<title>{title} - Microsoft Graph beta | Microsoft Learn</title>
{meta}<link rel="stylesheet" href="/_themes/docs.theme/master/en-us/_themes/styles/site.css" />
</head>
<body>
<header id="ms--site-header"><nav aria-label="Global"><a href="/">Learn</a> <a href="/graph/">Microsoft Graph</a> <button>Sign in</button></nav></header>
<div class="layout-body">
<nav id="affixed-left-container" aria-label="Table of contents"><ul class="tree"><li><a href="#">Overview</a></li><li><a href="#">Device configuration</a></li></ul></nav>
<main id="main" class="content" data-bi-name="content" lang="en-us" dir="ltr">
<div class="page-metadata"><ul><li>Article</li>{time}<li>2 contributors</li></ul></div>
{content}</main>
<aside id="ms--additional-resources"><h3>Additional resources</h3><ul><li><a href="#">Training</a></li></ul></aside>
</div>
<footer id="footer"><a href="#">Previous Versions</a> <a href="#">Blog</a> <a href="#">Privacy</a> &copy; Microsoft 2024</footer>
</body>
</html>
"##,
        title = escape(&head.title),
    )
}

/// Escapes text for HTML content as the site does: `"` too (`&quot;`), in prose and code,
/// which the writer's body-text escaping leaves alone.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes an attribute value; the site writes `'` as `&#x27;` there.
fn escape_attribute(text: &str) -> String {
    escape(text).replace('\'', "&#x27;")
}

/// The site's URL for a link to another reference page: `../resources/x.md#a` ->
/// `/en-us/graph/api/resources/x?view=graph-rest-beta#a`, `../api/x.md` ->
/// `/en-us/graph/api/x?view=graph-rest-beta`. Other links stay as written (the renders keep
/// site-relative `/graph/...` links and same-folder `x.md` links unchanged).
pub fn site_href(href: &str) -> String {
    let (path, anchor) = match href.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (href, None),
    };
    let target = path
        .strip_prefix("../resources/")
        .map(|name| ("resources/", name))
        .or_else(|| path.strip_prefix("../api/").map(|name| ("", name)));
    let Some((folder, name)) = target else {
        return href.to_owned();
    };
    let Some(stem) = name
        .strip_suffix(".md")
        .filter(|s| !s.is_empty() && !s.contains('/'))
    else {
        return href.to_owned();
    };
    let mut url = format!("/en-us/graph/api/{folder}{stem}?view=graph-rest-beta");
    if let Some(anchor) = anchor {
        url.push('#');
        url.push_str(anchor);
    }
    url
}

fn html(text: impl Into<String>) -> Event<'static> {
    Event::Html(CowStr::from(text.into()))
}

/// Maps the page's events to the site's markup (see the module doc).
fn site_events(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_front_matter = false;
    let mut alignments: Vec<Alignment> = Vec::new();
    let mut cell_tag = "td";
    let mut column = 0;
    // Open note boxes, and blockquotes inside them (whose paragraphs are not the box's).
    let mut notes: Vec<bool> = Vec::new();
    // Image alt text is written by the writer itself, escaped; it must stay `Text`.
    let mut in_image = 0usize;
    for event in events {
        if in_front_matter {
            in_front_matter = !matches!(event, Event::End(TagEnd::MetadataBlock(_)));
            continue;
        }
        let in_note = notes.last() == Some(&true);
        let mapped = match event {
            // The front matter is the page's `<head>`, not content.
            Event::Start(Tag::MetadataBlock(_)) => {
                in_front_matter = true;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                if lang.is_empty() {
                    html("<pre><code>")
                } else {
                    html(format!("<pre><code class=\"lang-{}\">", escape(lang)))
                }
            }
            Event::Text(text) if in_image == 0 => html(escape(&text)),
            Event::Code(text) if in_image == 0 => html(format!("<code>{}</code>", escape(&text))),
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                event
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                event
            }
            Event::End(TagEnd::CodeBlock) => html("</code></pre>\n"),
            // The site's note box: a title paragraph and the note's paragraphs, on one line.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                notes.push(true);
                let label = prepare::note_label(kind);
                html(format!(
                    "<div class=\"{}\"><p>{label}</p>",
                    label.to_ascii_uppercase()
                ))
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                notes.pop();
                html("</div>\n")
            }
            Event::Start(Tag::BlockQuote(None)) => {
                notes.push(false);
                event
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                notes.pop();
                event
            }
            Event::Start(Tag::Paragraph) if in_note => html("<p>"),
            Event::End(TagEnd::Paragraph) if in_note => html("</p>"),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(site_href(&dest_url)),
                title,
                id,
            }),
            Event::Start(Tag::Table(aligns)) => {
                alignments = aligns;
                html("<table>\n")
            }
            Event::Start(Tag::TableHead) => {
                cell_tag = "th";
                column = 0;
                html("<thead>\n<tr>\n")
            }
            Event::End(TagEnd::TableHead) => {
                cell_tag = "td";
                html("</tr>\n</thead>\n<tbody>\n")
            }
            Event::Start(Tag::TableRow) => {
                column = 0;
                html("<tr>\n")
            }
            Event::End(TagEnd::TableRow) => html("</tr>\n"),
            Event::Start(Tag::TableCell) => {
                let style = match alignments.get(column) {
                    Some(Alignment::Left) => " style=\"text-align:left\"",
                    Some(Alignment::Center) => " style=\"text-align:center\"",
                    Some(Alignment::Right) => " style=\"text-align:right\"",
                    _ => "",
                };
                column += 1;
                html(format!("<{cell_tag}{style}>"))
            }
            Event::End(TagEnd::TableCell) => html(format!("</{cell_tag}>\n")),
            Event::End(TagEnd::Table) => html("</tbody>\n</table>\n"),
            event => event,
        };
        out.push(mapped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small API page in the shape of the reference pages (written for this test).
    const PAGE: &str = r#"---
title: "Update widget"
description: "Update a \"widget\"."
doc_type: apiPageType
---

# Update widget

Namespace: microsoft.graph

[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]

> **Note:** Widgets are imaginary.

> Just a quote.

## HTTP request
<!-- {
  "blockType": "ignored"
}
-->
``` http
PATCH /widgets/{id}
```

## Request body
|Property|Type|Description|
|:---|:---|:---|
|platform|[devicePlatformType](../resources/intune-shared-deviceplatformtype.md)|The platform.|

## Response
If successful, this method returns a `200 OK` response code and an updated [widget](../resources/widget.md#properties) object.
"#;

    #[test]
    fn content_in_main_with_site_conventions() {
        let html = render_html(PAGE);
        let main = html
            .split_once("<main")
            .and_then(|(_, rest)| rest.split_once("</main>"))
            .map(|(main, _)| main)
            .unwrap_or_else(|| panic!("no <main> in {html}"));
        for want in [
            "<h1>Update widget</h1>",
            "<div class=\"NOTE\"><p>Note</p><p>Widgets are imaginary.</p></div>",
            "<blockquote>\n<p>Just a quote.</p>\n</blockquote>",
            "<pre><code class=\"lang-http\">PATCH /widgets/{id}\n</code></pre>",
            "<th style=\"text-align:left\">Property</th>",
            "<td style=\"text-align:left\"><a href=\"/en-us/graph/api/resources/intune-shared-deviceplatformtype?view=graph-rest-beta\">devicePlatformType</a></td>",
            "<a href=\"/en-us/graph/api/resources/widget?view=graph-rest-beta#properties\">widget</a>",
        ] {
            assert!(main.contains(want), "missing {want:?} in\n{main}");
        }
        for gone in ["<!--", "blockType", "INCLUDE", "doc_type", "---"] {
            assert!(!main.contains(gone), "{gone:?} survived in\n{main}");
        }
    }

    #[test]
    fn chrome_around_the_content() {
        let html = render_html(PAGE);
        for want in [
            "<title>Update widget - Microsoft Graph beta | Microsoft Learn</title>",
            "<meta name=\"description\" content=\"Update a &quot;widget&quot;.\" />",
            "<header id=\"ms--site-header\"><nav",
            "<nav id=\"affixed-left-container\"",
            "<aside id=\"ms--additional-resources\">",
            "<footer id=\"footer\">",
        ] {
            assert!(html.contains(want), "missing {want:?}");
        }
        assert_eq!(docgen_read::detect_format(&html), docgen_ir::Format::Html);
    }

    #[test]
    fn code_is_escaped_as_the_site_does() {
        let html = render_html("# T\n\n```json\n{\"a\": \"<b> & c\"}\n```\n");
        assert!(html.contains(
            "<pre><code class=\"lang-json\">{&quot;a&quot;: &quot;&lt;b&gt; &amp; c&quot;}\n</code></pre>"
        ));
    }

    #[test]
    fn site_hrefs() {
        let table = [
            (
                "../resources/intune-shared-deviceplatformtype.md",
                "/en-us/graph/api/resources/intune-shared-deviceplatformtype?view=graph-rest-beta",
            ),
            (
                "../api/user-list-people.md",
                "/en-us/graph/api/user-list-people?view=graph-rest-beta",
            ),
            (
                "/graph/permissions-reference",
                "/graph/permissions-reference",
            ),
            ("phone.md", "phone.md"),
            ("#tab/http", "#tab/http"),
            ("https://example.com/x.md", "https://example.com/x.md"),
        ];
        for (href, want) in table {
            assert_eq!(site_href(href), want, "{href}");
        }
    }
}
