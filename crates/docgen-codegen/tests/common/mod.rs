//! A small hand-built model shared by the integration tests: a derived entity, a complex
//! type with a derived type (so both bases get polymorphic enums), every EDM primitive, an
//! enum with numeric values (and a member that takes the fallback's name), one without,
//! routes with `{param}`, an OData function segment and a cast segment, and examples.

#![allow(dead_code)] // each test binary uses its own subset

pub mod areas;

use docgen_codegen::{ExampleCase, GeneratedCrate};
use docgen_ir::ExampleRole;
use docgen_model::{
    Member, Model, Origin, Permissions, Property, Route, TypeDef, TypeKind, TypeUse,
};

pub fn prop(name: &str, type_name: &str, collection: bool, line: u32) -> Property {
    Property {
        name: name.to_owned(),
        type_name: type_name.to_owned(),
        collection,
        values: None,
        description: Some(format!("The {name}.")),
        source: format!("resources/sample.md:{line}"),
    }
}

pub fn type_def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.to_owned(),
        namespace: Some("microsoft.graph".to_owned()),
        kind,
        base: None,
        properties: Vec::new(),
        relationships: Vec::new(),
        members: Vec::new(),
        description: Some(format!("Represents a {name}.")),
        origin: Origin::Page,
        sources: vec![format!("resources/{name}.md:1")],
    }
}

fn member(name: &str, value: Option<i64>) -> Member {
    Member {
        name: name.to_owned(),
        value,
        description: Some(format!("Member {name}.")),
        source: "resources/enums.md:10".to_owned(),
    }
}

fn route(method: &str, path: &str, params: &[&str], operation: &str) -> Route {
    Route {
        method: method.to_owned(),
        path: path.to_owned(),
        operation: operation.to_owned(),
        resource: Some("managedDeviceCertificateState".to_owned()),
        params: params.iter().map(|p| (*p).to_owned()).collect(),
        request_type: None,
        response_type: Some(TypeUse {
            name: "managedDeviceCertificateState".to_owned(),
            collection: true,
        }),
        status: Some(200),
        permissions: Permissions {
            delegated_work: vec!["DeviceManagementManagedDevices.Read.All".to_owned()],
            delegated_personal: Vec::new(),
            application: vec!["DeviceManagementManagedDevices.Read.All".to_owned()],
            ..Permissions::default()
        },
        source: format!("api/{operation}.md:20"),
    }
}

