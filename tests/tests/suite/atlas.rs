//! Tests against the real MongoDB Atlas Admin API v2 spec: the fragment in `spec/` must give
//! the same public API as selecting its operation from the real spec, and the whole spec, one
//! tag of it, one tag feature of the whole crate and the committed crate must all compile
//! without a single warning (the whole spec without a clippy warning either), and the call
//! examples of a sample of tags must compile.
//!
//! The spec is read from `ATLAS_SPEC`, else from `../shared/specs/atlas-admin-v2.yaml` next to
//! the workspace; without it these tests fail (they never skip). The crates they compile are
//! written under the system temporary directory, outside the workspace, and build in the test
//! build's target directory, so that dependencies compile once (see `standalone::target_dir`).
//! They take minutes.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use quote::ToTokens;
use syn::visit::Visit;
use syn::visit_mut::{self, VisitMut};
use syn::{Attribute, ImplItem, Item, TraitItem};

use crate::shared_specs::atlas_spec;
use crate::standalone::{self, make_standalone, scratch_dir, workspace};

/// The number of operations in the Atlas Admin API v2 spec.
const ATLAS_OPERATIONS: usize = 454;

fn generate(generator: &specforge::Generator) -> (specforge::Generation, Duration) {
    let start = Instant::now();
    let generation = generator.generate().unwrap_or_else(|error| panic!("generation failed: {error}"));
    (generation, start.elapsed())
}

// ---------------------------------------------------------------------------------------------
// 1. The fragment against the same operation selected from the real spec.
// ---------------------------------------------------------------------------------------------

#[test]
fn operation_selection_matches_the_fragment_public_api() {
    let atlas = specforge::Generator::new(atlas_spec()).operation("getBackupRestoreJob").tag_features(false);
    let fragment = specforge::Generator::new(workspace().join("spec/restore-job.yaml")).tag_features(false);
    let atlas = public_api(&generate(&atlas).0.single_file().unwrap(), "the Atlas spec");
    let mut fragment = public_api(&generate(&fragment).0.single_file().unwrap(), "the fragment");

    // The ACCEPT constant (the media type of the operation's version) is the same.
    let accept = |api: &PublicApi| {
        let mut finder = AcceptConsts::default();
        for item in &api.operations {
            finder.visit_item(item);
        }
        finder.found
    };
    let (atlas_accept, fragment_accept) = (accept(&atlas), accept(&fragment));
    assert_eq!(atlas_accept.len(), 1, "the Atlas operation has one ACCEPT constant: {atlas_accept:?}");
    assert_eq!(fragment_accept, atlas_accept, "the ACCEPT constants differ");
    eprintln!("ACCEPT = {}", atlas_accept[0]);

    // The one expected difference: the fragment documents a 429 response, Atlas does not.
    assert!(
        !mentions(&atlas.operations, "TooManyRequests"),
        "the Atlas spec now documents 429 for getBackupRestoreJob: drop the expected difference from this test"
    );
    let mut drop_429 = DropTooManyRequests::default();
    for item in &mut fragment.operations {
        drop_429.visit_item_mut(item);
    }
    let mut expected = [
        "variant GetBackupRestoreJobError::TooManyRequests",
        "entry of a status table in `impl GetBackupRestoreJob` fn decode_response",
        "arm of a match in `impl GetBackupRestoreJob` fn decode_response",
        "arm of a match in `impl super::ApiCallError for GetBackupRestoreJobError` fn view",
    ];
    expected.sort_unstable();
    let mut removed = drop_429.removed.clone();
    removed.sort();
    assert_eq!(
        removed, expected,
        "the fragment's 429 response should show as exactly one error variant and its match arms"
    );
    assert!(!mentions(&fragment.operations, "TooManyRequests"), "the fragment still mentions TooManyRequests");

    // Everything else is the same, item by item.
    let mut problems = String::new();
    compare_items("models", &fragment.models, &atlas.models, &mut problems);
    compare_items("operations", &fragment.operations, &atlas.operations, &mut problems);
    assert!(
        problems.is_empty(),
        "the public API generated from the fragment (-) and from the Atlas spec (+) differ, \
         doc comments ignored and the fragment's 429 response removed:\n{problems}"
    );
    eprintln!(
        "fragment and Atlas selection agree: {} models items, {} operations items",
        labelled("models", &atlas.models).len(),
        labelled("operations", &atlas.operations).len()
    );
}

