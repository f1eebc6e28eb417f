//! Never lose output: a failed or interrupted write leaves the previous crate intact, and the
//! output is byte-identical across runs, thread counts and the order files are given in.
//!
//! `docgen generate` and `cargo xtask regenerate` both write through
//! `docgen::output::write_atomically`, which is what these tests drive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use docgen::output::write_atomically;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every file under `dir`, relative, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("inside").to_string_lossy();
                out.insert(
                    relative.replace('\\', "/"),
                    std::fs::read(&path).expect("file"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn as_bytes(files: &BTreeMap<String, String>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(k, v)| (k.clone(), v.clone().into_bytes()))
        .collect()
}

/// The seed crate, generated in memory.
fn seed_crate() -> BTreeMap<String, String> {
    docgen::generate_in(&root(), &[PathBuf::from("docs-input")], "graph-models")
        .expect("generated")
        .files
}

/// Entries of `dir` besides `keep`: staging or retired folders left behind.
fn leftovers(dir: &Path, keep: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect()
}

#[test]
fn a_write_failing_midway_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("crate");
    let old = seed_crate();
    write_atomically(&out, &old).expect("first write");
    assert_eq!(snapshot(&out), as_bytes(&old));

    // The next crate fails half-way through writing: `src/lib.rs` is written as a file, then
    // `src/lib.rs/x` needs it to be a folder. Files before it in path order are written.
    let mut new = old.clone();
    for file in new.values_mut() {
        file.push_str("\n// changed\n");
    }
    new.insert("src/lib.rs/x".to_owned(), String::new());
    let err = write_atomically(&out, &new).expect_err("the write fails");
    eprintln!("failed as intended: {err}");
    assert_eq!(
        snapshot(&out),
        as_bytes(&old),
        "the previous output is untouched"
    );
    assert_eq!(leftovers(dir.path(), "crate"), Vec::<String>::new());

    // A path escaping the output folder is refused before anything is written.
    let mut escaping = old.clone();
    escaping.insert("../escaped.rs".to_owned(), String::new());
    assert!(write_atomically(&out, &escaping).is_err());
    assert_eq!(snapshot(&out), as_bytes(&old));
    assert!(!dir.path().join("escaped.rs").exists());
}

/// The child side of the interruption test: writes a large crate to `DOCGEN_CHILD_OUT`, to be
/// interrupted by the parent. Does nothing when run on its own.
#[test]
#[ignore = "run by interrupted_writes_leave_old_or_new_output_never_a_mix"]
fn child_writes_a_large_crate() {
    let Some(out) = std::env::var_os("DOCGEN_CHILD_OUT") else {
        return;
    };
    write_atomically(Path::new(&out), &large_crate("new")).expect("write");
}

