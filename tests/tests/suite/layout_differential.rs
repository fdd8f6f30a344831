//! The layout (`src/print/layout/`) proven on more than our own output: arbitrary Rust, and
//! every file that the corpus's specs emit, printed by the layout lexes back to the same tokens,
//! parses to the same syntax tree and prints again to the same text (the contract and its
//! comparison are in `printed/tokens.rs`, shared with the `layout` fuzz target).
//!
//! The arbitrary Rust is written by [`Grammar`] from a list of choices that proptest draws and
//! shrinks (a shorter list, smaller numbers: the simplest alternative is always choice 0), so
//! that a failure shrinks to a small file. It covers items (functions with generics, where
//! clauses and qualifiers, structs, enums, unions, impls, traits, aliases, consts, statics, use
//! trees, modules, macro definitions and calls, extern blocks), attributes (outer, inner, doc
//! comments and doc attributes of every spelling), expressions of every precedence, patterns,
//! types, lifetimes and literals of every kind, and macro arguments that are not Rust at all.
//! Each file is checked twice: as `syn` prints its syntax tree, and as the lexer reads the text.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use proc_macro2::TokenStream;
use proptest::prelude::*;
use quote::ToTokens;

use crate::printed::tokens::{check_layout, check_tokens};
use crate::shared_specs::corpus;

/// Cases of the property: about 1.5 s in the debug test build on one core. `LAYOUT_CASES=20000`
/// runs it longer.
const CASES: u32 = 512;

