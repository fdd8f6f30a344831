//! Rules for an operation itself (its names, method and path, module, deprecation, docs) and
//! for its request: parameters and body.

use std::collections::BTreeMap;

use super::constraints::compare_rules;
use super::response::{compare_errors, compare_success};
use super::{join, Change, Changes, Impact, Joined, Kind, Side};
use crate::diagnostics::pointer_push;
use crate::diff::model::{operation_pointer, BodyModel, OperationModel, ParamModel};

/// Compares one operation; `previous_id` is its old operationId when that changed.
pub(super) fn compare_operation(
    out: &mut Changes,
    id: &str,
    previous_id: Option<&str>,
    a: &OperationModel,
    b: &OperationModel,
) {
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
