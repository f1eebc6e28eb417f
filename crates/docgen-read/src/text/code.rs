//! Code in copied text: HTTP request lines, example requests and responses, JSON bodies.
//!
//! The copy loses the code fences, so a code block is recognised by its own syntax and its
//! extent is worked out from it: consecutive request lines, then header lines, then a JSON
//! body whose end is where its brackets balance again.

use super::Line;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// Header names that may follow a request line after a blank line (some pages put one there);
/// other `Name: value` lines only count as headers when they follow without a gap, since a
/// line like "Note: ..." after a blank is prose.
const KNOWN_HEADERS: [&str; 12] = [
    "authorization",
    "content-type",
    "content-length",
    "accept",
    "prefer",
    "if-match",
    "if-none-match",
    "consistencylevel",
    "location",
    "odata-version",
    "preference-applied",
    "workbook-session-id",
];

/// Where a code block ends and whether its JSON was left open.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Extent {
    /// Index one past the block's last line.
    pub end: usize,
    /// Line number of the JSON body's first line when its brackets never balanced.
    pub unbalanced: Option<u32>,
}

/// `GET /me/events`, `PATCH https://graph.microsoft.com/beta/...`.
pub(super) fn is_request_line(text: &str) -> bool {
    let mut parts = text.splitn(2, char::is_whitespace);
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default().trim_start();
    let first = target.split_whitespace().next().unwrap_or_default();
    // Relative paths ("me/devices/{id}") and generated placeholders ("** Entity URI for x not
    // found") appear in request fences too; a slash or the marker tells them from prose.
    let relative =
        first.contains('/') && first.starts_with(|c: char| c.is_alphanumeric() || c == '{');
    METHODS.contains(&method) && (target.starts_with('/') || relative || target.starts_with("**"))
}

/// `HTTP/1.1 200 OK`.
pub(super) fn is_status_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("HTTP/") else {
        return false;
    };
    let mut parts = rest.split_whitespace();
    let version = parts.next().unwrap_or_default();
    let status = parts.next().unwrap_or_default();
    version.chars().all(|c| c.is_ascii_digit() || c == '.')
        && status.len() == 3
        && status.chars().all(|c| c.is_ascii_digit())
}

/// `Content-Type: application/json`, written from the first column.
fn is_header_line(line: &Line<'_>) -> bool {
    header_name(line).is_some()
}

fn header_name<'a>(line: &Line<'a>) -> Option<&'a str> {
    let (name, value) = line.raw.split_once(':')?;
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && (value.is_empty() || value.starts_with(char::is_whitespace));
    valid.then_some(name)
}

fn is_known_header_line(line: &Line<'_>) -> bool {
    header_name(line).is_some_and(is_known_header)
}

/// Whether `name` is one of the HTTP headers the reference pages use, in any case.
pub(super) fn is_known_header(name: &str) -> bool {
    KNOWN_HEADERS.contains(&name.to_ascii_lowercase().as_str())
}

/// A line that opens a JSON value: `{` or `[` followed by what JSON allows there, so that
/// prose such as `[!INCLUDE ...]` or `{id} is the ...` is not taken for code.
pub(super) fn starts_json(text: &str) -> bool {
    let mut chars = text.chars();
    let (Some(open), next) = (chars.next(), chars.next()) else {
        return false;
    };
    let follows_ok = |c: Option<char>, allowed: &[char]| match c {
        None => true,
        Some(c) => c.is_whitespace() || allowed.contains(&c),
    };
    match open {
        '{' => follows_ok(next, &['"', '}']),
        '[' => follows_ok(next, &['"', '{', '[', ']']),
        _ => false,
    }
}

