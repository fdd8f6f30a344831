//! Merging schemas into one struct: the members of an `allOf` (nested allOfs and `$ref`s
//! expanded from a work list, cycles refused), a union variant with the properties written
//! beside the union's members, and an `allOf` distributed over its `oneOf` member.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::Variants;
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{TypeKind, TypeRef};
use crate::lower::view::SchemaView;
use crate::lower::{Lowering, SchemaRef};

/// How a union variant's type is built from more than its own schema.
#[derive(Clone)]
pub(crate) enum Merge<'a> {
    /// The schema alone.
    None,
    /// A variant of a union that has properties beside its `oneOf`/`anyOf` (`union`, at
    /// `union_pointer`): the variant with those properties merged in.
    Beside { union: &'a Schema, union_pointer: String },
    /// One alternative of an `allOf` whose member `holder` is a `oneOf`: the `allOf` with
    /// `holder` replaced by its member `variant`, i.e. allOf(A, oneOf[B, C]) is
    /// oneOf[allOf(A, B), allOf(A, C)].
    Distribute { holder: &'a Schema, variant: SchemaRef<'a>, variant_pointer: String },
}

/// One step of merging `allOf` members into a struct.
enum Step<'a> {
    /// Merge a member (expanding it if it is itself an allOf).
    Merge(SchemaRef<'a>, String),
    /// Merge only the properties written beside an allOf's or a union's members.
    Own(&'a Schema, String),
    /// Done expanding the innermost component.
    Leave,
}

impl<'a> Lowering<'a> {
    /// Merges the members of an `allOf` into one struct. Nested `allOf`s and `$ref`s are
    /// expanded from a work list; a member that refers back to one being expanded is a cycle.
    pub(super) fn lower_all_of(
        &mut self,
        name: &str,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<TypeKind, SpecError> {
        let steps = vec![Step::Merge(SchemaRef::Inline(schema), pointer.to_owned())];
        self.merge_members(name, steps, Some(schema), None, pointer)
    }

    /// Lowers a union variant built from more than its own schema.
    pub(crate) fn lower_merged(
        &mut self,
        name: &str,
        schema: SchemaRef<'a>,
        pointer: &str,
        merge: Merge<'a>,
    ) -> Result<(Option<String>, TypeKind), SpecError> {
        let resolved = self.resolve_schema(schema, pointer)?;
        let data = &resolved.schema.schema_data;
        let doc = data.description.clone().or_else(|| data.title.clone());
        let kind = match merge {
            Merge::None => return self.lower_named(name, schema, pointer),
            Merge::Beside { union, union_pointer } => {
                // LIFO: the variant is merged first, then the union's own properties.
                let steps = vec![Step::Own(union, union_pointer), Step::Merge(schema, pointer.to_owned())];
                self.merge_members(name, steps, None, None, pointer)?
            }
            Merge::Distribute { holder, variant, variant_pointer } => {
                let steps = vec![Step::Merge(schema, pointer.to_owned())];
                self.merge_members(name, steps, None, Some((holder, variant, variant_pointer)), pointer)?
            }
        };
        Ok((doc, kind))
    }

    /// Merges `steps` into one struct. `all_of` is the allOf schema being lowered, which may
    /// become a union when a member is a `oneOf`; `substitute` replaces such a member by one
    /// of its variants.
    fn merge_members(
        &mut self,
        name: &str,
        mut stack: Vec<Step<'a>>,
        all_of: Option<&'a Schema>,
        substitute: Option<(&'a Schema, SchemaRef<'a>, String)>,
        pointer: &str,
    ) -> Result<TypeKind, SpecError> {
        let mut properties: IndexMap<String, (&'a ReferenceOr<Box<Schema>>, String)> = IndexMap::new();
        let mut required: Vec<String> = Vec::new();
        let mut additional = None;
        let mut non_object: Vec<(SchemaRef<'a>, String)> = Vec::new();
        let mut expanding: Vec<&'a str> = Vec::new();
        let mut substituted = false;
        // The component this merge builds, when it is one.
        let outer = match stack.last() {
            Some(Step::Merge(SchemaRef::Ref(reference), pointer)) => self.schema_ref_name(reference, pointer).ok(),
            _ => None,
        };
        while let Some(step) = stack.pop() {
            let (member, member_pointer) = match step {
                Step::Leave => {
                    expanding.pop();
                    continue;
                }
                Step::Own(own, own_pointer) => {
                    let view = SchemaView::of(own);
                    merge_object(&view, &own_pointer, &mut properties, &mut required, &mut additional);
                    continue;
                }
                Step::Merge(member, member_pointer) => (member, member_pointer),
            };
            let resolved = self.resolve_schema(member, &member_pointer)?;
            if let Some(component) = resolved.component {
                if expanding.contains(&component) {
                    return Err(self.error(
                        &member_pointer,
                        format!("allOf includes `{component}` inside itself; this cycle cannot be a type"),
                    ));
                }
            }
            let view = SchemaView::of(resolved.schema);
            if let Some((holder, variant, variant_pointer)) = &substitute {
                if std::ptr::eq(*holder, resolved.schema) && !substituted {
                    substituted = true;
                    merge_object(&view, &resolved.pointer, &mut properties, &mut required, &mut additional);
                    stack.push(Step::Merge(*variant, variant_pointer.clone()));
                    continue;
                }
            }
            if !view.one_of.is_empty() || !view.any_of.is_empty() {
                // A base that lists its subtypes, one of which is what is being merged here
                // (it includes the base through allOf): the subtype takes the base's
                // properties, and distributing would only lead back to the subtype.
                let refers_back = view.one_of.iter().chain(view.any_of).any(|m| {
                    self.resolve_schema(SchemaRef::from(m), &member_pointer).is_ok_and(|r| {
                        all_of.is_some_and(|a| std::ptr::eq(a, r.schema))
                            || r.component.is_some_and(|c| expanding.contains(&c) || Some(c) == outer)
                    })
                });
                if view.properties.is_some_and(|p| !p.is_empty()) || refers_back {
                    // A polymorphic base (properties, a discriminator and oneOf its subtypes,
                    // which include it through allOf): a subtype takes the base's properties.
                    merge_object(&view, &resolved.pointer, &mut properties, &mut required, &mut additional);
                    continue;
                }
                if let (Some(all_of), None) = (all_of, &substitute) {
                    let all_of_pointer = pointer.to_owned();
                    let variants = Variants::Distributed { all_of, all_of_pointer, holder: resolved.schema };
                    return self.lower_union(name, &view, &resolved.pointer, variants);
                }
                self.warn(
                    &member_pointer,
                    "allOf member with oneOf/anyOf cannot be merged into a struct; represented as serde_json::Value",
                );
                return Ok(TypeKind::Alias(TypeRef::Json));
            }
            if !view.all_of.is_empty() {
                if let Some(component) = resolved.component {
                    expanding.push(component);
                    stack.push(Step::Leave);
                }
                // Own properties come after the members; the stack is LIFO, so push them first.
                stack.push(Step::Own(resolved.schema, resolved.pointer.clone()));
                for (index, member) in view.all_of.iter().enumerate().rev() {
                    let member_pointer = format!("{}/allOf/{index}", resolved.pointer);
                    stack.push(Step::Merge(SchemaRef::from(member), member_pointer));
                }
                continue;
            }
            if view.is_object() || !view.required.is_empty() {
                merge_object(&view, &resolved.pointer, &mut properties, &mut required, &mut additional);
            } else if view.ty.is_some() || !view.string_enum.is_empty() {
                non_object.push((member, member_pointer));
            }
        }
        if properties.is_empty() && additional.is_none() {
            if let [(member, member_pointer)] = non_object.as_slice() {
                return Ok(TypeKind::Alias(self.type_ref(*member, member_pointer, name)?));
            }
        }
        if !non_object.is_empty() {
            self.warn(pointer, "allOf mixes objects with non-object schemas; only the object members are merged");
        }
        let properties: Vec<_> = properties.into_iter().map(|(k, (v, p))| (k, v, p)).collect();
        Ok(TypeKind::Struct(self.lower_struct(name, &properties, &required, additional, pointer)?))
    }
}

/// Adds an object schema's properties, required names and typed additional properties to an
/// allOf merge; later members override earlier ones.
fn merge_object<'a>(
    view: &SchemaView<'a>,
    pointer: &str,
    properties: &mut IndexMap<String, (&'a ReferenceOr<Box<Schema>>, String)>,
    required: &mut Vec<String>,
    additional: &mut Option<&'a AdditionalProperties>,
) {
    for (property_name, property) in view.properties.into_iter().flatten() {
        let property_pointer = pointer_push(&format!("{pointer}/properties"), property_name);
        properties.insert(property_name.clone(), (property, property_pointer));
    }
    for field in view.required {
        if !required.contains(field) {
            required.push(field.clone());
        }
    }
    if let Some(AdditionalProperties::Schema(_)) = view.additional {
        *additional = view.additional;
    }
}
