//! The reader: YAML text to the list of nodes' events that the deserializer walks, for the
//! subset of YAML that specs are written in. Whatever it is not sure to read exactly as libyaml
//! does is [`Unsupported`], and the caller parses the document with serde_yaml instead.
//!
//! Where libyaml's rules are subtle (folding line breaks in plain, quoted and block scalars,
//! the indentation of a block scalar), the functions here follow its scanner step by step, so
//! that the two agree on every document this reader accepts; the differential tests in
//! `tests.rs` hold them to that.

use std::borrow::Cow;

pub(super) enum Event<'a> {
    Scalar(Scalar<'a>),
    SequenceStart,
    SequenceEnd,
    MappingStart,
    MappingEnd,
}

pub(super) struct Scalar<'a> {
    pub(super) value: Cow<'a, str>,
    /// Only plain scalars are resolved to null, booleans and numbers; quoted and block ones are
    /// strings.
    pub(super) plain: bool,
}

/// The document is outside the subset this reader knows (or is not YAML): parse it with
/// serde_yaml, which also gives the error its place.
#[derive(Debug)]
pub(super) struct Unsupported;

type Read<T> = Result<T, Unsupported>;

/// Deeper nesting is left to serde_yaml, whose recursion limit (128, counting newtypes too)
/// then decides.
const MAX_DEPTH: usize = 64;

/// libyaml's limit on the length of a simple key.
const MAX_KEY_BYTES: usize = 1024;

/// Reads a whole single-document YAML text into events.
pub(super) fn read(text: &str) -> Read<Vec<Event<'_>>> {
    check_characters(text)?;
    // About one event for every 20 bytes of a large spec: reserved at once rather than grown
    // (and copied) a dozen times.
    let events = Vec::with_capacity(text.len() / 20);
    let mut reader = Reader { text, bytes: text.as_bytes(), pos: 0, events, depth: 0 };
    reader.document()?;
    Ok(reader.events)
}

/// Characters libyaml treats in ways this reader does not: line breaks other than `\n` (a
/// carriage return, NEL, and the Unicode line and paragraph separators), a byte order mark, and
/// the non-printable characters libyaml rejects.
fn check_characters(text: &str) -> Read<()> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if !(b == b'\n' || b == b'\t' || (0x20..0x7f).contains(&b)) {
                return Err(Unsupported);
            }
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().ok_or(Unsupported)?;
        at += c.len_utf8();
        let ok = match c {
            '\n' | '\t' => true,
            '\u{20}'..='\u{7e}' => true,
            '\u{a0}'..='\u{d7ff}' => true,
            '\u{e000}'..='\u{fffd}' => c != '\u{feff}',
            '\u{10000}'..='\u{10ffff}' => true,
            _ => false,
        };
        // Line and paragraph separators are line breaks to libyaml.
        if !ok || c == '\u{2028}' || c == '\u{2029}' {
            return Err(Unsupported);
        }
    }
    Ok(())
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// Where a plain scalar's text on one line stopped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PlainStop {
    /// At the end of the line (the position of the `\n`, or the end of the text).
    LineEnd,
    /// At a comment: ` #`.
    Comment,
    /// At `:` followed by a blank or the end of the line: the scalar is a mapping key.
    Colon,
    /// At a flow indicator (flow context only).
    FlowIndicator,
}

/// A content line: where it starts and how many spaces indent it.
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    indent: usize,
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    events: Vec<Event<'a>>,
    depth: usize,
}

