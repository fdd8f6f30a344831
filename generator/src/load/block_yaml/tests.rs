//! The reader is a fast path in front of serde_yaml 0.9, so every test here is differential:
//! whenever [`from_str`] answers `Some`, serde_yaml must read the same text as `Ok` with the
//! same value, down to how plain scalars resolve. `None` is always allowed by that contract;
//! the tests that need more (that the shapes specs are written in, and the Atlas specs, are
//! read here rather than handed back) say so with their own assertions.
//!
//! The values are compared as [`Node`]s, which record every `visit_*` call of `deserialize_any`
//! (an unsigned against a signed integer, a float's bits, the order and repetition of keys), so
//! that a difference that a looser type such as `serde_json::Value` would hide still shows.

// The loader's own catch: openapiv3's expected panics stay off the output (report and
// backtrace), other threads' panics are reported as before.
use crate::load::parse::quiet_panics::catch as quietly;
use std::collections::BTreeMap;
use std::fmt::{self, Debug};
use std::path::{Path, PathBuf};
use std::time::Instant;

use openapiv3::OpenAPI;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::from_str;

// ---------------------------------------------------------------------------------------------
// What serde_yaml resolves, call by call.

/// A YAML node as `deserialize_any` reports it.
#[derive(Clone, PartialEq, Eq)]
enum Node {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    U128(u128),
    I128(i128),
    /// The bits, so that NaN equals itself and `-0.0` differs from `0.0`.
    F64(u64),
    Str(String),
    Seq(Vec<Node>),
    /// In written order, repeated keys kept.
    Map(Vec<(Node, Node)>),
}

impl Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Null => f.write_str("Null"),
            Node::Bool(b) => write!(f, "{b}"),
            Node::U64(n) => write!(f, "{n}u64"),
            Node::I64(n) => write!(f, "{n}i64"),
            Node::U128(n) => write!(f, "{n}u128"),
            Node::I128(n) => write!(f, "{n}i128"),
            Node::F64(bits) => write!(f, "{:?}f64({bits:#x})", f64::from_bits(*bits)),
            Node::Str(s) => write!(f, "{s:?}"),
            Node::Seq(items) => f.debug_list().entries(items).finish(),
            Node::Map(entries) => f.debug_map().entries(entries.iter().map(|(k, v)| (k, v))).finish(),
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::U64(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::I64(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(Node::U128(v))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::I128(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::F64(v.to_bits()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
}

/// The comparison is only as strict as `Node`: it must tell apart what serde_yaml tells apart.
#[test]
fn a_typed_node_records_what_serde_yaml_resolves() {
    let text = "[1, -1, 0x1F, -0, 1.0, -0.0, .nan, 1e400, 007, '1', ~, '', true, 18446744073709551616, {a: 1, a: 2}]";
    let node: Node = serde_yaml::from_str(text).expect("parses");
    let expected = Node::Seq(vec![
        Node::U64(1),
        Node::I64(-1),
        Node::U64(31),
        Node::I64(0),
        Node::F64(1f64.to_bits()),
        Node::F64((-0f64).to_bits()),
        Node::F64(f64::NAN.copysign(1.0).to_bits()),
        Node::Str("1e400".to_owned()),
        Node::Str("007".to_owned()),
        Node::Str("1".to_owned()),
        Node::Null,
        Node::Str(String::new()),
        Node::Bool(true),
        Node::U128(u128::from(u64::MAX) + 1),
        Node::Map(vec![(Node::Str("a".to_owned()), Node::U64(1)), (Node::Str("a".to_owned()), Node::U64(2))]),
    ]);
    assert_eq!(node, expected);
    assert_ne!(Node::F64(0f64.to_bits()), Node::F64((-0f64).to_bits()));
}

/// Where two nodes first differ, for documents too large to print whole.
fn first_difference(ours: &Node, theirs: &Node) -> String {
    fn walk(ours: &Node, theirs: &Node, path: &mut String) -> Option<String> {
        match (ours, theirs) {
            (Node::Seq(a), Node::Seq(b)) => {
                for (index, (x, y)) in a.iter().zip(b).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("/{index}"));
                    if let Some(found) = walk(x, y, path) {
                        return Some(found);
                    }
                    path.truncate(len);
                }
                (a.len() != b.len())
                    .then(|| format!("{path}: {} items from from_str, {} from serde_yaml", a.len(), b.len()))
            }
            (Node::Map(a), Node::Map(b)) => {
                for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                    if ka != kb {
                        return Some(format!("{path}: key {ka:?} from from_str, {kb:?} from serde_yaml"));
                    }
                    let len = path.len();
                    path.push_str(&format!("/{ka:?}"));
                    if let Some(found) = walk(va, vb, path) {
                        return Some(found);
                    }
                    path.truncate(len);
                }
                (a.len() != b.len())
                    .then(|| format!("{path}: {} entries from from_str, {} from serde_yaml", a.len(), b.len()))
            }
            _ if ours == theirs => None,
            _ => Some(format!("{path}: {} from from_str, {} from serde_yaml", clip(ours), clip(theirs))),
        }
    }
    walk(ours, theirs, &mut String::new()).unwrap_or_else(|| "no difference found".to_owned())
}

/// The same for JSON values, to place a difference between two typed values (an `OpenAPI`).
fn first_json_difference(ours: &serde_json::Value, theirs: &serde_json::Value) -> String {
    use serde_json::Value;
    fn walk(ours: &Value, theirs: &Value, path: &mut String) -> Option<String> {
        match (ours, theirs) {
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                a.iter().zip(b).enumerate().find_map(|(index, (x, y))| {
                    let len = path.len();
                    path.push_str(&format!("/{index}"));
                    let found = walk(x, y, path);
                    path.truncate(len);
                    found
                })
            }
            (Value::Object(a), Value::Object(b)) if a.keys().eq(b.keys()) => a.iter().find_map(|(key, x)| {
                let len = path.len();
                path.push_str(&format!("/{key}"));
                let found = walk(x, &b[key], path);
                path.truncate(len);
                found
            }),
            _ if ours == theirs => None,
            _ => Some(format!("{path}: {} from from_str, {} from serde_yaml", clip(ours), clip(theirs))),
        }
    }
    walk(ours, theirs, &mut String::new()).unwrap_or_else(|| "no difference found".to_owned())
}

fn clip(value: &impl Debug) -> String {
    let text = format!("{value:?}");
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

// ---------------------------------------------------------------------------------------------
// The contract.

/// What `from_str::<T>(text)` gave, once checked against serde_yaml: `Ok(None)` when it handed
/// the text back. A panic of serde_yaml counts as its error. A panic under `from_str` is a
/// failure unless serde_yaml panics too: then it is `T`'s own (openapiv3's `ReferenceOr` panics
/// on an object with a repeated key), which the loader catches whichever parser runs.
fn checked<T: DeserializeOwned + PartialEq + Debug>(text: &str) -> Result<Option<T>, String> {
    let ours = match quietly(|| from_str::<T>(text)) {
        Ok(ours) => ours,
        Err(message) => {
            return match quietly(|| serde_yaml::from_str::<T>(text)) {
                Err(_) => Ok(None),
                Ok(_) => Err(format!("from_str::<{}> panicked ({message}) on {text:?}", std::any::type_name::<T>())),
            };
        }
    };
    let Some(ours) = ours else { return Ok(None) };
    match quietly(|| serde_yaml::from_str::<T>(text)) {
        Ok(Ok(theirs)) if theirs == ours => Ok(Some(ours)),
        Ok(Ok(theirs)) => Err(format!(
            "from_str::<{}> reads {text:?}\n    as {}\nbut serde_yaml as {}",
            std::any::type_name::<T>(),
            clip(&ours),
            clip(&theirs)
        )),
        Ok(Err(error)) => Err(format!(
            "from_str::<{}> reads {text:?}\n    as {}\nbut serde_yaml fails: {error}",
            std::any::type_name::<T>(),
            clip(&ours)
        )),
        Err(_) => Err(format!("from_str::<{}> reads {text:?}, on which serde_yaml panics", std::any::type_name::<T>())),
    }
}

/// The contract for the untyped node, for the two typed targets the loader reads, and for two
/// that take other paths through the deserializer: an untagged enum (buffered, then replayed)
/// and `IgnoredAny` (skipped).
fn check_all(text: &str) -> Result<bool, String> {
    let accepted = checked::<Node>(text)?.is_some();
    checked::<serde_json::Value>(text)?;
    checked::<OpenAPI>(text)?;
    checked::<BTreeMap<String, Either>>(text)?;
    checked::<IgnoredAny>(text)?;
    Ok(accepted)
}

/// The texts serde_yaml reads but the reader hands back.
fn handed_back<'t>(texts: &[&'t str], accepted: &[bool]) -> Vec<&'t str> {
    let well_formed = |text: &&str| serde_yaml::from_str::<Node>(text).is_ok();
    texts.iter().zip(accepted).filter(|(_, read)| !**read).map(|(text, _)| *text).filter(well_formed).collect()
}

