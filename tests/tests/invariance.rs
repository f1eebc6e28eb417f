//! One IR from three formats: every page of the shared corpus, read as markdown, as the text
//! copied from the docs site and as the site's HTML, must give the same facts.
//!
//! Each markdown page is rendered to text ([`docgen_tests::render_text`]) and to HTML
//! ([`docgen_tests::render_html`]); all three are read with [`docgen_read::read_page`], which
//! detects the format from the content. The facts compared are the page kind and subject; the
//! properties (properties, relationships and request-body properties: name, type, collection);
//! enum members (name, value; also of enums a page defines in passing); routes (method,
//! path); the request body type; the response (status, type); and the examples (role, method
//! and URL or status, and the JSON body as a value).
//!
//! Agreement per format and fact kind is the share of the markdown's facts the other format
//! gives identically; facts the other format gives and markdown does not are counted as
//! "extra". The figures are written to stderr even when the test passes, and the bar
//! is asserted: at least 99.5% on properties, members and routes, per kind and combined, for
//! text and for HTML.
//!
//! What the other forms cannot carry is left out of the comparison, each case where it is
//! decided: link targets ([`type_text`]); annotations and the `truncated` flag
//! ([`example_value`]); examples markdown skips as `ignored` ([`drop_ignored`]); a subject
//! known only from an annotation ([`subject_only_in_annotation`]); and, for text, where one
//! code block ends and the next begins ([`join_split_examples`]).
//!
//! Set `INVARIANCE_DUMP=<file>` to also write every disagreement to a tab-separated file, and
//! see [`one_page`] to look at one page. The corpus lives outside the repository
//! (`../shared/corpus`); without it the test says it was skipped and passes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use docgen_ir::Page;
use rayon::prelude::*;

/// The corpus folders, each with `api/` and `resources/` pages.
const FOLDERS: [&str; 3] = [
    "graph-beta-intune-2021-07",
    "graph-beta-intune-2020-01",
    "graph-beta-handwritten-dev",
];

/// The bar for properties, members and routes.
const BAR: f64 = 99.5;

/// How many disagreements to print per format.
const SHOWN: usize = 20;

#[path = "invariance/exclusions.rs"]
mod exclusions;
#[path = "invariance/facts.rs"]
mod facts;

use exclusions::*;
use facts::*;

/// Agreement figures for one topic.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    /// Facts the markdown gives.
    markdown: usize,
    /// Of those, the ones the other format gives identically.
    agreed: usize,
    /// Facts the other format gives that the markdown does not.
    extra: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.markdown += other.markdown;
        self.agreed += other.agreed;
        self.extra += other.extra;
    }

    fn percent(self) -> f64 {
        if self.markdown == 0 {
            100.0
        } else {
            // Counts are far below 2^52, so the conversion is exact.
            100.0 * self.agreed as f64 / self.markdown as f64
        }
    }
}

/// A fact one format gives and the other does not (or gives differently).
#[derive(Clone, Debug)]
struct Disagreement {
    file: String,
    topic: Topic,
    /// The markdown's fact, or `None` for an extra fact of the other format.
    markdown: Option<Fact>,
    /// The other format's fact about the same thing, if any.
    other: Option<Fact>,
}

/// The forms a page is rendered to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    Text,
    Html,
}

impl Form {
    const ALL: [Form; 2] = [Form::Text, Form::Html];

    fn name(self) -> &'static str {
        match self {
            Form::Text => "text",
            Form::Html => "html",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Form::Text => "txt",
            Form::Html => "html",
        }
    }

    fn render(self, markdown: &str) -> String {
        match self {
            Form::Text => docgen_tests::render_text(markdown),
            Form::Html => docgen_tests::render_html(markdown),
        }
    }
}

/// How one page fared in one form.
#[derive(Debug, Default)]
struct FormResult {
    counts: BTreeMap<Topic, Counts>,
    disagreements: Vec<Disagreement>,
    /// The reader refused the form (`format-unsupported`).
    unsupported: bool,
    /// The form's reader (or renderer) panicked, with the message.
    panicked: Option<String>,
    /// How many facts each exclusion rule took out of the comparison.
    excluded: BTreeMap<&'static str, usize>,
    /// Time spent rendering and reading this form.
    time: Duration,
}

