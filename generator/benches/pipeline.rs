//! Generation speed: `cargo bench -p specforge --bench pipeline`.
//!
//! For the fragment (`spec/restore-job.yaml`) and the full Atlas spec (`$ATLAS_SPEC` or
//! `../shared/specs/atlas-admin-v2.yaml`, also converted to JSON): the median time of each
//! stage in-process, and the whole `specforge generate` process (wall time, CPU time (user +
//! system, which moves less than wall time on a busy machine) and peak memory, from `wait4`) writing into an empty directory, a fresh one per run, as users run it; and
//! the build-script form, `specforge module`, pretty-printed and with `--no-pretty`. Then
//! Kubernetes' Swagger 2.0 and OpenAI's 3.1 spec from `../shared/corpus` (which must be present).
//! With the full Atlas spec, also the cost of a 100-action overlay: whole-process pairs of
//! `generate` with and without it (`SPECFORGE_BENCH=overlay` runs that case alone;
//! `SPECFORGE_BENCH=overlay-file` only writes the overlay and prints its path).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The same allocator as the `specforge` binary, so the stages are timed as the process runs them.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let unformatted = generator.clone().pretty(false);
    let (emit_unformatted, _) = time(runs, || unformatted.emit(&lowered.api).expect("crate emits"));
    let (total, generation) = time(runs, || generator.generate().expect("spec generates"));
    let lines: usize = generation.krate.files.iter().map(|f| f.text.lines().count()).sum();
    println!(
        "{label:<28} load {:>8.1?}  lower {:>8.1?}  emit+format {:>8.1?}  emit unformatted {:>8.1?}  total {:>8.1?}  ({} operations, {} types, {lines} lines)",
        load,
        lower,
        emit,
        emit_unformatted,
        total,
        generation.api.operations.len(),
        generation.api.types.len()
    );
}

/// What a whole-process run writes.
#[derive(Clone, Copy)]
enum Output {
    /// `specforge generate`: the crate directory.
    Crate,
    /// `specforge module`: the single file a build script writes, pretty-printed or not.
    Module { pretty: bool },
}

/// What a whole-process measurement reports: medians of the runs, and the largest peak.
struct ProcessTimes {
    wall: Duration,
    /// User plus system CPU time of the child.
    cpu: Duration,
    /// Peak resident memory, KiB.
    peak: i64,
}

