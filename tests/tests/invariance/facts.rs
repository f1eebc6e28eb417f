//! The facts of a page the invariance test compares across formats.

use docgen_ir::{Example, ExampleRole, Page, TypeRef};

/// What a fact is about: the rows of the figures table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Topic {
    PageKind,
    Subject,
    Property,
    Member,
    Route,
    RequestBodyType,
    Response,
    Example,
}

impl Topic {
    pub(crate) const ALL: [Topic; 8] = [
        Topic::PageKind,
        Topic::Subject,
        Topic::Property,
        Topic::Member,
        Topic::Route,
        Topic::RequestBodyType,
        Topic::Response,
        Topic::Example,
    ];

    /// The topics the bar applies to.
    pub(crate) const BARRED: [Topic; 3] = [Topic::Property, Topic::Member, Topic::Route];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Topic::PageKind => "page kind",
            Topic::Subject => "subject",
            Topic::Property => "properties",
            Topic::Member => "enum members",
            Topic::Route => "routes",
            Topic::RequestBodyType => "request body type",
            Topic::Response => "response",
            Topic::Example => "examples",
        }
    }
}

/// One fact of a page. `id` says what it is about (a property's name, a route's method) and
/// pairs a missing fact with the other format's version of it in the report; facts compare
/// on `(topic, id, value)` ([`Fact::key`]). `line` is where the reading found it, for the
/// report only: lines differ between forms.
#[derive(Clone, Debug)]
pub(crate) struct Fact {
    pub(crate) topic: Topic,
    pub(crate) id: String,
    pub(crate) value: String,
    pub(crate) line: u32,
}

impl Fact {
    pub(crate) fn key(&self) -> (Topic, &str, &str) {
        (self.topic, &self.id, &self.value)
    }
}

pub(crate) fn fact(
    topic: Topic,
    line: u32,
    id: impl Into<String>,
    value: impl Into<String>,
) -> Fact {
    Fact {
        topic,
        id: id.into(),
        value: value.into(),
        line,
    }
}

/// A type as compared: name and collection flag. The link target is not compared: the text
/// form has no links at all, and the HTML form rewrites them to the site's URLs.
pub(crate) fn type_text(t: &TypeRef) -> String {
    if t.collection {
        format!("{} collection", t.name)
    } else {
        t.name.clone()
    }
}

/// An example's comparable content: role, method and URL or status, and the body as a JSON
/// value (whitespace and layout do not count; an unparsable body compares as trimmed text).
/// Not compared: the annotation (`blockType`, `truncated`, `@odata.type`, ...), which lives
/// in an HTML comment the site never shows, so text and HTML cannot have it; `truncated`,
/// which markdown mostly learns from that annotation; and the headers, whose table the
/// interpreter reads loosely in every format.
pub(crate) fn example_value(example: &Example) -> String {
    let head = match example.role {
        ExampleRole::Request => format!(
            "{} {}",
            example.method.as_deref().unwrap_or("-"),
            example.url.as_deref().unwrap_or("-")
        ),
        ExampleRole::Response => {
            format!("{}", example.status.map_or(0, u32::from))
        }
        ExampleRole::Resource => String::new(),
    };
    let body = match example.body.as_deref().map(str::trim) {
        None | Some("") => "no body".to_owned(),
        Some(body) => match serde_json::from_str::<serde_json::Value>(body) {
            Ok(value) => value.to_string(),
            Err(_) => format!("unparsed {body}"),
        },
    };
    format!("{head} {body}")
}

/// The facts of a page, in document order.
pub(crate) fn facts(page: &Page) -> Vec<Fact> {
    let title_line = page.title.as_ref().map_or(1, |t| t.line);
    let kind = format!("{:?}", page.kind);
    let mut out = vec![fact(Topic::PageKind, title_line, "kind", kind)];
    if let Some(subject) = &page.subject {
        let value = subject.value.clone();
        out.push(fact(Topic::Subject, subject.line, "subject", value));
    }
    let body_properties = page
        .request_body
        .as_ref()
        .map_or(&[][..], |b| b.properties.as_slice());
    for (origin, rows) in [
        ("property", page.properties.as_slice()),
        ("relationship", page.relationships.as_slice()),
        ("request body", body_properties),
    ] {
        for row in rows {
            out.push(fact(
                Topic::Property,
                row.line,
                format!("{origin} {}", row.name),
                type_text(&row.type_ref),
            ));
        }
    }
    // Members of the page's own enum by name; members of enums a page defines in passing
    // ("### signInAudience values") qualified by that enum's name.
    let inline = page
        .inline_enums
        .iter()
        .flat_map(|e| e.members.iter().map(move |m| (Some(e.name.as_str()), m)));
    for (owner, member) in page.members.iter().map(|m| (None, m)).chain(inline) {
        let id = match owner {
            Some(owner) => format!("{owner}.{}", member.name),
            None => member.name.clone(),
        };
        let value = member.value.map_or("-".to_owned(), |v| v.to_string());
        out.push(fact(Topic::Member, member.line, id, value));
    }
    for line in &page.http {
        let (method, path) = (line.method.clone(), line.path.clone());
        out.push(fact(Topic::Route, line.line, method, path));
    }
    if let Some(name) = page
        .request_body
        .as_ref()
        .and_then(|b| b.type_name.as_ref())
    {
        out.push(fact(
            Topic::RequestBodyType,
            name.line,
            "type",
            name.value.clone(),
        ));
    }
    if let Some(response) = &page.response {
        let status = response.status.map_or("-".to_owned(), |s| s.to_string());
        let ty = response.type_ref.as_ref().map_or("-".to_owned(), type_text);
        let value = format!("{status} {ty}");
        out.push(fact(Topic::Response, response.line, "response", value));
    }
    for example in &page.examples {
        let role = format!("{:?}", example.role).to_ascii_lowercase();
        out.push(fact(
            Topic::Example,
            example.line,
            role,
            example_value(example),
        ));
    }
    out
}