/// Checks each text, and panics with every failure at once.
fn check_each(texts: &[&str]) -> Vec<bool> {
    let mut failures = Vec::new();
    let accepted = texts
        .iter()
        .map(|text| {
            check_all(text).unwrap_or_else(|failure| {
                failures.push(failure);
                false
            })
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} texts:\n\n{}", failures.len(), texts.len(), failures.join("\n\n"));
    accepted
}

// ---------------------------------------------------------------------------------------------
// Hand-written cases.

/// The shapes specs are written in must be read here: falling back on them would lose the
/// reader's point.
#[test]
fn the_shapes_specs_are_written_in_are_read_here() {
    let texts = [
        // A plain description over several lines, with a paragraph break.
        "description: A long description that\n  goes on over\n  three lines.\n\n  And a second paragraph.\nname: x\n",
        "description: |-\n  {\n    \"a\": 1\n  }\nnext: 1\n",
        "a: |\n  one\n\n  two\n\n\nb: 2\n",
        "a: >\n  folded\n  text\n\n    more indented\n  back\nb: 2\n",
        "a: >-\n  folded\n  stripped\nb: 2\n",
        // Atlas writes an explicit indentation indicator when the first line is more indented.
        "example: |4\n      forbid (\n        principal\n      ) when {\n    };\nnext: 1\n",
        "required:\n- a\n- b\nnext: 1\n",
        "parameters:\n  - name: x\n    in: query\n    required: true\n  - $ref: '#/components/parameters/y'\n",
        "responses:\n  '200':\n    description: OK\n  \"404\":\n    description: Not found\n",
        "enum: ['a', \"b\", 'c''d', 1]\nsecurity: []\nscopes: {}\n",
        "a: \"line\\nbreak \\\"q\\\" \\\\ \\t \\u00e9 \\/\"\n",
        "# top\na: 1 # trailing\n  # indented\nb: 2\n",
        "---\nopenapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\n",
        "a: 'It''s: #not a comment'\nb: \"x: y\"\n",
        "a:\nb: ~\nc: null\nd: ''\n",
        "a: 1",
        "a: 'a long single-quoted\n  string over two lines'\nb: \"and a double-quoted\n  one\"\n",
        "a: >-\n  folded and\n  stripped\nb: |+\n  kept\n\nc: 1\n",
    ];
    let accepted = check_each(&texts);
    let handed_back = handed_back(&texts, &accepted);
    assert!(handed_back.is_empty(), "handed back to serde_yaml: {handed_back:#?}");
}

/// Plain scalars resolve to null, booleans, integers and floats exactly as serde_yaml 0.9
/// resolves them, in a value, a key and a flow sequence.
#[test]
fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
    let mut values = Vec::new();
    for scalar in PLAIN {
        values.push(format!("k: {scalar}\n"));
    }
    for scalar in FLOW_PLAIN {
        values.push(format!("k: [{scalar}, {scalar}]\n"));
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let accepted = check_each(&values);
    let handed_back = handed_back(&values, &accepted);
    assert!(handed_back.is_empty(), "well-formed plain scalars handed back to serde_yaml: {handed_back:#?}");
    // As keys some of them end early (`a #not: v` is the scalar `a` and a comment), so only
    // agreement is asked.
    let keys: Vec<String> = PLAIN.iter().map(|scalar| format!("{scalar}: v\n")).collect();
    check_each(&keys.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn shapes_outside_the_subset_are_handed_back() {
    let texts = [
        "a: &x 1\nb: *x\n",
        "a: !custom 1\n",
        "a: !!str 1\n",
        "? a\n: 1\n",
        "%YAML 1.2\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 1\r\nb: 2\r\n",
        "\u{feff}a: 1\n",
        "a:\n\tb: 1\n",
    ];
    check_each(&texts);
    let read: Vec<&str> = texts.iter().copied().filter(|text| from_str::<Node>(text).is_some()).collect();
    assert!(read.is_empty(), "read, not handed back: {read:#?}");
}

/// Errors of every kind; none of them may be read.
#[test]
fn what_serde_yaml_rejects_is_never_read() {
    let texts = [
        "a: b: c\n",
        "a: 'unterminated\n",
        "a: \"unterminated\n",
        "a: [1, 2\n",
        "a: {b: 1\n",
        "a: ]\n",
        "a: }\n",
        "a:\n  b: 1\n c: 2\n",
        "a:\n  - 1\n  b: 2\n",
        "- a\nb: 1\n",
        "a: 1\nb\n",
        "a: \"\\q\"\n",
        "a: \"\\x4\"\n",
        "a: \"\\ud800\"\n",
        "a: @x\n",
        "a: `x\n",
        "a: %x\n",
        "a: 'x' y\n",
        "a: \"x\" y\n",
        "a: [x] y\n",
        "key: value\n  more: x\n",
        "a: -\n",
        "a:\n- b\n - c\n",
        "a: |\n  x\n y\n",
        "a: |0\n  x\n",
        "a: |10\n  x\n",
        "a: |-+\n  x\n",
        "a: |x\n  x\n",
        "a: >\n   \n  x\n",
        "a: 'x\n---\n  y'\n",
        "a: 'x\n...\n  y'\n",
        "a: \"x\n\ty\"\n",
        "a: b\n\t# tab before a comment\n",
        "a: [b,\nc]\n",
        "a:\n  b\n  c: d\n",
        "a: b #c\n  d\n",
        "a: \"x\"#c\n",
        "a: [b]#c\n",
        "'a\n  b': c\n",
        "a: {b: 1, b: 2}\n",
        "\"a\":1\n",
        "a: *\n",
        "a: &\n",
        "a: !\n",
        "[a, b\n",
        "{a: 1}}\n",
        "a: 1\n...\nb: 2\n",
    ];
    check_each(&texts);
}

/// Empty documents, document markers, comments only: small texts that a reader might get wrong
/// at its edges.
#[test]
fn edges_of_the_document_read_as_serde_yaml_reads_them() {
    let texts = [
        "",
        "\n",
        "\n\n",
        " \n",
        "# only a comment\n",
        "# no newline",
        "---\n",
        "---",
        "--- \n",
        "--- # c\na: 1\n",
        "---\na: 1\n...\n",
        "a: 1\n...\n",
        "a: 1\n... # c\n",
        "...\n",
        "---a: 1\n",
        "a: ---\n",
        "a: ...\n",
        "a: |\n  ---\n  ...\n",
        "a: |\n---\n",
        "a: b\n--- \n",
        "a: b\n---\n",
        "a:",
        "a: |",
        "a: |\n",
        "a: |-\n  x",
        "a: >+\n  x\n\n",
        "a: 'x'",
        "a: \"x\"",
        "a: [x]",
        "a:    \n",
        "a: b   \n",
        "a: b # c",
        "hello\n",
        "'hello'\n",
        "- a\n- b\n",
        "- name: x\n  in: query\n- name: y\n",
        "[a, b]\n",
        "{a: 1}\n",
        "a: 1\n\n\n",
        "\n\na: 1\n",
        "   a: 1\n   b: 2\n",
        "a: 1\n   \n\t\nb: 2\n",
    ];
    check_each(&texts);
}

/// Line folding in plain, quoted and block scalars: where libyaml's rules are subtlest.
#[test]
fn scalars_fold_as_libyaml_folds_them() {
    let texts = [
        "a: x\n  y\n\n  z\n\n\n  w\nb: 1\n",
        "a: x  \n  y\n",
        "a: x\n  \ty\n",
        "a: x\n    \n  y\n",
        "- x\n  y\n- z\n",
        "- a: x\n    y\n  b: z\n",
        "a: 'x  \n   y'\n",
        "a: 'x\n\n   y\n\n\n   z'\n",
        "a: '  lead\n  trail  '\n",
        "a: \"x \\\n  y\"\n",
        "a: \"x\\\n  \\ y\"\n",
        "a: \"x\n\n  y\"\n",
        "a: \"\\\n  x\"\n",
        "a: \"x\\n\n  y\"\n",
        "a: \"tab\\\there\"\n",
        "a: >\n  a\n  b\n\n  c\n   d\n  e\n",
        "a: >\n  a\n\n\n  b\n",
        "a: >\n  a\n  \tb\n  c\n",
        "a: >\n\n  a\n",
        "a: >-\n  a\n\n",
        "a: >+\n  a\n\n\nb: 1\n",
        "a: |+\n  a\n\n\nb: 1\n",
        "a: |+\n  a\n",
        "a: |+\n\n",
        "a: |-\n\n  x\n",
        "a: |\n \n  x\n",
        "a: |\n  \n  x\n",
        "a: |\n   \n  x\n",
        "a: >\n\n\n",
        "a: |\n",
        "a: |2\n   x\n  y\n",
        "a: |1\n  x\n",
        "a: |2-\n    x\n",
        "a: |-2\n    x\n",
        "a: >2+\n    x\n\n",
        "- |\n  x\n- >-\n  y\n",
        "- |2\n   x\n",
        "- a: |2\n     x\n  b: 1\n",
        "a:\n- |1\n  x\n",
        "a: |\n  \tx\n  y\n",
        "a: |\n\t\n",
        "a: |\n  x  \n  y\t\n",
        "a: | # c\n  x\n",
        "a: |\n  x\n # less indented comment\nb: 1\n",
        "a: |\n  x\n  # more indented: content\nb: 1\n",
        "a: >\n  x\n # c\n",
        "a: >\n x\n\n  y\n z\n",
        "a: |\n    x\n  y\n",
        "a:\n  b: |\n    x\n\n  c: 1\n",
    ];
    check_each(&texts);
}

/// Flow collections, tabs, keys: everything that separates tokens within a line.
#[test]
fn lines_split_into_tokens_as_libyaml_splits_them() {
    let texts = [
        "a: [a, 'b', \"c\", 1]\nb: {a: 1, \"b\": x}\n",
        "a: [[a], {b: c}, [], {}]\n",
        "a: [a,\n  b,\n  c]\n",
        "a: {a: 1,\n  b: 2}\n",
        "a: [a, b, ]\n",
        "a: {a: 1, }\n",
        "a: [a , b]\n",
        "a: [ a, b ]\n",
        "a: [a,b]\n",
        "a: {\"a\":1}\n",
        "a: {a:1}\n",
        "a: {a: }\n",
        "a: {a}\n",
        "a: {a, b: 1}\n",
        "a: [a: 1]\n",
        "a: [http://x]\n",
        "a: [a:b]\n",
        "a: [-]\n",
        "a: [- a]\n",
        "a: [a #c\n  , b]\n",
        "a: [a, # c\n  b]\n",
        "a: ['a''b', \"a\\\"b\"]\n",
        "a: [a\n  b]\n",
        "a: [\n  a\n]\n",
        "a: {\n  b: 1\n}\n",
        "a:\t1\n",
        "a: 1\t\n",
        "a: 1\t# c\n",
        "a:\tb # c\n",
        "a: [1,\t2]\n",
        "- \ta\n",
        "-\ta\n",
        "a :1\n",
        "a : 1\n",
        "a  : 1\n",
        "'a' : 1\n",
        "\"a\": 1\n",
        "'': 1\n",
        "\"\": 1\n",
        "a:b: 1\n",
        "a#b: 1\n",
        "a #b: 1\n",
        "1: a\n2: b\n",
        "true: a\nnull: b\n~: c\n1.5: d\n0x1F: e\n",
        "a: 1\na: 2\n",
        "- a: 1\n  a: 2\n",
        "a: x: y\n",
        "a: 'x': y\n",
        "[a]: 1\n",
        "{a: 1}: 2\n",
        "-a: 1\n",
        "- - a\n  - b\n- c\n",
        "- - - a\n",
        "-   a: 1\n    b: 2\n",
        "- a: 1\n  b:\n  - c\n  - d\n",
        "a:\n  - b:\n    - c\n",
        "a:\n -\n  b\n",
        "a:\n  -\n    b: 1\n",
        "a:\n  - # c\n    b: 1\n",
        "a: # c\n  b: 1\n",
        "a: # c\n- b\n",
        "a:\n\n  b: 1\n",
        "a:\n  # c\n  b: 1\n",
        "a:\n# c\n  b: 1\n",
        "a:\n  b: 1\n # c\n  c: 2\n",
        "'a':b\n",
        "\"a\":b\n",
        "'a':\n",
        "a\t: 1\n",
        "a:\t\n",
        "-: 1\n",
        "-:\n",
        ":a: 1\n",
        "a:: 1\n",
        "a: [a,,b]\n",
        "a: [,]\n",
        "a: {,}\n",
        "a: {a: b: c}\n",
        "a: {? b: c}\n",
        "a: [? b: c]\n",
        "a: [{b: c}: d]\n",
        "a: | x\n",
        "a: |#c\n  x\n",
        "a: |  # c\n  x\n",
        "a: >\t# c\n  x\n",
        "a: |4\n  x\n",
        "  a: 1\nb: 2\n",
        "a: 1\n  b: 2\n",
        "a:\n  - 1\n - 2\n",
        "a:\n - 1\n  - 2\n",
        "a: x\n\ty\n",
        "a:\n  b: x\n\ty\n",
        "a:\u{a0}b\n",
        "a: b\u{a0}\n",
        "\u{a0}a: b\n",
        "--- |\n  x\n",
        "--- >-\n  x\n  y\n",
        "--- 'x'\n",
        "--- [a]\n",
        "a: [\n]\n",
        "a: [\n  ]\nb: 1\n",
        "a: {\n}\n",
        "a: [a]\n  b: 1\n",
        "a: 'x'\n  b: 1\n",
        "a: \"x\" # c\n  b\n",
        "a: |\n  x\n  b: 1\n",
        "? \n",
        "a: ? b\n",
        "{'a\n  b': c}\n",
        "a: {'b\n  c': d}\n",
        "a: b:\n",
        "a: http:\n",
        "a: b:c:\n",
        "<<: {a: 1}\n",
        "a: |\n# c\n  x\n",
        "a: |\n  x",
        "a: |+\n  x",
        "a: >\n  x\n  y",
        "a: |\n  x\n  ",
        "a: >\n  x\n\n  ",
        "a: 'x\n  '",
        "a: x\n  ",
        "example: {\n  \"80/tcp\": {},\n  \"443/tcp\": {}\n}\nnext: 1\n",
        "a:\n  example: {\n    b: 1\n  }\n",
        "a:\n  example: [\n    1\n  ]\n  next: 1\n",
        "a:\n  example: [\n  1]\n",
        "a:\n  example: [\n 1]\n",
        "a:\n  example: [\n1]\n",
        "a: [b\n  c, d\ne]\n",
        "a: {b\n  c: d}\n",
        "a: {\"b\n  c\": d}\n",
        "a: {b: 1, 'c\n  d': e}\n",
        "a: ['b\n  c': d]\n",
        "a: [\"b\n  c\": d]\n",
        "a: [b\n  c: d]\n",
        "a: {'b\n  c'}\n",
        "a: {'b\n  c',}\n",
        "a: ['b\n  c']\n",
        "a: {b: 'c\n  d'}\n",
        "a: {'b': 'c\n  d'}\n",
        "a: {'b'\n  : c}\n",
        "a: {b\n  : c}\n",
        "a: [b\n  : c]\n",
        "a: {b: c\n  d}\n",
    ];
    check_each(&texts);
}

/// Characters libyaml rejects or treats as line breaks, written and escaped.
#[test]
fn characters_read_as_libyaml_reads_them() {
    let characters = [
        "\u{0}",
        "\u{1}",
        "\u{8}",
        "\u{b}",
        "\u{c}",
        "\u{1b}",
        "\u{7f}",
        "\u{80}",
        "\u{85}",
        "\u{9f}",
        "\u{a0}",
        "\u{d7ff}",
        "\u{e000}",
        "\u{feff}",
        "\u{fffd}",
        "\u{fffe}",
        "\u{ffff}",
        "\u{10000}",
        "\u{10ffff}",
        "\u{2028}",
        "\u{2029}",
        "\r",
        "\t",
    ];
    let mut texts = Vec::new();
    for c in characters {
        texts.push(format!("a: x{c}y\n"));
        texts.push(format!("a: 'x{c}y'\n"));
        texts.push(format!("a: \"x{c}y\"\n"));
        texts.push(format!("a: |\n  x{c}y\n"));
        texts.push(format!("a: 1 # x{c}y\n"));
        texts.push(format!("# x{c}y\na: 1\n"));
        texts.push(format!("x{c}y: 1\n"));
        texts.push(format!("a: [x{c}y]\n"));
        texts.push(format!("a: 1\n{c}\n"));
    }
    let escapes = [
        "\\x00",
        "\\x7F",
        "\\x85",
        "\\xA0",
        "\\xff",
        "\\u0000",
        "\\uFEFF",
        "\\uFFFE",
        "\\uFFFF",
        "\\uD7FF",
        "\\uD800",
        "\\uDFFF",
        "\\uE000",
        "\\U0010FFFF",
        "\\U00110000",
        "\\UFFFFFFFF",
        "\\u00",
        "\\u00g0",
        "\\xG0",
        "\\",
        "\\\t",
        "\\ ",
        "\\'",
        "\\%",
        "\\\u{e9}",
    ];
    for escape in escapes {
        texts.push(format!("a: \"x{escape}y\"\n"));
        texts.push(format!("\"x{escape}y\": 1\n"));
    }
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    check_each(&texts);
}

/// Deeper nesting than serde_yaml's recursion limit (128) makes serde_yaml fail, so the reader
/// must not read it either; and no depth may overflow the reader's stack.
#[test]
fn nesting_is_read_only_within_serde_yaml_limits() {
    let mut texts = Vec::new();
    for depth in [2, 20, 63, 64, 65, 66, 127, 128, 129, 130] {
        let mut block = String::new();
        for level in 0..depth {
            block.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
        }
        block.push_str(&format!("{}leaf: 1\n", " ".repeat(depth)));
        texts.push(block);
        let mut sequence = String::new();
        for level in 0..depth {
            sequence.push_str(&format!("{}-\n", " ".repeat(level)));
        }
        sequence.push_str(&format!("{}- 1\n", " ".repeat(depth)));
        texts.push(sequence);
        texts.push(format!("k: {}1{}\n", "[".repeat(depth), "]".repeat(depth)));
        texts.push(format!("k: {}{}\n", "{a: ".repeat(depth), "}".repeat(depth)));
    }
    // Far beyond any limit: a recursive reader without one would overflow the stack (an abort,
    // not a panic, so it would end the whole test run).
    texts.push(format!("k: {}\n", "[".repeat(100_000)));
    texts.push(format!("k: {}1{}\n", "[".repeat(20_000), "]".repeat(20_000)));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    check_each(&texts);
}

/// libyaml does not look further than 1024 characters for the `:` of a simple key.
#[test]
fn simple_keys_are_read_only_within_libyaml_limits() {
    let mut texts = Vec::new();
    for length in 1018..=1030 {
        texts.push(format!("{}: v\n", "k".repeat(length)));
        texts.push(format!("{} : v\n", "k".repeat(length - 1)));
        texts.push(format!("'{}': v\n", "k".repeat(length - 2)));
        texts.push(format!("\"{}\": v\n", "k".repeat(length - 2)));
        texts.push(format!("a:\n  {}: v\n", "k".repeat(length)));
        texts.push(format!("- {}: v\n", "k".repeat(length)));
        texts.push(format!("a: {{{}: v}}\n", "k".repeat(length)));
        texts.push(format!("a: {{'{}': v}}\n", "k".repeat(length - 2)));
        texts.push(format!("a: [{}: v]\n", "k".repeat(length)));
        texts.push(format!("a: {{b: 1, {}: v}}\n", "k".repeat(length)));
        // Characters, not bytes, if libyaml counts characters.
        texts.push(format!("{}: v\n", "é".repeat(length / 2)));
        texts.push(format!("{}: v\n", "é".repeat(length)));
        texts.push(format!("{}: v\n", "日".repeat(length)));
    }
    texts.push(format!("a: {}\n", "v".repeat(5000)));
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    check_each(&texts);
}

#[derive(Debug, PartialEq, Deserialize)]
struct Field<T> {
    k: T,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct StrictField<T> {
    k: T,
}

/// As openapiv3 reads its objects: known fields, and the rest gathered by `flatten`.
#[derive(Debug, PartialEq, Deserialize)]
struct Flattened<T> {
    k: Option<T>,
    #[serde(flatten)]
    rest: indexmap::IndexMap<String, serde_json::Value>,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Defaulted {
    #[serde(default)]
    k: Vec<String>,
    #[serde(default)]
    other: Option<bool>,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Unit {
    Alpha,
    #[serde(rename = "1")]
    One,
    #[serde(rename = "")]
    Empty,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Either {
    Int(u64),
    Signed(i64),
    Flag(bool),
    Text(String),
    List(Vec<Either>),
    Map(BTreeMap<String, Either>),
    Nothing(()),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Newtype(String);

#[derive(Debug, PartialEq, Deserialize)]
struct Pair {
    a: u8,
    b: Option<String>,
}

#[derive(Debug, PartialEq, Deserialize)]
enum Tagged {
    A(u8),
    B { x: u8 },
    C,
}

/// A float by its bits, as `deserialize_f64` gives it.
#[derive(Debug, PartialEq)]
struct F64Bits(u64);

impl<'de> Deserialize<'de> for F64Bits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        f64::deserialize(deserializer).map(|v| F64Bits(v.to_bits()))
    }
}

#[derive(Debug, PartialEq)]
struct F32Bits(u32);

impl<'de> Deserialize<'de> for F32Bits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        f32::deserialize(deserializer).map(|v| F32Bits(v.to_bits()))
    }
}

/// Each typed `deserialize_*` call answers as serde_yaml's does: which scalars a bool, an
/// integer, a float, a string, an option or a unit accepts, and how.
#[test]
fn typed_targets_read_as_serde_yaml_reads_them() {
    let mut values: Vec<String> = PLAIN.iter().map(|scalar| format!(" {scalar}")).collect();
    values.extend(
        [
            "",
            " ''",
            " \"\"",
            " '1'",
            " \"true\"",
            " 'null'",
            " '~'",
            " 'Alpha'",
            " Alpha",
            " \"1\"",
            " ' 1'",
            " 'x'",
            " \"é\"",
            " é",
            " ab",
            " |\n  x",
            " |\n  1",
            " |-\n  1",
            " >-\n  true",
            " |\n  null",
            " [a, 1]",
            " [1, 2, 3]",
            " [~, '', 1]",
            " {a: 1}",
            " {a: [1, {b: null}]}",
            " []",
            " {}",
            "\n  a: 1",
            "\n  a:\n  b: x",
            "\n  - 1\n  - true",
            "\n- 1\n- -2",
            "\n  - a: 1\n    b: [x]",
            " 255",
            " 256",
            " -128",
            " -129",
            " 4294967296",
            " 3.4e38",
            " 3.5e38",
            " 1e-50",
            " 0x100",
            " -0x80",
            " -0x81",
            " +0o377",
            " 0b11111111",
            " [a, b]",
            " [1, x]",
            " {a: 1, b: x}",
            " {a: 1, b: ~, c: 2}",
            " {A: 1}",
            " {B: {x: 1}}",
            " C",
            " 'C'",
            " |\n  C",
            " {C: ~}",
        ]
        .map(str::to_owned),
    );
    let mut texts = Vec::new();
    for value in &values {
        texts.push(format!("k:{value}\n"));
        texts.push(format!("k:{value}\nextra: [1, {{a: b}}, |\n  text\n  ]\n"));
        texts.push(format!("extra:\n  - x\nk:{value}\n"));
    }
    let mut failures = Vec::new();
    let mut read = 0usize;
    let mut tried = 0usize;
    macro_rules! check_types {
        ($($t:ty),* $(,)?) => {
            for text in &texts {
                $(
                    tried += 1;
                    match checked::<$t>(text) {
                        Ok(Some(_)) => read += 1,
                        Ok(None) => {}
                        Err(failure) => failures.push(failure),
                    }
                )*
            }
        };
    }
    check_types!(
        Field<bool>,
        Field<i8>,
        Field<i32>,
        Field<i64>,
        Field<i128>,
        Field<u8>,
        Field<u32>,
        Field<u64>,
        Field<u128>,
        Field<F64Bits>,
        Field<F32Bits>,
        Field<char>,
        Field<String>,
        Field<Newtype>,
        Field<Option<String>>,
        Field<Option<u32>>,
        Field<Option<bool>>,
        Field<Option<Node>>,
        Field<Option<Option<String>>>,
        Field<()>,
        Field<Option<()>>,
        Field<Vec<String>>,
        Field<Vec<Option<u8>>>,
        Field<(String, u8)>,
        Field<(String,)>,
        Field<[u8; 2]>,
        Field<Pair>,
        Field<Vec<Pair>>,
        Field<Tagged>,
        Field<Option<Tagged>>,
        Field<Box<str>>,
        Field<std::collections::HashSet<String>>,
        Field<BTreeMap<String, String>>,
        Field<BTreeMap<String, Node>>,
        Field<BTreeMap<u8, String>>,
        Field<indexmap::IndexMap<String, serde_json::Value>>,
        Field<Unit>,
        Field<Either>,
        Field<serde_json::Value>,
        Field<Node>,
        Field<IgnoredAny>,
        StrictField<String>,
        StrictField<Node>,
        Flattened<String>,
        Flattened<u64>,
        Flattened<bool>,
        Flattened<Either>,
        Defaulted,
        Either,
        BTreeMap<String, Node>,
        Vec<Node>,
        Option<Node>,
        Node,
    );
    eprintln!("typed targets: {read} of {tried} reads accepted");
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Real documents.

/// The first line whose addition makes the reader hand a document's beginning back, found by
/// bisection. A beginning that stops inside a multi-line scalar is not read either, so a line
/// found that way is passed over when the beginning up to the scalar's end is read.
fn where_it_gives_up(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let ends: Vec<usize> = lines
        .iter()
        .scan(0, |end, line| {
            *end += line.len();
            Some(*end)
        })
        .collect();
    let read = |count: usize| from_str::<Node>(&text[..ends[count - 1]]).is_some();
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    if lines.is_empty() || read(lines.len()) {
        return "every beginning is read".to_owned();
    }
    let mut good = 0;
    loop {
        let mut bad = lines.len();
        while bad - good > 1 {
            let middle = (good + bad) / 2;
            if read(middle) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        let column = indent(lines[bad - 1]);
        let scalar_end =
            (bad + 1..lines.len()).find(|&count| !lines[count].trim().is_empty() && indent(lines[count]) <= column);
        match scalar_end {
            Some(count) if read(count) => good = count,
            _ => return format!("gives up at line {bad}: {}", clip(&lines[bad - 1].trim_end())),
        }
    }
}

/// The corpus of real-world specs: `$SPECFORGE_CORPUS`, else `shared/corpus` beside the
/// repository.
fn corpus_dir() -> PathBuf {
    let (dir, origin) = match std::env::var_os("SPECFORGE_CORPUS") {
        Some(dir) => (PathBuf::from(dir), "from SPECFORGE_CORPUS"),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
            "the default location; set SPECFORGE_CORPUS to use another",
        ),
    };
    assert!(
        dir.is_dir(),
        "the block-YAML reader's tests need the corpus of real specs; it was looked for at {} ({origin}), and is not there",
        dir.display()
    );
    dir
}

fn specs_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/specs");
    assert!(
        dir.is_dir(),
        "the block-YAML reader's tests need the Atlas specs; they were looked for in {}, which is not there",
        dir.display()
    );
    dir
}

/// The `*.yaml` files in `dir` (and below it, with `recurse`), sorted.
fn yaml_files(dir: &Path, recurse: bool) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            if recurse {
                files.extend(yaml_files(&path, true));
            }
        } else if path.extension().is_some_and(|extension| extension == "yaml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// Every YAML spec at hand, read here and by serde_yaml: the same nodes, and the same
/// `OpenAPI` whenever the reader gives one. The Atlas specs, the reason the reader exists, must
/// be read here rather than handed back.
#[test]
fn real_documents_read_as_serde_yaml_reads_them() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = yaml_files(&corpus_dir(), false);
    files.extend(yaml_files(&specs_dir(), false));
    for dir in [manifest.join("../tests/specs"), manifest.join("tests/fixtures"), manifest.join("../spec")] {
        files.extend(yaml_files(&dir, true));
    }
    let mut failures = Vec::new();
    let mut node_fallbacks = Vec::new();
    let mut openapi_fallbacks = Vec::new();
    let mut atlas = Vec::new();
    let (mut ours_time, mut theirs_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    for path in &files {
        let name = path.canonicalize().unwrap_or_else(|_| path.clone()).display().to_string();
        let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {name}: {error}"));
        let start = Instant::now();
        let ours = quietly(|| from_str::<Node>(&text));
        ours_time += start.elapsed();
        let node_read = match ours {
            Err(message) => {
                failures.push(format!("{name}: from_str::<Node> panicked: {message}"));
                continue;
            }
            Ok(None) => {
                node_fallbacks.push(format!("{name}: {}", where_it_gives_up(&text)));
                false
            }
            Ok(Some(ours)) => {
                let start = Instant::now();
                let theirs = serde_yaml::from_str::<Node>(&text);
                theirs_time += start.elapsed();
                match theirs {
                    Ok(theirs) if theirs == ours => {}
                    Ok(theirs) => {
                        failures.push(format!("{name}: Node differs at {}", first_difference(&ours, &theirs)))
                    }
                    Err(error) => failures.push(format!("{name}: read as a Node, but serde_yaml fails: {error}")),
                }
                true
            }
        };
        let start = Instant::now();
        let ours = quietly(|| from_str::<OpenAPI>(&text));
        ours_time += start.elapsed();
        let openapi_read = match ours {
            Err(message) => {
                failures.push(format!("{name}: from_str::<OpenAPI> panicked: {message}"));
                continue;
            }
            // Worth a look only where the nodes were read: serde_yaml reading the spec means
            // a typed call the reader answers differently.
            Ok(None) if node_read && quietly(|| serde_yaml::from_str::<OpenAPI>(&text)).is_ok_and(|r| r.is_ok()) => {
                openapi_fallbacks.push(format!("{name} (serde_yaml reads it as OpenAPI)"));
                false
            }
            Ok(None) => false,
            Ok(Some(ours)) => {
                let start = Instant::now();
                let theirs = serde_yaml::from_str::<OpenAPI>(&text);
                theirs_time += start.elapsed();
                match theirs {
                    Ok(theirs) if theirs == ours => {}
                    Ok(theirs) => failures.push(format!(
                        "{name}: OpenAPI differs at {}",
                        first_json_difference(
                            &serde_json::to_value(&ours).expect("serializes"),
                            &serde_json::to_value(&theirs).expect("serializes")
                        )
                    )),
                    Err(error) => failures.push(format!("{name}: read as OpenAPI, but serde_yaml fails: {error}")),
                }
                true
            }
        };
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if file_name.starts_with("atlas-admin-v2") {
            atlas.push((name, node_read, openapi_read));
        }
    }
    eprintln!("block_yaml: {} YAML files; from_str took {ours_time:?}, serde_yaml {theirs_time:?}", files.len());
    eprintln!("block_yaml: handed back as a Node ({}): {node_fallbacks:#?}", node_fallbacks.len());
    eprintln!(
        "block_yaml: read as nodes but handed back as OpenAPI ({}): {openapi_fallbacks:#?}",
        openapi_fallbacks.len()
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(atlas.len(), 3, "the three Atlas specs in shared/specs: {atlas:?}");
    for (name, node_read, openapi_read) in atlas {
        assert!(node_read && openapi_read, "{name} must be read here (Node: {node_read}, OpenAPI: {openapi_read})");
    }
}

// ---------------------------------------------------------------------------------------------
// Generated documents.

/// The scalars of the common palette: what specs write, and what resolves in surprising ways.
const PLAIN: &[&str] = &[
    "null",
    "~",
    "Null",
    "NULL",
    "nULL",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "false",
    "False",
    "yes",
    "no",
    "on",
    "off",
    "y",
    "0x1F",
    "0x1f",
    "0o17",
    "0b101",
    "+12",
    "-0",
    "0",
    "-1",
    "42",
    "007",
    "-007",
    "+007",
    "00",
    "1e3",
    "1E3",
    "1.5",
    "-2.25e-3",
    "+1.0",
    ".inf",
    "-.Inf",
    "+.inf",
    ".INF",
    ".nan",
    ".NaN",
    "1_000",
    "12:30",
    "2001-12-14",
    "a:b",
    "http://x/y",
    "-dash",
    "a #not",
    "a#b",
    "word",
    "two words",
    "three  spaced  words",
    "é ü 日本",
    "$ref",
    "application/json",
    "/pets/{id}",
    "x,y",
    "a'b",
    "a\"b",
    "back\\slash",
    "50%",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "-9223372036854775809",
    "340282366920938463463374607431768211455",
    "340282366920938463463374607431768211456",
    "-170141183460469231731687303715884105729",
    "1e400",
    "-1e400",
    "1e-400",
    "inf",
    "nan",
    "NaN",
    "infinity",
    "0x",
    "0xG",
    "0x+1",
    "+0x1F",
    "-0x1F",
    "-0o17",
    "-0b101",
    "0o8",
    "0b2",
    "0.",
    ".5",
    "-.5",
    "0.0",
    "-0.0",
    "+-1",
    "--1",
    "1.2.3",
    "~x",
    "x~",
    "Yes",
    "a-",
    "x]",
    "x}",
    "a!b",
    "a&b",
    "a*b",
    "a|b",
    "a>b",
    "a?b",
    "a%b",
    "a@b",
];

/// Plain scalars a spec seldom writes, or that are errors (a reserved indicator first).
const PLAIN_EXTRA: &[&str] = &[
    "?x", ":x", "%x", "@x", "`x", "&x y", "*x", "!x y", "x\ty", "a: b", "- x", "{x", "[x", "'x", "\"x", "|x", ">x",
    "a :b", "a\t#b", "a #", "-x-", "? x", ": x", "-\tx", "-",
];

/// The lines of multi-line plain scalars: no `: ` or ` #`, which would end them.
const WORDS: &[&str] = &[
    "lorem",
    "ipsum dolor",
    "a:b",
    "x-y",
    "é ü",
    "日本語",
    "1",
    "true",
    "null",
    "it's",
    "say \"hi\"",
    "50%",
    "a#b",
    "(paren)",
    "x, y",
    "~",
];

const WORDS_EXTRA: &[&str] = &[
    "[x] {y}", "- x", "? x", "&a", "*b", "!t", "'q'", "\"dq\"", "| x", "> x", "%x", "@x", "trail  ", "x\ty", "a: b",
    "# c", "---", "...", "-",
];

/// Single-quoted text, quotes doubled.
const SINGLE: &[&str] = &[
    "plain",
    "it''s",
    "''",
    "a: b",
    "# not",
    "- x",
    "\"dq\"",
    "back\\slash",
    "é 日本",
    "1",
    "null",
    "true",
    "0x1F",
    "007",
    "",
    "{y} [x]",
    "a, b",
    "&a *b !c",
    "%x @y",
];

const SINGLE_EXTRA: &[&str] = &["  lead", "trail  ", "\t tab", "x\ty", "\\n", "'''"];

/// Double-quoted text, with escapes.
const DOUBLE: &[&str] = &[
    "plain",
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\/",
    "\\u00e9",
    "a: b",
    "# not",
    "'single'",
    "é 日本",
    "1",
    "null",
    "",
    "line\\nbreak",
];

const DOUBLE_EXTRA: &[&str] = &[
    "\\x41",
    "\\0",
    "\\e",
    "\\N",
    "\\_",
    "\\L",
    "\\P",
    "\\a",
    "\\b",
    "\\v",
    "\\f",
    "\\r",
    "\\ ",
    "\\U0001F600",
    "\\u2028",
    "\\u00E9",
    "\\\t",
    "\\ud800",
    "\\q",
    "\\x4",
    "\\U00110000",
    "  lead",
    "trail  ",
    "\t",
];

/// Mapping keys as written.
const KEYS: &[&str] = &[
    "name",
    "in",
    "type",
    "description",
    "required",
    "200",
    "404",
    "default",
    "x-ext",
    "$ref",
    "/pets/{id}",
    "application/json",
    "null",
    "~",
    "true",
    "1",
    "-1",
    "1.5",
    "0x1F",
    "007",
    "a b",
    "é",
    "日本",
    "-k",
    "a.b",
    "_k",
    "'200'",
    "'it''s'",
    "\"a\\tb\"",
    "\"x y\"",
    "''",
    "\"\"",
];

const KEYS_EXTRA: &[&str] =
    &["\"\\u00e9\"", "&a k", "!t k", "a#b", "[k]", "{k: v}", "x:y", "- k", "%k", "? k", "k  ", "k\t", "*a", "[a, b]"];

/// The content lines of block scalars, which are never parsed.
const BLOCK_TEXT: &[&str] = &[
    "text",
    "two words",
    "# not a comment",
    "key: value",
    "- item",
    "'single' and \"double\"",
    "[flow] {map}",
    "é ü 日本",
    "back\\slash",
    "trailing  ",
    "x",
];

const BLOCK_TEXT_EXTRA: &[&str] = &["&a *b !t", "---", "...", "%YAML 1.2", "a\tb", "#", "\\", "\"", "'"];

const FLOW_PLAIN: &[&str] =
    &["a", "b c", "1", "-2", "0x1F", "null", "~", "true", "1e3", ".inf", "007", "é", "a-b", "/p/q", "x.y", "GET"];

const FLOW_PLAIN_EXTRA: &[&str] = &["a:b", "http://x", "-", "?x", "a#b", "x y  z", "@x", "a: b", "#"];

const FLOW_SINGLE: &[&str] = &["b", "it''s", "a, b", "[x]", "# c", "", "{y: z}"];

const FLOW_DOUBLE: &[&str] = &["c", "\\n", "a: b", "{y}", "\\u00e9", "", "x\\\"y"];

const COMMENTS: &[&str] = &["# c", "#", "# a: b - [x] 'q", "#x", "# é"];

/// Keep, strip and clip; specs mostly clip or strip.
const CHOMPS: &[&str] = &["", "-", "+"];
const COMMON_CHOMPS: &[&str] = &["", "-", "", "-", "+"];

const STARTS: &[&str] = &["", "---\n", "--- # c\n", "---\n\n", "--- \n"];
const COMMON_STARTS: &[&str] = &["", "", "---\n"];

/// Which constructs the generator draws from: those of real specs, or also the rare, the
/// malformed and the exotic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Palette {
    Common,
    Full,
}

impl Palette {
    fn full(self) -> bool {
        self == Palette::Full
    }
}

#[derive(Clone, Debug)]
enum Trivia {
    /// A line of only spaces.
    Blank(usize),
    /// A full-line comment, its column relative to the collection's.
    Comment(isize, &'static str),
}

#[derive(Clone, Debug)]
enum Scalar {
    Plain(&'static str),
    /// A plain scalar over several lines: each further line with the blank lines before it,
    /// indented `indent` past the parent's column.
    PlainLines {
        first: &'static str,
        rest: Vec<(usize, &'static str)>,
        indent: usize,
    },
    Quoted {
        double: bool,
        lines: Vec<(usize, String)>,
        indent: usize,
        escaped_breaks: bool,
    },
}

#[derive(Clone, Debug)]
struct Block {
    folded: bool,
    chomp: &'static str,
    explicit: Option<usize>,
    indicator_first: bool,
    /// The content's indentation past the parent's column, without an explicit indicator.
    indent: usize,
    lines: Vec<BlockLine>,
}

#[derive(Clone, Debug)]
enum BlockLine {
    Text { extra: usize, tab: bool, text: &'static str },
    Blank(usize),
}

#[derive(Clone, Debug)]
enum FlowScalar {
    Plain(&'static str),
    /// A plain scalar broken over two lines.
    PlainLines(&'static str, &'static str),
    /// A quoted one, single or double.
    QuotedLines(char, &'static str, &'static str),
    Single(&'static str),
    Double(&'static str),
}

#[derive(Clone, Copy, Debug, Default)]
struct FlowLayout {
    /// A line break after each comma.
    multi_line: bool,
    /// Line breaks after the opening and before the closing bracket.
    open_lines: bool,
    /// The closing bracket at the column of the key that holds the collection (docker-engine's
    /// `example: {` … `}`), not indented past it.
    close_at_key: bool,
    trailing_comma: bool,
    tight: bool,
}

#[derive(Clone, Debug)]
enum Flow {
    Scalar(FlowScalar),
    Seq(Vec<Flow>, FlowLayout),
    Map(Vec<(FlowScalar, Flow)>, FlowLayout),
}

#[derive(Clone, Debug)]
enum Value {
    Empty,
    Scalar(Scalar),
    Block(Block),
    Flow(Flow),
    Map(MapNode),
    Seq(SeqNode),
}

#[derive(Clone, Debug)]
struct MapNode {
    indent: usize,
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    trivia: Vec<Trivia>,
    key: &'static str,
    comment: Option<&'static str>,
    value: Value,
}

#[derive(Clone, Debug)]
struct SeqNode {
    /// Zero for an indentless sequence (`key:\n- a`).
    indent: usize,
    items: Vec<Item>,
}

#[derive(Clone, Debug)]
struct Item {
    trivia: Vec<Trivia>,
    /// Spaces after the dash.
    gap: usize,
    /// A collection starting on the dash's line (`- key: v`, `- - a`).
    compact: bool,
    comment: Option<&'static str>,
    value: Value,
}

#[derive(Clone, Debug)]
struct Doc {
    start: &'static str,
    leading: Vec<Trivia>,
    top: MapNode,
}

fn pad(out: &mut String, column: usize) {
    out.extend(std::iter::repeat_n(' ', column));
}

fn write_trivia(out: &mut String, trivia: &[Trivia], column: usize) {
    for line in trivia {
        match line {
            Trivia::Blank(spaces) => pad(out, *spaces),
            Trivia::Comment(delta, text) => {
                pad(out, column.saturating_add_signed(*delta));
                out.push_str(text);
            }
        }
        out.push('\n');
    }
}

fn write_comment(out: &mut String, comment: Option<&str>) {
    if let Some(comment) = comment {
        out.push(' ');
        out.push_str(comment);
    }
}

impl Doc {
    fn render(&self) -> String {
        let mut out = String::from(self.start);
        write_trivia(&mut out, &self.leading, 0);
        write_map(&mut out, &self.top, 0, false);
        out
    }
}

/// A block mapping with its keys at `column`; with `inline`, the first key is already placed
/// (after a sequence's dash).
fn write_map(out: &mut String, map: &MapNode, column: usize, inline: bool) {
    for (index, entry) in map.entries.iter().enumerate() {
        if index > 0 || !inline {
            write_trivia(out, &entry.trivia, column);
            pad(out, column);
        }
        out.push_str(entry.key);
        out.push(':');
        write_value(out, &entry.value, column, 1, entry.comment, true);
    }
}

fn write_seq(out: &mut String, seq: &SeqNode, column: usize, inline: bool) {
    for (index, item) in seq.items.iter().enumerate() {
        if index > 0 || !inline {
            write_trivia(out, &item.trivia, column);
            pad(out, column);
        }
        out.push('-');
        match &item.value {
            Value::Map(map) if item.compact => {
                pad(out, item.gap);
                write_map(out, map, column + 1 + item.gap, true);
            }
            Value::Seq(seq) if item.compact => {
                pad(out, item.gap);
                write_seq(out, seq, column + 1 + item.gap, true);
            }
            value => write_value(out, value, column, item.gap, item.comment, false),
        }
    }
}

/// The rest of the line after a key's `:` or a dash at `column`, and the lines of the value.
fn write_value(out: &mut String, value: &Value, column: usize, gap: usize, comment: Option<&str>, in_map: bool) {
    match value {
        Value::Empty => {
            write_comment(out, comment);
            out.push('\n');
        }
        Value::Scalar(scalar) => {
            pad(out, gap);
            write_scalar(out, scalar, column);
            write_comment(out, comment);
            out.push('\n');
        }
        Value::Block(block) => {
            pad(out, gap);
            write_block(out, block, column, comment);
        }
        Value::Flow(flow) => {
            pad(out, gap);
            write_flow(out, flow, column + 2);
            write_comment(out, comment);
            out.push('\n');
        }
        Value::Map(map) => {
            write_comment(out, comment);
            out.push('\n');
            write_map(out, map, column + map.indent.max(1), false);
        }
        Value::Seq(seq) => {
            write_comment(out, comment);
            out.push('\n');
            let indent = if in_map { seq.indent } else { seq.indent.max(1) };
            write_seq(out, seq, column + indent, false);
        }
    }
}

fn write_scalar(out: &mut String, scalar: &Scalar, column: usize) {
    match scalar {
        Scalar::Plain(text) => out.push_str(text),
        Scalar::PlainLines { first, rest, indent } => {
            out.push_str(first);
            for (blanks, line) in rest {
                out.extend(std::iter::repeat_n('\n', blanks + 1));
                pad(out, column + indent);
                out.push_str(line);
            }
        }
        Scalar::Quoted { double, lines, indent, escaped_breaks } => {
            let quote = if *double { '"' } else { '\'' };
            out.push(quote);
            for (index, (blanks, line)) in lines.iter().enumerate() {
                if index > 0 {
                    if *double && *escaped_breaks {
                        out.push('\\');
                    }
                    out.extend(std::iter::repeat_n('\n', blanks + 1));
                    pad(out, column + indent);
                }
                out.push_str(line);
            }
            out.push(quote);
        }
    }
}

fn write_block(out: &mut String, block: &Block, column: usize, comment: Option<&str>) {
    out.push(if block.folded { '>' } else { '|' });
    let digit = block.explicit.map(|n| n.to_string()).unwrap_or_default();
    if block.indicator_first {
        out.push_str(&digit);
        out.push_str(block.chomp);
    } else {
        out.push_str(block.chomp);
        out.push_str(&digit);
    }
    write_comment(out, comment);
    out.push('\n');
    let content = column + block.explicit.unwrap_or(block.indent);
    let mut seen_text = false;
    for line in &block.lines {
        match line {
            BlockLine::Text { extra, tab, text } => {
                // Without an indicator the first line sets the indentation: it is not "more".
                let extra = if block.explicit.is_none() && !seen_text { 0 } else { *extra };
                seen_text = true;
                pad(out, content + extra);
                if *tab {
                    out.push('\t');
                }
                out.push_str(text);
            }
            // Leading blank lines longer than the first text line would set the indentation.
            BlockLine::Blank(spaces) if block.explicit.is_none() && !seen_text => pad(out, (*spaces).min(content)),
            BlockLine::Blank(spaces) => pad(out, *spaces),
        }
        out.push('\n');
    }
}

fn write_flow_scalar(out: &mut String, scalar: &FlowScalar, continuation: usize) -> bool {
    match scalar {
        FlowScalar::Plain(text) => {
            out.push_str(text);
            false
        }
        FlowScalar::PlainLines(first, second) => {
            out.push_str(first);
            out.push('\n');
            pad(out, continuation);
            out.push_str(second);
            false
        }
        FlowScalar::QuotedLines(quote, first, second) => {
            out.push(*quote);
            out.push_str(first);
            out.push('\n');
            pad(out, continuation);
            out.push_str(second);
            out.push(*quote);
            true
        }
        FlowScalar::Single(text) => {
            out.push('\'');
            out.push_str(text);
            out.push('\'');
            true
        }
        FlowScalar::Double(text) => {
            out.push('"');
            out.push_str(text);
            out.push('"');
            true
        }
    }
}

fn write_flow(out: &mut String, flow: &Flow, continuation: usize) {
    let separate = |out: &mut String, layout: &FlowLayout| {
        out.push(',');
        if layout.multi_line {
            out.push('\n');
            pad(out, continuation);
        } else if !layout.tight {
            out.push(' ');
        }
    };
    let open = |out: &mut String, layout: &FlowLayout, bracket: char| {
        out.push(bracket);
        if layout.open_lines {
            out.push('\n');
            pad(out, continuation);
        }
    };
    let close = |out: &mut String, layout: &FlowLayout, bracket: char| {
        if layout.open_lines {
            out.push('\n');
            pad(out, if layout.close_at_key { continuation.saturating_sub(2) } else { continuation });
        }
        out.push(bracket);
    };
    match flow {
        Flow::Scalar(scalar) => {
            write_flow_scalar(out, scalar, continuation);
        }
        Flow::Seq(items, layout) => {
            open(out, layout, '[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    separate(out, layout);
                }
                write_flow(out, item, continuation + 1);
            }
            if layout.trailing_comma && !items.is_empty() {
                out.push(',');
            }
            close(out, layout, ']');
        }
        Flow::Map(entries, layout) => {
            open(out, layout, '{');
            for (index, (key, value)) in entries.iter().enumerate() {
                if index > 0 {
                    separate(out, layout);
                }
                let quoted = write_flow_scalar(out, key, continuation);
                out.push_str(if quoted && layout.tight { ":" } else { ": " });
                write_flow(out, value, continuation + 1);
            }
            if layout.trailing_comma && !entries.is_empty() {
                out.push(',');
            }
            close(out, layout, '}');
        }
    }
}

fn pick(pool: &'static [&'static str]) -> BoxedStrategy<&'static str> {
    proptest::sample::select(pool).boxed()
}

fn pick_from(
    palette: Palette,
    common: &'static [&'static str],
    extra: &'static [&'static str],
) -> BoxedStrategy<&'static str> {
    if palette.full() {
        prop_oneof![9 => pick(common), 1 => pick(extra)].boxed()
    } else {
        pick(common)
    }
}

fn trivia(palette: Palette) -> BoxedStrategy<Vec<Trivia>> {
    let comment = (-2isize..=4, pick(COMMENTS)).prop_map(|(delta, text)| Trivia::Comment(delta, text));
    let line = if palette.full() {
        prop_oneof![Just(Trivia::Blank(0)), comment, (1usize..=6).prop_map(Trivia::Blank)].boxed()
    } else {
        prop_oneof![Just(Trivia::Blank(0)), comment].boxed()
    };
    prop_oneof![3 => Just(Vec::new()), 1 => proptest::collection::vec(line, 1..=2)].boxed()
}

fn comment() -> BoxedStrategy<Option<&'static str>> {
    prop_oneof![5 => Just(None), 1 => pick(COMMENTS).prop_map(Some)].boxed()
}

fn quoted_line(palette: Palette, double: bool) -> BoxedStrategy<String> {
    let piece =
        if double { pick_from(palette, DOUBLE, DOUBLE_EXTRA) } else { pick_from(palette, SINGLE, SINGLE_EXTRA) };
    (proptest::collection::vec(piece, 1..=3), any::<bool>())
        .prop_map(|(pieces, spaced)| pieces.join(if spaced { " " } else { "" }))
        .boxed()
}

fn scalar(palette: Palette) -> BoxedStrategy<Scalar> {
    let plain = pick_from(palette, PLAIN, PLAIN_EXTRA).prop_map(Scalar::Plain);
    let plain_lines = (
        pick(WORDS),
        proptest::collection::vec(
            (prop_oneof![3 => Just(0usize), 1 => 1usize..=2], pick_from(palette, WORDS, WORDS_EXTRA)),
            1..=3,
        ),
        1usize..=4,
    )
        .prop_map(|(first, rest, indent)| Scalar::PlainLines { first, rest, indent });
    let quoted = move |double: bool, max_lines: usize| {
        let escaped = if palette.full() && double { any::<bool>().boxed() } else { Just(false).boxed() };
        (
            proptest::collection::vec(
                (prop_oneof![3 => Just(0usize), 1 => 1usize..=2], quoted_line(palette, double)),
                1..=max_lines,
            ),
            1usize..=4,
            escaped,
        )
            .prop_map(move |(lines, indent, escaped_breaks)| Scalar::Quoted {
                double,
                lines,
                indent,
                escaped_breaks,
            })
    };
    prop_oneof![
        8 => plain,
        3 => quoted(false, 1),
        3 => quoted(true, 1),
        2 => plain_lines,
        1 => quoted(false, 3),
        1 => quoted(true, 3),
    ]
    .boxed()
}

fn block(palette: Palette) -> BoxedStrategy<Block> {
    let full = palette.full();
    let chomp = pick(if full { CHOMPS } else { COMMON_CHOMPS });
    let explicit = if full {
        prop_oneof![2 => Just(None), 1 => (1usize..=4).prop_map(Some)].boxed()
    } else {
        prop_oneof![8 => Just(None), 1 => (1usize..=4).prop_map(Some)].boxed()
    };
    let text = (
        prop_oneof![4 => Just(0usize), 1 => 1usize..=3],
        if full { any::<bool>().boxed() } else { Just(false).boxed() },
        pick_from(palette, BLOCK_TEXT, BLOCK_TEXT_EXTRA),
    )
        .prop_map(|(extra, tab, text)| BlockLine::Text { extra, tab: tab && extra == 0, text });
    let blank = if full { (0usize..=8).boxed() } else { Just(0usize).boxed() };
    let line = prop_oneof![3 => text, 1 => blank.prop_map(BlockLine::Blank)];
    (any::<bool>(), chomp, explicit, any::<bool>(), 1usize..=4, proptest::collection::vec(line, 0..=5))
        .prop_map(|(folded, chomp, explicit, indicator_first, indent, lines)| Block {
            folded,
            chomp,
            explicit,
            indicator_first,
            indent,
            lines,
        })
        .boxed()
}

fn flow(palette: Palette) -> BoxedStrategy<Flow> {
    let scalar = prop_oneof![
        3 => pick_from(palette, FLOW_PLAIN, FLOW_PLAIN_EXTRA).prop_map(FlowScalar::Plain),
        1 => pick(FLOW_SINGLE).prop_map(FlowScalar::Single),
        1 => pick(FLOW_DOUBLE).prop_map(FlowScalar::Double),
    ]
    .boxed();
    let scalar = if palette.full() {
        let plain =
            (pick(FLOW_PLAIN), pick(FLOW_PLAIN)).prop_map(|(first, second)| FlowScalar::PlainLines(first, second));
        let single = (pick(FLOW_SINGLE), pick(FLOW_SINGLE)).prop_map(|(a, b)| FlowScalar::QuotedLines('\'', a, b));
        let double = (pick(FLOW_DOUBLE), pick(FLOW_DOUBLE)).prop_map(|(a, b)| FlowScalar::QuotedLines('"', a, b));
        prop_oneof![12 => scalar, 1 => plain, 1 => single, 1 => double].boxed()
    } else {
        scalar
    };
    let key = scalar.clone();
    let leaf = scalar.prop_map(Flow::Scalar).boxed();
    if !palette.full() {
        return prop_oneof![
            proptest::collection::vec(leaf.clone(), 0..=4).prop_map(|items| Flow::Seq(items, FlowLayout::default())),
            proptest::collection::vec((key, leaf), 0..=3).prop_map(|entries| Flow::Map(entries, FlowLayout::default())),
        ]
        .boxed();
    }
    let rarely = || prop_oneof![4 => Just(false), 1 => Just(true)];
    let layout = (rarely(), rarely(), rarely(), rarely(), any::<bool>()).prop_map(
        |(multi_line, open_lines, close_at_key, trailing_comma, tight)| FlowLayout {
            multi_line,
            open_lines,
            close_at_key,
            trailing_comma,
            tight,
        },
    );
    let collection = move |inner: BoxedStrategy<Flow>| {
        prop_oneof![
            (proptest::collection::vec(inner.clone(), 0..=3), layout.clone())
                .prop_map(|(items, layout)| Flow::Seq(items, layout)),
            (proptest::collection::vec((key.clone(), inner), 0..=3), layout.clone())
                .prop_map(|(entries, layout)| Flow::Map(entries, layout)),
        ]
        .boxed()
    };
    collection(
        leaf.prop_recursive(2, 8, 3, {
            let collection = collection.clone();
            move |inner| collection(inner)
        })
        .boxed(),
    )
}

fn value(palette: Palette) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Empty),
        8 => scalar(palette).prop_map(Value::Scalar),
        3 => block(palette).prop_map(Value::Block),
        2 => flow(palette).prop_map(Value::Flow),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            map_node(palette, inner.clone()).prop_map(Value::Map),
            seq_node(palette, inner).prop_map(Value::Seq),
        ]
    })
    .boxed()
}

