//! specforge turns an OpenAPI 3.x or Swagger 2.0 document into a typed Rust client crate: models, a request
//! builder per operation that validates its parameters, and an error enum per operation.
//!
//! It works like a small compiler: [`load`] reads the spec, [`lower`] resolves it into the
//! [`ir`], [`emit`] turns the IR into token streams, [`print`](mod@print) prints them as Rust, and
//! [`output`] writes or checks the crate.
//! The command-line tool and build scripts both use [`Generator`]:
//!
//! ```no_run
//! // build.rs of a crate that depends on `specforge-runtime` (and on nothing else at run time)
//! let generated = specforge::Generator::new("spec/restore-job.yaml")
//!     .tag_features(false)
//!     .runtime(specforge::RuntimeSource::Crate)
//!     .generate()
//!     .unwrap();
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("client.rs");
//! std::fs::write(out, generated.single_file().unwrap()).unwrap();
//! ```

pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod load;
mod locate;
pub mod lower;
pub mod naming;
pub mod output;
pub mod pattern;
pub mod print;
pub mod timings;

use std::path::{Path, PathBuf};

pub use diagnostics::{SpecError, Warning};
pub use emit::RuntimeSource;
pub use output::{GeneratedCrate, Staleness};
pub use print::Printer;

/// Everything that can stop a generation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The spec is unreadable or cannot be turned into a client.
    #[error(transparent)]
    Spec(#[from] SpecError),
    /// The generator produced invalid Rust: a bug in the generator.
    #[error(transparent)]
    Print(#[from] print::PrintError),
    /// A template failed to render: a bug in the generator.
    #[error("internal error: template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// Writing the crate was refused (files the generator did not write) or failed.
    #[error(transparent)]
    Write(#[from] output::WriteError),
}

/// Configures and runs one generation.
#[derive(Debug, Clone)]
pub struct Generator {
    spec: PathBuf,
    options: lower::LowerOptions,
    crate_name: Option<String>,
    command: Option<String>,
    tag_features: bool,
    ref_root: Option<PathBuf>,
    printer: Printer,
    overlays: Vec<PathBuf>,
    strict_overlays: bool,
    module_features: Vec<String>,
    runtime: RuntimeSource,
}

/// The result of a generation: the crate in memory, the IR it came from, and warnings.
#[derive(Debug)]
pub struct Generation {
    pub krate: GeneratedCrate,
    pub api: ir::Api,
    /// The crate's public API as the digest in it records it (what `diff` compares): made
    /// once, beside emission, and kept for comparing with the digest of the last generation.
    pub model: diff::ApiModel,
    /// The spec's warnings, and one for each overlay action whose target matched nothing.
    pub warnings: Vec<Warning>,
    /// The overlays applied, in order, as the crate records them.
    pub overlays: Vec<diff::OverlayRecord>,
}

impl Generator {
    /// A generator for the spec at `spec` (YAML, or JSON when the name ends in `.json`).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Generator {
            spec: spec.into(),
            options: lower::LowerOptions { envelope_param: Some("envelope".to_owned()), ..Default::default() },
            crate_name: None,
            command: None,
            tag_features: true,
            ref_root: None,
            printer: Printer::Layout,
            overlays: Vec::new(),
            strict_overlays: false,
            module_features: Vec::new(),
            runtime: RuntimeSource::Vendored,
        }
    }

    /// Whether each tag's operations sit behind a cargo feature of the same name (default
    /// true; only applies when the spec has several tags). Turn it off for a module that a
    /// build script generates into a crate without those features.
    pub fn tag_features(mut self, enabled: bool) -> Self {
        self.tag_features = enabled;
        self
    }

    /// An optional part of the runtime to include in a single-file module (repeatable):
    /// `mock` (typed mocks). A generated crate has each behind a cargo feature of that name;
    /// a module that a build script includes has no features of its own, so it holds only
    /// the parts named here, without their `cfg`. With [`RuntimeSource::Crate`] the module
    /// holds no runtime: the parts are features of the `specforge-runtime` dependency instead.
    pub fn module_feature(mut self, feature: impl Into<String>) -> Self {
        self.module_features.push(feature.into());
        self
    }

    /// Where the generated code gets its runtime (default [`RuntimeSource::Vendored`]: its
    /// sources are copied in). With [`RuntimeSource::Crate`] the code depends on the
    /// `specforge-runtime` crate instead, and names every other crate it uses (serde,
    /// serde_json, chrono, http, regex, fancy-regex) through that crate's re-exports: a crate
    /// that includes the code from its build script depends on `specforge-runtime` alone, and
    /// a generated crate's manifest lists only it. Callers then import the generated
    /// `operations::ClientExt` trait, which gives the runtime's `Client` the API's methods
    /// (`Client::builder()`, one per operation).
    pub fn runtime(mut self, source: RuntimeSource) -> Self {
        self.runtime = source;
        self
    }

    /// The directory that files named by `$ref` must be inside (default: the spec's own
    /// directory). A reference leaving it is an error, as is one naming a URL.
    pub fn ref_root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.ref_root = Some(dir.into());
        self
    }

    /// Applies this OpenAPI Overlay (1.0.0 or 1.1.0, YAML or JSON) to the spec before anything
    /// else reads it (repeatable: applied in the order given). The spec file is never written.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> Self {
        self.overlays.push(path.into());
        self
    }

    /// Whether an overlay action whose target matches nothing in the spec is an error
    /// (default false: it is a warning, as it typically is right after the spec changed).
    pub fn strict_overlays(mut self, strict: bool) -> Self {
        self.strict_overlays = strict;
        self
    }

    /// How the code is printed (default [`Printer::Layout`]: formatted, as a crate that people
    /// read and vendor wants). A build script whose output is only `include!`d can choose
    /// [`Printer::Tokens`]: the code is then written as its token streams print (same items,
    /// doc comments included, deterministic), which skips most of the generation time.
    pub fn printer(mut self, printer: Printer) -> Self {
        self.printer = printer;
        self
    }

    /// Whether the code is pretty-printed: [`Printer::Layout`] (true, the default) or
    /// [`Printer::Tokens`] (false).
    pub fn pretty(self, enabled: bool) -> Self {
        self.printer(if enabled { Printer::Layout } else { Printer::Tokens })
    }

    /// Generates only this operation (repeatable); the types it reaches come along.
    pub fn operation(mut self, operation_id: impl Into<String>) -> Self {
        self.options.operations.push(operation_id.into());
        self
    }

    /// Takes each operation's Rust names (builder type, method, error enum, ...) from this
    /// vendor extension when the operation has it, instead of from its operationId: with
    /// Atlas's `x-xgen-operation-id-override`, which keeps an operation's former name, a
    /// renamed operationId does not rename the Rust API. It is read as `x-rust-name` is
    /// (see [`naming::RUST_NAME_EXTENSION`]), which comes first when an operation has both.
    pub fn operation_name_extension(mut self, name: impl Into<String>) -> Self {
        self.options.operation_name_extension = Some(name.into());
        self
    }

    /// Uses the user's own Rust type (`my_types::Money`) for the component schema `schema`
    /// wherever the spec refers to it, and emits no model for it (repeatable). The type must
    /// implement `Serialize`, `Deserialize`, `Debug`, `Clone` and `PartialEq` (the models around
    /// it derive them); the generated crate checks that it does, so a wrong path fails its
    /// `cargo check` on a line naming the path. A schema's `x-rust-type` extension says the
    /// same in the spec. Naming a schema the spec does not have is an error.
    pub fn replace(mut self, schema: impl Into<String>, path: impl Into<String>) -> Self {
        self.options.replace.push((schema.into(), path.into()));
        self
    }

    /// Generates only operations with this tag (repeatable).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.options.tags.push(tag.into());
        self
    }

    /// The package name of the generated crate (default: from the spec's title).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// The boolean query parameter that asks for `{"status", "content"}` envelopes
    /// (default `envelope`, as in Atlas); `None` turns envelope handling off.
    pub fn envelope_param(mut self, name: Option<String>) -> Self {
        self.options.envelope_param = name;
        self
    }

    /// The command that regenerates the crate, quoted in generated headers.
    pub fn regenerate_command(mut self, command: impl Into<String>) -> Self {
        self.command = Some(command.into());
        self
    }

    /// Loads, lowers and emits; nothing is written.
    pub fn generate(&self) -> Result<Generation, Error> {
        let (lowered, applied) = {
            let spec = {
                let _span = timings::span("load");
                load::load_file_with(&self.spec, &self.load_options())?
            };
            let _span = timings::span("lower");
            (lower::lower(&spec, &self.options)?, spec.source.overlays().to_vec())
        };
        let overlays: Vec<diff::OverlayRecord> = applied
            .iter()
            .map(|overlay| diff::OverlayRecord::new(&self.spec, &overlay.path, &overlay.sha256))
            .collect();
        let mut warnings: Vec<Warning> = applied.iter().flat_map(|overlay| overlay.stale_warnings()).collect();
        warnings.extend(lowered.warnings);
        // The parsed spec is dropped before emission, which then reuses its memory: a full
        // spec's document is tens of megabytes, and fresh pages cost more than reused ones.
        let (krate, model) = self.emit_crate(&lowered.api, Some(&self.spec), &overlays)?;
        Ok(Generation { krate, api: lowered.api, model, warnings, overlays })
    }

    /// Loads and lowers only: the IR and the spec's source (to locate pointers in it, and
    /// with the overlays' outcomes), for comparing two specs without emitting either.
    pub fn lower_only(&self) -> Result<(load::Source, lower::Lowered), Error> {
        let spec = load::load_file_with(&self.spec, &self.load_options())?;
        let lowered = lower::lower(&spec, &self.options)?;
        Ok((spec.source, lowered))
    }

    fn load_options(&self) -> load::LoadOptions<'_> {
        load::LoadOptions {
            ref_root: self.ref_root.as_deref(),
            overlays: &self.overlays,
            strict_overlays: self.strict_overlays,
        }
    }

    /// Lowers and emits an already loaded spec (for measuring the stages apart).
    pub fn generate_loaded(&self, spec: &load::LoadedSpec) -> Result<Generation, Error> {
        let lowered = lower::lower(spec, &self.options)?;
        let (krate, model) = self.emit_crate(&lowered.api, None, &[])?;
        Ok(Generation { krate, api: lowered.api, model, warnings: lowered.warnings, overlays: Vec::new() })
    }

    /// Emits the crate for an IR. The API digest it records has no spec hash: only
    /// [`Generator::generate`] reads the spec's bytes.
    pub fn emit(&self, api: &ir::Api) -> Result<GeneratedCrate, Error> {
        self.emit_crate(api, None, &[]).map(|(krate, _)| krate)
    }

    /// Emits the crate and its API model; `spec`, when given, is the file whose hash the API
    /// digest records, beside the overlays applied to it.
    fn emit_crate(
        &self,
        api: &ir::Api,
        spec: Option<&Path>,
        overlays: &[diff::OverlayRecord],
    ) -> Result<(GeneratedCrate, diff::ApiModel), Error> {
        let spec_label = spec_label(&self.spec);
        // The header must not depend on how paths were spelled on the command line, or `check`
        // would call a crate stale because it was generated from another directory.
        let command = self.command.clone().unwrap_or_else(|| match self.runtime {
            RuntimeSource::Vendored => "specforge generate".to_owned(),
            RuntimeSource::Crate => "specforge generate --runtime crate".to_owned(),
        });
        let header =
            format!("// Generated by specforge from `{spec_label}`; do not edit.\n// Regenerate with: {command}\n\n");
        let crate_name = self.crate_name.clone().unwrap_or_else(|| naming::default_crate_name(&api.title));
        let info = output::CrateInfo { crate_name: &crate_name, spec_label: &spec_label, command: &command };
        // The manifest, README and API digest need only the IR: they are made on a thread of
        // their own while the sources are emitted, instead of after them on one core.
        let others = || {
            let (manifest_head, readme) = {
                let _span = timings::span("manifest and readme");
                output::crate_files(api, &info, &header, self.tag_features, self.runtime)?
            };
            // What `generate` compares the next generation with, to say what changed for users.
            let _span = timings::span("api digest");
            let spec_bytes = match spec {
                Some(path) => Some(std::fs::read(path).map_err(|source| Error::Io { path: path.to_owned(), source })?),
                None => None,
            };
            let mut digest = diff::ApiDigest::new(spec_bytes.as_deref(), diff::ApiModel::from_ir(api));
            digest.overlays = overlays.to_vec();
            let text = digest.to_text();
            Ok::<_, Error>((manifest_head, readme, text, digest.api))
        };
        let emission = emit::EmitOptions {
            tag_features: self.tag_features,
            crate_ident: naming::crate_ident(&crate_name),
            runtime: self.runtime,
            doctests: true,
        };
        let (files, others) = std::thread::scope(|scope| {
            let thread = std::thread::Builder::new().name("digest".to_owned()).spawn_scoped(scope, others);
            let files = {
                let _span = timings::span("emit and print sources");
                emit::emit_crate(api, &emission)
                    .map_err(Error::from)
                    .and_then(|files| Ok(print::print_files(&files, self.printer, &header)?))
            };
            let others = match thread {
                Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to spare: made here, after the sources.
                Err(_) => others(),
            };
            (files, others)
        });
        let (manifest_head, readme, digest, model) = others?;
        let mut all = files?;
        all.push(print::SourceFile { path: "README.md".to_owned(), text: readme });
        all.push(print::SourceFile { path: diff::DIGEST_FILE.to_owned(), text: digest });
        let single_file = output::SingleFileSettings {
            emission,
            printer: self.printer,
            header,
            runtime_features: self.module_features.clone(),
        };
        Ok((GeneratedCrate { files: all, manifest_head, single_file }, model))
    }
}

