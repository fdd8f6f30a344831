//! The generated crate on disk: its manifest and README (askama templates), writing the
//! files the generator owns, checking a directory for staleness, and the single-file form
//! for `include!` from a build script.
//!
//! The generator owns `Cargo.toml` above its marker line, `README.md` and everything under
//! `src/`; everything else in the crate directory (tests, examples, recorded responses) and
//! the manifest below the marker belong to the user and survive regeneration.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use askama::Template;

use crate::emit::SourceFile;
use crate::ir::{Api, TypeKind, TypeRef};
use crate::pattern::Matcher;

/// The marker line in a generated `Cargo.toml`; what follows it is kept on regeneration.
pub const MANIFEST_MARKER: &str =
    "# --- Lines below this marker are yours: they are kept when the crate is regenerated. ---";

#[derive(Template)]
#[template(path = "Cargo.toml.askama", escape = "none")]
struct ManifestTemplate<'a> {
    header: &'a str,
    crate_name: &'a str,
    crate_version: String,
    description: String,
    needs_chrono: bool,
    needs_regex: bool,
    features: Vec<&'a str>,
    marker: &'a str,
}

#[derive(Template)]
#[template(path = "README.md.askama", escape = "none")]
struct ReadmeTemplate<'a> {
    crate_name: &'a str,
    crate_ident: String,
    title: &'a str,
    version: &'a str,
    spec_label: &'a str,
    command: &'a str,
    first_builder: &'a str,
    operations: Vec<(&'a str, &'a str, &'a str, &'a str)>,
    features: Vec<&'a str>,
}

/// What names a generated crate and how to regenerate it.
pub struct CrateInfo<'a> {
    pub crate_name: &'a str,
    pub spec_label: &'a str,
    pub command: &'a str,
}

/// Renders the manifest (up to and including the marker line) and README.
pub fn crate_files(
    api: &Api,
    info: &CrateInfo<'_>,
    header: &str,
    tag_features: bool,
) -> Result<(String, String), askama::Error> {
    let features: Vec<&str> = if tag_features && api.groups.len() > 1 {
        api.groups.iter().map(|g| g.feature.as_str()).collect()
    } else {
        Vec::new()
    };
    let manifest = ManifestTemplate {
        header: &header.replace("//", "#"),
        crate_name: info.crate_name,
        crate_version: semver_of(&api.version),
        description: toml_string(&format!("Typed client for {}, generated from its OpenAPI spec", api.title)),
        needs_chrono: needs_chrono(api),
        needs_regex: api.patterns.iter().any(|p| matches!(p.matcher, Matcher::Regex(_))),
        features: features.clone(),
        marker: MANIFEST_MARKER,
    }
    .render()?;
    let readme = ReadmeTemplate {
        crate_name: info.crate_name,
        crate_ident: info.crate_name.replace('-', "_"),
        title: &api.title,
        version: &api.version,
        spec_label: info.spec_label,
        command: info.command,
        first_builder: api.operations.first().map_or("Operation", |op| op.type_name.as_str()),
        operations: api
            .operations
            .iter()
            .map(|op| (op.operation_id.as_str(), op.method.as_str(), op.path_template.as_str(), op.type_name.as_str()))
            .collect(),
        features,
    }
    .render()?;
    Ok((manifest, readme))
}

fn needs_chrono(api: &Api) -> bool {
    let uses = |ty: &TypeRef| {
        let mut ty = ty;
        loop {
            match ty {
                TypeRef::DateTime | TypeRef::Date => return true,
                TypeRef::List(inner) | TypeRef::Map(inner) => ty = inner,
                _ => return false,
            }
        }
    };
    api.types.iter().any(|named| crate::lower::type_refs_of(&named.kind).into_iter().any(uses))
        || api
            .operations
            .iter()
            .any(|op| op.body_kinds().any(|kind| matches!(kind, crate::ir::BodyKind::Json(ty) if uses(ty))))
        || api.types.iter().any(|named| matches!(&named.kind, TypeKind::Alias(ty) if uses(ty)))
}

/// `2.0` to `2.0.0`; anything that is not numbers becomes `0.1.0`.
fn semver_of(version: &str) -> String {
    let parts: Vec<&str> = version.trim().trim_start_matches('v').split('.').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return "0.1.0".to_owned();
    }
    let mut numbers: Vec<String> = parts
        .iter()
        .map(|p| p.trim_start_matches('0').to_owned())
        .map(|p| if p.is_empty() { "0".to_owned() } else { p })
        .collect();
    numbers.resize(3, "0".to_owned());
    numbers.join(".")
}

