//! The wire forms of `specs/constructs.yaml` (generated and compiled by `build.rs`): query
//! parameter styles, object query and header parameters, form, typed and general multipart,
//! byte and streamed bodies, and 2xx responses with different bodies or a `2XX` range. Each
//! is checked on the `Request` that `build()` returns and on what a loopback server
//! (wiremock on 127.0.0.1) received.

use std::time::Duration;

use specforge_tests::constructs::models::{
    Crate, CrateKind, InspectCrateXLamp, LabelForm, LabelFormSize, ListCratesCorner, ListCratesWeight,
    ListCratesWeightObject, ListCratesWindow, Owner, Scale, Spot, Ticket,
};
use specforge_tests::constructs::operations::{
    AttachFiles, InspectCrate, ListCrates, MoveCrate, MoveCrateResponse, PrintLabel, PutManifest, ReplaceCrate,
    StoreCrate, StoreCrateResponse, UploadPhoto, UploadPhotoParts,
};
use specforge_tests::constructs::runtime::{
    Client, FilePart, Multipart, RawResponse, RetryPolicy, Rule, TransportError, Upload,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn every_style() -> ListCrates {
    ListCrates::new()
        .ids(["c1".to_owned(), "c,2".to_owned()])
        .labels(["fragile".to_owned(), "heavy".to_owned()])
        .shelves([3, 14])
        .zone(["north".to_owned(), "south".to_owned()])
        .owner(Owner::new().name("Ann".to_owned()).age(41))
        .window(ListCratesWindow::new().after(10).before(20))
        .corner(ListCratesCorner::new().x(1).y(2))
        .weight(ListCratesWeight::Object(ListCratesWeightObject::new().min(5)))
        .kind([CrateKind::Wooden, CrateKind::Heated])
}

/// The pairs every style gives, in the order of the spec's parameters.
const EVERY_STYLE_PAIRS: &[(&str, &str)] = &[
    ("ids", "c1,c,2"),
    ("labels", "fragile heavy"),
    ("shelves", "3|14"),
    ("zone", "north"),
    ("zone", "south"),
    ("owner[name]", "Ann"),
    ("owner[age]", "41"),
    ("after", "10"),
    ("before", "20"),
    ("corner", "x,1,y,2"),
    ("weight[min]", "5"),
    ("kind", "wooden"),
    ("kind", "heated"),
];

#[test]
fn query_parameters_are_written_by_their_style() {
    let request = every_style().build().unwrap();
    assert_eq!(request.query, EVERY_STYLE_PAIRS.to_vec());
    assert_eq!(
        request.query_string(),
        "ids=c1%2Cc%2C2&labels=fragile+heavy&shelves=3%7C14&zone=north&zone=south&owner%5Bname%5D=Ann&owner%5Bage%5D=41\
         &after=10&before=20&corner=x%2C1%2Cy%2C2&weight%5Bmin%5D=5&kind=wooden&kind=heated"
    );
}

#[test]
fn a_union_parameter_in_its_scalar_form_is_one_pair_and_empty_lists_send_nothing() {
    let request = ListCrates::new().weight(ListCratesWeight::Integer(12)).ids(Vec::new()).build().unwrap();
    assert_eq!(request.query, vec![("weight", "12")]);
}

#[test]
fn a_form_body_encodes_the_model_as_pairs() {
    let form = LabelForm::new("Keep dry & upright".to_owned())
        .copies(2)
        .colors(vec!["red".to_owned(), "blue".to_owned()])
        .size(LabelFormSize::new().width(4).height(6));
    let body = PrintLabel::new("c1", form).build().unwrap().body.unwrap();
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(body.bytes).unwrap(),
        "text=Keep+dry+%26+upright&copies=2&colors=red&colors=blue&size%5Bwidth%5D=4&size%5Bheight%5D=6"
    );
}

const PNG: [u8; 4] = [0x89, b'P', 0, 0xff];

fn photo() -> UploadPhotoParts {
    UploadPhotoParts::new("Side view".to_owned(), FilePart::new(PNG).file_name("side.png"))
}

/// The parts of a multipart body, split on its boundary, each as its header lines and its
/// contents.
fn parts_of(content_type: &str, body: &[u8]) -> Vec<(String, Vec<u8>)> {
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("a boundary");
    let delimiter = format!("--{boundary}");
    let end = format!("\r\n--{boundary}--\r\n");
    let body = body.strip_suffix(end.as_bytes()).expect("the closing delimiter");
    let body = body.strip_prefix(format!("{delimiter}\r\n").as_bytes()).expect("the first delimiter");
    let separator = format!("\r\n{delimiter}\r\n");
    let mut parts = Vec::new();
    let mut rest = body;
    loop {
        let split = rest.windows(separator.len()).position(|w| w == separator.as_bytes());
        let part = split.map_or(rest, |at| &rest[..at]);
        let blank = part.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end with a blank line");
        parts.push((String::from_utf8(part[..blank].to_vec()).unwrap(), part[blank + 4..].to_vec()));
        match split {
            Some(at) => rest = &rest[at + separator.len()..],
            None => return parts,
        }
    }
}

