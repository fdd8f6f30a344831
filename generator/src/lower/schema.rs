//! Lowering schemas to named types and type references.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema};

use super::view::SchemaView;
use super::{Lowering, SchemaRef};
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{
    Discriminator, EnumVariant, Field, FloatWidth, IntWidth, StringEnum, Struct, TypeKind, TypeRef, Union, UnionVariant,
};
use crate::naming::{self, Namespace};

/// Inline nesting deeper than this (arrays of arrays of ...) is represented as JSON.
const MAX_INLINE_DEPTH: usize = 32;

/// A resolved schema and the pointer it lives at.
pub(crate) struct Resolved<'a> {
    pub schema: &'a Schema,
    pub pointer: String,
    /// The component name, when reached through a `$ref`.
    pub component: Option<&'a str>,
}

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

    fn lower_enum(&mut self, view: &SchemaView<'a>, pointer: &str) -> Result<StringEnum, SpecError> {
        let given = self.given_variant_names(view.data, pointer)?;
        let values = view.string_enum.iter().map(|value| (value.as_str(), None));
        Ok(self.string_enum_of(values, &given, pointer))
    }

    /// The variant names a schema's `x-rust-variant-names` gives, by wire value, with the
    /// pointer of each; a name for a value the enum does not list is a warning (typically, the
    /// value was removed upstream).
    fn given_variant_names(
        &mut self,
        data: &'a openapiv3::SchemaData,
        pointer: &str,
    ) -> Result<Vec<(&'a str, &'a str, String)>, SpecError> {
        let extension = naming::RUST_VARIANT_NAMES_EXTENSION;
        let Some(value) = data.extensions.get(extension) else { return Ok(Vec::new()) };
        let at = pointer_push(pointer, extension);
        let Some(names) = value.as_object() else {
            return Err(
                self.error(&at, format!("`{extension}` must map enum values to variant names, found `{value}`"))
            );
        };
        let mut given = Vec::with_capacity(names.len());
        for (wire, name) in names {
            let name_pointer = pointer_push(&at, wire);
            let name = naming::given_name(name)
                .map_err(|problem| self.error(&name_pointer, format!("`{extension}` of `{wire}` {problem}")))?;
            given.push((wire.as_str(), name, name_pointer));
        }
        Ok(given)
    }

    /// A string enum of `values` in order, each with the member of a merged union it comes
    /// from (if any); a value listed again adds its source to the first one's variant.
    /// from (if any); a value listed again adds its source to the first one's variant. `given`
    /// holds the variant names an `x-rust-variant-names` gives (wire value, name, pointer).
    fn string_enum_of<'v>(
        &mut self,
        values: impl Iterator<Item = (&'v str, Option<&'v str>)>,
        given: &[(&str, &str, String)],
        pointer: &str,
    ) -> StringEnum {
        let mut namespace = Namespace::default();
        let mut variants: Vec<EnumVariant> = Vec::new();
        for (value, source) in values {
            if let Some(variant) = variants.iter_mut().find(|v| v.value == value) {
                if let Some(source) = source.filter(|source| !variant.sources.iter().any(|s| s == source)) {
                    variant.sources.push(source.to_owned());
                }
                continue;
            }
            let name = match given.iter().find(|(wire, _, _)| *wire == value) {
                Some((_, given, at)) => {
                    let (base, recased) = naming::given_type_name(given);
                    if recased {
                        self.warn(at, format!("variant name `{given}` is not UpperCamelCase; the variant is `{base}`"));
                    }
                    let name = namespace.claim(&base);
                    if name != base {
                        self.warn(
                            at,
                            format!("variant name `{given}` collides with another in Rust; the variant is `{name}`"),
                        );
                    }
                    name
                }
                None => {
                    let base = naming::camel_ident(value);
                    let name = namespace.claim(&base);
                    if name != base {
                        self.warn(
                            pointer,
                            format!("enum value `{value}` collides with another in Rust; its variant is `{name}`"),
                        );
                    }
                    name
                }
            };
            let sources = source.map(str::to_owned).into_iter().collect();
            variants.push(EnumVariant { name, value: value.to_owned(), sources });
        }
        for (wire, _, at) in given {
            if !variants.iter().any(|variant| variant.value == *wire) {
                self.warn(
                    at,
                    format!(
                        "`{}` names the value `{wire}`, which the enum does not list",
                        naming::RUST_VARIANT_NAMES_EXTENSION
                    ),
                );
            }
        }
        let unknown_variant = namespace.claim(naming::UNKNOWN_ENUM_VARIANT);
        StringEnum { variants, unknown_variant, alias_of: None }
    }

    /// A `oneOf`/`anyOf` whose members are all string enums (AWS, Azure and GCP region names),
    /// possibly beside plain strings ("one of these models, or any model name"): one string
    /// enum of all their values, in spec order, whose unknown variant carries any other string.
    /// As a union of enums that each keep any string, it could only ever decode to its first
    /// member.
    fn string_enum_union(&mut self, view: &SchemaView<'a>, pointer: &str) -> Result<Option<StringEnum>, SpecError> {
        let (members, keyword) = if view.one_of.is_empty() { (view.any_of, "anyOf") } else { (view.one_of, "oneOf") };
        if view.data.discriminator.is_some()
            || view.properties.is_some_and(|p| !p.is_empty())
            || !view.all_of.is_empty()
        {
            return Ok(None);
        }
        let mut enums = Vec::with_capacity(members.len());
        let mut constrained_strings = Vec::new();
        let mut other_kinds = false;
        // Variant names given on the union and on its members, the union's first.
        let mut given = self.given_variant_names(view.data, pointer)?;
        for (index, member) in members.iter().enumerate() {
            let member_pointer = format!("{pointer}/{keyword}/{index}");
            let resolved = self.resolve_schema(SchemaRef::from(member), &member_pointer)?;
            let member_view = SchemaView::of(resolved.schema);
            let composed =
                !(member_view.one_of.is_empty() && member_view.any_of.is_empty() && member_view.all_of.is_empty());
            let is_string =
                member_view.ty == Some("string") || (member_view.ty.is_none() && !member_view.string_enum.is_empty());
            if composed || !is_string || member_view.properties.is_some_and(|p| !p.is_empty()) {
                other_kinds = true;
            } else if !member_view.string_enum.is_empty() {
                let source = resolved.schema.schema_data.title.as_deref().or(resolved.component);
                given.extend(self.given_variant_names(&resolved.schema.schema_data, &resolved.pointer)?);
                enums.push((member_view.string_enum, source));
            } else if member_view.has_enum {
                // An enum of no strings (`[null]`): not a value a string enum holds.
                other_kinds = true;
            } else if matches!(member_view.format.as_deref(), Some("date-time" | "date")) {
                constrained_strings.push(index);
            }
            // Otherwise a string that lowers to `String` (length and pattern are not checked
            // in models): the merged enum's unknown variant is that member.
        }
        if enums.is_empty() || other_kinds {
            return Ok(None);
        }
        if !constrained_strings.is_empty() {
            let constrained =
                constrained_strings.iter().map(|index| format!("{keyword}/{index}")).collect::<Vec<_>>().join(", ");
            self.warn(
                pointer,
                format!(
                    "{keyword} mixes string enums with dates ({constrained}), which one enum cannot hold as \
                     dates; it stays a union"
                ),
            );
            return Ok(None);
        }
        let values =
            enums.iter().flat_map(|(values, source)| values.iter().map(move |value| (value.as_str(), *source)));
        Ok(Some(self.string_enum_of(values, &given, pointer)))
    }

    fn lower_struct(
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
            fields.push(Field {
                name,
                wire_name: wire_name.clone(),
                doc: data.description.clone().or_else(|| data.title.clone()),
                ty,
                required: is_required,
                nullable: data.nullable,
                read_only: data.read_only,
                write_only: data.write_only,
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

    /// Merges the members of an `allOf` into one struct. Nested `allOf`s and `$ref`s are
    /// expanded from a work list; a member that refers back to one being expanded is a cycle.
    fn lower_all_of(&mut self, name: &str, schema: &'a Schema, pointer: &str) -> Result<TypeKind, SpecError> {
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

    fn lower_union(
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

/// Where a union's variant types come from.
enum Variants<'a> {
    /// The union's own members, merged as said.
    Own(Merge<'a>),
    /// The members of `holder`, a `oneOf` member of the allOf `all_of`: each variant is the
    /// allOf with `holder` replaced by one of them.
    Distributed { all_of: &'a Schema, all_of_pointer: String, holder: &'a Schema },
}

/// Whether an inline schema needs an item of its own.
fn needs_named_type(view: &SchemaView<'_>) -> bool {
    (view.ty.is_none_or(|t| t == "string") && !view.string_enum.is_empty())
        || view.properties.is_some_and(|p| !p.is_empty())
        || !view.all_of.is_empty()
        || !view.one_of.is_empty()
        || !view.any_of.is_empty()
}

fn collect_properties<'a>(
    properties: Option<&'a super::view::Properties>,
    pointer: &str,
) -> Vec<(String, &'a ReferenceOr<Box<Schema>>, String)> {
    let base = format!("{pointer}/properties");
    properties.into_iter().flatten().map(|(name, schema)| (name.clone(), schema, pointer_push(&base, name))).collect()
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
