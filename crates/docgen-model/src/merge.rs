//! Merges page IRs into one [`Model`].
//!
//! Pages are visited in [`precedence`](crate::precedence) order. The first page to state a fact
//! (a property's type, a type's base, a route) wins; a later page that states it differently
//! produces a diagnostic naming both places; a later page that adds a fact (a property the
//! others lack, such as an older page's `serverUrl`) contributes it. Type names match
//! case-insensitively (pages disagree on case) and keep the winning page's spelling.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};

use docgen_ir::{Diagnostic, ExampleRole, Located, MemberRow, Page, PageKind, PropertyRow};

use crate::model::{Model, Origin, TypeKind};
use crate::parameters;
use crate::precedence;
use crate::resolve;
use crate::routes;

/// A documented property with every place that documents it, winner first.
#[derive(Clone, Debug)]
pub(crate) struct PropertyAcc {
    pub rows: Vec<(PropertyRow, String)>,
}

impl PropertyAcc {
    // reason: a `PropertyAcc` is only ever created with one row (`add_rows`) and rows are
    //         only appended, never removed, so `rows[0]` exists.
    #[allow(clippy::indexing_slicing)]
    pub fn winner(&self) -> &(PropertyRow, String) {
        &self.rows[0]
    }
}

/// A type being assembled from pages.
#[derive(Clone, Debug)]
pub(crate) struct TypeAcc {
    pub name: String,
    pub namespace: Option<String>,
    pub enum_page: bool,
    pub keyed: bool,
    /// Name, `file:line`, and whether prose stated it (rather than rows' "Inherited from").
    pub base: Option<(String, String, bool)>,
    pub description: Option<String>,
    pub origin: Origin,
    pub properties: Vec<PropertyAcc>,
    pub relationships: Vec<PropertyAcc>,
    pub members: Vec<(MemberRow, String)>,
    pub sources: Vec<String>,
}

/// Types by lower-cased name.
pub(crate) type Types = BTreeMap<String, TypeAcc>;

/// The merge result: the model and every conflict or problem found on the way.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

/// Merges pages into a model. The result does not depend on the order of `pages`.
///
/// Borrowing callers pay for a copy of the pages; [`merge_owned`] moves their rows instead.
pub fn merge(pages: &[Page]) -> Merged {
    merge_owned(pages.to_vec())
}

/// Like [`merge`], consuming the pages: their rows move into the model instead of being
/// copied, so the pages and a second copy of their rows are never held at once (the largest
/// part of `docgen generate`'s peak memory). Take anything else needed from the pages (their
/// examples, their diagnostics) first.
pub fn merge_owned(mut pages: Vec<Page>) -> Merged {
    precedence::sort(&mut pages);
    let mut types = Types::new();
    let mut diagnostics = Vec::new();
    for page in &mut pages {
        add_page_types(page, &mut types, &mut diagnostics);
    }
    let mut resolved = resolve::resolve(types, &mut diagnostics);
    let ordered: Vec<&Page> = pages.iter().collect();
    let mut routes = routes::routes(&ordered, &resolved, &mut diagnostics);
    parameters::attach(&ordered, &mut routes, &mut resolved, &mut diagnostics);
    drop(ordered);
    // What is left of the pages is not needed past here.
    drop(pages);
    let mut model_types = resolved.into_values().collect::<Vec<_>>();
    model_types.sort_by(|a, b| a.name.cmp(&b.name));
    diagnostics.sort();
    diagnostics.dedup();
    Merged {
        model: Model {
            types: model_types,
            routes,
        },
        diagnostics,
    }
}

fn at(page: &Page, line: u32) -> String {
    format!("{}:{line}", page.source)
}

