//! Resolving and lowering: turns a loaded spec into the [`Api`] IR, resolving every `$ref`,
//! deciding every name (through [`crate::naming`]) and reporting what it had to approximate.
//!
//! Schemas are lowered from a work list, never by recursion over the spec, so deep or
//! recursive schemas cannot exhaust the stack.

mod cycles;
mod enums;
mod error;
mod operation;
mod paging;
mod request;
mod resolve;
mod response;
mod schema;
mod tags;
mod view;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};

use crate::diagnostics::{pointer_push, SpecError, Warning};
use crate::ir::{
    Api, BodyEncoding, BodyKind, Gate, Group, GroupId, NamedType, Pattern, PatternId, TypeId, TypeKind, TypeRef,
};
use crate::load::{ExtraOperation, LoadedSpec, Source};
use crate::naming::{self, Namespace};

/// What to lower and how.
#[derive(Debug, Clone, Default)]
pub struct LowerOptions {
    /// Only these operation ids (empty: all).
    pub operations: Vec<String>,
    /// Only operations with one of these tags (empty: all).
    pub tags: Vec<String>,
    /// Name of a boolean query parameter that asks the server to wrap responses in
    /// `{"status": N, "content": ...}` (Atlas: `envelope`).
    pub envelope_param: Option<String>,
    /// A vendor extension on operations whose string value, when present, names the
    /// operation's Rust items instead of its operationId (Atlas:
    /// `x-xgen-operation-id-override`), so that an operationId rename need not rename them.
    pub operation_name_extension: Option<String>,
    /// Component schemas replaced by the user's own Rust types (`--replace SCHEMA=path::Type`),
    /// as (schema name, type path): every reference to the schema uses the type, and no model
    /// is emitted for it. A schema's `x-rust-type` says the same from inside the spec.
    pub replace: Vec<(String, String)>,
}

/// The IR and the warnings raised while building it.
#[derive(Debug)]
pub struct Lowered {
    pub api: Api,
    pub warnings: Vec<Warning>,
}

/// Lowers a loaded spec.
pub fn lower(spec: &LoadedSpec, options: &LowerOptions) -> Result<Lowered, SpecError> {
    let mut lowering = Lowering::new(&spec.api, &spec.extra_operations, &spec.source, options)?;
    let selected = lowering.select_operations(options)?;
    let all_selected = options.operations.is_empty() && options.tags.is_empty();
    let mut operations = Vec::with_capacity(selected.len());
    // The operations module holds every operation's types: none may share a name.
    let mut operation_types: HashMap<String, String> = HashMap::new();
    operation_types.insert(crate::naming::OPERATION_ERROR_TRAIT.to_owned(), "the shared error trait".to_owned());
    operation_types.insert(crate::naming::CLIENT_EXTENSION_TRAIT.to_owned(), "the client's extension trait".to_owned());
    for candidate in &selected {
        let operation = lowering.lower_operation(candidate, options)?;
        let alternatives = operation.success.alternatives.iter();
        let names = [&operation.type_name, &operation.error_name]
            .into_iter()
            .chain(alternatives.flat_map(|a| std::iter::once(&a.media_enum).chain(&a.body_enum)))
            .chain(operation.success.by_status.iter().map(|s| &s.enum_name))
            .chain(operation.body.iter().filter_map(|body| match &body.encoding {
                crate::ir::BodyEncoding::Multipart(Some(parts)) => Some(&parts.type_name),
                _ => None,
            }));
        for name in names {
            if let Some(other) = operation_types.insert(name.clone(), candidate.operation_id.clone()) {
                return Err(lowering.error(
                    &format!("{}/operationId", candidate.pointer),
                    format!("operations `{other}` and `{}` both need the Rust type `{name}`", candidate.operation_id),
                ));
            }
        }
        operations.push(operation);
    }
    if all_selected {
        // A full generation carries every component schema, reachable or not.
        for name in lowering.sorted_component_names() {
            lowering.component_type(name, "#/components/schemas")?;
        }
    }
    lowering.drain_queue()?;
    let parent_features = lowering.parent_features();
    let mut types: Vec<NamedType> =
        lowering.types.into_iter().map(|t| t.expect("every allocated type is lowered")).collect();
    cycles::break_cycles(&mut types);
    enums::share_identical(&mut types);
    paging::recognise(&mut operations, &types);
    operations.sort_by(|a, b| a.fn_name.cmp(&b.fn_name));
    let common_error = error::common_error(&operations, &mut types);
    let mut api = Api {
        title: spec.api.info.title.clone(),
        version: spec.api.info.version.clone(),
        description: spec.api.info.description.clone(),
        base_url: spec.api.servers.first().map(|server| server.url.clone()),
        types,
        operations,
        patterns: lowering.patterns,
        security: lowering.security,
        unreached_feature: naming::feature_name(&lowering.group_modules.claim(naming::UNREACHED_TYPES_MODULE)),
        groups: lowering.groups,
        parent_features,
        common_error,
        replacements: lowering
            .replacements
            .into_iter()
            .map(|(path, schemas)| crate::ir::Replacement { path, schemas: schemas.into_iter().collect() })
            .collect(),
    };
    assign_groups(&mut api);
    name_secrets(&mut api);
    error::share_identical_errors(&mut api.operations, &mut lowering.group_modules);
    let mut warnings = lowering.warnings;
    for warning in &mut warnings {
        warning.pointer = spec.source.original_pointer(&warning.pointer);
    }
    warnings.extend(spec.warnings.iter().cloned());
    warnings.sort();
    warnings.dedup();
    Ok(Lowered { api, warnings })
}

