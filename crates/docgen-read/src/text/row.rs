//! Splitting one copied table row into its cells.
//!
//! A copied row is its cells joined by spaces, and descriptions contain spaces too, so the
//! split relies on what each column may hold: a name is one word, a type is a primitive or a
//! type name (maybe "collection"), a permission row starts with one of three fixed phrases.
//! The last column takes the rest of the line as written. When the words do not fit, the row
//! is still returned, with a [`Problem`] saying why.

use docgen_ir::Primitive;

/// What the cells of a table may hold, which decides how its rows are split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Name, type[, description]: properties, relationships, parameters.
    Typed,
    /// Permission type, permissions.
    Permission,
    /// One-word key, then the rest: request headers, name/description, value/description.
    Keyed,
    /// Member name, value, description; `integer` when the value must be a number.
    Member { integer: bool },
    /// Method (several words), return type, description.
    Methods,
    /// A single column: the whole line.
    Whole,
}

/// Cells of one row, and what went wrong if the split is not certain.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Split {
    pub cells: Vec<String>,
    pub problem: Option<Problem>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) enum Problem {
    /// The row could not be split as its table requires.
    Unsplit(String),
    /// The row was split, but another reading was possible.
    Guessed(String),
}

impl Split {
    fn sure(cells: Vec<&str>) -> Self {
        Split {
            cells: cells.into_iter().map(str::to_owned).collect(),
            problem: None,
        }
    }

    fn unsplit(cells: Vec<&str>, why: impl Into<String>) -> Self {
        Split {
            problem: Some(Problem::Unsplit(why.into())),
            ..Split::sure(cells)
        }
    }
}

/// Splits `text` into exactly `columns` cells as a row of a `kind` table.
pub(super) fn split(kind: Kind, columns: usize, text: &str) -> Split {
    let mut split = by_tabs(columns, text).unwrap_or_else(|| match kind {
        Kind::Typed => typed(columns, text),
        Kind::Permission => permission(text),
        Kind::Keyed => keyed(text),
        Kind::Member { integer } => member(integer, text),
        Kind::Methods => methods(text),
        Kind::Whole => Split::sure(vec![text]),
    });
    split.cells = fit(std::mem::take(&mut split.cells), columns);
    split
}

/// Exactly `columns` cells: missing ones empty, and any beyond the last column appended to it
/// so that no text is lost.
fn fit(mut cells: Vec<String>, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    if cells.len() > columns {
        let overflow = cells.split_off(columns);
        if let Some(last) = cells.last_mut() {
            for extra in overflow.iter().filter(|c| !c.is_empty()) {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(extra);
            }
        }
    }
    cells.resize(columns, String::new());
    cells
}

/// Some browsers copy table cells separated by tabs; then the split is given.
fn by_tabs(columns: usize, text: &str) -> Option<Split> {
    let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
    (columns > 1 && cells.len() == columns).then(|| Split::sure(cells))
}

fn typed(columns: usize, text: &str) -> Split {
    let Some((name, after_name)) = typed_name(text) else {
        let why = match first_word(text) {
            Some((word, _)) => format!("`{word}` does not read as a name"),
            None => "empty row".to_owned(),
        };
        return Split::unsplit(vec![text], why);
    };
    let Some((ty, rest)) = type_words(after_name) else {
        let why = match first_word(after_name) {
            Some((word, _)) => format!("`{word}` is not a type name (the type cell may be empty)"),
            None => "no type after the name".to_owned(),
        };
        return Split::unsplit(vec![name, "", after_name], why);
    };
    match (columns, rest.is_empty()) {
        (2, false) => Split::unsplit(vec![name, after_name], "text after the type"),
        (2, true) => Split::sure(vec![name, ty.as_str()]),
        _ => Split::sure(vec![name, ty.as_str(), rest]),
    }
}

/// The name cell of a typed row and the text after it: one identifier-like word, with a
/// parenthetical such as "(deprecated)" when one follows. A capitalised plain word ("The",
/// "Device") is prose: tables use such rows as group labels or wrapped sentences.
fn typed_name(text: &str) -> Option<(&str, &str)> {
    let (word, rest) = first_word(text)?;
    if !is_name(word) || is_plain_capitalised(word) {
        return None;
    }
    let parenthetical = rest
        .strip_prefix('(')
        .and_then(|inner| inner.find(')'))
        .and_then(|close| rest.get(close + 2..))
        .filter(|after| rest.len() - after.len() <= 24);
    match parenthetical {
        Some(after) => Some((head_before(text, after), after.trim_start())),
        None => Some((word, rest)),
    }
}

