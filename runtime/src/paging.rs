//! Paged listings: [`Pages`], a stream of the typed pages of a list operation, and [`Items`],
//! a stream of their items. One generic loop serves every paged operation; a generated
//! operation only says, through [`Paged`], how to set its page number and what its page holds.
//!
//! The loop starts at the page the caller asked for (page 1 when unset), asks for the next
//! page number (or follows the page's `next` link when the operation pages by links), and
//! stops on an empty page, a page shorter than the page size, once `totalCount` items were
//! seen, or when there is no `next` link. It never asks for a page twice and ends after the
//! first error, which is the operation's own error type. A misbehaving server ends it with a
//! [`PagingError`]: a page whose items are the same as an earlier page's (the server ignored
//! the page number), a `next` link already followed or leading to another server, or a
//! `totalCount` lower than an earlier page's.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{DefaultHasher, Hasher as _};
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_core::Stream;

use super::call::{Call, Operation};
use super::transport::BoxFuture;
use super::{Client, RawResponse, Response, TransportError};

/// A list operation whose answers come in pages; implemented by the generated builders of
/// operations recognised as paged.
pub trait Paged: Operation + Clone {
    /// One element of a page.
    type Item: serde::Serialize;

    /// The page this builder asks for (the page-number parameter, or the first page when it is
    /// unset), or `None` when the operation pages by `next` links.
    fn page_number(&self) -> Option<i64> {
        None
    }

    /// Asks for page `page`; `false` when the parameter's type cannot hold that number.
    fn set_page_number(&mut self, _page: i64) -> bool {
        false
    }

    /// How many items a full page holds: the page-size parameter as set, or its documented
    /// default; `None` when unknown.
    fn page_size(&self) -> Option<u64> {
        None
    }

    /// The items of a page.
    fn items(page: &Self::Output) -> &[Self::Item];

    /// The page's total number of items in the whole listing, when it says.
    fn total_count(_page: &Self::Output) -> Option<u64> {
        None
    }

    /// The page's link to the next page, when it has one.
    fn next_link(_page: &Self::Output) -> Option<&str> {
        None
    }

    /// The items of a page, taken out of it.
    fn into_items(page: Self::Output) -> Vec<Self::Item>;
}

/// A server answer that would make a listing wrong or endless.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingError {
    /// Page `page` holds the same items as an earlier page: the server ignores the page
    /// number, and following it would never end.
    RepeatedPage { page: u64 },
    /// The `next` link of page `page` leads to a page already fetched.
    RepeatedLink { page: u64, href: String },
    /// The `next` link of page `page` leads to another server; it is not followed, since the
    /// request would carry this client's credentials there.
    ForeignLink { page: u64, href: String },
    /// The total count fell from `before` to `now` at page `page`: items were removed while
    /// listing, so pages would skip some.
    TotalCountShrank { page: u64, before: u64, now: u64 },
    /// The page after `page` has a number the page parameter cannot hold.
    PageNumberOutOfRange { page: u64 },
}

impl fmt::Display for PagingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingError::RepeatedPage { page } => {
                write!(f, "page {page} repeats the items of an earlier page; the listing stops")
            }
            PagingError::RepeatedLink { page, href } => {
                write!(f, "the next link of page {page} leads back to a page already read (`{href}`)")
            }
            PagingError::ForeignLink { page, href } => {
                write!(f, "the next link of page {page} leads to another server (`{href}`); not followed")
            }
            PagingError::TotalCountShrank { page, before, now } => {
                write!(f, "the total count fell from {before} to {now} at page {page}; items would be skipped")
            }
            PagingError::PageNumberOutOfRange { page } => {
                write!(f, "the page after page {page} cannot be asked for: its number is out of range")
            }
        }
    }
}

impl std::error::Error for PagingError {}

/// What the loop asks for next.
enum Next {
    /// The first page: the request as the builder makes it.
    First,
    /// This page number.
    Number(i64),
    /// This path and query on the client's server, from a `next` link.
    Link(String),
    /// An error found on the last page, reported after it.
    Fail(PagingError),
    Done,
}

/// The pages of a paged operation, each with its status and headers: a [`Stream`] of
/// `Result<Response<page>, error>` that ends after the last page or the first error.
#[must_use = "a stream does nothing unless polled"]
pub struct Pages<'c, O: Paged> {
    /// The client, or a handle on it with the call's options.
    client: Cow<'c, Client>,
    /// The builder of the page being fetched (its page number set).
    operation: O,
    next: Next,
    in_flight: Option<BoxFuture<'static, Result<RawResponse, TransportError>>>,
    /// Ordinal of the page being fetched, from 1.
    page: u64,
    /// Items seen so far.
    seen: u64,
    /// The highest total count a page gave.
    total: Option<u64>,
    /// A fingerprint of each non-empty page's items, to notice a page served again.
    fingerprints: HashSet<u64>,
    /// The `next` links followed.
    visited: HashSet<String>,
}

