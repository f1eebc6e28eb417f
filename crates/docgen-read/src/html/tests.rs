use super::*;

/// A compact view of a block, for assertions.
fn view(block: &Block) -> String {
    match block {
        Block::Heading { level, text, line } => format!("{line}: h{level} {}", text.text),
        Block::Paragraph { text, line } => format!("{line}: p {}", text.text),
        Block::Note { text, line } => format!("{line}: note {}", text.text),
        Block::Table { header, rows, line } => {
            let cells = |cells: &[Inline]| {
                cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let mut out = format!("{line}: table [{}]", cells(header));
            for row in rows {
                out.push_str(&format!(" {}:[{}]", row.line, cells(&row.cells)));
            }
            out
        }
        Block::Code { lang, text, line } => {
            format!("{line}: code {} {text:?}", lang.as_deref().unwrap_or("-"))
        }
        Block::Comment { text, line } => format!("{line}: comment {text}"),
    }
}

fn views(doc: &Document) -> Vec<String> {
    doc.blocks.iter().map(view).collect()
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en-us">
<head>
<title>Update widget - Microsoft Graph beta | Microsoft Learn</title>
<meta name="description" content="Update the &quot;widget&quot; properties." />
<script>var x = "<p>not content</p>";</script>
</head>
<body>
<header id="ms--site-header"><nav><a href="/">Learn</a> <button>Sign in</button></nav></header>
<div class="layout-body">
<nav id="affixed-left-container"><ul class="tree"><li><a href="#">Overview</a></li></ul></nav>
<main id="main" class="content">
<nav class="breadcrumbs"><ol><li>Graph</li><li>Reference</li></ol></nav>
<div class="page-metadata"><ul><li>Article</li><li><time>07/16/2021</time></li></ul></div>
<h1>Update widget</h1>
<nav id="center-doc-outline"><h3>In this article</h3><ul><li><a href="#x">Permissions</a></li></ul></nav>
<p>Namespace: microsoft.graph</p>
<div class="NOTE"><p>Note</p><p>The API requires an <a href="https://example.com">active license</a>.</p></div>
<p>Update the properties of a <a href="/en-us/graph/api/resources/widget?view=graph-rest-beta">widget</a> object.</p>
<h2>Request body</h2>
<table>
<thead>
<tr><th>Property</th><th>Type</th><th>Description</th></tr>
</thead>
<tbody>
<tr>
<td>platform</td>
<td><a href="/en-us/graph/api/resources/intune-shared-deviceplatformtype?view=graph-rest-beta">devicePlatformType</a> collection</td>
<td>Possible values are: <code>android</code>, <code>ios</code>.<br>Read&#x27;only &amp; <strong>required</strong>.</td>
</tr>
<tr>
<td>name</td>
<td><a href="intune-shared-name.md">String</a></td>
<td>The
  name.</td>
</tr>
</tbody>
</table>
<h2>Example</h2>
<h3>Request</h3>
<div class="codeHeader"><span class="language">HTTP</span><button>Copy</button></div>
<pre><code class="lang-http">PATCH https://graph.microsoft.com/beta/widgets/{id}
Content-type: application/json

{
  &quot;name&quot;: &quot;a &lt;b&gt;&quot;
}
</code></pre>
<h3>Response</h3>
<pre><code class="lang-json">
{&quot;id&quot;: &quot;1&quot;}
</code></pre>
<section class="feedback-section"><h2>Feedback</h2><p>Was this page helpful?</p></section>
</main>
<aside id="ms--additional-resources"><h3>Additional resources</h3></aside>
</div>
<footer id="footer"><a href="#">Privacy</a></footer>
</body>
</html>
"##;

#[test]
fn lowers_a_page_without_its_chrome() {
    let doc = lower("page.html", PAGE);
    assert_eq!(
        views(&doc),
        [
            "15: h1 Update widget",
            "17: p Namespace: microsoft.graph",
            "18: note Note: The API requires an active license.",
            "19: p Update the properties of a widget object.",
            "20: h2 Request body",
            "21: table [Property | Type | Description] \
             26:[platform | devicePlatformType collection | Possible values are: android, ios. Read'only & required.] \
             31:[name | String | The name.]",
            "39: h2 Example",
            "40: h3 Request",
            "42: code http \"PATCH https://graph.microsoft.com/beta/widgets/{id}\\nContent-type: application/json\\n\\n{\\n  \\\"name\\\": \\\"a <b>\\\"\\n}\\n\"",
            "49: h3 Response",
            "51: code json \"\\n{\\\"id\\\": \\\"1\\\"}\\n\"",
        ]
    );
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn front_matter_has_title_and_description_only() {
    let doc = lower("page.html", PAGE);
    let (yaml, line) = doc.front_matter.clone().expect("front matter");
    assert_eq!(line, 1);
    assert_eq!(
        yaml,
        "title: \"Update widget\"\ndescription: \"Update the \\\"widget\\\" properties.\"\n"
    );
    let value: serde_norway::Value = serde_norway::from_str(&yaml).expect("valid YAML");
    assert_eq!(
        value["description"].as_str(),
        Some("Update the \"widget\" properties.")
    );
    assert_eq!(lower("x", "<p>x</p>").front_matter, None);
    assert_eq!(
        lower("x", "<body><svg><title>icon</title></svg><p>x</p></body>").front_matter,
        None
    );
}

#[test]
fn table_cells_keep_links_and_code() {
    let doc = lower("page.html", PAGE);
    let Some(Block::Table { header, rows, .. }) =
        doc.blocks.iter().find(|b| matches!(b, Block::Table { .. }))
    else {
        panic!("table expected");
    };
    assert_eq!(header.len(), 3);
    let platform = &rows[0].cells;
    assert_eq!(
        platform[1].links,
        [Link {
            text: "devicePlatformType".into(),
            href:
                "/en-us/graph/api/resources/intune-shared-deviceplatformtype?view=graph-rest-beta"
                    .into(),
        }]
    );
    assert_eq!(platform[2].code, ["android", "ios"]);
    assert!(platform[2].links.is_empty());
    assert_eq!(rows[1].cells[1].links[0].href, "intune-shared-name.md");
}

#[test]
fn paragraph_links_and_note_links() {
    let doc = lower("page.html", PAGE);
    let Block::Paragraph { text, .. } = &doc.blocks[3] else {
        panic!("paragraph expected");
    };
    assert_eq!(text.links[0].text, "widget");
    let Block::Note { text, .. } = &doc.blocks[2] else {
        panic!("note expected");
    };
    assert_eq!(text.links[0].href, "https://example.com");
}

#[test]
fn lists_notes_and_quotes() {
    let html = "<main>\n<ul>\n<li>One <em>item</em></li>\n<li>Two\n<ul><li>nested</li></ul>\n</li>\n<li><p>Loose</p><p>paras</p></li>\n</ul>\n\
<div class=\"IMPORTANT\"><p>Important</p><p>Beta APIs change.</p></div>\n\
<blockquote><p>[!NOTE]\nFirst.</p><p>Second.</p></blockquote>\n\
<div class=\"alert is-info\"><p class=\"alert-title\"><span class=\"docon\" aria-hidden=\"true\"></span> Tip</p><p>Use it.</p></div>\n\
<dl><dt>Term</dt><dd>Definition</dd></dl>\n</main>";
    assert_eq!(
        views(&lower("x.html", html)),
        [
            "3: p One item",
            "4: p Two nested",
            "7: p Loose",
            "7: p paras",
            "9: note Important: Beta APIs change.",
            "10: note [!NOTE] First. Second.",
            "12: note Tip: Use it.",
            "13: p Term",
            "13: p Definition",
        ]
    );
}

#[test]
fn code_blocks_keep_their_language_and_exact_text() {
    let html = "<main><pre><code class=\"lang-http\">GET /me\n</code></pre>\n\
<pre class=\"lang-JSON\">{&quot;a&quot;: &quot;&amp;&#x27;&quot;}</pre>\n\
<pre>\n<code class=\"language-msgraph-interactive hljs\">POST /x\n<span class=\"hl\">body</span>\n</code></pre>\n\
<pre><code>plain</code></pre></main>";
    let doc = lower("x.html", html);
    assert_eq!(
        doc.blocks,
        [
            Block::Code {
                lang: Some("http".into()),
                text: "GET /me\n".into(),
                line: 1
            },
            Block::Code {
                lang: Some("json".into()),
                text: "{\"a\": \"&'\"}".into(),
                line: 3
            },
            Block::Code {
                lang: Some("msgraph-interactive".into()),
                text: "POST /x\nbody\n".into(),
                line: 5
            },
            Block::Code {
                lang: None,
                text: "plain".into(),
                line: 8
            },
        ]
    );
}

#[test]
fn tab_groups_keep_every_panel_but_not_the_tab_list() {
    let html = "<main><h2>Example</h2><div class=\"tabGroup\">\
<ul role=\"tablist\"><li role=\"presentation\"><a role=\"tab\" href=\"#t1\">HTTP</a></li><li><a role=\"tab\" href=\"#t2\">C#</a></li></ul>\
<section role=\"tabpanel\" id=\"t1\"><pre><code class=\"lang-http\">GET /x</code></pre></section>\
<section role=\"tabpanel\" id=\"t2\" hidden=\"hidden\" aria-hidden=\"true\"><pre><code class=\"lang-csharp\">var x;</code></pre></section>\
</div></main>";
    let doc = lower("x.html", html);
    let langs: Vec<_> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Code { lang, .. } => lang.clone(),
            _ => None,
        })
        .collect();
    assert_eq!(langs, ["http", "csharp"]);
    assert!(!views(&doc).iter().any(|v| v.contains("C#")));
}

#[test]
fn comments_in_the_article_are_kept() {
    let html = "<body><p>before</p>\n<!-- {\n  \"blockType\": \"request\"\n} -->\n<pre><code class=\"lang-http\">GET /x</code></pre>\n<!---->\n</body>";
    assert_eq!(
        views(&lower("x.html", html)),
        [
            "1: p before",
            "2: comment {\n  \"blockType\": \"request\"\n}",
            "5: code http \"GET /x\"",
        ]
    );
}

#[test]
fn pages_without_main_use_the_body() {
    let html = "<html><body>\n<h1>Title</h1>\nLoose <b>text</b> here\n<div>In a div</div>\n<table><tr><td>Name</td><td>Value</td></tr><tr><td>a</td><td>1</td></tr></table></body></html>";
    assert_eq!(
        views(&lower("x.html", html)),
        [
            "2: h1 Title",
            "3: p Loose text here",
            "4: p In a div",
            "5: table [Name | Value] 5:[a | 1]",
        ]
    );
    // A fragment: no html, head or body tags at all.
    assert_eq!(
        views(&lower("x.html", "<h2>Properties</h2>\n<p>x &lt; y</p>")),
        ["1: h2 Properties", "2: p x < y"]
    );
}

#[test]
fn br_and_entities_in_cells() {
    let html = "<main><table><thead><tr><th>Name</th><th>Description</th></tr></thead>\
<tbody><tr><td>a&nbsp;b</td><td>one<br/>two<br>three&lt;x&gt; &amp;&quot;</td></tr></tbody></table></main>";
    let doc = lower("x.html", html);
    let Some(Block::Table { rows, .. }) = doc.blocks.first() else {
        panic!("table expected");
    };
    assert_eq!(rows[0].cells[0].text, "a b");
    assert_eq!(rows[0].cells[1].text, "one two three<x> &\"");
}

#[test]
fn block_markup_separates_words_and_unknown_tags_do_not() {
    let html = "<main><table><tr><th>Name</th><th>Description</th></tr>\
<tr><td>x</td><td>Include:<ul><li>one</li><li>two</li></ul>Format [<server>:<port>]</td></tr></table>\
<p>A <custom-tag>custom</custom-tag> word.</p>Loose <x-y>inline</x-y> text<x-box><p>boxed</p></x-box></main>";
    let doc = lower("x.html", html);
    let Some(Block::Table { rows, .. }) = doc.blocks.first() else {
        panic!("table expected");
    };
    assert_eq!(rows[0].cells[1].text, "Include: one two Format [:]");
    let texts: Vec<String> = doc.blocks.iter().skip(1).map(view).collect();
    assert_eq!(
        texts,
        [
            "1: p A custom word.",
            "1: p Loose inline text",
            "1: p boxed"
        ]
    );
}

#[test]
fn misnested_and_odd_inputs_do_not_panic() {
    let inputs = [
        "",
        "   ",
        "<",
        "<main>",
        "</main>",
        "<table><p>moved out</p><tr><td>x</td></tr></table>",
        "<p><div>x</p></div>",
        "<b><p>x</b>y</p>",
        "<pre>",
        "<pre><code class=\"lang-\">",
        "<table><thead></thead></table>",
        "<ul><li>a<li>b</ul>",
        "<div class=\"NOTE\"><div class=\"NOTE\">nested</div></div>",
        "<main><main>twice</main></main>",
        "<!-- unterminated",
        "<a href=x>unclosed",
        "\u{feff}<p>bom</p>",
        "<p>\r\ncrlf\r\n</p>",
        "<svg><title>t</title><p>x</p></svg>",
        "<template><p>t</p></template><p>after</p>",
        "<frameset><frame></frameset>",
        "<p>é 中文 \u{200b}</p>",
    ];
    for input in inputs {
        let doc = lower("x.html", input);
        let lines: Vec<u32> = doc.blocks.iter().map(Block::line).collect();
        assert!(
            lines.windows(2).all(|w| w[0] <= w[1]),
            "{input:?}: {lines:?}"
        );
        assert!(lines.iter().all(|&l| l >= 1), "{input:?}: {lines:?}");
    }
    assert_eq!(
        views(&lower("x.html", "<ul><li>a<li>b</ul>")),
        ["1: p a", "1: p b"]
    );
}

#[test]
fn deep_nesting_is_read_without_recursion() {
    let depth = 3000;
    let html = format!(
        "<main>{}<p>deep</p>{}</main>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let doc = lower("x.html", &html);
    assert_eq!(views(&doc), ["1: p deep"]);
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].code, "html-too-deep");
    let html = format!("<main>{}<p>deep</p></main>", "<x-y>a".repeat(depth));
    let doc = lower("x.html", &html);
    let last = doc.blocks.last().map(view).unwrap_or_default();
    assert!(last.ends_with("aaa deep"), "{last}");
}

