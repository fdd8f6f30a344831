//! Each rule of `specforge diff` on a synthetic spec pair: `tests/fixtures/diff/<rule>/` holds
//! `old.yaml`, `new.yaml` and `expected.txt` (the verdict, then every change as
//! `IMPACT RULE RUST_ITEM`). `scripts/semver-agreement.sh` checks the same verdicts against
//! cargo-semver-checks on the generated crates. After a deliberate change of rules or names,
//! `EXPECTORATE=overwrite cargo test -p specforge --test suite diff_rules` rewrites the expected
//! files (review them with `git diff`).

use std::path::{Path, PathBuf};

use specforge::diff::{self, ApiModel, Impact};

fn model(spec: &Path) -> ApiModel {
    let (_, lowered) = specforge::Generator::new(spec).lower_only().unwrap_or_else(|e| panic!("{e}"));
    ApiModel::from_ir(&lowered.api)
}

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_rule_fixture_gets_its_verdict_and_rust_items() {
    let dirs = fixture_dirs();
    assert!(dirs.len() >= 30, "expected one fixture per rule, found {}", dirs.len());
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        let mut lines = expected.lines().filter(|line| !line.starts_with('#'));
        let verdict = lines.next().and_then(|l| l.strip_prefix("verdict ")).expect("a verdict line").to_owned();
        let mut want: Vec<String> = lines.map(str::to_owned).collect();
        let changes = diff::compare(&model(&dir.join("old.yaml")), &model(&dir.join("new.yaml")));
        let highest = changes.iter().map(|c| c.impact).max().map_or("none", Impact::as_str);
        let mut got: Vec<String> =
            changes.iter().map(|c| format!("{} {} {}", c.impact.as_str(), c.rule, c.rust_item)).collect();
        want.sort();
        got.sort();
        if std::env::var("EXPECTORATE").as_deref() == Ok("overwrite") {
            let header = expected.lines().filter(|line| line.starts_with('#')).collect::<Vec<_>>().join("\n");
            let text =
                format!("{header}\nverdict {highest}\n{}", got.iter().map(|l| format!("{l}\n")).collect::<String>());
            std::fs::write(dir.join("expected.txt"), text).unwrap();
            continue;
        }
        if highest != verdict || got != want {
            failures.push(format!("{name}: verdict {highest} (want {verdict})\n  got  {got:?}\n  want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_fixtures_cover_all_three_impacts() {
    let mut seen = [false; 3];
    for dir in fixture_dirs() {
        let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
        for (i, impact) in ["breaking", "additive", "patch"].iter().enumerate() {
            seen[i] |= expected.contains(&format!("verdict {impact}"));
        }
    }
    assert_eq!(seen, [true; 3]);
}

#[test]
fn a_spec_compared_with_itself_has_no_change() {
    for dir in fixture_dirs() {
        let old = model(&dir.join("old.yaml"));
        assert_eq!(diff::compare(&old, &old), Vec::new(), "{}", dir.display());
    }
    let fragment = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/restore-job.yaml");
    let api = model(&fragment);
    assert!(diff::compare(&api, &api).is_empty());
}

#[test]
fn the_recorded_digest_reads_back_as_the_same_model() {
    let dir = fixture_dirs().into_iter().next().unwrap();
    let api = model(&dir.join("old.yaml"));
    let digest = diff::ApiDigest::new(Some(b"spec"), api.clone());
    let text = digest.to_text();
    assert!(!text.contains("\n  "), "the digest is compact JSON");
    let back: diff::ApiDigest = serde_json::from_str(&text).unwrap();
    assert_eq!(back.api, api);
    // sha256sum of the four bytes `spec`.
    assert_eq!(back.spec_sha256.as_deref(), Some("d4f02eaafd1a9e9de7d10972ca8e47fa7a985825c3c9c1e249c72683cb3e4f19"));
}

#[test]
fn an_operation_id_renamed_under_stable_rust_names_is_a_patch() {
    // What `--operation-name-extension` makes of an upstream rename: a new operationId at the
    // same method and path, with the Rust names of the old one.
    let old = model(&fixture_dirs()[0].join("old.yaml"));
    let mut new = old.clone();
    let operation = new.operations.remove("createThing").expect("the fixture has createThing");
    new.operations.insert("makeThing".to_owned(), operation);
    let changes = diff::compare(&old, &new);
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!((changes[0].impact, changes[0].rule), (Impact::Patch, "operation-id-renamed"));
    assert_eq!(changes[0].operation_id.as_deref(), Some("makeThing"));
    assert!(changes[0].message.contains("`createThing` → `makeThing`"), "{}", changes[0].message);
}

/// The renames of the union-shapes change (unions of string enums became enums, union variants
/// named from the spec, optional nullable fields `Nullable`) are breaking for a crate generated
/// before it: the digest recorded by the generator before that change, for
/// `tests/specs/shapes.yaml`, against what the generator makes of the same spec now.
#[test]
fn the_union_shapes_migration_is_reported_as_breaking() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/migration/shapes-before-union-shapes.json")).unwrap();
    let before: diff::ApiDigest = serde_json::from_str(&text).unwrap();
    let now = model(&root.join("../tests/specs/shapes.yaml"));
    let changes = diff::compare(&before.api, &now);
    let found = |rule: &str, item: &str| {
        changes.iter().any(|c| c.impact == Impact::Breaking && c.rule == rule && c.rust_item == item)
    };
    let listed: Vec<String> =
        changes.iter().map(|c| format!("{} {} {}", c.impact.as_str(), c.rule, c.rust_item)).collect();
    // The region union became one enum.
    assert!(found("type-kind", "models::ClusterRegion"), "{listed:#?}");
    // `Variant2`-style names gave way to names from the spec: the old ones are removed.
    assert!(found("union-member-removed", "models::Schedule::Variant2"), "{listed:#?}");
    // The type of such a variant is the same schema under a new name: a rename.
    assert!(found("type-renamed", "models::ScheduleCron"), "{listed:#?}");
    let renamed = changes.iter().find(|c| c.rule == "type-renamed" && c.rust_item == "models::ScheduleCron");
    assert!(renamed.is_some_and(|c| c.message.contains("`ScheduleVariant")), "{renamed:?}");
    assert!(listed.contains(&"additive union-member-added models::Schedule::EveryHour".to_owned()), "{listed:#?}");
    // `Option<f64>` became `Nullable<f64>`.
    assert!(found("field-type", "models::ProcessArgs::oplog_min_retention_hours"), "{listed:#?}");
    assert_eq!(changes.iter().map(|c| c.impact).max(), Some(Impact::Breaking));
}
