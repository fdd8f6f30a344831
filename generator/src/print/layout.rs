//! Layout: token streams printed as formatted Rust directly, without parsing them into a
//! syntax tree. Parsing tokens back into `syn` and printing them with
//! prettyplease was three quarters of generation time; this module reads the tokens once.
//!
//! Two steps. [`Layout::atoms`] turns each token level into atoms: identifiers, literals,
//! groups and operators, the operators classified by what comes before them (a `<` after a
//! type name opens generics, a `&` after a value is binary, a `|` where a value is expected
//! opens closure parameters). Then the atoms are split into statements, items, match arms,
//! fields and list elements, and written as a list of layout commands in the manner of
//! Wadler's "prettier printer": a group prints on one line when it fits in [`WIDTH`]
//! columns, else each of its elements goes on a line of its own. Blocks, item and field
//! lists are always broken. Doc attributes become `///` and `//!` lines.
//!
//! The layout only changes whitespace and trailing commas, never tokens: the output parses
//! to the same syntax as the input (`tests/suite/layout.rs` checks this against prettyplease).

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The column limit, as rustfmt's default.
const WIDTH: usize = 100;
const INDENT: usize = 4;

/// Prints a file (or a part of one) of items.
pub fn print_file(tokens: TokenStream) -> String {
    let Buffers { mut arena, mut cmds, mut open, mut out } = BUFFERS.with(|buffers| buffers.take());
    arena.clear();
    cmds.clear();
    open.clear();
    let mut layout = Layout { arena, cmds, open, in_attribute: false, keep_commas: false };
    let atoms = layout.atoms(tokens, true);
    layout.statements(&atoms, List::File);
    layout.push(Cmd::HardLine);
    drop(atoms);
    out.clear();
    layout.render(&mut out);
    // The result gets a buffer of its own size; the working buffers go back for the next chunk.
    let text = out.as_str().to_owned();
    let Layout { arena, cmds, open, .. } = layout;
    BUFFERS.with(|buffers| buffers.set(Buffers { arena, cmds, open, out }));
    text
}

/// The working buffers of a layout, reused by the next layout on the same thread: a chunk
/// lays out as millions of commands, and vectors grown afresh for every chunk were copied
/// on each doubling and backed by fresh pages (together about a fifth of the layout's time).
#[derive(Default)]
struct Buffers {
    arena: String,
    cmds: Vec<Cmd>,
    open: Vec<usize>,
    out: String,
}

thread_local! {
    static BUFFERS: std::cell::Cell<Buffers> = std::cell::Cell::default();
}

/// What an operator does where it stands; decides the spaces around it and where lists split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A comma separating list elements.
    Comma,
    /// A comma inside generic arguments or closure parameters.
    InnerComma,
    Semi,
    Colon,
    Path,
    Dot,
    Range,
    Question,
    /// The `!` of a macro call.
    Bang,
    Unary,
    Binary,
    Pound,
    GenericOpen,
    GenericClose,
    ClosureOpen,
    ClosureClose,
    /// `||`, a closure without parameters.
    ClosureEmpty,
}

#[derive(Debug)]
enum Kind {
    /// An identifier or a keyword that is a value (`self`, `true`, ...).
    Word,
    /// A keyword that is no value, or a lifetime or label: nothing is called, indexed or
    /// compared after one (`&'a [u8]`, `&'a (dyn Trait)`, `&'a <T as Trait>::X`).
    Keyword,
    Literal,
    Op(&'static str, Role),
    Group(Delimiter, Vec<Atom>),
}

#[derive(Debug)]
struct Atom {
    kind: Kind,
    /// The text, in the arena (empty for operators and groups).
    start: u32,
    len: u32,
}

impl Atom {
    fn is_op(&self, text: &str) -> bool {
        matches!(self.kind, Kind::Op(op, _) if op == text)
    }

    fn is_role(&self, role: Role) -> bool {
        matches!(self.kind, Kind::Op(_, r) if r == role)
    }

    fn group(&self, delimiter: Delimiter) -> Option<&[Atom]> {
        match &self.kind {
            Kind::Group(d, inner) if *d == delimiter => Some(inner),
            _ => None,
        }
    }

    /// Whether a value ends here, so that an operator after it is binary.
    fn ends_value(&self) -> bool {
        match self.kind {
            Kind::Word | Kind::Literal | Kind::Group(..) => true,
            Kind::Op(_, role) => matches!(role, Role::GenericClose | Role::Question),
            Kind::Keyword => false,
        }
    }
}

/// The operator of Rust that the joint punctuation `run` starts with, the longest that
/// matches; `None` for a character that starts none. A `match` rather than a search of a
/// table: the layout classifies every punctuation token of the output.
fn longest_operator(run: &[char]) -> Option<&'static str> {
    let mut bytes = [0u8; 3];
    let mut len = 0;
    for &c in run.iter().take(3) {
        if !c.is_ascii() {
            break;
        }
        bytes[len] = c as u8;
        len += 1;
    }
    (1..=len).rev().find_map(|len| {
        Some(match &bytes[..len] {
            b"<<=" => "<<=",
            b">>=" => ">>=",
            b"..." => "...",
            b"..=" => "..=",
            b"::" => "::",
            b"->" => "->",
            // Not an operator of Rust's, but one token (a macro may match it): `x <- y` in a
            // macro's arguments stays joint.
            b"<-" => "<-",
            b"=>" => "=>",
            b"==" => "==",
            b"!=" => "!=",
            b"<=" => "<=",
            b">=" => ">=",
            b"&&" => "&&",
            b"||" => "||",
            b"+=" => "+=",
            b"-=" => "-=",
            b"*=" => "*=",
            b"/=" => "/=",
            b"%=" => "%=",
            b"^=" => "^=",
            b"&=" => "&=",
            b"|=" => "|=",
            b"<<" => "<<",
            b">>" => ">>",
            b".." => "..",
            b"=" => "=",
            b"<" => "<",
            b">" => ">",
            b"!" => "!",
            b"~" => "~",
            b"+" => "+",
            b"-" => "-",
            b"*" => "*",
            b"/" => "/",
            b"%" => "%",
            b"^" => "^",
            b"&" => "&",
            b"|" => "|",
            b"@" => "@",
            b"." => ".",
            b"," => ",",
            b";" => ";",
            b":" => ":",
            b"#" => "#",
            b"$" => "$",
            b"?" => "?",
            _ => return None,
        })
    })
}

/// Adjacent marks that lex as (part of) one operator when written together, and that the
/// parser does not split again (as it splits `&&` of two references, `<<` or `<-` opening
/// generic arguments): an operator that ends with the first is spaced from one that starts
/// with the second.
const GLUED_PAIRS: &[[char; 2]] = &[
    ['<', '='],
    ['.', '.'],
    ['.', '='],
    [':', ':'],
    ['-', '>'],
    ['=', '>'],
    ['=', '='],
    ['!', '='],
    ['+', '='],
    ['-', '='],
    ['*', '='],
    ['/', '='],
    ['%', '='],
    ['^', '='],
    ['&', '='],
    ['|', '='],
];

/// Whether an identifier is a keyword the layout treats as one (see [`Kind::Keyword`]).
fn is_layout_keyword(text: &str) -> bool {
    matches!(
        text,
        "as" | "async"
            | "break"
            | "const"
            | "continue"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "yield"
    )
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Text(u32, u32),
    Str(&'static str),
    /// A space, unless at the start of a line.
    Space,
    /// A space when the group is flat, a line break when it is broken.
    Line,
    /// Nothing when the group is flat, a line break when it is broken.
    SoftLine,
    HardLine,
    BlankLine,
    Indent,
    Dedent,
    /// Starts a group; a broken one (a block) stays broken and ends the line for the
    /// groups around it.
    Begin {
        broken: bool,
    },
    End,
    /// Text printed only when the group is broken (trailing commas).
    IfBroken(&'static str),
    /// Before a group that a group ending before it must fit with, flat: the generic
    /// arguments of a return type, so that a long signature breaks its parameters first,
    /// as rustfmt does, and its return type only when that is not enough.
    Sticky,
}

/// The kinds of brace-delimited lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum List {
    File,
    /// The items of an impl, trait or module.
    Items,
    /// The statements of a block.
    Statements,
}

/// What a brace group after the tokens seen so far holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brace {
    Block,
    Items,
    Arms,
    Fields,
    /// A struct expression or pattern, or a struct variant: on one line when it fits.
    Literal,
    UseTree,
}

struct Layout {
    arena: String,
    cmds: Vec<Cmd>,
    /// The groups open while commands are written, to break those holding a hard line.
    open: Vec<usize>,
    /// Inside an attribute's arguments.
    in_attribute: bool,
    /// Inside a macro definition, whose tokens are kept as written: no comma is added or
    /// dropped.
    keep_commas: bool,
}

/// State of the operator classification within one token level.
#[derive(Default)]
struct Level {
    generic_depth: usize,
    /// The depths of the generics open after `for` or `impl` (`for<'a>`, `impl<T>`), which
    /// a type, bound or closure follows rather than an operator.
    binders: Vec<usize>,
    /// Where the `>` closing the last of those is in the atoms: no value ends there.
    binder_end: Option<usize>,
    closure_params: bool,
    lifetime: bool,
    /// The level holds statements or items (a file, a brace group).
    statements: bool,
    /// Only attributes and modifiers (`pub`, `unsafe`, a label) of the statement under way
    /// are in the atoms so far.
    statement_start: bool,
    /// The statement under way is an item or a block-like expression (`if`, `match`, a loop),
    /// which its first block ends.
    block_statement: bool,
    /// Of the statement under way: whether its keyword takes an expression before its block
    /// (`if`, `while`, `match`, `for`), whether a pattern is under way (after `let` or a
    /// loop's `for`), and the blocks still to come before its end.
    expression: bool,
    in_pattern: bool,
    pending_blocks: usize,
    /// Where the block that ended the last block-like statement is in the atoms: an operator
    /// after it starts the next statement (`if a {} *x = 1;`, `loop {} || x`), no value ends
    /// there.
    statement_end: Option<usize>,
}

impl Level {
    fn new(statements: bool) -> Self {
        Level { statements, statement_start: statements, ..Level::default() }
    }

    /// Whether no value ends at the last atom, though it may look like one: the `>` of
    /// `for<'a>`, a block that ends a statement or a match arm, an attribute.
    fn starts_anew(&self, out: &[Atom]) -> bool {
        let last = out.len().checked_sub(1);
        let attribute = matches!(out, [.., pound, Atom { kind: Kind::Group(Delimiter::Bracket, _), .. }] if pound.is_op("#"))
            || matches!(out, [.., pound, bang, Atom { kind: Kind::Group(Delimiter::Bracket, _), .. }] if pound.is_op("#") && bang.is_op("!"));
        last.is_some() && (self.binder_end == last || self.statement_end == last) || after_arm_block(out) || attribute
    }
}

impl Layout {
    fn text(&self, atom: &Atom) -> &str {
        &self.arena[atom.start as usize..(atom.start + atom.len) as usize]
    }

    fn is_keyword(&self, atom: &Atom, keyword: &str) -> bool {
        matches!(atom.kind, Kind::Keyword | Kind::Word) && self.text(atom) == keyword
    }

