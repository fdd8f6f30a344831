//! OpenAPI 3.2's `query` method, `additionalOperations` and `in: querystring` in the
//! generator: they become operations and parameters like the others (sent end to end in
//! `tests/tests/suite/new_methods.rs`), what cannot be sent is a located warning, and an error
//! inside them names the place where the user wrote it.

use specforge::diff::model::operation_pointer;
use specforge::diff::ApiModel;
use specforge::ir::{Method, Operation, ParamLocation, ParamStyle, ParamType};
use specforge::{Error, Generation, Generator};

use crate::common::spec_files;

const HEAD: &str = "openapi: 3.2.0\ninfo:\n  title: t\n  version: '1'\n";

fn generate(paths: &str) -> Result<Generation, Error> {
    let (_dir, spec) = spec_files(&[("api.yaml", &format!("{HEAD}paths:\n{paths}"))]);
    Generator::new(spec).tag_features(false).generate()
}

fn operation<'a>(generation: &'a Generation, id: &str) -> &'a Operation {
    generation.api.operations.iter().find(|op| op.operation_id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

/// Each warning as (pointer, message).
fn warnings(generation: &Generation) -> Vec<(&str, &str)> {
    generation.warnings.iter().map(|w| (w.pointer.as_str(), w.message.as_str())).collect()
}

const METHODS: &str = "  /notes:
    get:
      operationId: listNotes
      responses:
        '204':
          description: ok
    query:
      operationId: searchNotes
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                text:
                  type: [string, 'null']
      responses:
        '204':
          description: ok
    additionalOperations:
      LINK:
        operationId: linkNotes
        responses:
          '204':
            description: ok
      POST:
        operationId: postedTheWrongWay
        responses:
          '204':
            description: ok
      BAD METHOD:
        operationId: notAToken
        responses:
          '204':
            description: ok
";

#[test]
fn query_and_additional_operations_are_operations_and_bad_keys_are_warned() {
    let generation = generate(METHODS).unwrap();
    let ids: Vec<&str> = generation.api.operations.iter().map(|op| op.operation_id.as_str()).collect();
    assert_eq!(ids, ["linkNotes", "listNotes", "searchNotes"]);
    assert_eq!(operation(&generation, "searchNotes").method, Method::Query);
    assert_eq!(operation(&generation, "linkNotes").method, Method::Extension("LINK".to_owned()));
    assert_eq!(operation(&generation, "listNotes").method, Method::Get);

    let code = generation.single_file().unwrap();
    syn::parse_file(&code).unwrap();
    assert!(code.contains("pub const METHOD: &'static str = \"QUERY\";"), "{code}");
    assert!(code.contains("pub const METHOD: &'static str = \"LINK\";"), "{code}");
    assert!(code.contains("method: runtime::request::extension_method(Self::METHOD),"), "{code}");
    assert!(code.contains("pub const METHOD: http::Method = http::Method::GET;"), "{code}");
    // An operation with no arguments: `&self` alone, no comma after it.
    assert!(code.contains("pub fn link_notes(&self) -> runtime::Call<'_, LinkNotes>"), "{code}");
    // The 3.1 schema forms inside a moved operation are upgraded like any other.
    assert!(code.contains("Nullable<String>,"), "{code}");

    let warned = warnings(&generation);
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].0, "#/paths/~1notes/additionalOperations/BAD METHOD");
    assert!(warned[0].1.contains("not an HTTP method name"), "{}", warned[0].1);
    assert_eq!(warned[1].0, "#/paths/~1notes/additionalOperations/POST");
    assert!(warned[1].1.contains("belongs in the path item's `post` field"), "{}", warned[1].1);

    // `diff` names an operation of `additionalOperations` where the spec has it.
    let model = ApiModel::from_ir(&generation.api);
    let pointer = |id: &str| operation_pointer(&model.operations[id]);
    assert_eq!(pointer("linkNotes"), "#/paths/~1notes/additionalOperations/LINK");
    assert_eq!(pointer("searchNotes"), "#/paths/~1notes/query");
    assert_eq!(pointer("listNotes"), "#/paths/~1notes/get");
}

