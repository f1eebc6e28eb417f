//! A model spanning three areas of the Intune docs, for the Cargo features.
//!
//! - `shared`: `entity`, `deviceManagement` (relationships into every area),
//!   `deviceConfiguration` (a base whose derived type is in `deviceconfig`, with one
//!   property of a `deviceconfig` type: the light side of a cycle, cut), `assignmentTarget`
//!   (a base with derived types in `shared` and `rbac`), the enum `devicePlatformType`, and
//!   a route answering with an `rbac` type;
//! - `deviceconfig`: `androidCustomConfiguration` (derived from `deviceConfiguration`),
//!   `omaSetting` and its derived `omaSettingString`, `applicabilityRule`, and
//!   `deviceConfigurationAssignment` (whose `target` is a `shared` base);
//! - `rbac`: `roleDefinition` (derived from `entity`) and `scopeTagTarget` (derived from
//!   `assignmentTarget`).
//!
//! So `deviceconfig` and `rbac` each need `shared`, and `shared` needs neither.

use docgen_codegen::ExampleCase;
use docgen_ir::ExampleRole;
use docgen_model::{Model, Permissions, Property, Route, TypeDef, TypeKind, TypeUse};

use super::{prop, type_def};

fn def(area: &str, name: &str, kind: TypeKind, base: Option<&str>) -> TypeDef {
    let mut def = type_def(name, kind);
    def.base = base.map(str::to_owned);
    def.sources = vec![format!(
        "resources/intune-{area}-{}.md:10",
        name.to_lowercase()
    )];
    def
}

fn props(list: &[(&str, &str, bool)]) -> Vec<Property> {
    list.iter()
        .enumerate()
        .map(|(i, (name, ty, collection))| prop(name, ty, *collection, 20 + i as u32))
        .collect()
}

fn route(area: &str, method: &str, path: &str, params: &[&str], response: &str) -> Route {
    Route {
        method: method.to_owned(),
        path: path.to_owned(),
        operation: "get".to_owned(),
        resource: None,
        params: params.iter().map(|p| (*p).to_owned()).collect(),
        request_type: None,
        response_type: Some(TypeUse {
            name: response.to_owned(),
            collection: false,
        }),
        status: Some(200),
        permissions: Permissions::default(),
        source: format!("api/intune-{area}-route.md:30"),
    }
}

