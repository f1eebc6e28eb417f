//! Cargo features per area: the manifest's feature graph, and what the generated code puts
//! behind which feature, for a model of three areas with references both ways (the compile
//! test builds it with each configuration). A model of one area gets no features at all.

mod common;

use common::{contains, file};
use docgen_codegen::{generate, GeneratedCrate, Options};

fn areas_crate() -> GeneratedCrate {
    let options = Options {
        examples: common::areas::areas_examples(),
        ..Options::default()
    };
    generate(&common::areas::areas_model(), &options).unwrap()
}

#[test]
fn features_and_their_dependencies() {
    let generated = areas_crate();
    let manifest = file(&generated, "Cargo.toml");
    let features = &manifest[manifest.find("[features]").unwrap()..];
    for line in [
        "default = [\n    \"deviceconfig\",\n    \"rbac\",\n    \"shared\",\n]\n",
        "# 5 type(s), 1 route(s); with the 1 area(s) it enables: 11 type(s), 5 route(s)\n\
         deviceconfig = [\"shared\"]\n",
        "# 2 type(s), 1 route(s); with the 1 area(s) it enables: 8 type(s), 5 route(s)\n\
         rbac = [\"shared\"]\n",
        "# 6 type(s), 4 route(s)\nshared = []\n",
    ] {
        assert!(features.contains(line), "{line}\n{features}");
    }
    // `shared` refers to `deviceconfig` (a property) and `rbac` (a route's type) once each,
    // and both refer to `shared` more: the light side of each cycle is cut, and said so.
    let cuts: Vec<&str> = generated
        .diagnostics
        .iter()
        .filter(|d| d.code == "area-reference-gated")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(cuts.len(), 2, "{cuts:?}");
    assert!(cuts[0].starts_with("area `shared` refers to types of area `rbac` 1 time(s)"));
    assert!(cuts[1].starts_with("area `shared` refers to types of area `deviceconfig` 1"));
    assert!(contains(
        file(&generated, "src/lib.rs"),
        "//! Each area of the docs is a Cargo feature"
    ));
}

#[test]
fn items_fields_and_variants_are_gated() {
    let generated = areas_crate();
    let models = file(&generated, "src/models.rs");
    for needle in [
        "#[cfg(feature = \"shared\")] #[derive(",
        "pub struct DeviceConfiguration {",
        // The cut property and the relationship are behind their target's feature.
        "/// Only with the `deviceconfig` feature, its type's area. \
         #[cfg(feature = \"deviceconfig\")] #[serde(rename = \"osRule\"",
        "#[cfg(feature = \"deviceconfig\")] #[serde(rename = \"assignments\"",
        "#[cfg(feature = \"rbac\")] #[serde(rename = \"roleDefinitions\"",
        "/// Needs the `deviceconfig` feature. #[cfg(feature = \"deviceconfig\")] #[derive(",
    ] {
        assert!(contains(models, needle), "{needle}");
    }
    // A reference the area's feature enables is not gated again.
    assert!(!contains(
        models,
        "#[cfg(feature = \"shared\")] #[serde(rename = \"target\""
    ));
    assert!(contains(models, "#[serde(rename = \"target\""));

    let poly = file(&generated, "src/polymorphic.rs");
    for needle in [
        "#[cfg(feature = \"shared\")] fn type_key(",
        "/// Only with the `rbac` feature. #[cfg(feature = \"rbac\")] \
         ScopeTagTarget(::std::boxed::Box<crate::models::ScopeTagTarget>)",
        "#[cfg(feature = \"rbac\")] Self::ScopeTagTarget(value) => value.odata_type.as_deref(),",
        "#[cfg(feature = \"rbac\")] ::std::option::Option::Some(\"scopetagtarget\") =>",
        "#[cfg(feature = \"rbac\")] impl ::std::convert::From<crate::models::ScopeTagTarget> \
         for AnyAssignmentTarget",
        "#[cfg(feature = \"shared\")] impl ::std::convert::From<crate::models::GroupAssignmentTarget>",
    ] {
        assert!(contains(poly, needle), "{needle}");
    }
    let enums = file(&generated, "src/enums.rs");
    assert_eq!(enums.matches("#[cfg(feature = \"shared\")]").count(), 7);
}

#[test]
fn routes_builders_and_tests_are_gated() {
    let generated = areas_crate();
    let routes = file(&generated, "src/routes.rs");
    for needle in [
        "#[cfg(feature = \"deviceconfig\")] Route { method: ::http::Method::GET, \
         template: \"/deviceManagement/deviceConfigurations/{id}\"",
        // A `shared` route answering with an `rbac` type needs `rbac`, which needs `shared`.
        "#[cfg(feature = \"rbac\")] Route { method: ::http::Method::GET, \
         template: \"/deviceManagement/getRoleDefinition\"",
        // One path documented in `deviceconfig` and `shared`: `any` of them is `shared`.
        "#[cfg(feature = \"shared\")] pub fn device_management_device_configurations_item(",
        "#[cfg(feature = \"rbac\")] pub fn device_management_get_role_definition(",
    ] {
        assert!(contains(routes, needle), "{needle}");
    }

    let cases = file(&generated, "tests/examples/cases.rs");
    for needle in [
        "const TESTED: usize = 1 + cfg!(all(feature = \"deviceconfig\", feature = \"rbac\")) \
         as usize + cfg!(feature = \"deviceconfig\") as usize + cfg!(feature = \"rbac\") as usize \
         + cfg!(feature = \"shared\") as usize;",
        "const TESTS: usize = 5;",
        "#[cfg(feature = \"shared\")] #[test] fn intune_shared_devicemanagement_get_example1_response()",
        // The body's `osRule` and `omaSettings` are `deviceconfig` types, as is the type.
        "#[cfg(feature = \"deviceconfig\")] #[test] \
         fn intune_deviceconfig_androidcustomconfiguration_get_example1_response()",
        // Its `target` is an `rbac` derived type.
        "#[cfg(all(feature = \"deviceconfig\", feature = \"rbac\"))] #[test] \
         fn intune_deviceconfig_assignment_get_example1_response()",
        // A primitive needs no area.
        "`api/intune-shared-devicemanagement-getcount.md:40` #[test] \
         fn intune_shared_devicemanagement_getcount_example1_response()",
        // One test needs no feature, so neither do the helpers.
        "`null` members as absent), naming the first difference. fn check<T>(json: &str)",
    ] {
        assert!(contains(cases, needle), "{needle}");
    }
}

#[test]
fn one_area_means_no_features() {
    let options = Options {
        examples: common::sample_examples(),
        ..Options::default()
    };
    let generated = generate(&common::sample_model(), &options).unwrap();
    for (path, content) in &generated.files {
        assert!(!content.contains("[features]"), "{path}");
        assert!(!content.contains("feature ="), "{path}");
        assert!(!content.contains("Needs the"), "{path}");
    }
    assert!(generated
        .diagnostics
        .iter()
        .all(|d| d.code != "area-reference-gated"));
}
