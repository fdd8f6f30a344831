//! The crate as one module of inline modules, for a build script to write and `include!`: the
//! root file's tokens, in which every `mod name;` declaration gets the tokens of the file it
//! names as its body, recursively. Nothing is parsed into a syntax tree and no text is
//! matched: a declaration is found among a file's top-level tokens, and the runtime's sources,
//! which are text, are read into tokens (their comments other than docs drop out).
//!
//! What an included file cannot hold goes: the root's inner attributes (its crate docs and
//! lints), and `#[rustfmt::skip]`, which only keeps rustfmt out of module files. A module
//! behind one of the runtime's cargo features comes in without its gate, or not at all: the
//! features of the including crate are not the generated crate's.

use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use super::{lex, PrintError, Printer};
use crate::emit::{EmittedFile, Part, RUNTIME_FEATURES};

/// The tokens of the whole crate, starting from `src/lib.rs`.
pub fn single_module(files: &[EmittedFile<'_>], runtime_features: &[String]) -> Result<TokenStream, PrintError> {
    let nesting = Nesting { files: files.iter().map(|file| (file.path.as_str(), file)).collect(), runtime_features };
    nesting.module("src/lib.rs", "src", true)
}

struct Nesting<'f, 'a> {
    files: HashMap<&'f str, &'f EmittedFile<'a>>,
    runtime_features: &'f [String],
}

impl Nesting<'_, '_> {
    /// The tokens of the module in file `path`, its own declarations filled in from `dir`.
    fn module(&self, path: &str, dir: &str, root: bool) -> Result<TokenStream, PrintError> {
        let file = self
            .files
            .get(path)
            .ok_or_else(|| PrintError { path: path.to_owned(), message: "a declared module has no file".to_owned() })?;
        let mut trees: Vec<TokenTree> = Vec::new();
        for part in &file.parts {
            match part {
                Part::Code(make) => trees.extend(make()),
                Part::Written(write) => {
                    let text = Printer::Layout.print_written(write)?;
                    trees.extend(lex(&text).map_err(|error| PrintError { path: path.to_owned(), ..error })?);
                }
                Part::Text(text) => {
                    let tokens: TokenStream = text.parse().map_err(|error: proc_macro2::LexError| PrintError {
                        path: path.to_owned(),
                        message: error.to_string(),
                    })?;
                    trees.extend(tokens);
                }
            }
        }
        let mut out: Vec<TokenTree> = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            if root && is_inner_attribute(&trees[i..]) {
                i += 3;
                continue;
            }
            let Some(name) = declared_module(&trees[i..]) else {
                out.push(trees[i].clone());
                i += 1;
                continue;
            };
            // The visibility and the attributes before `mod` are already in `out`.
            let visibility = out.split_off(visibility_start(&out));
            let attributes = out.split_off(attributes_start(&out));
            if let Some(attributes) = self.kept_attributes(attributes) {
                // A module named by a keyword (`r#type`) lives in `type.rs`.
                let file_name = name.strip_prefix("r#").unwrap_or(&name);
                let flat = format!("{dir}/{file_name}.rs");
                let child =
                    if self.files.contains_key(flat.as_str()) { flat } else { format!("{dir}/{file_name}/mod.rs") };
                let body = self.module(&child, &format!("{dir}/{file_name}"), false)?;
                out.extend(attributes);
                out.extend(visibility);
                out.extend([trees[i].clone(), trees[i + 1].clone()]);
                out.push(TokenTree::Group(Group::new(Delimiter::Brace, body)));
            }
            i += 3;
        }
        Ok(out.into_iter().collect())
    }

    /// The attributes a declaration keeps when its module goes inline, or `None` when the
    /// module stays out (a runtime feature the including crate did not ask for).
    fn kept_attributes(&self, attributes: Vec<TokenTree>) -> Option<Vec<TokenTree>> {
        let mut kept = Vec::with_capacity(attributes.len());
        for pair in attributes.chunks(2) {
            let [pound, TokenTree::Group(body)] = pair else {
                kept.extend_from_slice(pair);
                continue;
            };
            let words: Vec<String> = body.stream().into_iter().map(|tree| tree.to_string()).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            match words.as_slice() {
                ["rustfmt", ":", ":", "skip"] => {}
                ["cfg", gate] => match runtime_feature(gate) {
                    Some(feature) if self.runtime_features.iter().any(|wanted| wanted == feature) => {}
                    Some(_) => return None,
                    None => kept.extend([pound.clone(), TokenTree::Group(body.clone())]),
                },
                _ => kept.extend([pound.clone(), TokenTree::Group(body.clone())]),
            }
        }
        Some(kept)
    }
}

