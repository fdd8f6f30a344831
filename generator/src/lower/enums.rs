//! Sharing string enums: enums whose variants (names and wire values, in order) are the same
//! are emitted once. Specs repeat value lists (the full Atlas spec has 756 string enums with
//! only 361 distinct lists, most of them inline enums repeating a component's values), and
//! every enum costs the compiler its derives and conversions. The others become aliases
//! ([`StringEnum::alias_of`]), so every name and `Name::Variant` path stays.

use std::collections::HashMap;

use crate::ir::{NamedType, StringEnum, TypeId, TypeKind, TypeRef};
use crate::naming;

/// Marks each string enum whose variants equal an earlier-ranked one's as its alias.
pub(crate) fn share_identical(types: &mut [NamedType]) {
    let mut groups: HashMap<Signature<'_>, Vec<TypeId>> = HashMap::new();
    for (index, named) in types.iter().enumerate() {
        if let TypeKind::Enum(e) = &named.kind {
            groups.entry(signature(e)).or_default().push(TypeId(index));
        }
    }
    let mut aliases: Vec<(TypeId, TypeId)> = Vec::new();
    for members in groups.into_values().filter(|members| members.len() > 1) {
        let owner = *members
            .iter()
            .min_by_key(|id| naming::shared_enum_owner_rank(&types[id.0].name, &types[id.0].origin))
            .expect("a group has members");
        aliases.extend(members.into_iter().filter(|&id| id != owner).map(|id| (id, owner)));
    }
    for (alias, owner) in aliases {
        if let TypeKind::Enum(e) = &mut types[alias.0].kind {
            e.alias_of = Some(TypeRef::Named(owner));
        }
    }
}

/// What makes two string enums the same: their variants' (name, wire value) in order, and the
/// name of the variant keeping unknown values.
type Signature<'a> = (Vec<(&'a str, &'a str)>, &'a str);

fn signature(e: &StringEnum) -> Signature<'_> {
    (e.variants.iter().map(|v| (v.name.as_str(), v.value.as_str())).collect(), e.unknown_variant.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumVariant, Gate};

    fn string_enum(name: &str, origin: &str, values: &[&str]) -> NamedType {
        let variants = values
            .iter()
            .map(|value| EnumVariant {
                name: naming::camel_ident(value),
                value: (*value).to_owned(),
                sources: Vec::new(),
            })
            .collect();
        NamedType {
            name: name.to_owned(),
            doc: None,
            origin: origin.to_owned(),
            kind: TypeKind::Enum(StringEnum { variants, unknown_variant: "Unknown".to_owned(), alias_of: None }),
            gate: Gate::Always,
        }
    }

    fn alias_of(named: &NamedType) -> Option<TypeId> {
        match &named.kind {
            TypeKind::Enum(StringEnum { alias_of: Some(TypeRef::Named(id)), .. }) => Some(*id),
            _ => None,
        }
    }

    #[test]
    fn enums_with_the_same_values_name_one_owner() {
        let mut types = vec![
            string_enum("JobState", "#/components/schemas/Job/properties/state", &["queued", "running"]),
            string_enum("State", "#/components/schemas/State", &["queued", "running"]),
            string_enum("TaskState", "#/components/schemas/Task/properties/state", &["queued", "running"]),
            // Same values, another order: its variants read differently, so it stays.
            string_enum("Order", "#/components/schemas/Order", &["running", "queued"]),
            // One more value: its own enum.
            string_enum("RunState", "#/components/schemas/Run/properties/state", &["queued", "running", "paused"]),
        ];
        share_identical(&mut types);
        // The component schema owns the enum, although its name sorts after an inline one's.
        assert_eq!(alias_of(&types[0]), Some(TypeId(1)));
        assert_eq!(alias_of(&types[1]), None);
        assert_eq!(alias_of(&types[2]), Some(TypeId(1)));
        assert_eq!(alias_of(&types[3]), None);
        assert_eq!(alias_of(&types[4]), None);
    }

    #[test]
    fn the_owner_does_not_depend_on_the_order_of_the_types() {
        let mut forward = vec![
            string_enum("JobState", "#/components/schemas/Job/properties/state", &["a", "b"]),
            string_enum("RunState", "#/components/schemas/Run/properties/state", &["a", "b"]),
            string_enum("Kind", "#/components/schemas/Task/properties/kind", &["a", "b"]),
        ];
        share_identical(&mut forward);
        // No component among them: the shortest name, then name order.
        assert_eq!(alias_of(&forward[0]), Some(TypeId(2)));
        assert_eq!(alias_of(&forward[1]), Some(TypeId(2)));
        let mut backward: Vec<NamedType> = forward.iter().rev().cloned().collect();
        for named in &mut backward {
            if let TypeKind::Enum(e) = &mut named.kind {
                e.alias_of = None;
            }
        }
        share_identical(&mut backward);
        assert_eq!(alias_of(&backward[0]), None);
        assert_eq!(alias_of(&backward[1]), Some(TypeId(0)));
        assert_eq!(alias_of(&backward[2]), Some(TypeId(0)));
    }
}
