//! Shapes of hand-written pages the reader must take as their authors meant them: notes after
//! a property's name or type, and update pages whose request body only the response names.

const RESOURCE: &str = "# widgetFlow resource type

Namespace: microsoft.graph

A flow of widgets.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | The key. |
| code | string, maximum size 20 | The code. |
| providers (deprecated) | [widgetProvider](widgetprovider.md) collection | Old providers. |
| retries | Int32 (read-only) | How often. |
";

const UPDATE: &str = "# Update widgetFlow

## HTTP request
```http
PATCH /widgetFlows/{id}
```

## Request body
In the request body, supply the values for relevant fields that should be updated.

| Property | Type | Description |
|:--|:--|:--|
| code | String | The code. |

## Response
If successful, this method returns a `200 OK` response code and an updated [widgetFlow](../resources/widgetflow.md) object in the response body.
";

#[test]
fn notes_after_names_and_types_are_not_part_of_them() {
    let page = docgen_read::read_page("resources/widgetflow.md", RESOURCE.as_bytes());
    let rows: Vec<(&str, &str, bool)> = page
        .properties
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.type_ref.name.as_str(),
                p.type_ref.collection,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("id", "String", false),
            ("code", "String", false),
            ("providers", "widgetProvider", true),
            ("retries", "Int32", false),
        ],
        "{:#?}",
        page.diagnostics
    );
}

#[test]
fn an_update_takes_the_type_it_returns() {
    let page = docgen_read::read_page("api/widgetflow-update.md", UPDATE.as_bytes());
    let body = page.request_body.as_ref().expect("a request body");
    assert_eq!(
        body.type_name.as_ref().map(|t| t.value.as_str()),
        Some("widgetFlow")
    );
    assert_eq!(
        body.evidence,
        Some(docgen_ir::TypeEvidence::UpdatedResponse)
    );
    assert!(
        !page
            .diagnostics
            .iter()
            .any(|d| d.code == "request-body-type-unknown"),
        "{:#?}",
        page.diagnostics
    );
    // A create (POST) returns what it made, but an action's POST may return anything: only
    // updates borrow the response's type.
    let post = UPDATE.replace("PATCH /widgetFlows/{id}", "POST /widgetFlows/{id}/reset");
    let page = docgen_read::read_page("api/widgetflow-reset.md", post.as_bytes());
    let body = page.request_body.as_ref().expect("a request body");
    assert_eq!(body.type_name, None);
}
