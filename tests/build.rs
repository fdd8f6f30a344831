//! Generates clients at build time with the specforge library, the way a user's `build.rs`
//! would: the fragment as it is, variants of it with one change each, the schema-forms
//! fixture, the paged listings and downloads (`specs/paging*.yaml`), the wire-constructs
//! fixture, the type-shapes fixture (`specs/shapes.yaml`), the OpenAPI 3.2 item streams (`specs/streams.yaml`), a spec made of many patterns, and the absorption pair (`specs/absorb.yaml` before
//! and after additive changes). Each becomes one file in `OUT_DIR` that `src/lib.rs`
//! includes, so all of them are compiled.
//!
//! A vendored runtime is the `specforge-runtime` crate's sources copied into the module
//! (generator/src/emit/mod.rs, `RUNTIME_FILES`), 5,000 lines that every such module compiles
//! again. The fixtures whose runtime is the same as the fragment's, and whose tests look at
//! models, requests and decoded responses only (the fragment's variants, the absorption pair,
//! the upgraded documents, the schema forms and the type shapes), are generated against the
//! runtime crate instead, as `tests/two-deps` is: compiled once, and the crate mode's paths are
//! checked on fourteen more specs. The others keep a vendored copy: the fragment (as
//! `generated/` has it), the mocks' modules, the ones whose tests call a client, and the
//! patterns, whose checks name `regex` and `fancy-regex` plainly.

use std::path::{Path, PathBuf};

use specforge::RuntimeSource;

/// One change to the fragment, as (text to find, replacement).
const VARIANTS: &[(&str, &[(&str, &str)])] = &[
    ("renamed_property", &[("        snapshotId:\n", "        sourceSnapshotId:\n")]),
    (
        "added_query_param",
        &[(
            "        - $ref: \"#/components/parameters/pretty\"\n",
            "        - $ref: \"#/components/parameters/pretty\"\n        - name: region\n          in: query\n          description: Only restore jobs delivered in this region.\n          schema:\n            type: string\n            pattern: \"^[A-Z]{2}_[A-Z]+_[0-9]$\"\n",
        )],
    ),
    (
        "secret_parameters",
        &[
            (
                "        - $ref: \"#/components/parameters/pretty\"\n",
                "        - $ref: \"#/components/parameters/pretty\"\n        - name: signature\n          in: query\n          description: A signature of the request, a secret.\n          schema:\n            type: string\n            format: password\n            minLength: 8\n        - name: sessionKeys\n          in: query\n          description: Keys of the caller's sessions, secrets.\n          schema:\n            type: array\n            items:\n              type: string\n              format: password\n        - name: X-Session-Token\n          in: header\n          description: The caller's session token, a secret.\n          schema:\n            type: string\n            format: password\n",
            ),
            (
                "          description: The 24-digit hexadecimal identifier of the restore job.\n          schema:\n            type: string\n",
                "          description: The 24-digit hexadecimal identifier of the restore job.\n          schema:\n            type: string\n            format: password\n",
            ),
        ],
    ),
    ("new_enum_value", &[("            - pointInTime\n", "            - pointInTime\n            - streamed\n")]),
    ("shared_enum", &[(SHARED_ENUM_ANCHOR, SHARED_ENUM)]),
    ("shared_enum_split", &[(SHARED_ENUM_ANCHOR, SHARED_ENUM_SPLIT)]),
    (
        "new_error_status",
        &[(
            "        \"429\":\n",
            "        \"409\":\n          description: The restore job is being modified.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ApiError\"\n        \"429\":\n",
        )],
    ),
];

/// Where `shared_enum` adds a second property with `deliveryType`'s values (one enum, two
/// names), and `shared_enum_split` the same property with one more value (two enums).
const SHARED_ENUM_ANCHOR: &str = "        deliveryUrl:\n";
const SHARED_ENUM: &str = "        requestedDeliveryType:\n          type: string\n          description: How the snapshot was asked to be delivered.\n          enum:\n            - automated\n            - download\n            - pointInTime\n        deliveryUrl:\n";
const SHARED_ENUM_SPLIT: &str = "        requestedDeliveryType:\n          type: string\n          description: How the snapshot was asked to be delivered.\n          enum:\n            - automated\n            - download\n            - pointInTime\n            - streamed\n        deliveryUrl:\n";

/// Additive changes to `specs/absorb.yaml`, all at once: code written against the client of
/// the spec before them must compile against the client after them (tests/suite/variants.rs).
const ADDITIVE_EDITS: &[(&str, &str)] = &[
    // A new optional field in a request body.
    (
        "        target:\n          $ref: \"#/components/schemas/Target\"\n",
        "        target:\n          $ref: \"#/components/schemas/Target\"\n        retries:\n          type: integer\n          format: int32\n",
    ),
    // A new enum value.
    ("      enum: [queued, running]\n", "      enum: [queued, running, paused]\n"),
    // A new oneOf member, and the schema it refers to.
    (
        "        - $ref: \"#/components/schemas/Bucket\"\n",
        "        - $ref: \"#/components/schemas/Bucket\"\n        - $ref: \"#/components/schemas/Stream\"\n",
    ),
    (
        "    Report:\n",
        "    Stream:\n      type: object\n      required: [topic]\n      properties:\n        topic:\n          type: string\n    Report:\n",
    ),
    // A new documented error status.
    (
        "        \"404\":\n          description: No such queue.\n",
        "        \"409\":\n          description: A job of that name exists.\n        \"404\":\n          description: No such queue.\n",
    ),
    // A new optional query parameter.
    (
        "        - name: queue\n",
        "        - name: dryRun\n          in: query\n          schema:\n            type: boolean\n        - name: queue\n",
    ),
    // A new media type of a response that already offers several.
    (
        "            text/csv:\n",
        "            text/plain:\n              schema:\n                type: string\n            text/csv:\n",
    ),
    // A new operation.
    (
        "  /jobs/{jobId}/report:\n",
        "  /jobs/{jobId}:\n    delete:\n      operationId: deleteJob\n      tags: [Jobs]\n      parameters:\n        - name: jobId\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        \"204\":\n          description: Deleted.\n  /jobs/{jobId}/report:\n",
    ),
];

