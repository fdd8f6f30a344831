//! The runtime's typed mock (`runtime::mock`, the generated crate's `mock` feature) in front of
//! generated clients, as a user's tests would use it: a paged listing read with `items()` and
//! `pages()` from answers given as typed pages, a streamed download, a retry after a 429, a
//! documented and an undocumented error status, the record of what was sent, and a call no
//! rule matches. No socket is opened.

use futures_util::StreamExt as _;
use http::header::{HeaderValue, RETRY_AFTER};
use http::StatusCode;
use specforge_tests::downloads::operations::{DownloadHostLog, DownloadHostLogError};
use specforge_tests::downloads::runtime::mock::{Mock as DownloadMock, MockAnswer as DownloadAnswer};
use specforge_tests::paging::models::{Problem, RestoreJob, RestoreJobPage};
use specforge_tests::paging::operations::{ListRestoreJobs, ListRestoreJobsError};
use specforge_tests::paging::runtime::mock::{Mock, MockAnswer, MockError};
use specforge_tests::paging::runtime::{Client, RetryPolicy, TransportError};

const PROJECT: &str = "5f0c0a0b0c0d0e0f10111213";

fn client(mock: &Mock) -> Client {
    Client::builder().transport(mock.clone()).retry_policy(RetryPolicy::none()).build().unwrap()
}

/// A page of jobs `first..first + count` of `total`.
fn page(first: usize, count: usize, total: i32) -> RestoreJobPage {
    let jobs = (first..first + count).map(|n| RestoreJob::new(format!("job-{n}")).state("done".to_owned())).collect();
    RestoreJobPage::new().results(jobs).total_count(total)
}

// guide: paging
#[tokio::test]
async fn items_read_every_page_the_mock_answers_in_order() {
    use futures_util::StreamExt as _;
    use specforge_tests::paging::models::{RestoreJob, RestoreJobPage};
    use specforge_tests::paging::operations::ListRestoreJobs;
    use specforge_tests::paging::runtime::mock::Mock;
    use specforge_tests::paging::runtime::Client;

    let project = "5f0c0a0b0c0d0e0f10111213";
    // Five jobs, two per page.
    let page = |ids: &[&str]| {
        let jobs = ids.iter().map(|id| RestoreJob::new(id.to_string())).collect();
        RestoreJobPage::new().results(jobs).total_count(5)
    };
    let mock = Mock::new();
    mock.on(ListRestoreJobs::new(project).items_per_page(2))
        .answers(page(&["a", "b"]))
        .answers(page(&["c", "d"]))
        .answers(page(&["e"]));
    let client = Client::builder().transport(mock.clone()).build().unwrap();

    let items: Vec<_> = client.list_restore_jobs(project).items_per_page(2).items().collect().await;
    let ids: Vec<String> = items.into_iter().map(|item| item.unwrap().id).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let sent = mock.sent_to(ListRestoreJobs::OPERATION_ID);
    let pages: Vec<Option<&str>> = sent.iter().map(|request| request.parameter("pageNum")).collect();
    assert_eq!(pages, [None, Some("2"), Some("3")]);
    assert!(sent.iter().all(|request| request.parameter("projectId") == Some(project)));
}
// end guide

#[tokio::test]
async fn pages_from_the_builder_stop_at_the_first_error_answer() {
    let mock = Mock::new();
    let problem = Problem::new(500).detail("disk full".to_owned());
    mock.on(ListRestoreJobs::new(PROJECT).items_per_page(2)).answers(page(0, 2, 5)).fails(500, &problem);
    let client = client(&mock);
    let mut pages = ListRestoreJobs::new(PROJECT).items_per_page(2).pages(&client);
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.status, 200);
    assert_eq!(first.body, page(0, 2, 5));
    match pages.next().await.unwrap() {
        Err(ListRestoreJobsError::InternalServerError(response)) => assert_eq!(response.body, problem),
        other => panic!("expected the documented 500, got {other:?}"),
    }
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn a_retry_after_429_gets_the_next_answer_of_the_sequence() {
    let mock = Mock::new();
    let limited = MockAnswer::status(StatusCode::TOO_MANY_REQUESTS).header(RETRY_AFTER, HeaderValue::from_static("0"));
    mock.on(ListRestoreJobs::new(PROJECT)).answer(limited).answers(page(0, 1, 1));
    let client = Client::builder().transport(mock.clone()).build().unwrap();
    let response = client.list_restore_jobs(PROJECT).send().await.unwrap();
    assert_eq!(response.body, page(0, 1, 1));
    assert_eq!(mock.sent().len(), 2);
}

#[tokio::test]
async fn an_undocumented_status_is_kept_as_unexpected_status() {
    let mock = Mock::new();
    mock.on(ListRestoreJobs::new(PROJECT)).fails(418, &Problem::new(418));
    let error = client(&mock).list_restore_jobs(PROJECT).send().await.unwrap_err();
    let ListRestoreJobsError::UnexpectedStatus(response, _) = &error else {
        panic!("expected UnexpectedStatus: {error:?}")
    };
    assert_eq!(response.status, 418);
    assert_eq!(serde_json::from_slice::<Problem>(&response.body).unwrap(), Problem::new(418));
}

#[tokio::test]
async fn a_call_no_rule_matches_names_the_operation_and_its_parameters() {
    let mock = Mock::new();
    mock.on(ListRestoreJobs::new(PROJECT)).answers(page(0, 1, 1));
    let other = "aaaaaaaaaaaaaaaaaaaaaaaa";
    let error = client(&mock).list_restore_jobs(other).include_count(false).send().await.unwrap_err();
    let ListRestoreJobsError::Transport(TransportError::Custom(cause)) = &error else { panic!("{error:?}") };
    let unmatched = cause.downcast_ref::<MockError>().expect("a mock error");
    assert!(matches!(unmatched, MockError::Unmatched(sent) if sent.parameter("projectId") == Some(other)));
    let message = error.to_string();
    assert!(message.contains("listRestoreJobs"), "{message}");
    assert!(message.contains(&format!("projectId = \"{other}\"")), "{message}");
    assert!(message.contains("includeCount = \"false\""), "{message}");
}

#[tokio::test]
async fn a_streamed_download_reads_the_answer_bytes() {
    let mock = DownloadMock::new();
    let log = vec![0x1f, 0x8b, 8, 0, 1, 2, 3];
    mock.on(DownloadHostLog::new("host-1", "mongod")).answer(DownloadAnswer::bytes(
        StatusCode::OK,
        "application/gzip",
        log.clone(),
    ));
    let client = specforge_tests::downloads::runtime::Client::builder().transport(mock.clone()).build().unwrap();
    let mut response = client.download_host_log("host-1", "mongod").send_stream().await.unwrap();
    let mut read = Vec::new();
    while let Some(chunk) = response.body.next().await {
        read.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(read, log);
    let sent = mock.sent();
    assert_eq!(sent[0].parameter("hostName"), Some("host-1"));
    assert_eq!(sent[0].parameter("logName"), Some("mongod"));
    let error = DownloadHostLog::new("host-2", "mongod").send_stream(&client).await.unwrap_err();
    assert!(matches!(error, DownloadHostLogError::Transport(_)), "{error:?}");
}
