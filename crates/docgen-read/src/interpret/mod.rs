//! Interprets a [`Document`] (any format) as a page IR: walks sections by heading and sends
//! each table, paragraph and code block to the reader for what that section holds.

mod front;
mod http;
mod prose;
mod tables;
mod typeref;

use std::collections::BTreeMap;

use docgen_ir::{
    Diagnostic, Example, ExampleRole, Format, Located, Page, PageKind, Permission, Primitive,
    RequestBody, ResponseSpec, TypeEvidence,
};

use crate::blocks::{Block, Document, Inline, TableRow};
use crate::limits::{self, Limits};
use tables::{RowContext, TableKind, TypedFirst};

/// The sections of a reference page, from their heading text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Preamble,
    Permissions,
    Prerequisites,
    HttpRequest,
    Parameters,
    RequestHeaders,
    RequestBody,
    Response,
    Examples,
    Properties,
    Relationships,
    Methods,
    Members,
    JsonRepresentation,
    Other,
}

fn classify_heading(text: &str) -> Section {
    let lower = crate::lines::collapse_spaces(text).to_ascii_lowercase();
    let lower = lower.trim_end_matches(':');
    match lower {
        "permissions" => Section::Permissions,
        "prerequisites" => Section::Prerequisites,
        "http request" | "http requests" => Section::HttpRequest,
        "request headers" | "optional request headers" | "request header" => {
            Section::RequestHeaders
        }
        "request body" => Section::RequestBody,
        "response" | "responses" | "response body" => Section::Response,
        "properties" => Section::Properties,
        "relationships" => Section::Relationships,
        "methods" => Section::Methods,
        "members" | "enum members" | "enumeration members" => Section::Members,
        "json representation" => Section::JsonRepresentation,
        _ if lower.starts_with("example") => Section::Examples,
        _ if lower.ends_with("parameters") => Section::Parameters,
        _ => Section::Other,
    }
}

/// Reads a lowered page into its IR, with the default [`Limits`].
#[cfg(test)]
pub fn interpret(source: &str, format: Format, doc: Document) -> Page {
    interpret_with(source, format, doc, &Limits::default())
}

/// Reads a lowered page into its IR; JSON deeper than [`Limits::max_json_depth`] is not read.
pub fn interpret_with(source: &str, format: Format, doc: Document, limits: &Limits) -> Page {
    let mut walker = Walker {
        limits: limits.clone(),
        page: Page {
            source: source.to_owned(),
            format: Some(format),
            ..Page::default()
        },
        section: Section::Preamble,
        example_role: None,
        pending_annotation: None,
        inline_enum: None,
    };
    walker.page.diagnostics = doc.diagnostics;
    if let Some((yaml, line)) = &doc.front_matter {
        walker.front_matter(yaml, *line);
    }
    for block in &doc.blocks {
        walker.block(block);
    }
    walker.finish();
    walker.page
}

struct Walker {
    limits: Limits,
    page: Page,
    section: Section,
    /// Inside Examples: whether the current sub-heading is a request or a response.
    example_role: Option<ExampleRole>,
    pending_annotation: Option<docgen_ir::Annotation>,
    /// Under a heading such as "signInAudience values": the enum its member table defines.
    inline_enum: Option<Located<String>>,
}

impl Walker {
    fn front_matter(&mut self, yaml: &str, line: u32) {
        if let Some(refused) = limits::front_matter(yaml, line, &self.page.source, &self.limits) {
            return self.diag(refused);
        }
        if let Some(map) = front::simple(yaml) {
            self.page.front_matter = map;
            return;
        }
        match serde_norway::from_str::<serde_norway::Value>(yaml) {
            Ok(serde_norway::Value::Mapping(map)) => {
                let mut out = BTreeMap::new();
                for (key, value) in map {
                    let Some(key) = key.as_str().map(str::to_owned) else {
                        continue;
                    };
                    out.insert(key, yaml_scalar(&value));
                }
                self.page.front_matter = out;
            }
            Ok(serde_norway::Value::Null) => {}
            Ok(_) => self.diag(Diagnostic::warning(
                "front-matter-invalid",
                &self.page.source,
                line,
                "the front matter is not a mapping of keys to values",
            )),
            Err(err) => self.diag(Diagnostic::warning(
                "front-matter-invalid",
                &self.page.source,
                line,
                format!("the front matter is not valid YAML: {err}"),
            )),
        }
    }

