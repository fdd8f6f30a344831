//! Lowering objects to structs: each property's field (its Rust name, type and setters) and
//! typed additional properties. Claiming a field's name is shared with parameters.

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{Field, Struct, TypeRef};
use crate::lower::view::Properties;
use crate::lower::{Lowering, SchemaRef};
use crate::naming::{self, Namespace};

impl<'a> Lowering<'a> {
    /// Whether a property's or parameter's values are secrets: a string the spec marks
    /// `format: password` (without an `enum`: listed values are public), or a list or map (of
    /// lists or maps) of them, followed through `$ref`.
    pub(crate) fn is_secret(&self, schema: &'a Schema, pointer: &str, depth: usize) -> Result<bool, SpecError> {
        // A list whose items are the list itself is not a secret, and must not loop.
        const MAX_NESTING: usize = 8;
        let inner = match &schema.schema_kind {
            SchemaKind::Type(Type::String(StringType {
                format: VariantOrUnknownOrEmpty::Item(StringFormat::Password),
                enumeration,
                ..
            })) => return Ok(enumeration.is_empty()),
            _ if depth >= MAX_NESTING => return Ok(false),
            SchemaKind::Type(Type::Array(array)) => array.items.as_ref().map(|items| (SchemaRef::from(items), "items")),
            SchemaKind::Type(Type::Object(object)) if object.properties.is_empty() => {
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        Some((SchemaRef::from(&**values), "additionalProperties"))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        let Some((inner, key)) = inner else { return Ok(false) };
        let inner = self.resolve_schema(inner, &format!("{pointer}/{key}"))?;
        self.is_secret(inner.schema, &inner.pointer, depth + 1)
    }

    /// Claims a field or parameter name in `namespace`: from `given` (an `x-rust-name` of the
    /// node at `pointer`) when there is one, else from `wire_name`. Casing a given name, or a
    /// collision, is a warning (at the extension when there is one); `what` and `item` say
    /// what the node and its Rust item are (`property`, `field`).
    pub(crate) fn claim_value_name(
        &mut self,
        namespace: &mut Namespace,
        given: Option<&str>,
        wire_name: &str,
        pointer: &str,
        what: &str,
        item: &str,
    ) -> String {
        let Some(given) = given else {
            let base = naming::snake_ident(wire_name);
            let name = namespace.claim(&base);
            if name != base {
                self.warn(
                    pointer,
                    format!("{what} `{wire_name}` collides with another in Rust; its {item} is `{name}`"),
                );
            }
            return name;
        };
        let at = pointer_push(pointer, naming::RUST_NAME_EXTENSION);
        let (base, recased) = naming::given_value_name(given);
        if recased {
            self.warn(&at, format!("`x-rust-name` `{given}` is not a snake_case name; the {item} is `{base}`"));
        }
        let name = namespace.claim(&base);
        if name != base {
            self.warn(
                &at,
                format!("`x-rust-name` `{given}` collides with another name in Rust; the {item} is `{name}`"),
            );
        }
        name
    }

    pub(super) fn lower_struct(
        &mut self,
        type_name: &str,
        properties: &[(String, &'a ReferenceOr<Box<Schema>>, String)],
        required: &[String],
        additional: Option<&'a AdditionalProperties>,
        pointer: &str,
    ) -> Result<Struct, SpecError> {
        let mut namespace = Namespace::default();
        let mut setters = Namespace::for_model_methods();
        let mut fields = Vec::with_capacity(properties.len());
        for (wire_name, property, property_pointer) in properties {
            let given = match property {
                ReferenceOr::Item(schema) => self.given_name(&schema.schema_data.extensions, property_pointer)?,
                ReferenceOr::Reference { .. } => None,
            };
            let name = self.claim_value_name(&mut namespace, given, wire_name, property_pointer, "property", "field");
            // A property merged in from another component (an allOf base) is named after that
            // component, not after whichever subtype happens to be lowered first: the shared
            // inline type is then named the same whatever other subtypes the spec has.
            let owner = self.merged_property_owner(property_pointer, pointer).unwrap_or(type_name);
            let hint = naming::property_type_name(owner, given.unwrap_or(wire_name));
            self.property_schema = match property {
                ReferenceOr::Item(schema) => Some(&**schema as *const Schema),
                ReferenceOr::Reference { .. } => None,
            };
            let ty = self.type_ref(SchemaRef::from(*property), property_pointer, &hint);
            self.property_schema = None;
            let ty = ty?;
            let resolved = self.resolve_schema(SchemaRef::from(*property), property_pointer)?;
            let data = match property {
                ReferenceOr::Item(schema) => &schema.schema_data,
                ReferenceOr::Reference { .. } => &resolved.schema.schema_data,
            };
            let is_required = required.contains(wire_name);
            let optional = !is_required || data.nullable;
            let setter = optional.then(|| naming::field_setter_name(&name, &mut setters));
            let null_setter =
                (!is_required && data.nullable).then(|| naming::field_null_setter_name(&name, &mut setters));
            let secret = redactable(&ty) && self.is_secret(resolved.schema, &resolved.pointer, 0)?;
            fields.push(Field {
                name,
                wire_name: wire_name.clone(),
                doc: data.description.clone().or_else(|| data.title.clone()),
                ty,
                required: is_required,
                nullable: data.nullable,
                read_only: data.read_only,
                write_only: data.write_only,
                secret,
                deprecated: data.deprecated,
                boxed: false,
                setter,
                null_setter,
            });
        }
        let additional = match additional {
            Some(AdditionalProperties::Schema(value)) => {
                namespace.claim("additional_properties");
                Some(self.type_ref(
                    SchemaRef::from(&**value),
                    &format!("{pointer}/additionalProperties"),
                    &format!("{type_name}Value"),
                )?)
            }
            _ => None,
        };
        Ok(Struct { fields, additional })
    }
}

pub(super) fn collect_properties<'a>(
    properties: Option<&'a Properties>,
    pointer: &str,
) -> Vec<(String, &'a ReferenceOr<Box<Schema>>, String)> {
    let base = format!("{pointer}/properties");
    properties.into_iter().flatten().map(|(name, schema)| (name.clone(), schema, pointer_push(&base, name))).collect()
}

/// Whether the runtime's `Redacted` can show a field of this type: a string (or an alias of
/// one), or a list or map of them; not the user's own type that replaces a schema.
fn redactable(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String | TypeRef::Named(_) => true,
        TypeRef::List(inner) | TypeRef::Map(inner) => redactable(inner),
        _ => false,
    }
}