/// Patterns whose compiled checks are compared with the `regex` crate (see tests/suite/patterns.rs).
pub const PATTERNS: &[&str] = &include!("tests/patterns.in");

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fragment = root.join("../spec/restore-job.yaml");
    let forms = root.join("specs/forms.yaml");
    let absorb = root.join("specs/absorb.yaml");
    let paging = root.join("specs/paging.yaml");
    let downloads = root.join("specs/paging-downloads.yaml");
    let constructs = root.join("specs/constructs.yaml");
    let shapes = root.join("specs/shapes.yaml");
    let streams = root.join("specs/streams.yaml");
    for path in [
        &fragment,
        &forms,
        &absorb,
        &paging,
        &downloads,
        &constructs,
        &shapes,
        &streams,
        &root.join("tests/patterns.in"),
    ] {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    generate(&fragment, &out.join("fragment.rs"));
    generate_with(&forms, &out.join("forms.rs"), RuntimeSource::Crate, &[]);
    // The listings and downloads are also tested against the runtime's typed mock.
    generate_with(&paging, &out.join("paging.rs"), RuntimeSource::Vendored, &["mock"]);
    generate_with(&downloads, &out.join("downloads.rs"), RuntimeSource::Vendored, &["mock"]);
    generate(&constructs, &out.join("constructs.rs"));
    generate_with(&shapes, &out.join("shapes.rs"), RuntimeSource::Crate, &[]);
    generate(&streams, &out.join("streams.rs"));

    let text = std::fs::read_to_string(&fragment).expect("the fragment is readable");
    for (name, edits) in VARIANTS {
        generate_variant(&text, name, edits, &out);
    }

    generate_with(&absorb, &out.join("absorb_before.rs"), RuntimeSource::Crate, &[]);
    let text = std::fs::read_to_string(&absorb).expect("specs/absorb.yaml is readable");
    generate_variant(&text, "absorb_after", ADDITIVE_EDITS, &out);

    let spec = out.join("patterns.yaml");
    std::fs::write(&spec, patterns_spec()).expect("OUT_DIR is writable");
    generate(&spec, &out.join("patterns.rs"));

    for (name, fixture) in UPGRADED_FIXTURES {
        let spec = root.join("../generator/tests/fixtures").join(fixture);
        println!("cargo:rerun-if-changed={}", spec.parent().expect("a fixture is in a directory").display());
        generate_with(&spec, &out.join(format!("{name}.rs")), RuntimeSource::Crate, &[]);
    }
}

/// Specs in other versions and layouts than one OpenAPI 3.0 file (see generator/tests/suite/upgrade.rs),
/// as (module name, path under generator/tests/fixtures).
const UPGRADED_FIXTURES: &[(&str, &str)] = &[
    ("openapi31", "openapi31.yaml"),
    ("swagger2", "swagger2.yaml"),
    ("multifile", "multifile/api.yaml"),
    ("references", "references.yaml"),
];
/// Generates `OUT_DIR/{name}.rs` from `text` with `edits` applied, against the runtime crate.
fn generate_variant(text: &str, name: &str, edits: &[(&str, &str)], out: &Path) {
    let mut variant = text.to_owned();
    for (find, replace) in edits {
        assert!(variant.contains(find), "variant {name}: the spec no longer contains {find:?}");
        variant = variant.replacen(find, replace, 1);
    }
    let spec = out.join(format!("{name}.yaml"));
    std::fs::write(&spec, variant).expect("OUT_DIR is writable");
    generate_with(&spec, &out.join(format!("{name}.rs")), RuntimeSource::Crate, &[]);
}

/// Generates with a vendored runtime.
fn generate(spec: &Path, out: &Path) {
    generate_with(spec, out, RuntimeSource::Vendored, &[]);
}

/// Generates with the runtime from `runtime`, with these optional runtime parts in the module.
fn generate_with(spec: &Path, out: &Path, runtime: RuntimeSource, features: &[&str]) {
    let generation = features
        .iter()
        .fold(specforge::Generator::new(spec).tag_features(false).runtime(runtime), |generator, feature| {
            generator.module_feature(*feature)
        })
        .generate()
        .unwrap_or_else(|error| panic!("generating from {}: {error}", spec.display()));
    let text = generation.single_file().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(out, text).expect("OUT_DIR is writable");
}

/// A spec with one operation whose query parameter `p{i}` has the i-th pattern.
fn patterns_spec() -> String {
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo:\n  title: Patterns\n  version: \"1\"\npaths:\n  /check:\n    get:\n      operationId: check\n      parameters:\n",
    );
    for (index, pattern) in PATTERNS.iter().enumerate() {
        let quoted = serde_json_string(pattern);
        spec.push_str(&format!(
            "        - name: p{index}\n          in: query\n          schema:\n            type: string\n            pattern: {quoted}\n"
        ));
    }
    spec.push_str("      responses:\n        \"204\":\n          description: Checked.\n");
    spec
}

/// A double-quoted YAML scalar (JSON string syntax is valid YAML).
fn serde_json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
