//! `enums.rs` of the generated crate: one forward-compatible enum per enum type.
//!
//! Graph adds enum members over time (`unknownFutureValue` and beyond), so each enum has a
//! fallback variant holding any other string: deserialising an unknown member never fails
//! and re-serialises unchanged. Serde is implemented by hand through `as_str` and
//! `From<String>` because `#[serde(other)]` cannot keep the unknown text.
//!
//! Derives: `Eq`, `Hash` and `Ord` always hold (variants and a `String`); `Copy` never does,
//! since the fallback owns its text. Documented member values are associated constants,
//! with `value()` and `from_value()` between variants and numbers.
//!
//! With features ([`crate::areas`]), an enum and its impls are behind its area's feature.

use std::collections::BTreeSet;

use docgen_ir::Diagnostic;
use docgen_model::{Member, TypeKind};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use rayon::prelude::*;

use crate::areas::Areas;
use crate::naming::{sanitize, Case, RustName, Scope};
use crate::output::{print, Module, Printed};
use crate::resolve::{TypeInfo, TypeTable};
use crate::text::{doc_attrs, location};

/// The doc name the fallback variant is sanitised from (after the members, so a member
/// called `other` keeps `Other` and the fallback becomes `Other2`).
const FALLBACK: &str = "Other";

/// Method names of the generated `impl`; member constants must not take them.
const METHODS: [&str; 3] = ["as_str", "value", "from_value"];

struct Variant<'m> {
    member: &'m Member,
    name: RustName,
    /// The associated constant holding the documented numeric value.
    constant: Option<RustName>,
}

pub(crate) fn generate(
    table: &TypeTable<'_>,
    areas: &Areas,
    diagnostics: &mut Vec<Diagnostic>,
) -> Module {
    let enums: Vec<(usize, &TypeInfo<'_>)> = table
        .types
        .iter()
        .enumerate()
        .filter(|(_, info)| info.def.kind == TypeKind::Enum)
        .collect();
    // Built and printed in parallel; each enum's notes are kept in type order.
    let built: Vec<(Printed, Vec<Diagnostic>)> = enums
        .par_iter()
        .map(|&(index, info)| {
            let mut notes = Vec::new();
            let doc = areas.doc(areas.of_type(index));
            let tokens = enum_tokens(info, areas.cfg_type(index), doc, &mut notes);
            (print(tokens), notes)
        })
        .collect();
    let mut items = Vec::with_capacity(built.len());
    for (printed, mut notes) in built {
        items.push(printed);
        diagnostics.append(&mut notes);
    }
    let head = quote! {
        #![doc = " Enums for the enumeration types. Each keeps unknown members in a fallback"]
        #![doc = " variant, so values added to the service later still round-trip."]
    };
    Module { head, items }
}

/// The enum of `info` and its impls, each under `cfg`; `feature_doc` ends its docs.
fn enum_tokens(
    info: &TypeInfo<'_>,
    cfg: TokenStream,
    feature_doc: Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> TokenStream {
    let def = info.def;
    let name = &info.name;

    // One variant per wire name: a repeated member would be an unreachable match arm.
    let mut wire_names = BTreeSet::new();
    let mut variant_scope = Scope::new();
    let mut variants = Vec::new();
    for member in &def.members {
        if !wire_names.insert(member.name.as_str()) {
            let (file, line) = location(&member.source);
            diagnostics.push(Diagnostic::note(
                "duplicate-member",
                file,
                line,
                format!(
                    "enum `{}` lists member `{}` twice; the first is used",
                    def.name, member.name
                ),
            ));
            continue;
        }
        let name = sanitize(&member.name, Case::UpperCamel, &mut variant_scope);
        variants.push(Variant {
            member,
            name,
            constant: None,
        });
    }
    let fallback = sanitize(FALLBACK, Case::UpperCamel, &mut variant_scope);

    // Variants and associated items share `Self::` paths, so constants steer around both.
    let mut reserved: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    reserved.push(fallback.as_str());
    reserved.extend(METHODS);
    let mut item_scope = Scope::with_reserved(&reserved);
    for variant in &mut variants {
        if variant.member.value.is_some() {
            variant.constant = Some(sanitize(
                &variant.member.name,
                Case::ScreamingSnake,
                &mut item_scope,
            ));
        }
    }

    let docs = doc_attrs(
        [def.description.clone().unwrap_or_default()]
            .into_iter()
            .chain(feature_doc),
    );
    let variant_defs = variants.iter().map(|v| {
        let docs = doc_attrs([v.member.description.clone().unwrap_or_default()]);
        let variant = &v.name;
        quote!(#docs #variant,)
    });
    let constants = variants.iter().filter_map(|v| {
        let constant = v.constant.as_ref()?;
        let value = Literal::i64_unsuffixed(v.member.value?);
        let docs = doc_attrs([format!(
            "The documented numeric value of `{}`.",
            v.member.name
        )]);
        Some(quote!(#docs pub const #constant: i64 = #value;))
    });
    let as_str = as_str_body(&variants, &fallback);
    let value_fn = value_fn(&variants, &fallback);
    let from_str = from_body(
        &variants,
        &fallback,
        quote!(value),
        quote!(::std::string::String::from(value)),
    );
    let from_string = from_body(&variants, &fallback, quote!(value.as_str()), quote!(value));

    quote! {
        #docs
        #cfg
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            ::std::cmp::Eq,
            ::std::hash::Hash,
            ::std::cmp::PartialOrd,
            ::std::cmp::Ord,
        )]
        // Members are added to the service every month; non_exhaustive makes adding a
        // variant a minor (additive) change for this crate's users.
        #[non_exhaustive]
        pub enum #name {
            #(#variant_defs)*
            #[doc = " A value this crate does not know (yet), kept exactly as received."]
            #fallback(::std::string::String),
        }

        #cfg
        impl #name {
            #(#constants)*

            #[doc = " The wire value."]
            pub fn as_str(&self) -> &str {
                #as_str
            }

            #value_fn
        }

        #cfg
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_str
            }
        }

        #cfg
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                #from_string
            }
        }

        #cfg
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let value: ::std::string::String =
                    ::serde::Deserialize::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value))
            }
        }
    }
}