pub fn sample_model() -> Model {
    let mut entity = type_def("entity", TypeKind::Entity);
    entity.properties = vec![prop("id", "String", false, 3)];

    let mut state = type_def("managedDeviceCertificateState", TypeKind::Entity);
    state.base = Some("entity".to_owned());
    state.description =
        Some("Certificate state\u{202E} of a device.\nSecond line\twith a tab.".to_owned());
    state.properties = vec![
        prop("devicePlatform", "devicePlatformType", false, 5),
        prop("certificateStatus", "certificateStatus", false, 6),
        prop("certificateKeyLength", "Int32", false, 7),
        prop("certificateExpirationDateTime", "DateTimeOffset", false, 8),
        prop("type", "String", false, 9),
        prop("weight", "Double", false, 10),
        prop("price", "Decimal", false, 11),
        prop("content", "Stream", false, 12),
        prop("mystery", "notDefinedAnywhere", false, 13),
        prop("@odata.type", "String", false, 14),
        prop("extendedKeyUsages", "keyValuePair", true, 15),
        prop("id", "String", false, 16),
        prop("self", "Boolean", false, 17),
        prop("validity", "Duration", false, 30),
        prop("deviceGuid", "Guid", false, 31),
        prop("thumbprint", "Binary", false, 32),
        prop("certificates", "Binary", true, 33),
        prop("issuedDate", "Date", false, 34),
        prop("renewTime", "TimeOfDay", false, 35),
        prop("revokedDateTimes", "DateTimeOffset", true, 36),
        prop("serial", "Int64", false, 37),
        prop("ratio", "Single", false, 38),
        prop("flags", "Byte", false, 39),
        prop("primaryPair", "keyValuePair", false, 40),
    ];
    state.relationships = vec![prop(
        "parentState",
        "managedDeviceCertificateState",
        false,
        20,
    )];

    let mut pair = type_def("keyValuePair", TypeKind::Complex);
    pair.properties = vec![
        prop("name", "String", false, 3),
        prop("value", "String", false, 4),
    ];
    pair.properties[1].values = Some(vec!["on".to_owned(), "off".to_owned()]);

    let mut noted = type_def("keyValuePairWithNote", TypeKind::Complex);
    noted.base = Some("keyValuePair".to_owned());
    noted.properties = vec![prop("note", "String", false, 3)];

    let mut platform = type_def("devicePlatformType", TypeKind::Enum);
    platform.members = vec![
        member("android", Some(0)),
        member("iOS", Some(1)),
        member("macOS", Some(2)),
        member("windowsPhone81", Some(3)),
        member("windows81AndLater", Some(4)),
        member("androidForWork", Some(5)),
        member("other", Some(6)),
        member("iOS", Some(1)),
    ];

    let mut status = type_def("certificateStatus", TypeKind::Enum);
    status.members = vec![member("notProvisioned", None), member("provisioned", None)];

    let empty = type_def("emptyEnum", TypeKind::Enum);

    let mut report = route(
        "GET",
        "/reports/getReport(period='{period}',out='{out}')",
        &["period", "out"],
        "function",
    );
    report.response_type = Some(TypeUse {
        name: "String".to_owned(),
        collection: false,
    });
    let mut pair_route = route("GET", "/pairs/{id}", &["id"], "get");
    pair_route.response_type = Some(TypeUse {
        name: "keyValuePair".to_owned(),
        collection: false,
    });
    let mut summary = route("GET", "/pairs/getSummary", &[], "function");
    summary.response_type = report.response_type.clone();
    Model {
        types: vec![status, platform, empty, entity, pair, noted, state],
        routes: vec![
            route(
                "GET",
                "/deviceManagement/managedDevices/{managedDevice-id}/deviceCertificateStates",
                &["managedDevice-id"],
                "list",
            ),
            route(
                "GET",
                "/deviceManagement/managedDevices/{managedDevice-id}/deviceCertificateStates/{id}",
                &["managedDevice-id", "id"],
                "get",
            ),
            route(
                "GET",
                "/deviceManagement/managedDevices/{managedDevice-id}/deviceCertificateStates/{other-id}",
                &["managedDevice-id", "other-id"],
                "get",
            ),
            route(
                "POST",
                "/deviceManagement/managedDevices/{id}/microsoft.graph.windowsDevice/$ref",
                &["id"],
                "create_ref",
            ),
            report,
            pair_route,
            summary,
            route("GET", "/deviceManagement", &[], "get"),
            route("FROB", "/deviceManagement", &[], "action"),
            route("GET", "/broken/{path", &["path"], "get"),
        ],
    }
}

fn example(name: &str, role: ExampleRole, method: &str, url: &str, body: &str) -> ExampleCase {
    ExampleCase {
        page: "api/sample-page.md".to_owned(),
        name: name.to_owned(),
        role,
        method: Some(method.to_owned()),
        url: Some(url.to_owned()),
        declared_type: None,
        page_type: Some("managedDeviceCertificateState".to_owned()),
        body: body.to_owned(),
        truncated: false,
        line: 40,
    }
}

const LIST: &str = "https://graph.microsoft.com/beta/deviceManagement/managedDevices/{managedDevice-id}/deviceCertificateStates";

