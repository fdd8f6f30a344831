//! Operations started from the [`Client`]: the [`Operation`] trait every generated request
//! builder implements, and [`Call`], a builder bound to a client so that a whole call reads
//! `client.some_operation(args).option(value).send().await`.
//!
//! The sending is one generic function ([`send`]) rather than an `async fn` per operation, so
//! a crate with hundreds of operations compiles one small state machine per operation type
//! only where it is used.

use std::borrow::Cow;

use super::{CallOptions, Client, RawResponse, Request, Response, TransportError, ValidationError};

/// A request builder of the generated crate: validation into a [`Request`], and decoding of
/// the response into the documented body or the operation's error.
pub trait Operation {
    /// The success body.
    type Output;
    /// The operation's error enum.
    type Error: From<TransportError> + From<ValidationError>;

    /// Validates every parameter and builds the request; no I/O.
    fn build(&self) -> Result<Request, ValidationError>;

    /// Decodes a response to this request.
    fn decode_response(&self, response: RawResponse) -> Result<Response<Self::Output>, Self::Error>;
}

/// Validates, sends and decodes one operation: nothing is sent when a parameter is invalid.
pub async fn send<O: Operation>(operation: &O, client: &Client) -> Result<Response<O::Output>, O::Error> {
    let request = operation.build()?;
    let response = client.send(&request).await?;
    operation.decode_response(response)
}

/// A request builder bound to the client that will send it; the generated crate gives it the
/// builder's setters, so options are set the same way on both.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'c, O> {
    /// The client, or a handle on it with this call's options.
    client: Cow<'c, Client>,
    /// Visible to the generated operations, which share this crate: their setters set the
    /// builder's fields in place. A call to a method there (a closure given to [`Call::map`]
    /// per setter, or an accessor) would be compiled once per setter or per operation, with
    /// the unwinding path that drops the call.
    pub(crate) operation: O,
}

impl<'c, O> Call<'c, O> {
    /// Binds `operation` to `client`.
    pub fn new(client: &'c Client, operation: O) -> Self {
        Self { client: Cow::Borrowed(client), operation }
    }

    /// Changes the bound builder.
    pub fn map(self, change: impl FnOnce(O) -> O) -> Self {
        Self { client: self.client, operation: change(self.operation) }
    }

    /// Makes this call with its own settings (timeouts, retry policy, extra headers; see
    /// [`CallOptions`]), the client's credentials and transport unchanged.
    pub fn with_options(self, options: CallOptions) -> Self {
        Self { client: Cow::Owned(self.client.with_options(options)), operation: self.operation }
    }

    /// The client the call goes to, with the call's options.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The request builder, for `build()` and `decode_response()` with another HTTP stack.
    pub fn operation(&self) -> &O {
        &self.operation
    }

    /// The request builder, unbound.
    pub fn into_operation(self) -> O {
        self.operation
    }

    /// The client (with the call's options) and the request builder.
    pub fn into_parts(self) -> (Cow<'c, Client>, O) {
        (self.client, self.operation)
    }
}

impl<O: Operation> Call<'_, O> {
    /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter is
    /// invalid.
    pub async fn send(self) -> Result<Response<O::Output>, O::Error> {
        send(&self.operation, &self.client).await
    }
}
