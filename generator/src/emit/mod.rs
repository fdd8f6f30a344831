//! Emission: the IR to the crate's Rust source files, each described as parts (a large file
//! as several, so that printing spreads over cores) printed by [`crate::print`], the last step.
//! A part is token streams built with `quote`, or, for the struct and string enum models and
//! the operations' builders and client methods (most of a crate's lines), the layout's commands written
//! directly (`structs.rs`, `string_enums.rs`, `operations.rs`, shapes they share in `written.rs`; see
//! [`crate::print::Writer`]), which skips building tokens and reading them back. The code of
//! requests, responses, errors and unions is still tokens, written into the same
//! commands. The runtime support modules are the sources of
//! the `specforge-runtime` crate (`runtime/src/`), copied as they are, or, with
//! [`RuntimeSource::Crate`], that crate as a dependency (the paths emitted code names crates by
//! are decided in [`runtime_source`]).

mod bodies;
pub mod call_examples;
pub(crate) mod docs;
mod error;
pub mod examples;
mod headers;
mod models;
mod multipart;
mod operations;
mod paging;
mod patterns;
mod query;
mod request;
mod response;
pub mod runtime_source;
mod sizes;
mod statuses;
mod stream;
mod string_enums;
mod structs;
mod written;

use std::borrow::Cow;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Gate, GroupId, Operation};
use crate::print::Writer;
pub use runtime_source::{ExternalCrate, RuntimeSource};

/// The runtime modules besides the root, copied into every generated crate with a vendored
/// runtime as `src/runtime/<name>`: the files of the `specforge-runtime` crate. The generated
/// crate thus compiles the same code the runtime crate tests, and depends on nothing of this
/// repository. The module's root, `mod.rs`, is the part of the crate's `lib.rs` between its
/// two marker lines.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../../runtime/src/auth.rs")),
    ("call.rs", include_str!("../../../runtime/src/call.rs")),
    ("error.rs", include_str!("../../../runtime/src/error.rs")),
    ("mock.rs", include_str!("../../../runtime/src/mock.rs")),
    ("options.rs", include_str!("../../../runtime/src/options.rs")),
    ("model_decoding.rs", include_str!("../../../runtime/src/model_decoding.rs")),
    ("model_encoding.rs", include_str!("../../../runtime/src/model_encoding.rs")),
    ("nullable.rs", include_str!("../../../runtime/src/nullable.rs")),
    ("client.rs", include_str!("../../../runtime/src/client.rs")),
    ("paging.rs", include_str!("../../../runtime/src/paging.rs")),
    ("recording.rs", include_str!("../../../runtime/src/recording.rs")),
    ("request.rs", include_str!("../../../runtime/src/request.rs")),
    ("response.rs", include_str!("../../../runtime/src/response.rs")),
    ("retry.rs", include_str!("../../../runtime/src/retry.rs")),
    ("stream.rs", include_str!("../../../runtime/src/stream.rs")),
    ("tower.rs", include_str!("../../../runtime/src/tower.rs")),
    ("transport.rs", include_str!("../../../runtime/src/transport.rs")),
    ("upload.rs", include_str!("../../../runtime/src/upload.rs")),
    ("validation.rs", include_str!("../../../runtime/src/validation.rs")),
];

/// The runtime crate's root.
const RUNTIME_LIB: &str = include_str!("../../../runtime/src/lib.rs");

/// The line of `runtime/src/lib.rs` after which its vendored part starts; what is above it
/// (the crate's own docs) is not copied.
const VENDORED_START: &str = "// specforge: the vendored copy starts below this line.\n";

/// The line of `runtime/src/lib.rs` where its vendored part ends; what follows it (the
/// re-exports of the crates that generated code names) is the crate's alone: a vendored
/// crate depends on those crates itself, and on some of them only when its spec needs them.
const VENDORED_END: &str = "// specforge: the vendored copy ends above this line.\n";

