//! The rules: how each difference between two [`ApiModel`]s affects code that uses the
//! generated crate. They judge the Rust API, not the wire: an operationId rename renames a
//! type, so it breaks; a new error status adds a variant to a `#[non_exhaustive]` enum, so
//! it does not.
//!
//! What the generated code absorbs (and so what may be called additive): error, media-type,
//! body, string and union enums are `#[non_exhaustive]`; model structs are
//! `#[non_exhaustive]` with `new(required…)` and a setter per optional field; builders take
//! optional parameters through methods.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{
    operation_pointer, ApiModel, BodyModel, BoundModel, OperationModel, ParamModel, RulesModel, Shape, TypeModel,
};
use crate::diagnostics::pointer_push;

/// How a change affects code that uses the generated crate, from least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Nothing a user wrote can notice: docs, deprecations, defaults, looser checks.
    Patch,
    /// New items; code written against the old crate still compiles and behaves the same.
    Additive,
    /// Code written against the old crate may stop compiling or start failing.
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::Patch => "patch",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

/// What kind of spec element changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Type,
    Field,
    Variant,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Operation => "operation",
            Kind::Parameter => "parameter",
            Kind::RequestBody => "request_body",
            Kind::Response => "response",
            Kind::MediaType => "media_type",
            Kind::Type => "type",
            Kind::Field => "field",
            Kind::Variant => "variant",
        }
    }
}

/// Which spec a change's pointer points into: removals into the old one, the rest the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Old,
    New,
}

/// One difference between the two APIs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    pub impact: Impact,
    pub kind: Kind,
    /// A stable identifier of the rule that classified it (`field-removed`).
    pub rule: &'static str,
    /// The operation it belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// The model type it belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Where in the spec (`#/paths/~1a/get/responses/404`).
    pub pointer: String,
    pub side: Side,
    /// The Rust item it touches (`models::Job::snapshot_id`).
    pub rust_item: String,
    pub message: String,
}

/// Every difference between `old` and `new`, sorted by operation, then type, then pointer.
pub fn compare(old: &ApiModel, new: &ApiModel) -> Vec<Change> {
    let mut out = Changes::default();
    // A renamed type is one change; the types and fields that use it read the new name in OLD
    // too, so that they are not reported as changed types.
    let type_renames = renamed_types(old, new);
    let renamed_old;
    let old = if type_renames.is_empty() {
        old
    } else {
        renamed_old = old.with_type_names(&type_renames);
        &renamed_old
    };
    for (before, after) in &type_renames {
        let ty = &new.types[after];
        out.ty(after, Impact::Breaking, Kind::Type, "type-renamed", &ty.pointer, Side::New)
            .item(format!("models::{after}"))
            .say(format!("{} `{before}` renamed to `{after}`", ty.shape.kind()));
    }
    let renamed = renamed_operations(old, new);
    let renamed_old: BTreeSet<&str> = renamed.iter().map(|(a, _)| *a).collect();
    let renamed_new: BTreeSet<&str> = renamed.iter().map(|(_, b)| *b).collect();
    for (id, joined) in join(&old.operations, &new.operations) {
        match joined {
            Joined::Removed(_) if renamed_old.contains(id.as_str()) => {}
            Joined::Added(_) if renamed_new.contains(id.as_str()) => {}
            Joined::Removed(op) => out
                .op(id, Impact::Breaking, Kind::Operation, "operation-removed", op, Side::Old)
                .item(format!("operations::{} (Client::{})", op.type_name, op.fn_name))
                .say(format!("operation `{id}` ({} {}) removed", op.method, op.path)),
            Joined::Added(op) => out
                .op(id, Impact::Additive, Kind::Operation, "operation-added", op, Side::New)
                .item(format!("operations::{} (Client::{})", op.type_name, op.fn_name))
                .say(format!("operation `{id}` ({} {}) added", op.method, op.path)),
            Joined::Both(a, b) => compare_operation(&mut out, id, None, a, b),
        }
    }
    for (old_id, new_id) in renamed {
        compare_operation(&mut out, new_id, Some(old_id), &old.operations[old_id], &new.operations[new_id]);
    }
    for (name, joined) in join(&old.types, &new.types) {
        match joined {
            Joined::Removed(ty) => out
                .ty(name, Impact::Breaking, Kind::Type, "type-removed", &ty.pointer, Side::Old)
                .item(format!("models::{name}"))
                .say(format!("{} `{name}` removed", ty.shape.kind())),
            Joined::Added(ty) => out
                .ty(name, Impact::Additive, Kind::Type, "type-added", &ty.pointer, Side::New)
                .item(format!("models::{name}"))
                .say(format!("{} `{name}` added", ty.shape.kind())),
            Joined::Both(a, b) => compare_type(&mut out, name, a, b),
        }
    }
    let mut changes = out.list;
    changes.sort_by(|a, b| {
        (a.type_name.is_some(), &a.operation_id, &a.type_name, &a.pointer, &a.rule, &a.message).cmp(&(
            b.type_name.is_some(),
            &b.operation_id,
            &b.type_name,
            &b.pointer,
            &b.rule,
            &b.message,
        ))
    });
    changes
}

