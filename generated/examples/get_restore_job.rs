//! Reads one restore job and prints it as JSON.
//!
//! ```text
//! cargo run -p mongodb-atlas-admin-api --example get_restore_job -- GROUP_ID CLUSTER_NAME RESTORE_JOB_ID [--envelope] [--pretty]
//! ```
//!
//! Environment: `MONGODB_ATLAS_BASE_URL` (optional), and either `MONGODB_ATLAS_CLIENT_ID` +
//! `MONGODB_ATLAS_CLIENT_SECRET` (service account) or `MONGODB_ATLAS_PUBLIC_API_KEY` +
//! `MONGODB_ATLAS_PRIVATE_API_KEY` (API key pair, HTTP Digest).
//!
//! Exit codes: 0 with the job on stdout; 1 on an API or transport error (status, error code
//! and detail on stderr); 2 on an invalid parameter or usage, before anything is sent.

use std::process::ExitCode;

use mongodb_atlas_admin_api::operations::{ApiCallError, GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::{Client, Credentials};

const USAGE: &str = "usage: get_restore_job GROUP_ID CLUSTER_NAME RESTORE_JOB_ID [--envelope] [--pretty]";

fn credentials() -> Result<Credentials, String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("MONGODB_ATLAS_CLIENT_ID"),
        var("MONGODB_ATLAS_CLIENT_SECRET"),
        var("MONGODB_ATLAS_PUBLIC_API_KEY"),
        var("MONGODB_ATLAS_PRIVATE_API_KEY"),
    ) {
        (Some(id), Some(secret), _, _) => Ok(Credentials::service_account(id, secret)),
        (_, _, Some(public), Some(private)) => Ok(Credentials::digest(public, private)),
        _ => Err("set MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET, or MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY".to_owned()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let unknown: Vec<&String> =
        args.iter().filter(|a| a.starts_with("--") && *a != "--envelope" && *a != "--pretty").collect();
    let [group_id, cluster_name, restore_job_id] = positional.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    if !unknown.is_empty() {
        eprintln!("unknown option {}\n{USAGE}", unknown[0]);
        return ExitCode::from(2);
    }
    let mut request = GetBackupRestoreJob::new(group_id.as_str(), cluster_name.as_str(), restore_job_id.as_str());
    if args.iter().any(|a| a == "--envelope") {
        request = request.envelope(true);
    }
    if args.iter().any(|a| a == "--pretty") {
        request = request.pretty(true);
    }
    // Validate before reading credentials or touching the network.
    if let Err(error) = request.build() {
        eprintln!("invalid parameter {}: {error}", error.parameter);
        return ExitCode::from(2);
    }
    let credentials = match credentials() {
        Ok(credentials) => credentials,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Client::builder().credentials(credentials);
    if let Ok(base_url) = std::env::var("MONGODB_ATLAS_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("cannot create the client: {error}");
            return ExitCode::from(1);
        }
    };
    match request.send(&client).await {
        Ok(response) => match serde_json::to_string_pretty(&response.body) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("cannot print the job: {error}");
                ExitCode::from(1)
            }
        },
        Err(GetBackupRestoreJobError::InvalidParameter(error)) => {
            eprintln!("invalid parameter {}: {error}", error.parameter);
            ExitCode::from(2)
        }
        Err(error) => {
            match (error.status(), error.api_error()) {
                (Some(status), Some(body)) => eprintln!(
                    "status {}, error code {}, detail: {}",
                    status.as_u16(),
                    body.error_code.as_deref().unwrap_or("-"),
                    body.detail.as_deref().unwrap_or("-")
                ),
                (Some(status), None) => eprintln!("status {}: {error}", status.as_u16()),
                (None, _) => eprintln!("request failed: {error}"),
            }
            ExitCode::from(1)
        }
    }
}
