//! The SQLite database: connection, per-connection pragmas, migrations, typed queries and
//! transactions, and the compression of stored blobs.
//!
//! Owns: every SQL statement; it is the only user of `rusqlite`.
//! Must not: parse mail, read archives, or decide policy (what is a duplicate is decided here only
//! in the sense of "this Message-ID is taken"; what to do about it is the caller's).

mod assembly;
mod build;
mod checkpoint;
mod codec;
mod detail;
mod error;
mod import;
mod keywords;
mod landing;
mod links;
mod migrate;
mod open;
mod progress;
mod query;
mod raw;
mod remotes;
mod report;
mod review;
mod routes;
mod scope;
mod search;
mod share;
mod sources;
mod stats;
mod subsystems;
mod thanked;
mod tx;

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use codec::{compress, decompress};
pub use detail::{EventRow, ReplyRow, TrailerRow};
pub use error::StoreError;
pub use import::{Batch, Inserted, NewMessage, RawRef, Reject};
pub use keywords::KeywordsTried;
pub use landing::{Landing, LinkDecision, LinkPatch};
pub use links::{CommitRow, LinkRev, NewCommit};
pub use migrate::SCHEMA_VERSION;
pub use progress::Unfinished;
pub use query::{
    Applied, CLOSED_STATES, PatchCommit, PatchRow, SeriesFilter, SeriesRow, SeriesSort,
};
pub use raw::{Damaged, RawCheck, RawChunk};
pub use remotes::{KnownInput, RemoteRow};
pub use report::{FactEvent, FactReply, FactSeries, FactTrailer, Firsts, ReportFacts};
pub use review::{AUTO, MailCommand, PersonChange};
pub use routes::{BY_PATHS, LANDED};
pub use search::MessageHit;
pub use share::ShareRemoteRow;
pub use sources::{ImportCounts, SourceRow};
pub use stats::{SeriesShapes, Stats};
pub use subsystems::{MaintainerFile, SeriesPaths, SeriesSubsystem, SubsystemLoad};

/// Told, once per wait, when a write waits for another process's lock.
pub type WaitNotice = Box<dyn Fn(&str)>;

