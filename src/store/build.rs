//! A new database's first import, written without the write-ahead log until it settles.
//!
//! An import into a database that did not exist writes every page twice through the log (the
//! log, then the database file, the copy made by a thread of its own) and keeps the log's
//! index. Opened without the log and without any sync, the four real archives took 2.96 s
//! instead of 3.65 s and a 1,386-message Maildir 0.24 s instead of 0.29 s (interleaved runs);
//! done safely as below, 3.72 s instead of 4.24 s and 0.266 s instead of 0.294 s on a slower
//! day (README, 2026-12-02). So the import opens it with
//! [`Store::open_to_build`]: SQLite's rollback journal, each page written once, and no syncs
//! (`synchronous=OFF`). Every commit stays atomic if patchq is killed (the journal is written
//! before the pages it saves, and the next command to open the file rolls an unfinished
//! transaction back); only a crash of the whole system before the build settles could damage
//! the file, which then holds nothing but the mail of this import (see below).
//!
//! While it is built, a thread syncs the file after each commit (`Store::background_syncs`), so
//! that little is left to sync when it settles (one `fsync` of the whole file then took 0.29 s
//! on the four archives). Its first assembly window is worked out in place (a second connection
//! reading beside it would hold its commits back). The build settles ([`Store::settle_build`])
//! when the import hands a window to a second connection (its second window), at the latest
//! when its bulk work ends (`Store::bulk`), even on an error, or when the store is dropped: the
//! file is switched to the log, synced with its directory, and from then on is like any other
//! database. Another command that opens the file
//! meanwhile switches it to the log itself (every writable open does, see `set_wal`), waiting
//! for the import's current transaction; the import's next commit sees the switch and syncs
//! again from there (`after_commit`), so what any other command writes is never under
//! `synchronous=OFF`.
//!
//! Must not: build an existing database this way (its data must never be one system crash
//! from damage), or keep the rollback journal past the import that asked for it.

use std::path::Path;

use rusqlite::Connection;

use super::{Store, StoreError};

/// Whether the connection is still on the rollback journal (no other command switched the file
/// to the log between its creation and this call); if so, its commits stop syncing.
pub(super) fn start(conn: &Connection) -> rusqlite::Result<bool> {
    if on_log(conn)? {
        return Ok(false);
    }
    conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(true)
}

/// After a commit of a build: when another command has switched the file to the log, the
/// connection syncs again, and what it wrote unsynced is synced now.
pub(super) fn after_commit(conn: &Connection) -> Result<(), StoreError> {
    if !on_log(conn)? || conn.pragma_query_value(None, "synchronous", |r| r.get::<_, i64>(0))? != 0
    {
        return Ok(());
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    match conn.path() {
        Some(path) if !path.is_empty() => sync(Path::new(path)),
        _ => Ok(()),
    }
}

fn on_log(conn: &Connection) -> rusqlite::Result<bool> {
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    Ok(mode.eq_ignore_ascii_case("wal"))
}

/// Makes what was written to `path` durable: the file's data, and its name in its directory.
fn sync(path: &Path) -> Result<(), StoreError> {
    let failed = |what: &Path, e: std::io::Error| StoreError::Open {
        path: path.to_path_buf(),
        message: format!("cannot sync {}: {e}", what.display()),
    };
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(path, e))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(dir, e))
}

impl Store {
    /// [`Store::open_with`] for an import: a database that does not exist yet (or is an empty
    /// file no other command has set up) is built without the log (see the module header)
    /// until [`Store::settle_build`].
    pub fn open_to_build(
        path: &Path,
        on_wait: Option<super::WaitNotice>,
    ) -> Result<Store, StoreError> {
        Self::open_as(path, on_wait, true)
    }

    /// True while the database is being built without the log.
    pub fn building(&self) -> bool {
        self.building.get()
    }

    /// Ends the build, if this store is one: the file goes over to the log and is synced, and
    /// inside bulk work (`Store::bulk`) a thread checkpoints the log from now on. Called before
    /// a second connection reads the database beside this one.
    pub fn settle_build(&self) -> Result<(), StoreError> {
        // The thread syncing the build ends with the last of its wakes.
        if self.building.get() {
            self.background.borrow_mut().take();
        }
        if !self.finish_build()? {
            return Ok(());
        }
        if self.in_bulk.get() {
            let guard = self.background_checkpoints_now()?;
            *self.late_checkpoints.borrow_mut() = Some(guard);
        }
        Ok(())
    }

