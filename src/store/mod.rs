//! The SQLite database: connection, per-connection pragmas, migrations, typed queries and
//! transactions, and the compression of stored blobs.
//!
//! Owns: every SQL statement; it is the only user of `rusqlite`.
//! Must not: parse mail, read archives, or decide policy (what is a duplicate is decided here only
//! in the sense of "this Message-ID is taken"; what to do about it is the caller's).

mod assembly;
mod codec;
mod detail;
mod error;
mod import;
mod landing;
mod links;
mod migrate;
mod query;
mod report;
mod review;
mod scope;
mod search;
mod sources;
mod stats;
mod subsystems;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use codec::{compress, decompress};
pub use detail::{EventRow, ReplyRow, TrailerRow};
pub use error::StoreError;
pub use import::{Batch, Inserted, NewMessage, RawRef, Reject};
pub use landing::{Landing, LinkDecision, LinkPatch};
pub use links::{CommitRow, LinkRev, NewCommit};
pub use migrate::SCHEMA_VERSION;
pub use query::{
    Applied, CLOSED_STATES, PatchCommit, PatchRow, SeriesFilter, SeriesRow, SeriesSort,
};
pub use report::{FactEvent, FactReply, FactSeries, FactTrailer, Firsts, ReportFacts};
pub use review::{AUTO, MailCommand, PersonChange};
pub use search::MessageHit;
pub use sources::{ImportCounts, SourceRow};
pub use stats::{SeriesShapes, Stats};
pub use subsystems::{MaintainerFile, SeriesPaths, SeriesSubsystem, SubsystemLoad};

/// An open patchq database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: path.to_path_buf(),
                message: format!("cannot create {}: {e}", dir.display()),
            })?;
        }
        let conn = Connection::open(path).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::setup(conn, path)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        set_pragmas(&conn).map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        migrate::apply(&mut conn, path)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
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
pub struct ReadTx<'a>(&'a Connection);

impl Store {
    /// Starts a read transaction, ended when the guard is dropped. Not to be nested in a write.
    pub fn read_tx(&self) -> Result<ReadTx<'_>, StoreError> {
        self.conn.execute_batch("BEGIN")?;
        Ok(ReadTx(&self.conn))
    }
}

impl Drop for ReadTx<'_> {
    fn drop(&mut self) {
        let _ = self.0.execute_batch("COMMIT");
    }
}

/// Settings that live on the connection, not in the file: set on every open.
fn set_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Only takes effect on a new, empty file: large pages suit the compressed-mail blobs.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "cache_size", -32768)?;
    // Reads through the page cache's mapping instead of a copy per page: a `list` or `show`
    // touches thousands of scattered pages (bench-queries: list 60 -> 45 ms on 1M messages).
    // SQLite caps it at 2 GB.
    conn.pragma_update(None, "mmap_size", 1i64 << 31)?;
    Ok(())
}

/// Seconds since the Unix epoch, for bookkeeping columns.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
