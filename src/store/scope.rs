//! Reading what series assembly needs: message summaries, the threads and series a set of
//! messages touches, and settled series that may be previous revisions.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};

use super::{Store, StoreError};
use crate::model::{AttestState, MailKind, MessageId, Person, Trailer};
use crate::parse::subject::parse_subject;
use crate::thread::{GivenTrailer, Msg, Prior};

/// The scoped messages, looked up by row id from the scope's ids (`CROSS JOIN` keeps the scope
/// the outer loop: without statistics SQLite chose to scan every message and look each up in
/// the scope, so every assembly of an import read the whole table; at 1M messages that was a
/// quarter of the writer's time).
const SCOPED_MESSAGES: &str = "temp.scope_ids s CROSS JOIN messages m ON m.id = s.id";
/// What assembly reads of a message (`thread_msgs`).
const MSG_COLS: &str = "m.id, m.msgid, m.in_reply_to, m.refs, m.from_name, m.from_email,
    coalesce(m.date, 0), m.kind, m.subject, m.files, m.diffstat, m.patch_id, m.change_id,
    m.list_id, m.trailers, m.attestation, m.bot";
/// Series holding any scoped message.
const SCOPED_SERIES: &str = "SELECT DISTINCT p.series_id
    FROM temp.scope_ids s CROSS JOIN placement p ON p.message_id = s.id
    WHERE p.series_id IS NOT NULL";

/// Series by a sender within a time span (`series_of_sender`).
const SERIES_OF_SENDER: &str =
    "SELECT id FROM series WHERE submitter_email = ?1 COLLATE NOCASE AND date BETWEEN ?2 AND ?3";

fn scoped_msgs_sql() -> String {
    format!("SELECT {MSG_COLS} FROM {SCOPED_MESSAGES} WHERE m.deleted = 0")
}

fn scoped_names_sql() -> String {
    format!("SELECT m.msgid, m.in_reply_to, m.refs FROM {SCOPED_MESSAGES}")
}

