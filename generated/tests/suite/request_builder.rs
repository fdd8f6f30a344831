//! The generated request builder: what it yields, and validation before any I/O.

use mongodb_atlas_admin_api::operations::{ApiCallError, GetBackupRestoreJob, GetBackupRestoreJobError};
use mongodb_atlas_admin_api::runtime::Rule;
use proptest::prelude::*;

const GROUP: &str = "32b6e34b3d91647abb20e7b8";
const JOB: &str = "5f4fa6ad0f2ba32b1fcb3ec1";

#[test]
fn builds_method_path_query_and_accept() {
    let request = GetBackupRestoreJob::new(GROUP, "Cluster0", JOB).envelope(true).pretty(false).build().unwrap();
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(request.operation_id, "getBackupRestoreJob");
    assert_eq!(request.path_template, GetBackupRestoreJob::PATH);
    assert_eq!(request.path, format!("/api/atlas/v2/groups/{GROUP}/clusters/Cluster0/backup/restoreJobs/{JOB}"));
    assert_eq!(request.query, vec![("envelope", "true".to_owned()), ("pretty", "false".to_owned())]);
    assert_eq!(request.query_string(), "envelope=true&pretty=false");
    assert_eq!(request.accept, Some("application/vnd.atlas.2023-01-01+json"));
    assert_eq!(GetBackupRestoreJob::ACCEPT, "application/vnd.atlas.2023-01-01+json");
    assert!(request.headers.is_empty());
    assert!(request.body.is_none());
}

#[test]
fn optional_parameters_are_omitted_until_set() {
    let request = GetBackupRestoreJob::new(GROUP, "c", JOB).build().unwrap();
    assert!(request.query.is_empty());
    assert_eq!(request.path_and_query(), request.path);
}

#[test]
fn invalid_parameters_name_the_parameter_rule_and_value() {
    let error = GetBackupRestoreJob::new("not-a-group", "Cluster0", JOB).build().unwrap_err();
    assert_eq!(error.parameter, "groupId");
    assert_eq!(error.rule, Rule::Pattern("^([a-f0-9]{24})$"));
    assert_eq!(error.value, "not-a-group");
    assert_eq!(
        error.to_string(),
        "invalid parameter `groupId`: must match the pattern `^([a-f0-9]{24})$`, got \"not-a-group\""
    );

    let error = GetBackupRestoreJob::new(GROUP, "-starts-with-dash", JOB).build().unwrap_err();
    assert_eq!(error.parameter, "clusterName");
    assert_eq!(error.rule, Rule::Pattern("^[a-zA-Z0-9][a-zA-Z0-9-]*$"));

    let error = GetBackupRestoreJob::new(GROUP, "Cluster0", "5F4FA6AD0F2BA32B1FCB3EC1").build().unwrap_err();
    assert_eq!(error.parameter, "restoreJobId");

    // The operation's error enum carries it as InvalidParameter.
    let error = GetBackupRestoreJobError::from(error);
    assert!(matches!(error, GetBackupRestoreJobError::InvalidParameter(_)));
    assert_eq!(error.status(), None);
}

#[test]
fn values_are_cut_to_a_bounded_length_in_errors() {
    let long = "x".repeat(10_000);
    let error = GetBackupRestoreJob::new(&long, "Cluster0", JOB).build().unwrap_err();
    assert!(error.value.len() < 200);
    assert!(error.value.ends_with("..."));
}

fn hex_id() -> impl Strategy<Value = String> {
    "[a-f0-9]{24}"
}

proptest! {
    #[test]
    fn ids_and_names_that_match_their_patterns_build(group in hex_id(), job in hex_id(), cluster in "[a-zA-Z0-9][a-zA-Z0-9-]{0,40}") {
        let request = GetBackupRestoreJob::new(&group, &cluster, &job).build().unwrap();
        prop_assert_eq!(request.path, format!("/api/atlas/v2/groups/{group}/clusters/{cluster}/backup/restoreJobs/{job}"));
    }

    #[test]
    fn mutated_ids_are_rejected(group in hex_id(), position in 0usize..24, replacement in "[^a-f0-9]") {
        let mut mutated: Vec<char> = group.chars().collect();
        mutated[position] = replacement.chars().next().unwrap();
        let mutated: String = mutated.into_iter().collect();
        let error = GetBackupRestoreJob::new(&mutated, "Cluster0", JOB).build().unwrap_err();
        prop_assert_eq!(error.parameter, "groupId");
    }

    #[test]
    fn ids_of_the_wrong_length_are_rejected(group in "[a-f0-9]{0,23}|[a-f0-9]{25,40}") {
        prop_assert!(GetBackupRestoreJob::new(&group, "Cluster0", JOB).build().is_err());
    }

    #[test]
    fn arbitrary_cluster_names_never_leave_their_path_segment(cluster in any::<String>()) {
        match GetBackupRestoreJob::new(GROUP, &cluster, JOB).build() {
            Ok(request) => {
                let segments: Vec<&str> = request.path.split('/').collect();
                prop_assert_eq!(segments.len(), 11);
                prop_assert!(!request.path.contains(['?', '#', '\r', '\n', ' ']));
            }
            Err(error) => prop_assert_eq!(error.parameter, "clusterName"),
        }
    }
}
