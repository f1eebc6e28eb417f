//! Broken pages never panic, always say what is wrong, and never stop the rest of the input.
//!
//! Each case writes one damaged page beside a good one into a temporary folder, runs the whole
//! pipeline (read → merge → generate, in memory, through `docgen::generate_in`; a panic fails
//! the test), and asserts the diagnostic code with its file and line, and that the good page
//! still gave its type and generated field. Large inputs are generated here at run time.

mod untrusted;

use std::path::PathBuf;
use std::time::Instant;

use docgen_read::Limits;
use untrusted::{assert_diagnostic, resource_page, source, Docs};

/// A markdown resource page whose property rows start at line 11 (see `resource_page`).
fn page_with_rows(name: &str, rows: &[&str]) -> String {
    resource_page(name, "A type for this case.", rows)
}

#[test]
fn empty_file() {
    let docs = Docs::new();
    docs.write("empty.md", b"");
    let run = docs.run();
    run.assert_diagnostic("page-without-facts", &source("empty.md"), 1);
    run.assert_good_page_read();
}

#[test]
fn binary_file_is_skipped_with_a_reason() {
    let docs = Docs::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    docs.write("image.md", &png);
    // UTF-16 text has NULs too: not a page either.
    let utf16: Vec<u8> = "# x resource type\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    docs.write("utf16.md", &utf16);
    let run = docs.run();
    // The PNG signature: `\r\n` ends line 1, `\x1a\n` line 2; its first NUL is on line 3.
    run.assert_diagnostic("page-binary", &source("image.md"), 3);
    run.assert_diagnostic("page-binary", &source("utf16.md"), 1);
    run.assert_good_page_read();
}

#[test]
fn invalid_utf8_is_replaced_and_reported_on_its_line() {
    let docs = Docs::new();
    let page = page_with_rows("latinThing", &["name|String|Caf\u{e9}", "size|Int32|Size."]);
    // The description on line 11 in Latin-1, as an old editor would save it.
    let bytes: Vec<u8> = page
        .chars()
        .flat_map(|c| match c {
            '\u{e9}' => vec![0xe9],
            c => c.to_string().into_bytes(),
        })
        .collect();
    docs.write("latin1.md", &bytes);
    let run = docs.run();
    run.assert_diagnostic("invalid-utf8", &source("latin1.md"), 11);
    assert_eq!(run.properties("latinThing"), ["name", "size"]);
    run.assert_good_page_read();
}

