//! Making a regeneration all or nothing on disk, and finishing one that was interrupted.
//!
//! Every new file is first staged (written and fsynced) in a `*.specforge-tmp` sibling by
//! [`super::GeneratedCrate::write`]. Only then is the journal ([`JOURNAL`], in the crate
//! directory) written: under a staging name, fsynced, renamed into place and the directory
//! fsynced, so that it exists whole or not at all. It lists every rename of a staged file into
//! place and every removal of a generated file that is no longer generated. Those are done, made
//! durable, and the journal is deleted. A run killed (or a machine losing power) before the
//! journal exists left only staging files, which are ours by name: the next run removes them
//! and the crate is the old one. A run interrupted after it has a journal which, since the
//! staging was complete before it, has everything needed to finish: the next run replays it,
//! each step being idempotent, and the crate is the new one.
//!
//! Also owned here: the test-only fault hook that lets a test stop the write phase at a chosen
//! step (see [`step`]).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use super::WriteError;

/// The journal of a regeneration in progress, in the crate directory.
pub const JOURNAL: &str = ".specforge-journal";

/// The suffix of the temporary sibling a file is staged in before it is renamed into place.
pub(super) const STAGING_SUFFIX: &str = ".specforge-tmp";

/// The first line of a journal: which format follows.
const FORMAT_LINE: &str = "specforge journal 1";

/// The last line of a journal. The journal is renamed into place whole, so a journal without
/// it was not written by this code.
const END_LINE: &str = "end";

/// What [`recover`] found in a crate directory and did about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// A journal: the regeneration it records was finished.
    RolledForward {
        /// Staged files renamed into place now.
        renamed: usize,
        /// Generated files removed now.
        removed: usize,
        /// Steps the interrupted run had already done.
        already_done: usize,
        /// Files whose staged copy and target were both gone, which the journal cannot
        /// restore (someone removed them after the interruption); `generate` writes them.
        missing: Vec<PathBuf>,
    },
    /// Staging files without a journal: the interrupted run had not replaced anything yet, so
    /// the crate is the one from before it; the staging files were removed.
    Discarded { files: usize },
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recovery::RolledForward { renamed, removed, already_done, missing } => {
                write!(
                    f,
                    "finished a regeneration that was interrupted ({JOURNAL}): {renamed} file(s) renamed into place, \
                     {removed} removed, {already_done} step(s) done before the interruption"
                )?;
                if !missing.is_empty() {
                    write!(
                        f,
                        "; {} file(s) had neither their staged nor their new version and are missing: {} (run \
                         `specforge generate`)",
                        missing.len(),
                        super::list_paths(missing)
                    )?;
                }
                Ok(())
            }
            Recovery::Discarded { files } => write!(
                f,
                "removed {files} staging file(s) of a regeneration that was interrupted before it replaced any file; \
                 the crate is the one from before it"
            ),
        }
    }
}

/// What a regeneration does once everything is staged, as paths relative to the crate directory.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    /// Targets whose staged sibling is renamed onto them.
    renames: Vec<PathBuf>,
    /// Generated files that are no longer generated.
    removals: Vec<PathBuf>,
}

/// Whether `dir` holds the journal of an interrupted regeneration.
pub(super) fn pending(dir: &Path) -> bool {
    dir.join(JOURNAL).symlink_metadata().is_ok()
}

/// Finishes an interrupted regeneration in `dir`, or removes what one staged before it had a
/// journal; `None` when there was nothing to do.
pub fn recover(dir: &Path) -> Result<Option<Recovery>, WriteError> {
    let journal = dir.join(JOURNAL);
    let text = match std::fs::read(&journal) {
        Ok(bytes) => bytes,
        Err(error) if absent(&error) => {
            let files = remove_strays(dir).map_err(|source| WriteError::Io { path: dir.to_owned(), source })?;
            return Ok((files > 0).then_some(Recovery::Discarded { files }));
        }
        Err(source) => return Err(WriteError::Io { path: journal, source }),
    };
    let plan = std::str::from_utf8(&text)
        .map_err(|_| "not UTF-8".to_owned())
        .and_then(parse)
        .map_err(|message| WriteError::Journal { path: journal.clone(), message })?;
    let mut recovery = apply(dir, &plan).map_err(|(path, source)| WriteError::Unfinished { path, journal, source })?;
    if let Recovery::RolledForward { missing, .. } = &mut recovery {
        missing.sort();
    }
    Ok(Some(recovery))
}

