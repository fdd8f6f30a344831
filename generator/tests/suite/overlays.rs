//! OpenAPI Overlays (`--overlay`, `Generator::overlay`): each action kind in 1.0.0 and 1.1.0,
//! stale actions (warning, `--strict-overlays` error), multi-file and Swagger 2.0 input, what
//! the generated crate records, `diff --overlay`, bad overlays (exit 3, located), and the
//! Atlas example of docs/overlays.md.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{self, specforge, workspace};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/overlays").join(name)
}

fn pets() -> PathBuf {
    fixture("pets.yaml")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The client generated from `spec` with `overlays`, as one file.
fn module(spec: &Path, overlays: &[&str]) -> String {
    let mut generator = specforge::Generator::new(spec).tag_features(false);
    for overlay in overlays {
        generator = generator.overlay(fixture(overlay));
    }
    generator.generate().expect("generates").single_file().expect("one file")
}

/// The client generated from `spec` with one overlay written here as `file_name` (its extension
/// says YAML or JSON), every action required to match, as one file.
fn module_with_overlay(spec: &Path, file_name: &str, overlay_text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let overlay = dir.path().join(file_name);
    std::fs::write(&overlay, overlay_text).unwrap();
    let generator = specforge::Generator::new(spec).tag_features(false).overlay(&overlay).strict_overlays(true);
    generator.generate().expect("generates").single_file().expect("one file")
}

#[test]
fn an_update_merges_into_objects_and_appends_to_arrays_1_0() {
    let before = module(&pets(), &[]);
    let after = module(&pets(), &["update-1.0.yaml"]);
    assert!(!before.contains("pub age:") && after.contains("pub age: Option<i64>"), "a property merged in");
    assert!(after.contains("/// A pet, as the overlay describes it."), "a description merged in");
    // `required: [kind]` was appended to `required: [name]`: both are now required.
    assert!(before.contains("pub kind: Option<PetKind>"));
    assert!(after.contains("pub name: String") && after.contains("pub kind: PetKind,"), "{after}");
    // An update of an array (the enum) appends one entry.
    assert!(!before.contains("Bird") && after.contains("Self::Bird => \"bird\""));
}

#[test]
fn a_remove_deletes_every_node_a_filter_selects_1_0_json() {
    let before = module(&pets(), &[]);
    let after = module(&pets(), &["remove-1.0.json"]);
    assert!(before.contains("pub fn list_stores(") && before.contains("pub fn create_store("));
    assert!(
        !after.contains("pub fn list_stores(") && !after.contains("pub fn create_store("),
        "stores operations gone"
    );
    assert!(!after.contains("pub struct Store"), "the schema is gone too");
    assert!(after.contains("pub fn list_pets("), "the other tag stays");
}

#[test]
fn a_remove_in_1_1_and_actions_applied_in_order_across_overlays() {
    let after = module(&pets(), &["remove-1.1.yaml"]);
    assert!(after.contains("pub fn list_stores(") && !after.contains("pub fn create_store("));
    // Two overlays, in order: the copy adds `name` to Store, then the update adds to Pet.
    let both = module(&pets(), &["copy-1.1.yaml", "update-1.0.yaml"]);
    assert!(both.contains("pub age: Option<i64>"));
    let store = both.split("pub struct Store {").nth(1).expect("Store is generated");
    assert!(store.split('}').next().is_some_and(|fields| fields.contains("pub name: Option<String>")));
}

#[test]
fn a_copy_merges_the_source_node_into_the_target_1_1() {
    let before = module(&pets(), &[]);
    let after = module(&pets(), &["copy-1.1.yaml"]);
    let fields = |text: &str| {
        let store = text.split("pub struct Store {").nth(1).expect("Store is generated").to_owned();
        store.split('}').next().unwrap_or_default().to_owned()
    };
    assert!(!fields(&before).contains("pub name:"));
    let after_fields = fields(&after);
    assert!(after_fields.contains("pub city: Option<String>"), "kept: {after_fields}");
    assert!(after_fields.contains("pub name: Option<String>") && after_fields.contains("pub kind: Option<StoreKind>"));
}

#[test]
fn an_action_matching_nothing_is_a_warning_naming_file_index_and_target() {
    let generation = specforge::Generator::new(pets()).overlay(fixture("stale.yaml")).generate().expect("generates");
    let stale: Vec<String> = generation.warnings.iter().map(ToString::to_string).collect();
    let expected = format!(
        "warning: at {}#/actions/1: overlay action 1: its target `$.components.schemas.Cat` matches nothing in the spec",
        fixture("stale.yaml").display()
    );
    assert!(stale.contains(&expected), "{stale:?}");
    assert_eq!(stale.iter().filter(|w| w.contains("overlay action")).count(), 1, "action 0 matched: {stale:?}");

    let output = specforge(&[
        "module",
        "--spec",
        text(&pets()),
        "--overlay",
        text(&fixture("stale.yaml")),
        "--out",
        text(&tempfile::tempdir().unwrap().path().join("client.rs")),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("overlay action 1: its target `$.components.schemas.Cat` matches nothing"));
}

#[test]
fn strict_overlays_make_a_stale_action_an_error() {
    let error = specforge::Generator::new(pets())
        .overlay(fixture("stale.yaml"))
        .strict_overlays(true)
        .generate()
        .expect_err("a stale action fails");
    let specforge::Error::Spec(error) = error else { panic!("a spec error: {error}") };
    assert_eq!(error.file, fixture("stale.yaml"));
    assert_eq!(error.location.map(|l| l.line), Some(9), "the action's target line");
    assert!(error.message.contains("action 1") && error.message.contains("$.components.schemas.Cat"), "{error}");

    let dir = tempfile::tempdir().unwrap();
    let output = specforge(&[
        "module",
        "--spec",
        text(&pets()),
        "--overlay",
        text(&fixture("stale.yaml")),
        "--strict-overlays",
        "--out",
        text(&dir.path().join("client.rs")),
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert!(stderr(&output).contains("stale.yaml:9:5: at #/actions/1/target: overlay action 1"), "{}", stderr(&output));
    assert!(!dir.path().join("client.rs").exists());
}

#[test]
fn bad_overlays_exit_three_with_file_line_and_action() {
    let cases = [
        ("version-missing.yaml", None, "the `overlay` version field is missing"),
        ("version-wrong.yaml", Some(":1:1: at #/overlay"), "Overlay version `2.0.0` is not supported"),
        ("unknown-field.yaml", Some(":9:5: at #/actions/1/remvoe"), "unknown field `remvoe`"),
        ("jsonpath.yaml", Some(":8:5: at #/actions/1/target"), "action 1: `target` is not an RFC 9535 JSONPath query"),
        ("update-kind.yaml", Some(":7:5: at #/actions/0/update"), "the target `$.info.title` selects a string"),
        (
            "copy-from-nothing.yaml",
            Some(":10:5: at #/actions/1/copy"),
            "`copy` source `$.components.schemas.Cat` selects nothing",
        ),
        ("copy-in-1.0.yaml", Some(":7:5: at #/actions/0/copy"), "`copy` is an Overlay 1.1 field"),
    ];
    let spec_before = std::fs::read(pets()).unwrap();
    for (name, place, message) in cases {
        let overlay = fixture(&format!("bad/{name}"));
        let dir = tempfile::tempdir().unwrap();
        for verb in ["generate", "module"] {
            let out = dir.path().join("out");
            let output = specforge(&[verb, "--spec", text(&pets()), "--overlay", text(&overlay), "--out", text(&out)]);
            let error = stderr(&output);
            assert_eq!(output.status.code(), Some(3), "{name} ({verb}): {error}");
            assert!(error.starts_with(&format!("error: {}", overlay.display())), "{name}: {error}");
            if let Some(place) = place {
                assert!(error.contains(&format!("{name}{place}:")), "{name}: {error}");
            }
            assert!(error.contains(message), "{name}: {error}");
            assert!(!out.exists(), "{name}: nothing written");
        }
    }
    assert_eq!(std::fs::read(pets()).unwrap(), spec_before, "the spec is never modified");
}

#[test]
fn overlays_apply_to_the_bundled_multi_file_document() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/multifile/api.yaml");
    // `owner` is a component only in the bundled document: models/owner.yaml became it.
    let text = module_with_overlay(
        &spec,
        "multifile.yaml",
        "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.owner.properties\n    update:\n      email: {type: string}\n  - target: $.components.schemas.Pet\n    update: {description: Bundled and overlaid.}\n",
    );
    assert!(text.contains("/// Bundled and overlaid."));
    let owner = text.split("pub struct Owner {").nth(1).expect("Owner is generated");
    assert!(owner.split('}').next().is_some_and(|fields| fields.contains("pub email: Option<String>")), "{owner}");
}

#[test]
fn overlays_apply_to_swagger_2_before_the_upgrade() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/swagger2.yaml");
    // 2.0 places: `definitions`, and `parameters` at the top level.
    let text = module_with_overlay(
        &spec,
        "swagger.json",
        r#"{"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": [
            {"target": "$.definitions.Problem", "update": {"description": "Written against the 2.0 document."}},
            {"target": "$.parameters.limit", "update": {"maximum": 50}}
        ]}"#,
    );
    assert!(text.contains("/// Written against the 2.0 document."));
    assert!(text.contains("50"), "the upgraded parameter keeps the overlay's maximum");
}

