//! The API model: the public Rust surface of a generated crate, extracted from the IR, keyed
//! by what stays stable across spec versions (operationIds, Rust type names, wire names).
//! It is what `diff` compares and what the crate records in `specforge-api.json`, so it
//! holds Rust types as rendered text and only digests of documentation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::pointer_push;
use crate::ir::{self, Api, BodyKind, FloatWidth, IntWidth, ParamLocation, ParamType, StatusMatch, TypeKind, TypeRef};

/// The public API of one generated crate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ApiModel {
    /// By operationId.
    pub operations: BTreeMap<String, OperationModel>,
    /// By Rust type name (in `models`).
    pub types: BTreeMap<String, TypeModel>,
}

/// One operation: its builder, client method, error enum, parameters and responses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationModel {
    /// Builder type (`GetBackupRestoreJob`).
    pub type_name: String,
    /// Client method (`get_backup_restore_job`).
    pub fn_name: String,
    /// Error enum (`GetBackupRestoreJobError`).
    pub error_name: String,
    /// The operations module, from the first tag.
    pub module: String,
    pub method: String,
    pub path: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Digest of the summary and description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    pub params: Vec<ParamModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyModel>,
    pub success: SuccessModel,
    pub errors: Vec<ErrorModel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamModel {
    pub wire_name: String,
    /// Builder field and setter name.
    pub name: String,
    /// `path`, `query` or `header`.
    pub location: String,
    pub required: bool,
    /// The Rust type of the value.
    pub ty: String,
    #[serde(default, skip_serializing_if = "RulesModel::is_empty")]
    pub rules: RulesModel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// The validation rules a request value is checked against before any I/O.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RulesModel {
    /// The pattern's source text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<BoundModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<BoundModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
}

