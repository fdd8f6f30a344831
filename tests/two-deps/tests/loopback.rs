//! The client that `build.rs` generated against the `specforge-runtime` crate, called over a
//! loopback socket: a plain HTTP/1.1 server on 127.0.0.1 answers the restore job at its path
//! and the API's 404 error anywhere else. The test names chrono, serde_json and http through
//! the runtime too, as a user of a two-dependency crate would.

use std::time::Duration;

use specforge_two_deps::atlas::models::DiskBackupSnapshotRestoreJobDeliveryType;
use specforge_two_deps::atlas::operations::{ApiCallError, ClientExt as _, GetBackupRestoreJobError};
use specforge_two_deps::atlas::runtime::{self, Client, RetryPolicy};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

const GROUP: &str = "32b6e34b3d91647abb20e7b8";
const CLUSTER: &str = "Cluster0";
const FOUND: &str = "5f1e9c2a0b3d4e5f9a8b7c6d";
const MISSING: &str = "000000000000000000000000";

const JOB: &str = r#"{"deliveryType": "download", "expiresAt": "2024-05-01T10:00:00Z", "id": "5f1e9c2a0b3d4e5f9a8b7c6d",
    "deliveryUrl": ["https://downloads.example/snapshot.tar.gz"], "cancelled": false}"#;
const NOT_FOUND: &str = r#"{"error": 404, "reason": "Not Found", "errorCode": "RESOURCE_NOT_FOUND",
    "detail": "No restore job 000000000000000000000000 in cluster Cluster0."}"#;

/// The path of a restore job of [`GROUP`]'s [`CLUSTER`].
fn job_path(job: &str) -> String {
    format!("/api/atlas/v2/groups/{GROUP}/clusters/{CLUSTER}/backup/restoreJobs/{job}")
}

/// Answers `connections` connections on 127.0.0.1, one request each; returns the base URL and
/// the task that ends with the request lines received.
async fn serve(connections: usize) -> (String, tokio::task::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let base_url = format!("http://{}", listener.local_addr().expect("bound"));
    let server = tokio::spawn(async move {
        let mut request_lines = Vec::new();
        for _ in 0..connections {
            let (mut socket, _) = listener.accept().await.expect("a connection");
            let mut head = Vec::new();
            let mut buffer = [0u8; 1024];
            while !head.windows(4).any(|window| window == b"\r\n\r\n") {
                let read = socket.read(&mut buffer).await.expect("the request arrives");
                assert!(read > 0, "the connection closed before the request's end");
                head.extend_from_slice(&buffer[..read]);
            }
            let head = String::from_utf8(head).expect("the request head is text");
            let request_line = head.lines().next().unwrap_or_default().to_owned();
            let found = request_line == format!("GET {} HTTP/1.1", job_path(FOUND));
            let (status, content_type, body) = if found {
                ("200 OK", "application/vnd.atlas.2023-01-01+json", JOB)
            } else {
                ("404 Not Found", "application/json", NOT_FOUND)
            };
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            socket.write_all(response.as_bytes()).await.expect("the response is sent");
            socket.shutdown().await.expect("the connection closes");
            request_lines.push(request_line);
        }
        request_lines
    });
    (base_url, server)
}

#[tokio::test]
async fn the_generated_client_decodes_a_job_and_a_typed_404_over_loopback() {
    let (base_url, server) = serve(2).await;
    let client = Client::builder()
        .base_url(base_url)
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");

    let response = client.get_backup_restore_job(GROUP, CLUSTER, FOUND).send().await.expect("the job");
    assert_eq!(response.status, 200);
    let job = response.body;
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::Download);
    assert_eq!(job.id.as_deref(), Some(FOUND));
    assert_eq!(job.cancelled, Some(false));
    assert_eq!(job.delivery_url, Some(vec!["https://downloads.example/snapshot.tar.gz".to_owned()]));
    let expires = runtime::chrono::DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z").expect("a date");
    assert_eq!(job.expires_at, Some(expires.with_timezone(&runtime::chrono::Utc)));
    let encoded = runtime::serde_json::to_value(&job).expect("the job encodes");
    assert_eq!(encoded["deliveryType"], "download");
    assert_eq!(encoded["expiresAt"], "2024-05-01T10:00:00Z");

    let error = client.get_backup_restore_job(GROUP, CLUSTER, MISSING).send().await.expect_err("no such job");
    let GetBackupRestoreJobError::NotFound(not_found) = &error else { panic!("a 404 is NotFound: {error:?}") };
    assert_eq!(not_found.status, 404);
    assert_eq!(not_found.body.error, 404);
    assert_eq!(not_found.body.reason.as_deref(), Some("Not Found"));
    assert_eq!(error.status(), Some(runtime::http::StatusCode::NOT_FOUND));
    assert_eq!(error.error_code(), Some("RESOURCE_NOT_FOUND"));

    // Parameters are checked against the spec's patterns before anything is sent.
    let invalid = client.get_backup_restore_job("not-a-group-id", CLUSTER, FOUND).send().await.expect_err("invalid");
    assert!(matches!(invalid, GetBackupRestoreJobError::InvalidParameter(_)), "{invalid:?}");

    let request_lines = tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server answered both requests")
        .expect("the server did not panic");
    assert_eq!(
        request_lines,
        [format!("GET {} HTTP/1.1", job_path(FOUND)), format!("GET {} HTTP/1.1", job_path(MISSING))]
    );
}
