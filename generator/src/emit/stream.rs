//! Streamed downloads: an operation with a success media type that is not JSON (gzip, CSV,
//! octet-stream, text) gets `send_stream(&client)`, which returns the body as a stream of
//! chunks through the runtime's one generic `send_stream`; `Call` gets `send_stream()` from the
//! runtime for every builder that implements `runtime::stream::Streamed`.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::ident;
use super::operations::future_method;
use super::Emitter;
use crate::ir::{BodyKind, Operation};

impl Emitter<'_> {
    /// The streaming items of an operation: nothing when every success body is JSON or empty.
    pub fn streaming(&self, operation: &Operation) -> TokenStream {
        let Some(media_type) = streamed_media_type(operation) else { return TokenStream::new() };
        let builder = ident(&operation.type_name);
        let error = ident(&operation.error_name);
        let doc = self.docs.outer(&format!(
            "Validates and sends, and returns the success body (`{media_type}`) as a stream of chunks as they \
             arrive: no body limit, bounded memory. An error status is read whole and decoded as by `send`."
        ));
        let send_stream = future_method(
            &doc,
            quote!(send_stream),
            quote!(Result<runtime::StreamedResponse, #error>),
            quote!(runtime::stream::send_stream),
        );
        quote! {
            impl runtime::stream::Streamed for #builder {
                const STREAMED_MEDIA_TYPE: &'static str = #media_type;
            }

            impl #builder {
                #send_stream
            }
        }
    }
}

/// The media type a download asks for: the default success media type when it is not JSON,
/// else the first other one that is not.
fn streamed_media_type(operation: &Operation) -> Option<&str> {
    let success = &operation.success;
    if success.kind == BodyKind::Bytes {
        return success.media_type.as_deref();
    }
    let alternatives = success.alternatives.as_ref()?;
    alternatives.bodies.iter().find(|body| body.kind == BodyKind::Bytes).map(|body| body.media_type.as_str())
}
