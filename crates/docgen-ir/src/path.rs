//! Route path templates: parsing, normalisation and display.
//!
//! A template is a list of `/`-separated components; each component is literal text and
//! `{param}` placeholders, so OData forms such as `getReport(period='{period}')` and cast
//! segments (`microsoft.graph.iosScepCertificateProfile`) and `$ref` are kept as written.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum PathPart {
    Literal(String),
    Param(String),
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathComponent {
    pub parts: Vec<PathPart>,
}

impl PathComponent {
    /// The component's text when it has no parameter.
    pub fn literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [PathPart::Literal(text)] => Some(text),
            _ => None,
        }
    }

    /// The parameter's name when the component is exactly one `{param}`.
    pub fn param(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [PathPart::Param(name)] => Some(name),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PathTemplate {
    pub components: Vec<PathComponent>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathTemplateError {
    Empty,
    UnbalancedBrace { component: String },
    EmptyParam { component: String },
    Backslash,
}

impl fmt::Display for PathTemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathTemplateError::Empty => write!(f, "the path is empty"),
            PathTemplateError::UnbalancedBrace { component } => {
                write!(f, "unbalanced `{{` or `}}` in `{component}`")
            }
            PathTemplateError::EmptyParam { component } => {
                write!(f, "empty `{{}}` parameter in `{component}`")
            }
            PathTemplateError::Backslash => write!(f, "the path contains a backslash"),
        }
    }
}

impl std::error::Error for PathTemplateError {}

/// What [`normalize`] changed in a path as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Normalized {
    pub path: String,
    pub stripped_host: bool,
    pub stripped_version: bool,
    pub collapsed_slashes: bool,
    pub trimmed_trailing_slash: bool,
    pub stripped_query: bool,
}

/// API versions a documented path may start with; stripped so templates are version-free.
const VERSIONS: [&str; 2] = ["beta", "v1.0"];

/// Strips scheme, host, API version and query string, collapses `//` and drops a trailing
/// `/`. The path is otherwise kept as written (casts, `$ref`, OData function syntax).
pub fn normalize(raw: &str) -> Normalized {
    let mut out = Normalized::default();
    let mut rest = raw.trim();
    if let Some(after_scheme) = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        out.stripped_host = true;
        // The path starts at the first `/` after the host; a bare host has none.
        rest = after_scheme
            .find('/')
            .and_then(|i| after_scheme.get(i..))
            .unwrap_or("");
    }
    if let Some((path, _query)) = rest.split_once('?') {
        out.stripped_query = true;
        rest = path;
    }
    let trimmed = rest.trim_start_matches('/');
    for version in VERSIONS {
        if let Some(after) = trimmed.strip_prefix(version) {
            if after.is_empty() || after.starts_with('/') {
                out.stripped_version = true;
                rest = after;
                break;
            }
        }
    }
    let mut path = String::with_capacity(rest.len() + 1);
    for segment in rest.split('/') {
        if segment.is_empty() {
            continue;
        }
        path.push('/');
        path.push_str(segment);
    }
    let leading = rest.trim_start_matches('/');
    out.collapsed_slashes = leading.trim_end_matches('/').contains("//");
    out.trimmed_trailing_slash = leading.ends_with('/');
    if path.is_empty() {
        path.push('/');
    }
    out.path = path;
    out
}

impl PathTemplate {
    /// Parses a normalised path (see [`normalize`]).
    pub fn parse(path: &str) -> Result<PathTemplate, PathTemplateError> {
        if path.contains('\\') {
            return Err(PathTemplateError::Backslash);
        }
        let mut components = Vec::new();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            components.push(parse_component(segment)?);
        }
        if components.is_empty() {
            return Err(PathTemplateError::Empty);
        }
        Ok(PathTemplate { components })
    }

    /// Parameter names in order of appearance.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.components.iter().flat_map(|c| {
            c.parts.iter().filter_map(|p| match p {
                PathPart::Param(name) => Some(name.as_str()),
                PathPart::Literal(_) => None,
            })
        })
    }
}

