//! The client over a fake transport: what it puts on the wire (URI, headers, credentials),
//! the token exchange, retries and the body limit, with no socket at all.

use crate::support;

use std::time::Duration;

use specforge_runtime::{ClientBuilder, Credentials, RetryPolicy, TransportError};
use support::{answer, get_items, FakeTransport, DEFAULTS, SECRET_PATH_VALUE};

fn client(transport: &FakeTransport, credentials: Credentials, retry: RetryPolicy) -> specforge_runtime::Client {
    ClientBuilder::new(DEFAULTS)
        .credentials(credentials)
        .retry_policy(retry)
        .transport(transport.clone())
        .build()
        .unwrap()
}

fn header<'a>(request: &'a http::Request<bytes::Bytes>, name: &str) -> Option<&'a str> {
    request.headers().get(name).map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn a_fake_transport_sees_the_whole_request_and_its_answer_comes_back_as_is() {
    let transport = FakeTransport::answering(vec![answer(
        200,
        &[("content-type", "application/json"), ("x-trace", "a"), ("x-trace", "b")],
        r#"{"items":[]}"#,
    )]);
    let client = client(&transport, Credentials::bearer("tok-SECRET"), RetryPolicy::none());

    let response = client.send(&get_items()).await.unwrap();
    assert_eq!(response.status, http::StatusCode::OK);
    assert_eq!(response.body, br#"{"items":[]}"#);
    let traces: Vec<&str> = response.headers.get_all("x-trace").iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(traces, ["a", "b"], "repeated headers are kept");

    let sent = transport.sent();
    assert_eq!(sent.len(), 1);
    let request = &sent[0];
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri().to_string(),
        format!("https://api.example.test/accounts/{SECRET_PATH_VALUE}/items?page=2")
    );
    assert_eq!(header(request, "authorization"), Some("Bearer tok-SECRET"));
    assert!(request.headers()["authorization"].is_sensitive(), "http's Debug hides it");
    assert_eq!(header(request, "accept"), Some("application/json"));
    assert_eq!(header(request, "user-agent"), Some("runtime-tests/1.0"));
    assert_eq!(header(request, "x-request-tag"), Some("t-1"));
}

#[tokio::test]
async fn header_values_that_are_not_text_are_kept_byte_for_byte() {
    let mut latin1 = answer(200, &[], "{}");
    latin1.headers_mut().insert("x-name", http::HeaderValue::from_bytes(b"caf\xe9").unwrap());
    let transport = FakeTransport::answering(vec![latin1]);
    let response = client(&transport, Credentials::None, RetryPolicy::none()).send(&get_items()).await.unwrap();
    assert_eq!(response.headers["x-name"].as_bytes(), b"caf\xe9");
    assert!(transport.sent()[0].headers().get("authorization").is_none());
}

