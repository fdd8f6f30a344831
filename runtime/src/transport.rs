//! The wire: a small object-safe [`Transport`] trait between the client and HTTP, with
//! [`ReqwestTransport`] (reqwest with rustls, on tokio) as the default. A user's transport can
//! log, measure, record and replay, or answer from memory in tests; credentials, retries and
//! decoding stay with the client, on top of any transport. A body read as it arrives is a
//! [`ByteStream`], defined here because transports produce it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::upload::UploadBody;

/// A boxed future that can move between threads: what [`Transport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request and returns the whole response. The request's URI is absolute;
/// headers (credentials included) are final. Implementations return any status as a
/// response; only a failure to get one is an error.
pub trait Transport: Send + Sync {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>>;

    /// Sends one request whose body is read from a stream as it is sent (uploads), and
    /// returns the whole response. The default reads the stream into memory and sends with
    /// [`Transport::send`]; [`ReqwestTransport`] sends the chunks as they are read.
    fn send_upload(
        &self,
        request: http::Request<UploadBody>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let bytes = body.collect().await.map_err(TransportError::Custom)?;
            self.send(http::Request::from_parts(parts, bytes)).await
        })
    }

    /// Sends one request and returns the response with its body as it arrives, for
    /// downloads. The default sends with [`Transport::send`] and gives its body as one chunk.
    fn send_streaming(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        let response = self.send(request);
        Box::pin(async move { Ok(response.await?.map(ByteStream::from_bytes)) })
    }
}

/// The default transport: a `reqwest::Client` (the client's own, or one given with
/// [`ClientBuilder::http_client`](super::ClientBuilder::http_client)) that reads bodies up
/// to a limit.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body_bytes: usize,
}

/// How much of a refused oversized body an error keeps.
const KEPT_PREFIX_BYTES: usize = 64 * 1024;

impl ReqwestTransport {
    /// Sends with `client`, refusing response bodies over `max_body_bytes` while they stream
    /// in rather than after buffering them.
    pub fn new(client: reqwest::Client, max_body_bytes: usize) -> Self {
        ReqwestTransport { client, max_body_bytes }
    }

    async fn send_request<B: Into<reqwest::Body>>(
        &self,
        request: http::Request<B>,
    ) -> Result<http::Response<Bytes>, TransportError> {
        let request = reqwest::Request::try_from(request).map_err(TransportError::from)?;
        let mut response = self.client.execute(request).await?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let limit = self.max_body_bytes;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                body.extend_from_slice(&chunk[..limit.saturating_sub(body.len())]);
                return Err(TransportError::body_too_large(status, headers, limit, body));
            }
            body.extend_from_slice(&chunk);
        }
        let mut answer = http::Response::new(Bytes::from(body));
        *answer.status_mut() = status;
        *answer.headers_mut() = headers;
        Ok(answer)
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self.send_request(request))
    }

    /// The body goes out chunk by chunk as the stream yields them (chunked transfer encoding).
    fn send_upload(
        &self,
        request: http::Request<UploadBody>,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(self.send_request(request.map(reqwest::Body::wrap_stream)))
    }

    /// The body is read chunk by chunk as the caller polls, without the body limit.
    fn send_streaming(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(TransportError::from)?;
            let mut response = self.client.execute(request).await?;
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            let mut answer = http::Response::new(ByteStream::new(Chunks { response: Some(response), pending: None }));
            *answer.status_mut() = status;
            *answer.headers_mut() = headers;
            Ok(answer)
        })
    }
}

/// One read of a reqwest body: the response back, with the chunk, the end or the failure.
type ChunkRead = BoxFuture<'static, (reqwest::Response, Result<Option<Bytes>, reqwest::Error>)>;

/// The chunks of a reqwest body, one read at a time.
struct Chunks {
    /// The response between reads; `None` once the body ended or failed.
    response: Option<reqwest::Response>,
    pending: Option<ChunkRead>,
}

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.pending.is_none() {
            let Some(mut response) = self.response.take() else { return Poll::Ready(None) };
            self.pending = Some(Box::pin(async move {
                let chunk = response.chunk().await;
                (response, chunk)
            }));
        }
        let Some(pending) = self.pending.as_mut() else { return Poll::Ready(None) };
        let (response, chunk) = ready!(pending.as_mut().poll(cx));
        self.pending = None;
        Poll::Ready(match chunk {
            Ok(Some(chunk)) => {
                self.response = Some(response);
                Some(Ok(chunk))
            }
            Ok(None) => None,
            Err(error) => Some(Err(error.into())),
        })
    }
}

