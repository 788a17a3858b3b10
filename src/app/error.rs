//! Errors of the use cases: the library errors they pass on, and user mistakes.

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Source(#[from] crate::source::SourceError),
    #[error(transparent)]
    Git(#[from] crate::gitlink::GitError),
    #[error(transparent)]
    Remote(#[from] crate::remote::RemoteError),
    #[error(transparent)]
    Share(#[from] crate::share::ShareError),
    /// Something the user asked for that does not exist or makes no sense.
    #[error("{0}")]
    User(String),
}
