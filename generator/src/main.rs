//! The `specforge` command: a thin shell over the library.
//!
//! Exit codes (stable): 0 success; 1 `check` found stale files; 2 usage error, or the output
//! holds files specforge did not write (listed; `--force` overrides); 3 the spec is invalid
//! or unsupported; 4 an I/O or internal error.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use specforge::diff::{self, ApiDigest, ApiModel, Impact, Report, Side};

// Generation allocates millions of small token and syntax nodes on several threads; mimalloc
// serves them markedly faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`; the Rust bindings name no constant for it).
#[cfg(feature = "mimalloc")]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process instead of returning it to the OS after mimalloc's purge
/// delay (1,000 ms in mimalloc v3, which `libmimalloc-sys` builds by default, with earlier
/// purges as arenas fill): a generation frees the parsed spec and each chunk's tokens and
/// allocates as much again right after, and every purged page came back as a page fault
/// that the kernel zeroes (strace of a full-Atlas run: 560 `madvise(MADV_DONTNEED)` calls;
/// two to six times the page faults). The process is short-lived; its memory goes back when
/// it exits.
fn keep_freed_memory() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: `mi_option_set` only stores the value in mimalloc's option table, which it reads
    // atomically; no pointer is passed.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1)
    };
}

/// Turns transparent huge pages off for this process. mimalloc asks for them on its arenas
/// (`madvise(MADV_HUGEPAGE)`), and the kernel then zeroes 2 MiB at each first touch, with
/// direct compaction when no huge page is free: a full-Atlas run spent 0.09 to 0.37 s of
/// system time in it (perf: `clear_page_erms` under `do_huge_pmd_anonymous_page`, a third of
/// all samples), and the pages counted whole in the peak memory (123 MiB against 91 MiB
/// without). Setting mimalloc's `allow_thp` option here is too late (its first arena is
/// advised when it is reserved); the process flag covers every mapping, earlier ones too.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and sets a flag of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[derive(Parser)]
#[command(
    name = "specforge",
    version,
    about = "Generate a typed Rust client crate from an OpenAPI 3.x or Swagger 2.0 spec"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client crate into the output directory.
    #[command(after_help = "Example:\n  specforge generate --spec openapi.yaml --out my-api-client --tag Clusters")]
    Generate(Target),
    /// Exit non-zero, with a diff, when the output directory is not what `generate` would write.
    #[command(
        after_help = "Example (in CI, with the same options as `generate`):\n  specforge check --spec openapi.yaml --out my-api-client --tag Clusters"
    )]
    Check(Target),
    /// Write the client as one Rust file, for `include!` (what a build script does).
    #[command(after_help = "Example:\n  specforge module --spec openapi.yaml --out src/api.rs --no-pretty")]
    Module {
        #[command(flatten)]
        selection: Selection,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Replace the file even if it is not a module specforge wrote.
        #[arg(long)]
        force: bool,
        /// Write the code as its tokens print instead of pretty-printing it: same items, much
        /// faster, for a file that is only compiled (the same as `--printer tokens`).
        #[arg(long, conflicts_with = "printer")]
        no_pretty: bool,
    },
    /// Compare the Rust APIs generated from two specs and classify every change.
    #[command(
        after_help = "Example (a pull request's spec against main's):\n  specforge diff old.yaml new.yaml --out my-api-client --format markdown --fail-on breaking"
    )]
    Diff(DiffArgs),
}

#[derive(Args)]
struct DiffArgs {
    /// The old spec (YAML, or JSON by extension).
    old: PathBuf,
    /// The new spec.
    new: PathBuf,
    #[command(flatten)]
    options: GeneratorOptions,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when a change at or above this impact remains after `--ignore`.
    #[arg(long, value_enum, value_name = "IMPACT")]
    fail_on: Option<FailOn>,
    /// Accepted changes: lines of `OPERATION_ID-or-#/POINTER REASON`.
    #[arg(long, value_name = "FILE")]
    ignore: Option<PathBuf>,
    /// The crate whose `Cargo.toml` version the next version is computed from.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// The current crate version (instead of reading `--out`'s `Cargo.toml`).
    #[arg(long, value_name = "X.Y.Z")]
    current_version: Option<semver::Version>,
    /// Do not print warnings about approximated schemas, not even their count.
    #[arg(long, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every warning about approximated schemas in either spec (by default only their
    /// count: for a diff they are noise, they describe both specs, not the change).
    #[arg(long)]
    verbose: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Breaking,
    Additive,
    Patch,
}

