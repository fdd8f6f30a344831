//! `docs/client-guide.md` shows tests that run: every `rust` code block of the guide is, line
//! for line, a test between `// guide: NAME` and `// end guide` in the companion crate's
//! `tests/client_guide.rs` or in `tests/mocks.rs` here, and every such test is in the guide.

use std::path::Path;

/// The `// guide:` sections of a test file, as (name, code between the markers).
fn sections(text: &str) -> Vec<(String, String)> {
    let mut sections = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("// guide: ") {
            current = Some((name.trim().to_owned(), Vec::new()));
        } else if line == "// end guide" {
            let (name, lines) = current.take().expect("an `// end guide` follows a `// guide:` line");
            sections.push((name, lines.join("\n")));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        }
    }
    assert!(current.is_none(), "a `// guide:` section is not closed");
    sections
}

/// The `rust` code blocks of a markdown file.
fn rust_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            None if line.trim_start().starts_with("```rust") => current = Some(Vec::new()),
            Some(_) if line.trim_start() == "```" => blocks.push(current.take().unwrap_or_default().join("\n")),
            Some(lines) => lines.push(line),
            None => {}
        }
    }
    blocks
}

#[test]
fn every_example_of_the_guide_is_a_test_and_every_guide_test_is_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let guide = read("docs/client-guide.md");
    let mut tests = sections(&read("generated/tests/suite/client_guide.rs"));
    tests.extend(sections(&read("tests/tests/suite/mocks.rs")));
    let names: Vec<&str> = tests.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["mock", "record", "options", "tower", "paging"]);

    let blocks = rust_blocks(&guide);
    for block in &blocks {
        assert!(tests.iter().any(|(_, code)| code == block), "this block of the guide is no test:\n{block}");
    }
    for (name, code) in &tests {
        assert!(blocks.contains(code), "the guide does not show the `{name}` test as it is");
    }
}
