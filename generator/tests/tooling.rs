//! The workspace as cargo's own tools meet it: the API docs build without warnings, and
//! `cargo install --path generator` gives a working `specforge`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("workspace root exists")
}

/// A directory of the workspace's target dir (wherever `CARGO_TARGET_DIR` put it) for a nested
/// cargo run: its own, so that the nested build neither waits on the lock this test run holds
/// nor invalidates the test build, and stays warm from one run to the next.
fn nested_target_dir(name: &str) -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join(name)
}

#[test]
fn workspace_docs_build_without_warnings() {
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--workspace", "--no-deps", "--color", "never", "--target-dir"])
        .arg(nested_target_dir("doc-check"))
        .env("RUSTDOCFLAGS", "-Dwarnings")
        .current_dir(workspace())
        .output()
        .expect("cargo runs");
    let log = String::from_utf8_lossy(&output.stderr);
    // Cargo's own warnings (a doc output collision, say) do not fail the build under
    // `-Dwarnings`, so the log is read too.
    let warned = log.lines().any(|line| line.starts_with("warning"));
    assert!(output.status.success() && !warned, "`cargo doc --workspace --no-deps` is not clean:\n{log}");
}

#[test]
fn cargo_install_gives_a_working_command() {
    let root = tempfile::tempdir().expect("temporary install root");
    // `--locked` builds with the workspace's lock file, whose crates the test build has
    // already fetched, hence `--offline`; `--debug` and a kept target dir keep a warm run to
    // the time of the install's copy.
    let install = Command::new(env!("CARGO"))
        .args(["install", "--path", "generator", "--locked", "--offline", "--debug", "--color", "never", "--root"])
        .arg(root.path())
        .arg("--target-dir")
        .arg(nested_target_dir("install-check"))
        .current_dir(workspace())
        .output()
        .expect("cargo runs");
    assert!(install.status.success(), "`cargo install` fails:\n{}", String::from_utf8_lossy(&install.stderr));

    let installed = root.path().join("bin").join(format!("specforge{}", std::env::consts::EXE_SUFFIX));
    let version = Command::new(&installed).arg("--version").output().expect("the installed command runs");
    let printed = String::from_utf8_lossy(&version.stdout);
    assert!(version.status.success(), "{}", String::from_utf8_lossy(&version.stderr));
    assert_eq!(printed.trim(), format!("specforge {}", env!("CARGO_PKG_VERSION")));
}
