//! The types an example's body reaches, so its test is compiled only with their features.
//!
//! A test reads its body into its type and writes it back. With features
//! ([`crate::areas`]), a field whose type's area is off is left out, and the value the body
//! holds for it would be dropped: the test would fail for a reason that is no bug. So a test
//! needs the area of every type its body reaches: its own type, the concrete type
//! (`@odata.type`) of every object in a polymorphic position, and the type of every property
//! the body sets, recursively. With those on — whatever else is — every value lands in a
//! field or a variant of its own type, as with all features on. (With only the test's own
//! type on, a derived value of an area that is off would be read as JSON and round-trip
//! too, but turning that area on elsewhere would then expose its fields' gaps.)

use std::collections::BTreeSet;

use serde_json::Value;

use crate::example_types::{Context, ExampleType, Shape, Target};
use crate::resolve::Resolved;

/// A guard on recursion: serde_json's parser already stops at 128 levels.
const MAX_DEPTH: usize = 256;

/// The type indices `body`, tested as `ty`, reaches (see the module documentation), sorted.
pub(crate) fn types_used(context: &Context<'_, '_>, ty: ExampleType, body: &Value) -> Vec<usize> {
    let mut used = BTreeSet::new();
    let items: Vec<&Value> = match ty.shape {
        Shape::Plain => vec![body],
        Shape::Value => body.get("value").into_iter().collect(),
        Shape::Collection => body
            .get("value")
            .and_then(Value::as_array)
            .map(|items| items.iter().collect())
            .unwrap_or_default(),
        Shape::Array => body
            .as_array()
            .map(|items| items.iter().collect())
            .unwrap_or_default(),
    };
    match ty.target {
        Target::Struct(index) | Target::Any(index) => {
            used.insert(index);
            for item in items {
                visit(context, index, item, &mut used, 0);
            }
        }
        Target::Enum(index) => {
            used.insert(index);
        }
        Target::Primitive(_) => {}
    }
    used.into_iter().collect()
}

/// Records the types `value`, read as the struct `declared` (or its polymorphic enum),
/// reaches.
fn visit(
    context: &Context<'_, '_>,
    declared: usize,
    value: &Value,
    used: &mut BTreeSet<usize>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        // A collection property: each item.
        Value::Array(items) => {
            for item in items {
                visit(context, declared, item, used, depth + 1);
            }
        }
        Value::Object(map) => {
            let concrete = map
                .get("@odata.type")
                .and_then(Value::as_str)
                .and_then(|name| match context.concrete(name) {
                    Ok(Target::Struct(index)) => Some(index),
                    _ => None,
                })
                .unwrap_or(declared);
            used.insert(declared);
            used.insert(concrete);
            for (key, item) in map {
                let field = context
                    .fields(concrete)
                    .iter()
                    .find(|(wire, _)| wire == key);
                match field.map(|&(_, ty)| ty) {
                    Some(Resolved::Struct(target)) => {
                        visit(context, target, item, used, depth + 1);
                    }
                    Some(Resolved::Enum(target)) => {
                        used.insert(target);
                    }
                    Some(Resolved::Primitive(_) | Resolved::Unresolved) | None => {}
                }
            }
        }
        _ => {}
    }
}
