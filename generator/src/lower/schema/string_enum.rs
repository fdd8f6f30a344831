//! Lowering string enums: a schema's `enum` of strings, the variant names an
//! `x-rust-variant-names` gives, and a `oneOf`/`anyOf` of string enums merged into one enum.

use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{EnumVariant, StringEnum};
use crate::lower::view::SchemaView;
use crate::lower::{Lowering, SchemaRef};
use crate::naming::{self, Namespace};

impl<'a> Lowering<'a> {
    pub(super) fn lower_enum(&mut self, view: &SchemaView<'a>, pointer: &str) -> Result<StringEnum, SpecError> {
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
    pub(super) fn string_enum_union(
        &mut self,
        view: &SchemaView<'a>,
        pointer: &str,
    ) -> Result<Option<StringEnum>, SpecError> {
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
}
