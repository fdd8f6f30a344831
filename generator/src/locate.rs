//! Finding the line and column of a JSON pointer in spec text. Runs only when a diagnostic is
//! reported, so the fast path never pays for a second parse.

use yaml_rust2::parser::{Event, Parser};

use crate::diagnostics::Location;

/// The token of the child a container will read next.
enum Frame {
    /// `key` and where it was written: a mapping value is reported at its key.
    Mapping {
        key: Option<(String, Location)>,
    },
    Sequence {
        next: usize,
    },
}

impl Frame {
    fn token(&self) -> Option<String> {
        match self {
            Frame::Mapping { key } => key.as_ref().map(|(name, _)| name.clone()),
            Frame::Sequence { next } => Some(next.to_string()),
        }
    }
}

/// Line and column (1-based) where the node at `pointer` starts, if the text parses as YAML
/// (JSON included) and the node exists.
pub fn locate(text: &str, pointer: &str) -> Option<Location> {
    let target = decode_pointer(pointer)?;
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    loop {
        let (event, mark) = parser.next_token().ok()?;
        if let Some(Frame::Mapping { key: key @ None }) = frames.last_mut() {
            match event {
                Event::Scalar(name, ..) => {
                    *key = Some((name, Location { line: mark.line(), column: mark.col() + 1 }));
                    continue;
                }
                Event::MappingEnd => {
                    frames.pop();
                    finish_value(&mut frames);
                    continue;
                }
                // Complex keys never occur in OpenAPI documents.
                _ => return None,
            }
        }
        match event {
            Event::StreamEnd => return None,
            Event::Scalar(..) | Event::Alias(_) | Event::MappingStart(..) | Event::SequenceStart(..) => {
                if frames.len() == target.len()
                    && frames.iter().zip(&target).all(|(frame, token)| frame.token().as_deref() == Some(token))
                {
                    return Some(match frames.last() {
                        Some(Frame::Mapping { key: Some((_, at)) }) => *at,
                        _ => Location { line: mark.line(), column: mark.col() + 1 },
                    });
                }
                match event {
                    Event::MappingStart(..) => frames.push(Frame::Mapping { key: None }),
                    Event::SequenceStart(..) => frames.push(Frame::Sequence { next: 0 }),
                    _ => finish_value(&mut frames),
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                frames.pop();
                finish_value(&mut frames);
            }
            _ => {}
        }
    }
}

/// A node that the YAML parser reads but the OpenAPI types cannot: where it is and why.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub pointer: String,
    pub location: Location,
    pub message: String,
}

/// The first key repeated within one mapping or, failing that, the first `.nan` or `.inf`
/// value: what makes openapiv3 fail in ways it does not report. Runs only after such a
/// failure.
pub fn find_unreadable(text: &str) -> Option<Unreadable> {
    use std::collections::HashSet;

    use yaml_rust2::scanner::TScalarStyle;

    enum Node {
        Mapping { key: Option<String>, seen: HashSet<String> },
        Sequence { next: usize },
    }
    fn pointer(stack: &[Node], last: Option<&str>) -> String {
        let mut pointer = String::from("#");
        for node in stack {
            match node {
                Node::Mapping { key: Some(key), .. } => pointer = crate::diagnostics::pointer_push(&pointer, key),
                Node::Sequence { next } => pointer = crate::diagnostics::pointer_push(&pointer, &next.to_string()),
                Node::Mapping { key: None, .. } => {}
            }
        }
        match last {
            Some(token) => crate::diagnostics::pointer_push(&pointer, token),
            None => pointer,
        }
    }
    fn finish(stack: &mut [Node]) {
        match stack.last_mut() {
            Some(Node::Mapping { key, .. }) => *key = None,
            Some(Node::Sequence { next }) => *next += 1,
            None => {}
        }
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut non_finite: Option<Unreadable> = None;
    loop {
        let Ok((event, mark)) = parser.next_token() else { return non_finite };
        let at = Location { line: mark.line(), column: mark.col() + 1 };
        if let Some(Node::Mapping { key: key @ None, seen }) = stack.last_mut() {
            match event {
                Event::Scalar(name, ..) => {
                    if !seen.insert(name.clone()) {
                        let message = format!("the key `{name}` appears twice in this mapping");
                        return Some(Unreadable { pointer: pointer(&stack, Some(&name)), location: at, message });
                    }
                    *key = Some(name);
                    continue;
                }
                Event::MappingEnd => {
                    stack.pop();
                    finish(&mut stack);
                    continue;
                }
                _ => return non_finite,
            }
        }
        match event {
            Event::StreamEnd => return non_finite,
            Event::Scalar(value, TScalarStyle::Plain, ..) => {
                let lower = value.to_ascii_lowercase();
                if non_finite.is_none() && matches!(lower.as_str(), ".nan" | ".inf" | "+.inf" | "-.inf") {
                    let message = format!("`{value}` is not a finite number, and cannot be read here");
                    non_finite = Some(Unreadable { pointer: pointer(&stack, None), location: at, message });
                }
                finish(&mut stack);
            }
            Event::Scalar(..) | Event::Alias(_) => finish(&mut stack),
            Event::MappingStart(..) => stack.push(Node::Mapping { key: None, seen: HashSet::new() }),
            Event::SequenceStart(..) => stack.push(Node::Sequence { next: 0 }),
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                finish(&mut stack);
            }
            _ => {}
        }
    }
}

