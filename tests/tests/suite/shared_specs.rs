//! The real specs beside the repository (`../shared`, read, never copied): the full Atlas
//! spec and the corpus of other APIs' specs. A test that needs one fails, never skips, when it
//! is absent, saying where it was looked for.

use std::path::PathBuf;

use crate::standalone::workspace;

/// The Atlas spec, or a failure that says where it was looked for.
pub fn atlas_spec() -> PathBuf {
    let (path, origin) = match std::env::var_os("ATLAS_SPEC") {
        Some(path) => (PathBuf::from(path), "from the ATLAS_SPEC environment variable"),
        None => (
            workspace().join("../shared/specs/atlas-admin-v2.yaml"),
            "the default location; set ATLAS_SPEC to the spec's path to use another",
        ),
    };
    assert!(
        path.is_file(),
        "these tests need the MongoDB Atlas Admin API v2 OpenAPI spec (YAML, or JSON by extension); \
         it was looked for at {} ({origin}), and is not there",
        path.display()
    );
    path
}

/// The corpus of real-world specs: `$CORPUS`, else `../shared/corpus` beside the repository
/// (as `scripts/corpus.sh` reads it).
pub fn corpus() -> PathBuf {
    let (dir, origin) = match std::env::var_os("CORPUS") {
        Some(dir) => (PathBuf::from(dir), "from the CORPUS environment variable"),
        None => (workspace().join("../shared/corpus"), "the default location; set CORPUS to use another"),
    };
    assert!(
        dir.join("MANIFEST.tsv").is_file(),
        "these tests need the corpus of real specs (a directory with MANIFEST.tsv); it was looked for at {} \
         ({origin}), and is not there",
        dir.display()
    );
    dir
}
