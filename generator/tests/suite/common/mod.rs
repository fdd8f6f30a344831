//! Helpers shared by the integration tests that include this module.

use std::path::{Path, PathBuf};

pub mod file_tree;
pub mod items;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("workspace root exists")
}

/// The full Atlas spec: `$ATLAS_SPEC` or `../shared/specs/atlas-admin-v2.yaml`; fails (never
/// skips) when it is absent.
pub fn atlas_spec() -> PathBuf {
    let path = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/specs/atlas-admin-v2.yaml"));
    assert!(path.exists(), "the full Atlas spec is missing at {} (set ATLAS_SPEC)", path.display());
    path
}
