//! Request bodies in a request builder: the Rust type a body is given as, its docs, and how
//! `build()` encodes it (JSON, form pairs, multipart parts or bytes as given).

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::{BodyEncoding, BodyKind, RequestBody};

impl Emitter<'_> {
    /// The type the builder takes the body as: the model, bytes, or the runtime's multipart
    /// builder.
    pub(super) fn request_body_type(&self, body: &RequestBody) -> TokenStream {
        match &body.encoding {
            BodyEncoding::Multipart(_) => quote!(runtime::Multipart),
            _ => self.body_type(&body.kind, &quote!(models::)),
        }
    }

    /// The doc of the body: the spec's description, and for multipart the parts it documents.
    pub(super) fn request_body_doc(&self, body: &RequestBody) -> TokenStream {
        let description = body.doc.clone().unwrap_or_else(|| "The request body.".to_owned());
        let parts = match &body.encoding {
            BodyEncoding::Multipart(fields) if !fields.is_empty() => {
                let lines: Vec<String> = fields
                    .iter()
                    .map(|field| {
                        let kind = if field.binary { "file part" } else { "text field" };
                        let required = if field.required { ", required" } else { "" };
                        let doc = field.doc.as_deref().map(|d| format!(": {}", first_line(d))).unwrap_or_default();
                        format!("- `{}` ({kind}{required}){doc}", field.wire_name)
                    })
                    .collect();
                Some(format!("`{}` parts:\n\n{}", body.media_type, lines.join("\n")))
            }
            _ => None,
        };
        self.docs.paragraphs(&[Some(description), parts])
    }

    /// The `runtime::Body` of `body` (a reference in scope), for `build()`; a multipart body
    /// without a part the spec requires is a validation error.
    pub(super) fn request_body_encoding(&self, body: &RequestBody) -> TokenStream {
        let media = &body.media_type;
        match (&body.encoding, &body.kind) {
            (BodyEncoding::Json, _) => quote!(runtime::Body::json(#media, body)?),
            (BodyEncoding::Form, _) => quote!(runtime::Body::form(#media, body)?),
            (BodyEncoding::Multipart(fields), _) => {
                let required = fields.iter().filter(|field| field.required).map(|field| &field.wire_name);
                quote! {{
                    #(
                        if !body.has(#required) {
                            return Err(ValidationError::new(#required, runtime::Rule::RequiredPart, ""));
                        }
                    )*
                    body.encode()
                }}
            }
            (BodyEncoding::Raw, BodyKind::Empty) => quote!(runtime::Body::new(#media, Vec::new())),
            (BodyEncoding::Raw, _) => quote!(runtime::Body::new(#media, body.clone())),
        }
    }
}

/// The first line of a description, for a list item.
fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim()
}
