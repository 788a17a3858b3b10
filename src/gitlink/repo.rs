//! One git repository read through git2: resolving a revision or range, walking the commits in it,
//! and per commit its facts (people, dates, subject, Message-IDs named), the paths it touches
//! (its tree against its first parent's, unchanged subtrees skipped) and, only when asked, its
//! diff text's patch-id and changed-line fingerprint (renames found).

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use git2::{DiffFindOptions, DiffFormat, DiffOptions, Oid, Repository, Sort};

use crate::model::{MessageId, PatchId, Person, RefKind};
use crate::parse::fingerprint::{Fingerprint, changed_lines};
use crate::parse::patchid::patch_id;

/// A git failure, naming the repository and, where known, the commit.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", repo.display(), commit.as_ref().map(|c| format!(" commit {c}")).unwrap_or_default())]
pub struct GitError {
    pub repo: PathBuf,
    pub commit: Option<String>,
    pub message: String,
    /// An object the repository should hold is not there (a partial clone's missing blob, a
    /// damaged repository): the commit can be skipped, the run go on.
    pub missing: bool,
}

/// What a commit says about itself; cheap to read (no diff).
#[derive(Debug, Clone, PartialEq)]
pub struct CommitFacts {
    pub sha: String,
    pub author: Person,
    pub author_time: i64,
    pub commit_time: i64,
    /// The first line of the message.
    pub subject: String,
    pub refs: Vec<(MessageId, RefKind)>,
    /// More than one parent: merges are never linked to a patch.
    pub merge: bool,
}

/// What a commit's diff against its first parent says.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitContent {
    pub patch_id: Option<PatchId>,
    pub lines: Fingerprint,
}

/// A revision as given: a single tip, or `A..B` (B's history without A's).
#[derive(Debug, Clone, PartialEq)]
pub struct RevRange {
    pub tip: String,
    pub hide: Vec<String>,
}

/// Sets libgit2's process-wide options once, before the first repository is opened: no object
/// cache, and no SHA-1 re-verification of every object read (the pack's own checksums and git's
/// fsck guard integrity; re-hashing cost a third of a scan of a large tree). A scan reads each
/// commit's trees about twice and its blobs once, so the cache bought nothing and its memory,
/// counted by object size and not by what parsed objects take, grew to 280 MB under a 96 MB cap
/// (100,000 commits: 58 s and 75 MB without it, 63 s and 358 MB with it).
fn configure_libgit2() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        git2::opts::enable_caching(false);
        git2::opts::strict_hash_verification(false);
    });
}

/// One commit's tree, asked about paths.
pub struct TreeProbe<'r> {
    tree: git2::Tree<'r>,
}

impl TreeProbe<'_> {
    /// Whether `path` (a file or a directory) is in the tree.
    pub fn has(&self, path: &str) -> bool {
        self.tree.get_path(Path::new(path)).is_ok()
    }
}

/// An open repository.
pub struct GitRepo {
    pub(super) repo: Repository,
    path: PathBuf,
}

impl GitRepo {
    pub fn open(path: &Path) -> Result<GitRepo, GitError> {
        configure_libgit2();
        let repo = Repository::open(path).map_err(|e| err(path, None, e))?;
        Ok(GitRepo {
            repo,
            path: path.to_path_buf(),
        })
    }

