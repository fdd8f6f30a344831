//! The `patterns` module: one match function per distinct `pattern` of the spec, compiled
//! into plain code where [`crate::pattern`] could, else a lazily built `regex::Regex` (or a
//! `fancy_regex::Regex` for look-around and back-references).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs;
use super::models::ident;
use super::{Emitter, ExternalCrate};
use crate::pattern::{Matcher, Piece};

impl Emitter<'_> {
    pub fn patterns_module(&self) -> TokenStream {
        let functions = self.api.patterns.iter().map(|pattern| {
            let name = ident(&pattern.function);
            let doc = docs::outer(&format!("Whether a value matches `{}`.", pattern.source));
            let body = match &pattern.matcher {
                Matcher::Literals(options) => quote!(matches!(value, #(#options)|*)),
                Matcher::Sequence(pieces) => sequence_body(pieces),
                Matcher::Regex(source) => {
                    let regex = self.external(ExternalCrate::Regex);
                    quote! {
                        // Checked when the crate was generated, so it always compiles; a regex
                        // over the size limit would accept everything rather than panic.
                        static PATTERN: std::sync::LazyLock<Option<#regex::Regex>> =
                            std::sync::LazyLock::new(|| #regex::Regex::new(#source).ok());
                        PATTERN.as_ref().is_none_or(|pattern| pattern.is_match(value))
                    }
                }
                Matcher::FancyRegex(source) => {
                    let fancy_regex = self.external(ExternalCrate::FancyRegex);
                    quote! {
                        // Checked when the crate was generated, so it always compiles. A value
                        // that exhausts the backtracking limit is accepted: the server decides.
                        static PATTERN: std::sync::LazyLock<Option<#fancy_regex::Regex>> =
                            std::sync::LazyLock::new(|| #fancy_regex::Regex::new(#source).ok());
                        PATTERN.as_ref().is_none_or(|pattern| pattern.is_match(value).unwrap_or(true))
                    }
                }
            };
            quote! {
                #doc
                pub fn #name(value: &str) -> bool {
                    #body
                }
            }
        });
        quote!(#(#functions)*)
    }
}

/// A byte test for a piece: an `is_ascii_*` method where one names the class exactly (as
/// clippy prefers), else a `matches!` over the ranges. `byte` is a `&u8` or `u8` expression.
fn byte_test(piece: &Piece, byte: TokenStream) -> TokenStream {
    let method = match piece.ranges.as_slice() {
        [(b'0', b'9')] => Some("is_ascii_digit"),
        [(b'a', b'z')] => Some("is_ascii_lowercase"),
        [(b'A', b'Z')] => Some("is_ascii_uppercase"),
        [(b'A', b'Z'), (b'a', b'z')] => Some("is_ascii_alphabetic"),
        [(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')] => Some("is_ascii_alphanumeric"),
        [(b'0', b'9'), (b'A', b'F'), (b'a', b'f')] => Some("is_ascii_hexdigit"),
        _ => None,
    };
    match method {
        Some(method) => {
            let method = quote::format_ident!("{method}");
            quote!(#byte.#method())
        }
        None => {
            let class = byte_class(piece);
            quote!(matches!(#byte, #class))
        }
    }
}

fn byte_class(piece: &Piece) -> TokenStream {
    let ranges = piece.ranges.iter().map(|&(lo, hi)| {
        let lo_lit = Literal::byte_character(lo);
        if lo == hi {
            quote!(#lo_lit)
        } else {
            let hi_lit = Literal::byte_character(hi);
            quote!(#lo_lit..=#hi_lit)
        }
    });
    quote!(#(#ranges)|*)
}

/// Greedy matching of the pieces from left to right (exact because `compile` only accepts
/// pieces that never need to give bytes back).
fn sequence_body(pieces: &[Piece]) -> TokenStream {
    if pieces.is_empty() {
        return quote!(value.is_empty());
    }
    if pieces.iter().all(|p| Some(p.min) == p.max) {
        // Fixed length: compare the length, then each byte against its piece.
        let total: u32 = pieces.iter().map(|p| p.min).sum();
        let total = Literal::usize_unsuffixed(total as usize);
        if let [piece] = pieces {
            let test = byte_test(piece, quote!(byte));
            return quote! {
                let bytes = value.as_bytes();
                bytes.len() == #total && bytes.iter().all(|byte| #test)
            };
        }
    }
    let mut steps = Vec::new();
    let mut index = 0;
    while index < pieces.len() {
        // A run of single literal bytes is one prefix comparison.
        let literal: Vec<u8> = pieces[index..].iter().map_while(Piece::literal_byte).collect();
        if literal.len() > 1 {
            let length = Literal::usize_unsuffixed(literal.len());
            let text = Literal::byte_string(&literal);
            steps.push(quote! {
                if !bytes.get(at..).is_some_and(|rest| rest.starts_with(#text)) {
                    return false;
                }
                at += #length;
            });
            index += literal.len();
            continue;
        }
        let piece = &pieces[index];
        let test = byte_test(piece, quote!(byte));
        if piece.min == 1 && piece.max == Some(1) {
            steps.push(quote! {
                if !bytes.get(at).is_some_and(|byte| #test) {
                    return false;
                }
                at += 1;
            });
        } else if Some(piece.min) == piece.max {
            let count = Literal::usize_unsuffixed(piece.min as usize);
            steps.push(quote! {
                if !bytes.get(at..at + #count).is_some_and(|run| run.iter().all(|byte| #test)) {
                    return false;
                }
                at += #count;
            });
        } else {
            let limit = piece.max.map(|max| {
                let max = Literal::usize_unsuffixed(max as usize);
                quote!(&& at - start < #max)
            });
            let minimum = (piece.min > 0).then(|| {
                let min = Literal::usize_unsuffixed(piece.min as usize);
                quote! {
                    if at - start < #min {
                        return false;
                    }
                }
            });
            let start = (limit.is_some() || minimum.is_some()).then(|| quote!(let start = at;));
            let test = byte_test(piece, quote!(bytes[at]));
            steps.push(quote! {
                #start
                while at < bytes.len() #limit && #test {
                    at += 1;
                }
                #minimum
            });
        }
        index += 1;
    }
    quote! {
        let bytes = value.as_bytes();
        let mut at = 0;
        #(#steps)*
        at == bytes.len()
    }
}
