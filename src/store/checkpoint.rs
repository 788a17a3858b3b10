//! Checkpoints of the write-ahead log on a thread of their own, for a bulk command
//! (`Store::bulk`: import, rebuild, link, loading MAINTAINERS):
//! a checkpoint copies the log into the database file and waits for the disk twice (`fsync`),
//! and made by the writing connection itself (SQLite's automatic checkpoint after a commit) it
//! held the writer, and with it every stage of the import behind it, for 0.7 s of the four
//! archives' 5.3 s import (23 `fsync` calls, up to 95 ms each). A second connection checkpoints
//! in passive mode, which never blocks the writer nor waits for it. The log can only start over
//! when a write transaction begins with all of it checkpointed, which a writer that commits and
//! goes on at once never sees: so after each commit the writer reads the log's length (no I/O),
//! and once it holds `LOG_LIMIT` frames checkpoints what the thread has not copied yet, and the
//! log starts over at its next transaction.
//!
//! Each commit also wakes the thread, so that what the commit wrote is copied while the writer
//! goes on rather than when the database closes: a small import (a Maildir of 1,386 messages)
//! ends before the first timed round, and its whole log was copied on close, on the critical
//! path, while the other core sat idle through the final assembly.
//!
//! A new database being built without the log (see `build`) gets the same kind of thread, which
//! syncs the file after each commit instead (`background_syncs`).
//!
//! Must not: write anything but the checkpoint; hold the application's writer lock.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use crossbeam_channel::{Sender, bounded, select};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError};

/// How often the log is checkpointed while the writer works.
const EVERY: Duration = Duration::from_millis(250);
/// SQLite's default for automatic checkpoints (pages in the log).
const AUTO_PAGES: i64 = 1000;
/// Frames in the log after which the writer checkpoints too (256 MiB of 16 KiB pages). The
/// writer copies whatever of the log the thread has not, at least its own last transaction, so
/// the longer the log may grow the less of it falls to the writer: at 1M messages, where one
/// transaction of 4,000 messages writes about 100 MB of scattered index pages, a limit of 64 MiB
/// made the writer copy every transaction itself (17% of its time; 106.5 s against 98.1 s, the
/// log peaking at 154 MB against 344 MB; at 234k 20.3 s against 19.5 s, 99 MB against 290 MB).
pub(super) const LOG_LIMIT: i64 = 16384;
/// How often, and how long apart, the writer tries its checkpoint while the thread's runs.
const BUSY_TRIES: u32 = 50;
const BUSY_PAUSE: Duration = Duration::from_millis(5);

/// The checkpointing thread, while [`Store::with_checkpoint_thread`] runs its work (dropped on
/// a panic, it stops the thread, whoever still holds a `Background`).
pub(super) struct Checkpointer {
    /// Dropped to stop the thread (nothing is sent).
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// What a commit needs while the thread runs: how to wake it, and the log length (frames)
/// past which the writer checkpoints too.
#[derive(Clone)]
pub(super) struct Background {
    wake: Sender<()>,
    limit: i64,
}

impl Store {
    /// Runs `work` (a long write) with the write-ahead log checkpointed by a thread of its own,
    /// and gives the checkpoints back to the writer afterwards, whatever `work` returned. A
    /// database being built (see `build`) has no log yet: a thread syncs its file instead, and
    /// the checkpoints start when the build settles inside `work`. A database that cannot be
    /// WAL, or no second connection: the writer keeps checkpointing itself, as before.
    pub(super) fn with_checkpoint_thread<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> T,
    ) -> Result<T, StoreError> {
        let guard = match self.building.get() {
            true => self.background_syncs()?,
            false => self.background_checkpoints(LOG_LIMIT, EVERY)?,
        };
        let done = work(self);
        self.own_checkpoints(guard)?;
        if let Some(late) = self.late_checkpoints.borrow_mut().take() {
            self.own_checkpoints(late)?;
        }
        Ok(done)
    }

    /// Starts the thread for the rest of bulk work whose database has just gone over to the log
    /// (`Store::settle_build`).
    pub(super) fn background_checkpoints_now(&self) -> Result<Checkpointer, StoreError> {
        self.background_checkpoints(LOG_LIMIT, EVERY)
    }

