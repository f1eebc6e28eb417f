//! The example lints on small pages: which type an object is checked against, what is exempt
//! from `example-property-missing`, where findings point.

use docgen_ir::Diagnostic;

use super::check_page;
use crate::shapes::TypeIndex;
use crate::source::Sources;

const THING: &str = "\
---
doc_type: resourcePageType
---
# thing resource type

Namespace: microsoft.graph

Inherits from [entity](entity.md).

## Properties
|Property|Type|Description|
|:---|:---|:---|
|name|String|Name. Read-only.|
|size|Int32|Size.|

## Relationships
|Relationship|Type|Description|
|:---|:---|:---|
|parts|[thing](thing.md) collection|Parts.|
";

/// Lints `page` (named `api.md`) with `THING` in the doc set: `code line:column` per finding.
fn lint(page: &str) -> Vec<String> {
    let pages = [
        docgen_read::read_page("thing.md", THING.as_bytes()),
        docgen_read::read_page("api.md", page.as_bytes()),
    ];
    let model = docgen_model::merge(&pages).model;
    let index = TypeIndex::new(&model);
    let sources = Sources::default();
    sources.insert("api.md", page);
    let shown = |d: &Diagnostic| match d.column {
        Some(c) => format!("{} {}:{c}", d.code, d.line),
        None => format!("{} {}", d.code, d.line),
    };
    check_page(&pages[1], &index, &sources)
        .iter()
        .map(shown)
        .collect()
}

fn api(examples: &str) -> String {
    format!(
        "---\ndoc_type: apiPageType\n---\n# Get thing\n\n## HTTP request\n```http\nGET /things/{{id}}\n```\n\n\
         ## Response\nIf successful, this method returns a `200 OK` response code and a \
         [thing](thing.md) object in the response body.\n\n## Example\n{examples}"
    )
}

#[test]
fn responses_are_checked_against_the_response_type_and_its_base() {
    // Line 18 is the body's first line.
    let page = api("```http\nHTTP/1.1 200 OK\n\n{\n  \"id\": \"1\",\n  \"nmae\": \"x\",\n  \"parts@odata.bind\": [],\n  \"@odata.etag\": \"W/1\"\n}\n```\n");
    assert_eq!(
        lint(&page),
        [
            "example-property-undocumented 20:4",
            "example-property-missing 18:1"
        ],
        "`id` comes from `entity`, `parts@odata.bind` names a relationship, `@odata.etag` is \
         an annotation; `name` and `size` are missing"
    );
}

#[test]
fn partial_examples_expect_nothing_missing() {
    let truncated = api("The response object shown here might be truncated for brevity.\n```http\nHTTP/1.1 200 OK\n\n{\n  \"size\": 1\n}\n```\n");
    assert_eq!(lint(&truncated), Vec::<String>::new());
    let selected = api("```http\nGET https://graph.microsoft.com/beta/things/1?$select=size\n```\n```http\nHTTP/1.1 200 OK\n\n{\n  \"size\": 1\n}\n```\n");
    assert_eq!(lint(&selected), Vec::<String>::new());
    let plain_text =
        api("```http\nHTTP/1.1 200 OK\nContent-Type: text/plain\n\nnot json at all\n```\n");
    assert_eq!(lint(&plain_text), Vec::<String>::new());
}

#[test]
fn object_types_and_wrappers() {
    // A type the model lacks leaves the object unchecked; a collection's `value` is looked
    // through; `@odata.type` picks the type of each object.
    let page = api("```http\nHTTP/1.1 200 OK\n\n{\"value\": [\n  {\"@odata.type\": \"#microsoft.graph.elsewhere\", \"zzz\": 1},\n  {\"@odata.type\": \"#microsoft.graph.thing\", \"name\": \"a\", \"size\": 1, \"qqq\": 2}\n]}\n```\n");
    assert_eq!(
        lint(&page),
        [
            "example-property-undocumented 20:70",
            "example-property-missing 20:3"
        ],
        "the second object sets `qqq` and lacks `id`"
    );
}

#[test]
fn request_tables_without_a_type_are_parameters() {
    let page = "---\ndoc_type: apiPageType\n---\n# resize action\n\n## HTTP request\n```http\nPOST /things/{id}/resize\n```\n\n\
                ## Request body\n|Parameter|Type|Description|\n|:---|:---|:---|\n|factor|Int32|How much.|\n|mode|String|How.|\n\n\
                ## Example\n```http\nPOST https://graph.microsoft.com/beta/things/{id}//resize\n\n{\n  \"factr\": 2\n}\n```\n";
    assert_eq!(
        lint(page),
        [
            "example-url-malformed 19:50",
            "example-property-undocumented 22:4"
        ],
        "a parameter may be left out; a misspelt one is reported"
    );
}

#[test]
fn invalid_json_points_into_the_page() {
    let page = api("```http\nHTTP/1.1 200 OK\n\n{\n  \"size\": 1\n  \"name\": \"x\"\n}\n```\n");
    assert_eq!(
        lint(&page),
        ["example-json-invalid 20:3"],
        "the missing comma"
    );
}
