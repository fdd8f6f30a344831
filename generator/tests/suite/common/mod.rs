//! What the modules of the suite share: paths, the built `specforge` binary, scratch spec files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod file_tree;
pub mod items;
pub mod tokens;

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

/// The corpus of real-world specs: `$CORPUS`, else `../shared/corpus` beside the repository
/// (as `scripts/corpus.sh` reads it); fails (never skips) when its `MANIFEST.tsv` is absent.
pub fn corpus() -> PathBuf {
    let dir = std::env::var_os("CORPUS").map(PathBuf::from).unwrap_or_else(|| workspace().join("../shared/corpus"));
    assert!(dir.join("MANIFEST.tsv").is_file(), "the spec corpus is missing at {} (set CORPUS)", dir.display());
    dir
}

/// A cargo command for a nested build, in the test build's target directory (wherever
/// `CARGO_TARGET_DIR` put it). Cargo holds that directory's lock only while it compiles, not
/// while tests run, and keys artifacts by package, profile and features, so a nested build
/// reuses what the test build compiled the same way (`cargo install` of the generator only
/// links: 57 s warm in a directory of its own before) and adds what differs beside it. What
/// cargo sets for this test process about the `specforge` package is removed: a dependency's
/// build script may watch it (ring watches `CARGO_MANIFEST_DIR` and `CARGO_PKG_NAME`), and a
/// build script run again with other values would make the test build's next run recompile
/// what depends on it.
pub fn nested_cargo() -> Command {
    let mut cargo = Command::new(env!("CARGO"));
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(is_test_package_env) {
            cargo.env_remove(key);
        }
    }
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    cargo.env("CARGO_TARGET_DIR", tmp.parent().unwrap_or(tmp));
    cargo
}

/// What cargo sets for this test process about the `specforge` package.
fn is_test_package_env(key: &str) -> bool {
    key.starts_with("CARGO_PKG_")
        || ["CARGO_MANIFEST_DIR", "CARGO_MANIFEST_PATH", "CARGO_CRATE_NAME", "CARGO_PRIMARY_PACKAGE", "OUT_DIR"]
            .contains(&key)
        || key.starts_with("CARGO_BIN_EXE_")
        || key == "CARGO_TARGET_TMPDIR"
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
