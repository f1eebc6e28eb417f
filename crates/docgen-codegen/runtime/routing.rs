//! What a route is, and the two directions between a route and a request path: filling a
//! template ([`Route::path`], [`encode_path`]) and matching a path back to its route
//! ([`find_route`], which `routes::match_route` applies to the generated table).

use std::borrow::Cow;

/// A path had the wrong number of arguments for its route's template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathError {
    /// The number of parameters in the template.
    pub expected: usize,
    /// The number of arguments given.
    pub got: usize,
}

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the route takes {} path arguments, {} were given",
            self.expected, self.got
        )
    }
}

impl std::error::Error for PathError {}

/// The permission scopes an operation documents, least privileged first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work: &'static [&'static str],
    /// Delegated (personal Microsoft account).
    pub delegated_personal: &'static [&'static str],
    /// Application.
    pub application: &'static [&'static str],
    /// Listed without saying which kind (older pages' "Prerequisites").
    pub unspecified: &'static [&'static str],
}

/// One documented operation on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The HTTP method.
    pub method: http::Method,
    /// The path template, without host or API version (`/users/{user-id}`).
    pub template: &'static str,
    /// The template's parameters, in order.
    pub params: &'static [&'static str],
    /// `list`, `get`, `create`, `update`, `delete`, `action`, `function`...
    pub operation: &'static str,
    /// The type the operation acts on, as the docs name it.
    pub resource: Option<&'static str>,
    /// The request body's type, as the docs name it.
    pub request_type: Option<&'static str>,
    /// Whether the request body is a collection of `request_type`.
    pub request_collection: bool,
    /// The response body's type, as the docs name it.
    pub response_type: Option<&'static str>,
    /// Whether the response body is a collection of `response_type`.
    pub response_collection: bool,
    /// The documented success status.
    pub status: Option<u16>,
    /// The documented permissions.
    pub permissions: Permissions,
}

impl Route {
    /// The template with `args` filled in order, each percent-encoded by [`encode_path`].
    pub fn path(&self, args: &[&str]) -> Result<String, PathError> {
        if args.len() != self.params.len() {
            return Err(PathError {
                expected: self.params.len(),
                got: args.len(),
            });
        }
        let mut out = String::with_capacity(self.template.len());
        let mut rest = self.template;
        let mut args = args.iter();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').map_or(after.len(), |close| close + 1);
            if let Some(arg) = args.next() {
                out.push_str(&encode_path(arg));
            }
            rest = &after[close..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Everything but the unreserved characters of RFC 3986 (`A-Z a-z 0-9 - . _ ~`).
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path parameter: `/`, `'`, spaces, `%`, `{`, `}` and all non-ASCII
/// are escaped, so a value can never add a path segment.
///
/// A value that is exactly `.` or `..` is written `%2E` or `%2E%2E`, so it never reaches
/// the server as a dot segment: clients that send the path as built (`http::Uri`, hyper)
/// and servers that remove dot segments before decoding see a key, not a step up. WHATWG
/// URL parsers (browsers; the `url` crate under reqwest) still read `%2E%2E` as `..`, and
/// no encoding prevents that: such a key cannot be addressed through them, so reject `.` and
/// `..` keys taken from untrusted input before building a path. Graph never issues them.
pub fn encode_path(segment: &str) -> Cow<'_, str> {
    match segment {
        "." => Cow::Borrowed("%2E"),
        ".." => Cow::Borrowed("%2E%2E"),
        _ => percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT).into(),
    }
}

/// How specific one template component is, for choosing between routes that both match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Specificity {
    /// `{param}`.
    Param,
    /// Literal text with parameters (`getReport(period='{period}')`).
    Mixed,
    /// Literal text only.
    Literal,
}

