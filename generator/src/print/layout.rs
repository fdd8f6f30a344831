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
    let Buffers {
        mut arena,
        mut cmds,
        mut open,
        mut out,
    } = BUFFERS.with(|buffers| buffers.take());
    arena.clear();
    cmds.clear();
    open.clear();
    let mut layout = Layout {
        arena,
        cmds,
        open,
        in_attribute: false,
        keep_commas: false,
    };
    let atoms = layout.atoms(tokens);
    layout.statements(&atoms, List::File);
    layout.push(Cmd::HardLine);
    drop(atoms);
    out.clear();
    layout.render(&mut out);
    // The result gets a buffer of its own size; the working buffers go back for the next chunk.
    let text = out.as_str().to_owned();
    let Layout {
        arena, cmds, open, ..
    } = layout;
    BUFFERS.with(|buffers| {
        buffers.set(Buffers {
            arena,
            cmds,
            open,
            out,
        })
    });
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
    /// An identifier, a lifetime or a keyword that is a value (`self`, `true`, ...).
    Word,
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
    closure_params: bool,
    lifetime: bool,
}

impl Layout {
    fn text(&self, atom: &Atom) -> &str {
        &self.arena[atom.start as usize..(atom.start + atom.len) as usize]
    }

    fn is_keyword(&self, atom: &Atom, keyword: &str) -> bool {
        matches!(atom.kind, Kind::Keyword | Kind::Word) && self.text(atom) == keyword
    }

    fn atoms(&mut self, stream: TokenStream) -> Vec<Atom> {
        let tokens = stream.into_iter();
        // About one atom per token (joint punctuation merges, invisible groups open up).
        let mut out = Vec::with_capacity(tokens.size_hint().0);
        let mut level = Level::default();
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
                    if std::mem::take(&mut level.lifetime) {
                        self.arena.push('\'');
                    }
                    let _ = write!(self.arena, "{ident}");
                    let text = &self.arena[start..];
                    let kind = if is_layout_keyword(text) {
                        Kind::Keyword
                    } else {
                        Kind::Word
                    };
                    out.push(Atom {
                        kind,
                        start: start as u32,
                        len: (self.arena.len() - start) as u32,
                    });
                }
                TokenTree::Literal(literal) => {
                    self.flush_operators(&mut run, &mut out, &mut level);
                    let start = self.arena.len();
                    let _ = write!(self.arena, "{literal}");
                    out.push(Atom {
                        kind: Kind::Literal,
                        start: start as u32,
                        len: (self.arena.len() - start) as u32,
                    });
                }
                TokenTree::Group(group) => {
                    self.flush_operators(&mut run, &mut out, &mut level);
                    let delimiter = group.delimiter();
                    let stream = group.stream();
                    // The stream is shared with the group; dropping the group first lets the
                    // iteration move the tokens instead of cloning them.
                    drop(group);
                    let inner = self.atoms(stream);
                    if delimiter == Delimiter::None {
                        out.extend(inner);
                    } else {
                        out.push(Atom {
                            kind: Kind::Group(delimiter, inner),
                            start: 0,
                            len: 0,
                        });
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
        while !rest.is_empty() {
            let prev_value = out.last().is_some_and(Atom::ends_value);
            let op = if rest[0] == '>' && level.generic_depth > 0 {
                ">"
            } else if rest[0] == '&' && !prev_value {
                "&"
            } else {
                longest_operator(rest).unwrap_or("$")
            };
            let taken = op.len().max(1);
            rest = &rest[taken.min(rest.len())..];
            let role = self.role(op, prev_value, out, level);
            out.push(Atom {
                kind: Kind::Op(op, role),
                start: 0,
                len: 0,
            });
        }
        run.clear();
    }

    fn role(&self, op: &str, prev_value: bool, out: &[Atom], level: &mut Level) -> Role {
        let unary_or_binary = if prev_value {
            Role::Binary
        } else {
            Role::Unary
        };
        match op {
            "," if level.generic_depth == 0 && !level.closure_params => Role::Comma,
            "," => Role::InnerComma,
            ";" => {
                level.generic_depth = 0;
                Role::Semi
            }
            ":" => Role::Colon,
            "::" => Role::Path,
            "." => Role::Dot,
            ".." | "..=" | "..." => Role::Range,
            "?" => Role::Question,
            "#" | "$" => Role::Pound,
            "!" if prev_value => Role::Bang,
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
                Role::GenericOpen
            }
            ">" if level.generic_depth > 0 => {
                level.generic_depth -= 1;
                Role::GenericClose
            }
            "&&" | "||" | "=>" => {
                level.generic_depth = 0;
                Role::Binary
            }
            _ => Role::Binary,
        }
    }

