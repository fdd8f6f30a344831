//! Load, lower and emit arbitrary text. Spec errors are the expected answer to most inputs and
//! are ignored; a panic, a hang, or emitted Rust that does not parse is a finding.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

/// Where the input is read as being: beside the multi-file fixture, so that a `$ref` to another
/// file reaches real files (bundling is fuzzed too), and always the same ones (refs into the
/// fuzz directory would make a run depend on what its corpus holds at the time).
static SPEC_DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../generator/tests/fixtures/multifile");
    std::fs::canonicalize(dir).unwrap_or_else(|error| panic!("{dir}: {error}"))
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Text that starts like JSON also goes through the JSON parser (the YAML one reads both).
    let name = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.yaml" };
    let Ok(loaded) = specforge::load::load_str(&SPEC_DIR.join(name), text.to_owned()) else { return };
    specforge_fuzz::emitted::emit_and_parse(&loaded);
});