/// The runtime feature a `cfg(...)` argument list names (`(feature = "mock")`), if it is one.
fn runtime_feature(arguments: &str) -> Option<&'static str> {
    let inner = arguments.strip_prefix('(')?.strip_suffix(')')?;
    let (key, value) = inner.split_once('=')?;
    let value = value.trim().strip_prefix('"')?.strip_suffix('"')?;
    (key.trim() == "feature").then(|| RUNTIME_FEATURES.iter().find(|feature| **feature == value).copied())?
}

/// Whether `trees` starts with an inner attribute, `#![...]`.
fn is_inner_attribute(trees: &[TokenTree]) -> bool {
    matches!(trees, [TokenTree::Punct(pound), TokenTree::Punct(bang), TokenTree::Group(group), ..]
        if pound.as_char() == '#' && bang.as_char() == '!' && group.delimiter() == Delimiter::Bracket)
}

/// The name of the module that `trees` starts declaring without a body (`mod name;`).
fn declared_module(trees: &[TokenTree]) -> Option<String> {
    match trees {
        [TokenTree::Ident(keyword), TokenTree::Ident(name), TokenTree::Punct(semi), ..]
            if keyword == "mod" && semi.as_char() == ';' =>
        {
            Some(name.to_string())
        }
        _ => None,
    }
}

/// Where the visibility that ends `out` starts (`pub`, `pub(crate)`), or its length.
fn visibility_start(out: &[TokenTree]) -> usize {
    match out {
        [.., TokenTree::Ident(word), TokenTree::Group(scope)]
            if word == "pub" && scope.delimiter() == Delimiter::Parenthesis =>
        {
            out.len() - 2
        }
        [.., TokenTree::Ident(word)] if word == "pub" => out.len() - 1,
        _ => out.len(),
    }
}

/// Where the outer attributes that end `out` start: pairs of `#` and a bracketed group.
fn attributes_start(out: &[TokenTree]) -> usize {
    let mut start = out.len();
    while let [.., TokenTree::Punct(pound), TokenTree::Group(group)] = &out[..start] {
        if pound.as_char() != '#' || group.delimiter() != Delimiter::Bracket {
            break;
        }
        start -= 2;
    }
    start
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use quote::quote;

    use super::*;

    fn file(path: &str, parts: Vec<Part<'static>>) -> EmittedFile<'static> {
        EmittedFile { path: path.to_owned(), parts }
    }

    fn code(tokens: TokenStream) -> Part<'static> {
        let text = tokens.to_string();
        Part::Code(Box::new(move || text.parse().expect("lexes")))
    }

    #[test]
    fn declarations_take_their_files_as_bodies() {
        let files = vec![
            file(
                "src/lib.rs",
                vec![code(quote! {
                    #![forbid(unsafe_code)]
                    #[rustfmt::skip]
                    pub mod models;
                    #[rustfmt::skip]
                    pub mod runtime;
                    pub use models::Thing;
                })],
            ),
            file("src/models.rs", vec![code(quote!(#![doc = " Models."] pub struct Thing;))]),
            file(
                "src/runtime/mod.rs",
                vec![Part::Text(Cow::Borrowed(
                    "// A comment.\n/// The client.\npub(crate) mod client;\n#[cfg(feature = \"mock\")]\npub mod mock;\n\
                     #[cfg(feature = \"tower\")]\npub mod tower;\n#[cfg(feature = \"tag\")]\npub mod r#type;\n",
                ))],
            ),
            file("src/runtime/client.rs", vec![Part::Text(Cow::Borrowed("pub struct Client;"))]),
            file("src/runtime/mock.rs", vec![Part::Text(Cow::Borrowed("pub struct Mock;"))]),
            file("src/runtime/type.rs", vec![Part::Text(Cow::Borrowed("pub struct Type;"))]),
        ];
        let tokens = single_module(&files, &["mock".to_owned()]).expect("nests");
        let expected = quote! {
            pub mod models { #![doc = " Models."] pub struct Thing; }
            pub mod runtime {
                #[doc = " The client."]
                pub(crate) mod client { pub struct Client; }
                pub mod mock { pub struct Mock; }
                #[cfg(feature = "tag")]
                pub mod r#type { pub struct Type; }
            }
            pub use models::Thing;
        };
        assert_eq!(tokens.to_string(), expected.to_string());
    }

    #[test]
    fn a_declaration_without_a_file_is_an_error() {
        let files = vec![file(
            "src/lib.rs",
            vec![code(quote!(
                mod missing;
            ))],
        )];
        let error = single_module(&files, &[]).unwrap_err();
        assert_eq!(error.path, "src/missing/mod.rs");
    }
}