/// The line each property of `name` was read from, as the model records it.
fn property_sources(run: &untrusted::Run, name: &str) -> Vec<String> {
    run.model_type(name).expect("type in the model")["properties"]
        .as_array()
        .expect("properties")
        .iter()
        .map(|p| p["source"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[test]
fn bom_crlf_and_cr_pages_read_as_plain_lf_pages_with_the_same_lines() {
    let docs = Docs::new();
    let page = |name: &str| page_with_rows(name, &["a|String|A.", "b|Int32|B."]);
    docs.write("lf.md", page("lfThing").as_bytes());
    docs.write("bom.md", format!("\u{feff}{}", page("bomThing")).as_bytes());
    docs.write(
        "crlf.md",
        page("crlfThing").replace('\n', "\r\n").as_bytes(),
    );
    docs.write("cr.md", page("crThing").replace('\n', "\r").as_bytes());
    let bom_html =
        "\u{feff}<html><body><main><h1>bomHtml resource type</h1><h2>Properties</h2>\r\n\
                    <table><tr><th>Property</th><th>Type</th><th>Description</th></tr>\r\n\
                    <tr><td>a</td><td>String</td><td>A.</td></tr></table></main></body></html>";
    docs.write("bom.html", bom_html.as_bytes());
    let run = docs.run();
    for (name, file) in [
        ("lfThing", "lf.md"),
        ("bomThing", "bom.md"),
        ("crlfThing", "crlf.md"),
        ("crThing", "cr.md"),
    ] {
        let want = [
            format!("{}:11", source(file)),
            format!("{}:12", source(file)),
        ];
        assert_eq!(property_sources(&run, name), want, "{file}");
    }
    assert_eq!(run.properties("bomHtml"), ["a"]);
    let about_encoding: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.file.ends_with("bom.md") || d.file.contains("cr"))
        .collect();
    assert!(about_encoding.is_empty(), "{about_encoding:?}");
    run.assert_good_page_read();
}

#[test]
fn page_of_50_mb_is_skipped_without_being_read() {
    let docs = Docs::new();
    let row = "|p|String|A row of a page far larger than any real one.|\n";
    let page = page_with_rows("hugeThing", &[]) + &row.repeat(50 * 1024 * 1024 / row.len() + 1);
    assert!(page.len() > 50 * 1024 * 1024);
    docs.write("huge.md", page.as_bytes());
    drop(page);
    let start = Instant::now();
    let run = docs.run();
    run.assert_diagnostic("page-too-large", &source("huge.md"), 1);
    assert!(run.model_type("hugeThing").is_none());
    run.assert_good_page_read();
    // Skipped by its length: far quicker than reading 50 MB would be.
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

#[test]
fn table_of_100000_rows_is_cut_at_the_limit() {
    let docs = Docs::new();
    let rows: Vec<String> = (0..100_000)
        .map(|i| format!("p{i}|String|Row {i}."))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    docs.write("rows.md", page_with_rows("rowsThing", &rows).as_bytes());
    let start = Instant::now();
    let run = docs.run();
    let limit = Limits::DEFAULT_MAX_TABLE_ROWS;
    // Rows start on line 11: the first row dropped is row `limit`, on line 11 + limit.
    let first_dropped = 11 + u32::try_from(limit).expect("small");
    run.assert_diagnostic("table-truncated", &source("rows.md"), first_dropped);
    let kept = run.properties("rowsThing");
    assert_eq!(kept.len(), limit);
    assert_eq!(kept.last().map(String::as_str), Some("p19999"));
    run.assert_good_page_read();
    eprintln!("100,000-row table: {:?}", start.elapsed());
}

#[test]
fn rows_with_more_or_fewer_cells_than_the_header() {
    let docs = Docs::new();
    let page = page_with_rows(
        "cellsThing",
        &["a|String|A.|extra", "b|String", "c|Int32|C."],
    );
    docs.write("cells.md", page.as_bytes());
    let html = "<html><body><main><h1>cellsHtml resource type</h1><h2>Properties</h2>\n\
                <table><tr><th>Property</th><th>Type</th><th>Description</th></tr>\n\
                <tr><td>a</td><td>String</td><td>A.</td><td>extra</td></tr>\n\
                <tr><td>b</td><td>String</td></tr>\n\
                <tr><td>c</td></tr>\n\
                </table></main></body></html>";
    docs.write("cells.html", html.as_bytes());
    let run = docs.run();
    run.assert_diagnostic("table-row-cells", &source("cells.md"), 11);
    run.assert_diagnostic("table-row-cells", &source("cells.md"), 12);
    assert_eq!(run.properties("cellsThing"), ["a", "b", "c"]);
    run.assert_diagnostic("table-row-cells", &source("cells.html"), 3);
    run.assert_diagnostic("table-row-cells", &source("cells.html"), 4);
    // A row with only a name has no type: reported by the interpreter, and skipped.
    run.assert_diagnostic("table-group-row", &source("cells.html"), 5);
    assert_eq!(run.properties("cellsHtml"), ["a", "b"]);
    run.assert_good_page_read();
}

#[test]
fn unterminated_code_fence() {
    let docs = Docs::new();
    let page = page_with_rows("fenceThing", &["a|String|A."])
        + "\n## JSON representation\n\n```json\n{\n  \"a\": \"x\"\n}\n\n## Relationships\n";
    docs.write("fence.md", page.as_bytes());
    let run = docs.run();
    // Line 11 is the row, 12 blank, 13 the heading, 14 blank, 15 the fence.
    run.assert_diagnostic("code-fence-unterminated", &source("fence.md"), 15);
    assert_eq!(run.properties("fenceThing"), ["a"]);
    run.assert_good_page_read();
}

#[test]
fn http_block_with_no_path() {
    let docs = Docs::new();
    let page = "# Delete pathless\n\n## HTTP request\n\n```http\nDELETE\nGET https://graph.microsoft.com/beta/\nPOST /\nGET /pathless/{id}\n```\n";
    docs.write("pathless.md", page.as_bytes());
    let run = docs.run();
    let file = source("pathless.md");
    run.assert_diagnostic("route-malformed", &file, 6);
    run.assert_diagnostic("route-malformed", &file, 7);
    run.assert_diagnostic("route-malformed", &file, 8);
    let routes = run.model()["routes"].clone();
    let paths: Vec<&str> = routes
        .as_array()
        .expect("routes")
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["/pathless/{id}"],
        "the good line of the block is kept"
    );
    run.assert_good_page_read();
}

/// A resource page whose JSON representation is `body`: the fence is on line 15, the body
/// starts on line 16.
fn page_with_json(name: &str, body: &str) -> String {
    page_with_rows(name, &["a|String|A."])
        + "\n## JSON representation\n\n```json\n"
        + body
        + "\n```\n"
}

#[test]
fn invalid_json_example() {
    let docs = Docs::new();
    docs.write(
        "badjson.md",
        page_with_json("badJson", "{\n  \"a\": \"x\",,\n}").as_bytes(),
    );
    let run = docs.run();
    assert_eq!(run.properties("badJson"), ["a"]);
    run.assert_good_page_read();
    // `docgen check` parses example bodies and points into the page: the second line of the
    // body, which starts on line 16.
    let checked = docs.check();
    assert_diagnostic(&checked, "example-json-invalid", &source("badjson.md"), 17);
}

/// `[[[...]]]` and `{"a":{"a":...}}`, `depth` levels deep, on one line.
fn deep_json(depth: usize) -> String {
    let half = depth / 2;
    format!(
        "{}{}1{}{}",
        "{\"a\":".repeat(half),
        "[".repeat(depth - half),
        "]".repeat(depth - half),
        "}".repeat(half)
    )
}

#[test]
fn json_examples_10000_levels_deep() {
    let docs = Docs::new();
    let deep = deep_json(10_000);
    docs.write("deep.md", page_with_json("deepJson", &deep).as_bytes());
    let api = format!(
        "# Create deepThing\n\n## HTTP request\n\n```http\nPOST /deepThings\n```\n\n\
         ## Request body\n\n<!-- {} -->\n\n## Example\n\n### Request\n\n```http\n\
         POST https://graph.microsoft.com/beta/deepThings\nContent-type: application/json\n\n{deep}\n```\n",
        deep_json(10_000)
    );
    docs.write("deep-api.md", api.as_bytes());
    let text = format!("deepText resource type\n\nJSON representation\n\n{deep}\n");
    docs.write("deep.txt", text.as_bytes());
    let run = docs.run();
    run.assert_diagnostic("json-too-deep", &source("deep.md"), 16);
    run.assert_diagnostic("json-too-deep", &source("deep-api.md"), 11);
    run.assert_diagnostic("json-too-deep", &source("deep-api.md"), 21);
    run.assert_diagnostic("json-too-deep", &source("deep.txt"), 5);
    assert_eq!(run.properties("deepJson"), ["a"]);
    run.assert_good_page_read();
    let checked = docs.check();
    assert_diagnostic(&checked, "json-too-deep", &source("deep.md"), 16);

    // With the limit lifted, the deep bodies reach every later stage, which must still not
    // overflow the stack: serde_json refuses depth over 128 itself, and `docgen check` and the
    // generator's example tests report or skip what it refuses.
    let limits = Limits {
        max_json_depth: usize::MAX,
        ..Limits::default()
    };
    let read = docgen_read::read_paths_in_with(docs.base(), &[PathBuf::from("pages")], &limits);
    let bodies = read
        .pages
        .iter()
        .flat_map(|p| &p.examples)
        .filter(|e| e.body.as_deref().is_some_and(|b| b.len() > 10_000));
    assert_eq!(bodies.count(), 3, "the deep bodies were read");
    let sources = docgen_check::Sources::new(docs.base());
    let checked = docgen_check::check(&read.pages, read.diagnostics.clone(), None, &sources);
    assert_diagnostic(&checked, "example-json-invalid", &source("deep.md"), 16);
    let merged = docgen_model::merge(&read.pages);
    let options = docgen_codegen::Options {
        examples: docgen_codegen::ExampleCase::from_pages(&read.pages),
        ..docgen_codegen::Options::default()
    };
    let generated = docgen_codegen::generate(&merged.model, &options).expect("generated");
    assert!(generated.files.keys().any(|f| f.ends_with(".rs")));
}

#[test]
fn markup_10000_levels_deep_in_every_format() {
    let docs = Docs::new();
    let n = 10_000;
    let quotes = format!("# quoted resource type\n\n{}deep\n", "> ".repeat(n));
    docs.write("quotes.md", quotes.as_bytes());
    let lists: String = (0..2_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    docs.write(
        "lists.md",
        format!("# listed resource type\n\n{lists}").as_bytes(),
    );
    let divs = format!(
        "<html><body><main>\n<h1>nested resource type</h1>\n{}x{}</main></body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    docs.write("divs.html", divs.as_bytes());
    let front = format!("---\ntitle: {}\n---\n# x\n", "[".repeat(100_000));
    docs.write("front.md", front.as_bytes());
    let start = Instant::now();
    let run = docs.run();
    run.assert_diagnostic("html-too-deep", &source("divs.html"), 3);
    run.assert_diagnostic("front-matter-too-deep", &source("front.md"), 2);
    for file in ["quotes.md", "lists.md"] {
        run.assert_diagnostic("page-without-facts", &source(file), 1);
    }
    run.assert_good_page_read();
    eprintln!("deep markup: {:?}", start.elapsed());
}

#[test]
fn duplicate_types_with_conflicting_properties() {
    let docs = Docs::new();
    // Same type on two dated pages: the newer wins, the older's disagreement is reported on
    // its own line, with the winner's place.
    let newer = "---\nms.date: 2024-01-01\n---\n".to_owned()
        + &page_with_rows("dupThing", &["size|Int32|Size.", "name|String|Name."]);
    let older = "---\nms.date: 2020-01-01\n---\n".to_owned()
        + &page_with_rows(
            "DupThing",
            &["size|Boolean|Size.", "extra|String|Only here."],
        );
    docs.write("dup-new.md", newer.as_bytes());
    docs.write("dup-old.md", older.as_bytes());
    let run = docs.run();
    run.assert_diagnostic("conflicting-property", &source("dup-old.md"), 14);
    let conflict = run
        .diagnostics
        .iter()
        .find(|d| d.code == "conflicting-property")
        .expect("conflict");
    assert_eq!(conflict.related.as_deref(), Some("pages/dup-new.md:14"));
    assert_eq!(run.properties("dupThing"), ["size", "name", "extra"]);
    run.assert_good_page_read();
}

#[test]
fn types_that_inherit_from_themselves() {
    let docs = Docs::new();
    let page = |name: &str, base: &str| {
        let row = format!("own{name}|String|Own.");
        let prose = format!("Inherits from [{base}]({base}.md).");
        resource_page(name, &prose, &[&row])
    };
    docs.write("selfish.md", page("selfish", "selfish").as_bytes());
    docs.write("ping.md", page("ping", "pong").as_bytes());
    docs.write("pong.md", page("pong", "ping").as_bytes());
    let run = docs.run();
    run.assert_diagnostic("base-cycle", &source("selfish.md"), 1);
    run.assert_diagnostic("base-cycle", &source("ping.md"), 1);
    run.assert_diagnostic("base-cycle", &source("pong.md"), 1);
    assert_eq!(run.properties("selfish"), ["ownselfish"]);
    run.assert_good_page_read();
    // `docgen check` walks base chains too.
    docs.check();
}

#[test]
fn folder_of_20000_tiny_pages() {
    let docs = Docs::new();
    // Nine pages in ten define a type with one property (18,000 types reach the generator);
    // the tenth is one line of prose (`page-without-facts`). Spread over 100 folders. About
    // 5 s in a debug build, most of it generating 18,000 structs.
    for i in 0..20_000 {
        let page = if i % 10 == 0 {
            format!("Tiny page {i}.\n")
        } else {
            page_with_rows(&format!("tiny{i}"), &[&format!("p{i}|String|P.")])
        };
        docs.write(&format!("t{}/p{i}.md", i % 100), page.as_bytes());
    }
    let start = Instant::now();
    let run = docs.run();
    let took = start.elapsed();
    eprintln!("20,000 tiny pages: {took:?}");
    run.assert_diagnostic("page-without-facts", &source("t10/p10.md"), 1);
    assert_eq!(run.properties("tiny19999"), ["p19999"]);
    let types = run.model()["types"].as_array().map_or(0, Vec::len);
    assert_eq!(types, 18_001);
    run.assert_good_page_read();
    assert!(took.as_secs() < 60, "{took:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_special_files() {
    use std::os::unix::fs::symlink;
    let docs = Docs::new();
    let pages = docs.pages();
    docs.write(
        "sub/inner.md",
        untrusted::GOOD_PAGE.replace("good", "inner").as_bytes(),
    );
    // A folder link back up (a loop), a file linking to itself, a dangling link, a FIFO (a
    // read would block forever) and a link to a device that never ends.
    symlink(&pages, pages.join("sub/loop")).expect("folder link");
    symlink("self.md", pages.join("self.md")).expect("self link");
    symlink("missing.md", pages.join("dangling.md")).expect("dangling link");
    let fifo = std::process::Command::new("mkfifo")
        .arg(pages.join("fifo.md"))
        .status()
        .expect("mkfifo");
    assert!(fifo.success());
    symlink("/dev/zero", pages.join("zero.md")).expect("device link");
    let run = docs.run();
    run.assert_diagnostic("path-loop", &source("sub/loop"), 1);
    run.assert_diagnostic("path-unreadable", &source("self.md"), 1);
    run.assert_diagnostic("path-unreadable", &source("dangling.md"), 1);
    run.assert_diagnostic("path-not-file", &source("fifo.md"), 1);
    // The device is outside the folder: not even looked at.
    run.assert_diagnostic("path-outside-root", &source("zero.md"), 1);
    assert_eq!(run.properties("innerThing"), ["id", "innerProperty"]);
    run.assert_good_page_read();
}

/// A page in a pull request may be a symbolic link to any file on the machine running docgen
/// (`/etc/passwd`, a credentials file): links leading outside the folder being read are
/// reported and not followed; links inside it are read.
#[cfg(unix)]
#[test]
fn symlinks_leading_outside_the_folder_are_not_followed() {
    use std::os::unix::fs::symlink;
    let docs = Docs::new();
    let pages = docs.pages();
    let outside = docs.base().join("outside");
    std::fs::create_dir_all(outside.join("folder")).expect("outside folder");
    let secret = resource_page("secretThing", "Outside.", &["secret|String|S."]);
    std::fs::write(outside.join("secret.md"), &secret).expect("outside page");
    std::fs::write(outside.join("folder/deep.md"), &secret).expect("outside page");
    docs.write(
        "sub/inner.md",
        untrusted::GOOD_PAGE.replace("good", "inner").as_bytes(),
    );
    // Relative and absolute links out, a link to a folder out, a link to a file that would not
    // be read anyway (no diagnostic), and a link to a page inside the folder.
    symlink("../outside/secret.md", pages.join("relative.md")).expect("link");
    symlink(outside.join("secret.md"), pages.join("absolute.md")).expect("link");
    symlink(&outside, pages.join("sub/outdir")).expect("link");
    symlink(outside.join("secret.md"), pages.join("notes.bin")).expect("link");
    symlink("sub/inner.md", pages.join("inner-link.md")).expect("link");
    let run = docs.run();
    run.assert_diagnostic("path-outside-root", &source("relative.md"), 1);
    run.assert_diagnostic("path-outside-root", &source("absolute.md"), 1);
    run.assert_diagnostic("path-outside-root", &source("sub/outdir"), 1);
    let outside_root = run.with_code("path-outside-root");
    assert_eq!(outside_root.len(), 3, "{outside_root:#?}");
    assert!(
        outside_root
            .iter()
            .any(|d| d.contains("`../outside/secret.md`")),
        "the message says where the link leads: {outside_root:#?}"
    );
    assert!(run.model_type("secretThing").is_none());
    assert!(!run.files.values().any(|code| code.contains("secret")));
    // The link inside is read as a page of its own (it repeats `sub/inner.md`).
    let (files, _) = docgen_read::collect_files(std::slice::from_ref(&pages));
    assert!(files.contains(&pages.join("inner-link.md")), "{files:?}");
    assert_eq!(run.properties("innerThing"), ["id", "innerProperty"]);
    run.assert_good_page_read();

    // A folder given through a link is read whole: its root is where the link leads.
    let via = docs.base().join("via");
    symlink(&pages, &via).expect("link");
    let (files, diagnostics) = docgen_read::collect_files(std::slice::from_ref(&via));
    assert!(files.contains(&via.join("inner-link.md")), "{files:?}");
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d.code == "path-outside-root")
            .count(),
        3
    );
    // A file named explicitly is read wherever it leads: the caller chose it.
    let (files, diagnostics) = docgen_read::collect_files(&[pages.join("absolute.md")]);
    assert_eq!(files, [pages.join("absolute.md")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn limits_on_files_pages_and_rows_are_configurable() {
    let docs = Docs::new();
    for i in 0..5 {
        docs.write(&format!("p{i}.md"), format!("Page {i}.\n").as_bytes());
    }
    let rows: Vec<String> = (0..10).map(|i| format!("r{i}|String|R.")).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    docs.write("rows.md", page_with_rows("rowsThing", &rows).as_bytes());
    let limits = Limits {
        max_files: 4,
        max_table_rows: 3,
        ..Limits::default()
    };
    let pages = [PathBuf::from("pages")];
    let read = docgen_read::read_paths_in_with(docs.base(), &pages, &limits);
    // Files in path order: good, p0..p4, rows; the fifth (p3) on are not read.
    assert_diagnostic(&read.diagnostics, "too-many-files", &source("p3.md"), 1);
    assert_eq!(read.pages.len(), 4);
    let limits = Limits {
        max_page_bytes: 100,
        max_table_rows: 3,
        ..Limits::default()
    };
    let read = docgen_read::read_paths_in_with(docs.base(), &pages, &limits);
    let page = |name: &str| {
        read.pages
            .iter()
            .find(|p| p.source == source(name))
            .expect("page")
    };
    assert_diagnostic(
        &page("good.md").diagnostics,
        "page-too-large",
        &source("good.md"),
        1,
    );
    let bytes = std::fs::read(docs.pages().join("rows.md")).expect("page");
    let rows = docgen_read::read_page_with(
        "rows.md",
        &bytes,
        &Limits {
            max_table_rows: 3,
            ..Limits::default()
        },
    );
    assert_diagnostic(&rows.diagnostics, "table-truncated", "rows.md", 14);
    assert_eq!(rows.properties.len(), 3);
}
