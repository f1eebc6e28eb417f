//! Finding pages under files and folders, and reading them in parallel.
//!
//! What a set of paths may cost is bounded by [`Limits`]: at most [`Limits::max_files`]
//! files, each read only up to [`Limits::max_page_bytes`] (so a huge file, or a link to an
//! endless device, is never read whole). Folder walks break symbolic link loops and skip
//! anything that is neither a folder nor a regular file (devices, FIFOs, sockets).

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use docgen_ir::{Diagnostic, Page};
use rayon::prelude::*;

use crate::limits::{self, Limits};

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
    // A walk lists each folder's files in order, so sorting the whole list at the end costs
    // about one comparison a file (a set cost one path comparison per level of its tree).
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut visited = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut visited, &mut diagnostics),
            Ok(_) => files.push(path.clone()),
            Err(err) => diagnostics.push(Diagnostic::error(
                "path-unreadable",
                &display(path),
                1,
                format!("cannot read: {err}"),
            )),
        }
    }
    files.sort();
    files.dedup();
    (files, diagnostics)
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
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
    // The entry's own type needs no `stat` (one per file was most of a walk's time); only a
    // symbolic link is followed with `metadata`, to be what it points to.
    let mut children: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok())
        .map(|e| (e.path(), e.file_type().ok().filter(|t| !t.is_symlink())))
        .collect();
    children.sort_by(|a, b| a.0.cmp(&b.0));
    for (child, file_type) in children {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let is_page = child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        // `metadata` follows symbolic links: a link is what it points to.
        let file_type = match file_type {
            Some(file_type) => Ok(file_type),
            None => std::fs::metadata(&child).map(|meta| meta.file_type()),
        };
        match file_type {
            Ok(file_type) if file_type.is_dir() => walk(&child, files, visited, diagnostics),
            // A device or FIFO could block a read forever or never end.
            Ok(file_type) if !file_type.is_file() => {
                if is_page {
                    diagnostics.push(Diagnostic::note(
                        "path-not-file",
                        &display(&child),
                        1,
                        "not a regular file (a device, FIFO or socket); skipped",
                    ));
                }
            }
            // A dangling or self-referencing link is kept: reading it reports why it fails.
            _ => {
                if is_page {
                    files.push(child);
                }
            }
        }
    }
}

/// A path as shown in the IR and diagnostics: `/`-separated, as given.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Reads every page under `paths` in parallel, with the default [`Limits`]; the result is
/// sorted by source, so it does not depend on thread count or the order paths were given in.
/// Sources are the paths as given.
pub fn read_paths(paths: &[PathBuf]) -> ReadSet {
    read_paths_in_with(Path::new(""), paths, &Limits::default())
}

/// Like [`read_paths`], within `limits`.
pub fn read_paths_with(paths: &[PathBuf], limits: &Limits) -> ReadSet {
    read_paths_in_with(Path::new(""), paths, limits)
}

/// Like [`read_paths`], with `paths` relative to `base` and sources named relative to it, so
/// that recorded sources (`docs-input/x.md:12`) do not depend on where a checkout lives.
pub fn read_paths_in(base: &Path, paths: &[PathBuf]) -> ReadSet {
    read_paths_in_with(base, paths, &Limits::default())
}

/// Like [`read_paths_in`], within `limits`.
pub fn read_paths_in_with(base: &Path, paths: &[PathBuf], limits: &Limits) -> ReadSet {
    let joined: Vec<PathBuf> = paths.iter().map(|p| base.join(p)).collect();
    let (mut files, mut diagnostics) = collect_files(&joined);
    let source_of = |file: &Path| display(file.strip_prefix(base).unwrap_or(file));
    // Problems with the paths name them as sources are named: relative to `base`.
    for diagnostic in &mut diagnostics {
        diagnostic.file = source_of(Path::new(&diagnostic.file));
    }
    if let Some(first_skipped) = files.get(limits.max_files) {
        let diagnostic = limits::too_many_files(&source_of(first_skipped), files.len(), limits);
        diagnostics.push(diagnostic);
        files.truncate(limits.max_files);
    }
    let results: Vec<Result<Page, Diagnostic>> = files
        .par_iter()
        .map(|file| {
            let source = source_of(file);
            read_file(file, &source, limits).map_err(|err| {
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

/// Reads one file, never more than one byte past [`Limits::max_page_bytes`].
fn read_file(file: &Path, source: &str, limits: &Limits) -> std::io::Result<Page> {
    let max = u64::try_from(limits.max_page_bytes).unwrap_or(u64::MAX);
    let handle = std::fs::File::open(file)?;
    let known = handle
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if let Some(len) = known.filter(|&len| len > max) {
        return Ok(crate::skipped_page(
            source,
            limits::page_too_large(source, len, limits),
        ));
    }
    let mut bytes = Vec::new();
    // The length can change between the check and the read, or be unknown: the read is
    // bounded either way, and a page found longer is skipped as above.
    handle.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() > limits.max_page_bytes {
        let at_least = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        return Ok(crate::skipped_page(
            source,
            limits::page_too_large(source, at_least, limits),
        ));
    }
    Ok(crate::read_page_with(source, &bytes, limits))
}
