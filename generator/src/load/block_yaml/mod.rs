//! A fast reader for the YAML that specs are written in: block mappings and sequences, plain,
//! quoted and block scalars, flow collections, comments. It reads a 4 MB spec several times
//! faster than serde_yaml, whose libyaml scanner and event list were most of a generation's CPU
//! time, and deserializes exactly as serde_yaml 0.9 does (the same resolution of plain scalars
//! to nulls, booleans and numbers, the same answers to each `deserialize_*` call).
//!
//! It is a fast path, not a second YAML implementation: anchors, aliases, tags, complex keys,
//! directives, several documents, tabs as indentation and other line breaks than `\n` are
//! outside it, and for those (and for any text that is not YAML, or does not deserialize)
//! [`from_str`] returns `None` and the caller parses with serde_yaml, which also places the
//! errors.

mod events;

use events::{Event, Scalar};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The document as `T`, read as serde_yaml would read it; `None` when the text is outside the
/// subset read here or does not deserialize into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let events = events::read(text).ok()?;
    let mut deserializer = Deserializer { events: events.into_iter().peekable() };
    let value = T::deserialize(&mut deserializer).ok()?;
    deserializer.events.next().is_none().then_some(value)
}

/// Why a deserialization failed; only that it failed matters, as the caller then parses with
/// serde_yaml for the real message.
#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

struct Deserializer<'a> {
    events: std::iter::Peekable<std::vec::IntoIter<Event<'a>>>,
}

impl<'a> Deserializer<'a> {
    fn next(&mut self) -> Result<Event<'a>> {
        self.events.next().ok_or_else(|| Error("unexpected end of the document".to_owned()))
    }

    fn peek(&mut self) -> Result<&Event<'a>> {
        self.events.peek().ok_or_else(|| Error("unexpected end of the document".to_owned()))
    }

    /// The next event as a scalar, for the typed `deserialize_*` calls.
    fn scalar(&mut self, expected: &dyn de::Expected) -> Result<Scalar<'a>> {
        match self.next()? {
            Event::Scalar(scalar) => Ok(scalar),
            Event::SequenceStart => Err(de::Error::invalid_type(de::Unexpected::Seq, expected)),
            Event::MappingStart => Err(de::Error::invalid_type(de::Unexpected::Map, expected)),
            Event::SequenceEnd | Event::MappingEnd => Err(Error("unexpected end of a collection".to_owned())),
        }
    }

    /// Skips one whole node.
    fn skip(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Event::Scalar(_) => {}
                Event::SequenceStart | Event::MappingStart => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    depth = depth.checked_sub(1).ok_or_else(|| Error("unexpected end of a collection".to_owned()))?;
                }
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// A plain scalar read by `parse` and given to the visitor by `visit`: how serde_yaml
    /// answers the typed boolean and number calls (a quoted `"1"` is not a number to them).
    fn plain_as<'de, V: Visitor<'de>, T>(
        &mut self,
        visitor: V,
        parse: impl FnOnce(&str) -> Option<T>,
        visit: impl FnOnce(V, T) -> Result<V::Value>,
    ) -> Result<V::Value> {
        let scalar = self.scalar(&visitor)?;
        match scalar.plain.then(|| parse(&scalar.value)).flatten() {
            Some(value) => visit(visitor, value),
            None => Err(de::Error::invalid_type(de::Unexpected::Str(&scalar.value), &visitor)),
        }
    }

    fn sequence<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = visitor.visit_seq(Entries { de: self })?;
        match self.next()? {
            Event::SequenceEnd => Ok(value),
            _ => Err(Error("a sequence has more entries than expected".to_owned())),
        }
    }

    fn mapping<'de, V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let value = visitor.visit_map(Entries { de: self })?;
        match self.next()? {
            Event::MappingEnd => Ok(value),
            _ => Err(Error("a mapping has more entries than expected".to_owned())),
        }
    }
}

