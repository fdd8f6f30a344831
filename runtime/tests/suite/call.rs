//! `Call` and the generic `send` over the `Operation` trait, with a hand-written operation
//! shaped like a generated builder and a fake transport: the setters reach the request,
//! validation comes before any I/O, and the decoded body or error comes back.

use crate::support;

use specforge_runtime::call::send;
use specforge_runtime::{
    validation, Call, ClientBuilder, RawResponse, Request, Response, RetryPolicy, TransportError, ValidationError,
};
use support::{answer, get_items, FakeTransport, DEFAULTS};

#[derive(Debug, Clone, PartialEq)]
struct ListItems {
    tag: String,
}

#[derive(Debug)]
enum ListItemsError {
    Invalid,
    Transport,
    Status(u16),
}

impl From<ValidationError> for ListItemsError {
    fn from(_: ValidationError) -> Self {
        Self::Invalid
    }
}

impl From<TransportError> for ListItemsError {
    fn from(_: TransportError) -> Self {
        Self::Transport
    }
}

impl specforge_runtime::Operation for ListItems {
    type Output = String;
    type Error = ListItemsError;

    fn build(&self) -> Result<Request, ValidationError> {
        validation::length("tag", &self.tag, Some(1), Some(8))?;
        let mut request = get_items();
        request.headers = vec![("X-Request-Tag", self.tag.clone())];
        Ok(request)
    }

    fn decode_response(&self, response: RawResponse) -> Result<Response<String>, ListItemsError> {
        match response.status.as_u16() {
            200 => Ok(Response {
                status: response.status,
                headers: response.headers,
                body: String::from_utf8_lossy(&response.body).into_owned(),
            }),
            other => Err(ListItemsError::Status(other)),
        }
    }
}

fn client(transport: &FakeTransport) -> specforge_runtime::Client {
    ClientBuilder::new(DEFAULTS).retry_policy(RetryPolicy::none()).transport(transport.clone()).build().unwrap()
}

#[tokio::test]
async fn a_bound_call_sends_the_changed_builder_and_decodes_the_answer() {
    let transport = FakeTransport::answering(vec![answer(200, &[], "items")]);
    let client = client(&transport);
    let call = Call::new(&client, ListItems { tag: "a".into() }).map(|op| ListItems { tag: format!("{}b", op.tag) });
    assert_eq!(call.operation(), &ListItems { tag: "ab".into() });
    let response = call.send().await.unwrap();
    assert_eq!(response.body, "items");
    let sent = transport.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].headers().get("x-request-tag").unwrap(), "ab");
}

#[tokio::test]
async fn an_invalid_parameter_sends_nothing_and_an_error_status_is_the_operations_error() {
    let transport = FakeTransport::answering(vec![answer(404, &[], "")]);
    let client = client(&transport);
    let invalid = send(&ListItems { tag: "far-too-long".into() }, &client).await;
    assert!(matches!(invalid, Err(ListItemsError::Invalid)), "{invalid:?}");
    assert!(transport.sent().is_empty(), "validation comes before any I/O");
    let missing = Call::new(&client, ListItems { tag: "t".into() }).send().await;
    assert!(matches!(missing, Err(ListItemsError::Status(404))), "{missing:?}");
    assert_eq!(transport.sent().len(), 1);
}