/// Extent of an HTTP block starting at `start`: request lines (several list the operation's
/// paths), or one request or status line with its headers and body.
pub(super) fn http_extent(lines: &[Line<'_>], start: usize) -> Extent {
    let end = listing_end(lines, start);
    if end > start + 1 {
        return Extent {
            end,
            unbalanced: None,
        };
    }
    let end = headers_end(lines, wrapped_end(lines, start));
    body_extent(lines, start, end)
}

/// Index past a request line whose URL wraps onto the next lines because a function
/// parameter holds a JSON array (`getRoleScopeTagsByIds(ids=[` ... `])`).
fn wrapped_end(lines: &[Line<'_>], start: usize) -> usize {
    let mut depth = lines.get(start).map_or(0, |l| bracket_delta(l.raw));
    let mut end = start + 1;
    while depth > 0 {
        match lines.get(end) {
            Some(line) if !line.is_blank() => depth += bracket_delta(line.raw),
            _ => return start + 1,
        }
        end += 1;
    }
    end
}

/// Index past the request lines from `start`. Pages group paths with blank lines inside one
/// fence, so a single blank line followed by another request line continues the list.
fn listing_end(lines: &[Line<'_>], start: usize) -> usize {
    let is_request = |i: usize| lines.get(i).is_some_and(|l| is_request_line(l.text()));
    let mut end = start + 1;
    loop {
        if is_request(end) {
            end += 1;
        } else if lines.get(end).is_some_and(Line::is_blank) && is_request(end + 1) {
            end += 2;
        } else {
            return end;
        }
    }
}

/// Index past the header lines that follow index `from` (directly, or after one blank line
/// when the first header is a well-known one); `from` when there are none.
fn headers_end(lines: &[Line<'_>], from: usize) -> usize {
    let blank_then_header = lines.get(from).is_some_and(Line::is_blank)
        && lines.get(from + 1).is_some_and(is_known_header_line);
    let first = if blank_then_header { from + 1 } else { from };
    let mut end = first;
    while lines.get(end).is_some_and(is_header_line) {
        end += 1;
    }
    if end == first {
        from
    } else {
        end
    }
}

/// Adds the body that follows index `from` directly or after one blank line: a JSON value,
/// or, when the headers declare another content type (CSV reports, binary placeholders), the
/// lines up to the next blank line.
fn body_extent(lines: &[Line<'_>], start: usize, from: usize) -> Extent {
    let at = if lines.get(from).is_some_and(Line::is_blank) {
        from + 1
    } else {
        from
    };
    let headers = lines.get(start + 1..from).unwrap_or_default();
    let Some(first) = lines.get(at).filter(|l| !l.is_blank()) else {
        return Extent {
            end: from,
            unbalanced: None,
        };
    };
    if starts_json(first.text()) {
        return json_extent(lines, at);
    }
    let text = first.text();
    let end = if declares_other_content(headers) && !starts_other_block(text) && !is_sentence(text)
    {
        at + lines
            .get(at..)
            .map_or(0, |rest| rest.iter().take_while(|l| !l.is_blank()).count())
    } else {
        from
    };
    Extent {
        end,
        unbalanced: None,
    }
}

/// A `Content-Type` header whose media type is not JSON.
fn declares_other_content(headers: &[Line<'_>]) -> bool {
    headers.iter().any(|l| {
        l.raw.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case("content-type")
                && !value.to_ascii_lowercase().contains("json")
        })
    })
}

/// Prose such as "Follow the 302 redirection and ... the following schema." after a
/// response: several words ending like a sentence.
fn is_sentence(text: &str) -> bool {
    text.ends_with(['.', ':']) && text.split_whitespace().count() >= 3
}

/// A line that begins a block of its own rather than continuing a body.
fn starts_other_block(text: &str) -> bool {
    super::heading::is_section_title(text)
        || super::table::header(text).is_some()
        || is_request_line(text)
        || is_status_line(text)
}

/// Extent of the JSON value that opens at `start`, by bracket depth outside strings. A blank
/// line inside the value is kept only when JSON continues after it, so that a value that
/// never closes (a truncated sample) does not swallow the rest of the page.
pub(super) fn json_extent(lines: &[Line<'_>], start: usize) -> Extent {
    let mut depth: i64 = 0;
    let mut last_json = start;
    let mut i = start;
    while let Some(line) = lines.get(i) {
        if line.is_blank() {
            if !continues_json(lines, i + 1) {
                break;
            }
        } else {
            depth += bracket_delta(line.raw);
            last_json = i;
            if depth <= 0 {
                return Extent {
                    end: i + 1,
                    unbalanced: None,
                };
            }
        }
        i += 1;
    }
    Extent {
        end: last_json + 1,
        unbalanced: lines.get(start).map(|l| l.no),
    }
}

/// Whether the next non-blank line at or after `from` looks like more of a JSON value.
fn continues_json(lines: &[Line<'_>], from: usize) -> bool {
    super::next_text(lines, from).is_some_and(|t| t.starts_with(['"', '{', '}', '[', ']']))
}

/// Opening minus closing brackets on one line, not counting those inside strings. Strings
/// cannot span lines in JSON, so an unterminated one ends with its line.
fn bracket_delta(line: &str) -> i64 {
    let mut delta = 0;
    let mut in_string = false;
    let mut escaped = false;
    for c in line.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => delta += 1,
            '}' | ']' => delta -= 1,
            _ => {}
        }
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        super::super::split_lines(text)
    }

    #[test]
    fn request_and_status_lines() {
        assert!(is_request_line("GET /me/events"));
        assert!(is_request_line(
            "POST /users/{id | userPrincipalName}/events"
        ));
        assert!(is_request_line("PATCH https://graph.microsoft.com/beta/x"));
        assert!(!is_request_line("GET the thing"));
        assert!(is_request_line("POST me/devices/{id}/commands"));
        assert!(is_request_line("GET ** Entity URI for x not found"));
        assert!(!is_request_line("Get androidForWorkSettings"));
        assert!(is_status_line("HTTP/1.1 204 No Content"));
        assert!(is_status_line("HTTP/2 200"));
        assert!(!is_status_line("HTTP request"));
    }

    #[test]
    fn json_openers() {
        assert!(starts_json("{"));
        assert!(starts_json("{ "));
        assert!(starts_json("{\"a\": 1}"));
        assert!(starts_json("[{\"a\": 1}]"));
        assert!(!starts_json("[!IMPORTANT] text"));
        assert!(!starts_json("{id} is the key"));
        assert!(!starts_json(""));
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        assert_eq!(bracket_delta(r#"  "a": "{[", "b": ["#), 1);
        assert_eq!(bracket_delta(r#"  "a": "x\"}", }"#), -1);
    }

    #[test]
    fn json_stops_where_it_balances() {
        let ls = lines("{\n  \"a\": [\n    1\n  ]\n}\nafter");
        assert_eq!(
            json_extent(&ls, 0),
            Extent {
                end: 5,
                unbalanced: None
            }
        );
    }

    #[test]
    fn open_json_stops_at_prose() {
        let ls = lines("{\n  \"a\": 1,\n\nResponse\n");
        assert_eq!(
            json_extent(&ls, 0),
            Extent {
                end: 2,
                unbalanced: Some(1)
            }
        );
    }

    #[test]
    fn blank_line_inside_json_is_kept_when_json_goes_on() {
        let ls = lines("{\n  \"a\": [\n\n  ]\n}");
        assert_eq!(json_extent(&ls, 0).end, 5);
    }

    #[test]
    fn request_with_blank_before_known_header() {
        let ls = lines("POST https://x/y\n\nContent-type: application/json\n\n{\n}\nnext");
        assert_eq!(http_extent(&ls, 0).end, 6);
    }

    #[test]
    fn path_groups_separated_by_blank_lines() {
        let ls = lines("DELETE /a\nDELETE /b\n\nDELETE /c\n\nRequest headers");
        assert_eq!(http_extent(&ls, 0).end, 4);
    }

    #[test]
    fn non_json_bodies_follow_their_content_type() {
        let ls = lines("HTTP/1.1 200 OK\nContent-Type: text/csv\n\nA,B\n1,2\n\nNext");
        assert_eq!(http_extent(&ls, 0).end, 5);
        let ls = lines("HTTP/1.1 200 OK\nContent-Type: application/json\n\nNext");
        assert_eq!(http_extent(&ls, 0).end, 2);
        let ls = lines("HTTP/1.1 302 Found\nContent-Type: text/plain\n\nFollow the redirect.");
        assert_eq!(http_extent(&ls, 0).end, 2);
    }

    #[test]
    fn wrapped_request_url() {
        let ls = lines("GET https://x/f(ids=[\n  \"a\"\n])\n\nResponse");
        assert_eq!(http_extent(&ls, 0).end, 3);
        let ls = lines("GET https://x/f(ids=[\n\nResponse");
        assert_eq!(http_extent(&ls, 0).end, 1);
    }

    #[test]
    fn prose_after_a_blank_is_not_a_header() {
        let ls = lines("GET /me\n\nNote: something\n");
        assert_eq!(http_extent(&ls, 0).end, 1);
    }
}
