//! Making commits from patches, as `git am` does: each patch applied to the tree of the one
//! before (no fuzz, like `git am`), a commit with the mail's author and date and the committer of
//! the user's environment; then a branch made, the current branch advanced (its working tree
//! checked out) or the series merged into it.
//!
//! Everything is built in the object database first and a ref moves only at the end: a patch
//! that does not apply stops the run with the repository's refs, index and files as they were.
//!
//! Must not: read mail or the database (the app hands over patches and messages), or print.

use git2::{Diff, Signature, Time, build::CheckoutBuilder};

use super::GitRepo;
use super::repo::GitError;
use crate::model::Person;

/// A moment as git records it: seconds since the epoch and the offset east of UTC in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GitTime {
    pub seconds: i64,
    pub offset_minutes: i32,
}

/// Someone at a moment: an author or a committer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub person: Person,
    pub when: GitTime,
}

/// One commit to make: who wrote it and when, its message, and the patch (a unified diff,
/// anything before the first `diff --git` ignored).
#[derive(Debug, Clone)]
pub struct NewCommit {
    /// How the patch is named in errors (`patch 2/3 <msgid>`).
    pub label: String,
    pub author: Stamp,
    pub message: String,
    pub patch: String,
}

/// Parses a date the way git's `GIT_*_DATE` and mail `Date:` headers write it: RFC 2822, ISO
/// 8601 / RFC 3339, or git's internal `@SECONDS +HHMM` (also without the `@`).
pub fn parse_date(s: &str) -> Option<GitTime> {
    let s = s.trim();
    let from = |d: chrono::DateTime<chrono::FixedOffset>| GitTime {
        seconds: d.timestamp(),
        offset_minutes: d.offset().local_minus_utc() / 60,
    };
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(from(d));
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(from(d));
    }
    let (secs, zone) = s.trim_start_matches('@').split_once(' ')?;
    let seconds: i64 = secs.parse().ok()?;
    let zone = zone.trim();
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hhmm: i32 = zone[1..].parse().ok()?;
    Some(GitTime {
        seconds,
        offset_minutes: sign * (hhmm / 100 * 60 + hhmm % 100),
    })
}

