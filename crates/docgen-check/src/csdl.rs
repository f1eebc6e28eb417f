//! A small reader of OData CSDL metadata (`$metadata`): entity, complex and enum types with
//! their base, properties, navigation properties and members.
//!
//! Adapted from the accuracy tests' reader (`tests/tests/common/csdl.rs`): schema aliases and
//! the `graph.` shorthand resolve to `microsoft.graph`, `Collection(x)` is a flag, and type
//! names lose their namespace (the docs name types without one).

use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Entity,
    Complex,
    Enum,
}

/// A property as the metadata declares it: type name without namespace, collection flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsdlProperty {
    pub name: String,
    pub type_name: String,
    pub collection: bool,
}

#[derive(Clone, Debug)]
pub struct CsdlType {
    pub name: String,
    pub namespace: String,
    pub kind: Kind,
    /// Qualified, lower-case (`microsoft.graph.entity`).
    pub base: Option<String>,
    pub properties: Vec<CsdlProperty>,
    pub navigation: Vec<CsdlProperty>,
    pub members: Vec<String>,
}

/// The metadata's types, by qualified lower-case name.
#[derive(Debug, Default)]
pub struct Metadata {
    pub types: BTreeMap<String, CsdlType>,
}

/// Bases deeper than this are a cycle.
const MAX_CHAIN: usize = 64;

/// `Collection(graph.x)` to (`x`, true); `Edm.String` to (`String`, false).
pub fn split_type(text: &str) -> (String, bool) {
    let (inner, collection) = match text.trim().strip_prefix("Collection(") {
        Some(rest) => (rest.trim_end_matches(')'), true),
        None => (text.trim(), false),
    };
    let bare = inner.rsplit('.').next().unwrap_or(inner);
    (bare.to_owned(), collection)
}

impl Metadata {
    /// Parses CSDL XML. `Err` with the XML error when it is not well-formed.
    pub fn parse(xml: &str) -> Result<Metadata, String> {
        let xml = xml.trim_start_matches('\u{feff}');
        let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
        let mut out = Metadata::default();
        for schema in doc.descendants().filter(|n| n.has_tag_name("Schema")) {
            let namespace = schema.attribute("Namespace").unwrap_or_default().to_owned();
            let alias = schema.attribute("Alias");
            let qualify = |name: &str| -> String {
                let name = alias
                    .and_then(|a| name.strip_prefix(a)?.strip_prefix('.'))
                    .map_or_else(|| name.to_owned(), |n| format!("{namespace}.{n}"));
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
                    base: node.attribute("BaseType").map(qualify),
                    properties: Vec::new(),
                    navigation: Vec::new(),
                    members: Vec::new(),
                };
                for child in node.children().filter(|n| n.is_element()) {
                    let Some(child_name) = child.attribute("Name") else {
                        continue;
                    };
                    let property = || {
                        let (type_name, collection) =
                            split_type(child.attribute("Type").unwrap_or_default());
                        CsdlProperty {
                            name: child_name.to_owned(),
                            type_name,
                            collection,
                        }
                    };
                    match child.tag_name().name() {
                        "Property" => t.properties.push(property()),
                        "NavigationProperty" => t.navigation.push(property()),
                        "Member" => t.members.push(child_name.to_owned()),
                        _ => {}
                    }
                }
                out.types
                    .insert(format!("{namespace}.{name}").to_ascii_lowercase(), t);
            }
        }
        Ok(out)
    }

    /// The metadata type a doc type names: in its namespace, else `microsoft.graph`, else the
    /// only type of that name in any namespace.
    pub fn find(&self, namespace: Option<&str>, name: &str) -> Option<&CsdlType> {
        let name = name.to_ascii_lowercase();
        let qualified = |ns: &str| format!("{}.{name}", ns.to_ascii_lowercase());
        if let Some(found) = namespace.and_then(|ns| self.types.get(&qualified(ns))) {
            return Some(found);
        }
        if let Some(found) = self.types.get(&qualified("microsoft.graph")) {
            return Some(found);
        }
        let mut same_name = self
            .types
            .values()
            .filter(|t| t.name.eq_ignore_ascii_case(&name));
        match (same_name.next(), same_name.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// Properties and navigation properties of `t` and its ancestors, by lower-case name.
    pub fn chain<'a>(&'a self, t: &'a CsdlType) -> BTreeMap<String, &'a CsdlProperty> {
        let mut out = BTreeMap::new();
        let mut current = Some(t);
        let mut depth = 0;
        while let Some(ancestor) = current {
            for p in ancestor.properties.iter().chain(&ancestor.navigation) {
                out.entry(p.name.to_ascii_lowercase()).or_insert(p);
            }
            depth += 1;
            current = ancestor
                .base
                .as_ref()
                .and_then(|b| self.types.get(b))
                .filter(|_| depth < MAX_CHAIN);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version="1.0"?>
<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
  <edmx:DataServices>
    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
      <EntityType Name="entity"><Property Name="id" Type="Edm.String"/></EntityType>
      <EntityType Name="thing" BaseType="graph.entity">
        <Property Name="tags" Type="Collection(Edm.String)"/>
        <NavigationProperty Name="owner" Type="microsoft.graph.entity"/>
      </EntityType>
      <EnumType Name="color"><Member Name="red" Value="0"/></EnumType>
    </Schema>
  </edmx:DataServices>
</edmx:Edmx>"#;

    #[test]
    fn reads_types_chains_and_aliases() {
        let meta = Metadata::parse(XML).unwrap();
        let thing = meta.find(None, "Thing").unwrap();
        assert_eq!(thing.base.as_deref(), Some("microsoft.graph.entity"));
        let chain = meta.chain(thing);
        assert_eq!(
            chain.keys().map(String::as_str).collect::<Vec<_>>(),
            ["id", "owner", "tags"]
        );
        assert!(chain["tags"].collection);
        assert_eq!(
            meta.find(Some("other.ns"), "color").unwrap().members,
            ["red"]
        );
        assert!(meta.find(None, "missing").is_none());
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(Metadata::parse("<Schema").is_err());
        assert!(Metadata::parse("").is_err());
    }
}
