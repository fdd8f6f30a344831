//! `$ref`s to any place of a document or of another file, for every kind of object (the
//! fixture `fixtures/references.yaml` is also compiled and exercised in
//! `tests/tests/suite/upgraded.rs`): what they reach is read, and a reference to nothing or a cycle
//! is an error naming the file, the JSON pointer and the line.

use specforge::{Error, Generator, SpecError};

use crate::common::spec_files;

fn generated(files: &[(&str, &str)]) -> String {
    let (_dir, path) = spec_files(files);
    let generation = Generator::new(&path).tag_features(false).generate().unwrap_or_else(|error| panic!("{error}"));
    let text = generation.single_file().unwrap();
    syn::parse_file(&text).unwrap_or_else(|error| panic!("generated code does not parse: {error}"));
    text
}

fn spec_error(files: &[(&str, &str)]) -> SpecError {
    let (_dir, path) = spec_files(files);
    match Generator::new(&path).generate() {
        Err(Error::Spec(error)) => error,
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error"),
    }
}

fn assert_located(error: &SpecError, file: &str, pointer: &str, line: usize, parts: &[&str]) {
    assert!(error.file.ends_with(file), "{error}");
    assert_eq!(error.pointer.as_deref(), Some(pointer), "{error}");
    assert_eq!(error.location.map(|at| at.line), Some(line), "{error}");
    for part in parts {
        assert!(error.message.contains(part), "message should contain {part:?}: {error}");
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\n";

#[test]
fn the_fixture_generates_one_type_per_referenced_place() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/references.yaml")).unwrap();
    let code = generated(&[("references.yaml", &text)]);
    // The place a schema reference reaches becomes a type named after where it lives, used there
    // too: no second, inline copy of it.
    assert!(code.contains("pub manager: Option<Box<ListCompanyUsersResponse200UsersItem>>"), "{code}");
    assert!(!code.contains("struct ListCompanyUsersResponseUsersItem"), "{code}");
    assert!(code.contains("pub fn owner(mut self, value: PetOwner)"), "{code}");
    assert!(!code.contains("PetOwner2"), "{code}");
    // Path items, request bodies, responses, headers, examples and links reached by pointer.
    for wanted in [
        "struct PutPets2",
        "struct PutPets3",
        "fn cursor(mut self",
        "models::ListCompanyUsersResponse>, ListCompanyAdminsError",
    ] {
        assert!(code.contains(wanted), "{wanted}: {code}");
    }
}

#[test]
fn a_swagger_2_parameter_of_another_operation() {
    let spec = "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getA\n      parameters:\n        - {name: size, in: query, type: integer, maximum: 9}\n      responses:\n        '204': {description: ok}\n  /b:\n    get:\n      operationId: getB\n      parameters:\n        - $ref: '#/paths/~1a/get/parameters/0'\n      responses:\n        '204': {description: ok}\n";
    let code = generated(&[("spec.yaml", spec)]);
    assert_eq!(code.matches("pub fn size(mut self, size: i64)").count(), 4, "{code}");
}

#[test]
fn references_from_and_into_other_files_reach_any_place() {
    let spec = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      operationId: getA\n      parameters:\n        - $ref: 'shared.yaml#/paths/~1x/get/parameters/0'\n      responses:\n        '200':\n          $ref: 'shared.yaml#/paths/~1x/get/responses/200'\n  /b:\n    $ref: 'items.yaml#/b'\ncomponents:\n  schemas:\n    Thing:\n      type: object\n      properties:\n        label: {{type: string, maxLength: 4}}\n"
    );
    let shared = "paths:\n  /x:\n    get:\n      operationId: x\n      parameters:\n        - {name: tier, in: query, schema: {type: string}}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'spec.yaml#/components/schemas/Thing/properties/label'}\n";
    let items = "b:\n  get:\n    operationId: getB\n    responses:\n      '200':\n        $ref: 'spec.yaml#/paths/~1a/get/responses/200'\n";
    let code = generated(&[("spec.yaml", &spec), ("shared.yaml", shared), ("items.yaml", items)]);
    assert!(code.contains("pub fn tier(mut self, tier: impl Into<String>)"), "{code}");
    assert!(code.contains("struct GetB"), "{code}");
    // The schema `shared.yaml` refers to inside the root file's component is a component of its
    // own, named after where it lives.
    assert!(code.contains("Response<models::ThingLabel>, GetBError"), "{code}");
}

#[test]
fn a_pointer_to_nothing_is_located_where_it_is_written() {
    let spec = format!(
        "{HEAD}paths:\n  /a/{{id}}:\n    get:\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '204': {{description: ok}}\n  /b:\n    get:\n      parameters:\n        - $ref: '#/paths/~1a~1%7Bid%7D/get/parameters/3'\n      responses:\n        '204': {{description: ok}}\n"
    );
    let error = spec_error(&[("spec.yaml", &spec)]);
    assert_located(
        &error,
        "spec.yaml",
        "#/paths/~1b/get/parameters/0",
        15,
        &["points to nothing", "`#/paths/~1a~1{id}/get/parameters/3`"],
    );
    // In a place that moved into a component of its own, the error still names where it is written.
    let spec = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  next: {{$ref: '#/nowhere'}}\n  /b:\n    get:\n      responses:\n        '200':\n          $ref: '#/paths/~1a/get/responses/200'\n"
    );
    let error = spec_error(&[("spec.yaml", &spec)]);
    assert_located(
        &error,
        "spec.yaml",
        "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/next",
        16,
        &["points to nothing"],
    );
}

#[test]
fn cycles_through_pointers_are_located_errors() {
    // Path items are copied in place: one that comes back to itself never ends.
    let spec = format!("{HEAD}paths:\n  /a:\n    $ref: '#/paths/~1b'\n  /b:\n    $ref: '#/paths/~1a'\n");
    let error = spec_error(&[("spec.yaml", &spec)]);
    assert_located(
        &error,
        "spec.yaml",
        "#/paths/~1a",
        6,
        &["makes a cycle: spec.yaml#/paths/~1b → spec.yaml#/paths/~1a → spec.yaml#/paths/~1b"],
    );
    // Parameters that are references to each other never reach a parameter.
    let spec = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      parameters:\n        - $ref: '#/paths/~1b/get/parameters/0'\n      responses:\n        '204': {{description: ok}}\n  /b:\n    get:\n      parameters:\n        - $ref: '#/paths/~1a/get/parameters/0'\n      responses:\n        '204': {{description: ok}}\n"
    );
    let error = spec_error(&[("spec.yaml", &spec)]);
    assert!(error.message.contains("$ref chain is a cycle"), "{error}");
    assert!(error.location.is_some(), "{error}");
}
