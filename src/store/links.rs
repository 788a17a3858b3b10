//! The commit cache of git linking: revisions scanned and their last tips, commits with their
//! facts, touched paths, named Message-IDs and (once computed) patch-id and changed-line
//! fingerprint, and which revisions reach each commit.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// A remembered repository revision.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkRev {
    pub id: i64,
    pub repo: String,
    pub rev: String,
    pub tip: Option<String>,
}

/// A commit to remember (its facts, without the diff).
pub struct NewCommit<'a> {
    pub sha: &'a str,
    pub author_name: &'a str,
    pub author_email: &'a str,
    pub author_time: i64,
    pub commit_time: i64,
    pub subject: &'a str,
    pub subject_key: &'a str,
    pub merge: bool,
    /// Message-IDs named, with the kind (`link` | `message-id` | `closes`).
    pub refs: Vec<(&'a str, &'static str)>,
}

/// A stored commit, as the matcher needs it.
#[derive(Debug, Clone)]
pub struct CommitRow {
    pub id: i64,
    pub sha: String,
    pub author_name: String,
    pub author_email: String,
    pub author_time: i64,
    pub commit_time: i64,
    pub subject_key: String,
    pub merge: bool,
    pub paths_known: bool,
    pub content_known: bool,
    pub patch_id: Option<String>,
    pub lines: Vec<u64>,
}

impl Store {
    /// The remembered revision `rev` of `repo`, created when new.
    pub fn link_rev(&self, repo: &str, rev: &str) -> Result<LinkRev, StoreError> {
        self.exec(
            "INSERT INTO link_revs(repo, rev) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![repo, rev],
        )?;
        Ok(self.conn.query_row(
            "SELECT id, repo, rev, tip FROM link_revs WHERE repo = ?1 AND rev = ?2",
            params![repo, rev],
            rev_row,
        )?)
    }

    /// Every remembered revision (of `repo` only, when given), in the order they were added.
    pub fn link_revs(&self, repo: Option<&str>) -> Result<Vec<LinkRev>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, repo, rev, tip FROM link_revs WHERE ?1 IS NULL OR repo = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([repo], rev_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that `rev` was scanned up to `tip`.
    pub fn set_rev_tip(&self, rev: i64, tip: &str, at: i64) -> Result<(), StoreError> {
        self.exec(
            "UPDATE link_revs SET tip = ?2, scanned = ?3 WHERE id = ?1",
            params![rev, tip, at],
        )?;
        Ok(())
    }

    /// How many commits are known.
    pub fn commit_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM commits", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The row id of each of `shas` already stored (`None` for the others).
    pub fn commit_ids(&self, shas: &[String]) -> Result<Vec<Option<i64>>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM commits WHERE sha = ?1")?;
        shas.iter()
            .map(|s| Ok(stmt.query_row([s], |r| r.get(0)).optional()?))
            .collect()
    }

