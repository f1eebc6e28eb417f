//! Facts stated in prose: value lists, TODO placeholders, inheritance, the request body's type
//! and the response's status and type.
//!
//! Everything here reads plain text (plus links where the format kept them), so markdown, copied
//! text and HTML give the same answers.

use docgen_ir::{Primitive, TypeRef};

use crate::blocks::Inline;

/// Phrases that introduce a list of allowed values, lower-case, longest first.
const VALUE_MARKERS: [&str; 13] = [
    "the possible values are",
    "possible values are",
    "possible values include",
    "possible values",
    "valid values are",
    "allowed values are",
    "supported values are",
    "the supported values are",
    "can be one of the following values",
    "can be one of",
    "must be one of",
    "which can be",
    "one of the following values",
];

/// Markers that also begin ordinary sentences ("which can be used to..."): a list after them
/// counts only with two or more values.
const LOOSE_MARKERS: [&str; 3] = ["which can be", "can be one of", "must be one of"];

/// Reads "Possible values are: `a`, `b`, `c`." from a description. Empty when there is none.
pub fn possible_values(text: &str) -> Vec<String> {
    // Every marker holds "value", "one of" or "can be"; most descriptions hold none, and one
    // scan is far cheaper than one per marker.
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("value") || lower.contains("one of") || lower.contains("can be")) {
        return Vec::new();
    }
    let Some((at, marker)) = VALUE_MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, *m)))
        .min_by_key(|(i, m)| (*i, usize::MAX - m.len()))
    else {
        return Vec::new();
    };
    let rest = text.get(at + marker.len()..).unwrap_or("");
    let rest = rest.trim_start_matches([':', ' ', '-']);
    let loose = LOOSE_MARKERS.contains(&marker);
    let values = value_list(rest);
    if loose && values.len() < 2 {
        return Vec::new();
    }
    values
}

/// Reads `a, b, c and d.` word by word: values separated by commas (or a final "and"/"or"),
/// ending at a sentence end, the end of the text, or prose after a value. One value followed
/// by prose ("are listed in the following table") is prose, not a list.
fn value_list(rest: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut expect_value = true;
    let mut stopped_by_prose = false;
    for word in rest.split_whitespace() {
        let bare = word.trim_end_matches(['`', '"', '\'', '*', '”', ')']);
        let ends_sentence = bare.ends_with('.') || bare.ends_with(';');
        let has_comma = bare.ends_with(',');
        let core = bare
            .trim_end_matches([',', '.', ';'])
            .trim_matches(['`', '"', '\'', '*', '“', '”', '(']);
        if !values.is_empty() && matches!(core, "or" | "and") {
            expect_value = true;
            continue;
        }
        if !expect_value || !is_value_token(core) {
            stopped_by_prose = true;
            break;
        }
        values.push(core.to_owned());
        if ends_sentence {
            break;
        }
        expect_value = has_comma;
    }
    if stopped_by_prose && values.len() == 1 {
        values.clear();
    }
    values
}

fn is_value_token(item: &str) -> bool {
    !item.is_empty()
        && item
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Removes "TODO: ..." placeholders from a description; returns the rest and whether one was
/// found. The placeholder runs to the end of its sentence or to a following "Inherited from" /
/// "Possible values" phrase, which are facts worth keeping.
pub fn strip_todo(text: &str) -> (String, bool) {
    let Some(start) = text.find("TODO") else {
        return (text.to_owned(), false);
    };
    let Some((before, after)) = text.split_at_checked(start) else {
        return (text.to_owned(), false);
    };
    // Offsets found in the ASCII lower-casing are offsets in `after` (same bytes).
    let lower = after.to_ascii_lowercase();
    let mut end = after.len();
    for keep in ["inherited from", "possible values", "the possible values"] {
        if let Some(i) = lower.find(keep) {
            end = end.min(i);
        }
    }
    if let Some(i) = after.find(". ") {
        end = end.min(i + 2);
    }
    let mut out = String::with_capacity(text.len());
    out.push_str(before.trim_end());
    let tail = after.get(end..).unwrap_or_default();
    let tail = tail.trim_start_matches(['.', ' ', '*']);
    if !out.is_empty() && !tail.is_empty() {
        out.push(' ');
    }
    out.push_str(tail);
    (crate::lines::collapse_spaces(&out), true)
}

/// Phrases that introduce a base type, lower-case.
pub const INHERITANCE_MARKERS: [&str; 6] = [
    "inherited from",
    "inherits from",
    "derived from",
    "derives from",
    "a subclass of",
    "subtype of",
];

/// The type named after "Inherited from", "Inherits from", "Derived from" or "A subclass of",
/// preferring a link.
pub fn inherited_from(inline: &Inline) -> Option<String> {
    let lower = inline.text.to_ascii_lowercase();
    // Every marker holds "from", "subclass" or "subtype": skip the per-marker scans otherwise.
    if !(lower.contains("from") || lower.contains("sub")) {
        return None;
    }
    let at = INHERITANCE_MARKERS
        .iter()
        .filter_map(|m| lower.find(m).map(|i| i + m.len()))
        .min()?;
    let rest = inline.text.get(at..)?.trim_start();
    let rest = rest
        .strip_prefix("the ")
        .or_else(|| rest.strip_prefix("an "))
        .or_else(|| rest.strip_prefix("a "))
        .unwrap_or(rest);
    if let Some(link) = inline
        .links
        .iter()
        .find(|l| rest.starts_with(l.text.as_str()) && is_type_name(&l.text))
    {
        return Some(strip_namespace(&link.text).to_owned());
    }
    let word = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | '('))
        .next()?
        .trim_end_matches('.');
    is_type_name(word).then(|| strip_namespace(word).to_owned())
}