/// Adds the types `page` defines, moving its property, relationship and member rows out
/// (nothing after this reads them; routes and parameters read other fields).
fn add_page_types(page: &mut Page, types: &mut Types, diagnostics: &mut Vec<Diagnostic>) {
    match page.kind {
        PageKind::Resource | PageKind::Enum => {
            add_inline_enums(page, types, diagnostics);
            let Some(subject) = &page.subject else {
                if !page.properties.is_empty() || !page.members.is_empty() {
                    // Inline enums were merged above; the page's own rows have no owner.
                    diagnostics.push(Diagnostic::warning(
                        "type-name-unknown",
                        &page.source,
                        page.title.as_ref().map_or(1, |t| t.line),
                        "the page documents a type but neither its title nor its JSON \
                         representation names it; its properties were not merged",
                    ));
                }
                return;
            };
            let acc = type_entry(types, &subject.value, Origin::Page);
            acc.origin = Origin::Page;
            acc.sources.push(at(page, subject.line));
            if acc.namespace.is_none() {
                acc.namespace = page.namespace.as_ref().map(|n| n.value.clone());
            }
            if acc.description.is_none() {
                acc.description = page.description.as_ref().map(|d| d.value.clone());
            }
            // A member table on a resource page lists one property's values, not the type's.
            acc.enum_page |= page.kind == PageKind::Enum
                || (page.properties.is_empty() && !page.members.is_empty());
            acc.keyed |= page.examples.iter().any(|e| {
                e.role == ExampleRole::Resource
                    && e.annotation
                        .as_ref()
                        .is_some_and(|a| a.other.contains_key("keyProperty"))
            });
            set_base(
                acc,
                &page.source,
                page.base.as_ref(),
                &page.properties,
                diagnostics,
            );
            let source = page.source.as_str();
            add_rows(
                &mut acc.properties,
                std::mem::take(&mut page.properties),
                source,
            );
            add_rows(
                &mut acc.relationships,
                std::mem::take(&mut page.relationships),
                source,
            );
            add_members(acc, source, std::mem::take(&mut page.members), diagnostics);
        }
        PageKind::Api | PageKind::Unknown => {
            let Some(body) = &mut page.request_body else {
                return;
            };
            let (Some(name), false) = (&body.type_name, body.properties.is_empty()) else {
                return;
            };
            let acc = type_entry(types, &name.value, Origin::RequestBody);
            acc.sources.push(format!("{}:{}", page.source, name.line));
            if acc.namespace.is_none() {
                acc.namespace = page.namespace.as_ref().map(|n| n.value.clone());
            }
            set_base(
                acc,
                &page.source,
                page.base.as_ref(),
                &body.properties,
                diagnostics,
            );
            add_rows(
                &mut acc.properties,
                std::mem::take(&mut body.properties),
                &page.source,
            );
        }
    }
}

/// Enums a resource page defines under "x values" headings.
fn add_inline_enums(page: &mut Page, types: &mut Types, diagnostics: &mut Vec<Diagnostic>) {
    for inline in std::mem::take(&mut page.inline_enums) {
        let acc = type_entry(types, &inline.name, Origin::Page);
        acc.enum_page = true;
        acc.sources.push(at(page, inline.line));
        if acc.namespace.is_none() {
            acc.namespace = page.namespace.as_ref().map(|n| n.value.clone());
        }
        add_members(acc, &page.source, inline.members, diagnostics);
    }
}

fn type_entry<'t>(types: &'t mut Types, name: &str, origin: Origin) -> &'t mut TypeAcc {
    types
        .entry(name.to_ascii_lowercase())
        .or_insert_with(|| TypeAcc {
            name: name.to_owned(),
            namespace: None,
            enum_page: false,
            keyed: false,
            base: None,
            description: None,
            origin,
            properties: Vec::new(),
            relationships: Vec::new(),
            members: Vec::new(),
            sources: Vec::new(),
        })
}

