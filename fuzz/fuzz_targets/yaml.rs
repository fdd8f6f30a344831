//! specforge's reader of block-style YAML (`generator/src/load/block_yaml`) against serde_yaml,
//! on arbitrary text: whenever the reader answers, serde_yaml must read the same value, as a
//! JSON value and as an OpenAPI document; a disagreement, or a panic of the reader alone, is a
//! finding. The reader handing a text back to serde_yaml is always allowed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use specforge::load::yaml_readers_agree;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for agreed in [yaml_readers_agree::<serde_json::Value>(text), yaml_readers_agree::<openapiv3::OpenAPI>(text)] {
        if let Err(disagreement) = agreed {
            panic!("the YAML readers disagree on {text:?}:\n{disagreement}");
        }
    }
});
