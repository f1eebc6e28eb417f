//! Which bare lines of copied text are section titles, and at what level.
//!
//! Copied text has no `#` marks, so a line is a heading only when it is one of the section
//! titles the reference pages use. Inside the examples section the same words ("Request",
//! "Response") sit one or two levels lower, as in the markdown, so the reader keeps a small
//! outline of where it is.

use super::code;

/// Level-2 section titles of the reference pages, lower-case with single spaces.
const SECTIONS: &[&str] = &[
    "permissions",
    "prerequisites",
    "http request",
    "http requests",
    "request headers",
    "optional request headers",
    "request body",
    "request",
    "response",
    "response body",
    "response headers",
    "example",
    "examples",
    "properties",
    "relationships",
    "methods",
    "members",
    "json representation",
    "path parameters",
    "query parameters",
    "optional query parameters",
    "function parameters",
    "action parameters",
    "parameters",
    "request parameters",
    "errors",
    "error codes",
    "error handling",
    "remarks",
    "see also",
    "next steps",
    "what's new",
];

/// Titles of the code-sample tabs (`# [HTTP](#tab/http)` in markdown). Copied text keeps them
/// as bare lines; they stay paragraphs, and never count as headings of their own.
const TAB_LABELS: &[&str] = &[
    "http",
    "c#",
    "csharp",
    "javascript",
    "objective-c",
    "java",
    "go",
    "powershell",
    "python",
    "php",
    "cli",
];

/// Where the reader is in the page; decides the level of the headings inside examples.
#[derive(Debug, Default)]
pub(super) struct Outline {
    in_examples: bool,
    /// Level of "Request"/"Response" headings: one below "Examples", or one below
    /// "Example N: ..." when the examples are numbered.
    sub_level: u8,
}

impl Outline {
    /// The heading level of `text`, or `None` when it is an ordinary line. `next` is the next
    /// non-blank line, which tells an example's caption from prose. Updates the outline.
    pub(super) fn heading(&mut self, text: &str, next: Option<&str>) -> Option<u8> {
        if text.chars().count() > 160 {
            return None;
        }
        let key = normalize(text);
        if is_request_or_response(&key) && self.in_examples {
            return Some(self.sub_level);
        }
        if SECTIONS.contains(&key.as_str()) {
            return Some(self.section(&key));
        }
        if is_numbered_example(&key) {
            return Some(self.numbered_example());
        }
        if is_values_title(text) {
            // "signInAudience values": an enum defined in passing, `###` in the markdown.
            return Some(3);
        }
        if self.in_examples && is_caption(text, &key, next) {
            return Some(self.sub_level);
        }
        None
    }

    fn section(&mut self, key: &str) -> u8 {
        self.in_examples = key == "example" || key == "examples";
        self.sub_level = 3;
        2
    }

    /// "Example 1: ..." is a subsection of "Examples" (markdown `###`), with its own
    /// Request/Response one level further down.
    fn numbered_example(&mut self) -> u8 {
        if self.in_examples {
            self.sub_level = 4;
            3
        } else {
            self.in_examples = true;
            self.sub_level = 3;
            2
        }
    }
}

/// Whether `text` is one of the known section titles, whatever the outline.
pub(super) fn is_section_title(text: &str) -> bool {
    // The longest title is a few words; most lines are prose, and normalising them is waste.
    if text.len() > 64 {
        return false;
    }
    let key = normalize(text);
    SECTIONS.contains(&key.as_str()) || is_request_or_response(&key) || is_numbered_example(&key)
}

