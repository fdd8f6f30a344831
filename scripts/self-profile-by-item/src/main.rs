//! Reads a rustc `-Z self-profile` file recorded with query keys
//! (`-Z self-profile-events=default,query-keys`) and prints where the compiler spent its
//! time: self time per query, then, for the queries that check and build one item at a time
//! (type checking, borrow checking, MIR building, well-formedness, ...), inclusive time summed
//! by the kind of item: its module (`models`, `operations`, `runtime`) and what it is (a
//! trait method such as `fmt` or `deserialize`, an opaque return type, a type, an impl), and
//! the same summed by module alone, where the kinds too small for the list (each setter is a
//! kind of its own) are counted too.
//!
//! Usage: `self-profile-by-item PATH/crate-PID [--all]` (the profile file without
//! `.mm_profdata`; `--all`: every row of both lists rather than the largest 40 and 80).

use std::collections::HashMap;
use std::path::Path;

use analyzeme::{EventPayload, ProfilingData, Timestamp};

/// The queries reported by item kind: the per-item work of checking and building a crate.
const PER_ITEM_QUERIES: &[&str] = &[
    "typeck",
    "mir_borrowck",
    "mir_built",
    "mir_promoted",
    "mir_drops_elaborated_and_const_checked",
    "optimized_mir",
    "check_well_formed",
    "thir_body",
];

fn main() {
    let Some(stem) = std::env::args().nth(1) else {
        eprintln!("usage: self-profile-by-item PATH/crate-PID [--all] (without .mm_profdata)");
        std::process::exit(2);
    };
    let all = std::env::args().nth(2).as_deref() == Some("--all");
    let data = match ProfilingData::new(Path::new(&stem)) {
        Ok(data) => data,
        Err(error) => {
            eprintln!("{stem}: {error}");
            std::process::exit(1);
        }
    };
    let mut by_thread: HashMap<u32, Vec<Interval>> = HashMap::new();
    for event in data.iter_full() {
        let EventPayload::Timestamp(Timestamp::Interval { start, end }) = event.payload else { continue };
        let nanos = |t: std::time::SystemTime| t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        by_thread.entry(event.thread_id).or_default().push(Interval {
            start: nanos(start),
            end: nanos(end),
            label: event.label.to_string(),
            key: event.additional_data.first().map(|key| key.to_string()).unwrap_or_default(),
        });
    }
    let mut self_time: HashMap<String, u128> = HashMap::new();
    let mut by_item: HashMap<(String, String), (u128, usize)> = HashMap::new();
    for (_, mut intervals) in by_thread {
        // Parents before their children: by start, the longer first.
        intervals.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // Open intervals with the time of their children so far.
        let mut open: Vec<(Interval, u128)> = Vec::new();
        for interval in intervals {
            close_until(&mut open, interval.start, &mut self_time);
            if PER_ITEM_QUERIES.contains(&interval.label.as_str()) && !interval.key.is_empty() {
                let entry = by_item.entry((interval.label.clone(), item_kind(&interval.key))).or_default();
                entry.0 += interval.end - interval.start;
                entry.1 += 1;
            }
            open.push((interval, 0));
        }
        close_until(&mut open, u128::MAX, &mut self_time);
    }
    let mut self_time: Vec<_> = self_time.into_iter().collect();
    self_time.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    println!("self time by query (ms)");
    for (label, nanos) in self_time.iter().take(if all { usize::MAX } else { 40 }) {
        println!("{:10.1}  {label}", *nanos as f64 / 1e6);
    }
    let mut by_item: Vec<_> = by_item.into_iter().collect();
    by_item.sort_by_key(|entry| std::cmp::Reverse(entry.1 .0));
    println!("\ninclusive time by query and item kind (ms, items)");
    for ((label, kind), (nanos, count)) in by_item.iter().take(if all { usize::MAX } else { 80 }) {
        println!("{:10.1} {count:7}  {label:40} {kind}", *nanos as f64 / 1e6);
    }
    let mut by_module: HashMap<(String, &str), (u128, usize)> = HashMap::new();
    for ((label, kind), (nanos, count)) in &by_item {
        let module = kind.split(':').next().unwrap_or_default();
        let entry = by_module.entry((label.clone(), module)).or_default();
        entry.0 += nanos;
        entry.1 += count;
    }
    let mut by_module: Vec<_> = by_module.into_iter().collect();
    by_module.sort_by_key(|entry| std::cmp::Reverse(entry.1 .0));
    println!("\ninclusive time by query and module (ms, items)");
    for ((label, module), (nanos, count)) in &by_module {
        println!("{:10.1} {count:7}  {label:40} {module}", *nanos as f64 / 1e6);
    }
}

struct Interval {
    start: u128,
    end: u128,
    label: String,
    key: String,
}

/// Closes the open intervals that end by `until`, adding their self time (their length less
/// their children's) to their query's.
fn close_until(open: &mut Vec<(Interval, u128)>, until: u128, self_time: &mut HashMap<String, u128>) {
    while open.last().is_some_and(|(interval, _)| interval.end <= until) {
        let Some((interval, children)) = open.pop() else { break };
        let length = interval.end - interval.start;
        *self_time.entry(interval.label).or_default() += length.saturating_sub(children);
        if let Some((_, parent_children)) = open.last_mut() {
            *parent_children += length;
        }
    }
}

/// An item's kind from its def path (`crate::operations::tag::{{impl}}[3]::send::{{opaque}}`):
/// the generated crate's module it is in, and its last named segment when that is a method
/// (`{{impl}}::fmt`), else whether it is an impl, a type or a function.
fn item_kind(key: &str) -> String {
    let module = ["models", "operations", "runtime"]
        .into_iter()
        .find(|module| key.contains(&format!("::{module}::")))
        .unwrap_or("other");
    let segments: Vec<&str> = key.split("::").collect();
    let last = segments.last().copied().unwrap_or_default();
    let kind = if last == "{{opaque}}" {
        format!("{}: opaque type", segments.get(segments.len().wrapping_sub(2)).copied().unwrap_or_default())
    } else if last.starts_with("{{impl}}") {
        "impl".to_owned()
    } else if last.starts_with("{{closure}}") {
        "closure".to_owned()
    } else if key.contains("{{impl}}") {
        format!("method {last}")
    } else if last.starts_with(|c: char| c.is_ascii_uppercase()) {
        "type".to_owned()
    } else {
        "function".to_owned()
    };
    format!("{module}: {kind}")
}
