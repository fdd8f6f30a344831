//! Encoding of the generated models: a struct's fields written as one JSON object, and the
//! `Debug` of a struct with secret fields.
//!
//! A generated struct's `Serialize` is one call of [`encode_object`] with its wire names and a
//! tuple of its fields (`(&self.name, Some(&self.id), &self.additional_properties)`): the
//! writing of each entry, the skipping of unset optional fields and the error handling live
//! here, written once, so that rustc type-checks and borrow-checks one tuple expression per
//! struct instead of a call per field.

use std::collections::BTreeMap;
use std::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::nullable::Nullable;
use super::request::REDACTED;

/// Writes a struct as a JSON object: each of `entries` takes its wire names from `names` in
/// order. The object's length is not known up front: unset fields are left out.
pub fn encode_object<S: Serializer, E: ObjectEntries>(
    serializer: S,
    names: &[&'static str],
    entries: E,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    entries.write(&mut names.iter(), &mut map)?;
    map.end()
}

/// What a struct writes into its object: one field, its additional properties, or a tuple of
/// them (up to 12 in one tuple; tuples of tuples beyond that).
pub trait ObjectEntries {
    /// Writes the entries, each field under the next of `names`.
    fn write<M: SerializeMap>(
        &self,
        names: &mut std::slice::Iter<'_, &'static str>,
        map: &mut M,
    ) -> Result<(), M::Error>;
}

/// An optional field: written when set, as serde's derive does with
/// `skip_serializing_if = "Option::is_none"`.
impl<T: Serialize> ObjectEntries for &Option<T> {
    fn write<M: SerializeMap>(
        &self,
        names: &mut std::slice::Iter<'_, &'static str>,
        map: &mut M,
    ) -> Result<(), M::Error> {
        match (names.next(), self) {
            (Some(name), Some(value)) => map.serialize_entry(name, value),
            _ => Ok(()),
        }
    }
}

/// An optional field that may be `null`: left out when absent, `null` when null.
impl<T: Serialize> ObjectEntries for &Nullable<T> {
    fn write<M: SerializeMap>(
        &self,
        names: &mut std::slice::Iter<'_, &'static str>,
        map: &mut M,
    ) -> Result<(), M::Error> {
        match (names.next(), self) {
            (Some(name), Nullable::Value(value)) => map.serialize_entry(name, value),
            (Some(name), Nullable::Null) => map.serialize_entry(name, &()),
            _ => Ok(()),
        }
    }
}

/// A required field, always written (`Some(&self.field)`). The body is the optional field's,
/// written again rather than called through `as_ref()`: a call would be one more function per
/// field type in every debug build of a generated crate.
impl<T: Serialize> ObjectEntries for Option<&T> {
    fn write<M: SerializeMap>(
        &self,
        names: &mut std::slice::Iter<'_, &'static str>,
        map: &mut M,
    ) -> Result<(), M::Error> {
        match (names.next(), self) {
            (Some(name), Some(value)) => map.serialize_entry(name, value),
            _ => Ok(()),
        }
    }
}

/// A struct's additional properties, written after its named fields; they take no wire name.
impl<T: Serialize> ObjectEntries for &BTreeMap<String, T> {
    fn write<M: SerializeMap>(&self, _: &mut std::slice::Iter<'_, &'static str>, map: &mut M) -> Result<(), M::Error> {
        for (name, value) in *self {
            map.serialize_entry(name, value)?;
        }
        Ok(())
    }
}

/// A struct without fields.
impl ObjectEntries for () {
    fn write<M: SerializeMap>(&self, _: &mut std::slice::Iter<'_, &'static str>, _: &mut M) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Implements [`ObjectEntries`] for a tuple of entries, written in order.
macro_rules! tuple_object_entries {
    ($($entry:ident $position:tt),+) => {
        impl<$($entry: ObjectEntries),+> ObjectEntries for ($($entry,)+) {
            fn write<M: SerializeMap>(
                &self,
                names: &mut std::slice::Iter<'_, &'static str>,
                map: &mut M,
            ) -> Result<(), M::Error> {
                $(self.$position.write(names, map)?;)+
                Ok(())
            }
        }
    };
}

tuple_object_entries!(E0 0, E1 1);
tuple_object_entries!(E0 0, E1 1, E2 2);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9, E10 10);
tuple_object_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9, E10 10, E11 11);

/// The `Debug` of a struct with fields the spec marks secret (`format: password`): what
/// `#[derive(Debug)]` prints, `values` in the order of `names`, each secret field's value
/// passed as [`Redacted`].
pub fn debug_object(f: &mut fmt::Formatter<'_>, name: &str, names: &[&str], values: &[&dyn fmt::Debug]) -> fmt::Result {
    let mut object = f.debug_struct(name);
    for (name, value) in names.iter().zip(values) {
        object.field(name, value);
    }
    object.finish()
}

/// A secret field as `Debug` shows it: whether it is set, never its value (`<redacted>`,
/// `Some(<redacted>)`, `None`, as the credentials' [`Secret`](super::Secret) prints).
pub struct Redacted<'a, T>(pub &'a T);

/// The placeholder printed for a secret value.
struct Placeholder;

impl fmt::Debug for Placeholder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Debug for Redacted<'_, String> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Placeholder.fmt(f)
    }
}

impl<T> fmt::Debug for Redacted<'_, Option<T>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.as_ref().map(|_| Placeholder).fmt(f)
    }
}

/// A list of secrets: how many, never what.
impl<T> fmt::Debug for Redacted<'_, Vec<T>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter().map(|_| Placeholder)).finish()
    }
}

/// A map of secrets: its keys, never its values.
impl<T> fmt::Debug for Redacted<'_, std::collections::BTreeMap<String, T>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.keys().map(|key| (key, Placeholder))).finish()
    }
}

impl<T> fmt::Debug for Redacted<'_, Nullable<T>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Nullable::Absent => Nullable::<Placeholder>::Absent.fmt(f),
            Nullable::Null => Nullable::<Placeholder>::Null.fmt(f),
            Nullable::Value(_) => Nullable::Value(Placeholder).fmt(f),
        }
    }
}
