//! Lowering operations: which operations of the spec are generated, their names, methods and
//! paths, and the security schemes. What they are sent is lowered in `request`, what they
//! answer in `response`, the error body they share in `error`.

use std::collections::HashMap;

use openapiv3::{PathItem, ReferenceOr};

use super::{LowerOptions, Lowering};
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{Method, Operation, Param, ParamLocation, ParamType, PathPart, SecurityKind, SecurityScheme};
use crate::load::EXTRA_OPERATIONS;
use crate::naming::{self};

/// An operation found in the spec, before lowering.
pub(crate) struct Candidate<'a> {
    pub(super) path: &'a str,
    pub(super) method: Method,
    pub(super) operation: &'a openapiv3::Operation,
    pub(super) item: &'a PathItem,
    /// The pointer of the path item.
    pub(super) item_pointer: String,
    /// The pointer of the operation.
    pub(crate) pointer: String,
    pub(crate) operation_id: String,
    /// What the operation's Rust names come from: the operationId, or the stable name the
    /// configured extension gives it.
    pub(crate) rust_name: String,
}

/// The method of a path item's field (`get`), or of an extra operation's key (`QUERY`, `LINK`).
fn method_of(name: &str) -> Method {
    match name {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        "trace" => Method::Trace,
        "QUERY" => Method::Query,
        other => Method::Extension(other.to_owned()),
    }
}

