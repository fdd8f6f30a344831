//! Generates what the fuzz targets compile in but the repository does not hold:
//!
//! - with the `atlas` feature, `atlas.rs`: the full Atlas spec (`$ATLAS_SPEC`, else `../../shared/specs/atlas-admin-v2.yaml`
//!   from this directory) as one module with its runtime, the way a user's build script makes
//!   it (single-file, tag features off, unformatted: nobody reads it);
//! - with the `atlas` feature, `atlas_models.rs`: the table of every model of that module, by the names in its IR, each
//!   with the round-trip check of `atlas_models` and a sample document (a seed);
//! - `diff_pairs.rs`: the spec pairs of the diff rule fixtures (`generator/tests/fixtures/diff`),
//!   which `diff` writes into its corpus as seeds.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};
use specforge::ir::{Api, FloatWidth, IntWidth, TypeId, TypeKind, TypeRef};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    diff_pairs(&root.join("../generator/tests/fixtures/diff"), &out.join("diff_pairs.rs"));
    if std::env::var_os("CARGO_FEATURE_ATLAS").is_none() {
        return;
    }
    println!("cargo:rerun-if-env-changed=ATLAS_SPEC");
    let spec = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../../shared/specs/atlas-admin-v2.yaml"));
    assert!(
        spec.is_file(),
        "the full Atlas spec is not at {} (set ATLAS_SPEC to its path): the `atlas_models` target is generated from it",
        spec.display()
    );
    println!("cargo:rerun-if-changed={}", spec.display());
    atlas(&spec, &out);
}

fn atlas(spec: &Path, out: &Path) {
    let generation = specforge::Generator::new(spec)
        .tag_features(false)
        .pretty(false)
        .generate()
        .unwrap_or_else(|error| panic!("generating from {}: {error}", spec.display()));
    let module = generation.single_file().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(out.join("atlas.rs"), module).expect("OUT_DIR is writable");

    let api = &generation.api;
    let mut table = String::from("pub const MODELS: &[Model] = &[\n");
    for (index, named) in api.types.iter().enumerate() {
        // The names the models module has, as the IR gives them (raw identifiers included).
        let name = &named.name;
        let label = name.trim_start_matches("r#");
        let sample = sample(api, &TypeRef::Named(TypeId(index)), 0, &mut BTreeSet::new());
        let sample = serde_json::to_string(&sample).expect("a JSON value serializes");
        writeln!(
            table,
            "    Model {{ name: {label:?}, check: round_trip::<atlas::models::{name}>, sample: {sample:?} }},"
        )
        .expect("writing to a String");
    }
    table.push_str("];\n");
    std::fs::write(out.join("atlas_models.rs"), table).expect("OUT_DIR is writable");
}

/// Nesting below which optional fields are still filled in: deep enough to reach the nested
/// models, shallow enough that a sample stays a few kilobytes.
const OPTIONAL_DEPTH: usize = 2;

/// A document of type `ty` built from the IR: required fields always, optional ones near the
/// top, the first value of enums, the first member of unions (with its tag). A seed for the
/// fuzzer to mutate, not a promise that it decodes (a recursive type is cut short).
fn sample(api: &Api, ty: &TypeRef, depth: usize, open: &mut BTreeSet<usize>) -> Value {
    match ty {
        TypeRef::Bool => json!(true),
        TypeRef::Integer(IntWidth::I32) => json!(7),
        TypeRef::Integer(IntWidth::I64) => json!(1_700_000_000_000_i64),
        TypeRef::Number(FloatWidth::F32) => json!(0.5),
        TypeRef::Number(FloatWidth::F64) => json!(2.25),
        TypeRef::String => json!("text"),
        TypeRef::DateTime => json!("2025-06-18T12:30:00Z"),
        TypeRef::Date => json!("2025-06-18"),
        TypeRef::List(item) => Value::Array(vec![sample(api, item, depth + 1, open)]),
        TypeRef::Map(value) => json!({ "key": sample(api, value, depth + 1, open) }),
        TypeRef::Json => json!({ "any": [1, "two", null] }),
        TypeRef::JsonObject => json!({ "free": "form" }),
        TypeRef::External(_) => Value::Null,
        TypeRef::Named(id) => {
            // A type inside itself: cut here.
            if !open.insert(id.0) {
                return Value::Null;
            }
            let value = match &api.types[id.0].kind {
                TypeKind::Struct(s) => {
                    let mut object = Map::new();
                    for field in &s.fields {
                        if field.required || depth < OPTIONAL_DEPTH {
                            object.insert(field.wire_name.clone(), sample(api, &field.ty, depth + 1, open));
                        }
                    }
                    if let Some(additional) = &s.additional {
                        object.insert("extra".to_owned(), sample(api, additional, depth + 1, open));
                    }
                    Value::Object(object)
                }
                TypeKind::Enum(e) => e.variants.first().map_or(json!("value"), |v| json!(v.value)),
                TypeKind::Union(u) => match u.variants.first() {
                    Some(variant) => {
                        let mut value = sample(api, &variant.ty, depth + 1, open);
                        if let (Some(discriminator), Some(tag), Value::Object(object)) =
                            (&u.discriminator, variant.tags.first(), &mut value)
                        {
                            object.insert(discriminator.property.clone(), json!(tag));
                        }
                        value
                    }
                    None => Value::Null,
                },
                TypeKind::Alias(ty) | TypeKind::Newtype { ty, .. } => sample(api, ty, depth, open),
            };
            open.remove(&id.0);
            value
        }
    }
}

/// `PAIRS`: (fixture name, old spec, new spec) for every diff rule fixture, included from the
/// repository at compile time.
fn diff_pairs(dir: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("reading {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.join("old.yaml").is_file() && path.join("new.yaml").is_file())
        .collect();
    cases.sort();
    let mut text = String::from("pub const PAIRS: &[(&str, &str, &str)] = &[\n");
    for case in cases {
        let name = case.file_name().expect("a fixture directory has a name").to_string_lossy().into_owned();
        let (old, new) = (case.join("old.yaml"), case.join("new.yaml"));
        writeln!(text, "    ({name:?}, include_str!({:?}), include_str!({:?})),", old.display(), new.display())
            .expect("writing to a String");
    }
    text.push_str("];\n");
    std::fs::write(out, text).expect("OUT_DIR is writable");
}
