//! Reading a spec file (YAML or JSON) into `openapiv3` types. The only module that knows the
//! YAML and JSON parsers; it keeps the source text so later stages can point at a line.

use std::path::{Path, PathBuf};

use openapiv3::OpenAPI;

use crate::diagnostics::{Location, SpecError};

/// A parsed spec together with where it came from.
#[derive(Debug)]
pub struct LoadedSpec {
    pub api: OpenAPI,
    pub source: Source,
}

/// The file a spec was read from, for diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    text: String,
}

impl Source {
    /// An error at `pointer`, with its line and column when the node can be found in the text.
    pub fn error_at(&self, pointer: &str, message: impl Into<String>) -> SpecError {
        SpecError {
            file: self.path.clone(),
            pointer: Some(pointer.to_owned()),
            location: crate::locate::locate(&self.text, pointer),
            message: message.into(),
        }
    }

    fn error_at_location(&self, location: Option<Location>, pointer: Option<String>, message: String) -> SpecError {
        SpecError { file: self.path.clone(), pointer, location, message }
    }
}

/// Reads and parses a spec file.
pub fn load_file(path: &Path) -> Result<LoadedSpec, SpecError> {
    let text = std::fs::read_to_string(path).map_err(|error| SpecError {
        file: path.to_owned(),
        pointer: None,
        location: None,
        message: format!("cannot read the spec: {error}"),
    })?;
    load_str(path, text)
}

/// Parses spec text; `path` names it in diagnostics and chooses the syntax (`.json` is JSON,
/// anything else YAML, which also reads JSON).
pub fn load_str(path: &Path, text: String) -> Result<LoadedSpec, SpecError> {
    let source = Source { path: path.to_owned(), text };
    if source.text.trim().is_empty() {
        return Err(source.error_at_location(None, None, "the file is empty; expected an OpenAPI 3.0 document".into()));
    }
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let parsed = if is_json { parse_json(&source) } else { parse_yaml(&source) };
    let api = match parsed {
        Ok(api) => api,
        Err(error) => return Err(version_error(&source, is_json).unwrap_or(error)),
    };
    if !api.openapi.starts_with("3.0") {
        return Err(source.error_at(
            "#/openapi",
            format!("OpenAPI {} is not supported; this generator reads OpenAPI 3.0.x documents", api.openapi),
        ));
    }
    Ok(LoadedSpec { api, source })
}

fn parse_json(source: &Source) -> Result<OpenAPI, SpecError> {
    // The fast path; only a failure pays for tracking the path to the error.
    if let Ok(api) = serde_json::from_str(&source.text) {
        return Ok(api);
    }
    let mut deserializer = serde_json::Deserializer::from_str(&source.text);
    let result: Result<OpenAPI, _> = serde_path_to_error::deserialize(&mut deserializer);
    result.map_err(|error| {
        let inner = error.inner();
        let location = (inner.line() > 0).then(|| Location { line: inner.line(), column: inner.column() });
        let pointer = pointer_from_path(error.path());
        let message = format!("invalid OpenAPI document: {inner}");
        source.error_at_location(location, pointer, message)
    })
}

fn parse_yaml(source: &Source) -> Result<OpenAPI, SpecError> {
    // The fast path; only a failure pays for tracking the path to the error.
    if let Ok(api) = serde_yaml::from_str(&source.text) {
        return Ok(api);
    }
    let deserializer = serde_yaml::Deserializer::from_str(&source.text);
    let result: Result<OpenAPI, _> = serde_path_to_error::deserialize(deserializer);
    result.map_err(|error| {
        let inner = error.inner();
        let location = inner.location().map(|l| Location { line: l.line(), column: l.column() });
        let pointer = pointer_from_path(error.path());
        let message = format!("invalid OpenAPI document: {inner}");
        let located = location.or_else(|| pointer.as_deref().and_then(|p| crate::locate::locate(&source.text, p)));
        source.error_at_location(located, pointer, message)
    })
}

/// When the document does not parse as OpenAPI 3.0, a plain word about its version is more
/// useful than the first field that failed: Swagger 2.0 and OpenAPI 3.1 are the usual cases.
fn version_error(source: &Source, is_json: bool) -> Option<SpecError> {
    #[derive(serde::Deserialize)]
    struct VersionProbe {
        swagger: Option<serde_json::Value>,
        openapi: Option<serde_json::Value>,
    }
    let probe: VersionProbe =
        if is_json { serde_json::from_str(&source.text).ok()? } else { serde_yaml::from_str(&source.text).ok()? };
    if let Some(swagger) = probe.swagger {
        return Some(source.error_at(
            "#/swagger",
            format!("Swagger {} is not supported; convert the document to OpenAPI 3.0 first", plain(&swagger)),
        ));
    }
    match probe.openapi {
        None => Some(source.error_at("#", "not an OpenAPI document: the `openapi` version field is missing")),
        Some(version) if !plain(&version).starts_with("3.0") => Some(source.error_at(
            "#/openapi",
            format!("OpenAPI {} is not supported; this generator reads OpenAPI 3.0.x documents", plain(&version)),
        )),
        Some(_) => None,
    }
}

fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pointer_from_path(path: &serde_path_to_error::Path) -> Option<String> {
    use serde_path_to_error::Segment;
    let mut pointer = String::from("#");
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = crate::diagnostics::pointer_push(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = crate::diagnostics::pointer_push(&pointer, key),
            Segment::Enum { variant } => pointer = crate::diagnostics::pointer_push(&pointer, variant),
            Segment::Unknown => {}
        }
    }
    (pointer.len() > 1).then_some(pointer)
}
