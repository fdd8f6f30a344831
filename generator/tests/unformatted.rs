//! The build-script fast path (`Generator::pretty(false)`, `specforge module --no-pretty`):
//! the unformatted code parses and defines exactly the items of the pretty-printed code,
//! file by file and as the single `include!` file.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("workspace root exists")
}

fn atlas_spec() -> PathBuf {
    let path = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/specs/atlas-admin-v2.yaml"));
    assert!(path.exists(), "the full Atlas spec is missing at {} (set ATLAS_SPEC)", path.display());
    path
}

/// The items of a file, each pretty-printed on its own: formatting decides trailing commas,
/// braces around match arms and `///` versus `#[doc]`, so two files whose items print the
/// same define the same items. Inline modules are opened, so that a difference names the
/// item rather than the whole module.
fn items(text: &str, what: &str) -> Vec<String> {
    let file = syn::parse_file(text).unwrap_or_else(|error| panic!("{what} does not parse: {error}"));
    let mut printed = Vec::new();
    if !file.attrs.is_empty() {
        printed.push(prettyplease::unparse(&syn::File { shebang: None, attrs: file.attrs, items: Vec::new() }));
    }
    flatten(file.items, &mut printed);
    printed
}

fn flatten(items: Vec<syn::Item>, printed: &mut Vec<String>) {
    for item in items {
        match item {
            syn::Item::Mod(mut module) if module.content.is_some() => {
                let inner = module.content.as_mut().map(|(_, items)| std::mem::take(items)).unwrap_or_default();
                printed.push(print(syn::Item::Mod(module)));
                flatten(inner, printed);
                printed.push("end of module".to_owned());
            }
            item => printed.push(print(item)),
        }
    }
}

fn print(mut item: syn::Item) -> String {
    syn::visit_mut::VisitMut::visit_item_mut(&mut ClosureBlocks, &mut item);
    prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item] })
}

/// prettyplease wraps a closure's body (and a match arm's) in a block when the line is too
/// long, which depends on how deep the item was nested when it was formatted; `|x| { f(x) }`
/// and `|x| f(x)` are the same closure, so both print as the latter.
struct ClosureBlocks;

impl syn::visit_mut::VisitMut for ClosureBlocks {
    fn visit_expr_closure_mut(&mut self, closure: &mut syn::ExprClosure) {
        if let syn::Expr::Block(block) = &mut *closure.body {
            let single_expression = matches!(block.block.stmts.as_slice(), [syn::Stmt::Expr(_, None)]);
            if block.attrs.is_empty() && block.label.is_none() && single_expression {
                if let Some(syn::Stmt::Expr(inner, None)) = block.block.stmts.pop() {
                    *closure.body = inner;
                }
            }
        }
        syn::visit_mut::visit_expr_closure_mut(self, closure);
    }

    /// Likewise, a match arm whose body is too long for the line becomes a block:
    /// `key => { x = f()?; }` and `key => x = f()?,` are the same arm.
    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        if let syn::Expr::Block(block) = &mut *arm.body {
            let single_assignment =
                matches!(block.block.stmts.as_slice(), [syn::Stmt::Expr(syn::Expr::Assign(_), Some(_))]);
            if block.attrs.is_empty() && block.label.is_none() && single_assignment {
                if let Some(syn::Stmt::Expr(inner, _)) = block.block.stmts.pop() {
                    *arm.body = inner;
                    arm.comma = Some(Default::default());
                }
            }
        }
        syn::visit_mut::visit_arm_mut(self, arm);
    }
}

fn assert_same_items(pretty: &str, fast: &str, what: &str) {
    let (pretty_items, fast_items) = (items(pretty, &format!("pretty {what}")), items(fast, &format!("fast {what}")));
    for (index, (p, f)) in pretty_items.iter().zip(&fast_items).enumerate() {
        assert_eq!(p, f, "{what}: item {index} differs");
    }
    assert_eq!(pretty_items.len(), fast_items.len(), "{what}: not the same number of items");
    assert!(!fast_items.is_empty(), "{what} defines nothing");
}

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

#[test]
fn the_module_command_writes_the_fast_path_with_no_pretty() {
    let dir = tempfile::tempdir().unwrap();
    let (pretty_path, fast_path) = (dir.path().join("pretty.rs"), dir.path().join("fast.rs"));
    for (path, extra) in [(&pretty_path, None), (&fast_path, Some("--no-pretty"))] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_specforge"))
            .args(["module", "--quiet", "--out"])
            .arg(path)
            .args(extra)
            .current_dir(workspace())
            .output()
            .expect("specforge runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let (pretty, fast) = (std::fs::read_to_string(pretty_path).unwrap(), std::fs::read_to_string(fast_path).unwrap());
    assert_ne!(pretty, fast);
    assert_same_items(&pretty, &fast, "specforge module");
}
