//! The pattern checks the generator compiles to plain code agree with the `regex` crate (or,
//! for look-around and back-references, `fancy-regex`) on strings built to match each pattern,
//! on mutations of them and on arbitrary strings; and a generated `build()` rejects a value
//! that a look-around pattern refuses.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use specforge_tests::pattern_checks::patterns as generated;
use specforge_tests::PATTERNS;

const CHECKS: [fn(&str) -> bool; 19] = [
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
    generated::matches_pattern_17,
    generated::matches_pattern_18,
    generated::matches_pattern_19,
];

/// The reference a generated check is compared with: the `regex` crate, or `fancy-regex` for
/// what `regex` cannot compile (look-around, back-references).
enum Reference {
    Regex(regex::Regex),
    Fancy(fancy_regex::Regex),
}

impl Reference {
    fn new(pattern: &str) -> Self {
        let source = specforge::pattern::ecma_to_rust(pattern);
        match regex::Regex::new(&source) {
            Ok(regex) => Reference::Regex(regex),
            Err(_) => Reference::Fancy(fancy_regex::Regex::new(&source).expect("test patterns are valid")),
        }
    }

    fn is_match(&self, value: &str) -> bool {
        match self {
            Reference::Regex(regex) => regex.is_match(value),
            Reference::Fancy(regex) => regex.is_match(value).expect("within the backtracking limit"),
        }
    }
}

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
        let regex = Reference::new(pattern);
        let mut runner = TestRunner::new(Config { cases: 2_000, failure_persistence: None, ..Config::default() });
        runner
            .run(&candidates(pattern), |value| {
                prop_assert_eq!(check(&value), regex.is_match(&value), "pattern {} on {:?}", pattern, value);
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
        total += 2_000;
    }
    assert_eq!(total, 38_000);
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
    // Atlas's IP address pattern: a dot may not end the address (a negative look-ahead).
    assert!(generated::matches_pattern_17("192.168.0.1"));
    assert!(!generated::matches_pattern_17("192.168.0.1."));
    assert!(!generated::matches_pattern_17("256.1.1.1"));
    assert!(generated::matches_pattern_17("fe80:0:0:0:0:0:0:1"));
    // Look-aheads requiring a digit and a letter.
    assert!(generated::matches_pattern_18("abcd1234"));
    assert!(!generated::matches_pattern_18("abcdefgh"));
    assert!(!generated::matches_pattern_18("12345678"));
    // A back-reference.
    assert!(generated::matches_pattern_19("abc-abc"));
    assert!(!generated::matches_pattern_19("abc-abd"));
}

#[test]
fn look_around_patterns_are_checked_by_build() {
    use specforge_tests::pattern_checks::operations::Check;
    assert!(Check::new().p16("10.0.0.1").build().is_ok());
    let error = Check::new().p16("10.0.0.1.").build().expect_err("a trailing dot is refused");
    assert!(error.to_string().contains("p16"), "{error}");
    assert!(Check::new().p17("pass1word").build().is_ok());
    assert!(Check::new().p17("password").build().is_err(), "no digit: the look-ahead refuses it");
    assert!(Check::new().p18("ab-ab").build().is_ok());
    assert!(Check::new().p18("ab-ba").build().is_err());
}

#[test]
fn only_patterns_beyond_fancy_regex_are_left_unchecked_with_a_located_warning() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: a\n      parameters:\n        - name: ahead\n          in: query\n          schema:\n            type: string\n            pattern: '^(?!-)[a-z-]+$'\n        - name: dangling\n          in: query\n          schema:\n            type: string\n            pattern: '^(x)\\3$'\n      responses:\n        '204':\n          description: ok\n";
    let dir = std::env::temp_dir().join(format!("specforge-patterns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("spec.yaml");
    std::fs::write(&path, spec).expect("spec written");
    let generation = specforge::Generator::new(&path).generate().expect("generates");
    std::fs::remove_dir_all(&dir).expect("temp dir removed");
    let warnings: Vec<String> = generation.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("#/paths/~1a/get/parameters/1/schema"), "{warnings:?}");
    assert!(warnings[0].contains("fancy-regex"), "{warnings:?}");
    let manifest = generation.krate.manifest_head.as_str();
    assert!(manifest.contains("fancy-regex = "), "{manifest}");
    assert!(!manifest.contains("\nregex = "), "no pattern needs the regex crate: {manifest}");
}

#[test]
fn the_atlas_look_around_pattern_is_checked_not_warned_about() {
    let path = std::env::var_os("ATLAS_SPEC").map(std::path::PathBuf::from).unwrap_or_else(|| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs/atlas-admin-v2.yaml")
    });
    assert!(path.is_file(), "this test needs the full Atlas spec at {} (or set ATLAS_SPEC)", path.display());
    let (_, lowered) = specforge::Generator::new(&path).lower_only().expect("the Atlas spec lowers");
    let pattern_warnings: Vec<String> =
        lowered.warnings.iter().map(ToString::to_string).filter(|warning| warning.contains("`pattern`")).collect();
    assert!(pattern_warnings.is_empty(), "{pattern_warnings:#?}");
    let fancy: Vec<&str> = lowered
        .api
        .patterns
        .iter()
        .filter_map(|pattern| match &pattern.matcher {
            specforge::pattern::Matcher::FancyRegex(_) => Some(pattern.source.as_str()),
            _ => None,
        })
        .collect();
    assert!(fancy.iter().any(|source| source.contains("(?!$)")), "{fancy:?}");
}
