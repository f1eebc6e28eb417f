//! OData response envelopes: a collection page and a single wrapped value.
//!
//! Both keep the well-known annotations as fields and every other key in `extra`, so an
//! envelope re-serialises to what was received (key order aside).

/// A page of a collection: `{"@odata.context": ..., "@odata.nextLink": ..., "value": [...]}`.
///
/// Follow [`next_link`](Self::next_link) for the next page; a list of a polymorphic type is
/// a collection of its `Any...` enum from [`crate::polymorphic`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ODataCollection<T> {
    /// `@odata.context`: the metadata URL of the collection.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    /// `@odata.count`, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// `@odata.nextLink`: the URL of the next page, absent on the last one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// `@odata.deltaLink`: the URL to ask for changes since this response.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// The items of this page.
    #[serde(rename = "value")]
    pub value: Vec<T>,
    /// Any other key (other annotations), kept as received.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl<T> Default for ODataCollection<T> {
    fn default() -> Self {
        Self {
            context: None,
            count: None,
            next_link: None,
            delta_link: None,
            value: Vec::new(),
            extra: serde_json::Map::new(),
        }
    }
}

/// A single value wrapped as `{"@odata.context": ..., "value": ...}`: what a function or
/// action returning a primitive or complex value answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ODataValue<T> {
    /// `@odata.context`: the metadata URL of the value.
    #[serde(
        rename = "@odata.context",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub context: Option<String>,
    /// The value.
    #[serde(rename = "value")]
    pub value: T,
    /// Any other key (other annotations), kept as received.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
