//! Rust identifiers: the one place that decides how a spec name becomes a type, field, variant,
//! function or module name, including keyword escaping and collision resolution.

use std::collections::BTreeSet;

mod referenced;

pub use referenced::{referenced_object_name, Place};

/// Keywords of every edition that can be escaped as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "super", "Self", "_"];

/// Type names the generated code uses unqualified (prelude items and derives); a schema with
/// one of these names would shadow them, so it gets a suffix instead.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "Hash",
    "Send",
    "Sync",
    "Sized",
    "Iterator",
    "ToString",
    "From",
    "Into",
];

/// A Rust identifier, already escaped: `r#type`, `self_` or a plain name.
pub fn escape_keyword(name: String) -> String {
    if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Keeps only characters that can appear in an identifier, turning the rest into word breaks,
/// so `@odata.type` and `x-rate-limit` split into words heck can case.
fn identifier_words(raw: &str) -> String {
    raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// The words of `text` once [`identifier_words`] has cleaned it, as heck splits them for its case conversions:
/// at anything but an ASCII letter or digit, after a lower-case letter followed by an
/// upper-case one, and before the last upper-case letter of a run followed by a lower-case one
/// (`HTTPServer` is `HTTP`, `Server`). For ASCII letters and digits this is heck's own rule;
/// heck writes every character through `fmt` (`to_lowercase()` of each `char`), which was a
/// third of lowering's time, and ASCII needs none of that.
fn ascii_words(text: &str, mut word: impl FnMut(&str)) {
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        // The case of the last cased letter since the word began: `Some(true)` upper case.
        let mut upper: Option<bool> = None;
        for (i, &c) in bytes.iter().enumerate() {
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_upper = if c.is_ascii_lowercase() {
                Some(false)
            } else if c.is_ascii_uppercase() {
                Some(true)
            } else {
                upper
            };
            if next_upper == Some(false) && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                upper = None;
            } else if upper == Some(true) && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                start = i;
                upper = None;
            } else {
                upper = next_upper;
            }
        }
    }
}

/// Names for values made only of symbols (`>=` becomes `GreaterEqual`), so that enum values
/// such as comparison operators get telling variant names.
fn spell_symbols(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            '>' => "Greater".to_owned(),
            '<' => "Less".to_owned(),
            '=' => "Equal".to_owned(),
            '!' => "Not".to_owned(),
            '+' => "Plus".to_owned(),
            '-' => "Minus".to_owned(),
            '*' => "Star".to_owned(),
            '/' => "Slash".to_owned(),
            '.' => "Dot".to_owned(),
            '_' => "Underscore".to_owned(),
            ' ' => "Space".to_owned(),
            other => format!("U{:04X}", other as u32),
        })
        .collect()
}

/// The words of `raw` in lower case joined by `_`: heck's `to_snake_case` of
/// [`identifier_words`], for ASCII.
fn snake_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len() + 4);
    ascii_words(raw, |word| {
        if !name.is_empty() {
            name.push('_');
        }
        name.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    name
}

/// The words of `raw` capitalised and joined: heck's `to_upper_camel_case` of
/// [`identifier_words`], for ASCII.
fn camel_words(raw: &str) -> String {
    let mut name = String::with_capacity(raw.len());
    ascii_words(raw, |word| {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.extend(chars.map(|c| c.to_ascii_lowercase()));
    });
    name
}

/// `snake_case` form of a spec name for fields, parameters, functions and modules.
/// Always returns a valid identifier (escaped if it is a keyword).
pub fn snake_ident(raw: &str) -> String {
    let mut name = snake_words(raw);
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
        name.insert(0, 'n');
    }
    escape_keyword(name)
}