/// The wire form of every primitive, a polymorphic list with a known and an unknown derived
/// type, an integer in a `Double` field: all must round-trip exactly.
pub const LIST_BODY: &str = r##"{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceCertificateStates",
  "@odata.nextLink": "https://graph.microsoft.com/beta/next",
  "value": [
    {
      "@odata.type": "#microsoft.graph.managedDeviceCertificateState",
      "id": "a/b",
      "devicePlatform": "visionOS",
      "certificateExpirationDateTime": "2017-01-01T00:02:14.9489247-08:00",
      "revokedDateTimes": ["0001-01-01T00:00:00Z", "2016-12-31T23:56:44.951111-08:00"],
      "validity": "-PT3M9.8396734S",
      "deviceGuid": "7a4bc8d9-8d6e-4fd6-a14f-cc5ad1e6c3a6",
      "thumbprint": "Y29udGVudA==",
      "certificates": ["", "aGk="],
      "issuedDate": "2016-12-31",
      "renewTime": "12:03:30.2730000",
      "serial": 9007199254740993,
      "weight": 1,
      "ratio": 0.1,
      "price": 2.5,
      "flags": 255,
      "primaryPair": {"@odata.type": "microsoft.graph.keyValuePairWithNote", "name": "p", "note": "n"},
      "extendedKeyUsages": [
        {"name": "a", "value": "on"},
        {"@odata.type": "#microsoft.graph.keyValuePairWithNote", "name": "b", "note": "n"},
        {"@odata.type": "#microsoft.graph.futurePair", "name": "c", "extra": [1, {"x": true}]}
      ]
    }
  ]
}"##;

/// Examples of every verdict: tested as a collection page, a wrapped value and a plain
/// entity, one with a `null` member (compared as absent); skipped as a placeholder,
/// truncated, holding a `null` item, and without a type.
pub fn sample_examples() -> Vec<ExampleCase> {
    let item = format!("{LIST}/{{id}}");
    let mut truncated = example(
        "truncated",
        ExampleRole::Response,
        "GET",
        &item,
        "{\"id\": \"1\"}",
    );
    truncated.truncated = true;
    // No route (the method is skipped) and no page type: nothing says what the body is.
    let mut action = example(
        "action_request",
        ExampleRole::Request,
        "FROB",
        "/deviceManagement",
        r#"{"assignments": []}"#,
    );
    action.page_type = None;
    // The page says what its PATCH body is; the route (shared by every page of the path)
    // says the certificate state.
    let mut declared = example(
        "declared_request",
        ExampleRole::Request,
        "GET",
        &item,
        r#"{"name": "n", "note": "x"}"#,
    );
    declared.declared_type = Some(TypeUse {
        name: "keyValuePairWithNote".to_owned(),
        collection: false,
    });
    let pair = "https://graph.microsoft.com/v1.0/pairs/1";
    vec![
        example(
            "list_response",
            ExampleRole::Response,
            "GET",
            LIST,
            LIST_BODY,
        ),
        example(
            "report_response",
            ExampleRole::Response,
            "GET",
            "/reports/getReport(period='D7',out='x')",
            r#"{"@odata.context": "x", "value": "a report"}"#,
        ),
        example(
            "get_response",
            ExampleRole::Response,
            "GET",
            &item,
            r##"{"@odata.type": "#microsoft.graph.managedDeviceCertificateState", "id": "1", "certificateStatus": "provisioned"}"##,
        ),
        example(
            "placeholder_request",
            ExampleRole::Request,
            "GET",
            &item,
            r#"{"id": "String (identifier)"}"#,
        ),
        truncated,
        example(
            "null_response",
            ExampleRole::Response,
            "GET",
            &item,
            r#"{"id": null}"#,
        ),
        example(
            "null_item_response",
            ExampleRole::Response,
            "GET",
            LIST,
            r#"{"value": [null]}"#,
        ),
        action,
        declared,
        // `keyValuePair` has a `value` property: a body that is that property is the type
        // itself; one whose `value` cannot be it is a wrapped value.
        example(
            "pair_response",
            ExampleRole::Response,
            "GET",
            pair,
            r#"{"value": "on"}"#,
        ),
        example(
            "wrapped_pair_response",
            ExampleRole::Response,
            "GET",
            pair,
            r##"{"value": {"@odata.type": "#microsoft.graph.keyValuePairWithNote", "value": "on", "note": "n"}}"##,
        ),
        // A function called with arguments its HTTP block leaves out.
        example(
            "summary_response",
            ExampleRole::Response,
            "GET",
            "/pairs/getSummary(period='D7')",
            r#"{"value": "a summary"}"#,
        ),
        example(
            "stream_response",
            ExampleRole::Response,
            "GET",
            &item,
            r##"{"@odata.type": "#microsoft.graph.managedDeviceCertificateState", "content": "aGk="}"##,
        ),
    ]
}

