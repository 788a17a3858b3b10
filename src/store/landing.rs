//! Links between commits and posted patches: finding the candidates of a commit (patches on the
//! paths it touches, posted in its window, or named in its message) and of a new patch, saving
//! what the matcher decided, and the series state that follows (accepted when every patch
//! landed, older revisions superseded; taken back when the commits disappear).

use std::collections::{BTreeSet, HashMap};

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

mod accept;

/// A posted patch as the matcher needs it.
#[derive(Debug, Clone)]
pub struct LinkPatch {
    pub id: i64,
    pub msgid: String,
    pub series_id: i64,
    pub date: i64,
    pub from_name: String,
    pub from_email: String,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub subject: String,
    pub patch_id: Option<String>,
    /// A reply carrying a diff (a fix offered in review), not a patch of the series.
    pub reply: bool,
    pub paths: Vec<String>,
}

/// A commit's link as decided: the patch's Message-ID, method and score.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkDecision {
    pub msgid: String,
    pub method: &'static str,
    pub score: f64,
}

/// How much of a series has landed.
#[derive(Debug, Clone, PartialEq)]
pub struct Landing {
    pub series_id: i64,
    pub key: String,
    pub previous: Option<String>,
    pub version: u32,
    pub patches: u32,
    pub complete: bool,
    pub landed: u32,
    /// `(sha, method, commit time)` of the commits, by patch number.
    pub commits: Vec<(String, String, i64)>,
}

impl Store {
    /// The highest message row id already matched against the commits.
    pub fn link_watermark(&self) -> Result<i64, StoreError> {
        Ok(self.link_meta("matched_messages")?.unwrap_or(0))
    }

    pub fn set_link_watermark(&self, value: i64) -> Result<(), StoreError> {
        self.set_link_meta("matched_messages", value)
    }

