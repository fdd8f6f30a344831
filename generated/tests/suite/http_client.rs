//! The HTTP client over real loopback sockets: a wiremock server on 127.0.0.1 replays the
//! recorded responses and checks what the client sends (request line, headers, Digest
//! answers, token exchanges). Nothing here reaches the internet.

use crate::support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use mongodb_atlas_admin_api::models::{
    ApiError, DiskBackupSnapshotRestoreJob, DiskBackupSnapshotRestoreJobDeliveryType,
};
use mongodb_atlas_admin_api::operations::{ApiCallError, GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::{
    BoxFuture, Client, Credentials, DecodeErrorKind, RawResponse, Response, RetryPolicy, Secret, Transport,
    TransportError,
};
use support::recorded;
use support::server::{
    enveloped, header, job_path, recorded_template, shared, template, BearerApi, DigestVerifier, Sequence,
    TokenEndpoint, CLUSTER, GROUP, JOB, TOKEN_PATH,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const PUBLIC_KEY: &str = "pubkey-ab12cd34";
const PRIVATE_KEY: &str = "private-7f1e9c2a-0b3d-4e5f-9a8b-SECRET";
const CLIENT_ID: &str = "mdb_sa_id_67e1a2b3c4d5e6f7a8b9c0d1";
const CLIENT_SECRET: &str = "mdb_sa_sk_SECRET_9f8e7d6c5b4a39281706";
const TOKEN_1: &str = "eyJ-token-one-SECRET";
const TOKEN_2: &str = "eyJ-token-two-SECRET";
const TOKEN_3: &str = "eyJ-token-three-SECRET";

fn request() -> GetBackupRestoreJob {
    GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)
}

/// A client for the mock server: short timeouts, no retries unless a test asks for them.
fn client(server: &MockServer, credentials: Credentials) -> Client {
    Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

async fn mount_api(server: &MockServer, responder: impl wiremock::Respond + 'static) {
    Mock::given(method("GET")).and(path(job_path())).respond_with(responder).mount(server).await;
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is on")
}

async fn api_requests(server: &MockServer) -> Vec<Request> {
    requests(server).await.into_iter().filter(|r| r.url.path() == job_path()).collect()
}

fn recorded_job(name: &str) -> DiskBackupSnapshotRestoreJob {
    serde_json::from_slice(&recorded(name).body).expect("recorded job decodes")
}

fn recorded_error(name: &str) -> ApiError {
    serde_json::from_slice(&recorded(name).body).expect("recorded error decodes")
}

/// The documented error body of an error variant, with its name.
fn documented(error: &GetBackupRestoreJobError) -> Option<(&'static str, &Response<ApiError>)> {
    match error {
        GetBackupRestoreJobError::Unauthorized(r) => Some(("Unauthorized", r)),
        GetBackupRestoreJobError::Forbidden(r) => Some(("Forbidden", r)),
        GetBackupRestoreJobError::NotFound(r) => Some(("NotFound", r)),
        GetBackupRestoreJobError::TooManyRequests(r) => Some(("TooManyRequests", r)),
        GetBackupRestoreJobError::InternalServerError(r) => Some(("InternalServerError", r)),
        _ => None,
    }
}

// 1. What goes over the wire.

#[tokio::test]
async fn sends_method_path_query_accept_user_agent_and_authorization() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200_enveloped.http")).await;
    let client = client(&server, Credentials::bearer(TOKEN_1));

    let response = request().envelope(true).pretty(true).send(&client).await.expect("enveloped 200");
    assert_eq!(response.status, 200);
    assert_eq!(response.body, recorded_job("get_restore_job_200.http"));

    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), format!("/api/atlas/v2/groups/{GROUP}/clusters/{CLUSTER}/backup/restoreJobs/{JOB}"));
    assert_eq!(sent.url.query(), Some("envelope=true&pretty=true"));
    assert_eq!(header(sent, "accept"), Some("application/vnd.atlas.2023-01-01+json"));
    assert_eq!(header(sent, "user-agent"), Some("mongodb-atlas-admin-api/2.0.0"));
    assert_eq!(header(sent, "authorization"), Some(format!("Bearer {TOKEN_1}").as_str()));
    assert_eq!(sent.headers.get_all("authorization").iter().count(), 1);
    assert!(sent.headers.get("content-type").is_none(), "a GET has no body type");
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn a_call_started_from_the_client_sends_the_same_request() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200_enveloped.http")).await;
    let client = client(&server, Credentials::bearer(TOKEN_1));

    let call = client.get_backup_restore_job(GROUP, CLUSTER, JOB).envelope(true).pretty(true);
    assert_eq!(call.operation(), &request().envelope(true).pretty(true), "the setters forward to the builder");
    let response = call.send().await.expect("enveloped 200");
    assert_eq!(response.status, 200);
    assert_eq!(response.body, recorded_job("get_restore_job_200.http"));
    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.query(), Some("envelope=true&pretty=true"));

    // Validation still comes first: nothing is sent for a malformed group id.
    let error = client.get_backup_restore_job("not-hex", CLUSTER, JOB).send().await.unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::InvalidParameter(_)), "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn without_credentials_or_options_sends_no_authorization_and_no_query() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200.http")).await;
    let client = Client::builder()
        .base_url(format!("{}/", server.uri()))
        .user_agent("my-tool/1.0")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    request().send(&client).await.expect("200");
    let received = requests(&server).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].url.path(), job_path(), "a trailing slash in the base URL is not doubled");
    assert_eq!(received[0].url.query(), None);
    assert!(received[0].headers.get("authorization").is_none());
    assert_eq!(header(&received[0], "user-agent"), Some("my-tool/1.0"));
}

