//! Seeds that cannot be files of the repository, written into a target's corpus when it
//! starts: the samples of the Atlas models (made from the full spec at build time; the spec's
//! content is not kept in the repository) and the diff rule fixtures as spec pairs (each pair
//! is two files there; `diff` reads one input).

use std::path::PathBuf;

/// The diff rule fixtures, as (name, old spec, new spec).
pub mod diff_pairs {
    include!(concat!(env!("OUT_DIR"), "/diff_pairs.rs"));
}

/// Writes each seed as a file of the corpus directory libFuzzer was given first (the one
/// `cargo fuzz run` names and adds new inputs to), leaving a file already there as it is.
/// When the first input named is not a directory (a crash being reproduced), nothing is
/// written.
pub fn write_into_corpus(seeds: impl IntoIterator<Item = (String, Vec<u8>)>) {
    let Some(corpus) = std::env::args().skip(1).find(|arg| !arg.starts_with('-')).map(PathBuf::from) else {
        return;
    };
    if !corpus.is_dir() {
        return;
    }
    for (name, bytes) in seeds {
        let path = corpus.join(name);
        if !path.exists() {
            std::fs::write(&path, bytes).unwrap_or_else(|error| panic!("writing the seed {}: {error}", path.display()));
        }
    }
}
