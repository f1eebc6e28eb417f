//! Detects a page's format from its content; file extensions are not trusted (the seeds are
//! all `.txt`, whatever their format).

use docgen_ir::Format;

/// Decides between HTML, markdown and copied text.
///
/// HTML is recognised by a document or `<main>`/`<body>` element near the top. Markdown by
/// syntax that copied text never has: front matter, ATX headings, pipe-table delimiter rows,
/// code fences or `<!-- -->` annotations. Anything else is text copied from the site.
pub fn detect_format(text: &str) -> Format {
    let text = text.trim_start_matches('\u{feff}');
    let mut end = text.len().min(2048);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or_default().to_ascii_lowercase();
    let head_trim = head.trim_start();
    if head_trim.starts_with("<!doctype html")
        || head_trim.starts_with("<html")
        || head.contains("<body")
        || head.contains("<main")
    {
        return Format::Html;
    }
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        return Format::Markdown;
    }
    let mut signals = 0;
    for line in text.lines().take(4000) {
        let line = line.trim_start();
        if is_atx_heading(line)
            || is_table_delimiter(line)
            || line.starts_with("```")
            || line.starts_with("<!--")
        {
            signals += 1;
            if signals >= 2 {
                return Format::Markdown;
            }
        }
    }
    Format::Text
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line.get(hashes..).is_some_and(|rest| rest.starts_with(' '))
}

fn is_table_delimiter(line: &str) -> bool {
    let line = line.trim();
    line.contains("---")
        && line.contains('|')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let table = [
            ("---\ntitle: x\n---\n# x\n", Format::Markdown),
            ("# Title\n\n|a|b|\n|---|---|\n", Format::Markdown),
            (
                "Title\n\nProperty Type Description\nid String Key\n",
                Format::Text,
            ),
            ("\u{feff}<!DOCTYPE html><html><body>", Format::Html),
            ("<div><main id=\"main\">x</main></div>", Format::Html),
            ("", Format::Text),
            ("Title\n\nsome #hashtag text\n", Format::Text),
        ];
        for (text, want) in table {
            assert_eq!(detect_format(text), want, "{text:?}");
        }
    }
}
