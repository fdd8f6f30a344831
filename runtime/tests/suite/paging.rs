//! The generic paging loop (`Pages`, `Items`) over a hand-written paged operation shaped like
//! a generated one, and a fake transport: where it starts, when it stops, that it never asks
//! for a page twice, and the typed errors of a misbehaving server.

// Shared with the other test files; this one needs only the fake transport and answers.
use crate::support;

use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use specforge_runtime::response::decode_json;
use specforge_runtime::{
    validation, Call, ClientBuilder, Operation, Paged, PagingError, RawResponse, Request, Response, RetryPolicy,
    TransportError, ValidationError,
};
use support::{answer, FakeTransport, DEFAULTS};

/// `GET /things?pageNum=&itemsPerPage=` answering `{results, totalCount?, links?}`; with
/// `by_links` it pages by `next` links instead of page numbers.
#[derive(Debug, Clone, PartialEq)]
struct ListThings {
    page_num: Option<i32>,
    items_per_page: Option<i32>,
    by_links: bool,
}

impl ListThings {
    fn new() -> Self {
        ListThings { page_num: None, items_per_page: None, by_links: false }
    }
}

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Page {
    results: Vec<u32>,
    total_count: Option<u64>,
    #[serde(default)]
    links: Vec<Link>,
}

#[derive(Debug, serde::Deserialize)]
struct Link {
    rel: String,
    href: String,
}

#[derive(Debug)]
enum ListError {
    Invalid(ValidationError),
    Transport,
    Paging(PagingError),
    Decode,
    Status(u16),
}

impl From<ValidationError> for ListError {
    fn from(error: ValidationError) -> Self {
        Self::Invalid(error)
    }
}

impl From<TransportError> for ListError {
    fn from(_: TransportError) -> Self {
        Self::Transport
    }
}

impl From<PagingError> for ListError {
    fn from(error: PagingError) -> Self {
        Self::Paging(error)
    }
}

impl Operation for ListThings {
    type Output = Page;
    type Error = ListError;

    fn build(&self) -> Result<Request, ValidationError> {
        let mut query = Vec::new();
        if let Some(page) = self.page_num {
            validation::minimum("pageNum", f64::from(page), 1.0, false)?;
            query.push(("pageNum", page.to_string()).into());
        }
        if let Some(size) = self.items_per_page {
            validation::maximum("itemsPerPage", f64::from(size), 500.0, false)?;
            query.push(("itemsPerPage", size.to_string()).into());
        }
        Ok(Request {
            operation_id: "listThings",
            method: http::Method::GET,
            path_template: "/things",
            path: "/things".to_owned(),
            query,
            headers: Vec::new(),
            accept: Some("application/json"),
            body: None,
            secrets: &[],
        })
    }

    fn decode_response(&self, response: RawResponse) -> Result<Response<Page>, ListError> {
        match response.status.as_u16() {
            200 => decode_json(response).map_err(|_| ListError::Decode),
            status => Err(ListError::Status(status)),
        }
    }
}

impl Paged for ListThings {
    type Item = u32;

    fn page_number(&self) -> Option<i64> {
        (!self.by_links).then(|| i64::from(self.page_num.unwrap_or(1)))
    }

    fn set_page_number(&mut self, page: i64) -> bool {
        match i32::try_from(page) {
            Ok(page) => {
                self.page_num = Some(page);
                true
            }
            Err(_) => false,
        }
    }

    fn page_size(&self) -> Option<u64> {
        // The documented default is 100.
        u64::try_from(self.items_per_page.unwrap_or(100)).ok()
    }

    fn items(page: &Page) -> &[u32] {
        &page.results
    }

    fn total_count(page: &Page) -> Option<u64> {
        page.total_count
    }

    fn next_link(page: &Page) -> Option<&str> {
        page.links.iter().find(|link| link.rel == "next").map(|link| link.href.as_str())
    }

    fn into_items(page: Page) -> Vec<u32> {
        page.results
    }
}

fn json(body: &str) -> http::Response<bytes::Bytes> {
    answer(200, &[("content-type", "application/json")], body)
}

fn client(transport: &FakeTransport) -> specforge_runtime::Client {
    ClientBuilder::new(DEFAULTS).transport(transport.clone()).retry_policy(RetryPolicy::none()).build().unwrap()
}

async fn collect<S: Stream + Unpin>(mut stream: S) -> Vec<S::Item> {
    let mut out = Vec::new();
    while let Some(item) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
        out.push(item);
    }
    out
}

