//! OpenAPI 3.1, Swagger 2.0 and multi-file specs are read into the same IR as OpenAPI 3.0:
//! each upgrade rule is checked on the fixtures in `tests/fixtures/`, in the IR, the generated
//! code or (where the IR does not keep the construct) the upgraded document; and diagnostics
//! about moved nodes point at the place the user wrote.

use std::path::{Path, PathBuf};

use openapiv3::{ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};
use specforge::ir::{Api, BodyKind, Bound, NamedType, ParamType, SecurityKind, TypeKind, TypeRef};
use specforge::{Error, Generation, Generator, SpecError};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn generate(name: &str) -> Generation {
    Generator::new(fixture(name)).tag_features(false).generate().unwrap_or_else(|error| panic!("{error}"))
}

fn named<'a>(api: &'a Api, name: &str) -> &'a NamedType {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

fn field<'a>(api: &'a Api, type_name: &str, field: &str) -> &'a specforge::ir::Field {
    let TypeKind::Struct(fields) = &named(api, type_name).kind else { panic!("{type_name} is not a struct") };
    fields.fields.iter().find(|f| f.wire_name == field).unwrap_or_else(|| panic!("no field {type_name}.{field}"))
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a specforge::ir::Operation {
    api.operations.iter().find(|o| o.operation_id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

fn type_named(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.types[id.0].name.clone(),
        TypeRef::List(inner) => format!("Vec<{}>", type_named(api, inner)),
        other => format!("{other:?}"),
    }
}

/// The schema of a component property in the upgraded document.
fn property<'a>(api: &'a openapiv3::OpenAPI, schema: &str, name: &str) -> &'a Schema {
    let Some(ReferenceOr::Item(schema)) = api.components.as_ref().and_then(|c| c.schemas.get(schema)) else {
        panic!("no schema {schema}")
    };
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else { panic!("not an object") };
    match &object.properties[name] {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { .. } => panic!("{name} is a reference"),
    }
}

