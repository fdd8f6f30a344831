//! Names of objects that a `$ref` reaches outside the components of a document (a parameter
//! of another operation, a property of a schema, a whole file): the loader makes each such
//! object a component, and its name comes from where the object lives.

use super::camel_ident;

/// Where a referenced object lives: the unescaped tokens of its JSON pointer in its file, and
/// what the loader knows about the place.
pub struct Place<'a> {
    /// The file's stem when the object lives in a file other than the spec itself.
    pub file_stem: Option<&'a str>,
    pub tokens: &'a [String],
    /// The operation that holds the object: how many leading tokens lead to it, and its
    /// `operationId`.
    pub operation: Option<(usize, &'a str)>,
}

/// The component name of a referenced object. A whole file is named after its stem, and an
/// object with a name of its own where it lives (`#/components/schemas/Pet`, `#/definitions/Pet`,
/// `#/Pet` at the top of a file) keeps it. Anything else is named after its owner (the
/// operation's id, the component or the path that holds it) followed by the way down to it:
/// `#/paths/~1pets/get/parameters/2` of operation `listPets` is `ListPetsParameter2`,
/// `#/components/schemas/Pet/properties/owner` is `PetOwner`.
pub fn referenced_object_name(place: &Place) -> String {
    let tokens = place.tokens;
    let own_name = match tokens {
        [] => Some(place.file_stem.unwrap_or("document")),
        [name] => Some(name.as_str()),
        [components, _, name] if components == "components" => Some(name.as_str()),
        [definitions, name] if definitions == "definitions" => Some(name.as_str()),
        _ => None,
    };
    if let Some(name) = own_name {
        return name.to_owned();
    }
    let mut words: Vec<&str> = Vec::new();
    let below = match (place.operation, tokens) {
        (Some((depth, operation_id)), _) if depth <= tokens.len() => {
            words.push(operation_id);
            &tokens[depth..]
        }
        (_, [components, _, name, rest @ ..]) if components == "components" => {
            words.push(name);
            rest
        }
        (_, [top, name, rest @ ..]) if matches!(top.as_str(), "definitions" | "paths" | "webhooks") => {
            words.push(name);
            rest
        }
        _ => {
            words.extend(place.file_stem);
            tokens
        }
    };
    let mut rest = below.iter().map(String::as_str);
    let mut indexed: Vec<String> = Vec::new();
    while let Some(token) = rest.next() {
        match token {
            // Structure that says nothing the next token does not.
            "properties" | "schema" | "schemas" | "patternProperties" => {}
            // A media type: JSON is the rule, and the name stays short.
            "content" => {
                rest.next();
            }
            "parameters" => indexed.push(format!("parameter {}", rest.next().unwrap_or_default())),
            "responses" => indexed.push(format!("response {}", rest.next().unwrap_or_default())),
            "headers" => indexed.push(format!("{} header", rest.next().unwrap_or_default())),
            "examples" => indexed.push(format!("{} example", rest.next().unwrap_or_default())),
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                indexed.push(format!("{token} {}", rest.next().unwrap_or_default()))
            }
            "requestBody" => indexed.push("request".to_owned()),
            "items" => indexed.push("item".to_owned()),
            "additionalProperties" => indexed.push("value".to_owned()),
            other => indexed.push(other.to_owned()),
        }
    }
    words.extend(indexed.iter().map(String::as_str));
    camel_ident(&words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(file_stem: Option<&str>, pointer: &str, operation: Option<(usize, &str)>) -> String {
        let tokens: Vec<String> =
            pointer.split('/').skip(1).map(|token| token.replace("~1", "/").replace("~0", "~")).collect();
        referenced_object_name(&Place { file_stem, tokens: &tokens, operation })
    }

    #[test]
    fn objects_with_a_name_where_they_live_keep_it() {
        assert_eq!(name(Some("pet"), "", None), "pet");
        assert_eq!(name(Some("parameters"), "/limit", None), "limit");
        assert_eq!(name(Some("models"), "/components/schemas/Pet", None), "Pet");
        assert_eq!(name(None, "/definitions/Pet", None), "Pet");
    }

    #[test]
    fn other_objects_are_named_after_their_owner_and_the_way_down() {
        let pointer = "/paths/~1companies~1{companyId}~1users/get/parameters/2";
        assert_eq!(name(None, pointer, Some((3, "listCompanyUsers"))), "ListCompanyUsersParameter2");
        assert_eq!(name(None, pointer, None), "CompaniesCompanyIdUsersGetParameter2");
        let pointer = "/paths/~1pets/post/responses/201/content/application~1json/schema/properties/owner/items";
        assert_eq!(name(None, pointer, Some((3, "createPet"))), "CreatePetResponse201OwnerItem");
        assert_eq!(name(None, "/components/schemas/Pet/properties/owner", None), "PetOwner");
        assert_eq!(name(None, "/components/schemas/Pet/allOf/1", None), "PetAllOf1");
        assert_eq!(name(Some("pet_get"), "/get/requestBody", Some((1, "getPet"))), "GetPetRequest");
        assert_eq!(name(Some("shared"), "/errors/problem", None), "SharedErrorsProblem");
    }
}
