//! Tables: recognised by their header cells, read row by row into IR rows.

use docgen_ir::{Diagnostic, HeaderRow, MemberRow, MethodRow, Permission, PropertyRow};

use super::prose::{inherited_from, possible_values, strip_todo};
use super::typeref::parse_type_cell;
use crate::blocks::{Inline, TableRow};

/// What a table holds, with the column of each field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// Property, relationship or parameter rows: name, type, description.
    Typed {
        first: TypedFirst,
        name: usize,
        ty: usize,
        description: Option<usize>,
    },
    Members {
        name: usize,
        value: Option<usize>,
        description: Option<usize>,
    },
    Methods {
        name: usize,
        returns: Option<usize>,
        description: Option<usize>,
    },
    Permissions {
        kind: usize,
        scopes: usize,
        /// "Permissions (from most to least privileged)": the IR keeps least privileged first.
        most_first: bool,
    },
    /// Header/Value and Name/Description pairs (request headers, query options).
    Pairs {
        name: usize,
        value: usize,
    },
    Other,
}

/// The word heading a typed table's first column, which says what its rows are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedFirst {
    Property,
    Relationship,
    Parameter,
    Name,
}

fn header_word(cell: &Inline) -> String {
    crate::lines::collapse_spaces(&cell.text.replace(['*', '_'], " ")).to_ascii_lowercase()
}

/// Recognises a table by its header cells, in any order or case.
pub fn classify(header: &[Inline]) -> TableKind {
    let words: Vec<String> = header.iter().map(header_word).collect();
    let find = |pred: &dyn Fn(&str) -> bool| words.iter().position(|w| pred(w));
    let description = find(&|w| w.starts_with("description") || w == "notes" || w == "remarks");
    if let Some(kind) = find(&|w| w == "permission type") {
        let scopes = find(&|w| w.starts_with("permission") && w != "permission type")
            .unwrap_or(if kind == 0 { 1 } else { 0 });
        let most_first = words
            .get(scopes)
            .is_some_and(|w| w.contains("most to least"));
        return TableKind::Permissions {
            kind,
            scopes,
            most_first,
        };
    }
    if let (Some(name), Some(returns)) = (
        find(&|w| w == "method" || w == "methods"),
        find(&|w| w.starts_with("return")),
    ) {
        return TableKind::Methods {
            name,
            returns: Some(returns),
            description,
        };
    }
    let ty = find(&|w| w == "type" || w == "data type" || w == "value type");
    let first = |w: &str| match w {
        "property" | "property name" | "properties" => Some(TypedFirst::Property),
        "relationship" | "relationships" | "relationship name" => Some(TypedFirst::Relationship),
        "parameter" | "parameters" | "parameter name" => Some(TypedFirst::Parameter),
        "name" | "field" => Some(TypedFirst::Name),
        _ => None,
    };
    if let Some(ty) = ty {
        if let Some((name, kind)) = words
            .iter()
            .enumerate()
            .find_map(|(i, w)| first(w).map(|k| (i, k)))
        {
            return TableKind::Typed {
                first: kind,
                name,
                ty,
                description,
            };
        }
        return TableKind::Other;
    }
    let member = find(&|w| w == "member" || w == "members" || w == "member name");
    let value = find(&|w| w == "value" || w == "values");
    match (member, value) {
        (Some(name), value) => {
            return TableKind::Members {
                name,
                value,
                description,
            }
        }
        (None, Some(value)) if words.len() == 2 && description.is_some() => {
            // "Value | Description" lists member names in the value column.
            return TableKind::Members {
                name: value,
                value: None,
                description,
            };
        }
        _ => {}
    }
    let name = find(&|w| w == "header" || w == "name" || w == "parameter" || w == "option");
    if let (Some(name), Some(value)) = (name, value.or(description)) {
        return TableKind::Pairs { name, value };
    }
    TableKind::Other
}

/// Shared context for reading rows: the page's file and where problems go.
pub struct RowContext<'a> {
    pub source: &'a str,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl RowContext<'_> {
    /// A cleaned description: TODO placeholders dropped (and reported), empty as `None`.
    fn description(&mut self, cell: Option<&Inline>, line: u32) -> Option<String> {
        let text = &cell?.text;
        let (clean, had_todo) = strip_todo(text);
        if had_todo {
            self.diagnostics.push(Diagnostic::warning(
                "todo-placeholder",
                self.source,
                line,
                "a TODO placeholder stands where a description belongs; it was dropped",
            ));
        }
        (!clean.is_empty()).then_some(clean)
    }
}

