//! The type table: each model type's Rust name, and what a property's type name means.
//!
//! Struct and enum names share one [`Scope`] so two doc names that sanitise alike
//! (`iosDevice`, `IOSDevice`) get distinct, order-determined Rust names wherever they are
//! referenced from.

use std::collections::BTreeMap;

use docgen_ir::{Diagnostic, Primitive};
use docgen_model::{Model, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

use crate::naming::{sanitize, Case, RustName, Scope};
use crate::text::location;

/// One model type and its Rust name.
pub(crate) struct TypeInfo<'m> {
    pub def: &'m TypeDef,
    pub name: RustName,
}

/// What a documented type name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolved {
    Primitive(Primitive),
    /// An entity or complex type: an index into [`TypeTable::types`].
    Struct(usize),
    /// An enum type: an index into [`TypeTable::types`].
    Enum(usize),
    /// A name the model does not define.
    Unresolved,
}

pub(crate) struct TypeTable<'m> {
    /// The model's types in model order, first definition of each name only.
    pub types: Vec<TypeInfo<'m>>,
    exact: BTreeMap<&'m str, usize>,
    /// Lower-cased name -> the one type with that name, or `None` when several have it.
    folded: BTreeMap<String, Option<usize>>,
    /// The type names given so far; names made later (polymorphic enums) steer around them.
    scope: Scope,
}

