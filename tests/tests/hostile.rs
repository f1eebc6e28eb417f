//! Hostile names and text never become code.
//!
//! Pages (markdown and HTML) put the worst names and descriptions the readers accept into every
//! place a page can name something: type names, property names, enum members (from member
//! tables and from "Possible values" lists), route paths and their parameters, descriptions
//! and titles. The crate `docgen::generate` makes from them must
//!
//! 1. hold only data declarations: every generated `.rs` file parses with `syn`, has only
//!    structs, enums, impls, consts, statics, functions, uses, modules and type aliases, no
//!    `fn main`, no `unsafe`, no linkage attributes, no `include!`-like macros, and no build
//!    script;
//! 2. carry page text only inside string literals and doc attributes: every identifier (in
//!    items, paths, patterns and macro tokens) is ASCII as the naming function makes it, and
//!    the marker every hostile description carries appears in no identifier or macro token;
//! 3. be free of Trojan Source: no bidirectional control or invisible character anywhere in a
//!    generated file, doc comments included;
//! 4. compile (`cargo check --offline --all-targets`).

mod untrusted;

use std::path::Path;
use std::process::Command;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};
use untrusted::{resource_page, Docs, Run};

/// Every hostile description carries this; it may only appear in literals and doc attributes.
const MARKER: &str = "zqxdesc";

/// Bidirectional controls and invisible characters (the "Trojan Source" set).
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{feff}')
}

fn descriptions() -> Vec<String> {
    let long = format!("{MARKER} {}", "very long text ".repeat(700));
    [
        format!("*/ fn {MARKER}_one() {{}} /*"),
        format!("\"] fn {MARKER}_two() {{}} #[doc = \""),
        format!("\u{202e} }} fn {MARKER}_three() {{ \u{2066}hidden\u{2069} \u{200b}\u{200c}\u{200d}\u{200e}\u{200f}\u{feff}\u{202a}\u{202b}\u{202c}\u{202d}\u{2067}\u{2068} end"),
        format!("```rust fn {MARKER}_four() {{}} ``` `code {MARKER}` \\\\ \\\" \u{1b}[31m red \u{7}"),
        format!("</script> #![no_std] mod {MARKER}_mod {{}} r#\"raw\"# \\u{{202e}} 🦀"),
        long,
    ]
    .into()
}