/// A type whose Rust name changed (an `x-rust-name` added, say) is the one type removed and the
/// one type added that come from the same schema: (old name, new name).
fn renamed_types(old: &ApiModel, new: &ApiModel) -> BTreeMap<String, String> {
    let mut by_pointer: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for (name, ty) in old.types.iter().filter(|(name, _)| !new.types.contains_key(*name)) {
        by_pointer.entry(ty.pointer.as_str()).or_default().0.push(name);
    }
    for (name, ty) in new.types.iter().filter(|(name, _)| !old.types.contains_key(*name)) {
        by_pointer.entry(ty.pointer.as_str()).or_default().1.push(name);
    }
    by_pointer
        .into_values()
        .filter_map(|(removed, added)| match (removed.as_slice(), added.as_slice()) {
            ([before], [after]) => Some(((*before).to_owned(), (*after).to_owned())),
            _ => None,
        })
        .collect()
}

/// An operation whose operationId changed is one with the same method and path in both specs:
/// (old id, new id) pairs.
fn renamed_operations<'a>(old: &'a ApiModel, new: &'a ApiModel) -> Vec<(&'a str, &'a str)> {
    let removed: BTreeMap<(&str, &str), &str> = old
        .operations
        .iter()
        .filter(|(id, _)| !new.operations.contains_key(*id))
        .map(|(id, op)| ((op.method.as_str(), op.path.as_str()), id.as_str()))
        .collect();
    new.operations
        .iter()
        .filter(|(id, _)| !old.operations.contains_key(*id))
        .filter_map(|(id, op)| {
            removed.get(&(op.method.as_str(), op.path.as_str())).map(|old_id| (*old_id, id.as_str()))
        })
        .collect()
}

/// Compares one operation; `previous_id` is its old operationId when that changed.
fn compare_operation(out: &mut Changes, id: &str, previous_id: Option<&str>, a: &OperationModel, b: &OperationModel) {
    let builder = format!("operations::{}", b.type_name);
    let breaking = Impact::Breaking;
    let renamed_id = previous_id.map(|old| format!("operationId `{old}` → `{id}`: ")).unwrap_or_default();
    if a.type_name != b.type_name || a.fn_name != b.fn_name || a.error_name != b.error_name {
        out.op(id, breaking, Kind::Operation, "operation-renamed", b, Side::New)
            .item(format!("operations::{} (Client::{})", b.type_name, b.fn_name))
            .say(format!(
                "{renamed_id}Rust names `{}`/`{}`/`{}` → `{}`/`{}`/`{}`",
                a.type_name, a.fn_name, a.error_name, b.type_name, b.fn_name, b.error_name
            ));
    } else if previous_id.is_some() {
        // Names taken from a vendor extension kept the Rust API as it was.
        out.op(id, Impact::Patch, Kind::Operation, "operation-id-renamed", b, Side::New)
            .item(format!("operations::{} (Client::{})", b.type_name, b.fn_name))
            .say(format!("{renamed_id}Rust names unchanged"));
    }
    if a.method != b.method || a.path != b.path {
        out.op(id, breaking, Kind::Operation, "operation-moved", b, Side::New)
            .item(builder.clone())
            .say(format!("moved from {} {} to {} {}", a.method, a.path, b.method, b.path));
    }
    if a.module != b.module {
        out.op(id, breaking, Kind::Operation, "operation-retagged", b, Side::New)
            .item(builder.clone())
            .say(format!("moved from module `{}` to `{}` (and its cargo feature)", a.module, b.module));
    }
    if a.deprecated != b.deprecated {
        let word = if b.deprecated { "deprecated" } else { "no longer deprecated" };
        out.op(id, Impact::Patch, Kind::Operation, "operation-deprecation", b, Side::New)
            .item(builder.clone())
            .say(format!("operation `{id}` {word}"));
    }
    if a.doc != b.doc {
        out.op(id, Impact::Patch, Kind::Operation, "operation-docs", b, Side::New)
            .item(builder.clone())
            .say("summary or description changed".to_owned());
    }
    compare_params(out, id, a, b);
    compare_body(out, id, a, b);
    compare_success(out, id, a, b);
    compare_errors(out, id, a, b);
}

