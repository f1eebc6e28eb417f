//! `cargo xtask bench`: docgen's speed and memory against the floor of its own work.
//!
//! The floor is reading the files and running the format's parser over them on one core
//! (pulldown-cmark for markdown and copied text, scraper for HTML), doing nothing with the
//! result. Each stage runs in a fresh child process (`xtask bench-stage ...`) several times:
//! the floors in that process, `model` and `generate` as the `docgen` binary itself (built
//! first, with this program's profile), which reports its peak resident memory (`VmHWM`) and
//! CPU time on exit; so one stage's memory never hides another's. Medians and ratios to the
//! floor are printed, with the machine; CPU time is printed too, as it varies less than wall
//! time on a shared machine.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context};
use docgen::resources::{cpu_seconds, peak_kb};

/// Runs per stage; the median is reported.
const RUNS: usize = 5;

pub fn bench(args: &[String]) -> anyhow::Result<()> {
    let runs = match args.iter().position(|a| a == "--runs") {
        Some(i) => args.get(i + 1).context("--runs needs a number")?.parse()?,
        None => RUNS,
    };
    let corpus = crate::root()?.join("../shared/corpus");
    if !corpus.is_dir() {
        println!("bench: skipped: ../shared/corpus not found");
        return Ok(());
    }
    let folders: Vec<PathBuf> = [
        "graph-beta-intune-2021-07",
        "graph-beta-intune-2020-01",
        "graph-beta-handwritten-dev",
    ]
    .iter()
    .map(|f| corpus.join(f))
    .collect();
    build_docgen()?;
    let scratch = tempfile::tempdir()?;
    println!("bench: {}", machine());
    println!(
        "bench: {runs} runs per stage, taking turns with the floor; medians; ratios are to the \
         single-core floor\n"
    );

    let bytes = size_on_disk(&folders);
    println!(
        "== markdown: all corpus folders ({} pages, {:.1} MB)",
        count_pages(&folders),
        mb(bytes)
    );
    let [floor, model] = stages(runs, [("floor-markdown", &folders), ("model", &folders)])?;
    report(
        "floor: read + pulldown-cmark, 1 core",
        &floor,
        &floor,
        bytes,
    );
    report("docgen model", &model, &floor, bytes);

    let intune = vec![folders[0].clone()];
    let intune_bytes = size_on_disk(&intune);
    println!("\n== generate: Intune 2021-07 ({:.1} MB)", mb(intune_bytes));
    let out = scratch.path().join("generated");
    let mut gen_args = intune.clone();
    gen_args.push(out);
    let [intune_floor, generate] =
        stages(runs, [("floor-markdown", &intune), ("generate", &gen_args)])?;
    report(
        "floor: read + pulldown-cmark, 1 core",
        &intune_floor,
        &intune_floor,
        intune_bytes,
    );
    report(
        "docgen generate (parse, merge, codegen, print, write)",
        &generate,
        &intune_floor,
        intune_bytes,
    );

    println!("\n== scaling: the corpus repeated under other names");
    for copies in [1, 2, 4] {
        let dir = scratch.path().join(format!("x{copies}"));
        let mut set = Vec::new();
        for copy in 0..copies {
            for folder in &folders {
                let name = folder
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let target = dir.join(format!("copy{copy}-{name}"));
                copy_tree(folder, &target)?;
                set.push(target);
            }
        }
        let b = size_on_disk(&set);
        let [f, m] = stages(runs.min(3), [("floor-markdown", &set), ("model", &set)])?;
        report(&format!("{copies}x floor"), &f, &f, b);
        report(&format!("{copies}x docgen model"), &m, &f, b);
        std::fs::remove_dir_all(&dir)?;
    }

    for (format, render) in [("text", "render-text"), ("html", "render-html")] {
        let dir = scratch.path().join(format);
        let rendered = stage_once(render, &[folders.clone(), vec![dir.clone()]].concat())?;
        let set = vec![dir.clone()];
        let b = size_on_disk(&set);
        println!(
            "\n== {format}: the corpus rendered as the site shows it ({rendered} pages, {:.1} MB)",
            mb(b)
        );
        let floor_stage = if format == "html" {
            "floor-html"
        } else {
            "floor-markdown"
        };
        let [f, m] = stages(runs.min(3), [(floor_stage, &set), ("model", &set)])?;
        let floor_name = if format == "html" {
            "floor: read + scraper, 1 core"
        } else {
            "floor: read + pulldown-cmark, 1 core"
        };
        report(floor_name, &f, &f, b);
        report("docgen model", &m, &f, b);
    }
    Ok(())
}

