//! Lowering schemas to named types and type references: following `$ref`s to components,
//! typing inline schemas (scalars, lists, maps, JSON, with a cap on nesting depth), and
//! choosing how a named type's schema is lowered. The kinds of named type are lowered in the
//! submodules: `object` (structs), `merge` (allOf and other merges into one struct),
//! `string_enum` and `union` (oneOf/anyOf, discriminators).

mod merge;
mod object;
mod string_enum;
mod union;

use openapiv3::{AdditionalProperties, Schema};

use super::view::SchemaView;
use super::{Lowering, SchemaRef};
use crate::diagnostics::SpecError;
use crate::ir::{FloatWidth, IntWidth, TypeKind, TypeRef};

pub(crate) use merge::Merge;
use object::collect_properties;
use union::Variants;

/// Inline nesting deeper than this (arrays of arrays of ...) is represented as JSON.
const MAX_INLINE_DEPTH: usize = 32;

/// A resolved schema and the pointer it lives at.
pub(crate) struct Resolved<'a> {
    pub schema: &'a Schema,
    pub pointer: String,
    /// The component name, when reached through a `$ref`.
    pub component: Option<&'a str>,
}

impl<'a> Lowering<'a> {
    /// Resolves a schema reference to the schema it names (following chains of `$ref`).
    pub(crate) fn resolve_schema(&self, schema: SchemaRef<'a>, pointer: &str) -> Result<Resolved<'a>, SpecError> {
        match schema {
            SchemaRef::Inline(schema) => Ok(Resolved { schema, pointer: pointer.to_owned(), component: None }),
            SchemaRef::Ref(reference) => {
                let target = self.follow::<Schema>(reference, pointer)?;
                Ok(Resolved { schema: target.item, pointer: target.pointer, component: Some(target.name) })
            }
        }
    }

    /// The component name in `#/components/schemas/Name`.
    pub(crate) fn schema_ref_name<'r>(&self, reference: &'r str, pointer: &str) -> Result<&'r str, SpecError> {
        self.component_ref_name(reference, "schemas", "a schema", pointer)
    }

    /// The type of a reference to the component schema `name`: the user's type when it is
    /// replaced, else its model (allocated and queued on first use).
    pub(crate) fn component_ref(&mut self, name: &str, pointer: &str) -> Result<TypeRef, SpecError> {
        match self.replaced.get(name) {
            Some(path) => Ok(TypeRef::External(path.clone())),
            None => Ok(TypeRef::Named(self.component_type(name, pointer)?)),
        }
    }

    /// The Rust type for a schema used as a field, item, parameter or body.
    pub(crate) fn type_ref(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        name_hint: &str,
    ) -> Result<TypeRef, SpecError> {
        self.type_ref_at_depth(schema, pointer, name_hint, 0)
    }

    fn type_ref_at_depth(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &str,
        name_hint: &str,
        depth: usize,
    ) -> Result<TypeRef, SpecError> {
        match schema {
            SchemaRef::Ref(reference) => {
                let name = self.schema_ref_name(reference, pointer)?;
                self.component_ref(name, pointer)
            }
            SchemaRef::Inline(schema) => self.inline_type(schema, pointer, name_hint, depth),
        }
    }

    fn inline_type(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        name_hint: &str,
        depth: usize,
    ) -> Result<TypeRef, SpecError> {
        if depth > MAX_INLINE_DEPTH {
            self.warn(pointer, "schema nesting is too deep to type; represented as serde_json::Value");
            return Ok(TypeRef::Json);
        }
        if let Some(path) = self.replacement_of(schema, pointer)? {
            return Ok(TypeRef::External(path));
        }
        let view = SchemaView::of(schema);
        let has_properties = view.properties.is_some_and(|p| !p.is_empty());
        if !has_properties {
            // A composition of a single schema (often `allOf: [$ref]` to attach a description)
            // is that schema.
            let single = match (view.all_of, view.one_of, view.any_of) {
                ([only], [], []) | ([], [only], []) | ([], [], [only]) => Some(only),
                _ => None,
            };
            if let Some(only) = single {
                let key = if view.all_of.len() == 1 {
                    "allOf/0"
                } else if view.one_of.len() == 1 {
                    "oneOf/0"
                } else {
                    "anyOf/0"
                };
                let member_pointer = format!("{pointer}/{key}");
                return self.type_ref_at_depth(SchemaRef::from(only), &member_pointer, name_hint, depth + 1);
            }
        }
        if needs_named_type(&view) {
            return Ok(TypeRef::Named(self.inline_named_type(name_hint, schema, pointer)?));
        }
        self.unnamed_type(&view, pointer, name_hint, depth)
    }

    /// Types that need no item of their own: primitives, lists, maps, JSON.
    fn unnamed_type(
        &mut self,
        view: &SchemaView<'a>,
        pointer: &str,
        name_hint: &str,
        depth: usize,
    ) -> Result<TypeRef, SpecError> {
        if view.has_not {
            self.warn(pointer, "`not` cannot be expressed as a Rust type; represented as serde_json::Value");
            return Ok(TypeRef::Json);
        }
        if let Some(keyword) = view.empty_composition {
            self.warn(
                pointer,
                format!(
                    "`{keyword}` has no members (JSON Schema requires one or more); represented as serde_json::Value"
                ),
            );
            return Ok(TypeRef::Json);
        }
        let format = view.format.as_deref();
        Ok(match view.ty {
            Some("string") => match format {
                Some("date-time") => TypeRef::DateTime,
                Some("date") => TypeRef::Date,
                _ => TypeRef::String,
            },
            Some("integer") => match format {
                Some("int32") => TypeRef::Integer(IntWidth::I32),
                _ => TypeRef::Integer(IntWidth::I64),
            },
            Some("number") => match format {
                Some("float") => TypeRef::Number(FloatWidth::F32),
                _ => TypeRef::Number(FloatWidth::F64),
            },
            Some("boolean") => TypeRef::Bool,
            Some("array") => {
                let item_pointer = format!("{pointer}/items");
                match view.items {
                    Some(items) => TypeRef::List(Box::new(self.type_ref_at_depth(
                        SchemaRef::from(items),
                        &item_pointer,
                        &format!("{name_hint}Item"),
                        depth + 1,
                    )?)),
                    None => TypeRef::List(Box::new(TypeRef::Json)),
                }
            }
            Some("object") | None if view.additional.is_some() || view.ty == Some("object") => match view.additional {
                Some(AdditionalProperties::Schema(value)) => TypeRef::Map(Box::new(self.type_ref_at_depth(
                    SchemaRef::from(&**value),
                    &format!("{pointer}/additionalProperties"),
                    &format!("{name_hint}Value"),
                    depth + 1,
                )?)),
                _ => TypeRef::JsonObject,
            },
            None => TypeRef::Json,
            Some(other) => {
                self.warn(pointer, format!("unknown type `{other}`; represented as serde_json::Value"));
                TypeRef::Json
            }
        })
    }

    /// Lowers a named type's schema (a component or an inline object, enum or union).
    pub(crate) fn lower_named(
        &mut self,
        name: &str,
        schema: SchemaRef<'a>,
        pointer: &str,
    ) -> Result<(Option<String>, TypeKind), SpecError> {
        let schema = match schema {
            SchemaRef::Ref(reference) => {
                // A component that is only a $ref: an alias of the target.
                let target = self.schema_ref_name(reference, pointer)?;
                self.resolve_schema(SchemaRef::Ref(reference), pointer)?;
                return Ok((None, TypeKind::Alias(self.component_ref(target, pointer)?)));
            }
            SchemaRef::Inline(schema) => schema,
        };
        let view = SchemaView::of(schema);
        let doc = view.data.description.clone().or_else(|| view.data.title.clone());
        let kind = if !view.all_of.is_empty() {
            self.lower_all_of(name, schema, pointer)?
        } else if !view.one_of.is_empty() || !view.any_of.is_empty() {
            let merge = if view.properties.is_some_and(|p| !p.is_empty()) && view.data.discriminator.is_none() {
                Merge::Beside { union: schema, union_pointer: pointer.to_owned() }
            } else {
                Merge::None
            };
            match self.string_enum_union(&view, pointer)? {
                Some(merged) => TypeKind::Enum(merged),
                None => self.lower_union(name, &view, pointer, Variants::Own(merge))?,
            }
        } else if view.ty.is_none_or(|t| t == "string") && !view.string_enum.is_empty() {
            TypeKind::Enum(self.lower_enum(&view, pointer)?)
        } else if view.is_object() && view.properties.is_some_and(|p| !p.is_empty()) {
            let properties = collect_properties(view.properties, pointer);
            TypeKind::Struct(self.lower_struct(name, &properties, view.required, view.additional, pointer)?)
        } else {
            TypeKind::Alias(self.unnamed_type(&view, pointer, name, 0)?)
        };
        Ok((doc, kind))
    }
}

/// Whether an inline schema needs an item of its own.
fn needs_named_type(view: &SchemaView<'_>) -> bool {
    (view.ty.is_none_or(|t| t == "string") && !view.string_enum.is_empty())
        || view.properties.is_some_and(|p| !p.is_empty())
        || !view.all_of.is_empty()
        || !view.one_of.is_empty()
        || !view.any_of.is_empty()
}