pub fn areas_model() -> Model {
    let mut entity = def("shared", "entity", TypeKind::Entity, None);
    entity.properties = props(&[("id", "String", false)]);
    let mut management = def(
        "shared",
        "deviceManagement",
        TypeKind::Entity,
        Some("entity"),
    );
    management.properties = props(&[("platform", "devicePlatformType", false)]);
    management.relationships = props(&[
        ("deviceConfigurations", "deviceConfiguration", true),
        ("roleDefinitions", "roleDefinition", true),
    ]);
    let mut configuration = def(
        "shared",
        "deviceConfiguration",
        TypeKind::Entity,
        Some("entity"),
    );
    configuration.properties = props(&[
        ("displayName", "String", false),
        ("osRule", "applicabilityRule", false),
    ]);
    configuration.relationships = props(&[("assignments", "deviceConfigurationAssignment", true)]);
    let mut target = def("shared", "assignmentTarget", TypeKind::Complex, None);
    target.properties = props(&[("filterId", "String", false)]);
    let mut group = def(
        "shared",
        "groupAssignmentTarget",
        TypeKind::Complex,
        Some("assignmentTarget"),
    );
    group.properties = props(&[("groupId", "String", false)]);
    let platform = def("shared", "devicePlatformType", TypeKind::Enum, None);

    let mut android = def(
        "deviceconfig",
        "androidCustomConfiguration",
        TypeKind::Entity,
        Some("deviceConfiguration"),
    );
    android.properties = props(&[
        ("omaSettings", "omaSetting", true),
        ("platform", "devicePlatformType", false),
    ]);
    let mut oma = def("deviceconfig", "omaSetting", TypeKind::Complex, None);
    oma.properties = props(&[("omaUri", "String", false)]);
    let mut oma_string = def(
        "deviceconfig",
        "omaSettingString",
        TypeKind::Complex,
        Some("omaSetting"),
    );
    oma_string.properties = props(&[("value", "String", false)]);
    let mut rule = def("deviceconfig", "applicabilityRule", TypeKind::Complex, None);
    rule.properties = props(&[("name", "String", false)]);
    let mut assignment = def(
        "deviceconfig",
        "deviceConfigurationAssignment",
        TypeKind::Entity,
        Some("entity"),
    );
    assignment.properties = props(&[("target", "assignmentTarget", false)]);

    let mut role = def("rbac", "roleDefinition", TypeKind::Entity, Some("entity"));
    role.properties = props(&[("isBuiltIn", "Boolean", false)]);
    let mut scope = def(
        "rbac",
        "scopeTagTarget",
        TypeKind::Complex,
        Some("assignmentTarget"),
    );
    scope.properties = props(&[("tagId", "String", false)]);

    Model {
        types: vec![
            entity,
            management,
            configuration,
            target,
            group,
            platform,
            android,
            oma,
            oma_string,
            rule,
            assignment,
            role,
            scope,
        ],
        routes: vec![
            route(
                "deviceconfig",
                "GET",
                "/deviceManagement/deviceConfigurations/{id}",
                &["id"],
                "deviceConfiguration",
            ),
            route(
                "shared",
                "PATCH",
                "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
                &["deviceConfigurationId"],
                "deviceConfiguration",
            ),
            route(
                "rbac",
                "GET",
                "/deviceManagement/roleDefinitions/{id}",
                &["id"],
                "roleDefinition",
            ),
            route(
                "shared",
                "GET",
                "/deviceManagement/getRoleDefinition",
                &[],
                "roleDefinition",
            ),
            route(
                "shared",
                "GET",
                "/deviceManagement",
                &[],
                "deviceManagement",
            ),
            route("shared", "GET", "/deviceManagement/getCount", &[], "Int32"),
        ],
    }
}

fn example(page: &str, url: &str, body: &str) -> ExampleCase {
    ExampleCase {
        page: format!("api/{page}.md"),
        name: "example1_response".to_owned(),
        role: ExampleRole::Response,
        method: Some("GET".to_owned()),
        url: Some(format!("https://graph.microsoft.com/beta{url}")),
        declared_type: None,
        page_type: None,
        body: body.to_owned(),
        truncated: false,
        line: 40,
    }
}

/// Examples needing: `shared`; `deviceconfig`; `deviceconfig` and `rbac`; `rbac`; nothing.
pub fn areas_examples() -> Vec<ExampleCase> {
    vec![
        example(
            "intune-shared-devicemanagement-get",
            "/deviceManagement",
            r#"{"id": "m", "platform": "android"}"#,
        ),
        example(
            "intune-deviceconfig-androidcustomconfiguration-get",
            "/deviceManagement/deviceConfigurations/1",
            r##"{"@odata.type": "#microsoft.graph.androidCustomConfiguration", "id": "1",
                "osRule": {"name": "r"},
                "omaSettings": [{"@odata.type": "#microsoft.graph.omaSettingString", "omaUri": "u", "value": "v"}]}"##,
        ),
        example(
            "intune-deviceconfig-assignment-get",
            "/deviceManagement/deviceConfigurations/1",
            r##"{"@odata.type": "#microsoft.graph.deviceConfigurationAssignment", "id": "a",
                "target": {"@odata.type": "#microsoft.graph.scopeTagTarget", "tagId": "t"}}"##,
        ),
        example(
            "intune-rbac-roledefinition-get",
            "/deviceManagement/roleDefinitions/1",
            r#"{"id": "r", "isBuiltIn": true}"#,
        ),
        example(
            "intune-shared-devicemanagement-getcount",
            "/deviceManagement/getCount",
            r#"{"value": 3}"#,
        ),
    ]
}
