//! An operation's error enum: a variant per documented error status, with the table that
//! `decode_response` reads to pick one.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::docs;
use super::models::ident;
use super::response::{decode_call, status_bounds};
use super::Emitter;
use crate::ir::{BodyKind, ErrorResponse, Operation, StatusMatch};
use crate::naming;

impl Emitter<'_> {
    /// The parts of a `decode_response` that matches the status itself (successes with bodies
    /// by status) for an operation whose error statuses are a table (see [`uses_error_table`]):
    /// the constant status ranges, the `match` arms mapping an entry's index to its variant,
    /// and the answer to an undocumented status. (The usual shape, with `classify_response`,
    /// is written in `response.rs`.)
    pub(super) fn error_table(&self, operation: &Operation, error: &proc_macro2::Ident) -> ErrorTable {
        let documented: Vec<_> = operation.errors.iter().filter_map(|e| Some((e, status_bounds(e.status)?))).collect();
        let ranges = documented.iter().map(|(_, (low, high))| quote!((#low, #high))).collect();
        let last = documented.len() - 1;
        let arms = documented
            .iter()
            .enumerate()
            .map(|(index, (response, _))| {
                let variant = ident(&response.variant);
                // The last entry takes the index pattern `_`: the runtime gives no index past
                // the table.
                let index = if index == last { quote!(_) } else { Literal::usize_unsuffixed(index).to_token_stream() };
                let pattern = quote!(ErrorStatus::Documented(#index, body));
                quote!(#pattern => Err(#error::#variant(body)),)
            })
            .collect();
        let undocumented = match self.undocumented_answer(operation, error) {
            Answer::Block(statements) => quote!({ #statements }),
            Answer::Expression(value) => value,
        };
        ErrorTable { ranges, arms, undocumented }
    }

    /// The answer to an undocumented status of a table's `decode_response`: the `default`
    /// response's body, or the common error peeked at, or the response as it came.
    pub(super) fn undocumented_answer(&self, operation: &Operation, error: &proc_macro2::Ident) -> Answer {
        let default = operation.errors.iter().find(|e| e.status == StatusMatch::Default);
        match (default, &self.api.common_error) {
            (Some(response), _) => {
                let variant = ident(&response.variant);
                let value = decode_call(&response.kind);
                Answer::Block(quote! {
                    let response = *response;
                    Err(#error::#variant(Box::new(#value)))
                })
            }
            (None, Some(_)) => Answer::Block(quote! {
                let (response, api_error) = undocumented_status(response);
                Err(#error::UnexpectedStatus(response, api_error))
            }),
            (None, None) => Answer::Expression(quote!(Err(#error::UnexpectedStatus(response)))),
        }
    }

    /// The error enum, and its one `match`: `view`, the borrowed `ErrorView` of the runtime
    /// (`runtime/src/error.rs`) from which its message, `source()`, status, headers and common
    /// error body are computed generically: one small match per operation instead of a
    /// `thiserror` `Display` arm per variant and a match per `ApiCallError` method. `sharers`
    /// are the operations whose errors it is, `operation` (its owner) first: a variant whose
    /// status they document differently says only the status, and the enum's documentation
    /// what the owner's statuses mean.
    pub(super) fn error_enum(
        &self,
        operation: &Operation,
        error: &proc_macro2::Ident,
        sharers: &[&Operation],
    ) -> TokenStream {
        let models = quote!(models::);
        let common = self.api.common_error.as_ref();
        let common_ty = common.map(|common| BodyKind::Json(crate::ir::TypeRef::Named(common.ty)));
        let agreed = |index: usize| documented_alike(sharers, index);
        let variants = operation.errors.iter().enumerate().map(|(index, response)| {
            let variant = ident(&response.variant);
            let ty = self.body_type(&response.kind, &models);
            let label = status_label(response.status);
            let doc = if agreed(index) {
                let mut doc = format!("`{label}`");
                if let Some(text) = &response.doc {
                    doc.push_str(": ");
                    doc.push_str(text);
                }
                let headers = (!response.headers.is_empty()).then(|| {
                    let names: Vec<String> = response.headers.iter().map(|h| format!("`{h}`")).collect();
                    format!("Documented headers: {}.", names.join(", "))
                });
                docs::paragraphs(&[Some(doc), headers])
            } else {
                let reason = match response.status {
                    StatusMatch::Code(code) => naming::reason_phrase(code).map(|reason| format!(" ({reason})")),
                    _ => None,
                };
                docs::outer(&format!(
                    "`{label}`{}: what it means for each operation is in that operation's error type.",
                    reason.unwrap_or_default()
                ))
            };
            // Boxed so that `Result<_, Error>` stays small however large the error body is.
            quote! {
                #doc
                #variant(Box<Response<#ty>>),
            }
        });
        let view_arms = operation.errors.iter().map(|response| {
            let variant = ident(&response.variant);
            let label = status_label(response.status);
            let reason = match response.status {
                StatusMatch::Code(code) => naming::reason_phrase(code).map(str::to_owned).unwrap_or(label),
                _ => label,
            };
            let constructor = match &response.kind {
                kind if Some(kind) == common_ty.as_ref() => quote!(common),
                BodyKind::Json(_) => quote!(json),
                BodyKind::Bytes => quote!(bytes),
                BodyKind::Empty => quote!(empty),
            };
            quote!(Self::#variant(response) => ErrorView::#constructor(#reason, response),)
        });
        let (unexpected_variant, unexpected_arm, view_ty) = match common {
            Some(common) => {
                let ty = ident(&self.api.types[common.ty.0].name);
                (
                    quote! {
                        /// A status this operation does not document: the response as received, and
                        /// its body decoded as the API's common error when it is one.
                        UnexpectedStatus(Box<RawResponse>, Option<Box<models::#ty>>),
                    },
                    quote!(Self::UnexpectedStatus(response, api_error) => ErrorView::Unexpected(response, api_error.as_deref()),),
                    quote!(ErrorView<'_, models::#ty>),
                )
            }
            None => (
                quote! {
                    /// A status this operation does not document; the response is kept as received.
                    UnexpectedStatus(Box<RawResponse>),
                },
                quote!(Self::UnexpectedStatus(response) => ErrorView::Unexpected(response, None),),
                quote!(ErrorView<'_>),
            ),
        };
        let error_trait = format_ident!("{}", naming::OPERATION_ERROR_TRAIT);
        let (paging_variant, paging_arm, paging_from) = self.paging_error(operation, error);
        let doc = match sharers {
            [_] => docs::outer(&format!("Errors of `{}`.", operation.operation_id)),
            _ => {
                let others = match sharers.len() - 1 {
                    1 => "another operation, whose error type is another name".to_owned(),
                    n => format!("{n} other operations, whose error types are other names"),
                };
                let head = format!("Errors of `{}` and of {others} for this one.", operation.operation_id);
                let own = status_meanings(operation, sharers, &format!("`{}`", operation.operation_id));
                docs::paragraphs(&[Some(head), own])
            }
        };
        quote! {
            #doc
            // Non-exhaustive: a newly documented status adds a variant without breaking matches.
            #[derive(Debug)]
            #[non_exhaustive]
            pub enum #error {
                #(#variants)*
                #unexpected_variant
                /// A response whose body could not be decoded.
                Decode(DecodeError),
                /// A parameter broke a rule of the spec; nothing was sent.
                InvalidParameter(ValidationError),
                /// No response arrived (connection, timeout, authentication exchange).
                Transport(TransportError),
                #paging_variant
            }

            impl super::#error_trait for #error {
                fn view(&self) -> #view_ty {
                    match self {
                        #(#view_arms)*
                        #unexpected_arm
                        Self::Decode(error) => ErrorView::Decode(error),
                        Self::InvalidParameter(error) => ErrorView::InvalidParameter(error),
                        Self::Transport(error) => ErrorView::Transport(error),
                        #paging_arm
                    }
                }
            }

            impl std::fmt::Display for #error {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    std::fmt::Display::fmt(&super::#error_trait::view(self), f)
                }
            }

            impl std::error::Error for #error {
                fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                    super::#error_trait::view(self).source()
                }
            }

            impl From<DecodeError> for #error {
                fn from(error: DecodeError) -> Self {
                    Self::Decode(error)
                }
            }

            impl From<ValidationError> for #error {
                fn from(error: ValidationError) -> Self {
                    Self::InvalidParameter(error)
                }
            }

            impl From<TransportError> for #error {
                fn from(error: TransportError) -> Self {
                    Self::Transport(error)
                }
            }

            #paging_from
        }
    }
}

/// What [`Emitter::error_table`] gives `decode_response`.
/// What a table's `decode_response` answers to an undocumented status, whose response arrives
/// boxed: statements of a block, or one expression.
pub(super) enum Answer {
    Block(TokenStream),
    Expression(TokenStream),
}

pub(super) struct ErrorTable {
    pub(super) ranges: Vec<TokenStream>,
    pub(super) arms: Vec<TokenStream>,
    pub(super) undocumented: TokenStream,
}

/// Whether the operations sharing an error enum (see [`Emitter::error_enum`]) describe its
/// variant at `index` alike, description and headers.
fn documented_alike(sharers: &[&Operation], index: usize) -> bool {
    let first = &sharers[0].errors[index];
    sharers.iter().all(|op| op.errors[index].doc == first.doc && op.errors[index].headers == first.headers)
}

/// What `operation`'s documented error statuses mean (`What its statuses mean for SUBJECT:`
/// and a list), for the documentation of a name of an enum it shares with `sharers`; `None`
/// when the enum's variants already say it for every sharer, or the spec describes none.
pub(super) fn status_meanings(operation: &Operation, sharers: &[&Operation], subject: &str) -> Option<String> {
    if (0..operation.errors.len()).all(|index| documented_alike(sharers, index)) {
        return None;
    }
    let statuses: Vec<String> =
        operation.errors.iter().filter_map(|response| Some(format!("- {}", variant_doc(response)?))).collect();
    (!statuses.is_empty()).then(|| format!("What its statuses mean for {subject}:\n\n{}", statuses.join("\n")))
}

/// What a documented error status means, as the spec describes it (`` `404`: The cluster does
/// not exist.``); `None` when the spec does not.
fn variant_doc(response: &ErrorResponse) -> Option<String> {
    let text = response.doc.as_deref()?.trim();
    (!text.is_empty()).then(|| format!("`{}`: {text}", status_label(response.status)))
}

pub(super) fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(range) => format!("{range}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

/// Whether `decode_response` hands the documented error statuses to the runtime's
/// `documented_error` as a table: when there are at least two and their bodies are all JSON of
/// the same type (so one instance of the generic decoder serves them all). Otherwise each gets
/// a match arm.
pub(super) fn uses_error_table(operation: &Operation) -> bool {
    let mut kinds = operation.errors.iter().filter(|e| e.status != StatusMatch::Default).map(|e| &e.kind);
    match kinds.next() {
        Some(first @ BodyKind::Json(_)) => {
            let rest: Vec<&BodyKind> = kinds.collect();
            !rest.is_empty() && rest.iter().all(|kind| *kind == first)
        }
        _ => false,
    }
}
