//! Names from the spec's extensions and the user's own types, as far as generation goes
//! (compiling crates with replaced types is `tests/tests/suite/replace.rs`): `x-rust-name` on a
//! component schema, an inline schema, a property, an operation and a parameter, and
//! `x-rust-variant-names` on a string enum (fixture `fixtures/names/names.yaml`); casing and
//! collisions warned at the extension; bad values refused with a located error; the configured
//! operation-name extension beside `x-rust-name`; `diff` reporting a renamed type as a rename;
//! the Atlas overlay's renames on the full spec; `--replace` naming a schema the spec lacks.

use std::path::{Path, PathBuf};

use crate::common::{self, specforge, workspace};

fn names_spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names/names.yaml")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A spec written into `dir` as `names.yaml`.
fn write_spec(dir: &Path, spec: &str) -> PathBuf {
    let path = dir.join("names.yaml");
    std::fs::write(&path, spec).unwrap();
    path
}

/// The warnings of generating `spec`, as printed.
fn warnings(spec: &Path) -> Vec<String> {
    let generation = specforge::Generator::new(spec).generate().expect("generates");
    generation.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn x_rust_name_names_each_site() {
    let module = specforge::Generator::new(names_spec())
        .tag_features(false)
        .generate()
        .expect("generates")
        .single_file()
        .expect("one file");
    // A component schema, and the inline enum of its property named after it and the field.
    assert!(module.contains("pub struct AwsKmsEarPrivateEndpoint {"), "{module}");
    assert!(!module.contains("Awskmsear"), "no type keeps the badly cased name");
    assert!(module.contains("pub state: Option<AwsKmsEarPrivateEndpointState>,"));
    // A property: the field and its setter.
    assert!(module.contains("pub failure: Option<String>,") && module.contains("pub fn failure(mut self"));
    assert!(!module.contains("error_message"));
    // Enum values, on an inline enum and on a component enum.
    assert!(
        module.contains("Self::Waiting => \"PENDING_ACCEPTANCE\"") && module.contains("Self::Broken => \"FAILED\"")
    );
    assert!(module.contains("Self::Active => \"ACTIVE\""), "values without a given name keep theirs");
    assert!(module.contains("Self::Virginia => \"us-east-1\"") && module.contains("Self::Ireland => \"eu-west-1\""));
    // An inline request body schema.
    assert!(module.contains("pub struct EndpointPatch {") && module.contains("body: models::EndpointPatch"));
    // An operation: its builder, client method and error enum.
    assert!(module.contains("pub struct GetKmsEndpoint {") && module.contains("pub fn get_kms_endpoint("));
    // Its error enum: its own, or shared with operations whose errors are the same.
    assert!(
        module.contains("pub enum GetKmsEndpointError {") || module.contains("pub type GetKmsEndpointError = super::"),
        "{module}"
    );
    assert!(!module.contains("get_awskmsear"));
    // Parameters: a path parameter, a query parameter, and a keyword escaped as any name is.
    assert!(module.contains("pub fn new(id: impl Into<String>) -> Self"), "{module}");
    assert!(module.contains("pub fn with_total(mut self, with_total: bool)"));
    assert!(module.contains("pub fn r#type(mut self, r#type: impl Into<String>)"));
    // Names as written need no warning.
    let warnings = warnings(&names_spec());
    assert!(warnings.iter().all(|w| !w.contains("x-rust-name")), "{warnings:?}");
}

#[test]
fn casing_and_collisions_are_warned_at_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        r##"openapi: 3.0.3
info: {title: Names, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - {name: limit, in: query, x-rust-name: pageSize, schema: {type: integer}}
        - {name: page_size, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Alpha"}
components:
  schemas:
    Alpha:
      type: object
      x-rust-name: Beta
      properties:
        first: {type: string, x-rust-name: second}
        second: {type: string}
        kind:
          type: string
          enum: [a, b]
          x-rust-variant-names: {a: B, c: Gone}
    Beta:
      type: object
      properties:
        id: {type: string}
    Gamma:
      type: object
      x-rust-name: gamma_ray
      properties:
        id: {type: string}
"##,
    );
    let warnings = warnings(&spec);
    let expect = |needle: &str| {
        assert!(warnings.iter().any(|w| w.contains(needle)), "no warning `{needle}` in {warnings:?}");
    };
    // `Alpha` claims `Beta` first (components are named in name order): the schema called
    // `Beta` is numbered, as any colliding name is.
    expect(
        "at #/components/schemas/Beta: schema name `Beta` collides with another name in Rust; it is emitted as `Beta2`",
    );
    expect("at #/components/schemas/Gamma/x-rust-name: `x-rust-name` `gamma_ray` is not an UpperCamelCase type name; the type is `GammaRay`");
    expect("at #/components/schemas/Alpha/properties/second: property `second` collides with another in Rust; its field is `second2`");
    expect("at #/paths/~1a/get/parameters/0/x-rust-name: `x-rust-name` `pageSize` is not a snake_case name; the setter is `page_size`");
    expect("at #/paths/~1a/get/parameters/1: parameter `page_size` collides with another in Rust; its setter is `page_size_2`");
    expect("at #/components/schemas/Alpha/properties/kind/x-rust-variant-names/c: `x-rust-variant-names` names the value `c`, which the enum does not list");
    expect("at #/components/schemas/Alpha/properties/kind: enum value `b` collides with another in Rust; its variant is `B2`");
    let api = specforge::Generator::new(&spec).generate().unwrap().api;
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"Beta") && names.contains(&"Beta2") && names.contains(&"GammaRay"), "{names:?}");
}

