//! `specforge diff` as users run it: exit codes, the four formats, the ignore file, invalid
//! specs, the next version, and the summary line of `generate` and `check`.

use std::path::Path;
use std::process::Output;

use crate::common::specforge;

fn fixture(rule: &str) -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff").join(rule);
    (dir.join("old.yaml").display().to_string(), dir.join("new.yaml").display().to_string())
}

fn diff(rule: &str, extra: &[&str]) -> Output {
    let (old, new) = fixture(rule);
    let mut args = vec!["diff", &old, &new, "--quiet", "--current-version", "1.4.2"];
    args.extend_from_slice(extra);
    specforge(&args)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The 1-based line of the first line of `file` that `contains` the text.
fn line_of(file: &str, text: &str) -> usize {
    std::fs::read_to_string(file).unwrap().lines().position(|line| line.contains(text)).expect("text in file") + 1
}

#[test]
fn a_spec_diffed_with_itself_reports_nothing_and_exits_zero() {
    let output = specforge(&["diff", "spec/restore-job.yaml", "spec/restore-job.yaml", "--fail-on", "patch"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("no API change"), "{}", stdout(&output));
}

#[test]
fn fail_on_exits_one_at_or_above_its_level() {
    for (rule, level, code) in [
        ("enum-value-added", "breaking", 0),
        ("enum-value-added", "additive", 1),
        ("enum-value-added", "patch", 1),
        ("docs", "additive", 0),
        ("docs", "patch", 1),
        ("field-removed", "breaking", 1),
    ] {
        let output = diff(rule, &["--fail-on", level]);
        assert_eq!(output.status.code(), Some(code), "{rule} --fail-on {level}: {}", stderr(&output));
    }
    // Without --fail-on, changes are reported, not failed on.
    assert_eq!(diff("field-removed", &[]).status.code(), Some(0));
}

#[test]
fn text_names_impact_item_and_next_version_without_colour_off_a_terminal() {
    let text = stdout(&diff("field-removed", &[]));
    assert!(text.contains("breaking `Thing.name` removed [models::Thing::name]"), "{text}");
    assert!(text.contains("summary: 1 breaking, 0 additive, 0 patch → next version 2.0.0"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal: {text:?}");
    let text = stdout(&diff("enum-value-added", &[]));
    assert!(text.contains("→ next version 1.5.0"), "{text}");
    let text = stdout(&diff("docs", &[]));
    assert!(text.contains("→ next version 1.4.3"), "{text}");
}

#[test]
fn zero_major_versions_bump_the_minor_on_a_break() {
    let (old, new) = fixture("field-removed");
    let text = stdout(&specforge(&["diff", &old, &new, "--quiet", "--current-version", "0.7.3"]));
    assert!(text.contains("→ next version 0.8.0"), "{text}");
    // Without --current-version, the version of the --out crate's manifest.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\nversion = \"3.1.0\"\n").unwrap();
    let out = dir.path().to_str().unwrap();
    let text = stdout(&specforge(&["diff", &old, &new, "--quiet", "--out", out]));
    assert!(text.contains("→ next version 4.0.0"), "{text}");
}

#[test]
fn json_has_one_object_per_change_with_stable_fields_and_spec_lines() {
    let (old, _) = fixture("field-removed");
    let output = diff("field-removed", &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["summary"]["breaking"], 1);
    assert_eq!(report["summary"]["next_version"], "2.0.0");
    assert_eq!(report["summary"]["by_kind"]["field"]["breaking"], 1);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change["impact"], "breaking");
    assert_eq!(change["kind"], "field");
    assert_eq!(change["rule"], "field-removed");
    assert_eq!(change["type_name"], "Thing");
    assert_eq!(change["rust_item"], "models::Thing::name");
    assert_eq!(change["pointer"], "#/components/schemas/Thing/properties/name");
    assert_eq!(change["side"], "old");
    assert_eq!(change["file"], old.as_str());
    // The property sits under `properties:` of `Thing`; its key line holds `name:`.
    let properties = line_of(&old, "    Thing:");
    let text = std::fs::read_to_string(&old).unwrap();
    let name_line =
        text.lines().enumerate().skip(properties).find(|(_, l)| l.trim_start().starts_with("name:")).unwrap().0 + 1;
    assert_eq!(change["line"], name_line);
    assert_eq!(change["ignored"], false);
}

#[test]
fn markdown_puts_the_summary_table_and_breaking_changes_first() {
    // 201 replaced by 200: one additive change, then one breaking change in diff order.
    let text = stdout(&diff("success-status-removed", &["--format", "markdown"]));
    assert!(text.contains("| kind | breaking | additive | patch |"), "{text}");
    assert!(text.contains("| response | 1 | 1 | 0 |"), "{text}");
    let breaking = text.find("### Breaking changes (1)").expect("a breaking section");
    let additive = text.find("Additive changes (1)").expect("an additive section");
    assert!(breaking < additive, "{text}");
    assert!(
        text.contains("| createThing | `operations::CreateThing::decode_response` | success status 201 removed |"),
        "{text}"
    );
}

#[test]
fn github_annotations_point_at_the_line_of_each_change() {
    // A removal points into the old spec, an addition into the new one.
    let (old, _) = fixture("operation-removed");
    let text = stdout(&diff("operation-removed", &["--format", "github"]));
    let removed = format!("::error file={old},line={},title=breaking API change", line_of(&old, "post:"));
    assert!(text.starts_with(&removed), "{removed} in\n{text}");
    let (_, new) = fixture("operation-added");
    let text = stdout(&diff("operation-added", &["--format", "github"]));
    let added = format!("::warning file={new},line={},title=additive API change", line_of(&new, "get:"));
    assert!(text.starts_with(&added), "{added} in\n{text}");
    let patch = stdout(&diff("docs", &["--format", "github"]));
    assert!(patch.starts_with("::notice "), "{patch}");
}

#[test]
fn an_ignore_file_accepts_breaks_by_operation_or_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let ignore = dir.path().join("accepted.txt");
    // A renamed operation's changes carry its new operationId.
    std::fs::write(&ignore, "# accepted\n\nmakeThing  renamed upstream, callers migrated\n").unwrap();
    let path = ignore.to_str().unwrap();
    let output = diff("operation-id-renamed", &["--ignore", path, "--fail-on", "breaking"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("ignored:"), "{text}");
    assert!(text.contains("(renamed upstream, callers migrated)"), "{text}");
    assert!(text.contains("summary: no API change (1 ignored)"), "{text}");
    // Ignored changes stay in the JSON, marked.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&diff("operation-id-renamed", &["--ignore", path, "--format", "json"]))).unwrap();
    let ignored: Vec<&serde_json::Value> =
        json["changes"].as_array().unwrap().iter().filter(|c| c["ignored"] == true).collect();
    assert_eq!(ignored.len(), 1);
    assert_eq!(ignored[0]["ignore_reason"], "renamed upstream, callers migrated");
    assert_eq!(json["summary"]["ignored"], 1);

    std::fs::write(&ignore, "#/components/schemas/Thing/properties/name  nobody reads it\n").unwrap();
    assert_eq!(diff("field-removed", &["--ignore", path, "--fail-on", "breaking"]).status.code(), Some(0));
    // A pointer elsewhere does not hide the break.
    std::fs::write(&ignore, "#/components/schemas/Thing/properties/size  other\n").unwrap();
    assert_eq!(diff("field-removed", &["--ignore", path, "--fail-on", "breaking"]).status.code(), Some(1));
}

#[test]
fn a_bad_ignore_file_exits_two_naming_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ignore = dir.path().join("accepted.txt");
    let path = ignore.to_str().unwrap();
    for (text, line, message) in [
        ("# header\ncreateThing ok\nnoSuchOperation  because\n", 3, "unknown operationId `noSuchOperation`"),
        ("createThing\n", 1, "has no reason"),
        ("\n\nnot/a/pointer reason\n", 3, "neither an operationId nor a JSON pointer"),
    ] {
        std::fs::write(&ignore, text).unwrap();
        let output = diff("operation-id-renamed", &["--ignore", path]);
        assert_eq!(output.status.code(), Some(2), "{text}");
        let error = stderr(&output);
        assert!(error.contains(&format!("{path}:{line}: ")), "{error}");
        assert!(error.contains(message), "{error}");
    }
}

#[test]
fn an_invalid_spec_exits_three_naming_its_side_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 7\n",
    )
    .unwrap();
    let (old, _) = fixture("docs");
    let bad = bad.to_str().unwrap();
    let output = specforge(&["diff", &old, bad]);
    assert_eq!(output.status.code(), Some(3));
    let error = stderr(&output);
    assert!(error.starts_with("error: NEW spec: "), "{error}");
    let after_file = error.split_once(&format!("{bad}:")).map(|(_, rest)| rest).unwrap_or_default();
    assert!(after_file.starts_with(|c: char| c.is_ascii_digit()), "the error names the file and line: {error}");
    let output = specforge(&["diff", bad, &old]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).starts_with("error: OLD spec: "), "{}", stderr(&output));
}

