//! What the lowering does with each element: site chrome to skip, inline markup, alert boxes.
//!
//! The docs site wraps an article in chrome that the markdown original never had: site header,
//! navigation and table of contents, breadcrumbs, the page-metadata line (date, contributors),
//! "In this article" outlines, feedback widgets, "Additional resources" asides, footers, code
//! block headers with their language label and Copy button, and the tab list of language
//! selectors above code samples. All of it is recognised here by tag, ARIA role, id or class.

use scraper::node::Element;

/// Tags that never hold article content.
const CHROME_TAGS: [&str; 23] = [
    "header",
    "nav",
    "aside",
    "footer",
    "head",
    "script",
    "style",
    "noscript",
    "template",
    "button",
    "form",
    "select",
    "input",
    "textarea",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "canvas",
    "dialog",
    "menu",
    "bread-crumbs",
];

/// ARIA roles of chrome landmarks and widgets.
const CHROME_ROLES: [&str; 10] = [
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "tablist",
    "tab",
    "toolbar",
    "menubar",
    "dialog",
];

/// Ids (exact, lower-cased) the docs site gives chrome containers.
const CHROME_IDS: [&str; 19] = [
    "ms--site-header",
    "ms--additional-resources",
    "ms--inline-feedback",
    "ms--inline-notifications",
    "ms--content-well-notifications",
    "affixed-left-container",
    "left-container",
    "center-doc-outline",
    "side-doc-outline",
    "article-header",
    "article-header-breadcrumbs",
    "article-metadata",
    "article-metadata-footer",
    "user-feedback",
    "site-user-feedback-footer",
    "feedback",
    "footer",
    "action-panel",
    "toc",
];

/// Class names (exact, lower-cased) of chrome blocks.
const CHROME_CLASSES: [&str; 27] = [
    "page-metadata",
    "page-metadata-container",
    "metadata",
    "breadcrumbs",
    "breadcrumb",
    "codeheader",
    "code-header",
    "action-bar",
    "doc-outline",
    "in-this-article",
    "feedback",
    "feedback-section",
    "feedback-verbatim",
    "user-feedback",
    "contributors",
    "contributors-holder",
    "article-header",
    "content-header-controls",
    "visually-hidden",
    "sr-only",
    "is-visually-hidden",
    "display-none",
    "is-hidden",
    "hidden",
    "tree",
    "toc",
    "next-steps-feedback",
];

/// Classes (lower-cased) of the site's alert boxes, lowered to notes.
const ALERT_CLASSES: [&str; 7] = [
    "note",
    "important",
    "warning",
    "caution",
    "tip",
    "alert",
    "admonition",
];

/// Labels the site puts in an alert box's first paragraph.
pub const ALERT_LABELS: [&str; 5] = ["note", "important", "warning", "caution", "tip"];

/// Block-level elements: they separate the text around them. Every other element (phrasing
/// markup, and unknown tags such as a stray `<port>` placeholder, which browsers show inline)
/// flows into the surrounding text.
const BLOCK_TAGS: [&str; 45] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "html",
];

fn lower_name(element: &Element) -> String {
    element.name().to_ascii_lowercase()
}

fn has_class(element: &Element, names: &[&str]) -> bool {
    element
        .classes()
        .any(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
}

/// Whether the element (and everything in it) is site chrome.
///
/// Hidden tab panels are not chrome: they hold the other tabs of a code sample, which the
/// markdown original has too.
pub fn is_chrome(element: &Element) -> bool {
    let name = lower_name(element);
    if CHROME_TAGS.contains(&name.as_str()) {
        return true;
    }
    let role = element.attr("role").map(str::to_ascii_lowercase);
    if let Some(role) = &role {
        if CHROME_ROLES.contains(&role.as_str()) {
            return true;
        }
    }
    let tab_panel = role.as_deref() == Some("tabpanel");
    if !tab_panel
        && (element.attr("hidden").is_some()
            || element
                .attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true")))
    {
        return true;
    }
    if element
        .id()
        .is_some_and(|id| CHROME_IDS.iter().any(|c| id.eq_ignore_ascii_case(c)))
    {
        return true;
    }
    has_class(element, &CHROME_CLASSES)
}

/// Whether the element is a site alert box (NOTE, IMPORTANT, ...) or a blockquote.
pub fn is_note(element: &Element) -> bool {
    let name = lower_name(element);
    name == "blockquote" || (name == "div" && has_class(element, &ALERT_CLASSES))
}

/// Whether the element (lower-cased name) separates the text around it.
pub fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// The heading level of `h1`...`h6`.
pub fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The language of a code block from `lang-x` / `language-x` classes, lower-cased.
pub fn code_language(element: &Element) -> Option<String> {
    element.classes().find_map(|class| {
        let lower = class.to_ascii_lowercase();
        let lang = lower
            .strip_prefix("lang-")
            .or_else(|| lower.strip_prefix("language-"))?;
        (!lang.is_empty()).then(|| lang.to_owned())
    })
}