fn is_property_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '@')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '@' | '-'))
}

/// `identityProviders (deprecated)` → `identityProviders`: a note in parentheses after a
/// name is not part of it.
fn without_annotation(name: &str) -> &str {
    match name.split_once(" (") {
        Some((head, note)) if note.ends_with(')') && is_property_name(head.trim()) => {
            head.trim().trim_matches(['*', '`'])
        }
        _ => name,
    }
}

/// Reads property-like rows. Rows whose name or type cannot be read are reported and skipped.
pub fn typed_rows(
    rows: &[TableRow],
    name: usize,
    ty: usize,
    description: Option<usize>,
    cx: &mut RowContext<'_>,
) -> Vec<PropertyRow> {
    let mut out = Vec::new();
    for row in rows {
        let Some(name_cell) = row.cells.get(name) else {
            cx.diagnostics.push(Diagnostic::warning(
                "table-row-short",
                cx.source,
                row.line,
                format!(
                    "the row has {} cells; the name column is missing",
                    row.cells.len()
                ),
            ));
            continue;
        };
        let row_name = without_annotation(name_cell.text.trim().trim_matches(['*', '`']).trim());
        let others_empty = row
            .cells
            .iter()
            .enumerate()
            .all(|(i, c)| i == name || c.text.trim().is_empty());
        if others_empty {
            // `|**Device configuration**|`: a label grouping the rows below, not a property.
            cx.diagnostics.push(Diagnostic::note(
                "table-group-row",
                cx.source,
                row.line,
                format!("`{row_name}` labels a group of rows; it is not a property"),
            ));
            continue;
        }
        if !is_property_name(row_name) {
            cx.diagnostics.push(Diagnostic::warning(
                "property-name-unreadable",
                cx.source,
                row.line,
                format!("`{row_name}` is not a property name; the row was skipped"),
            ));
            continue;
        }
        let Some(type_ref) = row.cells.get(ty).and_then(parse_type_cell) else {
            let shown = row.cells.get(ty).map_or("", |c| c.text.as_str());
            cx.diagnostics.push(Diagnostic::warning(
                "type-unreadable",
                cx.source,
                row.line,
                format!("the type `{shown}` of `{row_name}` cannot be read; the row was skipped"),
            ));
            continue;
        };
        let desc_cell = description.and_then(|i| row.cells.get(i));
        let values = desc_cell
            .map(|c| possible_values(&c.text))
            .unwrap_or_default();
        let inherited = desc_cell.and_then(inherited_from);
        out.push(PropertyRow {
            name: row_name.to_owned(),
            type_ref,
            description: cx.description(desc_cell, row.line),
            values,
            inherited_from: inherited,
            line: row.line,
        });
    }
    out
}

pub fn member_rows(
    rows: &[TableRow],
    name: usize,
    value: Option<usize>,
    description: Option<usize>,
    cx: &mut RowContext<'_>,
) -> Vec<MemberRow> {
    let mut out = Vec::new();
    for row in rows {
        let member = row
            .cells
            .get(name)
            .map(|c| c.text.trim().trim_matches(['*', '`', '"']).trim())
            .unwrap_or("");
        if member.is_empty() || member.contains(' ') {
            cx.diagnostics.push(Diagnostic::warning(
                "member-unreadable",
                cx.source,
                row.line,
                format!("`{member}` is not an enum member name; the row was skipped"),
            ));
            continue;
        }
        let value = value
            .and_then(|i| row.cells.get(i))
            .and_then(|c| parse_integer(c.text.trim()));
        out.push(MemberRow {
            name: member.to_owned(),
            value,
            description: cx.description(description.and_then(|i| row.cells.get(i)), row.line),
            line: row.line,
        });
    }
    out
}

/// Decimal or `0x` hexadecimal member values.
fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim_matches('`');
    match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => i64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

pub fn method_rows(
    rows: &[TableRow],
    name: usize,
    returns: Option<usize>,
    description: Option<usize>,
) -> Vec<MethodRow> {
    rows.iter()
        .filter_map(|row| {
            let cell = row.cells.get(name)?;
            Some(MethodRow {
                name: cell.text.clone(),
                link: cell.links.first().map(|l| l.href.clone()),
                return_type: returns
                    .and_then(|i| row.cells.get(i))
                    .and_then(parse_type_cell),
                description: description
                    .and_then(|i| row.cells.get(i))
                    .map(|c| c.text.clone())
                    .filter(|t| !t.is_empty()),
                line: row.line,
            })
        })
        .collect()
}

