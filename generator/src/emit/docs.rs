//! Rustdoc from spec descriptions. Spec text is Markdown written for web pages; here it is
//! made safe for rustdoc: no accidental doctests and no stray HTML.
//!
//! Descriptions are most of a generated crate's text but need no formatting, so they are not
//! turned into string literals and back: each is emitted as one placeholder `#[doc]`
//! attribute, which the layout ([`super::layout`]) prints as the description's `///` lines
//! from the [`DocTable`]. The result is what printing the attributes themselves gives.
//! Code that is not formatted (the build-script fast path) gets the attributes directly.

use std::borrow::Cow;
use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// Starts a placeholder's text; [`doc_lines`] removes control characters from descriptions,
/// so no description line can be mistaken for one.
const PLACEHOLDER: char = '\u{1}';

/// The descriptions of the code being emitted, held back from formatting.
#[derive(Debug, Default)]
pub struct DeferredDocs {
    table: RefCell<Vec<Vec<String>>>,
    /// Code that is not formatted needs no placeholders: descriptions go in as attributes.
    direct: bool,
}

impl DeferredDocs {
    /// Descriptions as placeholders when the code will be formatted, else as `#[doc]` lines.
    pub fn new(formatted: bool) -> Self {
        DeferredDocs { table: RefCell::default(), direct: !formatted }
    }

