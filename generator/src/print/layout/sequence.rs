//! What lies within one statement: the spaces between atoms, groups and their lists (call
//! arguments, generics, fields, brace groups of every [`Brace`] kind), and where a long line
//! may break (method chains, conditions, list elements).

use proc_macro2::Delimiter;

use super::atoms::{longest_operator, Atom, Kind, Role, GLUED_PAIRS};
use super::{Brace, Cmd, Layout, List};

impl Layout {
    /// Tokens on one line, groups broken when they do not fit; a method chain of two calls or
    /// more, or a condition of `&&`/`||`, breaks before each `.call()` or operator when the
    /// whole does not fit. `verbatim` (macro arguments): commas stay as written.
    pub(super) fn sequence(&mut self, atoms: &[Atom], verbatim: bool) {
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
                        // `unsafe fn(u8)`, `unsafe extern "C" fn(u8)`: a function pointer's type.
                        "unsafe" if self.function_pointer_follows(&atoms[i + 1..]) => continue,
                        // `for<'a> fn(&'a u8)`, `for<'a> Fn(&'a u8)`: a binder, no loop.
                        "for" if self.binder_follows(&atoms[i + 1..]) => continue,
                        // `<impl Clone as Default>::f()`, `Vec<impl Clone>`: a type, no block.
                        "impl" if !generics.is_empty() => continue,
                        "impl" | "trait" | "mod" => (Brace::Items, true),
                        "struct" | "enum" => (Brace::Fields, true),
                        "match" => (Brace::Arms, true),
                        "if" | "while" | "for" | "loop" | "else" | "unsafe" => (Brace::Block, false),
                        // `async {}`, `async move {}`, `const {}`: the block is a value, laid out
                        // as a block where one is expected (see `expects_value`); waiting for it
                        // here would leave it waiting in `match async {} { arms }`.
                        "async" | "move" | "const" => continue,
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
                    let block_like = matches!(keyword, "loop" | "if" | "match" | "while" | "for" | "unsafe");
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
                    let loop_pattern = keyword == "for" && !self.binder_follows(&atoms[i + 1..]);
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
                            // In a pattern a `|` separates alternatives (`1.. | x`), whatever
                            // its spacing says; no closure opens there.
                            Role::ClosureOpen if !in_pattern => closure_params = Some(generics.len()),
                            Role::ClosureClose | Role::ClosureEmpty if !in_pattern => {
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
                    // `name! ident (...)`: the arguments of a macro called with an identifier
                    // before them, as `macro_rules!` is; braces are its body (a definition).
                    let named_macro_args = i >= 2
                        && atoms[i - 2].is_role(Role::Bang)
                        && prev.is_some_and(|p| matches!(p.kind, Kind::Word));
                    let macro_args = verbatim || named_macro_args || prev.is_some_and(|p| p.is_role(Role::Bang));
                    match delimiter {
                        Delimiter::Brace => {
                            let macro_definition = named_macro_args;
                            // `match { x } { arms }`, `if a == { x } {}`: a block where a value is
                            // expected is an expression (the scrutinee or condition), not the
                            // block that the keyword opens.
                            let labelled = i >= 2
                                && prev.is_some_and(|p| p.is_role(Role::Colon))
                                && matches!(atoms[i - 2].kind, Kind::Keyword)
                                && self.text(&atoms[i - 2]).starts_with('\'');
                            let scrutinee = !controls.is_empty() && (labelled || self.expects_value(&atoms[..i]));
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
    pub(super) fn dot_after_integer(&self, atoms: &[Atom], i: usize) -> bool {
        let digits =
            |a: &Atom| matches!(a.kind, Kind::Literal) && self.text(a).bytes().all(|b| b.is_ascii_digit() || b == b'_');
        let integer = i > 0 && digits(&atoms[i - 1]);
        // An identifier ends the number (`1.f` is `1`, `.`, `f`); anything else after `1.`
        // (a string, a lifetime, another number) would make it a float. A field's number after
        // a field's (`x.0.1`) lexes as `x`, `.`, `0.1`, which is the same to the parser.
        let field = |a: &Atom| {
            matches!(a.kind, Kind::Word | Kind::Keyword)
                && self.text(a).starts_with(|c: char| c == '_' || c.is_alphabetic())
                || digits(a) && i >= 2 && atoms[i - 2].is_op(".")
        };
        integer && atoms[i].is_op(".") && !atoms.get(i + 1).is_some_and(field)
    }

    /// Whether `rest`, after a `for`, starts with the lifetimes of a binder (`for<'a>`, `for<>`),
    /// not the qualified path of a loop's pattern (`for <T as Trait>::X in x`).
    pub(super) fn binder_follows(&self, rest: &[Atom]) -> bool {
        matches!(rest, [open, next, ..] if open.is_op("<") && (next.is_op(">") || self.text(next).starts_with('\'')))
    }

    /// Whether `rest` starts with the `fn(` of a function pointer's type, after an optional
    /// `extern` and ABI.
    pub(super) fn function_pointer_follows(&self, rest: &[Atom]) -> bool {
        let rest = match rest {
            [ext, abi, rest @ ..] if self.is_keyword(ext, "extern") && matches!(abi.kind, Kind::Literal) => rest,
            [ext, rest @ ..] if self.is_keyword(ext, "extern") => rest,
            _ => rest,
        };
        matches!(rest, [f, args, ..] if self.is_keyword(f, "fn") && args.group(Delimiter::Parenthesis).is_some())
    }

    /// Whether a value is expected after the last of `before`, so that a block there is an
    /// expression: after `match`, `if`, `while`, `in`, `mut`, `return`, `break` or an operator,
    /// and the block of `async {}`, `async move {}` or `const {}`, which is a value itself (a
    /// brace follows `move` only there, not in `move || {}`). After `!` only where the `!` is
    /// itself in such a place (`match !{ x } {}`), not the never type (`impl Trait for ! {}`,
    /// `-> *const ! {}`).
    pub(super) fn expects_value(&self, before: &[Atom]) -> bool {
        let Some((atom, rest)) = before.split_last() else { return false };
        match atom.kind {
            Kind::Keyword => {
                // `&mut { x }`, `return { x }`, `break { x }`: a brace there is a value too.
                matches!(
                    self.text(atom),
                    "match" | "if" | "while" | "in" | "async" | "move" | "const" | "mut" | "return" | "break"
                )
            }
            Kind::Op("!", Role::Unary) => rest.last().is_some_and(|prev| match prev.kind {
                Kind::Keyword => matches!(self.text(prev), "match" | "if" | "while" | "in" | "return" | "break"),
                Kind::Op("!", Role::Unary) => self.expects_value(rest),
                Kind::Op(op, role) => op != "->" && matches!(role, Role::Binary | Role::Range),
                _ => false,
            }),
            Kind::Op(op, role) => op != "!" && matches!(role, Role::Binary | Role::Range | Role::Unary),
            _ => false,
        }
    }

    /// Whether `before` ends with the `>` of generics opened after `impl` or `for`.
    pub(super) fn closes_binder(&self, before: &[Atom]) -> bool {
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
    pub(super) fn returned_type_starts(&self, before: &[Atom]) -> bool {
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

    pub(super) fn close_generics(&mut self) {
        if !self.keep_commas {
            self.cmds.push(Cmd::IfBroken(","));
        }
        self.cmds.push(Cmd::Dedent);
        self.cmds.push(Cmd::SoftLine);
        self.end();
    }

    pub(super) fn space_between(&self, prev: &Atom, next: &Atom) -> bool {
        // `1.` then `.` or `..`: written together, `1...` would lex as `1` and `...`.
        if matches!(prev.kind, Kind::Literal)
            && matches!(next.kind, Kind::Op(op, _) if op.starts_with('.'))
            && self.text(prev).ends_with('.')
        {
            return true;
        }
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
    pub(super) fn delimited(&mut self, delimiter: Delimiter, atoms: &[Atom], call: bool, verbatim: bool) {
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

    pub(super) fn list(
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

    pub(super) fn brace(&mut self, atoms: &[Atom], brace: Brace, verbatim: bool) {
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
                self.open_block();
                self.push(Cmd::HardLine);
                self.statements(atoms, if brace == Brace::Items { List::Items } else { List::Statements });
                self.close_block();
            }
            Brace::Fields => {
                self.open_block();
                let (elements, trailing) = split_commas(atoms);
                let count = elements.len();
                for (index, element) in elements.into_iter().enumerate() {
                    self.push(Cmd::HardLine);
                    self.statement(element);
                    if !verbatim || index + 1 < count || trailing {
                        self.cmds.push(Cmd::Str(","));
                    }
                }
                self.close_block();
            }
            Brace::Arms => {
                self.open_block();
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
                self.close_block();
            }
        }
    }

    /// Opens a block that is always broken: `{`, then its lines indented.
    fn open_block(&mut self) {
        self.cmds.push(Cmd::Str("{"));
        self.begin(true);
        self.cmds.push(Cmd::Indent);
    }

    /// Closes what [`Self::open_block`] opened, `}` on a line of its own.
    fn close_block(&mut self) {
        self.cmds.push(Cmd::Dedent);
        self.push(Cmd::HardLine);
        self.end();
        self.cmds.push(Cmd::Str("}"));
    }
}

/// Whether the generic arguments after a `<` are several, separated by commas, or nest
/// generics: short ones (`Visitor<'de>`) stay on their line.
pub(super) fn generic_list(atoms: &[Atom]) -> bool {
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
pub(super) fn fragment_specifier(atoms: &[Atom], i: usize) -> bool {
    i >= 3
        && atoms[i - 1].is_role(Role::Colon)
        && matches!(atoms[i - 2].kind, Kind::Word)
        && atoms[i - 3].is_op("$")
        && matches!(atoms[i].kind, Kind::Word)
}

/// Whether the atoms are a struct literal: a path (`Request`, `models::Item`) and its braces.
pub(super) fn struct_literal(atoms: &[Atom]) -> bool {
    match atoms.split_last() {
        Some((last, [first, path @ ..])) => {
            last.group(Delimiter::Brace).is_some()
                && matches!(first.kind, Kind::Word)
                && path.iter().all(|a| matches!(a.kind, Kind::Word) || a.is_role(Role::Path))
        }
        _ => false,
    }
}

/// The elements of a comma-separated list, and whether it ends with a comma.
pub(super) fn split_commas(atoms: &[Atom]) -> (Vec<&[Atom]>, bool) {
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
