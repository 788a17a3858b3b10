//! The person events that travel between replicas (`patchq share`): this replica's id and
//! Lamport clock, the events not yet recorded into the share history, events pulled from it,
//! the share remotes, and what a series' person events add up to.
//!
//! Owns: settling a series' review record from its person events (the last of each kind in
//! the order lamport, who, uid), so that replicas that hold the same events agree whatever order
//! they came in. Must not: touch git (the `share` module does) or decide which remote to use.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Store, StoreError, unix_now};
use crate::model::{SharedEvent, replica_name};

/// A git repository events are pushed to and pulled from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareRemoteRow {
    pub name: String,
    pub url: String,
    pub synced: Option<i64>,
}

const EVENT_COLS: &str = "uid, key, kind, old, new, who, why, at, lamport, replica";

fn shared_event(r: &rusqlite::Row<'_>) -> rusqlite::Result<SharedEvent> {
    Ok(SharedEvent {
        uid: r.get(0)?,
        key: r.get(1)?,
        kind: r.get(2)?,
        old: r.get(3)?,
        new: r.get(4)?,
        who: r.get(5)?,
        why: r.get(6)?,
        at: r.get(7)?,
        lamport: r.get(8)?,
        replica: r.get(9)?,
    })
}

/// A change a person makes here, as the events table records it.
pub(super) struct PersonEvent<'a> {
    pub key: &'a str,
    pub kind: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub who: &'a str,
    pub at: i64,
    pub why: Option<&'a str>,
}

/// Records a person event made on this replica (a new id, the next Lamport clock) and settles
/// the series' record; in the caller's transaction.
pub(super) fn record_person_event(
    conn: &Connection,
    e: &PersonEvent<'_>,
) -> Result<(), StoreError> {
    let lamport = tick(conn, 0)?;
    conn.prepare_cached(
        "INSERT INTO events(key, at, kind, old, new, who, why, uid, lamport, replica)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, lower(hex(randomblob(16))), ?8, ?9)",
    )?
    .execute(params![
        e.key,
        e.at,
        e.kind,
        e.old,
        e.new,
        e.who,
        e.why,
        lamport,
        replica(conn)?
    ])?;
    settle(conn, e.key, e.at)
}

/// Moves the Lamport clock past `seen` and one further; returns the new clock.
fn tick(conn: &Connection, seen: i64) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO meta(name, value) VALUES ('lamport', ?1 + 1)
             ON CONFLICT(name) DO UPDATE SET value = max(value, ?1) + 1
             RETURNING value",
        )?
        .query_row([seen], |r| r.get(0))?)
}

fn replica(conn: &Connection) -> Result<String, StoreError> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT value FROM meta WHERE name = 'replica'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(replica_name(id.unwrap_or(0)))
}

/// Sets `key`'s review record from its person events: the state of the last person `state`
/// event (automatic states stay beneath when there is none), the last delegate, the last archive
/// flag. Every replica holding the same events computes the same record.
fn settle(conn: &Connection, key: &str, at: i64) -> Result<(), StoreError> {
    let last = |kind: &str| -> Result<Option<Option<String>>, StoreError> {
        Ok(conn
            .prepare_cached(
                "SELECT new FROM events WHERE key = ?1 AND kind = ?2 AND uid IS NOT NULL
                 ORDER BY lamport DESC, who DESC, uid DESC LIMIT 1",
            )?
            .query_row(params![key, kind], |r| r.get(0))
            .optional()?)
    };
    let (state, delegate, archived) = (last("state")?, last("delegate")?, last("archive")?);
    if state.is_none() && delegate.is_none() && archived.is_none() {
        return Ok(());
    }
    let current: (String, String, Option<String>, bool) = conn
        .prepare_cached(
            "SELECT state, source, delegate, archived FROM review_state WHERE key = ?1",
        )?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?
        .unwrap_or_else(|| ("new".into(), "auto".into(), None, false));
    let (state, source) = match state {
        Some(Some(s)) => (s, "person".to_string()),
        _ => (current.0, current.1),
    };
    let delegate = delegate.unwrap_or(current.2);
    let archived = archived.map_or(current.3, |a| a.as_deref() == Some("true"));
    conn.prepare_cached(
        "INSERT INTO review_state(key, state, source, delegate, archived, updated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(key) DO UPDATE SET state = ?2, source = ?3, delegate = ?4, archived = ?5,
         updated = max(updated, ?6)",
    )?
    .execute(params![key, state, source, delegate, archived, at])?;
    Ok(())
}

