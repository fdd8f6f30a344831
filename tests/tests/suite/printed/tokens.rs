//! The layout's contract, checked on tokens: text printed by `Printer::Layout` lexes back to the
//! tokens it was printed from, up to what the layout may change (whitespace, trailing commas,
//! the spelling of string literals, doc attributes as `///` lines); it parses with `syn` when the
//! tokens did, to the same syntax tree; and printing it again gives the same text.
//!
//! Shared by `tests/suite/layout_differential.rs` and the `layout` fuzz target
//! (`fuzz/fuzz_targets/layout.rs` includes this file by path), so the two check one property.
//! It depends only on `proc-macro2`, `quote`, `syn` and `specforge`.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

/// Prints `input` with the layout and checks that the printed text lexes back to the same
/// tokens ([`same_tokens`]); returns the printed text, or what differs (with the printed text).
/// Takes the tokens, which are then compared without a copy (a large file's are millions).
pub fn check_tokens(input: TokenStream) -> Result<String, String> {
    let printed = specforge::Printer::Layout.print(input.clone()).map_err(|error| error.to_string())?;
    let relexed: TokenStream = match printed.parse() {
        Ok(relexed) => relexed,
        Err(error) => return Err(format!("the printed text does not lex: {error}\n--- printed:\n{printed}")),
    };
    match same_tokens(input, relexed) {
        Ok(()) => Ok(printed),
        Err(what) => Err(format!("the printed tokens differ: {what}\n--- printed:\n{printed}")),
    }
}

/// Prints `input` with the layout and checks the whole contract on the result: the tokens
/// ([`check_tokens`]), the syntax tree when the input parses, and that printing the printed
/// text again gives the same text; returns the printed text, or what broke the contract (with
/// the printed text).
pub fn check_layout(input: &TokenStream) -> Result<String, String> {
    let printed = check_tokens(input.clone())?;
    let fail = |what: String| format!("{what}\n--- printed:\n{printed}");
    let relexed: TokenStream =
        printed.parse().map_err(|error| fail(format!("the printed text does not lex: {error}")))?;
    if let Ok(tree) = syn::parse2::<syn::File>(input.clone()) {
        let printed_tree = syn::parse2::<syn::File>(relexed.clone())
            .map_err(|error| fail(format!("the input parses, the printed text does not: {error}")))?;
        let (mut tree, mut printed_tree) = (tree, printed_tree);
        same_tokens(tree.to_token_stream(), printed_tree.to_token_stream())
            .map_err(|what| fail(format!("the printed text parses to another syntax tree: {what}")))?;
        if Shape::of(&mut tree) != Shape::of(&mut printed_tree) {
            return Err(fail("the printed text parses to a syntax tree of another shape".to_owned()));
        }
    }
    let again = specforge::Printer::Layout.print(relexed).map_err(|error| error.to_string())?;
    if again != printed {
        let (number, (first, second)) =
            printed.lines().zip(again.lines()).enumerate().find(|(_, (a, b))| a != b).unwrap_or((0, ("", "")));
        return Err(fail(format!(
            "printing the printed text again changes line {}:\n{first}\n{second}\n--- printed again:\n{again}",
            number + 1
        )));
    }
    Ok(printed)
}

/// The shape of a syntax tree: the kind of each expression, type and pattern, and each
/// operator, in order. Two trees that print to the same tokens differ in shape where the
/// tokens' spacing alone tells them apart (`a && b` and `a & &b`, a shift and two generics),
/// which [`same_tokens`] lets differ.
#[derive(Default, PartialEq)]
struct Shape(Vec<Node>);

/// A node of a [`Shape`]: which variant it is.
#[derive(PartialEq)]
enum Node {
    Expr(std::mem::Discriminant<syn::Expr>),
    Type(std::mem::Discriminant<syn::Type>),
    Pat(std::mem::Discriminant<syn::Pat>),
    BinOp(std::mem::Discriminant<syn::BinOp>),
    UnOp(std::mem::Discriminant<syn::UnOp>),
    GenericArgument(std::mem::Discriminant<syn::GenericArgument>),
}

impl Shape {
    fn of(file: &mut syn::File) -> Shape {
        let mut shape = Shape::default();
        syn::visit_mut::VisitMut::visit_file_mut(&mut shape, file);
        shape
    }
}