#[derive(Args)]
struct Target {
    #[command(flatten)]
    selection: Selection,
    /// The crate directory.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// `generate`: replace or remove files in the crate directory even if specforge did not
    /// write them (by default it refuses and lists them).
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct Selection {
    /// The OpenAPI 3.x or Swagger 2.0 document (YAML, or JSON by extension).
    #[arg(long, default_value = "spec/restore-job.yaml")]
    spec: PathBuf,
    #[command(flatten)]
    options: GeneratorOptions,
    /// Do not print warnings about approximated schemas.
    #[arg(long)]
    quiet: bool,
    /// Print when each stage started and ended, and on which thread, to stderr (milliseconds
    /// from the start of the process).
    #[arg(long)]
    timings: bool,
    /// Where the client gets its runtime: `vendored` copies its sources in (`src/runtime/`, or
    /// inline in a module); `crate` depends on the `specforge-runtime` crate instead and names
    /// serde and every other crate the code uses through it, so the crate's manifest (or the
    /// including crate's) needs that one dependency.
    #[arg(long, value_enum, value_name = "SOURCE", default_value_t = Runtime::Vendored)]
    runtime: Runtime,
    /// How the code is printed: `layout` formats it (the default), `prettyplease` formats it
    /// with prettyplease (slower), `tokens` writes it as its tokens print (same items, much
    /// faster, for code that is only compiled). `check` needs the printer `generate` used.
    #[arg(long, value_enum, value_name = "PRINTER", default_value_t = PrinterArg::Layout)]
    printer: PrinterArg,
}

/// The values of `--printer` (see [`specforge::Printer`]).
#[derive(Clone, Copy, ValueEnum)]
enum PrinterArg {
    Layout,
    Prettyplease,
    Tokens,
}

/// The values of `--runtime` (see [`specforge::RuntimeSource`]).
#[derive(Clone, Copy, ValueEnum)]
enum Runtime {
    /// Copy the runtime's sources into the client.
    Vendored,
    /// Depend on the `specforge-runtime` crate.
    Crate,
}

/// What `generate`, `check`, `module` and both sides of `diff` configure alike, so that `diff`
/// compares exactly the API that `generate` writes.
#[derive(Args)]
struct GeneratorOptions {
    /// Only this operation (repeatable); the types it reaches come along.
    #[arg(long = "operation", value_name = "ID")]
    operations: Vec<String>,
    /// Only operations with this tag (repeatable).
    #[arg(long = "tag", value_name = "NAME")]
    tags: Vec<String>,
    /// Package name of the generated crate (default: from the spec's title).
    #[arg(long)]
    crate_name: Option<String>,
    /// Take each operation's Rust names from this vendor extension when present, instead of
    /// from its operationId (Atlas: `x-xgen-operation-id-override`); an operation's own
    /// `x-rust-name` still comes first.
    #[arg(long, value_name = "NAME")]
    operation_name_extension: Option<String>,
    /// Use your own Rust type for a component schema wherever the spec refers to it, and emit
    /// no model for it (repeatable): `--replace Money=my_types::Money`. The type must implement
    /// `Serialize`, `Deserialize`, `Debug`, `Clone` and `PartialEq`; its crate is a dependency
    /// you add below the marker of the generated `Cargo.toml`.
    #[arg(long = "replace", value_name = "SCHEMA=PATH", value_parser = parse_replacement)]
    replacements: Vec<(String, String)>,
    /// The directory that files named by `$ref` must be inside (default: the spec's directory).
    #[arg(long, value_name = "DIR")]
    ref_root: Option<PathBuf>,
    /// Apply this OpenAPI Overlay (1.0.0 or 1.1.0, YAML or JSON) to the spec first
    /// (repeatable, applied in order; `diff` applies it to both specs).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// An overlay action whose target matches nothing is an error instead of a warning.
    #[arg(long)]
    strict_overlays: bool,
}

impl GeneratorOptions {
    /// A generator for `spec` with these options.
    fn generator(&self, spec: &Path) -> specforge::Generator {
        let mut generator = specforge::Generator::new(spec);
        for id in &self.operations {
            generator = generator.operation(id);
        }
        for tag in &self.tags {
            generator = generator.tag(tag);
        }
        if let Some(name) = &self.crate_name {
            generator = generator.crate_name(name);
        }
        if let Some(root) = &self.ref_root {
            generator = generator.ref_root(root);
        }
        if let Some(extension) = &self.operation_name_extension {
            generator = generator.operation_name_extension(extension);
        }
        for (schema, path) in &self.replacements {
            generator = generator.replace(schema, path);
        }
        for overlay in &self.overlays {
            generator = generator.overlay(overlay);
        }
        generator.strict_overlays(self.strict_overlays)
    }
}

/// `SCHEMA=path::Type` of `--replace`: a schema name and a Rust type path.
fn parse_replacement(text: &str) -> Result<(String, String), String> {
    let Some((schema, path)) = text.split_once('=') else {
        return Err(format!("expected SCHEMA=path::Type (such as `Money=my_types::Money`), found `{text}`"));
    };
    if schema.trim().is_empty() {
        return Err(format!("no schema name before `=` in `{text}`"));
    }
    let path = specforge::naming::rust_type_path(path)?;
    Ok((schema.trim().to_owned(), path))
}

const EXIT_STALE: u8 = 1;
const EXIT_CHANGED: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_SPEC: u8 = 3;
const EXIT_IO: u8 = 4;

fn main() -> ExitCode {
    no_transparent_huge_pages();
    keep_freed_memory();
    let cli = Cli::parse();
    let selection = match &cli.command {
        Command::Generate(target) | Command::Check(target) => &target.selection,
        Command::Module { selection, .. } => selection,
        Command::Diff(args) => return run_diff(args),
    };
    if selection.timings {
        specforge::timings::enable();
    }
    let exit = generate(&cli.command, selection);
    if selection.timings {
        eprint!("{}", specforge::timings::report(&specforge::timings::spans()));
    }
    exit
}

/// `generate`, `check` and `module`: one generation, then what the command does with it.
fn generate(command: &Command, selection: &Selection) -> ExitCode {
    // Before anything reads the crate (the digest, `check`'s comparison), a regeneration that
    // was interrupted is finished or undone, and the user told: their crate changed.
    if let Command::Generate(target) | Command::Check(target) = command {
        match specforge::output::recover(&target.out) {
            Ok(Some(recovery)) => eprintln!("{}: {recovery}", target.out.display()),
            Ok(None) => {}
            Err(error) => return fail(&error.into()),
        }
    }
    let mut generator = selection.options.generator(&selection.spec).runtime(match selection.runtime {
        Runtime::Vendored => specforge::RuntimeSource::Vendored,
        Runtime::Crate => specforge::RuntimeSource::Crate,
    });
    generator = generator.printer(match selection.printer {
        PrinterArg::Layout => specforge::Printer::Layout,
        PrinterArg::Prettyplease => specforge::Printer::Prettyplease,
        PrinterArg::Tokens => specforge::Printer::Tokens,
    });
    if let Command::Module { no_pretty, .. } = command {
        generator = generator.tag_features(false);
        if *no_pretty {
            generator = generator.pretty(false);
        }
    }
    // `check` without `--overlay` applies the overlays the crate was generated with, found
    // from the spec by their recorded paths; why it could not is said if the crate is stale.
    let mut unfound_overlays = Vec::new();
    if let Command::Check(target) = command {
        let recorded = ApiDigest::read(&target.out).map(|digest| digest.overlays).unwrap_or_default();
        if selection.options.overlays.is_empty() && !recorded.is_empty() {
            let found: Vec<Result<PathBuf, String>> = recorded.iter().map(|r| r.find(&selection.spec)).collect();
            if found.iter().all(Result::is_ok) {
                for path in found.into_iter().flatten() {
                    generator = generator.overlay(path);
                }
                eprintln!("applying the overlays the crate was generated with: {}", overlay_list(&recorded));
            } else {
                unfound_overlays = found.into_iter().filter_map(Result::err).collect();
            }
        }
    }
    let generation = match generator.generate() {
        Ok(generation) => generation,
        Err(error) => return fail(&error),
    };
    if !selection.quiet {
        for warning in &generation.warnings {
            eprintln!("{warning}");
        }
    }
    let exit = match command {
        Command::Generate(target) => {
            // Read before writing: the digest and version on disk describe the last generation.
            let before = ApiDigest::read(&target.out).map(|d| (d, diff::crate_version(&target.out)));
            let written = {
                let _span = specforge::timings::span("write");
                if target.force {
                    generation.overwrite(&target.out)
                } else {
                    generation.write(&target.out)
                }
            };
            match written {
                Ok(written) => {
                    eprintln!(
                        "generated {} operation(s) and {} type(s) into {} ({} file(s) changed)",
                        generation.api.operations.len(),
                        generation.api.types.len(),
                        target.out.display(),
                        written.len()
                    );
                    if let Some((digest, version)) = before {
                        eprintln!(
                            "API change since last generation: {}{}",
                            change_line(&digest, &generation.model, version),
                            overlay_note(&digest.overlays, &generation.overlays)
                        );
                    } else if !generation.overlays.is_empty() {
                        eprintln!("with overlays: {}", overlay_list(&generation.overlays));
                    }
                    ExitCode::SUCCESS
                }
                Err(error) => fail(&error),
            }
        }
        Command::Check(target) => match generation.check(&target.out) {
            Ok(Ok(())) => {
                eprintln!("{} is up to date", target.out.display());
                ExitCode::SUCCESS
            }
            Ok(Err(stale)) => {
                println!("{stale}");
                if let Some(digest) = ApiDigest::read(&target.out) {
                    let version = diff::crate_version(&target.out);
                    eprintln!(
                        "API change since last generation: {}{}",
                        change_line(&digest, &generation.model, version),
                        overlay_note(&digest.overlays, &generation.overlays)
                    );
                    if digest.overlays != generation.overlays {
                        eprintln!(
                            "the crate was generated with overlays [{}]; this check applied [{}] (pass the same --overlay files, in the same order, to check it)",
                            overlay_list(&digest.overlays),
                            overlay_list(&generation.overlays)
                        );
                    }
                    for problem in &unfound_overlays {
                        eprintln!("recorded overlay not applied: {problem}");
                    }
                }
                eprintln!("{} is stale: run `specforge generate` to update it", target.out.display());
                ExitCode::from(EXIT_STALE)
            }
            Err(error) => fail(&error),
        },
        Command::Module { out, force, .. } => {
            let written = {
                let _span = specforge::timings::span("write");
                generation.write_module(out, *force)
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&error),
            }
        }
        Command::Diff(_) => unreachable!("handled before generation"),
    };
    // The process ends right after: freeing the crate's text, the IR and the API model one
    // allocation at a time (a full spec's are millions) would only delay the exit, and the
    // OS takes the memory back at once.
    std::mem::forget(generation);
    exit
}

