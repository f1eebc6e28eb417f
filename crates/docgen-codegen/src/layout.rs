//! Struct layouts: which fields each struct gets, which must be boxed, which may be `Eq`.
//!
//! A derived type carries its base chain's properties, root base first and its own last; a
//! property a derived type documents again keeps its first position but takes the most
//! derived declaration (the derived page is the more specific documentation). Relationships
//! (navigation properties) follow properties at each level, since `$expand` inlines them.
//!
//! A field whose type has derived types holds that type's polymorphic enum
//! ([`crate::family`]), so a derived value keeps its own properties. A struct that contains
//! itself directly, or through other structs, has infinite size; a non-collection field
//! whose struct type is in the same strongly connected component of the "contains" graph is
//! boxed, which breaks every such cycle. Collections are already on the heap and never
//! boxed; polymorphic enums box their variants, so they end every path through them.

use std::collections::BTreeSet;

use docgen_ir::{Diagnostic, Primitive};
use docgen_model::{Property, TypeKind};

use crate::family::Families;
use crate::graph::strongly_connected;
use crate::naming::{sanitize, Case, RustName, Scope};
use crate::resolve::{is_float, Resolved, TypeTable};
use crate::text::location;

/// The wire name of the OData type annotation every struct gets a field for.
pub(crate) const ODATA_TYPE: &str = "@odata.type";

pub(crate) struct Field<'m> {
    pub name: RustName,
    pub prop: &'m Property,
    pub ty: Resolved,
    pub boxed: bool,
    /// The field's struct type has derived types: it holds the polymorphic enum.
    pub poly: bool,
    /// A relationship (navigation property), present in a response only with `$expand`.
    pub relationship: bool,
}

pub(crate) struct StructLayout<'m> {
    /// Index into [`TypeTable::types`].
    pub type_index: usize,
    /// The Rust name of the `@odata.type` field (first, so it is serialised first).
    pub odata_type: RustName,
    pub fields: Vec<Field<'m>>,
    /// The base chain, nearest base first.
    pub bases: Vec<usize>,
    /// Wire names of the `Edm.Stream` properties left out (a stream has its own URL).
    pub streams: Vec<&'m str>,
    pub eq: bool,
}

/// Lays out every entity and complex type of `table`, in table order. Boxing, `poly` and
/// `eq` are settled by [`finish`], once the polymorphic families are known.
pub(crate) fn layouts<'m>(
    table: &TypeTable<'m>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<StructLayout<'m>> {
    table
        .types
        .iter()
        .enumerate()
        .filter(|(_, info)| info.def.kind != TypeKind::Enum)
        .map(|(type_index, _)| layout_one(table, type_index, diagnostics))
        .collect()
}

