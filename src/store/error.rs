//! Database errors, naming the file and the schema versions involved.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open database: {message}")]
    Open { path: PathBuf, message: String },
    #[error(
        "{path}: database schema version {found} is newer than this patchq supports ({supported}); \
         use a newer patchq"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: migration to schema version {version} failed: {source}")]
    Migration {
        path: PathBuf,
        version: u32,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: not a patchq database ({what}); give another file with --db")]
    Foreign { path: PathBuf, what: String },
    #[error("{path}: cannot write to the database: {why}")]
    ReadOnly { path: PathBuf, why: String },
    #[error(
        "{path}: the database is at schema version {found} and needs upgrading to {wanted}, \
         which cannot be done: {why}"
    )]
    NeedsUpgrade {
        path: PathBuf,
        found: u32,
        wanted: u32,
        why: String,
    },
    #[error(
        "{path}: gave up waiting for the database after {waited_s} s: {writer} \
         (PATCHQ_BUSY_TIMEOUT sets how long to wait, in seconds)"
    )]
    Busy {
        path: PathBuf,
        writer: String,
        waited_s: u64,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// The disk (or the file system the database is on) is full.
    pub fn is_disk_full(&self) -> bool {
        let code = match self {
            StoreError::Sqlite(e) | StoreError::Migration { source: e, .. } => {
                e.sqlite_error_code()
            }
            _ => None,
        };
        code == Some(rusqlite::ErrorCode::DiskFull)
    }
}
