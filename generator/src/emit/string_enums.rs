//! String enum models, written as layout commands (see [`crate::print::Writer`]): the enum,
//! `as_str`, `From<&str>`, and the call of the models module's `string_enum_impls!` for the
//! impls every string enum shares. Enums keep values they do not know, so a server that adds
//! one does not break decoding.

use super::written::{
    write_arm_body, write_derive, write_doc, write_impl, write_impl_for, write_item_head, write_ref_self,
    write_signature, write_typed,
};
use super::Emitter;
use crate::ir::{Gate, StringEnum};
use crate::print::{Opening, Trailing, Writer};

impl Emitter<'_> {
    /// A string enum and its impls, each an item of the part; `doc` is the schema's
    /// description.
    pub(super) fn write_string_enum(&self, w: &mut Writer<'_>, name: &str, doc: &str, gate: &Gate, e: &StringEnum) {
        let runtime = super::RUNTIME_IN_MODULE;
        let unknown = e.unknown_variant.as_str();
        w.item(|w| {
            write_doc(w, doc);
            self.write_cfg(w, gate);
            write_derive(w, &["Debug", "Clone", "PartialEq", "Eq", "Hash"]);
            w.attribute(|w| w.token("non_exhaustive"));
            write_item_head(w, "enum", name);
            w.block(|w| {
                for variant in &e.variants {
                    w.hard_line();
                    let value = &variant.value;
                    let doc = if variant.sources.is_empty() {
                        format!("`{value}`")
                    } else {
                        format!("`{value}` ({})", variant.sources.join(", "))
                    };
                    write_doc(w, &doc);
                    w.word(&variant.name);
                    w.token(",");
                }
                w.hard_line();
                w.doc(" A value this version of the client does not know, kept as received.");
                w.word(unknown);
                w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("String"));
                w.token(",");
            });
        });
        w.item(|w| {
            self.write_cfg(w, gate);
            write_impl(w, name);
            w.block(|w| {
                w.hard_line();
                w.doc(" The value as it appears on the wire.");
                w.token("pub");
                w.space();
                write_signature(w, "as_str", 1, |w, _| write_ref_self(w), &write_str_ref);
                w.block(|w| {
                    w.hard_line();
                    write_match(w, "self", e.variants.len() + 1, |w, i| match e.variants.get(i) {
                        Some(variant) => {
                            w.joined(&["Self::", &*variant.name]);
                            write_arm_body(w, |w| w.string(&variant.value));
                        }
                        None => {
                            w.joined(&["Self::", &*unknown]);
                            w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("value"));
                            write_arm_body(w, |w| w.token("value"));
                        }
                    });
                });
            });
        });
        w.item(|w| {
            self.write_cfg(w, gate);
            let from = |w: &mut Writer<'_>| {
                w.token("From");
                w.generics(false, false, 1, |w, _| write_str_ref(w));
            };
            write_impl_for(w, None, &from, name);
            w.block(|w| {
                w.hard_line();
                write_signature(w, "from", 1, |w, _| write_typed(w, "value", &write_str_ref), &|w| w.token("Self"));
                w.block(|w| {
                    w.hard_line();
                    write_match(w, "value", e.variants.len() + 1, |w, i| match e.variants.get(i) {
                        Some(variant) => {
                            w.string(&variant.value);
                            write_arm_body(w, |w| w.joined(&["Self::", &*variant.name]));
                        }
                        None => {
                            w.token("other");
                            write_arm_body(w, |w| {
                                w.joined(&["Self::", &*unknown]);
                                w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| {
                                    w.joined(&[&*runtime, "::model_decoding::unknown_enum_value"]);
                                    w.list(("(", ")"), 1, Trailing::Comma, Opening::Soft, |w, _| w.token("other"));
                                });
                            });
                        }
                    });
                });
            });
        });
        w.item(|w| {
            self.write_cfg(w, gate);
            w.token("string_enum_impls");
            w.token("!");
            w.list(("(", ")"), 1, Trailing::Nothing, Opening::Soft, |w, _| w.word(name));
            w.token(";");
        });
    }
}

/// `&str`.
fn write_str_ref(w: &mut Writer<'_>) {
    w.token("&");
    w.token("str");
}

/// `match scrutinee { arms }`, each arm (its pattern and [`arm_body`]) written by `arm`.
fn write_match(w: &mut Writer<'_>, scrutinee: &str, arms: usize, mut arm: impl FnMut(&mut Writer<'_>, usize)) {
    w.token("match");
    w.space();
    w.word(scrutinee);
    w.space();
    w.block(|w| {
        for index in 0..arms {
            w.hard_line();
            arm(w, index);
        }
    });
}
