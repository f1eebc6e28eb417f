//! Putting a finished output folder in place of the previous one, and cleaning up after a run
//! that was killed half-way.
//!
//! The new output is written to `.{name}.docgen-new-{pid}` beside `{name}`. On Linux the two
//! are then exchanged in one `renameat2(RENAME_EXCHANGE)`: at every instant `{name}` is either
//! the whole old output or the whole new one. Where the exchange is not available (other
//! systems, file systems without it) two renames are used, through
//! `.{name}.docgen-old-{pid}`; a kill between them leaves `{name}` missing for a moment, which
//! the next run repairs by putting the old output back ([`recover`]).
//!
//! Folders are recognised as docgen's own by their exact name: `.{name}.docgen-new-` or
//! `.{name}.docgen-old-` followed by the decimal id of a process that is no longer running.
//! Nothing else is ever removed or moved, and a folder of a run still going is left alone.

use std::io;
use std::path::{Path, PathBuf};

/// The two kinds of folder a write leaves beside the output while it runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// Being written; after an exchange, the old output on its way out.
    New,
    /// The old output moved aside by the two-rename swap.
    Old,
}

impl Kind {
    fn tag(self) -> &'static str {
        match self {
            Kind::New => "new",
            Kind::Old => "old",
        }
    }
}

/// `.{name}.docgen-{new|old}-{pid}` beside `out`.
pub(crate) fn sibling(parent: &Path, name: &str, kind: Kind, pid: u32) -> PathBuf {
    parent.join(format!(".{name}.docgen-{}-{pid}", kind.tag()))
}

/// What a leftover folder's name says: its kind and the process that made it.
fn parse_sibling(file_name: &str, name: &str) -> Option<(Kind, u32)> {
    let rest = file_name.strip_prefix('.')?.strip_prefix(name)?;
    let rest = rest.strip_prefix(".docgen-")?;
    let (kind, pid) = if let Some(pid) = rest.strip_prefix("new-") {
        (Kind::New, pid)
    } else {
        (Kind::Old, rest.strip_prefix("old-")?)
    };
    // Digits only: `u32::from_str` would also take a leading `+`.
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((kind, pid.parse().ok()?))
}

/// Whether process `pid` may still be running (and so still writing its folder). Unknown
/// counts as running: a folder kept is cheaper than a folder removed under a live run.
fn running(pid: u32) -> bool {
    if pid == std::process::id() {
        // This process's own folders are stale by definition: it is not writing them yet.
        return false;
    }
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        // Signal 0 checks existence; `EPERM` means it exists under another user.
        !matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// What [`recover`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Recovered {
    /// An old output put back where it was missing (a kill fell between the two renames).
    pub restored: Option<PathBuf>,
    /// Leftover folders removed.
    pub removed: Vec<PathBuf>,
}

/// Cleans up after earlier runs that were killed while writing `out`: when `out` is missing
/// and an old output was moved aside, it is put back; then every leftover folder of a process
/// no longer running is removed. Called at the start of every write.
pub fn recover(out: &Path) -> io::Result<Recovered> {
    let (parent, name) = parent_and_name(out);
    let mut done = Recovered::default();
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(done);
    };
    let mut leftovers: Vec<(Kind, u32, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some((kind, pid)) = file_name.to_str().and_then(|n| parse_sibling(n, &name)) else {
            continue;
        };
        // A real folder only: never follow or remove a link that happens to match.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) || running(pid) {
            continue;
        }
        leftovers.push((kind, pid, entry.path()));
    }
    leftovers.sort();
    let missing = std::fs::symlink_metadata(out).is_err();
    if missing {
        // Several moved-aside outputs take two killed runs with none completing between;
        // the one moved last is the latest output.
        let moved = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let latest = leftovers
            .iter()
            .filter(|(kind, _, _)| *kind == Kind::Old)
            .max_by_key(|(_, _, path)| moved(path));
        if let Some((_, _, old)) = latest {
            std::fs::rename(old, out)?;
            done.restored = Some(old.clone());
        }
    }
    for (_, _, path) in leftovers {
        if done.restored.as_ref() == Some(&path) {
            continue;
        }
        std::fs::remove_dir_all(&path)?;
        done.removed.push(path);
    }
    Ok(done)
}

