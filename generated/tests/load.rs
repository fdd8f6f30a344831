//! The client under load and faults together, over real sockets on 127.0.0.1: a thousand
//! concurrent calls through one service-account client and a thousand through one Digest
//! client (credentials are a client's, so the two schemes need two), while the server
//! revokes the token mid-flight, replaces the Digest nonce (`stale=true`), resets
//! connections in the middle of a body, answers past the attempt timeout and sends 429s with
//! `Retry-After`. Every call must end with the result its fault calls for, within a global
//! limit, and the process's peak memory must stay bounded.

mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use http::header::{HeaderName, HeaderValue};
use mongodb_atlas_admin_api::models::DiskBackupSnapshotRestoreJob;
use mongodb_atlas_admin_api::operations::GetBackupRestoreJobError;
use mongodb_atlas_admin_api::runtime::{CallOptions, Client, Credentials, RetryPolicy, TransportError};
use support::loopback::{
    Auth, LoopbackServer, CALL_HEADER, CLIENT_ID, CLIENT_SECRET, FAULT_HEADER, PRIVATE_KEY, PUBLIC_KEY,
};
use support::recorded;
use support::server::{CLUSTER, GROUP, JOB};

const CALLS: usize = 1000;
/// The attempt timeout of the calls the server answers late.
const SLOW_ATTEMPT_TIMEOUT: Duration = Duration::from_millis(300);
/// The attempt timeout of the other calls: generous, since a thousand calls share two cores.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
/// The whole test's limit: a hung call fails the test instead of hanging `cargo test`.
const GLOBAL_LIMIT: Duration = Duration::from_secs(40);
/// Peak resident memory allowed for the whole test process, in KiB; measured 71–89 MiB in five
/// debug runs (printed by the test, see docs/benchmarks.md). Two thousand calls in flight hold a task, a
/// request, a ~1 KiB body and a pooled connection's buffers (8 KiB read, 8 KiB write) on
/// each side of the loopback, about 50 KiB a call: ~100 MiB at worst, over a ~20 MiB
/// baseline (runtime, test harness, recorded bodies). A leak of one response per call per
/// retry would not stay under it for long; a retained body per call would show.
const PEAK_RSS_LIMIT_KIB: u64 = 160 * 1024;

/// The fault a call asks the server to play, chosen by its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    /// Half the body, then a TCP reset.
    Reset,
    /// The answer comes after the call's attempt timeout.
    Slow,
    /// One 429 with `Retry-After: 1`, then the job.
    ThrottledOnce,
    /// A 429 on every attempt: the last one is the call's answer.
    Throttled,
}

impl Fault {
    fn of(call: usize) -> Fault {
        match call % 10 {
            0 => Fault::Reset,
            1 => Fault::Slow,
            2 => Fault::ThrottledOnce,
            3 => Fault::Throttled,
            _ => Fault::None,
        }
    }

    fn header(self) -> &'static str {
        match self {
            Fault::None => "none",
            Fault::Reset => "reset",
            Fault::Slow => "slow",
            Fault::ThrottledOnce => "throttled-once",
            Fault::Throttled => "throttled",
        }
    }
}

fn client(server: &LoopbackServer, credentials: Credentials) -> Client {
    // One retry: a `Retry-After: 1` burst costs a second, not the default policy's two.
    let retry = RetryPolicy { max_retries: 1, ..RetryPolicy::default() };
    Client::builder().base_url(server.uri()).credentials(credentials).retry_policy(retry).build().unwrap()
}

/// Whether a call's outcome is the one its fault calls for; the mismatch otherwise.
fn check(fault: Fault, outcome: &Result<u16, GetBackupRestoreJobError>) -> Result<(), String> {
    let expected = match (fault, outcome) {
        (Fault::None | Fault::ThrottledOnce, Ok(200)) => true,
        (Fault::Reset, Err(GetBackupRestoreJobError::Transport(TransportError::Http(_)))) => true,
        (Fault::Slow, Err(GetBackupRestoreJobError::Transport(TransportError::AttemptTimeout(limit)))) => {
            *limit == SLOW_ATTEMPT_TIMEOUT
        }
        (Fault::Throttled, Err(GetBackupRestoreJobError::TooManyRequests(response))) => {
            response.status == 429 && response.headers.contains_key("retry-after")
        }
        _ => false,
    };
    if expected {
        Ok(())
    } else {
        Err(format!("{fault:?}: {outcome:?}"))
    }
}

/// The restore job's id in the recorded 200 the server serves.
fn recorded_job_id() -> Option<String> {
    serde_json::from_slice::<DiskBackupSnapshotRestoreJob>(&recorded("get_restore_job_200.http").body).unwrap().id
}

