//! Typed mocks (cargo feature `mock`): a [`Mock`] is a transport that answers each operation
//! from rules given with the crate's own types, and keeps what it was sent. It opens no
//! socket. The client in front of it is the real one, so a typed answer is serialized and
//! decoded again the way a server's would be, and retries, paging, streamed downloads,
//! credentials and typed errors behave as they do against a server.
//!
//! ```text
//! let mock = Mock::new();
//! mock.on(GetBackupRestoreJob::new(group, cluster, job)).answers(restore_job);
//! let client = Client::builder().transport(mock.clone()).build()?;
//! ```
//!
//! A rule matches a request of the same operation whose path is the one the given builder
//! builds, whose query holds every pair the builder sets (a listing's later pages add a page
//! number and still match) and, when the builder has a body, whose body is that body. Rules
//! are tried in the order they were given. A rule's answers are used in order, one per
//! request, and its last answer is repeated. A request no rule matches fails with
//! [`MockError::Unmatched`], naming the operation and its parameters. A client with
//! service-account credentials gets the token [`MOCK_TOKEN`] from the mock without a rule.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};

use super::call::Operation;
use super::client::OperationInfo;
use super::request::{redacted_path, redacted_value, BodyText};
use super::response::{mark_secret_headers, RedactedHeaders};
use super::transport::{BoxFuture, Transport, TransportError};

/// A transport answering from typed rules; clones share the rules and the record of what was
/// sent.
#[derive(Clone, Default)]
pub struct Mock {
    state: Arc<Mutex<MockState>>,
}

#[derive(Default)]
struct MockState {
    rules: Vec<Rule>,
    sent: Vec<SentRequest>,
}

/// What a rule matches, and its answers.
struct Rule {
    operation_id: &'static str,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    answers: Vec<MockAnswer>,
    /// How many requests the rule answered.
    used: usize,
}

impl fmt::Debug for Mock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("Mock").field("rules", &state.rules.len()).field("sent", &state.sent.len()).finish()
    }
}

impl Mock {
    /// A mock without rules: every request fails with [`MockError::Unmatched`].
    pub fn new() -> Self {
        Mock::default()
    }

    /// A rule for the requests `operation` builds: give its answers on what this returns.
    /// A builder whose parameters are invalid builds no request; its rule matches nothing,
    /// and the call fails with the same validation error it would against a server.
    pub fn on<O: Operation>(&self, operation: O) -> MockRule<'_, O> {
        let index = operation.build().ok().map(|request| {
            let mut state = self.lock();
            state.rules.push(Rule {
                operation_id: request.operation_id,
                method: request.method.clone(),
                path: request.path.clone(),
                query: request.query.iter().map(|pair| (pair.name.to_string(), pair.value.clone())).collect(),
                body: request.body.as_ref().filter(|body| !body.is_streamed()).map(|body| body.bytes.clone()),
                answers: Vec::new(),
                used: 0,
            });
            state.rules.len() - 1
        });
        MockRule { mock: self, index, operation: std::marker::PhantomData }
    }

    /// Every request sent so far, in order (a Digest challenge's second request, a retry and
    /// each page of a listing are requests of their own).
    pub fn sent(&self) -> Vec<SentRequest> {
        self.lock().sent.clone()
    }

    /// The requests sent so far for one operation, by its `operationId`.
    pub fn sent_to(&self, operation_id: &str) -> Vec<SentRequest> {
        self.lock().sent.iter().filter(|sent| sent.operation_id == operation_id).cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MockState> {
        // A panicking test thread cannot leave the rules half-written: each change is one push.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn answer(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        if is_token_exchange(&request) {
            let token = serde_json::json!({ "access_token": MOCK_TOKEN, "token_type": "Bearer", "expires_in": 3600 });
            return Ok(MockAnswer::json(StatusCode::OK, &token).into_response(&SentRequest::of(request)));
        }
        let sent = SentRequest::of(request);
        let mut state = self.lock();
        state.sent.push(sent.clone());
        let rule = state.rules.iter_mut().find(|rule| rule.matches(&sent));
        let Some(rule) = rule else {
            return Err(TransportError::Custom(Box::new(MockError::Unmatched(Box::new(sent)))));
        };
        let answer = rule.answers.get(rule.used).or(rule.answers.last()).cloned();
        rule.used += 1;
        let Some(answer) = answer else {
            return Err(TransportError::Custom(Box::new(MockError::NoAnswer(Box::new(sent)))));
        };
        Ok(answer.into_response(&sent))
    }
}