/// A model made of the worst names and text the docs could hold: keywords, std type
/// names, collisions, empty and symbol-only names, bidi controls, code fences, base cycles,
/// mutual recursion, unknown types, odd routes. Generation must not panic and the crate
/// must still build warning-free.
pub fn hostile_model() -> Model {
    let nasty_doc = "```rust\nfn main() { panic!() }\n```\n- item\nlazy continuation\n    \
                     indented */ /* \"quoted\" \u{202E}bidi\u{2066} zero\u{200B}width \
                     <br> [link](x) #[doc] \t tab"
        .to_owned();
    let long_doc = "Long first paragraph. ".repeat(100);
    let mut types = Vec::new();
    for name in [
        "",
        "日本語",
        "type",
        "Self",
        "self",
        "Option",
        "String",
        "Vec",
        "Box",
        "Result",
        "Default",
        "123abc",
        "Route",
        "a",
        "A",
    ] {
        let mut def = type_def(name, TypeKind::Complex);
        def.description = Some(nasty_doc.clone());
        def.properties = vec![prop("value", "String", false, 1)];
        types.push(def);
    }
    let mut weird = type_def("weirdProps", TypeKind::Entity);
    weird.description = Some(long_doc);
    weird.base = Some("missingBase".to_owned());
    weird.properties = [
        "type",
        "self",
        "Self",
        "super",
        "crate",
        "_",
        "",
        "💥",
        "@odata.type",
        "@odata.id",
        "odataType",
        "a-b",
        "a_b",
        "a b",
        "fn",
        "r#type",
        "out",
        "3d",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| {
        let mut p = prop(name, "String", false, 100 + i as u32);
        p.description = Some(nasty_doc.clone());
        p
    })
    .collect();
    weird.properties.push(prop("en", "Enumeration", false, 200));
    weird.properties.push(prop("stream", "Stream", true, 201));
    weird
        .properties
        .push(prop("spaced", "some type name", false, 202));
    weird.properties.push(prop("money", "Decimal", true, 203));
    weird.properties.push(prop("opt", "Option", false, 204));
    weird.properties.push(prop("me", "weirdProps", false, 205));
    weird
        .properties
        .push(prop("flags", "hostileEnum", true, 206));
    weird
        .properties
        .push(prop("bad\u{202E}name", "Int64", false, 207));
    weird.properties[0].values = Some(vec!["`tick`".to_owned(), "\u{202E}x".to_owned()]);
    types.push(weird);

    // Base cycle, base that is an enum, mutual recursion through non-collections.
    let mut cycle_a = type_def("cycleA", TypeKind::Entity);
    cycle_a.base = Some("cycleB".to_owned());
    cycle_a.properties = vec![prop("b", "cycleB", false, 1), prop("f", "Single", false, 2)];
    let mut cycle_b = type_def("cycleB", TypeKind::Entity);
    cycle_b.base = Some("cycleA".to_owned());
    cycle_b.properties = vec![prop("a", "cycleA", false, 1)];
    // Mutual recursion without inheritance: boxed both ways.
    let mut loop_a = type_def("loopA", TypeKind::Complex);
    loop_a.properties = vec![prop("b", "loopB", false, 1)];
    let mut loop_b = type_def("loopB", TypeKind::Complex);
    loop_b.properties = vec![prop("a", "loopA", false, 1), prop("many", "loopA", true, 2)];
    types.extend([loop_a, loop_b]);
    let mut enum_based = type_def("enumBased", TypeKind::Complex);
    enum_based.base = Some("hostileEnum".to_owned());
    enum_based.namespace = None;
    types.extend([cycle_a, cycle_b, enum_based]);

    let mut hostile_enum = type_def("hostileEnum", TypeKind::Enum);
    hostile_enum.description = Some(nasty_doc.clone());
    hostile_enum.members = [
        ("", None),
        ("Other", Some(1)),
        ("other", Some(2)),
        ("Self", Some(i64::MIN)),
        ("a", Some(i64::MAX)),
        ("A", Some(-1)),
        ("1", None),
        ("self", None),
        ("type", None),
        ("\"quoted\"", None),
        ("back\\slash", None),
        ("bidi\u{202E}", None),
        ("Other", None),
        ("as_str", Some(3)),
        ("VALUE", Some(4)),
        ("a.b.c", None),
    ]
    .iter()
    .map(|(name, value)| {
        let mut m = member(name, *value);
        m.description = Some(nasty_doc.clone());
        m
    })
    .collect();
    types.push(hostile_enum);
    types.push(type_def("Other", TypeKind::Enum));

    let mut routes = vec![
        route(
            "get",
            "/café/{id}/{id}/x{a}y{b}z",
            &["id", "id", "a", "b"],
            "get",
        ),
        route(
            "GET",
            "/things/{out}/{self}/{type}/{encode_path}/{}",
            &[],
            "get",
        ),
        route(
            "GET",
            "/things/{out}/{self}/{type}/{encode_path}",
            &["wrong"],
            "",
        ),
        route("MERGE", "/things", &[], "update"),
        route("GET", "/", &[], "get"),
        route("DELETE", "/a\"quote/{x}/$ref", &["x"], "delete_ref"),
        route("DELETE", "/a\"quote/{x}/$ref", &["x"], "delete_ref"),
        route("PATCH", "/\u{202E}bidi/{x}", &["x"], "update"),
        route("OPTIONS", "/encode_path", &[], "action"),
    ];
    routes[0].status = None;
    routes[0].permissions.unspecified = vec!["\"Odd\".Scope\u{202E}".to_owned()];
    Model { types, routes }
}