fn config() -> ProptestConfig {
    let cases = std::env::var("LAYOUT_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    // No regression files in the source tree: a failure becomes a unit test in src/print/layout/tests.rs.
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_rust_prints_to_the_same_tokens(choices in proptest::collection::vec(any::<u8>(), 0..600)) {
        let source = Grammar::new(&choices).file();
        let file = syn::parse_file(&source)
            .unwrap_or_else(|error| panic!("the grammar wrote Rust that does not parse ({error}):\n{source}"));
        let lexed: TokenStream = source.parse().expect("what parses lexes");
        for (what, tokens) in [("the syntax tree", file.into_token_stream()), ("the lexed text", lexed)] {
            if let Err(error) = check_layout(&tokens) {
                return Err(TestCaseError::fail(format!("{what} of\n{source}\n--- {error}")));
            }
        }
    }
}

/// The contract lets a trailing comma come or go where the syntax does not change: after
/// the arguments of a call of a name or of a literal (`1Err(a)` parses as a call, as the fuzz
/// target found), not in a parenthesised value of one element, where it makes a tuple.
#[test]
fn the_contract_allows_a_trailing_comma_where_it_changes_no_syntax() {
    let long = (0..30).map(|i| format!("argument_number_{i}")).collect::<Vec<_>>().join(", ");
    // One argument, so that only what precedes the parenthesis tells a call from a value.
    for call in [format!("fn f() {{ g(h({long})); }}"), format!("fn f() {{ 1Err(h({long})); }}")] {
        let tokens: TokenStream = call.parse().expect("the call lexes");
        let printed = check_layout(&tokens).unwrap_or_else(|error| panic!("{call}: {error}"));
        assert!(printed.contains(",\n    );"), "broken over lines with a trailing comma:\n{printed}");
    }
    let lex = |text: &str| text.parse::<TokenStream>().expect("lexes");
    let tuple = crate::printed::tokens::same_tokens(lex("fn f() { (x); }"), lex("fn f() { (x,); }"));
    assert!(tuple.is_err(), "`(x)` and the tuple `(x,)` differ");
}

/// String literals compare by value whatever their spelling: the raw and plain spellings that
/// need no decoding are compared as they are, the others decoded.
#[test]
fn string_literals_compare_by_value() {
    use crate::printed::tokens::same_literal;
    let same = [
        (r#"r" a line""#, r#"" a line""#),
        (r###"r#" say "hi""#"###, r#"" say \"hi\"""#),
        (r##"r#"a"#"##, r#"r"a""#),
        (r#""tab\there""#, "\"tab\there\""),
        (r#""""#, r#"r"""#),
    ];
    for (a, b) in same {
        assert!(same_literal(a, b) && same_literal(b, a), "{a} and {b} are the same string");
    }
    let different = [
        (r#"r" a line""#, r#"" a lime""#),
        (r#"r"a""#, r#""a"x"#),
        (r#"r"a"x"#, r#""a"y"#),
        (r#""a""#, r#"b"a""#),
        (r#"r"\n""#, r#""\n""#),
    ];
    for (a, b) in different {
        assert!(!same_literal(a, b) && !same_literal(b, a), "{a} and {b} differ");
    }
}

/// What one spec of the corpus emitted: its code parts (those already checked for another
/// spec, token for token, are counted apart), the bytes printed, and what broke the contract.
struct SpecOutcome {
    spec: String,
    parts: usize,
    repeated: usize,
    bytes: usize,
    failures: Vec<String>,
    seconds: f64,
}

/// Every file that every spec of the corpus emits: the token streams of its code (the parts
/// that `Printer::Layout` prints; the runtime's sources and the macro of `templates/` are
/// copied as written) each printed by the layout and lexed back to the same tokens (the
/// comparison of `printed/tokens.rs`). Each spec is loaded and emitted once, and its tokens are
/// compared as they are, which is what `Printer::Tokens` prints; the largest specs start
/// first, one per core.
#[test]
fn every_emitted_file_of_the_corpus_prints_to_the_same_tokens() {
    let corpus = corpus();
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.tsv")).expect("the manifest reads");
    let mut specs: Vec<(u64, String)> = manifest
        .lines()
        .skip(1)
        .filter_map(|line| line.split('\t').next())
        .map(|spec| (std::fs::metadata(corpus.join(spec)).map_or(0, |m| m.len()), spec.to_owned()))
        .collect();
    assert!(specs.len() >= 10, "the manifest lists the corpus's specs: {specs:?}");
    // The repository's own fixtures too, for shapes no corpus spec has (absolute paths, which
    // `join` keeps as they are).
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace").to_owned();
    for dir in ["tests/specs", "generator/tests/fixtures"] {
        for entry in std::fs::read_dir(workspace.join(dir)).expect("the fixtures are there") {
            let path = entry.expect("readable").path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
                specs.push((0, path.display().to_string()));
            }
        }
    }
    specs.push((0, workspace.join("spec/restore-job.yaml").display().to_string()));
    specs.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let started = Instant::now();
    let next = Mutex::new(specs.iter().map(|(_, spec)| spec));
    let checked = Mutex::new(HashSet::new());
    let outcomes = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let Some(spec) = next.lock().unwrap().next() else { break };
                let outcome = check_spec(&corpus, spec, &checked);
                outcomes.lock().unwrap().push(outcome);
            });
        }
    });
    let mut outcomes = outcomes.into_inner().unwrap();
    outcomes.sort_by(|a, b| a.spec.cmp(&b.spec));
    for o in &outcomes {
        eprintln!(
            "layout corpus: {}: {} code parts ({} as another spec's), {} bytes printed, {:.1} s",
            o.spec, o.parts, o.repeated, o.bytes, o.seconds
        );
    }
    let parts: usize = outcomes.iter().map(|o| o.parts).sum();
    eprintln!(
        "layout corpus: {} specs, {parts} code parts in {:.1} s",
        outcomes.len(),
        started.elapsed().as_secs_f64()
    );
    let failures: Vec<&String> = outcomes.iter().flat_map(|o| &o.failures).collect();
    assert!(failures.is_empty(), "{} failures; the first:\n{}", failures.len(), failures[0]);
    assert!(outcomes.iter().all(|o| o.parts > 0), "every spec emits code");
}

/// Loads, lowers and emits one spec of the corpus (as `scripts/corpus.sh` generates it: a
/// multi-file spec with its directory as the root of its references) and checks every code
/// part that it emits, unless the same tokens were `checked` already (the corpus holds one
/// spec both bundled and in files).
fn check_spec(corpus: &Path, spec: &str, checked: &Mutex<HashSet<u64>>) -> SpecOutcome {
    let started = Instant::now();
    let mut generator = specforge::Generator::new(corpus.join(spec));
    if let Some(rest) = spec.strip_prefix("multifile/") {
        let directory = rest.split('/').next().unwrap_or_default();
        generator = generator.ref_root(corpus.join("multifile").join(directory));
    }
    let (_, lowered) = generator.lower_only().unwrap_or_else(|error| panic!("{spec} does not lower: {error}"));
    let options = specforge::emit::EmitOptions {
        tag_features: true,
        crate_ident: specforge::naming::crate_ident(&specforge::default_crate_name(&lowered.api.title)),
        runtime: specforge::RuntimeSource::Vendored,
        doctests: true,
    };
    let files = specforge::emit::emit_crate(&lowered.api, &options).unwrap_or_else(|error| panic!("{spec}: {error}"));
    let mut outcome =
        SpecOutcome { spec: spec.to_owned(), parts: 0, repeated: 0, bytes: 0, failures: Vec::new(), seconds: 0.0 };
    for file in &files {
        for part in &file.parts {
            // A written part (layout commands, without tokens) must print as the layout prints
            // its tokens: its text, lexed and laid out again, comes back unchanged.
            let (tokens, written) = match part {
                specforge::emit::Part::Code(make) => (make(), None),
                specforge::emit::Part::Written(write) => {
                    let text = specforge::Printer::Layout.print_written(write).expect("the layout prints");
                    let tokens: TokenStream = match text.parse() {
                        Ok(tokens) => tokens,
                        Err(error) => {
                            outcome.failures.push(format!("{spec} {}: written text does not lex: {error}", file.path));
                            continue;
                        }
                    };
                    (tokens, Some(text))
                }
                specforge::emit::Part::Text(_) => continue,
            };
            outcome.parts += 1;
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            tokens.to_string().hash(&mut hasher);
            if !checked.lock().unwrap().insert(hasher.finish()) {
                outcome.repeated += 1;
                continue;
            }
            match check_tokens(tokens) {
                Ok(printed) => match written {
                    Some(text) if text != printed => outcome.failures.push(format!(
                        "{spec} {}: written code prints otherwise than its tokens:\n{}",
                        file.path,
                        first_difference(&text, &printed)
                    )),
                    _ => outcome.bytes += printed.len(),
                },
                Err(error) => outcome.failures.push(format!("{spec} {}: {error}", file.path)),
            }
        }
    }
    outcome.seconds = started.elapsed().as_secs_f64();
    outcome
}

/// The first line where two texts differ, with the line of each.
fn first_difference(written: &str, printed: &str) -> String {
    let mut lines = written.lines().zip(printed.lines()).enumerate();
    match lines.find(|(_, (a, b))| a != b) {
        Some((index, (a, b))) => format!("line {}:\n  written: {a}\n  layout:  {b}", index + 1),
        None => format!("one is longer: {} against {} lines", written.lines().count(), printed.lines().count()),
    }
}

/// Operator precedence, lowest first, as Rust's expression grammar has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    /// `return`, `break`, closures: they take everything to their right.
    Jump,
    Assign,
    Range,
    Or,
    And,
    Compare,
    BitOr,
    BitXor,
    BitAnd,
    Shift,
    Sum,
    Product,
    Cast,
    Prefix,
    /// Calls, fields, literals, paths, blocks: anything that binds tightest.
    Postfix,
}

/// An expression's text and what decides where it needs parentheses.
struct Expr {
    text: String,
    prec: Prec,
    /// A struct literal outside any delimiter: not allowed in a condition (`if S {} {}`).
    bare_struct: bool,
    /// Ends with `as Type`: a `<` after it would open the type's generic arguments.
    ends_cast: bool,
    /// An `if`, `match`, loop or block: as a statement it ends at its block.
    block_like: bool,
}

impl Expr {
    fn atom(text: impl Into<String>) -> Expr {
        Expr { text: text.into(), prec: Prec::Postfix, bare_struct: false, ends_cast: false, block_like: false }
    }

    fn with(text: String, prec: Prec, parts: &[&Expr]) -> Expr {
        let bare_struct = parts.iter().any(|part| part.bare_struct);
        Expr { text, prec, bare_struct, ends_cast: parts.last().is_some_and(|last| last.ends_cast), block_like: false }
    }

    fn parenthesized(self) -> Expr {
        Expr::atom(format!("({})", self.text))
    }

    /// As the receiver of a method call, field or `.await`: a number in parentheses, since
    /// `1.f` would lex as a float.
    fn receiver(self) -> Expr {
        let receiver = self.at_least(Prec::Postfix);
        if receiver.text.starts_with(|c: char| c.is_ascii_digit()) {
            receiver.parenthesized()
        } else {
            receiver
        }
    }

    /// The expression where an operand of precedence `prec` or tighter is expected.
    fn at_least(self, prec: Prec) -> Expr {
        if self.prec < prec {
            self.parenthesized()
        } else {
            self
        }
    }

    /// First in a statement (or a block's tail): in parentheses if it would end early.
    fn statement(self) -> String {
        if !self.block_like && starts_statement(&self.text) {
            self.parenthesized().text
        } else {
            self.text
        }
    }

    /// As the condition of `if` or `while`, the scrutinee of `match` or the iterator of `for`.
    fn condition(self) -> String {
        if self.bare_struct || self.prec <= Prec::Range {
            self.parenthesized().text
        } else {
            self.text
        }
    }
}

const BINARY: &[(&str, Prec)] = &[
    ("||", Prec::Or),
    ("&&", Prec::And),
    ("==", Prec::Compare),
    ("!=", Prec::Compare),
    ("<", Prec::Compare),
    (">", Prec::Compare),
    ("<=", Prec::Compare),
    (">=", Prec::Compare),
    ("|", Prec::BitOr),
    ("^", Prec::BitXor),
    ("&", Prec::BitAnd),
    ("<<", Prec::Shift),
    (">>", Prec::Shift),
    ("+", Prec::Sum),
    ("-", Prec::Sum),
    ("*", Prec::Product),
    ("/", Prec::Product),
    ("%", Prec::Product),
];

const LITERALS: &[&str] = &[
    "1",
    "0",
    "255u8",
    "-7i64",
    "1_000_000",
    "0xFF_u32",
    "0o17",
    "0b1010_0101",
    "1.5",
    "2.5e-3f64",
    "1e10",
    "3f32",
    "'a'",
    "'\\n'",
    "'\\''",
    "'\\u{1F600}'",
    "'é'",
    "b'x'",
    "b'\\xff'",
    "\"text\"",
    "\"with \\\"quotes\\\" and \\\\ \\t\\n\"",
    "\"é \\u{e9} \\x41\"",
    "\"line\\\n     continued\"",
    "r\"raw\"",
    "r#\"raw \"quoted\"\"#",
    "r##\"a \"# b\"##",
    "b\"bytes\\x00\"",
    "br\"raw bytes\"",
    "br#\"raw \"bytes\"\"#",
    "c\"c string\"",
    "cr\"raw c\"",
    "true",
    "false",
    "\"\"",
    "\"multi\nline\"",
];

const IDENTS: &[&str] = &[
    "x",
    "value",
    "items",
    "r#type",
    "r#match",
    "union",
    "default",
    "auto",
    "raw",
    "macro_rules",
    "a_long_identifier_that_takes_some_room",
];

const TYPE_NAMES: &[&str] = &[
    "u8",
    "T",
    "String",
    "Self",
    "str",
    "usize",
    "Item",
    "Vec<u8>",
    "crate::model::Thing",
    "super::Error",
    "::std::io::Error",
];

const DOCS: &[&str] = &[
    "/// A doc comment.",
    "///",
    "/// With `code`, \"quotes\" and a \\ backslash.",
    "///\tTabbed, trailing space ",
    "/** A block doc. */",
    "#[doc = \" An attribute.\"]",
    "#[doc = r\" A raw attribute.\"]",
    "#[doc = r#\" Raw with \"quotes\".\"#]",
    "#[doc = \"Escaped \\\"quotes\\\" and \\\\ and \\u{e9}.\"]",
    "#[doc = \"Two\\nlines.\"]",
    "#[doc = \"/ Starts with a slash.\"]",
    "#[doc = \"\"]",
    "#[doc = \"Carriage\\rreturn.\"]",
    "#[doc = \"A\\\n    continued line.\"]",
    "#[doc = concat!(\"a\", \"b\")]",
    "#[doc(hidden)]",
];

const ATTRIBUTES: &[&str] = &[
    "#[inline]",
    "#[derive(Debug, Clone, PartialEq)]",
    "#[derive(Debug,)]",
    "#[cfg(all(feature = \"x\", not(test)))]",
    "#[serde(rename = \"type\", default)]",
    "#[allow(dead_code, clippy::too_many_arguments)]",
    "#[path = \"other.rs\"]",
    "#[must_use = \"a reason\"]",
    "#[repr(C, align(8))]",
    "#[cfg_attr(feature = \"serde\", derive(serde::Serialize), serde(rename_all = \"camelCase\"))]",
    "#[rustfmt::skip]",
    "#[deprecated(since = \"1.0\", note = \"use another one that has a much longer name than this one does\")]",
];

const INNER_ATTRIBUTES: &[&str] = &[
    "#![allow(unused)]",
    "//! An inner doc comment.",
    "#![doc = \" An inner doc attribute.\"]",
    "#![doc = r\"Raw inner.\"]",
    "/*! An inner block doc. */",
    "#![cfg_attr(docsrs, feature(doc_cfg))]",
];

/// Punctuation of macro arguments, which need not be Rust: every operator, and marks that
/// only macros use.
const PUNCTUATION: &[&str] = &[
    "+", "-", "*", "/", "%", "^", "!", "&", "|", "&&", "||", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "^=", "&=",
    "|=", "<<=", ">>=", "=", "==", "!=", ">", "<", ">=", "<=", "@", ".", "..", "...", "..=", ",", ";", ":", "::", "->",
    "=>", "<-", "#", "$", "?", "~",
];

/// Writes Rust source from a list of choices: each decision takes the next number (0 once the
/// list is used up), so a shorter list or smaller numbers write a smaller file, and nesting
/// stops at a fixed depth.
struct Grammar<'a> {
    choices: &'a [u8],
    at: usize,
    depth: usize,
}

const MAX_DEPTH: usize = 4;

impl<'a> Grammar<'a> {
    fn new(choices: &'a [u8]) -> Self {
        Grammar { choices, at: 0, depth: 0 }
    }

    /// A number below `n`.
    fn pick(&mut self, n: usize) -> usize {
        let choice = self.choices.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        choice as usize % n
    }

    /// True with probability about `percent` (never for choice 0, nor once the choices are
    /// used up).
    fn chance(&mut self, percent: usize) -> bool {
        let choice = self.choices.get(self.at).copied();
        self.at += 1;
        choice.is_some_and(|c| (255 - c as usize) * 100 < percent * 256)
    }

    fn one_of(&mut self, options: &[&str]) -> String {
        options[self.pick(options.len())].to_owned()
    }

    /// Up to `max` things, at least `min`; fewer when deep.
    fn count(&mut self, min: usize, max: usize) -> usize {
        let max = if self.depth >= MAX_DEPTH { min } else { max };
        min + self.pick(max - min + 1)
    }

    /// `f` one nesting level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let value = f(self);
        self.depth -= 1;
        value
    }

    fn deep(&self) -> bool {
        self.depth >= MAX_DEPTH
    }

    fn list(&mut self, min: usize, max: usize, separator: &str, mut f: impl FnMut(&mut Self) -> String) -> String {
        let n = self.count(min, max);
        let parts: Vec<String> = (0..n).map(|_| self.nested(&mut f)).collect();
        parts.join(separator)
    }

    /// A comma-separated list, with a trailing comma now and then.
    fn commas(&mut self, min: usize, max: usize, f: impl FnMut(&mut Self) -> String) -> String {
        let mut text = self.list(min, max, ", ", f);
        if !text.is_empty() && self.chance(15) {
            text.push(',');
        }
        text
    }

    fn ident(&mut self) -> String {
        self.one_of(IDENTS)
    }

    fn lifetime(&mut self) -> String {
        self.one_of(&["'a", "'b", "'static", "'_", "'de"])
    }

    fn file(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..self.pick(3) {
            let _ = writeln!(out, "{}", self.one_of(INNER_ATTRIBUTES));
        }
        let items = 1 + self.pick(4);
        for _ in 0..items {
            out.push_str(&self.item());
            out.push('\n');
        }
        out
    }

    fn attributes(&mut self) -> String {
        let mut out = String::new();
        while self.chance(30) {
            let attribute = if self.chance(50) { self.one_of(DOCS) } else { self.one_of(ATTRIBUTES) };
            out.push_str(&attribute);
            out.push('\n');
        }
        out
    }

    fn visibility(&mut self) -> String {
        self.one_of(&["", "pub ", "pub(crate) ", "pub(super) ", "pub(in crate::a) ", "pub(self) "])
    }

    fn item(&mut self) -> String {
        let attributes = self.attributes();
        let kinds = if self.deep() { 3 } else { 20 };
        let body = match self.pick(kinds) {
            0 => format!("{}struct {};", self.visibility(), self.type_name()),
            1 => self.constant(),
            2 => self.use_item(),
            3..=5 => self.function(Context::Free),
            6 => self.structure(),
            7 => self.enumeration(),
            8 => format!("union {}{} {{ {} }}", self.type_name(), self.generics(), self.commas(1, 3, Self::field)),
            9 | 10 => self.implementation(),
            11 => self.trait_item(),
            12 => {
                let (name, generics, ty) = (self.type_name(), self.generics(), self.ty());
                format!("{}type {name}{generics} = {};", self.visibility(), ty.text)
            }
            13 => {
                let items = self.nested(|g| g.items(0, 3));
                let inner = if self.chance(30) { self.one_of(INNER_ATTRIBUTES) + "\n" } else { String::new() };
                match self.pick(3) {
                    0 => format!("{}mod {};", self.visibility(), self.ident()),
                    _ => format!("{}mod {} {{\n{inner}{items}}}", self.visibility(), self.ident()),
                }
            }
            14 => self.macro_rules(),
            15 => self.item_macro_call(),
            16 => self.extern_block(),
            17 => {
                self.one_of(&["extern crate alloc;", "extern crate self as me;", "pub extern crate core as std_core;"])
            }
            18 => {
                let (name, ty, value) = (self.ident(), self.ty().text, self.expr().text);
                format!("{}static {}{name}: {ty} = {value};", self.visibility(), self.one_of(&["", "mut "]))
            }
            _ => self.function(Context::Free),
        };
        attributes + &body
    }

    fn items(&mut self, min: usize, max: usize) -> String {
        let n = self.count(min, max);
        (0..n).map(|_| self.item() + "\n").collect()
    }

    fn type_name(&mut self) -> String {
        self.one_of(&["S", "Thing", "Request", "AVeryLongTypeNameThatIsLongerThanMostOfTheOthers", "E"])
    }

    fn constant(&mut self) -> String {
        let name = self.one_of(&["LIMIT", "_", "A_CONSTANT"]);
        let (ty, value) = (self.ty().text, self.expr().text);
        format!("{}const {name}: {ty} = {value};", self.visibility())
    }

    fn use_item(&mut self) -> String {
        let tree = self.use_tree();
        format!("{}use {}{tree};", self.visibility(), self.one_of(&["", "::", "crate::", "super::", "self::"]))
    }

    fn use_tree(&mut self) -> String {
        match self.pick(if self.deep() { 2 } else { 6 }) {
            0 => self.ident(),
            1 => format!("{}::{}", self.ident(), self.one_of(&["*", "Thing", "self", "r#fn"])),
            2 => format!("{} as {}", self.ident(), self.one_of(&["_", "y", "Other"])),
            3 => format!("{}::{}", self.ident(), self.use_tree()),
            _ => format!("{}::{{{}}}", self.ident(), self.commas(0, 4, Self::use_tree)),
        }
    }

    fn generics(&mut self) -> String {
        if !self.chance(40) {
            return String::new();
        }
        let mut params = Vec::new();
        for _ in 0..self.pick(3) {
            let bounds = if self.chance(40) { format!(": {}", self.lifetime()) } else { String::new() };
            params.push(format!("{}{bounds}", self.one_of(&["'a", "'b", "'de"])));
        }
        for _ in 0..self.pick(3) {
            params.push(match self.pick(4) {
                0 => self.one_of(&["T", "U", "F"]),
                1 => format!("{}: {}", self.one_of(&["T", "U"]), self.bounds()),
                2 => format!(
                    "const N: {} = {}",
                    self.one_of(&["usize", "u8", "bool"]),
                    self.one_of(&["3", "{ 1 + 2 }", "true"])
                ),
                _ => format!("{} = {}", self.one_of(&["T", "U"]), self.ty().text),
            });
        }
        if params.is_empty() {
            params.push("T".to_owned());
        }
        let trailing = if self.chance(10) { "," } else { "" };
        format!("<{}{trailing}>", params.join(", "))
    }

    fn where_clause(&mut self) -> String {
        if !self.chance(25) {
            return String::new();
        }
        let predicates = self.commas(1, 3, |g| match g.pick(4) {
            0 => format!("{}: {}", g.lifetime(), g.lifetime()),
            1 => format!("for<'x> &'x {}: {}", g.ty().at_least_path(), g.bounds()),
            _ => format!("{}: {}", g.ty().at_least_path(), g.bounds()),
        });
        format!(" where {predicates}")
    }

    fn bounds(&mut self) -> String {
        // A trait first: `impl` and `dyn` need one.
        let mut bounds =
            vec![self.one_of(&["Clone", "Send", "std::fmt::Debug", "serde::de::DeserializeOwned", "Into<String>"])];
        let n = self.pick(3);
        for index in 0..n {
            bounds.push(match self.pick(7) {
                0 => self.lifetime(),
                1 => "?Sized".to_owned(),
                2 => format!("Iterator<Item = {}>", self.ty().text),
                3 => format!("for<'x> Fn(&'x {}) -> {}", self.ty().operand(), self.ty().operand()),
                // A return type takes the `+` after it: only the last bound may have one.
                4 if index + 1 == n => {
                    format!("FnMut({}) -> {}", self.commas(0, 2, |g| g.ty().text), self.ty().operand())
                }
                4 => format!("FnOnce({})", self.commas(0, 2, |g| g.ty().text)),
                5 => format!("From<{}>", self.ty().text),
                _ => self.one_of(&["Clone", "Send", "std::fmt::Debug", "serde::de::DeserializeOwned", "Into<String>"]),
            });
        }
        bounds.join(" + ")
    }

    fn ty(&mut self) -> Type {
        if self.deep() {
            return Type::plain(self.one_of(TYPE_NAMES));
        }
        self.nested(|g| match g.pick(18) {
            0 | 1 => Type::plain(g.one_of(TYPE_NAMES)),
            2 => Type::plain(format!("Vec<{}>", g.ty().text)),
            3 => Type::plain(format!("HashMap<{}, {}>", g.ty().text, g.ty().text)),
            4 => Type::plain(format!("Option<Vec<{}>>", g.ty().text)),
            5 => {
                let (lifetime, mutable) = (g.one_of(&["", "'a ", "'static "]), g.one_of(&["", "mut "]));
                Type::plain(format!("&{lifetime}{mutable}{}", g.ty().operand()))
            }
            6 => Type::plain(format!("*{} {}", g.one_of(&["const", "mut"]), g.ty().operand())),
            7 => Type::plain(format!("[{}]", g.ty().text)),
            8 => Type::plain(format!("[{}; {}]", g.ty().text, g.one_of(&["3", "N", "{ N + 1 }", "LEN * 2"]))),
            9 => Type::plain(match g.pick(3) {
                0 => "()".to_owned(),
                1 => format!("({},)", g.ty().text),
                _ => format!("({})", g.commas(2, 3, |g| g.ty().text)),
            }),
            10 => {
                let qualifiers = g.one_of(&["", "unsafe ", "extern \"C\" ", "unsafe extern \"C\" ", "for<'a> "]);
                let params = g.commas(0, 3, |g| {
                    let name = if g.chance(30) { format!("{}: ", g.one_of(&["x", "_"])) } else { String::new() };
                    format!("{name}{}", g.ty().text)
                });
                let output = if g.chance(50) { format!(" -> {}", g.ty().operand()) } else { String::new() };
                Type::plain(format!("{qualifiers}fn({params}){output}"))
            }
            11 => Type::with_bounds(format!("impl {}", g.bounds())),
            12 => Type::with_bounds(format!("dyn {}", g.bounds())),
            13 => Type::plain(format!("Box<dyn {}>", g.bounds())),
            14 => Type::plain(format!(
                "<{} as {}>::{}",
                g.ty().text,
                g.one_of(&["Trait", "IntoIterator", "Iterator<Item = u8>", "crate::Api<'a>"]),
                g.one_of(&["Item", "Output", "X"])
            )),
            15 => Type::plain(format!("{}::{}", g.one_of(&["T", "Self"]), g.one_of(&["Item", "Output"]))),
            16 => Type::plain(format!("Result<{}, Box<dyn std::error::Error + Send + Sync>>", g.ty().text)),
            _ => Type::plain(g.one_of(&["!", "_", "Thing<'a, T, 3, { N }>", "Vec<Vec<Vec<u8>>>", "impl Fn() -> u8"])),
        })
    }

    fn field(&mut self) -> String {
        let attributes = if self.chance(20) { self.one_of(ATTRIBUTES) + " " } else { String::new() };
        let (vis, name, ty) = (self.visibility(), self.ident(), self.ty().text);
        format!("{attributes}{vis}{name}: {ty}")
    }

    fn tuple_field(&mut self) -> String {
        format!("{}{}", self.visibility(), self.ty().text)
    }

    fn structure(&mut self) -> String {
        let (vis, name, generics) = (self.visibility(), self.type_name(), self.generics());
        match self.pick(3) {
            0 => format!(
                "{vis}struct {name}{generics}({}){};",
                self.commas(0, 3, Self::tuple_field),
                self.where_clause()
            ),
            _ => {
                let where_clause = self.where_clause();
                format!("{vis}struct {name}{generics}{where_clause} {{ {} }}", self.commas(0, 4, Self::field))
            }
        }
    }

    fn enumeration(&mut self) -> String {
        let (vis, name, generics) = (self.visibility(), self.type_name(), self.generics());
        let variants = self.commas(0, 4, |g| {
            let attributes = g.one_of(&["", "", "#[default] ", "/// A variant.\n", "#[serde(rename = \"b\")] "]);
            let name = g.one_of(&["A", "B", "Variant", "AVeryLongVariantNameThatTakesUpMuchOfTheLine"]);
            let shape = match g.pick(4) {
                0 => String::new(),
                1 => format!("({})", g.commas(1, 3, |g| g.ty().text)),
                2 => format!(" {{ {} }}", g.commas(1, 3, Self::field)),
                _ => format!(" = {}", g.one_of(&["1", "-1", "0x10", "1 << 3"])),
            };
            format!("{attributes}{name}{shape}")
        });
        format!("{vis}enum {name}{generics} {{ {variants} }}")
    }

    fn implementation(&mut self) -> String {
        let generics = self.generics();
        let unsafety = self.one_of(&["", "", "unsafe "]);
        let target = self.ty().operand();
        // `impl <T as Trait>::X` would open generics, `impl !` a negative impl.
        let target = if target.starts_with(['<', '!']) { self.type_name() } else { target };
        let header = match self.pick(4) {
            0 => target,
            1 => format!(
                "{} for {target}",
                self.one_of(&["Trait", "From<&str>", "Iterator", "std::fmt::Display", "Into<Vec<Vec<u8>>>"])
            ),
            2 => format!("!Send for {target}"),
            _ => format!("Iterator<Item = {}> for {target}", self.ty().text),
        };
        let where_clause = self.where_clause();
        let inner = if self.chance(15) { self.one_of(INNER_ATTRIBUTES) + "\n" } else { String::new() };
        let items = self.nested(|g| {
            let n = g.count(0, 4);
            (0..n).map(|_| g.associated_item(Context::Impl) + "\n").collect::<String>()
        });
        format!("{unsafety}impl{generics} {header}{where_clause} {{\n{inner}{items}}}")
    }

    fn associated_item(&mut self, context: Context) -> String {
        let attributes = self.attributes();
        let body = match self.pick(6) {
            0 => match context {
                Context::Trait if self.chance(50) => {
                    format!("const {}: {};", self.one_of(&["C", "LIMIT"]), self.ty().text)
                }
                _ => self.constant(),
            },
            1 => match context {
                Context::Trait => format!("type {}{}{};", self.one_of(&["Item", "Output"]), self.generics(), {
                    if self.chance(50) {
                        format!(": {}", self.bounds())
                    } else {
                        String::new()
                    }
                }),
                _ => format!("type {} = {};", self.one_of(&["Item", "Output"]), self.ty().text),
            },
            2 => format!("{}!({});", self.one_of(&["m", "path::to::m"]), self.macro_tokens()),
            _ => self.function(context),
        };
        attributes + &body
    }

    fn trait_item(&mut self) -> String {
        let (vis, unsafety, name, generics) =
            (self.visibility(), self.one_of(&["", "unsafe "]), self.type_name(), self.generics());
        let supertraits = if self.chance(30) { format!(": {}", self.bounds()) } else { String::new() };
        let where_clause = self.where_clause();
        let items = self.nested(|g| {
            let n = g.count(0, 4);
            (0..n).map(|_| g.associated_item(Context::Trait) + "\n").collect::<String>()
        });
        format!("{vis}{unsafety}trait {name}{generics}{supertraits}{where_clause} {{\n{items}}}")
    }

    fn extern_block(&mut self) -> String {
        let abi = self.one_of(&["extern \"C\"", "extern", "unsafe extern \"C\"", "extern \"system\""]);
        let items = self.list(0, 3, "\n", |g| {
            let vis = g.visibility();
            match g.pick(3) {
                0 => format!("{vis}static {}{}: {};", g.one_of(&["", "mut "]), g.one_of(&["X", "ERRNO"]), g.ty().text),
                1 => format!("{vis}type {};", g.type_name()),
                _ => {
                    let params = g.commas(0, 3, |g| format!("{}: {}", g.ident(), g.ty().text));
                    let variadic = match (g.chance(20), params.is_empty(), params.ends_with(',')) {
                        (true, false, true) => " ...",
                        (true, false, false) => ", ...",
                        _ => "",
                    };
                    let output = if g.chance(50) { format!(" -> {}", g.ty().text) } else { String::new() };
                    format!("{vis}fn {}({params}{variadic}){output};", g.ident())
                }
            }
        });
        format!("{abi} {{\n{items}\n}}")
    }

    fn function(&mut self, context: Context) -> String {
        let vis = if context == Context::Trait { String::new() } else { self.visibility() };
        let qualifiers = self.one_of(&[
            "",
            "",
            "const ",
            "async ",
            "unsafe ",
            "async unsafe ",
            "const unsafe ",
            "extern \"C\" ",
            "unsafe extern \"C\" ",
        ]);
        let (name, generics) =
            (self.one_of(&["f", "run", "new", "a_function_with_a_long_name_that_takes_room"]), self.generics());
        let receiver = match context {
            Context::Free => None,
            _ => Some(self.one_of(&[
                "self",
                "&self",
                "&mut self",
                "&'a self",
                "mut self",
                "self: Box<Self>",
                "self: &Self",
            ])),
        };
        let mut params: Vec<String> = receiver.into_iter().collect();
        for _ in 0..self.count(0, 3) {
            let attributes = if self.chance(10) { "#[allow(unused)] " } else { "" };
            let pattern = self.nested(|g| g.pattern(false, false));
            let ty = self.ty().text;
            params.push(format!("{attributes}{pattern}: {ty}"));
        }
        let params = params.join(", ");
        let output = match self.pick(3) {
            0 => String::new(),
            _ => format!(" -> {}", self.ty().text),
        };
        let where_clause = self.where_clause();
        let body = if context == Context::Trait && self.chance(50) {
            ";".to_owned()
        } else {
            format!(" {}", self.block_with(true))
        };
        format!("{vis}{qualifiers}fn {name}{generics}({params}){output}{where_clause}{body}")
    }

    fn macro_rules(&mut self) -> String {
        let rules = self.list(1, 3, "\n", |g| {
            let matcher = g.one_of(&[
                "()",
                "($x:expr)",
                "($name:ident, $($field:ident : $ty:ty),* $(,)?)",
                "($($t:tt)*)",
                "[$first:pat_param | $($rest:literal)+]",
                "{$vis:vis $lt:lifetime $p:path $b:block}",
            ]);
            format!("{matcher} => {{ {} }};", g.macro_tokens())
        });
        format!("macro_rules! {} {{\n{rules}\n}}", self.one_of(&["m", "describe", "impl_all"]))
    }

    fn item_macro_call(&mut self) -> String {
        let name = self.one_of(&["m", "thread_local", "path::to::m", "lazy_static"]);
        match self.pick(3) {
            0 => format!("{name}! {{ {} }}", self.macro_tokens()),
            1 => format!("{name}!({});", self.macro_tokens()),
            _ => format!("{name}![{}];", self.macro_tokens()),
        }
    }

    /// Macro arguments: Rust now and then, else tokens that need not be Rust.
    fn macro_tokens(&mut self) -> String {
        match self.pick(5) {
            0 => String::new(),
            1 => self.expr().text,
            2 => self.nested(|g| g.items(1, 2)),
            _ => self.nested(|g| g.token_soup()),
        }
    }

    fn token_soup(&mut self) -> String {
        let mut out = String::new();
        let n = self.count(1, 12);
        for _ in 0..n {
            let (token, is_punct) = match self.pick(if self.deep() { 6 } else { 8 }) {
                0 | 1 => (self.ident(), false),
                2 => (self.one_of(LITERALS), false),
                3 | 4 => (self.one_of(PUNCTUATION), true),
                5 => (format!("${}", self.one_of(&["x", "crate", "t"])), false),
                6 => (format!("({})", self.nested(|g| g.token_soup())), false),
                _ => (format!("{{{}}}", self.nested(|g| g.token_soup())), false),
            };
            // Punctuation is written joint to the punctuation before it now and then; never a
            // `/` before `/` or `*`, which would start a comment.
            let joint = is_punct
                && out.ends_with(|c: char| c.is_ascii_punctuation() && c != '/' && c != '"' && c != '\'')
                && self.chance(50);
            if !out.is_empty() && !joint {
                out.push(' ');
            }
            out.push_str(&token);
        }
        out
    }

    fn block(&mut self) -> String {
        self.block_with(false)
    }

    /// A block; `inner`: with an inner attribute now and then (a function's body; `syn` takes
    /// none in the blocks of `if`, `else`, closures or `let ... else`).
    fn block_with(&mut self, inner: bool) -> String {
        if self.deep() {
            return self.one_of(&["{}", "{ x }", "{ return; }"]);
        }
        self.nested(|g| {
            let inner = if inner && g.chance(5) { "#![allow(unused)]\n" } else { "" };
            let mut statements = String::new();
            for _ in 0..g.count(0, 4) {
                statements.push_str(&g.statement());
                statements.push('\n');
            }
            let tail = if g.chance(50) { g.expr().statement() } else { String::new() };
            format!("{{\n{inner}{statements}{tail}\n}}")
        })
    }

    fn statement(&mut self) -> String {
        let attributes = if self.chance(10) {
            self.one_of(&["#[allow(unused)] ", "#[cfg(test)]\n", "#[rustfmt::skip] "])
        } else {
            String::new()
        };
        let statement = match self.pick(12) {
            0..=2 => {
                // `syn` parses neither `let A | B` nor `let 0..N`.
                let pattern = self.pattern(false, false);
                let ty = if self.chance(30) { format!(": {}", self.ty().text) } else { String::new() };
                match self.pick(4) {
                    0 => format!("let {pattern}{ty};"),
                    1 => {
                        // `let ... else`: the value may not end with `}` nor be `&&` or `||`.
                        let value = self.expr();
                        let value = if value.text.ends_with('}') || value.prec < Prec::Compare {
                            value.parenthesized()
                        } else {
                            value
                        };
                        format!("let {pattern}{ty} = {} else {};", value.text, self.block_with(false))
                    }
                    _ => format!("let {pattern}{ty} = {};", self.expr().text),
                }
            }
            3 => {
                // An `async` block is no statement without a `;`.
                let text = self.nested(Self::block_like).text;
                if text.starts_with("async") {
                    text + ";"
                } else {
                    text
                }
            }
            4 => format!("{}({});", self.statement_ident(), self.commas(0, 3, |g| g.expr().text)),
            5 => {
                // A receiver that starts like a block-like statement would end there.
                let mut receiver = self.expr().receiver();
                receiver.block_like = false;
                format!("{}.{}({});", receiver.statement(), self.ident(), self.commas(0, 2, |g| g.expr().text))
            }
            6 => {
                let op = self.one_of(&["=", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "<<=", ">>="]);
                format!("{} {op} {};", self.place().text, self.expr().text)
            }
            7 => format!("{}!({});", self.one_of(&["println", "assert_eq", "m", "debug_assert"]), self.macro_tokens()),
            8 => self.nested(|g| g.item()),
            9 => format!("{};", self.one_of(&["return", "break", "continue", "break 'outer", "continue 'outer"])),
            10 => format!("return {};", self.expr().text),
            _ => format!("let _ = {};", self.expr().text),
        };
        format!("{attributes}{statement}")
    }

    /// A place expression: what an assignment assigns to.
    fn place(&mut self) -> Expr {
        match self.pick(4) {
            0 => Expr::atom(self.statement_ident()),
            1 => Expr::atom(format!("self.{}", self.ident())),
            2 => Expr::with(format!("*{}", self.ident()), Prec::Prefix, &[]),
            _ => Expr::atom(format!("{}[{}]", self.statement_ident(), self.expr().text)),
        }
    }

    /// An identifier that may start a statement: not `union`, `auto`, `default` or
    /// `macro_rules`, which may start items there.
    fn statement_ident(&mut self) -> String {
        self.one_of(&["x", "value", "items", "r#type", "raw", "a_long_identifier_that_takes_some_room"])
    }

    fn path_expr(&mut self) -> String {
        match self.pick(8) {
            0 | 1 => self.ident(),
            2 => format!(
                "{}::{}",
                self.one_of(&["Self", "Vec::<u8>", "crate::a", "super::b", "::std::mem"]),
                self.ident()
            ),
            3 => {
                format!("<{} as {}>::{}", self.ty().text, self.one_of(&["Default", "Trait", "From<u8>"]), self.ident())
            }
            4 => format!("<{}>::{}", self.ty().text, self.ident()),
            5 => format!("{}::<{}>", self.ident(), self.commas(1, 2, |g| g.ty().text)),
            6 => format!("Vec::<Vec<{}>>::new", self.ty().text),
            _ => self.one_of(&["self", "Self", "std::iter::once", "crate::CONSTANT"]),
        }
    }

    fn expr(&mut self) -> Expr {
        if self.deep() {
            return match self.pick(3) {
                0 => Expr::atom(self.ident()),
                1 => Expr::atom(self.one_of(LITERALS)),
                _ => Expr::atom(self.path_expr()),
            };
        }
        self.nested(|g| match g.pick(30) {
            0 | 1 => Expr::atom(g.ident()),
            2 | 3 => Expr::atom(g.one_of(LITERALS)),
            4 => Expr::atom(g.path_expr()),
            5..=7 => {
                let (op, prec) = BINARY[g.pick(BINARY.len())];
                let lhs = g.expr();
                let lhs = if op.starts_with('<') && lhs.ends_cast { lhs.parenthesized() } else { lhs };
                // Left-associative, comparisons not associative at all.
                let lhs = if prec == Prec::Compare { lhs.at_least(Prec::BitOr) } else { lhs.at_least(prec) };
                let rhs = g.expr().at_least(next(prec));
                Expr::with(format!("{} {op} {}", lhs.text, rhs.text), prec, &[&lhs, &rhs])
            }
            8 => {
                let op = g.one_of(&["-", "!", "*", "&", "&mut ", "&&", "&raw const ", "&raw mut ", "- -", "!!"]);
                let operand = g.expr().at_least(Prec::Prefix);
                Expr::with(format!("{op}{}", operand.text), Prec::Prefix, &[&operand])
            }
            9 => {
                let operand = g.expr().at_least(Prec::Cast);
                let ty = g.one_of(&["u8", "i64", "f32", "usize", "*const u8", "&dyn Any", "Vec<u8>", "T::Item", "_"]);
                let mut cast = Expr::with(format!("{} as {ty}", operand.text), Prec::Cast, &[&operand]);
                cast.ends_cast = true;
                cast
            }
            10 | 11 => {
                // A method chain.
                let receiver = g.expr().receiver();
                let mut text = receiver.text.clone();
                for _ in 0..g.count(1, 4) {
                    match g.pick(8) {
                        0 => text.push_str(&format!(".{}", g.one_of(&["field", "0", "1", "r#type"]))),
                        1 => text.push('?'),
                        2 => text.push_str(".await"),
                        3 => text.push_str(&format!("[{}]", g.expr().text)),
                        4 => text.push_str(&format!(".collect::<{}>()", g.ty().text)),
                        _ => {
                            let args = g.commas(0, 3, |g| g.expr().text);
                            text.push_str(&format!(
                                ".{}({args})",
                                g.one_of(&["map", "iter", "unwrap_or_else", "into_the_wire_format"])
                            ));
                        }
                    }
                }
                Expr {
                    text,
                    prec: Prec::Postfix,
                    bare_struct: receiver.bare_struct,
                    ends_cast: false,
                    block_like: false,
                }
            }
            12 => Expr::atom(format!("{}({})", g.path_expr(), g.commas(0, 4, |g| g.expr().text))),
            13 | 14 => g.closure(),
            15 | 16 => g.block_like(),
            17 => {
                let (start, end) = (g.expr().at_least(Prec::Or), g.expr().at_least(Prec::Or));
                let op = g.one_of(&["..", "..="]);
                match g.pick(4) {
                    0 => Expr::with(format!("{}{op}{}", start.text, end.text), Prec::Range, &[&start, &end]),
                    1 => Expr::with(format!("..{}", end.text), Prec::Range, &[&end]),
                    2 => Expr::with(format!("{}..", start.text), Prec::Range, &[&start]),
                    _ => Expr::with("..".to_owned(), Prec::Range, &[]),
                }
            }
            18 => {
                // A struct literal, its base after `..`.
                let fields = g.commas(0, 3, |g| match g.pick(3) {
                    0 => g.ident(),
                    1 => format!("{}: {}", g.one_of(&["0", "field"]), g.expr().text),
                    _ => format!("{}: {}", g.ident(), g.expr().text),
                });
                let base = match g.pick(3) {
                    0 => format!(
                        "{}..{}",
                        if fields.is_empty() || fields.ends_with(',') { "" } else { ", " },
                        g.expr().at_least(Prec::Postfix).text
                    ),
                    1 if !fields.ends_with(',') => format!("{}..", if fields.is_empty() { "" } else { ", " }),
                    _ => String::new(),
                };
                let name = g.one_of(&["S", "Self", "crate::Request", "E::Variant", "Thing::<u8>"]);
                let text = format!("{name} {{ {fields}{base} }}");
                Expr { text, prec: Prec::Postfix, bare_struct: true, ends_cast: false, block_like: false }
            }
            19 => Expr::atom(match g.pick(4) {
                0 => "()".to_owned(),
                1 => format!("({},)", g.expr().text),
                _ => format!("({})", g.commas(2, 4, |g| g.expr().text)),
            }),
            20 => Expr::atom(match g.pick(3) {
                0 => format!("[{}]", g.commas(0, 4, |g| g.expr().text)),
                1 => format!("[{}; {}]", g.expr().text, g.one_of(&["3", "N", "LEN * 2"])),
                _ => format!("vec![{}]", g.commas(0, 3, |g| g.expr().text)),
            }),
            21 => {
                let value = g.expr();
                match g.pick(5) {
                    0 => Expr::with("return".to_owned(), Prec::Jump, &[]),
                    1 => Expr::with(format!("return {}", value.text), Prec::Jump, &[&value]),
                    // `break 'outer ::path` would read as a labelled loop, `'outer:`.
                    2 if value.text.starts_with(':') => {
                        Expr::with(format!("break 'outer ({})", value.text), Prec::Jump, &[])
                    }
                    2 => Expr::with(format!("break 'outer {}", value.text), Prec::Jump, &[&value]),
                    3 => Expr::with("continue 'outer".to_owned(), Prec::Jump, &[]),
                    // `break 'outer: loop {}` needs parentheses.
                    _ if value.text.starts_with('\'') => Expr::with(format!("break ({})", value.text), Prec::Jump, &[]),
                    _ => Expr::with(format!("break {}", value.at_least(Prec::Postfix).text), Prec::Jump, &[]),
                }
            }
            22 => Expr::atom(format!(
                "{}!({})",
                g.one_of(&["format", "m", "matches", "write"]),
                g.commas(0, 3, |g| if g.chance(30) { g.macro_tokens() } else { g.expr().text })
            )),
            23 => {
                let value = g.expr().receiver();
                Expr::with(format!("{}.await?", value.text), Prec::Postfix, &[&value])
            }
            24 => {
                let (value, index) = (g.expr().receiver(), g.expr());
                Expr::with(format!("{}[{}]", value.text, index.text), Prec::Postfix, &[&value])
            }
            25 => {
                let attribute = g.one_of(&["#[allow(unused)] ", "#[rustfmt::skip] "]);
                // An operand or a receiver only in parentheses: `#[a] {}[x]` does not parse.
                Expr::with(format!("{attribute}{}", g.block()), Prec::Jump, &[])
            }
            26 => Expr::atom(format!("\"{}\".len()", g.one_of(&["", "a", "ü"]))),
            _ => {
                let value = g.expr().receiver();
                Expr::with(
                    format!("{}.{}", value.text, g.one_of(&["0.1", "field.0", "len()"])),
                    Prec::Postfix,
                    &[&value],
                )
            }
        })
    }

    fn closure(&mut self) -> Expr {
        let qualifiers = self.one_of(&["", "", "move ", "async ", "async move ", "static ", "for<'a> "]);
        let params = self.commas(0, 3, |g| {
            let pattern = g.pattern(false, false);
            if g.chance(40) {
                format!("{pattern}: {}", g.ty().text)
            } else {
                pattern
            }
        });
        let params =
            if params.ends_with(',') && self.chance(50) { params.trim_end_matches(',').to_owned() } else { params };
        let (output, body) = match self.pick(3) {
            // A closure's block takes no inner attributes.
            0 => (format!(" -> {}", self.ty().operand()), self.block_with(false)),
            _ => (String::new(), self.expr().text),
        };
        let body = Expr::atom(body);
        Expr::with(format!("{qualifiers}|{params}|{output} {}", body.text), Prec::Jump, &[&body])
    }

    /// Expressions that end with a block: they stand as statements without `;`.
    fn block_like(&mut self) -> Expr {
        let text = match self.pick(11) {
            0 => self.block(),
            1 | 2 => {
                let mut text = format!("if {} {}", self.condition(), self.block());
                for _ in 0..self.count(0, 2) {
                    text.push_str(&format!(" else if {} {}", self.condition(), self.block()));
                }
                if self.chance(60) {
                    text.push_str(&format!(" else {}", self.block()));
                }
                text
            }
            3 | 4 => {
                let scrutinee = self.expr().condition();
                let arms = self.list(1, 4, "\n", |g| {
                    let attributes = if g.chance(10) { "#[cfg(test)] " } else { "" };
                    let pattern = g.pattern(true, true);
                    let guard = if g.chance(25) { format!(" if {}", g.expr().condition()) } else { String::new() };
                    match g.pick(3) {
                        0 => format!("{attributes}{pattern}{guard} => {}", g.block()),
                        1 => format!("{attributes}{pattern}{guard} => {{ {} }},", g.expr().statement()),
                        _ => format!("{attributes}{pattern}{guard} => {},", g.expr().statement()),
                    }
                });
                format!("match {scrutinee} {{\n{arms}\n}}")
            }
            5 => format!("{}loop {}", self.label(), self.block()),
            6 => format!("{}while {} {}", self.label(), self.condition(), self.block()),
            7 => format!(
                "{}for {} in {} {}",
                self.label(),
                self.pattern(true, false),
                self.expr().condition(),
                self.block()
            ),
            8 => {
                format!("{}{}", self.one_of(&["unsafe ", "async ", "async move ", "const ", "'block: "]), self.block())
            }
            9 => format!("if let {} = {} {}", self.pattern(true, true), self.scrutinee(), self.block()),
            _ => format!("while let {} = {} {}", self.pattern(true, true), self.scrutinee(), self.block()),
        };
        Expr { block_like: true, ..Expr::atom(text) }
    }

    fn label(&mut self) -> String {
        self.one_of(&["", "", "'outer: "])
    }

    /// An `if` or `while` condition, a `let` chain now and then.
    fn condition(&mut self) -> String {
        match self.pick(4) {
            0 => format!(
                "let {} = {} && {}",
                self.pattern(true, true),
                self.scrutinee(),
                self.expr().at_least(next(Prec::And)).condition()
            ),
            _ => self.expr().condition(),
        }
    }

    /// The value a `let` in a condition matches: no `&&`, `||` or bare struct literal.
    fn scrutinee(&mut self) -> String {
        let value = self.expr();
        if value.prec <= Prec::Or || value.bare_struct {
            value.parenthesized().text
        } else {
            value.text
        }
    }

    /// A pattern: `or` allows `A | B` unparenthesized (not in closure or fn parameters, nor
    /// after `&` or `x @`), `range` allows `1..=5` unparenthesized (not in slices or after `&`).
    fn pattern(&mut self, or: bool, range: bool) -> String {
        if self.deep() {
            return self.one_of(&["x", "_", "None", "1"]);
        }
        self.nested(|g| match g.pick(16) {
            0 | 1 => g.ident(),
            2 => "_".to_owned(),
            3 => format!("{}{}", g.one_of(&["ref ", "mut ", "ref mut "]), g.ident()),
            4 => format!("{} @ {}", g.ident(), g.pattern(false, range)),
            5 => g.one_of(&["1", "-1", "'a'", "\"text\"", "b'x'", "true", "r\"raw\"", "1.5"]),
            6 => {
                let range_pattern =
                    g.one_of(&["1..=5", "'a'..='z'", "..=0", "1..", "-10..10", "i32::MIN..=-1", "0..N"]);
                if range {
                    range_pattern
                } else {
                    format!("({range_pattern})")
                }
            }
            7 => format!("({})", g.commas(0, 3, |g| g.pattern(true, true))),
            8 => format!("({},)", g.pattern(true, true)),
            9 => format!("{} {{ {} }}", g.one_of(&["S", "E::Variant", "Self"]), {
                let fields = g.commas(0, 3, |g| match g.pick(3) {
                    0 => g.ident(),
                    1 => format!("ref {}", g.ident()),
                    _ => format!("{}: {}", g.one_of(&["field", "0"]), g.pattern(true, true)),
                });
                if !fields.ends_with(',') && g.chance(30) {
                    format!("{fields}{}..", if fields.is_empty() { "" } else { ", " })
                } else {
                    fields
                }
            }),
            10 => {
                let elements = g.commas(0, 3, |g| if g.chance(15) { "..".to_owned() } else { g.pattern(true, true) });
                format!("{}({elements})", g.one_of(&["Some", "Ok", "E::Tuple", "Self"]))
            }
            11 => format!(
                "[{}]",
                g.commas(0, 4, |g| match g.pick(5) {
                    0 => "..".to_owned(),
                    1 => format!("{} @ ..", g.ident()),
                    _ => g.pattern(true, false),
                })
            ),
            12 => format!("&{}{}", g.one_of(&["", "mut "]), g.pattern(false, false)),
            13 => {
                let alternatives = g.list(2, 3, " | ", |g| g.pattern(false, range));
                if or {
                    alternatives
                } else {
                    format!("({alternatives})")
                }
            }
            14 => g.one_of(&["None", "E::Unit", "<T as Trait>::CONST", "m!(x)", "crate::A"]),
            _ => g.ident(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Free,
    Impl,
    Trait,
}

/// A type's text; `bounds` when it is `impl A + B` or `dyn A + B`, which needs parentheses
/// after `&` or `*const`.
struct Type {
    text: String,
    bounds: bool,
}

impl Type {
    fn plain(text: impl Into<String>) -> Type {
        Type { text: text.into(), bounds: false }
    }

    fn with_bounds(text: String) -> Type {
        Type { text, bounds: true }
    }

    /// As the operand of `&`, `*const` or `->`.
    fn operand(self) -> String {
        if self.bounds {
            format!("({})", self.text)
        } else {
            self.text
        }
    }

    /// Where a path is expected (a where clause's bounded type).
    fn at_least_path(self) -> String {
        if self.text.starts_with(['_', '!']) || self.text.starts_with("impl") {
            "T".to_owned()
        } else {
            self.operand()
        }
    }
}

/// Whether an expression statement starting with `text` would end after its first block.
fn starts_statement(text: &str) -> bool {
    let first = text.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("");
    text.starts_with(['{', '\'', '#'])
        || ["if", "match", "loop", "while", "for", "unsafe", "async", "const"].contains(&first)
}

/// The precedence one step tighter, for the right operand of a left-associative operator.
fn next(prec: Prec) -> Prec {
    match prec {
        Prec::Jump => Prec::Assign,
        Prec::Assign => Prec::Range,
        Prec::Range => Prec::Or,
        Prec::Or => Prec::And,
        Prec::And => Prec::Compare,
        Prec::Compare => Prec::BitOr,
        Prec::BitOr => Prec::BitXor,
        Prec::BitXor => Prec::BitAnd,
        Prec::BitAnd => Prec::Shift,
        Prec::Shift => Prec::Sum,
        Prec::Sum => Prec::Product,
        Prec::Product => Prec::Cast,
        Prec::Cast => Prec::Prefix,
        Prec::Prefix | Prec::Postfix => Prec::Postfix,
    }
}