#[test]
fn a_bad_extension_value_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "      x-rust-name: 42\n",
            ":8:7: at #/components/schemas/Thing/x-rust-name:",
            "`x-rust-name` must be a non-empty string",
        ),
        ("      x-rust-name: '--'\n", ":8:7: at #/components/schemas/Thing/x-rust-name:", "found `\"--\"`"),
        (
            "      x-rust-variant-names: [a]\n",
            ":8:7: at #/components/schemas/Thing/x-rust-variant-names:",
            "must map enum values",
        ),
        (
            "      x-rust-type: 'not a path!'\n",
            ":8:7: at #/components/schemas/Thing/x-rust-type:",
            "is not a Rust type path",
        ),
    ];
    for (extension, place, message) in cases {
        let spec = write_spec(
            dir.path(),
            &format!(
                "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    Thing:\n      type: string\n{extension}      enum: [a]\n"
            ),
        );
        let output = specforge(&["module", "--spec", text(&spec), "--out", text(&dir.path().join("m.rs"))]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{extension}: {stderr}");
        assert!(stderr.contains(&format!("names.yaml{place}")) && stderr.contains(message), "{extension}: {stderr}");
    }
}

#[test]
fn the_operation_name_extension_is_read_like_x_rust_name_which_comes_first() {
    let dir = tempfile::tempdir().unwrap();
    let spec = write_spec(
        dir.path(),
        r##"openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: getAlphaV2
      x-stable-name: getAlpha
      responses: {"204": {description: ok}}
  /b:
    get:
      operationId: getBetaV2
      x-stable-name: getBeta
      x-rust-name: fetchBeta
      responses: {"204": {description: ok}}
"##,
    );
    let api = specforge::Generator::new(&spec).operation_name_extension("x-stable-name").generate().unwrap().api;
    let names: Vec<(&str, &str)> =
        api.operations.iter().map(|op| (op.operation_id.as_str(), op.fn_name.as_str())).collect();
    assert_eq!(names, [("getBetaV2", "fetch_beta"), ("getAlphaV2", "get_alpha")]);
    // Without the option, only `x-rust-name` is read.
    let api = specforge::Generator::new(&spec).generate().unwrap().api;
    assert!(api.operations.iter().any(|op| op.fn_name == "get_alpha_v2"));
    assert!(api.operations.iter().any(|op| op.fn_name == "fetch_beta"));
}