impl RulesModel {
    pub fn is_empty(&self) -> bool {
        *self == RulesModel::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoundModel {
    pub value: f64,
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyModel {
    pub media_type: String,
    pub ty: String,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuccessModel {
    pub statuses: Vec<u16>,
    /// The media type asked for by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The Rust type of the decoded body (the body enum when there are several).
    pub ty: String,
    /// The media-type enum, when the response documents several media types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_enum: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<MediaModel>,
    /// What `send_items` yields, when the body is streamed item by item (OpenAPI 3.2
    /// `itemSchema`): the item type, or `Event<T>` for Server-Sent Events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// One variant of a media-type enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaModel {
    pub media_type: String,
    pub variant: String,
    pub ty: String,
}

/// One variant of an operation's error enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorModel {
    /// `404`, `4XX` or `default`.
    pub status: String,
    pub variant: String,
    pub ty: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// One type of the `models` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeModel {
    /// JSON pointer of the schema it comes from.
    pub pointer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(flatten)]
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    Struct {
        fields: Vec<FieldModel>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<String>,
    },
    Enum {
        variants: Vec<VariantModel>,
    },
    Union {
        variants: Vec<MemberModel>,
    },
    Alias {
        ty: String,
    },
    Newtype {
        ty: String,
    },
}

impl Shape {
    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Struct { .. } => "struct",
            Shape::Enum { .. } => "string enum",
            Shape::Union { .. } => "union",
            Shape::Alias { .. } => "type alias",
            Shape::Newtype { .. } => "newtype",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldModel {
    pub name: String,
    pub wire_name: String,
    /// The Rust field type, `Option<…>` included.
    pub ty: String,
    /// Whether the field is a plain (non-`Option`) field: an argument of `new`.
    pub required: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
}

/// A variant of a string enum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantModel {
    pub name: String,
    pub value: String,
}

/// A member of a union (`oneOf`/`anyOf`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberModel {
    pub name: String,
    pub ty: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A short digest of documentation: enough to tell that it changed, small enough to record.
fn doc_digest<'a>(parts: impl IntoIterator<Item = Option<&'a String>>) -> Option<String> {
    let mut hasher = Sha256::new();
    let mut any = false;
    for part in parts.into_iter().flatten() {
        any = true;
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    any.then(|| hex(&hasher.finalize()[..6]))
}

/// Lower-case hex of `bytes`, written directly: the model digests every description of a
/// spec (17,000 for the full Atlas spec), and a `format!` per byte was most of that.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

impl ApiModel {
    /// This model with types renamed (old name to new name): their keys, and every Rust type
    /// that names them (`Option<Old>` becomes `Option<New>`).
    pub fn with_type_names(&self, renames: &BTreeMap<String, String>) -> ApiModel {
        let rename = |ty: &mut String| {
            let mut renamed = String::with_capacity(ty.len());
            let mut word = String::new();
            for c in ty.chars().chain(std::iter::once(' ')) {
                if c.is_alphanumeric() || c == '_' {
                    word.push(c);
                    continue;
                }
                renamed.push_str(renames.get(&word).map_or(word.as_str(), String::as_str));
                word.clear();
                renamed.push(c);
            }
            renamed.pop();
            *ty = renamed;
        };
        let mut model = self.clone();
        for operation in model.operations.values_mut() {
            operation.params.iter_mut().for_each(|param| rename(&mut param.ty));
            if let Some(body) = &mut operation.body {
                rename(&mut body.ty);
            }
            rename(&mut operation.success.ty);
            operation.success.media.iter_mut().for_each(|media| rename(&mut media.ty));
            if let Some(items) = &mut operation.success.items {
                rename(items);
            }
            operation.errors.iter_mut().for_each(|error| rename(&mut error.ty));
        }
        let types = std::mem::take(&mut model.types);
        for (name, mut ty) in types {
            match &mut ty.shape {
                Shape::Struct { fields, additional } => {
                    fields.iter_mut().for_each(|field| rename(&mut field.ty));
                    additional.iter_mut().for_each(rename);
                }
                Shape::Enum { .. } => {}
                Shape::Union { variants } => variants.iter_mut().for_each(|member| rename(&mut member.ty)),
                Shape::Alias { ty } | Shape::Newtype { ty } => rename(ty),
            }
            model.types.insert(renames.get(&name).cloned().unwrap_or(name), ty);
        }
        model
    }

    /// The public API of the crate generated from `api`.
    pub fn from_ir(api: &Api) -> ApiModel {
        let render = Render { api };
        let operations = api
            .operations
            .iter()
            .map(|operation| (operation.operation_id.clone(), render.operation(operation)))
            .collect();
        let types = api.types.iter().map(|ty| (ty.name.clone(), render.named_type(ty))).collect();
        ApiModel { operations, types }
    }
}

/// JSON pointer of an operation in its spec (`#/paths/~1groups~1{groupId}/get`).
pub fn operation_pointer(operation: &OperationModel) -> String {
    let item = pointer_push("#/paths", &operation.path);
    let field = operation.method.to_ascii_lowercase();
    if crate::load::METHOD_FIELDS.contains(&field.as_str()) {
        pointer_push(&item, &field)
    } else {
        pointer_push(&pointer_push(&item, "additionalOperations"), &operation.method)
    }
}

struct Render<'a> {
    api: &'a Api,
}

impl Render<'_> {
    fn operation(&self, operation: &ir::Operation) -> OperationModel {
        let group = &self.api.groups[operation.group.0];
        OperationModel {
            type_name: operation.type_name.clone(),
            fn_name: operation.fn_name.clone(),
            error_name: operation.error_name.clone(),
            module: group.module.clone(),
            method: operation.method.as_str().to_owned(),
            path: operation.path_template.clone(),
            deprecated: operation.deprecated,
            doc: doc_digest([operation.summary.as_ref(), operation.description.as_ref()]),
            params: operation.params.iter().map(|param| self.param(param)).collect(),
            body: operation.body.as_ref().map(|body| BodyModel {
                media_type: body.media_type.clone(),
                ty: self.body(&body.kind),
                required: body.required,
                doc: doc_digest([body.doc.as_ref()]),
            }),
            success: self.success(&operation.success),
            errors: operation
                .errors
                .iter()
                .map(|error| ErrorModel {
                    status: status_text(error.status),
                    variant: error.variant.clone(),
                    ty: self.body(&error.kind),
                    doc: doc_digest([error.doc.as_ref()]),
                })
                .collect(),
        }
    }

    fn param(&self, param: &ir::Param) -> ParamModel {
        let rules = &param.rules;
        let bound = |bound: &Option<ir::Bound>| bound.map(|b| BoundModel { value: b.value, exclusive: b.exclusive });
        ParamModel {
            wire_name: param.wire_name.clone(),
            name: param.name.clone(),
            location: match param.location {
                ParamLocation::Path => "path",
                ParamLocation::Query => "query",
                ParamLocation::Header => "header",
            }
            .to_owned(),
            required: param.required,
            ty: self.param_type(&param.ty),
            rules: RulesModel {
                pattern: rules.pattern.map(|id| self.api.patterns[id.0].source.clone()),
                min_length: rules.min_length,
                max_length: rules.max_length,
                minimum: bound(&rules.minimum),
                maximum: bound(&rules.maximum),
                multiple_of: rules.multiple_of,
                allowed: rules.allowed.clone(),
                min_items: rules.min_items,
                max_items: rules.max_items,
            },
            default: param.default.clone(),
            deprecated: param.deprecated,
            doc: doc_digest([param.doc.as_ref()]),
        }
    }

