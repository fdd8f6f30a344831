//! Example values for IR types, written as Rust source: what rustdoc examples (doctests) put
//! in a call so that it compiles. A value is the simplest one of its type (`true`, `1`,
//! `"example".to_owned()`, an empty list, the first enum variant, a model built with its
//! constructor); a type that cannot be built in finitely many steps has no example.
//!
//! The code is text, not tokens: it goes into doc comments, which are not formatted.

use super::{ExternalCrate, RuntimeSource};
use crate::ir::{Api, FloatWidth, IntWidth, Struct, TypeId, TypeKind, TypeRef};

/// The fence that opens an example.
pub const EXAMPLE_FENCE: &str = " ```rust";

/// The fence that opens an example of a whole call: compiled but not run, since it would
/// need the API's server.
pub const CALL_EXAMPLE_FENCE: &str = " ```rust,no_run";

/// The fence of an example that is shown but not compiled, in code without doctests (see
/// [`super::EmitOptions::doctests`]).
pub const IGNORED_EXAMPLE_FENCE: &str = " ```rust,ignore";

/// How deep examples nest constructors before giving up: deeper ones would not be "short".
const MAX_DEPTH: usize = 4;

/// Writes example values for the types of one API; `models` is the path of the models
/// module in the example (`models::`), and `runtime` decides how other crates are named.
pub struct ExampleWriter<'a> {
    api: &'a Api,
    models: &'a str,
    runtime: RuntimeSource,
}

impl<'a> ExampleWriter<'a> {
    pub fn new(api: &'a Api, models: &'a str, runtime: RuntimeSource) -> Self {
        ExampleWriter { api, models, runtime }
    }

    /// An expression of type `ty`, or `None` when the type cannot be built (a containment
    /// cycle through required fields) or only deeply.
    pub fn value(&self, ty: &TypeRef) -> Option<String> {
        self.value_in(ty, &mut Vec::new())
    }

    /// `models::Name::new(arguments)`: a model built with its required fields only.
    pub fn constructor_call(&self, id: TypeId) -> Option<String> {
        let TypeKind::Struct(s) = &self.api.types[id.0].kind else { return None };
        self.struct_value(id, s, &mut vec![id])
    }

    /// The arguments of a model's `new`, one expression per required field.
    pub fn constructor_arguments(&self, id: TypeId) -> Option<Vec<String>> {
        let TypeKind::Struct(s) = &self.api.types[id.0].kind else { return None };
        self.arguments(s, &mut vec![id])
    }

    fn value_in(&self, ty: &TypeRef, stack: &mut Vec<TypeId>) -> Option<String> {
        Some(match ty {
            TypeRef::Bool => "true".to_owned(),
            TypeRef::Integer(IntWidth::I32 | IntWidth::I64) => "1".to_owned(),
            TypeRef::Number(FloatWidth::F32 | FloatWidth::F64) => "1.0".to_owned(),
            TypeRef::String => "\"example\".to_owned()".to_owned(),
            TypeRef::DateTime => {
                let chrono = self.runtime.external_text(ExternalCrate::Chrono);
                format!("{chrono}::DateTime::<{chrono}::Utc>::default()")
            }
            TypeRef::Date => format!("{}::NaiveDate::default()", self.runtime.external_text(ExternalCrate::Chrono)),
            TypeRef::List(_) => "Vec::new()".to_owned(),
            TypeRef::Map(_) => "std::collections::BTreeMap::new()".to_owned(),
            TypeRef::Json => format!("{}::Value::Null", self.runtime.external_text(ExternalCrate::SerdeJson)),
            TypeRef::JsonObject => format!("{}::Map::new()", self.runtime.external_text(ExternalCrate::SerdeJson)),
            // The user's type: nothing here knows how to build one.
            TypeRef::External(_) => return None,
            TypeRef::Named(id) => {
                if stack.contains(id) || stack.len() >= MAX_DEPTH {
                    return None;
                }
                stack.push(*id);
                let value = self.named_value(*id, stack);
                stack.pop();
                return value;
            }
        })
    }