    /// The atoms of one token level; `statements`: it holds statements or items.
    fn atoms(&mut self, stream: TokenStream, statements: bool) -> Vec<Atom> {
        let tokens = stream.into_iter();
        // About one atom per token (joint punctuation merges, invisible groups open up).
        let mut out = Vec::with_capacity(tokens.size_hint().0);
        let mut level = Level::new(statements);
        let mut run: Vec<char> = Vec::new();
        for token in tokens {
            match token {
                TokenTree::Punct(punct) => {
                    run.push(punct.as_char());
                    if punct.spacing() == Spacing::Alone || punct.as_char() == '\'' {
                        self.operators(&mut run, &mut out, &mut level);
                    }
                }
                TokenTree::Ident(ident) => {
                    self.flush_operators(&mut run, &mut out, &mut level);
                    let start = self.arena.len();
                    let lifetime = std::mem::take(&mut level.lifetime);
                    if lifetime {
                        self.arena.push('\'');
                    }
                    let _ = write!(self.arena, "{ident}");
                    let text = &self.arena[start..];
                    let kind = if lifetime || is_layout_keyword(text) { Kind::Keyword } else { Kind::Word };
                    out.push(Atom { kind, start: start as u32, len: (self.arena.len() - start) as u32 });
                    self.track_statement(&out, &mut level);
                }
                TokenTree::Literal(literal) => {
                    self.flush_operators(&mut run, &mut out, &mut level);
                    let start = self.arena.len();
                    let _ = write!(self.arena, "{literal}");
                    out.push(Atom { kind: Kind::Literal, start: start as u32, len: (self.arena.len() - start) as u32 });
                    self.track_statement(&out, &mut level);
                }
                TokenTree::Group(group) => {
                    self.flush_operators(&mut run, &mut out, &mut level);
                    let delimiter = group.delimiter();
                    let stream = group.stream();
                    // The stream is shared with the group; dropping the group first lets the
                    // iteration move the tokens instead of cloning them.
                    drop(group);
                    let inner = self.atoms(stream, delimiter == Delimiter::Brace);
                    if delimiter == Delimiter::None {
                        out.extend(inner);
                    } else {
                        out.push(Atom { kind: Kind::Group(delimiter, inner), start: 0, len: 0 });
                        self.track_statement(&out, &mut level);
                    }
                }
            }
        }
        self.flush_operators(&mut run, &mut out, &mut level);
        out
    }

    /// Classifies the pending run of punctuation, if there is one. Most tokens follow no
    /// punctuation: inlined, this test skips the call of [`Self::operators`] (a large function)
    /// for them, which was a tenth of this step's instructions.
    #[inline]
    fn flush_operators(&mut self, run: &mut Vec<char>, out: &mut Vec<Atom>, level: &mut Level) {
        if !run.is_empty() {
            self.operators(run, out, level);
        }
    }

    /// Splits a run of joint punctuation into operators and classifies each.
    fn operators(&mut self, run: &mut Vec<char>, out: &mut Vec<Atom>, level: &mut Level) {
        let mut rest: &[char] = run;
        if rest.last() == Some(&'\'') {
            level.lifetime = true;
            rest = &rest[..rest.len() - 1];
        }
        // The operators as the lexer glues them, longest first from the left; some the parser
        // splits again, and so does the layout (a `>` closing generics, `&&` of two
        // references), but never across two of them (`&&=>` is `&&` and `=>`).
        while !rest.is_empty() {
            let lexed = longest_operator(rest).map_or(1, str::len).min(rest.len());
            let mut piece = &rest[..lexed];
            rest = &rest[lexed..];
            while !piece.is_empty() {
                // `for<'a> |x| x`, `for<'a> &'a T: Trait`: a closure, a reference.
                let prev_value = out.last().is_some_and(Atom::ends_value) && !level.starts_anew(out);
                let op = if piece[0] == '>' && level.generic_depth > 0 {
                    ">"
                } else if piece.starts_with(&['&', '&']) && !prev_value {
                    // `&&x`: two references.
                    "&"
                } else if piece.starts_with(&['<', '-']) && self.opens_generics(out, level) {
                    // `Foo<-1>`: generic arguments, the first a negative number.
                    "<"
                } else if piece.starts_with(&['<', '<']) && self.opens_qualified_argument(out, level) {
                    // `Vec<<T as Trait>::Item>`: generic arguments, the first a qualified path.
                    "<"
                } else {
                    longest_operator(piece).unwrap_or("$")
                };
                piece = &piece[op.len().clamp(1, piece.len())..];
                let role = self.role(op, prev_value, out, level);
                out.push(Atom { kind: Kind::Op(op, role), start: 0, len: 0 });
                self.track_statement(out, level);
            }
        }
        run.clear();
    }

    /// Follows where statements start and end in a level of statements (see
    /// [`Level::statement_end`]), as each atom is added, as [`Self::block_end`] finds the end
    /// of a statement: blocks of block-like expressions in a condition, blocks where a value
    /// is expected and braces of patterns or const arguments do not end it.
    fn track_statement(&self, out: &[Atom], level: &mut Level) {
        let (true, [.., atom]) = (level.statements, out) else { return };
        let before = out.len().checked_sub(2).map(|i| &out[i]);
        let text = self.text(atom);
        if atom.is_op(";") {
            level.statement_start = true;
            level.block_statement = false;
            return;
        }
        if level.statement_start {
            let after = |text: &str| before.is_some_and(|b| self.is_keyword(b, text) || b.is_op(text));
            let modifier = match &atom.kind {
                // Attributes.
                Kind::Op("#", _) => true,
                Kind::Op("!", _) => after("#"),
                Kind::Group(Delimiter::Bracket, _) => after("#") || after("!"),
                // `pub(crate)`, `extern "C"`, a label's `:`.
                Kind::Group(Delimiter::Parenthesis, _) => after("pub"),
                Kind::Literal => after("extern"),
                Kind::Op(":", _) => before.is_some_and(|b| self.text(b).starts_with('\'')),
                Kind::Keyword => {
                    matches!(text, "pub" | "const" | "async" | "unsafe" | "extern" | "move") || text.starts_with('\'')
                }
                Kind::Word => text == "default",
                _ => false,
            };
            if modifier {
                return;
            }
            level.statement_start = false;
            level.block_statement = matches!(
                text,
                "fn" | "impl"
                    | "struct"
                    | "enum"
                    | "union"
                    | "trait"
                    | "mod"
                    | "if"
                    | "else"
                    | "match"
                    | "loop"
                    | "while"
                    | "for"
            ) || matches!(atom.kind, Kind::Group(Delimiter::Brace, _));
            level.expression = matches!(text, "if" | "while" | "match" | "for");
            level.in_pattern = text == "for";
            level.pending_blocks = 1;
            if !matches!(atom.kind, Kind::Group(Delimiter::Brace, _)) {
                return;
            }
        }
        if !level.block_statement {
            return;
        }
        match &atom.kind {
            Kind::Keyword => {
                let after_else = before.is_some_and(|b| self.is_keyword(b, "else"));
                if level.expression
                    && !after_else
                    && matches!(text, "if" | "match" | "while" | "for" | "loop" | "unsafe" | "else")
                {
                    level.pending_blocks += 1;
                }
                match text {
                    // `else if`: a condition follows.
                    "if" if after_else => level.expression = true,
                    "let" => level.in_pattern = true,
                    "for" if level.expression => level.in_pattern = true,
                    "in" => level.in_pattern = false,
                    _ => {}
                }
            }
            Kind::Op("=", _) => level.in_pattern = false,
            Kind::Group(Delimiter::Brace, _) => {
                let labelled = before.is_some_and(|b| b.is_role(Role::Colon))
                    && out.len() >= 3
                    && self.text(&out[out.len() - 3]).starts_with('\'');
                let expression = level.in_pattern
                    || level.generic_depth > 0
                    || labelled
                    || before.is_some_and(|b| self.expects_value(b));
                if !expression {
                    level.pending_blocks = level.pending_blocks.saturating_sub(1);
                    if level.pending_blocks == 0 {
                        level.statement_end = Some(out.len() - 1);
                        level.statement_start = true;
                        level.block_statement = false;
                    }
                }
            }
            _ => {}
        }
    }

    fn role(&self, op: &str, prev_value: bool, out: &[Atom], level: &mut Level) -> Role {
        let unary_or_binary = if prev_value { Role::Binary } else { Role::Unary };
        match op {
            "," if level.generic_depth == 0 && !level.closure_params => Role::Comma,
            "," => Role::InnerComma,
            ";" => {
                level.generic_depth = 0;
                level.binders.clear();
                Role::Semi
            }
            ":" => Role::Colon,
            "::" => Role::Path,
            "." => Role::Dot,
            ".." | "..=" | "..." => Role::Range,
            "?" if prev_value => Role::Question,
            // `?Sized`: a bound's modifier, not the `?` of an expression.
            "?" => Role::Unary,
            "#" | "$" => Role::Pound,
            "!" if prev_value => Role::Bang,
            // The never type, `-> ! {`: spaced as an operator would be.
            "!" if out.last().is_some_and(|prev| prev.is_op("->")) => Role::Binary,
            "!" | "&" | "*" | "-" => unary_or_binary,
            "|" if level.closure_params => {
                level.closure_params = false;
                Role::ClosureClose
            }
            "|" if !prev_value => {
                level.closure_params = true;
                Role::ClosureOpen
            }
            "||" if !prev_value => Role::ClosureEmpty,
            "<" if self.opens_generics(out, level) => {
                level.generic_depth += 1;
                if out.last().is_some_and(|prev| self.is_keyword(prev, "for") || self.is_keyword(prev, "impl")) {
                    level.binders.push(level.generic_depth);
                }
                Role::GenericOpen
            }
            ">" if level.generic_depth > 0 => {
                if level.binders.last() == Some(&level.generic_depth) {
                    level.binders.pop();
                    level.binder_end = Some(out.len());
                }
                level.generic_depth -= 1;
                Role::GenericClose
            }
            "&&" | "||" | "=>" => {
                level.generic_depth = 0;
                level.binders.clear();
                Role::Binary
            }
            _ => Role::Binary,
        }
    }

    /// Whether a `<` opens generic arguments or parameters rather than comparing: after
    /// `::`, `impl`, a type name, or the name a `fn`, `struct`, ... declares; or a qualified
    /// path ([`Self::starts_qualified_path`]).
    fn opens_generics(&self, out: &[Atom], level: &Level) -> bool {
        if self.starts_qualified_path(out.last()) || level.starts_anew(out) {
            return true;
        }
        let Some(prev) = out.last() else { return false };
        match prev.kind {
            Kind::Op(op, _) => op == "::",
            Kind::Keyword => matches!(self.text(prev), "impl" | "for"),
            Kind::Word => {
                let text = self.text(prev);
                // A type's name (`Vec`, `T`), not a constant's (`MAX < x`) nor `Self`, which
                // takes no generic arguments (`Self < x` compares).
                let type_name = text.starts_with(|c: char| c.is_ascii_uppercase())
                    && (text.len() == 1 || text.contains(|c: char| c.is_ascii_lowercase()))
                    && text != "Self";
                level.generic_depth > 0
                    || type_name
                    || out.len() >= 2
                        && matches!(out[out.len() - 2].kind, Kind::Keyword)
                        && matches!(
                            self.text(&out[out.len() - 2]),
                            "fn" | "struct" | "enum" | "trait" | "type" | "union"
                        )
            }
            _ => false,
        }
    }

