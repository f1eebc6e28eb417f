//! Fidelity against the service's own metadata: the model of each corpus folder is compared
//! with `../shared/corpus/metadata/graph-beta-2021-06.csdl.xml` for the types that have a page.
//!
//! Figures (micro-averaged over the folder):
//! - type recall: CSDL types with a resource or enum page (by file name) that the model has;
//! - property recall: the CSDL's structural properties of the type and of those ancestors that
//!   have a page in the folder (a sample without `entity`'s or `directoryObject`'s page cannot
//!   be expected to say what those pages say), found among the model's properties and
//!   relationships through its base chain; the figure over the whole CSDL chain is printed too;
//! - property precision: the model's properties through its base chain that the CSDL has, on
//!   the type or any ancestor;
//! - property type accuracy: matched properties whose type name and collection flag agree;
//! - enum member recall / precision, over the enums with a page and the enums without one whose
//!   values a paged type's property lists ("Possible values are: …"); given strict and without
//!   the service's `unknownFutureValue` sentinel, which pages often leave out.
//!
//! The corpus is public documentation kept outside the repository; without it the test says so
//! and passes.

/// Figures go to the process's stderr directly: the test harness captures `eprintln!` of
/// passing tests, and CI's log should show them.
macro_rules! report {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::csdl::{Csdl, CsdlType, Kind};
use docgen_model::{Model, TypeDef};

fn corpus() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    path.join("metadata").is_dir().then_some(path)
}

#[derive(Default, Debug)]
struct Figures {
    types: (usize, usize),
    recall: (usize, usize),
    precision: (usize, usize),
    type_accuracy: (usize, usize),
    member_recall: (usize, usize),
    member_precision: (usize, usize),
    /// Members again without the `unknownFutureValue` sentinel (see [`SENTINEL`]).
    sentinel_free_member_recall: (usize, usize),
    sentinel_free_member_precision: (usize, usize),
    /// Enums with no page of their own whose values a paged type's property lists.
    inline_enums: usize,
    relationship_recall: (usize, usize),
    full_chain_recall: (usize, usize),
    misses: BTreeMap<&'static str, Vec<String>>,
}

fn ratio((hit, all): (usize, usize)) -> f64 {
    if all == 0 {
        1.0
    } else {
        hit as f64 / all as f64
    }
}

impl Figures {
    fn miss(&mut self, kind: &'static str, what: String) {
        self.misses.entry(kind).or_default().push(what);
    }

    fn print(&self, folder: &str) {
        report!(
            "metadata {folder}: type recall {:.2}% ({}/{}), property recall {:.2}% ({}/{}), precision {:.2}% ({}/{}), type accuracy {:.2}% ({}/{}), member recall {:.2}% ({}/{}), member precision {:.2}% ({}/{}); relationship recall {:.2}% ({}/{}); property recall over the whole CSDL chain {:.2}% ({}/{}); without the `{SENTINEL}` sentinel: member recall {:.2}% ({}/{}), member precision {:.2}% ({}/{}); {} enums without a page counted by the values a property lists",
            100.0 * ratio(self.types), self.types.0, self.types.1,
            100.0 * ratio(self.recall), self.recall.0, self.recall.1,
            100.0 * ratio(self.precision), self.precision.0, self.precision.1,
            100.0 * ratio(self.type_accuracy), self.type_accuracy.0, self.type_accuracy.1,
            100.0 * ratio(self.member_recall), self.member_recall.0, self.member_recall.1,
            100.0 * ratio(self.member_precision), self.member_precision.0, self.member_precision.1,
            100.0 * ratio(self.relationship_recall), self.relationship_recall.0, self.relationship_recall.1,
            100.0 * ratio(self.full_chain_recall), self.full_chain_recall.0, self.full_chain_recall.1,
            100.0 * ratio(self.sentinel_free_member_recall), self.sentinel_free_member_recall.0, self.sentinel_free_member_recall.1,
            100.0 * ratio(self.sentinel_free_member_precision), self.sentinel_free_member_precision.0, self.sentinel_free_member_precision.1,
            self.inline_enums,
        );
        if std::env::var_os("DOCGEN_METADATA_MISSES").is_some() {
            for (kind, list) in &self.misses {
                eprintln!("  {kind}: {}", list.len());
                for what in list
                    .iter()
                    .take(if std::env::var_os("DOCGEN_METADATA_ALL").is_some() {
                        usize::MAX
                    } else {
                        40
                    })
                {
                    eprintln!("    {what}");
                }
            }
        }
    }
}