fn compare_params(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
    let key = |p: &ParamModel| (p.location.clone(), p.wire_name.clone());
    let old: BTreeMap<_, _> = a.params.iter().map(|p| (key(p), p)).collect();
    let new: BTreeMap<_, _> = b.params.iter().map(|p| (key(p), p)).collect();
    let op_pointer = pointer_push(&operation_pointer(b), "parameters");
    for ((location, wire), joined) in join(&old, &new) {
        let what = format!("{location} parameter `{wire}`");
        let (side, op) = match joined {
            Joined::Removed(_) => (Side::Old, a),
            _ => (Side::New, b),
        };
        let pointer =
            if side == Side::Old { pointer_push(&operation_pointer(a), "parameters") } else { op_pointer.clone() };
        let item = |p: &ParamModel| {
            if p.required {
                format!("operations::{}::new (argument `{}`)", op.type_name, p.name)
            } else {
                format!("operations::{}::{}", op.type_name, p.name)
            }
        };
        let mut add = |impact, rule, p: &ParamModel, message: String| {
            out.push(Change {
                impact,
                kind: Kind::Parameter,
                rule,
                operation_id: Some(id.to_owned()),
                type_name: None,
                pointer: pointer.clone(),
                side,
                rust_item: item(p),
                message,
            })
        };
        match joined {
            Joined::Removed(p) => add(Impact::Breaking, "parameter-removed", p, format!("{what} removed")),
            Joined::Added(p) if p.required => {
                add(Impact::Breaking, "parameter-added-required", p, format!("required {what} added"))
            }
            Joined::Added(p) => add(Impact::Additive, "parameter-added", p, format!("optional {what} added")),
            Joined::Both(x, y) => {
                if x.required != y.required {
                    let now = if y.required { "required" } else { "optional" };
                    add(Impact::Breaking, "parameter-optionality", y, format!("{what} is now {now}"));
                }
                if x.name != y.name {
                    add(
                        Impact::Breaking,
                        "parameter-renamed",
                        y,
                        format!("{what}: Rust name `{}` → `{}`", x.name, y.name),
                    );
                }
                if x.ty != y.ty {
                    add(Impact::Breaking, "parameter-type", y, format!("{what}: type `{}` → `{}`", x.ty, y.ty));
                }
                if x.rules != y.rules {
                    let (tightened, described) = compare_rules(&x.rules, &y.rules);
                    if tightened {
                        add(Impact::Breaking, "parameter-constraint-tightened", y, format!("{what}: {described}"));
                    } else {
                        add(Impact::Patch, "parameter-constraint-loosened", y, format!("{what}: {described}"));
                    }
                }
                if x.default != y.default {
                    add(Impact::Patch, "parameter-default", y, format!("{what}: default changed"));
                }
                if x.deprecated != y.deprecated {
                    let word = if y.deprecated { "deprecated" } else { "no longer deprecated" };
                    add(Impact::Patch, "parameter-deprecation", y, format!("{what} {word}"));
                }
                if x.doc != y.doc {
                    add(Impact::Patch, "parameter-docs", y, format!("{what}: description changed"));
                }
            }
        }
    }
}

