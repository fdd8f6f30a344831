//! The `models` module: one Rust item per named type.
//!
//! Every struct, enum and union is `#[non_exhaustive]`, so that a spec that gains an optional
//! field, an enum value or a union member regenerates into a crate that still compiles the
//! user's code: structs are built with `Model::new(required fields)` and one chainable setter
//! per optional field instead of struct literals, and matches need a `_` arm. Constructor and
//! setter parameters have concrete types (`String`, not `impl Into<String>`): a generic would
//! be compiled again for every calling type, and a full spec has thousands of them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, ToTokens};

use super::docs;
use super::examples::{ExampleWriter, EXAMPLE_FENCE, IGNORED_EXAMPLE_FENCE};
use super::sizes::{JSON_VALUE_SIZE, POINTER_SIZE};
use super::{Emitter, ExternalCrate};
use crate::ir::{Field, FloatWidth, IntWidth, StringEnum, Struct, TypeId, TypeKind, TypeRef, Union};

/// Constructors with more required fields than this take them all anyway (the spec decides
/// what is required), and allow the clippy lint about long argument lists on that function;
/// so do operations' constructors and client methods with more required parameters.
pub(super) const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// An identifier from a name the IR already decided (raw identifiers included).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The most elements of one tuple in a struct's `Serialize` and `Deserialize`: the runtime
/// implements its `ObjectEntries` and `FieldSlots` for tuples up to this size, as std does its
/// traits.
const TUPLE_MAX: usize = 12;