/// Marks polymorphic fields, boxes what cycles need, and decides `Eq` for every struct and
/// polymorphic enum.
// reason: `layout_of` and `any_eq` are `table.types.len()` long and are indexed only by type
//         indices, which the table hands out (`type_index`, `Resolved::Struct`, family bases and
//         members); `eq`, `component` and `layouts` are one per layout, indexed by layout indices
//         (`index` over `0..layouts.len()`, `layout_of` values).
#[allow(clippy::indexing_slicing)]
pub(crate) fn finish(
    table: &TypeTable<'_>,
    families: &mut Families,
    layouts: &mut [StructLayout<'_>],
) {
    // Type index -> layout index.
    let mut layout_of = vec![None; table.types.len()];
    for (index, layout) in layouts.iter().enumerate() {
        layout_of[layout.type_index] = Some(index);
    }
    for layout in layouts.iter_mut() {
        for field in &mut layout.fields {
            if let Resolved::Struct(target) = field.ty {
                field.poly = families.any(target).is_some();
            }
        }
    }

    let edges: Vec<Vec<usize>> = layouts
        .iter()
        .map(|layout| {
            layout
                .fields
                .iter()
                .filter_map(|field| match field.ty {
                    Resolved::Struct(target) if !field.prop.collection && !field.poly => {
                        layout_of[target]
                    }
                    _ => None,
                })
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    for (index, layout) in layouts.iter_mut().enumerate() {
        for field in &mut layout.fields {
            if let (Resolved::Struct(target), false, false) =
                (field.ty, field.prop.collection, field.poly)
            {
                field.boxed = layout_of[target].is_some_and(|t| component[t] == component[index]);
            }
        }
    }

    // `Eq` holds unless a float is reachable; start optimistic and remove until stable, so
    // recursive types settle correctly. A polymorphic enum is `Eq` when all its members are.
    let mut eq: Vec<bool> = layouts
        .iter()
        .map(|layout| {
            !layout
                .fields
                .iter()
                .any(|field| matches!(field.ty, Resolved::Primitive(p) if is_float(p)))
        })
        .collect();
    let mut any_eq: Vec<bool> = vec![true; table.types.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for index in 0..layouts.len() {
            if !eq[index] {
                continue;
            }
            let contains_non_eq = layouts[index].fields.iter().any(|field| match field.ty {
                Resolved::Struct(target) if field.poly => !any_eq[target],
                Resolved::Struct(target) => layout_of[target].is_some_and(|t| !eq[t]),
                _ => false,
            });
            if contains_non_eq {
                eq[index] = false;
                changed = true;
            }
        }
        for (base, any) in families.iter() {
            if any_eq[base]
                && any
                    .members
                    .iter()
                    .any(|&member| layout_of[member].is_some_and(|m| !eq[m]))
            {
                any_eq[base] = false;
                changed = true;
            }
        }
    }
    for (layout, eq) in layouts.iter_mut().zip(eq) {
        layout.eq = eq;
    }
    families.set_eq(|base| any_eq[base]);
}

// reason: `type_index` and every base come from the table (`table.lookup`), so they index
//         `table.types`.
#[allow(clippy::indexing_slicing)]
fn layout_one<'m>(
    table: &TypeTable<'m>,
    type_index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> StructLayout<'m> {
    let bases = base_chain(table, type_index, diagnostics);
    // Root first, the type itself last.
    // (property, is a relationship)
    let mut props: Vec<(&'m Property, bool)> = Vec::new();
    for &level in bases.iter().rev().chain([&type_index]) {
        let def = table.types[level].def;
        let properties = def.properties.iter().map(|prop| (prop, false));
        let relationships = def.relationships.iter().map(|prop| (prop, true));
        for (prop, relationship) in properties.chain(relationships) {
            if prop.name == ODATA_TYPE {
                continue;
            }
            match props.iter_mut().find(|(seen, _)| seen.name == prop.name) {
                Some(seen) => *seen = (prop, relationship),
                None => props.push((prop, relationship)),
            }
        }
    }

    let mut scope = Scope::new();
    let odata_type = sanitize(ODATA_TYPE, Case::Snake, &mut scope);
    let mut fields = Vec::new();
    let mut streams = Vec::new();
    for (prop, relationship) in props {
        let ty = table.resolve(&prop.type_name);
        match ty {
            Resolved::Primitive(Primitive::Stream) => {
                streams.push(prop.name.as_str());
                continue;
            }
            Resolved::Unresolved => {
                let (file, line) = location(&prop.source);
                diagnostics.push(Diagnostic::warning(
                    "unresolved-type",
                    file,
                    line,
                    format!(
                        "property `{}` has type `{}`, which the model does not define; \
                         generated as `serde_json::Value`",
                        prop.name, prop.type_name
                    ),
                ));
            }
            _ => {}
        }
        fields.push(Field {
            name: sanitize(&prop.name, Case::Snake, &mut scope),
            prop,
            ty,
            boxed: false,
            poly: false,
            relationship,
        });
    }
    StructLayout {
        type_index,
        odata_type,
        fields,
        bases,
        streams,
        eq: true,
    }
}

/// The bases of `type_index`, nearest first, as far as the model defines them. Problems
/// with the type's own `base` are reported here; a base's problems are reported for it.
// reason: `type_index` and every base come from the table (`table.lookup`), so they index
//         `table.types`.
#[allow(clippy::indexing_slicing)]
fn base_chain(
    table: &TypeTable<'_>,
    type_index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let own = table.types[type_index].def;
    let (file, line) = location(own.sources.first().map_or("", String::as_str));
    let mut chain = Vec::new();
    let mut seen = BTreeSet::from([type_index]);
    let mut current = type_index;
    while let Some(base) = &table.types[current].def.base {
        let own_base = current == type_index;
        let problem = match table.lookup(base) {
            Some(b) if table.types[b].def.kind != TypeKind::Enum && !seen.contains(&b) => {
                chain.push(b);
                seen.insert(b);
                current = b;
                continue;
            }
            Some(b) if seen.contains(&b) => Some((
                "base-cycle",
                format!(
                    "the base chain of `{}` loops back to `{base}`; the chain is cut there",
                    own.name
                ),
            )),
            Some(_) => own_base.then(|| {
                (
                    "unresolved-base",
                    format!(
                        "type `{}` derives from enum `{base}`; the base is ignored",
                        own.name
                    ),
                )
            }),
            None => own_base.then(|| {
                (
                    "unresolved-base",
                    format!(
                        "type `{}` derives from `{base}`, which the model does not define; \
                         only its own properties are generated",
                        own.name
                    ),
                )
            }),
        };
        if let Some((code, message)) = problem {
            diagnostics.push(Diagnostic::warning(code, file, line, message));
        }
        break;
    }
    chain
}
