//! Finding the lines of many JSON pointers in one pass over a spec's text: a report can hold
//! thousands of changes, and locating each one with a parse of its own would take minutes on
//! a large spec. A pointer that names no node (an inline schema flattened by lowering, say)
//! is placed at its nearest ancestor that exists.

use std::collections::{HashMap, HashSet};

use yaml_rust2::parser::{Event, Parser};

/// The 1-based line of each pointer (or of its nearest existing ancestor) in `text`.
pub fn lines_of<'a>(text: &str, pointers: impl IntoIterator<Item = &'a str>) -> HashMap<String, usize> {
    let wanted: Vec<&str> = pointers.into_iter().collect();
    let mut prefixes: HashSet<String> = HashSet::new();
    for pointer in &wanted {
        let mut prefix = pointer.to_string();
        loop {
            prefixes.insert(prefix.clone());
            match prefix.rfind('/') {
                Some(cut) => prefix.truncate(cut),
                None => break,
            }
        }
    }
    let found = scan(text, &prefixes);
    let mut out = HashMap::new();
    for pointer in wanted {
        let mut prefix = pointer;
        loop {
            if let Some(&line) = found.get(prefix) {
                out.insert(pointer.to_owned(), line);
                break;
            }
            match prefix.rfind('/') {
                Some(cut) => prefix = &prefix[..cut],
                None => break,
            }
        }
    }
    out
}

/// One pass over the YAML (or JSON) events, recording the line of every node whose pointer
/// is in `wanted`. A mapping value is placed at its key.
fn scan(text: &str, wanted: &HashSet<String>) -> HashMap<String, usize> {
    enum Frame {
        Mapping { expecting_key: bool, len: usize },
        Sequence { next: usize, len: usize },
    }
    let mut found = HashMap::new();
    let mut pointer = String::from("#");
    let mut frames: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    let mut key_line = 0;
    while let Ok((event, mark)) = parser.next_token() {
        let is_node =
            matches!(event, Event::Scalar(..) | Event::Alias(_) | Event::MappingStart(..) | Event::SequenceStart(..));
        if let Some(Frame::Mapping { expecting_key: expecting @ true, len }) = frames.last_mut() {
            match event {
                Event::Scalar(name, ..) => {
                    *expecting = false;
                    *len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
                    key_line = mark.line();
                    continue;
                }
                Event::MappingEnd => {}
                _ => return found,
            }
        } else if is_node {
            if let Some(Frame::Sequence { next, len }) = frames.last_mut() {
                *len = pointer.len();
                pointer.push('/');
                pointer.push_str(&next.to_string());
                *next += 1;
                key_line = mark.line();
            } else if frames.is_empty() {
                key_line = mark.line();
            }
        }
        match event {
            Event::StreamEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) | Event::Scalar(..) | Event::Alias(_) => {
                if wanted.contains(&pointer) {
                    found.entry(pointer.clone()).or_insert(key_line);
                }
                match event {
                    Event::MappingStart(..) => frames.push(Frame::Mapping { expecting_key: true, len: 0 }),
                    Event::SequenceStart(..) => frames.push(Frame::Sequence { next: 0, len: 0 }),
                    _ => finish_value(&mut frames, &mut pointer),
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                finish_value(&mut frames, &mut pointer);
            }
            _ => {}
        }
    }

    fn finish_value(frames: &mut [Frame], pointer: &mut String) {
        match frames.last_mut() {
            Some(Frame::Mapping { expecting_key, len }) => {
                *expecting_key = true;
                pointer.truncate(*len);
            }
            Some(Frame::Sequence { len, .. }) => pointer.truncate(*len),
            None => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_their_nearest_ancestors_are_found_in_one_pass() {
        let text =
            "openapi: 3.0.3\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - name: x\n        - name: y\n";
        let lines = lines_of(
            text,
            ["#/paths/~1a~1{b}/get", "#/paths/~1a~1{b}/get/parameters/1", "#/paths/~1a~1{b}/get/responses/404"],
        );
        assert_eq!(lines["#/paths/~1a~1{b}/get"], 4);
        assert_eq!(lines["#/paths/~1a~1{b}/get/parameters/1"], 7);
        // No responses: the operation's line.
        assert_eq!(lines["#/paths/~1a~1{b}/get/responses/404"], 4);
    }

    #[test]
    fn json_text_is_located_too() {
        let text = "{\n  \"components\": {\n    \"schemas\": {\n      \"A\": {\"type\": \"object\"}\n    }\n  }\n}\n";
        assert_eq!(lines_of(text, ["#/components/schemas/A"])["#/components/schemas/A"], 4);
    }
}