    /// A placeholder `#[doc]` for a description; nothing for an empty one.
    pub fn outer(&self, text: &str) -> TokenStream {
        if self.direct {
            let lines = doc_lines(text);
            return quote!(#( #[doc = #lines] )*);
        }
        match self.defer(text) {
            Some(placeholder) => quote!(#[doc = #placeholder]),
            None => TokenStream::new(),
        }
    }

    /// A placeholder `#![doc]` for a module's own documentation.
    pub fn inner(&self, text: &str) -> TokenStream {
        if self.direct {
            let lines = doc_lines(text);
            return quote!(#( #![doc = #lines] )*);
        }
        match self.defer(text) {
            Some(placeholder) => quote!(#![doc = #placeholder]),
            None => TokenStream::new(),
        }
    }

    /// Lines written for rustdoc as they are (code examples, each with its leading space): one
    /// placeholder for all of them when the code will be formatted, else a `#[doc]` per line.
    /// As attributes, every line is a string literal that is escaped when it is made and read
    /// back by the layout: the examples were a fifth of the literals emitted for the full Atlas
    /// spec. A line that the layout keeps as an attribute (one starting with `/`, or holding a
    /// line break) keeps the lines as attributes.
    pub fn lines(&self, lines: &[String]) -> TokenStream {
        let stays_attribute = |line: &String| line.starts_with('/') || line.contains(['\n', '\r']);
        if self.direct || lines.is_empty() || lines.iter().any(stays_attribute) {
            return quote!(#( #[doc = #lines] )*);
        }
        let mut table = self.table.borrow_mut();
        table.push(lines.to_vec());
        let placeholder = format!("{PLACEHOLDER}{}", table.len() - 1);
        quote!(#[doc = #placeholder])
    }

    /// Several paragraphs, separated by an empty doc line; empty parts are skipped.
    pub fn paragraphs(&self, parts: &[Option<String>]) -> TokenStream {
        self.outer(&join_paragraphs(parts))
    }

    fn defer(&self, text: &str) -> Option<String> {
        let lines = doc_lines(text);
        if lines.is_empty() {
            return None;
        }
        let mut table = self.table.borrow_mut();
        table.push(lines);
        Some(format!("{PLACEHOLDER}{}", table.len() - 1))
    }

    /// The descriptions deferred so far, for the layout; the next placeholder is
    /// numbered from zero again.
    pub fn take(&self) -> DocTable {
        DocTable(std::mem::take(&mut *self.table.borrow_mut()))
    }
}

/// Deferred descriptions, numbered as their placeholders are.
#[derive(Debug)]
pub struct DocTable(Vec<Vec<String>>);

impl DocTable {
    /// The table entry a placeholder's text names, and its number of lines.
    pub fn deferred(&self, text: &str) -> Option<(usize, usize)> {
        let index = text.strip_prefix(PLACEHOLDER)?.parse::<usize>().ok()?;
        self.0.get(index).map(|lines| (index, lines.len()))
    }

    /// One line of an entry, with its leading space.
    pub fn line(&self, entry: usize, line: usize) -> &str {
        self.0.get(entry).and_then(|lines| lines.get(line)).map_or("", String::as_str)
    }
}

/// Joins the non-empty parts with blank lines.
pub fn join_paragraphs(parts: &[Option<String>]) -> String {
    let mut text = String::new();
    for part in parts.iter().flatten() {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(part);
    }
    text
}

/// The lines of a doc comment, each with a leading space as `///` comments have.
fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    // The content column of the list item the previous line belongs to: a line that follows
    // it without a blank line continues the item, and is indented to say so (Markdown renders
    // it the same; clippy's `doc_lazy_continuation` asks for the indentation).
    let mut list_item: Option<usize> = None;
    for raw in text.trim().lines() {
        // Indentation would make Markdown code blocks, which rustdoc runs as doctests.
        let cleaned: String;
        let line = if has_control(raw) {
            cleaned = raw.chars().filter(|c| !c.is_control() || *c == '\t').collect();
            cleaned.trim()
        } else {
            raw.trim()
        };
        let fence = line.starts_with("```") || line.starts_with("~~~");
        // Most lines need no change: they are borrowed (descriptions are most of the text).
        let line: Cow<'_, str> = if fence && !in_fence && line.len() == 3 {
            Cow::Owned(format!("{line}text"))
        } else if fence && !in_fence && !line[3..].starts_with("text") {
            // A fence with a language tag other than text: rustdoc would compile `rust` blocks.
            Cow::Owned(format!("{}text", &line[..3]))
        } else if line.contains('\t') {
            Cow::Owned(line.replace('\t', "    "))
        } else {
            Cow::Borrowed(line)
        };
        let continues_item = match list_item {
            _ if line.is_empty() || fence || in_fence => {
                list_item = None;
                None
            }
            _ if list_marker_width(&line).is_some() => {
                list_item = list_marker_width(&line);
                None
            }
            width => width,
        };
        if fence {
            in_fence = !in_fence;
        }
        let mut doc_line = String::new();
        if !line.is_empty() {
            let indent = continues_item.unwrap_or(0);
            doc_line.reserve(1 + indent + line.len() + 8);
            doc_line.push(' ');
            doc_line.extend(std::iter::repeat_n(' ', indent));
            push_escaped_html(&mut doc_line, &line, in_fence || fence);
        }
        lines.push(doc_line);
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// Whether `line` holds a control character other than a tab. Descriptions are most of the
/// text emitted: this looks at bytes, and decodes characters only where a C1 control
/// (U+0080 to U+009F, `0xC2 0x80..=0x9F` in UTF-8) could start.
fn has_control(line: &str) -> bool {
    line.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f || b == 0xc2)
        && line.contains(|c: char| c.is_control() && c != '\t')
}

/// The width of a Markdown list marker that starts `line` (`- `, `* `, `+ `, `1. `, `1) `):
/// where the item's content starts.
fn list_marker_width(line: &str) -> Option<usize> {
    if ["- ", "* ", "+ "].iter().any(|marker| line.starts_with(marker)) {
        return Some(2);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    ((1..=9).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") "))).then_some(digits + 2)
}

/// Rustdoc warns about unclosed HTML tags; angle brackets outside code are shown literally.
fn push_escaped_html(out: &mut String, line: &str, in_code: bool) {
    if in_code || !line.bytes().any(|b| matches!(b, b'<' | b'>' | b'[' | b']')) {
        out.push_str(line);
        return;
    }
    let mut in_span = false;
    for c in line.chars() {
        match c {
            '`' => {
                in_span = !in_span;
                out.push(c);
            }
            '<' if !in_span => out.push_str("&lt;"),
            '>' if !in_span => out.push_str("&gt;"),
            '[' if !in_span => out.push_str("\\["),
            ']' if !in_span => out.push_str("\\]"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_text_never_becomes_a_doctest() {
        assert_eq!(doc_lines("a\n\n    code()"), vec![" a", "", " code()"]);
        assert_eq!(doc_lines("```\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(doc_lines("```rust\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(doc_lines("```\nopen"), vec![" ```text", " open", " ```"]);
    }

    fn format(tokens: TokenStream, docs: &DocTable) -> String {
        super::super::layout::print_file(tokens, docs)
    }

    fn no_docs() -> DocTable {
        DeferredDocs::default().take()
    }

    #[test]
    fn placeholders_print_as_the_attributes_would() {
        let (module, item) = ("The module.", "First line.\n\n    Indented <b> line.\n```\ncode\n```");
        let docs = DeferredDocs::new(true);
        let (inner, outer) = (docs.inner(module), docs.outer(item));
        let printed = format(quote!(#inner mod m { #outer pub struct S; }), &docs.take());

        let (module_lines, item_lines) = (doc_lines(module), doc_lines(item));
        let direct = quote!(#( #![doc = #module_lines] )* mod m { #( #[doc = #item_lines] )* pub struct S; });
        assert_eq!(printed, format(direct, &no_docs()));
        assert!(printed.contains("    /// Indented &lt;b&gt; line.\n"), "{printed}");
        assert!(printed.starts_with("//! The module.\n\nmod m {\n    /// First line.\n"), "{printed}");
    }

    #[test]
    fn unformatted_code_gets_the_attributes_directly() {
        let (module, item) = ("The module.", "First line.\n\n    Indented <b> line.");
        let deferred = DeferredDocs::new(true);
        let (inner, outer) = (deferred.inner(module), deferred.outer(item));
        let printed = format(quote!(#inner mod m { #outer pub struct S; }), &deferred.take());

        let direct = DeferredDocs::new(false);
        let (inner, outer) = (direct.inner(module), direct.outer(item));
        assert!(direct.take().deferred("\u{1}0").is_none(), "nothing is deferred");
        assert_eq!(format(quote!(#inner mod m { #outer pub struct S; }), &no_docs()), printed);
        assert!(direct.outer("").is_empty(), "an empty description has no attribute");
    }

    #[test]
    fn descriptions_cannot_look_like_placeholders() {
        assert_eq!(doc_lines("a\u{1}0 b\u{7}"), vec![" a0 b"]);
        let docs = DeferredDocs::new(true);
        let first = docs.outer("\u{1}0");
        assert!(docs.outer("").is_empty(), "an empty description has no attribute");
        let table = docs.take();
        assert_eq!(format(quote!(#first pub struct S;), &table), "/// 0\npub struct S;\n");
        // Numbering restarts after `take`, so each chunk's table starts at zero.
        assert_eq!(docs.outer("x").to_string(), first.to_string());
    }

    #[test]
    fn verbatim_lines_print_as_their_attributes_would() {
        let lines: Vec<String> = [" Example:", "", " ```", " let x = models::Thing::new(\"a <b>\", [1]);", " ```"]
            .map(String::from)
            .to_vec();
        let docs = DeferredDocs::new(true);
        let deferred = docs.lines(&lines);
        assert!(!deferred.to_string().contains("let x"), "one placeholder, not the lines: {deferred}");
        let printed = format(quote!(#deferred pub struct S;), &docs.take());
        assert_eq!(printed, format(quote!(#( #[doc = #lines] )* pub struct S;), &no_docs()));
        assert!(printed.contains("/// let x = models::Thing::new(\"a <b>\", [1]);\n"), "{printed}");
        // A line that prints as an attribute keeps all of them attributes.
        let lines: Vec<String> = [" a", "/b"].map(String::from).to_vec();
        let docs = DeferredDocs::new(true);
        let kept = docs.lines(&lines);
        assert_eq!(kept.to_string(), quote!(#( #[doc = #lines] )*).to_string());
        assert_eq!(DeferredDocs::new(false).lines(&lines).to_string(), kept.to_string());
    }

    #[test]
    fn lines_after_a_list_item_are_indented_as_its_continuation() {
        let text = "Limits:\n\n- one\n- two\nMore text.\n\n1. first\n-- not an item\n\nAfter.";
        assert_eq!(
            doc_lines(text),
            vec![
                " Limits:",
                "",
                " - one",
                " - two",
                "   More text.",
                "",
                " 1. first",
                "    -- not an item",
                "",
                " After."
            ]
        );
        // A fence ends the item; code inside it is never indented.
        assert_eq!(doc_lines("- a\n```\nx\n```\ny"), vec![" - a", " ```text", " x", " ```", " y"]);
    }

    #[test]
    fn control_characters_are_found_as_chars_are() {
        for line in [
            "plain",
            "tab\there",
            "bell\u{7}",
            "del\u{7f}",
            "c1\u{85}x",
            "latin \u{e9}\u{a0}",
            "\u{9f}",
            "\u{c2}\u{a9}",
        ] {
            assert_eq!(has_control(line), line.contains(|c: char| c.is_control() && c != '\t'), "{line:?}");
        }
        assert!(has_control("c1\u{85}x") && !has_control("latin \u{e9}\u{a0}"));
    }

    #[test]
    fn html_and_links_are_literal_outside_code() {
        assert_eq!(doc_lines("a <b> `<c>` [d]"), vec![" a &lt;b&gt; `<c>` \\[d\\]"]);
    }
}
