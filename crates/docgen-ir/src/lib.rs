//! The intermediate representation of one documentation page.
//!
//! A reader (markdown, text or HTML) turns one page into a [`Page`]; the model crate merges
//! pages. Every fact carries the 1-based line it was read from; the file is the page's
//! [`Page::source`]. Collections are `Vec`s in document order (the order a reader saw them);
//! maps are `BTreeMap`s so serialised output never depends on hashing.

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

pub mod diag;
pub mod path;
pub mod types;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use diag::{Diagnostic, Severity};
pub use path::{PathComponent, PathPart, PathTemplate, PathTemplateError};
pub use types::{Primitive, TypeRef};

/// A value together with the line it was read from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
}

impl<T> Located<T> {
    pub fn new(value: T, line: u32) -> Self {
        Self { value, line }
    }
}

/// The form a page came in, detected from its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Markdown,
    Text,
    Html,
}

/// What a page documents, from `doc_type` or, failing that, from its title and sections.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// One operation: HTTP request, request body, response, examples.
    Api,
    /// A resource (entity or complex type): properties, relationships, JSON representation.
    Resource,
    /// An enumeration: a member table.
    Enum,
    #[default]
    Unknown,
}

/// One page, read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The path the page was read from, with `/` separators, as given to the reader.
    pub source: String,
    pub format: Option<Format>,
    pub kind: PageKind,
    /// YAML front matter; scalars as text, anything else as compact YAML. Empty when absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub front_matter: BTreeMap<String, String>,
    pub title: Option<Located<String>>,
    pub namespace: Option<Located<String>>,
    /// The first paragraph of prose after the title that is not a note or boilerplate.
    pub description: Option<Located<String>>,
    /// The type a resource or enum page defines ("x resource type" -> `x`).
    pub subject: Option<Located<String>>,
    /// "Inherits from [x]" and the like.
    pub base: Option<Located<String>>,
    /// Rows of the Properties table of a resource page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<PropertyRow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberRow>,
    /// Enums a page defines in passing ("### signInAudience values" and its member table).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inline_enums: Vec<InlineEnum>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<MethodRow>,
    /// Method and path lines of the "HTTP request" section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub http: Vec<HttpLine>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_headers: Vec<HeaderRow>,
    pub request_body: Option<RequestBody>,
    pub response: Option<ResponseSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// A row of a property, relationship, request-body or parameter table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyRow {
    pub name: String,
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub description: Option<String>,
    /// The documented list of values ("Possible values are: ..."), if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// "Inherited from [x]" in the description.
    pub inherited_from: Option<String>,
    pub line: u32,
}

/// A row of an enum page's member table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRow {
    pub name: String,
    pub value: Option<i64>,
    pub description: Option<String>,
    pub line: u32,
}

/// An enum defined inside another type's page, under a heading such as "x values".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlineEnum {
    pub name: String,
    pub members: Vec<MemberRow>,
    pub line: u32,
}

/// A row of a resource page's Methods table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodRow {
    pub name: String,
    pub link: Option<String>,
    pub return_type: Option<TypeRef>,
    pub description: Option<String>,
    pub line: u32,
}

/// One line of an HTTP request block: a method and a path template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpLine {
    pub method: String,
    /// Normalised: host and version stripped, `//` collapsed, no trailing `/`.
    pub path: String,
    /// The line as written, when normalisation changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    pub line: u32,
}

/// A row of a permissions table (or an older page's "Prerequisites" scopes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// "Delegated (work or school account)", "Application", ...
    pub kind: String,
    /// Least privileged first when the table says so; empty when not supported.
    pub scopes: Vec<String>,
    /// False for "Not supported."
    pub supported: bool,
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderRow {
    pub name: String,
    pub value: String,
    pub line: u32,
}

/// Where a request body's type was learned from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeEvidence {
    /// A link or name in the section's prose.
    Prose,
    /// The `@odata.type` of an example body.
    ExampleODataType,
    /// An update's (`PATCH`/`PUT`) "Response" section: the page names the type it returns
    /// updated, and the body holds properties of that type.
    UpdatedResponse,
}

/// The "Request body" section.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// The type whose JSON representation the body is.
    pub type_name: Option<Located<String>>,
    pub evidence: Option<TypeEvidence>,
    /// A properties table (create/update pages): properties of `type_name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyRow>,
    /// A parameters table (actions): not properties of any type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<PropertyRow>,
    /// "Do not supply a request body", or no section content at all.
    pub empty: bool,
    /// The prose says the body holds parameters ("supply JSON representation of the
    /// parameters"), so its table goes to `parameters`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub parameters_prose: bool,
    pub line: u32,
}

/// What the "Response" section promises on success.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseSpec {
    pub status: Option<u16>,
    pub type_ref: Option<TypeRef>,
    pub line: u32,
}

/// `<!-- { "blockType": ..., ... } -->` before a code block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub block_type: Option<String>,
    pub name: Option<String>,
    pub odata_type: Option<String>,
    pub truncated: Option<bool>,
    pub is_collection: Option<bool>,
    /// Any other keys, as compact JSON.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub other: BTreeMap<String, String>,
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleRole {
    Request,
    Response,
    /// The JSON representation of a resource page.
    Resource,
}

/// A request or response example, or a resource page's JSON representation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    pub role: ExampleRole,
    pub annotation: Option<Annotation>,
    /// Request: method and URL as written.
    pub method: Option<String>,
    pub url: Option<String>,
    /// Response: the status line's code.
    pub status: Option<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<HeaderRow>,
    /// The JSON body as written (without the HTTP head).
    pub body: Option<String>,
    /// The body's line.
    pub body_line: Option<u32>,
    /// Declared truncated (annotation) or shown as such ("may be truncated").
    pub truncated: bool,
    pub line: u32,
}
