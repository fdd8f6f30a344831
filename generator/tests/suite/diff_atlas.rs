//! `specforge diff` on real Atlas releases: `$ATLAS_SPEC_DIR` or `../shared/specs` must hold
//! `atlas-admin-v2-2025-06-18.yaml` and `atlas-admin-v2.yaml` (2025-06-30); the test fails,
//! naming the path, when they are absent.
//!
//! What changed in that release, read from the two files: the five `…AtlasResourcePolicy…`
//! operations were renamed `…OrgResourcePolicy…` (same paths), `getProjectTeam` was added,
//! twenty operations gained a documented 429, enums gained values, three schemas gained an
//! optional property, and the streams connection union gained a member
//! (`StreamsAWSKinesisDataStreamsConnection`). The Atlas Go SDK's release for it
//! (v20250312005) lists as breaking exactly the removal of the five renamed operations;
//! `diff` reports them as renames (same method and path, new operationId and Rust names).
//! The generated Rust API breaks nowhere else: the string enum of the `type` property that
//! every streams connection inherits from `StreamsConnection` through `allOf` is named after
//! `StreamsConnection` (`StreamsConnectionType`), not after whichever connection schema sorts
//! first, so the new member (which sorts first) renames nothing.

use std::path::PathBuf;
use std::process::Command;

fn specs_dir() -> PathBuf {
    let dir = std::env::var_os("ATLAS_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs"));
    for name in ["atlas-admin-v2-2025-06-18.yaml", "atlas-admin-v2.yaml"] {
        assert!(dir.join(name).is_file(), "the real Atlas specs are needed: {} is missing", dir.join(name).display());
    }
    dir
}

fn diff_json(old: &str, new: &str) -> (Option<i32>, serde_json::Value) {
    let dir = specs_dir();
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["diff", "--quiet", "--format", "json", "--fail-on", "breaking", "--current-version", "2.0.0"])
        .arg(dir.join(old))
        .arg(dir.join(new))
        .output()
        .expect("specforge runs");
    let text = String::from_utf8_lossy(&output.stdout);
    let report = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{e}: {text}\n{}", String::from_utf8_lossy(&output.stderr)));
    (output.status.code(), report)
}

#[test]
fn the_2025_06_30_release_breaks_exactly_these_items() {
    let (code, report) = diff_json("atlas-admin-v2-2025-06-18.yaml", "atlas-admin-v2.yaml");
    assert_eq!(code, Some(1), "--fail-on breaking fails");
    let mut breaking: Vec<String> = report["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["impact"] == "breaking")
        .map(|c| format!("{} {}", c["rule"].as_str().unwrap(), c["rust_item"].as_str().unwrap()))
        .collect();
    breaking.sort();
    let mut expected = vec![
        "operation-renamed operations::CreateOrgResourcePolicy (Client::create_org_resource_policy)",
        "operation-renamed operations::DeleteOrgResourcePolicy (Client::delete_org_resource_policy)",
        "operation-renamed operations::ListOrgResourcePolicies (Client::list_org_resource_policies)",
        "operation-renamed operations::GetOrgResourcePolicy (Client::get_org_resource_policy)",
        "operation-renamed operations::UpdateOrgResourcePolicy (Client::update_org_resource_policy)",
    ];
    expected.sort();
    assert_eq!(breaking, expected);
    let summary = &report["summary"];
    assert_eq!(summary["breaking"], 5);
    assert_eq!(summary["next_version"], "3.0.0");
    // What the spec files show was added: one operation, twenty 429 responses, the new
    // union member and its schema.
    let changes = report["changes"].as_array().unwrap();
    let count = |rule: &str| changes.iter().filter(|c| c["rule"] == rule).count();
    // Same method and path, new operationId: renamed, not removed and added.
    assert_eq!(count("operation-added"), 1, "getProjectTeam");
    assert_eq!(count("operation-removed"), 0);
    assert_eq!(count("error-status-added"), 20);
    assert_eq!(count("union-member-added"), 1);
    assert_eq!(count("field-added"), 3);
}

#[test]
fn the_full_spec_diffed_with_itself_reports_nothing() {
    let (code, report) = diff_json("atlas-admin-v2.yaml", "atlas-admin-v2.yaml");
    assert_eq!(code, Some(0));
    assert_eq!(report["changes"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["next_version"], "2.0.0");
}
