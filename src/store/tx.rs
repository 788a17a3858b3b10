//! Write transactions. Every write takes SQLite's write lock up front (`BEGIN IMMEDIATE`) and
//! waits for it, so that concurrent commands queue instead of failing: a deferred transaction
//! that reads first and upgrades later gets `SQLITE_BUSY` at once in WAL mode, whatever the busy
//! timeout. A write inside another (`Store::write`, or a helper called by one) is a savepoint, so
//! a use case can make several steps one atomic change.
//!
//! The holder of the lock leaves a note beside the database (`<db>-writer`: pid, start, command)
//! so that a command that waits can say whom it waits for. `PATCHQ_CRASH_AT=N` (or `after:N`)
//! aborts the process just before (after) its Nth commit: the crash tests kill every write
//! command at every commit this way.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

use super::{Store, StoreError};

/// How long a command waits for another's write lock before giving up (`PATCHQ_BUSY_TIMEOUT`,
/// seconds): long enough for the longest single transaction (a rebuild's assembly of a large
/// archive), short enough that a stuck writer is reported.
const DEFAULT_WAIT: Duration = Duration::from_secs(600);
/// After this long, the waiting command says once what it waits for.
const NOTICE_AFTER: Duration = Duration::from_secs(2);
/// Each attempt to take the lock waits this long inside SQLite.
const ATTEMPT: Duration = Duration::from_millis(200);

/// An open write transaction (or a savepoint inside one); rolled back unless committed.
pub(crate) struct Tx<'a> {
    conn: &'a Connection,
    nested: bool,
    done: bool,
    /// While a thread checkpoints the log: how this commit wakes it, and the length past which
    /// this commit checkpoints too.
    background: Option<super::checkpoint::Background>,
    /// The database is being built without the log (see `build`).
    building: bool,
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Tx<'_> {
    pub(crate) fn commit(mut self) -> Result<(), StoreError> {
        self.done = true;
        if self.nested {
            self.conn.execute_batch("RELEASE patchq")?;
            return Ok(());
        }
        let n = COMMITS.fetch_add(1, Ordering::SeqCst) + 1;
        crash_point(CrashAt::Before(n));
        self.conn.execute_batch("COMMIT")?;
        crash_point(CrashAt::After(n));
        super::checkpoint::after_commit(self.conn, self.background.as_ref());
        if self.building {
            super::build::after_commit(self.conn)?;
        }
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let sql = match self.nested {
            true => "ROLLBACK TO patchq; RELEASE patchq",
            false => "ROLLBACK",
        };
        let _ = self.conn.execute_batch(sql);
    }
}

impl Store {
    /// Starts a write transaction, waiting for the write lock; a savepoint when one is open.
    pub(crate) fn tx(&self) -> Result<Tx<'_>, StoreError> {
        let nested = self.begin()?;
        Ok(Tx {
            conn: &self.conn,
            nested,
            done: false,
            background: self.background.borrow().clone(),
            building: self.building.get(),
        })
    }

    /// Runs `f` as one write transaction: everything it writes is committed together, or (on
    /// an error or a crash) nothing is. Inside it, every write the store makes is a savepoint.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let nested = self.begin()?;
        let result = f(self);
        // The guard is made only now: while `f` runs it would borrow the store.
        let end = Tx {
            conn: &self.conn,
            nested,
            done: false,
            background: self.background.borrow().clone(),
            building: self.building.get(),
        };
        match result {
            Ok(v) => end.commit().map(|_| v).map_err(E::from),
            Err(e) => Err(e),
        }
    }

    /// One write statement, as a transaction of its own (a savepoint inside one).
    pub(crate) fn exec<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<usize, StoreError> {
        let tx = self.tx()?;
        let n = tx.execute(sql, params)?;
        tx.commit()?;
        Ok(n)
    }

    /// Opens a transaction or, inside one, a savepoint; true for a savepoint.
    fn begin(&self) -> Result<bool, StoreError> {
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                why: why.clone(),
            });
        }
        if self.reading.get() {
            return Err(StoreError::Corrupt(
                "a write was started inside a read transaction (a bug)".into(),
            ));
        }
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("SAVEPOINT patchq")?;
            return Ok(true);
        }
        self.lock("BEGIN IMMEDIATE")?;
        note_writer(&self.path);
        Ok(false)
    }

    /// Takes a lock with `begin` (`BEGIN IMMEDIATE` or `BEGIN EXCLUSIVE`), waiting up to
    /// `PATCHQ_BUSY_TIMEOUT` for another writer; says once, after a while, whom it waits for.
    pub(super) fn lock(&self, begin: &str) -> Result<(), StoreError> {
        let started = Instant::now();
        let mut noticed = false;
        self.conn.busy_timeout(ATTEMPT)?;
        let result = loop {
            match self.conn.execute_batch(begin) {
                Ok(()) => break Ok(()),
                Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                    let waited = started.elapsed();
                    if waited >= wait_limit() {
                        break Err(StoreError::Busy {
                            path: self.path.clone(),
                            writer: writer_of(&self.path),
                            waited_s: waited.as_secs(),
                        });
                    }
                    if waited >= NOTICE_AFTER && !noticed {
                        noticed = true;
                        if let Some(notice) = &self.on_wait {
                            notice(&format!(
                                "waiting for the database: {}",
                                writer_of(&self.path)
                            ));
                        }
                    }
                }
                Err(e) => break Err(e.into()),
            }
        };
        self.conn.busy_timeout(wait_limit())?;
        result
    }
}

