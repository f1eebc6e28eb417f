//! Which generated type an example body is tested as.
//!
//! In order: the body's own top-level `@odata.type` (the concrete type); else the type the
//! page declares for this body (its annotation, "Request body" or "Response" section);
//! else the type of the route the example's request addresses (its method and URL,
//! normalised like the HTTP block and matched like the generated `match_route`, `{param}`
//! placeholders included, `f(x='1')` matching a documented `f`); else the type the page is
//! about. The page comes before the route because the route table is merged from many pages:
//! `PATCH /deviceConfigurations/{id}` is documented once per derived type, and the page
//! holding the example is the one that says which. The page's subject is no evidence for an
//! action's parameters or a `$ref` body, so it is used only for reads and writes of a
//! resource.
//!
//! The envelope decides the shape: `{"value": [...]}` (plus `@` annotations other than
//! `@odata.type`) is a collection page, `{"value": x}` a wrapped single value (functions
//! returning a value; the Intune docs also wrap entities this way), an array a `Vec`. A type
//! with a `value` property of its own is itself when the body's `value` fits that property.

use docgen_ir::path::normalize;
use docgen_ir::{ExampleRole, PathPart, Primitive};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::examples::ExampleCase;
use crate::family::Families;
use crate::layout::StructLayout;
use crate::resolve::{bare_primitive_type, Resolved, TypeTable};
use crate::routes::TableRoute;

/// What the body's items (or the body itself) are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Struct(usize),
    /// The polymorphic enum of a base type.
    Any(usize),
    Enum(usize),
    Primitive(Primitive),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Plain,
    /// `ODataCollection<T>`.
    Collection,
    /// `ODataValue<T>`.
    Value,
    /// `Vec<T>`.
    Array,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ExampleType {
    pub shape: Shape,
    pub target: Target,
}

/// What the resolution needs to know about the generated crate.
pub(crate) struct Context<'a, 'm> {
    pub table: &'a TypeTable<'m>,
    pub families: &'a Families,
    pub routes: &'a [TableRoute<'m>],
    /// Per type index: the struct's own `value` property (collection, type), if it has one.
    value_field: Vec<Option<(bool, Resolved)>>,
    /// Per type index: the wire names of the struct's `Edm.Stream` properties.
    streams: Vec<Vec<&'m str>>,
    /// Per type index: the struct's fields, (wire name, type).
    fields: Vec<Vec<(&'m str, Resolved)>>,
}

impl<'a, 'm> Context<'a, 'm> {
    pub fn new(
        table: &'a TypeTable<'m>,
        families: &'a Families,
        layouts: &[StructLayout<'m>],
        routes: &'a [TableRoute<'m>],
    ) -> Self {
        let mut value_field = vec![None; table.types.len()];
        let mut streams = vec![Vec::new(); table.types.len()];
        let mut fields = vec![Vec::new(); table.types.len()];
        for layout in layouts {
            let at = layout.type_index;
            if let Some(slot) = fields.get_mut(at) {
                *slot = layout
                    .fields
                    .iter()
                    .map(|f| (f.prop.name.as_str(), f.ty))
                    .collect();
            }
            if let Some(slot) = value_field.get_mut(at) {
                *slot = layout
                    .fields
                    .iter()
                    .find(|f| f.prop.name == "value")
                    .map(|f| (f.prop.collection, f.ty));
            }
            if let Some(slot) = streams.get_mut(at) {
                slot.clone_from(&layout.streams);
            }
        }
        Self {
            table,
            families,
            routes,
            value_field,
            streams,
            fields,
        }
    }

