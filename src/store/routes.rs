//! Which linked repository each series belongs to (`series_repos`): the series still to route,
//! what routing needs of them (the repository their commits landed in, the paths they touch),
//! and the routes themselves.

use std::collections::BTreeSet;

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// How a series was routed.
pub const LANDED: &str = "landed";
pub const BY_PATHS: &str = "paths";
/// No repository fits (no paths, or a tie): recorded so that it is not asked again.
pub const NONE: &str = "none";

impl Store {
    /// Series with no route yet, and those of `changed` (their links changed), as `(id, key)`.
    pub fn series_to_route(
        &self,
        changed: &BTreeSet<i64>,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.key FROM series s
             WHERE NOT EXISTS (SELECT 1 FROM series_repos r WHERE r.series_key = s.key)
             ORDER BY s.id",
        )?;
        let mut out: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut key = self
            .conn
            .prepare_cached("SELECT key FROM series WHERE id = ?1")?;
        for &id in changed {
            if let Some(k) = key.query_row([id], |r| r.get(0)).optional()? {
                out.push((id, k));
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// The repositories holding commits linked to series `id`'s patches, as
    /// `(message row id, repository)`.
    pub fn landed_repos(&self, id: i64) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT m.id, v.repo FROM placement p JOIN messages m ON m.id = p.message_id
             JOIN commit_links l ON l.msgid = m.msgid
             JOIN commit_revs cr ON cr.commit_id = l.commit_id
             JOIN link_revs v ON v.id = cr.rev_id
             WHERE p.series_id = ?1 AND p.role = 'patch' ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether a commit of `repo` read by `link` touched `path`, or a file under it (a file or
    /// directory since moved or removed is still the repository's; paths are read for commits
    /// near the patches' dates).
    pub fn path_in_history(&self, repo: &str, path: &str) -> Result<bool, StoreError> {
        // Under `a/b`: from `a/b/` up to `a/b0` ('0' follows '/').
        let (lo, hi) = (format!("{path}/"), format!("{path}0"));
        Ok(self
            .conn
            .prepare_cached(
                // Driven by the path (its index), not by the repository's commits (all of
                // them, for each path).
                "SELECT EXISTS (SELECT 1 FROM commit_paths cp
                   WHERE (cp.path = ?1 OR (cp.path >= ?3 AND cp.path < ?4))
                   AND EXISTS (SELECT 1 FROM commit_revs cr JOIN link_revs v ON v.id = cr.rev_id
                     WHERE cr.commit_id = cp.commit_id AND v.repo = ?2))",
            )?
            .query_row(params![path, repo, lo, hi], |r| r.get(0))?)
    }

    /// Series `id`'s name and subject prefixes.
    pub fn series_label(&self, id: i64) -> Result<(String, String), StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT name, prefixes FROM series WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    /// Forgets every route when the repositories routed among changed (`repos`: a digest of
    /// their paths): a patch no repository fitted may fit a new one.
    pub fn routes_among(&self, repos: i64) -> Result<(), StoreError> {
        if self.link_meta("route_repos")? != Some(repos) {
            self.exec("DELETE FROM series_repos", [])?;
            self.set_link_meta("route_repos", repos)?;
        }
        Ok(())
    }

    /// Records each series' routes (`(key, [(repo, how)])`; none: no repository fits).
    pub fn set_routes(&self, routes: &[(String, Vec<(String, &str)>)]) -> Result<(), StoreError> {
        let mut forget = self
            .conn
            .prepare_cached("DELETE FROM series_repos WHERE series_key = ?1")?;
        let mut put = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO series_repos(series_key, repo, how) VALUES (?1, ?2, ?3)",
        )?;
        for (key, repos) in routes {
            forget.execute([key])?;
            if repos.is_empty() {
                put.execute(params![key, "", NONE])?;
            }
            for (repo, how) in repos {
                put.execute(params![key, repo, how])?;
            }
        }
        Ok(())
    }

    /// How many series each repository has, by route, as `(repo, how, series)`.
    pub fn route_counts(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT repo, how, count(*) FROM series_repos WHERE how <> 'none'
             GROUP BY repo, how ORDER BY repo, how",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
