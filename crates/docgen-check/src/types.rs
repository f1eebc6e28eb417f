//! `type-unknown`: a property or relationship typed with a name that is neither an EDM
//! primitive nor a type the doc set defines, with the closest defined name as a suggestion.
//!
//! This replaces the model's `type-undefined` note, which states the same fact for the same
//! properties (the merge's canonicalisation pass): check reports it once, as a warning — a
//! reference a reader cannot follow — with the column of the name and a "did you mean".

use std::collections::BTreeMap;

use docgen_ir::{Diagnostic, Primitive};
use docgen_model::{Model, Origin};

use crate::source::{find_column, find_word_from, Sources};
use crate::suggest::{closest, did_you_mean};

/// The code of the model's note this lint replaces.
pub const REPLACED_MODEL_CODE: &str = "type-undefined";

pub fn unknown_types(model: &Model, sources: &Sources) -> Vec<Diagnostic> {
    let defined: BTreeMap<String, Origin> = model
        .types
        .iter()
        .map(|t| (t.name.to_ascii_lowercase(), t.origin))
        .collect();
    // Names a page (or a request-body table) defines: what a misspelt name was meant to be.
    let paged: Vec<&str> = model
        .types
        .iter()
        .filter(|t| matches!(t.origin, Origin::Page | Origin::RequestBody))
        .map(|t| t.name.as_str())
        .collect();
    let candidates: Vec<&str> = model
        .types
        .iter()
        .map(|t| t.name.as_str())
        .chain(Primitive::ALL.iter().map(|p| p.name()))
        .collect();
    let mut out = Vec::new();
    for def in &model.types {
        for prop in def.properties.iter().chain(&def.relationships) {
            let name = &prop.type_name;
            if Primitive::from_doc_name(name).is_some() {
                continue;
            }
            let message = match defined.get(&name.to_ascii_lowercase()) {
                None => format!(
                    "`{}.{}` is typed `{name}`, which is not a primitive type and which no page \
                     defines{}",
                    def.name,
                    prop.name,
                    did_you_mean(name, candidates.iter().copied())
                ),
                // The merge makes an enum of a name no page defines when the row lists values,
                // so a misspelt enum name comes out defined; a page-defined name close to it
                // gives it away.
                Some(Origin::ValuesList) => match closest(name, paged.iter().copied()) {
                    Some(meant) => format!(
                        "`{}.{}` is typed `{name}`, which no page defines (its values list was \
                         read as that enum); did you mean `{meant}`?",
                        def.name, prop.name
                    ),
                    None => continue,
                },
                Some(_) => continue,
            };
            let (file, line) = split_source(&prop.source);
            let mut d = Diagnostic::warning("type-unknown", file, line, message);
            // The type cell follows the name cell: look for the type after the name.
            d.column = sources.line(file, line).and_then(|text| {
                let after = find_column(&text, &prop.name, 1).unwrap_or(1);
                find_word_from(&text, name, after + 1)
            });
            out.push(d);
        }
    }
    out
}

/// `file:line` into its parts (line 1 when there is none).
pub fn split_source(source: &str) -> (&str, u32) {
    match source.rsplit_once(':') {
        Some((file, line)) => match line.parse() {
            Ok(line) => (file, line),
            Err(_) => (source, 1),
        },
        None => (source, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_unknown_types_with_a_suggestion_and_column() {
        let page = "\
---
doc_type: resourcePageType
---
# thing resource type

Namespace: microsoft.graph

## Properties
|Property|Type|Description|
|:---|:---|:---|
|platform|[devicePlatfromType](x.md)|The platform. Possible values are: `a`, `b`.|
|kind|[otherType](y.md)|Another.|
|state|[devicePlatformTyp](z.md)|No values listed.|
|count|Int32|A count.|
";
        let enum_page = "\
---
doc_type: enumPageType
---
# devicePlatformType enum type

Namespace: microsoft.graph

## Members
|Member|Value|Description|
|:---|:---|:---|
|a|0|A.|
";
        let pages = [
            docgen_read::read_page("t.md", page.as_bytes()),
            docgen_read::read_page("e.md", enum_page.as_bytes()),
        ];
        let merged = docgen_model::merge(&pages);
        let sources = Sources::default();
        sources.insert("t.md", page);
        let found = unknown_types(&merged.model, &sources);
        let shown: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("t.md:11:12: warning[type-unknown]")
                    && s.contains("did you mean `devicePlatformType`?")),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("t.md:13:9: warning[type-unknown]")
                    && s.ends_with("no page defines; did you mean `devicePlatformType`?")),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .any(|s| s.starts_with("t.md:12:8:") && !s.contains("did you mean")),
            "no close name, no suggestion: {shown:#?}"
        );
        assert_eq!(
            shown.len(),
            3,
            "primitives and defined types are known: {shown:#?}"
        );
    }

    #[test]
    fn sources_split() {
        assert_eq!(split_source("a/b.md:12"), ("a/b.md", 12));
        assert_eq!(split_source("C:x"), ("C:x", 1));
        assert_eq!(split_source("plain"), ("plain", 1));
    }
}
