//! Reading series back: filtered lists, one series in detail, resolving how a user names one.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{OptionalExtension, Row, params_from_iter, types::Value};

use super::{Store, StoreError};
use crate::model::AttestState;
pub use filter::{Applied, SeriesFilter, SeriesSort};
use filter::{filter_content, filter_fields, order_and_limit};

/// States that take a series out of the outstanding queue.
mod filter;

pub const CLOSED_STATES: [&str; 4] = ["accepted", "rejected", "superseded", "not-applicable"];

/// A series as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesRow {
    pub id: i64,
    pub key: String,
    pub kind: String,
    pub name: String,
    pub version: u32,
    pub total: u32,
    pub received: u32,
    pub complete: bool,
    pub submitter_name: String,
    pub submitter_email: String,
    pub date: i64,
    pub last_activity: i64,
    pub state: String,
    pub state_source: String,
    pub delegate: Option<String>,
    pub archived: bool,
    pub list_id: Option<String>,
    pub prefixes: String,
    pub reviewed: u32,
    pub acked: u32,
    pub tested: u32,
    pub replies: u32,
    pub previous: Option<i64>,
    pub superseded_by: Option<i64>,
    pub cover: Option<String>,
    pub patches: Vec<PatchRow>,
    /// Subsystem names, the most touched first.
    pub subsystems: Vec<String>,
    /// The linked repositories it belongs to (`link` routes it), and how: `landed` or `paths`;
    /// those it landed in first.
    pub repositories: Vec<(String, String)>,
}

/// One patch of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchRow {
    pub message_id: i64,
    pub number: u32,
    pub msgid: String,
    pub subject: String,
    pub duplicate: bool,
    /// Another sender's different patch for a slot the submitter's holds.
    pub conflict: bool,
    /// The patch's sender, and whether a list server vouched for them.
    pub from_email: String,
    pub attestation: AttestState,
    pub reviewed: u32,
    pub acked: u32,
    pub tested: u32,
    /// git's stable patch-id of its diff.
    pub patch_id: Option<String>,
    /// Commits that applied it, earliest first.
    pub commits: Vec<PatchCommit>,
}

/// A commit linked to a patch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchCommit {
    pub sha: String,
    pub method: String,
    pub commit_time: i64,
    /// For `squash`: the percentage of the patch's changed lines the commit holds.
    pub held_pct: Option<u32>,
}

const SERIES_COLUMNS: &str = "s.id, s.key, s.kind, s.name, s.version, s.total, s.received,
    s.complete, s.submitter_name, s.submitter_email, s.date, s.last_activity,
    coalesce(r.state, 'new'), coalesce(r.source, 'auto'), r.delegate, coalesce(r.archived, 0),
    s.list_id, s.prefixes, s.reviewed, s.acked, s.tested, s.replies,
    (SELECT p.id FROM series p WHERE p.key = s.previous),
    (SELECT n.id FROM series n WHERE n.previous = s.key ORDER BY n.date, n.id LIMIT 1),
    (SELECT m.msgid FROM messages m WHERE m.id = s.cover_id),
    (SELECT group_concat(x.repo || ' ' || x.how, char(10)) FROM (SELECT repo, how FROM series_repos
       WHERE series_key = s.key AND how <> 'none' ORDER BY how, repo) x)";

/// The same without the links to other rows (previous, next revision, cover letter): what a
/// table or CSV shows, for a fraction of the random reads.
const SERIES_COLUMNS_LIGHT: &str = "s.id, s.key, s.kind, s.name, s.version, s.total, s.received,
    s.complete, s.submitter_name, s.submitter_email, s.date, s.last_activity,
    coalesce(r.state, 'new'), coalesce(r.source, 'auto'), r.delegate, coalesce(r.archived, 0),
    s.list_id, s.prefixes, s.reviewed, s.acked, s.tested, s.replies, NULL, NULL, NULL,
    (SELECT group_concat(x.repo || ' ' || x.how, char(10)) FROM (SELECT repo, how FROM series_repos
       WHERE series_key = s.key AND how <> 'none' ORDER BY how, repo) x)";