/// The base a page states: "Inherits from" prose, else the ancestor its rows name most often
/// ("Inherited from [x]" notes name an ancestor, the direct base or one further up such as
/// `entity` for `id`). Prose beats rows silently; two pages stating different bases the same
/// way is a conflict.
fn set_base(
    acc: &mut TypeAcc,
    source: &str,
    prose_base: Option<&Located<String>>,
    rows: &[PropertyRow],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let from_prose = prose_base.map(|b| (b.value.clone(), b.line));
    let stated = match from_prose {
        Some(found) => Some((found, true)),
        None => most_named_ancestor(rows).map(|found| (found, false)),
    };
    let Some(((base, line), prose)) = stated else {
        return;
    };
    match &acc.base {
        None => acc.base = Some((base, format!("{source}:{line}"), prose)),
        Some((_, _, false)) if prose => {
            acc.base = Some((base, format!("{source}:{line}"), prose));
        }
        Some((kept, kept_at, kept_prose))
            if *kept_prose == prose && !kept.eq_ignore_ascii_case(&base) =>
        {
            diagnostics.push(
                Diagnostic::warning(
                    "conflicting-base",
                    source,
                    line,
                    format!(
                        "`{}` is said to derive from `{base}` here but from `{kept}` on a page \
                         that takes precedence; kept `{kept}`",
                        acc.name
                    ),
                )
                .with_related(kept_at.clone()),
            );
        }
        Some(_) => {}
    }
}

/// The ancestor most rows say they inherit from; on a tie, the one named first.
fn most_named_ancestor(rows: &[PropertyRow]) -> Option<(String, u32)> {
    // Ancestors in first-named order, with an index by lower-cased name (one lookup per row).
    let mut counts: Vec<(String, u32, usize)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let Some(name) = &row.inherited_from else {
            continue;
        };
        match index.entry(name.to_ascii_lowercase()) {
            Entry::Occupied(found) => {
                if let Some(entry) = counts.get_mut(*found.get()) {
                    entry.2 += 1;
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(counts.len());
                counts.push((name.clone(), row.line, 1));
            }
        }
    }
    let best = counts.iter().map(|c| c.2).max()?;
    counts
        .into_iter()
        .find(|c| c.2 == best)
        .map(|(name, line, _)| (name, line))
}