/// A schema reference from either of the two places openapiv3 keeps them.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(schema) => SchemaRef::Inline(schema),
        }
    }
}

/// A named type waiting to be lowered.
struct Job<'a> {
    id: TypeId,
    schema: SchemaRef<'a>,
    pointer: String,
    merge: schema::Merge<'a>,
}

/// The state of one lowering run.
pub(crate) struct Lowering<'a> {
    spec: &'a OpenAPI,
    /// The operations under methods `openapiv3` has no field for (`QUERY`, `additionalOperations`).
    extra_operations: &'a [ExtraOperation],
    source: &'a Source,
    types: Vec<Option<NamedType>>,
    type_names: Namespace,
    /// Component schema name to its Rust name, claimed up front so that names do not depend
    /// on which operations are selected.
    component_names: BTreeMap<&'a str, String>,
    component_ids: HashMap<&'a str, TypeId>,
    /// Component schemas replaced by the user's types (`--replace`, `x-rust-type`): schema
    /// name to the type's path. They get no Rust name and no model.
    pub(crate) replaced: HashMap<&'a str, String>,
    /// The inline schema of the property being typed: its `x-rust-name` names the field, not
    /// the type made for it (which is named after the struct and that field name).
    property_schema: Option<*const Schema>,
    /// Each user's type that replaces schemas, with the pointers of those schemas.
    replacements: BTreeMap<String, BTreeSet<String>>,
    /// Names of allocated types whose lowering is still queued.
    placeholder_names: HashMap<TypeId, String>,
    /// The type of each inline schema (by address), so that an allOf that merges a schema's
    /// properties into another reuses their types instead of lowering them again, without end
    /// when the schema contains itself.
    inline_ids: HashMap<*const Schema, TypeId>,
    queue: VecDeque<Job<'a>>,
    patterns: Vec<Pattern>,
    pattern_ids: HashMap<String, PatternId>,
    security: Vec<crate::ir::SecurityScheme>,
    groups: Vec<Group>,
    group_ids: HashMap<String, GroupId>,
    group_modules: Namespace,
    warnings: Vec<Warning>,
}

