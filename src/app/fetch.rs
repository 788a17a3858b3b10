//! `patchq fetch`: one thread from a public-inbox server (`<inbox>/<msgid>/t.mbox.gz`, as
//! `b4 mbox` gets it), kept as a file beside the database and imported like any mail.
//!
//! Owns: finding the server (a message URL, a remote, the only remote) and where the thread is
//! kept. Must not: print or speak HTTP itself (that is `remote`).

use std::path::{Path, PathBuf};

use super::{AppError, ImportObserver, ImportOptions, ImportReport};
use crate::store::Store;

/// What `fetch` did.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub msgid: String,
    /// The inbox it came from and the file it was kept in.
    pub base: String,
    pub file: PathBuf,
    pub bytes: u64,
    pub import: ImportReport,
}

/// Fetches the thread of `what` (a Message-ID, `<id>` or a message URL) and imports it.
/// `remote` names the server when `what` is a bare Message-ID (else the only HTTP remote).
pub fn fetch(
    store: &mut Store,
    what: &str,
    remote: Option<&str>,
    data_dir: &Path,
    import: &ImportOptions,
    observer: &mut dyn ImportObserver,
) -> Result<Fetched, AppError> {
    let (base, msgid) = match crate::remote::split_message_url(what) {
        Some(found) => found,
        None => (
            server(store, remote)?,
            what.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string(),
        ),
    };
    if msgid.is_empty() {
        return Err(AppError::User("give a Message-ID or a message URL".into()));
    }
    let gz = crate::remote::thread(&base, &msgid)?
        .ok_or_else(|| AppError::User(format!("{base}: the server holds no message <{msgid}>")))?;
    let dir = data_dir.join(".fetched");
    let file = dir.join(format!(
        "{:016x}.mbox.gz",
        xxhash_rust::xxh3::xxh3_64(msgid.as_bytes())
    ));
    let bytes = gz.len() as u64;
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&file, &gz))
        .map_err(|e| {
            AppError::User(format!("cannot keep the thread in {}: {e}", file.display()))
        })?;
    let report = super::import(store, &[file.display().to_string()], import, observer)?;
    Ok(Fetched {
        msgid,
        base,
        file,
        bytes,
        import: report,
    })
}

/// The server to ask: the remote named, else the only remote over HTTP.
fn server(store: &Store, remote: Option<&str>) -> Result<String, AppError> {
    let remotes = store.remotes()?;
    let web: Vec<_> = remotes
        .iter()
        .filter(|r| r.url.starts_with("http://") || r.url.starts_with("https://"))
        .collect();
    match remote {
        Some(name) => {
            let r = remotes
                .iter()
                .find(|r| r.name == name)
                .ok_or_else(|| AppError::User(format!("no remote named {name}")))?;
            if !web.iter().any(|w| w.name == name) {
                return Err(AppError::User(format!(
                    "remote {name} is a local inbox: fetch needs a server"
                )));
            }
            Ok(r.url.clone())
        }
        None => match web.as_slice() {
            [one] => Ok(one.url.clone()),
            [] => Err(AppError::User(
                "no server to ask: give a message URL, or add a remote (`patchq remote add`)"
                    .into(),
            )),
            _ => Err(AppError::User(
                "several remotes could hold it: choose one with --remote NAME".into(),
            )),
        },
    }
}