/// CSDL types that have a resource or enum page in `folder`, by the page's file name
/// (`intune-deviceconfig-manageddevicecertificatestate.md` → `managedDeviceCertificateState`,
/// `termstore-group.md` → `group`) in the namespace its "Namespace:" line gives, and the enum
/// types its headings name.
fn paged_types<'c>(csdl: &'c Csdl, folder: &Path) -> Vec<&'c CsdlType> {
    let mut found: BTreeMap<String, &CsdlType> = BTreeMap::new();
    for entry in std::fs::read_dir(folder.join("resources"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let file = entry.file_name().to_string_lossy().to_ascii_lowercase();
        let Some(stem) = file.strip_suffix(".md") else {
            continue;
        };
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        let namespace = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Namespace:"))
            .map_or("microsoft.graph".to_owned(), |n| {
                n.trim().to_ascii_lowercase()
            });
        // Enums defined in passing under a heading ("### termGroupScope values") have a page too.
        for heading in text.lines().filter(|l| l.starts_with('#')) {
            for word in heading.split(|c: char| !c.is_ascii_alphanumeric()) {
                let key = format!("{namespace}.{}", word.to_ascii_lowercase());
                if let Some(t) = csdl.types.get(&key).filter(|t| t.kind == Kind::Enum) {
                    found.insert(key, t);
                }
            }
        }
        let candidates = [Some(stem), stem.rsplit_once('-').map(|(_, last)| last)];
        for name in candidates.into_iter().flatten() {
            if let Some(t) = csdl.types.get(&format!("{namespace}.{name}")) {
                found.insert(format!("{namespace}.{name}"), t);
                break;
            }
        }
    }
    found.into_values().collect()
}

fn model_chain(
    model: &BTreeMap<String, &TypeDef>,
    t: &TypeDef,
) -> BTreeMap<String, (String, bool)> {
    let mut out = BTreeMap::new();
    let mut current = Some(t);
    let mut seen = 0;
    while let Some(t) = current {
        for p in t.properties.iter().chain(&t.relationships) {
            out.entry(p.name.to_ascii_lowercase())
                .or_insert_with(|| (p.type_name.to_ascii_lowercase(), p.collection));
        }
        seen += 1;
        current = t
            .base
            .as_ref()
            .and_then(|b| model.get(&b.to_ascii_lowercase()).copied())
            .filter(|_| seen < 64);
    }
    out
}

fn measure(csdl: &Csdl, folder: &Path, model: &Model) -> Figures {
    let by_name: BTreeMap<String, &TypeDef> = model
        .types
        .iter()
        .map(|t| (t.name.to_ascii_lowercase(), t))
        .collect();
    let mut f = Figures::default();
    let truths = paged_types(csdl, folder);
    let paged: BTreeSet<(String, String)> = truths
        .iter()
        .map(|t| {
            (
                t.namespace.to_ascii_lowercase(),
                t.name.to_ascii_lowercase(),
            )
        })
        .collect();
    for &truth in &truths {
        f.types.1 += 1;
        let Some(ours) = by_name.get(&truth.name.to_ascii_lowercase()) else {
            f.miss("type missing", truth.name.clone());
            continue;
        };
        f.types.0 += 1;
        if truth.kind == Kind::Enum {
            count_members(&mut f, truth, ours);
            continue;
        }
        // Structural properties are the asserted figures; navigation properties (documented as
        // relationships, and far more often missing from the docs) are counted apart. A name is
        // matched across both lists: docs sometimes file one under the other.
        let documented = |t: &CsdlType| {
            paged.contains(&(
                t.namespace.to_ascii_lowercase(),
                t.name.to_ascii_lowercase(),
            ))
        };
        let everything = |_: &CsdlType| true;
        let theirs = csdl.chain_properties(truth, false, &documented);
        let full_chain = csdl.chain_properties(truth, false, &everything);
        let their_nav = csdl.chain_properties(truth, true, &everything);
        let mine = model_chain(&by_name, ours);
        f.relationship_recall.1 += their_nav.len();
        f.relationship_recall.0 += their_nav.keys().filter(|n| mine.contains_key(*n)).count();
        f.recall.1 += theirs.len();
        f.precision.1 += mine.len();
        for (name, (ty, collection)) in &theirs {
            let Some((my_ty, my_collection)) = mine.get(name) else {
                f.miss("property missing", format!("{}.{name}", truth.name));
                continue;
            };
            f.recall.0 += 1;
            f.type_accuracy.1 += 1;
            if my_ty == ty && my_collection == collection {
                f.type_accuracy.0 += 1;
            } else {
                f.miss(
                    "property mistyped",
                    format!(
                        "{}.{name}: {my_ty}{} vs {ty}{}",
                        truth.name,
                        if *my_collection { "[]" } else { "" },
                        if *collection { "[]" } else { "" }
                    ),
                );
            }
        }
        f.full_chain_recall.1 += full_chain.len();
        f.full_chain_recall.0 += full_chain.keys().filter(|n| mine.contains_key(*n)).count();
        for name in mine.keys() {
            if full_chain.contains_key(name) || their_nav.contains_key(name) {
                f.precision.0 += 1;
            } else {
                f.miss("property extra", format!("{}.{name}", truth.name));
            }
        }
    }
    // Enum types with no page of their own whose members a paged type's property lists
    // ("Possible values are: …"): counted apart, over the enums the model has members for.
    let mut inline: BTreeMap<String, &CsdlType> = BTreeMap::new();
    for truth in &truths {
        for (_, (ty, _)) in csdl.chain_properties(truth, false, &|_| true) {
            for ns in [
                truth.namespace.to_ascii_lowercase(),
                "microsoft.graph".to_owned(),
            ] {
                let key = format!("{ns}.{ty}");
                if let Some(e) = csdl.types.get(&key).filter(|e| e.kind == Kind::Enum) {
                    if !paged.contains(&(ns.clone(), ty.clone())) {
                        inline.insert(key, e);
                    }
                    break;
                }
            }
        }
    }
    for truth in inline.values() {
        // An enum whose values no page lists is undocumented, not misread: only enums the
        // pages give values for are counted, like types with a page.
        if let Some(ours) = by_name.get(&truth.name.to_ascii_lowercase()) {
            if !ours.members.is_empty() {
                f.inline_enums += 1;
                count_members(&mut f, truth, ours);
            }
        }
    }
    f
}