impl<'a> Lowering<'a> {
    fn new(
        spec: &'a OpenAPI,
        extra_operations: &'a [ExtraOperation],
        source: &'a Source,
        options: &LowerOptions,
    ) -> Result<Self, SpecError> {
        let mut lowering = Lowering {
            spec,
            extra_operations,
            source,
            types: Vec::new(),
            type_names: Namespace::for_types(),
            component_names: BTreeMap::new(),
            component_ids: HashMap::new(),
            replaced: HashMap::new(),
            property_schema: None,
            replacements: BTreeMap::new(),
            placeholder_names: HashMap::new(),
            inline_ids: HashMap::new(),
            queue: VecDeque::new(),
            patterns: Vec::new(),
            pattern_ids: HashMap::new(),
            security: Vec::new(),
            groups: Vec::new(),
            group_ids: HashMap::new(),
            group_modules: naming::group_module_namespace(),
            warnings: Vec::new(),
        };
        lowering.find_replacements(options)?;
        lowering.name_components()?;
        lowering.lower_security();
        Ok(lowering)
    }

    /// The component schemas replaced by the user's types: by `--replace` (which must name a
    /// component schema, as `--operation` must name an operation), then by their own
    /// `x-rust-type`.
    fn find_replacements(&mut self, options: &LowerOptions) -> Result<(), SpecError> {
        let schemas = self.spec.components.as_ref().map(|c| &c.schemas);
        for (name, path) in &options.replace {
            let Some((key, _)) = schemas.and_then(|schemas| schemas.get_key_value(name.as_str())) else {
                return Err(self.error(
                    "#/components/schemas",
                    format!("--replace {name}={path}: the spec has no component schema `{name}`"),
                ));
            };
            let pointer = pointer_push("#/components/schemas", key);
            let path = naming::rust_type_path(path)
                .map_err(|problem| self.error(&pointer, format!("--replace {name}: {problem}")))?;
            self.replacements.entry(path.clone()).or_default().insert(pointer);
            self.replaced.insert(key.as_str(), path);
        }
        for (key, schema) in schemas.into_iter().flatten() {
            let ReferenceOr::Item(schema) = schema else { continue };
            if self.replaced.contains_key(key.as_str()) {
                continue;
            }
            if let Some(path) = self.replacement_of(schema, &pointer_push("#/components/schemas", key))? {
                self.replaced.insert(key.as_str(), path);
            }
        }
        Ok(())
    }

    /// The user's type a schema's `x-rust-type` names, checked.
    pub(crate) fn replacement_of(&mut self, schema: &Schema, pointer: &str) -> Result<Option<String>, SpecError> {
        let Some(value) = schema.schema_data.extensions.get(naming::RUST_TYPE_EXTENSION) else { return Ok(None) };
        let at = pointer_push(pointer, naming::RUST_TYPE_EXTENSION);
        let Some(text) = value.as_str() else {
            let extension = naming::RUST_TYPE_EXTENSION;
            return Err(self.error(&at, format!("`{extension}` must be a string naming a Rust type, found `{value}`")));
        };
        let path = naming::rust_type_path(text).map_err(|problem| self.error(&at, problem))?;
        self.replacements.entry(path.clone()).or_default().insert(pointer.to_owned());
        Ok(Some(path))
    }

