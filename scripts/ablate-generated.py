#!/usr/bin/env python3
"""Ablations of a generated crate's `cargo check`: copies of the crate with one kind of code
changed by editing its text (not by the generator), to learn what that kind of code costs the
compiler before changing the generator. docs/design.md ("Ablations of 2026-12-08") has the
results and what they say.

    scripts/ablate-generated.py make CRATE OUT VARIANT   # a changed copy of CRATE in OUT
    scripts/ablate-generated.py time RUNS DIR...         # `cargo check` of each DIR, alternated

Every copy (`base` included: the crate unchanged) starts with
`#![allow(unused, dead_code, deprecated, unreachable_code)]`, so that no variant pays for
warnings the others do not print; compare a variant with `base`, never with the crate itself.
`time` touches each crate's `src/lib.rs` and runs `cargo check --quiet` with
`CARGO_INCREMENTAL=0` and `CARGO_TARGET_DIR` (default: a shared `target-ablation` beside the
first DIR, so dependencies build once); it prints the median and every run, in seconds.

Variants (not equivalent code unless said; the trivial ones give what a kind of impl costs at
most):
  base                      the crate unchanged
  models-Debug              models' derived Debug replaced by a one-line impl printing the name
  models-PartialEq          models' derived PartialEq replaced by `true`
  models-Clone              models' derived Clone replaced by `unimplemented!()`
  ops-Debug                 the same for the operation builders' Debug
  nodocs                    every doc comment removed
  models-debugslice         models' Debug as one runtime call with `&[&dyn Debug]` (equivalent)
  models-debugtuple         models' Debug as one runtime call with a tuple of field references
  shared                    one `fn wire_fields_(&self)` per model returning its Serialize tuple,
                            used by Serialize, Debug and PartialEq (tuple comparison)
  sendnamed                 `send` returning a named runtime future instead of `impl Future`
  nocallsetters             the `impl Call<'_, Op>` blocks of per-call setters removed
  noconsts                  the four associated constants per operation removed, their values
                            written where `build` used them (equivalent code, smaller API)
  noinherent                the inherent `build` and `decode_response` moved into the
                            `Operation` impl in place of its forwarding pair (equivalent code;
                            callers need the trait in scope)
  body-models-FN, body-ops-FN  every method FN's body replaced by `unimplemented!()`
"""
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import time

TRIVIAL = {
 'Debug': 'impl std::fmt::Debug for {n} {{ fn fmt(&self, f: &mut std::fmt::Formatter<\'_>) -> std::fmt::Result {{ f.write_str("{n}") }} }}',
 'PartialEq': 'impl PartialEq for {n} {{ fn eq(&self, _: &Self) -> bool {{ true }} }}',
 'Clone': 'impl Clone for {n} {{ fn clone(&self) -> Self {{ unimplemented!() }} }}',
}
def trivialize(path, trait):
    lines = path.read_text().split('\n')
    out, extra = [], []
    for i, line in enumerate(lines):
        m = re.match(r'#\[derive\((.*)\)\]$', line)
        if m and trait in [t.strip() for t in m.group(1).split(',')] and 'Copy' not in m.group(1):
            if trait == 'PartialEq' and 'Eq' in [t.strip() for t in m.group(1).split(',')]:
                out.append(line); continue
            traits = [t.strip() for t in m.group(1).split(',') if t.strip() != trait]
            cfg = lines[i-1] if lines[i-1].startswith('#[cfg') else ''
            name = None
            for l in lines[i+1:i+8]:
                mm = re.match(r'pub (?:struct|enum) (\w+)', l)
                if mm: name = mm.group(1); break
            if name is None:
                out.append(line); continue
            out.append('#[derive(' + ', '.join(traits) + ')]' if traits else '')
            extra.append(cfg); extra.append(TRIVIAL[trait].format(n=name))
        else:
            out.append(line)
    path.write_text('\n'.join(out + extra) + '\n')

def split_args(s, angle=False):
    depth, cur, out = 0, '', []
    opens, closes = ('([{<', ')]}>') if angle else ('([{', ')]}')
    for ch in s:
        if ch in opens: depth += 1
        if ch in closes: depth -= 1
        if ch == ',' and depth == 0:
            out.append(cur.strip()); cur = ''
        else: cur += ch
    if cur.strip(): out.append(cur.strip())
    return out

def serialize_tuples(text):
    """The tuple of field references each struct's `Serialize` hands to `encode_object`."""
    tuples = {}
    for m in re.finditer(r'impl Serialize for (\w+) \{\n.*?encode_object\(', text, re.S):
        i = m.end(); depth = 1; j = i
        while depth:
            if text[j] in '([{': depth += 1
            elif text[j] in ')]}': depth -= 1
            j += 1
        tuples[m.group(1)] = split_args(text[i:j-1])[2]
    return tuples


