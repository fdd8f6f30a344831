//! Per-tag cargo features compile only what the enabled tags need: the component schemas no
//! operation reaches (a full generation keeps them all) are behind one more default feature,
//! so that a crate built with `--no-default-features --features some-tag` skips them.

use specforge::ir::{Api, Gate};
use specforge::{Generation, Generator};

const SPEC: &str = r##"openapi: 3.0.3
info: {title: Shop, version: "1.0"}
paths:
  /orders:
    get:
      operationId: listOrders
      tags: [Orders]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}}
  /stock:
    get:
      operationId: getStock
      tags: [TAG_B]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Stock"}}}}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: string}
    Stock:
      type: object
      properties:
        count: {type: integer}
    Lonely:
      type: object
      properties:
        note: {type: string}
    OrderArchive:
      type: object
      properties:
        orders: {type: array, items: {$ref: "#/components/schemas/Order"}}
"##;

fn generate(spec: &str) -> Generation {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.yaml");
    std::fs::write(&path, spec).unwrap();
    Generator::new(&path).generate().unwrap_or_else(|error| panic!("{error}"))
}

fn gate<'a>(api: &'a Api, name: &str) -> &'a Gate {
    &api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}")).gate
}

fn file<'a>(generation: &'a Generation, path: &str) -> &'a str {
    let file = generation.krate.files.iter().find(|f| f.path == path);
    &file.unwrap_or_else(|| panic!("no file {path}")).text
}

/// The `#[cfg(...)]` line right above the attributes of `pub struct {name}` in models.rs.
fn cfg_of(models: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = models.lines().collect();
    let at = lines.iter().position(|line| line.starts_with(&format!("pub struct {name} ")))?;
    lines[..at]
        .iter()
        .rev()
        .take_while(|line| line.starts_with('#') || line.starts_with("///"))
        .find_map(|line| line.starts_with("#[cfg").then(|| line.to_string()))
}

