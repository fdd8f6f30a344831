//! The typed mock (`runtime::mock`, feature `mock`) in front of this crate's client, as code
//! that calls Atlas would test itself: `getBackupRestoreJob` with given path parameters
//! answers a `DiskBackupSnapshotRestoreJob`, or 404 with an `ApiError`; a status the
//! operation does not document stays `UnexpectedStatus`; what was sent is there to assert on;
//! a call no rule matches names the operation and its parameters. No socket is opened.

use crate::support;

use mongodb_atlas_admin_api::models::{
    ApiError, DiskBackupSnapshotRestoreJob, DiskBackupSnapshotRestoreJobDeliveryType,
};
use mongodb_atlas_admin_api::operations::{ApiCallError, GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::mock::{Mock, MockError, MOCK_TOKEN};
use mongodb_atlas_admin_api::runtime::{Client, Credentials, RetryPolicy, TransportError};
use support::server::{CLUSTER, GROUP, JOB};

fn client(mock: &Mock) -> Client {
    Client::builder()
        .credentials(Credentials::bearer("token-SECRET"))
        .transport(mock.clone())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn job() -> DiskBackupSnapshotRestoreJob {
    DiskBackupSnapshotRestoreJob::new(DiskBackupSnapshotRestoreJobDeliveryType::Automated)
        .id("5f4fa6ad0f2ba32b1fcb3ec1".to_owned())
        .cancelled(false)
}

#[tokio::test]
async fn the_operation_with_these_path_parameters_answers_this_job() {
    let mock = Mock::new();
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).answers(job());
    let client = client(&mock);
    let response = client.get_backup_restore_job(GROUP, CLUSTER, JOB).pretty(true).send().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.body, job());

    let sent = mock.sent_to(GetBackupRestoreJob::OPERATION_ID);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, http::Method::GET);
    assert_eq!(sent[0].parameter("groupId"), Some(GROUP));
    assert_eq!(sent[0].parameter("clusterName"), Some(CLUSTER));
    assert_eq!(sent[0].parameter("restoreJobId"), Some(JOB));
    assert_eq!(sent[0].parameter("pretty"), Some("true"));
    assert_eq!(sent[0].header("accept"), Some(GetBackupRestoreJob::ACCEPT));
    // The client's credentials reach the mock, and stay out of Debug.
    assert_eq!(sent[0].header("authorization"), Some("Bearer token-SECRET"));
    assert!(!format!("{sent:?}").contains("token-SECRET"));
}

#[tokio::test]
async fn a_404_with_an_api_error_is_the_documented_not_found() {
    let mock = Mock::new();
    let mut not_found = ApiError::new(404).detail("gone".to_owned());
    not_found.error_code = Some("RESTORE_JOB_NOT_FOUND".to_owned());
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).fails(404, &not_found);
    let error = client(&mock).get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap_err();
    let GetBackupRestoreJobError::NotFound(response) = &error else { panic!("expected NotFound: {error:?}") };
    assert_eq!(response.body, not_found);
    assert!(error.is_error_code("RESTORE_JOB_NOT_FOUND"));
}

#[tokio::test]
async fn an_undocumented_status_stays_unexpected_status_with_its_api_error() {
    let mock = Mock::new();
    let mut conflict = ApiError::new(409);
    conflict.error_code = Some("CONFLICT".to_owned());
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).fails(409, &conflict);
    let error = GetBackupRestoreJob::new(GROUP, CLUSTER, JOB).send(&client(&mock)).await.unwrap_err();
    let GetBackupRestoreJobError::UnexpectedStatus(response, api_error) = &error else {
        panic!("expected UnexpectedStatus: {error:?}")
    };
    assert_eq!(response.status, 409);
    assert_eq!(api_error.as_deref(), Some(&conflict));
}

#[tokio::test]
async fn answers_come_in_order_and_the_last_one_repeats() {
    let mock = Mock::new();
    let unavailable = ApiError::new(500);
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).fails(500, &unavailable).answers(job());
    let client = client(&mock);
    let call = || client.get_backup_restore_job(GROUP, CLUSTER, JOB).send();
    assert!(matches!(call().await, Err(GetBackupRestoreJobError::InternalServerError(_))));
    assert_eq!(call().await.unwrap().body, job());
    assert_eq!(call().await.unwrap().body, job());
}

#[tokio::test]
async fn a_call_no_rule_matches_fails_naming_the_operation_and_its_parameters() {
    let mock = Mock::new();
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).answers(job());
    let other_job = "0123456789abcdef01234567";
    let error = client(&mock).get_backup_restore_job(GROUP, "Cluster1", other_job).send().await.unwrap_err();
    let GetBackupRestoreJobError::Transport(TransportError::Custom(cause)) = &error else { panic!("{error:?}") };
    assert!(matches!(cause.downcast_ref::<MockError>(), Some(MockError::Unmatched(_))));
    let message = error.to_string();
    assert!(message.contains("getBackupRestoreJob"), "{message}");
    assert!(message.contains("clusterName = \"Cluster1\""), "{message}");
    assert!(message.contains(&format!("restoreJobId = \"{other_job}\"")), "{message}");
}

#[tokio::test]
async fn an_invalid_parameter_fails_before_the_mock_is_asked() {
    let mock = Mock::new();
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).answers(job());
    let error = client(&mock).get_backup_restore_job("not-a-group", CLUSTER, JOB).send().await.unwrap_err();
    assert!(matches!(error, GetBackupRestoreJobError::InvalidParameter(_)), "{error:?}");
    assert!(mock.sent().is_empty());
}

#[tokio::test]
async fn a_service_account_client_gets_its_token_from_the_mock() {
    let mock = Mock::new();
    mock.on(GetBackupRestoreJob::new(GROUP, CLUSTER, JOB)).answers(job());
    let client = Client::builder()
        .credentials(Credentials::service_account("mdb_sa_id_1", "mdb_sa_sk_SECRET"))
        .transport(mock.clone())
        .build()
        .unwrap();
    assert_eq!(client.get_backup_restore_job(GROUP, CLUSTER, JOB).send().await.unwrap().body, job());
    let sent = mock.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].header("authorization"), Some(format!("Bearer {MOCK_TOKEN}").as_str()));
}
