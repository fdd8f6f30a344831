//! When to retry a request the server asked to retry later (429 and 503): how many times,
//! how long to wait (the server's `Retry-After`, else exponential backoff with jitter), and
//! within which overall deadline.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

/// The retry policy of a client. Every field is public; start from
/// [`RetryPolicy::default`] or [`RetryPolicy::none`] and change what you need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 disables retrying.
    pub max_retries: u32,
    /// Wait used when the response has no usable `Retry-After`, doubled on each retry.
    pub base_delay: Duration,
    /// The longest single wait the client accepts; a longer `Retry-After` ends the retries.
    pub max_delay: Duration,
    /// Whether a backoff wait (not a server's `Retry-After`) is shortened by a random part of
    /// up to half, so that clients rejected together do not come back together.
    pub jitter: bool,
    /// The longest time from the first attempt to the start of the last: a retry whose wait
    /// would end later is not made, and the last response is returned instead.
    pub deadline: Option<Duration>,
    /// Whether a request that is not idempotent (POST, PATCH) is retried after a 503. A 503
    /// may come after the server acted, so such requests are retried only on 429 unless the
    /// caller opts in.
    pub retry_non_idempotent: bool,
}

impl RetryPolicy {
    /// No retries: 429 and 503 come back to the caller at once.
    pub fn none() -> Self {
        RetryPolicy { max_retries: 0, ..RetryPolicy::default() }
    }

    /// Whether a response with this status to a request with this method may be retried.
    pub fn is_retryable(&self, method: &Method, status: StatusCode) -> bool {
        match status {
            StatusCode::TOO_MANY_REQUESTS => true,
            // QUERY is safe and idempotent (RFC 10008). `http` says so itself from 1.5 on;
            // generated crates ask for `http = "1"`, so an older one may be in use.
            StatusCode::SERVICE_UNAVAILABLE => {
                self.retry_non_idempotent || method.is_idempotent() || method.as_str() == "QUERY"
            }
            _ => false,
        }
    }

    /// The wait before retry number `retries_done + 1`, or `None` when the response is final:
    /// not retryable, retries used up, a wait over [`RetryPolicy::max_delay`], or one that
    /// would end past the deadline (`elapsed` is the time since the first attempt began).
    pub fn delay(
        &self,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
        retries_done: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        if retries_done >= self.max_retries || !self.is_retryable(method, status) {
            return None;
        }
        let delay = match super::response::retry_after(headers) {
            Some(delay) => delay,
            None => {
                let backoff = self.base_delay.saturating_mul(2u32.saturating_pow(retries_done));
                if self.jitter {
                    backoff.mul_f64(1.0 - random_fraction() / 2.0)
                } else {
                    backoff
                }
            }
        };
        let within_deadline = self.deadline.is_none_or(|deadline| elapsed.saturating_add(delay) <= deadline);
        (delay <= self.max_delay && within_deadline).then_some(delay)
    }
}

impl Default for RetryPolicy {
    /// Two retries, backoff from 500 ms with jitter, waits up to 30 s, within 2 minutes, and
    /// POST/PATCH retried only on 429.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            jitter: true,
            deadline: Some(Duration::from_secs(120)),
            retry_non_idempotent: false,
        }
    }
}

/// A number in `[0, 1)`. The standard library's randomly keyed hasher is random enough to
/// spread retries, and spares the generated crate a dependency on a random number crate.
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().build_hasher().finish();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}