#[test]
fn an_error_inside_a_moved_operation_names_the_place_it_was_written() {
    for (method_key, pointer_key) in
        [("query", "query"), ("additionalOperations:\n      COPY", "additionalOperations/COPY")]
    {
        let indent = if method_key == "query" { "" } else { "  " };
        let paths = format!(
            "  /notes:\n    {method_key}:\n{indent}      parameters:\n{indent}        - name: q\n{indent}          in: query\n{indent}          schema:\n{indent}            type: string\n{indent}            pattern: '^[a-z$'\n{indent}      responses:\n{indent}        '204':\n{indent}          description: ok\n"
        );
        let Err(Error::Spec(error)) = generate(&paths) else { panic!("expected a spec error for {paths}") };
        assert_eq!(
            error.pointer.as_deref(),
            Some(format!("#/paths/~1notes/{pointer_key}/parameters/0/schema/pattern").as_str()),
            "{error}"
        );
        let line = if method_key == "query" { 13 } else { 14 };
        assert_eq!(error.location.map(|l| l.line), Some(line), "{error}\n{paths}");
    }
}

#[test]
fn a_querystring_parameter_is_an_object_written_as_the_whole_query_and_others_are_warned() {
    let paths = "  /notes:
    get:
      operationId: findNotes
      parameters:
        - name: filter
          in: querystring
          required: true
          description: What to find.
          content:
            application/x-www-form-urlencoded:
              schema:
                type: object
                properties:
                  author:
                    type: string
      responses:
        '204':
          description: ok
  /search:
    parameters:
      - name: criteria
        in: querystring
        content:
          application/json:
            schema:
              type: object
              properties:
                text:
                  type: string
    get:
      operationId: searchNotes
      responses:
        '204':
          description: ok
  /plain:
    get:
      operationId: plainNotes
      parameters:
        - name: words
          in: querystring
          content:
            text/plain:
              schema:
                type: string
      responses:
        '204':
          description: ok
  /twice:
    get:
      operationId: twiceNotes
      parameters:
        - name: both
          in: querystring
          content:
            application/json: {}
            text/plain: {}
      responses:
        '204':
          description: ok
";
    let generation = generate(paths).unwrap();
    let params = &operation(&generation, "findNotes").params;
    assert_eq!(params.len(), 1, "{params:?}");
    let filter = &params[0];
    assert_eq!((filter.location, filter.style), (ParamLocation::Query, ParamStyle::Form { explode: true }));
    assert!(matches!(filter.ty, ParamType::Object(_)), "{:?}", filter.ty);
    assert!(filter.required);
    assert_eq!(
        filter.doc.as_deref(),
        Some("What to find.\n\nIts properties are the whole query string (`in: querystring`).")
    );
    let criteria = &operation(&generation, "searchNotes").params[0];
    assert_eq!((criteria.location, criteria.style), (ParamLocation::Query, ParamStyle::Json));
    assert!(matches!(criteria.ty, ParamType::Object(_)) && !criteria.required, "{criteria:?}");
    assert!(operation(&generation, "plainNotes").params.is_empty());
    assert!(operation(&generation, "twiceNotes").params.is_empty());

    let code = generation.single_file().unwrap();
    assert!(code.contains("runtime::request::ObjectStyle::Form { explode: true }"), "{code}");
    assert!(code.contains("runtime::request::ObjectStyle::Json"), "{code}");

    let warned = warnings(&generation);
    assert_eq!(warned.len(), 2, "{warned:?}");
    assert_eq!(warned[0].0, "#/paths/~1plain/get/parameters/0");
    assert!(warned[0].1.contains(r#"JSON content and a schema, not ["text/plain"]"#), "{}", warned[0].1);
    assert_eq!(warned[1].0, "#/paths/~1twice/get/parameters/0");
    assert!(warned[1].1.contains("needs `content` with one media type, not 2"), "{}", warned[1].1);
}

#[test]
fn a_schema_referenced_inside_an_additional_operation_is_named_after_that_operation() {
    let paths = "  /notes:
    additionalOperations:
      LINK:
        operationId: linkNotes
        requestBody:
          content:
            application/json:
              schema:
                type: object
                properties:
                  target:
                    type: string
        responses:
          '204':
            description: ok
    post:
      operationId: postNote
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/paths/~1notes/additionalOperations/LINK/requestBody/content/application~1json/schema'
      responses:
        '204':
          description: ok
";
    let generation = generate(paths).unwrap();
    let names: Vec<&str> = generation.api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"LinkNotesRequest"), "{names:?}");
}
