//! The HTTP request an operation builder produces, before any I/O.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

use super::upload::{Segment, Upload, UploadStream};
use super::validation::{Rule, ValidationError};

/// Characters left as they are in a path segment (and in a whole query string,
/// [`QueryPair::whole`]): RFC 3986 unreserved characters. Everything else, `/`, `?`, `#`, `%`,
/// `&`, `=` and non-ASCII included, is percent-encoded, so a value can never leave its place.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request body, already serialized: JSON, a form, multipart parts or raw bytes all travel
/// as bytes with their `Content-Type`, so that retries and Digest authentication see exactly
/// what is sent. A body given as a stream (an [`Upload::stream`] as a binary body or file
/// part) is [`Body::stream`] instead, read as it is sent, once (see [`super::upload`]).
///
/// Its `Debug` shows the bytes as text, the secrets of a JSON or form body redacted (see
/// [`BodyText`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// The `Content-Type` (with its `boundary` for multipart).
    pub content_type: Cow<'static, str>,
    /// The whole body; empty when it is streamed.
    pub bytes: Vec<u8>,
    /// The body's chunks when some of it is a caller's stream.
    pub stream: Option<UploadStream>,
}

impl Body {
    /// A body of the given media type.
    pub fn new(content_type: &'static str, bytes: Vec<u8>) -> Self {
        Body { content_type: Cow::Borrowed(content_type), bytes, stream: None }
    }

    /// A binary body of the given media type: the bytes, or the stream to read as it is sent.
    pub fn upload(content_type: &'static str, upload: &Upload) -> Self {
        match upload.as_bytes() {
            Some(bytes) => Body::new(content_type, bytes.to_vec()),
            None => Body {
                content_type: Cow::Borrowed(content_type),
                bytes: Vec::new(),
                stream: Some(UploadStream::new(vec![upload.segment()])),
            },
        }
    }

    /// Whether the body is read from a stream as it is sent (and so can be sent only once).
    pub fn is_streamed(&self) -> bool {
        self.stream.is_some()
    }

    /// A model as JSON.
    pub fn json<T: serde::Serialize>(content_type: &'static str, value: &T) -> Result<Self, ValidationError> {
        let bytes =
            serde_json::to_vec(value).map_err(|error| ValidationError::new("body", Rule::Json, &error.to_string()))?;
        Ok(Body::new(content_type, bytes))
    }

    /// A model as `application/x-www-form-urlencoded`: each property a pair, as an exploded
    /// `form` query parameter (lists repeat the name, nested objects are `name[key]`).
    pub fn form<T: serde::Serialize>(content_type: &'static str, value: &T) -> Result<Self, ValidationError> {
        let mut pairs = Vec::new();
        push_object(&mut pairs, "body", ObjectStyle::Form { explode: true }, value)?;
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for pair in &pairs {
            serializer.append_pair(&pair.name, &pair.value);
        }
        Ok(Body::new(content_type, serializer.finish().into_bytes()))
    }
}

/// One query parameter as sent: its name (`filter[name]` for a deep object) and its value,
/// not yet encoded. It compares equal to a `(name, value)` tuple.
#[derive(Clone, PartialEq, Eq)]
pub struct QueryPair {
    pub name: Cow<'static, str>,
    pub value: String,
}

impl QueryPair {
    pub fn new(name: &'static str, value: String) -> Self {
        QueryPair { name: Cow::Borrowed(name), value }
    }

    /// A pair without a name: its value, percent-encoded, is written as it is, with no `=`
    /// (OpenAPI 3.2's `in: querystring`, where one value is the whole query). OpenAPI names
    /// every other parameter, so no named pair is mistaken for one.
    pub fn whole(value: String) -> Self {
        QueryPair { name: Cow::Borrowed(""), value }
    }
}

impl fmt::Debug for QueryPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (&self.name, &self.value).fmt(f)
    }
}

