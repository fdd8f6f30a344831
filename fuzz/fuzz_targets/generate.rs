//! Load, lower and emit arbitrary text. Spec errors are the expected answer to most inputs and
//! are ignored; a panic, a hang, or emitted Rust that does not parse is a finding.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Text that starts like JSON also goes through the JSON parser (the YAML one reads both).
    let name = if text.trim_start().starts_with('{') { "fuzz.json" } else { "fuzz.yaml" };
    let Ok(loaded) = specforge::load::load_str(Path::new(name), text.to_owned()) else { return };
    let Ok(lowered) = specforge::lower::lower(&loaded, &Default::default()) else { return };
    // Emission fails only when the generator wrote Rust that does not parse: a bug.
    let krate = match specforge::Generator::new(name).tag_features(false).emit(&lowered.api) {
        Ok(krate) => krate,
        Err(error) => panic!("emitted invalid Rust: {error}"),
    };
    if let Err(error) = krate.single_file() {
        panic!("the single-file module does not parse: {error}");
    }
});
