//! Decoding every recorded response with the generated `decode_response`, asserting values
//! and error variants.

use crate::support;

use mongodb_atlas_admin_api::models::{DiskBackupSnapshotRestoreJob, DiskBackupSnapshotRestoreJobDeliveryType};
use mongodb_atlas_admin_api::operations::{ApiCallError, GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::DecodeErrorKind;
use support::recorded;

const GROUP: &str = "32b6e34b3d91647abb20e7b8";
const JOB: &str = "5f4fa6ad0f2ba32b1fcb3ec1";

fn request() -> GetBackupRestoreJob {
    GetBackupRestoreJob::new(GROUP, "Cluster0", JOB)
}

fn decode(name: &str) -> Result<DiskBackupSnapshotRestoreJob, GetBackupRestoreJobError> {
    request().decode_response(recorded(name)).map(|response| response.body)
}

fn assert_is_documentation_example(job: &DiskBackupSnapshotRestoreJob) {
    assert_eq!(job.cancelled, Some(true));
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::Automated);
    assert_eq!(job.delivery_url.as_deref(), Some(&["string".to_owned()][..]));
    let components = job.components.as_ref().expect("components");
    assert_eq!(components.len(), 1);
    assert_eq!(components[0].replica_set_name.as_deref(), Some("string"));
    let private = components[0].private_download_delivery_urls.as_ref().expect("private urls");
    assert_eq!(private[0].endpoint_id.as_deref(), Some("vpce-3bf78b0ddee411ba1"));
    let desired = job.desired_timestamp.as_ref().expect("desired timestamp");
    assert_eq!(desired.date.map(|d| d.to_rfc3339()), Some("2025-05-04T09:42:00+00:00".to_owned()));
    assert_eq!(desired.increment, Some(1_199_145_600));
    assert_eq!(job.expires_at.map(|d| d.timestamp()), Some(1_746_351_720));
    assert_eq!(job.id.as_deref(), Some("32b6e34b3d91647abb20e7b8"));
    let links = job.links.as_ref().expect("links");
    assert_eq!(links[0].href.as_deref(), Some("https://cloud.mongodb.com/api/atlas"));
    assert_eq!(links[0].rel.as_deref(), Some("self"));
    assert_eq!(job.oplog_inc, Some(1));
    // Below the documented minimum of 1199145600: server data is decoded leniently.
    assert_eq!(job.oplog_ts, Some(42));
    assert_eq!(job.point_in_time_utc_seconds, Some(42));
    assert_eq!(job.snapshot_id.as_deref(), Some("32b6e34b3d91647abb20e7b8"));
    assert_eq!(job.target_cluster_name.as_deref(), Some("string"));
    assert_eq!(job.expired, Some(true));
    assert_eq!(job.failed, Some(true));
}

#[test]
fn documentation_example_decodes_field_by_field() {
    let response = request().decode_response(recorded("get_restore_job_200.http")).expect("200 decodes");
    assert_eq!(response.status, 200);
    assert_eq!(response.rate_limit_limit(), Some(100));
    assert_eq!(response.rate_limit_remaining(), Some(99));
    assert_is_documentation_example(&response.body);
}

#[test]
fn enveloped_success_unwraps_to_the_same_value() {
    let plain = decode("get_restore_job_200.http").expect("plain decodes");
    let enveloped = request()
        .envelope(true)
        .decode_response(recorded("get_restore_job_200_enveloped.http"))
        .expect("enveloped decodes");
    assert_eq!(enveloped.status, 200);
    assert_eq!(enveloped.body, plain);
}

#[test]
fn pretty_printed_body_decodes() {
    let job = request().pretty(true).decode_response(recorded("get_restore_job_200_pretty.http")).unwrap().body;
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::PointInTime);
    assert_eq!(job.oplog_ts, None);
    assert_eq!(job.oplog_inc, Some(1));
}

#[test]
fn unknown_delivery_type_and_fields_do_not_break_decoding() {
    let job = decode("get_restore_job_200_unknown_delivery_type.http").expect("decodes");
    assert_eq!(job.delivery_type, DiskBackupSnapshotRestoreJobDeliveryType::Unknown("snapshotShipping".to_owned()));
    assert_eq!(job.delivery_type.as_str(), "snapshotShipping");
    assert_eq!(job.snapshot_id.as_deref(), Some("32b6e34b3d91647abb20e7b8"));
    // The unknown value survives a round trip.
    let json = serde_json::to_value(&job).unwrap();
    assert_eq!(json["deliveryType"], "snapshotShipping");
}

fn assert_api_error(error: GetBackupRestoreJobError, status: u16, code: &str) {
    assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
    assert_eq!(error.error_code(), Some(code));
    assert!(error.is_error_code(code));
    assert_eq!(error.api_error().map(|body| body.error), Some(i32::from(status)));
    let body = match &error {
        GetBackupRestoreJobError::Unauthorized(r)
        | GetBackupRestoreJobError::Forbidden(r)
        | GetBackupRestoreJobError::NotFound(r)
        | GetBackupRestoreJobError::TooManyRequests(r)
        | GetBackupRestoreJobError::InternalServerError(r) => &r.body,
        other => panic!("expected a documented error, got {other:?}"),
    };
    assert_eq!(body.error, i32::from(status));
    assert_eq!(body.error_code.as_deref(), Some(code));
    assert!(error.to_string().contains(code), "message names the error code: {error}");
}

