//! A `tower::Service` as the transport (`runtime::tower`, feature `tower`) over real loopback
//! sockets: hyper's own client (a tower service) behind a rate-limit layer and a timeout
//! layer, with the client's Digest credentials on top; a service that fails and one that
//! never answers end as typed errors.

use crate::support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_core::Stream as _;
use http_body_util::Full;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use mongodb_atlas_admin_api::operations::{GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::tower::TowerTransport;
use mongodb_atlas_admin_api::runtime::{CallOptions, Client, Credentials, RetryPolicy, TransportError};
use support::server::{job_path, recorded_template, shared, DigestVerifier, CLUSTER, GROUP, JOB};
use tower::ServiceBuilder;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

fn client_over(
    base_url: &str,
    credentials: Credentials,
    transport: impl mongodb_atlas_admin_api::runtime::Transport + 'static,
) -> Client {
    Client::builder()
        .base_url(base_url)
        .credentials(credentials)
        .retry_policy(RetryPolicy::none())
        .transport(transport)
        .build()
        .unwrap()
}

#[tokio::test]
async fn layers_wrap_every_exchange_and_the_client_keeps_its_credentials() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new("pubkey-tower", "private-SECRET", recorded_template("get_restore_job_200.http")));
    Mock::given(method("GET")).and(path(job_path())).respond_with(shared(&verifier)).mount(&server).await;

    // At most 2 requests per 300 ms, each within 5 s: 4 calls (a Digest challenge and its
    // answer, then 3 answered at once) wait for a second window.
    let http = HyperClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let service =
        ServiceBuilder::new().rate_limit(2, Duration::from_millis(300)).timeout(Duration::from_secs(5)).service(http);
    let client =
        client_over(&server.uri(), Credentials::digest("pubkey-tower", "private-SECRET"), TowerTransport::new(service));
    let started = Instant::now();
    for _ in 0..3 {
        let response = client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
        assert_eq!(response.status, 200);
    }
    assert!(started.elapsed() >= Duration::from_millis(300), "the rate limit did not wait: {:?}", started.elapsed());
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_body_over_the_transports_limit_is_refused_while_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(job_path()))
        .respond_with(recorded_template("get_restore_job_200.http"))
        .mount(&server)
        .await;
    let http = HyperClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let client = client_over(&server.uri(), Credentials::None, TowerTransport::new(http).max_body_bytes(64));
    // The buffered path refuses a body over the transport's limit while reading it.
    let error = client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap_err();
    assert!(
        matches!(error, GetBackupRestoreJobError::Transport(TransportError::BodyTooLarge { limit: 64, .. })),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_service_that_fails_is_a_typed_transport_error() {
    let failing = tower::service_fn(|_: http::Request<Full<Bytes>>| async {
        Err::<http::Response<Full<Bytes>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "upstream reset",
        ))
    });
    let client = client_over("http://127.0.0.1:9", Credentials::None, TowerTransport::new(failing));
    let error = client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap_err();
    let GetBackupRestoreJobError::Transport(TransportError::Custom(cause)) = &error else { panic!("{error:?}") };
    assert_eq!(
        cause.downcast_ref::<std::io::Error>().map(std::io::Error::kind),
        Some(std::io::ErrorKind::ConnectionReset)
    );
}

#[tokio::test]
async fn a_service_that_never_answers_ends_at_the_attempt_timeout() {
    let silent = tower::service_fn(|_: http::Request<Full<Bytes>>| {
        std::future::pending::<Result<http::Response<Full<Bytes>>, std::io::Error>>()
    });
    let client = client_over("http://127.0.0.1:9", Credentials::None, TowerTransport::new(silent));
    let options = CallOptions::new().attempt_timeout(Duration::from_millis(100));
    let error = client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(options).send().await.unwrap_err();
    assert!(
        matches!(error, GetBackupRestoreJobError::Transport(TransportError::AttemptTimeout(limit)) if limit == Duration::from_millis(100)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_streamed_body_comes_through_the_service_frame_by_frame() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(job_path()))
        .respond_with(recorded_template("get_restore_job_200.http"))
        .mount(&server)
        .await;
    let http = HyperClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    // The limit is for whole bodies; a streamed body is the caller's to bound.
    let client = client_over(&server.uri(), Credentials::None, TowerTransport::new(http).max_body_bytes(64));
    let request = GetBackupRestoreJob::new(GROUP, CLUSTER, JOB).build().unwrap();
    let response = client.send_stream(&request).await.unwrap();
    assert_eq!(response.status(), 200);
    let mut body = response.into_body();
    let mut read = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| std::pin::Pin::new(&mut body).poll_next(cx)).await {
        read.extend_from_slice(&chunk.unwrap());
    }
    let recorded = support::recorded("get_restore_job_200.http");
    assert_eq!(read, recorded.body);
}
