//! Action parameters: the parameters table of an action page ("In the request body, supply a
//! JSON representation of the parameters") becomes a complex type of origin `parameters`,
//! which the page's routes take as their request body.
//!
//! The service has no such type (an OData action's parameters are not a type), so its name is
//! made from the route: the bound segment and the action, `{binding}{Action}Parameters`
//! (`POST /deviceManagement/deviceConfigurations/{deviceConfigurationId}/assign` →
//! `deviceConfigurationAssignParameters`). Naming by path rather than by page keeps the name
//! stable when pages are renamed or merged. Routes whose names coincide share the type when
//! their tables agree; otherwise the first in precedence order keeps the name and the others
//! are reported and stay untyped.

use std::collections::BTreeMap;

use docgen_ir::{Diagnostic, Page, PageKind, Primitive, PropertyRow};

use crate::model::{Origin, Property, Route, TypeDef, TypeKind, TypeUse};
use crate::resolve::upper_first;

/// Gives each action route documented with a parameters table its parameters type, adding
/// the types to `types` (keyed by lower-case name).
pub(crate) fn attach(
    ordered: &[&Page],
    routes: &mut [Route],
    types: &mut BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let index: BTreeMap<(&str, &str), usize> = routes
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.path.as_str(), r.method.as_str()), i))
        .collect();
    let mut typed: Vec<(usize, TypeUse)> = Vec::new();
    for page in ordered {
        let Some(body) = page.request_body.as_ref() else {
            continue;
        };
        if body.parameters.is_empty() || matches!(page.kind, PageKind::Resource | PageKind::Enum) {
            continue;
        }
        for line in page.http.iter().filter(|l| l.method == "POST") {
            let Some(&at) = index.get(&(line.path.as_str(), line.method.as_str())) else {
                continue;
            };
            let Some(route) = routes.get(at) else {
                continue;
            };
            // Only the page the route came from types it: a later page documenting the same
            // route lost to it.
            let own = route
                .source
                .rsplit_once(':')
                .is_some_and(|(file, _)| file == page.source);
            if !own || route.request_type.is_some() || route.operation != "action" {
                continue;
            }
            let Some(name) = type_name(&route.path) else {
                continue;
            };
            let properties = properties(&body.parameters, &page.source, types);
            let key = name.to_ascii_lowercase();
            match types.get_mut(&key) {
                None => {
                    types.insert(
                        key,
                        TypeDef {
                            name: name.clone(),
                            namespace: None,
                            kind: TypeKind::Complex,
                            base: None,
                            properties,
                            relationships: Vec::new(),
                            members: Vec::new(),
                            description: Some(format!(
                                "The parameters of `{} {}`.",
                                route.method, route.path
                            )),
                            origin: Origin::Parameters,
                            sources: vec![format!("{}:{}", page.source, body.line)],
                        },
                    );
                }
                Some(existing)
                    if existing.origin == Origin::Parameters
                        && same_table(&existing.properties, &properties) =>
                {
                    let source = format!("{}:{}", page.source, body.line);
                    if !existing.sources.contains(&source) {
                        existing.sources.push(source);
                    }
                }
                Some(existing) => {
                    diagnostics.push(
                        Diagnostic::warning(
                            "parameters-name-taken",
                            &page.source,
                            body.line,
                            format!(
                                "the parameters of `{} {}` would be type `{name}`, which {}; \
                                 the route's request body stays untyped",
                                route.method,
                                route.path,
                                if existing.origin == Origin::Parameters {
                                    "another action's different parameters already are"
                                } else {
                                    "a documented type already is"
                                }
                            ),
                        )
                        .with_related(existing.sources.first().cloned().unwrap_or_default()),
                    );
                    continue;
                }
            }
            typed.push((
                at,
                TypeUse {
                    name,
                    collection: false,
                },
            ));
        }
    }
    for (at, type_use) in typed {
        if let Some(route) = routes.get_mut(at) {
            route.resource.get_or_insert_with(|| type_use.name.clone());
            route.request_type = Some(type_use);
        }
    }
}

/// `{binding}{Action}Parameters` from an action's path, lower camel case; `None` when the
/// path has no action segment.
pub(crate) fn type_name(path: &str) -> Option<String> {
    let mut segments = path.rsplit('/').filter(|s| !s.is_empty());
    let action = segments.next()?;
    // `microsoft.graph.assign` and `assign(...)` both name `assign`.
    let action = action.split('(').next().unwrap_or(action);
    let action = action.rsplit('.').next().unwrap_or(action);
    let mut binding = "";
    for segment in segments {
        let key = segment.trim_start_matches('{').trim_end_matches('}');
        binding = if key.len() < segment.len() {
            key.strip_suffix("Id").unwrap_or(key)
        } else {
            key.rsplit('.').next().unwrap_or(key)
        };
        // A bare `{id}` says nothing: the collection before it names what is bound.
        if !binding.eq_ignore_ascii_case("id") {
            break;
        }
        binding = "";
    }
    let words: String = [binding, action, "parameters"]
        .iter()
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if i == 0 {
                lower_first(w)
            } else {
                upper_first(w)
            }
        })
        .collect();
    let valid = words
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && words.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (valid && !action.is_empty()).then_some(words)
}

fn properties(
    rows: &[PropertyRow],
    page: &str,
    types: &BTreeMap<String, TypeDef>,
) -> Vec<Property> {
    let mut seen = std::collections::BTreeSet::new();
    rows.iter()
        .filter(|row| seen.insert(row.name.to_ascii_lowercase()))
        .map(|row| {
            let type_name = match row.type_ref.primitive() {
                Some(primitive) => primitive.name().to_owned(),
                None if row.type_ref.is_enumeration_keyword() => {
                    Primitive::String.name().to_owned()
                }
                None => types
                    .get(&row.type_ref.name.to_ascii_lowercase())
                    .map_or_else(|| row.type_ref.name.clone(), |t| t.name.clone()),
            };
            let is_string = type_name == Primitive::String.name();
            Property {
                name: row.name.clone(),
                type_name,
                collection: row.type_ref.collection,
                values: (is_string && !row.values.is_empty()).then(|| row.values.clone()),
                description: row.description.clone(),
                source: format!("{page}:{}", row.line),
            }
        })
        .collect()
}

fn same_table(a: &[Property], b: &[Property]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.name == y.name && x.type_name == y.type_name && x.collection == y.collection
        })
}

fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_bound_segment_and_the_action() {
        let table = [
            (
                "/deviceManagement/deviceConfigurations/{deviceConfigurationId}/assign",
                Some("deviceConfigurationAssignParameters"),
            ),
            (
                "/deviceManagement/reports/getCachedReport",
                Some("reportsGetCachedReportParameters"),
            ),
            (
                "/deviceAppManagement/mobileApps/{mobileAppId}/microsoft.graph.assign",
                Some("mobileAppAssignParameters"),
            ),
            (
                "/deviceManagement/deviceConfigurations/hasPayloadLinks",
                Some("deviceConfigurationsHasPayloadLinksParameters"),
            ),
            ("/wipe", Some("wipeParameters")),
            ("/things/{id}/wipe", Some("thingsWipeParameters")),
            ("/things/{id}/do-it", None),
            ("/", None),
        ];
        for (path, expected) in table {
            assert_eq!(type_name(path).as_deref(), expected, "{path}");
        }
    }
}
