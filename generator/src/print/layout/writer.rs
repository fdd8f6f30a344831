//! Layout commands written by emission directly, for code whose shape it knows: the same
//! commands [`super::sequence`] and [`super::statements`] make from tokens, without the
//! tokens. Building token streams with `quote` and reading them back into atoms was most of
//! a generation's time; a struct model written here costs a fraction of that.
//!
//! Each method mirrors what the layout does for the tokens it replaces (a `list` is what
//! `Layout::list` makes of a parenthesised list, a `block` what `Layout::brace` makes of a
//! block), so that written code prints exactly as the same code emitted as tokens would. The
//! `layout_differential` test holds every written part of the corpus's crates to that: its
//! text, lexed and laid out from the tokens, prints unchanged.

use proc_macro2::TokenStream;

use super::{Cmd, Layout, List};

/// Writes the items of one part of a file as layout commands.
pub struct Writer<'l> {
    layout: &'l mut Layout,
    /// Items written so far, for the blank line between two.
    items: usize,
}

/// What a list adds after its last element when it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trailing {
    /// Nothing: an array or tuple of one element, an attribute's arguments.
    Nothing,
    /// A comma, only when the list is broken.
    Comma,
}

/// Where the elements of a list start when it breaks: a soft line is nothing when flat
/// (`(a, b)`), a line is a space (`{ a, b }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    Soft,
    Spaced,
}

impl<'l> Writer<'l> {
    pub(super) fn new(layout: &'l mut Layout) -> Self {
        Writer { layout, items: 0 }
    }

    /// An item of the file (with its attributes), a blank line before it unless it is the
    /// first.
    pub fn item(&mut self, write: impl FnOnce(&mut Self)) {
        self.separate_item();
        write(self);
    }

    /// Items emitted as tokens, laid out as the layout lays out a file's items.
    pub fn token_items(&mut self, tokens: TokenStream) {
        self.lay_tokens(tokens, List::File, Self::separate_item);
    }

    /// Items of an impl emitted as tokens, after the impl's items written so far (a blank line
    /// between, as between methods).
    pub fn token_items_in_block(&mut self, tokens: TokenStream) {
        self.lay_tokens(tokens, List::Items, |w| w.blank_line());
    }

    /// Statements of a block emitted as tokens, each on a line of its own after what the block
    /// holds so far.
    pub fn token_statements(&mut self, tokens: TokenStream) {
        self.lay_tokens(tokens, List::Statements, |w| w.hard_line());
    }

    /// Tokens laid out as a `list` of items or statements, after `separate` (nothing at all
    /// when there are no tokens).
    fn lay_tokens(&mut self, tokens: TokenStream, list: List, separate: impl FnOnce(&mut Self)) {
        let atoms = self.layout.atoms(tokens, true);
        if atoms.is_empty() {
            return;
        }
        separate(self);
        self.layout.statements(&atoms, list);
    }

    fn separate_item(&mut self) {
        if self.items > 0 {
            self.layout.push(Cmd::BlankLine);
        }
        self.items += 1;
    }

    /// Tokens within a statement (a type the user named, for one), laid out as the layout
    /// lays out what it finds there.
    pub fn tokens(&mut self, tokens: TokenStream) {
        let atoms = self.layout.atoms(tokens, false);
        self.layout.sequence(&atoms, false);
    }

    /// An identifier, a literal or a path written as it is.
    pub fn word(&mut self, text: &str) {
        self.joined(&[text]);
    }

    /// Pieces written together as one word (a path of a prefix and a name), without joining
    /// them into a string first.
    pub fn joined(&mut self, pieces: &[&str]) {
        let start = self.layout.arena.len();
        for piece in pieces {
            self.layout.arena.push_str(piece);
        }
        self.layout.cmds.push(Cmd::Text(start as u32, (self.layout.arena.len() - start) as u32));
    }

    /// Punctuation or a keyword known when the generator is compiled.
    pub fn token(&mut self, text: &'static str) {
        self.layout.cmds.push(Cmd::Str(text));
    }

    /// A string literal of `value`, escaped as `proc_macro2` escapes it.
    pub fn string(&mut self, value: &str) {
        let plain = value.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
        if plain {
            let start = self.layout.arena.len();
            self.layout.arena.push('"');
            self.layout.arena.push_str(value);
            self.layout.arena.push('"');
            self.layout.cmds.push(Cmd::Text(start as u32, value.len() as u32 + 2));
        } else {
            self.word(&proc_macro2::Literal::string(value).to_string());
        }
    }

    pub fn space(&mut self) {
        self.layout.cmds.push(Cmd::Space);
    }