impl Generation {
    /// Writes the crate into `dir` (see [`GeneratedCrate::write`]); refuses when that would
    /// replace or remove a file the generator did not write.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>, Error> {
        Ok(self.krate.write(dir, false)?)
    }

    /// Writes the crate into `dir` even over files the generator did not write.
    pub fn overwrite(&self, dir: &Path) -> Result<Vec<PathBuf>, Error> {
        Ok(self.krate.write(dir, true)?)
    }

    /// Writes the crate as one file (see [`GeneratedCrate::write_single_file`]); `force`
    /// replaces a file that is not a generated module.
    pub fn write_module(&self, path: &Path, force: bool) -> Result<(), Error> {
        self.krate.write_single_file(&self.api, path, force)
    }

    /// Checks `dir` against what [`Generation::write`] would leave there.
    pub fn check(&self, dir: &Path) -> Result<Result<(), Staleness>, Error> {
        self.krate.check(dir).map_err(|source| Error::Io { path: dir.to_owned(), source })
    }

    /// The crate as one source file for `include!` (see [`GeneratedCrate::single_file`]).
    pub fn single_file(&self) -> Result<String, Error> {
        self.krate.single_file(&self.api)
    }
}

fn spec_label(spec: &Path) -> String {
    spec.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| spec.display().to_string())
}

/// `MongoDB Atlas Admin API` to `mongodb-atlas-admin-api` (decided in [`naming`]).
pub fn default_crate_name(title: &str) -> String {
    naming::default_crate_name(title)
}