fn disposition(name: &str) -> String {
    format!("Content-Disposition: form-data; name=\"{name}\"")
}

#[test]
fn a_typed_multipart_body_has_a_part_per_field_in_spec_order() {
    let parts = photo()
        .tags(vec!["side".to_owned(), "blue".to_owned()])
        .thumbnails(vec![FilePart::new(*b"small"), FilePart::new(*b"tiny").content_type("image/jpeg")])
        .spot(Spot::new().side("left".to_owned()).height(30))
        .note("**dented**".to_owned());
    let body = UploadPhoto::new("c1", parts).build().unwrap().body.unwrap();
    let parts = parts_of(&body.content_type, &body.bytes);
    let file = |name: &str, file_name: &str, media: &str| {
        format!("{}; filename=\"{file_name}\"\r\nContent-Type: {media}", disposition(name))
    };
    let expected: Vec<(String, Vec<u8>)> = vec![
        (disposition("caption"), b"Side view".to_vec()),
        (file("photo", "side.png", "image/png"), PNG.to_vec()),
        (disposition("tags"), b"side".to_vec()),
        (disposition("tags"), b"blue".to_vec()),
        (format!("{}\r\nContent-Type: application/octet-stream", disposition("thumbnails")), b"small".to_vec()),
        (format!("{}\r\nContent-Type: image/jpeg", disposition("thumbnails")), b"tiny".to_vec()),
        (
            format!("{}\r\nContent-Type: application/json", disposition("spot")),
            br#"{"side":"left","height":30}"#.to_vec(),
        ),
        (format!("{}\r\nContent-Type: text/markdown", disposition("note")), b"**dented**".to_vec()),
    ];
    assert_eq!(parts, expected);
}

#[test]
fn optional_parts_left_unset_are_not_sent() {
    let body = UploadPhoto::new("c1", photo()).build().unwrap().body.unwrap();
    let names: Vec<String> =
        parts_of(&body.content_type, &body.bytes).into_iter().map(|(headers, _)| headers).collect();
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with(&disposition("caption")) && names[1].starts_with(&disposition("photo")));
}

#[test]
fn a_multipart_body_without_a_schema_takes_the_general_builder() {
    let files = Multipart::new().text("caption", "Side view").file("photo", "side.png", "image/png", PNG.to_vec());
    let body = AttachFiles::new("c1", files).build().unwrap().body.unwrap();
    let boundary = body.content_type.strip_prefix("multipart/form-data; boundary=").expect("a boundary");
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nSide view\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"side.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&PNG);
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(body.bytes, expected);
}

#[test]
fn a_boundary_never_occurs_inside_a_part() {
    let taken = "specforge-boundary-0";
    let body = Multipart::new().text("caption", taken).text("photo", "x").encode();
    assert!(!body.content_type.ends_with(&format!("={taken}")), "{}", body.content_type);
}

#[test]
fn a_binary_body_is_sent_as_given() {
    let body = PutManifest::new("c1", b"\x00manifest\xff".to_vec().into()).build().unwrap().body.unwrap();
    assert_eq!((body.content_type.as_ref(), body.bytes), ("application/octet-stream", b"\x00manifest\xff".to_vec()));
}

fn raw(status: u16, body: &str) -> RawResponse {
    let mut headers = http::HeaderMap::new();
    if !body.is_empty() {
        headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    }
    RawResponse { status: http::StatusCode::from_u16(status).unwrap(), headers, body: body.as_bytes().to_vec() }
}