/// `UpperCamelCase` form of a spec name for types and variants; never a keyword, never empty.
pub fn camel_ident(raw: &str) -> String {
    let mut name = camel_words(raw);
    if name.is_empty() {
        name = if raw.is_empty() { "Empty".to_owned() } else { spell_symbols(raw) };
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// `SCREAMING_SNAKE_CASE` form of an identifier, for constants.
pub fn const_ident(raw: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(identifier_words(raw).as_str())
}

/// A set of names in one namespace (a module's types, a struct's fields, an enum's variants).
/// `claim` returns the first free name among `base`, `base2`, `base3`, ... so collisions are
/// resolved deterministically in claim order.
#[derive(Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// A namespace for type names, with the prelude names already taken.
    pub fn for_types() -> Self {
        let mut namespace = Self::default();
        for name in RESERVED_TYPE_NAMES {
            namespace.taken.insert((*name).to_owned());
        }
        namespace
    }

    /// Marks a name as used without claiming a variant of it.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `base`, or `base` with the smallest numeric suffix that is free. Raw identifiers
    /// keep their `r#` prefix only when unsuffixed.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let stem = base.strip_prefix("r#").unwrap_or(base);
        let separator = if stem.ends_with(|c: char| c.is_ascii_digit()) || stem.contains('_') { "_" } else { "" };
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Claims a type name: prelude-shadowing names get a `Model` suffix before numbering.
    pub fn claim_type(&mut self, base: &str) -> String {
        if RESERVED_TYPE_NAMES.contains(&base) {
            return self.claim(&format!("{base}Model"));
        }
        self.claim(base)
    }
}

/// The trait every operation's error enum implements (status, headers, the common error body
/// and its code, `Retry-After`), defined in the operations module. No builder or error enum
/// may take this name.
pub const OPERATION_ERROR_TRAIT: &str = "ApiCallError";
/// The trait that gives the runtime's `Client` this API's methods (`Client::builder()` with the
/// API's defaults, one method per operation) when the runtime is the `specforge-runtime`
/// crate, whose types the generated code cannot add methods to; defined in the operations
/// module. No builder or error enum may take this name.
pub const CLIENT_EXTENSION_TRAIT: &str = "ClientExt";
/// Methods of the traits generated types implement or get from the standard library. An
/// inherent method of the same name would shadow them (`model.clone()` would call a setter),
/// so setters never take these names.
const TRAIT_METHODS: &[&str] = &[
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "hash",
    "into",
    "ne",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// Methods every request builder has beside its parameter setters; a parameter with one of
/// these names (or with the name of a method of a trait generated types implement) gets a
/// numbered setter instead.
pub const BUILDER_METHODS: &[&str] =
    &["new", "build", "send", "decode_response", "body", "accept", "pages", "items", "send_stream", "with_options"];

/// Variants every operation error enum has beside its documented statuses (the emitted enum
/// spells them out; a status named like one of them gets a numbered variant).
pub const ERROR_ENUM_VARIANTS: &[&str] =
    &["UnexpectedStatus", "Decode", "InvalidParameter", "Transport", PAGING_ERROR_VARIANT];

/// The error-enum variant of a paged operation that carries a `runtime::PagingError` (a
/// server answering pages that would make the listing wrong or endless).
pub const PAGING_ERROR_VARIANT: &str = "Paging";

/// Methods every model struct has beside its field setters.
pub const MODEL_METHODS: &[&str] = &["new"];

/// The request builder type of an operation (`GetBackupRestoreJob`), from its operationId or
/// from the stable name an extension gives it.
pub fn operation_type_name(operation_name: &str) -> String {
    camel_ident(operation_name)
}

/// The client method of an operation (`get_backup_restore_job`).
pub fn operation_fn_name(operation_name: &str) -> String {
    snake_ident(operation_name)
}

/// The name of an inline type written as property `wire_name` of the type named `owner`.
pub fn property_type_name(owner: &str, wire_name: &str) -> String {
    format!("{owner}{}", camel_ident(wire_name))
}

/// The error enum of an operation: its builder type and `Error`.
pub fn error_enum_name(type_name: &str) -> String {
    format!("{type_name}Error")
}

/// The type of each item of a streamed success body (OpenAPI 3.2 `itemSchema`), when the
/// item schema is not a named component.
pub fn stream_item_name(type_name: &str) -> String {
    format!("{type_name}Item")
}

/// The enum of the media types a success response offers.
pub fn media_enum_name(type_name: &str) -> String {
    format!("{type_name}MediaType")
}

/// The enum of the success responses, one variant per 2xx status, when their bodies differ.
pub fn status_response_enum_name(type_name: &str) -> String {
    format!("{type_name}Response")
}

/// The method of a multipart parts struct that gives the runtime's multipart builder; no part
/// setter may take its name.
pub const MULTIPART_PARTS_METHOD: &str = "multipart";

/// The struct of a `multipart/form-data` request body's parts.
pub fn multipart_parts_name(type_name: &str) -> String {
    format!("{type_name}Parts")
}

/// The enum of the success bodies, one per media type, when they decode differently.
pub fn response_body_enum_name(type_name: &str) -> String {
    format!("{type_name}ResponseBody")
}

/// The function that checks values against the `index`-th distinct pattern (from zero).
pub fn pattern_function_name(index: usize) -> String {
    format!("matches_pattern_{}", index + 1)
}

/// The fallback variant of a string enum that keeps values it does not know.
pub const UNKNOWN_ENUM_VARIANT: &str = "Unknown";

/// Which of several string enums with the same values keeps its own `enum` item, the others
/// naming it (`pub type Other = Owner;`): the one whose schema is a component (named by the
/// spec's authors, rather than an inline schema named after its property), then the shortest
/// Rust name, then the first in name order. The choice depends only on the enums that share
/// the values, so regenerating after an unrelated change keeps it; when one of them gains a
/// value it becomes an enum of its own again, and every name keeps working.
pub fn shared_enum_owner_rank<'a>(name: &'a str, origin: &str) -> (bool, usize, &'a str) {
    let component = origin.strip_prefix("#/components/schemas/").is_some_and(|rest| !rest.contains('/'));
    (!component, name.len(), name)
}

/// The fallback variant of a union that keeps a value no member matches.
pub const UNION_FALLBACK_VARIANT: &str = "Other";

/// The cargo feature of an operations module (`cloud_backups` is `cloud-backups`).
pub fn feature_name(module: &str) -> String {
    module.trim_start_matches("r#").replace('_', "-")
}

/// Cargo features of every generated crate that no tag's feature may take: `default`, and
/// the runtime's optional parts (typed mocks, record and replay, tower).
const RESERVED_FEATURES: &[&str] = &["default", "mock", "record", "tower"];

/// The namespace of operations modules, whose names are also cargo features: a tag called
/// `Mock` gets the module and feature `mock2`, never the runtime's `mock`.
pub fn group_module_namespace() -> Namespace {
    let mut namespace = Namespace::default();
    for feature in RESERVED_FEATURES {
        namespace.claim(feature);
    }
    namespace
}

/// What the cargo feature of the types no operation reaches is named after (as a group
/// module would be, so that it never collides with a tag's feature): `unreached-types`.
pub const UNREACHED_TYPES_MODULE: &str = "unreached_types";

/// The module of operations without a tag.
pub const UNTAGGED_GROUP: &str = "Other";

/// The chainable setter of a model field: the field's own name, unless a model method or a
/// trait method has it (`new`, `clone`), then `set_` and the name. `setters` holds the
/// struct's method names so far.
pub fn field_setter_name(field_name: &str, setters: &mut Namespace) -> String {
    let bare = field_name.strip_prefix("r#").unwrap_or(field_name);
    if MODEL_METHODS.contains(&bare) || TRAIT_METHODS.contains(&bare) {
        setters.claim(&format!("set_{bare}"))
    } else {
        setters.claim(field_name)
    }
}

impl Namespace {
    /// A namespace for a model's methods, with [`MODEL_METHODS`] taken.
    pub fn for_model_methods() -> Self {
        let mut namespace = Self::default();
        for name in MODEL_METHODS {
            namespace.reserve(name);
        }
        namespace
    }

    /// A namespace for a request builder's parameter setters, with [`BUILDER_METHODS`] taken.
    pub fn for_builder_methods() -> Self {
        let mut namespace = Self::default();
        for name in BUILDER_METHODS.iter().chain(TRAIT_METHODS) {
            namespace.reserve(name);
        }
        namespace
    }

    /// A namespace for an error enum's status variants, with [`ERROR_ENUM_VARIANTS`] taken.
    pub fn for_error_variants() -> Self {
        let mut namespace = Self::default();
        for name in ERROR_ENUM_VARIANTS {
            namespace.reserve(name);
        }
        namespace
    }
}

/// The vendor extension that sets the Rust name of a schema (component or inline), a property,
/// an operation or a parameter. Its value is the name written as it should read in Rust; it
/// is cased like every name of its kind (`UpperCamelCase` types, `snake_case` fields,
/// parameters and methods), escaped when it is a keyword and numbered when it collides.
pub const RUST_NAME_EXTENSION: &str = "x-rust-name";

/// The vendor extension on a string enum schema that names its variants: a mapping from wire
/// value to variant name. An enum value is a bare string and cannot carry an extension of its
/// own; keyed by value, the names survive values added or reordered upstream.
pub const RUST_VARIANT_NAMES_EXTENSION: &str = "x-rust-variant-names";

/// The vendor extension on a schema that replaces it with the user's own Rust type
/// (`my_types::Money`): every reference to the schema uses that type and no model is emitted.
pub const RUST_TYPE_EXTENSION: &str = "x-rust-type";

/// The name an extension gives, trimmed, when it is a string with something to name in it
/// (an ASCII letter or digit); `Err` describes what was found instead.
pub fn given_name(value: &serde_json::Value) -> Result<&str, String> {
    match value.as_str().map(str::trim) {
        Some(name) if name.chars().any(|c| c.is_ascii_alphanumeric()) => Ok(name),
        _ => Err(format!("must be a non-empty string naming a Rust item, found `{value}`")),
    }
}

/// The type name an `x-rust-name` gives (`AwsKmsEarPrivateEndpoint`), and whether casing had
/// to change what was written.
pub fn given_type_name(given: &str) -> (String, bool) {
    let name = camel_ident(given);
    let recased = name != given;
    (name, recased)
}

/// The field, parameter or method name an `x-rust-name` gives (`kms_endpoint`), and whether
/// casing had to change what was written (escaping a keyword as `r#type` is no change).
pub fn given_value_name(given: &str) -> (String, bool) {
    let name = snake_ident(given);
    let recased = name.strip_prefix("r#").unwrap_or(&name).trim_end_matches('_') != given.trim_end_matches('_');
    (name, recased)
}

/// Checks the user's Rust type that replaces a schema (`--replace` or [`RUST_TYPE_EXTENSION`]):
/// a type path, optionally with generic arguments (`my_types::Money`, `::chrono::Duration`,
/// `crate::units::Id<u64>`). Returns it as written, trimmed, or why it is not one.
pub fn rust_type_path(text: &str) -> Result<String, String> {
    let text = text.trim();
    match syn::parse_str::<syn::TypePath>(text) {
        Ok(path) if path.qself.is_none() => Ok(text.to_owned()),
        _ => Err(format!("`{text}` is not a Rust type path (such as `my_types::Money`)")),
    }
}

/// `MongoDB Atlas Admin API` to `mongodb-atlas-admin-api`: the title's words, lowercased.
pub fn default_crate_name(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    match words.first() {
        None => "api-client".to_owned(),
        Some(first) if first.starts_with(|c: char| c.is_ascii_digit()) => format!("api-{}", words.join("-")),
        Some(_) => words.join("-"),
    }
}

/// The name code uses for a crate (`mongodb_atlas_admin_api`) from its package name.
pub fn crate_ident(package: &str) -> String {
    package.replace('-', "_")
}

/// A variant name for a media type: its structured-syntax suffix or subtype
/// (`application/vnd.atlas.2023-01-01+csv` is `Csv`, `text/plain` is `Plain`), followed when
/// `versioned` by the digits of a version in the subtype (`Json20230101`).
pub fn media_variant_name(media: &str, versioned: bool) -> String {
    let essence = media.split(';').next().unwrap_or(media).trim();
    let subtype = essence.rsplit_once('/').map_or(essence, |(_, subtype)| subtype);
    let (stem, suffix) = subtype.rsplit_once('+').unwrap_or(("", subtype));
    let mut name = camel_ident(suffix);
    if versioned {
        let version = stem.split('.').find(|part| part.starts_with(|c: char| c.is_ascii_digit()));
        name.extend(version.into_iter().flat_map(str::chars).filter(char::is_ascii_digit));
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Media{name}")
    } else {
        name
    }
}

/// The error-variant name of a status: its reason phrase in UpperCamelCase.
pub fn status_variant_name(status: crate::ir::StatusMatch) -> String {
    match status {
        crate::ir::StatusMatch::Code(code) => match reason_phrase(code) {
            Some(reason) => camel_ident(reason),
            None => format!("Status{code}"),
        },
        crate::ir::StatusMatch::Range(range) => format!("Status{range}xx"),
        crate::ir::StatusMatch::Default => "Default".to_owned(),
    }
}

/// What names a union member's variant, as lowering sees the member: a person would call it
/// by its schema's name, else its title, else its discriminator value, else by what it is.
#[derive(Debug, Clone, Default)]
pub struct UnionMember<'a> {
    /// The component schema the member refers to.
    pub component: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The discriminator value that selects it.
    pub tag: Option<&'a str>,
    pub shape: MemberShape<'a>,
}

