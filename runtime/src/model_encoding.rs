//! Encoding of the generated models: a struct's fields written as one JSON object.
//!
//! Each generated struct's `Serialize` hands its fields to an [`ObjectWriter`] one call each,
//! optional ones left out when unset. The writer keeps the first error and ignores the calls
//! after it, so that a struct's `serialize` has no `?` per field: one plain method call per
//! field is what rustc type-checks and borrow-checks, instead of a branch, a trait method of
//! the serializer and an error conversion.

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A JSON object being written: the serializer's map, or the first error it returned.
pub struct ObjectWriter<S: Serializer> {
    state: Result<S::SerializeMap, S::Error>,
}

impl<S: Serializer> ObjectWriter<S> {
    /// Starts the object (its length is not known up front: unset fields are left out).
    pub fn new(serializer: S) -> Self {
        ObjectWriter { state: serializer.serialize_map(None) }
    }

    /// Writes one entry, unless an earlier one failed.
    pub fn required<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        if let Ok(map) = &mut self.state {
            if let Err(error) = map.serialize_entry(name, value) {
                self.state = Err(error);
            }
        }
    }

    /// Writes one entry when the field is set, as serde's derive does with
    /// `skip_serializing_if = "Option::is_none"`.
    pub fn optional<T: Serialize>(&mut self, name: &str, value: &Option<T>) {
        if let Some(value) = value {
            self.required(name, value);
        }
    }

    /// Writes a struct's additional properties, after its named fields.
    pub fn additional<T: Serialize>(&mut self, properties: &BTreeMap<String, T>) {
        for (name, value) in properties {
            self.required(name, value);
        }
    }

    /// Ends the object; the first error, if any, is the result.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state?.end()
    }
}