    /// A small counter of the linker's (`link_meta`).
    pub(super) fn link_meta(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM link_meta WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub(super) fn set_link_meta(&self, name: &str, value: i64) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO link_meta(name, value) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET value = ?2",
            params![name, value],
        )?;
        Ok(())
    }

    /// Patches (series members) stored after message row `after`, and the highest row id.
    pub fn patches_after(&self, after: i64) -> Result<(Vec<i64>, i64), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.message_id FROM placement p WHERE p.message_id > ?1 AND p.role = 'patch'
             ORDER BY 1",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([after], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let top: i64 =
            self.conn
                .query_row("SELECT coalesce(max(id), 0) FROM messages", [], |r| {
                    r.get(0)
                })?;
        Ok((ids, top))
    }

    /// Posting dates of every series patch, sorted (to tell which commits could apply one).
    pub fn patch_dates(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT m.date FROM placement p JOIN messages m ON m.id = p.message_id
             WHERE p.role = 'patch' AND m.date IS NOT NULL ORDER BY 1",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every series patch by the paths it touches (old and new names): `(date, patch row id)`
    /// each, sorted. One read per link run: looking each commit's paths up in SQL cost a fifth
    /// of linking a busy history.
    pub fn patches_by_path(&self) -> Result<HashMap<String, Vec<(i64, i64)>>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT f.old_path, f.new_path, f.message_id, coalesce(m.date, 0) FROM message_files f
             JOIN messages m ON m.id = f.message_id
             JOIN placement p ON p.message_id = f.message_id
             WHERE p.role = 'patch' OR (p.role = 'reply' AND m.bot = 0)",
        )?;
        let mut out: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (old, new): (Option<String>, Option<String>) = (r.get(0)?, r.get(1)?);
            let entry = (r.get(3)?, r.get(2)?);
            for path in [old, new].into_iter().flatten() {
                out.entry(path).or_default().push(entry);
            }
        }
        for v in out.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Ok(out)
    }

    /// Messages a commit names: `(patch row id, named directly)`. A named patch counts whatever
    /// the kind of reference; a named cover letter (not through `Closes:`) names every patch of
    /// its series, indirectly.
    pub fn patches_named_by(&self, commit: i64) -> Result<Vec<(i64, bool)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.message_id, 1 FROM commit_refs r JOIN messages m ON m.msgid = r.msgid
             JOIN placement p ON p.message_id = m.id AND p.role = 'patch' WHERE r.commit_id = ?1
             UNION
             SELECT q.message_id, 0 FROM commit_refs r JOIN messages m ON m.msgid = r.msgid
             JOIN placement c ON c.message_id = m.id AND c.role = 'cover'
             JOIN placement q ON q.series_id = c.series_id AND q.role = 'patch'
             WHERE r.commit_id = ?1 AND r.kind != 'closes'",
        )?;
        let rows = stmt.query_map([commit], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Commits that could apply patch `id`: on one of its paths and committed between `lo` and
    /// `hi`, or naming it or its series' cover letter (at any time).
    pub fn commits_near_patch(&self, id: i64, lo: i64, hi: i64) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT cp.commit_id, c.commit_time FROM message_files f
             JOIN commit_paths cp ON cp.path IN (f.new_path, f.old_path)
             JOIN commits c ON c.id = cp.commit_id
             WHERE f.message_id = ?1
             UNION
             SELECT r.commit_id, ?2 FROM messages m JOIN commit_refs r ON r.msgid = m.msgid
             WHERE m.id = ?1
             UNION
             SELECT r.commit_id, ?2 FROM placement p JOIN series s ON s.id = p.series_id
             JOIN messages cm ON cm.id = s.cover_id JOIN commit_refs r ON r.msgid = cm.msgid
             WHERE p.message_id = ?1",
        )?;
        let rows = stmt.query_map(params![id, lo], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut ids = in_window(rows, lo, hi)?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// The patches `ids`, with their paths.
    pub fn link_patches(&self, ids: &[i64]) -> Result<Vec<LinkPatch>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.msgid, p.series_id, coalesce(m.date, 0), m.from_name, m.from_email,
             m.author_name, m.author_email, m.subject, m.patch_id, p.role = 'reply'
             FROM messages m JOIN placement p ON p.message_id = m.id WHERE m.id = ?1",
        )?;
        let mut paths = self.conn.prepare_cached(
            "SELECT old_path, new_path FROM message_files WHERE message_id = ?1 ORDER BY seq",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut p = stmt.query_row([id], |r| {
                Ok(LinkPatch {
                    id: r.get(0)?,
                    msgid: r.get(1)?,
                    series_id: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    date: r.get(3)?,
                    from_name: r.get(4)?,
                    from_email: r.get(5)?,
                    author_name: r.get(6)?,
                    author_email: r.get(7)?,
                    subject: r.get(8)?,
                    patch_id: r.get(9)?,
                    reply: r.get(10)?,
                    paths: Vec::new(),
                })
            })?;
            let mut all = BTreeSet::new();
            for row in paths.query_map([id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                ))
            })? {
                let (old, new) = row?;
                all.extend(old);
                all.extend(new);
            }
            p.paths = all.into_iter().collect();
            out.push(p);
        }
        Ok(out)
    }

    /// Replaces the links of the commits in `decisions` (none, one, or the patches of a squash),
    /// in one transaction; returns the Message-IDs whose links changed (the new links' patches,
    /// then those of the links taken away) and the commits newly linked.
    pub fn save_links(
        &mut self,
        decisions: &[(i64, Vec<LinkDecision>)],
    ) -> Result<(Vec<String>, Vec<i64>), StoreError> {
        let tx = self.tx()?;
        let mut changed = Vec::new();
        let mut linked = Vec::new();
        for (commit, new) in decisions {
            let old: BTreeSet<(String, String)> = tx
                .prepare_cached("SELECT msgid, method FROM commit_links WHERE commit_id = ?1")?
                .query_map([commit], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let wanted: BTreeSet<(String, String)> = new
                .iter()
                .map(|d| (d.msgid.clone(), d.method.to_string()))
                .collect();
            if old == wanted {
                continue;
            }
            tx.prepare_cached("DELETE FROM commit_links WHERE commit_id = ?1")?
                .execute([commit])?;
            for d in new {
                tx.prepare_cached(
                    "INSERT OR REPLACE INTO commit_links(commit_id, msgid, method, score)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![commit, d.msgid, d.method, d.score])?;
                changed.push(d.msgid.clone());
            }
            if !new.is_empty() {
                linked.push(*commit);
            }
            let kept: BTreeSet<&String> = new.iter().map(|d| &d.msgid).collect();
            changed.extend(
                old.into_iter()
                    .map(|(m, _)| m)
                    .filter(|m| !kept.contains(m)),
            );
        }
        tx.commit()?;
        Ok((changed, linked))
    }

    /// Whether a commit other than `commit` applies the patch `msgid`, or an identical posting
    /// of it (a re-post), on its own (not squashed).
    pub fn applied_elsewhere(&self, msgid: &str, commit: i64) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM commit_links
                   WHERE msgid = ?1 AND commit_id <> ?2 AND method <> 'squash')
                 OR EXISTS (SELECT 1 FROM messages m JOIN messages o ON o.patch_id = m.patch_id
                   JOIN commit_links l ON l.msgid = o.msgid
                   WHERE m.msgid = ?1 AND l.commit_id <> ?2 AND l.method <> 'squash')",
            )?
            .query_row(params![msgid, commit], |r| r.get(0))?)
    }

    /// Removes the links of commits no scanned revision reaches any more; returns the patches'
    /// Message-IDs.
    pub fn drop_unreached_links(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "DELETE FROM commit_links WHERE NOT EXISTS
             (SELECT 1 FROM commit_revs r WHERE r.commit_id = commit_links.commit_id)
             RETURNING msgid",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The series holding the patches `msgids`, and those holding identical postings of them
    /// (whose landing follows theirs).
    pub fn series_of_patches(&self, msgids: &[String]) -> Result<BTreeSet<i64>, StoreError> {
        let mut reposts = self.conn.prepare_cached(
            "SELECT p.series_id FROM messages m JOIN messages o ON o.patch_id = m.patch_id
             JOIN placement p ON p.message_id = o.id AND p.role = 'patch'
             WHERE m.msgid = ?1 AND m.patch_id IS NOT NULL AND p.series_id IS NOT NULL",
        )?;
        let mut out = BTreeSet::new();
        for m in msgids {
            out.extend(self.series_of_message(m)?);
            for id in reposts.query_map([m], |r| r.get::<_, i64>(0))? {
                out.insert(id?);
            }
        }
        Ok(out)
    }

    /// The key of series `id`.
    pub fn series_key(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT key FROM series WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Pull requests not linked yet whose tip commit has been read: `(Message-ID, tip, the
    /// tip's commit time)`.
    pub fn pulls_to_link(&self) -> Result<Vec<(String, String, i64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.msgid, m.pull_tip, c.commit_time FROM messages m
             JOIN commits c ON c.sha = m.pull_tip
             WHERE m.pull_tip IS NOT NULL AND m.deleted = 0 AND m.kind = 'pull'
               AND NOT EXISTS (SELECT 1 FROM commit_links l WHERE l.msgid = m.msgid)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Merge commits made from `since` to `until`, oldest first, at most `limit`: `(row, sha)`.
    pub fn merges_between(
        &self,
        since: i64,
        until: i64,
        limit: usize,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, sha FROM commits WHERE merge = 1 AND commit_time BETWEEN ?1 AND ?2
             ORDER BY commit_time, id LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![since, until, limit as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many commits are linked to a patch.
    pub fn commit_link_count(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM commit_links", [], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    }
}

/// The ids of `(id, time)` rows whose time lies between `lo` and `hi`.
fn in_window(
    rows: impl Iterator<Item = rusqlite::Result<(i64, i64)>>,
    lo: i64,
    hi: i64,
) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::new();
    for row in rows {
        let (id, t) = row?;
        if (lo..=hi).contains(&t) {
            out.push(id);
        }
    }
    Ok(out)
}
