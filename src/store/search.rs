//! Full-text search: the FTS5 index over subjects, message text and paths (filled up to a
//! watermark by the caller, who parses the mail), and message hits for a query.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::model::AttestState;

/// One message found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageHit {
    pub id: i64,
    pub msgid: String,
    pub date: i64,
    pub from_name: String,
    pub from_email: String,
    pub subject: String,
    pub series: Option<i64>,
    pub attestation: AttestState,
}

/// Adds `(row id, subject, body, paths)` rows to the index and moves the watermark past them,
/// in the caller's transaction.
pub(super) fn index_rows(
    conn: &rusqlite::Connection,
    rows: &[(i64, String, String, String)],
) -> Result<(), StoreError> {
    insert_rows(conn, rows)?;
    if let Some(last) = rows.iter().map(|r| r.0).max() {
        mark_indexed(conn, last)?;
    }
    Ok(())
}

/// Adds rows to the index without moving the watermark.
pub(super) fn insert_rows(
    conn: &rusqlite::Connection,
    rows: &[(i64, String, String, String)],
) -> Result<(), StoreError> {
    let mut ins = conn.prepare_cached(
        "INSERT INTO message_fts(rowid, subject, body, paths) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (id, subject, body, paths) in rows {
        ins.execute(params![id, subject, body, paths])?;
    }
    Ok(())
}

/// Every message up to row `last` is in the index.
pub(super) fn mark_indexed(conn: &rusqlite::Connection, last: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta(name, value) VALUES ('fts_indexed', ?1)
         ON CONFLICT(name) DO UPDATE SET value = max(value, ?1)",
        [last],
    )?;
    Ok(())
}

impl Store {
    /// Messages not indexed yet: `(row id, subject)` above the watermark, at most `limit`.
    pub fn unindexed_messages(&self, limit: usize) -> Result<Vec<(i64, String)>, StoreError> {
        let mark = self.meta("fts_indexed")?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, subject FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![mark, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Paths each of `ids` touches, space separated.
    pub fn message_paths(&self, id: i64) -> Result<String, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(new_path, old_path) FROM message_files WHERE message_id = ?1 ORDER BY seq",
        )?;
        let paths: Vec<String> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(paths.join(" "))
    }

    /// Adds `(row id, subject, body, paths)` rows to the index and moves the watermark past
    /// them, in one transaction.
    pub fn index_messages(
        &mut self,
        rows: &[(i64, String, String, String)],
    ) -> Result<(), StoreError> {
        let tx = self.tx()?;
        index_rows(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// Empties the search index (it is refilled on the next search).
    pub fn reset_search_index(&self) -> Result<(), StoreError> {
        let tx = self.tx()?;
        tx.execute_batch("DELETE FROM message_fts; DELETE FROM meta WHERE name = 'fts_indexed';")?;
        tx.commit()
    }

    /// Segments the search index is made of: each commit that added to it wrote one, and FTS5
    /// merges a level's segments once it holds 16 (FTS5's `crisismerge`; 0024 turned the
    /// smaller automatic merges off). Counted by their first leaf page, whose row id in the
    /// index's data table is `segment << 37 | 1` (`FTS5_SEGMENT_ROWID(segment, 1)`).
    #[cfg(test)]
    pub(crate) fn search_segments(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM message_fts_data WHERE id >> 37 > 0 AND id & ((1 << 37) - 1) = 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// Every message of the thread holding `msgid` (as a message, or named by one), oldest
    /// first, as `(row id, hit, in-reply-to, references)`.
    pub fn thread_of(
        &self,
        msgid: &str,
    ) -> Result<Vec<(MessageHit, Option<String>, String)>, StoreError> {
        let threads = self.threads_of(&std::collections::BTreeSet::from([msgid.to_string()]))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.msgid, coalesce(m.date, 0), m.from_name, m.from_email, m.subject,
             p.series_id, m.attestation, m.in_reply_to, m.refs
             FROM placement p JOIN messages m ON m.id = p.message_id
             WHERE p.thread = ?1 AND m.deleted = 0 ORDER BY m.date, m.id",
        )?;
        let mut out = Vec::new();
        for t in threads {
            let rows = stmt.query_map([t], |r| {
                Ok((
                    MessageHit {
                        id: r.get(0)?,
                        msgid: r.get(1)?,
                        date: r.get(2)?,
                        from_name: r.get(3)?,
                        from_email: r.get(4)?,
                        subject: r.get(5)?,
                        series: r.get(6)?,
                        attestation: AttestState::from_db(
                            r.get::<_, Option<String>>(7)?.as_deref(),
                        ),
                    },
                    r.get(8)?,
                    r.get(9)?,
                ))
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    pub fn message_rows_of(&self, msgids: &[&str]) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM messages WHERE msgid = ?1")?;
        let mut out = Vec::with_capacity(msgids.len());
        for m in msgids {
            out.extend(stmt.query_row([m], |r| r.get::<_, i64>(0)).optional()?);
        }
        Ok(out)
    }

    /// Every message row id, in order.
    pub fn message_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id FROM messages ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The content hash each of `ids` was stored with, and whether it was kept unparsed.
    pub fn content_hashes(
        &self,
        ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, (u128, bool)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT content_hash, parse_error IS NOT NULL FROM messages WHERE id = ?1",
        )?;
        let mut out = std::collections::HashMap::with_capacity(ids.len());
        for &id in ids {
            let (hash, unparsed): (Vec<u8>, bool) =
                stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut bytes = [0u8; 16];
            let n = hash.len().min(16);
            bytes[..n].copy_from_slice(&hash[..n]);
            out.insert(id, (u128::from_be_bytes(bytes), unparsed));
        }
        Ok(out)
    }

    /// Row ids of the messages kept unparsed (the parser failed on them), in order.
    pub fn unparsed_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM messages WHERE parse_error IS NOT NULL ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Messages matching the FTS5 `query`, newest first.
    pub fn search_messages(
        &self,
        query: &str,
        limit: Option<u64>,
    ) -> Result<Vec<MessageHit>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.msgid, coalesce(m.date, 0), m.from_name, m.from_email, m.subject,
             (SELECT p.series_id FROM placement p WHERE p.message_id = m.id
              ORDER BY p.series_id LIMIT 1), m.attestation
             FROM message_fts f JOIN messages m ON m.id = f.rowid
             WHERE message_fts MATCH ?1 ORDER BY m.date DESC, m.id DESC LIMIT ?2",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let rows = stmt.query_map(params![query, limit], |r| {
            Ok(MessageHit {
                id: r.get(0)?,
                msgid: r.get(1)?,
                date: r.get(2)?,
                from_name: r.get(3)?,
                from_email: r.get(4)?,
                subject: r.get(5)?,
                series: r.get(6)?,
                attestation: AttestState::from_db(r.get::<_, Option<String>>(7)?.as_deref()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