/// The route of `routes` that `method` and `path` address, and its parameters
/// percent-decoded, in template order.
///
/// `path` is a request path: host-less, with or without a leading `/beta` or `/v1.0`
/// segment, a query or a fragment (both ignored) and a trailing `/`. Literal template text
/// is compared exactly (case included); a `{param}` component matches one non-empty segment,
/// and parameters inside a component (`getReport(period='{period}')`) match the text between
/// its literal parts. When several routes match, the one with more literal components wins,
/// then the one more literal further left (`/users/delta()` over `/users/{id}`), then the
/// first in `routes`: the result never depends on anything but the table.
pub fn find_route(
    routes: &'static [Route],
    method: &http::Method,
    path: &str,
) -> Option<(&'static Route, Vec<String>)> {
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    let mut segments: Vec<&str> = path.split('/').collect();
    if matches!(segments.first(), Some(&("beta" | "v1.0"))) {
        segments.remove(0);
    }
    let mut best: Option<(Vec<Specificity>, &'static Route, Vec<String>)> = None;
    for route in routes {
        if route.method != *method {
            continue;
        }
        let Some((rank, params)) = match_template(route.template, &segments) else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((best_rank, _, _)) => compare_ranks(&rank, best_rank).is_gt(),
        };
        if better {
            best = Some((rank, route, params));
        }
    }
    best.map(|(_, route, params)| (route, params))
}

/// More literal components first, then more mixed ones, then left to right.
fn compare_ranks(a: &[Specificity], b: &[Specificity]) -> std::cmp::Ordering {
    let count = |rank: &[Specificity], kind| rank.iter().filter(|s| **s == kind).count();
    count(a, Specificity::Literal)
        .cmp(&count(b, Specificity::Literal))
        .then_with(|| count(a, Specificity::Mixed).cmp(&count(b, Specificity::Mixed)))
        .then_with(|| a.cmp(b))
}

/// Matches the components of `template` against `segments`: each component's specificity
/// and the decoded parameters, or `None`.
fn match_template(template: &str, segments: &[&str]) -> Option<(Vec<Specificity>, Vec<String>)> {
    let template = template.strip_prefix('/').unwrap_or(template);
    let components: Vec<&str> = template.split('/').collect();
    if components.len() != segments.len() {
        return None;
    }
    let mut rank = Vec::with_capacity(components.len());
    let mut params = Vec::new();
    for (component, segment) in components.iter().zip(segments) {
        if !component.contains('{') {
            if component != segment {
                return None;
            }
            rank.push(Specificity::Literal);
        } else if component.starts_with('{') && component.find('}') == Some(component.len() - 1) {
            if segment.is_empty() {
                return None;
            }
            params.push(decode(segment)?);
            rank.push(Specificity::Param);
        } else {
            match_component(component, segment, &mut params)?;
            rank.push(Specificity::Mixed);
        }
    }
    Some((rank, params))
}

/// Matches one component holding literal text and parameters. Each parameter runs to the
/// first occurrence of the literal text after it (an encoded parameter cannot contain that
/// text's `'`, `,` or `)`), the last one to the component's closing text.
fn match_component(component: &str, segment: &str, params: &mut Vec<String>) -> Option<()> {
    let mut template = component;
    let mut rest = segment;
    loop {
        let Some(open) = template.find('{') else {
            return (rest == template).then_some(());
        };
        rest = rest.strip_prefix(&template[..open])?;
        let after = &template[open + 1..];
        template = &after[after.find('}')? + 1..];
        let literal = &template[..template.find('{').unwrap_or(template.len())];
        let end = if literal.is_empty() {
            // Two parameters side by side cannot be told apart; the docs have none.
            if !template.is_empty() {
                return None;
            }
            rest.len()
        } else if literal.len() == template.len() {
            rest.len()
                .checked_sub(literal.len())
                .filter(|_| rest.ends_with(literal))?
        } else {
            rest.find(literal)?
        };
        params.push(decode(&rest[..end])?);
        rest = &rest[end..];
    }
}

/// Percent-decodes a parameter; `None` when the bytes are not UTF-8.
fn decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}
