//! Responses: the raw status, headers and body as received, and their decoding into typed
//! values or typed errors that keep what was received.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use super::request::REDACTED;

/// How many bytes of a body an error message quotes.
const MAX_QUOTED_BODY: usize = 512;

/// Header names whose values are never printed.
const SECRET_HEADERS: [http::HeaderName; 4] =
    [http::header::AUTHORIZATION, http::header::PROXY_AUTHORIZATION, http::header::COOKIE, http::header::SET_COOKIE];

/// Marks the values of credential-bearing headers sensitive, so that `http`'s own `Debug`
/// hides them too.
pub fn mark_secret_headers(headers: &mut HeaderMap) {
    for name in &SECRET_HEADERS {
        if let http::header::Entry::Occupied(mut entry) = headers.entry(name) {
            for value in entry.iter_mut() {
                value.set_sensitive(true);
            }
        }
    }
}

/// Headers for `Debug`: names with their values, credentials redacted.
pub struct RedactedHeaders<'a>(pub &'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || SECRET_HEADERS.contains(name) {
                map.entry(&name.as_str(), &REDACTED);
            } else {
                map.entry(&name.as_str(), value);
            }
        }
        map.finish()
    }
}

/// A header's value as text, when it is visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

/// `Content-Type`, if present.
pub fn content_type(headers: &HeaderMap) -> Option<&str> {
    header_text(headers, "content-type")
}

/// How long `Retry-After` asks to wait: a number of seconds or an HTTP date (RFC 9110
/// section 10.2.3); a date in the past means now.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = header_text(headers, "retry-after")?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(SystemTime::now()).unwrap_or_default())
}

/// `RateLimit-Limit`: requests allowed in the current window.
pub fn rate_limit_limit(headers: &HeaderMap) -> Option<u64> {
    header_text(headers, "ratelimit-limit")?.trim().parse().ok()
}

/// `RateLimit-Remaining`: requests left in the current window.
pub fn rate_limit_remaining(headers: &HeaderMap) -> Option<u64> {
    header_text(headers, "ratelimit-remaining")?.trim().parse().ok()
}

/// A response as received, before decoding.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// `Content-Type`, if present.
    pub fn content_type(&self) -> Option<&str> {
        content_type(&self.headers)
    }

    /// How long `Retry-After` asks to wait, if present.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers)
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &quote_body(&self.body))
            .finish()
    }
}

impl fmt::Display for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "status {}", self.status.as_u16())?;
        if let Some(content_type) = self.content_type() {
            write!(f, " ({content_type})")?;
        }
        if !self.body.is_empty() {
            write!(f, ": {}", quote_body(&self.body))?;
        }
        Ok(())
    }
}

/// A decoded response: the typed body with the status and headers it came with.
#[derive(Clone, PartialEq)]
pub struct Response<T> {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: T,
}

impl<T: fmt::Debug> fmt::Debug for Response<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

impl<T> Response<T> {
    /// `Content-Type`, if present.
    pub fn content_type(&self) -> Option<&str> {
        content_type(&self.headers)
    }

    /// How long `Retry-After` asks to wait, if present.
    pub fn retry_after(&self) -> Option<Duration> {
        retry_after(&self.headers)
    }

    /// `RateLimit-Limit`: requests allowed in the current window.
    pub fn rate_limit_limit(&self) -> Option<u64> {
        rate_limit_limit(&self.headers)
    }

    /// `RateLimit-Remaining`: requests left in the current window.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        rate_limit_remaining(&self.headers)
    }

    /// The body, dropping status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The same response with its body converted, status and headers kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response { status: self.status, headers: self.headers, body: f(self.body) }
    }
}

/// Why a body could not be decoded.
#[derive(Debug)]
pub enum DecodeErrorKind {
    /// The response is not JSON (for instance a proxy's HTML error page).
    UnexpectedContentType(String),
    /// The body is not valid JSON for the documented schema.
    Json(serde_json::Error),
    /// `envelope=true` was asked for but the body is not `{"status": ..., "content": ...}`.
    Envelope(serde_json::Error),
}