/// The root of a vendored runtime module (`src/runtime/mod.rs`): `runtime/src/lib.rs` between
/// [`VENDORED_START`] and [`VENDORED_END`], the module declarations and the runtime's own
/// re-exports.
fn vendored_runtime_root() -> &'static str {
    let after_start = RUNTIME_LIB.split_once(VENDORED_START).map_or(RUNTIME_LIB, |(_, rest)| rest);
    after_start.split_once(VENDORED_END).map_or(after_start, |(part, _)| part)
}

/// The optional parts of the runtime, each a module of `runtime/src/lib.rs` behind a cargo
/// feature of this name (of the runtime crate and of every generated crate).
pub const RUNTIME_FEATURES: &[&str] = &["mock", "record", "tower"];

/// What emission makes of the IR, beside the sources: how the crate is named and where its
/// runtime is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Whether operation groups are behind cargo features (when there is more than one).
    pub tag_features: bool,
    /// The crate's name in code, for the `use` lines of doc examples.
    pub crate_ident: String,
    /// Where the runtime is, and so how emitted code names the crates it uses.
    pub runtime: RuntimeSource,
    /// Whether doc examples run as doctests. A module that a build script generates and
    /// `include!`s lives at a path only the including crate knows, so its examples are shown
    /// but not compiled.
    pub doctests: bool,
}

/// A source file of the crate, its path relative to the crate root, as the parts that print
/// into it one after another.
pub struct EmittedFile<'a> {
    pub path: String,
    pub parts: Vec<Part<'a>>,
}

