//! One flat view of a schema. `openapiv3` parses a schema either into a typed variant or, when
//! a keyword does not fit the typed form (an integer `minimum: 1199145600.0`, say), into its
//! catch-all `Any` form; lowering reads both through [`SchemaView`].

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaData, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

pub type Properties = IndexMap<String, ReferenceOr<Box<Schema>>>;

pub struct SchemaView<'a> {
    pub data: &'a SchemaData,
    /// `type`, when given.
    pub ty: Option<&'a str>,
    pub format: Option<String>,
    pub pattern: Option<&'a str>,
    /// `enum` values that are strings (for string enums).
    pub string_enum: Vec<String>,
    /// Whether `enum` was present at all (of any type).
    pub has_enum: bool,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: bool,
    pub exclusive_maximum: bool,
    pub multiple_of: Option<f64>,
    pub properties: Option<&'a Properties>,
    pub required: &'a [String],
    pub additional: Option<&'a AdditionalProperties>,
    pub items: Option<&'a ReferenceOr<Box<Schema>>>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub one_of: &'a [ReferenceOr<Schema>],
    pub all_of: &'a [ReferenceOr<Schema>],
    pub any_of: &'a [ReferenceOr<Schema>],
    pub has_not: bool,
    /// The composition keyword written with no members (`oneOf: []`), which JSON Schema forbids.
    pub empty_composition: Option<&'static str>,
}

impl<'a> SchemaView<'a> {
    pub fn of(schema: &'a Schema) -> Self {
        let mut view = SchemaView {
            data: &schema.schema_data,
            ty: None,
            format: None,
            pattern: None,
            string_enum: Vec::new(),
            has_enum: false,
            min_length: None,
            max_length: None,
            minimum: None,
            maximum: None,
            exclusive_minimum: false,
            exclusive_maximum: false,
            multiple_of: None,
            properties: None,
            required: &[],
            additional: None,
            items: None,
            min_items: None,
            max_items: None,
            one_of: &[],
            all_of: &[],
            any_of: &[],
            has_not: false,
            empty_composition: None,
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.ty = Some("string");
                view.format = format_name(&s.format, string_format);
                view.pattern = s.pattern.as_deref();
                view.has_enum = !s.enumeration.is_empty();
                view.string_enum = s.enumeration.iter().flatten().cloned().collect();
                view.min_length = s.min_length;
                view.max_length = s.max_length;
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.ty = Some("number");
                view.format = format_name(&n.format, |f| match f {
                    NumberFormat::Float => "float",
                    NumberFormat::Double => "double",
                });
                view.has_enum = !n.enumeration.is_empty();
                view.minimum = n.minimum;
                view.maximum = n.maximum;
                view.exclusive_minimum = n.exclusive_minimum;
                view.exclusive_maximum = n.exclusive_maximum;
                view.multiple_of = n.multiple_of;
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.ty = Some("integer");
                view.format = format_name(&i.format, |f| match f {
                    IntegerFormat::Int32 => "int32",
                    IntegerFormat::Int64 => "int64",
                });
                view.has_enum = !i.enumeration.is_empty();
                view.minimum = i.minimum.map(|v| v as f64);
                view.maximum = i.maximum.map(|v| v as f64);
                view.exclusive_minimum = i.exclusive_minimum;
                view.exclusive_maximum = i.exclusive_maximum;
                view.multiple_of = i.multiple_of.map(|v| v as f64);
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                view.ty = Some("boolean");
                view.has_enum = !b.enumeration.is_empty();
            }
            SchemaKind::Type(Type::Object(o)) => {
                view.ty = Some("object");
                view.properties = Some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.ty = Some("array");
                view.items = a.items.as_ref();
                view.min_items = a.min_items;
                view.max_items = a.max_items;
            }
            SchemaKind::OneOf { one_of } => {
                view.one_of = one_of;
                view.empty_composition = one_of.is_empty().then_some("oneOf");
            }
            SchemaKind::AllOf { all_of } => {
                view.all_of = all_of;
                view.empty_composition = all_of.is_empty().then_some("allOf");
            }
            SchemaKind::AnyOf { any_of } => {
                view.any_of = any_of;
                view.empty_composition = any_of.is_empty().then_some("anyOf");
            }
            SchemaKind::Not { .. } => view.has_not = true,
            SchemaKind::Any(any) => {
                view.ty = any.typ.as_deref();
                view.format = any.format.clone();
                view.pattern = any.pattern.as_deref();
                view.has_enum = !any.enumeration.is_empty();
                view.string_enum = any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect();
                view.min_length = any.min_length;
                view.max_length = any.max_length;
                view.minimum = any.minimum;
                view.maximum = any.maximum;
                view.exclusive_minimum = any.exclusive_minimum.unwrap_or(false);
                view.exclusive_maximum = any.exclusive_maximum.unwrap_or(false);
                view.multiple_of = any.multiple_of;
                if !any.properties.is_empty() || any.typ.as_deref() == Some("object") {
                    view.properties = Some(&any.properties);
                }
                view.required = &any.required;
                view.additional = any.additional_properties.as_ref();
                view.items = any.items.as_ref();
                view.min_items = any.min_items;
                view.max_items = any.max_items;
                view.one_of = &any.one_of;
                view.all_of = &any.all_of;
                view.any_of = &any.any_of;
                view.has_not = any.not.is_some();
            }
        }
        view
    }

    /// Whether this schema describes an object with named properties.
    pub fn is_object(&self) -> bool {
        self.ty == Some("object") || self.properties.is_some_and(|p| !p.is_empty())
    }
}

fn string_format(format: &StringFormat) -> &'static str {
    match format {
        StringFormat::Date => "date",
        StringFormat::DateTime => "date-time",
        StringFormat::Password => "password",
        StringFormat::Byte => "byte",
        StringFormat::Binary => "binary",
    }
}

fn format_name<T>(format: &VariantOrUnknownOrEmpty<T>, name: impl Fn(&T) -> &'static str) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(name(item).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