/// A response whose body could not be decoded; it keeps the status, headers and body.
#[derive(Debug)]
pub struct DecodeError {
    /// Boxed so that results carrying this error stay small.
    pub response: Box<RawResponse>,
    pub kind: DecodeErrorKind,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the {} response: ", self.response.status.as_u16())?;
        match &self.kind {
            DecodeErrorKind::UnexpectedContentType(content_type) => write!(f, "expected JSON, got `{content_type}`")?,
            DecodeErrorKind::Json(error) => write!(f, "{error}")?,
            DecodeErrorKind::Envelope(error) => write!(f, "not an envelope: {error}")?,
        }
        if !self.response.body.is_empty() {
            write!(f, "; body: {}", quote_body(&self.response.body))?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            DecodeErrorKind::Json(error) | DecodeErrorKind::Envelope(error) => Some(error),
            DecodeErrorKind::UnexpectedContentType(_) => None,
        }
    }
}

/// Whether a media type is JSON: `application/json` or any `+json` type.
pub fn is_json(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or(content_type).trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.len() > 5 && essence[essence.len() - 5..].eq_ignore_ascii_case("+json")
}

/// Decodes a JSON body. A response without `Content-Type` is tried as JSON; one with
/// another type is an error that keeps it.
///
/// Compiled once per decoded type: what does not depend on it (the media type check, the
/// error) is in non-generic functions.
pub fn decode_json<T: DeserializeOwned>(response: RawResponse) -> Result<Response<T>, DecodeError> {
    if let Err(kind) = json_content(&response) {
        return Err(decode_error(response, kind));
    }
    match serde_json::from_slice(&response.body) {
        Ok(body) => Ok(Response { status: response.status, headers: response.headers, body }),
        Err(error) => Err(decode_error(response, DecodeErrorKind::Json(error))),
    }
}

/// Whether a response may be decoded as JSON: no `Content-Type`, or a JSON one.
fn json_content(response: &RawResponse) -> Result<(), DecodeErrorKind> {
    match response.content_type() {
        Some(content_type) if !is_json(content_type) => {
            Err(DecodeErrorKind::UnexpectedContentType(content_type.to_owned()))
        }
        _ => Ok(()),
    }
}

/// The error of a response that does not decode, keeping the response.
fn decode_error(response: RawResponse, kind: DecodeErrorKind) -> DecodeError {
    DecodeError { response: Box::new(response), kind }
}

/// An operation's documented error statuses whose bodies are JSON of one type `B` (for most
/// APIs, all of them), in the order the spec matches them: the inclusive range of statuses each
/// covers (`(404, 404)`, `(400, 499)` for `4XX`) and the error variant its body builds.
///
/// [`documented_error`] decodes a response by such a table. Generated code uses
/// [`error_status`] instead, which is compiled once per body type where this is compiled once
/// per error enum.
pub type ErrorStatuses<B, E> = [(u16, u16, fn(Box<Response<B>>) -> E)];

/// The error an operation's table of documented statuses gives a response: the first entry
/// whose range holds the status decodes the body as `B` into its variant; a body that does not
/// decode is the error's `Decode` variant. A status no entry covers gives the response back
/// (`Err`, boxed as the undocumented-status variants keep it), for the operation's `default`
/// response or its undocumented-status variant.
pub fn documented_error<B: DeserializeOwned, E: From<DecodeError>>(
    response: RawResponse,
    statuses: &ErrorStatuses<B, E>,
) -> Result<E, Box<RawResponse>> {
    let status = response.status.as_u16();
    // Indexing rather than an iterator: this function is instantiated once per error enum, and
    // the slice iterator and its closures would be too.
    let mut index = 0;
    while index < statuses.len() {
        let (low, high, variant) = statuses[index];
        if low <= status && status <= high {
            return Ok(match decode_json(response) {
                Ok(body) => variant(Box::new(body)),
                Err(error) => E::from(error),
            });
        }
        index += 1;
    }
    Err(Box::new(response))
}

/// An error response seen through an operation's table of documented error statuses whose
/// bodies are all JSON of one type `B` (see [`error_status`]).
#[derive(Debug)]
pub enum ErrorStatus<B> {
    /// The entry at this index of the table covers the status; the body decoded as `B`.
    Documented(usize, Box<Response<B>>),
    /// An entry covers the status, but the body does not decode as `B`.
    Undecodable(DecodeError),
    /// No entry covers the status: the response as received, boxed as the undocumented-status
    /// variants keep it.
    Undocumented(Box<RawResponse>),
}

