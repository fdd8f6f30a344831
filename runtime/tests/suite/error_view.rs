//! The borrowed view of an operation error: the message, status, headers, common error body
//! and `source()` every generated error enum computes from it.

use std::error::Error;

use http::{HeaderMap, HeaderValue, StatusCode};
use specforge_runtime::{ErrorView, RawResponse, Response, Rule, ValidationError};

#[derive(Debug, PartialEq, serde::Serialize)]
struct Problem {
    code: &'static str,
}

fn response<T>(status: u16, body: T) -> Response<T> {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", HeaderValue::from_static("7"));
    Response { status: StatusCode::from_u16(status).unwrap(), headers, body }
}

#[test]
fn a_documented_common_error_gives_its_status_headers_body_and_message() {
    let not_found = response(404, Problem { code: "GONE" });
    let view: ErrorView<'_, Problem> = ErrorView::common("Not Found", &not_found);
    assert_eq!(view.to_string(), r#"404 Not Found: {"code":"GONE"}"#);
    assert_eq!(view.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(view.headers().and_then(|h| h.get("retry-after")), Some(&HeaderValue::from_static("7")));
    assert_eq!(view.api_error(), Some(&Problem { code: "GONE" }));
    assert!(view.source().is_none());
}

#[test]
fn other_documented_bodies_are_summarized_but_are_not_the_common_error() {
    let json = response(409, vec![1, 2]);
    let view: ErrorView<'_, Problem> = ErrorView::json("Conflict", &json);
    assert_eq!((view.to_string(), view.api_error()), ("409 Conflict: [1,2]".to_owned(), None));

    let bytes = response(415, b"plain text".to_vec());
    assert_eq!(
        ErrorView::<Problem>::bytes("Unsupported Media Type", &bytes).to_string(),
        "415 Unsupported Media Type: plain text"
    );

    let empty = response(410, ());
    let view = ErrorView::<Problem>::empty("Gone", &empty);
    assert_eq!((view.to_string(), view.status()), ("410 Gone".to_owned(), Some(StatusCode::GONE)));
}

#[test]
fn undocumented_responses_keep_the_raw_response_and_wrapped_errors_their_own_message() {
    let raw = RawResponse { status: StatusCode::IM_A_TEAPOT, headers: HeaderMap::new(), body: b"short".to_vec() };
    let problem = Problem { code: "TEAPOT" };
    let view = ErrorView::Unexpected(&raw, Some(&problem));
    assert_eq!(view.to_string(), "undocumented response: status 418: short");
    assert_eq!((view.status(), view.api_error()), (Some(StatusCode::IM_A_TEAPOT), Some(&problem)));

    let invalid = ValidationError::new("groupId", Rule::MinLength(24), "abc");
    let view: ErrorView<'_> = ErrorView::InvalidParameter(&invalid);
    assert_eq!(view.to_string(), invalid.to_string());
    assert_eq!((view.status(), view.headers().is_none()), (None, true));
    assert_eq!(view.source().map(|e| e.to_string()), invalid.source().map(|e| e.to_string()));
}