    /// Where the repository is, as opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(super) fn fail(&self, commit: Option<&str>, e: git2::Error) -> GitError {
        err(&self.path, commit, e)
    }

    /// Resolves `rev` (`HEAD`, a branch, tag or commit, or `A..B`).
    pub fn resolve(&self, rev: &str) -> Result<RevRange, GitError> {
        let spec = self.repo.revparse(rev).map_err(|e| self.fail(None, e))?;
        let peel = |o: Option<&git2::Object<'_>>| -> Result<Option<String>, GitError> {
            match o {
                Some(o) => Ok(Some(
                    o.peel_to_commit()
                        .map_err(|e| self.fail(None, e))?
                        .id()
                        .to_string(),
                )),
                None => Ok(None),
            }
        };
        if spec.mode().contains(git2::RevparseMode::MERGE_BASE) {
            return Err(GitError {
                repo: self.path.clone(),
                commit: None,
                message: format!("{rev}: symmetric ranges (A...B) are not supported; use A..B"),
                missing: false,
            });
        }
        let from = peel(spec.from())?;
        match (
            spec.mode().contains(git2::RevparseMode::RANGE),
            peel(spec.to())?,
        ) {
            (true, Some(to)) => Ok(RevRange {
                tip: to,
                hide: from.into_iter().collect(),
            }),
            _ => Ok(RevRange {
                tip: from.ok_or_else(|| GitError {
                    repo: self.path.clone(),
                    commit: None,
                    message: format!("{rev}: names no commit"),
                    missing: false,
                })?,
                hide: Vec::new(),
            }),
        }
    }

    /// True when `sha` names a commit in this repository.
    pub fn has_commit(&self, sha: &str) -> bool {
        Oid::from_str(sha).is_ok_and(|o| self.repo.find_commit(o).is_ok())
    }

    /// True when `ancestor` is `tip` or in its history.
    pub fn is_ancestor(&self, ancestor: &str, tip: &str) -> bool {
        match (Oid::from_str(ancestor), Oid::from_str(tip)) {
            (Ok(a), Ok(t)) => a == t || self.repo.graph_descendant_of(t, a).unwrap_or(false),
            _ => false,
        }
    }

    /// The parents of commit `sha` (none when it is not here).
    pub fn parents(&self, sha: &str) -> Vec<String> {
        match self.commit(sha) {
            Ok(c) => c.parent_ids().map(|p| p.to_string()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Commits reachable from `tip` and from none of `hide` (ids missing here are ignored),
    /// oldest first.
    pub fn walk(&self, tip: &str, hide: &[String]) -> Result<Vec<String>, GitError> {
        let mut walk = self.repo.revwalk().map_err(|e| self.fail(None, e))?;
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)
            .map_err(|e| self.fail(None, e))?;
        let oid = |s: &str| Oid::from_str(s).map_err(|e| self.fail(Some(s), e));
        walk.push(oid(tip)?).map_err(|e| self.fail(Some(tip), e))?;
        for h in hide.iter().filter(|h| self.has_commit(h)) {
            walk.hide(oid(h)?).map_err(|e| self.fail(Some(h), e))?;
        }
        walk.map(|o| o.map(|o| o.to_string()).map_err(|e| self.fail(None, e)))
            .collect()
    }

    /// People, dates, subject and the Message-IDs the message names.
    pub fn facts(&self, sha: &str) -> Result<CommitFacts, GitError> {
        let c = self.commit(sha)?;
        let author = c.author();
        let message = String::from_utf8_lossy(c.message_bytes()).into_owned();
        Ok(CommitFacts {
            sha: sha.to_string(),
            author: Person {
                name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            },
            author_time: author.when().seconds(),
            commit_time: c.committer().when().seconds(),
            subject: message.lines().next().unwrap_or("").trim().to_string(),
            refs: super::message_refs(&message),
            merge: c.parent_count() > 1,
        })
    }

    /// What the tree of commit `tip` holds: `has(path)` says whether a file or directory is
    /// there.
    pub fn tree_at(&self, tip: &str) -> Result<TreeProbe<'_>, GitError> {
        let tree = self
            .commit(tip)?
            .tree()
            .map_err(|e| self.fail(Some(tip), e))?;
        Ok(TreeProbe { tree })
    }

    /// Old and new paths the commit touches (none for a merge), sorted, each once: from
    /// comparing its tree with its first parent's the way git's own tree diff does, never
    /// entering a subtree whose id did not change, so a commit costs what it touches, not the
    /// size of the tree.
    pub fn paths(&self, sha: &str) -> Result<Vec<String>, GitError> {
        let c = self.commit(sha)?;
        if c.parent_count() > 1 {
            return Ok(Vec::new());
        }
        let f = |e| self.fail(Some(sha), e);
        let (old, new) = self.trees(&c).map_err(f)?;
        self.changed(old.as_ref(), &new).map_err(f)
    }

    /// The paths two trees differ in, sorted, each once.
    fn changed(
        &self,
        old: Option<&git2::Tree<'_>>,
        new: &git2::Tree<'_>,
    ) -> Result<Vec<String>, git2::Error> {
        let mut paths = Vec::new();
        self.changed_paths(old, Some(new), &mut Vec::new(), &mut paths)?;
        paths.sort_unstable();
        paths.dedup();
        Ok(paths)
    }

    /// Adds to `out` the paths under `prefix` whose entries differ between `old` and `new`
    /// (either may be absent: everything under the other is added or deleted), walking both
    /// in git's own entry order. Entries with the same id and mode are skipped whole; a name
    /// that is a file on one side and a directory on the other is two entries, as for git; a
    /// submodule is one path.
    fn changed_paths(
        &self,
        old: Option<&git2::Tree<'_>>,
        new: Option<&git2::Tree<'_>>,
        prefix: &mut Vec<u8>,
        out: &mut Vec<String>,
    ) -> Result<(), git2::Error> {
        let count = |t: Option<&git2::Tree<'_>>| t.map_or(0, git2::Tree::len);
        let (mut i, mut j) = (0, 0);
        while i < count(old) || j < count(new) {
            let o = old.and_then(|t| t.get(i));
            let n = new.and_then(|t| t.get(j));
            let (o, n) = match (o, n) {
                (Some(o), Some(n)) => match git_order(&o, &n) {
                    Ordering::Equal => (Some(o), Some(n)),
                    Ordering::Less => (Some(o), None),
                    Ordering::Greater => (None, Some(n)),
                },
                pair => pair,
            };
            i += usize::from(o.is_some());
            j += usize::from(n.is_some());
            if let (Some(o), Some(n)) = (&o, &n)
                && o.id() == n.id()
                && o.filemode() == n.filemode()
            {
                continue;
            }
            let e = o.as_ref().or(n.as_ref()).expect("one side has the entry");
            let len = prefix.len();
            prefix.extend_from_slice(e.name_bytes());
            if is_tree(e) {
                let subtree = |e: Option<&git2::TreeEntry<'_>>| {
                    e.map(|e| self.repo.find_tree(e.id())).transpose()
                };
                let (ot, nt) = (subtree(o.as_ref())?, subtree(n.as_ref())?);
                prefix.push(b'/');
                self.changed_paths(ot.as_ref(), nt.as_ref(), prefix, out)?;
            } else {
                out.push(String::from_utf8_lossy(prefix).into_owned());
            }
            prefix.truncate(len);
        }
        Ok(())
    }

    /// The diff's stable patch-id and changed-line fingerprint, from the same text
    /// `git show --binary --full-index` would print (nothing for a merge). libgit2 diffs only
    /// the paths the trees differ in (`paths`, when the caller read them before, else found as
    /// `paths` does): its own tree diff walks every entry of both trees.
    pub fn content(&self, sha: &str, paths: Option<&[String]>) -> Result<CommitContent, GitError> {
        let c = self.commit(sha)?;
        if c.parent_count() > 1 {
            return Ok(CommitContent {
                patch_id: None,
                lines: Vec::new(),
            });
        }
        let f = |e| self.fail(Some(sha), e);
        let (old, new) = self.trees(&c).map_err(f)?;
        let found;
        let paths = match paths {
            Some(known) => known,
            None => {
                found = self.changed(old.as_ref(), &new).map_err(f)?;
                &found
            }
        };
        let diff = self.diff_of(old.as_ref(), &new, paths).map_err(f)?;
        self.content_of(sha, &diff)
    }

    fn content_of(&self, sha: &str, diff: &git2::Diff<'_>) -> Result<CommitContent, GitError> {
        let mut text: Vec<u8> = Vec::new();
        diff.print(DiffFormat::Patch, |_, _, line| {
            if matches!(line.origin(), '+' | '-' | ' ') {
                text.push(line.origin() as u8);
            }
            text.extend_from_slice(line.content());
            true
        })
        .map_err(|e| self.fail(Some(sha), e))?;
        let text = String::from_utf8_lossy(&text);
        Ok(CommitContent {
            patch_id: patch_id(&text),
            lines: changed_lines(&text),
        })
    }

    pub(super) fn commit(&self, sha: &str) -> Result<git2::Commit<'_>, GitError> {
        let oid = Oid::from_str(sha).map_err(|e| self.fail(Some(sha), e))?;
        self.repo
            .find_commit(oid)
            .map_err(|e| self.fail(Some(sha), e))
    }

    /// The commit's tree and its first parent's (none for a root).
    fn trees<'r>(
        &'r self,
        c: &git2::Commit<'r>,
    ) -> Result<(Option<git2::Tree<'r>>, git2::Tree<'r>), git2::Error> {
        let old = match c.parent_count() {
            0 => None,
            _ => Some(c.parent(0)?.tree()?),
        };
        Ok((old, c.tree()?))
    }

    /// The diff between two trees at exactly `paths` (all those the trees differ in: the same
    /// diff as of the whole trees), renames found, as `git show --binary --full-index` has it.
    fn diff_of(
        &self,
        old: Option<&git2::Tree<'_>>,
        new: &git2::Tree<'_>,
        paths: &[String],
    ) -> Result<git2::Diff<'_>, git2::Error> {
        let mut opts = DiffOptions::new();
        opts.show_binary(true).id_abbrev(40).context_lines(3);
        opts.disable_pathspec_match(true);
        for p in paths {
            opts.pathspec(p);
        }
        let mut diff = self
            .repo
            .diff_tree_to_tree(old, Some(new), Some(&mut opts))?;
        diff.find_similar(Some(DiffFindOptions::new().renames(true)))?;
        Ok(diff)
    }
}

