//! Routes: one per documented method and path, from API pages in precedence order.

use std::collections::BTreeMap;

use docgen_ir::{Diagnostic, Page, PageKind, PathTemplate};

use crate::model::{Permissions, Route, TypeDef, TypeUse};

pub(crate) fn routes(
    ordered: &[&Page],
    types: &BTreeMap<String, TypeDef>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Route> {
    let mut out: BTreeMap<(String, String), Route> = BTreeMap::new();
    for page in ordered {
        if page.http.is_empty() || matches!(page.kind, PageKind::Resource | PageKind::Enum) {
            continue;
        }
        let title = page.title.as_ref().map_or("", |t| t.value.as_str());
        let canonical = |name: &str| {
            types
                .get(&name.to_ascii_lowercase())
                .map_or_else(|| name.to_owned(), |t| t.name.clone())
        };
        let request_type = page
            .request_body
            .as_ref()
            .filter(|b| !b.empty)
            .and_then(|b| b.type_name.as_ref())
            .map(|n| TypeUse {
                name: canonical(&n.value),
                collection: false,
            });
        let response_type = page
            .response
            .as_ref()
            .and_then(|r| r.type_ref.as_ref())
            .map(|t| TypeUse {
                name: canonical(&t.name),
                collection: t.collection,
            });
        let status = page.response.as_ref().and_then(|r| r.status);
        let resource = request_type
            .as_ref()
            .or(response_type.as_ref())
            .map(|t| t.name.clone())
            .or_else(|| title_type(title, types));
        let permissions = permissions(page);
        for line in &page.http {
            let key = (line.path.clone(), line.method.clone());
            let source = format!("{}:{}", page.source, line.line);
            if let Some(existing) = out.get_mut(&key) {
                // Pages of derived types document the same route (a create per kind of
                // mobileApp): the route takes and returns their nearest common base.
                let widened = widen(&mut existing.request_type, request_type.as_ref(), types)
                    | widen(&mut existing.response_type, response_type.as_ref(), types);
                if widened {
                    existing.resource = existing
                        .request_type
                        .as_ref()
                        .or(existing.response_type.as_ref())
                        .map(|t| t.name.clone());
                    continue;
                }
                if existing.source != source {
                    diagnostics.push(
                        Diagnostic::note(
                            "duplicate-operation",
                            &page.source,
                            line.line,
                            format!(
                                "`{} {}` is also documented by a page that takes precedence",
                                line.method, line.path
                            ),
                        )
                        .with_related(existing.source.clone()),
                    );
                }
                continue;
            }
            let params = PathTemplate::parse(&line.path)
                .map(|t| t.params().map(str::to_owned).collect())
                .unwrap_or_default();
            let request_type = match line.method.as_str() {
                "POST" | "PATCH" | "PUT" => request_type.clone(),
                _ => None,
            };
            out.insert(
                key,
                Route {
                    method: line.method.clone(),
                    path: line.path.clone(),
                    operation: operation(&line.method, &line.path, title, response_type.as_ref()),
                    resource: resource.clone(),
                    params,
                    request_type,
                    response_type: response_type.clone(),
                    status,
                    permissions: permissions.clone(),
                    source,
                },
            );
        }
    }
    out.into_values().collect()
}

/// Widens `kept` to the nearest common base of it and `other` when they differ. Returns
/// whether the two differed (the pages document one polymorphic route).
fn widen(
    kept: &mut Option<TypeUse>,
    other: Option<&TypeUse>,
    types: &BTreeMap<String, TypeDef>,
) -> bool {
    let (Some(k), Some(o)) = (kept.as_mut(), other) else {
        return false;
    };
    if k.name.eq_ignore_ascii_case(&o.name) {
        return false;
    }
    if let Some(base) = common_base(&k.name, &o.name, types) {
        k.name = base;
    }
    true
}

/// The nearest type both `a` and `b` are or derive from, following `base` links.
fn common_base(a: &str, b: &str, types: &BTreeMap<String, TypeDef>) -> Option<String> {
    let chain = |start: &str| {
        let mut out = Vec::new();
        let mut current = Some(start.to_ascii_lowercase());
        while let Some(name) = current.take() {
            if out.contains(&name) || out.len() > 64 {
                break;
            }
            current = types
                .get(&name)
                .and_then(|t| t.base.as_ref())
                .map(|b| b.to_ascii_lowercase());
            out.push(name);
        }
        out
    };
    let ours = chain(a);
    let theirs = chain(b);
    ours.iter()
        .find(|n| theirs.contains(n))
        .map(|n| types.get(n).map_or_else(|| n.clone(), |t| t.name.clone()))
}

/// The operation a method and path perform. The method decides the family; the path's shape
/// and the title's wording ("... action", "List ...") decide within it.
pub(crate) fn operation(
    method: &str,
    path: &str,
    title: &str,
    response: Option<&TypeUse>,
) -> String {
    let last = path.rsplit('/').next().unwrap_or("");
    let title = title.to_ascii_lowercase();
    let is_ref = last == "$ref";
    let is_call = last.contains('(') || title.ends_with(" action") || title.ends_with(" function");
    let op = match method {
        "GET" if is_ref => "get_ref",
        "GET" if is_call => "function",
        "GET" if last.starts_with('{') => "get",
        "GET" if response.is_some_and(|r| r.collection) || title.starts_with("list") => "list",
        "GET" => "get",
        "POST" | "PUT" if is_ref => "create_ref",
        "POST" if is_call => "action",
        "POST" => "create",
        "PUT" => "replace",
        "PATCH" => "update",
        "DELETE" if is_ref => "delete_ref",
        "DELETE" => "delete",
        _ => "other",
    };
    op.to_owned()
}

/// A type the title names ("Delete managedAllDeviceCertificateState"), when the model has it.
fn title_type(title: &str, types: &BTreeMap<String, TypeDef>) -> Option<String> {
    title
        .split_whitespace()
        .filter_map(|w| types.get(&w.to_ascii_lowercase()))
        .map(|t| t.name.clone())
        .next()
}

fn permissions(page: &Page) -> Permissions {
    let mut out = Permissions::default();
    for p in &page.permissions {
        let kind = p.kind.to_ascii_lowercase();
        let target = if kind.contains("personal") {
            &mut out.delegated_personal
        } else if kind.contains("delegated") {
            &mut out.delegated_work
        } else if kind.contains("application") {
            &mut out.application
        } else {
            &mut out.unspecified
        };
        for scope in &p.scopes {
            if !target.contains(scope) {
                target.push(scope.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations() {
        let coll = TypeUse {
            name: "x".into(),
            collection: true,
        };
        let table: [(&str, &str, &str, Option<&TypeUse>, &str); 10] = [
            ("PATCH", "/a/{id}", "Update x", None, "update"),
            ("POST", "/a", "Create x", None, "create"),
            ("POST", "/a/{id}/b/$ref", "Create b", None, "create_ref"),
            (
                "DELETE",
                "/a/{id}/b/{c}/$ref",
                "Remove b",
                None,
                "delete_ref",
            ),
            ("GET", "/a/{id}", "Get x", None, "get"),
            ("GET", "/a", "List x", None, "list"),
            ("GET", "/a", "Get things", Some(&coll), "list"),
            (
                "GET",
                "/r/getReport(period='{p}')",
                "getReport function",
                None,
                "function",
            ),
            ("POST", "/a/{id}/sync", "sync action", None, "action"),
            ("PUT", "/a/{id}", "Replace x", None, "replace"),
        ];
        for (method, path, title, response, want) in table {
            assert_eq!(
                operation(method, path, title, response),
                want,
                "{method} {path}"
            );
        }
    }
}
