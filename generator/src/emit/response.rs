//! What an operation answers: the success type, the enums of alternative media types, and
//! `decode_response`, which turns a raw response into the success type or the error enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::error::{uses_error_table, Answer, ErrorTable};
use super::models::ident;
use super::operations::send_fn;
use super::request::envelope_asked;
use super::written::write_arm_body;
use super::Emitter;
use crate::ir::{Alternatives, BodyKind, Operation, StatusMatch};
use crate::print::{Opening, Trailing, Writer};

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

    /// An operation's `send` and `decode_response`, items of the builder's impl after what it
    /// holds so far. `decode_response` is written for the usual case of one success body and a
    /// table of error statuses, emitted as tokens otherwise.
    pub(super) fn write_decode_fn(&self, w: &mut Writer<'_>, operation: &Operation, error: &proc_macro2::Ident) {
        let success_ty = self.success_type(operation);
        w.token_items_in_block(send_fn(&success_ty, error));
        if operation.success.by_status.is_none() && uses_error_table(operation) {
            self.write_classified_decode_fn(w, operation, error);
        } else {
            w.token_items_in_block(self.decode_fn(operation, error));
        }
    }

    /// What a success decodes into: the body of the media type asked for, or the one body.
    fn success_value(&self, operation: &Operation) -> TokenStream {
        let body_enum = operation.success.alternatives.as_ref().and_then(|a| Some((a, ident(a.body_enum.as_ref()?))));
        match &body_enum {
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
        }
    }

    /// `decode_response` of an operation whose successes have bodies by status, or whose
    /// errors are not one table: a `match` of the status.
    fn decode_fn(&self, operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
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
        let success_value = self.success_value(operation);
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
            let ErrorTable { ranges, arms, undocumented } = self.error_table(operation, error);
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
        quote! {
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

    /// `decode_response` of an operation whose error statuses are a table and whose success is
    /// one body: the envelope, the status ranges and the error table go to one runtime call
    /// (`classify_response`, compiled once per error body type), and what is left here is
    /// decoding the success body and matching the error's index to its variant.
    fn write_classified_decode_fn(&self, w: &mut Writer<'_>, operation: &Operation, error: &proc_macro2::Ident) {
        let error_name = operation.error_name.as_str();
        let envelope = envelope_asked(operation).unwrap_or_else(|| quote!(false));
        let success: Vec<(u16, u16)> = if operation.success.statuses.is_empty() || operation.success.any_2xx {
            vec![(200, 299)]
        } else {
            operation.success.statuses.iter().map(|code| (*code, *code)).collect()
        };
        let documented: Vec<_> = operation.errors.iter().filter_map(|e| Some((e, status_bounds(e.status)?))).collect();
        let plain_body = operation.success.alternatives.as_ref().and_then(|a| a.body_enum.as_ref()).is_none();
        let ranges = |w: &mut Writer<'_>, ranges: &[(String, String)]| {
            w.token("&");
            let trailing = if ranges.len() > 1 { Trailing::Comma } else { Trailing::Nothing };
            w.list(("[", "]"), ranges.len(), trailing, Opening::Soft, |w, i| {
                w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, j| {
                    w.word(if j == 0 { &ranges[i].0 } else { &ranges[i].1 })
                });
            });
        };
        let success: Vec<(String, String)> = success.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
        let errors: Vec<(String, String)> =
            documented.iter().map(|(_, (low, high))| (low.to_string(), high.to_string())).collect();
        // `Name(inner)`: a call or pattern of one argument.
        let wrap = |w: &mut Writer<'_>, name: &str, inner: &dyn Fn(&mut Writer<'_>)| {
            w.word(name);
            w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| inner(w));
        };
        let variant = |variant: &str| format!("{error_name}::{variant}");
        w.blank_line();
        w.doc(" Decodes the response to this request into the documented body or error.");
        w.attribute(|w| w.token("inline"));
        w.token("pub");
        w.space();
        self.write_decode_signature(w, operation);
        w.block(|w| {
            w.hard_line();
            w.token("match");
            w.space();
            w.token("classify_response");
            w.list(("(", ")"), 4, Trailing::Comma, Opening::Soft, |w, i| match i {
                0 => w.token("response"),
                1 => w.tokens(envelope.clone()),
                2 => ranges(w, &success),
                _ => ranges(w, &errors),
            });
            w.space();
            w.block(|w| {
                // A `match` rather than `?` for the success body: `?` would instantiate `Try`
                // and `FromResidual` for this operation's result type.
                w.hard_line();
                wrap(w, "Ok", &|w| w.token("response"));
                if plain_body && matches!(operation.success.kind, BodyKind::Json(_)) {
                    w.space();
                    w.token("=>");
                    w.space();
                    w.token("match");
                    w.space();
                    wrap(w, "decode_json", &|w| w.token("response"));
                    w.space();
                    w.block(|w| {
                        w.hard_line();
                        wrap(w, "Ok", &|w| w.token("response"));
                        write_arm_body(w, |w| wrap(w, "Ok", &|w| w.token("response")));
                        w.hard_line();
                        wrap(w, "Err", &|w| w.token("error"));
                        write_arm_body(w, |w| wrap(w, "Err", &|w| wrap(w, &variant("Decode"), &|w| w.token("error"))));
                    });
                    w.token(",");
                } else {
                    let value = self.success_value(operation);
                    write_arm_body(w, |w| wrap(w, "Ok", &|w| w.tokens(value.clone())));
                }
                let last = documented.len() - 1;
                for (index, (response, _)) in documented.iter().enumerate() {
                    w.hard_line();
                    // The last entry takes the index pattern `_`: the runtime gives no index past
                    // the table.
                    let index = if index == last { "_".to_owned() } else { index.to_string() };
                    wrap(w, "Err", &|w| {
                        w.token("ErrorStatus::Documented");
                        w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| {
                            w.word(if i == 0 { &index } else { "body" })
                        });
                    });
                    write_arm_body(w, |w| {
                        wrap(w, "Err", &|w| wrap(w, &variant(&response.variant), &|w| w.token("body")))
                    });
                }
                w.hard_line();
                wrap(w, "Err", &|w| wrap(w, "ErrorStatus::Undecodable", &|w| w.token("error")));
                write_arm_body(w, |w| wrap(w, "Err", &|w| wrap(w, &variant("Decode"), &|w| w.token("error"))));
                w.hard_line();
                wrap(w, "Err", &|w| wrap(w, "ErrorStatus::Undocumented", &|w| w.token("response")));
                self.write_undocumented_arm(w, operation, error);
            });
        });
    }

    /// The body of the arm answering an undocumented status in a classified response.
    fn write_undocumented_arm(&self, w: &mut Writer<'_>, operation: &Operation, error: &proc_macro2::Ident) {
        match self.undocumented_answer(operation, error) {
            Answer::Block(statements) => {
                w.space();
                w.token("=>");
                w.space();
                w.block(|w| w.token_statements(statements));
            }
            Answer::Expression(value) => write_arm_body(w, |w| w.tokens(value)),
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