    fn named_value(&self, id: TypeId, stack: &mut Vec<TypeId>) -> Option<String> {
        let named = &self.api.types[id.0];
        let path = format!("{}{}", self.models, named.name);
        match &named.kind {
            TypeKind::Struct(s) => self.struct_value(id, s, stack),
            TypeKind::Enum(e) => Some(match e.variants.first() {
                Some(variant) => format!("{path}::{}", variant.name),
                None => format!("{path}::{}(\"example\".to_owned())", e.unknown_variant),
            }),
            TypeKind::Union(u) => {
                let first = u.variants.iter().find_map(|variant| {
                    let value = self.value_in(&variant.ty, stack)?;
                    let value = if variant.boxed { format!("Box::new({value})") } else { value };
                    Some(format!("{path}::{}({value})", variant.name))
                });
                Some(first.unwrap_or_else(|| {
                    let serde_json = self.runtime.external_text(ExternalCrate::SerdeJson);
                    format!("{path}::{}({serde_json}::Value::Null)", u.fallback_variant)
                }))
            }
            TypeKind::Alias(ty) => self.value_in(ty, stack),
            TypeKind::Newtype { ty, boxed } => {
                let value = self.value_in(ty, stack)?;
                Some(if *boxed { format!("{path}(Box::new({value}))") } else { format!("{path}({value})") })
            }
        }
    }

    fn struct_value(&self, id: TypeId, s: &Struct, stack: &mut Vec<TypeId>) -> Option<String> {
        let arguments = self.arguments(s, stack)?;
        Some(format!("{}{}::new({})", self.models, self.api.types[id.0].name, arguments.join(", ")))
    }

    fn arguments(&self, s: &Struct, stack: &mut Vec<TypeId>) -> Option<Vec<String>> {
        s.fields.iter().filter(|field| !field.is_optional()).map(|field| self.value_in(&field.ty, stack)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumVariant, Field, Gate, NamedType, StringEnum};

    fn field(name: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            name: name.to_owned(),
            wire_name: name.to_owned(),
            doc: None,
            ty,
            required,
            nullable: false,
            read_only: false,
            write_only: false,
            secret: false,
            deprecated: false,
            boxed: false,
            setter: (!required).then(|| name.to_owned()),
            null_setter: None,
        }
    }

    fn api(types: Vec<(&str, TypeKind)>) -> Api {
        Api {
            title: "T".to_owned(),
            version: "1".to_owned(),
            description: None,
            base_url: None,
            types: types
                .into_iter()
                .map(|(name, kind)| NamedType {
                    name: name.to_owned(),
                    doc: None,
                    origin: String::new(),
                    kind,
                    gate: Gate::Always,
                })
                .collect(),
            operations: Vec::new(),
            common_error: None,
            replacements: Vec::new(),
            unreached_feature: String::new(),
            patterns: Vec::new(),
            security: Vec::new(),
            groups: Vec::new(),
            parent_features: Vec::new(),
        }
    }

    #[test]
    fn models_are_built_with_their_required_fields() {
        let kind = StringEnum {
            variants: vec![EnumVariant {
                name: "Automated".to_owned(),
                value: "automated".to_owned(),
                sources: Vec::new(),
            }],
            unknown_variant: "Unknown".to_owned(),
            alias_of: None,
        };
        let job = Struct {
            fields: vec![
                field("delivery_type", TypeRef::Named(TypeId(1)), true),
                field("snapshot_id", TypeRef::String, false),
                field("size", TypeRef::Integer(IntWidth::I64), true),
                field("links", TypeRef::List(Box::new(TypeRef::String)), true),
            ],
            additional: None,
        };
        let api = api(vec![("Job", TypeKind::Struct(job)), ("Kind", TypeKind::Enum(kind))]);
        let writer = ExampleWriter::new(&api, "models::", RuntimeSource::Vendored);
        assert_eq!(
            writer.constructor_call(TypeId(0)).as_deref(),
            Some("models::Job::new(models::Kind::Automated, 1, Vec::new())")
        );
        assert_eq!(writer.value(&TypeRef::Named(TypeId(1))).as_deref(), Some("models::Kind::Automated"));
    }

    #[test]
    fn a_model_that_requires_itself_has_no_example() {
        let mut looped = field("next", TypeRef::Named(TypeId(0)), true);
        looped.boxed = true;
        let required = api(vec![("Node", TypeKind::Struct(Struct { fields: vec![looped], additional: None }))]);
        assert_eq!(
            ExampleWriter::new(&required, "models::", RuntimeSource::Vendored).constructor_call(TypeId(0)),
            None
        );
        // Behind an optional field the same type is fine.
        let optional = field("next", TypeRef::Named(TypeId(0)), false);
        let optional = api(vec![("Node", TypeKind::Struct(Struct { fields: vec![optional], additional: None }))]);
        assert_eq!(
            ExampleWriter::new(&optional, "models::", RuntimeSource::Vendored).constructor_call(TypeId(0)).as_deref(),
            Some("models::Node::new()")
        );
    }
}