    /// Starts the thread, which checkpoints when a commit wakes it and `every` so long; the
    /// writer stops checkpointing itself until its log reaches `limit` frames.
    fn background_checkpoints(
        &self,
        limit: i64,
        every: Duration,
    ) -> Result<Checkpointer, StoreError> {
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") || self.read_only.is_some() {
            return Ok(Checkpointer::none());
        }
        let Ok(conn) = open_checkpointer(&self.path) else {
            return Ok(Checkpointer::none());
        };
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        // Busy (another checkpoint) or failed: the next round or the writer's own checkpoint
        // does it.
        let checkpoint = move || {
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        };
        match beside("patchq-checkpoint", every, checkpoint) {
            Ok((wake, guard)) => {
                *self.background.borrow_mut() = Some(Background { wake, limit });
                Ok(guard)
            }
            Err(_) => {
                self.conn
                    .pragma_update(None, "wal_autocheckpoint", AUTO_PAGES)?;
                Ok(Checkpointer::none())
            }
        }
    }

    /// For a database being built (see `build`): a thread that syncs the file when a commit
    /// wakes it and every `EVERY`, so that what the build wrote reaches the disk while it goes
    /// on, not all at once when it settles. It ends once the store lets go of the sender its
    /// commits wake it with (`Store::settle_build`), or the work ends.
    fn background_syncs(&self) -> Result<Checkpointer, StoreError> {
        let Ok(file) = std::fs::File::open(&self.path) else {
            return Ok(Checkpointer::none());
        };
        // Failed (a full disk): the sync when the build settles says so.
        let sync = move || {
            let _ = file.sync_data();
        };
        match beside("patchq-sync", EVERY, sync) {
            Ok((wake, guard)) => {
                *self.background.borrow_mut() = Some(Background {
                    wake,
                    limit: i64::MAX,
                });
                Ok(guard)
            }
            Err(_) => Ok(Checkpointer::none()),
        }
    }

    /// Stops the checkpoints `background_checkpoints` started: the writer makes its own again.
    fn own_checkpoints(&self, mut guard: Checkpointer) -> Result<(), StoreError> {
        self.background.borrow_mut().take();
        if guard.finish() {
            self.conn
                .pragma_update(None, "wal_autocheckpoint", AUTO_PAGES)?;
        }
        Ok(())
    }
}

/// After a commit, the writer's share of the checkpoints while a thread does the rest
/// (`background`: none when no thread runs): wakes the thread, and checkpoints on `conn` (the
/// writer's, between transactions) once the log is long. The commit before it is durable
/// whatever happens here: a failed checkpoint (a full disk) is left to the next one, as SQLite
/// does with its automatic checkpoints.
pub(super) fn after_commit(conn: &Connection, background: Option<&Background>) {
    let Some(&Background { ref wake, limit }) = background else {
        return;
    };
    // Full: a wake is already pending.
    let _ = wake.try_send(());
    // NOOP reads the log's length from its index, copying nothing.
    let log: i64 = conn
        .query_row("PRAGMA wal_checkpoint(NOOP)", [], |r| r.get(1))
        .unwrap_or(0);
    if log < limit {
        return;
    }
    // Busy: the thread is checkpointing; wait for it to end rather than let the log grow
    // by another transaction (it finishes within a few `fsync` calls).
    for _ in 0..BUSY_TRIES {
        match conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(0)) {
            Ok(1) => std::thread::sleep(BUSY_PAUSE),
            _ => return,
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

#[cfg(test)]
impl Store {
    /// The log length past which the writer checkpoints while a thread runs (`i64::MAX`: a
    /// thread syncs a build); `None` when no thread runs.
    pub(super) fn background_limit(&self) -> Option<i64> {
        self.background.borrow().as_ref().map(|b| b.limit)
    }
}

/// A thread named `name` that runs `job` when woken (the sender returned) and `every` so long,
/// until the guard returned is finished or every clone of the sender is gone.
fn beside(
    name: &str,
    every: Duration,
    mut job: impl FnMut() + Send + 'static,
) -> std::io::Result<(Sender<()>, Checkpointer)> {
    // One pending wake is enough: commits made while a job runs are covered by the next one.
    let (wake, woken) = bounded::<()>(1);
    let (stop, stopped) = bounded::<()>(0);
    let thread = std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            loop {
                // Either sender gone (the work is over): stop.
                select! {
                    recv(stopped) -> _ => break,
                    recv(woken) -> woke => if woke.is_err() { break },
                    default(every) => {},
                }
                job();
            }
        })?;
    Ok((
        wake,
        Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        },
    ))
}

