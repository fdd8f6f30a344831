//! Lowering `oneOf`/`anyOf` to unions: discriminator tags, variant names for members the
//! spec does not name, and the warning for untagged members no value tells apart.

use openapiv3::{ReferenceOr, Schema};

use super::Merge;
use crate::diagnostics::SpecError;
use crate::ir::{Discriminator, TypeKind, TypeRef, Union, UnionVariant};
use crate::lower::view::SchemaView;
use crate::lower::{Lowering, SchemaRef};
use crate::naming;

/// Where a union's variant types come from.
pub(super) enum Variants<'a> {
    /// The union's own members, merged as said.
    Own(Merge<'a>),
    /// The members of `holder`, a `oneOf` member of the allOf `all_of`: each variant is the
    /// allOf with `holder` replaced by one of them.
    Distributed { all_of: &'a Schema, all_of_pointer: String, holder: &'a Schema },
}

impl<'a> Lowering<'a> {
    pub(super) fn lower_union(
        &mut self,
        name: &str,
        view: &SchemaView<'a>,
        pointer: &str,
        variants_from: Variants<'a>,
    ) -> Result<TypeKind, SpecError> {
        let (members, keyword) = if view.one_of.is_empty() { (view.any_of, "anyOf") } else { (view.one_of, "oneOf") };
        let discriminator = view.data.discriminator.as_ref();
        let mut resolved_members = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{keyword}/{index}");
            let resolved = self.resolve_schema(SchemaRef::from(member), &member_pointer)?;
            let mut tags = Vec::new();
            if let Some(discriminator) = discriminator {
                for (tag, target) in &discriminator.mapping {
                    let target_name = target.rsplit('/').next().unwrap_or(target);
                    if Some(target_name) == resolved.component {
                        tags.push(tag.clone());
                    }
                }
                if tags.is_empty() {
                    match resolved.component {
                        Some(component) => tags.push(component.to_owned()),
                        None => self.warn(
                            &member_pointer,
                            "inline oneOf member has no discriminator value; it is never selected",
                        ),
                    }
                }
            }
            resolved_members.push((member, member_pointer, resolved, tags));
        }
        let views: Vec<SchemaView<'a>> = resolved_members.iter().map(|(_, _, r, _)| SchemaView::of(r.schema)).collect();
        let described: Vec<naming::UnionMember<'_>> = resolved_members
            .iter()
            .zip(&views)
            .map(|((_, _, resolved, tags), member_view)| naming::UnionMember {
                component: resolved.component,
                title: member_view.data.title.as_deref(),
                tag: tags.first().map(String::as_str),
                shape: self.member_shape(member_view),
            })
            .collect();
        let (names, fallback_variant) = naming::union_variant_names(&described);
        if discriminator.is_none() {
            self.warn_indistinguishable(&views, &names, pointer, keyword);
        }
        let mut variants = Vec::with_capacity(members.len());
        for (((member, member_pointer, _, tags), member_view), variant_name) in
            resolved_members.into_iter().zip(&views).zip(names)
        {
            let member_ref = SchemaRef::from(member);
            let hint = format!("{name}{variant_name}");
            let is_object = member_view.is_object() || !member_view.all_of.is_empty();
            let ty = match &variants_from {
                Variants::Own(merge @ Merge::Beside { .. }) if is_object => {
                    TypeRef::Named(self.merged_type(&hint, member_ref, &member_pointer, merge.clone()))
                }
                Variants::Own(_) => self.type_ref(member_ref, &member_pointer, &hint)?,
                Variants::Distributed { all_of, all_of_pointer, holder } => {
                    let all_of = *all_of;
                    let merge =
                        Merge::Distribute { holder, variant: member_ref, variant_pointer: member_pointer.clone() };
                    TypeRef::Named(self.merged_type(&hint, SchemaRef::Inline(all_of), all_of_pointer, merge))
                }
            };
            variants.push(UnionVariant { name: variant_name, ty, tags, boxed: false });
        }
        Ok(TypeKind::Union(Union {
            variants,
            discriminator: discriminator.map(|d| Discriminator { property: d.property_name.clone() }),
            fallback_variant,
        }))
    }

    /// What a union member is, for naming its variant when the spec does not.
    fn member_shape<'v>(&self, view: &'v SchemaView<'a>) -> naming::MemberShape<'v> {
        match view.ty {
            Some("string") => naming::MemberShape::String { format: view.format.as_deref(), values: &view.string_enum },
            None if !view.string_enum.is_empty() => {
                naming::MemberShape::String { format: None, values: &view.string_enum }
            }
            Some("integer") => naming::MemberShape::Integer,
            Some("number") => naming::MemberShape::Number,
            Some("boolean") => naming::MemberShape::Boolean,
            Some("array") => {
                let item = view.items.and_then(|items| match items {
                    ReferenceOr::Reference { reference } => {
                        self.schema_ref_name(reference, "").ok().map(naming::camel_ident)
                    }
                    ReferenceOr::Item(item) => {
                        let item_view = SchemaView::of(item);
                        item_view.ty.filter(|_| item_view.string_enum.is_empty()).map(naming::camel_ident)
                    }
                });
                naming::MemberShape::List { item }
            }
            _ if view.is_object() || view.properties.is_some() => naming::MemberShape::Object {
                required: view.required.iter().map(String::as_str).collect(),
                properties: view.properties.into_iter().flatten().map(|(name, _)| name.as_str()).collect(),
            },
            _ => naming::MemberShape::Other,
        }
    }

    /// Warns once when an untagged union has object members that no value tells apart: a
    /// value with only a later member's required properties also decodes exactly as an
    /// earlier member (whose required properties it has and which declares them all), which
    /// wins by spec order, so the later member is never decoded.
    fn warn_indistinguishable(&mut self, views: &[SchemaView<'a>], names: &[String], pointer: &str, keyword: &str) {
        let objects: Vec<(usize, &SchemaView<'a>)> =
            views.iter().enumerate().filter(|(_, view)| view.is_object() && view.all_of.is_empty()).collect();
        for (later_position, &(later, later_view)) in objects.iter().enumerate() {
            let shadowed_by = objects[..later_position].iter().find(|(_, earlier_view)| {
                let declares = |property: &String| earlier_view.properties.is_some_and(|p| p.contains_key(property));
                earlier_view.required.iter().all(|property| later_view.required.contains(property))
                    && later_view.required.iter().all(declares)
                    && !later_view
                        .required
                        .iter()
                        .any(|property| self.values_conflict(earlier_view, later_view, property))
            });
            if let Some((earlier, _)) = shadowed_by {
                let required = if later_view.required.is_empty() {
                    "no required properties".to_owned()
                } else {
                    format!("required properties {}", later_view.required.join(", "))
                };
                self.warn(
                    pointer,
                    format!(
                        "the members of this {keyword} cannot be told apart: a value of member {later} \
                         (`{}`, with {required}) also decodes exactly as member {earlier} (`{}`), which comes \
                         first and wins; a discriminator (or an overlay adding one) would tell them apart",
                        names[later], names[*earlier]
                    ),
                );
                return;
            }
        }
    }

    /// Whether `property` takes values in `later` that `earlier` refuses: both give it a
    /// type and they differ, or both list its string values (as an enum, or a union of
    /// enums) and no value is in both.
    fn values_conflict(&self, earlier: &SchemaView<'a>, later: &SchemaView<'a>, property: &str) -> bool {
        let property_schema = |view: &SchemaView<'a>| {
            let schema = view.properties?.get(property)?;
            self.resolve_schema(SchemaRef::from(schema), "").ok().map(|resolved| resolved.schema)
        };
        let (Some(earlier), Some(later)) = (property_schema(earlier), property_schema(later)) else { return false };
        let (earlier_view, later_view) = (SchemaView::of(earlier), SchemaView::of(later));
        // A union's members say what it takes, whatever `type` is written beside them (Atlas
        // writes `type: object` beside unions of string enums).
        let is_union = |view: &SchemaView<'_>| !view.one_of.is_empty() || !view.any_of.is_empty();
        if let (Some(a), Some(b)) = (earlier_view.ty, later_view.ty) {
            if a != b && !is_union(&earlier_view) && !is_union(&later_view) {
                return true;
            }
        }
        match (self.string_values(earlier), self.string_values(later)) {
            (Some(accepted), Some(given)) => !given.iter().any(|value| accepted.contains(value)),
            _ => false,
        }
    }

    /// The string values a schema allows, when it lists them: its enum, or the enums of a
    /// union whose members all list theirs.
    fn string_values(&self, schema: &'a Schema) -> Option<Vec<String>> {
        let view = SchemaView::of(schema);
        if !view.string_enum.is_empty() {
            return Some(view.string_enum);
        }
        let members = if view.one_of.is_empty() { view.any_of } else { view.one_of };
        if members.is_empty() {
            return None;
        }
        let mut values = Vec::new();
        for member in members {
            let resolved = self.resolve_schema(SchemaRef::from(member), "").ok()?;
            let member_view = SchemaView::of(resolved.schema);
            if member_view.string_enum.is_empty() {
                return None;
            }
            values.extend(member_view.string_enum);
        }
        Some(values)
    }
}
