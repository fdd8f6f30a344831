//! The intermediate representation: what the generated crate contains, with every `$ref`
//! resolved and every Rust name decided. It is the only thing that crosses from `lower` to
//! `emit`; nothing here knows about YAML, openapiv3 or token streams.
//!
//! One file of about 700 lines, on purpose: it holds type definitions only (no job to split
//! off), the vocabulary that `lower` writes and `emit` and `diff` read, and reads best whole.

use std::collections::BTreeSet;

use crate::pattern::Matcher;

/// A whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The first server URL of the spec, the client's default base URL.
    pub base_url: Option<String>,
    /// Named types, indexed by [`TypeId`]. Emission sorts them by name.
    pub types: Vec<NamedType>,
    /// Operations sorted by function name.
    pub operations: Vec<Operation>,
    /// Distinct parameter patterns, indexed by [`PatternId`].
    pub patterns: Vec<Pattern>,
    pub security: Vec<SecurityScheme>,
    /// Operation groups (from the first tag), sorted by module name.
    pub groups: Vec<Group>,
    /// The tags that others are nested under (OpenAPI 3.2 `parent`), sorted by feature.
    pub parent_features: Vec<ParentFeature>,
    /// The error body most documented error responses share, if any.
    pub common_error: Option<CommonError>,
    /// Cargo feature (on by default) of the types no operation reaches, [`Gate::Unreached`].
    pub unreached_feature: String,
    /// The user's types that replace schemas ([`TypeRef::External`]), each once, by path.
    pub replacements: Vec<Replacement>,
}

/// A user's type that replaces one or more schemas: the generated crate checks that it exists
/// and implements what the generated code needs of it, even where nothing refers to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Replacement {
    /// The type's path as the user wrote it (`my_types::Money`).
    pub path: String,
    /// JSON pointers of the schemas it replaces.
    pub schemas: Vec<String>,
}

/// The spec's common error schema: the named type that the most documented error responses
/// (over all operations) use as their JSON body. Error enums offer it for any status, and an
/// undocumented status whose body decodes as it keeps it beside the raw response.
#[derive(Debug, Clone, PartialEq)]
pub struct CommonError {
    pub ty: TypeId,
    /// Rust name of its machine-readable error-code field (a string property named like
    /// `errorCode` or `code`), if it has one. That field is always optional: servers send
    /// `null` for it.
    pub code_field: Option<String>,
}

/// An index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// An index into [`Api::patterns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternId(pub usize);

/// An index into [`Api::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(pub usize);

/// A module of operations, from an OpenAPI tag.
#[derive(Debug, Clone)]
pub struct Group {
    /// The tag as written in the spec.
    pub tag: String,
    /// Module name (`cloud_backups`).
    pub module: String,
    /// Cargo feature name (`cloud-backups`).
    pub feature: String,
    pub description: Option<String>,
}

/// The Cargo feature of a tag that other tags name as their `parent` (OpenAPI 3.2): it turns
/// on their features, and gates the tag's own operations when it has some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentFeature {
    /// The tag as written in the spec.
    pub tag: String,
    /// Its group's feature when the tag has operations, else one of its own.
    pub feature: String,
    /// The features of the tags nested under it that have one, sorted.
    pub children: Vec<String>,
}

/// A type that gets a Rust item of its own.
#[derive(Debug, Clone)]
pub struct NamedType {
    pub name: String,
    pub doc: Option<String>,
    /// JSON pointer of the schema it came from.
    pub origin: String,
    pub kind: TypeKind,
    /// Which operation groups need this type, for per-group cargo features.
    pub gate: Gate,
}

/// When a type is compiled, in terms of operation groups.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Gate {
    /// Always (reached by every group).
    #[default]
    Always,
    /// When any of these groups is enabled: the groups whose operations reach it.
    AnyOf(BTreeSet<GroupId>),
    /// A type no operation reaches (a full generation keeps every component schema): when
    /// [`Api::unreached_feature`] and all of these groups are enabled, the groups of the types
    /// it refers to. A crate built for some tags only does not compile it.
    Unreached(BTreeSet<GroupId>),
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum that keeps values it does not know.
    Enum(StringEnum),
    /// `oneOf`/`anyOf`.
    Union(Union),
    /// A named alias for another type (`type Name = ...`).
    Alias(TypeRef),
    /// A transparent wrapper struct, for an alias that refers to itself (`type A = Vec<A>`
    /// is not Rust).
    Newtype {
        ty: TypeRef,
        boxed: bool,
    },
}

