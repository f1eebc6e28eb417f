//! Cargo features per area, so a consumer compiles only the part of the API it uses.
//!
//! **The area rule.** An item's area comes from the file name of its first source (a type's
//! first `sources` entry, a route's `source`): a page named `intune-<area>-<name>.md` is in
//! `<area>` (`deviceconfig`, `apps`, `devices`, `mam`, `shared`, …); any other page — the
//! hand-written Graph pages (`user-get.md`, `ediscovery-case.md`), the seeds, a source-less
//! type — is in `core`. Only the Intune docs name their family in the file name; for the
//! others the prefix before the first `-` is a resource on one page and a namespace on
//! another, so it is not used. The area is lower-cased and sanitised to a feature name: a
//! character other than `a-z`, `0-9` or `_` becomes `_`, a name not starting with a letter
//! gets `area_` in front, and `default` or a dependency's name gets `_area` behind.
//!
//! **One area, no features.** A model whose items are all in one area (the seeds are all
//! `core`) gets no `[features]` and no `cfg` at all: a single feature could only switch the
//! whole crate off.
//!
//! **Dependencies.** With two areas or more, each area is a feature, `default` enables them
//! all, and each item is behind `#[cfg(feature = "<area>")]`. A feature enables the features
//! of the areas its items need, counted per reference: a struct's (non-relationship) field
//! types, inherited ones included, its base, and a route's request and response types. The
//! counts go to [`crate::area_graph`], which keeps the graph acyclic by cutting the lighter
//! side of a cycle; a cut is reported as an `area-reference-gated` note.
//!
//! **Conditional references.** Some references never make a dependency, and are gated on
//! their target's feature instead, unless the referring area enables it anyway:
//! - a relationship field (a navigation property, only in `$expand`ed responses) and a field
//!   behind a cut edge: with the target's area off the field is left out, and a property the
//!   struct does not have is ignored when reading, like any property the crate does not know;
//! - a polymorphic enum's variant for a derived type of another area, and its match arms:
//!   with that area off, such a value is read into the fallback variant, JSON kept;
//! - a route whose types' area is not enabled by the route's own area: the route (and its
//!   path builder, which exists while any of its routes does) is there when both are on.
//!
//! Example tests are gated on the area of the type they read.

use std::collections::{BTreeMap, BTreeSet};

use docgen_ir::Diagnostic;
use docgen_model::TypeUse;
use proc_macro2::TokenStream;
use quote::quote;

use crate::area_graph::Graph;
use crate::layout::StructLayout;
use crate::resolve::{Resolved, TypeTable};
use crate::routes::TableRoute;
use crate::text::location;

/// The area of every page that does not name one.
pub(crate) const CORE: &str = "core";

/// Names a feature must not take: Cargo's `default` and the generated crate's dependencies.
const RESERVED: [&str; 9] = [
    "default",
    "base64",
    "http",
    "percent-encoding",
    "percent_encoding",
    "serde",
    "serde_json",
    "time",
    "uuid",
];

/// The area (a feature name) of an item whose first source is `source` (`path:line`).
pub(crate) fn area_of(source: &str) -> String {
    let (file, _) = location(source);
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let lower = stem.to_ascii_lowercase();
    let mut parts = lower.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("intune"), Some(area), Some(_)) if !area.is_empty() => feature_name(area),
        _ => CORE.to_owned(),
    }
}

/// `area` as a feature name (see the module documentation).
fn feature_name(area: &str) -> String {
    let mut name: String = area
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.insert_str(0, "area_");
    }
    if RESERVED.contains(&name.as_str()) {
        name.push_str("_area");
    }
    name
}

/// The areas of a generated crate, what each item is in, and what each feature enables.
pub(crate) struct Areas {
    /// Feature names, sorted.
    names: Vec<String>,
    /// Per type index, its area.
    type_area: Vec<usize>,
    /// Per table route, the areas it needs (its own first).
    route_need: Vec<Vec<usize>>,
    graph: Graph,
    /// Per area: (types, routes).
    sizes: Vec<(usize, usize)>,
}

/// Reference counts between areas, with the first reference's source for the report.
type Weights<'m> = BTreeMap<(usize, usize), (usize, &'m str)>;

