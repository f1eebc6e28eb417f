//! The facts the seed pages in `docs-input/` must give in the merged model.

use std::path::PathBuf;

use docgen_model::{Model, TypeDef, TypeKind};

fn docs_input() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input")
}

fn model() -> (Model, Vec<docgen_ir::Diagnostic>) {
    let read = docgen_read::read_paths(&[docs_input()]);
    assert_eq!(read.pages.len(), 5, "the five seed pages are read");
    let merged = docgen_model::merge(&read.pages);
    (merged.model, merged.diagnostics)
}

fn find<'m>(model: &'m Model, name: &str) -> &'m TypeDef {
    model
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("type {name} missing"))
}

#[test]
fn routes_of_the_seeds() {
    let (model, _) = model();
    let count = |method: &str, pred: &dyn Fn(&str) -> bool| {
        model
            .routes
            .iter()
            .filter(|r| r.method == method && pred(&r.path))
            .count()
    };
    assert_eq!(model.routes.len(), 33, "33 distinct routes");
    assert_eq!(
        count("PATCH", &|p| p.ends_with(
            "/managedDeviceCertificateStates/{managedDeviceCertificateStateId}"
        )),
        24
    );
    assert_eq!(
        count("PATCH", &|p| {
            p == "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates"
        }),
        1
    );
    assert_eq!(
        count("PATCH", &|p| {
            p
            == "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/{managedAllDeviceCertificateStateId}"
        }),
        1
    );
    assert_eq!(
        count("POST", &|p| p.ends_with("/managedDeviceCertificateStates")),
        6
    );
    assert_eq!(
        count("POST", &|p| p
            .ends_with("/managedDeviceCertificateStates/$ref")),
        1
    );
    for route in &model.routes {
        assert!(!route.path.contains("//"), "{}", route.path);
        assert!(!route.path.ends_with('/'), "{}", route.path);
    }
    let create_ref = model
        .routes
        .iter()
        .find(|r| r.path.ends_with("$ref"))
        .unwrap();
    assert_eq!(create_ref.operation, "create_ref");
    let update = model
        .routes
        .iter()
        .find(|r| {
            r.path == "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates"
        })
        .unwrap();
    assert_eq!(update.operation, "update");
    assert_eq!(
        update.resource.as_deref(),
        Some("managedAllDeviceCertificateState"),
        "the request body type comes from prose, never from the page title"
    );
    assert_eq!(update.status, Some(200));
}

#[test]
fn managed_device_certificate_state() {
    let (model, _) = model();
    let t = find(&model, "managedDeviceCertificateState");
    assert_eq!(t.kind, TypeKind::Entity);
    assert_eq!(t.namespace.as_deref(), Some("microsoft.graph"));
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    assert!(names.len() >= 27, "{names:?}");
    for required in [
        "serverUrl",
        "enhancedKeyUsage",
        "certificateErrorCode",
        "devicePlatform",
    ] {
        assert!(names.contains(&required), "{required} in {names:?}");
    }
    let prop = |name: &str| t.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(prop("certificateKeyLength").type_name, "Int32");
    assert_eq!(
        prop("certificateExpirationDateTime").type_name,
        "DateTimeOffset"
    );
    assert_eq!(prop("devicePlatform").type_name, "devicePlatformType");
    assert!(
        prop("devicePlatform").source.contains("000_"),
        "the newest page wins"
    );
}

#[test]
fn managed_all_device_certificate_state() {
    let (model, _) = model();
    let t = find(&model, "managedAllDeviceCertificateState");
    let names: Vec<&str> = t.properties.iter().map(|p| p.name.as_str()).collect();
    // The two pages' tables: 12 rows (001) and 13 rows (002); their union is 13 properties.
    assert_eq!(names.len(), 13, "{names:?}");
    assert!(names.contains(&"certificateRevokeStatusLastChangeDateTime"));
}

#[test]
fn enums_of_the_seeds() {
    let (model, _) = model();
    let platform = find(&model, "devicePlatformType");
    assert_eq!(platform.kind, TypeKind::Enum);
    assert_eq!(platform.members.len(), 14);
    assert_eq!(platform.members[0].name, "android");
    assert_eq!(platform.members[0].value, None);
    assert_eq!(find(&model, "certificateIssuanceStates").members.len(), 23);
    assert_eq!(find(&model, "certificateRevocationStatus").members.len(), 5);
}

#[test]
fn conflicts_between_pages_are_reported_with_both_places() {
    let (_, diagnostics) = model();
    let conflict = diagnostics
        .iter()
        .find(|d| d.code == "conflicting-property" && d.message.contains("devicePlatform"))
        .expect("the seeds disagree on devicePlatform's type");
    assert!(conflict
        .related
        .as_deref()
        .is_some_and(|r| r.contains("000_")));
}