fn is_tree(e: &git2::TreeEntry<'_>) -> bool {
    e.filemode() == i32::from(git2::FileMode::Tree)
}

/// Git's order of the entries of a tree: by name, a directory's name compared as if it ended
/// in `/`.
fn git_order(a: &git2::TreeEntry<'_>, b: &git2::TreeEntry<'_>) -> Ordering {
    let (x, y) = (a.name_bytes(), b.name_bytes());
    let n = x.len().min(y.len());
    x[..n].cmp(&y[..n]).then_with(|| {
        let end = |name: &[u8], e| {
            name.get(n)
                .copied()
                .unwrap_or(if is_tree(e) { b'/' } else { 0 })
        };
        end(x, a).cmp(&end(y, b))
    })
}

fn err(path: &Path, commit: Option<&str>, e: git2::Error) -> GitError {
    GitError {
        repo: path.to_path_buf(),
        commit: commit.map(str::to_string),
        message: e.message().to_string(),
        missing: e.code() == git2::ErrorCode::NotFound && e.class() == git2::ErrorClass::Odb,
    }
}

/// `user.name` and `user.email` from the user's git configuration, when both are set.
pub fn user_identity() -> Option<Person> {
    let config = git2::Config::open_default().ok()?;
    let name = config.get_string("user.name").ok()?;
    let email = user_email()?;
    (!name.trim().is_empty()).then_some(Person { name, email })
}

/// `user.email` from the user's git configuration (global, XDG, system), if set.
pub fn user_email() -> Option<String> {
    git2::Config::open_default()
        .ok()?
        .get_string("user.email")
        .ok()
        .filter(|e| !e.trim().is_empty())
}
