//! The API client: sends validated requests through a [`Transport`] with credentials, a user
//! agent and the operation's `Accept` type, retries under a [`RetryPolicy`], records a
//! `tracing` span per call, and returns responses as received.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine as _;
use bytes::Bytes;
use http::header::{
    HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, PROXY_AUTHORIZATION, USER_AGENT,
};
use tracing::Instrument as _;

use super::auth::{digest_authorization, CachedToken, Credentials, Secret, TokenResponse};
use super::options::CallOptions;
use super::request::{Body, Request};
use super::response::{mark_secret_headers, RawResponse};
use super::retry::RetryPolicy;
use super::transport::{ByteStream, ReqwestTransport, Transport, TransportError};

/// How many Digest `stale=true` refusals one attempt answers with the new nonce.
const MAX_STALE_ANSWERS: usize = 2;

/// Default cap on a response body: larger bodies are refused, not buffered.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// What a generated crate knows about its API and passes in: the spec's facts the client
/// uses as defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiDefaults {
    /// The spec's first server, the default base URL.
    pub base_url: &'static str,
    /// The default `User-Agent`.
    pub user_agent: &'static str,
    /// The OAuth2 client-credentials token endpoint, if the spec has one.
    pub oauth_token_url: Option<&'static str>,
    /// The token endpoint's path when it is on the default server, so that it follows a
    /// configured base URL.
    pub oauth_token_path: Option<&'static str>,
}

/// Configures a [`Client`].
#[derive(Clone)]
pub struct ClientBuilder {
    defaults: ApiDefaults,
    base_url: String,
    credentials: Credentials,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    max_body_bytes: usize,
    user_agent: String,
    http_client: Option<reqwest::Client>,
    transport: Option<Arc<dyn Transport>>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("user_agent", &self.user_agent)
            .field("http_client", &self.http_client.is_some())
            .field("transport", &self.transport.is_some())
            .finish()
    }
}

impl ClientBuilder {
    /// A builder with these defaults, no credentials, 60 s timeout and the default retry
    /// policy. A generated crate's `Client::builder()` calls this with its spec's defaults.
    pub fn new(defaults: ApiDefaults) -> Self {
        ClientBuilder {
            defaults,
            base_url: defaults.base_url.trim_end_matches('/').to_owned(),
            credentials: Credentials::None,
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            user_agent: defaults.user_agent.to_owned(),
            http_client: None,
            transport: None,
        }
    }

    /// The server to call, without a trailing path (default: the spec's first server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into().trim_end_matches('/').to_owned();
        self
    }

    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Limit on a whole request, retries excluded (default 60 s). Not applied to a client
    /// given with [`ClientBuilder::http_client`], which keeps its own.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Limit on establishing a connection (default 10 s), as for [`ClientBuilder::timeout`].
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Largest response body accepted (default [`DEFAULT_MAX_BODY_BYTES`]), whatever the
    /// transport.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Replaces the default `User-Agent` (`<crate>/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends with this `reqwest::Client` (a proxy, a custom CA, a shared connection pool)
    /// instead of one the builder makes; its timeouts apply.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Sends through this transport instead of reqwest: a wrapper that logs or records, or a
    /// fake that answers from memory. Credentials, retries and the body limit still apply.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    pub fn build(self) -> Result<Client, TransportError> {
        let transport = match self.transport {
            Some(transport) => transport,
            None => {
                let http = match self.http_client {
                    Some(client) => client,
                    None => reqwest::Client::builder()
                        .timeout(self.timeout)
                        .connect_timeout(self.connect_timeout)
                        .build()?,
                };
                Arc::new(ReqwestTransport::new(http, self.max_body_bytes))
            }
        };
        let user_agent = HeaderValue::try_from(self.user_agent)
            .map_err(|error| TransportError::InvalidRequest(format!("user agent: {error}")))?;
        let token_url = match self.defaults.oauth_token_path {
            Some(path) => Some(format!("{}{}", self.base_url, path)),
            None => self.defaults.oauth_token_url.map(str::to_owned),
        };
        Ok(Client {
            options: None,
            inner: Arc::new(Inner {
                transport,
                base_url: self.base_url,
                token_url,
                user_agent,
                credentials: self.credentials,
                retry: self.retry,
                max_body_bytes: self.max_body_bytes,
                token: tokio::sync::Mutex::new(None),
                digest: std::sync::Mutex::new(None),
            }),
        })
    }
}

