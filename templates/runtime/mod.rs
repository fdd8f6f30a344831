//! Support code shared by every generated operation: request parts, parameter validation,
//! response decoding and the HTTP client. It is part of the generated crate so that the
//! crate has no dependency on the generator.

pub mod auth;
pub mod client;
pub mod request;
pub mod response;
pub mod validation;

pub use auth::{Credentials, Secret};
pub use client::{Client, ClientBuilder, RetryPolicy, TransportError};
pub use request::{Body, Method, Request};
pub use response::{DecodeError, DecodeErrorKind, Headers, RawResponse, Response};
pub use validation::{Rule, ValidationError};
