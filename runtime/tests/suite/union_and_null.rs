//! The three states of a nullable optional field (`Nullable`: absent, `null`, a value) through
//! the runtime's object decoding and encoding, and the choice of an untagged union's member
//! (`best_member`): the first member that decodes a value exactly beats one that needs an
//! unknown enum value or ignores keys, ties keep the order, and what a chosen inner member let
//! through counts for the union around it. The types are hand-written in the shape the
//! generator emits.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny};
use serde::{Serialize, Serializer};
use serde_json::{json, Value};
use specforge_runtime::model_decoding::{
    best_member, decode_object, unknown_enum_value, ObjectModel, StringEnumVisitor,
};
use specforge_runtime::model_encoding::encode_object;
use specforge_runtime::Nullable;

/// Shaped like a generated struct with one optional nullable field and one optional field.
#[derive(Debug, Clone, PartialEq, Default)]
struct ProcessArgs {
    oplog_min_retention_hours: Nullable<f64>,
    javascript_enabled: Option<bool>,
}

impl Serialize for ProcessArgs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        encode_object(
            serializer,
            &["oplogMinRetentionHours", "javascriptEnabled"],
            (&self.oplog_min_retention_hours, &self.javascript_enabled),
        )
    }
}

impl<'de> Deserialize<'de> for ProcessArgs {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "ProcessArgs", &["oplogMinRetentionHours", "javascriptEnabled"])
    }
}

impl ObjectModel for ProcessArgs {
    type Fields = (Nullable<f64>, Option<bool>);
    type Additional = IgnoredAny;

    fn finish<E: de::Error>(
        (oplog_min_retention_hours, javascript_enabled): Self::Fields,
        _: Self::Additional,
    ) -> Result<Self, E> {
        Ok(ProcessArgs { oplog_min_retention_hours, javascript_enabled })
    }
}

fn round_trip(text: &str) -> (ProcessArgs, String) {
    let decoded: ProcessArgs = serde_json::from_str(text).expect("decodes");
    let encoded = serde_json::to_string(&decoded).expect("encodes");
    (decoded, encoded)
}

#[test]
fn absent_null_and_a_value_are_three_states_that_round_trip_exactly() {
    let (absent, encoded) = round_trip("{}");
    assert_eq!(absent.oplog_min_retention_hours, Nullable::Absent);
    assert_eq!(encoded, "{}");

    let (null, encoded) = round_trip(r#"{"oplogMinRetentionHours":null}"#);
    assert_eq!(null.oplog_min_retention_hours, Nullable::Null);
    assert_eq!(encoded, r#"{"oplogMinRetentionHours":null}"#);

    let (value, encoded) = round_trip(r#"{"oplogMinRetentionHours":1.5}"#);
    assert_eq!(value.oplog_min_retention_hours, Nullable::Value(1.5));
    assert_eq!(value.oplog_min_retention_hours.value(), Some(&1.5));
    assert_eq!(encoded, r#"{"oplogMinRetentionHours":1.5}"#);

    // An `Option` field beside it keeps its two states: `null` is unset and left out.
    let (optional, encoded) = round_trip(r#"{"javascriptEnabled":null}"#);
    assert_eq!(optional.javascript_enabled, None);
    assert_eq!(encoded, "{}");

    // Through serde_json::Value's deserializer too (what unions decode members with).
    let decoded = ProcessArgs::deserialize(&json!({"oplogMinRetentionHours": null})).expect("decodes");
    assert!(decoded.oplog_min_retention_hours.is_null());
}

#[test]
fn a_nullable_on_its_own_is_null_or_its_value() {
    assert_eq!(serde_json::to_string(&Nullable::<u8>::Null).unwrap(), "null");
    assert_eq!(serde_json::to_string(&Nullable::Value(3u8)).unwrap(), "3");
    assert_eq!(serde_json::from_str::<Nullable<u8>>("null").unwrap(), Nullable::Null);
    assert_eq!(serde_json::from_str::<Nullable<u8>>("7").unwrap(), Nullable::from(7));
    assert!(Nullable::<u8>::default().is_absent());
    assert_eq!(Nullable::Value(String::from("x")).as_ref().into_value().map(String::as_str), Some("x"));
}

/// Shaped like a generated string enum: `From<&str>` keeps unknown values through the runtime.
#[derive(Debug, Clone, PartialEq)]
enum AwsRegion {
    UsEast1,
    Unknown(String),
}

impl From<&str> for AwsRegion {
    fn from(value: &str) -> Self {
        match value {
            "US_EAST_1" => Self::UsEast1,
            other => Self::Unknown(unknown_enum_value(other)),
        }
    }
}

impl<'de> Deserialize<'de> for AwsRegion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StringEnumVisitor::new())
    }
}

#[derive(Debug, Clone, PartialEq)]
enum AzureRegion {
    EuropeNorth,
    Unknown(String),
}

impl From<&str> for AzureRegion {
    fn from(value: &str) -> Self {
        match value {
            "EUROPE_NORTH" => Self::EuropeNorth,
            other => Self::Unknown(unknown_enum_value(other)),
        }
    }
}

impl<'de> Deserialize<'de> for AzureRegion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StringEnumVisitor::new())
    }
}

/// Shaped like a generated untagged union of two string enums.
#[derive(Debug, PartialEq)]
enum Region {
    Aws(AwsRegion),
    Azure(AzureRegion),
    Other(Value),
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let members: &[fn(&Value) -> Option<Self>] = &[
            |value| AwsRegion::deserialize(value).ok().map(Self::Aws),
            |value| AzureRegion::deserialize(value).ok().map(Self::Azure),
        ];
        Ok(best_member(&value, members).unwrap_or(Self::Other(value)))
    }
}