    /// A space when the group is flat, a line break when it is broken.
    pub fn line(&mut self) {
        self.layout.cmds.push(Cmd::Line);
    }

    /// A line break that breaks every group around it, up to the enclosing block.
    pub fn hard_line(&mut self) {
        self.layout.push(Cmd::HardLine);
    }

    pub fn blank_line(&mut self) {
        self.layout.push(Cmd::BlankLine);
    }

    /// A doc comment line (`line` with its leading space), as the layout writes a `#[doc]`
    /// attribute; one it cannot write as `///` stays an attribute.
    pub fn doc(&mut self, line: &str) {
        if !line.contains(['\n', '\r']) && !line.starts_with('/') {
            self.token("///");
            self.word(line);
        } else {
            self.token("#[");
            self.token("doc");
            self.space();
            self.token("=");
            self.space();
            self.word(&crate::print::doc_literal(line).to_string());
            self.token("]");
        }
        self.hard_line();
    }

    /// An outer attribute, `#[` what `write` writes `]`, on a line of its own.
    pub fn attribute(&mut self, write: impl FnOnce(&mut Self)) {
        self.token("#[");
        let in_attribute = std::mem::replace(&mut self.layout.in_attribute, true);
        write(self);
        self.layout.in_attribute = in_attribute;
        self.token("]");
        self.hard_line();
    }

    /// A group: on one line when it fits, else each of its [`Writer::line`]s breaks.
    pub fn group(&mut self, write: impl FnOnce(&mut Self)) {
        self.layout.begin(false);
        write(self);
        self.layout.end();
    }

    /// What `write` writes, its broken lines indented one step further.
    pub fn indented(&mut self, write: impl FnOnce(&mut Self)) {
        self.layout.cmds.push(Cmd::Indent);
        write(self);
        self.layout.cmds.push(Cmd::Dedent);
    }

    /// Generic arguments, `<` ... `>`; `list` when there are several or they nest generics
    /// (which may break like a list), `sticky` for those of a return type, which a long
    /// signature breaks only when breaking its parameters is not enough.
    pub fn generics(&mut self, list: bool, sticky: bool, count: usize, mut element: impl FnMut(&mut Self, usize)) {
        self.token("<");
        if list {
            if sticky {
                self.layout.cmds.push(Cmd::Sticky);
            }
            self.layout.begin(false);
            self.layout.cmds.push(Cmd::Indent);
            self.layout.cmds.push(Cmd::SoftLine);
        }
        for index in 0..count {
            if index > 0 {
                self.token(",");
                if list {
                    self.line();
                } else {
                    self.space();
                }
            }
            element(self, index);
        }
        if list {
            self.layout.close_generics();
        }
        self.token(">");
    }

    /// A delimited list of `count` elements: on one line when it fits, else one element per
    /// line.
    pub fn list(
        &mut self,
        (open, close): (&'static str, &'static str),
        count: usize,
        trailing: Trailing,
        opening: Opening,
        mut element: impl FnMut(&mut Self, usize),
    ) {
        if count == 0 {
            self.token(open);
            self.token(close);
            return;
        }
        let line = match opening {
            Opening::Soft => Cmd::SoftLine,
            Opening::Spaced => Cmd::Line,
        };
        self.token(open);
        self.layout.begin(false);
        self.layout.cmds.push(Cmd::Indent);
        self.layout.cmds.push(line);
        for index in 0..count {
            if index > 0 {
                self.token(",");
                self.line();
            }
            element(self, index);
        }
        if trailing == Trailing::Comma {
            self.layout.cmds.push(Cmd::IfBroken(","));
        }
        self.layout.cmds.push(Cmd::Dedent);
        self.layout.cmds.push(line);
        self.layout.end();
        self.token(close);
    }

    /// A block, `{` and `}` on lines of their own around what `write` writes (each statement
    /// or item after a [`Writer::hard_line`] or [`Writer::blank_line`]); `{}` when it writes
    /// nothing.
    pub fn block(&mut self, write: impl FnOnce(&mut Self)) {
        let start = self.layout.cmds.len();
        self.token("{");
        self.layout.begin(true);
        self.layout.cmds.push(Cmd::Indent);
        let body = self.layout.cmds.len();
        write(self);
        if self.layout.cmds.len() == body {
            self.layout.open.pop();
            self.layout.cmds.truncate(start);
            self.token("{}");
            return;
        }
        self.layout.cmds.push(Cmd::Dedent);
        self.layout.push(Cmd::HardLine);
        self.layout.end();
        self.token("}");
    }
}
