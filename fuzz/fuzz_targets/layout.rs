//! The layout (`Printer::Layout`, `generator/src/print/layout/`) on arbitrary Rust: the
//! input, as UTF-8 text, is lexed with `proc-macro2`; when it parses as a file with `syn`, it is
//! printed by the layout and checked as `tests/suite/layout_differential.rs` checks arbitrary
//! syntax (the comparison is that test suite's `printed/tokens.rs`, included here): the printed
//! text lexes back to the same tokens, parses to the same syntax tree and prints again to the
//! same text. Text that does not lex or parse is no finding.
//!
//! Seeds: Rust files given on the command line (the runtime's sources, see docs/testing.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/tests/suite/printed/tokens.rs"]
mod tokens;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(input) = text.parse::<proc_macro2::TokenStream>() else { return };
    if syn::parse2::<syn::File>(input.clone()).is_err() {
        return;
    }
    if let Err(error) = tokens::check_layout(&input) {
        panic!("the layout broke its contract: {error}\n--- input:\n{text}");
    }
});
