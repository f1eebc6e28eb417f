//! Columns for the readers' and the merge's diagnostics, which carry only a line.
//!
//! Each is located by what it is about: the `TODO`, the `//`, the path, or the first name its
//! message quotes in backticks (`x.y` is looked up as `y`, the part a table row shows). A
//! diagnostic whose token is not on its line keeps no column.

use docgen_ir::Diagnostic;

use crate::source::{find_column, find_word, Sources};

/// Adds a column to each diagnostic that has none, when its token is found on its line.
pub fn add_columns(diagnostics: &mut [Diagnostic], sources: &Sources) {
    for d in diagnostics.iter_mut().filter(|d| d.column.is_none()) {
        let Some(line) = sources.line(&d.file, d.line) else {
            continue;
        };
        d.column = locate(d, &line);
    }
}

/// The column of `d`'s token on `line` (its own line or the related one).
pub fn locate(d: &Diagnostic, line: &str) -> Option<u32> {
    match d.code.as_str() {
        "todo-placeholder" => find_word(line, "TODO"),
        "route-double-slash" => {
            let path = first_quoted(&d.message)?;
            let at = find_column(line, path, 1)?;
            let skip = path
                .split_once("//")
                .map_or(0, |(before, _)| before.chars().count());
            Some(at.saturating_add(u32::try_from(skip).ok()?))
        }
        "route-trailing-slash" => {
            let path = first_quoted(&d.message)?;
            let at = find_column(line, path, 1)?;
            Some(at.saturating_add(u32::try_from(path.chars().count().saturating_sub(1)).ok()?))
        }
        // "`x` is said to derive from `b` here but...": the base this line names.
        "conflicting-base" => find_word(line, quoted(&d.message, 1)?),
        "duplicate-operation" => {
            // "`POST /a/b` is also documented...": the path, as the line writes it.
            let quoted = first_quoted(&d.message)?;
            let path = quoted.split_once(' ').map_or(quoted, |(_, p)| p);
            find_column(line, path, 1)
        }
        _ => {
            let quoted = first_quoted(&d.message)?;
            let name = quoted.rsplit('.').next().unwrap_or(quoted);
            find_word(line, name).or_else(|| find_column(line, quoted, 1))
        }
    }
}

/// The first text between backticks in a message.
fn first_quoted(message: &str) -> Option<&str> {
    quoted(message, 0)
}

/// The `n`th (0-based) text between backticks in a message.
fn quoted(message: &str, n: usize) -> Option<&str> {
    let found = message.split('`').skip(1).step_by(2).nth(n)?;
    (!found.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(code: &str, message: &str, line: &str) -> Option<u32> {
        locate(&Diagnostic::warning(code, "p.md", 1, message), line)
    }

    #[test]
    fn finds_each_kind_of_token() {
        assert_eq!(at("todo-placeholder", "a TODO", "|a|**TODO: x**|"), Some(6));
        assert_eq!(
            at(
                "route-double-slash",
                "`/a//b/` contains `//`",
                "POST /a//b/"
            ),
            Some(8)
        );
        assert_eq!(
            at(
                "route-trailing-slash",
                "`/a//b/` ends with `/`",
                "POST /a//b/"
            ),
            Some(11)
        );
        assert_eq!(
            at(
                "conflicting-property",
                "`t.devicePlatform` is typed `String`",
                "|devicePlatform|String|"
            ),
            Some(2)
        );
        assert_eq!(
            at(
                "duplicate-operation",
                "`GET /x/{id}` is also documented",
                "GET https://h/v1.0/x/{id}"
            ),
            Some(19),
            "the normalised path is found inside the written URL"
        );
        assert_eq!(
            at(
                "conflicting-base",
                "`x` is said to derive from `mobileApp` here but from `b`",
                "Inherits from [mobileApp](m.md)."
            ),
            Some(16)
        );
        assert_eq!(
            at(
                "duplicate-operation",
                "`GET /x/{id}` is also",
                "GET /x/{id}"
            ),
            Some(5)
        );
        assert_eq!(at("type-unreadable", "no quotes", "line"), None);
    }
}