impl TypeKind {
    /// The type references directly inside a type.
    pub fn type_refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.additional.iter()).collect(),
            TypeKind::Enum(e) => e.alias_of.iter().collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) | TypeKind::Newtype { ty, .. } => vec![ty],
        }
    }
}

impl TypeRef {
    /// Pushes the named type inside this reference (through lists and maps), if any.
    pub fn collect_named(&self, out: &mut Vec<TypeId>) {
        let mut ty = self;
        loop {
            match ty {
                TypeRef::Named(id) => {
                    out.push(*id);
                    return;
                }
                TypeRef::List(inner) | TypeRef::Map(inner) => ty = inner,
                _ => return,
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Extra properties kept in a flattened map (`additionalProperties` beside `properties`).
    pub additional: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name, escaped.
    pub name: String,
    /// Property name on the wire.
    pub wire_name: String,
    pub doc: Option<String>,
    pub ty: TypeRef,
    /// Required and not nullable: a plain field. Required and nullable: an `Option` written
    /// as `null` when unset. Optional: an `Option` left out when unset; optional and nullable:
    /// a `runtime::Nullable`, which can also be sent as `null` ([`Field::is_three_state`]).
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    /// A string the spec marks secret (`format: password`): the model's `Debug` shows
    /// whether it is set, never its value.
    pub secret: bool,
    pub deprecated: bool,
    /// The value type is held behind a `Box` to break a containment cycle.
    pub boxed: bool,
    /// The chainable setter of an optional field (`Option` in Rust); required fields are
    /// arguments of the model's `new` instead.
    pub setter: Option<String>,
    /// The setter that makes a three-state field `null` (`clear_oplog_min_retention_hours`).
    pub null_setter: Option<String>,
}

impl Field {
    /// Whether the field is not an argument of the model's `new`: `Option` or `Nullable`.
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }

    /// Whether the field is optional and nullable: absent, `null` and a value are three
    /// states, a `runtime::Nullable`.
    pub fn is_three_state(&self) -> bool {
        !self.required && self.nullable
    }
}

#[derive(Debug, Clone)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that carries an unknown value.
    pub unknown_variant: String,
    /// The string enum this one is an alias of (always [`TypeRef::Named`]): another enum with
    /// the same variants, names and wire values in the same order, emitted once, this name
    /// being `pub type Name = Other;`. Its variants are still listed here, so what reads an
    /// enum (examples, the API digest) needs not follow the alias.
    pub alias_of: Option<TypeRef>,
}

#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub name: String,
    pub value: String,
    /// Where the value comes from, when the enum merges the string enums of a union: the
    /// titles (or schema names) of the members that list it.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<UnionVariant>,
    pub discriminator: Option<Discriminator>,
    /// Name of the variant that keeps an unmatched value as JSON.
    pub fallback_variant: String,
}

