//! Source positions for parsed nodes.
//!
//! scraper (html5ever) builds a tree without source positions. This module scans the raw HTML
//! for the start tags and comments the parser turns into nodes, in source order, and
//! [`Aligner`] pairs them with the nodes of the parsed tree as the lowering visits that tree in
//! document order (every element and comment, chrome included, is offered to it).
//!
//! For well-formed HTML the n-th node in document order is the n-th tag in the source, so each
//! node's tag is the next one. Where they differ the alignment degrades gracefully instead of
//! drifting: a node whose tag is not among the next few source tags (an element the parser
//! implied, such as a missing `<tbody>`, or a node foster-parented out of order) gets no
//! position and the cursor stays put; a source tag the parser dropped is stepped over by the
//! search window. The cursor only moves forward, so positions never go backwards.

use crate::lines::LineIndex;

/// What a source token opens.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// A start tag, with its lower-cased name.
    Start(String),
    /// A comment (including the "bogus" comments `<!x>`, `<?x>` and `</3>`, which the parser
    /// also turns into comment nodes).
    Comment,
}

/// One start tag or comment in the source: where it starts and where its `>` ends.
#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Elements whose content the tokenizer reads as text up to the matching end tag.
pub(super) const RAW_TEXT: [&str; 9] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements the parser often creates without a tag (implied, or cloned when misnested
/// formatting is repaired): they match only the very next source tag.
const OFTEN_IMPLIED: [&str; 20] = [
    "html", "head", "body", "tbody", "colgroup", "tr", "a", "b", "big", "code", "em", "font", "i",
    "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// How many source tags ahead a node's tag is looked for.
const WINDOW: usize = 8;

/// Scans `html` into its start tags and comments, in source order.
fn tokenize(html: &str) -> Vec<Token> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    while let Some(found) = find_byte(bytes, b'<', pos) {
        let start = found;
        let next = bytes.get(start + 1).copied();
        match next {
            Some(b'!') => {
                if bytes.get(start + 2..start + 4) == Some(b"--") {
                    let end = comment_end(bytes, start + 4);
                    tokens.push(Token {
                        kind: Kind::Comment,
                        start,
                        end,
                    });
                    pos = end;
                } else {
                    let end = find_byte(bytes, b'>', start).map_or(bytes.len(), |e| e + 1);
                    let doctype = bytes
                        .get(start + 2..start + 9)
                        .is_some_and(|w| w.eq_ignore_ascii_case(b"doctype"));
                    if !doctype {
                        tokens.push(Token {
                            kind: Kind::Comment,
                            start,
                            end,
                        });
                    }
                    pos = end;
                }
            }
            Some(b'?') => {
                let end = find_byte(bytes, b'>', start).map_or(bytes.len(), |e| e + 1);
                tokens.push(Token {
                    kind: Kind::Comment,
                    start,
                    end,
                });
                pos = end;
            }
            Some(b'/') => {
                let end = find_byte(bytes, b'>', start).map_or(bytes.len(), |e| e + 1);
                let letter = bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic);
                if !letter && bytes.get(start + 2) != Some(&b'>') {
                    tokens.push(Token {
                        kind: Kind::Comment,
                        start,
                        end,
                    });
                }
                pos = end;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let name_end = (start + 1..bytes.len())
                    .find(|&i| {
                        bytes
                            .get(i)
                            .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
                    })
                    .unwrap_or(bytes.len());
                let name = html
                    .get(start + 1..name_end)
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let end = tag_end(bytes, name_end);
                pos = end;
                if name == "plaintext" {
                    pos = bytes.len();
                } else if RAW_TEXT.contains(&name.as_str()) {
                    pos = raw_text_end(bytes, end, &name);
                }
                tokens.push(Token {
                    kind: Kind::Start(name),
                    start,
                    end,
                });
            }
            _ => pos = start + 1,
        }
    }
    tokens
}

pub(super) fn find_byte(bytes: &[u8], byte: u8, from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter().position(|&b| b == byte).map(|i| from + i)
}

/// The offset just past a comment whose text starts at `from` (after `<!--`).
pub(super) fn comment_end(bytes: &[u8], from: usize) -> usize {
    // `<!-->` and `<!--->` are complete (empty) comments.
    if bytes.get(from) == Some(&b'>') {
        return from + 1;
    }
    if bytes.get(from..from + 2) == Some(b"->") {
        return from + 2;
    }
    let rest = bytes.get(from..).unwrap_or_default();
    rest.windows(3)
        .position(|w| w == b"-->")
        .map_or(bytes.len(), |i| from + i + 3)
}

/// The offset just past the `>` closing a start tag whose attributes start at `from`.
/// Quoted attribute values may contain `>`.
pub(super) fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_equals = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'>' => return i + 1,
            b'=' => after_equals = true,
            b'"' | b'\'' if after_equals => {
                i = find_byte(bytes, b, i + 1).unwrap_or(bytes.len());
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    bytes.len()
}

/// The offset of the `</name` that ends a raw-text element's content starting at `from`.
pub(super) fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> usize {
    let needle = name.as_bytes();
    let mut i = from;
    while let Some(lt) = find_byte(bytes, b'<', i) {
        let candidate = bytes.get(lt + 2..lt + 2 + needle.len());
        if bytes.get(lt + 1) == Some(&b'/')
            && candidate.is_some_and(|c| c.eq_ignore_ascii_case(needle))
        {
            return lt;
        }
        i = lt + 1;
    }
    bytes.len()
}