impl syn::visit_mut::VisitMut for Shape {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        self.0.push(Node::Expr(std::mem::discriminant(expr)));
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        self.0.push(Node::Type(std::mem::discriminant(ty)));
        syn::visit_mut::visit_type_mut(self, ty);
    }

    fn visit_pat_mut(&mut self, pat: &mut syn::Pat) {
        self.0.push(Node::Pat(std::mem::discriminant(pat)));
        syn::visit_mut::visit_pat_mut(self, pat);
    }

    fn visit_bin_op_mut(&mut self, op: &mut syn::BinOp) {
        self.0.push(Node::BinOp(std::mem::discriminant(op)));
    }

    fn visit_un_op_mut(&mut self, op: &mut syn::UnOp) {
        self.0.push(Node::UnOp(std::mem::discriminant(op)));
    }

    fn visit_generic_argument_mut(&mut self, argument: &mut syn::GenericArgument) {
        self.0.push(Node::GenericArgument(std::mem::discriminant(argument)));
        syn::visit_mut::visit_generic_argument_mut(self, argument);
    }
}

/// Compares two token streams as the contract allows them to differ: structurally (the same
/// delimiters, identifiers, punctuation and literals; invisible groups opened), string literals
/// by value and suffix (`r"x"` is `"x"`), punctuation by the operators it lexes as (joint
/// marks that lex as one operator, `=` `=` as `==`, mean something else apart, except the
/// pairs of [`PARSER_SPLITS`]; marks that never lex as one, `-` `-`, may be written either
/// way), and a trailing comma on
/// either side before a closing delimiter or `>` where it does not change the meaning (see
/// [`optional_trailing_comma`]). A negative number literal is a `-` and the number, and a
/// float after `.` two fields (`x.0.1`), as they lex when printed.
pub fn same_tokens(expected: TokenStream, actual: TokenStream) -> Result<(), String> {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten(expected, &mut a, Place::Code);
    flatten(actual, &mut b, Place::Code);
    let (glued_a, glued_b) = (glued(&a), glued(&b));
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (None, None) => return Ok(()),
            (Some(x), Some(y)) if x.same(y) => {
                if let Flat::Punct(c, _) = x {
                    let (joint_a, joint_b) = (glued_a[i], glued_b[j]);
                    // The side that glues the mark to the next glues a pair the parser splits.
                    let splittable = |joint: bool, next: Option<&Flat>| match next {
                        Some(Flat::Punct(next, _)) if joint => PARSER_SPLITS.contains(&[*c, *next]),
                        _ => true,
                    };
                    let split = splittable(joint_a, a.get(i + 1)) && splittable(joint_b, b.get(j + 1));
                    // Where the next tokens differ (a trailing comma on one side), that
                    // difference is what counts.
                    let same_next = match (a.get(i + 1), b.get(j + 1)) {
                        (Some(next_a), Some(next_b)) => next_a.same(next_b),
                        _ => false,
                    };
                    if joint_a != joint_b && same_next && !split {
                        let how = if joint_a { "apart" } else { "joint" };
                        return Err(format!("`{c}` and the next mark are printed {how}{}", context(&a, i, &b, j)));
                    }
                }
                i += 1;
                j += 1;
            }
            (Some(Flat::ArmComma), _) => i += 1,
            (_, Some(Flat::ArmComma)) => j += 1,
            _ if optional_trailing_comma(&a, i, b.get(j)) => i += 1,
            _ if optional_trailing_comma(&b, j, a.get(i)) => j += 1,
            _ => return Err(format!("token {i} of {} / {j} of {}{}", a.len(), b.len(), context(&a, i, &b, j))),
        }
    }
}

/// A token of a stream flattened in order, groups as their delimiters.
#[derive(Debug)]
enum Flat {
    /// The opening delimiter.
    Open(Delimiter),
    /// The closing delimiter, and whether a trailing comma before it is optional.
    Close(Delimiter, bool),
    Ident(proc_macro2::Ident),
    Punct(char, Spacing),
    /// A comma after the block of a match arm, which Rust does not need (`x => {}, y => 1`),
    /// outside macro arguments.
    ArmComma,
    /// A literal's text (see [`same_literal`]).
    Literal(String),
}

