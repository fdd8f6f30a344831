//! What kind of OpenAPI object a node of a parsed document is, from the keys on the way to it.
//! Bundling (which section a referenced file belongs in) and the version upgrades (which nodes
//! are schemas) both walk the document as plain JSON and ask this module.

/// The kind of object a node is (or holds), as far as the loader needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Context {
    /// The document itself.
    Document,
    /// `components` (OpenAPI 3).
    Components,
    /// A Schema Object.
    Schema,
    /// A map or list whose values are schemas (`properties`, `allOf`, `definitions`, ...).
    Schemas,
    /// A Parameter Object, and a list or map of them.
    Parameter,
    Parameters,
    /// A Response Object, and a map of them.
    Response,
    Responses,
    /// A Request Body Object, and a map of them.
    RequestBody,
    RequestBodies,
    /// Any other OpenAPI object: path items, operations, media types, headers, ...
    Other,
    /// Free-form data (examples, defaults, extensions): never walked.
    Opaque,
}

impl Context {
    /// The context of the value under `key` (a map key or a list index) of a node in `self`.
    pub(super) fn child(self, key: &str) -> Context {
        use Context::*;
        if key.starts_with("x-") && !matches!(self, Schemas | Parameters | Responses | RequestBodies) {
            return Opaque;
        }
        match self {
            Opaque => Opaque,
            Schemas => Schema,
            Parameters => Parameter,
            Responses => Response,
            RequestBodies => RequestBody,
            Schema => match key {
                "items"
                | "additionalProperties"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "additionalItems"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema" => Schema,
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" | "allOf"
                | "oneOf" | "anyOf" | "prefixItems" => Schemas,
                "discriminator" | "externalDocs" | "xml" => Other,
                _ => Opaque,
            },
            Document => match key {
                "definitions" => Schemas,
                "parameters" => Parameters,
                "responses" => Responses,
                "components" => Components,
                "info" | "paths" | "webhooks" | "securityDefinitions" | "tags" | "externalDocs" | "servers" => Other,
                _ => Opaque,
            },
            Components => match key {
                "schemas" => Schemas,
                "parameters" => Parameters,
                "responses" => Responses,
                "requestBodies" => RequestBodies,
                _ => Other,
            },
            Parameter | Response | RequestBody | Other => match key {
                "schema" => Schema,
                "parameters" => Parameters,
                "responses" => Responses,
                "requestBody" => RequestBody,
                "example" | "default" | "value" | "enum" => Opaque,
                _ => Other,
            },
        }
    }
}

/// Calls `visit` on every schema of an OpenAPI document (3.x or 2.0) with its JSON pointer,
/// parents before children. `visit` may rewrite the schema; the walk then goes into what it
/// left.
pub(super) fn for_each_schema(
    document: &mut serde_json::Value,
    visit: &mut dyn FnMut(&mut serde_json::Map<String, serde_json::Value>, &str),
) {
    walk(document, Context::Document, &mut String::from("#"), visit);
}

fn walk(
    value: &mut serde_json::Value,
    context: Context,
    pointer: &mut String,
    visit: &mut dyn FnMut(&mut serde_json::Map<String, serde_json::Value>, &str),
) {
    if context == Context::Opaque {
        return;
    }
    match value {
        serde_json::Value::Object(map) => {
            if context == Context::Schema {
                visit(map, pointer);
            }
            for (key, child) in map.iter_mut() {
                let child_context = context.child(key);
                if child_context == Context::Opaque || !(child.is_object() || child.is_array()) {
                    continue;
                }
                let length = pointer.len();
                push_token(pointer, key);
                walk(child, child_context, pointer, visit);
                pointer.truncate(length);
            }
        }
        serde_json::Value::Array(items) => {
            // A list in a schema position is 2.0's tuple `items`; its members are schemas.
            let item_context = if context == Context::Schema { Context::Schema } else { context.child("0") };
            for (index, child) in items.iter_mut().enumerate() {
                let length = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(child, item_context, pointer, visit);
                pointer.truncate(length);
            }
        }
        _ => {}
    }
}

/// Appends one escaped reference token to a JSON pointer in place.
pub(super) fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The node at a JSON pointer fragment (`/a/b~1c`, or empty for the whole value).
pub(super) fn get<'v>(value: &'v serde_json::Value, fragment: &str) -> Option<&'v serde_json::Value> {
    if fragment.is_empty() {
        return Some(value);
    }
    let decoded = percent_decode(fragment);
    value.pointer(&decoded)
}

/// `%20` and friends in a `$ref` fragment (it is a URI fragment) to the characters they stand for.
pub(super) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' && index + 2 < bytes.len() {
            if let Some(byte) = text.get(index + 1..index + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok()) {
                out.push(byte);
                index += 3;
                continue;
            }
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_are_found_where_openapi_puts_them() {
        let mut document = serde_json::json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "p", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "integer"}}}},
                    "example": {"schema": {"type": "not a schema"}}
                }}}}
            }}},
            "components": {"schemas": {"A": {"allOf": [{"type": "object"}]}}},
            "x-extra": {"schema": {"type": "ignored"}}
        });
        let mut seen = Vec::new();
        for_each_schema(&mut document, &mut |_, pointer| seen.push(pointer.to_owned()));
        assert_eq!(
            seen,
            [
                "#/paths/~1a/get/parameters/0/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/items",
                "#/paths/~1a/get/responses/200/content/application~1json/schema/properties/items/items",
                "#/components/schemas/A",
                "#/components/schemas/A/allOf/0",
            ]
        );
    }

    #[test]
    fn fragments_are_percent_decoded() {
        let value = serde_json::json!({"a b": {"c/d": 1}});
        assert_eq!(get(&value, "/a%20b/c~1d"), Some(&serde_json::json!(1)));
        assert_eq!(get(&value, ""), Some(&value));
        assert_eq!(get(&value, "/x"), None);
    }
}