fn parse_component(segment: &str) -> Result<PathComponent, PathTemplateError> {
    let unbalanced = || PathTemplateError::UnbalancedBrace {
        component: segment.to_owned(),
    };
    let mut parts = Vec::new();
    let mut rest = segment;
    while !rest.is_empty() {
        // The literal up to the next brace, and what follows from the brace on.
        let Some((literal, from_brace)) =
            rest.find(['{', '}']).and_then(|i| rest.split_at_checked(i))
        else {
            parts.push(PathPart::Literal(rest.to_owned()));
            break;
        };
        // A `}` first closes nothing.
        let after = from_brace.strip_prefix('{').ok_or_else(unbalanced)?;
        if !literal.is_empty() {
            parts.push(PathPart::Literal(literal.to_owned()));
        }
        let (name, next) = after.split_once('}').ok_or_else(unbalanced)?;
        let name = name.trim();
        if name.contains('{') {
            return Err(unbalanced());
        }
        if name.is_empty() {
            return Err(PathTemplateError::EmptyParam {
                component: segment.to_owned(),
            });
        }
        parts.push(PathPart::Param(name.to_owned()));
        rest = next;
    }
    Ok(PathComponent { parts })
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for component in &self.components {
            f.write_str("/")?;
            for part in &component.parts {
                match part {
                    PathPart::Literal(text) => f.write_str(text)?,
                    PathPart::Param(name) => write!(f, "{{{name}}}")?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_table() {
        // (written, normalised, host, version, collapsed, trailing)
        let table = [
            ("/users/{id}", "/users/{id}", false, false, false, false),
            (
                "https://graph.microsoft.com/beta/deviceManagement/x/",
                "/deviceManagement/x",
                true,
                true,
                false,
                true,
            ),
            (
                "/a/identityCertificate//microsoft.graph.b/c/",
                "/a/identityCertificate/microsoft.graph.b/c",
                false,
                false,
                true,
                true,
            ),
            (
                "/v1.0/me/messages/{id}/$ref",
                "/me/messages/{id}/$ref",
                false,
                true,
                false,
                false,
            ),
            (
                "/betaFeatures/x",
                "/betaFeatures/x",
                false,
                false,
                false,
                false,
            ),
        ];
        for (raw, want, host, version, collapsed, trailing) in table {
            let n = normalize(raw);
            assert_eq!(n.path, want, "{raw}");
            assert_eq!(n.stripped_host, host, "host {raw}");
            assert_eq!(n.stripped_version, version, "version {raw}");
            assert_eq!(n.collapsed_slashes, collapsed, "collapsed {raw}");
            assert_eq!(n.trimmed_trailing_slash, trailing, "trailing {raw}");
        }
    }

    #[test]
    fn query_is_stripped() {
        let n = normalize("GET /users?$select=id".trim_start_matches("GET "));
        assert_eq!(n.path, "/users");
        assert!(n.stripped_query);
    }

    #[test]
    fn parse_table() {
        let lit = |s: &str| PathPart::Literal(s.to_owned());
        let param = |s: &str| PathPart::Param(s.to_owned());
        let table: Vec<(&str, Vec<Vec<PathPart>>)> = vec![
            (
                "/users/{user-id}",
                vec![vec![lit("users")], vec![param("user-id")]],
            ),
            (
                "/reports/getReport(period='{period}')",
                vec![
                    vec![lit("reports")],
                    vec![lit("getReport(period='"), param("period"), lit("')")],
                ],
            ),
            (
                "/a/microsoft.graph.cast/$ref",
                vec![
                    vec![lit("a")],
                    vec![lit("microsoft.graph.cast")],
                    vec![lit("$ref")],
                ],
            ),
        ];
        for (path, want) in table {
            let t = PathTemplate::parse(path).unwrap();
            let got: Vec<Vec<PathPart>> = t.components.iter().map(|c| c.parts.clone()).collect();
            assert_eq!(got, want, "{path}");
            assert_eq!(t.to_string(), path, "display round-trips");
        }
    }

    #[test]
    fn parse_errors() {
        assert_eq!(PathTemplate::parse(""), Err(PathTemplateError::Empty));
        assert!(matches!(
            PathTemplate::parse("/a/{b"),
            Err(PathTemplateError::UnbalancedBrace { .. })
        ));
        assert!(matches!(
            PathTemplate::parse("/a/b}"),
            Err(PathTemplateError::UnbalancedBrace { .. })
        ));
        assert!(matches!(
            PathTemplate::parse("/a/{}"),
            Err(PathTemplateError::EmptyParam { .. })
        ));
        assert_eq!(
            PathTemplate::parse("/a\\b"),
            Err(PathTemplateError::Backslash)
        );
    }

    #[test]
    fn params_in_order() {
        let t = PathTemplate::parse("/a/{x}/b/f(k='{y}')").unwrap();
        assert_eq!(t.params().collect::<Vec<_>>(), ["x", "y"]);
    }
}
