//! MAINTAINERS files as the user names them: read from disk (asking the tree the file sits at the
//! top of whether a name is a directory, as get_maintainer.pl does), and matching paths.

use std::path::{Path, PathBuf};

use super::AppError;
use crate::maintainers::Maintainers;

/// A MAINTAINERS text and where it came from.
pub struct Loaded {
    pub origin: String,
    pub text: String,
}

/// Reads a MAINTAINERS file.
pub fn read_file(path: &Path) -> Result<Loaded, AppError> {
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::User(format!("cannot read {}: {e}", path.display())))?;
    Ok(Loaded {
        origin: std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Parses one or more loaded files as one set of sections (U-Boot keeps extra
/// `board/*/MAINTAINERS` files). Names without wildcards are looked up as directories in the tree
/// each file sits at the top of, when it does.
pub fn parse(files: &[(Loaded, Option<PathBuf>)]) -> Maintainers {
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(l, _)| (l.origin.as_str(), l.text.as_str()))
        .collect();
    let trees: Vec<&Path> = files.iter().filter_map(|(_, t)| t.as_deref()).collect();
    let is_dir = |p: &str| -> Option<bool> {
        if trees.is_empty() {
            return None;
        }
        Some(trees.iter().any(|t| t.join(p).is_dir()))
    };
    Maintainers::parse_all(&texts, &is_dir)
}

/// The source tree a MAINTAINERS file is at the top of, if it is (a `Makefile` and an `include`
/// or `scripts` directory beside it).
pub fn tree_of(file: &Path) -> Option<PathBuf> {
    let dir = file.parent()?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    (dir.join("Makefile").is_file()
        && (dir.join("include").is_dir() || dir.join("scripts").is_dir()))
    .then(|| dir.to_path_buf())
}

/// The section names `path` belongs to, most specific first.
pub fn match_names(m: &Maintainers, path: &str) -> Vec<String> {
    m.match_path(path)
        .into_iter()
        .map(|h| m.sections[h.section].name.clone())
        .collect()
}
