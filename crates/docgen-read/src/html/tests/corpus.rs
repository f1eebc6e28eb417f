//! Agreement of the HTML renders in the shared corpus with their markdown originals: the facts
//! the interpreter reads from `renders/html/X.html` against those it reads from `X.md`.
//!
//! Run with `cargo test -p docgen-read html::tests::corpus -- --ignored --nocapture`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docgen_ir::{Format, Page};

/// The corpus folders holding markdown originals, most likely first (the renders are of the
/// 2021-07 pages).
const ORIGINALS: [&str; 3] = [
    "graph-beta-handwritten-dev",
    "graph-beta-intune-2021-07",
    "graph-beta-intune-2020-01",
];

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("renders/html").is_dir().then_some(dir)
}

fn original(corpus: &Path, stem: &str) -> Option<PathBuf> {
    ORIGINALS.iter().find_map(|folder| {
        ["api", "resources"].iter().find_map(|kind| {
            let path = corpus.join(folder).join(kind).join(format!("{stem}.md"));
            path.is_file().then_some(path)
        })
    })
}

fn json(body: Option<&str>) -> Option<serde_json::Value> {
    body.and_then(|b| serde_json::from_str(b).ok())
}

/// Each fact kind of a page, rendered to a comparable string.
fn facts(page: &Page) -> Vec<(&'static str, String)> {
    let type_ref =
        |t: &docgen_ir::TypeRef| format!("{}{}", t.name, if t.collection { "[]" } else { "" });
    let rows = |rows: &[docgen_ir::PropertyRow]| {
        rows.iter()
            .map(|r| format!("{}:{}", r.name, type_ref(&r.type_ref)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let value = |v: &Option<docgen_ir::Located<String>>| {
        v.as_ref().map(|v| v.value.clone()).unwrap_or_default()
    };
    let body = page.request_body.as_ref();
    vec![
        ("kind", format!("{:?}", page.kind)),
        ("title", value(&page.title)),
        ("namespace", value(&page.namespace)),
        ("description", value(&page.description)),
        ("subject", value(&page.subject)),
        ("base", value(&page.base)),
        ("properties", rows(&page.properties)),
        ("relationships", rows(&page.relationships)),
        (
            "row descriptions",
            page.properties
                .iter()
                .chain(&page.relationships)
                .chain(
                    page.request_body
                        .iter()
                        .flat_map(|b| b.properties.iter().chain(&b.parameters)),
                )
                .map(|r| {
                    format!(
                        "{:?} {:?} {:?} {:?}",
                        r.description,
                        r.values,
                        r.inherited_from,
                        r.type_ref.link.is_some()
                    )
                })
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        (
            "member descriptions",
            page.members
                .iter()
                .map(|m| format!("{:?}", m.description))
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        ("diag codes", {
            let mut c: Vec<_> = page.diagnostics.iter().map(|d| d.code.clone()).collect();
            c.sort();
            c.join(",")
        }),
        (
            "members",
            page.members
                .iter()
                .map(|m| format!("{}={:?}", m.name, m.value))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "methods",
            page.methods
                .iter()
                .map(|m| {
                    format!(
                        "{}:{}",
                        m.name,
                        m.return_type.as_ref().map(type_ref).unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "http routes",
            page.http
                .iter()
                .map(|h| format!("{} {}", h.method, h.path))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "permissions",
            page.permissions
                .iter()
                .map(|p| format!("{}:{}:{}", p.kind, p.supported, p.scopes.join("/")))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "request headers",
            page.request_headers
                .iter()
                .map(|h| format!("{}={}", h.name, h.value))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "request body type",
            body.and_then(|b| b.type_name.as_ref())
                .map(|t| format!("{} ({:?})", t.value, body.and_then(|b| b.evidence)))
                .unwrap_or_default(),
        ),
        (
            "request body rows",
            body.map(|b| {
                format!(
                    "{} | {} | empty={}",
                    rows(&b.properties),
                    rows(&b.parameters),
                    b.empty
                )
            })
            .unwrap_or_default(),
        ),
        (
            "response",
            page.response
                .as_ref()
                .map(|r| {
                    format!(
                        "{:?} {}",
                        r.status,
                        r.type_ref.as_ref().map(type_ref).unwrap_or_default()
                    )
                })
                .unwrap_or_default(),
        ),
        ("example count", page.examples.len().to_string()),
        (
            "example roles",
            page.examples
                .iter()
                .map(|e| format!("{:?}", e.role))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "example requests",
            page.examples
                .iter()
                .map(|e| format!("{:?} {:?} {:?}", e.method, e.url, e.status))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "example bodies",
            page.examples
                .iter()
                .map(|e| format!("{:?}", json(e.body.as_deref())))
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]
}

#[test]
#[ignore = "reads the shared corpus; run with --ignored"]
fn html_renders_agree_with_their_markdown() {
    let Some(corpus) = corpus() else {
        println!("skipped: corpus not found (../shared/corpus/renders/html)");
        return;
    };
    let mut renders: Vec<PathBuf> = std::fs::read_dir(corpus.join("renders/html"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    renders.sort();
    let mut agree: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut pages = 0;
    for render in renders
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let stem = render
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let Some(md_path) = original(&corpus, stem) else {
            println!("{stem}: no markdown original found");
            continue;
        };
        let html = std::fs::read_to_string(render).unwrap_or_default();
        let md = std::fs::read(&md_path).unwrap_or_default();
        let source = render.display().to_string();
        let from_html =
            crate::interpret::interpret(&source, Format::Html, super::lower(&source, &html));
        let from_md = crate::read_page(&md_path.display().to_string(), &md);
        assert_eq!(from_md.format, Some(Format::Markdown));
        assert_eq!(crate::detect_format(&html), Format::Html);
        pages += 1;
        if std::env::var_os("HTML_CORPUS_VERBOSE").is_some() {
            let nonempty: Vec<_> = facts(&from_html)
                .into_iter()
                .filter(|(_, v)| !v.is_empty() && v != "0")
                .map(|(k, v)| format!("{k}={}", v.chars().take(60).collect::<String>()))
                .collect();
            println!("{stem}: {}", nonempty.join(" ; "));
        }
        for ((kind, h), (_, m)) in facts(&from_html).into_iter().zip(facts(&from_md)) {
            let entry = agree.entry(kind).or_default();
            entry.1 += 1;
            if h == m {
                entry.0 += 1;
            } else {
                println!("{stem}: {kind} differs\n  html: {h}\n  md:   {m}");
            }
        }
        let errors: Vec<_> = from_html
            .diagnostics
            .iter()
            .filter(|d| d.severity == docgen_ir::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{stem}: {errors:?}");
    }
    println!("agreement over {pages} renders:");
    for (kind, (same, total)) in &agree {
        println!("  {kind:<18} {same}/{total}");
    }
}
