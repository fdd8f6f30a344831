//! Errors and warnings about a spec, each naming its place: the file, the JSON pointer and,
//! where the parser gives one, the line and column.

use std::fmt;
use std::path::PathBuf;

/// A line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// A spec the generator cannot turn into a crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: PathBuf,
    /// JSON pointer of the offending node (`#/paths/~1pets/get`), when known.
    pub pointer: Option<String>,
    pub location: Option<Location>,
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(location) = self.location {
            write!(f, ":{}:{}", location.line, location.column)?;
        }
        if let Some(pointer) = &self.pointer {
            write!(f, ": at {pointer}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// Something the generator expressed approximately; generation goes on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: at {}: {}", self.pointer, self.message)
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901).
pub fn pointer_push(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(pointer_push("#/paths", "/a/{b}"), "#/paths/~1a~1{b}");
        assert_eq!(pointer_push("#", "x~y"), "#/x~0y");
    }

    #[test]
    fn errors_name_file_line_and_pointer() {
        let error = SpecError {
            file: "spec/a.yaml".into(),
            pointer: Some("#/components/schemas/A".into()),
            location: Some(Location { line: 3, column: 5 }),
            message: "bad".into(),
        };
        assert_eq!(error.to_string(), "spec/a.yaml:3:5: at #/components/schemas/A: bad");
    }
}
