//! Record and replay (`runtime::recording`, feature `record`): exchanges with a loopback
//! server on 127.0.0.1 (a Digest verifier, a token endpoint and a bearer-checking API) are
//! recorded to files that hold none of the test credentials, then replayed with no server at
//! all: the Digest challenge and its answer, the token exchange. A request the recording does
//! not hold fails naming it, a malformed recording is a typed error, and a response file of
//! `tests/recorded/` is a recording's response file as it is.

use crate::support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use base64::Engine as _;
use mongodb_atlas_admin_api::operations::{GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::recording::{Recorder, RecordingError, Replay, ReplayError};
use mongodb_atlas_admin_api::runtime::{Client, Credentials, ReqwestTransport, RetryPolicy, TransportError};
use support::recorded_bytes;
use support::server::{
    job_path, recorded_template, shared, BearerApi, DigestVerifier, TokenEndpoint, CLUSTER, GROUP, JOB, TOKEN_PATH,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

const PUBLIC_KEY: &str = "pubkey-rec-5a6b7c8d";
const PRIVATE_KEY: &str = "private-rec-1234-SECRET";
const CLIENT_ID: &str = "mdb_sa_id_rec_0011223344";
const CLIENT_SECRET: &str = "mdb_sa_sk_rec_SECRET_5566";
const TOKEN: &str = "eyJ-recorded-token-SECRET";

/// An empty directory for one test's recording.
fn recording_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("recordings").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Every file of a recording, concatenated.
fn recording_text(dir: &Path) -> String {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().path()).collect();
    names.sort();
    names.iter().map(|path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned()).collect()
}

fn recording_client(base_url: &str, credentials: Credentials, dir: &Path) -> Client {
    let http = ReqwestTransport::new(reqwest::Client::new(), 1 << 20);
    Client::builder()
        .base_url(base_url)
        .credentials(credentials)
        .retry_policy(RetryPolicy::none())
        .transport(Recorder::new(http, dir).unwrap())
        .build()
        .unwrap()
}

fn replay_client(credentials: Credentials, dir: &Path) -> Client {
    // No server listens there: every answer comes from the recording.
    Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials(credentials)
        .retry_policy(RetryPolicy::none())
        .transport(Replay::open(dir).unwrap())
        .build()
        .unwrap()
}

fn assert_no_secret(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "the recording holds {secret:?}:\n{text}");
    }
}

#[tokio::test]
async fn a_digest_exchange_is_recorded_without_the_keys_and_replays() {
    let dir = recording_dir("digest");
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    Mock::given(method("GET")).and(path(job_path())).respond_with(shared(&verifier)).mount(&server).await;
    let digest = || Credentials::digest(PUBLIC_KEY, PRIVATE_KEY);

    let live = recording_client(&server.uri(), digest(), &dir);
    let recorded = live.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
    let text = recording_text(&dir);
    assert_no_secret(&text, &[PUBLIC_KEY, PRIVATE_KEY]);
    // The challenge and its answer: two exchanges, the second with its credentials redacted.
    assert!(text.contains("www-authenticate: Digest"), "{text}");
    assert!(text.contains("authorization: <redacted>"), "{text}");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 4);

    let replayed = replay_client(digest(), &dir).get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
    assert_eq!(replayed.status, 200);
    assert_eq!(replayed.body, recorded.body);
}

#[tokio::test]
async fn a_token_exchange_is_recorded_without_the_secret_or_the_token_and_replays() {
    let dir = recording_dir("service-account");
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN], 3600));
    let api = Arc::new(BearerApi::new(&[TOKEN], recorded_template("get_restore_job_200.http")));
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(shared(&tokens)).mount(&server).await;
    Mock::given(method("GET")).and(path(job_path())).respond_with(shared(&api)).mount(&server).await;
    let account = || Credentials::service_account(CLIENT_ID, CLIENT_SECRET);

    let live = recording_client(&server.uri(), account(), &dir);
    let recorded = live.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let text = recording_text(&dir);
    assert_no_secret(&text, &[CLIENT_SECRET, TOKEN, &basic]);
    assert!(text.contains("\"access_token\":\"<redacted>\""), "{text}");

    let replayed = replay_client(account(), &dir).get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();
    assert_eq!(replayed.body, recorded.body);
}