/// The query strings the transport was sent, in order.
fn queries(transport: &FakeTransport) -> Vec<String> {
    transport.sent().iter().map(|r| r.uri().query().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn three_pages_until_the_total_count_is_reached() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1, 2], "totalCount": 5}"#),
        json(r#"{"results": [3, 4], "totalCount": 5}"#),
        json(r#"{"results": [5], "totalCount": 5}"#),
        json(r#"{"results": [99], "totalCount": 5}"#),
    ]);
    let client = client(&transport);
    let operation = ListThings { items_per_page: Some(2), ..ListThings::new() };
    let items: Vec<u32> =
        collect(Call::new(&client, operation).items()).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(items, [1, 2, 3, 4, 5]);
    assert_eq!(
        queries(&transport),
        ["itemsPerPage=2", "pageNum=2&itemsPerPage=2", "pageNum=3&itemsPerPage=2"],
        "the first request is the caller's; then the next numbers, each once"
    );
}

#[tokio::test]
async fn a_full_last_page_stops_on_the_total_count_without_another_request() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1, 2], "totalCount": 4}"#),
        json(r#"{"results": [3, 4], "totalCount": 4}"#),
        json(r#"{"results": [], "totalCount": 4}"#),
    ]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { items_per_page: Some(2), ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 2);
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn without_a_total_count_a_short_page_is_the_last() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1, 2]}"#),
        json(r#"{"results": [3]}"#),
        json(r#"{"results": [99]}"#),
    ]);
    let client = client(&transport);
    let items = collect(Call::new(&client, ListThings { items_per_page: Some(2), ..ListThings::new() }).items()).await;
    assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn an_empty_page_ends_the_listing() {
    let transport =
        FakeTransport::answering(vec![json(r#"{"results": [], "totalCount": 0}"#), json(r#"{"results": [1]}"#)]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings::new()).pages()).await;
    assert_eq!(pages.len(), 1);
    assert!(pages[0].as_ref().unwrap().body.results.is_empty());
    assert_eq!(transport.sent().len(), 1);
}

#[tokio::test]
async fn the_listing_starts_at_the_requested_page_and_counts_the_pages_before() {
    // Page 3 of size 2 holds items 5 and 6 of 6: the total is reached.
    let transport =
        FakeTransport::answering(vec![json(r#"{"results": [5, 6], "totalCount": 6}"#), json(r#"{"results": [7]}"#)]);
    let client = client(&transport);
    let operation = ListThings { page_num: Some(3), items_per_page: Some(2), ..ListThings::new() };
    let items = collect(Call::new(&client, operation).items()).await;
    assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [5, 6]);
    assert_eq!(queries(&transport), ["pageNum=3&itemsPerPage=2"]);
}

#[tokio::test]
async fn an_invalid_parameter_is_the_only_item_and_nothing_is_sent() {
    let transport = FakeTransport::answering(vec![json(r#"{"results": [1]}"#)]);
    let client = client(&transport);
    let items =
        collect(Call::new(&client, ListThings { items_per_page: Some(501), ..ListThings::new() }).items()).await;
    assert_eq!(items.len(), 1);
    assert!(matches!(&items[0], Err(ListError::Invalid(error)) if error.parameter == "itemsPerPage"), "{items:?}");
    assert!(transport.sent().is_empty());
}

#[tokio::test]
async fn a_failure_on_page_two_is_the_last_item() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1, 2]}"#),
        answer(500, &[], "down"),
        json(r#"{"results": [3]}"#),
    ]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { items_per_page: Some(2), ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 2);
    assert!(pages[0].is_ok());
    assert!(matches!(pages[1], Err(ListError::Status(500))), "{:?}", pages[1]);
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn a_page_served_again_is_an_error_not_an_endless_loop() {
    // The server ignores pageNum: every answer is the first page.
    let transport = FakeTransport::answering(vec![json(r#"{"results": [1, 2]}"#)]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { items_per_page: Some(2), ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 2);
    assert!(matches!(pages[1], Err(ListError::Paging(PagingError::RepeatedPage { page: 2 }))), "{:?}", pages[1]);
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn a_shrinking_total_count_is_an_error() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1, 2], "totalCount": 6}"#),
        json(r#"{"results": [3, 4], "totalCount": 4}"#),
    ]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { items_per_page: Some(2), ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 2);
    assert!(
        matches!(pages[1], Err(ListError::Paging(PagingError::TotalCountShrank { page: 2, before: 6, now: 4 }))),
        "{:?}",
        pages[1]
    );
}

#[tokio::test]
async fn next_links_are_followed_on_the_client_server_until_there_is_none() {
    let transport = FakeTransport::answering(vec![
        json(
            r#"{"results": [1], "links": [{"rel": "self", "href": "/things"}, {"rel": "next", "href": "https://api.example.test/things?cursor=b"}]}"#,
        ),
        json(r#"{"results": [2], "links": [{"rel": "next", "href": "/things?cursor=c"}]}"#),
        json(r#"{"results": [3], "links": []}"#),
    ]);
    let client = client(&transport);
    let operation = ListThings { by_links: true, ..ListThings::new() };
    let items = collect(Call::new(&client, operation).items()).await;
    assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2, 3]);
    let uris: Vec<String> = transport.sent().iter().map(|r| r.uri().to_string()).collect();
    assert_eq!(
        uris,
        [
            "https://api.example.test/things",
            "https://api.example.test/things?cursor=b",
            "https://api.example.test/things?cursor=c"
        ]
    );
}

#[tokio::test]
async fn a_next_link_back_to_a_page_read_is_an_error() {
    let transport = FakeTransport::answering(vec![
        json(r#"{"results": [1], "links": [{"rel": "next", "href": "/things?cursor=b"}]}"#),
        json(r#"{"results": [2], "links": [{"rel": "next", "href": "/things?cursor=b"}]}"#),
    ]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { by_links: true, ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 3, "two pages, then the error");
    assert!(matches!(&pages[2], Err(ListError::Paging(PagingError::RepeatedLink { page: 2, .. }))), "{:?}", pages[2]);
    assert_eq!(transport.sent().len(), 2);
}

#[tokio::test]
async fn a_next_link_to_another_server_is_not_followed() {
    let transport = FakeTransport::answering(vec![json(
        r#"{"results": [1], "links": [{"rel": "next", "href": "https://elsewhere.test/things?cursor=b"}]}"#,
    )]);
    let client = client(&transport);
    let pages = collect(Call::new(&client, ListThings { by_links: true, ..ListThings::new() }).pages()).await;
    assert_eq!(pages.len(), 2);
    assert!(matches!(&pages[1], Err(ListError::Paging(PagingError::ForeignLink { page: 1, .. }))), "{:?}", pages[1]);
    assert_eq!(transport.sent().len(), 1);
}

#[tokio::test]
async fn only_links_to_the_client_server_and_base_path_are_followed() {
    let base = "https://api.example.test/api";
    let followed = [
        ("https://api.example.test/api/things?cursor=b", "https://api.example.test/api/things?cursor=b"),
        ("HTTPS://API.EXAMPLE.TEST/api/things", "https://api.example.test/api/things"),
        ("/api/things?cursor=c", "https://api.example.test/api/things?cursor=c"),
    ];
    for (href, expected) in followed {
        let transport = FakeTransport::answering(vec![
            json(&format!(r#"{{"results": [1], "links": [{{"rel": "next", "href": "{href}"}}]}}"#)),
            json(r#"{"results": [2]}"#),
        ]);
        let client = ClientBuilder::new(DEFAULTS).base_url(base).transport(transport.clone()).build().unwrap();
        let items = collect(Call::new(&client, ListThings { by_links: true, ..ListThings::new() }).items()).await;
        assert_eq!(items.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2], "{href}");
        assert_eq!(transport.sent()[1].uri().to_string(), expected, "{href}");
    }
    let refused = [
        "https://api.example.test.evil.test/api/things",
        "https://other.test/api/things",
        "//other.test/api/things",
        "/other/things",
        "/apix/things",
        "things?cursor=b",
    ];
    for href in refused {
        let transport = FakeTransport::answering(vec![json(&format!(
            r#"{{"results": [1], "links": [{{"rel": "next", "href": "{href}"}}]}}"#
        ))]);
        let client = ClientBuilder::new(DEFAULTS).base_url(base).transport(transport.clone()).build().unwrap();
        let pages = collect(Call::new(&client, ListThings { by_links: true, ..ListThings::new() }).pages()).await;
        assert!(matches!(&pages[1], Err(ListError::Paging(PagingError::ForeignLink { .. }))), "{href}: {:?}", pages[1]);
        assert_eq!(transport.sent().len(), 1, "{href}");
    }
}