#[derive(Debug, Clone)]
pub struct UnionVariant {
    pub name: String,
    pub ty: TypeRef,
    /// With a discriminator: the tag values that select this variant.
    pub tags: Vec<String>,
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub struct Discriminator {
    pub property: String,
}

/// The type of a field, parameter, item or body.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Bool,
    Integer(IntWidth),
    Number(FloatWidth),
    String,
    DateTime,
    Date,
    Named(TypeId),
    List(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// Any JSON value: the documented fallback for what has no exact Rust form.
    Json,
    /// A free-form JSON object.
    JsonObject,
    /// The user's own type that replaces a schema (`--replace`, `x-rust-type`), by its path as
    /// the user wrote it (`my_types::Money`); no model is emitted for it.
    External(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntWidth {
    I32,
    I64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatWidth {
    F32,
    F64,
}

/// A compiled `pattern` keyword, shared by every parameter that uses the same source.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    pub matcher: Matcher,
    /// Name of the emitted match function.
    pub function: String,
}

/// One operation: a request builder, a response decoder and an error enum.
#[derive(Debug, Clone)]
pub struct Operation {
    pub operation_id: String,
    /// Builder type name (`GetBackupRestoreJob`).
    pub type_name: String,
    /// Client method name (`get_backup_restore_job`).
    pub fn_name: String,
    /// Error enum name (`GetBackupRestoreJobError`).
    pub error_name: String,
    pub group: GroupId,
    pub method: Method,
    pub path: Vec<PathPart>,
    /// The path as written in the spec, for docs.
    pub path_template: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    /// The success body, from the first documented 2xx response.
    pub success: Success,
    /// Documented non-2xx responses, in status order (`default` and ranges last).
    pub errors: Vec<ErrorResponse>,
    /// Index into `params` of the boolean query parameter that asks for an envelope.
    pub envelope_param: Option<usize>,
    /// Security schemes that may authorize this operation (by index into [`Api::security`]).
    pub security: Vec<usize>,
    /// How the operation's answers come in pages, when it is a paged listing.
    pub paging: Option<Paging>,
    /// How this operation's error enum is shared with operations whose errors have the same
    /// variants (`lower::error::share_identical_errors`): one enum for them all.
    pub error_sharing: ErrorSharing,
    /// The names in the spec of what this operation must never show (`format: password`):
    /// its secret parameters, then the secret properties anywhere in its JSON or form request
    /// body and its success bodies (`lower::name_secrets`), for the request's `secrets`.
    pub secrets: Vec<String>,
}

/// Whether an operation's error enum is its own or one that several operations share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ErrorSharing {
    /// No other operation has the same error variants: the enum is in the operation's module.
    #[default]
    Own,
    /// This operation's error name names the shared enum, which is emitted once in the
    /// operations module, in a private module of this name (decided with the tag modules').
    Owner { module: String },
    /// This operation's error name is another name for the enum of the operation at this
    /// index of [`Api::operations`], its owner.
    AliasOf(usize),
}

/// A paged list operation (the rule is `lower::paging`): which parameters choose the page,
/// and where a page keeps its items, total count and next link.
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// Index into [`Operation::params`] of the integer page-number parameter (`pageNum`);
    /// `None` when the operation pages by `next` links only.
    pub page_number: Option<usize>,
    /// The page number's documented default (else 1).
    pub first_page: i64,
    /// Index into [`Operation::params`] of the integer page-size parameter (`itemsPerPage`).
    pub page_size: Option<usize>,
    /// The page size's documented default.
    pub default_page_size: Option<u64>,
    /// The page size's documented maximum.
    pub max_page_size: Option<u64>,
    /// The page's array of items (`results`).
    pub items: PageField,
    /// The item type.
    pub item: TypeRef,
    /// The page's integer total count (`totalCount`), when its schema has one.
    pub total_count: Option<PageField>,
    /// The page's `links` array whose `rel: next` entry's `href` is the next page.
    pub next_link: Option<NextLink>,
    /// The error-enum variant that carries a paging error.
    pub error_variant: String,
}

/// A field of a page body: its Rust name and whether it is an `Option`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageField {
    pub name: String,
    pub optional: bool,
}

/// Where a page's link to the next page is: `links[rel == "next"].href`.
#[derive(Debug, Clone, PartialEq)]
pub struct NextLink {
    pub links: PageField,
    pub rel: PageField,
    pub href: PageField,
}

/// An operation's HTTP method: one of RFC 9110's, or one that generated builders carry by name
/// (`http` has a `QUERY` constant only from 1.5 on, and generated crates ask for `http = "1"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
    /// OpenAPI 3.2's `query` (the safe method with a body, RFC 10008).
    Query,
    /// A method of a path item's `additionalOperations` (OpenAPI 3.2), spelled as it is sent;
    /// an HTTP token that is none of the above.
    Extension(String),
}

impl Operation {
    /// How each body of the operation is carried: the request body (and its multipart parts)
    /// and every response.
    pub fn body_kinds(&self) -> impl Iterator<Item = &BodyKind> {
        let parts = self.body.iter().flat_map(|b| b.encoding.parts().iter().map(|part| &part.kind));
        self.body.iter().map(|b| &b.kind).chain(parts).chain(self.response_kinds())
    }

    /// The type of each item of the success body, when it is streamed item by item.
    pub fn item_type(&self) -> Option<&TypeRef> {
        self.success.items.as_ref().map(|items| &items.item)
    }

    /// How each response body is decoded: every success media type and every error response.
    pub fn response_kinds(&self) -> impl Iterator<Item = &BodyKind> {
        self.success_kinds().chain(self.errors.iter().map(|e| &e.kind))
    }

    /// How each success response body is decoded, for every media type and status.
    pub fn success_kinds(&self) -> impl Iterator<Item = &BodyKind> {
        let alternatives = self.success.alternatives.iter().flat_map(|a| a.bodies.iter().map(|b| &b.kind));
        let by_status = self.success.by_status.iter().flat_map(|s| s.variants.iter().map(|v| &v.kind));
        std::iter::once(&self.success.kind).chain(alternatives).chain(by_status)
    }
}

