//! Lowering what an operation answers: its responses by status, each body's media type and
//! type, and item streams.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr, Response, StatusCode};

use super::operation::Candidate;
use super::{Lowering, SchemaRef};
use crate::diagnostics::{pointer_push, SpecError};
use crate::ir::{
    Alternatives, BodyKind, ErrorResponse, ItemFraming, ItemStreamBody, MediaBody, StatusBodies, StatusBody,
    StatusMatch, Success, TypeRef,
};
use crate::load::ITEM_SCHEMA_MARK;
use crate::naming::{self, Namespace};

impl<'a> Lowering<'a> {
    /// Chooses the media type to ask for or send and how its body is carried: the newest
    /// JSON type (versioned vendor types sort by date), else the first other type as bytes.
    /// Other documented media types are named in a warning that calls the body `what`.
    pub(super) fn lower_content(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        hint: &str,
        what: &str,
    ) -> Result<(Option<String>, BodyKind), SpecError> {
        let Some(chosen) = preferred_media_type(content) else { return Ok((None, BodyKind::Empty)) };
        let others: Vec<String> = content.keys().filter(|m| *m != chosen).map(|m| format!("`{m}`")).collect();
        if !others.is_empty() {
            self.warn(
                &format!("{pointer}/content"),
                format!(
                    "{what} uses `{chosen}`; the other documented media types ({}) are not offered",
                    others.join(", ")
                ),
            );
        }
        let kind = self.media_body(content, chosen, pointer, hint)?;
        Ok((Some(chosen.clone()), kind))
    }

    /// How a body of one media type of `content` is carried: JSON into its schema's type,
    /// anything else as bytes.
    fn media_body(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        media: &str,
        pointer: &str,
        hint: &str,
    ) -> Result<BodyKind, SpecError> {
        if !is_json(media) {
            return Ok(BodyKind::Bytes);
        }
        let media_pointer = pointer_push(&format!("{pointer}/content"), media);
        let ty = match content.get(media).and_then(|m| m.schema.as_ref()) {
            Some(schema) => self.type_ref(SchemaRef::from(schema), &format!("{media_pointer}/schema"), hint)?,
            None => TypeRef::Json,
        };
        Ok(BodyKind::Json(ty))
    }

    /// Every media type of a success response that documents more than one: the enums the
    /// caller chooses and receives one of, the default first.
    fn lower_alternatives(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        type_name: &str,
    ) -> Result<Option<Alternatives>, SpecError> {
        let Some(chosen) = preferred_media_type(content).filter(|_| content.len() > 1) else { return Ok(None) };
        let ordered = std::iter::once(chosen).chain(content.keys().filter(|m| *m != chosen));
        let plain: Vec<String> = content.keys().map(|m| naming::media_variant_name(m, false)).collect();
        let mut variants = Namespace::default();
        let mut bodies = Vec::with_capacity(content.len());
        for (index, media) in ordered.enumerate() {
            // Versions tell apart media types of the same kind (two JSON versions, say).
            let base = naming::media_variant_name(media, false);
            let repeated = plain.iter().filter(|name| **name == base).count() > 1;
            let variant = variants.claim(&if repeated { naming::media_variant_name(media, true) } else { base });
            // The default body keeps the name it has when it is the only one.
            let hint =
                if index == 0 { format!("{type_name}Response") } else { format!("{type_name}{variant}Response") };
            let kind = self.media_body(content, media, pointer, &hint)?;
            bodies.push(MediaBody { media_type: media.clone(), kind, variant });
        }
        let same_body = bodies.iter().all(|body| body.kind == bodies[0].kind);
        Ok(Some(Alternatives {
            media_enum: naming::media_enum_name(type_name),
            body_enum: (!same_body).then(|| naming::response_body_enum_name(type_name)),
            bodies,
        }))
    }

    /// The first media type of a success response whose schema describes its items (moved
    /// there from OpenAPI 3.2's `itemSchema` by the loader) in a framing the runtime decodes.
    fn lower_item_stream(
        &mut self,
        content: &'a IndexMap<String, MediaType>,
        pointer: &str,
        type_name: &str,
    ) -> Result<Option<ItemStreamBody>, SpecError> {
        for (media, body) in content {
            let Some(framing) = ItemFraming::of_media_type(media) else { continue };
            let Some(schema) = body.schema.as_ref().filter(|_| body.extensions.contains_key(ITEM_SCHEMA_MARK)) else {
                continue;
            };
            let schema_pointer = format!("{}/schema", pointer_push(&format!("{pointer}/content"), media));
            let item = self.type_ref(SchemaRef::from(schema), &schema_pointer, &naming::stream_item_name(type_name))?;
            return Ok(Some(ItemStreamBody { media_type: media.clone(), framing, item }));
        }
        Ok(None)
    }

