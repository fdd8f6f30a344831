//! Spec changes as seen by users of the generated crate: `specforge diff OLD NEW`, and the
//! one-line summary `generate` and `check` print.
//!
//! [`model`] extracts the public Rust API from the IR (and is what a generated crate records
//! in [`DIGEST_FILE`]), [`rules`] compares two of them and classifies each change,
//! [`ignore`] reads the file of accepted changes, and [`report`] renders the result.

pub mod ignore;
pub mod locate;
pub mod model;
pub mod report;
pub mod rules;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

pub use model::ApiModel;
pub use rules::{compare, Change, Impact, Kind, Side};

/// The file in a generated crate's root that records the spec's hash and its API model.
pub const DIGEST_FILE: &str = "specforge-api.json";

/// What a generated crate records about the spec it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiDigest {
    /// SHA-256 of the spec file, hex (absent when the crate was emitted from an IR alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec_sha256: Option<String>,
    /// The overlays applied to the spec, in order (absent when there were none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overlays: Vec<OverlayRecord>,
    pub api: ApiModel,
}

/// An overlay as a generated crate records it: the file's name and the SHA-256 of its content,
/// so that `check` and the change summary see an overlay added, removed, reordered or edited,
/// and where it is relative to the spec, so that `check` can apply it again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OverlayRecord {
    pub file: String,
    pub sha256: String,
    /// The overlay's path relative to the spec's directory, `/`-separated (absent in crates
    /// generated before it was recorded: the file is then looked for beside the spec).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// Two records are of the same overlay when its name and content are the same: where it was
/// read from is only how to find it.
impl PartialEq for OverlayRecord {
    fn eq(&self, other: &Self) -> bool {
        self.file == other.file && self.sha256 == other.sha256
    }
}

impl Eq for OverlayRecord {}

impl OverlayRecord {
    /// The record of the overlay at `overlay`, applied to the spec at `spec`, with content hash
    /// `sha256`.
    pub fn new(spec: &Path, overlay: &Path, sha256: &str) -> OverlayRecord {
        let file =
            overlay.file_name().map_or_else(|| overlay.display().to_string(), |n| n.to_string_lossy().into_owned());
        let path = relative_path(spec.parent().unwrap_or(Path::new("")), overlay);
        OverlayRecord { file, sha256: sha256.to_owned(), path }
    }

    /// The overlay file for a crate generated from `spec`: at the recorded path from the
    /// spec's directory (else beside the spec), when it still has the recorded content; `Err`
    /// says why not.
    pub fn find(&self, spec: &Path) -> Result<std::path::PathBuf, String> {
        let dir = spec.parent().unwrap_or(Path::new(""));
        let path = dir.join(self.path.as_deref().unwrap_or(&self.file));
        let bytes = std::fs::read(&path).map_err(|error| format!("{} cannot be read: {error}", path.display()))?;
        let sha256: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        if sha256 != self.sha256 {
            return Err(format!("{} has changed since the crate was generated", path.display()));
        }
        Ok(path)
    }
}

/// `to` relative to the directory `from` (`../overlays/fixes.yaml`), `/`-separated, when both
/// resolve to real paths.
fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let from = if from.as_os_str().is_empty() { Path::new(".") } else { from };
    let (from, to) = (from.canonicalize().ok()?, to.canonicalize().ok()?);
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let up = from.components().count() - common;
    let down = to.components().skip(common).map(|part| part.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), up).chain(down).collect();
    Some(parts.join("/"))
}

impl std::fmt::Display for OverlayRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.file, &self.sha256[..self.sha256.len().min(12)])
    }
}

impl ApiDigest {
    pub fn new(spec: Option<&[u8]>, api: ApiModel) -> ApiDigest {
        let spec_sha256 = spec.map(|bytes| Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect());
        ApiDigest { spec_sha256, overlays: Vec::new(), api }
    }

    /// The file's text: deterministic JSON (every map in the model is ordered), compact within
    /// one line per operation and per type, so that git shows a spec change as the lines of
    /// the operations and types it touched.
    pub fn to_text(&self) -> String {
        // Written into one buffer: a full spec's digest is a megabyte of JSON in thousands of
        // entries, and a string per entry (joined after) cost as much as the serialization.
        fn push_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
            serde_json::to_writer(&mut *out, value).expect("the API model always serializes");
        }
        fn push_entries<V: Serialize>(out: &mut Vec<u8>, map: &BTreeMap<String, V>) {
            for (index, (key, value)) in map.iter().enumerate() {
                out.extend_from_slice(if index == 0 { b"\n" } else { b",\n" });
                push_json(out, key);
                out.push(b':');
                push_json(out, value);
            }
        }
        let mut out = Vec::new();
        out.push(b'{');
        if let Some(sha) = &self.spec_sha256 {
            out.extend_from_slice(b"\"spec_sha256\":");
            push_json(&mut out, sha);
            out.push(b',');
        }
        if !self.overlays.is_empty() {
            out.extend_from_slice(b"\n\"overlays\":");
            push_json(&mut out, &self.overlays);
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"\"api\":{\"operations\":{");
        push_entries(&mut out, &self.api.operations);
        out.extend_from_slice(b"\n},\"types\":{");
        push_entries(&mut out, &self.api.types);
        out.extend_from_slice(b"\n}}}\n");
        String::from_utf8(out).expect("serde_json writes UTF-8")
    }

    /// The digest recorded in the crate at `dir`, if there is a readable one.
    pub fn read(dir: &Path) -> Option<ApiDigest> {
        let text = std::fs::read_to_string(dir.join(DIGEST_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }
}

/// The outcome of a comparison: the changes that count, the ones an ignore file accepted,
/// and the version they imply.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub changes: Vec<Change>,
    /// Accepted changes with the reason the ignore file gives.
    pub ignored: Vec<(Change, String)>,
    /// The crate version the changes apply to, when known.
    pub current_version: Option<semver::Version>,
}