/// A literal as the contract compares it: strings by value and suffix, the rest by spelling.
#[derive(Debug, PartialEq)]
enum Literal {
    Str(String, String),
    ByteStr(Vec<u8>, String),
    CStr(Vec<u8>, String),
    Other(String),
}

impl Flat {
    fn same(&self, other: &Flat) -> bool {
        match (self, other) {
            (Flat::Open(a), Flat::Open(b)) | (Flat::Close(a, _), Flat::Close(b, _)) => a == b,
            (Flat::Ident(a), Flat::Ident(b)) => a == b,
            (Flat::Punct(a, _), Flat::Punct(b, _)) => a == b,
            (Flat::ArmComma, Flat::ArmComma)
            | (Flat::ArmComma, Flat::Punct(',', _))
            | (Flat::Punct(',', _), Flat::ArmComma) => true,
            (Flat::Literal(a), Flat::Literal(b)) => same_literal(a, b),
            _ => false,
        }
    }

    fn text(&self) -> String {
        match self {
            Flat::Open(delimiter) => open_close(*delimiter).0.to_owned(),
            Flat::Close(delimiter, _) => open_close(*delimiter).1.to_owned(),
            Flat::Ident(ident) => ident.to_string(),
            Flat::Punct(c, Spacing::Joint) => format!("{c}~"),
            Flat::Punct(c, Spacing::Alone) => c.to_string(),
            Flat::ArmComma => ",".to_owned(),
            Flat::Literal(literal) => literal.clone(),
        }
    }
}

/// Rust's operators of more than one mark (and `<-`, one token though no operator).
const OPERATORS: &[&str] = &[
    "<<=", ">>=", "...", "..=", "<<", "<=", "<-", ">>", ">=", "..", "::", "->", "=>", "==", "!=", "&&", "||", "+=",
    "-=", "*=", "/=", "%=", "^=", "&=", "|=",
];

/// For each flattened token, whether it is a mark that lexes as one operator with the next:
/// a run of joint marks is split into operators as the lexer glues them, the longest first
/// from the left (`+==` is `+=` and `=`).
fn glued(flat: &[Flat]) -> Vec<bool> {
    let mut glued = vec![false; flat.len()];
    let mut i = 0;
    while i < flat.len() {
        // The marks joint to the next, from `i` on (three at most, the longest operator).
        let mut run = [' '; 3];
        let mut count = 0;
        for token in &flat[i..] {
            let Flat::Punct(c, spacing) = token else { break };
            run[count] = *c;
            count += 1;
            if *spacing == Spacing::Alone || count == 3 {
                break;
            }
        }
        // No operator is one mark: only a run of two or more can be one.
        if count < 2 {
            i += 1;
            continue;
        }
        let run = &run[..count];
        let len = OPERATORS
            .iter()
            .find(|op| op.len() <= run.len() && op.chars().zip(run).all(|(a, b)| a == *b))
            .map_or(1, |op| op.len());
        glued[i..i + len - 1].fill(true);
        i += len;
    }
    glued
}

/// The pairs of marks that the parser splits where it expects the first mark alone, and that
/// may so be written joint or apart: `>` `>` and `>` `=` after generic arguments
/// (`Vec<Vec<u8>>`, `x: Vec<u8>= v`), `<` `<` before a qualified path (`Vec<<T as Trait>::X>`),
/// `<` `-` before a negative generic argument (`Foo<-1>`), `&` `&` of a reference to a
/// reference, `|` `|` of a closure without parameters. Where a syntax tree tells what they
/// are, its [`Shape`] is compared too.
const PARSER_SPLITS: &[[char; 2]] = &[['>', '>'], ['>', '='], ['<', '<'], ['<', '-'], ['&', '&'], ['|', '|']];

fn open_close(delimiter: Delimiter) -> (&'static str, &'static str) {
    match delimiter {
        Delimiter::Parenthesis => ("(", ")"),
        Delimiter::Bracket => ("[", "]"),
        Delimiter::Brace => ("{", "}"),
        Delimiter::None => ("", ""),
    }
}

