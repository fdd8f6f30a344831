//! Responses described item by item (OpenAPI 3.2 `itemSchema`, `tests/specs/streams.yaml`)
//! through the generated `send_items`, against servers on 127.0.0.1 that write their chunked
//! bodies by hand: items arrive as the server writes them (it sends the rest only after the
//! client holds the first), a malformed item is a decode error for that item and the stream
//! goes on, and a connection cut before the body's end is a transport error that ends it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use specforge_tests::streams::models::{FollowJobProgressItem, Message};
use specforge_tests::streams::operations::{WatchRoomMessages, WatchRoomMessagesError};
use specforge_tests::streams::runtime::{Client, Event, ItemError, RetryPolicy};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// What the server writes after the client has its first item, and how it ends.
struct Script {
    content_type: &'static str,
    first: &'static str,
    rest: &'static [&'static str],
    /// Close the connection without the last (empty) chunk.
    cut: bool,
}

/// What the server saw: the request head, and whether it wrote the last chunk of items.
struct Served {
    head: oneshot::Receiver<String>,
    rest_sent: Arc<AtomicBool>,
}

/// A server for one request that answers 200 with `script`'s chunks: the first one, then the
/// others only once `first_received` fires.
async fn item_server(script: Script, first_received: oneshot::Receiver<()>) -> (String, Served) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (head_sender, head) = oneshot::channel();
    let rest_sent = Arc::new(AtomicBool::new(false));
    let sent = rest_sent.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let _ = head_sender.send(read_head(&mut socket).await);
        let response_head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: {}\r\ntransfer-encoding: chunked\r\n\r\n", script.content_type);
        socket.write_all(response_head.as_bytes()).await.unwrap();
        write_chunk(&mut socket, script.first).await;
        if first_received.await.is_err() {
            return;
        }
        for chunk in script.rest {
            write_chunk(&mut socket, chunk).await;
        }
        sent.store(true, Ordering::SeqCst);
        if !script.cut {
            socket.write_all(b"0\r\n\r\n").await.unwrap();
        }
        let _ = socket.shutdown().await;
    });
    (format!("http://{address}"), Served { head, rest_sent })
}

async fn read_head(socket: &mut TcpStream) -> String {
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = socket.read(&mut buffer).await.unwrap();
        if read == 0 {
            break;
        }
        request.extend_from_slice(&buffer[..read]);
    }
    String::from_utf8_lossy(&request).into_owned()
}

async fn write_chunk(socket: &mut TcpStream, text: &str) {
    let chunk = format!("{:x}\r\n{text}\r\n", text.len());
    socket.write_all(chunk.as_bytes()).await.unwrap();
    socket.flush().await.unwrap();
}

fn client(base_url: String) -> Client {
    Client::builder().base_url(base_url).retry_policy(RetryPolicy::none()).build().unwrap()
}

/// The next item, failing the test rather than hanging when it does not come.
async fn next<S: futures_util::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    tokio::time::timeout(Duration::from_secs(10), stream.next()).await.expect("the next item arrives")
}

fn message(author: &str, text: &str) -> Message {
    Message::new(author.to_owned(), text.to_owned())
}

#[tokio::test]
async fn server_sent_events_arrive_as_written_with_their_fields() {
    let (first_received, wait) = oneshot::channel();
    let script = Script {
        content_type: "text/event-stream",
        first:
            ": connected\n\nevent: posted\nid: 1\nretry: 3000\ndata: {\"author\": \"ann\",\ndata: \"text\": \"hi\"}\n\n",
        rest: &[
            "id: 2\ndata: {\"author\": \"bo\", \"text\": \"hello\"}\n\n",
            "event: posted\ndata: {\"author\": 7}\n\n",
            "data: {\"author\": \"ann\", \"text\": \"bye\"}\n\n",
        ],
        cut: false,
    };
    let (base_url, served) = item_server(script, wait).await;
    let client = client(base_url);
    let mut items = client.watch_room_messages("lobby").send_items().await.expect("the head arrives");

    let first = next(&mut items).await.expect("a first item").expect("the first item decodes");
    assert!(!served.rest_sent.load(Ordering::SeqCst), "the first item came before the server sent the rest");
    assert_eq!(
        first,
        Event {
            event: Some("posted".to_owned()),
            id: Some("1".to_owned()),
            retry: Some(3000),
            data: message("ann", "hi")
        }
    );
    first_received.send(()).unwrap();

    let second = next(&mut items).await.unwrap().unwrap();
    assert_eq!(second, Event { event: None, id: Some("2".to_owned()), retry: None, data: message("bo", "hello") });
    match next(&mut items).await.unwrap() {
        Err(ItemError::Decode { index, raw, .. }) => {
            assert_eq!(index, 2);
            assert_eq!(raw, "{\"author\": 7}");
        }
        other => panic!("expected the malformed third event as a decode error, got {other:?}"),
    }
    let fourth = next(&mut items).await.unwrap().unwrap();
    assert_eq!(fourth.data, message("ann", "bye"));
    assert_eq!(fourth.id.as_deref(), Some("2"), "the last event id stays until another is sent");
    assert!(next(&mut items).await.is_none(), "the body's end ends the stream");

    let head = served.head.await.unwrap();
    assert!(head.starts_with("GET /rooms/lobby/messages "), "{head}");
    assert!(head.to_ascii_lowercase().contains("accept: text/event-stream"), "{head}");
}

