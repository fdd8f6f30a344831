//! Support code shared by every generated operation: request parts, parameter validation,
//! response decoding, retries, paged listings, streamed downloads and the HTTP client with its pluggable transport.
//!
//! These files are the `specforge-runtime` crate of the specforge repository, where they are
//! compiled and tested on their own; the generator copies them unchanged into every generated
//! crate, so that the crate has no dependency on the generator or on this repository. What a
//! generated crate knows about its API (default server, token endpoint, user agent) comes in
//! through [`ApiDefaults`].

pub mod auth;
pub mod call;
pub mod client;
pub mod error;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model_decoding;
pub mod model_encoding;
pub mod nullable;
pub mod options;
pub mod paging;
#[cfg(feature = "record")]
pub mod recording;
pub mod request;
pub mod response;
pub mod retry;
pub mod stream;
#[cfg(feature = "tower")]
pub mod tower;
pub mod transport;
pub mod upload;
pub mod validation;

pub use auth::{Credentials, Secret};
pub use call::{Call, Operation};
pub use client::{ApiDefaults, Client, ClientBuilder, OperationInfo};
pub use error::{ErrorBody, ErrorView};
pub use nullable::Nullable;
pub use options::CallOptions;
pub use paging::{Items, Paged, Pages, PagingError};
pub use request::{Body, FilePart, Multipart, QueryPair, Request};
pub use response::{DecodeError, DecodeErrorKind, RawResponse, Response};
pub use retry::RetryPolicy;
pub use stream::{Event, ItemError, ItemFraming, ItemStream, StreamedResponse};
pub use transport::{BoxFuture, ByteStream, ReqwestTransport, Transport, TransportError};
pub use upload::{Upload, UploadBody, UploadStream};
pub use validation::{Rule, ValidationError};
