//! Parameters the spec marks secret (`format: password`; `build.rs`'s `secret_parameters`
//! variant of the fragment: a query string with a length rule, a list of strings, a header, and
//! the restore job's id in the path) are sent as given, but never shown: not by the builder's
//! `Debug`, the request's `Debug`, nor a validation error's `Display` or `Debug`. The client
//! side (a header marked sensitive, recordings and mock messages redacted) is tested in
//! generated/tests/suite/record_replay.rs.

use specforge_tests::secret_parameters::operations::GetBackupRestoreJob;
use specforge_tests::secret_parameters::runtime::Rule;

const GROUP: &str = "32b6e34b3d91647abb20e7b8";
const JOB: &str = "5f4fa6ad0f2ba32b1fcb3ec1";
const SIGNATURE: &str = "sig-HUNTER2-9876";
const SESSION_KEYS: [&str; 2] = ["key-ALPHA-1111", "key-BETA-2222"];
const TOKEN: &str = "tok-SWORDFISH-1234";

fn call() -> GetBackupRestoreJob {
    GetBackupRestoreJob::new(GROUP, "Cluster0", JOB)
        .signature(SIGNATURE)
        .session_keys(SESSION_KEYS.map(str::to_owned))
        .x_session_token(TOKEN)
}

/// Asserts that `shown` holds none of the secrets.
fn assert_hidden(shown: &str) {
    for secret in [SIGNATURE, SESSION_KEYS[0], SESSION_KEYS[1], TOKEN, JOB] {
        assert!(!shown.contains(secret), "{secret} is shown in {shown}");
    }
}

#[test]
fn the_builders_debug_shows_whether_a_secret_is_set_never_its_value() {
    let shown = format!("{:?}", call());
    assert_eq!(
        shown,
        format!(
            "GetBackupRestoreJob {{ envelope: None, group_id: \"{GROUP}\", pretty: None, signature: Some(<redacted>), \
             session_keys: Some(<redacted>), x_session_token: Some(<redacted>), cluster_name: \"Cluster0\", \
             restore_job_id: <redacted> }}"
        )
    );
    assert_hidden(&format!("{:#?}", call()));
    let unset = format!("{:?}", GetBackupRestoreJob::new(GROUP, "Cluster0", JOB));
    assert!(unset.contains("signature: None, session_keys: None, x_session_token: None"), "{unset}");
}

#[test]
fn a_secret_is_sent_as_given_and_the_requests_debug_hides_it() {
    let request = call().build().unwrap();
    assert_eq!(
        request.query,
        vec![
            ("signature", SIGNATURE.to_owned()),
            ("sessionKeys", SESSION_KEYS[0].to_owned()),
            ("sessionKeys", SESSION_KEYS[1].to_owned()),
        ]
    );
    assert_eq!(request.headers, vec![("X-Session-Token", TOKEN.to_owned())]);
    assert_eq!(request.path, format!("/api/atlas/v2/groups/{GROUP}/clusters/Cluster0/backup/restoreJobs/{JOB}"));
    assert_eq!(request.secrets, ["signature", "sessionKeys", "X-Session-Token", "restoreJobId"]);

    let shown = format!("{request:?}");
    assert_hidden(&shown);
    for expected in [
        format!("path: \"/api/atlas/v2/groups/{GROUP}/clusters/Cluster0/backup/restoreJobs/<redacted>\""),
        "query: [(\"signature\", \"<redacted>\"), (\"sessionKeys\", \"<redacted>\"), (\"sessionKeys\", \"<redacted>\")]"
            .to_owned(),
        "headers: [(\"X-Session-Token\", \"<redacted>\")]".to_owned(),
    ] {
        assert!(shown.contains(&expected), "{expected} is not in {shown}");
    }
    assert_hidden(&format!("{request:#?}"));
}

#[test]
fn a_secret_that_breaks_a_rule_is_reported_without_its_value() {
    let cases = [
        (GetBackupRestoreJob::new(GROUP, "Cluster0", JOB).signature("short-1"), "signature", Rule::MinLength(8)),
        (
            GetBackupRestoreJob::new(GROUP, "Cluster0", "NOT-HEX-secret-id"),
            "restoreJobId",
            Rule::Pattern("^([a-f0-9]{24})$"),
        ),
        (
            GetBackupRestoreJob::new(GROUP, "Cluster0", JOB).x_session_token("tok\nsecret-line"),
            "X-Session-Token",
            Rule::HeaderValue,
        ),
    ];
    for (call, parameter, rule) in cases {
        let error = call.build().unwrap_err();
        assert_eq!((error.parameter, &error.rule, error.value.as_str()), (parameter, &rule, "<redacted>"));
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains("short-1") && !shown.contains("secret"), "{shown}");
            assert!(shown.contains(parameter), "{shown}");
        }
    }
    // A parameter that is not secret keeps its value in the error.
    let error = GetBackupRestoreJob::new(GROUP, "not a name", JOB).build().unwrap_err();
    assert_eq!((error.parameter, error.value.as_str()), ("clusterName", "not a name"));
}
