//! The `specforge` command: generate, check (stale detection with a diff), exit codes,
//! determinism.

use std::path::Path;
use std::process::Command;

use crate::common::{file_tree, nested_cargo, specforge, workspace};

use file_tree::file_tree;

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

    // A file specforge did not write stops `generate` before it changes anything.
    let output = specforge(&["generate", "--out", out]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("src/extra.rs") && !message.contains("models.rs"), "{message}");
    assert!(std::fs::read_to_string(&models).unwrap().contains("hand_added"), "nothing was written");
    assert!(dir.path().join("src/extra.rs").exists());

    assert!(specforge(&["generate", "--out", out, "--force"]).status.success());
    assert!(specforge(&["check", "--out", out]).status.success());
    assert!(!dir.path().join("src/extra.rs").exists());
    // What the user owns survives: tests, recordings and the manifest below its marker.
    assert!(dir.path().join("tests/recorded/get_restore_job_200.http").exists());
    assert!(std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap().contains("httparse = \"1\""));
}

fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn generate_refuses_a_workspace_root_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"app\"]\n"),
            ("README.md", "# My workspace\n"),
            ("app/Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n"),
            ("app/src/main.rs", "fn main() {}\n"),
        ],
    );
    let before = file_tree(dir.path());
    let spec = workspace().join("spec/restore-job.yaml");
    let output = Command::new(env!("CARGO_BIN_EXE_specforge"))
        .args(["generate", "--spec", spec.to_str().unwrap(), "--out", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("Cargo.toml") && message.contains("README.md"), "lists the foreign files: {message}");
    assert!(message.contains("--force"), "says how to override: {message}");
    assert_eq!(file_tree(dir.path()), before, "nothing was created, replaced or removed");
}

#[test]
fn generate_refuses_a_user_crate_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    write_files(
        dir.path(),
        &[
            ("Cargo.toml", "[package]\nname = \"mine\"\nversion = \"0.1.0\"\n"),
            ("src/lib.rs", "pub mod mine;\n"),
            ("src/mine.rs", "pub fn mine() {}\n"),
        ],
    );
    let before = file_tree(dir.path());
    let out = dir.path().to_str().unwrap();
    let output = specforge(&["generate", "--out", out]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    for file in ["Cargo.toml", "src/lib.rs", "src/mine.rs"] {
        assert!(message.contains(file), "names {file}: {message}");
    }
    assert_eq!(file_tree(dir.path()), before, "the user's crate is untouched");
    // `check` says the same about the user's file.
    let report = String::from_utf8_lossy(&specforge(&["check", "--out", out]).stdout).into_owned();
    assert!(report.contains("src/mine.rs") && report.contains("refuses"), "{report}");

    assert!(specforge(&["generate", "--out", out, "--force"]).status.success());
    assert!(!dir.path().join("src/mine.rs").exists());
    assert!(specforge(&["check", "--out", out]).status.success());
}

#[test]
fn regenerating_a_generated_crate_needs_no_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    assert!(specforge(&["generate", "--out", out]).status.success());
    // Files the user adds where they belong are kept.
    write_files(dir.path(), &[("tests/mine.rs", "#[test]\nfn mine() {}\n")]);
    let output = specforge(&["generate", "--out", out, "--crate-name", "renamed-client"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap().contains("name = \"renamed-client\""));
    assert!(dir.path().join("tests/mine.rs").exists());
}

#[test]
fn a_failed_write_leaves_the_previous_crate_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    assert!(specforge(&["generate", "--out", out]).status.success());
    // A hand edit in models.rs (which regenerating replaces) and a directory where its staged
    // copy would go, so that staging fails after the manifest and lib.rs were staged.
    let models = dir.path().join("src/models.rs");
    let edited = std::fs::read_to_string(&models).unwrap() + "// hand edit\n";
    std::fs::write(&models, &edited).unwrap();
    std::fs::create_dir(dir.path().join("src/models.rs.specforge-tmp")).unwrap();
    let before = file_tree(dir.path());
    let output = specforge(&["generate", "--out", out, "--crate-name", "renamed-client"]);
    assert_eq!(output.status.code(), Some(4), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(file_tree(dir.path()), before, "no file changed and no temporary file is left");
    assert!(std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap().contains("mongodb-atlas-admin-api"));
}