/// The sentinel the service appends to its evolvable enums. Pages often leave it out (the
/// generated enums' fallback variant makes it redundant for users), so member figures are also
/// given without it: what remains measures how the pages were read.
const SENTINEL: &str = "unknownFutureValue";

fn count_members(f: &mut Figures, truth: &CsdlType, ours: &TypeDef) {
    let theirs: BTreeSet<&str> = truth.members.iter().map(String::as_str).collect();
    let mine: BTreeSet<&str> = ours.members.iter().map(|m| m.name.as_str()).collect();
    let found = theirs.intersection(&mine).count();
    f.member_recall.0 += found;
    f.member_recall.1 += theirs.len();
    f.member_precision.0 += found;
    f.member_precision.1 += mine.len();
    let real = |set: &BTreeSet<&str>| set.iter().filter(|m| **m != SENTINEL).count();
    let found_real = theirs
        .intersection(&mine)
        .filter(|m| **m != SENTINEL)
        .count();
    f.sentinel_free_member_recall.0 += found_real;
    f.sentinel_free_member_recall.1 += real(&theirs);
    f.sentinel_free_member_precision.0 += found_real;
    f.sentinel_free_member_precision.1 += real(&mine);
    for m in theirs.difference(&mine) {
        f.miss("member missing", format!("{}.{m}", truth.name));
    }
    for m in mine.difference(&theirs) {
        f.miss("member extra", format!("{}.{m}", truth.name));
    }
}

/// The least each figure must reach, in the order type recall, property recall, property
/// precision, property type accuracy, enum member recall, enum member precision, and the two
/// member figures without the `unknownFutureValue` sentinel.
type Floors = [f64; 8];

fn check_folder(folder_name: &str, floors: Floors) {
    let Some(corpus) = corpus() else {
        eprintln!("metadata {folder_name}: skipped: ../shared/corpus not found");
        return;
    };
    let xml = std::fs::read_to_string(corpus.join("metadata/graph-beta-2021-06.csdl.xml")).unwrap();
    let csdl = Csdl::parse(&xml);
    let run = docgen::build_model_in(&corpus, &[PathBuf::from(folder_name)]);
    let figures = measure(&csdl, &corpus.join(folder_name), &run.model);
    figures.print(folder_name);
    let labelled = [
        ("type recall", figures.types),
        ("property recall", figures.recall),
        ("property precision", figures.precision),
        ("property type accuracy", figures.type_accuracy),
        ("enum member recall", figures.member_recall),
        ("enum member precision", figures.member_precision),
        (
            "enum member recall without the sentinel",
            figures.sentinel_free_member_recall,
        ),
        (
            "enum member precision without the sentinel",
            figures.sentinel_free_member_precision,
        ),
    ];
    for ((label, pair), floor) in labelled.into_iter().zip(floors) {
        assert!(
            ratio(pair) >= floor,
            "{folder_name}: {label} {:.2}% is under {:.1}%",
            100.0 * ratio(pair),
            100.0 * floor
        );
    }
}

/// The bar for the newest Intune pages.
#[test]
fn intune_2021_07_matches_the_metadata() {
    check_folder(
        "graph-beta-intune-2021-07",
        [0.995, 0.985, 0.996, 0.995, 0.995, 0.995, 0.995, 0.995],
    );
}

/// Pages 18 months older than the metadata: recall is bounded by what the service added
/// since (measured: 93.2% of properties and 96.5% of members are documented at all), while
/// what the pages do say must still be read right.
#[test]
fn intune_2020_01_matches_the_metadata() {
    check_folder(
        "graph-beta-intune-2020-01",
        [0.995, 0.92, 0.996, 0.995, 0.96, 0.995, 0.96, 0.995],
    );
}

/// The 97% bar for hand-written pages. Strict member recall falls short on this sample
/// for a reason in the pages themselves: six enums' value lists leave out the
/// `unknownFutureValue` sentinel the service appends (`educationGender`, `registryHive`, …), so
/// 92.5% is what a faithful reader gets; without the sentinel every member is found. Precision
/// misses are `peSha1`/`peSha256`, documented but not yet in the June 2021 metadata.
#[test]
fn handwritten_pages_match_the_metadata() {
    check_folder(
        "graph-beta-handwritten-dev",
        [0.97, 0.97, 0.97, 0.97, 0.92, 0.97, 0.97, 0.97],
    );
}
