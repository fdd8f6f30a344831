//! Streamed downloads: an operation with a success media type that is not JSON (gzip, CSV,
//! octet-stream, text) gets `send_stream(&client)`, which returns the body as a stream of
//! chunks through the runtime's one generic `send_stream`; `Call` gets `send_stream()` from the
//! runtime for every builder that implements `runtime::stream::Streamed`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::models::ident;
use super::operations::future_method;
use super::Emitter;
use crate::ir::{BodyKind, ItemFraming, ItemStreamBody, Operation};

impl Emitter<'_> {
    /// The streaming items of an operation: nothing when every success body is JSON or empty.
    pub fn streaming(&self, operation: &Operation) -> TokenStream {
        let Some(media_type) = streamed_media_type(operation) else { return TokenStream::new() };
        let builder = ident(&operation.type_name);
        let error = ident(&operation.error_name);
        let doc = docs::outer(&format!(
            "Validates and sends, and returns the success body (`{media_type}`) as a stream of chunks as they \
             arrive: no body limit, bounded memory. An error status is read whole and decoded as by `send`."
        ));
        let send_stream = future_method(
            &doc,
            quote!(send_stream),
            quote!(Result<runtime::StreamedResponse, #error>),
            quote!(runtime::stream::send_stream),
        );
        let items = operation.success.items.as_ref().map(|items| self.item_streaming(operation, items));
        quote! {
            impl runtime::stream::Streamed for #builder {
                const STREAMED_MEDIA_TYPE: &'static str = #media_type;
            }

            impl #builder {
                #send_stream
            }

            #items
        }
    }

    /// `send_items`, for a success body described item by item (OpenAPI 3.2 `itemSchema`).
    fn item_streaming(&self, operation: &Operation, items: &ItemStreamBody) -> TokenStream {
        let builder = ident(&operation.type_name);
        let error = ident(&operation.error_name);
        let data = self.type_tokens(&items.item, &quote!(models::));
        let media_type = &items.media_type;
        let (item, decode, what) = match items.framing {
            ItemFraming::EventStream => (
                quote!(runtime::Event<#data>),
                quote!(runtime::ItemStream::events(body)),
                "each a Server-Sent Event (with its `event`, `id` and `retry` fields) whose `data` is",
            ),
            framing => {
                let framing = match framing {
                    ItemFraming::JsonSeq => quote!(runtime::ItemFraming::JsonSeq),
                    _ => quote!(runtime::ItemFraming::JsonLines),
                };
                (quote!(#data), quote!(runtime::ItemStream::values(body, #framing)), "each")
            }
        };
        let doc = docs::outer(&format!(
            "Validates and sends, and returns the success body (`{media_type}`) as a stream of items, {what} \
             decoded as it arrives. A malformed item is an `ItemError::Decode` for that item and the stream \
             goes on; a failed or cut connection is an `ItemError::Transport`, the last item. An error status \
             is read whole and decoded as by `send`."
        ));
        let send_items = future_method(
            &doc,
            quote!(send_items),
            quote!(Result<runtime::ItemStream<#item>, #error>),
            quote!(runtime::stream::send_items),
        );
        quote! {
            impl runtime::stream::StreamedItems for #builder {
                type Item = #item;

                #[inline]
                fn items(body: runtime::ByteStream) -> runtime::ItemStream<Self::Item> {
                    #decode
                }
            }

            impl #builder {
                #send_items
            }
        }
    }
}

/// The media type a download asks for: the one described item by item, else the default success media type when it is not JSON,
/// else the first other one that is not.
fn streamed_media_type(operation: &Operation) -> Option<&str> {
    let success = &operation.success;
    if let Some(items) = &success.items {
        return Some(&items.media_type);
    }
    if success.kind == BodyKind::Bytes {
        return success.media_type.as_deref();
    }
    let alternatives = success.alternatives.as_ref()?;
    alternatives.bodies.iter().find(|body| body.kind == BodyKind::Bytes).map(|body| body.media_type.as_str())
}
