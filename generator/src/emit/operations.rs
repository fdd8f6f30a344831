//! Operation modules: for each operation a request builder that validates its parameters,
//! a response decoder, and an error enum.
//!
//! For `getBackupRestoreJob` the emitted shape is:
//!
//! ```text
//! pub struct GetBackupRestoreJob { group_id: String, ..., envelope: Option<bool>, ... }
//! impl GetBackupRestoreJob {
//!     pub fn new(group_id, cluster_name, restore_job_id) -> Self;
//!     pub fn envelope(self, bool) -> Self;
//!     pub fn build(&self) -> Result<Request, ValidationError>;
//!     pub fn decode_response(&self, RawResponse) -> Result<Response<models::X>, GetBackupRestoreJobError>;
//! }
//! pub enum GetBackupRestoreJobError { Unauthorized(Response<models::ApiError>), ..., UnexpectedStatus(RawResponse), Decode(DecodeError), InvalidParameter(ValidationError) }
//! ```

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, ToTokens};

use super::models::{ident, CLIPPY_MAX_ARGUMENTS};
use super::{Emitter, ExternalCrate, RuntimeSource};
use crate::ir::{
    Alternatives, BodyKind, FloatWidth, IntWidth, Operation, Param, ParamLocation, ParamType, PathPart, StatusMatch,
};
use crate::naming;