impl<'m> TypeTable<'m> {
    pub fn new(model: &'m Model, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let mut table = TypeTable {
            types: Vec::new(),
            exact: BTreeMap::new(),
            folded: BTreeMap::new(),
            scope: Scope::new(),
        };
        for def in &model.types {
            if let Some(&first) = table.exact.get(def.name.as_str()) {
                let (file, line) = location(def.sources.first().map_or("", String::as_str));
                let mut diagnostic = Diagnostic::warning(
                    "duplicate-type",
                    file,
                    line,
                    format!(
                        "type `{}` is defined twice; the first definition is used",
                        def.name
                    ),
                );
                if let Some(source) = table.types.get(first).and_then(|t| t.def.sources.first()) {
                    diagnostic = diagnostic.with_related(source.clone());
                }
                diagnostics.push(diagnostic);
                continue;
            }
            let index = table.types.len();
            table.exact.insert(&def.name, index);
            table
                .folded
                .entry(def.name.to_lowercase())
                .and_modify(|slot| *slot = None)
                .or_insert(Some(index));
            let name = sanitize(&def.name, Case::UpperCamel, &mut table.scope);
            table.types.push(TypeInfo { def, name });
        }
        table
    }

    /// The type a documented name refers to: exact, then without a namespace
    /// (`microsoft.graph.x`), then ignoring case when only one type matches.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let bare = name.rsplit('.').next().unwrap_or(name);
        [name, bare].into_iter().find_map(|candidate| {
            self.exact.get(candidate).copied().or_else(|| {
                self.folded
                    .get(&candidate.to_lowercase())
                    .copied()
                    .flatten()
            })
        })
    }

    /// Canonical primitive names win over model types, model types over informal primitive
    /// spellings (`int`, `datetime`), so a model type called `time` still resolves to itself.
    // reason: `lookup` returns only positions stored at push time into `types`.
    #[allow(clippy::indexing_slicing)]
    pub fn resolve(&self, type_name: &str) -> Resolved {
        if let Some(primitive) = Primitive::ALL.into_iter().find(|p| p.name() == type_name) {
            return Resolved::Primitive(primitive);
        }
        if let Some(index) = self.lookup(type_name) {
            return match self.types[index].def.kind {
                TypeKind::Entity | TypeKind::Complex => Resolved::Struct(index),
                TypeKind::Enum => Resolved::Enum(index),
            };
        }
        match Primitive::from_doc_name(type_name) {
            Some(primitive) => Resolved::Primitive(primitive),
            None => Resolved::Unresolved,
        }
    }

    /// The fully qualified path of a model type in the generated crate.
    pub fn path(&self, index: usize) -> TokenStream {
        self.path_in(&quote!(crate), index)
    }

    /// The path of a model type under `root`: `crate` inside the generated crate, the
    /// crate's name (`::graph_models`) in its integration tests.
    // reason: callers pass type indices the table handed out (`lookup`, `Resolved`).
    #[allow(clippy::indexing_slicing)]
    pub fn path_in(&self, root: &TokenStream, index: usize) -> TokenStream {
        let info = &self.types[index];
        let name = &info.name;
        match info.def.kind {
            TypeKind::Entity | TypeKind::Complex => quote!(#root::models::#name),
            TypeKind::Enum => quote!(#root::enums::#name),
        }
    }

    /// A new type name, distinct from every model type's (a doc type that happens to be
    /// called `anyDeviceConfiguration` keeps its name; the generated one steps aside).
    pub fn allocate(&mut self, name: &str) -> RustName {
        sanitize(name, Case::UpperCamel, &mut self.scope)
    }
}

/// How a primitive is carried in a model field.
pub(crate) struct PrimitiveType {
    /// The Rust type (the element type, for a collection).
    pub ty: TokenStream,
    /// A serde `with` module for the field, when the type's own serde form is not the wire
    /// form: `Vec<u8>` is base64 text. The module has `option` and `option_vec`.
    pub with: Option<&'static str>,
}

/// The Rust type of a primitive in a model field, under `root`; `None` for `Stream`, which
/// models leave out (a stream is fetched from its own `$value` URL, never inlined in JSON).
///
/// `Decimal` is `f64`: serde_json reads every JSON number as `u64`, `i64` or `f64` before a
/// type sees it (exact decimals need its `arbitrary_precision` feature, which changes number
/// handling crate-wide), so a decimal type would only dress up the same `f64`. Digits past
/// `f64`'s precision are rounded; the field's documentation says so.
pub(crate) fn primitive_type(root: &TokenStream, primitive: Primitive) -> Option<PrimitiveType> {
    let ty = match primitive {
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(f32),
        Primitive::Double | Primitive::Decimal => quote!(f64),
        Primitive::String => quote!(::std::string::String),
        Primitive::DateTimeOffset => quote!(#root::primitives::DateTimeOffset),
        Primitive::Date => quote!(::time::Date),
        Primitive::TimeOfDay => quote!(#root::primitives::TimeOfDay),
        Primitive::Duration => quote!(#root::primitives::Duration),
        Primitive::Guid => quote!(::uuid::Uuid),
        Primitive::Binary => {
            return Some(PrimitiveType {
                ty: quote!(::std::vec::Vec<u8>),
                with: Some("crate::primitives::base64"),
            })
        }
        Primitive::Stream => return None,
    };
    Some(PrimitiveType { ty, with: None })
}

/// The Rust type of a primitive standing alone (a response body, a wrapped value), where no
/// `with` module can apply: `Binary` is the `primitives::Base64` newtype there.
pub(crate) fn bare_primitive_type(root: &TokenStream, primitive: Primitive) -> Option<TokenStream> {
    match primitive {
        Primitive::Binary => Some(quote!(#root::primitives::Base64)),
        _ => primitive_type(root, primitive).map(|p| p.ty),
    }
}

/// Whether a primitive's Rust type is a float (so a struct holding it cannot derive `Eq`).
pub(crate) fn is_float(primitive: Primitive) -> bool {
    matches!(
        primitive,
        Primitive::Single | Primitive::Double | Primitive::Decimal
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use docgen_model::Origin;

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.to_owned(),
            namespace: None,
            kind,
            base: None,
            properties: Vec::new(),
            relationships: Vec::new(),
            members: Vec::new(),
            description: None,
            origin: Origin::Page,
            sources: vec![format!("{name}.md:1")],
        }
    }

    #[test]
    fn resolve_table() {
        let model = Model {
            types: vec![
                def("time", TypeKind::Complex),
                def("user", TypeKind::Entity),
                def("User", TypeKind::Complex),
                def("devicePlatformType", TypeKind::Enum),
                def("user", TypeKind::Complex),
            ],
            routes: Vec::new(),
        };
        let mut diagnostics = Vec::new();
        let table = TypeTable::new(&model, &mut diagnostics);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "duplicate-type");
        let names: Vec<String> = table.types.iter().map(|t| t.name.to_string()).collect();
        assert_eq!(names, ["Time", "User", "User2", "DevicePlatformType"]);
        let table_cases = [
            ("String", Resolved::Primitive(Primitive::String)),
            ("Int32", Resolved::Primitive(Primitive::Int32)),
            ("int", Resolved::Primitive(Primitive::Int32)),
            ("time", Resolved::Struct(0)),
            ("user", Resolved::Struct(1)),
            ("User", Resolved::Struct(2)),
            ("microsoft.graph.user", Resolved::Struct(1)),
            ("DEVICEPLATFORMTYPE", Resolved::Enum(3)),
            ("USER", Resolved::Unresolved),
            ("nowhere", Resolved::Unresolved),
        ];
        for (name, want) in table_cases {
            assert_eq!(table.resolve(name), want, "{name}");
        }
    }
}
