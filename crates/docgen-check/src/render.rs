//! Output: the human report (annotated source snippets, then a summary) and the JSON report
//! whose shape the crate documentation fixes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use annotate_snippets::{Level, Renderer, Snippet};
use docgen_ir::{Diagnostic, Severity};
use serde::Serialize;

use crate::columns;
use crate::source::Sources;
use crate::types::split_source;

/// Diagnostics counted by severity and by code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub pages: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// One entry per code and severity, sorted by code then severity (most severe first).
    pub by_code: Vec<CodeCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    pub code: String,
    pub severity: Severity,
    pub count: usize,
}

impl Summary {
    pub fn new(pages: usize, diagnostics: &[Diagnostic]) -> Self {
        let mut counts: BTreeMap<(&str, std::cmp::Reverse<Severity>), usize> = BTreeMap::new();
        for d in diagnostics {
            *counts
                .entry((d.code.as_str(), std::cmp::Reverse(d.severity)))
                .or_default() += 1;
        }
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            pages,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
            by_code: counts
                .into_iter()
                .map(|((code, severity), count)| CodeCount {
                    code: code.to_owned(),
                    severity: severity.0,
                    count,
                })
                .collect(),
        }
    }
}

/// One diagnostic in the JSON report: every key always present, `null` when unknown.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: u32,
    column: Option<u32>,
    severity: Severity,
    code: &'a str,
    message: &'a str,
    related: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

/// The JSON report, pretty-printed, with a final newline.
pub fn json(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let report = JsonReport {
        version: 1,
        diagnostics: diagnostics
            .iter()
            .map(|d| JsonDiagnostic {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: &d.code,
                message: &d.message,
                related: d.related.as_deref(),
            })
            .collect(),
        summary,
    };
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// The human report: each diagnostic with the page line it is about (and the related place,
/// when there is one), then the summary.
pub fn human(
    diagnostics: &[Diagnostic],
    summary: &Summary,
    sources: &Sources,
    color: bool,
) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&one(d, sources, &renderer));
        out.push_str("\n\n");
    }
    out.push_str(&summary_text(summary));
    out
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Note => Level::Note,
    }
}

