//! The rules: how each difference between two [`ApiModel`]s affects code that uses the
//! generated crate. They judge the Rust API, not the wire: an operationId rename renames a
//! type, so it breaks; a new error status adds a variant to a `#[non_exhaustive]` enum, so
//! it does not.
//!
//! What the generated code absorbs (and so what may be called additive): error, media-type,
//! body, string and union enums are `#[non_exhaustive]`; model structs are
//! `#[non_exhaustive]` with `new(required…)` and a setter per optional field; builders take
//! optional parameters through methods.
//!
//! This module holds what a change is ([`Change`], [`Impact`], [`Kind`], [`Side`]) and the
//! driver, [`compare`], which pairs operations and types (renames included) and hands each
//! pair to the rules of `operation` (an operation and its request), `response` (success and
//! error responses) or `types` (model types); `constraints` judges validation rules.

mod constraints;
mod operation;
mod response;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::model::{operation_pointer, ApiModel, OperationModel};
use operation::compare_operation;
use types::compare_type;

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

/// An optional value as messages show it: in backticks, or `none`.
fn show<T: std::fmt::Display>(value: &Option<T>) -> String {
    value.as_ref().map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
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
