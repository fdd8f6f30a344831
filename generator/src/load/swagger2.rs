//! Swagger 2.0 to the OpenAPI 3.0 object model, on the parsed document before it is read into
//! `openapiv3` types.
//!
//! Sections move (`definitions` to `components/schemas`, ...), and every move is recorded so
//! that diagnostics name the place in the user's 2.0 document. A `body` parameter becomes the
//! request body, `formData` parameters a form or multipart body, `produces`/`consumes` the
//! media types, `host` + `basePath` + `schemes` the servers and `collectionFormat` the
//! parameter's style.

use serde_json::{json, Map, Value};

use super::walk;
use super::{Moved, Problem, Upgraded};
use crate::diagnostics::pointer_push;

/// Keywords of a 2.0 non-body parameter (or header) that belong in its 3.0 `schema`.
const SCHEMA_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// Upgrades a Swagger 2.0 document in place; an error names a construct 3.0 cannot hold.
pub(super) fn upgrade(document: &mut Value) -> Result<Upgraded, Problem> {
    let mut upgraded = Upgraded::default();
    let document_schemes = server_schemes(media_types(document.get("schemes").cloned()));
    warn_unrepresentable(document, &document_schemes, &mut String::from("#"), &mut upgraded.warnings);
    let Value::Object(top) = document else { return Ok(upgraded) };
    top.remove("swagger");
    top.insert("openapi".to_owned(), Value::String("3.0.3".to_owned()));
    let produces = media_types(top.remove("produces"));
    let consumes = media_types(top.remove("consumes"));
    let servers = servers(top.remove("host"), top.remove("basePath"), top.remove("schemes"));
    top.insert("servers".to_owned(), Value::Array(servers));

    let mut components = Map::new();
    if let Some(Value::Object(definitions)) = top.remove("definitions") {
        components.insert("schemas".to_owned(), Value::Object(definitions));
        upgraded.moved.push(moved("#/components/schemas", "#/definitions"));
    }
    // Top-level body and form parameters are request bodies in 3.0; they are copied into the
    // operations that refer to them.
    let mut shared_bodies = Map::new();
    if let Some(Value::Object(parameters)) = top.remove("parameters") {
        let mut plain = Map::new();
        for (name, mut parameter) in parameters {
            let from = pointer_push("#/parameters", &name);
            match parameter.get("in").and_then(Value::as_str) {
                Some("body") | Some("formData") => {
                    shared_bodies.insert(name, parameter);
                }
                _ => {
                    upgrade_parameter(&mut parameter);
                    upgraded.moved.push(moved(&pointer_push("#/components/parameters", &name), &from));
                    plain.insert(name, parameter);
                }
            }
        }
        components.insert("parameters".to_owned(), Value::Object(plain));
    }
    if let Some(Value::Object(mut responses)) = top.remove("responses") {
        for (name, response) in responses.iter_mut() {
            let to = pointer_push("#/components/responses", name);
            upgrade_response(response, &produces, &to, &pointer_push("#/responses", name), &mut upgraded);
        }
        components.insert("responses".to_owned(), Value::Object(responses));
        upgraded.moved.push(moved("#/components/responses", "#/responses"));
    }
    if let Some(Value::Object(definitions)) = top.remove("securityDefinitions") {
        let schemes = definitions.into_iter().map(|(name, scheme)| (name, security_scheme(scheme))).collect();
        components.insert("securitySchemes".to_owned(), Value::Object(schemes));
        upgraded.moved.push(moved("#/components/securitySchemes", "#/securityDefinitions"));
    }

    if let Some(Value::Object(paths)) = top.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            let item_pointer = pointer_push("#/paths", path);
            // Path-level body and form parameters move into each operation.
            let mut inherited = Vec::new();
            if let Some(Value::Array(parameters)) = item.get_mut("parameters") {
                let mut kept = Vec::new();
                for (index, parameter) in std::mem::take(parameters).into_iter().enumerate() {
                    let resolved = resolve_shared(&parameter, &shared_bodies);
                    if matches!(resolved.get("in").and_then(Value::as_str), Some("body" | "formData")) {
                        inherited.push((resolved.clone(), format!("{item_pointer}/parameters/{index}")));
                    } else {
                        let mut parameter = parameter;
                        upgrade_parameter(&mut parameter);
                        kept.push(parameter);
                    }
                }
                *parameters = kept;
            }
            for (method, operation) in item.iter_mut() {
                if !matches!(method.as_str(), "get" | "put" | "post" | "delete" | "options" | "head" | "patch") {
                    continue;
                }
                let Value::Object(operation) = operation else { continue };
                let pointer = format!("{item_pointer}/{method}");
                upgrade_operation(
                    operation,
                    &pointer,
                    &inherited,
                    &shared_bodies,
                    (&produces, &consumes),
                    &mut upgraded,
                )?;
            }
        }
    }
    top.insert("components".to_owned(), Value::Object(components));
    rename_references(document);
    walk::for_each_schema(document, &mut |schema, pointer| upgrade_schema(schema, pointer, &mut upgraded.warnings));
    Ok(upgraded)
}

