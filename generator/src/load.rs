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
    if let Ok(api) = without_panic(source, || serde_json::from_str(&source.text))? {
        return Ok(api);
    }
    let result: Result<OpenAPI, _> = without_panic(source, || {
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&source.text))
    })?;
    result.map_err(|error| {
        let inner = error.inner();
        let location = (inner.line() > 0).then(|| Location { line: inner.line(), column: inner.column() });
        let pointer = pointer_from_path(error.path());
        let message = format!("invalid OpenAPI document: {}", tidy_message(inner.to_string(), location, false));
        source.error_at_location(location, pointer, message)
    })
}

fn parse_yaml(source: &Source) -> Result<OpenAPI, SpecError> {
    if let Some(api) = parse_yaml_in_parallel(&source.text) {
        return Ok(api);
    }
    // The fast path; only a failure pays for tracking the path to the error.
    if let Ok(api) = without_panic(source, || serde_yaml::from_str(&source.text))? {
        return Ok(api);
    }
    let result: Result<OpenAPI, _> =
        without_panic(source, || serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(&source.text)))?;
    result.map_err(|error| {
        let inner = error.inner();
        let location = inner.location().map(|l| Location { line: l.line(), column: l.column() });
        let pointer = pointer_from_path(error.path());
        let message =
            format!("invalid OpenAPI document: {}", tidy_message(inner.to_string(), location, pointer.is_some()));
        let located = location.or_else(|| pointer.as_deref().and_then(|p| crate::locate::locate(&source.text, p)));
        source.error_at_location(located, pointer, message)
    })
}

/// Below this size a spec is parsed on one thread: a second one would not pay for itself.
const PARALLEL_PARSE_MIN_BYTES: usize = 256 * 1024;

/// Parses a large block-style YAML document in two halves at once: `components` on a second
/// thread, everything else here. YAML parsing is the one stage that cannot otherwise use a
/// second core, and in a large spec the two halves are of similar size.
///
/// `None` whenever the split might not mean what the whole document means (a top-level line
/// that is not a plain `key:`, a repeated key, an alias to an anchor in the other half) or
/// either half fails to parse; the caller then parses the whole document, which also gives
/// the errors their exact places.
fn parse_yaml_in_parallel(text: &str) -> Option<OpenAPI> {
    #[derive(serde::Deserialize)]
    struct ComponentsOnly {
        components: Option<openapiv3::Components>,
    }

    if text.len() < PARALLEL_PARSE_MIN_BYTES {
        return None;
    }
    let sections = top_level_sections(text)?;
    let &(_, start, end) = sections.iter().find(|(key, _, _)| *key == "components")?;
    let rest = format!("{}{}", &text[..start], &text[end..]);
    let components_text = &text[start..end];
    let (api, components) = std::thread::scope(|scope| {
        let components = scope.spawn(|| parse_quietly::<ComponentsOnly>(components_text));
        let api = parse_quietly::<OpenAPI>(&rest);
        (api, components.join().ok().flatten())
    });
    let mut api = api?;
    api.components = components?.components;
    Some(api)
}

/// Parses YAML, any failure or panic being `None`: the caller then parses the whole document.
fn parse_quietly<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    quiet_panics::catch(|| serde_yaml::from_str(text).ok()).ok().flatten()
}

/// The top-level keys of a block-style YAML mapping with the byte range of each one's
/// section (from its key line to the next key line), or `None` when a line at column 0 is
/// anything but a comment, a leading `---` or a plain `key:`, or when a key repeats.
fn top_level_sections(text: &str) -> Option<Vec<(&str, usize, usize)>> {
    let mut sections: Vec<(&str, usize, usize)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let Some(first) = content.chars().next() else { continue };
        if first == ' ' || first == '#' || (index == 0 && content == "---") {
            continue;
        }
        let (key, after) = content.split_once(':')?;
        let plain = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !plain || !(after.is_empty() || after.starts_with(' ')) || sections.iter().any(|(k, _, _)| *k == key) {
            return None;
        }
        if let Some(last) = sections.last_mut() {
            last.2 = start;
        }
        sections.push((key, start, text.len()));
    }
    Some(sections)
}

/// Runs one of the deserializations into `openapiv3` types, turning a panic into a spec error.
///
/// openapiv3 panics ("somehow this parsed successfully the second time") on documents that
/// parse one way as YAML and another as JSON values: a mapping with a duplicate key, or a
/// `.nan` where it expects a string. The panic is caught, kept off stderr, and reported at the
/// offending node when a scan of the text finds it.
fn without_panic<T>(source: &Source, parse: impl FnOnce() -> T) -> Result<T, SpecError> {
    quiet_panics::catch(parse).map_err(|panic| match crate::locate::find_unreadable(&source.text) {
        Some(found) => source.error_at_location(
            Some(found.location),
            Some(found.pointer),
            format!("invalid OpenAPI document: {}", found.message),
        ),
        None => source.error_at_location(
            None,
            None,
            format!("invalid OpenAPI document: the OpenAPI parser failed on it ({panic})"),
        ),
    })
}

