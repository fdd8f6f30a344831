//! The `specforge` command: generate, check (stale detection with a diff), exit codes,
//! determinism.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("workspace root exists")
}

fn specforge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_specforge")).args(args).current_dir(workspace()).output().expect("specforge runs")
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn committed_crate_is_what_generate_writes() {
    let output = specforge(&["check"]);
    assert!(output.status.success(), "generated/ is stale:\n{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn check_fails_on_a_hand_edit_and_passes_after_regenerating() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&workspace().join("generated"), dir.path());
    let out = dir.path().to_str().unwrap();
    assert!(specforge(&["check", "--out", out]).status.success());

    let models = dir.path().join("src/models.rs");
    let edited = std::fs::read_to_string(&models)
        .unwrap()
        .replace("pub struct Link {", "pub struct Link {\n    pub hand_added: u8,");
    std::fs::write(&models, edited).unwrap();
    std::fs::write(dir.path().join("src/extra.rs"), "// not generated\n").unwrap();
    let output = specforge(&["check", "--out", out]);
    assert_eq!(output.status.code(), Some(1));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("-    pub hand_added: u8,"), "the diff shows the edit:\n{report}");
    assert!(report.contains("src/extra.rs"), "the report names the extra file:\n{report}");

    assert!(specforge(&["generate", "--out", out]).status.success());
    assert!(specforge(&["check", "--out", out]).status.success());
    assert!(!dir.path().join("src/extra.rs").exists());
    // What the user owns survives: tests, recordings and the manifest below its marker.
    assert!(dir.path().join("tests/recorded/get_restore_job_200.http").exists());
    assert!(std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap().contains("httparse = \"1\""));
}

#[test]
fn generation_is_deterministic_and_json_equals_yaml() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for dir in [&first, &second] {
        assert!(specforge(&["generate", "--out", dir.path().to_str().unwrap()]).status.success());
    }
    let json_dir = tempfile::tempdir().unwrap();
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(workspace().join("spec/restore-job.yaml")).unwrap()).unwrap();
    let json_spec = json_dir.path().join("restore-job.json");
    std::fs::write(&json_spec, serde_json::to_string_pretty(&yaml).unwrap()).unwrap();
    let json_out = json_dir.path().join("crate");
    let output = specforge(&["generate", "--spec", json_spec.to_str().unwrap(), "--out", json_out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for file in
        ["Cargo.toml", "README.md", "src/lib.rs", "src/models.rs", "src/operations/cloud_backups.rs", "src/patterns.rs"]
    {
        let a = std::fs::read_to_string(first.path().join(file)).unwrap();
        let b = std::fs::read_to_string(second.path().join(file)).unwrap();
        assert_eq!(a, b, "{file} differs between two runs");
        let from_json = std::fs::read_to_string(json_out.join(file)).unwrap();
        assert_eq!(a.replace("restore-job.yaml", "restore-job.json"), from_json, "{file} differs from JSON input");
    }
}

#[test]
fn exit_codes_tell_spec_errors_from_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("bad.yaml");
    std::fs::write(&spec, "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Missing'\n").unwrap();
    let output =
        specforge(&["generate", "--spec", spec.to_str().unwrap(), "--out", dir.path().join("out").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(3));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("bad.yaml:11:15"), "names file, line and column: {message}");
    assert!(
        message.contains("#/paths/~1a/get/responses/200/content/application~1json/schema"),
        "names the pointer: {message}"
    );
    assert!(message.contains("Missing"), "{message}");

    assert_eq!(specforge(&["generate", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(specforge(&["generate", "--spec", "does/not/exist.yaml"]).status.code(), Some(3));
}

#[test]
fn module_subcommand_writes_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.rs");
    assert!(specforge(&["module", "--out", out.to_str().unwrap()]).status.success());
    let text = std::fs::read_to_string(out).unwrap();
    let file = syn::parse_file(&text).expect("the module parses");
    let names: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => Some(module.ident.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["config", "models", "operations", "patterns", "runtime"]);
}
