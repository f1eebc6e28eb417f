//! Builds crates generated from the sample, a hostile and an empty model with the real
//! toolchain: `cargo test`, `cargo clippy -D warnings` and `cargo fmt --check`.
//!
//! Each generated crate is written to a temporary directory as a workspace of its own, with
//! the main workspace's `Cargo.lock` (so dependency versions match and `--offline` finds them)
//! and a target directory under the main workspace's `target/` (so builds after the first
//! reuse the cache). Besides compiling, it runs a behaviour test inside the generated crate
//! (unknown enum members round-trip, PATCH bodies carry only what was set, timestamps,
//! durations, GUIDs and base64 round-trip exactly, polymorphic values keep their type, paths
//! are encoded and match back to their routes) and the crate's generated example tests.
//!
//! The crate of a model with three areas is built with its default features (all), with
//! one area alone and with none (clippy `-D warnings` each), and its behaviour and example
//! tests run with all and with one: what an area that is off leaves out.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use docgen_codegen::{generate, ExampleCase, Options};
use docgen_model::Model;

/// An integration test of the generated crate, written next to it.
const BEHAVIOUR: &str = r###"
use sample_models::enums::{CertificateStatus, DevicePlatformType, EmptyEnum};
use sample_models::models::{KeyValuePairWithNote, ManagedDeviceCertificateState};
use sample_models::polymorphic::{AnyEntity, AnyKeyValuePair};
use sample_models::routes;
use serde_json::json;

/// Serialised as a client sends it: text, parsed back (an `f32` is written by its shortest
/// decimal, which `to_value` would widen).
fn written<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

#[test]
fn unknown_enum_members_round_trip() {
    let known: DevicePlatformType = serde_json::from_str("\"iOS\"").unwrap();
    assert_eq!(known, DevicePlatformType::Ios);
    assert_eq!(known.value(), Some(DevicePlatformType::IOS));
    assert_eq!(DevicePlatformType::from_value(1), Some(DevicePlatformType::Ios));
    assert_eq!(DevicePlatformType::from_value(99), None);
    assert_eq!(DevicePlatformType::from("other"), DevicePlatformType::Other);
    let unknown: DevicePlatformType = serde_json::from_str("\"visionOS\"").unwrap();
    assert_eq!(unknown, DevicePlatformType::Other2("visionOS".to_owned()));
    assert_eq!(unknown.value(), None);
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"visionOS\"");
    assert_eq!(CertificateStatus::from("provisioned").to_string(), "provisioned");
    let empty: EmptyEnum = serde_json::from_str("\"anything\"").unwrap();
    assert_eq!(empty.as_str(), "anything");
}

#[test]
fn patch_bodies_carry_only_what_was_set() {
    // Generated structs are non_exhaustive: built from Default, fields assigned.
    let mut body = ManagedDeviceCertificateState::default();
    body.certificate_key_length = Some(2048);
    body.r#type = Some("user".to_owned());
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"certificateKeyLength":2048,"type":"user"}"#
    );
    let read: ManagedDeviceCertificateState = serde_json::from_str(
        r##"{"@odata.type":"#microsoft.graph.managedDeviceCertificateState","id":"1",
            "devicePlatform":"macOS","parentState":{"id":"0"},"mystery":[1],"unknown":true}"##,
    )
    .unwrap();
    assert_eq!(read.odata_type.as_deref(), Some(ManagedDeviceCertificateState::ODATA_TYPE));
    assert_eq!(read.device_platform, Some(DevicePlatformType::MacOs));
    assert_eq!(read.parent_state.and_then(|p| p.id).as_deref(), Some("0"));
    assert_eq!(read.mystery, Some(json!([1])));
}

