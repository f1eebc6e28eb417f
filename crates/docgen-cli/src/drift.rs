//! `docgen drift`: the model difference between two doc sets, or between a git revision's
//! docs and the working tree's.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use docgen_drift::Report;
use docgen_read::Limits;

/// Compares the models of two doc sets (files or folders, any format), each read within
/// `limits`.
pub fn between(old: &Path, new: &Path, limits: &Limits) -> Report {
    let old = crate::build_model_in_with(Path::new(""), &[old.to_path_buf()], limits);
    let new = crate::build_model_in_with(Path::new(""), &[new.to_path_buf()], limits);
    docgen_drift::diff(&old.model, &new.model)
}

/// Compares `folder` as it is at git revision `rev` with the working tree's `folder`. Both
/// sides name sources `folder/...`, so the report shows where each change is in either tree.
pub fn against_revision(rev: &str, folder: &Path, limits: &Limits) -> anyhow::Result<Report> {
    let checkout = tempfile::tempdir().context("cannot create a temporary folder")?;
    export_revision(rev, folder, checkout.path())?;
    let old = crate::build_model_in_with(checkout.path(), &[folder.to_path_buf()], limits);
    let new = crate::build_model_in_with(Path::new(""), &[folder.to_path_buf()], limits);
    Ok(docgen_drift::diff(&old.model, &new.model))
}

/// Writes the files under `folder` at `rev` into `into/folder/...` (git's own object store, no
/// checkout, so the working tree is never touched).
fn export_revision(rev: &str, folder: &Path, into: &Path) -> anyhow::Result<()> {
    if rev.starts_with('-') {
        bail!("`{rev}` is not a revision");
    }
    let folder_text = folder.to_string_lossy();
    let listing = git(&[
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        rev,
        "--",
        &folder_text,
    ])?;
    let names: Vec<&str> = listing.split('\0').filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        bail!("`{folder_text}` has no files at revision `{rev}`");
    }
    for name in names {
        let content = git_bytes(&["show", &format!("{rev}:./{name}")])?;
        let target = into.join(name);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, content)?;
    }
    Ok(())
}

fn git(args: &[&str]) -> anyhow::Result<String> {
    Ok(String::from_utf8_lossy(&git_bytes(args)?).into_owned())
}

fn git_bytes(args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let output = Command::new("git")
        .args(args)
        .output()
        .context("cannot run git")?;
    if !output.status.success() {
        bail!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(output.stdout)
}

/// The default folder `--git` compares.
pub fn default_folder() -> PathBuf {
    PathBuf::from("docs-input")
}
