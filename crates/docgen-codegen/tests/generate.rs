//! Generates the hand-built models and checks key facts of the output (the compile test
//! checks that it builds and behaves).

mod common;

use common::{contains, file};
use docgen_codegen::{generate, CodegenError, GeneratedCrate, Options, HEADER};
use docgen_ir::Severity;
use docgen_model::Model;

fn sample() -> GeneratedCrate {
    let options = Options {
        examples: common::sample_examples(),
        ..Options::default()
    };
    generate(&common::sample_model(), &options).unwrap()
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
            "src/odata.rs",
            "src/polymorphic.rs",
            "src/primitives.rs",
            "src/primitives/base64.rs",
            "src/primitives/duration.rs",
            "src/routes.rs",
            "src/routing.rs",
            "tests/examples.rs",
            "tests/examples/cases.rs",
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
        "rust-version = \"1.85\"",
        "test = false",
        "serde = { version = \"1\", features = [\"derive\"] }",
        "serde_json = \"1\"",
        "http = \"1\"",
        "percent-encoding = \"2.3\"",
        "base64 = \"0.22\"",
        "time = { version = \"0.3\", default-features = false, features = [\"std\", \"serde-human-readable\"] }",
        "uuid = { version = \"1\", default-features = false, features = [\"std\", \"serde\"] }",
    ] {
        assert!(manifest.contains(line), "{line}");
    }
    assert!(!manifest.contains("path ="));
    let lib = file(&generated, "src/lib.rs");
    for module in [
        "enums",
        "models",
        "odata",
        "polymorphic",
        "primitives",
        "routes",
        "routing",
    ] {
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
        "pub certificate_expiration_date_time: ::std::option::Option<crate::primitives::DateTimeOffset>,",
        "pub revoked_date_times: ::std::option::Option<::std::vec::Vec<crate::primitives::DateTimeOffset>>,",
        "pub validity: ::std::option::Option<crate::primitives::Duration>,",
        "pub device_guid: ::std::option::Option<::uuid::Uuid>,",
        "with = \"crate::primitives::base64::option\")] pub thumbprint: ::std::option::Option<::std::vec::Vec<u8>>,",
        "with = \"crate::primitives::base64::option_vec\")] pub certificates: ::std::option::Option<::std::vec::Vec<::std::vec::Vec<u8>>>,",
        "pub issued_date: ::std::option::Option<::time::Date>,",
        "pub renew_time: ::std::option::Option<crate::primitives::TimeOfDay>,",
        "pub serial: ::std::option::Option<i64>,",
        "pub ratio: ::std::option::Option<f32>,",
        "pub flags: ::std::option::Option<u8>,",
        // A field of a base type holds its polymorphic enum, unboxed (the enum boxes).
        "pub primary_pair: ::std::option::Option<crate::polymorphic::AnyKeyValuePair>,",
        "#[serde(rename = \"type\",",
        "pub r#type: ::std::option::Option<::std::string::String>,",
        "pub self_: ::std::option::Option<bool>,",
        "pub extended_key_usages: ::std::option::Option<::std::vec::Vec<crate::polymorphic::AnyKeyValuePair>>,",
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
        "pub fn from_value(value: i64) -> ::std::option::Option<Self>",
        "Self::IOS => ::std::option::Option::Some(Self::Ios),",
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
    assert_eq!(enums.matches("Self::IOS =>").count(), 1);
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
        "pub use crate::routing::{encode_path, PathError, Permissions, Route};",
        "pub static ROUTES: &[Route] = &[",
        "method: ::http::Method::GET,",
        "template: \"/reports/getReport(period='{period}',out='{out}')\",",
        "params: &[\"managedDevice-id\", \"id\"],",
        "status: ::std::option::Option::Some(200),",
        "pub fn match_route(method: &::http::Method, path: &str,) -> ::std::option::Option<(&'static Route, ::std::vec::Vec<::std::string::String>)>",
        "crate::routing::find_route(ROUTES, method, path)",
        // Builders are named after the path alone: `item` for a key.
        "pub fn device_management_managed_devices_item_device_certificate_states(managed_device_id: &str,) -> ::std::string::String",
        "pub fn device_management_managed_devices_item_device_certificate_states_item(managed_device_id: &str, id: &str,)",
        // Cast segments lose the namespace in the name only; `out` steps around the local.
        "pub fn device_management_managed_devices_item_windows_device_ref(id: &str)",
        "pub fn reports_get_report_period_out(period: &str, out_2: &str,)",
        "out.push_str(&encode_path(out_2));",
        "pub fn device_management() -> ::std::string::String {",
        "/// `/reports/getReport(period='{period}',out='{out}')`: `GET` (function).",
    ] {
        assert!(contains(routes, needle), "{needle}");
    }
    // FROB and the unbalanced path are skipped.
    assert_eq!(routes.matches("    Route {").count(), 8);
    assert!(!routes.contains("/broken"));
    // `{id}` and `{other-id}` are one path: one builder, documented with both routes.
    assert_eq!(
        routes
            .matches(
                "pub fn device_management_managed_devices_item_device_certificate_states_item("
            )
            .count(),
        1
    );
    assert!(!routes.contains("_item_2("));
    // The runtime is static and separate.
    let routing = file(&generated, "src/routing.rs");
    for needle in [
        "pub struct Route {",
        "pub fn encode_path(segment: &str) -> Cow<'_, str> {",
        "pub fn find_route(",
    ] {
        assert!(routing.contains(needle), "{needle}");
    }
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
    let options = Options {
        examples: common::hostile_examples(),
        ..Options::default()
    };
    let generated = generate(&common::hostile_model(), &options).unwrap();
    let cases = file(&generated, "tests/examples/cases.rs");
    for needle in [
        "fn unnamed() {",
        "fn unnamed_2() {",
        "not JSON: recursion limit exceeded",
        "not JSON: number out of range",
        "stream: the body's type `Stream` is a stream, not JSON",
        "no type: type `nowhere` is not in the model",
        "no type: not a request or response example",
        "check::<::std::vec::Vec<::graph_models::polymorphic::AnyCycleA>>(",
        "check::<::graph_models::odata::ODataValue<i64>>(",
        "\\u{202e}",
    ] {
        assert!(contains(cases, needle), "{needle}");
    }
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
        // The base cycle makes each type the other's base: both are polymorphic, and the
        // enums box their variants, so nothing else needs boxing.
        "pub b: ::std::option::Option<crate::polymorphic::AnyCycleB>,",
        "pub a: ::std::option::Option<crate::polymorphic::AnyCycleA>,",
        "pub b: ::std::option::Option<::std::boxed::Box<crate::models::LoopB>>,",
        "pub a: ::std::option::Option<::std::boxed::Box<crate::models::LoopA>>,",
        "pub many: ::std::option::Option<::std::vec::Vec<crate::models::LoopA>>,",
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
        ("match", "0.1.0"),
        ("self", "0.1.0"),
        ("a\"b", "0.1.0"),
        ("ok", "1"),
        ("ok", "1.0.0\""),
    ] {
        let options = Options {
            crate_name: name.to_owned(),
            crate_version: version.to_owned(),
            ..Options::default()
        };
        let error = generate(&Model::default(), &options).unwrap_err();
        assert!(
            matches!(error, CodegenError::InvalidOption { .. }),
            "{name} {version}"
        );
    }
}

