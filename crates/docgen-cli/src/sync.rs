//! `cargo xtask sync`: refreshing `docs-input/` from a local copy of the upstream docs.
//!
//! The pages matched by the include globs are copied under `docs-input/` at their relative
//! path; pages an earlier sync brought in that no longer match are removed; files the project
//! put there by hand (the seeds) are left alone. A manifest, [`MANIFEST`], records where the
//! pages came from, the source's git revision when it is a checkout, the globs, and each
//! page's SHA-256, so the next `sync` needs no arguments and reviewers see what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name inside the docs folder (not a page: `.json` is never read as one).
pub const MANIFEST: &str = "docgen-sync.json";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The folder synced from, as given.
    pub from: String,
    /// `git rev-parse HEAD` of that folder when it is a git checkout.
    pub revision: Option<String>,
    pub include: Vec<String>,
    /// Relative path → SHA-256 of the content, for every page the sync brought in.
    pub files: BTreeMap<String, String>,
}

/// What a sync did.
pub struct SyncRun {
    pub manifest: Manifest,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub drift: docgen_drift::Report,
}

/// Syncs `docs` from `from` (or, when `None`, from the manifest's source) with `include`
/// globs (or the manifest's). Returns what changed, including the model drift.
pub fn sync(docs: &Path, from: Option<&Path>, include: &[String]) -> anyhow::Result<SyncRun> {
    let previous = read_manifest(docs)?;
    let from: PathBuf = match (from, &previous) {
        (Some(f), _) => f.to_path_buf(),
        (None, Some(m)) => PathBuf::from(&m.from),
        (None, None) => bail!("no --from given and no {MANIFEST} in {}", docs.display()),
    };
    let include: Vec<String> = match (include.is_empty(), &previous) {
        (false, _) => include.to_vec(),
        (true, Some(m)) if !m.include.is_empty() => m.include.clone(),
        _ => vec!["**/*.md".to_owned()],
    };
    let globs = glob_set(&include)?;
    if !from.is_dir() {
        bail!("{} is not a folder", from.display());
    }
    let before = crate::build_model_in(Path::new(""), &[docs.to_path_buf()]);

    let mut matched = BTreeMap::new();
    let (files, _) = docgen_read::collect_files(std::slice::from_ref(&from));
    for file in files {
        let Ok(relative) = file.strip_prefix(&from) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        if globs.is_match(&relative) {
            matched.insert(relative, file);
        }
    }
    if matched.is_empty() {
        bail!(
            "no page under {} matches {}",
            from.display(),
            include.join(", ")
        );
    }

    let mut manifest = Manifest {
        from: from.to_string_lossy().into_owned(),
        revision: git_revision(&from),
        include,
        files: BTreeMap::new(),
    };
    let (mut added, mut updated, mut removed) = (0, 0, 0);
    for (relative, source) in &matched {
        let content =
            std::fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
        let target = docs.join(relative);
        match std::fs::read(&target) {
            Ok(existing) if existing == content => {}
            Ok(_) => updated += 1,
            Err(_) => added += 1,
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, &content)?;
        manifest
            .files
            .insert(relative.clone(), hex_sha256(&content));
    }
    for old in previous.iter().flat_map(|m| m.files.keys()) {
        if !manifest.files.contains_key(old) {
            let _ = std::fs::remove_file(docs.join(old));
            removed += 1;
        }
    }
    let json = serde_json::to_string_pretty(&manifest)? + "\n";
    std::fs::write(docs.join(MANIFEST), json)?;

    let after = crate::build_model_in(Path::new(""), &[docs.to_path_buf()]);
    let drift = docgen_drift::diff(&before.model, &after.model);
    Ok(SyncRun {
        manifest,
        added,
        updated,
        removed,
        drift,
    })
}

fn read_manifest(docs: &Path) -> anyhow::Result<Option<Manifest>> {
    match std::fs::read_to_string(docs.join(MANIFEST)) {
        Ok(text) => Ok(Some(
            serde_json::from_str(&text).with_context(|| format!("{MANIFEST} is not valid"))?,
        )),
        Err(_) => Ok(None),
    }
}

fn glob_set(include: &[String]) -> anyhow::Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in include {
        builder.add(Glob::new(pattern).with_context(|| format!("bad glob `{pattern}`"))?);
    }
    Ok(builder.build()?)
}

fn git_revision(folder: &Path) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
