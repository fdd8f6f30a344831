//! OpenAPI Overlays (Overlay Specification 1.0.0 and 1.1.0): reading an overlay document,
//! refusing one this module cannot apply faithfully, and applying its actions in order to a
//! spec's JSON value — the document as written (bundled, for a multi-file spec), before any
//! upgrade to the 3.0 object model. Owns the overlay format, the lines its errors point at,
//! and the record of which actions matched (what stale-action warnings and `diff` report).
//!
//! Targets are RFC 9535 JSONPath queries (`serde_json_path`). An `update` onto an object is
//! merged into it: objects merge key by key, recursively; an array in the update is appended
//! to the array already there; anything else replaces what was there. An `update` onto an
//! array appends the value as one entry. A scalar target cannot be updated (the
//! specification defines updates of objects and arrays only): target its parent instead.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use serde_json_path::JsonPath;
use sha2::{Digest as _, Sha256};

use crate::diagnostics::{Location, SpecError, Warning};

/// A parsed overlay document, checked and ready to apply.
#[derive(Debug, Clone)]
pub struct Overlay {
    path: PathBuf,
    text: String,
    sha256: String,
    actions: Vec<Action>,
}

#[derive(Debug, Clone)]
struct Action {
    /// The position in the overlay's `actions`, 0-based as in a JSON pointer.
    index: usize,
    target_text: String,
    target: JsonPath,
    change: Change,
}

/// What an action does to the nodes its target selects. When an action sets several fields,
/// the specification gives `remove` precedence over `update`, and `update` over `copy`.
#[derive(Debug, Clone)]
enum Change {
    Update(Value),
    Remove,
    Copy {
        from_text: String,
        from: JsonPath,
    },
    /// An action with a target only: it changes nothing but is still checked for matches.
    Nothing,
}

/// One action as applied to one spec: how many nodes its target selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionOutcome {
    pub index: usize,
    pub target: String,
    pub matched: usize,
}

/// An overlay as it was applied to a spec: which file, its content's hash, and each action's
/// outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedOverlay {
    pub path: PathBuf,
    /// SHA-256 of the overlay file, hex: what a generated crate records.
    pub sha256: String,
    pub actions: Vec<ActionOutcome>,
}

impl AppliedOverlay {
    /// The file's name, as the generated crate records it (like the spec's, so that the
    /// record does not depend on the directory `generate` ran from).
    pub fn label(&self) -> String {
        self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }

    /// A warning for each action whose target selected nothing.
    pub fn stale_warnings(&self) -> Vec<Warning> {
        self.actions
            .iter()
            .filter(|action| action.matched == 0)
            .map(|action| Warning {
                pointer: format!("{}#/actions/{}", self.path.display(), action.index),
                message: stale_message(action.index, &action.target),
            })
            .collect()
    }
}

fn stale_message(index: usize, target: &str) -> String {
    format!("overlay action {index}: its target `{target}` matches nothing in the spec")
}

/// The Overlay Specification versions this module applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1_0,
    V1_1,
}

impl Overlay {
    /// Reads and checks the overlay at `path` (YAML, or JSON when the name ends in `.json`).
    pub fn read(path: &Path) -> Result<Overlay, SpecError> {
        let text = std::fs::read_to_string(path).map_err(|error| SpecError {
            file: path.to_owned(),
            pointer: None,
            location: None,
            message: format!("cannot read the overlay: {error}"),
        })?;
        Overlay::parse(path, text)
    }

    /// Checks overlay text; `path` names it in errors and chooses the syntax.
    pub fn parse(path: &Path, text: String) -> Result<Overlay, SpecError> {
        let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        let sha256 = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        let mut overlay = Overlay { path: path.to_owned(), text, sha256, actions: Vec::new() };
        if overlay.text.trim().is_empty() {
            return Err(overlay.error("#", "the overlay file is empty; expected an Overlay document"));
        }
        let document = super::parse::parse_value(path, &overlay.text, is_json)?;
        overlay.actions = overlay.check(&document)?;
        Ok(overlay)
    }