/// Runs `CALLS` concurrent calls through one client; returns the mismatches.
async fn load(client: Client) -> Vec<String> {
    let job_id = std::sync::Arc::new(recorded_job_id());
    let mut calls = tokio::task::JoinSet::new();
    for call in 0..CALLS {
        let client = client.clone();
        let job_id = std::sync::Arc::clone(&job_id);
        calls.spawn(async move {
            let fault = Fault::of(call);
            let attempt_timeout = if fault == Fault::Slow { SLOW_ATTEMPT_TIMEOUT } else { ATTEMPT_TIMEOUT };
            let options = CallOptions::new()
                .attempt_timeout(attempt_timeout)
                .header(HeaderName::from_static(FAULT_HEADER), HeaderValue::from_static(fault.header()))
                .header(HeaderName::from_static(CALL_HEADER), HeaderValue::from(call));
            let outcome = client.get_backup_restore_job(GROUP, CLUSTER, JOB).with_options(options).send().await;
            let outcome = outcome.map(|response| {
                assert_eq!(response.body.id, *job_id);
                response.status.as_u16()
            });
            check(fault, &outcome)
        });
    }
    let mut mismatches = Vec::new();
    while let Some(result) = calls.join_next().await {
        if let Err(mismatch) = result.expect("a call panicked") {
            mismatches.push(mismatch);
        }
    }
    mismatches
}

/// The process's peak resident set (`VmHWM`), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|line| line.starts_with("VmHWM:")).expect("a VmHWM line");
    line.split_whitespace().nth(1).and_then(|kib| kib.parse().ok()).expect("VmHWM in kB")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_per_client_end_with_the_right_result_under_faults() {
    let started = Instant::now();
    let bearer_server = LoopbackServer::start(Auth::Bearer { revoke_after: 300 }).await;
    let digest_server = LoopbackServer::start(Auth::Digest { rotate_every: 250, rotations: 2 }).await;
    let bearer = client(&bearer_server, Credentials::service_account(CLIENT_ID, CLIENT_SECRET));
    let digest = client(&digest_server, Credentials::digest(PUBLIC_KEY, PRIVATE_KEY));

    let both = async { tokio::join!(load(bearer), load(digest)) };
    let (bearer_mismatches, digest_mismatches) =
        tokio::time::timeout(GLOBAL_LIMIT, both).await.expect("calls still running after the global limit");
    let elapsed = started.elapsed();

    for (name, mismatches) in [("service account", &bearer_mismatches), ("Digest", &digest_mismatches)] {
        assert!(
            mismatches.is_empty(),
            "{name}: {} of {CALLS} calls ended wrongly, e.g. {:?}",
            mismatches.len(),
            &mismatches[..mismatches.len().min(5)]
        );
    }

    let bearer_counts = bearer_server.counts();
    assert_eq!(bearer_counts.revocations.load(Ordering::SeqCst), 1);
    // One exchange for the first token and exactly one for its expiry, whatever the
    // number of calls that met the expired token at once.
    assert_eq!(bearer_counts.token_requests.load(Ordering::SeqCst), 2);
    assert!(bearer_counts.unauthorized.load(Ordering::SeqCst) > 0, "no call met the expired token");

    let digest_counts = digest_server.counts();
    assert_eq!(digest_counts.nonce_rotations.load(Ordering::SeqCst), 2);
    assert!(digest_counts.stale.load(Ordering::SeqCst) > 0, "no call met a stale nonce");

    for counts in [bearer_counts, digest_counts] {
        // A hundred resets, a hundred single 429s, and two for each of the hundred calls
        // throttled on both attempts.
        assert_eq!(counts.resets.load(Ordering::SeqCst), CALLS / 10);
        assert_eq!(counts.throttled.load(Ordering::SeqCst), CALLS / 10 * 3);
    }

    let peak = peak_rss_kib();
    eprintln!(
        "load: 2 x {CALLS} calls in {elapsed:?}; peak RSS {} MiB; service account: {} connections, {} token \
         requests, {} 401s; Digest: {} connections, {} stale answers, {} 401s",
        peak / 1024,
        bearer_counts.connections.load(Ordering::SeqCst),
        bearer_counts.token_requests.load(Ordering::SeqCst),
        bearer_counts.unauthorized.load(Ordering::SeqCst),
        digest_counts.connections.load(Ordering::SeqCst),
        digest_counts.stale.load(Ordering::SeqCst),
        digest_counts.unauthorized.load(Ordering::SeqCst),
    );
    assert!(peak < PEAK_RSS_LIMIT_KIB, "peak RSS {peak} KiB over the bound of {PEAK_RSS_LIMIT_KIB} KiB");
}
