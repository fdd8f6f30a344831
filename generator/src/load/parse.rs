//! Parsing one source text: YAML or JSON into a JSON value or straight into `openapiv3` types,
//! a large document's top-level sections on several threads, the OpenAPI parser's panics
//! caught and reported at the node that caused them, and the parsers' messages tidied for
//! diagnostics.

use super::Source;
use crate::diagnostics::{Location, SpecError};
use openapiv3::OpenAPI;
use serde_json::Value;
use std::path::Path;

/// Parses YAML or JSON text into a JSON value; mapping keys that YAML reads as numbers or
/// booleans (`200:`) stay the strings they were written as.
pub(crate) fn parse_value(path: &Path, text: &str, is_json: bool) -> Result<Value, SpecError> {
    if !is_json {
        if let Some(value) = parse_value_in_parallel(text) {
            return Ok(value);
        }
        if let Some(JsonFromYaml(value)) = parse_quietly(text) {
            return Ok(value);
        }
    }
    let source = Source::new(path, text.to_owned());
    if is_json {
        let result: Result<JsonFromYaml, _> = serde_json::from_str(text);
        return result.map(|JsonFromYaml(value)| value).map_err(|error| {
            let location = (error.line() > 0).then(|| Location { line: error.line(), column: error.column() });
            let message = format!("invalid JSON: {}", tidy_message(error.to_string(), location, false));
            source.error_at_location(location, None, message)
        });
    }
    let result: Result<JsonFromYaml, _> = without_panic(&source, || serde_yaml::from_str(text))?;
    result.map(|JsonFromYaml(value)| value).map_err(|error| {
        let location = error.location().map(|l| Location { line: l.line(), column: l.column() });
        let message = format!("invalid YAML: {}", tidy_message(error.to_string(), location, false));
        match crate::locate::find_unreadable(text) {
            Some(found) => source.error_at_location(
                Some(found.location),
                Some(found.pointer),
                format!("invalid YAML: {}", found.message),
            ),
            None => source.error_at_location(location, None, message),
        }
    })
}

/// A YAML or JSON document read as a JSON value, a repeated key being an error: scalar mapping keys become the strings they were
/// written as (`200:` is `"200"`), and integers beyond 64 bits become floating point numbers,
/// as JSON readers take them.
struct JsonFromYaml(Value);

