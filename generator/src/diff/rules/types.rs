//! Rules for model types: a struct's fields and additional properties, an enum's values, a
//! union's members, an alias's target, and a type that changes kind.

use std::collections::BTreeMap;

use super::{join, show, Changes, Impact, Joined, Kind, Side};
use crate::diagnostics::pointer_push;
use crate::diff::model::{Shape, TypeModel};

pub(super) fn compare_type(out: &mut Changes, name: &str, a: &TypeModel, b: &TypeModel) {
    let item = format!("models::{name}");
    if a.doc != b.doc {
        out.ty(name, Impact::Patch, Kind::Type, "type-docs", &b.pointer, Side::New)
            .item(item.clone())
            .say(format!("`{name}`: description changed"));
    }
    match (&a.shape, &b.shape) {
        (Shape::Struct { fields: x, additional: xa }, Shape::Struct { fields: y, additional: ya }) => {
            if xa != ya {
                out.ty(name, Impact::Breaking, Kind::Type, "additional-properties", &b.pointer, Side::New)
                    .item(item.clone())
                    .say(format!("`{name}`: additional properties {} → {}", show(xa), show(ya)));
            }
            let old: BTreeMap<_, _> = x.iter().map(|f| (f.wire_name.clone(), f)).collect();
            let new: BTreeMap<_, _> = y.iter().map(|f| (f.wire_name.clone(), f)).collect();
            for (wire, joined) in join(&old, &new) {
                let (side, ty) = if matches!(joined, Joined::Removed(_)) { (Side::Old, a) } else { (Side::New, b) };
                let at = pointer_push(&pointer_push(&ty.pointer, "properties"), wire);
                let mut add = |impact, rule, field: &str, message: String| {
                    out.ty(name, impact, Kind::Field, rule, &at, side).item(format!("{item}::{field}")).say(message)
                };
                match joined {
                    Joined::Removed(f) => {
                        add(Impact::Breaking, "field-removed", &f.name, format!("`{name}.{wire}` removed"))
                    }
                    Joined::Added(f) if f.required => {
                        let message = format!("required `{name}.{wire}` added (`{name}::new` takes it)");
                        add(Impact::Breaking, "field-added-required", &f.name, message)
                    }
                    Joined::Added(f) => {
                        add(Impact::Additive, "field-added", &f.name, format!("optional `{name}.{wire}` added"))
                    }
                    Joined::Both(f, g) => {
                        if f.required != g.required {
                            let now = if g.required { "required" } else { "optional" };
                            let message = format!("`{name}.{wire}` is now {now}: `{}` → `{}`", f.ty, g.ty);
                            add(Impact::Breaking, "field-optionality", &g.name, message);
                        } else if f.ty != g.ty {
                            let message = format!("`{name}.{wire}`: type `{}` → `{}`", f.ty, g.ty);
                            add(Impact::Breaking, "field-type", &g.name, message);
                        }
                        if f.name != g.name {
                            let message = format!("`{name}.{wire}`: Rust name `{}` → `{}`", f.name, g.name);
                            add(Impact::Breaking, "field-renamed", &g.name, message);
                        }
                        if f.deprecated != g.deprecated {
                            let word = if g.deprecated { "deprecated" } else { "no longer deprecated" };
                            add(Impact::Patch, "field-deprecation", &g.name, format!("`{name}.{wire}` {word}"));
                        }
                        if f.doc != g.doc {
                            add(Impact::Patch, "field-docs", &g.name, format!("`{name}.{wire}`: description changed"));
                        }
                    }
                }
            }
        }
        (Shape::Enum { variants: x }, Shape::Enum { variants: y }) => {
            let old: BTreeMap<_, _> = x.iter().map(|v| (v.value.clone(), v)).collect();
            let new: BTreeMap<_, _> = y.iter().map(|v| (v.value.clone(), v)).collect();
            let at = pointer_push(&b.pointer, "enum");
            for (value, joined) in join(&old, &new) {
                let side = if matches!(joined, Joined::Removed(_)) { Side::Old } else { Side::New };
                let at = if side == Side::Old { pointer_push(&a.pointer, "enum") } else { at.clone() };
                let mut add = |impact, rule, variant: &str, message: String| {
                    out.ty(name, impact, Kind::Variant, rule, &at, side).item(format!("{item}::{variant}")).say(message)
                };
                match joined {
                    Joined::Removed(v) => add(
                        Impact::Breaking,
                        "enum-value-removed",
                        &v.name,
                        format!("`{name}`: value `{value}` removed"),
                    ),
                    Joined::Added(v) => {
                        add(Impact::Additive, "enum-value-added", &v.name, format!("`{name}`: value `{value}` added"))
                    }
                    Joined::Both(v, w) if v.name != w.name => {
                        let message = format!("`{name}`: value `{value}` now variant `{}` (was `{}`)", w.name, v.name);
                        add(Impact::Breaking, "enum-variant-renamed", &w.name, message)
                    }
                    Joined::Both(..) => {}
                }
            }
        }
        (Shape::Union { variants: x }, Shape::Union { variants: y }) => {
            let old: BTreeMap<_, _> = x.iter().map(|v| (v.name.clone(), v)).collect();
            let new: BTreeMap<_, _> = y.iter().map(|v| (v.name.clone(), v)).collect();
            for (variant, joined) in join(&old, &new) {
                let side = if matches!(joined, Joined::Removed(_)) { Side::Old } else { Side::New };
                let at = if side == Side::Old { &a.pointer } else { &b.pointer };
                let mut add = |impact, rule, message: String| {
                    out.ty(name, impact, Kind::Variant, rule, at, side).item(format!("{item}::{variant}")).say(message)
                };
                match joined {
                    Joined::Removed(m) => {
                        add(Impact::Breaking, "union-member-removed", format!("`{name}`: member `{}` removed", m.ty))
                    }
                    Joined::Added(m) => {
                        add(Impact::Additive, "union-member-added", format!("`{name}`: member `{}` added", m.ty))
                    }
                    Joined::Both(m, n) => {
                        if m.ty != n.ty {
                            add(
                                Impact::Breaking,
                                "union-member-type",
                                format!("`{name}::{variant}`: type `{}` → `{}`", m.ty, n.ty),
                            );
                        }
                        if m.tags != n.tags {
                            let message =
                                format!("`{name}::{variant}`: discriminator values {:?} → {:?}", m.tags, n.tags);
                            add(Impact::Patch, "union-member-tags", message);
                        }
                    }
                }
            }
        }
        (Shape::Alias { ty: x }, Shape::Alias { ty: y }) | (Shape::Newtype { ty: x }, Shape::Newtype { ty: y }) => {
            if x != y {
                out.ty(name, Impact::Breaking, Kind::Type, "alias-type", &b.pointer, Side::New)
                    .item(item)
                    .say(format!("`{name}`: type `{x}` → `{y}`"));
            }
        }
        (x, y) => {
            out.ty(name, Impact::Breaking, Kind::Type, "type-kind", &b.pointer, Side::New).item(item).say(format!(
                "`{name}`: {} → {}",
                x.kind(),
                y.kind()
            ));
        }
    }
}