#[test]
fn the_member_that_knows_the_value_wins_over_the_first_that_accepts_it() {
    let decode = |value: Value| Region::deserialize(&value).expect("decodes");
    assert_eq!(decode(json!("US_EAST_1")), Region::Aws(AwsRegion::UsEast1));
    // Both enums accept any string; only the second knows this one.
    assert_eq!(decode(json!("EUROPE_NORTH")), Region::Azure(AzureRegion::EuropeNorth));
    // Known to neither: both need `Unknown`, and the tie keeps the first.
    assert_eq!(decode(json!("MARS_1")), Region::Aws(AwsRegion::Unknown("MARS_1".into())));
    // Decoded by no member: kept as JSON.
    assert_eq!(decode(json!(12)), Region::Other(json!(12)));
}

/// Shaped like a generated struct that ignores keys it does not declare.
#[derive(Debug, PartialEq)]
struct AwsSpec {
    instance_size: Option<String>,
}

impl<'de> Deserialize<'de> for AwsSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "AwsSpec", &["instanceSize"])
    }
}

impl ObjectModel for AwsSpec {
    type Fields = Option<String>;
    type Additional = IgnoredAny;

    fn finish<E: de::Error>(instance_size: Self::Fields, _: Self::Additional) -> Result<Self, E> {
        Ok(AwsSpec { instance_size })
    }
}

#[derive(Debug, PartialEq)]
struct AzureSpec {
    instance_size: Option<String>,
    disk_size: Option<u32>,
    region: Option<Region>,
}

impl<'de> Deserialize<'de> for AzureSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "AzureSpec", &["instanceSize", "diskSize", "region"])
    }
}

impl ObjectModel for AzureSpec {
    type Fields = (Option<String>, Option<u32>, Option<Region>);
    type Additional = IgnoredAny;

    fn finish<E: de::Error>((instance_size, disk_size, region): Self::Fields, _: Self::Additional) -> Result<Self, E> {
        Ok(AzureSpec { instance_size, disk_size, region })
    }
}

#[derive(Debug, PartialEq)]
enum Spec {
    Aws(AwsSpec),
    Azure(AzureSpec),
    Other(Value),
}

impl<'de> Deserialize<'de> for Spec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let members: &[fn(&Value) -> Option<Self>] = &[
            |value| AwsSpec::deserialize(value).ok().map(Self::Aws),
            |value| AzureSpec::deserialize(value).ok().map(Self::Azure),
        ];
        Ok(best_member(&value, members).unwrap_or(Self::Other(value)))
    }
}

/// Shaped like a struct holding a union, inside another union: the loose count of the inner
/// union's chosen member is the outer member's.
#[derive(Debug, PartialEq)]
struct Holder {
    spec: Option<Spec>,
}

impl<'de> Deserialize<'de> for Holder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        decode_object(deserializer, "Holder", &["spec"])
    }
}

impl ObjectModel for Holder {
    type Fields = Option<Spec>;
    type Additional = IgnoredAny;

    fn finish<E: de::Error>(spec: Self::Fields, _: Self::Additional) -> Result<Self, E> {
        Ok(Holder { spec })
    }
}

#[derive(Debug, PartialEq)]
enum Outer {
    Holder(Holder),
    Raw(Value),
    Other(Value),
}

impl<'de> Deserialize<'de> for Outer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let members: &[fn(&Value) -> Option<Self>] = &[
            |value| Holder::deserialize(value).ok().map(Self::Holder),
            |value| serde_json::Map::<String, Value>::deserialize(value).ok().map(|_| Self::Raw(value.clone())),
        ];
        Ok(best_member(&value, members).unwrap_or(Self::Other(value)))
    }
}

#[test]
fn a_struct_that_declares_every_key_wins_over_one_that_ignores_some() {
    let decode = |value: Value| Spec::deserialize(&value).expect("decodes");
    // Only a key both declare: exact for the first, which wins (spec order).
    assert_eq!(decode(json!({"instanceSize": "M10"})), Spec::Aws(AwsSpec { instance_size: Some("M10".into()) }));
    // `diskSize` is the second member's own: the first would ignore it.
    assert_eq!(
        decode(json!({"instanceSize": "M10", "diskSize": 8})),
        Spec::Azure(AzureSpec { instance_size: Some("M10".into()), disk_size: Some(8), region: None })
    );
    // A key neither declares: both ignore one key, and the tie keeps the first.
    assert_eq!(decode(json!({"color": "red"})), Spec::Aws(AwsSpec { instance_size: None }));
}

#[test]
fn an_inner_unions_choice_counts_for_the_member_around_it() {
    // The inner union decodes its region exactly (the Azure enum knows it): the holder is
    // exact and wins over the free-form object member.
    let exact = json!({"spec": {"diskSize": 1, "region": "EUROPE_NORTH"}});
    assert!(matches!(Outer::deserialize(&exact).unwrap(), Outer::Holder(_)));
    // The inner union's best member still needs an unknown enum value: the holder is loose,
    // and the free-form member, which takes any object exactly, wins.
    let loose = json!({"spec": {"diskSize": 1, "region": "MARS_1"}});
    assert_eq!(Outer::deserialize(&loose).unwrap(), Outer::Raw(loose.clone()));
    // The rejected attempts leave no trace on the decoding around the union: a struct that
    // holds the union and nothing loose is exact.
    let decoded: Holder = serde_json::from_value(json!({"spec": {"instanceSize": "M10"}})).unwrap();
    assert_eq!(decoded, Holder { spec: Some(Spec::Aws(AwsSpec { instance_size: Some("M10".into()) })) });
}
