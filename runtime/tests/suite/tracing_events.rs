//! The `tracing` record of a call, captured by a small subscriber: the `api_call` span's
//! fields, an event per attempt and per retry, and no secret anywhere (neither credentials nor
//! parameter values, which may be secret too).

use crate::support;

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use specforge_runtime::{ClientBuilder, Credentials, RetryPolicy};
use support::{answer, get_items, FakeTransport, DEFAULTS, SECRET_PATH_VALUE};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A span or an event with its fields as text.
#[derive(Debug, Clone, Default)]
struct Captured {
    name: String,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

impl Visit for Captured {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.fields.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.fields.push((field.name().to_owned(), value.to_owned()));
    }
}

/// Keeps every span (with the fields recorded later) and every event.
#[derive(Clone, Default)]
struct Capture {
    spans: Arc<Mutex<Vec<Captured>>>,
    events: Arc<Mutex<Vec<Captured>>>,
    next_id: Arc<AtomicU64>,
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let mut span = Captured { name: attributes.metadata().name().to_owned(), fields: Vec::new() };
        attributes.record(&mut span);
        let mut spans = self.spans.lock().unwrap();
        spans.push(span);
        self.next_id.store(spans.len() as u64, Ordering::SeqCst);
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        values.record(&mut spans[span.into_u64() as usize - 1]);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut captured = Captured { name: event.metadata().level().to_string(), fields: Vec::new() };
        event.record(&mut captured);
        self.events.lock().unwrap().push(captured);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn a_call_is_one_span_with_an_event_per_attempt_and_retry_and_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let transport = FakeTransport::answering(vec![
        answer(429, &[("retry-after", "0")], ""),
        answer(200, &[("set-cookie", "session=cookie-SECRET")], "{}"),
    ]);
    let client = ClientBuilder::new(DEFAULTS)
        .credentials(Credentials::bearer("bearer-SECRET"))
        .retry_policy(RetryPolicy { max_retries: 1, base_delay: Duration::from_millis(1), ..RetryPolicy::default() })
        .transport(transport.clone())
        .build()
        .unwrap();
    client.send(&get_items()).await.unwrap();
    assert_eq!(transport.sent().len(), 2);

    let spans = capture.spans.lock().unwrap().clone();
    let calls: Vec<&Captured> = spans.iter().filter(|s| s.name == "api_call").collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    let call = calls[0];
    assert_eq!(call.field("operation"), Some("listItems"));
    assert_eq!(call.field("method"), Some("GET"));
    assert_eq!(call.field("path"), Some("/accounts/{accountId}/items"), "the template, not the values");
    assert_eq!(call.field("status"), Some("200"));
    assert_eq!(call.field("attempts"), Some("2"));
    assert!(call.field("duration_ms").is_some(), "{call:?}");

    let events = capture.events.lock().unwrap().clone();
    let retry = events.iter().find(|e| e.field("message") == Some("retrying")).expect("a retry event");
    assert_eq!((retry.field("attempt"), retry.field("status")), (Some("1"), Some("429")));
    assert_eq!(retry.field("retry_delay_ms"), Some("0"));
    let attempts: Vec<_> = events.iter().filter(|e| e.field("message") == Some("response received")).collect();
    assert_eq!(attempts.len(), 2, "{events:?}");
    let finished = events.iter().find(|e| e.field("message") == Some("call finished")).expect("a final event");
    assert_eq!((finished.field("status"), finished.field("attempts")), (Some("200"), Some("2")));
    assert!(finished.field("duration_ms").is_some());

    let everything = format!("{spans:?}{events:?}");
    for secret in [SECRET_PATH_VALUE, "bearer-SECRET", "cookie-SECRET", "t-1", "page=2"] {
        assert!(!everything.contains(secret), "{secret} was traced: {everything}");
    }
}

#[tokio::test]
async fn a_call_without_a_response_records_the_failure() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let client = ClientBuilder::new(DEFAULTS).transport(FakeTransport::default()).build().unwrap();
    client.send(&get_items()).await.unwrap_err();

    let events = capture.events.lock().unwrap().clone();
    let failure = events.iter().find(|e| e.field("message") == Some("no response")).expect("a failure event");
    assert_eq!(failure.name, "WARN");
    assert!(failure.field("error").is_some_and(|e| e.contains("no answer queued")), "{failure:?}");
    let spans = capture.spans.lock().unwrap().clone();
    assert_eq!(spans[0].field("attempts"), Some("1"));
    assert_eq!(spans[0].field("status"), None, "no status without a response");
}