#[test]
fn documented_errors_map_to_their_variants() {
    let error = decode("get_restore_job_401.http").unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::Unauthorized(_)));
    assert_api_error(error, 401, "NOT_ORG_GROUP_CREATOR");

    let error = decode("get_restore_job_403.http").unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::Forbidden(_)));
    assert_api_error(error, 403, "CANNOT_CHANGE_GROUP_NAME");

    let error = decode("get_restore_job_404.http").unwrap_err();
    let GetBackupRestoreJobError::NotFound(response) = &error else { panic!("expected NotFound, got {error:?}") };
    assert_eq!(response.body.reason.as_deref(), Some("Not Found"));
    assert!(response.body.detail.as_deref().unwrap().ends_with("Cannot find resource AWS"));
    assert_api_error(error, 404, "RESOURCE_NOT_FOUND");

    let error = decode("get_restore_job_500.http").unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::InternalServerError(_)));
    assert_api_error(error, 500, "UNEXPECTED_ERROR");
}

#[test]
fn rate_limit_error_keeps_retry_after() {
    let error = decode("get_restore_job_429.http").unwrap_err();
    let GetBackupRestoreJobError::TooManyRequests(response) = &error else { panic!("expected 429, got {error:?}") };
    assert_eq!(response.retry_after(), Some(std::time::Duration::from_secs(2)));
    assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(2)));
    assert_eq!(response.rate_limit_remaining(), Some(0));
    assert_api_error(error, 429, "RATE_LIMITED");
}

#[test]
fn enveloped_error_takes_its_status_from_the_envelope() {
    let error = request().envelope(true).decode_response(recorded("get_restore_job_404_enveloped.http")).unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::NotFound(_)));
    assert_api_error(error, 404, "RESOURCE_NOT_FOUND");
}

#[test]
fn undocumented_statuses_keep_status_headers_and_body() {
    for (name, status, code) in [
        ("get_restore_job_418.http", 418, Some("TEAPOT")),
        ("get_restore_job_503.http", 503, Some("SERVICE_UNAVAILABLE")),
        ("get_restore_job_502_html.http", 502, None),
    ] {
        let error = decode(name).unwrap_err();
        let GetBackupRestoreJobError::UnexpectedStatus(response, api_error) = &error else {
            panic!("{name}: got {error:?}")
        };
        assert_eq!(response.status, status);
        // A JSON body of the common error schema is decoded too; an HTML page is not.
        assert_eq!(api_error.as_ref().and_then(|e| e.error_code.as_deref()), code, "{name}");
        assert_eq!(error.error_code(), code, "{name}");
        assert!(response.headers.get("date").is_some());
        assert_eq!(response.body, support::parse_response(&support::recorded_bytes(name)).unwrap().body);
        assert!(error.to_string().contains(&status.to_string()));
    }
}

fn decode_error(name: &str) -> mongodb_atlas_admin_api::runtime::DecodeError {
    match decode(name) {
        Err(GetBackupRestoreJobError::Decode(error)) => error,
        other => panic!("{name}: expected a decode error, got {other:?}"),
    }
}

#[test]
fn broken_bodies_are_decode_errors_that_keep_the_body() {
    for name in [
        "get_restore_job_200_truncated.http",
        "get_restore_job_200_malformed.http",
        "get_restore_job_200_empty.http",
        "get_restore_job_200_wrong_types.http",
    ] {
        let error = decode_error(name);
        assert_eq!(error.response.status, 200, "{name}");
        assert!(matches!(error.kind, DecodeErrorKind::Json(_)), "{name}: {:?}", error.kind);
        assert_eq!(error.response.body, recorded(name).body, "{name}");
        assert!(error.to_string().starts_with("cannot decode the 200 response"), "{name}: {error}");
    }
}

#[test]
fn a_null_error_code_decodes() {
    // The spec requires `errorCode`, but servers send `null`: the common error schema's code
    // field is optional so that such an error is still the documented variant.
    let error = decode("get_restore_job_404_null_required.http").unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::NotFound(_)), "{error:?}");
    assert_eq!(error.error_code(), None);
    assert!(!error.is_error_code("RESOURCE_NOT_FOUND"));
    assert_eq!(error.api_error().map(|body| body.error), Some(404));
}

#[test]
fn html_instead_of_json_is_an_unexpected_content_type() {
    let error = decode_error("get_restore_job_200_html.http");
    assert!(matches!(&error.kind, DecodeErrorKind::UnexpectedContentType(t) if t.starts_with("text/html")));
    assert!(String::from_utf8_lossy(&error.response.body).contains("Please sign in"));
}

#[test]
fn a_plain_body_asked_as_envelope_is_an_envelope_error() {
    let error = request().envelope(true).decode_response(recorded("get_restore_job_200.http")).unwrap_err();
    let GetBackupRestoreJobError::Decode(error) = error else { panic!("expected a decode error") };
    assert!(matches!(error.kind, DecodeErrorKind::Envelope(_)));
}

#[test]
fn deeply_nested_json_is_a_decode_error_not_a_stack_overflow() {
    use mongodb_atlas_admin_api::runtime::RawResponse;
    let mut headers = http::HeaderMap::new();
    headers.append(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    let depth = 100_000;
    let body = format!("{{\"deliveryType\":\"automated\",\"links\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
    let error = request()
        .decode_response(RawResponse { status: http::StatusCode::OK, headers, body: body.into_bytes() })
        .unwrap_err();
    let GetBackupRestoreJobError::Decode(error) = error else { panic!("expected a decode error") };
    assert!(matches!(error.kind, DecodeErrorKind::Json(_)));
    // The message quotes a bounded part of the body, not all 200 KB of it.
    assert!(error.to_string().len() < 2_000);
}