/// How serde_yaml reads an untagged plain scalar when any type will do.
fn visit_plain<'de, V: Visitor<'de>>(visitor: V, value: Cow<'_, str>) -> Result<V::Value> {
    let v = value.as_ref();
    if v.is_empty() || is_null(v) {
        return visitor.visit_unit();
    }
    if let Some(boolean) = parse_bool(v) {
        return visitor.visit_bool(boolean);
    }
    if !may_be_number(v) {
        return visit_string(visitor, value);
    }
    if let Some(int) = parse_unsigned(v, u64::from_str_radix) {
        return visitor.visit_u64(int);
    }
    if let Some(int) = parse_negative(v, i64::from_str_radix) {
        return visitor.visit_i64(int);
    }
    if let Some(int) = parse_unsigned(v, u128::from_str_radix) {
        return visitor.visit_u128(int);
    }
    if let Some(int) = parse_negative(v, i128::from_str_radix) {
        return visitor.visit_i128(int);
    }
    if !leading_zero_digits(v) {
        if let Some(float) = parse_float(v) {
            return visitor.visit_f64(float);
        }
    }
    visit_string(visitor, value)
}

/// Whether a plain scalar might read as a number: every integer and finite float that the
/// parsers below accept starts, after its sign, with a digit or a dot. Most scalars are words,
/// and this spares them four integer parses and a float parse.
fn may_be_number(v: &str) -> bool {
    let unsigned = v.strip_prefix(['+', '-']).unwrap_or(v);
    unsigned.as_bytes().first().is_some_and(|b| b.is_ascii_digit() || *b == b'.')
}

fn visit_string<'de, V: Visitor<'de>>(visitor: V, value: Cow<'_, str>) -> Result<V::Value> {
    match value {
        Cow::Borrowed(v) => visitor.visit_str(v),
        Cow::Owned(v) => visitor.visit_string(v),
    }
}

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Digits with a leading zero (`007`) are a string in YAML 1.2, not a number.
fn leading_zero_digits(v: &str) -> bool {
    let digits = v.strip_prefix(['-', '+']).unwrap_or(v);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

type FromStrRadix<T> = fn(&str, u32) -> std::result::Result<T, std::num::ParseIntError>;

/// A hexadecimal, octal or binary integer (`0x1f`, `0o17`, `0b11`); `None` for a sign after
/// the prefix, whatever follows.
fn parse_radix<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    None
}

/// A negative hexadecimal, octal or binary integer (`-0x1f`).
fn parse_negative_radix<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    None
}

fn parse_unsigned<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unsigned = v.strip_prefix('+').unwrap_or(v);
    if let Some(int) = parse_radix(unsigned, from_str_radix) {
        return Some(int);
    }
    if unsigned.starts_with(['+', '-']) || leading_zero_digits(v) {
        return None;
    }
    from_str_radix(unsigned, 10).ok()
}

fn parse_negative<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    if let Some(int) = parse_negative_radix(v, from_str_radix) {
        return Some(int);
    }
    if leading_zero_digits(v) {
        return None;
    }
    from_str_radix(v, 10).ok()
}

fn parse_signed<T>(v: &str, from_str_radix: FromStrRadix<T>) -> Option<T> {
    let unsigned = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    if let Some(int) = parse_radix(unsigned, from_str_radix) {
        return Some(int);
    }
    if let Some(int) = parse_negative_radix(v, from_str_radix) {
        return Some(int);
    }
    if leading_zero_digits(v) {
        return None;
    }
    from_str_radix(unsigned, 10).ok()
}

