// Code a user writes against the client of `specs/absorb.yaml`, naming it `api`.
// `tests/suite/variants.rs` compiles it twice: against that client, and against the client of the
// spec after additive changes (`ADDITIVE_EDITS` in `build.rs`). It uses what a user builds
// and matches: a request body from its constructor and setters, a request with an optional
// parameter, and matches over every generated enum kind, each with the `_` arm that
// `#[non_exhaustive]` demands (and that would be an unreachable pattern without it).

use api::models::{Disk, Job, JobState, Target};
use api::operations::{
    ApiCallError, CreateJob, CreateJobError, GetJobReportError, GetJobReportMediaType, GetJobReportResponseBody,
};
use api::runtime::RawResponse;

pub fn request_body() -> Job {
    Job::new("nightly".to_owned(), JobState::Queued).priority(3).target(Target::Disk(Disk::new("/backups".to_owned())))
}

pub fn request() -> CreateJob {
    CreateJob::new(request_body()).queue("main")
}

pub fn state_name(state: &JobState) -> String {
    match state {
        JobState::Queued => "queued".to_owned(),
        JobState::Running => "running".to_owned(),
        JobState::Unknown(value) => format!("unknown {value}"),
        other => format!("newer {}", other.as_str()),
    }
}

pub fn target_name(target: &Target) -> String {
    match target {
        Target::Disk(disk) => format!("disk {}", disk.path),
        Target::Bucket(bucket) => format!("bucket {}", bucket.bucket),
        Target::Other(value) => format!("other {value}"),
        _ => "newer target".to_owned(),
    }
}

pub fn error_name(error: &CreateJobError) -> String {
    match error {
        CreateJobError::NotFound(response) => format!("not found: {:?}", response.body.detail),
        CreateJobError::UnexpectedStatus(response, _) => format!("unexpected {}", response.status.as_u16()),
        CreateJobError::Decode(_) | CreateJobError::InvalidParameter(_) | CreateJobError::Transport(_) => {
            "failed".to_owned()
        }
        other => format!("newer {:?}", other.status()),
    }
}

pub fn media_name(media: GetJobReportMediaType) -> &'static str {
    match media {
        GetJobReportMediaType::Json => "json",
        GetJobReportMediaType::Csv => "csv",
        _ => "newer media type",
    }
}

pub fn body_size(body: &GetJobReportResponseBody) -> usize {
    match body {
        GetJobReportResponseBody::Json(report) => report.lines.unwrap_or(0) as usize,
        GetJobReportResponseBody::Csv(bytes) => bytes.len(),
        _ => 0,
    }
}

pub fn response(status: u16, body: &str) -> RawResponse {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    let status = http::StatusCode::from_u16(status).expect("a valid status code");
    RawResponse { status, headers, body: body.as_bytes().to_vec() }
}

/// `getJobReport`'s error type is an enum of its own before the change and, its errors then
/// being `deleteJob`'s, another name for `deleteJob`'s enum after it: code that names and
/// matches it keeps compiling.
pub fn report_error_name(error: &GetJobReportError) -> String {
    match error {
        GetJobReportError::UnexpectedStatus(response, _) => format!("unexpected {}", response.status.as_u16()),
        GetJobReportError::Transport(error) => format!("transport: {error}"),
        _ => "other".to_owned(),
    }
}