/// Warnings for the 2.0 constructs with no 3.0 counterpart, at their place in the 2.0 document:
/// tab-separated arrays (sent comma-separated) and per-operation `schemes` naming a scheme the
/// document's servers lack (the servers come from the document's `host` and `schemes`; an
/// operation restricted to schemes the servers have loses nothing).
fn warn_unrepresentable(value: &Value, document_schemes: &[String], pointer: &mut String, warnings: &mut Vec<Problem>) {
    let Value::Object(map) = value else {
        if let Value::Array(items) = value {
            for (index, item) in items.iter().enumerate() {
                let length = pointer.len();
                walk::push_token(pointer, &index.to_string());
                warn_unrepresentable(item, document_schemes, pointer, warnings);
                pointer.truncate(length);
            }
        }
        return;
    };
    for (key, child) in map {
        let length = pointer.len();
        walk::push_token(pointer, key);
        match key.as_str() {
            "collectionFormat" if child.as_str() == Some("tsv") => warnings.push(Problem {
                pointer: pointer.clone(),
                message: "`collectionFormat: tsv` has no OpenAPI 3 style; the values are sent comma-separated"
                    .to_owned(),
            }),
            "schemes"
                if pointer.starts_with("#/paths/")
                    && media_types(Some(child.clone())).iter().any(|scheme| !document_schemes.contains(scheme)) =>
            {
                warnings.push(Problem {
                    pointer: pointer.clone(),
                    message: "per-operation `schemes` are not kept; requests use the document's servers".to_owned(),
                })
            }
            "schemes" if pointer.starts_with("#/paths/") => {}
            _ if key.starts_with("x-") || matches!(key.as_str(), "example" | "examples" | "default" | "enum") => {}
            _ => warn_unrepresentable(child, document_schemes, pointer, warnings),
        }
        pointer.truncate(length);
    }
}

/// The schemes the servers are made of: the document's, or `https` when it names none.
fn server_schemes(mut schemes: Vec<String>) -> Vec<String> {
    if schemes.is_empty() {
        schemes.push("https".to_owned());
    }
    schemes
}

fn moved(to: &str, from: &str) -> Moved {
    Moved { to: to.to_owned(), from: from.to_owned(), file: None }
}

fn media_types(value: Option<Value>) -> Vec<String> {
    match value {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => Vec::new(),
    }
}

fn servers(host: Option<Value>, base_path: Option<Value>, schemes: Option<Value>) -> Vec<Value> {
    let base_path = base_path.as_ref().and_then(Value::as_str).unwrap_or("").trim_end_matches('/').to_owned();
    let Some(host) = host.as_ref().and_then(Value::as_str).map(|h| h.trim_end_matches('/')) else {
        return vec![json!({ "url": if base_path.is_empty() { "/".to_owned() } else { base_path } })];
    };
    let mut schemes = server_schemes(media_types(schemes));
    // The secure scheme first: the first server is the client's default.
    schemes.sort_by_key(|scheme| scheme != "https");
    schemes.iter().map(|scheme| json!({ "url": format!("{scheme}://{host}{base_path}") })).collect()
}

/// A 2.0 security definition as a 3.0 security scheme.
fn security_scheme(scheme: Value) -> Value {
    let Value::Object(mut scheme) = scheme else { return scheme };
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => {
            scheme.insert("type".to_owned(), json!("http"));
            scheme.insert("scheme".to_owned(), json!("basic"));
        }
        Some("oauth2") => {
            let flow = scheme.remove("flow");
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.remove(key) {
                    details.insert(key.to_owned(), url);
                }
            }
            details.insert("scopes".to_owned(), scheme.remove("scopes").unwrap_or_else(|| json!({})));
            let flow_name = match flow.as_ref().and_then(Value::as_str) {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut flows = Map::new();
            flows.insert(flow_name.to_owned(), Value::Object(details));
            scheme.insert("flows".to_owned(), Value::Object(flows));
        }
        _ => {}
    }
    Value::Object(scheme)
}

