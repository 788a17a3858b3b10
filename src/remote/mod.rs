//! public-inbox servers (lore.kernel.org and its kind): an inbox's manifest (which epochs exist,
//! and a fingerprint of each that changes with every new commit), its epochs mirrored into local
//! bare repositories (fetching only what is new), and one thread as an mbox.
//!
//! Owns: everything about HTTP (it is the only user of the HTTP client) and git's transport
//! over it. Must not: parse mail or touch the database (the mirrors are read by `source` like
//! any local inbox).

mod http;
mod transport;

use std::collections::BTreeMap;
use std::path::Path;

pub use http::{received, set_proxy};

/// What can go wrong talking to a server, naming the URL.
#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: not found on the server")]
    NotFound { url: String },
    #[error("{url}: not a public-inbox manifest: {message}")]
    Manifest { url: String, message: String },
    #[error("{url}: git: {message}")]
    Git { url: String, message: String },
}

impl RemoteError {
    fn http(url: &str, e: impl std::fmt::Display) -> RemoteError {
        RemoteError::Http {
            url: url.to_string(),
            message: e.to_string(),
        }
    }
}

/// One epoch of an inbox as its manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Epoch {
    pub number: u32,
    /// The epoch's git URL.
    pub url: String,
    /// Changes whenever the epoch gets new commits (grokmirror's fingerprint).
    pub fingerprint: String,
    /// Unix time of its last change.
    pub modified: i64,
}

/// The inbox's `manifest.js.gz` (grokmirror's format, gzip), as the server sends it.
pub fn manifest(base: &str) -> Result<Vec<u8>, RemoteError> {
    let url = format!("{}/manifest.js.gz", base.trim_end_matches('/'));
    http::get(&url)?.ok_or(RemoteError::NotFound { url })
}

/// The epochs of the inbox at `base` (`https://lore.kernel.org/linux-modules`) that its
/// manifest (`json`, unpacked) lists, in order.
pub fn epochs(base: &str, json: &[u8]) -> Result<Vec<Epoch>, RemoteError> {
    let base = base.trim_end_matches('/');
    parse_manifest(base, json).map_err(|message| RemoteError::Manifest {
        url: format!("{base}/manifest.js.gz"),
        message,
    })
}

/// The epochs a grokmirror manifest names (`"/<inbox>/git/N.git": {"fingerprint": ..}`).
fn parse_manifest(base: &str, json: &[u8]) -> Result<Vec<Epoch>, String> {
    #[derive(serde::Deserialize)]
    struct Entry {
        fingerprint: Option<String>,
        modified: Option<i64>,
    }
    let entries: BTreeMap<String, Entry> =
        serde_json::from_slice(json).map_err(|e| e.to_string())?;
    let mut out: Vec<Epoch> = entries
        .into_iter()
        .filter_map(|(path, e)| {
            let file = path.rsplit('/').next()?;
            let number = file.strip_suffix(".git")?.parse().ok()?;
            path.trim_end_matches(file)
                .ends_with("/git/")
                .then(|| Epoch {
                    number,
                    url: format!("{base}/git/{number}.git"),
                    fingerprint: e.fingerprint.unwrap_or_default(),
                    modified: e.modified.unwrap_or(0),
                })
        })
        .collect();
    out.sort_by_key(|e| e.number);
    if out.is_empty() {
        return Err("it lists no epoch (git/N.git)".into());
    }
    Ok(out)
}

/// Brings the bare mirror at `dir` up to date with the epoch at `url` (cloning it the first
/// time), calling `progress` with the bytes received so far; returns the bytes received.
pub fn mirror(url: &str, dir: &Path, progress: &mut dyn FnMut(u64)) -> Result<u64, RemoteError> {
    transport::register();
    let git = |e: git2::Error| RemoteError::Git {
        url: url.to_string(),
        message: e.message().to_string(),
    };
    let repo = match git2::Repository::open_bare(dir) {
        Ok(r) => r,
        Err(_) => git2::Repository::init_bare(dir).map_err(git)?,
    };
    let before = received();
    {
        let mut callbacks = git2::RemoteCallbacks::new();
        callbacks.transfer_progress(|_| {
            progress(received() - before);
            true
        });
        let mut opts = git2::FetchOptions::new();
        opts.download_tags(git2::AutotagOption::None);
        opts.remote_callbacks(callbacks);
        let mut remote = repo.remote_anonymous(url).map_err(git)?;
        // Forced: a purge on the server rewrites the epoch's branch.
        remote
            .fetch(&["+refs/heads/*:refs/heads/*"], Some(&mut opts), None)
            .map_err(git)?;
    }
    point_head(&repo).map_err(git)?;
    Ok(received() - before)
}

