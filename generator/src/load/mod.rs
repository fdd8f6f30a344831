//! Reading a spec into `openapiv3` types: OpenAPI 3.0, 3.1 (and the 3.1-compatible parts of
//! 3.2) and Swagger 2.0, YAML or JSON, in one file or several. The only module that knows the
//! YAML and JSON parsers; it keeps the source texts so later stages can point at a line.
//!
//! A 3.0 document in one file is read straight into `openapiv3` types (the fast path). Any
//! other document is parsed into a JSON value, its files bundled into one (private module `files`), upgraded
//! to the 3.0 object model (`openapi31`, `swagger2`) and then read. Every node an upgrade
//! moves is recorded, so diagnostics name the file, line and pointer the user wrote.
//!
//! Parsing one text, fast paths and parser panics included, is the private module `parse`.
//!
//! Overlays ([`overlay`]) apply to the document as written, after bundling and before the
//! upgrade, so a spec with overlays always takes the general path.

mod block_yaml;
mod files;
mod openapi31;
pub mod overlay;
mod parse;
mod swagger2;
mod walk;

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;
use serde_json::Value;

use self::parse::{parse_json, parse_value, parse_yaml, plain, pointer_from_path, without_panic};
use crate::diagnostics::{Location, SpecError, Warning};

/// A parsed spec together with where it came from.
#[derive(Debug)]
pub struct LoadedSpec {
    pub api: OpenAPI,
    pub source: Source,
    /// What the upgrade to the 3.0 object model could not carry over faithfully.
    pub warnings: Vec<Warning>,
    /// The operations under methods that `openapiv3`'s path item has no field for.
    pub extra_operations: Vec<ExtraOperation>,
}

/// An operation under a method that the 3.0 object model has no field for: OpenAPI 3.2's
/// `query` and a path item's `additionalOperations`.
#[derive(Debug, Clone)]
pub struct ExtraOperation {
    /// The path item's path.
    pub path: String,
    /// The method as it is sent (`QUERY`, `LINK`).
    pub method: String,
    pub operation: openapiv3::Operation,
}

/// The files a spec was read from, for diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    text: String,
    /// The other files of a multi-file spec, as named in diagnostics, with their text.
    files: Vec<(PathBuf, String)>,
    /// The moves of each loading stage (bundling, then the upgrade), in order.
    stages: Vec<Vec<Moved>>,
    /// The overlays applied to the document, in order, with what each action matched.
    overlays: Vec<overlay::AppliedOverlay>,
}

/// How to load a spec besides its path.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    /// The directory that files named by `$ref` must be inside (default: the spec's directory).
    pub ref_root: Option<&'a Path>,
    /// Overlay files applied in order to the (bundled) document before its upgrade.
    pub overlays: &'a [PathBuf],
    /// Whether an overlay action whose target matches nothing is an error (else it is
    /// reported in [`Source::overlays`]).
    pub strict_overlays: bool,
}

/// The extension the 3.2 upgrade puts on a media type whose `schema` it took from
/// `itemSchema` (the 3.0 object model has no place for it): the schema describes each item.
pub(crate) const ITEM_SCHEMA_MARK: &str = "x-specforge-item-schema";

/// The fields of a path item that hold an operation, one per method (OpenAPI 3.2 adds
/// `query`); an operation under any other method is in its `additionalOperations`.
pub(crate) const METHOD_FIELDS: &[&str] =
    &["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"];

/// The extension the 3.2 upgrade puts on a path item for its operations under methods that
/// the 3.0 object model has no field for (its `query` operation and `additionalOperations`),
/// keyed by the method as it is sent (`QUERY`, `LINK`).
pub(crate) const EXTRA_OPERATIONS: &str = "x-specforge-operations";

/// The extension the 3.2 upgrade puts on a query parameter that was `in: querystring`: its
/// value is the whole query.
pub(crate) const QUERYSTRING_MARK: &str = "x-specforge-querystring";

/// The extension the 3.2 upgrade puts a tag's `parent` in (`openapiv3`'s tag has no field
/// for it): the name of the tag it is nested under.
pub(crate) const TAG_PARENT: &str = "x-specforge-parent";

/// A node that a loading stage put at `to` and that the stage before had at `from` (in
/// `files[file]` when `file` is set, else in the same document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Moved {
    pub to: String,
    pub from: String,
    pub file: Option<usize>,
}

/// A problem an upgrade found, at a pointer of the document it upgraded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub pointer: String,
    pub message: String,
}