/// Whether the new rules reject a value the old ones accepted, and what changed.
fn compare_rules(a: &RulesModel, b: &RulesModel) -> (bool, String) {
    let mut tightened = false;
    let mut notes = Vec::new();
    let mut note = |tighter: bool, text: String| {
        tightened |= tighter;
        notes.push(text);
    };
    if a.pattern != b.pattern {
        // Two different patterns cannot be compared in general: only dropping one loosens.
        note(b.pattern.is_some(), format!("pattern {} → {}", show(&a.pattern), show(&b.pattern)));
    }
    let lower = |name: &str, x: Option<u64>, y: Option<u64>, note: &mut dyn FnMut(bool, String)| {
        if x != y {
            note(y.unwrap_or(0) > x.unwrap_or(0), format!("{name} {} → {}", show(&x), show(&y)));
        }
    };
    let upper = |name: &str, x: Option<u64>, y: Option<u64>, note: &mut dyn FnMut(bool, String)| {
        if x != y {
            note(y.unwrap_or(u64::MAX) < x.unwrap_or(u64::MAX), format!("{name} {} → {}", show(&x), show(&y)));
        }
    };
    lower("minLength", a.min_length, b.min_length, &mut note);
    upper("maxLength", a.max_length, b.max_length, &mut note);
    lower("minItems", a.min_items, b.min_items, &mut note);
    upper("maxItems", a.max_items, b.max_items, &mut note);
    if a.minimum != b.minimum {
        note(bound_tighter(a.minimum, b.minimum, 1.0), format!("minimum {} → {}", bound(a.minimum), bound(b.minimum)));
    }
    if a.maximum != b.maximum {
        note(bound_tighter(a.maximum, b.maximum, -1.0), format!("maximum {} → {}", bound(a.maximum), bound(b.maximum)));
    }
    if a.multiple_of != b.multiple_of {
        // A divisor of the old step accepts every value the old one did.
        let looser = match (a.multiple_of, b.multiple_of) {
            (_, None) => true,
            (Some(x), Some(y)) => (x / y).fract() == 0.0,
            (None, Some(_)) => false,
        };
        note(!looser, format!("multipleOf {} → {}", show(&a.multiple_of), show(&b.multiple_of)));
    }
    if a.allowed != b.allowed {
        let looser = b.allowed.is_empty() || (!a.allowed.is_empty() && a.allowed.iter().all(|v| b.allowed.contains(v)));
        note(!looser, format!("allowed values {:?} → {:?}", a.allowed, b.allowed));
    }
    (tightened, notes.join(", "))
}

/// Whether bound `b` rejects a value `a` accepted; `direction` is 1 for a minimum, -1 for a
/// maximum.
fn bound_tighter(a: Option<BoundModel>, b: Option<BoundModel>, direction: f64) -> bool {
    match (a, b) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(x), Some(y)) => {
            let moved = (y.value - x.value) * direction;
            moved > 0.0 || (moved == 0.0 && y.exclusive && !x.exclusive)
        }
    }
}

fn bound(value: Option<BoundModel>) -> String {
    match value {
        None => "none".to_owned(),
        Some(b) if b.exclusive => format!("{} (exclusive)", b.value),
        Some(b) => b.value.to_string(),
    }
}

fn show<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

fn compare_body(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
    let item = |op: &OperationModel, body: &BodyModel| {
        if body.required {
            format!("operations::{}::new (argument `body`)", op.type_name)
        } else {
            format!("operations::{}::body", op.type_name)
        }
    };
    let pointer = |op: &OperationModel| pointer_push(&operation_pointer(op), "requestBody");
    let mut add = |impact, rule, side, op: &OperationModel, body: &BodyModel, message: String| {
        out.push(Change {
            impact,
            kind: Kind::RequestBody,
            rule,
            operation_id: Some(id.to_owned()),
            type_name: None,
            pointer: pointer(op),
            side,
            rust_item: item(op, body),
            message,
        })
    };
    match (&a.body, &b.body) {
        (None, None) => {}
        (Some(x), None) => add(Impact::Breaking, "body-removed", Side::Old, a, x, "request body removed".to_owned()),
        (None, Some(y)) if y.required => {
            add(Impact::Breaking, "body-added-required", Side::New, b, y, "required request body added".to_owned())
        }
        (None, Some(y)) => {
            add(Impact::Additive, "body-added", Side::New, b, y, "optional request body added".to_owned())
        }
        (Some(x), Some(y)) => {
            if x.ty != y.ty {
                add(
                    Impact::Breaking,
                    "body-type",
                    Side::New,
                    b,
                    y,
                    format!("request body type `{}` → `{}`", x.ty, y.ty),
                );
            }
            if x.required != y.required {
                let now = if y.required { "required" } else { "optional" };
                add(Impact::Breaking, "body-optionality", Side::New, b, y, format!("request body is now {now}"));
            }
            if x.media_type != y.media_type {
                let message = format!("request media type `{}` → `{}`", x.media_type, y.media_type);
                add(Impact::Patch, "body-media-type", Side::New, b, y, message);
            }
            if x.doc != y.doc {
                add(Impact::Patch, "body-docs", Side::New, b, y, "request body description changed".to_owned());
            }
        }
    }
}