/// The bearer token the mock gives a client with service-account credentials.
pub const MOCK_TOKEN: &str = "mock-token";

/// Whether a request is the client's own exchange of service-account credentials for a
/// token (no operation's): the mock answers it, so that such a client needs no rule for it.
fn is_token_exchange(request: &http::Request<Bytes>) -> bool {
    request.extensions().get::<OperationInfo>().is_none()
        && request.method() == Method::POST
        && request.body().starts_with(b"grant_type=client_credentials")
}

impl Transport for Mock {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let answer = self.answer(request);
        Box::pin(std::future::ready(answer))
    }
}

impl Rule {
    fn matches(&self, sent: &SentRequest) -> bool {
        self.operation_id == sent.operation_id
            && self.method == sent.method
            && sent.path == self.path
            && self.query.iter().all(|pair| sent.query.contains(pair))
            && self.body.as_ref().is_none_or(|body| body[..] == sent.body[..])
    }
}

/// The rule just given to a [`Mock`], typed by its operation: its answers, in order.
pub struct MockRule<'m, O> {
    mock: &'m Mock,
    /// The rule's place in the mock, `None` for a builder that builds no request.
    index: Option<usize>,
    operation: std::marker::PhantomData<fn(O)>,
}

impl<O: Operation> MockRule<'_, O>
where
    O::Output: serde::Serialize,
{
    /// Answers 200 with this body, as the server would send it (JSON).
    pub fn answers(self, body: O::Output) -> Self {
        self.answer(MockAnswer::json(StatusCode::OK, &body))
    }
}

impl<O: Operation> MockRule<'_, O> {
    /// Answers this status with this body (JSON): a success status the operation documents
    /// other than 200, or an error status with its error body (`404` with the API's error
    /// model). A status the operation does not document decodes as its `UnexpectedStatus`.
    pub fn fails<T: serde::Serialize>(self, status: u16, body: &T) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self.answer(MockAnswer::json(status, body))
    }

    /// Adds any answer: headers (`Retry-After`), a body that is not JSON, an empty body.
    pub fn answer(self, answer: MockAnswer) -> Self {
        if let Some(index) = self.index {
            if let Some(rule) = self.mock.lock().rules.get_mut(index) {
                rule.answers.push(answer);
            }
        }
        self
    }
}

/// One answer of a rule: a status, headers and a body.
#[derive(Debug, Clone)]
pub struct MockAnswer {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl MockAnswer {
    /// A status with an empty body.
    pub fn status(status: StatusCode) -> Self {
        MockAnswer { status, headers: HeaderMap::new(), body: Bytes::new() }
    }

    /// A status with a JSON body, its `Content-Type` the media type the request asked for.
    /// A value that does not serialize (a map with non-string keys) answers an empty body.
    pub fn json<T: serde::Serialize + ?Sized>(status: StatusCode, body: &T) -> Self {
        let body = serde_json::to_vec(body).unwrap_or_default();
        MockAnswer { status, headers: HeaderMap::new(), body: Bytes::from(body) }
    }

    /// A status with these body bytes, sent as they are.
    pub fn bytes(status: StatusCode, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        MockAnswer { status, headers, body: body.into() }
    }

    /// Adds a header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    fn into_response(self, sent: &SentRequest) -> http::Response<Bytes> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        if !response.body().is_empty() && !response.headers().contains_key(CONTENT_TYPE) {
            // The decoder accepts the media type the operation asked for; a JSON one is
            // JSON, and anything else is answered as plain JSON.
            let accept = sent
                .headers
                .get(http::header::ACCEPT)
                .filter(|value| value.to_str().is_ok_and(|text| text.contains("json") && !text.contains(',')));
            let content_type = accept.cloned().unwrap_or(HeaderValue::from_static("application/json"));
            response.headers_mut().insert(CONTENT_TYPE, content_type);
        }
        response
    }
}