#[test]
fn types_no_operation_reaches_are_behind_their_own_default_feature() {
    let generation = generate(SPEC);
    let api = &generation.api;
    assert_eq!(api.unreached_feature, "unreached-types");
    assert!(matches!(gate(api, "Order"), Gate::AnyOf(_)), "{:?}", gate(api, "Order"));
    assert!(matches!(gate(api, "Lonely"), Gate::Unreached(groups) if groups.is_empty()));
    let Gate::Unreached(groups) = gate(api, "OrderArchive") else { panic!("{:?}", gate(api, "OrderArchive")) };
    let groups: Vec<&str> = groups.iter().map(|g| api.groups[g.0].feature.as_str()).collect();
    assert_eq!(groups, ["orders"], "an unreached type also needs the groups of the types it refers to");

    let models = file(&generation, "src/models.rs");
    assert_eq!(cfg_of(models, "Lonely").as_deref(), Some(r#"#[cfg(feature = "unreached-types")]"#));
    assert_eq!(
        cfg_of(models, "OrderArchive").as_deref(),
        Some(r#"#[cfg(all(feature = "unreached-types", feature = "orders"))]"#)
    );
    assert_eq!(cfg_of(models, "Order").as_deref(), Some(r#"#[cfg(feature = "orders")]"#));

    let manifest = &generation.krate.manifest_head;
    assert!(manifest.contains(r#"default = ["orders", "tag-b", "unreached-types"]"#), "{manifest}");
    assert!(manifest.contains("\nunreached-types = []\n"), "{manifest}");
    let readme = file(&generation, "README.md");
    assert!(readme.contains("`unreached-types`"), "the README names the feature:\n{readme}");
}

#[test]
fn the_unreached_feature_never_takes_a_tags_feature_name() {
    let generation = generate(&SPEC.replace("TAG_B", "Unreached Types"));
    assert_eq!(generation.api.unreached_feature, "unreached-types-2");
    let manifest = &generation.krate.manifest_head;
    assert!(manifest.contains(r#"default = ["orders", "unreached-types", "unreached-types-2"]"#), "{manifest}");
}

#[test]
fn without_unreached_types_there_is_no_such_feature() {
    let spec = SPEC.split("    Lonely:").next().unwrap();
    let generation = generate(spec);
    let manifest = &generation.krate.manifest_head;
    assert!(manifest.contains(r#"default = ["orders", "tag-b"]"#), "{manifest}");
    assert!(!manifest.contains("unreached"), "{manifest}");
}

/// Tags nested under other tags (OpenAPI 3.2 `parent`, through two levels and under a tag
/// without operations), a parent that names nothing, a loop of parents, and a `kind`.
const NESTED: &str = r##"openapi: 3.2.0
info: {title: Shop, version: "1.0"}
tags:
  - {name: Shop, kind: nav}
  - {name: Orders, parent: Shop}
  - {name: Returns, parent: Orders}
  - {name: Stock, parent: Shop}
  - {name: Ghost, parent: Nowhere}
  - {name: Ping, parent: Pong}
  - {name: Pong, parent: Ping}
paths:
  /orders:
    get: {operationId: listOrders, tags: [Orders], responses: {"204": {description: ok}}}
  /returns:
    get: {operationId: listReturns, tags: [Returns], responses: {"204": {description: ok}}}
  /stock:
    get: {operationId: getStock, tags: [Stock], responses: {"204": {description: ok}}}
  /ghost:
    get: {operationId: getGhost, tags: [Ghost], responses: {"204": {description: ok}}}
  /ping:
    get: {operationId: ping, tags: [Ping], responses: {"204": {description: ok}}}
"##;

#[test]
fn a_parent_tags_feature_turns_on_the_features_of_the_tags_nested_under_it() {
    let generation = generate(NESTED);
    let manifest = &generation.krate.manifest_head;
    let features: Vec<&str> = manifest
        .lines()
        .skip_while(|line| *line != "[features]")
        .skip(1)
        .take_while(|line| !line.starts_with('#') && !line.is_empty())
        .collect();
    assert_eq!(
        features,
        [
            r#"default = ["orders", "returns", "stock", "ghost", "ping", "shop"]"#,
            r#"orders = ["returns"]"#,
            r#"returns = []"#,
            r#"stock = []"#,
            r#"ghost = []"#,
            r#"ping = []"#,
            r#"shop = ["orders", "stock"]"#,
        ],
        "{manifest}"
    );
    let readme = file(&generation, "README.md");
    assert!(
        readme.contains("`shop` also turns on the features of the tags nested under `Shop`:\n`orders`, `stock`."),
        "{readme}"
    );

    let warned: Vec<(&str, &str)> =
        generation.warnings.iter().map(|w| (w.pointer.as_str(), w.message.as_str())).collect();
    assert_eq!(
        warned.iter().map(|(pointer, _)| *pointer).collect::<Vec<_>>(),
        ["#/tags/0/kind", "#/tags/4/parent", "#/tags/5/parent"],
        "{warned:?}"
    );
    assert!(warned[1].1.contains("names no other tag"), "{}", warned[1].1);
    assert!(warned[2].1.contains("closes a loop of parents"), "{}", warned[2].1);
}

/// Three operations in two tags: two document the same statuses with the same body (one
/// describes a status its own way), the third another set.
const SHARED_ERRORS: &str = r##"openapi: 3.0.3
info: {title: Shop, version: "1.0"}
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      tags: [Orders]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok}
        "404": {description: No such order., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "500": {description: The server failed., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
  /stock/{id}:
    get:
      operationId: getStockLevel
      tags: [Stock]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok}
        "404": {description: No such product., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        "500": {description: The server failed., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
  /stock:
    post:
      operationId: addStock
      tags: [Stock]
      responses:
        "201": {description: ok}
        "409": {description: Already there., content: {application/json: {schema: {$ref: "#/components/schemas/Problem"}}}}
components:
  schemas:
    Problem:
      type: object
      properties:
        detail: {type: string}
"##;

#[test]
fn operations_with_the_same_errors_share_one_enum_compiled_for_any_of_their_tags() {
    use specforge::ir::ErrorSharing;
    let generation = generate(SHARED_ERRORS);
    let api = &generation.api;
    let sharing =
        |id: &str| &api.operations.iter().find(|op| op.operation_id == id).expect("an operation").error_sharing;
    // The shorter name owns the enum; the other name is an alias of it.
    let ErrorSharing::Owner { module } = sharing("getOrder") else { panic!("{:?}", sharing("getOrder")) };
    assert_eq!(module, "get_order_error");
    let owner = api.operations.iter().position(|op| op.operation_id == "getOrder").expect("getOrder");
    assert_eq!(sharing("getStockLevel"), &ErrorSharing::AliasOf(owner));
    assert_eq!(sharing("addStock"), &ErrorSharing::Own);

    // The enum is in the operations module, for either tag, and re-exported in its owner's.
    let index = file(&generation, "src/operations/mod.rs");
    let shared = r#"#[cfg(any(feature = "orders", feature = "stock"))]
mod get_order_error {"#;
    assert!(index.contains(shared), "{index}");
    assert!(index.contains("pub use get_order_error::GetOrderError;"), "{index}");
    assert!(index
        .contains("/// Errors of `getOrder` and of another operation, whose error type is another name for this one."));
    // The statuses described alike keep their description; the other says where it is.
    assert!(index.contains("/// `500`: The server failed."), "{index}");
    assert!(
        index.contains("/// `404` (Not Found): what it means for each operation is in that operation's error type.")
    );
    assert!(
        index.contains("/// What its statuses mean for `getOrder`:\n    ///\n    /// - `404`: No such order."),
        "{index}"
    );
    let orders = file(&generation, "src/operations/orders.rs");
    assert!(orders.contains("pub use super::GetOrderError;") && !orders.contains("pub enum"), "{orders}");
    let stock = file(&generation, "src/operations/stock.rs");
    let alias = "/// Errors of `getStockLevel`: another name for [`GetOrderError`](super::GetOrderError), which has the same variants.";
    assert!(stock.contains(alias), "{stock}");
    assert!(stock.contains("/// - `404`: No such product.\n"), "{stock}");
    assert!(stock.contains("pub type GetStockLevelError = super::GetOrderError;"), "{stock}");
    // An operation with other errors keeps an enum of its own, in its module.
    assert!(stock.contains("pub enum AddStockError {"), "{stock}");
}

/// The names of the functions of `source` marked `#[inline]`, in order (doc comments and other
/// attributes may stand between the attribute and the function).
fn inline_functions(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut marked = false;
    for line in source.lines().map(str::trim) {
        if line == "#[inline]" {
            marked = true;
        } else if let Some(rest) = line.strip_prefix("pub fn ").or_else(|| line.strip_prefix("fn ")) {
            if marked {
                names.push(rest.split(['(', '<']).next().unwrap_or_default().to_owned());
            }
            marked = false;
        } else if !(line.starts_with("///") || line.starts_with("#[")) {
            marked = false;
        }
    }
    names
}

#[test]
fn what_an_operation_encodes_and_decodes_is_compiled_by_the_code_that_calls_it() {
    // `#[inline]` marks exactly the functions that reach an operation's serde code (the
    // builder's `build`, `send` and `decode_response`, and the `Operation` impl forwarding to
    // them), so that a crate compiles them only when something calls them; the setters and
    // constructors stay ordinary functions.
    let generation = generate(SPEC);
    // One operation in each module: its builder's three functions, then its `Operation` impl's two.
    for path in ["src/operations/orders.rs", "src/operations/tag_b.rs"] {
        let source = file(&generation, path);
        assert_eq!(
            inline_functions(source),
            ["build", "send", "decode_response", "build", "decode_response"],
            "{source}"
        );
        assert!(source.contains("pub fn new("), "{source}");
    }
}