fn compare_success(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
    let (x, y) = (&a.success, &b.success);
    let status = y.statuses.first().or(x.statuses.first()).map_or_else(|| "default".to_owned(), u16::to_string);
    let pointer = pointer_push(&pointer_push(&operation_pointer(b), "responses"), &status);
    let decode = format!("operations::{}::decode_response", b.type_name);
    let send_items = format!("operations::{}::send_items", b.type_name);
    let mut add = |impact, kind, rule, pointer: String, side, item: String, message: String| {
        out.push(Change {
            impact,
            kind,
            rule,
            operation_id: Some(id.to_owned()),
            type_name: None,
            pointer,
            side,
            rust_item: item,
            message,
        })
    };
    for code in x.statuses.iter().filter(|code| !y.statuses.contains(code)) {
        let at = pointer_push(&pointer_push(&operation_pointer(a), "responses"), &code.to_string());
        let message = format!("success status {code} removed");
        add(Impact::Breaking, Kind::Response, "success-status-removed", at, Side::Old, decode.clone(), message);
    }
    for code in y.statuses.iter().filter(|code| !x.statuses.contains(code)) {
        let at = pointer_push(&pointer_push(&operation_pointer(b), "responses"), &code.to_string());
        let message = format!("success status {code} added");
        add(Impact::Additive, Kind::Response, "success-status-added", at, Side::New, decode.clone(), message);
    }
    if x.ty != y.ty {
        let message = format!("success body type `{}` → `{}`", x.ty, y.ty);
        add(Impact::Breaking, Kind::Response, "success-type", pointer.clone(), Side::New, decode.clone(), message);
    }
    match (&x.items, &y.items) {
        (Some(before), Some(after)) if before != after => {
            let message = format!("streamed item type `{before}` → `{after}`");
            add(Impact::Breaking, Kind::Response, "item-type", pointer.clone(), Side::New, send_items.clone(), message);
        }
        (Some(before), None) => {
            let message = format!("the body is no longer streamed as `{before}` items: `send_items` removed");
            add(
                Impact::Breaking,
                Kind::Response,
                "items-removed",
                pointer.clone(),
                Side::Old,
                send_items.clone(),
                message,
            );
        }
        (None, Some(after)) => {
            let message = format!("the body is streamed as `{after}` items: `send_items` added");
            add(
                Impact::Additive,
                Kind::Response,
                "items-added",
                pointer.clone(),
                Side::New,
                send_items.clone(),
                message,
            );
        }
        _ => {}
    }
    let content = pointer_push(&pointer, "content");
    if x.media_type != y.media_type {
        let message = format!("default success media type {} → {}", show(&x.media_type), show(&y.media_type));
        let at = y.media_type.as_ref().map_or(content.clone(), |m| pointer_push(&content, m));
        add(Impact::Breaking, Kind::MediaType, "success-media-type", at, Side::New, decode.clone(), message);
    }
    if x.media_enum != y.media_enum && x.media_enum.is_some() && y.media_enum.is_some() {
        let message = format!("media-type enum {} → {}", show(&x.media_enum), show(&y.media_enum));
        let item = format!("operations::{}", y.media_enum.clone().unwrap_or_default());
        add(Impact::Breaking, Kind::MediaType, "media-enum-renamed", content.clone(), Side::New, item, message);
    }
    // Media-type enum variants are what users name: they are matched by variant.
    let old: BTreeMap<_, _> = x.media.iter().map(|m| (m.variant.clone(), m)).collect();
    let new: BTreeMap<_, _> = y.media.iter().map(|m| (m.variant.clone(), m)).collect();
    // A media type only becomes a variant when the response documents several; the first
    // alternative appearing is already a body type change above.
    if !old.is_empty() && !new.is_empty() {
        let old_enum = x.media_enum.clone().unwrap_or_default();
        let new_enum = y.media_enum.clone().unwrap_or_default();
        for (variant, joined) in join(&old, &new) {
            match joined {
                Joined::Removed(m) => {
                    let at = pointer_push(&content, &m.media_type);
                    let message = format!("success media type `{}` removed", m.media_type);
                    let item = format!("operations::{old_enum}::{variant}");
                    add(Impact::Breaking, Kind::MediaType, "media-type-removed", at, Side::Old, item, message)
                }
                Joined::Added(m) => {
                    let at = pointer_push(&content, &m.media_type);
                    let message = format!("success media type `{}` added", m.media_type);
                    let item = format!("operations::{new_enum}::{variant}");
                    add(Impact::Additive, Kind::MediaType, "media-type-added", at, Side::New, item, message)
                }
                Joined::Both(m, n) => {
                    let at = pointer_push(&content, &n.media_type);
                    let item = format!("operations::{new_enum}::{variant}");
                    // The default's change is reported once, above.
                    let is_default =
                        x.media_type.as_ref() == Some(&m.media_type) && y.media_type.as_ref() == Some(&n.media_type);
                    if m.media_type != n.media_type && !is_default {
                        let message = format!("`{variant}` now asks for `{}` (was `{}`)", n.media_type, m.media_type);
                        add(
                            Impact::Breaking,
                            Kind::MediaType,
                            "media-type-changed",
                            at.clone(),
                            Side::New,
                            item.clone(),
                            message,
                        );
                    }
                    if m.ty != n.ty {
                        let message = format!("media type `{}`: body type `{}` → `{}`", n.media_type, m.ty, n.ty);
                        add(Impact::Breaking, Kind::MediaType, "media-type-body", at, Side::New, item, message);
                    }
                }
            }
        }
    }
    if x.doc != y.doc {
        let message = "success response description changed".to_owned();
        add(Impact::Patch, Kind::Response, "success-docs", pointer, Side::New, decode, message);
    }
}