impl<'de> serde::Deserialize<'de> for JsonFromYaml {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor).map(JsonFromYaml)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map(Value::from).unwrap_or_else(|_| float(v as f64)))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("`{v}` is not a finite number, and cannot be read here")))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(JsonFromYaml(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(JsonFromYaml(key)) = map.next_key()? {
            let key = match key {
                Value::String(key) => key,
                Value::Null => "null".to_owned(),
                other => other.to_string(),
            };
            let JsonFromYaml(value) = map.next_value()?;
            if object.contains_key(&key) {
                return Err(serde::de::Error::custom(format!("the key `{key}` appears twice in this mapping")));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// A float as a JSON number (integers beyond 64 bits are finite as floats).
fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

pub(super) fn parse_json(source: &Source) -> Result<OpenAPI, SpecError> {
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

pub(super) fn parse_yaml(source: &Source) -> Result<OpenAPI, SpecError> {
    if let Some(api) = parse_yaml_in_parallel(&source.text) {
        return Ok(api);
    }
    // The fast paths; only a failure pays for tracking the path to the error.
    if let Some(api) = parse_quietly(&source.text) {
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
    let components_text = &text[start..end];
    let (api, components) = std::thread::scope(|scope| {
        let components = scope.spawn(|| {
            let _span = crate::timings::span("parse YAML: components");
            parse_quietly::<ComponentsOnly>(components_text)
        });
        let _span = crate::timings::span("parse YAML: the rest");
        let api = parse_quietly::<OpenAPI>(&text_without(text, start, end));
        (api, components.join().ok().flatten())
    });
    let mut api = api?;
    api.components = components?.components;
    Some(api)
}

/// [`parse_value`] of a large block-style YAML document in two parts at once, as
/// [`parse_yaml_in_parallel`] does for the 3.0 fast path: the largest top-level section (the
/// schemas, as a rule) on a second thread, everything else here; the keys keep their written
/// order. `None` in the same cases, and the caller then parses the whole document.
fn parse_value_in_parallel(text: &str) -> Option<Value> {
    if text.len() < PARALLEL_PARSE_MIN_BYTES {
        return None;
    }
    let sections = top_level_sections(text)?;
    let &(largest, start, end) = sections.iter().max_by_key(|(_, start, end)| end - start)?;
    let section_text = &text[start..end];
    let (rest, section) = std::thread::scope(|scope| {
        let section = scope.spawn(|| parse_quietly::<JsonFromYaml>(section_text));
        let rest = parse_quietly::<JsonFromYaml>(&text_without(text, start, end));
        (rest, section.join().ok().flatten())
    });
    let (JsonFromYaml(Value::Object(mut rest)), JsonFromYaml(Value::Object(mut section))) = (rest?, section?) else {
        return None;
    };
    let mut section = Some(section.remove(largest)?);
    let mut object = serde_json::Map::with_capacity(sections.len());
    for (key, _, _) in &sections {
        let value = if *key == largest { section.take()? } else { rest.remove(*key)? };
        object.insert((*key).to_owned(), value);
    }
    rest.is_empty().then_some(Value::Object(object))
}

/// The text without the section from `start` to `end`, copied only when the section is in the
/// middle (a spec with sorted keys has `components` first).
fn text_without(text: &str, start: usize, end: usize) -> std::borrow::Cow<'_, str> {
    if start == 0 {
        text[end..].into()
    } else if end == text.len() {
        text[..start].into()
    } else {
        format!("{}{}", &text[..start], &text[end..]).into()
    }
}

/// Parses YAML, any failure or panic being `None`: the caller then parses the whole document
/// (again), for the error and its place. The reader of the block-style subset goes first, and
/// serde_yaml reads what it leaves.
fn parse_quietly<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    quiet_panics::catch(|| super::block_yaml::from_str(text).or_else(|| serde_yaml::from_str(text).ok())).ok().flatten()
}

/// Whether the reader of the block-style subset and serde_yaml agree on `text` read as `T`:
/// `Err` says how not. The reader may hand the text back (`None`) whatever serde_yaml does;
/// when it answers, serde_yaml must read the same value (compared as JSON, where a NaN is
/// null on both sides). A panic under both is `T`'s own (openapiv3 panics on a repeated key)
/// and no disagreement.
#[cfg(feature = "fuzzing")]
pub(super) fn readers_agree<T>(text: &str) -> Result<(), String>
where
    T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let json = |value: &T| serde_json::to_value(value).map_err(|error| format!("{value:?} as JSON: {error}"));
    let fast = quiet_panics::catch(|| super::block_yaml::from_str::<T>(text));
    let slow = quiet_panics::catch(|| serde_yaml::from_str::<T>(text).map_err(|error| error.to_string()));
    match (fast, slow) {
        (Ok(None), _) | (Err(_), Err(_)) => Ok(()),
        (Ok(Some(ours)), Ok(Ok(theirs))) if json(&ours)? == json(&theirs)? => Ok(()),
        (Ok(Some(ours)), Ok(Ok(theirs))) => Err(format!("read {ours:?}\nserde_yaml read {theirs:?}")),
        (Ok(Some(ours)), Ok(Err(error))) => Err(format!("read {ours:?}\nserde_yaml: {error}")),
        (Ok(Some(ours)), Err(panic)) => Err(format!("read {ours:?}\nserde_yaml panicked: {panic}")),
        (Err(panic), Ok(_)) => Err(format!("the reader panicked where serde_yaml did not: {panic}")),
    }
}

/// The top-level keys of a block-style YAML mapping with the byte range of each one's
/// section (from its key line to the next key line), or `None` when a line at column 0 is
/// anything but a comment, a leading `---` or a plain `key:`, or when a key repeats.
fn top_level_sections(text: &str) -> Option<Vec<(&str, usize, usize)>> {
    let mut sections: Vec<(&str, usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    // Only the lines at column 0 matter, a few dozen of a large spec's hundred thousand: the
    // line starts come from memchr's vectorised search, and an indented, comment or empty
    // line is passed over by its first byte. This scan runs before the parse can start.
    let line_starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1)).filter(|&at| at < bytes.len());
    for (index, start) in line_starts.enumerate() {
        if matches!(bytes[start], b' ' | b'#' | b'\n') {
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1);
        let content = text[start..end].trim_end_matches(['\n', '\r']);
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
pub(super) fn without_panic<T>(source: &Source, parse: impl FnOnce() -> T) -> Result<T, SpecError> {
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

/// A panic hook in a library, because openapiv3 reports these documents only by panicking and
/// a spec error must not come with a panic message on stderr. It is installed once, passes
/// every panic on to the hook that was in place, and is silent only for panics of the thread
/// that is inside [`catch`](quiet_panics::catch).
pub(super) mod quiet_panics {
    use std::cell::Cell;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::Once;

    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `f`, catching a panic and returning its message. The panic hook in place (the
    /// default one prints to stderr) is skipped for panics of this thread while `f` runs and
    /// called as before for every other panic.
    pub(in crate::load) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
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

pub(super) fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub(super) fn pointer_from_path(path: &serde_path_to_error::Path) -> Option<String> {
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
    use std::path::PathBuf;

    use crate::load::load_str;

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
    fn the_parallel_value_parse_equals_the_whole_document_parse() {
        let text = large_spec("x-note: kept\n# a comment at column 0\n").replace("openapi: 3.0.3", "openapi: 3.1.0");
        let whole = serde_yaml::from_str::<JsonFromYaml>(&text).expect("parses").0;
        let parallel = parse_value_in_parallel(&text).expect("splits");
        assert_eq!(parallel, whole);
        // The same keys in the same (written) order.
        let keys = |value: &Value| value.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
        assert_eq!(keys(&parallel), keys(&whole));
        assert_eq!(keys(&parallel).expect("a mapping"), ["openapi", "info", "paths", "x-note", "components"]);
        // An alias to an anchor in the other part: the whole document is parsed instead.
        let text = text.replace("    S0:\n", "    S0: &anchored\n") + "x-shared: *anchored\n";
        assert!(parse_value_in_parallel(&text).is_none());
        let value = parse_value(Path::new("spec.yaml"), &text, false).expect("the whole document parses");
        assert!(value.get("x-shared").is_some_and(Value::is_object));
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
