//! Property tests over the whole pipeline (load, lower, emit): whatever the input, generation
//! never panics, reports failures as a spec error naming the file, and when it succeeds the
//! single-file output parses as Rust.
//!
//! (a) mutates the restore-job fragment line by line and token by token; (b) builds small
//! OpenAPI documents from random schema trees (objects, arrays, enums, allOf, oneOf, anyOf,
//! `$ref`s among a few components including self-references, keyword and symbol names, and
//! patterns that are valid, unsupported by the regex crate, or invalid).
//!
//! The code is generated against the runtime crate (`RuntimeSource::Crate`): a vendored runtime
//! is the same five thousand lines in every single file whatever the input, and lexing,
//! printing and parsing them again was four fifths of each case. That the vendored single file
//! parses is checked once per spec by the tests that read it (`bad_specs`, `references`,
//! `item_streams`, `openapi32_methods`, and `forms` in the end-to-end suite).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};
use specforge::{Error, Generator, RuntimeSource};

use crate::common::workspace;

const MUTATION_CASES: u32 = 300;
const GENERATED_CASES: u32 = 300;

/// How the inputs of one property ended.
#[derive(Default)]
struct Tally {
    tried: AtomicUsize,
    generated: AtomicUsize,
    spec_errors: AtomicUsize,
}

impl Tally {
    fn report(&self, what: &str) {
        eprintln!(
            "fuzz_props: {what}: {} inputs tried, {} generated code that parses, {} rejected with a spec error",
            self.tried.load(Ordering::Relaxed),
            self.generated.load(Ordering::Relaxed),
            self.spec_errors.load(Ordering::Relaxed),
        );
    }
}

static MUTATED: Tally =
    Tally { tried: AtomicUsize::new(0), generated: AtomicUsize::new(0), spec_errors: AtomicUsize::new(0) };
static GENERATED: Tally =
    Tally { tried: AtomicUsize::new(0), generated: AtomicUsize::new(0), spec_errors: AtomicUsize::new(0) };

/// Writes `text` to `path`, runs the generator, and checks the outcome.
fn check_generation(path: &Path, text: &str, tally: &Tally) -> Result<(), TestCaseError> {
    std::fs::write(path, text).unwrap();
    tally.tried.fetch_add(1, Ordering::Relaxed);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let result = Generator::new(path).tag_features(false).runtime(RuntimeSource::Crate).generate();
        result.map(|generation| (generation.single_file(), generation.warnings))
    }));
    let result = match outcome {
        Ok(result) => result,
        Err(_) => return Err(TestCaseError::fail(format!("the generator panicked on:\n{text}"))),
    };
    match result {
        Ok((Ok(code), warnings)) => {
            if let Err(error) = syn::parse_file(&code) {
                return Err(TestCaseError::fail(format!("output does not parse ({error}) for:\n{text}")));
            }
            for warning in warnings {
                prop_assert!(warning.pointer.starts_with('#'), "warning without a pointer: {warning}");
            }
            tally.generated.fetch_add(1, Ordering::Relaxed);
        }
        Ok((Err(error), _)) => return Err(TestCaseError::fail(format!("single_file failed ({error}) for:\n{text}"))),
        Err(Error::Spec(error)) => {
            prop_assert_eq!(&error.file, path);
            prop_assert!(!error.message.is_empty());
            if let Some(pointer) = &error.pointer {
                prop_assert!(pointer.starts_with('#'), "pointer {pointer} in {error}");
            }
            if let Some(location) = error.location {
                prop_assert!(location.line >= 1 && location.column >= 1, "{error}");
                prop_assert!(location.line <= text.lines().count() + 1, "line past the end: {error}");
            }
            tally.spec_errors.fetch_add(1, Ordering::Relaxed);
            // `FUZZ_PROPS_SHOW=1` prints every rejection, to see what the inputs exercise.
            if std::env::var_os("FUZZ_PROPS_SHOW").is_some() {
                eprintln!("spec error: {error}");
            }
        }
        Err(other) => return Err(TestCaseError::fail(format!("generator bug ({other}) for:\n{text}"))),
    }
    Ok(())
}

