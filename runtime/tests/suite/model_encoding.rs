//! The generated structs' `Serialize` through the runtime's `encode_object`: set fields in
//! order, unset optional ones left out, additional properties last, tuples of tuples for
//! wide structs, and the first error of the serializer as the result.

use std::collections::BTreeMap;

use serde::ser::{Error as _, Serialize, Serializer};
use specforge_runtime::model_encoding::encode_object;

/// Shaped like a generated struct: one required field, one optional, additional properties.
struct Job {
    id: String,
    retries: Option<u32>,
    additional_properties: BTreeMap<String, bool>,
}

impl Serialize for Job {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        encode_object(serializer, &["id", "retries"], (Some(&self.id), &self.retries, &self.additional_properties))
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
struct Fails<'a>(&'a std::cell::Cell<u32>);

impl Serialize for Fails<'_> {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        self.0.set(self.0.get() + 1);
        Err(S::Error::custom(format!("failure {}", self.0.get())))
    }
}

/// Shaped like a generated struct whose entries fail from the second on.
struct Failing<'a> {
    calls: &'a std::cell::Cell<u32>,
}

impl Serialize for Failing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let failing = Fails(self.calls);
        encode_object(
            serializer,
            &["first", "bad", "later", "optional"],
            (Some(&1), Some(&failing), Some(&failing), &Some(Fails(self.calls))),
        )
    }
}

#[test]
fn the_first_error_is_the_result_and_later_entries_are_not_written() {
    let calls = std::cell::Cell::new(0);
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut out);
    let error = Failing { calls: &calls }.serialize(&mut serializer).unwrap_err();
    assert_eq!(error.to_string(), "failure 1");
    assert_eq!(calls.get(), 1);
    assert_eq!(String::from_utf8(out).unwrap(), r#"{"first":1,"bad":"#);
}

/// Shaped like a generated struct with more fields than one tuple holds.
struct Wide {
    values: [Option<u8>; 13],
    last: u8,
}

impl Serialize for Wide {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12] = &self.values;
        encode_object(
            serializer,
            &["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "last"],
            ((f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11), (f12, Some(&self.last))),
        )
    }
}

#[test]
fn a_tuple_of_tuples_writes_each_field_under_its_own_name() {
    let mut values = [None; 13];
    values[0] = Some(0);
    values[11] = Some(11);
    values[12] = Some(12);
    let wide = Wide { values, last: 99 };
    assert_eq!(serde_json::to_string(&wide).unwrap(), r#"{"f0":0,"f11":11,"f12":12,"last":99}"#);
}
