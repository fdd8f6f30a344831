//! `diff` of two specs made from one input: the text before the first NUL is the old spec, the
//! text after it the new one (NUL cannot appear in YAML or JSON, so the split is never inside a
//! spec); an input without one is both. Each side that loads and lowers is compared with itself
//! (the diff must be empty) and the two are compared both ways and rendered in every report
//! format, as `specforge diff` does. Each side's API digest must read back as written.
//!
//! Seeds: the diff rule fixtures (`generator/tests/fixtures/diff/*/{old,new}.yaml`), written into
//! the corpus at start as `old NUL new`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use specforge::diff::{self, report, ApiDigest, ApiModel, Change, Report, Side};

fuzz_target!(
    init: {
        specforge_fuzz::seeds::write_into_corpus(specforge_fuzz::seeds::diff_pairs::PAIRS.iter().map(
            |(name, old, new)| (format!("seed-{name}"), format!("{old}\0{new}").into_bytes()),
        ));
    },
    |data: &[u8]| {
        let Ok(text) = std::str::from_utf8(data) else { return };
        let (old_text, new_text) = text.split_once('\0').unwrap_or((text, text));
        let old = model(Path::new("old.yaml"), old_text);
        let new = model(Path::new("new.yaml"), new_text);
        for model in [&old, &new].into_iter().flatten() {
            let changes = diff::compare(model, model);
            assert!(changes.is_empty(), "a spec differs from itself: {changes:#?}");
        }
        let (Some(old), Some(new)) = (old, new) else { return };
        let forward = diff::compare(&old, &new);
        let backward = diff::compare(&new, &old);
        assert_eq!(
            forward.is_empty(),
            backward.is_empty(),
            "a change one way and none the other\nold -> new: {forward:#?}\nnew -> old: {backward:#?}"
        );
        render(forward, old_text, new_text);
        render(backward, new_text, old_text);
    }
);

/// The API model of a spec that loads and lowers; checks that its digest reads back.
fn model(path: &Path, text: &str) -> Option<ApiModel> {
    let loaded = specforge::load::load_str(path, text.to_owned()).ok()?;
    let lowered = specforge::lower::lower(&loaded, &Default::default()).ok()?;
    let model = ApiModel::from_ir(&lowered.api);
    // What `generate` records in a crate and reads back at the next generation.
    let digest = ApiDigest::new(Some(text.as_bytes()), model);
    let written = digest.to_text();
    let read: ApiDigest = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("the API digest does not read back: {error}\n{written}"));
    assert!(read == digest, "the API digest reads back different\nwritten: {written}\nread: {read:#?}");
    Some(digest.api)
}

/// Renders the report in every format, changes located in the texts as the CLI does.
fn render(changes: Vec<Change>, old: &str, new: &str) {
    let pointers = |side: Side| changes.iter().filter(move |c| c.side == side).map(|c| c.pointer.as_str());
    let old_lines = diff::locate::lines_of(old, pointers(Side::Old));
    let new_lines = diff::locate::lines_of(new, pointers(Side::New));
    let report = Report { changes: changes.clone(), ignored: Vec::new(), current_version: None };
    let locate = |change: &Change| {
        let (file, lines) = match change.side {
            Side::Old => ("old.yaml", &old_lines),
            Side::New => ("new.yaml", &new_lines),
        };
        lines.get(&change.pointer).map(|&line| report::Place { file: file.to_owned(), line })
    };
    let _ = (report::text(&report, false), report::markdown(&report));
    let _ = (report::json(&report, &locate), report::github(&report, &locate));
}