/// "Device", "The": capitalised with no inner capital, hyphen or dot, and not a header name
/// (header tables written as name/type/description list `Authorization` and the like).
fn is_plain_capitalised(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase())
        && !word
            .chars()
            .skip(1)
            .any(|c| c.is_uppercase() || c == '-' || c == '.')
        && !super::code::is_known_header(word)
}

/// The permission-type phrases the site prints, as words; a missing `)` is tolerated since
/// some pages drop it.
const PERMISSION_TYPES: [&[&str]; 4] = [
    &["delegated", "(work", "or", "school", "account)"],
    &["delegated", "(personal", "microsoft", "account)"],
    &["application"],
    &["delegated"],
];

fn permission(text: &str) -> Split {
    for phrase in PERMISSION_TYPES {
        let Some((words, rest)) = take_words(text, phrase.len()) else {
            continue;
        };
        let same = |(word, want): (&&str, &&str)| {
            word.to_lowercase().trim_end_matches(')') == want.trim_end_matches(')')
        };
        if words.iter().zip(phrase.iter()).all(same) {
            return Split::sure(vec![head_before(text, rest), rest]);
        }
    }
    permission_by_scope(text)
        .unwrap_or_else(|| Split::unsplit(vec![text], "no known permission type at the start"))
}

/// Intune pages list permissions per workflow under a permission type ("Policy Set
/// DeviceManagementApps.ReadWrite.All"); there the permissions cell starts at the first scope
/// name or at "Not supported".
fn permission_by_scope(text: &str) -> Option<Split> {
    word_starts(text).into_iter().skip(1).find_map(|start| {
        let rest = text.get(start..)?;
        let (word, _) = first_word(rest)?;
        let lower = rest.to_lowercase();
        let starts_cell = is_scope(word)
            || lower.starts_with("not supported")
            || lower.starts_with("not applicable");
        starts_cell.then(|| Split::sure(vec![head_before(text, rest), rest]))
    })
}

/// `Mail.ReadWrite`, `DeviceManagementApps.ReadWrite.All,`.
fn is_scope(word: &str) -> bool {
    let word = word.trim_end_matches([',', ';']);
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.contains('.')
        && word
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn keyed(text: &str) -> Split {
    match first_word(text) {
        Some((key, rest)) if key.chars().any(char::is_alphanumeric) => Split::sure(vec![key, rest]),
        _ => Split::unsplit(vec![text], "no key word at the start"),
    }
}

fn member(integer: bool, text: &str) -> Split {
    let Some(((name, after_name), (value, rest))) =
        first_word(text).and_then(|first| Some((first, first_word(first.1)?)))
    else {
        return Split::unsplit(vec![text], "fewer than two words");
    };
    if !is_name(name) {
        return Split::unsplit(vec![text], format!("`{name}` is not a member name"));
    }
    if integer && !is_integer(value) {
        let why = format!("`{value}` is not an integer value");
        return Split::unsplit(vec![name, "", after_name], why);
    }
    Split::sure(vec![name, value, rest])
}

/// A methods row read with its return type at word `at`.
struct Reading<'a> {
    at: usize,
    /// Word index where the description starts.
    description_at: usize,
    ty: String,
    description: &'a str,
    /// The return type is unmistakably a type (`None`, a primitive, camelCase, dotted).
    strong: bool,
}

impl Reading<'_> {
    /// A description starts like a sentence, or is absent.
    fn clean(&self) -> bool {
        self.description.is_empty() || self.description.starts_with(char::is_uppercase)
    }
}