fn map_node(palette: Palette, value: BoxedStrategy<Value>) -> BoxedStrategy<MapNode> {
    let entry = (trivia(palette), pick_from(palette, KEYS, KEYS_EXTRA), comment(), value)
        .prop_map(|(trivia, key, comment, value)| Entry { trivia, key, comment, value });
    (1usize..=4, proptest::collection::vec(entry, 1..=4))
        .prop_map(|(indent, entries)| MapNode { indent, entries })
        .boxed()
}

fn seq_node(palette: Palette, value: BoxedStrategy<Value>) -> BoxedStrategy<SeqNode> {
    let gap =
        if palette.full() { (1usize..=3).boxed() } else { prop_oneof![4 => Just(1usize), 1 => Just(2usize)].boxed() };
    let item = (trivia(palette), gap, any::<bool>(), comment(), value).prop_map(
        move |(trivia, gap, compact, comment, value)| {
            // `- - a` is rare in specs.
            let compact = compact && (palette.full() || matches!(value, Value::Map(_)));
            Item { trivia, gap, compact, comment, value }
        },
    );
    (0usize..=4, proptest::collection::vec(item, 1..=4)).prop_map(|(indent, items)| SeqNode { indent, items }).boxed()
}

fn document(palette: Palette) -> BoxedStrategy<Doc> {
    let start = pick(if palette.full() { STARTS } else { COMMON_STARTS });
    (start, trivia(palette), map_node(palette, value(palette)))
        .prop_map(|(start, leading, top)| Doc { start, leading, top })
        .boxed()
}

