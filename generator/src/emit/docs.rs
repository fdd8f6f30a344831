//! Rustdoc from spec descriptions. Spec text is Markdown written for web pages; here it is
//! made safe for rustdoc: no accidental doctests and no stray HTML. Descriptions become
//! ordinary `#[doc]` attributes, one per line, which every printer prints as `///` lines.

use std::borrow::Cow;

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::print::doc_literal;

/// A description as `#[doc]` lines; nothing for an empty one.
pub fn outer(text: &str) -> TokenStream {
    lines(&doc_lines(text))
}

/// A module's own documentation, as `#![doc]` lines.
pub fn inner(text: &str) -> TokenStream {
    attributes(&doc_lines(text), true)
}

/// Lines written for rustdoc as they are (code examples, each with its leading space).
pub fn lines(lines: &[String]) -> TokenStream {
    attributes(lines, false)
}

/// One `#[doc]` (or `#![doc]`) attribute per line, built token by token: the crate's
/// descriptions make hundreds of thousands of them, and `quote!` would check the `doc`
/// identifier anew for each.
fn attributes(lines: &[String], inner: bool) -> TokenStream {
    let doc = Ident::new("doc", Span::call_site());
    let mut tokens = TokenStream::new();
    for line in lines {
        tokens.extend([TokenTree::Punct(Punct::new('#', Spacing::Alone))]);
        if inner {
            tokens.extend([TokenTree::Punct(Punct::new('!', Spacing::Alone))]);
        }
        let body = [
            TokenTree::Ident(doc.clone()),
            TokenTree::Punct(Punct::new('=', Spacing::Alone)),
            TokenTree::Literal(doc_literal(line)),
        ];
        tokens.extend([TokenTree::Group(Group::new(Delimiter::Bracket, body.into_iter().collect()))]);
    }
    tokens
}

/// Several paragraphs, separated by an empty doc line; empty parts are skipped.
pub fn paragraphs(parts: &[Option<String>]) -> TokenStream {
    outer(&join_paragraphs(parts))
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
pub(super) fn doc_lines(text: &str) -> Vec<String> {
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

/// Rustdoc warns about unclosed HTML tags, unresolved intra-doc links and bare web
/// addresses: outside code, angle and square brackets are shown literally, except that a
/// Markdown link to a web address (`[text](https://...)`) stays a link, and a bare web address
/// becomes an autolink (`<https://...>`).
fn push_escaped_html(out: &mut String, line: &str, in_code: bool) {
    if in_code || !line.bytes().any(|b| matches!(b, b'<' | b'>' | b'[' | b']')) && !line.contains("://") {
        out.push_str(line);
        return;
    }
    push_escaped(out, line, true);
}

/// [`push_escaped_html`] of text outside code; `links`: web links and addresses are made
/// links (not inside the text of a link).
fn push_escaped(out: &mut String, line: &str, links: bool) {
    let mut in_span = false;
    let mut rest = line;
    let mut previous: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        if !in_span && links {
            if let Some((text, len)) = web_link(rest) {
                out.push('[');
                push_escaped(out, text, false);
                out.push_str(&rest[1 + text.len()..len]);
                rest = &rest[len..];
                previous = Some(')');
                continue;
            }
            if !previous.is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | '-')) {
                if let Some(len) = bare_url_len(rest) {
                    out.push('<');
                    out.push_str(&rest[..len]);
                    out.push('>');
                    rest = &rest[len..];
                    previous = Some('>');
                    continue;
                }
            }
        }
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
        rest = &rest[c.len_utf8()..];
        previous = Some(c);
    }
}

/// A Markdown link to a web address at the start of `text`, `[text](http...)` on one line:
/// its text and the length of the whole link. The address may hold balanced parentheses.
fn web_link(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    let label = &inner[..close];
    let target = inner[close + 1..].strip_prefix('(')?;
    if label.is_empty() || label.contains('[') || !(target.starts_with("https://") || target.starts_with("http://")) {
        return None;
    }
    let mut depth = 0usize;
    for (index, c) in target.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some((label, 1 + close + 2 + index + 1)),
            ')' => depth -= 1,
            c if c.is_whitespace() || c == '<' || c == '>' => return None,
            _ => {}
        }
    }
    None
}