/// One stage's measurements over several runs.
struct Measured {
    seconds: Vec<f64>,
    peak_kb: Vec<u64>,
    /// CPU time (user + system, all threads): steadier than wall time on a busy machine.
    cpu: Vec<f64>,
}

fn median<T: Copy + PartialOrd>(values: &[T]) -> T {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    sorted[sorted.len() / 2]
}

fn report(label: &str, m: &Measured, floor: &Measured, bytes: u64) {
    let t = median(&m.seconds);
    let peak = median(&m.peak_kb);
    let cpu = median(&m.cpu);
    println!(
        "  {label:<55} {:>8.3} s  {:>5.2}x floor  peak {:>7.1} MB ({:.2}x input)  cpu {:>6.2} s ({:.2}x)",
        t,
        t / median(&floor.seconds),
        peak as f64 / 1024.0,
        (peak as f64 * 1024.0) / bytes.max(1) as f64,
        cpu,
        cpu / median(&floor.cpu).max(0.001),
    );
}

/// Runs each of `stages` (name, arguments) `runs` times, taking turns (floor, stage, floor,
/// stage...), so that a change in the machine's load falls on both alike.
fn stages<const N: usize>(
    runs: usize,
    stages: [(&str, &[PathBuf]); N],
) -> anyhow::Result<[Measured; N]> {
    let mut measured = stages.map(|_| Measured {
        seconds: Vec::new(),
        peak_kb: Vec::new(),
        cpu: Vec::new(),
    });
    for _ in 0..runs.max(1) {
        for ((name, args), m) in stages.iter().zip(&mut measured) {
            let (seconds, peak, cpu) = child(name, args)?;
            m.seconds.push(seconds);
            m.peak_kb.push(peak);
            m.cpu.push(cpu);
        }
    }
    Ok(measured)
}