/// Finds the first entry of `statuses` (inclusive ranges, in the order the spec matches them:
/// `(404, 404)` before `(400, 499)` for `4XX`) that covers the response's status, and decodes
/// the body as `B` for it.
///
/// Generated `decode_response` functions match the result's index to their error variants.
/// Unlike [`documented_error`], this is compiled once per body type, not once per operation
/// error enum: what differs per operation is only its constant table and that `match`.
pub fn error_status<B: DeserializeOwned>(response: RawResponse, statuses: &[(u16, u16)]) -> ErrorStatus<B> {
    let status = response.status.as_u16();
    match statuses.iter().position(|&(low, high)| low <= status && status <= high) {
        Some(index) => match decode_json(response) {
            Ok(body) => ErrorStatus::Documented(index, Box::new(body)),
            Err(error) => ErrorStatus::Undecodable(error),
        },
        None => ErrorStatus::Undocumented(Box::new(response)),
    }
}

/// The whole of a generated `decode_response` that does not depend on the operation's types,
/// in one call: unwraps the envelope when `envelope` (a broken one is
/// [`ErrorStatus::Undecodable`]); gives the response back (`Ok`) when its status is in one of
/// the `success` ranges, for the operation to decode its body; otherwise it is the
/// [`error_status`] of `errors`.
pub fn classify_response<B: DeserializeOwned>(
    response: RawResponse,
    envelope: bool,
    success: &[(u16, u16)],
    errors: &[(u16, u16)],
) -> Result<RawResponse, ErrorStatus<B>> {
    let response = if envelope {
        match unwrap_envelope(response) {
            Ok(response) => response,
            Err(error) => return Err(ErrorStatus::Undecodable(error)),
        }
    } else {
        response
    };
    let status = response.status.as_u16();
    if success.iter().any(|&(low, high)| low <= status && status <= high) {
        Ok(response)
    } else {
        Err(error_status(response, errors))
    }
}

/// The parts of an undocumented-status error variant: the response as received, and its body
/// decoded as the API's common error `C` when it is one (see [`peek_json`]).
pub fn undocumented_status<C: DeserializeOwned>(response: Box<RawResponse>) -> (Box<RawResponse>, Option<Box<C>>) {
    let api_error = peek_json(&response).map(Box::new);
    (response, api_error)
}

/// The body decoded as JSON of type `T`, when it is (no `Content-Type` or a JSON one, and a
/// body that decodes); the response is left as it is either way.
pub fn peek_json<T: DeserializeOwned>(response: &RawResponse) -> Option<T> {
    if response.content_type().is_some_and(|content_type| !is_json(content_type)) {
        return None;
    }
    serde_json::from_slice(&response.body).ok()
}

/// Keeps a non-JSON body as bytes.
pub fn decode_bytes(response: RawResponse) -> Response<Vec<u8>> {
    Response { status: response.status, headers: response.headers, body: response.body }
}

/// A response documented to have no body; whatever body came is ignored.
pub fn decode_empty(response: RawResponse) -> Response<()> {
    Response { status: response.status, headers: response.headers, body: () }
}

/// Unwraps an Atlas-style envelope, `{"status": 404, "content": {...}}`: the result has the
/// envelope's status and the content as its body, and keeps the received headers.
pub fn unwrap_envelope(response: RawResponse) -> Result<RawResponse, DecodeError> {
    #[derive(serde::Deserialize)]
    struct Envelope<'a> {
        status: u16,
        #[serde(borrow)]
        content: Option<&'a serde_json::value::RawValue>,
    }
    let (status, body) = match serde_json::from_slice::<Envelope<'_>>(&response.body) {
        Ok(envelope) => (envelope.status, envelope.content.map(|c| c.get().as_bytes().to_vec()).unwrap_or_default()),
        Err(error) => return Err(DecodeError { response: Box::new(response), kind: DecodeErrorKind::Envelope(error) }),
    };
    let Ok(status) = StatusCode::from_u16(status) else {
        let error = <serde_json::Error as serde::de::Error>::custom(format_args!("{status} is not an HTTP status"));
        return Err(DecodeError { response: Box::new(response), kind: DecodeErrorKind::Envelope(error) });
    };
    Ok(RawResponse { status, headers: response.headers, body })
}

/// A short, printable form of a body for messages: UTF-8 (lossy), cut to a bounded length.
pub fn quote_body(body: &[u8]) -> String {
    let cut = body.len().min(MAX_QUOTED_BODY);
    let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
    if body.len() > cut {
        text.push_str("...");
    }
    text
}

/// A short summary of a decoded error body for messages: its JSON form, cut to a bounded
/// length.
pub fn summarize<T: serde::Serialize>(body: &T) -> String {
    match serde_json::to_vec(body) {
        Ok(json) => quote_body(&json),
        Err(_) => String::from("<unprintable body>"),
    }
}
