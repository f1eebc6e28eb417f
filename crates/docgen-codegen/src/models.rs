//! `models.rs` of the generated crate: one struct per entity and complex type.
//!
//! Every field is an `Option` that is skipped when `None`, so the same struct serves reads
//! (the service may omit anything, `$select` omits most) and PATCH bodies (only what the
//! caller set is sent). A field whose type has derived types holds its polymorphic enum.
//! With features ([`crate::areas`]), a struct is behind its area's feature, and a field
//! whose type is in an area the struct's does not enable is behind that area's too.

use docgen_ir::Primitive;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::areas::Areas;
use crate::family::Families;
use crate::layout::{Field, StructLayout, ODATA_TYPE};
use crate::output::{print_each, Module};
use crate::resolve::{primitive_type, Resolved, TypeTable};
use crate::text::doc_attrs;

pub(crate) fn generate(
    table: &TypeTable<'_>,
    families: &Families,
    layouts: &[StructLayout<'_>],
    areas: &Areas,
) -> Module {
    let head = quote! {
        #![doc = " Structs for the entity and complex types. Every field is optional and skipped"]
        #![doc = " when `None`, so a PATCH body carries only the fields that were set."]
    };
    let items = print_each(layouts, |layout| {
        struct_tokens(table, families, layout, areas)
    });
    Module { head, items }
}

// reason: `layout.type_index` and the bases are type indices from `table`.
#[allow(clippy::indexing_slicing)]
fn struct_tokens(
    table: &TypeTable<'_>,
    families: &Families,
    layout: &StructLayout<'_>,
    areas: &Areas,
) -> TokenStream {
    let info = &table.types[layout.type_index];
    let def = info.def;
    let name = &info.name;

    let mut paragraphs = vec![def.description.clone().unwrap_or_default()];
    if let Some(&base) = layout.bases.first() {
        paragraphs.push(format!(
            "Derived from `{}`; carries its base types' properties too.",
            table.types[base].def.name
        ));
    }
    if let Some(any) = families.any(layout.type_index) {
        paragraphs.push(format!(
            "Other types derive from it: read a value that may be of a derived type as \
             [`crate::polymorphic::{}`].",
            any.name
        ));
    }
    paragraphs.extend(areas.doc(areas.of_type(layout.type_index)));
    let docs = doc_attrs(paragraphs);
    let cfg = areas.cfg_type(layout.type_index);

    let eq = if layout.eq {
        quote!(::std::cmp::Eq,)
    } else {
        quote!()
    };
    let odata_field = &layout.odata_type;
    let fields = layout
        .fields
        .iter()
        .map(|field| field_tokens(table, families, field, areas, layout.type_index));
    let skip = skip_if_none();

    // The qualified `@odata.type` value, when the docs say the namespace: what a PATCH of a
    // derived type, or a create of a polymorphic one, must send.
    let namespace = def.namespace.as_deref().filter(|_| !def.name.is_empty());
    let odata_const = namespace.map(|namespace| {
        let value = Literal::string(&format!("#{namespace}.{}", def.name));
        let const_doc = doc_attrs([format!("The `{ODATA_TYPE}` value that names this type.")]);
        quote! {
            #cfg
            impl #name {
                #const_doc
                pub const ODATA_TYPE: &str = #value;
            }
        }
    });

    quote! {
        #docs
        #cfg
        #[derive(
            ::std::fmt::Debug,
            ::std::clone::Clone,
            ::std::cmp::PartialEq,
            #eq
            ::std::default::Default,
            ::serde::Serialize,
            ::serde::Deserialize,
        )]
        // Docs add properties every month; non_exhaustive makes a new field a minor
        // (additive) change. Build values with `Default::default()` and assign fields.
        #[non_exhaustive]
        pub struct #name {
            #[doc = " The `@odata.type` annotation: the concrete type of a polymorphic value."]
            #[serde(rename = #ODATA_TYPE, default, skip_serializing_if = #skip)]
            pub #odata_field: ::std::option::Option<::std::string::String>,
            #(#fields)*
        }
        #odata_const
    }
}

fn field_tokens(
    table: &TypeTable<'_>,
    families: &Families,
    field: &Field<'_>,
    areas: &Areas,
    owner: usize,
) -> TokenStream {
    let prop = field.prop;
    let mut paragraphs = vec![prop.description.clone().unwrap_or_default()];
    let mut with = None;
    let mut ty = match field.ty {
        Resolved::Primitive(primitive) => {
            if primitive == Primitive::Decimal {
                paragraphs.push(
                    "`Edm.Decimal`, carried as `f64`: digits beyond its precision are rounded."
                        .to_owned(),
                );
            }
            // Stream fields never reach here (the layout drops them); JSON stays a safe
            // fallback rather than a panic.
            match primitive_type(&quote!(crate), primitive) {
                Some(carried) => {
                    with = carried.with;
                    carried.ty
                }
                None => quote!(::serde_json::Value),
            }
        }
        Resolved::Struct(index) => match families.any(index) {
            Some(any) if field.poly => {
                let name = &any.name;
                quote!(crate::polymorphic::#name)
            }
            _ => table.path(index),
        },
        Resolved::Enum(index) => table.path(index),
        Resolved::Unresolved => {
            paragraphs.push(format!(
                "The docs give its type as `{}`, which the model does not define: kept as JSON.",
                prop.type_name
            ));
            quote!(::serde_json::Value)
        }
    };
    if let Some(values) = prop.values.as_ref().filter(|values| !values.is_empty()) {
        let list: Vec<String> = values.iter().map(|value| format!("`{value}`")).collect();
        paragraphs.push(format!("Possible values: {}.", list.join(", ")));
    }
    let mut cfg = TokenStream::new();
    if let Resolved::Struct(target) | Resolved::Enum(target) = field.ty {
        if let Some(area) = areas.extra(owner, target) {
            paragraphs.push(format!(
                "Only with the `{}` feature, its type's area.",
                areas.name(area)
            ));
            cfg = areas.cfg(&[area]);
        }
    }
    if field.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if prop.collection {
        ty = quote!(::std::vec::Vec<#ty>);
    }
    let docs = doc_attrs(paragraphs);
    let name = &field.name;
    let wire = Literal::string(&prop.name);
    let skip = skip_if_none();
    let with = with.map(|module| {
        let helper = if prop.collection {
            "option_vec"
        } else {
            "option"
        };
        let path = Literal::string(&format!("{module}::{helper}"));
        quote!(, with = #path)
    });
    quote! {
        #docs
        #cfg
        #[serde(rename = #wire, default, skip_serializing_if = #skip #with)]
        pub #name: ::std::option::Option<#ty>,
    }
}

fn skip_if_none() -> Literal {
    Literal::string("::std::option::Option::is_none")
}
