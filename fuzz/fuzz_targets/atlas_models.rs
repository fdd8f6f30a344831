//! Arbitrary JSON decoded into every model of the full Atlas module: the first two bytes of an
//! input choose the model (see `specforge_fuzz::models::select`), the rest is the document. No
//! panic; what decodes must encode and survive a second trip byte for byte (why that property:
//! `specforge_fuzz::models::round_trip`).
//!
//! Seeds: a sample document per model, made from the IR at build time and written into the
//! corpus at start.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specforge_fuzz::models;

fuzz_target!(
    init: {
        specforge_fuzz::seeds::write_into_corpus(models::seeds());
    },
    |data: &[u8]| {
        if let Some((model, json)) = models::select(data) {
            (model.check)(json);
        }
    }
);
