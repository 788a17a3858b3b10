//! Series thanked by `patchq ty` (`thanked`), by series key, and what a thank-you names: the
//! scanned revisions a landed commit is in.

use std::collections::HashSet;

use super::{Store, StoreError};

impl Store {
    /// The keys of the series already thanked.
    pub fn thanked(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT series_key FROM thanked")?;
        let keys = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(keys)
    }

    /// Records that series `key` was thanked with mail `msgid` at `at`.
    pub fn mark_thanked(&self, key: &str, msgid: &str, at: i64) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO thanked (series_key, msgid, at) VALUES (?1, ?2, ?3)
             ON CONFLICT (series_key) DO UPDATE SET msgid = excluded.msgid, at = excluded.at",
            rusqlite::params![key, msgid, at],
        )?;
        Ok(())
    }

    /// The scanned revisions that reach commit `sha`, as `(repository, revision)`.
    pub fn revs_reaching(&self, sha: &str) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.repo, v.rev FROM commits c JOIN commit_revs cr ON cr.commit_id = c.id
             JOIN link_revs v ON v.id = cr.rev_id WHERE c.sha = ?1 ORDER BY v.id",
        )?;
        let revs = stmt
            .query_map([sha], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(revs)
    }
}
