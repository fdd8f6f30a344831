//! What an operation sends: the request builder's parameter and body types, its setters'
//! conversions, and `build()`, which checks every parameter before anything is sent.

use proc_macro2::TokenStream;
use quote::quote;

use super::models::ident;
use super::written::{write_ref_self, write_signature, write_typed};
use super::Emitter;
use crate::ir::{BodyKind, FloatWidth, IntWidth, Operation, Param, ParamLocation, ParamType, PathPart};
use crate::print::{Opening, Trailing, Writer};

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

    /// `build`: validation of every parameter, then the request parts; an item of the
    /// builder's impl, after a blank line.
    pub(super) fn write_build_fn(&self, w: &mut Writer<'_>, operation: &Operation) {
        w.blank_line();
        w.doc(" Checks every parameter against the rules of the spec, then builds the request.");
        w.doc(" Nothing is sent; an invalid parameter is reported before any I/O.");
        w.attribute(|w| w.token("inline"));
        w.token("pub");
        w.space();
        write_signature(w, "build", 1, |w, _| write_ref_self(w), &|w| {
            w.token("Result");
            w.generics(true, true, 2, |w, i| w.token(["Request", "ValidationError"][i]));
        });
        w.block(|w| {
            // A run of required strings checked only against a pattern (Atlas's path
            // identifiers) is one runtime call over a table; other checks are one call each, in
            // parameter order.
            let mut pattern_run: Vec<(&Param, &crate::ir::Pattern)> = Vec::new();
            for param in &operation.params {
                if let Some(pattern) = self.pattern_only(param) {
                    pattern_run.push((param, pattern));
                    continue;
                }
                let name = ident(&param.name);
                let param_checks = if param.required {
                    self.param_checks(param, quote!(self.#name), false)
                } else {
                    self.param_checks(param, quote!(value), true)
                };
                // A parameter without rules checks nothing, so it does not end the run.
                if param_checks.is_empty() {
                    continue;
                }
                write_pattern_checks(w, &std::mem::take(&mut pattern_run));
                w.token_statements(if param.required {
                    param_checks
                } else {
                    quote! {
                        if let Some(value) = &self.#name {
                            #param_checks
                        }
                    }
                });
            }
            write_pattern_checks(w, &pattern_run);
            self.write_path(w, operation);

            let query_params: Vec<&Param> =
                operation.params.iter().filter(|p| p.location == ParamLocation::Query).collect();
            w.hard_line();
            if query_params.is_empty() {
                write_let(w, "query", &|w| {
                    w.token("Vec::new");
                    w.token("(");
                    w.token(")");
                });
            } else {
                write_let(w, "mut query", &|w| {
                    w.token("Vec::with_capacity");
                    let count = query_params.len().to_string();
                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.word(&count));
                });
            }
            for param in query_params {
                self.write_query_push(w, param);
            }
            let header_params: Vec<&Param> =
                operation.params.iter().filter(|p| p.location == ParamLocation::Header).collect();
            w.hard_line();
            write_let(w, if header_params.is_empty() { "headers" } else { "mut headers" }, &|w| {
                w.token("Vec::new");
                w.token("(");
                w.token(")");
            });
            for param in header_params {
                w.token_statements(self.header_push(param));
            }
            w.hard_line();
            self.write_request(w, operation);
        });
    }

    /// The statement making the path: its literal parts with the parameter segments between
    /// them, made by one runtime call.
    fn write_path(&self, w: &mut Writer<'_>, operation: &Operation) {
        let mut literals: Vec<String> = vec![String::new()];
        let mut segments: Vec<(&str, TokenStream)> = Vec::new();
        for part in &operation.path {
            match part {
                PathPart::Literal(text) => literals.last_mut().expect("starts with one").push_str(text),
                PathPart::Param(index) => {
                    let param = &operation.params[*index];
                    let name = ident(&param.name);
                    segments.push((&param.wire_name, self.scalar_text(&param.ty, quote!(self.#name))));
                    literals.push(String::new());
                }
            }
        }
        w.hard_line();
        if segments.is_empty() {
            write_let(w, "path", &|w| {
                w.string(&literals[0]);
                w.token(".");
                w.token("to_owned");
                w.token("(");
                w.token(")");
            });
            return;
        }
        if literals.last().is_some_and(String::is_empty) {
            literals.pop();
        }
        write_let(w, "path", &|w| {
            w.token("runtime::request::path");
            w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| {
                w.token("&");
                if i == 0 {
                    let trailing = if literals.len() > 1 { Trailing::Comma } else { Trailing::Nothing };
                    w.list(("[", "]"), literals.len(), trailing, Opening::Soft, |w, i| w.string(&literals[i]));
                } else {
                    let trailing = if segments.len() > 1 { Trailing::Comma } else { Trailing::Nothing };
                    w.list(("[", "]"), segments.len(), trailing, Opening::Soft, |w, i| {
                        let (wire, text) = &segments[i];
                        w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| {
                            if i == 0 {
                                w.string(wire);
                            } else {
                                w.tokens(text.clone());
                            }
                        });
                    });
                }
            });
            w.token("?");
        });
    }

    /// A scalar query parameter in one runtime call; others as tokens (see `query_push`).
    fn write_query_push(&self, w: &mut Writer<'_>, param: &Param) {
        if matches!(param.ty, ParamType::Object(_) | ParamType::List(_)) {
            w.token_statements(self.query_push(param));
            return;
        }
        // A scalar is written by its `Display` (for a string enum, its wire value) in one
        // runtime call, compiled once per value type rather than spelled out per parameter.
        w.hard_line();
        w.token(if param.required { "runtime::request::push_query" } else { "runtime::request::push_optional_query" });
        w.list(("(", ")"), 3, Trailing::Comma, Opening::Soft, |w, i| match i {
            0 => {
                w.token("&");
                w.token("mut");
                w.space();
                w.token("query");
            }
            1 => w.string(&param.wire_name),
            _ => {
                w.token("&");
                w.token("self");
                w.token(".");
                w.word(&param.name);
            }
        });
        w.token(";");
    }

    /// `Ok(Request { ... })`, the end of `build`.
    fn write_request(&self, w: &mut Writer<'_>, operation: &Operation) {
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
        // The only argument is a struct literal: the call stays on its line and the literal
        // breaks, as the layout writes it.
        w.token("Ok");
        w.token("(");
        w.token("Request");
        w.space();
        let secrets = &operation.secrets;
        let secrets = quote!(&[#(#secrets),*]);
        let fields: [(&str, Option<&TokenStream>); 9] = [
            ("operation_id: Self::OPERATION_ID", None),
            ("method", Some(&method)),
            ("path_template: Self::PATH", None),
            ("path", None),
            ("query", None),
            ("headers", None),
            ("accept", Some(&accept)),
            ("body", Some(&body)),
            ("secrets", Some(&secrets)),
        ];
        w.list(("{", "}"), fields.len(), Trailing::Comma, Opening::Spaced, |w, i| match fields[i] {
            (name, None) => match name.split_once(": ") {
                Some((field, value)) => write_typed(w, field, &|w| w.word(value)),
                None => w.word(name),
            },
            (name, Some(value)) => write_typed(w, name, &|w| w.tokens(value.clone())),
        });
        w.token(")");
    }

    /// The pattern of a required string parameter whose only rule is a pattern, checked in a
    /// run with others by `runtime::validation::patterns`.
    fn pattern_only(&self, param: &Param) -> Option<&crate::ir::Pattern> {
        let rules = &param.rules;
        // A secret's checks stay apart: their errors are redacted (see `param_checks`).
        let pattern_only = param.required
            && !param.secret
            && param.ty == ParamType::String
            && rules.min_length.is_none()
            && rules.max_length.is_none()
            && rules.allowed.is_empty();
        Some(&self.api.patterns[rules.pattern.filter(|_| pattern_only)?.0])
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
        // A secret's error names the parameter, never its value.
        let fail = if param.secret { quote!(.map_err(ValidationError::redacted)?) } else { quote!(?) };
        let mut checks = Vec::new();
        match item_ty {
            ParamType::String => {
                if let Some(pattern) = rules.pattern {
                    let pattern = &self.api.patterns[pattern.0];
                    let source = &pattern.source;
                    let function = ident(&pattern.function);
                    checks
                        .push(quote!(runtime::validation::pattern(#wire, #text, #source, patterns::#function) #fail;));
                }
                if rules.min_length.is_some() || rules.max_length.is_some() {
                    let min = option_u64(rules.min_length);
                    let max = option_u64(rules.max_length);
                    checks.push(quote!(runtime::validation::length(#wire, #text, #min, #max) #fail;));
                }
                if !rules.allowed.is_empty() {
                    let allowed = &rules.allowed;
                    checks.push(quote!(runtime::validation::one_of(#wire, #text, &[#(#allowed),*]) #fail;));
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
                    checks.push(quote!(runtime::validation::minimum(#wire, #as_f64, #value, #exclusive) #fail;));
                }
                if let Some(bound) = rules.maximum {
                    let (value, exclusive) = (bound.value, bound.exclusive);
                    checks.push(quote!(runtime::validation::maximum(#wire, #as_f64, #value, #exclusive) #fail;));
                }
                if let Some(factor) = rules.multiple_of {
                    checks.push(quote!(runtime::validation::multiple_of(#wire, #as_f64, #factor) #fail;));
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

/// The checks of a run of pattern-only parameters: one `pattern` call for one, one
/// `patterns` call over a table of (name, value, pattern, compiled check) for several, nothing
/// for none.
fn write_pattern_checks(w: &mut Writer<'_>, run: &[(&Param, &crate::ir::Pattern)]) {
    let entry = |w: &mut Writer<'_>, (param, pattern): (&Param, &crate::ir::Pattern)| {
        w.list(("(", ")"), 4, Trailing::Comma, Opening::Soft, |w, i| match i {
            0 => w.string(&param.wire_name),
            1 => {
                w.token("&");
                w.token("self");
                w.token(".");
                w.word(&param.name);
            }
            2 => w.string(&pattern.source),
            _ => w.joined(&["patterns::", &*pattern.function]),
        });
    };
    match run {
        [] => return,
        [one] => {
            w.hard_line();
            w.token("runtime::validation::pattern");
            entry(w, *one);
        }
        many => {
            w.hard_line();
            w.token("runtime::validation::patterns");
            w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| {
                w.token("&");
                w.list(("[", "]"), many.len(), Trailing::Comma, Opening::Soft, |w, i| entry(w, many[i]));
            });
        }
    }
    w.token("?");
    w.token(";");
}

/// `let name = value;`
fn write_let(w: &mut Writer<'_>, name: &str, value: &dyn Fn(&mut Writer<'_>)) {
    w.token("let");
    w.space();
    w.word(name);
    w.space();
    w.token("=");
    w.space();
    value(w);
    w.token(";");
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
