//! What an operation sends: the request builder's parameter and body types, its setters'
//! conversions, and `build()`, which checks every parameter before anything is sent.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::models::ident;
use super::Emitter;
use crate::ir::{BodyKind, FloatWidth, IntWidth, Operation, Param, ParamLocation, ParamType, PathPart};

impl Emitter<'_> {
    pub(super) fn param_type(&self, ty: &ParamType) -> TokenStream {
        self.param_type_in(ty, &quote!(models::))
    }

    /// [`Emitter::param_type`] with `models` as the path prefix of the models module.
    fn param_type_in(&self, ty: &ParamType, models: &TokenStream) -> TokenStream {
        match ty {
            ParamType::String => quote!(String),
            ParamType::Bool => quote!(bool),
            ParamType::Integer(IntWidth::I32) => quote!(i32),
            ParamType::Integer(IntWidth::I64) => quote!(i64),
            ParamType::Number(FloatWidth::F32) => quote!(f32),
            ParamType::Number(FloatWidth::F64) => quote!(f64),
            ParamType::Enum(id) => {
                let name = ident(&self.api.types[id.0].name);
                quote!(#models #name)
            }
            ParamType::List(inner) => {
                let inner = self.param_type_in(inner, models);
                quote!(Vec<#inner>)
            }
            ParamType::Object(ty) => self.type_tokens(ty, models),
        }
    }

    /// What setters and `new` accept: strings and enums through `Into`, lists as iterators.
    pub(super) fn setter_type(&self, ty: &ParamType) -> TokenStream {
        self.setter_type_in(ty, &quote!(models::))
    }

    /// [`Emitter::setter_type`] with `models` as the path prefix of the models module.
    pub(super) fn setter_type_in(&self, ty: &ParamType, models: &TokenStream) -> TokenStream {
        match ty {
            ParamType::String => quote!(impl Into<String>),
            ParamType::Enum(_) => {
                let ty = self.param_type_in(ty, models);
                quote!(impl Into<#ty>)
            }
            ParamType::List(inner) => {
                let inner = self.param_type_in(inner, models);
                quote!(impl IntoIterator<Item = #inner>)
            }
            other => self.param_type_in(other, models),
        }
    }

    pub(super) fn setter_conversion(&self, ty: &ParamType, value: TokenStream) -> TokenStream {
        match ty {
            ParamType::String | ParamType::Enum(_) => quote!(#value.into()),
            ParamType::List(_) => quote!(#value.into_iter().collect()),
            _ => value,
        }
    }

    pub(super) fn body_type(&self, kind: &BodyKind, models: &TokenStream) -> TokenStream {
        match kind {
            BodyKind::Json(ty) => self.type_tokens(ty, models),
            BodyKind::Bytes => quote!(Vec<u8>),
            BodyKind::Empty => quote!(()),
        }
    }

    /// `build`: validation of every parameter, then the request parts.
    pub(super) fn build_fn(&self, operation: &Operation) -> TokenStream {
        // A run of required strings checked only against a pattern (Atlas's path identifiers)
        // is one runtime call over a table; other checks are one call each, in parameter order.
        let mut checks: Vec<TokenStream> = Vec::new();
        let mut pattern_run: Vec<TokenStream> = Vec::new();
        for param in &operation.params {
            let name = ident(&param.name);
            if let Some(entry) = self.pattern_only_check(param) {
                pattern_run.push(entry);
                continue;
            }
            let param_checks = if param.required {
                self.param_checks(param, quote!(self.#name), false)
            } else {
                self.param_checks(param, quote!(value), true)
            };
            // A parameter without rules checks nothing, so it does not end the run.
            if param_checks.is_empty() {
                continue;
            }
            checks.extend(Self::pattern_checks(std::mem::take(&mut pattern_run)));
            checks.push(if param.required {
                param_checks
            } else {
                quote! {
                    if let Some(value) = &self.#name {
                        #param_checks
                    }
                }
            });
        }
        checks.extend(Self::pattern_checks(pattern_run));

        // The path is its literal parts with the parameter segments between them, made by one
        // runtime call.
        let mut literals: Vec<String> = vec![String::new()];
        let mut segments: Vec<TokenStream> = Vec::new();
        for part in &operation.path {
            match part {
                PathPart::Literal(text) => literals.last_mut().expect("starts with one").push_str(text),
                PathPart::Param(index) => {
                    let param = &operation.params[*index];
                    let name = ident(&param.name);
                    let wire = &param.wire_name;
                    let text = self.scalar_text(&param.ty, quote!(self.#name));
                    segments.push(quote!((#wire, #text)));
                    literals.push(String::new());
                }
            }
        }
        let path = if segments.is_empty() {
            let literal = &literals[0];
            quote!(let path = #literal.to_owned();)
        } else {
            if literals.last().is_some_and(String::is_empty) {
                literals.pop();
            }
            quote!(let path = runtime::request::path(&[#(#literals),*], &[#(#segments),*])?;)
        };

        let query_params: Vec<&Param> =
            operation.params.iter().filter(|p| p.location == ParamLocation::Query).collect();
        let query_init = if query_params.is_empty() {
            quote!(let query = Vec::new();)
        } else {
            let count = Literal::usize_unsuffixed(query_params.len());
            quote!(let mut query = Vec::with_capacity(#count);)
        };
        let query_pushes = query_params.iter().map(|param| self.query_push(param));

        let header_params: Vec<&Param> =
            operation.params.iter().filter(|p| p.location == ParamLocation::Header).collect();
        let headers_init = if header_params.is_empty() {
            quote!(let headers = Vec::new();)
        } else {
            quote!(let mut headers = Vec::new();)
        };
        let header_pushes = header_params.iter().map(|param| self.header_push(param));

        let accept = match &operation.success.media_type {
            _ if operation.success.alternatives.is_some() => quote!(Some(self.accept.as_str())),
            Some(_) => quote!(Some(Self::ACCEPT)),
            None => quote!(None),
        };
        let body = match &operation.body {
            None => quote!(None),
            Some(body) => {
                let make = self.request_body_encoding(body);
                if body.required {
                    quote!({ let body = &self.body; Some(#make) })
                } else {
                    quote!(match &self.body { Some(body) => Some(#make), None => None })
                }
            }
        };
        let method = if operation.method.is_standard() {
            quote!(Self::METHOD)
        } else {
            quote!(runtime::request::extension_method(Self::METHOD))
        };
        quote! {
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            #[inline]
            pub fn build(&self) -> Result<Request, ValidationError> {
                #(#checks)*
                #path
                #query_init
                #(#query_pushes)*
                #headers_init
                #(#header_pushes)*
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: #method,
                    path_template: Self::PATH,
                    path,
                    query,
                    headers,
                    accept: #accept,
                    body: #body,
                })
            }
        }
    }

    /// The entry of a required string parameter whose only rule is a pattern, for
    /// `runtime::validation::patterns`: (name, value, pattern, compiled check).
    fn pattern_only_check(&self, param: &Param) -> Option<TokenStream> {
        let rules = &param.rules;
        let pattern_only = param.required
            && param.ty == ParamType::String
            && rules.min_length.is_none()
            && rules.max_length.is_none()
            && rules.allowed.is_empty();
        let pattern = &self.api.patterns[rules.pattern.filter(|_| pattern_only)?.0];
        let (name, wire, source) = (ident(&param.name), &param.wire_name, &pattern.source);
        let function = ident(&pattern.function);
        Some(quote!((#wire, &self.#name, #source, patterns::#function)))
    }

    /// The checks of a run of pattern-only parameters: one `pattern` call for one, one
    /// `patterns` call over a table for several, nothing for none.
    fn pattern_checks(run: Vec<TokenStream>) -> Option<TokenStream> {
        match run.len() {
            0 => None,
            // An entry is a parenthesised (name, value, source, check), which is also
            // `pattern`'s argument list.
            1 => Some(quote!(runtime::validation::pattern #(#run)*?;)),
            _ => Some(quote!(runtime::validation::patterns(&[#(#run),*])?;)),
        }
    }

    /// Calls `push` for the parameter's value (or each value of a list), when present.
    pub(super) fn for_each_value(
        &self,
        param: &Param,
        push: impl Fn(TokenStream, &ParamType) -> TokenStream,
    ) -> TokenStream {
        let name = ident(&param.name);
        let (item_ty, is_list) = match &param.ty {
            ParamType::List(inner) => (&**inner, true),
            other => (other, false),
        };
        let body = push(quote!(value), item_ty);
        match (param.required, is_list) {
            (true, false) => quote!({ let value = &self.#name; #body }),
            (false, false) => quote!(if let Some(value) = &self.#name { #body }),
            (true, true) => quote!(for value in &self.#name { #body }),
            (false, true) => quote!(if let Some(values) = &self.#name { for value in values { #body } }),
        }
    }

    /// A `&str` view of a scalar parameter value (for path segments); `place` is a field.
    fn scalar_text(&self, ty: &ParamType, place: TokenStream) -> TokenStream {
        match ty {
            ParamType::String => quote!(&#place),
            ParamType::Enum(_) => quote!(#place.as_str()),
            _ => quote!(&#place.to_string()),
        }
    }

    /// An owned `String` of a scalar parameter value; `value` is a reference.
    pub(super) fn owned_text(&self, ty: &ParamType, value: TokenStream) -> TokenStream {
        match ty {
            ParamType::String => quote!(#value.clone()),
            ParamType::Enum(_) => quote!(#value.as_str().to_owned()),
            _ => quote!(#value.to_string()),
        }
    }

    /// Validation calls for one parameter whose value is `value` (a reference when `is_ref`).
    fn param_checks(&self, param: &Param, value: TokenStream, is_ref: bool) -> TokenStream {
        let wire = &param.wire_name;
        let rules = &param.rules;
        let (item_ty, is_list) = match &param.ty {
            ParamType::List(inner) => (&**inner, true),
            other => (other, false),
        };
        let (item, item_is_ref) = if is_list { (quote!(item), true) } else { (value.clone(), is_ref) };
        let (text, number) = if item_is_ref { (item.clone(), quote!(*#item)) } else { (quote!(&#item), item.clone()) };
        let mut checks = Vec::new();
        match item_ty {
            ParamType::String => {
                if let Some(pattern) = rules.pattern {
                    let pattern = &self.api.patterns[pattern.0];
                    let source = &pattern.source;
                    let function = ident(&pattern.function);
                    checks.push(quote!(runtime::validation::pattern(#wire, #text, #source, patterns::#function)?;));
                }
                if rules.min_length.is_some() || rules.max_length.is_some() {
                    let min = option_u64(rules.min_length);
                    let max = option_u64(rules.max_length);
                    checks.push(quote!(runtime::validation::length(#wire, #text, #min, #max)?;));
                }
                if !rules.allowed.is_empty() {
                    let allowed = &rules.allowed;
                    checks.push(quote!(runtime::validation::one_of(#wire, #text, &[#(#allowed),*])?;));
                }
            }
            ParamType::Integer(_) | ParamType::Number(_) => {
                let as_f64 = match item_ty {
                    ParamType::Integer(IntWidth::I64) => quote!(#number as f64),
                    ParamType::Number(FloatWidth::F64) => number.clone(),
                    _ => quote!(f64::from(#number)),
                };
                if let Some(bound) = rules.minimum {
                    let (value, exclusive) = (bound.value, bound.exclusive);
                    checks.push(quote!(runtime::validation::minimum(#wire, #as_f64, #value, #exclusive)?;));
                }
                if let Some(bound) = rules.maximum {
                    let (value, exclusive) = (bound.value, bound.exclusive);
                    checks.push(quote!(runtime::validation::maximum(#wire, #as_f64, #value, #exclusive)?;));
                }
                if let Some(factor) = rules.multiple_of {
                    checks.push(quote!(runtime::validation::multiple_of(#wire, #as_f64, #factor)?;));
                }
            }
            ParamType::Bool | ParamType::Enum(_) | ParamType::List(_) | ParamType::Object(_) => {}
        }
        if !is_list {
            return quote!(#(#checks)*);
        }
        let count_check = (rules.min_items.is_some() || rules.max_items.is_some()).then(|| {
            let min = option_u64(rules.min_items);
            let max = option_u64(rules.max_items);
            quote!(runtime::validation::items(#wire, #value.len(), #min, #max)?;)
        });
        let values = if is_ref { value.clone() } else { quote!(&#value) };
        let loop_checks = (!checks.is_empty()).then(|| quote!(for item in #values { #(#checks)* }));
        quote!(#count_check #loop_checks)
    }
}

/// The expression telling whether the caller asked for the envelope, when the operation has an
/// envelope parameter.
pub(super) fn envelope_asked(operation: &Operation) -> Option<TokenStream> {
    let param = &operation.params[operation.envelope_param?];
    let name = ident(&param.name);
    Some(if param.required { quote!(self.#name) } else { quote!(self.#name == Some(true)) })
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
