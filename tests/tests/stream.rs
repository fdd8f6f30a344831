//! Streamed downloads of a generated client (`tests/specs/paging-downloads.yaml`) from
//! loopback servers: a 64 MiB gzip body read chunk by chunk while the process's memory stays
//! far below that, a body cut before its announced length (a typed error item, no panic), an
//! error status decoded into the operation's typed error, and a CSV asked for in place of the
//! default JSON.

use std::sync::{Arc, Mutex};

use futures_util::StreamExt as _;
use serde_json::json;
use specforge_tests::downloads::operations::{DownloadHostLog, DownloadHostLogError};
use specforge_tests::downloads::runtime::{Client, RetryPolicy, TransportError};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MIB: usize = 1024 * 1024;

/// A server that answers one request with `Content-Length: announced` and then writes `sent`
/// bytes in 64 KiB chunks from one fixed buffer, and closes. Returns its base URL and the
/// request head it received.
async fn file_server(announced: usize, sent: usize) -> (String, Arc<Mutex<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let head = Arc::new(Mutex::new(String::new()));
    let seen = head.clone();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = [0u8; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = socket.read(&mut buffer).await.unwrap();
            if read == 0 {
                return;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        *seen.lock().unwrap() = String::from_utf8_lossy(&request).into_owned();
        let response_head =
            format!("HTTP/1.1 200 OK\r\ncontent-type: application/gzip\r\ncontent-length: {announced}\r\n\r\n");
        socket.write_all(response_head.as_bytes()).await.unwrap();
        let chunk = vec![0x1f_u8; 64 * 1024];
        let mut left = sent;
        while left > 0 {
            let n = left.min(chunk.len());
            if socket.write_all(&chunk[..n]).await.is_err() {
                return;
            }
            left -= n;
        }
        let _ = socket.shutdown().await;
    });
    (format!("http://{address}"), head)
}

/// Resident memory of this process, from `/proc/self/statm`.
fn resident_bytes() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm is readable on Linux");
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

fn client(base_url: String) -> Client {
    Client::builder().base_url(base_url).retry_policy(RetryPolicy::none()).build().unwrap()
}

#[tokio::test]
async fn a_64_mib_log_streams_in_bounded_memory() {
    let total = 64 * MIB;
    let (base_url, head) = file_server(total, total).await;
    let client = client(base_url);
    let before = resident_bytes();
    let response = DownloadHostLog::new("host-1", "mongod").send_stream(&client).await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["content-type"], "application/gzip");
    let mut body = response.body;
    let (mut received, mut largest_chunk, mut peak) = (0usize, 0usize, before);
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        received += chunk.len();
        largest_chunk = largest_chunk.max(chunk.len());
        peak = peak.max(resident_bytes());
    }
    assert_eq!(received, total, "the whole body arrives, past the 8 MiB limit of buffered calls");
    assert!(largest_chunk <= MIB, "chunks are small: the largest held was {largest_chunk} bytes");
    let growth = peak.saturating_sub(before);
    assert!(growth < 16 * MIB, "memory grew by {growth} bytes while streaming {total}");
    let head = head.lock().unwrap().clone();
    assert!(head.starts_with("GET /hosts/host-1/logs/mongod.gz "), "{head}");
    assert!(head.to_ascii_lowercase().contains("accept: application/gzip"), "{head}");
}

#[tokio::test]
async fn a_body_cut_in_the_middle_is_a_typed_error_item() {
    let (base_url, _) = file_server(MIB, 100 * 1024).await;
    let client = client(base_url);
    let response = client.download_host_log("host-1", "audit").send_stream().await.expect("the head arrives");
    let items: Vec<_> = response.body.collect().await;
    let received: usize = items.iter().filter_map(|item| item.as_ref().ok()).map(|chunk| chunk.len()).sum();
    assert!(received <= 100 * 1024);
    let last = items.last().expect("at least the error");
    assert!(matches!(last, Err(TransportError::Http(_))), "{last:?}");
    assert_eq!(items.iter().filter(|item| item.is_err()).count(), 1, "the stream ends after the error");
}

#[tokio::test]
async fn an_error_status_is_decoded_into_the_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/hosts/gone/logs/mongos.gz"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"status": 404, "errorCode": "NO_HOST"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(server.uri());
    let error = DownloadHostLog::new("gone", "mongos").send_stream(&client).await.unwrap_err();
    match error {
        DownloadHostLogError::NotFound(response) => assert_eq!(response.body.error_code.as_deref(), Some("NO_HOST")),
        other => panic!("expected the documented 404, got {other:?}"),
    }
}

#[tokio::test]
async fn an_invalid_parameter_sends_nothing() {
    let server = MockServer::start().await;
    let client = client(server.uri());
    let error = DownloadHostLog::new("..", "mongod").send_stream(&client).await.unwrap_err();
    assert!(matches!(error, DownloadHostLogError::InvalidParameter(_)), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_csv_is_asked_for_when_the_default_is_json() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/reports/r1"))
        .and(header("accept", "text/csv"))
        .respond_with(
            ResponseTemplate::new(200).insert_header("content-type", "text/csv").set_body_string("a,b\n1,2\n"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = client(server.uri());
    let response = client.get_report("r1").send_stream().await.unwrap();
    let chunks: Vec<_> = response.body.collect().await;
    let body: Vec<u8> = chunks.into_iter().flat_map(|chunk| chunk.unwrap().to_vec()).collect();
    assert_eq!(body, b"a,b\n1,2\n");
}