/// A type-like identifier: letters, digits, `_` and `.`, starting with a letter.
pub fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
}

/// `#microsoft.graph.callRecords.session` → `session`: type names never contain dots, so
/// everything before the last one is a namespace.
pub fn strip_namespace(name: &str) -> &str {
    let name = name.trim_start_matches('#');
    name.rsplit('.').next().unwrap_or(name)
}

/// The object named in "a JSON representation of the [x] object" and similar prose.
pub fn json_representation_type(inline: &Inline) -> Option<String> {
    let lower = inline.text.to_ascii_lowercase();
    let at = lower.find("json representation")?;
    named_object_after(inline, at)
}

/// Finds the type a phrase names at or after byte `from` of the text: a link whose text is
/// a type name, else "the|a|an [updated|new] x object|objects|collection|resource|entity".
fn named_object_after(inline: &Inline, from: usize) -> Option<String> {
    let tail = inline.text.get(from..)?;
    for link in &inline.links {
        if let Some(pos) = tail.find(link.text.as_str()) {
            if is_type_name(&link.text) && !link.text.contains(' ') && pos < 120 {
                return Some(strip_namespace(&link.text).to_owned());
            }
        }
    }
    let words: Vec<&str> = tail.split_whitespace().collect();
    words.windows(2).enumerate().find_map(|(i, pair)| {
        let [word, next] = *pair else {
            return None;
        };
        let next = next.trim_end_matches(['.', ',']).to_ascii_lowercase();
        // "a collection of x objects": `collection` introduces the type, it does not follow it.
        if next == "collection" && words.get(i + 2).is_some_and(|w| *w == "of") {
            return None;
        }
        let names_object = matches!(
            next.as_str(),
            "object" | "objects" | "collection" | "resource" | "entity" | "entities"
        );
        let word = word.trim_matches(['`', '*', '"']);
        // "... and a bulkManagedDeviceActionResult in the response body": a camelCase word
        // there is a type name even where no link marks it (copied text keeps no links).
        let in_body = next == "in" && words.get(i + 2).is_some_and(|w| *w == "the");
        let camel = word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && word.chars().any(|c| c.is_ascii_uppercase());
        ((names_object || (in_body && camel)) && is_type_name(word) && !is_filler(word))
            .then(|| strip_namespace(word).to_owned())
    })
}

fn is_filler(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "in"
            | "with"
            | "updated"
            | "new"
            | "created"
            | "json"
            | "this"
            | "that"
            | "of"
    )
}

/// The success status and body type from a Response section's prose.
pub fn response_summary(inline: &Inline) -> (Option<u16>, Option<TypeRef>) {
    let text = &inline.text;
    let status = status_code(text);
    let lower = text.to_ascii_lowercase();
    if lower.contains("does not return anything") || lower.contains("no content") {
        return (status, None);
    }
    let from = lower.find("response code").unwrap_or(0);
    let named = named_object_after(inline, from).map(|name| {
        let tail = lower.get(from..).unwrap_or("");
        let needle = name.to_ascii_lowercase();
        let collection = tail.contains("collection of")
            || tail
                .find(&needle)
                .and_then(|i| tail.get(i + needle.len()..))
                .is_some_and(|after| after.trim_start().starts_with("collection"));
        TypeRef {
            name,
            collection,
            link: None,
        }
    });
    (status, named.or_else(|| primitive_in_body(text)))
}

/// "... and a String in the response body", "a Boolean collection in the response body": a
/// primitive named just before "in the response body". Only its EDM spelling, capitalised,
/// after an article counts: "returns the text in the response body" names no type.
fn primitive_in_body(text: &str) -> Option<TypeRef> {
    let at = text.to_ascii_lowercase().find(" in the response body")?;
    let mut words = text.get(..at)?.split_whitespace().rev();
    let mut word = words.next()?.trim_matches(['`', '*']);
    let collection = word.eq_ignore_ascii_case("collection");
    if collection {
        word = words.next()?.trim_matches(['`', '*']);
    }
    let article = words.next()?.to_ascii_lowercase();
    let bare = word.strip_prefix("Edm.").unwrap_or(word);
    let primitive = Primitive::from_doc_name(bare)?;
    (matches!(article.as_str(), "a" | "an" | "of")
        && bare.starts_with(|c: char| c.is_ascii_uppercase())
        && bare.eq_ignore_ascii_case(primitive.name()))
    .then(|| TypeRef {
        name: primitive.name().to_owned(),
        collection,
        link: None,
    })
}

