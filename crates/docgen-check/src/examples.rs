//! Example lints: bodies that are not JSON, keys the type's table does not document, documented
//! properties a complete example leaves out, and request URLs that are not paths.
//!
//! Which type a JSON object shows is decided per object: its own `@odata.type`; else, for the
//! example's top object, the annotation's `@odata.type`, then the page's request or response
//! type (or an action's parameters table), the resource page's subject, and last the model's
//! route resource for the page; for a nested object, the documented type of the property
//! holding it. A response's `{"value": ...}` wrapper (collections, and the single-object
//! wrapping Intune pages use) is looked through unless the type has a `value` property.
//! Values are never judged: placeholder values ("String", "Integer") are fine.
//!
//! `example-property-missing` (a note) asks a complete example for every documented property,
//! not relationships. Partial by nature, hence exempt: examples annotated `truncated` or
//! introduced as truncated in prose, PATCH requests, responses to `$select` requests. Requests
//! need not carry what the service sets (see [`crate::shapes::SERVER_SET`]), and a request's
//! top object is held only to its own page's request-body table.

use std::collections::BTreeSet;
use std::sync::Arc;

use docgen_ir::path::normalize;
use docgen_ir::{Diagnostic, Example, ExampleRole, Page, PathTemplate, Severity};

use crate::json::{self, Node, Value};
use crate::shapes::{odata_type_name, Shape, TypeIndex};
use crate::source::{find_column, SourceText, Sources};
use crate::suggest::did_you_mean;

/// Missing properties named in one message before "and N more".
const LISTED: usize = 8;

/// Every example lint for one page.
pub fn check_page(page: &Page, index: &TypeIndex<'_>, sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = sources.get(&page.source);
    let mut selected = false;
    for example in &page.examples {
        if example.role == ExampleRole::Request {
            let url = example.url.as_deref().unwrap_or("");
            // A `$select` request's response carries only the selected properties.
            selected = url.contains("$select") || url.contains("%24select");
            check_url(page, example, text.as_deref(), &mut out);
        }
        let Some(body) = example.body.as_deref() else {
            continue;
        };
        if !looks_like_json(example, body) {
            continue;
        }
        let shortened = example.truncated || said_truncated(example, text.as_deref());
        let mut cx = Cx {
            page,
            example,
            body,
            index,
            text: text.clone(),
            expect_all: !shortened && expects_every_property(example, selected),
            out: &mut out,
        };
        match json::parse(body) {
            Ok(root) => cx.root(&root),
            Err(invalid) => {
                let (line, column) = cx.locate(invalid.line, invalid.column);
                let mut d = Diagnostic::new(
                    Severity::Error,
                    "example-json-invalid",
                    &page.source,
                    line,
                    format!("the example body is not valid JSON: {}", invalid.message),
                );
                d.column = column;
                out.push(d);
            }
        }
    }
    out
}

/// A body is checked as JSON when it opens like JSON or a header says it is JSON.
fn looks_like_json(example: &Example, body: &str) -> bool {
    body.starts_with('{')
        || body.starts_with('[')
        || example.headers.iter().any(|h| {
            h.name.eq_ignore_ascii_case("content-type")
                && h.value.to_ascii_lowercase().contains("json")
        })
}

/// Whether the example should show every documented property: not a PATCH request (partial
/// by nature), not the response to a `$select`.
fn expects_every_property(example: &Example, selected: bool) -> bool {
    match example.role {
        ExampleRole::Request => !example
            .method
            .as_deref()
            .is_some_and(|m| m.eq_ignore_ascii_case("PATCH")),
        ExampleRole::Response => !selected,
        ExampleRole::Resource => true,
    }
}

/// Whether the prose just above the example says it is shortened ("The response object shown
/// here might be truncated for brevity"). The IR's `truncated` promises this but the readers
/// set it from the annotation only, so the page text is read: back from the block to the
/// previous block or heading, at most a few lines.
fn said_truncated(example: &Example, text: Option<&SourceText>) -> bool {
    let Some(text) = text else {
        return false;
    };
    let mut blocks = 0;
    for n in (example.line.saturating_sub(8)..example.line).rev() {
        let Some(line) = text.line(n) else {
            continue;
        };
        let t = line.trim_start().to_ascii_lowercase();
        let heading = t.starts_with('#')
            || (t.starts_with("<h") && t.as_bytes().get(2).is_some_and(u8::is_ascii_digit));
        if heading {
            break;
        }
        // The example's own opening fence, then the end of the block before it.
        if t.starts_with("```") || t.starts_with("~~~") || t.starts_with("<pre") {
            blocks += 1;
            if blocks > 1 {
                break;
            }
            continue;
        }
        // An annotation's `"truncated": false` is the annotation's business, already read.
        if t.contains("truncated") && !t.contains("\"truncated\"") {
            return true;
        }
    }
    false
}

