//! Responses: JSON decoding and its errors, Atlas-style envelopes, peeking at error bodies,
//! header helpers, and redaction of credentials in `Debug`.

use http::{HeaderMap, HeaderValue, StatusCode};
use specforge_runtime::response::{
    classify_response, decode_json, documented_error, error_status, peek_json, undocumented_status, unwrap_envelope,
    ErrorStatus, ErrorStatuses,
};
use specforge_runtime::{DecodeError, DecodeErrorKind, RawResponse, Response};

fn raw(status: u16, content_type: Option<&str>, body: &str) -> RawResponse {
    let mut headers = HeaderMap::new();
    if let Some(content_type) = content_type {
        headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
    }
    RawResponse { status: StatusCode::from_u16(status).unwrap(), headers, body: body.as_bytes().to_vec() }
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Problem {
    code: Option<String>,
}

#[test]
fn envelopes_give_their_status_and_content() {
    let unwrapped = unwrap_envelope(raw(200, Some("application/json"), r#"{"status":404,"content":{"code":"GONE"}}"#));
    let unwrapped = unwrapped.unwrap();
    assert_eq!(unwrapped.status, StatusCode::NOT_FOUND);
    assert_eq!(unwrapped.body, br#"{"code":"GONE"}"#);
    assert_eq!(unwrapped.content_type(), Some("application/json"), "headers are kept");

    let empty = unwrap_envelope(raw(200, None, r#"{"status":204}"#)).unwrap();
    assert_eq!((empty.status, empty.body.len()), (StatusCode::NO_CONTENT, 0));

    for not_an_envelope in [r#"{"id":1}"#, r#"{"status":1000,"content":{}}"#, "<html>"] {
        let error = unwrap_envelope(raw(200, None, not_an_envelope)).unwrap_err();
        assert!(matches!(error.kind, DecodeErrorKind::Envelope(_)), "{not_an_envelope}");
        assert_eq!(error.response.body, not_an_envelope.as_bytes(), "the body is kept");
    }
}

#[test]
fn json_decoding_checks_the_media_type_and_keeps_failures() {
    let decoded = decode_json::<Problem>(raw(400, Some("application/problem+json"), r#"{"code":"X"}"#)).unwrap();
    assert_eq!(decoded.body, Problem { code: Some("X".into()) });
    assert_eq!(decoded.status, 400);
    assert!(decode_json::<Problem>(raw(200, None, r#"{"code":null}"#)).is_ok(), "no Content-Type: tried as JSON");

    let html = decode_json::<Problem>(raw(502, Some("text/html"), "<h1>Bad gateway</h1>")).unwrap_err();
    assert!(matches!(&html.kind, DecodeErrorKind::UnexpectedContentType(t) if t == "text/html"));
    assert!(html.to_string().contains("Bad gateway"), "{html}");
    let broken = decode_json::<Problem>(raw(200, Some("application/json"), "{")).unwrap_err();
    assert!(matches!(broken.kind, DecodeErrorKind::Json(_)));
}

#[test]
fn peeking_decodes_json_bodies_only_and_leaves_the_response() {
    let response = raw(409, Some("application/json"), r#"{"code":"CONFLICT"}"#);
    assert_eq!(peek_json::<Problem>(&response), Some(Problem { code: Some("CONFLICT".into()) }));
    assert_eq!(peek_json::<Problem>(&raw(409, Some("text/plain"), r#"{"code":"X"}"#)), None);
    assert_eq!(peek_json::<Problem>(&raw(409, None, "not json")), None);
}

#[test]
fn debug_redacts_credential_headers() {
    let mut response = raw(200, Some("application/json"), "{}");
    response.headers.insert(http::header::SET_COOKIE, HeaderValue::from_static("session=SECRET"));
    response.headers.insert("x-visible", HeaderValue::from_static("shown"));
    let text = format!("{response:?}");
    assert!(!text.contains("SECRET"), "{text}");
    assert!(text.contains("<redacted>") && text.contains("shown"), "{text}");
}

#[test]
fn rate_limit_and_retry_after_headers_are_read() {
    let mut response = raw(429, None, "");
    response.headers.insert("ratelimit-limit", HeaderValue::from_static("100"));
    response.headers.insert("ratelimit-remaining", HeaderValue::from_static("0"));
    response.headers.insert("retry-after", HeaderValue::from_static("7"));
    let decoded = specforge_runtime::response::decode_empty(response);
    assert_eq!(decoded.rate_limit_limit(), Some(100));
    assert_eq!(decoded.rate_limit_remaining(), Some(0));
    assert_eq!(decoded.retry_after(), Some(std::time::Duration::from_secs(7)));
}

/// An operation's error enum, as generated: a variant per documented status.
#[derive(Debug)]
enum LookupError {
    NotFound(Box<Response<Problem>>),
    ClientError(Box<Response<Problem>>),
    Decode(DecodeError),
}

impl From<DecodeError> for LookupError {
    fn from(error: DecodeError) -> Self {
        Self::Decode(error)
    }
}

#[test]
fn error_tables_pick_the_first_entry_covering_the_status() {
    // 404 is documented before `4XX`, as the spec's responses are matched.
    const STATUSES: &ErrorStatuses<Problem, LookupError> =
        &[(404, 404, LookupError::NotFound), (400, 499, LookupError::ClientError)];
    let json = Some("application/json");
    match documented_error(raw(404, json, r#"{"code":"GONE"}"#), STATUSES) {
        Ok(LookupError::NotFound(response)) => {
            assert_eq!((response.status.as_u16(), response.body.code.as_deref()), (404, Some("GONE")))
        }
        other => panic!("{other:?}"),
    }
    match documented_error(raw(409, json, r#"{"code":"TAKEN"}"#), STATUSES) {
        Ok(LookupError::ClientError(response)) => assert_eq!(response.body.code.as_deref(), Some("TAKEN")),
        other => panic!("{other:?}"),
    }
    match documented_error(raw(404, Some("text/html"), "<h1>gone</h1>"), STATUSES) {
        Ok(LookupError::Decode(error)) => {
            assert!(matches!(error.kind, DecodeErrorKind::UnexpectedContentType(ref t) if t == "text/html"))
        }
        other => panic!("a body that does not decode is the Decode variant: {other:?}"),
    }
    let undocumented = *documented_error(raw(503, json, r#"{"code":"DOWN"}"#), STATUSES).unwrap_err();
    assert_eq!((undocumented.status.as_u16(), undocumented.body.as_slice()), (503, &br#"{"code":"DOWN"}"#[..]));
}

#[test]
fn error_status_gives_the_index_of_the_first_entry_covering_the_status() {
    // 404 is documented before `4XX`, as the spec's responses are matched.
    const STATUSES: &[(u16, u16)] = &[(404, 404), (400, 499)];
    let json = Some("application/json");
    match error_status::<Problem>(raw(404, json, r#"{"code":"GONE"}"#), STATUSES) {
        ErrorStatus::Documented(0, response) => {
            assert_eq!((response.status.as_u16(), response.body.code.as_deref()), (404, Some("GONE")))
        }
        other => panic!("{other:?}"),
    }
    match error_status::<Problem>(raw(409, json, r#"{"code":"TAKEN"}"#), STATUSES) {
        ErrorStatus::Documented(1, response) => assert_eq!(response.body.code.as_deref(), Some("TAKEN")),
        other => panic!("{other:?}"),
    }
    match error_status::<Problem>(raw(404, Some("text/html"), "<h1>gone</h1>"), STATUSES) {
        ErrorStatus::Undecodable(error) => {
            assert!(matches!(error.kind, DecodeErrorKind::UnexpectedContentType(ref t) if t == "text/html"))
        }
        other => panic!("a body that does not decode is undecodable: {other:?}"),
    }
    match error_status::<Problem>(raw(503, json, r#"{"code":"DOWN"}"#), STATUSES) {
        ErrorStatus::Undocumented(response) => {
            assert_eq!((response.status.as_u16(), response.body.as_slice()), (503, &br#"{"code":"DOWN"}"#[..]));
            let (response, api_error) = undocumented_status::<Problem>(response);
            assert_eq!(response.status.as_u16(), 503, "the response is kept as received");
            assert_eq!(api_error.and_then(|problem| problem.code), Some("DOWN".to_owned()));
        }
        other => panic!("{other:?}"),
    }
    let (_, api_error) = undocumented_status::<Problem>(Box::new(raw(503, Some("text/plain"), "down")));
    assert!(api_error.is_none(), "a body that is not the common error is kept only as bytes");
}

#[test]
fn classify_response_unwraps_the_envelope_then_sorts_success_from_error_statuses() {
    const SUCCESS: &[(u16, u16)] = &[(200, 200), (202, 202)];
    const ERRORS: &[(u16, u16)] = &[(404, 404), (400, 499)];
    let json = Some("application/json");
    let ok = classify_response::<Problem>(raw(202, json, "{}"), false, SUCCESS, ERRORS).unwrap();
    assert_eq!(ok.status.as_u16(), 202, "a success status gives the response back");
    match classify_response::<Problem>(raw(409, json, r#"{"code":"TAKEN"}"#), false, SUCCESS, ERRORS) {
        Err(ErrorStatus::Documented(1, response)) => assert_eq!(response.body.code.as_deref(), Some("TAKEN")),
        other => panic!("{other:?}"),
    }
    // The envelope's status decides: a 200 carrying a 404 is the 404.
    let enveloped = raw(200, json, r#"{"status":404,"content":{"code":"GONE"}}"#);
    match classify_response::<Problem>(enveloped, true, SUCCESS, ERRORS) {
        Err(ErrorStatus::Documented(0, response)) => assert_eq!(response.body.code.as_deref(), Some("GONE")),
        other => panic!("{other:?}"),
    }
    let enveloped = raw(200, json, r#"{"status":200,"content":{"code":null}}"#);
    let ok = classify_response::<Problem>(enveloped, true, SUCCESS, ERRORS).unwrap();
    assert_eq!(ok.body, br#"{"code":null}"#, "the content is the body");
    match classify_response::<Problem>(raw(200, json, "{}"), true, SUCCESS, ERRORS) {
        Err(ErrorStatus::Undecodable(error)) => assert!(matches!(error.kind, DecodeErrorKind::Envelope(_))),
        other => panic!("a body that is not an envelope is undecodable: {other:?}"),
    }
    match classify_response::<Problem>(raw(503, json, "{}"), false, SUCCESS, ERRORS) {
        Err(ErrorStatus::Undocumented(response)) => assert_eq!(response.status.as_u16(), 503),
        other => panic!("{other:?}"),
    }
}