/// What a union member is, for a variant name when nothing in the spec names it.
#[derive(Debug, Clone, Default)]
pub enum MemberShape<'a> {
    /// A string; `values` are its enum values (none for any string).
    String {
        format: Option<&'a str>,
        values: &'a [String],
    },
    Integer,
    Number,
    Boolean,
    /// An array, with the Rust name of its item type when it has one of its own.
    List {
        item: Option<String>,
    },
    /// An object with these required and declared properties (wire names).
    Object {
        required: Vec<&'a str>,
        properties: Vec<&'a str>,
    },
    /// Anything else (no type).
    #[default]
    Other,
}

impl UnionMember<'_> {
    /// The name of the variant before comparing it with the other members'.
    fn primary_name(&self) -> String {
        if let Some(name) = self.component.or(self.title).or(self.tag).filter(|name| !camel_words(name).is_empty()) {
            return camel_ident(name);
        }
        match &self.shape {
            MemberShape::String { values: [value], .. } => camel_ident(value),
            MemberShape::String { format: Some("date-time"), .. } => "DateTime".to_owned(),
            MemberShape::String { format: Some("date"), .. } => "Date".to_owned(),
            MemberShape::String { .. } => "String".to_owned(),
            MemberShape::Integer => "Integer".to_owned(),
            MemberShape::Number => "Number".to_owned(),
            MemberShape::Boolean => "Boolean".to_owned(),
            MemberShape::List { .. } => "List".to_owned(),
            MemberShape::Object { required, .. } if required.len() == 1 => camel_ident(required[0]),
            MemberShape::Object { .. } => "Object".to_owned(),
            MemberShape::Other => "Value".to_owned(),
        }
    }

    /// A name from what sets this member apart from `rivals`, which would take the same name:
    /// a property only it requires (else only it declares), a list's item type, a string's
    /// format.
    fn distinguishing_name(&self, rivals: &[&UnionMember<'_>]) -> Option<String> {
        match &self.shape {
            MemberShape::Object { required, properties } => {
                let rival_has = |property: &str, required_only: bool| {
                    rivals.iter().any(|rival| match &rival.shape {
                        MemberShape::Object { required, properties } => {
                            if required_only {
                                required.contains(&property)
                            } else {
                                properties.contains(&property)
                            }
                        }
                        _ => false,
                    })
                };
                let own = required
                    .iter()
                    .find(|property| !rival_has(property, true))
                    .or_else(|| properties.iter().find(|property| !rival_has(property, false)))?;
                Some(camel_ident(own))
            }
            MemberShape::List { item: Some(item) } => Some(format!("{item}List")),
            MemberShape::String { format: Some(format), .. } => Some(camel_ident(format)),
            _ => None,
        }
    }
}

