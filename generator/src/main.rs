//! The `specforge` command: a thin shell over the library.
//!
//! Exit codes (stable): 0 success; 1 `check` found stale files; 2 usage error; 3 the spec is
//! invalid or unsupported; 4 an I/O or internal error.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

// Generation allocates millions of small token and syntax nodes on several threads; mimalloc
// serves them markedly faster than the system allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "specforge", version, about = "Generate a typed Rust client crate from an OpenAPI 3.0 spec")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the client crate into the output directory.
    Generate(Target),
    /// Exit non-zero, with a diff, when the output directory is not what `generate` would write.
    Check(Target),
    /// Write the client as one Rust file, for `include!` (what a build script does).
    Module {
        #[command(flatten)]
        selection: Selection,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Write the code as its tokens print instead of pretty-printing it: same items, much
        /// faster, for a file that is only compiled.
        #[arg(long)]
        no_pretty: bool,
    },
}

#[derive(Args)]
struct Target {
    #[command(flatten)]
    selection: Selection,
    /// The crate directory.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
}

#[derive(Args)]
struct Selection {
    /// The OpenAPI 3.0 document (YAML, or JSON by extension).
    #[arg(long, default_value = "spec/restore-job.yaml")]
    spec: PathBuf,
    /// Generate only this operation (repeatable).
    #[arg(long = "operation", value_name = "ID")]
    operations: Vec<String>,
    /// Generate only operations with this tag (repeatable).
    #[arg(long = "tag", value_name = "NAME")]
    tags: Vec<String>,
    /// Package name of the generated crate (default: from the spec's title).
    #[arg(long)]
    crate_name: Option<String>,
    /// Do not print warnings about approximated schemas.
    #[arg(long)]
    quiet: bool,
}

const EXIT_STALE: u8 = 1;
const EXIT_SPEC: u8 = 3;
const EXIT_IO: u8 = 4;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let selection = match &cli.command {
        Command::Generate(target) | Command::Check(target) => &target.selection,
        Command::Module { selection, .. } => selection,
    };
    let mut generator = specforge::Generator::new(&selection.spec);
    for id in &selection.operations {
        generator = generator.operation(id);
    }
    for tag in &selection.tags {
        generator = generator.tag(tag);
    }
    if let Some(name) = &selection.crate_name {
        generator = generator.crate_name(name);
    }
    if let Command::Module { no_pretty, .. } = &cli.command {
        generator = generator.tag_features(false).pretty(!no_pretty);
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
    match &cli.command {
        Command::Generate(target) => match generation.write(&target.out) {
            Ok(written) => {
                eprintln!(
                    "generated {} operation(s) and {} type(s) into {} ({} file(s) changed)",
                    generation.api.operations.len(),
                    generation.api.types.len(),
                    target.out.display(),
                    written.len()
                );
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Check(target) => match generation.check(&target.out) {
            Ok(Ok(())) => {
                eprintln!("{} is up to date", target.out.display());
                ExitCode::SUCCESS
            }
            Ok(Err(stale)) => {
                println!("{stale}");
                eprintln!("{} is stale: run `specforge generate` to update it", target.out.display());
                ExitCode::from(EXIT_STALE)
            }
            Err(error) => fail(&error),
        },
        Command::Module { out, .. } => {
            let written = generation.single_file().and_then(|text| {
                std::fs::write(out, text).map_err(|source| specforge::Error::Io { path: out.clone(), source })
            });
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&error),
            }
        }
    }
}

fn fail(error: &specforge::Error) -> ExitCode {
    eprintln!("error: {error}");
    match error {
        specforge::Error::Spec(_) => ExitCode::from(EXIT_SPEC),
        _ => ExitCode::from(EXIT_IO),
    }
}