/// Lower-case with runs of blanks as one space, so spacing and case do not matter.
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// "signInAudience values" / "x enum values": one identifier-like word, then "values".
fn is_values_title(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let name_then = |rest: &[&str]| {
        rest.iter()
            .map(|w| w.to_ascii_lowercase())
            .collect::<Vec<_>>()
    };
    let (name, rest) = match words.split_first() {
        Some((name, rest)) => (*name, name_then(rest)),
        None => return false,
    };
    let names_enum = matches!(
        rest.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["values"] | ["enum", "values"] | ["enumeration", "values"]
    );
    names_enum
        && name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// "Request", "Response", and the numbered "Request 2" some pages use.
fn is_request_or_response(key: &str) -> bool {
    let rest = key
        .strip_prefix("request")
        .or_else(|| key.strip_prefix("response"));
    match rest {
        Some("") => true,
        Some(rest) => rest
            .strip_prefix(' ')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())),
        None => false,
    }
}

/// "Example 1: ...", "Example 2 - ...", "Example 3". A final period is allowed here: some
/// example titles are sentences, and the number makes the line unambiguous anyway.
fn is_numbered_example(key: &str) -> bool {
    let Some(rest) = key.strip_prefix("example") else {
        return false;
    };
    let rest = rest.trim_start();
    let after_number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = after_number.len() < rest.len();
    let after = after_number.trim_start();
    let captioned = after.starts_with([':', '-', '–', '—']);
    captioned || (numbered && after.is_empty())
}

/// A short title line inside an example that introduces a code block, such as
/// "Notification - operation completed": no sentence punctuation, followed by an HTTP line.
fn is_caption(text: &str, key: &str, next: Option<&str>) -> bool {
    let leads_code = next.is_some_and(|n| code::is_request_line(n) || code::is_status_line(n));
    let words = key.split(' ').count();
    let sentence_end = text.ends_with(['.', ':', ',', ';', '!', '?']);
    let starts_upper = text.chars().next().is_some_and(char::is_uppercase);
    let prose = ["here is", "here's", "the following", "this ", "note"]
        .iter()
        .any(|p| key.starts_with(p));
    leads_code
        && words <= 8
        && !sentence_end
        && starts_upper
        && !prose
        && !TAB_LABELS.contains(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sections_any_case() {
        let mut outline = Outline::default();
        assert_eq!(outline.heading("HTTP Request", None), Some(2));
        assert_eq!(outline.heading("JSON  representation", None), Some(2));
        assert_eq!(outline.heading("Optional query parameters", None), Some(2));
        assert_eq!(outline.heading("Permissions.", None), None);
        assert_eq!(outline.heading("Properties of the resource", None), None);
    }

    #[test]
    fn request_response_levels_follow_the_examples() {
        let mut outline = Outline::default();
        assert_eq!(outline.heading("Response", None), Some(2));
        assert_eq!(outline.heading("Examples", None), Some(2));
        assert_eq!(outline.heading("Request", None), Some(3));
        assert_eq!(outline.heading("Example 1: Create a thing.", None), Some(3));
        assert_eq!(outline.heading("Request", None), Some(4));
        assert_eq!(outline.heading("Response 2", None), Some(4));
        assert_eq!(outline.heading("See also", None), Some(2));
        assert_eq!(outline.heading("Request", None), Some(2));
    }

    #[test]
    fn numbered_examples() {
        assert!(is_numbered_example("example 1: invite one participant"));
        assert!(is_numbered_example("example 2"));
        assert!(is_numbered_example("example - mixer level"));
        assert!(!is_numbered_example("example of a request"));
        assert!(!is_numbered_example("examples include microsoftgraph"));
    }

    #[test]
    fn captions_need_a_following_code_line() {
        let mut outline = Outline::default();
        outline.heading("Example", None);
        let post = Some("POST https://bot.contoso.com/api/calls");
        assert_eq!(
            outline.heading("Notification - operation completed", post),
            Some(3)
        );
        assert_eq!(outline.heading("Notification - done", Some("text")), None);
        assert_eq!(outline.heading("HTTP", post), None);
        assert_eq!(outline.heading("Here is an example", post), None);
        assert_eq!(outline.heading("Send the request.", post), None);
    }
}