impl Method {
    /// The method as sent.
    pub fn as_str(&self) -> &str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
            Method::Query => "QUERY",
            Method::Extension(name) => name,
        }
    }

    /// Whether every `http` 1.x has a constant for it.
    pub fn is_standard(&self) -> bool {
        !matches!(self, Method::Query | Method::Extension(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    Literal(String),
    /// Index into [`Operation::params`].
    Param(usize),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub wire_name: String,
    /// Field and builder-method name.
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub doc: Option<String>,
    pub ty: ParamType,
    pub rules: Rules,
    /// The schema's default, as a Rust-ready literal description.
    pub default: Option<serde_json::Value>,
    /// The spec's example value (the parameter's `example`, else its schema's), for doc examples.
    pub example: Option<serde_json::Value>,
    pub deprecated: bool,
    /// How the value is written: query parameters by their style, path and header parameters
    /// `simple`.
    pub style: ParamStyle,
    /// A string (or list of strings) the spec marks secret (`format: password`): the builder's
    /// and the request's `Debug`, a validation error and a recording show it as `<redacted>`.
    pub secret: bool,
}

/// The serialization `style` (with `explode`) of a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// Path and header parameters: values joined by commas; an object as `key,value,key,value`,
    /// or exploded as `key=value,key=value`.
    Simple { explode: bool },
    /// `form`: exploded, a list repeats the parameter and an object gives each property its
    /// own parameter; not exploded, one comma-joined value (`name,x,age,3` for an object).
    Form { explode: bool },
    /// A list joined by spaces.
    SpaceDelimited,
    /// A list joined by pipes.
    PipeDelimited,
    /// An object as `name[property]=value` pairs.
    DeepObject,
    /// The value's JSON text as the whole query (OpenAPI 3.2 `in: querystring` with JSON
    /// content).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// The Rust type of a parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamType {
    String,
    Bool,
    Integer(IntWidth),
    Number(FloatWidth),
    /// A string enum type from the models.
    Enum(TypeId),
    /// A list; [`Param::style`] says how its values are written.
    List(Box<ParamType>),
    /// A query parameter whose schema is an object (or a union of an object and other
    /// forms): a model type, written as pairs according to [`Param::style`].
    Object(TypeRef),
}

/// Validation rules of a parameter, checked before any I/O.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    pub pattern: Option<PatternId>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<Bound>,
    pub maximum: Option<Bound>,
    pub multiple_of: Option<f64>,
    /// Allowed values of a string without an enum type.
    pub allowed: Vec<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub value: f64,
    pub exclusive: bool,
}

#[derive(Debug, Clone)]
pub struct RequestBody {
    pub media_type: String,
    /// The Rust value the builder holds: a model for JSON and form bodies, bytes for raw
    /// bodies and multipart bodies (whose parts [`BodyEncoding::Multipart`] describes).
    pub kind: BodyKind,
    pub encoding: BodyEncoding,
    pub required: bool,
    pub doc: Option<String>,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyEncoding {
    /// The model as JSON.
    Json,
    /// The model as `application/x-www-form-urlencoded` pairs.
    Form,
    /// `multipart/form-data`: with an object schema, a per-operation struct of its parts;
    /// without one, the runtime's general `Multipart` builder.
    Multipart(Option<MultipartParts>),
    /// Bytes as given (`application/octet-stream`, text, ...).
    Raw,
}

impl BodyEncoding {
    /// The documented parts of a multipart body (none for other encodings).
    pub fn parts(&self) -> &[MultipartField] {
        match self {
            BodyEncoding::Multipart(Some(parts)) => &parts.fields,
            _ => &[],
        }
    }
}

/// The typed body of a `multipart/form-data` request whose schema is an object: a struct with
/// a field per property, the required ones taken by `new`.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartParts {
    /// The struct's name (`UploadPhotoParts`), in the operations module.
    pub type_name: String,
    pub fields: Vec<MultipartField>,
}

/// A part a `multipart/form-data` body documents.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    pub wire_name: String,
    /// Rust field name, escaped.
    pub name: String,
    /// The chainable setter of an optional part; required parts are arguments of `new`.
    pub setter: Option<String>,
    pub required: bool,
    /// A file (`format: binary`, or a non-text `contentMediaType`) is [`BodyKind::Bytes`],
    /// given as the runtime's `FilePart`; any other value is [`BodyKind::Json`] of its type,
    /// sent as text when it is a scalar and as JSON otherwise.
    pub kind: BodyKind,
    /// An array property: one part per item, all of the property's name.
    pub repeated: bool,
    /// The part's `Content-Type` from the body's `encoding` object, when it names one media
    /// type (a file's default; a list or a wildcard leaves the file's own or
    /// `application/octet-stream`).
    pub content_type: Option<String>,
    pub doc: Option<String>,
}

