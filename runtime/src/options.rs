//! What one call may change of its client's settings: a limit on the whole call, a limit on
//! each attempt, its own retry policy and extra headers (idempotency keys, tracing ids).
//! Credentials, the base URL and the body limit stay the client's.

use std::time::Duration;

use http::header::{HeaderName, HeaderValue};

use super::retry::RetryPolicy;

/// Settings of one call, given to [`Call::with_options`](super::Call::with_options) or, for a
/// builder's own `send`, to [`Client::with_options`](super::Client::with_options). Every
/// setting left unset is the client's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
}

impl CallOptions {
    /// No change to the client's settings.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// The longest the whole call may take, retries and their waits included; a call that
    /// takes longer fails with [`TransportError::CallTimeout`](super::TransportError::CallTimeout).
    /// For `send_stream` it limits the wait for the response head, not the reading of the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The longest one exchange with the transport may take (each retry, and the second
    /// request of a Digest challenge, has its own); one that takes longer fails with
    /// [`TransportError::AttemptTimeout`](super::TransportError::AttemptTimeout) and is not
    /// retried, since the server may have acted on it.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = Some(timeout);
        self
    }

    /// The retry policy of this call instead of the client's.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// A header to send with every attempt of this call, after the operation's own. The
    /// credential headers (`Authorization`, `Proxy-Authorization`, `Cookie`) are the
    /// client's: setting one makes the call fail before anything is sent.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}
