//! Review events to and from a git ref: the share history of a team's replicas.
//!
//! The history lives under `refs/patchq/review` in a bare repository beside the database. Each
//! push adds one commit whose tree holds `events.jsonl`, the events it brings (one JSON object a
//! line); a merge of two replicas' histories is a commit with both parents and no events. The
//! union of the events of every commit reachable from a tip is what that tip holds, so merging is
//! git's own, and `git log refs/patchq/review` reads as a line per push (who, how many events).
//! Objects are written with git2; they travel with the `git` command (ssh, https and file URLs,
//! with the user's keys and credential helpers).
//!
//! Owns: the ref's layout, reading and writing event lines (checking what others wrote), fetch
//! and push. Must not: touch the database or decide what an event means for a series.

mod transport;
mod wire;

use std::path::{Path, PathBuf};

use git2::{Oid, Repository, Signature, Sort};

use crate::model::SharedEvent;
pub use transport::Pushed;

/// A commit of the share history (the tip of a replica's or a remote's).
pub type Tip = Oid;

/// The ref the history lives under, here and on every remote.
pub const REF: &str = "refs/patchq/review";
/// The file of a commit's tree that holds its events.
const EVENTS_FILE: &str = "events.jsonl";

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("{path}: {source}")]
    Git {
        path: PathBuf,
        #[source]
        source: git2::Error,
    },
    #[error("{url}: git {what} failed: {detail}")]
    Transport {
        url: String,
        what: &'static str,
        detail: String,
    },
}

/// A line of the history that is not a valid event: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub commit: String,
    pub line: usize,
    pub why: String,
}

/// The local share history (a bare repository).
pub struct History {
    repo: Repository,
    path: PathBuf,
}

impl History {
    /// Opens the history at `path`, creating an empty bare repository there the first time.
    pub fn open(path: &Path) -> Result<History, ShareError> {
        let repo = match Repository::open_bare(path) {
            Ok(r) => r,
            Err(_) => Repository::init_bare(path).map_err(|e| git_error(path, e))?,
        };
        Ok(History {
            repo,
            path: path.to_path_buf(),
        })
    }

    fn git<T>(&self, r: Result<T, git2::Error>) -> Result<T, ShareError> {
        r.map_err(|e| git_error(&self.path, e))
    }

    /// The local tip: every event it holds has been taken into the database.
    pub fn tip(&self) -> Option<Oid> {
        self.repo.refname_to_id(REF).ok()
    }

    /// Fetches `url`'s history into the remote-tracking ref of `name`; its tip, `None` when the
    /// remote has no history yet.
    pub fn fetch(&self, name: &str, url: &str) -> Result<Option<Oid>, ShareError> {
        let tracking = tracking_ref(name);
        if !transport::fetch(&self.path, url, &tracking)? {
            if let Ok(mut r) = self.repo.find_reference(&tracking) {
                self.git(r.delete())?;
            }
            return Ok(None);
        }
        Ok(Some(self.git(self.repo.refname_to_id(&tracking))?))
    }

    /// Pushes the local tip to `url` (never forced).
    pub fn push(&self, url: &str) -> Result<Pushed, ShareError> {
        transport::push(&self.path, url)
    }

