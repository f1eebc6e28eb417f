//! Action pages: the parameters table becomes the request body type of the action's routes,
//! named from the path; two actions whose names coincide share it only when their tables
//! agree; the response type can be a primitive the prose names.

use docgen_model::{Model, Origin};

/// An action page as the docs write them, with `{rows}` as the parameters table's body rows.
fn action_page(file: &str, path: &str, rows: &str, response: &str) -> docgen_ir::Page {
    let text = format!(
        "---\ntitle: \"act action\"\nms.date: 2021-07-01\n---\n\n# act action\n\n\
         ## HTTP Request\n\n``` http\nPOST {path}\n```\n\n## Request body\n\
         In the request body, supply JSON representation of the parameters.\n\n\
         The following table shows the parameters that can be used with this action.\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n{rows}\n\n## Response\n\
         If successful, this action returns a `200 OK` response code and {response} in the \
         response body.\n"
    );
    docgen_read::read_page(file, text.as_bytes())
}

fn model(pages: &[docgen_ir::Page]) -> (Model, Vec<docgen_ir::Diagnostic>) {
    let merged = docgen_model::merge(pages);
    (merged.model, merged.diagnostics)
}

#[test]
fn a_parameters_table_types_the_action_body() {
    let page = action_page(
        "api/thing-assign.md",
        "/things/{thingId}/assign",
        "|assignments|[thingAssignment](../resources/thing-assignment.md) collection|Targets|\n\
         |force|Boolean|Whether to|",
        "a Boolean",
    );
    let (model, _) = model(&[page]);
    let route = model
        .routes
        .iter()
        .find(|r| r.path == "/things/{thingId}/assign")
        .expect("the route");
    let request = route.request_type.as_ref().expect("a typed request body");
    assert_eq!(request.name, "thingAssignParameters");
    let response = route.response_type.as_ref().expect("a typed response");
    assert_eq!(
        (response.name.as_str(), response.collection),
        ("Boolean", false)
    );
    let params = model
        .types
        .iter()
        .find(|t| t.name == "thingAssignParameters")
        .expect("the parameters type");
    assert_eq!(params.origin, Origin::Parameters);
    let fields: Vec<(&str, &str, bool)> = params
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.type_name.as_str(), p.collection))
        .collect();
    assert_eq!(
        fields,
        [
            ("assignments", "thingAssignment", true),
            ("force", "Boolean", false)
        ]
    );
}

#[test]
fn coinciding_names_share_a_type_or_are_reported() {
    let same = "|force|Boolean|Whether to|";
    let pages = [
        action_page("api/a-wipe.md", "/a/{thingId}/wipe", same, "a String"),
        action_page("api/b-wipe.md", "/b/{thingId}/wipe", same, "a String"),
        action_page(
            "api/c-wipe.md",
            "/c/{thingId}/wipe",
            "|keep|String|What to keep|",
            "a String",
        ),
    ];
    let (model, diagnostics) = model(&pages);
    let typed: Vec<(&str, Option<&str>)> = model
        .routes
        .iter()
        .map(|r| {
            (
                r.path.as_str(),
                r.request_type.as_ref().map(|t| t.name.as_str()),
            )
        })
        .collect();
    assert_eq!(
        typed,
        [
            ("/a/{thingId}/wipe", Some("thingWipeParameters")),
            ("/b/{thingId}/wipe", Some("thingWipeParameters")),
            ("/c/{thingId}/wipe", None),
        ]
    );
    let taken: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.code == "parameters-name-taken")
        .collect();
    assert_eq!(taken.len(), 1, "{diagnostics:#?}");
    assert_eq!(taken[0].file, "api/c-wipe.md");
}

#[test]
fn the_generated_crate_tests_an_action_example_as_its_parameters() {
    let mut page = action_page(
        "api/thing-wipe.md",
        "/things/{thingId}/wipe",
        "|keepData|Boolean|Whether to keep data|\n|macOsUnlockCode|String|The code|",
        "a String",
    );
    let example = "POST https://graph.microsoft.com/beta/things/{thingId}/wipe\n\
                   Content-type: application/json\n\n{\n  \"keepData\": true,\n  \"macOsUnlockCode\": \"1\"\n}";
    page.examples.push(docgen_ir::Example {
        role: docgen_ir::ExampleRole::Request,
        annotation: None,
        method: Some("POST".to_owned()),
        url: Some("https://graph.microsoft.com/beta/things/{thingId}/wipe".to_owned()),
        status: None,
        headers: Vec::new(),
        body: example.split_once("\n\n").map(|(_, body)| body.to_owned()),
        body_line: Some(30),
        truncated: false,
        line: 28,
    });
    let (model, _) = model(std::slice::from_ref(&page));
    let options = docgen_codegen::Options {
        examples: docgen_codegen::ExampleCase::from_pages(std::slice::from_ref(&page)),
        ..docgen_codegen::Options::default()
    };
    let generated = docgen_codegen::generate(&model, &options).expect("generates");
    let cases = generated
        .files
        .iter()
        .find(|(path, _)| path.ends_with("tests/examples/cases.rs"))
        .map(|(_, text)| text.as_str())
        .expect("the example tests");
    let flat: String = cases.split_whitespace().collect();
    assert!(
        flat.contains("check::<::graph_models::models::ThingWipeParameters,>"),
        "{cases}"
    );
}
