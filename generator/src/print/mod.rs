//! Printing, the last step of generation: the files that [`crate::emit`] describes as token
//! streams become text, printed by the [`Printer`] chosen (our layout, prettyplease, or the
//! tokens as they are), the parts of all files spread over the cores. The single file that a
//! build script includes is made here too, by nesting each module's tokens in the declaration
//! that names it (`nesting.rs`) and printing the whole once.

mod layout;
mod nesting;

pub use layout::{Opening, Trailing, Writer};
use proc_macro2::TokenStream;

use crate::emit::{EmittedFile, Part};

/// A printed source file, its path relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

/// How token streams become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Printer {
    /// Formatted Rust, laid out straight from the tokens as rustfmt would lay it out (within
    /// 100 columns, doc attributes as `///` lines): the default, for code people read.
    #[default]
    Layout,
    /// Formatted by prettyplease, after parsing the tokens with `syn`: slower, and a
    /// reference the layout is compared with.
    Prettyplease,
    /// The tokens as they print, one top-level item per line: valid Rust, much cheaper, for
    /// code that is only compiled (a build script's output).
    Tokens,
}

impl Printer {
    /// Every printer, by the name the command line uses.
    pub const ALL: [(&'static str, Printer); 3] =
        [("layout", Printer::Layout), ("prettyplease", Printer::Prettyplease), ("tokens", Printer::Tokens)];

    /// Prints the tokens of a file (or of consecutive items of one). Only prettyplease can
    /// fail: it parses the tokens first, and reports tokens that are not a file of items.
    pub fn print(self, tokens: TokenStream) -> Result<String, PrintError> {
        match self {
            Printer::Layout => Ok(layout::print_file(tokens)),
            Printer::Prettyplease => {
                let file = syn::parse2::<syn::File>(tokens)
                    .map_err(|error| PrintError { path: String::new(), message: error.to_string() })?;
                Ok(prettyplease::unparse(&file))
            }
            Printer::Tokens => Ok(print_items(tokens)),
        }
    }

    /// Prints the items a [`Writer`] writes. They are laid out as our layout lays them out;
    /// another printer prints their tokens, lexed from that text.
    pub fn print_written(self, write: &dyn Fn(&mut Writer<'_>)) -> Result<String, PrintError> {
        let text = layout::print_written(write);
        match self {
            Printer::Layout => Ok(text),
            Printer::Prettyplease | Printer::Tokens => self.print(lex(&text)?),
        }
    }
}

/// The tokens of printed code.
fn lex(text: &str) -> Result<TokenStream, PrintError> {
    text.parse().map_err(|error: proc_macro2::LexError| PrintError { path: String::new(), message: error.to_string() })
}

impl std::str::FromStr for Printer {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Printer::ALL.iter().find(|(known, _)| *known == name).map(|(_, printer)| *printer).ok_or_else(|| {
            let names: Vec<&str> = Printer::ALL.iter().map(|(known, _)| *known).collect();
            format!("unknown printer `{name}`; one of: {}", names.join(", "))
        })
    }
}

/// A doc line as a raw string literal (`r"..."`, with as many `#` as its quotes need), as
/// `quote!` writes doc comments and the layout prints verbatim (a `#[doc]` attribute that
/// cannot be a `///` line keeps this spelling), for emitted tokens and written code alike. Descriptions are most of the text emitted, and a raw literal
/// is made without escaping each character: `Literal::string` (`escape_debug`) was two
/// thirds of the cost of emitting docs as attributes.
pub(crate) fn doc_literal(line: &str) -> proc_macro2::Literal {
    let mut hashes = 0;
    let mut rest = line;
    while let Some(quote) = memchr::memchr(b'"', rest.as_bytes()) {
        rest = &rest[quote + 1..];
        let run = rest.len() - rest.trim_start_matches('#').len();
        hashes = hashes.max(run + 1);
    }
    let mut repr = String::with_capacity(line.len() + 3 + 2 * hashes);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(line);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    // A raw literal cannot hold a carriage return; such a line is escaped.
    repr.parse().unwrap_or_else(|_| proc_macro2::Literal::string(line))
}

/// Emitted code that did not print: tokens that are not a file of items (a generator bug,
/// reported rather than panicking), or runtime text that does not lex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("internal error: generated {path} is not valid Rust: {message}")]
pub struct PrintError {
    pub path: String,
    pub message: String,
}

/// Prints every file, `header` (the generated-file comment) first in each. The parts of all
/// files are printed on as many threads as there are cores; results come back in order, so
/// the output does not depend on scheduling.
pub fn print_files(files: &[EmittedFile<'_>], printer: Printer, header: &str) -> Result<Vec<SourceFile>, PrintError> {
    let jobs: Vec<(&str, Job<'_>)> = files
        .iter()
        .flat_map(|file| {
            file.parts.iter().filter_map(move |part| match part {
                Part::Code(make) => Some((file.path.as_str(), Job::Tokens(&**make))),
                Part::Written(write) => Some((file.path.as_str(), Job::Written(&**write))),
                Part::Text(_) => None,
            })
        })
        .collect();
    let mut printed = print_parallel(&jobs, printer)?.into_iter();
    let mut sources = Vec::with_capacity(files.len());
    for file in files {
        let texts: Vec<String> = file
            .parts
            .iter()
            .map(|part| match part {
                Part::Code(_) | Part::Written(_) => printed.next().unwrap_or_default(),
                Part::Text(text) => text.clone().into_owned(),
            })
            .collect();
        // One allocation of the file's size: the files are megabytes.
        let mut text = String::with_capacity(header.len() + texts.iter().map(|t| t.len() + 1).sum::<usize>());
        text.push_str(header);
        for (index, part) in texts.iter().enumerate() {
            if index > 0 {
                text.push('\n');
            }
            text.push_str(part);
        }
        sources.push(SourceFile { path: file.path.clone(), text });
    }
    Ok(sources)
}

/// The printing job of a part: tokens to make, or commands to write.
#[derive(Clone, Copy)]
enum Job<'a> {
    Tokens(&'a (dyn Fn() -> TokenStream + Send + Sync)),
    Written(&'a (dyn Fn(&mut Writer<'_>) + Send + Sync)),
}

/// The crate as one file of inline modules, for `include!` (see `nesting.rs`): `header`, then
/// the whole printed once. Of the runtime's optional modules, only those of
/// `runtime_features` are in it.
pub fn print_single_file(
    files: &[EmittedFile<'_>],
    printer: Printer,
    header: &str,
    runtime_features: &[String],
) -> Result<String, PrintError> {
    let tokens = nesting::single_module(files, runtime_features)?;
    let text = printer.print(tokens).map_err(|error| PrintError { path: "the single file".into(), ..error })?;
    Ok(format!("{header}{text}"))
}

/// Runs the jobs on the cores; each job's tokens are made and printed on one thread.
fn print_parallel(jobs: &[(&str, Job<'_>)], printer: Printer) -> Result<Vec<String>, PrintError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<String, PrintError>>>> =
        jobs.iter().map(|_| std::sync::Mutex::new(None)).collect();
    let run = || loop {
        let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let Some((path, job)) = jobs.get(index) else { break };
        let text = match job {
            Job::Tokens(make) => {
                // Two spans, so that `--timings` totals building the tokens apart from laying
                // them out.
                let tokens = {
                    let _span = crate::timings::span_in("emit", || format!("emit part {index} of {path}"));
                    make()
                };
                let _span = crate::timings::span_in("print", || format!("print part {index} of {path}"));
                printer.print(tokens)
            }
            Job::Written(write) => {
                let _span = crate::timings::span_in("commands", || format!("commands of part {index} of {path}"));
                printer.print_written(write)
            }
        };
        let text = text.map_err(|error| PrintError { path: (*path).to_owned(), ..error });
        *results[index].lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(text);
    };
    std::thread::scope(|scope| {
        for worker in 1..workers {
            // Named for `--timings`; a thread that cannot start leaves its share to the others.
            let _ = std::thread::Builder::new().name(format!("print-{worker}")).spawn_scoped(scope, run);
        }
        run();
    });
    results
        .into_iter()
        .zip(jobs)
        .map(|(slot, (path, _))| {
            slot.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner).unwrap_or_else(|| {
                Err(PrintError { path: (*path).to_owned(), message: "its printing job did not run".into() })
            })
        })
        .collect()
}

/// Tokens as they print, one item or inner attribute per line (the items of an inline
/// module too, as in the single file): valid Rust, deterministic, and much cheaper than
/// formatting, for code that is only compiled. An item ends after a `;` or a `{}` block (a `;`
/// after a block lands on the next line, which is harmless).
fn print_items(tokens: TokenStream) -> String {
    let mut out = String::new();
    print_items_into(tokens, &mut out);
    out
}

fn print_items_into(tokens: TokenStream, out: &mut String) {
    use proc_macro2::{Delimiter, TokenTree};
    let mut item: Vec<TokenTree> = Vec::new();
    let mut after_bang = false;
    for token in tokens {
        let (ends_item, module_body) = match &token {
            TokenTree::Punct(punct) => (punct.as_char() == ';', false),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                let module =
                    matches!(&item[..], [.., TokenTree::Ident(keyword), TokenTree::Ident(_)] if keyword == "mod");
                (true, module)
            }
            TokenTree::Group(group) => (after_bang && group.delimiter() == Delimiter::Bracket, false),
            _ => (false, false),
        };
        after_bang = matches!(&token, TokenTree::Punct(punct) if punct.as_char() == '!');
        if module_body {
            let TokenTree::Group(body) = token else { unreachable!("a module body is a group") };
            out.push_str(&std::mem::take(&mut item).into_iter().collect::<TokenStream>().to_string());
            out.push_str(" {\n");
            print_items_into(body.stream(), out);
            out.push_str("}\n");
            continue;
        }
        item.push(token);
        if ends_item {
            out.push_str(&std::mem::take(&mut item).into_iter().collect::<TokenStream>().to_string());
            out.push('\n');
        }
    }
    if !item.is_empty() {
        out.push_str(&item.into_iter().collect::<TokenStream>().to_string());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    #[test]
    fn printers_print_the_same_tokens() {
        let tokens = quote! {
            #![doc = " A module."]
            #[doc = " A thing."]
            pub struct Thing { pub name: String, pub size: Option<u64> }
            impl Thing { pub fn new(name: String) -> Self { Thing { name, size: None } } }
        };
        // Printers may add trailing commas to the lists they break.
        let canonical =
            |tokens: TokenStream| tokens.to_string().replace(", }", " }").replace(", )", " )").replace(", ]", " ]");
        for (name, printer) in Printer::ALL {
            let text = printer.print(tokens.clone()).expect("prints");
            let reparsed: TokenStream = text.parse().unwrap_or_else(|error| panic!("{name}: {error:?}\n{text}"));
            assert_eq!(canonical(reparsed), canonical(tokens.clone()), "{name}:\n{text}");
            assert_eq!(name.parse::<Printer>(), Ok(printer));
        }
        assert!("pretty".parse::<Printer>().unwrap_err().contains("layout, prettyplease, tokens"));
    }

    #[test]
    fn only_prettyplease_reports_tokens_that_are_not_items() {
        let tokens = quote!(1 + 2);
        assert!(Printer::Prettyplease.print(tokens.clone()).is_err());
        assert_eq!(Printer::Tokens.print(tokens).expect("prints"), "1 + 2\n");
    }

    #[test]
    fn the_tokens_printer_puts_the_items_of_inline_modules_on_lines_of_their_own() {
        let tokens = quote!(
            pub mod a {
                use x::Y;
                pub mod b {
                    struct S;
                }
                fn f() {}
            }
            const C: u8 = 1;
        );
        let text = Printer::Tokens.print(tokens).expect("prints");
        assert_eq!(text, "pub mod a {\nuse x :: Y ;\npub mod b {\nstruct S ;\n}\nfn f () { }\n}\nconst C : u8 = 1 ;\n");
    }
}