def rewrite_derived_debug(root, text, tuples, dropped, items_for):
    """Takes the traits `dropped` out of the derive of each struct with a derived `Debug` and
    a tuple in `tuples`, and appends the items `items_for(name, tuple, names_literal)` under
    the struct's `#[cfg]`; adds the runtime's tuple form of `Debug`."""
    lines = text.split('\n'); out = []; extra = []
    for i, line in enumerate(lines):
        m = re.match(r'#\[derive\((.*)\)\]$', line)
        name = None
        if m and 'Debug' in m.group(1):
            for l in lines[i+1:i+8]:
                mm = re.match(r'pub struct (\w+)', l)
                if mm: name = mm.group(1); break
        if name not in tuples:
            out.append(line)
            continue
        traits = [t.strip() for t in m.group(1).split(',') if t.strip() not in dropped]
        out.append('#[derive(' + ', '.join(traits) + ')]')
        cfg = lines[i-1] if lines[i-1].startswith('#[cfg') else ''
        names = re.findall(r'self\.((?:r#)?\w+)', tuples[name])
        names_literal = '&[' + ', '.join('"%s"' % n.replace('r#', '') for n in names) + ']'
        for item in items_for(name, tuples[name], names_literal):
            extra += [cfg, item]
    (root/'models.rs').write_text('\n'.join(out + extra) + '\n')
    enc = root/'runtime'/'model_encoding.rs'
    enc.write_text(enc.read_text() + RUNTIME_DEBUG)


def debug_impl(name, body):
    return 'impl std::fmt::Debug for %s {\n    fn fmt(&self, f: &mut std::fmt::Formatter<\'_>) -> std::fmt::Result {\n        %s\n    }\n}' % (name, body)


def debug_via(root, how):
    text = (root/'models.rs').read_text()
    def items(name, tup, names_literal):
        if how == 'slice':
            values = ', '.join('&self.' + n for n in re.findall(r'self\.((?:r#)?\w+)', tup))
            body = 'super::runtime::model_encoding::debug_object(f, "%s", %s, &[%s])' % (name, names_literal, values)
        else:
            body = 'super::runtime::model_encoding::debug_fields(f, "%s", %s, %s)' % (name, names_literal, tup)
        return [debug_impl(name, body)]
    rewrite_derived_debug(root, text, serialize_tuples(text), ('Debug',), items)


def shared_fields(root):
    text = (root/'models.rs').read_text()
    # field types per struct
    ftypes = {}
    for m in re.finditer(r'^pub struct (\w+) \{\n(.*?)^\}', text, re.M | re.S):
        body = '\n'.join(l for l in m.group(2).split('\n') if not l.strip().startswith(('///', '#[')))
        fields = {}
        for part in split_args(body, angle=True):
            mm = re.match(r'pub ((?:r#)?\w+): (.*)$', ' '.join(part.split()), re.S)
            if mm: fields[mm.group(1)] = mm.group(2).replace('< ', '<').replace(' >', '>').replace(',>', '>')
        ftypes[m.group(1)] = fields
    # Only the structs whose Debug is derived get `wire_fields_` (a written Debug stays).
    derived = set(re.findall(r'#\[derive\([^)]*Debug[^)]*\)\]\n(?:#\[.*\]\n)*pub struct (\w+)', text))
    tuples = {name: tup for name, tup in serialize_tuples(text).items() if name in derived}
    # replace the tuple argument by self.wire_fields_()
    def sub_ser(m):
        body = m.group(0)
        tup = tuples[m.group(1)]
        k = body.rfind(tup)
        return body[:k] + 'self.wire_fields_()' + body[k+len(tup):]
    text = re.sub(r'impl Serialize for (\w+) \{\n.*?\n\}\n', lambda m: sub_ser(m) if m.group(1) in tuples else m.group(0), text, flags=re.S)
    def items(name, tup, names_literal):
        types = ftypes[name]
        ty = re.sub(r'Some\(&self\.((?:r#)?\w+)\)', lambda mm: 'Option<&' + types[mm.group(1)] + '>', tup)
        ty = re.sub(r'&self\.((?:r#)?\w+)', lambda mm: '&' + types[mm.group(1)], ty)
        return [
            'impl %s {\n    fn wire_fields_(&self) -> %s {\n        %s\n    }\n}' % (name, ty, tup),
            debug_impl(name, 'super::runtime::model_encoding::debug_fields(f, "%s", %s, self.wire_fields_())' % (name, names_literal)),
            'impl PartialEq for %s {\n    fn eq(&self, other: &Self) -> bool {\n        self.wire_fields_() == other.wire_fields_()\n    }\n}' % name,
        ]
    rewrite_derived_debug(root, text, tuples, ('Debug', 'PartialEq'), items)