    /// Stores new commits in one transaction; returns their row ids in order.
    pub fn insert_commits(&mut self, commits: &[NewCommit<'_>]) -> Result<Vec<i64>, StoreError> {
        let tx = self.tx()?;
        let mut ids = Vec::with_capacity(commits.len());
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO commits(sha, author_name, author_email, author_time, commit_time,
                 subject, subject_key, merge) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut refs = tx.prepare_cached(
                "INSERT OR IGNORE INTO commit_refs(msgid, commit_id, kind) VALUES (?1, ?2, ?3)",
            )?;
            for c in commits {
                ins.execute(params![
                    c.sha,
                    c.author_name,
                    c.author_email,
                    c.author_time,
                    c.commit_time,
                    c.subject,
                    c.subject_key,
                    c.merge
                ])?;
                let id = tx.last_insert_rowid();
                for (msgid, kind) in &c.refs {
                    refs.execute(params![msgid, id, kind])?;
                }
                ids.push(id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }

    /// Those of `commits` that no scanned revision reaches.
    pub fn unreached_commits(&self, commits: &[i64]) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM commit_revs WHERE commit_id = ?1 LIMIT 1")?;
        let mut out = Vec::new();
        for &c in commits {
            if !stmt.exists([c])? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// Records that revision `rev` reaches `commits`.
    pub fn add_commit_revs(&mut self, rev: i64, commits: &[i64]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR IGNORE INTO commit_revs(rev_id, commit_id) VALUES (?1, ?2)",
            )?;
            for c in commits {
                stmt.execute(params![rev, c])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records that revision `rev` no longer reaches `commits` (its branch was rewritten).
    pub fn drop_commit_revs(&mut self, rev: i64, commits: &[i64]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        {
            let mut stmt =
                tx.prepare_cached("DELETE FROM commit_revs WHERE rev_id = ?1 AND commit_id = ?2")?;
            for c in commits {
                stmt.execute(params![rev, c])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Commits whose touched paths are not stored yet, committed between `lo` and `hi`.
    pub fn commits_without_paths(
        &self,
        lo: i64,
        hi: i64,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, sha, commit_time FROM commits WHERE paths_known = 0 AND merge = 0
             ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, sha, t) = row?;
            if (lo..=hi).contains(&t) {
                out.push((id, sha));
            }
        }
        Ok(out)
    }

    /// Stores the paths of many commits, in one transaction.
    pub fn set_commit_paths(&mut self, paths: &[(i64, Vec<String>)]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO commit_paths(path, commit_id) VALUES (?1, ?2)",
            )?;
            let mut done = tx.prepare_cached("UPDATE commits SET paths_known = 1 WHERE id = ?1")?;
            for (id, ps) in paths {
                for p in ps {
                    ins.execute(params![p, id])?;
                }
                done.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores commits' patch-ids and fingerprints (computed once), in one transaction.
    pub fn set_commit_contents(
        &mut self,
        contents: &[(i64, Option<String>, Vec<u64>)],
    ) -> Result<(), StoreError> {
        let tx = self.tx()?;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE commits SET content_known = 1, patch_id = ?2, lines = ?3 WHERE id = ?1",
            )?;
            for (id, patch_id, lines) in contents {
                let blob: Vec<u8> = lines.iter().flat_map(|h| h.to_le_bytes()).collect();
                stmt.execute(params![id, patch_id, blob])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// One stored commit with its paths.
    /// Whether another commit of a repository holding commit `id` has its folded subject.
    pub fn subject_recurs(&self, id: i64, subject_key: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM commits c JOIN commit_revs cr ON cr.commit_id = c.id
                 JOIN link_revs v ON v.id = cr.rev_id
                 WHERE c.subject_key = ?2 AND c.id <> ?1 AND v.repo IN
                   (SELECT w.repo FROM commit_revs x JOIN link_revs w ON w.id = x.rev_id
                    WHERE x.commit_id = ?1))",
            )?
            .query_row(params![id, subject_key], |r| r.get(0))?)
    }

    pub fn commit_row(&self, id: i64) -> Result<(CommitRow, Vec<String>), StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT id, sha, author_name, author_email, author_time, commit_time, subject_key,
                 merge, paths_known, content_known, patch_id, lines FROM commits WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let blob: Option<Vec<u8>> = r.get(11)?;
                Ok(CommitRow {
                    id: r.get(0)?,
                    sha: r.get(1)?,
                    author_name: r.get(2)?,
                    author_email: r.get(3)?,
                    author_time: r.get(4)?,
                    commit_time: r.get(5)?,
                    subject_key: r.get(6)?,
                    merge: r.get(7)?,
                    paths_known: r.get(8)?,
                    content_known: r.get(9)?,
                    patch_id: r.get(10)?,
                    lines: blob.map(|b| unpack(&b)).unwrap_or_default(),
                })
            })?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path FROM commit_paths WHERE commit_id = ?1 ORDER BY path")?;
        let paths = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok((row, paths))
    }
}

fn rev_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LinkRev> {
    Ok(LinkRev {
        id: r.get(0)?,
        repo: r.get(1)?,
        rev: r.get(2)?,
        tip: r.get(3)?,
    })
}

fn unpack(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect()
}