/// Examples with the worst text the docs could hold: odd page names, bidi controls, `"#`
/// runs and carriage returns in bodies, JSON nested past serde_json's limit, numbers out of
/// range, unknown and stream types. Generation must not panic; the crate must stay clean.
pub fn hostile_examples() -> Vec<ExampleCase> {
    let case = |page: &str, name: &str, body: String, declared: Option<&str>| ExampleCase {
        page: page.to_owned(),
        name: name.to_owned(),
        role: ExampleRole::Response,
        method: Some("GET".to_owned()),
        url: Some("https://graph.microsoft.com/beta/things/{out}/x/y/z".to_owned()),
        declared_type: declared.map(|name| TypeUse {
            name: name.to_owned(),
            collection: false,
        }),
        page_type: None,
        body,
        truncated: false,
        line: 0,
    };
    let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    let mut resource = case("r.md", "resource", "{}".to_owned(), Some("weirdProps"));
    resource.role = ExampleRole::Resource;
    vec![
        case("", "", "{}".to_owned(), Some("weirdProps")),
        case("", "", "{}".to_owned(), Some("weirdProps")),
        case(
            "api/\u{202E}bidi page.md",
            "fn",
            "{\"type\": \"a\u{202E}b\u{200B}\"}".to_owned(),
            Some("weirdProps"),
        ),
        case(
            "api/hash.md",
            "self",
            r###"{"type": "\"#", "self": true, "a-b": "\"##"}"###.to_owned(),
            Some("weirdProps"),
        ),
        case(
            "api/crlf.md",
            "type",
            "{\r\n  \"type\": \"x\"\r\n}".to_owned(),
            Some("weirdProps"),
        ),
        case("api/deep.md", "deep", deep, Some("weirdProps")),
        case(
            "api/big.md",
            "big",
            "{\"money\": [1e400]}".to_owned(),
            Some("weirdProps"),
        ),
        case(
            "api/stream.md",
            "stream",
            "\"aGk=\"".to_owned(),
            Some("Stream"),
        ),
        case(
            "api/unknown.md",
            "unknown",
            "{}".to_owned(),
            Some("nowhere"),
        ),
        case(
            "api/array.md",
            "array",
            "[{}, {}]".to_owned(),
            Some("cycleA"),
        ),
        case(
            "api/prim.md",
            "prim",
            "{\"value\": 1}".to_owned(),
            Some("Int64"),
        ),
        resource,
    ]
}

/// A generated file's text; panics when the crate has no such file.
pub fn file<'a>(generated: &'a GeneratedCrate, path: &str) -> &'a str {
    generated
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} not generated"))
}

/// Whether `needle` occurs in `text`, ignoring whitespace and trailing commas (prettyplease
/// wraps long lines and adds them).
pub fn contains(text: &str, needle: &str) -> bool {
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<String>()
            .replace(",>", ">")
            .replace(",)", ")")
    };
    squash(text).contains(&squash(needle))
}