/// Part of a file: code, made when the printer asks for it, or Rust kept as written (the
/// runtime's sources, a macro from `templates/`). Code is a function rather than a token
/// stream because token streams cannot cross threads: each is made on the thread that
/// prints it. Written code is made as layout commands (see [`crate::print::Writer`]),
/// without tokens: the models' structs, which are most of a crate.
pub enum Part<'a> {
    Code(Box<dyn Fn() -> TokenStream + Send + Sync + 'a>),
    Written(Box<dyn Fn(&mut Writer<'_>) + Send + Sync + 'a>),
    Text(Cow<'static, str>),
}

/// Context of one emission run: cheap to copy into the functions that make each part.
#[derive(Clone, Copy)]
pub struct Emitter<'a> {
    pub api: &'a Api,
    /// Whether operation groups are behind cargo features (when there is more than one).
    pub features: bool,
    /// The crate's name in code, for the `use` lines of doc examples.
    crate_ident: &'a str,
    /// Where the runtime is, and so how emitted code names the crates it uses.
    runtime: RuntimeSource,
    /// Whether doc examples are doctests; see [`EmitOptions::doctests`].
    doctests: bool,
}

/// Describes every source file of the crate; the runtime's files among them when it is
/// vendored.
pub fn emit_crate<'a>(api: &'a Api, options: &'a EmitOptions) -> Result<Vec<EmittedFile<'a>>, askama::Error> {
    let emitter = Emitter {
        api,
        features: options.tag_features && api.groups.len() > 1,
        crate_ident: &options.crate_ident,
        runtime: options.runtime,
        doctests: options.doctests,
    };
    emitter.files()
}

/// The code blocks of the generated README, written from the IR like the examples in rustdoc.
pub fn readme_examples(api: &Api, crate_ident: &str, runtime: RuntimeSource) -> call_examples::ReadmeExamples {
    let emitter = Emitter { api, features: false, crate_ident, runtime, doctests: true };
    let operations: Vec<_> = api.operations.iter().map(|op| (op, emitter.required_params(op))).collect();
    call_examples::CallExampleWriter::new(api, crate_ident, runtime).readme(&operations)
}

/// The impls every string enum shares, as a macro the models module defines once; it names
/// serde by the path the rest of the emitted code does.
#[derive(askama::Template)]
#[template(path = "models/string_enum_impls.rs", escape = "none")]
struct StringEnumMacro {
    serde: String,
}

/// [`Emitter::runtime_path`] from a module one level below the crate root, as source text.
const RUNTIME_IN_MODULE: &str = "super::runtime";

/// Items per chunk: large enough that per-chunk overhead is small.
const TYPES_PER_CHUNK: usize = 48;
const OPERATIONS_PER_CHUNK: usize = 12;

impl<'a> Emitter<'a> {
    fn files(self) -> Result<Vec<EmittedFile<'a>>, askama::Error> {
        let api = self.api;
        let code = move |make: fn(&Emitter<'a>) -> TokenStream| Part::Code(Box::new(move || make(&self)));
        let mut files: Vec<EmittedFile<'a>> = Vec::new();
        let file = |path: &str, parts: Vec<Part<'a>>| EmittedFile { path: path.to_owned(), parts };
        files.push(file("src/lib.rs", vec![code(Emitter::lib_module)]));

        let mut types: Vec<crate::ir::TypeId> = (0..api.types.len()).map(crate::ir::TypeId).collect();
        types.sort_by(|a, b| api.types[a.0].name.cmp(&api.types[b.0].name));
        let mut model_parts: Vec<Part<'a>> = vec![code(Emitter::models_prelude)];
        if api.types.iter().any(|t| matches!(t.kind, crate::ir::TypeKind::Enum(_))) {
            let serde = self.runtime.external_path(ExternalCrate::Serde);
            let mut text = askama::Template::render(&StringEnumMacro { serde })?;
            // Askama drops the template file's last newline; the macro ends with its line.
            text.push('\n');
            model_parts.push(Part::Text(Cow::Owned(text)));
        }
        for chunk in types.chunks(TYPES_PER_CHUNK).map(<[_]>::to_vec) {
            model_parts.push(Part::Written(Box::new(move |writer| {
                for id in &chunk {
                    self.write_named_type(writer, *id);
                }
            })));
        }
        files.push(file("src/models.rs", model_parts));
        files.push(file("src/operations/mod.rs", vec![code(Emitter::operations_index)]));
        files.push(file("src/config.rs", vec![code(Emitter::config_module)]));
        for (index, group) in api.groups.iter().enumerate() {
            let operations: Vec<&Operation> = api.operations.iter().filter(|op| op.group == GroupId(index)).collect();
            let doc = match &group.description {
                Some(description) => format!("Operations tagged `{}`: {}", group.tag, description.trim()),
                None => format!("Operations tagged `{}`.", group.tag),
            };
            let prelude_ops = operations.clone();
            let mut parts: Vec<Part<'a>> = vec![Part::Code(Box::new(move || {
                let doc = docs::inner(&doc);
                let uses = self.group_prelude(&prelude_ops);
                quote!(#doc #uses)
            }))];
            for chunk in operations.chunks(OPERATIONS_PER_CHUNK).map(<[_]>::to_vec) {
                parts.push(Part::Written(Box::new(move |writer| {
                    for operation in &chunk {
                        self.write_operation(writer, operation);
                    }
                })));
            }
            files.push(file(&format!("src/operations/{}.rs", group.module.trim_start_matches("r#")), parts));
        }
        if self.runtime == RuntimeSource::Crate {
            files.push(file("src/runtime.rs", vec![code(Emitter::runtime_module)]));
        }
        if !api.patterns.is_empty() {
            let patterns = |e: &Emitter<'a>| {
                let body = e.patterns_module();
                let doc = docs::inner(
                    "Checks for the spec's `pattern` keywords, compiled to plain code where the pattern \
                     allows and to the `regex` crate (or `fancy-regex`, for look-around) otherwise.",
                );
                quote!(#doc #body)
            };
            files.push(file("src/patterns.rs", vec![code(patterns)]));
        }
        if self.runtime == RuntimeSource::Vendored {
            let root = [("mod.rs", vendored_runtime_root())];
            for (name, text) in root.iter().chain(RUNTIME_FILES) {
                files.push(file(&format!("src/runtime/{name}"), vec![Part::Text(Cow::Borrowed(text))]));
            }
        }
        Ok(files)
    }

    fn lib_module(&self) -> TokenStream {
        let api = self.api;
        let title = format!("{} {}: a typed client generated from the OpenAPI spec.", api.title, api.version);
        let description = api.description.clone();
        let doc = docs::inner(&docs::join_paragraphs(&[Some(title), description]));
        // Written here, not taken from the spec, so its intra-doc links are meant.
        let modules = " Modules: [`models`] holds the schema types, [`operations`] one request builder and \
                       one error enum per operation, and [`runtime`] what they share: the HTTP client \
                       and its transport, retries, request, response and validation types.";
        let patterns = (!api.patterns.is_empty()).then(|| {
            quote! {
                #[rustfmt::skip]
                pub mod patterns;
            }
        });
        quote! {
            #doc
            #![doc = ""]
            #![doc = #modules]
            #![forbid(unsafe_code)]
            // The README's examples compile as doctests, without being part of the crate's docs.
            #![cfg_attr(doctest, doc = include_str!("../README.md"))]

            #[rustfmt::skip]
            pub mod config;
            #[rustfmt::skip]
            pub mod models;
            #[rustfmt::skip]
            pub mod operations;
            #patterns
            #[rustfmt::skip]
            pub mod runtime;
        }
    }

    /// With the runtime as a crate, the crate's `runtime` module: the `specforge-runtime`
    /// crate re-exported whole, and in it a `Call` of this crate's own in place of the
    /// runtime's. The operations give `Call` their setters (`call.envelope(true)`), and a crate
    /// can add methods only to its own types; this `Call` does what the runtime's does, through
    /// the runtime's public functions.
    fn runtime_module(&self) -> TokenStream {
        let doc = docs::inner(
            "The `specforge-runtime` crate, re-exported, with a `Call` of this client's own: an operation bound to a \
             client, which the operations give their setters.",
        );
        let krate = quote::format_ident!("{}", runtime_source::RUNTIME_CRATE);
        let call = call_wrapper();
        // Not inlined: rustdoc would copy into this module the pages of every item of the
        // runtime and of every crate it re-exports (serde, chrono, reqwest, ...), 50 MB of
        // HTML per client; the re-export links to the runtime's own documentation instead.
        quote! {
            #doc
            #[doc(no_inline)]
            pub use ::#krate::*;

            #call
        }
    }

    /// Facts of the spec the runtime client needs (default server, token endpoint, user
    /// agent), passed to the runtime as its `ApiDefaults`, and `Client::builder()` using them.
    fn config_module(&self) -> TokenStream {
        let doc = docs::inner("Facts of the spec that the client uses as defaults.");
        let base_url = self.api.base_url.clone().unwrap_or_default();
        let token_url = self.api.security.iter().find_map(|scheme| match &scheme.kind {
            crate::ir::SecurityKind::OAuth2ClientCredentials { token_url } => Some(token_url.clone()),
            _ => None,
        });
        // A token endpoint on the spec's own server moves with the configured base URL.
        let token_path = token_url
            .as_deref()
            .and_then(|url| url.strip_prefix(base_url.trim_end_matches('/')))
            .filter(|path| path.starts_with('/') && !base_url.is_empty());
        let option = |value: Option<&str>| match value {
            Some(value) => quote!(Some(#value)),
            None => quote!(None),
        };
        let token_url = option(token_url.as_deref());
        let token_path = option(token_path);
        let runtime = self.runtime_path(1);
        // With the runtime as a crate, `Client::builder()` is the extension trait's (in the
        // operations module): a crate cannot add methods to another crate's type.
        let builder = (self.runtime == RuntimeSource::Vendored).then(|| {
            quote! {
                impl Client {
                    /// A builder with this API's [`DEFAULTS`], no credentials, a 60 s timeout and the
                    /// default retry policy.
                    pub fn builder() -> ClientBuilder {
                        ClientBuilder::new(DEFAULTS)
                    }
                }
            }
        });
        let uses = match self.runtime {
            RuntimeSource::Vendored => quote!(use #runtime::{ApiDefaults, Client, ClientBuilder};),
            RuntimeSource::Crate => quote!(use #runtime::ApiDefaults;),
        };
        quote! {
            #doc
            #uses

            /// The spec's first server (the default base URL), its OAuth2 client-credentials
            /// token endpoint if it has one, and this crate's name and version as `User-Agent`.
            pub const DEFAULTS: ApiDefaults = ApiDefaults {
                base_url: #base_url,
                user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
                oauth_token_url: #token_url,
                oauth_token_path: #token_path,
            };

            #builder
        }
    }

    fn operations_index(&self) -> TokenStream {
        let doc = docs::inner("Operations, one module per tag; every item is also re-exported here.");
        let modules = self.api.groups.iter().map(|group| {
            let module = models::ident(&group.module);
            let feature = &group.feature;
            let cfg = self.features.then(|| quote!(#[cfg(feature = #feature)]));
            quote! {
                #cfg
                pub mod #module;
                #cfg
                pub use #module::*;
            }
        });
        let shared_errors =
            self.api.operations.iter().enumerate().filter_map(|(index, operation)| match &operation.error_sharing {
                crate::ir::ErrorSharing::Owner { module } => Some(self.shared_error_module(index, module)),
                _ => None,
            });
        let error_trait = self.error_trait();
        let client_trait = (self.runtime == RuntimeSource::Crate).then(|| self.client_extension_trait());
        quote! {
            #doc
            #(#modules)*
            #(#shared_errors)*
            #error_trait
            #client_trait
        }
    }

    /// With the runtime as a crate: the trait that gives its `Client` this API's
    /// `Client::builder()` and one method per operation (what a vendored runtime's `Client` has
    /// as inherent methods), implemented for `Client`. A crate can add methods to another
    /// crate's type only through a trait of its own, which callers import.
    fn client_extension_trait(&self) -> TokenStream {
        let name = quote::format_ident!("{}", crate::naming::CLIENT_EXTENSION_TRAIT);
        let runtime = self.runtime_path(1);
        let (declarations, definitions): (Vec<TokenStream>, Vec<TokenStream>) =
            self.api.operations.iter().map(|operation| self.client_extension_method(operation)).unzip();
        quote! {
            /// This API's methods of the runtime's [`Client`](super::runtime::Client):
            /// `Client::builder()` with the API's defaults, and one method per operation that
            /// starts it on the client. Import this trait to call them
            /// (`client.some_operation(args).send().await`).
            pub trait #name {
                /// A builder with this API's [`DEFAULTS`](super::config::DEFAULTS), no credentials, a
                /// 60 s timeout and the default retry policy.
                fn builder() -> #runtime::ClientBuilder
                where
                    Self: Sized;

                #(#declarations)*
            }

            impl #name for #runtime::Client {
                fn builder() -> #runtime::ClientBuilder {
                    #runtime::ClientBuilder::new(super::config::DEFAULTS)
                }

                #(#definitions)*
            }
        }
    }

    /// The trait every operation's error enum implements, so that code can handle any of
    /// them the same way: the status and headers of the response behind the error and, when
    /// the spec has a common error schema, its decoded body and error code.
    fn error_trait(&self) -> TokenStream {
        let name = quote::format_ident!("{}", crate::naming::OPERATION_ERROR_TRAIT);
        let runtime = self.runtime_path(1);
        let http = self.external(ExternalCrate::Http);
        // The common error type is compiled with every group (lowering gives it no gate), so
        // `view` names it unconditionally.
        let view_ty = match self.api.common_error.as_ref() {
            Some(common) => {
                let ty = models::ident(&self.api.types[common.ty.0].name);
                quote!(#runtime::ErrorView<'_, super::models::#ty>)
            }
            None => quote!(#runtime::ErrorView<'_>),
        };
        let common = self.api.common_error.as_ref().map(|common| {
            let named = &self.api.types[common.ty.0];
            let ty = models::ident(&named.name);
            let doc = format!(
                " The decoded `{}` body: of a documented error status, or of an undocumented one whose \
                 body is one.",
                named.name
            );
            let code = common.code_field.as_ref().map(|field| {
                let field = models::ident(field);
                quote! {
                    /// The machine-readable error code of the body, if there is one.
                    fn error_code(&self) -> Option<&str> {
                        self.api_error()?.#field.as_deref()
                    }

                    /// Whether the body's error code is `code`.
                    fn is_error_code(&self, code: &str) -> bool {
                        self.error_code() == Some(code)
                    }
                }
            });
            quote! {
                #[doc = #doc]
                fn api_error(&self) -> Option<&super::models::#ty> {
                    self.view().api_error()
                }

                #code
            }
        });
        quote! {
            /// What every operation's error offers, whatever the operation: the response's status
            /// and headers, the decoded error body, and how long `Retry-After` asks to wait.
            ///
            /// Each error enum gives one borrowed [`view`](Self::view) of what it holds; the other
            /// methods, its message and its `source()` are computed from that view.
            pub trait #name: std::error::Error {
                /// What the error holds, borrowed: the documented status with its reason and
                /// body, the undocumented response, or the decoding, validation or transport
                /// error.
                fn view(&self) -> #view_ty;

                /// The HTTP status of the response behind this error, if one arrived.
                fn status(&self) -> Option<#http::StatusCode> {
                    self.view().status()
                }

                /// The headers of that response.
                fn headers(&self) -> Option<&#http::HeaderMap> {
                    self.view().headers()
                }

                #common

                /// How long the response's `Retry-After` asks to wait, given in seconds or as
                /// an HTTP date.
                fn retry_after(&self) -> Option<std::time::Duration> {
                    #runtime::response::retry_after(self.headers()?)
                }
            }
        }
    }

    /// `#[cfg(...)]` for an item needed by only some groups, when groups are features.
    fn cfg_for(&self, gate: &Gate) -> TokenStream {
        match self.cfg_features(gate) {
            None => quote!(),
            Some((features, all)) => match features.as_slice() {
                [one] => quote!(#[cfg(feature = #one)]),
                many if all => quote!(#[cfg(all(#(feature = #many),*))]),
                many => quote!(#[cfg(any(#(feature = #many),*))]),
            },
        }
    }

    /// The features an item needs, when groups are features and it is not always needed:
    /// any of them, or all of them (`true`) for an item behind the unreached feature.
    fn cfg_features(&self, gate: &Gate) -> Option<(Vec<&'a str>, bool)> {
        let api = self.api;
        let group_features = |groups: &std::collections::BTreeSet<crate::ir::GroupId>| {
            groups.iter().map(|g| api.groups[g.0].feature.as_str()).collect::<Vec<&str>>()
        };
        match gate {
            _ if !self.features => None,
            Gate::Always => None,
            Gate::AnyOf(groups) => Some((group_features(groups), false)),
            Gate::Unreached(groups) => {
                let mut features = vec![api.unreached_feature.as_str()];
                features.extend(group_features(groups));
                Some((features, true))
            }
        }
    }

    /// The path of the runtime module from a module `depth` levels below the crate root (the
    /// runtime crate's re-export, when the runtime is not vendored).
    fn runtime_path(&self, depth: usize) -> TokenStream {
        let supers = std::iter::repeat_n(quote!(super::), depth);
        quote!(#(#supers)* runtime)
    }

    /// The path of a crate that emitted code names (see [`runtime_source`]).
    fn external(&self, krate: ExternalCrate) -> TokenStream {
        self.runtime.external(krate)
    }
}

/// The `Call` of a client whose runtime is a crate (see `Emitter::runtime_module`): the
/// runtime's `Call`, with the same methods, done through the runtime's public functions.
fn call_wrapper() -> TokenStream {
    quote! {
        /// A request builder bound to the client that will send it, with the builder's
        /// setters, so options are set the same way on both (the runtime's `Call`, with
        /// this client's operations).
        #[derive(Debug, Clone)]
        #[must_use = "a call does nothing until it is sent"]
        pub struct Call<'c, O> {
            /// The client, or a handle on it with this call's options.
            client: std::borrow::Cow<'c, Client>,
            /// Set in place by the operations' setters.
            pub(crate) operation: O,
        }

        impl<'c, O> Call<'c, O> {
            /// Binds `operation` to `client`.
            pub fn new(client: &'c Client, operation: O) -> Self {
                Self { client: std::borrow::Cow::Borrowed(client), operation }
            }

            /// Changes the bound builder.
            pub fn map(self, change: impl FnOnce(O) -> O) -> Self {
                Self { client: self.client, operation: change(self.operation) }
            }

            /// Makes this call with its own settings (timeouts, retry policy, extra headers;
            /// see [`CallOptions`]), the client's credentials and transport unchanged.
            pub fn with_options(self, options: CallOptions) -> Self {
                Self { client: std::borrow::Cow::Owned(self.client.with_options(options)), operation: self.operation }
            }

            /// The client the call goes to, with the call's options.
            pub fn client(&self) -> &Client {
                &self.client
            }

            /// The request builder, for `build()` and `decode_response()` with another HTTP
            /// stack.
            pub fn operation(&self) -> &O {
                &self.operation
            }

            /// The request builder, unbound.
            pub fn into_operation(self) -> O {
                self.operation
            }

            /// The client (with the call's options) and the request builder.
            pub fn into_parts(self) -> (std::borrow::Cow<'c, Client>, O) {
                (self.client, self.operation)
            }
        }

        impl<O: Operation> Call<'_, O> {
            /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter
            /// is invalid.
            pub async fn send(self) -> Result<Response<O::Output>, O::Error> {
                call::send(&self.operation, &self.client).await
            }
        }

        impl<O: stream::Streamed> Call<'_, O> {
            /// Validates and sends, and returns the success body as a stream of chunks (see
            /// [`stream::send_stream`]).
            pub async fn send_stream(self) -> Result<StreamedResponse, O::Error> {
                stream::send_stream(&self.operation, &self.client).await
            }
        }

        impl<O: stream::StreamedItems> Call<'_, O> {
            /// Validates and sends, and returns the success body's items as they arrive (see
            /// [`stream::send_items`]).
            pub async fn send_items(self) -> Result<ItemStream<O::Item>, O::Error> {
                stream::send_items(&self.operation, &self.client).await
            }
        }

        impl<'c, O: Paged> Call<'c, O>
        where
            O::Error: From<PagingError>,
        {
            /// The pages of the listing, from the page asked for (see [`Pages`]).
            pub fn pages(self) -> Pages<'c, O> {
                Pages::of(self.client, self.operation)
            }

            /// The items of every page of the listing, in order (see [`Items`]).
            pub fn items(self) -> Items<'c, O> {
                self.pages().items()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The public methods of the `impl` blocks of `Call` in `items`.
    fn call_methods(items: &[syn::Item]) -> std::collections::BTreeSet<String> {
        items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(block) => Some(block),
                _ => None,
            })
            .filter(|block| {
                block.trait_.is_none()
                    && matches!(&*block.self_ty, syn::Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Call"))
            })
            .flat_map(|block| &block.items)
            .filter_map(|item| match item {
                syn::ImplItem::Fn(method) if matches!(method.vis, syn::Visibility::Public(_)) => {
                    Some(method.sig.ident.to_string())
                }
                _ => None,
            })
            .collect()
    }

    /// A client whose runtime is a crate has a `Call` of its own: it must offer every method
    /// of the runtime's, wherever in the runtime those are defined.
    #[test]
    fn the_clients_call_has_every_method_of_the_runtimes() {
        let runtime: std::collections::BTreeSet<String> = RUNTIME_FILES
            .iter()
            .flat_map(|(name, text)| {
                let file = syn::parse_file(text).unwrap_or_else(|error| panic!("runtime/src/{name}: {error}"));
                call_methods(&file.items)
            })
            .collect();
        assert!(runtime.contains("send") && runtime.contains("pages"), "{runtime:?}");
        let wrapper = syn::parse_file(&call_wrapper().to_string()).expect("the wrapper parses");
        assert_eq!(call_methods(&wrapper.items), runtime);
    }
}