impl From<(&'static str, String)> for QueryPair {
    fn from((name, value): (&'static str, String)) -> Self {
        QueryPair::new(name, value)
    }
}

impl PartialEq<(&str, String)> for QueryPair {
    fn eq(&self, (name, value): &(&str, String)) -> bool {
        self.name == *name && self.value == *value
    }
}

impl PartialEq<(&str, &str)> for QueryPair {
    fn eq(&self, (name, value): &(&str, &str)) -> bool {
        self.name == *name && self.value == *value
    }
}

/// A validated request: method, percent-encoded path, query pairs, headers and body. The
/// client adds the base URL and credentials when it sends it.
///
/// Its `Debug` shows the values of the parameters named in
/// [`secrets`](Request::secrets) as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
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
    pub query: Vec<QueryPair>,
    /// Header parameters; values are checked to contain no control characters.
    pub headers: Vec<(&'static str, String)>,
    /// The media type to ask for in `Accept`.
    pub accept: Option<&'static str>,
    pub body: Option<Body>,
    /// The names in the spec of the operation's secrets (`format: password`): its path, query
    /// and header parameters, and the properties of its JSON or form body and of its success
    /// responses' JSON bodies, at any depth.
    /// `Debug` shows their values as `<redacted>`, the client marks such headers sensitive,
    /// and a recording (feature `record`) and a mock's messages redact them.
    pub secrets: &'static [&'static str],
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secrets = self.secrets;
        let path = redacted_path(self.path_template, &self.path, secrets);
        let query: Vec<(&str, &str)> =
            self.query.iter().map(|pair| (&*pair.name, redacted_value(&pair.name, &pair.value, secrets))).collect();
        let headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(name, value)| (*name, redacted_value(name, value, secrets))).collect();
        f.debug_struct("Request")
            .field("operation_id", &self.operation_id)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("path", &path)
            .field("query", &query)
            .field("headers", &headers)
            .field("accept", &self.accept)
            .field("body", &self.body.as_ref().map(|body| BodyWithSecrets(body, secrets)))
            .field("secrets", &secrets)
            .finish()
    }
}

/// What a secret value is shown as, wherever the runtime shows one.
pub(crate) const REDACTED: &str = "<redacted>";

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        BodyWithSecrets(self, &[]).fmt(f)
    }
}

/// A body as its request's `Debug` shows it, the request's [`secrets`](Request::secrets)
/// redacted too.
struct BodyWithSecrets<'a>(&'a Body, &'a [&'a str]);

impl fmt::Debug for BodyWithSecrets<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let BodyWithSecrets(body, secrets) = *self;
        let bytes = BodyText { content_type: Some(&body.content_type), bytes: &body.bytes, secrets };
        f.debug_struct("Body")
            .field("content_type", &body.content_type)
            .field("bytes", &bytes)
            .field("stream", &body.stream)
            .finish()
    }
}

/// A body as `Debug` shows it, where a request may be logged, as a recording writes it: JSON
/// with the values of its secrets as `<redacted>` (see [`redact_json_secrets`]); a form body
/// with such pairs' values redacted; other text as it is; anything else by its size.
pub struct BodyText<'a> {
    /// The body's media type, when known.
    pub content_type: Option<&'a str>,
    pub bytes: &'a [u8],
    /// The names of the properties the spec marks secret ([`Request::secrets`]).
    pub secrets: &'a [&'a str],
}

impl fmt::Debug for BodyText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Ok(mut value) = serde_json::from_slice::<Value>(self.bytes) {
            if redact_json_secrets(&mut value, self.secrets) {
                return value.to_string().fmt(f);
            }
        }
        let form = self.content_type.is_some_and(|media| media.starts_with("application/x-www-form-urlencoded"));
        if form {
            let mut redacted = form_urlencoded::Serializer::new(String::new());
            for (name, value) in form_urlencoded::parse(self.bytes) {
                let secret = is_secret_name(&name) || self.secrets.contains(&&*name);
                let value = if secret { REDACTED.into() } else { value };
                redacted.append_pair(&name, &value);
            }
            return redacted.finish().fmt(f);
        }
        match std::str::from_utf8(self.bytes) {
            Ok(text) => text.fmt(f),
            Err(_) => write!(f, "<{} bytes>", self.bytes.len()),
        }
    }
}

/// Parts of field names whose string values are secrets.
const SECRET_FIELDS: [&str; 4] = ["secret", "password", "token", "privatekey"];

/// Whether a field or pair name says its value is a secret ([`SECRET_FIELDS`]).
fn is_secret_name(name: &str) -> bool {
    let name: String = name.chars().filter(|c| *c != '_' && *c != '-').collect::<String>().to_lowercase();
    SECRET_FIELDS.iter().any(|secret| name.contains(secret))
}