// Nothing is pinned in place: the in-flight request is boxed, the rest is moved freely.
impl<O: Paged> Unpin for Pages<'_, O> {}

impl<O: Paged> fmt::Debug for Pages<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").field("page", &self.page).field("seen", &self.seen).finish_non_exhaustive()
    }
}

impl<'c, O: Paged> Pages<'c, O>
where
    O::Error: From<PagingError>,
{
    /// The pages of `operation`, starting at the page it asks for.
    pub fn new(client: &'c Client, operation: O) -> Self {
        Pages::of(Cow::Borrowed(client), operation)
    }

    /// The pages of `operation` sent through `client`, a borrowed client or a handle with a
    /// call's options.
    pub fn of(client: Cow<'c, Client>, operation: O) -> Self {
        Pages {
            client,
            operation,
            next: Next::First,
            in_flight: None,
            page: 0,
            seen: 0,
            total: None,
            fingerprints: HashSet::new(),
            visited: HashSet::new(),
        }
    }

    /// The next page, or `None` after the last one: the stream's `next`, without
    /// `futures::StreamExt`.
    pub async fn next(&mut self) -> Option<Result<Response<O::Output>, O::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of every page, in order.
    pub fn items(self) -> Items<'c, O> {
        Items { pages: self, buffered: Vec::new().into_iter() }
    }

    /// Starts fetching what `next` names; `Err` ends the stream with that error.
    fn start(&mut self, next: Next) -> Result<(), O::Error> {
        let request = match next {
            Next::First => self.operation.build()?,
            Next::Number(number) => {
                if !self.operation.set_page_number(number) {
                    return Err(PagingError::PageNumberOutOfRange { page: self.page }.into());
                }
                self.operation.build()?
            }
            Next::Link(path_and_query) => {
                let mut request = self.operation.build()?;
                // The link's query replaces the builder's: it is already encoded in the path.
                request.path = path_and_query;
                request.query.clear();
                request
            }
            Next::Fail(error) => return Err(error.into()),
            Next::Done => return Ok(()),
        };
        self.page += 1;
        self.in_flight = Some(fetch(Client::clone(&self.client), request));
        Ok(())
    }

    /// Takes a page: decodes it, checks it against the pages before and decides what comes next.
    fn accept(&mut self, received: Result<RawResponse, TransportError>) -> Result<Response<O::Output>, O::Error> {
        let page = self.operation.decode_response(received?)?;
        let items = O::items(&page.body);
        let count = items.len() as u64;
        if count > 0 && !self.fingerprints.insert(fingerprint(items)) {
            return Err(PagingError::RepeatedPage { page: self.page }.into());
        }
        let total = O::total_count(&page.body);
        if let (Some(before), Some(now)) = (self.total, total) {
            if now < before {
                return Err(PagingError::TotalCountShrank { page: self.page, before, now }.into());
            }
        }
        self.total = total.or(self.total);
        self.seen += count;
        self.next = self.after(&page.body, count);
        Ok(page)
    }

    /// What follows a page of `count` items.
    fn after(&mut self, page: &O::Output, count: u64) -> Next {
        if count == 0 {
            return Next::Done;
        }
        match self.operation.page_number() {
            Some(number) => {
                let size = self.operation.page_size();
                if size.is_some_and(|size| count < size) {
                    return Next::Done;
                }
                // Items before the first page read count towards the total too.
                let skipped = match size {
                    Some(size) => u64::try_from(number).unwrap_or(1).saturating_sub(self.page).saturating_mul(size),
                    None => 0,
                };
                if self.total.is_some_and(|total| skipped.saturating_add(self.seen) >= total) {
                    return Next::Done;
                }
                match number.checked_add(1) {
                    Some(next) => Next::Number(next),
                    None => Next::Fail(PagingError::PageNumberOutOfRange { page: self.page }),
                }
            }
            None => {
                if self.total.is_some_and(|total| self.seen >= total) {
                    return Next::Done;
                }
                let Some(href) = O::next_link(page) else { return Next::Done };
                match link_target(self.client.base_url(), href) {
                    Some(target) if self.visited.insert(target.clone()) => Next::Link(target),
                    Some(_) => Next::Fail(PagingError::RepeatedLink { page: self.page, href: href.to_owned() }),
                    None => Next::Fail(PagingError::ForeignLink { page: self.page, href: href.to_owned() }),
                }
            }
        }
    }
}

