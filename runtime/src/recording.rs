//! Record and replay (cargo feature `record`): a [`Recorder`] is a transport that sends
//! through another one and writes each exchange to a directory, credentials and secrets
//! redacted; a [`Replay`] is a transport that answers from such a directory, so that a test
//! recorded once against the real API runs offline.
//!
//! A recording is a directory of file pairs, one pair per exchange, in the order they were
//! made: `0001-getBackupRestoreJob.request.http` and `0001-getBackupRestoreJob.response.http`.
//! Each file is one HTTP/1.1 message as it comes over the wire (LF or CRLF line endings): the
//! start line, the headers, an empty line, then the body bytes exactly. There is no
//! `Content-Length` (the body is the rest of the file) and no `Host` (a replay answers
//! whatever the base URL). A response file is thus exactly a file of the companion crate's
//! `tests/recorded/`; the request files are what this format adds.
//!
//! Redacted when recording: the values of `Authorization`, `Proxy-Authorization`, `Cookie`
//! and `Set-Cookie`; in JSON bodies the string values of fields whose name holds `secret`,
//! `password`, `token` or `privatekey` (any case, `_` and `-` ignored); and the values of
//! the operation's secrets ([`OperationInfo::secrets`]: query values, path segments,
//! headers, which the client marks sensitive, and the properties the spec marks secret in
//! the request body and in the success responses' bodies), written as `<redacted>`.
//!
//! A replayed request is matched on its method, path and query (secret parameters redacted
//! the same way, so any value of them matches), body (redacted the same way)
//! and whether it carries credentials at all, which tells the first request of a Digest
//! challenge from its answer. Exchanges are used in recorded order; when every exchange
//! matching a request was used, the last of them answers again. A request that matches no
//! exchange fails with [`ReplayError::Unrecorded`], naming it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, COOKIE, HOST, PROXY_AUTHORIZATION};
use http::header::{SET_COOKIE, TRANSFER_ENCODING};
use http::{HeaderMap, Method, StatusCode};

use super::client::OperationInfo;
use super::request::{redact_json_secrets, redacted_path, redacted_value, REDACTED};
use super::transport::{BoxFuture, Transport, TransportError};

/// Headers whose values are credentials.
const CREDENTIAL_HEADERS: [HeaderName; 4] = [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE, SET_COOKIE];

/// A transport that sends through `inner` and writes every exchange to a directory.
pub struct Recorder<T> {
    inner: T,
    dir: PathBuf,
    /// Exchanges written so far, for the files' numbers.
    count: AtomicUsize,
}

impl<T> fmt::Debug for Recorder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorder").field("dir", &self.dir).field("count", &self.count).finish_non_exhaustive()
    }
}

impl<T: Transport> Recorder<T> {
    /// Records into `dir`, which is created if missing; files of an earlier recording there
    /// are replaced one by one as their numbers come.
    pub fn new(inner: T, dir: impl Into<PathBuf>) -> Result<Self, RecordingError> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).map_err(|error| RecordingError::Io { path: dir.clone(), error })?;
        Ok(Recorder { inner, dir, count: AtomicUsize::new(0) })
    }

    async fn record(&self, request: http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        let (parts, body) = request.into_parts();
        let info = parts.extensions.get::<OperationInfo>();
        let operation = info.map_or("request", |info| info.operation_id);
        let head = request_head(&parts.method, &redacted_target(&parts.uri, info), &parts.headers);
        let secrets = info.map_or(&[][..], |info| info.secrets);
        let request_file = [head, redacted_body(&body, secrets).to_vec()].concat();
        let response = self.inner.send(http::Request::from_parts(parts, body)).await?;
        let number = self.count.fetch_add(1, Ordering::Relaxed) + 1;
        let stem = format!("{number:04}-{operation}");
        let response_file =
            [response_head(response.status(), response.headers()), redacted_body(response.body(), secrets).to_vec()]
                .concat();
        for (suffix, contents) in [("request", request_file), ("response", response_file)] {
            let path = self.dir.join(format!("{stem}.{suffix}.http"));
            std::fs::write(&path, contents)
                .map_err(|error| TransportError::Custom(Box::new(RecordingError::Io { path, error })))?;
        }
        Ok(response)
    }
}

impl<T: Transport> Transport for Recorder<T> {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self.record(request))
    }
}

