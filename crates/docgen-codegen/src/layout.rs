//! Struct layouts: which fields each struct gets, which must be boxed, which may be `Eq`.
//!
//! A derived type carries its base chain's properties, root base first and its own last; a
//! property a derived type documents again keeps its first position but takes the most
//! derived declaration (the derived page is the more specific documentation). Relationships
//! (navigation properties) follow properties at each level, since `$expand` inlines them.
//!
//! A struct that contains itself directly, or through other structs, has infinite size; a
//! non-collection field whose type is in the same strongly connected component of the
//! "contains" graph is boxed, which breaks every such cycle. Collections are already on the
//! heap and are never boxed.

use std::collections::BTreeSet;

use docgen_ir::{Diagnostic, Primitive};
use docgen_model::{Property, TypeKind};

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
}

pub(crate) struct StructLayout<'m> {
    /// Index into [`TypeTable::types`].
    pub type_index: usize,
    /// The Rust name of the `@odata.type` field (first, so it is serialised first).
    pub odata_type: RustName,
    pub fields: Vec<Field<'m>>,
    /// The base chain, nearest base first (for documentation).
    pub bases: Vec<usize>,
    pub eq: bool,
}

/// Lays out every entity and complex type of `table`, in table order.
pub(crate) fn layouts<'m>(
    table: &TypeTable<'m>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<StructLayout<'m>> {
    let mut layouts = Vec::new();
    // Type index -> layout index, for the containment graph.
    let mut layout_of = vec![None; table.types.len()];
    for (type_index, info) in table.types.iter().enumerate() {
        if info.def.kind == TypeKind::Enum {
            continue;
        }
        layout_of[type_index] = Some(layouts.len());
        layouts.push(layout_one(table, type_index, diagnostics));
    }

    let edges: Vec<Vec<usize>> = layouts
        .iter()
        .map(|layout| {
            layout
                .fields
                .iter()
                .filter_map(|field| match field.ty {
                    Resolved::Struct(target) if !field.prop.collection => layout_of[target],
                    _ => None,
                })
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    for (index, layout) in layouts.iter_mut().enumerate() {
        for field in &mut layout.fields {
            if let (Resolved::Struct(target), false) = (field.ty, field.prop.collection) {
                field.boxed = layout_of[target].is_some_and(|t| component[t] == component[index]);
            }
        }
    }

    // `Eq` holds unless a float is reachable; start optimistic and remove until stable, so
    // recursive types settle correctly.
    let mut eq: Vec<bool> = layouts
        .iter()
        .map(|layout| {
            !layout
                .fields
                .iter()
                .any(|field| matches!(field.ty, Resolved::Primitive(p) if is_float(p)))
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for index in 0..layouts.len() {
            if !eq[index] {
                continue;
            }
            let contains_non_eq = layouts[index].fields.iter().any(|field| match field.ty {
                Resolved::Struct(target) => layout_of[target].is_some_and(|t| !eq[t]),
                _ => false,
            });
            if contains_non_eq {
                eq[index] = false;
                changed = true;
            }
        }
    }
    for (layout, eq) in layouts.iter_mut().zip(eq) {
        layout.eq = eq;
    }
    layouts
}

fn layout_one<'m>(
    table: &TypeTable<'m>,
    type_index: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> StructLayout<'m> {
    let bases = base_chain(table, type_index, diagnostics);
    // Root first, the type itself last.
    let mut props: Vec<&'m Property> = Vec::new();
    for &level in bases.iter().rev().chain([&type_index]) {
        let def = table.types[level].def;
        for prop in def.properties.iter().chain(&def.relationships) {
            if prop.name == ODATA_TYPE {
                continue;
            }
            match props.iter_mut().find(|seen| seen.name == prop.name) {
                Some(seen) => *seen = prop,
                None => props.push(prop),
            }
        }
    }

    let mut scope = Scope::new();
    let odata_type = sanitize(ODATA_TYPE, Case::Snake, &mut scope);
    let mut fields = Vec::new();
    for prop in props {
        let ty = table.resolve(&prop.type_name);
        match ty {
            Resolved::Primitive(Primitive::Stream) => continue,
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
        });
    }
    StructLayout {
        type_index,
        odata_type,
        fields,
        bases,
        eq: true,
    }
}

/// The bases of `type_index`, nearest first, as far as the model defines them. Problems
/// with the type's own `base` are reported here; a base's problems are reported for it.
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

/// Tarjan's algorithm, iterative (type graphs can be deep): the component of each node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNVISITED; n];
    let mut stack = Vec::new();
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to follow)
        let mut calls = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut position)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*position) {
                *position += 1;
                if index[w] == UNVISITED {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 a self loop; 4 -> 0 hangs off the cycle.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
        assert_ne!(c[4], c[3]);
    }
}