#[test]
fn polymorphic_enums() {
    let generated = sample();
    let polymorphic = file(&generated, "src/polymorphic.rs");
    for needle in [
        "pub enum AnyKeyValuePair {",
        "KeyValuePair(::std::boxed::Box<crate::models::KeyValuePair>),",
        "KeyValuePairWithNote(::std::boxed::Box<crate::models::KeyValuePairWithNote>),",
        "Other(::serde_json::Value),",
        "::std::option::Option::None => { ::serde_json::from_value(value)",
        "::std::option::Option::Some(\"keyvaluepairwithnote\") =>",
        "::std::option::Option::Some(_) => { ::std::result::Result::Ok(Self::Other(value)) }",
        "impl ::std::convert::From<crate::models::KeyValuePairWithNote> for AnyKeyValuePair",
        "pub fn odata_type(&self) -> ::std::option::Option<&str>",
        // `entity` is a base too: of the certificate state.
        "pub enum AnyEntity {",
        "ManagedDeviceCertificateState(::std::boxed::Box<crate::models::ManagedDeviceCertificateState>),",
        "fn type_key(odata_type: &str) -> ::std::string::String {",
    ] {
        assert!(contains(polymorphic, needle), "{needle}");
    }
    // `Eq` exactly when every member is: the certificate state holds floats.
    let derive_of = |name: &str| {
        let at = polymorphic.find(&format!("pub enum {name} ")).unwrap();
        let start = polymorphic[..at].rfind("#[derive(").unwrap();
        let derives = &polymorphic[start..at];
        derives.contains("::std::cmp::Eq,") || derives.contains("::std::cmp::Eq)")
    };
    assert!(derive_of("AnyKeyValuePair"));
    assert!(!derive_of("AnyEntity"));
    let models = file(&generated, "src/models.rs");
    assert!(models.contains("[`crate::polymorphic::AnyKeyValuePair`]"));
    // No base types: the module is a doc comment only (no dead helper).
    let empty = generate(&Model::default(), &Options::default()).unwrap();
    assert!(!file(&empty, "src/polymorphic.rs").contains("fn "));
}

