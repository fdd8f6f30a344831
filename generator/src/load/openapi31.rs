//! OpenAPI 3.1 (and the 3.1-compatible parts of 3.2) to the 3.0 object model, on the parsed
//! document before it is read into `openapiv3` types.
//!
//! 3.1 schemas are JSON Schema 2020-12; most of what specs use has a 3.0 spelling (a `type`
//! list with `"null"` is `nullable`, `const` a one-value `enum`, a numeric `exclusiveMinimum`
//! a `minimum` with the boolean flag). What has none is removed with a warning naming its
//! pointer, never silently.

use serde_json::{Map, Value};

use super::walk::{self, Context};
use super::{
    Moved, Problem, Upgraded, EXTRA_OPERATIONS, ITEM_SCHEMA_MARK, METHOD_FIELDS, QUERYSTRING_MARK, TAG_PARENT,
};

/// The content of a querystring parameter that reads as query pairs.
const FORM_MEDIA_TYPE: &str = "application/x-www-form-urlencoded";

/// The dialect 3.1 documents use unless they say otherwise.
const OAS_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// JSON Schema keywords the IR has no place for; they are dropped with a warning.
const INEXPRESSIBLE: &[&str] = &[
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$dynamicAnchor",
    "$defs",
];

/// Keywords that only annotate (no effect on the generated code) and have no 3.0 spelling.
const ANNOTATIONS: &[&str] = &["$schema", "$id", "$comment", "$anchor", "contentSchema"];

/// Upgrades a 3.1 or 3.2 document in place.
pub(super) fn upgrade(document: &mut Value) -> Upgraded {
    let mut upgraded = Upgraded::default();
    let Value::Object(top) = document else { return upgraded };
    top.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    if let Some(webhooks) = top.remove("webhooks") {
        if webhooks.as_object().is_some_and(|hooks| !hooks.is_empty()) {
            upgraded.warnings.push(Problem {
                pointer: "#/webhooks".to_owned(),
                message: "webhooks describe requests the API sends to you; no client code is generated for them"
                    .to_owned(),
            });
        }
    }
    if let Some(dialect) = top.remove("jsonSchemaDialect") {
        if dialect.as_str() != Some(OAS_DIALECT) {
            upgraded.warnings.push(Problem {
                pointer: "#/jsonSchemaDialect".to_owned(),
                message: format!("schemas are read as the OpenAPI dialect of JSON Schema, not {dialect}"),
            });
        }
    }
    top.entry("paths").or_insert_with(|| Value::Object(Map::new()));
    inline_path_items(top, &mut upgraded);
    read_32_additions(top, &mut upgraded);
    walk::for_each_schema(document, &mut |schema, pointer| upgrade_schema(schema, pointer, &mut upgraded.warnings));
    if let Value::Object(top) = document {
        move_new_methods(top, &mut upgraded);
    }
    upgraded
}

/// Path items referring to `#/components/pathItems/...` (3.1) are copied into `paths`: 3.0 has
/// no such section.
fn inline_path_items(top: &mut Map<String, Value>, upgraded: &mut Upgraded) {
    let path_items = top.get_mut("components").and_then(Value::as_object_mut).and_then(|c| c.remove("pathItems"));
    let Some(Value::Object(path_items)) = path_items else { return };
    let Some(Value::Object(paths)) = top.get_mut("paths") else { return };
    for (path, item) in paths.iter_mut() {
        let Some(name) =
            item.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/components/pathItems/"))
        else {
            continue;
        };
        let name = name.replace("~1", "/").replace("~0", "~");
        let Some(target) = path_items.get(&name) else { continue };
        let mut copy = target.clone();
        if let (Value::Object(copy), Value::Object(item)) = (&mut copy, &*item) {
            for (key, value) in item.iter().filter(|(key, _)| *key != "$ref") {
                copy.insert(key.clone(), value.clone());
            }
        }
        let to = crate::diagnostics::pointer_push("#/paths", path);
        let from = crate::diagnostics::pointer_push("#/components/pathItems", &name);
        upgraded.moved.push(Moved { to, from, file: None });
        *item = copy;
    }
}

