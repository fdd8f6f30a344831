//! Whole-call examples: the doctest on every operation's client method, and the code blocks
//! of the generated README (a client with each kind of credentials the spec declares, one
//! call, one error match). An example builds a client with the simplest credentials the
//! operation accepts, calls the method with example values for its required parameters (the
//! spec's `example` where it has one, else the simplest value of the type) and one optional
//! parameter, sends it, uses the body and matches one documented error. Examples are
//! compiled (`no_run`: they would need the real server), so every value must type-check.
//!
//! Like [`super::examples`], the code is text: it goes into doc comments and Markdown.

use super::examples::{ExampleWriter, CALL_EXAMPLE_FENCE, IGNORED_EXAMPLE_FENCE};
use super::{Emitter, RuntimeSource};
use crate::ir::{Api, BodyKind, FloatWidth, IntWidth, Operation, Param, ParamType, SecurityKind, StatusMatch};

/// Credentials the runtime can send, as a spec declares them (`runtime::Credentials`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AuthKind {
    /// A bearer token obtained elsewhere: the simplest to show.
    Bearer,
    /// An API key pair answered with HTTP Digest.
    Digest,
    /// OAuth2 client credentials exchanged for a token.
    ServiceAccount,
}

impl AuthKind {
    fn of(kind: &SecurityKind) -> Option<AuthKind> {
        match kind {
            SecurityKind::HttpBearer => Some(AuthKind::Bearer),
            SecurityKind::HttpDigest => Some(AuthKind::Digest),
            SecurityKind::OAuth2ClientCredentials { .. } => Some(AuthKind::ServiceAccount),
            _ => None,
        }
    }

    /// The `Credentials` expression, with placeholders for the secrets.
    fn credentials(self) -> &'static str {
        match self {
            AuthKind::Bearer => "Credentials::bearer(\"token\")",
            AuthKind::Digest => "Credentials::digest(\"public-key\", \"private-key\")",
            AuthKind::ServiceAccount => "Credentials::service_account(\"client-id\", \"client-secret\")",
        }
    }

    /// What the README says about these credentials.
    fn description(self) -> &'static str {
        match self {
            AuthKind::Bearer => "a bearer token obtained elsewhere",
            AuthKind::Digest => "an API key pair, answered with HTTP Digest",
            AuthKind::ServiceAccount => "a service account, its id and secret exchanged for a token",
        }
    }

    /// The variable the README binds the client to.
    fn variable(self) -> &'static str {
        match self {
            AuthKind::Bearer => "bearer_client",
            AuthKind::Digest => "digest_client",
            AuthKind::ServiceAccount => "service_account_client",
        }
    }
}

/// The credentials kinds the security schemes at `indices` (into [`Api::security`]) offer that
/// the runtime can send, simplest first, without repeats.
fn auth_kinds(api: &Api, indices: impl IntoIterator<Item = usize>) -> Vec<AuthKind> {
    let mut kinds: Vec<AuthKind> =
        indices.into_iter().filter_map(|index| api.security.get(index)).filter_map(|s| AuthKind::of(&s.kind)).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// How the example's `async fn` around the code is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wrapper {
    /// Hidden lines (`# `): rustdoc shows only the body.
    Hidden,
    /// Written out, for Markdown readers that do not hide lines.
    Visible,
}

/// How the example ends: one call and a match on its result, or a loop over the items of a
/// paged listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finish {
    Send,
    Items,
}

/// Writes the whole-call example of operations of one API.
pub struct CallExampleWriter<'a> {
    api: &'a Api,
    crate_ident: &'a str,
    values: ExampleWriter<'a>,
    runtime: RuntimeSource,
}

impl<'a> CallExampleWriter<'a> {
    pub fn new(api: &'a Api, crate_ident: &'a str, runtime: RuntimeSource) -> Self {
        CallExampleWriter { api, crate_ident, values: ExampleWriter::new(api, "models::", runtime), runtime }
    }

    /// The import that gives the runtime's `Client` the API's methods, when they come from a
    /// trait (the runtime is a crate of its own).
    fn client_trait_use(&self) -> Option<String> {
        (self.runtime == RuntimeSource::Crate)
            .then(|| format!("use {}::operations::{};", self.crate_ident, crate::naming::CLIENT_EXTENSION_TRAIT))
    }

