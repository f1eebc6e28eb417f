//! Page sources as text, split into lines the way the readers count them.
//!
//! The IR keeps lines but not columns or text, so lints that point inside a line (a type name
//! in a table row, a key in an example body) and the human renderer read the page again. Text
//! is normalised exactly as `docgen_read::read_page` does (lossy UTF-8, BOM dropped, CR LF and
//! lone CR as LF) so line numbers agree with the IR.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One page's text with the byte offset of each line's start.
#[derive(Debug, Default)]
pub struct SourceText {
    text: String,
    starts: Vec<usize>,
}

impl SourceText {
    pub fn new(bytes: &[u8]) -> Self {
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, starts }
    }

    /// The 1-based line `n` without its newline; `None` past the end.
    pub fn line(&self, n: u32) -> Option<&str> {
        let index = usize::try_from(n).ok()?.checked_sub(1)?;
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text.get(start..end)
    }
}

/// Page texts by source name, read on first use relative to a base folder. Texts can also be
/// supplied directly (tests, pages that never were files).
#[derive(Debug, Default)]
pub struct Sources {
    base: PathBuf,
    cache: Mutex<HashMap<String, Option<Arc<SourceText>>>>,
}

impl Sources {
    pub fn new(base: &Path) -> Self {
        Self {
            base: base.to_path_buf(),
            cache: Mutex::default(),
        }
    }

    pub fn insert(&self, file: &str, text: &str) {
        let text = Some(Arc::new(SourceText::new(text.as_bytes())));
        self.lock().insert(file.to_owned(), text);
    }

    /// The text of `file`; `None` when it cannot be read (a problem already reported by the
    /// reader, so lints just do without columns).
    pub fn get(&self, file: &str) -> Option<Arc<SourceText>> {
        if let Some(found) = self.lock().get(file) {
            return found.clone();
        }
        // Read outside the lock: pages are linted in parallel.
        let read = std::fs::read(self.base.join(file))
            .ok()
            .map(|bytes| Arc::new(SourceText::new(&bytes)));
        self.lock().insert(file.to_owned(), read.clone());
        read
    }

    /// Line `line` of `file`, when both exist.
    pub fn line(&self, file: &str, line: u32) -> Option<String> {
        self.get(file)
            .and_then(|text| text.line(line).map(str::to_owned))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<Arc<SourceText>>>> {
        // A panic elsewhere cannot leave the cache inconsistent (inserts are single calls).
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The 1-based character column at which `needle` occurs in `line` at or after character
/// column `from` (1-based), if it does.
pub fn find_column(line: &str, needle: &str, from: u32) -> Option<u32> {
    if needle.is_empty() {
        return None;
    }
    let skip = usize::try_from(from.saturating_sub(1)).ok()?;
    let start = line.char_indices().nth(skip).map(|(i, _)| i)?;
    let found = line.get(start..)?.find(needle)? + start;
    let chars = line.get(..found)?.chars().count();
    u32::try_from(chars + 1).ok()
}

/// `needle` as a whole word (not inside a longer identifier) in `line`: its 1-based column.
pub fn find_word(line: &str, needle: &str) -> Option<u32> {
    find_word_from(line, needle, 1)
}

/// Like [`find_word`], at or after character column `from`.
pub fn find_word_from(line: &str, needle: &str, mut from: u32) -> Option<u32> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    loop {
        let column = find_column(line, needle, from)?;
        let start = line
            .char_indices()
            .nth(column as usize - 1)
            .map(|(i, _)| i)?;
        let before = line.get(..start)?.chars().next_back();
        let after = line.get(start + needle.len()..)?.chars().next();
        if !before.is_some_and(is_ident) && !after.is_some_and(is_ident) {
            return Some(column);
        }
        from = column + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_like_the_readers() {
        let text = SourceText::new("\u{feff}a\r\nb\rc\n\nd".as_bytes());
        let lines: Vec<_> = (1..=6).map(|n| text.line(n)).collect();
        assert_eq!(
            lines,
            [Some("a"), Some("b"), Some("c"), Some(""), Some("d"), None]
        );
        assert_eq!(text.line(0), None);
    }

    #[test]
    fn columns_are_characters() {
        assert_eq!(find_column("|é|fooBar|", "fooBar", 1), Some(4));
        assert_eq!(find_column("ab ab", "ab", 2), Some(4));
        assert_eq!(find_column("ab", "zz", 1), None);
        assert_eq!(find_column("ab", "a", 9), None);
        assert_eq!(find_word("|xType|[x](l)|", "x"), Some(9));
        assert_eq!(find_word("xx", "x"), None);
    }

    #[test]
    fn sources_read_lazily_and_accept_inserted_text() {
        let sources = Sources::new(Path::new("/nonexistent-docgen-check"));
        assert!(sources.get("missing.md").is_none());
        sources.insert("page.md", "one\ntwo");
        assert_eq!(sources.line("page.md", 2).as_deref(), Some("two"));
        assert_eq!(sources.line("page.md", 3), None);
    }
}