/// How long to wait for a lock.
pub(super) fn wait_limit() -> Duration {
    static LIMIT: OnceLock<Duration> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        std::env::var("PATCHQ_BUSY_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| *s >= 0.0)
            .map_or(DEFAULT_WAIT, Duration::from_secs_f64)
    })
}

/// The note a writer leaves beside the database.
fn writer_file(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-writer");
    PathBuf::from(name)
}

/// Notes this process as the database's writer (best effort: a read-only directory or a full
/// disk only costs the name in other commands' messages).
fn note_writer(db: &Path) {
    if db == Path::new(":memory:") {
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    let text = format!(
        "{}\t{}\t{}\n",
        std::process::id(),
        super::unix_now(),
        args.join(" ")
    );
    let file = writer_file(db);
    let mut tmp = file.as_os_str().to_owned();
    tmp.push(format!(".{}", std::process::id()));
    if std::fs::write(&tmp, text).is_err() || std::fs::rename(&tmp, &file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Who holds (or last held) the write lock, as far as the note says.
pub(super) fn writer_of(db: &Path) -> String {
    let Ok(text) = std::fs::read_to_string(writer_file(db)) else {
        return "another program holds its write lock".into();
    };
    let mut parts = text.trim_end().splitn(3, '\t');
    let (Some(pid), Some(since), Some(command)) = (parts.next(), parts.next(), parts.next()) else {
        return "another program holds its write lock".into();
    };
    let alive = Path::new("/proc").join(pid).exists() || !Path::new("/proc/self").exists();
    let since = chrono::DateTime::from_timestamp(since.parse().unwrap_or(0), 0)
        .map(|d| d.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default();
    if alive && pid != std::process::id().to_string() {
        format!("`{command}` (pid {pid}) has been writing to it since {since}")
    } else {
        format!(
            "another program holds its write lock (the last patchq writer, pid {pid}, has ended)"
        )
    }
}

/// Top-level commits made by this process.
static COMMITS: AtomicU32 = AtomicU32::new(0);

#[derive(Clone, Copy, PartialEq, Eq)]
enum CrashAt {
    Before(u32),
    After(u32),
}

/// Aborts the process (as a crash would: nothing is cleaned up) at the commit named by
/// `PATCHQ_CRASH_AT`.
fn crash_point(here: CrashAt) {
    static AT: OnceLock<Option<CrashAt>> = OnceLock::new();
    let at = AT.get_or_init(|| {
        let v = std::env::var("PATCHQ_CRASH_AT").ok()?;
        match v.strip_prefix("after:") {
            Some(n) => n.parse().ok().map(CrashAt::After),
            None => v.parse().ok().map(CrashAt::Before),
        }
    });
    if *at == Some(here) {
        std::process::abort();
    }
}
