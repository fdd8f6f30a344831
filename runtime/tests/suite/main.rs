//! The integration tests of the runtime (`specforge-runtime`): one module per topic, compiled and linked as one test
//! binary rather than one each (see docs/testing.md).

mod support;

mod call;
mod client;
mod decoding;
mod error_view;
mod item_stream;
mod model_decoding;
mod model_encoding;
mod paging;
mod request_parts;
mod retry_policy;
mod tracing_events;
mod union_and_null;
mod vendored;
