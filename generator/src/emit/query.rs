//! The query part of a request builder's `build()`: each query parameter's pairs, written by
//! its `style` and `explode` (repeated, delimited, deep-object or exploded-object pairs).

use proc_macro2::TokenStream;
use quote::quote;

use super::models::ident;
use super::Emitter;
use crate::ir::{Param, ParamStyle, ParamType};

impl Emitter<'_> {
    /// Statements appending the pairs of one query parameter, when it is set, to `query`.
    pub(super) fn query_push(&self, param: &Param) -> TokenStream {
        let name = ident(&param.name);
        let wire = &param.wire_name;
        // A scalar is written by its `Display` (for a string enum, its wire value) in one runtime
        // call, compiled once per value type rather than spelled out per parameter.
        if !matches!(param.ty, ParamType::Object(_) | ParamType::List(_)) {
            return if param.required {
                quote!(runtime::request::push_query(&mut query, #wire, &self.#name);)
            } else {
                quote!(runtime::request::push_optional_query(&mut query, #wire, &self.#name);)
            };
        }
        let write = match &param.ty {
            ParamType::Object(_) => {
                let style = match param.style {
                    ParamStyle::DeepObject => quote!(DeepObject),
                    ParamStyle::Json => quote!(Json),
                    ParamStyle::Form { explode: false } => quote!(Form { explode: false }),
                    _ => quote!(Form { explode: true }),
                };
                quote!(runtime::request::push_object(&mut query, #wire, runtime::request::ObjectStyle::#style, value)?;)
            }
            ParamType::List(item) => {
                let text = self.query_text(item, wire, quote!(item));
                match list_delimiter(param.style) {
                    None => quote! {
                        for item in value {
                            query.push(runtime::QueryPair::new(#wire, #text));
                        }
                    },
                    // An empty list sends nothing, as an exploded one does.
                    Some(delimiter) => quote! {
                        if !value.is_empty() {
                            let mut joined = Vec::with_capacity(value.len());
                            for item in value {
                                joined.push(#text);
                            }
                            query.push(runtime::QueryPair::new(#wire, joined.join(#delimiter)));
                        }
                    },
                }
            }
            scalar => {
                let text = self.query_text(scalar, wire, quote!(value));
                quote!(query.push(runtime::QueryPair::new(#wire, #text));)
            }
        };
        if param.required {
            quote!({ let value = &self.#name; #write })
        } else {
            quote!(if let Some(value) = &self.#name { #write })
        }
    }

    /// The owned text of one value (a reference) of a query parameter.
    fn query_text(&self, ty: &ParamType, wire: &str, value: TokenStream) -> TokenStream {
        match ty {
            ParamType::Object(_) => quote!(runtime::request::value_text(#wire, #value)?),
            other => self.owned_text(other, value),
        }
    }
}

/// What joins a list's values into one: `None` when each value is a pair of its own.
fn list_delimiter(style: ParamStyle) -> Option<&'static str> {
    match style {
        ParamStyle::Form { explode: false } | ParamStyle::Simple { .. } => Some(","),
        ParamStyle::SpaceDelimited => Some(" "),
        ParamStyle::PipeDelimited => Some("|"),
        ParamStyle::Form { explode: true } | ParamStyle::DeepObject | ParamStyle::Json => None,
    }
}
