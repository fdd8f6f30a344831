//! Streamed success bodies: downloads that are not JSON (gzip logs, CSV, octet-stream, text)
//! come as a [`ByteStream`] of chunks as they arrive, with no body limit and bounded memory,
//! instead of one buffered `Vec<u8>`. Error answers are still read whole (within the body
//! limit) and decoded into the operation's typed error.

use std::fmt;
use std::pin::Pin;

use bytes::Bytes;
use futures_core::Stream;
use http::{HeaderMap, StatusCode};

use super::call::{Call, Operation};
use super::response::{is_json, RedactedHeaders};
use super::transport::{ByteStream, TransportError};
use super::{Client, RawResponse};

/// A success response whose body is read as it arrives.
pub struct StreamedResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: ByteStream,
}

impl fmt::Debug for StreamedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamedResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .finish_non_exhaustive()
    }
}

/// An operation whose success body is not JSON, so that it can be streamed; implemented by
/// the generated builders of such operations.
pub trait Streamed: Operation {
    /// The media type to ask for when the builder asks for JSON (an operation that offers
    /// both, such as a log download with a JSON description).
    const STREAMED_MEDIA_TYPE: &'static str;
}

/// Validates and sends one operation, and returns a 2xx answer with its body as a stream;
/// another status is read whole and decoded into the operation's error. Nothing is sent when
/// a parameter is invalid.
pub async fn send_stream<O: Streamed>(operation: &O, client: &Client) -> Result<StreamedResponse, O::Error> {
    let mut request = operation.build()?;
    if request.accept.is_none_or(is_json) {
        request.accept = Some(O::STREAMED_MEDIA_TYPE);
    }
    let response = client.send_stream(&request).await?;
    let (parts, body) = response.into_parts();
    if parts.status.is_success() {
        return Ok(StreamedResponse { status: parts.status, headers: parts.headers, body });
    }
    let raw = read_whole(parts.status, parts.headers, body, client.max_body_bytes()).await?;
    match operation.decode_response(raw.clone()) {
        Err(error) => Err(error),
        // A non-2xx status the operation documents as success: its body was read already.
        Ok(_) => Ok(StreamedResponse {
            status: raw.status,
            headers: raw.headers,
            body: ByteStream::from_bytes(Bytes::from(raw.body)),
        }),
    }
}

/// Reads a streamed body whole, refusing more than `limit` bytes: an error answer, which is
/// decoded whole.
async fn read_whole(
    status: StatusCode,
    headers: HeaderMap,
    mut body: ByteStream,
    limit: usize,
) -> Result<RawResponse, TransportError> {
    let mut read = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_next(cx)).await {
        let chunk = chunk?;
        if read.len() + chunk.len() > limit {
            read.extend_from_slice(&chunk[..limit.saturating_sub(read.len())]);
            return Err(TransportError::body_too_large(status, headers, limit, read));
        }
        read.extend_from_slice(&chunk);
    }
    Ok(RawResponse { status, headers, body: read })
}

impl<O: Streamed> Call<'_, O> {
    /// Validates and sends, and returns the success body as a stream of chunks (see
    /// [`send_stream`]).
    pub async fn send_stream(self) -> Result<StreamedResponse, O::Error> {
        send_stream(self.operation(), self.client()).await
    }
}