/// The summary of what changed between a recorded digest and the new API model.
fn change_line(before: &ApiDigest, model: &ApiModel, version: Option<semver::Version>) -> String {
    let report = Report { changes: diff::compare(&before.api, model), ignored: Vec::new(), current_version: version };
    report.summary_line()
}

/// What the change summary says about overlays: the ones applied, and whether they differ
/// from those the crate was generated with.
fn overlay_note(before: &[diff::OverlayRecord], now: &[diff::OverlayRecord]) -> String {
    match (before == now, now.is_empty()) {
        (true, true) => String::new(),
        (true, false) => format!(" (overlays: {})", overlay_list(now)),
        (false, true) => format!(" (overlays removed: was {})", overlay_list(before)),
        (false, false) if before.is_empty() => format!(" (overlays added: {})", overlay_list(now)),
        (false, false) => format!(" (overlays changed: was {}; now {})", overlay_list(before), overlay_list(now)),
    }
}

fn overlay_list(overlays: &[diff::OverlayRecord]) -> String {
    if overlays.is_empty() {
        return "none".to_owned();
    }
    overlays.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// One side of a diff, lowered: its model and where its spec is.
struct Lowered {
    model: ApiModel,
    source: specforge::load::Source,
    warnings: Vec<specforge::Warning>,
}

fn run_diff(args: &DiffArgs) -> ExitCode {
    let lower = |spec: &Path| {
        args.options.generator(spec).lower_only().map(|(source, lowered)| Lowered {
            model: ApiModel::from_ir(&lowered.api),
            source,
            warnings: lowered.warnings,
        })
    };
    // Both specs load and lower at once: the two halves of the work share nothing.
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| lower(&args.old));
        let new = lower(&args.new);
        (old.join().expect("lowering never panics"), new)
    });
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) => return fail_side("OLD", &error),
        (_, Err(error)) => return fail_side("NEW", &error),
    };
    for line in stopped_matching(&old.source, &new.source) {
        eprintln!("{line}");
    }
    if !args.quiet {
        for warning in new.source.overlays().iter().flat_map(|overlay| overlay.stale_warnings()) {
            eprintln!("NEW: {warning}");
        }
    }
    if args.verbose {
        for (label, side) in [("OLD", &old), ("NEW", &new)] {
            for warning in &side.warnings {
                eprintln!("{label}: {warning}");
            }
        }
    } else if !args.quiet && (!old.warnings.is_empty() || !new.warnings.is_empty()) {
        eprintln!(
            "{} warnings about approximated schemas in OLD, {} in NEW (--verbose prints them)",
            old.warnings.len(),
            new.warnings.len()
        );
    }
    let changes = diff::compare(&old.model, &new.model);
    let (changes, ignored) = match &args.ignore {
        None => (changes, Vec::new()),
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(text) => text,
                Err(error) => {
                    eprintln!("error: cannot read the ignore file {}: {error}", path.display());
                    return ExitCode::from(EXIT_USAGE);
                }
            };
            match diff::ignore::IgnoreList::parse(path, &text, &old.model, &new.model) {
                Ok(list) => list.apply(changes),
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    };
    let current_version = args.current_version.clone().or_else(|| diff::crate_version(&args.out));
    let report = Report { changes, ignored, current_version };
    let output = match args.format {
        Format::Text => diff::report::text(&report, std::io::stdout().is_terminal()),
        Format::Markdown => diff::report::markdown(&report),
        Format::Json | Format::Github => {
            let places = locate_changes(&report, &old.source, &new.source);
            let locate = |change: &diff::Change| places.get(&(change.side, change.pointer.clone())).cloned();
            match args.format {
                Format::Json => diff::report::json(&report, &locate),
                _ => diff::report::github(&report, &locate),
            }
        }
    };
    print!("{output}");
    let threshold = args.fail_on.map(|level| match level {
        FailOn::Breaking => Impact::Breaking,
        FailOn::Additive => Impact::Additive,
        FailOn::Patch => Impact::Patch,
    });
    match (threshold, report.highest()) {
        (Some(threshold), Some(highest)) if highest >= threshold => ExitCode::from(EXIT_CHANGED),
        _ => ExitCode::SUCCESS,
    }
}

