//! Rough sizes of the Rust types emitted, so that an enum whose variants differ a lot in size
//! (a response of several bodies, an error enum) gets clippy's `large_enum_variant` allowed
//! rather than a warning in users' builds.

use proc_macro2::TokenStream;
use quote::quote;

use super::Emitter;
use crate::ir::{BodyKind, FloatWidth, IntWidth, TypeKind, TypeRef};

/// Approximate sizes in bytes, for [`Emitter::large_variant_allow`]: a pointer (`Box`), and
/// a `String`, `Vec` or map, and a `serde_json::Value`.
pub(super) const POINTER_SIZE: usize = 8;
const COLLECTION_SIZE: usize = 24;
pub(super) const JSON_VALUE_SIZE: usize = 32;

/// clippy's `large_enum_variant` warns when the largest variant exceeds the second largest by
/// 200 bytes; the estimate is rough, so the allowance starts lower.
const LARGE_VARIANT_DIFFERENCE: usize = 128;

/// How deep the size estimate follows named types; deeper ones count as large.
const SIZE_DEPTH: usize = 8;

impl Emitter<'_> {
    /// Roughly `size_of` the Rust type of `ty` (an `Option` around it counted as the same):
    /// enough to tell a variant holding a large struct from the others.
    pub(super) fn approximate_size(&self, ty: &TypeRef, depth: usize) -> usize {
        if depth > SIZE_DEPTH {
            return LARGE_VARIANT_DIFFERENCE * 2;
        }
        match ty {
            TypeRef::Bool => 1,
            TypeRef::Integer(IntWidth::I32) | TypeRef::Number(FloatWidth::F32) | TypeRef::Date => 4,
            TypeRef::Integer(IntWidth::I64) | TypeRef::Number(FloatWidth::F64) => 8,
            TypeRef::DateTime => 12,
            TypeRef::String | TypeRef::List(_) | TypeRef::Map(_) | TypeRef::JsonObject => COLLECTION_SIZE,
            TypeRef::Json => JSON_VALUE_SIZE,
            // The user's type: its size is not known here.
            TypeRef::External(_) => COLLECTION_SIZE,
            TypeRef::Named(id) => match &self.api.types[id.0].kind {
                TypeKind::Struct(s) => {
                    let fields: usize = s
                        .fields
                        .iter()
                        .map(|f| if f.boxed { POINTER_SIZE } else { self.approximate_size(&f.ty, depth + 1) })
                        .sum();
                    fields + s.additional.as_ref().map_or(0, |_| COLLECTION_SIZE)
                }
                TypeKind::Enum(_) => COLLECTION_SIZE,
                TypeKind::Union(u) => {
                    let sizes = u.variants.iter().map(|v| {
                        if v.boxed {
                            POINTER_SIZE
                        } else {
                            self.approximate_size(&v.ty, depth + 1)
                        }
                    });
                    sizes.max().unwrap_or(0).max(JSON_VALUE_SIZE) + POINTER_SIZE
                }
                TypeKind::Alias(ty) => self.approximate_size(ty, depth + 1),
                TypeKind::Newtype { boxed: true, .. } => POINTER_SIZE,
                TypeKind::Newtype { ty, boxed: false } => self.approximate_size(ty, depth + 1),
            },
        }
    }

    /// The approximate size of a decoded body, for [`Emitter::large_variant_allow`].
    pub(super) fn body_size(&self, kind: &BodyKind) -> usize {
        match kind {
            BodyKind::Json(ty) => self.approximate_size(ty, 0),
            BodyKind::Bytes => COLLECTION_SIZE,
            BodyKind::Empty => 0,
        }
    }

    /// `#[allow(clippy::large_enum_variant)]` for an enum whose variants (of these sizes)
    /// differ a lot. Such an enum holds decoded data: it is built once and matched, rarely
    /// moved, and boxing its large variant would change every match of users' code.
    pub(super) fn large_variant_allow(&self, sizes: impl IntoIterator<Item = usize>) -> Option<TokenStream> {
        let mut sizes: Vec<usize> = sizes.into_iter().collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        let (largest, second) = (sizes.first().copied()?, sizes.get(1).copied().unwrap_or(0));
        (largest.saturating_sub(second) > LARGE_VARIANT_DIFFERENCE)
            .then(|| quote!(#[allow(clippy::large_enum_variant)]))
    }
}