#[derive(Debug)]
struct PageResult {
    file: String,
    /// Time spent reading the markdown.
    time: Duration,
    forms: Vec<(Form, FormResult)>,
    /// The markdown reader itself panicked.
    panicked: Option<String>,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Compares the facts of two readings of one page: multisets, since a page may list the same
/// property twice and both copies must be found.
fn compare(file: &str, markdown: &[Fact], other: &[Fact]) -> FormResult {
    let mut md_left: BTreeMap<(Topic, &str, &str), usize> = BTreeMap::new();
    for f in markdown {
        *md_left.entry(f.key()).or_default() += 1;
    }
    let mut result = FormResult::default();
    let mut extras: Vec<&Fact> = Vec::new();
    for f in other {
        match md_left.get_mut(&f.key()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                result.counts.entry(f.topic).or_default().agreed += 1;
            }
            _ => {
                result.counts.entry(f.topic).or_default().extra += 1;
                extras.push(f);
            }
        }
    }
    for f in markdown {
        result.counts.entry(f.topic).or_default().markdown += 1;
    }
    // Missing facts, in document order, each paired with an extra about the same thing.
    let mut missing_left = md_left;
    for f in markdown {
        let Some(n) = missing_left.get_mut(&f.key()).filter(|n| **n > 0) else {
            continue;
        };
        *n -= 1;
        // Same id first; else the same last word, so that `property x` pairs with
        // `request body x` and `signInAudience.a` with a bare member `a`.
        let last = |id: &str| id.rsplit(['.', ' ']).next().unwrap_or("").to_owned();
        let pair = extras
            .iter()
            .position(|e| e.topic == f.topic && e.id == f.id)
            .or_else(|| {
                extras
                    .iter()
                    .position(|e| e.topic == f.topic && last(&e.id) == last(&f.id))
            })
            .map(|i| extras.remove(i).clone());
        result.disagreements.push(Disagreement {
            file: file.to_owned(),
            topic: f.topic,
            markdown: Some(f.clone()),
            other: pair,
        });
    }
    for e in extras {
        result.disagreements.push(Disagreement {
            file: file.to_owned(),
            topic: e.topic,
            markdown: None,
            other: Some(e.clone()),
        });
    }
    result
}

fn check_page(corpus: &Path, path: &Path) -> PageResult {
    let file = path
        .strip_prefix(corpus)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let mut result = PageResult {
        file: file.clone(),
        time: Duration::ZERO,
        forms: Vec::new(),
        panicked: None,
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            result.panicked = Some(format!("unreadable: {err}"));
            return result;
        }
    };
    let markdown = String::from_utf8_lossy(&bytes).into_owned();
    let started = Instant::now();
    let md_page = match catch_unwind(AssertUnwindSafe(|| {
        docgen_read::read_page(&file, markdown.as_bytes())
    })) {
        Ok(page) => page,
        Err(payload) => {
            result.panicked = Some(panic_message(payload.as_ref()));
            return result;
        }
    };
    result.time = started.elapsed();
    let scan = scan_source(&markdown);
    for form in Form::ALL {
        let (_, form_result) = check_form(&file, &markdown, &md_page, &scan, form);
        result.forms.push((form, form_result));
    }
    result
}