impl Report {
    /// The most severe change that counts, if any.
    pub fn highest(&self) -> Option<Impact> {
        self.changes.iter().map(|c| c.impact).max()
    }

    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// Counts by kind and impact.
    pub fn counts(&self) -> BTreeMap<(Kind, Impact), usize> {
        let mut counts = BTreeMap::new();
        for change in &self.changes {
            *counts.entry((change.kind, change.impact)).or_insert(0) += 1;
        }
        counts
    }

    /// The version to release next, when the current one is known.
    pub fn next_version(&self) -> Option<semver::Version> {
        self.current_version.as_ref().map(|current| next_version(current, self.highest()))
    }

    /// One line: `2 breaking, 5 additive, 1 patch → next version 3.0.0`, or `no API change`.
    pub fn summary_line(&self) -> String {
        if self.changes.is_empty() {
            return "no API change".to_owned();
        }
        let mut line = [Impact::Breaking, Impact::Additive, Impact::Patch]
            .iter()
            .map(|&impact| format!("{} {}", self.count(impact), impact.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(next) = self.next_version() {
            line.push_str(&format!(" → next version {next}"));
        }
        line
    }
}

/// The version after `current` for changes of at most `highest` impact, by Cargo's rules:
/// the left-most non-zero component is the major one, so on 0.y a breaking change bumps y.
pub fn next_version(current: &semver::Version, highest: Option<Impact>) -> semver::Version {
    let Some(highest) = highest else { return current.clone() };
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    let (major, minor, patch) = match (highest, major, minor) {
        (Impact::Breaking, 0, 0) | (Impact::Additive, 0, 0) | (Impact::Patch, _, _) => (major, minor, patch + 1),
        (Impact::Breaking, 0, _) => (0, minor + 1, 0),
        (Impact::Additive, 0, _) => (0, minor, patch + 1),
        (Impact::Breaking, _, _) => (major + 1, 0, 0),
        (Impact::Additive, _, _) => (major, minor + 1, 0),
    };
    semver::Version::new(major, minor, patch)
}

/// The `version` of a crate's `Cargo.toml` at `dir`, when it has a readable one.
pub fn crate_version(dir: &Path) -> Option<semver::Version> {
    let text = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("version").map(str::trim_start).and_then(|r| r.strip_prefix('=')) {
                return semver::Version::parse(value.trim().trim_matches('"')).ok();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_file_has_one_line_per_operation_and_type_and_reads_back() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated");
        let digest = ApiDigest::read(&dir).expect("generated/ records its API digest");
        let text = digest.to_text();
        let lines: Vec<&str> = text.lines().collect();
        assert!(digest.api.operations.len() + digest.api.types.len() > 1);
        // `{…"operations":{`, each operation, `},"types":{`, each type, `}}}`.
        assert_eq!(lines.len(), digest.api.operations.len() + digest.api.types.len() + 3);
        for name in digest.api.operations.keys().chain(digest.api.types.keys()) {
            assert_eq!(lines.iter().filter(|line| line.starts_with(&format!("\"{name}\":"))).count(), 1, "{name}");
        }
        assert_eq!(serde_json::from_str::<ApiDigest>(&text).unwrap(), digest);
    }

    fn bump(current: &str, highest: Option<Impact>) -> String {
        next_version(&semver::Version::parse(current).unwrap(), highest).to_string()
    }

    #[test]
    fn versions_follow_cargo_rules_including_zero_major() {
        assert_eq!(bump("1.2.3", Some(Impact::Breaking)), "2.0.0");
        assert_eq!(bump("1.2.3", Some(Impact::Additive)), "1.3.0");
        assert_eq!(bump("1.2.3", Some(Impact::Patch)), "1.2.4");
        assert_eq!(bump("0.2.3", Some(Impact::Breaking)), "0.3.0");
        assert_eq!(bump("0.2.3", Some(Impact::Additive)), "0.2.4");
        assert_eq!(bump("0.0.3", Some(Impact::Breaking)), "0.0.4");
        assert_eq!(bump("1.2.3", None), "1.2.3");
    }

    #[test]
    fn the_package_version_is_read_from_the_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = "[package]\nname = \"x\"\nversion = \"0.4.1\"\n[dependencies]\nversion = \"9\"\n";
        std::fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
        assert_eq!(crate_version(dir.path()), Some(semver::Version::new(0, 4, 1)));
    }
}