/// Where a group's tokens are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Code,
    /// The arms of a `match`, outside macro arguments: a brace group holding `=>`.
    Arms,
    /// Macro arguments or a macro's rules (a group after `!` or `! name`, and all groups in
    /// it), which a macro sees token by token.
    MacroArguments,
}

/// Flattens a stream; each group's tokens are copied out once (a shared stream's iteration
/// copies them).
fn flatten(stream: TokenStream, out: &mut Vec<Flat>, place: Place) {
    flatten_trees(stream.into_iter().collect(), out, place);
}

fn flatten_trees(trees: Vec<TokenTree>, out: &mut Vec<Flat>, place: Place) {
    for token in trees {
        match token {
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => flatten(group.stream(), out, place),
            TokenTree::Group(group) => {
                let (delimiter, stream) = (group.delimiter(), group.stream());
                // Without the group, a stream that nothing else holds moves its tokens out.
                drop(group);
                let trees: Vec<TokenTree> = stream.into_iter().collect();
                // After `name!` (a call) or `name! name` (`macro_rules! name { ... }`); not
                // after the never type (`-> ! {`, `*const ! {`).
                let after_bang = match out.as_slice() {
                    // `&'a ! {}`: a lifetime, no macro's name.
                    [.., Flat::Punct('\'', _), Flat::Ident(_), Flat::Punct('!', _)] => false,
                    [.., Flat::Ident(name), Flat::Punct('!', _)]
                    | [.., Flat::Ident(name), Flat::Punct('!', _), Flat::Ident(_)] => !is_keyword(name),
                    _ => false,
                };
                let inner = if place == Place::MacroArguments || after_bang {
                    Place::MacroArguments
                } else if delimiter == Delimiter::Brace && holds_arrow(&trees) {
                    Place::Arms
                } else {
                    Place::Code
                };
                let optional_comma = comma_may_differ(delimiter, out.last(), &trees, inner);
                out.push(Flat::Open(delimiter));
                flatten_trees(trees, out, inner);
                out.push(Flat::Close(delimiter, optional_comma));
            }
            TokenTree::Ident(ident) => out.push(Flat::Ident(ident)),
            TokenTree::Punct(punct) if punct.as_char() == ',' && place == Place::Arms => {
                let after_block = matches!(out.last(), Some(Flat::Close(Delimiter::Brace, _)));
                out.push(if after_block { Flat::ArmComma } else { Flat::Punct(',', punct.spacing()) });
            }
            TokenTree::Punct(punct) => out.push(Flat::Punct(punct.as_char(), punct.spacing())),
            TokenTree::Literal(literal) => {
                let text = literal.to_string();
                let after_dot = matches!(out.last(), Some(Flat::Punct('.', _)));
                if let Some(number) = text.strip_prefix('-') {
                    out.push(Flat::Punct('-', Spacing::Alone));
                    out.push(Flat::Literal(number.to_owned()));
                } else if let Some((first, second)) = text.split_once('.').filter(|_| after_dot) {
                    // `x.0.1`: the fields `0` and `1` lex as one float when printed together.
                    out.push(Flat::Literal(first.to_owned()));
                    out.push(Flat::Punct('.', Spacing::Alone));
                    out.push(Flat::Literal(second.to_owned()));
                } else {
                    out.push(Flat::Literal(text));
                }
            }
        }
    }
}

/// Whether a stream holds `=>` outside its groups.
fn holds_arrow(trees: &[TokenTree]) -> bool {
    let mut equals = false;
    for token in trees {
        let arrow = equals && matches!(token, TokenTree::Punct(p) if p.as_char() == '>');
        if arrow {
            return true;
        }
        equals = matches!(token, TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Joint);
    }
    false
}

/// Whether two literals are the same: spelled alike, or strings of the same value and suffix.
pub fn same_literal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if !(a.contains('"') && b.contains('"')) {
        return false;
    }
    // Every doc line differs in spelling (emitted `r"..."`, lexed back from `///` as an
    // escaped string), and decoding both through syn was a sixth of the corpus test's time.
    match (verbatim_value(a), verbatim_value(b)) {
        (Some(a), Some(b)) => a == b,
        _ => literal_value(a) == literal_value(b),
    }
}

