//! The integration tests of the generated Atlas client: one module per topic, compiled and linked as one test
//! binary rather than one each (see docs/testing.md). Tests that measure the process's memory
//! have a process of their own (their own test binary beside this one).

#[path = "../support/mod.rs"]
mod support;

mod call_options;
mod client_guide;
mod example;
mod http_client;
mod mocks;
mod msrv;
mod record_replay;
mod recorded_responses;
mod request_builder;
mod tower_transport;
