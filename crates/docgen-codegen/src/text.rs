//! Documentation text: cleaning descriptions into doc attributes, and source locations.
//!
//! Descriptions come from the docs verbatim, so they can hold anything. Doc text reaches the
//! generated code only as the string literal of a `#[doc = "..."]` attribute built by
//! `quote`, never as spliced source. prettyplease prints those as `///` comments with the
//! characters unescaped, so invisible characters are removed here: rustc denies Unicode bidi
//! controls in comments (`text_direction_codepoint_in_comment`), and the others only hide
//! text from a reviewer.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Unicode bidi controls, zero-width and other invisible formatting characters, and ASCII
/// or C1 controls (whitespace excepted).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// One paragraph of doc text: invisible characters removed, whitespace runs (newlines and
/// tabs included) collapsed to one space, trimmed.
///
/// A single line can never continue a list lazily (`clippy::doc_lazy_continuation`) nor be
/// an indented code block; a leading code fence is escaped so it is not one either.
pub(crate) fn clean_doc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else if !is_invisible(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    if out.starts_with("```") || out.starts_with("~~~") {
        out.insert(0, '\\');
    }
    out
}

/// Descriptions the docs write where there is nothing to say yet ("Not yet documented",
/// "TBD"): no doc comment beats one that only says so.
fn is_placeholder(paragraph: &str) -> bool {
    let bare = paragraph.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(
        bare.as_str(),
        "not yet documented" | "to be documented" | "tbd" | "todo" | "add description"
    )
}

/// `#[doc]` attributes for the non-empty paragraphs among `paragraphs`, cleaned and separated
/// by an empty doc line; placeholder paragraphs ("Not yet documented") are left out. Nothing
/// when every paragraph is empty (no `clippy::empty_docs`).
pub(crate) fn doc_attrs<I, S>(paragraphs: I) -> TokenStream
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut tokens = TokenStream::new();
    for paragraph in paragraphs {
        let text = clean_doc(paragraph.as_ref());
        if text.is_empty() || is_placeholder(&text) {
            continue;
        }
        if !tokens.is_empty() {
            tokens.extend(quote!(#[doc = ""]));
        }
        // The leading space makes prettyplease print `/// text`.
        let literal = Literal::string(&format!(" {text}"));
        tokens.extend(quote!(#[doc = #literal]));
    }
    tokens
}

/// Splits a `file:line` source into its file and 1-based line (0 when there is none).
pub(crate) fn location(source: &str) -> (&str, u32) {
    match source.rsplit_once(':') {
        Some((file, line)) => match line.trim().parse() {
            Ok(line) => (file, line),
            Err(_) => (source, 0),
        },
        None => (source, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_doc_table() {
        let table = [
            ("  plain text ", "plain text"),
            ("line one\nline two\t\ttabbed", "line one line two tabbed"),
            ("bidi \u{202E}reversed\u{202C} text", "bidi reversed text"),
            (
                "zero\u{200B}width\u{FEFF} and soft\u{00AD}hyphen",
                "zerowidth and softhyphen",
            ),
            ("bell\u{7} and nul\u{0}", "bell and nul"),
            ("```rust\nfn main() {}\n```", "\\```rust fn main() {} ```"),
            ("    indented", "indented"),
            ("\u{2066}\u{2069}", ""),
            ("Ünïcödé stays", "Ünïcödé stays"),
        ];
        for (raw, want) in table {
            assert_eq!(clean_doc(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn doc_attrs_skip_empty_paragraphs() {
        assert!(doc_attrs(["", " \u{200B} "]).is_empty());
        assert!(doc_attrs(["Not yet documented", "TBD.", " not yet  documented. "]).is_empty());
        assert!(!doc_attrs(["Not yet documented for Android"]).is_empty());
        let tokens = doc_attrs(["first", "", "second"]).to_string();
        assert_eq!(
            tokens,
            quote!(#[doc = " first"] #[doc = ""] #[doc = " second"]).to_string()
        );
    }

    #[test]
    fn location_table() {
        let table = [
            ("api/user-get.md:12", ("api/user-get.md", 12)),
            ("C:/docs/x.md:3", ("C:/docs/x.md", 3)),
            ("no-line.md", ("no-line.md", 0)),
            ("weird:line", ("weird:line", 0)),
            ("", ("", 0)),
        ];
        for (source, want) in table {
            assert_eq!(location(source), want, "{source:?}");
        }
    }
}
