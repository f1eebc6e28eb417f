//! Finding pages under files and folders, and reading them in parallel.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use docgen_ir::{Diagnostic, Page};
use rayon::prelude::*;

/// File endings read when walking a folder. Files named explicitly are read whatever their name.
const PAGE_EXTENSIONS: [&str; 5] = ["md", "markdown", "txt", "html", "htm"];

/// Pages read from a set of paths, sorted by source, plus problems with the paths themselves.
#[derive(Debug, Default)]
pub struct ReadSet {
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The files to read: explicit files as given, folders walked recursively (sorted, symlink
/// loops broken by canonical path). Missing paths are reported, not fatal.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = BTreeSet::new();
    let mut diagnostics = Vec::new();
    let mut visited = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut visited, &mut diagnostics),
            Ok(_) => {
                files.insert(path.clone());
            }
            Err(err) => diagnostics.push(Diagnostic::error(
                "path-unreadable",
                &display(path),
                1,
                format!("cannot read: {err}"),
            )),
        }
    }
    (files.into_iter().collect(), diagnostics)
}

fn walk(
    dir: &Path,
    files: &mut BTreeSet<PathBuf>,
    visited: &mut BTreeSet<PathBuf>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !visited.insert(canonical) {
        diagnostics.push(Diagnostic::note(
            "path-loop",
            &display(dir),
            1,
            "this folder was already read (a symbolic link loop or a repeated path); skipped",
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                "path-unreadable",
                &display(dir),
                1,
                format!("cannot read folder: {err}"),
            ));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if child.is_dir() {
            walk(&child, files, visited, diagnostics);
        } else if child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            files.insert(child);
        }
    }
}

/// A path as shown in the IR and diagnostics: `/`-separated, as given.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads every page under `paths` in parallel; the result is sorted by source, so it does not
/// depend on thread count or the order paths were given in. Sources are the paths as given.
pub fn read_paths(paths: &[PathBuf]) -> ReadSet {
    read_paths_in(Path::new(""), paths)
}

/// Like [`read_paths`], with `paths` relative to `base` and sources named relative to it, so
/// that recorded sources (`docs-input/x.md:12`) do not depend on where a checkout lives.
pub fn read_paths_in(base: &Path, paths: &[PathBuf]) -> ReadSet {
    let joined: Vec<PathBuf> = paths.iter().map(|p| base.join(p)).collect();
    let (files, mut diagnostics) = collect_files(&joined);
    let results: Vec<Result<Page, Diagnostic>> = files
        .par_iter()
        .map(|file| {
            let source = display(file.strip_prefix(base).unwrap_or(file));
            std::fs::read(file)
                .map(|bytes| crate::read_page(&source, &bytes))
                .map_err(|err| {
                    Diagnostic::error("path-unreadable", &source, 1, format!("cannot read: {err}"))
                })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    ReadSet { pages, diagnostics }
}
