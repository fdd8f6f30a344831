//! Every `$ref` that lowering cannot follow as it is: references to other files, and references
//! to places of the spec itself other than its components (a parameter of another operation,
//! `#/paths/~1companies~1%7BcompanyId%7D/get/parameters/2`, a property of a schema). Each is
//! resolved relative to the file that holds it (a JSON Pointer with `~0`/`~1` escapes, percent-
//! encoded as a URI fragment may be) and the document is bundled into one whose references all
//! name components, which lowering's one resolver follows.
//!
//! A referenced schema, parameter, response or request body becomes a component of its own
//! (named by [`crate::naming::referenced_object_name`] after where it lives), so an object
//! referenced from many places is lowered once and recursive schemas stay recursive. Anything
//! else (path items, operations, headers, examples, links, callbacks, descriptions) is copied in
//! place, and an object that comes back to itself while being copied is a cycle, reported as an
//! error; so is a reference to nothing.
//!
//! References are read from disk only: a URL is refused (generation never uses the network),
//! and so is a path that leaves the directory of the root spec file (or the directory given as
//! the reference root).

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use super::walk::{self, Context};
use super::Moved;
use crate::diagnostics::SpecError;
use crate::naming;

/// The files read besides the root one, and where their nodes ended up.
pub(super) struct Bundled {
    pub files: Vec<(PathBuf, String)>,
    pub moved: Vec<Moved>,
}

/// Bundles every file `document` (read from `root`) refers to into it. `swagger2` chooses
/// where referenced nodes go (`definitions`, `parameters`, `responses` in Swagger 2.0).
pub(super) fn bundle(
    root: &Path,
    ref_root: Option<&Path>,
    root_text: &str,
    document: &mut Value,
    swagger2: bool,
) -> Result<Bundled, SpecError> {
    let root_label = root.to_owned();
    let absolute = |path: &Path| normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_owned()));
    let root = absolute(root);
    let root_dir = match ref_root {
        Some(dir) => absolute(dir),
        None => root.parent().map(Path::to_owned).unwrap_or_default(),
    };
    let mut bundler = Bundler {
        root: root.clone(),
        root_label,
        root_dir,
        root_text: root_text.to_owned(),
        root_document: Value::Null,
        files: Vec::new(),
        parsed: HashMap::new(),
        hoisted: HashMap::new(),
        taken: HashSet::new(),
        added: Vec::new(),
        copying: Vec::new(),
        moved: Vec::new(),
        relocations: Vec::new(),
        swagger2,
    };
    for section in [Section::Schemas, Section::Parameters, Section::Responses, Section::RequestBodies] {
        if let Some(Value::Object(existing)) = section_of(document, section, swagger2) {
            for name in existing.keys() {
                bundler.taken.insert((section, spelling(name)));
            }
        }
    }
    bundler.claim_root_components(document);
    bundler.hoist_local_targets(document);
    bundler.root_document = document.clone();
    bundler.process(document, &root, &mut String::from("#"), &mut String::from("#"), Context::Document)?;
    for (section, name, content) in std::mem::take(&mut bundler.added) {
        let Value::Object(top) = document else { break };
        let holder = if swagger2 {
            top
        } else {
            match top.entry("components").or_insert_with(|| Value::Object(Default::default())) {
                Value::Object(components) => components,
                _ => continue,
            }
        };
        if let Value::Object(map) =
            holder.entry(section.key(swagger2)).or_insert_with(|| Value::Object(Default::default()))
        {
            map.insert(name, content);
        }
    }
    Ok(Bundled { files: bundler.files, moved: bundler.moved })
}

/// The component sections a referenced file can be placed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Section {
    Schemas,
    Parameters,
    Responses,
    RequestBodies,
}

impl Section {
    /// The section for an object referred to from a place of kind `context`, if it has one.
    fn for_context(context: Context, swagger2: bool) -> Option<Section> {
        match context {
            Context::Schema => Some(Section::Schemas),
            Context::Parameter => Some(Section::Parameters),
            Context::Response => Some(Section::Responses),
            Context::RequestBody if !swagger2 => Some(Section::RequestBodies),
            _ => None,
        }
    }

