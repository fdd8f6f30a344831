//! The HTTP transport: an async client (reqwest with rustls, on tokio) that sends validated
//! requests with credentials, a user agent and the operation's `Accept` type, retries rate
//! limited requests under a bounded policy and returns responses as received.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::auth::{digest_authorization, CachedToken, Credentials, Secret, TokenResponse};
use super::request::{Method, Request};
use super::response::{Headers, RawResponse};

/// Default cap on a response body: larger bodies are refused, not buffered.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How much of a refused oversized body an error keeps.
const KEPT_PREFIX_BYTES: usize = 64 * 1024;

/// When to retry a request the server asked to retry later (429 and 503).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// Wait used when the response has no usable `Retry-After`, doubled on each retry.
    pub base_delay: Duration,
    /// The longest wait the client accepts; a longer `Retry-After` ends the retries.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// No retries: 429 and 503 come back to the caller at once.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    fn delay(&self, attempt: u32, headers: &Headers) -> Option<Duration> {
        let delay = match headers.retry_after_seconds() {
            Some(seconds) => Duration::from_secs(seconds),
            None => self.base_delay.saturating_mul(2u32.saturating_pow(attempt)),
        };
        (delay <= self.max_delay).then_some(delay)
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 2, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(30) }
    }
}

/// Why a request got no response to decode.
#[derive(Debug)]
pub enum TransportError {
    /// The request or the response took longer than the configured timeout.
    Timeout(reqwest::Error),
    /// The server could not be reached.
    Connect(reqwest::Error),
    /// Any other HTTP-level failure (protocol error, broken connection, bad URL).
    Http(reqwest::Error),
    /// The body is larger than the configured limit; the first bytes are kept.
    BodyTooLarge { status: u16, headers: Headers, limit: usize, prefix: Vec<u8> },
    /// The token endpoint refused the service account or answered something unusable.
    TokenExchange { status: u16, body: Vec<u8> },
    /// The server's Digest challenge could not be answered.
    DigestChallenge(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout(error) => write!(f, "timed out: {error}"),
            TransportError::Connect(error) => write!(f, "cannot connect: {error}"),
            TransportError::Http(error) => write!(f, "HTTP error: {error}"),
            TransportError::BodyTooLarge { status, limit, .. } => {
                write!(f, "the {status} response body exceeds the limit of {limit} bytes")
            }
            TransportError::TokenExchange { status, body } => write!(
                f,
                "the token endpoint answered {status}: {}",
                super::response::quote_body(body)
            ),
            TransportError::DigestChallenge(reason) => write!(f, "cannot answer the Digest challenge: {reason}"),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TransportError::Timeout(error) | TransportError::Connect(error) | TransportError::Http(error) => {
                Some(error)
            }
            _ => None,
        }
    }
}

impl From<reqwest::Error> for TransportError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            TransportError::Timeout(error)
        } else if error.is_connect() {
            TransportError::Connect(error)
        } else {
            TransportError::Http(error)
        }
    }
}

/// Configures a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    base_url: String,
    credentials: Credentials,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_body_bytes: usize,
    user_agent: String,
}

impl ClientBuilder {
    /// The server to call, without a trailing path (default: the spec's first server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Limit on a whole request, retries excluded (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit on establishing a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Largest response body accepted (default [`DEFAULT_MAX_BODY_BYTES`]).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Replaces the default `User-Agent` (`<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn build(self) -> Result<Client, TransportError> {
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(self.user_agent)
            .build()?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url: self.base_url,
                credentials: self.credentials,
                retry: self.retry,
                max_body_bytes: self.max_body_bytes,
                token: tokio::sync::Mutex::new(None),
                digest: std::sync::Mutex::new(None),
            }),
        })
    }
}

/// An API client; cheap to clone, and clones share the connection pool, the cached token
/// and the Digest challenge.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    credentials: Credentials,
    retry: RetryPolicy,
    max_body_bytes: usize,
    /// The service-account token; the async lock makes concurrent calls share one exchange.
    token: tokio::sync::Mutex<Option<CachedToken>>,
    /// The last Digest challenge (its header text and the answering state), answered again
    /// with a higher nonce count.
    digest: std::sync::Mutex<Option<(String, http_auth::PasswordClient)>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("max_body_bytes", &self.inner.max_body_bytes)
            .finish_non_exhaustive()
    }
}

/// What to put in `Authorization` for one attempt.
#[derive(Clone)]
enum Authorization {
    None,
    Value(String),
}

