//! Credentials and how they authorize a request: HTTP Digest with an API key pair (RFC 7616,
//! answered with the `http-auth` crate), an OAuth2 client-credentials token exchanged for a
//! service account and cached, or a static bearer token. Secrets never reach `Debug` or
//! `Display`.

use std::fmt;
use std::time::{Duration, Instant};

use super::request::REDACTED;

/// A secret string (private key, client secret, token): shown as `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How the client proves who it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// No `Authorization` header.
    None,
    /// An API key pair, answered with HTTP Digest: the public key is the user name.
    Digest { public_key: String, private_key: Secret },
    /// A service account: the id and secret are exchanged for a bearer token, cached until
    /// shortly before it expires.
    ServiceAccount { client_id: String, client_secret: Secret },
    /// A bearer token obtained elsewhere.
    Bearer(Secret),
}

impl Credentials {
    pub fn digest(public_key: impl Into<String>, private_key: impl Into<Secret>) -> Self {
        Credentials::Digest { public_key: public_key.into(), private_key: private_key.into() }
    }

    pub fn service_account(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Credentials::ServiceAccount { client_id: client_id.into(), client_secret: client_secret.into() }
    }

    pub fn bearer(token: impl Into<Secret>) -> Self {
        Credentials::Bearer(token.into())
    }
}

/// Longest token lifetime believed, in seconds.
const MAX_TOKEN_LIFETIME_SECS: u64 = 365 * 24 * 3600;

/// A bearer token from the token endpoint and when to stop using it.
#[derive(Clone)]
pub(crate) struct CachedToken {
    pub(crate) token: Secret,
    /// Refresh at this instant: a margin before the server's expiry.
    pub(crate) refresh_at: Instant,
}

impl CachedToken {
    /// A token valid for `expires_in` seconds, refreshed a tenth of its life (at most a
    /// minute) early so that a request never carries a token that expires in flight.
    pub(crate) fn new(token: Secret, expires_in: u64) -> Self {
        // A server's lifetime is capped at a year, so no answer can overflow the clock.
        let lifetime = Duration::from_secs(expires_in.min(MAX_TOKEN_LIFETIME_SECS));
        let margin = (lifetime / 10).min(Duration::from_secs(60));
        let now = Instant::now();
        CachedToken { token, refresh_at: now.checked_add(lifetime - margin).unwrap_or(now) }
    }

    pub(crate) fn is_fresh(&self) -> bool {
        Instant::now() < self.refresh_at
    }
}

/// The token endpoint's answer (RFC 6749 section 5.1).
#[derive(serde::Deserialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: String,
    #[serde(default = "default_expires_in")]
    pub(crate) expires_in: u64,
}

fn default_expires_in() -> u64 {
    3600
}

/// The `Authorization` value answering a Digest challenge, reusing the challenge's nonce
/// with an increasing nonce count.
pub(crate) fn digest_authorization(
    challenge: &mut http_auth::PasswordClient,
    username: &str,
    password: &Secret,
    method: &str,
    uri: &str,
    body: Option<&[u8]>,
) -> Result<String, String> {
    challenge.respond(&http_auth::PasswordParams { username, password: password.expose(), uri, method, body })
}
