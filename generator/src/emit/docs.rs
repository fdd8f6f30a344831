//! Rustdoc from spec descriptions. Spec text is Markdown written for web pages; here it is
//! made safe for rustdoc: no accidental doctests and no stray HTML.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes for a description, one per line.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` attributes for a module's own documentation.
pub fn inner_doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Several paragraphs, separated by an empty doc line; empty parts are skipped.
pub fn doc_paragraphs(parts: &[Option<String>]) -> TokenStream {
    doc_attrs(&join_paragraphs(parts))
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
    for raw in text.trim().lines() {
        // Indentation would make Markdown code blocks, which rustdoc runs as doctests.
        let line = raw.trim();
        let fence = line.starts_with("```") || line.starts_with("~~~");
        let line = if fence && !in_fence && line.len() == 3 {
            format!("{line}text")
        } else if fence && !in_fence && !line[3..].starts_with("text") {
            // A fence with a language tag other than text: rustdoc would compile `rust` blocks.
            format!("{}text", &line[..3])
        } else {
            line.replace('\t', "    ")
        };
        if fence {
            in_fence = !in_fence;
        }
        lines.push(if line.is_empty() { String::new() } else { format!(" {}", escape_html(&line, in_fence || fence)) });
    }
    if in_fence {
        lines.push(" ```".to_owned());
    }
    lines
}

/// Rustdoc warns about unclosed HTML tags; angle brackets outside code are shown literally.
fn escape_html(line: &str, in_code: bool) -> String {
    if in_code {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
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
    out
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

    #[test]
    fn html_and_links_are_literal_outside_code() {
        assert_eq!(doc_lines("a <b> `<c>` [d]"), vec![" a &lt;b&gt; `<c>` \\[d\\]"]);
    }
}