#[test]
fn primitives_have_real_types_and_round_trip_exactly() {
    let json = json!({
        "certificateExpirationDateTime": "2017-01-01T00:02:14.9489247-08:00",
        "revokedDateTimes": ["0001-01-01T00:00:00Z", "2017-01-01T00:00:00.0000000Z"],
        "validity": "PT1H30M",
        "deviceGuid": "7a4bc8d9-8d6e-4fd6-a14f-cc5ad1e6c3a6",
        "thumbprint": "aGk=",
        "certificates": ["", "AAE="],
        "issuedDate": "2016-12-31",
        "renewTime": "12:03:30.2730000",
        "serial": 9_007_199_254_740_993_i64,
        "ratio": 0.1,
        "weight": 2.5,
        "flags": 255
    });
    let state: ManagedDeviceCertificateState = serde_json::from_value(json.clone()).unwrap();
    let expires = state.certificate_expiration_date_time.as_ref().unwrap().get();
    assert_eq!(expires.nanosecond(), 948_924_700);
    assert_eq!(expires.offset().whole_hours(), -8);
    assert_eq!(expires.unix_timestamp(), 1_483_257_734);
    let revoked = state.revoked_date_times.as_ref().unwrap();
    assert_eq!(revoked[0].get().year(), 1);
    assert!(revoked[1].get().offset().is_utc());
    let validity = state.validity.as_ref().unwrap();
    assert_eq!((validity.parts().hours, validity.parts().minutes), (1, 30));
    assert_eq!(validity.to_time(), Some(time::Duration::minutes(90)));
    assert_eq!(
        state.device_guid,
        Some(uuid::Uuid::parse_str("7a4bc8d9-8d6e-4fd6-a14f-cc5ad1e6c3a6").unwrap())
    );
    assert_eq!(state.thumbprint.as_deref(), Some(&b"hi"[..]));
    assert_eq!(state.certificates, Some(vec![vec![], vec![0, 1]]));
    assert_eq!(
        state.issued_date,
        Some(time::Date::from_calendar_date(2016, time::Month::December, 31).unwrap())
    );
    assert_eq!(
        state.renew_time.as_ref().unwrap().get(),
        time::Time::from_hms_milli(12, 3, 30, 273).unwrap()
    );
    assert_eq!(state.serial, Some(9_007_199_254_740_993));
    assert_eq!(state.flags, Some(255));
    assert_eq!(written(&state), json, "every text is written back as it was read");

    for bad in [
        json!({"validity": "1 hour"}),
        json!({"deviceGuid": "not a guid"}),
        json!({"thumbprint": "!!"}),
        json!({"certificateExpirationDateTime": "yesterday"}),
        json!({"issuedDate": "2016-12-32"}),
        json!({"renewTime": "25:00:00"}),
        json!({"flags": 256}),
    ] {
        assert!(serde_json::from_value::<ManagedDeviceCertificateState>(bad.clone()).is_err(), "{bad}");
    }
}

#[test]
fn polymorphic_values_keep_their_type() {
    let json = json!([
        {"name": "a"},
        {"@odata.type": "#microsoft.graph.keyValuePairWithNote", "name": "b", "note": "n"},
        {"@odata.type": "microsoft.graph.KEYVALUEPAIRWITHNOTE", "note": "m"},
        {"@odata.type": "#microsoft.graph.futurePair", "name": "c", "extra": [1]},
        {"@odata.type": "#microsoft.graph.keyValuePair", "name": "d"}
    ]);
    let pairs: Vec<AnyKeyValuePair> = serde_json::from_value(json.clone()).unwrap();
    match &pairs[0] {
        AnyKeyValuePair::KeyValuePair(pair) => assert_eq!(pair.name.as_deref(), Some("a")),
        other => panic!("{other:?}"),
    }
    match &pairs[1] {
        AnyKeyValuePair::KeyValuePairWithNote(pair) => assert_eq!(pair.note.as_deref(), Some("n")),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&pairs[2], AnyKeyValuePair::KeyValuePairWithNote(_)));
    match &pairs[3] {
        AnyKeyValuePair::Other(value) => assert_eq!(value["extra"], json!([1])),
        other => panic!("{other:?}"),
    }
    assert!(matches!(&pairs[4], AnyKeyValuePair::KeyValuePair(_)));
    assert_eq!(pairs[0].odata_type(), None);
    assert_eq!(pairs[3].odata_type(), Some("#microsoft.graph.futurePair"));
    assert_eq!(serde_json::to_value(&pairs).unwrap(), json, "written back unchanged");

    let mut noted = KeyValuePairWithNote::default();
    noted.note = Some("x".to_owned());
    let any = AnyKeyValuePair::from(noted);
    assert_eq!(serde_json::to_value(&any).unwrap(), json!({"note": "x"}));

    let state: ManagedDeviceCertificateState = serde_json::from_value(json!({
        "primaryPair": {"@odata.type": "#microsoft.graph.keyValuePairWithNote", "note": "n"},
        "extendedKeyUsages": [{"name": "a"}]
    }))
    .unwrap();
    assert!(matches!(state.primary_pair, Some(AnyKeyValuePair::KeyValuePairWithNote(_))));
    let entity: AnyEntity = serde_json::from_value(json!({
        "@odata.type": "#microsoft.graph.managedDeviceCertificateState",
        "id": "1",
        "certificateKeyLength": 2048
    }))
    .unwrap();
    match entity {
        AnyEntity::ManagedDeviceCertificateState(state) => {
            assert_eq!(state.certificate_key_length, Some(2048))
        }
        other => panic!("{other:?}"),
    }
    // A known type whose content does not fit is an error, not unknown JSON.
    let bad = json!({"@odata.type": "#microsoft.graph.keyValuePairWithNote", "note": 5});
    assert!(serde_json::from_value::<AnyKeyValuePair>(bad).is_err());
}

