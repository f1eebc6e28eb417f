//! `cargo xtask bench-crate`: how long the crate docgen generates for a whole docs folder takes
//! to build, the cost its users pay. Generates the folder (Intune 2021-07 by default) into a
//! temporary crate, then times, each with a fresh target folder, `cargo build` (debug), `cargo
//! build --release`, `cargo test --no-run` on top of the debug build, and `cargo build` with
//! only one area's feature on (`--no-default-features --features AREA`), for each `--feature`.
//!
//! Builds run one after the other and take minutes; the figures go in the README. A build is
//! timed once: a second run of a cold build is as slow as the first, and the machine's noise is
//! the same for all of them, so the ratios between builds are what to quote.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};

const DEFAULT_FOLDER: &str = "../shared/corpus/graph-beta-intune-2021-07";

struct Options {
    folder: PathBuf,
    features: Vec<String>,
    release: bool,
}

fn options(args: &[String]) -> anyhow::Result<Options> {
    let mut options = Options {
        folder: crate::root()?.join(DEFAULT_FOLDER),
        features: Vec::new(),
        release: true,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--folder" => options.folder = args.next().context("--folder needs a path")?.into(),
            "--feature" => options
                .features
                .push(args.next().context("--feature needs an area")?.clone()),
            "--no-release" => options.release = false,
            other => bail!(
                "unknown argument `{other}`; usage: cargo xtask bench-crate [--folder DIR] \
                 [--feature AREA]... [--no-release]"
            ),
        }
    }
    Ok(options)
}

pub(crate) fn bench_crate(args: &[String]) -> anyhow::Result<()> {
    let options = options(args)?;
    if !options.folder.is_dir() {
        println!(
            "bench-crate: skipped: {} not found (the shared corpus is not on this machine)",
            options.folder.display()
        );
        return Ok(());
    }
    let work = tempfile::tempdir()?;
    let out = work.path().join("crate");
    let started = Instant::now();
    let run = docgen::generate(std::slice::from_ref(&options.folder), "bench-crate")?;
    docgen::output::write_atomically(&out, &run.files)?;
    println!(
        "bench-crate: generated {} types, {} routes from {} pages in {:.1} s into {}",
        run.types,
        run.routes,
        run.pages,
        started.elapsed().as_secs_f64(),
        out.display()
    );
    let target = work.path().join("target");
    let mut rows = Vec::new();
    rows.push((
        "cargo build (debug, every feature)",
        time(&out, &target, &["build"])?,
    ));
    rows.push((
        "cargo test --no-run (after the debug build)",
        time(&out, &target, &["test", "--no-run"])?,
    ));
    if options.release {
        rows.push((
            "cargo build --release (every feature)",
            time(
                &out,
                &work.path().join("target-release"),
                &["build", "--release"],
            )?,
        ));
    }
    let mut labels = Vec::new();
    for area in &options.features {
        let dir = work.path().join(format!("target-{area}"));
        let seconds = time(
            &out,
            &dir,
            &["build", "--no-default-features", "--features", area],
        )?;
        labels.push((format!("cargo build (debug, `{area}` alone)"), seconds));
    }
    println!("\n| build | seconds | vs. the whole debug build |");
    println!("| --- | ---: | ---: |");
    let whole = rows.first().map_or(1.0, |(_, s)| *s);
    for (label, seconds) in rows
        .iter()
        .map(|(l, s)| ((*l).to_owned(), *s))
        .chain(labels)
    {
        println!("| {label} | {seconds:.1} | {:.2}× |", seconds / whole);
    }
    Ok(())
}

/// Runs `cargo ARGS` in the crate with `target` as its target folder; the wall time in seconds.
fn time(krate: &Path, target: &Path, args: &[&str]) -> anyhow::Result<f64> {
    let started = Instant::now();
    let status = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("cargo {} failed ({status})", args.join(" "));
    }
    println!("bench-crate: cargo {}: {seconds:.1} s", args.join(" "));
    Ok(seconds)
}
