//! Shapes of Rust that several emitters write as layout commands (see
//! [`crate::print::Writer`]): doc comments, attributes, typed names, methods and their
//! signatures, setters. Each writes the commands the layout makes for the same tokens.

use super::docs;
use crate::print::{Opening, Trailing, Writer};

/// A description as doc comment lines (nothing for an empty one), made safe for rustdoc by
/// [`docs`].
pub(super) fn write_doc(w: &mut Writer<'_>, text: &str) {
    for line in docs::doc_lines(text) {
        w.doc(&line);
    }
}

/// `#[derive(...)]` on a line of its own.
pub(super) fn write_derive(w: &mut Writer<'_>, traits: &[&'static str]) {
    w.attribute(|w| {
        w.token("derive");
        w.list(("(", ")"), traits.len(), Trailing::Comma, Opening::Soft, |w, i| w.token(traits[i]));
    });
}

/// The derives of a model or request builder: `Debug, Clone, PartialEq`, with `Default` when
/// `default`, without `Debug` when the type has secrets (its `Debug` is then
/// [`write_redacting_debug`]'s).
pub(super) fn write_value_derives(w: &mut Writer<'_>, default: bool, secret: bool) {
    let derives: &[&str] = match (default, secret) {
        (true, false) => &["Debug", "Clone", "PartialEq", "Default"],
        (false, false) => &["Debug", "Clone", "PartialEq"],
        (true, true) => &["Clone", "PartialEq", "Default"],
        (false, true) => &["Clone", "PartialEq"],
    };
    write_derive(w, derives);
}

/// `#[allow(lint)]` on a line of its own.
pub(super) fn write_allow(w: &mut Writer<'_>, lint: &'static str) {
    w.attribute(|w| {
        w.token("allow");
        w.list(("(", ")"), 1, Trailing::Nothing, Opening::Soft, |w, _| w.token(lint));
    });
}

/// `pub struct Name ` (or `enum`), before its block.
pub(super) fn write_item_head(w: &mut Writer<'_>, keyword: &'static str, name: &str) {
    w.token("pub");
    w.space();
    w.token(keyword);
    w.space();
    w.word(name);
    w.space();
}

/// `impl Name `, before its block.
pub(super) fn write_impl(w: &mut Writer<'_>, name: &str) {
    w.token("impl");
    w.space();
    w.word(name);
    w.space();
}

/// `impl Trait for Name ` (`impl<'de>` with a `lifetime`), before its block; `the_trait`
/// writes the trait.
pub(super) fn write_impl_for(
    w: &mut Writer<'_>,
    lifetime: Option<&'static str>,
    the_trait: &dyn Fn(&mut Writer<'_>),
    name: &str,
) {
    w.token("impl");
    if let Some(lifetime) = lifetime {
        w.generics(false, false, 1, |w, _| w.token(lifetime));
    }
    w.space();
    the_trait(w);
    w.space();
    w.token("for");
    w.space();
    w.word(name);
    w.space();
}

/// `name: T`, a field or a parameter.
pub(super) fn write_typed(w: &mut Writer<'_>, name: &str, ty: &dyn Fn(&mut Writer<'_>)) {
    w.word(name);
    w.token(":");
    w.space();
    ty(w);
}

pub(super) fn write_mut_self(w: &mut Writer<'_>) {
    w.token("mut");
    w.space();
    w.token("self");
}

pub(super) fn write_ref_self(w: &mut Writer<'_>) {
    w.token("&");
    w.token("self");
}

