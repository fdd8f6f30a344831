//! [`Nullable`]: the type of an optional property that the API also accepts as `null`.
//!
//! Such a property has three states a client must be able to tell apart and send: left out
//! (the server keeps its value), `null` (for most APIs: back to the default, or no value), and
//! a value. `Option<T>` has two, so a model with `Option<T>` can never send `null` in a
//! partial update, and a decoded `{"x": null}` re-encodes as `{}`. One enum with three named
//! states reads better in a `match` than `Option<Option<T>>` (whose `Some(None)` says
//! nothing), and it is the same type for every such property of every generated crate.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional property that may also be `null`: absent, `null`, or a value. A model's field of
/// this type is left out of the JSON object when [`Absent`](Nullable::Absent), written as
/// `null` when [`Null`](Nullable::Null); decoding gives back what the object held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Not in the object.
    Absent,
    /// In the object as `null`.
    Null,
    /// In the object with this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// The value, if there is one (neither absent nor `null`).
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, moved out, if there is one.
    pub fn into_value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Whether the property is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the property is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// A `Nullable` of a reference to the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }
}

/// Absent: a new model leaves the property out.
impl<T> Default for Nullable<T> {
    fn default() -> Self {
        Nullable::Absent
    }
}

/// A value (`Nullable::from(3)`), for the setters' callers and tests.
impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// On its own (outside a model, which leaves an absent one out), absent and `null` are both
/// `null`.
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

/// `null` is [`Null`](Nullable::Null); a model's decoding makes a missing key
/// [`Absent`](Nullable::Absent).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}
