//! Generates the Atlas fragment's client into `OUT_DIR` as one module, depending on the
//! `specforge-runtime` crate rather than inlining the runtime: what docs/build-scripts.md
//! tells a user to write.

use std::path::{Path, PathBuf};

fn main() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/restore-job.yaml");
    let generation = specforge::Generator::new(&spec)
        .tag_features(false)
        .runtime(specforge::RuntimeSource::Crate)
        .pretty(false)
        .generate()
        .unwrap_or_else(|error| panic!("{error}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("atlas.rs");
    let module = generation.single_file().unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(&out, module).unwrap_or_else(|error| panic!("cannot write {}: {error}", out.display()));
    println!("cargo:rerun-if-changed={}", spec.display());
}