#[tokio::test]
async fn the_callers_own_reqwest_client_is_used() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200.http")).await;
    let mut defaults = reqwest::header::HeaderMap::new();
    defaults.insert("x-proxy-tag", reqwest::header::HeaderValue::from_static("from-my-client"));
    let own = reqwest::Client::builder().default_headers(defaults).build().unwrap();
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer(TOKEN_1))
        .http_client(own)
        .build()
        .unwrap();

    request().send(&client).await.expect("200");
    let received = requests(&server).await;
    assert_eq!(header(&received[0], "x-proxy-tag"), Some("from-my-client"));
    assert_eq!(header(&received[0], "authorization"), Some(format!("Bearer {TOKEN_1}").as_str()), "auth on top");
    assert_eq!(header(&received[0], "user-agent"), Some("mongodb-atlas-admin-api/2.0.0"));
}

/// Answers every request with one recorded response from memory, keeping the requests: a
/// test double that needs no server.
#[derive(Clone)]
struct RecordedTransport {
    response: RawResponse,
    sent: Arc<std::sync::Mutex<Vec<http::Request<bytes::Bytes>>>>,
}

impl Transport for RecordedTransport {
    fn send(
        &self,
        request: http::Request<bytes::Bytes>,
    ) -> BoxFuture<'_, Result<http::Response<bytes::Bytes>, TransportError>> {
        self.sent.lock().unwrap().push(request);
        let mut response = http::Response::new(bytes::Bytes::from(self.response.body.clone()));
        *response.status_mut() = self.response.status;
        *response.headers_mut() = self.response.headers.clone();
        Box::pin(async move { Ok(response) })
    }
}

#[tokio::test]
async fn a_fake_transport_serves_an_operation_without_a_socket() {
    let transport = RecordedTransport { response: recorded("get_restore_job_404.http"), sent: Default::default() };
    let client = Client::builder()
        .credentials(Credentials::bearer(TOKEN_1))
        .retry_policy(RetryPolicy::none())
        .transport(transport.clone())
        .build()
        .unwrap();

    let error = request().send(&client).await.expect_err("the recorded 404");
    assert!(error.is_error_code("RESOURCE_NOT_FOUND"), "{error:?}");
    assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
    let sent = transport.sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].uri().to_string(), format!("https://cloud.mongodb.com{}", job_path()), "the spec's server");
    assert_eq!(sent[0].headers()["authorization"], format!("Bearer {TOKEN_1}").as_str());
}

// 2-3. HTTP Digest with an API key pair.

#[tokio::test]
async fn digest_handshake_is_verified_by_the_server_and_the_challenge_is_reused() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    mount_api(&server, shared(&verifier)).await;
    let client = client(&server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));

    let response = request().envelope(false).send(&client).await.expect("the server accepts the Digest answer");
    assert_eq!(response.body, recorded_job("get_restore_job_200.http"));
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 2, "{attempts:?}");
    assert_eq!(attempts[0].nc, None, "the first request is unauthenticated");
    assert!(!attempts[0].accepted);
    assert!(attempts[1].accepted, "{attempts:?}");
    assert_eq!(attempts[1].nc.as_deref(), Some("00000001"));

    let sent = &api_requests(&server).await[1];
    let authorization = header(sent, "authorization").unwrap();
    assert!(authorization.starts_with("Digest "), "{authorization}");
    assert!(authorization.contains(&format!("username=\"{PUBLIC_KEY}\"")), "{authorization}");
    assert!(authorization.contains("uri=\"/api/atlas/v2/groups/"), "{authorization}");
    assert!(!authorization.contains(PRIVATE_KEY));

    // The second call answers the cached challenge at once, with the next nonce count.
    let response = request().send(&client).await.expect("second call");
    assert_eq!(response.status, 200);
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 3, "the second call sends exactly one request: {attempts:?}");
    assert!(attempts[2].accepted, "{attempts:?}");
    assert_eq!(attempts[2].nc.as_deref(), Some("00000002"));

    // Clones share the challenge.
    request().pretty(true).send(&client.clone()).await.expect("third call");
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 4, "{attempts:?}");
    assert_eq!(attempts[3].nc.as_deref(), Some("00000003"));
    assert!(attempts[3].accepted, "the uri with a query is answered correctly: {attempts:?}");
}

#[tokio::test]
async fn digest_stale_nonce_is_answered_again_with_the_new_challenge() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    mount_api(&server, shared(&verifier)).await;
    let client = client(&server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));

    request().send(&client).await.expect("first call");
    verifier.rotate_nonce("a-brand-new-nonce-0123456789");
    request().send(&client).await.expect("the client answers the new challenge");
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 4, "{attempts:?}");
    assert_eq!(attempts[2].reason.as_deref(), Some("stale nonce"));
    assert!(attempts[3].accepted, "{attempts:?}");
    assert_eq!(attempts[3].nc.as_deref(), Some("00000001"), "a new nonce counts from one");
}

