//! Comparing two models fact by fact.

use std::collections::BTreeMap;

use docgen_model::{Member, Model, Property, Route, TypeDef, TypeKind, TypeUse};

use crate::{Change, ChangeKind, Report, Summary};

/// Everything that differs between `old` and `new`, classified. Types match by name ignoring
/// case (pages disagree on case); properties and members by exact name; routes by method and
/// path.
pub fn diff(old: &Model, new: &Model) -> Report {
    let mut changes = Vec::new();
    let old_types = by_lower_name(&old.types);
    let new_types = by_lower_name(&new.types);
    for (key, o) in &old_types {
        match new_types.get(key) {
            None => changes.push(
                change(ChangeKind::TypeRemoved, Some(&o.name), None)
                    .sources(o.sources.first().cloned(), None)
                    .breaking(),
            ),
            Some(n) => compare_type(o, n, &mut changes),
        }
    }
    for (key, n) in &new_types {
        if !old_types.contains_key(key) {
            changes.push(
                change(ChangeKind::TypeAdded, Some(&n.name), None)
                    .sources(None, n.sources.first().cloned()),
            );
        }
    }
    compare_routes(&old.routes, &new.routes, &mut changes);
    changes.sort_by(|a, b| {
        b.breaking
            .cmp(&a.breaking)
            .then_with(|| a.type_name.is_none().cmp(&b.type_name.is_none()))
            .then_with(|| a.cmp(b))
    });
    let breaking = changes.iter().filter(|c| c.breaking).count();
    Report {
        summary: Summary {
            breaking,
            additive: changes.len() - breaking,
        },
        changes,
    }
}

fn by_lower_name(types: &[TypeDef]) -> BTreeMap<String, &TypeDef> {
    types
        .iter()
        .map(|t| (t.name.to_ascii_lowercase(), t))
        .collect()
}

fn change(kind: ChangeKind, type_name: Option<&str>, name: Option<&str>) -> Change {
    Change {
        change: kind,
        type_name: type_name.map(str::to_owned),
        name: name.map(str::to_owned),
        old: None,
        new: None,
        breaking: false,
        old_source: None,
        new_source: None,
        hint: None,
    }
}

impl Change {
    fn breaking(mut self) -> Self {
        self.breaking = true;
        self
    }

    fn values(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old = old;
        self.new = new;
        self
    }

    fn sources(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old_source = old;
        self.new_source = new;
        self
    }
}

fn kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

fn compare_type(o: &TypeDef, n: &TypeDef, changes: &mut Vec<Change>) {
    let name = Some(n.name.as_str());
    let (old_src, new_src) = (o.sources.first().cloned(), n.sources.first().cloned());
    if o.kind != n.kind {
        // Entity and complex types are both structs; only a move to or from enum changes code.
        let c = change(ChangeKind::TypeKindChanged, name, None)
            .values(
                Some(kind_name(o.kind).into()),
                Some(kind_name(n.kind).into()),
            )
            .sources(old_src.clone(), new_src.clone());
        let to_or_from_enum = o.kind == TypeKind::Enum || n.kind == TypeKind::Enum;
        changes.push(if to_or_from_enum { c.breaking() } else { c });
    }
    let base_of = |t: &TypeDef| t.base.as_ref().map(|b| b.to_ascii_lowercase());
    if base_of(o) != base_of(n) {
        // The base decides which inherited fields the struct carries.
        changes.push(
            change(ChangeKind::BaseChanged, name, None)
                .values(o.base.clone(), n.base.clone())
                .sources(old_src, new_src)
                .breaking(),
        );
    }
    let property_kinds = [
        ChangeKind::PropertyAdded,
        ChangeKind::PropertyRemoved,
        ChangeKind::PropertyRetyped,
    ];
    compare_fields(
        &n.name,
        &o.properties,
        &n.properties,
        property_kinds,
        changes,
    );
    let relationship_kinds = [
        ChangeKind::RelationshipAdded,
        ChangeKind::RelationshipRemoved,
        ChangeKind::RelationshipRetyped,
    ];
    compare_fields(
        &n.name,
        &o.relationships,
        &n.relationships,
        relationship_kinds,
        changes,
    );
    compare_members(&n.name, &o.members, &n.members, changes);
}

fn describe(p: &Property) -> String {
    if p.collection {
        format!("Collection({})", p.type_name)
    } else {
        p.type_name.clone()
    }
}

/// Properties or relationships; `kinds` is (added, removed, retyped).
fn compare_fields(
    owner: &str,
    old: &[Property],
    new: &[Property],
    [added, removed, retyped]: [ChangeKind; 3],
    changes: &mut Vec<Change>,
) {
    let find = |list: &[Property], name: &str| list.iter().find(|p| p.name == name).cloned();
    let mut gone = Vec::new();
    let mut came = Vec::new();
    for o in old {
        let Some(n) = find(new, &o.name) else {
            gone.push(o.clone());
            continue;
        };
        let same_type = o.type_name.eq_ignore_ascii_case(&n.type_name);
        if same_type && o.collection == n.collection {
            continue;
        }
        let kind = match (same_type, o.collection, n.collection) {
            (true, false, true) if retyped == ChangeKind::PropertyRetyped => {
                ChangeKind::PropertyMadeCollection
            }
            (true, true, false) if retyped == ChangeKind::PropertyRetyped => {
                ChangeKind::PropertyMadeSingle
            }
            _ => retyped,
        };
        changes.push(
            change(kind, Some(owner), Some(&o.name))
                .values(Some(describe(o)), Some(describe(&n)))
                .sources(Some(o.source.clone()), Some(n.source.clone()))
                .breaking(),
        );
    }
    for n in new {
        if find(old, &n.name).is_none() {
            came.push(n.clone());
        }
    }
    for o in &gone {
        let hint = renamed(o, &came).map(|to| format!("maybe renamed to `{to}`"));
        let mut c = change(removed, Some(owner), Some(&o.name))
            .values(Some(describe(o)), None)
            .sources(Some(o.source.clone()), None)
            .breaking();
        c.hint = hint;
        changes.push(c);
    }
    for n in &came {
        let hint = renamed(n, &gone).map(|from| format!("maybe renamed from `{from}`"));
        let mut c = change(added, Some(owner), Some(&n.name))
            .values(None, Some(describe(n)))
            .sources(None, Some(n.source.clone()));
        c.hint = hint;
        changes.push(c);
    }
}

