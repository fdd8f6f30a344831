//! Decoding of the generated structs: the runtime's one object visitor (`decode_object`),
//! its field slots (`Option<T>`, `Required<T>`, tuples of them) and key matching, and the
//! missing-field error, driven here by hand-written structs shaped like the generated ones,
//! through serde_json's and serde_json::Value's deserializers.

use std::collections::BTreeMap;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny};
use specforge_runtime::model_decoding::{decode_object, required, ObjectModel, Required, StringEnumVisitor};

/// Shaped like a generated struct: one required field, one optional.
#[derive(Debug, PartialEq)]
struct Job {
    id: String,
    retries: Option<u32>,
}

impl<'de> Deserialize<'de> for Job {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "Job", &["id", "retries"])
    }
}

impl ObjectModel for Job {
    type Fields = (Required<String>, Option<u32>);
    type Additional = IgnoredAny;

    fn finish<E: de::Error>((id, retries): Self::Fields, _: Self::Additional) -> Result<Self, E> {
        Ok(Job { id: required(id, "id")?, retries })
    }
}

/// Shaped like a generated struct with additional properties.
#[derive(Debug, PartialEq)]
struct Labels {
    name: Option<String>,
    additional_properties: BTreeMap<String, u32>,
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "Labels", &["name"])
    }
}

impl ObjectModel for Labels {
    type Fields = Option<String>;
    type Additional = BTreeMap<String, u32>;

    fn finish<E: de::Error>(name: Self::Fields, additional_properties: Self::Additional) -> Result<Self, E> {
        Ok(Labels { name, additional_properties })
    }
}

/// Shaped like a generated struct with more fields than one tuple holds: its slots are a
/// tuple of tuples, and every field still lands in its own slot.
#[derive(Debug, PartialEq)]
struct Wide {
    values: [Option<u8>; 14],
    last: u8,
}

impl<'de> Deserialize<'de> for Wide {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(
            deserializer,
            "Wide",
            &["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13", "last"],
        )
    }
}

type Twelve = (
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
    Option<u8>,
);

impl ObjectModel for Wide {
    type Fields = (Twelve, (Option<u8>, Option<u8>, Required<u8>));
    type Additional = IgnoredAny;

    fn finish<E: de::Error>(
        ((f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11), (f12, f13, last)): Self::Fields,
        _: Self::Additional,
    ) -> Result<Self, E> {
        Ok(Wide { values: [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13], last: required(last, "last")? })
    }
}

#[test]
fn every_field_of_a_tuple_of_tuples_lands_in_its_own_slot() {
    let wide: Wide = serde_json::from_str(r#"{"last":99,"f13":13,"f0":0,"f11":11,"f12":12,"f5":5}"#).unwrap();
    let mut values = [None; 14];
    for index in [0, 5, 11, 12, 13] {
        values[index] = Some(index as u8);
    }
    assert_eq!(wide, Wide { values, last: 99 });
    let error = serde_json::from_str::<Wide>(r#"{"f13":1}"#).unwrap_err();
    assert!(error.to_string().starts_with("missing field `last`"), "{error}");
}

#[test]
fn known_keys_fill_fields_unknown_ones_are_skipped_and_null_is_none() {
    let job: Job = serde_json::from_str(r#"{"other":{"deep":[1,2]},"id":"a\"b","retries":null}"#).unwrap();
    assert_eq!(job, Job { id: "a\"b".to_owned(), retries: None });
    // Escaped keys arrive as owned strings and still match.
    let job: Job = serde_json::from_str(r#"{"\u0069d":"x","retries":3}"#).unwrap();
    assert_eq!(job, Job { id: "x".to_owned(), retries: Some(3) });
    // Through serde_json::Value (a discriminated union decodes its variant this way).
    let job: Job = serde_json::from_value(serde_json::json!({"id": "v", "retries": 1})).unwrap();
    assert_eq!(job, Job { id: "v".to_owned(), retries: Some(1) });
}

#[test]
fn a_repeated_key_keeps_its_last_value_and_a_bad_value_stops_decoding() {
    let job: Job = serde_json::from_str(r#"{"id":"first","retries":1,"id":"last","retries":null}"#).unwrap();
    assert_eq!(job, Job { id: "last".to_owned(), retries: None });
    let error = serde_json::from_str::<Job>(r#"{"id":"x","retries":"three"}"#).unwrap_err();
    assert!(error.to_string().starts_with("invalid type: string \"three\", expected u32"), "{error}");
    // A skipped value must still be well-formed JSON.
    assert!(serde_json::from_str::<Job>(r#"{"id":"x","other":[1,}"#).is_err());
}

#[test]
fn a_missing_required_field_is_serdes_missing_field_error() {
    let error = serde_json::from_str::<Job>(r#"{"retries":1}"#).unwrap_err();
    assert!(error.to_string().starts_with("missing field `id`"), "{error}");
    let error = serde_json::from_str::<Job>(r#"["x", 1]"#).unwrap_err();
    assert!(error.to_string().contains("expected an object of type Job"), "{error}");
}

#[test]
fn unknown_keys_are_kept_when_the_struct_keeps_additional_properties() {
    let labels: Labels = serde_json::from_str(r#"{"a":1,"name":"n","b\u0062":2}"#).unwrap();
    let additional = BTreeMap::from([("a".to_owned(), 1), ("bb".to_owned(), 2)]);
    assert_eq!(labels, Labels { name: Some("n".to_owned()), additional_properties: additional });
    let error = serde_json::from_str::<Labels>(r#"{"a":"not a number"}"#).unwrap_err();
    assert!(error.to_string().contains("invalid type"), "{error}");
}

/// Shaped like a generated string enum: unknown values are kept.
#[derive(Debug, PartialEq)]
enum State {
    Queued,
    Other(String),
}

impl From<&str> for State {
    fn from(value: &str) -> Self {
        match value {
            "QUEUED" => State::Queued,
            other => State::Other(other.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for State {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StringEnumVisitor::new())
    }
}

#[test]
fn string_enums_decode_known_and_unknown_values_and_refuse_other_types() {
    let states: Vec<State> = serde_json::from_str(r#"["QUEUED","NEW\u0021"]"#).unwrap();
    assert_eq!(states, [State::Queued, State::Other("NEW!".to_owned())]);
    let error = serde_json::from_str::<State>("3").unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
}