/// Method names run from one word ("delta") to a phrase ("List deleted applications"), so
/// every reading whose return type is followed by a sentence-like description is a
/// candidate. The first one wins, except that when its description itself starts with the
/// next reading's type ("unbind action None Not yet documented") the later one does.
fn methods(text: &str) -> Split {
    let readings = method_readings(text);
    let mut clean = readings.iter().filter(|r| r.clean());
    let Some(mut chosen) = clean.next() else {
        return Split::unsplit(vec![text], "no return type followed by a description");
    };
    let mut others = 0;
    for next in clean {
        if next.at == chosen.description_at {
            chosen = next;
        } else if next.at > chosen.description_at && !next.description.is_empty() {
            // The row's last word always reads as a type with no description; not a rival.
            others += 1;
        }
    }
    if !chosen.strong && chosen.description.is_empty() {
        return Split::unsplit(vec![text], "no return type: the row is only words");
    }
    let name = word_starts(text)
        .get(chosen.at)
        .and_then(|&cut| text.get(..cut))
        .unwrap_or(text)
        .trim();
    let split = Split::sure(vec![name, chosen.ty.as_str(), chosen.description]);
    if others == 0 {
        return split;
    }
    let why = format!(
        "`{}` read as the return type; other readings were possible",
        chosen.ty
    );
    Split {
        problem: Some(Problem::Guessed(why)),
        ..split
    }
}

/// Method names longer than this many words are not looked for.
const MAX_METHOD_WORDS: usize = 10;

fn method_readings(text: &str) -> Vec<Reading<'_>> {
    let starts = word_starts(text);
    let mut readings = Vec::new();
    for (at, &start) in starts.iter().enumerate().skip(1).take(MAX_METHOD_WORDS) {
        let Some((ty, description)) = text.get(start..).and_then(return_type) else {
            continue;
        };
        let strong = ty == "None" || is_strong_type(ty.split(' ').next().unwrap_or_default());
        readings.push(Reading {
            at,
            description_at: at + ty.split(' ').count(),
            ty,
            description,
            strong,
        });
    }
    readings
}

/// Byte offsets where the words of `text` start.
fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut previous_blank = true;
    for (i, c) in text.char_indices() {
        let blank = c.is_whitespace();
        if previous_blank && !blank {
            starts.push(i);
        }
        previous_blank = blank;
    }
    starts
}

fn return_type(text: &str) -> Option<(String, &str)> {
    match first_word(text) {
        Some(("None", rest)) => Some(("None".to_owned(), rest)),
        _ => type_words(text),
    }
}

/// Reads a type at the start of `text`: `Collection(x)`, `x collection` or one type word.
/// Returns the type as written and the rest of the line.
fn type_words(text: &str) -> Option<(String, &str)> {
    let (word, rest) = first_word(text)?;
    let lower = word.to_ascii_lowercase();
    if lower.starts_with("collection(") && word.ends_with(')') {
        return Some((word.to_owned(), rest));
    }
    // "Attachment collection": the keyword vouches for a capitalised type name too. Some
    // cells end it with a period ("x collection."), which is not part of the type.
    match first_word(rest) {
        Some((next, after))
            if next
                .trim_end_matches('.')
                .eq_ignore_ascii_case("collection")
                && is_identifier(word) =>
        {
            Some((format!("{word} {}", next.trim_end_matches('.')), after))
        }
        _ if is_type_word(word) => Some((word.to_owned(), rest)),
        _ => None,
    }
}

/// Common words that start descriptions in lower case and are never type names; they catch
/// rows whose type cell was empty.
const NOT_TYPES: [&str; 23] = [
    "a",
    "an",
    "the",
    "if",
    "when",
    "true",
    "false",
    "this",
    "that",
    "is",
    "for",
    "not",
    "only",
    "and",
    "or",
    "of",
    "to",
    "in",
    "used",
    "indicates",
    "collection",
    "action",
    "function",
];

/// A word that can only be a type: a primitive in any spelling, a namespaced name
/// (`microsoft.graph.x`) or a camelCase name (`certificateRevocationStatus`, `ItemReference`).
fn is_strong_type(word: &str) -> bool {
    if Primitive::from_doc_name(word).is_some()
        || ["enumeration", "json", "object"].contains(&word.to_ascii_lowercase().as_str())
    {
        return true;
    }
    is_identifier(word)
        && (word.contains('.') || word.chars().skip(1).any(|c| c.is_ascii_uppercase()))
}

/// A strong type, or a plain lower-case word (`person`, `post`), which is a type name too
/// unless it is one of the words descriptions start with. A capitalised plain word ("The",
/// "Update") is prose.
fn is_type_word(word: &str) -> bool {
    is_strong_type(word)
        || (is_identifier(word)
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !NOT_TYPES.contains(&word))
}

fn is_identifier(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !word.ends_with('.')
}