/// The elements as a tuple the runtime takes: one element alone, `()` for none, tuples of at
/// most [`TUPLE_MAX`] elements and tuples of such tuples beyond. Types, patterns and values
/// made from the same fields nest alike.
fn slot_tuple(mut elements: Vec<TokenStream>) -> TokenStream {
    while elements.len() > TUPLE_MAX {
        elements = elements.chunks(TUPLE_MAX).map(|chunk| slot_tuple(chunk.to_vec())).collect();
    }
    match elements.as_slice() {
        [] => quote!(()),
        [one] => one.clone(),
        _ => quote!((#(#elements),*)),
    }
}

impl Emitter<'_> {
    /// The Rust type of a type reference; `models` is the path prefix of named types.
    pub fn type_tokens(&self, ty: &TypeRef, models: &TokenStream) -> TokenStream {
        match ty {
            TypeRef::Bool => quote!(bool),
            TypeRef::Integer(IntWidth::I32) => quote!(i32),
            TypeRef::Integer(IntWidth::I64) => quote!(i64),
            TypeRef::Number(FloatWidth::F32) => quote!(f32),
            TypeRef::Number(FloatWidth::F64) => quote!(f64),
            TypeRef::String => quote!(String),
            TypeRef::DateTime => {
                let chrono = self.external(ExternalCrate::Chrono);
                quote!(#chrono::DateTime<#chrono::Utc>)
            }
            TypeRef::Date => {
                let chrono = self.external(ExternalCrate::Chrono);
                quote!(#chrono::NaiveDate)
            }
            TypeRef::Named(id) => {
                let name = ident(&self.api.types[id.0].name);
                quote!(#models #name)
            }
            TypeRef::List(inner) => {
                let inner = self.type_tokens(inner, models);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.type_tokens(inner, models);
                quote!(std::collections::BTreeMap<String, #inner>)
            }
            TypeRef::Json => {
                let serde_json = self.external(ExternalCrate::SerdeJson);
                quote!(#serde_json::Value)
            }
            TypeRef::JsonObject => {
                let serde_json = self.external(ExternalCrate::SerdeJson);
                quote!(#serde_json::Map<String, #serde_json::Value>)
            }
            // Lowering checked that it is a type path; should it not lex, the formatter refuses
            // the empty type rather than anything being guessed.
            TypeRef::External(path) => path.parse().unwrap_or_default(),
        }
    }

    /// The start of the models module: its docs and imports.
    pub fn models_prelude(&self) -> TokenStream {
        let doc = docs::inner(
            "Types of the spec's schemas, decoded leniently: unknown fields are ignored, unknown enum \
             values are kept, and documented bounds are not enforced on server data.",
        );
        let uses_serde =
            !self.api.replacements.is_empty() || self.api.types.iter().any(|t| !matches!(t.kind, TypeKind::Alias(_)));
        let serde_use = uses_serde.then(|| {
            let serde = self.external(ExternalCrate::Serde);
            quote!(
                use #serde::{Deserialize, Serialize};
            )
        });
        let replacements = self.replacement_check();
        quote! {
            #doc
            #serde_use
            #replacements
        }
    }

    /// A compile-time check of the user's types that replace schemas: each must exist and
    /// implement what the models built around it derive and decode, so that a wrong path or a
    /// missing trait fails `cargo check` on a line naming the type, even when no model refers
    /// to it.
    fn replacement_check(&self) -> Option<TokenStream> {
        if self.api.replacements.is_empty() {
            return None;
        }
        let checks = self.api.replacements.iter().map(|replacement| {
            let ty = self.type_tokens(&TypeRef::External(replacement.path.clone()), &quote!());
            quote! {
                let _ = encodes_and_decodes::<#ty>;
                let _ = is_a_value::<#ty>;
            }
        });
        Some(quote! {
            const _: () = {
                fn encodes_and_decodes<T: Serialize + for<'de> Deserialize<'de>>() {}
                fn is_a_value<T: std::fmt::Debug + Clone + PartialEq>() {}
                #(#checks)*
            };
        })
    }

    pub fn named_type(&self, id: TypeId) -> TokenStream {
        let named = &self.api.types[id.0];
        let cfg = self.cfg_for(&named.gate);
        let mut doc = docs::outer(named.doc.as_deref().unwrap_or(""));
        let name = ident(&named.name);
        let item = match &named.kind {
            TypeKind::Struct(s) => {
                if let Some(example) = self.struct_example(id, s) {
                    let separator = (!doc.is_empty()).then(|| quote!(#[doc = ""]));
                    let example = docs::lines(&example);
                    doc = quote!(#doc #separator #example);
                }
                self.struct_item(&name, s, &cfg)
            }
            TypeKind::Enum(StringEnum { alias_of: Some(owner), .. }) => {
                // Another enum has the same values and is compiled once for both; the docs
                // keep this schema's description and say which type it is.
                let owner = self.type_tokens(owner, &quote!());
                let note = format!(" Another name for [`{owner}`], which has the same values.");
                let separator = (!doc.is_empty()).then(|| quote!(#[doc = ""]));
                doc = quote!(#doc #separator #[doc = #note]);
                quote!(pub type #name = #owner;)
            }
            TypeKind::Enum(e) => self.enum_item(&name, e, &cfg),
            TypeKind::Union(u) => self.union_item(&name, u, &cfg),
            TypeKind::Alias(ty) => {
                let ty = self.type_tokens(ty, &quote!());
                quote!(pub type #name = #ty;)
            }
            TypeKind::Newtype { ty, boxed } => {
                let mut ty = self.type_tokens(ty, &quote!());
                if *boxed {
                    ty = quote!(Box<#ty>);
                }
                let serde_crate = self.runtime.serde_crate_attribute();
                quote! {
                    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
                    #serde_crate
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                }
            }
        };
        quote! {
            #doc
            #cfg
            #item
        }
    }

    /// The doc lines of a struct's example: its constructor and one setter, when the model
    /// can be built at all.
    fn struct_example(&self, id: TypeId, s: &Struct) -> Option<Vec<String>> {
        let writer = ExampleWriter::new(self.api, "models::", self.runtime);
        let arguments = writer.constructor_arguments(id)?;
        let name = &self.api.types[id.0].name;
        let one_line = format!("let value = models::{name}::new({});", arguments.join(", "));
        let mut lines = vec![" Built with its required fields, then optional ones by name:".to_owned(), String::new()];
        lines.push(if self.doctests { EXAMPLE_FENCE } else { IGNORED_EXAMPLE_FENCE }.to_owned());
        lines.push(format!(" use {}::models;", self.crate_ident));
        lines.push(String::new());
        let setter = s
            .fields
            .iter()
            .filter(|f| !f.deprecated && !f.read_only)
            .filter_map(|f| Some((f.setter.as_ref()?, f)))
            .find_map(|(setter, f)| Some(format!("{setter}({})", writer.value(&f.ty)?)));
        if one_line.len() <= 90 {
            lines.push(format!(" {}", one_line.trim_end_matches(';')));
        } else {
            lines.push(format!(" let value = models::{name}::new("));
            lines.extend(arguments.iter().map(|argument| format!("     {argument},")));
            lines.push(" )".to_owned());
        }
        match setter {
            Some(setter) => lines.push(format!("     .{setter};")),
            None => {
                let last = lines.last_mut().expect("the constructor line was pushed");
                last.push(';');
            }
        }
        lines.push(" ```".to_owned());
        Some(lines)
    }

    fn struct_item(&self, name: &Ident, s: &Struct, cfg: &TokenStream) -> TokenStream {
        let fields = s.fields.iter().map(|field| self.field(field));
        let additional = s.additional.as_ref().map(|ty| {
            let ty = self.type_tokens(ty, &quote!());
            quote! {
                /// Properties beyond the ones named above.
                pub additional_properties: std::collections::BTreeMap<String, #ty>,
            }
        });
        let default = s.fields.iter().all(Field::is_optional).then(|| quote!(Default,));
        let body = super::braced(fields.chain(additional));
        let methods = super::braced(
            std::iter::once(self.constructor(s)).chain(s.fields.iter().filter_map(|field| self.setter(field))),
        );
        let mut item = quote! {
            #[derive(Debug, Clone, PartialEq, #default)]
            #[non_exhaustive]
            pub struct #name #body

            #cfg
            impl #name #methods

            #cfg
        };
        item.extend(self.struct_serialize(name, s));
        item.extend(self.struct_deserialize(name, s, cfg));
        item
    }

    /// A struct's `Serialize`: its fields as a JSON object, unset optional ones left out (as
    /// serde's derive with `skip_serializing_if = "Option::is_none"`), then the additional
    /// properties. One call of the runtime's `encode_object` with the wire names and a tuple of
    /// the fields (`&self.optional`, `Some(&self.required)`), which writes them: rustc checks
    /// one tuple expression per struct instead of a call per field.
    fn struct_serialize(&self, name: &Ident, s: &Struct) -> TokenStream {
        let runtime = self.runtime_path(1);
        let wire_names = s.fields.iter().map(|field| field.wire_name.as_str());
        let mut entries: Vec<TokenStream> = s
            .fields
            .iter()
            .map(|field| {
                let field_name = ident(&field.name);
                // A required field is always written, a required nullable one as `null` when
                // unset; an optional one (`Option` or `Nullable`) is left out when unset.
                if field.required {
                    quote!(Some(&self.#field_name))
                } else {
                    quote!(&self.#field_name)
                }
            })
            .collect();
        if s.additional.is_some() {
            entries.push(quote!(&self.additional_properties));
        }
        let entries = slot_tuple(entries);
        // Reading a deprecated field is what serializing it means.
        let deprecated = s.fields.iter().any(|f| f.deprecated).then(|| quote!(#[allow(deprecated)]));
        let serde = self.external(ExternalCrate::Serde);
        quote! {
            impl Serialize for #name {
                #deprecated
                fn serialize<S: #serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    #runtime::model_encoding::encode_object(serializer, &[#(#wire_names),*], #entries)
                }
            }
        }
    }

    /// A struct's `Deserialize`: one call of the runtime's `decode_object`, whose one generic
    /// visitor reads the object's entries into the slots the struct's `ObjectModel` impl names
    /// (a tuple of `Option<T>` and `Required<T>`), then the impl's `finish` builds the struct.
    /// It decodes like serde's derive with `#[serde(default)]` on the optional fields (unknown
    /// keys ignored, or kept in `additional_properties`; a missing required field is an error),
    /// and what rustc checks per struct is a tuple type and a struct literal: no visitor type,
    /// loop or match arm per field (the derive adds a field enum with its own visitor and a
    /// visitor of JSON arrays to every struct).
    /// Both impls carry `cfg`, the struct's feature gate.
    fn struct_deserialize(&self, name: &Ident, s: &Struct, cfg: &TokenStream) -> TokenStream {
        let runtime = self.runtime_path(1);
        let runtime = quote!(#runtime::model_decoding);
        let serde = self.external(ExternalCrate::Serde);
        let wire_names = s.fields.iter().map(|field| field.wire_name.as_str());
        let type_name = name.to_string().trim_start_matches("r#").to_owned();
        let slots = slot_tuple(
            s.fields
                .iter()
                .map(|field| {
                    let ty = self.field_type(field);
                    if field.is_three_state() {
                        let nullable = self.nullable_path();
                        quote!(#nullable<#ty>)
                    } else if field.is_optional() {
                        quote!(Option<#ty>)
                    } else {
                        quote!(#runtime::Required<#ty>)
                    }
                })
                .collect(),
        );
        let pattern = if s.fields.is_empty() {
            quote!(_)
        } else {
            slot_tuple(s.fields.iter().map(|field| ident(&field.name).into_token_stream()).collect())
        };
        let values = s.fields.iter().map(|field| {
            let local = ident(&field.name);
            let wire = &field.wire_name;
            if field.is_optional() {
                quote!(#local,)
            } else {
                quote!(#local: #runtime::required(#local, #wire)?,)
            }
        });
        let (additional_type, additional_pattern, additional_value) = match &s.additional {
            None => (quote!(#serde::de::IgnoredAny), quote!(_), None),
            Some(ty) => {
                let ty = self.type_tokens(ty, &quote!());
                (
                    quote!(std::collections::BTreeMap<String, #ty>),
                    quote!(additional_properties),
                    Some(quote!(additional_properties,)),
                )
            }
        };
        // The struct literal names deprecated fields too.
        let deprecated = s.fields.iter().any(|f| f.deprecated).then(|| quote!(#[allow(deprecated)]));
        quote! {
            #cfg
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    #runtime::decode_object(deserializer, #type_name, &[#(#wire_names),*])
                }
            }

            #cfg
            impl #runtime::ObjectModel for #name {
                type Fields = #slots;
                type Additional = #additional_type;

                #deprecated
                fn finish<E: #serde::de::Error>(
                    #pattern: Self::Fields,
                    #additional_pattern: Self::Additional,
                ) -> Result<Self, E> {
                    Ok(Self {
                        #(#values)*
                        #additional_value
                    })
                }
            }
        }
    }

    /// `new`: the required fields as arguments, every optional one unset.
    fn constructor(&self, s: &Struct) -> TokenStream {
        let required: Vec<&Field> = s.fields.iter().filter(|f| !f.is_optional()).collect();
        let arguments = required.iter().map(|field| {
            let name = ident(&field.name);
            let ty = self.type_tokens(&field.ty, &quote!());
            quote!(#name: #ty)
        });
        let values = s.fields.iter().map(|field| {
            let name = ident(&field.name);
            match (field.is_optional(), field.boxed) {
                (true, _) if field.is_three_state() => {
                    let nullable = self.nullable_path();
                    quote!(#name: #nullable::Absent,)
                }
                (true, _) => quote!(#name: None,),
                (false, true) => quote!(#name: Box::new(#name),),
                (false, false) => quote!(#name,),
            }
        });
        let additional = s.additional.as_ref().map(|_| quote!(additional_properties: Default::default(),));
        let doc = if required.is_empty() {
            " Makes a value with every field unset; the setters fill them in."
        } else {
            " Makes a value from its required fields; the optional ones start unset and have setters."
        };
        // The constructor initialises every field, deprecated ones too.
        let deprecated = s.fields.iter().any(|f| f.deprecated).then(|| quote!(#[allow(deprecated)]));
        let long = (required.len() > CLIPPY_MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #[doc = #doc]
            #deprecated
            #long
            pub fn new(#(#arguments),*) -> Self {
                Self {
                    #(#values)*
                    #additional
                }
            }
        }
    }

    /// The chainable setter of an optional field, and the one that makes a three-state field
    /// `null`.
    fn setter(&self, field: &Field) -> Option<TokenStream> {
        let setter = ident(field.setter.as_ref()?);
        let name = ident(&field.name);
        let ty = self.type_tokens(&field.ty, &quote!());
        let value = if field.boxed { quote!(Box::new(value)) } else { quote!(value) };
        let plain_name = field.name.trim_start_matches("r#");
        let doc = docs::outer(&format!("Sets `{plain_name}`."));
        // A deprecated field's setter is deprecated too, and sets the field without a warning.
        let deprecated = field.deprecated.then(|| quote!(#[deprecated] #[allow(deprecated)]));
        let Some(null_setter) = &field.null_setter else {
            return Some(quote! {
                #doc
                #deprecated
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#name = Some(#value);
                    self
                }
            });
        };
        let nullable = self.nullable_path();
        let null_setter = ident(null_setter);
        let null_doc = docs::outer(&format!(
            "Sets `{plain_name}` to `null`, which is sent as such (leaving it unset leaves it out)."
        ));
        Some(quote! {
            #doc
            #deprecated
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#name = #nullable::Value(#value);
                self
            }

            #null_doc
            #deprecated
            pub fn #null_setter(mut self) -> Self {
                self.#name = #nullable::Null;
                self
            }
        })
    }

    /// The runtime's `Nullable`, as the models module names it.
    fn nullable_path(&self) -> TokenStream {
        let runtime = self.runtime_path(1);
        quote!(#runtime::Nullable)
    }

    /// A field's Rust type without the `Option` of optional fields: what its constructor
    /// argument, setter and decoded value hold.
    fn field_type(&self, field: &Field) -> TokenStream {
        let ty = self.type_tokens(&field.ty, &quote!());
        if field.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    fn field(&self, field: &Field) -> TokenStream {
        let mut notes = Vec::new();
        if field.read_only {
            notes.push(Some("Read-only: set by the server and ignored in requests.".to_owned()));
        }
        if field.write_only {
            notes.push(Some("Write-only: sent in requests, never returned.".to_owned()));
        }
        let mut parts = vec![field.doc.clone()];
        parts.extend(notes);
        let doc = docs::paragraphs(&parts);
        let deprecated = field.deprecated.then(|| quote!(#[deprecated]));
        let name = ident(&field.name);
        let ty = self.field_type(field);
        // The wire name is in the struct's `Serialize` and `Deserialize` impls.
        let ty = if field.is_three_state() {
            let nullable = self.nullable_path();
            quote!(#nullable<#ty>)
        } else if field.is_optional() {
            quote!(Option<#ty>)
        } else {
            ty
        };
        quote! {
            #doc
            #deprecated
            pub #name: #ty,
        }
    }

    fn enum_item(&self, name: &Ident, e: &StringEnum, cfg: &TokenStream) -> TokenStream {
        let variants: Vec<Ident> = e.variants.iter().map(|v| ident(&v.name)).collect();
        let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
        let value_docs: Vec<TokenStream> = e
            .variants
            .iter()
            .map(|variant| {
                let value = &variant.value;
                let doc = if variant.sources.is_empty() {
                    format!("`{value}`")
                } else {
                    format!("`{value}` ({})", variant.sources.join(", "))
                };
                docs::outer(&doc)
            })
            .collect();
        let unknown = ident(&e.unknown_variant);
        let runtime = self.runtime_path(1);
        quote! {
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #( #value_docs #variants, )*
                /// A value this version of the client does not know, kept as received.
                #unknown(String),
            }

            #cfg
            impl #name {
                /// The value as it appears on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#variants => #values, )*
                        Self::#unknown(value) => value,
                    }
                }
            }

            #cfg
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #values => Self::#variants, )*
                        other => Self::#unknown(#runtime::model_decoding::unknown_enum_value(other)),
                    }
                }
            }

            #cfg
            string_enum_impls!(#name);
        }
    }

    fn union_item(&self, name: &Ident, u: &Union, cfg: &TokenStream) -> TokenStream {
        let sizes = u.variants.iter().map(|v| if v.boxed { POINTER_SIZE } else { self.approximate_size(&v.ty, 0) });
        let large = self.large_variant_allow(sizes.chain([JSON_VALUE_SIZE]));
        let variant_defs = u.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            let mut ty = self.type_tokens(&variant.ty, &quote!());
            if variant.boxed {
                ty = quote!(Box<#ty>);
            }
            quote!(#variant_name(#ty),)
        });
        let fallback = ident(&u.fallback_variant);
        let serde = self.external(ExternalCrate::Serde);
        let serde_json = self.external(ExternalCrate::SerdeJson);
        let serde_crate = self.runtime.serde_crate_attribute();
        let Some(discriminator) = &u.discriminator else {
            // Decoded into a JSON value once, then tried as each member, instead of serde's
            // `untagged` derive: that buffers the input into its private `Content`, expands a
            // matcher per union and takes the first member that decodes, although every string
            // enum and every struct ignoring unknown keys decodes almost anything. The runtime's
            // `best_member` takes the first member that decodes the value exactly, else the one
            // that let the least through. Each member's decoder for `&Value` is shared with
            // every other union that holds it.
            let runtime = self.runtime_path(1);
            let attempts = u.variants.iter().map(|variant| {
                let variant_name = ident(&variant.name);
                let ty = self.type_tokens(&variant.ty, &quote!());
                let wrap = if variant.boxed {
                    quote!(|member| Self::#variant_name(Box::new(member)))
                } else {
                    quote!(Self::#variant_name)
                };
                quote! {
                    |value| <#ty as Deserialize>::deserialize(value).ok().map(#wrap),
                }
            });
            return quote! {
                #[derive(Debug, Clone, PartialEq, Serialize)]
                #serde_crate
                #[serde(untagged)]
                #[non_exhaustive]
                #large
                pub enum #name {
                    #(#variant_defs)*
                    /// A value that matches none of the variants, kept as JSON.
                    #fallback(#serde_json::Value),
                }

                #cfg
                impl<'de> Deserialize<'de> for #name {
                    fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = #serde_json::Value::deserialize(deserializer)?;
                        let members: &[fn(&#serde_json::Value) -> Option<Self>] = &[#(#attempts)*];
                        Ok(#runtime::model_decoding::best_member(&value, members).unwrap_or(Self::#fallback(value)))
                    }
                }
            };
        };
        let property = &discriminator.property;
        let runtime = self.runtime_path(1);
        let arms = u.variants.iter().filter(|v| !v.tags.is_empty()).map(|variant| {
            let variant_name = ident(&variant.name);
            let tags = &variant.tags;
            let ty = self.type_tokens(&variant.ty, &quote!());
            let wrap =
                if variant.boxed { quote!(|v| Self::#variant_name(Box::new(v))) } else { quote!(Self::#variant_name) };
            quote! {
                Some(#(#tags)|*) => <#ty as Deserialize>::deserialize(&value).map(#wrap).map_err(#serde::de::Error::custom),
            }
        });
        quote! {
            #[derive(Debug, Clone, PartialEq, Serialize)]
            #serde_crate
            #[serde(untagged)]
            #[non_exhaustive]
            #large
            pub enum #name {
                #(#variant_defs)*
                /// A value whose discriminator names no known variant, kept as JSON.
                #fallback(#serde_json::Value),
            }

            #cfg
            impl<'de> Deserialize<'de> for #name {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = #serde_json::Value::deserialize(deserializer)?;
                    let tag = value.get(#property).and_then(#serde_json::Value::as_str).map(str::to_owned);
                    match tag.as_deref() {
                        #(#arms)*
                        _ => {
                            #runtime::model_decoding::note_loose();
                            Ok(Self::#fallback(value))
                        }
                    }
                }
            }
        }
    }
}
