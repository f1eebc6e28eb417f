//! Drift reports: snapshotted for the seed pages of different years and for the two Intune
//! corpus versions, and checked against a difference of the two models computed here
//! independently, from their JSON.

/// Figures go to the process's stderr directly: the test harness captures `eprintln!` of
/// passing tests, and CI's log should show them.
macro_rules! report {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use docgen_drift::ChangeKind;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn corpus() -> Option<PathBuf> {
    let path = root().join("../shared/corpus");
    path.is_dir().then_some(path)
}

fn model(base: &Path, path: &str) -> docgen_model::Model {
    docgen::build_model_in(base, &[PathBuf::from(path)]).model
}

#[test]
fn seeds_oldest_to_newest_page() {
    // 003 (copied text, the oldest) and 000 (markdown, ms.date 2024) document the same type.
    let old = model(&root(), "docs-input/003_f1e4ca26a994d8e6.txt");
    let new = model(&root(), "docs-input/000_283f7b380b2b2f3e.txt");
    let report = docgen_drift::diff(&old, &new);
    insta::assert_snapshot!("seeds_markdown", docgen_drift::markdown(&report));
    insta::assert_snapshot!("seeds_json", serde_json::to_string_pretty(&report).unwrap());
    let removed: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| c.change == ChangeKind::PropertyRemoved)
        .filter_map(|c| c.name.as_deref())
        .collect();
    assert_eq!(removed, ["enhancedKeyUsage", "serverUrl"]);
    assert!(report
        .changes
        .iter()
        .all(|c| c.change != ChangeKind::PropertyRemoved || c.breaking));
    assert!(report.has_breaking());
}

/// Facts of a model, read from its JSON as `docgen model` prints it.
#[derive(Default)]
struct Facts {
    types: BTreeSet<String>,
    properties: BTreeMap<(String, String), (String, bool)>,
    members: BTreeSet<(String, String)>,
    routes: BTreeSet<String>,
}

fn facts(model: &docgen_model::Model) -> Facts {
    let json: Value = serde_json::to_value(model).unwrap();
    let mut f = Facts::default();
    for t in json["types"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap().to_ascii_lowercase();
        f.types.insert(name.clone());
        for p in t["properties"].as_array().unwrap() {
            let key = (name.clone(), p["name"].as_str().unwrap().to_owned());
            let ty = p["type"].as_str().unwrap().to_ascii_lowercase();
            f.properties
                .insert(key, (ty, p["collection"].as_bool().unwrap()));
        }
        for m in t["members"].as_array().unwrap() {
            f.members
                .insert((name.clone(), m["name"].as_str().unwrap().to_owned()));
        }
    }
    for r in json["routes"].as_array().unwrap() {
        f.routes.insert(format!(
            "{} {}",
            r["method"].as_str().unwrap(),
            r["path"].as_str().unwrap()
        ));
    }
    f
}

fn set<T: Ord + Clone>(a: &BTreeSet<T>, minus: &BTreeSet<T>) -> BTreeSet<T> {
    a.difference(minus).cloned().collect()
}

#[test]
fn intune_2020_to_2021_agrees_with_the_model_difference() {
    let Some(corpus) = corpus() else {
        eprintln!("drift: skipped: ../shared/corpus not found");
        return;
    };
    let old = model(&corpus, "graph-beta-intune-2020-01");
    let new = model(&corpus, "graph-beta-intune-2021-07");
    let report = docgen_drift::diff(&old, &new);
    let (o, n) = (facts(&old), facts(&new));

    let reported = |kinds: &[ChangeKind], with_name: bool| -> BTreeSet<(String, String)> {
        report
            .changes
            .iter()
            .filter(|c| kinds.contains(&c.change))
            .map(|c| {
                let t = c.type_name.clone().unwrap_or_default().to_ascii_lowercase();
                let name = if with_name {
                    c.name.clone().unwrap_or_default()
                } else {
                    String::new()
                };
                (t, name)
            })
            .collect()
    };
    let types_only = |s: BTreeSet<String>| {
        s.into_iter()
            .map(|t| (t, String::new()))
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        reported(&[ChangeKind::TypeAdded], false),
        types_only(set(&n.types, &o.types))
    );
    assert_eq!(
        reported(&[ChangeKind::TypeRemoved], false),
        types_only(set(&o.types, &n.types))
    );

    // Properties of types on both sides: added, removed, retyped.
    let common = |t: &String| o.types.contains(t) && n.types.contains(t);
    let keys = |f: &Facts| {
        f.properties
            .keys()
            .filter(|(t, _)| common(t))
            .cloned()
            .collect::<BTreeSet<_>>()
    };
    let (ok, nk) = (keys(&o), keys(&n));
    assert_eq!(reported(&[ChangeKind::PropertyAdded], true), set(&nk, &ok));
    assert_eq!(
        reported(&[ChangeKind::PropertyRemoved], true),
        set(&ok, &nk)
    );
    let retyped: BTreeSet<(String, String)> = ok
        .intersection(&nk)
        .filter(|k| o.properties[*k] != n.properties[*k])
        .cloned()
        .collect();
    let retyped_kinds = [
        ChangeKind::PropertyRetyped,
        ChangeKind::PropertyMadeCollection,
        ChangeKind::PropertyMadeSingle,
    ];
    assert_eq!(reported(&retyped_kinds, true), retyped);

    let members = |f: &Facts| {
        f.members
            .iter()
            .filter(|(t, _)| common(t))
            .cloned()
            .collect::<BTreeSet<_>>()
    };
    let (om, nm) = (members(&o), members(&n));
    assert_eq!(reported(&[ChangeKind::MemberAdded], true), set(&nm, &om));
    assert_eq!(reported(&[ChangeKind::MemberRemoved], true), set(&om, &nm));

    let routes = |kind| -> BTreeSet<String> {
        report
            .changes
            .iter()
            .filter(|c| c.change == kind)
            .filter_map(|c| c.name.clone())
            .collect()
    };
    assert_eq!(routes(ChangeKind::RouteAdded), set(&n.routes, &o.routes));
    assert_eq!(routes(ChangeKind::RouteRemoved), set(&o.routes, &n.routes));

    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    for c in &report.changes {
        *by_kind.entry(format!("{:?}", c.change)).or_default() += 1;
    }
    report!(
        "drift intune 2020-01 → 2021-07: {} breaking, {} additive; {by_kind:?}",
        report.summary.breaking,
        report.summary.additive
    );
    insta::assert_snapshot!("intune_2020_01_to_2021_07", docgen_drift::markdown(&report));
}
