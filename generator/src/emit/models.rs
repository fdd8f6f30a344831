//! The `models` module: one Rust item per named type.
//!
//! Every struct, enum and union is `#[non_exhaustive]`, so that a spec that gains an optional
//! field, an enum value or a union member regenerates into a crate that still compiles the
//! user's code: structs are built with `Model::new(required fields)` and one chainable setter
//! per optional field instead of struct literals, and matches need a `_` arm. Constructor and
//! setter parameters have concrete types (`String`, not `impl Into<String>`): a generic would
//! be compiled again for every calling type, and a full spec has thousands of them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::docs;
use super::sizes::{JSON_VALUE_SIZE, POINTER_SIZE};
use super::{Emitter, ExternalCrate};
use crate::ir::{FloatWidth, IntWidth, StringEnum, TypeId, TypeKind, TypeRef, Union};
use crate::print::Writer;

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

    /// A named type's items: a struct written as layout commands, any other type as tokens.
    pub fn write_named_type(&self, w: &mut Writer<'_>, id: TypeId) {
        let named = &self.api.types[id.0];
        let cfg = self.cfg_for(&named.gate);
        let mut doc = docs::outer(named.doc.as_deref().unwrap_or(""));
        let name = ident(&named.name);
        let item = match &named.kind {
            TypeKind::Struct(s) => return self.write_struct(w, id, s),
            TypeKind::Enum(StringEnum { alias_of: Some(owner), .. }) => {
                // Another enum has the same values and is compiled once for both; the docs
                // keep this schema's description and say which type it is.
                let owner = self.type_tokens(owner, &quote!());
                let note = format!(" Another name for [`{owner}`], which has the same values.");
                let separator = (!doc.is_empty()).then(|| quote!(#[doc = ""]));
                doc = quote!(#doc #separator #[doc = #note]);
                quote!(pub type #name = #owner;)
            }
            TypeKind::Enum(e) => {
                return self.write_string_enum(w, &named.name, named.doc.as_deref().unwrap_or(""), &named.gate, e)
            }
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
        w.token_items(quote! {
            #doc
            #cfg
            #item
        });
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
