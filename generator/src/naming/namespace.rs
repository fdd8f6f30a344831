//! Namespaces: the names already taken in one scope (a module's types, a struct's fields,
//! an enum's variants, a builder's methods), and the first free name for each new one.

use std::collections::BTreeSet;

use super::{BUILDER_METHODS, ERROR_ENUM_VARIANTS, MODEL_METHODS, TRAIT_METHODS};

/// Type names the generated code uses unqualified (prelude items and derives); a schema with
/// one of these names would shadow them, so it gets a suffix instead.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Iterator",
    "ToString",
    "From",
    "Into",
];

/// A set of names in one namespace (a module's types, a struct's fields, an enum's variants).
/// `claim` returns the first free name among `base`, `base2`, `base3`, ... so collisions are
/// resolved deterministically in claim order.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace for type names, with the prelude names already taken.
    pub fn for_types() -> Self {
        let mut namespace = Self::default();
        for name in RESERVED_TYPE_NAMES {
            namespace.taken.insert((*name).to_owned());
        }
        namespace
    }

    /// Marks a name as used without claiming a variant of it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `base`, or `base` with the smallest numeric suffix that is free. Raw identifiers
    /// keep their `r#` prefix only when unsuffixed.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let stem = base.strip_prefix("r#").unwrap_or(base);
        let separator = if stem.ends_with(|c: char| c.is_ascii_digit()) || stem.contains('_') { "_" } else { "" };
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Claims a type name: prelude-shadowing names get a `Model` suffix before numbering.
    pub fn claim_type(&mut self, base: &str) -> String {
        if RESERVED_TYPE_NAMES.contains(&base) {
            return self.claim(&format!("{base}Model"));
        }
        self.claim(base)
    }
}

impl Namespace {
    /// A namespace for a model's methods, with [`MODEL_METHODS`] taken.
    pub fn for_model_methods() -> Self {
        let mut namespace = Self::default();
        for name in MODEL_METHODS {
            namespace.reserve(name);
        }
        namespace
    }

    /// A namespace for a request builder's parameter setters, with [`BUILDER_METHODS`] taken.
    pub fn for_builder_methods() -> Self {
        let mut namespace = Self::default();
        for name in BUILDER_METHODS.iter().chain(TRAIT_METHODS) {
            namespace.reserve(name);
        }
        namespace
    }

    /// A namespace for an error enum's status variants, with [`ERROR_ENUM_VARIANTS`] taken.
    pub fn for_error_variants() -> Self {
        let mut namespace = Self::default();
        for name in ERROR_ENUM_VARIANTS {
            namespace.reserve(name);
        }
        namespace
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_get_numbered_deterministically() {
        let mut fields = Namespace::default();
        assert_eq!(fields.claim("foo_bar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_3");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type2");
        let mut types = Namespace::for_types();
        assert_eq!(types.claim_type("Result"), "ResultModel");
        assert_eq!(types.claim_type("Link"), "Link");
        assert_eq!(types.claim_type("Link"), "Link2");
        assert_eq!(types.claim_type("V1"), "V1");
        assert_eq!(types.claim_type("V1"), "V1_2");
    }
}
