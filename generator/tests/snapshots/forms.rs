pub mod config {
    //! Facts of the spec that the client uses as defaults.
    /// The spec's first server, the client's default base URL.
    pub const DEFAULT_BASE_URL: &str = "https://forms.example.test";
    /// The OAuth2 client-credentials token endpoint of the spec, if it has one.
    pub const OAUTH_TOKEN_URL: Option<&str> = None;
    /// The token endpoint's path when it is on the default server, so that it follows a
    /// configured base URL.
    pub const OAUTH_TOKEN_PATH: Option<&str> = None;
    /// `User-Agent` sent by default: this crate's name and version.
    pub const USER_AGENT: &str = concat!(
        env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")
    );
}
pub mod models {
    //! Types of the spec's schemas, decoded leniently: unknown fields are ignored, unknown enum values are kept, and documented bounds are not enforced on server data.
    use serde::{Deserialize, Serialize};
    /// Implements `Display`, `Serialize` and `Deserialize` for a string enum through its `as_str`
    /// and `From<&str>`: the impls every string enum shares. Enums keep values they do not know,
    /// so a server that adds one does not break decoding; deserializing borrows the string where
    /// the format allows, so known values never allocate.
    macro_rules! string_enum_impls {
        ($name:ident) => {
            impl std::fmt::Display for $name { fn fmt(& self, f : & mut
            std::fmt::Formatter <'_ >) -> std::fmt::Result { f.write_str(self.as_str()) }
            } impl Serialize for $name { fn serialize < S : serde::Serializer > (& self,
            serializer : S) -> Result < S::Ok, S::Error > { serializer.serialize_str(self
            .as_str()) } } impl <'de > Deserialize <'de > for $name { fn deserialize < D
            : serde::Deserializer <'de >> (deserializer : D) -> Result < Self, D::Error >
            { struct StrVisitor; impl serde::de::Visitor <'_ > for StrVisitor { type
            Value = $name; fn expecting(& self, f : & mut std::fmt::Formatter <'_ >) ->
            std::fmt::Result { f.write_str("a string") } fn visit_str < E :
            serde::de::Error > (self, value : & str) -> Result <$name, E > { Ok($name
            ::from(value)) } } deserializer.deserialize_str(StrVisitor) } }
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
                    serde_json::from_value(value)
                        .map(Self::Dog)
                        .map_err(serde::de::Error::custom)
                }
                Some("BIRD") => {
                    serde_json::from_value(value)
                        .map(Self::Bird)
                        .map_err(serde::de::Error::custom)
                }
                _ => Ok(Self::Other(value)),
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Bird {
        pub species: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub legs: Option<i32>,
        pub wingspan: f64,
    }
    impl Bird {
        /// A `Bird` with its required fields; the optional ones start unset and have setters.
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
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Circle::new("example".to_owned(), 1.0);
    /// ```
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Circle {
        #[serde(rename = "shapeType")]
        pub shape_type: String,
        pub radius: f64,
    }
    impl Circle {
        /// A `Circle` with its required fields; the optional ones start unset and have setters.
        pub fn new(shape_type: String, radius: f64) -> Self {
            Self { shape_type, radius }
        }
    }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(untagged)]
    #[non_exhaustive]
    pub enum Contact {
        String(String),
        Person(Person),
        /// A value that matches none of the variants, kept as JSON.
        Other(serde_json::Value),
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::Dog::new("example".to_owned())
    ///     .legs(1);
    /// ```
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Dog {
        pub species: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub legs: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub barks: Option<bool>,
    }
    impl Dog {
        /// A `Dog` with its required fields; the optional ones start unset and have setters.
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
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::GetReportBody::new()
    ///     .since("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct GetReportBody {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub since: Option<String>,
    }
    impl GetReportBody {
        /// A `GetReportBody` with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { since: None }
        }
        /// Sets `since`.
        pub fn since(mut self, value: String) -> Self {
            self.since = Some(value);
            self
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
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct GetReportJson20230101Response {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub count: Option<i64>,
    }
    impl GetReportJson20230101Response {
        /// A `GetReportJson20230101Response` with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { count: None }
        }
        /// Sets `count`.
        pub fn count(mut self, value: i64) -> Self {
            self.count = Some(value);
            self
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
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct GetReportResponse {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub rows: Option<i64>,
    }
    impl GetReportResponse {
        /// A `GetReportResponse` with every field unset; the setters fill them in.
        pub fn new() -> Self {
            Self { rows: None }
        }
        /// Sets `rows`.
        pub fn rows(mut self, value: i64) -> Self {
            self.rows = Some(value);
            self
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
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Labels {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub primary: Option<String>,
        /// Properties beyond the ones named above.
        #[serde(flatten)]
        pub additional_properties: std::collections::BTreeMap<String, PetKind>,
    }
    impl Labels {
        /// A `Labels` with every field unset; the setters fill them in.
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Owner {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pets: Option<Vec<Pet>>,
        pub since: chrono::DateTime<chrono::Utc>,
    }
    impl Owner {
        /// A `Owner` with its required fields; the optional ones start unset and have setters.
        pub fn new(name: String, since: chrono::DateTime<chrono::Utc>) -> Self {
            Self { name, pets: None, since }
        }
        /// Sets `pets`.
        pub fn pets(mut self, value: Vec<Pet>) -> Self {
            self.pets = Some(value);
            self
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Person {
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pets: Option<Vec<Pet>>,
    }
    impl Person {
        /// A `Person` with its required fields; the optional ones start unset and have setters.
        pub fn new(name: String) -> Self {
            Self { name, pets: None }
        }
        /// Sets `pets`.
        pub fn pets(mut self, value: Vec<Pet>) -> Self {
            self.pets = Some(value);
            self
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Pet {
        pub id: i64,
        /// A property named like a Rust keyword.
        pub r#type: String,
        pub kind: PetKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub born: Option<chrono::NaiveDate>,
        #[serde(rename = "seenAt", default, skip_serializing_if = "Option::is_none")]
        pub seen_at: Option<chrono::DateTime<chrono::Utc>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub weight: Option<f32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tags: Option<std::collections::BTreeMap<String, String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub extra: Option<serde_json::Map<String, serde_json::Value>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub anything: Option<serde_json::Value>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub owner: Option<Owner>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent: Option<Box<Pet>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub children: Option<Vec<Pet>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub shape: Option<Shape>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contact: Option<Contact>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<PetStatus>,
        #[serde(
            rename = "@odata.etag",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        pub odata_etag: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub collar: Option<PetCollar>,
        #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
        pub self_: Option<String>,
    }
    impl Pet {
        /// A `Pet` with its required fields; the optional ones start unset and have setters.
        pub fn new(id: i64, r#type: String, kind: PetKind) -> Self {
            Self {
                id,
                r#type,
                kind,
                name: None,
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
            }
        }
        /// Sets `name`.
        pub fn name(mut self, value: String) -> Self {
            self.name = Some(value);
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
    }
    /// Built with its required fields, then optional ones by name:
    ///
    /// ```rust,ignore
    /// use schema_forms::models;
    ///
    /// let value = models::PetCollar::new()
    ///     .color("example".to_owned());
    /// ```
    #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct PetCollar {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub color: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub size: Option<PetCollarSize>,
    }
    impl PetCollar {
        /// A `PetCollar` with every field unset; the setters fill them in.
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
                other => Self::Unknown(other.to_owned()),
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
                other => Self::Unknown(other.to_owned()),
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
                other => Self::Unknown(other.to_owned()),
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Problem {
        pub title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<i64>,
    }
    impl Problem {
        /// A `Problem` with its required fields; the optional ones start unset and have setters.
        pub fn new(title: String) -> Self {
            Self { title, status: None }
        }
        /// Sets `status`.
        pub fn status(mut self, value: i64) -> Self {
            self.status = Some(value);
            self
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
                    serde_json::from_value(value)
                        .map(Self::Circle)
                        .map_err(serde::de::Error::custom)
                }
                Some("Square") => {
                    serde_json::from_value(value)
                        .map(Self::Square)
                        .map_err(serde::de::Error::custom)
                }
                _ => Ok(Self::Other(value)),
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
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[non_exhaustive]
    pub struct Square {
        #[serde(rename = "shapeType")]
        pub shape_type: String,
        pub side: f64,
    }
    impl Square {
        /// A `Square` with its required fields; the optional ones start unset and have setters.
        pub fn new(shape_type: String, side: f64) -> Self {
            Self { shape_type, side }
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
        use super::super::runtime::response::{decode_json, decode_empty};
        use super::super::runtime::{
            self as runtime, DecodeError, RawResponse, Request, Response, TransportError,
            ValidationError,
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
            pub const METHOD: runtime::Method = runtime::Method::Get;
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
                let mut path = String::with_capacity(30);
                path.push_str("/pets/");
                runtime::request::push_path_segment(&mut path, "petId", &self.pet_id)?;
                let mut query = Vec::with_capacity(6);
                if let Some(values) = &self.fields {
                    for value in values {
                        query.push(("fields", value.clone()));
                    }
                }
                if let Some(value) = &self.limit {
                    query.push(("limit", value.to_string()));
                }
                if let Some(value) = &self.ratio {
                    query.push(("ratio", value.to_string()));
                }
                if let Some(value) = &self.kind {
                    query.push(("kind", value.as_str().to_owned()));
                }
                if let Some(value) = &self.since {
                    query.push(("since", value.clone()));
                }
                if let Some(value) = &self.period {
                    query.push(("period", value.clone()));
                }
                let mut headers = Vec::new();
                if let Some(value) = &self.x_trace_id {
                    headers
                        .push((
                            "X-Trace-Id",
                            runtime::request::header_value("X-Trace-Id", value.clone())?,
                        ));
                }
                Ok(Request {
                    method: Self::METHOD,
                    path,
                    query,
                    headers,
                    accept: Some(self.accept.as_str()),
                    body: None,
                })
            }
            /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter is
            /// invalid.
            pub async fn send(
                &self,
                client: &runtime::Client,
            ) -> Result<Response<models::Pet>, GetPetError> {
                let request = self.build()?;
                let response = client.send(&request).await?;
                self.decode_response(response)
            }
            /// Decodes the response to this request into the documented body or error.
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<models::Pet>, GetPetError> {
                match response.status {
                    200 => Ok(decode_json(response)?),
                    404 => Err(GetPetError::NotFound(Box::new(decode_json(response)?))),
                    500..=599 => {
                        Err(GetPetError::Status5xx(Box::new(decode_empty(response))))
                    }
                    _ => Err(GetPetError::Default(Box::new(decode_json(response)?))),
                }
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
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum GetPetError {
            /// `404`: No such pet.
            #[error(
                "{} Not Found: {}",
                .0.status,
                runtime::response::summarize(&.0.body)
            )]
            NotFound(Box<Response<models::Problem>>),
            /// `5XX`: Server trouble.
            #[error("{} 5XX", .0.status)]
            Status5xx(Box<Response<()>>),
            /// `default`: Anything else.
            #[error("{} default: {}", .0.status, runtime::response::summarize(&.0.body))]
            Default(Box<Response<models::Problem>>),
            /// A status this operation does not document; the response is kept as received.
            #[error("undocumented response: {0}")]
            UnexpectedStatus(RawResponse),
            /// A response whose body could not be decoded.
            #[error(transparent)]
            Decode(#[from] DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            #[error(transparent)]
            InvalidParameter(#[from] ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            #[error(transparent)]
            Transport(#[from] TransportError),
        }
        impl GetPetError {
            /// The HTTP status of the response behind this error, if there was one.
            pub fn status(&self) -> Option<u16> {
                match self {
                    Self::NotFound(response) => Some(response.status),
                    Self::Status5xx(response) => Some(response.status),
                    Self::Default(response) => Some(response.status),
                    Self::UnexpectedStatus(response) => Some(response.status),
                    Self::Decode(error) => Some(error.response.status),
                    Self::InvalidParameter(_) | Self::Transport(_) => None,
                }
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
            pub const METHOD: runtime::Method = runtime::Method::Put;
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
            pub fn build(&self) -> Result<Request, ValidationError> {
                runtime::validation::pattern(
                    "petId",
                    &self.pet_id,
                    "^pet-[0-9]{1,6}$",
                    patterns::matches_pattern_1,
                )?;
                let mut path = String::with_capacity(30);
                path.push_str("/pets/");
                runtime::request::push_path_segment(&mut path, "petId", &self.pet_id)?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    method: Self::METHOD,
                    path,
                    query,
                    headers,
                    accept: None,
                    body: {
                        let body = &self.body;
                        Some(runtime::Body {
                            content_type: "application/json",
                            bytes: serde_json::to_vec(body)
                                .map_err(|error| {
                                    ValidationError::new(
                                        "body",
                                        runtime::Rule::Json,
                                        &error.to_string(),
                                    )
                                })?,
                        })
                    },
                })
            }
            /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter is
            /// invalid.
            pub async fn send(
                &self,
                client: &runtime::Client,
            ) -> Result<Response<()>, ReplacePetError> {
                let request = self.build()?;
                let response = client.send(&request).await?;
                self.decode_response(response)
            }
            /// Decodes the response to this request into the documented body or error.
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<()>, ReplacePetError> {
                match response.status {
                    204 => Ok(decode_empty(response)),
                    409 => {
                        Err(ReplacePetError::Conflict(Box::new(decode_json(response)?)))
                    }
                    _ => Err(ReplacePetError::UnexpectedStatus(response)),
                }
            }
        }
        /// Errors of `replacePet`.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum ReplacePetError {
            /// `409`: Conflict.
            #[error(
                "{} Conflict: {}",
                .0.status,
                runtime::response::summarize(&.0.body)
            )]
            Conflict(Box<Response<models::Problem>>),
            /// A status this operation does not document; the response is kept as received.
            #[error("undocumented response: {0}")]
            UnexpectedStatus(RawResponse),
            /// A response whose body could not be decoded.
            #[error(transparent)]
            Decode(#[from] DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            #[error(transparent)]
            InvalidParameter(#[from] ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            #[error(transparent)]
            Transport(#[from] TransportError),
        }
        impl ReplacePetError {
            /// The HTTP status of the response behind this error, if there was one.
            pub fn status(&self) -> Option<u16> {
                match self {
                    Self::Conflict(response) => Some(response.status),
                    Self::UnexpectedStatus(response) => Some(response.status),
                    Self::Decode(error) => Some(error.response.status),
                    Self::InvalidParameter(_) | Self::Transport(_) => None,
                }
            }
        }
    }
    pub use pets::*;
    pub mod files {
        //! Operations tagged `Files`.
        use super::super::models;
        use super::super::runtime::response::{decode_json, decode_bytes};
        use super::super::runtime::{
            self as runtime, DecodeError, RawResponse, Request, Response, TransportError,
            ValidationError,
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
            pub const METHOD: runtime::Method = runtime::Method::Get;
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
            pub fn build(&self) -> Result<Request, ValidationError> {
                let mut path = String::with_capacity(31);
                path.push_str("/files/");
                runtime::request::push_path_segment(&mut path, "name", &self.name)?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    method: Self::METHOD,
                    path,
                    query,
                    headers,
                    accept: Some(Self::ACCEPT),
                    body: None,
                })
            }
            /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter is
            /// invalid.
            pub async fn send(
                &self,
                client: &runtime::Client,
            ) -> Result<Response<Vec<u8>>, DownloadFileError> {
                let request = self.build()?;
                let response = client.send(&request).await?;
                self.decode_response(response)
            }
            /// Decodes the response to this request into the documented body or error.
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<Vec<u8>>, DownloadFileError> {
                match response.status {
                    200 => Ok(decode_bytes(response)),
                    _ => Err(DownloadFileError::UnexpectedStatus(response)),
                }
            }
        }
        /// Errors of `downloadFile`.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum DownloadFileError {
            /// A status this operation does not document; the response is kept as received.
            #[error("undocumented response: {0}")]
            UnexpectedStatus(RawResponse),
            /// A response whose body could not be decoded.
            #[error(transparent)]
            Decode(#[from] DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            #[error(transparent)]
            InvalidParameter(#[from] ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            #[error(transparent)]
            Transport(#[from] TransportError),
        }
        impl DownloadFileError {
            /// The HTTP status of the response behind this error, if there was one.
            pub fn status(&self) -> Option<u16> {
                match self {
                    Self::UnexpectedStatus(response) => Some(response.status),
                    Self::Decode(error) => Some(error.response.status),
                    Self::InvalidParameter(_) | Self::Transport(_) => None,
                }
            }
        }
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
            pub const METHOD: runtime::Method = runtime::Method::Post;
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
            /// Sets the request body.
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
            pub fn build(&self) -> Result<Request, ValidationError> {
                let mut path = String::with_capacity(33);
                path.push_str("/reports/");
                runtime::request::push_path_segment(&mut path, "id", &self.id)?;
                let query = Vec::new();
                let headers = Vec::new();
                Ok(Request {
                    method: Self::METHOD,
                    path,
                    query,
                    headers,
                    accept: Some(self.accept.as_str()),
                    body: match &self.body {
                        Some(body) => {
                            Some(runtime::Body {
                                content_type: "application/json",
                                bytes: serde_json::to_vec(body)
                                    .map_err(|error| {
                                        ValidationError::new(
                                            "body",
                                            runtime::Rule::Json,
                                            &error.to_string(),
                                        )
                                    })?,
                            })
                        }
                        None => None,
                    },
                })
            }
            /// Validates, sends and decodes: the whole call. Nothing is sent when a parameter is
            /// invalid.
            pub async fn send(
                &self,
                client: &runtime::Client,
            ) -> Result<Response<GetReportResponseBody>, GetReportError> {
                let request = self.build()?;
                let response = client.send(&request).await?;
                self.decode_response(response)
            }
            /// Decodes the response to this request into the documented body or error.
            pub fn decode_response(
                &self,
                response: RawResponse,
            ) -> Result<Response<GetReportResponseBody>, GetReportError> {
                match response.status {
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
                    _ => Err(GetReportError::UnexpectedStatus(response)),
                }
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
        /// Errors of `getReport`.
        #[derive(Debug, thiserror::Error)]
        #[non_exhaustive]
        pub enum GetReportError {
            /// A status this operation does not document; the response is kept as received.
            #[error("undocumented response: {0}")]
            UnexpectedStatus(RawResponse),
            /// A response whose body could not be decoded.
            #[error(transparent)]
            Decode(#[from] DecodeError),
            /// A parameter broke a rule of the spec; nothing was sent.
            #[error(transparent)]
            InvalidParameter(#[from] ValidationError),
            /// No response arrived (connection, timeout, authentication exchange).
            #[error(transparent)]
            Transport(#[from] TransportError),
        }
        impl GetReportError {
            /// The HTTP status of the response behind this error, if there was one.
            pub fn status(&self) -> Option<u16> {
                match self {
                    Self::UnexpectedStatus(response) => Some(response.status),
                    Self::Decode(error) => Some(error.response.status),
                    Self::InvalidParameter(_) | Self::Transport(_) => None,
                }
            }
        }
    }
    pub use files::*;
}
pub mod patterns {
    //! Checks for the spec's `pattern` keywords, compiled to plain code where the pattern allows and to the `regex` crate otherwise.
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
pub mod runtime {
    //! Support code shared by every generated operation: request parts, parameter validation,
    //! response decoding and the HTTP client. It is part of the generated crate so that the
    //! crate has no dependency on the generator.
    pub mod auth {
        //! Credentials and how they authorize a request: HTTP Digest with an API key pair (RFC 7616,
        //! answered with the `http-auth` crate), an OAuth2 client-credentials token exchanged for a
        //! service account and cached, or a static bearer token. Secrets never reach `Debug` or
        //! `Display`.
        use std::fmt;
        use std::time::{Duration, Instant};
        /// A secret string (private key, client secret, token): shown as `<redacted>`.
        #[derive(Clone, PartialEq, Eq)]
        pub struct Secret(String);
        impl Secret {
            pub fn new(value: impl Into<String>) -> Self {
                Secret(value.into())
            }
            /// The secret itself, for the one place that must send it.
            pub fn expose(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Debug for Secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
        impl fmt::Display for Secret {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("<redacted>")
            }
        }
        impl From<String> for Secret {
            fn from(value: String) -> Self {
                Secret(value)
            }
        }
        impl From<&str> for Secret {
            fn from(value: &str) -> Self {
                Secret(value.to_owned())
            }
        }
        /// How the client proves who it is.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Credentials {
            /// No `Authorization` header.
            None,
            /// An API key pair, answered with HTTP Digest: the public key is the user name.
            Digest { public_key: String, private_key: Secret },
            /// A service account: the id and secret are exchanged for a bearer token, cached until
            /// shortly before it expires.
            ServiceAccount { client_id: String, client_secret: Secret },
            /// A bearer token obtained elsewhere.
            Bearer(Secret),
        }
        impl Credentials {
            pub fn digest(
                public_key: impl Into<String>,
                private_key: impl Into<Secret>,
            ) -> Self {
                Credentials::Digest {
                    public_key: public_key.into(),
                    private_key: private_key.into(),
                }
            }
            pub fn service_account(
                client_id: impl Into<String>,
                client_secret: impl Into<Secret>,
            ) -> Self {
                Credentials::ServiceAccount {
                    client_id: client_id.into(),
                    client_secret: client_secret.into(),
                }
            }
            pub fn bearer(token: impl Into<Secret>) -> Self {
                Credentials::Bearer(token.into())
            }
        }
        /// Longest token lifetime believed, in seconds.
        const MAX_TOKEN_LIFETIME_SECS: u64 = 365 * 24 * 3600;
        /// A bearer token from the token endpoint and when to stop using it.
        #[derive(Clone)]
        pub(crate) struct CachedToken {
            pub(crate) token: Secret,
            /// Refresh at this instant: a margin before the server's expiry.
            pub(crate) refresh_at: Instant,
        }
        impl CachedToken {
            /// A token valid for `expires_in` seconds, refreshed a tenth of its life (at most a
            /// minute) early so that a request never carries a token that expires in flight.
            pub(crate) fn new(token: Secret, expires_in: u64) -> Self {
                let lifetime = Duration::from_secs(
                    expires_in.min(MAX_TOKEN_LIFETIME_SECS),
                );
                let margin = (lifetime / 10).min(Duration::from_secs(60));
                let now = Instant::now();
                CachedToken {
                    token,
                    refresh_at: now.checked_add(lifetime - margin).unwrap_or(now),
                }
            }
            pub(crate) fn is_fresh(&self) -> bool {
                Instant::now() < self.refresh_at
            }
        }
        /// The token endpoint's answer (RFC 6749 section 5.1).
        #[derive(serde::Deserialize)]
        pub(crate) struct TokenResponse {
            pub(crate) access_token: String,
            #[serde(default = "default_expires_in")]
            pub(crate) expires_in: u64,
        }
        fn default_expires_in() -> u64 {
            3600
        }
        /// The `Authorization` value answering a Digest challenge, reusing the challenge's nonce
        /// with an increasing nonce count.
        pub(crate) fn digest_authorization(
            challenge: &mut http_auth::PasswordClient,
            username: &str,
            password: &Secret,
            method: &str,
            uri: &str,
            body: Option<&[u8]>,
        ) -> Result<String, String> {
            challenge
                .respond(
                    &http_auth::PasswordParams {
                        username,
                        password: password.expose(),
                        uri,
                        method,
                        body,
                    },
                )
        }
    }
    pub mod client {
        //! The HTTP transport: an async client (reqwest with rustls, on tokio) that sends validated
        //! requests with credentials, a user agent and the operation's `Accept` type, retries rate
        //! limited requests under a bounded policy and returns responses as received.
        use std::fmt;
        use std::sync::Arc;
        use std::time::Duration;
        use super::auth::{
            digest_authorization, CachedToken, Credentials, Secret, TokenResponse,
        };
        use super::request::{Method, Request};
        use super::response::{Headers, RawResponse};
        /// Default cap on a response body: larger bodies are refused, not buffered.
        pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
        /// How much of a refused oversized body an error keeps.
        const KEPT_PREFIX_BYTES: usize = 64 * 1024;
        /// When to retry a request the server asked to retry later (429 and 503).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct RetryPolicy {
            /// Retries after the first attempt; 0 disables retrying.
            pub max_retries: u32,
            /// Wait used when the response has no usable `Retry-After`, doubled on each retry.
            pub base_delay: Duration,
            /// The longest wait the client accepts; a longer `Retry-After` ends the retries.
            pub max_delay: Duration,
        }
        impl RetryPolicy {
            /// No retries: 429 and 503 come back to the caller at once.
            pub fn none() -> Self {
                RetryPolicy {
                    max_retries: 0,
                    ..RetryPolicy::default()
                }
            }
            fn delay(&self, attempt: u32, headers: &Headers) -> Option<Duration> {
                let delay = match headers.retry_after_seconds() {
                    Some(seconds) => Duration::from_secs(seconds),
                    None => self.base_delay.saturating_mul(2u32.saturating_pow(attempt)),
                };
                (delay <= self.max_delay).then_some(delay)
            }
        }
        impl Default for RetryPolicy {
            fn default() -> Self {
                RetryPolicy {
                    max_retries: 2,
                    base_delay: Duration::from_millis(500),
                    max_delay: Duration::from_secs(30),
                }
            }
        }
        /// Why a request got no response to decode.
        #[derive(Debug)]
        pub enum TransportError {
            /// The request or the response took longer than the configured timeout.
            Timeout(reqwest::Error),
            /// The server could not be reached.
            Connect(reqwest::Error),
            /// Any other HTTP-level failure (protocol error, broken connection, bad URL).
            Http(reqwest::Error),
            /// The body is larger than the configured limit; the first bytes are kept.
            BodyTooLarge {
                status: u16,
                headers: Headers,
                limit: usize,
                prefix: Vec<u8>,
            },
            /// The token endpoint refused the service account or answered something unusable.
            TokenExchange { status: u16, body: Vec<u8> },
            /// The server's Digest challenge could not be answered.
            DigestChallenge(String),
        }
        impl fmt::Display for TransportError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    TransportError::Timeout(error) => write!(f, "timed out: {error}"),
                    TransportError::Connect(error) => {
                        write!(f, "cannot connect: {error}")
                    }
                    TransportError::Http(error) => write!(f, "HTTP error: {error}"),
                    TransportError::BodyTooLarge { status, limit, .. } => {
                        write!(
                            f,
                            "the {status} response body exceeds the limit of {limit} bytes"
                        )
                    }
                    TransportError::TokenExchange { status, body } => {
                        write!(
                            f, "the token endpoint answered {status}: {}",
                            super::response::quote_body(body)
                        )
                    }
                    TransportError::DigestChallenge(reason) => {
                        write!(f, "cannot answer the Digest challenge: {reason}")
                    }
                }
            }
        }
        impl std::error::Error for TransportError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    TransportError::Timeout(error)
                    | TransportError::Connect(error)
                    | TransportError::Http(error) => Some(error),
                    _ => None,
                }
            }
        }
        impl From<reqwest::Error> for TransportError {
            fn from(error: reqwest::Error) -> Self {
                if error.is_timeout() {
                    TransportError::Timeout(error)
                } else if error.is_connect() {
                    TransportError::Connect(error)
                } else {
                    TransportError::Http(error)
                }
            }
        }
        /// Configures a [`Client`].
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            base_url: String,
            credentials: Credentials,
            timeout: Duration,
            connect_timeout: Duration,
            retry: RetryPolicy,
            max_body_bytes: usize,
            user_agent: String,
        }
        impl ClientBuilder {
            /// The server to call, without a trailing path (default: the spec's first server).
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.base_url = base_url.into().trim_end_matches('/').to_owned();
                self
            }
            pub fn credentials(mut self, credentials: Credentials) -> Self {
                self.credentials = credentials;
                self
            }
            /// Limit on a whole request, retries excluded (default 60 s).
            pub fn timeout(mut self, timeout: Duration) -> Self {
                self.timeout = timeout;
                self
            }
            /// Limit on establishing a connection (default 10 s).
            pub fn connect_timeout(mut self, timeout: Duration) -> Self {
                self.connect_timeout = timeout;
                self
            }
            pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
                self.retry = retry;
                self
            }
            /// Largest response body accepted (default [`DEFAULT_MAX_BODY_BYTES`]).
            pub fn max_body_bytes(mut self, limit: usize) -> Self {
                self.max_body_bytes = limit;
                self
            }
            /// Replaces the default `User-Agent` (`<crate>/<version>`).
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.user_agent = user_agent.into();
                self
            }
            pub fn build(self) -> Result<Client, TransportError> {
                let http = reqwest::Client::builder()
                    .timeout(self.timeout)
                    .connect_timeout(self.connect_timeout)
                    .user_agent(self.user_agent)
                    .build()?;
                Ok(Client {
                    inner: Arc::new(Inner {
                        http,
                        base_url: self.base_url,
                        credentials: self.credentials,
                        retry: self.retry,
                        max_body_bytes: self.max_body_bytes,
                        token: tokio::sync::Mutex::new(None),
                        digest: std::sync::Mutex::new(None),
                    }),
                })
            }
        }
        /// An API client; cheap to clone, and clones share the connection pool, the cached token
        /// and the Digest challenge.
        #[derive(Clone)]
        pub struct Client {
            inner: Arc<Inner>,
        }
        struct Inner {
            http: reqwest::Client,
            base_url: String,
            credentials: Credentials,
            retry: RetryPolicy,
            max_body_bytes: usize,
            /// The service-account token; the async lock makes concurrent calls share one exchange.
            token: tokio::sync::Mutex<Option<CachedToken>>,
            /// The last Digest challenge (its header text and the answering state), answered again
            /// with a higher nonce count.
            digest: std::sync::Mutex<Option<(String, http_auth::PasswordClient)>>,
        }
        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", &self.inner.base_url)
                    .field("credentials", &self.inner.credentials)
                    .field("retry", &self.inner.retry)
                    .field("max_body_bytes", &self.inner.max_body_bytes)
                    .finish_non_exhaustive()
            }
        }
        /// What to put in `Authorization` for one attempt.
        #[derive(Clone)]
        enum Authorization {
            None,
            Value(String),
        }
        impl Client {
            /// A builder with the spec's defaults: its first server URL, no credentials, 60 s
            /// timeout, the default retry policy.
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    base_url: super::super::config::DEFAULT_BASE_URL
                        .trim_end_matches('/')
                        .to_owned(),
                    credentials: Credentials::None,
                    timeout: Duration::from_secs(60),
                    connect_timeout: Duration::from_secs(10),
                    retry: RetryPolicy::default(),
                    max_body_bytes: DEFAULT_MAX_BODY_BYTES,
                    user_agent: super::super::config::USER_AGENT.to_owned(),
                }
            }
            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.inner.base_url
            }
            /// Sends a validated request: authorizes it, answers a Digest challenge or refreshes a
            /// rejected token once, and retries 429/503 under the retry policy. Any response that
            /// arrives is returned as received, whatever its status.
            pub async fn send(
                &self,
                request: &Request,
            ) -> Result<RawResponse, TransportError> {
                let mut attempt = 0;
                loop {
                    let response = self.send_authorized(request).await?;
                    if matches!(response.status, 429 | 503)
                        && attempt < self.inner.retry.max_retries
                    {
                        if let Some(delay) = self
                            .inner
                            .retry
                            .delay(attempt, &response.headers)
                        {
                            tokio::time::sleep(delay).await;
                            attempt += 1;
                            continue;
                        }
                    }
                    return Ok(response);
                }
            }
            async fn send_authorized(
                &self,
                request: &Request,
            ) -> Result<RawResponse, TransportError> {
                let authorization_sent = self.authorization(request).await?;
                let response = self
                    .send_once(request, authorization_sent.clone())
                    .await?;
                if response.status != 401 {
                    return Ok(response);
                }
                match &self.inner.credentials {
                    Credentials::Digest { .. } => {
                        let Some(challenge) = response
                            .headers
                            .get_all("www-authenticate")
                            .find(|v| is_digest(v)) else {
                            return Ok(response);
                        };
                        {
                            let mut digest = self.lock_digest();
                            if digest.as_ref().is_none_or(|(seen, _)| seen != challenge)
                            {
                                let client = http_auth::PasswordClient::try_from(challenge)
                                    .map_err(TransportError::DigestChallenge)?;
                                *digest = Some((challenge.to_owned(), client));
                            }
                        }
                        let authorization = self.authorization(request).await?;
                        self.send_once(request, authorization).await
                    }
                    Credentials::ServiceAccount { client_id, client_secret } => {
                        let rejected = match &authorization_sent {
                            Authorization::Value(value) => {
                                value.strip_prefix("Bearer ").map(str::to_owned)
                            }
                            Authorization::None => None,
                        };
                        let token = self
                            .token(client_id, client_secret, rejected.as_deref())
                            .await?;
                        let authorization = Authorization::Value(
                            format!("Bearer {}", token.expose()),
                        );
                        self.send_once(request, authorization).await
                    }
                    Credentials::None | Credentials::Bearer(_) => Ok(response),
                }
            }
            fn lock_digest(
                &self,
            ) -> std::sync::MutexGuard<'_, Option<(String, http_auth::PasswordClient)>> {
                self.inner
                    .digest
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            }
            async fn authorization(
                &self,
                request: &Request,
            ) -> Result<Authorization, TransportError> {
                match &self.inner.credentials {
                    Credentials::None => Ok(Authorization::None),
                    Credentials::Bearer(token) => {
                        Ok(Authorization::Value(format!("Bearer {}", token.expose())))
                    }
                    Credentials::ServiceAccount { client_id, client_secret } => {
                        let token = self.token(client_id, client_secret, None).await?;
                        Ok(Authorization::Value(format!("Bearer {}", token.expose())))
                    }
                    Credentials::Digest { public_key, private_key } => {
                        let mut digest = self.lock_digest();
                        let Some((_, challenge)) = digest.as_mut() else {
                            return Ok(Authorization::None)
                        };
                        let uri = request.path_and_query();
                        let body = request.body.as_ref().map(|b| b.bytes.as_slice());
                        digest_authorization(
                                challenge,
                                public_key,
                                private_key,
                                request.method.as_str(),
                                &uri,
                                body,
                            )
                            .map(Authorization::Value)
                            .map_err(TransportError::DigestChallenge)
                    }
                }
            }
            /// The cached service-account token, exchanged anew when missing, near expiry or equal
            /// to `rejected` (a token the server refused). Holding the async lock across the
            /// exchange makes concurrent callers wait for one exchange instead of each starting their
            /// own; a caller whose token was already replaced takes the replacement.
            async fn token(
                &self,
                client_id: &str,
                client_secret: &Secret,
                rejected: Option<&str>,
            ) -> Result<Secret, TransportError> {
                let mut cached = self.inner.token.lock().await;
                if let Some(token) = cached
                    .as_ref()
                    .filter(|t| t.is_fresh() && Some(t.token.expose()) != rejected)
                {
                    return Ok(token.token.clone());
                }
                let url = match super::super::config::OAUTH_TOKEN_PATH {
                    Some(path) => format!("{}{}", self.inner.base_url, path),
                    None => {
                        super::super::config::OAUTH_TOKEN_URL
                            .unwrap_or_default()
                            .to_owned()
                    }
                };
                let response = self
                    .inner
                    .http
                    .post(url)
                    .basic_auth(client_id, Some(client_secret.expose()))
                    .header(reqwest::header::ACCEPT, "application/json")
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )
                    .body("grant_type=client_credentials")
                    .send()
                    .await?;
                let status = response.status().as_u16();
                let body = response.bytes().await?.to_vec();
                let parsed = if (200..300).contains(&status) {
                    serde_json::from_slice::<TokenResponse>(&body).ok()
                } else {
                    None
                };
                let Some(parsed) = parsed else {
                    return Err(TransportError::TokenExchange {
                        status,
                        body,
                    })
                };
                let token = CachedToken::new(
                    Secret::new(parsed.access_token),
                    parsed.expires_in,
                );
                let secret = token.token.clone();
                *cached = Some(token);
                Ok(secret)
            }
            async fn send_once(
                &self,
                request: &Request,
                authorization: Authorization,
            ) -> Result<RawResponse, TransportError> {
                let method = match request.method {
                    Method::Get => reqwest::Method::GET,
                    Method::Put => reqwest::Method::PUT,
                    Method::Post => reqwest::Method::POST,
                    Method::Delete => reqwest::Method::DELETE,
                    Method::Options => reqwest::Method::OPTIONS,
                    Method::Head => reqwest::Method::HEAD,
                    Method::Patch => reqwest::Method::PATCH,
                    Method::Trace => reqwest::Method::TRACE,
                };
                let url = format!("{}{}", self.inner.base_url, request.path_and_query());
                let mut builder = self.inner.http.request(method, url);
                builder = builder
                    .header(
                        reqwest::header::ACCEPT,
                        request.accept.unwrap_or("application/json"),
                    );
                for (name, value) in &request.headers {
                    builder = builder.header(*name, value);
                }
                if let Authorization::Value(value) = authorization {
                    builder = builder.header(reqwest::header::AUTHORIZATION, value);
                }
                if let Some(body) = &request.body {
                    builder = builder
                        .header(reqwest::header::CONTENT_TYPE, body.content_type)
                        .body(body.bytes.clone());
                }
                let mut response = builder.send().await?;
                let status = response.status().as_u16();
                let headers: Headers = response
                    .headers()
                    .iter()
                    .map(|(name, value)| (
                        name.as_str().to_owned(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    ))
                    .collect();
                let limit = self.inner.max_body_bytes;
                let mut body = Vec::new();
                while let Some(chunk) = response.chunk().await? {
                    if body.len() + chunk.len() > limit {
                        body.extend_from_slice(
                            &chunk[..limit.saturating_sub(body.len())],
                        );
                        body.truncate(KEPT_PREFIX_BYTES);
                        return Err(TransportError::BodyTooLarge {
                            status,
                            headers,
                            limit,
                            prefix: body,
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(RawResponse {
                    status,
                    headers,
                    body,
                })
            }
        }
        fn is_digest(challenge: &str) -> bool {
            challenge
                .trim_start()
                .get(..6)
                .is_some_and(|scheme| scheme.eq_ignore_ascii_case("digest"))
        }
    }
    pub mod request {
        //! The HTTP request an operation builder produces, before any I/O.
        use std::fmt;
        use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
        use super::validation::{Rule, ValidationError};
        /// Characters left as they are in a path segment: RFC 3986 unreserved characters. Everything
        /// else, `/`, `?`, `#`, `%` and non-ASCII included, is percent-encoded, so a value can never
        /// leave its segment.
        const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        /// An HTTP method.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Method {
            Get,
            Put,
            Post,
            Delete,
            Options,
            Head,
            Patch,
            Trace,
        }
        impl Method {
            /// The method as it appears on the request line.
            pub fn as_str(self) -> &'static str {
                match self {
                    Method::Get => "GET",
                    Method::Put => "PUT",
                    Method::Post => "POST",
                    Method::Delete => "DELETE",
                    Method::Options => "OPTIONS",
                    Method::Head => "HEAD",
                    Method::Patch => "PATCH",
                    Method::Trace => "TRACE",
                }
            }
        }
        impl fmt::Display for Method {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        /// A request body, already serialized.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Body {
            pub content_type: &'static str,
            pub bytes: Vec<u8>,
        }
        /// A validated request: method, percent-encoded path, query pairs, headers and body. The
        /// client adds the base URL and credentials when it sends it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Request {
            pub method: Method,
            /// The path, each parameter segment percent-encoded (`/api/atlas/v2/groups/...`).
            pub path: String,
            /// Query pairs in the order the spec lists the parameters; values are not yet encoded.
            pub query: Vec<(&'static str, String)>,
            /// Header parameters; values are checked to contain no control characters.
            pub headers: Vec<(&'static str, String)>,
            /// The media type to ask for in `Accept`.
            pub accept: Option<&'static str>,
            pub body: Option<Body>,
        }
        impl Request {
            /// The query string without the leading `?`, `application/x-www-form-urlencoded` encoded.
            pub fn query_string(&self) -> String {
                let mut serializer = form_urlencoded::Serializer::new(String::new());
                for (name, value) in &self.query {
                    serializer.append_pair(name, value);
                }
                serializer.finish()
            }
            /// The path followed by `?` and the query string, if there is one.
            pub fn path_and_query(&self) -> String {
                if self.query.is_empty() {
                    self.path.clone()
                } else {
                    format!("{}?{}", self.path, self.query_string())
                }
            }
        }
        /// Appends one percent-encoded path segment. `.` and `..` are refused because URL parsers
        /// resolve them (even percent-encoded) and the request would reach another resource.
        pub fn push_path_segment(
            path: &mut String,
            parameter: &'static str,
            value: &str,
        ) -> Result<(), ValidationError> {
            if value.is_empty() || value == "." || value == ".." {
                return Err(ValidationError::new(parameter, Rule::PathSegment, value));
            }
            path.extend(utf8_percent_encode(value, PATH_SEGMENT));
            Ok(())
        }
        /// Checks that a header value cannot end the header or start another: no control characters.
        pub fn header_value(
            parameter: &'static str,
            value: String,
        ) -> Result<String, ValidationError> {
            if value.bytes().any(|b| b.is_ascii_control()) {
                return Err(ValidationError::new(parameter, Rule::HeaderValue, &value));
            }
            Ok(value)
        }
    }
    pub mod response {
        //! Responses: the raw status, headers and body as received, and their decoding into typed
        //! values or typed errors that keep what was received.
        use std::fmt;
        use serde::de::DeserializeOwned;
        /// How many bytes of a body an error message quotes.
        const MAX_QUOTED_BODY: usize = 512;
        /// Header names whose values are never printed.
        const SECRET_HEADERS: &[&str] = &[
            "authorization",
            "proxy-authorization",
            "cookie",
            "set-cookie",
        ];
        /// Response headers in the order received. Names compare case-insensitively.
        #[derive(Clone, Default, PartialEq, Eq)]
        pub struct Headers(Vec<(String, String)>);
        impl Headers {
            pub fn new() -> Self {
                Headers(Vec::new())
            }
            /// Adds a header (keeping earlier ones of the same name).
            pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
                self.0.push((name.into(), value.into()));
            }
            /// The first value of a header.
            pub fn get(&self, name: &str) -> Option<&str> {
                self.0
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
            }
            /// Every value of a header.
            pub fn get_all<'a>(
                &'a self,
                name: &'a str,
            ) -> impl Iterator<Item = &'a str> + 'a {
                self.0
                    .iter()
                    .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.as_str())
            }
            pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
                self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
            }
            /// `Content-Type`, if present.
            pub fn content_type(&self) -> Option<&str> {
                self.get("content-type")
            }
            /// `Retry-After` in whole seconds, when it is given as a number of seconds.
            pub fn retry_after_seconds(&self) -> Option<u64> {
                self.get("retry-after")?.trim().parse().ok()
            }
            /// `RateLimit-Limit`: requests allowed in the current window.
            pub fn rate_limit_limit(&self) -> Option<u64> {
                self.get("ratelimit-limit")?.trim().parse().ok()
            }
            /// `RateLimit-Remaining`: requests left in the current window.
            pub fn rate_limit_remaining(&self) -> Option<u64> {
                self.get("ratelimit-remaining")?.trim().parse().ok()
            }
        }
        impl FromIterator<(String, String)> for Headers {
            fn from_iter<I: IntoIterator<Item = (String, String)>>(iter: I) -> Self {
                Headers(iter.into_iter().collect())
            }
        }
        impl fmt::Debug for Headers {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (name, value) in &self.0 {
                    if SECRET_HEADERS
                        .iter()
                        .any(|secret| name.eq_ignore_ascii_case(secret))
                    {
                        map.entry(name, &"<redacted>");
                    } else {
                        map.entry(name, value);
                    }
                }
                map.finish()
            }
        }
        /// A response as received, before decoding.
        #[derive(Clone, PartialEq, Eq)]
        pub struct RawResponse {
            pub status: u16,
            pub headers: Headers,
            pub body: Vec<u8>,
        }
        impl fmt::Debug for RawResponse {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct("RawResponse")
                    .field("status", &self.status)
                    .field("headers", &self.headers)
                    .field("body", &quote_body(&self.body))
                    .finish()
            }
        }
        impl fmt::Display for RawResponse {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "status {}", self.status)?;
                if let Some(content_type) = self.headers.content_type() {
                    write!(f, " ({content_type})")?;
                }
                if !self.body.is_empty() {
                    write!(f, ": {}", quote_body(& self.body))?;
                }
                Ok(())
            }
        }
        /// A decoded response: the typed body with the status and headers it came with.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Response<T> {
            pub status: u16,
            pub headers: Headers,
            pub body: T,
        }
        impl<T> Response<T> {
            /// The body, dropping status and headers.
            pub fn into_body(self) -> T {
                self.body
            }
            /// The same response with its body converted, status and headers kept.
            pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
                Response {
                    status: self.status,
                    headers: self.headers,
                    body: f(self.body),
                }
            }
        }
        /// Why a body could not be decoded.
        #[derive(Debug)]
        pub enum DecodeErrorKind {
            /// The response is not JSON (for instance a proxy's HTML error page).
            UnexpectedContentType(String),
            /// The body is not valid JSON for the documented schema.
            Json(serde_json::Error),
            /// `envelope=true` was asked for but the body is not `{"status": ..., "content": ...}`.
            Envelope(serde_json::Error),
        }
        /// A response whose body could not be decoded; it keeps the status, headers and body.
        #[derive(Debug)]
        pub struct DecodeError {
            pub response: RawResponse,
            pub kind: DecodeErrorKind,
        }
        impl fmt::Display for DecodeError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "cannot decode the {} response: ", self.response.status)?;
                match &self.kind {
                    DecodeErrorKind::UnexpectedContentType(content_type) => {
                        write!(f, "expected JSON, got `{content_type}`")?
                    }
                    DecodeErrorKind::Json(error) => write!(f, "{error}")?,
                    DecodeErrorKind::Envelope(error) => {
                        write!(f, "not an envelope: {error}")?
                    }
                }
                if !self.response.body.is_empty() {
                    write!(f, "; body: {}", quote_body(& self.response.body))?;
                }
                Ok(())
            }
        }
        impl std::error::Error for DecodeError {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match &self.kind {
                    DecodeErrorKind::Json(error) | DecodeErrorKind::Envelope(error) => {
                        Some(error)
                    }
                    DecodeErrorKind::UnexpectedContentType(_) => None,
                }
            }
        }
        /// Whether a media type is JSON: `application/json` or any `+json` type.
        pub fn is_json(content_type: &str) -> bool {
            let essence = content_type.split(';').next().unwrap_or(content_type).trim();
            essence.eq_ignore_ascii_case("application/json")
                || essence.len() > 5
                    && essence[essence.len() - 5..].eq_ignore_ascii_case("+json")
        }
        /// Decodes a JSON body. A response without `Content-Type` is tried as JSON; one with
        /// another type is an error that keeps it.
        pub fn decode_json<T: DeserializeOwned>(
            response: RawResponse,
        ) -> Result<Response<T>, DecodeError> {
            if let Some(content_type) = response.headers.content_type() {
                if !is_json(content_type) {
                    let kind = DecodeErrorKind::UnexpectedContentType(
                        content_type.to_owned(),
                    );
                    return Err(DecodeError { response, kind });
                }
            }
            match serde_json::from_slice(&response.body) {
                Ok(body) => {
                    Ok(Response {
                        status: response.status,
                        headers: response.headers,
                        body,
                    })
                }
                Err(error) => {
                    Err(DecodeError {
                        response,
                        kind: DecodeErrorKind::Json(error),
                    })
                }
            }
        }
        /// Keeps a non-JSON body as bytes.
        pub fn decode_bytes(response: RawResponse) -> Response<Vec<u8>> {
            Response {
                status: response.status,
                headers: response.headers,
                body: response.body,
            }
        }
        /// A response documented to have no body; whatever body came is ignored.
        pub fn decode_empty(response: RawResponse) -> Response<()> {
            Response {
                status: response.status,
                headers: response.headers,
                body: (),
            }
        }
        /// Unwraps an Atlas-style envelope, `{"status": 404, "content": {...}}`: the result has the
        /// envelope's status and the content as its body, and keeps the received headers.
        pub fn unwrap_envelope(
            response: RawResponse,
        ) -> Result<RawResponse, DecodeError> {
            #[derive(serde::Deserialize)]
            struct Envelope<'a> {
                status: u16,
                #[serde(borrow)]
                content: Option<&'a serde_json::value::RawValue>,
            }
            let (status, body) = match serde_json::from_slice::<
                Envelope<'_>,
            >(&response.body) {
                Ok(envelope) => {
                    (
                        envelope.status,
                        envelope
                            .content
                            .map(|c| c.get().as_bytes().to_vec())
                            .unwrap_or_default(),
                    )
                }
                Err(error) => {
                    return Err(DecodeError {
                        response,
                        kind: DecodeErrorKind::Envelope(error),
                    });
                }
            };
            Ok(RawResponse {
                status,
                headers: response.headers,
                body,
            })
        }
        /// A short, printable form of a body for messages: UTF-8 (lossy), cut to a bounded length.
        pub fn quote_body(body: &[u8]) -> String {
            let cut = body.len().min(MAX_QUOTED_BODY);
            let mut text = String::from_utf8_lossy(&body[..cut]).into_owned();
            if body.len() > cut {
                text.push_str("...");
            }
            text
        }
        /// A short summary of a decoded error body for messages: its JSON form, cut to a bounded
        /// length.
        pub fn summarize<T: serde::Serialize>(body: &T) -> String {
            match serde_json::to_vec(body) {
                Ok(json) => quote_body(&json),
                Err(_) => String::from("<unprintable body>"),
            }
        }
    }
    pub mod validation {
        //! Parameter rules from the spec, checked before any I/O.
        use std::fmt;
        /// How many characters of an invalid value an error keeps.
        const MAX_VALUE_CHARS: usize = 128;
        /// A rule a parameter value broke.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Rule {
            /// The value must match this regular expression.
            Pattern(&'static str),
            MinLength(u64),
            MaxLength(u64),
            Minimum { bound: f64, exclusive: bool },
            Maximum { bound: f64, exclusive: bool },
            MultipleOf(f64),
            /// The value must be one of these.
            OneOf(&'static [&'static str]),
            MinItems(u64),
            MaxItems(u64),
            /// A path segment cannot be empty, `.` or `..`.
            PathSegment,
            /// A header value cannot contain control characters (CR, LF, NUL, ...).
            HeaderValue,
            /// A request body must serialize to JSON.
            Json,
        }
        impl fmt::Display for Rule {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    Rule::Pattern(pattern) => {
                        write!(f, "must match the pattern `{pattern}`")
                    }
                    Rule::MinLength(n) => {
                        write!(f, "must be at least {n} characters long")
                    }
                    Rule::MaxLength(n) => {
                        write!(f, "must be at most {n} characters long")
                    }
                    Rule::Minimum { bound, exclusive: false } => {
                        write!(f, "must be at least {bound}")
                    }
                    Rule::Minimum { bound, exclusive: true } => {
                        write!(f, "must be greater than {bound}")
                    }
                    Rule::Maximum { bound, exclusive: false } => {
                        write!(f, "must be at most {bound}")
                    }
                    Rule::Maximum { bound, exclusive: true } => {
                        write!(f, "must be less than {bound}")
                    }
                    Rule::MultipleOf(n) => write!(f, "must be a multiple of {n}"),
                    Rule::OneOf(values) => {
                        write!(f, "must be one of {}", values.join(", "))
                    }
                    Rule::MinItems(n) => write!(f, "must have at least {n} items"),
                    Rule::MaxItems(n) => write!(f, "must have at most {n} items"),
                    Rule::PathSegment => {
                        f.write_str(
                            "must be a non-empty path segment other than `.` and `..`",
                        )
                    }
                    Rule::HeaderValue => {
                        f.write_str("must not contain control characters")
                    }
                    Rule::Json => f.write_str("must serialize to JSON"),
                }
            }
        }
        /// A parameter value that breaks a rule of the spec; the request was not sent.
        #[derive(Debug, Clone, PartialEq)]
        pub struct ValidationError {
            /// The parameter's name in the spec (`groupId`).
            pub parameter: &'static str,
            pub rule: Rule,
            /// The offending value, cut to a bounded length.
            pub value: String,
        }
        impl ValidationError {
            pub fn new(parameter: &'static str, rule: Rule, value: &str) -> Self {
                let value = match value.char_indices().nth(MAX_VALUE_CHARS) {
                    Some((cut, _)) => format!("{}...", & value[..cut]),
                    None => value.to_owned(),
                };
                ValidationError {
                    parameter,
                    rule,
                    value,
                }
            }
        }
        impl fmt::Display for ValidationError {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(
                    f, "invalid parameter `{}`: {}, got {:?}", self.parameter, self.rule,
                    self.value
                )
            }
        }
        impl std::error::Error for ValidationError {}
        /// Checks a string against a pattern compiled into `matches`.
        pub fn pattern(
            parameter: &'static str,
            value: &str,
            source: &'static str,
            matches: fn(&str) -> bool,
        ) -> Result<(), ValidationError> {
            if matches(value) {
                Ok(())
            } else {
                Err(ValidationError::new(parameter, Rule::Pattern(source), value))
            }
        }
        /// Checks a string's length in characters.
        pub fn length(
            parameter: &'static str,
            value: &str,
            min: Option<u64>,
            max: Option<u64>,
        ) -> Result<(), ValidationError> {
            let count = value.chars().count() as u64;
            if let Some(min) = min.filter(|min| count < *min) {
                return Err(ValidationError::new(parameter, Rule::MinLength(min), value));
            }
            if let Some(max) = max.filter(|max| count > *max) {
                return Err(ValidationError::new(parameter, Rule::MaxLength(max), value));
            }
            Ok(())
        }
        /// Checks a number against a lower bound.
        pub fn minimum(
            parameter: &'static str,
            value: f64,
            bound: f64,
            exclusive: bool,
        ) -> Result<(), ValidationError> {
            if value > bound || (!exclusive && value == bound) {
                Ok(())
            } else {
                Err(
                    ValidationError::new(
                        parameter,
                        Rule::Minimum { bound, exclusive },
                        &value.to_string(),
                    ),
                )
            }
        }
        /// Checks a number against an upper bound.
        pub fn maximum(
            parameter: &'static str,
            value: f64,
            bound: f64,
            exclusive: bool,
        ) -> Result<(), ValidationError> {
            if value < bound || (!exclusive && value == bound) {
                Ok(())
            } else {
                Err(
                    ValidationError::new(
                        parameter,
                        Rule::Maximum { bound, exclusive },
                        &value.to_string(),
                    ),
                )
            }
        }
        /// Checks that a number is a multiple of `factor`.
        pub fn multiple_of(
            parameter: &'static str,
            value: f64,
            factor: f64,
        ) -> Result<(), ValidationError> {
            let quotient = value / factor;
            if (quotient - quotient.round()).abs() < 1e-9 {
                Ok(())
            } else {
                Err(
                    ValidationError::new(
                        parameter,
                        Rule::MultipleOf(factor),
                        &value.to_string(),
                    ),
                )
            }
        }
        /// Checks that a string is one of the allowed values.
        pub fn one_of(
            parameter: &'static str,
            value: &str,
            allowed: &'static [&'static str],
        ) -> Result<(), ValidationError> {
            if allowed.contains(&value) {
                Ok(())
            } else {
                Err(ValidationError::new(parameter, Rule::OneOf(allowed), value))
            }
        }
        /// Checks the number of items of a list.
        pub fn items(
            parameter: &'static str,
            count: usize,
            min: Option<u64>,
            max: Option<u64>,
        ) -> Result<(), ValidationError> {
            let count = count as u64;
            if let Some(min) = min.filter(|min| count < *min) {
                return Err(
                    ValidationError::new(
                        parameter,
                        Rule::MinItems(min),
                        &count.to_string(),
                    ),
                );
            }
            if let Some(max) = max.filter(|max| count > *max) {
                return Err(
                    ValidationError::new(
                        parameter,
                        Rule::MaxItems(max),
                        &count.to_string(),
                    ),
                );
            }
            Ok(())
        }
    }
    pub use auth::{Credentials, Secret};
    pub use client::{Client, ClientBuilder, RetryPolicy, TransportError};
    pub use request::{Body, Method, Request};
    pub use response::{DecodeError, DecodeErrorKind, Headers, RawResponse, Response};
    pub use validation::{Rule, ValidationError};
}
