//! Review state shared between co-maintainers through git (`patchq share`): pull takes the
//! events others pushed into the database; push records the events made here as a commit of the
//! share history and pushes it, fetching and merging first, and again when the push is refused
//! because someone pushed in between.
//!
//! Owns: which remote an argument names, the order of steps (events are taken in before the
//! local tip moves past them, so a crash loses none). Must not: print, or decide what events
//! mean for a series (the store settles that).

use std::path::{Path, PathBuf};

use super::AppError;
use crate::share::{BadLine, History, Pushed, Tip};
use crate::store::{ShareRemoteRow, Store};

/// How many times a refused push is retried after merging what was pushed in between.
const PUSH_ATTEMPTS: usize = 8;

/// What one push or pull did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shared {
    pub remote: String,
    /// Events new to this database.
    pub pulled: usize,
    /// Events the remote did not hold before.
    pub pushed: usize,
    /// Lines of the remote's history that are not valid events (skipped).
    pub bad: Vec<BadLine>,
}

impl Shared {
    fn with(target: &Target) -> Shared {
        Shared {
            remote: target.shown().to_string(),
            ..Shared::default()
        }
    }
}

/// The share history of the database at `db`: a bare repository beside it.
pub fn history_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".share.git");
    PathBuf::from(name)
}

/// A remote to share with: a remembered name with its URL, or a URL or path used as given
/// (its name, for the remote-tracking ref, is derived from it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub url: String,
}

impl Target {
    /// A remembered share remote.
    pub fn remembered(r: &ShareRemoteRow) -> Target {
        Target {
            name: r.name.clone(),
            url: r.url.clone(),
        }
    }

    /// A URL or path not remembered; its remote-tracking ref is named after it.
    fn unnamed(url: String) -> Target {
        Target {
            name: format!(
                "{UNNAMED}{:016x}",
                xxhash_rust::xxh3::xxh3_64(url.as_bytes())
            ),
            url,
        }
    }

    /// How reports name it: the name of a remembered remote, else its URL.
    pub fn shown(&self) -> &str {
        match self.name.starts_with(UNNAMED) {
            true => &self.url,
            false => &self.name,
        }
    }
}

/// The prefix of an unnamed remote's name; remembered names cannot take it (`share add`).
const UNNAMED: &str = "url-";

/// The remotes `arg` names: a remembered share remote, else a URL or path; with no `arg`, every
/// remembered one.
pub fn targets(store: &Store, arg: Option<&str>) -> Result<Vec<Target>, AppError> {
    let known = store.share_remotes()?;
    let target = Target::remembered;
    match arg {
        None if known.is_empty() => Err(AppError::User(
            "no share remote: `patchq share add NAME URL` first, or name a URL".into(),
        )),
        None => Ok(known.iter().map(target).collect()),
        Some(a) => match known.iter().find(|r| r.name == a) {
            Some(r) => Ok(vec![target(r)]),
            None => Ok(vec![Target::unnamed(url_or_path(a)?)]),
        },
    }
}

/// A URL as given; a path made absolute (so that it is found from anywhere later).
fn url_or_path(url: &str) -> Result<String, AppError> {
    if url.starts_with('-') {
        return Err(AppError::User(format!("{url:?}: not a URL or path")));
    }
    if url.contains("://") || (url.contains(':') && !Path::new(url).exists()) {
        return Ok(url.to_string());
    }
    let path = std::fs::canonicalize(url).map_err(|e| {
        AppError::User(format!(
            "{url}: {e} (create it with `git init --bare {url}`)"
        ))
    })?;
    Ok(path.display().to_string())
}

/// Remembers a share remote.
pub fn add(store: &Store, name: &str, url: &str) -> Result<Target, AppError> {
    super::sync::check_name(name)?;
    if name.starts_with(UNNAMED) {
        return Err(AppError::User(format!(
            "{name:?}: names starting with {UNNAMED:?} are kept for remotes given by URL"
        )));
    }
    let url = url_or_path(url)?;
    if !store.add_share_remote(name, &url)? {
        return Err(AppError::User(format!(
            "there is a share remote named {name} already (`patchq share remove {name}` first)"
        )));
    }
    Ok(Target {
        name: name.to_string(),
        url,
    })
}

/// Forgets a share remote (the events pulled from it stay).
pub fn remove(store: &Store, name: &str) -> Result<(), AppError> {
    match store.remove_share_remote(name)? {
        true => Ok(()),
        false => Err(AppError::User(format!("no share remote named {name}"))),
    }
}

/// Takes the remote's new events into the database, then makes the local history hold them.
pub fn pull(
    store: &mut Store,
    history: &History,
    target: &Target,
    who: &str,
) -> Result<Shared, AppError> {
    let mut done = Shared::with(target);
    pull_into(store, history, target, who, &mut done)?;
    remembered_synced(store, target)?;
    Ok(done)
}

/// [`pull`]'s work; the remote's tip, if it has a history.
fn pull_into(
    store: &mut Store,
    history: &History,
    target: &Target,
    who: &str,
    done: &mut Shared,
) -> Result<Option<Tip>, AppError> {
    let Some(theirs) = history.fetch(&target.name, &target.url)? else {
        return Ok(None);
    };
    let (events, bad) = history.events(theirs, history.tip())?;
    done.pulled += store.ingest_events(&events)?;
    done.bad.extend(bad);
    history.merge(theirs, who)?;
    Ok(Some(theirs))
}

/// Records the events made here since the last push, and pushes; pulls first (and again when
/// the remote moved meanwhile).
pub fn push(
    store: &mut Store,
    history: &History,
    target: &Target,
    who: &str,
) -> Result<Shared, AppError> {
    let mut done = Shared::with(target);
    for _ in 0..PUSH_ATTEMPTS {
        let theirs = pull_into(store, history, target, who, &mut done)?;
        record_unshared(store, history, theirs, who)?;
        if history.tip().is_none() || history.tip() == theirs {
            remembered_synced(store, target)?;
            return Ok(done);
        }
        let bringing = history.unpushed(theirs)?.len();
        if history.push(&target.url)? == Pushed::Done {
            done.pushed = bringing;
            remembered_synced(store, target)?;
            return Ok(done);
        }
    }
    Err(AppError::User(format!(
        "{}: the remote kept moving; {PUSH_ATTEMPTS} pushes were refused (try again)",
        target.url
    )))
}

/// Records the events made here that the share history does not hold yet as one commit, and
/// marks them shared. Events already in a commit not yet pushed (a push killed between
/// recording and marking) are only marked, so none is recorded twice.
fn record_unshared(
    store: &mut Store,
    history: &History,
    theirs: Option<Tip>,
    who: &str,
) -> Result<(), AppError> {
    let mine = store.unshared_events()?;
    if mine.is_empty() {
        return Ok(());
    }
    let held: std::collections::HashSet<String> = history
        .unpushed(theirs)?
        .into_iter()
        .map(|e| e.uid)
        .collect();
    let fresh: Vec<_> = mine
        .iter()
        .filter(|e| !held.contains(&e.uid))
        .cloned()
        .collect();
    if !fresh.is_empty() {
        history.record(&fresh, who)?;
    }
    let uids: Vec<String> = mine.into_iter().map(|e| e.uid).collect();
    store.mark_shared(&uids)?;
    Ok(())
}

fn remembered_synced(store: &Store, target: &Target) -> Result<(), AppError> {
    Ok(store.share_remote_synced(&target.name)?)
}

/// The share remotes remembered.
pub fn remotes(store: &Store) -> Result<Vec<ShareRemoteRow>, AppError> {
    Ok(store.share_remotes()?)
}