/// Documents drawn with proptest's fixed seed, the same on every run.
fn sample_documents(palette: Palette, count: usize) -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let strategy = document(palette);
    (0..count).map(|_| strategy.new_tree(&mut runner).expect("a document").current().render()).collect()
}

fn cases(default: u32) -> u32 {
    std::env::var("BLOCK_YAML_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

proptest! {
    // No regression files in the source tree: a failure becomes a hand-written case above.
    #![proptest_config(ProptestConfig { cases: cases(512), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_read_as_serde_yaml_reads_them(doc in document(Palette::Full)) {
        let text = doc.render();
        check_all(&text).map_err(TestCaseError::fail)?;
    }
}

/// The property above holds trivially of a reader that hands everything back: most well-formed
/// documents of the common palette must be read here.
#[test]
fn most_generated_documents_are_read_here() {
    let mut failures = Vec::new();
    for (palette, count, share) in [(Palette::Common, 400, 0.5), (Palette::Full, 200, 0.0)] {
        let (mut well_formed, mut read) = (0usize, 0usize);
        let mut handed_back = Vec::new();
        for text in sample_documents(palette, count) {
            match check_all(&text) {
                Err(failure) => failures.push(failure),
                Ok(accepted) => {
                    if serde_yaml::from_str::<Node>(&text).is_ok() {
                        well_formed += 1;
                        if accepted {
                            read += 1;
                        } else {
                            handed_back.push(text);
                        }
                    }
                }
            }
        }
        let ratio = read as f64 / well_formed.max(1) as f64;
        eprintln!(
            "{palette:?}: {read} of {well_formed} well-formed generated documents read here ({:.0} %)",
            ratio * 100.0
        );
        for text in handed_back.iter().take(3) {
            eprintln!("  handed back: {text:?}");
        }
        assert!(ratio > share, "only {read} of {well_formed} well-formed {palette:?} documents were read here");
    }
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}

// ---------------------------------------------------------------------------------------------
// Mutations.

const MUTATION_CASES: u32 = 3000;

/// xorshift64*: a fixed sequence without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    ": ", ":", "- ", "-", "#", " #", "'", "\"", "|", ">", "[", "]", "{", "}", "&", "*", "!", "\t", "\r", "\n", ",",
    "?", "%", "\\", "---\n", "...\n", " ", "  ", "\u{feff}", "\u{85}", "\u{2028}", "@", "`", "~", "0", "\\u", "\\x",
    "é",
];

