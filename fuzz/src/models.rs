//! Every model of the full Atlas module, each with its round-trip check: the table that
//! `build.rs` writes from the IR, so a model the generator emits is a model the fuzzer reaches.

use serde::{de::DeserializeOwned, Serialize};

use crate::atlas;

/// One model of the Atlas module.
pub struct Model {
    /// Its name in `atlas::models`.
    pub name: &'static str,
    /// [`round_trip`] for its type.
    pub check: fn(&[u8]),
    /// A document of its shape made from the IR (required fields, optional ones near the top,
    /// first enum values and union members): a seed, not necessarily one that decodes.
    pub sample: &'static str,
}

/// Decodes `json` as `T`; when it decodes, the value must encode, the encoding must decode,
/// and that second value must encode to the same bytes.
///
/// Why this property: the input itself cannot be compared with an encoding, since JSON that
/// decodes to the same value is spelled in many ways (whitespace, key order, `1e2` for `100`,
/// escapes, duplicate keys, fields a model ignores). Once decoded, a value is in the model's
/// own form, and encoding is a function of the value; so a model that reads back what it wrote
/// gives the same bytes the second time. A model that does not (a union whose encoding decodes
/// as another member, an unknown enum value or field not written back as read, a flattened map
/// that takes or doubles a field, a three-state field whose `null` becomes absent) changes them.
/// That is what a client relies on when it sends back what it read (read, modify, write).
pub fn round_trip<T: Serialize + DeserializeOwned>(json: &[u8]) {
    let name = std::any::type_name::<T>();
    let Ok(value) = serde_json::from_slice::<T>(json) else { return };
    let first =
        serde_json::to_vec(&value).unwrap_or_else(|error| panic!("{name} decoded but does not encode: {error}"));
    let again: T = serde_json::from_slice(&first).unwrap_or_else(|error| {
        panic!("{name}: its encoding does not decode: {error}\n{}", String::from_utf8_lossy(&first))
    });
    let second =
        serde_json::to_vec(&again).unwrap_or_else(|error| panic!("{name} decoded but does not encode: {error}"));
    assert!(
        first == second,
        "{name}: the encoding changed on a second trip\nfirst:  {}\nsecond: {}",
        String::from_utf8_lossy(&first),
        String::from_utf8_lossy(&second)
    );
}

include!(concat!(env!("OUT_DIR"), "/atlas_models.rs"));

/// The model an input selects by its first two bytes (big-endian, modulo the number of
/// models), and the JSON that follows them.
pub fn select(data: &[u8]) -> Option<(&'static Model, &[u8])> {
    let [high, low, json @ ..] = data else { return None };
    let index = usize::from(u16::from_be_bytes([*high, *low])) % MODELS.len();
    Some((&MODELS[index], json))
}

/// The seed of each model: its index, then its sample.
pub fn seeds() -> impl Iterator<Item = (String, Vec<u8>)> {
    MODELS.iter().enumerate().map(|(index, model)| {
        let index = u16::try_from(index).expect("fewer than 65,536 models");
        let mut bytes = index.to_be_bytes().to_vec();
        bytes.extend_from_slice(model.sample.as_bytes());
        (format!("seed-{}", model.name), bytes)
    })
}
