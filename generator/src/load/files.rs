//! Multi-file specs: every `$ref` to another file is resolved relative to the file that holds
//! it and the document is bundled into one, so that lowering sees only local references.
//!
//! A referenced schema, parameter, response or request body becomes a component of its own
//! (named after the fragment's last token or the file's stem), so a file referenced from many
//! places is lowered once and recursive schemas across files stay recursive. Anything else
//! (path items, operations, headers, examples, descriptions) is copied in place, and a file
//! that comes back to itself while being copied is a cycle, reported as an error.
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
        files: Vec::new(),
        parsed: HashMap::new(),
        hoisted: HashMap::new(),
        taken: HashSet::new(),
        added: Vec::new(),
        copying: Vec::new(),
        moved: Vec::new(),
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
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if file_part.is_empty() && file == self.root {
            return Ok(None);
        }
        let target = if file_part.is_empty() {
            file.to_owned()
        } else {
            normalize(&file.parent().unwrap_or(Path::new("")).join(file_part.replace("%20", " ")))
        };
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
        if target == self.root {
            return Ok(Some(Replacement::Reference(local_fragment)));
        }
        let index = self.read(&target, file, &at_ref, reference)?;
        let node = match walk::get(&self.parsed[&target].1, fragment) {
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
        let section = match context {
            Context::Schema => Some(Section::Schemas),
            Context::Parameter => Some(Section::Parameters),
            Context::Response => Some(Section::Responses),
            Context::RequestBody if !self.swagger2 => Some(Section::RequestBodies),
            _ => None,
        };
        let key = (target.clone(), fragment.to_owned());
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
                    format!("$ref `{reference}` makes a cycle of files: {}", chain.join(" → ")),
                ));
            }
            self.copying.push(key);
            self.moved.push(Moved { to: document_pointer.to_owned(), from: local_fragment.clone(), file: Some(index) });
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
            self.moved.push(Moved { to: document_pointer.to_owned(), from: local_fragment.clone(), file: Some(index) });
            let mut copy = node;
            let mut copy_pointer = local_fragment;
            let mut copy_document_pointer = document_pointer.to_owned();
            self.process(&mut copy, &target, &mut copy_pointer, &mut copy_document_pointer, context)?;
            return Ok(Some(Replacement::Copy(copy)));
        }
        if let Some(local) = self.hoisted.get(&key) {
            return Ok(Some(Replacement::Reference(local.clone())));
        }
        let name = self.component_name(section, &target, fragment);
        let local = crate::diagnostics::pointer_push(&section.pointer(self.swagger2), &name);
        self.hoisted.insert(key, local.clone());
        self.moved.push(Moved { to: local.clone(), from: local_fragment.clone(), file: Some(index) });
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
                if file_part.is_empty() || reference.contains("://") {
                    continue;
                }
                let target =
                    normalize(&self.root.parent().unwrap_or(Path::new("")).join(file_part.replace("%20", " ")));
                let local = crate::diagnostics::pointer_push(&section.pointer(self.swagger2), name);
                self.hoisted.entry((target, fragment.to_owned())).or_insert(local);
            }
        }
    }

    /// A free component name for a referenced node: the fragment's last token, else the file stem.
    fn component_name(&mut self, section: Section, target: &Path, fragment: &str) -> String {
        let from_fragment = fragment.rsplit('/').next().filter(|token| !token.is_empty());
        let base = match from_fragment {
            Some(token) => token.replace("~1", "/").replace("~0", "~"),
            None => target.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        let mut name = base.clone();
        let mut counter = 2;
        while !self.taken.insert((section, spelling(&name))) {
            name = format!("{base}{counter}");
            counter += 1;
        }
        name
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
        let parsed = super::parse_value(target, &text, is_json)?;
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
