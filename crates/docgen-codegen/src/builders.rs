//! Path builders: one function per documented path, whatever the methods on it.
//!
//! A path does not depend on the method, so `GET`, `PATCH` and `DELETE` on one item share
//! one builder. Each takes one `&str` per path parameter, in template order, and
//! percent-encodes each through the crate's single `encode_path`, so an ID holding `/`, `'`
//! or `%` can never change which resource a request addresses.
//!
//! Names are a function of the path alone, so adding a route never renames another's
//! builder: the literal words of each component in order (a cast's `microsoft.graph.`
//! dropped, `$ref` read as `ref`), and `item` for a component that is one parameter —
//! `/deviceManagement/deviceConfigurations` is `device_management_device_configurations`,
//! `/deviceManagement/deviceConfigurations/{id}/assign` is
//! `device_management_device_configurations_item_assign`. Paths that differ only in
//! parameter names (`{id}` and `{deviceConfigurationId}`) are one path and share a builder.
//! Two paths whose literal words coincide (`/a/microsoft.graph.x`, `/a/x`) are the one case
//! a suffix (`_2`) is needed: it goes to the path that sorts later, and a note reports it.

use std::collections::BTreeMap;

use docgen_ir::{Diagnostic, PathPart, PathTemplate};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::areas::Areas;
use crate::naming::{sanitize, Case, Scope};
use crate::output::{print_each, Printed};
use crate::routes::TableRoute;
use crate::text::{doc_attrs, location};

/// Module items the builders must not be named after.
const MODULE_ITEMS: [&str; 2] = ["encode_path", "match_route"];

/// Names a builder's body uses: its local variable and the module's `encode_path`, which a
/// parameter of the same name would shadow.
const BUILDER_NAMES: [&str; 2] = ["out", "encode_path"];

/// The template with every parameter written `{}`: paths with one shape address the same
/// resources, whatever their parameters are called.
pub(crate) fn shape(template: &PathTemplate) -> String {
    let mut out = String::new();
    for component in &template.components {
        out.push('/');
        for part in &component.parts {
            match part {
                PathPart::Literal(text) => out.push_str(text),
                PathPart::Param(_) => out.push_str("{}"),
            }
        }
    }
    out
}

/// The words a builder's name is made of (see the module documentation).
pub(crate) fn name_source(template: &PathTemplate) -> String {
    let mut words = Vec::new();
    for component in &template.components {
        if component.param().is_some() {
            words.push("item".to_owned());
            continue;
        }
        for part in &component.parts {
            if let PathPart::Literal(text) = part {
                words.push(text.replace("microsoft.graph.", ""));
            }
        }
    }
    words.join(" ")
}

