//! Loopback mock servers (wiremock) that replay the recorded responses and check credentials
//! the way Atlas does: a Digest verifier that computes the expected response itself, an
//! OAuth2 token endpoint that counts exchanges, and an API that accepts given bearer tokens.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use md5::{Digest as _, Md5};
use mongodb_atlas_admin_api::runtime::RawResponse;
use wiremock::{Request, Respond, ResponseTemplate};

use super::recorded;

pub const GROUP: &str = "32b6e34b3d91647abb20e7b8";
pub const CLUSTER: &str = "Cluster0";
pub const JOB: &str = "5f4fa6ad0f2ba32b1fcb3ec1";

/// The path of the restore job the tests read.
pub fn job_path() -> String {
    format!("/api/atlas/v2/groups/{GROUP}/clusters/{CLUSTER}/backup/restoreJobs/{JOB}")
}

/// The token endpoint's path on the base URL.
pub const TOKEN_PATH: &str = "/api/oauth/token";

/// Replays a response: its status, its headers except `Content-Length` (the server computes
/// it), and its body bytes.
pub fn template(response: &RawResponse) -> ResponseTemplate {
    let mut template = ResponseTemplate::new(response.status.as_u16());
    for (name, value) in response.headers.iter() {
        if name != http::header::CONTENT_LENGTH {
            template = template.append_header(name.clone(), value.clone());
        }
    }
    template.set_body_bytes(response.body.clone())
}

/// Replays a recorded file.
pub fn recorded_template(name: &str) -> ResponseTemplate {
    template(&recorded(name))
}

/// The same response as an Atlas envelope: HTTP 200 with `{"status": N, "content": body}`.
pub fn enveloped(response: &RawResponse) -> RawResponse {
    let content: serde_json::Value = serde_json::from_slice(&response.body).expect("a JSON body");
    let body =
        serde_json::to_vec_pretty(&serde_json::json!({ "status": response.status.as_u16(), "content": content }))
            .unwrap();
    RawResponse { status: http::StatusCode::OK, headers: response.headers.clone(), body }
}

/// A header of a received request as text.
pub fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The request target as sent: path and query.
pub fn path_and_query(request: &Request) -> String {
    match request.url.query() {
        Some(query) => format!("{}?{query}", request.url.path()),
        None => request.url.path().to_owned(),
    }
}

/// Mounts a responder that the test keeps a handle on (to read its counters afterwards).
pub fn shared<T: Respond + 'static>(responder: &Arc<T>) -> impl Respond {
    let responder = Arc::clone(responder);
    move |request: &Request| responder.respond(request)
}

/// Answers the responses in order, repeating the last one; counts the requests.
pub struct Sequence {
    responses: Vec<ResponseTemplate>,
    count: AtomicUsize,
}

impl Sequence {
    pub fn new(responses: Vec<ResponseTemplate>) -> Self {
        assert!(!responses.is_empty());
        Sequence { responses, count: AtomicUsize::new(0) }
    }
}

impl Respond for Sequence {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let index = self.count.fetch_add(1, Ordering::SeqCst).min(self.responses.len() - 1);
        self.responses[index].clone()
    }
}

/// Splits the parameters of an `Authorization: Digest ...` value (RFC 7616 syntax: comma
/// separated `name=token` or `name="quoted string"` with backslash escapes).
pub fn digest_params(value: &str) -> Option<Vec<(String, String)>> {
    let rest = value.trim_start();
    if rest.len() < 7 || !rest[..7].eq_ignore_ascii_case("digest ") {
        return None;
    }
    let mut chars = rest[7..].chars().peekable();
    let mut params = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == ',') {
            chars.next();
        }
        if chars.peek().is_none() {
            return Some(params);
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c == '=' {
                break;
            }
            name.push(c);
            chars.next();
        }
        chars.next()?; // '='
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '\\' => value.push(chars.next()?),
                    '"' => break,
                    c => value.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                value.push(c);
                chars.next();
            }
        }
        params.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
}

fn md5_hex(text: &str) -> String {
    format!("{:x}", Md5::digest(text.as_bytes()))
}