/// OpenAPI 3.2's `query` operation and `additionalOperations` have no field in the 3.0 object
/// model: they move into the path item's [`EXTRA_OPERATIONS`] extension, keyed by the method as
/// sent (`QUERY`, `LINK`), where the loader reads them as operations. Done after the schema
/// walk, which does not enter extensions. A key that is not an HTTP token, or that names a
/// method with a field of its own, is left out with a warning.
fn move_new_methods(top: &mut Map<String, Value>, upgraded: &mut Upgraded) {
    let Some(Value::Object(paths)) = top.get_mut("paths") else { return };
    for (path, item) in paths.iter_mut() {
        let Value::Object(item) = item else { continue };
        let item_pointer = crate::diagnostics::pointer_push("#/paths", path);
        let extra_pointer = crate::diagnostics::pointer_push(&item_pointer, EXTRA_OPERATIONS);
        let mut moved = Map::new();
        let mut take = |method: &str, from: String, operation: Value| {
            let to = crate::diagnostics::pointer_push(&extra_pointer, method);
            upgraded.moved.push(Moved { to, from, file: None });
            moved.insert(method.to_owned(), operation);
        };
        if let Some(operation) = item.remove("query") {
            take("QUERY", crate::diagnostics::pointer_push(&item_pointer, "query"), operation);
        }
        let additional_pointer = crate::diagnostics::pointer_push(&item_pointer, "additionalOperations");
        match item.remove("additionalOperations") {
            None => {}
            Some(Value::Object(additional)) => {
                for (method, operation) in additional {
                    let pointer = crate::diagnostics::pointer_push(&additional_pointer, &method);
                    let problem = if !is_token(&method) {
                        format!("`{method}` is not an HTTP method name (an RFC 9110 token); the operation gets no code")
                    } else if METHOD_FIELDS.iter().any(|fixed| fixed.eq_ignore_ascii_case(&method)) {
                        let field = method.to_ascii_lowercase();
                        format!(
                            "`{method}` belongs in the path item's `{field}` field, not in `additionalOperations`; the operation gets no code"
                        )
                    } else {
                        take(&method, pointer, operation);
                        continue;
                    };
                    upgraded.warnings.push(Problem { pointer, message: problem });
                }
            }
            Some(_) => upgraded.warnings.push(Problem {
                pointer: additional_pointer,
                message: "`additionalOperations` is not a map of methods to operations; it is ignored".to_owned(),
            }),
        }
        if !moved.is_empty() {
            item.insert(EXTRA_OPERATIONS.to_owned(), Value::Object(moved));
        }
    }
}

/// Whether `name` is an HTTP token (RFC 9110, section 5.6.2), what a method name must be.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// What else OpenAPI 3.2 adds to path items and tags: `in: querystring` parameters,
/// `itemSchema` media types and a tag's `parent` are read where the IR has a place for them
/// (a parent as [`TAG_PARENT`]), and warned about where it has none (a tag's `kind`).
fn read_32_additions(top: &mut Map<String, Value>, upgraded: &mut Upgraded) {
    if let Some(Value::Array(tags)) = top.get_mut("tags") {
        for (index, tag) in tags.iter_mut().enumerate() {
            let Value::Object(tag) = tag else { continue };
            if let Some(parent) = tag.remove("parent") {
                tag.insert(TAG_PARENT.to_owned(), parent);
                upgraded.moved.push(Moved {
                    to: format!("#/tags/{index}/{TAG_PARENT}"),
                    from: format!("#/tags/{index}/parent"),
                    file: None,
                });
            }
            if tag.contains_key("kind") {
                upgraded.warnings.push(Problem {
                    pointer: format!("#/tags/{index}/kind"),
                    message: "a tag's `kind` (OpenAPI 3.2) has no counterpart in the client; modules and features follow the tags themselves".to_owned(),
                });
            }
        }
    }
    let Some(Value::Object(paths)) = top.get_mut("paths") else { return };
    for (path, item) in paths.iter_mut() {
        let item_pointer = crate::diagnostics::pointer_push("#/paths", path);
        let Value::Object(item) = item else { continue };
        if let Some(Value::Array(parameters)) = item.get_mut("parameters") {
            read_querystrings(parameters, &format!("{item_pointer}/parameters"), upgraded);
        }
        for (pointer, operation) in operations_mut(item, &item_pointer) {
            if let Some(Value::Array(parameters)) = operation.get_mut("parameters") {
                read_querystrings(parameters, &format!("{pointer}/parameters"), upgraded);
            }
            read_item_schemas(operation, &pointer, &mut upgraded.moved);
            warn_item_schemas(operation, &pointer, &mut upgraded.warnings);
        }
    }
}