impl<O: Paged> Stream for Pages<'_, O>
where
    O::Error: From<PagingError>,
{
    type Item = Result<Response<O::Output>, O::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.in_flight.is_none() {
            match std::mem::replace(&mut this.next, Next::Done) {
                Next::Done => return Poll::Ready(None),
                next => {
                    if let Err(error) = this.start(next) {
                        return Poll::Ready(Some(Err(error)));
                    }
                }
            }
        }
        let Some(in_flight) = this.in_flight.as_mut() else { return Poll::Ready(None) };
        let received = ready!(in_flight.as_mut().poll(cx));
        this.in_flight = None;
        let page = this.accept(received);
        if page.is_err() {
            this.next = Next::Done;
        }
        Poll::Ready(Some(page))
    }
}

/// The items of every page of a paged operation, in order: a [`Stream`] of
/// `Result<item, error>` that ends after the last item or the first error.
#[must_use = "a stream does nothing unless polled"]
pub struct Items<'c, O: Paged> {
    pages: Pages<'c, O>,
    buffered: std::vec::IntoIter<O::Item>,
}

// As for `Pages`: the buffered items are never pinned.
impl<O: Paged> Unpin for Items<'_, O> {}

impl<O: Paged> fmt::Debug for Items<'_, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items").field("pages", &self.pages).field("buffered", &self.buffered.len()).finish()
    }
}

impl<O: Paged> Items<'_, O>
where
    O::Error: From<PagingError>,
{
    /// The next item, or `None` after the last one: the stream's `next`, without
    /// `futures::StreamExt`.
    pub async fn next(&mut self) -> Option<Result<O::Item, O::Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<O: Paged> Stream for Items<'_, O>
where
    O::Error: From<PagingError>,
{
    type Item = Result<O::Item, O::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffered.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                Some(Ok(page)) => {
                    this.buffered = O::into_items(page.body).into_iter();
                }
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }
}

/// Sends one page request. Not generic, so that every paged operation shares this one future;
/// it owns its handle on the client (an `Arc`), so that a listing can hold a call's options.
fn fetch(client: Client, request: super::Request) -> BoxFuture<'static, Result<RawResponse, TransportError>> {
    Box::pin(async move { client.send(&request).await })
}

/// A hash of the items' JSON form: equal for equal item lists.
fn fingerprint<T: serde::Serialize>(items: &[T]) -> u64 {
    struct HashWriter(DefaultHasher);
    impl std::io::Write for HashWriter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut writer = HashWriter(DefaultHasher::new());
    // Items that cannot be serialized all hash alike up to the failure; they still differ
    // by what was written before it.
    let _ = serde_json::to_writer(&mut writer, items);
    writer.0.finish()
}

/// The path and query a `next` link names on the client's server: an absolute link must
/// start with the base URL, a rooted one with the base URL's path. `None` for another server.
fn link_target(base_url: &str, href: &str) -> Option<String> {
    let base = base_url.trim_end_matches('/');
    let base_path = base.find("://").map_or("", |scheme| {
        let rest = &base[scheme + 3..];
        rest.find('/').map_or("", |slash| &rest[slash..])
    });
    let rest = if href.starts_with('/') && !href.starts_with("//") {
        href.strip_prefix(base_path)?
    } else {
        let head = href.get(..base.len())?;
        if !head.eq_ignore_ascii_case(base) {
            return None;
        }
        &href[base.len()..]
    };
    match rest.chars().next() {
        None => Some("/".to_owned()),
        Some('/') => Some(rest.to_owned()),
        Some('?') => Some(format!("/{rest}")),
        Some(_) => None,
    }
}

// Here rather than beside `Call` so that `call` does not depend on `paging`: the listing
// is paging's concern, and the dependency runs one way.
impl<'c, O: Paged> Call<'c, O>
where
    O::Error: From<PagingError>,
{
    /// The pages of the listing, from the page asked for (see [`Pages`]).
    pub fn pages(self) -> Pages<'c, O> {
        let (client, operation) = self.into_parts();
        Pages::of(client, operation)
    }

    /// The items of every page of the listing, in order (see [`Items`]).
    pub fn items(self) -> Items<'c, O> {
        self.pages().items()
    }
}