#[test]
fn generate_and_check_summarise_the_api_change_since_the_last_generation() {
    let (old, new) = fixture("field-removed");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let first = specforge(&["generate", "--spec", &old, "--out", out, "--quiet"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(!stderr(&first).contains("API change"), "nothing to compare with yet: {}", stderr(&first));
    let digest = std::fs::read_to_string(dir.path().join("specforge-api.json")).unwrap();
    assert!(digest.contains("\"spec_sha256\""), "{digest}");

    let stale = specforge(&["check", "--spec", &new, "--out", out, "--quiet"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(
        stderr(&stale).contains("API change since last generation: 1 breaking, 0 additive, 0 patch"),
        "{}",
        stderr(&stale)
    );

    let second = specforge(&["generate", "--spec", &new, "--out", out, "--quiet"]);
    assert!(second.status.success());
    let line = stderr(&second);
    assert!(
        line.contains("API change since last generation: 1 breaking, 0 additive, 0 patch → next version"),
        "{line}"
    );
    let third = specforge(&["generate", "--spec", &new, "--out", out, "--quiet"]);
    assert!(stderr(&third).contains("API change since last generation: no API change"), "{}", stderr(&third));
}

/// Approximation warnings describe both specs, not the change: `diff` prints only their count
/// unless `--verbose`, and nothing with `--quiet`.
#[test]
fn approximation_warnings_are_counted_unless_verbose() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-cli-warnings");
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("cookie.yaml");
    std::fs::write(
        &spec,
        "openapi: 3.0.3\ninfo: {title: Cookies, version: '1'}\npaths:\n  /things:\n    get:\n      \
         operationId: listThings\n      parameters:\n        - {name: session, in: cookie, schema: {type: string}}\n      \
         responses:\n        '204': {description: none}\n",
    )
    .unwrap();
    let spec = spec.display().to_string();
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", &spec, &spec, "--current-version", "1.0.0"];
        args.extend_from_slice(extra);
        let output = specforge(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stderr(&output)
    };
    let default = run(&[]);
    assert!(default.contains("1 warnings about approximated schemas in OLD, 1 in NEW"), "{default}");
    assert!(!default.contains("cookie parameters"), "{default}");
    let verbose = run(&["--verbose"]);
    assert!(verbose.contains("OLD: ") && verbose.contains("NEW: "), "{verbose}");
    assert!(verbose.contains("cookie parameters are not supported"), "{verbose}");
    assert_eq!(run(&["--quiet"]), "");
}