    /// The code of an example of `operation` (lines without the doc comment's leading space),
    /// or `None` when a required value cannot be written (a request body type that cannot be
    /// built in a few steps).
    fn code(&self, operation: &Operation, required: &[&Param], wrapper: Wrapper) -> Option<Vec<String>> {
        self.code_ending(operation, required, wrapper, Finish::Send)
    }

    fn code_ending(
        &self,
        operation: &Operation,
        required: &[&Param],
        wrapper: Wrapper,
        finish: Finish,
    ) -> Option<Vec<String>> {
        let mut arguments: Vec<String> = required.iter().map(|param| self.param_value(param)).collect();
        let mut body_line = None;
        if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
            if matches!(body.encoding, crate::ir::BodyEncoding::Multipart(_)) {
                // Parts are built from files and values the example cannot name.
                return None;
            }
            let value = match &body.kind {
                BodyKind::Json(ty) => self.values.value(ty)?,
                // An `Upload`, which bytes convert into.
                BodyKind::Bytes => "b\"example\".to_vec().into()".to_owned(),
                BodyKind::Empty => "()".to_owned(),
            };
            body_line = Some(format!("let body = {value};"));
            arguments.push("body".to_owned());
        }
        let optional = operation
            .params
            .iter()
            .find(|param| !param.required && !param.deprecated)
            .map(|param| format!(".{}({})", param.name, self.param_value(param)));
        let error = match finish {
            Finish::Send => self.matched_error(operation),
            Finish::Items => None,
        };
        let credentials =
            auth_kinds(self.api, operation.security.iter().copied()).first().map(|kind| kind.credentials());