/// A transport answering from a recording.
pub struct Replay {
    exchanges: Vec<Exchange>,
    /// How many times each exchange answered.
    used: Mutex<Vec<usize>>,
}

/// One recorded request, as matched, and its response.
struct Exchange {
    method: Method,
    path_and_query: String,
    authorized: bool,
    body: Bytes,
    status: StatusCode,
    headers: HeaderMap,
    response_body: Bytes,
}

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay").field("exchanges", &self.exchanges.len()).finish_non_exhaustive()
    }
}

impl Replay {
    /// Reads the recording in `dir`: every `*.request.http` with its `*.response.http`, in
    /// the order of their names.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, RecordingError> {
        let dir = dir.as_ref();
        let io = |path: &Path| {
            let path = path.to_owned();
            move |error| RecordingError::Io { path, error }
        };
        let mut requests = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            if path.to_string_lossy().ends_with(".request.http") {
                requests.push(path);
            }
        }
        requests.sort();
        let mut exchanges = Vec::with_capacity(requests.len());
        for request_path in requests {
            let name = request_path.to_string_lossy();
            let response_path = PathBuf::from(format!("{}.response.http", &name[..name.len() - ".request.http".len()]));
            let request = std::fs::read(&request_path).map_err(io(&request_path))?;
            let response = std::fs::read(&response_path).map_err(io(&response_path))?;
            let (method, path_and_query, request_headers, body) = parse_request(&request)
                .map_err(|reason| RecordingError::Malformed { path: request_path.clone(), reason })?;
            let (status, headers, response_body) = parse_response(&response)
                .map_err(|reason| RecordingError::Malformed { path: response_path.clone(), reason })?;
            exchanges.push(Exchange {
                method,
                path_and_query,
                authorized: request_headers.contains_key(AUTHORIZATION),
                body,
                status,
                headers,
                response_body,
            });
        }
        let used = Mutex::new(vec![0; exchanges.len()]);
        Ok(Replay { exchanges, used })
    }

    fn answer(&self, request: &http::Request<Bytes>) -> Result<http::Response<Bytes>, TransportError> {
        let info = request.extensions().get::<OperationInfo>();
        let path_and_query = redacted_target(request.uri(), info);
        let authorized = request.headers().contains_key(AUTHORIZATION);
        let body = redacted_body(request.body(), info.map_or(&[][..], |info| info.secrets));
        let matching: Vec<usize> = (0..self.exchanges.len())
            .filter(|&index| {
                let exchange = &self.exchanges[index];
                exchange.method == request.method()
                    && exchange.path_and_query == path_and_query
                    && exchange.authorized == authorized
                    && exchange.body == body
            })
            .collect();
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        let chosen = matching.iter().copied().find(|&index| used[index] == 0).or(matching.last().copied());
        let Some(index) = chosen else {
            return Err(TransportError::Custom(Box::new(ReplayError::Unrecorded {
                operation_id: info.map(|info| info.operation_id).unwrap_or_default(),
                method: request.method().clone(),
                path_and_query,
            })));
        };
        used[index] += 1;
        let exchange = &self.exchanges[index];
        let mut response = http::Response::new(exchange.response_body.clone());
        *response.status_mut() = exchange.status;
        *response.headers_mut() = exchange.headers.clone();
        Ok(response)
    }
}

impl Transport for Replay {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(std::future::ready(self.answer(&request)))
    }
}

/// A recording that cannot be written or read.
#[derive(Debug)]
#[non_exhaustive]
pub enum RecordingError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A file that is not one HTTP/1.1 message.
    Malformed {
        path: PathBuf,
        reason: String,
    },
}

impl fmt::Display for RecordingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordingError::Io { path, error } => write!(f, "recording {}: {error}", path.display()),
            RecordingError::Malformed { path, reason } => {
                write!(f, "recording {} is not an HTTP/1.1 message: {reason}", path.display())
            }
        }
    }
}

impl std::error::Error for RecordingError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RecordingError::Io { error, .. } => Some(error),
            RecordingError::Malformed { .. } => None,
        }
    }
}

/// Why a replay gave no answer.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReplayError {
    /// The recording holds no exchange for this request.
    Unrecorded { operation_id: &'static str, method: Method, path_and_query: String },
}

impl fmt::Display for ReplayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayError::Unrecorded { operation_id, method, path_and_query } => {
                write!(f, "the recording has no answer to {operation_id} ({method} {path_and_query})")
            }
        }
    }
}