/// What an upgrade moved and what it could not carry over.
#[derive(Debug, Default)]
pub(crate) struct Upgraded {
    pub moved: Vec<Moved>,
    pub warnings: Vec<Problem>,
}

impl Source {
    fn new(path: &Path, text: String) -> Self {
        Source { path: path.to_owned(), text, files: Vec::new(), stages: Vec::new(), overlays: Vec::new() }
    }

    /// The overlays applied to the spec, in order, with what each action matched.
    pub fn overlays(&self) -> &[overlay::AppliedOverlay] {
        &self.overlays
    }

    /// An error at `pointer`, with its line and column when the node can be found in the text.
    /// A pointer into a node the loader moved is reported where the user wrote it.
    pub fn error_at(&self, pointer: &str, message: impl Into<String>) -> SpecError {
        let (file, original) = self.original(pointer);
        let (path, text) = match file {
            Some(index) => (&self.files[index].0, &self.files[index].1),
            None => (&self.path, &self.text),
        };
        SpecError {
            file: path.clone(),
            location: crate::locate::locate(text, &original),
            pointer: Some(original),
            message: message.into(),
        }
    }

    /// Where the user wrote the node at `pointer`: the pointer itself for the root file, or the
    /// other file's name followed by the pointer in it (`models/pet.yaml#/properties/id`).
    pub fn original_pointer(&self, pointer: &str) -> String {
        match self.original(pointer) {
            (None, original) => original,
            (Some(index), original) => {
                let relative = self.files[index].0.strip_prefix(self.path.parent().unwrap_or(Path::new("")));
                let name = relative.unwrap_or(&self.files[index].0);
                format!("{}{original}", name.display())
            }
        }
    }

    /// The file (`None`: the root one) and pointer a node of the loaded document came from.
    fn original(&self, pointer: &str) -> (Option<usize>, String) {
        let mut pointer = pointer.to_owned();
        for stage in self.stages.iter().rev() {
            let found = stage
                .iter()
                .filter(|moved| {
                    pointer.strip_prefix(moved.to.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
                })
                .max_by_key(|moved| moved.to.len());
            if let Some(moved) = found {
                pointer = format!("{}{}", moved.from, &pointer[moved.to.len()..]);
                if moved.file.is_some() {
                    return (moved.file, pointer);
                }
            }
        }
        (None, pointer)
    }

    fn error_at_location(&self, location: Option<Location>, pointer: Option<String>, message: String) -> SpecError {
        SpecError { file: self.path.clone(), pointer, location, message }
    }

    fn warning(&self, problem: Problem) -> Warning {
        Warning { pointer: self.original_pointer(&problem.pointer), message: problem.message }
    }
}

/// For the differential fuzz target (`fuzz/fuzz_targets/yaml.rs`): whether specforge's
/// reader of block-style YAML reads `text` as `T` exactly as serde_yaml does, whenever it reads
/// it at all (see `parse::readers_agree`).
#[cfg(feature = "fuzzing")]
pub fn yaml_readers_agree<T>(text: &str) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    parse::readers_agree::<T>(text)
}

/// Reads and parses a spec file; files it refers to must be in its directory.
pub fn load_file(path: &Path) -> Result<LoadedSpec, SpecError> {
    load_file_within(path, None)
}

/// Reads and parses a spec file whose `$ref`s may name files anywhere under `ref_root`
/// (default: the spec's directory).
pub fn load_file_within(path: &Path, ref_root: Option<&Path>) -> Result<LoadedSpec, SpecError> {
    load_file_with(path, &LoadOptions { ref_root, ..LoadOptions::default() })
}

/// Reads and parses a spec file, applying `options.overlays` to it. The overlays are read and
/// checked first, so that a broken one fails before the spec is parsed.
pub fn load_file_with(path: &Path, options: &LoadOptions) -> Result<LoadedSpec, SpecError> {
    let overlays = options.overlays.iter().map(|path| overlay::Overlay::read(path)).collect::<Result<Vec<_>, _>>()?;
    let text = std::fs::read_to_string(path).map_err(|error| SpecError {
        file: path.to_owned(),
        pointer: None,
        location: None,
        message: format!("cannot read the spec: {error}"),
    })?;
    load_str_within(path, text, options.ref_root, &overlays, options.strict_overlays)
}

/// Parses spec text; `path` names it in diagnostics, chooses the syntax (`.json` is JSON,
/// anything else YAML, which also reads JSON) and is where relative `$ref`s start from.
pub fn load_str(path: &Path, text: String) -> Result<LoadedSpec, SpecError> {
    load_str_within(path, text, None, &[], false)
}