#[test]
fn module_refuses_to_replace_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.rs");
    std::fs::write(&out, "fn mine() {}\n").unwrap();
    let output = specforge(&["module", "--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "fn mine() {}\n");
    assert!(specforge(&["module", "--out", out.to_str().unwrap(), "--force"]).status.success());
    // Once it is a generated module, regenerating it needs no force.
    assert!(specforge(&["module", "--out", out.to_str().unwrap()]).status.success());
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("// Generated by specforge"));
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

/// `module` writes the library's single file, and with `--no-pretty` the library's fast path
/// (`Generator::pretty(false)`), byte for byte; that the two define the same items is the
/// end-to-end suite's `unformatted` test.
#[test]
fn module_subcommand_writes_the_librarys_single_file_pretty_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.rs");
    let fragment = specforge::Generator::new(workspace().join("spec/restore-job.yaml")).tag_features(false);
    let mut printed = Vec::new();
    for (extra, generator) in [(None, fragment.clone()), (Some("--no-pretty"), fragment.pretty(false))] {
        let mut args = vec!["module", "--quiet", "--out", out.to_str().unwrap()];
        args.extend(extra);
        let output = specforge(&args);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let expected = generator.generate().and_then(|generation| generation.single_file()).unwrap();
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written == expected, "`specforge {}` wrote other text than the library gives", args.join(" "));
        printed.push(written);
    }
    assert_ne!(printed[0], printed[1], "--no-pretty skips the layout");
}

const RENAMED_SPEC: &str = r#"openapi: 3.0.3
info:
  title: Renames
  version: "1"
paths:
  /users:
    get:
      operationId: listProjectUsers
      x-xgen-operation-id-override: listUsers
      responses:
        "404":
          description: No such project.
  /clusters:
    get:
      operationId: listGroupClusters
      x-xgen-operation-id-override: listClusters
      responses:
        "204":
          description: Listed.
"#;

