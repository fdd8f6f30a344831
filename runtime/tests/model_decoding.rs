//! Key matching of the generated structs' `Deserialize`: the runtime's `FieldIndex` and
//! `FieldOrKey` seeds, the functions that decode an entry into its field, and the
//! missing-field error, driven here by a hand-written struct shaped like the generated ones,
//! through serde_json's and serde's buffered deserializers.

use std::collections::BTreeMap;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use specforge_runtime::model_decoding::{
    additional_property, optional_field, required, required_field, skip_value, FieldIndex, FieldOrKey,
    StringEnumVisitor,
};

/// Shaped like a generated struct: one required field, one optional.
#[derive(Debug, PartialEq)]
struct Job {
    id: String,
    retries: Option<u32>,
}

impl<'de> Deserialize<'de> for Job {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JobVisitor;

        impl<'de> Visitor<'de> for JobVisitor {
            type Value = Job;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of type Job")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Job, A::Error> {
                let mut id: Option<String> = None;
                let mut retries: Option<u32> = None;
                let names = FieldIndex(&["id", "retries"]);
                while let Some(key) = map.next_key_seed(names)? {
                    let decoded = match key {
                        Some(0) => required_field(&mut map, &mut id),
                        Some(1) => optional_field(&mut map, &mut retries),
                        _ => skip_value(&mut map),
                    };
                    decoded?;
                }
                Ok(Job { id: required(id, "id")?, retries })
            }
        }

        deserializer.deserialize_map(JobVisitor)
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
        struct LabelsVisitor;

        impl<'de> Visitor<'de> for LabelsVisitor {
            type Value = Labels;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of type Labels")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Labels, A::Error> {
                let mut name: Option<String> = None;
                let mut additional_properties: BTreeMap<String, u32> = BTreeMap::new();
                let names = FieldOrKey(&["name"]);
                while let Some(key) = map.next_key_seed(names)? {
                    let decoded = match key {
                        Ok(0) => optional_field(&mut map, &mut name),
                        Err(key) => additional_property(&mut map, &mut additional_properties, key),
                        Ok(_) => skip_value(&mut map),
                    };
                    decoded?;
                }
                Ok(Labels { name, additional_properties })
            }
        }

        deserializer.deserialize_map(LabelsVisitor)
    }
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
