//! Remotes `sync` follows, the fingerprint of each epoch last fetched, and the inputs the
//! database remembers (what `sync` refreshes besides the remotes).

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, unix_now};

/// A remote as remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub since: Option<i64>,
    pub list_id: Option<String>,
    pub synced: Option<i64>,
}

/// An input imported before: its path, kind (`mbox`, `maildir`, `public-inbox`,
/// `public-inbox-epoch`) and the list given for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownInput {
    pub path: String,
    pub kind: String,
    pub list_id: Option<String>,
}

fn remote_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RemoteRow> {
    Ok(RemoteRow {
        id: r.get(0)?,
        name: r.get(1)?,
        url: r.get(2)?,
        since: r.get(3)?,
        list_id: r.get(4)?,
        synced: r.get(5)?,
    })
}

const REMOTE_COLS: &str = "id, name, url, since, list_id, synced";

impl Store {
    /// Adds a remote; false when the name is taken.
    pub fn add_remote(
        &self,
        name: &str,
        url: &str,
        since: Option<i64>,
        list: Option<&str>,
    ) -> Result<bool, StoreError> {
        let n = self.exec(
            "INSERT INTO remotes(name, url, since, list_id, added) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(name) DO NOTHING",
            params![name, url, since, list, unix_now()],
        )?;
        Ok(n == 1)
    }

    /// Every remote, in the order they were added.
    pub fn remotes(&self) -> Result<Vec<RemoteRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {REMOTE_COLS} FROM remotes ORDER BY id"))?;
        let rows = stmt.query_map([], remote_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn remote(&self, name: &str) -> Result<Option<RemoteRow>, StoreError> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {REMOTE_COLS} FROM remotes WHERE name = ?1"),
                [name],
                remote_row,
            )
            .optional()?)
    }

    /// Forgets a remote (what was imported from it stays); false when there was none.
    pub fn remove_remote(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.exec("DELETE FROM remotes WHERE name = ?1", [name])? == 1)
    }

    /// The fingerprint each epoch of a remote had when it was last fetched.
    pub fn remote_fingerprints(&self, remote: i64) -> Result<Vec<(u32, String)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT epoch, fingerprint FROM remote_epochs WHERE remote_id = ?1 ORDER BY epoch",
        )?;
        let rows = stmt.query_map([remote], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that an epoch was fetched at this fingerprint.
    pub fn set_remote_fingerprint(
        &self,
        remote: i64,
        epoch: u32,
        fingerprint: &str,
    ) -> Result<(), StoreError> {
        self.exec(
            "INSERT INTO remote_epochs(remote_id, epoch, fingerprint, fetched)
             VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(remote_id, epoch) DO UPDATE SET fingerprint = ?3, fetched = ?4",
            params![remote, epoch, fingerprint, unix_now()],
        )?;
        Ok(())
    }

    /// Records a complete sync of a remote.
    pub fn set_remote_synced(&self, remote: i64, at: i64) -> Result<(), StoreError> {
        self.exec(
            "UPDATE remotes SET synced = ?2 WHERE id = ?1",
            params![remote, at],
        )?;
        Ok(())
    }

    /// Every input imported before, in the order first seen (standard input left out: it
    /// cannot be read again).
    pub fn known_inputs(&self) -> Result<Vec<KnownInput>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, kind, list_id FROM sources WHERE kind != 'stdin' ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(KnownInput {
                path: r.get(0)?,
                kind: r.get(1)?,
                list_id: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Marks as deleted the messages read from epoch `epoch` of input `source` that the epoch
    /// no longer holds (`public-inbox-purge` rewrote its history): kept, never dropped. Returns
    /// how many.
    pub fn mark_purged(
        &self,
        source: i64,
        epoch: u32,
        still_there: &std::collections::HashSet<String>,
    ) -> Result<usize, StoreError> {
        let prefix = format!("epoch {epoch} commit %");
        let ids: Vec<(i64, String)> = self
            .conn
            .prepare_cached(
                "SELECT id, msgid FROM messages WHERE source_id = ?1 AND locator LIKE ?2
                 AND deleted = 0",
            )?
            .query_map(params![source, prefix], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let gone: Vec<(i64, String)> = ids
            .into_iter()
            .filter(|(_, m)| !still_there.contains(m))
            .collect();
        let tx = self.tx()?;
        for (id, msgid) in &gone {
            tx.execute("UPDATE messages SET deleted = 1 WHERE id = ?1", [id])?;
            super::assembly::forget_name(&tx, msgid)?;
        }
        tx.commit()?;
        Ok(gone.len())
    }
}