mod quiet_panics {
    use std::cell::Cell;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::Once;

    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `f`, catching a panic and returning its message. The panic hook in place (the
    /// default one prints to stderr) is skipped for panics of this thread while `f` runs and
    /// called as before for every other panic.
    pub(super) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !QUIET.with(Cell::get) {
                    previous(info);
                }
            }));
        });
        let was_quiet = QUIET.with(|quiet| quiet.replace(true));
        let result = catch_unwind(AssertUnwindSafe(f));
        QUIET.with(|quiet| quiet.set(was_quiet));
        result.map_err(|payload| {
            payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned())
        })
    }
}

/// A parser's message without what the diagnostic already shows: the position it appends
/// (` at line 6 column 3`, when that is the reported location) and, when the pointer is known,
/// serde_yaml's dotted path in front (`paths./a: `).
fn tidy_message(message: String, location: Option<Location>, strip_path: bool) -> String {
    let mut message = match location {
        Some(at) => {
            let suffix = format!(" at line {} column {}", at.line, at.column);
            message.strip_suffix(suffix.as_str()).map(str::to_owned).unwrap_or(message)
        }
        None => message,
    };
    if strip_path {
        if let Some((path, rest)) = message.split_once(": ") {
            if !path.is_empty() && !path.contains(|c: char| c.is_whitespace() || c == '`') && !rest.is_empty() {
                message = rest.to_owned();
            }
        }
    }
    message
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec large enough for the parallel parse, with `filler` schemas after `extra`.
    fn large_spec(extra: &str) -> String {
        let mut text = String::from("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/S0'\n");
        text.push_str(extra);
        text.push_str("components:\n  schemas:\n");
        let mut index = 0;
        while text.len() < PARALLEL_PARSE_MIN_BYTES + 1024 {
            text.push_str(&format!(
                "    S{index}:\n      type: object\n      description: |\n        Line one.\n\n        Line two: with a colon.\n      properties:\n        name:\n          type: string\n"
            ));
            index += 1;
        }
        text
    }

    #[test]
    fn the_parallel_parse_equals_the_whole_document_parse() {
        let text = large_spec("x-note: kept\n# a comment at column 0\n");
        let whole: OpenAPI = serde_yaml::from_str(&text).expect("parses");
        let parallel = parse_yaml_in_parallel(&text).expect("splits");
        assert_eq!(parallel, whole);
        assert!(parallel.components.as_ref().is_some_and(|c| c.schemas.len() > 100));
        assert!(parallel.extensions.contains_key("x-note"));
    }

    #[test]
    fn the_whole_atlas_spec_parses_the_same_in_parallel() {
        let path = std::env::var_os("ATLAS_SPEC")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/atlas-admin-v2.yaml"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
            panic!("the full Atlas spec is needed at {} (or set ATLAS_SPEC): {error}", path.display())
        });
        let whole: OpenAPI = serde_yaml::from_str(&text).expect("parses");
        assert_eq!(parse_yaml_in_parallel(&text).expect("splits"), whole);
    }

    #[test]
    fn documents_the_split_might_misread_are_parsed_whole() {
        // An alias in one half to an anchor in the other.
        let text = large_spec("").replace("    S0:\n", "    S0: &anchored\n") + "x-shared: *anchored\n";
        assert!(parse_yaml_in_parallel(&text).is_none());
        let loaded = load_str(Path::new("spec.yaml"), text).expect("the whole document parses");
        assert!(loaded.api.extensions.contains_key("x-shared"));
        // Lines at column 0 that are not plain keys, and repeated keys.
        for text in ["%YAML 1.2\n---\nopenapi: 3.0.3\n", "? openapi\n: 3.0.3\n", "\"openapi\": 3.0.3\n", "a: 1\na: 2\n"]
        {
            assert!(top_level_sections(text).is_none(), "{text:?}");
        }
        // An anchor used only in its own half is fine.
        let text = large_spec("").replacen("components:", "components: &c", 1);
        assert_eq!(parse_yaml_in_parallel(&text), Some(serde_yaml::from_str::<OpenAPI>(&text).expect("parses")));
    }

    #[test]
    fn sections_span_from_their_key_to_the_next() {
        let text = "---\nopenapi: 3.0.3\n# note\ninfo:\n  title: T\n\npaths: {}\n";
        let sections = top_level_sections(text).expect("plain keys");
        let spans: Vec<(&str, &str)> = sections.iter().map(|(key, start, end)| (*key, &text[*start..*end])).collect();
        assert_eq!(
            spans,
            vec![("openapi", "openapi: 3.0.3\n# note\n"), ("info", "info:\n  title: T\n\n"), ("paths", "paths: {}\n")]
        );
    }
}