impl<'a> Reader<'a> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes[from..]).map_or(self.bytes.len(), |at| from + at)
    }

    /// The start of the line after the one `from` is on (or the end of the text).
    fn next_line(&self, from: usize) -> usize {
        let end = self.line_end(from);
        if end < self.bytes.len() {
            end + 1
        } else {
            end
        }
    }

    /// Whether a blank or the end of the line or text follows `at`.
    fn blank_or_end_at(&self, at: usize) -> bool {
        self.byte(at).is_none_or(|b| is_blank(b) || b == b'\n')
    }

    fn is_document_marker(&self, start: usize) -> bool {
        let rest = &self.bytes[start..];
        (rest.starts_with(b"---") || rest.starts_with(b"...")) && self.blank_or_end_at(start + 3)
    }

    /// From a line start, the next line with content, passing over empty, blank and comment
    /// lines; `None` at the end of the text. A tab in the indentation, or a document marker,
    /// is outside the subset.
    fn content_line(&self, start: usize) -> Read<Option<Line>> {
        match self.text_line(start)? {
            Some(line) if line.indent == 0 && self.is_document_marker(line.start) => Err(Unsupported),
            line => Ok(line),
        }
    }

    /// [`Self::content_line`] that lets a document marker through.
    fn text_line(&self, mut start: usize) -> Read<Option<Line>> {
        while start < self.bytes.len() {
            let mut at = start;
            while self.byte(at) == Some(b' ') {
                at += 1;
            }
            match self.byte(at) {
                None => return Ok(None),
                Some(b'\n') => start = at + 1,
                Some(b'\t') => return Err(Unsupported),
                Some(b'#') => start = self.next_line(at),
                Some(_) => return Ok(Some(Line { start, indent: at - start })),
            }
        }
        Ok(None)
    }

    /// After a node's last token on a line: only blanks and a comment may follow; the cursor
    /// moves to the next line.
    fn end_of_line(&mut self) -> Read<()> {
        let mut at = self.pos;
        while self.byte(at).is_some_and(is_blank) {
            at += 1;
        }
        match self.byte(at) {
            None | Some(b'\n') => {}
            Some(b'#') if at > self.pos => {}
            Some(_) => return Err(Unsupported),
        }
        self.pos = self.next_line(at);
        Ok(())
    }

    fn enter(&mut self) -> Read<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Unsupported);
        }
        Ok(())
    }

    fn document(&mut self) -> Read<()> {
        let mut line = self.text_line(0)?.ok_or(Unsupported)?;
        if self.is_document_marker(line.start) {
            // `---` alone (or with a comment) on the first line.
            if &self.bytes[line.start..line.start + 3] != b"---" {
                return Err(Unsupported);
            }
            self.pos = line.start + 3;
            self.end_of_line()?;
            line = self.content_line(self.pos)?.ok_or(Unsupported)?;
        }
        if line.indent != 0 {
            return Err(Unsupported);
        }
        self.pos = line.start;
        match self.collection_at(line.start)? {
            Some(Collection::Sequence) => self.block_sequence(0)?,
            Some(Collection::Mapping { key, colon }) => self.block_mapping(0, key, colon)?,
            // A document that is a single scalar is not a spec.
            None => return Err(Unsupported),
        }
        if self.content_line(self.pos)?.is_some() {
            return Err(Unsupported);
        }
        Ok(())
    }

    /// What starts at `at` (the first character of a node on its line): a block sequence entry,
    /// a block mapping's first key (read here, once), or neither (a scalar or flow
    /// collection).
    fn collection_at(&self, at: usize) -> Read<Option<Collection<'a>>> {
        let Some(first) = self.byte(at) else { return Ok(None) };
        if first == b'-' && self.blank_or_end_at(at + 1) {
            return Ok(Some(Collection::Sequence));
        }
        if matches!(first, b'?' | b':') && self.blank_or_end_at(at + 1) {
            return Err(Unsupported);
        }
        let key = match first {
            b'\'' | b'"' => {
                let (value, end) = self.quoted_at(at)?;
                // A key is on one line: libyaml forgets one across a line break.
                let on_one_line = memchr::memchr(b'\n', &self.bytes[at..end]).is_none();
                self.colon_after(end).filter(|_| on_one_line).map(|colon| (Scalar { value, plain: false }, colon))
            }
            _ if starts_plain(self.bytes, at, false) => {
                let (end, stop, stop_at) = self.plain_line(at, false);
                let key = Scalar { value: Cow::Borrowed(&self.text[at..end]), plain: true };
                (stop == PlainStop::Colon).then_some((key, stop_at))
            }
            _ => None,
        };
        match key {
            Some((_, colon)) if colon - at > MAX_KEY_BYTES => Err(Unsupported),
            Some((key, colon)) => Ok(Some(Collection::Mapping { key, colon })),
            None => Ok(None),
        }
    }

    /// Where the `:` is when blanks and then a `:` followed by a blank or line end come at `at`.
    fn colon_after(&self, mut at: usize) -> Option<usize> {
        while self.byte(at).is_some_and(is_blank) {
            at += 1;
        }
        (self.byte(at) == Some(b':') && self.blank_or_end_at(at + 1)).then_some(at)
    }

    /// A block mapping whose keys are at column `indent`, from its first key (read by
    /// [`Self::collection_at`]) and the position of that key's `:`.
    fn block_mapping(&mut self, indent: usize, mut key: Scalar<'a>, mut colon: usize) -> Read<()> {
        self.enter()?;
        self.events.push(Event::MappingStart);
        loop {
            self.events.push(Event::Scalar(key));
            self.pos = colon + 1;
            self.block_value(indent)?;
            let Some(line) = self.content_line(self.pos)? else { break };
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(Unsupported);
            }
            self.pos = line.start + indent;
            let Some(Collection::Mapping { key: next, colon: next_colon }) = self.collection_at(self.pos)? else {
                return Err(Unsupported);
            };
            (key, colon) = (next, next_colon);
        }
        self.events.push(Event::MappingEnd);
        self.depth -= 1;
        Ok(())
    }

    /// The value after a key's `:` in a block mapping whose keys are at column `indent`.
    fn block_value(&mut self, indent: usize) -> Read<()> {
        self.skip_blanks()?;
        match self.byte(self.pos) {
            None | Some(b'\n' | b'#') => self.node_on_next_lines(indent, Owner::MappingKey),
            Some(_) => self.inline_node(indent as isize),
        }
    }

    /// A node after its key or `-` and the end of that line, in a collection at column
    /// `indent`: on the next content line when that is indented further (or, after a key, a
    /// sequence at the key's own column), else an empty plain scalar.
    fn node_on_next_lines(&mut self, indent: usize, owner: Owner) -> Read<()> {
        self.pos = self.next_line(self.pos);
        match self.content_line(self.pos)? {
            Some(line) if line.indent > indent => {
                self.pos = line.start + line.indent;
                self.node_on_its_line(line.indent as isize, indent as isize)
            }
            Some(line)
                if owner == Owner::MappingKey
                    && line.indent == indent
                    && matches!(self.collection_at(line.start + indent)?, Some(Collection::Sequence)) =>
            {
                self.pos = line.start + indent;
                self.block_sequence(indent)
            }
            _ => {
                self.events.push(Event::Scalar(Scalar { value: Cow::Borrowed(""), plain: true }));
                Ok(())
            }
        }
    }

    /// Blanks after an indicator on the same line; a tab there is left to serde_yaml.
    fn skip_blanks(&mut self) -> Read<()> {
        while let Some(b) = self.byte(self.pos) {
            match b {
                b' ' => self.pos += 1,
                b'\t' => return Err(Unsupported),
                _ => break,
            }
        }
        Ok(())
    }

    /// A node starting at the cursor, the first thing on its line, at column `column`, in a
    /// collection whose entries are at column `parent`.
    fn node_on_its_line(&mut self, column: isize, parent: isize) -> Read<()> {
        match self.collection_at(self.pos)? {
            Some(Collection::Sequence) => self.block_sequence(column as usize),
            Some(Collection::Mapping { key, colon }) => self.block_mapping(column as usize, key, colon),
            None => self.inline_node(parent),
        }
    }

    /// A block sequence whose `-` are at column `indent`; the cursor is on the first `-`.
    fn block_sequence(&mut self, indent: usize) -> Read<()> {
        self.enter()?;
        self.events.push(Event::SequenceStart);
        loop {
            self.pos += 1;
            self.sequence_entry(indent)?;
            let Some(line) = self.content_line(self.pos)? else { break };
            if line.indent > indent {
                return Err(Unsupported);
            }
            if line.indent < indent || !matches!(self.collection_at(line.start + indent)?, Some(Collection::Sequence)) {
                break;
            }
            self.pos = line.start + indent;
        }
        self.events.push(Event::SequenceEnd);
        self.depth -= 1;
        Ok(())
    }

    /// The entry after a `-` at column `indent`.
    fn sequence_entry(&mut self, indent: usize) -> Read<()> {
        self.skip_blanks()?;
        match self.byte(self.pos) {
            None | Some(b'\n' | b'#') => self.node_on_next_lines(indent, Owner::SequenceEntry),
            Some(_) => {
                // A compact collection (`- key: value`, `- - x`) starts a column of its own.
                let column = self.pos - self.line_start(self.pos);
                self.node_on_its_line(column as isize, indent as isize)
            }
        }
    }

    fn line_start(&self, at: usize) -> usize {
        memchr::memrchr(b'\n', &self.bytes[..at]).map_or(0, |nl| nl + 1)
    }

    /// A scalar or flow collection starting at the cursor, on the line of its key or `-`, or
    /// alone on its line; `parent` is the column of the collection it belongs to (its
    /// continuation lines must be indented further).
    fn inline_node(&mut self, parent: isize) -> Read<()> {
        let at = self.pos;
        match self.bytes[at] {
            b'|' | b'>' => {
                let scalar = self.block_scalar(parent)?;
                self.events.push(Event::Scalar(scalar));
                Ok(())
            }
            b'[' | b'{' => {
                self.flow_collection()?;
                self.end_of_line()
            }
            b'\'' | b'"' => {
                let value = self.quoted()?;
                self.events.push(Event::Scalar(Scalar { value, plain: false }));
                self.end_of_line()
            }
            _ if starts_plain(self.bytes, at, false) => {
                let value = self.plain_block(parent)?;
                self.events.push(Event::Scalar(Scalar { value, plain: true }));
                Ok(())
            }
            _ => Err(Unsupported),
        }
    }

    /// A plain scalar's text on one line from `at`: the end of its text (trailing blanks left
    /// out), why it stopped, and where.
    fn plain_line(&self, at: usize, flow: bool) -> (usize, PlainStop, usize) {
        let mut end = at;
        let mut i = at;
        loop {
            let Some(b) = self.byte(i) else { return (end, PlainStop::LineEnd, i) };
            match b {
                b'\n' => return (end, PlainStop::LineEnd, i),
                b' ' | b'\t' => {
                    i += 1;
                    if self.byte(i) == Some(b'#') {
                        return (end, PlainStop::Comment, i);
                    }
                }
                b':' if self.blank_or_end_at(i + 1) => return (end, PlainStop::Colon, i),
                b':' if flow && self.byte(i + 1).is_some_and(|b| is_flow_indicator(b) || b == b'?') => {
                    // libyaml: "found unexpected ':'"; a stop here makes the caller give up.
                    return (end, PlainStop::Colon, i);
                }
                _ if flow && is_flow_indicator(b) => return (end, PlainStop::FlowIndicator, i),
                _ => {
                    i += if b < 0x80 { 1 } else { utf8_len(b) };
                    end = i;
                }
            }
        }
    }

    /// A plain scalar in block context from the cursor, with its continuation lines (those
    /// indented beyond `parent`), folded as libyaml folds them. The cursor ends at the start of
    /// the line after it.
    fn plain_block(&mut self, parent: isize) -> Read<Cow<'a, str>> {
        let start = self.pos;
        let (end, stop, stop_at) = self.plain_line(start, false);
        match stop {
            PlainStop::Colon | PlainStop::FlowIndicator => return Err(Unsupported),
            PlainStop::Comment => {
                self.pos = self.next_line(stop_at);
                return Ok(Cow::Borrowed(&self.text[start..end]));
            }
            PlainStop::LineEnd => {}
        }
        let mut value: Option<String> = None;
        let mut line_start = self.next_line(stop_at);
        let mut tail = (start, end);
        loop {
            // Empty lines, then the next line with text.
            let mut breaks = 0;
            let mut next = None;
            let mut at = line_start;
            while at < self.bytes.len() {
                let mut i = at;
                while self.byte(i) == Some(b' ') {
                    i += 1;
                }
                match self.byte(i) {
                    Some(b'\n') => {
                        breaks += 1;
                        at = i + 1;
                    }
                    Some(b'\t') => return Err(Unsupported),
                    None => break,
                    Some(_) => {
                        next = Some(Line { start: at, indent: i - at });
                        break;
                    }
                }
            }
            let Some(line) = next else { break };
            let text_at = line.start + line.indent;
            if (line.indent as isize) <= parent || self.bytes[text_at] == b'#' {
                break;
            }
            if line.indent == 0 && self.is_document_marker(line.start) {
                return Err(Unsupported);
            }
            let (end, stop, stop_at) = self.plain_line(text_at, false);
            if matches!(stop, PlainStop::Colon | PlainStop::FlowIndicator) {
                return Err(Unsupported);
            }
            let value = value.get_or_insert_with(|| self.text[tail.0..tail.1].to_owned());
            if breaks == 0 {
                value.push(' ');
            } else {
                value.extend(std::iter::repeat_n('\n', breaks));
            }
            value.push_str(&self.text[text_at..end]);
            tail = (text_at, end);
            line_start = self.next_line(stop_at);
            if stop == PlainStop::Comment {
                break;
            }
        }
        self.pos = line_start;
        Ok(match value {
            Some(value) => Cow::Owned(value),
            None => Cow::Borrowed(&self.text[start..end]),
        })
    }

    /// A single- or double-quoted scalar from the cursor (on its opening quote); the cursor
    /// ends after its closing quote.
    fn quoted(&mut self) -> Read<Cow<'a, str>> {
        let (value, end) = self.quoted_at(self.pos)?;
        self.pos = end;
        Ok(value)
    }

    /// The quoted scalar whose opening quote is at `at`: its value and the position after its
    /// closing quote.
    fn quoted_at(&self, at: usize) -> Read<(Cow<'a, str>, usize)> {
        let single = self.bytes[at] == b'\'';
        let quote = if single { b'\'' } else { b'"' };
        let start = at + 1;
        // The common case: no escapes and no line break, borrowed from the text.
        let line_end = self.line_end(start);
        let special = if single {
            memchr::memchr(b'\'', &self.bytes[start..line_end])
        } else {
            memchr::memchr2(b'"', b'\\', &self.bytes[start..line_end])
        };
        if let Some(offset) = special {
            let close = start + offset;
            if self.bytes[close] == quote && !(single && self.byte(close + 1) == Some(b'\'')) {
                return Ok((Cow::Borrowed(&self.text[start..close]), close + 1));
            }
        }
        let mut value = String::new();
        let mut i = start;
        loop {
            // Text up to a blank, a line break or the closing quote.
            loop {
                let Some(b) = self.byte(i) else { return Err(Unsupported) };
                match b {
                    b' ' | b'\t' | b'\n' => break,
                    b'\'' if single && self.byte(i + 1) == Some(b'\'') => {
                        value.push('\'');
                        i += 2;
                    }
                    _ if b == quote => return Ok((Cow::Owned(value), i + 1)),
                    b'\\' if !single => {
                        if self.byte(i + 1) == Some(b'\n') {
                            // An escaped line break: joined without a space.
                            i = self.quoted_line_continuation(i + 2, &mut value, true)?;
                            continue;
                        }
                        i = self.escape(i, &mut value)?;
                    }
                    _ => {
                        let len = if b < 0x80 { 1 } else { utf8_len(b) };
                        value.push_str(&self.text[i..i + len]);
                        i += len;
                    }
                }
            }
            // Blanks: kept between words on a line, folded across line breaks.
            let blanks_start = i;
            while self.byte(i).is_some_and(is_blank) {
                i += 1;
            }
            if self.byte(i) == Some(b'\n') {
                i = self.quoted_line_continuation(i + 1, &mut value, false)?;
            } else {
                value.push_str(&self.text[blanks_start..i]);
            }
        }
    }

    /// After a line break inside a quoted scalar (at `at`, the next line's start): empty lines
    /// and the next line's indentation, and the folded break put into `value` (a space, or one
    /// line feed per empty line; nothing for the first break after an escaped one). Returns
    /// where the text goes on.
    fn quoted_line_continuation(&self, mut at: usize, value: &mut String, escaped: bool) -> Read<usize> {
        let mut breaks = 0;
        loop {
            let line_start = at;
            while self.byte(at) == Some(b' ') {
                at += 1;
            }
            match self.byte(at) {
                None => return Err(Unsupported),
                Some(b'\t') => return Err(Unsupported),
                Some(b'\n') => {
                    breaks += 1;
                    at += 1;
                }
                Some(_) => {
                    // As in flow collections, no indentation is required, but a document
                    // marker is an error.
                    if at == line_start && self.is_document_marker(line_start) {
                        return Err(Unsupported);
                    }
                    break;
                }
            }
        }
        if breaks == 0 && !escaped {
            value.push(' ');
        } else {
            value.extend(std::iter::repeat_n('\n', breaks));
        }
        Ok(at)
    }

    /// A double-quoted scalar's escape sequence at `at` (the backslash): its character into
    /// `value`; returns the position after it.
    fn escape(&self, at: usize, value: &mut String) -> Read<usize> {
        let Some(code) = self.byte(at + 1) else { return Err(Unsupported) };
        let c = match code {
            b'0' => '\0',
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b't' | b'\t' => '\t',
            b'n' => '\n',
            b'v' => '\u{b}',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'e' => '\u{1b}',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' | b'u' | b'U' => {
                let digits = match code {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = self.bytes.get(at + 2..at + 2 + digits).ok_or(Unsupported)?;
                if !hex.iter().all(u8::is_ascii_hexdigit) {
                    return Err(Unsupported);
                }
                let hex = std::str::from_utf8(hex).map_err(|_| Unsupported)?;
                let code = u32::from_str_radix(hex, 16).map_err(|_| Unsupported)?;
                value.push(char::from_u32(code).ok_or(Unsupported)?);
                return Ok(at + 2 + digits);
            }
            _ => return Err(Unsupported),
        };
        value.push(c);
        Ok(at + 2)
    }

    /// A literal (`|`) or folded (`>`) block scalar from its indicator at the cursor, in a
    /// collection at column `parent`, as libyaml's `scan_block_scalar` reads it. The cursor
    /// ends at the start of the first line after it.
    fn block_scalar(&mut self, parent: isize) -> Read<Scalar<'a>> {
        let literal = self.bytes[self.pos] == b'|';
        let mut at = self.pos + 1;
        // The header: chomping and indentation indicators in either order.
        let mut chomping = Chomping::Clip;
        let mut increment = 0usize;
        for _ in 0..2 {
            match self.byte(at) {
                Some(b'+') if chomping == Chomping::Clip => chomping = Chomping::Keep,
                Some(b'-') if chomping == Chomping::Clip => chomping = Chomping::Strip,
                Some(d @ b'1'..=b'9') if increment == 0 => increment = usize::from(d - b'0'),
                _ => break,
            }
            at += 1;
        }
        self.pos = at;
        self.end_of_line()?;
        let parent_indent = parent.max(-1);
        let mut indent = if increment > 0 {
            if parent_indent >= 0 {
                parent_indent as usize + increment
            } else {
                increment
            }
        } else {
            0
        };
        let mut value = String::new();
        let mut trailing_breaks = 0usize;
        let mut at = self.pos;
        // Leading empty lines, and the indentation when there is no indicator.
        let mut max_indent = 0usize;
        let detect = indent == 0;
        loop {
            let line_start = at;
            while (indent == 0 || at - line_start < indent) && self.byte(at) == Some(b' ') {
                at += 1;
            }
            max_indent = max_indent.max(at - line_start);
            if (indent == 0 || at - line_start < indent) && self.byte(at) == Some(b'\t') {
                return Err(Unsupported);
            }
            if self.byte(at) != Some(b'\n') {
                let column = at - line_start;
                if detect && self.byte(at).is_some() && column < max_indent && column as isize > parent {
                    // An empty line indented beyond the first line of text, which would
                    // otherwise be the scalar's: libyaml ends the scalar before that text.
                    return Err(Unsupported);
                }
                break;
            }
            at += 1;
            trailing_breaks += 1;
        }
        if indent == 0 {
            indent = max_indent.max((parent_indent + 1) as usize).max(1);
        }
        let mut line_start = self.line_start(at);
        let mut leading_break = false;
        let mut leading_blank = false;
        while at - line_start == indent && at < self.bytes.len() {
            let trailing_blank = is_blank(self.bytes[at]);
            if !literal && leading_break && !leading_blank && !trailing_blank {
                if trailing_breaks == 0 {
                    value.push(' ');
                }
            } else if leading_break {
                value.push('\n');
            }
            leading_break = false;
            value.extend(std::iter::repeat_n('\n', trailing_breaks));
            trailing_breaks = 0;
            leading_blank = trailing_blank;
            let end = self.line_end(at);
            value.push_str(&self.text[at..end]);
            at = end;
            if at < self.bytes.len() {
                leading_break = true;
                at += 1;
            }
            // The empty lines after it, up to the next line's indentation.
            loop {
                line_start = at;
                while at - line_start < indent && self.byte(at) == Some(b' ') {
                    at += 1;
                }
                if at - line_start < indent && self.byte(at) == Some(b'\t') {
                    return Err(Unsupported);
                }
                if self.byte(at) != Some(b'\n') {
                    break;
                }
                at += 1;
                trailing_breaks += 1;
            }
        }
        if chomping != Chomping::Strip && leading_break {
            value.push('\n');
        }
        if chomping == Chomping::Keep {
            value.extend(std::iter::repeat_n('\n', trailing_breaks));
        }
        // At the end of the text, or in the first line that is not the scalar's.
        self.pos = if at >= self.bytes.len() { self.bytes.len() } else { self.line_start(at) };
        Ok(Scalar { value: Cow::Owned(value), plain: false })
    }

    /// A flow sequence or mapping from its opening bracket at the cursor to after its closing
    /// one.
    fn flow_collection(&mut self) -> Read<()> {
        self.enter()?;
        let mapping = self.bytes[self.pos] == b'{';
        let close = if mapping { b'}' } else { b']' };
        self.events.push(if mapping { Event::MappingStart } else { Event::SequenceStart });
        self.pos += 1;
        loop {
            self.flow_space()?;
            if self.byte(self.pos) == Some(close) {
                break;
            }
            if mapping {
                let key_start = self.pos;
                let key = self.flow_scalar()?.ok_or(Unsupported)?;
                self.events.push(Event::Scalar(key));
                self.skip_blanks()?;
                // libyaml forgets a key across a line break or after 1024 characters.
                let on_one_line = memchr::memchr(b'\n', &self.bytes[key_start..self.pos]).is_none();
                if !on_one_line || self.pos - key_start > MAX_KEY_BYTES || self.byte(self.pos) != Some(b':') {
                    return Err(Unsupported);
                }
                self.pos += 1;
                self.flow_space()?;
                if matches!(self.byte(self.pos), Some(b',' | b'}')) {
                    self.events.push(Event::Scalar(Scalar { value: Cow::Borrowed(""), plain: true }));
                } else {
                    self.flow_node()?;
                }
            } else {
                self.flow_node()?;
            }
            self.flow_space()?;
            match self.byte(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b) if b == close => break,
                _ => return Err(Unsupported),
            }
        }
        self.pos += 1;
        self.events.push(if mapping { Event::MappingEnd } else { Event::SequenceEnd });
        self.depth -= 1;
        Ok(())
    }

    fn flow_node(&mut self) -> Read<()> {
        match self.byte(self.pos) {
            Some(b'[' | b'{') => self.flow_collection(),
            _ => {
                let scalar = self.flow_scalar()?.ok_or(Unsupported)?;
                self.events.push(Event::Scalar(scalar));
                Ok(())
            }
        }
    }

    /// A quoted or plain scalar inside a flow collection; `None` when something else starts
    /// here. A plain scalar must end on its line.
    fn flow_scalar(&mut self) -> Read<Option<Scalar<'a>>> {
        let at = self.pos;
        match self.byte(at) {
            Some(b'\'' | b'"') => Ok(Some(Scalar { value: self.quoted()?, plain: false })),
            Some(_) if starts_plain(self.bytes, at, true) => {
                let (end, stop, stop_at) = self.plain_line(at, true);
                self.pos = stop_at;
                if stop == PlainStop::LineEnd {
                    // Only a flow indicator or `:` may follow, or the scalar would go on.
                    let next = self.flow_space_from(stop_at)?;
                    if !matches!(self.byte(next), Some(b',' | b']' | b'}' | b':')) {
                        return Err(Unsupported);
                    }
                }
                if stop == PlainStop::Colon && !self.blank_or_end_at(stop_at + 1) {
                    return Err(Unsupported);
                }
                Ok(Some(Scalar { value: Cow::Borrowed(&self.text[at..end]), plain: true }))
            }
            _ => Ok(None),
        }
    }

    /// Blanks, line breaks and comments inside a flow collection, from the cursor.
    fn flow_space(&mut self) -> Read<()> {
        self.pos = self.flow_space_from(self.pos)?;
        Ok(())
    }

    /// Where the blanks, line breaks and comments inside a flow collection from `at` end.
    fn flow_space_from(&self, mut at: usize) -> Read<usize> {
        loop {
            match self.byte(at) {
                Some(b' ') => at += 1,
                Some(b'\t') => return Err(Unsupported),
                // A comment needs a blank (or a line start) before it.
                Some(b'#') if matches!(self.bytes[at - 1], b' ' | b'\n') => at = self.line_end(at),
                Some(b'\n') => {
                    at += 1;
                    let line_start = at;
                    while self.byte(at) == Some(b' ') {
                        at += 1;
                    }
                    // libyaml does not hold lines inside a flow collection to an indentation,
                    // but a document marker there is an error.
                    if at == line_start && self.is_document_marker(line_start) {
                        return Err(Unsupported);
                    }
                }
                None => return Err(Unsupported),
                Some(_) => return Ok(at),
            }
        }
    }
}

/// What starts a node on its line.
enum Collection<'a> {
    /// `- `: a block sequence's entry.
    Sequence,
    /// A block mapping's first key, and where its `:` is.
    Mapping { key: Scalar<'a>, colon: usize },
}

/// What a node on the lines after its indicator belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A block mapping's key: its value may be a sequence at the key's own column.
    MappingKey,
    SequenceEntry,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomping {
    Strip,
    Clip,
    Keep,
}

/// Whether a plain scalar may start at `at`: not at an indicator, except `-`, `?` and `:`
/// followed by a character that is not a blank (nor, in flow context, a flow indicator).
fn starts_plain(bytes: &[u8], at: usize, flow: bool) -> bool {
    let Some(&first) = bytes.get(at) else { return false };
    let next = bytes.get(at + 1).copied();
    let next_is_safe = next.is_some_and(|b| !is_blank(b) && b != b'\n' && !(flow && is_flow_indicator(b)));
    match first {
        b'-' => next_is_safe,
        b'?' | b':' => !flow && next_is_safe,
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@'
        | b'`' => false,
        b' ' | b'\t' | b'\n' => false,
        _ => true,
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        _ => 2,
    }
}
