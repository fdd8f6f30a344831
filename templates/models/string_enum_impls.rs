/// Implements `Display`, `Serialize` and `Deserialize` for a string enum through its `as_str`
/// and `From<&str>`: the impls every string enum shares. Enums keep values they do not know,
/// so a server that adds one does not break decoding; deserializing goes through the runtime's
/// one generic visitor.
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: {{ serde }}::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: {{ serde }}::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(super::runtime::model_decoding::StringEnumVisitor::new())
            }
        }
    };
}
