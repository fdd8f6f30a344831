//! Middleware from the ecosystem (cargo feature `tower`): [`TowerTransport`] makes any
//! `tower::Service` over `http` requests and responses a [`Transport`], so that tower and
//! tower-http layers (rate and concurrency limits, timeouts, tracing, compression) wrap the
//! client's exchanges. Credentials, retries and decoding stay with the client, on top.
//!
//! The service gets each request with its body as one `Bytes` turned into the service's body
//! type (`Full<Bytes>`, `String`, `reqwest::Body`: any type with `From<Bytes>`), and may
//! answer with any `http_body::Body`. Only this module uses tower; without the feature the
//! client depends on none of it.

use std::marker::PhantomData;

use bytes::{Buf as _, Bytes};
use http_body_util::BodyExt as _;

use super::client::DEFAULT_MAX_BODY_BYTES;
use super::transport::{BoxFuture, ByteStream, Transport, TransportError};

/// What a service's error is turned into: `TransportError::Custom` holds it.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A transport sending through a `tower::Service`. The service is called as tower means it
/// to be: one caller at a time waits until it is ready (a rate limit's wait happens there),
/// then calls it; the responses of several calls are awaited concurrently. A service that
/// never answers is bounded by a call's attempt timeout
/// ([`CallOptions::attempt_timeout`](super::CallOptions::attempt_timeout)).
pub struct TowerTransport<S, RequestBody> {
    service: tokio::sync::Mutex<S>,
    max_body_bytes: usize,
    body: PhantomData<fn(RequestBody)>,
}

impl<S, RequestBody> std::fmt::Debug for TowerTransport<S, RequestBody> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TowerTransport").field("max_body_bytes", &self.max_body_bytes).finish_non_exhaustive()
    }
}

impl<S, RequestBody, ResponseBody> TowerTransport<S, RequestBody>
where
    S: tower_service::Service<http::Request<RequestBody>, Response = http::Response<ResponseBody>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    RequestBody: From<Bytes> + 'static,
    ResponseBody: http_body::Body + Send + 'static,
    ResponseBody::Data: Send,
    ResponseBody::Error: Into<BoxError>,
{
    /// Sends through `service`, reading response bodies up to the client's default limit.
    pub fn new(service: S) -> Self {
        TowerTransport {
            service: tokio::sync::Mutex::new(service),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            body: PhantomData,
        }
    }

    /// Refuses response bodies over `limit` bytes while they are read (as
    /// [`ClientBuilder::max_body_bytes`](super::ClientBuilder::max_body_bytes) does after).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Waits until the service is ready, calls it, and awaits its response without holding
    /// the service.
    async fn call(&self, request: http::Request<Bytes>) -> Result<http::Response<ResponseBody>, TransportError> {
        let future = {
            let mut service = self.service.lock().await;
            std::future::poll_fn(|cx| service.poll_ready(cx)).await.map_err(service_error)?;
            service.call(request.map(RequestBody::from))
        };
        future.await.map_err(service_error)
    }
}

impl<S, RequestBody, ResponseBody> Transport for TowerTransport<S, RequestBody>
where
    S: tower_service::Service<http::Request<RequestBody>, Response = http::Response<ResponseBody>> + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Into<BoxError>,
    RequestBody: From<Bytes> + 'static,
    ResponseBody: http_body::Body + Send + 'static,
    ResponseBody::Data: Send,
    ResponseBody::Error: Into<BoxError>,
{
    fn send(&self, request: http::Request<Bytes>) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = self.call(request).await?.into_parts();
            let limit = self.max_body_bytes;
            match http_body_util::Limited::new(body, limit).collect().await {
                Ok(collected) => Ok(http::Response::from_parts(parts, collected.to_bytes())),
                Err(error) if error.is::<http_body_util::LengthLimitError>() => {
                    Err(TransportError::body_too_large(parts.status, parts.headers, limit, Vec::new()))
                }
                Err(error) => Err(TransportError::Custom(error)),
            }
        })
    }

    /// The body is read frame by frame as the caller polls, without the body limit.
    fn send_streaming(
        &self,
        request: http::Request<Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let response = self.call(request).await?;
            Ok(response.map(|body| {
                let chunks = body
                    .map_frame(|frame| frame.map_data(|mut data| data.copy_to_bytes(data.remaining())))
                    .map_err(|error| TransportError::Custom(error.into()));
                ByteStream::new(http_body_util::BodyDataStream::new(chunks))
            }))
        })
    }
}

fn service_error(error: impl Into<BoxError>) -> TransportError {
    TransportError::Custom(error.into())
}
