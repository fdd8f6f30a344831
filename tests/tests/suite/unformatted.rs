//! The build-script fast path (`Generator::pretty(false)`, `specforge module --no-pretty`):
//! the unformatted code parses and defines exactly the items of the pretty-printed code,
//! file by file and as the single `include!` file. (That the command writes what the library
//! gives, either way, is the generator suite's `cli` test.)

use crate::printed::items::assert_same_items;
use crate::shared_specs::atlas_spec;
use crate::standalone::workspace;

/// Generates `spec` both ways; compares every Rust file and the single file.
fn assert_fast_path_matches(generator: specforge::Generator, label: &str) -> (String, String) {
    let pretty = generator.clone().generate().unwrap_or_else(|error| panic!("{label}: {error}"));
    let fast = generator.pretty(false).generate().unwrap_or_else(|error| panic!("{label}: {error}"));
    let rust_files: Vec<_> = pretty.krate.files.iter().filter(|file| file.path.ends_with(".rs")).collect();
    assert!(rust_files.len() > 3, "{label}: a crate has several modules");
    let mut unformatted = Vec::new();
    for file in rust_files {
        let fast_file = fast.krate.files.iter().find(|f| f.path == file.path).expect("the same files");
        if file.text != fast_file.text {
            unformatted.push(file.path.as_str());
        }
        assert_same_items(&file.text, &fast_file.text, &format!("{label} {}", file.path));
    }
    // The runtime modules are copied as written either way; emitted code skips formatting.
    for path in ["src/lib.rs", "src/models.rs", "src/operations/mod.rs"] {
        assert!(unformatted.contains(&path), "{label}: {path} is not the fast path's output");
    }
    let (pretty_single, fast_single) = (pretty.single_file().unwrap(), fast.single_file().unwrap());
    assert_same_items(&pretty_single, &fast_single, &format!("{label} single file"));
    (pretty_single, fast_single)
}

#[test]
fn the_fragment_has_the_same_items_unformatted() {
    let (pretty, fast) =
        assert_fast_path_matches(specforge::Generator::new(workspace().join("spec/restore-job.yaml")), "fragment");
    // Descriptions are kept, as attributes, and the code is one item per line rather than one line.
    assert!(fast.contains("# [doc = \" "), "descriptions are kept:\n{fast}");
    assert!(fast.lines().count() > 100, "one item per line:\n{fast}");
    assert!(fast.len() < pretty.len(), "no formatting whitespace");
}

#[test]
fn a_tag_named_by_a_keyword_becomes_an_inline_module_in_both_paths() {
    // The tag `type` makes the module `r#type`, whose file is `operations/type.rs`.
    let fragment = std::fs::read_to_string(workspace().join("spec/restore-job.yaml")).unwrap();
    let spec = fragment.replace("        - Cloud Backups\n", "        - type\n");
    assert_ne!(spec, fragment, "the fragment's operation is tagged Cloud Backups");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keyword-tag.yaml");
    std::fs::write(&path, spec).unwrap();
    let (pretty, _) = assert_fast_path_matches(specforge::Generator::new(&path), "keyword tag");
    assert!(pretty.contains("pub mod r#type {"), "the tag's module is inlined:\n{pretty}");
}

#[test]
fn the_schema_forms_fixture_has_the_same_items_unformatted() {
    assert_fast_path_matches(specforge::Generator::new(workspace().join("tests/specs/forms.yaml")), "forms.yaml");
}

#[test]
fn atlas_tags_have_the_same_items_unformatted() {
    let generator = specforge::Generator::new(atlas_spec())
        .tag("Cloud Backups")
        .tag("Clusters")
        .tag("Invoices")
        .tag("Alert Configurations");
    assert_fast_path_matches(generator, "Atlas tags");
}