    fn success(&self, success: &ir::Success) -> SuccessModel {
        let alternatives = success.alternatives.as_ref();
        let ty = match (alternatives.and_then(|a| a.body_enum.as_ref()), &success.by_status) {
            (Some(body_enum), _) => body_enum.clone(),
            (None, Some(by_status)) => by_status.enum_name.clone(),
            (None, None) => self.body(&success.kind),
        };
        SuccessModel {
            statuses: success.statuses.clone(),
            media_type: success.media_type.clone(),
            ty,
            media_enum: alternatives.map(|a| a.media_enum.clone()),
            media: alternatives
                .map(|a| {
                    a.bodies
                        .iter()
                        .map(|body| MediaModel {
                            media_type: body.media_type.clone(),
                            variant: body.variant.clone(),
                            ty: self.body(&body.kind),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            items: success.items.as_ref().map(|items| match items.framing {
                ir::ItemFraming::EventStream => format!("Event<{}>", self.type_ref(&items.item)),
                ir::ItemFraming::JsonLines | ir::ItemFraming::JsonSeq => self.type_ref(&items.item),
            }),
            doc: doc_digest([success.doc.as_ref()]),
        }
    }

    fn named_type(&self, ty: &ir::NamedType) -> TypeModel {
        let shape = match &ty.kind {
            TypeKind::Struct(structure) => Shape::Struct {
                fields: structure
                    .fields
                    .iter()
                    .map(|field| {
                        let mut rust = self.type_ref(&field.ty);
                        if field.boxed {
                            rust = format!("Box<{rust}>");
                        }
                        if field.is_three_state() {
                            rust = format!("Nullable<{rust}>");
                        } else if field.is_optional() {
                            rust = format!("Option<{rust}>");
                        }
                        FieldModel {
                            name: field.name.clone(),
                            wire_name: field.wire_name.clone(),
                            ty: rust,
                            required: !field.is_optional(),
                            deprecated: field.deprecated,
                            doc: doc_digest([field.doc.as_ref()]),
                        }
                    })
                    .collect(),
                additional: structure.additional.as_ref().map(|ty| self.type_ref(ty)),
            },
            TypeKind::Enum(enumeration) => Shape::Enum {
                variants: enumeration
                    .variants
                    .iter()
                    .map(|v| VariantModel { name: v.name.clone(), value: v.value.clone() })
                    .collect(),
            },
            TypeKind::Union(union) => Shape::Union {
                variants: union
                    .variants
                    .iter()
                    .map(|v| {
                        let ty = self.type_ref(&v.ty);
                        MemberModel {
                            name: v.name.clone(),
                            ty: if v.boxed { format!("Box<{ty}>") } else { ty },
                            tags: v.tags.clone(),
                        }
                    })
                    .collect(),
            },
            TypeKind::Alias(target) => Shape::Alias { ty: self.type_ref(target) },
            TypeKind::Newtype { ty, boxed } => {
                let rust = self.type_ref(ty);
                Shape::Newtype { ty: if *boxed { format!("Box<{rust}>") } else { rust } }
            }
        };
        TypeModel { pointer: ty.origin.clone(), doc: doc_digest([ty.doc.as_ref()]), shape }
    }

    fn body(&self, kind: &BodyKind) -> String {
        match kind {
            BodyKind::Json(ty) => self.type_ref(ty),
            BodyKind::Bytes => "Vec<u8>".to_owned(),
            BodyKind::Empty => "()".to_owned(),
        }
    }

    fn type_ref(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::Bool => "bool".to_owned(),
            TypeRef::Integer(width) => int(*width).to_owned(),
            TypeRef::Number(width) => float(*width).to_owned(),
            TypeRef::String => "String".to_owned(),
            TypeRef::DateTime => "DateTime<Utc>".to_owned(),
            TypeRef::Date => "NaiveDate".to_owned(),
            TypeRef::Named(id) => self.api.types[id.0].name.clone(),
            TypeRef::List(inner) => format!("Vec<{}>", self.type_ref(inner)),
            TypeRef::Map(inner) => format!("BTreeMap<String, {}>", self.type_ref(inner)),
            TypeRef::Json => "Value".to_owned(),
            TypeRef::JsonObject => "Map<String, Value>".to_owned(),
            TypeRef::External(path) => path.clone(),
        }
    }

    fn param_type(&self, ty: &ParamType) -> String {
        match ty {
            ParamType::String => "String".to_owned(),
            ParamType::Bool => "bool".to_owned(),
            ParamType::Integer(width) => int(*width).to_owned(),
            ParamType::Number(width) => float(*width).to_owned(),
            ParamType::Enum(id) => self.api.types[id.0].name.clone(),
            ParamType::List(inner) => format!("Vec<{}>", self.param_type(inner)),
            ParamType::Object(ty) => self.type_ref(ty),
        }
    }
}

fn int(width: IntWidth) -> &'static str {
    match width {
        IntWidth::I32 => "i32",
        IntWidth::I64 => "i64",
    }
}

fn float(width: FloatWidth) -> &'static str {
    match width {
        FloatWidth::F32 => "f32",
        FloatWidth::F64 => "f64",
    }
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Code(code) => code.to_string(),
        StatusMatch::Range(hundreds) => format!("{hundreds}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}
