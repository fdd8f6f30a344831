//! Lowering what an operation is sent: its parameters with their rules, and its request body
//! (one media type, alternatives, or multipart parts).

use indexmap::IndexMap;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr};

use super::operation::Candidate;
use super::response::{is_json, media_essence};
use super::view::SchemaView;
use super::{Lowering, SchemaRef};
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{
    BodyEncoding, BodyKind, Bound, FloatWidth, IntWidth, MultipartField, MultipartParts, Param, ParamLocation,
    ParamStyle, ParamType, RequestBody, Rules, TypeRef,
};
use crate::load::QUERYSTRING_MARK;
use crate::naming::{self, Namespace};

impl<'a> Lowering<'a> {
    pub(super) fn lower_params(&mut self, candidate: &Candidate<'a>, type_name: &str) -> Result<Vec<Param>, SpecError> {
        // Path-level parameters first, replaced by operation-level ones of the same name and place.
        let mut merged: IndexMap<(String, &'static str), (&'a Parameter, String)> = IndexMap::new();
        let item_pointer = &candidate.item_pointer;
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
            let querystring = data.extensions.contains_key(QUERYSTRING_MARK);
            let (schema, schema_pointer, style) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    (SchemaRef::from(schema), format!("{pointer}/schema"), param_style(parameter))
                }
                ParameterSchemaOrContent::Content(content) if querystring => {
                    // The upgrade left one media type; a JSON one with a schema is read.
                    let json = content.iter().find(|(media, body)| is_json(media) && body.schema.is_some());
                    let Some((media, schema)) = json.and_then(|(media, body)| Some((media, body.schema.as_ref()?)))
                    else {
                        let media: Vec<&str> = content.keys().map(String::as_str).collect();
                        self.warn(&pointer, format!("an `in: querystring` parameter is read with `application/x-www-form-urlencoded` or JSON content and a schema, not {media:?}; the operation gets no such parameter"));
                        continue;
                    };
                    let media_pointer = pointer_push(&format!("{pointer}/content"), media);
                    (SchemaRef::from(schema), format!("{media_pointer}/schema"), ParamStyle::Json)
                }
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
                        secret: false,
                    });
                    continue;
                }
            };
            let hint = format!("{type_name}{}", naming::camel_ident(&data.name));
            let ParamSchema { ty, rules, default, example, secret } =
                self.lower_param_schema(schema, &schema_pointer, &hint, location)?;
            if matches!(style, ParamStyle::SpaceDelimited | ParamStyle::PipeDelimited)
                && !matches!(ty, ParamType::List(_))
            {
                self.warn(&pointer, "a delimited `style` applies to lists; this single value is sent as it is");
            }
            let given = self.given_name(&data.extensions, &pointer)?;
            let name = self.claim_value_name(&mut namespace, given, &data.name, &pointer, "parameter", "setter");
            let mut doc = data.description.clone();
            if querystring {
                if !matches!(ty, ParamType::Object(_)) {
                    if style == ParamStyle::Json {
                        self.warn(&pointer, "an `in: querystring` parameter with JSON content is read when its schema is an object; the operation gets no such parameter");
                        continue;
                    }
                    self.warn(&pointer, "an `in: querystring` parameter's schema is not an object; it is sent as one pair named after the parameter");
                }
                let whole = "Its properties are the whole query string (`in: querystring`).";
                doc = Some(doc.map_or_else(|| whole.to_owned(), |doc| format!("{doc}\n\n{whole}")));
            }
            params.push(Param {
                wire_name: data.name.clone(),
                name,
                location,
                required: data.required || location == ParamLocation::Path,
                doc,
                ty,
                rules,
                default,
                example: data.example.clone().or(example),
                deprecated: data.deprecated.unwrap_or(false),
                style,
                secret,
            });
        }
        Ok(params)
    }

    /// The Rust type, validation rules, default and example of a parameter schema, and whether
    /// its values are secret.
    fn lower_param_schema(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        hint: &str,
        location: ParamLocation,
    ) -> Result<ParamSchema, SpecError> {
        let resolved = self.resolve_schema(schema, pointer)?;
        let view = SchemaView::of(resolved.schema);
        let mut rules = Rules::default();
        let takes_objects = matches!(location, ParamLocation::Query | ParamLocation::Header);
        let secret = self.is_secret(resolved.schema, &resolved.pointer, 0)?;
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
        // Only a plain string (or a list of them) is shown redacted.
        let item = match &ty {
            ParamType::List(item) => item,
            ty => ty,
        };
        let secret = secret && *item == ParamType::String;
        Ok(ParamSchema { ty, rules, default: view.data.default.clone(), example: view.data.example.clone(), secret })
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

    pub(super) fn lower_request_body(
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

/// What [`Lowering::lower_param_schema`] makes of a parameter's schema.
struct ParamSchema {
    ty: ParamType,
    rules: Rules,
    default: Option<serde_json::Value>,
    example: Option<serde_json::Value>,
    secret: bool,
}

/// Whether a parameter schema is an object, or a composition, rather than a scalar or a list.
fn is_structured(view: &SchemaView<'_>) -> bool {
    let composed = !(view.one_of.is_empty() && view.any_of.is_empty() && view.all_of.is_empty());
    view.is_object() || (view.ty.is_none() && view.string_enum.is_empty() && composed)
}