/// Renders the page to `form`, reads it and compares its facts with the markdown's. Returns
/// the rendering too, for [`one_page`].
fn check_form(
    file: &str,
    markdown: &str,
    md_page: &Page,
    scan: &SourceScan,
    form: Form,
) -> (String, FormResult) {
    let mut excluded = BTreeMap::new();
    let mut md_view = md_page.clone();
    if subject_only_in_annotation(&md_view) {
        md_view.subject = None;
        excluded.insert("subject known only from an annotation", 1);
    }
    if form == Form::Text {
        let before = md_view.examples.len();
        join_split_examples(&mut md_view, scan);
        let joined = before - md_view.examples.len();
        if joined > 0 {
            excluded.insert("body-only example joined to the head before it", joined);
        }
    }
    let md_facts = facts(&md_view);
    let source = match file.rsplit_once('.') {
        Some((stem, _)) => format!("{stem}.{}", form.extension()),
        None => file.to_owned(),
    };
    let started = Instant::now();
    let rendered = catch_unwind(|| form.render(markdown)).map_err(|payload| {
        format!(
            "the {} renderer panicked: {}",
            form.name(),
            panic_message(payload.as_ref())
        )
    });
    let read = rendered.as_ref().map_err(Clone::clone).and_then(|text| {
        catch_unwind(AssertUnwindSafe(|| {
            docgen_read::read_page(&source, text.as_bytes())
        }))
        .map_err(|payload| {
            format!(
                "the reader panicked on the {} rendering: {}",
                form.name(),
                panic_message(payload.as_ref())
            )
        })
    });
    let time = started.elapsed();
    let mut result = match read {
        Ok(mut page) => {
            let before = page.examples.len();
            drop_ignored(&mut page, scan);
            let dropped = before - page.examples.len();
            if dropped > 0 {
                excluded.insert("example markdown skips as `ignored`", dropped);
            }
            let mut r = compare(file, &md_facts, &facts(&page));
            r.unsupported = page
                .diagnostics
                .iter()
                .any(|d| d.code == "format-unsupported");
            r
        }
        Err(message) => {
            // Everything the markdown says is missing from a reading that never finished.
            let mut r = compare(file, &md_facts, &[]);
            r.panicked = Some(message);
            r
        }
    };
    result.excluded = excluded;
    result.time = time;
    (rendered.unwrap_or_default(), result)
}

/// The markdown pages of the corpus, sorted.
fn corpus_pages(corpus: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for folder in FOLDERS {
        for sub in ["api", "resources"] {
            let Ok(entries) = std::fs::read_dir(corpus.join(folder).join(sub)) else {
                continue;
            };
            pages.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "md")),
            );
        }
    }
    pages.sort();
    pages
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max).collect();
        format!("{cut}…")
    }
}

/// A fact for the report: its line in its own form, what it is about and its value.
fn show(fact: Option<&Fact>) -> String {
    fact.map_or("(none)".to_owned(), |f| {
        shorten(&format!("line {}: {}: {}", f.line, f.id, f.value), 110)
    })
}