        let mut lines = Vec::new();
        let crate_ident = self.crate_ident;
        if error.is_some() {
            lines.push(format!("use {crate_ident}::operations::{};", operation.error_name));
        }
        let uses_models = body_line.iter().chain(&optional).chain(&arguments).any(|code| code.contains("models::"));
        if uses_models {
            lines.push(format!("use {crate_ident}::models;"));
        }
        lines.extend(self.client_trait_use());
        lines.push(match credentials {
            Some(_) => format!("use {crate_ident}::runtime::{{Client, Credentials}};"),
            None => format!("use {crate_ident}::runtime::Client;"),
        });
        lines.push(String::new());
        let (open, indent, close): (&str, &str, &[&str]) = match wrapper {
            Wrapper::Hidden => {
                ("# async fn example() -> Result<(), Box<dyn std::error::Error>> {", "", &["# Ok(())", "# }"])
            }
            Wrapper::Visible => {
                ("async fn example() -> Result<(), Box<dyn std::error::Error>> {", "    ", &["    Ok(())", "}"])
            }
        };
        lines.push(open.to_owned());
        let mut body = Vec::new();
        match credentials {
            Some(credentials) => body.extend([
                "let client = Client::builder()".to_owned(),
                format!("    .credentials({credentials})"),
                "    .build()?;".to_owned(),
            ]),
            None => body.push("let client = Client::builder().build()?;".to_owned()),
        }
        body.extend(body_line);
        if operation.deprecated {
            body.push("#[allow(deprecated)] // the operation is deprecated".to_owned());
        }
        let method = &operation.fn_name;
        let (binding, ending): (&str, &[&str]) = match finish {
            Finish::Send => ("let result", &[".send()", ".await;"]),
            Finish::Items => ("let mut items", &[".items();"]),
        };
        let call = format!(
            "client.{method}({}){}{}",
            arguments.join(", "),
            optional.as_deref().unwrap_or(""),
            ending.concat()
        );
        if call.len() <= 85 {
            body.push(format!("{binding} = {call}"));
        } else {
            body.push(format!("{binding} = client"));
            let one_line = format!("    .{method}({})", arguments.join(", "));
            if one_line.len() <= 90 {
                body.push(one_line);
            } else {
                body.push(format!("    .{method}("));
                body.extend(arguments.iter().map(|argument| format!("        {argument},")));
                body.push("    )".to_owned());
            }
            body.extend(optional.map(|setter| format!("    {setter}")));
            body.extend(ending.iter().map(|part| format!("    {part}")));
        }
        if finish == Finish::Items {
            body.push("while let Some(item) = items.next().await {".to_owned());
            body.push("    println!(\"{:?}\", item?);".to_owned());
            body.push("}".to_owned());
            lines.extend(body.into_iter().map(|line| format!("{indent}{line}")));
            lines.extend(close.iter().map(|line| (*line).to_owned()));
            return Some(lines);
        }
        body.push("match result {".to_owned());
        body.push("    Ok(response) => println!(\"{} {:?}\", response.status, response.body),".to_owned());
        if let Some((variant, label)) = error {
            body.push(format!(
                "    Err({}::{variant}(response)) => eprintln!(\"{label}: {{}}\", response.status),",
                operation.error_name
            ));
        }
        body.push("    Err(error) => return Err(error.into()),".to_owned());
        body.push("}".to_owned());
        lines.extend(body.into_iter().map(|line| format!("{indent}{line}")));
        lines.extend(close.iter().map(|line| (*line).to_owned()));
        Some(lines)
    }

    /// The documented error the example matches, with a few words about it: a 404 when the
    /// operation documents one, else its first documented status.
    fn matched_error(&self, operation: &Operation) -> Option<(String, String)> {
        let documented = |response: &&crate::ir::ErrorResponse| matches!(response.status, StatusMatch::Code(_));
        let response = operation
            .errors
            .iter()
            .find(|response| response.status == StatusMatch::Code(404))
            .or_else(|| operation.errors.iter().find(documented))
            .or_else(|| operation.errors.first())?;
        let label = match response.status {
            StatusMatch::Code(code) => {
                crate::naming::reason_phrase(code).map_or_else(|| format!("status {code}"), str::to_lowercase)
            }
            StatusMatch::Range(range) => format!("a {range}XX status"),
            StatusMatch::Default => "an error status".to_owned(),
        };
        Some((response.variant.clone(), label))
    }

    /// A value of the parameter's setter type: the spec's example when it fits the type, else
    /// the simplest value.
    fn param_value(&self, param: &Param) -> String {
        match &param.ty {
            ParamType::List(item) => {
                let items: Vec<String> = match &param.example {
                    Some(serde_json::Value::Array(examples)) if !examples.is_empty() => {
                        examples.iter().map(|example| self.scalar_value(item, Some(example), true)).collect()
                    }
                    example => vec![self.scalar_value(item, example.as_ref(), true)],
                };
                format!("[{}]", items.join(", "))
            }
            ty => self.scalar_value(ty, param.example.as_ref(), false),
        }
    }

    /// A scalar value; `owned` for a list item, where a string must be a `String`.
    fn scalar_value(&self, ty: &ParamType, example: Option<&serde_json::Value>, owned: bool) -> String {
        use serde_json::Value;
        match ty {
            ParamType::String => {
                let text = match example {
                    Some(Value::String(text)) => text.clone(),
                    Some(value @ (Value::Number(_) | Value::Bool(_))) => value.to_string(),
                    _ => "example".to_owned(),
                };
                if owned {
                    format!("{text:?}.to_owned()")
                } else {
                    format!("{text:?}")
                }
            }
            ParamType::Bool => match example {
                Some(Value::Bool(false)) => "false".to_owned(),
                _ => "true".to_owned(),
            },
            ParamType::Integer(width) => {
                let value = example.and_then(Value::as_i64).filter(|value| match width {
                    IntWidth::I32 => i32::try_from(*value).is_ok(),
                    IntWidth::I64 => true,
                });
                value.unwrap_or(1).to_string()
            }
            ParamType::Number(width) => {
                let value = example.and_then(Value::as_f64).filter(|value| match width {
                    FloatWidth::F32 => value.is_finite() && value.abs() <= f64::from(f32::MAX),
                    FloatWidth::F64 => value.is_finite(),
                });
                // Debug keeps the decimal point (`2.0`), so the literal is a float.
                format!("{:?}", value.unwrap_or(1.0))
            }
            ParamType::Enum(id) => {
                let named = &self.api.types[id.0];
                let crate::ir::TypeKind::Enum(e) = &named.kind else {
                    return self.values.value(&crate::ir::TypeRef::Named(*id)).unwrap_or_default();
                };
                let wanted = example.and_then(Value::as_str);
                match e.variants.iter().find(|variant| Some(variant.value.as_str()) == wanted).or(e.variants.first()) {
                    Some(variant) => format!("models::{}::{}", named.name, variant.name),
                    None => format!("models::{}::{}(\"example\".to_owned())", named.name, e.unknown_variant),
                }
            }
            ParamType::Object(ty) => self.values.value(ty).unwrap_or_default(),
            ParamType::List(_) => "Vec::new()".to_owned(),
        }
    }

    /// The doc lines of the example on an operation's client method.
    pub fn doc_lines(&self, operation: &Operation, required: &[&Param]) -> Option<Vec<String>> {
        let code = self.code(operation, required, Wrapper::Hidden)?;
        let mut lines = vec![" A whole call:".to_owned(), String::new(), CALL_EXAMPLE_FENCE.to_owned()];
        lines.extend(code.into_iter().map(|line| if line.is_empty() { line } else { format!(" {line}") }));
        lines.push(" ```".to_owned());
        Some(lines)
    }

    /// The README's code blocks, each a Markdown fenced block that compiles as a doctest.
    pub fn readme(&self, operations: &[(&Operation, Vec<&Param>)]) -> ReadmeExamples {
        let kinds = auth_kinds(self.api, 0..self.api.security.len());
        let clients = (!kinds.is_empty()).then(|| {
            let mut lines = vec!["```rust,no_run".to_owned()];
            lines.extend(self.client_trait_use());
            lines.extend([
                format!("use {}::runtime::{{Client, Credentials}};", self.crate_ident),
                String::new(),
                "fn clients() -> Result<(), Box<dyn std::error::Error>> {".to_owned(),
            ]);
            for kind in &kinds {
                let scheme_names: Vec<String> = self
                    .api
                    .security
                    .iter()
                    .filter(|scheme| AuthKind::of(&scheme.kind) == Some(*kind))
                    .map(|scheme| scheme.key.clone())
                    .collect();
                lines.push(format!("    // {}: {}", scheme_names.join(", "), kind.description()));
                lines.push(format!("    let {} = Client::builder()", kind.variable()));
                lines.push(format!("        .credentials({})", kind.credentials()));
                lines.push("        .build()?;".to_owned());
            }
            lines.push("    Ok(())".to_owned());
            lines.push("}".to_owned());
            lines.push("```".to_owned());
            lines.join("\n")
        });
        // The first operation that is not deprecated shows the call, or else the first one.
        let current = operations.iter().filter(|(operation, _)| !operation.deprecated);
        let call = current.chain(operations.iter().filter(|(operation, _)| operation.deprecated)).find_map(
            |(operation, required)| {
                let code = self.code(operation, required, Wrapper::Visible)?;
                Some((operation.operation_id.clone(), format!("```rust,no_run\n{}\n```", code.join("\n"))))
            },
        );
        // The first paged listing that is not deprecated, when the spec has one.
        let paged = operations
            .iter()
            .filter(|(operation, _)| operation.paging.is_some() && !operation.deprecated)
            .find_map(|(operation, required)| {
                let code = self.code_ending(operation, required, Wrapper::Visible, Finish::Items)?;
                Some((operation.operation_id.clone(), format!("```rust,no_run\n{}\n```", code.join("\n"))))
            });
        ReadmeExamples { clients, call, paged }
    }
}

