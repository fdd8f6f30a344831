//! Struct models, written as layout commands (see [`crate::print::Writer`]) rather than built
//! as tokens: the struct, its constructor and setters, and its `Serialize`, `Deserialize` and
//! `ObjectModel` impls. Structs are most of a crate's lines, and building their tokens and
//! reading them back cost more than the rest of the models together.
//!
//! Each method writes what the layout prints for the tokens it replaces; the
//! `layout_differential` test holds every struct of the corpus's crates to it.

use super::docs;
use super::examples::{ExampleWriter, EXAMPLE_FENCE, IGNORED_EXAMPLE_FENCE};
use super::models::CLIPPY_MAX_ARGUMENTS;
use super::written::{
    write_allow, write_array, write_assignment, write_doc, write_impl, write_impl_for, write_item_head, write_method,
    write_mut_self, write_redacting_debug, write_typed, write_value_derives,
};
use super::{Emitter, ExternalCrate};
use crate::ir::{Field, FloatWidth, IntWidth, Struct, TypeId, TypeRef};
use crate::print::{Opening, Trailing, Writer};

/// The most elements of one tuple in a struct's `Serialize` and `Deserialize`: the runtime
/// implements its `ObjectEntries` and `FieldSlots` for tuples up to this size, as std does its
/// traits.
const TUPLE_MAX: usize = 12;

/// A tuple the runtime takes, of elements by index: one element alone, `()` for none, tuples
/// of at most [`TUPLE_MAX`] elements and tuples of such tuples beyond. Types, patterns and
/// values made from the same fields nest alike.
enum Slot {
    Element(usize),
    Tuple(Vec<Slot>),
}

impl Slot {
    fn of(count: usize) -> Slot {
        let mut slots: Vec<Slot> = (0..count).map(Slot::Element).collect();
        while slots.len() > TUPLE_MAX {
            let mut chunks = Vec::with_capacity(slots.len().div_ceil(TUPLE_MAX));
            let mut rest = slots.into_iter().peekable();
            while rest.peek().is_some() {
                let mut chunk: Vec<Slot> = rest.by_ref().take(TUPLE_MAX).collect();
                chunks.push(if chunk.len() == 1 { chunk.remove(0) } else { Slot::Tuple(chunk) });
            }
            slots = chunks;
        }
        if slots.len() == 1 {
            slots.remove(0)
        } else {
            Slot::Tuple(slots)
        }
    }

    fn write(&self, w: &mut Writer<'_>, element: &mut dyn FnMut(&mut Writer<'_>, usize)) {
        match self {
            Slot::Element(index) => element(w, *index),
            Slot::Tuple(slots) => w.list(("(", ")"), slots.len(), Trailing::Comma, Opening::Soft, |w, index| {
                slots[index].write(w, element)
            }),
        }
    }
}

/// A struct field's type as a slot of the runtime's decoder, or as the field holds it.
#[derive(Clone, Copy)]
enum Holder {
    Plain,
    Option,
    Nullable,
    Required,
}

impl Holder {
    /// What holds `field`: `Nullable` for a three-state field, `Option` for another optional
    /// one, and `required` (the plain type, or the decoder's `Required` slot) else.
    fn of(field: &Field, required: Holder) -> Holder {
        if field.is_three_state() {
            Holder::Nullable
        } else if field.is_optional() {
            Holder::Option
        } else {
            required
        }
    }
}