/// Redacts the secrets in `value`; whether there was one. A property named in `secrets` (the
/// spec's marks) has every string inside it redacted; a string property whose name says it is
/// a secret (holding `secret`, `password`, `token` or `privatekey`, any case, `_` and `-`
/// ignored: the rule of recordings before the spec's marks were known) is redacted too.
pub fn redact_json_secrets(value: &mut Value, secrets: &[&str]) -> bool {
    match value {
        Value::Object(fields) => {
            let mut redacted = false;
            for (name, field) in fields.iter_mut() {
                if secrets.contains(&name.as_str()) {
                    redacted |= redact_strings(field);
                } else if field.is_string() && is_secret_name(name) {
                    *field = Value::String(REDACTED.to_owned());
                    redacted = true;
                } else {
                    redacted |= redact_json_secrets(field, secrets);
                }
            }
            redacted
        }
        Value::Array(items) => {
            items.iter_mut().fold(false, |redacted, item| redact_json_secrets(item, secrets) | redacted)
        }
        _ => false,
    }
}

/// Every string in `value` (a secret, or a list or map of them) as `<redacted>`.
fn redact_strings(value: &mut Value) -> bool {
    match value {
        Value::String(text) => {
            *text = REDACTED.to_owned();
            true
        }
        Value::Array(items) => items.iter_mut().fold(false, |redacted, item| redact_strings(item) | redacted),
        Value::Object(fields) => fields.values_mut().fold(false, |redacted, item| redact_strings(item) | redacted),
        _ => false,
    }
}

/// `value`, or `<redacted>` when the parameter `name` is secret (header names compared
/// without case).
pub fn redacted_value<'a>(name: &str, value: &'a str, secrets: &[&str]) -> &'a str {
    if secrets.iter().any(|secret| secret.eq_ignore_ascii_case(name)) {
        REDACTED
    } else {
        value
    }
}

/// `path` with the segments of secret path parameters written as `<redacted>`: segments are
/// matched with the template's (`/users/{name}`), and when a secret parameter is not a whole
/// segment of it, or the path does not have the template's segments, the whole path is hidden.
pub fn redacted_path<'a>(template: &str, path: &'a str, secrets: &[&str]) -> Cow<'a, str> {
    let is_secret = |part: &str| secrets.iter().any(|secret| part.contains(&format!("{{{secret}}}")));
    if !is_secret(template) {
        return Cow::Borrowed(path);
    }
    let template_segments: Vec<&str> = template.split('/').collect();
    let path_segments: Vec<&str> = path.split('/').collect();
    // The template may be shorter: a base path's segments come first.
    let Some(offset) = path_segments.len().checked_sub(template_segments.len()) else {
        return Cow::Borrowed(REDACTED);
    };
    let mut redacted = path_segments[..offset].to_vec();
    for (template_segment, path_segment) in template_segments.iter().zip(&path_segments[offset..]) {
        let whole = template_segment.strip_prefix('{').and_then(|s| s.strip_suffix('}'));
        match whole {
            Some(name) if secrets.contains(&name) => redacted.push(REDACTED),
            _ if is_secret(template_segment) => return Cow::Borrowed(REDACTED),
            _ => redacted.push(path_segment),
        }
    }
    Cow::Owned(redacted.join("/"))
}

