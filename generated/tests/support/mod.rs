//! Recorded responses: raw HTTP/1.1 responses kept in `tests/recorded/`.

use std::path::PathBuf;

use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, StatusCode};
use mongodb_atlas_admin_api::runtime::RawResponse;

/// The bytes of a recorded response file.
pub fn recorded_bytes(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/recorded").join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// A recorded response parsed into status, headers and body.
pub fn recorded(name: &str) -> RawResponse {
    parse_response(&recorded_bytes(name)).unwrap_or_else(|| panic!("{name} is not an HTTP response"))
}

/// Parses a complete HTTP/1.1 response; the body is everything after the headers.
pub fn parse_response(bytes: &[u8]) -> Option<RawResponse> {
    let mut header_slots = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut header_slots);
    let httparse::Status::Complete(head_len) = response.parse(bytes).ok()? else {
        return None;
    };
    let mut headers = HeaderMap::new();
    for header in response.headers.iter() {
        let name = HeaderName::try_from(header.name).ok()?;
        headers.append(name, HeaderValue::from_bytes(header.value).ok()?);
    }
    let status = StatusCode::from_u16(response.code?).ok()?;
    Some(RawResponse { status, headers, body: bytes[head_len..].to_vec() })
}

/// Loopback servers for the HTTP tests: recorded responses as wiremock templates, a Digest
/// verifier, a token endpoint and a bearer-checking API.
#[allow(dead_code)]
pub mod server;

/// A hand-written loopback server that plays faults wiremock cannot (resets mid-body) and
/// counts token exchanges and nonce rotations exactly.
#[allow(dead_code)]
pub mod loopback;