impl Client {
    /// A builder with the spec's defaults: its first server URL, no credentials, 60 s
    /// timeout, the default retry policy.
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            base_url: super::super::config::DEFAULT_BASE_URL.trim_end_matches('/').to_owned(),
            credentials: Credentials::None,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            user_agent: super::super::config::USER_AGENT.to_owned(),
        }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// Sends a validated request: authorizes it, answers a Digest challenge or refreshes a
    /// rejected token once, and retries 429/503 under the retry policy. Any response that
    /// arrives is returned as received, whatever its status.
    pub async fn send(&self, request: &Request) -> Result<RawResponse, TransportError> {
        let mut attempt = 0;
        loop {
            let response = self.send_authorized(request).await?;
            if matches!(response.status, 429 | 503) && attempt < self.inner.retry.max_retries {
                if let Some(delay) = self.inner.retry.delay(attempt, &response.headers) {
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                    continue;
                }
            }
            return Ok(response);
        }
    }

    async fn send_authorized(&self, request: &Request) -> Result<RawResponse, TransportError> {
        let authorization_sent = self.authorization(request).await?;
        let response = self.send_once(request, authorization_sent.clone()).await?;
        if response.status != 401 {
            return Ok(response);
        }
        // A Digest challenge (first request, or a stale nonce) or an expired token: answer
        // or refresh once, then let the caller see whatever comes back.
        match &self.inner.credentials {
            Credentials::Digest { .. } => {
                let Some(challenge) = response.headers.get_all("www-authenticate").find(|v| is_digest(v)) else {
                    return Ok(response);
                };
                {
                    // Concurrent first calls all meet the same challenge: keep the state of the
                    // first so that nonce counts keep increasing instead of starting over.
                    let mut digest = self.lock_digest();
                    if digest.as_ref().is_none_or(|(seen, _)| seen != challenge) {
                        let client =
                            http_auth::PasswordClient::try_from(challenge).map_err(TransportError::DigestChallenge)?;
                        *digest = Some((challenge.to_owned(), client));
                    }
                }
                let authorization = self.authorization(request).await?;
                self.send_once(request, authorization).await
            }
            Credentials::ServiceAccount { client_id, client_secret } => {
                let rejected = match &authorization_sent {
                    Authorization::Value(value) => value.strip_prefix("Bearer ").map(str::to_owned),
                    Authorization::None => None,
                };
                let token = self.token(client_id, client_secret, rejected.as_deref()).await?;
                let authorization = Authorization::Value(format!("Bearer {}", token.expose()));
                self.send_once(request, authorization).await
            }
            Credentials::None | Credentials::Bearer(_) => Ok(response),
        }
    }

    fn lock_digest(&self) -> std::sync::MutexGuard<'_, Option<(String, http_auth::PasswordClient)>> {
        // A panic while holding this lock cannot leave the challenge half-updated.
        self.inner.digest.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn authorization(&self, request: &Request) -> Result<Authorization, TransportError> {
        match &self.inner.credentials {
            Credentials::None => Ok(Authorization::None),
            Credentials::Bearer(token) => Ok(Authorization::Value(format!("Bearer {}", token.expose()))),
            Credentials::ServiceAccount { client_id, client_secret } => {
                let token = self.token(client_id, client_secret, None).await?;
                Ok(Authorization::Value(format!("Bearer {}", token.expose())))
            }
            Credentials::Digest { public_key, private_key } => {
                let mut digest = self.lock_digest();
                let Some((_, challenge)) = digest.as_mut() else { return Ok(Authorization::None) };
                let uri = request.path_and_query();
                let body = request.body.as_ref().map(|b| b.bytes.as_slice());
                digest_authorization(challenge, public_key, private_key, request.method.as_str(), &uri, body)
                    .map(Authorization::Value)
                    .map_err(TransportError::DigestChallenge)
            }
        }
    }

    /// The cached service-account token, exchanged anew when missing, near expiry or equal
    /// to `rejected` (a token the server refused). Holding the async lock across the
    /// exchange makes concurrent callers wait for one exchange instead of each starting their
    /// own; a caller whose token was already replaced takes the replacement.
    async fn token(
        &self,
        client_id: &str,
        client_secret: &Secret,
        rejected: Option<&str>,
    ) -> Result<Secret, TransportError> {
        let mut cached = self.inner.token.lock().await;
        if let Some(token) = cached.as_ref().filter(|t| t.is_fresh() && Some(t.token.expose()) != rejected) {
            return Ok(token.token.clone());
        }
        let url = match super::super::config::OAUTH_TOKEN_PATH {
            Some(path) => format!("{}{}", self.inner.base_url, path),
            None => super::super::config::OAUTH_TOKEN_URL.unwrap_or_default().to_owned(),
        };
        let response = self
            .inner
            .http
            .post(url)
            .basic_auth(client_id, Some(client_secret.expose()))
            .header(reqwest::header::ACCEPT, "application/json")
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("grant_type=client_credentials")
            .send()
            .await?;
        let status = response.status().as_u16();
        let body = response.bytes().await?.to_vec();
        let parsed = if (200..300).contains(&status) { serde_json::from_slice::<TokenResponse>(&body).ok() } else { None };
        let Some(parsed) = parsed else { return Err(TransportError::TokenExchange { status, body }) };
        let token = CachedToken::new(Secret::new(parsed.access_token), parsed.expires_in);
        let secret = token.token.clone();
        *cached = Some(token);
        Ok(secret)
    }

    async fn send_once(&self, request: &Request, authorization: Authorization) -> Result<RawResponse, TransportError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Put => reqwest::Method::PUT,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
            Method::Options => reqwest::Method::OPTIONS,
            Method::Head => reqwest::Method::HEAD,
            Method::Patch => reqwest::Method::PATCH,
            Method::Trace => reqwest::Method::TRACE,
        };
        let url = format!("{}{}", self.inner.base_url, request.path_and_query());
        let mut builder = self.inner.http.request(method, url);
        builder = builder.header(reqwest::header::ACCEPT, request.accept.unwrap_or("application/json"));
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if let Authorization::Value(value) = authorization {
            builder = builder.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(body) = &request.body {
            builder = builder.header(reqwest::header::CONTENT_TYPE, body.content_type).body(body.bytes.clone());
        }
        let mut response = builder.send().await?;
        let status = response.status().as_u16();
        let headers: Headers = response
            .headers()
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let limit = self.inner.max_body_bytes;
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                body.extend_from_slice(&chunk[..limit.saturating_sub(body.len())]);
                body.truncate(KEPT_PREFIX_BYTES);
                return Err(TransportError::BodyTooLarge { status, headers, limit, prefix: body });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse { status, headers, body })
    }
}

fn is_digest(challenge: &str) -> bool {
    challenge.trim_start().get(..6).is_some_and(|scheme| scheme.eq_ignore_ascii_case("digest"))
}
