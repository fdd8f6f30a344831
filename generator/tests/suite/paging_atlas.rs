//! Which operations of the real Atlas spec are paged listings (the rule is in
//! `lower/paging.rs`) and streamed downloads: `$ATLAS_SPEC` or `../shared/specs/atlas-admin-v2.yaml` (2025-06-30) must
//! exist; the test fails naming the path when it does not.
//!
//! In that release 73 operations take `pageNum` and `itemsPerPage`; 69 answer a `results` array and a
//! `totalCount`, of which the 63 `GET`s are paged by page number (six are POSTs and PATCHes). Five other `GET`s answer
//! `{results, links}` without page parameters: they follow `next` links.

use std::path::PathBuf;

fn atlas_spec() -> PathBuf {
    let path = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/atlas-admin-v2.yaml"));
    assert!(path.is_file(), "the real Atlas spec is needed: {} is missing", path.display());
    path
}

#[test]
fn atlas_paged_listings_are_recognised() {
    let (_, lowered) = specforge::Generator::new(atlas_spec()).lower_only().unwrap_or_else(|e| panic!("{e}"));
    let operations = &lowered.api.operations;
    let takes_page_params = |op: &&specforge::ir::Operation| {
        ["pageNum", "itemsPerPage"].iter().all(|name| op.params.iter().any(|p| p.wire_name == *name))
    };
    let with_page_params: Vec<_> = operations.iter().filter(takes_page_params).collect();
    let by_number: Vec<_> =
        operations.iter().filter(|op| op.paging.as_ref().is_some_and(|p| p.page_number.is_some())).collect();
    let by_links: Vec<_> =
        operations.iter().filter(|op| op.paging.as_ref().is_some_and(|p| p.page_number.is_none())).collect();
    let unrecognised: Vec<&str> = with_page_params
        .iter()
        .filter(|op| op.paging.as_ref().is_none_or(|p| p.page_number.is_none()))
        .map(|op| op.operation_id.as_str())
        .collect();
    assert_eq!(with_page_params.len(), 73);
    assert_eq!(by_number.len(), 63);
    // The documented maximum of `itemsPerPage` is recorded: 500, except where one operation
    // declares its own parameter without one.
    let with_max = by_number.iter().filter(|op| op.paging.as_ref().unwrap().max_page_size == Some(500)).count();
    assert_eq!(with_max, 62);
    // Six POSTs and PATCHes answer a page of what they changed: not listings to walk. The
    // three GETs answer without `totalCount`.
    assert_eq!(
        unrecognised,
        [
            "createApiKeyAccessList",
            "createProjectIpAccessList",
            "createProjectServiceAccountAccessList",
            "createServiceAccountAccessList",
            "createThirdPartyIntegration",
            "getActiveVpcPeeringConnections",
            "getVpcPeeringConnections",
            "listSuggestedIndexes",
            "updateApiKeyRoles",
            "updateThirdPartyIntegration"
        ]
    );
    let by_links: Vec<&str> = by_links.iter().map(|op| op.operation_id.as_str()).collect();
    assert_eq!(
        by_links,
        [
            "listPendingInvoices",
            "listRoleMappings",
            "listShardedClusterBackups",
            "listSharedClusterBackupRestoreJobs",
            "listSharedClusterBackups"
        ]
    );
}

#[test]
fn atlas_log_downloads_stream_and_listings_page() {
    let generated = specforge::Generator::new(atlas_spec())
        .operation("getHostLogs")
        .operation("listBackupRestoreJobs")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = generated.single_file().unwrap();
    // `getHostLogs` documents JSON and gzip; the download asks for gzip.
    assert!(text.contains("impl runtime::stream::Streamed for GetHostLogs {"), "getHostLogs is streamed");
    assert!(text.contains("const STREAMED_MEDIA_TYPE: &'static str = \"application/vnd.atlas.2023-02-01+gzip\";"));
    assert!(text.contains("impl runtime::Paged for ListBackupRestoreJobs {"), "listBackupRestoreJobs is paged");
    assert!(!text.contains("impl runtime::Paged for GetHostLogs"));
    assert!(!text.contains("impl runtime::stream::Streamed for ListBackupRestoreJobs"));
}