# `debug_object` (the slice form) is the runtime's own; the tuple form is added.
RUNTIME_DEBUG = r"""
pub fn debug_fields<E: DebugEntries>(f: &mut std::fmt::Formatter<'_>, name: &str, names: &[&'static str], entries: E) -> std::fmt::Result {
    let mut s = f.debug_struct(name);
    entries.debug(&mut names.iter(), &mut s);
    s.finish()
}
pub trait DebugEntries {
    fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>);
}
impl<T: std::fmt::Debug> DebugEntries for &Option<T> {
    fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>) {
        if let Some(n) = names.next() { s.field(n, *self); }
    }
}
impl<T: std::fmt::Debug> DebugEntries for &Nullable<T> {
    fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>) {
        if let Some(n) = names.next() { s.field(n, *self); }
    }
}
impl<T: std::fmt::Debug> DebugEntries for Option<&T> {
    fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>) {
        if let (Some(n), Some(v)) = (names.next(), self) { s.field(n, v); }
    }
}
impl<T: std::fmt::Debug> DebugEntries for &BTreeMap<String, T> {
    fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>) {
        if let Some(n) = names.next() { s.field(n, *self); }
    }
}
impl DebugEntries for () {
    fn debug(&self, _: &mut std::slice::Iter<'_, &'static str>, _: &mut std::fmt::DebugStruct<'_, '_>) {}
}
macro_rules! tuple_debug_entries {
    ($($entry:ident $position:tt),+) => {
        impl<$($entry: DebugEntries),+> DebugEntries for ($($entry,)+) {
            fn debug(&self, names: &mut std::slice::Iter<'_, &'static str>, s: &mut std::fmt::DebugStruct<'_, '_>) {
                $(self.$position.debug(names, s);)+
            }
        }
    };
}
tuple_debug_entries!(E0 0, E1 1);
tuple_debug_entries!(E0 0, E1 1, E2 2);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9, E10 10);
tuple_debug_entries!(E0 0, E1 1, E2 2, E3 3, E4 4, E5 5, E6 6, E7 7, E8 8, E9 9, E10 10, E11 11);
"""

SENDING = r"""
/// The future of one operation's whole call.
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct Sending<'a, O> {
    operation: &'a O,
    state: SendingState<'a>,
}

enum SendingState<'a> {
    Start(&'a Client),
    Sending(super::BoxFuture<'a, Result<RawResponse, TransportError>>),
    Done,
}

impl<'a, O: Operation> Sending<'a, O> {
    pub fn new(operation: &'a O, client: &'a Client) -> Self {
        Self { operation, state: SendingState::Start(client) }
    }
}

impl<O: Operation> std::future::Future for Sending<'_, O> {
    type Output = Result<Response<O::Output>, O::Error>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        let this = &mut *self;
        if let SendingState::Start(client) = this.state {
            match this.operation.build() {
                Ok(request) => this.state = SendingState::Sending(Box::pin(async move { client.send(&request).await })),
                Err(error) => {
                    this.state = SendingState::Done;
                    return std::task::Poll::Ready(Err(error.into()));
                }
            }
        }
        let SendingState::Sending(future) = &mut this.state else {
            panic!("`Sending` polled after it finished");
        };
        let response = std::task::ready!(future.as_mut().poll(cx));
        this.state = SendingState::Done;
        std::task::Poll::Ready(match response {
            Ok(response) => this.operation.decode_response(response),
            Err(error) => Err(error.into()),
        })
    }
}
"""