/// A line made safe to underline: control and invisible formatting characters become spaces,
/// one for one, so character columns still count the same.
fn displayable(line: &str) -> String {
    line.chars()
        .map(|c| {
            let invisible = matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}');
            if c.is_control() || invisible {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The byte span to underline: from `column` (else the line's first non-blank character) to
/// the end of the word there. Underlining a whole table row says nothing and runs off screen.
fn span(line: &str, column: Option<u32>) -> std::ops::Range<usize> {
    let indent = line.len() - line.trim_start().len();
    let start = column
        .filter(|&c| c >= 1)
        .and_then(|c| line.char_indices().nth(c as usize - 1))
        .map_or(indent, |(i, _)| i);
    // `start` is a `char_indices` position or the indent: a char boundary.
    let rest = line.get(start..).unwrap_or_default();
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let first = rest.chars().next();
    // A name runs to its end; punctuation (`//`, `{`) to the end of the same mark repeated.
    let word = match first {
        Some(f) if !is_word(f) => rest.find(|c| c != f).unwrap_or(rest.len()),
        _ => rest
            .char_indices()
            .find(|&(i, c)| i > 0 && !is_word(c))
            .map_or(rest.len(), |(i, _)| i),
    };
    start..start + word
}

fn one(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let main = sources.line(&d.file, d.line).map(|l| displayable(&l));
    let related = d.related.as_deref().map(|r| {
        let (file, line) = split_source(r);
        (
            file,
            line,
            sources.line(file, line).map(|l| displayable(&l)),
        )
    });
    let mut footer = Vec::new();
    if main.is_none() {
        footer.push(format!("at {}", location(d)));
    }
    if let Some((file, line, None)) = &related {
        footer.push(format!("see {file}:{line}"));
    }
    let mut message = level(d.severity).title(&d.message).id(&d.code);
    if let Some(text) = &main {
        message = message.snippet(
            Snippet::source(text)
                .line_start(d.line as usize)
                .origin(&d.file)
                .annotation(level(d.severity).span(span(text, d.column))),
        );
    }
    if let Some((file, line, Some(text))) = &related {
        message = message.snippet(
            Snippet::source(text)
                .line_start(*line as usize)
                .origin(file)
                .annotation(
                    Level::Note
                        .span(span(text, columns::locate(d, text)))
                        .label("the other place"),
                ),
        );
    }
    for f in &footer {
        message = message.footer(Level::Note.title(f));
    }
    let text = renderer.render(message).to_string();
    text
}

fn location(d: &Diagnostic) -> String {
    match d.column {
        Some(c) => format!("{}:{}:{c}", d.file, d.line),
        None => format!("{}:{}", d.file, d.line),
    }
}

fn summary_text(summary: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "summary: {} errors, {} warnings, {} notes in {} pages",
        summary.errors, summary.warnings, summary.notes, summary.pages
    );
    let mut rows: Vec<&CodeCount> = summary.by_code.iter().collect();
    rows.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.code.cmp(&b.code)));
    let width = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
    for r in rows {
        let _ = writeln!(
            out,
            "  {:<7}  {:<width$}  {:>6}",
            severity_name(r.severity),
            r.code,
            r.count
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_stay_on_char_boundaries() {
        assert_eq!(span("  |é|fooBar|", Some(6)), 6..12);
        assert_eq!(span("  text more ", None), 2..6);
        assert_eq!(span("ab cd", Some(40)), 0..2);
        assert_eq!(span("", Some(1)), 0..0);
        assert_eq!(span("é", Some(1)), 0..2);
        assert_eq!(span("/a//b", Some(3)), 2..4);
        assert_eq!(displayable("a\tb\u{202e}c"), "a b c");
    }

    #[test]
    fn odd_lines_never_panic() {
        // Wide, combining, joining, bidirectional and control characters, long lines, columns
        // past the end: whatever a page holds, rendering must not panic.
        let pieces = [
            "é", "漢字", "🙂", "\t", "a", " ", "|", "e\u{301}", "\u{200d}", "\u{202e}", "\r",
        ];
        let long = "x".repeat(300);
        let sources = Sources::default();
        let mut seed = 7u64;
        for n in 0..300u32 {
            let mut line = String::new();
            for _ in 0..(n % 40) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                line.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed % 17 == 0 {
                    line.push_str(&long);
                }
            }
            let file = format!("f{n}.md");
            sources.insert(&file, &line);
            let width = line.chars().count() as u32;
            for column in [
                None,
                Some(0),
                Some(1),
                Some(width / 2 + 1),
                Some(width),
                Some(width + 3),
            ] {
                let mut d = Diagnostic::note("c", &file, 1, "m").with_related(format!("{file}:1"));
                d.column = column;
                let all = [d];
                for color in [false, true] {
                    assert!(!human(&all, &Summary::new(1, &all), &sources, color).is_empty());
                }
            }
        }
    }

    #[test]
    fn renders_snippets_related_places_and_a_summary() {
        let sources = Sources::default();
        sources.insert("a.md", "line one\n|x|Strng|desc|\n");
        sources.insert("b.md", "first\nsecond");
        let mut d = Diagnostic::warning("type-unknown", "a.md", 2, "unknown type");
        d.column = Some(4);
        let d = d.with_related("b.md:2");
        let gone = Diagnostic::error("path-unreadable", "gone.md", 1, "cannot read");
        let all = [gone, d];
        let text = human(&all, &Summary::new(2, &all), &sources, false);
        assert!(
            text.contains("warning[type-unknown]: unknown type"),
            "{text}"
        );
        assert!(text.contains("--> a.md:2:4"), "{text}");
        assert!(
            text.contains("|    -----\n"),
            "the type is underlined: {text}"
        );
        assert!(text.contains("b.md:2"), "{text}");
        assert!(text.contains("at gone.md:1"), "{text}");
        assert!(
            text.contains("summary: 1 errors, 1 warnings, 0 notes in 2 pages"),
            "{text}"
        );
        let json = json(&all, &Summary::new(2, &all));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["diagnostics"][0]["column"], serde_json::Value::Null);
        assert_eq!(value["summary"]["by_code"][1]["code"], "type-unknown");
    }
}
