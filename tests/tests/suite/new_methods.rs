//! OpenAPI 3.2's `query` method, `additionalOperations` and `in: querystring`
//! (`tests/specs/streams.yaml`) sent over 127.0.0.1 to a server that records each request as
//! it arrives: the method goes on the wire as the spec names it, QUERY is retried like the
//! other idempotent methods and an extension method is not, and a querystring parameter's
//! properties are the whole query.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use specforge_tests::streams::models::{Filter, Message, Search};
use specforge_tests::streams::operations::{PurgeMessages, PurgeMessagesError, SearchRoom, SearchRoomError};
use specforge_tests::streams::runtime::{Client, RetryPolicy};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server read it: the head's lines and the body.
#[derive(Debug)]
struct Received {
    head: String,
    body: String,
}

impl Received {
    fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or_default()
    }
}

/// A server that answers the requests it accepts with `answers` in order (each one on its own
/// connection, which it then closes), recording each request.
async fn server(answers: Vec<&'static str>) -> (String, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let received = Arc::new(Mutex::new(Vec::new()));
    let log = received.clone();
    tokio::spawn(async move {
        for answer in answers {
            let (mut socket, _) = listener.accept().await.unwrap();
            let request = read_request(&mut socket).await;
            log.lock().unwrap().push(request);
            socket.write_all(answer.as_bytes()).await.unwrap();
            let _ = socket.shutdown().await;
        }
    });
    (format!("http://{address}"), received)
}

async fn read_request(socket: &mut TcpStream) -> Received {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let read = socket.read(&mut buffer).await.unwrap();
        assert!(read > 0, "the connection closed inside the request head");
        bytes.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8(bytes[..head_end].to_vec()).unwrap();
    let length = head
        .lines()
        .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap()))
        .unwrap_or(0usize);
    while bytes.len() < head_end + length {
        let read = socket.read(&mut buffer).await.unwrap();
        assert!(read > 0, "the connection closed inside the request body");
        bytes.extend_from_slice(&buffer[..read]);
    }
    Received { head, body: String::from_utf8(bytes[head_end..].to_vec()).unwrap() }
}

const UNAVAILABLE: &str = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
const NO_CONTENT: &str = "HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n";
const MESSAGES: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 30\r\nconnection: close\r\n\r\n[{\"author\":\"ann\",\"text\":\"hi\"}]";

/// One retry after a 503, at once.
fn client(base_url: String) -> Client {
    let retry =
        RetryPolicy { max_retries: 1, base_delay: Duration::from_millis(1), jitter: false, ..RetryPolicy::none() };
    Client::builder().base_url(base_url).retry_policy(retry).build().unwrap()
}

#[tokio::test]
async fn a_query_request_carries_its_body_and_is_retried_after_a_503() {
    let (base_url, received) = server(vec![UNAVAILABLE, MESSAGES]).await;
    let response = client(base_url).search_room("lobby", Search::new("hi".to_owned()).limit(5)).send().await.unwrap();
    assert_eq!(response.body, [Message::new("ann".to_owned(), "hi".to_owned())]);

    let received = received.lock().unwrap();
    assert_eq!(received.len(), 2, "QUERY is idempotent: retried once after the 503");
    for request in received.iter() {
        assert_eq!(request.request_line(), "QUERY /rooms/lobby/search HTTP/1.1");
        assert!(request.head.to_ascii_lowercase().contains("content-type: application/json"), "{}", request.head);
        assert_eq!(request.body, r#"{"text":"hi","limit":5}"#);
    }
    assert_eq!(SearchRoom::METHOD, "QUERY");
}

#[tokio::test]
async fn an_additional_operation_is_sent_under_its_own_method_and_not_retried() {
    let (base_url, received) = server(vec![NO_CONTENT, UNAVAILABLE, NO_CONTENT]).await;
    let client = client(base_url);
    let response = client.purge_messages().dry_run(true).send().await.unwrap();
    assert_eq!(response.status, 204);
    assert_eq!(received.lock().unwrap()[0].request_line(), "PURGE /messages?dryRun=true HTTP/1.1");

    // A method `http` does not know is not idempotent to it: a 503 is the answer.
    let error = client.purge_messages().send().await.unwrap_err();
    let PurgeMessagesError::UnexpectedStatus(response, _) = &error else { panic!("expected the 503: {error:?}") };
    assert_eq!(response.status, 503);
    assert_eq!(received.lock().unwrap().len(), 2, "no retry of PURGE");
    assert_eq!(received.lock().unwrap()[1].request_line(), "PURGE /messages HTTP/1.1");

    let request = PurgeMessages::new().build().unwrap();
    assert_eq!(request.method, PurgeMessages::METHOD);
}

#[tokio::test]
async fn a_querystring_parameter_is_the_whole_query() {
    let (base_url, received) = server(vec![MESSAGES]).await;
    let filter = Filter::new("ann & bo".to_owned()).room("lobby".to_owned());
    let response = client(base_url).find_messages(filter).send().await.unwrap();
    assert_eq!(response.body.len(), 1);
    assert_eq!(received.lock().unwrap()[0].request_line(), "GET /messages?author=ann+%26+bo&room=lobby HTTP/1.1");
}

#[tokio::test]
async fn a_json_querystring_parameter_is_the_whole_query_as_json() {
    let (base_url, received) = server(vec![MESSAGES]).await;
    let filter = Filter::new("ann & bo".to_owned());
    let response = client(base_url).search_messages(filter).send().await.unwrap();
    assert_eq!(response.body.len(), 1);
    let request_line = received.lock().unwrap()[0].request_line().to_owned();
    assert_eq!(request_line, "GET /messages/search?%7B%22author%22%3A%22ann%20%26%20bo%22%7D HTTP/1.1");
}

#[tokio::test]
async fn a_bad_parameter_of_a_query_request_is_refused_before_any_io() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let client = client(format!("http://{}", listener.local_addr().unwrap()));
    let error = client.search_room("Not A Room", Search::new("hi".to_owned())).send().await.unwrap_err();
    let SearchRoomError::InvalidParameter(invalid) = &error else { panic!("expected a validation error: {error:?}") };
    assert_eq!(invalid.parameter, "roomId");
    let accepted = tokio::time::timeout(Duration::from_millis(200), listener.accept()).await;
    assert!(accepted.is_err(), "nothing connected");
}
