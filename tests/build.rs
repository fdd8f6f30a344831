//! Generates clients at build time with the specforge library, the way a user's `build.rs`
//! would: the fragment as it is, variants of it with one change each, the schema-forms
//! fixture and a spec made of many patterns. Each becomes one file in `OUT_DIR` that
//! `src/lib.rs` includes, so all of them are compiled.

use std::path::{Path, PathBuf};

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
    ("new_enum_value", &[("            - pointInTime\n", "            - pointInTime\n            - streamed\n")]),
    (
        "new_error_status",
        &[(
            "        \"429\":\n",
            "        \"409\":\n          description: The restore job is being modified.\n          content:\n            application/json:\n              schema:\n                $ref: \"#/components/schemas/ApiError\"\n        \"429\":\n",
        )],
    ),
];

/// Patterns whose compiled checks are compared with the `regex` crate (see tests/patterns.rs).
pub const PATTERNS: &[&str] = &include!("tests/patterns.in");

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let fragment = root.join("../spec/restore-job.yaml");
    let forms = root.join("specs/forms.yaml");
    for path in [&fragment, &forms, &root.join("tests/patterns.in")] {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    generate(&fragment, &out.join("fragment.rs"));
    generate(&forms, &out.join("forms.rs"));

    let text = std::fs::read_to_string(&fragment).expect("the fragment is readable");
    for (name, edits) in VARIANTS {
        let mut variant = text.clone();
        for (find, replace) in *edits {
            assert!(variant.contains(find), "variant {name}: the fragment no longer contains {find:?}");
            variant = variant.replacen(find, replace, 1);
        }
        let spec = out.join(format!("{name}.yaml"));
        std::fs::write(&spec, variant).expect("OUT_DIR is writable");
        generate(&spec, &out.join(format!("{name}.rs")));
    }

    let spec = out.join("patterns.yaml");
    std::fs::write(&spec, patterns_spec()).expect("OUT_DIR is writable");
    generate(&spec, &out.join("patterns.rs"));

    for (name, fixture) in UPGRADED_FIXTURES {
        let spec = root.join("../generator/tests/fixtures").join(fixture);
        println!("cargo:rerun-if-changed={}", spec.parent().expect("a fixture is in a directory").display());
        generate(&spec, &out.join(format!("{name}.rs")));
    }
}

/// Specs in other versions and layouts than one OpenAPI 3.0 file (see generator/tests/upgrade.rs),
/// as (module name, path under generator/tests/fixtures).
const UPGRADED_FIXTURES: &[(&str, &str)] =
    &[("openapi31", "openapi31.yaml"), ("swagger2", "swagger2.yaml"), ("multifile", "multifile/api.yaml")];

fn generate(spec: &Path, out: &Path) {
    let generation = specforge::Generator::new(spec)
        .tag_features(false)
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
