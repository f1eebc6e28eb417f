//! The docs' request and response examples, as the generator takes them: [`ExampleCase`].
//!
//! The model holds no examples (they are evidence about types, not facts of the API), so the
//! caller passes them in [`crate::Options::examples`]; [`ExampleCase::from_pages`] reads them
//! from the pages the model was merged from. Only examples with a body are kept: a request
//! or response without one has nothing to round-trip.

use std::path::Path;

use docgen_ir::{ExampleRole, Page};
use docgen_model::TypeUse;

/// One request or response body of the docs, to become a test of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleCase {
    /// The page's source, as its diagnostics name it.
    pub page: String,
    /// The example's name on its page: the request annotation's `name`, else `example1`,
    /// `example2`... by request, then `_request` or `_response`.
    pub name: String,
    /// [`ExampleRole::Request`] or [`ExampleRole::Response`]; other roles are not tested.
    pub role: ExampleRole,
    /// The request line's method; a response carries its request's.
    pub method: Option<String>,
    /// The request line's URL as written; a response carries its request's.
    pub url: Option<String>,
    /// The type the page gives this body: the example annotation's `@odata.type`, else the
    /// "Request body" type (requests) or the "Response" section's type (responses).
    pub declared_type: Option<TypeUse>,
    /// The type the page is about, the last resort.
    pub page_type: Option<String>,
    /// The JSON body as written.
    pub body: String,
    /// The page says the body is cut short.
    pub truncated: bool,
    /// The example's line on the page.
    pub line: u32,
}

impl ExampleCase {
    /// Every request and response example with a body, of every page, in page order.
    pub fn from_pages(pages: &[Page]) -> Vec<ExampleCase> {
        pages.iter().flat_map(Self::from_page).collect()
    }

    /// The request and response examples of one page that have a body.
    pub fn from_page(page: &Page) -> Vec<ExampleCase> {
        let mut cases = Vec::new();
        // The pair number, and the last request's name, method and URL.
        let mut pair = 0;
        let mut request: (Option<String>, Option<String>, Option<String>) = (None, None, None);
        let mut previous = None;
        for example in &page.examples {
            let annotation_name = example
                .annotation
                .as_ref()
                .and_then(|a| a.name.clone())
                .filter(|name| !name.trim().is_empty());
            let annotation_type = example.annotation.as_ref().and_then(|a| {
                a.odata_type.as_ref().map(|name| TypeUse {
                    name: name.clone(),
                    collection: a.is_collection.unwrap_or(false),
                })
            });
            let (role, declared_type) = match example.role {
                ExampleRole::Resource => continue,
                ExampleRole::Request => {
                    pair += 1;
                    request = (annotation_name, example.method.clone(), example.url.clone());
                    let body_type = page.request_body.as_ref().and_then(|body| {
                        body.type_name.as_ref().map(|name| TypeUse {
                            name: name.value.clone(),
                            collection: false,
                        })
                    });
                    ("request", annotation_type.or(body_type))
                }
                ExampleRole::Response => {
                    // A response directly after its request shares its number and name; any
                    // other starts a pair of its own (still answering the last request).
                    if previous != Some(ExampleRole::Request) {
                        pair += 1;
                        request.0 = None;
                    }
                    let section_type = page.response.as_ref().and_then(|response| {
                        response.type_ref.as_ref().map(|t| TypeUse {
                            name: t.name.clone(),
                            collection: t.collection,
                        })
                    });
                    ("response", annotation_type.or(section_type))
                }
            };
            previous = Some(example.role);
            let Some(body) = example.body.as_ref().filter(|body| !body.trim().is_empty()) else {
                continue;
            };
            let base = request
                .0
                .clone()
                .unwrap_or_else(|| format!("example{pair}"));
            cases.push(ExampleCase {
                page: page.source.clone(),
                name: format!("{base}_{role}"),
                role: example.role,
                method: request.1.clone(),
                url: request.2.clone(),
                declared_type,
                page_type: page.subject.as_ref().map(|s| s.value.clone()),
                body: body.clone(),
                truncated: example.truncated,
                line: example.line,
            });
        }
        cases
    }

    /// The page's file name without its extension (`intune-deviceconfig-...-get`), which
    /// test names start with.
    pub fn page_stem(&self) -> &str {
        Path::new(&self.page)
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or(&self.page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use docgen_ir::{Annotation, Example, Located, ResponseSpec, TypeRef};

    fn example(role: ExampleRole, body: Option<&str>, line: u32) -> Example {
        Example {
            role,
            annotation: None,
            method: (role == ExampleRole::Request).then(|| "GET".to_owned()),
            url: (role == ExampleRole::Request).then(|| format!("/things/{line}")),
            status: None,
            headers: Vec::new(),
            body: body.map(str::to_owned),
            body_line: None,
            truncated: false,
            line,
        }
    }

    #[test]
    fn pages_give_named_cases_with_their_request_line() {
        let mut named = example(ExampleRole::Request, Some("{}"), 10);
        named.annotation = Some(Annotation {
            name: Some("get_thing".to_owned()),
            odata_type: Some("microsoft.graph.thing".to_owned()),
            ..Annotation::default()
        });
        let page = Page {
            source: "api/thing-get.md".to_owned(),
            subject: Some(Located::new("thing".to_owned(), 1)),
            response: Some(ResponseSpec {
                status: Some(200),
                type_ref: Some(TypeRef {
                    name: "thing".to_owned(),
                    collection: true,
                    link: None,
                }),
                line: 5,
            }),
            examples: vec![
                example(ExampleRole::Resource, Some("{}"), 1),
                named,
                example(ExampleRole::Response, Some("{\"value\": []}"), 20),
                example(ExampleRole::Request, None, 30),
                example(ExampleRole::Response, Some("  "), 40),
                example(ExampleRole::Response, Some("{}"), 50),
            ],
            ..Page::default()
        };
        let cases = ExampleCase::from_page(&page);
        // (name, line, URL, declared type and collection)
        type Row<'a> = (&'a str, u32, Option<&'a str>, Option<(&'a str, bool)>);
        let got: Vec<Row<'_>> = cases
            .iter()
            .map(|c| {
                (
                    c.name.as_str(),
                    c.line,
                    c.url.as_deref(),
                    c.declared_type
                        .as_ref()
                        .map(|t| (t.name.as_str(), t.collection)),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "get_thing_request",
                    10,
                    Some("/things/10"),
                    Some(("microsoft.graph.thing", false))
                ),
                (
                    "get_thing_response",
                    20,
                    Some("/things/10"),
                    Some(("thing", true))
                ),
                // The third response follows a response: a pair of its own, still
                // answering the last request.
                (
                    "example3_response",
                    50,
                    Some("/things/30"),
                    Some(("thing", true))
                ),
            ]
        );
        assert!(cases
            .iter()
            .all(|c| c.page_type.as_deref() == Some("thing")));
        assert_eq!(cases[0].page_stem(), "thing-get");
    }
}
