//! `docgen check` through the library function the CLI calls (`docgen_check::run`): the JSON
//! report of the seed pages (snapshotted), exit statuses, the "did you mean" suggestion, the
//! example lints, reader diagnostics surfacing, and the metadata comparison — on small pages
//! written here.

use std::path::{Path, PathBuf};

use docgen_check::{Format, Request, EXIT_CLEAN, EXIT_COULD_NOT_RUN, EXIT_PROBLEMS};
use docgen_ir::{Diagnostic, Severity};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn request(base: &Path, paths: &[&str]) -> Request {
    Request {
        base: base.to_path_buf(),
        paths: paths.iter().map(PathBuf::from).collect(),
        format: Format::Json,
        ..Request::default()
    }
}

/// A folder of pages written from `(name, text)` pairs.
fn folder(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, text) in pages {
        std::fs::write(dir.path().join(name), text).expect("page written");
    }
    dir
}

fn diagnostics(pages: &[(&str, &str)]) -> Vec<Diagnostic> {
    let dir = folder(pages);
    let names: Vec<&str> = pages.iter().map(|(n, _)| *n).collect();
    docgen_check::run(&request(dir.path(), &names))
        .expect("the check runs")
        .report
        .diagnostics
}

fn with_code<'d>(all: &'d [Diagnostic], code: &str) -> Vec<&'d Diagnostic> {
    all.iter().filter(|d| d.code == code).collect()
}

#[test]
fn seed_pages_json_report() {
    let outcome = docgen_check::run(&request(&root(), &["docs-input"])).expect("the check runs");
    assert_eq!(
        outcome.status, EXIT_CLEAN,
        "the seeds have warnings, no errors"
    );
    insta::assert_snapshot!("seeds_json", outcome.output);
}

const TODO_PAGE: &str = "\
---
doc_type: resourcePageType
author: \"**TODO: name**\"
---
# widget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key.|
|size|Int32|**TODO: Add Description**|
";

const ERROR_PAGE: &str = "\
---
doc_type: apiPageType
---
# Update widget

## HTTP request
```http
PATCH /widgets/{id
```
";

#[test]
fn exit_status_follows_severity_and_deny() {
    let dir = folder(&[("todo.md", TODO_PAGE), ("error.md", ERROR_PAGE)]);
    let warnings_only = request(dir.path(), &["todo.md"]);
    let outcome = docgen_check::run(&warnings_only).unwrap();
    assert!(outcome
        .report
        .diagnostics
        .iter()
        .all(|d| d.severity != Severity::Error));
    assert_eq!(outcome.status, EXIT_CLEAN, "warnings never fail by default");
    let denied = Request {
        deny_warnings: true,
        ..warnings_only
    };
    assert_eq!(docgen_check::run(&denied).unwrap().status, EXIT_PROBLEMS);

    let errors = docgen_check::run(&request(dir.path(), &["error.md"])).unwrap();
    assert_eq!(
        with_code(&errors.report.diagnostics, "route-malformed").len(),
        1
    );
    assert_eq!(errors.status, EXIT_PROBLEMS);

    let missing_path = docgen_check::run(&request(dir.path(), &["nowhere.md"]));
    let missing_metadata = docgen_check::run(&Request {
        metadata: Some("nowhere.csdl.xml".into()),
        ..request(dir.path(), &["todo.md"])
    });
    std::fs::write(dir.path().join("bad.xml"), "<Schema").unwrap();
    let bad_metadata = docgen_check::run(&Request {
        metadata: Some("bad.xml".into()),
        ..request(dir.path(), &["todo.md"])
    });
    for could_not_run in [missing_path, missing_metadata, bad_metadata] {
        assert!(could_not_run.is_err(), "exit status {EXIT_COULD_NOT_RUN}");
    }
}

#[test]
fn todos_are_found_in_front_matter_and_tables_once_each() {
    let found = diagnostics(&[("todo.md", TODO_PAGE)]);
    let lines: Vec<(u32, Option<u32>)> = with_code(&found, "todo-placeholder")
        .iter()
        .map(|d| (d.line, d.column))
        .collect();
    assert_eq!(lines, [(3, Some(12)), (13, Some(15))]);
}

