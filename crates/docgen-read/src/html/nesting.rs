//! Bounds element nesting before the HTML parser sees a page.
//!
//! html5ever's tree builder checks "is there an x in scope" by walking the stack of open
//! elements, and compares each new formatting element with the open ones, so its cost is the
//! number of tags times the nesting depth: an 8 MiB page of `<div>` (1.6 million open
//! elements) would take hours. The lowering's own depth bound ([`Limits::max_nesting`],
//! applied while walking the parsed tree) comes too late for that.
//!
//! So before parsing, a linear scan follows start and end tags with a stack of open element
//! names, much as the parser would, and removes the start tags that would nest deeper than the
//! cap, and their end tags (keeping their newlines, so lines do not move). Their content
//! stays, and is read as plain text of the enclosing element, which is what the lowering does
//! beyond its own bound anyway. Elements that never nest (void elements) or that the parser
//! closes implicitly (`<p>`, `<li>`, `<td>`, ...) are not counted, so ordinary pages that leave
//! such end tags out are never touched.
//!
//! [`Limits::max_nesting`]: crate::limits::Limits::max_nesting

use std::collections::BTreeMap;

use super::source::{comment_end, find_byte, raw_text_end, tag_end, RAW_TEXT};

/// Elements without content, and elements the parser closes by itself when a sibling starts:
/// neither can build up nesting on their own.
const NOT_COUNTED: [&str; 43] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr", "p", "li",
    "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "caption",
    "colgroup", "rb", "rt", "rp", "rtc", "html", "head", "body", "frameset", "noframes",
];

/// `html` with start tags nested deeper than `cap` (and their end tags) removed, and the
/// offset in `html` of the first one removed; `None` when nothing nests that deep.
pub(super) fn flatten(html: &str, cap: usize) -> Option<(String, usize)> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Removed start tags by name whose end tag has not been seen yet.
    let mut blanked: BTreeMap<String, usize> = BTreeMap::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(start) = find_byte(bytes, b'<', pos) {
        match bytes.get(start + 1).copied() {
            Some(b'!') if bytes.get(start + 2..start + 4) == Some(b"--") => {
                pos = comment_end(bytes, start + 4);
            }
            Some(b'!' | b'?') => pos = find_byte(bytes, b'>', start).map_or(bytes.len(), |e| e + 1),
            Some(b'/') => {
                let (name, name_end) = tag_name(html, start + 2);
                let end = find_byte(bytes, b'>', name_end).map_or(bytes.len(), |e| e + 1);
                pos = end;
                if name.is_empty() || NOT_COUNTED.contains(&name.as_str()) {
                    continue;
                }
                match blanked.get_mut(&name) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        cuts.push((start, end));
                    }
                    // An end tag closes the nearest open element of its name and everything
                    // opened after it, as the parser does; a stray one closes nothing.
                    _ => {
                        if let Some(at) = open.iter().rposition(|n| *n == name) {
                            open.truncate(at);
                        }
                    }
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, name_end) = tag_name(html, start + 1);
                let end = tag_end(bytes, name_end);
                pos = end;
                if name == "plaintext" {
                    break;
                }
                if RAW_TEXT.contains(&name.as_str()) {
                    pos = raw_text_end(bytes, end, &name);
                }
                // In SVG and MathML `<x/>` closes itself; in HTML the `/` means nothing.
                let self_closed = bytes.get(end.saturating_sub(2)) == Some(&b'/')
                    && open.iter().any(|n| n == "svg" || n == "math");
                if NOT_COUNTED.contains(&name.as_str()) || self_closed {
                    continue;
                }
                if open.len() >= cap {
                    *blanked.entry(name).or_insert(0) += 1;
                    cuts.push((start, end));
                } else {
                    open.push(name);
                }
            }
            _ => pos = start + 1,
        }
    }
    let first = cuts.first()?.0;
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (start, end) in cuts {
        out.push_str(html.get(copied..start).unwrap_or(""));
        // A removed tag leaves its newlines, so that lines do not move.
        let tag = html.get(start..end).unwrap_or("");
        out.extend(tag.chars().filter(|&c| c == '\n'));
        copied = end;
    }
    out.push_str(html.get(copied..).unwrap_or(""));
    Some((out, first))
}

/// The lower-cased tag name starting at `from`, and where it ends.
fn tag_name(html: &str, from: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let end = bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .map_or(bytes.len(), |i| from + i);
    let name = html.get(from..end).unwrap_or("").to_ascii_lowercase();
    (name, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let html = "<html><body><main><div><p>a<p>b<ul><li>c<li>d</ul></div></main></body></html>";
        assert_eq!(flatten(html, 4), None);
        // Unclosed implicitly-closed elements do not add up.
        let many = format!("<main><ul>{}</ul></main>", "<li>x".repeat(1000));
        assert_eq!(flatten(&many, 4), None);
    }

    #[test]
    fn deep_tags_are_removed_with_their_end_tags() {
        let html = "<main><div>\n<div><div>x</div></div>\n</div><p>after</p></main>";
        let (flat, first) = flatten(html, 2).unwrap();
        assert_eq!(first, html.find("<div>\n<div>").unwrap() + 6);
        assert_eq!(flat, "<main><div>\nx\n</div><p>after</p></main>");
    }

    #[test]
    fn ten_thousand_levels_are_cut_to_the_cap() {
        let html = format!(
            "<main>{}x{}</main>",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let (flat, _) = flatten(&html, 256).unwrap();
        assert_eq!(flat.matches("<div>").count(), 255);
        assert_eq!(flat.matches("</div>").count(), 255);
    }

    #[test]
    fn comments_raw_text_and_svg_self_closing_tags() {
        let html = "<main><!-- <div><div><div> --><script><div><div><div></script>\
                    <svg><g/><g/><g/><g/></svg><div></div></main>";
        assert_eq!(flatten(html, 2), None);
    }
}