#[tokio::test]
async fn a_nonce_replaced_while_a_call_meets_its_first_challenge_is_answered_again() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    // The nonce changes between the first challenge and the call's answer to it, as when
    // other calls' traffic makes the server rotate it: the answer is refused as stale.
    let rotating = Arc::clone(&verifier);
    let requests = std::sync::atomic::AtomicUsize::new(0);
    mount_api(&server, move |request: &Request| {
        if requests.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 1 {
            rotating.rotate_nonce("a-nonce-rotated-mid-call-0123456");
        }
        wiremock::Respond::respond(&*rotating, request)
    })
    .await;
    let client = client(&server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));
    let response = request().send(&client).await.expect("the stale answer is answered again");
    assert_eq!(response.status, 200);
    let reasons: Vec<Option<String>> = verifier.attempts().into_iter().map(|attempt| attempt.reason).collect();
    assert_eq!(
        reasons,
        [Some("no Authorization".to_owned()), Some("stale nonce".to_owned()), None],
        "the first challenge, the stale answer, the answer to the new nonce"
    );
}

async fn concurrent_digest_calls(warm_up: bool) -> (Vec<Result<u16, String>>, Vec<support::server::DigestAttempt>) {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    mount_api(&server, shared(&verifier)).await;
    let client = client(&server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));
    if warm_up {
        request().send(&client).await.expect("warm-up call");
    }
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(
                async move { request().send(&client).await.map(|r| r.status.as_u16()).map_err(|e| e.to_string()) },
            )
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    (results, verifier.attempts())
}

#[tokio::test]
async fn concurrent_digest_calls_after_the_handshake_use_distinct_nonce_counts() {
    let (results, attempts) = concurrent_digest_calls(true).await;
    assert!(results.iter().all(|r| r == &Ok(200)), "{results:?}\n{attempts:?}");
    assert_eq!(attempts.len(), 2 + 8, "one request per call: {attempts:?}");
}

#[tokio::test]
async fn concurrent_first_digest_calls_all_succeed_without_replaying_a_nonce_count() {
    // Eight calls start together before any challenge is cached: each is challenged, and
    // their answers must not reuse a nonce count of the same nonce (a replay, RFC 7616 3.4).
    let (results, attempts) = concurrent_digest_calls(false).await;
    let replays: Vec<_> =
        attempts.iter().filter(|a| a.reason.as_deref().is_some_and(|r| r.starts_with("replayed"))).collect();
    assert!(replays.is_empty(), "replayed nonce counts: {replays:?}\nall attempts: {attempts:?}");
    assert!(results.iter().all(|r| r == &Ok(200)), "{results:?}\n{attempts:?}");
}

#[tokio::test]
async fn digest_with_wrong_keys_is_unauthorized_with_the_recorded_body() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    mount_api(&server, shared(&verifier)).await;
    let wrong_key = "not-the-private-key-SECRET";
    let client = client(&server, Credentials::digest(PUBLIC_KEY, wrong_key));

    let error = request().send(&client).await.expect_err("wrong keys are refused");
    let GetBackupRestoreJobError::Unauthorized(response) = &error else {
        panic!("expected Unauthorized, got {error:?}")
    };
    assert_eq!(response.status, 401);
    assert_eq!(response.body, recorded_error("get_restore_job_401.http"));
    assert_eq!(response.body.error_code.as_deref(), Some("NOT_ORG_GROUP_CREATOR"));
    assert!(error.is_error_code("NOT_ORG_GROUP_CREATOR"));
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 2, "one answer to the challenge, no more: {attempts:?}");
    assert_eq!(attempts[1].reason.as_deref(), Some("wrong response"));
    assert!(!format!("{error:?}").contains(wrong_key));
    assert!(!error.to_string().contains(wrong_key));
}

// 4-6. Service accounts: token exchange, caching, refresh.

async fn mount_token(server: &MockServer, endpoint: &Arc<TokenEndpoint>) {
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(shared(endpoint)).mount(server).await;
}

#[tokio::test]
async fn service_account_token_is_exchanged_once_for_sequential_calls() {
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2], 3600));
    let api = Arc::new(BearerApi::new(&[TOKEN_1], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    for _ in 0..5 {
        let response = request().send(&client).await.expect("200 with the token");
        assert_eq!(response.body.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::Automated);
    }
    assert_eq!(tokens.problems(), Vec::<String>::new(), "Basic id:secret and grant_type=client_credentials");
    assert_eq!(tokens.count(), 1);
    let bearer = format!("Bearer {TOKEN_1}");
    assert_eq!(api.seen(), vec![Some(bearer); 5]);

    let token_request = requests(&server).await.into_iter().find(|r| r.url.path() == TOKEN_PATH).unwrap();
    assert_eq!(
        header(&token_request, "authorization"),
        Some("Basic bWRiX3NhX2lkXzY3ZTFhMmIzYzRkNWU2ZjdhOGI5YzBkMTptZGJfc2Ffc2tfU0VDUkVUXzlmOGU3ZDZjNWI0YTM5MjgxNzA2")
    );
    assert_eq!(token_request.body, b"grant_type=client_credentials");
}

#[tokio::test]
async fn concurrent_calls_share_one_token_exchange() {
    let server = MockServer::start().await;
    let tokens = Arc::new(
        TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2], 3600).with_delay(Duration::from_millis(200)),
    );
    let api = Arc::new(BearerApi::new(&[TOKEN_1], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { request().send(&client).await.map(|r| r.status.as_u16()) })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().expect("each concurrent call succeeds"), 200);
    }
    let (first, second) = (request(), request().pretty(true));
    let (a, b) = tokio::join!(first.send(&client), second.send(&client));
    assert!(a.is_ok() && b.is_ok());
    assert_eq!(tokens.count(), 1, "one exchange for ten calls");
    assert!(tokens.problems().is_empty(), "{:?}", tokens.problems());
    assert_eq!(api.seen().len(), 10);
}

