//! Typed item streams read from a loopback server over a real socket: Server-Sent Events and
//! JSON Lines items arrive as the server writes them (the server sends its last item only once
//! the client has the first), a malformed item is a typed error for that item alone, and a cut
//! connection ends the stream with a transport error.

use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use serde::Deserialize;
use specforge_runtime::{ApiDefaults, Client, ClientBuilder, Event, ItemError, ItemFraming, ItemStream, Request};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

#[derive(Debug, Deserialize, PartialEq)]
struct Tick {
    n: u32,
}

/// A server for one request: it writes the response head, then each part of `first`, waits
/// for `go`, and writes each part of `rest`; it closes when `rest` is written.
async fn server(
    head: &'static str,
    first: Vec<&'static str>,
    rest: Vec<&'static str>,
) -> (Client, oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (go, wait) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        read_request(&mut socket).await;
        socket.write_all(head.as_bytes()).await.unwrap();
        for part in first {
            socket.write_all(part.as_bytes()).await.unwrap();
        }
        socket.flush().await.unwrap();
        if wait.await.is_err() {
            return;
        }
        for part in rest {
            socket.write_all(part.as_bytes()).await.unwrap();
            socket.flush().await.unwrap();
        }
    });
    let defaults = ApiDefaults {
        base_url: "http://unused.invalid",
        user_agent: "test",
        oauth_token_url: None,
        oauth_token_path: None,
    };
    let client = ClientBuilder::new(defaults).base_url(format!("http://{address}")).build().unwrap();
    (client, go)
}

async fn read_request(socket: &mut TcpStream) {
    let mut request = Vec::new();
    let mut buffer = [0u8; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = socket.read(&mut buffer).await.unwrap();
        assert!(read > 0, "the client closed before sending its request");
        request.extend_from_slice(&buffer[..read]);
    }
}

fn request(accept: &'static str) -> Request {
    Request {
        operation_id: "stream",
        method: http::Method::GET,
        path_template: "/stream",
        path: "/stream".to_owned(),
        query: Vec::new(),
        headers: Vec::new(),
        accept: Some(accept),
        body: None,
        secrets: &[],
    }
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

const CHUNKED: &str = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n";

/// One chunk of a chunked body holding `text`, leaked so the server's parts are `'static`.
fn chunk(text: &str) -> &'static str {
    Box::leak(format!("{:x}\r\n{text}\r\n", text.len()).into_boxed_str())
}

#[tokio::test]
async fn json_lines_arrive_one_by_one_and_a_malformed_line_is_its_own_error() {
    let head: &'static str = Box::leak(format!("{CHUNKED}Content-Type: application/jsonl\r\n\r\n").into_boxed_str());
    // The first item is split over two chunks; the last has no line end before the body ends.
    let first = vec![chunk("{\"n\":"), chunk("1}\n")];
    let rest = vec![chunk("{\"n\": oops}\r\n\n"), chunk("{\"n\":3}"), "0\r\n\r\n"];
    let (client, go) = server(head, first, rest).await;
    let response = client.send_stream(&request("application/jsonl")).await.unwrap();
    let framing = ItemFraming::of_media_type("application/jsonl; charset=utf-8").unwrap();
    let mut items = ItemStream::<Tick>::values(response.into_body(), framing);
    // The server has not sent the rest yet: this item came as it was written.
    assert_eq!(next(&mut items).await.unwrap().unwrap(), Tick { n: 1 });
    go.send(()).unwrap();
    match next(&mut items).await.unwrap() {
        Err(ItemError::Decode { index, raw, .. }) => assert_eq!((index, raw.as_str()), (1, "{\"n\": oops}")),
        other => panic!("expected a decode error for item 1, got {other:?}"),
    }
    assert_eq!(next(&mut items).await.unwrap().unwrap(), Tick { n: 3 });
    assert!(next(&mut items).await.is_none());
}

#[tokio::test]
async fn server_sent_events_keep_their_fields() {
    let head: &'static str = Box::leak(format!("{CHUNKED}Content-Type: text/event-stream\r\n\r\n").into_boxed_str());
    let first = vec![chunk(": a comment\nevent: tick\nid: 7\nretry: 1500\ndata: {\"n\":\ndata: 1}\n\n")];
    let rest = vec![
        chunk("data: not json\n\n"),
        chunk("id: 8\n\n"),
        chunk("data: {\"n\":2}\r\n\r\n"),
        chunk("data: {\"n\":9}\n"),
        "0\r\n\r\n",
    ];
    let (client, go) = server(head, first, rest).await;
    let response = client.send_stream(&request("text/event-stream")).await.unwrap();
    assert_eq!(ItemFraming::of_media_type("text/event-stream"), Some(ItemFraming::EventStream));
    let mut events = ItemStream::<Event<Tick>>::events(response.into_body());
    let event = next(&mut events).await.unwrap().unwrap();
    assert_eq!(
        event,
        Event { event: Some("tick".to_owned()), id: Some("7".to_owned()), retry: Some(1500), data: Tick { n: 1 } }
    );
    go.send(()).unwrap();
    match next(&mut events).await.unwrap() {
        Err(ItemError::Decode { index: 1, raw, .. }) => assert_eq!(raw, "not json"),
        other => panic!("expected a decode error for event 1, got {other:?}"),
    }
    // An event with no data is not an item; the last event id carries over.
    let event = next(&mut events).await.unwrap().unwrap();
    assert_eq!((event.id.as_deref(), event.event, event.data), (Some("8"), None, Tick { n: 2 }));
    // An event the body ends before its blank line is not dispatched.
    assert!(next(&mut events).await.is_none());
}

#[tokio::test]
async fn a_cut_connection_ends_the_stream_with_a_transport_error() {
    let head: &'static str = Box::leak(format!("{CHUNKED}Content-Type: application/jsonl\r\n\r\n").into_boxed_str());
    // No last chunk: the server closes in the middle of the body.
    let (client, go) = server(head, vec![chunk("{\"n\":1}\n")], vec![chunk("{\"n\":")]).await;
    let response = client.send_stream(&request("application/jsonl")).await.unwrap();
    let mut items = ItemStream::<Tick>::values(response.into_body(), ItemFraming::JsonLines);
    assert_eq!(next(&mut items).await.unwrap().unwrap(), Tick { n: 1 });
    go.send(()).unwrap();
    match next(&mut items).await.unwrap() {
        Err(error @ ItemError::Transport(_)) => assert!(error.to_string().contains("interrupted"), "{error}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(next(&mut items).await.is_none());
}

#[test]
fn json_text_sequences_are_split_at_record_separators() {
    let body = specforge_runtime::ByteStream::from_bytes("\u{1e}{\"n\":1}\n\u{1e}{\"n\":2}\n".into());
    let mut items = ItemStream::<Tick>::values(body, ItemFraming::JsonSeq);
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let ticks: Vec<Tick> = runtime
        .block_on(async { vec![next(&mut items).await.unwrap().unwrap(), next(&mut items).await.unwrap().unwrap()] });
    assert_eq!(ticks, [Tick { n: 1 }, Tick { n: 2 }]);
    assert!(runtime.block_on(next(&mut items)).is_none());
}
