//! Recognising paged list operations: the one place that decides which operations get
//! `pages()` and `items()`. The rule, on the lowered operation and types:
//!
//! 1. The operation is a `GET` (asking again for another page must change nothing), and
//!    its success body is one JSON object type (no choice of differently typed bodies) with an
//!    array of items named `results`, `items` or `data` (the first present).
//! 2. **Page numbers** (Atlas): integer query parameters `pageNum` and `itemsPerPage`, and an
//!    integer `totalCount` in the body. The listing asks for the next page number.
//! 3. **Next links**, otherwise: a `links` array in the body whose objects have string `rel`
//!    and `href` properties. The listing follows the `href` of the link whose `rel` is `next`.

use crate::ir::{
    BodyKind, Method, NamedType, NextLink, Operation, PageField, Paging, Param, ParamLocation, ParamType, Struct,
    TypeKind, TypeRef,
};
use crate::naming;

/// The names an array of items may have in a page body, by preference.
const ITEM_ARRAYS: [&str; 3] = ["results", "items", "data"];

/// Sets [`Operation::paging`] on every operation the rule recognises.
pub(super) fn recognise(operations: &mut [Operation], types: &[NamedType]) {
    for operation in operations {
        operation.paging = paging(operation, types);
    }
}

fn paging(operation: &Operation, types: &[NamedType]) -> Option<Paging> {
    if operation.method != Method::Get || operation.success.alternatives.as_ref().is_some_and(|a| a.body_enum.is_some())
    {
        return None;
    }
    let BodyKind::Json(TypeRef::Named(page)) = &operation.success.kind else { return None };
    let TypeKind::Struct(page) = &types[page.0].kind else { return None };
    let (items, item) = ITEM_ARRAYS.iter().find_map(|name| match field(page, name)? {
        (field, TypeRef::List(item)) => Some((field, *item)),
        _ => None,
    })?;
    let integer_param = |wire: &str| {
        operation.params.iter().position(|p: &Param| {
            p.wire_name == wire && p.location == ParamLocation::Query && matches!(p.ty, ParamType::Integer(_))
        })
    };
    let total_count = match field(page, "totalCount") {
        Some((field, TypeRef::Integer(_))) => Some(field),
        _ => None,
    };
    let error_variant = naming::PAGING_ERROR_VARIANT.to_owned();
    if let (Some(number), Some(size), Some(_)) = (integer_param("pageNum"), integer_param("itemsPerPage"), &total_count)
    {
        let size_param = &operation.params[size];
        let max_page_size = size_param.rules.maximum.and_then(|bound| {
            let max = if bound.exclusive { bound.value.ceil() - 1.0 } else { bound.value.floor() };
            (max >= 1.0).then_some(max as u64)
        });
        return Some(Paging {
            page_number: Some(number),
            first_page: operation.params[number].default.as_ref().and_then(serde_json::Value::as_i64).unwrap_or(1),
            page_size: Some(size),
            default_page_size: size_param.default.as_ref().and_then(serde_json::Value::as_u64),
            max_page_size,
            items,
            item,
            total_count,
            next_link: None,
            error_variant,
        });
    }
    let next_link = next_link(page, types)?;
    Some(Paging {
        page_number: None,
        first_page: 1,
        page_size: None,
        default_page_size: None,
        max_page_size: None,
        items,
        item,
        total_count,
        next_link: Some(next_link),
        error_variant,
    })
}

/// `links: [{rel, href}]` in a page body.
fn next_link(page: &Struct, types: &[NamedType]) -> Option<NextLink> {
    let (links, TypeRef::List(link)) = field(page, "links")? else { return None };
    let TypeRef::Named(link) = *link else { return None };
    let TypeKind::Struct(link) = &types[link.0].kind else { return None };
    let string = |name: &str| match field(link, name)? {
        (field, TypeRef::String) => Some(field),
        _ => None,
    };
    Some(NextLink { links, rel: string("rel")?, href: string("href")? })
}

