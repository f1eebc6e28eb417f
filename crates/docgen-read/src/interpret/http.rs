//! HTTP content: request blocks (method + path lines), `<!-- { ... } -->` annotations and
//! request/response examples (head lines, headers, JSON body).

use docgen_ir::path::normalize;
use docgen_ir::{Annotation, Diagnostic, Example, ExampleRole, HeaderRow, HttpLine, PathTemplate};

const METHODS: [&str; 7] = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Splits `"PATCH /a/b"` into method and the rest, when the line starts with a method.
pub fn method_line(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    let (method, rest) = line.split_once(char::is_whitespace)?;
    METHODS
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .map(|m| (*m, rest.trim()))
}

/// Reads the method and path lines of an "HTTP request" block, normalising each path and
/// reporting what normalisation changed.
pub fn request_lines(
    text: &str,
    first_line: u32,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<HttpLine> {
    let mut out = Vec::new();
    for (offset, raw) in text.lines().enumerate() {
        let line = first_line + u32::try_from(offset).unwrap_or(u32::MAX - first_line);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") || trimmed.starts_with('#') {
            continue;
        }
        // A method alone (`GET`) has no whitespace to split at: it is a route without a path.
        let bare_method = METHODS.iter().any(|m| m.eq_ignore_ascii_case(trimmed));
        let Some((method, path)) = method_line(trimmed).or(bare_method.then_some((trimmed, "")))
        else {
            diagnostics.push(Diagnostic::warning(
                "http-line-unreadable",
                source,
                line,
                format!("`{trimmed}` is not a method and a path"),
            ));
            continue;
        };
        if path.is_empty() {
            diagnostics.push(Diagnostic::error(
                "route-malformed",
                source,
                line,
                format!("`{trimmed}` has a method but no path"),
            ));
            continue;
        }
        let n = normalize(path);
        if n.collapsed_slashes {
            diagnostics.push(Diagnostic::warning(
                "route-double-slash",
                source,
                line,
                format!("`{path}` contains `//`; read as `{}`", n.path),
            ));
        }
        if n.trimmed_trailing_slash {
            diagnostics.push(Diagnostic::warning(
                "route-trailing-slash",
                source,
                line,
                format!("`{path}` ends with `/`; read as `{}`", n.path),
            ));
        }
        if let Err(err) = PathTemplate::parse(&n.path) {
            diagnostics.push(Diagnostic::error(
                "route-malformed",
                source,
                line,
                format!("`{path}`: {err}; the route was skipped"),
            ));
            continue;
        }
        let raw = (path != n.path).then(|| path.to_owned());
        out.push(HttpLine {
            method: method.to_owned(),
            path: n.path,
            raw,
            line,
        });
    }
    out
}

/// Reads a `<!-- { ... } -->` annotation. `None` (and a diagnostic) when it is not JSON; `None`
/// silently when the comment is not an annotation at all.
pub fn annotation(
    text: &str,
    line: u32,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Annotation> {
    let text = text.trim();
    if !text.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(err) => {
            diagnostics.push(Diagnostic::warning(
                "annotation-invalid",
                source,
                line,
                format!("the annotation comment is not valid JSON: {err}"),
            ));
            return None;
        }
    };
    let object = value.as_object()?;
    let mut out = Annotation {
        line,
        ..Annotation::default()
    };
    for (key, value) in object {
        match (key.as_str(), value) {
            ("blockType", serde_json::Value::String(s)) => out.block_type = Some(s.clone()),
            ("name", serde_json::Value::String(s)) => out.name = Some(s.clone()),
            ("@odata.type", serde_json::Value::String(s)) => out.odata_type = Some(s.clone()),
            ("truncated", serde_json::Value::Bool(b)) => out.truncated = Some(*b),
            ("isCollection", serde_json::Value::Bool(b)) => out.is_collection = Some(*b),
            _ => {
                out.other.insert(key.clone(), value.to_string());
            }
        }
    }
    Some(out)
}