#[tokio::test]
async fn expired_token_is_exchanged_again() {
    let server = MockServer::start().await;
    // expires_in 1 s: refreshed 0.1 s early, so stale after 0.9 s.
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2], 1));
    let api = Arc::new(BearerApi::new(&[TOKEN_1, TOKEN_2], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    request().send(&client).await.expect("first token");
    request().send(&client).await.expect("still fresh");
    assert_eq!(tokens.count(), 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    request().send(&client).await.expect("second token");
    assert_eq!(tokens.count(), 2);
    let seen = api.seen();
    assert_eq!(seen.last().unwrap().as_deref(), Some(format!("Bearer {TOKEN_2}").as_str()), "{seen:?}");
    assert_eq!(seen.len(), 3);
}

#[tokio::test]
async fn a_huge_expires_in_is_not_a_panic() {
    // The token endpoint is not trusted to send a sane lifetime: u64::MAX seconds must not
    // overflow the expiry instant.
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1], u64::MAX));
    let api = Arc::new(BearerApi::new(&[TOKEN_1], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    let call =
        tokio::spawn(
            async move { request().send(&client).await.map(|r| r.status.as_u16()).map_err(|e| e.to_string()) },
        );
    match call.await {
        Ok(result) => assert_eq!(result, Ok(200)),
        Err(panic) => panic!("the client panicked on expires_in = u64::MAX: {panic}"),
    }
}

#[tokio::test]
async fn rejected_token_is_exchanged_once_and_the_call_retried() {
    let server = MockServer::start().await;
    // The API no longer accepts the first token (revoked): the client must exchange anew.
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2], 3600));
    let api = Arc::new(BearerApi::new(&[TOKEN_2], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    let response = request().send(&client).await.expect("retried with the new token");
    assert_eq!(response.status, 200);
    assert_eq!(tokens.count(), 2);
    assert_eq!(api.seen(), vec![Some(format!("Bearer {TOKEN_1}")), Some(format!("Bearer {TOKEN_2}"))]);

    // The new token is cached.
    request().send(&client).await.expect("cached");
    assert_eq!(tokens.count(), 2);
}

#[tokio::test]
async fn concurrent_calls_with_a_rejected_token_share_one_refresh() {
    let server = MockServer::start().await;
    let tokens = Arc::new(
        TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2, TOKEN_3], 3600)
            .with_delay(Duration::from_millis(50)),
    );
    // The first token is revoked; any later one is valid (Atlas keeps earlier tokens valid).
    let api = Arc::new(
        BearerApi::new(&[TOKEN_2, TOKEN_3], recorded_template("get_restore_job_200.http"))
            .with_delay(Duration::from_millis(100)),
    );
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    // Eight calls carry the first token, all are refused together: one refresh is enough.
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(
                async move { request().send(&client).await.map(|r| r.status.as_u16()).map_err(|e| e.to_string()) },
            )
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    assert!(results.iter().all(|r| r == &Ok(200)), "{results:?}");
    assert_eq!(tokens.count(), 2, "one exchange, then one refresh shared by the eight refused calls");
}

#[tokio::test]
async fn a_token_rejected_twice_is_unauthorized_after_one_refresh() {
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1, TOKEN_2], 3600));
    let api = Arc::new(BearerApi::new(&[], recorded_template("get_restore_job_200.http")));
    mount_token(&server, &tokens).await;
    mount_api(&server, shared(&api)).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));

    let error = request().send(&client).await.expect_err("refused");
    assert!(matches!(error, GetBackupRestoreJobError::Unauthorized(_)), "{error:?}");
    assert_eq!(tokens.count(), 2, "exactly one refresh");
    assert_eq!(api.seen().len(), 2, "exactly one retry");
}

#[tokio::test]
async fn refused_token_exchange_is_a_token_exchange_error() {
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1], 3600));
    mount_token(&server, &tokens).await;
    mount_api(&server, recorded_template("get_restore_job_200.http")).await;
    let client = client(&server, Credentials::service_account(CLIENT_ID, "a-wrong-secret-SECRET"));

    let error = request().send(&client).await.expect_err("refused");
    let GetBackupRestoreJobError::Transport(TransportError::TokenExchange { status, body }) = &error else {
        panic!("expected TokenExchange, got {error:?}")
    };
    assert_eq!(*status, 401);
    assert!(String::from_utf8_lossy(body).contains("invalid_client"));
    assert!(api_requests(&server).await.is_empty(), "no API request without a token");
    assert!(!format!("{error:?}").contains("a-wrong-secret-SECRET"));
    assert!(!error.to_string().contains("a-wrong-secret-SECRET"));
}