/// An open patchq database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Why the database cannot be written, when it cannot.
    read_only: Option<String>,
    /// A read transaction is open (no write may start inside it).
    reading: Cell<bool>,
    /// Told, once per wait, when a write waits for another process's lock.
    on_wait: Option<WaitNotice>,
    /// While a thread checkpoints the write-ahead log (see `checkpoint`): how the writer wakes
    /// it after a commit, and the log length past which the writer checkpoints too.
    background: RefCell<Option<checkpoint::Background>>,
    /// A new database written without the log until it settles (see `build`).
    building: Cell<bool>,
    /// Inside `Store::bulk`.
    in_bulk: Cell<bool>,
    /// Checkpoints started when a build settled inside bulk work, stopped when it ends.
    late_checkpoints: RefCell<Option<checkpoint::Checkpointer>>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, None)
    }

    /// [`Store::open`], telling `on_wait` when it has to wait for another writer.
    pub fn open_with(path: &Path, on_wait: Option<WaitNotice>) -> Result<Store, StoreError> {
        Self::open_as(path, on_wait, false)
    }

    /// [`Store::open_with`]; `build`: a new database is built without the log (see `build`).
    fn open_as(path: &Path, on_wait: Option<WaitNotice>, build: bool) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                message: format!("cannot create {}: {e}", dir.display()),
            })?;
        }
        let (conn, read_only) = open::connect(path)?;
        Self::setup(conn, path, read_only, on_wait, build)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(
            Connection::open_in_memory()?,
            Path::new(":memory:"),
            None,
            None,
            false,
        )
    }

    fn setup(
        conn: Connection,
        path: &Path,
        read_only: Option<String>,
        on_wait: Option<WaitNotice>,
        build: bool,
    ) -> Result<Store, StoreError> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        };
        // Before anything is changed: is it ours, and not from a newer patchq?
        let new = open::check_identity(&conn, path, SCHEMA_VERSION)?;
        set_pragmas(&conn, new && read_only.is_none()).map_err(open_err)?;
        let building =
            build && new && read_only.is_none() && build::start(&conn).map_err(open_err)?;
        if read_only.is_none() && !building {
            set_wal(&conn).map_err(open_err)?;
        }
        let store = Store {
            conn,
            path: path.to_path_buf(),
            read_only,
            reading: Cell::new(false),
            on_wait,
            background: RefCell::new(None),
            building: Cell::new(building),
            in_bulk: Cell::new(false),
            late_checkpoints: RefCell::new(None),
        };
        migrate::apply(&store)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Another connection to the database at `path`, for reading beside a bulk command's writer
    /// on a thread of its own (an import's assemblies, `app::assembler`): like the writer in
    /// bulk it maps none of the file, and its page cache is half the writer's.
    pub fn open_reader(path: &Path) -> Result<Store, StoreError> {
        let store = Self::open(path)?;
        store.conn.pragma_update(None, "mmap_size", BULK_MMAP)?;
        store.conn.pragma_update(None, "cache_size", READER_CACHE)?;
        Ok(store)
    }

    /// Runs `work`, a command that reads or writes most of the database (import, rebuild, link,
    /// loading MAINTAINERS), the way such work goes best. It maps none of the database, so that
    /// its memory does not grow with it (every mapped page read counts in its resident set;
    /// SQLite's own bounded cache and the OS's page cache serve as well): measured at 234k
    /// messages, import 67.5 s and 259 MB unmapped against 71.3 s and 319 MB with 64 MiB mapped;
    /// a MAINTAINERS reload with an edited `K:` line as fast (6.1-6.7 s), 141 MB instead of 203
    /// MB. And a thread checkpoints its log (see `checkpoint`): rebuild at 234k 32.7-34.4 s
    /// against 35.0-37.7 s without, link as fast.
    /// A new database being built (`build`) settles when the work ends, whatever it returned.
    pub fn bulk<T>(&mut self, work: impl FnOnce(&mut Store) -> T) -> Result<T, StoreError> {
        self.conn.pragma_update(None, "mmap_size", BULK_MMAP)?;
        self.in_bulk.set(true);
        let done = self.with_checkpoint_thread(work);
        self.in_bulk.set(false);
        let settled = self.finish_build();
        let done = done?;
        settled?;
        Ok(done)
    }

    /// Keeps each statement's plan whatever values are bound to it (SQLite's query planner
    /// stability guarantee). Without it, SQLite compiles a statement again at every new binding
    /// of a parameter its planner looked at: linking's per-commit and per-path lookups (hundreds
    /// of thousands of them) spent most of their time re-preparing (judging the first 20,000
    /// commits of the big-tree link benchmark: 11.2 s, 3.5 s with it). Only for work whose
    /// statements plan the same for any value.
    pub fn steady_plans(&self) -> Result<(), StoreError> {
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        Ok(())
    }

    /// Why the database cannot be written (`None` when it can).
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// What SQLite plans to read for `sql`, parameters unbound: one line per step ("SCAN s",
    /// "SEARCH m USING ..."), for tests that a statement stays a lookup as tables grow.
    #[cfg(test)]
    pub(crate) fn query_plan(&self, sql: &str) -> Vec<String> {
        let mut stmt = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let unbound = vec![rusqlite::types::Null; stmt.parameter_count()];
        stmt.query_map(rusqlite::params_from_iter(unbound), |r| {
            r.get::<_, String>(3)
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// A read transaction: every query made while it lives sees one snapshot and takes the file
/// lock once (thousands of small queries of a `list` or `show` otherwise lock and unlock each).
pub struct ReadTx<'a>(&'a Store, bool);

impl Store {
    /// Starts a read transaction, ended when the guard is dropped. No write may start while it
    /// is open (it would have to upgrade the read, which SQLite refuses under contention).
    /// Inside a transaction already open, reads simply join it.
    pub fn read_tx(&self) -> Result<ReadTx<'_>, StoreError> {
        if !self.conn.is_autocommit() {
            return Ok(ReadTx(self, false));
        }
        self.conn.execute_batch("BEGIN")?;
        self.reading.set(true);
        Ok(ReadTx(self, true))
    }
}

impl Drop for ReadTx<'_> {
    fn drop(&mut self) {
        if self.1 {
            let _ = self.0.conn.execute_batch("COMMIT");
            self.0.reading.set(false);
        }
    }
}

/// The mapping bulk commands keep (see `Store::bulk`): none.
const BULK_MMAP: i64 = 0;
/// The page cache of a reader beside a bulk writer (`Store::open_reader`): 16 MiB.
const READER_CACHE: i64 = -16384;

/// Settings that live on the connection, not in the file: set on every open. `new`: the file is
/// new and empty (its page size can still be chosen).
fn set_pragmas(conn: &Connection, new: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(tx::wait_limit())?;
    if new {
        // Large pages suit the compressed-mail blobs; only possible before the first write.
        conn.pragma_update(None, "page_size", 16384)?;
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32768)?;
    // Reads through the page cache's mapping instead of a copy per page: a `list` or `show`
    // touches thousands of scattered pages (bench-queries: list 60 -> 45 ms on 1M messages).
    // SQLite caps it at 2 GB.
    conn.pragma_update(None, "mmap_size", 1i64 << 31)?;
    Ok(())
}

/// Write-ahead logging (readers never block the writer nor it them), unless already on. Several
/// commands opening a new database at once race to switch it: SQLite answers that switch with
/// BUSY at once instead of waiting, so it is tried again until the mode is WAL.
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            break;
        }
        // A database that cannot be WAL (in memory) answers with the mode it keeps.
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < tx::wait_limit() =>
            {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            other => {
                other?;
                break;
            }
        }
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

impl Drop for Store {
    /// A build not settled yet (a panic in its work) is made durable and switched to the log.
    fn drop(&mut self) {
        let _ = self.finish_build();
    }
}

/// Seconds since the Unix epoch, for bookkeeping columns.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
