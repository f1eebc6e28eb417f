//! What an example's JSON object should look like: the property names a type documents,
//! through its base chain, resolved against the merged model.

use std::collections::BTreeMap;

use docgen_ir::{Page, Primitive, PropertyRow};
use docgen_model::{Model, TypeDef, TypeKind};

/// One documented name an object may carry.
#[derive(Clone, Debug)]
pub struct Field {
    pub name: String,
    /// The documented type name (a model type, a primitive or unknown).
    pub type_name: String,
    /// A property (expected in a full representation) rather than a relationship or a
    /// parameter (present only when expanded or supplied).
    pub expected: bool,
    /// Set by the service, so a request need not carry it: described as read-only, or one
    /// of [`SERVER_SET`].
    pub server_set: bool,
}

/// Properties the service sets on every Graph type that has them — the key and the audit
/// timestamps — which create requests leave out though the docs seldom say "read-only" (in the
/// Intune pages these were three quarters of the `example-property-missing` notes).
pub const SERVER_SET: [&str; 4] = [
    "id",
    "createdDateTime",
    "lastModifiedDateTime",
    "modifiedDateTime",
];

fn server_set(name: &str, description: Option<&str>) -> bool {
    let read_only = description.is_some_and(|d| {
        let d = d.to_ascii_lowercase();
        d.contains("read-only") || d.contains("readonly") || d.contains("read only")
    });
    read_only || SERVER_SET.contains(&name)
}

/// The documented names of one type (or an action's parameters).
#[derive(Clone, Debug)]
pub struct Shape {
    /// How messages name it: "`managedDeviceCertificateState`" or "the parameters table".
    pub label: String,
    pub fields: Vec<Field>,
    /// False when the base chain reaches a type the docs do not define: names it would add are
    /// unknown, so an unlisted key cannot be called undocumented.
    pub complete: bool,
}

impl Shape {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The documented names of a request body table that names no type: an action's
    /// parameters (some pages head the table "Property", so the reader files it as
    /// properties). Parameters may be optional: none is expected.
    pub fn parameters(rows: &[PropertyRow]) -> Shape {
        Shape {
            label: "the request body table".to_owned(),
            fields: rows
                .iter()
                .map(|r| Field {
                    name: r.name.clone(),
                    type_name: r.type_ref.name.clone(),
                    expected: false,
                    server_set: false,
                })
                .collect(),
            complete: true,
        }
    }
}

/// The model's types by lower-cased name, and each page's route resource.
pub struct TypeIndex<'m> {
    types: BTreeMap<String, &'m TypeDef>,
    resources: BTreeMap<&'m str, &'m str>,
}

/// Bases deeper than this are a cycle (the docs can say anything).
const MAX_CHAIN: usize = 64;

impl<'m> TypeIndex<'m> {
    pub fn new(model: &'m Model) -> Self {
        let types = model
            .types
            .iter()
            .map(|t| (t.name.to_ascii_lowercase(), t))
            .collect();
        let mut resources = BTreeMap::new();
        for route in &model.routes {
            let file = route
                .source
                .rsplit_once(':')
                .map_or(route.source.as_str(), |(f, _)| f);
            // Actions and functions take and return other things than their resource.
            let plain = matches!(
                route.operation.as_str(),
                "get" | "list" | "create" | "update" | "replace"
            );
            if let (Some(resource), true) = (&route.resource, plain) {
                resources.entry(file).or_insert(resource.as_str());
            }
        }
        Self { types, resources }
    }

    pub fn get(&self, name: &str) -> Option<&'m TypeDef> {
        self.types.get(&name.to_ascii_lowercase()).copied()
    }

    /// The resource of the first plain (not action or function) route a page documents.
    pub fn page_resource(&self, page: &Page) -> Option<&'m str> {
        self.resources.get(page.source.as_str()).copied()
    }

    /// The shape of an entity or complex type; `None` for enums, primitives and names the
    /// model does not define.
    pub fn shape(&self, name: &str) -> Option<Shape> {
        let def = self.get(name)?;
        if def.kind == TypeKind::Enum {
            return None;
        }
        let mut shape = Shape {
            label: format!("`{}`", def.name),
            fields: Vec::new(),
            complete: true,
        };
        let mut current = Some(def);
        let mut depth = 0;
        while let Some(t) = current {
            let documented = t.properties.iter().map(|p| (p, true));
            let related = t.relationships.iter().map(|p| (p, false));
            for (p, expected) in documented.chain(related) {
                if shape.field(&p.name).is_none() {
                    shape.fields.push(Field {
                        name: p.name.clone(),
                        type_name: p.type_name.clone(),
                        expected,
                        server_set: server_set(&p.name, p.description.as_deref()),
                    });
                }
            }
            depth += 1;
            current = match &t.base {
                None => None,
                Some(_) if depth >= MAX_CHAIN => None,
                Some(base) => match self.get(base) {
                    Some(found) => Some(found),
                    // `entity` is the root every keyed type derives from and carries only the
                    // key; a doc set without its page still knows what it adds.
                    None if base.eq_ignore_ascii_case("entity") => {
                        if shape.field("id").is_none() {
                            shape.fields.push(Field {
                                name: "id".to_owned(),
                                type_name: Primitive::String.name().to_owned(),
                                expected: true,
                                server_set: true,
                            });
                        }
                        None
                    }
                    None => {
                        shape.complete = false;
                        None
                    }
                },
            };
        }
        Some(shape)
    }
}

/// A type name as `@odata.type` writes it (`#microsoft.graph.x`, `microsoft.graph.x`) without
/// the namespace.
pub fn odata_type_name(text: &str) -> Option<&str> {
    let bare = text.trim().trim_start_matches('#');
    let name = bare.rsplit('.').next().unwrap_or(bare);
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use docgen_model::{Origin, Property};

    fn def(name: &str, base: Option<&str>, props: &[&str]) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            namespace: None,
            kind: TypeKind::Complex,
            base: base.map(str::to_owned),
            properties: props
                .iter()
                .map(|p| Property {
                    name: (*p).to_owned(),
                    type_name: "String".to_owned(),
                    collection: false,
                    values: None,
                    description: None,
                    source: "p.md:1".to_owned(),
                })
                .collect(),
            relationships: Vec::new(),
            members: Vec::new(),
            description: None,
            origin: Origin::Page,
            sources: vec!["p.md:1".to_owned()],
        }
    }

    #[test]
    fn chains_through_bases_and_knows_entity() {
        let model = Model {
            types: vec![
                def("derived", Some("Base"), &["b"]),
                def("base", Some("entity"), &["a"]),
                def("orphan", Some("elsewhere"), &["c"]),
                def("looped", Some("looped"), &["d"]),
            ],
            routes: Vec::new(),
        };
        let index = TypeIndex::new(&model);
        let shape = index.shape("Derived").unwrap();
        let names: Vec<&str> = shape.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["b", "a", "id"]);
        assert!(shape.complete);
        assert!(!index.shape("orphan").unwrap().complete);
        assert_eq!(index.shape("looped").unwrap().fields.len(), 1);
        assert!(index.shape("missing").is_none());
    }

    #[test]
    fn odata_type_names() {
        assert_eq!(odata_type_name("#microsoft.graph.x"), Some("x"));
        assert_eq!(odata_type_name("microsoft.graph.callRecords.y"), Some("y"));
        assert_eq!(odata_type_name("#"), None);
    }
}
