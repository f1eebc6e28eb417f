//! Byte offsets to 1-based lines, and the white-space folding every reader shares.

/// Start offsets of each line of a text, for offset-to-line lookups.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        u32::try_from(index + 1).unwrap_or(u32::MAX)
    }

    /// Whether 1-based `line` opens a code fence.
    pub fn starts_with_fence(&self, line: u32) -> bool {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.starts.get(index) else {
            return false;
        };
        let rest = self.text.get(start..).unwrap_or("").trim_start();
        rest.starts_with("```") || rest.starts_with("~~~")
    }
}

/// Folds every run of white space (including non-breaking spaces) into one space and trims.
pub fn collapse_spaces(text: &str) -> String {
    // Most cells are already folded: copy them in one go.
    if is_folded(text) {
        return text.to_owned();
    }
    fold(text)
}

/// [`collapse_spaces`] in place: text already folded (most of it) is neither copied nor
/// reallocated.
pub fn collapse_spaces_in_place(text: &mut String) {
    if !is_folded(text) {
        *text = fold(text);
    }
}

/// Whether `text` has no white space but single spaces between words. One pass over the
/// bytes for ASCII text; other text is checked char by char.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for &byte in bytes {
        match byte {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            // The ASCII white space of `char::is_whitespace`: tab, LF, VT, FF, CR.
            b'\t'..=b'\r' => return false,
            0x80.. => {
                return !text.contains("  ")
                    && !text.contains(|c: char| c != ' ' && (c.is_whitespace() || c == '\u{a0}'))
            }
            _ => after_space = false,
        }
    }
    true
}

fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_offsets() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line_of(0), 1);
        assert_eq!(index.line_of(2), 1);
        assert_eq!(index.line_of(3), 2);
        assert_eq!(index.line_of(6), 3);
        assert_eq!(index.line_of(7), 4);
        assert_eq!(index.line_of(100), 4);
    }

    #[test]
    fn collapse() {
        assert_eq!(collapse_spaces("  a \t b\u{a0}\nc "), "a b c");
        for (text, folded) in [
            ("", true),
            ("a b", true),
            ("a  b", false),
            (" a", false),
            ("a ", false),
            ("a\x0bb", false),
            ("a\x1fb", true),
            ("ä b", true),
            ("ä  b", false),
            ("ä\u{a0}b", false),
            ("ä\u{2003}b", false),
            ("a\u{85}", false),
        ] {
            assert_eq!(is_folded(text), folded, "{text:?}");
            let mut in_place = text.to_owned();
            collapse_spaces_in_place(&mut in_place);
            assert_eq!(in_place, collapse_spaces(text));
            let slow: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(in_place, slow.join(" "), "{text:?}");
        }
    }
}