/// The first three-digit HTTP status followed by its reason phrase ("200 OK", "`201 Created`").
pub fn status_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(4)).find_map(|i| {
        let digits = bytes.get(i..i + 3)?;
        let before_ok = i
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        let after = *bytes.get(i + 3)?;
        let reason = *bytes.get(i + 4)?;
        (before_ok
            && digits.iter().all(u8::is_ascii_digit)
            && digits.first().is_some_and(|d| (b'1'..=b'5').contains(d))
            && after == b' '
            && reason.is_ascii_uppercase())
        .then(|| std::str::from_utf8(digits).ok()?.parse().ok())
        .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Link;

    #[test]
    fn value_lists() {
        let table: [(&str, &[&str]); 13] = [
            (
                "Device platform. Possible values are: `android`, `iOS`.",
                &["android", "iOS"],
            ),
            (
                "Device platform Possible values are: android, androidForWork, iOS.",
                &["android", "androidForWork", "iOS"],
            ),
            (
                "The possible values are: a, b, and c. Default is a.",
                &["a", "b", "c"],
            ),
            (
                "Possible values are `none`, `pending` or `failed`",
                &["none", "pending", "failed"],
            ),
            ("possible values: \"x\", \"y\"", &["x", "y"]),
            ("No list here.", &[]),
            (
                "Possible values are: a, b. Use a when in doubt, b otherwise.",
                &["a", "b"],
            ),
            ("Possible values are: one, two. Read-only.", &["one", "two"]),
            (
                "Sets the importance, which can be: `low`, `normal`, `high`.",
                &["low", "normal", "high"],
            ),
            ("An id which can be used to correlate calls.", &[]),
            ("Possible values are listed in the following table.", &[]),
            ("Possible values are: `none`.", &["none"]),
            ("Possible values are: a or b. Default is a.", &["a", "b"]),
        ];
        for (text, want) in table {
            assert_eq!(possible_values(text), want, "{text}");
        }
    }

    #[test]
    fn todo_placeholders() {
        let table = [
            (
                "TODO: Add Description Inherited from entity",
                "Inherited from entity",
                true,
            ),
            (
                "TODO: Add Description. Possible values are: a, b.",
                "Possible values are: a, b.",
                true,
            ),
            ("TODO: Add Description", "", true),
            ("Key of the entity.", "Key of the entity.", false),
        ];
        for (text, want, found) in table {
            assert_eq!(strip_todo(text), (want.to_owned(), found), "{text}");
        }
    }

    #[test]
    fn inheritance() {
        let linked = Inline {
            text: "Inherited from entity".into(),
            links: vec![Link {
                text: "entity".into(),
                href: "../resources/entity.md".into(),
            }],
            code: vec![],
        };
        assert_eq!(inherited_from(&linked).as_deref(), Some("entity"));
        assert_eq!(
            inherited_from(&Inline::plain(
                "Inherits from microsoft.graph.deviceConfiguration."
            ))
            .as_deref(),
            Some("deviceConfiguration")
        );
        assert_eq!(inherited_from(&Inline::plain("Nothing")), None);
    }

    #[test]
    fn request_body_type_from_prose() {
        let text = Inline::plain(
            "In the request body, supply a JSON representation for the managedAllDeviceCertificateState object.",
        );
        assert_eq!(
            json_representation_type(&text).as_deref(),
            Some("managedAllDeviceCertificateState")
        );
    }

    #[test]
    fn response_prose() {
        let text = Inline::plain("If successful, this method returns a `200 OK` response code and an updated managedAllDeviceCertificateState object in the response body.".replace('`', ""));
        let (status, ty) = response_summary(&text);
        assert_eq!(status, Some(200));
        assert_eq!(ty.unwrap().name, "managedAllDeviceCertificateState");
        let list = Inline::plain("If successful, this method returns a 200 OK response code and a collection of managedDevice objects in the response body.");
        let (_, ty) = response_summary(&list);
        let ty = ty.unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("managedDevice", true));
        let bare = Inline::plain("If successful, this method returns a 200 OK response code and collection of directoryObject objects in the response body.");
        let ty = response_summary(&bare).1.unwrap();
        assert_eq!((ty.name.as_str(), ty.collection), ("directoryObject", true));
        let primitives = [
            ("a String in the response body.", Some(("String", false))),
            ("a Int32 in the response body.", Some(("Int32", false))),
            (
                "an `Edm.Boolean` in the response body.",
                Some(("Boolean", false)),
            ),
            (
                "a String collection in the response body.",
                Some(("String", true)),
            ),
            ("the text in the response body.", None),
            ("a date in the response body.", None),
        ];
        for (tail, expected) in primitives {
            let text = Inline::plain(format!(
                "If successful, this function returns a 200 OK response code and {tail}"
            ));
            let found = response_summary(&text).1;
            assert_eq!(
                found.as_ref().map(|t| (t.name.as_str(), t.collection)),
                expected,
                "{tail}"
            );
        }
        let none =
            Inline::plain("If successful, this method returns a 204 No Content response code.");
        assert_eq!(response_summary(&none), (Some(204), None));
    }
}
