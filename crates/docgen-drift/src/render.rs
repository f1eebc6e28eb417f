//! The drift report as markdown, for a pull-request comment: counts first, then breaking
//! changes grouped by type, then additive changes folded away in a `<details>` block.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::{Change, ChangeKind, Report};

/// Which row of the counts table a change belongs to.
fn family(kind: ChangeKind) -> &'static str {
    use ChangeKind::*;
    match kind {
        TypeAdded | TypeRemoved | TypeKindChanged | BaseChanged => "types",
        PropertyAdded
        | PropertyRemoved
        | PropertyRetyped
        | PropertyMadeCollection
        | PropertyMadeSingle => "properties",
        RelationshipAdded | RelationshipRemoved | RelationshipRetyped => "relationships",
        MemberAdded | MemberRemoved | MemberRenumbered => "enum members",
        RouteAdded
        | RouteRemoved
        | RouteRequestChanged
        | RouteResponseChanged
        | RouteStatusChanged
        | RoutePermissionsChanged
        | RouteOperationChanged => "routes",
    }
}

const FAMILIES: [&str; 5] = [
    "types",
    "properties",
    "relationships",
    "enum members",
    "routes",
];

fn words(kind: ChangeKind) -> String {
    let json = serde_json::to_value(kind).ok();
    let snake = json.as_ref().and_then(|v| v.as_str()).unwrap_or("change");
    snake.replace('_', " ")
}

/// Renders the report as markdown.
pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let s = report.summary;
    let _ = writeln!(
        out,
        "## docgen drift: {} breaking, {} additive\n",
        s.breaking, s.additive
    );
    if report.changes.is_empty() {
        out.push_str("No change to the model: the generated crate's API is unchanged.\n");
        return out;
    }
    out.push_str("| | breaking | additive |\n|---|---:|---:|\n");
    for fam in FAMILIES {
        let count = |breaking: bool| {
            report
                .changes
                .iter()
                .filter(|c| family(c.change) == fam && c.breaking == breaking)
                .count()
        };
        let (b, a) = (count(true), count(false));
        if b + a > 0 {
            let _ = writeln!(out, "| {fam} | {b} | {a} |");
        }
    }
    out.push('\n');
    let breaking: Vec<&Change> = report.changes.iter().filter(|c| c.breaking).collect();
    let additive: Vec<&Change> = report.changes.iter().filter(|c| !c.breaking).collect();
    if !breaking.is_empty() {
        out.push_str("### Breaking changes\n\n");
        grouped(&mut out, &breaking);
    }
    if !additive.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} additive changes</summary>\n",
            additive.len()
        );
        grouped(&mut out, &additive);
        out.push_str("</details>\n");
    }
    out
}

/// Lists changes under a heading per type, routes last.
fn grouped(out: &mut String, changes: &[&Change]) {
    let mut groups: BTreeMap<(bool, String), Vec<&Change>> = BTreeMap::new();
    for c in changes {
        let key = match &c.type_name {
            Some(t) => (false, format!("`{t}`")),
            None => (true, "Routes".to_owned()),
        };
        groups.entry(key).or_default().push(c);
    }
    for ((_, title), list) in groups {
        let _ = writeln!(out, "#### {title}\n");
        for c in list {
            let _ = writeln!(out, "- {}", line(c));
        }
        out.push('\n');
    }
}

fn code(text: &str) -> String {
    // A backtick inside the text would end the code span early.
    format!("`{}`", text.replace('`', "'"))
}

fn line(c: &Change) -> String {
    let mut text = format!("**{}**", words(c.change));
    if let Some(name) = &c.name {
        let _ = write!(text, " {}", code(name));
    }
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => {
            let _ = write!(text, ": {} → {}", code(o), code(n));
        }
        (Some(o), None) => {
            let _ = write!(text, " (was {})", code(o));
        }
        (None, Some(n)) => {
            let _ = write!(text, " ({})", code(n));
        }
        (None, None) => {}
    }
    if let Some(hint) = &c.hint {
        let _ = write!(text, " — {hint}");
    }
    let at = match (&c.old_source, &c.new_source) {
        (Some(o), Some(n)) if o != n => Some(format!("{o} → {n}")),
        (_, Some(n)) => Some(n.clone()),
        (Some(o), None) => Some(o.clone()),
        (None, None) => None,
    };
    if let Some(at) = at {
        let _ = write!(text, " <sub>{at}</sub>");
    }
    text
}