#[test]
fn three_formats_give_the_same_facts() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !corpus.is_dir() {
        let _ = writeln!(
            std::io::stderr().lock(),
            "skipped: ../shared/corpus not found"
        );
        return;
    }
    let started = Instant::now();
    let pages = corpus_pages(&corpus);
    assert!(
        !pages.is_empty(),
        "no markdown pages under {}",
        corpus.display()
    );
    let results: Vec<PageResult> = pages.par_iter().map(|p| check_page(&corpus, p)).collect();
    let elapsed = started.elapsed();

    let mut report = String::new();
    let mut totals: BTreeMap<(Form, Topic), Counts> = BTreeMap::new();
    let mut unsupported: BTreeMap<Form, usize> = BTreeMap::new();
    let mut excluded: BTreeMap<(Form, &str), usize> = BTreeMap::new();
    let mut md_time = Duration::ZERO;
    let mut form_time: BTreeMap<Form, Duration> = BTreeMap::new();
    let mut panics: Vec<String> = Vec::new();
    let mut disagreements: BTreeMap<Form, Vec<&Disagreement>> = BTreeMap::new();
    for page in &results {
        if let Some(message) = &page.panicked {
            panics.push(format!("{} (markdown): {message}", page.file));
        }
        md_time += page.time;
        for (form, r) in &page.forms {
            *form_time.entry(*form).or_default() += r.time;
            for (topic, counts) in &r.counts {
                totals.entry((*form, *topic)).or_default().add(*counts);
            }
            *unsupported.entry(*form).or_default() += usize::from(r.unsupported);
            for (rule, n) in &r.excluded {
                *excluded.entry((*form, *rule)).or_default() += n;
            }
            if let Some(message) = &r.panicked {
                panics.push(format!("{} ({}): {message}", page.file, form.name()));
            }
            disagreements
                .entry(*form)
                .or_default()
                .extend(r.disagreements.iter());
        }
    }

    let _ = writeln!(
        report,
        "\ninvariance: {} markdown pages read as markdown, text and HTML in {:.1} s ({} threads)",
        results.len(),
        elapsed.as_secs_f64(),
        rayon::current_num_threads()
    );
    let _ = writeln!(
        report,
        "{:<6} {:<34} {:>9} {:>9} {:>10} {:>7}",
        "format", "fact", "markdown", "agreed", "agreement", "extra"
    );
    let mut failures = Vec::new();
    for form in Form::ALL {
        let mut barred = Counts::default();
        for topic in Topic::ALL {
            let counts = totals.get(&(form, topic)).copied().unwrap_or_default();
            let _ = writeln!(
                report,
                "{:<6} {:<34} {:>9} {:>9} {:>9.2}% {:>7}",
                form.name(),
                topic.name(),
                counts.markdown,
                counts.agreed,
                counts.percent(),
                counts.extra
            );
            if Topic::BARRED.contains(&topic) {
                barred.add(counts);
                if counts.percent() < BAR {
                    failures.push(format!(
                        "{} {}: {:.2}% < {BAR}%",
                        form.name(),
                        topic.name(),
                        counts.percent()
                    ));
                }
            }
        }
        let _ = writeln!(
            report,
            "{:<6} {:<34} {:>9} {:>9} {:>9.2}% {:>7}",
            form.name(),
            "properties+members+routes (bar)",
            barred.markdown,
            barred.agreed,
            barred.percent(),
            barred.extra
        );
        if barred.percent() < BAR {
            failures.push(format!(
                "{} properties+members+routes: {:.2}% < {BAR}%",
                form.name(),
                barred.percent()
            ));
        }
        let refused = unsupported.get(&form).copied().unwrap_or(0);
        if refused > 0 {
            let _ = writeln!(
                report,
                "{:<6} {refused} pages refused as `format-unsupported`: the {} reader has not landed",
                form.name(),
                form.name()
            );
        }
    }
    let _ = writeln!(
        report,
        "\ntime summed over threads: markdown read {:.1} s; text render+read {:.1} s; \
         html render+read {:.1} s",
        md_time.as_secs_f64(),
        form_time
            .get(&Form::Text)
            .copied()
            .unwrap_or_default()
            .as_secs_f64(),
        form_time
            .get(&Form::Html)
            .copied()
            .unwrap_or_default()
            .as_secs_f64()
    );
    let _ = writeln!(report, "\nleft out as what the other form cannot carry:");
    for ((form, rule), n) in &excluded {
        let _ = writeln!(report, "{:<6} {rule}: {n}", form.name());
    }
    for form in Form::ALL {
        let list = disagreements.get(&form).map_or(&[][..], Vec::as_slice);
        let _ = writeln!(
            report,
            "\nfirst {} of {} {} disagreements (file | fact | markdown | {}):",
            SHOWN.min(list.len()),
            list.len(),
            form.name(),
            form.name()
        );
        for d in list.iter().take(SHOWN) {
            let _ = writeln!(
                report,
                "  {} | {} | {} | {}",
                d.file,
                d.topic.name(),
                show(d.markdown.as_ref()),
                show(d.other.as_ref())
            );
        }
    }
    if !panics.is_empty() {
        let _ = writeln!(report, "\n{} panics:", panics.len());
        for p in panics.iter().take(SHOWN) {
            let _ = writeln!(report, "  {p}");
        }
    }
    // Written to the process's stderr directly: the test harness captures `println!` and
    // `eprintln!` of passing tests, not writes to the stream itself, and these figures are
    // the point of the test whether it passes or not.
    let _ = std::io::stderr().lock().write_all(report.as_bytes());

    if let Some(dump) = std::env::var_os("INVARIANCE_DUMP") {
        // One line per disagreement: unparsed bodies keep their line breaks escaped.
        let cell = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('\n', "\\n")
                .replace('\t', "\\t")
        };
        let mut tsv =
            String::from("format\tfile\tfact\tid\tmd line\tmarkdown\tother line\tother\n");
        let line = |f: Option<&Fact>| f.map_or(String::new(), |f| f.line.to_string());
        for (form, list) in &disagreements {
            for d in list {
                let id = d
                    .markdown
                    .as_ref()
                    .or(d.other.as_ref())
                    .map_or("", |f| &f.id);
                let _ = writeln!(
                    tsv,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    form.name(),
                    d.file,
                    d.topic.name(),
                    cell(id),
                    line(d.markdown.as_ref()),
                    cell(d.markdown.as_ref().map_or("", |f| &f.value)),
                    line(d.other.as_ref()),
                    cell(d.other.as_ref().map_or("", |f| &f.value))
                );
            }
        }
        if let Err(err) = std::fs::write(&dump, tsv) {
            eprintln!("could not write {}: {err}", Path::new(&dump).display());
        }
    }

    assert!(panics.is_empty(), "{} pages panicked", panics.len());
    assert!(
        failures.is_empty(),
        "below the bar of {BAR}% agreement with markdown:\n  {}",
        failures.join("\n  ")
    );
}

