//! Builds crates generated from the sample, a hostile and an empty model with the real
//! toolchain: `cargo test`, `cargo clippy -D warnings` and `cargo fmt --check`.
//!
//! Each generated crate is written to a temporary directory as a workspace of its own, with
//! the main workspace's `Cargo.lock` (so dependency versions match and `--offline` finds them)
//! and a target directory under the main workspace's `target/` (so builds after the first
//! reuse the cache). Besides compiling, it runs a behaviour test inside the generated crate:
//! unknown enum members round-trip, PATCH bodies carry only what was set, paths are encoded.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use docgen_codegen::{generate, Options};
use docgen_model::Model;

/// An integration test of the generated crate, written next to it.
const BEHAVIOUR: &str = r###"
use sample_models::enums::{CertificateStatus, DevicePlatformType, EmptyEnum};
use sample_models::models::ManagedDeviceCertificateState;
use sample_models::routes;

#[test]
fn unknown_enum_members_round_trip() {
    let known: DevicePlatformType = serde_json::from_str("\"iOS\"").unwrap();
    assert_eq!(known, DevicePlatformType::Ios);
    assert_eq!(known.value(), Some(DevicePlatformType::IOS));
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
    assert_eq!(read.mystery, Some(serde_json::json!([1])));
}

#[test]
fn paths_are_percent_encoded() {
    let built = routes::get_device_management_managed_devices_device_certificate_states_2(
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
        routes::get_reports_get_report_period_out("D7", "x'y"),
        "/reports/getReport(period='D7',out='x%27y')"
    );
    assert_eq!(routes::get_device_management(), "/deviceManagement");
    assert_eq!(routes::ROUTES.len(), 6);
}
"###;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the crate generated from `model` as a standalone package `name`, with `test` as an
/// integration test when given.
fn write_crate(model: &Model, name: &str, test: Option<&str>) -> tempfile::TempDir {
    let options = Options {
        crate_name: name.to_owned(),
        ..Options::default()
    };
    let generated = generate(model, &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    generated.write_to(dir.path()).unwrap();
    let manifest = dir.path().join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    // A workspace of its own, whatever directory the temp dir sits in. The test needs only
    // serde_json and http, which are normal dependencies already.
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

/// Runs `cargo <args>` in `dir` and fails the test with its output if it fails.
fn cargo(dir: &Path, args: &[&str]) {
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
}

const CLIPPY: [&str; 6] = [
    "clippy",
    "--offline",
    "--all-targets",
    "--",
    "-D",
    "warnings",
];

/// About 10 s on a cold cache (the target directory under `target/`), 2 s warm, so not
/// ignored.
#[test]
fn sample_crate_compiles_and_behaves() {
    let dir = write_crate(&common::sample_model(), "sample-models", Some(BEHAVIOUR));
    cargo(dir.path(), &["test", "--offline", "--quiet"]);
}

/// The checked-in crate is linted with `-D warnings`; so are these (clippy also checks
/// that they compile). Needs the clippy component.
#[test]
fn sample_crate_is_clippy_clean() {
    let dir = write_crate(&common::sample_model(), "sample-models", Some(BEHAVIOUR));
    cargo(dir.path(), &CLIPPY);
}

#[test]
fn hostile_crate_is_clippy_clean() {
    let dir = write_crate(&common::hostile_model(), "hostile-models", None);
    cargo(dir.path(), &CLIPPY);
}

#[test]
fn empty_crate_is_clippy_clean() {
    let dir = write_crate(&Model::default(), "empty-models", None);
    cargo(dir.path(), &CLIPPY);
}

/// `lib.rs` is the one generated file rustfmt reads (the modules are `#[rustfmt::skip]`).
#[test]
fn generated_crates_are_rustfmt_clean() {
    for (model, name) in [
        (common::sample_model(), "sample-models"),
        (common::hostile_model(), "hostile-models"),
    ] {
        let dir = write_crate(&model, name, None);
        cargo(dir.path(), &["fmt", "--check"]);
    }
}