/// What the Digest verifier saw in one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestAttempt {
    /// The `nc` parameter of the request's Digest answer, if it carried one.
    pub nc: Option<String>,
    /// Whether the answer was correct and the recorded 200 was served.
    pub accepted: bool,
    /// Why it was rejected, if it was.
    pub reason: Option<String>,
}

/// An API endpoint protected by HTTP Digest (MD5, qop=auth) the way Atlas protects it: a
/// request without a valid answer gets the recorded 401 with a challenge; the verifier
/// computes `MD5(HA1:nonce:nc:cnonce:qop:HA2)` from the request's parameters and the real
/// password, and serves `ok` only when the client's response matches. A nonce count used
/// twice with the same nonce is a replay and refused (RFC 7616 section 3.4).
pub struct DigestVerifier {
    pub username: String,
    password: String,
    pub realm: String,
    nonce: Mutex<String>,
    ok: ResponseTemplate,
    used_nc: Mutex<std::collections::HashSet<u32>>,
    attempts: Mutex<Vec<DigestAttempt>>,
}

impl DigestVerifier {
    /// The realm and nonce of the recorded 401's challenge.
    pub const REALM: &'static str = "MMS Public API";
    pub const NONCE: &'static str = "b1mWnJ6cG5bDmnD1jcnHiVuBkVb0PpLn";

    pub fn new(username: &str, password: &str, ok: ResponseTemplate) -> Self {
        DigestVerifier {
            username: username.to_owned(),
            password: password.to_owned(),
            realm: Self::REALM.to_owned(),
            nonce: Mutex::new(Self::NONCE.to_owned()),
            ok,
            used_nc: Mutex::new(std::collections::HashSet::new()),
            attempts: Mutex::new(Vec::new()),
        }
    }

    /// Starts a new nonce: answers to the old one are refused as stale.
    pub fn rotate_nonce(&self, nonce: &str) {
        *self.nonce.lock().unwrap() = nonce.to_owned();
        self.used_nc.lock().unwrap().clear();
    }

    pub fn attempts(&self) -> Vec<DigestAttempt> {
        self.attempts.lock().unwrap().clone()
    }

    fn challenge(&self, stale: bool) -> ResponseTemplate {
        let nonce = self.nonce.lock().unwrap().clone();
        template(&recorded("get_restore_job_401.http")).insert_header(
            "www-authenticate",
            format!(
                "Digest realm=\"{}\", domain=\"\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\", stale={stale}",
                self.realm
            ),
        )
    }

    /// Checks an answer; `Err((reason, stale))` when it is refused.
    fn check(&self, request: &Request) -> Result<String, (String, bool)> {
        let authorization = header(request, "authorization").ok_or(("no Authorization".to_owned(), false))?;
        let params = digest_params(authorization).ok_or((format!("not Digest: {authorization}"), false))?;
        let get = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let need = |name: &str| get(name).ok_or((format!("no {name}"), false));
        let nc = need("nc")?.to_owned();
        if need("username")? != self.username {
            return Err((format!("unknown user {:?}", get("username")), false));
        }
        if need("realm")? != self.realm {
            return Err(("wrong realm".to_owned(), false));
        }
        let nonce = self.nonce.lock().unwrap().clone();
        if need("nonce")? != nonce {
            return Err(("stale nonce".to_owned(), true));
        }
        if !get("algorithm").is_none_or(|a| a.eq_ignore_ascii_case("MD5")) {
            return Err(("wrong algorithm".to_owned(), false));
        }
        let qop = need("qop")?;
        if qop != "auth" {
            return Err((format!("wrong qop {qop}"), false));
        }
        let uri = need("uri")?;
        if uri != path_and_query(request) {
            return Err((format!("uri {uri} is not the request target {}", path_and_query(request)), false));
        }
        let cnonce = need("cnonce")?;
        let ha1 = md5_hex(&format!("{}:{}:{}", self.username, self.realm, self.password));
        let ha2 = md5_hex(&format!("{}:{uri}", request.method));
        let expected = md5_hex(&format!("{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}"));
        if need("response")? != expected {
            return Err(("wrong response".to_owned(), false));
        }
        let count = u32::from_str_radix(&nc, 16).map_err(|_| (format!("bad nc {nc}"), false))?;
        if !self.used_nc.lock().unwrap().insert(count) {
            return Err((format!("replayed nc {nc}"), false));
        }
        Ok(nc)
    }
}

