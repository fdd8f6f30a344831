pub mod config {
    //! Facts of the spec that the client uses as defaults.
    use super::runtime::{ApiDefaults, Client, ClientBuilder};
    /// The spec's first server (the default base URL), its OAuth2 client-credentials
    /// token endpoint if it has one, and this crate's name and version as `User-Agent`.
    pub const DEFAULTS: ApiDefaults = ApiDefaults {
        base_url: "https://forms.example.test",
        user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
        oauth_token_url: None,
        oauth_token_path: None,
    };
    impl Client {
        /// A builder with this API's [`DEFAULTS`], no credentials, a 60 s timeout and the
        /// default retry policy.
        pub fn builder() -> ClientBuilder {
            ClientBuilder::new(DEFAULTS)
        }
    }
}
pub mod models {
    //! Types of the spec's schemas, decoded leniently: unknown fields are ignored, unknown enum values are kept, and documented bounds are not enforced on server data.
    use serde::{Deserialize, Serialize};
    /// Implements `Display`, `Serialize` and `Deserialize` for a string enum through its `as_str`
    /// and `From<&str>`: the impls every string enum shares. Enums keep values they do not know,
    /// so a server that adds one does not break decoding; deserializing goes through the runtime's
    /// one generic visitor.
    macro_rules! string_enum_impls {
        ($name:ident) => {
            impl std::fmt::Display for $name { fn fmt(& self, f : & mut
            std::fmt::Formatter <'_ >) -> std::fmt::Result { f.write_str(self.as_str()) }
            } impl Serialize for $name { fn serialize < S : serde::Serializer > (& self,
            serializer : S) -> Result < S::Ok, S::Error > { serializer.serialize_str(self
            .as_str()) } } impl <'de > Deserialize <'de > for $name { fn deserialize < D
            : serde::Deserializer <'de >> (deserializer : D) -> Result < Self, D::Error >
            { deserializer
            .deserialize_str(super::runtime::model_decoding::StringEnumVisitor::new()) }
            }
        };
    }
    /// A polymorphic base, as Atlas writes them.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    #[non_exhaustive]
    pub enum Animal {
        Dog(Dog),
        Bird(Bird),
        /// A value whose discriminator names no known variant, kept as JSON.
        Other(serde_json::Value),
    }
    impl<'de> Deserialize<'de> for Animal {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            let value = serde_json::Value::deserialize(deserializer)?;
            let tag = value
                .get("species")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            match tag.as_deref() {
                Some("DOG") => {
                    <Dog as Deserialize>::deserialize(&value)
                        .map(Self::Dog)
                        .map_err(serde::de::Error::custom)
                }
                Some("BIRD") => {
                    <Bird as Deserialize>::deserialize(&value)
                        .map(Self::Bird)
                        .map_err(serde::de::Error::custom)
                }
                _ => {
                    super::runtime::model_decoding::note_loose();
                    Ok(Self::Other(value))
                }
            }
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Bird::new("example".to_owned(), 1.0)
    ///     .legs(1);
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Bird {
        pub species: String,
        pub legs: Option<i32>,
        pub wingspan: f64,
    }
    impl Bird {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(species: String, wingspan: f64) -> Self {
            Self {
                species,
                legs: None,
                wingspan,
            }
        }
        /// Sets `legs`.
        pub fn legs(mut self, value: i32) -> Self {
            self.legs = Some(value);
            self
        }
    }
    impl Serialize for Bird {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["species", "legs", "wingspan"],
                (Some(&self.species), &self.legs, Some(&self.wingspan)),
            )
        }
    }
    impl<'de> Deserialize<'de> for Bird {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Bird",
                &["species", "legs", "wingspan"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Bird {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            Option<i32>,
            super::runtime::model_decoding::Required<f64>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (species, legs, wingspan): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                species: super::runtime::model_decoding::required(species, "species")?,
                legs,
                wingspan: super::runtime::model_decoding::required(wingspan, "wingspan")?,
            })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Circle::new("example".to_owned(), 1.0);
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Circle {
        pub shape_type: String,
        pub radius: f64,
    }
    impl Circle {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(shape_type: String, radius: f64) -> Self {
            Self { shape_type, radius }
        }
    }
    impl Serialize for Circle {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["shapeType", "radius"],
                (Some(&self.shape_type), Some(&self.radius)),
            )
        }
    }
    impl<'de> Deserialize<'de> for Circle {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Circle",
                &["shapeType", "radius"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Circle {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            super::runtime::model_decoding::Required<f64>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (shape_type, radius): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                shape_type: super::runtime::model_decoding::required(
                    shape_type,
                    "shapeType",
                )?,
                radius: super::runtime::model_decoding::required(radius, "radius")?,
            })
        }
    }
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    #[non_exhaustive]
    pub enum Contact {
        String(String),
        Person(Person),
        /// A value that matches none of the variants, kept as JSON.
        Other(serde_json::Value),
    }
    impl<'de> Deserialize<'de> for Contact {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            let value = serde_json::Value::deserialize(deserializer)?;
            let members: &[fn(&serde_json::Value) -> Option<Self>] = &[
                |value| {
                    <String as Deserialize>::deserialize(value).ok().map(Self::String)
                },
                |value| {
                    <Person as Deserialize>::deserialize(value).ok().map(Self::Person)
                },
            ];
            Ok(
                super::runtime::model_decoding::best_member(&value, members)
                    .unwrap_or(Self::Other(value)),
            )
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Dog::new("example".to_owned())
    ///     .legs(1);
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Dog {
        pub species: String,
        pub legs: Option<i32>,
        pub barks: Option<bool>,
    }
    impl Dog {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(species: String) -> Self {
            Self {
                species,
                legs: None,
                barks: None,
            }
        }
        /// Sets `legs`.
        pub fn legs(mut self, value: i32) -> Self {
            self.legs = Some(value);
            self
        }
        /// Sets `barks`.
        pub fn barks(mut self, value: bool) -> Self {
            self.barks = Some(value);
            self
        }
    }
    impl Serialize for Dog {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["species", "legs", "barks"],
                (Some(&self.species), &self.legs, &self.barks),
            )
        }
    }
    impl<'de> Deserialize<'de> for Dog {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Dog",
                &["species", "legs", "barks"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Dog {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            Option<i32>,
            Option<bool>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (species, legs, barks): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                species: super::runtime::model_decoding::required(species, "species")?,
                legs,
                barks,
            })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::GetReportBody::new()
    ///     .since("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct GetReportBody {
        pub since: Option<String>,
    }
    impl GetReportBody {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { since: None }
        }
        /// Sets `since`.
        pub fn since(mut self, value: String) -> Self {
            self.since = Some(value);
            self
        }
    }
    impl Serialize for GetReportBody {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["since"],
                &self.since,
            )
        }
    }
    impl<'de> Deserialize<'de> for GetReportBody {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "GetReportBody",
                &["since"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for GetReportBody {
        type Fields = Option<String>;
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            since: Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self { since })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::GetReportJson20230101Response::new()
    ///     .count(1);
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct GetReportJson20230101Response {
        pub count: Option<i64>,
    }
    impl GetReportJson20230101Response {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { count: None }
        }
        /// Sets `count`.
        pub fn count(mut self, value: i64) -> Self {
            self.count = Some(value);
            self
        }
    }
    impl Serialize for GetReportJson20230101Response {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["count"],
                &self.count,
            )
        }
    }
    impl<'de> Deserialize<'de> for GetReportJson20230101Response {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "GetReportJson20230101Response",
                &["count"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for GetReportJson20230101Response {
        type Fields = Option<i64>;
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            count: Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self { count })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::GetReportResponse::new()
    ///     .rows(1);
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct GetReportResponse {
        pub rows: Option<i64>,
    }
    impl GetReportResponse {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { rows: None }
        }
        /// Sets `rows`.
        pub fn rows(mut self, value: i64) -> Self {
            self.rows = Some(value);
            self
        }
    }
    impl Serialize for GetReportResponse {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["rows"],
                &self.rows,
            )
        }
    }
    impl<'de> Deserialize<'de> for GetReportResponse {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "GetReportResponse",
                &["rows"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for GetReportResponse {
        type Fields = Option<i64>;
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            rows: Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self { rows })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Labels::new()
    ///     .primary("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct Labels {
        pub primary: Option<String>,
        /// Properties beyond the ones named above.
        pub additional_properties: std::collections::BTreeMap<String, PetKind>,
    }
    impl Labels {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self {
                primary: None,
                additional_properties: Default::default(),
            }
        }
        /// Sets `primary`.
        pub fn primary(mut self, value: String) -> Self {
            self.primary = Some(value);
            self
        }
    }
    impl Serialize for Labels {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["primary"],
                (&self.primary, &self.additional_properties),
            )
        }
    }
    impl<'de> Deserialize<'de> for Labels {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Labels",
                &["primary"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Labels {
        type Fields = Option<String>;
        type Additional = std::collections::BTreeMap<String, PetKind>;
        fn finish<E: serde::de::Error>(
            primary: Self::Fields,
            additional_properties: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                primary,
                additional_properties,
            })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Owner::new(
    ///     "example".to_owned(),
    ///     chrono::DateTime::<chrono::Utc>::default(),
    /// )
    ///     .pets(Vec::new());
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Owner {
        pub name: String,
        pub pets: Option<Vec<Pet>>,
        pub since: chrono::DateTime<chrono::Utc>,
    }
    impl Owner {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(name: String, since: chrono::DateTime<chrono::Utc>) -> Self {
            Self { name, pets: None, since }
        }
        /// Sets `pets`.
        pub fn pets(mut self, value: Vec<Pet>) -> Self {
            self.pets = Some(value);
            self
        }
    }
    impl Serialize for Owner {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["name", "pets", "since"],
                (Some(&self.name), &self.pets, Some(&self.since)),
            )
        }
    }
    impl<'de> Deserialize<'de> for Owner {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Owner",
                &["name", "pets", "since"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Owner {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            Option<Vec<Pet>>,
            super::runtime::model_decoding::Required<chrono::DateTime<chrono::Utc>>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (name, pets, since): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                name: super::runtime::model_decoding::required(name, "name")?,
                pets,
                since: super::runtime::model_decoding::required(since, "since")?,
            })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Person::new("example".to_owned())
    ///     .pets(Vec::new());
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Person {
        pub name: String,
        pub pets: Option<Vec<Pet>>,
    }
    impl Person {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(name: String) -> Self {
            Self { name, pets: None }
        }
        /// Sets `pets`.
        pub fn pets(mut self, value: Vec<Pet>) -> Self {
            self.pets = Some(value);
            self
        }
    }
    impl Serialize for Person {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["name", "pets"],
                (Some(&self.name), &self.pets),
            )
        }
    }
    impl<'de> Deserialize<'de> for Person {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Person",
                &["name", "pets"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Person {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            Option<Vec<Pet>>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (name, pets): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                name: super::runtime::model_decoding::required(name, "name")?,
                pets,
            })
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Pet::new(1, "example".to_owned(), models::PetKind::Dog)
    ///     .name("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Pet {
        pub id: i64,
        /// A property named like a Rust keyword.
        pub r#type: String,
        pub kind: PetKind,
        pub name: super::runtime::Nullable<String>,
        pub born: Option<chrono::NaiveDate>,
        pub seen_at: Option<chrono::DateTime<chrono::Utc>>,
        pub weight: Option<f32>,
        pub tags: Option<std::collections::BTreeMap<String, String>>,
        pub extra: Option<serde_json::Map<String, serde_json::Value>>,
        pub anything: Option<serde_json::Value>,
        pub owner: Option<Owner>,
        pub parent: Option<Box<Pet>>,
        pub children: Option<Vec<Pet>>,
        pub shape: Option<Shape>,
        pub contact: Option<Contact>,
        pub status: Option<PetStatus>,
        pub odata_etag: Option<String>,
        pub collar: Option<PetCollar>,
        pub self_: Option<String>,
        /// All of two schemas that declare nothing (a struct without fields).
        pub badge: Option<PetBadge>,
    }
    impl Pet {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(id: i64, r#type: String, kind: PetKind) -> Self {
            Self {
                id,
                r#type,
                kind,
                name: super::runtime::Nullable::Absent,
                born: None,
                seen_at: None,
                weight: None,
                tags: None,
                extra: None,
                anything: None,
                owner: None,
                parent: None,
                children: None,
                shape: None,
                contact: None,
                status: None,
                odata_etag: None,
                collar: None,
                self_: None,
                badge: None,
            }
        }
        /// Sets `name`.
        pub fn name(mut self, value: String) -> Self {
            self.name = super::runtime::Nullable::Value(value);
            self
        }
        /// Sets `name` to `null`, which is sent as such (leaving it unset leaves it out).
        pub fn clear_name(mut self) -> Self {
            self.name = super::runtime::Nullable::Null;
            self
        }
        /// Sets `born`.
        pub fn born(mut self, value: chrono::NaiveDate) -> Self {
            self.born = Some(value);
            self
        }
        /// Sets `seen_at`.
        pub fn seen_at(mut self, value: chrono::DateTime<chrono::Utc>) -> Self {
            self.seen_at = Some(value);
            self
        }
        /// Sets `weight`.
        pub fn weight(mut self, value: f32) -> Self {
            self.weight = Some(value);
            self
        }
        /// Sets `tags`.
        pub fn tags(
            mut self,
            value: std::collections::BTreeMap<String, String>,
        ) -> Self {
            self.tags = Some(value);
            self
        }
        /// Sets `extra`.
        pub fn extra(
            mut self,
            value: serde_json::Map<String, serde_json::Value>,
        ) -> Self {
            self.extra = Some(value);
            self
        }
        /// Sets `anything`.
        pub fn anything(mut self, value: serde_json::Value) -> Self {
            self.anything = Some(value);
            self
        }
        /// Sets `owner`.
        pub fn owner(mut self, value: Owner) -> Self {
            self.owner = Some(value);
            self
        }
        /// Sets `parent`.
        pub fn parent(mut self, value: Pet) -> Self {
            self.parent = Some(Box::new(value));
            self
        }
        /// Sets `children`.
        pub fn children(mut self, value: Vec<Pet>) -> Self {
            self.children = Some(value);
            self
        }
        /// Sets `shape`.
        pub fn shape(mut self, value: Shape) -> Self {
            self.shape = Some(value);
            self
        }
        /// Sets `contact`.
        pub fn contact(mut self, value: Contact) -> Self {
            self.contact = Some(value);
            self
        }
        /// Sets `status`.
        pub fn status(mut self, value: PetStatus) -> Self {
            self.status = Some(value);
            self
        }
        /// Sets `odata_etag`.
        pub fn odata_etag(mut self, value: String) -> Self {
            self.odata_etag = Some(value);
            self
        }
        /// Sets `collar`.
        pub fn collar(mut self, value: PetCollar) -> Self {
            self.collar = Some(value);
            self
        }
        /// Sets `self_`.
        pub fn self_(mut self, value: String) -> Self {
            self.self_ = Some(value);
            self
        }
        /// Sets `badge`.
        pub fn badge(mut self, value: PetBadge) -> Self {
            self.badge = Some(value);
            self
        }
    }
    impl Serialize for Pet {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &[
                    "id",
                    "type",
                    "kind",
                    "name",
                    "born",
                    "seenAt",
                    "weight",
                    "tags",
                    "extra",
                    "anything",
                    "owner",
                    "parent",
                    "children",
                    "shape",
                    "contact",
                    "status",
                    "@odata.etag",
                    "collar",
                    "self",
                    "badge",
                ],
                (
                    (
                        Some(&self.id),
                        Some(&self.r#type),
                        Some(&self.kind),
                        &self.name,
                        &self.born,
                        &self.seen_at,
                        &self.weight,
                        &self.tags,
                        &self.extra,
                        &self.anything,
                        &self.owner,
                        &self.parent,
                    ),
                    (
                        &self.children,
                        &self.shape,
                        &self.contact,
                        &self.status,
                        &self.odata_etag,
                        &self.collar,
                        &self.self_,
                        &self.badge,
                    ),
                ),
            )
        }
    }
    impl<'de> Deserialize<'de> for Pet {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Pet",
                &[
                    "id",
                    "type",
                    "kind",
                    "name",
                    "born",
                    "seenAt",
                    "weight",
                    "tags",
                    "extra",
                    "anything",
                    "owner",
                    "parent",
                    "children",
                    "shape",
                    "contact",
                    "status",
                    "@odata.etag",
                    "collar",
                    "self",
                    "badge",
                ],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Pet {
        type Fields = (
            (
                super::runtime::model_decoding::Required<i64>,
                super::runtime::model_decoding::Required<String>,
                super::runtime::model_decoding::Required<PetKind>,
                super::runtime::Nullable<String>,
                Option<chrono::NaiveDate>,
                Option<chrono::DateTime<chrono::Utc>>,
                Option<f32>,
                Option<std::collections::BTreeMap<String, String>>,
                Option<serde_json::Map<String, serde_json::Value>>,
                Option<serde_json::Value>,
                Option<Owner>,
                Option<Box<Pet>>,
            ),
            (
                Option<Vec<Pet>>,
                Option<Shape>,
                Option<Contact>,
                Option<PetStatus>,
                Option<String>,
                Option<PetCollar>,
                Option<String>,
                Option<PetBadge>,
            ),
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (
                (
                    id,
                    r#type,
                    kind,
                    name,
                    born,
                    seen_at,
                    weight,
                    tags,
                    extra,
                    anything,
                    owner,
                    parent,
                ),
                (children, shape, contact, status, odata_etag, collar, self_, badge),
            ): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                id: super::runtime::model_decoding::required(id, "id")?,
                r#type: super::runtime::model_decoding::required(r#type, "type")?,
                kind: super::runtime::model_decoding::required(kind, "kind")?,
                name,
                born,
                seen_at,
                weight,
                tags,
                extra,
                anything,
                owner,
                parent,
                children,
                shape,
                contact,
                status,
                odata_etag,
                collar,
                self_,
                badge,
            })
        }
    }
    /// All of two schemas that declare nothing (a struct without fields).
    ///
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::PetBadge::new();
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct PetBadge {}
    impl PetBadge {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self {}
        }
    }
    impl Serialize for PetBadge {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(serializer, &[], ())
        }
    }
    impl<'de> Deserialize<'de> for PetBadge {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(deserializer, "PetBadge", &[])
        }
    }
    impl super::runtime::model_decoding::ObjectModel for PetBadge {
        type Fields = ();
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            _: Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {})
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::PetCollar::new()
    ///     .color("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq, Default)]
    #[non_exhaustive]
    pub struct PetCollar {
        pub color: Option<String>,
        pub size: Option<PetCollarSize>,
    }
    impl PetCollar {
        /// Makes a value with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { color: None, size: None }
        }
        /// Sets `color`.
        pub fn color(mut self, value: String) -> Self {
            self.color = Some(value);
            self
        }
        /// Sets `size`.
        pub fn size(mut self, value: PetCollarSize) -> Self {
            self.size = Some(value);
            self
        }
    }
    impl Serialize for PetCollar {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["color", "size"],
                (&self.color, &self.size),
            )
        }
    }
    impl<'de> Deserialize<'de> for PetCollar {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "PetCollar",
                &["color", "size"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for PetCollar {
        type Fields = (Option<String>, Option<PetCollarSize>);
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (color, size): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self { color, size })
        }
    }
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum PetCollarSize {
        /// `S`
        S,
        /// `M`
        M,
        /// `L`
        L,
        /// A value this version of the client does not know, kept as received.
        Unknown(String),
    }
    impl PetCollarSize {
        /// The value as it appears on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::S => "S",
                Self::M => "M",
                Self::L => "L",
                Self::Unknown(value) => value,
            }
        }
    }
    impl From<&str> for PetCollarSize {
        fn from(value: &str) -> Self {
            match value {
                "S" => Self::S,
                "M" => Self::M,
                "L" => Self::L,
                other => {
                    Self::Unknown(
                        super::runtime::model_decoding::unknown_enum_value(other),
                    )
                }
            }
        }
    }
    string_enum_impls!(PetCollarSize);
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum PetKind {
        /// `dog`
        Dog,
        /// `cat`
        Cat,
        /// `>=`
        GreaterEqual,
        /// `2nd`
        V2nd,
        /// `self`
        Self_,
        /// A value this version of the client does not know, kept as received.
        Unknown(String),
    }
    impl PetKind {
        /// The value as it appears on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Dog => "dog",
                Self::Cat => "cat",
                Self::GreaterEqual => ">=",
                Self::V2nd => "2nd",
                Self::Self_ => "self",
                Self::Unknown(value) => value,
            }
        }
    }
    impl From<&str> for PetKind {
        fn from(value: &str) -> Self {
            match value {
                "dog" => Self::Dog,
                "cat" => Self::Cat,
                ">=" => Self::GreaterEqual,
                "2nd" => Self::V2nd,
                "self" => Self::Self_,
                other => {
                    Self::Unknown(
                        super::runtime::model_decoding::unknown_enum_value(other),
                    )
                }
            }
        }
    }
    string_enum_impls!(PetKind);
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum PetStatus {
        /// `available`
        Available,
        /// `sold`
        Sold,
        /// A value this version of the client does not know, kept as received.
        Unknown(String),
    }
    impl PetStatus {
        /// The value as it appears on the wire.
        pub fn as_str(&self) -> &str {
            match self {
                Self::Available => "available",
                Self::Sold => "sold",
                Self::Unknown(value) => value,
            }
        }
    }
    impl From<&str> for PetStatus {
        fn from(value: &str) -> Self {
            match value {
                "available" => Self::Available,
                "sold" => Self::Sold,
                other => {
                    Self::Unknown(
                        super::runtime::model_decoding::unknown_enum_value(other),
                    )
                }
            }
        }
    }
    string_enum_impls!(PetStatus);
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Problem::new("example".to_owned())
    ///     .status(1);
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Problem {
        pub title: String,
        pub status: Option<i64>,
    }
    impl Problem {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(title: String) -> Self {
            Self { title, status: None }
        }
        /// Sets `status`.
        pub fn status(mut self, value: i64) -> Self {
            self.status = Some(value);
            self
        }
    }
    impl Serialize for Problem {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["title", "status"],
                (Some(&self.title), &self.status),
            )
        }
    }
    impl<'de> Deserialize<'de> for Problem {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Problem",
                &["title", "status"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Problem {
        type Fields = (super::runtime::model_decoding::Required<String>, Option<i64>);
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (title, status): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                title: super::runtime::model_decoding::required(title, "title")?,
                status,
            })
        }
    }
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(untagged)]
    #[non_exhaustive]
    pub enum Shape {
        Circle(Circle),
        Square(Square),
        /// A value whose discriminator names no known variant, kept as JSON.
        Other(serde_json::Value),
    }
    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            let value = serde_json::Value::deserialize(deserializer)?;
            let tag = value
                .get("shapeType")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            match tag.as_deref() {
                Some("round") => {
                    <Circle as Deserialize>::deserialize(&value)
                        .map(Self::Circle)
                        .map_err(serde::de::Error::custom)
                }
                Some("Square") => {
                    <Square as Deserialize>::deserialize(&value)
                        .map(Self::Square)
                        .map_err(serde::de::Error::custom)
                }
                _ => {
                    super::runtime::model_decoding::note_loose();
                    Ok(Self::Other(value))
                }
            }
        }
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Square::new("example".to_owned(), 1.0);
    /// ```
    #[derive(Debug, Clone, PartialEq)]
    #[non_exhaustive]
    pub struct Square {
        pub shape_type: String,
        pub side: f64,
    }
    impl Square {
        /// Makes a value from its required fields; the optional ones start unset and have setters.
        pub fn new(shape_type: String, side: f64) -> Self {
            Self { shape_type, side }
        }
    }
    impl Serialize for Square {
        fn serialize<S: serde::Serializer>(
            &self,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            super::runtime::model_encoding::encode_object(
                serializer,
                &["shapeType", "side"],
                (Some(&self.shape_type), Some(&self.side)),
            )
        }
    }
    impl<'de> Deserialize<'de> for Square {
        fn deserialize<D: serde::Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            super::runtime::model_decoding::decode_object(
                deserializer,
                "Square",
                &["shapeType", "side"],
            )
        }
    }
    impl super::runtime::model_decoding::ObjectModel for Square {
        type Fields = (
            super::runtime::model_decoding::Required<String>,
            super::runtime::model_decoding::Required<f64>,
        );
        type Additional = serde::de::IgnoredAny;
        fn finish<E: serde::de::Error>(
            (shape_type, side): Self::Fields,
            _: Self::Additional,
        ) -> Result<Self, E> {
            Ok(Self {
                shape_type: super::runtime::model_decoding::required(
                    shape_type,
                    "shapeType",
                )?,
                side: super::runtime::model_decoding::required(side, "side")?,
            })
        }
    }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(transparent)]
    pub struct Tree(pub Vec<Tree>);
}
pub mod operations {
    //! Operations, one module per tag; every item is also re-exported here.
    pub mod pets {
        //! Operations tagged `Pets`.
        use super::super::models;
        use super::super::patterns;
        use super::super::runtime::response::{
            decode_json, decode_empty, undocumented_status,
        };
        use super::super::runtime::{
            self as runtime, DecodeError, ErrorView, RawResponse, Request, Response,
            TransportError, ValidationError,
        };
        /// Read one pet
        ///
        /// `GET /pets/{petId}`
        #[derive(Debug, Clone, PartialEq)]
        pub struct GetPet {
            pet_id: String,
            x_trace_id: Option<String>,
            fields: Option<Vec<String>>,
            limit: Option<i32>,
            ratio: Option<f64>,
            kind: Option<models::PetKind>,
            since: Option<String>,
            period: Option<String>,
            /// The media type to ask for.
            accept: GetPetMediaType,
        }
        impl GetPet {
            /// The spec's operationId.
            pub const OPERATION_ID: &'static str = "getPet";
            /// The HTTP method.
            pub const METHOD: http::Method = http::Method::GET;
            /// The path template as written in the spec.
            pub const PATH: &'static str = "/pets/{petId}";
            /// The media type this operation asks for in `Accept`.
            pub const ACCEPT: &'static str = "application/vnd.forms.2024-01-01+json";
            /// Starts a request with its required parameters.
            pub fn new(pet_id: impl Into<String>) -> Self {
                Self {
                    pet_id: pet_id.into(),
                    x_trace_id: None,
                    fields: None,
                    limit: None,
                    ratio: None,
                    kind: None,
                    since: None,
                    period: None,
                    accept: GetPetMediaType::Json20240101,
                }
            }
            pub fn x_trace_id(mut self, x_trace_id: impl Into<String>) -> Self {
                self.x_trace_id = Some(x_trace_id.into());
                self
            }
            pub fn fields(mut self, fields: impl IntoIterator<Item = String>) -> Self {
                self.fields = Some(fields.into_iter().collect());
                self
            }
            pub fn limit(mut self, limit: i32) -> Self {
                self.limit = Some(limit);
                self
            }
            pub fn ratio(mut self, ratio: f64) -> Self {
                self.ratio = Some(ratio);
                self
            }
            pub fn kind(mut self, kind: impl Into<models::PetKind>) -> Self {
                self.kind = Some(kind.into());
                self
            }
            pub fn since(mut self, since: impl Into<String>) -> Self {
                self.since = Some(since.into());
                self
            }
            pub fn period(mut self, period: impl Into<String>) -> Self {
                self.period = Some(period.into());
                self
            }
            /// The media type to ask for (default `application/vnd.forms.2024-01-01+json`).
            pub fn accept(mut self, media_type: GetPetMediaType) -> Self {
                self.accept = media_type;
                self
            }
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            #[inline]
            pub fn build(&self) -> Result<Request, ValidationError> {
                runtime::validation::pattern(
                    "petId",
                    &self.pet_id,
                    "^pet-[0-9]{1,6}$",
                    patterns::matches_pattern_1,
                )?;
                if let Some(value) = &self.x_trace_id {
                    runtime::validation::length("X-Trace-Id", value, None, Some(64u64))?;
                }
                if let Some(value) = &self.fields {
                    runtime::validation::items(
                        "fields",
                        value.len(),
                        Some(1u64),
                        Some(3u64),
                    )?;
                    for item in value {
                        runtime::validation::one_of(
                            "fields",
                            item,
                            &["name", "kind", "owner"],
                        )?;
                    }
                }
                if let Some(value) = &self.limit {
                    runtime::validation::minimum(
                        "limit",
                        f64::from(*value),
                        1f64,
                        false,
                    )?;
                    runtime::validation::maximum(
                        "limit",
                        f64::from(*value),
                        500f64,
                        false,
                    )?;
                }
                if let Some(value) = &self.ratio {
                    runtime::validation::minimum("ratio", *value, 0f64, true)?;
                    runtime::validation::multiple_of("ratio", *value, 0.5f64)?;
                }
                if let Some(value) = &self.since {
                    runtime::validation::pattern(
                        "since",
                        value,
                        "^\\d{4}-\\d{2}-\\d{2}$",
                        patterns::matches_pattern_2,
                    )?;
                }
                if let Some(value) = &self.period {
                    runtime::validation::pattern(
                        "period",
                        value,
                        "^(DAILY|WEEKLY)$",
                        patterns::matches_pattern_3,
                    )?;
                }
                let path = runtime::request::path(
                    &["/pets/"],
                    &[("petId", &self.pet_id)],
                )?;
                let mut query = Vec::with_capacity(6);
                if let Some(value) = &self.fields {
                    for item in value {
                        query.push(runtime::QueryPair::new("fields", item.clone()));
                    }
                }
                runtime::request::push_optional_query(&mut query, "limit", &self.limit);
                runtime::request::push_optional_query(&mut query, "ratio", &self.ratio);
                runtime::request::push_optional_query(&mut query, "kind", &self.kind);
                runtime::request::push_optional_query(&mut query, "since", &self.since);
                runtime::request::push_optional_query(
                    &mut query,
                    "period",
                    &self.period,
                );
                let mut headers = Vec::new();
                if let Some(value) = &self.x_trace_id {
                    headers
                        .push((
                            "X-Trace-Id",
                            runtime::request::header_value("X-Trace-Id", value.clone())?,
                        ));
                }
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: Self::METHOD,
                    path_template: Self::PATH,
                    path,
                    query,
                    headers,
                    accept: Some(self.accept.as_str()),
                    body: None,
                    secrets: &[],
                })
            }
            /// Validates, sends and decodes: the whole call, as a future. Nothing is sent when a
            /// parameter is invalid.
            #[inline]
            pub fn send<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<Response<models::Pet>, GetPetError>,
            > + 'a {
                runtime::call::send(self, client)
            }
            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<models::Pet>, GetPetError> {
                match response.status.as_u16() {
                    200 => {
                        match decode_json(response) {
                            Ok(response) => Ok(response),
                            Err(error) => Err(GetPetError::Decode(error)),
                        }
                    }
                    404 => Err(GetPetError::NotFound(Box::new(decode_json(response)?))),
                    500..=599 => {
                        Err(GetPetError::Status5xx(Box::new(decode_empty(response))))
                    }
                    _ => Err(GetPetError::Default(Box::new(decode_json(response)?))),
                }
            }
        }
        impl runtime::Operation for GetPet {
            type Output = models::Pet;
            type Error = GetPetError;
            #[inline]
            fn build(&self) -> Result<Request, ValidationError> {
                Self::build(self)
            }
            #[inline]
            fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<models::Pet>, GetPetError> {
                Self::decode_response(self, response)
            }
        }
        impl runtime::Client {
            /// Read one pet
            ///
            /// Starts \[`GetPet`\] (`GET /pets/{petId}`) on this client; finish with `.send().await`.
            ///
            /// A whole call:
            ///
            /// ```rust,ignore
            /// use schema_forms::operations::GetPetError;
            /// use schema_forms::runtime::Client;
            ///
            /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
            /// let client = Client::builder().build()?;
            /// let result = client.get_pet("example").x_trace_id("example").send().await;
            /// match result {
            ///     Ok(response) => println!("{} {:?}", response.status, response.body),
            ///     Err(GetPetError::NotFound(response)) => eprintln!("not found: {}", response.status),
            ///     Err(error) => return Err(error.into()),
            /// }
            /// # Ok(())
            /// # }
            /// ```
            pub fn get_pet(
                &self,
                pet_id: impl Into<String>,
            ) -> runtime::Call<'_, GetPet> {
                runtime::Call::new(self, GetPet::new(pet_id))
            }
        }
        impl runtime::Call<'_, GetPet> {
            /// Sets `X-Trace-Id`: see \[`GetPet::x_trace_id`\].
            pub fn x_trace_id(mut self, x_trace_id: impl Into<String>) -> Self {
                self.operation.x_trace_id = Some(x_trace_id.into());
                self
            }
            /// Sets `fields`: see \[`GetPet::fields`\].
            pub fn fields(mut self, fields: impl IntoIterator<Item = String>) -> Self {
                self.operation.fields = Some(fields.into_iter().collect());
                self
            }
            /// Sets `limit`: see \[`GetPet::limit`\].
            pub fn limit(mut self, limit: i32) -> Self {
                self.operation.limit = Some(limit);
                self
            }
            /// Sets `ratio`: see \[`GetPet::ratio`\].
            pub fn ratio(mut self, ratio: f64) -> Self {
                self.operation.ratio = Some(ratio);
                self
            }
            /// Sets `kind`: see \[`GetPet::kind`\].
            pub fn kind(mut self, kind: impl Into<models::PetKind>) -> Self {
                self.operation.kind = Some(kind.into());
                self
            }
            /// Sets `since`: see \[`GetPet::since`\].
            pub fn since(mut self, since: impl Into<String>) -> Self {
                self.operation.since = Some(since.into());
                self
            }
            /// Sets `period`: see \[`GetPet::period`\].
            pub fn period(mut self, period: impl Into<String>) -> Self {
                self.operation.period = Some(period.into());
                self
            }
            /// The media type to ask for.
            pub fn accept(mut self, media_type: GetPetMediaType) -> Self {
                self.operation.accept = media_type;
                self
            }
        }
        /// The media types `getPet` answers with, for `GetPet::accept`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[non_exhaustive]
        pub enum GetPetMediaType {
            /// `application/vnd.forms.2024-01-01+json`
            #[default]
            Json20240101,
            /// `application/vnd.forms.2023-01-01+json`
            Json20230101,
        }
        impl GetPetMediaType {
            /// The media type as sent in `Accept`.
            pub fn as_str(self) -> &'static str {
                match self {
                    Self::Json20240101 => "application/vnd.forms.2024-01-01+json",
                    Self::Json20230101 => "application/vnd.forms.2023-01-01+json",
                }
            }
        }
        /// Errors of `getPet`.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum GetPetError {
            /// `404`: No such pet.
            NotFound(Box<Response<models::Problem>>),
            /// `5XX`: Server trouble.
            Status5xx(Box<Response<()>>),
            /// `default`: Anything else.
            Default(Box<Response<models::Problem>>),
            /// A status this operation does not document: the response as received, and
            /// its body decoded as the API's common error when it is one.
            UnexpectedStatus(Box<RawResponse>, Option<Box<models::Problem>>),
            /// A response whose body could not be decoded.
            Decode(DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            InvalidParameter(ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            Transport(TransportError),
        }
        impl super::ApiCallError for GetPetError {
            fn view(&self) -> ErrorView<'_, models::Problem> {
                match self {
                    Self::NotFound(response) => ErrorView::common("Not Found", response),
                    Self::Status5xx(response) => ErrorView::empty("5XX", response),
                    Self::Default(response) => ErrorView::common("default", response),
                    Self::UnexpectedStatus(response, api_error) => {
                        ErrorView::Unexpected(response, api_error.as_deref())
                    }
                    Self::Decode(error) => ErrorView::Decode(error),
                    Self::InvalidParameter(error) => ErrorView::InvalidParameter(error),
                    Self::Transport(error) => ErrorView::Transport(error),
                }
            }
        }
        impl std::fmt::Display for GetPetError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&super::ApiCallError::view(self), f)
            }
        }
        impl std::error::Error for GetPetError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                super::ApiCallError::view(self).source()
            }
        }
        impl From<DecodeError> for GetPetError {
            fn from(error: DecodeError) -> Self {
                Self::Decode(error)
            }
        }
        impl From<ValidationError> for GetPetError {
            fn from(error: ValidationError) -> Self {
                Self::InvalidParameter(error)
            }
        }
        impl From<TransportError> for GetPetError {
            fn from(error: TransportError) -> Self {
                Self::Transport(error)
            }
        }
        /// `PUT /pets/{petId}`
        #[derive(Debug, Clone, PartialEq)]
        pub struct ReplacePet {
            pet_id: String,
            /// The request body.
            body: models::Pet,
        }
        impl ReplacePet {
            /// The spec's operationId.
            pub const OPERATION_ID: &'static str = "replacePet";
            /// The HTTP method.
            pub const METHOD: http::Method = http::Method::PUT;
            /// The path template as written in the spec.
            pub const PATH: &'static str = "/pets/{petId}";
            /// Starts a request with its required parameters.
            pub fn new(pet_id: impl Into<String>, body: models::Pet) -> Self {
                Self {
                    pet_id: pet_id.into(),
                    body,
                }
            }
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            #[inline]
            pub fn build(&self) -> Result<Request, ValidationError> {
                runtime::validation::pattern(
                    "petId",
                    &self.pet_id,
                    "^pet-[0-9]{1,6}$",
                    patterns::matches_pattern_1,
                )?;
                let path = runtime::request::path(
                    &["/pets/"],
                    &[("petId", &self.pet_id)],
                )?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: Self::METHOD,
                    path_template: Self::PATH,
                    path,
                    query,
                    headers,
                    accept: None,
                    body: {
                        let body = &self.body;
                        Some(runtime::Body::json("application/json", body)?)
                    },
                    secrets: &[],
                })
            }
            /// Validates, sends and decodes: the whole call, as a future. Nothing is sent when a
            /// parameter is invalid.
            #[inline]
            pub fn send<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<Response<()>, ReplacePetError>,
            > + 'a {
                runtime::call::send(self, client)
            }
            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<()>, ReplacePetError> {
                match response.status.as_u16() {
                    204 => Ok(decode_empty(response)),
                    409 => {
                        Err(ReplacePetError::Conflict(Box::new(decode_json(response)?)))
                    }
                    _ => {
                        let (response, api_error) = undocumented_status(
                            Box::new(response),
                        );
                        Err(ReplacePetError::UnexpectedStatus(response, api_error))
                    }
                }
            }
        }
        impl runtime::Operation for ReplacePet {
            type Output = ();
            type Error = ReplacePetError;
            #[inline]
            fn build(&self) -> Result<Request, ValidationError> {
                Self::build(self)
            }
            #[inline]
            fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<()>, ReplacePetError> {
                Self::decode_response(self, response)
            }
        }
        impl runtime::Client {
            /// Starts \[`ReplacePet`\] (`PUT /pets/{petId}`) on this client; finish with `.send().await`.
            ///
            /// A whole call:
            ///
            /// ```rust,ignore
            /// use schema_forms::operations::ReplacePetError;
            /// use schema_forms::models;
            /// use schema_forms::runtime::Client;
            ///
            /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
            /// let client = Client::builder().build()?;
            /// let body = models::Pet::new(1, "example".to_owned(), models::PetKind::Dog);
            /// let result = client.replace_pet("example", body).send().await;
            /// match result {
            ///     Ok(response) => println!("{} {:?}", response.status, response.body),
            ///     Err(ReplacePetError::Conflict(response)) => eprintln!("conflict: {}", response.status),
            ///     Err(error) => return Err(error.into()),
            /// }
            /// # Ok(())
            /// # }
            /// ```
            pub fn replace_pet(
                &self,
                pet_id: impl Into<String>,
                body: models::Pet,
            ) -> runtime::Call<'_, ReplacePet> {
                runtime::Call::new(self, ReplacePet::new(pet_id, body))
            }
        }
        /// Errors of `replacePet`.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum ReplacePetError {
            /// `409`: Conflict.
            Conflict(Box<Response<models::Problem>>),
            /// A status this operation does not document: the response as received, and
            /// its body decoded as the API's common error when it is one.
            UnexpectedStatus(Box<RawResponse>, Option<Box<models::Problem>>),
            /// A response whose body could not be decoded.
            Decode(DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            InvalidParameter(ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            Transport(TransportError),
        }
        impl super::ApiCallError for ReplacePetError {
            fn view(&self) -> ErrorView<'_, models::Problem> {
                match self {
                    Self::Conflict(response) => ErrorView::common("Conflict", response),
                    Self::UnexpectedStatus(response, api_error) => {
                        ErrorView::Unexpected(response, api_error.as_deref())
                    }
                    Self::Decode(error) => ErrorView::Decode(error),
                    Self::InvalidParameter(error) => ErrorView::InvalidParameter(error),
                    Self::Transport(error) => ErrorView::Transport(error),
                }
            }
        }
        impl std::fmt::Display for ReplacePetError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&super::ApiCallError::view(self), f)
            }
        }
        impl std::error::Error for ReplacePetError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                super::ApiCallError::view(self).source()
            }
        }
        impl From<DecodeError> for ReplacePetError {
            fn from(error: DecodeError) -> Self {
                Self::Decode(error)
            }
        }
        impl From<ValidationError> for ReplacePetError {
            fn from(error: ValidationError) -> Self {
                Self::InvalidParameter(error)
            }
        }
        impl From<TransportError> for ReplacePetError {
            fn from(error: TransportError) -> Self {
                Self::Transport(error)
            }
        }
    }
    pub use pets::*;
    pub mod files {
        //! Operations tagged `Files`.
        use super::super::models;
        use super::super::runtime::response::{
            decode_json, decode_bytes, undocumented_status,
        };
        use super::super::runtime::{
            self as runtime, RawResponse, Request, Response, ValidationError,
        };
        /// `GET /files/{name}`
        #[derive(Debug, Clone, PartialEq)]
        pub struct DownloadFile {
            name: String,
        }
        impl DownloadFile {
            /// The spec's operationId.
            pub const OPERATION_ID: &'static str = "downloadFile";
            /// The HTTP method.
            pub const METHOD: http::Method = http::Method::GET;
            /// The path template as written in the spec.
            pub const PATH: &'static str = "/files/{name}";
            /// The media type this operation asks for in `Accept`.
            pub const ACCEPT: &'static str = "application/gzip";
            /// Starts a request with its required parameters.
            pub fn new(name: impl Into<String>) -> Self {
                Self { name: name.into() }
            }
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            #[inline]
            pub fn build(&self) -> Result<Request, ValidationError> {
                let path = runtime::request::path(
                    &["/files/"],
                    &[("name", &self.name)],
                )?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: Self::METHOD,
                    path_template: Self::PATH,
                    path,
                    query,
                    headers,
                    accept: Some(Self::ACCEPT),
                    body: None,
                    secrets: &[],
                })
            }
            /// Validates, sends and decodes: the whole call, as a future. Nothing is sent when a
            /// parameter is invalid.
            #[inline]
            pub fn send<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<Response<Vec<u8>>, DownloadFileError>,
            > + 'a {
                runtime::call::send(self, client)
            }
            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<Vec<u8>>, DownloadFileError> {
                match response.status.as_u16() {
                    200 => Ok(decode_bytes(response)),
                    _ => {
                        let (response, api_error) = undocumented_status(
                            Box::new(response),
                        );
                        Err(DownloadFileError::UnexpectedStatus(response, api_error))
                    }
                }
            }
        }
        impl runtime::Operation for DownloadFile {
            type Output = Vec<u8>;
            type Error = DownloadFileError;
            #[inline]
            fn build(&self) -> Result<Request, ValidationError> {
                Self::build(self)
            }
            #[inline]
            fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<Vec<u8>>, DownloadFileError> {
                Self::decode_response(self, response)
            }
        }
        impl runtime::Client {
            /// Starts \[`DownloadFile`\] (`GET /files/{name}`) on this client; finish with `.send().await`.
            ///
            /// A whole call:
            ///
            /// ```rust,ignore
            /// use schema_forms::runtime::Client;
            ///
            /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
            /// let client = Client::builder().build()?;
            /// let result = client.download_file("example").send().await;
            /// match result {
            ///     Ok(response) => println!("{} {:?}", response.status, response.body),
            ///     Err(error) => return Err(error.into()),
            /// }
            /// # Ok(())
            /// # }
            /// ```
            pub fn download_file(
                &self,
                name: impl Into<String>,
            ) -> runtime::Call<'_, DownloadFile> {
                runtime::Call::new(self, DownloadFile::new(name))
            }
        }
        impl runtime::stream::Streamed for DownloadFile {
            const STREAMED_MEDIA_TYPE: &'static str = "application/gzip";
        }
        impl DownloadFile {
            /// Validates and sends, and returns the success body (`application/gzip`) as a stream of chunks as they arrive: no body limit, bounded memory. An error status is read whole and decoded as by `send`.
            #[inline]
            pub fn send_stream<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<runtime::StreamedResponse, DownloadFileError>,
            > + 'a {
                runtime::stream::send_stream(self, client)
            }
        }
        /// Errors of `downloadFile`: another name for [`GetReportError`], which has the same variants.
        pub type DownloadFileError = super::GetReportError;
        /// A report in the media type asked for
        ///
        /// `POST /reports/{id}`
        #[derive(Debug, Clone, PartialEq)]
        pub struct GetReport {
            id: String,
            /// Filters, as JSON or as a form.
            body: Option<models::GetReportBody>,
            /// The media type to ask for.
            accept: GetReportMediaType,
        }
        impl GetReport {
            /// The spec's operationId.
            pub const OPERATION_ID: &'static str = "getReport";
            /// The HTTP method.
            pub const METHOD: http::Method = http::Method::POST;
            /// The path template as written in the spec.
            pub const PATH: &'static str = "/reports/{id}";
            /// The media type this operation asks for in `Accept`.
            pub const ACCEPT: &'static str = "application/vnd.forms.2024-05-01+json";
            /// Starts a request with its required parameters.
            pub fn new(id: impl Into<String>) -> Self {
                Self {
                    id: id.into(),
                    body: None,
                    accept: GetReportMediaType::Json20240501,
                }
            }
            /// Filters, as JSON or as a form.
            pub fn body(mut self, body: models::GetReportBody) -> Self {
                self.body = Some(body);
                self
            }
            /// The media type to ask for (default `application/vnd.forms.2024-05-01+json`); a success body decodes as the matching variant of `GetReportResponseBody`.
            pub fn accept(mut self, media_type: GetReportMediaType) -> Self {
                self.accept = media_type;
                self
            }
            /// Checks every parameter against the rules of the spec, then builds the request.
            /// Nothing is sent; an invalid parameter is reported before any I/O.
            #[inline]
            pub fn build(&self) -> Result<Request, ValidationError> {
                let path = runtime::request::path(&["/reports/"], &[("id", &self.id)])?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    operation_id: Self::OPERATION_ID,
                    method: Self::METHOD,
                    path_template: Self::PATH,
                    path,
                    query,
                    headers,
                    accept: Some(self.accept.as_str()),
                    body: match &self.body {
                        Some(body) => {
                            Some(runtime::Body::json("application/json", body)?)
                        }
                        None => None,
                    },
                    secrets: &[],
                })
            }
            /// Validates, sends and decodes: the whole call, as a future. Nothing is sent when a
            /// parameter is invalid.
            #[inline]
            pub fn send<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<Response<GetReportResponseBody>, GetReportError>,
            > + 'a {
                runtime::call::send(self, client)
            }
            /// Decodes the response to this request into the documented body or error.
            #[inline]
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<GetReportResponseBody>, GetReportError> {
                match response.status.as_u16() {
                    200 => {
                        Ok(
                            match self.accept {
                                GetReportMediaType::Json20240501 => {
                                    decode_json(response)?
                                        .map(GetReportResponseBody::Json20240501)
                                }
                                GetReportMediaType::Json20230101 => {
                                    decode_json(response)?
                                        .map(GetReportResponseBody::Json20230101)
                                }
                                GetReportMediaType::Csv => {
                                    decode_bytes(response).map(GetReportResponseBody::Csv)
                                }
                            },
                        )
                    }
                    _ => {
                        let (response, api_error) = undocumented_status(
                            Box::new(response),
                        );
                        Err(GetReportError::UnexpectedStatus(response, api_error))
                    }
                }
            }
        }
        impl runtime::Operation for GetReport {
            type Output = GetReportResponseBody;
            type Error = GetReportError;
            #[inline]
            fn build(&self) -> Result<Request, ValidationError> {
                Self::build(self)
            }
            #[inline]
            fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<GetReportResponseBody>, GetReportError> {
                Self::decode_response(self, response)
            }
        }
        impl runtime::Client {
            /// A report in the media type asked for
            ///
            /// Starts \[`GetReport`\] (`POST /reports/{id}`) on this client; finish with `.send().await`.
            ///
            /// A whole call:
            ///
            /// ```rust,ignore
            /// use schema_forms::runtime::Client;
            ///
            /// # async fn example() -> Result<(), Box<dyn std::error::Error>> {
            /// let client = Client::builder().build()?;
            /// let result = client.get_report("example").send().await;
            /// match result {
            ///     Ok(response) => println!("{} {:?}", response.status, response.body),
            ///     Err(error) => return Err(error.into()),
            /// }
            /// # Ok(())
            /// # }
            /// ```
            pub fn get_report(
                &self,
                id: impl Into<String>,
            ) -> runtime::Call<'_, GetReport> {
                runtime::Call::new(self, GetReport::new(id))
            }
        }
        impl runtime::Call<'_, GetReport> {
            /// Sets the request body.
            pub fn body(mut self, body: models::GetReportBody) -> Self {
                self.operation.body = Some(body);
                self
            }
            /// The media type to ask for.
            pub fn accept(mut self, media_type: GetReportMediaType) -> Self {
                self.operation.accept = media_type;
                self
            }
        }
        impl runtime::stream::Streamed for GetReport {
            const STREAMED_MEDIA_TYPE: &'static str = "text/csv";
        }
        impl GetReport {
            /// Validates and sends, and returns the success body (`text/csv`) as a stream of chunks as they arrive: no body limit, bounded memory. An error status is read whole and decoded as by `send`.
            #[inline]
            pub fn send_stream<'a>(
                &'a self,
                client: &'a runtime::Client,
            ) -> impl std::future::Future<
                Output = Result<runtime::StreamedResponse, GetReportError>,
            > + 'a {
                runtime::stream::send_stream(self, client)
            }
        }
        /// The media types `getReport` answers with, for `GetReport::accept`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[non_exhaustive]
        pub enum GetReportMediaType {
            /// `application/vnd.forms.2024-05-01+json`
            #[default]
            Json20240501,
            /// `application/vnd.forms.2023-01-01+json`
            Json20230101,
            /// `text/csv`
            Csv,
        }
        impl GetReportMediaType {
            /// The media type as sent in `Accept`.
            pub fn as_str(self) -> &'static str {
                match self {
                    Self::Json20240501 => "application/vnd.forms.2024-05-01+json",
                    Self::Json20230101 => "application/vnd.forms.2023-01-01+json",
                    Self::Csv => "text/csv",
                }
            }
        }
        /// A success body of `getReport`, in the media type asked for.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum GetReportResponseBody {
            /// `application/vnd.forms.2024-05-01+json`
            Json20240501(models::GetReportResponse),
            /// `application/vnd.forms.2023-01-01+json`
            Json20230101(models::GetReportJson20230101Response),
            /// `text/csv`
            Csv(Vec<u8>),
        }
        pub use super::GetReportError;
    }
    pub use files::*;
    mod get_report_error {
        use super::super::models;
        use super::super::runtime::{
            DecodeError, ErrorView, RawResponse, TransportError, ValidationError,
        };
        /// Errors of `getReport` and of another operation, whose error type is another name for this one.
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum GetReportError {
            /// A status this operation does not document: the response as received, and
            /// its body decoded as the API's common error when it is one.
            UnexpectedStatus(Box<RawResponse>, Option<Box<models::Problem>>),
            /// A response whose body could not be decoded.
            Decode(DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            InvalidParameter(ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            Transport(TransportError),
        }
        impl super::ApiCallError for GetReportError {
            fn view(&self) -> ErrorView<'_, models::Problem> {
                match self {
                    Self::UnexpectedStatus(response, api_error) => {
                        ErrorView::Unexpected(response, api_error.as_deref())
                    }
                    Self::Decode(error) => ErrorView::Decode(error),
                    Self::InvalidParameter(error) => ErrorView::InvalidParameter(error),
                    Self::Transport(error) => ErrorView::Transport(error),
                }
            }
        }
        impl std::fmt::Display for GetReportError {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&super::ApiCallError::view(self), f)
            }
        }
        impl std::error::Error for GetReportError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                super::ApiCallError::view(self).source()
            }
        }
        impl From<DecodeError> for GetReportError {
            fn from(error: DecodeError) -> Self {
                Self::Decode(error)
            }
        }
        impl From<ValidationError> for GetReportError {
            fn from(error: ValidationError) -> Self {
                Self::InvalidParameter(error)
            }
        }
        impl From<TransportError> for GetReportError {
            fn from(error: TransportError) -> Self {
                Self::Transport(error)
            }
        }
    }
    pub use get_report_error::GetReportError;
    /// What every operation's error offers, whatever the operation: the response's status
    /// and headers, the decoded error body, and how long `Retry-After` asks to wait.
    ///
    /// Each error enum gives one borrowed [`view`](Self::view) of what it holds; the other
    /// methods, its message and its `source()` are computed from that view.
    pub trait ApiCallError: std::error::Error {
        /// What the error holds, borrowed: the documented status with its reason and
        /// body, the undocumented response, or the decoding, validation or transport
        /// error.
        fn view(&self) -> super::runtime::ErrorView<'_, super::models::Problem>;
        /// The HTTP status of the response behind this error, if one arrived.
        fn status(&self) -> Option<http::StatusCode> {
            self.view().status()
        }
        /// The headers of that response.
        fn headers(&self) -> Option<&http::HeaderMap> {
            self.view().headers()
        }
        /// The decoded `Problem` body: of a documented error status, or of an undocumented one whose body is one.
        fn api_error(&self) -> Option<&super::models::Problem> {
            self.view().api_error()
        }
        /// How long the response's `Retry-After` asks to wait, given in seconds or as
        /// an HTTP date.
        fn retry_after(&self) -> Option<std::time::Duration> {
            super::runtime::response::retry_after(self.headers()?)
        }
    }
}
pub mod patterns {
    //! Checks for the spec's `pattern` keywords, compiled to plain code where the pattern allows and to the `regex` crate (or `fancy-regex`, for look-around) otherwise.
    /// Whether a value matches `^pet-[0-9]{1,6}$`.
    pub fn matches_pattern_1(value: &str) -> bool {
        let bytes = value.as_bytes();
        let mut at = 0;
        if !bytes.get(at..).is_some_and(|rest| rest.starts_with(b"pet-")) {
            return false;
        }
        at += 4;
        let start = at;
        while at < bytes.len() && at - start < 6 && bytes[at].is_ascii_digit() {
            at += 1;
        }
        if at - start < 1 {
            return false;
        }
        at == bytes.len()
    }
    /// Whether a value matches `^\d{4}-\d{2}-\d{2}$`.
    pub fn matches_pattern_2(value: &str) -> bool {
        let bytes = value.as_bytes();
        let mut at = 0;
        if !bytes
            .get(at..at + 4)
            .is_some_and(|run| run.iter().all(|byte| byte.is_ascii_digit()))
        {
            return false;
        }
        at += 4;
        if !bytes.get(at).is_some_and(|byte| matches!(byte, b'-')) {
            return false;
        }
        at += 1;
        if !bytes
            .get(at..at + 2)
            .is_some_and(|run| run.iter().all(|byte| byte.is_ascii_digit()))
        {
            return false;
        }
        at += 2;
        if !bytes.get(at).is_some_and(|byte| matches!(byte, b'-')) {
            return false;
        }
        at += 1;
        if !bytes
            .get(at..at + 2)
            .is_some_and(|run| run.iter().all(|byte| byte.is_ascii_digit()))
        {
            return false;
        }
        at += 2;
        at == bytes.len()
    }
    /// Whether a value matches `^(DAILY|WEEKLY)$`.
    pub fn matches_pattern_3(value: &str) -> bool {
        matches!(value, "DAILY" | "WEEKLY")
    }
}