/// The `models` and `operations` modules of a generated single file, doc comments removed.
struct PublicApi {
    models: Vec<Item>,
    operations: Vec<Item>,
}

fn public_api(source: &str, what: &str) -> PublicApi {
    let mut file =
        syn::parse_file(source).unwrap_or_else(|error| panic!("the file from {what} does not parse: {error}"));
    StripDocs.visit_file_mut(&mut file);
    let mut docs = CountDocs::default();
    docs.visit_file(&file);
    assert_eq!(docs.0, 0, "doc attributes left in the file from {what} after stripping");
    let mut module = |name: &str| {
        let index = file
            .items
            .iter()
            .position(|item| matches!(item, Item::Mod(m) if m.ident == name && m.content.is_some()))
            .unwrap_or_else(|| panic!("the file from {what} has no inline module `{name}`"));
        let Item::Mod(module) = file.items.remove(index) else { unreachable!() };
        module.content.unwrap().1
    };
    PublicApi { models: module("models"), operations: module("operations") }
}

fn strip_docs(attrs: &mut Vec<Attribute>) {
    attrs.retain(|attr| !attr.path().is_ident("doc"));
}

/// Removes every `#[doc]` attribute (`///` and `//!` comments) from items, their members,
/// fields and variants.
struct StripDocs;