impl Respond for DigestVerifier {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let nc = header(request, "authorization")
            .and_then(digest_params)
            .and_then(|params| params.into_iter().find(|(n, _)| n == "nc").map(|(_, v)| v));
        let result = self.check(request);
        let attempt =
            DigestAttempt { nc, accepted: result.is_ok(), reason: result.as_ref().err().map(|e| e.0.clone()) };
        self.attempts.lock().unwrap().push(attempt);
        match result {
            Ok(_) => self.ok.clone(),
            Err((_, stale)) => self.challenge(stale),
        }
    }
}

/// An OAuth2 client-credentials token endpoint: checks HTTP Basic `id:secret` and the form
/// body, answers the next token of its list (repeating the last), counts the exchanges.
pub struct TokenEndpoint {
    client_id: String,
    client_secret: String,
    tokens: Vec<String>,
    expires_in: u64,
    delay: Duration,
    count: AtomicUsize,
    problems: Mutex<Vec<String>>,
}

impl TokenEndpoint {
    pub fn new(client_id: &str, client_secret: &str, tokens: &[&str], expires_in: u64) -> Self {
        TokenEndpoint {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            tokens: tokens.iter().map(|t| (*t).to_owned()).collect(),
            expires_in,
            delay: Duration::ZERO,
            count: AtomicUsize::new(0),
            problems: Mutex::new(Vec::new()),
        }
    }

    /// Makes every exchange take this long, so that concurrent callers overlap.
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Token requests received so far.
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }

    /// Requests that broke the protocol (wrong Basic credentials, body or content type).
    pub fn problems(&self) -> Vec<String> {
        self.problems.lock().unwrap().clone()
    }
}

impl Respond for TokenEndpoint {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let index = self.count.fetch_add(1, Ordering::SeqCst);
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", self.client_id, self.client_secret))
        );
        let mut problems = Vec::new();
        if request.method.as_str() != "POST" {
            problems.push(format!("method {}", request.method));
        }
        if header(request, "authorization") != Some(basic.as_str()) {
            problems.push(format!("authorization {:?}", header(request, "authorization")));
        }
        if request.body != b"grant_type=client_credentials" {
            problems.push(format!("body {:?}", String::from_utf8_lossy(&request.body)));
        }
        if !header(request, "content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded")) {
            problems.push(format!("content-type {:?}", header(request, "content-type")));
        }
        let refused = !problems.is_empty();
        self.problems.lock().unwrap().extend(problems);
        if refused {
            return ResponseTemplate::new(401).set_body_json(serde_json::json!({ "error": "invalid_client" }));
        }
        let token = &self.tokens[index.min(self.tokens.len() - 1)];
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({
                "access_token": token,
                "expires_in": self.expires_in,
                "token_type": "Bearer",
            }))
            .set_delay(self.delay)
    }
}

/// The API endpoint for a service account: serves `ok` to `Authorization: Bearer <token>`
/// for an accepted token and the recorded 401 otherwise; remembers the tokens it saw.
pub struct BearerApi {
    accepted: Vec<String>,
    ok: ResponseTemplate,
    delay: Duration,
    seen: Mutex<Vec<Option<String>>>,
}

impl BearerApi {
    pub fn new(accepted: &[&str], ok: ResponseTemplate) -> Self {
        BearerApi {
            accepted: accepted.iter().map(|t| (*t).to_owned()).collect(),
            ok,
            delay: Duration::ZERO,
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Delays every answer, so that concurrent calls overlap.
    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// The `Authorization` values received, in order.
    pub fn seen(&self) -> Vec<Option<String>> {
        self.seen.lock().unwrap().clone()
    }
}

impl Respond for BearerApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let authorization = header(request, "authorization").map(str::to_owned);
        self.seen.lock().unwrap().push(authorization.clone());
        let accepted = authorization
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer "))
            .is_some_and(|token| self.accepted.iter().any(|t| t == token));
        let response = if accepted { self.ok.clone() } else { recorded_template("get_restore_job_401.http") };
        response.set_delay(self.delay)
    }
}
