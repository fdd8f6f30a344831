//! A regeneration interrupted at any step of its write phase (killed, or a step failing as on
//! a full disk) leaves the old crate or the new one, and the next `generate` or `check` finishes
//! or undoes it and says so. The interruptions are placed by the test-only fault hook of
//! `src/output/journal.rs`, at every step in turn, over a crate with files of the user's; a
//! recovery is interrupted the same way.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{file_tree, workspace};

use file_tree::{file_tree, FileTree};

const JOURNAL: &str = ".specforge-journal";

/// The spec the old crate is generated from; the new one is a variant written by
/// [`Specs::new`].
const OLD_SPEC: &str = "spec/restore-job.yaml";

/// The old spec, and a variant whose operation is in another tag and whose cluster names have
/// another pattern: regenerating changes files (the manifest's features, the README, the
/// operations module, the patterns), adds one (the new tag's module) and removes one (the old
/// tag's), while the runtime modules stay as they are (fewer steps to interrupt).
struct Specs {
    _dir: tempfile::TempDir,
    new: String,
}

impl Specs {
    fn new() -> Specs {
        let text = std::fs::read_to_string(workspace().join(OLD_SPEC)).unwrap();
        assert!(text.contains("Cloud Backups") && text.contains("^[a-zA-Z0-9][a-zA-Z0-9-]*$"));
        let variant =
            text.replace("Cloud Backups", "Restore Jobs").replace("^[a-zA-Z0-9][a-zA-Z0-9-]*$", "^[a-z][a-z0-9-]*$");
        let dir = tempfile::tempdir().unwrap();
        // The same file name: the generated header names it.
        let path = dir.path().join("restore-job.yaml");
        std::fs::write(&path, variant).unwrap();
        Specs { new: path.to_str().unwrap().to_owned(), _dir: dir }
    }
}

fn specforge(args: &[&str], spec: &str, out: &Path, fault: Option<(&str, usize)>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_specforge"));
    command
        .args(args)
        .args(["--quiet", "--spec", spec, "--out"])
        .arg(out)
        .current_dir(workspace())
        .env_remove("SPECFORGE_FAULT_AFTER_WRITE_STEPS")
        .env_remove("SPECFORGE_FAULT_FAIL_WRITE_STEP");
    if let Some((variable, step)) = fault {
        command.env(variable, step.to_string());
    }
    command.output().expect("specforge runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Empty directories under `dir`, which a file tree does not show.
fn empty_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if std::fs::read_dir(&path).unwrap().next().is_none() {
                found.push(path.clone());
            }
            found.extend(empty_dirs(&path));
        }
    }
    found
}