impl std::error::Error for ReplayError {}

/// The path and query of a request as a recording writes and matches it: the values of the
/// operation's secret parameters ([`OperationInfo::secrets`]) as `<redacted>`.
fn redacted_target(uri: &http::Uri, info: Option<&OperationInfo>) -> String {
    let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
    let secrets = info.map_or(&[][..], |info| info.secrets);
    let Some(info) = info.filter(|_| !secrets.is_empty()) else { return path_and_query.to_owned() };
    let mut target = redacted_path(info.path_template, uri.path(), secrets).into_owned();
    if let Some(query) = uri.query() {
        target.push('?');
        for (index, pair) in query.split('&').enumerate() {
            if index > 0 {
                target.push('&');
            }
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decoded = form_urlencoded::parse(name.as_bytes()).next().map(|(name, _)| name).unwrap_or_default();
            target.push_str(name);
            if pair.contains('=') {
                target.push('=');
                target.push_str(redacted_value(&decoded, value, secrets));
            }
        }
    }
    target
}

/// The request line and headers of a request file, credentials redacted.
fn request_head(method: &Method, path_and_query: &str, headers: &HeaderMap) -> Vec<u8> {
    let mut head = format!("{method} {path_and_query} HTTP/1.1\n").into_bytes();
    write_headers(&mut head, headers);
    head
}

/// The status line and headers of a response file, credentials redacted.
fn response_head(status: StatusCode, headers: &HeaderMap) -> Vec<u8> {
    let reason = status.canonical_reason().unwrap_or("");
    let mut head = format!("HTTP/1.1 {} {reason}\n", status.as_u16()).into_bytes();
    write_headers(&mut head, headers);
    head
}

fn write_headers(out: &mut Vec<u8>, headers: &HeaderMap) {
    for (name, value) in headers {
        if [CONTENT_LENGTH, TRANSFER_ENCODING, HOST].contains(name) {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        if CREDENTIAL_HEADERS.contains(name) || value.is_sensitive() {
            out.extend_from_slice(REDACTED.as_bytes());
        } else {
            out.extend_from_slice(value.as_bytes());
        }
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// A body with the secrets of a JSON body redacted (`secrets`: the names the spec marks
/// secret, see [`redact_json_secrets`]); any other body as it is.
fn redacted_body(body: &Bytes, secrets: &[&str]) -> Bytes {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else { return body.clone() };
    if !redact_json_secrets(&mut value, secrets) {
        return body.clone();
    }
    serde_json::to_vec(&value).map(Bytes::from).unwrap_or_else(|_| body.clone())
}

/// How many headers a recorded message may have.
const MAX_HEADERS: usize = 128;

type ParsedRequest = (Method, String, HeaderMap, Bytes);

fn parse_request(bytes: &[u8]) -> Result<ParsedRequest, String> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut slots);
    let head = match request.parse(bytes).map_err(|error| error.to_string())? {
        httparse::Status::Complete(length) => length,
        httparse::Status::Partial => return Err("the head does not end with an empty line".to_owned()),
    };
    let method = Method::from_bytes(request.method.unwrap_or_default().as_bytes()).map_err(|e| e.to_string())?;
    let path_and_query = request.path.unwrap_or_default().to_owned();
    let headers = header_map(request.headers)?;
    Ok((method, path_and_query, headers, Bytes::copy_from_slice(&bytes[head..])))
}

fn parse_response(bytes: &[u8]) -> Result<(StatusCode, HeaderMap, Bytes), String> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut slots);
    let head = match response.parse(bytes).map_err(|error| error.to_string())? {
        httparse::Status::Complete(length) => length,
        httparse::Status::Partial => return Err("the head does not end with an empty line".to_owned()),
    };
    let status = StatusCode::from_u16(response.code.unwrap_or_default()).map_err(|error| error.to_string())?;
    let headers = header_map(response.headers)?;
    Ok((status, headers, Bytes::copy_from_slice(&bytes[head..])))
}

fn header_map(headers: &[httparse::Header<'_>]) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::with_capacity(headers.len());
    for header in headers {
        let name = HeaderName::from_bytes(header.name.as_bytes()).map_err(|e| format!("{}: {e}", header.name))?;
        let value = HeaderValue::from_bytes(header.value).map_err(|e| format!("{}: {e}", header.name))?;
        map.append(name, value);
    }
    Ok(map)
}
