//! Request contents given as bytes or as a stream: [`Upload`], what binary request bodies
//! and multipart file parts take, and [`UploadStream`], a body sent as it is read.
//!
//! A stream is read once. The first attempt that sends it consumes it, so a call whose body
//! is streamed is never retried and a `401` that would need the body again (a Digest
//! challenge, an expired token) is returned as it came; a later attempt with the same
//! request fails with [`TransportError::InvalidRequest`](super::TransportError) rather than
//! send a truncated body.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

/// Any error a caller's stream reports.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// A caller's stream, shared by the clones of the builder and request that hold it and taken
/// by the first one sent. Two are equal when they are the same stream.
#[derive(Clone)]
pub(crate) struct StreamSlot(Arc<Mutex<Option<ChunkStream>>>);

impl StreamSlot {
    fn take(&self) -> Option<ChunkStream> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).take()
    }
}

impl PartialEq for StreamSlot {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for StreamSlot {}

/// Contents to send: bytes, or a stream of chunks read while the request is sent, so that a
/// large file is never held in memory whole (`Upload::stream(chunks)`).
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    content: Content,
}

#[derive(Clone, PartialEq, Eq)]
enum Content {
    Bytes(Bytes),
    Stream(StreamSlot),
}

impl Upload {
    /// Contents read from `stream` as the request is sent (a file through
    /// `tokio_util::io::ReaderStream`, say). The stream is read once: see the module docs.
    pub fn stream<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError>,
    {
        let stream: ChunkStream = Box::pin(ErrorInto { stream: Box::pin(stream) });
        Upload { content: Content::Stream(StreamSlot(Arc::new(Mutex::new(Some(stream))))) }
    }

    /// The bytes, when the contents are not a stream.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.content {
            Content::Bytes(bytes) => Some(bytes),
            Content::Stream(_) => None,
        }
    }

    pub(crate) fn segment(&self) -> Segment {
        match &self.content {
            Content::Bytes(bytes) => Segment::Bytes(bytes.clone()),
            Content::Stream(slot) => Segment::Stream(slot.clone()),
        }
    }
}

impl From<Vec<u8>> for Upload {
    fn from(bytes: Vec<u8>) -> Self {
        Upload { content: Content::Bytes(Bytes::from(bytes)) }
    }
}

impl From<Bytes> for Upload {
    fn from(bytes: Bytes) -> Self {
        Upload { content: Content::Bytes(bytes) }
    }
}

impl From<&[u8]> for Upload {
    fn from(bytes: &[u8]) -> Self {
        Upload::from(bytes.to_vec())
    }
}

impl<const N: usize> From<[u8; N]> for Upload {
    fn from(bytes: [u8; N]) -> Self {
        Upload::from(bytes.to_vec())
    }
}

impl From<String> for Upload {
    fn from(text: String) -> Self {
        Upload::from(text.into_bytes())
    }
}

impl fmt::Debug for Upload {
    // Contents may be large or secret: only the size is shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.content {
            Content::Bytes(bytes) => write!(f, "Upload({} bytes)", bytes.len()),
            Content::Stream(_) => f.write_str("Upload(stream)"),
        }
    }
}

/// A piece of a streamed body: bytes the client wrote (multipart headers, a small part) or a
/// caller's stream.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    Bytes(Bytes),
    Stream(StreamSlot),
}

/// A request body sent as it is read: its segments in order, taken by the first attempt.
/// Clones share the segments; two are equal when they are the same body.
#[derive(Clone)]
pub struct UploadStream {
    segments: Arc<Mutex<Option<Vec<Segment>>>>,
}

impl UploadStream {
    pub(crate) fn new(segments: Vec<Segment>) -> Self {
        UploadStream { segments: Arc::new(Mutex::new(Some(segments))) }
    }

    /// The body's chunks, for the one attempt that sends them; `None` when an earlier
    /// attempt (or a clone of the request) took them, or a stream inside was taken.
    pub fn take(&self) -> Option<UploadBody> {
        let segments = self.segments.lock().unwrap_or_else(PoisonError::into_inner).take()?;
        let mut parts = Vec::with_capacity(segments.len());
        for segment in segments {
            parts.push(match segment {
                Segment::Bytes(bytes) => Part::Bytes(bytes),
                Segment::Stream(slot) => Part::Stream(slot.take()?),
            });
        }
        parts.reverse();
        Some(UploadBody { parts })
    }
}

impl PartialEq for UploadStream {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.segments, &other.segments)
    }
}

impl Eq for UploadStream {}

impl fmt::Debug for UploadStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UploadStream")
    }
}

enum Part {
    Bytes(Bytes),
    Stream(ChunkStream),
}

/// The chunks of a streamed request body, in order: what a [`Transport`](super::Transport)
/// sends.
pub struct UploadBody {
    /// Still to send, the next last.
    parts: Vec<Part>,
}

impl UploadBody {
    /// Reads the whole body into memory: what a transport without streaming does.
    pub async fn collect(mut self) -> Result<Bytes, BoxError> {
        let mut all = Vec::new();
        while let Some(chunk) = std::future::poll_fn(|cx| Pin::new(&mut self).poll_next(cx)).await {
            all.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(all))
    }
}

impl Stream for UploadBody {
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        loop {
            match self.parts.pop() {
                None => return Poll::Ready(None),
                Some(Part::Bytes(bytes)) if bytes.is_empty() => {}
                Some(Part::Bytes(bytes)) => return Poll::Ready(Some(Ok(bytes))),
                Some(Part::Stream(mut stream)) => match stream.as_mut().poll_next(cx) {
                    Poll::Ready(None) => {}
                    other => {
                        self.parts.push(Part::Stream(stream));
                        return other;
                    }
                },
            }
        }
    }
}

impl fmt::Debug for UploadBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("UploadBody")
    }
}

/// A caller's stream with its errors boxed.
struct ErrorInto<S> {
    stream: Pin<Box<S>>,
}

impl<S, E> Stream for ErrorInto<S>
where
    S: Stream<Item = Result<Bytes, E>>,
    E: Into<BoxError>,
{
    type Item = Result<Bytes, BoxError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx).map(|item| item.map(|chunk| chunk.map_err(Into::into)))
    }
}
