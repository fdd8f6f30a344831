//! The error body most operations share, which the generated crate names once, and the error
//! enums that operations share when their variants are the same.

use std::collections::{BTreeMap, HashMap};

use crate::ir::{BodyKind, CommonError, ErrorSharing, NamedType, Operation, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Namespace};

/// Makes one error enum serve every set of operations whose error variants are the same (names,
/// statuses and bodies, in order, and the paging variant): specs document the same statuses
/// with the same error body on most operations (the full Atlas spec's 454 operations have 21
/// distinct sets), and every enum costs the compiler its variants' derives and its six trait
/// impls. The owner's error name names the enum, which is emitted once in a private module of
/// the operations module, `modules` deciding its name; the others' names become aliases of
/// it, so every name and `Name::Variant` path stays. An operation whose variants no other has
/// keeps its enum in its own module.
pub(crate) fn share_identical_errors(operations: &mut [Operation], modules: &mut Namespace) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, operation) in operations.iter().enumerate() {
        groups.entry(error_signature(operation)).or_default().push(index);
    }
    for members in groups.into_values().filter(|members| members.len() > 1) {
        let owner = *members
            .iter()
            .min_by_key(|&&index| naming::shared_error_owner_rank(&operations[index].error_name))
            .expect("a group has members");
        let module = modules.claim(&naming::shared_error_module(&operations[owner].error_name));
        operations[owner].error_sharing = ErrorSharing::Owner { module };
        for index in members.into_iter().filter(|&index| index != owner) {
            operations[index].error_sharing = ErrorSharing::AliasOf(owner);
        }
    }
}

/// What makes two operations' error enums the same: each variant's name, status and body, and
/// the paging variant (the documentation of a status may differ).
fn error_signature(operation: &Operation) -> String {
    let variants: Vec<_> = operation.errors.iter().map(|e| (&e.variant, e.status, &e.kind)).collect();
    format!("{variants:?} {:?}", operation.paging.as_ref().map(|paging| &paging.error_variant))
}

/// Decides the spec's common error schema: the named struct used as the JSON body of the
/// most documented error responses (ties go to the first by name, so the choice does not
/// depend on map order), and its error-code field: a string property whose wire name, without
/// separators and case, is `errorcode` (preferred) or `code`. That field is made optional,
/// because servers answer `"errorCode": null` and a required field would turn such an error
/// into a decoding failure.
pub(crate) fn common_error(operations: &[Operation], types: &mut [NamedType]) -> Option<CommonError> {
    let mut uses: BTreeMap<(std::cmp::Reverse<usize>, &str), TypeId> = BTreeMap::new();
    let mut counts: HashMap<TypeId, usize> = HashMap::new();
    for response in operations.iter().flat_map(|op| &op.errors) {
        if let BodyKind::Json(TypeRef::Named(id)) = &response.kind {
            if matches!(types[id.0].kind, TypeKind::Struct(_)) {
                *counts.entry(*id).or_default() += 1;
            }
        }
    }
    for (id, count) in counts {
        uses.insert((std::cmp::Reverse(count), types[id.0].name.as_str()), id);
    }
    let ty = *uses.values().next()?;
    let TypeKind::Struct(fields) = &mut types[ty.0].kind else { return None };
    let squash = |wire: &str| wire.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let code = ["errorcode", "code"].iter().find_map(|wanted| {
        fields.fields.iter().position(|field| field.ty == TypeRef::String && squash(&field.wire_name) == *wanted)
    });
    let code_field = code.map(|index| {
        // Servers send `null` for it: a required code becomes an `Option` that decodes `null`.
        // An optional one stays an `Option` even when the spec makes it nullable: for a
        // received error, `null` and no code are the same, and `error_code()` reads one type.
        let field = &mut fields.fields[index];
        field.nullable = field.required;
        field.null_setter = None;
        field.name.clone()
    });
    Some(CommonError { ty, code_field })
}

#[cfg(test)]
mod tests {
    use crate::ir::{TypeKind, TypeRef};

    /// Two error schemas: `Fault` answers three error responses, `Oops` one.
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Errors, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200": {description: ok}
        "404": {description: gone, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
        "409": {description: busy, content: {application/json: {schema: {$ref: "#/components/schemas/Oops"}}}}
  /b:
    get:
      operationId: getB
      responses:
        "200": {description: ok}
        "400": {description: bad, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
        "500": {description: failed, content: {application/json: {schema: {$ref: "#/components/schemas/Fault"}}}}
components:
  schemas:
    Fault:
      type: object
      required: [code, errorKind]
      properties:
        code: {type: string}
        errorKind: {type: integer}
    Oops:
      type: object
      properties:
        errorCode: {type: string}
"##;

    fn lowered(spec: &str) -> crate::ir::Api {
        let loaded = crate::load::load_str(std::path::Path::new("errors.yaml"), spec.to_owned()).unwrap();
        crate::lower::lower(&loaded, &Default::default()).unwrap().api
    }

    #[test]
    fn the_common_error_is_the_most_used_error_body_and_its_code_field_is_optional() {
        let api = lowered(SPEC);
        let common = api.common_error.expect("a common error schema");
        assert_eq!(api.types[common.ty.0].name, "Fault");
        assert_eq!(common.code_field.as_deref(), Some("code"), "a string named like a code, not `errorKind`");
        let TypeKind::Struct(fault) = &api.types[common.ty.0].kind else { panic!("Fault is a struct") };
        let code = fault.fields.iter().find(|f| f.wire_name == "code").unwrap();
        assert!(code.is_optional() && code.ty == TypeRef::String, "a null code decodes");
        let kind = fault.fields.iter().find(|f| f.wire_name == "errorKind").unwrap();
        assert!(!kind.is_optional(), "other required fields stay required");
    }

    #[test]
    fn without_json_error_bodies_there_is_no_common_error() {
        let spec = SPEC.replace("application/json: {schema: {$ref: \"#/components/schemas/Fault\"}}", "text/plain: {}");
        let spec = spec.replace("application/json: {schema: {$ref: \"#/components/schemas/Oops\"}}", "text/plain: {}");
        assert_eq!(lowered(&spec).common_error, None);
    }

    #[test]
    fn the_common_error_is_compiled_with_every_group() {
        // `getC` (tag C) documents no error body, but its error enum can hold the common error.
        let spec = SPEC
            .replace("      operationId: getA\n", "      operationId: getA\n      tags: [A]\n")
            .replace("      operationId: getB\n", "      operationId: getB\n      tags: [B]\n")
            .replace(
                "components:\n",
                "  /c:\n    get:\n      operationId: getC\n      tags: [C]\n      responses:\n        \"200\": {description: ok}\ncomponents:\n",
            );
        let api = lowered(&spec);
        assert_eq!(api.groups.len(), 3);
        let common = api.common_error.expect("a common error schema");
        assert_eq!(api.types[common.ty.0].gate, crate::ir::Gate::Always);
        let oops = api.types.iter().find(|t| t.name == "Oops").unwrap();
        assert_ne!(oops.gate, crate::ir::Gate::Always, "other error bodies keep their groups");
    }

    #[test]
    fn an_error_code_property_is_preferred_to_a_code_property() {
        let spec = SPEC.replace("        errorKind: {type: integer}", "        errorCode: {type: string}");
        let api = lowered(&spec);
        assert_eq!(api.common_error.unwrap().code_field.as_deref(), Some("error_code"));
    }
}
