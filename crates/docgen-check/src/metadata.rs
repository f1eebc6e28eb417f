//! Where the docs and the service's metadata disagree (`--metadata FILE.csdl.xml`).
//!
//! Only types the docs define are compared (a doc set is usually a slice of the service);
//! synthesised enums are skipped, their names being the generator's invention.
//!
//! - `metadata-type-extra`: the docs define a type the metadata lacks;
//! - `metadata-property-missing`: a property the metadata declares on the type itself that the
//!   docs do not give anywhere in its base chain (inherited ones are reported on the ancestor's
//!   own page when the docs define it, so each gap is reported once); navigation properties are
//!   not required — the docs often leave relationships out;
//! - `metadata-property-extra`: a documented property or relationship that neither the type nor
//!   any ancestor declares;
//! - `metadata-property-type`: a documented type or collection flag that differs;
//! - `metadata-member-missing` / `metadata-member-extra`: enum members.
//!
//! Findings about something the docs say sit on the documenting line; findings about something
//! they lack sit on the type's first source line.

use std::collections::BTreeMap;

use docgen_ir::Diagnostic;
use docgen_model::{Model, Origin, Property, TypeDef, TypeKind};

use crate::csdl::{Kind, Metadata};
use crate::source::{find_word, Sources};
use crate::types::split_source;

/// Bases deeper than this are a cycle.
const MAX_CHAIN: usize = 64;

pub fn compare(meta: &Metadata, model: &Model, sources: &Sources) -> Vec<Diagnostic> {
    let by_name: BTreeMap<String, &TypeDef> = model
        .types
        .iter()
        .map(|t| (t.name.to_ascii_lowercase(), t))
        .collect();
    let mut out = Vec::new();
    for def in &model.types {
        // Types docgen made up have no counterpart in the metadata.
        if matches!(def.origin, Origin::Synthesised | Origin::Parameters) {
            continue;
        }
        let at_type = |code: &str, message: String| {
            let source = def.sources.first().map_or("", String::as_str);
            locate(code, source, &def.name, message, sources)
        };
        let Some(truth) = meta.find(def.namespace.as_deref(), &def.name) else {
            out.push(at_type(
                "metadata-type-extra",
                format!(
                    "`{}` is documented but the metadata has no such type",
                    def.name
                ),
            ));
            continue;
        };
        if def.kind == TypeKind::Enum || truth.kind == Kind::Enum {
            if def.kind == TypeKind::Enum && truth.kind == Kind::Enum {
                for member in &truth.members {
                    if !def.members.iter().any(|m| &m.name == member) {
                        out.push(at_type(
                            "metadata-member-missing",
                            format!(
                                "`{}.{member}` is in the metadata but not in the docs",
                                def.name
                            ),
                        ));
                    }
                }
                for member in &def.members {
                    if !truth.members.contains(&member.name) {
                        out.push(locate(
                            "metadata-member-extra",
                            &member.source,
                            &member.name,
                            format!(
                                "`{}.{}` is documented but not in the metadata",
                                def.name, member.name
                            ),
                            sources,
                        ));
                    }
                }
            }
            continue;
        }
        let documented = doc_chain(&by_name, def);
        for p in &truth.properties {
            if !documented.contains_key(&p.name.to_ascii_lowercase()) {
                out.push(at_type(
                    "metadata-property-missing",
                    format!(
                        "`{}.{}` ({}) is in the metadata but not in the docs",
                        def.name,
                        p.name,
                        shown(&p.type_name, p.collection)
                    ),
                ));
            }
        }
        let declared = meta.chain(truth);
        for p in def.properties.iter().chain(&def.relationships) {
            let Some(theirs) = declared.get(&p.name.to_ascii_lowercase()) else {
                out.push(locate(
                    "metadata-property-extra",
                    &p.source,
                    &p.name,
                    format!(
                        "`{}.{}` is documented but the metadata does not declare it",
                        def.name, p.name
                    ),
                    sources,
                ));
                continue;
            };
            if !p.type_name.eq_ignore_ascii_case(&theirs.type_name)
                || p.collection != theirs.collection
            {
                out.push(locate(
                    "metadata-property-type",
                    &p.source,
                    &p.name,
                    format!(
                        "`{}.{}` is documented as `{}` but the metadata says `{}`",
                        def.name,
                        p.name,
                        shown(&p.type_name, p.collection),
                        shown(&theirs.type_name, theirs.collection)
                    ),
                    sources,
                ));
            }
        }
    }
    out
}