impl Request {
    /// The query string without the leading `?`, `application/x-www-form-urlencoded` encoded.
    /// A pair without a name ([`QueryPair::whole`]) is its value, every character but the
    /// unreserved ones percent-encoded.
    pub fn query_string(&self) -> String {
        let mut query = String::new();
        for pair in &self.query {
            if !query.is_empty() {
                query.push('&');
            }
            if pair.name.is_empty() {
                query.extend(utf8_percent_encode(&pair.value, PATH_SEGMENT));
            } else {
                query.extend(form_urlencoded::byte_serialize(pair.name.as_bytes()));
                query.push('=');
                query.extend(form_urlencoded::byte_serialize(pair.value.as_bytes()));
            }
        }
        query
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

/// Appends the pair `name=value` to `query`, the value written by its `Display` (numbers,
/// booleans, strings and string enums). Compiled once per value type, so that each scalar query
/// parameter of a generated `build()` is one call rather than its own conversion and push.
pub fn push_query<T: fmt::Display>(query: &mut Vec<QueryPair>, name: &'static str, value: &T) {
    query.push(QueryPair::new(name, value.to_string()));
}

/// [`push_query`] for an optional parameter: nothing when it is not set.
pub fn push_optional_query<T: fmt::Display>(query: &mut Vec<QueryPair>, name: &'static str, value: &Option<T>) {
    if let Some(value) = value {
        push_query(query, name, value);
    }
}

/// The method of an operation that generated builders carry by name (OpenAPI 3.2's `QUERY`,
/// which `http` has a constant for only from 1.5 on, or one of a path item's
/// `additionalOperations`), from its name. `http` builds such a method
/// at run time only; a name of up to 15 bytes is kept inline, without allocating.
pub fn extension_method(name: &'static str) -> http::Method {
    // The generator emits only names that are HTTP tokens, which `http` accepts (tested with
    // every token character); a failure here is a generator bug, not a bad input.
    http::Method::from_bytes(name.as_bytes()).expect("the generator emits HTTP tokens as method names")
}

/// The request path: `literals` with one of `segments` (parameter name, value) between each
/// two, every segment percent-encoded and checked as [`push_path_segment`] does. One call
/// per operation's `build()` instead of a push and a `?` per part, which rustc would check
/// and compile in every operation.
pub fn path(literals: &[&'static str], segments: &[(&'static str, &str)]) -> Result<String, ValidationError> {
    let capacity = literals.iter().map(|literal| literal.len()).sum::<usize>() + 24 * segments.len();
    let mut path = String::with_capacity(capacity);
    let mut literals = literals.iter();
    for &(parameter, value) in segments {
        path.push_str(literals.next().copied().unwrap_or_default());
        push_path_segment(&mut path, parameter, value)?;
    }
    literals.for_each(|literal| path.push_str(literal));
    Ok(path)
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

/// The value of a header parameter whose schema is an object (style `simple`):
/// `key,value,key,value`, or exploded `key=value,key=value`, `null` properties left out. A
/// value that serializes to a scalar (one form of a union) is its text, a list its items
/// joined by commas. Checked as [`header_value`] is.
pub fn object_header<T: serde::Serialize>(
    parameter: &'static str,
    explode: bool,
    value: &T,
) -> Result<String, ValidationError> {
    let value =
        serde_json::to_value(value).map_err(|error| ValidationError::new(parameter, Rule::Json, &error.to_string()))?;
    let text = match &value {
        Value::Object(properties) => {
            let present = properties.iter().filter(|(_, value)| !value.is_null());
            let items: Vec<String> = if explode {
                present.map(|(key, value)| format!("{key}={}", scalar_text(value))).collect()
            } else {
                present.flat_map(|(key, value)| [key.clone(), scalar_text(value)]).collect()
            };
            items.join(",")
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().filter(|item| !item.is_null()).map(scalar_text).collect();
            items.join(",")
        }
        scalar => scalar_text(scalar),
    };
    header_value(parameter, text)
}

/// How an object query parameter (or a form body) is written as pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectStyle {
    /// `form`: exploded, each property its own pair (`name=x&age=3`); not exploded, one pair
    /// of alternating keys and values (`filter=name,x,age,3`).
    Form { explode: bool },
    /// `deepObject`: `filter[name]=x&filter[age]=3`.
    DeepObject,
    /// OpenAPI 3.2's `in: querystring` with JSON content: the value's JSON text is the whole
    /// query, percent-encoded (`?%7B%22name%22%3A%22x%22%7D`), as [`QueryPair::whole`].
    Json,
}

/// Appends the pairs of an object parameter named `name`. A value that serializes to a scalar
/// (one form of a union) is one `name=value` pair, a list repeats `name`; `null` properties are
/// left out. Nested objects and lists inside a property are written as `key[sub]` and
/// `key[index]`, the bracket convention servers of deep objects read (`created[gte]=1`).
pub fn push_object<T: serde::Serialize>(
    query: &mut Vec<QueryPair>,
    name: &'static str,
    style: ObjectStyle,
    value: &T,
) -> Result<(), ValidationError> {
    let value =
        serde_json::to_value(value).map_err(|error| ValidationError::new(name, Rule::Json, &error.to_string()))?;
    match (&value, style) {
        (_, ObjectStyle::Json) => query.push(QueryPair::whole(value.to_string())),
        (Value::Object(properties), ObjectStyle::Form { explode: false }) => {
            let mut joined = Vec::with_capacity(properties.len() * 2);
            for (key, value) in properties.iter().filter(|(_, v)| !v.is_null()) {
                joined.push(key.clone());
                joined.push(scalar_text(value));
            }
            query.push(QueryPair::new(name, joined.join(",")));
        }
        (Value::Object(properties), ObjectStyle::Form { explode: true }) => {
            for (key, value) in properties {
                push_nested(query, key.clone(), value);
            }
        }
        (Value::Object(properties), ObjectStyle::DeepObject) => {
            for (key, value) in properties {
                push_nested(query, format!("{name}[{key}]"), value);
            }
        }
        (Value::Array(items), _) => {
            for item in items.iter().filter(|v| !v.is_null()) {
                query.push(QueryPair::new(name, scalar_text(item)));
            }
        }
        (Value::Null, _) => {}
        (scalar, _) => query.push(QueryPair::new(name, scalar_text(scalar))),
    }
    Ok(())
}

/// Pairs of one property value under `name`, descending into objects and lists with brackets.
fn push_nested(query: &mut Vec<QueryPair>, name: String, value: &Value) {
    match value {
        Value::Null => {}
        Value::Object(properties) => {
            for (key, value) in properties {
                push_nested(query, format!("{name}[{key}]"), value);
            }
        }
        Value::Array(items) if items.iter().all(|item| !item.is_object() && !item.is_array()) => {
            for item in items.iter().filter(|v| !v.is_null()) {
                query.push(QueryPair { name: Cow::Owned(name.clone()), value: scalar_text(item) });
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                push_nested(query, format!("{name}[{index}]"), item);
            }
        }
        scalar => query.push(QueryPair { name: Cow::Owned(name), value: scalar_text(scalar) }),
    }
}

/// A scalar as text (strings without quotes); a nested object or list as JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A `multipart/form-data` body under construction: text fields and file parts, in order
/// (`Multipart::new().text("title", "Q3").file("report", "q3.csv", "text/csv", bytes)`).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Clone, PartialEq, Eq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: Upload,
}

