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
    let folded = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !text.contains(|c: char| c != ' ' && (c.is_whitespace() || c == '\u{a0}'));
    if folded {
        return text.to_owned();
    }
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
    }
}