#[test]
fn paths_are_percent_encoded() {
    let built = routes::device_management_managed_devices_item_device_certificate_states_item(
        "a/b c%'{x}",
        "é~._-",
    );
    assert_eq!(
        built,
        "/deviceManagement/managedDevices/a%2Fb%20c%25%27%7Bx%7D/deviceCertificateStates/%C3%A9~._-"
    );
    let route = routes::ROUTES
        .iter()
        .find(|r| r.template.ends_with("deviceCertificateStates/{id}"))
        .unwrap();
    assert_eq!(route.method, http::Method::GET);
    assert_eq!(route.path(&["a/b c%'{x}", "é~._-"]).unwrap(), built);
    let error = route.path(&["only one"]).unwrap_err();
    assert_eq!((error.expected, error.got), (2, 1));
    assert_eq!(
        routes::device_management_managed_devices_item_device_certificate_states_item(".", ".."),
        "/deviceManagement/managedDevices/%2E/deviceCertificateStates/%2E%2E",
        "a dot key is never a dot segment"
    );
    assert_eq!(
        routes::reports_get_report_period_out("D7", "x'y"),
        "/reports/getReport(period='D7',out='x%27y')"
    );
    assert_eq!(routes::device_management(), "/deviceManagement");
    assert_eq!(routes::ROUTES.len(), 8);
}

#[test]
fn requests_match_back_to_their_routes() {
    use http::Method;
    let (route, params) = routes::match_route(
        &Method::GET,
        "/beta/deviceManagement/managedDevices/a%2Fb/deviceCertificateStates/x%20y?$select=id",
    )
    .unwrap();
    assert_eq!(
        route.template,
        "/deviceManagement/managedDevices/{managedDevice-id}/deviceCertificateStates/{id}"
    );
    assert_eq!(params, ["a/b", "x y"], "an encoded `/` stays inside its key");
    let (route, params) = routes::match_route(
        &Method::GET,
        "/deviceManagement/managedDevices/k/deviceCertificateStates",
    )
    .unwrap();
    assert_eq!(route.operation, "list");
    assert_eq!(params, ["k"]);
    let (_, params) = routes::match_route(
        &Method::GET,
        "/reports/getReport(period='D7',out='x%27y')",
    )
    .unwrap();
    assert_eq!(params, ["D7", "x'y"]);
    let (route, _) = routes::match_route(
        &Method::POST,
        "/deviceManagement/managedDevices/k/microsoft.graph.windowsDevice/$ref",
    )
    .unwrap();
    assert_eq!(route.operation, "create_ref");
    assert!(routes::match_route(&Method::DELETE, "/deviceManagement").is_none());
    assert!(routes::match_route(&Method::GET, "/deviceManagement/x").is_none());
    // Every route's own paths come back to a route with the same arguments.
    for route in routes::ROUTES {
        let args: Vec<&str> = ["a/b", "..", "x'y", "é"].into_iter().take(route.params.len()).collect();
        let path = route.path(&args).unwrap();
        let (found, params) = routes::match_route(&route.method, &path).unwrap();
        assert_eq!(found.path(&args).unwrap(), path, "{}", route.template);
        assert_eq!(params, args, "{}", route.template);
    }
}
"###;

