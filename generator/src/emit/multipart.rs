//! The typed body of a `multipart/form-data` request: a per-operation struct with a field per
//! documented part (required ones taken by `new`, optional ones by setters, files as the
//! runtime's `FilePart`, lists as repeated parts) and the method turning it into the runtime's
//! multipart encoding, so that no part can be forgotten or misspelt.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::models::ident;
use super::Emitter;
use crate::ir::{BodyKind, MultipartField, MultipartParts, Operation};
use crate::naming;

/// The media type of a file part the spec documents no `encoding` for (OpenAPI's default for
/// binary strings).
const DEFAULT_FILE_TYPE: &str = "application/octet-stream";

impl Emitter<'_> {
    /// The parts struct of an operation's multipart body, with `new`, setters and `multipart`.
    pub(super) fn multipart_struct(&self, operation: &Operation, parts: &MultipartParts) -> TokenStream {
        let name = ident(&parts.type_name);
        let doc = docs::outer(&format!(
            "The `multipart/form-data` parts of the `{}` request body, one field per part.",
            operation.operation_id
        ));
        let fields = parts.fields.iter().map(|field| {
            let name = ident(&field.name);
            let ty = self.part_type(field);
            let doc = docs::outer(&part_doc(field));
            if field.required {
                quote!(#doc pub #name: #ty,)
            } else {
                quote!(#doc pub #name: Option<#ty>,)
            }
        });
        let required: Vec<&MultipartField> = parts.fields.iter().filter(|f| f.required).collect();
        let new_args = required.iter().map(|field| {
            let name = ident(&field.name);
            let ty = self.part_type(field);
            quote!(#name: #ty)
        });
        let new_fields = parts.fields.iter().map(|field| {
            let name = ident(&field.name);
            if field.required {
                quote!(#name,)
            } else {
                quote!(#name: None,)
            }
        });
        let long = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let setters = parts.fields.iter().filter_map(|field| {
            let setter = ident(field.setter.as_ref()?);
            let name = ident(&field.name);
            let ty = self.part_type(field);
            let doc = docs::outer(&part_doc(field));
            Some(quote! {
                #doc
                pub fn #setter(mut self, #name: #ty) -> Self {
                    self.#name = Some(#name);
                    self
                }
            })
        });
        let pushes = parts.fields.iter().map(part_push);
        let method = ident(naming::MULTIPART_PARTS_METHOD);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #name {
                #(#fields)*
            }

            impl #name {
                /// The parts, with every required one.
                #long
                pub fn new(#(#new_args),*) -> Self {
                    Self { #(#new_fields)* }
                }

                #(#setters)*

                /// The parts in the runtime's multipart builder, in the spec's order.
                fn #method(&self) -> Result<runtime::Multipart, ValidationError> {
                    let mut parts = runtime::Multipart::new();
                    #(#pushes)*
                    Ok(parts)
                }
            }
        }
    }

    /// The Rust type of one part's field (without the `Option` of an optional part).
    fn part_type(&self, field: &MultipartField) -> TokenStream {
        let item = match &field.kind {
            BodyKind::Json(ty) => self.type_tokens(ty, &quote!(models::)),
            _ => quote!(runtime::FilePart),
        };
        if field.repeated {
            quote!(Vec<#item>)
        } else {
            item
        }
    }
}

/// The doc of a part's field: the spec's description, and how the part is sent.
fn part_doc(field: &MultipartField) -> String {
    let mut doc = field.doc.clone().map(|d| format!("{d}\n\n")).unwrap_or_default();
    let (what, each) = match (&field.kind, field.repeated) {
        (BodyKind::Json(_), false) => ("The part", ""),
        (BodyKind::Json(_), true) => ("One part", " per item"),
        (_, false) => ("The file part", ""),
        (_, true) => ("One file part", " per item"),
    };
    doc.push_str(&format!("{what} `{}`{each}", field.wire_name));
    if let Some(media) = &field.content_type {
        doc.push_str(&format!(", as `{media}`"));
    }
    doc.push('.');
    doc
}

/// The statements adding one field's part (or parts) to `parts`.
fn part_push(field: &MultipartField) -> TokenStream {
    let name = ident(&field.name);
    let wire = &field.wire_name;
    let add = match &field.kind {
        BodyKind::Json(_) => {
            let media = match &field.content_type {
                Some(media) => quote!(Some(#media)),
                None => quote!(None),
            };
            quote!(parts = parts.value(#wire, value, #media)?;)
        }
        _ => {
            let media = field.content_type.as_deref().unwrap_or(DEFAULT_FILE_TYPE);
            quote!(parts = parts.file_part(#wire, value, #media);)
        }
    };
    match (field.required, field.repeated) {
        (true, false) => quote!({ let value = &self.#name; #add }),
        (false, false) => quote!(if let Some(value) = &self.#name { #add }),
        (true, true) => quote!(for value in &self.#name { #add }),
        (false, true) => quote!(if let Some(values) = &self.#name { for value in values { #add } }),
    }
}