/// A TOML basic string literal.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A generated crate in memory.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    /// Source files under `src/` and the README.
    pub files: Vec<SourceFile>,
    /// The manifest up to and including the marker line.
    pub manifest_head: String,
    /// Whether the sources are pretty-printed; [`GeneratedCrate::single_file`] follows suit.
    pub pretty: bool,
}

/// A file that differs from what the generator would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staleness {
    /// One entry per stale file: its path and a unified diff (or a note).
    pub files: Vec<(PathBuf, String)>,
}

impl std::fmt::Display for Staleness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} generated file(s) are stale:", self.files.len())?;
        for (path, diff) in &self.files {
            writeln!(f, "--- {}", path.display())?;
            f.write_str(diff)?;
        }
        Ok(())
    }
}

impl GeneratedCrate {
    /// Every file with its full contents, the manifest completed with the part below the
    /// marker of the manifest already in `dir` (if any).
    fn expected_files(&self, dir: &Path) -> Vec<(PathBuf, String)> {
        let preserved = std::fs::read_to_string(dir.join("Cargo.toml"))
            .ok()
            .and_then(|text| text.split_once(MANIFEST_MARKER).map(|(_, tail)| tail.to_owned()))
            .unwrap_or_else(|| "\n".to_owned());
        let mut files = vec![(PathBuf::from("Cargo.toml"), format!("{}{}", self.manifest_head, preserved))];
        files.extend(self.files.iter().map(|f| (PathBuf::from(&f.path), f.text.clone())));
        files
    }

    /// Writes the crate into `dir`, touching only files whose contents change, and removes
    /// files under `src/` that the generator no longer emits. Returns the paths written.
    pub fn write(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let expected = self.expected_files(dir);
        let mut written = Vec::new();
        for (path, text) in &expected {
            let full = dir.join(path);
            if std::fs::read_to_string(&full).ok().as_deref() == Some(text.as_str()) {
                continue;
            }
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&full, text)?;
            written.push(path.clone());
        }
        let owned: BTreeSet<&PathBuf> = expected.iter().map(|(p, _)| p).collect();
        for stale in files_under(&dir.join("src"), dir)? {
            if !owned.contains(&stale) {
                std::fs::remove_file(dir.join(&stale))?;
                written.push(stale);
            }
        }
        remove_empty_dirs(&dir.join("src"))?;
        Ok(written)
    }

    /// Compares `dir` with what [`GeneratedCrate::write`] would leave there.
    pub fn check(&self, dir: &Path) -> std::io::Result<Result<(), Staleness>> {
        let expected = self.expected_files(dir);
        let mut stale = Vec::new();
        for (path, text) in &expected {
            match std::fs::read_to_string(dir.join(path)) {
                Ok(actual) if actual == *text => {}
                Ok(actual) => stale.push((path.clone(), unified_diff(&actual, text, path))),
                Err(_) => stale.push((path.clone(), "missing: the generator would create it\n".to_owned())),
            }
        }
        let owned: BTreeSet<&PathBuf> = expected.iter().map(|(p, _)| p).collect();
        for extra in files_under(&dir.join("src"), dir)? {
            if !owned.contains(&extra) {
                stale.push((extra, "not generated: the generator would remove it\n".to_owned()));
            }
        }
        Ok(if stale.is_empty() { Ok(()) } else { Err(Staleness { files: stale }) })
    }

    /// The whole crate source as one file of nested inline modules, for
    /// `include!(concat!(env!("OUT_DIR"), "/..."))` in a crate whose build script generates it.
    pub fn single_file(&self) -> Result<String, crate::emit::FormatError> {
        if !self.pretty {
            let mut text = String::new();
            self.inline_text("src/lib.rs", "src", true, &mut text)?;
            return Ok(text);
        }
        let lib = self.parse("src/lib.rs")?;
        let mut file = syn::File { shebang: None, attrs: Vec::new(), items: Vec::new() };
        // Inner attributes are not allowed in an included file.
        file.items = self.inline_modules(lib.items, "src")?;
        Ok(prettyplease::unparse(&file))
    }

    /// The unformatted single file, assembled as text: nothing is parsed. Unformatted code
    /// has each item and inner attribute on a line of its own (and the runtime modules are
    /// written so), so a line that ends in `mod name;` declares a module file, which goes in
    /// its place as an inline module. The root's inner attributes are dropped: an included
    /// file cannot have them.
    fn inline_text(&self, path: &str, dir: &str, root: bool, out: &mut String) -> Result<(), crate::emit::FormatError> {
        let source = self.files.iter().find(|f| f.path == path).ok_or_else(|| crate::emit::FormatError {
            path: path.to_owned(),
            message: "module file missing".to_owned(),
        })?;
        // A module file repeats the generated-file header, which the root already has.
        let mut lines = source.text.lines().peekable();
        while !root
            && lines.next_if(|line| line.is_empty() || (line.starts_with("//") && !line.starts_with("//!"))).is_some()
        {
        }
        for line in lines {
            if root && (line.starts_with("# ! [") || line.starts_with("#![") || line.starts_with("//!")) {
                continue;
            }
            let Some(name) = declared_module(line) else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            let flat = format!("{dir}/{name}.rs");
            let child = if self.files.iter().any(|f| f.path == flat) { flat } else { format!("{dir}/{name}/mod.rs") };
            // `#[rustfmt::skip]` keeps rustfmt out of module files; an inline module needs none.
            let declaration = line.replace("# [rustfmt :: skip] ", "");
            out.push_str(declaration.trim_end().trim_end_matches(';').trim_end());
            out.push_str(" {\n");
            self.inline_text(&child, &format!("{dir}/{name}"), false, out)?;
            out.push_str("}\n");
        }
        Ok(())
    }

    fn parse(&self, path: &str) -> Result<syn::File, crate::emit::FormatError> {
        let source = self.files.iter().find(|f| f.path == path).ok_or_else(|| crate::emit::FormatError {
            path: path.to_owned(),
            message: "module file missing".to_owned(),
        })?;
        syn::parse_file(&source.text)
            .map_err(|error| crate::emit::FormatError { path: path.to_owned(), message: error.to_string() })
    }

    fn inline_modules(&self, items: Vec<syn::Item>, dir: &str) -> Result<Vec<syn::Item>, crate::emit::FormatError> {
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let syn::Item::Mod(mut module) = item else {
                out.push(item);
                continue;
            };
            if module.content.is_some() {
                out.push(syn::Item::Mod(module));
                continue;
            }
            let name = module.ident.to_string();
            let flat = format!("{dir}/{name}.rs");
            let nested = format!("{dir}/{name}/mod.rs");
            let path = if self.files.iter().any(|f| f.path == flat) { flat } else { nested };
            let child = self.parse(&path)?;
            let child_dir = format!("{dir}/{name}");
            let items = self.inline_modules(child.items, &child_dir)?;
            module.attrs.retain(|attr| !attr.path().segments.iter().any(|s| s.ident == "rustfmt"));
            module.attrs.extend(child.attrs);
            module.content = Some((Default::default(), items));
            module.semi = None;
            out.push(syn::Item::Mod(module));
        }
        Ok(out)
    }
}

