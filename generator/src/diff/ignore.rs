//! The ignore file of `specforge diff --ignore FILE`: changes a team has accepted.
//!
//! One entry per line: a target, whitespace, and the reason (required). The target is an
//! operationId (every change of that operation; a renamed operation's changes carry its new
//! operationId) or a JSON pointer starting with `#/` (the
//! change at that pointer and every change below it). Blank lines and lines starting with
//! `#` followed by anything but `/` are comments:
//!
//! ```text
//! # accepted for the 2025-06-30 release
//! getOrgResourcePolicy  renamed from getAtlasResourcePolicy upstream; callers migrated
//! #/components/schemas/ApiAtlasFTSMappings/properties/fields  type fixed upstream
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

use super::model::ApiModel;
use super::rules::Change;

/// One accepted target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub target: Target,
    pub reason: String,
    /// 1-based line in the file.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    OperationId(String),
    Pointer(String),
}

/// A malformed ignore file, naming the file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreError {
    pub file: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for IgnoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

impl std::error::Error for IgnoreError {}

/// The entries of an ignore file.
#[derive(Debug, Clone, Default)]
pub struct IgnoreList {
    pub entries: Vec<Entry>,
}

impl IgnoreList {
    /// Parses `text` (read from `file`), checking that every operationId names an operation
    /// of `old` or `new`.
    pub fn parse(file: &Path, text: &str, old: &ApiModel, new: &ApiModel) -> Result<IgnoreList, IgnoreError> {
        let mut entries = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let error = |message: String| IgnoreError { file: file.to_owned(), line, message };
            let trimmed = raw.trim();
            if trimmed.is_empty() || (trimmed.starts_with('#') && !trimmed.starts_with("#/")) {
                continue;
            }
            let (target, reason) = match trimmed.split_once(char::is_whitespace) {
                Some((target, reason)) if !reason.trim().is_empty() => (target, reason.trim()),
                _ => return Err(error(format!("`{trimmed}` has no reason: write `TARGET REASON`"))),
            };
            let target = if target.starts_with("#/") {
                Target::Pointer(target.to_owned())
            } else if target.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c)) {
                if !old.operations.contains_key(target) && !new.operations.contains_key(target) {
                    return Err(error(format!("unknown operationId `{target}`: neither spec has it")));
                }
                Target::OperationId(target.to_owned())
            } else {
                return Err(error(format!("`{target}` is neither an operationId nor a JSON pointer (`#/…`)")));
            };
            entries.push(Entry { target, reason: reason.to_owned(), line });
        }
        Ok(IgnoreList { entries })
    }

    /// The entry that accepts `change`, if any.
    pub fn matching(&self, change: &Change) -> Option<&Entry> {
        self.entries.iter().find(|entry| match &entry.target {
            Target::OperationId(id) => change.operation_id.as_deref() == Some(id.as_str()),
            Target::Pointer(pointer) => {
                change.pointer == *pointer
                    || change.pointer.strip_prefix(pointer.as_str()).is_some_and(|rest| rest.starts_with('/'))
            }
        })
    }

    /// Splits changes into those that count and those accepted (with their reason).
    pub fn apply(&self, changes: Vec<Change>) -> (Vec<Change>, Vec<(Change, String)>) {
        let mut kept = Vec::new();
        let mut ignored = Vec::new();
        for change in changes {
            match self.matching(&change) {
                Some(entry) => {
                    let reason = entry.reason.clone();
                    ignored.push((change, reason));
                }
                None => kept.push(change),
            }
        }
        (kept, ignored)
    }
}
