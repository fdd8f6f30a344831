//! When each stage of one generation ran, and on which thread: `specforge generate --timings`
//! prints it to stderr. Finding where one core works while the other waits (the serial
//! parts of the pipeline) needs the stages' start and end on a common clock, which totals per
//! stage do not show. Stages that run as many small spans over several threads (building and
//! laying out each part of the sources) are totalled too, as thread time by group. Off unless
//! [`enable`] was called; a disabled span costs one atomic load.

use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

static TIMELINE: OnceLock<Timeline> = OnceLock::new();

struct Timeline {
    origin: Instant,
    spans: Mutex<Vec<Span>>,
}

/// One stage's run on one thread, as offsets from [`enable`].
#[derive(Debug, Clone)]
pub struct Span {
    pub label: String,
    /// The group whose spans the report totals (see [`span_in`]).
    pub group: Option<&'static str>,
    pub thread: String,
    pub start: Duration,
    pub end: Duration,
}

/// Starts recording; offsets are measured from this call.
pub fn enable() {
    TIMELINE.get_or_init(|| Timeline { origin: Instant::now(), spans: Mutex::new(Vec::new()) });
}

/// Records the time from now until the guard is dropped, when recording is on.
pub fn span(label: impl Into<String>) -> SpanGuard {
    SpanGuard(TIMELINE.get().map(|timeline| (label.into(), None, timeline.origin.elapsed())))
}

/// Like [`span`], for one of many spans of `group`, which the report also totals; the label is
/// only built when recording is on.
pub fn span_in(group: &'static str, label: impl FnOnce() -> String) -> SpanGuard {
    SpanGuard(TIMELINE.get().map(|timeline| (label(), Some(group), timeline.origin.elapsed())))
}

/// Records its span when dropped.
#[must_use = "the span ends when the guard is dropped"]
pub struct SpanGuard(Option<(String, Option<&'static str>, Duration)>);

impl Drop for SpanGuard {
    fn drop(&mut self) {
        let (Some((label, group, start)), Some(timeline)) = (self.0.take(), TIMELINE.get()) else { return };
        let end = timeline.origin.elapsed();
        let thread = std::thread::current().name().unwrap_or("unnamed").to_owned();
        timeline.spans.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Span {
            label,
            group,
            thread,
            start,
            end,
        });
    }
}

/// The spans recorded so far, by start time; empty when recording is off.
pub fn spans() -> Vec<Span> {
    let Some(timeline) = TIMELINE.get() else { return Vec::new() };
    let mut spans = timeline.spans.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    spans.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    spans
}

/// The spans as a table: start and end in milliseconds, duration, thread, stage; then, for
/// each group, a line with the sum of its spans' durations (thread time, in the order the
/// groups first started), its thread `all` and its stage `GROUP, all parts (N spans)`.
pub fn report(spans: &[Span]) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut out = String::from("   start      end  duration  thread      stage\n");
    let mut groups: Vec<(&str, Duration, usize)> = Vec::new();
    for span in spans {
        let duration = span.end.saturating_sub(span.start);
        out.push_str(&format!(
            "{:>8.1} {:>8.1} {:>9.1}  {:<10}  {}\n",
            ms(span.start),
            ms(span.end),
            ms(duration),
            span.thread,
            span.label
        ));
        if let Some(group) = span.group {
            match groups.iter_mut().find(|(name, ..)| *name == group) {
                Some((_, total, count)) => {
                    *total += duration;
                    *count += 1;
                }
                None => groups.push((group, duration, 1)),
            }
        }
    }
    for (group, total, count) in groups {
        out.push_str(&format!(
            "{:>8} {:>8} {:>9.1}  {:<10}  {group}, all parts ({count} spans)\n",
            "-",
            "-",
            ms(total),
            "all"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_recorded_with_their_thread_and_reported_in_start_order() {
        enable();
        {
            let _outer = span("outer stage");
            std::thread::Builder::new()
                .name("helper".to_owned())
                .spawn(|| {
                    drop(span("inner stage"));
                    drop(span_in("part", || "part 1".to_owned()));
                    drop(span_in("part", || "part 2".to_owned()));
                })
                .expect("thread starts")
                .join()
                .expect("thread ends");
        }
        let all = spans();
        let spans: Vec<Span> =
            all.iter().filter(|s| s.label == "outer stage" || s.label == "inner stage").cloned().collect();
        assert_eq!(spans.len(), 2, "{spans:?}");
        assert_eq!((spans[0].label.as_str(), spans[1].label.as_str()), ("outer stage", "inner stage"));
        assert_eq!(spans[1].thread, "helper");
        assert!(spans[0].start <= spans[1].start && spans[1].end <= spans[0].end, "{spans:?}");
        let report = report(&spans);
        assert!(report.lines().nth(2).is_some_and(|line| line.contains("helper") && line.ends_with("inner stage")));
        // The parts' total: the sum of their durations, on a line of its own after the spans.
        let parts: Vec<Span> = all.into_iter().filter(|s| s.group == Some("part")).collect();
        assert_eq!(parts.len(), 2, "{parts:?}");
        let report = super::report(&parts);
        let total = report.lines().last().expect("a total line");
        assert!(total.ends_with("  all         part, all parts (2 spans)"), "{report}");
        let sum: f64 = parts.iter().map(|s| (s.end - s.start).as_secs_f64() * 1000.0).sum();
        let shown: f64 = total.split_whitespace().nth(2).and_then(|v| v.parse().ok()).expect("a duration");
        assert!((shown - sum).abs() < 0.06, "{shown} vs {sum}: {report}");
    }
}
