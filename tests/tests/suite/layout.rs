//! The layout (`emit/layout.rs`) against the token streams it prints: for every fixture
//! spec, the companion crate's spec and the full Atlas spec, each generated file defines
//! exactly the items the unformatted token streams define (both parsed with `syn` and
//! printed with prettyplease, see `printed/items.rs`), and no line is longer than 100
//! columns unless it holds something that cannot be broken.

use std::path::PathBuf;

use crate::printed::items::assert_same_items;
use crate::shared_specs::atlas_spec;
use crate::standalone::workspace;

/// Generates `spec` formatted and unformatted; compares the emitted files item by item and
/// checks the formatted lines' width. Returns the number of emitted lines.
fn assert_layout_keeps_the_code(generator: specforge::Generator, label: &str) -> usize {
    let pretty = generator.clone().generate().unwrap_or_else(|error| panic!("{label}: {error}"));
    let tokens = generator.pretty(false).generate().unwrap_or_else(|error| panic!("{label}: {error}"));
    let mut lines = 0;
    for file in pretty.krate.files.iter().filter(|f| f.path.ends_with(".rs") && !f.path.contains("runtime/")) {
        let unformatted = tokens.krate.files.iter().find(|f| f.path == file.path).expect("the same files");
        assert_ne!(file.text, unformatted.text, "{label} {}: the layout ran", file.path);
        assert_same_items(&file.text, &unformatted.text, &format!("{label} {}", file.path));
        assert_lines_fit(&file.text, &format!("{label} {}", file.path));
        lines += file.text.lines().count();
    }
    assert!(lines > 0, "{label}: no emitted file");
    lines
}

/// No line over 100 columns, except comments and lines holding a string literal (a
/// description, a pattern, a path) or a long name, which cannot be broken.
fn assert_lines_fit(text: &str, what: &str) {
    // The macro from `templates/` is copied as written.
    let mut in_template = false;
    for (number, line) in text.lines().enumerate() {
        if line.starts_with("macro_rules!") {
            in_template = true;
        } else if in_template {
            in_template = line != "}";
            continue;
        }
        // Names made from the spec's long schema names do not break either.
        let long_name = line.split(|c: char| !c.is_alphanumeric() && c != '_').any(|word| word.len() >= 40);
        let unbreakable = line.trim_start().starts_with("//") || line.contains('"') || long_name;
        assert!(
            line.chars().count() <= 100 || unbreakable,
            "{what}:{}: {} columns:\n{line}",
            number + 1,
            line.chars().count()
        );
    }
}

#[test]
fn fixture_specs_print_the_same_items() {
    let mut specs = vec![
        workspace().join("spec/restore-job.yaml"),
        workspace().join("generator/tests/fixtures/constructs.yaml"),
        workspace().join("generator/tests/fixtures/openapi31.yaml"),
        workspace().join("generator/tests/fixtures/swagger2.yaml"),
        workspace().join("generator/tests/fixtures/multifile/api.yaml"),
    ];
    let mut test_specs: Vec<PathBuf> = std::fs::read_dir(workspace().join("tests/specs"))
        .expect("tests/specs exists")
        .map(|entry| entry.expect("readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    test_specs.sort();
    assert!(test_specs.len() >= 3, "tests/specs holds the end-to-end specs");
    specs.extend(test_specs);
    for spec in specs {
        let label = spec.display().to_string();
        assert_layout_keeps_the_code(specforge::Generator::new(&spec), &label);
    }
}

#[test]
fn the_companion_crate_fits_in_100_columns() {
    let src = workspace().join("generated/src");
    let mut checked = 0;
    for name in ["lib.rs", "models.rs", "config.rs", "patterns.rs", "operations/mod.rs", "operations/cloud_backups.rs"]
    {
        let text = std::fs::read_to_string(src.join(name)).expect("the companion crate is generated");
        assert_lines_fit(&text, name);
        checked += text.lines().count();
    }
    assert!(checked > 1000, "the companion crate's emitted files were read");
}

#[test]
fn the_full_atlas_crate_prints_the_same_items() {
    let lines = assert_layout_keeps_the_code(specforge::Generator::new(atlas_spec()), "full Atlas");
    assert!(lines > 100_000, "the full Atlas crate is large: {lines} lines");
}