#[test]
fn each_success_status_decodes_into_its_own_variant() {
    let store = StoreCrate::new(Crate::new("c1".to_owned()));
    let created = store.decode_response(raw(201, r#"{"id":"c1","weight":3}"#)).unwrap();
    assert_eq!(created.body, StoreCrateResponse::Created(Crate::new("c1".to_owned()).weight(3)));
    let queued = store.decode_response(raw(202, r#"{"position":4}"#)).unwrap();
    assert_eq!(queued.status, http::StatusCode::ACCEPTED);
    assert_eq!(queued.body, StoreCrateResponse::Accepted(Ticket::new(4)));
    let known = store.decode_response(raw(204, "")).unwrap();
    assert_eq!(known.body, StoreCrateResponse::NoContent);
}

#[test]
fn success_statuses_with_the_same_body_keep_the_plain_type() {
    let replace = ReplaceCrate::new("c1", Crate::new("c1".to_owned()));
    let created: Crate = replace.decode_response(raw(201, r#"{"id":"c1"}"#)).unwrap().body;
    assert_eq!(created, Crate::new("c1".to_owned()));
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .timeout(Duration::from_secs(10))
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client")
}

/// What the one request the server received carried: query string, Content-Type and body.
async fn received(server: &MockServer) -> (Option<String>, Option<String>, Vec<u8>) {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "one request");
    let request = &requests[0];
    let content_type = request.headers.get("content-type").map(|v| v.to_str().unwrap().to_owned());
    (request.url.query().map(str::to_owned), content_type, request.body.clone())
}

#[tokio::test]
async fn the_server_receives_every_query_style() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crates"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[]", "application/json"))
        .mount(&server)
        .await;
    let expected = every_style().build().unwrap().query_string();
    let crates = every_style().send(&client(&server)).await.unwrap().body;
    assert!(crates.is_empty());
    let requests = server.received_requests().await.unwrap();
    let pairs: Vec<(String, String)> = requests[0].url.query_pairs().map(|(k, v)| (k.into(), v.into())).collect();
    let wanted: Vec<(String, String)> = EVERY_STYLE_PAIRS.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
    assert_eq!(pairs, wanted);
    assert_eq!(received(&server).await.0, Some(expected));
}

#[tokio::test]
async fn the_server_receives_form_multipart_and_byte_bodies() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let form = LabelForm::new("Fragile".to_owned()).copies(3);
    PrintLabel::new("c1", form).send(&client(&server)).await.unwrap();
    let (_, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some("application/x-www-form-urlencoded"));
    assert_eq!(body, b"text=Fragile&copies=3");

    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let sent = UploadPhoto::new("c1", photo()).build().unwrap().body.unwrap();
    UploadPhoto::new("c1", photo()).send(&client(&server)).await.unwrap();
    let (_, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some(sent.content_type.as_ref()));
    let content_type = content_type.unwrap();
    assert_eq!(
        parts_of(&content_type, &body),
        [
            (disposition("caption"), b"Side view".to_vec()),
            (format!("{}; filename=\"side.png\"\r\nContent-Type: image/png", disposition("photo")), PNG.to_vec()),
        ]
    );

    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    PutManifest::new("c1", vec![0, 1, 2, 255].into()).send(&client(&server)).await.unwrap();
    let (_, content_type, body) = received(&server).await;
    assert_eq!((content_type.as_deref(), body), (Some("application/octet-stream"), vec![0, 1, 2, 255]));
}

#[tokio::test]
async fn the_client_returns_the_variant_of_the_status_the_server_answered() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/crates"))
        .respond_with(ResponseTemplate::new(202).set_body_raw(r#"{"position":9}"#, "application/json"))
        .mount(&server)
        .await;
    let answer = StoreCrate::new(Crate::new("c9".to_owned())).send(&client(&server)).await.unwrap();
    assert_eq!(answer.body, StoreCrateResponse::Accepted(Ticket::new(9)));
    let (_, content_type, body) = received(&server).await;
    assert_eq!(content_type.as_deref(), Some("application/json"));
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).unwrap(), serde_json::json!({"id": "c9"}));
}

fn inspection() -> InspectCrate {
    InspectCrate::new("c1", InspectCrateXLamp::new().color("white".to_owned()).lumens(800))
        .x_scale(Scale::new().unit("kg".to_owned()).precision(2))
}

#[test]
fn object_headers_are_written_in_the_simple_style() {
    let request = inspection().build().unwrap();
    assert_eq!(
        request.headers,
        vec![("X-Scale", "unit,kg,precision,2".to_owned()), ("X-Lamp", "color=white,lumens=800".to_owned())]
    );
    let unset = InspectCrate::new("c1", InspectCrateXLamp::new().lumens(5)).build().unwrap();
    assert_eq!(unset.headers, vec![("X-Lamp", "lumens=5".to_owned())], "unset properties and headers are left out");
}

#[test]
fn an_object_header_property_that_would_end_the_header_is_refused_before_any_io() {
    let lamp = InspectCrateXLamp::new().color("white\r\nX-Injected: 1".to_owned());
    let error = InspectCrate::new("c1", lamp).build().unwrap_err();
    assert_eq!((error.parameter, &error.rule), ("X-Lamp", &Rule::HeaderValue));
}

#[tokio::test]
async fn the_server_receives_object_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/crates/c1/inspection"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"id":"c1"}"#, "application/json"))
        .mount(&server)
        .await;
    inspection().send(&client(&server)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let header = |name: &str| requests[0].headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("x-scale").as_deref(), Some("unit,kg,precision,2"));
    assert_eq!(header("x-lamp").as_deref(), Some("color=white,lumens=800"));
}

