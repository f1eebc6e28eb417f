//! Generates the hand-built models and checks key facts of the output (the compile test
//! checks that it builds and behaves).

mod common;

use docgen_codegen::{generate, CodegenError, GeneratedCrate, Options, HEADER};
use docgen_ir::Severity;
use docgen_model::Model;

fn sample() -> GeneratedCrate {
    generate(&common::sample_model(), &Options::default()).unwrap()
}

fn file<'a>(generated: &'a GeneratedCrate, path: &str) -> &'a str {
    generated
        .files
        .get(path)
        .unwrap_or_else(|| panic!("{path} not generated"))
}

/// Whether `needle` occurs in `text`, ignoring whitespace and trailing commas (prettyplease
/// wraps long lines and adds them).
fn contains(text: &str, needle: &str) -> bool {
    let squash = |s: &str| {
        s.split_whitespace()
            .collect::<String>()
            .replace(",>", ">")
            .replace(",)", ")")
    };
    squash(text).contains(&squash(needle))
}

#[test]
fn layout_and_headers() {
    let generated = sample();
    let paths: Vec<&str> = generated.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/enums.rs",
            "src/lib.rs",
            "src/models.rs",
            "src/routes.rs"
        ]
    );
    for (path, content) in &generated.files {
        if path.ends_with(".rs") {
            assert!(content.starts_with(&format!("{HEADER}\n//! ")), "{path}");
        }
    }
    let manifest = file(&generated, "Cargo.toml");
    for line in [
        "name = \"graph-models\"",
        "edition = \"2021\"",
        "serde = { version = \"1\", features = [\"derive\"] }",
        "serde_json = \"1\"",
        "http = \"1\"",
        "percent-encoding = \"2.3\"",
    ] {
        assert!(manifest.contains(line), "{line}");
    }
    assert!(!manifest.contains("path ="));
    let lib = file(&generated, "src/lib.rs");
    for module in ["enums", "models", "routes"] {
        assert!(
            lib.contains(&format!("#[rustfmt::skip]\npub mod {module};")),
            "{module}"
        );
    }
}

#[test]
fn structs() {
    let generated = sample();
    let models = file(&generated, "src/models.rs");
    assert!(models.contains("pub struct ManagedDeviceCertificateState {"));
    assert!(models.contains("pub struct KeyValuePair {"));
    assert!(models.contains("pub struct Entity {"));
    // The derived type carries `id` from its base, once, in the base's position.
    let state = &models[models
        .find("pub struct ManagedDeviceCertificateState")
        .unwrap()..];
    assert_eq!(state.matches("pub id:").count(), 1);
    let order: Vec<usize> = [
        "pub odata_type:",
        "pub id:",
        "pub device_platform:",
        "pub parent_state:",
    ]
    .iter()
    .map(|field| state.find(field).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    for needle in [
        "#[serde(rename = \"@odata.type\", default, skip_serializing_if = \"::std::option::Option::is_none\")]",
        "pub device_platform: ::std::option::Option<crate::enums::DevicePlatformType>,",
        "pub certificate_key_length: ::std::option::Option<i32>,",
        "pub certificate_expiration_date_time: ::std::option::Option<::std::string::String>,",
        "#[serde(rename = \"type\",",
        "pub r#type: ::std::option::Option<::std::string::String>,",
        "pub self_: ::std::option::Option<bool>,",
        "pub extended_key_usages: ::std::option::Option<::std::vec::Vec<crate::models::KeyValuePair>>,",
        // Self-reference is boxed; unknown types are JSON.
        "pub parent_state: ::std::option::Option<::std::boxed::Box<crate::models::ManagedDeviceCertificateState>>,",
        "pub mystery: ::std::option::Option<::serde_json::Value>,",
        "/// `Edm.Decimal`, carried as `f64`",
        "/// Possible values: `on`, `off`.",
        "pub const ODATA_TYPE: &str = \"#microsoft.graph.managedDeviceCertificateState\";",
    ] {
        assert!(contains(state, needle) || contains(models, needle), "{needle}");
    }
    // Stream properties are left out; `@odata.type` is not doubled.
    assert!(!models.contains("pub content:"));
    assert_eq!(state.matches("\"@odata.type\"").count(), 1);
    // Floats rule out `Eq` for the state but not for the pair.
    let derives = |name: &str| {
        let at = models.find(&format!("pub struct {name} ")).unwrap();
        let start = models[..at].rfind("#[derive(").unwrap();
        models[start..at].contains("::std::cmp::Eq,")
    };
    assert!(!derives("ManagedDeviceCertificateState"));
    assert!(derives("KeyValuePair"));
    // Bidi controls are stripped, newlines and tabs collapsed.
    assert!(models.contains("/// Certificate state of a device. Second line with a tab.\n"));
    assert!(!models.contains('\u{202E}'));
}

#[test]
fn enums() {
    let generated = sample();
    let enums = file(&generated, "src/enums.rs");
    for needle in [
        "pub enum DevicePlatformType {",
        "Ios,",
        "MacOs,",
        "WindowsPhone81,",
        "Windows81AndLater,",
        "AndroidForWork,",
        // A member called `other` keeps `Other`; the fallback steps aside.
        "Other,",
        "Other2(::std::string::String),",
        "\"iOS\" => Self::Ios,",
        "_ => Self::Other2(value),",
        "pub const IOS: i64 = 1;",
        "pub const WINDOWS81_AND_LATER: i64 = 4;",
        "pub fn value(&self) -> ::std::option::Option<i64>",
        "impl ::serde::Serialize for DevicePlatformType",
        "impl<'de> ::serde::Deserialize<'de> for DevicePlatformType",
        // No values documented: no constants, no `value()`, and the plain fallback name.
        "pub enum CertificateStatus {",
        "Other(::std::string::String),",
        "pub enum EmptyEnum {",
    ] {
        assert!(contains(enums, needle), "{needle}");
    }
    // The duplicate `iOS` member is dropped (a second arm would be unreachable).
    assert_eq!(enums.matches("\"iOS\" => Self::Ios,").count(), 2);
    let start = enums.find("pub enum CertificateStatus").unwrap();
    let end = enums[start + 1..]
        .find("pub enum ")
        .map_or(enums.len(), |i| start + 1 + i);
    let status = &enums[start..end];
    assert!(!status.contains("pub const"));
    assert!(!status.contains("pub fn value"));
}

#[test]
fn routes() {
    let generated = sample();
    let routes = file(&generated, "src/routes.rs");
    for needle in [
        "pub struct Route {",
        "pub method: ::http::Method,",
        "pub static ROUTES: &[Route] = &[",
        "pub fn encode_path(segment: &str) -> ::std::borrow::Cow<'_, str> {",
        "::percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT)",
        "const PATH_SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC",
        "pub fn path(&self, args: &[&str]) -> ::std::result::Result<::std::string::String, PathError>",
        "template: \"/reports/getReport(period='{period}',out='{out}')\",",
        "params: &[\"managedDevice-id\", \"id\"],",
        "status: ::std::option::Option::Some(200),",
        "pub fn get_device_management_managed_devices_device_certificate_states(managed_device_id: &str,) -> ::std::string::String",
        // Same literal text: suffixes in route order.
        "pub fn get_device_management_managed_devices_device_certificate_states_2(managed_device_id: &str, id: &str,)",
        "pub fn get_device_management_managed_devices_device_certificate_states_3(",
        // Cast segments lose the namespace in the name only; `out` steps around the local.
        "pub fn post_device_management_managed_devices_windows_device_ref(id: &str)",
        "pub fn get_reports_get_report_period_out(period: &str, out_2: &str,)",
        "out.push_str(&encode_path(out_2));",
        "pub fn get_device_management() -> ::std::string::String {",
    ] {
        assert!(contains(routes, needle), "{needle}");
    }
    // FROB and the unbalanced path are skipped.
    assert_eq!(routes.matches("    Route {").count(), 6);
    assert!(!routes.contains("/broken"));
}

#[test]
fn diagnostics() {
    let generated = sample();
    let found: Vec<(&str, &str, u32, Severity)> = generated
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.file.as_str(), d.line, d.severity))
        .collect();
    assert_eq!(
        found,
        [
            ("unsupported-method", "api/action.md", 20, Severity::Warning),
            ("invalid-route-path", "api/get.md", 20, Severity::Warning),
            ("duplicate-member", "resources/enums.md", 10, Severity::Note),
            (
                "unresolved-type",
                "resources/sample.md",
                13,
                Severity::Warning
            ),
        ]
    );
    assert!(generated.diagnostics[3]
        .message
        .contains("notDefinedAnywhere"));
}