    pub(super) fn lower_responses(
        &mut self,
        candidate: &Candidate<'a>,
        type_name: &str,
    ) -> Result<(Success, Vec<ErrorResponse>), SpecError> {
        let responses = &candidate.operation.responses;
        let base = format!("{}/responses", candidate.pointer);
        let mut ordered: BTreeMap<StatusMatch, (&'a ReferenceOr<Response>, String)> = BTreeMap::new();
        for (status, response) in &responses.responses {
            let key = match status {
                StatusCode::Code(code) => StatusMatch::Code(*code),
                StatusCode::Range(range) => StatusMatch::Range(*range),
            };
            ordered.insert(key, (response, pointer_push(&base, &status.to_string())));
        }
        if let Some(default) = &responses.default {
            ordered.insert(StatusMatch::Default, (default, format!("{base}/default")));
        }

        let mut success: Option<Success> = None;
        let mut success_statuses = Vec::new();
        let mut any_2xx = false;
        // Every 2xx status with its body, and whether two bodies differ.
        let mut status_bodies: Vec<StatusBody> = Vec::new();
        let mut bodies_differ = false;
        let mut errors = Vec::new();
        let mut variants = Namespace::for_error_variants();
        for (status, (response, pointer)) in ordered {
            let (response, response_pointer) = self.resolve(response, &pointer)?;
            let is_success = matches!(status, StatusMatch::Code(200..=299) | StatusMatch::Range(2));
            if is_success {
                let variant = naming::status_variant_name(status);
                match status {
                    StatusMatch::Code(code) => success_statuses.push(code),
                    _ => any_2xx = true,
                }
                // The first success response sets the body; only it can offer a choice of media types.
                let alternatives = match success {
                    None => self.lower_alternatives(&response.content, &response_pointer, type_name)?,
                    Some(_) => None,
                };
                let (media_type, kind) = match &alternatives {
                    Some(alternatives) => {
                        (Some(alternatives.bodies[0].media_type.clone()), alternatives.bodies[0].kind.clone())
                    }
                    None => {
                        // The first success body keeps the name it has when it is the only one.
                        let hint = match success {
                            None => format!("{type_name}Response"),
                            Some(_) => format!("{type_name}{variant}Response"),
                        };
                        self.lower_content(&response.content, &response_pointer, &hint, "this response")?
                    }
                };
                let items = match success {
                    None => self.lower_item_stream(&response.content, &response_pointer, type_name)?,
                    Some(_) => None,
                };
                let doc = Some(response.description.clone()).filter(|d| !d.is_empty());
                status_bodies.push(StatusBody { status, variant, kind: kind.clone(), doc });
                match &success {
                    None => {
                        success = Some(Success {
                            statuses: Vec::new(),
                            any_2xx: false,
                            media_type,
                            kind,
                            doc: Some(response.description.clone()),
                            alternatives,
                            by_status: None,
                            items,
                        });
                    }
                    Some(first) if first.kind != kind && kind != BodyKind::Empty => bodies_differ = true,
                    Some(_) => {}
                }
                continue;
            }
            let hint = format!("{type_name}{}", naming::status_variant_name(status));
            let (_, kind) = self.lower_content(&response.content, &response_pointer, &hint, "this response")?;
            let variant = variants.claim(&naming::status_variant_name(status));
            errors.push(ErrorResponse {
                status,
                variant,
                doc: Some(response.description.clone()).filter(|d| !d.is_empty()),
                kind,
                headers: response.headers.keys().cloned().collect(),
            });
        }
        let mut success = success.unwrap_or(Success {
            statuses: Vec::new(),
            any_2xx: false,
            media_type: None,
            kind: BodyKind::Empty,
            doc: None,
            alternatives: None,
            by_status: None,
            items: None,
        });
        success.statuses = success_statuses;
        success.any_2xx = any_2xx;
        if bodies_differ && success.alternatives.is_some() {
            self.warn(
                &base,
                "the 2xx responses have different bodies and the first offers several media types; every 2xx body is decoded as the first one's",
            );
        } else if bodies_differ {
            success.by_status =
                Some(StatusBodies { enum_name: naming::status_response_enum_name(type_name), variants: status_bodies });
        }
        Ok((success, errors))
    }
}

/// `application/json`, `application/problem+json`, `application/vnd.atlas.2023-01-01+json`.
/// The media type to use of several: the newest JSON type (versioned vendor types sort by
/// date), else the first.
fn preferred_media_type(content: &IndexMap<String, MediaType>) -> Option<&String> {
    content.keys().filter(|media| is_json(media)).max().or_else(|| content.keys().next())
}

pub(crate) fn is_json(media: &str) -> bool {
    let essence = media_essence(media);
    essence == "application/json" || essence.ends_with("+json")
}

/// A media type without its parameters, in lower case.
pub(super) fn media_essence(media: &str) -> String {
    media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase()
}