    /// The Rust type of `ty` with crate paths under `root`.
    pub fn tokens(&self, root: &TokenStream, ty: ExampleType) -> TokenStream {
        let target = match ty.target {
            Target::Struct(index) | Target::Enum(index) => self.table.path_in(root, index),
            Target::Any(index) => match self.families.any(index) {
                Some(any) => {
                    let name = &any.name;
                    quote!(#root::polymorphic::#name)
                }
                None => self.table.path_in(root, index),
            },
            Target::Primitive(primitive) => {
                bare_primitive_type(root, primitive).unwrap_or_else(|| quote!(::serde_json::Value))
            }
        };
        match ty.shape {
            Shape::Plain => target,
            Shape::Collection => quote!(#root::odata::ODataCollection<#target>),
            Shape::Value => quote!(#root::odata::ODataValue<#target>),
            Shape::Array => quote!(::std::vec::Vec<#target>),
        }
    }

    /// The type `case`'s `body` is tested as, or why there is none (a reason starting with its
    /// kind, `no type:` or `stream:`).
    pub fn resolve(&self, case: &ExampleCase, body: &Value) -> Result<ExampleType, String> {
        let route = self.route_of(case);
        let declared = self.declared(case, route);
        let own_value = match declared.as_ref().map(|d| self.target_of(d)) {
            Some(Ok(Target::Struct(i) | Target::Any(i))) => {
                self.value_field.get(i).copied().flatten()
            }
            _ => None,
        };
        let envelope = body.as_object().is_some_and(|map| {
            map.contains_key("value")
                && !map.contains_key("@odata.type")
                && map.keys().all(|key| key == "value" || key.starts_with('@'))
        }) && !own_value
            .is_some_and(|(collection, ty)| fits(&body["value"], collection, ty));
        let declared_target = || match &declared {
            Some(name) => self.target_of(name),
            None => {
                Err("no type: neither the body, its route nor its page gives a type".to_owned())
            }
        };
        if envelope {
            let value = &body["value"];
            if let Some(items) = value.as_array() {
                let target = declared_target().or_else(|reason| {
                    common_odata_type(items)
                        .ok_or(reason)
                        .and_then(|name| self.concrete(&name))
                })?;
                return Ok(ExampleType {
                    shape: Shape::Collection,
                    target,
                });
            }
            let target = match odata_type(value) {
                Some(name) => self.concrete(name)?,
                None => declared_target()?,
            };
            return Ok(ExampleType {
                shape: Shape::Value,
                target,
            });
        }
        if body.is_array() {
            return Ok(ExampleType {
                shape: Shape::Array,
                target: declared_target()?,
            });
        }
        let target = match odata_type(body) {
            Some(name) => self.concrete(name)?,
            None => declared_target()?,
        };
        Ok(ExampleType {
            shape: Shape::Plain,
            target,
        })
    }

    /// The type name the page's declaration, the route or the page's subject gives.
    fn declared(&self, case: &ExampleCase, route: Option<&TableRoute<'_>>) -> Option<String> {
        let from_route = route.and_then(|r| match case.role {
            ExampleRole::Request => r.route.request_type.as_ref(),
            _ => r.route.response_type.as_ref(),
        });
        if let Some(type_use) = case.declared_type.as_ref().or(from_route) {
            return Some(type_use.name.clone());
        }
        // An action's parameters, a `$ref` body: the page's subject says nothing about them.
        let resource_operation = route.is_none_or(|r| {
            matches!(
                r.route.operation.as_str(),
                "get" | "list" | "create" | "update" | "replace"
            )
        });
        case.page_type.clone().filter(|_| resource_operation)
    }

    /// A declared type name as a target: a base type reads as its polymorphic enum.
    fn target_of(&self, name: &str) -> Result<Target, String> {
        match self.table.resolve(name) {
            Resolved::Primitive(Primitive::Stream) => Err(format!(
                "stream: the body's type `{name}` is a stream, not JSON"
            )),
            Resolved::Primitive(primitive) => Ok(Target::Primitive(primitive)),
            Resolved::Struct(index) if self.families.any(index).is_some() => Ok(Target::Any(index)),
            Resolved::Struct(index) => Ok(Target::Struct(index)),
            Resolved::Enum(index) => Ok(Target::Enum(index)),
            Resolved::Unresolved => Err(format!("no type: type `{name}` is not in the model")),
        }
    }

    /// The fields of the struct `type_index`: (wire name, type).
    pub fn fields(&self, type_index: usize) -> &[(&'m str, Resolved)] {
        self.fields.get(type_index).map_or(&[], Vec::as_slice)
    }

    /// The struct an `@odata.type` names: a concrete type, never its polymorphic enum.
    pub(crate) fn concrete(&self, odata_type: &str) -> Result<Target, String> {
        let name = odata_type.trim_start_matches('#');
        match self.table.resolve(name) {
            Resolved::Struct(index) => Ok(Target::Struct(index)),
            _ => Err(format!(
                "no type: its `@odata.type` `{odata_type}` is not a type of the model"
            )),
        }
    }

    /// The route `case`'s request addresses, preferring more literal components.
    fn route_of(&self, case: &ExampleCase) -> Option<&'a TableRoute<'m>> {
        let method = case.method.as_deref()?.trim();
        let path = normalize(case.url.as_deref()?).path;
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut best: Option<(Vec<u8>, &TableRoute<'_>)> = None;
        for route in self.routes {
            if !route.route.method.eq_ignore_ascii_case(method) {
                continue;
            }
            let Some(rank) = rank(route, &segments) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(best_rank, _)| better(&rank, best_rank))
            {
                best = Some((rank, route));
            }
        }
        best.map(|(_, route)| route)
    }
}

impl Context<'_, '_> {
    /// The JSON pointer of the first property of `body` that is an `Edm.Stream` of its
    /// type: models leave streams out, so such a body cannot round-trip.
    pub fn find_stream(&self, ty: ExampleType, body: &Value) -> Option<String> {
        let fallback = match ty.target {
            Target::Struct(index) | Target::Any(index) => Some(index),
            Target::Enum(_) | Target::Primitive(_) => None,
        };
        let (objects, at): (Vec<&Value>, &str) = match ty.shape {
            Shape::Plain => (vec![body], ""),
            Shape::Value => (vec![&body["value"]], "/value"),
            Shape::Collection => (body["value"].as_array()?.iter().collect(), "/value/"),
            Shape::Array => (body.as_array()?.iter().collect(), "/"),
        };
        for (i, object) in objects.iter().enumerate() {
            let concrete = odata_type(object)
                .and_then(|name| match self.concrete(name) {
                    Ok(Target::Struct(index)) => Some(index),
                    _ => None,
                })
                .or(fallback)?;
            let map = object.as_object()?;
            if let Some(name) = self
                .streams
                .get(concrete)
                .into_iter()
                .flatten()
                .find(|s| map.contains_key(**s))
            {
                let item = if at.ends_with('/') {
                    i.to_string()
                } else {
                    String::new()
                };
                return Some(format!("{at}{item}/{name}"));
            }
        }
        None
    }
}

/// Whether `value` can be a property's value: an array for a collection, an object for a
/// struct, anything else for a primitive or enum (an unresolved type is JSON: anything).
fn fits(value: &Value, collection: bool, ty: Resolved) -> bool {
    if collection {
        return value.is_array();
    }
    match ty {
        Resolved::Struct(_) => value.is_object(),
        Resolved::Unresolved => true,
        Resolved::Primitive(_) | Resolved::Enum(_) => !value.is_object() && !value.is_array(),
    }
}

/// Each component's specificity (2 literal, 1 mixed, 0 parameter) when `route` matches
/// `segments`, as the generated `routing::find_route` ranks them. Unlike the generated
/// matcher, a documented literal `f` also matches `f(x='1')`: pages call functions with
/// arguments their HTTP block leaves out.
pub(crate) fn rank(route: &TableRoute<'_>, segments: &[&str]) -> Option<Vec<u8>> {
    let components = &route.template.components;
    if components.len() != segments.len() {
        return None;
    }
    let mut rank = Vec::with_capacity(segments.len());
    for (component, segment) in components.iter().zip(segments) {
        if let Some(literal) = component.literal() {
            let called = segment
                .strip_prefix(literal)
                .is_some_and(|rest| rest.starts_with('(') && rest.ends_with(')'));
            if literal != *segment && !called {
                return None;
            }
            rank.push(2);
        } else if component.param().is_some() {
            if segment.is_empty() {
                return None;
            }
            rank.push(0);
        } else {
            if !mixed_matches(&component.parts, segment) {
                return None;
            }
            rank.push(1);
        }
    }
    Some(rank)
}

/// More literal components, then more mixed ones, then more specific further left.
pub(crate) fn better(a: &[u8], b: &[u8]) -> bool {
    let count = |rank: &[u8], kind| rank.iter().filter(|k| **k == kind).count();
    (count(a, 2), count(a, 1), a) > (count(b, 2), count(b, 1), b)
}

/// Whether a component of literal text and parameters matches `segment`: each parameter
/// runs to the next occurrence of the literal after it, the last to the closing literal.
fn mixed_matches(parts: &[PathPart], segment: &str) -> bool {
    let mut rest = segment;
    for (index, part) in parts.iter().enumerate() {
        match part {
            PathPart::Literal(text) => match rest.strip_prefix(text.as_str()) {
                Some(after) => rest = after,
                None => return false,
            },
            PathPart::Param(_) => match parts.get(index + 1) {
                None => rest = "",
                Some(PathPart::Param(_)) => return false,
                Some(PathPart::Literal(next)) => {
                    let last = index + 2 == parts.len();
                    let end = if last {
                        match rest.len().checked_sub(next.len()) {
                            Some(end) if rest.ends_with(next.as_str()) => end,
                            _ => return false,
                        }
                    } else {
                        match rest.find(next.as_str()) {
                            Some(end) => end,
                            None => return false,
                        }
                    };
                    // `end` is a `find` position or where a suffix starts: a char boundary.
                    rest = rest.get(end..).unwrap_or_default();
                }
            },
        }
    }
    rest.is_empty()
}

/// The `@odata.type` of an object.
fn odata_type(value: &Value) -> Option<&str> {
    value.get("@odata.type").and_then(Value::as_str)
}

/// The `@odata.type` every item has, when they agree.
fn common_odata_type(items: &[Value]) -> Option<String> {
    let first = odata_type(items.first()?)?;
    items
        .iter()
        .all(|item| odata_type(item) == Some(first))
        .then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use docgen_ir::PathTemplate;
    use docgen_model::{Permissions, Route};

    fn table_route(route: &Route) -> TableRoute<'_> {
        TableRoute {
            route,
            template: PathTemplate::parse(&route.path).unwrap(),
        }
    }

    fn route(path: &str) -> Route {
        Route {
            method: "GET".to_owned(),
            path: path.to_owned(),
            operation: "get".to_owned(),
            resource: None,
            params: Vec::new(),
            request_type: None,
            response_type: None,
            status: None,
            permissions: Permissions::default(),
            source: "api/x.md:1".to_owned(),
        }
    }

    #[test]
    fn ranks_prefer_literal_components() {
        // (template, segments, rank)
        let table: [(&str, &str, Option<&[u8]>); 9] = [
            ("/users/{id}", "users/x", Some(&[2, 0])),
            ("/users/delta()", "users/delta()", Some(&[2, 2])),
            ("/users/delta", "users/delta(token='x')", Some(&[2, 2])),
            ("/users/delta", "users/deltas", None),
            ("/users/{id}", "users/", None),
            ("/r/f(a='{a}',b='{b}')", "r/f(a='1',b='2')", Some(&[2, 1])),
            ("/r/f(a='{a}',b='{b}')", "r/f(a='1')", None),
            ("/r/x{a}y", "r/x1y", Some(&[2, 1])),
            ("/r/x{a}y", "r/x1", None),
        ];
        for (template, path, want) in table {
            let route = route(template);
            let segments: Vec<&str> = path.split('/').collect();
            assert_eq!(
                rank(&table_route(&route), &segments).as_deref(),
                want,
                "{template} {path}"
            );
        }
        assert!(better(&[2, 2], &[2, 0]));
        assert!(better(&[2, 1], &[2, 0]));
        assert!(
            better(&[0, 2, 2], &[2, 0, 0]),
            "more literal components win"
        );
        assert!(
            better(&[2, 2, 0], &[2, 0, 2]),
            "then more literal further left"
        );
        assert!(better(&[2, 1, 0], &[2, 0, 1]));
        assert!(!better(&[2, 0], &[2, 0]), "ties keep the first");
    }

    #[test]
    fn fitting_a_value_property() {
        let string = Resolved::Primitive(Primitive::String);
        let table = [
            (serde_json::json!("on"), false, string, true),
            (serde_json::json!({"a": 1}), false, string, false),
            (serde_json::json!([1]), false, string, false),
            (serde_json::json!(["a"]), true, string, true),
            (serde_json::json!("a"), true, string, false),
            (
                serde_json::json!({"a": 1}),
                false,
                Resolved::Struct(0),
                true,
            ),
            (serde_json::json!(1), false, Resolved::Struct(0), false),
            (
                serde_json::json!({"a": 1}),
                false,
                Resolved::Unresolved,
                true,
            ),
        ];
        for (value, collection, ty, want) in table {
            assert_eq!(
                fits(&value, collection, ty),
                want,
                "{value} {collection} {ty:?}"
            );
        }
    }
}
