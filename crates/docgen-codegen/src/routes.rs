//! `routes.rs` of the generated crate: the route table and one path builder per route.
//!
//! Each builder takes one `&str` per path parameter, in template order, and percent-encodes
//! each through the crate's single `encode_path`, so an ID holding `/`, `'` or `%` can never
//! change which resource a request addresses. Builder names come from the method and the
//! literal text of the path (`GET /users/{id}/messages` -> `get_users_messages`); routes
//! that differ only in parameters get `_2`, `_3`... in route order.

use docgen_ir::{Diagnostic, PathPart, PathTemplate};
use docgen_model::{Model, Route, TypeUse};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::naming::{sanitize, Case, Scope};
use crate::text::{doc_attrs, location};

/// Module items the builders must not be named after.
const MODULE_ITEMS: [&str; 1] = ["encode_path"];

/// Names a builder's body uses: its local variable and the module's `encode_path`, which a
/// parameter of the same name would shadow.
const BUILDER_NAMES: [&str; 2] = ["out", "encode_path"];

pub(crate) fn generate(model: &Model, diagnostics: &mut Vec<Diagnostic>) -> TokenStream {
    let mut fn_scope = Scope::with_reserved(&MODULE_ITEMS);
    let mut entries = Vec::new();
    let mut builders = Vec::new();
    for route in &model.routes {
        let (file, line) = location(&route.source);
        let Some(method) = method_tokens(&route.method) else {
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
        };
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
        entries.push(entry_tokens(route, &method, &template, &params));
        builders.push(builder_tokens(route, &template, &mut fn_scope));
    }

    let runtime = runtime_items();
    quote! {
        #![doc = " The route table, and a path builder per route that percent-encodes every"]
        #![doc = " parameter."]

        #runtime

        #[doc = " Every documented route, in model order (by path, then method)."]
        pub static ROUTES: &[Route] = &[#(#entries),*];

        #(#builders)*
    }
}

/// The hand-written part of `routes.rs`: `PathError`, `Permissions`, `Route` with its
/// generic `path`, and `encode_path`, the one function that encodes parameters.
fn runtime_items() -> TokenStream {
    quote! {
        #[doc = " A path had the wrong number of arguments for its route's template."]
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::marker::Copy,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
        )]
        pub struct PathError {
            #[doc = " The number of parameters in the template."]
            pub expected: usize,
            #[doc = " The number of arguments given."]
            pub got: usize,
        }

        impl ::std::fmt::Display for PathError {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(
                    f,
                    "the route takes {} path arguments, {} were given",
                    self.expected,
                    self.got
                )
            }
        }

        impl ::std::error::Error for PathError {}

        #[doc = " The permission scopes an operation documents, least privileged first."]
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::marker::Copy,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
        )]
        pub struct Permissions {
            #[doc = " Delegated (work or school account)."]
            pub delegated_work: &'static [&'static str],
            #[doc = " Delegated (personal Microsoft account)."]
            pub delegated_personal: &'static [&'static str],
            #[doc = " Application."]
            pub application: &'static [&'static str],
            #[doc = " Listed without saying which kind (older pages' \"Prerequisites\")."]
            pub unspecified: &'static [&'static str],
        }

        #[doc = " One documented operation."]
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
        )]
        pub struct Route {
            #[doc = " The HTTP method."]
            pub method: ::http::Method,
            #[doc = " The path template, without host or API version (`/users/{user-id}`)."]
            pub template: &'static str,
            #[doc = " The template's parameters, in order."]
            pub params: &'static [&'static str],
            #[doc = " `list`, `get`, `create`, `update`, `delete`, `action`, `function`..."]
            pub operation: &'static str,
            #[doc = " The type the operation acts on, as the docs name it."]
            pub resource: ::std::option::Option<&'static str>,
            #[doc = " The request body's type, as the docs name it."]
            pub request_type: ::std::option::Option<&'static str>,
            #[doc = " Whether the request body is a collection of `request_type`."]
            pub request_collection: bool,
            #[doc = " The response body's type, as the docs name it."]
            pub response_type: ::std::option::Option<&'static str>,
            #[doc = " Whether the response body is a collection of `response_type`."]
            pub response_collection: bool,
            #[doc = " The documented success status."]
            pub status: ::std::option::Option<u16>,
            #[doc = " The documented permissions."]
            pub permissions: Permissions,
        }

        impl Route {
            #[doc = " The template with `args` filled in order, each percent-encoded by"]
            #[doc = " [`encode_path`]."]
            pub fn path(
                &self,
                args: &[&str],
            ) -> ::std::result::Result<::std::string::String, PathError> {
                if args.len() != self.params.len() {
                    return ::std::result::Result::Err(PathError {
                        expected: self.params.len(),
                        got: args.len(),
                    });
                }
                let mut out = ::std::string::String::with_capacity(self.template.len());
                let mut rest = self.template;
                let mut args = args.iter();
                while let ::std::option::Option::Some(open) = rest.find('{') {
                    out.push_str(&rest[..open]);
                    let after = &rest[open + 1..];
                    let close = after.find('}').map_or(after.len(), |close| close + 1);
                    if let ::std::option::Option::Some(arg) = args.next() {
                        out.push_str(&encode_path(arg));
                    }
                    rest = &after[close..];
                }
                out.push_str(rest);
                ::std::result::Result::Ok(out)
            }
        }

        #[doc = " Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`)."]
        const PATH_SEGMENT: &::percent_encoding::AsciiSet = &::percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');

        #[doc = " Percent-encodes one path parameter: `/`, `'`, spaces, `%`, `{`, `}` and all"]
        #[doc = " non-ASCII are escaped, so a value can never add a path segment."]
        pub fn encode_path(segment: &str) -> ::std::borrow::Cow<'_, str> {
            ::percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT).into()
        }
    }
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

fn entry_tokens(
    route: &Route,
    method: &TokenStream,
    template: &PathTemplate,
    params: &[&str],
) -> TokenStream {
    let template = Literal::string(&template.to_string());
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

/// `pub fn get_users_messages(user_id: &str) -> String`, building the path piece by piece.
fn builder_tokens(route: &Route, template: &PathTemplate, fn_scope: &mut Scope) -> TokenStream {
    // The name reads the literal text only; the namespace of cast segments adds nothing.
    let mut name_source = route.method.clone();
    for part in template.components.iter().flat_map(|c| &c.parts) {
        if let PathPart::Literal(text) = part {
            name_source.push(' ');
            name_source.push_str(&text.replace("microsoft.graph.", ""));
        }
    }
    let name = sanitize(&name_source, Case::Snake, fn_scope);

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

    let mut summary = format!("`{} {}`", route.method, template);
    if !route.operation.is_empty() {
        summary.push_str(&format!(" ({})", route.operation));
    }
    summary.push('.');
    let mut paragraphs = vec![summary];
    if !args.is_empty() {
        paragraphs.push("Each parameter is percent-encoded by [`encode_path`].".to_owned());
    }
    let docs = doc_attrs(paragraphs);
    quote! {
        #docs
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