fn char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The byte range of the line at byte `at`, its newline included.
fn line_around(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
    start..end
}

fn mutate(text: &mut String, rng: &mut Rng) {
    let at = char_boundary(text, rng.below(text.len() + 1));
    let line = line_around(text, at.min(text.len()));
    match rng.below(9) {
        0 => {
            if let Some(c) = text[at..].chars().next() {
                text.replace_range(at..at + c.len_utf8(), "");
            }
        }
        1 | 2 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
        3 => {
            if let Some(c) = text[at..].chars().next() {
                text.insert(at, c);
            }
        }
        4 => text.replace_range(line, ""),
        5 => {
            let copy = text[line.clone()].to_owned();
            text.insert_str(line.start, &copy);
        }
        6 => text.insert(at, '\n'),
        _ => {
            let step = 1 + rng.below(2);
            if rng.below(2) == 0 {
                text.insert_str(line.start, &" ".repeat(step));
            } else {
                let spaces = text[line.clone()].bytes().take_while(|b| *b == b' ').count();
                text.replace_range(line.start..line.start + spaces.min(step), "");
            }
        }
    }
}

/// A smaller text that still fails, line by line and then character by character.
fn shrink(text: &str) -> String {
    let fails = |text: &str| check_all(text).is_err();
    let mut text = text.to_owned();
    loop {
        let before = text.len();
        let mut start = 0;
        while start < text.len() {
            let line = line_around(&text, start);
            let mut shorter = text.clone();
            shorter.replace_range(line.clone(), "");
            if fails(&shorter) {
                text = shorter;
            } else {
                start = line.end;
            }
        }
        let mut at = 0;
        while at < text.len() {
            let width = text[at..].chars().next().map_or(1, char::len_utf8);
            let mut shorter = text.clone();
            shorter.replace_range(at..at + width, "");
            if fails(&shorter) {
                text = shorter;
            } else {
                at += width;
            }
        }
        if text.len() == before {
            return text;
        }
    }
}

