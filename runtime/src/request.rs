//! The HTTP request an operation builder produces, before any I/O.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::validation::{Rule, ValidationError};

/// Characters left as they are in a path segment: RFC 3986 unreserved characters. Everything
/// else, `/`, `?`, `#`, `%` and non-ASCII included, is percent-encoded, so a value can never
/// leave its segment.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request body, already serialized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A validated request: method, percent-encoded path, query pairs, headers and body. The
/// client adds the base URL and credentials when it sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The operation's `operationId`, for tracing.
    pub operation_id: &'static str,
    pub method: http::Method,
    /// The path template as written in the spec (`/groups/{groupId}`): what tracing records,
    /// since parameter values may be secret.
    pub path_template: &'static str,
    /// The path, each parameter segment percent-encoded (`/api/atlas/v2/groups/...`).
    pub path: String,
    /// Query pairs in the order the spec lists the parameters; values are not yet encoded.
    pub query: Vec<(&'static str, String)>,
    /// Header parameters; values are checked to contain no control characters.
    pub headers: Vec<(&'static str, String)>,
    /// The media type to ask for in `Accept`.
    pub accept: Option<&'static str>,
    pub body: Option<Body>,
}

impl Request {
    /// The query string without the leading `?`, `application/x-www-form-urlencoded` encoded.
    pub fn query_string(&self) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.query {
            serializer.append_pair(name, value);
        }
        serializer.finish()
    }

    /// The path followed by `?` and the query string, if there is one.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query_string())
        }
    }
}

/// Appends one percent-encoded path segment. `.` and `..` are refused because URL parsers
/// resolve them (even percent-encoded) and the request would reach another resource.
pub fn push_path_segment(path: &mut String, parameter: &'static str, value: &str) -> Result<(), ValidationError> {
    if value.is_empty() || value == "." || value == ".." {
        return Err(ValidationError::new(parameter, Rule::PathSegment, value));
    }
    path.extend(utf8_percent_encode(value, PATH_SEGMENT));
    Ok(())
}

/// Checks that a header value cannot end the header or start another: no control characters.
pub fn header_value(parameter: &'static str, value: String) -> Result<String, ValidationError> {
    if value.bytes().any(|b| b.is_ascii_control()) {
        return Err(ValidationError::new(parameter, Rule::HeaderValue, &value));
    }
    Ok(value)
}
