//! How parameters, bodies and 2xx responses go on the wire, as the IR records them: query
//! `style`/`explode`, object query and header parameters as model types, form, typed
//! multipart and byte request bodies, a success enum when 2xx bodies differ, and `2XX`
//! ranges. Fixture: `tests/specs/constructs.yaml` of the workspace (its loopback tests are
//! `tests/tests/suite/constructs.rs`).

use std::path::Path;

use specforge::ir::{
    Api, BodyEncoding, BodyKind, Operation, ParamLocation, ParamStyle, ParamType, StatusMatch, TypeRef,
};
use specforge::{Generation, Generator};

fn generate_from(spec: &Path) -> Generation {
    Generator::new(spec).tag_features(false).generate().unwrap_or_else(|error| panic!("{error}"))
}

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/specs/constructs.yaml")
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|op| op.operation_id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.types[id.0].name.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn query_parameters_record_their_style() {
    let generation = generate_from(&fixture());
    let list = operation(&generation.api, "listCrates");
    let styles: Vec<(&str, ParamStyle)> = list.params.iter().map(|p| (p.wire_name.as_str(), p.style)).collect();
    assert_eq!(
        styles,
        [
            ("ids", ParamStyle::Form { explode: false }),
            ("labels", ParamStyle::SpaceDelimited),
            ("shelves", ParamStyle::PipeDelimited),
            ("zone", ParamStyle::Form { explode: true }),
            ("owner", ParamStyle::DeepObject),
            ("window", ParamStyle::Form { explode: true }),
            ("corner", ParamStyle::Form { explode: false }),
            ("weight", ParamStyle::DeepObject),
            ("kind", ParamStyle::Form { explode: true }),
        ]
    );
    let replace = operation(&generation.api, "replaceCrate");
    assert_eq!(replace.params[0].style, ParamStyle::Simple { explode: false }, "a path parameter");
}