#[tokio::test]
async fn a_request_the_recording_does_not_hold_fails_naming_it() {
    let dir = recording_dir("unrecorded");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(job_path()))
        .respond_with(recorded_template("get_restore_job_200.http"))
        .mount(&server)
        .await;
    let live = recording_client(&server.uri(), Credentials::None, &dir);
    live.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap();

    let replay = replay_client(Credentials::None, &dir);
    let error = replay.get_backup_restore_job(GROUP, CLUSTER, JOB).pretty(true).send().await.unwrap_err();
    let GetBackupRestoreJobError::Transport(TransportError::Custom(cause)) = &error else { panic!("{error:?}") };
    let Some(ReplayError::Unrecorded { operation_id, method, path_and_query }) = cause.downcast_ref() else {
        panic!("{cause:?}")
    };
    assert_eq!(*operation_id, GetBackupRestoreJob::OPERATION_ID);
    assert_eq!(method, http::Method::GET);
    assert_eq!(*path_and_query, format!("{}?pretty=true", job_path()));
    assert!(error.to_string().contains("getBackupRestoreJob (GET /api/atlas/v2/groups/"), "{error}");
}

#[test]
fn a_malformed_recording_is_a_typed_error_naming_the_file() {
    let dir = recording_dir("malformed");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("0001-x.request.http"), "GET /a HTTP/1.1\n\n").unwrap();
    std::fs::write(dir.join("0001-x.response.http"), "HTTP/1.1 twohundred OK\nA: b\n\n{}").unwrap();
    let error = Replay::open(&dir).unwrap_err();
    let RecordingError::Malformed { path, .. } = &error else { panic!("{error:?}") };
    assert!(path.ends_with("0001-x.response.http"), "{error}");

    std::fs::write(dir.join("0001-x.response.http"), "HTTP/1.1 200 OK\nno-end-of-head: yes\n").unwrap();
    assert!(matches!(Replay::open(&dir), Err(RecordingError::Malformed { .. })));

    std::fs::remove_file(dir.join("0001-x.response.http")).unwrap();
    assert!(matches!(Replay::open(&dir), Err(RecordingError::Io { .. })));
}

#[tokio::test]
async fn a_response_file_of_tests_recorded_is_a_recordings_response_file() {
    let dir = recording_dir("superset");
    std::fs::create_dir_all(&dir).unwrap();
    let request = format!("GET {} HTTP/1.1\naccept: {}\n\n", job_path(), GetBackupRestoreJob::ACCEPT);
    std::fs::write(dir.join("0001-getBackupRestoreJob.request.http"), request).unwrap();
    std::fs::write(dir.join("0001-getBackupRestoreJob.response.http"), recorded_bytes("get_restore_job_404.http"))
        .unwrap();
    let error = replay_client(Credentials::None, &dir).get_backup_restore_job(GROUP, CLUSTER, JOB).send().await;
    assert!(matches!(error, Err(GetBackupRestoreJobError::NotFound(_))), "{error:?}");
}

/// A request with secret parameters (`format: password`), as an operation with such
/// parameters builds it: the spec's names of the secrets listed in `secrets`.
fn request_with_secrets(path_key: &str) -> mongodb_atlas_admin_api::runtime::Request {
    mongodb_atlas_admin_api::runtime::Request {
        operation_id: "getThing",
        method: http::Method::GET,
        path_template: "/things/{thingKey}",
        path: format!("/things/{path_key}"),
        query: vec![("apiKey", "qk-SECRET-2".to_owned()).into(), ("page", "2".to_owned()).into()],
        headers: vec![("X-Api-Token", "hk-SECRET-3".to_owned()), ("X-Tag", "visible-tag".to_owned())],
        accept: Some("application/json"),
        body: Some(mongodb_atlas_admin_api::runtime::Body::new(
            "application/json",
            br#"{"name":"visible-name","password":"pw-SECRET-4","recoveryCode":"rc-SECRET-5"}"#.to_vec(),
        )),
        // `recoveryCode`, a body property marked secret, is known by this name only.
        secrets: &["thingKey", "apiKey", "X-Api-Token", "recoveryCode"],
    }
}