pub(crate) fn generate(
    routes: &[TableRoute<'_>],
    areas: &Areas,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Printed> {
    let mut shapes: BTreeMap<String, Vec<&TableRoute<'_>>> = BTreeMap::new();
    // The areas each route of a shape needs: the builder exists while any route does.
    let mut needs: BTreeMap<String, Vec<Vec<usize>>> = BTreeMap::new();
    for (index, route) in routes.iter().enumerate() {
        let key = shape(&route.template);
        needs
            .entry(key.clone())
            .or_default()
            .push(areas.route_need(index).to_vec());
        shapes.entry(key).or_default().push(route);
    }
    let mut fn_scope = Scope::with_reserved(&MODULE_ITEMS);
    // The plain name -> the first path that had it, for the collision note.
    let mut first_with: BTreeMap<String, String> = BTreeMap::new();
    let mut builders = Vec::new();
    for (key, members) in &shapes {
        let Some(first) = members.first() else {
            continue;
        };
        let source = name_source(&first.template);
        let plain = sanitize(
            &source,
            Case::Snake,
            &mut Scope::with_reserved(&MODULE_ITEMS),
        );
        let name = sanitize(&source, Case::Snake, &mut fn_scope);
        let template = first.template.to_string();
        match first_with.get(plain.as_str()) {
            Some(earlier) => {
                let (file, line) = location(&first.route.source);
                diagnostics.push(Diagnostic::note(
                    "route-builder-renamed",
                    file,
                    line,
                    format!(
                        "paths `{earlier}` and `{template}` both read `{plain}`; the builder \
                         of `{template}` is `{name}`"
                    ),
                ));
            }
            None => {
                first_with.insert(plain.as_str().to_owned(), template);
            }
        }
        builders.push((members, name, needs.get(key).map_or(&[][..], Vec::as_slice)));
    }
    // Names are settled in order above; the builders are built and printed in parallel.
    print_each(&builders, |(members, name, need)| {
        builder_tokens(members, name, &areas.cfg_any(need))
    })
}

/// `pub fn users_item_messages(user_id: &str) -> String`, building the path piece by piece,
/// under `cfg`.
fn builder_tokens(
    members: &[&TableRoute<'_>],
    name: &crate::naming::RustName,
    cfg: &TokenStream,
) -> TokenStream {
    // A builder is made per group of routes, and groups are never empty; none gives nothing.
    let Some(template) = members.first().map(|route| &route.template) else {
        return TokenStream::new();
    };
    let mut param_scope = Scope::with_reserved(&BUILDER_NAMES);
    let mut args = Vec::new();
    // Literal text waiting to be pushed, and the statements so far.
    let mut pending = String::new();
    let mut statements = Vec::new();
    let out = quote!(out);
    for component in &template.components {
        pending.push('/');
        for part in &component.parts {
            match part {
                PathPart::Literal(text) => pending.push_str(text),
                PathPart::Param(param) => {
                    let arg = sanitize(param, Case::Snake, &mut param_scope);
                    statements.push(push_literal(&out, &pending, statements.is_empty()));
                    pending.clear();
                    statements.push(quote!(#out.push_str(&encode_path(#arg));));
                    args.push(arg);
                }
            }
        }
    }
    let body = if statements.is_empty() {
        quote!(::std::string::String::from(#pending))
    } else {
        if !pending.is_empty() {
            statements.push(push_literal(&out, &pending, false));
        }
        quote!(#(#statements)* #out)
    };

    let operations: Vec<String> = members
        .iter()
        .map(|member| {
            let route = member.route;
            if route.operation.is_empty() {
                format!("`{}`", route.method.to_ascii_uppercase())
            } else {
                format!(
                    "`{}` ({})",
                    route.method.to_ascii_uppercase(),
                    route.operation
                )
            }
        })
        .collect();
    let mut paragraphs = vec![format!("`{template}`: {}.", operations.join(", "))];
    if !args.is_empty() {
        paragraphs.push("Each parameter is percent-encoded by [`encode_path`].".to_owned());
    }
    let docs = doc_attrs(paragraphs);
    quote! {
        #docs
        #cfg
        pub fn #name(#(#args: &str),*) -> ::std::string::String {
            #body
        }
    }
}

/// The statement that appends `text`: the first one creates the `String`; one character
/// is pushed as a `char` (`clippy::single_char_add_str`).
fn push_literal(out: &TokenStream, text: &str, first: bool) -> TokenStream {
    let mut chars = text.chars();
    match (first, chars.next(), chars.next()) {
        (true, _, _) => quote!(let mut #out = ::std::string::String::from(#text);),
        (false, Some(c), None) => {
            let c = Literal::character(c);
            quote!(#out.push(#c);)
        }
        (false, _, _) => quote!(#out.push_str(#text);),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &str) -> String {
        let template = PathTemplate::parse(path).unwrap();
        sanitize(&name_source(&template), Case::Snake, &mut Scope::new()).to_string()
    }

    #[test]
    fn names_depend_on_the_path_alone() {
        let table = [
            ("/deviceManagement", "device_management"),
            (
                "/deviceManagement/deviceConfigurations",
                "device_management_device_configurations",
            ),
            (
                "/deviceManagement/deviceConfigurations/{deviceConfigurationId}",
                "device_management_device_configurations_item",
            ),
            (
                "/deviceManagement/deviceConfigurations/{id}/assign",
                "device_management_device_configurations_item_assign",
            ),
            (
                "/deviceManagement/deviceConfigurations/{id}/microsoft.graph.windows10GeneralConfiguration/privacyAccessControls",
                "device_management_device_configurations_item_windows10_general_configuration_privacy_access_controls",
            ),
            ("/users/{id}/manager/$ref", "users_item_manager_ref"),
            (
                "/reports/getReport(period='{period}',out='{out}')",
                "reports_get_report_period_out",
            ),
            ("/{id}", "item"),
        ];
        for (path, want) in table {
            assert_eq!(name(path), want, "{path}");
        }
    }

    #[test]
    fn shapes_ignore_parameter_names() {
        let a = PathTemplate::parse("/a/{key}/b(x='{y}')").unwrap();
        let b = PathTemplate::parse("/a/{aId}/b(x='{z}')").unwrap();
        assert_eq!(shape(&a), "/a/{}/b(x='{}')");
        assert_eq!(shape(&a), shape(&b));
        let c = PathTemplate::parse("/a/b/{key}").unwrap();
        assert_ne!(shape(&a), shape(&c));
    }
}
