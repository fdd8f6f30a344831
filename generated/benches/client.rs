//! The generated client's speed, each against a reference measured in the same run:
//! `cargo bench -p mongodb-atlas-admin-api --bench client`.
//!
//! - decoding the documentation's 200 example: the generated model against the plain serde
//!   struct a careful engineer would write (target: within 10%);
//! - `build()` of `getBackupRestoreJob`: the generated validation and encoding against a
//!   hand-written `format!` of the same path and query after the `regex` crate's checks of the
//!   same patterns (target: no slower than that).
//!
//! criterion times each on its own (absolute times, as context). Absolute times move with
//! the machine's load, so the targets are judged on ratios: the two sides are timed
//! alternately, batch after batch, and the median of the pairwise ratios is reported with
//! the 10th–90th percentile spread. Load that drifts during the run falls on both sides of
//! a pair alike.
//!
//! criterion (rather than divan) because it is the common harness for stable Rust and its
//! statistics (bootstrap intervals, outliers, `--save-baseline` comparisons) come for free;
//! its default features are off to keep plotting and rayon out of the build.

use std::hint::black_box;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use criterion::Criterion;
use mongodb_atlas_admin_api::models::DiskBackupSnapshotRestoreJob;
use mongodb_atlas_admin_api::operations::GetBackupRestoreJob;
use serde::Deserialize;

const GROUP_ID: &str = "32b6e34b3d91647abb20e7b8";
const CLUSTER_NAME: &str = "Cluster0";
const RESTORE_JOB_ID: &str = "5f4fa6ad0f2ba32b1fcb3ec1";

/// The plain struct a careful engineer would write by hand: closed `String` for the enum,
/// no lenient enum handling.
#[expect(dead_code, reason = "the fields exist to be decoded, not read")]
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

#[expect(dead_code, reason = "the fields exist to be decoded, not read")]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainMember {
    download_url: Option<String>,
    private_download_delivery_urls: Option<Vec<PlainPrivateUrl>>,
    replica_set_name: Option<String>,
}

#[expect(dead_code, reason = "the fields exist to be decoded, not read")]
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlainPrivateUrl {
    delivery_url: Option<String>,
    endpoint_id: Option<String>,
}

#[expect(dead_code, reason = "the fields exist to be decoded, not read")]
#[derive(Deserialize)]
struct PlainTimestamp {
    date: Option<chrono::DateTime<chrono::Utc>>,
    increment: Option<i32>,
}

#[expect(dead_code, reason = "the fields exist to be decoded, not read")]
#[derive(Deserialize)]
struct PlainLink {
    href: Option<String>,
    rel: Option<String>,
}

/// The body of the recorded 200 response (the documentation's example).
fn recorded_body() -> Vec<u8> {
    let recorded = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/recorded/get_restore_job_200.http"))
        .expect("the recording exists");
    let split = recorded.windows(2).position(|w| w == b"\n\n").expect("the headers end") + 2;
    recorded[split..].to_vec()
}

fn generated_build(builder: &GetBackupRestoreJob) {
    black_box(black_box(builder).build().expect("valid"));
}

/// The same patterns as the spec's, checked with the `regex` crate, compiled once.
static OBJECT_ID: LazyLock<regex::Regex> = LazyLock::new(|| regex::Regex::new("^([a-f0-9]{24})$").expect("valid"));
static CLUSTER: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new("^[a-zA-Z0-9][a-zA-Z0-9-]*$").expect("valid"));

/// What a hand-written client does: check the three patterns, then `format!` the path and
/// query (the values are checked to need no percent-encoding).
fn reference_build(group_id: &str, cluster_name: &str, restore_job_id: &str, envelope: bool, pretty: bool) {
    let valid = OBJECT_ID.is_match(black_box(group_id))
        && CLUSTER.is_match(black_box(cluster_name))
        && OBJECT_ID.is_match(black_box(restore_job_id));
    assert!(valid);
    black_box(format!(
        "/api/atlas/v2/groups/{group_id}/clusters/{cluster_name}/backup/restoreJobs/{restore_job_id}\
         ?envelope={envelope}&pretty={pretty}"
    ));
}