/// How a body is carried.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON (including vendor `+json` types), decoded into the type.
    Json(TypeRef),
    /// Anything else (CSV, gzip, octet-stream, text): raw bytes.
    Bytes,
    /// No content.
    Empty,
}

#[derive(Debug, Clone)]
pub struct Success {
    /// Status codes that mean success (the documented 2xx codes).
    pub statuses: Vec<u16>,
    /// A `2XX` range is documented: every 2xx status is a success, the listed codes with
    /// their own bodies (when they differ) and the others with the range's.
    pub any_2xx: bool,
    /// The media type asked for in `Accept` by default.
    pub media_type: Option<String>,
    pub kind: BodyKind,
    pub doc: Option<String>,
    /// When the success response documents several media types, all of them.
    pub alternatives: Option<Alternatives>,
    /// When two 2xx responses have different bodies: every 2xx status with its own body (the
    /// first is the one `kind` describes). `None` when they agree, or there is one.
    pub by_status: Option<StatusBodies>,
    /// When a success media type describes its items (OpenAPI 3.2 `itemSchema`): the body
    /// decoded item by item as it arrives.
    pub items: Option<ItemStreamBody>,
}

/// A success body that is a stream of typed items.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemStreamBody {
    /// The media type asked for when streaming items.
    pub media_type: String,
    pub framing: ItemFraming,
    /// The type of each item (an event's `data` for Server-Sent Events).
    pub item: TypeRef,
}

/// How the items of a streamed body are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemFraming {
    /// `text/event-stream`: each item the `data` of a Server-Sent Event, with its fields.
    EventStream,
    /// `application/jsonl`, `application/x-ndjson`: one JSON value per line.
    JsonLines,
    /// `application/json-seq` (RFC 7464).
    JsonSeq,
}

impl ItemFraming {
    /// The framing of a media type that carries a stream of items, if it is one.
    pub fn of_media_type(media: &str) -> Option<ItemFraming> {
        match media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase().as_str() {
            "text/event-stream" => Some(ItemFraming::EventStream),
            "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => Some(ItemFraming::JsonLines),
            "application/json-seq" => Some(ItemFraming::JsonSeq),
            _ => None,
        }
    }
}

/// The success responses of an operation whose 2xx statuses carry different bodies: an enum
/// with a variant per status.
#[derive(Debug, Clone)]
pub struct StatusBodies {
    /// The enum's name (`CreateJobResponse`).
    pub enum_name: String,
    /// In status order.
    pub variants: Vec<StatusBody>,
}

#[derive(Debug, Clone)]
pub struct StatusBody {
    /// A code, or the `2XX` range (which matches the 2xx codes not listed).
    pub status: StatusMatch,
    /// The variant (`Created`); a unit variant when the body is empty.
    pub variant: String,
    pub kind: BodyKind,
    pub doc: Option<String>,
}

/// The media types a success response documents (CSV or JSON, say), of which the caller
/// chooses one: an enum of media types for `Accept` and an enum of decoded bodies.
#[derive(Debug, Clone)]
pub struct Alternatives {
    /// The media type enum (`GetInvoiceMediaType`).
    pub media_enum: String,
    /// The body enum (`GetInvoiceResponseBody`); `None` when every media type decodes into
    /// the same type (two versions of one schema, say), which is then the body.
    pub body_enum: Option<String>,
    /// The default ([`Success::media_type`]) first, then the others in spec order.
    pub bodies: Vec<MediaBody>,
}

#[derive(Debug, Clone)]
pub struct MediaBody {
    pub media_type: String,
    pub kind: BodyKind,
    /// The variant of both enums (`Csv`).
    pub variant: String,
}

#[derive(Debug, Clone)]
pub struct ErrorResponse {
    pub status: StatusMatch,
    /// Error-enum variant name (`NotFound`).
    pub variant: String,
    pub doc: Option<String>,
    pub kind: BodyKind,
    /// Headers the spec declares on this response.
    pub headers: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Code(u16),
    /// `4XX`: the hundreds digit.
    Range(u16),
    Default,
}

#[derive(Debug, Clone)]
pub struct SecurityScheme {
    pub key: String,
    pub doc: Option<String>,
    pub kind: SecurityKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SecurityKind {
    HttpDigest,
    HttpBasic,
    HttpBearer,
    OAuth2ClientCredentials { token_url: String },
    ApiKey { location: ParamLocation, name: String },
    Other,
}