fn parse_float(v: &str) -> Option<f64> {
    let unsigned = match v.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => v,
    };
    match (unsigned, v) {
        (".inf" | ".Inf" | ".INF", _) => return Some(f64::INFINITY),
        (_, "-.inf" | "-.Inf" | "-.INF") => return Some(f64::NEG_INFINITY),
        (_, ".nan" | ".NaN" | ".NAN") => return Some(f64::NAN.copysign(1.0)),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|float| float.is_finite())
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next()? {
            Event::Scalar(Scalar { value, plain: true }) => visit_plain(visitor, value),
            Event::Scalar(Scalar { value, plain: false }) => visit_string(visitor, value),
            Event::SequenceStart => self.sequence(visitor),
            Event::MappingStart => self.mapping(visitor),
            Event::SequenceEnd | Event::MappingEnd => Err(Error("unexpected end of a collection".to_owned())),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, parse_bool, V::visit_bool)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, |v| parse_signed(v, i64::from_str_radix), V::visit_i64)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, |v| parse_signed(v, i128::from_str_radix), V::visit_i128)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, |v| parse_unsigned(v, u64::from_str_radix), V::visit_u64)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, |v| parse_unsigned(v, u128::from_str_radix), V::visit_u128)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.plain_as(visitor, parse_float, V::visit_f64)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let scalar = self.scalar(&visitor)?;
        visit_string(visitor, scalar.value)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error("bytes are not read from YAML".to_owned()))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Error("bytes are not read from YAML".to_owned()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let is_none = match self.peek()? {
            Event::Scalar(Scalar { value, plain: true }) => value.is_empty() || is_null(value),
            _ => false,
        };
        if is_none {
            self.next()?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let scalar = self.scalar(&visitor)?;
        if scalar.plain && (scalar.value.is_empty() || is_null(&scalar.value)) {
            visitor.visit_unit()
        } else {
            Err(de::Error::invalid_value(de::Unexpected::Str(&scalar.value), &"null"))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next()? {
            Event::SequenceStart => self.sequence(visitor),
            // serde_yaml reads an empty plain scalar (`key:`) as an empty sequence.
            Event::Scalar(Scalar { value, plain: true }) if value.is_empty() => {
                visitor.visit_seq(de::value::SeqDeserializer::<_, Error>::new(std::iter::empty::<()>()))
            }
            Event::Scalar(scalar) => Err(de::Error::invalid_type(de::Unexpected::Str(&scalar.value), &visitor)),
            Event::MappingStart => Err(de::Error::invalid_type(de::Unexpected::Map, &visitor)),
            Event::SequenceEnd | Event::MappingEnd => Err(Error("unexpected end of a collection".to_owned())),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next()? {
            Event::MappingStart => self.mapping(visitor),
            // As for sequences: `key:` is an empty mapping too.
            Event::Scalar(Scalar { value, plain: true }) if value.is_empty() => {
                visitor.visit_map(de::value::MapDeserializer::<_, Error>::new(std::iter::empty::<((), ())>()))
            }
            Event::Scalar(scalar) => Err(de::Error::invalid_type(de::Unexpected::Str(&scalar.value), &visitor)),
            Event::SequenceStart => Err(de::Error::invalid_type(de::Unexpected::Seq, &visitor)),
            Event::SequenceEnd | Event::MappingEnd => Err(Error("unexpected end of a collection".to_owned())),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    /// A unit variant from a scalar; serde_yaml reads other variants only from tags, which are
    /// outside this reader.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.next()? {
            Event::Scalar(scalar) => visitor.visit_enum(UnitVariant { name: scalar.value }),
            _ => Err(Error("an enum other than a unit variant needs a YAML tag".to_owned())),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// A sequence's entries or a mapping's keys and values, up to the collection's end event.
struct Entries<'d, 'a> {
    de: &'d mut Deserializer<'a>,
}

impl<'de> de::SeqAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.de.peek()? {
            Event::SequenceEnd => Ok(None),
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.de.peek()? {
            Event::MappingEnd => Ok(None),
            _ => seed.deserialize(&mut *self.de).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }
}

struct UnitVariant<'a> {
    name: Cow<'a, str>,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name: de::value::StrDeserializer<'_, Error> = self.name.as_ref().into_deserializer();
        let variant = seed.deserialize(name)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value> {
        Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"newtype variant"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(de::Unexpected::UnitVariant, &"struct variant"))
    }
}

#[cfg(test)]
mod tests;