/// `fn name(parameters) -> T `, before the body's block.
pub(super) fn write_signature(
    w: &mut Writer<'_>,
    name: &str,
    count: usize,
    parameter: impl FnMut(&mut Writer<'_>, usize),
    returned: &dyn Fn(&mut Writer<'_>),
) {
    w.token("fn");
    w.space();
    w.word(name);
    w.list(("(", ")"), count, Trailing::Comma, Opening::Soft, parameter);
    w.space();
    w.token("->");
    w.space();
    returned(w);
    w.space();
}

/// `pub fn name(parameters) -> Self`, then the body `body` writes in its block.
pub(super) fn write_method(
    w: &mut Writer<'_>,
    name: &str,
    count: usize,
    parameter: impl FnMut(&mut Writer<'_>, usize),
    body: impl FnOnce(&mut Writer<'_>),
) {
    w.token("pub");
    w.space();
    write_signature(w, name, count, parameter, &|w| w.token("Self"));
    w.block(body);
}

/// A setter's body: `target.field = value;`, then `self`.
pub(super) fn write_assignment(w: &mut Writer<'_>, target: &str, field: &str, value: &dyn Fn(&mut Writer<'_>)) {
    w.hard_line();
    w.word(target);
    w.token(".");
    w.word(field);
    w.space();
    w.token("=");
    w.space();
    value(w);
    w.token(";");
    w.hard_line();
    w.token("self");
}

/// `accept`, the setter of the media type to ask for, on `target` (`self` for a builder,
/// `self.operation` for a bound call).
pub(super) fn write_accept_setter(w: &mut Writer<'_>, target: &str, media_enum: &str) {
    write_method(
        w,
        "accept",
        2,
        |w, i| match i {
            0 => write_mut_self(w),
            _ => write_typed(w, "media_type", &|w| w.word(media_enum)),
        },
        |w| write_assignment(w, target, "accept", &|w| w.token("media_type")),
    );
}

/// ` => body,` after a match arm's pattern: the body on the pattern's line when it fits, else
/// on the next, indented.
pub(super) fn write_arm_body(w: &mut Writer<'_>, body: impl FnOnce(&mut Writer<'_>)) {
    w.space();
    w.token("=>");
    w.group(|w| {
        w.indented(|w| {
            w.line();
            body(w);
            w.token(",");
        })
    });
}

/// `&[a, b, ...]` of `count` elements, with a trailing comma when the list breaks over lines
/// and has more than one element.
pub(super) fn write_array(w: &mut Writer<'_>, count: usize, element: impl FnMut(&mut Writer<'_>, usize)) {
    w.token("&");
    let trailing = if count > 1 { Trailing::Comma } else { Trailing::Nothing };
    w.list(("[", "]"), count, trailing, Opening::Soft, element);
}

/// The `Debug` of a struct with secret fields (`format: password`): what the derive prints,
/// each secret field's value replaced by the runtime's `Redacted` placeholder, so that logging
/// the value never writes a password. `fields` are the struct's fields in order, with whether
/// each is secret; `runtime` is the path of the runtime module.
pub(super) fn write_redacting_debug(
    w: &mut Writer<'_>,
    runtime: &str,
    name: &str,
    fields: &[(&str, bool)],
    deprecated: bool,
) {
    write_impl_for(w, None, &|w| w.joined(&["std::fmt::Debug"]), name);
    w.block(|w| {
        w.hard_line();
        if deprecated {
            write_allow(w, "deprecated");
        }
        let parameter = |w: &mut Writer<'_>, i: usize| {
            if i == 0 {
                w.token("&");
                w.token("self");
            } else {
                write_typed(w, "f", &|w| {
                    w.token("&");
                    w.token("mut");
                    w.space();
                    w.joined(&["std::fmt::Formatter"]);
                    w.generics(false, false, 1, |w, _| w.token("'_"));
                });
            }
        };
        write_signature(w, "fmt", 2, parameter, &|w| w.joined(&["std::fmt::Result"]));
        w.block(|w| {
            w.hard_line();
            w.joined(&[runtime, "::model_encoding::debug_object"]);
            w.list(("(", ")"), 4, Trailing::Comma, Opening::Soft, |w, i| match i {
                0 => w.token("f"),
                1 => w.string(name),
                2 => write_array(w, fields.len(), |w, i| w.string(crate::naming::unraw(fields[i].0))),
                _ => write_array(w, fields.len(), |w, i| {
                    let (field, secret) = fields[i];
                    let reference = |w: &mut Writer<'_>| {
                        w.token("&");
                        w.token("self");
                        w.token(".");
                        w.word(field);
                    };
                    if secret {
                        w.token("&");
                        w.joined(&[runtime, "::model_encoding::Redacted"]);
                        w.list(("(", ")"), 1, Trailing::Nothing, Opening::Soft, |w, _| reference(w));
                    } else {
                        reference(w);
                    }
                }),
            });
        });
    });
}
