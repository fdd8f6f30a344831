//! Per-call options (`runtime::CallOptions`) over real loopback sockets: extra headers on a
//! call and on a builder's own `send`, a whole-call timeout and a per-attempt timeout against
//! a server that answers late, a call's own retry policy, and credentials that stay the
//! client's (an extra `Authorization` fails before anything is sent; the client's Digest
//! answer still goes out with the call's options).

use crate::support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use mongodb_atlas_admin_api::operations::{GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::{CallOptions, Client, Credentials, RetryPolicy, TransportError};
use support::server::{header, job_path, recorded_template, shared, DigestVerifier, Sequence, CLUSTER, GROUP, JOB};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const IDEMPOTENCY_KEY: &str = "x-idempotency-key";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).retry_policy(RetryPolicy::none()).build().unwrap()
}

async fn serve(server: &MockServer, responder: impl wiremock::Respond + 'static) {
    Mock::given(method("GET")).and(path(job_path())).respond_with(responder).mount(server).await;
}

fn key(value: &'static str) -> CallOptions {
    CallOptions::new().header(HeaderName::from_static(IDEMPOTENCY_KEY), HeaderValue::from_static(value))
}

#[tokio::test]
async fn extra_headers_go_out_with_the_call_and_with_the_builders_send() {
    let server = MockServer::start().await;
    serve(&server, recorded_template("get_restore_job_200.http")).await;
    let client = client(&server);
    client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(key("call-1")).send().await.unwrap();
    GetBackupRestoreJob::new(GROUP, CLUSTER, JOB).send(&client.with_options(key("builder-2"))).await.unwrap();
    // The client itself is unchanged.
    client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let keys: Vec<Option<&str>> = requests.iter().map(|request| header(request, IDEMPOTENCY_KEY)).collect();
    assert_eq!(keys, [Some("call-1"), Some("builder-2"), None]);
}

#[tokio::test]
async fn the_whole_call_timeout_ends_a_call_the_server_answers_too_late() {
    let server = MockServer::start().await;
    serve(&server, recorded_template("get_restore_job_200.http").set_delay(Duration::from_secs(5))).await;
    let started = Instant::now();
    let error = client(&server)
        .get_backup_restore_job(GROUP, CLUSTER, JOB)
        .with_options(CallOptions::new().timeout(Duration::from_millis(200)))
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    let GetBackupRestoreJobError::Transport(TransportError::CallTimeout(limit)) = error else { panic!("{error:?}") };
    assert_eq!(limit, Duration::from_millis(200));
}

#[tokio::test]
async fn the_attempt_timeout_covers_each_attempt_and_is_not_retried() {
    let server = MockServer::start().await;
    let slow = Arc::new(Sequence::new(vec![
        recorded_template("get_restore_job_200.http").set_delay(Duration::from_secs(5)),
        recorded_template("get_restore_job_200.http"),
    ]));
    serve(&server, shared(&slow)).await;
    let options = CallOptions::new().attempt_timeout(Duration::from_millis(200)).retry_policy(RetryPolicy::default());
    let error = client(&server).get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(options).send().await;
    let Err(GetBackupRestoreJobError::Transport(TransportError::AttemptTimeout(limit))) = error else {
        panic!("{error:?}")
    };
    assert_eq!(limit, Duration::from_millis(200));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_calls_retry_policy_replaces_the_clients() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429).insert_header("Retry-After", "0");
    let answers = Arc::new(Sequence::new(vec![limited, recorded_template("get_restore_job_200.http")]));
    serve(&server, shared(&answers)).await;
    let client = client(&server);
    // The client retries nothing; this call retries once.
    let retried = CallOptions::new().retry_policy(RetryPolicy { max_retries: 1, ..RetryPolicy::default() });
    let response = client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(retried).send().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn credentials_stay_the_clients() {
    let server = MockServer::start().await;
    let verifier = Arc::new(DigestVerifier::new(
        "pubkey-ab12cd34",
        "private-SECRET",
        recorded_template("get_restore_job_200.http"),
    ));
    serve(&server, shared(&verifier)).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::digest("pubkey-ab12cd34", "private-SECRET"))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let stolen = CallOptions::new().header(AUTHORIZATION, HeaderValue::from_static("Bearer someone-else"));
    let error = client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(stolen).send().await.unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::Transport(TransportError::InvalidRequest(_))), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
    // With options of its own, the call still answers the client's Digest challenge.
    let response = client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(key("digest-3")).send().await;
    assert_eq!(response.unwrap().status, 200);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|request| header(request, IDEMPOTENCY_KEY) == Some("digest-3")));
    assert!(header(&requests[1], "authorization").is_some_and(|value| value.starts_with("Digest ")));
}
