//! The generated structs' `Serialize` through the runtime's `ObjectWriter`: set fields in
//! order, unset optional ones left out, additional properties last, and the first error of
//! the serializer kept as the result.

use std::collections::BTreeMap;

use serde::ser::{Error as _, Serialize, Serializer};
use specforge_runtime::model_encoding::ObjectWriter;

/// Shaped like a generated struct: one required field, one optional, additional properties.
struct Job {
    id: String,
    retries: Option<u32>,
    additional_properties: BTreeMap<String, bool>,
}

impl Serialize for Job {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = ObjectWriter::new(serializer);
        object.required("id", &self.id);
        object.optional("retries", &self.retries);
        object.additional(&self.additional_properties);
        object.end()
    }
}

#[test]
fn set_fields_are_written_in_order_and_unset_ones_left_out() {
    let job = Job { id: "a".to_owned(), retries: None, additional_properties: BTreeMap::new() };
    assert_eq!(serde_json::to_string(&job).unwrap(), r#"{"id":"a"}"#);
    let additional = BTreeMap::from([("z".to_owned(), true), ("b".to_owned(), false)]);
    let job = Job { id: "a".to_owned(), retries: Some(0), additional_properties: additional };
    assert_eq!(serde_json::to_string(&job).unwrap(), r#"{"id":"a","retries":0,"b":false,"z":true}"#);
}

/// A value whose serialization fails, and counts how often it was asked to.
struct Failing<'a>(&'a std::cell::Cell<u32>);

impl Serialize for Failing<'_> {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        self.0.set(self.0.get() + 1);
        Err(S::Error::custom(format!("failure {}", self.0.get())))
    }
}

#[test]
fn the_first_error_is_the_result_and_later_entries_are_not_written() {
    let calls = std::cell::Cell::new(0);
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let mut object = ObjectWriter::new(&mut serializer);
    object.required("first", &1);
    object.required("bad", &Failing(&calls));
    object.required("later", &Failing(&calls));
    object.optional("optional", &Some(Failing(&calls)));
    let error = object.end().unwrap_err();
    assert_eq!(error.to_string(), "failure 1");
    assert_eq!(calls.get(), 1);
    assert_eq!(String::from_utf8(out).unwrap(), r#"{"first":1,"bad":"#);
}
