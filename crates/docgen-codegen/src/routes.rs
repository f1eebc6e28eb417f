//! `routes.rs` of the generated crate: the route table, the matcher and the path builders.
//!
//! The table has one [`Route`](docgen_model::Route) entry per documented method and path.
//! `match_route` applies the `routing` module's matcher to it. The path builders
//! ([`crate::builders`]) are one per distinct path, whatever the methods on it. The types
//! (`Route`, `Permissions`, `PathError`) and `encode_path` live in the static `routing`
//! module and are re-exported here, so `routes::Route` keeps working.
//!
//! With features ([`crate::areas`]), each table entry is behind the features its route
//! needs (its own area, and its types' where that does not enable them), and each builder
//! behind those of any of its routes.

use docgen_ir::{Diagnostic, PathTemplate};
use docgen_model::{Model, Route, TypeUse};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::areas::Areas;
use crate::builders;
use crate::output::{print, Module, Printed};
use crate::text::location;
use rayon::prelude::*;

/// A route the table holds: its model entry and parsed template.
pub(crate) struct TableRoute<'m> {
    pub route: &'m Route,
    pub template: PathTemplate,
}

/// The routes of `model` the table can hold, in model order; the others are reported.
pub(crate) fn table_routes<'m>(
    model: &'m Model,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<TableRoute<'m>> {
    let mut routes = Vec::new();
    for route in &model.routes {
        let (file, line) = location(&route.source);
        if method_tokens(&route.method).is_none() {
            diagnostics.push(Diagnostic::warning(
                "unsupported-method",
                file,
                line,
                format!(
                    "`{} {}`: not an HTTP method the route table knows; route skipped",
                    route.method, route.path
                ),
            ));
            continue;
        }
        let template = match PathTemplate::parse(&route.path) {
            Ok(template) => template,
            Err(error) => {
                diagnostics.push(Diagnostic::warning(
                    "invalid-route-path",
                    file,
                    line,
                    format!("`{} {}`: {error}; route skipped", route.method, route.path),
                ));
                continue;
            }
        };
        let params: Vec<&str> = template.params().collect();
        if params != route.params {
            diagnostics.push(Diagnostic::note(
                "route-params-mismatch",
                file,
                line,
                format!(
                    "`{} {}`: the route lists parameters {:?}, the template has {:?}; \
                     the template's are used",
                    route.method, route.path, route.params, params
                ),
            ));
        }
        routes.push(TableRoute { route, template });
    }
    routes
}