impl VisitMut for StripDocs {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        strip_docs(&mut file.attrs);
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mut(&mut self, item: &mut Item) {
        let attrs = match item {
            Item::Const(i) => Some(&mut i.attrs),
            Item::Enum(i) => Some(&mut i.attrs),
            Item::ExternCrate(i) => Some(&mut i.attrs),
            Item::Fn(i) => Some(&mut i.attrs),
            Item::ForeignMod(i) => Some(&mut i.attrs),
            Item::Impl(i) => Some(&mut i.attrs),
            Item::Macro(i) => Some(&mut i.attrs),
            Item::Mod(i) => Some(&mut i.attrs),
            Item::Static(i) => Some(&mut i.attrs),
            Item::Struct(i) => Some(&mut i.attrs),
            Item::Trait(i) => Some(&mut i.attrs),
            Item::TraitAlias(i) => Some(&mut i.attrs),
            Item::Type(i) => Some(&mut i.attrs),
            Item::Union(i) => Some(&mut i.attrs),
            Item::Use(i) => Some(&mut i.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs {
            strip_docs(attrs);
        }
        visit_mut::visit_item_mut(self, item);
    }

    fn visit_impl_item_mut(&mut self, item: &mut ImplItem) {
        let attrs = match item {
            ImplItem::Const(i) => Some(&mut i.attrs),
            ImplItem::Fn(i) => Some(&mut i.attrs),
            ImplItem::Type(i) => Some(&mut i.attrs),
            ImplItem::Macro(i) => Some(&mut i.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs {
            strip_docs(attrs);
        }
        visit_mut::visit_impl_item_mut(self, item);
    }

    fn visit_trait_item_mut(&mut self, item: &mut TraitItem) {
        let attrs = match item {
            TraitItem::Const(i) => Some(&mut i.attrs),
            TraitItem::Fn(i) => Some(&mut i.attrs),
            TraitItem::Type(i) => Some(&mut i.attrs),
            TraitItem::Macro(i) => Some(&mut i.attrs),
            _ => None,
        };
        if let Some(attrs) = attrs {
            strip_docs(attrs);
        }
        visit_mut::visit_trait_item_mut(self, item);
    }

    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        strip_docs(&mut field.attrs);
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_variant_mut(&mut self, variant: &mut syn::Variant) {
        strip_docs(&mut variant.attrs);
        visit_mut::visit_variant_mut(self, variant);
    }
}

/// Counts the `#[doc]` attributes anywhere, to prove [`StripDocs`] missed none.
#[derive(Default)]
struct CountDocs(usize);

impl Visit<'_> for CountDocs {
    fn visit_attribute(&mut self, attr: &Attribute) {
        if attr.path().is_ident("doc") {
            self.0 += 1;
        }
    }
}

/// The value of every `const ACCEPT`, with the impl it belongs to.
#[derive(Default)]
struct AcceptConsts {
    found: Vec<String>,
    context: Vec<String>,
}

impl Visit<'_> for AcceptConsts {
    fn visit_item_impl(&mut self, item: &syn::ItemImpl) {
        self.context.push(impl_label(item));
        syn::visit::visit_item_impl(self, item);
        self.context.pop();
    }

    fn visit_impl_item_const(&mut self, item: &syn::ImplItemConst) {
        if item.ident == "ACCEPT" {
            self.found.push(format!("{} (in `{}`)", item.expr.to_token_stream(), self.context.join(" / ")));
        }
    }
}

/// Removes the `TooManyRequests` error variant and every match arm that mentions it,
/// recording where each was.
#[derive(Default)]
struct DropTooManyRequests {
    context: Vec<String>,
    removed: Vec<String>,
}

impl VisitMut for DropTooManyRequests {
    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        let variants = std::mem::take(&mut item.variants);
        let trailing_comma = variants.trailing_punct();
        for variant in variants {
            if variant.ident == "TooManyRequests" {
                self.removed.push(format!("variant {}::{}", item.ident, variant.ident));
            } else {
                item.variants.push(variant);
            }
        }
        if trailing_comma && !item.variants.empty_or_trailing() {
            item.variants.push_punct(Default::default());
        }
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        self.context.push(format!("`{}`", impl_label(item)));
        visit_mut::visit_item_impl_mut(self, item);
        self.context.pop();
    }

    fn visit_impl_item_fn_mut(&mut self, item: &mut syn::ImplItemFn) {
        self.context.push(format!("fn {}", item.sig.ident));
        visit_mut::visit_impl_item_fn_mut(self, item);
        self.context.pop();
    }

    fn visit_expr_match_mut(&mut self, expr: &mut syn::ExprMatch) {
        // Inner expressions first: an arm that hands a status table to the runtime stays,
        // less its 429 entry.
        visit_mut::visit_expr_match_mut(self, expr);
        let place = self.context.join(" ");
        expr.arms.retain(|arm| {
            let mentions = arm.to_token_stream().to_string().contains("TooManyRequests");
            if mentions {
                self.removed.push(format!("arm of a match in {place}"));
            }
            !mentions
        });
    }

    fn visit_expr_array_mut(&mut self, array: &mut syn::ExprArray) {
        let place = self.context.join(" ");
        let elements = std::mem::take(&mut array.elems);
        let trailing_comma = elements.trailing_punct();
        for element in elements {
            // An entry names its variant, or (a table of status ranges whose index a match arm
            // maps to the variant) is the 429 range itself.
            let text = element.to_token_stream().to_string();
            if text.contains("TooManyRequests") || text == "(429 , 429)" {
                self.removed.push(format!("entry of a status table in {place}"));
            } else {
                array.elems.push(element);
            }
        }
        if trailing_comma && !array.elems.empty_or_trailing() {
            array.elems.push_punct(Default::default());
        }
        visit_mut::visit_expr_array_mut(self, array);
    }
}

/// `impl Trait for Type` or `impl Type`, with single spaces.
fn impl_label(item: &syn::ItemImpl) -> String {
    let self_ty = item.self_ty.to_token_stream().to_string();
    let label = match &item.trait_ {
        Some((_, path, _)) => format!("impl {} for {self_ty}", path.to_token_stream()),
        None => format!("impl {self_ty}"),
    };
    label.replace(" :: ", "::").replace(" < ", "<").replace(" > ", ">").replace(" >", ">")
}

fn mentions(items: &[Item], word: &str) -> bool {
    items.iter().any(|item| item.to_token_stream().to_string().contains(word))
}

/// A readable name for an item, unique within its module (`#2` for a repeated name).
fn labelled(module: &str, items: &[Item]) -> Vec<(String, Item)> {
    let mut out: Vec<(String, Item)> = Vec::new();
    for item in items {
        let name = match item {
            Item::Const(i) => format!("const {}", i.ident),
            Item::Enum(i) => format!("enum {}", i.ident),
            Item::Fn(i) => format!("fn {}", i.sig.ident),
            Item::Impl(i) => impl_label(i),
            Item::Mod(i) => format!("mod {}", i.ident),
            Item::Static(i) => format!("static {}", i.ident),
            Item::Struct(i) => format!("struct {}", i.ident),
            Item::Trait(i) => format!("trait {}", i.ident),
            Item::Type(i) => format!("type {}", i.ident),
            Item::Union(i) => format!("union {}", i.ident),
            Item::Use(i) => format!("use {}", i.tree.to_token_stream()).replace(" :: ", "::"),
            other => other.to_token_stream().to_string().chars().take(60).collect(),
        };
        let base = format!("{module}: {name}");
        let repeats = out.iter().filter(|(label, _)| label == &base || label.starts_with(&format!("{base} #"))).count();
        let label = if repeats == 0 { base } else { format!("{base} #{}", repeats + 1) };
        // Nested modules are compared item by item; the module item itself without its items.
        if let Item::Mod(module_item) = item {
            if let Some((_, content)) = &module_item.content {
                let mut shell = module_item.clone();
                shell.content = Some((Default::default(), Vec::new()));
                out.push((label, Item::Mod(shell)));
                out.extend(labelled(&format!("{module}::{}", module_item.ident), content));
                continue;
            }
        }
        out.push((label, item.clone()));
    }
    out
}

/// Compares two lists of items, appending a description of every difference to `problems`.
fn compare_items(module: &str, fragment: &[Item], atlas: &[Item], problems: &mut String) {
    let fragment = labelled(module, fragment);
    let atlas = labelled(module, atlas);
    let fragment_labels: Vec<&String> = fragment.iter().map(|(label, _)| label).collect();
    let atlas_labels: Vec<&String> = atlas.iter().map(|(label, _)| label).collect();
    let fragment_set: BTreeSet<&String> = fragment_labels.iter().copied().collect();
    let atlas_set: BTreeSet<&String> = atlas_labels.iter().copied().collect();
    for only in fragment_set.difference(&atlas_set) {
        let _ = writeln!(problems, "only from the fragment: {only}");
    }
    for only in atlas_set.difference(&fragment_set) {
        let _ = writeln!(problems, "only from the Atlas spec: {only}");
    }
    if fragment_set == atlas_set && fragment_labels != atlas_labels {
        let _ = writeln!(
            problems,
            "{module}: the same items in another order:\n  fragment: {fragment_labels:?}\n  atlas:    {atlas_labels:?}"
        );
    }
    for (label, fragment_item) in &fragment {
        let Some((_, atlas_item)) = atlas.iter().find(|(other, _)| other == label) else { continue };
        if fragment_item != atlas_item {
            let mut diff = line_diff(&pretty(fragment_item), &pretty(atlas_item));
            if !diff.lines().any(|line| line.starts_with(['+', '-'])) {
                // Equal as printed code: show where the syntax trees differ.
                diff = line_diff(&format!("{fragment_item:#?}"), &format!("{atlas_item:#?}"));
            }
            let _ = writeln!(problems, "differs: {label}\n{diff}");
        }
    }
}

fn pretty(item: &Item) -> String {
    prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![item.clone()] })
}