impl Store {
    /// Series matching `f`, with their patches.
    pub fn list_series(&self, f: &SeriesFilter) -> Result<Vec<SeriesRow>, StoreError> {
        // Two steps: the ids in order (cheap to sort, and a LIMIT stops it early), then their
        // rows; computing every column of every match before sorting costs far more.
        let mut sql = String::from(
            "SELECT s.id FROM series s LEFT JOIN review_state r ON r.key = s.key WHERE 1",
        );
        let mut args: Vec<Value> = Vec::new();
        filter_fields(f, &mut sql, &mut args);
        self.filter_subsystem(f, &mut sql, &mut args)?;
        filter_content(f, &mut sql, &mut args);
        order_and_limit(f, &mut sql, &mut args);
        if std::env::var_os("PATCHQ_EXPLAIN").is_some() {
            self.explain(&sql, &args)?;
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let ids: Vec<i64> = stmt
            .query_map(params_from_iter(args), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut rows = self.series_rows(&ids, !f.without_patches)?;
        self.attach(&mut rows, !f.without_patches)?;
        Ok(rows)
    }

    /// `f`'s subsystem condition: driven from the subsystem's series when it has few, else
    /// checked per series in date order so that a LIMIT stops early.
    fn filter_subsystem(
        &self,
        f: &SeriesFilter,
        sql: &mut String,
        args: &mut Vec<Value>,
    ) -> Result<(), StoreError> {
        if let Some(id) = f.subsystem {
            let members: i64 = self.conn.query_row(
                "SELECT count(*) FROM series_subsystems WHERE subsystem_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let total: i64 = self.conn.query_row("SELECT max(id) FROM series", [], |r| {
                Ok(r.get::<_, Option<i64>>(0)?.unwrap_or(0))
            })?;
            if f.limit.is_some() && f.sort == SeriesSort::Date && members * 10 > total {
                sql.push_str(
                    " AND EXISTS (SELECT 1 FROM series_subsystems x WHERE x.series_id = s.id
                       AND x.subsystem_id = ?)",
                );
            } else {
                sql.push_str(
                    " AND s.id IN (SELECT series_id FROM series_subsystems WHERE subsystem_id = ?)",
                );
            }
            args.push(Value::Integer(id));
        }
        Ok(())
    }

