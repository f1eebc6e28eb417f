//! `polymorphic.rs` of the generated crate: one enum per base type with derived types.
//!
//! Deserialising reads the value as JSON, looks at its `@odata.type` and deserialises the
//! matching struct; no `@odata.type`, or the base's own, gives the base. Types are matched by
//! their name after the last `.`, ignoring ASCII case and a leading `#` (`#microsoft.graph.x`,
//! `microsoft.graph.x` and `x` are one type; the docs write all three). A type the crate does
//! not know is kept as JSON in the fallback variant and serialised back unchanged. Variants
//! are boxed: derived structs run to hundreds of fields, and a list of mixed types should
//! not take the largest one's size per item.
//!
//! With features ([`crate::areas`]), an enum is behind its base's area, and the variant of a
//! derived type in an area the base's does not enable is behind that area's feature, with
//! its match arms: with the area off, such a value is read into the fallback, JSON kept.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::areas::Areas;
use crate::family::{AnyEnum, Families};
use crate::naming::{sanitize, Case, Scope};
use crate::output::{print_each, Module};
use crate::resolve::TypeTable;
use crate::text::doc_attrs;

/// The doc name of the fallback variant (a derived type called `other` keeps `Other`).
const FALLBACK: &str = "Other";

pub(crate) fn generate(table: &TypeTable<'_>, families: &Families, areas: &Areas) -> Module {
    let members: Vec<_> = families.iter().collect();
    let enums = print_each(&members, |&(base, any)| {
        enum_tokens(table, base, any, areas)
    });
    // Without enums the helper would be dead code; so it would with their features off.
    let needs: Vec<Vec<usize>> = families
        .iter()
        .map(|(base, _)| vec![areas.of_type(base)])
        .collect();
    let helper_cfg = areas.cfg_any(&needs);
    let helper = (!enums.is_empty()).then(|| {
        quote! {
            #[doc = " The key an `@odata.type` value is matched by: the name after `#` and the last"]
            #[doc = " `.`, lower-cased."]
            #helper_cfg
            fn type_key(odata_type: &str) -> ::std::string::String {
                let name = odata_type.trim_start_matches('#');
                name.rsplit('.').next().unwrap_or(name).to_ascii_lowercase()
            }
        }
    });
    let head = quote! {
        #![doc = " Polymorphic enums: for each base type with derived types, `Any` + its name holds"]
        #![doc = " the base or any derived type, chosen by `@odata.type`, or unknown JSON."]

        #helper
    };
    Module { head, items: enums }
}

// reason: `base` and every member are type indices the family table took from `table`.
#[allow(clippy::indexing_slicing)]
fn enum_tokens(table: &TypeTable<'_>, base: usize, any: &AnyEnum, areas: &Areas) -> TokenStream {
    let name = &any.name;
    let base_def = table.types[base].def;
    let reserved: Vec<&str> = any
        .members
        .iter()
        .map(|&member| table.types[member].name.as_str())
        .collect();
    let fallback = sanitize(
        FALLBACK,
        Case::UpperCamel,
        &mut Scope::with_reserved(&reserved),
    );

    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut serialize_arms = Vec::new();
    let mut odata_arms = Vec::new();
    let mut froms = Vec::new();
    let mut keys = BTreeSet::new();
    for &member in &any.members {
        let info = &table.types[member];
        let variant = &info.name;
        let path = table.path(member);
        let wire = format!(
            "#{}.{}",
            info.def.namespace.as_deref().unwrap_or("microsoft.graph"),
            info.def.name
        );
        let doc = if member == base {
            format!("`{wire}` (or no `@odata.type`): the base type itself.")
        } else {
            format!("`{wire}`.")
        };
        let gate = areas.cfg_reference(base, member);
        let gate_doc = areas
            .extra(base, member)
            .map(|area| format!("Only with the `{}` feature.", areas.name(area)));
        let doc = doc_attrs([Some(doc), gate_doc].into_iter().flatten());
        variants.push(quote!(#doc #gate #variant(::std::boxed::Box<#path>),));
        // Two members with one name in different namespaces: the first is read; the other
        // is still a variant for building values.
        let key = info.def.name.to_ascii_lowercase();
        if keys.insert(key.clone()) {
            let key = Literal::string(&key);
            let read = quote! {
                ::serde_json::from_value(value)
                    .map(|value| Self::#variant(::std::boxed::Box::new(value)))
                    .map_err(::serde::de::Error::custom)
            };
            if member == base {
                arms.push(quote!(::std::option::Option::None => #read,));
            }
            arms.push(quote!(#gate ::std::option::Option::Some(#key) => #read,));
        }
        serialize_arms.push(
            quote!(#gate Self::#variant(value) => ::serde::Serialize::serialize(&**value, serializer),),
        );
        odata_arms.push(quote!(#gate Self::#variant(value) => value.odata_type.as_deref(),));
        let from_cfg = areas.cfg(&[areas.of_type(base), areas.of_type(member)]);
        froms.push(quote! {
            #from_cfg
            impl ::std::convert::From<#path> for #name {
                fn from(value: #path) -> Self {
                    Self::#variant(::std::boxed::Box::new(value))
                }
            }
        });
    }

    let mut paragraphs = vec![
        format!(
            "Any `{}`: the base type itself, a type derived from it (directly or not), or the \
             JSON of a derived type this crate does not know, chosen by `@odata.type` when \
             deserialising.",
            base_def.name
        ),
        "Serialising writes the value back as it was read.".to_owned(),
    ];
    paragraphs.extend(areas.doc(areas.of_type(base)));
    let docs = doc_attrs(paragraphs);
    let cfg = areas.cfg_type(base);
    let eq = if any.eq {
        quote!(::std::cmp::Eq,)
    } else {
        quote!()
    };
    quote! {
        #docs
        #cfg
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, #eq)]
        // New derived types are documented over time; adding a variant is additive.
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = " A derived type this crate does not know (yet), kept as received."]
            #fallback(::serde_json::Value),
        }

        #cfg
        impl #name {
            #[doc = " The value's `@odata.type` annotation, as received or set."]
            pub fn odata_type(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#odata_arms)*
                    Self::#fallback(value) => value
                        .get("@odata.type")
                        .and_then(::serde_json::Value::as_str),
                }
            }
        }

        #(#froms)*

        #cfg
        impl ::serde::Serialize for #name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: ::serde::Serializer,
            {
                match self {
                    #(#serialize_arms)*
                    Self::#fallback(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        #cfg
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let key = value
                    .get("@odata.type")
                    .and_then(::serde_json::Value::as_str)
                    .map(type_key);
                match key.as_deref() {
                    #(#arms)*
                    ::std::option::Option::Some(_) => {
                        ::std::result::Result::Ok(Self::#fallback(value))
                    }
                }
            }
        }
    }
}
