//! Resolves merged types: picks each property's winning documentation, reports conflicts,
//! and creates enum types the docs imply but never define on a page of their own.
//!
//! - A property linked or named to a type that no page defines, with a values list, names an
//!   enum whose members are the union of the lists (precedence order) — origin `values_list`.
//! - A property typed `Enumeration` gets a synthesised enum named owner type + property name
//!   (`managedDeviceCertificateState` + `devicePlatform` →
//!   `managedDeviceCertificateStateDevicePlatform`) — origin `synthesised`.
//! - A property typed `String` with a values list stays `String` and keeps its `values`.

use std::collections::{BTreeMap, HashSet};

use docgen_ir::{Diagnostic, Primitive, PropertyRow};

use crate::merge::{kind_of, PropertyAcc, TypeAcc, Types};
use crate::model::{Member, Origin, Property, TypeDef, TypeKind};

/// Enum members collected from values lists, by lower-cased enum name.
struct ImpliedEnum {
    name: String,
    namespace: Option<String>,
    origin: Origin,
    members: Vec<(String, String)>,
    sources: Vec<String>,
}

pub(crate) fn resolve(
    types: Types,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, TypeDef> {
    let mut implied: BTreeMap<String, ImpliedEnum> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for (key, acc) in &types {
        let kind = kind_of(acc);
        let mut properties = Vec::new();
        for prop in &acc.properties {
            report_conflicts(acc, prop, diagnostics);
            properties.push(resolve_property(
                acc,
                prop,
                &types,
                &mut implied,
                diagnostics,
            ));
        }
        let relationships = acc
            .relationships
            .iter()
            .map(|r| {
                report_conflicts(acc, r, diagnostics);
                plain_property(r)
            })
            .collect();
        let members = acc
            .members
            .iter()
            .map(|(m, source)| Member {
                name: m.name.clone(),
                value: m.value,
                description: m.description.clone(),
                source: source.clone(),
            })
            .collect();
        out.insert(
            key.clone(),
            TypeDef {
                name: acc.name.clone(),
                namespace: acc.namespace.clone(),
                kind,
                base: acc.base.as_ref().map(|(b, _, _)| b.clone()),
                properties: if kind == TypeKind::Enum {
                    Vec::new()
                } else {
                    properties
                },
                relationships,
                members,
                description: acc.description.clone(),
                origin: acc.origin,
                sources: acc.sources.clone(),
            },
        );
    }
    for (key, implied) in implied {
        if out.contains_key(&key) {
            continue;
        }
        out.insert(
            key,
            TypeDef {
                name: implied.name,
                namespace: implied.namespace,
                kind: TypeKind::Enum,
                base: None,
                properties: Vec::new(),
                relationships: Vec::new(),
                members: implied
                    .members
                    .into_iter()
                    .map(|(name, source)| Member {
                        name,
                        value: None,
                        description: None,
                        source,
                    })
                    .collect(),
                description: None,
                origin: implied.origin,
                sources: implied.sources,
            },
        );
    }
    promote_entities(&mut out);
    canonicalise(&mut out, diagnostics);
    out
}

fn plain_property(acc: &PropertyAcc) -> Property {
    let (row, source) = acc.winner();
    Property {
        name: row.name.clone(),
        type_name: row.type_ref.name.clone(),
        collection: row.type_ref.collection,
        values: None,
        description: row.description.clone(),
        source: source.clone(),
    }
}

fn resolve_property(
    owner: &TypeAcc,
    prop: &PropertyAcc,
    types: &Types,
    implied: &mut BTreeMap<String, ImpliedEnum>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Property {
    let (row, source) = prop.winner();
    let mut property = plain_property(prop);
    let lists: Vec<(&PropertyRow, &String)> = prop
        .rows
        .iter()
        .filter(|(r, _)| !r.values.is_empty())
        .map(|(r, s)| (r, s))
        .collect();
    if row.type_ref.is_enumeration_keyword() {
        if lists.is_empty() {
            diagnostics.push(Diagnostic::warning(
                "enum-without-values",
                file_of(source),
                line_of(source),
                format!(
                    "`{}` is typed Enumeration but lists no values; typed String",
                    row.name
                ),
            ));
            property.type_name = Primitive::String.name().to_owned();
            return property;
        }
        let name = format!("{}{}", owner.name, upper_first(&row.name));
        property.type_name = name.clone();
        add_implied(
            implied,
            &name,
            owner,
            Origin::Synthesised,
            &lists,
            diagnostics,
        );
        return property;
    }
    if row.type_ref.primitive().is_some() {
        if let Some((first, _)) = lists.first() {
            let is_string = row.type_ref.primitive() == Some(Primitive::String);
            match is_string
                .then(|| documented_enum(&row.name, &first.values, types))
                .flatten()
            {
                Some(name) => property.type_name = name,
                None => property.values = Some(first.values.clone()),
            }
        }
        return property;
    }
    let defined = types.contains_key(&row.type_ref.name.to_ascii_lowercase());
    if !defined && !lists.is_empty() {
        add_implied(
            implied,
            &row.type_ref.name,
            owner,
            Origin::ValuesList,
            &lists,
            diagnostics,
        );
    }
    property
}

/// The documented enum a `String` property's values list names: the enum page (or inline
/// enum) whose members include every listed value. When several do, the one whose name the
/// property's name ends with (`markImportance` → `importance`); otherwise none.
fn documented_enum(property: &str, values: &[String], types: &Types) -> Option<String> {
    if values.len() < 2 {
        return None;
    }
    let candidates: Vec<&TypeAcc> = types
        .values()
        .filter(|t| t.enum_page && !t.members.is_empty())
        .filter(|t| {
            values
                .iter()
                .all(|v| t.members.iter().any(|(m, _)| &m.name == v))
        })
        .collect();
    let property = property.to_ascii_lowercase();
    match candidates.as_slice() {
        [only] => Some(only.name.clone()),
        many => {
            let named: Vec<&&TypeAcc> = many
                .iter()
                .filter(|t| property.ends_with(&t.name.to_ascii_lowercase()))
                .collect();
            match named.as_slice() {
                [only] => Some(only.name.clone()),
                _ => None,
            }
        }
    }
}

fn add_implied(
    implied: &mut BTreeMap<String, ImpliedEnum>,
    name: &str,
    owner: &TypeAcc,
    origin: Origin,
    lists: &[(&PropertyRow, &String)],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let entry = implied
        .entry(name.to_ascii_lowercase())
        .or_insert_with(|| ImpliedEnum {
            name: name.to_owned(),
            namespace: owner.namespace.clone(),
            origin,
            members: Vec::new(),
            sources: Vec::new(),
        });
    let first_list = entry.members.is_empty();
    // Members already in, so that a long values list is linear rather than quadratic.
    let mut known: HashSet<String> = entry.members.iter().map(|(m, _)| m.clone()).collect();
    for (index, (row, source)) in lists.iter().enumerate() {
        entry.sources.push((*source).clone());
        for value in &row.values {
            if !known.insert(value.clone()) {
                continue;
            }
            if !(first_list && index == 0) {
                diagnostics.push(Diagnostic::note(
                    "enum-values-differ",
                    file_of(source),
                    line_of(source),
                    format!(
                        "`{value}` of `{name}` is listed here but not by the list that takes \
                         precedence; added"
                    ),
                ));
            }
            entry.members.push((value.clone(), (*source).clone()));
        }
    }
}

/// Reports where lower-precedence pages give a property another type or collection flag.
fn report_conflicts(owner: &TypeAcc, prop: &PropertyAcc, diagnostics: &mut Vec<Diagnostic>) {
    let (winner, winner_at) = prop.winner();
    for (row, at) in prop.rows.iter().skip(1) {
        let same_type = row
            .type_ref
            .name
            .eq_ignore_ascii_case(&winner.type_ref.name);
        if same_type && row.type_ref.collection == winner.type_ref.collection {
            continue;
        }
        // `String` or `Enumeration` where the winner names an enum is the same fact, less
        // precisely said; a note, not a warning.
        let vaguer = winner.type_ref.primitive().is_none()
            && (row.type_ref.is_enumeration_keyword()
                || row.type_ref.primitive() == Some(Primitive::String))
            && row.type_ref.collection == winner.type_ref.collection;
        let describe = |r: &PropertyRow| {
            if r.type_ref.collection {
                format!("Collection({})", r.type_ref.name)
            } else {
                r.type_ref.name.clone()
            }
        };
        let message = format!(
            "`{}.{}` is typed `{}` here but `{}` on a page that takes precedence; kept `{}`",
            owner.name,
            winner.name,
            describe(row),
            describe(winner),
            describe(winner)
        );
        let diagnostic = if vaguer {
            Diagnostic::note("conflicting-property", file_of(at), line_of(at), message)
        } else {
            Diagnostic::warning("conflicting-property", file_of(at), line_of(at), message)
        };
        diagnostics.push(diagnostic.with_related(winner_at.clone()));
    }
}

/// A type whose base chain reaches `entity` or an entity type is an entity too.
fn promote_entities(types: &mut BTreeMap<String, TypeDef>) {
    loop {
        let promote: Vec<String> = types
            .iter()
            .filter(|(_, t)| t.kind == TypeKind::Complex)
            .filter(|(_, t)| {
                t.base.as_ref().is_some_and(|b| {
                    b.eq_ignore_ascii_case("entity")
                        || types
                            .get(&b.to_ascii_lowercase())
                            .is_some_and(|base| base.kind == TypeKind::Entity)
                })
            })
            .map(|(k, _)| k.clone())
            .collect();
        if promote.is_empty() {
            return;
        }
        for key in promote {
            if let Some(t) = types.get_mut(&key) {
                t.kind = TypeKind::Entity;
            }
        }
    }
}

/// Spells every type reference the way the type's own winning page does, and reports names
/// no page defines.
fn canonicalise(types: &mut BTreeMap<String, TypeDef>, diagnostics: &mut Vec<Diagnostic>) {
    let names = crate::merge::canonical_names(types);
    for def in types.values_mut() {
        if let Some(base) = &mut def.base {
            if let Some(canonical) = names.get(&base.to_ascii_lowercase()) {
                *base = canonical.clone();
            }
        }
        for prop in def
            .properties
            .iter_mut()
            .chain(def.relationships.iter_mut())
        {
            if Primitive::from_doc_name(&prop.type_name).is_some() {
                continue;
            }
            match names.get(&prop.type_name.to_ascii_lowercase()) {
                Some(canonical) => prop.type_name = canonical.clone(),
                None => diagnostics.push(Diagnostic::note(
                    "type-undefined",
                    file_of(&prop.source),
                    line_of(&prop.source),
                    format!(
                        "`{}.{}` refers to `{}`, which no page defines",
                        def.name, prop.name, prop.type_name
                    ),
                )),
            }
        }
    }
}

pub(crate) fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Splits a `file:line` source back into its parts.
pub(crate) fn file_of(source: &str) -> &str {
    source.rsplit_once(':').map_or(source, |(file, _)| file)
}

pub(crate) fn line_of(source: &str) -> u32 {
    source
        .rsplit_once(':')
        .and_then(|(_, line)| line.parse().ok())
        .unwrap_or(1)
}