/// Member names the member table reader accepts (no spaces; outer `*`, backticks and quotes
/// are trimmed by the reader, so payloads keep them inside).
fn members() -> Vec<String> {
    [
        "foo;fn_main(){}",
        "a*/",
        "x\"]",
        "r#type",
        "\u{202e}evil",
        "Self",
        "crate",
        "self",
        "super",
        "type",
        "a::b",
        "🦀crab",
        "zero\u{200b}width",
        "_",
        "123",
        "#[doc=x]",
        "</pre>",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(std::iter::once("Z".repeat(10_000)))
    .collect()
}

/// Property names the property table reader accepts.
fn property_names() -> Vec<String> {
    [
        "type",
        "Self",
        "self",
        "crate",
        "super",
        "fn",
        "r",
        "_",
        "a.b",
        "a-b",
        "fooBar",
        "foo_bar",
        "FooBar",
        "FOO_BAR",
        "odataType",
        "main",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(std::iter::once("x".repeat(10_000)))
    .collect()
}

/// Type names the title reader accepts: keywords, std names, and a 10,000-character name.
fn type_names() -> Vec<String> {
    [
        "Self", "crate", "type", "fn", "String", "Option", "Vec", "Box", "Result", "main",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(std::iter::once(format!("T{}", "y".repeat(9_999))))
    .collect()
}

/// An example body whose strings try to end the raw string literal the generator may put it
/// in (`"#`, `"##`, ...), with or without a bidi control (which makes it an escaped literal).
fn example_body(bidi: bool) -> String {
    let hidden = if bidi { "\u{202e}" } else { "" };
    format!(
        "{{\n  \"@odata.type\": \"#microsoft.graph.Self\",\n  \"type\": \"\\\"## fn {MARKER}_raw() {{}} \
         r##\\\" {hidden} */\",\n  \"fooBar\": \"\\\"#\\\"##\\\"###\\\"####\"\n}}"
    )
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn write_pages(docs: &Docs) {
    let descriptions = descriptions();
    let names = type_names();
    for (i, name) in names.iter().enumerate() {
        let description = &descriptions[i % descriptions.len()];
        let mut rows: Vec<String> = property_names()
            .iter()
            .enumerate()
            .map(|(j, p)| {
                let ty = &names[(i + j + 1) % names.len()];
                let d = cell(&descriptions[j % descriptions.len()]);
                format!("{p}|[{ty}]({ty}.md)|{d}")
            })
            .collect();
        let values: Vec<String> = members().iter().map(|m| format!("`{}`", cell(m))).collect();
        // The values parser refuses this list (its values are not words): reported, kept as
        // String. The next one it reads, and it becomes a synthesised enum.
        rows.push(format!(
            "kind|Enumeration|Possible values are: {}.",
            values.join(", ")
        ));
        rows.push(
            "shape|Enumeration|Possible values are: `Self`, `crate`, `type`, `self`, `fn`, \
             `main`, `Option`, `_x`."
                .to_owned(),
        );
        rows.push("id|String|The key.".to_owned());
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        docs.write(
            &format!("type{i}.md"),
            resource_page(name, description, &rows).as_bytes(),
        );
    }
    let mut members_page = format!(
        "# hostileEnum enum type\n\nNamespace: microsoft.graph\n\n{}\n\n## Members\n\n\
         |Member|Value|Description|\n|:---|:---|:---|\n",
        descriptions[0]
    );
    for (i, member) in members().iter().enumerate() {
        let d = cell(&descriptions[i % descriptions.len()]);
        members_page.push_str(&format!("|{}|{i}|{d}|\n", cell(member)));
    }
    docs.write("enum.md", members_page.as_bytes());
    let routes = [
        "GET /hostiles",
        "GET /hostiles/{id; fn main() -> () ; *) \"] #[x]}/r#type",
        "GET /hostiles/{Self}/{crate}/{type}/Self/crate/a::b",
        "PATCH /hostiles/🦀/\u{202e}evil/{\u{202e}id}/zero\u{200b}width",
        "DELETE /hostiles/{fn}/{fn}/$ref",
        "POST /hostiles/{id}/microsoft.graph.fn",
    ]
    .join("\n");
    let long_route = format!("GET /{}", "s".repeat(10_000));
    let api = format!(
        "# Update Self {}\n\n## Permissions\n\n|Permission type|Permissions|\n|:---|:---|\n\
         |Application|{}|\n\n## HTTP request\n\n```http\n{routes}\n{long_route}\n```\n\n\
         ## Request body\n\nIn the request body, supply a JSON representation of the [Self](Self.md) object.\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [crate](crate.md) object in the response body.\n\n## Example\n\n### Request\n\n\
         ```http\nPATCH https://graph.microsoft.com/beta/hostiles\nContent-type: application/json\n\n\
         {}\n```\n\n### Response\n\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
         {}\n```\n",
        descriptions[1],
        cell(&descriptions[2]),
        example_body(false),
        example_body(true),
    );
    docs.write("api.md", api.as_bytes());
    // The HTML reader decodes entities: bidi controls and carriage returns arrive encoded.
    let html = format!(
        "<html><body><main><h1>htmlHostile resource type</h1><p>&#x202E;{MARKER}&#13;*/ fn x() {{}}</p>\
         <h2>Properties</h2><table><tr><th>Property</th><th>Type</th><th>Description</th></tr>\
         <tr><td>type</td><td>String</td><td>&#x202e;&#x2066;{MARKER}&#13;&#10;fn y() {{}}&quot;]</td></tr>\
         </table></main></body></html>"
    );
    docs.write("hostile.html", html.as_bytes());
}

fn generate() -> (Docs, Run) {
    let docs = Docs::empty();
    write_pages(&docs);
    let run = docs.run();
    (docs, run)
}

/// Checks on identifiers, macro tokens and attributes, collecting every problem.
#[derive(Default)]
struct Checker {
    file: String,
    /// Macros the crate defines itself (`macro_rules!` in the copied runtime): invoking one
    /// at item level is a declaration too.
    own_macros: Vec<String>,
    problems: Vec<String>,
    literals: Vec<String>,
}

impl Checker {
    fn ident(&mut self, ident: &str, place: &str) {
        let bare = ident.strip_prefix("r#").unwrap_or(ident);
        let ascii = bare.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ascii || bare.to_ascii_lowercase().contains(MARKER) {
            self.problems
                .push(format!("{}: {place} identifier `{ident}`", self.file));
        }
    }

    fn tokens(&mut self, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident) => self.ident(&ident.to_string(), "macro token"),
                TokenTree::Literal(literal) => {
                    let raw = literal.to_string();
                    let value = syn::parse_str::<syn::LitStr>(&raw).map_or(raw, |l| l.value());
                    self.literals.push(value);
                }
                TokenTree::Punct(_) => {}
            }
        }
    }
}

impl Checker {
    /// `macro_rules! name { .. }`, or an invocation of a macro so defined.
    fn is_own_macro(&mut self, path: &syn::Path, defined: Option<&syn::Ident>) -> bool {
        if path.is_ident("macro_rules") {
            if let Some(name) = defined {
                self.own_macros.push(name.to_string());
            }
            return true;
        }
        self.own_macros.iter().any(|m| path.is_ident(m))
    }
}

impl<'ast> Visit<'ast> for Checker {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        self.ident(&ident.to_string(), "item or path");
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        if matches!(
            name.as_deref(),
            Some("include" | "include_str" | "include_bytes" | "env" | "option_env" | "asm")
        ) {
            self.problems
                .push(format!("{}: macro `{name:?}!`", self.file));
        }
        self.tokens(mac.tokens.clone());
        visit::visit_macro(self, mac);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        let path = attr.path();
        if [
            "no_mangle",
            "export_name",
            "link_section",
            "link",
            "proc_macro",
        ]
        .iter()
        .any(|a| path.is_ident(a))
        {
            self.problems
                .push(format!("{}: linkage attribute", self.file));
        }
        if let syn::Meta::List(list) = &attr.meta {
            self.tokens(list.tokens.clone());
        }
        visit::visit_attribute(self, attr);
    }

    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        self.literals.push(lit.value());
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        use syn::Item;
        match item {
            Item::Struct(_)
            | Item::Enum(_)
            | Item::Impl(_)
            | Item::Const(_)
            | Item::Static(_)
            | Item::Fn(_)
            | Item::Use(_)
            | Item::Mod(_)
            | Item::Type(_) => {}
            Item::Macro(m) if self.is_own_macro(&m.mac.path, m.ident.as_ref()) => {}
            other => {
                self.problems
                    .push(format!("{}: unexpected item {:?}", self.file, kind(other)))
            }
        }
        if let Item::Fn(f) = item {
            if f.sig.ident == "main" {
                self.problems.push(format!("{}: fn main", self.file));
            }
        }
        visit::visit_item(self, item);
    }

    fn visit_signature(&mut self, sig: &'ast syn::Signature) {
        if matches!(sig.safety, syn::Safety::Unsafe(_)) || sig.abi.is_some() {
            self.problems
                .push(format!("{}: unsafe or extern fn {}", self.file, sig.ident));
        }
        visit::visit_signature(self, sig);
    }

    fn visit_expr_unsafe(&mut self, _: &'ast syn::ExprUnsafe) {
        self.problems.push(format!("{}: unsafe block", self.file));
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if item.unsafety.is_some() {
            self.problems.push(format!("{}: unsafe impl", self.file));
        }
        visit::visit_item_impl(self, item);
    }
}

fn kind(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::ExternCrate(_) => "extern crate",
        syn::Item::ForeignMod(_) => "extern block",
        syn::Item::Macro(_) => "macro",
        syn::Item::Trait(_) => "trait",
        syn::Item::TraitAlias(_) => "trait alias",
        syn::Item::Union(_) => "union",
        _ => "other",
    }
}

#[test]
fn hostile_pages_give_only_data_declarations() {
    let (_docs, run) = generate();
    let mut checker = Checker::default();
    for (path, text) in &run.files {
        assert!(
            !path
                .split('/')
                .any(|p| p.is_empty() || p == ".." || p == "."),
            "file path `{path}`"
        );
        // The crate's code and manifest; `docgen-model.json` is data and keeps page text as
        // written (it is the model contract).
        let code = path.ends_with(".rs") || path.ends_with(".toml");
        if let Some(c) = text.chars().find(|&c| code && is_hidden(c)) {
            checker
                .problems
                .push(format!("{path}: hidden character U+{:04X}", c as u32));
        }
        if path == "Cargo.toml" {
            for forbidden in ["build", "proc-macro", "links"] {
                assert!(!text.contains(forbidden), "Cargo.toml has `{forbidden}`");
            }
        }
        if !path.ends_with(".rs") {
            continue;
        }
        assert!(!path.contains("build.rs"), "a build script: {path}");
        let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{path} does not parse: {e}"));
        checker.file = path.clone();
        checker.visit_file(&file);
    }
    assert!(
        checker.problems.is_empty(),
        "{} problems:\n{}",
        checker.problems.len(),
        checker.problems.join("\n")
    );
    // Page text survives as data: member wire names and route templates are literals.
    let literals = checker.literals.join("\n");
    for member in ["foo;fn_main(){}", "x\"]", "r#type", "a::b", "🦀crab"] {
        assert!(
            literals.contains(member),
            "member `{member}` kept as a literal"
        );
    }
    assert!(literals.contains("/hostiles/{Self}/{crate}/{type}/Self/crate/a::b"));
    assert!(literals.contains(MARKER), "descriptions reach the docs");
    assert!(
        literals.contains(&format!("fn {MARKER}_raw()")),
        "example bodies reach the generated example tests as literals"
    );
    // Every hostile type made it through (keywords and std names are renamed, not dropped).
    let model = run.model();
    let mut codes = std::collections::BTreeMap::<&str, usize>::new();
    for d in &run.diagnostics {
        *codes.entry(d.code.as_str()).or_default() += 1;
    }
    eprintln!("diagnostics by code: {codes:?}");
    let types = model["types"].as_array().cloned().unwrap_or_default();
    assert!(
        types.len() >= type_names().len() + 2,
        "{} types",
        types.len()
    );
    // Keyword members reached the generator both from the member table and from the values
    // lists (synthesised enums).
    let with_crate = types
        .iter()
        .filter(|t| {
            t["members"]
                .as_array()
                .is_some_and(|ms| ms.iter().any(|m| m["name"] == "crate"))
        })
        .count();
    assert!(
        with_crate > type_names().len(),
        "{with_crate} enums with `crate`"
    );
}

/// The checks above are only as good as their ability to see injected code: a hand-written
/// file with each kind of injection must be caught.
#[test]
fn the_checker_sees_injected_code() {
    let injected = format!(
        "pub struct Fine {{ pub a: u8 }}\n\
         fn main() {{}}\n\
         pub fn {MARKER}_one() {{}}\n\
         pub unsafe fn u() {{}}\n\
         #[no_mangle] pub static S: u8 = 0;\n\
         pub trait T {{}}\n\
         pub const C: &str = include_str!(\"/etc/passwd\");\n\
         pub fn f() {{ let _ = unsafe {{ 1 }}; g!({MARKER}_two); }}\n\
         pub struct \u{65e5};\n"
    );
    let file = syn::parse_file(&injected).expect("parses");
    let mut checker = Checker {
        file: "injected.rs".to_owned(),
        ..Checker::default()
    };
    checker.visit_file(&file);
    let seen = |what: &str| checker.problems.iter().any(|p| p.contains(what));
    for what in [
        "fn main",
        "zqxdesc_one",
        "unsafe or extern fn u",
        "linkage attribute",
        "\"trait\"",
        "include_str",
        "unsafe block",
        "zqxdesc_two",
        "\u{65e5}",
    ] {
        assert!(seen(what), "{what} not seen in {:#?}", checker.problems);
    }
}

/// `cargo check` of the generated crate: about 25 s with a warm target directory
/// (`target/docgen-hostile-check`, dependencies built), 90 s cold, on two busy cores.
#[test]
fn hostile_pages_give_a_crate_that_compiles() {
    let (_docs, run) = generate();
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in &run.files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("folder");
        std::fs::write(&full, text).expect("file");
    }
    // A workspace of its own, with the main workspace's lock so `--offline` finds every
    // dependency at the version the main workspace has.
    let manifest = dir.path().join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest") + "\n[workspace]\n";
    std::fs::write(&manifest, text).expect("manifest");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).expect("lock file");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let start = std::time::Instant::now();
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--all-targets",
            "--message-format",
            "short",
        ])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", root.join("target/docgen-hostile-check"))
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated crate does not compile:\n{stderr}"
    );
    let warnings = stderr.lines().filter(|l| l.contains("warning:")).count();
    eprintln!(
        "generated crate: compiles in {:?}, {warnings} warning lines",
        start.elapsed()
    );
}