    /// Applies every action in order to `document`. `strict` makes an action whose target
    /// matches nothing an error instead of an outcome with no match.
    pub fn apply(&self, document: &mut Value, strict: bool) -> Result<AppliedOverlay, SpecError> {
        let mut outcomes = Vec::with_capacity(self.actions.len());
        for action in &self.actions {
            let matched = self.apply_action(action, document)?;
            if matched == 0 && strict {
                return Err(self.error(
                    &format!("#/actions/{}/target", action.index),
                    format!("{} (--strict-overlays)", stale_message(action.index, &action.target_text)),
                ));
            }
            outcomes.push(ActionOutcome { index: action.index, target: action.target_text.clone(), matched });
        }
        Ok(AppliedOverlay { path: self.path.clone(), sha256: self.sha256.clone(), actions: outcomes })
    }

    /// Applies one action; returns how many nodes its target selected.
    fn apply_action(&self, action: &Action, document: &mut Value) -> Result<usize, SpecError> {
        let at = |field: &str| format!("#/actions/{}/{field}", action.index);
        // A copy's source is read before the targets change, and must exist even when no
        // target matches: copying from nothing is an error in the overlay, not a stale target.
        let update = match &action.change {
            Change::Copy { from_text, from } => {
                let found = from.query(document);
                match found.len() {
                    1 => Some(found.first().cloned().unwrap_or(Value::Null)),
                    0 => {
                        return Err(self.error(
                            &at("copy"),
                            format!("action {}: `copy` source `{from_text}` selects nothing in the spec", action.index),
                        ))
                    }
                    n => {
                        return Err(self.error(
                            &at("copy"),
                            format!(
                                "action {}: `copy` source `{from_text}` selects {n} nodes; it must select exactly one",
                                action.index
                            ),
                        ))
                    }
                }
            }
            Change::Update(value) => Some(value.clone()),
            Change::Remove | Change::Nothing => None,
        };
        let located = action.target.query_located(document).dedup();
        let matched = located.len();
        let mut paths: Vec<_> = located.iter().map(|node| node.location().clone()).collect();
        if let Change::Remove = action.change {
            // Deepest and last first, so that removing one node never moves another still to
            // be removed (array entries after it shift down; a child goes before its parent).
            paths.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        }
        let pointers: Vec<String> = paths.iter().map(|path| path.to_json_pointer()).collect();
        drop(located);
        match (&action.change, update) {
            (Change::Remove, _) => {
                for pointer in &pointers {
                    if pointer.is_empty() {
                        return Err(self.error(
                            &at("target"),
                            format!("action {}: `remove` cannot remove the whole document (`$`)", action.index),
                        ));
                    }
                    remove(document, pointer);
                }
            }
            (_, Some(update)) => {
                let field = if matches!(action.change, Change::Copy { .. }) { "copy" } else { "update" };
                for pointer in &pointers {
                    let Some(node) = document.pointer_mut(pointer) else { continue };
                    match node {
                        Value::Object(object) => match &update {
                            Value::Object(fields) => merge_object(object, fields),
                            other => {
                                return Err(self.error(
                                    &at(field),
                                    format!(
                                        "action {}: the `{field}` value is {} but the target `{}` selects an object at {}; an object can only be updated with an object (merged into it)",
                                        action.index,
                                        kind(other),
                                        action.target_text,
                                        display_pointer(pointer)
                                    ),
                                ))
                            }
                        },
                        Value::Array(items) => items.push(update.clone()),
                        scalar => {
                            return Err(self.error(
                                &at(field),
                                format!(
                                    "action {}: the target `{}` selects {} at {}; only objects (merged) and arrays (appended to) can be updated: target the object that holds it instead",
                                    action.index,
                                    action.target_text,
                                    kind(scalar),
                                    display_pointer(pointer)
                                ),
                            ))
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(matched)
    }

    /// The actions of an overlay document, or the first reason it cannot be applied.
    fn check(&self, document: &Value) -> Result<Vec<Action>, SpecError> {
        let Value::Object(root) = document else {
            return Err(self.error("#", "an Overlay document must be a mapping with `overlay`, `info` and `actions`"));
        };
        let version = match root.get("overlay") {
            None => {
                return Err(self.error(
                    "#",
                    "not an Overlay document: the `overlay` version field is missing (expected 1.0.0 or 1.1.0)",
                ))
            }
            Some(Value::String(version)) if is_version(version, "1.0.") => Version::V1_0,
            Some(Value::String(version)) if is_version(version, "1.1.") => Version::V1_1,
            Some(other) => {
                return Err(self.error(
                    "#/overlay",
                    format!(
                        "Overlay version {} is not supported; this generator applies Overlay 1.0.x and 1.1.x (write the version as a string, e.g. `1.1.0`)",
                        plain(other)
                    ),
                ))
            }
        };
        self.known_fields("#", root, &["overlay", "info", "extends", "actions"])?;
        match root.get("info") {
            Some(Value::Object(info)) => {
                let fields: &[&str] =
                    if version == Version::V1_1 { &["title", "version", "description"] } else { &["title", "version"] };
                self.known_fields("#/info", info, fields)?;
                for required in ["title", "version"] {
                    if !info.get(required).is_some_and(Value::is_string) {
                        return Err(self.error("#/info", format!("`info.{required}` is required and must be a string")));
                    }
                }
            }
            _ => return Err(self.error("#", "`info` is required: a mapping with `title` and `version`")),
        }
        if root.get("extends").is_some_and(|extends| !extends.is_string()) {
            return Err(
                self.error("#/extends", "`extends` must be a string (a URI of the document the overlay is for)")
            );
        }
        let actions = match root.get("actions") {
            Some(Value::Array(actions)) if !actions.is_empty() => actions,
            _ => return Err(self.error("#", "`actions` is required: a list of at least one action")),
        };
        actions.iter().enumerate().map(|(index, action)| self.check_action(version, index, action)).collect()
    }

    fn check_action(&self, version: Version, index: usize, action: &Value) -> Result<Action, SpecError> {
        let at = format!("#/actions/{index}");
        let Value::Object(fields) = action else {
            return Err(self.error(&at, format!("action {index} must be a mapping with a `target`")));
        };
        let known: &[&str] = match version {
            Version::V1_0 => &["target", "description", "update", "remove"],
            Version::V1_1 => &["target", "description", "update", "remove", "copy"],
        };
        if version == Version::V1_0 && fields.contains_key("copy") {
            return Err(self.error(
                &format!("{at}/copy"),
                format!("action {index}: `copy` is an Overlay 1.1 field; this overlay declares version 1.0"),
            ));
        }
        self.known_fields(&at, fields, known)?;
        let target_text = match fields.get("target") {
            Some(Value::String(target)) => target.clone(),
            Some(_) => {
                return Err(self.error(&format!("{at}/target"), format!("action {index}: `target` must be a string")))
            }
            None => return Err(self.error(&at, format!("action {index}: `target` is required"))),
        };
        let target = self.json_path(&format!("{at}/target"), index, "target", &target_text)?;
        if fields.get("description").is_some_and(|d| !d.is_string()) {
            return Err(
                self.error(&format!("{at}/description"), format!("action {index}: `description` must be a string"))
            );
        }
        let remove = match fields.get("remove") {
            None => false,
            Some(Value::Bool(remove)) => *remove,
            Some(_) => {
                return Err(
                    self.error(&format!("{at}/remove"), format!("action {index}: `remove` must be true or false"))
                )
            }
        };
        let change = if remove {
            Change::Remove
        } else if let Some(update) = fields.get("update") {
            Change::Update(update.clone())
        } else if let Some(copy) = fields.get("copy") {
            let Value::String(from_text) = copy else {
                return Err(self.error(
                    &format!("{at}/copy"),
                    format!("action {index}: `copy` must be a string (a JSONPath query)"),
                ));
            };
            let from = self.json_path(&format!("{at}/copy"), index, "copy", from_text)?;
            Change::Copy { from_text: from_text.clone(), from }
        } else {
            Change::Nothing
        };
        Ok(Action { index, target_text, target, change })
    }

    fn json_path(&self, pointer: &str, index: usize, field: &str, text: &str) -> Result<JsonPath, SpecError> {
        JsonPath::parse(text).map_err(|error| {
            self.error(
                pointer,
                format!(
                    "action {index}: `{field}` is not an RFC 9535 JSONPath query: {} (at character {} of `{text}`)",
                    error.message(),
                    error.position()
                ),
            )
        })
    }

    /// Refuses a field the specification does not define: a typo would otherwise be an action
    /// that silently does less than its author meant. Extensions (`x-`) are allowed anywhere.
    fn known_fields(&self, at: &str, fields: &Map<String, Value>, known: &[&str]) -> Result<(), SpecError> {
        match fields.keys().find(|key| !key.starts_with("x-") && !known.contains(&key.as_str())) {
            Some(unknown) => Err(self.error(
                &crate::diagnostics::pointer_push(at, unknown),
                format!("unknown field `{unknown}` here; the fields are {}", list(known)),
            )),
            None => Ok(()),
        }
    }

    /// An error at `pointer` of the overlay file, with the line where it can be found (none
    /// for the whole document: any line would point at something the error is not about).
    fn error(&self, pointer: &str, message: impl Into<String>) -> SpecError {
        let location: Option<Location> = if pointer == "#" { None } else { crate::locate::locate(&self.text, pointer) };
        SpecError { file: self.path.clone(), pointer: Some(pointer.to_owned()), location, message: message.into() }
    }
}

fn is_version(version: &str, prefix: &str) -> bool {
    version.strip_prefix(prefix).is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the node at a non-empty JSON pointer from its parent, if it is still there.
fn remove(document: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else { return };
    let token = last.replace("~1", "/").replace("~0", "~");
    match document.pointer_mut(parent) {
        // `shift_remove` keeps the order of the remaining keys, as the document was written.
        Some(Value::Object(object)) => {
            object.shift_remove(&token);
        }
        Some(Value::Array(items)) => {
            if let Some(index) = token.parse::<usize>().ok().filter(|&i| i < items.len()) {
                items.remove(index);
            }
        }
        _ => {}
    }
}

/// Merges `update` into `target`: objects key by key, arrays appended, anything else replaced.
fn merge_object(target: &mut Map<String, Value>, update: &Map<String, Value>) {
    for (key, value) in update {
        match (target.get_mut(key), value) {
            (Some(Value::Object(existing)), Value::Object(fields)) => merge_object(existing, fields),
            (Some(Value::Array(existing)), Value::Array(items)) => existing.extend(items.iter().cloned()),
            (Some(existing), _) => *existing = value.clone(),
            (None, _) => {
                target.insert(key.clone(), value.clone());
            }
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn display_pointer(pointer: &str) -> String {
    format!("#{pointer}")
}

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => format!("`{s}`"),
        other => format!("`{other}`"),
    }
}

fn list(names: &[&str]) -> String {
    names.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn overlay(actions: &str) -> Overlay {
        let text = format!("overlay: 1.1.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
        Overlay::parse(Path::new("o.yaml"), text).expect("a valid overlay")
    }

    #[test]
    fn removing_several_entries_of_one_array_and_nested_matches_removes_each_once() {
        let mut document = json!({"tags": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}],
            "x": {"x": {"x": 1}, "keep": true}});
        let applied = overlay(
            "  - target: $.tags[?@.name != 'c']\n    remove: true\n  - target: $..x\n    remove: true\n  - target: $.none\n    remove: true\n",
        )
        .apply(&mut document, false)
        .expect("applies");
        assert_eq!(document, json!({"tags": [{"name": "c"}]}));
        let matched: Vec<usize> = applied.actions.iter().map(|a| a.matched).collect();
        assert_eq!(matched, [3, 3, 0]);
        assert_eq!(applied.stale_warnings().len(), 1);
    }

    #[test]
    fn an_update_merges_recursively_and_keeps_key_order() {
        let mut document = json!({"a": {"b": 1, "c": {"d": [1]}, "e": "old"}});
        overlay("  - target: $.a\n    update: {c: {d: [2], f: 3}, e: new, g: 4}\n")
            .apply(&mut document, true)
            .expect("applies");
        assert_eq!(document, json!({"a": {"b": 1, "c": {"d": [1, 2], "f": 3}, "e": "new", "g": 4}}));
        let keys: Vec<&String> = document["a"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["b", "c", "e", "g"]);
    }

    #[test]
    fn removing_the_root_and_copying_from_several_nodes_are_refused() {
        let mut document = json!({"a": {}, "b": {}});
        let error = overlay("  - target: $\n    remove: true\n").apply(&mut document, false).unwrap_err();
        assert!(error.message.contains("whole document"), "{error}");
        let error = overlay("  - target: $.a\n    copy: $.*\n").apply(&mut document, false).unwrap_err();
        assert!(error.message.contains("selects 2 nodes"), "{error}");
        assert_eq!(error.location.map(|l| l.line), Some(5));
    }
}