/// An API client; cheap to clone, and clones share the transport (its connection pool), the
/// cached token and the Digest challenge.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// The settings of the calls made through this handle, when it came from
    /// [`Client::with_options`].
    options: Option<Arc<CallOptions>>,
}

/// What the transport is told of the operation a request belongs to, as an extension of the
/// `http::Request` it is given: what a mock matches its rules on, what a recording names its
/// files after, and what a tower layer can label its metrics with. Parameter values are not
/// in it (they may be secret), only the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The spec's `operationId`.
    pub operation_id: &'static str,
    /// The path template as written in the spec (`/groups/{groupId}`).
    pub path_template: &'static str,
    /// The names of the operation's secrets ([`Request::secrets`]): what a recording and a
    /// mock's messages redact.
    pub secrets: &'static [&'static str],
}

struct Inner {
    transport: Arc<dyn Transport>,
    base_url: String,
    /// Where a service account's token is exchanged, if the API has a token endpoint.
    token_url: Option<String>,
    user_agent: HeaderValue,
    credentials: Credentials,
    retry: RetryPolicy,
    max_body_bytes: usize,
    /// The service-account token; the async lock makes concurrent calls share one exchange.
    token: tokio::sync::Mutex<Option<CachedToken>>,
    /// The last Digest challenge (its header text and the answering state), answered again
    /// with a higher nonce count.
    digest: std::sync::Mutex<Option<(Arc<str>, http_auth::PasswordClient)>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .field("max_body_bytes", &self.inner.max_body_bytes)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// What to put in `Authorization` for one attempt.
#[derive(Clone)]
enum Authorization {
    None,
    Value(Secret),
    /// An answer to a Digest challenge, and the challenge's header text: after a 401, whether
    /// another call has taken up a newer challenge since.
    Digest {
        value: Secret,
        challenge: Arc<str>,
    },
}

impl Client {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The same client (credentials, cached token, transport) making its calls with these
    /// settings: for a builder's own `send(&client)`, `pages(&client)` or `items(&client)`,
    /// as [`Call::with_options`](super::Call::with_options) is for a call started from the
    /// client. The settings replace any given before.
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client { inner: Arc::clone(&self.inner), options: Some(Arc::new(options)) }
    }

    /// The retry policy of this handle's calls.
    fn retry_policy(&self) -> &RetryPolicy {
        self.options.as_ref().and_then(|options| options.retry.as_ref()).unwrap_or(&self.inner.retry)
    }

