//! Rendering a [`Report`]: human text (grouped by operation, then by type), a Markdown PR
//! comment, JSON (one object per change; field names are stable and documented in the
//! README) and GitHub Actions annotations.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::rules::{Change, Impact, Kind};
use super::Report;

/// Where a change is in a spec file: the file and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
}

/// Finds the place of a change's pointer (the diff command asks the loaded specs).
pub type Locator<'a> = &'a dyn Fn(&Change) -> Option<Place>;

const IMPACTS: [Impact; 3] = [Impact::Breaking, Impact::Additive, Impact::Patch];

/// Human text. `color` adds ANSI colours (only for a terminal).
pub fn text(report: &Report, color: bool) -> String {
    let paint = |impact: Impact| {
        let label = format!("{:<8}", impact.as_str());
        if !color {
            return label;
        }
        let code = match impact {
            Impact::Breaking => "31;1",
            Impact::Additive => "32",
            Impact::Patch => "2",
        };
        format!("\x1b[{code}m{label}\x1b[0m")
    };
    let mut out = String::new();
    let mut current: Option<(bool, &str)> = None;
    for change in &report.changes {
        let group = group_of(change);
        if current != Some(group) {
            if group.0 && current.is_none_or(|(was_type, _)| !was_type) {
                out.push_str("types:\n");
            } else if current.is_none() {
                out.push_str("operations:\n");
            }
            let _ = writeln!(out, "  {}", group.1);
            current = Some(group);
        }
        let _ = writeln!(out, "    {} {} [{}]", paint(change.impact), change.message, change.rust_item);
    }
    if !report.ignored.is_empty() {
        out.push_str("ignored:\n");
        for (change, reason) in &report.ignored {
            let _ =
                writeln!(out, "    {} {} [{}] ({reason})", change.impact.as_str(), change.message, change.rust_item);
        }
    }
    out.push_str(&summary_text(report));
    out
}

fn group_of(change: &Change) -> (bool, &str) {
    match (&change.operation_id, &change.type_name) {
        (Some(id), _) => (false, id.as_str()),
        (None, Some(name)) => (true, name.as_str()),
        (None, None) => (true, ""),
    }
}

fn summary_text(report: &Report) -> String {
    let mut out = format!("summary: {}", report.summary_line());
    if !report.ignored.is_empty() {
        let _ = write!(out, " ({} ignored)", report.ignored.len());
    }
    out.push('\n');
    for (kind, counts) in by_kind(report) {
        let parts: Vec<String> =
            IMPACTS.iter().filter(|i| counts[i] > 0).map(|i| format!("{} {}", counts[i], i.as_str())).collect();
        let _ = writeln!(out, "  {:<13} {}", kind.as_str(), parts.join(", "));
    }
    out
}

fn by_kind(report: &Report) -> BTreeMap<Kind, BTreeMap<Impact, usize>> {
    let mut table: BTreeMap<Kind, BTreeMap<Impact, usize>> = BTreeMap::new();
    for ((kind, impact), count) in report.counts() {
        let row = table.entry(kind).or_insert_with(|| IMPACTS.iter().map(|&i| (i, 0)).collect());
        row.insert(impact, count);
    }
    table
}

