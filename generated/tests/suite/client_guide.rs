//! The examples of `docs/client-guide.md`, one test per item, compiled and run here as a user
//! would copy them (each brings its own `use` lines); `tests/tests/suite/client_guide.rs` checks
//! that the guide shows them as they are here. Servers are wiremock on 127.0.0.1, standing in
//! for Atlas.

use crate::support;

// guide: mock
#[tokio::test]
async fn a_mock_answers_typed_values_and_keeps_what_was_sent() {
    use mongodb_atlas_admin_api::models::{
        ApiError, DiskBackupSnapshotRestoreJob, DiskBackupSnapshotRestoreJobDeliveryType,
    };
    use mongodb_atlas_admin_api::operations::{GetBackupRestoreJob, GetBackupRestoreJobError};
    use mongodb_atlas_admin_api::runtime::mock::Mock;
    use mongodb_atlas_admin_api::runtime::Client;

    let group = "32b6e34b3d91647abb20e7b8";
    let (found, missing) = ("5f4fa6ad0f2ba32b1fcb3ec1", "000000000000000000000000");
    let job =
        DiskBackupSnapshotRestoreJob::new(DiskBackupSnapshotRestoreJobDeliveryType::Automated).id(found.to_owned());

    let mock = Mock::new();
    mock.on(GetBackupRestoreJob::new(group, "Cluster0", found)).answers(job.clone());
    mock.on(GetBackupRestoreJob::new(group, "Cluster0", missing)).fails(404, &ApiError::new(404));
    let client = Client::builder().transport(mock.clone()).build().unwrap();

    // The code under test calls the client as it would call Atlas.
    let response = client.get_backup_restore_job(group, "Cluster0", found).send().await.unwrap();
    assert_eq!(response.body, job);
    let error = client.get_backup_restore_job(group, "Cluster0", missing).send().await.unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::NotFound(_)));

    let sent = mock.sent_to(GetBackupRestoreJob::OPERATION_ID);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].parameter("restoreJobId"), Some(missing));
}
// end guide

// guide: record
#[tokio::test]
async fn record_once_then_replay_without_a_server() {
    use std::sync::Arc;

    use mongodb_atlas_admin_api::runtime::recording::{Recorder, Replay};
    use mongodb_atlas_admin_api::runtime::{Client, Credentials, ReqwestTransport};
    use support::server::{job_path, recorded_template, shared, DigestVerifier};
    use wiremock::matchers::path;

    let (group, job) = ("32b6e34b3d91647abb20e7b8", "5f4fa6ad0f2ba32b1fcb3ec1");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("client-guide-recording");

    // Once, against Atlas (here a loopback server checking Digest like Atlas does).
    let atlas = wiremock::MockServer::start().await;
    let digest =
        Arc::new(DigestVerifier::new("my-public-key", "my-private-key", recorded_template("get_restore_job_200.http")));
    wiremock::Mock::given(path(job_path())).respond_with(shared(&digest)).mount(&atlas).await;
    let http = ReqwestTransport::new(reqwest::Client::new(), 8 << 20);
    let recording = Client::builder()
        .base_url(atlas.uri())
        .credentials(Credentials::digest("my-public-key", "my-private-key"))
        .transport(Recorder::new(http, &dir).unwrap())
        .build()
        .unwrap();
    let live = recording.get_backup_restore_job(group, "Cluster0", job).send().await.unwrap();

    // In CI: no server, and placeholder keys (the recording holds none).
    let replaying = Client::builder()
        .credentials(Credentials::digest("placeholder", "placeholder"))
        .transport(Replay::open(&dir).unwrap())
        .build()
        .unwrap();
    let replayed = replaying.get_backup_restore_job(group, "Cluster0", job).send().await.unwrap();
    assert_eq!(replayed.body, live.body);
}
// end guide

// guide: options
#[tokio::test]
async fn one_call_gets_its_own_timeout_retries_and_headers() {
    use std::time::Duration;

    use http::header::{HeaderName, HeaderValue};
    use mongodb_atlas_admin_api::operations::{GetBackupRestoreJob, GetBackupRestoreJobError};
    use mongodb_atlas_admin_api::runtime::{CallOptions, Client, RetryPolicy, TransportError};
    use support::server::recorded_template;

    let (group, job) = ("32b6e34b3d91647abb20e7b8", "5f4fa6ad0f2ba32b1fcb3ec1");
    let server = wiremock::MockServer::start().await;
    let slow = recorded_template("get_restore_job_200.http").set_delay(Duration::from_secs(5));
    wiremock::Mock::given(wiremock::matchers::any()).respond_with(slow).mount(&server).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();

    let options = CallOptions::new()
        .timeout(Duration::from_millis(300))
        .attempt_timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .header(HeaderName::from_static("x-request-id"), HeaderValue::from_static("req-42"));
    // On a call started from the client...
    let error = client.get_backup_restore_job(group, "Cluster0", job).with_options(options.clone()).send().await;
    assert!(matches!(error, Err(GetBackupRestoreJobError::Transport(TransportError::AttemptTimeout(_)))));
    // ...and on a builder's own send.
    let error = GetBackupRestoreJob::new(group, "Cluster0", job).send(&client.with_options(options)).await;
    assert!(matches!(error, Err(GetBackupRestoreJobError::Transport(TransportError::AttemptTimeout(_)))));

    let sent = server.received_requests().await.unwrap();
    assert!(sent.iter().all(|request| request.headers.get("x-request-id").unwrap() == "req-42"));
}
// end guide

// guide: tower
#[tokio::test]
async fn a_tower_rate_limit_wraps_the_clients_requests() {
    use std::time::{Duration, Instant};

    use bytes::Bytes;
    use http_body_util::Full;
    use hyper_util::client::legacy::Client as HyperClient;
    use hyper_util::rt::TokioExecutor;
    use mongodb_atlas_admin_api::runtime::tower::TowerTransport;
    use mongodb_atlas_admin_api::runtime::Client;
    use support::server::recorded_template;
    use tower::ServiceBuilder;

    let (group, job) = ("32b6e34b3d91647abb20e7b8", "5f4fa6ad0f2ba32b1fcb3ec1");
    let server = wiremock::MockServer::start().await;
    let answer = recorded_template("get_restore_job_200.http");
    wiremock::Mock::given(wiremock::matchers::any()).respond_with(answer).mount(&server).await;

    // Any tower::Service over http requests; here hyper's client behind tower's layers.
    let service = ServiceBuilder::new()
        .rate_limit(2, Duration::from_millis(250))
        .concurrency_limit(4)
        .service(HyperClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>());
    let client = Client::builder().base_url(server.uri()).transport(TowerTransport::new(service)).build().unwrap();

    let started = Instant::now();
    for _ in 0..3 {
        client.get_backup_restore_job(group, "Cluster0", job).send().await.unwrap();
    }
    // The third request waited for the second window of the rate limit.
    assert!(started.elapsed() >= Duration::from_millis(250));
}
// end guide
