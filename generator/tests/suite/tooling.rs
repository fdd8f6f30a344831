//! The workspace as cargo's own tools meet it: the API docs build without warnings,
//! `cargo install --path generator` gives a working `specforge`, the runtime crate packages
//! for crates.io, and every relative link of the
//! README, the changelog and `docs/` leads to an existing file and heading.

use std::path::PathBuf;
use std::process::Command;

use crate::common::{nested_cargo, workspace};

#[test]
fn workspace_docs_build_without_warnings() {
    let mut doc = nested_cargo();
    doc.args(["doc", "--workspace", "--no-deps"]).env("RUSTDOCFLAGS", "-Dwarnings");
    assert_cargo_clean(&mut doc, "`cargo doc --workspace --no-deps`");
}

/// Runs a cargo command in the workspace and fails the test when cargo fails or warns.
/// Cargo's own warnings (a doc output collision, missing package metadata) fail nothing, not
/// even under `-Dwarnings`, so the log is read too. Returns the log.
fn assert_cargo_clean(cargo: &mut Command, what: &str) -> String {
    let output = cargo.args(["--color", "never"]).current_dir(workspace()).output().expect("cargo runs");
    let log = String::from_utf8_lossy(&output.stderr).into_owned();
    let warned = log.lines().any(|line| line.starts_with("warning"));
    assert!(output.status.success() && !warned, "{what} is not clean:\n{log}");
    log
}

#[test]
fn cargo_install_gives_a_working_command() {
    let root = tempfile::tempdir().expect("temporary install root");
    // `--locked` builds with the workspace's lock file, whose crates the test build has
    // already fetched, hence `--offline`. `--debug`, the workspace's target dir and cargo's
    // default for incremental builds are what `cargo run -p specforge` (the README's first
    // command) builds with, so after it this install compiles nothing: `.ci/run`'s
    // `CARGO_INCREMENTAL=0` would make it compile the generator a second time (14 s).
    let install = nested_cargo()
        .args(["install", "--path", "generator", "--locked", "--offline", "--debug", "--color", "never", "--root"])
        .arg(root.path())
        .env_remove("CARGO_INCREMENTAL")
        .current_dir(workspace())
        .output()
        .expect("cargo runs");
    assert!(install.status.success(), "`cargo install` fails:\n{}", String::from_utf8_lossy(&install.stderr));

    let installed = root.path().join("bin").join(format!("specforge{}", std::env::consts::EXE_SUFFIX));
    let version = Command::new(&installed).arg("--version").output().expect("the installed command runs");
    let printed = String::from_utf8_lossy(&version.stdout);
    assert!(version.status.success(), "{}", String::from_utf8_lossy(&version.stderr));
    assert_eq!(printed.trim(), format!("specforge {}", env!("CARGO_PKG_VERSION")));
}

/// What a build-script user adds beside the generator must be publishable: `cargo package`
/// refuses a path dependency without a version and warns about missing metadata (license,
/// description, documentation), which crates.io then asks for. `--no-verify` skips building
/// the packed crate, which compiles every dependency again with the crate's features alone
/// (30 s; `cargo package -p specforge-runtime` builds it, docs/build-scripts.md); the
/// dependencies' versions come from the lock file's crates, hence `--offline`.
#[test]
fn the_runtime_crate_packages_cleanly() {
    let target = tempfile::tempdir().expect("temporary target dir");
    let mut package = nested_cargo();
    package
        .args(["package", "-p", "specforge-runtime", "--no-verify", "--allow-dirty", "--offline"])
        .env("CARGO_TARGET_DIR", target.path());
    let log = assert_cargo_clean(&mut package, "`cargo package -p specforge-runtime`");
    let packed = target.path().join("package").join(format!("specforge-runtime-{}.crate", env!("CARGO_PKG_VERSION")));
    assert!(packed.is_file(), "no {} after:\n{log}", packed.display());
}

/// The repository's Markdown documents whose links must resolve: the README, the changelog and
/// every document under `docs/`.
fn documentation_files() -> Vec<PathBuf> {
    let root = workspace();
    let mut files = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.expect("docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// What links in a Markdown document point at: its headings' anchors, and its links'
/// destinations.
struct MarkdownOutline {
    anchors: Vec<String>,
    links: Vec<String>,
}

fn outline(markdown: &str) -> MarkdownOutline {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    let mut anchors = Vec::new();
    let mut links = Vec::new();
    let mut heading: Option<String> = None;
    let mut seen = std::collections::HashMap::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let slug = github_slug(&heading.take().unwrap_or_default());
                // GitHub numbers a repeated heading's anchor: `name`, `name-1`, `name-2`.
                let repeats = seen.entry(slug.clone()).or_insert(0);
                anchors.push(if *repeats == 0 { slug } else { format!("{slug}-{repeats}") });
                *repeats += 1;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push(dest_url.into_string())
            }
            _ => {}
        }
    }
    MarkdownOutline { anchors, links }
}

/// The anchor GitHub gives a heading: its text in lower case, without punctuation other than
/// `-` and `_`, spaces turned into `-`.
fn github_slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn documentation_links_resolve() {
    let mut broken = Vec::new();
    for file in documentation_files() {
        let markdown = std::fs::read_to_string(&file).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let name = file.strip_prefix(workspace()).unwrap_or(&file).display().to_string();
        for link in outline(&markdown).links {
            // Links with a scheme (`https:`, `mailto:`) leave the repository.
            let before_path_end = link.split(['/', '#', '?']).next().unwrap_or_default();
            if before_path_end.contains(':') {
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() { file.clone() } else { file.parent().expect("in a directory").join(path) };
            if !target.exists() {
                broken.push(format!("{name}: `{link}`: no file {}", target.display()));
                continue;
            }
            if anchor.is_empty() || target.extension().is_none_or(|extension| extension != "md") {
                continue;
            }
            let target_markdown = std::fs::read_to_string(&target).expect("a linked Markdown file is readable");
            if !outline(&target_markdown).anchors.iter().any(|known| known == anchor) {
                broken.push(format!(
                    "{name}: `{link}`: no heading with anchor #{anchor} in {path_or_self}",
                    path_or_self = if path.is_empty() { "this file" } else { path }
                ));
            }
        }
    }
    assert!(broken.is_empty(), "broken links in the documentation:\n{}", broken.join("\n"));
}

#[test]
fn link_check_reads_headings_as_github_anchors_them() {
    let markdown = "# Spec changes\n\n## `check`: fail when stale\n\n## Notes\n\n## Notes\n\n\
                    See [check](#check-fail-when-stale), [the guide](docs/guide.md#a-b) and [x](https://example.com).\n\n\
                    | a |\n|---|\n| [t](table.md) |\n";
    let outline = outline(markdown);
    assert_eq!(outline.anchors, ["spec-changes", "check-fail-when-stale", "notes", "notes-1"]);
    assert_eq!(outline.links, ["#check-fail-when-stale", "docs/guide.md#a-b", "https://example.com", "table.md"]);
}