/// An integration test of the three-area crate, for any set of features that has `shared`.
const AREAS_BEHAVIOUR: &str = r###"
#![cfg(feature = "shared")]

use area_models::models::DeviceConfiguration;
use area_models::polymorphic::{AnyAssignmentTarget, AnyDeviceConfiguration};
use area_models::routes;
use serde_json::json;

#[test]
fn a_property_of_an_area_that_is_off_is_not_there() {
    let json = json!({"id": "1", "displayName": "d", "osRule": {"name": "r"}});
    let config: DeviceConfiguration = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(config.display_name.as_deref(), Some("d"));
    #[cfg(feature = "deviceconfig")]
    {
        assert_eq!(config.os_rule.as_ref().and_then(|r| r.name.as_deref()), Some("r"));
        assert_eq!(serde_json::to_value(&config).unwrap(), json);
    }
    #[cfg(not(feature = "deviceconfig"))]
    assert_eq!(serde_json::to_value(&config).unwrap(), json!({"id": "1", "displayName": "d"}));
}

#[test]
fn a_derived_value_of_an_area_that_is_off_is_kept_as_json() {
    let json = json!({"@odata.type": "#microsoft.graph.androidCustomConfiguration", "id": "1"});
    let any: AnyDeviceConfiguration = serde_json::from_value(json.clone()).unwrap();
    #[cfg(feature = "deviceconfig")]
    assert!(matches!(any, AnyDeviceConfiguration::AndroidCustomConfiguration(_)));
    #[cfg(not(feature = "deviceconfig"))]
    assert!(matches!(any, AnyDeviceConfiguration::Other(_)));
    assert_eq!(serde_json::to_value(&any).unwrap(), json);

    let json = json!({"@odata.type": "#microsoft.graph.scopeTagTarget", "tagId": "t"});
    let any: AnyAssignmentTarget = serde_json::from_value(json.clone()).unwrap();
    #[cfg(feature = "rbac")]
    assert!(matches!(any, AnyAssignmentTarget::ScopeTagTarget(_)));
    #[cfg(not(feature = "rbac"))]
    assert!(matches!(any, AnyAssignmentTarget::Other(_)));
    assert_eq!(serde_json::to_value(&any).unwrap(), json);
}

#[test]
fn routes_follow_their_areas() {
    let templates: Vec<&str> = routes::ROUTES.iter().map(|r| r.template).collect();
    assert!(templates.contains(&"/deviceManagement"));
    for (template, on) in [
        ("/deviceManagement/deviceConfigurations/{id}", cfg!(feature = "deviceconfig")),
        ("/deviceManagement/roleDefinitions/{id}", cfg!(feature = "rbac")),
        ("/deviceManagement/getRoleDefinition", cfg!(feature = "rbac")),
    ] {
        assert_eq!(templates.contains(&template), on, "{template}");
    }
    assert_eq!(
        routes::device_management_device_configurations_item("a/b"),
        "/deviceManagement/deviceConfigurations/a%2Fb"
    );
    let (route, _) = routes::match_route(&http::Method::PATCH, "/deviceManagement/deviceConfigurations/x").unwrap();
    assert_eq!(route.template, "/deviceManagement/deviceConfigurations/{deviceConfigurationId}");
}
"###;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the crate generated from `model` and `examples` as a standalone package `name`,
/// with `test` as an integration test when given.
fn write_crate(
    model: &Model,
    examples: Vec<ExampleCase>,
    name: &str,
    test: Option<&str>,
) -> tempfile::TempDir {
    let options = Options {
        crate_name: name.to_owned(),
        examples,
        ..Options::default()
    };
    let generated = generate(model, &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    generated.write_to(dir.path()).unwrap();
    let manifest = dir.path().join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    // A workspace of its own, whatever directory the temp dir sits in. The test needs only
    // the crate's own dependencies (serde, serde_json, http, time, uuid).
    text.push_str("\n[workspace]\n");
    std::fs::write(&manifest, text).unwrap();
    if let Ok(lock) = std::fs::read(workspace_root().join("Cargo.lock")) {
        std::fs::write(dir.path().join("Cargo.lock"), lock).unwrap();
    }
    if let Some(test) = test {
        std::fs::create_dir_all(dir.path().join("tests")).unwrap();
        std::fs::write(dir.path().join("tests/behaviour.rs"), test).unwrap();
    }
    dir
}

/// Runs `cargo <args>` in `dir`, fails the test with its output if it fails, and returns
/// its standard output.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/docgen-codegen-check"),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const CLIPPY: [&str; 6] = [
    "clippy",
    "--offline",
    "--all-targets",
    "--",
    "-D",
    "warnings",
];