/// `FUZZ_PROPS_CASES=5000` runs each property longer than the default.
fn config(default_cases: u32) -> ProptestConfig {
    let cases = std::env::var("FUZZ_PROPS_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default_cases);
    // No regression files in the source tree; a failure is turned into a case in bad_specs.rs.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ---------------------------------------------------------------------------------------------
// (a) Mutations of the restore-job fragment.

const JUNK: &[&str] = &[
    "$ref: '#/x'",
    "-1",
    "{}",
    "[]",
    "~",
    "null",
    "''",
    "\"{x}\"",
    ":",
    "- ",
    "&anchor",
    "*anchor",
    "99999999999999999999999",
    "1e400",
    "true",
    "'^[a-z$'",
    "'(?=lookahead)'",
    "$ref: '#/components/schemas/DiskBackupSnapshotRestoreJob'",
    "$ref: '#/components/schemas/Link'",
    "$ref: 'other.yaml#/X'",
    "{allOf: [{$ref: '#/components/schemas/ApiError'}]}",
    "{oneOf: [{$ref: '#/components/schemas/Link'}, {type: string}]}",
    "{type: array}",
    "{type: object, additionalProperties: {type: integer}}",
    "{enum: ['>=', '', self, 1st]}",
    "type",
    "self",
    "'@odata.type'",
    "#",
    "\"\\u0000\"",
    "3.1.0",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete(Index),
    Duplicate(Index),
    Swap(Index, Index),
    /// Replaces one whitespace-separated token of a line (keeping its indentation).
    Replace(Index, Index, &'static str),
    /// Replaces the value of a `key: value` line (or a whole list item), keeping the key, so
    /// the text stays YAML more often and the damage reaches lowering.
    ReplaceValue(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Duplicate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        2 => (any::<Index>(), any::<Index>(), prop::sample::select(JUNK)).prop_map(|(l, t, j)| Mutation::Replace(l, t, j)),
        4 => (any::<Index>(), prop::sample::select(JUNK)).prop_map(|(l, j)| Mutation::ReplaceValue(l, j)),
    ]
}

fn apply(lines: &mut Vec<String>, mutation: &Mutation) {
    if lines.is_empty() {
        return;
    }
    match mutation {
        Mutation::Delete(at) => {
            lines.remove(at.index(lines.len()));
        }
        Mutation::Duplicate(at) => {
            let at = at.index(lines.len());
            lines.insert(at, lines[at].clone());
        }
        Mutation::Swap(a, b) => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        Mutation::Replace(at, token, junk) => {
            let at = at.index(lines.len());
            let line = &mut lines[at];
            let indent = line.len() - line.trim_start().len();
            let mut tokens: Vec<&str> = line.split_whitespace().collect();
            if tokens.is_empty() {
                *line = format!("{}{junk}", &line[..indent]);
                return;
            }
            let token = token.index(tokens.len());
            tokens[token] = junk;
            *line = format!("{}{}", &line[..indent], tokens.join(" "));
        }
        Mutation::ReplaceValue(at, junk) => {
            let at = at.index(lines.len());
            let line = &mut lines[at];
            // A value that is itself `key: value` goes in braces to stay one value.
            let junk =
                if junk.contains(": ") && !junk.starts_with('{') { format!("{{{junk}}}") } else { junk.to_string() };
            if let Some((key, _)) = line.split_once(": ") {
                *line = format!("{key}: {junk}");
            } else if let Some(item) = line.find("- ") {
                *line = format!("{}- {junk}", &line[..item]);
            } else if line.trim_end().ends_with(':') {
                *line = format!("{} {junk}", line.trim_end());
            }
        }
    }
}

#[test]
fn mutated_fragment_never_panics() {
    let original = std::fs::read_to_string(workspace().join("spec/restore-job.yaml")).unwrap();
    let lines: Vec<String> = original.lines().map(str::to_owned).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("restore-job.yaml");
    let mut runner = proptest::test_runner::TestRunner::new(config(MUTATION_CASES));
    let result = runner.run(&prop::collection::vec(mutation(), 1..=2), |mutations| {
        let mut mutated = lines.clone();
        for mutation in &mutations {
            apply(&mut mutated, mutation);
        }
        check_generation(&path, &(mutated.join("\n") + "\n"), &MUTATED)
    });
    MUTATED.report("mutated restore-job fragment");
    if let Err(error) = result {
        panic!("{error}");
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Generated documents.

/// Component names: plain, clashing (`foo_bar`/`FooBar`), keywords, prelude names, symbols.
const COMPONENT_NAMES: &[&str] = &[
    "Pet",
    "foo_bar",
    "FooBar",
    "Self",
    "Result",
    "type",
    "1st",
    "@odata.type",
    "x-rate-limit",
    "$",
    "Option",
    "Unknown",
];
const PROPERTY_NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "crate",
    "match",
    "super",
    "fooBar",
    "foo_bar",
    "@odata.type",
    "1st",
    "x-rate-limit",
    "$",
    "",
    "_",
    "additional_properties",
    "r#type",
    "name",
];
const ENUM_VALUES: &[&str] = &[">=", "<", "", "self", "Self", "a b", "1st", "DAILY", "daily", "Unknown", "Other", "_"];
const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "^([a-f0-9]{24})$",
    "^\\d{4}-\\d{2}-\\d{2}$",
    "^[a-zA-Z0-9][a-zA-Z0-9-]*$",
    "\\p{L}+",
    "(?i)abc",
    "^(?=a)b",
    "^(a)\\1$",
    "^[a-z$",
    "",
    "a{2,}",
    "\\",
];
const FORMATS: &[&str] = &["", "date", "date-time", "byte", "binary", "int32", "int64", "float", "uuid"];

#[derive(Debug, Clone)]
enum Tree {
    String { format: &'static str, pattern: Option<&'static str>, nullable: bool },
    Integer { format: &'static str, minimum: Option<i64> },
    Number,
    Boolean,
    Any,
    Enum(Vec<&'static str>),
    Ref(Index),
    Object { properties: Vec<(&'static str, Tree)>, required: Vec<Index>, additional: Option<Box<Tree>> },
    Array(Box<Tree>),
    Map(Box<Tree>),
    AllOf(Vec<Tree>),
    OneOf { members: Vec<Tree>, discriminator: bool },
    AnyOf(Vec<Tree>),
    Not(Box<Tree>),
    UnknownType,
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        1 => (prop::sample::select(FORMATS), prop::option::of(prop::sample::select(PATTERNS)), any::<bool>())
            .prop_map(|(format, pattern, nullable)| Tree::String { format, pattern, nullable }),
        1 => (prop::sample::select(FORMATS), prop::option::of(-5i64..5))
            .prop_map(|(format, minimum)| Tree::Integer { format, minimum }),
        1 => Just(Tree::Number),
        1 => Just(Tree::Boolean),
        1 => Just(Tree::Any),
        1 => prop::collection::vec(prop::sample::select(ENUM_VALUES), 0..4).prop_map(Tree::Enum),
        3 => any::<Index>().prop_map(Tree::Ref),
        1 => Just(Tree::UnknownType),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            3 => (
                prop::collection::vec((prop::sample::select(PROPERTY_NAMES), inner.clone()), 0..4),
                prop::collection::vec(any::<Index>(), 0..3),
                prop::option::of(inner.clone().prop_map(Box::new)),
            )
                .prop_map(|(properties, required, additional)| Tree::Object { properties, required, additional }),
            1 => inner.clone().prop_map(|t| Tree::Array(Box::new(t))),
            1 => inner.clone().prop_map(|t| Tree::Map(Box::new(t))),
            1 => prop::collection::vec(inner.clone(), 0..3).prop_map(Tree::AllOf),
            1 => (prop::collection::vec(inner.clone(), 0..3), any::<bool>())
                .prop_map(|(members, discriminator)| Tree::OneOf { members, discriminator }),
            1 => prop::collection::vec(inner.clone(), 1..3).prop_map(Tree::AnyOf),
            1 => inner.prop_map(|t| Tree::Not(Box::new(t))),
        ]
    })
}

fn schema_ref(names: &[&str], index: &Index) -> Value {
    json!({ "$ref": format!("#/components/schemas/{}", names[index.index(names.len())]) })
}

impl Tree {
    fn to_json(&self, names: &[&str]) -> Value {
        match self {
            Tree::String { format, pattern, nullable } => {
                let mut schema = Map::new();
                schema.insert("type".into(), json!("string"));
                if !format.is_empty() {
                    schema.insert("format".into(), json!(format));
                }
                if let Some(pattern) = pattern {
                    schema.insert("pattern".into(), json!(pattern));
                }
                if *nullable {
                    schema.insert("nullable".into(), json!(true));
                }
                Value::Object(schema)
            }
            Tree::Integer { format, minimum } => {
                let mut schema = json!({ "type": "integer" });
                if !format.is_empty() {
                    schema["format"] = json!(format);
                }
                if let Some(minimum) = minimum {
                    schema["minimum"] = json!(minimum);
                }
                schema
            }
            Tree::Number => json!({ "type": "number", "multipleOf": 0.5 }),
            Tree::Boolean => json!({ "type": "boolean", "default": false }),
            Tree::Any => json!({}),
            Tree::Enum(values) => json!({ "type": "string", "enum": values }),
            Tree::Ref(index) => schema_ref(names, index),
            Tree::Object { properties, required, additional } => {
                let mut props = Map::new();
                for (name, tree) in properties {
                    props.insert((*name).to_owned(), tree.to_json(names));
                }
                let required: Vec<&str> = if properties.is_empty() {
                    Vec::new()
                } else {
                    required.iter().map(|i| properties[i.index(properties.len())].0).collect()
                };
                let mut schema = json!({ "type": "object", "properties": props });
                if !required.is_empty() {
                    schema["required"] = json!(required);
                }
                if let Some(additional) = additional {
                    schema["additionalProperties"] = additional.to_json(names);
                }
                schema
            }
            Tree::Array(items) => json!({ "type": "array", "items": items.to_json(names), "maxItems": 3 }),
            Tree::Map(values) => json!({ "type": "object", "additionalProperties": values.to_json(names) }),
            Tree::AllOf(members) => {
                json!({ "allOf": members.iter().map(|m| m.to_json(names)).collect::<Vec<_>>(), "description": "all" })
            }
            Tree::OneOf { members, discriminator } => {
                let mut schema = json!({ "oneOf": members.iter().map(|m| m.to_json(names)).collect::<Vec<_>>() });
                if *discriminator {
                    schema["discriminator"] = json!({ "propertyName": "type" });
                }
                schema
            }
            Tree::AnyOf(members) => json!({ "anyOf": members.iter().map(|m| m.to_json(names)).collect::<Vec<_>>() }),
            Tree::Not(inner) => json!({ "not": inner.to_json(names) }),
            Tree::UnknownType => json!({ "type": "file" }),
        }
    }
}

/// A parameter schema: scalars, lists of scalars, and component refs (enums among them).
#[derive(Debug, Clone)]
enum ParamSchema {
    String(Option<&'static str>),
    Integer,
    Boolean,
    List(Option<&'static str>),
    Ref(Index),
}

fn param_schema() -> impl Strategy<Value = ParamSchema> {
    prop_oneof![
        3 => prop::option::of(prop::sample::select(PATTERNS)).prop_map(ParamSchema::String),
        1 => Just(ParamSchema::Integer),
        1 => Just(ParamSchema::Boolean),
        1 => prop::option::of(prop::sample::select(PATTERNS)).prop_map(ParamSchema::List),
        1 => any::<Index>().prop_map(ParamSchema::Ref),
    ]
}

impl ParamSchema {
    fn to_json(&self, names: &[&str]) -> Value {
        let string = |pattern: &Option<&str>| match pattern {
            Some(pattern) => json!({ "type": "string", "pattern": pattern }),
            None => json!({ "type": "string" }),
        };
        match self {
            ParamSchema::String(pattern) => string(pattern),
            ParamSchema::Integer => json!({ "type": "integer", "format": "int32", "minimum": 1 }),
            ParamSchema::Boolean => json!({ "type": "boolean" }),
            ParamSchema::List(pattern) => json!({ "type": "array", "items": string(pattern) }),
            ParamSchema::Ref(index) => schema_ref(names, index),
        }
    }
}

const PATHS: &[&str] = &["/a", "/a/{id}", "/things/{thing-id}/x", "/{type}", "/v2/{self}/{1st}", "/b/{id}.json"];
const OPERATION_IDS: &[&str] = &["getThing", "listThings", "match", "type", "self", "do-it", "1st", "Result"];
const PARAM_NAMES: &[&str] =
    &["type", "self", "x-rate-limit", "$", "pretty", "envelope", "limit", "new", "build", "body"];
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];

#[derive(Debug, Clone)]
struct OperationGen {
    path: Index,
    method: Index,
    path_param: ParamSchema,
    query: Vec<(&'static str, &'static str, ParamSchema)>,
    body: Option<Tree>,
    success: Option<Tree>,
    error: Option<Tree>,
}

fn operation() -> impl Strategy<Value = OperationGen> {
    (
        any::<Index>(),
        any::<Index>(),
        param_schema(),
        prop::collection::vec(
            (
                prop::sample::select(PARAM_NAMES),
                prop::sample::select(&["query", "header", "cookie"][..]),
                param_schema(),
            ),
            0..3,
        ),
        prop::option::of(tree()),
        prop::option::of(tree()),
        prop::option::of(tree()),
    )
        .prop_map(|(path, method, path_param, query, body, success, error)| OperationGen {
            path,
            method,
            path_param,
            query,
            body,
            success,
            error,
        })
}

#[derive(Debug, Clone)]
struct DocumentGen {
    components: Vec<(&'static str, Tree)>,
    operations: Vec<OperationGen>,
    operation_ids: Vec<&'static str>,
    json: bool,
}

fn document() -> impl Strategy<Value = DocumentGen> {
    (
        prop::sample::subsequence(COMPONENT_NAMES, 1..=4).prop_shuffle(),
        prop::collection::vec(tree(), 4),
        prop::collection::vec(operation(), 0..3),
        prop::sample::subsequence(OPERATION_IDS, 3).prop_shuffle(),
        any::<bool>(),
    )
        .prop_map(|(names, trees, operations, operation_ids, json)| DocumentGen {
            components: names.into_iter().zip(trees).collect(),
            operations,
            operation_ids,
            json,
        })
}

impl DocumentGen {
    fn to_json(&self) -> Value {
        let names: Vec<&str> = self.components.iter().map(|(name, _)| *name).collect();
        let mut schemas = Map::new();
        for (name, tree) in &self.components {
            schemas.insert((*name).to_owned(), tree.to_json(&names));
        }
        let mut paths = Map::new();
        for (index, operation) in self.operations.iter().enumerate() {
            let path = PATHS[operation.path.index(PATHS.len())];
            let method = METHODS[operation.method.index(METHODS.len())];
            let mut parameters = Vec::new();
            for segment in path.split('{').skip(1) {
                let name = segment.split('}').next().unwrap_or_default();
                parameters.push(json!({
                    "name": name, "in": "path", "required": true, "schema": operation.path_param.to_json(&names)
                }));
            }
            for (name, location, schema) in &operation.query {
                parameters.push(json!({ "name": name, "in": location, "schema": schema.to_json(&names) }));
            }
            let mut responses = Map::new();
            let content = |tree: &Tree| json!({ "application/json": { "schema": tree.to_json(&names) } });
            match &operation.success {
                Some(tree) => responses.insert("200".into(), json!({ "description": "ok", "content": content(tree) })),
                None => responses.insert("204".into(), json!({ "description": "no content" })),
            };
            if let Some(tree) = &operation.error {
                responses.insert("404".into(), json!({ "description": "not found", "content": content(tree) }));
                responses.insert("default".into(), json!({ "description": "other", "content": content(tree) }));
            }
            let mut op = json!({
                "operationId": self.operation_ids[index],
                "tags": [if index % 2 == 0 { "Things" } else { "Other Things" }],
                "parameters": parameters,
                "responses": responses,
            });
            if let Some(body) = &operation.body {
                op["requestBody"] = json!({ "required": true, "content": content(body) });
            }
            let item = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
            item[method] = op;
        }
        json!({
            "openapi": "3.0.3",
            "info": { "title": "Generated", "version": "1" },
            "servers": [{ "url": "https://example.test" }],
            "paths": paths,
            "components": { "schemas": schemas },
        })
    }
}

#[test]
fn generated_specs_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(config(GENERATED_CASES));
    let result = runner.run(&document(), |document| {
        let value = document.to_json();
        let (path, text) = if document.json {
            (dir.path().join("spec.json"), serde_json::to_string_pretty(&value).unwrap())
        } else {
            (dir.path().join("spec.yaml"), serde_yaml::to_string(&value).unwrap())
        };
        check_generation(&path, &text, &GENERATED)
    });
    GENERATED.report("generated documents");
    if let Err(error) = result {
        panic!("{error}");
    }
}
