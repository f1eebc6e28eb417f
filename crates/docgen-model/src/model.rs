//! The merged API model: the JSON contract `docgen model` prints and the code generator reads.
//!
//! Field names here are a contract read by tools outside the project: fields may be added,
//! never renamed. Types are sorted by name, properties keep their documented order, routes are
//! sorted by path then method, so the output never depends on the order pages were read.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub types: Vec<TypeDef>,
    pub routes: Vec<Route>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TypeKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// As in the docs, no namespace (`managedDeviceCertificateState`).
    pub name: String,
    /// From the page's "Namespace:" line; `null` when no page of the type says.
    pub namespace: Option<String>,
    pub kind: TypeKind,
    pub base: Option<String>,
    #[serde(default)]
    pub properties: Vec<Property>,
    #[serde(default)]
    pub relationships: Vec<Property>,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How the type came to be: `page` (a resource or enum page), `request_body` (an API page's
    /// table), `values_list` (an enum known only from "Possible values" prose), `synthesised`
    /// (an `Enumeration`-typed property's values), `parameters` (an action's parameters table,
    /// named `{binding}{Action}Parameters`).
    pub origin: Origin,
    /// Every place the type was documented, as `file:line`, in precedence order.
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Page,
    RequestBody,
    ValuesList,
    Synthesised,
    /// An action's parameters table: the request body of its routes (see `Route::request_type`).
    Parameters,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Property {
    pub name: String,
    /// A primitive's EDM name without `Edm.` (`String`, `Int32`, `DateTimeOffset`...) or a
    /// type name from `types`.
    #[serde(rename = "type")]
    pub type_name: String,
    pub collection: bool,
    /// The documented list of values, when the property's type is `String` and the docs list
    /// its values (for enum-typed properties the enum's members say it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The winning documentation of the property, as `file:line`.
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    /// The documented numeric value; `null` when the docs give none.
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeUse {
    pub name: String,
    pub collection: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// Delegated (work or school account), least privileged first.
    #[serde(default)]
    pub delegated_work: Vec<String>,
    /// Delegated (personal Microsoft account).
    #[serde(default)]
    pub delegated_personal: Vec<String>,
    #[serde(default)]
    pub application: Vec<String>,
    /// Older pages list scopes without saying which kind ("Prerequisites").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unspecified: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// Upper-case HTTP method.
    pub method: String,
    /// Normalised template: no host or version, no `//`, no trailing `/`.
    pub path: String,
    /// `list`, `get`, `create`, `update`, `replace`, `delete`, `create_ref`, `delete_ref`,
    /// `get_ref`, `action` or `function`.
    pub operation: String,
    /// The type the operation acts on (its request or response body type).
    pub resource: Option<String>,
    /// Path parameters in order.
    #[serde(default)]
    pub params: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<TypeUse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<TypeUse>,
    /// Success status code from the Response section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default)]
    pub permissions: Permissions,
    /// The page line that documents the route, as `file:line`.
    pub source: String,
}