#[test]
fn unknown_types_suggest_the_closest_defined_name() {
    let resource = "\
---
doc_type: resourcePageType
---
# gadget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key.|
|schedule|[gadgetShedule](gadgetschedule.md)|When it runs.|
|owner|[somebodyElse](x.md)|Who owns it.|
";
    let complex = "\
---
doc_type: resourcePageType
---
# gadgetSchedule resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|interval|Int32|Minutes between runs.|
";
    let found = diagnostics(&[("gadget.md", resource), ("gadgetschedule.md", complex)]);
    let unknown = with_code(&found, "type-unknown");
    let shown: Vec<String> = unknown.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        shown,
        [
            "gadget.md:12:12: warning[type-unknown]: `gadget.schedule` is typed `gadgetShedule`, \
             which is not a primitive type and which no page defines; did you mean \
             `gadgetSchedule`?",
            "gadget.md:13:9: warning[type-unknown]: `gadget.owner` is typed `somebodyElse`, which \
             is not a primitive type and which no page defines",
        ]
    );
    assert!(
        with_code(&found, "type-undefined").is_empty(),
        "type-unknown replaces the model's note"
    );
}

const WIDGET: &str = "\
---
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key.|
|displayName|String|Name.|
|size|Int32|Size.|
|dimensions|[box](box.md)|Outer box.|

## JSON representation
```json
{
  \"id\": \"String\",
  \"displayName\": \"String\",
  \"dimensions\": {\"@odata.type\": \"microsoft.graph.box\", \"depth\": \"Integer\", \"heigth\": \"Integer\"}
}
```
";

const BOX: &str = "\
---
doc_type: resourcePageType
---
# box resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|depth|Int32|Depth.|
|height|Int32|Height.|
";

const WIDGET_API: &str = r#"---
doc_type: apiPageType
---
# Update widget

Namespace: microsoft.graph

## HTTP request
```http
PATCH /widgets/{id}
```

## Request body
In the request body, supply a JSON representation of the [widget](widget.md) object.

## Response
If successful, this method returns a `200 OK` response code and an updated [widget](widget.md) object in the response body.

## Example
### Request
```http
PATCH https://graph.microsoft.com/beta/widgets/{id}
Content-type: application/json

{
  "displayName": "String"
}
```

### Response
```http
HTTP/1.1 200 OK
Content-type: application/json

{
  "value": {
    "id": "1",
    "displayName": "A",
    "sise": 3,
    "dimensions": {"depth": 1, "height": 2}
  }
}
```

### Shortened response
<!-- { "blockType": "response", "truncated": true } -->
```http
HTTP/1.1 200 OK

{
  "id": "1"
}
```

### Broken response
```http
HTTP/1.1 200 OK

{
  "id": "1",
  "size": ,
}
```
"#;

#[test]
fn example_lints() {
    let found = diagnostics(&[
        ("widget.md", WIDGET),
        ("box.md", BOX),
        ("api.md", WIDGET_API),
    ]);
    let shown = |code: &str| -> Vec<String> {
        with_code(&found, code)
            .iter()
            .map(|d| d.to_string())
            .collect()
    };
    // The resource's JSON leaves out `size`; its nested box (typed by `@odata.type`) misspells
    // `height`, so `height` is missing there too. The response's `value` wrapper is looked
    // through: the object inside misspells `size`.
    assert_eq!(
        shown("example-property-undocumented"),
        [
            "api.md:39:6: warning[example-property-undocumented]: the example sets `sise`, which \
             `widget` does not document; did you mean `size`?",
            "widget.md:21:77: warning[example-property-undocumented]: the example sets `heigth`, \
             which `box` does not document; did you mean `height`?",
        ]
    );
    assert_eq!(
        shown("example-property-missing"),
        [
            "api.md:36:12: note[example-property-missing]: the example of `widget` leaves out \
             documented property `size`; if it is shortened on purpose, annotate it with \
             `\"truncated\": true`",
            "widget.md:18:1: note[example-property-missing]: the example of `widget` leaves out \
             documented property `size`; if it is shortened on purpose, annotate it with \
             `\"truncated\": true`",
            "widget.md:21:17: note[example-property-missing]: the example of `box` leaves out \
             documented property `height`; if it is shortened on purpose, annotate it with \
             `\"truncated\": true`",
        ],
        "the PATCH request and the truncated response are partial by nature"
    );
    assert_eq!(
        shown("example-json-invalid"),
        [
            "api.md:61:11: error[example-json-invalid]: the example body is not valid JSON: \
          expected value"
        ]
    );
}