fn compare_errors(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
    let old: BTreeMap<_, _> = a.errors.iter().map(|e| (e.status.clone(), e)).collect();
    let new: BTreeMap<_, _> = b.errors.iter().map(|e| (e.status.clone(), e)).collect();
    for (status, joined) in join(&old, &new) {
        let (side, op) = if matches!(joined, Joined::Removed(_)) { (Side::Old, a) } else { (Side::New, b) };
        let pointer = pointer_push(&pointer_push(&operation_pointer(op), "responses"), status);
        let mut add = |impact, rule, variant: &str, message: String| {
            out.push(Change {
                impact,
                kind: Kind::Response,
                rule,
                operation_id: Some(id.to_owned()),
                type_name: None,
                pointer: pointer.clone(),
                side,
                rust_item: format!("operations::{}::{variant}", op.error_name),
                message,
            })
        };
        match joined {
            Joined::Removed(e) => {
                add(Impact::Breaking, "error-status-removed", &e.variant, format!("error status {status} removed"))
            }
            Joined::Added(e) => {
                add(Impact::Additive, "error-status-added", &e.variant, format!("error status {status} added"))
            }
            Joined::Both(x, y) => {
                if x.variant != y.variant {
                    let message = format!("error status {status}: variant `{}` → `{}`", x.variant, y.variant);
                    add(Impact::Breaking, "error-variant-renamed", &y.variant, message);
                }
                if x.ty != y.ty {
                    let message = format!("error status {status}: body type `{}` → `{}`", x.ty, y.ty);
                    add(Impact::Breaking, "error-type", &y.variant, message);
                }
                if x.doc != y.doc {
                    add(Impact::Patch, "error-docs", &y.variant, format!("error status {status}: description changed"));
                }
            }
        }
    }
}

fn compare_type(out: &mut Changes, name: &str, a: &TypeModel, b: &TypeModel) {
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

/// Entries of two maps, joined by key.
enum Joined<'a, V> {
    Removed(&'a V),
    Added(&'a V),
    Both(&'a V, &'a V),
}

fn join<'a, K: Ord, V>(old: &'a BTreeMap<K, V>, new: &'a BTreeMap<K, V>) -> Vec<(&'a K, Joined<'a, V>)> {
    let mut out: Vec<(&K, Joined<V>)> = old
        .iter()
        .map(|(key, value)| match new.get(key) {
            Some(other) => (key, Joined::Both(value, other)),
            None => (key, Joined::Removed(value)),
        })
        .collect();
    out.extend(new.iter().filter(|(key, _)| !old.contains_key(key)).map(|(key, value)| (key, Joined::Added(value))));
    out
}

/// Collects changes; `op` and `ty` start one, `item` and `say` finish it.
#[derive(Default)]
struct Changes {
    list: Vec<Change>,
}

struct Pending<'a> {
    list: &'a mut Vec<Change>,
    change: Change,
}