fn string_format(schema: &Schema) -> Option<StringFormat> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => match &s.format {
            VariantOrUnknownOrEmpty::Item(format) => Some(*format),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn openapi_3_1_schemas_are_upgraded() {
    let generation = generate("openapi31.yaml");
    let api = &generation.api;
    // `type: [string, 'null']` and `anyOf: [X, {type: 'null'}]`: nullable.
    assert!(field(api, "Gadget", "label").nullable);
    assert_eq!(field(api, "Gadget", "label").ty, TypeRef::String);
    assert!(field(api, "Gadget", "owner").nullable);
    assert_eq!(type_named(api, &field(api, "Gadget", "owner").ty), "Owner");
    // `const`: a one-value enum.
    let TypeKind::Enum(kind) = &named(api, "Kind").kind else { panic!("Kind is not an enum") };
    assert_eq!(kind.variants.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["widget"]);
    // `$ref` with a sibling description: both kept.
    let kind_field = field(api, "Gadget", "kind");
    assert_eq!(type_named(api, &kind_field.ty), "Kind");
    assert_eq!(kind_field.doc.as_deref(), Some("What this gadget is."));
    // `prefixItems`, a boolean schema, `patternProperties`: any JSON, with warnings.
    assert_eq!(field(api, "Gadget", "position").ty, TypeRef::List(Box::new(TypeRef::Json)));
    assert_eq!(field(api, "Gadget", "anything").ty, TypeRef::Json);
    let warned: Vec<&str> = generation.warnings.iter().map(|w| w.pointer.as_str()).collect();
    for pointer in [
        "#/components/schemas/Gadget/properties/position/prefixItems",
        "#/components/schemas/Gadget/properties/extras/patternProperties",
        "#/webhooks",
        "#/jsonSchemaDialect",
    ] {
        assert!(warned.contains(&pointer), "no warning at {pointer}: {warned:?}");
    }
}

#[test]
fn openapi_3_1_numbers_examples_and_binary_content_are_upgraded() {
    let loaded = specforge::load::load_file(&fixture("openapi31.yaml")).unwrap();
    assert_eq!(loaded.api.openapi, "3.0.3");
    let api = &loaded.api;
    assert_eq!(string_format(property(api, "Gadget", "photo")), Some(StringFormat::Binary));
    assert_eq!(string_format(property(api, "Gadget", "thumbnail")), Some(StringFormat::Byte));
    assert_eq!(property(api, "Gadget", "id").schema_data.example, Some(serde_json::json!(7)));

    // A path item from `components/pathItems`, with numeric exclusive bounds.
    let generation = generate("openapi31.yaml");
    let get = operation(&generation.api, "getGadget");
    assert_eq!(get.path_template, "/gadgets/{gadgetId}");
    let rules = &get.params[0].rules;
    assert_eq!(rules.minimum, Some(Bound { value: 0.0, exclusive: true }));
    assert_eq!(rules.maximum, Some(Bound { value: 1000.0, exclusive: true }));
    // Webhooks get no client code.
    assert_eq!(generation.api.operations.len(), 1);
}

#[test]
fn swagger_2_documents_are_upgraded() {
    let generation = generate("swagger2.yaml");
    let api = &generation.api;
    // host + basePath + schemes, https first.
    assert_eq!(api.base_url.as_deref(), Some("https://api.example.com/v2"));
    assert_eq!(api.security.iter().map(|s| s.kind.clone()).collect::<Vec<_>>(), [SecurityKind::HttpBasic]);
    // Top-level parameters, `collectionFormat: multi`.
    let list = operation(api, "listPets");
    let limit = list.params.iter().find(|p| p.wire_name == "limit").expect("limit");
    assert_eq!(limit.rules.minimum, Some(Bound { value: 1.0, exclusive: false }));
    let tags = list.params.iter().find(|p| p.wire_name == "tags").expect("tags");
    assert_eq!(tags.ty, ParamType::List(Box::new(ParamType::String)));
    let BodyKind::Json(pets) = &list.success.kind else { panic!("listPets returns JSON") };
    assert_eq!(type_named(api, pets), "Vec<Pet>");
    // `in: body`, and a top-level response.
    let add = operation(api, "addPet");
    let body = add.body.as_ref().expect("addPet has a body");
    assert!(body.required);
    assert_eq!(body.media_type, "application/json");
    let BodyKind::Json(pet) = &body.kind else { panic!("a JSON body") };
    assert_eq!(type_named(api, pet), "Pet");
    let not_found = add.errors.iter().find(|e| e.doc.as_deref() == Some("No such pet.")).expect("404");
    let BodyKind::Json(problem) = &not_found.kind else { panic!("a JSON error") };
    assert_eq!(type_named(api, problem), "Problem");
    // `formData`: multipart when consumed, else a form; `produces` per operation.
    assert_eq!(operation(api, "uploadPhoto").body.as_ref().unwrap().media_type, "multipart/form-data");
    let rename = operation(api, "renamePet");
    assert_eq!(rename.body.as_ref().unwrap().media_type, "application/x-www-form-urlencoded");
    assert_eq!(rename.success.media_type.as_deref(), Some("text/plain"));
    // `x-nullable`.
    assert!(field(api, "Pet", "nickname").nullable);
}

#[test]
fn swagger_2_parameters_forms_and_discriminators_in_the_upgraded_document() {
    let loaded = specforge::load::load_file(&fixture("swagger2.yaml")).unwrap();
    let api = &loaded.api;
    let item = match &api.paths.paths["/pets"] {
        ReferenceOr::Item(item) => item,
        ReferenceOr::Reference { .. } => panic!("a path item"),
    };
    let parameters = &item.get.as_ref().unwrap().parameters;
    let style = |name: &str| {
        parameters
            .iter()
            .filter_map(|p| p.as_item())
            .find_map(|p| match p {
                openapiv3::Parameter::Query { parameter_data, style, .. } if parameter_data.name == name => {
                    Some((style.clone(), parameter_data.explode))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no query parameter {name}"))
    };
    assert_eq!(style("tags"), (openapiv3::QueryStyle::Form, Some(true)));
    assert_eq!(style("ids"), (openapiv3::QueryStyle::Form, Some(false)));
    // The form body of uploadPhoto: `type: file` is binary, required parameters are required.
    let item = match &api.paths.paths["/pets/{petId}/photo"] {
        ReferenceOr::Item(item) => item,
        ReferenceOr::Reference { .. } => panic!("a path item"),
    };
    let body = item.post.as_ref().unwrap().request_body.as_ref().unwrap().as_item().unwrap();
    let schema = body.content["multipart/form-data"].schema.as_ref().unwrap().as_item().unwrap();
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else { panic!("an object") };
    assert_eq!(object.required, ["file"]);
    let file = object.properties["file"].as_item().unwrap();
    assert_eq!(string_format(file), Some(StringFormat::Binary));
    let Some(ReferenceOr::Item(pet)) = api.components.as_ref().unwrap().schemas.get("Pet") else { panic!("Pet") };
    assert_eq!(pet.schema_data.discriminator.as_ref().map(|d| d.property_name.as_str()), Some("petType"));
}

#[test]
fn multi_file_specs_are_bundled() {
    let generation = generate("multifile/api.yaml");
    let api = &generation.api;
    assert!(generation.warnings.is_empty(), "{:?}", generation.warnings);
    assert_eq!(api.description.as_deref(), Some("Pets, split over several files."));
    let mut names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    names.sort_unstable();
    // `models/pet.yaml` keeps the name the root document gives it, wherever it is referred to.
    assert_eq!(names, ["Owner", "Pet", "ProblemBody"]);
    // Recursion within a file (`$ref: '#'`) and across files.
    assert_eq!(type_named(api, &field(api, "Pet", "parent").ty), "Pet");
    assert!(field(api, "Pet", "parent").boxed);
    assert_eq!(type_named(api, &field(api, "Owner", "pets").ty), "Vec<Pet>");
    // A parameter, a response and an operation from other files.
    let list = operation(api, "listPets");
    assert_eq!(list.params[0].rules.maximum, Some(Bound { value: 100.0, exclusive: false }));
    let BodyKind::Json(problem) = &list.errors[0].kind else { panic!("a JSON error") };
    assert_eq!(type_named(api, problem), "ProblemBody");
    let BodyKind::Json(pet) = &operation(api, "getPet").success.kind else { panic!("JSON") };
    assert_eq!(type_named(api, pet), "Pet");
}

/// Writes `files` (name, text) into a fresh directory and generates from the first.
fn generate_files(files: &[(&str, &str)]) -> (tempfile::TempDir, Result<Generation, SpecError>) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let result = Generator::new(dir.path().join(files[0].0)).generate().map_err(|error| match error {
        Error::Spec(error) => error,
        other => panic!("expected a spec error, got {other}"),
    });
    (dir, result)
}

const PARAMETER_WITH_BAD_PATTERN: &str = "name: q\nin: query\nschema:\n  type: string\n  pattern: '^[a-z$'\n";

#[test]
fn errors_in_moved_nodes_point_at_the_original_document() {
    // Swagger 2.0: the parameter's `pattern` moved into a 3.0 `schema`; the error names the
    // keyword in the 2.0 parameter.
    let swagger = "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: q\n          in: query\n          type: string\n          pattern: '^[a-z$'\n      responses:\n        '204':\n          description: ok\n";
    let (_dir, result) = generate_files(&[("spec.yaml", swagger)]);
    let error = result.expect_err("an invalid pattern");
    assert_eq!(error.pointer.as_deref(), Some("#/paths/~1a/get/parameters/0/pattern"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(12), "{error}");

    // `#/definitions/A` is `#/components/schemas/A` after the upgrade, and reported as written.
    let swagger = "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths: {}\ndefinitions:\n  A:\n    type: object\n    properties:\n      b:\n        $ref: '#/definitions/Missing'\n";
    let (_dir, result) = generate_files(&[("spec.yaml", swagger)]);
    let error = result.expect_err("a dangling reference");
    assert_eq!(error.pointer.as_deref(), Some("#/definitions/A/properties/b"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(10), "{error}");

    // A node from another file: that file, its pointer and line.
    let spec = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      parameters:\n        - $ref: 'shared/params.yaml#/q'\n      responses:\n        '204':\n          description: ok\n";
    let params = format!("# shared parameters\nq:\n  {}", PARAMETER_WITH_BAD_PATTERN.replace('\n', "\n  ").trim_end());
    let (dir, result) = generate_files(&[("spec.yaml", spec), ("shared/params.yaml", &params)]);
    let error = result.expect_err("an invalid pattern");
    assert_eq!(error.file, dir.path().join("shared/params.yaml"), "{error}");
    assert_eq!(error.pointer.as_deref(), Some("#/q/schema/pattern"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(7), "{error}");

    // 3.1: a path item from `components/pathItems`.
    let spec = format!(
        "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    $ref: '#/components/pathItems/A'\ncomponents:\n  pathItems:\n    A:\n      get:\n        parameters:\n          - {}\n        responses:\n          '204':\n            description: ok\n",
        PARAMETER_WITH_BAD_PATTERN.replace('\n', "\n            ").trim_end()
    );
    let (_dir, result) = generate_files(&[("spec.yaml", &spec)]);
    let error = result.expect_err("an invalid pattern");
    assert_eq!(error.pointer.as_deref(), Some("#/components/pathItems/A/get/parameters/0/schema/pattern"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(17), "{error}");
}

#[test]
fn warnings_in_other_files_name_the_file() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n    A:\n      $ref: 'models/a.yaml'\n";
    let model = "type: object\nproperties:\n  a-b:\n    type: string\n  a_b:\n    type: string\n";
    let (_dir, result) = generate_files(&[("spec.yaml", spec), ("models/a.yaml", model)]);
    let generation = result.unwrap_or_else(|error| panic!("{error}"));
    let pointers: Vec<&str> = generation.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["models/a.yaml#/properties/a_b"]);
}