#[test]
fn the_crate_records_its_overlays_and_check_sees_them_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let overlay = dir.path().join("mine.yaml");
    std::fs::copy(fixture("update-1.0.yaml"), &overlay).unwrap();
    let spec = pets();
    let base = ["--spec", text(&spec), "--out", text(&out)];
    let with = |verb: &str| {
        let mut args = vec![verb];
        args.extend(base);
        args.extend(["--overlay", text(&overlay)]);
        specforge(&args)
    };
    let output = with("generate");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("with overlays: mine.yaml ("), "{}", stderr(&output));
    let digest = specforge::diff::ApiDigest::read(&out).expect("a digest");
    assert_eq!(digest.overlays.len(), 1);
    assert_eq!(digest.overlays[0].file, "mine.yaml");
    assert_eq!(digest.overlays[0].sha256.len(), 64);
    // Where the overlay is, from the spec's directory: `check` finds it there.
    let recorded = digest.overlays[0].path.as_deref().expect("a recorded path");
    assert_eq!(spec.parent().unwrap().join(recorded).canonicalize().unwrap(), overlay.canonicalize().unwrap());
    assert!(with("check").status.success());

    // Checked without `--overlay`: the recorded overlays are applied again, and said so.
    let mut args = vec!["check"];
    args.extend(base);
    let output = specforge(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("applying the overlays the crate was generated with: mine.yaml ("),
        "{}",
        stderr(&output)
    );

    // An edited overlay makes the crate stale even when the API it yields is the same.
    let edited = std::fs::read_to_string(&overlay).unwrap() + "# a comment changes the digest\n";
    std::fs::write(&overlay, edited).unwrap();
    let output = with("check");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("(overlays changed: was mine.yaml ("), "{}", stderr(&output));
    // Without `--overlay`, the recorded one is not applied (it is not what the crate was made
    // with any more): stale, saying which overlays were recorded and why this one was not used.
    let output = specforge(&args);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("the crate was generated with overlays [mine.yaml ("), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "recorded overlay not applied: {} has changed since the crate was generated",
            spec.parent().unwrap().join(recorded).display()
        )),
        "{}",
        stderr(&output)
    );
    let output = with("generate");
    assert!(stderr(&output).contains("API change since last generation: no API change (overlays changed"));
    assert!(with("check").status.success());
}

