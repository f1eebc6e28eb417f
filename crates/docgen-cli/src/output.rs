//! Writing a generated crate so that a failure never leaves half-written output.
//!
//! Files go to a fresh sibling folder first; only when every file is written is it swapped
//! with the old output (atomically where the system can, see [`swap`]). A failure before the
//! swap removes the new folder and leaves the old output untouched; folders left by a run that
//! was killed are cleaned up (and a moved-aside output put back) by the next write.

mod swap;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

pub use swap::{recover, Recovered};

/// Replaces `out` with exactly `files` (relative `/`-separated paths to contents).
pub fn write_atomically(out: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    let (parent, name) = swap::parent_and_name(out);
    std::fs::create_dir_all(&parent)?;
    recover(out)?;
    let pid = std::process::id();
    let staging = swap::sibling(&parent, &name, swap::Kind::New, pid);
    let retired = swap::sibling(&parent, &name, swap::Kind::Old, pid);
    if let Err(err) = write_all(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    if let Err(err) = swap::swap_in(&staging, out, &retired) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    Ok(())
}

fn write_all(root: &Path, files: &BTreeMap<String, String>) -> io::Result<()> {
    for (relative, content) in files {
        let path = safe_join(root, relative)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, content)?;
    }
    Ok(())
}

/// Joins a generated relative path, refusing anything that would leave `root`.
fn safe_join(root: &Path, relative: &str) -> io::Result<PathBuf> {
    let mut path = root.to_path_buf();
    for part in relative.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains('\\') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: `{relative}`"),
            ));
        }
        path.push(part);
    }
    Ok(path)
}

/// Files whose content on disk differs from `files`, plus files on disk no longer generated.
pub fn stale_files(out: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<String>> {
    let mut stale = Vec::new();
    for (file, content) in files {
        let on_disk = std::fs::read_to_string(out.join(file)).ok();
        if on_disk.as_deref() != Some(content.as_str()) {
            stale.push(file.clone());
        }
    }
    for file in existing_files(out, out)? {
        if !files.contains_key(&file) {
            stale.push(file);
        }
    }
    stale.sort();
    Ok(stale)
}

fn existing_files(root: &Path, dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            found.extend(existing_files(root, &path)?);
        } else if let Ok(relative) = path.strip_prefix(root) {
            found.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(found)
}

/// A unified diff, file by file, from what is in `out` to `files`, for the files named.
pub fn unified_diff(
    out: &Path,
    label: &str,
    files: &BTreeMap<String, String>,
    stale: &[String],
) -> String {
    let mut text = String::new();
    for file in stale {
        let old = std::fs::read_to_string(out.join(file)).unwrap_or_default();
        let new = files.get(file).map(String::as_str).unwrap_or("");
        let diff = similar::TextDiff::from_lines(old.as_str(), new);
        let header_old = format!("a/{label}/{file}");
        let header_new = format!("b/{label}/{file}");
        text.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&header_old, &header_new)
                .to_string(),
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_output_and_refuses_escapes() {
        let dir = std::env::temp_dir().join(format!("docgen-output-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = dir.join("crate");
        let mut files = BTreeMap::new();
        files.insert("src/lib.rs".to_owned(), "// one".to_owned());
        files.insert("stale.txt".to_owned(), "x".to_owned());
        write_atomically(&out, &files).unwrap();
        files.remove("stale.txt");
        files.insert("src/lib.rs".to_owned(), "// two".to_owned());
        write_atomically(&out, &files).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "// two"
        );
        assert!(
            !out.join("stale.txt").exists(),
            "files not generated any more are removed"
        );

        let mut bad = files.clone();
        bad.insert("../escape.rs".to_owned(), String::new());
        assert!(write_atomically(&out, &bad).is_err());
        assert_eq!(
            std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
            "// two",
            "a failed write leaves the previous output intact"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder is left behind");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