impl<'a> Lowering<'a> {
    /// The operations to generate, checked for duplicate ids and Rust-name collisions.
    pub(crate) fn select_operations(&mut self, options: &LowerOptions) -> Result<Vec<Candidate<'a>>, SpecError> {
        let mut candidates = Vec::new();
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut rust_names: HashMap<String, String> = HashMap::new();
        for (path, item) in &self.spec.paths.paths {
            let item_pointer = pointer_push("#/paths", path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { reference } => {
                    return Err(self.error(&item_pointer, format!("path item $ref `{reference}` is not supported")));
                }
            };
            let extra_pointer = pointer_push(&item_pointer, EXTRA_OPERATIONS);
            let fixed = item.iter().map(|(name, operation)| (name, format!("{item_pointer}/{name}"), operation));
            let extra =
                self.extra_operations.iter().filter(|extra| extra.path == *path).map(|extra| {
                    (extra.method.as_str(), pointer_push(&extra_pointer, &extra.method), &extra.operation)
                });
            for (method_name, pointer, operation) in fixed.chain(extra) {
                let operation_id = match &operation.operation_id {
                    Some(id) => id.clone(),
                    None => naming::snake_ident(&format!("{} {path}", method_name.to_ascii_lowercase()))
                        .trim_start_matches("r#")
                        .to_owned(),
                };
                if let Some(first) = ids.insert(operation_id.clone(), pointer.clone()) {
                    return Err(self.error(
                        &format!("{pointer}/operationId"),
                        format!("duplicate operationId `{operation_id}` (first used at {first})"),
                    ));
                }
                let (rust_name, named_by) = match self.name_from_extension(operation, options, &pointer)? {
                    Some((name, extension)) => (name, Some(extension)),
                    None => (operation_id.clone(), None),
                };
                let fn_name = naming::operation_fn_name(&rust_name);
                if let Some(other) = rust_names.insert(fn_name.clone(), operation_id.clone()) {
                    let located = match named_by {
                        Some(extension) => pointer_push(&pointer, extension),
                        None => format!("{pointer}/operationId"),
                    };
                    return Err(self.error(
                        &located,
                        format!(
                            "operations `{other}` and `{operation_id}` both become `{fn_name}` in Rust (from the name `{rust_name}`)"
                        ),
                    ));
                }
                candidates.push(Candidate {
                    path,
                    method: method_of(method_name),
                    operation,
                    item,
                    item_pointer: item_pointer.clone(),
                    pointer,
                    operation_id,
                    rust_name,
                });
            }
        }
        for wanted in &options.operations {
            if !ids.contains_key(wanted) {
                return Err(self.error("#/paths", format!("no operation has the operationId `{wanted}`")));
            }
        }
        for wanted in &options.tags {
            if !candidates.iter().any(|c| c.operation.tags.contains(wanted)) {
                return Err(self.error("#/paths", format!("no operation has the tag `{wanted}`")));
            }
        }
        if !options.operations.is_empty() || !options.tags.is_empty() {
            candidates.retain(|c| {
                options.operations.contains(&c.operation_id)
                    || c.operation.tags.iter().any(|t| options.tags.contains(t))
            });
        }
        Ok(candidates)
    }

    /// The name an operation's Rust names are made from when an extension gives one, with
    /// that extension: its `x-rust-name`, else the configured vendor extension (Atlas keeps an
    /// operation's former operationId in `x-xgen-operation-id-override`).
    fn name_from_extension<'o>(
        &self,
        operation: &openapiv3::Operation,
        options: &'o LowerOptions,
        pointer: &str,
    ) -> Result<Option<(String, &'o str)>, SpecError> {
        let configured = options.operation_name_extension.as_deref();
        for extension in std::iter::once(naming::RUST_NAME_EXTENSION).chain(configured) {
            let Some(value) = operation.extensions.get(extension) else { continue };
            return match naming::given_name(value) {
                Ok(name) => Ok(Some((name.to_owned(), extension))),
                Err(problem) => Err(self.error(&pointer_push(pointer, extension), format!("`{extension}` {problem}"))),
            };
        }
        Ok(None)
    }

    pub(crate) fn lower_operation(
        &mut self,
        candidate: &Candidate<'a>,
        options: &LowerOptions,
    ) -> Result<Operation, SpecError> {
        let operation = candidate.operation;
        let type_name = naming::operation_type_name(&candidate.rust_name);
        let group = self.group(operation.tags.first());

        let params = self.lower_params(candidate, &type_name)?;
        let path = self.lower_path(candidate, &params)?;
        let envelope_param = options.envelope_param.as_ref().and_then(|name| {
            params
                .iter()
                .position(|p| &p.wire_name == name && p.location == ParamLocation::Query && p.ty == ParamType::Bool)
        });
        let body = match &operation.request_body {
            Some(body) => {
                Some(self.lower_request_body(body, &format!("{}/requestBody", candidate.pointer), &type_name)?)
            }
            None => None,
        };
        let (success, errors) = self.lower_responses(candidate, &type_name)?;
        let requirements = operation.security.as_ref().or(self.spec.security.as_ref());
        let security = requirements
            .into_iter()
            .flatten()
            .flat_map(|requirement| requirement.keys())
            .filter_map(|key| self.security.iter().position(|s| &s.key == key))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        Ok(Operation {
            operation_id: candidate.operation_id.clone(),
            fn_name: naming::operation_fn_name(&candidate.rust_name),
            error_name: naming::error_enum_name(&type_name),
            type_name,
            group,
            method: candidate.method.clone(),
            path,
            path_template: candidate.path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            deprecated: operation.deprecated,
            params,
            body,
            success,
            errors,
            envelope_param,
            security,
            // Decided once every type is lowered (`super::paging::recognise`).
            paging: None,
            // Decided once every operation is lowered (`super::error::share_identical_errors`).
            error_sharing: crate::ir::ErrorSharing::Own,
            secrets: Vec::new(),
        })
    }

    fn lower_path(&mut self, candidate: &Candidate<'a>, params: &[Param]) -> Result<Vec<PathPart>, SpecError> {
        let mut parts = Vec::new();
        let mut rest = candidate.path;
        let pointer = candidate.item_pointer.clone();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                return Err(self.error(&pointer, "path template has an unclosed `{`"));
            };
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let name = &rest[open + 1..close];
            let Some(index) = params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == name)
            else {
                return Err(self.error(
                    &candidate.pointer,
                    format!("path template names `{{{name}}}` but the operation declares no such path parameter"),
                ));
            };
            parts.push(PathPart::Param(index));
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        for (index, param) in params.iter().enumerate() {
            if param.location == ParamLocation::Path && !parts.contains(&PathPart::Param(index)) {
                self.warn(
                    &candidate.pointer,
                    format!(
                        "path parameter `{}` does not appear in the path template; it is not sent",
                        param.wire_name
                    ),
                );
            }
        }
        Ok(parts)
    }

    pub(crate) fn lower_security(&mut self) {
        let Some(components) = &self.spec.components else { return };
        let mut keys: Vec<&String> = components.security_schemes.keys().collect();
        keys.sort();
        for key in keys {
            let pointer = pointer_push("#/components/securitySchemes", key);
            let scheme = match &components.security_schemes[key] {
                ReferenceOr::Item(scheme) => scheme,
                ReferenceOr::Reference { .. } => {
                    self.warn(&pointer, "security scheme $refs are not supported; the scheme is ignored");
                    continue;
                }
            };
            let (kind, doc) = match scheme {
                openapiv3::SecurityScheme::HTTP { scheme, description, .. } => (
                    match scheme.to_ascii_lowercase().as_str() {
                        "digest" => SecurityKind::HttpDigest,
                        "basic" => SecurityKind::HttpBasic,
                        "bearer" => SecurityKind::HttpBearer,
                        _ => SecurityKind::Other,
                    },
                    description,
                ),
                openapiv3::SecurityScheme::OAuth2 { flows, description, .. } => (
                    match &flows.client_credentials {
                        Some(flow) => SecurityKind::OAuth2ClientCredentials { token_url: flow.token_url.clone() },
                        None => SecurityKind::Other,
                    },
                    description,
                ),
                openapiv3::SecurityScheme::APIKey { location, name, description, .. } => (
                    SecurityKind::ApiKey {
                        location: match location {
                            openapiv3::APIKeyLocation::Query => ParamLocation::Query,
                            _ => ParamLocation::Header,
                        },
                        name: name.clone(),
                    },
                    description,
                ),
                openapiv3::SecurityScheme::OpenIDConnect { description, .. } => (SecurityKind::Other, description),
            };
            if kind == SecurityKind::Other {
                self.warn(&pointer, "this security scheme is not supported by the generated client");
            }
            self.security.push(SecurityScheme { key: key.clone(), doc: doc.clone(), kind });
        }
    }
}