fn as_str_body(variants: &[Variant<'_>], fallback: &RustName) -> TokenStream {
    if variants.is_empty() {
        // A one-arm match trips `clippy::match_single_binding`-style lints; a let does not.
        return quote! {
            let Self::#fallback(value) = self;
            value.as_str()
        };
    }
    let arms = variants.iter().map(|v| {
        let variant = &v.name;
        let wire = Literal::string(&v.member.name);
        quote!(Self::#variant => #wire,)
    });
    quote! {
        match self {
            #(#arms)*
            Self::#fallback(value) => value.as_str(),
        }
    }
}

/// `value()` maps variants to their documented numbers and `from_value()` back; only
/// emitted when the docs give at least one.
fn value_fn(variants: &[Variant<'_>], fallback: &RustName) -> TokenStream {
    if variants.iter().all(|v| v.constant.is_none()) {
        return TokenStream::new();
    }
    // Two members documented with one number: the first is what the number means (a second
    // arm would be unreachable).
    let mut seen = BTreeSet::new();
    let from_arms = variants.iter().filter_map(|v| {
        let constant = v.constant.as_ref()?;
        if !seen.insert(v.member.value?) {
            return None;
        }
        let variant = &v.name;
        Some(quote!(Self::#constant => ::std::option::Option::Some(Self::#variant),))
    });
    let arms = variants.iter().map(|v| {
        let variant = &v.name;
        match &v.constant {
            Some(constant) => {
                quote!(Self::#variant => ::std::option::Option::Some(Self::#constant),)
            }
            None => quote!(Self::#variant => ::std::option::Option::None,),
        }
    });
    quote! {
        #[doc = " The documented numeric value, when the docs give one."]
        pub fn value(&self) -> ::std::option::Option<i64> {
            match self {
                #(#arms)*
                Self::#fallback(_) => ::std::option::Option::None,
            }
        }

        #[doc = " The member the docs give the numeric value `value`, if any."]
        pub fn from_value(value: i64) -> ::std::option::Option<Self> {
            match value {
                #(#from_arms)*
                _ => ::std::option::Option::None,
            }
        }
    }
}

/// The body of a `From` conversion: `text` reads `value` as `&str`, `other` turns it into
/// the fallback's `String`.
fn from_body(
    variants: &[Variant<'_>],
    fallback: &RustName,
    text: TokenStream,
    other: TokenStream,
) -> TokenStream {
    if variants.is_empty() {
        return quote!(Self::#fallback(#other));
    }
    let arms = variants.iter().map(|v| {
        let variant = &v.name;
        let wire = Literal::string(&v.member.name);
        quote!(#wire => Self::#variant,)
    });
    quote! {
        match #text {
            #(#arms)*
            _ => Self::#fallback(#other),
        }
    }
}