// 7. Retries of 429 and 503.

fn with_retry_after(name: &str, seconds: &str) -> ResponseTemplate {
    recorded_template(name).insert_header("retry-after", seconds)
}

fn retrying(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder().base_url(server.uri()).retry_policy(retry).build().unwrap()
}

/// A policy with short waits and no jitter, so that tests can bound the time taken.
fn quick(max_retries: u32, base_delay: Duration, max_delay: Duration) -> RetryPolicy {
    RetryPolicy { max_retries, base_delay, max_delay, jitter: false, ..RetryPolicy::default() }
}

/// The recorded 503 without its `Retry-After`, so that the client backs off on its own.
fn unavailable_without_retry_after() -> ResponseTemplate {
    let mut raw = recorded("get_restore_job_503.http");
    raw.headers.remove(http::header::RETRY_AFTER);
    template(&raw)
}

#[tokio::test]
async fn rate_limited_call_waits_retry_after_and_succeeds() {
    let server = MockServer::start().await;
    mount_api(
        &server,
        Sequence::new(vec![
            with_retry_after("get_restore_job_429.http", "1"),
            recorded_template("get_restore_job_200.http"),
        ]),
    )
    .await;
    let client = retrying(&server, quick(2, Duration::from_millis(10), Duration::from_secs(5)));

    let started = Instant::now();
    let response = request().send(&client).await.expect("retried to success");
    assert_eq!(response.status, 200);
    assert_eq!(api_requests(&server).await.len(), 2);
    assert!(started.elapsed() >= Duration::from_millis(950), "Retry-After honoured: {:?}", started.elapsed());
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_waited_for() {
    let server = MockServer::start().await;
    // Whole seconds: two seconds ahead is at least one second of wait.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    mount_api(
        &server,
        Sequence::new(vec![
            with_retry_after("get_restore_job_429.http", &date),
            recorded_template("get_restore_job_200.http"),
        ]),
    )
    .await;
    let client = retrying(&server, quick(1, Duration::from_millis(10), Duration::from_secs(5)));

    let started = Instant::now();
    let response = request().send(&client).await.expect("retried to success");
    assert_eq!(response.status, 200);
    assert_eq!(api_requests(&server).await.len(), 2);
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(950) && waited < Duration::from_secs(4), "waited {waited:?}");
}

#[tokio::test]
async fn rate_limited_without_retries_returns_too_many_requests_with_retry_after() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_429.http")).await;
    let client = retrying(&server, RetryPolicy::none());

    let error = request().send(&client).await.expect_err("429");
    let GetBackupRestoreJobError::TooManyRequests(response) = &error else { panic!("expected 429, got {error:?}") };
    assert_eq!(response.status, 429);
    assert_eq!(response.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(response.rate_limit_remaining(), Some(0));
    assert_eq!(response.body, recorded_error("get_restore_job_429.http"));
    assert_eq!(api_requests(&server).await.len(), 1);
}

#[tokio::test]
async fn retry_after_longer_than_max_delay_is_not_waited_for() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_429.http")).await; // Retry-After: 2
    let client = retrying(&server, quick(3, Duration::from_millis(10), Duration::from_secs(1)));

    let started = Instant::now();
    let error = request().send(&client).await.expect_err("429");
    assert!(matches!(error, GetBackupRestoreJobError::TooManyRequests(_)), "{error:?}");
    assert_eq!(api_requests(&server).await.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
}

#[tokio::test]
async fn unavailable_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    mount_api(
        &server,
        Sequence::new(vec![
            recorded_template("get_restore_job_503.http"), // Retry-After: 1
            recorded_template("get_restore_job_200.http"),
        ]),
    )
    .await;
    let client = retrying(&server, RetryPolicy::default());

    let response = request().send(&client).await.expect("retried to success");
    assert_eq!(response.status, 200);
    assert_eq!(api_requests(&server).await.len(), 2);
}

#[tokio::test]
async fn retries_without_retry_after_back_off_and_stop_at_max_retries() {
    let server = MockServer::start().await;
    mount_api(&server, unavailable_without_retry_after()).await;
    let client = retrying(&server, quick(2, Duration::from_millis(20), Duration::from_secs(1)));

    let started = Instant::now();
    let error = request().send(&client).await.expect_err("still unavailable");
    let GetBackupRestoreJobError::UnexpectedStatus(response, api_error) = &error else { panic!("got {error:?}") };
    assert_eq!(response.status, 503);
    assert!(api_error.is_some(), "the 503 body is the common error: {error:?}");
    assert_eq!(api_requests(&server).await.len(), 3, "the first attempt and two retries");
    assert!(started.elapsed() >= Duration::from_millis(60), "20 ms then 40 ms: {:?}", started.elapsed());
}

