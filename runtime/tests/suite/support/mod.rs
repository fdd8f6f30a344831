//! A fake transport that answers from memory and records what it was sent, and the pieces of
//! a request the tests send. No socket is opened.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use specforge_runtime::{ApiDefaults, BoxFuture, Request, Transport, TransportError};

pub const DEFAULTS: ApiDefaults = ApiDefaults {
    base_url: "https://api.example.test",
    user_agent: "runtime-tests/1.0",
    oauth_token_url: None,
    oauth_token_path: Some("/oauth/token"),
};

/// A path parameter value the tests treat as secret: it must never reach tracing.
pub const SECRET_PATH_VALUE: &str = "acct-SECRET-4242";

/// A GET of `/accounts/{accountId}/items` with [`SECRET_PATH_VALUE`] as the account.
pub fn get_items() -> Request {
    Request {
        operation_id: "listItems",
        method: http::Method::GET,
        path_template: "/accounts/{accountId}/items",
        path: format!("/accounts/{SECRET_PATH_VALUE}/items"),
        query: vec![("page", "2".to_owned()).into()],
        headers: vec![("X-Request-Tag", "t-1".to_owned())],
        accept: Some("application/json"),
        body: None,
        secrets: &[],
    }
}

/// A response with a status, headers and a body.
pub fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Bytes> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from(body.to_owned())).expect("a valid test response")
}

/// Answers with the queued responses in order (the last one again when the queue runs
/// out) and keeps every request it was sent.
#[derive(Clone, Default)]
pub struct FakeTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    answers: VecDeque<http::Response<Bytes>>,
    sent: Vec<http::Request<Bytes>>,
}

impl FakeTransport {
    pub fn answering(answers: Vec<http::Response<Bytes>>) -> Self {
        let transport = FakeTransport::default();
        transport.state.lock().unwrap().answers = answers.into();
        transport
    }

    pub fn sent(&self) -> Vec<http::Request<Bytes>> {
        self.state.lock().unwrap().sent.clone()
    }
}

impl Transport for FakeTransport {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let mut state = self.state.lock().unwrap();
        state.sent.push(request);
        let answer = if state.answers.len() > 1 { state.answers.pop_front() } else { state.answers.front().cloned() };
        Box::pin(std::future::ready(
            answer.ok_or_else(|| TransportError::Custom("the fake transport has no answer queued".into())),
        ))
    }
}