pub(crate) fn generate(
    routes: &[TableRoute<'_>],
    areas: &Areas,
    diagnostics: &mut Vec<Diagnostic>,
) -> Module {
    let head = quote! {
        #![doc = " The route table, a matcher from a request back to its route, and a path builder"]
        #![doc = " per documented path that percent-encodes every parameter."]

        pub use crate::routing::{encode_path, PathError, Permissions, Route};
    };
    let mut items = route_table(routes, areas);
    items.push(print(quote! {
        #[doc = " The route that `method` and `path` address, with its parameters percent-decoded in"]
        #[doc = " template order; see [`crate::routing::find_route`] for the rules."]
        pub fn match_route(
            method: &::http::Method,
            path: &str,
        ) -> ::std::option::Option<(&'static Route, ::std::vec::Vec<::std::string::String>)> {
            crate::routing::find_route(ROUTES, method, path)
        }
    }));
    items.extend(builders::generate(routes, areas, diagnostics));
    Module { head, items }
}

/// Table entries per printed piece of `ROUTES`.
const ENTRIES_PER_PIECE: usize = 64;

/// The element that ends every piece of `ROUTES` but the last while it is printed.
const PIECE_END: &str = "__docgen_piece_end";

/// `ROUTES`, printed in pieces of [`ENTRIES_PER_PIECE`] entries, in parallel.
///
/// As one item, the table was the largest syntax tree generation held (megabytes of text for
/// a large model) and printed on one thread. Each piece is printed as the whole static with
/// only its entries, followed by [`PIECE_END`] unless it is the last; the lines of its entries
/// are cut out and joined. In the whole table the array is broken one entry per line (an
/// entry is longer than a line), as it is in every piece, each entry starting at the same
/// indent and followed by the same `,`, so the lines are the ones the whole table prints
/// (the snapshot and corpus checks compare the bytes).
fn route_table(routes: &[TableRoute<'_>], areas: &Areas) -> Vec<Printed> {
    let indexed: Vec<(usize, &TableRoute<'_>)> = routes.iter().enumerate().collect();
    print_table(&indexed, ENTRIES_PER_PIECE, |&(index, route)| {
        let cfg = areas.cfg(areas.route_need(index));
        let entry = entry_tokens(route);
        quote!(#cfg #entry)
    })
}

/// `ROUTES` with an element per input, built by `entry`, printed `per_piece` at a time.
fn print_table<T: Sync>(
    inputs: &[T],
    per_piece: usize,
    entry: impl Fn(&T) -> TokenStream + Sync,
) -> Vec<Printed> {
    let pieces: Vec<&[T]> = inputs.chunks(per_piece).collect();
    if pieces.is_empty() {
        return vec![print(route_static(quote!()))];
    }
    let last = pieces.len() - 1;
    pieces
        .par_iter()
        .enumerate()
        .map(|(number, piece)| {
            let entries = piece.iter().map(&entry);
            let end = (number != last).then(|| {
                let end = proc_macro2::Ident::new(PIECE_END, proc_macro2::Span::call_site());
                quote!(, #end)
            });
            let text = print(route_static(quote!(#(#entries),* #end)))?;
            Ok(route_lines(&text, number == 0, number == last).to_owned())
        })
        .collect()
}

/// The `ROUTES` static with `entries` as its elements.
fn route_static(entries: TokenStream) -> TokenStream {
    quote! {
        #[doc = " Every documented route, in model order (by path, then method)."]
        pub static ROUTES: &[Route] = &[#entries];
    }
}

/// The lines of a printed piece of `ROUTES` that belong to the whole table: the opening
/// lines only in the first piece, the closing line only in the last, never [`PIECE_END`].
fn route_lines(text: &str, first: bool, last: bool) -> &str {
    let opening = "pub static ROUTES: &[Route] = &[\n";
    let start = match text.find(opening) {
        Some(at) if !first => at + opening.len(),
        _ => 0,
    };
    let end = match text.find(&format!("    {PIECE_END}")) {
        Some(at) if !last => at,
        _ => text.len(),
    };
    text.get(start..end).unwrap_or(text)
}

/// `http::Method`'s constant for a method, which a `static` needs (`from_bytes` is not
/// `const`). Extension methods have none; their routes are skipped.
fn method_tokens(method: &str) -> Option<TokenStream> {
    Some(match method.trim().to_ascii_uppercase().as_str() {
        "GET" => quote!(::http::Method::GET),
        "POST" => quote!(::http::Method::POST),
        "PUT" => quote!(::http::Method::PUT),
        "PATCH" => quote!(::http::Method::PATCH),
        "DELETE" => quote!(::http::Method::DELETE),
        "HEAD" => quote!(::http::Method::HEAD),
        "OPTIONS" => quote!(::http::Method::OPTIONS),
        "CONNECT" => quote!(::http::Method::CONNECT),
        "TRACE" => quote!(::http::Method::TRACE),
        _ => return None,
    })
}

fn entry_tokens(table_route: &TableRoute<'_>) -> TokenStream {
    let route = table_route.route;
    // `table_routes` kept only routes with a known method.
    let method = method_tokens(&route.method).unwrap_or_else(|| quote!(::http::Method::GET));
    let params: Vec<&str> = table_route.template.params().collect();
    let template = Literal::string(&table_route.template.to_string());
    let operation = Literal::string(&route.operation);
    let resource = option_str(route.resource.as_deref());
    let (request_type, request_collection) = type_use(route.request_type.as_ref());
    let (response_type, response_collection) = type_use(route.response_type.as_ref());
    let status = match route.status {
        Some(status) => {
            let status = Literal::u16_unsuffixed(status);
            quote!(::std::option::Option::Some(#status))
        }
        None => quote!(::std::option::Option::None),
    };
    let delegated_work = &route.permissions.delegated_work;
    let delegated_personal = &route.permissions.delegated_personal;
    let application = &route.permissions.application;
    let unspecified = &route.permissions.unspecified;
    quote! {
        Route {
            method: #method,
            template: #template,
            params: &[#(#params),*],
            operation: #operation,
            resource: #resource,
            request_type: #request_type,
            request_collection: #request_collection,
            response_type: #response_type,
            response_collection: #response_collection,
            status: #status,
            permissions: Permissions {
                delegated_work: &[#(#delegated_work),*],
                delegated_personal: &[#(#delegated_personal),*],
                application: &[#(#application),*],
                unspecified: &[#(#unspecified),*],
            },
        }
    }
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    }
}

fn type_use(value: Option<&TypeUse>) -> (TokenStream, bool) {
    (
        option_str(value.map(|t| t.name.as_str())),
        value.is_some_and(|t| t.collection),
    )
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    /// The route table printed in pieces is the table printed whole: checked on the
    /// checked-in crate's table, in pieces of 1, 2 and 5 entries.
    #[test]
    fn route_table_pieces_print_as_the_whole_table() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/src/routes.rs");
        let file = syn::parse_file(&std::fs::read_to_string(path).unwrap()).unwrap();
        let table = file
            .items
            .into_iter()
            .find_map(|item| match item {
                syn::Item::Static(item) if item.ident == "ROUTES" => Some(item),
                _ => None,
            })
            .expect("ROUTES");
        let syn::Expr::Reference(reference) = &*table.expr else {
            panic!("ROUTES is a reference to an array");
        };
        let syn::Expr::Array(array) = &*reference.expr else {
            panic!("ROUTES is a reference to an array");
        };
        // As text: tokens cannot cross threads.
        let entries: Vec<String> = array
            .elems
            .iter()
            .map(|e| e.to_token_stream().to_string())
            .collect();
        assert!(entries.len() > 5, "enough entries to make pieces");
        let whole = super::print(table.into_token_stream()).unwrap();
        for per_piece in [1, 2, 5] {
            let pieces = super::print_table(&entries, per_piece, |e| e.parse().unwrap());
            let joined: String = pieces.into_iter().map(Result::unwrap).collect();
            assert_eq!(joined, whole, "pieces of {per_piece}");
        }
    }
}