#[tokio::test]
async fn secret_parameters_are_sent_but_recorded_redacted_and_replay_matches_them() {
    let dir = recording_dir("secret-parameters");
    let server = MockServer::start().await;
    // The answer holds a secret too, known by the spec's mark only.
    let answer = r#"{"name":"visible-name","recoveryCode":"rc-SECRET-6"}"#;
    let template = wiremock::ResponseTemplate::new(200).set_body_raw(answer, "application/json");
    Mock::given(method("GET")).respond_with(template).mount(&server).await;
    let live = recording_client(&server.uri(), Credentials::None, &dir);
    let recorded = live.send(&request_with_secrets("key-PATH-SECRET-1")).await.unwrap();
    assert_eq!(recorded.body, answer.as_bytes());

    // The server got every value as given.
    let received = &server.received_requests().await.unwrap()[0];
    assert_eq!(received.url.path(), "/things/key-PATH-SECRET-1");
    assert_eq!(received.url.query(), Some("apiKey=qk-SECRET-2&page=2"));
    assert_eq!(received.headers.get("x-api-token").unwrap(), "hk-SECRET-3");

    // The recording holds none of them; what is not secret is kept.
    let text = recording_text(&dir);
    assert_no_secret(&text, &["SECRET"]);
    assert!(text.starts_with("GET /things/<redacted>?apiKey=<redacted>&page=2 HTTP/1.1\n"), "{text}");
    assert!(text.contains("x-api-token: <redacted>\n") && text.contains("x-tag: visible-tag\n"), "{text}");

    // A replay redacts the request it is asked the same way, so it matches: with the same
    // secrets, and (since they are not in the recording) with other values of them.
    let replay = replay_client(Credentials::None, &dir);
    let replayed = replay.send(&request_with_secrets("key-PATH-SECRET-1")).await.unwrap();
    assert_eq!(replayed.body, br#"{"name":"visible-name","recoveryCode":"<redacted>"}"#.as_slice());
    assert_eq!(replay.send(&request_with_secrets("another-key")).await.unwrap().status, 200);
    // What is not secret still tells exchanges apart, and the error names no secret.
    let mut other_page = request_with_secrets("key-PATH-SECRET-1");
    other_page.query[1].value = "3".to_owned();
    let error = replay.send(&other_page).await.unwrap_err();
    let shown = format!("{error} {error:?}");
    assert_no_secret(&shown, &["SECRET"]);
    assert!(shown.contains("/things/<redacted>?apiKey=<redacted>&page=3"), "{shown}");
}

#[tokio::test]
async fn a_mock_names_a_request_without_its_secret_parameters() {
    use mongodb_atlas_admin_api::runtime::mock::Mock;

    // No rule matches: the error describes the request, secrets redacted.
    let mock = Mock::new();
    let client = Client::builder().transport(mock.clone()).build().unwrap();
    let error = client.send(&request_with_secrets("key-PATH-SECRET-1")).await.unwrap_err();
    let sent = &mock.sent_to("getThing")[0];
    // The test's own look at what was sent sees the values...
    assert_eq!(sent.parameter("apiKey"), Some("qk-SECRET-2"));
    assert!(String::from_utf8_lossy(&sent.body).contains("pw-SECRET-4"));
    assert_eq!(sent.header("x-api-token"), Some("hk-SECRET-3"));
    // ...but no message shows them.
    let request = request_with_secrets("key-PATH-SECRET-1");
    for shown in
        [format!("{error}"), format!("{error:?}"), format!("{sent}"), format!("{sent:?}"), format!("{request:?}")]
    {
        assert_no_secret(&shown, &["SECRET"]);
        assert!(shown.contains("<redacted>"), "{shown}");
    }
    assert!(format!("{sent}").contains("apiKey = \"<redacted>\", page = \"2\""), "{sent}");
    // A JSON body shows as text, its fields named as secrets redacted.
    assert!(
        format!("{sent:?}")
            .contains(r#"{\"name\":\"visible-name\",\"password\":\"<redacted>\",\"recoveryCode\":\"<redacted>\"}"#),
        "{sent:?}"
    );
}