/// 400 files of 40 KB: long enough to write that an interruption lands mid-way.
fn large_crate(tag: &str) -> BTreeMap<String, String> {
    (0..400)
        .map(|i| {
            let text = format!("// {tag} {i}\n").repeat(4_000);
            (format!("src/m{}/f{i}.rs", i % 20), text)
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn interrupted_writes_leave_old_or_new_output_never_a_mix() {
    use std::process::{Command, Stdio};
    use std::time::Duration;

    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("crate");
    let old = as_bytes(&large_crate("old"));
    let new = as_bytes(&large_crate("new"));
    let exe = std::env::current_exe().expect("test binary");
    let mut outcomes = BTreeMap::<&str, usize>::new();
    for delay_ms in [0, 5, 10, 20, 40, 80, 160, 400] {
        let _ = std::fs::remove_dir_all(&out);
        write_atomically(&out, &large_crate("old")).expect("old output");
        let mut child = Command::new(&exe)
            .args(["--exact", "child_writes_a_large_crate", "--ignored"])
            .env("DOCGEN_CHILD_OUT", &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("child");
        std::thread::sleep(Duration::from_millis(delay_ms));
        // Ctrl-C: SIGINT, whose default action ends the process where it stands.
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let _ = child.wait();
        let now = snapshot(&out);
        let outcome = if now == old {
            "old"
        } else if now == new {
            "new"
        } else {
            panic!(
                "after an interruption at {delay_ms} ms the output is neither the old nor the \
                 new crate ({} files); if it is missing, the interruption fell between the two \
                 renames of the fallback swap (the exchange was not used)",
                now.len()
            );
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    eprintln!("interrupted writes: {outcomes:?}");
    // What the killed children left beside the output is theirs to clean up no more: the
    // next run (here, its first step alone) removes it.
    docgen::output::recover(&out).expect("recovered");
    assert_eq!(leftovers(dir.path(), "crate"), Vec::<String>::new());
}

/// The id of a process that is no longer running: a child that exited and was waited for.
#[cfg(unix)]
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("child");
    let pid = child.id();
    child.wait().expect("exited");
    pid
}

/// Writes `files` under `dir` (a leftover folder as a killed run leaves it).
fn write_tree(dir: &Path, files: &BTreeMap<String, String>) {
    for (relative, text) in files {
        let path = dir.join(relative);
        std::fs::create_dir_all(path.parent().expect("in a folder")).expect("folder");
        std::fs::write(path, text).expect("file");
    }
}

#[cfg(unix)]
#[test]
fn leftovers_of_a_killed_run_are_cleaned_up_by_the_next_and_nothing_else() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("crate");
    let old = seed_crate();
    write_atomically(&out, &old).expect("first write");
    let half: BTreeMap<String, String> = old.clone().into_iter().take(3).collect();
    // Killed while writing its staging folder; killed after swapping, before removing the old
    // output (a leftover of each kind).
    let staging = dir.path().join(format!(".crate.docgen-new-{}", dead_pid()));
    write_tree(&staging, &half);
    let retired = dir.path().join(format!(".crate.docgen-old-{}", dead_pid()));
    write_tree(&retired, &old);
    // Not docgen's, or not stale: a user's folder with a like name, the folder of a run still
    // going (this test's parent process stands in for it), a link with a leftover's name.
    let notes = dir.path().join(".crate.docgen-new-notes");
    write_tree(&notes, &half);
    let live = dir.path().join(format!(
        ".crate.docgen-new-{}",
        std::os::unix::process::parent_id()
    ));
    write_tree(&live, &half);
    let elsewhere = tempfile::tempdir().expect("temporary folder");
    write_tree(elsewhere.path(), &half);
    let link = dir.path().join(format!(".crate.docgen-old-{}", dead_pid()));
    std::os::unix::fs::symlink(elsewhere.path(), &link).expect("link");

    let mut new = old.clone();
    new.insert("src/extra.rs".to_owned(), "// new\n".to_owned());
    write_atomically(&out, &new).expect("second write");
    assert_eq!(snapshot(&out), as_bytes(&new));
    let mut kept = leftovers(dir.path(), "crate");
    kept.sort();
    let mut expected: Vec<String> = [&notes, &live, &link]
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    expected.sort();
    assert_eq!(kept, expected, "only the killed runs' folders are removed");
    for untouched in [&notes, &live] {
        assert_eq!(snapshot(untouched), as_bytes(&half));
    }
    assert_eq!(
        snapshot(elsewhere.path()),
        as_bytes(&half),
        "a link is not followed"
    );
}

#[cfg(unix)]
#[test]
fn an_output_moved_aside_by_a_killed_run_is_put_back() {
    // Where the exchange is not available, a kill between the two renames of the swap leaves
    // no output, the old one moved aside and the new one complete or not.
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("crate");
    let old = seed_crate();
    let pid = dead_pid();
    let retired = dir.path().join(format!(".crate.docgen-old-{pid}"));
    write_tree(&retired, &old);
    let staging = dir.path().join(format!(".crate.docgen-new-{pid}"));
    write_tree(&staging, &old.clone().into_iter().take(2).collect());

    // The next run fails half-way (as in `a_write_failing_midway_...`): the old output is
    // back in place, whole, and nothing else is left.
    let mut failing = old.clone();
    failing.insert("src/lib.rs/x".to_owned(), String::new());
    write_atomically(&out, &failing).expect_err("the write fails");
    assert_eq!(snapshot(&out), as_bytes(&old));
    assert_eq!(leftovers(dir.path(), "crate"), Vec::<String>::new());

    // `recover` alone says what it did.
    std::fs::rename(&out, &retired).expect("moved aside again");
    let recovered = docgen::output::recover(&out).expect("recovered");
    assert_eq!(recovered.restored.as_deref(), Some(retired.as_path()));
    assert!(recovered.removed.is_empty());
    assert_eq!(snapshot(&out), as_bytes(&old));
}

#[test]
fn output_is_byte_identical_across_runs_threads_and_file_order() {
    // The seeds plus pages that disagree, so that precedence decides what wins.
    let docs = tempfile::tempdir().expect("temporary folder");
    let pages = docs.path().join("pages");
    std::fs::create_dir(&pages).expect("folder");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("docs-input"))
        .expect("seeds")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let page = ["md", "txt", "html"]
            .iter()
            .any(|e| entry.path().extension().is_some_and(|x| x == *e));
        if entry.path().is_file() && page {
            std::fs::copy(entry.path(), pages.join(&name)).expect("copy");
            names.push(name);
        }
    }
    for (name, ty) in [("z-conflict.md", "Boolean"), ("a-conflict.md", "Int64")] {
        let page = format!(
            "# managedDeviceCertificateState resource type\n\n## Properties\n\n\
             |Property|Type|Description|\n|---|---|---|\n|certificateKeyLength|{ty}|Length.|\n"
        );
        std::fs::write(pages.join(name), page).expect("page");
        names.push(name.to_owned());
    }
    let generate = |paths: &[PathBuf]| {
        docgen::generate_in(docs.path(), paths, "graph-models")
            .expect("generated")
            .files
    };
    let folder = generate(&[PathBuf::from("pages")]);
    assert_eq!(folder, generate(&[PathBuf::from("pages")]), "run to run");

    // Files named one by one, in two orders.
    names.sort();
    let forward: Vec<PathBuf> = names.iter().map(|n| Path::new("pages").join(n)).collect();
    let mut shuffled = forward.clone();
    shuffled.reverse();
    shuffled.rotate_left(3);
    assert_eq!(generate(&forward), generate(&shuffled), "file order");
    assert_eq!(
        folder,
        generate(&forward),
        "a folder and its files one by one"
    );

    // Threads.
    let pool = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
    };
    let one = pool(1).install(|| generate(&[PathBuf::from("pages")]));
    let four = pool(4).install(|| generate(&shuffled));
    assert_eq!(one, folder, "1 thread");
    assert_eq!(four, folder, "4 threads");

    // The same pages written in another order (directory order differs) elsewhere.
    let again = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(again.path().join("pages")).expect("folder");
    for name in names.iter().rev() {
        std::fs::copy(pages.join(name), again.path().join("pages").join(name)).expect("copy");
    }
    let elsewhere = docgen::generate_in(again.path(), &[PathBuf::from("pages")], "graph-models")
        .expect("generated")
        .files;
    assert_eq!(
        elsewhere, folder,
        "another checkout, files created in another order"
    );

    // And written to disk, the bytes are exactly the generated text.
    let out = docs.path().join("out");
    write_atomically(&out, &folder).expect("written");
    assert_eq!(snapshot(&out), as_bytes(&folder));
}
