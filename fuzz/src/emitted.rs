//! Lowering a loaded spec and emitting its crate, unformatted, the way the fuzz targets that
//! read specs all end: spec errors are the expected answer to most inputs; a panic, or emitted
//! Rust that does not parse, is a finding.

use specforge::load::LoadedSpec;

/// Lowers `loaded` and emits its crate with tag features on (their `cfg` gates are code too);
/// panics when a generated source does not parse. Returns the IR, or `None` when the spec does
/// not lower.
pub fn emit_and_parse(loaded: &LoadedSpec) -> Option<specforge::ir::Api> {
    let lowered = specforge::lower::lower(loaded, &Default::default()).ok()?;
    // Unformatted: most of a generation's time is the layout, which `tests/tests/suite/unformatted.rs`
    // checks gives the same items; here the items themselves are what is fuzzed.
    let krate = match specforge::Generator::new(&loaded.source.path).pretty(false).emit(&lowered.api) {
        Ok(krate) => krate,
        Err(error) => panic!("emission failed: {error}"),
    };
    // Unformatted emission does not parse what it prints, so it is parsed here. The runtime's
    // files are the same for every spec (and a hundred times the size of a small spec's code):
    // only the files made from the spec are parsed.
    for file in krate.files.iter().filter(|f| f.path.ends_with(".rs") && !f.path.starts_with("src/runtime/")) {
        if let Err(error) = syn::parse_file(&file.text) {
            panic!("emitted {} does not parse: {error}\n{}", file.path, file.text);
        }
    }
    if let Err(error) = krate.single_file(&lowered.api) {
        panic!("the single-file module cannot be assembled: {error}");
    }
    Some(lowered.api)
}