#[tokio::test]
async fn jittered_backoff_waits_between_half_and_all_of_the_delay() {
    let server = MockServer::start().await;
    mount_api(&server, unavailable_without_retry_after()).await;
    let policy = RetryPolicy { jitter: true, ..quick(1, Duration::from_millis(400), Duration::from_secs(5)) };
    let client = retrying(&server, policy.clone());

    let started = Instant::now();
    request().send(&client).await.expect_err("still unavailable");
    let waited = started.elapsed();
    assert_eq!(api_requests(&server).await.len(), 2);
    assert!(waited >= Duration::from_millis(200), "at least half the delay: {waited:?}");

    // The wait itself is drawn at random within [delay / 2, delay].
    let headers = http::HeaderMap::new();
    let delays: std::collections::BTreeSet<Duration> = (0..32)
        .filter_map(|_| {
            policy.delay(&http::Method::GET, http::StatusCode::SERVICE_UNAVAILABLE, &headers, 0, Duration::ZERO)
        })
        .collect();
    assert!(delays.len() > 1, "jitter varies the wait: {delays:?}");
    assert!(delays.iter().all(|d| *d >= Duration::from_millis(200) && *d <= Duration::from_millis(400)), "{delays:?}");
}

#[tokio::test]
async fn the_deadline_bounds_the_time_spent_retrying() {
    let server = MockServer::start().await;
    mount_api(&server, unavailable_without_retry_after()).await;
    // Waits of 100, 200, 400 ms would end at 700 ms: past a 250 ms deadline after the second.
    let policy = RetryPolicy {
        deadline: Some(Duration::from_millis(250)),
        ..quick(5, Duration::from_millis(100), Duration::from_secs(5))
    };
    let client = retrying(&server, policy);

    let started = Instant::now();
    let error = request().send(&client).await.expect_err("still unavailable");
    assert_eq!(ApiCallError::status(&error), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(api_requests(&server).await.len(), 2, "the 200 ms wait would pass the deadline");
    assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
}

/// A POST of the restore-job path, built by hand: the fragment documents only a GET.
fn post_request() -> mongodb_atlas_admin_api::runtime::Request {
    let mut request = request().build().expect("valid");
    request.method = http::Method::POST;
    request
}

#[tokio::test]
async fn post_is_not_retried_on_503_unless_the_caller_opts_in() {
    async fn unavailable_then_ok() -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(job_path()))
            .respond_with(Sequence::new(vec![
                unavailable_without_retry_after(),
                recorded_template("get_restore_job_200.http"),
            ]))
            .mount(&server)
            .await;
        server
    }
    let policy = quick(2, Duration::from_millis(10), Duration::from_secs(1));

    let server = unavailable_then_ok().await;
    let response = retrying(&server, policy.clone()).send(&post_request()).await.expect("a response");
    assert_eq!(response.status, 503, "a POST may have been acted on: not retried");
    assert_eq!(requests(&server).await.len(), 1);

    let server = unavailable_then_ok().await;
    let opted_in = retrying(&server, RetryPolicy { retry_non_idempotent: true, ..policy });
    let response = opted_in.send(&post_request()).await.expect("a response");
    assert_eq!(response.status, 200, "retried after opting in");
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn post_is_retried_on_429() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(job_path()))
        .respond_with(Sequence::new(vec![
            with_retry_after("get_restore_job_429.http", "0"),
            recorded_template("get_restore_job_200.http"),
        ]))
        .mount(&server)
        .await;
    let client = retrying(&server, quick(2, Duration::from_millis(10), Duration::from_secs(1)));
    let response = client.send(&post_request()).await.expect("a response");
    assert_eq!(response.status, 200, "a 429 was not processed: safe to retry");
    assert_eq!(requests(&server).await.len(), 2);
}

// 8. Documented error statuses, plain and enveloped.

const DOCUMENTED_ERRORS: [(&str, u16, &str); 5] = [
    ("get_restore_job_401.http", 401, "Unauthorized"),
    ("get_restore_job_403.http", 403, "Forbidden"),
    ("get_restore_job_404.http", 404, "NotFound"),
    ("get_restore_job_429.http", 429, "TooManyRequests"),
    ("get_restore_job_500.http", 500, "InternalServerError"),
];

async fn call_with(served: RawResponse, envelope: bool) -> GetBackupRestoreJobError {
    let server = MockServer::start().await;
    mount_api(&server, template(&served)).await;
    let client = client(&server, Credentials::None);
    let mut call = request();
    if envelope {
        call = call.envelope(true);
    }
    let error = call.send(&client).await.expect_err("an error status");
    let sent = api_requests(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].url.query(), envelope.then_some("envelope=true"));
    error
}

#[tokio::test]
async fn documented_error_statuses_map_to_their_variants() {
    for (name, status, variant) in DOCUMENTED_ERRORS {
        let error = call_with(recorded(name), false).await;
        let (actual, response) = documented(&error).unwrap_or_else(|| panic!("{name}: got {error:?}"));
        assert_eq!(actual, variant, "{name}");
        assert_eq!(response.status, status, "{name}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{name}");
        assert_eq!(response.body, recorded_error(name), "{name}");
        assert!(response.headers.get("x-mongodb-service-version").is_some(), "{name}: headers kept");
        let code = response.body.error_code.as_deref().expect("recorded errors have a code");
        assert!(error.to_string().contains(code), "{name}: {error}");
        assert_eq!(error.error_code(), Some(code), "{name}");
        assert_eq!(error.api_error(), Some(&response.body), "{name}");
    }
}