#[test]
fn example_tests() {
    let generated = sample();
    let root = file(&generated, "tests/examples.rs");
    assert!(root.contains("#[rustfmt::skip]\n#[path = \"examples/cases.rs\"]\nmod cases;"));
    let tests = file(&generated, "tests/examples/cases.rs");
    for needle in [
        "const TESTED: usize = 8usize;",
        "fn example_counts() {",
        "fn check<T>(json: &str)",
        // Collection page of the route's type; wrapped value of a function; plain entity.
        "fn sample_page_list_response() { check::<::graph_models::odata::ODataCollection<::graph_models::models::ManagedDeviceCertificateState>>(r##\"{",
        "fn sample_page_report_response() { check::<::graph_models::odata::ODataValue<::std::string::String>>(",
        "fn sample_page_get_response() { check::<::graph_models::models::ManagedDeviceCertificateState>(",
        "/// `api/sample-page.md:40`",
        "(\"sample_page_placeholder_request\", \"api/sample-page.md:40\", \"placeholder: `String (identifier)` at `/id`\")",
        "(\"sample_page_truncated\", \"api/sample-page.md:40\", \"truncated: the page marks the body as cut short\")",
        "(\"sample_page_null_item_response\", \"api/sample-page.md:40\", \"null: `/value/0` is null where no model type keeps a null\")",
        // A `null` member is compared as absent.
        "fn sample_page_null_response() { check::<::graph_models::models::ManagedDeviceCertificateState>(",
        "(\"sample_page_action_request\", \"api/sample-page.md:40\", \"no type: neither the body, its route nor its page gives a type\")",
        "(\"sample_page_stream_response\", \"api/sample-page.md:40\", \"stream: `/content` is an `Edm.Stream` property, which models leave out\")",
        // The page's declaration wins over the route's type.
        "fn sample_page_declared_request() { check::<::graph_models::models::KeyValuePairWithNote>(",
        // A type with a `value` property of its own; a wrapped value; a called function.
        "fn sample_page_pair_response() { check::<::graph_models::polymorphic::AnyKeyValuePair>(",
        "fn sample_page_wrapped_pair_response() { check::<::graph_models::odata::ODataValue<::graph_models::models::KeyValuePairWithNote>>(",
        "fn sample_page_summary_response() { check::<::graph_models::odata::ODataValue<::std::string::String>>(",
    ] {
        assert!(contains(tests, needle), "{needle}");
    }
    // The body is embedded as written.
    assert!(tests.contains(common::LIST_BODY));
    // Without examples: the tally alone, and no unused helpers.
    let empty = generate(&Model::default(), &Options::default()).unwrap();
    let empty = file(&empty, "tests/examples/cases.rs");
    assert!(contains(
        empty,
        "const SKIPPED: &[(&str, &str, &str)] = &[];"
    ));
    assert!(!empty.contains("fn check"));
}