fn load_str_within(
    path: &Path,
    text: String,
    ref_root: Option<&Path>,
    overlays: &[overlay::Overlay],
    strict_overlays: bool,
) -> Result<LoadedSpec, SpecError> {
    let general = General { ref_root, overlays, strict_overlays };
    let source = Source::new(path, text);
    if source.text.trim().is_empty() {
        return Err(source.error_at_location(None, None, "the file is empty; expected an OpenAPI document".into()));
    }
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if overlays.is_empty() && is_plain_openapi_30(&source.text, is_json) {
        let parsed = if is_json { parse_json(&source) } else { parse_yaml(&source) };
        match parsed {
            Ok(api) if api.openapi.starts_with("3.0") => {
                return Ok(LoadedSpec { api, source, warnings: Vec::new(), extra_operations: Vec::new() });
            }
            // Read from a JSON value, a document can still succeed: integers beyond 64 bits
            // are read as floating point numbers there. If not, the direct read's error has
            // the more exact place.
            Err(error) => return load_upgraded(source, is_json, &general).map_err(|_| error),
            Ok(_) => {}
        }
    }
    load_upgraded(source, is_json, &general)
}

/// What the general path needs besides the source.
struct General<'a> {
    ref_root: Option<&'a Path>,
    overlays: &'a [overlay::Overlay],
    strict_overlays: bool,
}

/// The versions the loader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

/// The general path: parse to a JSON value, bundle the files, upgrade, then read.
fn load_upgraded(mut source: Source, is_json: bool, general: &General) -> Result<LoadedSpec, SpecError> {
    let mut document = parse_value(&source.path, &source.text, is_json)?;
    let mut version = version_of(&source, &document)?;
    if needs_bundling(&source.text, version == Version::Swagger2) {
        let bundled =
            files::bundle(&source.path, general.ref_root, &source.text, &mut document, version == Version::Swagger2)?;
        source.files = bundled.files;
        source.stages.push(bundled.moved);
    }
    if !general.overlays.is_empty() {
        let _span = crate::timings::span("apply overlays");
        for overlay in general.overlays {
            source.overlays.push(overlay.apply(&mut document, general.strict_overlays)?);
        }
        // An overlay may have changed the version field too.
        version = version_of(&source, &document)?;
    }
    let upgraded = match version {
        Version::Swagger2 => {
            swagger2::upgrade(&mut document).map_err(|problem| source.error_at(&problem.pointer, problem.message))?
        }
        Version::OpenApi31 => openapi31::upgrade(&mut document),
        Version::OpenApi30 => Upgraded::default(),
    };
    let warnings: Vec<Warning> = upgraded.warnings.into_iter().map(|problem| source.warning(problem)).collect();
    source.stages.push(upgraded.moved);
    if let Some(mut api) = without_panic(&source, || openapi_in_parallel(&document))? {
        let extra_operations = take_extra_operations(&mut api, &source)?;
        return Ok(LoadedSpec { api, source, warnings, extra_operations });
    }
    // Only a document that does not read is read again, tracking where it fails.
    let result: Result<OpenAPI, _> = without_panic(&source, || serde_path_to_error::deserialize(document))?;
    let mut api = result.map_err(|error| {
        let pointer = pointer_from_path(error.path()).unwrap_or_else(|| "#".to_owned());
        source.error_at(&pointer, format!("invalid OpenAPI document: {}", error.inner()))
    })?;
    let extra_operations = take_extra_operations(&mut api, &source)?;
    Ok(LoadedSpec { api, source, warnings, extra_operations })
}

/// Reads the operations the 3.2 upgrade put in each path item's [`EXTRA_OPERATIONS`], removing
/// the extension.
fn take_extra_operations(api: &mut OpenAPI, source: &Source) -> Result<Vec<ExtraOperation>, SpecError> {
    let mut extra = Vec::new();
    for (path, item) in &mut api.paths.paths {
        let openapiv3::ReferenceOr::Item(item) = item else { continue };
        let Some(Value::Object(operations)) = item.extensions.shift_remove(EXTRA_OPERATIONS) else { continue };
        let base =
            crate::diagnostics::pointer_push(&crate::diagnostics::pointer_push("#/paths", path), EXTRA_OPERATIONS);
        for (method, operation) in operations {
            let pointer = crate::diagnostics::pointer_push(&base, &method);
            let operation = serde_path_to_error::deserialize(operation).map_err(|error| {
                let inner = pointer_from_path(error.path()).unwrap_or_else(|| "#".to_owned());
                source.error_at(&format!("{pointer}{}", &inner[1..]), format!("invalid operation: {}", error.inner()))
            })?;
            extra.push(ExtraOperation { path: path.clone(), method, operation });
        }
    }
    Ok(extra)
}