#[tokio::test]
async fn enveloped_error_statuses_map_to_the_same_variants() {
    // The recorded enveloped 404 is what Atlas sends; the others are built the same way.
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&enveloped(&recorded("get_restore_job_404.http")).body).unwrap(),
        serde_json::from_slice::<serde_json::Value>(&recorded("get_restore_job_404_enveloped.http").body).unwrap(),
    );
    for (name, status, variant) in DOCUMENTED_ERRORS {
        let served =
            if status == 404 { recorded("get_restore_job_404_enveloped.http") } else { enveloped(&recorded(name)) };
        assert_eq!(served.status, 200);
        let error = call_with(served, true).await;
        let (actual, response) = documented(&error).unwrap_or_else(|| panic!("{name}: got {error:?}"));
        assert_eq!(actual, variant, "{name}");
        assert_eq!(response.status, status, "{name}: the envelope's status");
        assert_eq!(response.body, recorded_error(name), "{name}");
    }
}

// 9-10. Decoding what the server sends.

#[tokio::test]
async fn unknown_delivery_type_decodes_to_unknown() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200_unknown_delivery_type.http")).await;
    let client = client(&server, Credentials::None);

    let job = request().send(&client).await.expect("decodes").into_body();
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::Unknown("snapshotShipping".to_owned()));
    assert_eq!(job.snapshot_id.as_deref(), Some("32b6e34b3d91647abb20e7b8"));
}

#[tokio::test]
async fn pretty_and_enveloped_successes_decode() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200_pretty.http")).await;
    let client = client(&server, Credentials::None);
    let job = request().pretty(true).send(&client).await.expect("pretty").into_body();
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::PointInTime);
}

