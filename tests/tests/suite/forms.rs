//! The schema and parameter forms of `specs/forms.yaml`, generated and compiled by
//! `build.rs`: decoding, round trips and parameter validation, and the snapshot of the code
//! generated from it.

use specforge_tests::forms::models::{Animal, Contact, Labels, Pet, PetKind, Shape, Tree};
use specforge_tests::forms::operations::{
    ApiCallError, DownloadFile, GetPet, GetPetError, GetPetMediaType, GetReport, GetReportMediaType,
    GetReportResponseBody, ReplacePet,
};
use specforge_tests::forms::runtime::{Nullable, RawResponse, Rule};

fn pet_json() -> serde_json::Value {
    serde_json::json!({
        "id": 7,
        "type": "dog",
        "kind": ">=",
        "name": null,
        "born": "2020-02-29",
        "seenAt": "2026-11-28T10:00:00Z",
        "tags": {"color": "brown"},
        "extra": {"any": [1, 2]},
        "anything": 3.5,
        "owner": {"name": "Ann", "since": "2021-01-01T00:00:00Z"},
        "parent": {"id": 1, "type": "dog", "kind": "dog", "parent": {"id": 0, "type": "x", "kind": "cat"}},
        "children": [{"id": 8, "type": "pup", "kind": "2nd"}],
        "shape": {"shapeType": "round", "radius": 2.0},
        "contact": "ann@example.test",
        "@odata.etag": "W/1",
        "collar": {"size": "M"},
        "self": "me",
        "badge": {}
    })
}

#[test]
fn every_form_decodes() {
    let pet: Pet = serde_json::from_value(pet_json()).unwrap();
    assert_eq!(pet.r#type, "dog");
    assert_eq!(pet.kind, PetKind::GreaterEqual);
    // `name` is optional and nullable: the `null` it was sent is kept, and sent back.
    assert_eq!(pet.name, Nullable::Null);
    assert_eq!(pet.born.map(|d| d.to_string()), Some("2020-02-29".to_owned()));
    assert_eq!(pet.tags.as_ref().unwrap()["color"], "brown");
    assert_eq!(pet.owner.as_ref().unwrap().name, "Ann");
    let grandparent = pet.parent.as_ref().unwrap().parent.as_ref().unwrap();
    assert_eq!(grandparent.kind, PetKind::Cat);
    assert_eq!(pet.children.as_ref().unwrap()[0].kind, PetKind::V2nd);
    assert!(matches!(pet.shape, Some(Shape::Circle(ref c)) if c.radius == 2.0));
    assert!(matches!(pet.contact, Some(Contact::String(ref s)) if s == "ann@example.test"));
    assert_eq!(pet.odata_etag.as_deref(), Some("W/1"));
    assert_eq!(pet.self_.as_deref(), Some("me"));
    // Round trip keeps the wire names.
    let back = serde_json::to_value(&pet).unwrap();
    assert_eq!(back["@odata.etag"], "W/1");
    assert_eq!(back["kind"], ">=");
    assert_eq!(back.get("name"), Some(&serde_json::Value::Null));
    assert_eq!(back["shape"]["shapeType"], "round");
    // A struct without fields is an empty object both ways.
    assert!(pet.badge.is_some());
    assert_eq!(back["badge"], serde_json::json!({}));
}

#[test]
fn an_optional_nullable_field_is_absent_null_or_a_value_and_round_trips_exactly() {
    let mut json = pet_json();
    for name in [serde_json::Value::Null, serde_json::json!("Rex")] {
        json["name"] = name.clone();
        let pet: Pet = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&pet).unwrap()["name"], name);
    }
    json.as_object_mut().unwrap().remove("name");
    let pet: Pet = serde_json::from_value(json).unwrap();
    assert!(pet.name.is_absent());
    assert!(serde_json::to_value(&pet).unwrap().get("name").is_none());
    // The setters make each state: a value, `null` (`clear_`), and a new model leaves it out.
    assert_eq!(pet.clone().name("Rex".to_owned()).name, Nullable::Value("Rex".to_owned()));
    let cleared = pet.clone().name("Rex".to_owned()).clear_name();
    assert_eq!(cleared.name, Nullable::Null);
    assert_eq!(serde_json::to_value(&cleared).unwrap()["name"], serde_json::Value::Null);
}