/// A Markdown comment for a pull request: the summary table, then breaking changes first.
pub fn markdown(report: &Report) -> String {
    let mut out = String::from("## API changes\n\n");
    if report.changes.is_empty() && report.ignored.is_empty() {
        out.push_str("No API change.\n");
        return out;
    }
    let _ = writeln!(out, "**{}**\n", report.summary_line());
    out.push_str("| kind | breaking | additive | patch |\n|---|---:|---:|---:|\n");
    for (kind, counts) in by_kind(report) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            kind.as_str(),
            counts[&Impact::Breaking],
            counts[&Impact::Additive],
            counts[&Impact::Patch]
        );
    }
    for impact in IMPACTS {
        let changes: Vec<&Change> = report.changes.iter().filter(|c| c.impact == impact).collect();
        if changes.is_empty() {
            continue;
        }
        let title = match impact {
            Impact::Breaking => "Breaking changes",
            Impact::Additive => "Additive changes",
            Impact::Patch => "Patch changes",
        };
        // Long lists of minor changes stay folded so that breaking ones stand out.
        let folded = impact != Impact::Breaking;
        if folded {
            let _ = writeln!(out, "\n<details><summary>{title} ({})</summary>\n", changes.len());
        } else {
            let _ = writeln!(out, "\n### {title} ({})\n", changes.len());
        }
        out.push_str("| where | Rust item | change |\n|---|---|---|\n");
        for change in changes {
            let _ =
                writeln!(out, "| {} | `{}` | {} |", cell(group_of(change).1), change.rust_item, cell(&change.message));
        }
        if folded {
            out.push_str("\n</details>\n");
        }
    }
    if !report.ignored.is_empty() {
        let _ = writeln!(out, "\n### Ignored ({})\n", report.ignored.len());
        out.push_str("| impact | Rust item | change | reason |\n|---|---|---|---|\n");
        for (change, reason) in &report.ignored {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                change.impact.as_str(),
                change.rust_item,
                cell(&change.message),
                cell(reason)
            );
        }
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: JsonSummary,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    breaking: usize,
    additive: usize,
    patch: usize,
    ignored: usize,
    by_kind: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
    current_version: Option<String>,
    next_version: Option<String>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    #[serde(flatten)]
    change: &'a Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    ignored: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    ignore_reason: Option<&'a str>,
}

/// JSON: `{"summary": {...}, "changes": [{...}, ...]}`, ignored changes included and marked.
pub fn json(report: &Report, locate: Locator<'_>) -> String {
    let mut changes = Vec::new();
    let counted = report.changes.iter().map(|c| (c, None));
    let ignored = report.ignored.iter().map(|(c, reason)| (c, Some(reason.as_str())));
    for (change, reason) in counted.chain(ignored) {
        let place = locate(change);
        changes.push(JsonChange {
            change,
            file: place.as_ref().map(|p| p.file.clone()),
            line: place.map(|p| p.line),
            ignored: reason.is_some(),
            ignore_reason: reason,
        });
    }
    let by_kind = by_kind(report)
        .into_iter()
        .map(|(kind, counts)| (kind.as_str(), counts.into_iter().map(|(i, n)| (i.as_str(), n)).collect()))
        .collect();
    let summary = JsonSummary {
        breaking: report.count(Impact::Breaking),
        additive: report.count(Impact::Additive),
        patch: report.count(Impact::Patch),
        ignored: report.ignored.len(),
        by_kind,
        current_version: report.current_version.as_ref().map(ToString::to_string),
        next_version: report.next_version().map(|v| v.to_string()),
    };
    let mut text =
        serde_json::to_string_pretty(&JsonReport { summary, changes }).expect("the report always serializes");
    text.push('\n');
    text
}

/// GitHub Actions workflow commands: `::error` for breaking changes, `::warning` for
/// additive ones, `::notice` for patches, each at the spec line of its pointer when found.
pub fn github(report: &Report, locate: Locator<'_>) -> String {
    let mut out = String::new();
    for change in &report.changes {
        let command = match change.impact {
            Impact::Breaking => "error",
            Impact::Additive => "warning",
            Impact::Patch => "notice",
        };
        let mut properties = Vec::new();
        if let Some(place) = locate(change) {
            properties.push(format!("file={}", property(&place.file)));
            properties.push(format!("line={}", place.line));
        }
        let title = format!("{} API change: {}", change.impact.as_str(), change.rust_item);
        properties.push(format!("title={}", property(&title)));
        let message = format!("{} ({})", change.message, change.pointer);
        let _ = writeln!(out, "::{command} {}::{}", properties.join(","), data(&message));
    }
    let _ = writeln!(out, "::notice title=API change summary::{}", data(&report.summary_line()));
    out
}

/// Escapes a workflow command's message.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
