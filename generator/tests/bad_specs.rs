//! Bad specs get a clear error naming the file and the place (JSON pointer; line and column
//! where the text shows one), and nothing panics. Name clashes and names that are not Rust
//! identifiers are not errors: they are resolved deterministically, with a warning for clashes.

use std::path::PathBuf;
use std::process::Command;

use specforge::{Error, Generation, Generator, SpecError};

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
        assert_message(&error, &["the file is empty", "OpenAPI 3.0"]);
        assert_eq!(error.pointer, None);
    }
}

#[test]
fn swagger_2_is_not_supported() {
    let error = spec_error("swagger.yaml", "swagger: '2.0'\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
    assert_at(&error, "#/swagger", 1);
    assert_message(&error, &["Swagger 2.0 is not supported", "convert"]);

    let error = spec_error("swagger.json", "{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}}");
    assert_message(&error, &["Swagger 2.0 is not supported"]);
    assert_eq!(error.location.map(|l| l.line), Some(1), "{error}");
}

#[test]
fn openapi_3_1_is_not_supported() {
    let error = spec_error("v31.yaml", "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n");
    assert_at(&error, "#/openapi", 1);
    assert_message(&error, &["OpenAPI 3.1.0 is not supported", "3.0"]);

    // 3.1 documents often use what 3.0 cannot parse (webhooks only, `type: [string, "null"]`):
    // still the version is what gets reported.
    let text = "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\nwebhooks: {}\ncomponents:\n  schemas:\n    A:\n      type: [string, 'null']\n";
    let error = spec_error("v31b.yaml", text);
    assert_at(&error, "#/openapi", 1);
    assert_message(&error, &["OpenAPI 3.1.0 is not supported"]);
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

#[test]
fn external_refs_are_not_supported() {
    let text =
        with_schemas("    A:\n      type: object\n      properties:\n        b:\n          $ref: 'other.yaml#/X'\n");
    let error = spec_error("spec.yaml", &text);
    assert_at(&error, "#/components/schemas/A/properties/b", 11);
    assert_message(&error, &["external $ref `other.yaml#/X` is not supported"]);

    // The same in a parameter and a response.
    let operation = "      operationId: getA\n      parameters:\n        - $ref: 'other.yaml#/P'\n      responses:\n        '204':\n          description: ok\n";
    let error = spec_error("spec.yaml", &with_operation("/a", operation, "  schemas: {}\n"));
    assert_at(&error, "#/paths/~1a/get/parameters/0", 10);
    assert_message(&error, &["external $ref `other.yaml#/P` is not supported"]);
    let operation = "      operationId: getA\n      responses:\n        '404':\n          $ref: 'other.yaml#/R'\n";
    let error = spec_error("spec.yaml", &with_operation("/a", operation, "  schemas: {}\n"));
    assert_at(&error, "#/paths/~1a/get/responses/404", 10);
    assert_message(&error, &["external $ref `other.yaml#/R` is not supported"]);
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
            "v31.yaml",
            "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
            ":1:1: at #/openapi: OpenAPI 3.1.0",
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
