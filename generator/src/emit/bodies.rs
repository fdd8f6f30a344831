//! Request bodies in a request builder: the Rust type a body is given as, its docs, and how
//! `build()` encodes it (JSON, form pairs, multipart parts or bytes as given).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::models::ident;
use super::Emitter;
use crate::ir::{BodyEncoding, BodyKind, RequestBody};
use crate::naming;

impl Emitter<'_> {
    /// The type the builder takes the body as: the model, an `Upload` (bytes or a stream) for
    /// a binary body, the operation's multipart parts, or the runtime's general multipart
    /// builder for a multipart body without a documented object schema.
    pub(super) fn request_body_type(&self, body: &RequestBody) -> TokenStream {
        self.request_body_type_in(body, &quote!(runtime), &quote!(models::))
    }

    /// [`Emitter::request_body_type`] with `runtime` as the path of the runtime module and
    /// `models` as the path prefix of the models module.
    pub(super) fn request_body_type_in(
        &self,
        body: &RequestBody,
        runtime: &TokenStream,
        models: &TokenStream,
    ) -> TokenStream {
        match &body.encoding {
            BodyEncoding::Multipart(Some(parts)) => {
                let name = ident(&parts.type_name);
                quote!(#name)
            }
            BodyEncoding::Multipart(None) => quote!(#runtime::Multipart),
            BodyEncoding::Raw if body.kind == BodyKind::Bytes => quote!(#runtime::Upload),
            _ => self.body_type(&body.kind, models),
        }
    }

    /// The doc text of the body: the spec's description.
    pub(super) fn request_body_description(&self, body: &RequestBody) -> String {
        let description = body.doc.clone().unwrap_or_else(|| "The request body.".to_owned());
        docs::join_paragraphs(&[Some(description)])
    }

    /// The `runtime::Body` of `body` (a reference in scope), for `build()`.
    pub(super) fn request_body_encoding(&self, body: &RequestBody) -> TokenStream {
        let media = &body.media_type;
        match (&body.encoding, &body.kind) {
            (BodyEncoding::Json, _) => quote!(runtime::Body::json(#media, body)?),
            (BodyEncoding::Form, _) => quote!(runtime::Body::form(#media, body)?),
            (BodyEncoding::Multipart(Some(_)), _) => {
                let method = ident(naming::MULTIPART_PARTS_METHOD);
                quote!(body.#method()?.encode())
            }
            (BodyEncoding::Multipart(None), _) => quote!(body.encode()),
            (BodyEncoding::Raw, BodyKind::Empty) => quote!(runtime::Body::new(#media, Vec::new())),
            (BodyEncoding::Raw, _) => quote!(runtime::Body::upload(#media, body)),
        }
    }
}
