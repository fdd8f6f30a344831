//! Streamed success bodies: downloads that are not JSON (gzip logs, CSV, octet-stream, text)
//! come as a [`ByteStream`] of chunks as they arrive, with no body limit and bounded memory,
//! instead of one buffered `Vec<u8>`. Error answers are still read whole (within the body
//! limit) and decoded into the operation's typed error.
//!
//! Streams of items (OpenAPI 3.2's `itemSchema`) are decoded one item at a time as the bytes
//! arrive by [`ItemStream`]: Server-Sent Events (`text/event-stream`, each item an [`Event`]
//! keeping the SSE fields), JSON Lines (`application/jsonl`) and JSON text sequences
//! (`application/json-seq`).

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

/// An operation whose success body is a stream of items (OpenAPI 3.2 `itemSchema`):
/// implemented by the generated builders of such operations.
pub trait StreamedItems: Streamed {
    /// What the stream yields: the decoded item, or an [`Event`] of it for `text/event-stream`.
    type Item;
    /// Decodes a success body item by item, in the framing of its media type.
    fn items(body: ByteStream) -> ItemStream<Self::Item>;
}

/// Validates and sends one operation, and returns a 2xx answer's items as they arrive (see
/// [`send_stream`] for the other statuses).
pub async fn send_items<O: StreamedItems>(operation: &O, client: &Client) -> Result<ItemStream<O::Item>, O::Error> {
    let response = send_stream(operation, client).await?;
    Ok(O::items(response.body))
}

impl<O: StreamedItems> Call<'_, O> {
    /// Validates and sends, and returns the success body's items as they arrive (see
    /// [`send_items`]).
    pub async fn send_items(self) -> Result<ItemStream<O::Item>, O::Error> {
        send_items(self.operation(), self.client()).await
    }
}

/// How the items of a streamed body are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFraming {
    /// `text/event-stream`: events separated by a blank line, the item in their `data` lines.
    EventStream,
    /// `application/jsonl` (and `application/x-ndjson`): one JSON value per line.
    JsonLines,
    /// `application/json-seq` (RFC 7464): each JSON value after an ASCII record separator.
    JsonSeq,
}

impl ItemFraming {
    /// The framing a media type names, if it names one.
    pub fn of_media_type(media_type: &str) -> Option<ItemFraming> {
        let essence = media_type.split(';').next().unwrap_or(media_type).trim().to_ascii_lowercase();
        match essence.as_str() {
            "text/event-stream" => Some(ItemFraming::EventStream),
            "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => Some(ItemFraming::JsonLines),
            "application/json-seq" => Some(ItemFraming::JsonSeq),
            _ => None,
        }
    }
}

/// One Server-Sent Event whose `data` is an item: the other fields as the server sent them.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event` field (the event type), when sent.
    pub event: Option<String>,
    /// The `id` field, when sent: what to send back in `Last-Event-ID` to resume.
    pub id: Option<String>,
    /// The `retry` field (reconnection time in milliseconds), when sent.
    pub retry: Option<u64>,
    /// The decoded `data` lines.
    pub data: T,
}

/// Why one item of a stream could not be had.
#[derive(Debug)]
pub enum ItemError {
    /// The item's text is not the JSON the spec describes; the stream goes on after it.
    Decode {
        /// The item's position in the stream, from zero.
        index: usize,
        /// The item's text as received.
        raw: String,
        error: serde_json::Error,
    },
    /// The connection failed or was cut; the stream ends after this.
    Transport(TransportError),
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemError::Decode { index, error, .. } => write!(f, "item {index} of the stream is not valid: {error}"),
            ItemError::Transport(error) => write!(f, "the stream was interrupted: {error}"),
        }
    }
}

impl std::error::Error for ItemError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ItemError::Decode { error, .. } => Some(error),
            ItemError::Transport(error) => Some(error),
        }
    }
}

/// The fields of one received event before its data is decoded.
#[derive(Default)]
struct EventFields {
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
    data: Option<String>,
}

/// The SSE fields of an event, beside its data.
struct EventFieldsView<'f> {
    event: &'f Option<String>,
    id: &'f Option<String>,
    retry: Option<u64>,
}

/// Decodes one framed item (for events, with its fields).
type DecodeItem<T> = fn(&str, Option<EventFieldsView<'_>>) -> Result<T, serde_json::Error>;

fn decode_event<T: serde::de::DeserializeOwned>(
    text: &str,
    fields: Option<EventFieldsView<'_>>,
) -> Result<Event<T>, serde_json::Error> {
    let data = serde_json::from_str(text)?;
    Ok(match fields {
        Some(fields) => Event { event: fields.event.clone(), id: fields.id.clone(), retry: fields.retry, data },
        None => Event { event: None, id: None, retry: None, data },
    })
}

fn decode_value<T: serde::de::DeserializeOwned>(
    text: &str,
    _fields: Option<EventFieldsView<'_>>,
) -> Result<T, serde_json::Error> {
    serde_json::from_str(text)
}

/// A body decoded into items as its bytes arrive: `Stream<Item = Result<T, ItemError>>`. A
/// malformed item is an [`ItemError::Decode`] for that item and the next ones still come; a
/// transport failure is the last item.
pub struct ItemStream<T> {
    body: ByteStream,
    framing: ItemFraming,
    buffer: Vec<u8>,
    /// The event being received (event streams only).
    fields: EventFields,
    next_index: usize,
    done: bool,
    decode: DecodeItem<T>,
}

impl<T> fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemStream").field("framing", &self.framing).field("next_index", &self.next_index).finish()
    }
}

