//! Semantic drift between two models: what changed between two doc sets, and what the change
//! does to users of the generated crate.
//!
//! [`diff`] compares models (never text) and classifies each change by Rust's semver rules for
//! the generated code. Generated structs and enums are `#[non_exhaustive]` and enums keep
//! unknown values in `Other(String)`, so adding a type, a property, an enum member or a route
//! is additive; removing or retyping anything a user can name is breaking. [`markdown`] renders
//! a pull-request comment; the [`Report`] serialises to the JSON contract.

// Pages are untrusted input: nothing a page can reach may panic on `unwrap`, `expect`, an
// index or a string slice (`unwrap`/`expect` are allowed in tests by clippy.toml). Where an
// index stays, an `#[allow(clippy::indexing_slicing)]` with a `reason:` comment says why it
// is in bounds.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::string_slice
)]
// Tests index freely: a panic there is a failing test. The crate built without `cfg(test)`
// (what `clippy --all-targets` checks besides) keeps the denial.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::string_slice))]

mod compare;
mod render;

use serde::{Deserialize, Serialize};

pub use compare::diff;
pub use render::markdown;

/// What changed. Serialised in snake_case (`property_removed`); names are a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    TypeAdded,
    TypeRemoved,
    TypeKindChanged,
    BaseChanged,
    PropertyAdded,
    PropertyRemoved,
    PropertyRetyped,
    PropertyMadeCollection,
    PropertyMadeSingle,
    RelationshipAdded,
    RelationshipRemoved,
    RelationshipRetyped,
    MemberAdded,
    MemberRemoved,
    MemberRenumbered,
    RouteAdded,
    RouteRemoved,
    RouteRequestChanged,
    RouteResponseChanged,
    RouteStatusChanged,
    RoutePermissionsChanged,
    RouteOperationChanged,
}

/// One change. `type_name` is the type it belongs to (`null` for routes); `name` the property,
/// member, or `METHOD /path` for a route.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Change {
    pub change: ChangeKind,
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub name: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub breaking: bool,
    pub old_source: Option<String>,
    pub new_source: Option<String>,
    /// "maybe renamed from/to `x`" for a removed and an added property that look alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub breaking: usize,
    pub additive: usize,
}

/// The drift report: changes sorted breaking first, then by type, kind and name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub changes: Vec<Change>,
    pub summary: Summary,
}

impl Report {
    pub fn has_breaking(&self) -> bool {
        self.summary.breaking > 0
    }
}