/// Reads an example code block: a request (`METHOD url`, headers, body), a response
/// (`HTTP/1.1 200 OK`, headers, body) or a bare JSON body. `None` when it is none of these.
pub fn example(
    text: &str,
    line: u32,
    role_hint: Option<ExampleRole>,
    annotation: Option<Annotation>,
) -> Option<Example> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (first_index, first) = lines.next()?;
    let first = first.trim();
    let mut example = Example {
        role: role_hint.unwrap_or(ExampleRole::Request),
        truncated: annotation
            .as_ref()
            .and_then(|a| a.truncated)
            .unwrap_or(false),
        annotation,
        method: None,
        url: None,
        status: None,
        headers: Vec::new(),
        body: None,
        body_line: None,
        line,
    };
    let line_at = |index: usize| line + u32::try_from(index).unwrap_or(0);
    if let Some((method, url)) = method_line(first) {
        example.role = ExampleRole::Request;
        example.method = Some(method.to_owned());
        example.url = Some(url.to_owned());
    } else if let Some(status) = first.strip_prefix("HTTP/").and_then(status_line) {
        example.role = ExampleRole::Response;
        example.status = Some(status);
    } else if first.starts_with('{') || first.starts_with('[') {
        example.body = Some(text.trim().to_owned());
        example.body_line = Some(line_at(first_index));
        return Some(example);
    } else {
        return None;
    }
    // A URL whose call arguments run over several lines (`f(ids=[` … `])`) continues until
    // its brackets balance.
    if let Some(url) = example.url.as_mut() {
        while unbalanced(url) {
            let Some((_, next)) = lines.next() else {
                break;
            };
            url.push_str(next.trim());
        }
    }
    // Headers run until a blank line or the start of the body (some pages omit the blank).
    let mut body_start = None;
    for (index, l) in lines {
        let t = l.trim();
        // Another request line: the page shows the request's other paths in one block.
        if example.method.is_some() && body_start.is_none() && method_line(t).is_some() {
            continue;
        }
        if t.starts_with('{') || t.starts_with('[') || (t.is_empty() && body_start.is_none()) {
            if !t.is_empty() {
                body_start = Some(index);
                break;
            }
            continue;
        }
        if body_start.is_none() {
            if let Some((name, value)) = t.split_once(':') {
                if !name.contains(' ') {
                    example.headers.push(HeaderRow {
                        name: name.trim().to_owned(),
                        value: value.trim().to_owned(),
                        line: line_at(index),
                    });
                    continue;
                }
            }
            body_start = Some(index);
            break;
        }
    }
    if let Some(start) = body_start {
        // A body ends where the block shows the same request for another path.
        let body: Vec<&str> = text
            .lines()
            .skip(start)
            .take_while(|l| example.method.is_none() || method_line(l.trim()).is_none())
            .collect();
        let body = body.join("\n").trim().to_owned();
        if !body.is_empty() {
            example.body = Some(body);
            example.body_line = Some(line_at(start));
        }
    }
    Some(example)
}

/// More `(` or `[` opened than closed.
fn unbalanced(url: &str) -> bool {
    let count = |c: char| url.chars().filter(|x| *x == c).count();
    count('(') > count(')') || count('[') > count(']')
}

