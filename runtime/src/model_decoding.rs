//! Decoding of the generated models: the one visitor of every struct, the slots its fields
//! decode into, matching an object key against the struct's wire names, the error of a
//! missing required field, and the visitor of string enums.
//!
//! A generated struct's `Deserialize` calls [`decode_object`] with its wire names; its
//! [`ObjectModel`] impl names the types of its field slots as a tuple
//! (`type Fields = (Option<String>, Required<i32>)`) and builds the struct from the decoded
//! slots. The loop over the object's entries, the key matching and the dispatch of an entry to
//! its slot live here, written once: the struct's code has no visitor type, no loop and no
//! call per field, so rustc type-checks and borrow-checks one tuple type and one struct
//! literal per struct instead of a `match` arm per field (which is what `cargo check` spent
//! most of the models' time on). Decoding is serde's derive with `#[serde(default)]` on the
//! optional fields: `null` or a missing key leaves an optional field unset, unknown keys are
//! skipped (or kept in the additional properties), a repeated key keeps its last value.
//!
//! Untagged unions ([`best_member`]) decode to the member the value fits best: decoding notes
//! on this thread what it had to let through (a key a struct does not declare, a string enum
//! value it does not know, a union value no member took), and the member that needed the
//! least of it wins.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use super::nullable::Nullable;

/// A generated struct as its `Deserialize` builds it: the slots its fields decode into, what
/// becomes of the keys it does not name, and the struct made from them once the object ends.
pub trait ObjectModel: Sized {
    /// One slot per field, in the order of the wire names given to [`decode_object`]: an
    /// `Option<T>` for an optional field, a [`Required<T>`] for a required one; a tuple of
    /// them for several fields (up to 12 in one tuple; tuples of tuples beyond that).
    type Fields: FieldSlots;

    /// [`IgnoredAny`] when unknown keys are skipped, a `BTreeMap<String, T>` when they are
    /// kept as the struct's additional properties.
    type Additional: AdditionalProperties;

    /// The struct made from its decoded slots; the error of a missing required field (see
    /// [`required`]).
    fn finish<E: de::Error>(fields: Self::Fields, additional: Self::Additional) -> Result<Self, E>;
}

/// Decodes a struct from an object whose keys are `names` (in the order of its
/// [`ObjectModel::Fields`]); `name` is the struct's, for the error of a value that is not an
/// object ("expected an object of type Name").
pub fn decode_object<'de, T: ObjectModel, D: de::Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    names: &'static [&'static str],
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor { name, names, model: PhantomData })
}

/// The visitor of every generated struct.
struct ObjectVisitor<T> {
    name: &'static str,
    names: &'static [&'static str],
    model: PhantomData<fn() -> T>,
}

impl<'de, T: ObjectModel> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of type {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut fields = T::Fields::EMPTY;
        let mut additional = T::Additional::default();
        while let Some(key) = T::Additional::next_key(&mut map, self.names)? {
            match key {
                Ok(index) => fields.decode(index, &mut map)?,
                Err(key) => additional.insert(key, &mut map)?,
            }
        }
        T::finish(fields, additional)
    }
}

/// The slots of a struct's fields while its object is read: one field (`Option<T>`,
/// [`Required<T>`]) or a tuple of slots.
pub trait FieldSlots {
    /// How many fields: the wire names this takes.
    const COUNT: usize;

    /// Every slot unset (a constant, so that starting a struct's decoding is no code).
    const EMPTY: Self;

    /// Decodes the entry's value into the slot of field `index` (counted from this one's first).
    fn decode<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// An optional field: `null` leaves it unset, as with serde's derive and `#[serde(default)]`.
impl<T: DeserializeOwned> FieldSlots for Option<T> {
    const COUNT: usize = 1;
    const EMPTY: Self = None;

    fn decode<'de, A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        *self = map.next_value()?;
        Ok(())
    }
}

/// An optional field that may be `null`: a missing key leaves it absent, `null` is kept as
/// such.
impl<T: DeserializeOwned> FieldSlots for Nullable<T> {
    const COUNT: usize = 1;
    const EMPTY: Self = Nullable::Absent;

    fn decode<'de, A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        *self = map.next_value()?;
        Ok(())
    }
}

/// The slot of a required field: its value once decoded; [`required`] takes it out, or makes
/// the "missing field" error.
pub struct Required<T>(pub Option<T>);

impl<T: DeserializeOwned> FieldSlots for Required<T> {
    const COUNT: usize = 1;
    const EMPTY: Self = Required(None);

    fn decode<'de, A: MapAccess<'de>>(&mut self, _: usize, map: &mut A) -> Result<(), A::Error> {
        self.0 = Some(map.next_value()?);
        Ok(())
    }
}

/// A struct without fields.
impl FieldSlots for () {
    const COUNT: usize = 0;
    const EMPTY: Self = ();

    fn decode<'de, A: MapAccess<'de>>(&mut self, index: usize, _: &mut A) -> Result<(), A::Error> {
        Err(past_the_fields(index))
    }
}

/// The error of an index past a struct's fields, which only a struct whose wire names and
/// slots disagree could produce (the generator writes both from one field list).
fn past_the_fields<E: de::Error>(index: usize) -> E {
    E::custom(format_args!("no field slot for wire name {index}"))
}

