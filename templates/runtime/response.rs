//! Responses: the raw status, headers and body as received, and their decoding into typed
//! values or typed errors that keep what was received.

use std::fmt;

use serde::de::DeserializeOwned;

/// How many bytes of a body an error message quotes.
const MAX_QUOTED_BODY: usize = 512;

/// Header names whose values are never printed.
const SECRET_HEADERS: &[&str] = &["authorization", "proxy-authorization", "cookie", "set-cookie"];

/// Response headers in the order received. Names compare case-insensitively.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    pub fn new() -> Self {
        Headers(Vec::new())
    }

    /// Adds a header (keeping earlier ones of the same name).
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// The first value of a header.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Every value of a header.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// `Content-Type`, if present.
    pub fn content_type(&self) -> Option<&str> {
        self.get("content-type")
    }

    /// `Retry-After` in whole seconds, when it is given as a number of seconds.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        self.get("retry-after")?.trim().parse().ok()
    }

    /// `RateLimit-Limit`: requests allowed in the current window.
    pub fn rate_limit_limit(&self) -> Option<u64> {
        self.get("ratelimit-limit")?.trim().parse().ok()
    }

    /// `RateLimit-Remaining`: requests left in the current window.
    pub fn rate_limit_remaining(&self) -> Option<u64> {
        self.get("ratelimit-remaining")?.trim().parse().ok()
    }
}

impl FromIterator<(String, String)> for Headers {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
        Headers(iter.into_iter().collect())
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in &self.0 {
            if SECRET_HEADERS.iter().any(|secret| name.eq_ignore_ascii_case(secret)) {
                map.entry(name, &"<redacted>");
            } else {
                map.entry(name, value);
            }
        }
        map.finish()
    }
}

/// A response as received, before decoding.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    pub status: u16,
    pub headers: Headers,
    pub body: Vec<u8>,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &quote_body(&self.body))
            .finish()
    }
}

impl fmt::Display for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "status {}", self.status)?;
        if let Some(content_type) = self.headers.content_type() {
            write!(f, " ({content_type})")?;
        }
        if !self.body.is_empty() {
            write!(f, ": {}", quote_body(&self.body))?;
        }
        Ok(())
    }
}

/// A decoded response: the typed body with the status and headers it came with.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    pub status: u16,
    pub headers: Headers,
    pub body: T,
}

impl<T> Response<T> {
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
    pub response: RawResponse,
    pub kind: DecodeErrorKind,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the {} response: ", self.response.status)?;
        match &self.kind {
            DecodeErrorKind::UnexpectedContentType(content_type) => {
                write!(f, "expected JSON, got `{content_type}`")?
            }
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
pub fn decode_json<T: DeserializeOwned>(response: RawResponse) -> Result<Response<T>, DecodeError> {
    if let Some(content_type) = response.headers.content_type() {
        if !is_json(content_type) {
            let kind = DecodeErrorKind::UnexpectedContentType(content_type.to_owned());
            return Err(DecodeError { response, kind });
        }
    }
    match serde_json::from_slice(&response.body) {
        Ok(body) => Ok(Response { status: response.status, headers: response.headers, body }),
        Err(error) => Err(DecodeError { response, kind: DecodeErrorKind::Json(error) }),
    }
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
        Err(error) => return Err(DecodeError { response, kind: DecodeErrorKind::Envelope(error) }),
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
