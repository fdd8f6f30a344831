//! Emission: the IR to Rust source files, built as token streams with `quote` and laid out
//! as formatted Rust by the private `layout` module (or, for build scripts that only `include!` the code,
//! written as the token streams print, one item per line). The runtime support modules are the sources of the
//! `specforge-runtime` crate (`runtime/src/`), copied as they are.

mod bodies;
pub mod call_examples;
mod docs;
pub mod examples;
mod headers;
mod layout;
mod models;
mod multipart;
mod operations;
mod paging;
mod patterns;
mod query;
mod statuses;
mod stream;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Gate, GroupId, Operation};

/// The runtime modules, copied into every generated crate as `src/runtime/<name>`: the
/// files of the `specforge-runtime` crate, its `lib.rs` becoming the module's `mod.rs`. The
/// generated crate thus compiles the same code the runtime crate tests, and depends on
/// nothing of this repository.
pub const RUNTIME_FILES: &[(&str, &str)] = &[
    ("mod.rs", include_str!("../../../runtime/src/lib.rs")),
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

/// The optional parts of the runtime, each a module of `runtime/src/lib.rs` behind a cargo
/// feature of this name (of the runtime crate and of every generated crate).
pub const RUNTIME_FEATURES: &[&str] = &["mock", "record", "tower"];

/// A generated source file, its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// Our own tokens failed to parse: a generator bug, reported rather than panicking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "internal error: generated {} is not valid Rust: {}", self.path, self.message)
    }
}

impl std::error::Error for FormatError {}

/// Context of one emission run.
pub struct Emitter<'a> {
    pub api: &'a Api,
    /// Whether operation groups are behind cargo features (when there is more than one).
    pub features: bool,
    /// Whether chunks are laid out as formatted Rust; without it they are printed as token streams.
    formatted: bool,
    /// First line(s) of every file: what generated it and how to regenerate it.
    header: String,
    /// Descriptions of the chunk being emitted, put in after formatting.
    docs: docs::DeferredDocs,
    /// The crate's name in code, for the `use` lines of doc examples.
    crate_ident: &'a str,
}

/// Emits every source file of the crate, pretty-printed when `formatted`.
pub fn emit_sources(
    api: &Api,
    header: &str,
    tag_features: bool,
    crate_ident: &str,
    formatted: bool,
) -> Result<Vec<SourceFile>, FormatError> {
    let emitter = Emitter {
        api,
        features: tag_features && api.groups.len() > 1,
        formatted,
        header: header.to_owned(),
        docs: docs::DeferredDocs::new(formatted),
        crate_ident,
    };
    emitter.sources()
}

/// The code blocks of the generated README, written from the IR like the examples in rustdoc.
pub fn readme_examples(api: &Api, crate_ident: &str) -> call_examples::ReadmeExamples {
    let emitter = Emitter {
        api,
        features: false,
        formatted: false,
        header: String::new(),
        docs: docs::DeferredDocs::new(false),
        crate_ident,
    };
    let operations: Vec<_> = api.operations.iter().map(|op| (op, emitter.required_params(op))).collect();
    call_examples::CallExampleWriter::new(api, crate_ident).readme(&operations)
}

/// Part of a file, emitted and formatted on its own so that large files spread over cores.
type ChunkFn<'e> = Box<dyn Fn(&Emitter<'_>) -> TokenStream + Send + Sync + 'e>;

