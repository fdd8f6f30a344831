//! Layout: token streams printed as formatted Rust directly, without parsing them into a
//! syntax tree. Parsing tokens back into `syn` and printing them with
//! prettyplease was three quarters of generation time; this module reads the tokens once.
//!
//! Three steps, a module each. [`atoms`] turns each token level into atoms: identifiers,
//! literals, groups and operators, the operators classified by what comes before them (a `<`
//! after a type name opens generics, a `&` after a value is binary, a `|` where a value is
//! expected opens closure parameters). [`statements`] splits the atoms into items, statements,
//! attributes and match arms, and [`sequence`] writes what is within one of them (spaces, list
//! elements, brace groups) as layout commands in the manner of Wadler's "prettier printer".
//! This module renders the commands: a group prints on one line when it fits in [`WIDTH`]
//! columns, else each of its elements goes on a line of its own. Blocks, item and field lists
//! are always broken. Doc attributes become `///` and `//!` lines.
//!
//! The layout only changes whitespace and trailing commas, never tokens: the output lexes to
//! the same tokens and parses to the same syntax as the input. `tests/tests/suite/layout.rs` checks
//! this on our own output against prettyplease; `tests/tests/suite/layout_differential.rs` on
//! arbitrary Rust and on every file the corpus's specs emit, as does the fuzz target
//! `fuzz/fuzz_targets/layout.rs`.

use proc_macro2::TokenStream;

use atoms::Atom;

mod atoms;
mod sequence;
mod statements;
mod writer;

pub use writer::{Opening, Trailing, Writer};

/// The column limit, as rustfmt's default.
const WIDTH: usize = 100;
const INDENT: usize = 4;

/// Prints a file (or a part of one) of items.
pub fn print_file(tokens: TokenStream) -> String {
    lay_out(|layout| {
        let atoms = layout.atoms(tokens, true);
        layout.statements(&atoms, List::File);
    })
}

/// Prints the items a [`Writer`] writes.
pub fn print_written(write: impl FnOnce(&mut Writer<'_>)) -> String {
    lay_out(|layout| write(&mut Writer::new(layout)))
}

/// Lays out what `make` writes into a layout's commands, in working buffers kept for the
/// next part printed on the thread.
fn lay_out(make: impl FnOnce(&mut Layout)) -> String {
    let Buffers { mut arena, mut cmds, mut open, mut out } = BUFFERS.with(|buffers| buffers.take());
    arena.clear();
    cmds.clear();
    open.clear();
    let mut layout = Layout { arena, cmds, open, in_attribute: false, keep_commas: false };
    make(&mut layout);
    layout.push(Cmd::HardLine);
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

impl Layout {
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

#[cfg(test)]
mod tests;
