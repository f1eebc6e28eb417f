//! `todo-placeholder` wherever a page still says `TODO`.
//!
//! The readers report TODOs in table cells, where they replace a description or permissions
//! (and drop them). Authoring templates leave them elsewhere too — front matter (`author:
//! "**TODO: Provide Github Name**"`), prose, headings — where the IR keeps no trace, so the
//! page text is scanned for the word `TODO` (upper case, whole word) on lines the readers have
//! not reported. Code blocks are skipped: a sample's `// TODO` is not a placeholder.

use std::collections::BTreeSet;

use docgen_ir::{Diagnostic, Page};

use crate::source::{find_word, Sources};

pub fn placeholders(page: &Page, sources: &Sources) -> Vec<Diagnostic> {
    let Some(text) = sources.get(&page.source) else {
        return Vec::new();
    };
    let reported: BTreeSet<u32> = page
        .diagnostics
        .iter()
        .filter(|d| d.code == "todo-placeholder")
        .map(|d| d.line)
        .collect();
    let mut out = Vec::new();
    let mut fence: Option<&str> = None;
    let mut n = 0;
    while let Some(line) = text.line(n + 1) {
        n += 1;
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    None => Some(marker),
                    Some(open) if open == marker => None,
                    other => other,
                };
            }
        }
        if fence.is_some() || reported.contains(&n) {
            continue;
        }
        if let Some(column) = find_word(line, "TODO") {
            let mut d = Diagnostic::warning(
                "todo-placeholder",
                &page.source,
                n,
                "a TODO placeholder was left in the page",
            );
            d.column = Some(column);
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unreported_todos_outside_code() {
        let text = "---\nauthor: \"**TODO: name**\"\n---\n# x\n\nTODO write this.\n\n```json\n// TODO in code\n```\nA todoTask and TODOs.\n|a|b|TODO|\n";
        let mut page = docgen_ir::Page {
            source: "p.md".to_owned(),
            ..Default::default()
        };
        page.diagnostics.push(Diagnostic::warning(
            "todo-placeholder",
            "p.md",
            12,
            "already reported",
        ));
        let sources = Sources::default();
        sources.insert("p.md", text);
        let found: Vec<(u32, Option<u32>)> = placeholders(&page, &sources)
            .iter()
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(found, [(2, Some(12)), (6, Some(1))]);
    }
}