    /// The name an `x-rust-name` in `extensions` (of the node at `pointer`) gives, if any.
    pub(crate) fn given_name(
        &self,
        extensions: &'a IndexMap<String, serde_json::Value>,
        pointer: &str,
    ) -> Result<Option<&'a str>, SpecError> {
        let Some(value) = extensions.get(naming::RUST_NAME_EXTENSION) else { return Ok(None) };
        naming::given_name(value).map(Some).map_err(|problem| {
            let extension = naming::RUST_NAME_EXTENSION;
            self.error(&pointer_push(pointer, extension), format!("`{extension}` {problem}"))
        })
    }

    /// Claims the Rust name of every component schema, in name order so that names do not
    /// depend on which operations are selected: from its `x-rust-name`, else from its own
    /// name. Replaced schemas get none.
    fn name_components(&mut self) -> Result<(), SpecError> {
        let Some(components) = &self.spec.components else { return Ok(()) };
        let mut names: Vec<(&'a str, &'a ReferenceOr<Schema>)> =
            components.schemas.iter().map(|(name, schema)| (name.as_str(), schema)).collect();
        names.sort_unstable_by_key(|(name, _)| *name);
        for (name, schema) in names {
            if self.replaced.contains_key(name) {
                continue;
            }
            let pointer = pointer_push("#/components/schemas", name);
            let given = match schema {
                ReferenceOr::Item(schema) => self.given_name(&schema.schema_data.extensions, &pointer)?,
                ReferenceOr::Reference { .. } => None,
            };
            let claimed = self.claim_type_name(given, name, &pointer, true);
            self.component_names.insert(name, claimed);
        }
        Ok(())
    }

    /// Claims a type name made from `given` (an `x-rust-name` of the schema at `pointer`) when
    /// there is one, else from `derived`. A given name that casing or a collision changed is a
    /// warning at the extension; a derived one that a collision changed is one when `component`
    /// (it is the spec's own name; an inline schema's is only made up from where it is).
    fn claim_type_name(&mut self, given: Option<&str>, derived: &str, pointer: &str, component: bool) -> String {
        let Some(given) = given else {
            let base = naming::camel_ident(derived);
            let claimed = self.type_names.claim_type(&base);
            if claimed != base && component {
                self.warn(
                    pointer,
                    format!("schema name `{derived}` collides with another name in Rust; it is emitted as `{claimed}`"),
                );
            }
            return claimed;
        };
        let at = pointer_push(pointer, naming::RUST_NAME_EXTENSION);
        let (base, recased) = naming::given_type_name(given);
        if recased {
            self.warn(&at, format!("`x-rust-name` `{given}` is not an UpperCamelCase type name; the type is `{base}`"));
        }
        let claimed = self.type_names.claim_type(&base);
        if claimed != base {
            self.warn(
                &at,
                format!("`x-rust-name` `{given}` collides with another name in Rust; the type is `{claimed}`"),
            );
        }
        claimed
    }

    fn sorted_component_names(&self) -> Vec<&'a str> {
        self.component_names.keys().copied().collect()
    }

    pub(crate) fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.warnings.push(Warning { pointer: pointer.to_owned(), message: message.into() });
    }

    pub(crate) fn error(&self, pointer: &str, message: impl Into<String>) -> SpecError {
        self.source.error_at(pointer, message)
    }

    /// The type of a component schema, allocating it (and queueing its lowering) on first use.
    pub(crate) fn component_type(&mut self, name: &str, pointer: &str) -> Result<TypeId, SpecError> {
        if let Some(id) = self.component_ids.get(name) {
            return Ok(*id);
        }
        let Some((key, schema)) = self.spec.components.as_ref().and_then(|c| c.schemas.get_key_value(name)) else {
            return Err(self.error(pointer, format!("$ref to `#/components/schemas/{name}`, which does not exist")));
        };
        let key = key.as_str();
        let rust_name = self.component_names[key].clone();
        let id = self.allocate(rust_name);
        self.component_ids.insert(key, id);
        self.queue.push_back(Job {
            id,
            schema: SchemaRef::from(schema),
            pointer: crate::diagnostics::pointer_push("#/components/schemas", key),
            merge: schema::Merge::None,
        });
        Ok(id)
    }

    /// The Rust name of the component a struct's property is written in, when that is not the
    /// struct itself (a property merged in through `allOf`); `None` for the struct's own.
    pub(crate) fn merged_property_owner(&self, property_pointer: &str, struct_pointer: &str) -> Option<&str> {
        if property_pointer.strip_prefix(struct_pointer).is_some_and(|rest| rest.starts_with('/')) {
            return None;
        }
        let rest = property_pointer.strip_prefix("#/components/schemas/")?;
        let token = rest.split('/').next()?;
        let key = token.replace("~1", "/").replace("~0", "~");
        self.component_names.get(key.as_str()).map(String::as_str)
    }

    /// A named type for an inline schema, named from where it appears.
    pub(crate) fn inline_named_type(
        &mut self,
        name_hint: &str,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<TypeId, SpecError> {
        if let Some(id) = self.inline_ids.get(&(schema as *const Schema)) {
            return Ok(*id);
        }
        // A property's `x-rust-name` names its field; the hint already says it.
        let given = match self.property_schema == Some(schema as *const Schema) {
            true => None,
            false => self.given_name(&schema.schema_data.extensions, pointer)?,
        };
        let name = self.claim_type_name(given, name_hint, pointer, false);
        let id = self.allocate(name);
        self.inline_ids.insert(schema, id);
        self.queue.push_back(Job {
            id,
            schema: SchemaRef::Inline(schema),
            pointer: pointer.to_owned(),
            merge: schema::Merge::None,
        });
        Ok(id)
    }

    /// A named type for a union variant merged with other schemas (see [`schema::Merge`]).
    pub(crate) fn merged_type(
        &mut self,
        name_hint: &str,
        schema: SchemaRef<'a>,
        pointer: &str,
        merge: schema::Merge<'a>,
    ) -> TypeId {
        let name = self.type_names.claim_type(&naming::camel_ident(name_hint));
        let id = self.allocate(name);
        self.queue.push_back(Job { id, schema, pointer: pointer.to_owned(), merge });
        id
    }

    fn allocate(&mut self, name: String) -> TypeId {
        let id = TypeId(self.types.len());
        self.types.push(None);
        // The name is kept in a placeholder until the job runs.
        self.placeholder_names.insert(id, name);
        id
    }

    fn drain_queue(&mut self) -> Result<(), SpecError> {
        while let Some(job) = self.queue.pop_front() {
            let name = self.placeholder_names.remove(&job.id).expect("queued types have a name");
            let (doc, kind) = match job.merge {
                schema::Merge::None => self.lower_named(&name, job.schema, &job.pointer)?,
                merge => self.lower_merged(&name, job.schema, &job.pointer, merge)?,
            };
            self.types[job.id.0] = Some(NamedType { name, doc, origin: job.pointer, kind, gate: Gate::Always });
        }
        Ok(())
    }

    /// The pattern id for a source, compiling it once.
    pub(crate) fn pattern(&mut self, source: &str, pointer: &str) -> Result<Option<PatternId>, SpecError> {
        if let Some(id) = self.pattern_ids.get(source) {
            return Ok(Some(*id));
        }
        let matcher = match crate::pattern::compile(source) {
            Ok(matcher) => matcher,
            Err(crate::pattern::PatternError::Invalid(message)) => {
                return Err(self.error(pointer, format!("invalid regular expression in `pattern`: {message}")));
            }
            Err(crate::pattern::PatternError::Unsupported(message)) => {
                self.warn(
                    pointer,
                    format!("`pattern` uses a feature neither the regex crate nor fancy-regex can compile, so it is not checked: {message}"),
                );
                return Ok(None);
            }
        };
        let id = PatternId(self.patterns.len());
        self.patterns.push(Pattern {
            source: source.to_owned(),
            matcher,
            function: naming::pattern_function_name(id.0),
        });
        self.pattern_ids.insert(source.to_owned(), id);
        Ok(Some(id))
    }

    /// The group of an operation, from its first tag.
    pub(crate) fn group(&mut self, tag: Option<&String>) -> GroupId {
        let tag = tag.map(String::as_str).unwrap_or(naming::UNTAGGED_GROUP);
        if let Some(id) = self.group_ids.get(tag) {
            return *id;
        }
        let module = self.group_modules.claim(&naming::snake_ident(tag));
        let description = self.spec.tags.iter().find(|t| t.name == tag).and_then(|t| t.description.clone());
        let id = GroupId(self.groups.len());
        self.groups.push(Group { tag: tag.to_owned(), feature: naming::feature_name(&module), module, description });
        self.group_ids.insert(tag.to_owned(), id);
        id
    }
}