fn write_tree(dir: &Path, files: &FileTree) {
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// The files the generator keeps for itself while a regeneration is in progress.
fn is_bookkeeping(path: &Path) -> bool {
    path == Path::new(JOURNAL) || path.to_string_lossy().ends_with(".specforge-tmp")
}

/// The old crate (generated, with the user's own files and manifest lines) and the crate
/// regenerating it writes.
fn old_and_new(specs: &Specs) -> (FileTree, FileTree) {
    let dir = tempfile::tempdir().unwrap();
    let output = specforge(&["generate"], OLD_SPEC, dir.path(), None);
    assert!(output.status.success(), "{}", stderr(&output));
    let manifest = dir.path().join("Cargo.toml");
    let mine = std::fs::read_to_string(&manifest).unwrap() + "\n[dev-dependencies]\nmine = \"1\"\n";
    std::fs::write(&manifest, mine).unwrap();
    std::fs::create_dir_all(dir.path().join("tests")).unwrap();
    std::fs::write(dir.path().join("tests/mine.rs"), "#[test]\nfn mine() {}\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "the user's\n").unwrap();
    let old = file_tree(dir.path());
    let output = specforge(&["generate"], &specs.new, dir.path(), None);
    assert!(output.status.success(), "{}", stderr(&output));
    let new = file_tree(dir.path());
    let added = new.keys().filter(|p| !old.contains_key(*p)).count();
    let removed = old.keys().filter(|p| !new.contains_key(*p)).count();
    let changed = new.iter().filter(|(p, bytes)| old.get(*p).is_some_and(|o| o != *bytes)).count();
    assert!(added > 0 && removed > 0 && changed > 0, "added {added}, removed {removed}, changed {changed}");
    assert!(new.contains_key(Path::new("tests/mine.rs")) && new.contains_key(Path::new("notes.txt")));
    assert!(String::from_utf8_lossy(&new[Path::new("Cargo.toml")]).contains("mine = \"1\""));
    (old, new)
}

/// What an interrupted run left.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Left {
    /// The old crate, and staging files when there are.
    Old { strays: bool },
    /// A journal, with a mix of old and new files that the next run makes the new crate.
    Journal,
    /// The new crate: the journal was deleted.
    New,
}

/// Interrupted at `step`: what is on disk, apart from the generator's bookkeeping, is the old
/// or the new crate exactly while there is no journal; with a journal, every file is its old
/// or its new version, or staged in its new version, and none is anything else.
fn check_interrupted(dir: &Path, old: &FileTree, new: &FileTree, step: usize) -> Left {
    let on_disk = file_tree(dir);
    let journal = on_disk.contains_key(Path::new(JOURNAL));
    let strays = on_disk.keys().any(|p| is_bookkeeping(p) && p != Path::new(JOURNAL));
    let visible: FileTree = on_disk.into_iter().filter(|(p, _)| !is_bookkeeping(p)).collect();
    if !journal {
        assert!(!(strays && visible == *new), "step {step}: staging files are left beside the new crate");
        if visible == *new {
            return Left::New;
        }
        assert!(visible == *old, "step {step}: no journal, yet the crate is neither the old nor the new one");
        return Left::Old { strays };
    }
    for (path, bytes) in &visible {
        assert!(
            old.get(path) == Some(bytes) || new.get(path) == Some(bytes),
            "step {step}: {} is neither its old nor its new version",
            path.display()
        );
    }
    for (path, bytes) in new {
        let staged = dir.join(format!("{}.specforge-tmp", path.display()));
        assert!(
            visible.get(path) == Some(bytes) || std::fs::read(&staged).ok().as_ref() == Some(bytes),
            "step {step}: the new {} is neither in place nor staged",
            path.display()
        );
    }
    Left::Journal
}

fn assert_exactly(dir: &Path, expected: &FileTree, what: &str) {
    let on_disk = file_tree(dir);
    if on_disk != *expected {
        let differ: Vec<_> = on_disk
            .keys()
            .chain(expected.keys())
            .filter(|p| on_disk.get(*p) != expected.get(*p))
            .map(|p| p.display().to_string())
            .collect();
        panic!("{what}: these files differ: {differ:?}");
    }
    assert_eq!(empty_dirs(dir), Vec::<PathBuf>::new(), "{what}: empty directories are left");
}

const ROLLED_FORWARD: &str = "finished a regeneration that was interrupted";
const DISCARDED: &str = "staging file(s) of a regeneration that was interrupted before it replaced any file";

#[test]
fn a_regeneration_killed_at_any_step_leaves_the_old_crate_or_the_new_one() {
    let specs = Specs::new();
    let (old, new) = old_and_new(&specs);
    let mut seen = Vec::new();
    let mut step = 1;
    loop {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &old);
        let killed = ("SPECFORGE_FAULT_AFTER_WRITE_STEPS", step);
        let output = specforge(&["generate"], &specs.new, dir.path(), Some(killed));
        if output.status.success() {
            // Past the last step: the run was not interrupted.
            assert_exactly(dir.path(), &new, "an uninterrupted run");
            break;
        }
        assert_eq!(output.status.signal(), Some(9), "step {step}: killed by the hook, {}", stderr(&output));
        let left = check_interrupted(dir.path(), &old, &new, step);
        seen.push(left);
        // Every other time `check` finds the interrupted run, else `generate` does.
        let command = if step % 2 == 1 { "check" } else { "generate" };
        let output = specforge(&[command], &specs.new, dir.path(), None);
        let message = stderr(&output);
        let reported = match left {
            Left::Journal => message.contains(ROLLED_FORWARD),
            Left::Old { strays: true } => message.contains(DISCARDED),
            Left::Old { strays: false } | Left::New => !message.contains("interrupted"),
        };
        assert!(reported, "step {step}, {left:?}, {command}: {message}");
        if command == "check" {
            let (code, crate_) = if matches!(left, Left::Old { .. }) { (1, &old) } else { (0, &new) };
            assert_eq!(output.status.code(), Some(code), "step {step}, {left:?}: {message}");
            assert_exactly(dir.path(), crate_, &format!("step {step}, {left:?}, after check"));
            if code == 1 {
                let output = specforge(&["generate"], &specs.new, dir.path(), None);
                assert!(output.status.success(), "step {step}: {}", stderr(&output));
            }
        } else {
            assert!(output.status.success(), "step {step}: {message}");
        }
        assert_exactly(dir.path(), &new, &format!("step {step}, {left:?}, at the end"));
        step += 1;
        assert!(step < 1000, "the write phase never ended");
    }
    // The first step already stages a file: no kill leaves the old crate without staging files.
    for left in [Left::Old { strays: true }, Left::Journal, Left::New] {
        assert!(seen.contains(&left), "no kill left {left:?}: {seen:?}");
    }
}