/// The variants of a union's members, in order, and the name of its fallback variant. Each
/// member is named as [`UnionMember`] says; members that would share a name are told apart by
/// what differs between them, and only when nothing does, numbered (`Object`, `Object2`).
/// The fallback ([`UNION_FALLBACK_VARIANT`]) yields to a member of the same name.
pub fn union_variant_names(members: &[UnionMember<'_>]) -> (Vec<String>, String) {
    let primary: Vec<String> = members.iter().map(UnionMember::primary_name).collect();
    let names: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(index, member)| {
            let rivals: Vec<&UnionMember<'_>> = (0..members.len())
                .filter(|&other| other != index && primary[other] == primary[index])
                .map(|other| &members[other])
                .collect();
            if rivals.is_empty() {
                return primary[index].clone();
            }
            member.distinguishing_name(&rivals).unwrap_or_else(|| primary[index].clone())
        })
        .collect();
    let mut namespace = Namespace::default();
    let names = names.iter().map(|name| namespace.claim(name)).collect();
    (names, namespace.claim(UNION_FALLBACK_VARIANT))
}

/// The setter that sets a three-state (optional and nullable) field to `null`:
/// `clear_` and the field's name.
pub fn field_null_setter_name(field_name: &str, setters: &mut Namespace) -> String {
    setters.claim(&format!("clear_{}", field_name.strip_prefix("r#").unwrap_or(field_name)))
}

