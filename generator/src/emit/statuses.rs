//! Operations whose 2xx responses carry different bodies: the success enum with a variant per
//! status (`CreateJobResponse::Created(models::Job)`, `::Accepted(models::Ticket)`) and the
//! `decode_response` arms that build it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::error::status_label;
use super::models::ident;
use super::response::decode_call;
use super::Emitter;
use crate::ir::{BodyKind, Operation, StatusBodies, StatusMatch};

impl Emitter<'_> {
    /// The success enum of an operation.
    pub(super) fn status_enum(&self, operation: &Operation, by_status: &StatusBodies) -> TokenStream {
        let name = ident(&by_status.enum_name);
        let doc = docs::outer(&format!(
            "A success response of `{}`: each documented 2xx status has its own body.",
            operation.operation_id
        ));
        let variants = by_status.variants.iter().map(|body| {
            let variant = ident(&body.variant);
            let mut text = format!("`{}`", status_label(body.status));
            if let Some(doc) = &body.doc {
                text.push_str(": ");
                text.push_str(doc);
            }
            let doc = docs::outer(&text);
            match &body.kind {
                BodyKind::Empty => quote!(#doc #variant,),
                kind => {
                    let ty = self.body_type(kind, &quote!(models::));
                    quote!(#doc #variant(#ty),)
                }
            }
        });
        let sizes = by_status.variants.iter().map(|body| self.body_size(&body.kind));
        let large = self.large_variant_allow(sizes);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            #large
            pub enum #name {
                #(#variants)*
            }
        }
    }

    /// The `decode_response` arms of the success statuses, each decoding its own body.
    pub(super) fn status_arms(&self, by_status: &StatusBodies) -> TokenStream {
        let name = ident(&by_status.enum_name);
        let arms = by_status.variants.iter().map(|body| {
            let status = match body.status {
                StatusMatch::Code(code) => {
                    let code = Literal::u16_unsuffixed(code);
                    quote!(#code)
                }
                // Success ranges are `2XX` only; it comes after the codes (IR order), so it takes
                // the 2xx codes not listed.
                StatusMatch::Range(_) | StatusMatch::Default => quote!(200..=299),
            };
            let variant = ident(&body.variant);
            let value = decode_call(&body.kind);
            match &body.kind {
                BodyKind::Empty => quote!(#status => Ok(#value.map(|()| #name::#variant)),),
                _ => quote!(#status => Ok(#value.map(#name::#variant)),),
            }
        });
        quote!(#(#arms)*)
    }
}