/// A parameter `$ref` to a top-level body or form parameter, followed; anything else as is.
fn resolve_shared<'v>(parameter: &'v Value, shared: &'v Map<String, Value>) -> &'v Value {
    parameter
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|reference| reference.strip_prefix("#/parameters/"))
        .and_then(|name| shared.get(&name.replace("~1", "/").replace("~0", "~")))
        .unwrap_or(parameter)
}

fn upgrade_operation(
    operation: &mut Map<String, Value>,
    pointer: &str,
    inherited: &[(Value, String)],
    shared_bodies: &Map<String, Value>,
    (produces, consumes): (&[String], &[String]),
    upgraded: &mut Upgraded,
) -> Result<(), Problem> {
    let produces = operation.remove("produces").map(|p| media_types(Some(p))).unwrap_or_else(|| produces.to_vec());
    let consumes = operation.remove("consumes").map(|c| media_types(Some(c))).unwrap_or_else(|| consumes.to_vec());
    operation.remove("schemes");
    let mut body: Option<(Value, String)> = None;
    let mut form: Vec<(Value, String)> = Vec::new();
    let mut kept = Vec::new();
    let parameters = match operation.remove("parameters") {
        Some(Value::Array(parameters)) => parameters,
        _ => Vec::new(),
    };
    let own: Vec<(Value, String)> = parameters
        .into_iter()
        .enumerate()
        .map(|(index, parameter)| (parameter, format!("{pointer}/parameters/{index}")))
        .collect();
    for (parameter, from) in inherited.iter().cloned().chain(own) {
        let resolved = resolve_shared(&parameter, shared_bodies).clone();
        match resolved.get("in").and_then(Value::as_str) {
            Some("body") => body = Some((resolved, from)),
            Some("formData") => form.push((resolved, from)),
            _ => {
                let to = format!("{pointer}/parameters/{}", kept.len());
                if to != from {
                    upgraded.moved.push(moved(&to, &from));
                }
                upgraded.moved.push(moved(&format!("{to}/schema"), &from));
                let mut parameter = parameter;
                upgrade_parameter(&mut parameter);
                kept.push(parameter);
            }
        }
    }
    if !kept.is_empty() {
        operation.insert("parameters".to_owned(), Value::Array(kept));
    }
    let body_pointer = format!("{pointer}/requestBody");
    match (body, form.first()) {
        (Some(_), Some((_, form_from))) => {
            return Err(Problem {
                pointer: form_from.clone(),
                message: "an operation has both a `body` parameter and `formData` parameters; Swagger 2.0 allows only one kind of request body".to_owned(),
            });
        }
        (Some((body, from)), None) => {
            let media = if consumes.is_empty() { vec!["application/json".to_owned()] } else { consumes.clone() };
            let schema = body.get("schema").cloned().unwrap_or_else(|| json!({}));
            let mut content = Map::new();
            for media_type in &media {
                content.insert(media_type.clone(), json!({ "schema": schema }));
                let to = pointer_push(&pointer_push(&format!("{body_pointer}/content"), media_type), "schema");
                upgraded.moved.push(moved(&to, &format!("{from}/schema")));
            }
            upgraded.moved.push(moved(&body_pointer, &from));
            let mut request_body = Map::new();
            if let Some(description) = body.get("description") {
                request_body.insert("description".to_owned(), description.clone());
            }
            request_body.insert("content".to_owned(), Value::Object(content));
            request_body.insert(
                "required".to_owned(),
                Value::Bool(body.get("required").and_then(Value::as_bool) == Some(true)),
            );
            operation.insert("requestBody".to_owned(), Value::Object(request_body));
        }
        (None, Some(_)) => {
            let media_type = if consumes.iter().any(|m| m == "multipart/form-data") {
                "multipart/form-data"
            } else {
                "application/x-www-form-urlencoded"
            };
            let mut properties = Map::new();
            let mut required = Vec::new();
            let schema_pointer = pointer_push(&pointer_push(&format!("{body_pointer}/content"), media_type), "schema");
            for (parameter, from) in &form {
                let Some(name) = parameter.get("name").and_then(Value::as_str) else { continue };
                let mut property = parameter.clone();
                upgrade_parameter(&mut property);
                let mut schema = property.get("schema").cloned().unwrap_or_else(|| json!({}));
                if let (Value::Object(schema), Some(description)) = (&mut schema, parameter.get("description")) {
                    schema.insert("description".to_owned(), description.clone());
                }
                if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                    required.push(Value::String(name.to_owned()));
                }
                upgraded.moved.push(moved(&pointer_push(&format!("{schema_pointer}/properties"), name), from));
                properties.insert(name.to_owned(), schema);
            }
            let mut schema = json!({ "type": "object", "properties": properties });
            if !required.is_empty() {
                schema["required"] = Value::Array(required.clone());
            }
            let mut content = Map::new();
            content.insert(media_type.to_owned(), json!({ "schema": schema }));
            upgraded.moved.push(moved(&body_pointer, &form[0].1));
            operation.insert("requestBody".to_owned(), json!({ "content": content, "required": !required.is_empty() }));
        }
        (None, None) => {}
    }
    if let Some(Value::Object(responses)) = operation.get_mut("responses") {
        for (status, response) in responses.iter_mut() {
            let at = pointer_push(&format!("{pointer}/responses"), status);
            upgrade_response(response, &produces, &at, &at, upgraded);
        }
    }
    Ok(())
}

