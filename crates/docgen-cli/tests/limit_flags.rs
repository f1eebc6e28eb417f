//! The `--max-...` flags reach the readers: each run here differs from the same run without
//! the flag (which is run too, so a flag that did nothing would fail the test).

use std::path::Path;
use std::process::{Command, Output};

const PAGE: &str = "# limitThing resource type

Namespace: microsoft.graph

A type read under limits.

## Properties

|Property|Type|Description|
|:---|:---|:---|
|id|String|The key.|
|first|String|First.|
|second|String|Second.|
|third|String|Third.|
";

fn docgen(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docgen"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("docgen runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn docs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(dir.path().join("pages")).expect("folder");
    std::fs::write(dir.path().join("pages/limit.md"), PAGE).expect("page");
    std::fs::write(dir.path().join("pages/other.md"), "Another page.\n").expect("page");
    dir
}

#[test]
fn a_small_page_size_limit_skips_the_page_with_a_diagnostic() {
    let dir = docs();
    let plain = docgen(&["model", "pages"], dir.path());
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    assert!(text(&plain.stdout).contains("\"limitThing\""));
    assert!(!text(&plain.stderr).contains("page-too-large"));

    let limited = docgen(&["model", "--max-page-bytes", "100", "pages"], dir.path());
    assert!(limited.status.success(), "{}", text(&limited.stderr));
    let stderr = text(&limited.stderr);
    assert!(
        stderr.contains("pages/limit.md:1: error[page-too-large]")
            && stderr.contains("the limit of 100 bytes"),
        "{stderr}"
    );
    assert!(!text(&limited.stdout).contains("\"limitThing\""));

    // `parse` reads one file under the same limit.
    let parsed = docgen(
        &[
            "parse",
            "--format",
            "json",
            "--max-page-bytes",
            "100",
            "pages/limit.md",
        ],
        dir.path(),
    );
    assert!(parsed.status.success(), "{}", text(&parsed.stderr));
    assert!(text(&parsed.stdout).contains("page-too-large"));
    assert!(!text(&parsed.stdout).contains("\"limitThing\""));
}

#[test]
fn table_row_and_file_limits_reach_check_and_generate() {
    let dir = docs();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        args.push("pages");
        text(&docgen(&args, dir.path()).stdout)
    };
    assert!(!check(&[]).contains("table-truncated"));
    let cut = check(&["--max-table-rows", "2"]);
    assert!(cut.contains("\"table-truncated\""), "{cut}");

    let generate = |extra: &[&str]| {
        let mut args = vec!["generate", "--out", "out", "--quiet"];
        args.extend_from_slice(extra);
        args.push("pages");
        let output = docgen(&args, dir.path());
        assert!(output.status.success(), "{}", text(&output.stderr));
        std::fs::read_to_string(dir.path().join("out/docgen-model.json")).expect("model")
    };
    let whole = generate(&[]);
    assert!(whole.contains("\"third\""));
    let two_rows = generate(&["--max-table-rows", "2"]);
    assert!(two_rows.contains("\"first\"") && !two_rows.contains("\"third\""));
    // Files in path order: `limit.md`, then `other.md`; one file reads only `limit.md`.
    let one_file = check(&["--max-files", "1"]);
    assert!(one_file.contains("\"too-many-files\""), "{one_file}");
}

#[test]
fn a_limit_that_is_not_a_number_is_refused() {
    let dir = docs();
    let output = docgen(&["model", "--max-table-rows", "many", "pages"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--max-table-rows"));
}

#[test]
fn drift_reads_both_sides_under_the_limits() {
    let dir = docs();
    std::fs::create_dir(dir.path().join("empty")).expect("folder");
    let plain = docgen(&["drift", "empty", "pages"], dir.path());
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    assert!(
        text(&plain.stdout).contains("limitThing"),
        "{}",
        text(&plain.stdout)
    );

    // Under a tiny page limit the new side's page is not read: nothing was added.
    let limited = docgen(
        &["drift", "--max-page-bytes", "100", "empty", "pages"],
        dir.path(),
    );
    assert!(limited.status.success(), "{}", text(&limited.stderr));
    assert!(
        !text(&limited.stdout).contains("limitThing"),
        "{}",
        text(&limited.stdout)
    );
}