/// Small mutations of generated and real documents: the reader never panics, and whatever it
/// still reads, serde_yaml reads the same.
#[test]
fn mutated_documents_read_as_serde_yaml_reads_them() {
    let mut bases = sample_documents(Palette::Common, 16);
    bases.extend(sample_documents(Palette::Full, 8));
    let corpus = corpus_dir();
    for name in ["petstore.yaml", "uspto.yaml", "link-example.yaml", "callback-example.yaml"] {
        let path = corpus.join(name);
        bases.push(
            std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display())),
        );
    }
    bases.push("a: |\n  x\n\n  y\nb: >-\n  z\n   w\nc: 'q''q\n  r'\nd: \"e\\n\\\n  f\"\n".to_owned());
    bases.push("k:\n- a: [1, {b: c}]\n  d: ~\n-   - e\n    - 0x1F\n".to_owned());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut failures = Vec::new();
    let mut read = 0usize;
    for _ in 0..cases(MUTATION_CASES) {
        let mut text = bases[rng.below(bases.len())].clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut text, &mut rng);
        }
        match check_all(&text) {
            Ok(accepted) => read += usize::from(accepted),
            Err(failure) if failures.len() < 10 => {
                let small = shrink(&text);
                let small_failure = check_all(&small).err().unwrap_or_default();
                failures.push(format!("{failure}\n-- shrunk to {small:?}:\n{small_failure}"));
            }
            Err(_) => failures.push("(another failure)".to_owned()),
        }
    }
    eprintln!("mutations: {read} of {} mutated documents read here", cases(MUTATION_CASES));
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}