impl Emitter<'_> {
    /// The imports of one group's operations module.
    pub fn group_prelude(&self, operations: &[&Operation]) -> TokenStream {
        let runtime = self.runtime_path(2);
        let uses_models = operations.iter().any(|op| self.operation_uses_models(op));
        let models_use = uses_models.then(|| {
            quote!(
                use super::super::models;
            )
        });
        let has_patterns = operations.iter().any(|op| op.params.iter().any(|p| p.rules.pattern.is_some()));
        let patterns_use = has_patterns.then(|| {
            quote!(
                use super::super::patterns;
            )
        });
        // The decoders the group's operations call, imported by name so that calls read short;
        // only those in use, or the import would warn.
        let kind_index = |kind: &BodyKind| match kind {
            BodyKind::Json(_) => 0,
            BodyKind::Bytes => 1,
            BodyKind::Empty => 2,
        };
        let mut decoded = [false; 3];
        let mut error_table = false;
        let mut error_status = false;
        let mut classified = false;
        for operation in operations {
            // The statuses of an error table are decoded by the runtime.
            let table = uses_error_table(operation);
            error_table |= table;
            error_status |= table && operation.success.by_status.is_some();
            classified |= table && operation.success.by_status.is_none();
            let errors = operation.errors.iter().filter(|e| !table || e.status == StatusMatch::Default);
            let success = operation.success_kinds();
            for kind in success.chain(errors.map(|e| &e.kind)) {
                decoded[kind_index(kind)] = true;
            }
        }
        let envelope = operations
            .iter()
            .any(|op| op.envelope_param.is_some() && !(uses_error_table(op) && op.success.by_status.is_none()));
        let peeks = self.api.common_error.is_some()
            && operations.iter().any(|op| !op.errors.iter().any(|e| e.status == StatusMatch::Default));
        let names = [
            (decoded[0], "decode_json"),
            (decoded[1], "decode_bytes"),
            (decoded[2], "decode_empty"),
            (error_status, "error_status"),
            (classified, "classify_response"),
            (error_table, "ErrorStatus"),
            (envelope, "unwrap_envelope"),
            (peeks, "undocumented_status"),
        ];
        let imports = names.into_iter().filter(|(used, _)| *used).map(|(_, name)| format_ident!("{name}"));
        quote! {
            #models_use
            #patterns_use
            use #runtime::response::{#(#imports),*};
            use #runtime::{self as runtime, DecodeError, ErrorView, RawResponse, Request, Response, TransportError, ValidationError};
        }
    }

    fn operation_uses_models(&self, operation: &Operation) -> bool {
        let json_named = |kind: &BodyKind| matches!(kind, BodyKind::Json(ty) if mentions_models(ty));
        // Every error enum names the common error type, in `UnexpectedStatus` or `api_error`.
        self.api.common_error.is_some()
            || operation.params.iter().any(|p| param_uses_models(&p.ty))
            || operation.body_kinds().any(json_named)
            || operation.item_type().is_some_and(mentions_models)
    }

    pub fn operation(&self, operation: &Operation) -> TokenStream {
        let builder = ident(&operation.type_name);
        let error = ident(&operation.error_name);
        let summary_line = format!("`{} {}`", operation.method.as_str(), operation.path_template);
        let deprecated = operation.deprecated.then(|| quote!(#[deprecated]));
        let doc = self.docs.paragraphs(&[operation.summary.clone(), operation.description.clone(), Some(summary_line)]);

        let required: Vec<&Param> = self.required_params(operation);
        let fields = operation.params.iter().map(|param| {
            let name = ident(&param.name);
            let ty = self.param_type(&param.ty);
            let doc = self.docs.outer(param.doc.as_deref().unwrap_or(""));
            if param.required {
                quote!(#doc #name: #ty,)
            } else {
                quote!(#doc #name: Option<#ty>,)
            }
        });
        let body_field = operation.body.as_ref().map(|body| {
            let ty = self.request_body_type(body);
            let doc = self.request_body_doc(body);
            if body.required {
                quote!(#doc body: #ty,)
            } else {
                quote!(#doc body: Option<#ty>,)
            }
        });

        let new_args = required.iter().map(|param| {
            let name = ident(&param.name);
            let ty = self.setter_type(&param.ty);
            quote!(#name: #ty)
        });
        let body_arg = operation.body.as_ref().filter(|b| b.required).map(|body| {
            let ty = self.request_body_type(body);
            quote!(body: #ty)
        });
        let new_args: Vec<TokenStream> = new_args.chain(body_arg).collect();
        let long = (new_args.len() > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let new_fields = operation.params.iter().map(|param| {
            let name = ident(&param.name);
            if param.required {
                match &param.ty {
                    // Taken as is: the shorthand, as clippy wants it.
                    ParamType::Bool | ParamType::Integer(_) | ParamType::Number(_) | ParamType::Object(_) => {
                        quote!(#name,)
                    }
                    ty => {
                        let value = self.setter_conversion(ty, quote!(#name));
                        quote!(#name: #value,)
                    }
                }
            } else {
                quote!(#name: None,)
            }
        });
        let new_body =
            operation.body.as_ref().map(|body| if body.required { quote!(body,) } else { quote!(body: None,) });
        let alternatives = operation.success.alternatives.as_ref();
        let accept_field = alternatives.map(|a| {
            let media_enum = ident(&a.media_enum);
            quote! {
                /// The media type to ask for.
                accept: #media_enum,
            }
        });
        let new_accept = alternatives.map(|a| {
            let media_enum = ident(&a.media_enum);
            let default = ident(&a.bodies[0].variant);
            quote!(accept: #media_enum::#default,)
        });
        let accept_setter = alternatives.map(|a| {
            let media_enum = ident(&a.media_enum);
            let mut doc = format!("The media type to ask for (default `{}`)", a.bodies[0].media_type);
            match &a.body_enum {
                Some(body_enum) => {
                    doc.push_str(&format!("; a success body decodes as the matching variant of `{body_enum}`."));
                }
                None => doc.push('.'),
            }
            let doc = self.docs.outer(&doc);
            quote! {
                #doc
                pub fn accept(mut self, media_type: #media_enum) -> Self {
                    self.accept = media_type;
                    self
                }
            }
        });
        let alternative_enums = alternatives.map(|a| self.alternative_enums(operation, a));
        let status_enum = operation.success.by_status.as_ref().map(|s| self.status_enum(operation, s));
        let multipart_struct = match operation.body.as_ref().map(|body| &body.encoding) {
            Some(crate::ir::BodyEncoding::Multipart(Some(parts))) => Some(self.multipart_struct(operation, parts)),
            _ => None,
        };

        let setters = operation.params.iter().filter(|p| !p.required).map(|param| {
            let name = ident(&param.name);
            let ty = self.setter_type(&param.ty);
            let value = self.setter_conversion(&param.ty, quote!(#name));
            let default = param.default.as_ref().map(|d| format!("Default: `{d}`."));
            let doc = self.docs.paragraphs(&[param.doc.clone(), default]);
            let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
            quote! {
                #doc
                #deprecated
                pub fn #name(mut self, #name: #ty) -> Self {
                    self.#name = Some(#value);
                    self
                }
            }
        });
        let body_setter = operation.body.as_ref().filter(|b| !b.required).map(|body| {
            let ty = self.request_body_type(body);
            let doc = self.request_body_doc(body);
            quote! {
                #doc
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = Some(body);
                    self
                }
            }
        });

        let client_entry = self.client_entry(operation, &required);
        let paging = self.paging(operation);
        let streaming = self.streaming(operation);
        let build = self.build_fn(operation);
        let decode = self.decode_fn(operation, &error);
        let error_enum = self.error_enum(operation, &error);
        let method = format_ident!("{}", operation.method.as_str());
        let path_template = &operation.path_template;
        let operation_id = &operation.operation_id;
        let accept_const = operation.success.media_type.as_ref().map(|media| {
            quote! {
                /// The media type this operation asks for in `Accept`.
                pub const ACCEPT: &'static str = #media;
            }
        });

        // With nothing required, `new` takes no arguments and `Default` means the same.
        let default =
            (required.is_empty() && !operation.body.as_ref().is_some_and(|b| b.required)).then(|| quote!(Default,));
        let http = self.external(ExternalCrate::Http);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #builder {
                #(#fields)*
                #body_field
                #accept_field
            }

            impl #builder {
                /// The spec's operationId.
                pub const OPERATION_ID: &'static str = #operation_id;
                /// The HTTP method.
                pub const METHOD: #http::Method = #http::Method::#method;
                /// The path template as written in the spec.
                pub const PATH: &'static str = #path_template;
                #accept_const

                /// Starts a request with its required parameters.
                #deprecated
                #long
                pub fn new(#(#new_args),*) -> Self {
                    Self {
                        #(#new_fields)*
                        #new_body
                        #new_accept
                    }
                }

                #(#setters)*
                #body_setter
                #accept_setter
                #build
                #decode
            }

            #client_entry
            #paging
            #streaming
            #alternative_enums
            #status_enum
            #multipart_struct
            #error_enum
        }
    }

    /// The type a success decodes into: the body enum when the operation offers several media
    /// types with different bodies, else the one body's type.
    fn success_type(&self, operation: &Operation) -> TokenStream {
        let body_enum = operation.success.alternatives.as_ref().and_then(|a| a.body_enum.as_ref());
        match body_enum.or(operation.success.by_status.as_ref().map(|s| &s.enum_name)) {
            Some(body_enum) => {
                let body_enum = ident(body_enum);
                quote!(#body_enum)
            }
            None => self.body_type(&operation.success.kind, &quote!(models::)),
        }
    }

    /// The operation as started from the client: the builder's `runtime::Operation` impl (what the
    /// runtime's generic sending needs), the `Client` method that binds a new builder to the
    /// client, and the builder's setters on the bound call, each forwarding to the builder's.
    /// With the runtime as a crate, the `Client` method is one of the extension trait's instead
    /// (see [`Emitter::client_extension_method`]).
    fn client_entry(&self, operation: &Operation, required: &[&Param]) -> TokenStream {
        let builder = ident(&operation.type_name);
        let error = ident(&operation.error_name);
        let success_ty = self.success_type(operation);
        let client_impl = (self.runtime == RuntimeSource::Vendored).then(|| {
            let ClientMethod { doc, example, deprecated, long, method, arg_names, arg_types } =
                self.client_method(operation, required, &quote!(runtime), &quote!(models::));
            quote! {
                impl runtime::Client {
                    #doc
                    #example
                    #deprecated
                    #long
                    pub fn #method(&self, #(#arg_names: #arg_types),*) -> runtime::Call<'_, #builder> {
                        runtime::Call::new(self, #builder::new(#(#arg_names),*))
                    }
                }
            }
        });
        // The setters of a `Call` set the bound builder's field in place, as the builder's own
        // setters do (the runtime shares the crate and lets them): a `Call::map(|operation| ...)`
        // per setter would be one generic instantiation per setter (thousands in a large API).
        let setters = operation.params.iter().filter(|p| !p.required).map(|param| {
            let name = ident(&param.name);
            let ty = self.setter_type(&param.ty);
            let value = self.setter_conversion(&param.ty, quote!(#name));
            let doc = self.docs.outer(&format!(
                "Sets `{}`: see [`{}::{}`].",
                param.wire_name,
                operation.type_name,
                param.name.trim_start_matches("r#")
            ));
            let deprecated = param.deprecated.then(|| quote!(#[deprecated]));
            quote! {
                #doc
                #deprecated
                pub fn #name(mut self, #name: #ty) -> Self {
                    self.operation.#name = Some(#value);
                    self
                }
            }
        });
        let body_setter = operation.body.as_ref().filter(|b| !b.required).map(|body| {
            let ty = self.request_body_type(body);
            quote! {
                /// Sets the request body.
                pub fn body(mut self, body: #ty) -> Self {
                    self.operation.body = Some(body);
                    self
                }
            }
        });
        let accept_setter = operation.success.alternatives.as_ref().map(|a| {
            let media_enum = ident(&a.media_enum);
            quote! {
                /// The media type to ask for.
                pub fn accept(mut self, media_type: #media_enum) -> Self {
                    self.operation.accept = media_type;
                    self
                }
            }
        });
        let has_setters = operation.params.iter().any(|p| !p.required)
            || operation.body.as_ref().is_some_and(|b| !b.required)
            || operation.success.alternatives.is_some();
        let call_impl = has_setters.then(|| {
            quote! {
                impl runtime::Call<'_, #builder> {
                    #(#setters)*
                    #body_setter
                    #accept_setter
                }
            }
        });
        quote! {
            impl runtime::Operation for #builder {
                type Output = #success_ty;
                type Error = #error;

                fn build(&self) -> Result<Request, ValidationError> {
                    Self::build(self)
                }

                fn decode_response(&self, response: RawResponse) -> Result<Response<#success_ty>, #error> {
                    Self::decode_response(self, response)
                }
            }

            #client_impl

            #call_impl
        }
    }

    /// The parts of the `Client` method that starts `operation`: its docs and example, lints,
    /// name, and the required parameters (and body) it takes, typed with `runtime` and `models`
    /// as the paths of those modules where the method is.
    fn client_method(
        &self,
        operation: &Operation,
        required: &[&Param],
        runtime: &TokenStream,
        models: &TokenStream,
    ) -> ClientMethod {
        let required_body = operation.body.as_ref().filter(|b| b.required);
        let arg_names: Vec<proc_macro2::Ident> = required
            .iter()
            .map(|param| ident(&param.name))
            .chain(required_body.map(|_| format_ident!("body")))
            .collect();
        let arg_types = required
            .iter()
            .map(|param| self.setter_type_in(&param.ty, models))
            .chain(required_body.map(|body| self.request_body_type_in(body, runtime, models)))
            .collect();
        // A deprecated operation's method is deprecated too, for its callers; inside it, calling
        // the operation's deprecated constructor is the point, so the lint is silenced there only.
        let deprecated = operation.deprecated.then(|| quote!(#[deprecated] #[allow(deprecated)]));
        // `self` counts as an argument too.
        let long = (arg_names.len() + 1 > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let starts = format!(
            "Starts [`{}`] (`{} {}`) on this client; finish with `.send().await`.",
            operation.type_name,
            operation.method.as_str(),
            operation.path_template
        );
        let doc = self.docs.paragraphs(&[operation.summary.clone(), Some(starts)]);
        let example = self.call_example_doc(operation, required);
        ClientMethod { doc, example, deprecated, long, method: ident(&operation.fn_name), arg_names, arg_types }
    }

    /// The method of the extension trait that gives the runtime's `Client` this operation,
    /// when the runtime is a crate of its own: its declaration in the trait and its definition
    /// in the trait's impl for `Client`, both in the operations module, behind the operation's
    /// feature.
    pub(super) fn client_extension_method(&self, operation: &Operation) -> (TokenStream, TokenStream) {
        let required = self.required_params(operation);
        let runtime = quote!(super::runtime);
        let ClientMethod { doc, example, deprecated, long, method, arg_names, arg_types } =
            self.client_method(operation, &required, &runtime, &quote!(super::models::));
        let builder = ident(&operation.type_name);
        let group = &self.api.groups[operation.group.0].feature;
        let cfg = self.features.then(|| quote!(#[cfg(feature = #group)]));
        let deprecated_use = operation.deprecated.then(|| quote!(#[allow(deprecated)]));
        let declaration = quote! {
            #cfg
            #doc
            #example
            #deprecated
            #long
            fn #method(&self, #(#arg_names: #arg_types),*) -> #runtime::Call<'_, #builder>;
        };
        let definition = quote! {
            #cfg
            #deprecated_use
            fn #method(&self, #(#arg_names: #arg_types),*) -> #runtime::Call<'_, #builder> {
                #runtime::Call::new(self, #builder::new(#(#arg_names),*))
            }
        };
        (declaration, definition)
    }

    /// The media type and body enums of a success response with several media types.
    fn alternative_enums(&self, operation: &Operation, alternatives: &Alternatives) -> TokenStream {
        let media_enum = ident(&alternatives.media_enum);
        let builder = &operation.type_name;
        let variants: Vec<proc_macro2::Ident> = alternatives.bodies.iter().map(|b| ident(&b.variant)).collect();
        let media_types: Vec<&str> = alternatives.bodies.iter().map(|b| b.media_type.as_str()).collect();
        let docs: Vec<TokenStream> = media_types.iter().map(|m| self.docs.outer(&format!("`{m}`"))).collect();
        let models = quote!(models::);
        let types = alternatives.bodies.iter().map(|b| self.body_type(&b.kind, &models));
        let (default_doc, default_variant) = (&docs[0], &variants[0]);
        let (other_docs, other_variants) = (&docs[1..], &variants[1..]);
        let media_doc = self
            .docs
            .outer(&format!("The media types `{}` answers with, for `{builder}::accept`.", operation.operation_id));
        let body_enum = alternatives.body_enum.as_ref().map(|body_enum| {
            let body_enum = ident(body_enum);
            let doc = self
                .docs
                .outer(&format!("A success body of `{}`, in the media type asked for.", operation.operation_id));
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

    pub(super) fn required_params<'o>(&self, operation: &'o Operation) -> Vec<&'o Param> {
        // Path parameters in path order first, then the other required ones in spec order.
        let mut ordered: Vec<&Param> = operation
            .path
            .iter()
            .filter_map(|part| match part {
                PathPart::Param(index) => Some(&operation.params[*index]),
                PathPart::Literal(_) => None,
            })
            .collect();
        for param in &operation.params {
            if param.required && !ordered.iter().any(|p| std::ptr::eq(*p, param)) {
                ordered.push(param);
            }
        }
        ordered
    }

    fn param_type(&self, ty: &ParamType) -> TokenStream {
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
    fn setter_type(&self, ty: &ParamType) -> TokenStream {
        self.setter_type_in(ty, &quote!(models::))
    }

    /// [`Emitter::setter_type`] with `models` as the path prefix of the models module.
    fn setter_type_in(&self, ty: &ParamType, models: &TokenStream) -> TokenStream {
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

    fn setter_conversion(&self, ty: &ParamType, value: TokenStream) -> TokenStream {
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
    fn build_fn(&self, operation: &Operation) -> TokenStream {
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
        quote! {
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            pub fn build(&self) -> Result<Request, ValidationError> {
                #(#checks)*
                #path
                #query_init
                #(#query_pushes)*
                #headers_init
                #(#header_pushes)*
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: Self::METHOD,
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
            pub fn decode_response(&self, response: RawResponse) -> Result<Response<#success_ty>, #error> {
                #unwrap
                match response.status.as_u16() {
                    #success_arms
                    #error_arms
                }
            }
        }
    }

    /// The parts of `decode_response` for an operation whose error statuses are a table (see
    /// [`uses_error_table`]), shared by its two shapes: the constant status ranges, the `match`
    /// arms mapping an entry's index to its variant (patterns inside `Err(...)` when `in_err`,
    /// as `classify_response` gives them), and the answer to an undocumented status, whose
    /// response arrives boxed.
    fn error_table(&self, operation: &Operation, error: &proc_macro2::Ident, in_err: bool) -> ErrorTable {
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
                let pattern = if in_err { quote!(Err(#pattern)) } else { pattern };
                quote!(#pattern => Err(#error::#variant(body)),)
            })
            .collect();
        let default = operation.errors.iter().find(|e| e.status == StatusMatch::Default);
        let undocumented = match (default, &self.api.common_error) {
            (Some(response), _) => {
                let variant = ident(&response.variant);
                let value = decode_call(&response.kind);
                quote!({
                    let response = *response;
                    Err(#error::#variant(Box::new(#value)))
                })
            }
            (None, Some(_)) => quote!({
                let (response, api_error) = undocumented_status(response);
                Err(#error::UnexpectedStatus(response, api_error))
            }),
            (None, None) => quote!(Err(#error::UnexpectedStatus(response))),
        };
        ErrorTable { ranges, arms, undocumented }
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

    /// The error enum, and its one `match`: `view`, the borrowed `ErrorView` of the runtime
    /// (`runtime/src/error.rs`) from which its message, `source()`, status, headers and common
    /// error body are computed generically: one small match per operation instead of a
    /// `thiserror` `Display` arm per variant and a match per `ApiCallError` method.
    fn error_enum(&self, operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
        let models = quote!(models::);
        let common = self.api.common_error.as_ref();
        let common_ty = common.map(|common| BodyKind::Json(crate::ir::TypeRef::Named(common.ty)));
        let variants = operation.errors.iter().map(|response| {
            let variant = ident(&response.variant);
            let ty = self.body_type(&response.kind, &models);
            let mut doc = format!("`{}`", status_label(response.status));
            if let Some(text) = &response.doc {
                doc.push_str(": ");
                doc.push_str(text);
            }
            let headers = (!response.headers.is_empty()).then(|| {
                let names: Vec<String> = response.headers.iter().map(|h| format!("`{h}`")).collect();
                format!("Documented headers: {}.", names.join(", "))
            });
            let doc = self.docs.paragraphs(&[Some(doc), headers]);
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
        let doc = self.docs.outer(&format!("Errors of `{}`.", operation.operation_id));
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

/// The decoded response; a JSON decoding failure converts into the operation's error by `?`.
pub(super) fn decode_call(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(_) => quote!(decode_json(response)?),
        BodyKind::Bytes => quote!(decode_bytes(response)),
        BodyKind::Empty => quote!(decode_empty(response)),
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

/// What [`Emitter::error_table`] gives `decode_response`.
struct ErrorTable {
    ranges: Vec<TokenStream>,
    arms: Vec<TokenStream>,
    undocumented: TokenStream,
}

/// The expression telling whether the caller asked for the envelope, when the operation has an
/// envelope parameter.
fn envelope_asked(operation: &Operation) -> Option<TokenStream> {
    let param = &operation.params[operation.envelope_param?];
    let name = ident(&param.name);
    Some(if param.required { quote!(self.#name) } else { quote!(self.#name == Some(true)) })
}

/// The inclusive range of statuses an error response documents; none for `default`.
fn status_bounds(status: StatusMatch) -> Option<(Literal, Literal)> {
    let (low, high) = match status {
        StatusMatch::Code(code) => (code, code),
        StatusMatch::Range(range) => (range * 100, range * 100 + 99),
        StatusMatch::Default => return None,
    };
    Some((Literal::u16_unsuffixed(low), Literal::u16_unsuffixed(high)))
}

pub(super) fn status_label(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(range) => format!("{range}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

fn option_u64(value: Option<u64>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn param_uses_models(ty: &ParamType) -> bool {
    match ty {
        ParamType::Enum(_) => true,
        ParamType::Object(ty) => mentions_models(ty),
        ParamType::List(inner) => param_uses_models(inner),
        _ => false,
    }
}

fn mentions_models(ty: &crate::ir::TypeRef) -> bool {
    let mut found = Vec::new();
    ty.collect_named(&mut found);
    !found.is_empty()
}

/// An operation's `send`: the runtime's generic call future, returned (see [`future_method`]).
fn send_fn(success_ty: &TokenStream, error: &proc_macro2::Ident) -> TokenStream {
    future_method(
        &quote! {
            /// Validates, sends and decodes: the whole call, as a future. Nothing is sent when a
            /// parameter is invalid.
        },
        quote!(send),
        quote!(Result<Response<#success_ty>, #error>),
        quote!(runtime::call::send),
    )
}

/// A builder method that returns the future of one of the runtime's generic functions
/// (`call::send`, `stream::send_stream`) for this builder, rather than awaiting it in an
/// `async fn`: an `async fn` per operation is a state machine wrapping that future, which
/// rustc builds, type-checks and borrow-checks once per operation (on the full Atlas crate,
/// about 15% of the crate's debug build); callers write `.send(&client).await` either way.
pub(super) fn future_method(
    doc: &TokenStream,
    name: TokenStream,
    output: TokenStream,
    runtime_fn: TokenStream,
) -> TokenStream {
    quote! {
        #doc
        pub fn #name<'a>(
            &'a self,
            client: &'a runtime::Client,
        ) -> impl std::future::Future<Output = #output> + 'a {
            #runtime_fn(self, client)
        }
    }
}

/// The parts of an operation's `Client` method (see [`Emitter::client_method`]).
struct ClientMethod {
    doc: TokenStream,
    example: TokenStream,
    deprecated: Option<TokenStream>,
    long: Option<TokenStream>,
    method: proc_macro2::Ident,
    arg_names: Vec<proc_macro2::Ident>,
    arg_types: Vec<TokenStream>,
}