/// A request the mock was sent: what to assert on.
#[derive(Clone)]
pub struct SentRequest {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    pub method: Method,
    /// The path as sent, percent-encoded, after the base URL's own path.
    pub path: String,
    /// The path parameters by their names in the spec, decoded.
    pub path_parameters: Vec<(String, String)>,
    /// The query pairs, decoded, in the order sent.
    pub query: Vec<(String, String)>,
    /// The headers as sent; credential values are hidden from `Debug`.
    pub headers: HeaderMap,
    pub body: Bytes,
    /// The operation's path template, to find secret path segments.
    path_template: &'static str,
    /// The parameters `Debug` and `Display` show as `<redacted>`.
    secrets: &'static [&'static str],
}

impl SentRequest {
    fn of(request: http::Request<Bytes>) -> Self {
        let (mut parts, body) = request.into_parts();
        let info = parts.extensions.get::<OperationInfo>().copied();
        let operation_id = info.map_or("", |info| info.operation_id);
        let path_template = info.map_or("", |info| info.path_template);
        let secrets = info.map_or(&[][..], |info| info.secrets);
        // The client puts the base URL's path in front of the operation's.
        let (path, path_parameters) = split_path(path_template, parts.uri.path());
        let query = form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes()).into_owned().collect();
        mark_secret_headers(&mut parts.headers);
        SentRequest {
            operation_id,
            method: parts.method,
            path,
            path_parameters,
            query,
            headers: parts.headers,
            body,
            path_template,
            secrets,
        }
    }

    /// A parameter's value by its name in the spec: a path parameter, else the first query
    /// pair of that name.
    pub fn parameter(&self, name: &str) -> Option<&str> {
        self.path_parameters
            .iter()
            .chain(&self.query)
            .find(|(parameter, _)| parameter == name)
            .map(|(_, value)| value.as_str())
    }

    /// A header's value as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The body decoded as JSON into the request body's model.
    pub fn json_body<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

impl fmt::Debug for SentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secrets = self.secrets;
        let query: Vec<(&str, &str)> =
            self.query.iter().map(|(name, value)| (name.as_str(), redacted_value(name, value, secrets))).collect();
        f.debug_struct("SentRequest")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("path", &redacted_path(self.path_template, &self.path, secrets))
            .field("query", &query)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &BodyText { content_type: self.header("content-type"), bytes: &self.body, secrets })
            .finish()
    }
}

/// The request as an error message names it: `getJob (GET /jobs/{jobId}) with jobId = "7"`.
impl fmt::Display for SentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secrets = self.secrets;
        write!(
            f,
            "{} ({} {})",
            self.operation_id,
            self.method,
            redacted_path(self.path_template, &self.path, secrets)
        )?;
        for (index, (name, value)) in self.path_parameters.iter().chain(&self.query).enumerate() {
            let lead = if index == 0 { " with" } else { "," };
            write!(f, "{lead} {name} = {:?}", redacted_value(name, value, secrets))?;
        }
        Ok(())
    }
}

/// Why a mock gave no answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum MockError {
    /// No rule matches this request.
    Unmatched(Box<SentRequest>),
    /// The rule that matches this request was given no answer.
    NoAnswer(Box<SentRequest>),
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MockError::Unmatched(sent) => write!(f, "no mock rule matches {sent}"),
            MockError::NoAnswer(sent) => write!(f, "the mock rule matching {sent} has no answer"),
        }
    }
}

impl std::error::Error for MockError {}

/// The operation's own path (after the base URL's path) and the values of the template's
/// `{name}` parts in it, decoded: the template's segments are laid over the path's last
/// segments, and each parameter is what its segment holds between the template's literal
/// prefix and suffix. Without a template, the whole path and no parameters.
fn split_path(template: &str, path: &str) -> (String, Vec<(String, String)>) {
    let templates: Vec<&str> = template.split('/').skip(1).collect();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let skipped = segments.len().checked_sub(templates.len()).filter(|_| !template.is_empty());
    let Some(skipped) = skipped else { return (path.to_owned(), Vec::new()) };
    let own = &segments[skipped..];
    let mut parameters = Vec::new();
    for (pattern, segment) in templates.iter().zip(own) {
        let (Some(open), Some(close)) = (pattern.find('{'), pattern.rfind('}')) else { continue };
        let (prefix, suffix) = (&pattern[..open], &pattern[close + 1..]);
        let value = segment.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix));
        if let (Some(value), Some(name)) = (value, pattern.get(open + 1..close)) {
            let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy().into_owned();
            parameters.push((name.to_owned(), decoded));
        }
    }
    (format!("/{}", own.join("/")), parameters)
}