/// The message `git am` commits: subject, a blank line, the body; then git's stripspace
/// (trailing blanks cut, runs of empty lines made one, none at either end, a final newline).
pub fn am_message(subject: &str, body: &str) -> String {
    let text = format!("{subject}\n\n{body}");
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if pending_blank {
            out.push('\n');
            pending_blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

impl GitRepo {
    /// The committer git would use here: `GIT_COMMITTER_NAME`/`_EMAIL`/`_DATE` from the
    /// environment, else the repository's `user.name`/`user.email` and now.
    pub fn committer(&self) -> Result<Stamp, GitError> {
        let config = self.repo.config().map_err(|e| self.fail(None, e))?;
        let pick = |env: &str, key: &str| {
            std::env::var(env)
                .ok()
                .or_else(|| config.get_string(key).ok())
                .filter(|v| !v.trim().is_empty())
        };
        let (Some(name), Some(email)) = (
            pick("GIT_COMMITTER_NAME", "user.name"),
            pick("GIT_COMMITTER_EMAIL", "user.email"),
        ) else {
            return Err(self.message(
                "no committer identity: set user.name and user.email (git config) or \
                 GIT_COMMITTER_NAME and GIT_COMMITTER_EMAIL",
            ));
        };
        let when = match std::env::var("GIT_COMMITTER_DATE") {
            Ok(d) => parse_date(&d)
                .ok_or_else(|| self.message(&format!("GIT_COMMITTER_DATE {d:?} is not a date")))?,
            Err(_) => {
                let now = chrono::Local::now();
                GitTime {
                    seconds: now.timestamp(),
                    offset_minutes: now.offset().local_minus_utc() / 60,
                }
            }
        };
        Ok(Stamp {
            person: Person { name, email },
            when,
        })
    }

    /// The commit HEAD points at and the branch it is on (`None` when detached).
    pub fn head(&self) -> Result<(String, Option<String>), GitError> {
        let head = self.repo.head().map_err(|e| self.fail(None, e))?;
        let sha = head
            .peel_to_commit()
            .map_err(|e| self.fail(None, e))?
            .id()
            .to_string();
        let branch = head
            .is_branch()
            .then(|| head.name().ok().map(str::to_string))
            .flatten();
        Ok((sha, branch))
    }

    /// Makes `commits` one on top of the other from `base`; returns their ids, oldest first.
    /// Nothing but objects is written.
    pub fn make_commits(
        &self,
        base: &str,
        commits: &[NewCommit],
        committer: &Stamp,
    ) -> Result<Vec<String>, GitError> {
        let mut parent = self.commit(base)?;
        let committer_sig = signature(committer).map_err(|e| self.fail(None, e))?;
        let mut out = Vec::with_capacity(commits.len());
        for c in commits {
            let at = |what: &str, e: git2::Error| {
                self.message(&format!("{} {what}: {}", c.label, e.message()))
            };
            let diff = Diff::from_buffer(diff_part(&c.patch).as_bytes())
                .map_err(|e| at("is not a patch git can read", e))?;
            let base_tree = parent.tree().map_err(|e| self.fail(None, e))?;
            let mut index = self
                .repo
                .apply_to_tree(&base_tree, &diff, None)
                .map_err(|e| at("does not apply", e))?;
            let tree = self.write_tree(&mut index)?;
            let author = signature(&c.author).map_err(|e| at("has an author git refuses", e))?;
            let id = self
                .repo
                .commit(None, &author, &committer_sig, &c.message, &tree, &[&parent])
                .map_err(|e| self.fail(None, e))?;
            out.push(id.to_string());
            parent = self.repo.find_commit(id).map_err(|e| self.fail(None, e))?;
        }
        Ok(out)
    }

    /// Creates branch `name` at `tip`; an existing branch is an error.
    pub fn create_branch(&self, name: &str, tip: &str) -> Result<(), GitError> {
        let commit = self.commit(tip)?;
        self.repo
            .branch(name, &commit, false)
            .map_err(|e| self.message(&format!("cannot create branch {name}: {}", e.message())))?;
        Ok(())
    }

    /// A merge of `tip` into HEAD with `message`, made by `who` (author and committer).
    pub fn merge_commit(&self, tip: &str, message: &str, who: &Stamp) -> Result<String, GitError> {
        let (head, _) = self.head()?;
        let (ours, theirs) = (self.commit(&head)?, self.commit(tip)?);
        let mut index = self
            .repo
            .merge_commits(&ours, &theirs, None)
            .map_err(|e| self.fail(None, e))?;
        if index.has_conflicts() {
            return Err(self.message("the series conflicts with the current branch"));
        }
        let tree = self.write_tree(&mut index)?;
        let sig = signature(who).map_err(|e| self.fail(None, e))?;
        let id = self
            .repo
            .commit(None, &sig, &sig, message, &tree, &[&ours, &theirs])
            .map_err(|e| self.fail(None, e))?;
        Ok(id.to_string())
    }

    /// Moves the current branch from `from` to `to` (a descendant), checking the new tree out
    /// when the repository has a working tree; refuses when HEAD moved meanwhile or the working
    /// tree has changes to tracked files (untracked ones are left alone).
    pub fn advance_head(&self, from: &str, to: &str, reflog: &str) -> Result<(), GitError> {
        let (now, branch) = self.head()?;
        let Some(branch) = branch else {
            return Err(self.message("HEAD is detached: name a branch with --branch"));
        };
        if now != from {
            return Err(self.message(&format!("{branch} moved while patches were applied")));
        }
        let target = self.commit(to)?;
        if !self.repo.is_bare() {
            self.require_clean()?;
            let mut how = CheckoutBuilder::new();
            how.safe();
            self.repo
                .checkout_tree(target.as_object(), Some(&mut how))
                .map_err(|e| self.fail(None, e))?;
        }
        self.repo
            .reference(&branch, target.id(), true, reflog)
            .map_err(|e| self.fail(None, e))?;
        Ok(())
    }

    fn require_clean(&self) -> Result<(), GitError> {
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(false).include_ignored(false);
        let statuses = self
            .repo
            .statuses(Some(&mut opts))
            .map_err(|e| self.fail(None, e))?;
        match statuses.iter().next() {
            Some(s) => Err(self.message(&format!(
                "the working tree has uncommitted changes ({}); commit or stash them, or apply \
                 to a new branch with --branch",
                s.path().unwrap_or("?")
            ))),
            None => Ok(()),
        }
    }

    /// The tree an in-memory index holds, written to the object database.
    fn write_tree(&self, index: &mut git2::Index) -> Result<git2::Tree<'_>, GitError> {
        let id = index
            .write_tree_to(&self.repo)
            .map_err(|e| self.fail(None, e))?;
        self.repo.find_tree(id).map_err(|e| self.fail(None, e))
    }

    fn message(&self, text: &str) -> GitError {
        GitError {
            repo: self.path().to_path_buf(),
            commit: None,
            message: text.to_string(),
            missing: false,
        }
    }
}

fn signature(s: &Stamp) -> Result<Signature<'static>, git2::Error> {
    Signature::new(
        &s.person.name,
        &s.person.email,
        &Time::new(s.when.seconds, s.when.offset_minutes),
    )
}

/// The diff of a mail's patch part: from its first `diff --git` line (the `---`, diffstat and
/// anything else before it are for people).
fn diff_part(patch: &str) -> &str {
    if patch.starts_with("diff --git ") {
        return patch;
    }
    match patch.find("\ndiff --git ") {
        Some(i) => &patch[i + 1..],
        None => patch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_git_writes_them() {
        let t = |s, o| {
            Some(GitTime {
                seconds: s,
                offset_minutes: o,
            })
        };
        assert_eq!(
            parse_date("Tue, 25 Oct 2022 13:38:42 -0400"),
            t(1666719522, -240)
        );
        assert_eq!(parse_date("@1666719522 +0530"), t(1666719522, 330));
        assert_eq!(parse_date("2026-03-02T10:00:00Z"), t(1772445600, 0));
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn messages_are_stripped_like_git_am() {
        assert_eq!(
            am_message("Fix it", "\n\nBody  \n\n\n\nSigned-off-by: A <a@x>\n\n"),
            "Fix it\n\nBody\n\nSigned-off-by: A <a@x>\n"
        );
        assert_eq!(am_message("Only", ""), "Only\n");
    }
}