/// `out`'s parent folder (`.` for a bare name) and file name.
pub(crate) fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".to_owned());
    (parent, name)
}

/// Puts the finished `staging` folder at `out`. Afterwards `staging` no longer exists; the
/// old output is removed (or, if that fails, left for the next run's [`recover`]).
pub(crate) fn swap_in(staging: &Path, out: &Path, retired: &Path) -> io::Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out);
    }
    match exchange(staging, out) {
        Ok(()) => {
            // `staging` now holds the old output. Failing to remove it loses nothing: the
            // new output is in place, and the next run removes the folder.
            let _ = std::fs::remove_dir_all(staging);
            Ok(())
        }
        Err(err) if exchange_unsupported(&err) => swap_by_renames(staging, out, retired),
        Err(err) => Err(err),
    }
}

/// Exchanges two paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Errors saying the exchange itself is unavailable (old kernel, a file system without it),
/// as opposed to a problem with the paths, which the fallback would meet too.
fn exchange_unsupported(err: &io::Error) -> bool {
    if err.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        let raw = err.raw_os_error();
        [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP]
            .iter()
            .any(|e| Some(e.raw_os_error()) == raw)
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// The portable swap: `out` to `retired`, `staging` to `out`, remove `retired`. A failure of
/// the second rename puts the old output back; a kill between the renames is repaired by the
/// next run's [`recover`].
pub(crate) fn swap_by_renames(staging: &Path, out: &Path, retired: &Path) -> io::Result<()> {
    std::fs::rename(out, retired)?;
    if let Err(err) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(retired, out);
        return Err(err);
    }
    // As in `swap_in`: a folder left here is removed by the next run.
    let _ = std::fs::remove_dir_all(retired);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_names_with_a_process_id_are_leftovers() {
        assert_eq!(
            parse_sibling(".crate.docgen-new-123", "crate"),
            Some((Kind::New, 123))
        );
        assert_eq!(
            parse_sibling(".crate.docgen-old-7", "crate"),
            Some((Kind::Old, 7))
        );
        for other in [
            ".crate.docgen-new-",
            ".crate.docgen-new-+1",
            ".crate.docgen-new-12a",
            ".crate.docgen-new-notes",
            ".crate.docgen-tmp-1",
            ".other.docgen-new-1",
            "crate.docgen-new-1",
            ".crate2.docgen-new-1",
            ".crate.docgen-new-99999999999999999999",
        ] {
            assert_eq!(parse_sibling(other, "crate"), None, "{other}");
        }
    }

    #[test]
    fn the_fallback_swap_replaces_the_output() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (out, staging, retired) = (
            dir.path().join("crate"),
            dir.path().join("new"),
            dir.path().join("old"),
        );
        std::fs::create_dir(&out).expect("out");
        std::fs::write(out.join("a"), "old").expect("file");
        std::fs::create_dir(&staging).expect("staging");
        std::fs::write(staging.join("a"), "new").expect("file");
        swap_by_renames(&staging, &out, &retired).expect("swapped");
        assert_eq!(std::fs::read_to_string(out.join("a")).expect("a"), "new");
        assert!(!staging.exists() && !retired.exists());

        // The second rename failing (nothing to move in) puts the old output back.
        let err = swap_by_renames(&staging, &out, &retired).expect_err("no staging");
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(std::fs::read_to_string(out.join("a")).expect("a"), "new");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_exchange_is_used_on_linux() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).expect("a");
        std::fs::write(a.join("f"), "a").expect("file");
        std::fs::create_dir(&b).expect("b");
        std::fs::write(b.join("f"), "b").expect("file");
        if let Err(err) = exchange(&a, &b) {
            // Some file systems (overlayfs on older kernels) lack it: the fallback is used
            // there, and `the_fallback_swap_replaces_the_output` covers it.
            assert!(exchange_unsupported(&err), "{err}");
            eprintln!("skipped: the temporary folder's file system cannot exchange: {err}");
            return;
        }
        assert_eq!(std::fs::read_to_string(a.join("f")).expect("f"), "b");
        assert_eq!(std::fs::read_to_string(b.join("f")).expect("f"), "a");
    }
}
