//! Checkpoints of the write-ahead log on a thread of their own, for a long write (an import):
//! a checkpoint copies the log into the database file and waits for the disk twice (`fsync`),
//! and made by the writing connection itself (SQLite's automatic checkpoint after a commit) it
//! held the writer, and with it every stage of the import behind it, for 0.7 s of the four
//! archives' 5.3 s import (23 `fsync` calls, up to 95 ms each). A second connection checkpoints
//! in passive mode, which never blocks the writer nor waits for it. The log can only start over
//! when a write transaction begins with all of it checkpointed, which a writer that commits and
//! goes on at once never sees: so once the log holds `LOG_LIMIT` frames, the writer checkpoints
//! after its next commit (what the thread has not copied yet), and the log starts over.
//!
//! Must not: write anything but the checkpoint; hold the application's writer lock.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};

/// How often the log is checkpointed while the writer works.
const EVERY: Duration = Duration::from_millis(250);
/// SQLite's default for automatic checkpoints (pages in the log).
const AUTO_PAGES: i64 = 1000;
/// Frames in the log after which the writer checkpoints too (64 MiB of 16 KiB pages).
const LOG_LIMIT: i64 = 4096;

/// The checkpointing thread, while [`Store::with_checkpoint_thread`] runs its work (dropped on
/// a panic, it stops the thread).
struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Runs `work` (a long write) with the write-ahead log checkpointed by a thread of its own,
    /// and gives the checkpoints back to the writer afterwards, whatever `work` returned.
    /// Without a log (a database that cannot be WAL) or a second connection, the writer keeps
    /// checkpointing itself, as before.
    pub fn with_checkpoint_thread<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> T,
    ) -> Result<T, StoreError> {
        let guard = self.background_checkpoints()?;
        let done = work(self);
        self.own_checkpoints(guard)?;
        Ok(done)
    }

    /// Starts the thread; the writer stops checkpointing itself.
    fn background_checkpoints(&self) -> Result<Checkpointer, StoreError> {
        let mut guard = Checkpointer {
            stop: None,
            thread: None,
        };
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") || self.read_only.is_some() {
            return Ok(guard);
        }
        let Ok(conn) = open_checkpointer(&self.path) else {
            return Ok(guard);
        };
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let frames = Arc::new(AtomicI64::new(0));
        let seen = frames.clone();
        let (stop, stopped) = channel::<()>();
        let thread = std::thread::Builder::new()
            .name("patchq-checkpoint".into())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(EVERY) {
                    // Busy (another checkpoint) or failed: the next round or the writer's own
                    // checkpoint at the end does it.
                    if let Ok(log) =
                        conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))
                    {
                        seen.store(log, Ordering::Relaxed);
                    }
                }
            });
        match thread {
            Ok(t) => {
                guard.stop = Some(stop);
                guard.thread = Some(t);
                *self.log_frames.borrow_mut() = Some(frames);
            }
            Err(_) => self
                .conn
                .pragma_update(None, "wal_autocheckpoint", AUTO_PAGES)?,
        }
        Ok(guard)
    }

    /// Stops the checkpoints `background_checkpoints` started: the writer makes its own again.
    fn own_checkpoints(&self, mut guard: Checkpointer) -> Result<(), StoreError> {
        self.log_frames.borrow_mut().take();
        if guard.finish() {
            self.conn
                .pragma_update(None, "wal_autocheckpoint", AUTO_PAGES)?;
        }
        Ok(())
    }
}

/// After a commit: the writer's share of the checkpoints while a thread does the rest.
pub(super) struct AfterCommit(Option<Arc<AtomicI64>>);

impl Store {
    pub(super) fn after_commit(&self) -> AfterCommit {
        AfterCommit(self.log_frames.borrow().clone())
    }
}

impl AfterCommit {
    /// Checkpoints on `conn` (the writer's, between transactions) once the log is long. The
    /// commit before it is durable whatever happens here: a failed checkpoint (a full disk) is
    /// left to the next one, as SQLite does with its automatic checkpoints.
    pub(super) fn run(&self, conn: &Connection) {
        let Some(frames) = &self.0 else {
            return;
        };
        if frames.load(Ordering::Relaxed) >= LOG_LIMIT
            && conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                .is_ok()
        {
            frames.store(0, Ordering::Relaxed);
        }
    }
}

fn open_checkpointer(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(Duration::from_millis(50))?;
    Ok(conn)
}

impl Checkpointer {
    /// Stops the thread; true if there was one.
    fn finish(&mut self) -> bool {
        drop(self.stop.take());
        self.thread.take().map(|t| t.join()).is_some()
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn autocheckpoint(store: &Store) -> i64 {
        store
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_thread_checkpoints_while_the_writer_writes_and_gives_the_checkpoints_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let guard = store.background_checkpoints().unwrap();
        assert_eq!(
            autocheckpoint(&store),
            0,
            "the writer no longer checkpoints itself"
        );
        let frames = store.log_frames.borrow().clone().expect("a thread runs");
        store
            .conn
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(200000));")
            .unwrap();
        // The thread reports the log it checkpointed: the table's pages are in it.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while frames.load(Ordering::Relaxed) < 10 {
            assert!(std::time::Instant::now() < deadline, "no checkpoint seen");
            std::thread::sleep(Duration::from_millis(20));
        }
        // A long log: the writer checkpoints after its commit, and counts again from nothing.
        frames.store(LOG_LIMIT, Ordering::Relaxed);
        store.after_commit().run(&store.conn);
        assert_eq!(frames.load(Ordering::Relaxed), 0);
        store.own_checkpoints(guard).unwrap();
        assert_eq!(autocheckpoint(&store), AUTO_PAGES);
        assert!(store.log_frames.borrow().is_none());
        let n: i64 = store
            .conn
            .query_row("SELECT length(x) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 200_000);
    }

    #[test]
    fn the_writer_checkpoints_itself_again_after_the_work_even_when_it_failed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let failed: Result<(), &str> = store
            .with_checkpoint_thread(|store| {
                assert_eq!(autocheckpoint(store), 0);
                assert!(store.log_frames.borrow().is_some(), "a thread runs");
                Err("the work failed")
            })
            .unwrap();
        assert_eq!(failed, Err("the work failed"));
        assert_eq!(autocheckpoint(&store), AUTO_PAGES);
        assert!(store.log_frames.borrow().is_none());
    }
}