impl Checkpointer {
    fn none() -> Checkpointer {
        Checkpointer {
            stop: None,
            thread: None,
        }
    }

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

    /// Frames in the log, and how many of them are copied to the database.
    fn log(store: &Store) -> (i64, i64) {
        store
            .conn
            .query_row("PRAGMA wal_checkpoint(NOOP)", [], |r| {
                Ok((r.get(1)?, r.get(2)?))
            })
            .unwrap()
    }

    /// Waits (10 s at most) until all of the log is copied.
    fn copied(store: &Store) {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while let (frames, copied) = log(store)
            && copied < frames
        {
            assert!(std::time::Instant::now() < deadline, "no checkpoint seen");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The log length past which the writer checkpoints, while a thread runs.
    fn limit(store: &Store) -> Option<i64> {
        store.background.borrow().as_ref().map(|b| b.limit)
    }

    /// Writes `sql` in a transaction of its own, as every write of the store is made.
    fn write(store: &Store, sql: &str) {
        let tx = store.tx().unwrap();
        tx.execute_batch(sql).unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn a_thread_checkpoints_while_the_writer_writes_and_gives_the_checkpoints_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        // The timed rounds are an hour apart: only the commit can wake the thread in time.
        let guard = store
            .background_checkpoints(LOG_LIMIT, Duration::from_secs(3600))
            .unwrap();
        assert_eq!(
            autocheckpoint(&store),
            0,
            "the writer no longer checkpoints itself"
        );
        write(
            &store,
            "CREATE TABLE t(x); INSERT INTO t VALUES (randomblob(200000));",
        );
        let (frames, _) = log(&store);
        assert!(frames >= 13, "200 KB in 16 KiB pages: {frames} frames");
        // The thread copies the log, woken by the commit; the writer did not (it is far below
        // the limit).
        copied(&store);
        // So is the next commit's (the log starts over: all of it was copied).
        write(&store, "INSERT INTO t VALUES (randomblob(100000));");
        assert!(log(&store).0 >= 7, "{:?}", log(&store));
        copied(&store);
        store.own_checkpoints(guard).unwrap();
        assert_eq!(autocheckpoint(&store), AUTO_PAGES);
        assert_eq!(limit(&store), None);
        let n: i64 = store
            .conn
            .query_row("SELECT length(x) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 200_000);
    }

    /// Regression: the writer used to judge the log by the length the thread last reported,
    /// up to 250 ms old, so a writer committing faster than that let it grow to 16,000 frames
    /// (260 MB) over a 234k-message import, against a limit of 4,096.
    #[test]
    fn past_the_limit_the_writer_checkpoints_after_its_commit_and_the_log_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .unwrap();
        write(&store, "CREATE TABLE t(x)");
        let big = "INSERT INTO t VALUES (randomblob(200000))";
        // No limit (and no automatic checkpoint): the log only grows.
        write(&store, big);
        let first = log(&store).0;
        write(&store, big);
        assert!(log(&store).0 > first);
        // A limit of 8 frames: each long log is copied at once after its commit, and the next
        // transaction writes the log from its start again.
        let (wake, _woken) = bounded(1);
        *store.background.borrow_mut() = Some(Background { wake, limit: 8 });
        write(&store, big);
        let (frames, copied) = log(&store);
        assert_eq!(copied, frames, "checkpointed after the commit");
        write(&store, "INSERT INTO t VALUES (1)");
        let (after, _) = log(&store);
        assert!(after < 8, "the log started over: {after} frames");
    }

    #[test]
    fn the_writer_checkpoints_itself_again_after_the_work_even_when_it_failed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let failed: Result<(), &str> = store
            .with_checkpoint_thread(|store| {
                assert_eq!(autocheckpoint(store), 0);
                assert_eq!(limit(store), Some(LOG_LIMIT), "a thread runs");
                Err("the work failed")
            })
            .unwrap();
        assert_eq!(failed, Err("the work failed"));
        assert_eq!(autocheckpoint(&store), AUTO_PAGES);
        assert_eq!(limit(&store), None);
    }

    /// The thread ends on a panic in the work too, though the store still holds the sender
    /// its commits wake it with (the unwinding drops only the guard).
    #[test]
    fn a_panic_in_the_work_stops_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.with_checkpoint_thread(|_| -> () { panic!("the work panicked") })
        }));
        assert!(unwound.is_err());
        assert_eq!(
            limit(&store),
            Some(LOG_LIMIT),
            "the store was left as it was"
        );
    }
}