    /// Whether a `<` opens generic arguments or parameters rather than comparing: after
    /// `::`, `impl`, a type name, or the name a `fn`, `struct`, ... declares; or a qualified
    /// path ([`Self::starts_qualified_path`]).
    fn opens_generics(&self, out: &[Atom], level: &Level) -> bool {
        if self.starts_qualified_path(out.last()) {
            return true;
        }
        let Some(prev) = out.last() else { return false };
        match prev.kind {
            Kind::Op(op, _) => op == "::",
            Kind::Keyword => matches!(self.text(prev), "impl" | "for"),
            Kind::Word => {
                let text = self.text(prev);
                level.generic_depth > 0
                    || text.starts_with(|c: char| c.is_ascii_uppercase())
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

    /// Whether a `<` after `prev` opens a qualified path (`<T as Trait>::f`): where a value is
    /// expected (first in a group, after `=>`, `=`, `,`, or a keyword such as `return`), since
    /// a comparison needs a value on its left. Printed without spaces inside and never broken
    /// as a list: a trailing comma does not parse there.
    fn starts_qualified_path(&self, prev: Option<&Atom>) -> bool {
        let Some(prev) = prev else { return true };
        match prev.kind {
            Kind::Op(op, _) => op != "::" && !prev.ends_value(),
            Kind::Keyword => !matches!(
                self.text(prev),
                "impl" | "for" | "self" | "Self" | "super" | "crate" | "true" | "false"
            ),
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
                let blank =
                    self.blank_between(&atoms[prev_start..prev_end], &atoms[start..end], list);
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
        let inner_attribute = |atoms: &[Atom]| {
            atoms.len() >= 2 && atoms[0].is_role(Role::Pound) && atoms[1].is_op("!")
        };
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
                let ends_block = |atoms: &[Atom]| {
                    matches!(
                        atoms.last().map(|a| &a.kind),
                        Some(Kind::Group(Delimiter::Brace, _))
                    )
                };
                ends_block(prev)
                    || ends_block(next)
                    || next.first().is_some_and(|a| a.is_role(Role::Pound))
            }
        }
    }

    /// Where the statement or item starting at `start` ends: after its `;`, or after the
    /// block that ends an item or a block-like expression.
    fn statement_end(&self, atoms: &[Atom], start: usize) -> usize {
        let n = atoms.len();
        if atoms[start].is_role(Role::Pound)
            && atoms.get(start + 1).is_some_and(|a| a.is_op("!"))
            && atoms
                .get(start + 2)
                .and_then(|a| a.group(Delimiter::Bracket))
                .is_some()
        {
            return start + 3;
        }
        let mut i = start + attributes_end(&atoms[start..]);
        let mut block_like = false;
        let mut conditional = false;
        while let Some(atom) = atoms.get(i) {
            match atom.kind {
                Kind::Keyword => match self.text(atom) {
                    "pub" => {
                        i += 1;
                        if atoms
                            .get(i)
                            .and_then(|a| a.group(Delimiter::Parenthesis))
                            .is_some()
                        {
                            i += 1;
                        }
                    }
                    "unsafe" | "async" | "const" | "extern" | "move" => i += 1,
                    "fn" | "impl" | "trait" | "mod" | "struct" | "enum" | "match" | "loop"
                    | "for" => {
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
                    while atoms
                        .get(j)
                        .is_some_and(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path))
                    {
                        j += 1;
                    }
                    if atoms.get(j).is_some_and(|a| a.is_role(Role::Bang)) {
                        // `macro_rules! name { ... }` names the macro it defines.
                        let body = if atoms
                            .get(j + 1)
                            .is_some_and(|a| matches!(a.kind, Kind::Word))
                        {
                            j + 2
                        } else {
                            j + 1
                        };
                        if atoms
                            .get(body)
                            .and_then(|a| a.group(Delimiter::Brace))
                            .is_some()
                        {
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
        atoms[i..]
            .iter()
            .position(|a| a.is_role(Role::Semi))
            .map_or(n, |k| i + k + 1)
    }

    /// The end of a block-like construct starting at `i`: its first block (or `;`), the
    /// `else` branches of an `if`, and a `;` after it. Braces in an `if let` pattern are
    /// not its block.
    fn block_end(&self, atoms: &[Atom], i: usize, conditional: bool) -> Option<usize> {
        let mut in_pattern = false;
        let mut k = i;
        while let Some(atom) = atoms.get(k) {
            match &atom.kind {
                Kind::Op(_, Role::Semi) => return Some(k + 1),
                Kind::Keyword if conditional && self.text(atom) == "let" => in_pattern = true,
                Kind::Op("=", _) => in_pattern = false,
                Kind::Group(Delimiter::Brace, _) if !in_pattern => {
                    let next = atoms.get(k + 1);
                    if conditional && next.is_some_and(|a| self.is_keyword(a, "else")) {
                        k += 2;
                        continue;
                    }
                    let end = k + 1;
                    return Some(if next.is_some_and(|a| a.is_role(Role::Semi)) {
                        end + 1
                    } else {
                        end
                    });
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
                (Some(pound), Some(bang), Some(group))
                    if pound.is_role(Role::Pound) && bang.is_op("!") =>
                {
                    let Some(inner) = group.group(Delimiter::Bracket) else {
                        break;
                    };
                    self.attribute(true, inner);
                    i += 3;
                }
                (Some(pound), Some(group), _) if pound.is_role(Role::Pound) => {
                    let Some(inner) = group.group(Delimiter::Bracket) else {
                        break;
                    };
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
                    if memchr::memchr2(b'\n', b'\r', body.as_bytes()).is_none()
                        && !body.starts_with('/')
                    {
                        self.cmds.push(Cmd::Str(if inner { "//!" } else { "///" }));
                        self.cmds
                            .push(Cmd::Text(value.start + offset as u32, len as u32));
                        self.push(Cmd::HardLine);
                        return;
                    }
                }
                let text = unescape(literal);
                if let Some(text) =
                    text.filter(|t| !t.contains(['\n', '\r']) && !t.starts_with('/'))
                {
                    let start = self.arena.len();
                    self.arena.push_str(if inner { "//!" } else { "///" });
                    self.arena.push_str(&text);
                    self.cmds
                        .push(Cmd::Text(start as u32, (self.arena.len() - start) as u32));
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
                    && atoms
                        .get(i + 2)
                        .and_then(|a| a.group(Delimiter::Parenthesis))
                        .is_some()
            } else {
                atom.is_op("&&") || atom.is_op("||") && atom.is_role(Role::Binary)
            }
        };
        let breaks = if verbatim {
            0
        } else {
            (1..atoms.len()).filter(|&i| is_break(i)).count()
        };
        let chained = breaks >= 2;
        if chained {
            self.begin(false);
        }
        let mut indented = false;
        // What a brace group here holds depends on the keyword before it.
        let mut control: Option<(Brace, bool)> = None;
        let mut in_pattern = false;
        // Generic arguments break like a list; these are the ones open.
        let mut generics: Vec<bool> = Vec::new();
        let mut closure_params = false;
        let mut line_before = false;
        for (i, atom) in atoms.iter().enumerate() {
            if std::mem::take(&mut line_before) {
            } else if i > 0 {
                if chained && is_break(i) {
                    if !indented {
                        self.cmds.push(Cmd::Indent);
                        indented = true;
                    }
                    self.cmds.push(if atom.is_role(Role::Dot) {
                        Cmd::SoftLine
                    } else {
                        Cmd::Line
                    });
                } else if self.space_between(&atoms[i - 1], atom) && !fragment_specifier(atoms, i) {
                    self.cmds.push(Cmd::Space);
                }
            }
            match &atom.kind {
                Kind::Word | Kind::Literal => self.atom_text(atom),
                Kind::Keyword => {
                    self.atom_text(atom);
                    let (brace, strong) = match self.text(atom) {
                        "fn" => (Brace::Block, true),
                        "impl" | "trait" | "mod" => (Brace::Items, true),
                        "struct" | "enum" => (Brace::Fields, true),
                        "match" => (Brace::Arms, true),
                        "if" | "while" | "for" | "loop" | "else" | "unsafe" | "async" | "move" => {
                            (Brace::Block, false)
                        }
                        "let" => {
                            in_pattern = control.is_some();
                            continue;
                        }
                        _ => continue,
                    };
                    let keep = match control {
                        Some((_, true)) => true,
                        Some((_, false)) => !strong,
                        None => false,
                    };
                    // `for` in `impl Trait for Type` does not start a loop.
                    if !keep {
                        control = Some((brace, strong));
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
                                && matches!(
                                    self.text(&atoms[i - 2]),
                                    "fn" | "struct" | "enum" | "trait" | "type"
                                );
                        let qualified =
                            self.starts_qualified_path(i.checked_sub(1).map(|p| &atoms[p]));
                        let list = !verbatim
                            && !declaration
                            && !qualified
                            && generic_list(&atoms[i + 1..]);
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
                    Role::InnerComma if generics.last() == Some(&true) && !closure_params => {
                        if atoms
                            .get(i + 1)
                            .is_some_and(|a| a.is_role(Role::GenericClose))
                            && !self.keep_commas
                        {
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
                            Role::ClosureOpen => closure_params = true,
                            Role::ClosureClose | Role::ClosureEmpty => {
                                closure_params = false;
                                control = None;
                            }
                            _ if *op == "=" => in_pattern = false,
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
                            let brace = if macro_definition {
                                // `macro_rules! name { rule; rule }`
                                Brace::Block
                            } else if macro_args {
                                Brace::Literal
                            } else if prev.is_some_and(|p| p.is_role(Role::Path)) {
                                Brace::UseTree
                            } else if in_pattern {
                                Brace::Literal
                            } else if let Some((brace, _)) = control {
                                brace
                            } else if prev.is_some_and(|p| {
                                matches!(p.kind, Kind::Word) || p.is_role(Role::GenericClose)
                            }) {
                                Brace::Literal
                            } else {
                                Brace::Block
                            };
                            let keep_commas = self.keep_commas;
                            self.keep_commas = keep_commas || macro_definition;
                            self.brace(inner, brace, macro_args || self.keep_commas);
                            self.keep_commas = keep_commas;
                            if brace != Brace::Literal {
                                control = None;
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
                            self.sequence(inner, false);
                            self.in_attribute = in_attribute;
                            self.cmds.push(Cmd::Str("]"));
                        }
                        _ => {
                            let call = prev.is_some_and(Atom::ends_value);
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

    /// Whether the generic arguments opening after `before` are those of a function's return
    /// type: the type's path follows `->`, or `-> impl` (a returned `impl Future<Output = T>`).
    fn returned_type_starts(&self, before: &[Atom]) -> bool {
        let path = before
            .iter()
            .rev()
            .take_while(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path))
            .count();
        let Some(rest) = before
            .len()
            .checked_sub(path)
            .filter(|_| path > 0)
            .map(|end| &before[..end])
        else {
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
            // `macro_rules! name`
            return matches!(prev.kind, Kind::Op(_, Role::Bang)) && matches!(next.kind, Kind::Word);
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
            Kind::Group(..) => {
                prev_always && !self.is_keyword(prev, "pub") && !self.is_keyword(prev, "fn")
            }
            Kind::Op(op, role) => match role {
                Role::Comma
                | Role::InnerComma
                | Role::Semi
                | Role::Colon
                | Role::Dot
                | Role::Question
                | Role::Bang => false,
                // A qualified path after an operator or a keyword (`= <T as Trait>::f`,
                // `return <T>::f`); generics follow their name or `impl`/`for` directly.
                Role::GenericOpen => {
                    self.starts_qualified_path(Some(prev))
                        && (prev_always || matches!(prev.kind, Kind::Keyword))
                }
                Role::GenericClose | Role::ClosureClose => false,
                Role::Path => prev_always,
                Role::Range => !prev.ends_value(),
                Role::Binary | Role::ClosureEmpty => true,
                _ => {
                    // Punctuation that would lex as one token with the previous one.
                    if let Kind::Op(prev_op, _) = prev.kind {
                        let pair = [
                            prev_op.chars().last().unwrap_or(' '),
                            op.chars().next().unwrap_or(' '),
                        ];
                        if matches!(
                            pair,
                            ['<', '<'] | ['/', '/'] | ['/', '*'] | ['.', '.'] | [_, '=']
                        ) {
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
        let (open, close) = if delimiter == Delimiter::Parenthesis {
            ("(", ")")
        } else {
            ("[", "]")
        };
        if atoms.is_empty() {
            self.cmds.push(Cmd::Str(open));
            self.cmds.push(Cmd::Str(close));
            return;
        }
        let (elements, trailing) = split_commas(atoms);
        if let ([only], false) = (elements.as_slice(), trailing) {
            if call
                && !verbatim
                && !self.in_attribute
                && delimiter == Delimiter::Parenthesis
                && struct_literal(only)
            {
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
                let rest = elements
                    .last()
                    .and_then(|e| e.first())
                    .is_some_and(|a| a.is_role(Role::Range));
                let trailing = if verbatim {
                    trailing.then_some(Cmd::Str(","))
                } else if rest {
                    None
                } else {
                    Some(Cmd::IfBroken(","))
                };
                let line = if brace == Brace::UseTree {
                    Cmd::SoftLine
                } else {
                    Cmd::Line
                };
                self.list("{", "}", &elements, trailing, line, verbatim);
            }
            Brace::Block | Brace::Items => {
                self.cmds.push(Cmd::Str("{"));
                self.begin(true);
                self.cmds.push(Cmd::Indent);
                self.push(Cmd::HardLine);
                self.statements(
                    atoms,
                    if brace == Brace::Items {
                        List::Items
                    } else {
                        List::Statements
                    },
                );
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
                    self.arm(arm, comma || !verbatim);
                    start = end;
                }
                self.cmds.push(Cmd::Dedent);
                self.push(Cmd::HardLine);
                self.end();
                self.cmds.push(Cmd::Str("}"));
            }
        }
    }

    /// A match arm; a body that does not fit after the `=>` goes on the next line.
    fn arm(&mut self, arm: &[Atom], comma: bool) {
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
                matches!(
                    self.text(&body[0]),
                    "if" | "match" | "loop" | "while" | "for" | "unsafe" | "async"
                )
            }
            _ => false,
        };
        if block_like {
            self.cmds.push(Cmd::Space);
            self.sequence(body, false);
            let block = body.len() == 1;
            if !block {
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
        let Some(arrow) = atoms[start..]
            .iter()
            .position(|a| a.is_op("=>"))
            .map(|p| start + p)
        else {
            return n;
        };
        let body = arrow + 1;
        let with_comma = |end: usize| {
            if atoms.get(end).is_some_and(|a| a.is_role(Role::Comma)) {
                end + 1
            } else {
                end
            }
        };
        let comma_end = |from: usize| {
            atoms[from..]
                .iter()
                .position(|a| a.is_role(Role::Comma))
                .map_or(n, |k| from + k + 1)
        };
        match atoms.get(body) {
            None => n,
            Some(Atom {
                kind: Kind::Group(Delimiter::Brace, _),
                ..
            }) => with_comma(body + 1),
            Some(atom)
                if matches!(atom.kind, Kind::Keyword)
                    && matches!(
                        self.text(atom),
                        "if" | "match" | "loop" | "while" | "for" | "unsafe"
                    ) =>
            {
                let conditional = matches!(self.text(atom), "if" | "while");
                match self.block_end(atoms, body, conditional) {
                    Some(end)
                        if atoms
                            .get(end)
                            .is_none_or(|a| a.is_role(Role::Comma) || self.starts_arm(a)) =>
                    {
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
        !matches!(
            atom.kind,
            Kind::Op(_, Role::Dot | Role::Question | Role::Binary | Role::Range)
        ) && !self.is_keyword(atom, "as")
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
                Cmd::HardLine | Cmd::BlankLine | Cmd::Begin { broken: true } => {
                    return width <= room
                }
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
                && path
                    .iter()
                    .all(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path))
        }
        _ => false,
    }
}

/// The number of leading atoms that are outer attributes.
fn attributes_end(atoms: &[Atom]) -> usize {
    let mut i = 0;
    while atoms.get(i).is_some_and(|a| a.is_role(Role::Pound))
        && atoms
            .get(i + 1)
            .and_then(|a| a.group(Delimiter::Bracket))
            .is_some()
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
        let expected =
            "#[doc = \"two\\nlines\"]\n#[doc = \"/ slash\"]\n/// plain \"quoted\"\npub struct S;\n";
        assert_eq!(print(tokens), expected);
    }

    #[test]
    fn string_escapes_are_read_as_rust_reads_them() {
        assert_eq!(
            unescape(r#""a\"b\\c\n\u{1}\x41""#).as_deref(),
            Some("a\"b\\c\n\u{1}A")
        );
        assert_eq!(unescape(r###"r#"x"y"#"###).as_deref(), Some("x\"y"));
        assert_eq!(unescape("1u8"), None);
        for (literal, body) in [
            (r#""a b""#, Some("a b")),
            (r##"r#"x"y"#"##, Some("x\"y")),
            (r#"r"z""#, Some("z")),
        ] {
            assert_eq!(
                verbatim_body(literal).map(|(offset, len)| &literal[offset..offset + len]),
                body
            );
        }
        assert_eq!(verbatim_body(r#""a\nb""#), None);
        assert_eq!(verbatim_body("1u8"), None);
    }
}
