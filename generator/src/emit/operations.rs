//! Operation modules: for each operation a request builder that validates its parameters,
//! a response decoder, and an error enum; and the client's method for each. What the builder
//! sends is emitted in `request`, how a response is decoded in `response`, the error enum in
//! `error`.
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
//!
//! `build`, `decode_response`, the `send` futures and the trait impls that forward to them
//! are `#[inline]`, not for speed but for where they are compiled. A public function that is
//! not generic is compiled to machine code by the library whether or not anything calls it,
//! and these are the functions that reach what an operation encodes and decodes: serde's code
//! for the models of its body and responses, instantiated per type. Marked `#[inline]`, they
//! are compiled by the crates that call them, as generic code is, so the library's own build
//! compiles no model's serde code and a program pays for the operations it calls.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::error::uses_error_table;
use super::models::{ident, CLIPPY_MAX_ARGUMENTS};
use super::{Emitter, ExternalCrate, RuntimeSource};
use crate::ir::{BodyKind, ErrorSharing, Operation, Param, ParamType, PathPart, StatusMatch};

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
        // Only an error enum of the module's own names these (a shared one is in a module of
        // its own, see `shared_error_module`).
        let own_errors = operations.iter().any(|op| op.error_sharing == ErrorSharing::Own);
        let error_names = own_errors.then(|| quote!(DecodeError, ErrorView,));
        let transport = own_errors.then(|| quote!(TransportError,));
        quote! {
            #models_use
            #patterns_use
            use #runtime::response::{#(#imports),*};
            use #runtime::{self as runtime, #error_names RawResponse, Request, Response, #transport ValidationError};
        }
    }

    /// The operations whose error enum is the one of the operation at `owner` (an index into
    /// the operations), that one first.
    fn error_sharers(&self, owner: usize) -> Vec<&Operation> {
        std::iter::once(&self.api.operations[owner])
            .chain(self.api.operations.iter().filter(|op| op.error_sharing == ErrorSharing::AliasOf(owner)))
            .collect()
    }

    /// The private module of the operations module that holds an error enum several
    /// operations share (that of the operation at `index`, its owner, see [`ErrorSharing`]),
    /// with the imports it needs, and its re-export; with tag features, both only when a tag
    /// of one of those operations is on.
    pub fn shared_error_module(&self, index: usize, module: &str) -> TokenStream {
        let owner = &self.api.operations[index];
        let sharers = self.error_sharers(index);
        let gate = crate::ir::Gate::AnyOf(sharers.iter().map(|op| op.group).collect());
        let cfg = self.cfg_for(&gate);
        let runtime = self.runtime_path(2);
        let uses_models = self.api.common_error.is_some()
            || owner.errors.iter().any(|e| matches!(&e.kind, BodyKind::Json(ty) if mentions_models(ty)));
        let models_use = uses_models.then(|| {
            quote!(
                use super::super::models;
            )
        });
        let runtime_self = owner.paging.is_some().then(|| quote!(self as runtime,));
        let response = (!owner.errors.is_empty()).then(|| quote!(Response,));
        let module = ident(module);
        let error = ident(&owner.error_name);
        let item = self.error_enum(owner, &error, &sharers);
        quote! {
            #cfg
            mod #module {
                #models_use
                use #runtime::{#runtime_self DecodeError, ErrorView, RawResponse, #response TransportError, ValidationError};

                #item
            }
            #cfg
            pub use #module::#error;
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
        let doc = docs::paragraphs(&[operation.summary.clone(), operation.description.clone(), Some(summary_line)]);

        let required: Vec<&Param> = self.required_params(operation);
        let fields = operation.params.iter().map(|param| {
            let name = ident(&param.name);
            let ty = self.param_type(&param.ty);
            let doc = docs::outer(param.doc.as_deref().unwrap_or(""));
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
            let doc = docs::outer(&doc);
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
            let doc = docs::paragraphs(&[param.doc.clone(), default]);
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

        let http = self.external(ExternalCrate::Http);
        let method_const = if operation.method.is_standard() {
            let method = format_ident!("{}", operation.method.as_str());
            quote! {
                /// The HTTP method.
                pub const METHOD: #http::Method = #http::Method::#method;
            }
        } else {
            let method = operation.method.as_str();
            quote! {
                /// The HTTP method, by name (`http::Method` compares equal to it); the request
                /// converts it when it is built.
                pub const METHOD: &'static str = #method;
            }
        };
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
        let body = super::braced(fields.chain(body_field).chain(accept_field));
        let head = quote! {
            /// The spec's operationId.
            pub const OPERATION_ID: &'static str = #operation_id;
            #method_const
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
        };
        let methods = super::braced(
            std::iter::once(head)
                .chain(setters)
                .chain(body_setter)
                .chain(accept_setter)
                .chain([self.build_fn(operation), self.decode_fn(operation, &error)]),
        );
        let mut item = quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #builder #body

            impl #builder #methods
        };
        item.extend([self.client_entry(operation, &required), self.paging(operation), self.streaming(operation)]);
        item.extend(alternative_enums);
        item.extend(status_enum);
        item.extend(multipart_struct);
        item.extend([self.error_item(operation, &error)]);
        item
    }

    /// The operation's error enum, or, when operations share it (see [`ErrorSharing`]), the
    /// owner's re-export of the shared enum (so that the name is in its module too) or an alias
    /// of it, whose documentation says what each status means for this operation.
    fn error_item(&self, operation: &Operation, error: &proc_macro2::Ident) -> TokenStream {
        match &operation.error_sharing {
            ErrorSharing::Own => self.error_enum(operation, error, &[operation]),
            ErrorSharing::Owner { .. } => quote!(pub use super::#error;),
            ErrorSharing::AliasOf(index) => {
                let sharers = self.error_sharers(*index);
                let owner = ident(&self.api.operations[*index].error_name);
                // The owner's module re-exports the shared enum: in it the name resolves as it is.
                let link = if self.api.operations[*index].group == operation.group {
                    format!("[`{owner}`]")
                } else {
                    format!("[`{owner}`](super::{owner})")
                };
                // Written as it is, not through `docs::outer`, which escapes the brackets of
                // spec text: the link is ours.
                let head = format!(
                    " Errors of `{}`: another name for {link}, which has the same variants.",
                    operation.operation_id
                );
                let meanings = super::error::status_meanings(operation, &sharers, "this operation").map(|text| {
                    let separator = quote!(#[doc = ""]);
                    let text = docs::outer(&text);
                    quote!(#separator #text)
                });
                quote! {
                    #[doc = #head]
                    #meanings
                    pub type #error = super::#owner;
                }
            }
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
                    pub fn #method(&self #(, #arg_names: #arg_types)*) -> runtime::Call<'_, #builder> {
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
            let doc = docs::outer(&format!(
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

                #[inline]
                fn build(&self) -> Result<Request, ValidationError> {
                    Self::build(self)
                }

                #[inline]
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
        let doc = docs::paragraphs(&[operation.summary.clone(), Some(starts)]);
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
            fn #method(&self #(, #arg_names: #arg_types)*) -> #runtime::Call<'_, #builder>;
        };
        let definition = quote! {
            #cfg
            #deprecated_use
            fn #method(&self #(, #arg_names: #arg_types)*) -> #runtime::Call<'_, #builder> {
                #runtime::Call::new(self, #builder::new(#(#arg_names),*))
            }
        };
        (declaration, definition)
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
        #[inline]
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

/// An operation's `send`: the runtime's generic call future, returned (see [`future_method`]).
pub(super) fn send_fn(success_ty: &TokenStream, error: &proc_macro2::Ident) -> TokenStream {
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