    /// The build made durable and switched to the log; true if there was one.
    pub(super) fn finish_build(&self) -> Result<bool, StoreError> {
        if !self.building.replace(false) {
            return Ok(false);
        }
        super::set_wal(&self.conn)?;
        sync(&self.path)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(conn: &Connection) -> String {
        conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    }

    fn synchronous(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap()
    }

    fn write(store: &Store, sql: &str) {
        let tx = store.tx().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.commit().unwrap();
    }

    /// A database that did not exist, opened to be built: its directory, path and store.
    fn new_build() -> (tempfile::TempDir, std::path::PathBuf, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open_to_build(&path, None).unwrap();
        (dir, path, store)
    }

    fn rows(path: &Path) -> i64 {
        let conn = Connection::open(path).unwrap();
        assert_eq!(mode(&conn), "wal", "the file is on the log");
        conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_new_database_is_built_without_the_log_and_settles_on_it_when_the_bulk_work_ends() {
        let (dir, path, mut store) = new_build();
        assert!(store.building());
        assert_eq!(mode(&store.conn), "delete");
        assert_eq!(synchronous(&store.conn), 0);
        store
            .bulk(|store| {
                assert_eq!(store.background_limit(), Some(i64::MAX), "a thread syncs");
                write(store, "CREATE TABLE t(x); INSERT INTO t VALUES (1), (2);");
                assert!(!dir.path().join("t.db-wal").exists());
                assert!(!dir.path().join("t.db-journal").exists());
                write(store, "INSERT INTO t VALUES (3)");
            })
            .unwrap();
        assert!(!store.building());
        assert_eq!(mode(&store.conn), "wal");
        assert_eq!(synchronous(&store.conn), 1, "NORMAL, as every database");
        assert_eq!(store.background_limit(), None);
        drop(store);
        assert_eq!(rows(&path), 3);
    }

    #[test]
    fn an_existing_database_is_never_built() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(Store::open(&path).unwrap());
        let store = Store::open_to_build(&path, None).unwrap();
        assert!(!store.building());
        assert_eq!(mode(&store.conn), "wal");
        assert_eq!(synchronous(&store.conn), 1);
    }

    /// Settled inside the bulk work (an import handing its second window to a connection of
    /// its own), the log is checkpointed by a thread from then on, until the work ends.
    #[test]
    fn a_build_settled_inside_bulk_work_has_its_log_checkpointed_from_then_on() {
        let (_dir, path, mut store) = new_build();
        store
            .bulk(|store| {
                write(store, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
                store.settle_build().unwrap();
                assert!(!store.building());
                assert_eq!(mode(&store.conn), "wal");
                assert_eq!(
                    store.background_limit(),
                    Some(super::super::checkpoint::LOG_LIMIT)
                );
                // A reader beside it now sees what the build wrote.
                let reader = Store::open_reader(&path).unwrap();
                let n: i64 = reader
                    .conn
                    .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
                    .unwrap();
                assert_eq!(n, 1);
                write(store, "INSERT INTO t VALUES (2)");
            })
            .unwrap();
        assert_eq!(
            store.background_limit(),
            None,
            "the thread stopped with the work"
        );
        drop(store);
        assert_eq!(rows(&path), 2);
    }

    /// Another command opening the database while it is built switches it to the log (every
    /// writable open does); the build's next commit notices and syncs again, so nothing the
    /// other command writes is ever unsynced.
    #[test]
    fn a_build_another_command_switched_to_the_log_syncs_again_from_its_next_commit() {
        let (_dir, path, store) = new_build();
        write(&store, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        let other = Store::open(&path).unwrap();
        assert_eq!(mode(&other.conn), "wal");
        write(&other, "INSERT INTO t VALUES (2)");
        drop(other);
        write(&store, "INSERT INTO t VALUES (3)");
        assert_eq!(mode(&store.conn), "wal");
        assert_eq!(synchronous(&store.conn), 1);
        drop(store);
        assert_eq!(rows(&path), 3);
    }

    /// Dropped unsettled (a panic in the import), the build still ends on the log.
    #[test]
    fn a_build_dropped_before_it_settled_is_settled_on_the_way_out() {
        let (_dir, path, store) = new_build();
        write(&store, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        drop(store);
        assert_eq!(rows(&path), 1);
    }
}
