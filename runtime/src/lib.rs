//! The runtime of the typed API clients that the specforge generator writes from OpenAPI
//! specs: the HTTP client and its transport, retries, request building, parameter validation
//! and response decoding that every generated operation calls.
//!
//! # Two ways to get it
//!
//! A client generated with `specforge generate --runtime crate` (or `module --runtime crate`,
//! or `specforge::RuntimeSource::Crate` in a build script) depends on this crate: its
//! `runtime` module re-exports it (with a `Call` of the client's own, which its operations give
//! setters), its `operations::ClientExt` trait gives [`Client`] the API's methods, and it names
//! every other crate its code uses through the re-exports at this crate's root ([`serde`],
//! [`serde_json`], `chrono`, [`http`], `regex`, `fancy_regex`), its serde derives with
//! `#[serde(crate = "::specforge_runtime::serde")]`. A crate that includes such a client from
//! its build script therefore has two dependencies: `specforge` to build, and this crate.
//!
//! A client generated the default way vendors the runtime instead: its `src/runtime/` is a
//! copy of this crate's modules, with this file (from the section below, up to the re-exports)
//! as its `mod.rs`, and it depends on the crates the runtime uses itself.
//!
//! # Features
//!
//! `chrono`, `regex` and `fancy-regex` (default) re-export those crates, for clients whose
//! spec has dates or `pattern` checks that need them; `mock` (typed mocks), `record` (record
//! and replay) and `tower` (a `tower::Service` as the transport) add optional parts.
//!
//! # The modules
//!
// specforge: the vendored copy starts below this line.
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
// specforge: the vendored copy ends above this line.

// The crates that generated code depending on this crate names through it, so that such a
// crate needs no dependency of its own on them (`specforge::emit::ExternalCrate`), and the
// ones this crate's API exposes, so that its users need none either.
pub use bytes;
#[cfg(feature = "chrono")]
pub use chrono;
#[cfg(feature = "fancy-regex")]
pub use fancy_regex;
pub use futures_core;
pub use http;
#[cfg(feature = "regex")]
pub use regex;
pub use reqwest;
pub use serde;
pub use serde_json;