fn decode_generated(body: &[u8]) {
    black_box(serde_json::from_slice::<DiskBackupSnapshotRestoreJob>(black_box(body)).expect("decodes"));
}

fn decode_plain(body: &[u8]) {
    black_box(serde_json::from_slice::<PlainJob>(black_box(body)).expect("decodes"));
}

/// Pairwise ratios of two timed functions: their median and 10th–90th percentiles.
struct PairedRatio {
    median: f64,
    low: f64,
    high: f64,
    pairs: usize,
}

/// Times `subject` and `reference` alternately, `pairs` times, in batches long enough
/// (about a millisecond) for the clock's resolution not to matter; who goes first alternates.
fn paired_ratio(pairs: usize, mut subject: impl FnMut(), mut reference: impl FnMut()) -> PairedRatio {
    let mut batch = 1u32;
    while time_batch(batch, &mut reference) < Duration::from_millis(1) {
        batch *= 2;
    }
    time_batch(batch, &mut subject); // warm-up: caches and branch predictors for both sides
    let mut ratios: Vec<f64> = (0..pairs)
        .map(|pair| {
            let (subject_time, reference_time) = if pair % 2 == 0 {
                let s = time_batch(batch, &mut subject);
                (s, time_batch(batch, &mut reference))
            } else {
                let r = time_batch(batch, &mut reference);
                (time_batch(batch, &mut subject), r)
            };
            subject_time.as_secs_f64() / reference_time.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let at = |fraction: f64| ratios[((ratios.len() - 1) as f64 * fraction).round() as usize];
    PairedRatio { median: at(0.5), low: at(0.1), high: at(0.9), pairs }
}

fn time_batch(batch: u32, f: &mut impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..batch {
        f();
    }
    start.elapsed()
}

fn report(what: &str, ratio: &PairedRatio, target: f64) {
    let verdict = if ratio.median <= target { "met" } else { "MISSED" };
    println!(
        "{what}: median ratio {:.3} (p10–p90 {:.3}–{:.3}, {} pairs); target ≤ {target:.2}: {verdict}",
        ratio.median, ratio.low, ratio.high, ratio.pairs
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let builder = GetBackupRestoreJob::new(GROUP_ID, CLUSTER_NAME, RESTORE_JOB_ID).envelope(false).pretty(true);
    let body = recorded_body();

    let mut group = criterion.benchmark_group("build and validate getBackupRestoreJob");
    group.bench_function("generated build()", |b| b.iter(|| generated_build(&builder)));
    group.bench_function("format! + regex (reference)", |b| {
        b.iter(|| reference_build(GROUP_ID, CLUSTER_NAME, RESTORE_JOB_ID, false, true))
    });
    group.finish();

    let mut group = criterion.benchmark_group("decode the 200 example");
    group.bench_function("generated model", |b| b.iter(|| decode_generated(&body)));
    group.bench_function("plain serde struct (reference)", |b| b.iter(|| decode_plain(&body)));
    group.finish();
    criterion.final_summary();

    // `cargo test --benches` and `cargo bench -- --test` run every benchmark once, as a check.
    let pairs = if std::env::args().any(|arg| arg == "--test") { 3 } else { 301 };
    println!("\nRatios, each side timed alternately in the same run:");
    let build = paired_ratio(
        pairs,
        || generated_build(&builder),
        || reference_build(GROUP_ID, CLUSTER_NAME, RESTORE_JOB_ID, false, true),
    );
    report("build and validate, generated / (format! + regex)", &build, 1.0);
    let decode = paired_ratio(pairs, || decode_generated(&body), || decode_plain(&body));
    report("decode the 200 example, generated / plain serde", &decode, 1.10);
}
