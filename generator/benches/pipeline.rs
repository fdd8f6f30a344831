//! Generation speed, stage by stage: `cargo bench -p specforge --bench pipeline`.
//!
//! Reads the full Atlas spec from `$ATLAS_SPEC` or `../shared/specs/atlas-admin-v2.yaml`, and
//! the fragment from `spec/restore-job.yaml`. Prints the median of several runs per stage.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        samples.push(start.elapsed());
    }
    (median(samples), last.expect("at least one run"))
}

fn stages(label: &str, spec: &Path, runs: usize) {
    let generator = specforge::Generator::new(spec);
    let (load, loaded) = time(runs, || specforge::load::load_file(spec).expect("spec loads"));
    let (lower, lowered) = time(runs, || specforge::lower::lower(&loaded, &Default::default()).expect("spec lowers"));
    let (emit, _) = time(runs, || generator.emit(&lowered.api).expect("crate emits"));
    let (total, generation) = time(runs, || generator.generate().expect("spec generates"));
    let lines: usize = generation.krate.files.iter().map(|f| f.text.lines().count()).sum();
    println!(
        "{label:<28} load {:>8.1?}  lower {:>8.1?}  emit+format {:>8.1?}  total {:>8.1?}  ({} operations, {} types, {lines} lines)",
        load,
        lower,
        emit,
        total,
        generation.api.operations.len(),
        generation.api.types.len()
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let atlas = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/specs/atlas-admin-v2.yaml"));
    let fragment = root.join("spec/restore-job.yaml");
    if fragment.exists() {
        stages("fragment (YAML)", &fragment, 50);
    }
    if atlas.exists() {
        stages("full Atlas (YAML)", &atlas, 5);
        let json = std::env::temp_dir().join("specforge-bench-atlas.json");
        let value: serde_json::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&atlas).expect("spec reads")).expect("spec parses");
        std::fs::write(&json, serde_json::to_vec(&value).expect("spec serializes")).expect("temp file writes");
        stages("full Atlas (JSON)", &json, 5);
    } else {
        println!("full Atlas spec not found at {} (set ATLAS_SPEC): skipped", atlas.display());
    }
}
