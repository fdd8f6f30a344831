//! The `get_restore_job` example as a user runs it: the binary is built with cargo, then run
//! against a loopback mock server with credentials in its environment.

use crate::support;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};

use support::server::{
    job_path, recorded_template, shared, BearerApi, DigestVerifier, TokenEndpoint, CLUSTER, GROUP, JOB, TOKEN_PATH,
};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer};

const CLIENT_ID: &str = "mdb_sa_id_example";
const CLIENT_SECRET: &str = "mdb_sa_sk_example_secret";
const TOKEN: &str = "eyJ-example-token";
const PUBLIC_KEY: &str = "examplepub";
const PRIVATE_KEY: &str = "example-private-key";

const CREDENTIAL_VARS: [&str; 4] = [
    "MONGODB_ATLAS_CLIENT_ID",
    "MONGODB_ATLAS_CLIENT_SECRET",
    "MONGODB_ATLAS_PUBLIC_API_KEY",
    "MONGODB_ATLAS_PRIVATE_API_KEY",
];

/// Builds the example once per test process and returns the binary's path.
fn example_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
            let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
            let mut command = Command::new(cargo);
            command
                // The whole workspace's features, as `cargo test --workspace` resolved them
                // when it built this example: the build is then fresh instead of a second build
                // of the dependencies with this package's features alone.
                .args(["build", "--quiet", "--workspace", "--example", "get_restore_job"])
                .current_dir(&manifest_dir);
            // Cargo gives a test the variables of its own package; a build script that
            // watches one of them (ring watches CARGO_MANIFEST_DIR) would see a change and
            // make this build and the next `cargo test` rebuild everything in turn.
            for (name, _) in std::env::vars_os() {
                let name = name.to_string_lossy();
                if name.starts_with("CARGO_PKG_")
                    || matches!(
                        name.as_ref(),
                        "CARGO_MANIFEST_DIR"
                            | "CARGO_MANIFEST_PATH"
                            | "CARGO_CRATE_NAME"
                            | "CARGO_BIN_NAME"
                            | "CARGO_PRIMARY_PACKAGE"
                            | "CARGO_TARGET_TMPDIR"
                            | "CARGO_RUSTC_CURRENT_DIR"
                    )
                {
                    command.env_remove(name.as_ref());
                }
            }
            let output = command.output().expect("cargo runs");
            assert!(
                output.status.success(),
                "cargo build --example get_restore_job failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let target_dir = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                // The build above ran in the manifest dir, which is where a relative one starts.
                .map(|dir| manifest_dir.join(dir))
                .unwrap_or_else(|| manifest_dir.join("..").join("target"));
            let binary = target_dir
                .join("debug")
                .join("examples")
                .join(format!("get_restore_job{}", std::env::consts::EXE_SUFFIX));
            assert!(binary.is_file(), "no example binary at {}", binary.display());
            binary
        })
        .clone()
}

enum Auth {
    ServiceAccount,
    ApiKeys,
}

/// Runs the example against the server with one kind of credentials; the other kind's
/// variables are removed.
async fn run(server: &MockServer, auth: Auth, args: &[&str]) -> Output {
    let mut command = Command::new(tokio::task::spawn_blocking(example_binary).await.unwrap());
    command.args(args).env("MONGODB_ATLAS_BASE_URL", server.uri());
    for var in CREDENTIAL_VARS {
        command.env_remove(var);
    }
    match auth {
        Auth::ServiceAccount => {
            command.env("MONGODB_ATLAS_CLIENT_ID", CLIENT_ID).env("MONGODB_ATLAS_CLIENT_SECRET", CLIENT_SECRET);
        }
        Auth::ApiKeys => {
            command.env("MONGODB_ATLAS_PUBLIC_API_KEY", PUBLIC_KEY).env("MONGODB_ATLAS_PRIVATE_API_KEY", PRIVATE_KEY);
        }
    }
    tokio::task::spawn_blocking(move || command.output().expect("the example runs")).await.unwrap()
}