/// A piece of a file: code to emit and format, or Rust kept as written in `templates/`.
enum Part<'e> {
    Code(ChunkFn<'e>),
    Verbatim(&'static str),
}

/// The impls every string enum shares, as a macro the models module defines once.
const STRING_ENUM_MACRO: &str = include_str!("../../../templates/models/string_enum_impls.rs");

/// Items per chunk: large enough that per-chunk overhead is small.
const TYPES_PER_CHUNK: usize = 48;
const OPERATIONS_PER_CHUNK: usize = 12;

impl Emitter<'_> {
    fn sources(&self) -> Result<Vec<SourceFile>, FormatError> {
        let api = self.api;
        let mut files: Vec<(String, Vec<Part<'_>>)> = Vec::new();
        files.push(("src/lib.rs".into(), vec![Part::Code(Box::new(|e: &Emitter<'_>| e.lib_module()))]));

        let mut types: Vec<crate::ir::TypeId> = (0..api.types.len()).map(crate::ir::TypeId).collect();
        types.sort_by(|a, b| api.types[a.0].name.cmp(&api.types[b.0].name));
        let mut model_chunks: Vec<Part<'_>> = vec![Part::Code(Box::new(|e: &Emitter<'_>| e.models_prelude()))];
        if api.types.iter().any(|t| matches!(t.kind, crate::ir::TypeKind::Enum(_))) {
            model_chunks.push(Part::Verbatim(STRING_ENUM_MACRO));
        }
        for chunk in types.chunks(TYPES_PER_CHUNK).map(<[_]>::to_vec) {
            model_chunks.push(Part::Code(Box::new(move |e: &Emitter<'_>| {
                // Collected rather than interpolated: `quote!` would copy each item's tokens.
                chunk.iter().map(|id| e.named_type(*id)).collect::<TokenStream>()
            })));
        }
        files.push(("src/models.rs".into(), model_chunks));
        files
            .push(("src/operations/mod.rs".into(), vec![Part::Code(Box::new(|e: &Emitter<'_>| e.operations_index()))]));
        files.push(("src/config.rs".into(), vec![Part::Code(Box::new(|e: &Emitter<'_>| e.config_module()))]));
        for (index, group) in api.groups.iter().enumerate() {
            let operations: Vec<&Operation> = api.operations.iter().filter(|op| op.group == GroupId(index)).collect();
            let doc = match &group.description {
                Some(description) => format!("Operations tagged `{}`: {}", group.tag, description.trim()),
                None => format!("Operations tagged `{}`.", group.tag),
            };
            let prelude_ops = operations.clone();
            let mut chunks: Vec<Part<'_>> = vec![Part::Code(Box::new(move |e: &Emitter<'_>| {
                let doc = e.docs.inner(&doc);
                let uses = e.group_prelude(&prelude_ops);
                quote!(#doc #uses)
            }))];
            for chunk in operations.chunks(OPERATIONS_PER_CHUNK).map(<[_]>::to_vec) {
                chunks.push(Part::Code(Box::new(move |e: &Emitter<'_>| {
                    chunk.iter().map(|operation| e.operation(operation)).collect::<TokenStream>()
                })));
            }
            files.push((format!("src/operations/{}.rs", group.module.trim_start_matches("r#")), chunks));
        }
        if !api.patterns.is_empty() {
            files.push((
                "src/patterns.rs".into(),
                vec![Part::Code(Box::new(|e: &Emitter<'_>| {
                    let body = e.patterns_module();
                    let doc = e.docs.inner(
                        "Checks for the spec's `pattern` keywords, compiled to plain code where the pattern \
                         allows and to the `regex` crate (or `fancy-regex`, for look-around) otherwise.",
                    );
                    quote!(#doc #body)
                }))],
            ));
        }

        let jobs: Vec<(&str, &ChunkFn<'_>)> = files
            .iter()
            .flat_map(|(path, parts)| {
                parts.iter().filter_map(move |part| match part {
                    Part::Code(chunk) => Some((path.as_str(), chunk)),
                    Part::Verbatim(_) => None,
                })
            })
            .collect();
        let mut formatted = self.format_all(&jobs)?.into_iter();
        let mut sources = Vec::with_capacity(files.len() + RUNTIME_FILES.len());
        for (path, parts) in &files {
            let texts: Vec<String> = parts
                .iter()
                .map(|part| match part {
                    Part::Code(_) => formatted.next().unwrap_or_default(),
                    Part::Verbatim(verbatim) => (*verbatim).to_owned(),
                })
                .collect();
            // One allocation of the file's size: the files are megabytes.
            let mut text = String::with_capacity(self.header.len() + texts.iter().map(|t| t.len() + 1).sum::<usize>());
            text.push_str(&self.header);
            for (index, part) in texts.iter().enumerate() {
                if index > 0 {
                    text.push('\n');
                }
                text.push_str(part);
            }
            sources.push(SourceFile { path: path.clone(), text });
        }
        for (name, text) in RUNTIME_FILES {
            sources.push(SourceFile { path: format!("src/runtime/{name}"), text: format!("{}{}", self.header, text) });
        }
        Ok(sources)
    }

    /// Emits and formats every chunk, on as many threads as there are cores; results come
    /// back in job order, so the output does not depend on scheduling.
    fn format_all(&self, jobs: &[(&str, &ChunkFn<'_>)]) -> Result<Vec<String>, FormatError> {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<std::sync::Mutex<Option<Result<String, FormatError>>>> =
            jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
        let (api, features, formatted, crate_ident) = (self.api, self.features, self.formatted, self.crate_ident);
        let run = || {
            // Token streams are not Send, so each thread builds its own from the shared IR.
            let docs = docs::DeferredDocs::new(formatted);
            let emitter = Emitter { api, features, formatted, header: String::new(), docs, crate_ident };
            loop {
                let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((path, chunk)) = jobs.get(index) else { break };
                let _span = crate::timings::span_with(|| format!("chunk {index} of {path}"));
                let tokens = chunk(&emitter);
                let docs = emitter.docs.take();
                let text = if formatted { Ok(layout::print_file(tokens, &docs)) } else { Ok(print_items(tokens)) };
                *results[index].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(text);
            }
        };
        std::thread::scope(|scope| {
            for worker in 1..workers {
                // Named for `--timings`; a thread that cannot start leaves its share to the others.
                let _ = std::thread::Builder::new().name(format!("emit-{worker}")).spawn_scoped(scope, run);
            }
            run();
        });
        results
            .into_iter()
            .map(|slot| {
                slot.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).unwrap_or_else(|| {
                    Err(FormatError { path: String::new(), message: "a formatting job did not run".into() })
                })
            })
            .collect()
    }

    fn lib_module(&self) -> TokenStream {
        let api = self.api;
        let title = format!("{} {}: a typed client generated from the OpenAPI spec.", api.title, api.version);
        let description = api.description.clone();
        let doc = self.docs.inner(&docs::join_paragraphs(&[Some(title), description]));
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

    /// Facts of the spec the runtime client needs (default server, token endpoint, user
    /// agent), passed to the runtime as its `ApiDefaults`, and `Client::builder()` using them.
    fn config_module(&self) -> TokenStream {
        let doc = self.docs.inner("Facts of the spec that the client uses as defaults.");
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
        quote! {
            #doc
            use #runtime::{ApiDefaults, Client, ClientBuilder};

            /// The spec's first server (the default base URL), its OAuth2 client-credentials
            /// token endpoint if it has one, and this crate's name and version as `User-Agent`.
            pub const DEFAULTS: ApiDefaults = ApiDefaults {
                base_url: #base_url,
                user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
                oauth_token_url: #token_url,
                oauth_token_path: #token_path,
            };

            impl Client {
                /// A builder with this API's [`DEFAULTS`], no credentials, a 60 s timeout and the
                /// default retry policy.
                pub fn builder() -> ClientBuilder {
                    ClientBuilder::new(DEFAULTS)
                }
            }
        }
    }

    fn operations_index(&self) -> TokenStream {
        let doc = self.docs.inner("Operations, one module per tag; every item is also re-exported here.");
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
        let error_trait = self.error_trait();
        quote! {
            #doc
            #(#modules)*
            #error_trait
        }
    }

    /// The trait every operation's error enum implements, so that code can handle any of
    /// them the same way: the status and headers of the response behind the error and, when
    /// the spec has a common error schema, its decoded body and error code.
    fn error_trait(&self) -> TokenStream {
        let name = quote::format_ident!("{}", crate::naming::OPERATION_ERROR_TRAIT);
        let runtime = self.runtime_path(1);
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
                fn status(&self) -> Option<http::StatusCode> {
                    self.view().status()
                }

                /// The headers of that response.
                fn headers(&self) -> Option<&http::HeaderMap> {
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
        let group_features = |groups: &std::collections::BTreeSet<crate::ir::GroupId>| {
            groups.iter().map(|g| self.api.groups[g.0].feature.as_str()).collect::<Vec<&str>>()
        };
        let (features, all) = match gate {
            _ if !self.features => return quote!(),
            Gate::Always => return quote!(),
            Gate::AnyOf(groups) => (group_features(groups), false),
            Gate::Unreached(groups) => {
                let mut features = vec![self.api.unreached_feature.as_str()];
                features.extend(group_features(groups));
                (features, true)
            }
        };
        match features.as_slice() {
            [one] => quote!(#[cfg(feature = #one)]),
            many if all => quote!(#[cfg(all(#(feature = #many),*))]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        }
    }

    /// The path of the runtime module from a module `depth` levels below the crate root.
    fn runtime_path(&self, depth: usize) -> TokenStream {
        let supers = std::iter::repeat_n(quote!(super::), depth);
        quote!(#(#supers)* runtime)
    }
}

/// Tokens laid out as formatted Rust, their `#[doc]` attributes as doc comments.
pub fn print_tokens(tokens: TokenStream) -> String {
    layout::print_file(tokens, &docs::DeferredDocs::default().take())
}

/// Tokens as they print, one top-level item or inner attribute per line: valid Rust,
/// deterministic, and much cheaper than formatting, for code that is only compiled. An item
/// ends after a `;` or a `{}` block at the top level (a `;` after a block lands on the next
/// line, which is harmless). [`crate::output::GeneratedCrate::single_file`] relies on `mod`
/// declarations having lines of their own.
fn print_items(tokens: TokenStream) -> String {
    use proc_macro2::{Delimiter, TokenTree};
    let mut out = String::new();
    let mut item = TokenStream::new();
    let mut after_bang = false;
    for token in tokens {
        let ends_item = match &token {
            TokenTree::Punct(punct) => punct.as_char() == ';',
            TokenTree::Group(group) => {
                group.delimiter() == Delimiter::Brace || (after_bang && group.delimiter() == Delimiter::Bracket)
            }
            _ => false,
        };
        after_bang = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '!');
        item.extend([token]);
        if ends_item {
            out.push_str(&std::mem::take(&mut item).to_string());
            out.push('\n');
        }
    }
    if !item.is_empty() {
        out.push_str(&item.to_string());
        out.push('\n');
    }
    out
}