/// The module a top-level line declares (`pub mod name;`, with attributes before it), if any.
fn declared_module(line: &str) -> Option<&str> {
    let declaration = line.strip_suffix(';')?.trim_end();
    let (before, name) = declaration.rsplit_once(' ')?;
    let keyword_ends = before.ends_with(" mod") || before == "mod";
    let starts_item = line.starts_with('#') || line.starts_with("pub") || line.starts_with("mod ");
    let identifier = name.strip_prefix("r#").unwrap_or(name);
    let is_identifier = !identifier.is_empty()
        && identifier.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !identifier.starts_with(|c: char| c.is_ascii_digit());
    (keyword_ends && starts_item && is_identifier).then_some(name.strip_prefix("r#").unwrap_or(name))
}

fn files_under(root: &Path, base: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_owned()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(base) {
                found.push(relative.to_owned());
            }
        }
    }
    found.sort();
    Ok(found)
}

fn remove_empty_dirs(root: &Path) -> std::io::Result<()> {
    let Ok(entries) = std::fs::read_dir(root) else { return Ok(()) };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            remove_empty_dirs(&path)?;
            if std::fs::read_dir(&path)?.next().is_none() {
                std::fs::remove_dir(&path)?;
            }
        }
    }
    Ok(())
}

fn unified_diff(actual: &str, expected: &str, path: &Path) -> String {
    similar::TextDiff::from_lines(actual, expected)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{} (on disk)", path.display()), &format!("{} (generated)", path.display()))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_become_semver() {
        assert_eq!(semver_of("2.0"), "2.0.0");
        assert_eq!(semver_of("1.2.3"), "1.2.3");
        assert_eq!(semver_of("v3"), "3.0.0");
        assert_eq!(semver_of("2023-01-01"), "0.1.0");
        assert_eq!(semver_of("1.0.0-beta"), "0.1.0");
    }

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string("a \"b\" \\ c\n"), "\"a \\\"b\\\" \\\\ c\\u000A\"");
    }
}
