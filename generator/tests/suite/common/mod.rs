//! What the modules of the suite share: paths, the built `specforge` binary, scratch spec files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod cargo_env;
pub mod file_tree;

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

/// A cargo command for a nested build, in the test build's target directory (wherever
/// `CARGO_TARGET_DIR` put it), without this test process's variables about the `specforge`
/// package ([`cargo_env::cargo_without_test_env`]). Cargo holds that directory's lock only
/// while it compiles, not while tests run, and keys artifacts by package, profile and
/// features, so a nested build reuses what the test build compiled the same way (`cargo
/// install` of the generator only links: 57 s warm in a directory of its own before) and adds
/// what differs beside it.
pub fn nested_cargo() -> Command {
    let mut cargo = cargo_env::cargo_without_test_env();
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    cargo.env("CARGO_TARGET_DIR", tmp.parent().unwrap_or(tmp));
    cargo
}

/// Runs the `specforge` binary of this build in the workspace root.
pub fn specforge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specforge")).args(args).current_dir(workspace()).output().expect("specforge runs")
}

/// Writes `files` (name, text) into a fresh directory; the first is the spec.
pub fn spec_files(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let spec = dir.path().join(files[0].0);
    (dir, spec)
}
