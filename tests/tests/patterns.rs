//! The pattern checks the generator compiles to plain code agree with the `regex` crate on
//! strings built to match each pattern, on mutations of them and on arbitrary strings.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use specforge_tests::pattern_checks::patterns as generated;
use specforge_tests::PATTERNS;

const CHECKS: [fn(&str) -> bool; 16] = [
    generated::matches_pattern_1,
    generated::matches_pattern_2,
    generated::matches_pattern_3,
    generated::matches_pattern_4,
    generated::matches_pattern_5,
    generated::matches_pattern_6,
    generated::matches_pattern_7,
    generated::matches_pattern_8,
    generated::matches_pattern_9,
    generated::matches_pattern_10,
    generated::matches_pattern_11,
    generated::matches_pattern_12,
    generated::matches_pattern_13,
    generated::matches_pattern_14,
    generated::matches_pattern_15,
    generated::matches_pattern_16,
];

/// Strings that match `pattern` (anchors removed for the generator), mutated or not, mixed
/// with arbitrary strings over an alphabet close to the pattern's.
fn candidates(pattern: &str) -> BoxedStrategy<String> {
    let body = pattern.trim_start_matches('^').trim_end_matches('$');
    let arbitrary = "[a-zA-Z0-9_.@%+/:-]{0,30}|\\PC{0,12}".boxed();
    let Ok(matching) = proptest::string::string_regex(body) else { return arbitrary };
    let matching = matching.boxed();
    let mutated = (matching.clone(), any::<prop::sample::Index>(), "\\PC|[-/._a-zA-Z0-9]", 0..3usize).prop_map(
        |(text, index, replacement, action)| {
            let mut chars: Vec<char> = text.chars().collect();
            let at = if chars.is_empty() { 0 } else { index.index(chars.len()) };
            let replacement = replacement.chars().next().unwrap_or('x');
            match action {
                0 if !chars.is_empty() => chars[at] = replacement,
                1 if !chars.is_empty() => {
                    chars.remove(at);
                }
                _ => chars.insert(at, replacement),
            }
            chars.into_iter().collect()
        },
    );
    prop_oneof![matching, mutated, arbitrary].boxed()
}

#[test]
fn compiled_checks_agree_with_the_regex_crate() {
    assert_eq!(PATTERNS.len(), CHECKS.len(), "tests/patterns.in and CHECKS list the same patterns");
    let mut total = 0;
    for (pattern, check) in PATTERNS.iter().zip(CHECKS) {
        let regex = regex::Regex::new(&specforge::pattern::ecma_to_rust(pattern)).expect("test patterns are valid");
        let mut runner = TestRunner::new(Config { cases: 2_000, failure_persistence: None, ..Config::default() });
        runner
            .run(&candidates(pattern), |value| {
                prop_assert_eq!(check(&value), regex.is_match(&value), "pattern {} on {:?}", pattern, value);
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
        total += 2_000;
    }
    assert_eq!(total, 32_000);
}

#[test]
fn simple_patterns_compile_to_code_and_complex_ones_fall_back() {
    use specforge::pattern::{compile, Matcher};
    let compiled = |p: &str| !matches!(compile(p).unwrap(), Matcher::Regex(_));
    for simple in [
        "^([a-f0-9]{24})$",
        "^[a-zA-Z0-9][a-zA-Z0-9-]*$",
        "^vpce-[0-9a-f]{17}$",
        "^(DAILY|WEEKLY|MONTHLY)$",
        "^\\d{4}-\\d{2}-\\d{2}$",
        "^$",
    ] {
        assert!(compiled(simple), "{simple} should compile to plain code");
    }
    for complex in ["^[a-z]*a$", "^(ab)+$", "[0-9]+", "^([0-9]{1,3}\\.){3}[0-9]{1,3}(\\/([0-9]|[1-2][0-9]|3[0-2]))?$"] {
        assert!(!compiled(complex), "{complex} needs the regex crate");
    }
}

#[test]
fn known_values() {
    assert!(generated::matches_pattern_1("32b6e34b3d91647abb20e7b8"));
    assert!(!generated::matches_pattern_1("32B6E34B3D91647ABB20E7B8"));
    assert!(generated::matches_pattern_5("WEEKLY"));
    assert!(!generated::matches_pattern_5("weekly"));
    assert!(generated::matches_pattern_6("2026-11-28"));
    assert!(!generated::matches_pattern_6("２０26-11-28"), "\\d is ASCII in JSON Schema patterns");
    assert!(generated::matches_pattern_16("ATLAS"));
}