impl Store {
    /// Summaries of messages: all of them, or those with the given row ids.
    pub fn thread_msgs(&self, ids: Option<&BTreeSet<i64>>) -> Result<Vec<Msg>, StoreError> {
        let sql = match ids {
            Some(ids) => {
                fill_ids(&self.conn, "scope_ids", ids)?;
                scoped_msgs_sql()
            }
            None => format!("SELECT {MSG_COLS} FROM messages m WHERE m.deleted = 0"),
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let refs: String = r.get(3)?;
            let trailers: Option<String> = r.get(14)?;
            let subject: String = r.get(8)?;
            Ok(Msg {
                id: r.get(0)?,
                msgid: MessageId::from_normalised(r.get(1)?),
                in_reply_to: r
                    .get::<_, Option<String>>(2)?
                    .map(MessageId::from_normalised),
                references: refs
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(|s| MessageId::from_normalised(s.to_string()))
                    .collect(),
                from: Person {
                    name: r.get(4)?,
                    email: r.get(5)?,
                },
                date: r.get(6)?,
                kind: MailKind::from_db(&r.get::<_, String>(7)?),
                tags: parse_subject(&subject),
                has_diff: r.get::<_, i64>(9)? > 0,
                has_diffstat: r.get(10)?,
                patch_id: r.get(11)?,
                change_id: r.get(12)?,
                list_id: r.get(13)?,
                trailers: trailers
                    .as_deref()
                    .map(|t| t.lines().filter_map(Trailer::from_line).collect())
                    .unwrap_or_default(),
                attestation: AttestState::from_db(r.get::<_, Option<String>>(15)?.as_deref()),
                bot: r.get(16)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The threads (by root Message-ID) that any of `msgids` belongs to, as a message or as a
    /// missing message a thread names.
    pub fn threads_of(&self, msgids: &BTreeSet<String>) -> Result<BTreeSet<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.thread FROM messages m JOIN placement p ON p.message_id = m.id WHERE m.msgid = ?1
             UNION ALL SELECT thread FROM thread_ids WHERE msgid = ?1",
        )?;
        let mut out = BTreeSet::new();
        for id in msgids {
            let mut rows = stmt.query([id])?;
            while let Some(r) = rows.next()? {
                out.insert(r.get(0)?);
            }
        }
        Ok(out)
    }

    /// Row ids of every message in the given threads.
    pub fn thread_members(&self, threads: &BTreeSet<i64>) -> Result<BTreeSet<i64>, StoreError> {
        self.placed_by(
            "SELECT message_id FROM placement WHERE thread = ?1",
            threads,
        )
    }

    /// Row ids of the messages `sql` (taking one key) selects, over all `keys`.
    fn placed_by(&self, sql: &str, keys: &BTreeSet<i64>) -> Result<BTreeSet<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut out = BTreeSet::new();
        for k in keys {
            for id in stmt.query_map([k], |r| r.get(0))? {
                out.insert(id?);
            }
        }
        Ok(out)
    }

    /// For the given messages: the Message-IDs they are and name (for thread lookup).
    pub fn named_ids(&self, ids: &BTreeSet<i64>) -> Result<BTreeSet<String>, StoreError> {
        fill_ids(&self.conn, "scope_ids", ids)?;
        let mut stmt = self.conn.prepare(&scoped_names_sql())?;
        let mut out = BTreeSet::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (id, irt, refs) = row?;
            out.insert(id);
            out.extend(irt);
            out.extend(
                refs.split(' ')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
        }
        Ok(out)
    }

    /// Series that hold any of the given messages, and all the messages of those series.
    pub fn series_touching(
        &self,
        ids: &BTreeSet<i64>,
    ) -> Result<(BTreeSet<i64>, BTreeSet<i64>), StoreError> {
        fill_ids(&self.conn, "scope_ids", ids)?;
        let series: BTreeSet<i64> = {
            let mut stmt = self.conn.prepare(SCOPED_SERIES)?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        let members = self.series_message_ids(&series)?;
        Ok((series, members))
    }

    /// Series by `email` dated within [from, to].
    pub fn series_of_sender(
        &self,
        email: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(SERIES_OF_SENDER)?;
        Ok(stmt
            .query_map(params![email, from, to], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Series with the given change-id, or whose previous revision is `key`.
    pub fn series_linked_to(
        &self,
        key: &str,
        change_id: Option<&str>,
    ) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM series WHERE previous = ?1 OR (?2 IS NOT NULL AND change_id = ?2)",
        )?;
        Ok(stmt
            .query_map(params![key, change_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Row ids of the messages of the given series (cover, patches, replies).
    pub fn series_message_ids(&self, series: &BTreeSet<i64>) -> Result<BTreeSet<i64>, StoreError> {
        self.placed_by(
            "SELECT message_id FROM placement WHERE series_id = ?1",
            series,
        )
    }

    /// Settled series as prior revisions: the given ones.
    pub fn priors(&self, series: &BTreeSet<i64>) -> Result<Vec<Prior>, StoreError> {
        let mut head = self.conn.prepare_cached(
            "SELECT s.key, s.date, s.version, s.submitter_name, s.submitter_email, s.change_id,
                    s.kind = 'pull', s.name,
                    (SELECT mm.subject FROM placement p JOIN messages mm ON mm.id = p.message_id
                      WHERE p.series_id = s.id AND p.role = 'patch' ORDER BY p.number LIMIT 1),
                    s.cover_id IS NULL AND s.received > 1, s.prefixes, s.cover_id IS NOT NULL,
                    s.previous
             FROM series s WHERE s.id = ?1",
        )?;
        let mut subjects = self.conn.prepare_cached(
            "SELECT m.subject FROM placement p JOIN messages m ON m.id = p.message_id
             WHERE p.series_id = ?1 AND p.role = 'patch' AND p.duplicate = 0 ORDER BY p.number",
        )?;
        let mut given = self.conn.prepare_cached(
            "SELECT m.patch_id, t.name, t.value, t.given_by, t.carried_from, t.attestation
             FROM trailers t JOIN messages m ON m.id = t.patch_id
             WHERE t.series_id = ?1 AND t.applied = 1 AND m.patch_id IS NOT NULL ORDER BY t.seq",
        )?;
        let mut out = Vec::new();
        for &s in series {
            let mut coverless = false;
            let mut prior = head.query_row([s], |r| {
                let first: Option<String> = r.get(8)?;
                coverless = r.get(9)?;
                Ok(Prior {
                    key: MessageId::from_normalised(r.get(0)?),
                    date: r.get(1)?,
                    version: r.get(2)?,
                    submitter: Person {
                        name: r.get(3)?,
                        email: r.get(4)?,
                    },
                    change_id: r.get(5)?,
                    pull: r.get(6)?,
                    cover_name: r
                        .get::<_, bool>(11)?
                        .then(|| r.get::<_, String>(7))
                        .transpose()?,
                    first_name: first.map(|f| parse_subject(&f).name),
                    patch_names: Vec::new(),
                    prefixes: r
                        .get::<_, String>(10)?
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                    trailers: Vec::new(),
                    previous: r
                        .get::<_, Option<String>>(12)?
                        .map(MessageId::from_normalised),
                })
            })?;
            if coverless {
                prior.patch_names = subjects
                    .query_map([s], |r| r.get::<_, String>(0))?
                    .map(|subject| subject.map(|s| parse_subject(&s).name))
                    .collect::<Result<_, _>>()?;
            }
            prior.trailers = given
                .query_map([s], |r| {
                    let name: String = r.get(1)?;
                    let value: String = r.get(2)?;
                    Ok(GivenTrailer {
                        patch_id: r.get(0)?,
                        trailer: Trailer::new(&name, &value),
                        by: r.get(3)?,
                        carried_from: r
                            .get::<_, Option<String>>(4)?
                            .map(MessageId::from_normalised),
                        attestation: AttestState::from_db(
                            r.get::<_, Option<String>>(5)?.as_deref(),
                        ),
                    })
                })?
                .collect::<Result<_, _>>()?;
            out.push(prior);
        }
        Ok(out)
    }
}

/// Fills temp table `name` with `ids` (created on first use).
fn fill_ids(conn: &Connection, name: &str, ids: &BTreeSet<i64>) -> Result<(), StoreError> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS {name}(id INTEGER PRIMARY KEY); DELETE FROM temp.{name};"
    ))?;
    let mut stmt = conn.prepare_cached(&format!("INSERT INTO temp.{name}(id) VALUES (?1)"))?;
    for id in ids {
        stmt.execute([id])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the scoped reads joined the scope to `messages` and `placement` in the order
    /// SQLite liked, which (with no statistics) was a scan of the whole table with a lookup in
    /// the scope per row, so each assembly of an import read every message stored before.
    #[test]
    fn scoped_reads_look_up_the_scope_and_scan_no_stored_table() {
        let store = Store::open_in_memory().unwrap();
        fill_ids(&store.conn, "scope_ids", &BTreeSet::from([1, 2])).unwrap();
        for sql in [
            scoped_msgs_sql(),
            scoped_names_sql(),
            SCOPED_SERIES.to_string(),
        ] {
            let steps = store.query_plan(&sql);
            let scans: Vec<&String> = steps.iter().filter(|s| s.starts_with("SCAN")).collect();
            assert_eq!(scans, ["SCAN s"], "{sql}: {steps:?}");
            assert!(
                steps.iter().any(|s| s.contains("INTEGER PRIMARY KEY")),
                "{sql}: {steps:?}"
            );
        }
    }

    /// Regression: the index of series by sender had the binary collation, so the lookup of a
    /// sender's series (compared without case) walked every series of the time span instead.
    #[test]
    fn a_senders_series_are_found_through_the_sender_index() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(
            store.query_plan(SERIES_OF_SENDER),
            [
                "SEARCH series USING COVERING INDEX series_submitter (submitter_email=? AND date>? AND date<?)"
            ]
        );
    }
}
