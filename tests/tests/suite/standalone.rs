//! Generated crates built as a user builds them: each in a fresh directory outside the
//! workspace, a workspace of its own, with cargo run from a test. The Atlas tests and the
//! replaced-types tests share this, and the target directory it names, so that the
//! dependencies of generated crates compile once per test run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

// The generator suite's, shared: which of this process's variables a nested cargo drops.
#[path = "../../../generator/tests/suite/common/cargo_env.rs"]
mod cargo_env;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("the workspace exists")
}

/// A fresh, empty directory for one test's crates under the system temporary directory,
/// named after this checkout so that parallel checkouts do not share it. It is not under the
/// cargo target directory (`CARGO_TARGET_TMPDIR`): that is inside the workspace, and these
/// crates are built as a user would, outside it.
pub fn scratch_dir(name: &str) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let workspace = workspace();
    let mut checkout = std::collections::hash_map::DefaultHasher::new();
    workspace.hash(&mut checkout);
    let dir = std::env::temp_dir().join(format!("specforge-{:016x}-{name}", checkout.finish()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap_or_else(|error| panic!("cannot remove {}: {error}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("cannot create {}: {error}", dir.display()));
    assert!(
        !dir.canonicalize().unwrap().starts_with(&workspace),
        "the temporary directory {} is inside the workspace {}",
        dir.display(),
        workspace.display()
    );
    dir
}

/// Makes the crate in `dir` a workspace of its own (below the marker of a generated manifest,
/// which regeneration keeps), and starts its lockfile from the workspace's, so that it builds
/// with the dependency versions the workspace is tested with.
pub fn make_standalone(dir: &Path) {
    let manifest = dir.join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    if !text.lines().any(|line| line.trim() == "[workspace]") {
        text.push_str("\n[workspace]\n");
        std::fs::write(&manifest, text).unwrap();
    }
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// The target directory of every standalone build: the test build's own (wherever
/// `CARGO_TARGET_DIR` put it). Cargo holds its lock only while it compiles, not while tests
/// run, and artifacts are keyed by package, profile and features, so a standalone build reuses
/// the dependencies the test build compiled the same way (`ring`, `rustls`, `regex`, ...: the
/// fragment crate's debug build took 20 s instead of 40 s from nothing) and never invalidates
/// the test build's.
pub fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_owned()
}

/// One cargo at a time: they would wait for each other's lock on the target directory
/// anyway, and this way the times the Atlas tests report are cargo's own.
pub fn one_cargo_at_a_time() -> MutexGuard<'static, ()> {
    static CARGO: Mutex<()> = Mutex::new(());
    CARGO.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Cargo, to be run in the crate at `dir` with the shared target directory.
pub fn cargo(dir: &Path) -> Command {
    let mut command = cargo_env::cargo_without_test_env();
    command
        .arg("--color")
        .arg("never")
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        // A crate of 280k lines compiled from scratch gains nothing from incremental
        // compilation and its cache took 1.7 GB of the target directory.
        .env("CARGO_INCREMENTAL", "0")
        // Nothing here is run under a debugger: without debug info the full Atlas crate's
        // test build compiles and links faster, and the directory is smaller.
        .env("CARGO_PROFILE_DEV_DEBUG", "0");
    command
}
