//! Rust identifiers: the one place that decides how a spec name becomes a type, field, variant,
//! function or module name, including keyword escaping and collision resolution.
//!
//! Casing and keyword escaping are in `casing`, the scopes that resolve collisions in
//! `namespace`, names taken from HTTP (statuses, media types) in `http`, and names of objects
//! that are not components (from where they live in the document) in `referenced`.

mod casing;
mod http;
mod namespace;
mod referenced;

use casing::camel_words;
pub use casing::{camel_ident, const_ident, escape_keyword, snake_ident};
pub use http::{media_variant_name, reason_phrase, status_variant_name};
pub use namespace::Namespace;
pub use referenced::{referenced_object_name, Place};

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

/// Of operations whose error enums have the same variants, which one's error name names the
/// enum (the others become aliases of it): the shortest name, then the first in name order.
/// As for string enums, the choice depends only on the operations that share the enum.
pub fn shared_error_owner_rank(error_name: &str) -> (usize, &str) {
    (error_name.len(), error_name)
}

/// The private module of the operations module that holds a shared error enum (see
/// [`shared_error_owner_rank`]), before the operations module's names are claimed.
pub fn shared_error_module(error_name: &str) -> String {
    snake_ident(error_name)
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

/// A Rust name without its raw prefix (`r#type` is `type`): what `#[derive(Debug)]` prints
/// for a field, and what names made from a field start with.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The chainable setter of a model field: the field's own name, unless a model method or a
/// trait method has it (`new`, `clone`), then `set_` and the name. `setters` holds the
/// struct's method names so far.
pub fn field_setter_name(field_name: &str, setters: &mut Namespace) -> String {
    let bare = unraw(field_name);
    if MODEL_METHODS.contains(&bare) || TRAIT_METHODS.contains(&bare) {
        setters.claim(&format!("set_{bare}"))
    } else {
        setters.claim(field_name)
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
    setters.claim(&format!("clear_{}", unraw(field_name)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