/// A response body as a stream of chunks; a connection cut before the announced length is an
/// error item, after which the stream ends.
pub struct ByteStream(Pin<Box<dyn futures_core::Stream<Item = Result<Bytes, TransportError>> + Send>>);

impl ByteStream {
    /// Wraps any stream of chunks.
    pub fn new(stream: impl futures_core::Stream<Item = Result<Bytes, TransportError>> + Send + 'static) -> Self {
        ByteStream(Box::pin(stream))
    }

    /// A body already in memory, as one chunk.
    pub fn from_bytes(body: Bytes) -> Self {
        ByteStream::new(Once(Some(body)))
    }
}

impl futures_core::Stream for ByteStream {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}

/// A one-chunk stream.
struct Once(Option<Bytes>);

impl futures_core::Stream for Once {
    type Item = Result<Bytes, TransportError>;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.0.take().filter(|chunk| !chunk.is_empty()).map(Ok))
    }
}

/// Why a request got no response to decode.
#[derive(Debug)]
pub enum TransportError {
    /// The request or the response took longer than the configured timeout.
    Timeout(reqwest::Error),
    /// The server could not be reached.
    Connect(reqwest::Error),
    /// Any other HTTP-level failure (protocol error, broken connection, bad URL).
    Http(reqwest::Error),
    /// The body is larger than the configured limit; the first bytes are kept.
    BodyTooLarge { status: StatusCode, headers: Box<HeaderMap>, limit: usize, prefix: Vec<u8> },
    /// The token endpoint refused the service account or answered something unusable.
    TokenExchange { status: StatusCode, body: Vec<u8> },
    /// The server's Digest challenge could not be answered.
    DigestChallenge(String),
    /// The base URL and path do not form a URI, or a header cannot be sent.
    InvalidRequest(String),
    /// The whole call took longer than its [`CallOptions::timeout`](super::CallOptions::timeout).
    CallTimeout(std::time::Duration),
    /// One exchange took longer than the call's
    /// [`CallOptions::attempt_timeout`](super::CallOptions::attempt_timeout).
    AttemptTimeout(std::time::Duration),
    /// A failure reported by a user's [`Transport`] (a mock's or a replay's is one of their
    /// own error types, found with `downcast_ref`).
    Custom(Box<dyn std::error::Error + Send + Sync>),
}

impl TransportError {
    /// A refused oversized body, keeping a bounded prefix of it.
    pub fn body_too_large(status: StatusCode, headers: HeaderMap, limit: usize, mut prefix: Vec<u8>) -> Self {
        prefix.truncate(KEPT_PREFIX_BYTES);
        TransportError::BodyTooLarge { status, headers: Box::new(headers), limit, prefix }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout(error) => write!(f, "timed out: {error}"),
            TransportError::Connect(error) => write!(f, "cannot connect: {error}"),
            TransportError::Http(error) => write!(f, "HTTP error: {error}"),
            TransportError::BodyTooLarge { status, limit, .. } => {
                write!(f, "the {} response body exceeds the limit of {limit} bytes", status.as_u16())
            }
            TransportError::TokenExchange { status, body } => {
                write!(f, "the token endpoint answered {}: {}", status.as_u16(), super::response::quote_body(body))
            }
            TransportError::DigestChallenge(reason) => write!(f, "cannot answer the Digest challenge: {reason}"),
            TransportError::InvalidRequest(reason) => write!(f, "cannot form the request: {reason}"),
            TransportError::CallTimeout(limit) => write!(f, "the call took longer than its limit of {limit:?}"),
            TransportError::AttemptTimeout(limit) => {
                write!(f, "an attempt took longer than its limit of {limit:?}")
            }
            TransportError::Custom(error) => write!(f, "transport failed: {error}"),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TransportError::Timeout(error) | TransportError::Connect(error) | TransportError::Http(error) => {
                Some(error)
            }
            TransportError::Custom(error) => Some(&**error),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            TransportError::Timeout(error)
        } else if error.is_connect() {
            TransportError::Connect(error)
        } else {
            TransportError::Http(error)
        }
    }
}
