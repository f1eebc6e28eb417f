//! A small hand-built model shared by the integration tests: a derived entity, a complex
//! type, an enum with numeric values (and a member that takes the fallback's name), one
//! without, and routes with `{param}`, an OData function segment and a cast segment.

#![allow(dead_code)] // each test binary uses its own subset

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

    Model {
        types: vec![status, platform, empty, entity, pair, state],
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
            route("GET", "/reports/getReport(period='{period}',out='{out}')", &["period", "out"], "function"),
            route("GET", "/deviceManagement", &[], "get"),
            route("FROB", "/deviceManagement", &[], "action"),
            route("GET", "/broken/{path", &["path"], "get"),
        ],
    }
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