struct Cx<'a, 'm> {
    page: &'a Page,
    example: &'a Example,
    body: &'a str,
    index: &'a TypeIndex<'m>,
    text: Option<Arc<SourceText>>,
    expect_all: bool,
    out: &'a mut Vec<Diagnostic>,
}

impl Cx<'_, '_> {
    /// A body position (0-based line, 1-based column) as a page line and, when the page's line
    /// still shows the body's line (not so for HTML entities), a page column.
    fn locate(&self, body_line: u32, column: Option<u32>) -> (u32, Option<u32>) {
        let line = self
            .example
            .body_line
            .unwrap_or(self.example.line)
            .saturating_add(body_line);
        let shown = self.body.lines().nth(body_line as usize).unwrap_or("");
        let trimmed = shown.trim_start();
        let indent = u32::try_from(shown.chars().count() - trimmed.chars().count()).unwrap_or(0);
        let page_column = column.and_then(|column| {
            let text = self.text.as_ref()?.line(line)?;
            let start = find_column(text, trimmed, 1)?;
            Some(start.saturating_add(column.saturating_sub(indent + 1)))
        });
        (line, page_column)
    }

    fn push(&mut self, severity: Severity, code: &str, at: (u32, u32), message: String) {
        let (line, column) = self.locate(at.0, Some(at.1));
        let mut d = Diagnostic::new(severity, code, &self.page.source, line, message);
        d.column = column;
        self.out.push(d);
    }

    /// The type the example's top object shows, by the evidence the module doc lists.
    fn expected(&self) -> Option<Shape> {
        let annotated = self.example.annotation.as_ref();
        if let Some(name) = annotated.and_then(|a| a.odata_type.as_deref()) {
            return odata_type_name(name).and_then(|n| self.index.shape(n));
        }
        let page = self.page;
        let stated = match self.example.role {
            ExampleRole::Request => {
                let body = page.request_body.as_ref()?;
                if let Some(name) = &body.type_name {
                    self.index.shape(&name.value)
                } else if !body.parameters.is_empty() {
                    return Some(Shape::parameters(&body.parameters));
                } else if !body.properties.is_empty() {
                    return Some(Shape::parameters(&body.properties));
                } else {
                    None
                }
            }
            ExampleRole::Response => {
                let type_ref = page.response.as_ref()?.type_ref.as_ref()?;
                if type_ref.primitive().is_some() {
                    return None;
                }
                self.index.shape(&type_ref.name)
            }
            ExampleRole::Resource => {
                return self.index.shape(&page.subject.as_ref()?.value);
            }
        };
        stated.or_else(|| self.index.shape(self.index.page_resource(page)?))
    }

    fn root(&mut self, root: &Node) {
        let shape = self.expected();
        match &root.value {
            Value::Array(items) => {
                for item in items {
                    self.object(item, shape.as_ref(), true);
                }
            }
            Value::Object(_) => {
                let wrapped = root.get("@odata.type").is_none()
                    && self.example.role != ExampleRole::Request
                    && shape.as_ref().is_none_or(|s| s.field("value").is_none());
                match root.get("value").filter(|_| wrapped) {
                    Some(Node {
                        value: Value::Array(items),
                        ..
                    }) => {
                        for item in items {
                            self.object(item, shape.as_ref(), true);
                        }
                    }
                    Some(inner) => self.object(inner, shape.as_ref(), true),
                    None => self.object(root, shape.as_ref(), true),
                }
            }
            _ => {}
        }
    }