impl Areas {
    // reason: `type_area` is `table.types.len()` long and indexed by type indices from the
    //         table; `sizes`, `names` and the graph have one entry per area, indexed by area numbers
    //         that `type_area` and `route_need` hold, all below the number of areas.
    #[allow(clippy::indexing_slicing)]
    pub fn new<'m>(
        table: &TypeTable<'m>,
        layouts: &[StructLayout<'m>],
        routes: &[TableRoute<'m>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let type_names: Vec<String> = table
            .types
            .iter()
            .map(|info| area_of(info.def.sources.first().map_or("", String::as_str)))
            .collect();
        let route_names: Vec<String> = routes.iter().map(|r| area_of(&r.route.source)).collect();
        let names: Vec<String> = type_names
            .iter()
            .chain(&route_names)
            .cloned()
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect();
        let index = |name: &String| names.binary_search(name).unwrap_or(0);
        let type_area: Vec<usize> = type_names.iter().map(index).collect();
        let mut sizes = vec![(0, 0); names.len()];
        for &area in &type_area {
            sizes[area].0 += 1;
        }

        let mut weights: Weights<'m> = BTreeMap::new();
        let mut add = |from: usize, to: usize, source: &'m str| {
            let entry = weights.entry((from, to)).or_insert((0, source));
            entry.0 += 1;
        };
        for layout in layouts {
            let own = type_area[layout.type_index];
            for field in layout.fields.iter().filter(|field| !field.relationship) {
                if let Resolved::Struct(target) | Resolved::Enum(target) = field.ty {
                    add(own, type_area[target], &field.prop.source);
                }
            }
            if let Some(&base) = layout.bases.first() {
                let def = table.types[layout.type_index].def;
                add(
                    own,
                    type_area[base],
                    def.sources.first().map_or("", String::as_str),
                );
            }
        }
        let mut route_need = Vec::with_capacity(routes.len());
        for (table_route, name) in routes.iter().zip(&route_names) {
            let route = table_route.route;
            let own = index(name);
            sizes[own].1 += 1;
            let mut need = vec![own];
            for type_use in [&route.request_type, &route.response_type]
                .into_iter()
                .flatten()
            {
                if let Some(target) = type_index(table, type_use) {
                    add(own, type_area[target], &route.source);
                    need.push(type_area[target]);
                }
            }
            route_need.push(need);
        }

        let counts = weights
            .iter()
            .map(|(&pair, &(count, _))| (pair, count))
            .collect();
        let graph = Graph::new(names.len(), &counts);
        for &(from, to, count) in &graph.cut {
            let source = weights.get(&(from, to)).map_or("", |&(_, source)| source);
            let (file, line) = location(source);
            diagnostics.push(Diagnostic::note(
                "area-reference-gated",
                file,
                line,
                format!(
                    "area `{}` refers to types of area `{}` {count} time(s), but `{1}` already \
                     needs `{0}`; to keep features acyclic, those fields and routes exist only \
                     with the `{1}` feature on",
                    names[from], names[to]
                ),
            ));
        }
        Areas {
            names,
            type_area,
            route_need,
            graph,
            sizes,
        }
    }

    /// Whether the crate has features (two areas or more).
    pub fn enabled(&self) -> bool {
        self.names.len() > 1
    }

    /// The area of a type.
    pub fn of_type(&self, type_index: usize) -> usize {
        self.type_area.get(type_index).copied().unwrap_or(0)
    }