/// Implements [`FieldSlots`] for a tuple of slots. The generator fills every element but the
/// last with as many fields as the first holds (one field each, or 12, or 144), so the element
/// of field `index` is `index / width` and its field there `index % width`: one `match`.
macro_rules! tuple_field_slots {
    ($($slot:ident $position:tt),+) => {
        impl<S0: FieldSlots, $($slot: FieldSlots),+> FieldSlots for (S0, $($slot,)+) {
            const COUNT: usize = S0::COUNT $(+ $slot::COUNT)+;
            const EMPTY: Self = (S0::EMPTY, $($slot::EMPTY,)+);

            fn decode<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                // `()` holds no field and is never an element; the guard keeps `/` defined.
                let width = if S0::COUNT == 0 { 1 } else { S0::COUNT };
                let inner = index % width;
                match index / width {
                    0 => self.0.decode(inner, map),
                    $($position => self.$position.decode(inner, map),)+
                    _ => Err(past_the_fields(index)),
                }
            }
        }
    };
}

tuple_field_slots!(S1 1);
tuple_field_slots!(S1 1, S2 2);
tuple_field_slots!(S1 1, S2 2, S3 3);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9, S10 10);
tuple_field_slots!(S1 1, S2 2, S3 3, S4 4, S5 5, S6 6, S7 7, S8 8, S9 9, S10 10, S11 11);

/// What a struct does with the keys it does not name. Reading a key is part of it: keeping
/// a key means reading it as an owned string, skipping it means not allocating. Both methods
/// are generic only in the deserializer (and the kept values' type), not in the struct.
pub trait AdditionalProperties: Default {
    /// A key the struct does not name, as [`next_key`](Self::next_key) returns it.
    type UnknownKey;

    /// Reads the object's next key: `Ok(index)` for the field of `names[index]`, `Err` for
    /// another key; `None` once the object ends.
    fn next_key<'de, A: MapAccess<'de>>(
        map: &mut A,
        names: &'static [&'static str],
    ) -> Result<Option<Result<usize, Self::UnknownKey>>, A::Error>;

    /// Reads the value of an unknown key: skipped or kept.
    fn insert<'de, A: MapAccess<'de>>(&mut self, key: Self::UnknownKey, map: &mut A) -> Result<(), A::Error>;
}

/// Unknown keys are skipped without allocating.
impl AdditionalProperties for IgnoredAny {
    type UnknownKey = IgnoredAny;

    fn next_key<'de, A: MapAccess<'de>>(
        map: &mut A,
        names: &'static [&'static str],
    ) -> Result<Option<Result<usize, IgnoredAny>>, A::Error> {
        Ok(map.next_key_seed(FieldIndex(names))?.map(|key| key.ok_or(IgnoredAny)))
    }

    fn insert<'de, A: MapAccess<'de>>(&mut self, _: IgnoredAny, map: &mut A) -> Result<(), A::Error> {
        note_loose();
        map.next_value::<IgnoredAny>()?;
        Ok(())
    }
}

/// Unknown keys are kept with their decoded values.
impl<T: DeserializeOwned> AdditionalProperties for BTreeMap<String, T> {
    type UnknownKey = String;

    fn next_key<'de, A: MapAccess<'de>>(
        map: &mut A,
        names: &'static [&'static str],
    ) -> Result<Option<Result<usize, String>>, A::Error> {
        map.next_key_seed(FieldOrKey(names))
    }

    fn insert<'de, A: MapAccess<'de>>(&mut self, key: String, map: &mut A) -> Result<(), A::Error> {
        BTreeMap::insert(self, key, map.next_value()?);
        Ok(())
    }
}

/// A required field's value, or serde's "missing field" error when the object lacked it.
pub fn required<T, E: de::Error>(slot: Required<T>, field: &'static str) -> Result<T, E> {
    slot.0.ok_or_else(|| E::missing_field(field))
}

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

thread_local! {
    /// How many things the decoding in progress on this thread let through rather than
    /// decoded exactly (see [`note_loose`]). A thread-local because serde gives a
    /// `Deserialize` impl no state of its caller's: this is how [`best_member`] learns how well
    /// a member fitted, without a second pass over the value or code in every model.
    static LOOSE: Cell<u32> = const { Cell::new(0) };
}

/// Notes that the value being decoded did not fit its type exactly: a key the struct does
/// not declare (skipped), a string enum value the enum does not know (kept as `Unknown`), a
/// union value no member takes (kept as JSON). Decoding still succeeds; [`best_member`]
/// prefers a member that needed none of it.
pub fn note_loose() {
    LOOSE.with(|loose| loose.set(loose.get().saturating_add(1)));
}

/// The `Unknown` value of a string enum's `From<&str>`: the string, owned, noted as loose
/// (see [`note_loose`]).
pub fn unknown_enum_value(value: &str) -> String {
    note_loose();
    value.to_owned()
}

/// Decodes an untagged union: the first member (in `members`' order, the spec's) that decodes
/// `value` exactly, else the decodable member that let the fewest things through (ties keep
/// the order); `None` when no member decodes it. The first exact member ends the search, so
/// a value of the first member costs one attempt. What the chosen member let through counts
/// toward the decoding around this one (a union inside a union member), the rejected members'
/// attempts do not.
pub fn best_member<T>(value: &serde_json::Value, members: &[fn(&serde_json::Value) -> Option<T>]) -> Option<T> {
    let outer = LOOSE.with(Cell::get);
    let mut best: Option<(u32, T)> = None;
    for member in members {
        LOOSE.with(|loose| loose.set(0));
        let Some(decoded) = member(value) else { continue };
        let loose = LOOSE.with(Cell::get);
        if loose == 0 {
            LOOSE.with(|cell| cell.set(outer));
            return Some(decoded);
        }
        if best.as_ref().is_none_or(|(fewest, _)| loose < *fewest) {
            best = Some((loose, decoded));
        }
    }
    let chosen = best.as_ref().map_or(1, |(loose, _)| *loose);
    LOOSE.with(|cell| cell.set(outer.saturating_add(chosen)));
    best.map(|(_, decoded)| decoded)
}