    /// The series `ids`, in that order (without patches or subsystems; without the links to
    /// other rows unless `full`).
    fn series_rows(&self, ids: &[i64], full: bool) -> Result<Vec<SeriesRow>, StoreError> {
        let columns = if full {
            SERIES_COLUMNS
        } else {
            SERIES_COLUMNS_LIGHT
        };
        let mut by_id: HashMap<i64, SeriesRow> = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(500) {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {columns} FROM series s LEFT JOIN review_state r ON r.key = s.key
                 WHERE s.id IN ({})",
                marks(chunk.len())
            ))?;
            for row in stmt.query_map(params_from_iter(chunk.iter()), series_row)? {
                let row = row?;
                by_id.insert(row.id, row);
            }
        }
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// One series by row id.
    pub fn series_by_id(&self, id: i64) -> Result<Option<SeriesRow>, StoreError> {
        let sql = format!(
            "SELECT {SERIES_COLUMNS} FROM series s LEFT JOIN review_state r ON r.key = s.key WHERE s.id = ?1"
        );
        let row = self.conn.query_row(&sql, [id], series_row).optional()?;
        let mut rows: Vec<SeriesRow> = row.into_iter().collect();
        self.attach(&mut rows, true)?;
        Ok(rows.pop())
    }

    /// The series a message (by Message-ID) belongs to, as cover letter, patch or reply.
    pub fn series_of_message(&self, msgid: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT p.series_id FROM messages m JOIN placement p ON p.message_id = m.id
                 WHERE m.msgid = ?1 AND p.series_id IS NOT NULL",
                [msgid],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The repository URL and branch or tag of the pull request message `msgid`.
    pub fn pull_request(
        &self,
        msgid: &str,
    ) -> Result<Option<(String, Option<String>)>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT pull_url, pull_branch FROM messages WHERE msgid = ?1 AND pull_url IS NOT NULL",
            )?
            .query_row([msgid], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Fills in the subsystems of `rows` and, with `patches`, their patches and commits, a few
    /// hundred series per query.
    fn attach(&self, rows: &mut [SeriesRow], patches: bool) -> Result<(), StoreError> {
        let any_links: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM commit_links)", [], |r| {
                    r.get(0)
                })?;
        let index: HashMap<i64, usize> = rows.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        for chunk in rows.iter().map(|r| r.id).collect::<Vec<_>>().chunks(500) {
            let marks = marks(chunk.len());
            let ids = params_from_iter(chunk.iter());
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT u.name, x.series_id FROM series_subsystems x
                 JOIN subsystems u ON u.id = x.subsystem_id
                 WHERE x.series_id IN ({marks}) ORDER BY x.series_id, x.rank"
            ))?;
            let mut found = stmt.query(ids)?;
            while let Some(r) = found.next()? {
                rows[index[&r.get::<_, i64>(1)?]].subsystems.push(r.get(0)?);
            }
            if !patches {
                continue;
            }
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT p.message_id, p.number, m.msgid, m.subject, p.duplicate, p.reviewed,
                        p.acked, p.tested, m.patch_id, p.series_id, p.conflict, m.from_email,
                        m.attestation
                 FROM placement p JOIN messages m ON m.id = p.message_id
                 WHERE p.series_id IN ({marks}) AND p.role = 'patch'
                 ORDER BY p.series_id, p.number, p.duplicate, m.date, m.id"
            ))?;
            let mut found = stmt.query(params_from_iter(chunk.iter()))?;
            while let Some(r) = found.next()? {
                rows[index[&r.get::<_, i64>(9)?]].patches.push(PatchRow {
                    message_id: r.get(0)?,
                    number: r.get(1)?,
                    msgid: r.get(2)?,
                    subject: r.get(3)?,
                    duplicate: r.get(4)?,
                    conflict: r.get(10)?,
                    from_email: r.get(11)?,
                    attestation: AttestState::from_db(r.get::<_, Option<String>>(12)?.as_deref()),
                    reviewed: r.get(5)?,
                    acked: r.get(6)?,
                    tested: r.get(7)?,
                    patch_id: r.get(8)?,
                    commits: Vec::new(),
                });
            }
            if any_links {
                let mut stmt = self.conn.prepare_cached(&format!(
                    "SELECT p.series_id, p.message_id, c.sha, l.method, c.commit_time, l.score
                     FROM placement p JOIN messages m ON m.id = p.message_id
                     JOIN commit_links l ON l.msgid = m.msgid JOIN commits c ON c.id = l.commit_id
                     WHERE p.series_id IN ({marks}) AND p.role = 'patch'
                     ORDER BY c.commit_time, c.id"
                ))?;
                let mut found = stmt.query(params_from_iter(chunk.iter()))?;
                while let Some(r) = found.next()? {
                    let row = &mut rows[index[&r.get::<_, i64>(0)?]];
                    let message: i64 = r.get(1)?;
                    if let Some(p) = row.patches.iter_mut().find(|p| p.message_id == message) {
                        let method: String = r.get(3)?;
                        let held = (method == "squash").then_some(r.get::<_, f64>(5)?);
                        p.commits.push(PatchCommit {
                            sha: r.get(2)?,
                            method,
                            commit_time: r.get(4)?,
                            held_pct: held.map(|s| (s * 100.0).round() as u32),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Prints SQLite's plan for `sql` to stderr (`PATCHQ_EXPLAIN=1`, for the benchmark notes).
    fn explain(&self, sql: &str, args: &[Value]) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut depth: Vec<(i64, usize)> = Vec::new();
        eprintln!(
            "plan: {}",
            sql.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        for row in rows {
            let (id, parent, detail) = row?;
            let level = depth
                .iter()
                .find(|(i, _)| *i == parent)
                .map_or(0, |(_, l)| l + 1);
            depth.push((id, level));
            eprintln!("{}{detail}", "  ".repeat(level + 1));
        }
        Ok(())
    }

    /// Every series id in the revision chain of `id`, oldest first.
    pub fn revisions(&self, id: i64) -> Result<Vec<i64>, StoreError> {
        let mut chain = vec![id];
        let mut prev = self.conn.prepare_cached(
            "SELECT p.id FROM series s JOIN series p ON p.key = s.previous WHERE s.id = ?1",
        )?;
        let mut next = self.conn.prepare_cached(
            "SELECT n.id FROM series s JOIN series n ON n.previous = s.key WHERE s.id = ?1
             ORDER BY n.date, n.id LIMIT 1",
        )?;
        let mut at = id;
        while let Some(p) = prev.query_row([at], |r| r.get::<_, i64>(0)).optional()? {
            if chain.contains(&p) {
                break;
            }
            chain.insert(0, p);
            at = p;
        }
        at = id;
        while let Some(n) = next.query_row([at], |r| r.get::<_, i64>(0)).optional()? {
            if chain.contains(&n) {
                break;
            }
            chain.push(n);
            at = n;
        }
        Ok(chain)
    }

    /// Series counts by state, for `stats` and summaries.
    pub fn series_by_state(&self) -> Result<BTreeMap<String, u64>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT coalesce(r.state, 'new'), count(*) FROM series s
             LEFT JOIN review_state r ON r.key = s.key GROUP BY 1",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

fn series_row(r: &Row<'_>) -> rusqlite::Result<SeriesRow> {
    Ok(SeriesRow {
        id: r.get(0)?,
        key: r.get(1)?,
        kind: r.get(2)?,
        name: r.get(3)?,
        version: r.get(4)?,
        total: r.get(5)?,
        received: r.get(6)?,
        complete: r.get(7)?,
        submitter_name: r.get(8)?,
        submitter_email: r.get(9)?,
        date: r.get(10)?,
        last_activity: r.get(11)?,
        state: r.get(12)?,
        state_source: r.get(13)?,
        delegate: r.get(14)?,
        archived: r.get(15)?,
        list_id: r.get(16)?,
        prefixes: r.get(17)?,
        reviewed: r.get(18)?,
        acked: r.get(19)?,
        tested: r.get(20)?,
        replies: r.get(21)?,
        previous: r.get(22)?,
        superseded_by: r.get(23)?,
        cover: r.get(24)?,
        patches: Vec::new(),
        subsystems: Vec::new(),
        // One line per repository; `how` is one word, the path may hold spaces.
        repositories: r
            .get::<_, Option<String>>(25)?
            .unwrap_or_default()
            .lines()
            .filter_map(|v| v.rsplit_once(' '))
            .map(|(repo, how)| (repo.to_string(), how.to_string()))
            .collect(),
    })
}