/// The value of a string literal whose text is its value, without a suffix: a raw string
/// (`r"..."`, `r#"..."#`), or a plain one without a backslash. `None` for any other literal.
fn verbatim_value(text: &str) -> Option<&str> {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = &raw[..raw.len() - raw.trim_start_matches('#').len()];
        return raw[hashes.len()..].strip_prefix('"')?.strip_suffix(hashes)?.strip_suffix('"');
    }
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    (!body.contains('\\')).then_some(body)
}

fn literal_value(text: &str) -> Literal {
    let Ok(literal) = text.parse::<proc_macro2::Literal>() else { return Literal::Other(text.to_owned()) };
    match syn::Lit::new(literal) {
        syn::Lit::Str(s) => Literal::Str(s.value(), s.suffix().to_owned()),
        syn::Lit::ByteStr(s) => Literal::ByteStr(s.value(), s.suffix().to_owned()),
        syn::Lit::CStr(s) => Literal::CStr(s.value().into_bytes(), s.suffix().to_owned()),
        _ => Literal::Other(text.to_owned()),
    }
}

/// Whether a trailing comma may be added or dropped in a group: where it ends a list of two
/// elements or more, or one element of a brace or bracket group, or the arguments of a call or
/// the fields of a tuple struct (a parenthesis after a name, a literal, a closing delimiter or
/// `>`). Not in
/// a parenthesised expression, type or pattern of one element (`(x,)` is a tuple), nor in
/// macro arguments, which a macro sees token by token.
fn comma_may_differ(delimiter: Delimiter, before: Option<&Flat>, inner: &[TokenTree], place: Place) -> bool {
    if place == Place::MacroArguments {
        return false;
    }
    let comma = |token: &TokenTree| matches!(token, TokenTree::Punct(p) if p.as_char() == ',');
    let separators = inner.iter().rev().skip(1).filter(|token| comma(token)).count();
    let after_name = match before {
        Some(Flat::Ident(name)) => !is_keyword(name),
        Some(Flat::Close(Delimiter::Parenthesis | Delimiter::Bracket, _)) => true,
        // `1Err(x)`: a call of a literal (with a suffix) is still a call, if not a typed one.
        Some(Flat::Literal(_)) => true,
        // `fn f<T>(x: T)` and `a > (b)` alike: the syntax tree, compared when there is one,
        // tells a tuple from a parenthesised value.
        Some(Flat::Punct('>', _)) => true,
        _ => false,
    };
    separators > 0 || delimiter != Delimiter::Parenthesis || after_name
}

/// Whether `side[at]` is a trailing comma that the other side, at `other`, does not have and
/// may not have: the comma is followed by the closing delimiter (or generics' `>`) that `other`
/// is.
fn optional_trailing_comma(side: &[Flat], at: usize, other: Option<&Flat>) -> bool {
    if !matches!(side.get(at), Some(Flat::Punct(',', _))) {
        return false;
    }
    match (side.get(at + 1), other) {
        (Some(Flat::Close(a, optional)), Some(Flat::Close(b, other_optional))) => {
            a == b && *optional && *other_optional
        }
        (Some(Flat::Punct('>', _)), Some(Flat::Punct('>', _))) => true,
        _ => false,
    }
}

/// Whether a word is a keyword that no call's parentheses follow (not `Self`, whose
/// parentheses hold a tuple struct's fields, nor `self`, a closure as often, nor the
/// contextual `union`, a method's name as often).
fn is_keyword(word: &proc_macro2::Ident) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
        "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
        "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "yield",
    ];
    KEYWORDS.iter().any(|keyword| word == keyword)
}

/// The tokens around a difference, on both sides (`~` marks joint punctuation).
fn context(a: &[Flat], i: usize, b: &[Flat], j: usize) -> String {
    let around = |side: &[Flat], at: usize| {
        let before: Vec<String> = side[at.saturating_sub(12)..at.min(side.len())].iter().map(Flat::text).collect();
        let after: Vec<String> = side[at.min(side.len())..(at + 6).min(side.len())].iter().map(Flat::text).collect();
        format!("{} >>> {}", before.join(" "), after.join(" "))
    };
    format!("\n  expected: {}\n  printed:  {}", around(a, i), around(b, j))
}