/// Commits a staged regeneration: records `renames` (targets whose staged sibling is complete
/// and durable) and `removals` in the journal, then performs them. While the journal is not in
/// place a failure changes nothing (`discard` removes what was staged); once it is, a failure
/// leaves it for the next run to finish.
pub(super) fn commit(
    dir: &Path,
    renames: Vec<PathBuf>,
    removals: Vec<PathBuf>,
    discard: impl FnOnce(),
) -> Result<(), WriteError> {
    let plan = Plan { renames, removals };
    let journal = dir.join(JOURNAL);
    let staged = staging_path(&journal);
    let written = step(|| write_synced(&staged, render(&plan).as_bytes()))
        .and_then(|()| step(|| std::fs::rename(&staged, &journal)));
    if let Err(source) = written {
        let _ = std::fs::remove_file(&staged);
        discard();
        return Err(WriteError::Io { path: journal, source });
    }
    // From here on the regeneration is decided: whatever fails is finished by the next run.
    let unfinished = |(path, source)| WriteError::Unfinished { path, journal: journal.clone(), source };
    step(|| sync_dir(dir)).map_err(|source| unfinished((dir.to_owned(), source)))?;
    apply(dir, &plan).map_err(unfinished)?;
    Ok(())
}

/// Performs a plan, each step idempotent, then deletes the journal. Returns what was done, or
/// the path that failed.
fn apply(dir: &Path, plan: &Plan) -> Result<Recovery, (PathBuf, std::io::Error)> {
    let (mut renamed, mut removed, mut already_done, mut missing) = (0, 0, 0, Vec::new());
    let mut touched: BTreeSet<PathBuf> = BTreeSet::new();
    for target in &plan.renames {
        let target = dir.join(target);
        let staged = staging_path(&target);
        if staged.symlink_metadata().is_ok() {
            step(|| std::fs::rename(&staged, &target)).map_err(|error| (target.clone(), error))?;
            renamed += 1;
        } else if target.symlink_metadata().is_ok() {
            // Staging files are complete before the journal exists, and only a rename takes
            // one away while it does: this one was renamed before the interruption.
            already_done += 1;
        } else {
            missing.push(target.strip_prefix(dir).unwrap_or(&target).to_owned());
        }
        touched.extend(target.parent().map(Path::to_owned));
    }
    for path in &plan.removals {
        let path = dir.join(path);
        match step(|| std::fs::remove_file(&path)) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => already_done += 1,
            Err(error) => return Err((path, error)),
        }
        touched.extend(path.parent().map(Path::to_owned));
    }
    // The renames and removals must be durable before the journal that would redo them goes.
    for parent in &touched {
        step(|| sync_dir(parent)).map_err(|error| (parent.clone(), error))?;
    }
    let src = dir.join("src");
    step(|| super::remove_empty_dirs(&src)).map_err(|error| (src.clone(), error))?;
    let journal = dir.join(JOURNAL);
    step(|| std::fs::remove_file(&journal)).map_err(|error| (journal.clone(), error))?;
    // A journal that comes back after a power loss is replayed as all done: no error matters.
    let _ = step(|| sync_dir(dir));
    Ok(Recovery::RolledForward { renamed, removed, already_done, missing })
}

/// Removes staging files (ours by name) from the crate's top level and `src/`, and the
/// directories under `src/` that held nothing else; returns how many files were removed.
fn remove_strays(dir: &Path) -> std::io::Result<usize> {
    let mut strays: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => {
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry?;
                if !entry.file_type()?.is_dir() && is_staging_file(Path::new(&entry.file_name())) {
                    found.push(entry.path());
                }
            }
            found
        }
        Err(error) if absent(&error) => return Ok(0),
        Err(error) => return Err(error),
    };
    strays.extend(
        super::files_under(&dir.join("src"), dir)?.into_iter().filter(|p| is_staging_file(p)).map(|p| dir.join(p)),
    );
    for stray in &strays {
        std::fs::remove_file(stray)?;
    }
    if !strays.is_empty() {
        // The directories staging created for new modules are empty now.
        super::remove_empty_dirs(&dir.join("src"))?;
    }
    Ok(strays.len())
}

/// Whether an error says there is no such file: no crate (or a file where it would be) has
/// nothing to recover.
fn absent(error: &std::io::Error) -> bool {
    matches!(error.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory)
}

pub(super) fn is_staging_file(path: &Path) -> bool {
    path.file_name().is_some_and(|name| name.to_string_lossy().ends_with(STAGING_SUFFIX))
}

pub(super) fn staging_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(STAGING_SUFFIX);
    target.with_file_name(name)
}

