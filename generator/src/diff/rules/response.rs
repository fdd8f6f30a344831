//! Rules for an operation's responses: success statuses, body and streamed item types, media
//! types (and the media-type enum), and the error statuses of its error enum.

use std::collections::BTreeMap;

use super::{join, show, Change, Changes, Impact, Joined, Kind, Side};
use crate::diagnostics::pointer_push;
use crate::diff::model::{operation_pointer, OperationModel};

pub(super) fn compare_success(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
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

pub(super) fn compare_errors(out: &mut Changes, id: &str, a: &OperationModel, b: &OperationModel) {
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