#[tokio::test]
async fn a_service_account_token_is_exchanged_through_the_transport_once() {
    let transport = FakeTransport::answering(vec![
        answer(200, &[("content-type", "application/json")], r#"{"access_token":"jwt-SECRET","expires_in":3600}"#),
        answer(200, &[], "{}"),
    ]);
    let client = client(&transport, Credentials::service_account("sa-id", "sa-SECRET"), RetryPolicy::none());
    client.send(&get_items()).await.unwrap();
    client.send(&get_items()).await.unwrap();

    let sent = transport.sent();
    assert_eq!(sent.len(), 3, "one exchange, two calls");
    let exchange = &sent[0];
    assert_eq!(exchange.method(), http::Method::POST);
    assert_eq!(exchange.uri().to_string(), "https://api.example.test/oauth/token", "the path follows the base URL");
    // base64("sa-id:sa-SECRET")
    assert_eq!(header(exchange, "authorization"), Some("Basic c2EtaWQ6c2EtU0VDUkVU"));
    assert_eq!(exchange.body().as_ref(), b"grant_type=client_credentials");
    assert_eq!(header(&sent[1], "authorization"), Some("Bearer jwt-SECRET"));
    assert_eq!(header(&sent[2], "authorization"), Some("Bearer jwt-SECRET"));
}

#[tokio::test]
async fn a_refused_token_exchange_is_an_error_keeping_the_status() {
    let transport = FakeTransport::answering(vec![answer(401, &[], r#"{"error":"invalid_client"}"#)]);
    let client = client(&transport, Credentials::service_account("sa-id", "sa-SECRET"), RetryPolicy::none());
    let error = client.send(&get_items()).await.unwrap_err();
    let TransportError::TokenExchange { status, body } = &error else { panic!("got {error:?}") };
    assert_eq!(*status, http::StatusCode::UNAUTHORIZED);
    assert_eq!(body, br#"{"error":"invalid_client"}"#);
    assert!(!format!("{error:?} {error}").contains("sa-SECRET"));
}

#[tokio::test]
async fn a_digest_challenge_is_answered_and_reused() {
    let challenge = r#"Digest realm="api", qop="auth", nonce="n0nce", opaque="op", algorithm=MD5"#;
    let transport =
        FakeTransport::answering(vec![answer(401, &[("www-authenticate", challenge)], ""), answer(200, &[], "{}")]);
    let client = client(&transport, Credentials::digest("pub-key", "priv-SECRET"), RetryPolicy::none());
    client.send(&get_items()).await.unwrap();
    client.send(&get_items()).await.unwrap();

    let sent = transport.sent();
    assert_eq!(sent.len(), 3, "challenge, answer, then the cached challenge answered at once");
    assert!(sent[0].headers().get("authorization").is_none());
    let first = header(&sent[1], "authorization").unwrap();
    let second = header(&sent[2], "authorization").unwrap();
    assert!(first.starts_with("Digest ") && first.contains(r#"username="pub-key""#), "{first}");
    assert!(first.contains("nc=00000001") && second.contains("nc=00000002"), "{first}\n{second}");
    assert!(!first.contains("priv-SECRET"));
}

#[tokio::test]
async fn the_body_limit_holds_for_any_transport() {
    let transport = FakeTransport::answering(vec![answer(200, &[("content-type", "text/plain")], &"x".repeat(2048))]);
    let client = ClientBuilder::new(DEFAULTS)
        .max_body_bytes(1024)
        .retry_policy(RetryPolicy::none())
        .transport(transport.clone())
        .build()
        .unwrap();
    let error = client.send(&get_items()).await.unwrap_err();
    let TransportError::BodyTooLarge { status, limit, prefix, headers } = &error else { panic!("got {error:?}") };
    assert_eq!((*status, *limit, prefix.len()), (http::StatusCode::OK, 1024, 1024));
    assert_eq!(headers["content-type"], "text/plain");

    let at_limit = FakeTransport::answering(vec![answer(200, &[], &"x".repeat(1024))]);
    let client = ClientBuilder::new(DEFAULTS).max_body_bytes(1024).transport(at_limit).build().unwrap();
    assert_eq!(client.send(&get_items()).await.unwrap().body.len(), 1024);
}

#[tokio::test]
async fn retries_happen_on_top_of_the_transport() {
    let transport = FakeTransport::answering(vec![
        answer(503, &[("retry-after", "0")], ""),
        answer(429, &[], ""),
        answer(200, &[], "{}"),
    ]);
    let retry = RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(1), ..RetryPolicy::default() };
    let response = client(&transport, Credentials::None, retry).send(&get_items()).await.unwrap();
    assert_eq!(response.status, http::StatusCode::OK);
    assert_eq!(transport.sent().len(), 3);
}

#[tokio::test]
async fn a_failing_transport_is_a_custom_transport_error() {
    let transport = FakeTransport::default();
    let error = client(&transport, Credentials::None, RetryPolicy::none()).send(&get_items()).await.unwrap_err();
    assert!(matches!(error, TransportError::Custom(_)), "{error:?}");
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn debug_of_the_builder_and_credentials_shows_no_secret() {
    let builder = ClientBuilder::new(DEFAULTS).credentials(Credentials::digest("pub", "priv-SECRET"));
    let text = format!("{builder:?} {:?}", Credentials::service_account("id", "sa-SECRET"));
    assert!(!text.contains("SECRET"), "{text}");
    assert!(text.contains("<redacted>"), "{text}");
}