fn sample_crate(test: Option<&str>) -> tempfile::TempDir {
    write_crate(
        &common::sample_model(),
        common::sample_examples(),
        "sample-models",
        test,
    )
}

/// About 20 s on a cold cache (the target directory under `target/`), 3 s warm, so not
/// ignored. Runs the behaviour test and the generated example tests.
#[test]
fn sample_crate_compiles_and_behaves() {
    let dir = sample_crate(Some(BEHAVIOUR));
    cargo(dir.path(), &["test", "--offline", "--quiet"]);
    let tally = cargo(
        dir.path(),
        &[
            "test",
            "--offline",
            "--quiet",
            "--test",
            "examples",
            "--",
            "--nocapture",
            "example_counts",
        ],
    );
    for line in [
        "13 examples: 8 tested, 5 skipped",
        "of the tests, 1 compare `null` members as absent",
        "skipped (no type): 1",
        "skipped (null): 1",
        "skipped (placeholder): 1",
        "skipped (stream): 1",
        "skipped (truncated): 1",
        "sample_page_null_item_response (api/sample-page.md:40): null:",
    ] {
        assert!(tally.contains(line), "{line}\n{tally}");
    }
}

/// The checked-in crate is linted with `-D warnings`; so are these (clippy also checks
/// that they compile). Needs the clippy component.
#[test]
fn sample_crate_is_clippy_clean() {
    let dir = sample_crate(Some(BEHAVIOUR));
    cargo(dir.path(), &CLIPPY);
}

#[test]
fn hostile_crate_is_clippy_clean() {
    let dir = write_crate(
        &common::hostile_model(),
        common::hostile_examples(),
        "hostile-models",
        None,
    );
    cargo(dir.path(), &CLIPPY);
}

#[test]
fn empty_crate_is_clippy_clean() {
    let dir = write_crate(&Model::default(), Vec::new(), "empty-models", None);
    cargo(dir.path(), &CLIPPY);
}

fn areas_crate(test: Option<&str>) -> tempfile::TempDir {
    write_crate(
        &common::areas::areas_model(),
        common::areas::areas_examples(),
        "area-models",
        test,
    )
}

/// Clippy (`-D warnings`) with every feature set that matters: all (the default), one area
/// alone (the hub every area needs; an area needing it), none; then the tests with all and
/// with the hub alone, and the example tally that says how many tests the features left
/// out.
#[test]
fn areas_crate_builds_with_each_feature_set() {
    let dir = areas_crate(Some(AREAS_BEHAVIOUR));
    cargo(dir.path(), &CLIPPY);
    for features in [
        &["--features", "shared"][..],
        &["--features", "deviceconfig"],
        &[],
    ] {
        let mut args = vec![
            "clippy",
            "--offline",
            "--all-targets",
            "--no-default-features",
        ];
        args.extend(features);
        args.extend(["--", "-D", "warnings"]);
        cargo(dir.path(), &args);
    }
    cargo(dir.path(), &["test", "--offline", "--quiet"]);
    let shared = ["--no-default-features", "--features", "shared"];
    let mut args = vec!["test", "--offline", "--quiet"];
    args.extend(shared);
    cargo(dir.path(), &args);
    args.extend(["--test", "examples", "--", "--nocapture", "example_counts"]);
    let tally = cargo(dir.path(), &args);
    for line in [
        "5 examples: 2 tested, 0 skipped",
        "not compiled (their features are off): 3",
    ] {
        assert!(tally.contains(line), "{line}\n{tally}");
    }
}

/// `lib.rs` is the one generated file rustfmt reads (the modules are `#[rustfmt::skip]`).
#[test]
fn generated_crates_are_rustfmt_clean() {
    let dirs = [
        sample_crate(None),
        areas_crate(None),
        write_crate(
            &common::hostile_model(),
            common::hostile_examples(),
            "hostile-models",
            None,
        ),
    ];
    for dir in dirs {
        cargo(dir.path(), &["fmt", "--check"]);
    }
}