/// The operations of a path item with their pointers: its method fields, and each entry of
/// `additionalOperations`.
fn operations_mut<'v>(
    item: &'v mut Map<String, Value>,
    item_pointer: &str,
) -> Vec<(String, &'v mut Map<String, Value>)> {
    let mut operations = Vec::new();
    for (key, holder) in item.iter_mut() {
        let pointer = crate::diagnostics::pointer_push(item_pointer, key);
        let Value::Object(holder) = holder else { continue };
        if key == "additionalOperations" {
            for (method, operation) in holder.iter_mut() {
                if let Value::Object(operation) = operation {
                    operations.push((crate::diagnostics::pointer_push(&pointer, method), operation));
                }
            }
        } else if METHOD_FIELDS.contains(&key.as_str()) {
            operations.push((pointer, holder));
        }
    }
    operations
}

/// The `itemSchema`s that [`read_item_schemas`] left, each with a warning.
fn warn_item_schemas(operation: &Map<String, Value>, pointer: &str, warnings: &mut Vec<Problem>) {
    let mut contents: Vec<(String, &Map<String, Value>)> = Vec::new();
    if let Some(Value::Object(content)) = operation.get("requestBody").and_then(|body| body.get("content")) {
        contents.push((format!("{pointer}/requestBody/content"), content));
    }
    if let Some(Value::Object(responses)) = operation.get("responses") {
        for (status, response) in responses {
            if let Some(Value::Object(content)) = response.get("content") {
                let responses_pointer = crate::diagnostics::pointer_push(&format!("{pointer}/responses"), status);
                contents.push((format!("{responses_pointer}/content"), content));
            }
        }
    }
    for (content_pointer, content) in contents {
        for (media, body) in content {
            if body.get("itemSchema").is_some() {
                warnings.push(Problem {
                    pointer: format!("{}/itemSchema", crate::diagnostics::pointer_push(&content_pointer, media)),
                    message: "`itemSchema` is read in success responses of `text/event-stream`, `application/jsonl` and `application/json-seq`; here the body gets no typed items".to_owned(),
                });
            }
        }
    }
}

/// An `in: querystring` parameter (OpenAPI 3.2: the whole query string is its value) becomes
/// a query parameter marked with [`QUERYSTRING_MARK`] (the 3.0 reader refuses the location).
/// With `application/x-www-form-urlencoded` content it is what 3.0 says the same way: its
/// schema's properties are each a pair (`style: form`, exploded). With other content it keeps
/// its one media type, for lowering to read (JSON) or warn about. Without one media type it is
/// removed, with a warning.
fn read_querystrings(parameters: &mut Vec<Value>, pointer: &str, upgraded: &mut Upgraded) {
    let mut index = 0;
    parameters.retain_mut(|parameter| {
        let parameter_pointer = format!("{pointer}/{index}");
        index += 1;
        let Value::Object(parameter) = parameter else { return true };
        if parameter.get("in").and_then(Value::as_str) != Some("querystring") {
            return true;
        }
        let media_types = parameter.get("content").and_then(Value::as_object).map_or(0, Map::len);
        if media_types != 1 {
            upgraded.warnings.push(Problem {
                pointer: parameter_pointer,
                message: format!(
                    "an `in: querystring` parameter needs `content` with one media type, not {media_types}; the operation gets no such parameter"
                ),
            });
            return false;
        }
        parameter.insert("in".to_owned(), Value::String("query".to_owned()));
        parameter.insert(QUERYSTRING_MARK.to_owned(), Value::Bool(true));
        let form = parameter
            .get_mut("content")
            .and_then(Value::as_object_mut)
            .and_then(|content| content.get_mut(FORM_MEDIA_TYPE))
            .and_then(|media| media.as_object_mut()?.remove("schema"));
        if let Some(schema) = form {
            parameter.remove("content");
            parameter.insert("schema".to_owned(), schema);
            parameter.insert("style".to_owned(), Value::String("form".to_owned()));
            parameter.insert("explode".to_owned(), Value::Bool(true));
            upgraded.moved.push(Moved {
                to: format!("{parameter_pointer}/schema"),
                from: format!(
                    "{}/schema",
                    crate::diagnostics::pointer_push(&format!("{parameter_pointer}/content"), FORM_MEDIA_TYPE)
                ),
                file: None,
            });
        }
        true
    });
}

