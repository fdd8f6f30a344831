//! The header part of a request builder's `build()`: each header parameter's value, written
//! by the `simple` style (a list one header per value, an object one value of its keys and
//! values), checked to hold no control characters.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::{Param, ParamStyle, ParamType};

impl Emitter<'_> {
    /// Statements appending the header (or headers, one per list item) of one header
    /// parameter, when it is set, to `headers`.
    pub(super) fn header_push(&self, param: &Param) -> TokenStream {
        let wire = &param.wire_name;
        let explode = matches!(param.style, ParamStyle::Simple { explode: true });
        self.for_each_value(param, |value, ty| {
            let text = match ty {
                ParamType::Object(_) => quote!(runtime::request::object_header(#wire, #explode, #value)?),
                other => {
                    let text = self.owned_text(other, value);
                    // A secret's error names the header, never its value.
                    let fail = if param.secret { quote!(.map_err(ValidationError::redacted)?) } else { quote!(?) };
                    quote!(runtime::request::header_value(#wire, #text) #fail)
                }
            };
            quote!(headers.push((#wire, #text));)
        })
    }
}
