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
//!
//! The builder, its constants, `new` and setters, the `Operation` impl, the client's method
//! and the call's setters are written as layout commands ([`Writer`]); `build`,
//! `decode_response` and the items of `request`, `response`, `error`, `paging` and `stream`
//! are tokens.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use super::docs;
use super::error::uses_error_table;
use super::models::{ident, CLIPPY_MAX_ARGUMENTS};
use super::written::{
    write_accept_setter, write_allow, write_assignment, write_doc, write_impl, write_impl_for, write_item_head,
    write_method, write_mut_self, write_redacting_debug, write_ref_self, write_signature, write_typed,
    write_value_derives,
};
use super::{Emitter, ExternalCrate, RuntimeSource};
use crate::ir::{BodyKind, ErrorSharing, Operation, Param, ParamType, PathPart, StatusMatch};
use crate::print::{Opening, Trailing, Writer};

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

    /// An operation's items: the builder struct and its methods, the client's method and the
    /// call's setters, written as layout commands; the request and response code, the paging,
    /// streaming and error items as tokens.
    pub fn write_operation(&self, w: &mut Writer<'_>, operation: &Operation) {
        let builder = operation.type_name.as_str();
        let error = ident(&operation.error_name);
        let required: Vec<&Param> = self.required_params(operation);
        let alternatives = operation.success.alternatives.as_ref();
        let secret = operation.params.iter().any(|p| p.secret);
        w.item(|w| {
            let summary_line = format!("`{} {}`", operation.method.as_str(), operation.path_template);
            let doc = [operation.summary.clone(), operation.description.clone(), Some(summary_line)];
            write_doc(w, &docs::join_paragraphs(&doc));
            // With nothing required, `new` takes no arguments and `Default` means the same.
            let default = required.is_empty() && !operation.body.as_ref().is_some_and(|b| b.required);
            // With a secret parameter, `Debug` is written (below) rather than derived.
            write_value_derives(w, default, secret);
            write_item_head(w, "struct", builder);
            w.block(|w| {
                for param in &operation.params {
                    w.hard_line();
                    write_doc(w, param.doc.as_deref().unwrap_or(""));
                    self.write_builder_field(
                        w,
                        &param.name,
                        param.required,
                        &self.param_type(&param.ty),
                        param_has_generics(&param.ty),
                    );
                }
                if let Some(body) = &operation.body {
                    w.hard_line();
                    write_doc(w, &self.request_body_description(body));
                    let generic = self.request_body_has_generics(body);
                    self.write_builder_field(w, "body", body.required, &self.request_body_type(body), generic);
                }
                if let Some(a) = alternatives {
                    w.hard_line();
                    w.doc(" The media type to ask for.");
                    write_typed(w, "accept", &|w| w.word(&a.media_enum));
                    w.token(",");
                }
            });
        });
        w.item(|w| {
            write_impl(w, builder);
            w.block(|w| {
                w.hard_line();
                self.write_constants(w, operation);
                w.blank_line();
                self.write_builder_constructor(w, operation, &required);
                for param in operation.params.iter().filter(|p| !p.required) {
                    w.blank_line();
                    let default = param.default.as_ref().map(|d| format!("Default: `{d}`."));
                    let secret = param.secret.then(|| {
                        "Secret (`format: password`): `Debug`, validation errors and recordings show \
                         `<redacted>`, not the value."
                            .to_owned()
                    });
                    write_doc(w, &docs::join_paragraphs(&[param.doc.clone(), default, secret]));
                    if param.deprecated {
                        w.attribute(|w| w.token("deprecated"));
                    }
                    self.write_setter(w, "self", &param.name, &param.ty);
                }
                if let Some(body) = operation.body.as_ref().filter(|b| !b.required) {
                    w.blank_line();
                    write_doc(w, &self.request_body_description(body));
                    self.write_body_setter(w, "self", body);
                }
                if let Some(a) = alternatives {
                    w.blank_line();
                    let mut doc = format!("The media type to ask for (default `{}`)", a.bodies[0].media_type);
                    match &a.body_enum {
                        Some(body_enum) => {
                            doc.push_str(&format!(
                                "; a success body decodes as the matching variant of `{body_enum}`."
                            ));
                        }
                        None => doc.push('.'),
                    }
                    write_doc(w, &doc);
                    write_accept_setter(w, "self", &a.media_enum);
                }
                self.write_build_fn(w, operation);
                self.write_decode_fn(w, operation, &error);
            });
        });
        if secret {
            w.item(|w| {
                let mut fields: Vec<(&str, bool)> =
                    operation.params.iter().map(|p| (p.name.as_str(), p.secret)).collect();
                fields.extend(operation.body.as_ref().map(|_| ("body", false)));
                fields.extend(alternatives.map(|_| ("accept", false)));
                // The builder's fields carry no `#[deprecated]` (only its setters do).
                write_redacting_debug(w, "runtime", builder, &fields, false);
            });
        }
        self.write_client_entry(w, operation, &required);
        w.token_items(self.paging(operation));
        w.token_items(self.streaming(operation));
        if let Some(a) = alternatives {
            w.token_items(self.alternative_enums(operation, a));
        }
        if let Some(s) = &operation.success.by_status {
            w.token_items(self.status_enum(operation, s));
        }
        if let Some(crate::ir::BodyEncoding::Multipart(Some(parts))) =
            operation.body.as_ref().map(|body| &body.encoding)
        {
            w.token_items(self.multipart_struct(operation, parts));
        }
        w.token_items(self.error_item(operation, &error));
    }

    /// A builder field, `name: T` or `name: Option<T>`, and its comma.
    fn write_builder_field(&self, w: &mut Writer<'_>, name: &str, required: bool, ty: &TokenStream, generic: bool) {
        write_typed(w, name, &|w| {
            if required {
                w.tokens(ty.clone());
            } else {
                w.token("Option");
                w.generics(generic, false, 1, |w, _| w.tokens(ty.clone()));
            }
        });
        w.token(",");
    }

    /// The builder's constants: the operationId, method, path template and media type.
    fn write_constants(&self, w: &mut Writer<'_>, operation: &Operation) {
        let constant =
            |w: &mut Writer<'_>, name: &'static str, ty: &dyn Fn(&mut Writer<'_>), value: &dyn Fn(&mut Writer<'_>)| {
                w.token("pub");
                w.space();
                w.token("const");
                w.space();
                write_typed(w, name, ty);
                w.space();
                w.token("=");
                w.space();
                value(w);
                w.token(";");
            };
        let text = |w: &mut Writer<'_>| {
            w.token("&");
            w.token("'static");
            w.space();
            w.token("str");
        };
        w.doc(" The spec's operationId.");
        constant(w, "OPERATION_ID", &text, &|w| w.string(&operation.operation_id));
        w.blank_line();
        if operation.method.is_standard() {
            let http = self.runtime.external_path(ExternalCrate::Http);
            w.doc(" The HTTP method.");
            constant(w, "METHOD", &|w| w.joined(&[&*http, "::Method"]), &|w| {
                w.joined(&[&*http, "::Method::", operation.method.as_str()])
            });
        } else {
            w.doc(" The HTTP method, by name (`http::Method` compares equal to it); the request");
            w.doc(" converts it when it is built.");
            constant(w, "METHOD", &text, &|w| w.string(operation.method.as_str()));
        }
        w.blank_line();
        w.doc(" The path template as written in the spec.");
        constant(w, "PATH", &text, &|w| w.string(&operation.path_template));
        if let Some(media) = &operation.success.media_type {
            w.blank_line();
            w.doc(" The media type this operation asks for in `Accept`.");
            constant(w, "ACCEPT", &text, &|w| w.string(media));
        }
    }

    /// `new`: the required parameters (and body) as arguments, the optional ones unset.
    fn write_builder_constructor(&self, w: &mut Writer<'_>, operation: &Operation, required: &[&Param]) {
        let required_body = operation.body.as_ref().filter(|b| b.required);
        w.doc(" Starts a request with its required parameters.");
        if operation.deprecated {
            w.attribute(|w| w.token("deprecated"));
        }
        let arguments = required.len() + usize::from(required_body.is_some());
        if arguments > CLIPPY_MAX_ARGUMENTS {
            write_allow(w, "clippy::too_many_arguments");
        }
        let values = operation.params.len()
            + usize::from(operation.body.is_some())
            + usize::from(operation.success.alternatives.is_some());
        write_method(
            w,
            "new",
            arguments,
            |w, i| match required.get(i) {
                Some(param) => write_typed(w, &param.name, &|w| w.tokens(self.setter_type(&param.ty))),
                None => write_typed(w, "body", &|w| {
                    w.tokens(self.request_body_type(required_body.expect("the body is the last argument")))
                }),
            },
            |w| {
                w.hard_line();
                w.token("Self");
                w.space();
                w.list(("{", "}"), values, Trailing::Comma, Opening::Spaced, |w, i| {
                    if let Some(param) = operation.params.get(i) {
                        let name = ident(&param.name);
                        match &param.ty {
                            // Taken as is: the shorthand, as clippy wants it.
                            _ if !param.required => w.tokens(quote!(#name: None)),
                            ParamType::Bool | ParamType::Integer(_) | ParamType::Number(_) | ParamType::Object(_) => {
                                w.word(&param.name)
                            }
                            ty => {
                                let value = self.setter_conversion(ty, quote!(#name));
                                w.tokens(quote!(#name: #value));
                            }
                        }
                    } else if let (Some(body), 0) = (&operation.body, i - operation.params.len()) {
                        if body.required {
                            w.token("body");
                        } else {
                            w.tokens(quote!(body: None));
                        }
                    } else if let Some(a) = &operation.success.alternatives {
                        w.token("accept");
                        w.token(":");
                        w.space();
                        w.joined(&[&*a.media_enum, "::", &*a.bodies[0].variant]);
                    }
                });
            },
        );
    }

    /// The setter of an optional parameter on `target` (`self` for the builder,
    /// `self.operation` for a bound call).
    fn write_setter(&self, w: &mut Writer<'_>, target: &str, name: &str, ty: &ParamType) {
        let value = self.setter_conversion(ty, ident(name).into_token_stream());
        write_method(
            w,
            name,
            2,
            |w, i| match i {
                0 => write_mut_self(w),
                _ => write_typed(w, name, &|w| w.tokens(self.setter_type(ty))),
            },
            |w| {
                write_assignment(w, target, name, &|w| {
                    w.token("Some");
                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.tokens(value.clone()));
                })
            },
        );
    }

    /// The setter of an optional body on `target` (see [`Emitter::write_setter`]).
    fn write_body_setter(&self, w: &mut Writer<'_>, target: &str, body: &crate::ir::RequestBody) {
        write_method(
            w,
            "body",
            2,
            |w, i| match i {
                0 => write_mut_self(w),
                _ => write_typed(w, "body", &|w| w.tokens(self.request_body_type(body))),
            },
            |w| {
                write_assignment(w, target, "body", &|w| {
                    w.token("Some");
                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("body"));
                })
            },
        );
    }

    /// Whether the builder's type of a body has generic arguments (see `request_body_type`).
    fn request_body_has_generics(&self, body: &crate::ir::RequestBody) -> bool {
        match (&body.encoding, &body.kind) {
            (crate::ir::BodyEncoding::Multipart(_), _) => false,
            (crate::ir::BodyEncoding::Raw, BodyKind::Bytes) => false,
            (_, BodyKind::Json(ty)) => super::structs::has_generics(ty),
            (_, BodyKind::Bytes) => true,
            (_, BodyKind::Empty) => false,
        }
    }

    /// The operation as started from the client: the builder's `runtime::Operation` impl (what the
    /// runtime's generic sending needs), the `Client` method that binds a new builder to the
    /// client, and the builder's setters on the bound call, each forwarding to the builder's.
    /// With the runtime as a crate, the `Client` method is one of the extension trait's instead
    /// (see [`Emitter::client_extension_method`]).
    fn write_client_entry(&self, w: &mut Writer<'_>, operation: &Operation, required: &[&Param]) {
        let builder = operation.type_name.as_str();
        let success_ty = self.success_type(operation);
        w.item(|w| {
            write_impl_for(w, None, &|w| w.token("runtime::Operation"), builder);
            w.block(|w| {
                w.hard_line();
                w.token("type");
                w.space();
                w.token("Output");
                w.space();
                w.token("=");
                w.space();
                w.tokens(success_ty.clone());
                w.token(";");
                w.hard_line();
                w.token("type");
                w.space();
                w.token("Error");
                w.space();
                w.token("=");
                w.space();
                w.word(&operation.error_name);
                w.token(";");
                w.blank_line();
                w.attribute(|w| w.token("inline"));
                write_signature(w, "build", 1, |w, _| write_ref_self(w), &|w| {
                    w.token("Result");
                    w.generics(true, true, 2, |w, i| w.token(["Request", "ValidationError"][i]));
                });
                w.block(|w| {
                    w.hard_line();
                    w.token("Self::build");
                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("self"));
                });
                w.blank_line();
                w.attribute(|w| w.token("inline"));
                self.write_decode_signature(w, operation);
                w.block(|w| {
                    w.hard_line();
                    w.token("Self::decode_response");
                    w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| w.token(["self", "response"][i]));
                });
            });
        });
        if self.runtime == RuntimeSource::Vendored {
            let method = self.client_method(operation, required, &quote!(runtime), &quote!(models::));
            w.item(|w| {
                w.token("impl");
                w.space();
                w.token("runtime::Client");
                w.space();
                w.block(|w| {
                    w.hard_line();
                    for line in method.doc.iter().chain(&method.example) {
                        w.doc(line);
                    }
                    if method.deprecated {
                        w.attribute(|w| w.token("deprecated"));
                        write_allow(w, "deprecated");
                    }
                    if method.long {
                        write_allow(w, "clippy::too_many_arguments");
                    }
                    w.token("pub");
                    w.space();
                    write_signature(
                        w,
                        &method.name,
                        method.arg_names.len() + 1,
                        |w, i| match i {
                            0 => write_ref_self(w),
                            _ => {
                                write_typed(w, &method.arg_names[i - 1], &|w| w.tokens(method.arg_types[i - 1].clone()))
                            }
                        },
                        &|w| {
                            w.token("runtime::Call");
                            w.generics(true, true, 2, |w, i| if i == 0 { w.token("'_") } else { w.word(builder) });
                        },
                    );
                    w.block(|w| {
                        w.hard_line();
                        w.token("runtime::Call::new");
                        w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| {
                            if i == 0 {
                                w.token("self");
                            } else {
                                w.joined(&[&*builder, "::new"]);
                                let names = &method.arg_names;
                                w.list(("(", ")"), names.len(), Trailing::Comma, Opening::Soft, |w, i| {
                                    w.word(&names[i])
                                });
                            }
                        });
                    });
                });
            });
        }
        let has_setters = operation.params.iter().any(|p| !p.required)
            || operation.body.as_ref().is_some_and(|b| !b.required)
            || operation.success.alternatives.is_some();
        if !has_setters {
            return;
        }
        // The setters of a `Call` set the bound builder's field in place, as the builder's own
        // setters do (the runtime shares the crate and lets them): a `Call::map(|operation| ...)`
        // per setter would be one generic instantiation per setter (thousands in a large API).
        w.item(|w| {
            w.token("impl");
            w.space();
            w.token("runtime::Call");
            w.generics(true, false, 2, |w, i| if i == 0 { w.token("'_") } else { w.word(builder) });
            w.space();
            w.block(|w| {
                let mut first = true;
                let mut separate = |w: &mut Writer<'_>| {
                    if std::mem::take(&mut first) {
                        w.hard_line();
                    } else {
                        w.blank_line();
                    }
                };
                for param in operation.params.iter().filter(|p| !p.required) {
                    separate(w);
                    let plain = param.name.trim_start_matches("r#");
                    write_doc(w, &format!("Sets `{}`: see [`{}::{plain}`].", param.wire_name, operation.type_name));
                    if param.deprecated {
                        w.attribute(|w| w.token("deprecated"));
                    }
                    self.write_setter(w, "self.operation", &param.name, &param.ty);
                }
                if let Some(body) = operation.body.as_ref().filter(|b| !b.required) {
                    separate(w);
                    w.doc(" Sets the request body.");
                    self.write_body_setter(w, "self.operation", body);
                }
                if let Some(a) = &operation.success.alternatives {
                    separate(w);
                    w.doc(" The media type to ask for.");
                    write_accept_setter(w, "self.operation", &a.media_enum);
                }
            });
        });
    }

    /// `fn decode_response(&self, response: RawResponse) -> Result<Response<T>, Error> `.
    pub(super) fn write_decode_signature(&self, w: &mut Writer<'_>, operation: &Operation) {
        let success_ty = self.success_type(operation);
        let success_generic = self.success_has_generics(operation);
        write_signature(
            w,
            "decode_response",
            2,
            |w, i| match i {
                0 => write_ref_self(w),
                _ => write_typed(w, "response", &|w| w.token("RawResponse")),
            },
            &|w| {
                w.token("Result");
                w.generics(true, true, 2, |w, i| match i {
                    0 => {
                        w.token("Response");
                        w.generics(success_generic, false, 1, |w, _| w.tokens(success_ty.clone()));
                    }
                    _ => w.word(&operation.error_name),
                });
            },
        );
    }

    /// Whether the success type has generic arguments (see `success_type`).
    pub(super) fn success_has_generics(&self, operation: &Operation) -> bool {
        let body_enum = operation.success.alternatives.as_ref().and_then(|a| a.body_enum.as_ref());
        if body_enum.is_some() || operation.success.by_status.is_some() {
            return false;
        }
        match &operation.success.kind {
            BodyKind::Json(ty) => super::structs::has_generics(ty),
            BodyKind::Bytes => true,
            BodyKind::Empty => false,
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
        let arg_names: Vec<String> =
            required.iter().map(|param| param.name.clone()).chain(required_body.map(|_| "body".to_owned())).collect();
        let arg_types = required
            .iter()
            .map(|param| self.setter_type_in(&param.ty, models))
            .chain(required_body.map(|body| self.request_body_type_in(body, runtime, models)))
            .collect();
        let starts = format!(
            "Starts [`{}`] (`{} {}`) on this client; finish with `.send().await`.",
            operation.type_name,
            operation.method.as_str(),
            operation.path_template
        );
        ClientMethod {
            doc: docs::doc_lines(&docs::join_paragraphs(&[operation.summary.clone(), Some(starts)])),
            example: self.call_example_lines(operation, required),
            // A deprecated operation's method is deprecated too, for its callers; inside it,
            // calling the operation's deprecated constructor is the point, so the lint is
            // silenced there only.
            deprecated: operation.deprecated,
            // `self` counts as an argument too.
            long: arg_names.len() + 1 > CLIPPY_MAX_ARGUMENTS,
            name: operation.fn_name.clone(),
            arg_names,
            arg_types,
        }
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

    /// The method of the extension trait that gives the runtime's `Client` this operation,
    /// when the runtime is a crate of its own: its declaration in the trait and its definition
    /// in the trait's impl for `Client`, both in the operations module, behind the operation's
    /// feature.
    pub(super) fn client_extension_method(&self, operation: &Operation) -> (TokenStream, TokenStream) {
        let required = self.required_params(operation);
        let runtime = quote!(super::runtime);
        let method = self.client_method(operation, &required, &runtime, &quote!(super::models::));
        let doc = docs::lines(&method.doc);
        let example = docs::lines(&method.example);
        let deprecated = method.deprecated.then(|| quote!(#[deprecated] #[allow(deprecated)]));
        let long = method.long.then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let arg_names: Vec<proc_macro2::Ident> = method.arg_names.iter().map(|name| ident(name)).collect();
        let arg_types = &method.arg_types;
        let method = ident(&method.name);
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

/// Whether a parameter's type has generic arguments (see `param_type`).
fn param_has_generics(ty: &ParamType) -> bool {
    match ty {
        ParamType::List(_) => true,
        ParamType::Object(ty) => super::structs::has_generics(ty),
        _ => false,
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
    /// Its doc lines, and those of its example (after an empty one; none without an example).
    doc: Vec<String>,
    example: Vec<String>,
    deprecated: bool,
    /// More arguments than clippy allows.
    long: bool,
    name: String,
    arg_names: Vec<String>,
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
