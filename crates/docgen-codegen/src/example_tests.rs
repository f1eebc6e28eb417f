//! `tests/examples.rs` of the generated crate: one `#[test]` per request and response
//! example of the docs, deserialising the body into its type, serialising it back and
//! comparing the JSON (key order aside, and a `null` member compared as absent: model fields
//! are `Option`s skipped when `None`, so `"x": null` reads as `None` and is not written back;
//! a PATCH cannot send `null` to clear a property). The tests are in `tests/examples/cases.rs`, a module
//! marked `#[rustfmt::skip]` like the library's, so `cargo fmt --check` passes.
//!
//! Some examples cannot be tested, and each says why in the generated `SKIPPED` table, which
//! the `example_counts` test prints by kind:
//! - `truncated`: the page says the body is cut short;
//! - `not JSON`: the body does not parse;
//! - `placeholder`: a value stands for a type (`"String"`, `"String (timestamp)"`,
//!   `"Int32"`), not a value;
//! - `null`: the body or an array item is `null`, which no model type reads back as `null`;
//! - `no type`: no generated type fits (see [`crate::example_types`]);
//! - `stream`: the body is an `Edm.Stream` (an action returning a report file), or inlines an
//!   `Edm.Stream` property, which models leave out (a stream is read from its own URL; the
//!   docs' examples show one as base64 text).
//!
//! With features ([`crate::areas`]), a test is behind the features of the areas of the
//! types its body reaches ([`crate::example_areas`]), and `TESTED` counts the tests the
//! current features compile.

use docgen_ir::{ExampleRole, Primitive};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use rayon::prelude::*;
use serde_json::Value;

use crate::areas::Areas;
use crate::example_areas::types_used;
use crate::example_types::{Context, ExampleType};
use crate::examples::ExampleCase;
use crate::naming::{sanitize, Case, RustName, Scope};
use crate::output::{print_each, Module};
use crate::text::{doc_attrs, is_invisible};

/// The test file's own items; test names steer around them.
const FILE_ITEMS: [&str; 7] = [
    "check",
    "difference",
    "same_number",
    "example_counts",
    "SKIPPED",
    "TESTED",
    "TESTS",
];

/// What becomes of one example.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Test(ExampleType),
    /// The reason, starting with its kind and a `:`.
    Skip(String),
}

/// Decides whether and as what `case` is tested.
pub(crate) fn classify(context: &Context<'_, '_>, case: &ExampleCase) -> Verdict {
    if !matches!(case.role, ExampleRole::Request | ExampleRole::Response) {
        return Verdict::Skip("no type: not a request or response example".to_owned());
    }
    if case.truncated {
        return Verdict::Skip("truncated: the page marks the body as cut short".to_owned());
    }
    let body: Value = match serde_json::from_str(&case.body) {
        Ok(body) => body,
        Err(error) => return Verdict::Skip(format!("not JSON: {error}")),
    };
    if let Some((at, text)) = find_placeholder(&body, "") {
        return Verdict::Skip(format!("placeholder: `{text}` at `{at}`"));
    }
    if let Some(at) = find_null(&body, "") {
        return Verdict::Skip(format!(
            "null: `{at}` is null where no model type keeps a null"
        ));
    }
    let ty = match context.resolve(case, &body) {
        Ok(ty) => ty,
        Err(reason) => return Verdict::Skip(reason),
    };
    match context.find_stream(ty, &body) {
        Some(at) => Verdict::Skip(format!(
            "stream: `{at}` is an `Edm.Stream` property, which models leave out"
        )),
        None => Verdict::Test(ty),
    }
}

/// Stand-ins the docs write instead of values: a type's name, maybe with a note in
/// parentheses (`"String (identifier)"`). Capitalised only: `"string"` is a real value of
/// several enums.
fn is_placeholder(text: &str) -> bool {
    const EXTRA: [&str; 8] = [
        "Integer",
        "Int",
        "Number",
        "Bool",
        "Float",
        "Long",
        "Timestamp",
        "DateTime",
    ];
    let head = text.split(" (").next().unwrap_or(text);
    let head = head.strip_suffix(" collection").unwrap_or(head);
    let named = Primitive::ALL.iter().any(|p| p.name() == head) || EXTRA.contains(&head);
    named && (head.len() == text.len() || text.ends_with(')') || text.ends_with(" collection"))
}