    fn key(self, swagger2: bool) -> &'static str {
        match (self, swagger2) {
            (Section::Schemas, true) => "definitions",
            (Section::Schemas, false) => "schemas",
            (Section::Parameters, _) => "parameters",
            (Section::Responses, _) => "responses",
            (Section::RequestBodies, _) => "requestBodies",
        }
    }

    fn pointer(self, swagger2: bool) -> String {
        if swagger2 {
            format!("#/{}", self.key(true))
        } else {
            format!("#/components/{}", self.key(false))
        }
    }
}

fn section_of(document: &Value, section: Section, swagger2: bool) -> Option<&Value> {
    if swagger2 {
        document.get(section.key(true))
    } else {
        document.get("components")?.get(section.key(false))
    }
}

struct Bundler {
    root: PathBuf,
    /// The root file as the user named it; other files are named relative to its directory.
    root_label: PathBuf,
    root_dir: PathBuf,
    root_text: String,
    /// The root document as written: what references into it are copied from.
    root_document: Value,
    /// Every file read, in order; `Moved::file` indexes it.
    files: Vec<(PathBuf, String)>,
    parsed: HashMap<PathBuf, (usize, Value)>,
    /// A referenced node (file and fragment) to the local `$ref` of its component.
    hoisted: HashMap<(PathBuf, String), String>,
    /// Component names in use, by [`spelling`].
    taken: HashSet<(Section, String)>,
    added: Vec<(Section, String, Value)>,
    /// The nodes being copied in place, outermost first, for cycle detection.
    copying: Vec<(PathBuf, String)>,
    moved: Vec<Moved>,
    /// The places of the root document moved into components of their own.
    relocations: Vec<Moved>,
    swagger2: bool,
}

/// What to put where a `$ref` was.
enum Replacement {
    Reference(String),
    Copy(Value),
}