/// The document as `openapiv3` types, its components read on a second thread as the fast
/// path's YAML parse does; `None` when it does not read (the caller then reads it again to
/// locate the fault).
fn openapi_in_parallel(document: &Value) -> Option<OpenAPI> {
    use serde::Deserialize as _;

    let Value::Object(object) = document else { return None };
    let components = object.get("components");
    let (api, components) = std::thread::scope(|scope| {
        let components = scope.spawn(|| components.map(openapiv3::Components::deserialize).transpose().ok());
        // The rest, read in place: the entries other than the components.
        let rest = object.iter().filter(|(key, _)| *key != "components").map(|(key, value)| (key.as_str(), value));
        let api = OpenAPI::deserialize(serde::de::value::MapDeserializer::<_, serde_json::Error>::new(rest)).ok();
        (api, components.join().ok().flatten())
    });
    let mut api: OpenAPI = api?;
    api.components = components?;
    Some(api)
}

/// The version a document declares, or why it is not one the loader reads.
fn version_of(source: &Source, document: &Value) -> Result<Version, SpecError> {
    Ok(match (document.get("swagger"), document.get("openapi")) {
        (Some(swagger), _) if plain(swagger) == "2.0" => Version::Swagger2,
        (Some(swagger), _) => {
            return Err(source.error_at(
                "#/swagger",
                format!(
                    "Swagger {} is not supported; this generator reads Swagger 2.0 and OpenAPI 3.0 to 3.2",
                    plain(swagger)
                ),
            ))
        }
        (None, None) => {
            return Err(source.error_at("#", "not an OpenAPI document: the `openapi` version field is missing"))
        }
        (None, Some(version)) => {
            let version = plain(version);
            if version.starts_with("3.0") {
                Version::OpenApi30
            } else if version.starts_with("3.1") || version.starts_with("3.2") {
                Version::OpenApi31
            } else {
                return Err(source.error_at(
                    "#/openapi",
                    format!(
                        "OpenAPI {version} is not supported; this generator reads OpenAPI 3.0 to 3.2 and Swagger 2.0"
                    ),
                ));
            }
        }
    })
}

/// Whether the text declares OpenAPI 3.0 and refers to no other file: what the fast path
/// reads. A look at the text only; anything else takes the general path, which reads 3.0 too.
fn is_plain_openapi_30(text: &str, is_json: bool) -> bool {
    let version = if is_json {
        text.find("\"openapi\"")
            .map(|at| text[at + 9..].trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '"').to_owned())
    } else {
        // The line that starts with `openapi:`, found by memchr's vectorised search: specs
        // with sorted keys have it tens of thousands of lines down (line 34,526 of Atlas's).
        let at = if text.starts_with("openapi:") {
            Some(0)
        } else {
            memchr::memmem::find(text.as_bytes(), b"\nopenapi:").map(|at| at + 1)
        };
        at.and_then(|at| text[at..].lines().next())
            .map(|line| &line["openapi:".len()..])
            .map(|rest| rest.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'').to_owned())
    };
    version.is_some_and(|version| version.starts_with("3.0")) && !needs_bundling(text, false)
}

/// Whether some `$ref` in the text (or what looks like one) names anything but a component of
/// the document itself: another file, or another place of this one. Bundling resolves those.
fn needs_bundling(text: &str, swagger2: bool) -> bool {
    // memchr's vectorised search: this scan of the whole text runs before the parse can start.
    memchr::memmem::find_iter(text.as_bytes(), "$ref").any(|at| {
        let rest = text[at + 4..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or(""),
            _ => rest.split(|c: char| c.is_whitespace() || c == ',' || c == '}').next().unwrap_or(""),
        };
        !names_a_component(value, swagger2)
    })
}

/// Whether a `$ref` names a component of the document it is in (`#/components/schemas/Pet`,
/// `#/definitions/Pet` in Swagger 2.0): what lowering follows without bundling.
fn names_a_component(reference: &str, swagger2: bool) -> bool {
    let Some(fragment) = reference.strip_prefix('#') else { return false };
    files::names_a_component(fragment, swagger2)
}