/// Decides, for each type, which operation groups need it, so that emission can put
/// per-group items behind per-group features.
fn assign_groups(api: &mut Api) {
    let mut reach: Vec<BTreeSet<GroupId>> = vec![BTreeSet::new(); api.types.len()];
    for operation in &api.operations {
        let mut stack: Vec<TypeId> = Vec::new();
        for param in &operation.params {
            let mut ty = &param.ty;
            while let crate::ir::ParamType::List(inner) = ty {
                ty = inner;
            }
            match ty {
                crate::ir::ParamType::Enum(id) => stack.push(*id),
                crate::ir::ParamType::Object(object) => collect_named(object, &mut stack),
                _ => {}
            }
        }
        for kind in operation.body_kinds() {
            if let crate::ir::BodyKind::Json(ty) = kind {
                collect_named(ty, &mut stack);
            }
        }
        if let Some(ty) = operation.item_type() {
            collect_named(ty, &mut stack);
        }
        // Every error enum can hold the common error (of an undocumented status).
        stack.extend(api.common_error.as_ref().map(|common| common.ty));
        while let Some(id) = stack.pop() {
            if !reach[id.0].insert(operation.group) {
                continue;
            }
            for ty in type_refs_of(&api.types[id.0].kind) {
                collect_named(ty, &mut stack);
            }
        }
    }
    let group_count = api.groups.len();
    let gates: Vec<Gate> = (0..api.types.len())
        .map(|index| {
            if !reach[index].is_empty() {
                return if reach[index].len() == group_count {
                    Gate::Always
                } else {
                    Gate::AnyOf(reach[index].clone())
                };
            }
            // Reached by no operation: behind its own feature, and it needs every group of
            // the types it refers to.
            let mut needed = BTreeSet::new();
            let mut seen = BTreeSet::new();
            let mut stack = Vec::new();
            for ty in type_refs_of(&api.types[index].kind) {
                collect_named(ty, &mut stack);
            }
            while let Some(id) = stack.pop() {
                if !seen.insert(id) {
                    continue;
                }
                if reach[id.0].is_empty() {
                    for ty in type_refs_of(&api.types[id.0].kind) {
                        collect_named(ty, &mut stack);
                    }
                } else if reach[id.0].len() < group_count {
                    needed.extend(reach[id.0].iter().copied());
                }
            }
            Gate::Unreached(needed)
        })
        .collect();
    for (named, gate) in api.types.iter_mut().zip(gates) {
        named.gate = gate;
    }
}

