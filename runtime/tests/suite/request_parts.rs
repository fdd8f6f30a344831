//! Request parts and parameter checks: path segments that cannot escape, header values that
//! cannot inject headers, bounded values in errors, and secrets that never print.

use specforge_runtime::request::{header_value, path, push_path_segment};
use specforge_runtime::validation::{length, minimum, one_of, patterns};
use specforge_runtime::{Rule, Secret};

#[test]
fn path_segments_are_percent_encoded_and_dot_segments_refused() {
    let mut path = String::from("/files/");
    push_path_segment(&mut path, "name", "a b/../c?d#e%").unwrap();
    assert_eq!(path, "/files/a%20b%2F..%2Fc%3Fd%23e%25");
    for bad in ["", ".", ".."] {
        assert_eq!(push_path_segment(&mut path, "name", bad).unwrap_err().rule, Rule::PathSegment);
    }
}

#[test]
fn a_path_is_its_literals_with_encoded_segments_between_them() {
    let built = path(&["/groups/", "/clusters/", "/restores"], &[("groupId", "g 1"), ("clusterName", "a/b")]).unwrap();
    assert_eq!(built, "/groups/g%201/clusters/a%2Fb/restores");
    // A path that ends with a segment has no last literal.
    assert_eq!(path(&["/files/"], &[("name", "x")]).unwrap(), "/files/x");
    let error = path(&["/groups/", "/clusters/"], &[("groupId", "g"), ("clusterName", "..")]).unwrap_err();
    assert_eq!((error.parameter, error.rule), ("clusterName", Rule::PathSegment));
}

#[test]
fn a_table_of_patterns_reports_the_first_value_that_does_not_match() {
    fn digits(value: &str) -> bool {
        !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
    }
    fn lower(value: &str) -> bool {
        value.bytes().all(|b| b.is_ascii_lowercase())
    }
    assert!(patterns(&[("id", "42", "^[0-9]+$", digits), ("name", "abc", "^[a-z]*$", lower)]).is_ok());
    let error = patterns(&[
        ("id", "42", "^[0-9]+$", digits),
        ("name", "ABC", "^[a-z]*$", lower),
        ("page", "x", "^[0-9]+$", digits),
    ])
    .unwrap_err();
    assert_eq!((error.parameter, error.rule, error.value.as_str()), ("name", Rule::Pattern("^[a-z]*$"), "ABC"));
}

#[test]
fn header_values_with_control_characters_are_refused() {
    assert_eq!(header_value("X-Tag", "ok value".to_owned()).unwrap(), "ok value");
    assert_eq!(header_value("X-Tag", "a\r\nInjected: 1".to_owned()).unwrap_err().rule, Rule::HeaderValue);
}

#[test]
fn rules_report_the_parameter_and_a_bounded_value() {
    let error = length("name", &"x".repeat(1000), None, Some(10)).unwrap_err();
    assert_eq!((error.parameter, error.rule.clone()), ("name", Rule::MaxLength(10)));
    assert!(error.value.len() < 200 && error.value.ends_with("..."), "{}", error.value);
    assert_eq!(minimum("limit", 0.0, 0.0, true).unwrap_err().rule, Rule::Minimum { bound: 0.0, exclusive: true });
    assert!(one_of("kind", "cat", &["cat", "dog"]).is_ok());
    assert!(error.to_string().starts_with("invalid parameter `name`: must be at most 10 characters long"));
}

#[test]
fn secrets_print_as_redacted() {
    let secret = Secret::new("s3cr3t-SECRET");
    assert_eq!(format!("{secret} {secret:?}"), "<redacted> <redacted>");
    assert_eq!(secret.expose(), "s3cr3t-SECRET");
}
