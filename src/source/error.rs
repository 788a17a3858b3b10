//! Errors from opening and reading inputs; each names the input and, where known, the place.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: cannot open: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    NotAnArchive { path: PathBuf, reason: String },
    /// An entry of an archive that is not read (a Maildir's link or FIFO).
    #[error("{path}: {reason}")]
    Skipped { path: PathBuf, reason: String },
    #[error("{path}: read error at byte {offset}: {source}")]
    Read {
        path: PathBuf,
        offset: u64,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: git: {message}")]
    Git { path: PathBuf, message: String },
}

impl SourceError {
    pub fn git(path: &std::path::Path, err: git2::Error) -> SourceError {
        SourceError::Git {
            path: path.to_path_buf(),
            message: err.message().to_string(),
        }
    }
}