fn finish_value(frames: &mut [Frame]) {
    match frames.last_mut() {
        Some(Frame::Mapping { key }) => *key = None,
        Some(Frame::Sequence { next }) => *next += 1,
        None => {}
    }
}

/// `#/a/b~1c` to `["a", "b/c"]`.
fn decode_pointer(pointer: &str) -> Option<Vec<String>> {
    let rest = pointer.strip_prefix('#').unwrap_or(pointer);
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('/')?;
    Some(rest.split('/').map(|token| token.replace("~1", "/").replace("~0", "~")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str =
        "openapi: 3.0.1\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - name: x\n        - name: y\n";

    #[test]
    fn finds_nested_yaml_nodes() {
        assert_eq!(locate(YAML, "#/openapi"), Some(Location { line: 1, column: 1 }));
        assert_eq!(locate(YAML, "#/paths/~1a~1{b}/get"), Some(Location { line: 4, column: 5 }));
        assert_eq!(locate(YAML, "#/paths/~1a~1{b}/get/parameters/1").map(|l| l.line), Some(7));
        assert_eq!(locate(YAML, "#/paths/~1a~1{b}/get/parameters/1/name"), Some(Location { line: 7, column: 11 }));
        assert_eq!(locate(YAML, "#/paths/~1c"), None);
    }

    #[test]
    fn finds_json_nodes() {
        let json = "{\n  \"openapi\": \"3.0.1\",\n  \"info\": {\"title\": \"t\"}\n}";
        assert_eq!(locate(json, "#/info/title"), Some(Location { line: 3, column: 12 }));
    }

    #[test]
    fn finds_duplicate_keys_and_non_finite_numbers() {
        let yaml = "a:\n  - b: 1\n    c: .nan\n    b: 2\n";
        let found = find_unreadable(yaml).unwrap();
        assert_eq!(found.pointer, "#/a/0/b");
        assert_eq!(found.location, Location { line: 4, column: 5 });
        assert!(found.message.contains("`b` appears twice"), "{}", found.message);
        let found = find_unreadable("a:\n  - b: 1\n    c: .NaN\n").unwrap();
        assert_eq!((found.pointer.as_str(), found.location.line), ("#/a/0/c", 3));
        let found = find_unreadable("{\"x\": {\"y/z\": 1, \"y/z\": 2}}").unwrap();
        assert_eq!(found.pointer, "#/x/y~1z");
        assert_eq!(find_unreadable("a: {b: 1, c: '.nan'}\nd: [b, b]\n"), None);
    }

    #[test]
    fn bad_text_locates_nothing() {
        assert_eq!(locate("a: [", "#/a/0"), None);
    }
}
