//! Bad specs get a clear error naming the file and the place (JSON pointer; line and column
//! where the text shows one), and nothing panics. Name clashes and names that are not Rust
//! identifiers are not errors: they are resolved deterministically, with a warning for clashes.

use std::path::PathBuf;
use std::process::Command;

use specforge::{Error, Generation, Generator, SpecError};

use crate::common::spec_files;

/// Writes `text` as `name` in a fresh temporary directory.
fn spec_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The spec error for `text` written as `name`; fails the test on success or any other error.
fn spec_error(name: &str, text: &str) -> SpecError {
    let (_dir, path) = spec_file(name, text);
    match Generator::new(&path).generate() {
        Err(Error::Spec(error)) => {
            assert_eq!(error.file, path, "the error names the file it read");
            let shown = error.to_string();
            assert!(shown.starts_with(&path.display().to_string()), "Display starts with the file: {shown}");
            error
        }
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error, but {name} generated"),
    }
}

/// The generation for a spec that must succeed.
fn generation(text: &str) -> Generation {
    let (_dir, path) = spec_file("spec.yaml", text);
    Generator::new(&path).tag_features(false).generate().unwrap_or_else(|error| panic!("{error}"))
}

/// The single-file output, checked to parse as Rust.
fn single_file(generation: &Generation) -> String {
    let text = generation.single_file().unwrap();
    syn::parse_file(&text).unwrap_or_else(|error| panic!("generated code does not parse: {error}"));
    text
}

fn assert_at(error: &SpecError, pointer: &str, line: usize) {
    assert_eq!(error.pointer.as_deref(), Some(pointer), "{error}");
    let location = error.location.unwrap_or_else(|| panic!("a line is known for {pointer}: {error}"));
    assert_eq!(location.line, line, "{error}");
    assert!(error.to_string().contains(&format!(":{line}:{}: at {pointer}: ", location.column)), "{error}");
}

fn assert_message(error: &SpecError, parts: &[&str]) {
    for part in parts {
        assert!(error.message.contains(part), "message should contain {part:?}: {error}");
    }
}

/// A valid document around `components.schemas` text (indented by four spaces).
fn with_schemas(schemas: &str) -> String {
    format!("openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}")
}

/// A document with one operation at `path` (header + `paths:` = 6 lines before the path).
fn with_operation(path: &str, operation: &str, components: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  {path}:\n    get:\n{operation}components:\n{components}"
    )
}

#[test]
fn malformed_yaml_reports_the_parsers_line_and_column() {
    let error = spec_error("bad.yaml", "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a: [1, 2\n");
    let location = error.location.expect("the YAML parser gives a location");
    assert_eq!(location.line, 7, "{error}");
    assert_message(&error, &["invalid OpenAPI document", "did not find expected ',' or ']'"]);
    assert!(error.to_string().starts_with(&format!("{}:7:", error.file.display())), "{error}");

    // An unterminated quoted string: the parser's position, and the pointer of the node.
    let error = spec_error("quote.yaml", "openapi: 3.0.3\ninfo:\n  title: 't\n  version: '1'\npaths: {}\n");
    assert_eq!(error.location.map(|l| l.line), Some(4), "{error}");
    assert_eq!(error.pointer.as_deref(), Some("#/info"), "{error}");
    assert_message(&error, &["did not find expected key", "while parsing a block mapping at line 3 column 3"]);

    // Valid YAML of the wrong shape: the pointer (as deep as the parser tracks it; `paths` is
    // read through a flattened map) and the line of the offending node. The message does not
    // repeat the position or the parser's own dotted path.
    let error = spec_error("shape.yaml", "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a: 3\n");
    assert_eq!(error.pointer.as_deref(), Some("#/paths"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(6), "{error}");
    assert_eq!(error.message, "invalid OpenAPI document: invalid type: integer `3`, expected struct PathItem");
    let error = spec_error("shape.yaml", "openapi: 3.0.3\ninfo:\n  title: [t]\n  version: '1'\npaths: {}\n");
    assert_at(&error, "#/info/title", 3);
    assert_eq!(error.message, "invalid OpenAPI document: invalid type: sequence, expected a string");
}

#[test]
fn malformed_json_reports_the_parsers_line_and_column() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\" \"version\": \"1\"},\n  \"paths\": {}\n}\n";
    let error = spec_error("bad.json", text);
    assert_eq!(error.location.map(|l| l.line), Some(3), "{error}");
    assert_eq!(error.message, "invalid OpenAPI document: expected `,` or `}`");
    assert!(error.to_string().contains("bad.json:3:"), "{error}");

    // Well-formed JSON of the wrong shape.
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": 5, \"version\": \"1\"},\n  \"paths\": {}\n}\n";
    let error = spec_error("shape.json", text);
    assert_at(&error, "#/info/title", 3);
    assert_eq!(error.message, "invalid OpenAPI document: invalid type: integer `5`, expected a string");
}

