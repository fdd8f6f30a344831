//! Paged listings of a generated client (`tests/specs/paging.yaml`) against a loopback
//! server: `pages()`/`items()` from the client and from the builder, where they start and
//! stop, the documented page-size maximum, a failure on page 2, and the typed errors of a
//! server that repeats a page, shrinks its total count or sends a page over the body limit.
//! Each mock expects its page exactly once, so a page asked for twice fails the test.

use futures_util::StreamExt as _;
use serde_json::{json, Value};
use specforge_tests::paging::operations::{ListRestoreJobs, ListRestoreJobsError};
use specforge_tests::paging::runtime::{Client, PagingError, RetryPolicy, TransportError};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PROJECT: &str = "5f0c0a0b0c0d0e0f10111213";
const JOBS: &str = "/projects/5f0c0a0b0c0d0e0f10111213/restoreJobs";

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).retry_policy(RetryPolicy::none()).build().unwrap()
}

/// A page of jobs `first..first + count`, with `total` as `totalCount` when given.
fn page(first: usize, count: usize, total: Option<usize>) -> Value {
    let results: Vec<Value> =
        (first..first + count).map(|n| json!({"id": format!("job-{n}"), "state": "done"})).collect();
    match total {
        Some(total) => json!({"results": results, "totalCount": total, "links": []}),
        None => json!({"results": results, "links": []}),
    }
}

/// Answers page `number` (`None`: the request without `pageNum`) once.
async fn serve(server: &MockServer, number: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET")).and(path(JOBS));
    let mock = match number {
        Some(number) => mock.and(query_param("pageNum", number)),
        None => mock.and(query_param_is_missing("pageNum")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(server).await;
}

fn ids(items: Vec<Result<specforge_tests::paging::models::RestoreJob, ListRestoreJobsError>>) -> Vec<String> {
    items.into_iter().map(|item| item.unwrap().id).collect()
}

#[tokio::test]
async fn three_pages_are_read_once_each_until_the_total_count() {
    let server = MockServer::start().await;
    serve(&server, None, page(0, 2, Some(5))).await;
    serve(&server, Some("2"), page(2, 2, Some(5))).await;
    serve(&server, Some("3"), page(4, 1, Some(5))).await;
    let client = client(&server);
    let items = client.list_restore_jobs(PROJECT).items_per_page(2).items().collect::<Vec<_>>().await;
    assert_eq!(ids(items), ["job-0", "job-1", "job-2", "job-3", "job-4"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.url.query().unwrap_or_default().contains("itemsPerPage=2")));
}

#[tokio::test]
async fn pages_come_with_their_status_and_headers_from_the_builder_too() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(JOBS))
        .and(query_param("pageNum", "4"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-page", "four").set_body_json(page(6, 2, Some(8))))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    // Page 4 of size 2 holds items 7 and 8 of 8: the listing starts and ends there.
    let pages = ListRestoreJobs::new(PROJECT).page_num(4).items_per_page(2).pages(&client).collect::<Vec<_>>().await;
    assert_eq!(pages.len(), 1);
    let first = pages[0].as_ref().unwrap();
    assert_eq!(first.status, 200);
    assert_eq!(first.headers["x-page"], "four");
    assert_eq!(first.body.total_count, Some(8));
}

#[tokio::test]
async fn an_empty_result_is_one_empty_page() {
    let server = MockServer::start().await;
    // Asked twice below: once for the pages, once for the items.
    Mock::given(method("GET"))
        .and(path(JOBS))
        .and(query_param_is_missing("pageNum"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 0, Some(0))))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let pages = client.list_restore_jobs(PROJECT).pages().collect::<Vec<_>>().await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].as_ref().unwrap().body.results.as_deref(), Some(&[][..]));
    let items = client.list_restore_jobs(PROJECT).items().collect::<Vec<_>>().await;
    assert!(items.is_empty());
}

#[tokio::test]
async fn without_include_count_a_short_page_is_the_last() {
    let server = MockServer::start().await;
    serve(&server, None, page(0, 2, None)).await;
    serve(&server, Some("2"), page(2, 2, None)).await;
    serve(&server, Some("3"), page(4, 1, None)).await;
    let client = client(&server);
    let items =
        client.list_restore_jobs(PROJECT).include_count(false).items_per_page(2).items().collect::<Vec<_>>().await;
    assert_eq!(ids(items).len(), 5);
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.url.query().unwrap_or_default().contains("includeCount=false")));
}