    /// Checks one object's keys against its shape, then its nested objects against theirs.
    /// `top`: the object the example is about (not one nested in it).
    fn object(&mut self, node: &Node, inherited: Option<&Shape>, top: bool) {
        let Some(members) = node.members() else {
            return;
        };
        // An object's own `@odata.type` wins; a type the model lacks leaves it unchecked
        // rather than judged against a base that lacks the derived type's names.
        let own = match node.get("@odata.type").map(|n| &n.value) {
            Some(Value::String(name)) => {
                Some(odata_type_name(name).and_then(|n| self.index.shape(n)))
            }
            _ => None,
        };
        let shape = match (own, inherited) {
            (Some(own), _) => own,
            (None, inherited) => inherited.cloned(),
        };
        let Some(shape) = shape else {
            return;
        };
        let mut present = BTreeSet::new();
        for member in members {
            // `@odata.context`, `@odata.type`: instance annotations; `x@odata.bind`: a
            // reference to the documented relationship `x`.
            let name = member.key.split('@').next().unwrap_or("");
            if name.is_empty() {
                continue;
            }
            present.insert(name);
            match shape.field(name) {
                Some(field) if !member.key.contains('@') => {
                    let nested = self.index.shape(&field.type_name);
                    self.nested(&member.value, nested.as_ref());
                }
                Some(_) => {}
                None if shape.complete => {
                    let hint = did_you_mean(name, shape.fields.iter().map(|f| f.name.as_str()));
                    self.push(
                        Severity::Warning,
                        "example-property-undocumented",
                        // The name, not its opening quote.
                        (member.line, member.column.saturating_add(1)),
                        format!(
                            "the example sets `{name}`, which {} does not document{hint}",
                            shape.label
                        ),
                    );
                }
                None => {}
            }
        }
        if self.expect_all {
            self.missing(node, &shape, &present, top);
        }
    }

    fn nested(&mut self, value: &Node, shape: Option<&Shape>) {
        match &value.value {
            Value::Object(_) => self.object(value, shape, false),
            Value::Array(items) => {
                for item in items {
                    self.object(item, shape, false);
                }
            }
            _ => {}
        }
    }

    fn missing(&mut self, node: &Node, shape: &Shape, present: &BTreeSet<&str>, top: bool) {
        let request = self.example.role == ExampleRole::Request;
        // A request shows what its own page's request-body table lists; properties only other
        // pages document (an older page's extra rows) are not this example's to carry.
        let table = match &self.page.request_body {
            Some(body) if request && top && !body.properties.is_empty() => Some(&body.properties),
            _ => None,
        };
        let missing: Vec<&str> = shape
            .fields
            .iter()
            .filter(|f| f.expected && !present.contains(f.name.as_str()))
            .filter(|f| !(request && f.server_set))
            .filter(|f| table.is_none_or(|rows| rows.iter().any(|r| r.name == f.name)))
            .map(|f| f.name.as_str())
            .collect();
        if missing.is_empty() {
            return;
        }
        let mut names = missing
            .iter()
            .take(LISTED)
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if missing.len() > LISTED {
            names.push_str(&format!(" and {} more", missing.len() - LISTED));
        }
        let noun = if missing.len() == 1 {
            "property"
        } else {
            "properties"
        };
        self.push(
            Severity::Note,
            "example-property-missing",
            (node.line, node.column),
            format!(
                "the example of {} leaves out documented {noun} {names}; if it is shortened on \
                 purpose, annotate it with `\"truncated\": true`",
                shape.label
            ),
        );
    }
}

/// A request example's URL that is not a usable path: `//`, a backslash, unbalanced braces.
fn check_url(page: &Page, example: &Example, text: Option<&SourceText>, out: &mut Vec<Diagnostic>) {
    let Some(url) = example.url.as_deref() else {
        return;
    };
    let path = url.split_whitespace().next().unwrap_or("");
    let n = normalize(path);
    let (problem, marker) = match PathTemplate::parse(&n.path) {
        Err(err) => (
            err.to_string(),
            if path.contains('\\') { "\\" } else { path },
        ),
        Ok(_) if n.collapsed_slashes => ("the path contains `//`".to_owned(), "//"),
        Ok(_) => return,
    };
    // The example's head line is its first line or, after blank lines, a little later.
    let found = (example.line..example.line.saturating_add(4)).find_map(|line| {
        let shown = text?.line(line)?;
        let url_at = find_column(shown, path, 1)?;
        // `//` is searched after the scheme's own `://`.
        let from = match marker {
            "//" => find_column(shown, "://", url_at).map_or(url_at, |c| c.saturating_add(3)),
            _ => url_at,
        };
        Some((line, find_column(shown, marker, from).or(Some(url_at))))
    });
    let (line, column) = found.unwrap_or((example.line, None));
    let mut d = Diagnostic::warning(
        "example-url-malformed",
        &page.source,
        line,
        format!("the example's URL `{path}` is not a usable path: {problem}"),
    );
    d.column = column;
    out.push(d);
}

#[cfg(test)]
mod tests;
