//! Reads a table's type cell: `String`, `Int32`, `[x](link)`, `x collection`, `Collection(x)`,
//! `Edm.String`, lower-case primitives, `Enumeration`, `Boolean (optional)`...

use docgen_ir::{Primitive, TypeRef};

use super::prose::{is_type_name, strip_namespace};
use crate::blocks::Inline;

/// A type cell, read. `None` when the cell is not a readable type (the caller reports it).
pub fn parse_type_cell(cell: &Inline) -> Option<TypeRef> {
    let text = cell.text.trim();
    let lower = text.to_ascii_lowercase();
    let link = cell
        .links
        .iter()
        .find(|l| is_type_name(strip_collection(&l.text).0))
        .cloned();
    let (core, collection) = match &link {
        Some(l) => {
            let (name, inner_collection) = strip_collection(&l.text);
            // "collection" as a word beside the link, not inside a name like
            // `deviceLogCollectionTemplateType`.
            let beside = lower.replacen(&l.text.to_ascii_lowercase(), " ", 1);
            let collection = inner_collection
                || beside
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == "collection");
            (name.to_owned(), collection)
        }
        None => {
            let (name, collection) = strip_collection(text);
            (strip_qualifiers(name).to_owned(), collection)
        }
    };
    let core = strip_namespace(core.trim());
    if !is_type_name(core) {
        return None;
    }
    let name = match Primitive::from_doc_name(core) {
        Some(p) => p.name().to_owned(),
        None => core.to_owned(),
    };
    Some(TypeRef {
        name,
        collection,
        link: link.map(|l| l.href),
    })
}

/// `Collection(x)` and `x collection` to `(x, true)`; anything else to `(text, false)`.
fn strip_collection(text: &str) -> (&str, bool) {
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("Collection(")
        .or_else(|| text.strip_prefix("collection("))
    {
        return (inner.trim_end_matches(')').trim(), true);
    }
    for suffix in [" collection", " Collection", " array", "[]"] {
        if let Some(inner) = text.strip_suffix(suffix) {
            return (inner.trim(), true);
        }
    }
    (text, false)
}

/// Drops annotations authors add after the type: `Boolean (optional)`, `String, nullable`,
/// `string, maximum size 20`, `Int32 (read-only)`. What follows a space without a comma or
/// parenthesis stays: `String or Int32` is no type.
fn strip_qualifiers(text: &str) -> &str {
    let (head, rest) = text
        .find([' ', ',', '('])
        .and_then(|cut| text.split_at_checked(cut))
        .unwrap_or((text, ""));
    let rest = rest.trim().to_ascii_lowercase();
    let annotation = rest.is_empty()
        || rest.starts_with('(')
        || rest.starts_with(',')
        || rest.starts_with("nullable");
    if annotation {
        head
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::Link;

    fn cell(text: &str) -> Inline {
        Inline::plain(text)
    }

    #[test]
    fn type_cells() {
        let table: [(&str, &str, bool); 13] = [
            ("string, maximum size 20", "String", false),
            ("Int32 (read-only)", "Int32", false),
            ("String, nullable", "String", false),
            ("String", "String", false),
            ("string", "String", false),
            ("Edm.Int32", "Int32", false),
            ("DateTimeOffset", "DateTimeOffset", false),
            ("String collection", "String", true),
            (
                "Collection(microsoft.graph.keyValuePair)",
                "keyValuePair",
                true,
            ),
            (
                "certificateRevocationStatus",
                "certificateRevocationStatus",
                false,
            ),
            ("Enumeration", "Enumeration", false),
            ("Boolean (optional)", "Boolean", false),
            (
                "microsoft.graph.deviceManagementSettings",
                "deviceManagementSettings",
                false,
            ),
        ];
        assert_eq!(parse_type_cell(&cell("String or Int32")), None);
        for (text, name, collection) in table {
            let t = parse_type_cell(&cell(text)).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (t.name.as_str(), t.collection),
                (name, collection),
                "{text}"
            );
        }
    }

    #[test]
    fn linked_types() {
        let linked = Inline {
            text: "devicePlatformType collection".into(),
            links: vec![Link {
                text: "devicePlatformType".into(),
                href: "../resources/intune-deviceconfig-deviceplatformtype.md".into(),
            }],
            code: vec![],
        };
        let t = parse_type_cell(&linked).unwrap();
        assert_eq!(t.name, "devicePlatformType");
        assert!(t.collection);
        assert_eq!(
            t.link.as_deref(),
            Some("../resources/intune-deviceconfig-deviceplatformtype.md")
        );
    }

    #[test]
    fn collection_inside_a_linked_name_is_not_a_collection() {
        let linked = Inline {
            text: "deviceLogCollectionTemplateType".into(),
            links: vec![Link {
                text: "deviceLogCollectionTemplateType".into(),
                href: "x.md".into(),
            }],
            code: vec![],
        };
        assert!(!parse_type_cell(&linked).unwrap().collection);
    }

    #[test]
    fn unreadable() {
        assert_eq!(parse_type_cell(&cell("")), None);
        assert_eq!(parse_type_cell(&cell("see below for details")), None);
    }
}