/// A line diff (`-` fragment, `+` Atlas), from the longest common subsequence of lines.
fn line_diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            let _ = writeln!(out, "  {}", old[i]);
            i += 1;
            j += 1;
        } else if j < new.len() && (i == old.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "+ {}", new[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "- {}", old[i]);
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 2-5. Generated crates compiled with cargo.
// ---------------------------------------------------------------------------------------------

fn write_crate(generation: &specforge::Generation, name: &str) -> PathBuf {
    let dir = scratch_dir(name);
    generation.write(&dir).unwrap_or_else(|error| panic!("cannot write the crate: {error}"));
    make_standalone(&dir);
    dir
}

/// What compiles the generated crate's own code (its dependencies always compile with rustc).
#[derive(Clone, Copy)]
enum Compiler {
    Rustc,
    /// Clippy's driver, which runs rustc with clippy's lints: cargo's workspace wrapper, as
    /// `cargo clippy` sets it, but for any cargo command.
    Clippy,
}

/// Clippy's driver of the toolchain running these tests (beside its cargo, as `cargo clippy`
/// finds it), else the one on `PATH`.
fn clippy_driver() -> PathBuf {
    let name = format!("clippy-driver{}", std::env::consts::EXE_SUFFIX);
    std::env::var_os("CARGO")
        .map(|cargo| Path::new(&cargo).with_file_name(&name))
        .filter(|driver| driver.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Runs cargo in the crate at `dir` (package `package`) with the shared target directory;
/// fails on a non-zero exit, on any warning, or when cargo did not compile the package itself,
/// showing cargo's output. Returns how long cargo ran.
fn cargo(dir: &Path, package: &str, args: &[&str]) -> Duration {
    cargo_output(dir, package, args, Compiler::Rustc).0
}

/// [`cargo`], with the generated crate compiled by `compiler`, also returning what cargo
/// printed on stdout (test results, say).
fn cargo_output(dir: &Path, package: &str, args: &[&str], compiler: Compiler) -> (Duration, String) {
    let _one_at_a_time = standalone::one_cargo_at_a_time();
    let mut command = standalone::cargo(dir);
    command.args(args).arg("--message-format").arg("short").arg("--manifest-path").arg(dir.join("Cargo.toml"));
    if let Compiler::Clippy = compiler {
        command.env("RUSTC_WORKSPACE_WRAPPER", clippy_driver());
    }
    let start = Instant::now();
    let output = command.output().unwrap_or_else(|error| panic!("cannot run cargo: {error}"));
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let wrapper = match compiler {
        Compiler::Rustc => String::new(),
        Compiler::Clippy => format!(", RUSTC_WORKSPACE_WRAPPER={}", clippy_driver().display()),
    };
    let described = format!(
        "cargo {} (in {}, CARGO_TARGET_DIR={}{wrapper})",
        args.join(" "),
        dir.display(),
        standalone::target_dir().display()
    );
    assert!(
        output.status.success(),
        "{described} failed with {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    let warnings: Vec<&str> = stderr.lines().filter(|line| line.contains("warning:")).collect();
    assert!(
        warnings.is_empty(),
        "{described} printed {} warning line(s):\n{}\n--- stderr\n{stderr}",
        warnings.len(),
        warnings.join("\n")
    );
    let compiled = stderr.lines().any(|line| {
        let line = line.trim_start();
        (line.starts_with("Checking ") || line.starts_with("Compiling ") || line.starts_with("Documenting "))
            && line.contains(&format!(" {package} v"))
    });
    assert!(compiled, "{described} did not compile {package} itself (stale artifacts?)\n--- stderr\n{stderr}");
    (elapsed, stdout.into_owned())
}

/// The whole Atlas spec generated once into a crate, shared by the tests that compile it.
struct FullCrate {
    dir: PathBuf,
    api: specforge::ir::Api,
    /// Where the generator warned that a union's members cannot be told apart.
    indistinguishable: BTreeSet<String>,
    operations: usize,
    types: usize,
    warnings: usize,
    features: Vec<String>,
    generation_time: Duration,
}

fn full_crate() -> &'static FullCrate {
    static FULL: OnceLock<FullCrate> = OnceLock::new();
    FULL.get_or_init(|| {
        let (generation, generation_time) = generate(&specforge::Generator::new(atlas_spec()).crate_name("atlas-full"));
        let dir = write_crate(&generation, "atlas-full");
        FullCrate {
            dir,
            api: generation.api.clone(),
            indistinguishable: generation
                .warnings
                .iter()
                .filter(|warning| warning.message.contains("cannot be told apart"))
                .map(|warning| warning.pointer.clone())
                .collect(),
            operations: generation.api.operations.len(),
            types: generation.api.types.len(),
            warnings: generation.warnings.len(),
            features: generation.api.groups.iter().map(|group| group.feature.clone()).collect(),
            generation_time,
        }
    })
}

/// The Atlas crates these tests compile, one after another in one test. Cargo builds one
/// crate at a time in the shared target directory: as separate tests, all but one waited for
/// its lock, each holding one of the two test threads, and the rest of the suite (the layout's
/// tests, 40 s of one core) ran only after them. As one test, the other thread runs the rest
/// meanwhile. Each step's failure names its crate and cargo command.
#[test]
fn atlas_crates_compile_without_warnings() {
    full_spec_is_clippy_clean_and_its_untagged_unions_decode_to_the_member_a_value_belongs_to();
    one_tag_feature_of_the_full_crate_compiles();
    // After the check above, whose dependencies' metadata it reuses.
    full_crate_documents_without_warnings();
    call_examples_of_sample_tags_compile();
    tag_selection_compiles();
    committed_crate_compiles_outside_the_workspace();
}

/// The full crate, linted and tested in one build: clippy's lints run while cargo compiles it
/// for a test of its untagged unions (clippy's driver as cargo's workspace wrapper, which is
/// how `cargo clippy` runs it, here with code generation), so the 280k lines are type-checked
/// once rather than once for `cargo clippy` and again for the test (18 s of one core). A
/// build reports every lint a check does, and the ones code generation finds beside them.
///
/// The test: for every untagged union, a value built from each member (its required
/// properties and the ones no other member declares, with values its types know) decodes to
/// that member and re-encodes unchanged, except where the generator warned that the union's
/// members cannot be told apart: there it decodes to some member and still re-encodes
/// unchanged. The cases are written as a test of the generated crate and run there.
fn full_spec_is_clippy_clean_and_its_untagged_unions_decode_to_the_member_a_value_belongs_to() {
    let full = full_crate();
    eprintln!(
        "full Atlas spec: generated in {:.2?} (debug build of specforge): {} operations, {} types, {} generator warnings, into {}",
        full.generation_time,
        full.operations,
        full.types,
        full.warnings,
        full.dir.display()
    );
    assert_eq!(full.operations, ATLAS_OPERATIONS, "operations generated from the full Atlas spec");
    let UnionCases { test, exact, loose } = union_member_cases(full);
    assert!(exact >= 50, "only {exact} union members were sampled");
    std::fs::create_dir_all(full.dir.join("tests")).unwrap();
    std::fs::write(full.dir.join("tests/union_members.rs"), test).unwrap();
    let (elapsed, stdout) =
        cargo_output(&full.dir, "atlas-full", &["test", "--test", "union_members"], Compiler::Clippy);
    assert!(stdout.contains("test result: ok. 1 passed"), "the union test did not pass:\n{stdout}");
    eprintln!(
        "full Atlas crate (default features: every tag): no clippy warning; {exact} members of distinguishable \
         untagged unions decode as themselves and {loose} of indistinguishable ones decode and re-encode \
         unchanged ({} unions warned); cargo test with clippy's lints took {elapsed:.2?}",
        full.indistinguishable.len()
    );
}

/// The full crate's rustdoc: the spec's descriptions, escaped for rustdoc (no stray HTML, no
/// intra-doc link the spec did not mean, web links kept and bare web addresses made links),
/// and the links the generator writes (an error type's owner) give no warning.
fn full_crate_documents_without_warnings() {
    let full = full_crate();
    let elapsed = cargo(&full.dir, "atlas-full", &["doc", "--no-deps", "--lib"]);
    eprintln!("full Atlas crate: cargo doc --no-deps took {elapsed:.2?}, without a warning");
}

/// Tags whose operations' examples are compiled: a sample, since compiling the doctests of
/// all 454 operations one by one would take far longer than the rest of these tests. Between
/// them they have deprecated operations with a request body (`Shared-Tier Restore Jobs`),
/// success responses in two media types (`Invoices`) and a method with eight arguments
/// (`Collection Level Metrics`).
const EXAMPLE_TAGS: &[&str] = &["Shared-Tier Restore Jobs", "Invoices", "Collection Level Metrics"];

fn call_examples_of_sample_tags_compile() {
    let mut generator = specforge::Generator::new(atlas_spec()).crate_name("atlas-examples");
    for tag in EXAMPLE_TAGS {
        generator = generator.tag(*tag);
    }
    let (generation, _) = generate(&generator);
    let operations = generation.api.operations.len();
    assert!(operations >= 19, "the sample tags {EXAMPLE_TAGS:?} selected only {operations} operations");
    assert!(generation.api.operations.iter().any(|op| op.deprecated), "the sample has no deprecated operation");
    assert!(generation.api.operations.iter().any(|op| op.paging.is_some()), "the sample has no paged operation");
    let dir = write_crate(&generation, "atlas-examples");
    let (doctests, stdout) = cargo_output(&dir, "atlas-examples", &["test", "--doc"], Compiler::Rustc);
    // Each operation's example is a `no_run` doctest on its client method, reported as
    // `... runtime::Client::method_name (line N) - compile ... ok`.
    let compiled: Vec<&str> =
        stdout.lines().filter(|line| line.contains("::Client::") && line.ends_with("- compile ... ok")).collect();
    assert_eq!(
        compiled.len(),
        operations,
        "one compiled example per operation of {EXAMPLE_TAGS:?}; cargo test --doc printed:\n{stdout}"
    );
    let readme = stdout.lines().filter(|line| line.contains("src/lib.rs - (line") && line.ends_with(" ok")).count();
    assert_eq!(
        readme, 3,
        "the README's three examples (clients, one call, one paged listing) compile; cargo test --doc printed:\n{stdout}"
    );
    eprintln!("tags {EXAMPLE_TAGS:?}: {operations} operation examples and the README compiled in {doctests:.2?}");
}

fn tag_selection_compiles() {
    let (generation, generation_time) =
        generate(&specforge::Generator::new(atlas_spec()).tag("Cloud Backups").crate_name("atlas-cloud-backups"));
    let api = &generation.api;
    assert!(!api.operations.is_empty(), "the tag Cloud Backups selected no operation");
    let strays: Vec<String> = api
        .operations
        .iter()
        .filter(|op| api.groups[op.group.0].tag != "Cloud Backups")
        .map(|op| format!("{} (tag {})", op.operation_id, api.groups[op.group.0].tag))
        .collect();
    assert!(strays.is_empty(), "operations outside the selected tag: {strays:?}");
    let dir = write_crate(&generation, "atlas-cloud-backups");
    eprintln!(
        "tag Cloud Backups: generated in {generation_time:.2?}: {} operations, {} types, into {}",
        api.operations.len(),
        api.types.len(),
        dir.display()
    );
    let check = cargo(&dir, "atlas-cloud-backups", &["check"]);
    eprintln!("tag Cloud Backups: cargo check took {check:.2?}");
}

fn one_tag_feature_of_the_full_crate_compiles() {
    let full = full_crate();
    assert!(
        full.features.iter().any(|feature| feature == "cloud-backups"),
        "the full crate has no feature cloud-backups; its features: {:?}",
        full.features
    );
    eprintln!("full Atlas spec: generated in {:.2?} (shared with the full check)", full.generation_time);
    let check = cargo(&full.dir, "atlas-full", &["check", "--no-default-features", "--features", "cloud-backups"]);
    eprintln!("full Atlas crate, feature cloud-backups only: cargo check took {check:.2?}");
}

/// The union test [`full_spec_is_clippy_clean_and_its_untagged_unions_decode_to_the_member_a_value_belongs_to`]
/// writes into the full crate, and how many members it samples exactly and loosely.
struct UnionCases {
    test: String,
    exact: usize,
    loose: usize,
}

fn union_member_cases(full: &FullCrate) -> UnionCases {
    use specforge::ir::TypeKind;
    let api = &full.api;
    let warned = &full.indistinguishable;
    let mut cases = String::new();
    let (mut exact, mut loose) = (0, 0);
    for named in &api.types {
        let TypeKind::Union(union) = &named.kind else { continue };
        if union.discriminator.is_some() {
            continue;
        }
        let ambiguous = warned.contains(&named.origin);
        for (index, variant) in union.variants.iter().enumerate() {
            let others: Vec<&specforge::ir::TypeRef> =
                union.variants.iter().enumerate().filter(|(other, _)| *other != index).map(|(_, v)| &v.ty).collect();
            let Some(value) = member_sample(api, &variant.ty, &others) else { continue };
            let expected = if ambiguous {
                loose += 1;
                "None".to_owned()
            } else {
                exact += 1;
                format!("Some({:?})", variant.name)
            };
            writeln!(cases, "    check::<models::{}>({:?}, {expected});", named.name, value.to_string()).unwrap();
        }
    }
    let test = format!(
        "//! Written by specforge's tests/atlas.rs: one value per member of every untagged union.\n\
         use atlas_full::models;\n\n\
         fn check<T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug>(text: &str, variant: Option<&str>) {{\n\
         \x20   let value: serde_json::Value = serde_json::from_str(text).unwrap();\n\
         \x20   let decoded: T = serde_json::from_value(value.clone()).unwrap();\n\
         \x20   let shown = format!(\"{{decoded:?}}\");\n\
         \x20   if let Some(variant) = variant {{\n\
         \x20       assert!(shown.starts_with(&format!(\"{{variant}}(\")), \"{{text}} decoded as {{shown}}, not {{variant}}\");\n\
         \x20   }}\n\
         \x20   assert!(!shown.starts_with(\"Other(\"), \"{{text}} decoded as no member: {{shown}}\");\n\
         \x20   assert_eq!(serde_json::to_value(&decoded).unwrap(), value, \"{{text}} re-encodes as it was\");\n\
         }}\n\n\
         #[test]\n\
         fn every_member_decodes_as_itself() {{\n{cases}}}\n"
    );
    UnionCases { test, exact, loose }
}

/// No type or union variant of the full Atlas crate is named by position (`Enum`, `Enum2`,
/// `Variant3`): names come from the spec or from what a member is.
#[test]
fn no_name_of_the_full_crate_is_positional() {
    use specforge::ir::TypeKind;
    let full = full_crate();
    let positional = |name: &str| {
        let stem = name.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches('_');
        stem.ends_with("Enum") || stem.ends_with("Variant")
    };
    let mut found = Vec::new();
    for named in &full.api.types {
        if positional(&named.name) {
            found.push(named.name.clone());
        }
        if let TypeKind::Union(union) = &named.kind {
            found.extend(
                union.variants.iter().filter(|v| positional(&v.name)).map(|v| format!("{}::{}", named.name, v.name)),
            );
        }
    }
    assert!(found.is_empty(), "{} positional names: {found:?}", found.len());
}

/// A JSON value of a union member: a struct's required fields and the properties no other
/// member (`others`) declares, each with a value its type knows exactly.
fn member_sample(
    api: &specforge::ir::Api,
    ty: &specforge::ir::TypeRef,
    others: &[&specforge::ir::TypeRef],
) -> Option<serde_json::Value> {
    use specforge::ir::{TypeKind, TypeRef};
    let TypeRef::Named(id) = ty else { return sample(api, ty, 0) };
    let TypeKind::Struct(structure) = &api.types[id.0].kind else { return sample(api, ty, 0) };
    let declared_elsewhere = |wire: &str| {
        others.iter().any(|other| match other {
            TypeRef::Named(other) => match &api.types[other.0].kind {
                TypeKind::Struct(s) => s.fields.iter().any(|f| f.wire_name == wire),
                _ => false,
            },
            _ => false,
        })
    };
    let mut object = serde_json::Map::new();
    for field in &structure.fields {
        if field.required || !declared_elsewhere(&field.wire_name) {
            object.insert(field.wire_name.clone(), sample(api, &field.ty, 1)?);
        }
    }
    Some(serde_json::Value::Object(object))
}

/// A value of `ty` that it decodes exactly: required fields only, known enum values, the first
/// member of a union.
fn sample(api: &specforge::ir::Api, ty: &specforge::ir::TypeRef, depth: usize) -> Option<serde_json::Value> {
    use serde_json::json;
    use specforge::ir::{TypeKind, TypeRef};
    if depth > 12 {
        return None;
    }
    Some(match ty {
        TypeRef::Bool => json!(true),
        TypeRef::Integer(_) => json!(1),
        TypeRef::Number(_) => json!(1.5),
        TypeRef::String => json!("text"),
        TypeRef::DateTime => json!("2026-12-05T10:00:00Z"),
        TypeRef::Date => json!("2026-12-05"),
        TypeRef::List(item) => json!([sample(api, item, depth + 1)?]),
        TypeRef::Map(_) | TypeRef::JsonObject => json!({}),
        TypeRef::Json => json!({"any": 1}),
        // The full spec is generated without replaced schemas; a user's type has no sample.
        TypeRef::External(_) => return None,
        TypeRef::Named(id) => match &api.types[id.0].kind {
            TypeKind::Struct(structure) => {
                let mut object = serde_json::Map::new();
                for field in structure.fields.iter().filter(|field| field.required) {
                    object.insert(field.wire_name.clone(), sample(api, &field.ty, depth + 1)?);
                }
                serde_json::Value::Object(object)
            }
            TypeKind::Enum(e) => json!(e.variants.first()?.value),
            TypeKind::Union(u) => {
                let first = u.variants.first()?;
                let mut value = sample(api, &first.ty, depth + 1)?;
                if let (Some(discriminator), Some(tag)) = (&u.discriminator, first.tags.first()) {
                    value.as_object_mut()?.insert(discriminator.property.clone(), json!(tag));
                }
                value
            }
            TypeKind::Alias(target) | TypeKind::Newtype { ty: target, .. } => sample(api, target, depth + 1)?,
        },
    })
}

/// The committed crate's manifest stands alone: copied out of the workspace, with no
/// workspace to inherit from, it compiles with the features it asks of its dependencies. A
/// check says that; the workspace's own build of the same sources generates their code.
fn committed_crate_compiles_outside_the_workspace() {
    let dir = scratch_dir("committed-crate");
    copy_tree(&workspace().join("generated"), &dir);
    make_standalone(&dir);
    let check = cargo(&dir, "mongodb-atlas-admin-api", &["check"]);
    eprintln!("committed crate, copied to {}: cargo check took {check:.2?}", dir.display());
}

/// Copies a directory recursively, leaving out build output.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type().unwrap().is_dir() {
            if entry.file_name() != "target" {
                copy_tree(&source, &target);
            }
        } else {
            std::fs::copy(&source, &target)
                .unwrap_or_else(|error| panic!("cannot copy {} to {}: {error}", source.display(), target.display()));
        }
    }
}