/// `"1.1 200 OK"` to 200.
fn status_line(rest: &str) -> Option<u16> {
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_block() {
        let mut diags = Vec::new();
        let lines = request_lines(
            "POST /a/{id}/identityCertificate//microsoft.graph.b/c/\nGET https://graph.microsoft.com/beta/x/{y}/$ref\nnot a route\nPUT /a/{b\n",
            10,
            "p.md",
            &mut diags,
        );
        let got: Vec<(&str, &str, u32)> = lines
            .iter()
            .map(|l| (l.method.as_str(), l.path.as_str(), l.line))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "POST",
                    "/a/{id}/identityCertificate/microsoft.graph.b/c",
                    10
                ),
                ("GET", "/x/{y}/$ref", 11)
            ]
        );
        let codes: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "route-double-slash",
                "route-trailing-slash",
                "http-line-unreadable",
                "route-malformed"
            ]
        );
    }

    #[test]
    fn a_method_without_a_path_is_a_malformed_route() {
        let mut diags = Vec::new();
        let lines = request_lines("DELETE\n  get  \nGET /a\n", 4, "p.md", &mut diags);
        assert_eq!(lines.len(), 1);
        let found: Vec<(&str, u32)> = diags.iter().map(|d| (d.code.as_str(), d.line)).collect();
        assert_eq!(found, [("route-malformed", 4), ("route-malformed", 5)]);
    }

    #[test]
    fn request_blocks_with_several_lines_or_long_urls() {
        let two = "GET https://graph.microsoft.com/beta/a/{id}/b\nGET https://graph.microsoft.com/beta/b/{id}\n";
        let example = example(two, 5, None, None).unwrap();
        assert_eq!(example.method.as_deref(), Some("GET"));
        assert_eq!(example.body, None);
        let long = "GET https://graph.microsoft.com/beta/f(ids=[\n  \"x\"\n])\n";
        let example = super::example(long, 5, None, None).unwrap();
        assert_eq!(
            example.url.as_deref(),
            Some("https://graph.microsoft.com/beta/f(ids=[\"x\"])")
        );
        assert_eq!(example.body, None);
        let after = "PATCH https://graph.microsoft.com/beta/a/{id}\n\n{\n  \"a\": 1\n}\n\nPATCH /b/{id}/a\n";
        let example = super::example(after, 5, None, None).unwrap();
        assert_eq!(example.body.as_deref(), Some("{\n  \"a\": 1\n}"));
    }

    #[test]
    fn request_and_response_examples() {
        let req = example(
            "PATCH https://graph.microsoft.com/beta/x/{id}\nContent-type: application/json\nContent-length: 5\n\n{\n  \"a\": 1\n}\n",
            20,
            None,
            None,
        )
        .unwrap();
        assert_eq!(req.role, ExampleRole::Request);
        assert_eq!(req.method.as_deref(), Some("PATCH"));
        assert_eq!(req.headers.len(), 2);
        assert_eq!(req.body.as_deref(), Some("{\n  \"a\": 1\n}"));
        assert_eq!(req.body_line, Some(24));
        // No blank line between headers and body, as some pages have it.
        let resp = example(
            "HTTP/1.1 200 OK\nContent-Type: application/json\n{\n}\n",
            5,
            None,
            None,
        )
        .unwrap();
        assert_eq!(resp.role, ExampleRole::Response);
        assert_eq!(resp.status, Some(200));
        assert_eq!(resp.body.as_deref(), Some("{\n}"));
        assert_eq!(resp.body_line, Some(7));
        assert!(example("just words", 1, None, None).is_none());
    }

    #[test]
    fn annotations() {
        let mut diags = Vec::new();
        let a = annotation("{\n \"blockType\": \"response\",\n \"truncated\": true,\n \"@odata.type\": \"microsoft.graph.x\", \"keyProperty\": \"id\"\n}", 3, "p.md", &mut diags).unwrap();
        assert_eq!(a.block_type.as_deref(), Some("response"));
        assert_eq!(a.truncated, Some(true));
        assert_eq!(a.odata_type.as_deref(), Some("microsoft.graph.x"));
        assert_eq!(
            a.other.get("keyProperty").map(String::as_str),
            Some("\"id\"")
        );
        assert!(annotation("{ not json", 1, "p.md", &mut diags).is_none());
        assert_eq!(diags.len(), 1);
        assert!(annotation("uuid: 123", 1, "p.md", &mut diags).is_none());
    }
}