/// The JSON pointer and text of the first placeholder value (`@odata.type` values aside).
fn find_placeholder(value: &Value, at: &str) -> Option<(String, String)> {
    match value {
        Value::String(text) if is_placeholder(text) => Some((at.to_owned(), text.clone())),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_placeholder(item, &format!("{at}/{i}"))),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| key.as_str() != "@odata.type")
            .find_map(|(key, item)| find_placeholder(item, &format!("{at}/{key}"))),
        _ => None,
    }
}

/// The JSON pointer of the first `null` that is not an object's member (members are
/// compared as absent).
fn find_null(value: &Value, at: &str) -> Option<String> {
    match value {
        Value::Null => Some(if at.is_empty() {
            "/".to_owned()
        } else {
            at.to_owned()
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| find_null(item, &format!("{at}/{i}"))),
        Value::Object(map) => map
            .iter()
            .filter(|(_, item)| !item.is_null())
            .find_map(|(key, item)| find_null(item, &format!("{at}/{key}"))),
        _ => None,
    }
}

/// Whether the body has a `null` member anywhere.
fn has_null_member(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(has_null_member),
        Value::Object(map) => map
            .values()
            .any(|item| item.is_null() || has_null_member(item)),
        _ => false,
    }
}

/// The body as a string literal: raw (`r#"..."#`) for readability, escaped when it holds
/// characters a raw string must not (a lone `\r`) or that rustc rejects or a reviewer
/// cannot see (bidi controls, zero-width characters).
fn body_literal(body: &str) -> Literal {
    if !body.contains('\r') && !body.chars().any(is_invisible) {
        let mut hashes = String::from("#");
        while body.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        if let Ok(literal) = format!("r{hashes}\"{body}\"{hashes}").parse::<Literal>() {
            return literal;
        }
    }
    Literal::string(body)
}

/// `tests/examples.rs`: the test crate's root, declaring the generated module.
pub(crate) fn root() -> TokenStream {
    quote! {
        #![doc = " The docs' request and response examples as tests (see `examples/cases.rs`)."]
        #[rustfmt::skip]
        #[path = "examples/cases.rs"]
        mod cases;
    }
}