pub fn permission_rows(
    rows: &[TableRow],
    kind: usize,
    scopes: usize,
    most_first: bool,
    cx: &mut RowContext<'_>,
) -> Vec<Permission> {
    let mut out = Vec::new();
    for row in rows {
        let Some(kind_cell) = row.cells.get(kind) else {
            continue;
        };
        let text = row.cells.get(scopes).map_or("", |c| c.text.as_str());
        let (clean, had_todo) = strip_todo(text);
        if had_todo {
            cx.diagnostics.push(Diagnostic::warning(
                "todo-placeholder",
                cx.source,
                row.line,
                "a TODO placeholder stands where permissions belong; no permission was recorded",
            ));
        }
        let mut scopes = split_scopes(&clean);
        if most_first {
            scopes.reverse();
        }
        out.push(Permission {
            kind: kind_cell.text.trim().to_owned(),
            supported: !scopes.is_empty(),
            scopes,
            line: row.line,
        });
    }
    out
}

/// Splits a permissions cell into scope names; "Not supported." and prose give none.
pub fn split_scopes(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" or "))
        .map(|s| s.trim().trim_end_matches('.').trim())
        .filter(|s| {
            !s.is_empty()
                && !s.contains(' ')
                && s.contains('.')
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
        .map(str::to_owned)
        .collect()
}

pub fn pair_rows(rows: &[TableRow], name: usize, value: usize) -> Vec<HeaderRow> {
    rows.iter()
        .filter_map(|row| {
            Some(HeaderRow {
                name: row.cells.get(name)?.text.trim().to_owned(),
                value: row
                    .cells
                    .get(value)
                    .map_or(String::new(), |c| c.text.trim().to_owned()),
                line: row.line,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(words: &[&str]) -> Vec<Inline> {
        words.iter().map(|w| Inline::plain(*w)).collect()
    }

    #[test]
    fn names_lose_their_notes() {
        let table = [
            ("identityProviders (deprecated)", "identityProviders"),
            ("id (read-only)", "id"),
            ("plain", "plain"),
            ("two words (x)", "two words (x)"),
            ("odd (unclosed", "odd (unclosed"),
        ];
        for (raw, want) in table {
            assert_eq!(without_annotation(raw), want, "{raw}");
        }
    }

    #[test]
    fn classify_headers() {
        assert!(matches!(
            classify(&header(&["Property", "Type", "Description"])),
            TableKind::Typed {
                first: TypedFirst::Property,
                name: 0,
                ty: 1,
                description: Some(2)
            }
        ));
        assert!(matches!(
            classify(&header(&["Type", "Property name", "Description"])),
            TableKind::Typed {
                first: TypedFirst::Property,
                name: 1,
                ty: 0,
                ..
            }
        ));
        assert!(matches!(
            classify(&header(&["Member", "Value", "Description"])),
            TableKind::Members {
                name: 0,
                value: Some(1),
                description: Some(2)
            }
        ));
        assert!(matches!(
            classify(&header(&["Value", "Description"])),
            TableKind::Members {
                name: 0,
                value: None,
                ..
            }
        ));
        assert!(matches!(
            classify(&header(&[
                "Permission type",
                "Permissions (from least to most privileged)"
            ])),
            TableKind::Permissions {
                kind: 0,
                scopes: 1,
                most_first: false
            }
        ));
        assert!(matches!(
            classify(&header(&["Method", "Return Type", "Description"])),
            TableKind::Methods { .. }
        ));
        assert!(matches!(
            classify(&header(&["Header", "Value"])),
            TableKind::Pairs { name: 0, value: 1 }
        ));
        assert!(matches!(
            classify(&header(&["Name", "Description"])),
            TableKind::Pairs { .. }
        ));
        assert_eq!(classify(&header(&["Foo", "Bar"])), TableKind::Other);
    }

    #[test]
    fn scopes() {
        assert_eq!(
            split_scopes("DeviceManagementConfiguration.Read.All, DeviceManagementConfiguration.ReadWrite.All"),
            ["DeviceManagementConfiguration.Read.All", "DeviceManagementConfiguration.ReadWrite.All"]
        );
        assert!(split_scopes("Not supported.").is_empty());
    }
}