fn stage_once(name: &str, args: &[PathBuf]) -> anyhow::Result<u64> {
    let output = Command::new(std::env::current_exe()?)
        .arg("bench-stage")
        .arg(name)
        .args(args)
        .output()?;
    if !output.status.success() {
        bail!("{name} failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(0))
}

/// Runs one stage in a child process; returns its wall time, peak memory and CPU time.
fn child(name: &str, args: &[PathBuf]) -> anyhow::Result<(f64, u64, f64)> {
    let output = Command::new(std::env::current_exe()?)
        .arg("bench-stage")
        .arg(name)
        .args(args)
        .output()?;
    if !output.status.success() {
        bail!(
            "stage {name} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut parts = text.split_whitespace();
    let seconds: f64 = parts.next().context("no time")?.parse()?;
    let peak: u64 = parts.next().context("no memory")?.parse()?;
    let cpu: f64 = parts.next().context("no CPU time")?.parse()?;
    Ok((seconds, peak, cpu))
}

/// The child side: runs one stage and prints `seconds peak_kb cpu_seconds`.
pub fn run_stage(args: &[String]) -> anyhow::Result<()> {
    let (name, rest) = args.split_first().context("stage name")?;
    let paths: Vec<PathBuf> = rest.iter().map(PathBuf::from).collect();
    let start = Instant::now();
    match name.as_str() {
        "floor-markdown" => {
            let pool = rayon_one()?;
            pool.install(|| {
                floor(&paths, |text| {
                    pulldown_cmark::Parser::new_ext(
                        text,
                        pulldown_cmark::Options::ENABLE_TABLES
                            | pulldown_cmark::Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
                    )
                    .count()
                })
            });
        }
        "floor-html" => {
            floor(&paths, |text| {
                scraper::Html::parse_document(text).tree.nodes().count()
            });
        }
        // The `docgen` binary itself, as users run it.
        "model" => {
            let mut args = vec![OsString::from("model"), OsString::from("-q")];
            args.extend(paths.iter().map(OsString::from));
            return run_docgen(&args);
        }
        "generate" => {
            let (out, pages) = paths
                .split_last()
                .context("generate needs an output folder")?;
            let mut args = vec![OsString::from("generate"), OsString::from("-q")];
            args.extend([OsString::from("--out"), out.into()]);
            args.extend(pages.iter().map(OsString::from));
            return run_docgen(&args);
        }
        "phases" => {
            phases(&paths)?;
            return Ok(());
        }
        "render-text" | "render-html" => {
            let (out, folders) = paths
                .split_last()
                .context("render needs an output folder")?;
            let count = render_all(folders, out, name == "render-html")?;
            println!("{count}");
            return Ok(());
        }
        other => bail!("unknown stage `{other}`"),
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{seconds} {} {}", peak_kb(), cpu_seconds());
    Ok(())
}

/// Where `generate`'s time goes: each phase's wall time, for profiling (`xtask bench-stage
/// phases FOLDER... OUT`); the last path is the output folder.
fn phases(paths: &[PathBuf]) -> anyhow::Result<()> {
    let (out, pages) = paths
        .split_last()
        .context("phases needs an output folder")?;
    let mut clock = (Instant::now(), cpu_seconds());
    let mut lap = |name: &str| {
        let cpu = cpu_seconds();
        println!(
            "{name:<10} {:>8.3} s  cpu {:>6.2} s  peak so far {:>6} kB  now {:>6} kB",
            clock.0.elapsed().as_secs_f64(),
            cpu - clock.1,
            peak_kb(),
            docgen::resources::resident_kb()
        );
        clock = (Instant::now(), cpu);
    };
    let read = docgen_read::read_paths(pages);
    lap("read");
    let examples = docgen_codegen::ExampleCase::from_pages(&read.pages);
    lap("examples");
    let merged = docgen_model::merge_owned(read.pages);
    lap("merge");
    let options = docgen_codegen::Options {
        crate_name: "bench-models".to_owned(),
        examples,
        ..docgen_codegen::Options::default()
    };
    let mut generated = docgen_codegen::generate(&merged.model, &options)?;
    drop(options);
    lap("codegen");
    let json = serde_json::to_string_pretty(&merged.model)? + "\n";
    generated.files.insert(docgen::MODEL_FILE.to_owned(), json);
    lap("json");
    docgen::output::write_atomically(out, &generated.files)?;
    lap("write");
    println!("peak {} kB, cpu {:.2} s", peak_kb(), cpu_seconds());
    Ok(())
}

/// Runs the `docgen` binary beside this one with `args`, its output discarded, and prints
/// `seconds peak_kb cpu_seconds`: the wall time seen from here, the rest as `docgen` reports
/// them on exit (see `docgen::resources`).
fn run_docgen(args: &[OsString]) -> anyhow::Result<()> {
    let binary = docgen_binary()?;
    let report = tempfile::NamedTempFile::new()?;
    let start = Instant::now();
    let status = Command::new(&binary)
        .args(args)
        .env(docgen::resources::REPORT_VAR, report.path())
        .stdout(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", binary.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    if !status.success() {
        bail!("docgen {args:?} failed: {status}");
    }
    let text = std::fs::read_to_string(report.path())?;
    let mut parts = text.split_whitespace();
    let peak = parts.next().context("no peak memory reported")?;
    let cpu = parts.next().context("no CPU time reported")?;
    println!("{seconds} {peak} {cpu}");
    Ok(())
}

/// The `docgen` binary built beside this program (same target folder and profile).
fn docgen_binary() -> anyhow::Result<PathBuf> {
    let name = format!("docgen{}", std::env::consts::EXE_SUFFIX);
    let binary = std::env::current_exe()?.with_file_name(name);
    if !binary.is_file() {
        bail!("{} not found: build it first", binary.display());
    }
    Ok(binary)
}

/// Builds the `docgen` binary with the profile this program was built with, so the stages
/// measure the current code.
fn build_docgen() -> anyhow::Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(cargo);
    command.current_dir(crate::root()?).args([
        "build",
        "--quiet",
        "--package",
        "docgen",
        "--bin",
        "docgen",
    ]);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    if !command.status()?.success() {
        bail!("building docgen failed");
    }
    Ok(())
}

fn rayon_one() -> anyhow::Result<rayon::ThreadPool> {
    Ok(rayon::ThreadPoolBuilder::new().num_threads(1).build()?)
}

/// Reads every page and runs `parse` over it, on the calling thread.
fn floor(paths: &[PathBuf], parse: impl Fn(&str) -> usize) {
    let (files, _) = docgen_read::collect_files(paths);
    let mut total = 0;
    for file in files {
        if let Ok(text) = std::fs::read_to_string(&file) {
            total += parse(&text);
        }
    }
    std::hint::black_box(total);
}

fn render_all(folders: &[PathBuf], out: &Path, html: bool) -> anyhow::Result<usize> {
    let (files, _) = docgen_read::collect_files(folders);
    let mut count = 0;
    for (i, file) in files.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let (rendered, ext) = if html {
            (docgen_tests::render_html(&text), "html")
        } else {
            (docgen_tests::render_text(&text), "txt")
        };
        std::fs::create_dir_all(out)?;
        std::fs::write(out.join(format!("{i:05}.{ext}")), rendered)?;
        count += 1;
    }
    Ok(count)
}

fn size_on_disk(paths: &[PathBuf]) -> u64 {
    let (files, _) = docgen_read::collect_files(paths);
    files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

fn count_pages(paths: &[PathBuf]) -> usize {
    docgen_read::collect_files(paths).0.len()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{cpu}, {cores} cores")
}