/// A 2.0 parameter (or header) with its type keywords moved into a `schema`, and its
/// `collectionFormat` turned into `style` and `explode`.
fn upgrade_parameter(parameter: &mut Value) {
    let Value::Object(parameter) = parameter else { return };
    if parameter.contains_key("$ref") || parameter.contains_key("schema") {
        return;
    }
    let mut schema = Map::new();
    for keyword in SCHEMA_KEYWORDS {
        if let Some(value) = parameter.remove(*keyword) {
            schema.insert((*keyword).to_owned(), value);
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
    let location = parameter.get("in").and_then(Value::as_str).unwrap_or("query").to_owned();
    match parameter.remove("collectionFormat").as_ref().and_then(Value::as_str) {
        Some("multi") => {
            parameter.insert("style".to_owned(), json!("form"));
            parameter.insert("explode".to_owned(), json!(true));
        }
        Some("ssv") => {
            parameter.insert("style".to_owned(), json!("spaceDelimited"));
            parameter.insert("explode".to_owned(), json!(false));
        }
        Some("pipes") => {
            parameter.insert("style".to_owned(), json!("pipeDelimited"));
            parameter.insert("explode".to_owned(), json!(false));
        }
        // csv, the default; tsv has no 3.0 style and is sent comma-separated like csv.
        _ if schema.get("type").and_then(Value::as_str) == Some("array") => {
            let style = if location == "query" || location == "cookie" { "form" } else { "simple" };
            parameter.insert("style".to_owned(), json!(style));
            parameter.insert("explode".to_owned(), json!(false));
        }
        _ => {}
    }
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        items.remove("collectionFormat");
    }
    if parameter.get("in").and_then(Value::as_str) == Some("formData") {
        parameter.remove("allowEmptyValue");
    }
    parameter.insert("schema".to_owned(), Value::Object(schema));
}

/// A 2.0 response: `schema` under each media type of `produces`, headers with schemas.
fn upgrade_response(response: &mut Value, produces: &[String], to: &str, from: &str, upgraded: &mut Upgraded) {
    let Value::Object(response) = response else { return };
    if response.contains_key("$ref") {
        return;
    }
    response.entry("description").or_insert_with(|| json!(""));
    let examples = response.remove("examples");
    if let Some(schema) = response.remove("schema") {
        let media = if produces.is_empty() { vec!["application/json".to_owned()] } else { produces.to_vec() };
        let mut content = Map::new();
        for media_type in media {
            let mut entry = json!({ "schema": schema });
            if let Some(example) = examples.as_ref().and_then(|e| e.get(&media_type)) {
                entry["example"] = example.clone();
            }
            let schema_to = pointer_push(&pointer_push(&format!("{to}/content"), &media_type), "schema");
            upgraded.moved.push(moved(&schema_to, &format!("{from}/schema")));
            content.insert(media_type, entry);
        }
        response.insert("content".to_owned(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = response.get_mut("headers") {
        for header in headers.values_mut() {
            upgrade_parameter(header);
            if let Value::Object(header) = header {
                header.remove("style");
                header.remove("explode");
            }
        }
    }
}

/// `#/definitions/X` to `#/components/schemas/X`, and so on, everywhere in the document.
fn rename_references(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                for (from, to) in [
                    ("#/definitions/", "#/components/schemas/"),
                    ("#/parameters/", "#/components/parameters/"),
                    ("#/responses/", "#/components/responses/"),
                ] {
                    if let Some(rest) = reference.strip_prefix(from) {
                        *reference = format!("{to}{rest}");
                        break;
                    }
                }
            }
            map.values_mut().for_each(rename_references);
        }
        Value::Array(items) => items.iter_mut().for_each(rename_references),
        _ => {}
    }
}

/// 2.0 schema spellings that 3.0 writes differently.
fn upgrade_schema(schema: &mut Map<String, Value>, pointer: &str, warnings: &mut Vec<Problem>) {
    // Not 2.0, but written by specs that say 2.0 (Slack's): read as 3.1 would.
    super::openapi31::type_list_to_nullable(schema, pointer, warnings);
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".to_owned(), json!("string"));
        schema.insert("format".to_owned(), json!("binary"));
    }
    if let Some(Value::String(property)) = schema.get("discriminator") {
        let property = property.clone();
        schema.insert("discriminator".to_owned(), json!({ "propertyName": property }));
    }
    if let Some(nullable) = schema.remove("x-nullable") {
        schema.insert("nullable".to_owned(), nullable);
    }
    // A 2.0 tuple (`items` as a list) has no 3.0 spelling: a list of any JSON value.
    if schema.get("items").is_some_and(Value::is_array) {
        schema.insert("items".to_owned(), json!({}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_formats_become_styles() {
        for (format, style, explode) in [
            ("csv", "form", false),
            ("multi", "form", true),
            ("ssv", "spaceDelimited", false),
            ("pipes", "pipeDelimited", false),
        ] {
            let mut parameter = json!({"name": "ids", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": format});
            upgrade_parameter(&mut parameter);
            assert_eq!(parameter["style"], style, "{format}");
            assert_eq!(parameter["explode"], explode, "{format}");
            assert_eq!(parameter["schema"], json!({"type": "array", "items": {"type": "string"}}));
        }
    }

    #[test]
    fn tab_separated_arrays_and_operation_schemes_are_warned_about() {
        let mut document = json!({"swagger": "2.0", "paths": {"/a": {"get": {
            "schemes": ["http"],
            "parameters": [{"name": "t", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "tsv"}],
            "responses": {}
        }}}});
        let upgraded = upgrade(&mut document).unwrap();
        let pointers: Vec<&str> = upgraded.warnings.iter().map(|w| w.pointer.as_str()).collect();
        assert_eq!(pointers, ["#/paths/~1a/get/schemes", "#/paths/~1a/get/parameters/0/collectionFormat"]);
    }

    #[test]
    fn operation_schemes_the_servers_have_are_not_warned_about() {
        // No document schemes: the servers use https, so an https-only operation loses nothing.
        let mut document = json!({"swagger": "2.0", "paths": {"/a": {"get": {"schemes": ["https"], "responses": {}}}}});
        assert!(upgrade(&mut document).unwrap().warnings.is_empty());
        let mut document = json!({"swagger": "2.0", "schemes": ["http", "https"],
            "paths": {"/a": {"get": {"schemes": ["http"], "responses": {}}}}});
        assert!(upgrade(&mut document).unwrap().warnings.is_empty());
        let mut document = json!({"swagger": "2.0", "schemes": ["https"],
            "paths": {"/a": {"get": {"schemes": ["https", "wss"], "responses": {}}}}});
        let pointers: Vec<String> = upgrade(&mut document).unwrap().warnings.into_iter().map(|w| w.pointer).collect();
        assert_eq!(pointers, ["#/paths/~1a/get/schemes"]);
    }

    #[test]
    fn servers_prefer_https() {
        let servers = servers(Some(json!("api.example.com")), Some(json!("/v1/")), Some(json!(["http", "https"])));
        assert_eq!(
            servers,
            vec![json!({"url": "https://api.example.com/v1"}), json!({"url": "http://api.example.com/v1"})]
        );
        assert_eq!(servers_of_nothing(), vec![json!({"url": "/"})]);
    }

    fn servers_of_nothing() -> Vec<Value> {
        servers(None, None, None)
    }

    #[test]
    fn security_definitions_become_schemes() {
        assert_eq!(security_scheme(json!({"type": "basic"})), json!({"type": "http", "scheme": "basic"}));
        let oauth = security_scheme(
            json!({"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {"a": "b"}}),
        );
        assert_eq!(
            oauth,
            json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t", "scopes": {"a": "b"}}}})
        );
    }
}