/// The `itemSchema` of a success response's streamed media type (Server-Sent Events, JSON
/// Lines, JSON text sequences) becomes its `schema`, marked as describing each item (a
/// `schema` beside it describes the whole body, which a client reads item by item anyway).
/// Other `itemSchema`s stay, and are warned about.
fn read_item_schemas(operation: &mut Map<String, Value>, pointer: &str, moved: &mut Vec<Moved>) {
    let Some(Value::Object(responses)) = operation.get_mut("responses") else { return };
    for (status, response) in responses.iter_mut() {
        if !status.starts_with('2') {
            continue;
        }
        let Some(Value::Object(content)) = response.get_mut("content") else { continue };
        for (media, body) in content.iter_mut() {
            let Value::Object(body) = body else { continue };
            if crate::ir::ItemFraming::of_media_type(media).is_none() {
                continue;
            }
            let Some(item_schema) = body.remove("itemSchema") else { continue };
            let media_pointer =
                format!("{pointer}/responses/{status}/content/{}", media.replace('~', "~0").replace('/', "~1"));
            body.insert("schema".to_owned(), item_schema);
            body.insert(ITEM_SCHEMA_MARK.to_owned(), Value::Bool(true));
            moved.push(Moved {
                to: format!("{media_pointer}/schema"),
                from: format!("{media_pointer}/itemSchema"),
                file: None,
            });
        }
    }
}

fn upgrade_schema(schema: &mut Map<String, Value>, pointer: &str, warnings: &mut Vec<Problem>) {
    let warn = |warnings: &mut Vec<Problem>, keyword: &str, message: String| {
        warnings.push(Problem { pointer: crate::diagnostics::pointer_push(pointer, keyword), message });
    };
    // `$ref` beside other keywords: in 3.1 both apply, in 3.0 the siblings would be ignored.
    if schema.contains_key("$ref") && schema.len() > 1 {
        let reference = schema.remove("$ref").unwrap_or(Value::Null);
        let mut member = Map::new();
        member.insert("$ref".to_owned(), reference);
        let mut all_of = match schema.remove("allOf") {
            Some(Value::Array(members)) => members,
            _ => Vec::new(),
        };
        all_of.insert(0, Value::Object(member));
        schema.insert("allOf".to_owned(), Value::Array(all_of));
    }
    type_list_to_nullable(schema, pointer, warnings);
    // `anyOf: [X, {type: null}]`: a nullable X.
    for keyword in ["anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = schema.get_mut(keyword) {
            let before = members.len();
            members.retain(|member| !is_null_schema(member));
            if members.len() < before {
                schema.insert("nullable".to_owned(), Value::Bool(true));
            }
        }
    }
    if let Some(value) = schema.remove("const") {
        schema.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    if let Some(examples) = schema.remove("examples") {
        if let Some(first) = examples.as_array().and_then(|list| list.first()) {
            schema.entry("example").or_insert_with(|| first.clone());
        }
    }
    for (keyword, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
        if let Some(limit) = schema.get(keyword).filter(|v| v.is_number()).cloned() {
            schema.insert(bound.to_owned(), limit);
            schema.insert(keyword.to_owned(), Value::Bool(true));
        }
    }
    let encoding = schema.remove("contentEncoding");
    let media_type = schema.remove("contentMediaType");
    if !schema.contains_key("format") {
        if encoding.as_ref().and_then(Value::as_str).is_some_and(|e| e.eq_ignore_ascii_case("base64")) {
            schema.insert("format".to_owned(), Value::String("byte".to_owned()));
        } else if media_type.as_ref().and_then(Value::as_str).is_some_and(|m| !m.starts_with("text/")) {
            schema.insert("format".to_owned(), Value::String("binary".to_owned()));
        }
    }
    if let Some(prefix) = schema.remove("prefixItems") {
        let count = prefix.as_array().map_or(0, Vec::len);
        if !schema.contains_key("items") {
            schema.insert("items".to_owned(), Value::Object(Map::new()));
        }
        warn(
            warnings,
            "prefixItems",
            format!("a tuple of {count} positional schemas is read as a list whose items are not typed by position"),
        );
    }
    for keyword in INEXPRESSIBLE {
        if schema.remove(*keyword).is_some() {
            warn(
                warnings,
                keyword,
                format!(
                    "the JSON Schema keyword `{keyword}` has no counterpart in the generated types and is not checked"
                ),
            );
        }
    }
    for keyword in ANNOTATIONS {
        schema.remove(*keyword);
    }
    // Boolean schemas (`true`: anything, `false`: nothing) where 3.0 needs an object.
    for (key, child) in schema.iter_mut() {
        match Context::Schema.child(key) {
            Context::Schema if key != "additionalProperties" => boolean_to_object(child),
            Context::Schemas => match child {
                Value::Object(members) => members.values_mut().for_each(boolean_to_object),
                Value::Array(members) => members.iter_mut().for_each(boolean_to_object),
                _ => {}
            },
            _ => {}
        }
    }
}

