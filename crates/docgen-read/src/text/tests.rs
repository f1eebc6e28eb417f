//! Whole-page tests of the text reader on small pages written for them.

use super::lower;
use crate::blocks::{Block, Document};
use docgen_ir::Severity;

/// A compact view of a block: kind, level or language, text, line.
fn view(block: &Block) -> String {
    match block {
        Block::Heading { level, text, line } => format!("{line} h{level} {}", text.text),
        Block::Paragraph { text, line } => format!("{line} p {}", text.text),
        Block::Note { text, line } => format!("{line} note {}", text.text),
        Block::Comment { text, line } => format!("{line} comment {text}"),
        Block::Code { lang, text, line } => {
            format!("{line} code:{} {}", lang.as_deref().unwrap_or(""), text)
        }
        Block::Table { header, rows, line } => {
            let cells = |c: &[crate::blocks::Inline]| {
                c.iter()
                    .map(|i| i.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            let mut out = format!("{line} table {}", cells(header));
            for row in rows {
                out.push_str(&format!("\n  {} {}", row.line, cells(&row.cells)));
            }
            out
        }
    }
}

fn views(doc: &Document) -> Vec<String> {
    doc.blocks.iter().map(view).collect()
}

const RESOURCE: &str = "\
widget resource type

Namespace: microsoft.graph

Important: Beta APIs change.

A widget.

Methods

Method Return Type Description
List widgets widget collection List widgets.
Get widget widget Read a widget.
spin action None Spin it.

Properties

Property Type Description
id String The identifier.
size Int32 Size in millimetres.
tags String collection Tags.
state widgetState Possible values are: on, off.
parts Collection(microsoft.graph.part)

Relationships

None.

JSON representation

The following is a JSON representation of the resource.

{
  \"id\": \"String (identifier)\",
  \"note\": \"a } brace in a string\",
  \"tags\": [\"String\"]
}
";

#[test]
fn resource_page() {
    let doc = lower("widget.txt", RESOURCE);
    let want = [
        "1 h1 widget resource type",
        "3 p Namespace: microsoft.graph",
        "5 note Important: Beta APIs change.",
        "7 p A widget.",
        "9 h2 Methods",
        "11 table Method | Return Type | Description\
         \n  12 List widgets | widget collection | List widgets.\
         \n  13 Get widget | widget | Read a widget.\
         \n  14 spin action | None | Spin it.",
        "16 h2 Properties",
        "18 table Property | Type | Description\
         \n  19 id | String | The identifier.\
         \n  20 size | Int32 | Size in millimetres.\
         \n  21 tags | String collection | Tags.\
         \n  22 state | widgetState | Possible values are: on, off.\
         \n  23 parts | Collection(microsoft.graph.part) | ",
        "25 h2 Relationships",
        "27 p None.",
        "29 h2 JSON representation",
        "31 p The following is a JSON representation of the resource.",
        "33 code:json {\n  \"id\": \"String (identifier)\",\n  \"note\": \"a } brace in a string\",\n  \
         \"tags\": [\"String\"]\n}",
    ];
    assert_eq!(views(&doc), want);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
    assert_eq!(doc.front_matter, None);
}

const OPERATION: &str = "\
Update widget

Update a widget.

Permissions

Permission type Permissions (from most to least privileged)
Delegated (work or school account) Widget.ReadWrite.All
Delegated (personal Microsoft account) Not supported.
Application Widget.ReadWrite.All

HTTP request

PATCH /widgets/{id}
PATCH /users/{id | userPrincipalName}/widgets/{id}

Request headers

Header Value
Authorization Bearer {token}. Required.
Content-Type application/json

Request body

Parameter Type Description
size Int32 New size.

Response

If successful, this method returns a 200 OK response code.

Examples

Request

HTTP

PATCH https://graph.microsoft.com/beta/widgets/1
Content-type: application/json
Content-length: 24

{
  \"size\": 4,
  \"parts\": [
    {\"id\": \"a\"}
  ]
}

C#

Response

Note: The response object shown here might be shortened.

HTTP/1.1 200 OK
Content-Type: application/json

{
  \"size\": 4
}
";

#[test]
fn operation_page() {
    let doc = lower("update.txt", OPERATION);
    let want = [
        "1 h1 Update widget",
        "3 p Update a widget.",
        "5 h2 Permissions",
        "7 table Permission type | Permissions (from most to least privileged)\
         \n  8 Delegated (work or school account) | Widget.ReadWrite.All\
         \n  9 Delegated (personal Microsoft account) | Not supported.\
         \n  10 Application | Widget.ReadWrite.All",
        "12 h2 HTTP request",
        "14 code:http PATCH /widgets/{id}\nPATCH /users/{id | userPrincipalName}/widgets/{id}",
        "17 h2 Request headers",
        "19 table Header | Value\
         \n  20 Authorization | Bearer {token}. Required.\
         \n  21 Content-Type | application/json",
        "23 h2 Request body",
        "25 table Parameter | Type | Description\n  26 size | Int32 | New size.",
        "28 h2 Response",
        "30 p If successful, this method returns a 200 OK response code.",
        "32 h2 Examples",
        "34 h3 Request",
        "36 p HTTP",
        "38 code:http PATCH https://graph.microsoft.com/beta/widgets/1\n\
         Content-type: application/json\nContent-length: 24\n\n{\n  \"size\": 4,\n  \
         \"parts\": [\n    {\"id\": \"a\"}\n  ]\n}",
        "49 p C#",
        "51 h3 Response",
        "53 note Note: The response object shown here might be shortened.",
        "55 code:http HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"size\": 4\n}",
    ];
    assert_eq!(views(&doc), want);
    assert!(doc.diagnostics.is_empty(), "{:?}", doc.diagnostics);
}

#[test]
fn numbered_examples_and_captions() {
    let text = "\
Invite

Examples

Example 1: Invite one

Request

POST /calls/1/invite

Response

HTTP/1.1 204 No Content

Notification - operation completed

POST https://bot.contoso.com/api/calls
Content-Type: application/json

{
  \"value\": []
}
";
    let want = [
        "1 h1 Invite",
        "3 h2 Examples",
        "5 h3 Example 1: Invite one",
        "7 h4 Request",
        "9 code:http POST /calls/1/invite",
        "11 h4 Response",
        "13 code:http HTTP/1.1 204 No Content",
        "15 h4 Notification - operation completed",
        "17 code:http POST https://bot.contoso.com/api/calls\n\
         Content-Type: application/json\n\n{\n  \"value\": []\n}",
    ];
    assert_eq!(views(&lower("x.txt", text)), want);
}

#[test]
fn members_and_keyed_tables() {
    let text = "\
state enum type

Members

Member Value Description
on 0 Switched on.
off -1

Request headers

Name Description
Workbook-Session-Id Session id. Optional.
";
    let want = [
        "1 h1 state enum type",
        "3 h2 Members",
        "5 table Member | Value | Description\n  6 on | 0 | Switched on.\n  7 off | -1 | ",
        "9 h2 Request headers",
        "11 table Name | Description\n  12 Workbook-Session-Id | Session id. Optional.",
    ];
    let doc = lower("state.txt", text);
    assert_eq!(views(&doc), want);
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn ambiguous_rows_are_kept_and_reported() {
    let text = "\
widget resource type

Properties

Property Type Description
displayName The name shown to users.
size Int32 Size.
(odd) String Strange.
";
    let doc = lower("widget.txt", text);
    let want = [
        "1 h1 widget resource type",
        "3 h2 Properties",
        "5 table Property | Type | Description\
         \n  6 displayName |  | The name shown to users.\
         \n  7 size | Int32 | Size.\
         \n  8 (odd) String Strange. |  | ",
    ];
    assert_eq!(views(&doc), want);
    let found: Vec<(u32, &str, Severity)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.line, d.code.as_str(), d.severity))
        .collect();
    assert_eq!(
        found,
        [
            (6, "text-row-unsplit", Severity::Warning),
            (8, "text-row-unsplit", Severity::Warning)
        ]
    );
    assert!(doc.diagnostics.iter().all(|d| d.file == "widget.txt"));
}

#[test]
fn crlf_and_bom() {
    let text = "\u{feff}Title\r\n\r\nProperties\r\n\r\nProperty Type Description\r\nid String Key.\r\n\r\n{\r\n  \"id\": \"String\"\r\n}\r\n";
    let want = [
        "1 h1 Title",
        "3 h2 Properties",
        "5 table Property | Type | Description\n  6 id | String | Key.",
        "8 code:json {\n  \"id\": \"String\"\n}",
    ];
    assert_eq!(views(&lower("crlf.txt", text)), want);
}

#[test]
fn ordinary_sentences_stay_paragraphs() {
    let text = "\
Title

Response.
The response is below
Properties of a widget
Note
Examples include Graph and ARM.
";
    let kinds: Vec<String> = views(&lower("t.txt", text));
    assert_eq!(
        kinds,
        [
            "1 h1 Title",
            "3 p Response.",
            "4 p The response is below",
            "5 p Properties of a widget",
            "6 p Note",
            "7 p Examples include Graph and ARM.",
        ]
    );
}

#[test]
fn unbalanced_json_does_not_swallow_the_page() {
    let text = "\
Title

HTTP/1.1 200 OK
Content-Type: application/json

{
  \"value\": [

Response

Done.
";
    let doc = lower("t.txt", text);
    assert_eq!(
        views(&doc),
        [
            "1 h1 Title",
            "3 code:http HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"value\": [",
            "9 h2 Response",
            "11 p Done.",
        ]
    );
    assert_eq!(doc.diagnostics.len(), 1);
    assert_eq!(doc.diagnostics[0].code, "text-json-unbalanced");
}

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        "",
        "\u{feff}",
        "\n\n\n",
        "{",
        "Title\n{",
        "Title\n[\n\n]",
        "Title\nProperty Type Description\n",
        "Title\nProperty Type Description\n\u{a0}é\u{200b} x",
        "Title\nPermission type Permissions\nDelegated",
        "Title\nMethod Return Type Description\nGet",
        "Title\nMember Value Description\nx",
        "Title\nGET /x\n\n",
        "Title\nHTTP/1.1 200 OK\nA:\n\n{\"a\":\"\\",
        "\r\r\n\r",
        "Title\nExample\nÉxample 1:\nRequest 1\nrequest x",
    ];
    for input in inputs {
        let doc = lower("odd.txt", input);
        for block in &doc.blocks {
            assert!(block.line() >= 1, "{input:?}: {block:?}");
        }
    }
}

#[test]
fn every_prefix_of_a_page_lowers() {
    let page = format!("{OPERATION}\n{RESOURCE}");
    let mut ends: Vec<usize> = page.char_indices().map(|(i, _)| i).step_by(7).collect();
    ends.push(page.len());
    for end in ends {
        let prefix = page.get(..end).unwrap_or_default();
        let doc = lower("prefix.txt", prefix);
        assert!(doc.blocks.iter().all(|b| b.line() >= 1));
    }
}