impl Emitter<'_> {
    /// A struct model and its impls, each an item of the part.
    pub(super) fn write_struct(&self, w: &mut Writer<'_>, id: TypeId, s: &Struct) {
        let named = &self.api.types[id.0];
        let mut doc = docs::doc_lines(named.doc.as_deref().unwrap_or(""));
        if let Some(example) = self.struct_example(id, s) {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.extend(example);
        }
        let cfg = |w: &mut Writer<'_>| self.write_cfg(w, &named.gate);
        let name = named.name.as_str();
        let deprecated = s.fields.iter().any(|f| f.deprecated);
        let secret = s.fields.iter().any(|f| f.secret);
        w.item(|w| {
            for line in &doc {
                w.doc(line);
            }
            cfg(w);
            // With a secret field, `Debug` is written (below) rather than derived.
            write_value_derives(w, s.fields.iter().all(Field::is_optional), secret);
            w.attribute(|w| w.token("non_exhaustive"));
            write_item_head(w, "struct", name);
            w.block(|w| {
                for field in &s.fields {
                    w.hard_line();
                    self.write_field(w, field);
                    w.token(",");
                }
                if let Some(ty) = &s.additional {
                    w.hard_line();
                    w.doc(" Properties beyond the ones named above.");
                    w.token("pub");
                    w.space();
                    w.token("additional_properties");
                    w.token(":");
                    w.space();
                    self.write_map(w, ty);
                    w.token(",");
                }
            });
        });
        w.item(|w| {
            cfg(w);
            write_impl(w, name);
            w.block(|w| {
                w.hard_line();
                self.write_constructor(w, s);
                for field in &s.fields {
                    self.write_setters(w, field);
                }
            });
        });
        if secret {
            w.item(|w| {
                cfg(w);
                let fields: Vec<(&str, bool)> = s.fields.iter().map(|f| (f.name.as_str(), f.secret)).collect();
                let additional = s.additional.as_ref().map(|_| ("additional_properties", false));
                let fields = [fields, additional.into_iter().collect()].concat();
                write_redacting_debug(w, super::RUNTIME_IN_MODULE, name, &fields, deprecated);
            });
        }
        w.item(|w| {
            cfg(w);
            self.write_serialize(w, name, s, deprecated);
        });
        w.item(|w| {
            cfg(w);
            self.write_deserialize(w, name, s);
        });
        w.item(|w| {
            cfg(w);
            self.write_object_model(w, name, s, deprecated);
        });
    }

    /// `#[cfg(...)]` for an item needed by only some groups (see `Emitter::cfg_features`).
    pub(super) fn write_cfg(&self, w: &mut Writer<'_>, gate: &crate::ir::Gate) {
        let Some((features, all)) = self.cfg_features(gate) else { return };
        let feature = |w: &mut Writer<'_>, name: &str| {
            w.token("feature");
            w.space();
            w.token("=");
            w.space();
            w.string(name);
        };
        w.attribute(|w| {
            w.token("cfg");
            w.list(("(", ")"), 1, Trailing::Nothing, Opening::Soft, |w, _| match features.as_slice() {
                [one] => feature(w, one),
                many => {
                    w.token(if all { "all" } else { "any" });
                    w.list(("(", ")"), many.len(), Trailing::Nothing, Opening::Soft, |w, i| feature(w, many[i]));
                }
            });
        });
    }

    fn write_field(&self, w: &mut Writer<'_>, field: &Field) {
        let mut parts = vec![field.doc.clone()];
        if field.read_only {
            parts.push(Some("Read-only: set by the server and ignored in requests.".to_owned()));
        }
        if field.write_only {
            parts.push(Some("Write-only: sent in requests, never returned.".to_owned()));
        }
        if field.secret {
            parts.push(Some("Secret (`format: password`): `Debug` shows `<redacted>`, not the value.".to_owned()));
        }
        write_doc(w, &docs::join_paragraphs(&parts));
        if field.deprecated {
            w.attribute(|w| w.token("deprecated"));
        }
        w.token("pub");
        w.space();
        // The wire name is in the struct's `Serialize` and `Deserialize` impls.
        write_typed(w, &field.name, &|w| self.write_held(w, Holder::of(field, Holder::Plain), field));
    }

    /// A field's type in `holder`, boxed when the field is.
    fn write_held(&self, w: &mut Writer<'_>, holder: Holder, field: &Field) {
        let runtime = super::RUNTIME_IN_MODULE;
        let wrapper: Option<[&str; 2]> = match holder {
            Holder::Plain => None,
            Holder::Option => Some(["", "Option"]),
            Holder::Nullable => Some([runtime, "::Nullable"]),
            Holder::Required => Some([runtime, "::model_decoding::Required"]),
        };
        let boxed = |w: &mut Writer<'_>| {
            if field.boxed {
                w.token("Box");
                w.generics(has_generics(&field.ty), false, 1, |w, _| self.write_type(w, &field.ty));
            } else {
                self.write_type(w, &field.ty);
            }
        };
        match wrapper {
            Some(wrapper) => {
                w.joined(&wrapper);
                w.generics(field.boxed || has_generics(&field.ty), false, 1, |w, _| boxed(w));
            }
            None => boxed(w),
        }
    }

    /// `std::collections::BTreeMap<String, T>`: additional properties.
    fn write_map(&self, w: &mut Writer<'_>, ty: &TypeRef) {
        w.token("std::collections::BTreeMap");
        w.generics(true, false, 2, |w, i| if i == 0 { w.token("String") } else { self.write_type(w, ty) });
    }

    /// The Rust type of a type reference, as the models module names it.
    fn write_type(&self, w: &mut Writer<'_>, ty: &TypeRef) {
        match ty {
            TypeRef::Bool => w.token("bool"),
            TypeRef::Integer(IntWidth::I32) => w.token("i32"),
            TypeRef::Integer(IntWidth::I64) => w.token("i64"),
            TypeRef::Number(FloatWidth::F32) => w.token("f32"),
            TypeRef::Number(FloatWidth::F64) => w.token("f64"),
            TypeRef::String => w.token("String"),
            TypeRef::DateTime => {
                let chrono = self.runtime.external_path(ExternalCrate::Chrono);
                w.joined(&[&*chrono, "::DateTime"]);
                w.generics(false, false, 1, |w, _| w.joined(&[&*chrono, "::Utc"]));
            }
            TypeRef::Date => w.joined(&[&*self.runtime.external_path(ExternalCrate::Chrono), "::NaiveDate"]),
            TypeRef::Named(id) => w.word(&self.api.types[id.0].name),
            TypeRef::List(inner) => {
                w.token("Vec");
                w.generics(has_generics(inner), false, 1, |w, _| self.write_type(w, inner));
            }
            TypeRef::Map(inner) => self.write_map(w, inner),
            TypeRef::Json => w.joined(&[&*self.runtime.external_path(ExternalCrate::SerdeJson), "::Value"]),
            TypeRef::JsonObject => {
                let serde_json = self.runtime.external_path(ExternalCrate::SerdeJson);
                w.joined(&[&*serde_json, "::Map"]);
                w.generics(true, false, 2, |w, i| {
                    if i == 0 {
                        w.token("String")
                    } else {
                        w.joined(&[&*serde_json, "::Value"])
                    }
                });
            }
            // Lowering checked that it is a type path; should it not lex, the formatter refuses
            // the empty type rather than anything being guessed.
            TypeRef::External(path) => w.tokens(path.parse().unwrap_or_default()),
        }
    }

    /// `new`: the required fields as arguments, every optional one unset.
    fn write_constructor(&self, w: &mut Writer<'_>, s: &Struct) {
        let required: Vec<&Field> = s.fields.iter().filter(|f| !f.is_optional()).collect();
        w.doc(if required.is_empty() {
            " Makes a value with every field unset; the setters fill them in."
        } else {
            " Makes a value from its required fields; the optional ones start unset and have setters."
        });
        // The constructor initialises every field, deprecated ones too.
        if s.fields.iter().any(|f| f.deprecated) {
            write_allow(w, "deprecated");
        }
        if required.len() > CLIPPY_MAX_ARGUMENTS {
            write_allow(w, "clippy::too_many_arguments");
        }
        let runtime = super::RUNTIME_IN_MODULE;
        let count = s.fields.len() + usize::from(s.additional.is_some());
        write_method(
            w,
            "new",
            required.len(),
            |w, i| write_typed(w, &required[i].name, &|w| self.write_type(w, &required[i].ty)),
            |w| {
                w.hard_line();
                w.token("Self");
                w.space();
                w.list(("{", "}"), count, Trailing::Comma, Opening::Spaced, |w, i| {
                    let Some(field) = s.fields.get(i) else {
                        w.token("additional_properties");
                        w.token(":");
                        w.space();
                        w.token("Default::default");
                        w.token("(");
                        w.token(")");
                        return;
                    };
                    w.word(&field.name);
                    match (field.is_optional(), field.boxed) {
                        (true, _) => {
                            w.token(":");
                            w.space();
                            if field.is_three_state() {
                                w.joined(&[&*runtime, "::Nullable::Absent"]);
                            } else {
                                w.token("None");
                            }
                        }
                        (false, true) => {
                            w.token(":");
                            w.space();
                            w.token("Box::new");
                            w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.word(&field.name));
                        }
                        (false, false) => {}
                    }
                });
            },
        );
    }

    /// The chainable setter of an optional field, and the one that makes a three-state field
    /// `null`: items of the struct's impl, each after a blank line.
    fn write_setters(&self, w: &mut Writer<'_>, field: &Field) {
        let Some(setter) = &field.setter else { return };
        let plain_name = field.name.trim_start_matches("r#");
        let runtime = super::RUNTIME_IN_MODULE;
        // A deprecated field's setter is deprecated too, and sets the field without a warning.
        let deprecated = |w: &mut Writer<'_>| {
            if field.deprecated {
                w.attribute(|w| w.token("deprecated"));
                write_allow(w, "deprecated");
            }
        };
        let value = |w: &mut Writer<'_>| {
            if field.boxed {
                w.token("Box::new");
                w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("value"));
            } else {
                w.token("value");
            }
        };
        w.blank_line();
        write_doc(w, &format!("Sets `{plain_name}`."));
        deprecated(w);
        let parameter = |w: &mut Writer<'_>, i: usize| {
            if i == 0 {
                write_mut_self(w);
            } else {
                write_typed(w, "value", &|w| self.write_type(w, &field.ty));
            }
        };
        let Some(null_setter) = &field.null_setter else {
            write_method(w, setter, 2, parameter, |w| {
                write_assignment(w, "self", &field.name, &|w| {
                    w.token("Some");
                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| value(w));
                })
            });
            return;
        };
        write_method(w, setter, 2, parameter, |w| {
            write_assignment(w, "self", &field.name, &|w| {
                w.joined(&[&*runtime, "::Nullable::Value"]);
                w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| value(w));
            })
        });
        w.blank_line();
        let null_doc =
            format!("Sets `{plain_name}` to `null`, which is sent as such (leaving it unset leaves it out).");
        write_doc(w, &null_doc);
        deprecated(w);
        write_method(
            w,
            null_setter,
            1,
            |w, _| write_mut_self(w),
            |w| write_assignment(w, "self", &field.name, &|w| w.joined(&[&*runtime, "::Nullable::Null"])),
        );
    }

    /// `fn name<T: bound>(parameters) -> Result<ok, error>`, then the body `write` writes in
    /// its block: a trait method of the impls below.
    fn write_trait_method(
        w: &mut Writer<'_>,
        name: &str,
        generic: (&str, &dyn Fn(&mut Writer<'_>)),
        count: usize,
        parameter: impl FnMut(&mut Writer<'_>, usize),
        result: [&str; 2],
        body: impl FnOnce(&mut Writer<'_>),
    ) {
        w.token("fn");
        w.space();
        w.word(name);
        w.generics(false, false, 1, |w, _| {
            w.word(generic.0);
            w.token(":");
            w.space();
            (generic.1)(w);
        });
        w.list(("(", ")"), count, Trailing::Comma, Opening::Soft, parameter);
        w.space();
        w.token("->");
        w.space();
        w.token("Result");
        w.generics(true, true, 2, |w, i| w.word(result[i]));
        w.space();
        w.block(|w| {
            w.hard_line();
            body(w);
        });
    }

    /// `&["name", ...]`: the wire names of the fields.
    fn write_wire_names(w: &mut Writer<'_>, s: &Struct) {
        write_array(w, s.fields.len(), |w, i| w.string(&s.fields[i].wire_name));
    }

    /// A struct's `Serialize`: its fields as a JSON object, unset optional ones left out (as
    /// serde's derive with `skip_serializing_if = "Option::is_none"`), then the additional
    /// properties. One call of the runtime's `encode_object` with the wire names and a tuple of
    /// the fields (`&self.optional`, `Some(&self.required)`), which writes them: rustc checks
    /// one tuple expression per struct instead of a call per field.
    fn write_serialize(&self, w: &mut Writer<'_>, name: &str, s: &Struct, deprecated: bool) {
        let serde = self.runtime.external_path(ExternalCrate::Serde);
        let runtime = super::RUNTIME_IN_MODULE;
        let count = s.fields.len() + usize::from(s.additional.is_some());
        write_impl_for(w, None, &|w| w.token("Serialize"), name);
        w.block(|w| {
            w.hard_line();
            // Reading a deprecated field is what serializing it means.
            if deprecated {
                write_allow(w, "deprecated");
            }
            Self::write_trait_method(
                w,
                "serialize",
                ("S", &|w| w.joined(&[&*serde, "::Serializer"])),
                2,
                |w, i| {
                    if i == 0 {
                        w.token("&");
                        w.token("self");
                    } else {
                        write_typed(w, "serializer", &|w| w.token("S"));
                    }
                },
                ["S::Ok", "S::Error"],
                |w| {
                    w.joined(&[&*runtime, "::model_encoding::encode_object"]);
                    w.list(("(", ")"), 3, Trailing::Comma, Opening::Soft, |w, i| match i {
                        0 => w.token("serializer"),
                        1 => Self::write_wire_names(w, s),
                        _ => Slot::of(count).write(w, &mut |w, i| {
                            let Some(field) = s.fields.get(i) else {
                                w.token("&");
                                w.token("self");
                                w.token(".");
                                w.token("additional_properties");
                                return;
                            };
                            // A required field is always written, a required nullable one as
                            // `null` when unset; an optional one (`Option` or `Nullable`) is
                            // left out when unset.
                            let reference = |w: &mut Writer<'_>| {
                                w.token("&");
                                w.token("self");
                                w.token(".");
                                w.word(&field.name);
                            };
                            if field.required {
                                w.token("Some");
                                w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| reference(w));
                            } else {
                                reference(w);
                            }
                        }),
                    });
                },
            );
        });
    }

    /// A struct's `Deserialize`: one call of the runtime's `decode_object`, whose one generic
    /// visitor reads the object's entries into the slots the struct's `ObjectModel` impl names
    /// (a tuple of `Option<T>` and `Required<T>`), then the impl's `finish` builds the struct.
    /// It decodes like serde's derive with `#[serde(default)]` on the optional fields (unknown
    /// keys ignored, or kept in `additional_properties`; a missing required field is an error),
    /// and what rustc checks per struct is a tuple type and a struct literal: no visitor type,
    /// loop or match arm per field (the derive adds a field enum with its own visitor and a
    /// visitor of JSON arrays to every struct).
    fn write_deserialize(&self, w: &mut Writer<'_>, name: &str, s: &Struct) {
        let serde = self.runtime.external_path(ExternalCrate::Serde);
        let runtime = super::RUNTIME_IN_MODULE;
        let deserialize = |w: &mut Writer<'_>| {
            w.token("Deserialize");
            w.generics(false, false, 1, |w, _| w.token("'de"));
        };
        write_impl_for(w, Some("'de"), &deserialize, name);
        w.block(|w| {
            w.hard_line();
            Self::write_trait_method(
                w,
                "deserialize",
                ("D", &|w| {
                    w.joined(&[&*serde, "::Deserializer"]);
                    w.generics(false, false, 1, |w, _| w.token("'de"));
                }),
                1,
                |w, _| write_typed(w, "deserializer", &|w| w.token("D")),
                ["Self", "D::Error"],
                |w| {
                    w.joined(&[&*runtime, "::model_decoding::decode_object"]);
                    w.list(("(", ")"), 3, Trailing::Comma, Opening::Soft, |w, i| match i {
                        0 => w.token("deserializer"),
                        1 => w.string(name.trim_start_matches("r#")),
                        _ => Self::write_wire_names(w, s),
                    });
                },
            );
        });
    }

    /// The struct's `ObjectModel`: the slots its fields decode into, and `finish`, which
    /// builds the struct from them. Both impls carry the struct's feature gate.
    fn write_object_model(&self, w: &mut Writer<'_>, name: &str, s: &Struct, deprecated: bool) {
        let serde = self.runtime.external_path(ExternalCrate::Serde);
        let decoding = format!("{}::model_decoding", super::RUNTIME_IN_MODULE);
        write_impl_for(w, None, &|w| w.joined(&[&*decoding, "::ObjectModel"]), name);
        w.block(|w| {
            w.hard_line();
            w.token("type");
            w.space();
            w.token("Fields");
            w.space();
            w.token("=");
            w.space();
            Slot::of(s.fields.len()).write(w, &mut |w, i| {
                let field = &s.fields[i];
                self.write_held(w, Holder::of(field, Holder::Required), field);
            });
            w.token(";");
            w.hard_line();
            w.token("type");
            w.space();
            w.token("Additional");
            w.space();
            w.token("=");
            w.space();
            match &s.additional {
                None => w.joined(&[&*serde, "::de::IgnoredAny"]),
                Some(ty) => self.write_map(w, ty),
            }
            w.token(";");
            w.blank_line();
            // The struct literal names deprecated fields too.
            if deprecated {
                write_allow(w, "deprecated");
            }
            let count = s.fields.len() + usize::from(s.additional.is_some());
            Self::write_trait_method(
                w,
                "finish",
                ("E", &|w| w.joined(&[&*serde, "::de::Error"])),
                2,
                |w, i| {
                    if i == 0 {
                        if s.fields.is_empty() {
                            w.token("_");
                        } else {
                            Slot::of(s.fields.len()).write(w, &mut |w, i| w.word(&s.fields[i].name));
                        }
                        w.token(":");
                        w.space();
                        w.token("Self::Fields");
                    } else {
                        w.token(if s.additional.is_some() { "additional_properties" } else { "_" });
                        w.token(":");
                        w.space();
                        w.token("Self::Additional");
                    }
                },
                ["Self", "E"],
                |w| {
                    // The only argument is a struct literal: the call stays on its line and
                    // the literal breaks, as the layout writes it.
                    w.token("Ok");
                    w.token("(");
                    w.token("Self");
                    w.space();
                    w.list(("{", "}"), count, Trailing::Comma, Opening::Spaced, |w, i| {
                        let Some(field) = s.fields.get(i) else {
                            w.token("additional_properties");
                            return;
                        };
                        w.word(&field.name);
                        if !field.is_optional() {
                            w.token(":");
                            w.space();
                            w.joined(&[&*decoding, "::required"]);
                            w.list(("(", ")"), 2, Trailing::Comma, Opening::Soft, |w, i| {
                                if i == 0 {
                                    w.word(&field.name);
                                } else {
                                    w.string(&field.wire_name);
                                }
                            });
                            w.token("?");
                        }
                    });
                    w.token(")");
                },
            );
        });
    }

    /// The doc lines of a struct's example: its constructor and one setter, when the model
    /// can be built at all.
    fn struct_example(&self, id: TypeId, s: &Struct) -> Option<Vec<String>> {
        let writer = ExampleWriter::new(self.api, "models::", self.runtime);
        let arguments = writer.constructor_arguments(id)?;
        let name = &self.api.types[id.0].name;
        let one_line = format!("let value = models::{name}::new({});", arguments.join(", "));
        let mut lines = vec![" Built with its required fields, then optional ones by name:".to_owned(), String::new()];
        lines.push(if self.doctests { EXAMPLE_FENCE } else { IGNORED_EXAMPLE_FENCE }.to_owned());
        lines.push(format!(" use {}::models;", self.crate_ident));
        lines.push(String::new());
        let setter = s
            .fields
            .iter()
            .filter(|f| !f.deprecated && !f.read_only)
            .filter_map(|f| Some((f.setter.as_ref()?, f)))
            .find_map(|(setter, f)| Some(format!("{setter}({})", writer.value(&f.ty)?)));
        if one_line.len() <= 90 {
            lines.push(format!(" {}", one_line.trim_end_matches(';')));
        } else {
            lines.push(format!(" let value = models::{name}::new("));
            lines.extend(arguments.iter().map(|argument| format!("     {argument},")));
            lines.push(" )".to_owned());
        }
        match setter {
            Some(setter) => lines.push(format!("     .{setter};")),
            None => {
                let last = lines.last_mut().expect("the constructor line was pushed");
                last.push(';');
            }
        }
        lines.push(" ```".to_owned());
        Some(lines)
    }
}

/// Whether the type is written with generic arguments, so that generics around it may break
/// like a list.
pub(super) fn has_generics(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::DateTime | TypeRef::List(_) | TypeRef::Map(_) | TypeRef::JsonObject => true,
        TypeRef::External(path) => path.contains('<'),
        _ => false,
    }
}