/// A located node: the offsets of its start tag's `<` and just past its `>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Pairs parsed nodes, offered in document order, with their source tags.
pub struct Aligner<'a> {
    text: &'a str,
    index: LineIndex<'a>,
    tokens: Vec<Token>,
    /// Index of the first token not yet paired.
    next: usize,
    /// The last paired token, if any.
    last: Option<Span>,
}

impl<'a> Aligner<'a> {
    pub fn new(text: &'a str) -> Self {
        Aligner {
            text,
            index: LineIndex::new(text),
            tokens: tokenize(text),
            next: 0,
            last: None,
        }
    }

    /// Pairs the next element named `name` (any case) with its start tag.
    pub fn element(&mut self, name: &str) -> Option<Span> {
        let name = name.to_ascii_lowercase();
        let window = if OFTEN_IMPLIED.contains(&name.as_str()) {
            1
        } else {
            WINDOW
        };
        self.find(window, |kind| matches!(kind, Kind::Start(n) if *n == name))
    }

    /// Pairs the next comment node with its source comment.
    pub fn comment(&mut self) -> Option<Span> {
        self.find(WINDOW, |kind| *kind == Kind::Comment)
    }

    fn find(&mut self, window: usize, wanted: impl Fn(&Kind) -> bool) -> Option<Span> {
        let end = self.next.saturating_add(window).min(self.tokens.len());
        let found =
            (self.next..end).find(|&i| self.tokens.get(i).is_some_and(|t| wanted(&t.kind)))?;
        let token = self.tokens.get(found)?;
        let span = Span {
            start: token.start,
            end: token.end,
        };
        self.next = found + 1;
        self.last = Some(span);
        Some(span)
    }

    /// The line of the last paired tag: where a node that could not be paired most likely is.
    pub fn current_line(&self) -> u32 {
        self.line_of(self.last.map_or(0, |s| s.start))
    }

    pub fn line_of(&self, offset: usize) -> u32 {
        self.index.line_of(offset)
    }

    /// The line a block's content starting right after `span` begins on: one line further when
    /// the tag is followed by a line break (which `<pre>` drops and `<code>` keeps as a
    /// leading newline of its text).
    pub fn content_line(&self, span: Span) -> u32 {
        let rest = self.text.get(span.end..).unwrap_or("");
        let skip = if rest.starts_with("\r\n") {
            2
        } else {
            usize::from(rest.starts_with('\n'))
        };
        self.line_of(span.end + skip)
    }

    /// The line of a text node whose text starts with `text`: searched between the last paired
    /// tag and the next unpaired one, where the text must be when the alignment holds.
    pub fn text_line(&self, text: &str) -> u32 {
        let from = self.last.map_or(0, |s| s.end);
        let to = self
            .tokens
            .get(self.next)
            .map_or(self.text.len(), |t| t.start)
            .max(from);
        let window = self.text.get(from..to).unwrap_or("");
        // Only a prefix the source spells literally: entities and markup-significant
        // characters end it.
        let probe: String = text
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .take(24)
            .collect();
        let probe = probe.trim_end();
        let offset = if probe.is_empty() {
            None
        } else {
            window.find(probe)
        };
        let offset = offset.unwrap_or_else(|| window.len() - window.trim_start().len());
        self.line_of(from + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tokenize(html)
            .into_iter()
            .map(|t| match t.kind {
                Kind::Start(name) => name,
                Kind::Comment => "!".to_owned(),
            })
            .collect()
    }

    #[test]
    fn tokens() {
        let html = "<!DOCTYPE html><HTML><head><title>a <b> c</title><script>if (a<b) x='<p>';</script></head>\n<body class=\"x>y\"><!-- <p> --><p a='>'>t</p><?xml x?></3><br/></body>";
        assert_eq!(
            names(html),
            ["html", "head", "title", "script", "body", "!", "p", "!", "!", "br"]
        );
    }

    #[test]
    fn odd_tokens_do_not_panic() {
        for html in [
            "<", "<!", "<!-", "<!--", "<!-->", "<a", "<a b='", "</", "<?", "<script>", "<p\n",
        ] {
            let _ = names(html);
            let mut a = Aligner::new(html);
            let _ = a.element("a");
            let _ = a.comment();
            let _ = a.text_line("x");
            let _ = a.current_line();
        }
    }

    #[test]
    fn alignment_skips_implied_elements() {
        let html = "<html>\n<body>\n<table>\n<tr><td>x</td></tr>\n</table>\n<p>y</p>";
        let mut a = Aligner::new(html);
        assert!(a.element("html").is_some());
        assert!(a.element("head").is_none());
        assert!(a.element("body").is_some());
        let table = a.element("table").map(|s| a.line_of(s.start));
        assert_eq!(table, Some(3));
        assert!(a.element("tbody").is_none());
        let tr = a.element("tr").map(|s| a.line_of(s.start));
        assert_eq!(tr, Some(4));
        assert!(a.element("td").is_some());
        assert_eq!(a.text_line("x"), 4);
        let p = a.element("p").map(|s| a.line_of(s.start));
        assert_eq!(p, Some(6));
    }
}