/// A `type` list (`[string, "null"]`) as a 3.0 `type` with `nullable`; a list of several
/// non-null types cannot be said in 3.0 and is read as any JSON value, with a warning.
pub(super) fn type_list_to_nullable(schema: &mut Map<String, Value>, pointer: &str, warnings: &mut Vec<Problem>) {
    let warn = |warnings: &mut Vec<Problem>, keyword: &str, message: String| {
        warnings.push(Problem { pointer: crate::diagnostics::pointer_push(pointer, keyword), message });
    };
    if let Some(types) = schema.get("type").and_then(Value::as_array).cloned() {
        let (nulls, others): (Vec<Value>, Vec<Value>) = types.into_iter().partition(|t| t.as_str() == Some("null"));
        if !nulls.is_empty() {
            schema.insert("nullable".to_owned(), Value::Bool(true));
        }
        match others.len() {
            0 => {
                schema.remove("type");
            }
            1 => {
                schema.insert("type".to_owned(), others[0].clone());
            }
            _ => {
                schema.remove("type");
                let listed: Vec<String> = others.iter().map(Value::to_string).collect();
                warn(
                    warnings,
                    "type",
                    format!("a value of several types ({}) is read as any JSON value", listed.join(", ")),
                );
            }
        }
    } else if schema.get("type").and_then(Value::as_str) == Some("null") {
        schema.remove("type");
        schema.insert("nullable".to_owned(), Value::Bool(true));
    }
}

fn is_null_schema(schema: &Value) -> bool {
    schema.as_object().is_some_and(|map| {
        map.get("type").and_then(Value::as_str) == Some("null")
            && map.keys().all(|key| matches!(key.as_str(), "type" | "description" | "title"))
    })
}