/// The renderers stand in for the site: on the pages the corpus also has as the site showed
/// them (`renders/{txt,html}`), the reader must give the same facts for the rendering as for
/// the site's own copy, or the figures above would measure the renderers, not the readers.
#[test]
fn renderings_read_like_the_sites_own() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let Ok(entries) = std::fs::read_dir(corpus.join("renders/txt")) else {
        let _ = writeln!(
            std::io::stderr().lock(),
            "skipped: ../shared/corpus/renders not found"
        );
        return;
    };
    let mut stems: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| Some(e.path().file_stem()?.to_str()?.to_owned()))
        .collect();
    stems.sort();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for stem in &stems {
        // The renders are of the newest copy of each page.
        let mut dirs = ["graph-beta-intune-2021-07", "graph-beta-handwritten-dev"]
            .iter()
            .flat_map(|f| ["api", "resources"].map(|k| corpus.join(f).join(k)));
        let Some(markdown) =
            dirs.find_map(|dir| std::fs::read_to_string(dir.join(format!("{stem}.md"))).ok())
        else {
            continue;
        };
        for form in Form::ALL {
            let site = corpus
                .join("renders")
                .join(form.extension())
                .join(format!("{stem}.{}", form.extension()));
            let Ok(site) = std::fs::read(&site) else {
                continue;
            };
            let ours = form.render(&markdown);
            let file = format!("{stem}.{}", form.extension());
            let site_facts = facts(&docgen_read::read_page(&file, &site));
            let our_facts = facts(&docgen_read::read_page(&file, ours.as_bytes()));
            compared += 1;
            for d in compare(&file, &site_facts, &our_facts).disagreements {
                mismatches.push(format!(
                    "{} | {} | site {} | rendered {}",
                    d.file,
                    d.topic.name(),
                    show(d.markdown.as_ref()),
                    show(d.other.as_ref())
                ));
            }
        }
    }
    let _ = writeln!(
        std::io::stderr().lock(),
        "renderings vs the site's own: {compared} pages compared, {} facts differ",
        mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "the renderers do not read like the site's pages:\n  {}",
        mismatches.join("\n  ")
    );
}

/// Debugging aid: `INVARIANCE_PAGE=<corpus-relative path> cargo test -p docgen-tests --test
/// invariance -- --ignored --nocapture one_page` prints a page's renderings and the facts each
/// reading gives.
#[test]
#[ignore = "debugging aid; needs INVARIANCE_PAGE"]
fn one_page() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    let Some(file) = std::env::var("INVARIANCE_PAGE").ok() else {
        eprintln!("set INVARIANCE_PAGE to a page of the corpus, e.g. graph-beta-handwritten-dev/resources/post.md");
        return;
    };
    let markdown = std::fs::read_to_string(corpus.join(&file)).unwrap_or_default();
    let md_page = docgen_read::read_page(&file, markdown.as_bytes());
    let scan = scan_source(&markdown);
    for form in Form::ALL {
        let (rendered, result) = check_form(&file, &markdown, &md_page, &scan, form);
        println!("===== {} =====\n{rendered}", form.name());
        let page = docgen_read::read_page(&file, rendered.as_bytes());
        for d in &page.diagnostics {
            println!("diagnostic: {}:{} {} {}", d.file, d.line, d.code, d.message);
        }
        for d in result.disagreements {
            println!(
                "disagreement: {} | {} | {}",
                d.topic.name(),
                show(d.markdown.as_ref()),
                show(d.other.as_ref())
            );
        }
    }
}