async fn decode_error_of(name: &str) -> mongodb_atlas_admin_api::runtime::DecodeError {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template(name)).await;
    let client = client(&server, Credentials::None);
    match request().send(&client).await {
        Err(GetBackupRestoreJobError::Decode(error)) => error,
        other => panic!("{name}: expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn broken_json_bodies_are_decode_errors_that_keep_the_body() {
    for name in [
        "get_restore_job_200_truncated.http",
        "get_restore_job_200_malformed.http",
        "get_restore_job_200_empty.http",
        "get_restore_job_200_wrong_types.http",
    ] {
        let error = decode_error_of(name).await;
        assert_eq!(error.response.status, 200, "{name}");
        assert!(matches!(error.kind, DecodeErrorKind::Json(_)), "{name}: {:?}", error.kind);
        assert_eq!(error.response.body, recorded(name).body, "{name}: body kept byte for byte");
    }
}

#[tokio::test]
async fn html_200_is_an_unexpected_content_type() {
    let error = decode_error_of("get_restore_job_200_html.http").await;
    assert_eq!(error.response.status, 200);
    assert!(
        matches!(&error.kind, DecodeErrorKind::UnexpectedContentType(t) if t.starts_with("text/html")),
        "{:?}",
        error.kind
    );
    assert_eq!(error.response.body, recorded("get_restore_job_200_html.http").body);
}

#[tokio::test]
async fn html_502_and_418_are_unexpected_statuses_with_their_bodies() {
    for (name, status) in [("get_restore_job_502_html.http", 502), ("get_restore_job_418.http", 418)] {
        let server = MockServer::start().await;
        mount_api(&server, recorded_template(name)).await;
        let client = client(&server, Credentials::None);
        let error = request().send(&client).await.expect_err("error status");
        let GetBackupRestoreJobError::UnexpectedStatus(response, _) = &error else { panic!("{name}: got {error:?}") };
        assert_eq!(response.status, status, "{name}");
        assert_eq!(response.body, recorded(name).body, "{name}");
        assert!(error.to_string().contains(&status.to_string()), "{error}");
    }
}

// 11-13. Transport failures.

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .connect_timeout(Duration::from_secs(2))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = request().send(&client).await.expect_err("nothing listens");
    assert!(matches!(error, GetBackupRestoreJobError::Transport(TransportError::Connect(_))), "{error:?}");
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn slow_server_is_a_timeout() {
    let server = MockServer::start().await;
    // The answer would come after 10 s; the client gives up after 200 ms. The bound below is
    // far from both, so a loaded machine does not make the test flaky.
    mount_api(&server, recorded_template("get_restore_job_200.http").set_delay(Duration::from_secs(10))).await;
    let client = Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let started = Instant::now();
    let error = request().send(&client).await.expect_err("too slow");
    assert!(matches!(error, GetBackupRestoreJobError::Transport(TransportError::Timeout(_))), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[tokio::test]
async fn body_over_the_limit_is_refused() {
    let server = MockServer::start().await;
    let big: Vec<u8> = format!("{{\"pad\": \"{}\"}}", "x".repeat(10 * 1024)).into_bytes();
    mount_api(&server, ResponseTemplate::new(200).set_body_raw(big.clone(), "application/json")).await;
    let client = Client::builder()
        .base_url(server.uri())
        .max_body_bytes(1024)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();

    let error = request().send(&client).await.expect_err("too large");
    let GetBackupRestoreJobError::Transport(TransportError::BodyTooLarge { status, limit, prefix, headers }) = &error
    else {
        panic!("expected BodyTooLarge, got {error:?}")
    };
    assert_eq!(*status, 200);
    assert_eq!(*limit, 1024);
    assert!(!prefix.is_empty() && prefix.len() <= 1024, "{}", prefix.len());
    assert_eq!(prefix[..], big[..prefix.len()]);
    assert_eq!(headers.get(http::header::CONTENT_TYPE).map(|v| v.as_bytes()), Some(&b"application/json"[..]));
}

#[tokio::test]
async fn body_exactly_at_the_limit_is_accepted() {
    let server = MockServer::start().await;
    let raw = recorded("get_restore_job_200.http");
    let size = raw.body.len();
    mount_api(&server, template(&raw)).await;
    let client = Client::builder().base_url(server.uri()).max_body_bytes(size).build().unwrap();
    request().send(&client).await.expect("a body of exactly max_body_bytes is accepted");

    let client = Client::builder().base_url(server.uri()).max_body_bytes(size - 1).build().unwrap();
    let error = request().send(&client).await.expect_err("one byte over");
    assert!(matches!(error, GetBackupRestoreJobError::Transport(TransportError::BodyTooLarge { .. })), "{error:?}");
}

// 14. Validation before I/O.

#[tokio::test]
async fn invalid_parameter_sends_nothing() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200.http")).await;
    let client = client(&server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));

    for call in [
        GetBackupRestoreJob::new("not-a-group-id", CLUSTER, JOB),
        GetBackupRestoreJob::new(GROUP, "bad/cluster", JOB),
        GetBackupRestoreJob::new(GROUP, CLUSTER, "5F4FA6AD0F2BA32B1FCB3EC1"),
    ] {
        let error = call.send(&client).await.expect_err("invalid");
        assert!(matches!(error, GetBackupRestoreJobError::InvalidParameter(_)), "{error:?}");
    }
    assert!(requests(&server).await.is_empty());
}

// 15. Secrets stay out of Debug and Display: of credentials, the client builder, the client,
// requests (the operation builder and the built request) and errors.

fn assert_no_secret(text: &str) {
    for secret in [PRIVATE_KEY, CLIENT_SECRET, TOKEN_1, TOKEN_2, TOKEN_3] {
        assert!(!text.contains(secret), "{secret} leaked in {text}");
    }
}

#[tokio::test]
async fn secrets_never_appear_in_debug_or_display() {
    let digest = Credentials::digest(PUBLIC_KEY, PRIVATE_KEY);
    let account = Credentials::service_account(CLIENT_ID, CLIENT_SECRET);
    let bearer = Credentials::bearer(TOKEN_1);
    for credentials in [&digest, &account, &bearer] {
        assert_no_secret(&format!("{credentials:?}"));
        assert_no_secret(&format!("{credentials:#?}"));
    }
    assert!(format!("{digest:?}").contains(PUBLIC_KEY), "the public key may be shown");
    assert_no_secret(&Secret::new(TOKEN_1).to_string());

    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN_1], 3600));
    mount_token(&server, &tokens).await;
    // Every API call is refused, so that errors are produced with credentials in play.
    mount_api(&server, recorded_template("get_restore_job_401.http")).await;

    for credentials in [digest, account, bearer] {
        let builder =
            Client::builder().base_url(server.uri()).credentials(credentials).retry_policy(RetryPolicy::none());
        assert_no_secret(&format!("{builder:?}"));
        let client = builder.build().expect("client");
        assert_no_secret(&format!("{client:?}"));
        // Requests never carry credentials: the client adds them on the wire only.
        let call = request();
        assert_no_secret(&format!("{call:?}"));
        let built = call.build().expect("valid");
        assert_no_secret(&format!("{built:?}"));
        assert!(built.headers.iter().all(|(name, _)| !name.eq_ignore_ascii_case("authorization")));
        let error = request().send(&client).await.expect_err("401");
        assert!(matches!(error, GetBackupRestoreJobError::Unauthorized(_)), "{error:?}");
        assert_no_secret(&format!("{error:?}"));
        assert_no_secret(&format!("{error:#?}"));
        assert_no_secret(&error.to_string());
        // The cached token is not shown either.
        assert_no_secret(&format!("{client:?}"));
    }

    // A transport error with credentials in play.
    let slow = MockServer::start().await;
    mount_api(&slow, recorded_template("get_restore_job_200.http").set_delay(Duration::from_secs(2))).await;
    let client = Client::builder()
        .base_url(slow.uri())
        .credentials(Credentials::bearer(TOKEN_2))
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let error = request().send(&client).await.expect_err("timeout");
    assert_no_secret(&format!("{error:?}"));
    assert_no_secret(&error.to_string());
}

// 16. Rate-limit headers on success.

#[tokio::test]
async fn rate_limit_headers_are_readable_on_success() {
    let server = MockServer::start().await;
    mount_api(&server, recorded_template("get_restore_job_200.http")).await;
    let client = client(&server, Credentials::None);

    let response = request().send(&client).await.expect("200");
    assert_eq!(response.rate_limit_limit(), Some(100));
    assert_eq!(response.rate_limit_remaining(), Some(99));
    assert_eq!(response.content_type(), Some("application/vnd.atlas.2023-01-01+json"));
}