fn boolean_to_object(schema: &mut Value) {
    if let Value::Bool(allowed) = schema {
        let mut map = Map::new();
        if !*allowed {
            map.insert("not".to_owned(), Value::Object(Map::new()));
        }
        *schema = Value::Object(map);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn upgraded_schema(schema: Value) -> (Value, Vec<Problem>) {
        let mut document = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        let upgraded = upgrade(&mut document);
        (document["components"]["schemas"]["S"].clone(), upgraded.warnings)
    }

    #[test]
    fn what_openapi_3_2_adds_is_read_or_a_located_warning() {
        let mut document = json!({"openapi": "3.2.0", "tags": [{"name": "a", "parent": "b", "kind": "nav"}], "paths": {"/s": {
            "parameters": [{"name": "q", "in": "querystring", "content": {"application/json": {}}}],
            "get": {
                "parameters": [{"name": "p", "in": "query"}, {"name": "q", "in": "querystring", "content": {}}],
                "requestBody": {"content": {"application/jsonl": {"itemSchema": {"type": "object"}}}},
                "responses": {"200": {"description": "ok", "content": {"text/event-stream": {"itemSchema": {"type": "object"}}}}}
            }
        }}});
        let upgraded = upgrade(&mut document);
        let pointers: Vec<&str> = upgraded.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "#/tags/0/kind",
                "#/paths/~1s/get/parameters/1",
                "#/paths/~1s/get/requestBody/content/application~1jsonl/itemSchema"
            ]
        );
        // A success response's streamed items are read: the item schema is the media type's.
        let media = &document["paths"]["/s"]["get"]["responses"]["200"]["content"]["text/event-stream"];
        assert_eq!(media, &json!({"schema": {"type": "object"}, ITEM_SCHEMA_MARK: true}));
        assert_eq!(
            upgraded.moved,
            [
                Moved { to: "#/tags/0/x-specforge-parent".to_owned(), from: "#/tags/0/parent".to_owned(), file: None },
                Moved {
                    to: "#/paths/~1s/get/responses/200/content/text~1event-stream/schema".to_owned(),
                    from: "#/paths/~1s/get/responses/200/content/text~1event-stream/itemSchema".to_owned(),
                    file: None
                }
            ]
        );
        assert_eq!(document["tags"][0], json!({"name": "a", "x-specforge-parent": "b", "kind": "nav"}));
        // A querystring with one media type other than a form's is left for lowering.
        assert_eq!(
            document["paths"]["/s"]["parameters"],
            json!([{"name": "q", "in": "query", "content": {"application/json": {}}, QUERYSTRING_MARK: true}])
        );
        assert_eq!(document["paths"]["/s"]["get"]["parameters"], json!([{"name": "p", "in": "query"}]));
    }

    #[test]
    fn query_and_additional_operations_move_into_the_extension_keyed_by_method() {
        let mut document = json!({"openapi": "3.2.0", "paths": {"/s": {
            "get": {"responses": {}},
            "query": {"operationId": "q", "responses": {}},
            "additionalOperations": {"LINK": {"operationId": "l", "responses": {}}, "Get": {"responses": {}}}
        }}});
        let upgraded = upgrade(&mut document);
        let item = &document["paths"]["/s"];
        assert_eq!(item.get("query"), None);
        assert_eq!(item.get("additionalOperations"), None);
        assert_eq!(
            item[EXTRA_OPERATIONS],
            json!({"QUERY": {"operationId": "q", "responses": {}}, "LINK": {"operationId": "l", "responses": {}}})
        );
        let moved: Vec<(&str, &str)> = upgraded.moved.iter().map(|m| (m.to.as_str(), m.from.as_str())).collect();
        assert_eq!(
            moved,
            [
                ("#/paths/~1s/x-specforge-operations/QUERY", "#/paths/~1s/query"),
                ("#/paths/~1s/x-specforge-operations/LINK", "#/paths/~1s/additionalOperations/LINK"),
            ]
        );
        let warned: Vec<&str> = upgraded.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(warned, ["#/paths/~1s/additionalOperations/Get"]);

        // A malformed `additionalOperations` is warned about; the `query` operation still moves.
        let mut document =
            json!({"openapi": "3.2.0", "paths": {"/s": {"query": {"responses": {}}, "additionalOperations": 5}}});
        let upgraded = upgrade(&mut document);
        assert_eq!(document["paths"]["/s"], json!({EXTRA_OPERATIONS: {"QUERY": {"responses": {}}}}));
        assert_eq!(upgraded.warnings[0].pointer, "#/paths/~1s/additionalOperations");
    }

    #[test]
    fn method_names_are_http_tokens() {
        assert!(is_token("QUERY") && is_token("M-SEARCH") && is_token("a!#$%&'*+-.^_`|~9"));
        assert!(!is_token("") && !is_token("BAD METHOD") && !is_token("A(B)") && !is_token("Ä"));
    }

    #[test]
    fn a_form_querystring_becomes_an_exploded_form_query_parameter() {
        let mut document = json!({"openapi": "3.2.0", "paths": {"/s": {"get": {"parameters": [
            {"name": "f", "in": "querystring", "required": true,
             "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}}}
        ], "responses": {}}}}});
        let upgraded = upgrade(&mut document);
        assert_eq!(
            document["paths"]["/s"]["get"]["parameters"][0],
            json!({"name": "f", "in": "query", "required": true, "schema": {"type": "object"},
                   "style": "form", "explode": true, QUERYSTRING_MARK: true})
        );
        assert!(upgraded.warnings.is_empty());
        assert_eq!(
            upgraded.moved,
            [Moved {
                to: "#/paths/~1s/get/parameters/0/schema".to_owned(),
                from: "#/paths/~1s/get/parameters/0/content/application~1x-www-form-urlencoded/schema".to_owned(),
                file: None
            }]
        );
    }

    #[test]
    fn type_lists_with_null_become_nullable() {
        let (schema, warnings) = upgraded_schema(json!({"type": ["string", "null"], "maxLength": 3}));
        assert_eq!(schema, json!({"type": "string", "nullable": true, "maxLength": 3}));
        assert!(warnings.is_empty());
        let (schema, _) = upgraded_schema(json!({"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}]}));
        assert_eq!(schema, json!({"anyOf": [{"$ref": "#/components/schemas/T"}], "nullable": true}));
    }

    #[test]
    fn several_types_warn() {
        let (schema, warnings) = upgraded_schema(json!({"type": ["string", "integer"]}));
        assert_eq!(schema, json!({}));
        assert_eq!(warnings[0].pointer, "#/components/schemas/S/type");
    }

    #[test]
    fn numeric_exclusive_bounds_const_and_examples() {
        let (schema, _) = upgraded_schema(json!({"type": "integer", "exclusiveMinimum": 0, "examples": [5, 6]}));
        assert_eq!(schema, json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true, "example": 5}));
        let (schema, _) = upgraded_schema(json!({"const": "on"}));
        assert_eq!(schema, json!({"enum": ["on"]}));
    }

    #[test]
    fn refs_with_siblings_become_all_of() {
        let (schema, _) = upgraded_schema(json!({"$ref": "#/components/schemas/T", "description": "d"}));
        assert_eq!(schema, json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/T"}]}));
    }

    #[test]
    fn binary_content_and_boolean_schemas() {
        let (schema, _) = upgraded_schema(json!({"type": "object", "properties": {
            "file": {"type": "string", "contentMediaType": "application/octet-stream"},
            "data": {"type": "string", "contentEncoding": "base64"},
            "any": true
        }}));
        assert_eq!(schema["properties"]["file"], json!({"type": "string", "format": "binary"}));
        assert_eq!(schema["properties"]["data"], json!({"type": "string", "format": "byte"}));
        assert_eq!(schema["properties"]["any"], json!({}));
    }

    #[test]
    fn inexpressible_keywords_are_named() {
        let (schema, warnings) =
            upgraded_schema(json!({"type": "object", "patternProperties": {"^x": {"type": "string"}}}));
        assert_eq!(schema, json!({"type": "object"}));
        assert_eq!(warnings[0].pointer, "#/components/schemas/S/patternProperties");
    }

    #[test]
    fn webhooks_path_items_and_dialect() {
        let mut document = json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://example.com/dialect",
            "webhooks": {"hook": {"post": {}}},
            "paths": {"/a": {"$ref": "#/components/pathItems/A"}},
            "components": {"pathItems": {"A": {"get": {"responses": {}}}}}
        });
        let upgraded = upgrade(&mut document);
        assert_eq!(document["paths"]["/a"], json!({"get": {"responses": {}}}));
        assert_eq!(document["openapi"], "3.0.3");
        assert!(document.get("webhooks").is_none());
        let pointers: Vec<&str> = upgraded.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/webhooks", "#/jsonSchemaDialect"]);
        assert_eq!(upgraded.moved[0].from, "#/components/pathItems/A");
    }
}