/// The reason phrase of an HTTP status code (RFC 9110 and common extensions), used to name
/// error variants and the variants of success enums.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a Teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_cased_as_heck_cases_them() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let fixed = [
            "",
            " ",
            "a",
            "A",
            "getBackupRestoreJob",
            "HTTPServer",
            "x-rate-limit",
            "@odata.type",
            "ABCdef",
            "aBC",
            "AbC",
            "abc123Def",
            "123abc",
            "ABC123def",
            "a1B2c3",
            "IPv6Address",
            "SSLCert",
            "mongoDBUser",
            "A B",
            "  lead  trail  ",
            "UPPER_CASE_NAME",
            "v2024_01_01",
            "Σσ",
            "ÄpfelBaum",
            "dataLakeS3Bucket",
            "self",
            "Self",
            "type",
            "_",
            "a_b",
            "__",
            "9lives",
        ];
        let mut inputs: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
        // Every string of up to four characters over an alphabet covering each case rule.
        let alphabet = ['a', 'B', '1', ' ', '-'];
        let mut current = vec![String::new()];
        for _ in 0..4 {
            current = current.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            inputs.extend(current.iter().cloned());
        }
        // The identifiers are made from these words as they were when heck cased them.
        for raw in &inputs {
            let words = identifier_words(raw);
            assert_eq!(camel_words(raw), words.to_upper_camel_case(), "{raw:?}");
            assert_eq!(snake_words(raw), words.to_snake_case(), "{raw:?}");
        }
    }

    #[test]
    fn snake_names_are_valid_identifiers() {
        assert_eq!(snake_ident("groupId"), "group_id");
        assert_eq!(snake_ident("pointInTimeUTCSeconds"), "point_in_time_utc_seconds");
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("crate"), "crate_");
        assert_eq!(snake_ident("@odata.type"), "odata_type");
        assert_eq!(snake_ident("1stPlace"), "n_1st_place");
        assert_eq!(snake_ident("$"), "value");
        assert_eq!(snake_ident("x-rate-limit"), "x_rate_limit");
    }

    #[test]
    fn camel_names_are_valid_identifiers() {
        assert_eq!(camel_ident("pointInTime"), "PointInTime");
        assert_eq!(camel_ident("DiskBackupSnapshotRestoreJob"), "DiskBackupSnapshotRestoreJob");
        assert_eq!(camel_ident("M10"), "M10");
        assert_eq!(camel_ident("2023-01-01"), "V20230101");
        assert_eq!(camel_ident(""), "Empty");
        assert_eq!(camel_ident(">="), "GreaterEqual");
        assert_eq!(camel_ident("<"), "Less");
        assert_eq!(camel_ident("self"), "Self_");
        assert_eq!(camel_ident("not_found"), "NotFound");
    }

    #[test]
    fn const_names_are_shouty() {
        assert_eq!(const_ident("application/vnd.atlas.2023-01-01+json"), "APPLICATION_VND_ATLAS_2023_01_01_JSON");
    }

    #[test]
    fn collisions_get_numbered_deterministically() {
        let mut fields = Namespace::default();
        assert_eq!(fields.claim("foo_bar"), "foo_bar");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_2");
        assert_eq!(fields.claim("foo_bar"), "foo_bar_3");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type2");
        let mut types = Namespace::for_types();
        assert_eq!(types.claim_type("Result"), "ResultModel");
        assert_eq!(types.claim_type("Link"), "Link");
        assert_eq!(types.claim_type("Link"), "Link2");
        assert_eq!(types.claim_type("V1"), "V1");
        assert_eq!(types.claim_type("V1"), "V1_2");
    }

    #[test]
    fn operation_names_derive_from_one_name() {
        assert_eq!(operation_type_name("getBackupRestoreJob"), "GetBackupRestoreJob");
        assert_eq!(operation_fn_name("getBackupRestoreJob"), "get_backup_restore_job");
        assert_eq!(error_enum_name("GetInvoice"), "GetInvoiceError");
        assert_eq!(media_enum_name("GetInvoice"), "GetInvoiceMediaType");
        assert_eq!(response_body_enum_name("GetInvoice"), "GetInvoiceResponseBody");
        assert_eq!(pattern_function_name(0), "matches_pattern_1");
        assert_eq!(feature_name("cloud_backups"), "cloud-backups");
        assert_eq!(media_variant_name("application/vnd.atlas.2023-01-01+csv", false), "Csv");
        assert_eq!(media_variant_name("application/vnd.atlas.2023-01-01+json", true), "Json20230101");
        assert_eq!(media_variant_name("text/plain; charset=utf-8", false), "Plain");
        assert_eq!(status_variant_name(crate::ir::StatusMatch::Code(404)), "NotFound");
        assert_eq!(status_variant_name(crate::ir::StatusMatch::Code(599)), "Status599");
        assert_eq!(status_variant_name(crate::ir::StatusMatch::Range(5)), "Status5xx");
        assert_eq!(feature_name("r#type"), "type");
        let mut groups = group_module_namespace();
        assert_eq!(feature_name(&groups.claim(&snake_ident("Mock"))), "mock2");
        assert_eq!(feature_name(&groups.claim(&snake_ident("Default"))), "default2");
        assert_eq!(feature_name(&groups.claim(&snake_ident("Cloud Backups"))), "cloud-backups");
    }

    #[test]
    fn union_variants_are_named_from_the_spec_then_from_what_tells_them_apart() {
        let object =
            |required: Vec<&'static str>, properties: Vec<&'static str>| MemberShape::Object { required, properties };
        let members = [
            UnionMember { component: Some("AWSHardwareSpec"), ..Default::default() },
            UnionMember { title: Some("Every hour"), shape: object(vec![], vec!["minute"]), ..Default::default() },
            UnionMember { tag: Some("disk-size"), shape: object(vec![], vec![]), ..Default::default() },
            UnionMember { shape: MemberShape::String { format: Some("date-time"), values: &[] }, ..Default::default() },
            UnionMember { shape: MemberShape::String { format: None, values: &[] }, ..Default::default() },
            UnionMember { shape: MemberShape::List { item: Some("String".into()) }, ..Default::default() },
            UnionMember { shape: MemberShape::List { item: Some("Integer".into()) }, ..Default::default() },
            UnionMember { shape: object(vec!["cron"], vec!["cron"]), ..Default::default() },
            UnionMember { shape: object(vec![], vec!["days", "hours"]), ..Default::default() },
            UnionMember { shape: object(vec![], vec!["weeks", "hours"]), ..Default::default() },
            UnionMember { shape: object(vec![], vec!["hours"]), ..Default::default() },
            UnionMember { shape: MemberShape::Integer, ..Default::default() },
            UnionMember { shape: MemberShape::Integer, ..Default::default() },
        ];
        let (names, fallback) = union_variant_names(&members);
        assert_eq!(
            names,
            [
                "AwsHardwareSpec",
                "EveryHour",
                "DiskSize",
                "DateTime",
                "String",
                "StringList",
                "IntegerList",
                "Cron",
                // Three objects with no title or single required property: each by a property
                // only it declares, and the last, which has none, keeps the shared name.
                "Days",
                "Weeks",
                "Object",
                // Nothing tells two integers apart: only then a number.
                "Integer",
                "Integer2",
            ]
        );
        assert_eq!(fallback, "Other");
        // A one-value string enum is named after its value; a member called `Other` keeps
        // its name and the fallback yields.
        let values = ["auto".to_owned()];
        let members = [
            UnionMember { shape: MemberShape::String { format: None, values: &values }, ..Default::default() },
            UnionMember { component: Some("Other"), ..Default::default() },
        ];
        assert_eq!(union_variant_names(&members), (vec!["Auto".to_owned(), "Other".to_owned()], "Other2".to_owned()));
    }

    #[test]
    fn null_setters_are_clear_and_the_field_name() {
        let mut setters = Namespace::for_model_methods();
        assert_eq!(field_setter_name("oplog_min_retention_hours", &mut setters), "oplog_min_retention_hours");
        assert_eq!(
            field_null_setter_name("oplog_min_retention_hours", &mut setters),
            "clear_oplog_min_retention_hours"
        );
        assert_eq!(field_null_setter_name("r#type", &mut setters), "clear_type");
        // A field already called `clear_type` does not share its setter's name.
        assert_eq!(field_null_setter_name("r#type", &mut setters), "clear_type_2");
    }

    #[test]
    fn reserved_method_and_variant_names_are_never_claimed() {
        let mut builder = Namespace::for_builder_methods();
        for reserved in BUILDER_METHODS {
            assert_ne!(builder.claim(reserved), *reserved);
        }
        assert_eq!(builder.claim("envelope"), "envelope");
        assert_eq!(builder.claim("default"), "default2");
        let mut errors = Namespace::for_error_variants();
        assert_eq!(errors.claim("Transport"), "Transport2");
        assert_eq!(errors.claim("NotFound"), "NotFound");
    }

    #[test]
    fn setters_never_shadow_model_methods() {
        let mut setters = Namespace::for_model_methods();
        assert_eq!(field_setter_name("snapshot_id", &mut setters), "snapshot_id");
        assert_eq!(field_setter_name("new", &mut setters), "set_new");
        assert_eq!(field_setter_name("r#type", &mut setters), "r#type");
        assert_eq!(field_setter_name("clone", &mut setters), "set_clone");
        assert_eq!(field_setter_name("default", &mut setters), "set_default");
        // A field already called `set_new` does not take the renamed setter's name.
        let mut setters = Namespace::for_model_methods();
        assert_eq!(field_setter_name("set_new", &mut setters), "set_new");
        assert_eq!(field_setter_name("new", &mut setters), "set_new_2");
    }

    #[test]
    fn given_names_are_cased_as_their_kind_and_say_when_that_changed_them() {
        assert_eq!(given_type_name("AwsKmsEarPrivateEndpoint"), ("AwsKmsEarPrivateEndpoint".to_owned(), false));
        assert_eq!(given_type_name("gamma_ray"), ("GammaRay".to_owned(), true));
        assert_eq!(given_value_name("with_total"), ("with_total".to_owned(), false));
        assert_eq!(given_value_name("type"), ("r#type".to_owned(), false), "escaping is no recasing");
        assert_eq!(given_value_name("self"), ("self_".to_owned(), false));
        assert_eq!(given_value_name("pageSize"), ("page_size".to_owned(), true));
        assert_eq!(given_name(&serde_json::json!("  id ")), Ok("id"));
        assert!(given_name(&serde_json::json!("--")).is_err() && given_name(&serde_json::json!(1)).is_err());
    }

    #[test]
    fn replacing_types_are_type_paths() {
        for path in ["my_types::Money", "::chrono::Duration", "crate::units::Id<u64>", "Money"] {
            assert_eq!(rust_type_path(&format!(" {path} ")).as_deref(), Ok(path));
        }
        for bad in ["", "my types::Money", "<T as Trait>::Out", "my_types::", "&str", "[u8; 4]"] {
            assert!(rust_type_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn crate_names_come_from_the_title() {
        assert_eq!(default_crate_name("MongoDB Atlas Admin API"), "mongodb-atlas-admin-api");
        assert_eq!(default_crate_name("3D printing"), "api-3d-printing");
        assert_eq!(default_crate_name("!!"), "api-client");
        assert_eq!(crate_ident("mongodb-atlas-admin-api"), "mongodb_atlas_admin_api");
    }
}