    /// The condition under which an item needing every area of `need` exists: `None` for
    /// always (no features, or nothing needed).
    // reason: `need` holds area numbers from `of_type`/`route_need`: below `names.len()`.
    #[allow(clippy::indexing_slicing)]
    pub fn predicate(&self, need: &[usize]) -> Option<TokenStream> {
        if !self.enabled() {
            return None;
        }
        let features: Vec<TokenStream> = self
            .graph
            .minimal(need)
            .into_iter()
            .map(|area| {
                let name = self.names[area].as_str();
                quote!(feature = #name)
            })
            .collect();
        match features.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => Some(quote!(all(#(#features),*))),
        }
    }

    /// The condition under which an item needing one of `needs` exists.
    pub fn any_predicate(&self, needs: &[Vec<usize>]) -> Option<TokenStream> {
        let mut minimal = BTreeSet::new();
        for need in needs {
            // A need that is always met makes the item always there.
            self.predicate(need)?;
            minimal.insert(self.graph.minimal(need));
        }
        // In an `any`, a need that implies another is redundant: `any(a, b)` is `b` when
        // `a` enables `b`.
        let implies = |x: &Vec<usize>, y: &Vec<usize>| {
            y.iter()
                .all(|&b| x.iter().any(|&a| self.graph.reaches(a, b)))
        };
        let predicates: Vec<TokenStream> = minimal
            .iter()
            .filter(|x| !minimal.iter().any(|y| y != *x && implies(x, y)))
            .filter_map(|need| self.predicate(need))
            .collect();
        match predicates.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => Some(quote!(any(#(#predicates),*))),
        }
    }

    /// `#[cfg(...)]` for an item needing every area of `need`; nothing when always there.
    pub fn cfg(&self, need: &[usize]) -> TokenStream {
        attribute(self.predicate(need))
    }

    /// `#[cfg(...)]` for an item needing one of `needs`.
    pub fn cfg_any(&self, needs: &[Vec<usize>]) -> TokenStream {
        attribute(self.any_predicate(needs))
    }

    /// `#[cfg(...)]` for the items of a type (its struct or enum and their impls).
    pub fn cfg_type(&self, type_index: usize) -> TokenStream {
        self.cfg(&[self.of_type(type_index)])
    }

    /// The area a reference from inside type `from` to type `to` needs beyond `from`'s own:
    /// `None` when `from`'s feature enables `to`'s (or there are no features).
    pub fn extra(&self, from: usize, to: usize) -> Option<usize> {
        let (from, to) = (self.of_type(from), self.of_type(to));
        (self.enabled() && !self.graph.reaches(from, to)).then_some(to)
    }

    /// `#[cfg(...)]` for a field or variant inside type `from` that refers to type `to`.
    pub fn cfg_reference(&self, from: usize, to: usize) -> TokenStream {
        match self.extra(from, to) {
            Some(area) => self.cfg(&[area]),
            None => TokenStream::new(),
        }
    }

    /// The areas the `index`th table route needs.
    pub fn route_need(&self, index: usize) -> &[usize] {
        self.route_need.get(index).map_or(&[], Vec::as_slice)
    }

    /// The feature name of an area.
    pub fn name(&self, area: usize) -> &str {
        self.names.get(area).map_or(CORE, String::as_str)
    }

    /// A doc paragraph saying which feature an item of `area` needs, when there are features.
    pub fn doc(&self, area: usize) -> Option<String> {
        self.enabled()
            .then(|| format!("Needs the `{}` feature.", self.name(area)))
    }

    /// The manifest's `[features]` section, when there are features.
    // reason: `area` ranges over `0..names.len()`, and `sizes` and `graph.deps` have one
    //         entry per area too.
    #[allow(clippy::indexing_slicing)]
    pub fn manifest(&self) -> Option<String> {
        if !self.enabled() {
            return None;
        }
        let mut out = String::from(
            "\n[features]\n\
             # One feature per area of the docs (`intune-<area>-*.md` pages; `core` for any other\n\
             # page), each enabling the areas its types need; all of them by default. Fields,\n\
             # polymorphic variants and routes that refer to an area that is off are left out.\n\
             default = [\n",
        );
        for name in &self.names {
            out.push_str(&format!("    \"{name}\",\n"));
        }
        out.push_str("]\n");
        for (area, name) in self.names.iter().enumerate() {
            let (types, routes) = self.sizes[area];
            let deps: Vec<String> = self.graph.deps[area]
                .iter()
                .map(|&dep| format!("\"{}\"", self.names[dep]))
                .collect();
            let closure = self.graph.closure(area);
            let with = if closure.len() > 1 {
                let (all_types, all_routes) = closure.iter().fold((0, 0), |(t, r), &a| {
                    (t + self.sizes[a].0, r + self.sizes[a].1)
                });
                format!(
                    "; with the {} area(s) it enables: {all_types} type(s), {all_routes} route(s)",
                    closure.len() - 1
                )
            } else {
                String::new()
            };
            out.push_str(&format!(
                "# {types} type(s), {routes} route(s){with}\n{name} = [{}]\n",
                deps.join(", ")
            ));
        }
        Some(out)
    }
}

/// The model type a route's request or response names, if it is one.
fn type_index(table: &TypeTable<'_>, type_use: &TypeUse) -> Option<usize> {
    match table.resolve(&type_use.name) {
        Resolved::Struct(index) | Resolved::Enum(index) => Some(index),
        Resolved::Primitive(_) | Resolved::Unresolved => None,
    }
}

fn attribute(predicate: Option<TokenStream>) -> TokenStream {
    match predicate {
        Some(predicate) => quote!(#[cfg(#predicate)]),
        None => TokenStream::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_rule() {
        let table = [
            (
                "graph-beta-intune-2021-07/resources/intune-deviceconfig-androidcustomconfiguration.md:10",
                "deviceconfig",
            ),
            ("../x/api/intune-rbac-roledefinition-get.md:35", "rbac"),
            ("api\\intune-mam-json.md:1", "mam"),
            ("resources/Intune-Apps-MobileApp.md", "apps"),
            ("resources/intune-app-conceptual.md:3", "app"),
            ("resources/intune-graph-overview.md", "graph"),
            ("resources/intune-overview.md:1", CORE),
            ("resources/intune--x.md:1", CORE),
            ("api/user-get.md:12", CORE),
            ("resources/ediscovery-case.md:1", CORE),
            ("docs-input/000_283f7b380b2b2f3e.txt:81", CORE),
            ("", CORE),
            ("intune-a.b-x.md:1", "a_b"),
            ("intune-a+b-x.md:1", "a_b"),
            ("intune-3d-x.md:1", "area_3d"),
            ("intune-_x-y.md:1", "area__x"),
            ("intune-default-x.md:1", "default_area"),
            ("intune-serde-x.md:1", "serde_area"),
            ("intune-café-x.md:1", "caf_"),
        ];
        for (source, want) in table {
            assert_eq!(area_of(source), want, "{source}");
        }
    }
}