#[tokio::test]
async fn json_lines_arrive_as_written_and_a_cut_connection_ends_them_with_a_transport_error() {
    let (first_received, wait) = oneshot::channel();
    let script = Script {
        content_type: "application/jsonl",
        first: "{\"step\": \"copy\", \"done\": 10}\n",
        rest: &["{\"step\": \"copy\"}\n{\"step\": \"verify\",", " \"done\": 90}\n{\"step\": \"fin"],
        cut: true,
    };
    let (base_url, served) = item_server(script, wait).await;
    let client = client(base_url);
    let mut items = client.follow_job_progress("job-1").send_items().await.expect("the head arrives");

    let first = next(&mut items).await.unwrap().unwrap();
    assert!(!served.rest_sent.load(Ordering::SeqCst), "the first item came before the server sent the rest");
    assert_eq!(first, FollowJobProgressItem::new("copy".to_owned(), 10));
    first_received.send(()).unwrap();

    match next(&mut items).await.unwrap() {
        Err(ItemError::Decode { index: 1, raw, .. }) => assert_eq!(raw, "{\"step\": \"copy\"}"),
        other => panic!("expected the line without `done` as a decode error, got {other:?}"),
    }
    let third = next(&mut items).await.unwrap().unwrap();
    assert_eq!(third, FollowJobProgressItem::new("verify".to_owned(), 90), "an item split across chunks");
    match next(&mut items).await.unwrap() {
        Err(ItemError::Transport(_)) => {}
        other => panic!("expected the cut connection as a transport error, got {other:?}"),
    }
    assert!(next(&mut items).await.is_none(), "the stream ends after the transport error");

    let head = served.head.await.unwrap();
    assert!(head.to_ascii_lowercase().contains("accept: application/jsonl"), "{head}");
}

#[tokio::test]
async fn a_response_offering_json_or_events_streams_events_from_send_items() {
    let (first_received, wait) = oneshot::channel();
    let script = Script {
        content_type: "text/event-stream",
        first: "data: {\"author\": \"bot\", \"text\": \"part 1\"}\n\n",
        rest: &["data: {\"author\": \"bot\", \"text\": \"part 2\"}\n\n"],
        cut: false,
    };
    let (base_url, served) = item_server(script, wait).await;
    let client = client(base_url);
    let mut items = client.summarize_room("lobby").send_items().await.expect("the head arrives");
    assert_eq!(next(&mut items).await.unwrap().unwrap().data, message("bot", "part 1"));
    first_received.send(()).unwrap();
    assert_eq!(next(&mut items).await.unwrap().unwrap().data, message("bot", "part 2"));
    assert!(next(&mut items).await.is_none());
    let head = served.head.await.unwrap();
    assert!(
        head.to_ascii_lowercase().contains("accept: text/event-stream"),
        "the JSON default is not asked for: {head}"
    );
}

#[tokio::test]
async fn an_error_status_is_the_operations_typed_error() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        read_head(&mut socket).await;
        let body = "{\"detail\": \"no room gone\"}";
        let response = format!(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await.unwrap();
        let _ = socket.shutdown().await;
    });
    let client = client(format!("http://{address}"));
    let error = WatchRoomMessages::new("gone").send_items(&client).await.unwrap_err();
    match error {
        WatchRoomMessagesError::NotFound(response) => {
            assert_eq!(response.body.detail.as_deref(), Some("no room gone"))
        }
        other => panic!("expected the documented 404, got {other:?}"),
    }
}

#[tokio::test]
async fn an_invalid_parameter_is_refused_before_connecting() {
    // Nothing listens on this port once the listener is dropped: a request would be a transport error.
    let address = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap();
    let client = client(format!("http://{address}"));
    let error = WatchRoomMessages::new("Not A Room").send_items(&client).await.unwrap_err();
    assert!(matches!(error, WatchRoomMessagesError::InvalidParameter(_)), "{error:?}");
}