/// `tests/examples/cases.rs` for `examples`, with crate paths under `::lib`.
pub(crate) fn generate(
    context: &Context<'_, '_>,
    examples: &[ExampleCase],
    lib: &RustName,
    areas: &Areas,
) -> Module {
    // Each example is classified (body parsed, type resolved) on its own: in parallel.
    // (verdict, areas needed, whether the body has `null` members)
    let verdicts: Vec<(Verdict, Vec<usize>, bool)> = examples
        .par_iter()
        .map(|case| {
            let verdict = classify(context, case);
            let Verdict::Test(ty) = &verdict else {
                return (verdict, Vec::new(), false);
            };
            let Ok(body) = serde_json::from_str::<Value>(&case.body) else {
                return (verdict, Vec::new(), false);
            };
            let need = if areas.enabled() {
                types_used(context, *ty, &body)
                    .into_iter()
                    .map(|index| areas.of_type(index))
                    .collect()
            } else {
                Vec::new()
            };
            let nulls = has_null_member(&body);
            (verdict, need, nulls)
        })
        .collect();
    // Names depend on the names before them: given in order.
    let mut scope = Scope::with_reserved(&FILE_ITEMS);
    let mut skipped = Vec::new();
    let mut tests = Vec::new();
    // The areas each test needs.
    let mut needs: Vec<Vec<usize>> = Vec::new();
    let mut with_nulls = 0usize;
    for (case, (verdict, need, nulls)) in examples.iter().zip(verdicts) {
        let name = sanitize(
            &format!("{} {}", case.page_stem(), case.name),
            Case::Snake,
            &mut scope,
        );
        let source = format!("{}:{}", case.page, case.line);
        match verdict {
            Verdict::Skip(reason) => {
                let name = Literal::string(name.as_str());
                skipped.push(quote!((#name, #source, #reason)));
            }
            Verdict::Test(ty) => {
                with_nulls += usize::from(nulls);
                tests.push((case, name, source, ty, needs.len()));
                needs.push(need);
            }
        }
    }
    // The tests themselves are built and printed in parallel.
    let tests = print_each(&tests, |(case, name, source, ty, need)| {
        let cfg = areas.cfg(needs.get(*need).map_or(&[], Vec::as_slice));
        let ty = context.tokens(&quote!(::#lib), *ty);
        let body = body_literal(&case.body);
        let docs = doc_attrs([format!("`{source}`")]);
        quote! {
            #docs
            #cfg
            #[test]
            fn #name() {
                check::<#ty>(#body);
            }
        }
    });
    let tested = tested_count(areas, &needs);
    // Without tests the helpers would be dead code; so they would with their features off.
    let helpers_cfg = areas.cfg_any(&needs);
    let helpers = (!tests.is_empty()).then(|| helpers(&helpers_cfg));
    // With features, tests whose features are off are counted apart.
    let (all_tests, not_compiled) = if areas.enabled() {
        let all = Literal::usize_unsuffixed(needs.len());
        (
            Some(quote! {
                #[doc = " How many examples have a test in this file, whatever the features."]
                const TESTS: usize = #all;
            }),
            Some(quote! {
                let not_compiled = TESTS - TESTED;
                if not_compiled > 0 {
                    println!("  not compiled (their features are off): {not_compiled}");
                }
            }),
        )
    } else {
        (None, None)
    };
    let nulls_line = (with_nulls > 0).then(|| {
        let line = format!("  of the tests, {with_nulls} compare `null` members as absent");
        quote!(println!(#line);)
    });
    let (total, tested_doc) = if all_tests.is_some() {
        (
            quote!(TESTS),
            " How many examples have a test the current features compile.",
        )
    } else {
        (
            quote!(TESTED),
            " How many examples have a test in this file.",
        )
    };
    let head = quote! {
        #![doc = " The docs' request and response examples as tests: each body is deserialised into"]
        #![doc = " its generated type, serialised back and compared with the original JSON (key"]
        #![doc = " order aside). Examples that cannot be tested are listed in `SKIPPED` with the"]
        #![doc = " reason, and `example_counts` prints the tally."]

        #[doc = " Examples without a test: (test name, source, reason); a reason starts with its"]
        #[doc = " kind."]
        const SKIPPED: &[(&str, &str, &str)] = &[#(#skipped),*];

        #[doc = #tested_doc]
        const TESTED: usize = #tested;
        #all_tests

        #[test]
        fn example_counts() {
            let mut kinds = ::std::collections::BTreeMap::<&str, usize>::new();
            for (_, _, reason) in SKIPPED {
                let kind = reason.split(':').next().unwrap_or(reason);
                *kinds.entry(kind).or_default() += 1;
            }
            println!(
                "{} examples: {} tested, {} skipped",
                #total + SKIPPED.len(),
                TESTED,
                SKIPPED.len()
            );
            #not_compiled
            #nulls_line
            for (kind, count) in &kinds {
                println!("  skipped ({kind}): {count}");
            }
            for (name, source, reason) in SKIPPED {
                println!("  {name} ({source}): {reason}");
            }
        }

        #helpers
    };
    Module { head, items: tests }
}

/// The value of `TESTED`: how many of the tests, each needing the areas in `needs`, the
/// current features compile. Without features, a number; with them, a sum of
/// `cfg!(...) as usize * count` terms, one per distinct need.
fn tested_count(areas: &Areas, needs: &[Vec<usize>]) -> TokenStream {
    if !areas.enabled() {
        let count = needs.len();
        return quote!(#count);
    }
    let mut always = 0usize;
    let mut by_need: std::collections::BTreeMap<String, (TokenStream, usize)> =
        std::collections::BTreeMap::new();
    for need in needs {
        match areas.predicate(need) {
            None => always += 1,
            Some(predicate) => {
                by_need
                    .entry(predicate.to_string())
                    .or_insert((predicate, 0))
                    .1 += 1;
            }
        }
    }
    let mut terms = Vec::new();
    if always > 0 {
        let always = Literal::usize_unsuffixed(always);
        terms.push(quote!(#always));
    }
    for (predicate, count) in by_need.into_values() {
        let literal = Literal::usize_unsuffixed(count);
        // `usize::from` is not `const`; `x * 1` is `clippy::identity_op`.
        terms.push(if count == 1 {
            quote!(cfg!(#predicate) as usize)
        } else {
            quote!(cfg!(#predicate) as usize * #literal)
        });
    }
    if terms.is_empty() {
        quote!(0)
    } else {
        quote!(#(#terms)+*)
    }
}

/// `check` and the JSON comparison it reports differences with, each under `cfg`.
fn helpers(cfg: &TokenStream) -> TokenStream {
    quote! {
        #[doc = " Deserialises `json` as `T`, serialises it back, and fails unless the JSON is the"]
        #[doc = " same (key order aside, `null` members as absent), naming the first difference."]
        #cfg
        fn check<T>(json: &str)
        where
            T: ::serde::de::DeserializeOwned + ::serde::Serialize,
        {
            let original: ::serde_json::Value =
                ::serde_json::from_str(json).expect("the example is JSON");
            let typed: T = match ::serde_json::from_str(json) {
                ::std::result::Result::Ok(typed) => typed,
                ::std::result::Result::Err(error) => {
                    panic!("the example does not deserialise: {error}")
                }
            };
            let text = ::serde_json::to_string(&typed).expect("a model serialises");
            let back: ::serde_json::Value =
                ::serde_json::from_str(&text).expect("serde_json writes JSON");
            if let ::std::option::Option::Some(difference) = difference(&original, &back, "") {
                panic!("the example does not round-trip: {difference}\nwritten back: {text}");
            }
        }

        #[doc = " The first difference between `original` and `back` under the JSON pointer `at`."]
        #cfg
        fn difference(
            original: &::serde_json::Value,
            back: &::serde_json::Value,
            at: &str,
        ) -> ::std::option::Option<::std::string::String> {
            use ::serde_json::Value;
            match (original, back) {
                (Value::Object(a), Value::Object(b)) => {
                    for (key, value) in a {
                        let path = format!("{at}/{key}");
                        match b.get(key) {
                            // An `Option` field reads `null` as `None` and skips it.
                            ::std::option::Option::None if value.is_null() => {}
                            ::std::option::Option::None => {
                                return ::std::option::Option::Some(format!("`{path}` was dropped"));
                            }
                            ::std::option::Option::Some(other) => {
                                if let ::std::option::Option::Some(found) = difference(value, other, &path) {
                                    return ::std::option::Option::Some(found);
                                }
                            }
                        }
                    }
                    b.keys()
                        .find(|key| !a.contains_key(key.as_str()))
                        .map(|key| format!("`{at}/{key}` was added"))
                }
                (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
                    .iter()
                    .zip(b)
                    .enumerate()
                    .find_map(|(i, (x, y))| difference(x, y, &format!("{at}/{i}"))),
                (Value::Number(a), Value::Number(b)) if same_number(a, b) => {
                    ::std::option::Option::None
                }
                _ if original == back => ::std::option::Option::None,
                _ => ::std::option::Option::Some(format!("`{at}` was {original}, is {back}")),
            }
        }

        #[doc = " JSON has one kind of number: `1` and `1.0` are the same value, though"]
        #[doc = " serde_json's `Value` tells them apart (an `f64` field writes `1` back as `1.0`)."]
        #cfg
        fn same_number(a: &::serde_json::Number, b: &::serde_json::Number) -> bool {
            a == b || ((a.is_f64() || b.is_f64()) && a.as_f64() == b.as_f64())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let table = [
            ("String", true),
            ("String (timestamp)", true),
            ("String (identifier)", true),
            ("Int32", true),
            ("Integer", true),
            ("Boolean", true),
            ("Guid", true),
            ("DateTimeOffset", true),
            ("String collection", true),
            ("string", false),
            ("Strings", false),
            ("String value", false),
            ("Display Name value", false),
            ("Stringent (x)", false),
            ("", false),
        ];
        for (text, want) in table {
            assert_eq!(is_placeholder(text), want, "{text:?}");
        }
        let body = serde_json::json!({"@odata.type": "String", "a": [1, {"b": "Int64"}]});
        assert_eq!(
            find_placeholder(&body, ""),
            Some(("/a/1/b".to_owned(), "Int64".to_owned()))
        );
        assert_eq!(
            find_null(&serde_json::json!({"a": [0, null]}), ""),
            Some("/a/1".to_owned())
        );
        assert_eq!(
            find_null(&serde_json::Value::Null, ""),
            Some("/".to_owned())
        );
        // Members are compared as absent, so they do not skip the example.
        let member = serde_json::json!({"a": {"b": null}, "c": [{"d": null}]});
        assert_eq!(find_null(&member, ""), None);
        assert!(has_null_member(&member));
        assert!(!has_null_member(&serde_json::json!({"a": [1, 2]})));
    }

    #[test]
    fn body_literals() {
        // (body, literal as printed)
        let table = [
            ("{\"a\": 1}", "r#\"{\"a\": 1}\"#"),
            ("{\"a\": \"#x\"}", "r##\"{\"a\": \"#x\"}\"##"),
            ("{\"a\":\r\n1}", "\"{\\\"a\\\":\\r\\n1}\""),
        ];
        for (body, want) in table {
            assert_eq!(body_literal(body).to_string(), want, "{body:?}");
        }
        // Bidi controls are escaped, never written raw.
        let escaped = body_literal("{\"a\": \"\u{202E}\"}").to_string();
        assert!(
            !escaped.contains('\u{202E}') && escaped.starts_with('"'),
            "{escaped}"
        );
    }
}
