//! Calls per second of the generated client over loopback, beside a plain `reqwest` loop
//! making the same requests: `cargo bench -p mongodb-atlas-admin-api --bench loopback`.
//!
//! Both sides call the same hand-written loopback server (the load test's, without
//! credentials or faults) one call after another on one connection, and decode the restore
//! job into the crate's model. The plain side is what a user would write without the client:
//! `reqwest` with the same `Accept` and `User-Agent`, status check, `bytes()`, `serde_json`.
//! Rounds of each side alternate (who goes first alternates too), so load that drifts
//! during the run falls on both alike; the median of the per-pair ratios is reported with
//! its spread. Absolute rates move with the machine's load and are context only.

#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use mongodb_atlas_admin_api::models::DiskBackupSnapshotRestoreJob;
use mongodb_atlas_admin_api::operations::GetBackupRestoreJob;
use mongodb_atlas_admin_api::runtime::{Client, RetryPolicy};
use support::loopback::{Auth, LoopbackServer};
use support::server::{job_path, CLUSTER, GROUP, JOB};

/// Calls per round on each side.
const CALLS_PER_ROUND: u32 = 500;
/// Pairs of rounds; the median ratio is over these.
const ROUNDS: usize = 21;

async fn generated_round(client: &Client) -> Duration {
    let started = Instant::now();
    for _ in 0..CALLS_PER_ROUND {
        let response = client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.expect("a job");
        assert!(response.body.id.is_some());
    }
    started.elapsed()
}

async fn plain_round(http: &reqwest::Client, url: &str) -> Duration {
    let started = Instant::now();
    for _ in 0..CALLS_PER_ROUND {
        let response = http
            .get(url)
            .header(reqwest::header::ACCEPT, GetBackupRestoreJob::ACCEPT)
            .header(reqwest::header::USER_AGENT, "plain-reqwest")
            .send()
            .await
            .expect("a response");
        assert!(response.status().is_success());
        let body = response.bytes().await.expect("a body");
        let job: DiskBackupSnapshotRestoreJob = serde_json::from_slice(&body).expect("a job");
        assert!(job.id.is_some());
    }
    started.elapsed()
}

fn calls_per_second(elapsed: Duration) -> f64 {
    f64::from(CALLS_PER_ROUND) / elapsed.as_secs_f64()
}

fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    // Nearest rank; the index is within the slice for a fraction in [0, 1].
    sorted[((sorted.len() - 1) as f64 * fraction).round() as usize]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let server = LoopbackServer::start(Auth::None).await;
        let client =
            Client::builder().base_url(server.uri()).retry_policy(RetryPolicy::none()).build().expect("a client");
        let http = reqwest::Client::new();
        let url = format!("{}{}", server.uri(), job_path());
        // Warm-up: connections open, allocator and caches settled.
        generated_round(&client).await;
        plain_round(&http, &url).await;

        let (mut ratios, mut generated_rates, mut plain_rates) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let (generated, plain) = if round % 2 == 0 {
                let generated = generated_round(&client).await;
                (generated, plain_round(&http, &url).await)
            } else {
                let plain = plain_round(&http, &url).await;
                (generated_round(&client).await, plain)
            };
            generated_rates.push(calls_per_second(generated));
            plain_rates.push(calls_per_second(plain));
            ratios.push(calls_per_second(generated) / calls_per_second(plain));
        }
        for values in [&mut ratios, &mut generated_rates, &mut plain_rates] {
            values.sort_by(f64::total_cmp);
        }
        println!(
            "loopback, {ROUNDS} alternating rounds of {CALLS_PER_ROUND} sequential calls each:\n  \
             generated client: median {:.0} calls/s\n  plain reqwest:    median {:.0} calls/s\n  \
             ratio generated/plain: median {:.3} (10th-90th percentile {:.3}-{:.3})",
            percentile(&generated_rates, 0.5),
            percentile(&plain_rates, 0.5),
            percentile(&ratios, 0.5),
            percentile(&ratios, 0.1),
            percentile(&ratios, 0.9),
        );
    });
}
