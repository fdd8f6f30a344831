//! The crate's `rust-version` claim holds: it is at least the highest `rust-version` declared
//! by any package its locked normal and build dependencies pull in (on any platform), as
//! `cargo metadata` reports them from the lock file.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value;

fn version(text: &str) -> Vec<u64> {
    text.split('.').map(|part| part.parse().unwrap_or_else(|_| panic!("rust-version `{text}`"))).collect()
}

#[test]
fn rust_version_is_what_the_locked_dependencies_need() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        // Not offline: packages of other platforms (wasm-only ones behind reqwest's `stream`
        // feature) are not fetched by a host build, and the claim covers every platform.
        .args(["metadata", "--format-version", "1", "--locked", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let package = |id: &str| packages.iter().find(|p| p["id"] == id).expect("every resolved id is a package");
    let root =
        packages.iter().find(|p| p["name"] == env!("CARGO_PKG_NAME")).expect("this crate")["id"].as_str().expect("id");
    let nodes = metadata["resolve"]["nodes"].as_array().expect("resolve nodes");
    let (mut seen, mut pending) = (BTreeSet::new(), vec![root.to_owned()]);
    while let Some(id) = pending.pop() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let node = nodes.iter().find(|n| n["id"] == id.as_str()).expect("node");
        for dep in node["deps"].as_array().expect("deps") {
            let runtime_dep = dep["dep_kinds"].as_array().expect("dep_kinds").iter().any(|k| k["kind"] != "dev");
            if runtime_dep {
                pending.push(dep["pkg"].as_str().expect("pkg").to_owned());
            }
        }
    }
    let needed = seen
        .iter()
        .filter(|id| id.as_str() != root)
        .filter_map(|id| Some((version(package(id)["rust_version"].as_str()?), package(id)["name"].to_string())))
        .max()
        .expect("some dependency declares a rust-version");
    let claimed = version(env!("CARGO_PKG_RUST_VERSION"));
    assert!(
        claimed >= needed.0,
        "rust-version {} is below {:?}, which {} declares",
        env!("CARGO_PKG_RUST_VERSION"),
        needed.0,
        needed.1
    );
}