/// Each operation's [`Operation::secrets`](crate::ir::Operation::secrets): its secret
/// parameters, then the properties marked secret in the models its JSON or form request body
/// and its success bodies hold (through lists, maps, unions and nested models). A body's
/// secrets are known only by name once it is encoded, which is how the runtime redacts them.
fn name_secrets(api: &mut Api) {
    /// Adds the secret properties of the types inside `ty` to `out`, depth first.
    fn walk<'a>(types: &'a [NamedType], ty: &TypeRef, seen: &mut HashSet<TypeId>, out: &mut Vec<&'a str>) {
        let mut named = Vec::new();
        collect_named(ty, &mut named);
        for id in named {
            if !seen.insert(id) {
                continue;
            }
            let kind = &types[id.0].kind;
            if let TypeKind::Struct(s) = kind {
                for field in s.fields.iter().filter(|f| f.secret) {
                    if !out.contains(&field.wire_name.as_str()) {
                        out.push(&field.wire_name);
                    }
                }
            }
            for inner in type_refs_of(kind) {
                walk(types, inner, seen, out);
            }
        }
    }
    for operation in &mut api.operations {
        let mut secrets: Vec<&str> =
            operation.params.iter().filter(|p| p.secret).map(|p| p.wire_name.as_str()).collect();
        let mut seen = HashSet::new();
        let request_body =
            operation.body.as_ref().filter(|body| matches!(body.encoding, BodyEncoding::Json | BodyEncoding::Form));
        let bodies = request_body.map(|body| &body.kind).into_iter().chain(operation.success_kinds());
        for kind in bodies {
            if let BodyKind::Json(ty) = kind {
                walk(&api.types, ty, &mut seen, &mut secrets);
            }
        }
        let secrets: Vec<String> = secrets.into_iter().map(str::to_owned).collect();
        operation.secrets = secrets;
    }
}

/// The type references directly inside a type.
pub(crate) fn type_refs_of(kind: &TypeKind) -> Vec<&TypeRef> {
    kind.type_refs()
}

/// Pushes every named type inside a type reference.
pub(crate) fn collect_named(ty: &TypeRef, out: &mut Vec<TypeId>) {
    ty.collect_named(out);
}