#[test]
fn object_query_parameters_are_typed_models_without_a_warning() {
    let generation = generate_from(&fixture());
    let api = &generation.api;
    let list = operation(api, "listCrates");
    let object_types: Vec<(&str, String)> = list
        .params
        .iter()
        .filter_map(|p| match &p.ty {
            ParamType::Object(ty) => Some((p.wire_name.as_str(), type_name(api, ty))),
            ParamType::List(item) => match &**item {
                ParamType::Object(ty) => Some((p.wire_name.as_str(), format!("[{}]", type_name(api, ty)))),
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert_eq!(
        object_types,
        [
            ("owner", "Owner".to_owned()),
            ("window", "ListCratesWindow".to_owned()),
            ("corner", "ListCratesCorner".to_owned()),
            ("weight", "ListCratesWeight".to_owned()),
            ("kind", "[CrateKind]".to_owned()),
        ]
    );
    assert!(generation.warnings.is_empty(), "{:?}", generation.warnings);
}

#[test]
fn request_bodies_record_their_encoding() {
    let generation = generate_from(&fixture());
    let api = &generation.api;
    let body = |id: &str| operation(api, id).body.clone().expect("a body");
    let form = body("printLabel");
    assert_eq!((form.media_type.as_str(), &form.encoding), ("application/x-www-form-urlencoded", &BodyEncoding::Form));
    assert!(matches!(&form.kind, BodyKind::Json(ty) if type_name(api, ty) == "LabelForm"));
    let multipart = body("uploadPhoto");
    let BodyEncoding::Multipart(Some(parts)) = &multipart.encoding else { panic!("{:?}", multipart.encoding) };
    assert_eq!(parts.type_name, "UploadPhotoParts");
    let fields: Vec<(&str, bool, bool, String, Option<&str>)> = parts
        .fields
        .iter()
        .map(|f| {
            let kind = match &f.kind {
                BodyKind::Json(ty) => type_name(api, ty),
                other => format!("{other:?}"),
            };
            (f.name.as_str(), f.required, f.repeated, kind, f.content_type.as_deref())
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("caption", true, false, "String".to_owned(), None),
            ("photo", true, false, "Bytes".to_owned(), Some("image/png")),
            ("tags", false, true, "String".to_owned(), None),
            ("thumbnails", false, true, "Bytes".to_owned(), None),
            ("spot", false, false, "Spot".to_owned(), None),
            ("note", false, false, "String".to_owned(), Some("text/markdown")),
        ],
        "a list of media types is the file's choice, not a default"
    );
    let setters: Vec<Option<&str>> = parts.fields.iter().map(|f| f.setter.as_deref()).collect();
    assert_eq!(setters, [None, None, Some("tags"), Some("thumbnails"), Some("spot"), Some("note")]);
    let schemaless = body("attachFiles");
    assert_eq!(schemaless.encoding, BodyEncoding::Multipart(None), "no schema: the general builder");
    let raw = body("putManifest");
    assert_eq!(
        (raw.media_type.as_str(), &raw.encoding, &raw.kind),
        ("application/octet-stream", &BodyEncoding::Raw, &BodyKind::Bytes)
    );
    assert_eq!(body("storeCrate").encoding, BodyEncoding::Json);
    let code = generation.krate.files.iter().find(|f| f.path.ends_with("other.rs")).map(|f| f.text.as_str());
    let code = code.expect("the operations module");
    assert!(
        code.contains("pub fn new(crate_id: impl Into<String>, body: runtime::Upload) -> Self"),
        "bytes or a stream"
    );
    assert!(code.contains("pub struct UploadPhotoParts"), "the parts struct is emitted");
}

#[test]
fn differing_success_bodies_get_an_enum_and_agreeing_ones_keep_the_plain_type() {
    let generation = generate_from(&fixture());
    let api = &generation.api;
    let store = operation(api, "storeCrate").success.by_status.as_ref().expect("201 and 202 differ");
    assert_eq!(store.enum_name, "StoreCrateResponse");
    let variants: Vec<(StatusMatch, &str)> = store.variants.iter().map(|v| (v.status, v.variant.as_str())).collect();
    assert_eq!(
        variants,
        [
            (StatusMatch::Code(201), "Created"),
            (StatusMatch::Code(202), "Accepted"),
            (StatusMatch::Code(204), "NoContent")
        ]
    );
    assert_eq!(store.variants[2].kind, BodyKind::Empty);
    assert!(operation(api, "replaceCrate").success.by_status.is_none(), "200 and 201 answer the same crate");
    let code = generation.krate.files.iter().find(|f| f.path.ends_with("other.rs")).map(|f| f.text.as_str());
    let code = code.expect("the operations module");
    assert!(code.contains("pub enum StoreCrateResponse"), "the enum is emitted");
    assert!(code.contains("202 => Ok(decode_json(response)?.map(StoreCrateResponse::Accepted))"), "{code}");
}

#[test]
fn object_header_parameters_are_typed_models_with_their_explode() {
    let generation = generate_from(&fixture());
    let api = &generation.api;
    let inspect = operation(api, "inspectCrate");
    let headers: Vec<(&str, String, ParamStyle, bool)> = inspect
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Header)
        .map(|p| match &p.ty {
            ParamType::Object(ty) => (p.wire_name.as_str(), type_name(api, ty), p.style, p.required),
            other => panic!("{} is {other:?}", p.wire_name),
        })
        .collect();
    assert_eq!(
        headers,
        [
            ("X-Scale", "Scale".to_owned(), ParamStyle::Simple { explode: false }, false),
            ("X-Lamp", "InspectCrateXLamp".to_owned(), ParamStyle::Simple { explode: true }, true),
        ]
    );
    assert!(generation.warnings.is_empty(), "{:?}", generation.warnings);
}

#[test]
fn a_2xx_range_is_a_success_alone_and_beside_codes() {
    let generation = generate_from(&fixture());
    let api = &generation.api;
    let inspect = &operation(api, "inspectCrate").success;
    assert!(inspect.any_2xx && inspect.statuses.is_empty() && inspect.by_status.is_none());
    assert!(matches!(&inspect.kind, BodyKind::Json(ty) if type_name(api, ty) == "Crate"));
    let moves = &operation(api, "moveCrate").success;
    assert!(moves.any_2xx);
    assert_eq!(moves.statuses, [201]);
    let by_status = moves.by_status.as_ref().expect("201 and 2XX differ");
    let variants: Vec<(StatusMatch, &str, String)> = by_status
        .variants
        .iter()
        .map(|v| match &v.kind {
            BodyKind::Json(ty) => (v.status, v.variant.as_str(), type_name(api, ty)),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        variants,
        [
            (StatusMatch::Code(201), "Created", "Crate".to_owned()),
            (StatusMatch::Range(2), "Status2xx", "Ticket".to_owned())
        ]
    );
    let code = generation.krate.files.iter().find(|f| f.path.ends_with("other.rs")).map(|f| f.text.as_str());
    let code = code.expect("the operations module");
    assert!(code.contains("200..=299 => Ok(decode_json(response)?.map(MoveCrateResponse::Status2xx))"), "{code}");
}

#[test]
fn a_part_named_like_a_method_of_the_parts_struct_gets_another_setter() {
    let spec = r#"
openapi: 3.0.3
info: {title: Parts, version: "1"}
paths:
  /files:
    post:
      operationId: sendFiles
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                multipart: {type: string}
                new: {type: string, format: binary}
      responses:
        "204": {description: Sent.}
"#;
    let dir = std::env::temp_dir().join(format!("specforge-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parts.yaml");
    std::fs::write(&path, spec).unwrap();
    let generation = generate_from(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    let body = operation(&generation.api, "sendFiles").body.clone().expect("a body");
    let BodyEncoding::Multipart(Some(parts)) = &body.encoding else { panic!("{:?}", body.encoding) };
    let setters: Vec<(&str, Option<&str>)> =
        parts.fields.iter().map(|f| (f.name.as_str(), f.setter.as_deref())).collect();
    assert_eq!(setters, [("multipart", Some("multipart2")), ("new", Some("set_new"))]);
}

#[test]
fn inline_part_types_of_a_component_schema_keep_the_component_model_names() {
    let spec = r##"
openapi: 3.0.3
info: {title: Parts, version: "1"}
paths:
  /transcriptions:
    post:
      operationId: transcribe
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {$ref: "#/components/schemas/TranscriptionRequest"}
      responses:
        "204": {description: Done.}
components:
  schemas:
    TranscriptionRequest:
      type: object
      required: [file, model]
      properties:
        file: {type: string, format: binary}
        model: {type: string, enum: [small, large]}
"##;
    let dir = std::env::temp_dir().join(format!("specforge-component-parts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("parts.yaml");
    std::fs::write(&path, spec).unwrap();
    let generation = generate_from(&path);
    std::fs::remove_dir_all(&dir).unwrap();
    let api = &generation.api;
    let body = operation(api, "transcribe").body.clone().expect("a body");
    let BodyEncoding::Multipart(Some(parts)) = &body.encoding else { panic!("{:?}", body.encoding) };
    let BodyKind::Json(model) = &parts.fields[1].kind else { panic!("{:?}", parts.fields[1].kind) };
    assert_eq!(type_name(api, model), "TranscriptionRequestModel", "the model's name, shared");
    assert!(!api.types.iter().any(|t| t.name.starts_with("TranscribeParts")), "no second copy");
}
