//! Finding pages under files and folders, and reading them in parallel.
//!
//! What a set of paths may cost is bounded by [`Limits`]: at most [`Limits::max_files`]
//! files, each read only up to [`Limits::max_page_bytes`] (so a huge file, or a link to an
//! endless device, is never read whole). Folder walks break symbolic link loops, skip
//! anything that is neither a folder nor a regular file (devices, FIFOs, sockets), and do not
//! follow symbolic links that lead outside the folder given (a page in a pull request could
//! otherwise link to any file on the machine that runs docgen).

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
/// loops broken by canonical path, links leading outside the folder reported and skipped).
/// Missing paths are reported, not fatal.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = BTreeSet::new();
    let mut diagnostics = Vec::new();
    let mut visited = BTreeSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                // A folder named explicitly is trusted wherever it is (even through a link);
                // what is inside it may only lead to places inside it.
                let root = path.canonicalize().unwrap_or_else(|_| path.clone());
                let mut walk = Walk {
                    root: &root,
                    files: &mut files,
                    visited: &mut visited,
                    diagnostics: &mut diagnostics,
                };
                walk.folder(path);
            }
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

/// One folder argument's walk: `root` is its canonical path.
struct Walk<'a> {
    root: &'a Path,
    files: &'a mut BTreeSet<PathBuf>,
    visited: &'a mut BTreeSet<PathBuf>,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    fn folder(&mut self, dir: &Path) {
        let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited.insert(canonical) {
            self.diagnostics.push(Diagnostic::note(
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
                self.diagnostics.push(Diagnostic::error(
                    "path-unreadable",
                    &display(dir),
                    1,
                    format!("cannot read folder: {err}"),
                ));
                return;
            }
        };
        // `file_type` of an entry does not follow links: it tells a link from what it names.
        let mut children: Vec<(PathBuf, bool)> = entries
            .filter_map(|e| {
                let entry = e.ok()?;
                let link = entry.file_type().is_ok_and(|t| t.is_symlink());
                Some((entry.path(), link))
            })
            .collect();
        children.sort();
        for (child, link) in children {
            self.child(child, link);
        }
    }

    fn child(&mut self, child: PathBuf, link: bool) {
        let hidden = child
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            return;
        }
        let is_page = child
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if link {
            // A link that cannot be resolved (dangling, or a loop of file links) is kept:
            // reading it reports why it fails.
            if let Ok(target) = child.canonicalize() {
                if !target.starts_with(self.root) {
                    // Only what would have been read is worth a word: a page or a folder.
                    if !is_page && !target.is_dir() {
                        return;
                    }
                    let written = std::fs::read_link(&child)
                        .map(|t| display(&t))
                        .unwrap_or_default();
                    self.diagnostics.push(Diagnostic::warning(
                        "path-outside-root",
                        &display(&child),
                        1,
                        format!(
                            "a symbolic link to `{written}`, outside the folder being read; \
                             not followed"
                        ),
                    ));
                    return;
                }
            }
        }
        // `metadata` follows symbolic links: a link inside the folder is what it points to.
        match std::fs::metadata(&child) {
            Ok(meta) if meta.is_dir() => self.folder(&child),
            // A device or FIFO could block a read forever or never end.
            Ok(meta) if !meta.is_file() => {
                if is_page {
                    self.diagnostics.push(Diagnostic::note(
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
                    self.files.insert(child);
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

/// Reads one file as page `source`, never more than one byte past [`Limits::max_page_bytes`]
/// (a larger file gives a page holding only `page-too-large`). `Err` when the file cannot be
/// opened or read.
pub fn read_file(file: &Path, source: &str, limits: &Limits) -> std::io::Result<Page> {
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