/// The documented properties and relationships of `def` and its documented ancestors.
fn doc_chain<'m>(
    by_name: &BTreeMap<String, &'m TypeDef>,
    def: &'m TypeDef,
) -> BTreeMap<String, &'m Property> {
    let mut out = BTreeMap::new();
    let mut current = Some(def);
    let mut depth = 0;
    while let Some(t) = current {
        for p in t.properties.iter().chain(&t.relationships) {
            out.entry(p.name.to_ascii_lowercase()).or_insert(p);
        }
        depth += 1;
        current = t
            .base
            .as_ref()
            .and_then(|b| by_name.get(&b.to_ascii_lowercase()).copied())
            .filter(|_| depth < MAX_CHAIN);
    }
    out
}

fn shown(name: &str, collection: bool) -> String {
    if collection {
        format!("Collection({name})")
    } else {
        name.to_owned()
    }
}

/// A warning at `source` (`file:line`), with the column of `word` on that line when found.
fn locate(code: &str, source: &str, word: &str, message: String, sources: &Sources) -> Diagnostic {
    let (file, line) = split_source(source);
    let mut d = Diagnostic::warning(code, file, line, message);
    d.column = sources
        .line(file, line)
        .and_then(|text| find_word(&text, word));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
<Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">
  <EntityType Name="entity"><Property Name="id" Type="Edm.String"/></EntityType>
  <EntityType Name="widget" BaseType="graph.entity">
    <Property Name="size" Type="Edm.Int64"/>
    <Property Name="color" Type="graph.color"/>
    <Property Name="weight" Type="Edm.Double"/>
    <NavigationProperty Name="parts" Type="Collection(graph.entity)"/>
  </EntityType>
  <EnumType Name="color"><Member Name="red"/><Member Name="blue"/></EnumType>
</Schema></edmx:DataServices></edmx:Edmx>"#;

    const PAGE: &str = "\
---
doc_type: resourcePageType
---
# widget resource type

Namespace: microsoft.graph

Inherits from [entity](entity.md).

## Properties
|Property|Type|Description|
|:---|:---|:---|
|id|String|Key.|
|size|Int32|Size.|
|color|[color](c.md)|Color. Possible values are: `red`, `green`.|
|shade|String|Not in the metadata.|
";

    #[test]
    fn reports_every_kind_of_disagreement() {
        let meta = Metadata::parse(XML).unwrap();
        let pages = [docgen_read::read_page("w.md", PAGE.as_bytes())];
        let model = docgen_model::merge(&pages).model;
        let sources = Sources::default();
        sources.insert("w.md", PAGE);
        let found: Vec<String> = compare(&meta, &model, &sources)
            .iter()
            .map(|d| format!("{}:{}:{:?} {}", d.line, d.code, d.column, d.message))
            .collect();
        let want = [
            "4:metadata-property-missing:Some(3) `widget.weight` (Double) is in the metadata but not in the docs",
            "14:metadata-property-type:Some(2) `widget.size` is documented as `Int32` but the metadata says `Int64`",
            "16:metadata-property-extra:Some(2) `widget.shade` is documented but the metadata does not declare it",
            "15:metadata-member-missing:Some(2) `color.blue` is in the metadata but not in the docs",
            "15:metadata-member-extra:Some(58) `color.green` is documented but not in the metadata",
        ];
        for w in want {
            assert!(found.iter().any(|f| f == w), "missing {w:?} in {found:#?}");
        }
        assert_eq!(found.len(), want.len(), "{found:#?}");
    }
}