    fn diag(&mut self, diagnostic: Diagnostic) {
        self.page.diagnostics.push(diagnostic);
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text, line } => self.heading(*level, text, *line),
            Block::Paragraph { text, line } => self.paragraph(text, *line),
            Block::Note { .. } => {}
            Block::Table { header, rows, line } => self.table(header, rows, *line),
            Block::Code { lang, text, line } => self.code(lang.as_deref(), text, *line),
            Block::Comment { text, line } => {
                if let Some(refused) =
                    limits::annotation(text, *line, &self.page.source, &self.limits)
                {
                    return self.diag(refused);
                }
                let source = self.page.source.clone();
                let annotation = http::annotation(text, *line, &source, &mut self.page.diagnostics);
                if annotation.is_some() {
                    self.pending_annotation = annotation;
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &Inline, line: u32) {
        if level <= 1 {
            if self.page.title.is_none() {
                self.page.title = Some(Located::new(text.text.clone(), line));
            }
            return;
        }
        let section = classify_heading(&text.text);
        self.inline_enum = inline_enum_heading(&text.text).map(|name| Located::new(name, line));
        if self.section == Section::Examples && level >= 3 {
            let lower = text.text.to_ascii_lowercase();
            if lower.contains("response") {
                self.example_role = Some(ExampleRole::Response);
            } else if lower.contains("request") {
                self.example_role = Some(ExampleRole::Request);
            } else if section == Section::Examples {
                self.example_role = None;
            }
            return;
        }
        if level == 2 || section != Section::Other {
            self.section = section;
            self.example_role = None;
        }
    }

    fn paragraph(&mut self, text: &Inline, line: u32) {
        let plain = text.text.trim();
        if let Some(ns) = plain.strip_prefix("Namespace:") {
            let ns = ns.trim();
            if self.page.namespace.is_none() && !ns.is_empty() {
                self.page.namespace = Some(Located::new(ns.to_owned(), line));
            }
            return;
        }
        let lower = plain.to_ascii_lowercase();
        match self.section {
            Section::Preamble | Section::Properties => {
                if ["inherits from", "derived from", "derives from"]
                    .iter()
                    .any(|m| lower.contains(m))
                {
                    if let Some(base) = prose::inherited_from(text) {
                        self.page.base.get_or_insert(Located::new(base, line));
                    }
                }
                if self.section == Section::Preamble
                    && self.page.description.is_none()
                    && self.page.title.is_some()
                    && !is_boilerplate(&lower)
                {
                    self.page.description = Some(Located::new(plain.to_owned(), line));
                }
            }
            Section::RequestBody => {
                let body = self.request_body(line);
                if lower.contains("do not supply a request body")
                    || lower.contains("don't supply a request body")
                {
                    body.empty = true;
                }
                // Actions: "supply JSON representation of the parameters" — the table that
                // follows lists parameters, not properties of a type.
                if lower.contains("of the parameters")
                    || lower.contains("the following parameters")
                    || lower.contains("parameters that can be used")
                {
                    body.parameters_prose = true;
                }
                if body.type_name.is_none() && !body.parameters_prose {
                    if let Some(name) = prose::json_representation_type(text) {
                        body.type_name = Some(Located::new(name, line));
                        body.evidence = Some(TypeEvidence::Prose);
                    }
                }
            }
            Section::Response => {
                if self
                    .page
                    .response
                    .as_ref()
                    .is_some_and(|r| r.status.is_some())
                {
                    return;
                }
                let (status, type_ref) = prose::response_summary(text);
                if status.is_some() || type_ref.is_some() {
                    self.page.response = Some(ResponseSpec {
                        status,
                        type_ref,
                        line,
                    });
                }
            }
            Section::Prerequisites => {
                let scopes = tables::split_scopes(plain);
                if !scopes.is_empty() {
                    self.page.permissions.push(Permission {
                        kind: "Unspecified".to_owned(),
                        scopes,
                        supported: true,
                        line,
                    });
                }
            }
            _ => {}
        }
    }

    fn request_body(&mut self, line: u32) -> &mut RequestBody {
        self.page.request_body.get_or_insert_with(|| RequestBody {
            line,
            ..RequestBody::default()
        })
    }

    fn table(&mut self, header: &[Inline], rows: &[TableRow], line: u32) {
        let kind = tables::classify(header);
        let section = self.section;
        let source = self.page.source.clone();
        let mut diagnostics = std::mem::take(&mut self.page.diagnostics);
        let mut cx = RowContext {
            source: &source,
            diagnostics: &mut diagnostics,
        };
        match kind {
            TableKind::Typed {
                first,
                name,
                ty,
                description,
            } => {
                let read = tables::typed_rows(rows, name, ty, description, &mut cx);
                match (section, first) {
                    (Section::Relationships, _) | (_, TypedFirst::Relationship) => {
                        self.page.relationships.extend(read);
                    }
                    (Section::RequestBody, TypedFirst::Parameter) => {
                        self.request_body(line).parameters.extend(read);
                    }
                    (Section::RequestBody, _) => {
                        let body = self.request_body(line);
                        if body.parameters_prose {
                            body.parameters.extend(read);
                        } else {
                            body.properties.extend(read);
                        }
                    }
                    (Section::Properties, _) => self.page.properties.extend(read),
                    // Some pages put the properties table before any section heading.
                    (Section::Preamble | Section::Other, TypedFirst::Property) => {
                        self.page.properties.extend(read);
                    }
                    // Parameter tables elsewhere describe path and query options, not types.
                    _ => {}
                }
            }
            TableKind::Members {
                name,
                value,
                description,
            } => {
                if let Some(inline) = self.inline_enum.clone() {
                    let members = tables::member_rows(rows, name, value, description, &mut cx);
                    self.page.inline_enums.push(docgen_ir::InlineEnum {
                        name: inline.value,
                        members,
                        line: inline.line,
                    });
                } else if matches!(
                    section,
                    Section::Members | Section::Preamble | Section::Other | Section::Properties
                ) {
                    let read = tables::member_rows(rows, name, value, description, &mut cx);
                    self.page.members.extend(read);
                }
            }
            TableKind::Methods {
                name,
                returns,
                description,
            } => {
                self.page
                    .methods
                    .extend(tables::method_rows(rows, name, returns, description));
            }
            TableKind::Permissions {
                kind,
                scopes,
                most_first,
            } => {
                let read = tables::permission_rows(rows, kind, scopes, most_first, &mut cx);
                self.page.permissions.extend(read);
            }
            TableKind::Pairs { name, value } => {
                if section == Section::RequestHeaders {
                    self.page
                        .request_headers
                        .extend(tables::pair_rows(rows, name, value));
                }
            }
            TableKind::Other => {}
        }
        self.page.diagnostics = diagnostics;
    }

    fn code(&mut self, lang: Option<&str>, text: &str, line: u32) {
        let annotation = self.pending_annotation.take();
        let readable = matches!(
            lang,
            None | Some("http" | "json" | "msgraph-interactive" | "text")
        );
        if !readable {
            return;
        }
        let source = self.page.source.clone();
        match self.section {
            Section::HttpRequest => {
                let lines = http::request_lines(text, line, &source, &mut self.page.diagnostics);
                self.page.http.extend(lines);
            }
            Section::Examples | Section::Response | Section::RequestBody => {
                let hint = match annotation.as_ref().and_then(|a| a.block_type.as_deref()) {
                    Some("request") => Some(ExampleRole::Request),
                    Some("response") => Some(ExampleRole::Response),
                    Some("ignored") => return,
                    _ => self.example_role,
                };
                if let Some(example) = http::example(text, line, hint, annotation) {
                    self.push_example(example);
                }
            }
            Section::JsonRepresentation | Section::Properties => {
                if let Some(mut example) = http::example(text, line, None, annotation) {
                    example.role = ExampleRole::Resource;
                    self.push_example(example);
                }
            }
            _ => {}
        }
    }

    /// Keeps an example; a body too deep to read is dropped (see [`limits::example`]).
    fn push_example(&mut self, mut example: Example) {
        if let Some(refused) = limits::example(&mut example, &self.page.source, &self.limits) {
            self.diag(refused);
        }
        self.page.examples.push(example);
    }

    fn finish(&mut self) {
        self.page.kind = page_kind(&self.page);
        if self.page.title.is_none() {
            if let Some(title) = self.page.front_matter.get("title") {
                self.page.title = Some(Located::new(title.clone(), 1));
            }
        }
        if matches!(self.page.kind, PageKind::Resource | PageKind::Enum) {
            self.page.subject = subject(&self.page);
        }
        self.request_body_from_example();
        self.report_if_empty();
    }

    /// A page that yields no fact is said so, with its kind, so no page is lost silently.
    fn report_if_empty(&mut self) {
        let p = &self.page;
        let has_facts = p.subject.is_some()
            || !p.properties.is_empty()
            || !p.relationships.is_empty()
            || !p.members.is_empty()
            || !p.inline_enums.is_empty()
            || !p.http.is_empty()
            || p.request_body
                .as_ref()
                .is_some_and(|b| !b.properties.is_empty());
        if !has_facts {
            let line = p.title.as_ref().map_or(1, |t| t.line);
            let kind = p
                .front_matter
                .get("doc_type")
                .cloned()
                .unwrap_or_else(|| "none".to_owned());
            let message = format!(
                "no type, property, enum member or route was found on this page (doc_type: {kind})"
            );
            self.page.diagnostics.push(Diagnostic::note(
                "page-without-facts",
                &self.page.source,
                line,
                message,
            ));
        }
    }

    /// When prose does not name the request body's type, the request example's
    /// `@odata.type` does, else for an update the type its Response section returns. The page
    /// title never does: titles name operations, not types.
    fn request_body_from_example(&mut self) {
        let Some(body) = &mut self.page.request_body else {
            return;
        };
        if body.type_name.is_some() || body.empty {
            return;
        }
        let found = self.page.examples.iter().find_map(|e| {
            (e.role == ExampleRole::Request)
                .then(|| odata_type_of(e))
                .flatten()
                .map(|(name, line)| Located::new(name, line))
        });
        // An update says what it returns ("an updated [x] object"); what it takes is that.
        let updates = !self.page.http.is_empty()
            && self
                .page
                .http
                .iter()
                .all(|l| matches!(l.method.as_str(), "PATCH" | "PUT"));
        let updated = self
            .page
            .response
            .as_ref()
            .filter(|_| updates && !body.properties.is_empty())
            .and_then(|r| {
                let t = r.type_ref.as_ref()?;
                (!t.collection && Primitive::from_doc_name(&t.name).is_none())
                    .then(|| Located::new(t.name.clone(), r.line))
            });
        if let Some(found) = found {
            body.type_name = Some(found);
            body.evidence = Some(TypeEvidence::ExampleODataType);
        } else if let Some(updated) = updated {
            body.type_name = Some(updated);
            body.evidence = Some(TypeEvidence::UpdatedResponse);
        } else if !body.properties.is_empty() {
            let line = body.line;
            self.page.diagnostics.push(Diagnostic::warning(
                "request-body-type-unknown",
                &self.page.source,
                line,
                "the request body lists properties but no page text or example names its type",
            ));
        }
    }
}

/// The `@odata.type` at the top level of an example's JSON body, without `#` and namespace.
fn odata_type_of(example: &Example) -> Option<(String, u32)> {
    let body = example.body.as_deref()?;
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let name = value.get("@odata.type")?.as_str()?;
    let name = prose::strip_namespace(name);
    prose::is_type_name(name).then(|| (name.to_owned(), example.body_line.unwrap_or(example.line)))
}

/// "signInAudience values", "x enum values", "x enumeration": the enum a heading introduces.
fn inline_enum_heading(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let cut = [
        " enumeration values",
        " enum values",
        " values",
        " enumeration",
        " enum",
    ]
    .iter()
    .find_map(|suffix| lower.strip_suffix(suffix).map(str::len))?;
    let name = text.get(..cut)?.trim().trim_matches('`');
    let name = prose::strip_namespace(name);
    (prose::is_type_name(name) && !name.contains(' ')).then(|| name.to_owned())
}

fn is_boilerplate(lower: &str) -> bool {
    lower.starts_with("[!include")
        || lower.starts_with("important:")
        || lower.starts_with("note:")
        || lower.starts_with("this api is available in")
        || lower.starts_with("global service")
        || lower.starts_with("namespace")
}

fn yaml_scalar(value: &serde_norway::Value) -> String {
    match value {
        serde_norway::Value::String(s) => s.clone(),
        serde_norway::Value::Bool(b) => b.to_string(),
        serde_norway::Value::Number(n) => n.to_string(),
        serde_norway::Value::Null => String::new(),
        other => serde_norway::to_string(other)
            .map(|s| s.trim().to_owned())
            .unwrap_or_default(),
    }
}

/// The page's kind: `doc_type` says, unless the page plainly contradicts it (a title "x resource
/// type" and no HTTP request block on a page typed `apiPageType`, as some hand-written pages
/// are), in which case the content wins.
fn page_kind(page: &Page) -> PageKind {
    let from_content = kind_from_content(page);
    let doc_type = page
        .front_matter
        .get("doc_type")
        .map(|d| d.to_ascii_lowercase());
    let declared = match doc_type.as_deref() {
        Some("apipagetype") => PageKind::Api,
        Some("resourcepagetype") => PageKind::Resource,
        Some("enumpagetype") => PageKind::Enum,
        _ => return from_content,
    };
    let title_names_type = page
        .title
        .as_ref()
        .is_some_and(|t| title_subject(&t.value).is_some());
    if declared == PageKind::Api && page.http.is_empty() && title_names_type {
        return from_content;
    }
    declared
}

fn kind_from_content(page: &Page) -> PageKind {
    let title = page
        .title
        .as_ref()
        .map(|t| t.value.to_ascii_lowercase())
        .unwrap_or_default();
    if title.ends_with(" enum type")
        || title.ends_with(" enumeration type")
        || title.ends_with(" enum")
    {
        return PageKind::Enum;
    }
    if title_subject(&title).is_some() {
        return PageKind::Resource;
    }
    if !page.http.is_empty() {
        PageKind::Api
    } else if (!page.members.is_empty() || !page.inline_enums.is_empty())
        && page.properties.is_empty()
    {
        PageKind::Enum
    } else if !page.properties.is_empty() {
        PageKind::Resource
    } else {
        PageKind::Unknown
    }
}

/// Suffixes that make a title name a type: "x resource type", "x complex type"...
const TITLE_SUFFIXES: [&str; 9] = [
    " resource type",
    " complex type",
    " entity type",
    " enum type",
    " enumeration type",
    " resource",
    " entity",
    " enum",
    " type",
];

fn title_subject(title: &str) -> Option<&str> {
    let lower = title.to_ascii_lowercase();
    TITLE_SUFFIXES
        .iter()
        .find_map(|suffix| {
            if !lower.ends_with(suffix) {
                return None;
            }
            // `lower` is `title` lower-cased (ASCII only, same bytes): the suffix starts here.
            let name = title.get(..title.len().checked_sub(suffix.len())?)?.trim();
            Some(prose::strip_namespace(name))
        })
        .filter(|name| prose::is_type_name(name))
}

/// The type a resource or enum page defines: its JSON representation's `@odata.type`
/// annotation (checked by the docs' own build) when that disagrees with the title, else the
/// title ("x resource type"), else the JSON body's `@odata.type`, else a one-word title.
fn subject(page: &Page) -> Option<Located<String>> {
    let from_title = page.title.as_ref().and_then(|title| {
        title_subject(&title.value).map(|name| Located::new(name.to_owned(), title.line))
    });
    let resources = page
        .examples
        .iter()
        .filter(|e| e.role == ExampleRole::Resource);
    let annotated = resources.clone().find_map(|e| {
        let t = e.annotation.as_ref()?.odata_type.as_deref()?;
        let name = prose::strip_namespace(t);
        prose::is_type_name(name).then(|| Located::new(name.to_owned(), e.line))
    });
    match (from_title, annotated) {
        // Same name: keep the title's spelling (annotations are sometimes all lower-case).
        (Some(title), Some(a)) if title.value.eq_ignore_ascii_case(&a.value) => Some(title),
        (_, Some(a)) => Some(a),
        (Some(title), None) => Some(title),
        (None, None) => resources
            .filter_map(|e| odata_type_of(e).map(|(name, line)| Located::new(name, line)))
            .next()
            .or_else(|| {
                let title = page.title.as_ref()?;
                let name = title.value.trim();
                prose::is_type_name(name).then(|| Located::new(name.to_owned(), title.line))
            }),
    }
}
