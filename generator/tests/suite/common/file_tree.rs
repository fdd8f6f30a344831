//! Reading a directory's files with their bytes, for tests that compare a crate before and
//! after a run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under a directory (relative path), with its bytes, in path order.
pub type FileTree = BTreeMap<PathBuf, Vec<u8>>;

/// Every file under `dir`, with its bytes.
pub fn file_tree(dir: &Path) -> FileTree {
    let mut files = FileTree::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_owned(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}