/// Points HEAD at the branch the epoch has (public-inbox writes `master`) when it points at none.
fn point_head(repo: &git2::Repository) -> Result<(), git2::Error> {
    if repo.head().is_ok() {
        return Ok(());
    }
    let branch = repo
        .branches(Some(git2::BranchType::Local))?
        .flatten()
        .find_map(|(b, _)| b.get().name().ok().map(str::to_string));
    match branch {
        Some(name) => repo.set_head(&name),
        None => Ok(()),
    }
}

/// One thread as an mbox (gzip), the way `b4 mbox` gets it: `<base>/<msgid>/t.mbox.gz`. `None`
/// when the server does not know the message.
pub fn thread(base: &str, msgid: &str) -> Result<Option<Vec<u8>>, RemoteError> {
    let url = format!(
        "{}/{}/t.mbox.gz",
        base.trim_end_matches('/'),
        escape_msgid(msgid)
    );
    http::get(&url)
}

/// A Message-ID as a path segment (public-inbox's escaping: `/`, `%`, `?`, `#` and anything
/// outside printable ASCII percent-encoded).
fn escape_msgid(msgid: &str) -> String {
    let mut out = String::with_capacity(msgid.len());
    for b in msgid.bytes() {
        if b.is_ascii_graphic() && !b"/%?#".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Splits a message URL (`https://lore.kernel.org/linux-modules/<msgid>/`, `.../r/<msgid>`)
/// into the inbox's base and the Message-ID.
pub fn split_message_url(url: &str) -> Option<(String, String)> {
    let trimmed = url.trim().trim_end_matches('/');
    let trimmed = trimmed
        .strip_suffix("/t.mbox.gz")
        .or_else(|| trimmed.strip_suffix("/T"))
        .or_else(|| trimmed.strip_suffix("/t"))
        .unwrap_or(trimmed);
    let (base, last) = trimmed.rsplit_once('/')?;
    let msgid = crate::model::percent_decode(last);
    (msgid.contains('@') && base.contains("://")).then(|| (base.to_string(), msgid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_list_epochs_in_order() {
        let json = br#"{"/lkml/git/1.git": {"fingerprint": "b", "modified": 20},
                        "/lkml/git/0.git": {"fingerprint": "a", "modified": 10},
                        "/lkml/all.git": {"fingerprint": "x"}}"#;
        let e = parse_manifest("https://lore.example/lkml", json).unwrap();
        assert_eq!(
            e,
            [
                Epoch {
                    number: 0,
                    url: "https://lore.example/lkml/git/0.git".into(),
                    fingerprint: "a".into(),
                    modified: 10
                },
                Epoch {
                    number: 1,
                    url: "https://lore.example/lkml/git/1.git".into(),
                    fingerprint: "b".into(),
                    modified: 20
                }
            ]
        );
        assert!(parse_manifest("x", b"{}").is_err());
        assert!(parse_manifest("x", b"not json").is_err());
    }

    #[test]
    fn message_urls_and_ids() {
        assert_eq!(
            split_message_url("https://lore.kernel.org/linux-modules/20240101.1-1-a@b.c/"),
            Some((
                "https://lore.kernel.org/linux-modules".into(),
                "20240101.1-1-a@b.c".into()
            ))
        );
        assert_eq!(
            split_message_url("https://lore.kernel.org/r/a%2Fb@c/t.mbox.gz"),
            Some(("https://lore.kernel.org/r".into(), "a/b@c".into()))
        );
        assert_eq!(split_message_url("a@b"), None);
        assert_eq!(escape_msgid("a/b c@x"), "a%2Fb%20c@x");
    }
}