/// The README's code: client construction with each kind of credentials, and a whole call.
#[derive(Debug, Clone, Default)]
pub struct ReadmeExamples {
    /// One client per credentials kind the spec declares and the runtime sends; `None` when
    /// there is none.
    pub clients: Option<String>,
    /// The operationId of the example call and its code block.
    pub call: Option<(String, String)>,
    /// The operationId of the example paged listing and its code block.
    pub paged: Option<(String, String)>,
}

impl Emitter<'_> {
    /// The doc lines of the example on an operation's client method, after its docs (an empty
    /// line first); none when no example can be written.
    pub(super) fn call_example_lines(&self, operation: &Operation, required: &[&Param]) -> Vec<String> {
        let writer = CallExampleWriter::new(self.api, self.crate_ident, self.runtime);
        let Some(mut lines) = writer.doc_lines(operation, required) else { return Vec::new() };
        if !self.doctests {
            for line in lines.iter_mut().filter(|line| *line == CALL_EXAMPLE_FENCE) {
                IGNORED_EXAMPLE_FENCE.clone_into(line);
            }
        }
        lines.insert(0, String::new());
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.0
info: {title: Things, version: "1"}
components:
  securitySchemes:
    Keys: {type: http, scheme: digest}
    Robots:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: "https://example.com/token", scopes: {}}}
  schemas:
    Kind: {type: string, enum: [small, large]}
    Thing:
      type: object
      required: [name, size]
      properties:
        name: {type: string}
        size: {type: integer, format: int32}
