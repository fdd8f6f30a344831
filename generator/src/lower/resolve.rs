//! The one `$ref` resolver: follows a chain of references to a component of any kind
//! (schema, parameter, response, request body), detecting cycles, so that every kind of
//! reference is checked and reported the same way.

use indexmap::IndexMap;
use openapiv3::{Components, Parameter, ReferenceOr, RequestBody, Response, Schema};

use super::Lowering;
use crate::diagnostics::{pointer_push, SpecError};

/// A kind of object that `#/components/{SECTION}/Name` can name.
pub(crate) trait Component: Sized + 'static {
    /// The section of `components` that holds it.
    const SECTION: &'static str;
    /// What it is called in messages (`a parameter`).
    const WHAT: &'static str;
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

impl Component for Schema {
    const SECTION: &'static str = "schemas";
    const WHAT: &'static str = "a schema";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.schemas
    }
}

impl Component for Parameter {
    const SECTION: &'static str = "parameters";
    const WHAT: &'static str = "a parameter";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.parameters
    }
}

impl Component for Response {
    const SECTION: &'static str = "responses";
    const WHAT: &'static str = "a response";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.responses
    }
}

impl Component for RequestBody {
    const SECTION: &'static str = "requestBodies";
    const WHAT: &'static str = "a request body";
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
        &components.request_bodies
    }
}

/// What a reference resolved to.
pub(crate) struct Target<'a, T> {
    pub item: &'a T,
    /// The pointer of the item.
    pub pointer: String,
    /// The name of the last component on the way.
    pub name: &'a str,
}

impl<'a> Lowering<'a> {
    /// The item itself, or what its chain of `$ref`s ends at, with its pointer.
    pub(crate) fn resolve<T: Component>(
        &self,
        item: &'a ReferenceOr<T>,
        pointer: &str,
    ) -> Result<(&'a T, String), SpecError> {
        match item {
            ReferenceOr::Item(item) => Ok((item, pointer.to_owned())),
            ReferenceOr::Reference { reference } => {
                self.follow::<T>(reference, pointer).map(|target| (target.item, target.pointer))
            }
        }
    }

    /// Follows `reference` (found at `pointer`) through any number of component `$ref`s.
    pub(crate) fn follow<T: Component>(&self, reference: &'a str, pointer: &str) -> Result<Target<'a, T>, SpecError> {
        let mut reference = reference;
        let mut current_pointer = pointer.to_owned();
        let mut chain: Vec<&'a str> = Vec::new();
        loop {
            let name = self.component_ref_name(reference, T::SECTION, T::WHAT, &current_pointer)?;
            let found = self.spec.components.as_ref().and_then(|c| T::section(c).get_key_value(name));
            let Some((key, target)) = found else {
                return Err(self.error(&current_pointer, format!("$ref `{reference}` points to nothing")));
            };
            if chain.contains(&key.as_str()) {
                chain.push(key);
                return Err(self.error(
                    pointer,
                    format!("$ref chain is a cycle: {} never reaches {}", chain.join(" → "), T::WHAT),
                ));
            }
            chain.push(key);
            current_pointer = pointer_push(&format!("#/components/{}", T::SECTION), key);
            match target {
                ReferenceOr::Item(item) => return Ok(Target { item, pointer: current_pointer, name: key }),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
    }

    /// The component name in `#/components/{section}/Name`; `what` names the kind for errors.
    pub(crate) fn component_ref_name<'r>(
        &self,
        reference: &'r str,
        section: &str,
        what: &str,
        pointer: &str,
    ) -> Result<&'r str, SpecError> {
        let prefix = format!("#/components/{section}/");
        match reference.strip_prefix(prefix.as_str()) {
            Some(name) if !name.contains('/') => Ok(name),
            _ => Err(self.error(pointer, format!("$ref `{reference}` does not name {what} in #/components/{section}"))),
        }
    }
}