    /// The events of the commits reachable from `tip` and not from `known`, oldest commit
    /// first, and the lines that are not valid events.
    pub fn events(
        &self,
        tip: Oid,
        known: Option<Oid>,
    ) -> Result<(Vec<SharedEvent>, Vec<BadLine>), ShareError> {
        let mut walk = self.git(self.repo.revwalk())?;
        self.git(walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE))?;
        self.git(walk.push(tip))?;
        if let Some(k) = known {
            self.git(walk.hide(k))?;
        }
        let (mut events, mut bad) = (Vec::new(), Vec::new());
        for oid in walk {
            let oid = self.git(oid)?;
            let commit = self.git(self.repo.find_commit(oid))?;
            let tree = self.git(commit.tree())?;
            let Some(entry) = tree.get_name(EVENTS_FILE) else {
                continue;
            };
            let blob = self.git(self.repo.find_blob(entry.id()))?;
            wire::read_lines(blob.content(), &oid.to_string(), &mut events, &mut bad);
        }
        Ok((events, bad))
    }

    /// The events of the commits reachable from the local tip and not from `theirs`: what a
    /// push brings to the remote.
    pub fn unpushed(&self, theirs: Option<Oid>) -> Result<Vec<SharedEvent>, ShareError> {
        match self.tip() {
            Some(mine) => Ok(self.events(mine, theirs)?.0),
            None => Ok(Vec::new()),
        }
    }

    /// Adds a commit holding `events` on the local tip, by `who`.
    pub fn record(&self, events: &[SharedEvent], who: &str) -> Result<Oid, ShareError> {
        let text = wire::write_lines(events);
        let blob = self.git(self.repo.blob(text.as_bytes()))?;
        let mut tree = self.git(self.repo.treebuilder(None))?;
        self.git(tree.insert(EVENTS_FILE, blob, 0o100644))?;
        let tree = self.git(tree.write())?;
        let what = match events.len() {
            1 => "1 event".to_string(),
            n => format!("{n} events"),
        };
        let replicas: std::collections::BTreeSet<&str> =
            events.iter().map(|e| e.replica.as_str()).collect();
        let message = format!(
            "{}: {what}\n\nreplica {}\n",
            one_line(who),
            replicas.into_iter().collect::<Vec<_>>().join(", ")
        );
        let parents: Vec<Oid> = self.tip().into_iter().collect();
        self.commit(tree, &parents, &message, who)
    }

    /// Makes the local tip hold `theirs` too: a fast-forward when it is ahead, nothing when it
    /// is already held, else a merge commit (no events of its own).
    pub fn merge(&self, theirs: Oid, who: &str) -> Result<(), ShareError> {
        let Some(mine) = self.tip() else {
            self.git(self.repo.reference(REF, theirs, true, "share: first pull"))?;
            return Ok(());
        };
        if mine == theirs || self.git(self.repo.graph_descendant_of(mine, theirs))? {
            return Ok(());
        }
        if self.git(self.repo.graph_descendant_of(theirs, mine))? {
            self.git(
                self.repo
                    .reference(REF, theirs, true, "share: fast-forward"),
            )?;
            return Ok(());
        }
        let empty = self.git(self.git(self.repo.treebuilder(None))?.write())?;
        let message = format!("{}: merge {:.12}\n", one_line(who), theirs.to_string());
        self.commit(empty, &[mine, theirs], &message, who)?;
        Ok(())
    }

    fn commit(
        &self,
        tree: Oid,
        parents: &[Oid],
        message: &str,
        who: &str,
    ) -> Result<Oid, ShareError> {
        let tree = self.git(self.repo.find_tree(tree))?;
        let parents: Vec<git2::Commit<'_>> = parents
            .iter()
            .map(|p| self.git(self.repo.find_commit(*p)))
            .collect::<Result<_, _>>()?;
        let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let person = identity(who);
        let sig = self.git(Signature::now(&person, &person))?;
        self.git(
            self.repo
                .commit(Some(REF), &sig, &sig, message, &tree, &parents),
        )
    }
}

/// The remote-tracking ref of a share remote.
fn tracking_ref(name: &str) -> String {
    format!("refs/patchq/remotes/{name}/review")
}

/// `who` as a git identity: no angle brackets or line breaks (git refuses them).
fn identity(who: &str) -> String {
    let s: String = who
        .chars()
        .filter(|c| !matches!(c, '<' | '>') && !c.is_control())
        .collect();
    match s.trim() {
        "" => "unknown".to_string(),
        t => t.to_string(),
    }
}

fn one_line(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn git_error(path: &Path, source: git2::Error) -> ShareError {
    ShareError::Git {
        path: path.to_path_buf(),
        source,
    }
}