impl fmt::Debug for Multipart {
    // Part contents may be large or secret: only names and sizes are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut list = f.debug_list();
        for part in &self.parts {
            list.entry(&format_args!("{} ({:?})", part.name, part.content));
        }
        list.finish()
    }
}

/// The start of every boundary; a number follows, raised until no part contains the boundary.
const BOUNDARY_PREFIX: &str = "specforge-boundary-";

impl Multipart {
    pub fn new() -> Self {
        Multipart::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            content: Upload::from(value.into()),
        });
        self
    }

    /// Adds a file part: its file name, its media type and its contents.
    pub fn file(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Vec<u8>>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            content: Upload::from(bytes.into()),
        });
        self
    }

    /// Adds a file part of a typed multipart body: its contents, its file name when it has
    /// one, and its media type, else `default_type` (the spec's `encoding`, or
    /// `application/octet-stream`).
    pub fn file_part(mut self, name: &str, file: &FilePart, default_type: &str) -> Self {
        let content_type = file.content_type.clone().unwrap_or_else(|| default_type.to_owned());
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: file.file_name.clone(),
            content_type: Some(content_type),
            content: file.content.clone(),
        });
        self
    }

    /// Adds a value part of a typed multipart body: a string, number or boolean as its text,
    /// an object or a list as JSON (`application/json`); `content_type`, from the spec's
    /// `encoding`, is sent when given. A `null` value adds nothing.
    pub fn value<T: serde::Serialize>(
        mut self,
        name: &'static str,
        value: &T,
        content_type: Option<&str>,
    ) -> Result<Self, ValidationError> {
        let value =
            serde_json::to_value(value).map_err(|error| ValidationError::new(name, Rule::Json, &error.to_string()))?;
        let (bytes, default_type) = match &value {
            Value::Null => return Ok(self),
            Value::Object(_) | Value::Array(_) => (value.to_string().into_bytes(), Some("application/json")),
            scalar => (scalar_text(scalar).into_bytes(), None),
        };
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: None,
            content_type: content_type.or(default_type).map(str::to_owned),
            content: Upload::from(bytes),
        });
        Ok(self)
    }

    /// Adds a field holding JSON (an object or list property), as `application/json`.
    pub fn json<T: serde::Serialize>(mut self, name: impl Into<String>, value: &T) -> Result<Self, ValidationError> {
        let name = name.into();
        let bytes =
            serde_json::to_vec(value).map_err(|error| ValidationError::new("body", Rule::Json, &error.to_string()))?;
        let content = Upload::from(bytes);
        self.parts.push(Part { name, file_name: None, content_type: Some("application/json".to_owned()), content });
        Ok(self)
    }

    /// The number of parts.
    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Whether a part of this name was added.
    pub fn has(&self, name: &str) -> bool {
        self.parts.iter().any(|part| part.name == name)
    }

    /// The encoded body (RFC 7578) with its `Content-Type`, boundary included; streamed when
    /// a part's contents are a stream.
    // Encoded here rather than with reqwest's `multipart::Form`: that form only streams into
    // reqwest's own request builder, while a `Transport` takes the whole body as bytes (retries
    // resend it, Digest authentication hashes it, a user's transport records it).
    pub fn encode(&self) -> Body {
        let boundary = self.boundary();
        let mut segments = Vec::new();
        let mut bytes = Vec::new();
        for part in &self.parts {
            bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
            let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", quoted(&part.name));
            if let Some(file_name) = &part.file_name {
                disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
            }
            bytes.extend_from_slice(disposition.as_bytes());
            bytes.extend_from_slice(b"\r\n");
            if let Some(content_type) = &part.content_type {
                bytes.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            bytes.extend_from_slice(b"\r\n");
            match part.content.as_bytes() {
                Some(content) => bytes.extend_from_slice(content),
                None => {
                    segments.push(Segment::Bytes(std::mem::take(&mut bytes).into()));
                    segments.push(part.content.segment());
                }
            }
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let content_type = Cow::Owned(format!("multipart/form-data; boundary={boundary}"));
        if segments.is_empty() {
            return Body { content_type, bytes, stream: None };
        }
        segments.push(Segment::Bytes(bytes.into()));
        Body { content_type, bytes: Vec::new(), stream: Some(UploadStream::new(segments)) }
    }

    /// A boundary that occurs in no part: the first free numbered one when every part is
    /// bytes; with a streamed part, whose contents cannot be searched beforehand, one with a
    /// random 64-bit token, which a stream contains by chance with negligible probability.
    fn boundary(&self) -> String {
        if self.parts.iter().any(|part| part.content.as_bytes().is_none()) {
            use std::hash::{BuildHasher, Hasher};
            // `RandomState` is seeded randomly per process and per instance: a random token
            // without a dependency on a random-number crate.
            let token = std::collections::hash_map::RandomState::new().build_hasher().finish();
            return format!("{BOUNDARY_PREFIX}{token:016x}");
        }
        let mut number = 0u32;
        loop {
            let candidate = format!("{BOUNDARY_PREFIX}{number}");
            let needle = candidate.as_bytes();
            let inside = |part: &Part| {
                let content = part.content.as_bytes().unwrap_or_default();
                content.windows(needle.len()).any(|window| window == needle)
            };
            if !self.parts.iter().any(inside) {
                return candidate;
            }
            number += 1;
        }
    }
}

/// A file for a part of a typed multipart body: its contents (bytes, or a stream read as the
/// request is sent), with an optional file name and media type
/// (`FilePart::new(bytes).file_name("side.png").content_type("image/png")`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    file_name: Option<String>,
    content_type: Option<String>,
    content: Upload,
}

impl FilePart {
    /// A file of these contents (`Vec<u8>`, `Bytes`, or [`Upload::stream`]), without a file
    /// name; its media type is the one the spec documents for the part, else
    /// `application/octet-stream`.
    pub fn new(content: impl Into<Upload>) -> Self {
        FilePart { file_name: None, content_type: None, content: content.into() }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The part's `Content-Type`, instead of the documented one.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// A name inside a quoted header parameter: quotes and line breaks percent-encoded, as
/// browsers do (RFC 7578 section 4.2), so that a name cannot end its header.
fn quoted(name: &str) -> String {
    name.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// The text of one item of a list parameter whose items are models (a union of string enums,
/// say): a scalar as its text, an object or a list as JSON.
pub fn value_text<T: serde::Serialize>(parameter: &'static str, value: &T) -> Result<String, ValidationError> {
    let value =
        serde_json::to_value(value).map_err(|error| ValidationError::new(parameter, Rule::Json, &error.to_string()))?;
    Ok(scalar_text(&value))
}
