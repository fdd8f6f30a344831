//! What an operation answers: the success type, the enums of alternative media types, and
//! `decode_response`, which turns a raw response into the success type or the error enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::error::{uses_error_table, ErrorTable};
use super::models::ident;
use super::operations::send_fn;
use super::request::envelope_asked;
use super::Emitter;
use crate::ir::{Alternatives, BodyKind, Operation, StatusMatch};

impl Emitter<'_> {
    /// The type a success decodes into: the body enum when the operation offers several media
    /// types with different bodies, else the one body's type.
    pub(super) fn success_type(&self, operation: &Operation) -> TokenStream {
        let body_enum = operation.success.alternatives.as_ref().and_then(|a| a.body_enum.as_ref());
        match body_enum.or(operation.success.by_status.as_ref().map(|s| &s.enum_name)) {
            Some(body_enum) => {
                let body_enum = ident(body_enum);
                quote!(#body_enum)
            }
            None => self.body_type(&operation.success.kind, &quote!(models::)),
        }
    }

    /// The media type and body enums of a success response with several media types.
    pub(super) fn alternative_enums(&self, operation: &Operation, alternatives: &Alternatives) -> TokenStream {
        let media_enum = ident(&alternatives.media_enum);
        let builder = &operation.type_name;
        let variants: Vec<proc_macro2::Ident> = alternatives.bodies.iter().map(|b| ident(&b.variant)).collect();
        let media_types: Vec<&str> = alternatives.bodies.iter().map(|b| b.media_type.as_str()).collect();
        let docs: Vec<TokenStream> = media_types.iter().map(|m| docs::outer(&format!("`{m}`"))).collect();
        let models = quote!(models::);
        let types = alternatives.bodies.iter().map(|b| self.body_type(&b.kind, &models));
        let (default_doc, default_variant) = (&docs[0], &variants[0]);
        let (other_docs, other_variants) = (&docs[1..], &variants[1..]);
        let media_doc = docs::outer(&format!(
            "The media types `{}` answers with, for `{builder}::accept`.",
            operation.operation_id
        ));
        let body_enum = alternatives.body_enum.as_ref().map(|body_enum| {
            let body_enum = ident(body_enum);
            let doc =
                docs::outer(&format!("A success body of `{}`, in the media type asked for.", operation.operation_id));
            let sizes = alternatives.bodies.iter().map(|body| self.body_size(&body.kind));
            let large = self.large_variant_allow(sizes);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq)]
                #[non_exhaustive]
                #large
                pub enum #body_enum {
                    #( #docs #variants(#types), )*
                }
            }
        });
        quote! {
            #media_doc
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
            #[non_exhaustive]
            pub enum #media_enum {
                #default_doc
                #[default]
                #default_variant,
                #( #other_docs #other_variants, )*
            }

            impl #media_enum {
                /// The media type as sent in `Accept`.
                pub fn as_str(self) -> &'static str {
                    match self {
                        #( Self::#variants => #media_types, )*
                    }
                }
            }

            #body_enum
        }
    }

    pub(super) fn decode_fn(&self, operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
        let body_enum = operation.success.alternatives.as_ref().and_then(|a| Some((a, ident(a.body_enum.as_ref()?))));
        let success_ty = self.success_type(operation);
        let unwrap = envelope_asked(operation).map(|asked| {
            // A `match` rather than `?`, here and for the success body below: `?` would
            // instantiate `Try` and `FromResidual` for this operation's result type.
            quote! {
                let response = if #asked {
                    match unwrap_envelope(response) {
                        Ok(response) => response,
                        Err(error) => return Err(#error::Decode(error)),
                    }
                } else {
                    response
                };
            }
        });
        let success_pattern = if operation.success.statuses.is_empty() || operation.success.any_2xx {
            quote!(200..=299)
        } else {
            let codes = operation.success.statuses.iter().map(|c| Literal::u16_unsuffixed(*c));
            quote!(#(#codes)|*)
        };
        let success_value = match &body_enum {
            Some((alternatives, body_enum)) => {
                let media_enum = ident(&alternatives.media_enum);
                let arms = alternatives.bodies.iter().map(|body| {
                    let variant = ident(&body.variant);
                    let value = decode_call(&body.kind);
                    quote!(#media_enum::#variant => #value.map(#body_enum::#variant),)
                });
                quote!(match self.accept { #(#arms)* })
            }
            None => decode_call(&operation.success.kind),
        };
        let documented = operation.errors.iter().filter_map(|e| Some((e, status_bounds(e.status)?)));
        let default = operation.errors.iter().find(|e| e.status == StatusMatch::Default);
        // The statements answering an undocumented status, as the end of a block.
        let undocumented = match (default, &self.api.common_error) {
            (Some(response), _) => {
                let variant = ident(&response.variant);
                let value = decode_call(&response.kind);
                quote!(Err(#error::#variant(Box::new(#value))))
            }
            (None, Some(_)) => quote! {
                let (response, api_error) = undocumented_status(Box::new(response));
                Err(#error::UnexpectedStatus(response, api_error))
            },
            (None, None) => quote!(Err(#error::UnexpectedStatus(Box::new(response)))),
        };
        let error_arms = if uses_error_table(operation) {
            // The runtime finds the table's entry and decodes its body (compiled once per body
            // type); what is left here is the match of the entry's index to its variant.
            let ErrorTable { ranges, arms, undocumented } = self.error_table(operation, error, false);
            quote! {
                _ => match error_status(response, &[#(#ranges),*]) {
                    #(#arms)*
                    ErrorStatus::Undecodable(error) => Err(#error::Decode(error)),
                    ErrorStatus::Undocumented(response) => #undocumented,
                },
            }
        } else {
            let arms = documented.map(|(response, (low, high))| {
                let pattern = match response.status {
                    StatusMatch::Code(_) => quote!(#low),
                    _ => quote!(#low..=#high),
                };
                let variant = ident(&response.variant);
                let value = decode_call(&response.kind);
                quote!(#pattern => Err(#error::#variant(Box::new(#value))),)
            });
            let fallback = match (default, &self.api.common_error) {
                (None, Some(_)) => quote!({ #undocumented }),
                _ => undocumented,
            };
            quote!(#(#arms)* _ => #fallback,)
        };
        if operation.success.by_status.is_none() && uses_error_table(operation) {
            return self.classified_decode_fn(operation, error, success_value, body_enum.is_none());
        }
        let success_arms = match (&operation.success.by_status, &body_enum, &operation.success.kind) {
            (Some(by_status), _, _) => self.status_arms(by_status),
            (None, None, BodyKind::Json(_)) => quote! {
                #success_pattern => match decode_json(response) {
                    Ok(response) => Ok(response),
                    Err(error) => Err(#error::Decode(error)),
                },
            },
            (None, _, _) => quote!(#success_pattern => Ok(#success_value),),
        };
        let send = send_fn(&success_ty, error);
        quote! {
            #send

            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(&self, response: RawResponse) -> Result<Response<#success_ty>, #error> {
                #unwrap
                match response.status.as_u16() {
                    #success_arms
                    #error_arms
                }
            }
        }
    }

    /// `send` and `decode_response` of an operation whose error statuses are a table and whose
    /// success is one body: the envelope, the status ranges and the error table go to one
    /// runtime call (`classify_response`, compiled once per error body type), and what is left
    /// here is decoding the success body and matching the error's index to its variant.
    fn classified_decode_fn(
        &self,
        operation: &Operation,
        error: &proc_macro2::Ident,
        success_value: TokenStream,
        plain_body: bool,
    ) -> TokenStream {
        let success_ty = self.success_type(operation);
        let envelope = envelope_asked(operation).unwrap_or_else(|| quote!(false));
        let success = if operation.success.statuses.is_empty() || operation.success.any_2xx {
            vec![quote!((200, 299))]
        } else {
            operation
                .success
                .statuses
                .iter()
                .map(|code| {
                    let code = Literal::u16_unsuffixed(*code);
                    quote!((#code, #code))
                })
                .collect()
        };
        let ErrorTable { ranges, arms, undocumented } = self.error_table(operation, error, true);
        // A `match` rather than `?` for the success body: `?` would instantiate `Try` and
        // `FromResidual` for this operation's result type.
        let success_arm = if plain_body && matches!(operation.success.kind, BodyKind::Json(_)) {
            quote! {
                Ok(response) => match decode_json(response) {
                    Ok(response) => Ok(response),
                    Err(error) => Err(#error::Decode(error)),
                },
            }
        } else {
            quote!(Ok(response) => Ok(#success_value),)
        };
        let send = send_fn(&success_ty, error);
        quote! {
            #send

            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(&self, response: RawResponse) -> Result<Response<#success_ty>, #error> {
                match classify_response(response, #envelope, &[#(#success),*], &[#(#ranges),*]) {
                    #success_arm
                    #(#arms)*
                    Err(ErrorStatus::Undecodable(error)) => Err(#error::Decode(error)),
                    Err(ErrorStatus::Undocumented(response)) => #undocumented,
                }
            }
        }
    }
}

/// The inclusive range of statuses an error response documents; none for `default`.
pub(super) fn status_bounds(status: StatusMatch) -> Option<(Literal, Literal)> {
    let (low, high) = match status {
        StatusMatch::Code(code) => (code, code),
        StatusMatch::Range(range) => (range * 100, range * 100 + 99),
        StatusMatch::Default => return None,
    };
    Some((Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high)))
}

/// The decoded response; a JSON decoding failure converts into the operation's error by `?`.
pub(super) fn decode_call(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(_) => quote!(decode_json(response)?),
        BodyKind::Bytes => quote!(decode_bytes(response)),
        BodyKind::Empty => quote!(decode_empty(response)),
    }
}
