//! What every operation's error holds, seen the same way whatever the operation: the
//! [`ErrorView`] one generated `match` gives, from which the message, the `source()`, the
//! status, the headers and the API's common error body are computed here, once, instead of
//! by a `match` per question in every operation.

use std::borrow::Borrow;
use std::convert::Infallible;
use std::error::Error;
use std::fmt;

use http::{HeaderMap, StatusCode};

use super::response::{quote_body, summarize};
use super::{DecodeError, PagingError, RawResponse, Response, TransportError, ValidationError};

/// An operation error, borrowed. `E` is the API's common error body (the one every error
/// status may carry), or [`Infallible`] when the spec has none.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorView<'a, E = Infallible> {
    /// A status the operation documents, with its decoded body.
    Documented {
        /// The status's reason phrase (`Not Found`), or its label (`4XX`, `default`).
        reason: &'static str,
        status: StatusCode,
        headers: &'a HeaderMap,
        body: ErrorBody<'a>,
        /// The body, when it is the API's common error.
        api_error: Option<&'a E>,
    },
    /// A status the operation does not document: the response as received, and its body
    /// decoded as the API's common error when it is one.
    Unexpected(&'a RawResponse, Option<&'a E>),
    /// A response whose body could not be decoded.
    Decode(&'a DecodeError),
    /// A parameter broke a rule of the spec; nothing was sent.
    InvalidParameter(&'a ValidationError),
    /// No response arrived.
    Transport(&'a TransportError),
    /// The pages of a listing would make it wrong or endless.
    Paging(&'a PagingError),
}

/// The decoded body of a documented error status, as much as a message needs of it.
pub enum ErrorBody<'a> {
    /// A JSON body, summarized as JSON in messages.
    Json(&'a dyn Summary),
    /// A body kept as bytes.
    Bytes(&'a [u8]),
    /// A status documented without a body.
    Empty,
}

impl fmt::Debug for ErrorBody<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorBody::Json(body) => f.debug_tuple("Json").field(&body.summary()).finish(),
            ErrorBody::Bytes(bytes) => f.debug_tuple("Bytes").field(&quote_body(bytes)).finish(),
            ErrorBody::Empty => f.write_str("Empty"),
        }
    }
}

/// A decoded body that can be summarized for a message: every serializable type is one.
/// Object-safe, so that a message is written by one function whatever the body's type.
pub trait Summary {
    /// Its JSON form, cut to a bounded length.
    fn summary(&self) -> String;
}

impl<T: serde::Serialize> Summary for T {
    fn summary(&self) -> String {
        summarize(self)
    }
}

// The constructors take the response as the error variants hold it (`&Box<Response<_>>`) or
// unboxed, through `Borrow`: the generated `view` arms then pass the variant's field as it is,
// and the unboxing (with its debug-build pointer checks) is compiled here once per type
// instead of once per arm of every operation.
impl<'a, E> ErrorView<'a, E> {
    /// A documented status whose JSON body is not the common error.
    pub fn json<T: serde::Serialize + 'a>(reason: &'static str, response: &'a impl Borrow<Response<T>>) -> Self {
        let response = response.borrow();
        let body = ErrorBody::Json(&response.body);
        ErrorView::Documented { reason, status: response.status, headers: &response.headers, body, api_error: None }
    }

    /// A documented status whose body is the API's common error.
    pub fn common(reason: &'static str, response: &'a impl Borrow<Response<E>>) -> Self
    where
        E: serde::Serialize,
    {
        let response = response.borrow();
        let body = ErrorBody::Json(&response.body);
        let api_error = Some(&response.body);
        ErrorView::Documented { reason, status: response.status, headers: &response.headers, body, api_error }
    }

    /// A documented status whose body is kept as bytes.
    pub fn bytes(reason: &'static str, response: &'a impl Borrow<Response<Vec<u8>>>) -> Self {
        let response = response.borrow();
        let body = ErrorBody::Bytes(&response.body);
        ErrorView::Documented { reason, status: response.status, headers: &response.headers, body, api_error: None }
    }

    /// A documented status without a body.
    pub fn empty(reason: &'static str, response: &'a impl Borrow<Response<()>>) -> Self {
        let response = response.borrow();
        let body = ErrorBody::Empty;
        ErrorView::Documented { reason, status: response.status, headers: &response.headers, body, api_error: None }
    }

    /// The HTTP status of the response behind the error, if one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ErrorView::Documented { status, .. } => Some(*status),
            ErrorView::Unexpected(response, _) => Some(response.status),
            ErrorView::Decode(error) => Some(error.response.status),
            ErrorView::InvalidParameter(_) | ErrorView::Transport(_) | ErrorView::Paging(_) => None,
        }
    }

    /// The headers of that response.
    pub fn headers(&self) -> Option<&'a HeaderMap> {
        match self {
            ErrorView::Documented { headers, .. } => Some(headers),
            ErrorView::Unexpected(response, _) => Some(&response.headers),
            ErrorView::Decode(error) => Some(&error.response.headers),
            ErrorView::InvalidParameter(_) | ErrorView::Transport(_) | ErrorView::Paging(_) => None,
        }
    }

    /// The decoded common error body: of a documented status, or of an undocumented one
    /// whose body is one.
    pub fn api_error(&self) -> Option<&'a E> {
        match self {
            ErrorView::Documented { api_error, .. } | ErrorView::Unexpected(_, api_error) => *api_error,
            _ => None,
        }
    }

    /// The error's `source()`: that of the decoding, validation or transport error it wraps
    /// (the operation error is transparent over them).
    pub fn source(&self) -> Option<&'a (dyn Error + 'static)> {
        match *self {
            ErrorView::Decode(error) => error.source(),
            ErrorView::InvalidParameter(error) => error.source(),
            ErrorView::Transport(error) => error.source(),
            ErrorView::Paging(error) => error.source(),
            ErrorView::Documented { .. } | ErrorView::Unexpected(..) => None,
        }
    }
}

/// The operation error's message: `404 Not Found: {body as JSON}` for a documented status,
/// `undocumented response: ...` for another, and the wrapped error's own message otherwise.
impl<E> fmt::Display for ErrorView<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorView::Documented { reason, status, body, .. } => {
                write!(f, "{} {reason}", status.as_u16())?;
                match body {
                    ErrorBody::Json(body) => write!(f, ": {}", body.summary()),
                    ErrorBody::Bytes(bytes) => write!(f, ": {}", quote_body(bytes)),
                    ErrorBody::Empty => Ok(()),
                }
            }
            ErrorView::Unexpected(response, _) => write!(f, "undocumented response: {response}"),
            ErrorView::Decode(error) => fmt::Display::fmt(error, f),
            ErrorView::InvalidParameter(error) => fmt::Display::fmt(error, f),
            ErrorView::Transport(error) => fmt::Display::fmt(error, f),
            ErrorView::Paging(error) => fmt::Display::fmt(error, f),
        }
    }
}
