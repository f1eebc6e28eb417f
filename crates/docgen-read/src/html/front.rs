//! The front matter the site keeps of the markdown original's: title and description.

use scraper::Html;

use crate::lines::collapse_spaces;

const HTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// `title` and `description` as YAML, from `<title>` and `<meta name="description">`.
pub(super) fn front_matter(parsed: &Html) -> Option<(String, u32)> {
    let title = super::elements(parsed)
        // The document's title, not an SVG image's.
        .find(|e| e.value().name() == "title" && &*e.value().name.ns == HTML_NAMESPACE)
        .map(|e| site_title(&collapse_spaces(&e.text().collect::<String>())))
        .filter(|t| !t.is_empty());
    let description = super::elements(parsed)
        .find(|e| {
            e.value().name() == "meta"
                && e.attr("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("description"))
        })
        .and_then(|e| e.attr("content"))
        .map(collapse_spaces)
        .filter(|d| !d.is_empty());
    let mut yaml = String::new();
    // JSON strings are valid YAML double-quoted scalars, escapes included.
    for (key, value) in [("title", title), ("description", description)] {
        if let Some(value) = value {
            let quoted = serde_json::to_string(&value).unwrap_or_else(|_| "\"\"".to_owned());
            yaml.push_str(&format!("{key}: {quoted}\n"));
        }
    }
    (!yaml.is_empty()).then_some((yaml, 1))
}

/// A `<title>` without the site's suffix: "X - Microsoft Graph beta | Microsoft Learn" → "X".
fn site_title(title: &str) -> String {
    let mut title = title;
    for suffix in [" | Microsoft Learn", " | Microsoft Docs"] {
        title = title.strip_suffix(suffix).unwrap_or(title);
    }
    if let Some(cut) = title.rfind(" - Microsoft Graph") {
        title = title.get(..cut).unwrap_or(title);
    }
    title.trim().to_owned()
}