/// Appends `rows` to `accs`, a row naming a property already there (any case) joining it.
/// Linear in rows: an index by lower-cased name replaces a search per row, which made a
/// 100,000-row table quadratic. `accs` keeps first-seen order, so output is unchanged.
fn add_rows(accs: &mut Vec<PropertyAcc>, rows: Vec<PropertyRow>, source: &str) {
    let mut index: HashMap<String, usize> = accs
        .iter()
        .enumerate()
        .map(|(i, acc)| (acc.winner().0.name.to_ascii_lowercase(), i))
        .collect();
    // `@odata.type`, `@odata.etag`...: instance annotations some tables list; every generated
    // type carries `@odata.type` already, and none is a property of the type.
    for row in rows.into_iter().filter(|r| !r.name.starts_with('@')) {
        let at = format!("{source}:{}", row.line);
        match index.entry(row.name.to_ascii_lowercase()) {
            Entry::Occupied(found) => {
                if let Some(acc) = accs.get_mut(*found.get()) {
                    acc.rows.push((row, at));
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(accs.len());
                accs.push(PropertyAcc {
                    rows: vec![(row, at)],
                });
            }
        }
    }
}

fn add_members(
    acc: &mut TypeAcc,
    source: &str,
    members: Vec<MemberRow>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if members.is_empty() {
        return;
    }
    if !acc.members.is_empty() {
        // An earlier page already gave the members; report members it lacks.
        let known: HashSet<&str> = acc.members.iter().map(|(m, _)| m.name.as_str()).collect();
        for row in &members {
            if !known.contains(row.name.as_str()) {
                diagnostics.push(Diagnostic::note(
                    "enum-members-differ",
                    source,
                    row.line,
                    format!(
                        "member `{}` of `{}` is not listed by the page that takes precedence",
                        row.name, acc.name
                    ),
                ));
            }
        }
        return;
    }
    acc.members = members
        .into_iter()
        .map(|m| {
            let at = format!("{source}:{}", m.line);
            (m, at)
        })
        .collect();
}

/// Lower-cased name to the model's spelling, for every type the model defines.
pub(crate) fn canonical_names(
    types: &BTreeMap<String, crate::model::TypeDef>,
) -> BTreeMap<String, String> {
    types
        .iter()
        .map(|(key, def)| (key.clone(), def.name.clone()))
        .collect()
}

pub(crate) fn kind_of(acc: &TypeAcc) -> TypeKind {
    if acc.enum_page || (!acc.members.is_empty() && acc.properties.is_empty()) {
        TypeKind::Enum
    } else if acc.keyed || acc.properties.iter().any(|p| p.winner().0.name == "id") {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use docgen_ir::TypeRef;

    use super::*;

    fn row(name: &str, type_name: &str, line: u32) -> PropertyRow {
        PropertyRow {
            name: name.to_owned(),
            type_ref: TypeRef::named(type_name),
            description: None,
            values: Vec::new(),
            inherited_from: None,
            line,
        }
    }

    fn resource(source: &str, date: &str, properties: Vec<PropertyRow>) -> Page {
        let mut front_matter = BTreeMap::new();
        front_matter.insert("ms.date".to_owned(), date.to_owned());
        Page {
            source: source.to_owned(),
            kind: PageKind::Resource,
            front_matter,
            subject: Some(Located::new("bigThing".to_owned(), 1)),
            properties,
            ..Page::default()
        }
    }

    #[test]
    fn rows_merge_by_name_in_first_seen_order_and_in_linear_time() {
        const ROWS: u32 = 100_000;
        // The newer page (precedence first) lists every property; the older one restates
        // some in another case and type, repeats one, and adds two.
        let newer: Vec<PropertyRow> = (0..ROWS)
            .map(|i| row(&format!("p{i}"), "String", i + 1))
            .collect();
        let older = vec![
            row("extraA", "Int32", 1),
            row("P5", "Int64", 2),
            row("p99999", "String", 3),
            row("p5", "Boolean", 4),
            row("extraB", "Int32", 5),
        ];
        let mut pages = vec![
            resource("old.md", "2019-01-01", older),
            resource("new.md", "2024-01-01", newer),
        ];
        precedence::sort(&mut pages);
        let mut types = Types::new();
        let start = Instant::now();
        for page in &mut pages {
            add_page_types(page, &mut types, &mut Vec::new());
        }
        let took = start.elapsed();
        let acc = types.get("bigthing").expect("the type");
        let names: Vec<&str> = acc
            .properties
            .iter()
            .map(|p| p.winner().0.name.as_str())
            .collect();
        assert_eq!(names.len(), 100_002);
        assert_eq!(names.first(), Some(&"p0"));
        assert_eq!(names.get(99_999), Some(&"p99999"));
        assert_eq!(names.get(100_000..), Some(&["extraA", "extraB"][..]));
        let p5: Vec<(&str, &str)> = acc
            .properties
            .get(5)
            .expect("p5")
            .rows
            .iter()
            .map(|(r, at)| (r.type_ref.name.as_str(), at.as_str()))
            .collect();
        assert_eq!(
            p5,
            [
                ("String", "new.md:6"),
                ("Int64", "old.md:2"),
                ("Boolean", "old.md:4")
            ]
        );
        // A search per row took 253 s here in a debug build; the index, under a second. The
        // bound leaves room for a loaded machine.
        assert!(took.as_secs() < 15, "{took:?}");
    }

    #[test]
    fn the_most_named_ancestor_wins_ties_by_first_mention() {
        let mut rows: Vec<PropertyRow> =
            (0..4).map(|i| row(&format!("p{i}"), "String", i)).collect();
        let names = [Some("entity"), Some("Base"), Some("base"), Some("ENTITY")];
        for (row, name) in rows.iter_mut().zip(names) {
            row.inherited_from = name.map(str::to_owned);
        }
        assert_eq!(most_named_ancestor(&rows), Some(("entity".to_owned(), 0)));
        if let Some(last) = rows.last_mut() {
            last.inherited_from = None;
        }
        assert_eq!(most_named_ancestor(&rows), Some(("Base".to_owned(), 1)));
        assert_eq!(most_named_ancestor(&[]), None);
    }
}
