//! A consumer of the checked-in generated crate: every example body of the seed pages is
//! deserialised into its generated type and serialised back unchanged (key order aside).
//!
//! Examples whose values are placeholders ("String", "Integer", "String (timestamp)") are not
//! real payloads; they are skipped, counted and printed, never silently dropped.

use std::path::PathBuf;

use docgen_ir::ExampleRole;
use graph_models::models::{ManagedAllDeviceCertificateState, ManagedDeviceCertificateState};
use serde_json::Value;

/// Values the docs use as stand-ins for a real value of some type.
const PLACEHOLDERS: [&str; 8] = [
    "String",
    "Integer",
    "Boolean",
    "Int32",
    "Int64",
    "String (timestamp)",
    "String (identifier)",
    "Guid",
];

fn has_placeholder(value: &Value) -> bool {
    match value {
        Value::String(s) => PLACEHOLDERS.contains(&s.as_str()),
        Value::Array(items) => items.iter().any(has_placeholder),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k != "@odata.type" && has_placeholder(v)),
        _ => false,
    }
}

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    body: &Value,
) -> Result<Value, String> {
    let typed: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

#[test]
fn seed_examples_round_trip_through_the_generated_models() {
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let read = docgen_read::read_paths(&[docs]);
    let (mut checked, mut skipped) = (0, Vec::new());
    for page in &read.pages {
        for example in &page.examples {
            if !matches!(example.role, ExampleRole::Request | ExampleRole::Response) {
                continue;
            }
            let Some(body) = &example.body else { continue };
            let where_ = format!("{}:{}", page.source, example.line);
            let body: Value =
                serde_json::from_str(body).unwrap_or_else(|e| panic!("{where_}: {e}"));
            if has_placeholder(&body) {
                skipped.push(format!("{where_}: placeholder values"));
                continue;
            }
            let odata = body["@odata.type"].as_str().unwrap_or_default();
            let back = match odata {
                "#microsoft.graph.managedDeviceCertificateState" => {
                    round_trip::<ManagedDeviceCertificateState>(&body)
                }
                "#microsoft.graph.managedAllDeviceCertificateState" => {
                    round_trip::<ManagedAllDeviceCertificateState>(&body)
                }
                other => panic!("{where_}: no generated type for `{other}`"),
            };
            let back = back.unwrap_or_else(|e| panic!("{where_}: {e}"));
            assert_eq!(back, body, "{where_}: the example does not round-trip");
            checked += 1;
        }
    }
    println!(
        "consumer: {checked} examples round-tripped, {} skipped:",
        skipped.len()
    );
    for reason in &skipped {
        println!("  skipped {reason}");
    }
    assert_eq!(
        checked, 6,
        "seeds 000, 002 and 003 each have a real request and response"
    );
    assert_eq!(
        skipped.len(),
        4,
        "seeds 001 and 004 show placeholder values"
    );
}

#[test]
fn typed_fields_and_forward_compatible_enums() {
    use graph_models::enums::DevicePlatformType;
    let body = serde_json::json!({
        "devicePlatform": "someFuturePlatform",
        "certificateKeyLength": 2048,
        "serverUrl": "https://example.com/",
    });
    let state: ManagedDeviceCertificateState = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(state.certificate_key_length, Some(2048));
    assert_eq!(
        state.device_platform,
        Some(DevicePlatformType::Other("someFuturePlatform".to_owned()))
    );
    assert_eq!(
        serde_json::to_value(&state).unwrap(),
        body,
        "an unknown member re-serialises unchanged"
    );
    let mut patch = ManagedDeviceCertificateState::default();
    patch.device_platform = Some(DevicePlatformType::AndroidForWork);
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        serde_json::json!({ "devicePlatform": "androidForWork" }),
        "a PATCH body carries only what was set"
    );
}

#[test]
fn route_table_builds_encoded_paths() {
    let route = graph_models::routes::ROUTES
        .iter()
        .find(|r| r.template == "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/{managedAllDeviceCertificateStateId}")
        .expect("the text seed's PATCH route is in the table");
    assert_eq!(route.method, http::Method::PATCH);
    assert_eq!(route.params, ["managedAllDeviceCertificateStateId"]);
    assert_eq!(
        route.path(&["a/b c'"]).unwrap(),
        "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/a%2Fb%20c%27"
    );
    assert!(
        route.path(&[]).is_err(),
        "a missing parameter is an error, not a broken path"
    );
    assert_eq!(graph_models::routes::ROUTES.len(), 33);
}

#[test]
fn requests_match_back_to_routes_and_timestamps_are_typed() {
    use graph_models::routes;
    let path =
        routes::device_management_device_configurations_all_managed_device_certificate_states_item(
            "a/b c'",
        );
    assert_eq!(
        path,
        "/deviceManagement/deviceConfigurationsAllManagedDeviceCertificateStates/a%2Fb%20c%27"
    );
    let (route, params) = routes::match_route(&http::Method::PATCH, &path)
        .expect("the builder's path matches its route");
    assert_eq!(route.params, ["managedAllDeviceCertificateStateId"]);
    assert_eq!(params, ["a/b c'"], "the encoded `/` stays inside the key");
    assert!(routes::match_route(&http::Method::PUT, &path).is_none());

    let state: ManagedDeviceCertificateState = serde_json::from_value(serde_json::json!({
        "certificateExpirationDateTime": "2017-01-01T00:02:14.9489247-08:00"
    }))
    .unwrap();
    let expires = state.certificate_expiration_date_time.as_ref().unwrap();
    assert_eq!(expires.get().nanosecond(), 948_924_700);
    assert_eq!(expires.get().offset().whole_hours(), -8);
    assert_eq!(expires.as_str(), "2017-01-01T00:02:14.9489247-08:00");
}