#[test]
fn diff_applies_the_overlay_to_both_sides_and_lists_actions_that_stopped_matching() {
    let dir = tempfile::tempdir().unwrap();
    // NEW drops the store's `city`: the overlay's action on it stops matching.
    let new = dir.path().join("pets-new.yaml");
    let old_text = std::fs::read_to_string(pets()).unwrap();
    std::fs::write(
        &new,
        old_text.replace("        city:\n          type: string\n", "        zip:\n          type: string\n"),
    )
    .unwrap();
    let overlay = dir.path().join("diff.yaml");
    std::fs::write(
        &overlay,
        "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/stores']\n    remove: true\n  - target: $.components.schemas.Store.properties.city\n    update: {description: The city.}\n",
    )
    .unwrap();
    let output = specforge(&[
        "diff",
        text(&pets()),
        text(&new),
        "--overlay",
        text(&overlay),
        "--current-version",
        "1.0.0",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    // Both sides lost `/stores`: no operation change is reported, only the field.
    assert!(!report.contains("listStores"), "{report}");
    assert!(report.contains("city") && report.contains("zip"), "{report}");
    let message = stderr(&output);
    assert!(
        message.contains(&format!(
            "overlay action stopped matching: {}#/actions/1 (target `$.components.schemas.Store.properties.city`): 1 node(s) in OLD, none in NEW",
            overlay.display()
        )),
        "{message}"
    );
    assert!(!message.contains("#/actions/0 (target"), "action 0 matches both: {message}");
}

/// The overlay of docs/overlays.md, applied to the full Atlas spec.
#[test]
fn the_atlas_example_removes_a_tag_and_annotates_the_hardware_union() {
    let overlay = workspace().join("docs/atlas-overlay.yaml");
    let docs = std::fs::read_to_string(workspace().join("docs/overlays.md")).unwrap();
    let overlay_text = std::fs::read_to_string(&overlay).unwrap();
    assert!(docs.contains(overlay_text.trim()), "docs/overlays.md shows docs/atlas-overlay.yaml as it is");

    let spec = common::atlas_spec();
    let (_, before) = specforge::Generator::new(&spec).lower_only().expect("Atlas lowers");
    let (source, after) =
        specforge::Generator::new(&spec).overlay(&overlay).strict_overlays(true).lower_only().expect("Atlas lowers");
    assert!(source.overlays()[0].actions.iter().all(|action| action.matched > 0));
    let ids = |lowered: &specforge::lower::Lowered| {
        lowered.api.operations.iter().map(|op| op.operation_id.clone()).collect::<std::collections::BTreeSet<_>>()
    };
    let removed: Vec<_> = ids(&before).difference(&ids(&after)).cloned().collect();
    assert!(removed.contains(&"listAccessLogsByClusterName".to_owned()), "{removed:?}");
    assert!(ids(&after).is_subset(&ids(&before)));
    assert!(after.api.groups.iter().all(|group| group.tag != "Access Tracking"));
    let hardware = |lowered: &specforge::lower::Lowered| {
        lowered.api.types.iter().find(|t| t.name == "HardwareSpec20240805").and_then(|t| t.doc.clone())
    };
    assert!(hardware(&after).is_some_and(|doc| doc.contains("providerName")), "{:?}", hardware(&after));
    assert_ne!(hardware(&before), hardware(&after));
}