#[test]
fn empty_file_says_it_is_empty() {
    for text in ["", "  \n\n\t\n"] {
        let error = spec_error("empty.yaml", text);
        assert_message(&error, &["the file is empty", "OpenAPI document"]);
        assert_eq!(error.pointer, None);
    }
}

#[test]
fn swagger_2_and_openapi_3_1_are_read_and_other_versions_refused() {
    // What used to be refused is read now (see `upgrade.rs` for each rule).
    let (_dir, path) = spec_file("swagger.yaml", "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
    let generation = Generator::new(&path).generate().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(generation.api.base_url.as_deref(), Some("/"));
    let text = "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\nwebhooks: {}\ncomponents:\n  schemas:\n    A:\n      type: [string, 'null']\n";
    let (_dir, path) = spec_file("v31.yaml", text);
    let generation = Generator::new(&path).generate().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(generation.api.types.len(), 1);

    let error = spec_error("swagger.yaml", "swagger: '1.2'\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
    assert_at(&error, "#/swagger", 1);
    assert_message(&error, &["Swagger 1.2 is not supported", "Swagger 2.0"]);
    let error = spec_error("v4.json", "{\"openapi\": \"4.0.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}}");
    assert_message(&error, &["OpenAPI 4.0.0 is not supported"]);
    assert_eq!(error.location.map(|l| l.line), Some(1), "{error}");
}

/// A 3.1 keyword the IR cannot express is a warning at its pointer, not an error.
#[test]
fn openapi_3_1_keyword_without_a_counterpart_is_a_located_warning() {
    let text = "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\ncomponents:\n  schemas:\n    A:\n      type: object\n      patternProperties:\n        '^x-': {type: string}\n";
    let generation = generation(text);
    let warning = generation.warnings.iter().find(|w| w.message.contains("patternProperties")).expect("a warning");
    assert_eq!(warning.pointer, "#/components/schemas/A/patternProperties");
}

/// Swagger 2.0 has one request body per operation: `body` and `formData` together are an error
/// at the first form parameter, in the user's 2.0 document.
#[test]
fn swagger_2_body_and_form_parameters_together() {
    let text = "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    post:\n      parameters:\n        - {name: b, in: body, schema: {type: object}}\n        - {name: f, in: formData, type: string}\n      responses:\n        '204': {description: ok}\n";
    let error = spec_error("swagger.yaml", text);
    assert_at(&error, "#/paths/~1a/post/parameters/1", 10);
    assert_message(&error, &["both a `body` parameter and `formData` parameters"]);
}

fn multi_file_error(files: &[(&str, &str)]) -> SpecError {
    let (_dir, path) = spec_files(files);
    match Generator::new(&path).generate() {
        Err(Error::Spec(error)) => error,
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error"),
    }
}

#[test]
fn ref_to_a_missing_file() {
    let text =
        with_schemas("    A:\n      type: object\n      properties:\n        b:\n          $ref: 'other.yaml#/X'\n");
    let error = multi_file_error(&[("api/spec.yaml", &text)]);
    assert!(error.file.ends_with("api/spec.yaml"), "{error}");
    assert_at(&error, "#/components/schemas/A/properties/b", 11);
    assert_message(&error, &["$ref `other.yaml#/X`", "cannot read `other.yaml`"]);
}

#[test]
fn ref_to_a_missing_node_of_a_file_names_the_file() {
    let text = with_schemas("    A:\n      $ref: 'models/a.yaml#/Nope'\n");
    let error = multi_file_error(&[("spec.yaml", &text), ("models/a.yaml", "Yes: {type: string}\n")]);
    assert_at(&error, "#/components/schemas/A", 8);
    assert_message(&error, &["points to nothing", "`models/a.yaml` has no node at `#/Nope`"]);
}

#[test]
fn ref_climbing_out_of_the_spec_directory() {
    let text = with_schemas("    A:\n      $ref: '../outside.yaml'\n");
    let error = multi_file_error(&[("api/spec.yaml", &text), ("outside.yaml", "type: string\n")]);
    assert_at(&error, "#/components/schemas/A", 8);
    assert_message(&error, &["leaves the directory of the spec", "--ref-root"]);
    // Widened, the same reference is read.
    let (dir, path) = spec_files(&[("api/spec.yaml", &text), ("outside.yaml", "type: string\n")]);
    Generator::new(&path).ref_root(dir.path()).generate().unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn ref_naming_a_url_is_refused() {
    let text = with_schemas("    A:\n      $ref: 'https://example.com/a.yaml#/A'\n");
    let error = multi_file_error(&[("spec.yaml", &text)]);
    assert_at(&error, "#/components/schemas/A", 8);
    assert_message(&error, &["names a URL", "never uses the network"]);
}

#[test]
fn cycle_of_files() {
    // Path items are copied in place, so a file that includes itself again never ends.
    let spec = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    $ref: 'paths/a.yaml'\n";
    let error = multi_file_error(&[
        ("spec.yaml", spec),
        ("paths/a.yaml", "get:\n  $ref: 'b.yaml'\n"),
        ("paths/b.yaml", "responses:\n  '200':\n    description: ok\nx-more:\n  $ref: 'a.yaml'\ncallbacks:\n  c:\n    $ref: 'a.yaml'\n"),
    ]);
    assert!(error.file.ends_with("paths/b.yaml"), "{error}");
    assert_eq!(error.pointer.as_deref(), Some("#/callbacks/c"), "{error}");
    assert_eq!(error.location.map(|l| l.line), Some(7), "{error}");
    assert_message(&error, &["makes a cycle of files", "paths/a.yaml# → paths/b.yaml# → paths/a.yaml#"]);

    // Components referring to each other across files in a ring of `$ref`s: a located error
    // from the one resolver, in the file the user wrote.
    let operation = "      responses:\n        '200':\n          $ref: 'responses/a.yaml'\n";
    let text = with_operation("/a", operation, "  schemas: {}\n");
    let error = multi_file_error(&[
        ("spec.yaml", &text),
        ("responses/a.yaml", "$ref: 'b.yaml'\n"),
        ("responses/b.yaml", "$ref: 'a.yaml'\n"),
    ]);
    assert_message(&error, &["$ref chain is a cycle", "a → b → a"]);
}

/// Before the one resolver, response and request body references followed one hop only,
/// and a chain was reported as pointing to nothing.
#[test]
fn chains_of_response_and_request_body_refs_are_followed() {
    let operation = "      operationId: postA\n      requestBody:\n        $ref: '#/components/requestBodies/first'\n      responses:\n        '200':\n          $ref: '#/components/responses/first'\n";
    let components = "  requestBodies:\n    first:\n      $ref: '#/components/requestBodies/second'\n    second:\n      content:\n        application/json:\n          schema: {type: integer}\n  responses:\n    first:\n      $ref: '#/components/responses/second'\n    second:\n      description: ok\n      content:\n        application/json:\n          schema: {type: string}\n";
    let text = with_operation("/a", operation, components).replace("    get:\n", "    post:\n");
    let code = single_file(&generation(&text));
    assert!(code.contains("i64"), "{code}");
    let operation =
        "      operationId: getA\n      responses:\n        '200':\n          $ref: '#/components/responses/first'\n";
    let components = "  responses:\n    first:\n      $ref: '#/components/responses/second'\n    second:\n      $ref: '#/components/responses/first'\n";
    let error = spec_error("spec.yaml", &with_operation("/a", operation, components));
    assert_at(&error, "#/paths/~1a/get/responses/200", 10);
    assert_message(&error, &["$ref chain is a cycle: first → second → first never reaches a response"]);
}

#[test]
fn missing_openapi_field_is_not_an_openapi_document() {
    let error = spec_error("nothing.yaml", "info:\n  title: t\n  version: '1'\npaths: {}\n");
    assert_message(&error, &["not an OpenAPI document", "`openapi`"]);
}

#[test]
fn schema_ref_to_nothing() {
    let text = with_schemas(
        "    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n",
    );
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/components/schemas/A/properties/b", 11);
    assert_message(&error, &["#/components/schemas/Missing", "does not exist"]);
}

#[test]
fn parameter_ref_to_nothing() {
    let operation = "      operationId: getA\n      parameters:\n        - $ref: '#/components/parameters/missing'\n      responses:\n        '204':\n          description: ok\n";
    let text = with_operation("/a", operation, "  schemas: {}\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/paths/~1a/get/parameters/0", 10);
    assert_message(&error, &["#/components/parameters/missing", "points to nothing"]);
}

#[test]
fn response_ref_to_nothing() {
    let operation =
        "      operationId: getA\n      responses:\n        '404':\n          $ref: '#/components/responses/gone'\n";
    let text = with_operation("/a", operation, "  schemas: {}\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/paths/~1a/get/responses/404", 10);
    assert_message(&error, &["#/components/responses/gone", "points to nothing"]);
}

#[test]
fn ref_cycle_between_two_schemas() {
    let text =
        with_schemas("    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/components/schemas/A", 8);
    assert_message(&error, &["cycle"]);
}

#[test]
fn all_of_that_includes_itself() {
    let text = with_schemas("    A:\n      allOf:\n        - $ref: '#/components/schemas/A'\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/components/schemas/A/allOf/0", 10);
    assert_message(&error, &["allOf includes `A` inside itself", "cycle"]);
}

#[test]
fn invalid_regex_in_a_parameter_pattern() {
    let operation = "      operationId: getA\n      parameters:\n        - name: q\n          in: query\n          schema:\n            type: string\n            pattern: '^[a-z$'\n      responses:\n        '204':\n          description: ok\n";
    let text = with_operation("/a", operation, "  schemas: {}\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/paths/~1a/get/parameters/0/schema/pattern", 14);
    assert_message(&error, &["invalid regular expression in `pattern`", "unclosed character class"]);
}

#[test]
fn duplicate_operation_ids() {
    let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getThing\n      responses:\n        '204':\n          description: ok\n  /b:\n    get:\n      operationId: getThing\n      responses:\n        '204':\n          description: ok\n";
    let error = spec_error("spec.yaml", text);
    assert_at(&error, "#/paths/~1b/get/operationId", 14);
    assert_message(&error, &["duplicate operationId `getThing`", "#/paths/~1a/get"]);
}

#[test]
fn operation_ids_that_become_the_same_rust_name() {
    let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getThing\n      responses:\n        '204':\n          description: ok\n  /b:\n    get:\n      operationId: get_thing\n      responses:\n        '204':\n          description: ok\n";
    let error = spec_error("spec.yaml", text);
    assert_at(&error, "#/paths/~1b/get/operationId", 14);
    assert_message(&error, &["`getThing`", "`get_thing`", "both become `get_thing`"]);
}

#[test]
fn an_operation_named_like_another_operations_error_enum() {
    let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: getThing\n      responses:\n        '204':\n          description: ok\n  /b:\n    get:\n      operationId: getThingError\n      responses:\n        '204':\n          description: ok\n";
    let error = spec_error("spec.yaml", text);
    assert_at(&error, "#/paths/~1b/get/operationId", 14);
    assert_message(&error, &["`getThing`", "`getThingError`", "both need the Rust type `GetThingError`"]);
}

#[test]
fn schema_names_that_clash_in_rust_get_a_suffix_and_a_warning() {
    let text = with_schemas(
        "    foo_bar:\n      type: object\n      properties:\n        a: {type: string}\n    FooBar:\n      type: object\n      properties:\n        b: {type: integer}\n",
    );
    let generation = generation(&text);
    let warning = generation
        .warnings
        .iter()
        .find(|w| w.pointer == "#/components/schemas/foo_bar")
        .unwrap_or_else(|| panic!("a warning names foo_bar: {:?}", generation.warnings));
    assert!(warning.message.contains("`FooBar2`"), "{warning}");
    let code = single_file(&generation);
    assert!(code.contains("pub struct FooBar {"), "{code}");
    assert!(code.contains("pub struct FooBar2 {"), "{code}");
    // Deterministic: the same names on every run.
    assert_eq!(single_file(&self::generation(&text)), code);
}

#[test]
fn property_names_that_clash_in_rust_get_a_suffix_and_a_warning() {
    let text = with_schemas(
        "    Thing:\n      type: object\n      properties:\n        fooBar: {type: string}\n        foo_bar: {type: integer}\n",
    );
    let generation = generation(&text);
    let warning = generation
        .warnings
        .iter()
        .find(|w| w.pointer == "#/components/schemas/Thing/properties/foo_bar")
        .unwrap_or_else(|| panic!("a warning names the property: {:?}", generation.warnings));
    assert!(warning.message.contains("`foo_bar_2`"), "{warning}");
    let code = single_file(&generation);
    assert!(code.contains("pub foo_bar: Option<String>"), "{code}");
    assert!(code.contains("pub foo_bar_2: Option<i64>"), "{code}");
    assert!(code.contains("\"fooBar\"") && code.contains("\"foo_bar\""), "both wire names are kept");
}

#[test]
fn keywords_and_symbols_become_valid_identifiers() {
    let text = with_schemas(
        "    Self:\n      type: object\n      properties:\n        type: {type: string}\n        self: {type: string}\n        crate: {type: string}\n        match: {type: string}\n        '@odata.type': {type: string}\n        1st: {type: string}\n        x-rate-limit: {type: integer}\n        $: {type: string}\n    Result:\n      type: object\n      properties:\n        ok: {type: boolean}\n        other:\n          $ref: '#/components/schemas/Self'\n",
    );
    let generation = generation(&text);
    let code = single_file(&generation);
    for name in [
        "pub r#type:",
        "pub self_:",
        "pub crate_:",
        "pub r#match:",
        "pub odata_type:",
        "pub n_1st:",
        "pub x_rate_limit:",
        "pub value:",
        "pub struct ResultModel",
        "pub struct Self_",
    ] {
        assert!(code.contains(name), "expected `{name}` in:\n{code}");
    }
    for wire in ["\"@odata.type\"", "\"1st\"", "\"x-rate-limit\"", "\"$\""] {
        assert!(code.contains(wire), "the wire name {wire} is kept");
    }
}

#[test]
fn keyword_and_symbol_operation_and_parameter_names() {
    let operation = "      operationId: match\n      parameters:\n        - name: type\n          in: query\n          schema: {type: string}\n        - name: x-rate-limit\n          in: header\n          schema: {type: integer}\n        - name: '$'\n          in: query\n          schema: {type: string}\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/Result'}\n";
    let text = with_operation(
        "/a",
        operation,
        "  schemas:\n    Result:\n      type: object\n      properties:\n        self: {type: string}\n",
    );
    let generation = generation(&text);
    let code = single_file(&generation);
    for name in ["fn r#type(", "fn x_rate_limit(", "fn value(", "ResultModel", "pub self_:"] {
        assert!(code.contains(name), "expected `{name}` in:\n{code}");
    }
}

#[test]
fn path_template_names_an_undeclared_parameter() {
    let operation = "      operationId: getA\n      responses:\n        '204':\n          description: ok\n";
    let text = with_operation("/a/{x}", operation, "  schemas: {}\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/paths/~1a~1{x}/get", 7);
    assert_message(&error, &["`{x}`", "no such path parameter"]);
}

/// Exit codes of the command, for what `cli.rs` does not already cover: 0 stated as a code,
/// 1 for `check` of a directory that was never generated, 2 without a subcommand, 3 for each
/// kind of spec error (with the `file:line:col: at pointer` form on stderr), 4 for I/O.
#[test]
fn command_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_specforge")).args(args).output().unwrap();
    let good = dir.path().join("good.yaml");
    let operation = "      operationId: getA\n      responses:\n        '204':\n          description: ok\n";
    std::fs::write(&good, with_operation("/a", operation, "  schemas: {}\n")).unwrap();
    let good = good.to_str().unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();

    assert_eq!(run(&["generate", "--spec", good, "--out", out]).status.code(), Some(0));
    assert_eq!(run(&["check", "--spec", good, "--out", out]).status.code(), Some(0));
    let never = dir.path().join("never-generated");
    std::fs::create_dir(&never).unwrap();
    assert_eq!(run(&["check", "--spec", good, "--out", never.to_str().unwrap()]).status.code(), Some(1));

    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--spec"]).status.code(), Some(2));

    for (name, text, expected) in [
        (
            "v4.yaml",
            "openapi: 4.0.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
            ":1:1: at #/openapi: OpenAPI 4.0.0",
        ),
        ("broken.yaml", "openapi: 3.0.3\ninfo:\n  title: 't\n", ":4:1: at #/info/title: invalid OpenAPI document"),
        ("shape.yaml", "openapi: 3.0.3\ninfo: [\n", ":2:7: at #/info: invalid OpenAPI document: invalid type"),
        ("empty.yaml", "", ": the file is empty"),
    ] {
        let spec = dir.path().join(name);
        std::fs::write(&spec, text).unwrap();
        let output = run(&["generate", "--spec", spec.to_str().unwrap(), "--out", out]);
        assert_eq!(output.status.code(), Some(3), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(&format!("{}{expected}", spec.display())), "{name}: {stderr}");
    }
    let output = run(&["generate", "--spec", good, "--out", out, "--operation", "nope"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no operation has the operationId `nope`"));

    // The output directory is a file: an I/O error.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    assert_eq!(run(&["generate", "--spec", good, "--out", file.to_str().unwrap()]).status.code(), Some(4));
}

/// Found by `fuzz_props`: an inline allOf that extends the schema it sits in was lowered
/// again for every merge, allocating types without end (the process grew to 15 GB). Each
/// inline schema is now one type, so the extension refers to itself through a `Box`.
#[test]
fn inline_all_of_extending_its_own_schema_terminates() {
    let text = with_schemas(
        "    A:\n      type: object\n      properties:\n        name: {type: string}\n        child:\n          allOf:\n            - $ref: '#/components/schemas/A'\n            - type: object\n              properties:\n                extra: {type: integer}\n",
    );
    let code = single_file(&generation(&text));
    assert!(code.contains("pub child: Option<AChild>"), "{code}");
    assert!(code.contains("pub child: Option<Box<AChild>>"), "{code}");
    assert!(code.contains("pub extra: Option<i64>"), "{code}");
    assert!(!code.contains("AChildChild"), "{code}");

    let text = with_schemas(
        "    A:\n      type: object\n      properties:\n        name: {type: string}\n      additionalProperties:\n        allOf:\n          - $ref: '#/components/schemas/A'\n          - $ref: '#/components/schemas/A'\n",
    );
    let code = single_file(&generation(&text));
    assert!(code.contains("pub struct AValue {"), "{code}");
    assert!(!code.contains("AValueValue"), "{code}");
}

/// Found by `fuzz_props`: openapiv3 panics ("somehow this parsed successfully the second
/// time") on a schema with a duplicate key, in YAML or JSON, and on a `.nan` or `.inf` where it
/// expects a string. The load catches that and names the node.
#[test]
fn duplicate_keys_and_non_finite_numbers_are_errors_not_panics() {
    let text = with_schemas(
        "    A:\n      type: object\n      properties:\n        x:\n          type: string\n          type: string\n",
    );
    let error = spec_error("dup.yaml", &text);
    assert_at(&error, "#/components/schemas/A/properties/x/type", 13);
    assert_eq!(error.message, "invalid OpenAPI document: the key `type` appears twice in this mapping");

    let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {},\n \"components\": {\"schemas\": {\"A\": {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"string\", \"type\": \"string\"}}}}}}\n";
    let error = spec_error("dup.json", text);
    assert_at(&error, "#/components/schemas/A/properties/x/type", 2);
    assert_message(&error, &["the key `type` appears twice"]);

    for value in [".nan", ".inf", "-.Inf"] {
        let text = with_schemas(&format!(
            "    A:\n      type: object\n      properties:\n        x:\n          description: {value}\n"
        ));
        let error = spec_error("nan.yaml", &text);
        assert_at(&error, "#/components/schemas/A/properties/x/description", 12);
        assert_message(&error, &[&format!("`{value}` is not a finite number")]);
    }
}