#[tokio::test]
async fn a_failure_on_page_two_ends_the_listing_with_the_typed_error() {
    let server = MockServer::start().await;
    serve(&server, None, page(0, 2, Some(6))).await;
    Mock::given(method("GET"))
        .and(path(JOBS))
        .and(query_param("pageNum", "2"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"status": 500, "errorCode": "BROKEN"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let items = client.list_restore_jobs(PROJECT).items_per_page(2).items().collect::<Vec<_>>().await;
    assert_eq!(items.len(), 3, "two jobs, then the error: {items:?}");
    assert!(items[0].is_ok() && items[1].is_ok());
    match &items[2] {
        Err(ListRestoreJobsError::InternalServerError(response)) => {
            assert_eq!(response.body.error_code.as_deref(), Some("BROKEN"))
        }
        other => panic!("expected the documented 500, got {other:?}"),
    }
}

#[tokio::test]
async fn items_per_page_at_its_documented_maximum_and_one_over() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(JOBS))
        .and(query_param_is_missing("pageNum"))
        .and(query_param("itemsPerPage", "500"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 500, Some(501))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(JOBS))
        .and(query_param("pageNum", "2"))
        .and(query_param("itemsPerPage", "500"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(500, 1, Some(501))))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let items = client.list_restore_jobs(PROJECT).items_per_page(500).items().collect::<Vec<_>>().await;
    assert_eq!(ids(items).len(), 501);

    // One over the maximum: the validation error is the only item, and nothing is sent.
    let items = client.list_restore_jobs(PROJECT).items_per_page(501).items().collect::<Vec<_>>().await;
    assert_eq!(items.len(), 1);
    assert!(
        matches!(&items[0], Err(ListRestoreJobsError::InvalidParameter(error)) if error.parameter == "itemsPerPage"),
        "{items:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_server_repeating_a_page_ends_with_a_paging_error() {
    let server = MockServer::start().await;
    // Every page number gets the first page: the server ignores `pageNum`.
    Mock::given(method("GET"))
        .and(path(JOBS))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 2, None)))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);
    let pages = client.list_restore_jobs(PROJECT).items_per_page(2).pages().collect::<Vec<_>>().await;
    assert_eq!(pages.len(), 2);
    assert!(
        matches!(pages[1], Err(ListRestoreJobsError::Paging(PagingError::RepeatedPage { page: 2 }))),
        "{:?}",
        pages[1]
    );
}

#[tokio::test]
async fn a_shrinking_total_count_ends_with_a_paging_error() {
    let server = MockServer::start().await;
    serve(&server, None, page(0, 2, Some(6))).await;
    serve(&server, Some("2"), page(2, 2, Some(3))).await;
    let client = client(&server);
    let items = client.list_restore_jobs(PROJECT).items_per_page(2).items().collect::<Vec<_>>().await;
    assert_eq!(items.len(), 3);
    let error = items[2].as_ref().unwrap_err();
    assert!(
        matches!(error, ListRestoreJobsError::Paging(PagingError::TotalCountShrank { page: 2, before: 6, now: 3 })),
        "{error:?}"
    );
    assert!(error.to_string().contains("fell from 6 to 3"), "{error}");
}

#[tokio::test]
async fn a_page_over_the_body_limit_ends_with_a_transport_error() {
    let server = MockServer::start().await;
    serve(&server, None, page(0, 2, Some(400))).await;
    serve(&server, Some("2"), page(2, 2, Some(400))).await;
    let oversized = json!({"results": [{"id": "job-4", "state": "x".repeat(64)}, {"id": "job-5"}], "totalCount": 400});
    serve(&server, Some("3"), oversized).await;
    let limit = serde_json::to_vec(&page(0, 2, Some(400))).unwrap().len() + 8;
    let client = Client::builder()
        .base_url(server.uri())
        .retry_policy(RetryPolicy::none())
        .max_body_bytes(limit)
        .build()
        .unwrap();
    // Pages 1 and 2 fit; page 3 does not.
    let items = client.list_restore_jobs(PROJECT).items_per_page(2).items().collect::<Vec<_>>().await;
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert!(matches!(last, ListRestoreJobsError::Transport(TransportError::BodyTooLarge { .. })), "{last:?}");
    assert_eq!(items.len(), 5, "four jobs, then the error: {items:?}");
}

#[tokio::test]
async fn next_links_are_followed_until_there_is_none() {
    let server = MockServer::start().await;
    let next = format!("{}/auditEvents?cursor=c2", server.uri());
    Mock::given(method("GET"))
        .and(path("/auditEvents"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"id": "e1", "kind": "login"}],
            "links": [{"rel": "self", "href": "/auditEvents"}, {"rel": "next", "href": next}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/auditEvents"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": [{"id": "e2", "kind": "logout"}],
            "links": [{"rel": "next", "href": "/auditEvents?cursor=c2"}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let events = client.list_audit_events().items().collect::<Vec<_>>().await;
    assert_eq!(events.len(), 3, "two events, then the repeated link: {events:?}");
    assert_eq!(events[0].as_ref().unwrap().id, "e1");
    assert_eq!(events[1].as_ref().unwrap().id, "e2");
    let error = format!("{:?}", events[2].as_ref().unwrap_err());
    assert!(error.contains("RepeatedLink"), "{error}");
}