    /// Whether `<<` after these atoms is a `<` opening generic arguments (or a qualified path)
    /// and a `<` opening a qualified path, rather than a shift: after `::`, where a value is
    /// expected (a shift needs one on its left), or after a type's name (`Vec`, not a
    /// constant's `MAX`, a type parameter's `T` or `Self`, which take no generic arguments).
    fn opens_qualified_argument(&self, out: &[Atom], level: &Level) -> bool {
        let Some(prev) = out.last() else { return true };
        if level.starts_anew(out) {
            return true;
        }
        match prev.kind {
            Kind::Word => {
                let name = self.text(prev);
                name.starts_with(|c: char| c.is_ascii_uppercase())
                    && name.contains(|c: char| c.is_ascii_lowercase())
                    && name != "Self"
            }
            Kind::Op("::", _) => true,
            _ => self.starts_qualified_path(Some(prev)),
        }
    }

    /// Whether a `<` after `prev` opens a qualified path (`<T as Trait>::f`): where a value is
    /// expected (first in a group, after `=>`, `=`, `,`, or a keyword such as `return`), since
    /// a comparison needs a value on its left. Printed without spaces inside and never broken
    /// as a list: a trailing comma does not parse there.
    fn starts_qualified_path(&self, prev: Option<&Atom>) -> bool {
        let Some(prev) = prev else { return true };
        match prev.kind {
            Kind::Op(op, _) => op != "::" && !prev.ends_value(),
            Kind::Keyword => {
                !matches!(self.text(prev), "impl" | "for" | "self" | "Self" | "super" | "crate" | "true" | "false")
            }
            _ => false,
        }
    }

    fn push(&mut self, cmd: Cmd) {
        if matches!(cmd, Cmd::HardLine | Cmd::BlankLine) {
            // A hard line breaks every group around it, up to the enclosing block.
            for &index in self.open.iter().rev() {
                match &mut self.cmds[index] {
                    Cmd::Begin { broken: true } => break,
                    Cmd::Begin { broken } => *broken = true,
                    _ => {}
                }
            }
        }
        self.cmds.push(cmd);
    }

    fn begin(&mut self, broken: bool) {
        self.open.push(self.cmds.len());
        self.cmds.push(Cmd::Begin { broken });
    }

    fn end(&mut self) {
        self.open.pop();
        self.cmds.push(Cmd::End);
    }

    fn atom_text(&mut self, atom: &Atom) {
        self.cmds.push(Cmd::Text(atom.start, atom.len));
    }

    /// Splits a list of items or statements and prints each on its own lines.
    fn statements(&mut self, atoms: &[Atom], list: List) {
        let mut start = 0;
        let mut prev: Option<(usize, usize)> = None;
        while start < atoms.len() {
            let end = self.statement_end(atoms, start).max(start + 1);
            if let Some((prev_start, prev_end)) = prev {
                let blank = self.blank_between(&atoms[prev_start..prev_end], &atoms[start..end], list);
                // An inner attribute ends with its own line break.
                let ended = matches!(self.cmds.last(), Some(Cmd::HardLine));
                match (blank, ended) {
                    (true, false) => self.push(Cmd::BlankLine),
                    (true, true) | (false, false) => self.push(Cmd::HardLine),
                    (false, true) => {}
                }
            }
            self.statement(&atoms[start..end]);
            prev = Some((start, end));
            start = end;
        }
    }

    /// Blank lines as hand-written code has them: between the items of a file (not between
    /// `use` lines or inner attributes), and between the items of an impl that are blocks or
    /// carry attributes.
    fn blank_between(&self, prev: &[Atom], next: &[Atom], list: List) -> bool {
        let inner_attribute = |atoms: &[Atom]| atoms.len() >= 2 && atoms[0].is_role(Role::Pound) && atoms[1].is_op("!");
        let leading = |atoms: &[Atom]| {
            let start = attributes_end(atoms);
            atoms.get(start).map(|atom| self.text(atom))
        };
        match list {
            List::Statements => false,
            _ if inner_attribute(prev) => !inner_attribute(next),
            _ if leading(prev) == Some("use") && leading(next) == Some("use") => false,
            List::File => true,
            List::Items => {
                let ends_block =
                    |atoms: &[Atom]| matches!(atoms.last().map(|a| &a.kind), Some(Kind::Group(Delimiter::Brace, _)));
                ends_block(prev) || ends_block(next) || next.first().is_some_and(|a| a.is_role(Role::Pound))
            }
        }
    }