impl Store {
    /// This replica's id (16 hex digits), as events made here carry it.
    pub fn replica(&self) -> Result<String, StoreError> {
        replica(&self.conn)
    }

    /// Person events made here and not yet recorded into the share history, oldest first.
    pub fn unshared_events(&self) -> Result<Vec<SharedEvent>, StoreError> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} FROM events WHERE uid IS NOT NULL AND shared = 0
             ORDER BY lamport, who, uid"
        ))?;
        let rows = stmt.query_map([], shared_event)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks events as recorded in the share history.
    pub fn mark_shared(&mut self, uids: &[String]) -> Result<(), StoreError> {
        let tx = self.tx()?;
        for uid in uids {
            tx.prepare_cached("UPDATE events SET shared = 1 WHERE uid = ?1")?
                .execute([uid])?;
        }
        tx.commit()
    }

    /// Adds events pulled from the share history (those already held are skipped), moves the
    /// Lamport clock past them and settles the series they are about, in one transaction; a
    /// series not imported yet keeps its record until its mail arrives. Returns how many were new.
    pub fn ingest_events(&mut self, events: &[SharedEvent]) -> Result<usize, StoreError> {
        let tx = self.tx()?;
        let mut new = 0;
        let mut keys: Vec<(&str, i64)> = Vec::new();
        for e in events {
            let n = tx
                .prepare_cached(
                    "INSERT INTO events(uid, key, kind, old, new, who, why, at, lamport, replica,
                       shared)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)
                     ON CONFLICT(uid) WHERE uid IS NOT NULL DO NOTHING",
                )?
                .execute(params![
                    e.uid, e.key, e.kind, e.old, e.new, e.who, e.why, e.at, e.lamport, e.replica
                ])?;
            if n == 1 {
                new += 1;
                tick(&tx, e.lamport)?;
                keys.push((&e.key, e.at));
            }
        }
        keys.sort();
        keys.dedup_by_key(|k| k.0);
        for (key, at) in keys {
            settle(&tx, key, at)?;
        }
        tx.commit()?;
        Ok(new)
    }

    /// Remembers a share remote; false when the name is taken.
    pub fn add_share_remote(&self, name: &str, url: &str) -> Result<bool, StoreError> {
        let n = self.exec(
            "INSERT INTO share_remotes(name, url, added) VALUES (?1, ?2, ?3)
             ON CONFLICT(name) DO NOTHING",
            params![name, url, unix_now()],
        )?;
        Ok(n == 1)
    }

    /// Forgets a share remote; false when there was none of that name.
    pub fn remove_share_remote(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.exec("DELETE FROM share_remotes WHERE name = ?1", [name])? == 1)
    }

    /// Every share remote, by name.
    pub fn share_remotes(&self) -> Result<Vec<ShareRemoteRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, url, synced FROM share_remotes ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok(ShareRemoteRow {
                name: r.get(0)?,
                url: r.get(1)?,
                synced: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Notes that a share remote was pushed to or pulled from completely now.
    pub fn share_remote_synced(&self, name: &str) -> Result<(), StoreError> {
        self.exec(
            "UPDATE share_remotes SET synced = ?2 WHERE name = ?1",
            params![name, unix_now()],
        )?;
        Ok(())
    }
}
