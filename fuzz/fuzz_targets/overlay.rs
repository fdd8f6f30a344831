//! An arbitrary overlay document (YAML, or JSON when it starts with `{`) applied to a small
//! fixed spec, `spec/restore-job.yaml`. Overlay errors are the expected answer to most inputs;
//! a panic is a finding, and so is any of these, for an overlay that applies:
//!
//! - with `strict` it applies the same when every action matched something, and fails when one
//!   matched nothing;
//! - an overlay none of whose actions matched anything leaves the spec as it was;
//! - the spec it gives loads (or fails to load) the same whether the loader applies the overlay
//!   (`generate --overlay`, from files) or is given the result, and when it loads, it lowers to
//!   the same API and its crate's code parses.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use specforge::diff::ApiModel;
use specforge::load::{self, overlay::Overlay, LoadOptions};

/// The spec as the JSON value an overlay applies to.
static SPEC: LazyLock<Value> = LazyLock::new(|| {
    serde_yaml::from_str(include_str!("../../spec/restore-job.yaml")).expect("spec/restore-job.yaml is a JSON value")
});

/// A directory of this process with the spec in it, as JSON (so that the loader reads exactly
/// [`SPEC`]), where the overlay is written for the loader to read.
static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("specforge-fuzz-overlay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|error| panic!("creating {}: {error}", dir.display()));
    let text = serde_json::to_string_pretty(&*SPEC).expect("a JSON value serializes");
    std::fs::write(dir.join("restore-job.json"), text).expect("the temporary directory is writable");
    dir
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let name = if text.trim_start().starts_with('{') { "overlay.json" } else { "overlay.yaml" };
    let overlay_path = DIR.join(name);
    let Ok(overlay) = Overlay::parse(&overlay_path, text.to_owned()) else { return };
    let mut document = SPEC.clone();
    let Ok(applied) = overlay.apply(&mut document, false) else { return };

    let mut strict = SPEC.clone();
    let all_matched = applied.actions.iter().all(|action| action.matched > 0);
    match overlay.apply(&mut strict, true) {
        Ok(_) => {
            assert!(all_matched, "strict applied an overlay with an action that matched nothing: {applied:?}");
            assert!(strict == document, "strict applied the overlay differently");
        }
        Err(error) => assert!(!all_matched, "strict refused an overlay whose actions all matched: {error}"),
    }
    if applied.actions.iter().all(|action| action.matched == 0) {
        assert!(document == *SPEC, "an overlay that matched nothing changed the spec: {applied:?}");
    }

    let spec_path = DIR.join("restore-job.json");
    let given = load::load_str(&spec_path, serde_json::to_string(&document).expect("a JSON value serializes"));
    std::fs::write(&overlay_path, text).expect("the temporary directory is writable");
    let overlays = [overlay_path];
    let options = LoadOptions { overlays: &overlays, ..LoadOptions::default() };
    let applied_by_loader = load::load_file_with(&spec_path, &options);
    match (given, applied_by_loader) {
        (Ok(given), Ok(by_loader)) => {
            let api = specforge_fuzz::emitted::emit_and_parse(&given);
            let by_loader = specforge::lower::lower(&by_loader, &Default::default()).ok();
            match (api, by_loader) {
                (Some(api), Some(by_loader)) => assert!(
                    ApiModel::from_ir(&api) == ApiModel::from_ir(&by_loader.api),
                    "the overlaid spec lowers to another API when the loader applies the overlay"
                ),
                (None, None) => {}
                (api, by_loader) => panic!(
                    "the overlaid spec lowers {} when given and {} when the loader applies the overlay",
                    outcome(api.is_some()),
                    outcome(by_loader.is_some())
                ),
            }
        }
        (Err(_), Err(_)) => {}
        (given, by_loader) => panic!(
            "the overlaid spec loads when given: {:?}; when the loader applies the overlay: {:?}",
            given.map(|_| ()),
            by_loader.map(|_| ())
        ),
    }
});

fn outcome(ok: bool) -> &'static str {
    if ok {
        "fine"
    } else {
        "with an error"
    }
}
