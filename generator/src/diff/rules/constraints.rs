//! Rules for validation constraints (pattern, lengths, item counts, bounds, `multipleOf`,
//! allowed values), shared by parameters: whether the new ones reject a value the old ones
//! accepted.

use super::show;
use crate::diff::model::{BoundModel, RulesModel};

/// Whether the new rules reject a value the old ones accepted, and what changed.
pub(super) fn compare_rules(a: &RulesModel, b: &RulesModel) -> (bool, String) {
    let mut tightened = false;
    let mut notes = Vec::new();
    let mut note = |tighter: bool, text: String| {
        tightened |= tighter;
        notes.push(text);
    };
    if a.pattern != b.pattern {
        // Two different patterns cannot be compared in general: only dropping one loosens.
        note(b.pattern.is_some(), format!("pattern {} → {}", show(&a.pattern), show(&b.pattern)));
    }
    let lower = |name: &str, x: Option<u64>, y: Option<u64>, note: &mut dyn FnMut(bool, String)| {
        if x != y {
            note(y.unwrap_or(0) > x.unwrap_or(0), format!("{name} {} → {}", show(&x), show(&y)));
        }
    };
    let upper = |name: &str, x: Option<u64>, y: Option<u64>, note: &mut dyn FnMut(bool, String)| {
        if x != y {
            note(y.unwrap_or(u64::MAX) < x.unwrap_or(u64::MAX), format!("{name} {} → {}", show(&x), show(&y)));
        }
    };
    lower("minLength", a.min_length, b.min_length, &mut note);
    upper("maxLength", a.max_length, b.max_length, &mut note);
    lower("minItems", a.min_items, b.min_items, &mut note);
    upper("maxItems", a.max_items, b.max_items, &mut note);
    if a.minimum != b.minimum {
        note(bound_tighter(a.minimum, b.minimum, 1.0), format!("minimum {} → {}", bound(a.minimum), bound(b.minimum)));
    }
    if a.maximum != b.maximum {
        note(bound_tighter(a.maximum, b.maximum, -1.0), format!("maximum {} → {}", bound(a.maximum), bound(b.maximum)));
    }
    if a.multiple_of != b.multiple_of {
        // A divisor of the old step accepts every value the old one did.
        let looser = match (a.multiple_of, b.multiple_of) {
            (_, None) => true,
            (Some(x), Some(y)) => (x / y).fract() == 0.0,
            (None, Some(_)) => false,
        };
        note(!looser, format!("multipleOf {} → {}", show(&a.multiple_of), show(&b.multiple_of)));
    }
    if a.allowed != b.allowed {
        let looser = b.allowed.is_empty() || (!a.allowed.is_empty() && a.allowed.iter().all(|v| b.allowed.contains(v)));
        note(!looser, format!("allowed values {:?} → {:?}", a.allowed, b.allowed));
    }
    (tightened, notes.join(", "))
}

/// Whether bound `b` rejects a value `a` accepted; `direction` is 1 for a minimum, -1 for a
/// maximum.
fn bound_tighter(a: Option<BoundModel>, b: Option<BoundModel>, direction: f64) -> bool {
    match (a, b) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(x), Some(y)) => {
            let moved = (y.value - x.value) * direction;
            moved > 0.0 || (moved == 0.0 && y.exclusive && !x.exclusive)
        }
    }
}

fn bound(value: Option<BoundModel>) -> String {
    match value {
        None => "none".to_owned(),
        Some(b) if b.exclusive => format!("{} (exclusive)", b.value),
        Some(b) => b.value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(value: f64, exclusive: bool) -> Option<BoundModel> {
        Some(BoundModel { value, exclusive })
    }

    fn tightened(a: RulesModel, b: RulesModel) -> bool {
        compare_rules(&a, &b).0
    }

    #[test]
    fn ranges_tighten_when_they_reject_a_value_the_old_range_accepted() {
        let min = |m| RulesModel { minimum: m, ..Default::default() };
        let max = |m| RulesModel { maximum: m, ..Default::default() };
        assert!(tightened(min(None), min(bound(1.0, false))));
        assert!(tightened(min(bound(1.0, false)), min(bound(2.0, false))));
        assert!(tightened(min(bound(1.0, false)), min(bound(1.0, true))));
        assert!(!tightened(min(bound(1.0, true)), min(bound(1.0, false))));
        assert!(!tightened(min(bound(2.0, false)), min(None)));
        assert!(tightened(max(bound(10.0, false)), max(bound(9.0, false))));
        assert!(!tightened(max(bound(10.0, false)), max(bound(11.0, false))));
    }

    #[test]
    fn lengths_steps_and_allowed_values_tighten_and_loosen() {
        let len = |min, max| RulesModel { min_length: min, max_length: max, ..Default::default() };
        assert!(tightened(len(None, Some(10)), len(None, Some(5))));
        assert!(tightened(len(None, None), len(Some(1), None)));
        assert!(!tightened(len(Some(3), Some(5)), len(Some(1), Some(9))));
        let step = |s| RulesModel { multiple_of: s, ..Default::default() };
        assert!(!tightened(step(Some(4.0)), step(Some(2.0))), "every multiple of 4 is one of 2");
        assert!(tightened(step(Some(2.0)), step(Some(4.0))));
        assert!(tightened(step(None), step(Some(2.0))));
        let allowed = |values: &[&str]| RulesModel {
            allowed: values.iter().map(|v| v.to_string()).collect(),
            ..Default::default()
        };
        assert!(tightened(allowed(&["a", "b"]), allowed(&["a"])));
        assert!(!tightened(allowed(&["a"]), allowed(&["a", "b"])));
        assert!(tightened(allowed(&[]), allowed(&["a"])));
        assert!(!tightened(allowed(&["a"]), allowed(&[])));
        let pattern = |p: Option<&str>| RulesModel { pattern: p.map(str::to_owned), ..Default::default() };
        assert!(tightened(pattern(None), pattern(Some("^a$"))));
        assert!(tightened(pattern(Some("^a$")), pattern(Some("^b$"))));
        assert!(!tightened(pattern(Some("^a$")), pattern(None)));
    }
}
