//! `RetryPolicy::delay`: which responses are retried, how long the client waits, and the
//! limits (count, longest wait, overall deadline).

use std::time::{Duration, SystemTime};

use http::{HeaderMap, HeaderValue, Method, StatusCode};
use specforge_runtime::RetryPolicy;

fn plain() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(100),
        max_delay: Duration::from_secs(10),
        jitter: false,
        deadline: None,
        retry_non_idempotent: false,
    }
}

fn retry_after(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(http::header::RETRY_AFTER, HeaderValue::from_str(value).unwrap());
    headers
}

const UNAVAILABLE: StatusCode = StatusCode::SERVICE_UNAVAILABLE;
const LIMITED: StatusCode = StatusCode::TOO_MANY_REQUESTS;

#[test]
fn backoff_doubles_and_stops_after_max_retries() {
    let none = HeaderMap::new();
    let delays: Vec<Option<Duration>> =
        (0..4).map(|done| plain().delay(&Method::GET, UNAVAILABLE, &none, done, Duration::ZERO)).collect();
    let ms = Duration::from_millis;
    assert_eq!(delays, [Some(ms(100)), Some(ms(200)), Some(ms(400)), None]);
}

#[test]
fn only_429_and_503_are_retried() {
    let none = HeaderMap::new();
    for status in [StatusCode::OK, StatusCode::NOT_FOUND, StatusCode::INTERNAL_SERVER_ERROR, StatusCode::BAD_GATEWAY] {
        assert_eq!(plain().delay(&Method::GET, status, &none, 0, Duration::ZERO), None, "{status}");
    }
    assert!(plain().delay(&Method::GET, LIMITED, &none, 0, Duration::ZERO).is_some());
}

#[test]
fn retry_after_in_seconds_or_as_a_date_wins_over_backoff() {
    let policy = plain();
    assert_eq!(policy.delay(&Method::GET, LIMITED, &retry_after("3"), 0, Duration::ZERO), Some(Duration::from_secs(3)));
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(5));
    let wait = policy.delay(&Method::GET, LIMITED, &retry_after(&date), 0, Duration::ZERO).unwrap();
    assert!(wait > Duration::from_secs(3) && wait <= Duration::from_secs(5), "{wait:?}");
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(60));
    assert_eq!(policy.delay(&Method::GET, LIMITED, &retry_after(&past), 0, Duration::ZERO), Some(Duration::ZERO));
    // Unparsable: back off as if absent.
    let garbage = policy.delay(&Method::GET, LIMITED, &retry_after("soon"), 0, Duration::ZERO);
    assert_eq!(garbage, Some(Duration::from_millis(100)));
}

#[test]
fn a_wait_longer_than_max_delay_ends_the_retries() {
    let policy = RetryPolicy { max_delay: Duration::from_secs(1), ..plain() };
    assert_eq!(policy.delay(&Method::GET, LIMITED, &retry_after("2"), 0, Duration::ZERO), None);
}

#[test]
fn the_deadline_counts_from_the_first_attempt() {
    let policy = RetryPolicy { deadline: Some(Duration::from_secs(5)), ..plain() };
    let headers = retry_after("2");
    assert_eq!(policy.delay(&Method::GET, LIMITED, &headers, 0, Duration::from_secs(3)), Some(Duration::from_secs(2)));
    assert_eq!(policy.delay(&Method::GET, LIMITED, &headers, 0, Duration::from_millis(3001)), None);
}

#[test]
fn post_and_patch_are_retried_on_503_only_when_opted_in() {
    let none = HeaderMap::new();
    for method in [Method::POST, Method::PATCH] {
        assert_eq!(plain().delay(&method, UNAVAILABLE, &none, 0, Duration::ZERO), None, "{method}");
        assert!(plain().delay(&method, LIMITED, &none, 0, Duration::ZERO).is_some(), "{method}: 429 was not processed");
        let opted_in = RetryPolicy { retry_non_idempotent: true, ..plain() };
        assert!(opted_in.delay(&method, UNAVAILABLE, &none, 0, Duration::ZERO).is_some(), "{method}");
    }
    for method in [Method::GET, Method::PUT, Method::DELETE, Method::HEAD] {
        assert!(plain().delay(&method, UNAVAILABLE, &none, 0, Duration::ZERO).is_some(), "{method}");
    }
}

#[test]
fn jitter_spreads_backoff_between_half_and_all_of_it_but_not_retry_after() {
    let policy = RetryPolicy { jitter: true, ..plain() };
    let none = HeaderMap::new();
    let waits: Vec<Duration> =
        (0..64).map(|_| policy.delay(&Method::GET, UNAVAILABLE, &none, 1, Duration::ZERO).unwrap()).collect();
    assert!(waits.iter().all(|w| *w >= Duration::from_millis(100) && *w <= Duration::from_millis(200)), "{waits:?}");
    let distinct: std::collections::BTreeSet<_> = waits.iter().collect();
    assert!(distinct.len() > 8, "random waits: {distinct:?}");
    let told = policy.delay(&Method::GET, UNAVAILABLE, &retry_after("1"), 1, Duration::ZERO);
    assert_eq!(told, Some(Duration::from_secs(1)), "the server's wait is kept as it is");
}

#[test]
fn none_never_retries_and_the_default_is_bounded() {
    let none = HeaderMap::new();
    assert_eq!(RetryPolicy::none().delay(&Method::GET, LIMITED, &none, 0, Duration::ZERO), None);
    let default = RetryPolicy::default();
    assert!(default.jitter && default.deadline.is_some() && !default.retry_non_idempotent);
}