#[test]
fn a_step_that_fails_leaves_the_old_crate_or_a_journal_the_next_run_finishes() {
    let specs = Specs::new();
    let (old, new) = old_and_new(&specs);
    let mut step = 1;
    let mut failed_before_journal = 0;
    loop {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &old);
        let output = specforge(&["generate"], &specs.new, dir.path(), Some(("SPECFORGE_FAULT_FAIL_WRITE_STEP", step)));
        if output.status.success() {
            assert_exactly(dir.path(), &new, "an uninterrupted run");
            break;
        }
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(4), "step {step}: {message}");
        assert!(message.contains("injected fault"), "step {step}: {message}");
        if dir.path().join(JOURNAL).exists() {
            // Failed after the regeneration was decided: the error says the next run finishes it.
            assert!(message.contains("the next `specforge generate` or `check` finishes it"), "{message}");
            check_interrupted(dir.path(), &old, &new, step);
            let output = specforge(&["check"], &specs.new, dir.path(), None);
            assert_eq!(output.status.code(), Some(0), "step {step}: {}", stderr(&output));
            assert_exactly(dir.path(), &new, &format!("step {step}, after check"));
        } else {
            // A failed write cleans up after itself: the old crate exactly, nothing staged.
            failed_before_journal += 1;
            assert_exactly(dir.path(), &old, &format!("step {step}, after the failure"));
        }
        step += 1;
        assert!(step < 1000, "the write phase never ended");
    }
    assert!(failed_before_journal > 0);
}

#[test]
fn a_journal_that_names_files_outside_the_crate_is_not_followed() {
    let specs = Specs::new();
    let dir = tempfile::tempdir().unwrap();
    let output = specforge(&["generate"], OLD_SPEC, dir.path(), None);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = file_tree(dir.path());
    std::fs::write(dir.path().join(JOURNAL), "specforge journal 1\nremove ../../etc/passwd\nend\n").unwrap();
    let output = specforge(&["generate"], &specs.new, dir.path(), None);
    assert_eq!(output.status.code(), Some(4));
    assert!(stderr(&output).contains("is not a journal specforge can read"), "{}", stderr(&output));
    let mut after = file_tree(dir.path());
    after.remove(Path::new(JOURNAL));
    assert_eq!(after, before);
}

#[test]
fn a_recovery_killed_at_any_step_is_finished_by_the_next_run() {
    let specs = Specs::new();
    let (old, new) = old_and_new(&specs);
    // The first kill that leaves a journal with staged files still to rename: the recovery
    // then has every kind of step to do.
    let interrupted = tempfile::tempdir().unwrap();
    let mut step = 1;
    loop {
        let _ = std::fs::remove_dir_all(interrupted.path());
        write_tree(interrupted.path(), &old);
        let output =
            specforge(&["generate"], &specs.new, interrupted.path(), Some(("SPECFORGE_FAULT_AFTER_WRITE_STEPS", step)));
        assert!(!output.status.success(), "no kill left a journal with files to rename");
        let left = file_tree(interrupted.path());
        if left.contains_key(Path::new(JOURNAL)) && left.keys().filter(|p| is_bookkeeping(p)).count() > 2 {
            break;
        }
        step += 1;
    }
    let journal_state = file_tree(interrupted.path());
    let mut step = 1;
    loop {
        let dir = tempfile::tempdir().unwrap();
        write_tree(dir.path(), &journal_state);
        let output = specforge(&["check"], &specs.new, dir.path(), Some(("SPECFORGE_FAULT_AFTER_WRITE_STEPS", step)));
        if output.status.success() {
            assert_exactly(dir.path(), &new, "an uninterrupted recovery");
            break;
        }
        assert_eq!(output.status.signal(), Some(9), "step {step}: {}", stderr(&output));
        let left = check_interrupted(dir.path(), &old, &new, step);
        assert!(matches!(left, Left::Journal | Left::New), "step {step}: a recovery went back: {left:?}");
        let output = specforge(&["check"], &specs.new, dir.path(), None);
        assert_eq!(output.status.code(), Some(0), "step {step}: {}", stderr(&output));
        assert_eq!(left == Left::Journal, stderr(&output).contains(ROLLED_FORWARD), "{}", stderr(&output));
        assert_exactly(dir.path(), &new, &format!("step {step}, after the second recovery"));
        step += 1;
        assert!(step < 1000, "the recovery never ended");
    }
}