/// The field with this wire name, and its type; a boxed field (a containment cycle) and a
/// three-state one (optional and nullable: a `runtime::Nullable`) are not ones a page is read
/// through.
fn field(object: &Struct, wire_name: &str) -> Option<(PageField, TypeRef)> {
    let field = object.fields.iter().find(|f| f.wire_name == wire_name && !f.boxed && !f.is_three_state())?;
    Some((PageField { name: field.name.clone(), optional: field.is_optional() }, field.ty.clone()))
}

#[cfg(test)]
mod tests {
    use crate::ir::{Api, Paging};

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Lists, version: "1"}
paths:
  /jobs:
    get:
      operationId: listJobs
      parameters:
        - {name: pageNum, in: query, schema: {type: integer, format: int32, default: 1, minimum: 1}}
        - {name: itemsPerPage, in: query, schema: {type: integer, format: int32, default: 100, minimum: 1, maximum: 500}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/JobPage"}}}}
  /events:
    get:
      operationId: listEvents
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/EventPage"}}}}
  /job:
    get:
      operationId: getJob
      parameters:
        - {name: pageNum, in: query, schema: {type: integer}}
        - {name: itemsPerPage, in: query, schema: {type: integer}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}}
components:
  schemas:
    Job:
      type: object
      properties:
        id: {type: string}
    JobPage:
      type: object
      properties:
        results: {type: array, items: {$ref: "#/components/schemas/Job"}}
        totalCount: {type: integer, format: int32}
    EventPage:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {type: string}}
        links:
          type: array
          items:
            type: object
            properties:
              rel: {type: string}
              href: {type: string}
"##;

    fn lowered(spec: &str) -> Api {
        let loaded = crate::load::load_str(std::path::Path::new("lists.yaml"), spec.to_owned()).unwrap();
        crate::lower::lower(&loaded, &Default::default()).unwrap().api
    }

    fn paging<'a>(api: &'a Api, operation_id: &str) -> Option<&'a Paging> {
        api.operations.iter().find(|op| op.operation_id == operation_id).unwrap().paging.as_ref()
    }

    #[test]
    fn page_numbers_with_results_and_total_count_are_paged_by_number() {
        let api = lowered(SPEC);
        let paging = paging(&api, "listJobs").expect("listJobs is paged");
        let operation = api.operations.iter().find(|op| op.operation_id == "listJobs").unwrap();
        assert_eq!(operation.params[paging.page_number.unwrap()].wire_name, "pageNum");
        assert_eq!(operation.params[paging.page_size.unwrap()].wire_name, "itemsPerPage");
        assert_eq!((paging.first_page, paging.default_page_size, paging.max_page_size), (1, Some(100), Some(500)));
        assert_eq!(paging.items.name, "results");
        assert!(paging.items.optional);
        assert_eq!(paging.total_count.as_ref().map(|f| f.name.as_str()), Some("total_count"));
        assert_eq!(paging.next_link, None);
        assert_eq!(paging.error_variant, "Paging");
    }

    #[test]
    fn a_links_array_with_rel_and_href_pages_by_links() {
        let api = lowered(SPEC);
        let paging = paging(&api, "listEvents").expect("listEvents is paged");
        assert_eq!(paging.page_number, None);
        assert_eq!(paging.items.name, "data");
        assert!(!paging.items.optional);
        let link = paging.next_link.as_ref().expect("a next link");
        assert_eq!(
            (link.links.name.as_str(), link.rel.name.as_str(), link.href.name.as_str()),
            ("links", "rel", "href")
        );
    }

    #[test]
    fn a_post_answering_a_page_is_not_paging() {
        let spec = SPEC.replace("  /events:\n    get:", "  /events:\n    post:");
        assert_eq!(paging(&lowered(&spec), "listEvents"), None);
    }

    #[test]
    fn page_parameters_without_a_list_body_are_not_paging() {
        assert_eq!(paging(&lowered(SPEC), "getJob"), None);
    }

    #[test]
    fn without_total_count_page_numbers_alone_are_not_the_atlas_rule() {
        let spec = SPEC.replace("        totalCount: {type: integer, format: int32}\n", "");
        assert_eq!(paging(&lowered(&spec), "listJobs"), None);
    }
}
