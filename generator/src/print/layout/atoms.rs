//! From tokens to atoms: each token level becomes a list of identifiers, keywords, literals,
//! groups and operators, and each operator gets its [`Role`] from what comes before it (the
//! lexer's joint punctuation is split into Rust's operators here, and `<`, `&`, `|`, `*` and
//! `-` are told apart by whether a value, a type or a statement came before).

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use super::Layout;

/// What an operator does where it stands; decides the spaces around it and where lists split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
pub(super) enum Kind {
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
pub(super) struct Atom {
    pub(super) kind: Kind,
    /// The text, in the arena (empty for operators and groups).
    pub(super) start: u32,
    pub(super) len: u32,
}

impl Atom {
    pub(super) fn is_op(&self, text: &str) -> bool {
        matches!(self.kind, Kind::Op(op, _) if op == text)
    }

    pub(super) fn is_role(&self, role: Role) -> bool {
        matches!(self.kind, Kind::Op(_, r) if r == role)
    }

    pub(super) fn group(&self, delimiter: Delimiter) -> Option<&[Atom]> {
        match &self.kind {
            Kind::Group(d, inner) if *d == delimiter => Some(inner),
            _ => None,
        }
    }

    /// Whether a value ends here, so that an operator after it is binary.
    pub(super) fn ends_value(&self) -> bool {
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
pub(super) fn longest_operator(run: &[char]) -> Option<&'static str> {
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
pub(super) const GLUED_PAIRS: &[[char; 2]] = &[
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
pub(super) fn is_layout_keyword(text: &str) -> bool {
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

/// State of the operator classification within one token level.
#[derive(Default)]
pub(super) struct Level {
    pub(super) generic_depth: usize,
    /// Where the `<` of the generics open now are in the atoms, outermost first, and where the
    /// commas within them are, each with the `<` it is directly in: a `<` that no `>` closes
    /// compared instead, and its commas separate (see [`Level::drop_unmatched_generics`]).
    pub(super) generic_opens: Vec<usize>,
    pub(super) generic_commas: Vec<(usize, usize)>,
    /// The depths of the generics open after `for` or `impl` (`for<'a>`, `impl<T>`), which
    /// a type, bound or closure follows rather than an operator.
    pub(super) binders: Vec<usize>,
    /// Where the `>` closing the last of those is in the atoms: no value ends there.
    pub(super) binder_end: Option<usize>,
    pub(super) closure_params: bool,
    pub(super) lifetime: bool,
    /// The level holds statements or items (a file, a brace group).
    pub(super) statements: bool,
    /// Only attributes and modifiers (`pub`, `unsafe`, a label) of the statement under way
    /// are in the atoms so far.
    pub(super) statement_start: bool,
    /// The statement under way is an item or a block-like expression (`if`, `match`, a loop),
    /// which its first block ends.
    pub(super) block_statement: bool,
    /// Of the statement under way: whether its keyword takes an expression before its block
    /// (`if`, `while`, `match`, `for`), whether a pattern is under way (after `let` or a
    /// loop's `for`), and the blocks still to come before its end.
    pub(super) expression: bool,
    pub(super) in_pattern: bool,
    pub(super) pending_blocks: usize,
    /// The statement under way is, so far, a macro's path and `!` (and the name after
    /// `macro_rules!`): a brace group next ends it (`m! { x } |x| x` is two statements).
    pub(super) macro_call: bool,
    /// Where the block that ended the last block-like statement is in the atoms: an operator
    /// after it starts the next statement (`if a {} *x = 1;`, `loop {} || x`), no value ends
    /// there.
    pub(super) statement_end: Option<usize>,
}

impl Level {
    pub(super) fn new(statements: bool) -> Self {
        Level { statements, statement_start: statements, ..Level::default() }
    }

    /// The statement under way ends with the block at `index` of the atoms; the next starts.
    fn end_statement_at(&mut self, index: usize) {
        self.statement_end = Some(index);
        self.statement_start = true;
        self.block_statement = false;
    }

    /// Corrects the generics still open where none can be (at a `;`, `=>`, `&&`, `||` or the
    /// end of the level): their `<` compared (`Unit < x`, a unit struct's value that looks like
    /// a type's name to [`Layout::opens_generics`]), and the commas directly within them
    /// separate list elements or match arms. Found by the `layout` fuzz target: without this,
    /// `() => Unit < x` printed with a comma after it became `Unit<x,` and gained another
    /// comma each time it was printed again.
    pub(super) fn drop_unmatched_generics(&mut self, out: &mut [Atom]) {
        for &open in &self.generic_opens {
            if let Kind::Op(op, _) = out[open].kind {
                out[open].kind = Kind::Op(op, Role::Binary);
            }
        }
        for &(comma, open) in &self.generic_commas {
            if self.generic_opens.contains(&open) {
                out[comma].kind = Kind::Op(",", Role::Comma);
            }
        }
        self.generic_opens.clear();
        self.generic_commas.clear();
        self.generic_depth = 0;
        self.binders.clear();
    }

    /// Whether no value ends at the last atom, though it may look like one: the `>` of
    /// `for<'a>`, a block that ends a statement or a match arm, an attribute.
    pub(super) fn starts_anew(&self, out: &[Atom]) -> bool {
        let last = out.len().checked_sub(1);
        let attribute = matches!(out, [.., pound, Atom { kind: Kind::Group(Delimiter::Bracket, _), .. }] if pound.is_op("#"))
            || matches!(out, [.., pound, bang, Atom { kind: Kind::Group(Delimiter::Bracket, _), .. }] if pound.is_op("#") && bang.is_op("!"));
        last.is_some() && (self.binder_end == last || self.statement_end == last) || after_arm_block(out) || attribute
    }
}

impl Layout {
    pub(super) fn text(&self, atom: &Atom) -> &str {
        &self.arena[atom.start as usize..(atom.start + atom.len) as usize]
    }

    pub(super) fn is_keyword(&self, atom: &Atom, keyword: &str) -> bool {
        matches!(atom.kind, Kind::Keyword | Kind::Word) && self.text(atom) == keyword
    }

    /// The atoms of one token level; `statements`: it holds statements or items.
    pub(super) fn atoms(&mut self, stream: TokenStream, statements: bool) -> Vec<Atom> {
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
        if level.generic_depth > 0 {
            level.drop_unmatched_generics(&mut out);
        }
        out
    }

    /// Classifies the pending run of punctuation, if there is one. Most tokens follow no
    /// punctuation: inlined, this test skips the call of [`Self::operators`] (a large function)
    /// for them, which was a tenth of this step's instructions.
    #[inline]
    pub(super) fn flush_operators(&mut self, run: &mut Vec<char>, out: &mut Vec<Atom>, level: &mut Level) {
        if !run.is_empty() {
            self.operators(run, out, level);
        }
    }

    /// Splits a run of joint punctuation into operators and classifies each.
    pub(super) fn operators(&mut self, run: &mut Vec<char>, out: &mut Vec<Atom>, level: &mut Level) {
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
                if level.generic_depth > 0 && matches!(op, ";" | "=>" | "&&" | "||") {
                    level.drop_unmatched_generics(out);
                }
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
    pub(super) fn track_statement(&self, out: &[Atom], level: &mut Level) {
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
            level.macro_call = matches!(atom.kind, Kind::Word);
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
            if matches!(atom.kind, Kind::Group(Delimiter::Brace, _)) {
                // The statement is this block (`{}`, `unsafe {}`, `const {}`, `'a: {}`), even
                // where the brace would be a value after its modifier (`const`, `async`).
                level.end_statement_at(out.len() - 1);
            }
            return;
        }
        if std::mem::take(&mut level.macro_call) {
            let after_bang = before.is_some_and(|b| b.is_op("!"))
                || before.is_some_and(|b| matches!(b.kind, Kind::Word))
                    && out.len() >= 3
                    && out[out.len() - 3].is_op("!");
            if matches!(atom.kind, Kind::Group(Delimiter::Brace, _)) && after_bang {
                level.end_statement_at(out.len() - 1);
                return;
            }
            level.macro_call = matches!(atom.kind, Kind::Word) || atom.is_op("::") || atom.is_op("!");
        }
        if !level.block_statement {
            return;
        }
        // `for<'a>`, `for<>`: the `for` counted below was a binder's, which has no block.
        if level.expression
            && level.generic_depth == 1
            && (atom.is_op(">") || text.starts_with('\''))
            && matches!(out, [.., f, open, _] if self.is_keyword(f, "for") && open.is_op("<"))
        {
            level.pending_blocks = level.pending_blocks.saturating_sub(1);
        }
        match &atom.kind {
            Kind::Keyword => {
                let after_else = before.is_some_and(|b| self.is_keyword(b, "else"));
                // In a type of the condition (`if <unsafe fn() as Trait>::X {}`) no block opens.
                if level.expression
                    && !after_else
                    && level.generic_depth == 0
                    && matches!(text, "if" | "match" | "while" | "for" | "loop" | "unsafe" | "else")
                {
                    level.pending_blocks += 1;
                }
                // `unsafe fn(u8)`, `unsafe extern "C" fn(u8)`: the `unsafe` counted above was
                // a function pointer's type, which has no block.
                if text == "fn" && level.expression && level.generic_depth == 0 {
                    let modifiers = &out[..out.len() - 1];
                    let unsafe_at = match modifiers {
                        [.., u, e, abi] if self.is_keyword(e, "extern") && matches!(abi.kind, Kind::Literal) => Some(u),
                        [.., u, e] if self.is_keyword(e, "extern") => Some(u),
                        [.., u] => Some(u),
                        [] => None,
                    };
                    if unsafe_at.is_some_and(|u| self.is_keyword(u, "unsafe")) {
                        level.pending_blocks = level.pending_blocks.saturating_sub(1);
                    }
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
                    || self.expects_value(&out[..out.len() - 1]);
                if !expression {
                    level.pending_blocks = level.pending_blocks.saturating_sub(1);
                    if level.pending_blocks == 0 {
                        level.end_statement_at(out.len() - 1);
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn role(&self, op: &str, prev_value: bool, out: &[Atom], level: &mut Level) -> Role {
        let unary_or_binary = if prev_value { Role::Binary } else { Role::Unary };
        match op {
            "," if level.generic_depth == 0 && !level.closure_params => Role::Comma,
            "," => {
                if let (false, Some(&open)) = (level.closure_params, level.generic_opens.last()) {
                    level.generic_commas.push((out.len(), open));
                }
                Role::InnerComma
            }
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
                level.generic_opens.push(out.len());
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
                if let Some(open) = level.generic_opens.pop() {
                    while level.generic_commas.last().is_some_and(|&(_, o)| o == open) {
                        level.generic_commas.pop();
                    }
                }
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
    pub(super) fn opens_generics(&self, out: &[Atom], level: &Level) -> bool {
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
    pub(super) fn opens_qualified_argument(&self, out: &[Atom], level: &Level) -> bool {
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
    pub(super) fn starts_qualified_path(&self, prev: Option<&Atom>) -> bool {
        let Some(prev) = prev else { return true };
        match prev.kind {
            Kind::Op(op, _) => op != "::" && !prev.ends_value(),
            Kind::Keyword => {
                !matches!(self.text(prev), "impl" | "for" | "self" | "Self" | "super" | "crate" | "true" | "false")
            }
            _ => false,
        }
    }
}

/// Whether the atoms end with a match arm's block: the arm ends there, and the next one's
/// pattern starts (`x => {} &y => {}`, `x => {} <T>::C => {}`, as they print without the comma
/// after a block that they may have had).
pub(super) fn after_arm_block(out: &[Atom]) -> bool {
    matches!(out, [.., arrow, Atom { kind: Kind::Group(Delimiter::Brace, _), .. }] if arrow.is_op("=>"))
}