impl Bundler {
    /// Resolves the external references in `value`, a node at `file_pointer` of `file` and at
    /// `document_pointer` of the bundled document.
    fn process(
        &mut self,
        value: &mut Value,
        file: &Path,
        file_pointer: &mut String,
        document_pointer: &mut String,
        context: Context,
    ) -> Result<(), SpecError> {
        if context == Context::Opaque {
            return Ok(());
        }
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref") {
                    let reference = reference.clone();
                    match self.reference(&reference, file, file_pointer, document_pointer, context)? {
                        None => {}
                        Some(Replacement::Reference(local)) => {
                            map.insert("$ref".to_owned(), Value::String(local));
                        }
                        Some(Replacement::Copy(copy)) => {
                            // Keys beside the `$ref` (3.1 allows a summary or description) win.
                            let mut copy = copy;
                            if let Value::Object(copied) = &mut copy {
                                for (key, sibling) in map.iter() {
                                    if key != "$ref" {
                                        copied.insert(key.clone(), sibling.clone());
                                    }
                                }
                            }
                            *value = copy;
                            return Ok(());
                        }
                    }
                }
                let Value::Object(map) = value else { return Ok(()) };
                for (key, child) in map.iter_mut() {
                    let child_context = context.child(key);
                    if key == "$ref" || child_context == Context::Opaque || !(child.is_object() || child.is_array()) {
                        continue;
                    }
                    let (file_length, document_length) = (file_pointer.len(), document_pointer.len());
                    walk::push_token(file_pointer, key);
                    walk::push_token(document_pointer, key);
                    self.process(child, file, file_pointer, document_pointer, child_context)?;
                    file_pointer.truncate(file_length);
                    document_pointer.truncate(document_length);
                }
            }
            Value::Array(items) => {
                let item_context = if context == Context::Schema { Context::Schema } else { context.child("0") };
                for (index, child) in items.iter_mut().enumerate() {
                    let (file_length, document_length) = (file_pointer.len(), document_pointer.len());
                    walk::push_token(file_pointer, &index.to_string());
                    walk::push_token(document_pointer, &index.to_string());
                    self.process(child, file, file_pointer, document_pointer, item_context)?;
                    file_pointer.truncate(file_length);
                    document_pointer.truncate(document_length);
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn reference(
        &mut self,
        reference: &str,
        file: &Path,
        file_pointer: &str,
        document_pointer: &str,
        context: Context,
    ) -> Result<Option<Replacement>, SpecError> {
        let at_ref = file_pointer.to_owned();
        if reference.contains("://") || reference.starts_with("//") {
            return Err(self.error(
                file,
                &at_ref,
                format!(
                    "$ref `{reference}` names a URL; references are read from local files only (generation never uses the network): download the file next to the spec and refer to it by a relative path"
                ),
            ));
        }
        let (file_part, raw_fragment) = reference.split_once('#').unwrap_or((reference, ""));
        // The pointer with its percent-encoding undone; `~0` and `~1` stay, as in every pointer.
        let fragment = walk::percent_decode(raw_fragment);
        let target = if file_part.is_empty() {
            file.to_owned()
        } else {
            normalize(&file.parent().unwrap_or(Path::new("")).join(file_part.replace("%20", " ")))
        };
        if target == self.root && names_a_component(&fragment, self.swagger2) {
            // What lowering follows as it is.
            return Ok((file != self.root).then(|| Replacement::Reference(format!("#{raw_fragment}"))));
        }
        if !target.starts_with(&self.root_dir) {
            return Err(self.error(
                file,
                &at_ref,
                format!(
                    "$ref `{reference}` leaves the directory of the spec ({}); referenced files must be inside it (`--ref-root DIR` widens it)",
                    self.root_dir.display()
                ),
            ));
        }
        let local_fragment = format!("#{fragment}");
        let index = if target == self.root { None } else { Some(self.read(&target, file, &at_ref, reference)?) };
        let found = match index {
            Some(_) => walk::get(self.document_of(&target), raw_fragment),
            None => self.root_document.pointer(&self.relocated(&fragment)),
        };
        let node = match found {
            Some(node) => node.clone(),
            None => {
                return Err(self.error(
                    file,
                    &at_ref,
                    format!(
                        "$ref `{reference}` points to nothing: `{}` has no node at `{local_fragment}`",
                        self.display(&target)
                    ),
                ))
            }
        };
        let section = Section::for_context(context, self.swagger2);
        let key = (target.clone(), fragment.clone());
        if index.is_none() {
            if let Some(local) = self.hoisted.get(&key) {
                // A place of the root document that is a component of its own now.
                return Ok(Some(Replacement::Reference(local.clone())));
            }
        }
        let Some(section) = section else {
            if let Some(start) = self.copying.iter().position(|entry| *entry == key) {
                let chain: Vec<String> = self.copying[start..]
                    .iter()
                    .chain(std::iter::once(&key))
                    .map(|(path, fragment)| format!("{}#{fragment}", self.display(path)))
                    .collect();
                return Err(self.error(
                    file,
                    &at_ref,
                    format!(
                        "$ref `{reference}` makes a cycle{}: {}",
                        if self.copying[start..].iter().all(|(path, _)| *path == target) { "" } else { " of files" },
                        chain.join(" → ")
                    ),
                ));
            }
            self.copying.push(key);
            self.moved.push(Moved { to: document_pointer.to_owned(), from: local_fragment.clone(), file: index });
            let mut copy = node;
            let mut copy_pointer = local_fragment;
            let mut document_pointer = document_pointer.to_owned();
            self.process(&mut copy, &target, &mut copy_pointer, &mut document_pointer, context)?;
            self.copying.pop();
            return Ok(Some(Replacement::Copy(copy)));
        };
        // A component of the root document that is only a reference to a file: the file's
        // node takes that component's place (and name).
        let section_pointer = section.pointer(self.swagger2);
        let is_component = file == self.root
            && document_pointer
                .strip_prefix(section_pointer.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|name| !name.contains('/'));
        if is_component {
            self.hoisted.insert(key, document_pointer.to_owned());
            self.moved.push(Moved { to: document_pointer.to_owned(), from: local_fragment.clone(), file: index });
            let mut copy = node;
            let mut copy_pointer = local_fragment;
            let mut copy_document_pointer = document_pointer.to_owned();
            self.process(&mut copy, &target, &mut copy_pointer, &mut copy_document_pointer, context)?;
            return Ok(Some(Replacement::Copy(copy)));
        }
        if let Some(local) = self.hoisted.get(&key) {
            return Ok(Some(Replacement::Reference(local.clone())));
        }
        let base = self.referenced_name(&target, &fragment, self.document_of(&target));
        let name = self.claim_name(section, base);
        let local = crate::diagnostics::pointer_push(&section.pointer(self.swagger2), &name);
        self.hoisted.insert(key, local.clone());
        self.moved.push(Moved { to: local.clone(), from: local_fragment.clone(), file: index });
        let mut copy = node;
        let mut copy_pointer = local_fragment;
        let mut copy_document_pointer = local.clone();
        self.process(&mut copy, &target, &mut copy_pointer, &mut copy_document_pointer, context)?;
        self.added.push((section, name, copy));
        Ok(Some(Replacement::Reference(local)))
    }

    /// Components of the root document that only refer to a file give that file's node its
    /// name, wherever else it is referred to from.
    fn claim_root_components(&mut self, document: &Value) {
        for section in [Section::Schemas, Section::Parameters, Section::Responses, Section::RequestBodies] {
            let Some(Value::Object(components)) = section_of(document, section, self.swagger2) else { continue };
            for (name, component) in components {
                let Some(reference) = component.get("$ref").and_then(Value::as_str) else { continue };
                let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
                let fragment = walk::percent_decode(fragment);
                if reference.contains("://") || (file_part.is_empty() && names_a_component(&fragment, self.swagger2)) {
                    continue;
                }
                let target = if file_part.is_empty() {
                    self.root.clone()
                } else {
                    normalize(&self.root.parent().unwrap_or(Path::new("")).join(file_part.replace("%20", " ")))
                };
                let local = crate::diagnostics::pointer_push(&section.pointer(self.swagger2), name);
                self.hoisted.entry((target, fragment)).or_insert(local);
            }
        }
    }

    /// Moves every object of the root document that its own references reach outside the
    /// components (a parameter of another operation, a property of a schema) into a component
    /// of its own, leaving a `$ref` to it where it was: the place and every reference to it
    /// then share one component, and so one Rust type. The deepest places go first, so a place
    /// inside another is a reference by the time the outer one moves.
    fn hoist_local_targets(&mut self, document: &mut Value) {
        let mut targets = Vec::new();
        local_targets(document, Context::Document, &mut String::from("#"), self.swagger2, &mut targets);
        targets.sort_by_key(|(fragment, _)| std::cmp::Reverse(fragment.matches('/').count()));
        let root = self.root.clone();
        for (fragment, section) in targets {
            let key = (root.clone(), fragment.clone());
            // A place that is not there is reported, where it is referred to, by `reference`.
            if document.pointer(&fragment).is_none() {
                self.hoisted.remove(&key);
                continue;
            }
            let local = match self.hoisted.get(&key) {
                Some(local) => local.clone(),
                None => {
                    let base = self.referenced_name(&root, &fragment, document);
                    let name = self.claim_name(section, base);
                    crate::diagnostics::pointer_push(&section.pointer(self.swagger2), &name)
                }
            };
            let reference = Value::Object([("$ref".to_owned(), Value::String(local.clone()))].into_iter().collect());
            let Some(place) = document.pointer_mut(&fragment) else { continue };
            let node = std::mem::replace(place, reference);
            let Some(slot) = component_slot(document, &local) else { continue };
            *slot = node;
            let moved = Moved { to: local.clone(), from: format!("#{fragment}"), file: None };
            self.moved.push(moved.clone());
            self.relocations.push(moved);
            self.hoisted.insert(key, local);
        }
    }

    /// Where a place of the root document is now: in the component it was moved into, or
    /// where it was written.
    fn relocated(&self, fragment: &str) -> String {
        let pointer = format!("#{fragment}");
        let moved = self.relocations.iter().find(|moved| {
            pointer.strip_prefix(moved.from.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        match moved {
            Some(moved) => format!("{}{}", &moved.to[1..], &pointer[moved.from.len()..]),
            None => fragment.to_owned(),
        }
    }

    /// The name naming gives the node at `fragment` of `target` (whose parsed text is
    /// `document`), from where the node lives.
    fn referenced_name(&self, target: &Path, fragment: &str, document: &Value) -> String {
        let tokens: Vec<String> = fragment.split('/').skip(1).map(unescape).collect();
        let file_stem = (*target != self.root).then(|| target.file_stem().map(|stem| stem.to_string_lossy()));
        naming::referenced_object_name(&naming::Place {
            file_stem: file_stem.as_ref().and_then(|stem| stem.as_deref()),
            tokens: &tokens,
            operation: operation_holding(document, &tokens),
        })
    }

    /// `base`, or `base` with the first number that makes it a free component name.
    fn claim_name(&mut self, section: Section, base: String) -> String {
        let mut name = base.clone();
        let mut counter = 2;
        while !self.taken.insert((section, spelling(&name))) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        name
    }

    /// The document of `target`: the root one as written, or a file already read.
    fn document_of(&self, target: &Path) -> &Value {
        match self.parsed.get(target) {
            Some((_, document)) if *target != self.root => document,
            _ => &self.root_document,
        }
    }

    /// Reads and parses a referenced file once; its index in `files`.
    fn read(&mut self, target: &Path, from: &Path, at_ref: &str, reference: &str) -> Result<usize, SpecError> {
        if let Some((index, _)) = self.parsed.get(target) {
            return Ok(*index);
        }
        let text = std::fs::read_to_string(target).map_err(|error| {
            self.error(from, at_ref, format!("$ref `{reference}`: cannot read `{}`: {error}", self.display(target)))
        })?;
        let is_json = target.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        let parsed = super::parse::parse_value(target, &text, is_json)?;
        let index = self.files.len();
        self.files.push((self.label(target), text));
        self.parsed.insert(target.to_owned(), (index, parsed));
        Ok(index)
    }

    /// A file as named in messages: relative to the root spec's directory.
    fn display(&self, path: &Path) -> String {
        let relative = self.relative(path);
        if relative.as_os_str().is_empty() {
            return ".".to_owned();
        }
        relative.display().to_string()
    }

    /// A file as named in diagnostics: relative to the root file as the user named it.
    fn label(&self, path: &Path) -> PathBuf {
        self.root_label.parent().unwrap_or(Path::new("")).join(self.relative(path))
    }

    /// `path` relative to the root file's directory (with `..` where it lies beside it).
    fn relative(&self, path: &Path) -> PathBuf {
        let base = self.root.parent().unwrap_or(Path::new(""));
        let mut up = PathBuf::new();
        let mut ancestor = base;
        loop {
            if let Ok(rest) = path.strip_prefix(ancestor) {
                return up.join(rest);
            }
            up.push("..");
            match ancestor.parent() {
                Some(parent) => ancestor = parent,
                None => return path.to_owned(),
            }
        }
    }

    /// An error at `pointer` of `file` (the root file or one already read).
    fn error(&self, file: &Path, pointer: &str, message: String) -> SpecError {
        // A place of the root document moved into a component is named where it was written.
        let moved = self.relocations.iter().filter(|_| file == self.root).find(|moved| {
            pointer.strip_prefix(moved.to.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
        let pointer = &match moved {
            Some(moved) => format!("{}{}", moved.from, &pointer[moved.to.len()..]),
            None => pointer.to_owned(),
        };
        let text = if file == self.root {
            Some(self.root_text.as_str())
        } else {
            self.parsed.get(file).map(|(index, _)| self.files[*index].1.as_str())
        };
        SpecError {
            file: if file == self.root { self.root_label.clone() } else { self.label(file) },
            pointer: Some(pointer.to_owned()),
            location: text.and_then(|text| crate::locate::locate(text, pointer)),
            message,
        }
    }
}

/// The places of the root document that its references reach outside its components, as
/// percent-decoded pointers, each with the section its object belongs in (by the kind of
/// place it is referred to from). Places with no section are copied where they are referred to.
fn local_targets(
    value: &Value,
    context: Context,
    pointer: &mut String,
    swagger2: bool,
    out: &mut Vec<(String, Section)>,
) {
    if context == Context::Opaque {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                if let (Some(fragment), Some(section)) =
                    (reference.strip_prefix('#'), Section::for_context(context, swagger2))
                {
                    let fragment = walk::percent_decode(fragment);
                    if !names_a_component(&fragment, swagger2) && !out.iter().any(|(known, _)| *known == fragment) {
                        out.push((fragment, section));
                    }
                }
            }
            for (key, child) in map {
                let child_context = context.child(key);
                if key == "$ref" || child_context == Context::Opaque || !(child.is_object() || child.is_array()) {
                    continue;
                }
                let length = pointer.len();
                walk::push_token(pointer, key);
                local_targets(child, child_context, pointer, swagger2, out);
                pointer.truncate(length);
            }
        }
        Value::Array(items) => {
            let item_context = if context == Context::Schema { Context::Schema } else { context.child("0") };
            for (index, child) in items.iter().enumerate() {
                let length = pointer.len();
                walk::push_token(pointer, &index.to_string());
                local_targets(child, item_context, pointer, swagger2, out);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// The place of the component at `local` (`#/components/schemas/Name`), made if missing.
fn component_slot<'d>(document: &'d mut Value, local: &str) -> Option<&'d mut Value> {
    let tokens: Vec<String> = local.strip_prefix("#/")?.split('/').map(unescape).collect();
    let mut node = document;
    for token in tokens {
        node = node.as_object_mut()?.entry(token).or_insert_with(|| Value::Object(Default::default()));
    }
    Some(node)
}

/// Whether a pointer names a component of a spec (`/components/schemas/Pet`, or
/// `/definitions/Pet` in Swagger 2.0), where lowering looks for what references name.
pub(super) fn names_a_component(fragment: &str, swagger2: bool) -> bool {
    let tokens: Vec<&str> = fragment.split('/').collect();
    match tokens.as_slice() {
        ["", "components", _, _] => !swagger2,
        ["", "definitions" | "parameters" | "responses", _] => swagger2,
        _ => false,
    }
}

/// The operation an object at `tokens` lies in (`paths/{path}/{method}/...`, or a path item
/// file's `{method}/...`, or either's `additionalOperations/{method}/...`): how many tokens
/// lead to it, and its `operationId`.
fn operation_holding<'d>(document: &'d Value, tokens: &[String]) -> Option<(usize, &'d str)> {
    let in_item = |tokens: &[String]| match tokens {
        [method, ..] if super::METHOD_FIELDS.contains(&method.as_str()) => Some(1),
        [additional, _, ..] if additional == "additionalOperations" => Some(2),
        _ => None,
    };
    let depth = match tokens {
        [paths, _, rest @ ..] if paths == "paths" => 2 + in_item(rest)?,
        _ => in_item(tokens)?,
    };
    let operation = tokens[..depth].iter().try_fold(document, |node, token| node.get(token.as_str()))?;
    Some((depth, operation.get("operationId")?.as_str()?))
}

/// One token of a JSON pointer with its `~1` and `~0` escapes undone.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// A name reduced to what survives any identifier case (`pet`, `Pet` and `p_et` are alike), so
/// that components named after files do not differ from others by case alone.
fn spelling(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// An absolute path without `.` and `..` components, worked out on the text of the path.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