#[test]
fn deterministic() {
    for model in [
        common::sample_model(),
        common::hostile_model(),
        Model::default(),
    ] {
        let first = generate(&model, &Options::default()).unwrap();
        let second = generate(&model.clone(), &Options::default()).unwrap();
        assert_eq!(first, second);
    }
}

#[test]
fn hostile_model_generates_without_panicking() {
    let generated = generate(&common::hostile_model(), &Options::default()).unwrap();
    let models = file(&generated, "src/models.rs");
    for needle in [
        "pub struct Unnamed {",
        "pub struct Unnamed2 {",
        "pub struct Self_ {",
        "pub struct Self2 {",
        "pub struct Option {",
        "pub struct N123abc {",
        "pub opt: ::std::option::Option<crate::models::Option>,",
        "pub odata_type_2:",
        "pub r#fn:",
        // Mutual recursion through non-collections is boxed both ways.
        "pub b: ::std::option::Option<::std::boxed::Box<crate::models::CycleB>>,",
        "pub a: ::std::option::Option<::std::boxed::Box<crate::models::CycleA>>,",
    ] {
        assert!(contains(models, needle), "{needle}");
    }
    for (path, content) in &generated.files {
        for c in ['\u{202E}', '\u{2066}', '\u{200B}'] {
            assert!(!content.contains(c), "{path} holds {c:?}");
        }
        assert!(!content.contains("\n/// ```"), "{path} opens a code block");
    }
    let codes: Vec<&str> = generated
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    for code in [
        "base-cycle",
        "unresolved-base",
        "unresolved-type",
        "invalid-route-path",
        "unsupported-method",
        "route-params-mismatch",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
}

#[test]
fn invalid_options_are_errors() {
    for (name, version) in [
        ("", "0.1.0"),
        ("1abc", "0.1.0"),
        ("a\"b", "0.1.0"),
        ("ok", "1"),
        ("ok", "1.0.0\""),
    ] {
        let options = Options {
            crate_name: name.to_owned(),
            crate_version: version.to_owned(),
        };
        let error = generate(&Model::default(), &options).unwrap_err();
        assert!(
            matches!(error, CodegenError::InvalidOption { .. }),
            "{name} {version}"
        );
    }
}