#[test]
fn operation_names_can_come_from_an_extension() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("renames.yaml");
    std::fs::write(&spec, RENAMED_SPEC).unwrap();
    let extension = "x-xgen-operation-id-override";

    let api = specforge::Generator::new(&spec).operation_name_extension(extension).generate().unwrap().api;
    let names: Vec<(&str, &str, &str, &str)> = api
        .operations
        .iter()
        .map(|op| (op.operation_id.as_str(), op.type_name.as_str(), op.fn_name.as_str(), op.error_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("listGroupClusters", "ListClusters", "list_clusters", "ListClustersError"),
            ("listProjectUsers", "ListUsers", "list_users", "ListUsersError"),
        ]
    );
    // Without the option the operationIds name them.
    let plain = specforge::Generator::new(&spec).generate().unwrap().api;
    assert_eq!(plain.operations[0].type_name, "ListGroupClusters");

    // The command-line flag does the same, and the operationId stays what is sent and shown.
    let out = dir.path().join("crate");
    let output = specforge(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--operation-name-extension",
        extension,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let module = std::fs::read_to_string(out.join("src/operations/mod.rs")).unwrap()
        + &std::fs::read_to_string(out.join("src/operations/other.rs")).unwrap_or_default();
    assert!(module.contains("pub struct ListClusters") && module.contains("pub enum ListUsersError"), "{module}");
    assert!(module.contains("\"listGroupClusters\""), "{module}");
    let output = specforge(&[
        "check",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--operation-name-extension",
        extension,
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn an_extension_name_that_collides_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("renames.yaml");
    let colliding =
        RENAMED_SPEC.replace("x-xgen-operation-id-override: listClusters", "x-xgen-operation-id-override: listUsers");
    std::fs::write(&spec, colliding).unwrap();
    let error = specforge::Generator::new(&spec)
        .operation_name_extension("x-xgen-operation-id-override")
        .generate()
        .unwrap_err()
        .to_string();
    assert!(error.contains("renames.yaml:16"), "names the line of the extension: {error}");
    assert!(error.contains("#/paths/~1clusters/get/x-xgen-operation-id-override"), "names the pointer: {error}");
    assert!(error.contains("listProjectUsers") && error.contains("listGroupClusters"), "{error}");

    let not_a_name =
        RENAMED_SPEC.replace("x-xgen-operation-id-override: listClusters", "x-xgen-operation-id-override: [1]");
    std::fs::write(&spec, not_a_name).unwrap();
    let output = specforge(&[
        "generate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        dir.path().join("crate").to_str().unwrap(),
        "--operation-name-extension",
        "x-xgen-operation-id-override",
    ]);
    assert_eq!(output.status.code(), Some(3));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("renames.yaml:16") && message.contains("non-empty string"), "{message}");
}

/// The verbs as `--help` lists them, so that a new verb is checked without editing the test.
fn verbs() -> Vec<String> {
    let output = specforge(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout).into_owned();
    let commands = help.lines().skip_while(|line| !line.starts_with("Commands:")).skip(1);
    commands
        .take_while(|line| line.starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|verb| *verb != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_verb_help_shows_an_example() {
    let verbs = verbs();
    assert!(verbs.len() >= 4, "`--help` lists the verbs: {verbs:?}");
    for verb in verbs {
        let output = specforge(&[&verb, "--help"]);
        assert!(output.status.success(), "`{verb} --help` fails");
        let help = String::from_utf8_lossy(&output.stdout);
        let example = help.lines().skip_while(|line| !line.starts_with("Example")).skip(1);
        let invocation = format!("specforge {verb} ");
        assert!(
            example.take_while(|line| !line.trim().is_empty()).any(|line| line.trim_start().starts_with(&invocation)),
            "`{verb} --help` shows no example of `{invocation}…`:\n{help}"
        );
    }
}

#[test]
fn generate_into_a_new_directory_named_relative_to_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let spec = workspace().join("spec/restore-job.yaml");
    let run = |verb: &str| {
        Command::new(env!("CARGO_BIN_EXE_specforge"))
            .args([verb, "--out", "my-api-client", "--spec"])
            .arg(&spec)
            .current_dir(dir.path())
            .output()
            .expect("specforge runs")
    };
    let output = run("generate");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(dir.path().join("my-api-client/src/lib.rs").is_file());
    assert!(run("check").status.success());
}

#[test]
fn module_with_the_runtime_crate_inlines_no_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.rs");
    let output = specforge(&["module", "--runtime", "crate", "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(out).unwrap();
    let file = syn::parse_file(&text).expect("the module parses");
    let modules: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) => Some(module.ident.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(modules, ["config", "models", "operations", "patterns", "runtime"]);
    // The runtime module re-exports the crate, with a `Call` of the client's own; nothing of
    // the runtime's sources is inlined.
    assert!(text.contains("pub use ::specforge_runtime::*;"), "{text}");
    assert!(!text.contains("pub struct ReqwestTransport"), "no runtime sources");
    assert!(text.contains("pub trait ClientExt"), "the client's methods come from a trait");
    assert!(text.contains("::specforge_runtime::serde::Deserializer"), "serde through the runtime");
    assert!(!text.contains(" serde::") && !text.contains("<serde::") && !text.contains(" chrono::"), "{text}");
}

/// `generate --runtime crate` of the schema-forms fixture (unions with and without a
/// discriminator, a newtype, string enums, dates, optional parameters, a multipart body), two
/// of its patterns changed into ones that need `regex` and `fancy-regex`: a crate whose
/// manifest depends on `specforge-runtime` alone, with no runtime sources, which `cargo check`
/// passes without a warning, the runtime's optional parts included. It is checked outside the
/// workspace, with the workspace's lock file, in the test build's target directory
/// ([`nested_cargo`]), so that its dependencies are compiled once.
#[test]
fn generate_with_the_runtime_crate_writes_a_crate_that_depends_on_it_alone_and_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("forms");
    let forms = std::fs::read_to_string(workspace().join("tests/specs/forms.yaml")).unwrap();
    // A Unicode class (the `regex` crate) and a look-ahead (`fancy-regex`).
    let patterns =
        [(r#""^\\d{4}-\\d{2}-\\d{2}$""#, r#""^\\p{Lu}\\w*$""#), (r#""^(DAILY|WEEKLY)$""#, r#""^(?!NEVER)[A-Z]+$""#)];
    let mut text = forms;
    for (from, to) in patterns {
        assert!(text.contains(from), "forms.yaml has {from}");
        text = text.replace(from, to);
    }
    let spec = dir.path().join("forms.yaml");
    std::fs::write(&spec, text).unwrap();
    let output = specforge(&[
        "generate",
        "--runtime",
        "crate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!out.join("src/runtime").exists(), "no vendored runtime");
    assert!(out.join("src/runtime.rs").is_file(), "the runtime module re-exports the crate");
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    let dependencies: Vec<&str> = manifest
        .lines()
        .skip_while(|line| *line != "[dependencies]")
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.trim().is_empty())
        .collect();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        dependencies,
        [format!(
            "specforge-runtime = {{ version = \"{version}\", default-features = false, features = [\"chrono\", \"regex\", \"fancy-regex\"] }}"
        )]
    );
    assert!(manifest.contains("mock = [\"specforge-runtime/mock\"]"), "{manifest}");
    assert!(manifest.contains("# Regenerate with: specforge generate --runtime crate"), "{manifest}");
    let runtime_module = std::fs::read_to_string(out.join("src/runtime.rs")).unwrap();
    assert!(runtime_module.contains("pub use ::specforge_runtime::*;"), "{runtime_module}");
    let check = specforge(&[
        "check",
        "--runtime",
        "crate",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));

    // Built as a user with a checkout of this repository would: the runtime from its path.
    let runtime = workspace().join("runtime");
    let mut manifest = manifest;
    manifest.push_str(&format!("\n[patch.crates-io]\nspecforge-runtime = {{ path = {:?} }}\n\n[workspace]\n", runtime));
    std::fs::write(out.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let output = nested_cargo()
        .args(["check", "--all-features", "--message-format", "short", "--color", "never", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .current_dir(&out)
        .env("CARGO_INCREMENTAL", "0")
        // No debug info, as the end-to-end suite builds its generated crates: this check and
        // theirs then share their dependencies (130 of the 131 units of the committed crate's
        // `cargo check`: reqwest, hyper, rustls, ...), compiled once for both.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo check fails:\n{stderr}");
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning")).collect();
    assert!(warnings.is_empty(), "warnings: {warnings:?}\n{stderr}");
}
