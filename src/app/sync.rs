//! `patchq remote` and `patchq sync`: the public-inbox remotes a database follows, and bringing
//! everything it remembers up to date, each source only by what is new: remotes (only epochs
//! whose manifest fingerprint changed are fetched, only commits after the last one read are
//! imported), local archives, Maildirs and inboxes imported before, MAINTAINERS loaded from a
//! repository revision that moved, and the repositories `link` scans.
//!
//! Owns: the order of sources, where mirrors live, what is counted per source. A source that
//! fails is reported and the others go on. Must not: print, hold the lock that keeps two syncs
//! apart (the command line does), or speak HTTP itself (that is `remote`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::link::{LinkOptions, LinkReport};
use super::{AppError, ImportObserver, ImportOptions};
use crate::remote;
use crate::store::{RemoteRow, Store};
use refresh::{refresh_inputs, refresh_maintainers, refresh_repos, refresh_shares};

mod refresh;

/// The kinds of source a sync refreshes (the `kind` of its JSON objects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Remote,
    Mbox,
    Maildir,
    Inbox,
    Repo,
    Maintainers,
    Share,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Remote => "remote",
            SourceKind::Mbox => "mbox",
            SourceKind::Maildir => "maildir",
            SourceKind::Inbox => "inbox",
            SourceKind::Repo => "repo",
            SourceKind::Maintainers => "maintainers",
            SourceKind::Share => "share",
        }
    }
}

/// What syncing one source did.
#[derive(Debug, Clone, PartialEq)]
pub struct Synced {
    pub source: String,
    pub kind: SourceKind,
    /// New messages (mail), new commits (repo), sections loaded (maintainers, when reloaded),
    /// events pulled (share).
    pub new: u64,
    /// Messages rejected or kept unparsed.
    pub rejected: u64,
    pub elapsed_s: f64,
    /// Bytes received from the server (remotes).
    pub downloaded: u64,
    /// Epochs fetched (remotes).
    pub fetched_epochs: u32,
    /// Links found and series accepted (repos).
    pub links: usize,
    pub accepted: usize,
    /// Events pushed (share).
    pub pushed: usize,
    /// Things worth a line: a rewritten history, a purge, an input that is gone.
    pub notes: Vec<String>,
    /// Why the source failed (the others went on).
    pub error: Option<String>,
}

impl Synced {
    fn new(source: &str, kind: SourceKind) -> Synced {
        Synced {
            source: source.to_string(),
            kind,
            new: 0,
            rejected: 0,
            elapsed_s: 0.0,
            downloaded: 0,
            fetched_epochs: 0,
            links: 0,
            accepted: 0,
            pushed: 0,
            notes: Vec::new(),
            error: None,
        }
    }
}

/// What to sync.
#[derive(Debug, Clone, Default)]
pub struct SyncOptions {
    /// Remotes to sync; empty: every remote and every other remembered source.
    pub names: Vec<String>,
    /// Where the mirrors live: `<database>.remotes/`.
    pub data_dir: PathBuf,
    /// The import's settings (threads, trust, Ctrl-C); `list` and `since` come per source.
    pub import: ImportOptions,
    /// The time link rules act at.
    pub now: i64,
    /// The database's share history, and who events made here are by.
    pub share_history: PathBuf,
    pub who: String,
}

/// Receives what a sync does as it goes.
pub trait SyncObserver {
    /// A source starts.
    fn source(&mut self, source: &str, kind: SourceKind);
    /// Bytes received so far while fetching an epoch.
    fn download(&mut self, epoch: &str, bytes: u64);
    /// The source is done (or failed).
    fn finished(&mut self, done: &Synced);
    /// The observer imports report to.
    fn import(&mut self) -> &mut dyn ImportObserver;
}

/// The directory a remote's epochs are mirrored in.
pub fn mirror_dir(data_dir: &Path, name: &str) -> PathBuf {
    data_dir.join(name)
}

/// A remote's name is letters, digits, '.', '_' and '-', not first '.' or '-': it names a
/// directory or a git ref.
pub(super) fn check_name(name: &str) -> Result<(), AppError> {
    let valid = !name.is_empty()
        && !name.starts_with(['.', '-'])
        && !name.ends_with(".lock")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    match valid {
        true => Ok(()),
        false => Err(AppError::User(format!(
            "{name:?}: a remote's name is letters, digits, '.', '_' and '-' (it names a directory)"
        ))),
    }
}

/// Adds a remote: `url` is an inbox over HTTP(S) or a local inbox directory.
pub fn add_remote(
    store: &Store,
    name: &str,
    url: &str,
    since: Option<i64>,
    list: Option<&str>,
) -> Result<RemoteRow, AppError> {
    check_name(name)?;
    let url = if is_url(url) {
        url.trim_end_matches('/').to_string()
    } else {
        let path = std::fs::canonicalize(url).map_err(|e| AppError::User(format!("{url}: {e}")))?;
        if !path.join("git").is_dir() {
            return Err(AppError::User(format!(
                "{}: not a public-inbox v2 inbox (no git/ directory of epochs)",
                path.display()
            )));
        }
        path.display().to_string()
    };
    if !store.add_remote(name, &url, since, list)? {
        return Err(AppError::User(format!(
            "there is a remote named {name} already (`patchq remote remove {name}` first)"
        )));
    }
    store
        .remote(name)?
        .ok_or_else(|| AppError::User(format!("remote {name} vanished")))
}

/// Forgets a remote and deletes its mirrors; the mail imported from it stays.
pub fn remove_remote(store: &Store, data_dir: &Path, name: &str) -> Result<(), AppError> {
    if !store.remove_remote(name)? {
        return Err(AppError::User(format!("no remote named {name}")));
    }
    let dir = mirror_dir(data_dir, name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .map_err(|e| AppError::User(format!("cannot remove {}: {e}", dir.display())))?;
    }
    Ok(())
}

fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

/// Syncs the remotes named (all of them, and every other remembered source, when none is).
pub fn sync(
    store: &mut Store,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
) -> Result<Vec<Synced>, AppError> {
    let remotes = chosen_remotes(store, &opts.names)?;
    let mut done = Vec::new();
    for row in &remotes {
        if stopped(opts) {
            return Ok(done);
        }
        let d = one(row.name.as_str(), SourceKind::Remote, observer, |s, obs| {
            sync_remote(store, row, opts, obs, s)
        });
        done.push(d);
    }
    if !opts.names.is_empty() {
        return Ok(done);
    }
    refresh_inputs(store, opts, observer, &mut done)?;
    if !stopped(opts) {
        refresh_maintainers(store, opts, observer, &mut done);
    }
    if !stopped(opts) {
        refresh_repos(store, opts, observer, &mut done)?;
    }
    if !stopped(opts) {
        refresh_shares(store, opts, observer, &mut done)?;
    }
    Ok(done)
}

fn stopped(opts: &SyncOptions) -> bool {
    opts.import
        .stop
        .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
}

/// Runs one source's work, timing it and turning its failure into the source's error.
fn one(
    source: &str,
    kind: SourceKind,
    observer: &mut dyn SyncObserver,
    work: impl FnOnce(&mut Synced, &mut dyn SyncObserver) -> Result<(), AppError>,
) -> Synced {
    let started = Instant::now();
    observer.source(source, kind);
    let mut s = Synced::new(source, kind);
    if let Err(e) = work(&mut s, observer) {
        s.error = Some(e.to_string());
    }
    s.elapsed_s = started.elapsed().as_secs_f64();
    observer.finished(&s);
    s
}

fn chosen_remotes(store: &Store, names: &[String]) -> Result<Vec<RemoteRow>, AppError> {
    if names.is_empty() {
        return Ok(store.remotes()?);
    }
    names
        .iter()
        .map(|n| {
            store.remote(n)?.ok_or_else(|| {
                AppError::User(format!(
                    "no remote named {n} (`patchq remote list` shows them)"
                ))
            })
        })
        .collect()
}

/// One remote: the epochs whose fingerprint changed are fetched, then the mirror is imported
/// from where the last import stopped. Fingerprints are recorded only after the import, so a
/// sync killed anywhere fetches (nothing new) and imports again (nothing twice).
fn sync_remote(
    store: &mut Store,
    row: &RemoteRow,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    s: &mut Synced,
) -> Result<(), AppError> {
    if !is_url(&row.url) {
        return import_into(store, &row.url, row, opts, observer, s);
    }
    let dir = mirror_dir(&opts.data_dir, &row.name);
    let gz = remote::manifest(&row.url)?;
    let json = crate::source::unpack(gz)
        .map_err(|e| AppError::User(format!("{}/manifest.js.gz: cannot unpack: {e}", row.url)))?;
    let known: HashMap<u32, String> = store.remote_fingerprints(row.id)?.into_iter().collect();
    let mut fetched = Vec::new();
    for epoch in remote::epochs(&row.url, &json)? {
        // An epoch last changed before --since holds nothing wanted.
        if row
            .since
            .is_some_and(|since| epoch.modified != 0 && epoch.modified < since)
        {
            continue;
        }
        let git = dir.join("git").join(format!("{}.git", epoch.number));
        if known.get(&epoch.number) == Some(&epoch.fingerprint) && git.is_dir() {
            continue;
        }
        if stopped(opts) {
            return Ok(());
        }
        s.downloaded += remote::mirror(&epoch.url, &git, &mut |bytes| {
            observer.download(&epoch.url, bytes);
        })?;
        s.fetched_epochs += 1;
        fetched.push((epoch.number, epoch.fingerprint));
    }
    if !fetched.is_empty() {
        import_into(store, &dir.display().to_string(), row, opts, observer, s)?;
    }
    if stopped(opts) {
        return Ok(());
    }
    for (epoch, fingerprint) in &fetched {
        store.set_remote_fingerprint(row.id, *epoch, fingerprint)?;
    }
    store.set_remote_synced(row.id, opts.now)?;
    Ok(())
}

/// Imports a remote's inbox (its mirror, or the local inbox it names) with its list and date.
fn import_into(
    store: &mut Store,
    path: &str,
    row: &RemoteRow,
    opts: &SyncOptions,
    observer: &mut dyn SyncObserver,
    s: &mut Synced,
) -> Result<(), AppError> {
    let import = ImportOptions {
        list: row.list_id.clone().or_else(|| opts.import.list.clone()),
        since: row.since,
        ..opts.import.clone()
    };
    import_counted(store, path, &import, observer, s)
}

/// Imports one path, adding what it brought to `s`.
fn import_counted(
    store: &mut Store,
    path: &str,
    import: &ImportOptions,
    observer: &mut dyn SyncObserver,
    s: &mut Synced,
) -> Result<(), AppError> {
    let report = super::import(store, &[path.to_string()], import, observer.import())?;
    s.new += report.counts.new;
    s.rejected += report.counts.rejected + report.counts.unparsed;
    s.notes.extend(report.notes.iter().map(ToString::to_string));
    match report.failed_inputs.first() {
        Some(why) => Err(AppError::User(why.clone())),
        None => Ok(()),
    }
}

/// The public-inbox remotes followed.
pub fn remotes(store: &Store) -> Result<Vec<RemoteRow>, AppError> {
    Ok(store.remotes()?)
}
