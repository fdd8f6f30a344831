//! Items, statements, attributes and match arms: where each ends in a list of atoms, the
//! blank lines between them, and doc attributes written back as `///` and `//!` comments.

use proc_macro2::Delimiter;

use super::atoms::{Atom, Kind, Role};
use super::{Cmd, Layout, List};

impl Layout {
    /// Splits a list of items or statements and prints each on its own lines.
    pub(super) fn statements(&mut self, atoms: &[Atom], list: List) {
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
    pub(super) fn blank_between(&self, prev: &[Atom], next: &[Atom], list: List) -> bool {
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
    pub(super) fn statement_end(&self, atoms: &[Atom], start: usize) -> usize {
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
    pub(super) fn block_end(&self, atoms: &[Atom], i: usize, conditional: bool) -> Option<usize> {
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
                    let text = self.text(atom);
                    let opens_block = match text {
                        // An `else` in the condition has a block of its own (the `else` of the
                        // statement's own `if` comes after its block, where none is pending).
                        // Not `async`, `async move` or `const`: their blocks are values (see
                        // `expects_value`), passed over below as no keyword's block.
                        // Not in a type (`if <unsafe fn() as Trait>::X {}`, `x as for<'a>
                        // fn(&'a u8)`).
                        _ if generics > 0 => false,
                        "unsafe" => !self.function_pointer_follows(&atoms[k + 1..]),
                        "for" => !self.binder_follows(&atoms[k + 1..]),
                        "if" | "match" | "while" | "loop" | "else" => true,
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
                    let binder = self.binder_follows(&atoms[k + 1..]);
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
                Kind::Group(Delimiter::Brace, _) if k > i && self.expects_value(&atoms[..k]) => {}
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
    pub(super) fn statement(&mut self, atoms: &[Atom]) {
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
    pub(super) fn attribute(&mut self, inner: bool, atoms: &[Atom]) {
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

    /// A match arm; a body that does not fit after the `=>` goes on the next line. The comma
    /// after a block is dropped, as rustfmt drops it, unless the commas are `verbatim` (a
    /// macro's).
    pub(super) fn arm(&mut self, arm: &[Atom], comma: bool, verbatim: bool) {
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
    pub(super) fn arm_end(&self, atoms: &[Atom], start: usize) -> usize {
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
    pub(super) fn starts_arm(&self, atom: &Atom) -> bool {
        !matches!(atom.kind, Kind::Op(_, Role::Dot | Role::Question | Role::Binary | Role::Range))
            && !self.is_keyword(atom, "as")
    }
}

/// The number of leading atoms that are outer attributes.
pub(super) fn attributes_end(atoms: &[Atom]) -> usize {
    let mut i = 0;
    while atoms.get(i).is_some_and(|a| a.is_role(Role::Pound))
        && atoms.get(i + 1).and_then(|a| a.group(Delimiter::Bracket)).is_some()
    {
        i += 2;
    }
    i
}

/// Where the value of a string literal is in its text when it is written as it is (a raw
/// string, or a string without escapes): offset and length.
pub(super) fn verbatim_body(literal: &str) -> Option<(usize, usize)> {
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
pub(super) fn unescape(literal: &str) -> Option<String> {
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
