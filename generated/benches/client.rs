//! Request build-and-validate time, and decoding the documentation's 200 example with the
//! generated model against a plain serde struct of the same shape:
//! `cargo bench -p mongodb-atlas-admin-api --bench client`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use mongodb_atlas_admin_api::models::DiskBackupSnapshotRestoreJob;
use mongodb_atlas_admin_api::operations::GetBackupRestoreJob;
use serde::Deserialize;

/// The plain struct a careful engineer would write by hand: closed `String` for the enum,
/// `String` timestamps, no lenient enum handling.
#[allow(dead_code)] // fields exist to be decoded, not read
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainJob {
    cancelled: Option<bool>,
    components: Option<Vec<PlainMember>>,
    delivery_type: String,
    delivery_url: Option<Vec<String>>,
    desired_timestamp: Option<PlainTimestamp>,
    expired: Option<bool>,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
    failed: Option<bool>,
    finished_at: Option<chrono::DateTime<chrono::Utc>>,
    id: Option<String>,
    links: Option<Vec<PlainLink>>,
    oplog_inc: Option<i32>,
    oplog_ts: Option<i32>,
    #[serde(rename = "pointInTimeUTCSeconds")]
    point_in_time_utc_seconds: Option<i32>,
    private_download_delivery_urls: Option<Vec<PlainPrivateUrl>>,
    snapshot_id: Option<String>,
    target_cluster_name: Option<String>,
    target_group_id: Option<String>,
    timestamp: Option<chrono::DateTime<chrono::Utc>>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainMember {
    download_url: Option<String>,
    private_download_delivery_urls: Option<Vec<PlainPrivateUrl>>,
    replica_set_name: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainPrivateUrl {
    delivery_url: Option<String>,
    endpoint_id: Option<String>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainTimestamp {
    date: Option<chrono::DateTime<chrono::Utc>>,
    increment: Option<i32>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
struct PlainLink {
    href: Option<String>,
    rel: Option<String>,
}

/// Median time per iteration over several rounds.
fn per_iteration(iterations: u32, mut f: impl FnMut()) -> Duration {
    let mut rounds: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iterations {
                f();
            }
            start.elapsed() / iterations
        })
        .collect();
    rounds.sort();
    rounds[rounds.len() / 2]
}

fn main() {
    let builder = GetBackupRestoreJob::new("32b6e34b3d91647abb20e7b8", "Cluster0", "5f4fa6ad0f2ba32b1fcb3ec1")
        .envelope(false)
        .pretty(true);
    let build = per_iteration(200_000, || {
        black_box(black_box(&builder).build().expect("valid"));
    });
    println!("build and validate getBackupRestoreJob: {build:?} per request");

    let recorded = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/recorded/get_restore_job_200.http"))
        .expect("recording exists");
    let split = recorded.windows(2).position(|w| w == b"\n\n").expect("headers end") + 2;
    let body = &recorded[split..];
    let generated = per_iteration(50_000, || {
        black_box(serde_json::from_slice::<DiskBackupSnapshotRestoreJob>(black_box(body)).expect("decodes"));
    });
    let plain = per_iteration(50_000, || {
        black_box(serde_json::from_slice::<PlainJob>(black_box(body)).expect("decodes"));
    });
    let ratio = generated.as_secs_f64() / plain.as_secs_f64();
    println!("decode the 200 example: generated {generated:?}, plain serde {plain:?} ({:+.1}%)", (ratio - 1.0) * 100.0);
}