#[test]
fn diff_reports_a_renamed_type_as_a_rename() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = std::fs::read_to_string(names_spec()).unwrap();
    let old = dir.path().join("old.yaml");
    std::fs::write(&old, renamed.replace("      x-rust-name: AwsKmsEarPrivateEndpoint\n", "")).unwrap();
    let output =
        specforge(&["diff", text(&old), text(&names_spec()), "--current-version", "1.0.0", "--format", "json"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    let changes = report["changes"].as_array().expect("changes");
    let rules: Vec<(&str, &str)> =
        changes.iter().map(|c| (c["rule"].as_str().unwrap(), c["message"].as_str().unwrap())).collect();
    assert_eq!(
        rules,
        [
            ("type-renamed", "struct `AwskmsearPrivateEndpoint` renamed to `AwsKmsEarPrivateEndpoint`"),
            ("type-renamed", "string enum `AwskmsearPrivateEndpointState` renamed to `AwsKmsEarPrivateEndpointState`"),
        ],
        "the operation returning it and the field typed by the enum are not reported as changed"
    );
    assert!(changes.iter().all(|c| c["impact"] == "breaking"));
}

/// The overlay of docs/overlays.md renames two badly cased Atlas types through `x-rust-name`.
#[test]
fn an_overlay_renames_atlas_types() {
    let spec = common::atlas_spec();
    let overlay = workspace().join("docs/atlas-overlay.yaml");
    let (_, before) = specforge::Generator::new(&spec).lower_only().expect("Atlas lowers");
    let (_, after) = specforge::Generator::new(&spec).overlay(&overlay).strict_overlays(true).lower_only().unwrap();
    let names = |lowered: &specforge::lower::Lowered| {
        lowered.api.types.iter().map(|t| t.name.clone()).collect::<std::collections::BTreeSet<_>>()
    };
    let (before_names, after_names) = (names(&before), names(&after));
    for (old, new) in
        [("AwskmsearPrivateEndpoint", "AwsKmsEarPrivateEndpoint"), ("AwskmsConfiguration", "AwsKmsConfiguration")]
    {
        assert!(before_names.contains(old) && !before_names.contains(new), "{old} before the overlay");
        assert!(after_names.contains(new) && !after_names.contains(old), "{new} after the overlay");
    }
    assert!(after.warnings.iter().all(|w| !w.message.contains("x-rust-name")), "the names are taken as written");
    let changes = specforge::diff::compare(
        &specforge::diff::ApiModel::from_ir(&before.api),
        &specforge::diff::ApiModel::from_ir(&after.api),
    );
    let renamed: Vec<&str> = changes.iter().filter(|c| c.rule == "type-renamed").map(|c| c.message.as_str()).collect();
    assert!(
        renamed.contains(&"struct `AwskmsearPrivateEndpoint` renamed to `AwsKmsEarPrivateEndpoint`"),
        "{renamed:?}"
    );
    assert!(renamed.contains(&"struct `AwskmsConfiguration` renamed to `AwsKmsConfiguration`"), "{renamed:?}");
    assert!(
        !changes.iter().any(|c| c.message.contains("Awskmsear") && c.rule != "type-renamed"),
        "uses of a renamed type are not reported as type changes: {changes:#?}"
    );
}

#[test]
fn replacing_a_schema_the_spec_lacks_is_an_error_and_a_bad_path_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client.rs");
    let output =
        specforge(&["module", "--spec", text(&names_spec()), "--replace", "Regoin=geo::Region", "--out", text(&out)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(
            "at #/components/schemas: --replace Regoin=geo::Region: the spec has no component schema `Regoin`"
        ),
        "{stderr}"
    );
    let output =
        specforge(&["module", "--spec", text(&names_spec()), "--replace", "Region=geo Region", "--out", text(&out)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("`geo Region` is not a Rust type path"), "{stderr}");
    assert!(!out.exists());

    // Replaced, the schema has no model and its users take the path.
    let module = specforge::Generator::new(names_spec())
        .tag_features(false)
        .replace("Region", "geo::Region")
        .generate()
        .unwrap()
        .single_file()
        .unwrap();
    assert!(!module.contains("pub enum Region") && module.contains("pub region_name: Option<geo::Region>,"));
    assert!(module.contains("let _ = encodes_and_decodes::<geo::Region>;"), "checked where it is declared");
}