fn describe(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A server with a token endpoint and an API that wants its token and answers `file`.
async fn service_account_server(file: &str) -> MockServer {
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN], 3600));
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(shared(&tokens)).mount(&server).await;
    let api = Arc::new(BearerApi::new(&[TOKEN], recorded_template(file)));
    Mock::given(method("GET")).and(path(job_path())).respond_with(shared(&api)).mount(&server).await;
    server
}

#[tokio::test]
async fn prints_the_job_with_a_service_account() {
    let server = service_account_server("get_restore_job_200.http").await;
    let output = run(&server, Auth::ServiceAccount, &[GROUP, CLUSTER, JOB]).await;
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let job: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(job["deliveryType"], "automated");
    assert_eq!(job["snapshotId"], "32b6e34b3d91647abb20e7b8");
}

#[tokio::test]
async fn prints_the_job_with_api_keys() {
    let server = MockServer::start().await;
    let verifier =
        Arc::new(DigestVerifier::new(PUBLIC_KEY, PRIVATE_KEY, recorded_template("get_restore_job_200.http")));
    Mock::given(method("GET")).and(path(job_path())).respond_with(shared(&verifier)).mount(&server).await;

    let output = run(&server, Auth::ApiKeys, &[GROUP, CLUSTER, JOB]).await;
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let job: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(job["deliveryType"], "automated");
    let attempts = verifier.attempts();
    assert_eq!(attempts.len(), 2, "challenge, then a verified answer: {attempts:?}");
    assert!(attempts[1].accepted);
}

#[tokio::test]
async fn not_found_exits_1_with_status_code_and_detail() {
    let server = service_account_server("get_restore_job_404.http").await;
    let output = run(&server, Auth::ServiceAccount, &[GROUP, CLUSTER, JOB]).await;
    assert_eq!(output.status.code(), Some(1), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("404"), "{stderr}");
    assert!(stderr.contains("RESOURCE_NOT_FOUND"), "{stderr}");
    assert!(stderr.contains("Cannot find resource AWS"), "{stderr}");
    assert!(output.stdout.is_empty());
    assert!(!stderr.contains(CLIENT_SECRET) && !stderr.contains(TOKEN));
}

#[tokio::test]
async fn invalid_group_id_exits_2_before_any_request() {
    let server = service_account_server("get_restore_job_200.http").await;
    let output = run(&server, Auth::ServiceAccount, &["not-a-group", CLUSTER, JOB]).await;
    assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("groupId"), "{stderr}");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn enveloped_answer_is_unwrapped() {
    let server = MockServer::start().await;
    let tokens = Arc::new(TokenEndpoint::new(CLIENT_ID, CLIENT_SECRET, &[TOKEN], 3600));
    Mock::given(method("POST")).and(path(TOKEN_PATH)).respond_with(shared(&tokens)).mount(&server).await;
    let api = Arc::new(BearerApi::new(&[TOKEN], recorded_template("get_restore_job_200_enveloped.http")));
    Mock::given(method("GET"))
        .and(path(job_path()))
        .and(query_param("envelope", "true"))
        .respond_with(shared(&api))
        .mount(&server)
        .await;

    let output = run(&server, Auth::ServiceAccount, &[GROUP, CLUSTER, JOB, "--envelope"]).await;
    assert_eq!(output.status.code(), Some(0), "{}", describe(&output));
    let job: serde_json::Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    assert_eq!(job["deliveryType"], "automated");
    assert!(job.get("status").is_none() && job.get("content").is_none(), "the envelope is unwrapped");
}

#[tokio::test]
async fn missing_credentials_and_bad_usage_exit_2() {
    let server = MockServer::start().await;
    let binary = tokio::task::spawn_blocking(example_binary).await.unwrap();
    let mut command = Command::new(&binary);
    command.args([GROUP, CLUSTER, JOB]).env("MONGODB_ATLAS_BASE_URL", server.uri());
    for var in CREDENTIAL_VARS {
        command.env_remove(var);
    }
    let output = tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("MONGODB_ATLAS_CLIENT_ID"));

    let output = run(&server, Auth::ServiceAccount, &[GROUP, CLUSTER]).await;
    assert_eq!(output.status.code(), Some(2), "{}", describe(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage"));
    assert!(server.received_requests().await.unwrap().is_empty());
}