#[test]
fn reader_and_merge_diagnostics_surface_with_related_places() {
    let copied = "\
widget resource type

Properties

Property Type Description
displayName The name shown to users.
size Int32 Size.
";
    let older = WIDGET.replace("|size|Int32|Size.|", "|size|Int64|Size.|");
    let older = older.replace(
        "doc_type: resourcePageType",
        "doc_type: resourcePageType\nms.date: 01/01/2019",
    );
    let newer = WIDGET.replace(
        "doc_type: resourcePageType",
        "doc_type: resourcePageType\nms.date: 01/01/2024",
    );
    let found = diagnostics(&[
        ("copied.txt", copied),
        ("old.md", &older),
        ("new.md", &newer),
        ("box.md", BOX),
    ]);
    let unsplit = with_code(&found, "text-row-unsplit");
    assert_eq!(unsplit.len(), 1, "{found:#?}");
    assert_eq!(
        (unsplit[0].file.as_str(), unsplit[0].line),
        ("copied.txt", 6)
    );
    let conflicts = with_code(&found, "conflicting-property");
    let conflict = conflicts
        .iter()
        .find(|d| d.file == "old.md")
        .expect("the older page's `size` conflicts");
    assert_eq!((conflict.line, conflict.column), (14, Some(2)));
    assert_eq!(conflict.related.as_deref(), Some("new.md:14"));
}

#[test]
fn human_report_shows_the_source_line() {
    let dir = folder(&[("todo.md", TODO_PAGE)]);
    let outcome = docgen_check::run(&Request {
        format: Format::Human,
        ..request(dir.path(), &["todo.md"])
    })
    .unwrap();
    insta::assert_snapshot!("human_todo", outcome.output);
}

const CSDL: &str = r#"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="widget">
    <Key><PropertyRef Name="id"/></Key>
    <Property Name="id" Type="Edm.String"/>
    <Property Name="displayName" Type="Edm.String"/>
    <Property Name="size" Type="Edm.Int64"/>
    <Property Name="color" Type="graph.color"/>
    <Property Name="dimensions" Type="graph.box"/>
  </EntityType>
  <ComplexType Name="box"><Property Name="depth" Type="Edm.Int32"/></ComplexType>
  <EnumType Name="color"><Member Name="red" Value="0"/></EnumType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

#[test]
fn metadata_disagreements() {
    let dir = folder(&[
        ("widget.md", WIDGET),
        ("box.md", BOX),
        ("meta.csdl.xml", CSDL),
    ]);
    let outcome = docgen_check::run(&Request {
        metadata: Some("meta.csdl.xml".into()),
        ..request(dir.path(), &["widget.md", "box.md"])
    })
    .unwrap();
    let found: Vec<String> = outcome
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("metadata-"))
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        found,
        [
            "box.md:12:2: warning[metadata-property-extra]: `box.height` is documented but the \
             metadata does not declare it",
            "widget.md:4:3: warning[metadata-property-missing]: `widget.color` (color) is in the \
             metadata but not in the docs",
            "widget.md:13:2: warning[metadata-property-type]: `widget.size` is documented as \
             `Int32` but the metadata says `Int64`",
        ]
    );
    assert_eq!(outcome.status, EXIT_CLEAN);
}

/// The newest Intune pages (public docs kept outside the repository), with the metadata:
/// the check runs, every finding has a place, and the summary is printed for the record.
#[test]
fn intune_corpus_check() {
    let corpus = root().join("../shared/corpus");
    if !corpus.join("graph-beta-intune-2021-07").is_dir() {
        eprintln!("check intune: skipped: corpus not found");
        return;
    }
    let outcome = docgen_check::run(&Request {
        metadata: Some("metadata/graph-beta-2021-06.csdl.xml".into()),
        ..request(&corpus, &["graph-beta-intune-2021-07"])
    })
    .expect("the check runs");
    let summary = outcome.report.summary();
    assert!(summary.pages > 4000, "{summary:?}");
    assert!(outcome
        .report
        .diagnostics
        .iter()
        .all(|d| d.line >= 1 && d.file.starts_with("graph-beta-intune-2021-07/")));
    let json: serde_json::Value = serde_json::from_str(&outcome.output).expect("valid JSON");
    assert_eq!(json["summary"]["pages"], summary.pages);
    for c in &summary.by_code {
        eprintln!(
            "check intune: {:<7} {:<32} {:>5}",
            format!("{:?}", c.severity),
            c.code,
            c.count
        );
    }
}