/// A line for each overlay action that matched something in OLD and nothing in NEW: the fix
/// it made to the old spec is no longer made, which the API change above may reflect.
fn stopped_matching(old: &specforge::load::Source, new: &specforge::load::Source) -> Vec<String> {
    old.overlays()
        .iter()
        .zip(new.overlays())
        .flat_map(|(old, new)| {
            old.actions.iter().zip(&new.actions).filter(|(old, new)| old.matched > 0 && new.matched == 0).map(
                |(before, _)| {
                    format!(
                        "overlay action stopped matching: {}#/actions/{} (target `{}`): {} node(s) in OLD, none in NEW",
                        new.path.display(),
                        before.index,
                        before.target,
                        before.matched
                    )
                },
            )
        })
        .collect()
}

/// The file and line of every change's pointer, in the spec of its side.
fn locate_changes(
    report: &Report,
    old: &specforge::load::Source,
    new: &specforge::load::Source,
) -> std::collections::HashMap<(Side, String), diff::report::Place> {
    let all: Vec<&diff::Change> =
        report.changes.iter().chain(report.ignored.iter().map(|(change, _)| change)).collect();
    // Each side is one pass over its spec's text; the two run at once.
    let locate = |side: Side, source: &specforge::load::Source| {
        let pointers = all.iter().filter(|c| c.side == side).map(|c| c.pointer.as_str());
        // The loaded source keeps its text private; reading the file again is cheap next to a parse.
        let Ok(text) = std::fs::read_to_string(&source.path) else { return Vec::new() };
        let file = source.path.display().to_string();
        diff::locate::lines_of(&text, pointers)
            .into_iter()
            .map(|(pointer, line)| ((side, pointer), diff::report::Place { file: file.clone(), line }))
            .collect::<Vec<_>>()
    };
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| locate(Side::Old, old));
        let new = locate(Side::New, new);
        (old.join().expect("locating never panics"), new)
    });
    old.into_iter().chain(new).collect()
}