impl<T: serde::de::DeserializeOwned> ItemStream<Event<T>> {
    /// The events of a `text/event-stream` body.
    pub fn events(body: ByteStream) -> Self {
        ItemStream::new(body, ItemFraming::EventStream, decode_event::<T>)
    }
}

impl<T: serde::de::DeserializeOwned> ItemStream<T> {
    /// The values of a JSON Lines or JSON text sequence body, decoded as `T`.
    pub fn values(body: ByteStream, framing: ItemFraming) -> Self {
        ItemStream::new(body, framing, decode_value::<T>)
    }
}

impl<T> ItemStream<T> {
    fn new(body: ByteStream, framing: ItemFraming, decode: DecodeItem<T>) -> Self {
        ItemStream {
            body,
            framing,
            buffer: Vec::new(),
            fields: EventFields::default(),
            next_index: 0,
            done: false,
            decode,
        }
    }

    /// The next complete line of the buffer (without its end: `\n`, `\r\n` or, at the end
    /// of the body, nothing), if one is there.
    fn take_line(&mut self, at_end: bool) -> Option<String> {
        let separator: &[u8] = if self.framing == ItemFraming::JsonSeq { b"\x1e" } else { b"\n" };
        let (line, consumed) = match self.buffer.iter().position(|byte| *byte == separator[0]) {
            Some(at) => (self.buffer[..at].to_vec(), at + 1),
            None if at_end && !self.buffer.is_empty() => (self.buffer.clone(), self.buffer.len()),
            None => return None,
        };
        self.buffer.drain(..consumed);
        let mut line = String::from_utf8_lossy(&line).into_owned();
        if line.ends_with('\r') {
            line.pop();
        }
        Some(line)
    }
}

impl<T> ItemStream<T> {
    /// The next framed item in the buffer, with its event fields for event streams.
    fn next_framed(&mut self, at_end: bool) -> Option<Result<T, ItemError>> {
        while let Some(line) = self.take_line(at_end) {
            let text = match self.framing {
                ItemFraming::JsonLines | ItemFraming::JsonSeq => {
                    if line.trim().is_empty() {
                        continue;
                    }
                    line
                }
                ItemFraming::EventStream => {
                    if !line.is_empty() {
                        self.event_line(&line);
                        continue;
                    }
                    // A blank line ends an event; one without data is not dispatched.
                    let fields = std::mem::take(&mut self.fields);
                    self.fields.id = fields.id.clone();
                    let Some(data) = fields.data else { continue };
                    let index = self.next_index;
                    self.next_index += 1;
                    let view = EventFieldsView { event: &fields.event, id: &fields.id, retry: fields.retry };
                    return Some((self.decode)(&data, Some(view)).map_err(|error| ItemError::Decode {
                        index,
                        raw: data,
                        error,
                    }));
                }
            };
            let index = self.next_index;
            self.next_index += 1;
            return Some((self.decode)(&text, None).map_err(|error| ItemError::Decode { index, raw: text, error }));
        }
        None
    }

    /// Reads one field line of an event (a line starting with `:` is a comment).
    fn event_line(&mut self, line: &str) {
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        match name {
            "data" => match &mut self.fields.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.fields.data = Some(value.to_owned()),
            },
            "event" => self.fields.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.fields.id = Some(value.to_owned()),
            "retry" => self.fields.retry = value.parse().ok().or(self.fields.retry),
            _ => {}
        }
    }
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T, ItemError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        use std::task::Poll;
        let this = self.get_mut();
        loop {
            if this.done {
                // What is left after the body ended: a last line without its end, for lines
                // and sequences; an event without its blank line is dropped, as browsers do.
                let at_end = this.framing != ItemFraming::EventStream;
                return Poll::Ready(this.next_framed(at_end));
            }
            if let Some(item) = this.next_framed(false) {
                return Poll::Ready(Some(item));
            }
            match Pin::new(&mut this.body).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(chunk))) => this.buffer.extend_from_slice(&chunk),
                Poll::Ready(Some(Err(error))) => {
                    this.done = true;
                    this.buffer.clear();
                    return Poll::Ready(Some(Err(ItemError::Transport(error))));
                }
                Poll::Ready(None) => this.done = true,
            }
        }
    }
}