#[test]
fn discriminated_unions_select_by_tag_and_keep_unknown_tags() {
    let square: Shape = serde_json::from_str(r#"{"shapeType":"Square","side":3}"#).unwrap();
    assert!(matches!(square, Shape::Square(ref s) if s.side == 3.0));
    let other: Shape = serde_json::from_str(r#"{"shapeType":"hexagon","side":3}"#).unwrap();
    assert!(matches!(other, Shape::Other(ref v) if v["shapeType"] == "hexagon"));
    let person: Contact = serde_json::from_str(r#"{"name":"Bo"}"#).unwrap();
    assert!(matches!(person, Contact::Person(ref p) if p.name == "Bo"));
}

#[test]
fn maps_beside_properties_and_recursive_aliases() {
    let labels: Labels = serde_json::from_str(r#"{"primary":"a","x":"dog","y":"wolf"}"#).unwrap();
    assert_eq!(labels.primary.as_deref(), Some("a"));
    assert_eq!(labels.additional_properties["x"], PetKind::Dog);
    assert_eq!(labels.additional_properties["y"], PetKind::Unknown("wolf".to_owned()));
    let tree: Tree = serde_json::from_str("[[], [[]]]").unwrap();
    assert_eq!(tree.0.len(), 2);
}

#[test]
fn required_fields_are_required() {
    let error = serde_json::from_str::<Pet>(r#"{"id":1,"kind":"dog"}"#).unwrap_err();
    assert!(error.to_string().contains("type"), "{error}");
}

#[test]
fn parameter_rules_are_checked() {
    let ok = GetPet::new("pet-42")
        .x_trace_id("abc")
        .fields(["name".to_owned(), "kind".to_owned()])
        .limit(10)
        .ratio(1.5)
        .kind(PetKind::Cat)
        .since("2026-01-01")
        .period("DAILY")
        .build()
        .unwrap();
    assert_eq!(ok.path, "/pets/pet-42");
    assert_eq!(ok.headers, vec![("X-Trace-Id", "abc".to_owned())]);
    assert_eq!(ok.query_string(), "fields=name&fields=kind&limit=10&ratio=1.5&kind=cat&since=2026-01-01&period=DAILY");
    // The newest of several versioned JSON types is asked for.
    assert_eq!(ok.accept, Some("application/vnd.forms.2024-01-01+json"));

    let rule = |builder: GetPet| builder.build().unwrap_err().rule;
    assert!(matches!(rule(GetPet::new("cat-1")), Rule::Pattern(_)));
    assert_eq!(rule(GetPet::new("pet-1").limit(0)), Rule::Minimum { bound: 1.0, exclusive: false });
    assert_eq!(rule(GetPet::new("pet-1").limit(501)), Rule::Maximum { bound: 500.0, exclusive: false });
    assert_eq!(rule(GetPet::new("pet-1").ratio(0.0)), Rule::Minimum { bound: 0.0, exclusive: true });
    assert_eq!(rule(GetPet::new("pet-1").ratio(0.7)), Rule::MultipleOf(0.5));
    assert_eq!(rule(GetPet::new("pet-1").fields(Vec::new())), Rule::MinItems(1));
    assert!(matches!(rule(GetPet::new("pet-1").fields(["size".to_owned()])), Rule::OneOf(_)));
    assert_eq!(rule(GetPet::new("pet-1").x_trace_id("x".repeat(65))), Rule::MaxLength(64));
    assert_eq!(rule(GetPet::new("pet-1").x_trace_id("a\r\nInjected: 1")), Rule::HeaderValue);
    assert!(matches!(rule(GetPet::new("pet-1").since("2026-1-1")), Rule::Pattern(_)));
    assert!(matches!(rule(GetPet::new("pet-1").period("YEARLY")), Rule::Pattern(_)));
}

/// A received response with this status, `Content-Type` and body.
fn json(status: u16, content_type: &str, body: &str) -> RawResponse {
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_str(content_type).unwrap());
    let status = http::StatusCode::from_u16(status).unwrap();
    RawResponse { status, headers, body: body.as_bytes().to_vec() }
}

#[test]
fn responses_of_every_kind_decode() {
    let get = GetPet::new("pet-1");
    let pet = get.decode_response(json(200, "application/vnd.forms.2024-01-01+json", &pet_json().to_string())).unwrap();
    assert_eq!(pet.body.id, 7);
    let error = get.decode_response(json(404, "application/json", r#"{"title":"gone"}"#)).unwrap_err();
    assert!(matches!(error, GetPetError::NotFound(ref r) if r.body.title == "gone"));
    let error = get.decode_response(json(503, "text/plain", "down")).unwrap_err();
    assert!(matches!(error, GetPetError::Status5xx(ref r) if r.status == 503));
    let error = get.decode_response(json(418, "application/problem+json", r#"{"title":"teapot"}"#)).unwrap_err();
    assert!(matches!(error, GetPetError::Default(ref r) if r.body.title == "teapot" && r.status == 418));

    let pet: Pet = serde_json::from_value(pet_json()).unwrap();
    let replace = ReplacePet::new("pet-1", pet);
    let request = replace.build().unwrap();
    let body = request.body.unwrap();
    assert_eq!(body.content_type, "application/json");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body.bytes).unwrap()["id"], 7);
    assert_eq!(replace.decode_response(json(204, "application/json", "")).unwrap().status, 204);

    let download = DownloadFile::new("a b/c");
    assert_eq!(download.build().unwrap().path, "/files/a%20b%2Fc");
    let file = download.decode_response(json(200, "application/gzip", "\u{1f}\u{8b}")).unwrap();
    assert_eq!(file.body, b"\x1f\xc2\x8b".to_vec());
}

#[test]
fn polymorphic_bases_give_subtypes_their_properties() {
    let dog: Animal = serde_json::from_str(r#"{"species":"DOG","legs":4,"barks":true}"#).unwrap();
    let Animal::Dog(dog) = dog else { panic!("expected a dog") };
    assert_eq!((dog.species.as_str(), dog.legs, dog.barks), ("DOG", Some(4), Some(true)));
    let bird: Animal = serde_json::from_str(r#"{"species":"BIRD","wingspan":0.3}"#).unwrap();
    assert!(matches!(bird, Animal::Bird(ref b) if b.wingspan == 0.3 && b.legs.is_none()));
    let fish: Animal = serde_json::from_str(r#"{"species":"FISH"}"#).unwrap();
    assert!(matches!(fish, Animal::Other(_)));
}

#[test]
fn a_response_with_several_media_types_lets_the_caller_choose() {
    // The newest JSON version is the default; every documented type can be asked for.
    let report = GetReport::new("r1");
    assert_eq!(report.build().unwrap().accept, Some("application/vnd.forms.2024-05-01+json"));
    assert_eq!(GetReport::ACCEPT, GetReportMediaType::default().as_str());
    let decoded = report.decode_response(json(200, "application/vnd.forms.2024-05-01+json", r#"{"rows":3}"#)).unwrap();
    assert!(matches!(decoded.body, GetReportResponseBody::Json20240501(ref body) if body.rows == Some(3)));

    let older = GetReport::new("r1").accept(GetReportMediaType::Json20230101);
    assert_eq!(older.build().unwrap().accept, Some("application/vnd.forms.2023-01-01+json"));
    let decoded = older.decode_response(json(200, "application/vnd.forms.2023-01-01+json", r#"{"count":4}"#)).unwrap();
    assert!(matches!(decoded.body, GetReportResponseBody::Json20230101(ref body) if body.count == Some(4)));

    let csv = GetReport::new("r1").accept(GetReportMediaType::Csv);
    assert_eq!(csv.build().unwrap().accept, Some("text/csv"));
    let decoded = csv.decode_response(json(200, "text/csv", "a,b\n1,2\n")).unwrap();
    assert_eq!(decoded.body, GetReportResponseBody::Csv(b"a,b\n1,2\n".to_vec()));
    assert_eq!((decoded.status, decoded.content_type()), (http::StatusCode::OK, Some("text/csv")));

    // Versions of one schema: the caller chooses the version, the body type is the same.
    let older_pet = GetPet::new("pet-1").accept(GetPetMediaType::Json20230101);
    assert_eq!(older_pet.build().unwrap().accept, Some("application/vnd.forms.2023-01-01+json"));
    let pet = older_pet.decode_response(json(200, "application/vnd.forms.2023-01-01+json", &pet_json().to_string()));
    assert_eq!(pet.unwrap().body.id, 7);

    // A JSON version answered with something else is a decode error that keeps the response.
    let error = GetReport::new("r1").decode_response(json(200, "text/html", "<html>")).unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::OK));
}

/// The code generated from the fixture, as a build script gets it, without the runtime
/// modules: those are the `specforge-runtime` crate's sources, tested there, and not
/// generated from the spec.
#[test]
fn forms_fixture_snapshot() {
    let generation = specforge::Generator::new(forms_spec()).tag_features(false).generate().unwrap();
    expectorate::assert_contents("../generator/tests/snapshots/forms.rs", &without_runtime(&generation));
    let warnings: Vec<String> = generation.warnings.iter().map(ToString::to_string).collect();
    expectorate::assert_contents("../generator/tests/snapshots/forms.warnings.txt", &(warnings.join("\n") + "\n"));
}

/// The same fixture generated against the runtime crate (`RuntimeSource::Crate`), as a diff
/// from the vendored mode's snapshot: its paths to serde, chrono and the runtime, its client
/// methods as an extension trait, its `runtime` module (the crate's re-export and a `Call` of
/// its own). Every change to what that mode emits shows here, and only what differs.
#[test]
fn forms_fixture_snapshot_against_the_runtime_crate() {
    let vendored = specforge::Generator::new(forms_spec()).tag_features(false).generate().unwrap();
    let crate_mode = specforge::Generator::new(forms_spec())
        .tag_features(false)
        .runtime(specforge::RuntimeSource::Crate)
        .generate()
        .unwrap();
    let file = syn::parse_file(&crate_mode.single_file().unwrap()).expect("the single file parses");
    let (vendored, crate_mode) = (without_runtime(&vendored), prettyplease::unparse(&file));
    let diff = similar::TextDiff::from_lines(&vendored, &crate_mode)
        .unified_diff()
        .context_radius(2)
        .header("forms.rs (vendored runtime)", "forms.rs (runtime crate)")
        .to_string();
    expectorate::assert_contents("../generator/tests/snapshots/forms-runtime-crate.diff", &diff);
}

fn forms_spec() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs/forms.yaml")
}

/// The single file of a generation with a vendored runtime, printed without its `runtime`
/// module.
fn without_runtime(generation: &specforge::Generation) -> String {
    let mut file = syn::parse_file(&generation.single_file().unwrap()).expect("the single file parses");
    let before = file.items.len();
    file.items.retain(|item| !matches!(item, syn::Item::Mod(module) if module.ident == "runtime"));
    assert_eq!(file.items.len(), before - 1, "the single file has a runtime module");
    prettyplease::unparse(&file)
}