    /// Runs a whole call within this handle's call timeout, if it has one.
    async fn within_call_timeout<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, TransportError>>,
    ) -> Result<T, TransportError> {
        match self.options.as_ref().and_then(|options| options.timeout) {
            Some(limit) => tokio::time::timeout(limit, call).await.unwrap_or(Err(TransportError::CallTimeout(limit))),
            None => call.await,
        }
    }

    /// Runs one exchange with the transport within this handle's attempt timeout, if it has one.
    async fn within_attempt_timeout<T>(
        &self,
        exchange: impl std::future::Future<Output = Result<T, TransportError>>,
    ) -> Result<T, TransportError> {
        match self.options.as_ref().and_then(|options| options.attempt_timeout) {
            Some(limit) => {
                tokio::time::timeout(limit, exchange).await.unwrap_or(Err(TransportError::AttemptTimeout(limit)))
            }
            None => exchange.await,
        }
    }

    /// Sends a validated request: authorizes it, answers a Digest challenge or refreshes a
    /// rejected token once, and retries 429/503 under the retry policy. Any response that
    /// arrives is returned as received, whatever its status.
    ///
    /// Each call is a `tracing` span `api_call` (operation id, method, path template, final
    /// status, attempts, duration) with an event per attempt and per retry; parameter values
    /// and credentials are never recorded.
    pub async fn send(&self, request: &Request) -> Result<RawResponse, TransportError> {
        let span = api_call_span(request);
        self.within_call_timeout(self.send_with_retries(request, &span)).instrument(span.clone()).await
    }

    /// The attempts of one call; `span` is the call's, where the outcome is recorded.
    async fn send_with_retries(&self, request: &Request, span: &tracing::Span) -> Result<RawResponse, TransportError> {
        let started = Instant::now();
        let mut attempt: u32 = 1;
        loop {
            let outcome = self.send_authorized(request).await;
            span.record("attempts", attempt);
            let response = match outcome {
                Ok(response) => response,
                Err(error) => {
                    span.record("duration_ms", elapsed_ms(started));
                    tracing::warn!(attempt, error = %error, "no response");
                    return Err(error);
                }
            };
            let status = response.status.as_u16();
            tracing::debug!(attempt, status, "response received");
            let retry = self.retry_policy();
            // A streamed body was consumed by this attempt: its response is the answer.
            let delay = if request.body.as_ref().is_some_and(Body::is_streamed) {
                None
            } else {
                retry.delay(&request.method, response.status, &response.headers, attempt - 1, started.elapsed())
            };
            match delay {
                Some(delay) => {
                    tracing::info!(
                        attempt,
                        status,
                        retry_delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        "retrying"
                    );
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => {
                    span.record("status", status);
                    span.record("duration_ms", elapsed_ms(started));
                    tracing::info!(status, attempts = attempt, duration_ms = elapsed_ms(started), "call finished");
                    return Ok(response);
                }
            }
        }
    }

    async fn send_authorized(&self, request: &Request) -> Result<RawResponse, TransportError> {
        let mut sent = self.authorization(request).await?;
        let mut response = self.send_once(request, sent.clone()).await?;
        // A 401 is answered once. A Digest `stale=true` on an answer is answered again, up to
        // `MAX_STALE_ANSWERS` times: the credentials were right, but the server replaced its
        // nonce while this call was answering the old one (common under concurrent calls,
        // which meet their first challenge together); the bound stops a server that rotates
        // faster than a round trip.
        for round in 0..=MAX_STALE_ANSWERS {
            // A streamed body cannot be sent again with other credentials.
            if response.status != http::StatusCode::UNAUTHORIZED
                || request.body.as_ref().is_some_and(Body::is_streamed)
                || (round > 0 && !is_stale_digest_challenge(&response.headers))
            {
                return Ok(response);
            }
            let Some(authorization) = self.reauthorization(request, &response.headers, &sent).await? else {
                return Ok(response);
            };
            sent = authorization;
            response = self.send_once(request, sent.clone()).await?;
        }
        Ok(response)
    }

    /// After a 401, the authorization to try once more, if any: a Digest challenge (first
    /// request, or a stale nonce) answered, or an expired service-account token refreshed.
    /// Otherwise the caller sees the 401 as it came.
    async fn reauthorization(
        &self,
        request: &Request,
        headers: &http::HeaderMap,
        sent: &Authorization,
    ) -> Result<Option<Authorization>, TransportError> {
        match &self.inner.credentials {
            Credentials::Digest { public_key, private_key } => {
                let challenges = headers.get_all(http::header::WWW_AUTHENTICATE);
                let Some(challenge) = challenges.iter().filter_map(|v| v.to_str().ok()).find(|v| is_digest(v)) else {
                    return Ok(None);
                };
                let answered = match sent {
                    Authorization::Digest { challenge, .. } => Some(challenge),
                    Authorization::None | Authorization::Value(_) => None,
                };
                let mut digest = self.lock_digest();
                // Concurrent calls' 401s arrive in any order, so the challenge this one carries
                // may be older than the one held: when another call has taken up a challenge
                // since this call answered (or this call answered none), that one is answered,
                // and its nonce counts keep increasing. Only a refusal of the challenge held
                // replaces it (a stale nonce, or a new one).
                let held_by_another_call =
                    digest.as_ref().is_some_and(|(held, _)| answered.is_none_or(|answered| answered != held));
                if !held_by_another_call && digest.as_ref().is_none_or(|(held, _)| &**held != challenge) {
                    let client =
                        http_auth::PasswordClient::try_from(challenge).map_err(TransportError::DigestChallenge)?;
                    *digest = Some((Arc::from(challenge), client));
                }
                // Answered under the same lock: no other call's challenge can come in between.
                let Some((held, client)) = digest.as_mut() else { return Ok(None) };
                Ok(Some(digest_answer(held, client, public_key, private_key, request)?))
            }
            Credentials::ServiceAccount { client_id, client_secret } => {
                let rejected = match sent {
                    Authorization::Value(value) => value.expose().strip_prefix("Bearer ").map(str::to_owned),
                    Authorization::None | Authorization::Digest { .. } => None,
                };
                let token = self.token(client_id, client_secret, rejected.as_deref()).await?;
                Ok(Some(Authorization::Value(Secret::new(format!("Bearer {}", token.expose())))))
            }
            Credentials::None | Credentials::Bearer(_) => Ok(None),
        }
    }

    /// Sends a validated request and returns the response with its body as it arrives, for
    /// downloads: credentials and retries as for [`Client::send`] (in the same `api_call`
    /// span), but no body limit; the caller reads the body.
    pub async fn send_stream(&self, request: &Request) -> Result<http::Response<ByteStream>, TransportError> {
        let span = api_call_span(request);
        let attempts = async {
            let started = Instant::now();
            let mut attempt: u32 = 1;
            loop {
                let sent = self.authorization(request).await?;
                let mut response = self.stream_once(request, sent.clone()).await?;
                if response.status() == http::StatusCode::UNAUTHORIZED {
                    if let Some(authorization) = self.reauthorization(request, response.headers(), &sent).await? {
                        response = self.stream_once(request, authorization).await?;
                    }
                }
                let status = response.status();
                let retry = self.retry_policy();
                match retry.delay(&request.method, status, response.headers(), attempt - 1, started.elapsed()) {
                    Some(delay) => {
                        tracing::info!(attempt, status = status.as_u16(), "retrying");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                    }
                    None => {
                        tracing::Span::current().record("status", status.as_u16()).record("attempts", attempt);
                        return Ok(response);
                    }
                }
            }
        };
        self.within_call_timeout(attempts).instrument(span).await
    }

    /// The largest body [`Client::send`] accepts.
    pub fn max_body_bytes(&self) -> usize {
        self.inner.max_body_bytes
    }

    fn lock_digest(&self) -> std::sync::MutexGuard<'_, Option<(Arc<str>, http_auth::PasswordClient)>> {
        // A panic while holding this lock cannot leave the challenge half-updated.
        self.inner.digest.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn authorization(&self, request: &Request) -> Result<Authorization, TransportError> {
        match &self.inner.credentials {
            Credentials::None => Ok(Authorization::None),
            Credentials::Bearer(token) => Ok(Authorization::Value(Secret::new(format!("Bearer {}", token.expose())))),
            Credentials::ServiceAccount { client_id, client_secret } => {
                let token = self.token(client_id, client_secret, None).await?;
                Ok(Authorization::Value(Secret::new(format!("Bearer {}", token.expose()))))
            }
            Credentials::Digest { public_key, private_key } => {
                let mut digest = self.lock_digest();
                let Some((held, client)) = digest.as_mut() else { return Ok(Authorization::None) };
                digest_answer(held, client, public_key, private_key, request)
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
        let url = self.inner.token_url.as_deref().unwrap_or_default();
        let basic = base64::engine::general_purpose::STANDARD.encode(format!("{client_id}:{}", client_secret.expose()));
        let mut exchange = http::Request::post(url)
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(USER_AGENT, self.inner.user_agent.clone())
            .body(Bytes::from_static(b"grant_type=client_credentials"))
            .map_err(|error| TransportError::InvalidRequest(format!("token endpoint `{url}`: {error}")))?;
        exchange.headers_mut().insert(AUTHORIZATION, sensitive(&format!("Basic {basic}"))?);
        let response = self.exchange(exchange).await?;
        let parsed = if response.status.is_success() {
            serde_json::from_slice::<TokenResponse>(&response.body).ok()
        } else {
            None
        };
        let Some(parsed) = parsed else {
            return Err(TransportError::TokenExchange { status: response.status, body: response.body });
        };
        let token = CachedToken::new(Secret::new(parsed.access_token), parsed.expires_in);
        let secret = token.token.clone();
        *cached = Some(token);
        Ok(secret)
    }

    async fn send_once(&self, request: &Request, authorization: Authorization) -> Result<RawResponse, TransportError> {
        let message = self.message(request, authorization)?;
        let Some(upload) = request.body.as_ref().and_then(|body| body.stream.as_ref()) else {
            return self.exchange(message).await;
        };
        let body = upload.take().ok_or_else(|| {
            TransportError::InvalidRequest(format!(
                "`{}`: the streamed request body was already sent; a stream is read once",
                request.path_template
            ))
        })?;
        let response = self.within_attempt_timeout(self.inner.transport.send_upload(message.map(|_| body))).await?;
        self.limited(response)
    }

    async fn stream_once(
        &self,
        request: &Request,
        authorization: Authorization,
    ) -> Result<http::Response<ByteStream>, TransportError> {
        if request.body.as_ref().is_some_and(Body::is_streamed) {
            return Err(TransportError::InvalidRequest(format!(
                "`{}`: a streamed request body cannot be sent for a streamed response",
                request.path_template
            )));
        }
        let message = self.message(request, authorization)?;
        let mut response = self.within_attempt_timeout(self.inner.transport.send_streaming(message)).await?;
        mark_secret_headers(response.headers_mut());
        Ok(response)
    }

    /// The HTTP request of one attempt: URI, `Accept`, user agent, parameters, credentials, body.
    fn message(&self, request: &Request, authorization: Authorization) -> Result<http::Request<Bytes>, TransportError> {
        let uri = format!("{}{}", self.inner.base_url, request.path_and_query());
        let body = request.body.as_ref().map(|b| Bytes::from(b.bytes.clone())).unwrap_or_default();
        let mut message = http::Request::builder()
            .method(request.method.clone())
            .uri(uri.as_str())
            .body(body)
            .map_err(|error| TransportError::InvalidRequest(format!("`{}`: {error}", request.path_template)))?;
        message.extensions_mut().insert(OperationInfo {
            operation_id: request.operation_id,
            path_template: request.path_template,
            secrets: request.secrets,
        });
        let headers = message.headers_mut();
        let media_type = |value: &str| {
            HeaderValue::try_from(value)
                .map_err(|_| TransportError::InvalidRequest(format!("media type `{value}` is not a header value")))
        };
        headers.insert(ACCEPT, media_type(request.accept.unwrap_or("application/json"))?);
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        for (name, value) in &request.headers {
            let invalid =
                |error: &dyn fmt::Display| TransportError::InvalidRequest(format!("header `{name}`: {error}"));
            let secret = request.secrets.iter().any(|secret| secret.eq_ignore_ascii_case(name));
            let name = HeaderName::try_from(*name).map_err(|e| invalid(&e))?;
            let mut value = HeaderValue::try_from(value.as_str()).map_err(|e| invalid(&e))?;
            value.set_sensitive(secret);
            headers.append(name, value);
        }
        if let Some(options) = &self.options {
            for (name, value) in &options.headers {
                if [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE].contains(name) {
                    return Err(TransportError::InvalidRequest(format!(
                        "`{name}` carries credentials, which are the client's: a call cannot set it"
                    )));
                }
                headers.append(name, value.clone());
            }
        }
        if let Authorization::Value(value) | Authorization::Digest { value, .. } = authorization {
            headers.insert(AUTHORIZATION, sensitive(value.expose())?);
        }
        if let Some(body) = &request.body {
            headers.insert(CONTENT_TYPE, media_type(&body.content_type)?);
        }
        Ok(message)
    }

    /// One exchange through the transport; the body limit holds whatever the transport.
    async fn exchange(&self, message: http::Request<Bytes>) -> Result<RawResponse, TransportError> {
        let response = self.within_attempt_timeout(self.inner.transport.send(message)).await?;
        self.limited(response)
    }

    /// A transport's response as received, secret headers marked, within the body limit.
    fn limited(&self, response: http::Response<Bytes>) -> Result<RawResponse, TransportError> {
        let (mut parts, body) = response.into_parts();
        mark_secret_headers(&mut parts.headers);
        let limit = self.inner.max_body_bytes;
        if body.len() > limit {
            let prefix = body.slice(..limit).to_vec();
            return Err(TransportError::body_too_large(parts.status, parts.headers, limit, prefix));
        }
        Ok(RawResponse { status: parts.status, headers: parts.headers, body: body.into() })
    }
}

/// A header value that `http` hides from `Debug`.
fn sensitive(value: &str) -> Result<HeaderValue, TransportError> {
    let mut value = HeaderValue::try_from(value)
        .map_err(|_| TransportError::InvalidRequest("the Authorization value is not a valid header".to_owned()))?;
    value.set_sensitive(true);
    Ok(value)
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The answer to the held Digest challenge for this request, with the next nonce count.
fn digest_answer(
    held: &Arc<str>,
    client: &mut http_auth::PasswordClient,
    public_key: &str,
    private_key: &Secret,
    request: &Request,
) -> Result<Authorization, TransportError> {
    let uri = request.path_and_query();
    let body = request.body.as_ref().map(|b| b.bytes.as_slice());
    let value = digest_authorization(client, public_key, private_key, request.method.as_str(), &uri, body)
        .map_err(TransportError::DigestChallenge)?;
    Ok(Authorization::Digest { value: Secret::new(value), challenge: Arc::clone(held) })
}

/// Whether a 401 carries a Digest challenge saying the answer was refused only for its old
/// nonce (RFC 7616 section 3.3, `stale=true`).
fn is_stale_digest_challenge(headers: &http::HeaderMap) -> bool {
    headers.get_all(http::header::WWW_AUTHENTICATE).iter().filter_map(|v| v.to_str().ok()).any(|challenge| {
        is_digest(challenge)
            && matches!(http_auth::PasswordClient::try_from(challenge), Ok(http_auth::PasswordClient::Digest(client)) if client.stale())
    })
}

fn is_digest(challenge: &str) -> bool {
    challenge.trim_start().get(..6).is_some_and(|scheme| scheme.eq_ignore_ascii_case("digest"))
}

/// The `api_call` span of one call, plain or streamed: what identifies the operation, and the
/// fields filled in as the attempts end. Parameter values and credentials are never recorded.
fn api_call_span(request: &Request) -> tracing::Span {
    tracing::info_span!(
        "api_call",
        operation = request.operation_id,
        method = %request.method,
        path = request.path_template,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}
