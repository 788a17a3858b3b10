//! public-inbox v2: epochs `git/N.git`, each commit adding a blob `m` (a message) or `d` (the
//! removal of one). Read through git2, oldest commit first, from after the last commit a previous
//! import recorded; a rewritten history (the recorded commit is gone or no longer an ancestor)
//! is read again from the start and left to deduplication.

use std::path::{Path, PathBuf};

use git2::{Oid, Repository, Sort};

use super::{Item, Resume, Sink, SourceError};
use crate::model::Origin;

/// The last commit read from one epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpochResume {
    pub epoch: u32,
    pub commit: String,
}

/// How reading one epoch went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpochOutcome {
    pub commits: u64,
    /// The recorded commit was not found on the branch any more; everything was read again.
    pub rewritten: bool,
    pub completed: bool,
}

/// The epochs of an inbox directory, in order: `(N, path of git/N.git)`.
pub fn epochs(inbox: &Path) -> Vec<(u32, PathBuf)> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(inbox.join("git"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let n = name.strip_suffix(".git")?.parse::<u32>().ok()?;
            e.path().is_dir().then(|| (n, e.path()))
        })
        .collect();
    found.sort();
    found
}

/// The epoch number of a git directory named `N.git`, else 0.
pub fn epoch_number(git_dir: &Path) -> u32 {
    git_dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".git"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Whether the epoch's history no longer holds `last` (the server rewrote it: a purge).
pub fn history_rewritten(git_dir: &Path, last: &str) -> bool {
    let Ok(repo) = Repository::open(git_dir) else {
        return false;
    };
    match repo.head().and_then(|h| h.peel_to_commit()) {
        Ok(head) => still_on_branch(&repo, head.id(), last).is_none(),
        Err(_) => false,
    }
}

/// Reads the commits of one epoch after `last` (all of them without it); commits made before
/// `since` (Unix seconds) are passed over.
pub fn read_epoch(
    git_dir: &Path,
    epoch: u32,
    last: Option<&str>,
    since: Option<i64>,
    max_size: usize,
    sink: &mut dyn Sink,
) -> Result<EpochOutcome, SourceError> {
    let git = |e| SourceError::git(git_dir, e);
    let repo = Repository::open(git_dir).map_err(git)?;
    let head = match repo.head().and_then(|h| h.peel_to_commit()) {
        Ok(c) => c.id(),
        // An epoch without commits yet.
        Err(e) if e.code() == git2::ErrorCode::UnbornBranch => {
            return Ok(EpochOutcome {
                commits: 0,
                rewritten: false,
                completed: true,
            });
        }
        Err(e) => return Err(git(e)),
    };
    let mut walk = repo.revwalk().map_err(git)?;
    walk.push(head).map_err(git)?;
    walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
        .map_err(git)?;
    let mut rewritten = false;
    if let Some(last) = last {
        match still_on_branch(&repo, head, last) {
            Some(oid) => walk.hide(oid).map_err(git)?,
            None => rewritten = true,
        }
    }
    let mut commits = 0;
    for oid in walk {
        let oid = oid.map_err(git)?;
        commits += 1;
        let commit = repo.find_commit(oid).map_err(git)?;
        if since.is_some_and(|s| commit.time().seconds() < s) {
            continue;
        }
        let tree = commit.tree().map_err(git)?;
        let origin = Origin::Commit {
            epoch,
            commit: oid.to_string(),
        };
        let resume = Resume::Epoch(EpochResume {
            epoch,
            commit: oid.to_string(),
        });
        let item = match (tree.get_name("m"), tree.get_name("d")) {
            (Some(m), _) => blob_item(&repo, m.id(), origin, max_size, false).map_err(git)?,
            (None, Some(d)) => blob_item(&repo, d.id(), origin, max_size, true).map_err(git)?,
            // A commit without a message (public-inbox never writes one): nothing to read.
            (None, None) => None,
        };
        // An empty `m` is what `public-inbox-purge` leaves of a purged message.
        let Some(item) = item else {
            continue;
        };
        if !sink.item(item, resume) {
            return Ok(EpochOutcome {
                commits,
                rewritten,
                completed: false,
            });
        }
    }
    Ok(EpochOutcome {
        commits,
        rewritten,
        completed: true,
    })
}

/// The recorded commit, when it still is `head` or one of its ancestors.
fn still_on_branch(repo: &Repository, head: Oid, last: &str) -> Option<Oid> {
    let oid = Oid::from_str(last).ok()?;
    repo.find_commit(oid).ok()?;
    (oid == head || repo.graph_descendant_of(head, oid).ok()?).then_some(oid)
}

fn blob_item(
    repo: &Repository,
    id: Oid,
    origin: Origin,
    max_size: usize,
    deleted: bool,
) -> Result<Option<Item>, git2::Error> {
    let blob = repo.find_blob(id)?;
    let content = blob.content();
    if content.is_empty() {
        return Ok(None);
    }
    if content.len() > max_size && !deleted {
        return Ok(Some(Item::Oversized {
            origin,
            size: content.len() as u64,
            head: content[..content.len().min(64 * 1024)].to_vec(),
        }));
    }
    let raw = content.to_vec();
    Ok(Some(if deleted {
        Item::Deleted { raw, origin }
    } else {
        Item::Message { raw, origin }
    }))
}
