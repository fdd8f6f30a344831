//! Parameter rules from the spec, checked before any I/O.

use std::fmt;

use super::request::REDACTED;

/// How many characters of an invalid value an error keeps.
const MAX_VALUE_CHARS: usize = 128;

/// A rule a parameter value broke.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// The value must match this regular expression.
    Pattern(&'static str),
    MinLength(u64),
    MaxLength(u64),
    Minimum {
        bound: f64,
        exclusive: bool,
    },
    Maximum {
        bound: f64,
        exclusive: bool,
    },
    MultipleOf(f64),
    /// The value must be one of these.
    OneOf(&'static [&'static str]),
    MinItems(u64),
    MaxItems(u64),
    /// A path segment cannot be empty, `.` or `..`.
    PathSegment,
    /// A header value cannot contain control characters (CR, LF, NUL, ...).
    HeaderValue,
    /// A request body must serialize to JSON.
    Json,
    /// A part the spec requires of a multipart body is missing.
    RequiredPart,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Pattern(pattern) => write!(f, "must match the pattern `{pattern}`"),
            Rule::MinLength(n) => write!(f, "must be at least {n} characters long"),
            Rule::MaxLength(n) => write!(f, "must be at most {n} characters long"),
            Rule::Minimum { bound, exclusive: false } => write!(f, "must be at least {bound}"),
            Rule::Minimum { bound, exclusive: true } => write!(f, "must be greater than {bound}"),
            Rule::Maximum { bound, exclusive: false } => write!(f, "must be at most {bound}"),
            Rule::Maximum { bound, exclusive: true } => write!(f, "must be less than {bound}"),
            Rule::MultipleOf(n) => write!(f, "must be a multiple of {n}"),
            Rule::OneOf(values) => write!(f, "must be one of {}", values.join(", ")),
            Rule::MinItems(n) => write!(f, "must have at least {n} items"),
            Rule::MaxItems(n) => write!(f, "must have at most {n} items"),
            Rule::PathSegment => f.write_str("must be a non-empty path segment other than `.` and `..`"),
            Rule::HeaderValue => f.write_str("must not contain control characters"),
            Rule::Json => f.write_str("must serialize to JSON"),
            Rule::RequiredPart => f.write_str("is a required part of the multipart body"),
        }
    }
}

/// A parameter value that breaks a rule of the spec; the request was not sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// The parameter's name in the spec (`groupId`).
    pub parameter: &'static str,
    pub rule: Rule,
    /// The offending value, cut to a bounded length.
    pub value: String,
}

impl ValidationError {
    pub fn new(parameter: &'static str, rule: Rule, value: &str) -> Self {
        let value = match value.char_indices().nth(MAX_VALUE_CHARS) {
            Some((cut, _)) => format!("{}...", &value[..cut]),
            None => value.to_owned(),
        };
        ValidationError { parameter, rule, value }
    }

    /// The error with its value replaced by `<redacted>`: what a secret parameter's check
    /// reports (`format: password`), so that the error's `Display`, `Debug` and logs never
    /// hold the secret.
    pub fn redacted(self) -> Self {
        ValidationError { value: REDACTED.to_owned(), ..self }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid parameter `{}`: {}, got {:?}", self.parameter, self.rule, self.value)
    }
}

impl std::error::Error for ValidationError {}

/// Checks a string against a pattern compiled into `matches`.
pub fn pattern(
    parameter: &'static str,
    value: &str,
    source: &'static str,
    matches: fn(&str) -> bool,
) -> Result<(), ValidationError> {
    if matches(value) {
        Ok(())
    } else {
        Err(ValidationError::new(parameter, Rule::Pattern(source), value))
    }
}

/// One entry of [`patterns`]: the parameter's name, its value, the pattern's source and its
/// compiled check.
pub type PatternCheck<'a> = (&'static str, &'a str, &'static str, fn(&str) -> bool);

/// [`pattern`] for several parameters, in order: the first value that does not match is the
/// error. One call for an operation's run of pattern-checked parameters (Atlas's path
/// identifiers), instead of a call and a `?` each in every `build()`.
pub fn patterns(checks: &[PatternCheck<'_>]) -> Result<(), ValidationError> {
    for &(parameter, value, source, matches) in checks {
        pattern(parameter, value, source, matches)?;
    }
    Ok(())
}

/// Checks a string's length in characters.
pub fn length(parameter: &'static str, value: &str, min: Option<u64>, max: Option<u64>) -> Result<(), ValidationError> {
    let count = value.chars().count() as u64;
    if let Some(min) = min.filter(|min| count < *min) {
        return Err(ValidationError::new(parameter, Rule::MinLength(min), value));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(ValidationError::new(parameter, Rule::MaxLength(max), value));
    }
    Ok(())
}

/// Checks a number against a lower bound.
pub fn minimum(parameter: &'static str, value: f64, bound: f64, exclusive: bool) -> Result<(), ValidationError> {
    if value > bound || (!exclusive && value == bound) {
        Ok(())
    } else {
        Err(ValidationError::new(parameter, Rule::Minimum { bound, exclusive }, &value.to_string()))
    }
}

/// Checks a number against an upper bound.
pub fn maximum(parameter: &'static str, value: f64, bound: f64, exclusive: bool) -> Result<(), ValidationError> {
    if value < bound || (!exclusive && value == bound) {
        Ok(())
    } else {
        Err(ValidationError::new(parameter, Rule::Maximum { bound, exclusive }, &value.to_string()))
    }
}

/// Checks that a number is a multiple of `factor`.
pub fn multiple_of(parameter: &'static str, value: f64, factor: f64) -> Result<(), ValidationError> {
    let quotient = value / factor;
    if (quotient - quotient.round()).abs() < 1e-9 {
        Ok(())
    } else {
        Err(ValidationError::new(parameter, Rule::MultipleOf(factor), &value.to_string()))
    }
}

/// Checks that a string is one of the allowed values.
pub fn one_of(parameter: &'static str, value: &str, allowed: &'static [&'static str]) -> Result<(), ValidationError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(ValidationError::new(parameter, Rule::OneOf(allowed), value))
    }
}

/// Checks the number of items of a list.
pub fn items(parameter: &'static str, count: usize, min: Option<u64>, max: Option<u64>) -> Result<(), ValidationError> {
    let count = count as u64;
    if let Some(min) = min.filter(|min| count < *min) {
        return Err(ValidationError::new(parameter, Rule::MinItems(min), &count.to_string()));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(ValidationError::new(parameter, Rule::MaxItems(max), &count.to_string()));
    }
    Ok(())
}