/// The property among `others` that `p` was probably renamed to or from: the same type and
/// collection flag, and a similar name.
fn renamed(p: &Property, others: &[Property]) -> Option<String> {
    let lower = p.name.to_ascii_lowercase();
    others
        .iter()
        .filter(|o| o.type_name.eq_ignore_ascii_case(&p.type_name) && o.collection == p.collection)
        .map(|o| {
            let other = o.name.to_ascii_lowercase();
            let contains = other.contains(&lower) || lower.contains(&other);
            let score = strsim::normalized_levenshtein(&lower, &other);
            (if contains { score.max(0.8) } else { score }, o)
        })
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.name.cmp(&a.1.name)))
        .map(|(_, o)| o.name.clone())
}

fn compare_members(owner: &str, old: &[Member], new: &[Member], changes: &mut Vec<Change>) {
    let value = |m: &Member| m.value.map(|v| v.to_string());
    for o in old {
        match new.iter().find(|n| n.name == o.name) {
            None => changes.push(
                change(ChangeKind::MemberRemoved, Some(owner), Some(&o.name))
                    .values(value(o), None)
                    .sources(Some(o.source.clone()), None)
                    .breaking(),
            ),
            Some(n) if o.value != n.value => {
                // A documented value that changes or disappears changes a public constant;
                // one that appears only adds a constant.
                let c = change(ChangeKind::MemberRenumbered, Some(owner), Some(&o.name))
                    .values(value(o), value(n))
                    .sources(Some(o.source.clone()), Some(n.source.clone()));
                changes.push(if o.value.is_some() { c.breaking() } else { c });
            }
            Some(_) => {}
        }
    }
    for n in new {
        if !old.iter().any(|o| o.name == n.name) {
            changes.push(
                change(ChangeKind::MemberAdded, Some(owner), Some(&n.name))
                    .values(None, value(n))
                    .sources(None, Some(n.source.clone())),
            );
        }
    }
}

fn type_use(t: &Option<TypeUse>) -> Option<String> {
    t.as_ref().map(|t| {
        if t.collection {
            format!("Collection({})", t.name)
        } else {
            t.name.clone()
        }
    })
}

fn compare_routes(old: &[Route], new: &[Route], changes: &mut Vec<Change>) {
    let key = |r: &Route| (r.path.clone(), r.method.clone());
    let old_map: BTreeMap<_, &Route> = old.iter().map(|r| (key(r), r)).collect();
    let new_map: BTreeMap<_, &Route> = new.iter().map(|r| (key(r), r)).collect();
    let label = |r: &Route| format!("{} {}", r.method, r.path);
    for (k, o) in &old_map {
        let Some(n) = new_map.get(k) else {
            changes.push(
                change(ChangeKind::RouteRemoved, None, Some(&label(o)))
                    .values(Some(o.operation.clone()), None)
                    .sources(Some(o.source.clone()), None)
                    .breaking(),
            );
            continue;
        };
        let sources = (Some(o.source.clone()), Some(n.source.clone()));
        let mut push = |kind, old: Option<String>, new: Option<String>, breaking: bool| {
            let c = change(kind, None, Some(&label(o)))
                .values(old, new)
                .sources(sources.0.clone(), sources.1.clone());
            changes.push(if breaking { c.breaking() } else { c });
        };
        // Body types are what callers send and parse: a change breaks them. Status, operation
        // and permissions are data in the route table: callers' code still compiles.
        if type_use(&o.request_type) != type_use(&n.request_type) {
            push(
                ChangeKind::RouteRequestChanged,
                type_use(&o.request_type),
                type_use(&n.request_type),
                true,
            );
        }
        if type_use(&o.response_type) != type_use(&n.response_type) {
            push(
                ChangeKind::RouteResponseChanged,
                type_use(&o.response_type),
                type_use(&n.response_type),
                true,
            );
        }
        if o.status != n.status {
            let s = |s: Option<u16>| s.map(|s| s.to_string());
            push(
                ChangeKind::RouteStatusChanged,
                s(o.status),
                s(n.status),
                false,
            );
        }
        if o.operation != n.operation {
            push(
                ChangeKind::RouteOperationChanged,
                Some(o.operation.clone()),
                Some(n.operation.clone()),
                false,
            );
        }
        if o.permissions != n.permissions {
            let p = |r: &Route| {
                let p = &r.permissions;
                Some(format!(
                    "delegated work: [{}]; delegated personal: [{}]; application: [{}]",
                    p.delegated_work.join(", "),
                    p.delegated_personal.join(", "),
                    p.application.join(", ")
                ))
            };
            push(ChangeKind::RoutePermissionsChanged, p(o), p(n), false);
        }
    }
    for (k, n) in &new_map {
        if !old_map.contains_key(k) {
            changes.push(
                change(ChangeKind::RouteAdded, None, Some(&label(n)))
                    .values(None, Some(n.operation.clone()))
                    .sources(None, Some(n.source.clone())),
            );
        }
    }
}
