//! Where generated code finds the runtime, and the paths by which it names the crates its
//! code uses (serde, serde_json, chrono, http, regex, fancy-regex): every such path of the
//! emitted code comes from here, so that the two ways of getting the runtime differ in this
//! module only.
//!
//! With the runtime vendored, a generated crate (or the crate including a generated module)
//! depends on those crates itself and names them plainly (`serde::Serializer`). With the
//! runtime as the `specforge-runtime` crate, it depends on that crate alone and names every
//! other crate through the runtime's re-exports (`::specforge_runtime::serde::Serializer`),
//! serde's derives included (`#[serde(crate = "::specforge_runtime::serde")]`). The runtime
//! itself is at the same `runtime` path either way: a module that re-exports the crate, with a
//! `Call` of the client's own (a crate can add methods only to its own types, and the
//! operations give `Call` their setters); the client's methods of the runtime's `Client` come
//! from the operations module's `ClientExt` trait ([`crate::naming::CLIENT_EXTENSION_TRAIT`]).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The runtime crate's name in code.
pub const RUNTIME_CRATE: &str = "specforge_runtime";

/// The runtime crate's package name, as a generated manifest depends on it.
pub const RUNTIME_PACKAGE: &str = "specforge-runtime";

/// The version of the runtime crate that generated code is written for: the generator and the
/// runtime are released together and share the workspace's version.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How a generated client gets its runtime.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RuntimeSource {
    /// The runtime's sources copied into the client as its `runtime` module (`src/runtime/` of
    /// a crate, inline in a single-file module): the client depends on nothing of specforge,
    /// and on serde, reqwest, tokio and the other crates the runtime uses.
    #[default]
    Vendored,
    /// The `specforge-runtime` crate as the client's one dependency: no runtime sources are
    /// written, the `runtime` module re-exports the crate (with a `Call` of the client's own),
    /// `Client::builder()` and the operations' `Client` methods come from the
    /// `operations::ClientExt` trait, and every other crate is named through the crate's
    /// re-exports.
    Crate,
}

/// A crate that emitted code names, other than the runtime: a dependency of a client with a
/// vendored runtime, a re-export of the runtime crate otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExternalCrate {
    Serde,
    SerdeJson,
    Chrono,
    Http,
    Regex,
    FancyRegex,
}

impl ExternalCrate {
    /// Every crate emitted code may name: the runtime crate re-exports each of them.
    pub const ALL: [ExternalCrate; 6] = [
        ExternalCrate::Serde,
        ExternalCrate::SerdeJson,
        ExternalCrate::Chrono,
        ExternalCrate::Http,
        ExternalCrate::Regex,
        ExternalCrate::FancyRegex,
    ];

    /// The crate's name in code.
    pub fn name(self) -> &'static str {
        match self {
            ExternalCrate::Serde => "serde",
            ExternalCrate::SerdeJson => "serde_json",
            ExternalCrate::Chrono => "chrono",
            ExternalCrate::Http => "http",
            ExternalCrate::Regex => "regex",
            ExternalCrate::FancyRegex => "fancy_regex",
        }
    }
}

impl RuntimeSource {
    /// The path emitted code names `krate` by.
    pub(crate) fn external(self, krate: ExternalCrate) -> TokenStream {
        let name = Ident::new(krate.name(), Span::call_site());
        match self {
            RuntimeSource::Vendored => quote!(#name),
            RuntimeSource::Crate => {
                let runtime = Ident::new(RUNTIME_CRATE, Span::call_site());
                quote!(::#runtime::#name)
            }
        }
    }

    /// The same path as source text, for code kept as text in `templates/`.
    pub(crate) fn external_path(self, krate: ExternalCrate) -> String {
        match self {
            RuntimeSource::Vendored => krate.name().to_owned(),
            RuntimeSource::Crate => format!("::{RUNTIME_CRATE}::{}", krate.name()),
        }
    }

    /// The path for doc examples: compiled as doctests of the generated crate, which depends
    /// on the runtime crate (so the path needs no leading `::`).
    pub(crate) fn external_text(self, krate: ExternalCrate) -> String {
        self.external_path(krate).trim_start_matches("::").to_owned()
    }

    /// `#[serde(crate = "...")]` for a serde derive, when serde is not a dependency of the
    /// crate the code is compiled in (the derive's code names `serde` otherwise).
    pub(crate) fn serde_crate_attribute(self) -> Option<TokenStream> {
        match self {
            RuntimeSource::Vendored => None,
            RuntimeSource::Crate => {
                let path = self.external_path(ExternalCrate::Serde);
                Some(quote!(#[serde(crate = #path)]))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendored_code_names_crates_plainly() {
        assert_eq!(RuntimeSource::Vendored.external(ExternalCrate::SerdeJson).to_string(), "serde_json");
        assert_eq!(RuntimeSource::Vendored.external_text(ExternalCrate::Chrono), "chrono");
        assert_eq!(RuntimeSource::Vendored.external_path(ExternalCrate::Serde), "serde");
        assert!(RuntimeSource::Vendored.serde_crate_attribute().is_none());
    }

    #[test]
    fn crate_mode_names_crates_through_the_runtime() {
        assert_eq!(
            RuntimeSource::Crate.external(ExternalCrate::FancyRegex).to_string(),
            ":: specforge_runtime :: fancy_regex"
        );
        assert_eq!(RuntimeSource::Crate.external_text(ExternalCrate::Chrono), "specforge_runtime::chrono");
        assert_eq!(RuntimeSource::Crate.external_path(ExternalCrate::Serde), "::specforge_runtime::serde");
        assert_eq!(
            RuntimeSource::Crate.serde_crate_attribute().map(|attr| attr.to_string()).as_deref(),
            Some("# [serde (crate = \"::specforge_runtime::serde\")]")
        );
    }

    /// The runtime crate re-exports every crate that emitted code names through it.
    #[test]
    fn the_runtime_crate_reexports_every_external_crate() {
        let lib = include_str!("../../../runtime/src/lib.rs");
        for krate in ExternalCrate::ALL {
            assert!(
                lib.contains(&format!("pub use {};", krate.name())),
                "runtime/src/lib.rs does not re-export {krate:?}"
            );
        }
    }

    /// Generated code is written for the runtime of the same release.
    #[test]
    fn the_runtime_version_is_the_runtime_crates() {
        let manifest = include_str!("../../../runtime/Cargo.toml");
        let workspace = include_str!("../../../Cargo.toml");
        assert!(manifest.contains("version.workspace = true"), "runtime/Cargo.toml takes the workspace's version");
        assert!(workspace.contains(&format!("version = \"{RUNTIME_VERSION}\"")), "the workspace's version");
    }
}