/// Creates `path` with `bytes`, durably: a file that the journal relies on must not come back
/// empty after a power loss.
pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the entries of `dir` (files created, renamed or removed in it) durable.
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    // Other systems cannot open a directory as a file; their renames are durable as they are.
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn render(plan: &Plan) -> String {
    let mut text = format!("{FORMAT_LINE}\n");
    for (verb, paths) in [("rename", &plan.renames), ("remove", &plan.removals)] {
        for path in paths {
            let _ = writeln!(text, "{verb} {}", encode(path));
        }
    }
    text.push_str(END_LINE);
    text.push('\n');
    text
}

fn parse(text: &str) -> Result<Plan, String> {
    let mut lines = text.lines();
    if lines.next() != Some(FORMAT_LINE) {
        return Err(format!("it does not start with `{FORMAT_LINE}`"));
    }
    let mut plan = Plan::default();
    for line in lines.by_ref() {
        if line == END_LINE {
            return match lines.next() {
                None => Ok(plan),
                Some(_) => Err(format!("text follows `{END_LINE}`")),
            };
        }
        let (verb, encoded) = line.split_once(' ').ok_or_else(|| format!("unknown line `{line}`"))?;
        let path = decode(encoded).ok_or_else(|| format!("bad path `{encoded}`"))?;
        // A journal names files inside the crate, never elsewhere: one that says otherwise is
        // not followed.
        if path.as_os_str().is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(format!("`{encoded}` is not a path inside the crate"));
        }
        match verb {
            "rename" => plan.renames.push(path),
            "remove" if path.starts_with("src") => plan.removals.push(path),
            "remove" => return Err(format!("`{encoded}` is not under src/, where removals are")),
            _ => return Err(format!("unknown step `{verb}`")),
        }
    }
    Err(format!("it does not end with `{END_LINE}`"))
}

/// A path as one space-free line: bytes outside printable ASCII, and `%`, as `%XX`.
fn encode(path: &Path) -> String {
    let mut text = String::new();
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_graphic() && byte != b'%' {
            text.push(byte as char);
        } else {
            let _ = write!(text, "%{byte:02X}");
        }
    }
    text
}

fn decode(text: &str) -> Option<PathBuf> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    #[cfg(unix)]
    {
        Some(PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// Counts the filesystem steps of the write phase for the test-only fault hook: with
/// `SPECFORGE_FAULT_AFTER_WRITE_STEPS=N` the process kills itself (SIGKILL) right after the
/// N-th step; with `SPECFORGE_FAULT_FAIL_WRITE_STEP=N` the N-th step fails, not done, as a
/// full disk would fail it. Neither is meant for anything but the tests that interrupt
/// regeneration (`tests/suite/interrupted.rs`).
pub(super) fn step<T>(operation: impl FnOnce() -> std::io::Result<T>) -> std::io::Result<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static STEPS: AtomicUsize = AtomicUsize::new(0);
    static FAULTS: std::sync::OnceLock<(Option<usize>, Option<usize>)> = std::sync::OnceLock::new();
    let (abort_after, fail_at) = *FAULTS.get_or_init(|| {
        let read = |name: &str| std::env::var(name).ok().and_then(|value| value.trim().parse::<usize>().ok());
        (read("SPECFORGE_FAULT_AFTER_WRITE_STEPS"), read("SPECFORGE_FAULT_FAIL_WRITE_STEP"))
    });
    if abort_after.is_none() && fail_at.is_none() {
        return operation();
    }
    let number = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    if fail_at == Some(number) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "injected fault (SPECFORGE_FAULT_FAIL_WRITE_STEP)",
        ));
    }
    let result = operation();
    if abort_after == Some(number) {
        kill_self();
    }
    result
}

/// Ends the process as `kill -9` would: no destructor, no buffered write, and (unlike
/// `abort`) no core dump.
fn kill_self() -> ! {
    #[cfg(unix)]
    // SAFETY: `getpid` and `kill` take and return plain integers; no memory is shared.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_reads_back_as_written() {
        let plan = Plan {
            renames: vec![PathBuf::from("Cargo.toml"), PathBuf::from("src/odd name%.rs")],
            removals: vec![PathBuf::from("src/operations/gone.rs")],
        };
        let text = render(&plan);
        assert_eq!(parse(&text), Ok(plan));
    }

    #[test]
    fn a_journal_that_names_files_outside_the_crate_is_refused() {
        for text in [
            "specforge journal 1\nrename ../elsewhere\nend\n",
            "specforge journal 1\nrename /etc/passwd\nend\n",
            "specforge journal 1\nremove Cargo.toml\nend\n",
            "specforge journal 1\nrename src/lib.rs\n",
            "specforge journal 1\nrename src/%zz\nend\n",
            "specforge journal 1\nrename src/%4\nend\n",
            "something else\n",
            "",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }
}
