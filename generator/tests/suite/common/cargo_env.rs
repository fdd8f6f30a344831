//! A cargo run from inside a test, as both test suites start one (this file is the generator
//! suite's `common::cargo_env`, and included by the end-to-end suite's `standalone.rs`).

use std::process::Command;

/// The cargo running the tests, without the variables it set for the test process about the
/// package under test: a dependency's build script may watch them (ring watches
/// `CARGO_MANIFEST_DIR` and `CARGO_PKG_NAME`), and a build script run again with other values
/// would make the test build's next run recompile what depends on it.
pub fn cargo_without_test_env() -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cargo = Command::new(program);
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(is_test_package_env) {
            cargo.env_remove(key);
        }
    }
    cargo
}

/// What cargo sets for a test process about the package under test (for integration tests:
/// the package's own variables, the binaries' paths, the scratch directory).
fn is_test_package_env(key: &str) -> bool {
    key.starts_with("CARGO_PKG_")
        || key.starts_with("CARGO_BIN_EXE_")
        || [
            "CARGO_MANIFEST_DIR",
            "CARGO_MANIFEST_PATH",
            "CARGO_CRATE_NAME",
            "CARGO_BIN_NAME",
            "CARGO_PRIMARY_PACKAGE",
            "CARGO_TARGET_TMPDIR",
            "OUT_DIR",
        ]
        .contains(&key)
}
