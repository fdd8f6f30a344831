//! Lowering operations: parameters with their rules, request bodies, responses and security.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use openapiv3::{MediaType, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Response, StatusCode};

use super::view::SchemaView;
use super::{LowerOptions, Lowering, SchemaRef};
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{
    Alternatives, BodyEncoding, BodyKind, Bound, CommonError, ErrorResponse, FloatWidth, IntWidth, ItemFraming,
    ItemStreamBody, MediaBody, Method, MultipartField, MultipartParts, NamedType, Operation, Param, ParamLocation,
    ParamStyle, ParamType, PathPart, RequestBody, Rules, SecurityKind, SecurityScheme, StatusBodies, StatusBody,
    StatusMatch, Success, TypeId, TypeKind, TypeRef,
};
use crate::load::ITEM_SCHEMA_MARK;
use crate::naming::{self, Namespace};

/// An operation found in the spec, before lowering.
pub(crate) struct Candidate<'a> {
    path: &'a str,
    method: Method,
    operation: &'a openapiv3::Operation,
    item: &'a PathItem,
    pub(crate) pointer: String,
    pub(crate) operation_id: String,
    /// What the operation's Rust names come from: the operationId, or the stable name the
    /// configured extension gives it.
    pub(crate) rust_name: String,
}

fn method_of(name: &str) -> Method {
    match name {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "options" => Method::Options,
        "head" => Method::Head,
        "patch" => Method::Patch,
        _ => Method::Trace,
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
            for (method_name, operation) in item.iter() {
                let pointer = format!("{item_pointer}/{method_name}");
                let operation_id = match &operation.operation_id {
                    Some(id) => id.clone(),
                    None => naming::snake_ident(&format!("{method_name} {path}")).trim_start_matches("r#").to_owned(),
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
            method: candidate.method,
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
        })
    }

    fn lower_params(&mut self, candidate: &Candidate<'a>, type_name: &str) -> Result<Vec<Param>, SpecError> {
        // Path-level parameters first, replaced by operation-level ones of the same name and place.
        let mut merged: IndexMap<(String, &'static str), (&'a Parameter, String)> = IndexMap::new();
        let item_pointer = candidate.pointer.rsplit_once('/').map_or("", |(head, _)| head).to_owned();
        let sources = [
            (&candidate.item.parameters, format!("{item_pointer}/parameters")),
            (&candidate.operation.parameters, format!("{}/parameters", candidate.pointer)),
        ];
        for (list, base) in sources {
            for (index, parameter) in list.iter().enumerate() {
                let (parameter, pointer) = self.resolve(parameter, &format!("{base}/{index}"))?;
                let data = parameter.parameter_data_ref();
                let location = match parameter {
                    Parameter::Query { .. } => "query",
                    Parameter::Header { .. } => "header",
                    Parameter::Path { .. } => "path",
                    Parameter::Cookie { .. } => "cookie",
                };
                merged.insert((data.name.clone(), location), (parameter, pointer));
            }
        }
        let mut namespace = Namespace::for_builder_methods();
        let mut params = Vec::with_capacity(merged.len());
        for ((_, location_name), (parameter, pointer)) in merged {
            let location = match parameter {
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Cookie { .. } => {
                    self.warn(&pointer, "cookie parameters are not supported; this parameter is not sent");
                    continue;
                }
            };
            let data = parameter.parameter_data_ref();
            if location == ParamLocation::Header
                && ["accept", "content-type", "authorization"].contains(&data.name.to_ascii_lowercase().as_str())
            {
                self.warn(&pointer, format!("header parameter `{}` is set by the client itself", data.name));
                continue;
            }
            let schema = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => SchemaRef::from(schema),
                ParameterSchemaOrContent::Content(_) => {
                    self.warn(&pointer, format!("{location_name} parameter with `content` is sent as a plain string"));
                    let given = self.given_name(&data.extensions, &pointer)?;
                    let name =
                        self.claim_value_name(&mut namespace, given, &data.name, &pointer, "parameter", "setter");
                    params.push(Param {
                        wire_name: data.name.clone(),
                        name,
                        location,
                        required: data.required,
                        doc: data.description.clone(),
                        ty: ParamType::String,
                        rules: Rules::default(),
                        default: None,
                        example: data.example.clone(),
                        deprecated: data.deprecated.unwrap_or(false),
                        style: ParamStyle::Simple { explode: false },
                    });
                    continue;
                }
            };
            let schema_pointer = format!("{pointer}/schema");
            let hint = format!("{type_name}{}", naming::camel_ident(&data.name));
            let style = param_style(parameter);
            let (ty, rules, default, example) = self.lower_param_schema(schema, &schema_pointer, &hint, location)?;
            if matches!(style, ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited)
                && !matches!(ty, ParamType::List(_))
            {
                self.warn(&pointer, "a delimited `style` applies to lists; this single value is sent as it is");
            }
            let given = self.given_name(&data.extensions, &pointer)?;
            let name = self.claim_value_name(&mut namespace, given, &data.name, &pointer, "parameter", "setter");
            params.push(Param {
                wire_name: data.name.clone(),
                name,
                location,
                required: data.required || location == ParamLocation::Path,
                doc: data.description.clone(),
                ty,
                rules,
                default,
                example: data.example.clone().or(example),
                deprecated: data.deprecated.unwrap_or(false),
                style,
            });
        }
        Ok(params)
    }

    /// The Rust type, validation rules, default and example of a parameter schema.
    fn lower_param_schema(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        hint: &str,
        location: ParamLocation,
    ) -> Result<(ParamType, Rules, Option<serde_json::Value>, Option<serde_json::Value>), SpecError> {
        let resolved = self.resolve_schema(schema, pointer)?;
        let view = SchemaView::of(resolved.schema);
        let mut rules = Rules::default();
        let takes_objects = matches!(location, ParamLocation::Query | ParamLocation::Header);
        let ty = if takes_objects && is_structured(&view) {
            // An object (or a union with one) is a model, written by its style: query pairs, or
            // one header value of keys and values.
            ParamType::Object(self.type_ref(schema, pointer, hint)?)
        } else if view.ty == Some("array") {
            rules.min_items = view.min_items.map(|v| v as u64);
            rules.max_items = view.max_items.map(|v| v as u64);
            let item_pointer = format!("{}/items", resolved.pointer);
            let item = match view.items {
                Some(items) => {
                    let item_resolved = self.resolve_schema(SchemaRef::from(items), &item_pointer)?;
                    let item_view = SchemaView::of(item_resolved.schema);
                    if takes_objects && is_structured(&item_view) {
                        ParamType::Object(self.type_ref(SchemaRef::from(items), &item_pointer, hint)?)
                    } else {
                        self.scalar_rules(&item_view, &item_resolved.pointer, &mut rules)?;
                        self.scalar_param_type(SchemaRef::from(items), &item_view, &item_pointer, hint)?
                    }
                }
                None => ParamType::String,
            };
            ParamType::List(Box::new(item))
        } else {
            self.scalar_rules(&view, &resolved.pointer, &mut rules)?;
            self.scalar_param_type(schema, &view, pointer, hint)?
        };
        if let ParamType::Enum(_) = &ty {
            rules.allowed.clear();
        }
        Ok((ty, rules, view.data.default.clone(), view.data.example.clone()))
    }

    fn scalar_param_type(
        &mut self,
        schema: SchemaRef<'a>,
        view: &SchemaView<'a>,
        pointer: &str,
        hint: &str,
    ) -> Result<ParamType, SpecError> {
        Ok(match view.ty {
            Some("boolean") => ParamType::Bool,
            Some("integer") if view.format.as_deref() == Some("int32") => ParamType::Integer(IntWidth::I32),
            Some("integer") => ParamType::Integer(IntWidth::I64),
            Some("number") if view.format.as_deref() == Some("float") => ParamType::Number(FloatWidth::F32),
            Some("number") => ParamType::Number(FloatWidth::F64),
            Some("string") | None if !view.string_enum.is_empty() => match schema {
                // A shared enum component is a model type; an inline one is checked as a string.
                SchemaRef::Ref(_) => match self.type_ref(schema, pointer, hint)? {
                    TypeRef::Named(id) => ParamType::Enum(id),
                    TypeRef::External(path) => {
                        self.warn(
                            pointer,
                            format!("the enum is replaced by `{path}`, which a parameter cannot be written from; this parameter takes a string"),
                        );
                        ParamType::String
                    }
                    _ => ParamType::String,
                },
                SchemaRef::Inline(_) => ParamType::String,
            },
            Some("string") => ParamType::String,
            _ => {
                self.warn(pointer, "parameter schema is not a scalar or list of scalars; it is sent as a plain string");
                ParamType::String
            }
        })
    }

    fn scalar_rules(&mut self, view: &SchemaView<'a>, pointer: &str, rules: &mut Rules) -> Result<(), SpecError> {
        if let Some(pattern) = view.pattern {
            rules.pattern = self.pattern(pattern, &format!("{pointer}/pattern"))?;
        }
        rules.min_length = view.min_length.map(|v| v as u64);
        rules.max_length = view.max_length.map(|v| v as u64);
        rules.minimum = view.minimum.map(|value| Bound { value, exclusive: view.exclusive_minimum });
        rules.maximum = view.maximum.map(|value| Bound { value, exclusive: view.exclusive_maximum });
        rules.multiple_of = view.multiple_of.filter(|m| *m > 0.0);
        rules.allowed = view.string_enum.clone();
        Ok(())
    }

    fn lower_path(&mut self, candidate: &Candidate<'a>, params: &[Param]) -> Result<Vec<PathPart>, SpecError> {
        let mut parts = Vec::new();
        let mut rest = candidate.path;
        let pointer = candidate.pointer.rsplit_once('/').map_or("#/paths", |(head, _)| head).to_owned();
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

    fn lower_request_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        type_name: &str,
    ) -> Result<RequestBody, SpecError> {
        let (body, body_pointer) = self.resolve(body, pointer)?;
        let hint = format!("{type_name}Body");
        let (media_type, kind) = self.lower_content(&body.content, &body_pointer, &hint, "the request body")?;
        let media_type = media_type.unwrap_or_else(|| "application/json".to_owned());
        let schema = body.content.get(&media_type).and_then(|m| m.schema.as_ref());
        let schema_pointer = format!("{}/schema", pointer_push(&format!("{body_pointer}/content"), &media_type));
        let (kind, encoding) = match (media_essence(&media_type).as_str(), schema) {
            _ if matches!(kind, BodyKind::Json(_)) => (kind, BodyEncoding::Json),
            ("application/x-www-form-urlencoded", Some(schema)) => {
                (BodyKind::Json(self.type_ref(SchemaRef::from(schema), &schema_pointer, &hint)?), BodyEncoding::Form)
            }
            ("multipart/form-data", schema) => {
                let encoding = body.content.get(&media_type).map(|media| &media.encoding);
                let parts = match schema {
                    Some(schema) => {
                        self.multipart_parts(SchemaRef::from(schema), &schema_pointer, encoding, type_name)?
                    }
                    None => None,
                };
                (BodyKind::Bytes, BodyEncoding::Multipart(parts))
            }
            _ => (kind, BodyEncoding::Raw),
        };
        Ok(RequestBody { media_type, kind, encoding, required: body.required, doc: body.description.clone() })
    }

    /// The typed parts of a multipart body whose schema is an object with properties: a field
    /// per property, binary strings (and lists of them) as files, `encoding` giving a part's
    /// `Content-Type`. `None` for any other schema, which the runtime's general builder takes.
    fn multipart_parts(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        encoding: Option<&'a IndexMap<String, openapiv3::Encoding>>,
        type_name: &str,
    ) -> Result<Option<MultipartParts>, SpecError> {
        let resolved = self.resolve_schema(schema, pointer)?;
        let view = SchemaView::of(resolved.schema);
        let Some(properties) = view.properties.filter(|properties| !properties.is_empty()) else { return Ok(None) };
        let struct_name = naming::multipart_parts_name(type_name);
        // Inline property types keep the names the component's model gives them (the model
        // may be lowered after this body and shares them).
        let owner = match resolved.component.and_then(|name| self.component_names.get(name)) {
            Some(component) => component.clone(),
            None => struct_name.clone(),
        };
        let mut names = Namespace::default();
        let mut setters = Namespace::for_model_methods();
        setters.reserve(naming::MULTIPART_PARTS_METHOD);
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, property) in properties {
            let property_pointer = pointer_push(&format!("{}/properties", resolved.pointer), wire_name);
            let property_resolved = self.resolve_schema(SchemaRef::from(property), &property_pointer)?;
            let property_view = SchemaView::of(property_resolved.schema);
            // A list is one part per item, each of the property's name.
            let (value, value_pointer, repeated) = match (property_view.ty, property_view.items) {
                (Some("array"), Some(items)) => {
                    (SchemaRef::from(items), format!("{}/items", property_resolved.pointer), true)
                }
                _ => (SchemaRef::from(property), property_pointer.clone(), false),
            };
            let value_view = SchemaView::of(self.resolve_schema(value, &value_pointer)?.schema);
            let kind = if value_view.format.as_deref() == Some("binary") {
                BodyKind::Bytes
            } else {
                let hint = naming::property_type_name(&owner, wire_name);
                BodyKind::Json(self.type_ref(value, &value_pointer, &hint)?)
            };
            let required = view.required.contains(wire_name);
            let name = names.claim(&naming::snake_ident(wire_name));
            let setter = (!required).then(|| naming::field_setter_name(&name, &mut setters));
            // One concrete media type; a list (`image/png, image/jpeg`) or a wildcard is a
            // constraint the caller's file meets, not a type to send.
            let content_type = encoding
                .and_then(|encoding| encoding.get(wire_name))
                .and_then(|encoding| encoding.content_type.as_deref())
                .map(str::trim)
                .filter(|media| !media.contains(',') && !media.contains('*') && !media.is_empty())
                .map(str::to_owned);
            fields.push(MultipartField {
                wire_name: wire_name.clone(),
                name,
                setter,
                required,
                kind,
                repeated,
                content_type,
                doc: property_view.data.description.clone(),
            });
        }
        Ok(Some(MultipartParts { type_name: struct_name, fields }))
    }

    /// Chooses the media type to ask for or send and how its body is carried: the newest
    /// JSON type (versioned vendor types sort by date), else the first other type as bytes.
    /// Other documented media types are named in a warning that calls the body `what`.
    fn lower_content(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        hint: &str,
        what: &str,
    ) -> Result<(Option<String>, BodyKind), SpecError> {
        let Some(chosen) = preferred_media_type(content) else { return Ok((None, BodyKind::Empty)) };
        let others: Vec<String> = content.keys().filter(|m| *m != chosen).map(|m| format!("`{m}`")).collect();
        if !others.is_empty() {
            self.warn(
                &format!("{pointer}/content"),
                format!(
                    "{what} uses `{chosen}`; the other documented media types ({}) are not offered",
                    others.join(", ")
                ),
            );
        }
        let kind = self.media_body(content, chosen, pointer, hint)?;
        Ok((Some(chosen.clone()), kind))
    }

    /// How a body of one media type of `content` is carried: JSON into its schema's type,
    /// anything else as bytes.
    fn media_body(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        media: &str,
        pointer: &str,
        hint: &str,
    ) -> Result<BodyKind, SpecError> {
        if !is_json(media) {
            return Ok(BodyKind::Bytes);
        }
        let media_pointer = pointer_push(&format!("{pointer}/content"), media);
        let ty = match content.get(media).and_then(|m| m.schema.as_ref()) {
            Some(schema) => self.type_ref(SchemaRef::from(schema), &format!("{media_pointer}/schema"), hint)?,
            None => TypeRef::Json,
        };
        Ok(BodyKind::Json(ty))
    }

    /// Every media type of a success response that documents more than one: the enums the
    /// caller chooses and receives one of, the default first.
    fn lower_alternatives(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        type_name: &str,
    ) -> Result<Option<Alternatives>, SpecError> {
        let Some(chosen) = preferred_media_type(content).filter(|_| content.len() > 1) else { return Ok(None) };
        let ordered = std::iter::once(chosen).chain(content.keys().filter(|m| *m != chosen));
        let plain: Vec<String> = content.keys().map(|m| naming::media_variant_name(m, false)).collect();
        let mut variants = Namespace::default();
        let mut bodies = Vec::with_capacity(content.len());
        for (index, media) in ordered.enumerate() {
            // Versions tell apart media types of the same kind (two JSON versions, say).
            let base = naming::media_variant_name(media, false);
            let repeated = plain.iter().filter(|name| **name == base).count() > 1;
            let variant = variants.claim(&if repeated { naming::media_variant_name(media, true) } else { base });
            // The default body keeps the name it has when it is the only one.
            let hint =
                if index == 0 { format!("{type_name}Response") } else { format!("{type_name}{variant}Response") };
            let kind = self.media_body(content, media, pointer, &hint)?;
            bodies.push(MediaBody { media_type: media.clone(), kind, variant });
        }
        let same_body = bodies.iter().all(|body| body.kind == bodies[0].kind);
        Ok(Some(Alternatives {
            media_enum: naming::media_enum_name(type_name),
            body_enum: (!same_body).then(|| naming::response_body_enum_name(type_name)),
            bodies,
        }))
    }

    /// The first media type of a success response whose schema describes its items (moved
    /// there from OpenAPI 3.2's `itemSchema` by the loader) in a framing the runtime decodes.
    fn lower_item_stream(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        type_name: &str,
    ) -> Result<Option<ItemStreamBody>, SpecError> {
        for (media, body) in content {
            let Some(framing) = ItemFraming::of_media_type(media) else { continue };
            let Some(schema) = body.schema.as_ref().filter(|_| body.extensions.contains_key(ITEM_SCHEMA_MARK)) else {
                continue;
            };
            let schema_pointer = format!("{}/schema", pointer_push(&format!("{pointer}/content"), media));
            let item = self.type_ref(SchemaRef::from(schema), &schema_pointer, &naming::stream_item_name(type_name))?;
            return Ok(Some(ItemStreamBody { media_type: media.clone(), framing, item }));
        }
        Ok(None)
    }

    fn lower_responses(
        &mut self,
        candidate: &Candidate<'a>,
        type_name: &str,
    ) -> Result<(Success, Vec<ErrorResponse>), SpecError> {
        let responses = &candidate.operation.responses;
        let base = format!("{}/responses", candidate.pointer);
        let mut ordered: BTreeMap<StatusMatch, (&'a ReferenceOr<Response>, String)> = BTreeMap::new();
        for (status, response) in &responses.responses {
            let key = match status {
                StatusCode::Code(code) => StatusMatch::Code(*code),
                StatusCode::Range(range) => StatusMatch::Range(*range),
            };
            ordered.insert(key, (response, pointer_push(&base, &status.to_string())));
        }
        if let Some(default) = &responses.default {
            ordered.insert(StatusMatch::Default, (default, format!("{base}/default")));
        }

        let mut success: Option<Success> = None;
        let mut success_statuses = Vec::new();
        let mut any_2xx = false;
        // Every 2xx status with its body, and whether two bodies differ.
        let mut status_bodies: Vec<StatusBody> = Vec::new();
        let mut bodies_differ = false;
        let mut errors = Vec::new();
        let mut variants = Namespace::for_error_variants();
        for (status, (response, pointer)) in ordered {
            let (response, response_pointer) = self.resolve(response, &pointer)?;
            let is_success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
            if is_success {
                let variant = naming::status_variant_name(status);
                match status {
                    StatusMatch::Code(code) => success_statuses.push(code),
                    _ => any_2xx = true,
                }
                // The first success response sets the body; only it can offer a choice of media types.
                let alternatives = match success {
                    None => self.lower_alternatives(&response.content, &response_pointer, type_name)?,
                    Some(_) => None,
                };
                let (media_type, kind) = match &alternatives {
                    Some(alternatives) => {
                        (Some(alternatives.bodies[0].media_type.clone()), alternatives.bodies[0].kind.clone())
                    }
                    None => {
                        // The first success body keeps the name it has when it is the only one.
                        let hint = match success {
                            None => format!("{type_name}Response"),
                            Some(_) => format!("{type_name}{variant}Response"),
                        };
                        self.lower_content(&response.content, &response_pointer, &hint, "this response")?
                    }
                };
                let items = match success {
                    None => self.lower_item_stream(&response.content, &response_pointer, type_name)?,
                    Some(_) => None,
                };
                let doc = Some(response.description.clone()).filter(|d| !d.is_empty());
                status_bodies.push(StatusBody { status, variant, kind: kind.clone(), doc });
                match &success {
                    None => {
                        success = Some(Success {
                            statuses: Vec::new(),
                            any_2xx: false,
                            media_type,
                            kind,
                            doc: Some(response.description.clone()),
                            alternatives,
                            by_status: None,
                            items,
                        });
                    }
                    Some(first) if first.kind != kind && kind != BodyKind::Empty => bodies_differ = true,
                    Some(_) => {}
                }
                continue;
            }
            let hint = format!("{type_name}{}", naming::status_variant_name(status));
            let (_, kind) = self.lower_content(&response.content, &response_pointer, &hint, "this response")?;
            let variant = variants.claim(&naming::status_variant_name(status));
            errors.push(ErrorResponse {
                status,
                variant,
                doc: Some(response.description.clone()).filter(|d| !d.is_empty()),
                kind,
                headers: response.headers.keys().cloned().collect(),
            });
        }
        let mut success = success.unwrap_or(Success {
            statuses: Vec::new(),
            any_2xx: false,
            media_type: None,
            kind: BodyKind::Empty,
            doc: None,
            alternatives: None,
            by_status: None,
            items: None,
        });
        success.statuses = success_statuses;
        success.any_2xx = any_2xx;
        if bodies_differ && success.alternatives.is_some() {
            self.warn(
                &base,
                "the 2xx responses have different bodies and the first offers several media types; every 2xx body is decoded as the first one's",
            );
        } else if bodies_differ {
            success.by_status =
                Some(StatusBodies { enum_name: naming::status_response_enum_name(type_name), variants: status_bodies });
        }
        Ok((success, errors))
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

/// The `style` and `explode` of a parameter, with the defaults of OpenAPI 3.0: `form` exploded
/// for query parameters, `simple` not exploded for the others.
fn param_style(parameter: &Parameter) -> ParamStyle {
    let Parameter::Query { parameter_data, style, .. } = parameter else {
        let explode = parameter.parameter_data_ref().explode.unwrap_or(false);
        return ParamStyle::Simple { explode };
    };
    match style {
        openapiv3::QueryStyle::Form => ParamStyle::Form { explode: parameter_data.explode.unwrap_or(true) },
        openapiv3::QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
        openapiv3::QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
        openapiv3::QueryStyle::DeepObject => ParamStyle::DeepObject,
    }
}

/// Whether a parameter schema is an object, or a composition, rather than a scalar or a list.
fn is_structured(view: &SchemaView<'_>) -> bool {
    let composed = !(view.one_of.is_empty() && view.any_of.is_empty() && view.all_of.is_empty());
    view.is_object() || (view.ty.is_none() && view.string_enum.is_empty() && composed)
}

/// `application/json`, `application/problem+json`, `application/vnd.atlas.2023-01-01+json`.
/// The media type to use of several: the newest JSON type (versioned vendor types sort by
/// date), else the first.
fn preferred_media_type(content: &IndexMap<String, MediaType>) -> Option<&String> {
    content.keys().filter(|media| is_json(media)).max().or_else(|| content.keys().next())
}

pub(crate) fn is_json(media: &str) -> bool {
    let essence = media_essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// A media type without its parameters, in lower case.
fn media_essence(media: &str) -> String {
    media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase()
}

/// Decides the spec's common error schema: the named struct used as the JSON body of the
/// most documented error responses (ties go to the first by name, so the choice does not
/// depend on map order), and its error-code field: a string property whose wire name, without
/// separators and case, is `errorcode` (preferred) or `code`. That field is made optional,
/// because servers answer `"errorCode": null` and a required field would turn such an error
/// into a decoding failure.
pub(crate) fn common_error(operations: &[Operation], types: &mut [NamedType]) -> Option<CommonError> {
    let mut uses: BTreeMap<(std::cmp::Reverse<usize>, &str), TypeId> = BTreeMap::new();
    let mut counts: HashMap<TypeId, usize> = HashMap::new();
    for response in operations.iter().flat_map(|op| &op.errors) {
        if let BodyKind::Json(TypeRef::Named(id)) = &response.kind {
            if matches!(types[id.0].kind, TypeKind::Struct(_)) {
                *counts.entry(*id).or_default() += 1;
            }
        }
    }
    for (id, count) in counts {
        uses.insert((std::cmp::Reverse(count), types[id.0].name.as_str()), id);
    }
    let ty = *uses.values().next()?;
    let TypeKind::Struct(fields) = &mut types[ty.0].kind else { return None };
    let squash = |wire: &str| wire.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let code = ["errorcode", "code"].iter().find_map(|wanted| {
        fields.fields.iter().position(|field| field.ty == TypeRef::String && squash(&field.wire_name) == *wanted)
    });
    let code_field = code.map(|index| {
        // Servers send `null` for it: a required code becomes an `Option` that decodes `null`.
        // An optional one stays an `Option` even when the spec makes it nullable: for a
        // received error, `null` and no code are the same, and `error_code()` reads one type.
        let field = &mut fields.fields[index];
        field.nullable = field.required;
        field.null_setter = None;
        field.name.clone()
    });
    Some(CommonError { ty, code_field })
}

#[cfg(test)]
mod tests {
    use crate::ir::{TypeKind, TypeRef};

    /// Two error schemas: `Fault` answers three error responses, `Oops` one.
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Errors, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok}
        "404": {description: gone, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
        "409": {description: busy, content: {application/json: {schema: {$ref: "#/components/schemas/Oops"}}}}
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: ok}
        "400": {description: bad, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
        "500": {description: failed, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
components:
  schemas:
    Fault:
      type: object
      required: [code, errorKind]
      properties:
        code: {type: string}
        errorKind: {type: integer}
    Oops:
      type: object
      properties:
        errorCode: {type: string}
"##;

    fn lowered(spec: &str) -> crate::ir::Api {
        let loaded = crate::load::load_str(std::path::Path::new("errors.yaml"), spec.to_owned()).unwrap();
        crate::lower::lower(&loaded, &Default::default()).unwrap().api
    }

    #[test]
    fn the_common_error_is_the_most_used_error_body_and_its_code_field_is_optional() {
        let api = lowered(SPEC);
        let common = api.common_error.expect("a common error schema");
        assert_eq!(api.types[common.ty.0].name, "Fault");
        assert_eq!(common.code_field.as_deref(), Some("code"), "a string named like a code, not `errorKind`");
        let TypeKind::Struct(fault) = &api.types[common.ty.0].kind else { panic!("Fault is a struct") };
        let code = fault.fields.iter().find(|f| f.wire_name == "code").unwrap();
        assert!(code.is_optional() && code.ty == TypeRef::String, "a null code decodes");
        let kind = fault.fields.iter().find(|f| f.wire_name == "errorKind").unwrap();
        assert!(!kind.is_optional(), "other required fields stay required");
    }

    #[test]
    fn without_json_error_bodies_there_is_no_common_error() {
        let spec = SPEC.replace("application/json: {schema: {$ref: \"#/components/schemas/Fault\"}}", "text/plain: {}");
        let spec = spec.replace("application/json: {schema: {$ref: \"#/components/schemas/Oops\"}}", "text/plain: {}");
        assert_eq!(lowered(&spec).common_error, None);
    }

    #[test]
    fn the_common_error_is_compiled_with_every_group() {
        // `getC` (tag C) documents no error body, but its error enum can hold the common error.
        let spec = SPEC
            .replace("      operationId: getA\n", "      operationId: getA\n      tags: [A]\n")
            .replace("      operationId: getB\n", "      operationId: getB\n      tags: [B]\n")
            .replace(
                "components:\n",
                "  /c:\n    get:\n      operationId: getC\n      tags: [C]\n      responses:\n        \"200\": {description: ok}\ncomponents:\n",
            );
        let api = lowered(&spec);
        assert_eq!(api.groups.len(), 3);
        let common = api.common_error.expect("a common error schema");
        assert_eq!(api.types[common.ty.0].gate, crate::ir::Gate::Always);
        let oops = api.types.iter().find(|t| t.name == "Oops").unwrap();
        assert_ne!(oops.gate, crate::ir::Gate::Always, "other error bodies keep their groups");
    }

    #[test]
    fn an_error_code_property_is_preferred_to_a_code_property() {
        let spec = SPEC.replace("        errorKind: {type: integer}", "        errorCode: {type: string}");
        let api = lowered(&spec);
        assert_eq!(api.common_error.unwrap().code_field.as_deref(), Some("error_code"));
    }
}
