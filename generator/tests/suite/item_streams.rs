//! OpenAPI 3.2 `itemSchema` in the generator: a streamed success response becomes a typed item
//! stream (`send_items`, tested end to end in `tests/tests/suite/item_streams.rs`), an `itemSchema`
//! the client cannot use is a located warning, and an error inside an item schema names the
//! place where the user wrote it.

use specforge::{Error, Generator};

const HEAD: &str = "openapi: 3.2.0\ninfo:\n  title: t\n  version: '1'\n";

fn spec(dir: &tempfile::TempDir, paths: &str) -> std::path::PathBuf {
    let path = dir.path().join("api.yaml");
    std::fs::write(&path, format!("{HEAD}paths:\n{paths}")).unwrap();
    path
}

const TICKS: &str = "  /ticks:
    get:
      operationId: listTicks
      requestBody:
        content:
          application/jsonl:
            itemSchema:
              type: string
      responses:
        '200':
          description: ok
          content:
            application/json-seq:
              itemSchema:
                type: object
                properties:
                  price:
                    type: number
";

#[test]
fn a_streamed_success_body_gets_typed_items_and_other_item_schemas_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    let generation = Generator::new(spec(&dir, TICKS)).tag_features(false).generate().unwrap();
    let code = generation.single_file().unwrap();
    syn::parse_file(&code).unwrap();
    assert!(code.contains("pub struct ListTicksItem"), "the inline item schema is named after the operation");
    assert!(code.contains("type Item = models::ListTicksItem;"), "{code}");
    assert!(code.contains("runtime::ItemStream::values(body, runtime::ItemFraming::JsonSeq)"), "{code}");
    assert!(code.contains("const STREAMED_MEDIA_TYPE: &'static str = \"application/json-seq\";"), "{code}");
    let warned: Vec<&str> = generation.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(warned, ["#/paths/~1ticks/get/requestBody/content/application~1jsonl/itemSchema"]);
}

#[test]
fn a_reference_to_nothing_in_an_item_schema_names_the_item_schema() {
    let dir = tempfile::tempdir().unwrap();
    let paths = "  /events:
    get:
      responses:
        '200':
          description: ok
          content:
            text/event-stream:
              itemSchema:
                $ref: '#/components/schemas/Nope'
";
    match Generator::new(spec(&dir, paths)).generate() {
        Err(Error::Spec(error)) => {
            assert_eq!(
                error.pointer.as_deref(),
                Some("#/paths/~1events/get/responses/200/content/text~1event-stream/itemSchema"),
                "{error}"
            );
            assert_eq!(error.location.map(|at| at.line), Some(13), "{error}");
        }
        Err(other) => panic!("expected a spec error, got: {other}"),
        Ok(_) => panic!("expected a spec error"),
    }
}