#[test]
fn every_prefix_of_a_page_lowers() {
    for end in (0..PAGE.len()).filter(|&i| PAGE.is_char_boundary(i)) {
        let doc = lower("x.html", &PAGE[..end]);
        let lines: Vec<u32> = doc.blocks.iter().map(Block::line).collect();
        assert!(
            lines.windows(2).all(|w| w[0] <= w[1]),
            "prefix {end}: {lines:?}"
        );
    }
}

#[test]
fn interprets_like_markdown() {
    let markdown = "---\ntitle: \"Update widget\"\n---\n\n# Update widget\n\nNamespace: microsoft.graph\n\n\
Update the properties of a [widget](../resources/widget.md) object.\n\n## Request body\n\n\
|Property|Type|Description|\n|:---|:---|:---|\n|platform|[devicePlatformType](../resources/t.md) collection|Possible values are: `android`, `ios`.<br>Read'only & **required**.|\n|name|String|The name.|\n\n\
## Example\n\n### Request\n\n```http\nPATCH https://graph.microsoft.com/beta/widgets/{id}\nContent-type: application/json\n\n{\n  \"name\": \"a <b>\"\n}\n```\n\n### Response\n\n```json\n{\"id\": \"1\"}\n```\n";
    let from_md = crate::interpret::interpret(
        "a.md",
        docgen_ir::Format::Markdown,
        crate::markdown::lower("a.md", markdown),
    );
    let from_html =
        crate::interpret::interpret("a.html", docgen_ir::Format::Html, lower("a.html", PAGE));
    assert_eq!(from_html.kind, from_md.kind);
    let value = |v: &Option<docgen_ir::Located<String>>| v.as_ref().map(|v| v.value.clone());
    assert_eq!(value(&from_html.title), value(&from_md.title));
    assert_eq!(value(&from_html.namespace), value(&from_md.namespace));
    assert_eq!(value(&from_html.description), value(&from_md.description));
    let props = |p: &docgen_ir::Page| {
        p.request_body
            .as_ref()
            .map(|b| {
                b.properties
                    .iter()
                    .map(|r| {
                        (
                            r.name.clone(),
                            r.type_ref.name.clone(),
                            r.type_ref.collection,
                            r.description.clone(),
                            r.values.clone(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(props(&from_html), props(&from_md));
    assert_eq!(props(&from_html).len(), 2);
    let examples = |p: &docgen_ir::Page| {
        p.examples
            .iter()
            .map(|e| {
                (
                    e.role,
                    e.method.clone(),
                    e.status,
                    e.body
                        .as_deref()
                        .map(|b| serde_json::from_str::<serde_json::Value>(b).ok()),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(examples(&from_html), examples(&from_md));
}

mod corpus;
