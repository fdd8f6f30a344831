//! Decoding of the generated models: matching an object key against a struct's field names,
//! decoding an entry's value into its field, the error of a missing required field, and the
//! visitor of string enums.
//!
//! Each generated struct's `Deserialize` is a loop over the object's entries that asks
//! [`FieldIndex`] which field a key names; the key matching lives here, compiled once per
//! deserializer instead of once per struct (as serde's derive does, with a field enum, its
//! visitor and a sequence visitor per struct). The value goes into the field's slot through
//! [`optional_field`], [`required_field`], [`additional_property`] or [`skip_value`], which all
//! return `Result<(), A::Error>`: the loop's `match` then ends in one `?` instead of one per
//! field, which is what rustc type-checks and borrow-checks per struct.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

/// Reads an object key and finds it among a struct's wire names: `Some(index)` for a known
/// field, `None` for another key (skipped without allocating).
#[derive(Clone, Copy)]
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| name.as_bytes() == key))
    }
}

/// Like [`FieldIndex`], for a struct that keeps the properties it does not name: an unknown
/// key comes back as `Err(key)`.
#[derive(Clone, Copy)]
pub struct FieldOrKey(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldOrKey {
    type Value = Result<usize, String>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for FieldOrKey {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key).ok_or_else(|| key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|name| *name == key).ok_or(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(key), &self)),
        }
    }
}

/// Decodes the entry's value into an optional field: `null` leaves it unset, as with serde's
/// derive and `#[serde(default)]`; a repeated key keeps the last value.
pub fn optional_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Decodes the entry's value into a required field's slot, checked by [`required`] once the
/// object ends.
pub fn required_field<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Decodes the value of a key the struct does not name into its additional properties.
pub fn additional_property<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    properties: &mut BTreeMap<String, T>,
    key: String,
) -> Result<(), A::Error> {
    properties.insert(key, map.next_value()?);
    Ok(())
}

/// Skips the value of a key the struct does not keep.
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// A required field's value, or serde's "missing field" error when the object lacked it.
pub fn required<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// Decodes a string into a string enum through its `From<&str>`, which keeps values it does not
/// know; the string is borrowed where the format allows, so known values never allocate. One
/// generic visitor instead of one per enum.
pub struct StringEnumVisitor<T>(PhantomData<fn() -> T>);

impl<T> StringEnumVisitor<T> {
    pub fn new() -> Self {
        StringEnumVisitor(PhantomData)
    }
}

impl<T> Default for StringEnumVisitor<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: for<'a> From<&'a str>> Visitor<'_> for StringEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}
