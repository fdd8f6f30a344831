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
    fn bad_text_locates_nothing() {
        assert_eq!(locate("a: [", "#/a/0"), None);
    }
}
