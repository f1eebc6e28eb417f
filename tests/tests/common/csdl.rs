//! A small reader of OData CSDL metadata (the service's ground truth), for accuracy tests only:
//! the generator never reads metadata. `docgen check --metadata` has its own reader in
//! `docgen-check`; this one stays separate so the accuracy figures never rest on the code
//! under test.

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

#[derive(Clone, Debug)]
pub struct CsdlType {
    pub name: String,
    pub namespace: String,
    pub kind: Kind,
    /// Qualified, lower-case (`microsoft.graph.entity`).
    pub base: Option<String>,
    /// Structural properties: name, type (namespace stripped), collection.
    pub properties: Vec<(String, String, bool)>,
    /// Navigation properties, the same way.
    pub navigation: Vec<(String, String, bool)>,
    pub members: Vec<String>,
}

#[derive(Debug, Default)]
pub struct Csdl {
    /// By qualified lower-case name.
    pub types: BTreeMap<String, CsdlType>,
}

/// `Collection(graph.x)` to (`x`, true); `Edm.String` to (`String`, false).
pub fn split_type(text: &str) -> (String, bool) {
    let (inner, collection) = match text.strip_prefix("Collection(") {
        Some(rest) => (rest.trim_end_matches(')'), true),
        None => (text, false),
    };
    let bare = inner.rsplit('.').next().unwrap_or(inner);
    (bare.to_owned(), collection)
}

impl Csdl {
    pub fn parse(xml: &str) -> Csdl {
        let xml = xml.trim_start_matches('\u{feff}');
        let doc = roxmltree::Document::parse(xml).expect("the metadata is well-formed XML");
        let mut csdl = Csdl::default();
        for schema in doc.descendants().filter(|n| n.has_tag_name("Schema")) {
            let namespace = schema.attribute("Namespace").unwrap_or_default().to_owned();
            let alias = schema.attribute("Alias").map(str::to_owned);
            let qualify = |name: &str| -> String {
                let name = match &alias {
                    Some(a) => name
                        .strip_prefix(&format!("{a}."))
                        .map(|n| format!("{namespace}.{n}"))
                        .unwrap_or_else(|| name.to_owned()),
                    None => name.to_owned(),
                };
                let name = name
                    .strip_prefix("graph.")
                    .map_or(name.clone(), |n| format!("microsoft.graph.{n}"));
                name.to_ascii_lowercase()
            };
            for node in schema.children().filter(|n| n.is_element()) {
                let kind = match node.tag_name().name() {
                    "EntityType" => Kind::Entity,
                    "ComplexType" => Kind::Complex,
                    "EnumType" => Kind::Enum,
                    _ => continue,
                };
                let Some(name) = node.attribute("Name") else {
                    continue;
                };
                let mut t = CsdlType {
                    name: name.to_owned(),
                    namespace: namespace.clone(),
                    kind,
                    base: node.attribute("BaseType").map(&qualify),
                    properties: Vec::new(),
                    navigation: Vec::new(),
                    members: Vec::new(),
                };
                for child in node.children().filter(|n| n.is_element()) {
                    let Some(child_name) = child.attribute("Name") else {
                        continue;
                    };
                    match child.tag_name().name() {
                        "Property" => {
                            let (ty, collection) =
                                split_type(child.attribute("Type").unwrap_or_default());
                            t.properties.push((child_name.to_owned(), ty, collection));
                        }
                        "NavigationProperty" => {
                            let (ty, collection) =
                                split_type(child.attribute("Type").unwrap_or_default());
                            t.navigation.push((child_name.to_owned(), ty, collection));
                        }
                        "Member" => t.members.push(child_name.to_owned()),
                        _ => {}
                    }
                }
                csdl.types
                    .insert(format!("{namespace}.{name}").to_ascii_lowercase(), t);
            }
        }
        csdl
    }

    /// Structural (`navigation` false) or navigation properties of a type and its base chain
    /// (cycles cut), by lower-case name. Ancestors for which `include` is false contribute
    /// nothing (their own properties), though the walk goes on through them.
    pub fn chain_properties(
        &self,
        t: &CsdlType,
        navigation: bool,
        include: &dyn Fn(&CsdlType) -> bool,
    ) -> BTreeMap<String, (String, bool)> {
        let mut out = BTreeMap::new();
        let mut current = Some(t);
        let mut seen = 0;
        while let Some(ancestor) = current {
            if seen == 0 || include(ancestor) {
                let list = if navigation {
                    &ancestor.navigation
                } else {
                    &ancestor.properties
                };
                for (name, ty, collection) in list {
                    out.entry(name.to_ascii_lowercase())
                        .or_insert_with(|| (ty.to_ascii_lowercase(), *collection));
                }
            }
            seen += 1;
            current = ancestor
                .base
                .as_ref()
                .and_then(|b| self.types.get(b))
                .filter(|_| seen < 64);
        }
        out
    }
}
