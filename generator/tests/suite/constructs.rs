//! OpenAPI 3.0 compositions that used to be approximated: properties beside `oneOf` are merged
//! into every variant, and an `allOf` with a `oneOf` member is distributed over the variants
//! (allOf(A, oneOf[B, C]) is oneOf[A+B, A+C]). Fixture: `tests/fixtures/constructs.yaml`.

use std::path::Path;

use specforge::ir::{Api, NamedType, TypeKind, TypeRef};
use specforge::{Generation, Generator};

fn generate() -> Generation {
    generate_fixture("constructs.yaml")
}

fn generate_fixture(name: &str) -> Generation {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    Generator::new(spec).tag_features(false).generate().unwrap_or_else(|error| panic!("{error}"))
}

fn named<'a>(api: &'a Api, name: &str) -> &'a NamedType {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

/// Each variant of a union: its name and, for a struct, its fields' wire names.
fn variants(api: &Api, union: &str) -> Vec<(String, Vec<String>)> {
    let TypeKind::Union(union) = &named(api, union).kind else { panic!("{union} is not a union") };
    union
        .variants
        .iter()
        .map(|variant| {
            let fields = match &variant.ty {
                TypeRef::Named(id) => match &api.types[id.0].kind {
                    TypeKind::Struct(s) => s.fields.iter().map(|f| f.wire_name.clone()).collect(),
                    other => panic!("variant {} is {other:?}", variant.name),
                },
                _ => Vec::new(),
            };
            (variant.name.clone(), fields)
        })
        .collect()
}

#[test]
fn properties_beside_one_of_are_merged_into_every_object_variant() {
    let generation = generate();
    let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(
        variants(&generation.api, "Shape"),
        [
            ("Circle".to_owned(), strings(&["radius", "name"])),
            ("Square".to_owned(), strings(&["side", "name"])),
            // A string has no properties to merge.
            ("String".to_owned(), Vec::new()),
        ]
    );
    let TypeKind::Union(shape) = &named(&generation.api, "Shape").kind else { unreachable!() };
    let TypeRef::Named(circle) = &shape.variants[0].ty else { panic!("Circle variant is not named") };
    let TypeKind::Struct(circle) = &generation.api.types[circle.0].kind else { unreachable!() };
    assert!(circle.fields.iter().all(|f| f.required), "radius and name stay required");
    assert!(!generation.warnings.iter().any(|w| w.message.contains("beside oneOf")), "{:?}", generation.warnings);
}

#[test]
fn all_of_with_a_one_of_member_is_distributed_over_its_variants() {
    let generation = generate();
    assert_eq!(
        variants(&generation.api, "LabelledShape"),
        [
            ("Circle".to_owned(), vec!["label".to_owned(), "radius".to_owned()]),
            ("Square".to_owned(), vec!["label".to_owned(), "side".to_owned()]),
        ]
    );
    assert!(generation.warnings.iter().all(|w| !w.message.contains("oneOf")), "{:?}", generation.warnings);
    // The generated models decode either alternative with its label.
    let models = generation.krate.files.iter().find(|f| f.path.ends_with("models.rs")).expect("models.rs");
    assert!(models.text.contains("pub enum LabelledShape"), "{}", models.text);
}

#[test]
fn a_subtype_including_a_base_that_lists_it_takes_the_base_not_a_cycle() {
    let generation = generate();
    let TypeKind::Struct(cat) = &named(&generation.api, "Cat").kind else { panic!("Cat is not a struct") };
    assert_eq!(cat.fields.iter().map(|f| f.wire_name.as_str()).collect::<Vec<_>>(), ["meows"]);
    assert!(matches!(named(&generation.api, "Pet").kind, TypeKind::Union(_)));
}

fn variant_names(api: &Api, union: &str) -> Vec<String> {
    let TypeKind::Union(union) = &named(api, union).kind else { panic!("{union} is not a union") };
    union.variants.iter().map(|variant| variant.name.clone()).collect()
}

/// The warnings about the schema at `pointer`.
fn warnings_at<'a>(generation: &'a Generation, pointer: &str) -> Vec<&'a str> {
    generation.warnings.iter().filter(|w| w.pointer == pointer).map(|w| w.message.as_str()).collect()
}

#[test]
fn string_enums_beside_plain_strings_are_one_enum_whose_unknown_is_any_string() {
    let generation = generate_fixture("union-kinds.yaml");
    let TypeKind::Enum(model) = &named(&generation.api, "ModelName").kind else {
        panic!("ModelName is not an enum: {:?}", named(&generation.api, "ModelName").kind)
    };
    let values: Vec<_> = model.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["small", "large"]);
    assert_eq!(model.unknown_variant, "Unknown");
    assert_eq!(warnings_at(&generation, "#/components/schemas/ModelName"), Vec::<&str>::new());
}

#[test]
fn string_enums_beside_dates_stay_a_union_with_a_located_warning() {
    let generation = generate_fixture("union-kinds.yaml");
    assert_eq!(variant_names(&generation.api, "StartsAt"), ["Now", "DateTime"]);
    let warnings = warnings_at(&generation, "#/components/schemas/StartsAt");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("oneOf/1") && warnings[0].contains("stays a union"), "{warnings:?}");
}

#[test]
fn string_enums_beside_other_json_kinds_stay_a_union_without_a_warning() {
    let generation = generate_fixture("union-kinds.yaml");
    assert_eq!(variant_names(&generation.api, "ToolChoice").len(), 2);
    assert_eq!(warnings_at(&generation, "#/components/schemas/ToolChoice"), Vec::<&str>::new());
}

#[test]
fn a_union_of_no_members_is_any_json_value_with_a_located_warning() {
    let generation = generate_fixture("union-kinds.yaml");
    assert!(matches!(named(&generation.api, "Nothing").kind, TypeKind::Alias(TypeRef::Json)));
    let warnings = warnings_at(&generation, "#/components/schemas/Nothing");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("`oneOf` has no members"), "{warnings:?}");
}
