//! One file of a git repository at a revision, read through git2 without a checkout, and which
//! names are directories in that revision's tree (for MAINTAINERS patterns).

use std::path::Path;

use super::SourceError;

/// A file read out of a repository.
pub struct GitFile {
    pub text: String,
    /// The commit the revision resolved to.
    pub commit: String,
    /// Every directory of the tree, as `a/b` (no trailing slash).
    pub dirs: Vec<String>,
}

/// Reads `path` at `rev` (a branch, tag, commit or `HEAD`) of the repository at `repo`.
pub fn read_git_file(repo: &Path, rev: &str, path: &str) -> Result<GitFile, SourceError> {
    let git = |e| SourceError::git(repo, e);
    let r = git2::Repository::open(repo).map_err(git)?;
    let commit = r
        .revparse_single(rev)
        .and_then(|o| o.peel_to_commit())
        .map_err(git)?;
    let tree = commit.tree().map_err(git)?;
    let entry = tree.get_path(Path::new(path)).map_err(git)?;
    let blob = entry
        .to_object(&r)
        .and_then(|o| o.peel_to_blob())
        .map_err(git)?;
    let mut dirs = Vec::new();
    tree.walk(git2::TreeWalkMode::PreOrder, |root, e| {
        if e.kind() == Some(git2::ObjectType::Tree)
            && let Ok(name) = e.name()
        {
            dirs.push(format!("{root}{name}"));
        }
        git2::TreeWalkResult::Ok
    })
    .map_err(git)?;
    Ok(GitFile {
        text: String::from_utf8_lossy(blob.content()).into_owned(),
        commit: commit.id().to_string(),
        dirs,
    })
}