    /// Where the statement or item starting at `start` ends: after its `;`, or after the
    /// block that ends an item or a block-like expression.
    fn statement_end(&self, atoms: &[Atom], start: usize) -> usize {
        let n = atoms.len();
        if atoms[start].is_role(Role::Pound)
            && atoms.get(start + 1).is_some_and(|a| a.is_op("!"))
            && atoms.get(start + 2).and_then(|a| a.group(Delimiter::Bracket)).is_some()
        {
            return start + 3;
        }
        let mut i = start + attributes_end(&atoms[start..]);
        let mut block_like = false;
        let mut conditional = false;
        while let Some(atom) = atoms.get(i) {
            match atom.kind {
                Kind::Keyword => match self.text(atom) {
                    // A label: `'outer: loop { ... }` ends with its block.
                    label if label.starts_with('\'') && atoms.get(i + 1).is_some_and(|a| a.is_role(Role::Colon)) => {
                        i += 2;
                    }
                    "pub" => {
                        i += 1;
                        if atoms.get(i).and_then(|a| a.group(Delimiter::Parenthesis)).is_some() {
                            i += 1;
                        }
                    }
                    "unsafe" | "async" | "const" | "extern" | "move" => i += 1,
                    "fn" | "impl" | "trait" | "mod" | "struct" | "enum" | "match" | "loop" | "for" => {
                        block_like = true;
                        break;
                    }
                    "if" | "while" => {
                        block_like = true;
                        conditional = true;
                        break;
                    }
                    _ => break,
                },
                Kind::Literal => i += 1,
                Kind::Group(Delimiter::Brace, _) => {
                    block_like = true;
                    break;
                }
                Kind::Word if self.text(atom) == "union" => {
                    block_like = true;
                    break;
                }
                Kind::Word => {
                    // A macro call with braces is an item of its own.
                    let mut j = i;
                    while atoms.get(j).is_some_and(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path)) {
                        j += 1;
                    }
                    if atoms.get(j).is_some_and(|a| a.is_role(Role::Bang)) {
                        // `macro_rules! name { ... }` names the macro it defines.
                        let body =
                            if atoms.get(j + 1).is_some_and(|a| matches!(a.kind, Kind::Word)) { j + 2 } else { j + 1 };
                        if atoms.get(body).and_then(|a| a.group(Delimiter::Brace)).is_some() {
                            return body + 1;
                        }
                    }
                    break;
                }
                _ => break,
            }
        }
        if block_like {
            return self.block_end(atoms, i, conditional).unwrap_or(n);
        }
        atoms[i..].iter().position(|a| a.is_role(Role::Semi)).map_or(n, |k| i + k + 1)
    }

    /// The end of a block-like construct starting at `i`: its first block (or `;`), the
    /// `else` branches of an `if`, and a `;` after it. Braces in an `if let` pattern are
    /// not its block, nor are those of a const generic argument (`Thing<{ N }>`).
    fn block_end(&self, atoms: &[Atom], i: usize, conditional: bool) -> Option<usize> {
        let mut in_pattern = false;
        let mut generics = 0usize;
        // A keyword that takes an expression before its block (`if`, `while`, `match`,
        // `for`) may find block-like expressions there, each with a block of its own:
        // `if match x { .. } { .. }`. The blocks still to come:
        let nested = atoms.get(i).is_some_and(|a| {
            matches!(a.kind, Kind::Keyword) && matches!(self.text(a), "if" | "while" | "match" | "for")
        });
        let mut pending = 1usize;
        let mut k = i;
        while let Some(atom) = atoms.get(k) {
            match &atom.kind {
                Kind::Op(_, Role::Semi) => return Some(k + 1),
                Kind::Keyword => {
                    let inner = nested && k > i && !self.is_keyword(&atoms[k - 1], "else");
                    let block_follows = || {
                        let next = atoms.get(k + 1).filter(|a| !self.is_keyword(a, "move")).or(atoms.get(k + 2));
                        next.is_some_and(|a| a.group(Delimiter::Brace).is_some())
                    };
                    let text = self.text(atom);
                    let opens_block = match text {
                        // An `else` in the condition has a block of its own (the `else` of the
                        // statement's own `if` comes after its block, where none is pending).
                        "if" | "match" | "while" | "for" | "loop" | "unsafe" | "else" => true,
                        "const" | "async" => block_follows(),
                        // A labelled block, `'a: { ... }`.
                        label if label.starts_with('\'') => {
                            atoms.get(k + 1).is_some_and(|a| a.is_role(Role::Colon))
                                && atoms.get(k + 2).is_some_and(|a| a.group(Delimiter::Brace).is_some())
                        }
                        _ => false,
                    };
                    if inner && opens_block {
                        pending += 1;
                    }
                    // Patterns, whose braces are no blocks: after `let` up to `=`, after the
                    // `for` of a loop (not of `for<'a>`) up to `in`.
                    let binder = atoms.get(k + 1).is_some_and(|a| a.is_op("<"));
                    match text {
                        "let" if conditional || inner => in_pattern = true,
                        "for" if (k == i || inner) && !binder => in_pattern = true,
                        "in" => in_pattern = false,
                        _ => {}
                    }
                }
                Kind::Op(_, Role::GenericOpen) => generics += 1,
                Kind::Op(_, Role::GenericClose) => generics = generics.saturating_sub(1),
                Kind::Group(Delimiter::Brace, _) if generics > 0 => {}
                Kind::Op("=", _) => in_pattern = false,
                // `if {} {}`, `match a + { b } {}`: a block where a value is expected is an
                // expression, not the keyword's block.
                Kind::Group(Delimiter::Brace, _) if k > i && self.expects_value(&atoms[k - 1]) => {}
                Kind::Group(Delimiter::Brace, _) if !in_pattern => {
                    pending -= 1;
                    if pending > 0 {
                        k += 1;
                        continue;
                    }
                    let next = atoms.get(k + 1);
                    if conditional && next.is_some_and(|a| self.is_keyword(a, "else")) {
                        pending = 1;
                        k += 2;
                        continue;
                    }
                    let end = k + 1;
                    return Some(if next.is_some_and(|a| a.is_role(Role::Semi)) { end + 1 } else { end });
                }
                _ => {}
            }
            k += 1;
        }
        None
    }

    /// One statement, item, field or arm: its attributes on lines of their own, then its
    /// tokens.
    fn statement(&mut self, atoms: &[Atom]) {
        let mut i = 0;
        loop {
            match (atoms.get(i), atoms.get(i + 1), atoms.get(i + 2)) {
                (Some(pound), Some(bang), Some(group)) if pound.is_role(Role::Pound) && bang.is_op("!") => {
                    let Some(inner) = group.group(Delimiter::Bracket) else { break };
                    self.attribute(true, inner);
                    i += 3;
                }
                (Some(pound), Some(group), _) if pound.is_role(Role::Pound) => {
                    let Some(inner) = group.group(Delimiter::Bracket) else { break };
                    self.attribute(false, inner);
                    i += 2;
                }
                _ => break,
            }
        }
        self.sequence(&atoms[i..], false);
    }

    /// An attribute, followed by a line break; `doc` attributes as doc comments.
    fn attribute(&mut self, inner: bool, atoms: &[Atom]) {
        if let [name, eq, value] = atoms {
            if self.text(name) == "doc" && eq.is_op("=") && matches!(value.kind, Kind::Literal) {
                let literal = self.text(value);
                // Most doc lines have nothing escaped (raw literals, as the emitter and
                // `quote!` write them): written from the arena, where the literal already
                // is, without unescaping a copy.
                if let Some((offset, len)) = verbatim_body(literal) {
                    let body = &literal[offset..offset + len];
                    if memchr::memchr2(b'\n', b'\r', body.as_bytes()).is_none() && !body.starts_with('/') {
                        self.cmds.push(Cmd::Str(if inner { "//!" } else { "///" }));
                        self.cmds.push(Cmd::Text(value.start + offset as u32, len as u32));
                        self.push(Cmd::HardLine);
                        return;
                    }
                }
                let text = unescape(literal);
                if let Some(text) = text.filter(|t| !t.contains(['\n', '\r']) && !t.starts_with('/')) {
                    let start = self.arena.len();
                    self.arena.push_str(if inner { "//!" } else { "///" });
                    self.arena.push_str(&text);
                    self.cmds.push(Cmd::Text(start as u32, (self.arena.len() - start) as u32));
                    self.push(Cmd::HardLine);
                    return;
                }
            }
        }
        self.cmds.push(Cmd::Str(if inner { "#![" } else { "#[" }));
        // Attribute arguments are lists like any other, except that a trailing comma is never
        // added: attributes keep their tokens (`derive(A, B,)` still prints as `derive(A, B)`).
        self.in_attribute = true;
        self.sequence(atoms, false);
        self.in_attribute = false;
        self.cmds.push(Cmd::Str("]"));
        self.push(Cmd::HardLine);
    }

    /// Tokens on one line, groups broken when they do not fit; a method chain of two calls or
    /// more, or a condition of `&&`/`||`, breaks before each `.call()` or operator when the
    /// whole does not fit. `verbatim` (macro arguments): commas stay as written.
    fn sequence(&mut self, atoms: &[Atom], verbatim: bool) {
        let is_break = |i: usize| -> bool {
            let atom = &atoms[i];
            if atom.is_role(Role::Dot) {
                matches!(atoms.get(i + 1).map(|a| &a.kind), Some(Kind::Word))
                    && atoms.get(i + 2).and_then(|a| a.group(Delimiter::Parenthesis)).is_some()
            } else {
                atom.is_op("&&") || atom.is_op("||") && atom.is_role(Role::Binary)
            }
        };
        let breaks = if verbatim { 0 } else { (1..atoms.len()).filter(|&i| is_break(i)).count() };
        let chained = breaks >= 2;
        if chained {
            self.begin(false);
        }
        let mut indented = false;
        // What a brace group here holds depends on the keyword before it: the keywords whose
        // block is still to come, innermost last (`match loop { x } { arms }`), each with what
        // its block holds, whether it is a strong one (see below), and whether it takes an
        // expression before its block (`match`, `if`, `while`, `for`), in which a block-like
        // expression opens a block of its own.
        let mut controls: Vec<(Brace, bool, bool)> = Vec::new();
        // After a closure's `|...| -> T`: its body, a block, is still to come.
        let mut closure_body = false;
        let mut in_pattern = false;
        // Generic arguments break like a list; these are the ones open.
        let mut generics: Vec<bool> = Vec::new();
        // Inside a closure's parameters: how many generic lists were open at its `|` (a comma
        // in one opened since separates generic arguments, not parameters).
        let mut closure_params: Option<usize> = None;
        let mut line_before = false;
        for (i, atom) in atoms.iter().enumerate() {
            if std::mem::take(&mut line_before) {
            } else if i > 0 {
                if chained && is_break(i) {
                    if !indented {
                        self.cmds.push(Cmd::Indent);
                        indented = true;
                    }
                    self.cmds.push(if atom.is_role(Role::Dot) { Cmd::SoftLine } else { Cmd::Line });
                } else if self.space_between(&atoms[i - 1], atom) && !fragment_specifier(atoms, i)
                    || self.dot_after_integer(atoms, i)
                {
                    self.cmds.push(Cmd::Space);
                }
            }
            match &atom.kind {
                Kind::Word | Kind::Literal => self.atom_text(atom),
                Kind::Keyword => {
                    self.atom_text(atom);
                    let keyword = self.text(atom);
                    let (brace, strong) = match keyword {
                        // `fn(u8) -> u8`, a function pointer's type, has no block.
                        "fn" if atoms.get(i + 1).is_some_and(|a| a.group(Delimiter::Parenthesis).is_some()) => continue,
                        "fn" => (Brace::Block, true),
                        "impl" | "trait" | "mod" => (Brace::Items, true),
                        "struct" | "enum" => (Brace::Fields, true),
                        "match" => (Brace::Arms, true),
                        "if" | "while" | "for" | "loop" | "else" | "unsafe" | "async" | "move" => (Brace::Block, false),
                        // `const { ... }`, an inline const block.
                        "const" if atoms.get(i + 1).is_some_and(|a| a.group(Delimiter::Brace).is_some()) => {
                            (Brace::Block, false)
                        }
                        "let" => {
                            in_pattern = !controls.is_empty();
                            continue;
                        }
                        "in" => {
                            in_pattern = false;
                            continue;
                        }
                        _ => continue,
                    };
                    let block_like =
                        matches!(keyword, "loop" | "if" | "match" | "while" | "for" | "unsafe" | "async" | "const");
                    let expression = matches!(keyword, "match" | "if" | "while" | "for");
                    if keyword == "else" {
                        // The block of the `if` before it is done: `else`, or `else if`, opens
                        // one more (`match if x {} else { x } { arms }`).
                        controls.push((brace, strong, false));
                        continue;
                    }
                    if keyword == "if" && i > 0 && self.is_keyword(&atoms[i - 1], "else") {
                        controls.pop();
                        controls.push((brace, strong, expression));
                        continue;
                    }
                    // A loop's pattern, up to `in` (`for S { x } in items {}`).
                    let loop_pattern = keyword == "for" && !atoms.get(i + 1).is_some_and(|a| a.is_op("<"));
                    if block_like && controls.last().is_some_and(|&(_, _, takes_expression)| takes_expression) {
                        // `match loop { x } { arms }`: a block-like scrutinee or condition.
                        controls.push((brace, strong, expression));
                        in_pattern |= loop_pattern;
                        continue;
                    }
                    let keep = match controls.last() {
                        Some((_, true, _)) => true,
                        Some((_, false, _)) => !strong,
                        None => false,
                    };
                    // `for` in `impl Trait for Type` does not start a loop.
                    if !keep {
                        controls.pop();
                        controls.push((brace, strong, expression));
                        in_pattern |= loop_pattern;
                    }
                }
                Kind::Op(op, role) => match role {
                    Role::GenericOpen => {
                        self.cmds.push(Cmd::Str("<"));
                        // Only a list of several arguments breaks.
                        // Generic parameters of a declaration stay on its line: the
                        // parameters or generic arguments after them break instead.
                        let declaration = i >= 1 && self.is_keyword(&atoms[i - 1], "impl")
                            || i >= 2
                                && matches!(atoms[i - 2].kind, Kind::Keyword)
                                && matches!(self.text(&atoms[i - 2]), "fn" | "struct" | "enum" | "trait" | "type");
                        let qualified = self.starts_qualified_path(i.checked_sub(1).map(|p| &atoms[p]));
                        let list = !verbatim && !declaration && !qualified && generic_list(&atoms[i + 1..]);
                        if list {
                            if self.returned_type_starts(&atoms[..i]) {
                                self.cmds.push(Cmd::Sticky);
                            }
                            self.begin(false);
                            self.cmds.push(Cmd::Indent);
                            self.cmds.push(Cmd::SoftLine);
                        }
                        generics.push(list);
                    }
                    Role::GenericClose if !generics.is_empty() => {
                        if generics.pop() == Some(true) {
                            self.close_generics();
                        }
                        self.cmds.push(Cmd::Str(">"));
                    }
                    Role::InnerComma
                        if generics.last() == Some(&true)
                            && closure_params.is_none_or(|open| generics.len() > open) =>
                    {
                        if atoms.get(i + 1).is_some_and(|a| a.is_role(Role::GenericClose)) && !self.keep_commas {
                            // A trailing comma: the list prints its own when broken.
                            line_before = true;
                            continue;
                        }
                        self.cmds.push(Cmd::Str(","));
                        self.cmds.push(Cmd::Line);
                        line_before = true;
                    }
                    _ => {
                        self.cmds.push(Cmd::Str(op));
                        match role {
                            Role::ClosureOpen => closure_params = Some(generics.len()),
                            Role::ClosureClose | Role::ClosureEmpty => {
                                closure_params = None;
                                // `|x| -> T { ... }`: the brace after the return type is the
                                // body, whatever the type ends with.
                                let returns = atoms.get(i + 1).is_some_and(|a| a.is_op("->"));
                                controls.clear();
                                if returns {
                                    controls.push((Brace::Block, true, false));
                                }
                                closure_body = returns;
                            }
                            _ if *op == "=" => {
                                in_pattern = false;
                                // `static X: impl Trait = match x { .. }`: what follows `=` is an
                                // expression, the item keywords before it were in its type.
                                if generics.is_empty() {
                                    while controls
                                        .last()
                                        .is_some_and(|&(brace, strong, _)| strong && brace != Brace::Arms)
                                    {
                                        controls.pop();
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                },
                Kind::Group(delimiter, inner) => {
                    let prev = i.checked_sub(1).map(|p| &atoms[p]);
                    let macro_args = verbatim || prev.is_some_and(|p| p.is_role(Role::Bang));
                    match delimiter {
                        Delimiter::Brace => {
                            let macro_definition = i >= 2
                                && atoms[i - 2].is_role(Role::Bang)
                                && prev.is_some_and(|p| matches!(p.kind, Kind::Word));
                            // `match { x } { arms }`, `if a == { x } {}`: a block where a value is
                            // expected is an expression (the scrutinee or condition), not the
                            // block that the keyword opens.
                            let labelled = i >= 2
                                && prev.is_some_and(|p| p.is_role(Role::Colon))
                                && matches!(atoms[i - 2].kind, Kind::Keyword)
                                && self.text(&atoms[i - 2]).starts_with('\'');
                            let scrutinee =
                                !controls.is_empty() && (labelled || prev.is_some_and(|p| self.expects_value(p)));
                            // `Thing<3, { N + 1 }>`: a const argument, on its line when it fits,
                            // not the block of the `impl` or `fn` the generics are in.
                            let const_argument = !generics.is_empty() && !macro_args;
                            if const_argument {
                                self.brace(inner, Brace::Literal, true);
                                continue;
                            }
                            // `|| -> u8 { 0 }`: a closure's body of one expression, on its line
                            // when it fits (with the commas it has).
                            let expression = !inner.iter().any(|a| a.is_role(Role::Semi));
                            if std::mem::take(&mut closure_body) && expression && !macro_args {
                                controls.pop();
                                self.brace(inner, Brace::Literal, true);
                                continue;
                            }
                            let brace = if macro_definition {
                                // `macro_rules! name { rule; rule }`
                                Brace::Block
                            } else if macro_args {
                                Brace::Literal
                            } else if prev.is_some_and(|p| p.is_role(Role::Path)) {
                                Brace::UseTree
                            } else if in_pattern {
                                Brace::Literal
                            } else if scrutinee {
                                Brace::Block
                            } else if let Some(&(brace, ..)) = controls.last() {
                                brace
                            } else if prev
                                .is_some_and(|p| matches!(p.kind, Kind::Word) || p.is_role(Role::GenericClose))
                            {
                                Brace::Literal
                            } else {
                                Brace::Block
                            };
                            let keep_commas = self.keep_commas;
                            self.keep_commas = keep_commas || macro_definition;
                            self.brace(inner, brace, macro_args || self.keep_commas);
                            self.keep_commas = keep_commas;
                            if brace != Brace::Literal && !scrutinee {
                                // The block of a keyword that took this one as its expression is
                                // still to come.
                                controls.pop();
                                in_pattern = false;
                            }
                        }
                        Delimiter::Bracket
                            if prev.is_some_and(|p| p.is_role(Role::Pound))
                                || prev.is_some_and(|p| p.is_op("!"))
                                    && i >= 2
                                    && atoms[i - 2].is_role(Role::Pound) =>
                        {
                            // An attribute among other tokens (in a macro's body).
                            self.cmds.push(Cmd::Str("["));
                            let in_attribute = std::mem::replace(&mut self.in_attribute, true);
                            self.sequence(inner, verbatim);
                            self.in_attribute = in_attribute;
                            self.cmds.push(Cmd::Str("]"));
                        }
                        _ => {
                            // Not after `impl<T>` or `for<'a>`: `impl<T> (A, B)` is a type.
                            let call = prev.is_some_and(Atom::ends_value) && !self.closes_binder(&atoms[..i]);
                            self.delimited(*delimiter, inner, call, macro_args || self.keep_commas);
                        }
                    }
                }
            }
        }
        for list in generics {
            if list {
                self.close_generics();
            }
        }
        if chained {
            if indented {
                self.cmds.push(Cmd::Dedent);
            }
            self.end();
        }
    }

    /// Whether `atoms[i]` is a `.` after an integer that no field or method name follows, which
    /// written together would lex as a float (`m!(1 .)` is no `m!(1.)`).
    fn dot_after_integer(&self, atoms: &[Atom], i: usize) -> bool {
        let integer = i > 0
            && matches!(atoms[i - 1].kind, Kind::Literal)
            && self.text(&atoms[i - 1]).bytes().all(|b| b.is_ascii_digit() || b == b'_');
        // `x.0.1` lexes as `x`, `.`, `0.1`, which is the same to the parser.
        let name = |a: &Atom| matches!(a.kind, Kind::Word | Kind::Keyword | Kind::Literal);
        integer && atoms[i].is_op(".") && !atoms.get(i + 1).is_some_and(name)
    }

    /// Whether a value is expected after this atom, so that a block there is an expression:
    /// after `match`, `if`, `while`, `in` or an operator (not `!`, the never type as often:
    /// `impl Trait for ! {}`).
    fn expects_value(&self, atom: &Atom) -> bool {
        match atom.kind {
            Kind::Keyword => matches!(self.text(atom), "match" | "if" | "while" | "in"),
            Kind::Op(op, role) => op != "!" && matches!(role, Role::Binary | Role::Range | Role::Unary),
            _ => false,
        }
    }

    /// Whether `before` ends with the `>` of generics opened after `impl` or `for`.
    fn closes_binder(&self, before: &[Atom]) -> bool {
        if !before.last().is_some_and(|a| a.is_role(Role::GenericClose)) {
            return false;
        }
        let mut depth = 0usize;
        for (index, atom) in before.iter().enumerate().rev() {
            match atom.kind {
                Kind::Op(_, Role::GenericClose) => depth += 1,
                Kind::Op(_, Role::GenericOpen) => {
                    depth -= 1;
                    if depth == 0 {
                        return index > 0
                            && (self.is_keyword(&before[index - 1], "impl")
                                || self.is_keyword(&before[index - 1], "for"));
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Whether the generic arguments opening after `before` are those of a function's return
    /// type: the type's path follows `->`, or `-> impl` (a returned `impl Future<Output = T>`).
    fn returned_type_starts(&self, before: &[Atom]) -> bool {
        let path = before.iter().rev().take_while(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path)).count();
        let Some(rest) = before.len().checked_sub(path).filter(|_| path > 0).map(|end| &before[..end]) else {
            return false;
        };
        let rest = match rest.split_last() {
            Some((last, rest)) if self.is_keyword(last, "impl") => rest,
            _ => rest,
        };
        rest.last().is_some_and(|a| a.is_op("->"))
    }

    fn close_generics(&mut self) {
        if !self.keep_commas {
            self.cmds.push(Cmd::IfBroken(","));
        }
        self.cmds.push(Cmd::Dedent);
        self.cmds.push(Cmd::SoftLine);
        self.end();
    }

    fn space_between(&self, prev: &Atom, next: &Atom) -> bool {
        if let (Kind::Op(before, _), Kind::Op(after, _)) = (&prev.kind, &next.kind) {
            // Marks that would lex as one operator written together: an `=` after `..` (`if
            // let 1.. = x` is no `..=`) or after the never type (`static X: ! = x`), `: :` in
            // a macro's arguments. Written together, the first operator would take marks of
            // the second: an operator of `GLUED_PAIRS`, or one that regroups the marks (`| |=`
            // is no `||` and `=`). `& &x` and `Vec<<T as Trait>::X>` are written together.
            let pair = [before.chars().last().unwrap_or(' '), after.chars().next().unwrap_or(' ')];
            let joined: Vec<char> = before.chars().chain(after.chars()).collect();
            let merges = longest_operator(&joined).is_some_and(|op| op.len() > before.len());
            if merges && (after.len() > 1 || GLUED_PAIRS.contains(&pair)) {
                return true;
            }
        }
        let after_never = match prev.kind {
            Kind::Op(op, role) => {
                matches!(
                    role,
                    Role::Path
                        | Role::Dot
                        | Role::Unary
                        | Role::Bang
                        | Role::Pound
                        | Role::GenericOpen
                        | Role::ClosureOpen
                ) || (role == Role::Range && op != "...")
            }
            _ => false,
        };
        if after_never {
            // The never type before a block or a keyword: `*const ! {`, `<! as Trait>`.
            let never_type = prev.is_op("!") && matches!(next.kind, Kind::Group(Delimiter::Brace, _) | Kind::Keyword);
            // `macro_rules! name`
            return never_type || matches!(prev.kind, Kind::Op(_, Role::Bang)) && matches!(next.kind, Kind::Word);
        }
        let prev_always = match prev.kind {
            Kind::Keyword => true,
            Kind::Op(_, role) => matches!(
                role,
                Role::Comma
                    | Role::InnerComma
                    | Role::Semi
                    | Role::Colon
                    | Role::Binary
                    | Role::ClosureClose
                    | Role::ClosureEmpty
            ),
            _ => false,
        };
        match &next.kind {
            Kind::Group(Delimiter::Brace, _) => true,
            Kind::Group(..) => prev_always && !self.is_keyword(prev, "pub") && !self.is_keyword(prev, "fn"),
            Kind::Op(op, role) => match role {
                Role::Comma | Role::InnerComma | Role::Semi | Role::Colon | Role::Dot | Role::Question | Role::Bang => {
                    false
                }
                // A qualified path after an operator or a keyword (`= <T as Trait>::f`,
                // `return <T>::f`); generics follow their name or `impl`/`for` directly.
                Role::GenericOpen => {
                    self.starts_qualified_path(Some(prev)) && (prev_always || matches!(prev.kind, Kind::Keyword))
                }
                Role::GenericClose | Role::ClosureClose => false,
                Role::Path => prev_always,
                Role::Range => !prev.ends_value(),
                Role::Binary | Role::ClosureEmpty => true,
                _ => {
                    // Punctuation that would lex as one token with the previous one.
                    if let Kind::Op(prev_op, _) = prev.kind {
                        let pair = [prev_op.chars().last().unwrap_or(' '), op.chars().next().unwrap_or(' ')];
                        if matches!(pair, ['<', '<'] | ['/', '/'] | ['/', '*'] | ['.', '.'] | [_, '=']) {
                            return true;
                        }
                    }
                    true
                }
            },
            _ => true,
        }
    }

    /// A parenthesised or bracketed list: on one line when it fits, else one element per
    /// line with a trailing comma where one is allowed.
    fn delimited(&mut self, delimiter: Delimiter, atoms: &[Atom], call: bool, verbatim: bool) {
        let (open, close) = if delimiter == Delimiter::Parenthesis { ("(", ")") } else { ("[", "]") };
        if atoms.is_empty() {
            self.cmds.push(Cmd::Str(open));
            self.cmds.push(Cmd::Str(close));
            return;
        }
        let (elements, trailing) = split_commas(atoms);
        if let ([only], false) = (elements.as_slice(), trailing) {
            if call && !verbatim && !self.in_attribute && delimiter == Delimiter::Parenthesis && struct_literal(only) {
                // The only argument is a struct literal: as rustfmt does, the call stays on
                // its line and the literal breaks (`Ok(Request {` ... `})`), rather than the
                // literal moving to a line of its own.
                self.cmds.push(Cmd::Str(open));
                self.statement(only);
                self.cmds.push(Cmd::Str(close));
                return;
            }
        }
        let trailing = if verbatim {
            trailing.then_some(Cmd::Str(","))
        } else if self.in_attribute {
            trailing.then_some(Cmd::IfBroken(","))
        } else if trailing && elements.len() == 1 {
            // A one-element tuple.
            Some(Cmd::Str(","))
        } else if elements.len() > 1 || trailing {
            Some(Cmd::IfBroken(","))
        } else {
            // Call arguments take a trailing comma; a parenthesised expression, an index, a
            // slice type `[T]` or an array `[x; n]` does not.
            let arguments = delimiter == Delimiter::Parenthesis && call;
            arguments.then_some(Cmd::IfBroken(","))
        };
        self.list(open, close, &elements, trailing, Cmd::SoftLine, verbatim);
    }

    fn list(
        &mut self,
        open: &'static str,
        close: &'static str,
        elements: &[&[Atom]],
        trailing: Option<Cmd>,
        line: Cmd,
        verbatim: bool,
    ) {
        self.cmds.push(Cmd::Str(open));
        self.begin(false);
        self.cmds.push(Cmd::Indent);
        self.cmds.push(line);
        for (index, element) in elements.iter().enumerate() {
            if index > 0 {
                self.cmds.push(Cmd::Str(","));
                self.cmds.push(Cmd::Line);
            }
            if verbatim {
                self.sequence(element, true);
            } else {
                self.statement(element);
            }
        }
        if let Some(trailing) = trailing {
            self.cmds.push(trailing);
        }
        self.cmds.push(Cmd::Dedent);
        self.cmds.push(line);
        self.end();
        self.cmds.push(Cmd::Str(close));
    }

    fn brace(&mut self, atoms: &[Atom], brace: Brace, verbatim: bool) {
        if atoms.is_empty() {
            self.cmds.push(Cmd::Str("{}"));
            return;
        }
        match brace {
            Brace::Literal | Brace::UseTree => {
                let (elements, trailing) = split_commas(atoms);
                let rest = elements.last().and_then(|e| e.first()).is_some_and(|a| a.is_role(Role::Range));
                let trailing = if verbatim {
                    trailing.then_some(Cmd::Str(","))
                } else if rest {
                    None
                } else {
                    Some(Cmd::IfBroken(","))
                };
                let line = if brace == Brace::UseTree { Cmd::SoftLine } else { Cmd::Line };
                self.list("{", "}", &elements, trailing, line, verbatim);
            }
            Brace::Block | Brace::Items => {
                self.cmds.push(Cmd::Str("{"));
                self.begin(true);
                self.cmds.push(Cmd::Indent);
                self.push(Cmd::HardLine);
                self.statements(atoms, if brace == Brace::Items { List::Items } else { List::Statements });
                self.cmds.push(Cmd::Dedent);
                self.push(Cmd::HardLine);
                self.end();
                self.cmds.push(Cmd::Str("}"));
            }
            Brace::Fields => {
                self.cmds.push(Cmd::Str("{"));
                self.begin(true);
                self.cmds.push(Cmd::Indent);
                let (elements, trailing) = split_commas(atoms);
                let count = elements.len();
                for (index, element) in elements.into_iter().enumerate() {
                    self.push(Cmd::HardLine);
                    self.statement(element);
                    if !verbatim || index + 1 < count || trailing {
                        self.cmds.push(Cmd::Str(","));
                    }
                }
                self.cmds.push(Cmd::Dedent);
                self.push(Cmd::HardLine);
                self.end();
                self.cmds.push(Cmd::Str("}"));
            }
            Brace::Arms => {
                self.cmds.push(Cmd::Str("{"));
                self.begin(true);
                self.cmds.push(Cmd::Indent);
                let mut start = 0;
                while start < atoms.len() {
                    let end = self.arm_end(atoms, start).max(start + 1);
                    let mut arm = &atoms[start..end];
                    let comma = arm.last().is_some_and(|a| a.is_role(Role::Comma));
                    if comma {
                        arm = &arm[..arm.len() - 1];
                    }
                    self.push(Cmd::HardLine);
                    self.arm(arm, comma || !verbatim, verbatim);
                    start = end;
                }
                self.cmds.push(Cmd::Dedent);
                self.push(Cmd::HardLine);
                self.end();
                self.cmds.push(Cmd::Str("}"));
            }
        }
    }

    /// A match arm; a body that does not fit after the `=>` goes on the next line. The comma
    /// after a block is dropped, as rustfmt drops it, unless the commas are `verbatim` (a
    /// macro's).
    fn arm(&mut self, arm: &[Atom], comma: bool, verbatim: bool) {
        let comma = if comma { Cmd::Str(",") } else { Cmd::Str("") };
        let Some(arrow) = arm.iter().position(|a| a.is_op("=>")) else {
            self.statement(arm);
            self.cmds.push(comma);
            return;
        };
        self.statement(&arm[..=arrow]);
        let body = &arm[arrow + 1..];
        let block_like = match body.first().map(|a| &a.kind) {
            Some(Kind::Group(Delimiter::Brace, _)) => true,
            Some(Kind::Keyword) => {
                matches!(self.text(&body[0]), "if" | "match" | "loop" | "while" | "for" | "unsafe" | "async")
            }
            _ => false,
        };
        if block_like {
            self.cmds.push(Cmd::Space);
            self.sequence(body, false);
            let block = body.len() == 1;
            if !block || verbatim {
                self.cmds.push(comma);
            }
            return;
        }
        self.begin(false);
        self.cmds.push(Cmd::Indent);
        self.cmds.push(Cmd::Line);
        self.sequence(body, false);
        self.cmds.push(comma);
        self.cmds.push(Cmd::Dedent);
        self.end();
    }

    /// The end of the match arm starting at `start`, after its comma if it has one.
    fn arm_end(&self, atoms: &[Atom], start: usize) -> usize {
        let n = atoms.len();
        let Some(arrow) = atoms[start..].iter().position(|a| a.is_op("=>")).map(|p| start + p) else { return n };
        let body = arrow + 1;
        let with_comma =
            |end: usize| if atoms.get(end).is_some_and(|a| a.is_role(Role::Comma)) { end + 1 } else { end };
        let comma_end =
            |from: usize| atoms[from..].iter().position(|a| a.is_role(Role::Comma)).map_or(n, |k| from + k + 1);
        match atoms.get(body) {
            None => n,
            Some(Atom { kind: Kind::Group(Delimiter::Brace, _), .. }) => with_comma(body + 1),
            Some(atom)
                if matches!(atom.kind, Kind::Keyword)
                    && matches!(self.text(atom), "if" | "match" | "loop" | "while" | "for" | "unsafe") =>
            {
                let conditional = matches!(self.text(atom), "if" | "while");
                match self.block_end(atoms, body, conditional) {
                    Some(end) if atoms.get(end).is_none_or(|a| a.is_role(Role::Comma) || self.starts_arm(a)) => {
                        with_comma(end)
                    }
                    _ => comma_end(body),
                }
            }
            Some(_) => comma_end(body),
        }
    }

    /// Whether an atom after a block-like arm body starts another arm rather than continuing
    /// the body (`.method()`, `?`, an operator).
    fn starts_arm(&self, atom: &Atom) -> bool {
        !matches!(atom.kind, Kind::Op(_, Role::Dot | Role::Question | Role::Binary | Role::Range))
            && !self.is_keyword(atom, "as")
    }

    fn render(&self, out: &mut String) {
        let mut column = 0usize;
        let mut indent = 0usize;
        // What each open indentation added: nothing in a flat group, whose lines are
        // only those of the blocks inside it.
        let mut indents: Vec<usize> = Vec::new();
        let mut line_start = true;
        let mut modes: Vec<bool> = Vec::new();
        let newline = |out: &mut String, line_start: &mut bool, column: &mut usize| {
            out.push('\n');
            *line_start = true;
            *column = 0;
        };
        for (index, cmd) in self.cmds.iter().enumerate() {
            let flat = modes.last().copied().unwrap_or(false);
            let text: &str = match *cmd {
                Cmd::Text(start, len) => &self.arena[start as usize..(start + len) as usize],
                Cmd::Str(text) => text,
                Cmd::IfBroken(text) if !flat => text,
                Cmd::Space if !line_start => " ",
                Cmd::Line if flat => " ",
                Cmd::Line | Cmd::SoftLine if !flat => {
                    newline(out, &mut line_start, &mut column);
                    continue;
                }
                Cmd::HardLine => {
                    newline(out, &mut line_start, &mut column);
                    continue;
                }
                Cmd::BlankLine => {
                    out.push('\n');
                    newline(out, &mut line_start, &mut column);
                    continue;
                }
                Cmd::Indent => {
                    let step = if flat { 0 } else { INDENT };
                    indents.push(step);
                    indent += step;
                    continue;
                }
                Cmd::Dedent => {
                    indent -= indents.pop().unwrap_or(0);
                    continue;
                }
                Cmd::Begin { broken } => {
                    let at = if line_start { indent } else { column };
                    modes.push(!broken && (flat || self.fits(index, WIDTH.saturating_sub(at))));
                    continue;
                }
                Cmd::End => {
                    modes.pop();
                    continue;
                }
                _ => continue,
            };
            if line_start {
                push_indent(out, indent);
                column = indent;
                line_start = false;
            }
            out.push_str(text);
            column += text.len();
        }
    }

    /// Whether the group starting at `index` fits flat in `room` columns, with what follows
    /// it up to the next possible line break.
    fn fits(&self, index: usize, room: usize) -> bool {
        let mut width = 0;
        let mut depth = 0usize;
        let mut after = false;
        // After the group: inside a sticky group (its depth), whose lines count as flat.
        let mut sticky: Option<usize> = None;
        let mut sticky_next = false;
        for cmd in &self.cmds[index + 1..] {
            if after && (sticky.is_some() || sticky_next) {
                match *cmd {
                    Cmd::Begin { broken: false } => {
                        sticky = Some(sticky.map_or(1, |d| d + 1));
                        sticky_next = false;
                        continue;
                    }
                    Cmd::End => {
                        sticky = sticky.and_then(|d| d.checked_sub(1)).filter(|&d| d > 0);
                        continue;
                    }
                    Cmd::Line if sticky.is_some() => {
                        width += 1;
                        continue;
                    }
                    Cmd::SoftLine if sticky.is_some() => continue,
                    _ => {}
                }
            }
            match *cmd {
                Cmd::Text(_, len) => width += len as usize,
                Cmd::Str(text) => width += text.len(),
                Cmd::IfBroken(text) if after && sticky.is_none() => width += text.len(),
                Cmd::Sticky if after => sticky_next = true,
                Cmd::Space => width += 1,
                Cmd::Line if !after => width += 1,
                Cmd::Line | Cmd::SoftLine if after => return true,
                Cmd::HardLine | Cmd::BlankLine | Cmd::Begin { broken: true } => return width <= room,
                Cmd::Begin { broken: false } if !after => depth += 1,
                Cmd::End if !after => {
                    if depth == 0 {
                        after = true;
                    } else {
                        depth -= 1;
                    }
                }
                _ => {}
            }
            if width > room {
                return false;
            }
        }
        true
    }
}

/// Whether the atoms end with a match arm's block: the arm ends there, and the next one's
/// pattern starts (`x => {} &y => {}`, `x => {} <T>::C => {}`, as they print without the comma
/// after a block that they may have had).
fn after_arm_block(out: &[Atom]) -> bool {
    matches!(out, [.., arrow, Atom { kind: Kind::Group(Delimiter::Brace, _), .. }] if arrow.is_op("=>"))
}

/// Spaces up to `indent`, in one copy rather than one push per space.
fn push_indent(out: &mut String, indent: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = indent;
    while left > 0 {
        let step = left.min(SPACES.len());
        out.push_str(&SPACES[..step]);
        left -= step;
    }
}

/// Whether the generic arguments after a `<` are several, separated by commas, or nest
/// generics: short ones (`Visitor<'de>`) stay on their line.
fn generic_list(atoms: &[Atom]) -> bool {
    let mut depth = 0usize;
    for atom in atoms {
        match atom.kind {
            Kind::Op(_, Role::GenericOpen) if depth == 0 => return true,
            Kind::Op(_, Role::GenericOpen) => depth += 1,
            Kind::Op(_, Role::GenericClose) if depth == 0 => return false,
            Kind::Op(_, Role::GenericClose) => depth -= 1,
            Kind::Op(_, Role::InnerComma) if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// Whether `atoms[i]` is the fragment specifier of a macro parameter (`ident` in
/// `$name:ident`), which rustfmt writes without a space after the colon.
fn fragment_specifier(atoms: &[Atom], i: usize) -> bool {
    i >= 3
        && atoms[i - 1].is_role(Role::Colon)
        && matches!(atoms[i - 2].kind, Kind::Word)
        && atoms[i - 3].is_op("$")
        && matches!(atoms[i].kind, Kind::Word)
}

/// Whether the atoms are a struct literal: a path (`Request`, `models::Item`) and its braces.
fn struct_literal(atoms: &[Atom]) -> bool {
    match atoms.split_last() {
        Some((last, [first, path @ ..])) => {
            last.group(Delimiter::Brace).is_some()
                && matches!(first.kind, Kind::Word)
                && path.iter().all(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path))
        }
        _ => false,
    }
}

/// The number of leading atoms that are outer attributes.
fn attributes_end(atoms: &[Atom]) -> usize {
    let mut i = 0;
    while atoms.get(i).is_some_and(|a| a.is_role(Role::Pound))
        && atoms.get(i + 1).and_then(|a| a.group(Delimiter::Bracket)).is_some()
    {
        i += 2;
    }
    i
}

/// The elements of a comma-separated list, and whether it ends with a comma.
fn split_commas(atoms: &[Atom]) -> (Vec<&[Atom]>, bool) {
    let mut elements = Vec::new();
    let mut start = 0;
    for (i, atom) in atoms.iter().enumerate() {
        if atom.is_role(Role::Comma) {
            elements.push(&atoms[start..i]);
            start = i + 1;
        }
    }
    let trailing = start == atoms.len() && !elements.is_empty();
    if !trailing {
        elements.push(&atoms[start..]);
    }
    (elements, trailing)
}

/// Where the value of a string literal is in its text when it is written as it is (a raw
/// string, or a string without escapes): offset and length.
fn verbatim_body(literal: &str) -> Option<(usize, usize)> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let len = literal.len().checked_sub(2 * hashes + 3)?;
        let closing = &literal[literal.len() - hashes - 1..];
        let closes = closing.starts_with('"') && closing[1..].bytes().all(|b| b == b'#');
        return (raw[hashes..].starts_with('"') && closes).then_some((hashes + 2, len));
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    (!body.contains('\\')).then_some((1, body.len()))
}

/// The value of a string literal, or `None` for another literal.
fn unescape(literal: &str) -> Option<String> {
    if let Some(raw) = literal.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes + 1..raw.len().checked_sub(hashes + 1)?)?;
        return Some(body.to_owned());
    }
    let body = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                let rest = chars.as_str();
                let close = rest.find('}')?;
                let code = u32::from_str_radix(rest.get(1..close)?, 16).ok()?;
                out.push(char::from_u32(code)?);
                chars = rest[close + 1..].chars();
            }
            '\n' => {
                let rest = chars.as_str().trim_start();
                chars = rest.chars();
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    /// Prints tokens, checks that printing the printed text again gives the same text.
    fn print(tokens: TokenStream) -> String {
        let printed = print_file(tokens);
        let reparsed: TokenStream = printed.parse().expect("the printed text lexes");
        assert_eq!(print_file(reparsed), printed, "printing is stable");
        printed
    }

    #[test]
    fn qualified_paths_open_where_a_value_is_expected() {
        let tokens = quote! {
            fn f(a: u8, b: u8) -> bool {
                let x = <u8 as Default>::default();
                let y = g(<u8 as Default>::default(), a < b);
                match x { 0 => <u8 as Default>::default() < a, _ => a<b && <u8>::MAX > b }
            }
            fn g() {
                if let Ok(variant) = <serde_json::Map<String, serde_json::Value> as Deserialize>::deserialize(&value) { return; }
            }
        };
        let expected = "\
fn f(a: u8, b: u8) -> bool {
    let x = <u8 as Default>::default();
    let y = g(<u8 as Default>::default(), a < b);
    match x {
        0 => <u8 as Default>::default() < a,
        _ => a < b && <u8>::MAX > b,
    }
}

fn g() {
    if let Ok(variant) = <serde_json::Map<String, serde_json::Value> as Deserialize>::deserialize(
        &value,
    ) {
        return;
    }
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn items_get_blank_lines_and_fields_one_per_line() {
        let tokens = quote! {
            #![doc = " The module."]
            use std::fmt;
            use std::collections::{BTreeMap, HashMap};
            #[doc = " A thing."]
            #[derive(Debug, Clone,)]
            pub struct Thing<'a, T: Clone> { pub name: &'a str, #[serde(default)] items: Vec<T>, }
            pub struct Unit;
            pub enum Kind { A, B(u8), C { x: u32 }, }
            impl<'a, T: Clone> Thing<'a, T> {
                pub const LIMIT: usize = 3;
                pub fn new(name: &'a str) -> Self { Self { name, items: Vec::new() } }
                fn len(&self) -> usize { self.items.len() }
            }
        };
        let expected = "\
//! The module.

use std::fmt;
use std::collections::{BTreeMap, HashMap};

/// A thing.
#[derive(Debug, Clone)]
pub struct Thing<'a, T: Clone> {
    pub name: &'a str,
    #[serde(default)]
    items: Vec<T>,
}

pub struct Unit;

pub enum Kind {
    A,
    B(u8),
    C { x: u32 },
}

impl<'a, T: Clone> Thing<'a, T> {
    pub const LIMIT: usize = 3;

    pub fn new(name: &'a str) -> Self {
        Self { name, items: Vec::new() }
    }

    fn len(&self) -> usize {
        self.items.len()
    }
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn statements_and_expressions_are_spaced_as_rustfmt_spaces_them() {
        let tokens = quote! {
            fn run(input: &[u8], limit: Option<usize>) -> Result<Vec<String>, Error> {
                let mut out = Vec::<String>::with_capacity(input.len());
                if let Some(limit) = limit { out.truncate(limit); } else if input.is_empty() { return Ok(out); } else { out.clear(); }
                for byte in &input[1..=2] { out.push(format!("{byte}")); }
                let kind = match input.first() { Some(b'a') | Some(b'b') => Kind::Letter, Some(&other) if other > 3 => { Kind::Other(other) } None => Kind::Empty, _ => Kind::Unknown };
                let parsed = input.iter().map(|b| *b as u32 + 1).filter(|n| n % 2 == 0 && *n != 4 && *n != 6).count();
                let negative = -1i64 * !0;
                let closure = move || -> u8 { 0 };
                let r: &'static str = r"raw";
                check(&mut out, b"bytes", 'c', 1.5)?;
                Ok(out)
            }
        };
        let expected = "\
fn run(input: &[u8], limit: Option<usize>) -> Result<Vec<String>, Error> {
    let mut out = Vec::<String>::with_capacity(input.len());
    if let Some(limit) = limit {
        out.truncate(limit);
    } else if input.is_empty() {
        return Ok(out);
    } else {
        out.clear();
    }
    for byte in &input[1..=2] {
        out.push(format!(\"{byte}\"));
    }
    let kind = match input.first() {
        Some(b'a') | Some(b'b') => Kind::Letter,
        Some(&other) if other > 3 => {
            Kind::Other(other)
        }
        None => Kind::Empty,
        _ => Kind::Unknown,
    };
    let parsed = input
        .iter()
        .map(|b| *b as u32 + 1)
        .filter(|n| n % 2 == 0 && *n != 4 && *n != 6)
        .count();
    let negative = -1i64 * !0;
    let closure = move || -> u8 { 0 };
    let r: &'static str = r\"raw\";
    check(&mut out, b\"bytes\", 'c', 1.5)?;
    Ok(out)
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn long_lists_break_one_element_per_line_with_a_trailing_comma() {
        let tokens = quote! {
            pub fn operation_with_a_long_name(first_parameter: FirstType, second_parameter: SecondType) -> Result<Response<models::SomeLongModelNameThatIsMuchLonger>, SomeLongOperationErrorThatIsMuchLonger> {
                call_something(first_parameter.into_the_wire_format(), second_parameter.into_the_wire_format(), 3)
            }
        };
        let expected = "\
pub fn operation_with_a_long_name(
    first_parameter: FirstType,
    second_parameter: SecondType,
) -> Result<
    Response<models::SomeLongModelNameThatIsMuchLonger>,
    SomeLongOperationErrorThatIsMuchLonger,
> {
    call_something(
        first_parameter.into_the_wire_format(),
        second_parameter.into_the_wire_format(),
        3,
    )
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn a_call_whose_only_argument_is_a_struct_literal_breaks_inside_the_literal() {
        let tokens = quote! {
            fn build(self) -> Result<Request, Error> {
                Ok(Request { operation_id: Self::OPERATION_ID, method: Self::METHOD, path_and_query: path, headers })
            }
            fn short() -> Option<Point> { Some(geometry::Point { x: 1, y: 2 }) }
            fn two() -> Pair { pair(Left { value: first_value_that_is_here_as_well }, Right { value: second_value_that_is_long_enough }) }
        };
        let expected = "\
fn build(self) -> Result<Request, Error> {
    Ok(Request {
        operation_id: Self::OPERATION_ID,
        method: Self::METHOD,
        path_and_query: path,
        headers,
    })
}

fn short() -> Option<Point> {
    Some(geometry::Point { x: 1, y: 2 })
}

fn two() -> Pair {
    pair(
        Left { value: first_value_that_is_here_as_well },
        Right { value: second_value_that_is_long_enough },
    )
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn a_long_signature_breaks_its_parameters_before_its_return_type() {
        let tokens = quote! {
            impl GetBackupRestoreJob {
                pub async fn send(&self, client: &runtime::Client) -> Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError> {
                    client.send(self).await
                }
                fn short(&self) -> Result<Vec<u8>, Error> { run() }
                pub fn call<'a>(&'a self, client: &'a runtime::Client) -> impl std::future::Future<Output = Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError>> + 'a {
                    runtime::call::send(self, client)
                }
            }
        };
        let expected = "\
impl GetBackupRestoreJob {
    pub async fn send(
        &self,
        client: &runtime::Client,
    ) -> Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError> {
        client.send(self).await
    }

    fn short(&self) -> Result<Vec<u8>, Error> {
        run()
    }

    pub fn call<'a>(
        &'a self,
        client: &'a runtime::Client,
    ) -> impl std::future::Future<
        Output = Result<Response<models::DiskBackupSnapshotRestoreJob>, GetBackupRestoreJobError>,
    > + 'a {
        runtime::call::send(self, client)
    }
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn macro_parameters_keep_their_fragment_specifiers_attached() {
        let tokens = quote! {
            macro_rules! describe {
                ($name:ident, $text:expr) => {
                    impl $name { const TEXT: &str = $text; }
                };
            }
        };
        let expected = "\
macro_rules! describe {
    ($name:ident, $text:expr) => {
        impl $name {
            const TEXT: &str = $text;
        }
    };
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn a_closure_block_in_the_last_argument_keeps_the_call_on_its_line() {
        let tokens = quote! {
            fn f() { items.iter().for_each(|item| { consume(item); }); (x,); (y) }
        };
        let expected = "\
fn f() {
    items.iter().for_each(|item| {
        consume(item);
    });
    (x,);
    (y)
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn long_arm_bodies_and_cfg_attributes() {
        let tokens = quote! {
            #[cfg(feature = "extra")]
            impl From<&str> for Value {
                fn from(value: &str) -> Self {
                    match value {
                        "A_VERY_LONG_WIRE_VALUE_THAT_TAKES_MOST_OF_THE_LINE" => Self::AVeryLongWireValueThatTakesMostOfTheLine,
                        other => Self::Unknown(other.to_owned()),
                    }
                }
            }
        };
        let expected = "\
#[cfg(feature = \"extra\")]
impl From<&str> for Value {
    fn from(value: &str) -> Self {
        match value {
            \"A_VERY_LONG_WIRE_VALUE_THAT_TAKES_MOST_OF_THE_LINE\" =>
                Self::AVeryLongWireValueThatTakesMostOfTheLine,
            other => Self::Unknown(other.to_owned()),
        }
    }
}
";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn doc_attributes_that_cannot_be_comments_stay_attributes() {
        let tokens = quote! {
            #[doc = "two\nlines"]
            #[doc = "/ slash"]
            #[doc = " plain \"quoted\""]
            pub struct S;
        };
        let expected = "#[doc = \"two\\nlines\"]\n#[doc = \"/ slash\"]\n/// plain \"quoted\"\npub struct S;\n";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn string_escapes_are_read_as_rust_reads_them() {
        assert_eq!(unescape(r#""a\"b\\c\n\u{1}\x41""#).as_deref(), Some("a\"b\\c\n\u{1}A"));
        assert_eq!(unescape(r###"r#"x"y"#"###).as_deref(), Some("x\"y"));
        assert_eq!(unescape("1u8"), None);
        for (literal, body) in [(r#""a b""#, Some("a b")), (r##"r#"x"y"#"##, Some("x\"y")), (r#"r"z""#, Some("z"))] {
            assert_eq!(verbatim_body(literal).map(|(offset, len)| &literal[offset..offset + len]), body);
        }
        assert_eq!(verbatim_body(r#""a\nb""#), None);
        assert_eq!(verbatim_body("1u8"), None);
    }

    /// Prints source text, checks that the printed text lexes back to the same tokens (compared
    /// as text, which shows joint punctuation).
    fn print_source(source: &str) -> String {
        let tokens: TokenStream = source.parse().expect("the source lexes");
        let printed = print(tokens.clone());
        let relexed: TokenStream = printed.parse().expect("the printed text lexes");
        assert_eq!(relexed.to_string(), tokens.to_string(), "the same tokens:\n{printed}");
        printed
    }

    #[test]
    fn a_joint_left_arrow_stays_one_token() {
        let printed = print_source("m!(x <- y); const A: Foo<-1> = x;");
        assert_eq!(printed, "m!(x <- y);\n\nconst A: Foo<-1> = x;\n");
    }

    /// Prints source text and checks that the printed text parses with `syn` to the same
    /// tokens as the source (as `syn` prints them, trailing commas dropped).
    fn print_parsing(source: &str) -> String {
        let printed = print(source.parse().expect("the source lexes"));
        let tree = |text: &str| {
            let file = syn::parse_file(text).unwrap_or_else(|error| panic!("{error}:\n{text}"));
            let mut printed = quote::ToTokens::to_token_stream(&file).to_string().replace(' ', "");
            for close in [")", "]", "}", ">"] {
                printed = printed.replace(&format!(",{close}"), close);
            }
            printed
        };
        assert_eq!(tree(&printed), tree(source), "the same syntax:\n{printed}");
        printed
    }

    #[test]
    fn a_range_without_an_end_stays_apart_from_an_equals_sign() {
        // `1..= x` would be an inclusive range.
        assert_eq!(print_parsing("fn f() { if let 1.. = x {} }"), "fn f() {\n    if let 1.. = x {}\n}\n");
        assert_eq!(print_source("m!(.. = ..=);"), "m!(.. = ..=);\n");
    }

    #[test]
    fn the_never_type_stays_apart_from_what_follows() {
        // `!=` would compare.
        assert_eq!(print_parsing("static X: ! = x;"), "static X: ! = x;\n");
        assert_eq!(print_parsing("fn f() -> ! { loop {} }"), "fn f() -> ! {\n    loop {}\n}\n");
        assert_eq!(
            print_parsing("impl Trait for *const ! { fn f() {} fn g() {} }"),
            "impl Trait for *const ! {\n    fn f() {}\n\n    fn g() {}\n}\n"
        );
    }

    /// The tokens of source text as the lexer glues its marks into operators.
    fn operators(source: &str) -> Vec<String> {
        fn walk(tokens: TokenStream, out: &mut Vec<String>, run: &mut Vec<char>) {
            for token in tokens {
                match token {
                    TokenTree::Punct(punct) => {
                        run.push(punct.as_char());
                        if punct.spacing() == Spacing::Joint {
                            continue;
                        }
                    }
                    TokenTree::Group(group) => {
                        out.push(format!("{:?}", group.delimiter()));
                        walk(group.stream(), out, run);
                    }
                    other => out.push(other.to_string()),
                }
                let mut rest: &[char] = run;
                while let Some(op) = longest_operator(rest) {
                    out.push(op.to_owned());
                    rest = &rest[op.len()..];
                }
                run.clear();
            }
        }
        let (mut out, mut run) = (Vec::new(), Vec::new());
        walk(source.parse().expect("lexes"), &mut out, &mut run);
        out
    }

    #[test]
    fn marks_that_would_lex_as_another_operator_stay_apart() {
        let source = "m!(: : | || | |= - > 1 . &&=> &= x);";
        let printed = print(source.parse().expect("lexes"));
        assert_eq!(printed, "m!(: : | ||| |= - > 1 .&& => &= x);\n");
        assert_eq!(operators(&printed), operators(source));
    }

    #[test]
    fn a_qualified_path_opens_right_after_generics() {
        let source = "type A = HashMap<<u8 as Trait>::Item, Vec<<T as Trait>::X>>; fn f(x: &'a <T as Trait>::X) {}";
        let expected =
            "type A = HashMap<<u8 as Trait>::Item, Vec<<T as Trait>::X>>;\n\nfn f(x: &'a <T as Trait>::X) {}\n";
        assert_eq!(print_parsing(source), expected);
        // Comparisons with `Self` and constants, which take no generic arguments.
        let source = "fn f() { a(Self < <u8>::MAX, MAX < b, Self << x, C << 2); }";
        assert_eq!(print_parsing(source), "fn f() {\n    a(Self < <u8>::MAX, MAX < b, Self << x, C << 2);\n}\n");
    }

    #[test]
    fn a_lifetime_is_neither_called_nor_compared() {
        // `&'a (impl A,)` would be a tuple.
        let source = "fn f(x: &'a (impl AVeryLongTraitName + AnotherVeryLongTraitName + YetAnotherLongTraitName + OneMore), y: &'a [u8]) {}";
        let expected = "\
fn f(
    x: &'a (impl AVeryLongTraitName + AnotherVeryLongTraitName + YetAnotherLongTraitName + OneMore),
    y: &'a [u8],
) {}
";
        assert_eq!(print_parsing(source), expected);
        assert_eq!(
            print_parsing("fn f() where for<'x> &'x T: Clone { g(for<'a> || x); }"),
            "fn f() where for<'x> &'x T: Clone {\n    g(for<'a> || x);\n}\n"
        );
    }

    #[test]
    fn blocks_in_a_scrutinee_or_condition_are_expressions() {
        let source = "fn f() { match { x } { _ => {} } match loop { break x; } { _ => {} } \
            if if a {} else { b } {} else if {c} {} match 'a: { x } { _ => {} } for S { x } in y {} z }";
        let expected = "\
fn f() {
    match {
        x
    } {
        _ => {}
    }
    match loop {
        break x;
    } {
        _ => {}
    }
    if if a {} else {
        b
    } {} else if {
        c
    } {}
    match 'a: {
        x
    } {
        _ => {}
    }
    for S { x } in y {}
    z
}
";
        assert_eq!(print_parsing(source), expected);
    }

    #[test]
    fn a_const_argument_is_no_body() {
        let source = "impl Trait for Thing<{ N }> where T: Into<Thing<{ N + 1 }>> { fn f() {} }";
        let expected = "impl Trait for Thing<{ N }> where T: Into<Thing<{ N + 1 }>> {\n    fn f() {}\n}\n";
        assert_eq!(print_parsing(source), expected);
    }

    #[test]
    fn a_closure_with_a_return_type_has_a_block() {
        let source = "fn f() { let g = |x: Result<u8, Error>, y: Vec<u8>| -> Vec<u8> { a; b }; }";
        let expected = "\
fn f() {
    let g = |x: Result<u8, Error>, y: Vec<u8>| -> Vec<u8> {
        a;
        b
    };
}
";
        assert_eq!(print_parsing(source), expected);
        // The generics in the parameters break as a list, with one trailing comma.
        let source =
            "fn f() { g(|x: Result<AVeryLongTypeNameThatTakesRoom, AnotherVeryLongTypeNameThatTakesRoom, Third>| x); }";
        print_parsing(source);
    }

    #[test]
    fn an_operator_after_a_block_statement_starts_the_next() {
        let source =
            "fn f() { #![allow(unused)] || x; if a {} *x = 1; loop {} &y; match x { a => {} &b => {} <T>::C => {} } \
            #[allow(unused)] <<u8 as Trait>::X as Default>::x(); if let S { x } = while a {} < <u8>::MAX {} -x }";
        let expected = "\
fn f() {
    #![allow(unused)]
    || x;
    if a {}
    *x = 1;
    loop {}
    &y;
    match x {
        a => {}
        &b => {}
        <T>::C => {}
    }
    #[allow(unused)]
    <<u8 as Trait>::X as Default>::x();
    if let S { x } = while a {} < <u8>::MAX {}
    -x
}
";
        assert_eq!(print_parsing(source), expected);
    }

    #[test]
    fn item_keywords_in_a_type_open_no_block() {
        let source = "static X: fn() -> u8 = while match x { _ => {} } || y { let a = 1; b } as u8;";
        let expected = "\
static X: fn() -> u8 = while match x {
    _ => {}
} || y {
    let a = 1;
    b
} as u8;
";
        assert_eq!(print_parsing(source), expected);
    }

    #[test]
    fn a_labelled_loop_ends_its_statement() {
        let source = "fn f() { 'a: loop { break 'a; } let x = 1; }";
        assert_eq!(print_parsing(source), "fn f() {\n    'a: loop {\n        break 'a;\n    }\n    let x = 1;\n}\n");
    }

    #[test]
    fn a_tuple_type_after_impl_generics_is_no_call() {
        let source = "impl<T> (AVeryLongTraitNameThatTakesRoom + AnotherVeryLongTraitNameThatTakesRoom + ThirdTraitNameThatIsLonger) {}";
        let expected = "impl<T>(\n    AVeryLongTraitNameThatTakesRoom + AnotherVeryLongTraitNameThatTakesRoom + ThirdTraitNameThatIsLonger\n) {}\n";
        assert_eq!(print_parsing(source), expected);
    }

    #[test]
    fn macro_arguments_keep_their_commas() {
        assert_eq!(print_source("m!(#[derive(Debug,)] struct S;);"), "m!(#[derive(Debug,)] struct S;);\n");
        let source = "macro_rules! m { () => { match x { a => { b }, c => d } }; }";
        let expected = "macro_rules! m {\n    () => {\n        match x {\n            a => {\n                b\n            },\n            c => d\n        }\n    };\n}\n";
        assert_eq!(print_source(source), expected);
    }

    #[test]
    fn a_bound_modifier_is_no_question_mark_operator() {
        assert_eq!(
            print_parsing("fn f<T: ?Sized + Clone>() where U: Clone + ?Sized {}"),
            "fn f<T: ?Sized + Clone>() where U: Clone + ?Sized {}\n"
        );
    }
}