security: [{Robots: []}, {Keys: []}]
paths:
  /things/{thingId}:
    put:
      operationId: replaceThing
      deprecated: true
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: string, example: "t-1"}}
        - {name: kind, in: query, required: true, schema: {$ref: "#/components/schemas/Kind"}, example: large}
        - {name: tags, in: query, required: true, schema: {type: array, items: {type: string}}, example: [a, b]}
        - {name: old, in: query, deprecated: true, schema: {type: boolean}}
        - {name: ratio, in: query, schema: {type: number, format: float, example: 2}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
        "400": {description: bad}
        "404": {description: missing}
  /open:
    get:
      operationId: openThing
      security: []
      responses:
        "204": {description: done}
"##;

    fn lowered() -> Api {
        let loaded = crate::load::load_str(std::path::Path::new("things.yaml"), SPEC.to_owned()).unwrap();
        crate::lower::lower(&loaded, &Default::default()).unwrap().api
    }

    fn example_of(api: &Api, operation_id: &str) -> String {
        let emitter =
            Emitter { api, features: false, crate_ident: "things", runtime: RuntimeSource::Vendored, doctests: true };
        let operation = api.operations.iter().find(|op| op.operation_id == operation_id).unwrap();
        let required = emitter.required_params(operation);
        CallExampleWriter::new(api, "things", RuntimeSource::Vendored)
            .code(operation, &required, Wrapper::Hidden)
            .unwrap()
            .join("\n")
    }

    #[test]
    fn a_call_uses_the_spec_examples_a_body_built_with_new_and_the_simplest_credentials() {
        let api = lowered();
        let code = example_of(&api, "replaceThing");
        let call = ".replace_thing(\"t-1\", models::Kind::Large, [\"a\".to_owned(), \"b\".to_owned()], body)";
        assert!(code.contains(call), "{code}");
        assert!(code.contains("let body = models::Thing::new(\"example\".to_owned(), 1);"), "{code}");
        // Deprecated options are not shown; the first other optional one is, with its example.
        assert!(code.contains(".ratio(2.0)") && !code.contains(".old("), "{code}");
        assert!(code.contains("#[allow(deprecated)]"), "a deprecated operation's call allows it:\n{code}");
        assert!(code.contains("Credentials::digest("), "digest is simpler than a token exchange:\n{code}");
        assert!(code.contains("Err(ReplaceThingError::NotFound(response)) => eprintln!(\"not found: {}\""), "{code}");
        assert!(code.contains("use things::models;"), "{code}");
    }

    #[test]
    fn an_operation_without_security_builds_a_client_without_credentials() {
        let api = lowered();
        let code = example_of(&api, "openThing");
        assert!(code.contains("let client = Client::builder().build()?;"), "{code}");
        assert!(code.contains("use things::runtime::Client;") && !code.contains("Credentials"), "{code}");
        assert!(!code.contains("#[allow(deprecated)]") && !code.contains("use things::models;"), "{code}");
    }

    #[test]
    fn the_readme_builds_a_client_per_credentials_kind_and_shows_the_first_call() {
        let api = lowered();
        let examples = crate::emit::readme_examples(&api, "things", RuntimeSource::Vendored);
        let clients = examples.clients.expect("the spec declares credentials");
        assert!(clients.starts_with("```rust,no_run\n") && clients.ends_with("\n```"), "{clients}");
        assert!(clients.contains("// Keys: an API key pair") && clients.contains("Credentials::digest("), "{clients}");
        assert!(clients.contains("// Robots: a service account") && clients.contains("service_account("), "{clients}");
        let (operation, call) = examples.call.expect("a call");
        assert_eq!(operation, "openThing", "a deprecated operation is not the one shown");
        assert!(call.contains("async fn example()") && !call.contains("# "), "the README shows the wrapper:\n{call}");
    }
}