fn cpu_time(usage: &libc::rusage) -> Duration {
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Runs the release binary `runs` times, each into a new empty directory.
fn whole_process(spec: &Path, output: Output, runs: usize) -> ProcessTimes {
    whole_process_with(spec, output, runs, &[])
}

/// [`whole_process`] with more arguments (`--overlay FILE`).
fn whole_process_with(spec: &Path, output: Output, runs: usize, extra: &[&std::ffi::OsStr]) -> ProcessTimes {
    let mut times = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut peak = 0;
    for _ in 0..runs {
        // Created and removed outside the timed span; the generator creates the crate directory.
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (out, written, args): (_, _, &[&str]) = match output {
            Output::Crate => (dir.path().join("crate"), dir.path().join("crate/src/lib.rs"), &["generate"]),
            Output::Module { pretty } => {
                let file = dir.path().join("client.rs");
                (file.clone(), file, if pretty { &["module"] } else { &["module", "--no-pretty"] })
            }
        };
        let start = Instant::now();
        // Reaped with libc::wait4 below, which also reports the child's peak memory.
        #[allow(clippy::zombie_processes)]
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_specforge"))
            .args(args)
            .args(["--quiet", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(&out)
            .args(extra)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("specforge starts");
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills in; the pid is our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let waited = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
        times.push(start.elapsed());
        assert!(waited > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "specforge failed");
        assert!(written.exists(), "specforge did not write {}", written.display());
        peak = peak.max(usage.ru_maxrss);
        cpu.push(cpu_time(&usage));
        drop(dir);
    }
    ProcessTimes { wall: median(times), cpu: median(cpu), peak }
}

fn report_process(label: &str, spec: &Path, runs: usize) {
    for (what, output) in [
        ("generate", Output::Crate),
        ("module", Output::Module { pretty: true }),
        ("module --no-pretty", Output::Module { pretty: false }),
    ] {
        let times = whole_process(spec, output, runs);
        println!(
            "{label:<28} {what:<20} whole process {:>8.1?}  CPU (user + system) {:>8.1?}  peak memory {:.1} MiB",
            times.wall,
            times.cpu,
            times.peak as f64 / 1024.0
        );
    }
}

/// An overlay of 100 actions for `spec`, made from its own names so that every action matches:
/// 40 updates of schemas by name, 20 filter queries over every operation (by tag), 20 removes
/// of what the first updates added, and 20 updates of path items by path. Each adds or removes
/// only an `x-` extension, so the crate generated is the same with and without it and the
/// difference is the overlay's cost alone (including leaving the 3.0 fast path).
fn hundred_action_overlay(spec: &serde_json::Value) -> serde_json::Value {
    use serde_json::json;
    let names = |value: Option<&serde_json::Value>| -> Vec<String> {
        value.and_then(serde_json::Value::as_object).map(|o| o.keys().cloned().collect()).unwrap_or_default()
    };
    let schemas = names(spec.pointer("/components/schemas"));
    let paths = names(spec.get("paths"));
    let tags: Vec<String> = spec
        .get("tags")
        .and_then(serde_json::Value::as_array)
        .map(|tags| tags.iter().filter_map(|t| t.get("name")?.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    assert!(schemas.len() >= 40 && paths.len() >= 20 && tags.len() >= 20, "a spec as large as Atlas's");
    let quoted = |name: &str| name.replace('\\', "\\\\").replace('\'', "\\'");
    let mut actions = Vec::with_capacity(100);
    for (index, name) in schemas.iter().take(40).enumerate() {
        actions
            .push(json!({"target": format!("$.components.schemas['{}']", quoted(name)), "update": {"x-bench": index}}));
    }
    for tag in tags.iter().take(20) {
        let target = format!("$.paths.*[?@.tags && @.tags[0] == '{}']", quoted(tag));
        actions.push(json!({"target": target, "update": {"x-bench": true}}));
    }
    for name in schemas.iter().take(20) {
        actions.push(json!({"target": format!("$.components.schemas['{}']['x-bench']", quoted(name)), "remove": true}));
    }
    for path in paths.iter().take(20) {
        actions.push(json!({"target": format!("$.paths['{}']", quoted(path)), "update": {"x-bench": true}}));
    }
    json!({"overlay": "1.1.0", "info": {"title": "100 actions", "version": "1"}, "actions": actions})
}

/// Writes [`hundred_action_overlay`] for `spec` into the temporary directory, returning its path.
fn write_overlay(spec: &Path) -> PathBuf {
    let value: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(spec).expect("spec reads")).expect("spec parses");
    let overlay = std::env::temp_dir().join("specforge-bench-overlay-100.json");
    let text = serde_json::to_vec_pretty(&hundred_action_overlay(&value)).expect("overlay serializes");
    std::fs::write(&overlay, text).expect("temp file writes");
    overlay
}

/// Whole-process `generate` of `spec` with and without a 100-action overlay, run in pairs (one
/// of each, alternately) so that a change in the machine's load affects both alike.
fn report_overlay_pairs(spec: &Path, pairs: usize) {
    let overlay = write_overlay(spec);
    let (mut without, mut with) = (Vec::with_capacity(pairs), Vec::with_capacity(pairs));
    let args = [std::ffi::OsStr::new("--overlay"), overlay.as_os_str(), std::ffi::OsStr::new("--strict-overlays")];
    for _ in 0..pairs {
        without.push(whole_process(spec, Output::Crate, 1).wall);
        with.push(whole_process_with(spec, Output::Crate, 1, &args).wall);
    }
    let differences: Vec<i128> =
        without.iter().zip(&with).map(|(a, b)| b.as_micros() as i128 - a.as_micros() as i128).collect();
    let mut sorted = differences.clone();
    sorted.sort();
    println!(
        "full Atlas (YAML)            generate, 100-action overlay: without {:>8.1?}  with {:>8.1?}  median pair difference {:+.1} ms ({pairs} pairs)",
        median(without),
        median(with),
        sorted[sorted.len() / 2] as f64 / 1000.0
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let atlas = std::env::var_os("ATLAS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/specs/atlas-admin-v2.yaml"));
    // `overlay-file` only writes the overlay, for measuring it by hand with another build.
    match std::env::var("SPECFORGE_BENCH").as_deref() {
        Ok("overlay") => return report_overlay_pairs(&atlas, 15),
        Ok("overlay-file") => return println!("{}", write_overlay(&atlas).display()),
        _ => {}
    }
    let fragment = root.join("spec/restore-job.yaml");
    if fragment.exists() {
        stages("fragment (YAML)", &fragment, 50);
        report_process("fragment (YAML)", &fragment, 20);
    }
    if atlas.exists() {
        stages("full Atlas (YAML)", &atlas, 5);
        report_process("full Atlas (YAML)", &atlas, 5);
        let json = std::env::temp_dir().join("specforge-bench-atlas.json");
        let value: serde_json::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&atlas).expect("spec reads")).expect("spec parses");
        std::fs::write(&json, serde_json::to_vec(&value).expect("spec serializes")).expect("temp file writes");
        stages("full Atlas (JSON)", &json, 5);
        report_process("full Atlas (JSON)", &json, 5);
        report_overlay_pairs(&atlas, 9);
    } else {
        eprintln!("the full Atlas spec is missing at {} (set ATLAS_SPEC)", atlas.display());
        std::process::exit(1);
    }
    // The large 2.0 and 3.1 specs take the upgrade path (parse to JSON, upgrade, read).
    let corpus = root.join("../shared/corpus");
    for (label, name) in [("Kubernetes (Swagger 2.0)", "kubernetes.json"), ("OpenAI (OpenAPI 3.1)", "openai.yaml")] {
        let spec = corpus.join(name);
        assert!(spec.exists(), "{label}: the corpus spec {} is missing", spec.display());
        stages(label, &spec, 5);
        report_process(label, &spec, 5);
    }
}