/// A property, parameter or member name: one identifier-like word (`@odata.type`, `$filter`).
fn is_name(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '@' | '$' | '_'))
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '@' | '$' | '-'))
}

fn is_integer(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    let hex = digits
        .strip_prefix("0x")
        .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()));
    hex || (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
}

fn first_word(text: &str) -> Option<(&str, &str)> {
    take_words(text, 1).and_then(|(words, rest)| words.first().map(|w| (*w, rest)))
}

/// Splits off the first `n` blank-separated words; the rest keeps its inner spacing.
/// `None` when the line has fewer than `n` words.
fn take_words(text: &str, n: usize) -> Option<(Vec<&str>, &str)> {
    let mut rest = text.trim_start();
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        if rest.is_empty() {
            return None;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        // reason: `end` is a `find` result or the length, a char boundary.
        let (word, after) = rest.split_at(end);
        words.push(word);
        rest = after.trim_start();
    }
    Some((words, rest))
}

/// The words of `text` before `rest`, a suffix of it, as written: slicing instead of
/// re-joining words keeps the original spacing.
fn head_before<'a>(text: &'a str, rest: &str) -> &'a str {
    let cut = text.len().saturating_sub(rest.len());
    text.get(..cut).unwrap_or(text).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(split: &Split) -> Vec<&str> {
        split.cells.iter().map(String::as_str).collect()
    }

    #[test]
    fn typed_rows() {
        let s = split(Kind::Typed, 3, "id String Key of the entity.");
        assert_eq!(cells(&s), ["id", "String", "Key of the entity."]);
        assert_eq!(s.problem, None);
        let s = split(
            Kind::Typed,
            3,
            "roleScopeTagIds String collection List of  tags.",
        );
        assert_eq!(
            cells(&s),
            ["roleScopeTagIds", "String collection", "List of  tags."]
        );
        let s = split(
            Kind::Typed,
            3,
            "x certificateRevocationStatus Revoke status.",
        );
        assert_eq!(
            cells(&s),
            ["x", "certificateRevocationStatus", "Revoke status."]
        );
        let s = split(Kind::Typed, 3, "x Collection(microsoft.graph.y) Things.");
        assert_eq!(cells(&s), ["x", "Collection(microsoft.graph.y)", "Things."]);
        let s = split(Kind::Typed, 3, "x Edm.Int64");
        assert_eq!(cells(&s), ["x", "Edm.Int64", ""]);
        let s = split(Kind::Typed, 3, "old (deprecated) Post collection Posts.");
        assert_eq!(cells(&s), ["old (deprecated)", "Post collection", "Posts."]);
        let s = split(Kind::Typed, 3, "Authorization string Bearer {token}.");
        assert_eq!(cells(&s), ["Authorization", "string", "Bearer {token}."]);
        let s = split(
            Kind::Typed,
            3,
            "x microsoft.graph.ediscovery.scopes When set.",
        );
        assert_eq!(
            cells(&s),
            ["x", "microsoft.graph.ediscovery.scopes", "When set."]
        );
    }

    #[test]
    fn typed_row_without_a_type_is_reported() {
        let s = split(Kind::Typed, 3, "displayName The name shown.");
        assert_eq!(cells(&s), ["displayName", "", "The name shown."]);
        assert!(matches!(s.problem, Some(Problem::Unsplit(_))));
        let s = split(Kind::Typed, 3, "(deprecated) String x");
        assert_eq!(cells(&s), ["(deprecated) String x", "", ""]);
        assert!(matches!(s.problem, Some(Problem::Unsplit(_))));
        let s = split(Kind::Typed, 3, "Device management");
        assert_eq!(cells(&s), ["Device management", "", ""]);
        assert!(matches!(s.problem, Some(Problem::Unsplit(_))));
    }

    #[test]
    fn two_column_typed() {
        let s = split(Kind::Typed, 2, "id String");
        assert_eq!(cells(&s), ["id", "String"]);
        assert_eq!(s.problem, None);
        assert!(split(Kind::Typed, 2, "id String extra").problem.is_some());
        let s = split(Kind::Typed, 2, "id The key");
        assert_eq!(cells(&s), ["id", "The key"]);
        assert!(s.problem.is_some());
    }

    #[test]
    fn permission_rows() {
        let s = split(
            Kind::Permission,
            2,
            "Delegated (work or school account) Mail.Read, Mail.ReadWrite",
        );
        assert_eq!(
            cells(&s),
            [
                "Delegated (work or school account)",
                "Mail.Read, Mail.ReadWrite"
            ]
        );
        let s = split(
            Kind::Permission,
            2,
            "delegated (personal Microsoft account Not supported.",
        );
        assert_eq!(
            cells(&s),
            ["delegated (personal Microsoft account", "Not supported."]
        );
        let s = split(Kind::Permission, 2, "Application Not supported.");
        assert_eq!(cells(&s), ["Application", "Not supported."]);
        let s = split(
            Kind::Permission,
            2,
            "Policy Set DeviceManagementApps.ReadWrite.All",
        );
        assert_eq!(
            cells(&s),
            ["Policy Set", "DeviceManagementApps.ReadWrite.All"]
        );
        let s = split(Kind::Permission, 2, "Something else");
        assert_eq!(cells(&s), ["Something else", ""]);
        assert!(s.problem.is_some());
    }

    #[test]
    fn member_rows() {
        let s = split(
            Kind::Member { integer: true },
            3,
            "other 42 Other. Event logs.",
        );
        assert_eq!(cells(&s), ["other", "42", "Other. Event logs."]);
        let s = split(Kind::Member { integer: true }, 3, "neg -1 Minus one");
        assert_eq!(cells(&s), ["neg", "-1", "Minus one"]);
        let s = split(Kind::Member { integer: true }, 3, "other Other thing");
        assert_eq!(cells(&s), ["other", "", "Other thing"]);
        assert!(s.problem.is_some());
        let s = split(Kind::Member { integer: false }, 3, "$filter string Limits.");
        assert_eq!(cells(&s), ["$filter", "string", "Limits."]);
    }

    #[test]
    fn method_rows() {
        let s = split(Kind::Methods, 3, "Get thing thing Read the thing.");
        assert_eq!(cells(&s), ["Get thing", "thing", "Read the thing."]);
        let s = split(Kind::Methods, 3, "List things thing collection List them.");
        assert_eq!(cells(&s), ["List things", "thing collection", "List them."]);
        let s = split(Kind::Methods, 3, "unbind action None Not yet documented");
        assert_eq!(cells(&s), ["unbind action", "None", "Not yet documented"]);
        assert_eq!(s.problem, None);
        let s = split(
            Kind::Methods,
            3,
            "Update workbookRangeFont Update RangeFont object.",
        );
        assert_eq!(
            cells(&s),
            ["Update", "workbookRangeFont", "Update RangeFont object."]
        );
        let s = split(
            Kind::Methods,
            3,
            "List deleted items directoryObject collection Lists.",
        );
        assert_eq!(
            cells(&s),
            ["List deleted items", "directoryObject collection", "Lists."]
        );
        let s = split(
            Kind::Methods,
            3,
            "Remove agent from an agentGroup None Remove it.",
        );
        assert_eq!(
            cells(&s),
            ["Remove agent from an agentGroup", "None", "Remove it."]
        );
        let s = split(
            Kind::Methods,
            3,
            "Get post with extended property post Get posts.",
        );
        assert_eq!(
            cells(&s),
            ["Get post with extended property", "post", "Get posts."]
        );
        let s = split(Kind::Methods, 3, "Get x x Read the user Profile.");
        assert!(matches!(s.problem, Some(Problem::Guessed(_))));
        let s = split(Kind::Methods, 3, "Open extensions");
        assert_eq!(cells(&s), ["Open extensions", "", ""]);
        assert!(matches!(s.problem, Some(Problem::Unsplit(_))));
        let s = split(Kind::Methods, 3, "Do The Thing Now");
        assert!(matches!(s.problem, Some(Problem::Unsplit(_))));
    }

    #[test]
    fn keyed_rows_and_tabs() {
        let s = split(Kind::Keyed, 2, "Authorization Bearer {token}. Required.");
        assert_eq!(cells(&s), ["Authorization", "Bearer {token}. Required."]);
        let s = split(Kind::Keyed, 2, "Content-Type");
        assert_eq!(cells(&s), ["Content-Type", ""]);
        let s = split(Kind::Typed, 3, "a b\tString\tThe c");
        assert_eq!(cells(&s), ["a b", "String", "The c"]);
    }
}