impl Changes {
    fn push(&mut self, change: Change) {
        self.list.push(change);
    }

    fn op(
        &mut self,
        id: &str,
        impact: Impact,
        kind: Kind,
        rule: &'static str,
        op: &OperationModel,
        side: Side,
    ) -> Pending<'_> {
        Pending {
            list: &mut self.list,
            change: Change {
                impact,
                kind,
                rule,
                operation_id: Some(id.to_owned()),
                type_name: None,
                pointer: operation_pointer(op),
                side,
                rust_item: String::new(),
                message: String::new(),
            },
        }
    }

    fn ty(
        &mut self,
        name: &str,
        impact: Impact,
        kind: Kind,
        rule: &'static str,
        pointer: &str,
        side: Side,
    ) -> Pending<'_> {
        Pending {
            list: &mut self.list,
            change: Change {
                impact,
                kind,
                rule,
                operation_id: None,
                type_name: Some(name.to_owned()),
                pointer: pointer.to_owned(),
                side,
                rust_item: String::new(),
                message: String::new(),
            },
        }
    }
}

impl Pending<'_> {
    fn item(mut self, item: String) -> Self {
        self.change.rust_item = item;
        self
    }

    fn say(mut self, message: String) {
        self.change.message = message;
        self.list.push(self.change);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(value: f64, exclusive: bool) -> Option<BoundModel> {
        Some(BoundModel { value, exclusive })
    }

    fn tightened(a: RulesModel, b: RulesModel) -> bool {
        compare_rules(&a, &b).0
    }

    #[test]
    fn ranges_tighten_when_they_reject_a_value_the_old_range_accepted() {
        let min = |m| RulesModel { minimum: m, ..Default::default() };
        let max = |m| RulesModel { maximum: m, ..Default::default() };
        assert!(tightened(min(None), min(bound(1.0, false))));
        assert!(tightened(min(bound(1.0, false)), min(bound(2.0, false))));
        assert!(tightened(min(bound(1.0, false)), min(bound(1.0, true))));
        assert!(!tightened(min(bound(1.0, true)), min(bound(1.0, false))));
        assert!(!tightened(min(bound(2.0, false)), min(None)));
        assert!(tightened(max(bound(10.0, false)), max(bound(9.0, false))));
        assert!(!tightened(max(bound(10.0, false)), max(bound(11.0, false))));
    }

    #[test]
    fn lengths_steps_and_allowed_values_tighten_and_loosen() {
        let len = |min, max| RulesModel { min_length: min, max_length: max, ..Default::default() };
        assert!(tightened(len(None, Some(10)), len(None, Some(5))));
        assert!(tightened(len(None, None), len(Some(1), None)));
        assert!(!tightened(len(Some(3), Some(5)), len(Some(1), Some(9))));
        let step = |s| RulesModel { multiple_of: s, ..Default::default() };
        assert!(!tightened(step(Some(4.0)), step(Some(2.0))), "every multiple of 4 is one of 2");
        assert!(tightened(step(Some(2.0)), step(Some(4.0))));
        assert!(tightened(step(None), step(Some(2.0))));
        let allowed = |values: &[&str]| RulesModel {
            allowed: values.iter().map(|v| v.to_string()).collect(),
            ..Default::default()
        };
        assert!(tightened(allowed(&["a", "b"]), allowed(&["a"])));
        assert!(!tightened(allowed(&["a"]), allowed(&["a", "b"])));
        assert!(tightened(allowed(&[]), allowed(&["a"])));
        assert!(!tightened(allowed(&["a"]), allowed(&[])));
        let pattern = |p: Option<&str>| RulesModel { pattern: p.map(str::to_owned), ..Default::default() };
        assert!(tightened(pattern(None), pattern(Some("^a$"))));
        assert!(tightened(pattern(Some("^a$")), pattern(Some("^b$"))));
        assert!(!tightened(pattern(Some("^a$")), pattern(None)));
    }
}