def make(src, dst, variant):
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns('target'))
    root = pathlib.Path(dst) / 'src'
    lib = root / 'lib.rs'
    lib.write_text('#![allow(unused, dead_code, deprecated, unreachable_code)]\n' + lib.read_text())
    v = variant
    if v == 'base':
        return
    if v == 'shared':
        shared_fields(root)
    elif v in ('models-debugslice', 'models-debugtuple'):
        debug_via(root, v.split('-')[1])
    elif v == 'sendnamed':
        call = root / 'runtime' / 'call.rs'
        call.write_text(call.read_text() + SENDING)
        for f in sorted((root / 'operations').glob('*.rs')):
            f.write_text(re.sub(
                r"-> impl std::future::Future<\s*Output = [^{]*?> \+ 'a \{\n(\s*)runtime::call::send\(self, client\)",
                r"-> runtime::call::Sending<'a, Self> {\n\1runtime::call::Sending::new(self, client)",
                f.read_text()))
    elif v == 'nocallsetters':
        for f in sorted((root / 'operations').glob('*.rs')):
            f.write_text(re.sub(r"(?ms)^impl runtime::Call<'_, \w+> \{\n.*?^\}\n", '', f.read_text()))
    elif v == 'noconsts':
        for f in sorted((root / 'operations').glob('*.rs')):
            f.write_text(inline_consts(f.read_text()))
    elif v == 'noinherent':
        for f in sorted((root / 'operations').glob('*.rs')):
            f.write_text(move_inherent(f.read_text()))
    elif v.startswith(('models-', 'ops-')):
        where, trait = v.split('-', 1)
        files = [root / 'models.rs'] if where == 'models' else sorted((root / 'operations').glob('*.rs'))
        for f in files:
            trivialize(f, trait)
    elif v == 'nodocs':
        for f in root.rglob('*.rs'):
            f.write_text(re.sub(r'(?m)^[ \t]*//[/!].*\n', '', f.read_text()))
    elif v.startswith('body-'):
        _, where, fn = v.split('-', 2)
        files = [root / 'models.rs'] if where == 'models' else sorted((root / 'operations').glob('*.rs'))
        for f in files:
            f.write_text(unimplemented_bodies(f.read_text(), fn))
    else:
        sys.exit('unknown variant ' + v)


CONST = re.compile(r"(?m)^    /// [^\n]*\n(?:    ///[^\n]*\n)*    pub const (\w+): [^=]+= ([^;]+);\n\n")

def inline_consts(text):
    """Each `impl Op {` block's constants removed and their values written at their uses."""
    def block(m):
        body = m.group(0)
        values = dict(CONST.findall(body))
        body = CONST.sub('', body)
        for name, value in values.items():
            body = body.replace('Self::' + name, value)
        return body
    return re.sub(r"(?ms)^impl (\w+) \{\n.*?^\}\n", block, text)


def method_block(body, fn):
    """The span of method `fn` (its attributes and doc lines included) in an impl body."""
    m = re.search(r"(?m)^(    (?:///[^\n]*|#\[inline\])\n)*    (?:pub )?fn " + fn + r"\b", body)
    end = body.index('\n    }\n', m.start()) + len('\n    }\n')
    return m.start(), end


def move_inherent(text):
    """The inherent `build` and `decode_response` of each operation moved into its
    `Operation` impl, replacing the forwarding methods there."""
    for name in re.findall(r"(?m)^impl runtime::Operation for (\w+) \{", text):
        inherent = re.search(r"(?ms)^impl " + name + r" \{\n.*?^\}\n", text)
        trait = re.search(r"(?ms)^impl runtime::Operation for " + name + r" \{\n.*?^\}\n", text)
        body, tbody = inherent.group(0), trait.group(0)
        for fn in ('build', 'decode_response'):
            s, e = method_block(body, fn)
            moved = body[s:e].replace('pub fn', 'fn')
            body = body[:s] + body[e:]
            ts, te = method_block(tbody, fn)
            tbody = tbody[:ts] + moved + tbody[te:]
        text = text.replace(inherent.group(0), body).replace(trait.group(0), tbody)
    return text


def unimplemented_bodies(text, fn):
    lines = text.split('\n')
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r'( *)(pub )?(async )?fn ' + re.escape(fn) + r'\b', lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        indent = m.group(1)
        j = i
        while not lines[j].rstrip().endswith('{'):
            j += 1
        out.extend(lines[i:j + 1])
        out.append(indent + '    unimplemented!()')
        k = j + 1
        while lines[k] != indent + '}':
            k += 1
        out.append(lines[k])
        i = k + 1
    return '\n'.join(out)


def time_checks(runs, dirs):
    import os
    env = dict(os.environ, CARGO_INCREMENTAL='0')
    env.setdefault('CARGO_TARGET_DIR', str(pathlib.Path(dirs[0]).resolve().parent / 'target-ablation'))
    times = {d: [] for d in dirs}
    for _ in range(runs):
        for d in dirs:
            (pathlib.Path(d) / 'src' / 'lib.rs').touch()
            start = time.monotonic()
            subprocess.run(['cargo', 'check', '--quiet'], cwd=d, env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[d].append(time.monotonic() - start)
    for d in dirs:
        print(f"{d}: median {statistics.median(times[d]):.2f} s; runs " + ' '.join(f'{t:.2f}' for t in times[d]))


if __name__ == '__main__':
    if len(sys.argv) == 5 and sys.argv[1] == 'make':
        make(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) >= 4 and sys.argv[1] == 'time':
        time_checks(int(sys.argv[2]), sys.argv[3:])
    else:
        sys.exit(__doc__)