/// The length of the web address at the start of `text` (`http://` or `https://` and at least
/// one more character), without the punctuation that ends a sentence or closes a parenthesis
/// the address did not open.
fn bare_url_len(text: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].iter().find(|scheme| text.starts_with(**scheme))?.len();
    let end =
        text.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`' | '"' | '[' | ']')).unwrap_or(text.len());
    let mut url = &text[..end];
    loop {
        let opens = url.matches('(').count();
        let closes = url.matches(')').count();
        match url.chars().last() {
            Some('.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_') => url = &url[..url.len() - 1],
            Some(')') if closes > opens => url = &url[..url.len() - 1],
            _ => break,
        }
    }
    (url.len() > scheme).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use quote::{quote, ToTokens};

    use super::*;

    #[test]
    fn indented_text_never_becomes_a_doctest() {
        assert_eq!(doc_lines("a\n\n    code()"), vec![" a", "", " code()"]);
        assert_eq!(doc_lines("```\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(doc_lines("```rust\nx\n```"), vec![" ```text", " x", " ```"]);
        assert_eq!(doc_lines("```\nopen"), vec![" ```text", " open", " ```"]);
    }

    fn layout(tokens: TokenStream) -> String {
        crate::print::Printer::Layout.print(tokens).expect("the layout prints any tokens")
    }

    #[test]
    fn descriptions_print_as_doc_comments() {
        let (module, item) = ("The module.", "First line.\n\n    Indented <b> line.\n```\ncode\n```");
        let (inner, outer) = (inner(module), outer(item));
        let printed = layout(quote!(#inner mod m { #outer pub struct S; }));
        assert!(printed.contains("    /// Indented &lt;b&gt; line.\n"), "{printed}");
        assert!(printed.contains("    /// ```text\n    /// code\n    /// ```\n"), "{printed}");
        assert!(printed.starts_with("//! The module.\n\nmod m {\n    /// First line.\n"), "{printed}");
        assert!(super::outer("").is_empty(), "an empty description has no attribute");
    }

    #[test]
    fn control_characters_do_not_reach_the_docs() {
        assert_eq!(doc_lines("a\u{1}0 b\u{7}"), vec![" a0 b"]);
        let doc = outer("\u{1}0");
        assert_eq!(layout(quote!(#doc pub struct S;)), "/// 0\npub struct S;\n");
    }

    #[test]
    fn doc_literals_hold_any_line() {
        for line in [" plain", " say \"hi\"", " a \"# b \"## c", " back\\slash", " tab\tcr\r", ""] {
            let literal = doc_literal(line);
            let value = syn::parse2::<syn::LitStr>(literal.to_token_stream()).expect("a string literal").value();
            assert_eq!(value, line, "{literal}");
        }
        assert_eq!(doc_literal(" say \"hi\"").to_string(), "r#\" say \"hi\"\"#");
    }

    #[test]
    fn verbatim_lines_print_as_written() {
        let lines: Vec<String> = [" Example:", "", " ```", " let x = models::Thing::new(\"a <b>\", [1]);", " ```"]
            .map(String::from)
            .to_vec();
        let attributes = super::lines(&lines);
        let printed = layout(quote!(#attributes pub struct S;));
        assert!(printed.contains("/// let x = models::Thing::new(\"a <b>\", [1]);\n"), "{printed}");
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

    #[test]
    fn web_links_stay_links_and_bare_addresses_become_autolinks() {
        // A Markdown link to a web address, parentheses in it included, stays as written.
        assert_eq!(
            doc_lines("with [cURL](https://en.wikipedia.org/wiki/CURL_(software)), run <x>"),
            vec![" with [cURL](https://en.wikipedia.org/wiki/CURL_(software)), run &lt;x&gt;"]
        );
        assert_eq!(
            doc_lines("see [the <b> guide](http://a.test/g)."),
            vec![" see [the &lt;b&gt; guide](http://a.test/g)."]
        );
        // A bare address is wrapped, without the sentence's punctuation or a closing parenthesis.
        assert_eq!(doc_lines("See https://a.test/x."), vec![" See <https://a.test/x>."]);
        assert_eq!(doc_lines("(docs: https://a.test/p?q=1)"), vec![" (docs: <https://a.test/p?q=1>)"]);
        // Not a link: brackets without a web address, an address in code, a scheme alone.
        assert_eq!(
            doc_lines("[d](#anchor) `https://a.test` http://"),
            vec![" \\[d\\](#anchor) `https://a.test` http://"]
        );
        assert_eq!(doc_lines("xhttps://a.test"), vec![" xhttps://a.test"]);
        assert_eq!(doc_lines("[https://a.test](https://a.test)"), vec![" [https://a.test](https://a.test)"]);
    }
}