/// A server answering `status` with `body` as JSON to every request.
async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_owned(), "application/json"))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn any_2xx_status_of_a_2xx_range_is_a_success() {
    for status in [201, 299] {
        let server = answering(status, r#"{"id":"c1","weight":7}"#).await;
        let answer = inspection().send(&client(&server)).await.unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!(answer.status.as_u16(), status);
        let body: Crate = answer.body;
        assert_eq!(body, Crate::new("c1".to_owned()).weight(7));
    }
    let server = answering(300, r#"{"id":"c1"}"#).await;
    assert!(inspection().send(&client(&server)).await.is_err(), "300 is not in 2XX");
}

#[tokio::test]
async fn a_2xx_range_beside_a_code_gets_its_own_variant() {
    let server = answering(201, r#"{"id":"c1"}"#).await;
    let moved = MoveCrate::new("c1").send(&client(&server)).await.unwrap();
    assert_eq!(moved.body, MoveCrateResponse::Created(Crate::new("c1".to_owned())));
    for status in [200, 299] {
        let server = answering(status, r#"{"position":3}"#).await;
        let queued = MoveCrate::new("c1").send(&client(&server)).await.unwrap_or_else(|e| panic!("{status}: {e}"));
        assert_eq!((queued.status.as_u16(), queued.body), (status, MoveCrateResponse::Status2xx(Ticket::new(3))));
    }
}

/// Eight megabytes in 64 KiB chunks, each made only when the transport asks for it; the
/// counter says how many were made.
fn large_stream(made: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Upload {
    const CHUNKS: usize = 128;
    let chunks = futures_util::stream::unfold(0usize, move |index| {
        let made = made.clone();
        async move {
            (index < CHUNKS).then(|| {
                made.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                (Ok::<_, std::io::Error>(bytes::Bytes::from(chunk(index))), index + 1)
            })
        }
    });
    Upload::stream(chunks)
}

/// The `index`-th chunk of the large stream: 64 KiB that differ from every other chunk's.
fn chunk(index: usize) -> Vec<u8> {
    (0..64 * 1024).map(|i| ((i * 31 + index * 7) % 251) as u8).collect()
}

fn large_bytes() -> Vec<u8> {
    (0..128).flat_map(chunk).collect()
}

#[tokio::test]
async fn a_streamed_binary_body_arrives_intact_without_a_length() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let upload = PutManifest::new("c1", large_stream(made.clone()));
    let request = upload.build().unwrap();
    let body = request.body.as_ref().unwrap();
    assert!(body.is_streamed() && body.bytes.is_empty());
    assert_eq!(made.load(std::sync::atomic::Ordering::SeqCst), 0, "nothing is read before sending");
    upload.send(&client(&server)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let headers = &requests[0].headers;
    assert_eq!(headers.get("content-type").unwrap(), "application/octet-stream");
    assert_eq!(headers.get("transfer-encoding").map(|v| v.to_str().unwrap()), Some("chunked"), "sent as it is read");
    assert!(headers.get("content-length").is_none());
    assert!(requests[0].body == large_bytes(), "the 8 MiB arrive intact");
}

#[tokio::test]
async fn a_streamed_file_part_arrives_intact_between_the_other_parts() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(201)).mount(&server).await;
    let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let parts = UploadPhotoParts::new("Side view".to_owned(), FilePart::new(large_stream(made)).file_name("side.png"))
        .note("big".to_owned());
    UploadPhoto::new("c1", parts).send(&client(&server)).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let content_type = requests[0].headers.get("content-type").unwrap().to_str().unwrap();
    let parts = parts_of(content_type, &requests[0].body);
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[0], (disposition("caption"), b"Side view".to_vec()));
    assert_eq!(parts[1].0, format!("{}; filename=\"side.png\"\r\nContent-Type: image/png", disposition("photo")));
    assert!(parts[1].1 == large_bytes(), "the streamed part arrives intact");
    assert_eq!(parts[2], (format!("{}\r\nContent-Type: text/markdown", disposition("note")), b"big".to_vec()));
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "0"))
        .mount(&server)
        .await;
    let retrying = Client::builder()
        .base_url(server.uri())
        .retry_policy(RetryPolicy { max_retries: 3, ..RetryPolicy::default() })
        .build()
        .unwrap();
    let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let request = PutManifest::new("c1", large_stream(made)).build().unwrap();
    let answer = retrying.send(&request).await.unwrap();
    assert_eq!(answer.status.as_u16(), 503, "the response to the one attempt comes back");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "a consumed stream is not resent");
    let again = retrying.send(&request).await.unwrap_err();
    assert!(matches!(&again, TransportError::InvalidRequest(reason) if reason.contains("already sent")), "{again}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "nothing is sent the second time");

    // The same call with bytes is retried: the limit is the stream's, not the operation's.
    PutManifest::new("c1", vec![1, 2].into()).send(&retrying).await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 1 + 4);
}