fn fail_side(side: &str, error: &specforge::Error) -> ExitCode {
    eprintln!("error: {side} spec: {error}");
    match error {
        specforge::Error::Spec(_) => ExitCode::from(EXIT_SPEC),
        _ => ExitCode::from(EXIT_IO),
    }
}

fn fail(error: &specforge::Error) -> ExitCode {
    eprintln!("error: {error}");
    match error {
        specforge::Error::Spec(_) => ExitCode::from(EXIT_SPEC),
        // Refusing to overwrite the user's files is a usage error: the output path is wrong.
        specforge::Error::Write(specforge::output::WriteError::Foreign { .. }) => ExitCode::from(EXIT_USAGE),
        _ => ExitCode::from(EXIT_IO),
    }
}

#[cfg(all(test, feature = "mimalloc"))]
mod tests {
    /// The option index is written out (the bindings have no constant for it): reading it
    /// back must give the default purge delay of the mimalloc that `libmimalloc-sys` builds
    /// (v3: 1,000 ms, no other option's default), not another option's value, should an update
    /// renumber the options. The test process never calls `keep_freed_memory`.
    #[test]
    fn the_purge_delay_option_index_is_mimallocs() {
        // SAFETY: `mi_option_get` reads mimalloc's option table; no pointer is passed.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
